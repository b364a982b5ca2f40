// The job's fields as the form and the detail view show them (SPEC part A, jobs), and the
// conversions between form controls and JSON values. The status is not among them: a job's
// status follows its application, changed on the job page's application panel.

import { amount, commaList, label, wholeNumber } from './format.js';

/* The values of the job's enumerated fields (SPEC part A). */
export const JOB_FIELD_VALUES = {
    job_type: ['full-time', 'part-time', 'contract', 'internship', 'temporary', 'freelance'],
    remote_option: ['onsite', 'hybrid', 'remote'],
    source: ['manual', 'import', 'linkedin', 'indeed', 'adzuna', 'rss', 'api', 'other'],
};

/* kind: text (default), select, int, list (comma-separated array), url, date, long (textarea);
 * money: an int typed as people write amounts ("80k", "80,000": amount() in format.js). */
export const JOB_FIELDS = [
    { name: 'company', label: 'Company', required: true },
    { name: 'title', label: 'Title', required: true },
    { name: 'location', label: 'Location' },
    { name: 'job_type', label: 'Job type', kind: 'select' },
    { name: 'remote_option', label: 'Remote', kind: 'select' },
    { name: 'source', label: 'Source', kind: 'select' },
    { name: 'salary_min', label: 'Salary from', kind: 'int', money: true, hint: 'Per year, e.g. 90000, 90,000 or 90k.' },
    { name: 'salary_max', label: 'Salary to', kind: 'int', money: true },
    { name: 'currency', label: 'Currency', hint: 'Three letters, e.g. EUR or USD.' },
    { name: 'salary_range', label: 'Salary as advertised' },
    { name: 'tech_stack', label: 'Tech stack', kind: 'list', hint: 'Comma-separated.' },
    { name: 'documents_required', label: 'Documents required', kind: 'list', hint: 'Comma-separated.' },
    { name: 'application_url', label: 'Application link', kind: 'url' },
    { name: 'source_url', label: 'Posting link', kind: 'url' },
    { name: 'date_applied', label: 'Date applied', kind: 'date' },
    { name: 'description', label: 'Description', kind: 'long' },
    { name: 'requirements', label: 'Requirements', kind: 'long' },
    { name: 'responsibilities', label: 'Responsibilities', kind: 'long' },
    { name: 'notes', label: 'Notes', kind: 'long' },
];

/* The control's text for a JSON value. */
export function toInput(f, value) {
    if (value === null || value === undefined) return '';
    return f.kind === 'list' ? value.join(', ') : String(value);
}

/* The JSON value for a control's text; null when empty. Integers that do not parse are sent as
 * typed so the server's 422 names the field. */
export function fromInput(f, text) {
    const t = text.trim();
    if (f.kind === 'list') {
        const items = commaList(t);
        return items.length ? items : null;
    }
    if (t === '') return null;
    if (f.kind === 'int') return f.money ? amount(t) : wholeNumber(t);
    if (f.name === 'currency') return t.toUpperCase();
    return f.kind === 'long' ? text : t;
}

/* A value shown as text in the detail view (null when empty). */
export function display(f, value) {
    if (value === null || value === undefined || value === '') return null;
    if (f.kind === 'list') return value.length ? value.join(', ') : null;
    if (f.kind === 'select') return label(value);
    return String(value);
}
