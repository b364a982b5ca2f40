// The import panel of the jobs view: CSV or a JSON array, pasted or chosen as a file, sent to
// POST /jobs/import as text/csv or application/json; shows {created, duplicates, errors}.

import { api } from '../api.js';
import { errorBox, field, h, options, showError } from '../dom.js';

/* Guesses the body's type: JSON when the file is .json or the text starts with [ or {. */
function contentTypeOf(format, text, fileName) {
    if (format !== 'auto') return format;
    if (/\.json$/i.test(fileName || '') || /^\s*[[{]/.test(text)) return 'application/json';
    return 'text/csv';
}

/* The panel; onImported() (async) runs after an import created something. */
export function importPanel(onImported) {
    const error = errorBox('import-error');
    const result = h('div', { 'data-testid': 'import-result', 'aria-live': 'polite' });
    const form = h('form', { class: 'import', 'data-testid': 'import-form' },
        h('p', { class: 'hint' },
            'CSV with a header row (company,title,location,…) or a JSON array of jobs.'),
        field('Paste CSV or JSON', h('textarea', { id: 'import-text', name: 'text', rows: 6 })),
        field('…or choose a file', h('input', {
            id: 'import-file', name: 'file', type: 'file', accept: '.csv,.json,text/csv,application/json',
        })),
        field('Format', h('select', { id: 'import-format', name: 'format' }, options([
            ['auto', 'Detect'], ['text/csv', 'CSV'], ['application/json', 'JSON'],
        ], 'auto'))),
        h('button', { type: 'submit', 'data-testid': 'import-submit' }, 'Import'),
        error, result);

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        showError(error, null, form);
        result.replaceChildren();
        const file = form.elements.file.files[0];
        const text = file ? await file.text() : form.elements.text.value;
        if (!text.trim()) return showError(error, new Error('Paste some CSV or JSON, or choose a file.'));
        const type = contentTypeOf(form.elements.format.value, text, file && file.name);
        try {
            const summary = await api.upload('/jobs/import', text, type);
            result.replaceChildren(...describe(summary));
            if (summary.created > 0) await onImported();
        } catch (err) {
            showError(error, err, form);
        }
    });
    return h('details', { class: 'card', 'data-testid': 'import-panel' },
        h('summary', null, 'Import jobs'), form);
}

function describe(summary) {
    const errors = summary.errors || [];
    return [
        h('p', { 'data-testid': 'import-summary' },
            `Created ${summary.created}, duplicates ${summary.duplicates}, errors ${errors.length}.`),
        errors.length ? h('ul', { class: 'errors' }, errors.map((e) =>
            h('li', null, `Row ${e.row}: ${e.message}`))) : null,
    ];
}
