// Health, readiness, metrics, the web page and the conventions every response shares
// (SPEC part B conventions and part D): X-Request-Id, the JSON content type, the error shape for
// unknown paths, CORS off by default, graceful shutdown on SIGTERM and SIGINT.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectError, expectStatus, registerUser, startServer } from './helpers.mjs';

describe('health and conventions', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    test('GET /healthz answers 200 with a JSON body', async () => {
        const res = await srv.request('GET', '/healthz');
        expectStatus(res, 200);
        assert.match(res.headers.get('content-type') || '', /^application\/json/);
        assert.equal(typeof res.body, 'object');
        assert.notEqual(res.body, null);
    });

    test('GET /readyz answers 200 while the database is reachable', async () => {
        const res = await srv.request('GET', '/readyz');
        expectStatus(res, 200);
    });

    test('health routes need no token', async () => {
        for (const p of ['/healthz', '/readyz']) {
            const res = await srv.request('GET', p, { token: 'garbage' });
            expectStatus(res, 200);
        }
    });

    test('GET /metrics is Prometheus text format', async () => {
        await srv.request('GET', '/healthz');
        const res = await srv.request('GET', '/metrics');
        expectStatus(res, 200);
        assert.match(res.headers.get('content-type') || '', /^text\/plain/);
        const lines = res.text.split('\n').filter((l) => l.trim() !== '');
        const samples = lines.filter((l) => !l.startsWith('#'));
        assert.ok(samples.length > 0, 'metrics should hold at least one sample');
        const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*,?\})? (-?[0-9.]+(e[+-]?[0-9]+)?|NaN|[+-]Inf)( -?[0-9]+)?$/i;
        for (const line of samples) assert.match(line, sample, `not a Prometheus sample line: ${line}`);
        for (const line of lines.filter((l) => l.startsWith('#')))
            assert.match(line, /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /, `bad comment line: ${line}`);
    });

    test('GET / serves the web page', async () => {
        const res = await srv.request('GET', '/');
        expectStatus(res, 200);
        assert.match(res.headers.get('content-type') || '', /^text\/html/);
    });

    test('an unknown API path answers 404 with the error shape', async () => {
        for (const p of ['/api/v1/no-such-thing', '/api/v1/jobs/1/no-such-thing', '/api/v2/jobs']) {
            const res = await srv.request('GET', p, { token: alice.token });
            expectError(res, 404, 'not_found');
        }
    });

    test('API responses are application/json; charset=utf-8', async () => {
        const ok = await srv.api('GET', '/users/me', { token: alice.token });
        expectStatus(ok, 200);
        assert.match(ok.headers.get('content-type') || '', /^application\/json;\s*charset=utf-8$/i);
        const error = await srv.api('GET', '/users/me');
        expectError(error, 401, 'unauthorized');
        assert.match(error.headers.get('content-type') || '', /^application\/json;\s*charset=utf-8$/i);
    });

    test('every response carries a distinct X-Request-Id', async () => {
        const job = await srv.api('POST', '/jobs', { token: alice.token, body: { company: 'Req Co', title: 'Id Checker' } });
        const cases = [
            ['200 health', await srv.request('GET', '/healthz'), 200],
            ['200 readyz', await srv.request('GET', '/readyz'), 200],
            ['200 metrics', await srv.request('GET', '/metrics'), 200],
            ['201 create', job, 201],
            ['204 delete', await srv.api('DELETE', `/jobs/${job.body.id}`, { token: alice.token }), 204],
            ['400 bad json', await srv.api('POST', '/jobs', { token: alice.token, raw: '{"company":' }), 400],
            ['401 no token', await srv.api('GET', '/jobs'), 401],
            ['404 unknown', await srv.request('GET', '/api/v1/nowhere'), 404],
            ['415 not json', await srv.api('POST', '/jobs', { token: alice.token, raw: 'x', headers: { 'content-type': 'text/plain' } }), 415],
            ['422 invalid', await srv.api('POST', '/jobs', { token: alice.token, body: { title: 'no company' } }), 422],
        ];
        const seen = new Set();
        for (const [name, res, status] of cases) {
            assert.equal(res.status, status, `${name}: ${res.text}`);
            const id = res.headers.get('x-request-id');
            assert.ok(id && id.length > 0, `${name}: X-Request-Id missing`);
            assert.ok(!seen.has(id), `${name}: X-Request-Id ${id} repeated`);
            seen.add(id);
        }
    });

    test('CORS is off by default', async () => {
        const res = await srv.api('GET', '/users/me', { token: bob.token, headers: { origin: 'https://evil.example' } });
        expectStatus(res, 200);
        assert.equal(res.headers.get('access-control-allow-origin'), null);
    });
});

describe('graceful shutdown', () => {
    test('SIGINT also stops the server with exit code 0', async () => {
        const srv = await startServer();
        await registerUser(srv);
        await srv.stop('SIGINT');
    });

    test('requests in flight at SIGTERM complete', async () => {
        const srv = await startServer();
        const user = await registerUser(srv);
        const pending = [];
        for (let i = 0; i < 10; i++)
            pending.push(srv.api('POST', '/jobs', { token: user.token, body: { company: `Flight ${i}`, title: 'In Flight' } }));
        await new Promise((resolve) => setTimeout(resolve, 5));
        const stopped = srv.stop('SIGTERM');
        const results = await Promise.allSettled(pending);
        await stopped;
        // A request either completed properly or was never accepted (connection refused/reset);
        // none may be answered with a server error.
        for (const r of results) {
            if (r.status === 'fulfilled') assert.ok(r.value.status === 201, `in-flight request got ${r.value.status}: ${r.value.text}`);
        }
    });
});
