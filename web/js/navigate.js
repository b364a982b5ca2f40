// Moving between views: setting the hash, or re-rendering when the hash is already the target;
// and the address a signed-out visitor asked for, to go on to once signed in.

export function navigate(hash) {
    if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = hash;
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
