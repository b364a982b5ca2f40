// #/jobs: the job list with search (q), status filter, sort and pagination, all kept in the
// hash (#/jobs?q=go&status=applied&sort=company&offset=20) so back and forward work. The import
// panel sits below the list.

import { api, errorText, queryString } from '../api.js';
import { badge, field, h, heading, humanize, mount, options } from '../dom.js';
import { navigate } from '../navigate.js';
import { JOB_STATUSES } from '../pipeline.js';
import { importPanel } from './job_import.js';

const SORTS = [
    ['-created_at', 'Newest first'], ['created_at', 'Oldest first'], ['company', 'Company A–Z'],
    ['-company', 'Company Z–A'], ['title', 'Title A–Z'], ['-salary_max', 'Highest salary'],
    ['-date_applied', 'Recently applied'], ['status', 'Status'],
];
const PAGE_SIZES = ['10', '20', '50', '100'];
const DEFAULTS = { sort: '-created_at', limit: '20', offset: '0' };

export async function render(root, { query }) {
    const state = {
        q: query.get('q') || '',
        status: query.get('status') || '',
        sort: query.get('sort') || '-created_at',
        limit: query.get('limit') || '20',
        offset: Math.max(0, Number(query.get('offset')) || 0),
    };
    const go = (changes) => {
        const next = { ...state, ...changes };
        for (const [key, value] of Object.entries(DEFAULTS))
            if (String(next[key]) === value) delete next[key];
        navigate(`#/jobs${queryString(next)}`);
    };

    const results = h('div', { 'data-testid': 'job-results' }, 'Loading…');
    const load = async () => {
        try {
            const page = await api.get('/jobs', state);
            const filtered = Boolean(state.q || state.status);
            results.replaceChildren(...table(page.items, filtered), pager(page, state, go));
        } catch (err) {
            results.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)));
        }
    };
    mount(root,
        h('div', { class: 'title-row' }, heading('Jobs'),
            h('a', { href: '#/jobs/new', class: 'button primary', 'data-testid': 'add-job' }, 'Add job')),
        toolbar(state, go),
        results,
        importPanel(load));
    await load();
}

function toolbar(state, go) {
    const form = h('form', { class: 'toolbar', role: 'search', 'data-testid': 'job-search' },
        field('Search', h('input', {
            id: 'jobs-q', name: 'q', type: 'search', value: state.q,
            placeholder: 'title, company, description…',
        })),
        field('Status', h('select', { id: 'jobs-status', name: 'status' },
            options([['', 'Any status'], ...JOB_STATUSES.map((s) => [s, humanize(s)])], state.status))),
        field('Sort', h('select', { id: 'jobs-sort', name: 'sort' }, options(SORTS, state.sort))),
        field('Per page', h('select', { id: 'jobs-limit', name: 'limit' }, options(PAGE_SIZES, state.limit))),
        h('button', { type: 'submit', 'data-testid': 'search-submit' }, 'Search'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        go({ q: el.q.value.trim(), status: el.status.value, sort: el.sort.value,
            limit: el.limit.value, offset: 0 });
    });
    // Filters apply at once; the search box waits for Enter or the button.
    for (const name of ['status', 'sort', 'limit'])
        form.elements[name].addEventListener('change', () => form.requestSubmit());
    return form;
}

function table(items, filtered) {
    if (items.length === 0) {
        return [h('p', { class: 'empty', 'data-testid': 'jobs-empty' },
            filtered ? 'No jobs match.' : 'No jobs yet: add one, or import a list below.')];
    }
    const rows = items.map((job) => h('tr', { 'data-testid': 'job-row', 'data-job-id': job.id },
        h('td', null, h('a', { href: `#/jobs/${job.id}` }, job.title)),
        h('td', null, job.company),
        h('td', null, job.location || ''),
        h('td', null, badge(job.status)),
        h('td', null, job.created_at.slice(0, 10))));
    return [h('div', { class: 'table-scroll' }, h('table', { class: 'list', 'data-testid': 'jobs-table' },
        h('thead', null, h('tr', null, ['Title', 'Company', 'Location', 'Status', 'Added']
            .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, rows)))];
}

function pager(page, state, go) {
    const first = page.total === 0 ? 0 : page.offset + 1;
    const last = page.offset + page.items.length;
    const limit = Number(page.limit);
    return h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', {
            type: 'button', disabled: page.offset === 0, 'data-testid': 'page-prev',
            onclick: () => go({ offset: Math.max(0, page.offset - limit) }),
        }, 'Previous'),
        h('span', { 'data-testid': 'jobs-total' }, `${first}–${last} of ${page.total}`),
        h('button', {
            type: 'button', disabled: last >= page.total, 'data-testid': 'page-next',
            onclick: () => go({ offset: page.offset + limit }),
        }, 'Next'));
}
