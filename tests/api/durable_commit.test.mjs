// Durable commits on SQLite (docs/decisions.md, "SQLite's commits are durable"): every write the
// server acknowledges has its WAL frames on disk before the reply leaves. The server commits with
// synchronous=NORMAL and syncs the WAL after the write lock is released (one sync may cover the
// commits of several threads); this test watches the real system calls under strace.
//
// strace is attached to a running server (every thread), which then takes POST /jobs from 8
// clients at once. For each 201 reply (a sendmsg/write/writev of "HTTP/1.1 201" by thread T on
// socket S) the request is the last read of S by T that returned bytes before the reply, and the
// commit is the last pwrite64 to the database's -wal file by T after that read and before T's
// next call on another socket (a commit's frames are written by the committing thread while it
// runs the handler, right after the request was read; the reply of POST /jobs may leave later,
// once a sync covers it, after T served other connections: server.c, answer_when_synced). The
// test requires an fdatasync or fsync of the -wal file, by any thread, that was entered after
// that pwrite64 returned and returned before the reply was entered. strace stamps a call when it
// stops the thread (the entry before the call runs, the exit after it ran), so "entered after
// returned" on its clock holds on the kernel's too. The -wal file is the same inode throughout:
// the trace shows no unlink or rename of it (SQLite deletes the WAL only when the last connection
// closes).
//
// The same trace shows how a writer waits for the write lock: the server's busy handler
// (store_sqlite_sync.c, store_sqlite_wait_for_writer) waits on a condition variable that each
// commit of the process signals, never in SQLite's own sleeps (busy_timeout: usleep, a
// clock_nanosleep or nanosleep call); the 8 clients on 4 request threads make writers wait for
// each other.
//
// Only on SQLite; skipped without strace, where Yama's ptrace_scope forbids attaching to
// a sibling process, or under a RUNNER (valgrind).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ENGINE, UNDER_RUNNER, expectStatus, jobBody, registerUser, sleep, startServer } from './helpers.mjs';

const CLIENTS = 8;
const POSTS_PER_CLIENT = 15;
const haveStrace = spawnSync('strace', ['-V']).status === 0;
/* Yama's ptrace_scope 1 lets a process trace only its descendants (the server is strace's
 * sibling), 2 only with CAP_SYS_PTRACE (root), 3 nobody. */
function mayAttach() {
    let scope = 0;
    try { scope = Number(fs.readFileSync('/proc/sys/kernel/yama/ptrace_scope', 'utf8')); } catch { /* no Yama */ }
    return scope === 0 || (scope < 3 && process.getuid() === 0);
}
const SKIP = ENGINE !== 'sqlite' ? 'SQLite only'
    : UNDER_RUNNER ? 'not under a RUNNER (valgrind)'
        : !haveStrace ? 'strace is not installed'
            : !mayAttach() ? 'ptrace_scope forbids attaching strace to the server' : false;

/* Parses strace -f -ttt -T -y output into calls { tid, name, fd (path), start, end, text }
 * (seconds), joining "<unfinished ...>" with its "<... resumed>". */
function parseTrace(text) {
    const calls = [];
    const open = new Map(); // tid -> the unfinished call
    const line = /^(\d+)\s+(\d+\.\d+)\s+(.*)$/;
    for (const raw of text.split('\n')) {
        const m = line.exec(raw);
        if (!m) continue;
        const [, tid, stamp, rest] = m;
        const t = Number(stamp);
        const resumed = /^<\.\.\. (\w+) resumed>(.*?)(?:<(\d+\.\d+)>)?$/.exec(rest);
        if (resumed) {
            const call = open.get(tid);
            if (!call || call.name !== resumed[1]) continue;
            open.delete(tid);
            call.end = t;
            call.text += resumed[2];
            calls.push(call);
            continue;
        }
        const head = /^(\w+)\((\d+)(?:<([^>]*)>)?(.*)$/.exec(rest);
        if (!head) continue;
        const call = { tid, name: head[1], fd: head[3] || '', start: t, end: t, text: head[4] };
        if (/<unfinished \.\.\.>$/.test(rest)) {
            open.set(tid, call);
            continue;
        }
        const took = /<(\d+\.\d+)>$/.exec(rest);
        call.end = t + (took ? Number(took[1]) : 0);
        calls.push(call);
    }
    return calls;
}

describe('durable commits on SQLite', { skip: SKIP }, () => {
    let srv;
    let tracer;
    let traceFile;
    let tmp;

    before(async () => {
        srv = await startServer();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-strace-'));
        traceFile = path.join(tmp, 'trace.txt');
    });
    after(async () => {
        if (tracer && tracer.exitCode === null) tracer.kill('SIGKILL');
        if (srv) await srv.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('each acknowledged POST /jobs is preceded by a sync of the WAL begun after its commit', async () => {
        const user = await registerUser(srv);
        tracer = spawn('strace', ['-f', '-p', String(srv.pid), '-ttt', '-T', '-y', '-s', '16', '-o', traceFile,
            '-e', 'trace=pwrite64,fdatasync,fsync,write,writev,sendto,sendmsg,read,recvfrom,recvmsg,unlink,unlinkat,rename,renameat,renameat2,' +
                'clock_nanosleep,nanosleep'],
        { stdio: ['ignore', 'ignore', 'pipe'] });
        let tracerErr = '';
        tracer.stderr.setEncoding('utf8');
        tracer.stderr.on('data', (d) => { tracerErr += d; });
        // attached once strace says so for the process (and its threads)
        const deadline = Date.now() + 30000; // a bound on a hang only
        while (!/attached/.test(tracerErr)) {
            assert.ok(tracer.exitCode === null, `strace exited: ${tracerErr}`);
            assert.ok(Date.now() < deadline, `strace did not attach: ${tracerErr}`);
            await sleep(50);
        }
        await sleep(200);

        let acked = 0;
        await Promise.all(Array.from({ length: CLIENTS }, async () => {
            for (let i = 0; i < POSTS_PER_CLIENT; i++) {
                const res = await srv.api('POST', '/jobs', { token: user.token, body: jobBody() });
                expectStatus(res, 201);
                acked += 1;
            }
        }));
        await sleep(200);
        const exited = new Promise((resolve) => tracer.on('exit', resolve));
        tracer.kill('SIGINT'); // detaches and lets the server run on
        await exited;

        const walPath = `${srv.dbUrl.slice('sqlite:'.length)}-wal`;
        const calls = parseTrace(fs.readFileSync(traceFile, 'utf8'));
        const removed = calls.filter((c) => /^(unlink|unlinkat|rename|renameat|renameat2)$/.test(c.name) &&
            c.text.includes('-wal'));
        assert.deepEqual(removed.map((c) => `${c.name}${c.text}`), [], 'the WAL is never removed or renamed');
        const isWal = (c) => c.fd === walPath;
        const syncs = calls.filter((c) => (c.name === 'fdatasync' || c.name === 'fsync') && isWal(c) &&
            /\) = 0(\s|$)/.test(c.text));
        const replies = calls.filter((c) => /^(sendmsg|write|writev|sendto)$/.test(c.name) &&
            c.fd.startsWith('socket:') && c.text.includes('HTTP/1.1 201'));
        assert.equal(replies.length, acked, 'one traced 201 reply per acknowledged POST');

        const onSocket = (c) => c.fd.startsWith('socket:');
        const reads = calls.filter((c) => /^(read|recvfrom|recvmsg)$/.test(c.name) && onSocket(c) &&
            /\) = [1-9]\d*(\s|$)/.test(c.text));
        const socketCalls = calls.filter((c) => onSocket(c) &&
            /^(read|recvfrom|recvmsg|sendmsg|write|writev|sendto)$/.test(c.name));
        let sharedSyncs = 0;
        let answeredLater = 0;
        for (const reply of replies) {
            const request = reads.filter((c) => c.tid === reply.tid && c.fd === reply.fd &&
                c.end <= reply.start).at(-1);
            assert.ok(request, `no read of ${reply.fd} by thread ${reply.tid} before its reply at ${reply.start}`);
            // the handler ran from the request's read until the thread turned to another socket
            const next = socketCalls.filter((c) => c.tid === reply.tid && c.fd !== reply.fd &&
                c.start >= request.end && c.start <= reply.start).sort((a, b) => a.start - b.start)[0];
            const handlerEnd = next ? next.start : reply.start;
            if (next) answeredLater += 1;
            const commit = calls.filter((c) => c.tid === reply.tid && c.name === 'pwrite64' && isWal(c) &&
                c.start >= request.end && c.end <= handlerEnd).at(-1);
            assert.ok(commit, `no WAL write by thread ${reply.tid} while it handled the request read at ` +
                `${request.end} (reply at ${reply.start})`);
            const covering = syncs.find((s) => s.start >= commit.end && s.end <= reply.start);
            assert.ok(covering, `reply at ${reply.start} (thread ${reply.tid}): no sync of the WAL entered after ` +
                `its commit's last write (returned ${commit.end}) and returned before the reply`);
            if (covering.tid !== reply.tid) sharedSyncs += 1;
        }
        // (their first argument is no file descriptor: read from the raw lines, not parseTrace's calls)
        // busy_timeout's sleeps are whole milliseconds (1, 2, 5, 10 ...); SQLite's retries of a
        // WAL read lock (walTryBeginRead, readers racing a commit) are no wait for the write lock:
        // 1 us, and past its ninth retry (a loaded machine) n * n * 39 us, n = 1, 2 ... (1,404 us
        // seen under ASan at load 33), never a whole millisecond
        const readRetry = (ns) => ns < 1000000 ||
            (ns % 39000 === 0 && Number.isInteger(Math.sqrt(ns / 39000)));
        const sleeps = fs.readFileSync(traceFile, 'utf8').split('\n')
            .filter((l) => /^\d+\s+\d+\.\d+\s+(clock_nanosleep|nanosleep)\(/.test(l))
            .filter((l) => {
                const m = /tv_sec=(\d+), tv_nsec=(\d+)/.exec(l);
                return !m || Number(m[1]) > 0 || !readRetry(Number(m[2]));
            });
        console.log(`${replies.length} replies, ${syncs.length} syncs of the WAL, ` +
            `${sharedSyncs} replies covered by another thread's sync, ${answeredLater} sent after ` +
            `their thread served another connection, ${sleeps.length} sleeps`);
        assert.deepEqual(sleeps, [],
            'a writer waits for the write lock on the commit that frees it, never in SQLite\'s sleeps');
    });
});
