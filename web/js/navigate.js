// Moving between views: setting the hash, or re-rendering when the hash is already the target.

export function navigate(hash) {
    if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = hash;
}
