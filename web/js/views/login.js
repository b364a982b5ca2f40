// #/login: username or e-mail and password; POST /auth/login keeps the token for this tab. The
// OAuth providers the server has configured (GET /auth/providers) get a "Sign in with ..."
// button each, which opens the provider's start URL. The provider sends the browser back to its
// redirect URI, set to this page with ?oauth=<name> (README, "Signing in with an OAuth
// provider"); completeOAuth() then exchanges the code for a token on the API's callback.

import { api, setToken } from '../api.js';
import { field, h, heading, mount } from '../dom.js';
import { flash } from '../flash.js';
import { busy, errorText, formError } from '../forms.js';
import { label } from '../format.js';
import { navigate, navigateAfterSignIn } from '../navigate.js';
import { forgetUser } from '../session.js';

export function render(root) {
    const form = h('form', { class: 'card narrow', 'data-testid': 'login-form', novalidate: true },
        heading('Log in'));
    const errors = formError(form);
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'login-submit' }, 'Log in');
    const others = h('div', { class: 'sign-in-options', 'data-testid': 'oauth-providers', hidden: true });
    mount(form, errors.el,
        field('Username or e-mail', h('input', {
            id: 'login-username', name: 'username', autocomplete: 'username', required: true,
        })),
        field('Password', h('input', {
            id: 'login-password', name: 'password', type: 'password',
            autocomplete: 'current-password', required: true,
        })),
        submit, others,
        h('p', null, 'No account yet? ', h('a', { href: '#/register' }, 'Create one')));

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(submit, errors, async () => {
            const body = { username: form.username.value.trim(), password: form.password.value };
            const session = await api.post('/auth/login', body);
            setToken(session.access_token);
            forgetUser();
            navigateAfterSignIn();
        });
    });
    mount(root, form);
    api.get('/auth/providers').then((options) => {
        if (!options.oauth.length) return;
        others.replaceChildren(h('p', { class: 'or' }, 'or'), h('ul', { class: 'plain' }, options.oauth.map((p) =>
            h('li', null, h('a', { href: p.start_url, class: 'button oauth', 'data-testid': `oauth-${p.name}` },
                `Sign in with ${label(p.name)}`)))));
        others.hidden = false;
    }, () => {}); // the password form works without them
}

/*
 * Back from a provider (this page's address carries ?oauth=NAME&code=...&state=...): asks the
 * API's callback for a token, takes the address back to the page's own, and goes on to the
 * view asked for before signing in (or the dashboard), or to the login page with the reason. Returns true when it handled a return.
 */
export async function completeOAuth() {
    const q = new URLSearchParams(location.search);
    const name = q.get('oauth');
    if (!name || !(q.has('code') || q.has('error'))) return false;
    history.replaceState(null, '', `${location.pathname}#/login`);
    try {
        if (q.has('error')) throw new Error(q.get('error_description') || 'the provider did not sign you in');
        const session = await api.get(`/auth/oauth/${encodeURIComponent(name)}/callback`, { code: q.get('code'), state: q.get('state') });
        setToken(session.access_token);
        forgetUser();
        navigateAfterSignIn();
    } catch (err) {
        flash.next(`Signing in with ${label(name)} did not work: ${errorText(err)}`, 'error');
        navigate('#/login');
    }
    return true;
}
