// The pages for addresses that lead nowhere: an unknown address (#/nonsense), a record that
// does not exist or is not yours (the API's 404), a page for administrators only, and a view
// that failed to load. Each says what happened and where to go next.

import { getToken } from '../api.js';
import { h, heading, mount } from '../dom.js';
import { errorText } from '../forms.js';

function home() {
    return getToken() ? h('a', { href: '#/dashboard', class: 'button' }, 'Go to the dashboard')
        : h('a', { href: '#/login', class: 'button' }, 'Log in');
}

/* Unknown address. */
export function render(root, { path }) {
    mount(root, h('div', { class: 'card narrow', 'data-testid': 'not-found' },
        heading('Page not found'),
        h('p', null, `There is no page at “#${path}”. The link may be old or mistyped.`),
        h('div', { class: 'actions' }, home())));
}

/* The API answered 404 for the record the address names. */
export function missing(root, path) {
    const what = {
        jobs: ['job', '#/jobs', 'Back to your jobs'], resumes: ['résumé', '#/resumes', 'Back to your résumés'],
        writing: ['text', '#/writing', 'Back to your writing'],
        interviews: ['practice session', '#/interviews', 'Back to interview practice'],
        learning: ['learning path', '#/learning/paths', 'Back to learning paths'],
    }[path.split('/')[1]] || ['page', '#/dashboard', 'Go to the dashboard'];
    mount(root, h('div', { class: 'card narrow', 'data-testid': 'not-found' },
        heading(`This ${what[0]} was not found`),
        h('p', null, `It may have been deleted, or the link is wrong.`),
        h('div', { class: 'actions' }, h('a', { href: what[1], class: 'button' }, what[2]))));
}

/* A signed-in user who is not an administrator opened an admin page. */
export function forbidden(root) {
    mount(root, h('div', { class: 'card narrow', 'data-testid': 'forbidden' },
        heading('For administrators only'),
        h('p', null, 'Your account cannot open this page. Ask an administrator if you need access.'),
        h('div', { class: 'actions' }, home())));
}

/* Anything else that stopped a view. */
export function failed(root, err) {
    mount(root, h('div', { class: 'card narrow', 'data-testid': 'view-error' },
        heading('Something went wrong'),
        h('p', { class: 'error', role: 'alert' }, errorText(err)),
        h('div', { class: 'actions' },
            h('button', { type: 'button', onclick: () => window.location.reload() }, 'Try again'), home())));
}
