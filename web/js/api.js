// The one way the page talks to the server: fetch under /api/v1 with the bearer token kept in
// sessionStorage (gone when the tab closes), JSON in and out, and every error turned into an
// ApiError that carries the server's {"error": {code, message, field, ...}} object.

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
    }
}

export function getToken() {
    return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token) {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
}

/* "?a=1&b=2" from an object, leaving out empty values. */
export function queryString(params = {}) {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
        if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
    const text = q.toString();
    return text ? `?${text}` : '';
}

/* One API call. opts: { body } sent as JSON, or { raw, contentType } sent as is.
 * Resolves to the parsed JSON body (null for 204); rejects with ApiError. */
export async function request(method, path, opts = {}) {
    const headers = {};
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
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
        throw new ApiError(0, { code: 'network', message: 'Cannot reach the server.' });
    }
    const data = await parseBody(res);
    if (res.ok) return data;
    if (res.status === 401 && token) {
        setToken(null);
        window.dispatchEvent(new CustomEvent('copilot:signed-out'));
    }
    const error = data && typeof data === 'object' && data.error ? data.error : {};
    throw new ApiError(res.status, { message: `${res.status} ${res.statusText}`, ...error });
}

async function parseBody(res) {
    const text = await res.text();
    if (!text) return null;
    if (!/json/i.test(res.headers.get('Content-Type') || '')) return text;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

export const api = {
    get: (path, query) => request('GET', path + queryString(query)),
    post: (path, body) => request('POST', path, { body }),
    patch: (path, body) => request('PATCH', path, { body }),
    put: (path, body) => request('PUT', path, { body }),
    del: (path) => request('DELETE', path),
    upload: (path, raw, contentType) => request('POST', path, { raw, contentType }),
};

/* The text to show for an error: the server's message, naming the field when it does not. */
export function errorText(err) {
    if (!(err instanceof ApiError)) return String((err && err.message) || err);
    if (err.field && !err.message.includes(err.field)) return `${err.message} (field: ${err.field})`;
    return err.message;
}

/* Fetches path with the token and saves the answer as a file named filename. */
export async function download(path, filename) {
    const res = await fetch(BASE + path, { headers: { Authorization: `Bearer ${getToken()}` } });
    if (!res.ok) {
        const data = await parseBody(res);
        const error = (data && data.error) || { message: `${res.status} ${res.statusText}` };
        throw new ApiError(res.status, error);
    }
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/* Revokes the token on the server (best effort) and forgets it here. */
export async function logout() {
    try {
        if (getToken()) await request('POST', '/auth/logout');
    } finally {
        setToken(null);
    }
}
