// Responses of the page and the API (SPEC part E): security headers on every response, the
// page's Content-Security-Policy on HTML, no-store on API JSON; static files gzip-compressed when
// accepted, ETag and 304, long caching under the versioned /v/<hash>/ prefix that index.html
// uses, no-cache elsewhere, and /favicon.ico.

import assert from 'node:assert/strict';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { registerUser, startServer } from './helpers.mjs';

describe('response headers', () => {
    let srv;
    let user;

    before(async () => {
        srv = await startServer();
        user = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    /* A raw GET: the bytes as sent (fetch would decompress them). */
    const get = (p, headers = {}) => new Promise((resolve, reject) => {
        const req = http.get(srv.url(p), { headers }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({
                status: res.statusCode,
                headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])),
                body: Buffer.concat(chunks),
            }));
        });
        req.on('error', reject);
    });
    const security = (res, what) => {
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer', `${what}: referrer policy`);
    };

    test('every response carries nosniff and no-referrer: API, errors, page, files, health', async () => {
        const cases = [
            ['/api/v1/users/me', { authorization: `Bearer ${user.token}` }],
            ['/api/v1/users/me', {}],
            ['/api/v1/nowhere', {}],
            ['/', {}],
            ['/js/app.js', {}],
            ['/favicon.ico', {}],
            ['/healthz', {}],
            ['/metrics', {}],
        ];
        for (const [p, headers] of cases) security(await get(p, headers), p);
        const del = await fetch(srv.url('/api/v1/jobs'), { method: 'DELETE' });
        security({ headers: del.headers }, 'a 405');
    });

    test('API JSON is never stored; the page is revalidated', async () => {
        for (const [p, headers] of [['/api/v1/users/me', { authorization: `Bearer ${user.token}` }], ['/api/v1/users/me', {}],
            ['/api/v1/auth/providers', {}]]) {
            const res = await get(p, headers);
            assert.match(res.headers.get('content-type'), /^application\/json/);
            assert.equal(res.headers.get('cache-control'), 'no-store', p);
        }
        assert.equal((await get('/')).headers.get('cache-control'), 'no-cache');
    });

    test('HTML carries the page\'s Content-Security-Policy: no inline script, no framing', async () => {
        const res = await get('/');
        const csp = res.headers.get('content-security-policy');
        assert.ok(csp, 'a CSP on the page');
        const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
        assert.deepEqual(directives['script-src'], ["'self'"]);
        assert.deepEqual(directives['frame-ancestors'], ["'none'"]);
        assert.deepEqual(directives['object-src'], ["'none'"]);
        assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
        // and the page itself has no inline script for it to forbid
        const html = res.body.toString('utf8');
        for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
            assert.match(m[1], /\bsrc=/, 'scripts are external');
            assert.equal(m[2].trim(), '');
        }
        assert.ok(!/\son[a-z]+=/.test(html), 'no inline event handlers');
        assert.equal((await get('/api/v1/users/me')).headers.get('content-security-policy'), null, 'JSON needs none');
    });

    test('static files: gzip when accepted, identity otherwise, with an ETag per encoding', async () => {
        const plain = await get('/js/app.js', { 'accept-encoding': 'identity' });
        assert.equal(plain.status, 200);
        assert.equal(plain.headers.get('content-encoding'), null);
        const zipped = await get('/js/app.js', { 'accept-encoding': 'br, gzip;q=0.8' });
        assert.equal(zipped.headers.get('content-encoding'), 'gzip');
        assert.ok(zipped.body.length < plain.body.length, `${zipped.body.length} < ${plain.body.length}`);
        assert.deepEqual(gunzipSync(zipped.body), plain.body, 'the same file');
        assert.match(plain.headers.get('vary') || '', /Accept-Encoding/);
        assert.notEqual(zipped.headers.get('etag'), plain.headers.get('etag'));
        const refused = await get('/js/app.js', { 'accept-encoding': 'gzip;q=0' });
        assert.equal(refused.headers.get('content-encoding'), null);
    });

    test('ETag and If-None-Match: 304 without a body, 200 when it changed', async () => {
        for (const encoding of ['identity', 'gzip']) {
            const first = await get('/css/app.css', { 'accept-encoding': encoding });
            const etag = first.headers.get('etag');
            assert.match(etag, /^"[0-9a-f]{16}(-gz)?"$/);
            const again = await get('/css/app.css', { 'accept-encoding': encoding, 'if-none-match': etag });
            assert.equal(again.status, 304);
            assert.equal(again.body.length, 0);
            assert.equal(again.headers.get('etag'), etag);
            assert.equal((await get('/css/app.css', { 'accept-encoding': encoding, 'if-none-match': '"0000000000000000"' })).status, 200);
            assert.equal((await get('/css/app.css', { 'accept-encoding': encoding, 'if-none-match': `"x", W/${etag}` })).status, 304, 'weak comparison, lists');
        }
        const page = await get('/');
        assert.equal((await get('/', { 'if-none-match': page.headers.get('etag') })).status, 304);
    });

    test('index.html names its files under /v/<version>/, cached for a year there', async () => {
        const html = (await get('/', { 'accept-encoding': 'identity' })).body.toString('utf8');
        const script = html.match(/<script type="module" src="(\/v\/([0-9a-f]{16})\/js\/app\.js)"/);
        assert.ok(script, `the script is versioned in ${html.slice(0, 600)}`);
        const version = script[2];
        assert.match(html, new RegExp(`href="/v/${version}/css/app\\.css"`));
        const res = await get(script[1]);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        assert.deepEqual(res.body, (await get('/js/app.js')).body, 'the same bytes as the plain path');
        // the relative imports of the modules resolve inside the prefix too
        assert.equal((await get(`/v/${version}/js/views/login.js`)).status, 200);
        // another version's URL still answers, but is never cached as immutable
        const old = await get('/v/0123456789abcdef/js/app.js');
        assert.equal(old.status, 200);
        assert.equal(old.headers.get('cache-control'), 'no-cache');
        assert.equal((await get(`/v/${version}/js/nothing.js`)).status, 404);
        assert.equal((await get('/v/')).status, 404);
        assert.equal((await get('/js/app.js')).headers.get('cache-control'), 'no-cache');
    });

    test('/favicon.ico is an icon, not a 404', async () => {
        const res = await get('/favicon.ico');
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'image/x-icon');
        assert.deepEqual([...res.body.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
    });

    test('HEAD answers the headers of GET', async () => {
        const res = await fetch(srv.url('/'), { method: 'HEAD' });
        assert.equal(res.status, 200);
        assert.ok(res.headers.get('etag'));
        assert.ok(res.headers.get('content-security-policy'));
        assert.equal((await res.arrayBuffer()).byteLength, 0);
    });
});
