// #/register: creates the account with POST /auth/register and signs the tab in.

import { api, setToken } from '../api.js';
import { errorBox, field, h, heading, mount, showError } from '../dom.js';
import { flash } from '../flash.js';
import { navigate } from '../navigate.js';

export function render(root) {
    const error = errorBox();
    const form = h('form', { class: 'card narrow', 'data-testid': 'register-form', novalidate: true },
        heading('Create an account'),
        error,
        field('Username', h('input', {
            id: 'register-username', name: 'username', autocomplete: 'username', required: true,
        }), '3 to 50 letters, digits, dots, dashes or underscores.'),
        field('E-mail', h('input', {
            id: 'register-email', name: 'email', type: 'email', autocomplete: 'email', required: true,
        })),
        field('Password', h('input', {
            id: 'register-password', name: 'password', type: 'password',
            autocomplete: 'new-password', required: true,
        }), 'At least 8 characters.'),
        h('button', { type: 'submit', class: 'primary', 'data-testid': 'register-submit' },
            'Create account'),
        h('p', null, 'Already registered? ', h('a', { href: '#/login' }, 'Log in')));

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        showError(error, null, form);
        const body = {
            username: form.username.value.trim(),
            email: form.email.value.trim(),
            password: form.password.value,
        };
        try {
            const session = await api.post('/auth/register', body);
            setToken(session.access_token);
            flash.next(`Welcome, ${session.user.username}!`);
            navigate('#/jobs');
        } catch (err) {
            showError(error, err, form);
        }
    });
    mount(root, form);
}
