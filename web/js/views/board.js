// #/board: the applications as kanban columns in the server's pipeline order, with counts.
// Cards move by drag and drop (mouse anywhere on the card; touch on its grip) or, from the
// keyboard, with the card's "Move" button and a list of states. Only the moves the pipeline
// allows (GET /applications/pipeline) are offered: while a card is dragged only those columns
// light up, a drop elsewhere stays put and says why, and a final state offers to reopen.
// Follow-ups due today and overdue are marked on the cards of open applications, from each card's
// own date by the reader's day (the follow-ups list, which held only the first 100 of a heavy
// user's 6,948 due, left the others unmarked, "Follow up 2 Dec" in grey on the day). On a
// phone one column shows at a time, chosen with the state buttons above it (a card dropped on a
// state button moves there too).
//
// The board is bounded: each column holds its PER_COLUMN most recently updated applications and
// the count of all of them; "Show N more" asks the next page of that status from the list route,
// and a long column also offers "Show all N" (at most MAX_STEP a press, in requests of 100, the
// list route's limit: a column of 499 is three presses, not 25). A column's header (state and count) stays in view while its cards scroll
// (sticky, views.css). A move accepted by the server takes the card out of its column and puts
// it first in the new one (the board's order: the most recently updated first), with the two
// counts: nothing else is drawn again, and what "Show more" fetched stays (the whole board drawn
// again from the first 20 of each column dropped it, and cost 220 cards for one).
//
// API: GET /applications/pipeline, GET /applications/board?per_column=N,
// GET /applications?status=S&sort=-updated_at&offset=,
// PATCH /applications/ID {status} with If-Match.

import { api } from '../api.js';
import { openDialog } from '../dialog.js';
import { badge, empty, h, mount, replace, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { errorText } from '../forms.js';
import { date, dueState, label, plural } from '../format.js';
import { moveApplication, refusalText, reopenApplication, showMoveError } from '../moves.js';
import { canReopen, loadPipeline, movesFrom } from '../pipeline.js';

const PER_COLUMN = 20; // cards per column on the board; "Show more" asks as many again
const MAX_STEP = 200; // the most "Show all" fetches at one press
const PAGE_LIMIT = 100; // the list route's largest limit (docs/api.md): MAX_STEP is two requests

export async function render(root, { query }) {
    const state = { active: query.get('column') || null, extra: new Map(), board: null };
    const area = h('div', { class: 'board-area' });
    mount(root, titleRow('Board', h('a', { href: '#/follow-ups', class: 'button' }, 'Follow-ups')),
        h('p', { class: 'subtitle' }, 'Drag a card to another column, or use its Move button.'),
        area);
    await load(state, area);
}

async function load(state, area) {
    const [pipeline, board] = await Promise.all([
        loadPipeline(),
        api.get('/applications/board', { per_column: PER_COLUMN }),
    ]);
    state.pipeline = pipeline;
    state.board = board;
    // copies: a move changes them in place, and the answer itself may be the one api.js keeps
    state.columns = new Map(board.columns.map((c) => [c.status, { ...c, items: [...c.items] }]));
    state.extra = new Map(); // pages asked with "Show more", dropped on reload
    const states = board.columns.map((c) => c.status);
    if (!state.active || !states.includes(state.active)) state.active = (board.columns.find((c) => c.count > 0) || board.columns[0]).status;
    draw(state, area);
}

/* The cards of a column: the board's, then those "Show more" fetched. */
function itemsOf(state, status) {
    return [...state.columns.get(status).items, ...(state.extra.get(status) || [])];
}

/* Asks the next page of a column from the list route, in the board's order, and adds its cards
 * to the end of that column: the cards already shown stay as they are (redrawing the whole board
 * for each press cost a heavy user's browser more the more they had asked: 7,574 elements drawn
 * again, a long task of 100-200 ms, at the fifth "Show 200 more" of a column of 3,834). */
async function showMore(ctx, status, want = PER_COLUMN) {
    const { state } = ctx;
    const board = state.board;
    const shown = itemsOf(state, status);
    const known = new Set(shown.map((a) => a.id));
    const more = [];
    // pages of at most PAGE_LIMIT (the list route's bound) until want came or the column ended
    for (let asked = 0; asked < want;) {
        const limit = Math.min(PAGE_LIMIT, want - asked);
        const page = await api.get('/applications', { status, sort: '-updated_at', offset: shown.length + asked, limit });
        for (const a of page.items) {
            if (known.has(a.id)) continue;
            known.add(a.id);
            more.push(a);
        }
        asked += limit;
        if (page.items.length < limit) break;
    }
    if (state.board !== board) return; // the board was loaded again meanwhile: its columns start anew
    state.extra.set(status, [...(state.extra.get(status) || []), ...more]);
    const section = ctx.area.querySelector(`[data-testid="column-${status}"]`);
    if (!section) return;
    section.querySelector('ul').append(...more.map((app) => card(ctx, app)));
    section.querySelector('.show-more-row')?.remove();
    const row = moreRow(ctx, status);
    if (row) section.append(row);
    section.querySelector(`li:nth-child(${shown.length + 1}) .grip`)?.focus();
}

function draw(state, area) {
    const { board } = state;
    const states = board.columns.map((c) => c.status);
    const reload = async (focusId) => {
        await load(state, area);
        if (focusId) area.querySelector(`[data-application-id="${focusId}"] .grip`)?.focus();
    };
    const ctx = { state, area, reload };
    replace(area,
        h('p', { class: 'muted', 'data-testid': 'board-total' }, plural(board.total, 'application')),
        board.total === 0 ? empty('Nothing tracked yet: open a job and choose “Track application”.',
            h('a', { href: '#/jobs', class: 'button' }, 'Go to your jobs'), 'board-empty') : null,
        switcher(ctx, states),
        h('div', { class: 'board', 'data-testid': 'board' }, states.map((s) => column(ctx, s))));
}

/* The phone's state buttons: one column at a time; also drop targets. */
function switcher(ctx, states) {
    const { state } = ctx;
    return h('div', { class: 'board-switch', role: 'group', 'aria-label': 'Column to show' }, states.map((s) =>
        h('button', {
            type: 'button', 'data-status': s, 'aria-pressed': String(s === state.active), 'data-testid': `switch-${s}`,
            onclick: () => showColumn(ctx, s),
        }, switchText(state, s))));
}

const switchText = (state, status) => `${label(status)} (${state.columns.get(status).count})`;

/* The column shown on a phone. */
function showColumn(ctx, status) {
    ctx.state.active = status;
    for (const b of ctx.area.querySelectorAll('.board-switch button')) b.setAttribute('aria-pressed', String(b.dataset.status === status));
    for (const c of ctx.area.querySelectorAll('.column')) c.classList.toggle('active', c.dataset.status === status);
}

/* A move the server accepted (updated: its answer): the card leaves its column and goes first
 * in its new one, the two counts and state buttons follow, and the phone shows the new column.
 * The other columns, and the cards "Show more" fetched, stay as they are. The offsets "Show
 * more" asks next stay right: the server's list of each of the two states moved by one card, as
 * the column did. */
function placeMoved(ctx, app, updated) {
    const { state, area } = ctx;
    const moved = { ...app, ...updated };
    const from = state.columns.get(app.status);
    const to = state.columns.get(moved.status);
    if (!from || !to) return ctx.reload(app.id);
    from.items = from.items.filter((a) => a.id !== app.id);
    if (state.extra.has(app.status)) state.extra.set(app.status, state.extra.get(app.status).filter((a) => a.id !== app.id));
    from.count -= 1;
    to.items.unshift(moved);
    to.count += 1;
    const li = card(ctx, moved);
    area.querySelector(`.column [data-application-id="${app.id}"]`)?.remove();
    area.querySelector(`[data-testid="column-${moved.status}"] ul`)?.prepend(li);
    for (const status of [app.status, moved.status]) {
        const section = area.querySelector(`[data-testid="column-${status}"]`);
        if (section) section.querySelector('[data-testid="column-count"]').textContent = String(state.columns.get(status).count);
        const button = area.querySelector(`[data-testid="switch-${status}"]`);
        if (button) button.textContent = switchText(state, status);
    }
    showColumn(ctx, moved.status);
    li.querySelector('.grip')?.focus();
}

function column(ctx, status) {
    const { state } = ctx;
    const items = itemsOf(state, status);
    const { count } = state.columns.get(status);
    const titleId = `column-title-${status}`;
    const list = h('ul', null, items.map((app) => card(ctx, app)));
    return h('section', {
        class: `column${status === state.active ? ' active' : ''}`, 'data-status': status,
        'aria-labelledby': titleId, 'data-testid': `column-${status}`,
    }, h('h3', { id: titleId, 'data-testid': 'column-header' }, label(status), ' ',
        h('span', { class: 'count', 'data-testid': 'column-count' }, String(count))),
    list, moreRow(ctx, status));
}

/* A column's "Show N more" (and "Show all N" when more than one page is left: everything, or
 * MAX_STEP at a time); null when the column is whole. */
function moreRow(ctx, status) {
    const left = ctx.state.columns.get(status).count - itemsOf(ctx.state, status).length;
    if (left <= 0) return null;
    const press = (limit) => (event) => {
        for (const b of event.currentTarget.parentElement.querySelectorAll('button')) b.disabled = true;
        showMore(ctx, status, limit).catch((err) => flash(errorText(err)));
    };
    return h('div', { class: 'show-more-row' },
        h('button', { type: 'button', class: 'show-more', 'data-testid': 'show-more', onclick: press(PER_COLUMN) },
            `Show ${Math.min(PER_COLUMN, left)} more`),
        left > PER_COLUMN ? h('button', { type: 'button', class: 'show-more', 'data-testid': 'show-all', onclick: press(MAX_STEP) },
            left <= MAX_STEP ? `Show all ${left}` : `Show ${MAX_STEP} more`) : null);
}

/* 'overdue' or 'today' for an open application whose follow-up is due by the reader's own day
 * (the server's follow-ups list goes by its UTC day, which may be the reader's tomorrow); else
 * null. */
function followUpDue(pipeline, app) {
    if (!app.follow_up_date || !(pipeline.open || []).includes(app.status)) return null;
    const due = dueState(app.follow_up_date);
    return due === 'overdue' || due === 'today' ? due : null;
}

function card(ctx, app) {
    const due = followUpDue(ctx.state.pipeline, app);
    const error = h('div', { class: 'error', role: 'alert', 'data-testid': 'card-error', hidden: true });
    const grip = h('button', { type: 'button', class: 'grip small', 'data-testid': 'move-button',
        'aria-label': `Move ${app.job_title} at ${app.company}`, 'aria-haspopup': 'dialog' }, '⠿ Move');
    const li = h('li', {
        class: `card-item${due === 'overdue' ? ' overdue' : due === 'today' ? ' due-today' : ''}`,
        'data-testid': 'board-card', 'data-application-id': app.id, 'data-status': app.status,
    },
    h('a', { href: `#/jobs/${app.job_id}`, class: 'card-title', draggable: 'false' }, app.job_title),
    h('div', { class: 'muted' }, app.company),
    due ? h('div', null, badge(due === 'overdue' ? 'overdue' : 'due',
        due === 'overdue' ? `Follow-up overdue since ${date(app.follow_up_date)}` : 'Follow up today')) : null,
    !due && app.follow_up_date ? h('div', { class: 'muted' }, `Follow up ${date(app.follow_up_date)}`) : null,
    h('div', { class: 'card-actions' }, grip),
    error);
    const moved = async (updated, to) => {
        flash(`Moved “${app.job_title}” to ${label(to)}.`);
        await placeMoved(ctx, app, updated);
    };
    const reload = () => ctx.reload(app.id);
    const refuse = (text, reopen) => {
        error.replaceChildren(h('span', { 'data-testid': 'error-message' }, text));
        if (reopen) error.append(' ', h('button', { type: 'button', class: 'small', 'data-testid': 'reopen', onclick: reopenIt }, 'Reopen'));
        error.hidden = false;
    };
    const attempt = async (to) => {
        error.hidden = true;
        const { pipeline } = ctx.state;
        if (!movesFrom(pipeline, app.status).includes(to)) // not a move: nothing to ask the server
            return refuse(refusalText(pipeline, app, to), canReopen(pipeline, app.status));
        try {
            await moved(await moveApplication(app, to), to);
        } catch (err) {
            showMoveError(error, err, reload);
        }
    };
    async function reopenIt() {
        error.hidden = true;
        try {
            const updated = await reopenApplication(app, ctx.state.pipeline);
            await moved(updated, updated.status);
        } catch (err) {
            showMoveError(error, err, reload);
        }
    }
    grip.addEventListener('click', () => chooseTarget(ctx.state.pipeline, app, attempt, reopenIt));
    dragging(li, app, attempt, ctx);
    return li;
}

/* The keyboard (and tap) way: a dialog listing the states it may move to, or Reopen. */
async function chooseTarget(pipeline, app, attempt, reopenIt) {
    const next = movesFrom(pipeline, app.status);
    const choice = (close, value, text, testid) => h('button', { type: 'button', 'data-testid': testid, onclick: () => close(value) }, text);
    const to = await openDialog({
        title: `Move “${app.job_title}”`, testid: 'move-dialog',
        // the states as a group of their own, apart from Cancel (which is no state)
        build: (close) => [h('p', null, `Now: ${label(app.status)}. `,
            next.length ? 'Choose where it goes.' : 'This is a final status; reopening moves it back to where it was.'),
        h('div', { class: 'move-choices', role: 'group', 'aria-label': 'Move to', 'data-testid': 'move-choices' },
            next.map((s) => choice(close, s, label(s), `move-to-${s}`)),
            !next.length && canReopen(pipeline, app.status) ? choice(close, '@reopen', 'Reopen', 'move-reopen') : null)],
        actions: [{ label: 'Cancel', value: null, testid: 'move-cancel' }],
    });
    if (to === '@reopen') await reopenIt();
    else if (to) await attempt(to);
}

/* ------------------------------------------------------------- drag and drop (pointer events) */

function dragging(li, app, attempt, ctx) {
    let start = null;
    let ghost = null;
    let over = null;

    const targetAt = (x, y) => {
        const el = document.elementFromPoint(x, y);
        return el ? el.closest('.column[data-status], .board-switch button[data-status]') : null;
    };
    const mark = (on) => {
        const allowed = movesFrom(ctx.state.pipeline, app.status);
        for (const el of ctx.area.querySelectorAll('.column[data-status], .board-switch button[data-status]')) {
            const ok = allowed.includes(el.dataset.status);
            el.classList.toggle('drop-ok', on && ok);
            if (!on) el.classList.remove('drop-over', 'drop-refused');
        }
    };
    const finish = () => {
        ghost?.remove();
        ghost = null;
        start = null;
        li.classList.remove('dragging');
        over?.classList.remove('drop-over', 'drop-refused');
        over = null;
        mark(false);
    };

    li.addEventListener('pointerdown', (event) => {
        if (event.button !== 0) return;
        const onGrip = event.target.closest('.grip');
        // Touch drags from the grip only, so a finger elsewhere still scrolls the page.
        if (event.pointerType === 'touch' && !onGrip) return;
        if (!onGrip && event.target.closest('button, input, select, textarea')) return;
        start = { x: event.clientX, y: event.clientY, id: event.pointerId };
    });
    li.addEventListener('pointermove', (event) => {
        if (!start || event.pointerId !== start.id) return;
        if (!ghost) {
            if (Math.hypot(event.clientX - start.x, event.clientY - start.y) < 6) return;
            li.setPointerCapture(event.pointerId);
            ghost = h('div', { class: 'card-item drag-ghost', 'aria-hidden': 'true' }, app.job_title);
            document.body.append(ghost);
            li.classList.add('dragging');
            mark(true);
        }
        event.preventDefault();
        ghost.style.left = `${event.clientX + 8}px`;
        ghost.style.top = `${event.clientY + 8}px`;
        const target = targetAt(event.clientX, event.clientY);
        if (target !== over) {
            over?.classList.remove('drop-over', 'drop-refused');
            over = target;
            over?.classList.add('drop-over');
            // a column the card may not go to looks refused while the card is over it (its own
            // column is no move at all)
            const refused = Boolean(over && !over.classList.contains('drop-ok') && over.dataset.status !== app.status);
            over?.classList.toggle('drop-refused', refused);
            ghost.classList.toggle('refused', refused);
        }
    });
    li.addEventListener('pointerup', (event) => {
        if (!start || event.pointerId !== start.id) return;
        const wasDragging = Boolean(ghost);
        const target = wasDragging ? targetAt(event.clientX, event.clientY) : null;
        finish();
        if (wasDragging) {
            li.dataset.dragged = '1'; // the click that follows is not a "Move" press
            setTimeout(() => delete li.dataset.dragged, 0);
        }
        if (target && target.dataset.status !== app.status) attempt(target.dataset.status);
    });
    li.addEventListener('pointercancel', finish);
    li.addEventListener('click', (event) => {
        if (li.dataset.dragged) {
            event.preventDefault();
            event.stopImmediatePropagation();
        }
    }, true);
}
