// #/account: the profile (PATCH /users/me), the password, the data export, logging out and
// deleting the account.

import { api, download, logout, setToken } from '../api.js';
import { errorBox, field, h, heading, humanize, mount, options, showError } from '../dom.js';
import { flash } from '../flash.js';
import { navigate } from '../navigate.js';

const LEVELS = ['entry', 'junior', 'mid', 'senior', 'lead', 'executive'];
const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

export async function render(root) {
    const me = await api.get('/users/me');
    mount(root, heading('Account'),
        h('p', { class: 'subtitle', 'data-testid': 'account-username' },
            `Signed in as ${me.username}${me.is_admin ? ' (admin)' : ''}`),
        profileForm(me), passwordForm(), dataSection(me));
}

function profileForm(me) {
    const error = errorBox('profile-error');
    const form = h('form', { class: 'card', 'data-testid': 'profile-form', novalidate: true },
        h('h2', null, 'Profile'), error,
        field('E-mail', h('input', { id: 'profile-email', name: 'email', type: 'email', value: me.email })),
        field('Skills', h('input', { id: 'profile-skills', name: 'skills', value: me.skills.join(', ') }),
            'Comma-separated, e.g. C, SQL, PostgreSQL.'),
        field('Preferred locations', h('input', { id: 'profile-locations', name: 'preferred_locations',
            value: me.preferred_locations.join(', ') }), 'Comma-separated.'),
        field('Experience level', h('select', { id: 'profile-level', name: 'experience_level' },
            options([['', '—'], ...LEVELS.map((l) => [l, humanize(l)])], me.experience_level || ''))),
        field('Daily application goal', h('input', { id: 'profile-goal', name: 'daily_application_goal',
            type: 'number', min: 0, max: 100, value: String(me.daily_application_goal) })),
        h('div', { class: 'field check' },
            h('input', { id: 'profile-remote', name: 'prefer_remote_jobs', type: 'checkbox',
                checked: me.prefer_remote_jobs }),
            h('label', { for: 'profile-remote' }, 'I prefer remote jobs')),
        h('button', { type: 'submit', class: 'primary', 'data-testid': 'profile-submit' }, 'Save profile'));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        showError(error, null, form);
        const el = form.elements;
        const goal = el.daily_application_goal.value.trim();
        try {
            await api.patch('/users/me', {
                email: el.email.value.trim(),
                skills: list(el.skills.value),
                preferred_locations: list(el.preferred_locations.value),
                experience_level: el.experience_level.value || null,
                daily_application_goal: /^\d+$/.test(goal) ? Number(goal) : goal,
                prefer_remote_jobs: el.prefer_remote_jobs.checked,
            });
            flash('Profile saved.');
        } catch (err) {
            showError(error, err, form);
        }
    });
    return form;
}

function passwordForm() {
    const error = errorBox('password-error');
    const form = h('form', { class: 'card', 'data-testid': 'password-form', novalidate: true },
        h('h2', null, 'Change password'), error,
        field('Current password', h('input', { id: 'password-current', name: 'current_password',
            type: 'password', autocomplete: 'current-password' })),
        field('New password', h('input', { id: 'password-new', name: 'new_password',
            type: 'password', autocomplete: 'new-password' }),
        'At least 8 characters. Other sessions are logged out.'),
        h('button', { type: 'submit', 'data-testid': 'password-submit' }, 'Change password'));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        showError(error, null, form);
        try {
            await api.post('/users/me/password', {
                current_password: form.elements.current_password.value,
                new_password: form.elements.new_password.value,
            });
            form.reset();
            flash('Password changed.');
        } catch (err) {
            showError(error, err, form);
        }
    });
    return form;
}

function dataSection(me) {
    const error = errorBox('account-error');
    const run = (action) => async () => {
        showError(error, null);
        try {
            await action();
        } catch (err) {
            showError(error, err);
        }
    };
    return h('section', { class: 'card' }, h('h2', null, 'Your data'), error,
        h('div', { class: 'actions' },
            h('button', { type: 'button', 'data-testid': 'export-data',
                onclick: run(() => download('/users/me/export', `copilot-export-${me.username}.json`)) },
            'Download all my data (JSON)'),
            h('button', { type: 'button', 'data-testid': 'account-logout', onclick: run(async () => {
                await logout();
                flash.next('You are logged out.');
                navigate('#/login');
            }) }, 'Log out'),
            h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-account',
                onclick: run(async () => {
                    const question = `Delete the account ${me.username} and everything in it? `
                        + 'This cannot be undone.';
                    if (!window.confirm(question)) return;
                    await api.del('/users/me');
                    setToken(null);
                    flash.next('Your account was deleted.');
                    navigate('#/register');
                }) }, 'Delete account')));
}
