// #/login: username or e-mail and password; POST /auth/login keeps the token for this tab.

import { api, setToken } from '../api.js';
import { errorBox, field, h, heading, mount, showError } from '../dom.js';
import { navigate } from '../navigate.js';

export function render(root) {
    const error = errorBox();
    const form = h('form', { class: 'card narrow', 'data-testid': 'login-form', novalidate: true },
        heading('Log in'),
        error,
        field('Username or e-mail', h('input', {
            id: 'login-username', name: 'username', autocomplete: 'username', required: true,
        })),
        field('Password', h('input', {
            id: 'login-password', name: 'password', type: 'password',
            autocomplete: 'current-password', required: true,
        })),
        h('button', { type: 'submit', class: 'primary', 'data-testid': 'login-submit' }, 'Log in'),
        h('p', null, 'No account yet? ', h('a', { href: '#/register' }, 'Create one')));

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        showError(error, null, form);
        const body = { username: form.username.value.trim(), password: form.password.value };
        try {
            const session = await api.post('/auth/login', body);
            setToken(session.access_token);
            navigate('#/jobs');
        } catch (err) {
            showError(error, err, form);
        }
    });
    mount(root, form);
}
