// The job's fields as the form and the detail view show them (SPEC part A, jobs), and the
// conversions between form controls and JSON values.

import { humanize } from './dom.js';
import { JOB_STATUSES } from './pipeline.js';

export const JOB_TYPES = ['full-time', 'part-time', 'contract', 'internship', 'temporary', 'freelance'];
export const REMOTE_OPTIONS = ['onsite', 'hybrid', 'remote'];
export const SOURCES = ['manual', 'import', 'linkedin', 'indeed', 'adzuna', 'rss', 'api', 'other'];

/* kind: text (default), select, int, list (comma-separated array), url, date, long (textarea). */
export const JOB_FIELDS = [
    { name: 'company', label: 'Company', required: true },
    { name: 'title', label: 'Title', required: true },
    { name: 'location', label: 'Location' },
    { name: 'status', label: 'Status', kind: 'select', values: JOB_STATUSES, noEmpty: true },
    { name: 'job_type', label: 'Job type', kind: 'select', values: JOB_TYPES },
    { name: 'remote_option', label: 'Remote', kind: 'select', values: REMOTE_OPTIONS },
    { name: 'source', label: 'Source', kind: 'select', values: SOURCES },
    { name: 'salary_min', label: 'Salary from', kind: 'int' },
    { name: 'salary_max', label: 'Salary to', kind: 'int' },
    { name: 'currency', label: 'Currency', hint: 'Three letters, e.g. EUR or USD.' },
    { name: 'salary_range', label: 'Salary as advertised' },
    { name: 'tech_stack', label: 'Tech stack', kind: 'list', hint: 'Comma-separated.' },
    { name: 'documents_required', label: 'Documents required', kind: 'list', hint: 'Comma-separated.' },
    { name: 'application_url', label: 'Application URL', kind: 'url' },
    { name: 'source_url', label: 'Source URL', kind: 'url' },
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
        const items = t.split(',').map((s) => s.trim()).filter(Boolean);
        return items.length ? items : null;
    }
    if (t === '') return null;
    if (f.kind === 'int' && /^-?\d+$/.test(t)) return Number(t);
    return f.kind === 'long' ? text : t;
}

/* A value shown as text in the detail view. */
export function display(f, value) {
    if (value === null || value === undefined || value === '') return null;
    if (f.kind === 'list') return value.length ? value.join(', ') : null;
    if (f.kind === 'select') return humanize(value);
    return String(value);
}
