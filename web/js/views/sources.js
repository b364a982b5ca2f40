// #/sources: the job boards and feeds the server reads new postings from. Paste a board's or a
// feed's address (what it is recognised as shows while typing), fetch a source now, pause,
// resume or remove it, and see what its last fetches brought, with links to the new jobs.
//
// API: GET/POST /job-sources, GET /job-sources/recognise?url=, PATCH/DELETE /job-sources/ID,
// POST /job-sources/ID/fetch, GET /job-sources/ID/runs.

import { api, ApiError } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { badge, empty, externalLink, field, h, mount, replace, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { busy, errorText, formError } from '../forms.js';
import { dateTime, plural } from '../format.js';
import { navigate } from '../navigate.js';

const KINDS = {
    greenhouse: 'Greenhouse board',
    lever: 'Lever board',
    ashby: 'Ashby board',
    rss: 'RSS or Atom feed',
};
const STARTED_BY = { manual: 'by hand', schedule: 'on schedule', command: 'from the command line' };
const RUNS_SHOWN = 5;

export async function render(root) {
    const list = await api.get('/job-sources', { limit: 100, sort: 'created_at' });
    const runs = await Promise.all(list.items.map((s) => api.get(`/job-sources/${s.id}/runs`, { limit: RUNS_SHOWN })));
    mount(root, titleRow('Job sources'),
        h('p', { class: 'subtitle' }, 'Career Copilot reads new postings from these job boards and feeds. '
            + 'Each new posting becomes a job; postings you track already are skipped.'),
        addForm(),
        list.items.length
            ? h('ul', { class: 'items sources', 'data-testid': 'sources' },
                list.items.map((s, i) => sourceItem(s, runs[i].items)))
            : empty('No sources yet. Paste the address of a company’s job board or of a job feed above.', null, 'sources-empty'));
}

/* ------------------------------------------------------------------ adding */

function addForm() {
    const form = h('form', { class: 'card', 'data-testid': 'source-form', novalidate: true });
    const errors = formError(form, 'source-error');
    const url = h('input', { id: 'source-url', name: 'url', type: 'text', inputmode: 'url', autocomplete: 'off', required: true });
    const seen = h('p', { class: 'hint', role: 'status', 'data-testid': 'source-recognised' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'source-add' }, 'Add source');
    let timer = null;
    let asked = 0;
    url.addEventListener('input', () => {
        clearTimeout(timer);
        const text = url.value.trim();
        if (!text) {
            seen.textContent = '';
            return;
        }
        timer = setTimeout(async () => {
            const mine = ++asked;
            try {
                const r = await api.get('/job-sources/recognise', { url: text });
                if (mine === asked) seen.textContent = `Recognised: ${KINDS[r.kind]} ${r.identifier}`;
            } catch (err) {
                if (mine !== asked) return;
                // a word with no dot nor slash is a company's name, not an address: say what to paste
                seen.textContent = !(err instanceof ApiError && err.status === 422) ? ''
                    : /^[^./\s]+$/.test(text) ? `“${text}” is not an address: paste the whole address of the board or feed, for example jobs.lever.co/${text.toLowerCase()}.`
                        : errorText(err);
            }
        }, 300);
    });
    mount(form, h('h2', null, 'Add a source'), errors.el,
        field('Board or feed address', url,
            'For example boards.greenhouse.io/acme, jobs.lever.co/acme, jobs.ashbyhq.com/acme, or the address of an RSS or Atom feed.'),
        seen,
        field('Name', h('input', { id: 'source-name', name: 'name', autocomplete: 'off' }),
            'Used as the employer when the board does not name one. Left empty, the board’s own name is used.'),
        submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const body = { url: url.value.trim() };
        const name = form.elements.name.value.trim();
        if (name) body.name = name;
        busy(submit, null, async () => {
            try {
                await api.post('/job-sources', body);
                flash.next('Source added. Fetch it now, or let the server fetch it on its schedule.');
                navigate('#/sources');
            } catch (err) {
                clearTimeout(timer);
                asked++; // an answer still on its way no longer writes the line
                seen.textContent = ''; // the error is said by the field now, not a third time under it
                errors.show(err, ...existing(err));
            }
        });
    });
    return form;
}

/* A source followed already (409): said in words ("You follow this Lever board already.", not
 * the server's "this lever source already (id 3)"), with a link to it. */
function existing(err) {
    if (!(err instanceof ApiError) || err.status !== 409 || !err.details.existing_id) return [];
    const kind = /this (\w+) source/.exec(err.message);
    err.message = `You follow this ${(kind && KINDS[kind[1]]) || 'source'} already.`;
    return [' ', h('a', { href: `#source-${err.details.existing_id}`, 'data-testid': 'source-existing' }, 'See it below'), '.'];
}

/* ------------------------------------------------------------------ one source */

function status(source) {
    const parts = [];
    if (!source.enabled)
        parts.push(badge('paused', source.consecutive_failures >= 5
            ? `Paused after ${source.consecutive_failures} failed fetches in a row` : 'Paused'));
    // a fetch that failed is "tried", not "Fetched" above "Last fetch failed"
    parts.push(h('span', null, !source.last_fetched_at ? 'Never fetched'
        : `${source.last_error ? 'Last tried' : 'Fetched'} ${dateTime(source.last_fetched_at)}`));
    return h('p', { class: 'meta', 'data-testid': 'source-status' }, parts);
}

function sourceItem(source, runs) {
    const errors = formError(null, `source-${source.id}-error`);
    const result = h('p', { role: 'status', 'data-testid': 'source-result' });
    const runList = h('div', { 'data-testid': 'source-runs' }, runsView(runs));
    const act = (action) => (event) => busy(event.currentTarget, errors, action);
    const fetchNow = act(async () => {
        result.textContent = 'Fetching…';
        try {
            const r = await api.post(`/job-sources/${source.id}/fetch`);
            result.textContent = r.run.error ? `The fetch failed: ${r.run.error}` : summary(r);
            const latest = await api.get(`/job-sources/${source.id}/runs`, { limit: RUNS_SHOWN });
            replace(runList, runsView(latest.items));
            replace(statusSlot, status(r.source));
            replace(errorSlot, lastError(r.source));
            toggle.textContent = r.source.enabled ? 'Pause' : 'Resume';
            source = r.source;
        } catch (err) {
            result.textContent = '';
            throw err;
        }
    });
    const toggle = h('button', { type: 'button', 'data-testid': 'source-toggle', onclick: act(async () => {
        await api.patch(`/job-sources/${source.id}`, { enabled: !source.enabled });
        flash.next(source.enabled ? 'Source paused: the server no longer fetches it on its schedule.' : 'Source resumed.');
        navigate('#/sources');
    }) }, source.enabled ? 'Pause' : 'Resume');
    const statusSlot = h('div', null, status(source));
    const errorSlot = h('div', null, lastError(source));
    const title = source.name || source.identifier;
    return h('li', { id: `source-${source.id}`, 'data-testid': 'source' },
        h('div', { class: 'item-head' },
            h('h2', { class: 'item-title' }, title),
            h('span', { class: 'meta' }, KINDS[source.kind])),
        h('p', { class: 'meta' }, externalLink(source.page_url, source.kind === 'rss' ? source.identifier : `Open the board (${source.identifier})`)),
        statusSlot, errorSlot, errors.el,
        h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'primary', 'data-testid': 'source-fetch', onclick: fetchNow }, 'Fetch now'),
            toggle,
            h('button', { type: 'button', class: 'danger', 'data-testid': 'source-remove', onclick: act(async () => {
                const ok = await confirmDialog({ title: `Remove ${title}?`, confirm: 'Remove', danger: true,
                    body: 'The server stops reading it. The jobs it brought stay in your list.' });
                if (!ok) return;
                await api.del(`/job-sources/${source.id}`);
                flash.next(`${title} removed.`);
                navigate('#/sources');
            }) }, 'Remove')),
        result,
        h('h3', null, 'Last fetches'), runList);
}

function lastError(source) {
    return source.last_error
        ? h('p', { class: 'field-error', 'data-testid': 'source-last-error' }, `Last fetch failed: ${source.last_error}`)
        : null;
}

function summary(r) {
    const parts = [`${plural(r.found, 'posting')} found`, `${r.created} new`, `${r.duplicates} already tracked`];
    if (r.errors.length) parts.push(`${r.errors.length} not readable`);
    return `${parts[0]}: ${parts.slice(1).join(', ')}.`;
}

function runsView(runs) {
    if (!runs.length) return h('p', { class: 'hint' }, 'Not fetched yet.');
    return h('ul', { class: 'runs' }, runs.map((run) => h('li', { 'data-testid': 'source-run' },
        h('span', null, `${dateTime(run.started_at)}, ${STARTED_BY[run.started_by] || run.started_by}: `),
        run.error
            ? h('span', { class: 'field-error' }, `failed: ${run.error}`)
            : h('span', null, `${plural(run.found, 'posting')}, ${run.created} new, ${run.duplicates} already tracked`
                + (run.errors ? `, ${run.errors} not readable` : '')),
        run.jobs.length
            ? h('ul', { class: 'run-jobs' }, run.jobs.map((job) => h('li', null,
                h('a', { href: `#/jobs/${job.id}`, 'data-testid': 'source-run-job' }, job.title), ` at ${job.company}`)))
            : null)));
}
