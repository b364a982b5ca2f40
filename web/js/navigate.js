// Moving between views: setting the hash, or re-rendering when the hash is already the target;
// the address a signed-out visitor asked for, to go on to once signed in; and what they had
// typed there.

import { flash } from './flash.js';

export function navigate(hash) {
    if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = hash;
}

/*
 * After a save begun at the address from (location.hash when it was sent): goes on to hash with
 * note shown there. A reader who went to another view while it was being saved stays where they
 * are and is told there (awayNote, say what was saved, or note): before, the answer took them
 * back to the page of what they had saved, a second after they had chosen another.
 */
export function navigateAfterSave(from, hash, note, awayNote = note) {
    if (location.hash !== from) {
        if (awayNote) flash(awayNote);
        return;
    }
    if (note) flash.next(note);
    navigate(hash);
}

const WANTED = 'copilot.wanted'; // sessionStorage: this tab only, like the token

/* Keeps hash (a view that needs a session) to open after the next sign-in. */
export function rememberWanted(hash) {
    if (/^#\/(?!dashboard$|login$|register$)./.test(hash || '')) sessionStorage.setItem(WANTED, hash);
    else sessionStorage.removeItem(WANTED);
}

/* After signing in: the view asked for before (once), or the dashboard. */
export function navigateAfterSignIn() {
    const wanted = sessionStorage.getItem(WANTED);
    sessionStorage.removeItem(WANTED);
    navigate(wanted || '#/dashboard');
}

/* ------------------------------------------------------------- text typed when the session ended */
// What a person had typed when their session ended (a token that expired, a log out in another
// tab): the 401 takes the page to the login page, and without this the form they were filling
// came back empty once they had logged in again. When the session ends, the text typed in the
// view's fields (what differs from how the view drew them; never a password or a file) is kept
// in sessionStorage with the address and the user; when that user opens that address again in
// this tab (the login page brings them back to it), the fields get the text back and a notice
// says so. Another user signing in here drops it unread.

const KEY = 'copilot.draft'; // sessionStorage: this tab only, like the token
const SKIP = new Set(['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image']);
const initial = new WeakMap(); // control -> its value when the view finished drawing

function controls(root) {
    return [...root.querySelectorAll('input[id], textarea[id], select[id]')]
        .filter((el) => !SKIP.has(el.type) && !el.closest('dialog'));
}

const isBox = (el) => el.type === 'checkbox' || el.type === 'radio';
const valueOf = (el) => (isBox(el) ? el.checked : el.value);

/* After a view rendered: remembers how it drew its fields, to tell typed text from shown data. */
export function noteDrawn(root) {
    for (const el of controls(root)) initial.set(el, valueOf(el));
}

/* When the session ended: keeps what was typed in root for userId at hash (nothing typed, or
 * no user known, keeps nothing). */
export function keepDraft(root, hash, userId) {
    sessionStorage.removeItem(KEY);
    if (!root || userId === null || userId === undefined) return;
    const fields = [];
    for (const el of controls(root)) {
        const now = valueOf(el);
        const before = initial.has(el) ? initial.get(el) : (isBox(el) || el.tagName === 'SELECT' ? now : '');
        if (now !== before) fields.push([el.id, now]);
    }
    if (fields.length) sessionStorage.setItem(KEY, JSON.stringify({ hash, user: userId, fields }));
}

/* After a view rendered at hash for userId: puts the kept text back into root's fields (each
 * told with input and change events, as typing would) and returns how many it filled; a draft
 * of another user is dropped, one of another address waits. */
export function restoreDraft(root, hash, userId) {
    let draft = null;
    try {
        draft = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    } catch {
        sessionStorage.removeItem(KEY);
    }
    if (!draft || userId === null || userId === undefined) return 0;
    if (draft.user !== userId) {
        sessionStorage.removeItem(KEY);
        return 0;
    }
    if (draft.hash !== hash) return 0;
    sessionStorage.removeItem(KEY);
    let filled = 0;
    for (const [id, value] of draft.fields || []) {
        const el = root.querySelector(`#${CSS.escape(id)}`);
        if (!el || SKIP.has(el.type)) continue;
        if (isBox(el)) el.checked = Boolean(value);
        else el.value = String(value);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        filled += 1;
    }
    return filled;
}
