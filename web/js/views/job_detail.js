// #/jobs/ID: the job's fields, its applications (with their follow-up dates) and the buttons to
// track an application, edit and delete the job.

import { api } from '../api.js';
import { badge, errorBox, h, heading, mount, showError } from '../dom.js';
import { flash } from '../flash.js';
import { JOB_FIELDS, display } from '../job_fields.js';
import { navigate } from '../navigate.js';

const SHOWN_ABOVE = new Set(['company', 'title', 'status']);

/* Near duplicates reported when a job was created, shown once on its page. */
const possibleDuplicates = new Map();

export function rememberPossibleDuplicates(jobId, list) {
    possibleDuplicates.set(String(jobId), list);
}

export async function render(root, { params }) {
    const id = params[0];
    const [job, apps] = await Promise.all([
        api.get(`/jobs/${id}`),
        api.get('/applications', { job_id: id, limit: 100 }),
    ]);
    const error = errorBox('detail-error');
    mount(root,
        heading(job.title),
        h('p', { class: 'subtitle', 'data-testid': 'job-company' }, job.company, ' ', badge(job.status)),
        duplicatesNotice(id),
        error,
        h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'primary', 'data-testid': 'track-application',
                onclick: () => track(id, error) },
            apps.items.length ? 'Track another application' : 'Track application'),
            h('a', { href: `#/jobs/${id}/edit`, class: 'button', 'data-testid': 'edit-job' }, 'Edit'),
            h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-job',
                onclick: () => remove(job, error) }, 'Delete')),
        fields(job),
        h('h2', null, 'Applications'),
        applications(apps.items));
}

function duplicatesNotice(id) {
    const list = possibleDuplicates.get(id);
    possibleDuplicates.delete(id);
    if (!list) return null;
    return h('div', { class: 'notice', role: 'note', 'data-testid': 'possible-duplicates' },
        h('p', null, 'This looks similar to jobs you already track:'),
        h('ul', null, list.map((d) => h('li', null,
            h('a', { href: `#/jobs/${d.id}` }, `${d.title} at ${d.company}`),
            ` (${Math.round(d.similarity * 100)}% similar)`))));
}

function fields(job) {
    const rows = [];
    for (const f of JOB_FIELDS) {
        if (SHOWN_ABOVE.has(f.name)) continue;
        const text = display(f, job[f.name]);
        if (text === null) continue;
        const value = f.kind === 'url' && /^https?:\/\//i.test(text)
            ? h('a', { href: text, rel: 'noopener noreferrer', target: '_blank' }, text) : text;
        rows.push(h('dt', null, f.label), h('dd', { class: f.kind === 'long' ? 'long' : null }, value));
    }
    rows.push(h('dt', null, 'Added'), h('dd', null, job.created_at.slice(0, 10)));
    return h('dl', { class: 'fields', 'data-testid': 'job-fields' }, rows);
}

function applications(items) {
    if (items.length === 0)
        return h('p', { class: 'empty', 'data-testid': 'no-applications' }, 'Not tracked yet.');
    return h('ul', { class: 'applications', 'data-testid': 'applications' }, items.map(application));
}

function application(app) {
    const error = errorBox('follow-up-error');
    const form = h('form', { class: 'inline' },
        h('label', { for: `follow-up-${app.id}` }, 'Follow up on'),
        h('input', { id: `follow-up-${app.id}`, name: 'follow_up_date', type: 'date',
            value: app.follow_up_date || '' }),
        h('button', { type: 'submit' }, 'Save'));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        showError(error, null, form);
        try {
            const date = form.elements.follow_up_date.value || null;
            await api.patch(`/applications/${app.id}`, { follow_up_date: date });
            flash('Follow-up date saved.');
        } catch (err) {
            showError(error, err, form);
        }
    });
    const dates = [['Applied', app.applied_date], ['Response', app.response_date],
        ['Interview', app.interview_date], ['Offer', app.offer_date]]
        .filter(([, d]) => d).map(([label, d]) => `${label} ${d.slice(0, 10)}`);
    return h('li', { 'data-testid': 'application', 'data-application-id': app.id },
        badge(app.status), ' ', h('a', { href: '#/board' }, 'on the board'),
        dates.length ? h('span', { class: 'muted' }, ` · ${dates.join(' · ')}`) : null,
        form, error);
}

async function track(jobId, error) {
    showError(error, null);
    try {
        await api.post('/applications', { job_id: Number(jobId) });
        flash.next('Application tracked: it is on the board as Interested.');
        navigate(`#/jobs/${jobId}`);
    } catch (err) {
        showError(error, err);
    }
}

async function remove(job, error) {
    if (!window.confirm(`Delete "${job.title}" at ${job.company} and its applications?`)) return;
    try {
        await api.del(`/jobs/${job.id}`);
        flash.next('Job deleted.');
        navigate('#/jobs');
    } catch (err) {
        showError(error, err);
    }
}
