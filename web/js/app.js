// The page's entry point: a hash router (#/jobs, #/jobs/12, #/jobs?q=text...) that loads the
// current view's module with import() the first time its route is visited and renders it into
// <div id="view">; keeps signed-out visitors on #/login or #/register; shows a "not found" view
// for unknown addresses; wires the navigation (a side bar, a menu button on phones) and the skip
// link.

import { ApiError, getToken, logout } from './api.js';
import { h } from './dom.js';
import { flash, flashAfterNavigate, flashOnNavigate } from './flash.js';
import { keepDraft, navigate, noteDrawn, rememberWanted, restoreDraft } from './navigate.js';
import { currentUser, forgetUser, lastUserId } from './session.js';

/* [pattern, module, options]; the pattern's groups become params. A view module exports
 * render(container, { params, query }), which may be async and may throw (shown in place). */
const routes = [
    [/^\/login$/, 'login', { public: true }],
    [/^\/register$/, 'register', { public: true }],
    [/^\/(?:dashboard)?$/, 'dashboard'],
    [/^\/jobs$/, 'jobs'],
    [/^\/jobs\/new$/, 'job_form'],
    [/^\/jobs\/(\d+)\/edit$/, 'job_form'],
    [/^\/jobs\/(\d+)$/, 'job_detail'],
    [/^\/board$/, 'board'],
    [/^\/follow-ups$/, 'follow_ups'],
    [/^\/calendar$/, 'calendar'],
    [/^\/tasks$/, 'tasks'],
    [/^\/contacts$/, 'contacts'],
    [/^\/contacts\/new$/, 'contact'],
    [/^\/contacts\/(\d+)$/, 'contact'],
    [/^\/recommendations$/, 'recommendations'],
    [/^\/sources$/, 'sources'],
    [/^\/resumes$/, 'resumes'],
    [/^\/resumes\/(\d+)$/, 'resume_detail'],
    [/^\/writing$/, 'writing'],
    [/^\/writing\/(\d+)$/, 'writing_detail'],
    [/^\/interviews$/, 'interviews'],
    [/^\/interviews\/(\d+)$/, 'interview_session'],
    [/^\/learning(?:\/(recommended|bookmarks))?$/, 'learning'],
    [/^\/learning\/paths$/, 'paths'],
    [/^\/learning\/paths\/(\d+)$/, 'path_detail'],
    [/^\/feedback$/, 'feedback'],
    [/^\/admin$/, 'admin', { admin: true }],
    [/^\/account$/, 'account'],
];

/* Splits "#/jobs?q=x" into "/jobs" and its URLSearchParams. */
function parseHash() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const at = hash.indexOf('?');
    return at < 0
        ? { path: hash, query: new URLSearchParams() }
        : { path: hash.slice(0, at), query: new URLSearchParams(hash.slice(at + 1)) };
}

const nav = document.getElementById('nav');
const menuButton = document.getElementById('menu-button');

function updateNav(path) {
    const signedIn = Boolean(getToken());
    nav.hidden = !signedIn;
    menuButton.hidden = !signedIn;
    document.body.classList.toggle('signed-in', signedIn);
    setMenu(false);
    const section = path === '/' ? '/dashboard' : path;
    for (const link of nav.querySelectorAll('a')) {
        const target = link.getAttribute('href').slice(1);
        if (section === target || section.startsWith(`${target}/`)) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
    }
    if (signedIn) {
        currentUser().then((me) => {
            document.getElementById('nav-admin-item').hidden = !(me && me.is_admin);
        }, () => {});
    }
}

function setMenu(open) {
    menuButton.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
}

menuButton.addEventListener('click', () => setMenu(menuButton.getAttribute('aria-expanded') !== 'true'));
document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && nav.classList.contains('open')) {
        setMenu(false);
        menuButton.focus();
    }
});

document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    const title = document.querySelector('#view h1');
    (title || document.getElementById('main')).focus();
});

/* The signed-in views' stylesheet, added once before the first of them renders (the sign-in
 * page does without it). Resolves when it has loaded, or failed: the view still works. */
let viewStyles = null;
function loadViewStyles() {
    if (!viewStyles) {
        viewStyles = new Promise((resolve) => {
            const link = h('link', { rel: 'stylesheet', href: new URL('../css/views.css', import.meta.url).href, onload: resolve, onerror: resolve });
            document.head.append(link);
        });
    }
    return viewStyles;
}

const modules = new Map();
function load(name) {
    if (!modules.has(name)) {
        const loaded = import(`./views/${name}.js`);
        loaded.catch(() => modules.delete(name)); // a failed load is tried again next time
        modules.set(name, loaded);
    }
    return modules.get(name);
}

let generation = 0;
let lastPath = null;

async function render() {
    const { path, query } = parseHash();
    const signedIn = Boolean(getToken());
    let match = null;
    for (const [re, name, opts = {}] of routes) {
        const m = re.exec(path);
        if (m) {
            match = { m, name, opts };
            break;
        }
    }
    if (match && !match.opts.public && !signedIn) {
        rememberWanted(location.hash); // a bookmark or a link opens once signed in
        return navigate('#/login');
    }
    if (match && match.opts.public && signedIn) return navigate('#/dashboard');
    if (!match) match = { m: [path], name: 'not_found', opts: {} };

    const mine = ++generation;
    const moved = path !== lastPath;
    lastPath = path;
    updateNav(path);
    const note = flashOnNavigate();
    // Each render gets its own container: a slow, stale view fills a detached node, harmlessly.
    const container = h('section', { class: 'view', 'data-view': match.name });
    const waiting = h('p', { class: 'loading', role: 'status', 'data-testid': 'view-loading' }, 'Loading…');
    document.getElementById('view').replaceChildren(waiting, container);
    try {
        if (match.opts.admin) {
            const me = await currentUser();
            if (!me || !me.is_admin) {
                const view = await load('not_found');
                if (mine === generation) view.forbidden(container);
                return finish(container, waiting, moved, note);
            }
        }
        const [view] = await Promise.all([load(match.name), match.opts.public ? null : loadViewStyles()]);
        if (mine !== generation) return;
        await view.render(container, { params: match.m.slice(1), query, path });
    } catch (err) {
        if (mine !== generation) return;
        if (err instanceof ApiError && err.status === 401) return; // the signed-out handler moves on
        const view = await load('not_found').catch(() => null);
        container.replaceChildren();
        if (view && err instanceof ApiError && err.status === 404) view.missing(container, path);
        else if (view) view.failed(container, err);
        else container.append(h('p', { class: 'error', role: 'alert' }, 'This page could not be loaded. Reload to try again.'));
    }
    if (mine === generation) finish(container, waiting, moved, note);
}

/* After a render: the title names the view, and on a new address the heading takes the focus
 * (screen readers announce the view) and the page starts at its top. A re-render of the same
 * address (after a change) keeps the reader where they were. */
function finish(container, waiting, moved, note) {
    waiting.remove();
    flashAfterNavigate(note);
    const title = container.querySelector('h1');
    if (title && container.isConnected) {
        document.title = `${title.textContent} · Career Copilot`;
        if (moved || !container.contains(document.activeElement)) title.focus({ preventScroll: !moved });
        if (moved) window.scrollTo(0, 0);
    }
    noteDrawn(container);
    if (getToken() && container.isConnected) {
        const hash = location.hash;
        currentUser().then((me) => {
            if (me && container.isConnected && restoreDraft(container, hash, me.id))
                flash('What you typed before your session ended is back in the form: check it, then save.');
        }, () => {});
    }
}

document.getElementById('logout').addEventListener('click', async () => {
    await logout().catch(() => {});
    forgetUser();
    flash.next('You are logged out.');
    navigate('#/login');
});

window.addEventListener('copilot:signed-out', () => {
    // what was typed in the view, for this user's return to it (navigate.js)
    keepDraft(document.querySelector('#view .view'), location.hash, lastUserId());
    forgetUser();
    rememberWanted(location.hash); // back to this view after logging in again
    flash.next('Your session has ended; please log in again.');
    navigate('#/login');
});
window.addEventListener('hashchange', render);

/* Back from an OAuth provider (?oauth=NAME&code=...): finish signing in first (views/login.js). */
async function start() {
    if (new URLSearchParams(location.search).has('oauth')) {
        const login = await load('login').catch(() => null);
        if (login && await login.completeOAuth()) return; // it moved on to the next view
    }
    render();
}
start();
