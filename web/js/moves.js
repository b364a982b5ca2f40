// Moving an application to another status (PATCH /applications/ID {status}), shared by the job
// page's application panel and the board. The server decides: a refused move shows its words
// and what it allows instead, which the page remembers for that state (pipeline.js); a final
// state asks to reopen, sent with ?force=true.

import { api } from './api.js';
import { h, options } from './dom.js';
import { errorText, orList } from './forms.js';
import { label } from './format.js';
import { APPLICATION_STATES, allowedFrom, learnFromRefusal, needsReopen } from './pipeline.js';

/* Sends the move; resolves to the updated application. */
export function moveApplication(app, to, force = false) {
    return api.patch(`/applications/${app.id}${force ? '?force=true' : ''}`, { status: to });
}

/* The targets to offer from a state: what the server allowed last time, else every other state. */
export function targetsFrom(status) {
    const known = allowedFrom(status);
    return known && known.length ? known : APPLICATION_STATES.filter((s) => s !== status);
}

/*
 * Explains a refused move in `box` (an element) with the server's words; when the state is
 * final, adds a button to reopen with force. retry(to, force) performs a move again.
 * Returns true when err was a refused move (and was explained), false otherwise.
 */
export function explainRefusal(box, app, to, err, forced, retry) {
    const allowed = learnFromRefusal(app.status, err, forced);
    if (allowed === null) {
        box.replaceChildren(h('span', { 'data-testid': 'error-message' }, errorText(err)));
        box.hidden = false;
        return false;
    }
    const parts = [h('span', { 'data-testid': 'error-message' }, errorText(err))];
    if (needsReopen(err)) {
        parts.push(' ', h('button', { type: 'button', class: 'small', 'data-testid': 'reopen',
            onclick: () => retry(to, true) }, `Reopen as ${label(to)}`));
    } else if (forced && allowed.length) {
        parts.splice(0, 1, h('span', { 'data-testid': 'error-message' },
            `${label(app.status)} can only be reopened as ${orList(allowed.map(label))}.`));
        parts.push(' ', ...allowed.map((s) => h('button', { type: 'button', class: 'small', 'data-testid': 'reopen',
            onclick: () => retry(s, true) }, `Reopen as ${label(s)}`)));
    }
    box.replaceChildren(...parts);
    box.hidden = false;
    return true;
}

/*
 * A "Move to" select with a button for app; onMoved(updated) after a move the server accepted.
 * The choices narrow to the allowed ones after the server's first refusal.
 */
export function moveForm(app, onMoved, idPrefix = 'move') {
    const selectId = `${idPrefix}-${app.id}`;
    const select = h('select', { id: selectId, name: 'status' }, options(targetsFrom(app.status).map((s) => [s, label(s)])));
    const box = h('div', { class: 'error', role: 'alert', 'data-testid': 'move-error', hidden: true });
    const button = h('button', { type: 'submit', 'data-testid': 'move-submit' }, 'Move');
    const form = h('form', { class: 'move-form inline', 'data-testid': 'move-form' },
        h('label', { for: selectId }, 'Move to'), select, button, box);
    const attempt = async (to, force) => {
        box.hidden = true;
        button.disabled = true;
        try {
            onMoved(await moveApplication(app, to, force));
        } catch (err) {
            explainRefusal(box, app, to, err, force, attempt);
            const current = select.value;
            select.replaceChildren(...options(targetsFrom(app.status).map((s) => [s, label(s)]), current));
        } finally {
            button.disabled = false;
        }
    };
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        attempt(select.value, false);
    });
    return form;
}
