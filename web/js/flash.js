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

/* Called by the router on every navigation. */
export function flashOnNavigate() {
    if (pending) {
        const { text, kind } = pending;
        pending = null;
        flash(text, kind);
    } else {
        flash.clear();
    }
}
