// #/follow-ups: open applications whose follow-up date is today or past, overdue ones marked,
// with a way to set the next follow-up date right there.
//
// API: GET /applications/follow-ups, PATCH /applications/ID {follow_up_date}.

import { ApiError, api } from '../api.js';
import { badge, empty, h, mount, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { date, dueState, label, plural, relativeDay, todayLocal, todayUtc } from '../format.js';
import { navigate } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';

export async function render(root, { query }) {
    const offset = Math.max(0, Number(query.get('offset')) || 0);
    const data = await api.get('/applications/follow-ups', { offset, limit: 50 });
    const last = pastTheEnd(data); // an address past the end: its last page
    if (last !== null) return navigate(`#/follow-ups?offset=${last}`);
    mount(root, titleRow('Follow-ups'),
        h('p', { class: 'subtitle', 'data-testid': 'follow-ups-total' },
            // the list is the server's (follow-ups due by its UTC day); west of UTC in the
            // evening that day is the reader's tomorrow, so it is named
            `${plural(data.total, 'follow-up')} due ${todayUtc() === todayLocal() ? 'today or earlier' : `on or before ${date(todayUtc())}`}`));
    if (data.items.length === 0) {
        mount(root, empty('Nothing to follow up. Set a follow-up date on an application from its job page.',
            h('a', { href: '#/board', class: 'button' }, 'Open the board'), 'follow-ups-empty'));
        return;
    }
    mount(root, h('ul', { class: 'items', 'data-testid': 'follow-ups' }, data.items.map(item)),
        pager({ ...data, limit: data.limit || 50, offset: data.offset || offset }, (o) => navigate(`#/follow-ups?offset=${o}`)));
}

function item(app) {
    const inputId = `next-follow-up-${app.id}`;
    const form = h('form', { class: 'inline' },
        h('label', { for: inputId }, 'Next follow-up'),
        h('input', { id: inputId, name: 'follow_up_date', type: 'date', value: '' }),
        h('button', { type: 'submit', class: 'small' }, 'Save'));
    const errors = formError(form, 'follow-up-error');
    form.append(errors.el);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(form.querySelector('button'), errors, async () => {
            const next = form.elements.follow_up_date.value;
            // an empty date would clear the follow-up while saying "saved": ask for one
            if (!next) throw new ApiError(422, { code: 'validation_error', field: 'follow_up_date', message: 'Choose the date of the next follow-up.' });
            await api.patch(`/applications/${app.id}`, { follow_up_date: next });
            flash.next(`Next follow-up on ${date(next)}.`);
            navigate('#/follow-ups');
        });
    });
    const state = dueState(app.follow_up_date); // on the reader's calendar
    return h('li', { class: state === 'overdue' ? 'overdue' : null, 'data-testid': 'follow-up', 'data-overdue': String(state === 'overdue') },
        h('div', { class: 'item-head' },
            h('span', null, h('a', { href: `#/jobs/${app.job_id}`, class: 'item-title' }, app.job_title), ' at ', app.company),
            badge(app.status, label(app.status))),
        h('p', { class: 'meta' }, state === 'overdue'
            ? badge('overdue', `Overdue since ${date(app.follow_up_date)} (${relativeDay(app.follow_up_date)})`)
            : badge('due', state === 'today' ? 'Due today' : `Due ${relativeDay(app.follow_up_date)}, ${date(app.follow_up_date)}`)),
        form);
}
