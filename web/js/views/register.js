// #/register: creates the account with POST /auth/register and signs the tab in.

import { api, setToken } from '../api.js';
import { field, h, heading, mount } from '../dom.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { navigate, rememberWanted } from '../navigate.js';
import { rememberUser } from '../session.js';

export function render(root) {
    const form = h('form', { class: 'card narrow', 'data-testid': 'register-form', novalidate: true },
        heading('Create an account'));
    const errors = formError(form);
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'register-submit' },
        'Create account');
    mount(form, errors.el,
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
        submit,
        h('p', null, 'Already registered? ', h('a', { href: '#/login' }, 'Log in')));

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(submit, errors, async () => {
            const session = await api.post('/auth/register', {
                username: form.username.value.trim(),
                email: form.email.value.trim(),
                password: form.password.value,
            });
            setToken(session.access_token);
            rememberUser(session.user);
            flash.next(`Welcome, ${session.user.username}! Start by adding a job you are interested in.`);
            rememberWanted(null); // a new account starts on its dashboard, with the first steps
            navigate('#/dashboard');
        });
    });
    mount(root, form);
}
