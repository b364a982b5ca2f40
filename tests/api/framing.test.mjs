// Message framing per RFC 9112 (SPEC part E, issue 8 item 2), the Allow header of 405, CORS
// preflight, and log forging (issue 8 item 4). The framing cases talk raw TCP (node:net): each
// ambiguous request must get one 400 and a closed connection, and the bytes after it must never
// be read as a second request (the smuggled requests below would create a user if they ran).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    API, expectError, expectStatus, rawExchange, registerUser, startServer, uniqueName,
} from './helpers.mjs';

/* The status lines in a raw answer. */
const statusLines = (text) => text.match(/HTTP\/1\.[01] \d{3}/g) || [];

/* A JSON body of the register route: running it would create username. */
function registerRequest(username) {
    const body = JSON.stringify({ username, email: `${username}@example.com`, password: 'correct horse battery' });
    return `POST ${API}/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('message framing (RFC 9112)', () => {
    let srv;
    before(async () => { srv = await startServer(); });
    after(async () => { await srv?.stop(); });

    /* The user must not exist: the request that would have created it was never run. */
    async function assertNotCreated(username) {
        const res = await srv.api('POST', '/auth/login', { body: { username, password: 'correct horse battery' } });
        expectError(res, 401, 'unauthorized');
    }

    /* One 400 with the JSON error shape, and the connection closed. */
    function assertRefused(answer, what) {
        assert.ok(answer.closed, `${what}: the connection should be closed, got ${JSON.stringify(answer.text)}`);
        assert.deepEqual(statusLines(answer.text), ['HTTP/1.1 400'], `${what}: exactly one 400: ${answer.text}`);
        assert.match(answer.text, /\r\nConnection: close\r\n/i, what);
        const body = answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4);
        const parsed = JSON.parse(body);
        assert.equal(parsed.error.code, 'bad_request', what);
    }

    test('two Content-Length values: 400, closed, the leftover bytes never run as a request', async () => {
        const victim = uniqueName('smuggled');
        const smuggled = registerRequest(victim);
        const answer = await rawExchange(srv.port,
            `POST ${API}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
            `Content-Length: 2\r\nContent-Length: ${2 + Buffer.byteLength(smuggled)}\r\n\r\n{}${smuggled}`);
        assertRefused(answer, 'two Content-Length');
        await assertNotCreated(victim);
        // the exact reproduction: the pipelined GET is never answered
        const repro = await rawExchange(srv.port,
            `POST ${API}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
            `Content-Length: 2\r\nContent-Length: 45\r\n\r\n{}GET ${API}/users/me HTTP/1.1\r\nHost: x\r\n\r\n`);
        assertRefused(repro, 'issue reproduction');
        // the same value twice is still two Content-Length lines
        assertRefused(await rawExchange(srv.port,
            `POST ${API}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
            'Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}'), 'same Content-Length twice');
    });

    test('Content-Length with Transfer-Encoding: 400 and closed, the pipelined request never runs', async () => {
        const victim = uniqueName('smuggled');
        const smuggled = registerRequest(victim);
        const answer = await rawExchange(srv.port,
            `POST ${API}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
            'Content-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n' + smuggled);
        assertRefused(answer, 'Content-Length + Transfer-Encoding');
        await assertNotCreated(victim);
    });

    test('a Transfer-Encoding other than exactly chunked: 400 at once instead of a hang', async () => {
        for (const [what, lines] of [
            ['chunked, identity', 'Transfer-Encoding: chunked, identity\r\n'],
            ['gzip', 'Transfer-Encoding: gzip\r\n'],
            ['chunked twice', 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n'],
            ['identity', 'Transfer-Encoding: identity\r\n'],
        ]) {
            const victim = uniqueName('smuggled');
            const answer = await rawExchange(srv.port,
                `POST ${API}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${lines}\r\n` +
                `2\r\n{}\r\n0\r\n\r\n${registerRequest(victim)}`);
            assertRefused(answer, what);
            await assertNotCreated(victim);
        }
        assertRefused(await rawExchange(srv.port,
            `POST ${API}/auth/login HTTP/1.0\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n` +
            '2\r\n{}\r\n0\r\n\r\n'), 'Transfer-Encoding on HTTP/1.0');
    });

    test('white space before the colon of a field name: 400 (a Content-Length nobody else would see)', async () => {
        const victim = uniqueName('smuggled');
        const smuggled = registerRequest(victim);
        const answer = await rawExchange(srv.port,
            `POST ${API}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
            `Content-Length : ${Buffer.byteLength(smuggled)}\r\n\r\n${smuggled}`);
        assertRefused(answer, 'space before colon');
        await assertNotCreated(victim);
    });

    test('a Content-Length that is not a plain non-negative integer: 400 and closed, nothing smuggled', async () => {
        // libmicrohttpd 0.9.75 refuses these itself, before the access handler runs (its own
        // HTML body, docs/security.md); what matters here is one 400, the close and no second request.
        for (const value of ['-1', '+2', '0x2', '2 2', '2, 2', '']) {
            const victim = uniqueName('smuggled');
            const answer = await rawExchange(srv.port,
                `POST ${API}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
                `Content-Length: ${value}\r\n\r\n{}${registerRequest(victim)}`);
            assert.ok(answer.closed, `Content-Length "${value}": closed`);
            assert.match(answer.text, /^HTTP\/1\.1 400 /, `Content-Length "${value}": ${answer.text}`);
            assert.ok(!/^HTTP\/1\.1 (?!400)\d{3}/m.test(answer.text), `Content-Length "${value}": only 400s`);
            await assertNotCreated(victim);
        }
    });

    test('HTTP/1.1 without Host, or with two: 400; HTTP/1.0 without Host is fine', async () => {
        assertRefused(await rawExchange(srv.port, 'GET /healthz HTTP/1.1\r\n\r\n'), 'no Host');
        assertRefused(await rawExchange(srv.port, 'GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'), 'two Hosts');
        const old = await rawExchange(srv.port, 'GET /healthz HTTP/1.0\r\n\r\n');
        assert.deepEqual(statusLines(old.text), ['HTTP/1.1 200']);
    });

    test('a request target that is not a path (*, x, absolute form): a JSON 404, and the server answers on', async () => {
        // before the thirty-third round GET or HEAD of "*" or "x" crashed the server (the static
        // files looked for a '/' that was not there)
        for (const target of ['*', 'x', 'index.html', 'http://x/api/v1/jobs']) {
            for (const method of ['GET', 'HEAD', 'OPTIONS']) {
                const answer = await rawExchange(srv.port,
                    `${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
                assert.deepEqual(statusLines(answer.text), ['HTTP/1.1 404'], `${method} ${target}: ${answer.text}`);
                if (method !== 'HEAD') {
                    const body = JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4));
                    assert.equal(body.error.code, 'not_found');
                }
            }
        }
        expectStatus(await srv.request('GET', '/healthz'), 200);
    });

    test('sound requests still work: a chunked body, and two pipelined requests on one connection', async () => {
        const { username } = await registerUser(srv);
        const body = JSON.stringify({ username, password: 'correct horse battery' });
        const half = Math.floor(body.length / 2);
        const chunked = `POST ${API}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
            'Transfer-Encoding: chunked\r\n\r\n' +
            `${half.toString(16)}\r\n${body.slice(0, half)}\r\n${(body.length - half).toString(16)}\r\n${body.slice(half)}\r\n0\r\n\r\n`;
        // the second request closes the connection; the wait only bounds a broken server
        const answer = await rawExchange(srv.port, chunked + 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 30000);
        assert.deepEqual(statusLines(answer.text), ['HTTP/1.1 200', 'HTTP/1.1 200'], answer.text);
        assert.match(answer.text, /"access_token"/);
    });
});

/* A body beyond every route's cap (COPILOT_MAX_UPLOAD, 10 MiB) is refused with 413 as soon as
 * that is known, never after reading it all (second hostile probe, thirty-third round): before,
 * "Expect: 100-continue" with 100 MB got "100 Continue", and a head announcing 100 MB or a
 * chunked body past the cap got no answer until the whole body had been sent. */
describe('bodies beyond the cap: 413 early', () => {
    let srv, token;
    before(async () => { srv = await startServer(); ({ token } = await registerUser(srv)); });
    after(async () => { await srv?.stop(); });

    const head = (lines) => `POST ${API}/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\n${lines}\r\n`;

    /* One 413 with the JSON error shape and the connection closed. */
    function assertTooLarge(answer, what) {
        assert.ok(answer.closed, `${what}: the connection should be closed, got ${JSON.stringify(answer.text)}`);
        assert.deepEqual(statusLines(answer.text), ['HTTP/1.1 413'], `${what}: one 413, no 100 Continue: ${answer.text}`);
        assert.match(answer.text, /\r\nConnection: close\r\n/i, what);
        const parsed = JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4));
        assert.equal(parsed.error.code, 'payload_too_large', what);
    }

    test('Expect: 100-continue with 100 MB: 413 instead of 100 Continue', async () => {
        for (const method of ['POST', 'PATCH', 'PUT']) {
            const answer = await rawExchange(srv.port,
                head(`Content-Length: 104857600\r\nExpect: 100-continue\r\n`).replace(/^POST/, method), 20000);
            assertTooLarge(answer, method);
        }
    });

    test("the route's own cap counts: 2 MB to a JSON route (1 MiB) is refused from the head, an upload route asks for it", async () => {
        // before: "100 Continue" on POST /jobs, then 2 MB read, then 413
        assertTooLarge(await rawExchange(srv.port,
            head('Content-Length: 2000000\r\nExpect: 100-continue\r\n'), 20000), 'POST /jobs');
        const upload = await rawExchange(srv.port, head('Content-Length: 2000000\r\nExpect: 100-continue\r\n')
            .replace(`POST ${API}/jobs `, `POST ${API}/resumes `), 5000); // the 100 only: the wait ends it
        assert.deepEqual(statusLines(upload.text), ['HTTP/1.1 100'], upload.text);
    });

    test('a head announcing 100 MB is answered before any of the body is sent', async () => {
        assertTooLarge(await rawExchange(srv.port, head('Content-Length: 104857600\r\n'), 20000), 'Content-Length');
    });

    test('a chunked body past 10 MiB is answered while it is still being sent', async () => {
        const chunk = 'a'.repeat(1 << 20);
        const bytes = head('Transfer-Encoding: chunked\r\n') + `100000\r\n${chunk}\r\n`.repeat(11);
        // the terminating chunk is never sent: only the cap can end this request
        assertTooLarge(await rawExchange(srv.port, bytes, 20000), 'chunked');
    });

    test('a client that sends all 20 MB before it reads still gets the 413, and the server answers on', async () => {
        const res = await fetch(`${srv.base}${API}/jobs`, {
            method: 'POST', body: 'a'.repeat(20 << 20),
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        });
        assert.equal(res.status, 413);
        assert.equal((await res.json()).error.code, 'payload_too_large');
        expectStatus(await srv.api('GET', '/jobs', { token }), 200);
    });
});

describe('405 Allow and CORS preflight', () => {
    let plain;
    let cors;
    before(async () => {
        plain = await startServer();
        cors = await startServer({ env: { COPILOT_CORS_ORIGIN: 'https://app.example' } });
    });
    after(async () => { await plain?.stop(); await cors?.stop(); });

    test('405 carries Allow with the methods of the path', async () => {
        const res = await plain.api('PUT', '/jobs');
        expectError(res, 405, 'method_not_allowed');
        assert.equal(res.headers.get('allow'), 'GET, HEAD, POST');
        const one = await plain.api('POST', '/jobs/1');
        expectError(one, 405, 'method_not_allowed');
        assert.equal(one.headers.get('allow'), 'GET, HEAD, PATCH, PUT, DELETE');
    });

    test('without CORS, OPTIONS is 405 with Allow', async () => {
        const res = await plain.api('OPTIONS', '/jobs', { headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
        expectError(res, 405, 'method_not_allowed');
        assert.equal(res.headers.get('allow'), 'GET, HEAD, POST');
        assert.equal(res.headers.get('access-control-allow-methods'), null);
    });

    test('with COPILOT_CORS_ORIGIN, preflight OPTIONS answers 204 with methods, headers and max-age', async () => {
        const res = await cors.api('OPTIONS', '/jobs/7', { headers: { origin: 'https://app.example', 'access-control-request-method': 'PATCH' } });
        expectStatus(res, 204);
        assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example');
        assert.equal(res.headers.get('access-control-allow-methods'), 'GET, HEAD, PATCH, PUT, DELETE, OPTIONS');
        assert.match(res.headers.get('access-control-allow-headers') || '', /Authorization/);
        assert.match(res.headers.get('access-control-allow-headers') || '', /Content-Type/);
        assert.equal(res.headers.get('access-control-max-age'), '600');
        // an unknown path is still 404, and a wrong method still 405 (now listing OPTIONS)
        expectError(await cors.api('OPTIONS', '/no-such-thing'), 404, 'not_found');
        const wrong = await cors.api('PUT', '/jobs');
        expectError(wrong, 405, 'method_not_allowed');
        assert.equal(wrong.headers.get('allow'), 'GET, HEAD, POST, OPTIONS');
    });
});

/* A request head lives in libmicrohttpd's memory pool per connection (COPILOT_CONNECTION_MEMORY,
 * 16 KiB by default: the library clears the pool after every request, docs/performance.md
 * "libmicrohttpd's memory pool (thirty-eighth round)"). Heads well within it are copilot's to
 * answer; a URL far beyond it gets the library's own 414 and the server answers on; a larger pool
 * serves a URL the default refuses. */
describe('request heads and COPILOT_CONNECTION_MEMORY', () => {
    let plain;
    let large;
    before(async () => {
        plain = await startServer();
        large = await startServer({ env: { COPILOT_CONNECTION_MEMORY: '32768' } });
    });
    after(async () => { await plain?.stop(); await large?.stop(); });

    const get = (target, headers = '') => `GET ${target} HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`;
    async function assertServed(port, bytes, what) {
        const answer = await rawExchange(port, bytes);
        assert.deepEqual(statusLines(answer.text), ['HTTP/1.1 200'], `${what}: ${answer.text.slice(0, 300)}`);
        assert.match(answer.text, /\r\nX-Request-Id: /i, what);
    }

    test('a 12,000-byte query string and a 7,000-byte header line before another are answered by copilot', async () => {
        await assertServed(plain.port, get(`/healthz?q=${'x'.repeat(12000)}`), 'long query');
        await assertServed(plain.port, get('/healthz', `Cookie: ${'c'.repeat(7000)}\r\nAccept: */*\r\n`), 'long header');
    });

    test("a 40,000-byte URL: libmicrohttpd's 414, the server answers on; with 32 KiB a 20,000-byte one is served", async () => {
        const refused = await rawExchange(plain.port, get(`/healthz?q=${'x'.repeat(40000)}`));
        assert.deepEqual(statusLines(refused.text), ['HTTP/1.1 414'], refused.text.slice(0, 300));
        await assertServed(plain.port, get('/healthz'), 'after the 414');
        const twenty = get(`/healthz?q=${'x'.repeat(20000)}`);
        assert.deepEqual(statusLines((await rawExchange(plain.port, twenty)).text), ['HTTP/1.1 414']);
        await assertServed(large.port, twenty, '20,000 bytes with COPILOT_CONNECTION_MEMORY=32768');
    });
});

describe('log forging (access log)', () => {
    const forged = '/x%0a2026-11-28T00:00:00Z%20info%20FAKE%20admin%20login%0d%1b[31m';
    for (const format of ['text', 'json']) {
        test(`${format}: control characters in a path never start a line of their own`, async () => {
            const srv = await startServer({ env: format === 'json' ? { COPILOT_LOG: 'json' } : {} });
            try {
                const res = await srv.request('GET', forged);
                assert.equal(res.status, 404);
                const id = res.headers.get('x-request-id');
                await new Promise((r) => setTimeout(r, 100));
                const lines = srv.stderr().split('\n');
                assert.ok(!lines.some((l) => l.startsWith('2026-11-28T00:00:00Z info FAKE')), srv.stderr());
                assert.ok(!srv.stderr().includes('\r') && !srv.stderr().includes('\x1b'), 'no raw CR or ESC in the log');
                const line = lines.find((l) => l.includes(id));
                assert.ok(line, `the access line of ${id}`);
                assert.ok(line.includes('\\u000a2026-11-28T00:00:00Z info FAKE admin login\\u000d\\u001b'), line);
                if (format === 'json') assert.equal(JSON.parse(line).path, '/x\n2026-11-28T00:00:00Z info FAKE admin login\r\x1b[31m');
            } finally {
                await srv.stop();
            }
        });
    }
});
