// The page's entry point: a tiny hash router (#/jobs, #/jobs/12, #/jobs?q=text...) that renders
// one view module into <div id="view">, keeps signed-out users on #/login or #/register, and
// wires the navigation bar.

import { getToken, logout } from './api.js';
import { h } from './dom.js';
import { flash, flashOnNavigate } from './flash.js';
import { navigate } from './navigate.js';
import * as login from './views/login.js';
import * as register from './views/register.js';
import * as jobs from './views/jobs.js';
import * as jobForm from './views/job_form.js';
import * as jobDetail from './views/job_detail.js';
import * as board from './views/board.js';
import * as followUps from './views/follow_ups.js';
import * as account from './views/account.js';

/* [pattern, view, options]; the pattern's groups become params. A view module exports
 * render(container, { params, query }), which may be async and may throw (shown as an error). */
const routes = [
    [/^\/login$/, login, { public: true }],
    [/^\/register$/, register, { public: true }],
    [/^\/jobs$/, jobs],
    [/^\/jobs\/new$/, jobForm],
    [/^\/jobs\/(\d+)\/edit$/, jobForm],
    [/^\/jobs\/(\d+)$/, jobDetail],
    [/^\/board$/, board],
    [/^\/follow-ups$/, followUps],
    [/^\/account$/, account],
];

/* Splits "#/jobs?q=x" into "/jobs" and its URLSearchParams. */
function parseHash() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const at = hash.indexOf('?');
    return at < 0
        ? { path: hash, query: new URLSearchParams() }
        : { path: hash.slice(0, at), query: new URLSearchParams(hash.slice(at + 1)) };
}

function updateNav(path) {
    const nav = document.getElementById('nav');
    nav.hidden = !getToken();
    for (const link of nav.querySelectorAll('a')) {
        const target = link.getAttribute('href').slice(1);
        if (path === target || path.startsWith(`${target}/`)) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
    }
}

async function render() {
    const { path, query } = parseHash();
    const signedIn = Boolean(getToken());
    const match = routes.map(([re, view, opts = {}]) => ({ m: re.exec(path), view, opts }))
        .find((r) => r.m);
    if (!match) return navigate(signedIn ? '#/jobs' : '#/login');
    if (!match.opts.public && !signedIn) return navigate('#/login');
    if (match.opts.public && signedIn) return navigate('#/jobs');

    updateNav(path);
    flashOnNavigate();
    // Each render gets its own container: a slow, stale view fills a detached node, harmlessly.
    const container = h('section', { class: 'view', 'data-view': path.split('/')[1] });
    document.getElementById('view').replaceChildren(container);
    try {
        await match.view.render(container, { params: match.m.slice(1), query });
    } catch (err) {
        container.append(h('p', { class: 'error', role: 'alert' }, String(err.message || err)));
    }
    const title = container.querySelector('h1');
    if (title && container.isConnected) {
        document.title = `${title.textContent} · Career Copilot`;
        title.focus({ preventScroll: true });
    }
}

document.getElementById('logout').addEventListener('click', async () => {
    await logout().catch(() => {});
    flash.next('You are logged out.');
    navigate('#/login');
});

window.addEventListener('copilot:signed-out', () => {
    flash.next('Your session has ended; please log in again.');
    navigate('#/login');
});
window.addEventListener('hashchange', render);
render();
