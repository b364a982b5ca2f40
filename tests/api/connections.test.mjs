// Connection hygiene (issue 8, hostile-input suite): a request head must arrive within
// COPILOT_HEADER_TIMEOUT however slowly its bytes trickle in (libmicrohttpd's own timeout only
// measures silence), an idle keep-alive connection is kept past the announced timeout until
// COPILOT_IDLE_TIMEOUT (a client whose count of the idle time runs late still finds it open),
// and 2,000 idle keep-alive connections neither exhaust the server nor keep new requests from
// an answer (COPILOT_MAX_CONNECTIONS, the open-file limit). No test here bounds a time from above
// but to catch a hang: a loaded machine stretches every answer (twentieth round).

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
    ENGINE, expectStatus, jobBody, registerUser, SLOW, sleep, startServer,
} from './helpers.mjs';

/* Opens a connection; resolves { socket, closedAt() } once connected. */
function connect(port) {
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        const state = { socket, data: '', closed: null };
        socket.setEncoding('latin1');
        socket.on('data', (d) => { state.data += d; });
        socket.on('close', () => { state.closed = Date.now(); });
        socket.on('error', () => { /* a reset counts as closed */ });
        socket.once('connect', () => resolve(state));
        socket.once('error', reject);
    });
}

async function waitFor(predicate, ms) {
    const deadline = Date.now() + ms;
    while (!predicate() && Date.now() < deadline) await sleep(25);
    return predicate();
}

describe('request heads have a deadline (COPILOT_HEADER_TIMEOUT)', () => {
    let srv;
    before(async () => {
        srv = await startServer({ env: { COPILOT_HEADER_TIMEOUT: '2', COPILOT_IDLE_TIMEOUT: '3' } });
    });
    after(async () => { await srv?.stop(); });

    // one byte a second (issue 8's case) and one every 300 ms: never silent long enough for
    // libmicrohttpd's idle timeout; both connections at once
    test('a head sent one byte at a time is cut off after the timeout, not kept for ever', async () => {
        await Promise.all([1000, 300].map(async (every) => {
            const c = await connect(srv.port);
            const started = Date.now();
            const head = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200);
            let i = 0;
            c.socket.write(head[i++]);
            const timer = setInterval(() => { if (!c.closed && i < head.length) c.socket.write(head[i++]); }, every);
            // the head would take 72 s or more to arrive: the wait only bounds a hang
            const closed = await waitFor(() => c.closed, 30000 * SLOW);
            clearInterval(timer);
            assert.ok(closed, `one byte every ${every} ms: the server should close the connection`);
            const took = c.closed - started;
            assert.ok(took >= 1500, `one byte every ${every} ms: closed after ${took} ms (timeout 2 s)`);
            assert.equal(c.data, '', 'no response to a head that never completed');
        }));
    });

    test('an idle keep-alive connection is closed after the idle timeout; a prompt head is answered', async () => {
        const c = await connect(srv.port);
        c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        assert.ok(await waitFor(() => c.data.includes('"status"'), 30000 * SLOW), c.data);
        assert.match(c.data, /^HTTP\/1\.1 200 /);
        assert.match(c.data, /\r\nKeep-Alive: timeout=2\r\n/i, 'the head timeout is announced');
        const answered = Date.now();
        assert.ok(await waitFor(() => c.closed, 30000 * SLOW), 'idle connection closed');
        // not at the head deadline (2 s): at the idle timeout (3 s after the response ended)
        assert.ok(c.closed - answered >= 2500, `closed ${c.closed - answered} ms after the answer`);
        // a second request on a fresh connection works as usual
        expectStatus(await srv.request('GET', '/healthz'), 200);
    });

    // the idle connection's longer time is no way round the head deadline: bytes after a
    // response are a head that has started, which then has the head timeout
    test('a head sent one byte at a time after a response is cut off too', async () => {
        const c = await connect(srv.port);
        c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        assert.ok(await waitFor(() => c.data.includes('"status"'), 30000 * SLOW), c.data);
        c.data = '';
        const head = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200);
        let i = 0;
        const timer = setInterval(() => { if (!c.closed && i < head.length) c.socket.write(head[i++]); }, 300);
        const closed = await waitFor(() => c.closed, 30000 * SLOW);
        clearInterval(timer);
        assert.ok(closed, 'the server should close the connection');
        assert.equal(c.data, '', 'no response to a head that never completed');
    });

    test('keep-alive: a second head sent within the window is answered on the same connection', async () => {
        const c = await connect(srv.port);
        c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        assert.ok(await waitFor(() => c.data.includes('"status"'), 30000 * SLOW));
        c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'); // within the window again
        assert.ok(await waitFor(() => (c.data.match(/HTTP\/1\.1 200/g) || []).length === 2, 30000 * SLOW), c.data);
        c.socket.destroy();
    });
});

// "fetch failed" under load (nineteenth round): the server announces Keep-Alive: timeout=N and
// until then closed an idle connection N seconds after the response. Node's fetch stops reusing
// a connection 2 s before the announced time, but counts that time in ticks of a timer, which a
// blocked event loop (a synchronous CLI run: createAdmin) or a starved process (load 20+)
// delays; it then sent its next request onto the connection the server had just closed and
// failed with UND_ERR_SOCKET "other side closed". The server now keeps an idle connection until
// COPILOT_IDLE_TIMEOUT (60 s by default), well past the announced time.
describe('an idle keep-alive connection outlives the announced timeout (COPILOT_IDLE_TIMEOUT)', () => {
    let srv;
    before(async () => { srv = await startServer({ env: { COPILOT_HEADER_TIMEOUT: '3' } }); });
    after(async () => { await srv?.stop(); });

    test('a request sent after the announced timeout on an idle connection is answered', async () => {
        const c = await connect(srv.port);
        c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        assert.ok(await waitFor(() => c.data.includes('"status"'), 30000 * SLOW), c.data);
        assert.match(c.data, /\r\nKeep-Alive: timeout=3\r\n/i, 'the head timeout is announced');
        await sleep(4000); // past the announced 3 s and the watch's check after it
        assert.equal(c.closed, null, 'the idle connection is still open');
        c.data = '';
        c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        assert.ok(await waitFor(() => c.data.includes('"status"') || c.closed, 30000 * SLOW));
        assert.match(c.data, /^HTTP\/1\.1 200 /, `answered, not closed (closed: ${c.closed !== null})`);
        c.socket.destroy();
    });

    // the client's side of it: fetch's pooled connection, the event loop blocked past the
    // announced timeout as a synchronous CLI run blocks it (fetch reuses the connection before
    // its timer or the server's close is seen); until this round every second one failed
    test('fetch after its event loop was blocked past the announced timeout', async () => {
        for (let i = 0; i < 3; i++) {
            expectStatus(await srv.request('GET', '/healthz'), 200);
            execFileSync('sleep', ['3.5']);
            expectStatus(await srv.request('GET', '/healthz'), 200);
        }
    });
});

/* Takes the database's write lock from outside the server (sqlite3's BEGIN IMMEDIATE, psql's
 * LOCK TABLE jobs) and holds it until release() is called. */
async function holdWriteLock(dbUrl) {
    const child = dbUrl.startsWith('sqlite:')
        ? spawn('sqlite3', ['-batch', dbUrl.slice(7)], { stdio: ['pipe', 'pipe', 'inherit'] })
        : spawn('psql', ['-X', '-q', '-At', dbUrl], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => { out += d; });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.stdin.write(dbUrl.startsWith('sqlite:')
        ? "BEGIN IMMEDIATE;\nSELECT 'locked';\n"
        : "BEGIN;\nLOCK TABLE jobs IN EXCLUSIVE MODE;\nSELECT 'locked';\n");
    assert.ok(await waitFor(() => out.includes('locked'), 30000 * SLOW), 'the lock is held');
    return {
        async release() {
            child.stdin.end('COMMIT;\n');
            await exited;
        },
    };
}

// A request sent in time on a keep-alive connection whose thread is busy with another request
// (here one waiting for the write lock, on the server's only request thread) must be answered
// once the thread is free, however long that takes: the head deadline of the connection watch
// counts the server's own delay against the client. Until the sixteenth round the watch shut
// the connection down at its deadline and the client saw it closed without an answer
// ("Remote end closed connection without response" from 4 Python clients on the heavy user).
describe(`a request waiting for a busy thread is not cut off (${ENGINE})`, () => {
    let srv;
    before(async () => {
        srv = await startServer({ env: { COPILOT_HEADER_TIMEOUT: '1', COPILOT_THREADS: '1' } });
    });
    after(async () => { await srv?.stop(); });

    test('the head sent while the thread waits is answered after the deadline has passed', async () => {
        const { token } = await registerUser(srv);
        const c = await connect(srv.port);
        c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        assert.ok(await waitFor(() => c.data.includes('"status"'), 30000 * SLOW), c.data);
        assert.match(c.data, /^HTTP\/1\.1 200 /);
        assert.match(c.data, /\r\nKeep-Alive: timeout=1\r\n/i, 'the idle timeout is announced');
        const lock = await holdWriteLock(srv.dbUrl);
        let created;
        try {
            // the only request thread waits for the lock in this POST ...
            created = srv.api('POST', '/jobs', { token, body: jobBody() });
            await sleep(300);
            // ... while the next request arrives on the idle connection, well within its window
            c.data = '';
            c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
            await sleep(2500); // its deadline (1 s after the first answer) passes meanwhile
        } finally {
            await lock.release();
        }
        expectStatus(await created, 201);
        assert.ok(await waitFor(() => c.data.includes('"status"') || c.closed, 30000 * SLOW));
        assert.match(c.data, /^HTTP\/1\.1 200 /, `answered, not closed (closed: ${c.closed !== null})`);
        c.socket.destroy();
    });
});

/* What the server's side shows of connections that got no answer: the listening socket's
 * accept queue (ss's Recv-Q of the listener: accepted by the kernel, not yet by the server) and
 * the established sockets holding request bytes the server has not read. */
function waitingReport(srv, batch, waiting) {
    let ss;
    try {
        const out = (args) => execFileSync('ss', args, { encoding: 'utf8' }).trim().split('\n').slice(1);
        const listener = out(['-ltn', `sport = :${srv.port}`]);
        const unread = out(['-tn', 'state', 'established', `sport = :${srv.port}`])
            .filter((line) => Number(line.trim().split(/\s+/)[0]) > 0);
        ss = `listener: ${listener.join(' | ')}; ${unread.length} established with unread bytes`;
    } catch (e) {
        ss = `ss failed: ${e.message}`;
    }
    return `batch from ${batch}: ${waiting.length} connections neither answered nor closed ` +
        `(${waiting.filter((c) => c.data).length} with part of an answer); ${ss}; ` +
        `server stderr tail: ${srv.stderr().slice(-1500)}`;
}

describe('2,000 idle keep-alive connections', () => {
    let srv;
    const sockets = [];
    before(async () => { srv = await startServer({ env: { COPILOT_HEADER_TIMEOUT: '120' } }); });
    after(async () => {
        for (const c of sockets) c.socket.destroy();
        await srv?.stop();
    });

    // No bound on the time of the new requests (a loaded CI machine took up to 3 s for one of
    // them): a connection table the idle ones had filled would leave a new one waiting for a slot
    // until an idle one closes (COPILOT_HEADER_TIMEOUT 120 s here), far past fetch's 30 s
    test('all are served and kept, and new requests are still answered', async () => {
        const N = 2000;
        for (let batch = 0; batch < N; batch += 200) {
            const opened = await Promise.all(Array.from({ length: Math.min(200, N - batch) }, () => connect(srv.port)));
            for (const c of opened) c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
            const answered = (c) => c.data.includes('"status"') || c.closed;
            if (!(await waitFor(() => opened.every(answered), 60000 * SLOW)))
                assert.fail(waitingReport(srv, batch, opened.filter((c) => !answered(c))));
            sockets.push(...opened);
        }
        const served = sockets.filter((c) => /^HTTP\/1\.1 200 /.test(c.data)).length;
        assert.equal(served, N, `every connection answered (${served} of ${N})`);
        await sleep(200);
        assert.equal(sockets.filter((c) => c.closed).length, 0, 'the idle connections stay open');
        const times = [];
        for (let i = 0; i < 20; i++) {
            const res = await srv.request('GET', '/healthz');
            expectStatus(res, 200);
            times.push(res.ms);
        }
        times.sort((a, b) => a - b);
        console.log(`with ${N} idle connections: new /healthz median ${times[10].toFixed(1)} ms, ` +
            `max ${times[19].toFixed(1)} ms (told, not asserted)`);
        // and the idle ones still work
        const some = sockets.slice(0, 50);
        for (const c of some) { c.data = ''; c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'); }
        assert.ok(await waitFor(() => some.every((c) => c.data.includes('"status"')), 30000 * SLOW));
    });
});

// libmicrohttpd 0.9.75's epoll loop takes at most 128 events per epoll_wait and calls it again,
// with the same timeout, while a call returns 128: when exactly 128 connections became ready at
// once, its second call waited for the next connection timeout (minutes) with the 128 requests
// read into its ready list but not served. Seen as a batch of exactly 128 connections of the
// 2,000 above left without an answer under load. The server now runs libmicrohttpd's poll loop
// (src/http/server.c). Here the one request thread is made to find exactly 128 requests at once:
// the server is stopped (SIGSTOP) while 128 idle keep-alive connections each send a request, then
// continued. The epoll build left all 128 unanswered in 2 of 3 tries (the rest: the events came
// in two calls); three rounds catch it nearly always.
describe('128 requests ready at once on one request thread', () => {
    let srv;
    const sockets = [];
    before(async () => {
        srv = await startServer({ env: { COPILOT_THREADS: '1', COPILOT_HEADER_TIMEOUT: '120' } });
    });
    after(async () => {
        for (const c of sockets) c.socket.destroy();
        try { process.kill(srv.pid, 'SIGCONT'); } catch { /* already gone */ }
        await srv?.stop();
    });

    test('are all answered', async () => {
        const opened = await Promise.all(Array.from({ length: 128 }, () => connect(srv.port)));
        sockets.push(...opened);
        const answered = (c) => c.data.includes('"status"');
        for (const c of opened) c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        assert.ok(await waitFor(() => opened.every(answered), 60000 * SLOW), 'the first requests');
        for (let round = 1; round <= 3; round++) {
            await sleep(200); // every connection back in the server's wait for its next request
            process.kill(srv.pid, 'SIGSTOP');
            try {
                for (const c of opened) { c.data = ''; c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'); }
                await sleep(300); // on loopback the bytes are in the server's sockets by now
            } finally {
                process.kill(srv.pid, 'SIGCONT');
            }
            const ok = await waitFor(() => opened.every(answered), 30000 * SLOW);
            assert.ok(ok, `round ${round}: ${opened.filter(answered).length} of 128 answered`);
        }
    });
});
