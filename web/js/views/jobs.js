// #/jobs: the job list with search (q), filters (status, source, remote, type), sort and
// paging, all kept in the hash (#/jobs?q=go&status=applied&offset=20) so back, forward and
// reload keep them. A column chooser, cards on phones, bulk archive and delete, export as CSV
// or JSON, and the import panel below the list (open on #/jobs?import=open, the dashboard's
// "Import jobs").
//
// API: GET /jobs, PATCH /jobs/ID {status: archived}, DELETE /jobs/ID, GET /jobs/export,
// POST /jobs/import (job_import.js).

import { api, download, queryString } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { badge, empty, field, h, loading, mount, options, replace, saveBlob, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { busy, downloadProgress, formError } from '../forms.js';
import { date, label, labelled, plural, salary } from '../format.js';
import { JOB_FIELD_VALUES } from '../job_fields.js';
import { navigate } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';
import { jobStates, loadPipeline } from '../pipeline.js';
import { dataTable } from '../table.js';
import { importPanel } from './job_import.js';

const SORTS = [
    ['-created_at', 'Newest first'], ['created_at', 'Oldest first'], ['company', 'Company A–Z'],
    ['-company', 'Company Z–A'], ['title', 'Title A–Z'], ['-salary_max', 'Highest salary'],
    ['-date_applied', 'Recently applied'], ['status', 'Status'],
];
const PAGE_SIZES = ['10', '20', '50', '100'];
const DEFAULTS = { sort: '-created_at', limit: '20', offset: '0' };
const FILTERS = ['q', 'status', 'source', 'remote_option', 'job_type'];

const COLUMNS = [
    { key: 'title', label: 'Title', fixed: true, className: 'wide-cell', cell: (j) => h('a', { href: `#/jobs/${j.id}` }, j.title) },
    { key: 'company', label: 'Company', cell: (j) => j.company },
    { key: 'location', label: 'Location', cell: (j) => j.location || '' },
    { key: 'status', label: 'Status', cell: (j) => badge(j.status, label(j.status)) },
    { key: 'salary', label: 'Salary', className: 'num wrap', cell: (j) => salary(j) },
    { key: 'remote', label: 'Remote', cell: (j) => label(j.remote_option) },
    { key: 'source', label: 'Source', cell: (j) => label(j.source) },
    { key: 'job_type', label: 'Type', show: false, cell: (j) => label(j.job_type) },
    { key: 'created_at', label: 'Added', className: 'nowrap', cell: (j) => date(j.created_at) },
    { key: 'date_applied', label: 'Applied', className: 'nowrap', show: false, cell: (j) => date(j.date_applied) },
];

export async function render(root, { query }) {
    const state = { sort: DEFAULTS.sort, limit: DEFAULTS.limit };
    for (const key of [...FILTERS, 'sort', 'limit']) if (query.get(key)) state[key] = query.get(key);
    state.offset = Math.max(0, Number(query.get('offset')) || 0);
    const go = (changes) => {
        const next = { ...state, ...changes };
        for (const [key, value] of Object.entries(DEFAULTS)) if (String(next[key]) === value) delete next[key];
        navigate(`#/jobs${queryString(next)}`);
    };

    const errors = formError(null, 'jobs-error');
    const results = h('div', { 'data-testid': 'job-results' }, loading());
    const toolbarSlot = h('div', { class: 'toolbar-extra' });
    const load = async () => {
        const page = await api.get('/jobs', state);
        const filtered = FILTERS.some((k) => state[k]);
        const last = pastTheEnd(page); // an address past the end: its last page
        if (last !== null) return go({ offset: last });
        replace(results, list(page, filtered, go, load, errors, toolbarSlot, state.sort));
    };
    const pipeline = await loadPipeline();
    mount(root,
        titleRow('Jobs', exportButtons(errors),
            h('a', { href: '#/jobs/new', class: 'button primary', 'data-testid': 'add-job' }, 'Add job')),
        toolbar(state, go, toolbarSlot, jobStates(pipeline)), errors.el, results, importPanel(load, query.get('import') === 'open'));
    await load();
}

function exportButtons(errors) {
    const run = (format) => (event) => {
        const progress = downloadProgress(event.currentTarget);
        return busy(event.currentTarget, errors, async () => {
            try {
                const file = await download(`/jobs/export?format=${format}`, `jobs.${format}`, progress.onProgress);
                saveBlob(file.blob, file.filename);
            } finally {
                progress.done();
            }
        });
    };
    return [
        h('button', { type: 'button', 'data-testid': 'export-csv', onclick: run('csv') }, 'Export CSV'),
        h('button', { type: 'button', 'data-testid': 'export-json', onclick: run('json') }, 'Export JSON'),
    ];
}

function toolbar(state, go, extra, statuses) {
    const any = (text, values) => [['', text], ...values];
    const form = h('form', { class: 'toolbar', role: 'search', 'data-testid': 'job-search' },
        h('div', { class: 'field search' }, h('label', { for: 'jobs-q' }, 'Search'),
            h('input', { id: 'jobs-q', name: 'q', type: 'search', value: state.q || '', placeholder: 'title, company, description…' })),
        h('button', { type: 'submit', 'data-testid': 'search-submit' }, 'Search'),
        extra,
        // the filters on a line of their own: with the search box they do not fit 1280 px,
        // and Per page wrapped alone onto a second line
        h('span', { class: 'line-break', 'aria-hidden': 'true' }),
        field('Status', h('select', { id: 'jobs-status', name: 'status' }, options(any('Any status', labelled(statuses)), state.status))),
        field('Source', h('select', { id: 'jobs-source', name: 'source' }, options(any('Any source', labelled(JOB_FIELD_VALUES.source)), state.source))),
        field('Remote', h('select', { id: 'jobs-remote', name: 'remote_option' }, options(any('Any', labelled(JOB_FIELD_VALUES.remote_option)), state.remote_option))),
        field('Type', h('select', { id: 'jobs-type', name: 'job_type' }, options(any('Any type', labelled(JOB_FIELD_VALUES.job_type)), state.job_type))),
        field('Sort', h('select', { id: 'jobs-sort', name: 'sort' }, options(SORTS, state.sort))),
        field('Per page', h('select', { id: 'jobs-limit', name: 'limit' }, options(PAGE_SIZES, state.limit))));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        go({ q: el.q.value.trim(), status: el.status.value, source: el.source.value,
            remote_option: el.remote_option.value, job_type: el.job_type.value,
            sort: el.sort.value, limit: el.limit.value, offset: 0 });
    });
    // Filters apply at once; the search box waits for Enter or the button.
    for (const name of ['status', 'source', 'remote_option', 'job_type', 'sort', 'limit'])
        form.elements[name].addEventListener('change', () => form.requestSubmit());
    return form;
}

function list(page, filtered, go, reload, errors, toolbarSlot, sort) {
    if (page.items.length === 0) {
        toolbarSlot.replaceChildren();
        return [filtered
            ? empty('No jobs match these filters.', h('a', { href: '#/jobs', class: 'button' }, 'Clear the filters'), 'jobs-empty')
            : empty('No jobs yet: add one, or import a list below.', h('a', { href: '#/jobs/new', class: 'button primary' }, 'Add a job'), 'jobs-empty')];
    }
    const bulk = h('div', { class: 'bulk', 'data-testid': 'bulk-actions', hidden: true });
    const table = dataTable({
        id: 'jobs', caption: 'Your jobs', columns: COLUMNS, rows: page.items, selectable: true,
        rowName: (j) => `${j.title} at ${j.company}`,
        rowProps: (j) => ({ 'data-testid': 'job-row', 'data-job-id': j.id }),
        onSelection: (ids) => showBulk(bulk, ids, page.items, reload, errors),
    });
    toolbarSlot.replaceChildren(table.chooser);
    // The server sorts salaries as numbers: say so when the page mixes currencies, or
    // "SEK 1,400,000" above "$250,000" reads as a mistake.
    const currencies = new Set(page.items.filter((j) => j.salary_max != null).map((j) => j.currency || ''));
    const mixed = /salary/.test(sort) && currencies.size > 1
        ? h('p', { class: 'hint', 'data-testid': 'salary-sort-note' },
            `Salaries are sorted by their amount, whatever the currency (${[...currencies].filter(Boolean).sort().join(', ') || 'none given'}).`)
        : null;
    return [mixed, bulk, table.el, pager(page, (offset) => go({ offset }), 'jobs-total')];
}

function showBulk(bulk, ids, items, reload, errors) {
    bulk.hidden = ids.size === 0;
    if (!ids.size) return;
    const chosen = items.filter((j) => ids.has(j.id));
    const archive = h('button', { type: 'button', 'data-testid': 'bulk-archive' }, 'Archive');
    const remove = h('button', { type: 'button', class: 'danger', 'data-testid': 'bulk-delete' }, 'Delete');
    archive.addEventListener('click', () => busy(archive, errors, () => archiveJobs(chosen, reload)));
    remove.addEventListener('click', () => busy(remove, errors, () => deleteJobs(chosen, reload)));
    bulk.replaceChildren(h('span', { 'data-testid': 'bulk-count' }, `${plural(chosen.length, 'job')} selected`), archive, remove);
}

/* Archives the chosen jobs that are not in an application's hands: a job with an application
 * takes its status from it, so those are left alone and said so. */
async function archiveJobs(jobs, reload) {
    const free = jobs.filter((j) => j.status === 'not_applied');
    const skipped = jobs.length - free.length;
    if (!free.length) {
        flash(`Nothing archived: ${skipped === 1 ? 'this job has' : 'these jobs have'} an application or ${skipped === 1 ? 'is' : 'are'} already archived. Change an application's status on the board.`, 'error');
        return;
    }
    const ok = await confirmDialog({ title: 'Archive jobs?', confirm: 'Archive',
        body: `Archive ${plural(free.length, 'job')}? Archived jobs stay in the list under the status “Archived”.` });
    if (!ok) return;
    await Promise.all(free.map((j) => api.patch(`/jobs/${j.id}`, { status: 'archived' }, j.row_version)));
    await reload();
    flash(`Archived ${plural(free.length, 'job')}.${skipped ? ` ${plural(skipped, 'job')} with an application or already archived left as ${skipped === 1 ? 'it was' : 'they were'}.` : ''}`);
}

async function deleteJobs(jobs, reload) {
    const ok = await confirmDialog({ title: 'Delete jobs?', confirm: `Delete ${plural(jobs.length, 'job')}`, danger: true,
        body: h('div', null, h('p', null, `Delete these jobs with their applications? This cannot be undone.`),
            h('ul', null, jobs.slice(0, 8).map((j) => h('li', null, `${j.title} at ${j.company}`)),
                jobs.length > 8 ? h('li', null, `and ${jobs.length - 8} more`) : null)) });
    if (!ok) return;
    await Promise.all(jobs.map((j) => api.del(`/jobs/${j.id}`, j.row_version)));
    await reload();
    flash(`Deleted ${plural(jobs.length, 'job')}.`);
}
