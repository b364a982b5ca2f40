// #/follow-ups: open applications whose follow-up date is today or past
// (GET /applications/follow-ups); overdue ones are marked.

import { api } from '../api.js';
import { badge, h, heading, mount } from '../dom.js';

export async function render(root) {
    const data = await api.get('/applications/follow-ups');
    mount(root, heading('Follow-ups'),
        h('p', { class: 'subtitle', 'data-testid': 'follow-ups-total' },
            `${data.total} due as of ${data.today}`));
    if (data.items.length === 0) {
        mount(root, h('p', { class: 'empty', 'data-testid': 'follow-ups-empty' },
            'Nothing to follow up. Set a follow-up date on an application from its job page.'));
        return;
    }
    mount(root, h('ul', { class: 'follow-ups', 'data-testid': 'follow-ups' }, data.items.map((app) =>
        h('li', { class: app.overdue ? 'overdue' : null, 'data-testid': 'follow-up',
            'data-overdue': String(app.overdue) },
        h('a', { href: `#/jobs/${app.job_id}` }, app.job_title), ' at ', app.company, ' ',
        badge(app.status), ' ',
        h('span', { class: 'due' }, app.overdue ? `Overdue since ${app.follow_up_date}` : 'Due today')))));
}
