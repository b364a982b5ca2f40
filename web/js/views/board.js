// #/board: the applications as kanban columns (GET /applications/board), the open states in one
// row and the outcomes in another. Each card moves with a select and a button
// (PATCH /applications/ID {status}); a refused move shows the server's message, which names the
// allowed states.

import { api } from '../api.js';
import { errorBox, h, heading, humanize, mount, showError } from '../dom.js';
import { flash } from '../flash.js';
import { navigate } from '../navigate.js';
import { APPLICATION_STATUSES, isFinal, nextStatuses } from '../pipeline.js';

const OPEN = APPLICATION_STATUSES.filter((s) => !isFinal(s));
const OUTCOMES = APPLICATION_STATUSES.filter(isFinal);

export async function render(root) {
    const board = await api.get('/applications/board');
    mount(root,
        heading('Board'),
        h('p', { class: 'subtitle', 'data-testid': 'board-total' },
            `${board.total} application${board.total === 1 ? '' : 's'}`),
        board.total === 0 ? h('p', { class: 'empty' },
            'Nothing tracked yet: open a job and choose “Track application”.') : null,
        lane('In progress', 'open', OPEN, board), lane('Outcomes', 'outcomes', OUTCOMES, board));
}

/* One row of columns. */
function lane(title, name, statuses, board) {
    return h('div', { class: 'lane' }, h('h2', { class: 'lane-title' }, title),
        h('div', { class: 'board', 'data-testid': `lane-${name}` }, statuses.map((status) =>
            column(status, board.columns[status] || [], board.counts[status] ?? 0))));
}

function column(status, items, count) {
    const titleId = `column-${status}`;
    return h('section', { class: 'column', 'aria-labelledby': titleId, 'data-testid': `column-${status}` },
        h('h3', { id: titleId }, humanize(status), ' ', h('span', { class: 'count' }, String(count))),
        h('ul', null, items.map(card)));
}

function card(app) {
    const selectId = `move-${app.id}`;
    const error = errorBox('card-error');
    const next = nextStatuses(app.status);
    const final = isFinal(app.status);
    // The server has the last word: the "Other" moves are offered and it explains a refusal.
    // A final state can only be reopened (?force=true) to the open state before it.
    const others = APPLICATION_STATUSES.filter((s) => s !== app.status && !next.includes(s) &&
        !(final && isFinal(s)));
    const select = h('select', { id: selectId, name: 'status' },
        next.length ? h('optgroup', { label: 'Next steps' }, next.map(option)) : null,
        h('optgroup', { label: final ? 'Open states' : 'Other' }, others.map(option)));
    const form = h('form', { class: 'move' },
        h('label', { for: selectId }, final ? 'Reopen as' : 'Move to'), select,
        h('button', { type: 'submit', 'data-testid': 'move-submit' }, final ? 'Reopen' : 'Move'));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        showError(error, null, form);
        try {
            await api.patch(`/applications/${app.id}${final ? '?force=true' : ''}`, { status: select.value });
            flash.next(`Moved “${app.job_title}” to ${humanize(select.value)}.`);
            navigate('#/board');
        } catch (err) {
            showError(error, err, form);
        }
    });
    return h('li', { class: 'card-item', 'data-testid': 'board-card', 'data-application-id': app.id },
        h('a', { href: `#/jobs/${app.job_id}`, class: 'card-title' }, app.job_title),
        h('div', { class: 'muted' }, app.company),
        app.follow_up_date ? h('div', { class: 'muted' }, `Follow up ${app.follow_up_date}`) : null,
        form, error);
}

function option(status) {
    return h('option', { value: status }, humanize(status));
}
