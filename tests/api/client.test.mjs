// The API suites' own HTTP client (helpers.mjs: request() on node:http with a keep-alive agent
// per server, sendRequest; twenty-fourth round, when it replaced Node's fetch): what the tests
// rely on is what fetch gave them. Against the real server: a request after the event loop was
// blocked past the server's idle timeout goes out on a fresh connection (the pooled one, which
// the server has closed, would fail: docs/performance.md, "Fetch failed under load (nineteenth
// round)"), and FormData uploads, Buffer and string bodies arrive as sent. Against a small
// node:http server of its own: Set-Cookie's values, a gzip body decoded, a redirect returned and
// not followed, the connection kept between requests, and a request with no answer failing
// with an error that names it. No assertion here is about time: the waits bound a hang only.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import {
    ENGINE, expectStatus, jobBody, registerUser, sendRequest, SLOW, sqlRows, startServer,
} from './helpers.mjs';

/* Blocks the event loop for ms, as a synchronous CLI run (runCli, execFileSync) blocks it. */
function blockFor(ms) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe(`the client against the server (${ENGINE})`, () => {
    let srv;
    let alice;
    // announces Keep-Alive: timeout=2 and closes an idle connection 3 s after its response, both
    // times SLOW (whole seconds), and the blocked loop below with them: under a RUNNER (valgrind)
    // or a slower binary a request can wait past 2 s for a thread that is hashing a password and
    // be cut off as a slow header, which is not what this file tests
    const headerTimeout = Math.ceil(2 * SLOW);
    const idleTimeout = Math.ceil(3 * SLOW);
    before(async () => {
        srv = await startServer({ env: { COPILOT_HEADER_TIMEOUT: String(headerTimeout), COPILOT_IDLE_TIMEOUT: String(idleTimeout) } });
        alice = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    // the second request of each pair is made in the same turn of the event loop as the end of
    // the block, before the agent's timer or the server's close of the pooled connection is
    // seen: without the client's own deadline on a pooled socket it went out on the closed one
    // and failed (ECONNRESET or "socket hang up"), every time
    test('a request after the event loop was blocked past the idle timeout is answered', async () => {
        for (let i = 0; i < 3; i++) {
            expectStatus(await srv.request('GET', '/healthz'), 200);
            blockFor(idleTimeout * 1500); // past the idle timeout and the watch's check (200 ms) after it
            const created = expectStatus(await srv.api('POST', '/jobs', { token: alice.token, body: jobBody({ title: `Blocked ${i}` }) }), 201);
            assert.equal(created.title, `Blocked ${i}`);
        }
        // each POST was sent once: three jobs, not more
        const jobs = expectStatus(await srv.api('GET', '/jobs?limit=100', { token: alice.token }), 200);
        assert.equal(jobs.items.filter((j) => j.title.startsWith('Blocked ')).length, 3);
    });

    test('a FormData upload arrives as multipart with its bytes and filename', async () => {
        const bytes = Buffer.from('Jane Doe\nPython, Go\nRésumé ✓\n'.repeat(40));
        const form = new FormData();
        form.append('file', new Blob([bytes], { type: 'text/plain' }), 'client cv.txt');
        const resume = expectStatus(await srv.api('POST', '/resumes', { token: alice.token, raw: form, timeout: 60000 }), 201);
        assert.equal(resume.filename, 'client cv.txt');
        const hex = srv.dbUrl.startsWith('sqlite:') ? 'hex(data)' : "encode(data, 'hex')";
        const [[stored]] = sqlRows(srv.dbUrl, `SELECT ${hex} FROM resume_files WHERE resume_id = ${Number(resume.id)}`);
        assert.ok(Buffer.from(stored, 'hex').equals(bytes), 'the stored bytes are the bytes sent');
    });

    test('Buffer and string raw bodies are sent as they are, as JSON unless a type is given', async () => {
        const fromBuffer = expectStatus(await srv.api('POST', '/jobs', {
            token: alice.token, raw: Buffer.from(JSON.stringify(jobBody({ title: 'Bytes ✓' }))),
        }), 201);
        assert.equal(fromBuffer.title, 'Bytes ✓');
        const fromString = expectStatus(await srv.api('POST', '/jobs', {
            token: alice.token, raw: JSON.stringify(jobBody({ title: 'Text ✓' })),
        }), 201);
        assert.equal(fromString.title, 'Text ✓');
        const csv = Buffer.from('company,title,location\r\nRaw Co,CSV ✓,Turin\r\n');
        const report = expectStatus(await srv.api('POST', '/jobs/import', {
            token: alice.token, raw: csv, headers: { 'Content-Type': 'text/csv' },
        }), 200);
        assert.equal(report.created, 1, JSON.stringify(report));
    });
});

describe('the client against a node:http server', () => {
    let server;
    let port;
    const agent = new http.Agent({ keepAlive: true });
    const connections = [];
    const seen = [];
    before(async () => {
        server = http.createServer((req, res) => {
            seen.push(req.url);
            if (req.url === '/cookies') {
                res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; HttpOnly']);
                res.end('{}');
            } else if (req.url === '/gzip') {
                res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': 'gzip' });
                res.end(zlib.gzipSync(Buffer.from('zipped ✓ '.repeat(100))));
            } else if (req.url === '/redirect') {
                res.writeHead(302, { location: '/target' });
                res.end();
            } else if (req.url === '/silent') {
                // never answers
            } else {
                res.setHeader('content-type', 'application/json');
                res.end(JSON.stringify({ method: req.method, headers: req.headers }));
            }
        });
        server.keepAliveTimeout = 60000; // announced as timeout=60: far beyond any wait here
        server.on('connection', (socket) => connections.push(socket));
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = server.address().port;
    });
    after(async () => {
        agent.destroy();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
    });
    const send = (method, p, headers = {}, body = undefined, ms = 30000 * SLOW) =>
        sendRequest(agent, port, method, p, { ...headers }, body, ms);

    test('Set-Cookie keeps each of its values', async () => {
        const res = await send('GET', '/cookies');
        assert.equal(res.status, 200);
        assert.deepEqual(res.headers.getSetCookie(), ['a=1; Path=/', 'b=2; HttpOnly']);
        assert.ok(res.headers instanceof Headers);
        assert.equal(res.headers.get('SET-COOKIE'), 'a=1; Path=/, b=2; HttpOnly');
        assert.ok([...res.headers].some(([name]) => name === 'content-length'), 'iterable, names in lower case');
    });

    test('a gzip body is decoded, the Content-Encoding header kept', async () => {
        const res = await send('GET', '/gzip', { 'accept-encoding': 'gzip' });
        assert.equal(res.headers.get('content-encoding'), 'gzip');
        assert.equal(res.text, 'zipped ✓ '.repeat(100));
    });

    test('a redirect is returned, not followed', async () => {
        const before = seen.length;
        const res = await send('GET', '/redirect');
        assert.equal(res.status, 302);
        assert.equal(res.headers.get('location'), '/target');
        assert.deepEqual(seen.slice(before), ['/redirect']);
    });

    test('requests one after another share one connection; the headers sent are those given', async () => {
        await send('GET', '/echo'); // a connection in the pool
        const opened = connections.length;
        const res = await send('POST', '/echo', { 'content-type': 'application/json', 'x-one': '1' }, '{"a":1}');
        const again = await send('DELETE', '/echo');
        assert.equal(connections.length, opened, 'no new connection');
        const echoed = JSON.parse(res.text);
        assert.equal(echoed.method, 'POST');
        assert.equal(echoed.headers['x-one'], '1');
        assert.equal(echoed.headers['content-length'], '7');
        assert.equal(JSON.parse(again.text).method, 'DELETE');
    });

    test('a request without an answer fails with an error naming its method and path', async () => {
        await assert.rejects(send('GET', '/silent', {}, undefined, 300),
            /^Error: GET \/silent: no complete response within 300 ms$/);
        // the pool still works after it
        assert.equal((await send('GET', '/echo')).status, 200);
    });
});
