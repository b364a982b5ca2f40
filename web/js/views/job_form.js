// #/jobs/new and #/jobs/ID/edit: every job field but the status (a job's status follows its
// application and changes on the job page). A duplicate answers 409 with the existing job's id,
// shown as a link; a new job's near duplicates are handed to the detail view. An edit sends the
// version the form was filled from (If-Match): a change made elsewhere meanwhile is refused
// with "This job was changed elsewhere — reload to see the latest".
//
// API: GET /jobs/ID, POST /jobs, PATCH /jobs/ID.

import { api, ApiError } from '../api.js';
import { field, h, heading, mount, options } from '../dom.js';
import { busy, formError } from '../forms.js';
import { labelled } from '../format.js';
import { JOB_FIELDS, JOB_FIELD_VALUES, fromInput, toInput } from '../job_fields.js';
import { navigate, navigateAfterSave } from '../navigate.js';
import { rememberPossibleDuplicates } from './job_detail.js';

export async function render(root, { params }) {
    const id = params[0];
    const job = id ? await api.get(`/jobs/${id}`) : {};
    const form = h('form', { class: 'card job-form', 'data-testid': 'job-form', novalidate: true });
    const errors = formError(form, 'form-error', 'job');
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'job-submit' }, id ? 'Save changes' : 'Add job');
    mount(form, errors.el,
        h('div', { class: 'form-grid' }, JOB_FIELDS.map((f) => control(f, job[f.name]))),
        h('div', { class: 'actions' }, submit,
            h('a', { href: id ? `#/jobs/${id}` : '#/jobs', class: 'button' }, 'Cancel')));

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const body = id ? changes(form, job) : values(form);
        if (id && Object.keys(body).length === 0) return navigate(`#/jobs/${id}`);
        const from = location.hash;
        busy(submit, null, async () => {
            try {
                const saved = id ? await api.patch(`/jobs/${id}`, body, job.row_version) : await api.post('/jobs', body);
                if (saved.possible_duplicates && saved.possible_duplicates.length)
                    rememberPossibleDuplicates(saved.id, saved.possible_duplicates);
                navigateAfterSave(from, `#/jobs/${saved.id}`, id ? 'Job saved.' : 'Job added.',
                    `${id ? 'Saved' : 'Added'} the job “${saved.title}” at ${saved.company}.`);
            } catch (err) {
                errors.show(err, ...duplicateLink(err));
            }
        });
    });
    mount(root, heading(id ? `Edit ${job.title}` : 'Add a job'),
        h('p', { class: 'subtitle' }, 'Only company and title are required. The status is set by the job’s application.'), form);
}

function control(f, value) {
    const id = `job-${f.name.replace(/_/g, '-')}`;
    const text = toInput(f, value);
    let el;
    if (f.kind === 'select') {
        el = h('select', { id, name: f.name }, options([['', '—'], ...labelled(JOB_FIELD_VALUES[f.name])], text));
    } else if (f.kind === 'long') {
        el = h('textarea', { id, name: f.name, rows: 4, value: text });
    } else {
        const type = { url: 'url', date: 'date' }[f.kind] || 'text';
        el = h('input', { id, name: f.name, type, value: text, required: f.required,
            inputmode: f.kind === 'int' ? 'numeric' : null, autocomplete: 'off' });
    }
    return field(f.label, el, f.hint, { wide: f.kind === 'long' });
}

/* The new job's body: every filled field. */
function values(form) {
    const body = {};
    for (const f of JOB_FIELDS) {
        const value = fromInput(f, form.elements.namedItem(f.name).value);
        if (value !== null) body[f.name] = value;
    }
    return body;
}

/* The PATCH body: only the fields that differ from job (cleared ones as null). */
function changes(form, job) {
    const body = {};
    for (const f of JOB_FIELDS) {
        const value = fromInput(f, form.elements.namedItem(f.name).value);
        const before = fromInput(f, toInput(f, job[f.name]));
        if (JSON.stringify(value) !== JSON.stringify(before)) body[f.name] = value;
    }
    return body;
}

/* For a 409 duplicate: a link to the job already tracked. */
function duplicateLink(err) {
    if (!(err instanceof ApiError) || err.status !== 409 || !err.details.existing_id) return [];
    const existing = err.details.existing_id;
    return [' ', h('a', { href: `#/jobs/${existing}`, 'data-testid': 'duplicate-link' },
        'Open the job already tracked')];
}
