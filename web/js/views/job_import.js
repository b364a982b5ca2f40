// The import panel of the jobs view: CSV or a JSON array, pasted or chosen as a file, sent to
// POST /jobs/import as text/csv or application/json; shows {created, duplicates, errors} with
// each row's problem in words.

import { api } from '../api.js';
import { field, h, options, replace } from '../dom.js';
import { busy, formError, plainMessage } from '../forms.js';
import { plural } from '../format.js';
import { JOB_FIELDS } from '../job_fields.js';

const LABELS = Object.fromEntries(JOB_FIELDS.map((f) => [f.name, f.label]));

/* Guesses the body's type: JSON when the file is .json or the text starts with [ or {. */
function contentTypeOf(format, text, fileName) {
    if (format !== 'auto') return format;
    if (/\.json$/i.test(fileName || '') || /^\s*[[{]/.test(text)) return 'application/json';
    return 'text/csv';
}

/* One row's problem as a sentence: "Row 3: Company is required." */
export function rowError(e) {
    const r = /^row has (\d+) fields?, the header has (\d+)$/.exec(e.message || '');
    if (r) return `Row ${e.row}: it has ${plural(Number(r[1]), 'value')} but the header row names ${plural(Number(r[2]), 'column')}. Check for a missing or extra comma.`;
    // the CSV reader's own "record 3 (line 3): quoted field is never closed"
    const bad = /^record \d+ \(line (\d+)\): (.*)$/.exec(e.message || '');
    if (bad) return `Row ${e.row} (line ${bad[1]} of the text): ${CSV_PROBLEMS[bad[2]] || plainMessage(bad[2])}`;
    return `Row ${e.row}: ${plainMessage(e.message, e.field, e.allowed, (name) => LABELS[name] || null)}`;
}

/* The CSV reader's words (src/core/csv.c) for people who write CSV by hand. */
const CSV_PROBLEMS = {
    'quoted field is never closed': 'a value opened with a quote (") is never closed. Check for a missing quote.',
    'quote inside an unquoted field': 'a quote (") inside a value that does not start with one. Put the whole value in quotes and double the quote inside ("").',
    'text after a closing quote': 'text follows a value’s closing quote. Put the whole value in quotes and double the quote inside ("").',
    'too many fields': 'it has more values than the header row names columns. Check for an extra comma.',
};

/* The panel, folded unless open; onImported() (async) runs after an import created something. */
export function importPanel(onImported, open = false) {
    const result = h('div', { 'data-testid': 'import-result', 'aria-live': 'polite' });
    const submit = h('button', { type: 'submit', 'data-testid': 'import-submit' }, 'Import');
    const form = h('form', { class: 'import', 'data-testid': 'import-form', novalidate: true },
        h('p', { class: 'hint' }, 'CSV with a header row (company,title,location,…) or a JSON array of jobs. Rows numbered from the first row after the header.'));
    const errors = formError(form, 'import-error');
    form.append(errors.el,
        field('Paste CSV or JSON', h('textarea', { id: 'import-text', name: 'text', rows: 6 })),
        field('…or choose a file', h('input', {
            id: 'import-file', name: 'file', type: 'file', accept: '.csv,.json,text/csv,application/json',
        })),
        field('Format', h('select', { id: 'import-format', name: 'format' }, options([
            ['auto', 'Detect'], ['text/csv', 'CSV'], ['application/json', 'JSON'],
        ], 'auto'))),
        submit, result);

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        result.replaceChildren();
        busy(submit, errors, async () => {
            const file = form.elements.file.files[0];
            const text = file ? await file.text() : form.elements.text.value;
            if (!text.trim()) throw new Error('Paste some CSV or JSON, or choose a file');
            const type = contentTypeOf(form.elements.format.value, text, file && file.name);
            const summary = await api.send('/jobs/import', text, type);
            replace(result, describe(summary)); // by h()'s rules: no "null" for a missing part
            if (summary.created > 0) await onImported();
        });
    });
    return h('details', { class: 'card', 'data-testid': 'import-panel', open },
        h('summary', null, 'Import jobs'), form);
}

function describe(summary) {
    const errors = summary.errors || [];
    const ignored = summary.ignored_columns || [];
    // Two ways a CSV reads as nothing or as one column, said in words: only a header row (a single
    // line is taken as the header), or a spreadsheet's export with semicolons or tabs between
    // the columns (the whole header becomes one unknown column).
    const separator = ignored.find((c) => /[;\t]/.test(c));
    const hint = separator
        ? `The header row seems to separate its columns with ${separator.includes(';') ? 'semicolons' : 'tabs'}; the import reads commas. Save the file as CSV with commas (company,title,location,…).`
        : summary.created + summary.duplicates + errors.length === 0
            ? 'Nothing to import: no rows below the header row. The first line names the columns (company,title,location,…); each line after it is a job.'
            : null;
    return [
        h('p', { 'data-testid': 'import-summary' },
            `Created ${summary.created}, duplicates ${summary.duplicates}, errors ${errors.length}.`),
        hint ? h('p', { class: 'notice', 'data-testid': 'import-hint' }, hint) : null,
        errors.length ? h('ul', { class: 'errors', 'data-testid': 'import-errors' }, errors.map((e) => h('li', null, rowError(e)))) : null,
        summary.ignored_columns && summary.ignored_columns.length
            ? h('p', { class: 'muted' }, `Columns not used: ${summary.ignored_columns.join(', ')}.`) : null,
    ];
}
