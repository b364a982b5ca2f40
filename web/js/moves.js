// Moving an application to another status, shared by the job page's application panel and the
// board. Only the moves GET /applications/pipeline allows are offered; a final status offers to
// reopen instead (PATCH ...?force=true). The server decides the state a reopen goes back to (the
// status the application left, kept as previous_status; a guess from the dates for older rows):
// the page asks for the first open state and, when the server names another, for that one. Every move sends the application's version (If-Match), so
// a card moved elsewhere meanwhile is refused and the page says so.

import { api } from './api.js';
import { h, options } from './dom.js';
import { errorText, isStale, orList } from './forms.js';
import { label } from './format.js';
import { canReopen, movesFrom } from './pipeline.js';

/* Sends the move; resolves to the updated application. */
export function moveApplication(app, to, force = false) {
    return api.patch(`/applications/${app.id}${force ? '?force=true' : ''}`, { status: to }, app.row_version);
}

/* Reopens a final application to the state it had before; resolves to the updated application. */
export async function reopenApplication(app, p) {
    try {
        return await moveApplication(app, p.open[0], true);
    } catch (err) {
        const back = err && err.status === 422 && Array.isArray(err.details.allowed) ? err.details.allowed : [];
        if (back.length !== 1) throw err;
        return moveApplication(app, back[0], true);
    }
}

/* Why `to` is not a move from app's status, in words (from the pipeline's own table). */
export function refusalText(p, app, to) {
    const allowed = movesFrom(p, app.status);
    if (!allowed.length) return `${label(app.status)} is a final status: reopen the application to move it again.`;
    return `Cannot move from ${label(app.status)} to ${label(to)}. Allowed next: ${orList(allowed.map(label))}.`;
}

/* Shows err (a failed move) in box, with a Reload button when the application changed elsewhere. */
export function showMoveError(box, err, reload) {
    const parts = [h('span', { 'data-testid': 'error-message' }, errorText(err, null, 'application'))];
    if (isStale(err) && reload)
        parts.push(' ', h('button', { type: 'button', class: 'small', 'data-testid': 'reload-latest', onclick: reload }, 'Reload'));
    box.replaceChildren(...parts);
    box.hidden = false;
}

/*
 * The application panel's way to move: a "Move to" select of the allowed states with a button,
 * or, for a final state, a Reopen button. onMoved(updated) after the server accepted; reload()
 * shows the latest after a refusal because the application changed elsewhere; guard(), when
 * given, runs first and throws to refuse the move in words (nothing is sent).
 */
export function moveForm(app, p, onMoved, reload, idPrefix = 'move', guard = () => {}) {
    const box = h('div', { class: 'error', role: 'alert', 'data-testid': 'move-error', hidden: true });
    const run = async (button, action) => {
        box.hidden = true;
        button.disabled = true;
        try {
            guard();
            onMoved(await action());
        } catch (err) {
            showMoveError(box, err, reload);
        } finally {
            button.disabled = false;
        }
    };
    const next = movesFrom(p, app.status);
    if (!next.length) {
        const reopen = h('button', { type: 'button', 'data-testid': 'reopen' }, 'Reopen');
        reopen.addEventListener('click', () => run(reopen, () => reopenApplication(app, p)));
        return h('div', { class: 'move-form inline', 'data-testid': 'move-form' },
            h('span', null, `${label(app.status)} is a final status.`),
            canReopen(p, app.status) ? reopen : null, box);
    }
    const selectId = `${idPrefix}-${app.id}`;
    const select = h('select', { id: selectId, name: 'status' }, options(next.map((s) => [s, label(s)])));
    const button = h('button', { type: 'submit', 'data-testid': 'move-submit' }, 'Move');
    const form = h('form', { class: 'move-form inline', 'data-testid': 'move-form' },
        h('label', { for: selectId }, 'Move to'), select, button, box);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        run(button, () => moveApplication(app, select.value));
    });
    return form;
}
