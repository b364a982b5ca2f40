// The capture page (/capture): the window the bookmarklet opens on a posting. It asks the
// posting's page for its address and HTML (postMessage, bookmarklet.js), signs the user in when
// this window has no session yet, shows the draft the server extracted (POST /jobs/capture) in a
// form the user may correct, and saves it on confirmation (POST /jobs/capture?save=true with the
// corrections in `job`). Opened directly, it takes a posting's address and lets the server fetch
// it. docs/capture-and-discovery.md, "The bookmarklet", says why it works this way.

import { api, ApiError, getToken, setToken } from './api.js';
import { PAGE, READY } from './bookmarklet.js';
import { field, h, heading, mount, options, replace } from './dom.js';
import { busy, formError } from './forms.js';
import { label, labelled } from './format.js';
import { JOB_FIELDS, JOB_FIELD_VALUES, fromInput, toInput } from './job_fields.js';

const DRAFT_FIELDS = ['title', 'company', 'location', 'job_type', 'remote_option', 'salary_min',
    'salary_max', 'currency', 'salary_range', 'application_url', 'description'];
const FIELDS = DRAFT_FIELDS.map((name) => JOB_FIELDS.find((f) => f.name === name));
const FOUND_IN = {
    'json-ld': 'the job data the page publishes for search engines',
    microdata: 'the job markup in the page',
    opengraph: 'the page’s preview tags (title and description only)',
    title: 'the page’s title only',
};
const WAIT_MS = 5000;

const view = document.getElementById('view');
let posting = null; /* { url, html? }: from the bookmarklet, or an address typed here */

/* Replaces the view and moves the focus to its heading (screen readers announce it). */
function show(...children) {
    replace(view, ...children);
    const title = view.querySelector('h1');
    if (title) title.focus();
}

function start() {
    if (window.opener && window.opener !== window) {
        window.addEventListener('message', onMessage);
        window.opener.postMessage({ type: READY }, '*'); /* nothing secret in it */
        show(heading('Save a job'), h('p', { role: 'status', 'data-testid': 'capture-waiting' },
            'Reading the posting…'));
        setTimeout(() => {
            if (!posting) addressForm('The posting’s page did not answer. Enter its address instead.');
        }, WAIT_MS);
    } else {
        next();
    }
}

/* The posting's page answers READY with its address and HTML. A page may only send its own
 * address: the URL's origin must be the sender's. */
function onMessage(event) {
    const data = event.data;
    if (posting || event.source !== window.opener || !data || data.type !== PAGE) return;
    if (typeof data.url !== 'string' || typeof data.html !== 'string') return;
    let origin;
    try {
        origin = new URL(data.url).origin;
    } catch {
        return;
    }
    if (origin !== event.origin) return;
    posting = { url: data.url, html: data.html };
    next();
}

function next() {
    if (!getToken()) return signIn();
    if (!posting) return addressForm();
    return draft();
}

/* ------------------------------------------------------------------ sign in */

function signIn() {
    const form = h('form', { class: 'card narrow', 'data-testid': 'capture-login', novalidate: true });
    const errors = formError(form);
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'capture-login-submit' }, 'Log in');
    mount(form, errors.el,
        field('Username or e-mail', h('input', { id: 'capture-username', name: 'username', autocomplete: 'username', required: true })),
        field('Password', h('input', { id: 'capture-password', name: 'password', type: 'password',
            autocomplete: 'current-password', required: true })),
        submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(submit, errors, async () => {
            const session = await api.post('/auth/login', { username: form.username.value.trim(), password: form.password.value });
            setToken(session.access_token);
            next();
        });
    });
    show(heading('Save a job'),
        h('p', { class: 'subtitle' }, 'Log in to Career Copilot. This window stays logged in while it is open.'), form);
}

/* ------------------------------------------------------------------ an address typed here */

function addressForm(note) {
    const form = h('form', { class: 'card', 'data-testid': 'capture-address', novalidate: true });
    const errors = formError(form);
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'capture-address-submit' }, 'Read the posting');
    mount(form, errors.el,
        field('Address of the posting', h('input', { id: 'capture-url', name: 'url', type: 'url', required: true,
            autocomplete: 'url', value: posting ? posting.url : '' }),
        'Career Copilot fetches public pages itself. For a page behind a login, use the bookmarklet from your account page.'),
        submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        posting = { url: form.url.value.trim() };
        busy(submit, errors, loadDraft);
    });
    show(heading('Save a job'), note ? h('p', { role: 'status' }, note) : null, form);
}

/* ------------------------------------------------------------------ the draft */

async function draft() {
    show(heading('Save a job'), h('p', { role: 'status', 'data-testid': 'capture-reading' }, 'Reading the posting…'));
    try {
        await loadDraft();
    } catch (err) {
        if (err instanceof ApiError && err.status === 401) return signIn();
        const errors = formError(null, 'capture-error');
        show(heading('Save a job'), errors.el,
            h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => window.close() }, 'Close this window')));
        errors.show(err);
    }
    return undefined;
}

async function loadDraft() {
    const body = { url: posting.url };
    if (posting.html !== undefined) body.html = posting.html;
    const result = await api.post('/jobs/capture', body);
    draftForm(result);
}

function control(f, value) {
    const id = `capture-${f.name.replace(/_/g, '-')}`;
    const text = toInput(f, value);
    let el;
    if (f.kind === 'select')
        el = h('select', { id, name: f.name }, options([['', '—'], ...labelled(JOB_FIELD_VALUES[f.name])], text));
    else if (f.kind === 'long')
        el = h('textarea', { id, name: f.name, rows: 6, value: text });
    else
        el = h('input', { id, name: f.name, type: f.kind === 'url' ? 'url' : 'text', value: text, required: f.required,
            inputmode: f.kind === 'int' ? 'numeric' : null, autocomplete: 'off' });
    return field(f.label, el, f.hint, { wide: f.kind === 'long' });
}

function draftForm(result) {
    const job = result.job;
    const form = h('form', { class: 'card job-form', 'data-testid': 'capture-draft', novalidate: true });
    const errors = formError(form);
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'capture-save' }, 'Save job');
    const missing = result.missing.map((name) => (JOB_FIELDS.find((f) => f.name === name) || { label: label(name) }).label);
    mount(form, errors.el,
        h('div', { class: 'form-grid' }, FIELDS.map((f) => control(f, job[f.name]))),
        h('div', { class: 'actions' }, submit,
            h('button', { type: 'button', 'data-testid': 'capture-cancel', onclick: () => window.close() }, 'Cancel')));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const body = { url: posting.url, job: corrections(form, job) };
        if (posting.html !== undefined) body.html = posting.html;
        busy(submit, null, async () => {
            try {
                saved((await api.post('/jobs/capture?save=true', body)).job);
            } catch (err) {
                errors.show(err, ...existingLink(err));
            }
        });
    });
    let host = posting.url;
    try {
        host = new URL(posting.url).host;
    } catch { /* shown as it is */ }
    show(heading('Save a job'),
        h('p', { class: 'subtitle', 'data-testid': 'capture-found-in' },
            `From ${host}, read from ${FOUND_IN[result.extracted_from] || result.extracted_from}. Check it, then save.`),
        missing.length ? h('p', { class: 'hint', 'data-testid': 'capture-missing' },
            `Not on the page: ${missing.join(', ')}. Fill in what you know.`) : null,
        form);
}

/* The fields the user changed in the draft (cleared ones as null). */
function corrections(form, job) {
    const body = {};
    for (const f of FIELDS) {
        const value = fromInput(f, form.elements.namedItem(f.name).value);
        const before = fromInput(f, toInput(f, job[f.name]));
        if (JSON.stringify(value) !== JSON.stringify(before)) body[f.name] = value;
    }
    return body;
}

function existingLink(err) {
    if (!(err instanceof ApiError) || err.status !== 409 || !err.details.existing_id) return [];
    return [' ', h('a', { href: `/#/jobs/${err.details.existing_id}`, 'data-testid': 'capture-existing' },
        'Open the job already tracked')];
}

function saved(job) {
    show(heading('Job saved'),
        h('p', { role: 'status', 'data-testid': 'capture-saved' }, `${job.title} at ${job.company} is in your jobs.`),
        h('div', { class: 'actions' },
            h('a', { class: 'button primary', href: `/#/jobs/${job.id}`, 'data-testid': 'capture-open' }, 'Open the job'),
            h('button', { type: 'button', onclick: () => window.close() }, 'Close this window')));
}

start();
