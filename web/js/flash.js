// A one-line notice shown at the top of the page ("Job saved"), cleared on the next navigation
// unless it was set for it (flash.next survives exactly one route change).

let pending = null;

function box() {
    return document.getElementById('flash');
}

/* Shows text now. */
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

/* Called by the router on every navigation. */
export function flashOnNavigate() {
    const el = box();
    if (pending) {
        flash(pending.text, pending.kind);
        pending = null;
    } else {
        el.hidden = true;
        el.textContent = '';
    }
}
