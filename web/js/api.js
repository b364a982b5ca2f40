// The one way the page talks to the server (the only module that calls fetch or
// XMLHttpRequest): requests under /api/v1 with the bearer token kept in sessionStorage (gone
// when the tab closes), JSON in and out, uploads with progress, downloads, and every error
// turned into an ApiError that carries the server's {"error": {code, message, field, ...}}.
// The last few GET answers that carry a revalidatable ETag (the calendar's and the board's) are
// kept in memory and asked again with If-None-Match: a 304 gives the kept answer back.

const BASE = '/api/v1';
const TOKEN_KEY = 'copilot.token';

/* An error answered by the server (or a network failure, status 0). */
export class ApiError extends Error {
    constructor(status, error) {
        super(error.message || `request failed (${status})`);
        this.name = 'ApiError';
        this.status = status;
        this.code = error.code || 'error';
        this.field = error.field || null;
        this.details = error; // existing_id, reason, allowed... as the server sent them
        this.sessionEnded = false; // a 401 that ended this tab's session (the page moves to log in)
    }
}

export function getToken() {
    return sessionStorage.getItem(TOKEN_KEY);
}

/* Every sign-in, sign-out and end of a session passes here: the kept answers go with the token. */
export function setToken(token) {
    forgetKept();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
}

/* ------------------------------------------------------------- kept GET answers */

/*
 * API JSON is Cache-Control: no-store (SPEC), so the browser never revalidates it by itself.
 * For a GET whose answer carries an ETag the server also honours in If-None-Match (GET /calendar
 * "calendar-<user>-<version>", GET /applications/board "board-<user>-<version>"), the page keeps
 * the ETag and the parsed body per path (query included) and the token that read them, sends the
 * ETag back next time, and on a 304 resolves to the kept body: a heavy user's month (1.1 MB) or
 * board (230 KB) is then neither sent nor parsed again. A write that changes what they show moves
 * the server's version, so the next GET gets a 200 with the new answer. A single object's ETag
 * (its row_version, "<n>", for If-Match) is not kept: the server answers those GETs whole
 * whatever If-None-Match says, and they would only push the big answers out.
 *
 * Bounded: the KEPT_MAX most recently used paths, KEPT_CHARS characters of JSON text together
 * (an answer larger than that is not kept). Gone with the page (a reload starts empty) and on
 * every setToken (sign-in, sign-out, a 401), and never given to another token. The kept bodies
 * are frozen (deeply): every caller gets the same objects, so none may change them.
 */
const KEPT_MAX = 4;
const KEPT_CHARS = 4 * 1024 * 1024;
const kept = new Map(); // path -> { token, etag, data, chars }, least recently used first
let keptChars = 0;
let keptEpoch = 0; // moved by forgetKept: an answer asked before it is not kept after it

function forgetKept() {
    kept.clear();
    keptChars = 0;
    keptEpoch++;
}

function dropKept(path) {
    const old = kept.get(path);
    if (!old) return;
    kept.delete(path);
    keptChars -= old.chars;
}

/* The entry kept for path under token, made the most recently used; null when none. */
function keptFor(path, token) {
    const entry = kept.get(path);
    if (!entry || entry.token !== token) return null;
    kept.delete(path);
    kept.set(path, entry);
    return entry;
}

function deepFreeze(value) {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
}

/* Keeps a 200's body when its ETag is one to revalidate; returns the body the caller gets. */
function keep(path, token, epoch, etag, data, chars) {
    if (epoch !== keptEpoch) return data; // asked before a sign-in or sign-out
    dropKept(path);
    if (!token || !etag || /^"\d+"$/.test(etag) || data === null || chars > KEPT_CHARS) return data;
    kept.set(path, { token, etag, data: deepFreeze(data), chars });
    keptChars += chars;
    for (const [oldest] of kept) {
        if (kept.size <= KEPT_MAX && keptChars <= KEPT_CHARS) break;
        dropKept(oldest);
    }
    return data;
}

/* "?a=1&b=2" from an object, leaving out empty values. */
export function queryString(params = {}) {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
        if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
    const text = q.toString();
    return text ? `?${text}` : '';
}

/* The Authorization header for token (the one the caller read once and keeps for signedOut). */
function authHeaders(token) {
    return token ? { Authorization: `Bearer ${token}` } : {};
}

/* A 401 for the token the page still holds means the session ended: forget the token and tell
 * the router. One for a token already gone (an answer that arrives after a sign-out, a new
 * sign-in or the account's deletion) ends nothing. */
function signedOut(status, sentToken) {
    if (status === 401 && sentToken && sentToken === getToken()) {
        setToken(null);
        window.dispatchEvent(new CustomEvent('copilot:signed-out'));
        return true;
    }
    return false;
}

/* The ApiError for an answer; ended: it was the 401 that ended the session (forms then show
 * nothing, and leave the "Your session has ended" notice to the login page). */
function toError(status, statusText, data, ended = false) {
    const error = data && typeof data === 'object' && data.error ? data.error : {};
    const err = new ApiError(status, { message: `${status} ${statusText}`.trim(), ...error });
    err.sessionEnded = ended;
    return err;
}

/* One API call. opts: { body } sent as JSON, or { raw, contentType } sent as is; { version }:
 * the row_version of the object as the page last read it, sent as If-Match so the server refuses
 * (412) to overwrite a change made elsewhere meanwhile. Resolves to the parsed JSON body (null
 * for 204; a GET's may be a kept, frozen one: see above); rejects with ApiError. */
export async function request(method, path, opts = {}) {
    const token = getToken();
    const headers = authHeaders(token);
    if (Number.isInteger(opts.version)) headers['If-Match'] = `"${opts.version}"`;
    const epoch = keptEpoch;
    const old = method === 'GET' && token ? keptFor(path, token) : null;
    if (old) headers['If-None-Match'] = old.etag;
    let body;
    if (opts.raw !== undefined) {
        body = opts.raw;
        headers['Content-Type'] = opts.contentType;
    } else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['Content-Type'] = 'application/json';
    }
    let res;
    try {
        res = await fetch(BASE + path, { method, headers, body });
    } catch {
        throw new ApiError(0, { code: 'network', message: 'Cannot reach the server. Check your connection and try again.' });
    }
    if (res.status === 304 && old) return old.data;
    const text = await res.text();
    const data = parseText(text, res.headers.get('Content-Type'));
    if (res.ok) return method === 'GET' ? keep(path, token, epoch, res.headers.get('ETag'), data, text.length) : data;
    throw toError(res.status, res.statusText, data, signedOut(res.status, token));
}

function parseText(text, contentType) {
    if (!text) return null;
    if (!/json/i.test(contentType || '')) return text;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/* The writes take the object's row_version (as read) where the page edits what it showed. */
export const api = {
    get: (path, query) => request('GET', path + queryString(query)),
    post: (path, body) => request('POST', path, { body }),
    patch: (path, body, version) => request('PATCH', path, { body, version }),
    put: (path, body, version) => request('PUT', path, { body, version }),
    del: (path, version) => request('DELETE', path, { version }),
    send: (path, raw, contentType) => request('POST', path, { raw, contentType }),
};

/*
 * Uploads file as multipart/form-data field `name` with XMLHttpRequest (fetch cannot report
 * upload progress). onProgress(loaded, total) is called as bytes leave. Resolves to the parsed
 * answer; rejects with ApiError like request().
 */
export function upload(path, file, name = 'file', onProgress = () => {}) {
    return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        const token = getToken();
        const headers = authHeaders(token);
        xhr.open('POST', BASE + path);
        for (const [key, value] of Object.entries(headers)) xhr.setRequestHeader(key, value);
        xhr.upload.addEventListener('progress', (event) => {
            if (event.lengthComputable) onProgress(event.loaded, event.total);
        });
        xhr.addEventListener('load', () => {
            const data = parseText(xhr.responseText, xhr.getResponseHeader('Content-Type'));
            if (xhr.status >= 200 && xhr.status < 300) return resolve(data);
            reject(toError(xhr.status, xhr.statusText, data, signedOut(xhr.status, token)));
        });
        xhr.addEventListener('error', () => reject(new ApiError(0, {
            code: 'network', message: 'The upload did not reach the server. Try again.',
        })));
        const form = new FormData();
        form.append(name, file, file.name);
        xhr.send(form);
    });
}

/* Fetches path with the token and saves the answer as a file: the server's
 * Content-Disposition name when it gives one, else fallbackName. onProgress(bytes), when given,
 * is told the bytes received so far as they come (a heavy user's export is 117 MB: the button
 * says how far it is). XMLHttpRequest, as upload() uses, for its progress events: the answer
 * goes to a blob without passing through the page's heap (a stream read here to count it held
 * up to 114 MB of it there, and cost 1.3 s of CPU more than the 0.2-0.6 s this does). */
export function download(path, fallbackName, onProgress = () => {}) {
    return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        const token = getToken();
        xhr.open('GET', BASE + path);
        for (const [key, value] of Object.entries(authHeaders(token))) xhr.setRequestHeader(key, value);
        xhr.responseType = 'blob';
        xhr.addEventListener('progress', (event) => onProgress(event.loaded));
        xhr.addEventListener('load', () => {
            if (xhr.status >= 200 && xhr.status < 300) {
                const named = /filename="?([^";]+)"?/i.exec(xhr.getResponseHeader('Content-Disposition') || '');
                return resolve({ blob: xhr.response, filename: named ? named[1] : fallbackName });
            }
            const ended = signedOut(xhr.status, token);
            xhr.response.text().then((text) => parseText(text, xhr.getResponseHeader('Content-Type')), () => null)
                .then((data) => reject(toError(xhr.status, xhr.statusText, data, ended)));
        });
        xhr.addEventListener('error', () => reject(new ApiError(0, {
            code: 'network', message: 'Cannot reach the server. Check your connection and try again.',
        })));
        xhr.send();
    });
}

/* Revokes the token on the server (best effort) and forgets it here. */
export async function logout() {
    try {
        if (getToken()) await request('POST', '/auth/logout');
    } finally {
        setToken(null);
    }
}
