// #/account: the profile (with the daily goal), the job preferences the recommendations use,
// the calendar feed (subscribe from Google, Apple or Thunderbird: create, copy, rotate,
// revoke), the password, the data export, logging out and deleting the account. Profile and
// preferences are saved with the version shown (If-Match), so a change made in another tab is
// not overwritten.
//
// API: GET/PATCH /users/me, GET/PUT /users/me/preferences, GET/POST/DELETE /calendar/feed,
// POST /users/me/password, GET /users/me/export, POST /auth/logout, DELETE /users/me. The bookmarklet that saves a
// posting from any page (bookmarklet.js, /capture).

import { ApiError, api, download, logout, setToken } from '../api.js';
import { bookmarkletHref } from '../bookmarklet.js';
import { confirmDialog } from '../dialog.js';
import { checkboxes, field, h, heading, mount, options, saveBlob } from '../dom.js';
import { flash } from '../flash.js';
import { busy, downloadProgress, formError } from '../forms.js';
import { amount, commaList, labelled, wholeNumber } from '../format.js';
import { JOB_FIELD_VALUES } from '../job_fields.js';
import { navigate } from '../navigate.js';
import { forgetUser, rememberUser } from '../session.js';

const LEVELS = ['entry', 'junior', 'mid', 'senior', 'lead', 'executive'];
const joined = (values) => (values || []).join(', ');

export async function render(root) {
    const [me, prefs, feed] = await Promise.all([api.get('/users/me'), api.get('/users/me/preferences'),
        api.get('/calendar/feed').catch((err) => {
            if (err instanceof ApiError && err.status === 404) return null; // no feed yet
            throw err;
        })]);
    mount(root, heading('Account'),
        h('p', { class: 'subtitle', 'data-testid': 'account-username' },
            `Signed in as ${me.username}${me.is_admin ? ' (administrator)' : ''}`),
        h('div', { class: 'grid-2' },
            h('div', null, profileForm(me), captureSection(), passwordForm(me)),
            h('div', null, preferencesForm(prefs), calendarSection(feed), dataSection(me))));
}

function section(form, title, testid) {
    form.classList.add('card');
    form.setAttribute('data-testid', testid);
    form.setAttribute('novalidate', '');
    form.prepend(h('h2', null, title));
    return form;
}

function profileForm(me) {
    const form = h('form');
    const errors = formError(form, 'profile-error', 'profile');
    let version = me.row_version;
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'profile-submit' }, 'Save profile');
    mount(form, errors.el,
        field('E-mail', h('input', { id: 'profile-email', name: 'email', type: 'email', autocomplete: 'email', value: me.email })),
        field('Skills', h('textarea', { id: 'profile-skills', name: 'skills', rows: 2, value: joined(me.skills) }),
            'Comma-separated, e.g. C, SQL, PostgreSQL. Used to match jobs and find your skill gap.'),
        field('Preferred locations', h('input', { id: 'profile-locations', name: 'preferred_locations',
            value: joined(me.preferred_locations) }), 'Comma-separated.'),
        field('Experience level', h('select', { id: 'profile-level', name: 'experience_level' },
            options([['', '—'], ...labelled(LEVELS)], me.experience_level || ''))),
        field('Daily application goal', h('input', { id: 'profile-goal', name: 'daily_application_goal',
            type: 'number', min: 0, max: 100, inputmode: 'numeric', value: String(me.daily_application_goal) }),
        'Applications to send each day, 0 to 100. The dashboard counts them and your streak.'),
        field('I prefer remote jobs', h('input', { id: 'profile-remote', name: 'prefer_remote_jobs', type: 'checkbox',
            checked: me.prefer_remote_jobs })),
        submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        const goal = el.daily_application_goal.value.trim();
        busy(submit, errors, async () => {
            const saved = await api.patch('/users/me', {
                email: el.email.value.trim(),
                skills: commaList(el.skills.value),
                preferred_locations: commaList(el.preferred_locations.value),
                experience_level: el.experience_level.value || null,
                daily_application_goal: wholeNumber(goal),
                prefer_remote_jobs: el.prefer_remote_jobs.checked,
            }, version);
            version = saved.row_version;
            rememberUser(saved);
            flash(`Profile saved. Your daily goal is ${saved.daily_application_goal} application${saved.daily_application_goal === 1 ? '' : 's'}.`);
        });
    });
    return section(form, 'Profile', 'profile-form');
}

function preferencesForm(prefs) {
    const form = h('form');
    const errors = formError(form, 'preferences-error', 'set of preferences');
    let version = prefs.row_version; // none until they were first saved
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'preferences-submit' }, 'Save preferences');
    const text = (name, labelText, hint) => field(labelText, h('input', { id: `prefs-${name.replace(/_/g, '-')}`, name,
        value: joined(prefs[name]) }), hint);
    mount(form,
        h('p', { class: 'hint' }, 'Recommended jobs are ranked with these; excluded companies and keywords are hidden there.'),
        errors.el,
        checkboxes('Job types you want', 'preferred_job_types', labelled(JOB_FIELD_VALUES.job_type),
            new Set(prefs.preferred_job_types || []), 'prefs-type'),
        text('preferred_companies', 'Companies you would like to work for', 'Comma-separated.'),
        text('excluded_companies', 'Companies to leave out', 'Comma-separated.'),
        text('keywords', 'Keywords you look for', 'Comma-separated, e.g. payments, open source.'),
        text('excluded_keywords', 'Keywords to leave out', 'Comma-separated, e.g. crypto, on-call.'),
        checkboxes('Sources you prefer', 'preferred_sources', labelled(JOB_FIELD_VALUES.source),
            new Set(prefs.preferred_sources || []), 'prefs-source'),
        field('Minimum salary', h('input', { id: 'prefs-min-salary', name: 'min_salary', inputmode: 'numeric',
            value: prefs.min_salary == null ? '' : String(prefs.min_salary) }), 'Per year, in the currency of the job, e.g. 80000 or 80k. Leave empty for none.'),
        field('Tell me about new matches', h('input', { id: 'prefs-notify', name: 'notify_new_matches', type: 'checkbox',
            checked: prefs.notify_new_matches !== false })),
        submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((c) => c.value);
        const min = el.min_salary.value.trim();
        busy(submit, errors, async () => {
            const saved = await api.put('/users/me/preferences', {
                preferred_job_types: checked('preferred_job_types'),
                preferred_sources: checked('preferred_sources'),
                disabled_sources: prefs.disabled_sources || [],
                preferred_companies: commaList(el.preferred_companies.value),
                excluded_companies: commaList(el.excluded_companies.value),
                keywords: commaList(el.keywords.value),
                excluded_keywords: commaList(el.excluded_keywords.value),
                min_salary: min === '' ? null : amount(min),
                notify_new_matches: el.notify_new_matches.checked,
            }, version);
            version = saved.row_version;
            flash('Preferences saved. Your recommended jobs now follow them.');
        });
    });
    return section(form, 'Job preferences', 'preferences-form');
}

function captureSection() {
    const note = h('p', { class: 'hint', role: 'status', 'data-testid': 'bookmarklet-note', hidden: true },
        'Drag the button to your bookmarks bar, then click it there on a job posting.');
    const link = h('a', { href: bookmarkletHref(window.location.origin), class: 'button bookmarklet', 'data-testid': 'bookmarklet',
        onclick: (event) => {
            event.preventDefault(); /* it works on postings, not here */
            note.hidden = false;
        } }, 'Save to Career Copilot');
    return h('section', { class: 'card', 'data-testid': 'capture-section' },
        h('h2', null, 'Save jobs from any page'),
        h('p', null, 'Drag this button to your browser’s bookmarks bar:'),
        h('p', null, link), note,
        h('ol', null,
            h('li', null, 'Open a job posting: LinkedIn, Indeed, a company’s careers page… also pages you are logged in to.'),
            h('li', null, 'Click “Save to Career Copilot” in the bookmarks bar.'),
            h('li', null, 'A small window shows the job as read from the page. Correct what is wrong and press Save job.')),
        h('p', { class: 'hint' }, 'If no window opens, allow pop-ups for the posting’s site. Without the bookmark, ',
            h('a', { href: '/capture', target: '_blank', 'data-testid': 'capture-page-link' }, 'open the capture page'),
            ' and paste the posting’s address.'));
}

/* The calendar feed: a private address calendar programs read (GET /calendar.ics?token=). */
function calendarSection(initial) {
    const errors = formError(null, 'feed-error');
    const body = h('div', { 'data-testid': 'feed-body' });
    const el = h('section', { class: 'card', 'data-testid': 'calendar-feed', 'aria-labelledby': 'feed-title' },
        h('h2', { id: 'feed-title' }, 'Calendar subscription'), errors.el, body);
    const run = (action) => (event) => busy(event.currentTarget, errors, action);
    const create = async () => {
        const feed = await api.post('/calendar/feed');
        draw(feed, feed.url);
        flash(initial ? 'A new address was made; the old one no longer works.' : 'Your calendar address is ready.');
        initial = feed;
    };
    const draw = (feed, url) => {
        if (!feed) {
            body.replaceChildren(
                h('p', null, 'See your follow-ups, interviews and offers in Google Calendar, Apple Calendar or Thunderbird. ',
                    'They stay up to date as you work here.'),
                h('button', { type: 'button', class: 'primary', 'data-testid': 'feed-create', onclick: run(create) }, 'Create calendar address'));
            return;
        }
        const parts = [];
        if (url) {
            const input = h('input', { id: 'feed-url', type: 'text', readonly: true, value: url, 'data-testid': 'feed-url' });
            parts.push(field('Your private calendar address', input, 'Keep it to yourself: anyone with it can read these dates. It is shown only now.'),
                h('div', { class: 'actions' }, h('button', { type: 'button', 'data-testid': 'feed-copy', onclick: run(async () => {
                    input.select();
                    await navigator.clipboard.writeText(url);
                    flash('Address copied.');
                }) }, 'Copy address')),
                h('h3', null, 'Add it to your calendar'),
                h('ul', { 'data-testid': 'feed-instructions' },
                    h('li', null, h('strong', null, 'Google Calendar'), ': Other calendars, +, From URL; paste the address and choose Add calendar.'),
                    h('li', null, h('strong', null, 'Apple Calendar'), ': File, New Calendar Subscription; paste the address, then choose how often to refresh.'),
                    h('li', null, h('strong', null, 'Thunderbird'), ': Calendar, New Calendar, On the Network; paste the address as its location (iCalendar, ICS).')));
        } else {
            parts.push(h('p', { 'data-testid': 'feed-status' }, `Your calendar address was made on ${new Date(feed.created_at).toLocaleDateString()}`,
                feed.last_used_at ? `; a calendar last read it on ${new Date(feed.last_used_at).toLocaleString()}.` : '; no calendar has read it yet.'),
            h('p', { class: 'hint' }, 'For your privacy the address is not shown again. Make a new one to see it, and paste that into your calendar instead.'));
        }
        parts.push(h('div', { class: 'actions' },
            h('button', { type: 'button', 'data-testid': 'feed-rotate', onclick: run(create) }, 'Make a new address'),
            h('button', { type: 'button', class: 'danger', 'data-testid': 'feed-revoke', onclick: run(async () => {
                const ok = await confirmDialog({ title: 'Stop the calendar subscription?', confirm: 'Stop it', danger: true,
                    body: 'Calendars that use this address stop receiving your dates. You can make a new address later.' });
                if (!ok) return;
                await api.del('/calendar/feed');
                initial = null;
                draw(null);
                flash('The calendar address no longer works.');
            }) }, 'Stop subscription')));
        body.replaceChildren(...parts);
    };
    draw(initial);
    return el;
}

function passwordForm(me) {
    const form = h('form', { novalidate: true });
    const errors = formError(form, 'password-error');
    const submit = h('button', { type: 'submit', 'data-testid': 'password-submit' }, 'Change password');
    mount(form, errors.el,
        h('input', { type: 'text', name: 'username', autocomplete: 'username', value: me.username, hidden: true }),
        field('Current password', h('input', { id: 'password-current', name: 'current_password',
            type: 'password', autocomplete: 'current-password', required: true })),
        field('New password', h('input', { id: 'password-new', name: 'new_password',
            type: 'password', autocomplete: 'new-password', required: true }), 'At least 8 characters. Your other sessions are logged out.'),
        submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(submit, errors, async () => {
            await api.post('/users/me/password', {
                current_password: form.elements.current_password.value,
                new_password: form.elements.new_password.value,
            });
            form.reset();
            flash('Password changed.');
        });
    });
    return section(form, 'Change password', 'password-form');
}

function dataSection(me) {
    const errors = formError(null, 'account-error');
    const run = (action) => (event) => busy(event.currentTarget, errors, action);
    return h('section', { class: 'card' }, h('h2', null, 'Your data'), errors.el,
                h('p', { class: 'hint' }, 'Everything you stored here, as one JSON file.'),
        h('p', { class: 'hint' }, 'Scripting your search or writing an integration? Read the ',
            h('a', { href: '/api/docs', 'data-testid': 'api-docs-link' }, 'API reference'),
            ' or generate a client from ', h('a', { href: '/api/v1/openapi.json' }, 'openapi.json'), '.'),
        h('div', { class: 'actions' },
            h('button', { type: 'button', 'data-testid': 'export-data', onclick: (event) => {
                const progress = downloadProgress(event.currentTarget);
                return busy(event.currentTarget, errors, async () => {
                    try {
                        const file = await download('/users/me/export', `copilot-export-${me.username}.json`, progress.onProgress);
                        saveBlob(file.blob, `copilot-export-${me.username}.json`);
                    } finally {
                        progress.done();
                    }
                });
            } }, 'Download all my data (JSON)'),
            h('button', { type: 'button', 'data-testid': 'account-logout', onclick: run(async () => {
                await logout();
                forgetUser();
                flash.next('You are logged out.');
                navigate('#/login');
            }) }, 'Log out'),
            h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-account', onclick: run(async () => {
                const ok = await confirmDialog({ title: 'Delete your account?', confirm: 'Delete my account', danger: true,
                    body: `Delete the account ${me.username} with every job, application, résumé and text in it? This cannot be undone.` });
                if (!ok) return;
                await api.del('/users/me');
                setToken(null);
                forgetUser();
                flash.next('Your account was deleted.');
                navigate('#/register');
            }) }, 'Delete account')));
}
