// #/login: username or e-mail and password; POST /auth/login keeps the token for this tab.
// (Sign-in buttons for OAuth providers wait for GET /auth/providers, SPEC part E.)

import { api, setToken } from '../api.js';
import { field, h, heading, mount } from '../dom.js';
import { busy, formError } from '../forms.js';
import { navigate } from '../navigate.js';
import { forgetUser } from '../session.js';

export function render(root) {
    const form = h('form', { class: 'card narrow', 'data-testid': 'login-form', novalidate: true },
        heading('Log in'));
    const errors = formError(form);
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'login-submit' }, 'Log in');
    mount(form, errors.el,
        field('Username or e-mail', h('input', {
            id: 'login-username', name: 'username', autocomplete: 'username', required: true,
        })),
        field('Password', h('input', {
            id: 'login-password', name: 'password', type: 'password',
            autocomplete: 'current-password', required: true,
        })),
        submit,
        h('p', null, 'No account yet? ', h('a', { href: '#/register' }, 'Create one')));

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(submit, errors, async () => {
            const body = { username: form.username.value.trim(), password: form.password.value };
            const session = await api.post('/auth/login', body);
            setToken(session.access_token);
            forgetUser();
            navigate('#/dashboard');
        });
    });
    mount(root, form);
}
