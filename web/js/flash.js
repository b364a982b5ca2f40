// The one-line notice at the top of the page ("Job saved."). It is cleared on every navigation
// unless it was set for it (flash.next survives exactly one route change), and cleared as soon as
// a form shows an error, so an old "You are logged out." never sits above a new problem.

let pending = null;

function box() {
    return document.getElementById('flash');
}

/* Shows text now (kind: info or error). */
export function flash(text, kind = 'info') {
    const el = box();
    el.textContent = text;
    el.dataset.kind = kind;
    el.hidden = false;
}

/* Shows text after the next navigation (for "saved, now showing the job"). */
flash.next = (text, kind = 'info') => {
    pending = { text, kind };
};

/* Hides the notice (and forgets one waiting for the next navigation). */
flash.clear = () => {
    pending = null;
    const el = box();
    el.hidden = true;
    el.textContent = '';
};

/* Called by the router when a navigation starts: hides the notice and hands back the one set
 * for this navigation (or null), for flashAfterNavigate once the new view is there. */
export function flashOnNavigate() {
    const next = pending;
    pending = null;
    flash.clear();
    return next;
}

/* Shows the notice handed back by flashOnNavigate, after the view rendered (so it is read
 * together with the new page, and never above a view that is still loading). */
export function flashAfterNavigate(note) {
    if (note) flash(note.text, note.kind);
}
