// Exports stream in constant memory (issue 8 item 3): GET /users/me/export, GET /jobs/export
// (CSV and JSON) and `copilot export` go row by row from a database cursor to the socket, so an
// account of 50,000 jobs exported four times at once must not grow the server's memory by more
// than a generous 64 MiB (before: hundreds of MiB per export); and at most COPILOT_MAX_EXPORTS
// exports run at once (429 with Retry-After beyond).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API, SLOW, UNDER_RUNNER, expectError, expectStatus, freshDatabase, login, runCli, sleep, startServer } from './helpers.mjs';

const JOBS = 50000;
const MIB = 1024 * 1024;

/* The server's anonymous resident memory (heap and friends), in bytes. */
function rssAnon(pid) {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/RssAnon:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

/* GETs path and consumes the body as it arrives; resolves { status, headers, bytes, text }
 * (text only when keep is set). */
async function download(srv, urlPath, token, keep = false) {
    const res = await fetch(srv.url(urlPath), { headers: { authorization: `Bearer ${token}` } });
    const parts = [];
    let bytes = 0;
    for await (const chunk of res.body) {
        bytes += chunk.length;
        if (keep) parts.push(chunk);
    }
    return { status: res.status, headers: res.headers, bytes, text: keep ? Buffer.concat(parts).toString('utf8') : null };
}

// Under a RUNNER (valgrind) seeding 50,000 jobs alone outlasts the suite; the streaming code runs
// under valgrind in the smaller exports of users.test.mjs and spec_contract.test.mjs.
const SKIP = UNDER_RUNNER ? 'not under a RUNNER (valgrind): too slow to seed' : false;

describe(`exports of an account with ${JOBS} jobs`, { skip: SKIP }, () => {
    let srv;
    let token;
    let tmp;
    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-export-'));
        const dbUrl = freshDatabase(tmp);
        runCli(['seed', '--users', '1', '--jobs', String(JOBS), '--applications', '3000'],
            { COPILOT_DATABASE_URL: dbUrl, COPILOT_DATA_DIR: tmp }, { timeout: 300000 });
        // under AddressSanitizer, freed memory waits in a quarantine (256 MiB by default) before
        // it is reused: that would be counted as growth, so the quarantine is turned off here
        const asan = [process.env.ASAN_OPTIONS, 'quarantine_size_mb=0'].filter(Boolean).join(':');
        // a 1 s statement timeout: on PostgreSQL an export's cursor lasts as long as the export
        // (seconds here), and a cursor runs without the timeout (before, the export was cut off
        // mid-body once it outlasted COPILOT_DB_STATEMENT_TIMEOUT; SQLite has no such timeout)
        srv = await startServer({ dbUrl, env: { ASAN_OPTIONS: asan, COPILOT_DB_STATEMENT_TIMEOUT: '1' } });
        token = await login(srv, 's1_user001', 'password123');
    });
    after(async () => {
        await srv?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('four exports at once stay in constant memory, and each is complete', async () => {
        expectStatus(await srv.api('GET', '/jobs?limit=5', { token }), 200); // warm up
        const baseline = rssAnon(srv.pid);
        let peak = baseline;
        let sampling = true;
        const sampler = (async () => {
            while (sampling) {
                peak = Math.max(peak, rssAnon(srv.pid));
                await sleep(20);
            }
        })();
        const [account, csv, json, again] = await Promise.all([
            download(srv, `${API}/users/me/export`, token, true),
            download(srv, `${API}/jobs/export?format=csv`, token, true),
            download(srv, `${API}/jobs/export?format=json`, token, true),
            download(srv, `${API}/users/me/export`, token),
        ]);
        sampling = false;
        await sampler;
        const grew = peak - baseline;
        console.log(`# RssAnon: baseline ${(baseline / MIB).toFixed(1)} MiB, peak ${(peak / MIB).toFixed(1)} MiB ` +
            `(+${(grew / MIB).toFixed(1)} MiB) while streaming ${((account.bytes + csv.bytes + json.bytes + again.bytes) / MIB).toFixed(1)} MiB`);
        for (const d of [account, csv, json, again]) assert.equal(d.status, 200);
        // constant memory: what may grow is bounded by the database's own caches, not by the
        // export's size: up to 16 MiB of SQLite page cache and sorter per connection
        // (src/store/store_sqlite.c, cache_size) for the four exports, plus 16 MiB of slack
        assert.ok(grew < (4 * 16 + 16) * MIB, `the server grew by ${(grew / MIB).toFixed(1)} MiB while exporting`);
        assert.match(account.headers.get('content-type'), /^application\/json/);
        assert.match(csv.headers.get('content-type'), /^text\/csv/);
        const doc = JSON.parse(account.text);
        assert.equal(doc.jobs.length, JOBS);
        assert.equal(doc.applications.length, 3000);
        assert.equal(doc.user.username, 's1_user001');
        assert.equal(again.bytes, account.bytes);
        assert.equal(JSON.parse(json.text).length, JOBS);
        const lines = csv.text.split('\r\n').filter((l) => l !== '');
        assert.equal(lines.length, JOBS + 1, 'a header and one record per job');
        assert.ok(lines[0].startsWith('id,'), lines[0]);
    });

    /* GETs urlPath on a socket of its own and reads only the first bytes the server sends (the
     * status line and headers), then pauses: the export waits, holding its slot, until the socket
     * is destroyed. Resolves { socket, head }. */
    function openExport(urlPath) {
        return new Promise((resolve) => {
            const s = net.connect(srv.port, '127.0.0.1', () => {
                s.write(`GET ${urlPath} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`);
            });
            s.once('data', (d) => { s.pause(); resolve({ socket: s, head: d.toString('latin1') }); });
            s.on('error', () => resolve({ socket: s, head: '' }));
        });
    }

    /* An export whose client reads its first bytes and then nothing: the socket fills and the
     * export waits, holding its slot. Retries while the slot of an earlier export is still
     * being given back (429). */
    async function stalledExport() {
        // 30 s (times SLOW): a bound on a hang only (a loaded server is slow to give the slots back)
        for (let attempt = 0; attempt < 300 * SLOW; attempt++) {
            const { socket, head } = await openExport(`${API}/users/me/export`);
            if (head.startsWith('HTTP/1.1 200 ')) return socket;
            socket.destroy();
            await sleep(100);
        }
        throw new Error('could not start an export');
    }

    test('beyond COPILOT_MAX_EXPORTS (4) at once: 429 with Retry-After; slots come back', async () => {
        const stalled = [];
        try {
            for (let i = 0; i < 4; i++) stalled.push(await stalledExport());
            const refused = await srv.api('GET', '/jobs/export?format=csv', { token });
            expectError(refused, 429, 'rate_limited');
            assert.match(refused.headers.get('retry-after') || '', /^\d+$/);
            expectStatus(await srv.request('GET', '/healthz'), 200); // nothing else is refused
            expectStatus(await srv.api('GET', '/jobs?limit=1', { token }), 200);
        } finally {
            for (const s of stalled) s.destroy();
        }
        let ok = false;
        // the slots are given back when the clients go: an export is accepted again (its status
        // line is enough; the connection is closed before the body, which the first test reads)
        let head = '';
        for (let i = 0; i < 300 * SLOW && !ok; i++) { // 30 s (times SLOW): a bound on a hang only
            const opened = await openExport(`${API}/jobs/export?format=json`);
            opened.socket.destroy();
            head = opened.head;
            ok = head.startsWith('HTTP/1.1 200 ');
            if (!ok) {
                assert.match(head, /^HTTP\/1\.1 429 /, 'while a slot is still taken, 429');
                await sleep(100);
            }
        }
        assert.ok(ok, `exports are accepted again once the stalled ones are gone (last: ${head.split('\r\n')[0]})`);
    });

    test('copilot export streams the same account as the API', async () => {
        const out = runCli(['export', '1'], { COPILOT_DATABASE_URL: srv.dbUrl }, { timeout: 120000, maxBuffer: 512 * MIB });
        const doc = JSON.parse(out);
        assert.equal(doc.jobs.length, JOBS);
        assert.ok(out.startsWith('{\n  "exported_at": "'), out.slice(0, 40));
        assert.ok(out.endsWith('\n}\n'));
    });
});
