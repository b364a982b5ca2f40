// #/admin (administrators only; the router shows others a "for administrators" page and the
// server answers 403 anyway): system-wide figures and the users, who can be made
// administrators, lose that right, or be deleted.
//
// API: GET /admin/analytics, GET /admin/users, PATCH /admin/users/ID {is_admin},
// DELETE /admin/users/ID.

import { api } from '../api.js';
import { barTable } from '../chart.js';
import { confirmDialog } from '../dialog.js';
import { badge, h, mount, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { date, label, noun, number, percent, plural } from '../format.js';
import { navigate } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';
import { currentUser } from '../session.js';
import { dataTable } from '../table.js';

export async function render(root, { query }) {
    const offset = Math.max(0, Number(query.get('offset')) || 0);
    const [stats, users, me] = await Promise.all([
        api.get('/admin/analytics'),
        api.get('/admin/users', { limit: 20, offset }),
        currentUser(),
    ]);
    const last = pastTheEnd(users); // an address past the end: its last page
    if (last !== null) return navigate(`#/admin?offset=${last}`);
    const errors = formError(null, 'admin-error');
    mount(root, titleRow('Administration'),
        h('p', { class: 'subtitle' }, `Figures for the whole system, as of ${date(stats.generated_at)}.`),
        figures(stats),
        h('section', { class: 'card', 'data-testid': 'admin-users' }, h('h2', null, 'Users'), errors.el,
            users.items.length ? usersTable(users.items, me, errors) : h('p', null, 'No users.'),
            pager(users, (o) => navigate(`#/admin?offset=${o}`), 'users-range')));
}

function stat(value, text) {
    return h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, text));
}

function figures(s) {
    const u = s.users || {};
    const j = s.jobs || {};
    const a = s.applications || {};
    const fb = s.recommendation_feedback || {};
    return [
        h('div', { class: 'stats', 'data-testid': 'admin-figures' },
            stat(number(u.total), `${noun(u.total, 'user')} (${plural(u.admins, 'administrator')})`),
            stat(number(u.active_last_7_days), 'active in the last 7 days'),
            stat(number(u.new_last_30_days), 'new in the last 30 days'),
            stat(number(j.total), noun(j.total, 'job tracked', 'jobs tracked')),
            stat(number(a.total), noun(a.total, 'application')),
            stat(percent(a.response_rate, 0), 'of applications answered'),
            stat(number(fb.total), `${noun(fb.total, 'recommendation mark')} (${number(fb.helpful)} helpful)`),
            stat(number(s.snapshots), noun(s.snapshots, 'saved snapshot'))),
        h('div', { class: 'grid-2' },
            h('section', { class: 'card' }, h('h2', null, 'Jobs by source'),
                barTable(Object.entries(j.by_source || {}).filter(([, n]) => n > 0).sort((x, y) => y[1] - x[1]).map(([k, n]) => ({ label: k === 'unknown' ? 'Not given' : label(k), value: n })),
                    { caption: 'Jobs per source, all users', labelHeader: 'Source', valueLabel: 'Jobs', testid: 'admin-sources' })),
            h('section', { class: 'card' }, h('h2', null, 'Applications by status'),
                barTable(Object.entries(a.by_status || {}).map(([k, n]) => ({ label: label(k), value: n })),
                    { caption: 'Applications per status, all users', labelHeader: 'Status', valueLabel: 'Applications' }))),
    ];
}

function usersTable(users, me, errors) {
    const columns = [
        { key: 'username', label: 'Username', fixed: true, cell: (u) => h('span', null, u.username, u.is_admin ? [' ', badge('primary', 'Administrator')] : null) },
        { key: 'email', label: 'E-mail', cell: (u) => u.email },
        { key: 'created_at', label: 'Joined', className: 'nowrap', cell: (u) => date(u.created_at) },
        { key: 'sign_in', label: 'Signs in with', cell: (u) => (u.oauth_provider ? label(u.oauth_provider) : 'Password') },
        { key: 'actions', label: 'Actions', fixed: true, cell: (u) => actions(u, me, errors) },
    ];
    const table = dataTable({ id: 'users', caption: 'Users', columns, rows: users,
        rowProps: (u) => ({ 'data-testid': 'user-row', 'data-user-id': u.id, 'data-username': u.username }) });
    return [h('div', { class: 'toolbar' }, table.chooser), table.el];
}

function actions(u, me, errors) {
    if (me && u.id === me.id) return h('span', { class: 'muted' }, 'You');
    const toggle = h('button', { type: 'button', class: 'small', 'data-testid': u.is_admin ? 'revoke-admin' : 'make-admin' },
        u.is_admin ? 'Remove administrator' : 'Make administrator');
    toggle.addEventListener('click', () => busy(toggle, errors, async () => {
        const ok = await confirmDialog({ title: u.is_admin ? 'Remove administrator rights?' : 'Make this user an administrator?',
            confirm: u.is_admin ? 'Remove rights' : 'Make administrator',
            body: u.is_admin ? `${u.username} will no longer open the admin pages.`
                : `${u.username} will see every user and everyone’s feedback, and can delete accounts.` });
        if (!ok) return;
        await api.patch(`/admin/users/${u.id}`, { is_admin: !u.is_admin });
        flash.next(`${u.username} ${u.is_admin ? 'is no longer' : 'is now'} an administrator.`);
        navigate(location.hash);
    }));
    const remove = h('button', { type: 'button', class: 'small danger', 'data-testid': 'delete-user' }, 'Delete');
    remove.addEventListener('click', () => busy(remove, errors, async () => {
        const ok = await confirmDialog({ title: 'Delete this user?', confirm: 'Delete user', danger: true,
            body: `Delete ${u.username} and everything they stored? This cannot be undone.` });
        if (!ok) return;
        await api.del(`/admin/users/${u.id}`);
        flash.next(`${u.username} was deleted.`);
        navigate(location.hash);
    }));
    return h('span', { class: 'actions' }, toggle, remove);
}
