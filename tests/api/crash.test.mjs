// Crash safety on both engines (issue 8, "Tests that must exist"). Sixteen concurrent writers
// drive a running server: each creates a job, puts an application on it, moves the application through
// allowed statuses (a random walk over the transitions GET /applications/pipeline gives) and then
// deletes the application, or the job, or neither. Mid-load:
//   - the server is killed with SIGKILL and started again on the same database, three times (the
//     writers are faster than this process reads the answers, so at some kills every request in
//     flight had been answered already; the test prints how many were cut off);
//   - on PostgreSQL, the postmaster itself is stopped (`pg_ctl stop -m immediate`, a crash of the
//     database) and started again while the same server keeps running: it answers 503 while the
//     database is gone (never 500) and writes again by itself once it is back.
// Afterwards every write that got a 2xx is in the database (every acknowledged delete gone, with
// what it cascades to), a write that got no answer or a 503 is either fully there or not at all,
// every job's status is that of its most recently updated application or `not_applied` without
// one (SPEC part E: kept in the same transaction), and the engine's own checks pass: SQLite's
// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`; on PostgreSQL a query for orphans over
// every foreign key of the schema (read from pg_constraint) and amcheck's `bt_index_check` of
// every index with all heap tuples.
//
// On PostgreSQL the test runs on a cluster of its own (scripts/pg-throwaway in a temporary
// directory), so stopping the postmaster disturbs no other suite. Not under a RUNNER such as
// valgrind (the signal would hit valgrind, and the load would take minutes).

import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { ENGINE, ROOT, SLOW, UNDER_RUNNER, expectStatus, registerUser, sleep, sqlRows, startServer, uniqueName } from './helpers.mjs';

const WRITERS = 16;
const KILLS = 3; // SIGKILLs, each after ACKS_PER_KILL more acknowledged writes
const ACKS_PER_KILL = 150;
const ACKS_BEFORE_DB_STOP = 150;
const ANSWERS_503_WHILE_GONE = 10;
const ACKS_AFTER_RESTART = 20;
const WAIT_LIMIT_MS = 30000 * SLOW; // a condition of the load not met by then fails the test (a hang)
const PG_THROWAWAY = path.join(ROOT, 'scripts', 'pg-throwaway');
const execFileAsync = promisify(execFile);
const SKIP = UNDER_RUNNER ? 'not under a RUNNER (valgrind): the signals would hit it' : false;

// a few KiB for the full-text index to work on, so that a kill finds the server busier
const DESCRIPTION = 'Build and run the data platform. '.repeat(100);
const ok = (res) => res.status >= 200 && res.status < 300;

/* The writers and what they were told. jobs: one entry per job whose creation got a 2xx:
 * { id, company, token, deleted: false | true | 'maybe', app: null | { id, tag, status, maybe,
 * deleted } } (company and tag name the story's rows), where status is the last acknowledged
 * one and maybe the target of a move left without an answer (or answered 503), which may or may
 * not have been applied. A story ends at its first request without a 2xx. */
class Load {
    constructor(srv, users, transitions) {
        this.srv = srv;
        this.users = users;
        this.transitions = transitions;
        this.jobs = [];
        this.answers = {}; // status -> count (0: no answer)
        this.unexpected = []; // answers other than 2xx, 503 or none
        this.acks = 0;
        this.acksAfterMark = 0;
        this.mark = Infinity;
        this.retryAfter503 = undefined;
        this.stopping = false;
        this.inFlight = 0;
        this.workers = [];
    }

    start() {
        this.workers = Array.from({ length: WRITERS }, (_, w) => this.writer(w));
    }

    /* No new request after this; waits for the ones in flight. */
    async stop() {
        this.stopping = true;
        await Promise.all(this.workers);
    }

    /* Waits until cond() holds, failing with what after WAIT_LIMIT_MS. */
    async until(cond, what) {
        const deadline = performance.now() + WAIT_LIMIT_MS;
        while (!cond()) {
            if (performance.now() > deadline)
                throw new Error(`not within ${WAIT_LIMIT_MS} ms: ${what} (answers so far ${JSON.stringify(this.answers)})`);
            await sleep(20);
        }
    }

    async call(token, method, p, body) {
        const started = performance.now();
        let res;
        this.inFlight++;
        try {
            // the load is not checked against the OpenAPI document (jobs and applications tests do
            // that for these routes): the check costs more than the server's work, and the
            // server would sit idle while this process catches up
            res = await this.srv.api(method, p, { token, body, timeout: 15000, unchecked: true });
        } catch (e) {
            if (e instanceof assert.AssertionError) throw e; // the conformance check: a wrong answer
            res = { status: 0, text: String(e.cause?.code || e.message || e) };
        } finally {
            this.inFlight--;
        }
        this.answers[res.status] = (this.answers[res.status] || 0) + 1;
        if (ok(res)) {
            this.acks++;
            if (started > this.mark) this.acksAfterMark++;
        } else if (res.status === 503) {
            this.retryAfter503 ??= res.headers.get('retry-after');
        } else if (res.status !== 0) {
            this.unexpected.push(`${method} ${p} -> ${res.status} ${res.text.slice(0, 200)}`);
        }
        return res;
    }

    async writer(w) {
        const token = this.users[w % this.users.length].token;
        while (!this.stopping) {
            if (!(await this.story(token))) await sleep(20); // do not spin while nothing answers
        }
    }

    /* One job's story; false when a request got no 2xx (the story ends there). */
    async story(token) {
        const n = uniqueName('crash');
        const company = `Crash ${n}`;
        let res = await this.call(token, 'POST', '/jobs', { company, title: `Writer ${n}`, location: 'Remote', description: DESCRIPTION });
        if (!ok(res)) return false;
        const job = { id: res.body.id, company, token, deleted: false, app: null };
        this.jobs.push(job);
        if (this.stopping) return true;
        res = await this.call(token, 'POST', '/applications', { job_id: job.id, status: 'interested', notes: n });
        if (!ok(res)) return false; // the job may or may not have an application now
        const app = { id: res.body.id, tag: n, status: res.body.status, maybe: null, deleted: false };
        job.app = app;
        const steps = 1 + Math.floor(Math.random() * 5);
        for (let i = 0; i < steps && !this.stopping; i++) {
            const next = this.transitions[app.status];
            if (!next.length) break; // a final status
            const to = next[Math.floor(Math.random() * next.length)];
            res = await this.call(token, 'PATCH', `/applications/${app.id}`, { status: to });
            if (!ok(res)) {
                app.maybe = to;
                return false;
            }
            assert.equal(res.body.status, to);
            app.status = to;
        }
        if (this.stopping) return true;
        const end = Math.random();
        const target = end < 1 / 3 ? app : end < 2 / 3 ? job : null;
        if (target) {
            res = await this.call(token, 'DELETE', target === app ? `/applications/${app.id}` : `/jobs/${job.id}`);
            target.deleted = ok(res) ? true : 'maybe';
            return ok(res);
        }
        return true;
    }

    summary() {
        const apps = this.jobs.filter((j) => j.app).length;
        return `${this.jobs.length} jobs and ${apps} applications acknowledged, ${this.acks} acknowledged writes, answers ${JSON.stringify(this.answers)}`;
    }
}

/* Everything the database holds for users, checked against what load was told. Rows are
 * recognised by the story's tag (the job's company, the application's notes), not by id alone:
 * SQLite gives the id of a deleted last row to the next one. Returns what was checked. */
function verify(dbUrl, load, userIds) {
    const users = userIds.join(',');
    const jobs = new Map(); // tag -> { id, status }
    const jobById = new Map();
    const apps = new Map(); // tag -> { id, jobId, status }
    const latest = new Map(); // job id -> status of its most recently updated application
    // jobs and applications in one statement, so one snapshot: on PostgreSQL a transaction the
    // killed server had already sent whole (its COMMIT in the backend's socket) may still commit
    // while this reads, and two statements could see a job before it and its application after
    const rows = sqlRows(dbUrl, 'SELECT kind, id, tag, status, job_id FROM (' +
        `SELECT 0 AS kind, id, company AS tag, CAST(status AS TEXT) AS status, NULL AS job_id, NULL AS at, id AS n FROM jobs WHERE user_id IN (${users}) ` +
        `UNION ALL SELECT 1, id, notes, CAST(status AS TEXT), job_id, updated_at, id FROM applications WHERE user_id IN (${users})` +
        ') AS t ORDER BY kind, at DESC, n DESC');
    for (const [kind, id, tag, status, jobId] of rows) {
        if (kind === '0') {
            assert.ok(!jobs.has(tag), `one job per story (${tag})`);
            jobs.set(tag, { id: Number(id), status });
            jobById.set(Number(id), status);
        } else {
            assert.ok(!apps.has(tag), `one application per story (${tag})`);
            apps.set(tag, { id: Number(id), jobId: Number(jobId), status });
            if (!latest.has(Number(jobId))) latest.set(Number(jobId), status);
        }
    }
    let appsChecked = 0;
    for (const job of load.jobs) {
        const row = jobs.get(job.company);
        if (job.deleted === true) assert.ok(!row, `job ${job.id}, deleted with a 2xx, is back`);
        if (job.deleted === false) assert.ok(row, `job ${job.id}, created with a 2xx, is missing`);
        if (row) assert.equal(row.id, job.id);
        if (!job.app) continue;
        appsChecked++;
        const app = apps.get(job.app.tag);
        if (job.deleted === true || job.app.deleted === true)
            assert.ok(!app, `application ${job.app.id} is there after a delete answered 2xx`);
        else if (job.deleted === false && job.app.deleted === false)
            assert.ok(app, `application ${job.app.id}, created with a 2xx, is missing`);
        if (app) {
            assert.deepEqual([app.id, app.jobId], [job.app.id, job.id]);
            assert.ok([job.app.status, job.app.maybe].includes(app.status),
                `application ${job.app.id} is ${app.status}; acknowledged ${job.app.status}` +
                (job.app.maybe ? `, unanswered move to ${job.app.maybe}` : ''));
        }
    }
    // nothing half-written: each job's status is its most recent application's (SPEC part E)
    for (const [id, status] of jobById)
        assert.equal(status, latest.get(id) ?? 'not_applied', `job ${id}'s status against its applications`);
    for (const app of apps.values()) assert.ok(jobById.has(app.jobId), `application ${app.id}'s job ${app.jobId} exists`);
    return { jobs: load.jobs.length, apps: appsChecked, rows: jobs.size + apps.size };
}

/* The engine's own consistency checks on the whole database. */
function integrity(dbUrl) {
    if (dbUrl.startsWith('sqlite:')) {
        assert.deepEqual(sqlRows(dbUrl, 'PRAGMA integrity_check'), [['ok']]);
        assert.deepEqual(sqlRows(dbUrl, 'PRAGMA foreign_key_check'), [], 'no row breaks a foreign key');
        return;
    }
    // every foreign key of the schema, from the catalogue: validated, and no row without its parent
    const keys = sqlRows(dbUrl, `
        SELECT c.conname, c.conrelid::regclass, c.confrelid::regclass, c.convalidated,
               (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.i) FROM unnest(c.conkey)
                    WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),
               (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.i) FROM unnest(c.confkey)
                    WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n)
        FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace ORDER BY 1`);
    assert.ok(keys.length >= 10, `the schema's foreign keys (${keys.length})`);
    for (const [name, , , validated] of keys) assert.equal(validated, 't', `foreign key ${name} is validated`);
    const orphans = keys.map(([name, child, parent, , cols, refs]) => {
        const c = cols.split(','), r = refs.split(',');
        return `SELECT '${name}', count(*) FROM ${child} x WHERE ${c.map((k) => `x.${k} IS NOT NULL`).join(' AND ')} ` +
            `AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE ${c.map((k, i) => `p.${r[i]} = x.${k}`).join(' AND ')})`;
    }).join(' UNION ALL ');
    for (const [name, count] of sqlRows(dbUrl, orphans)) assert.equal(count, '0', `rows without their parent (${name})`);
    // every B-tree index agrees with its table (amcheck, all heap tuples)
    const [[indexes]] = sqlRows(dbUrl, `CREATE EXTENSION IF NOT EXISTS amcheck;
        SELECT count(bt_index_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'btree' AND i.indisvalid
        AND c.relnamespace = 'public'::regnamespace`);
    assert.ok(Number(indexes) >= 10, `indexes checked (${indexes})`);
}

async function transitionsOf(srv, token) {
    return expectStatus(await srv.api('GET', '/applications/pipeline', { token }), 200).transitions;
}

describe('crash safety', { skip: SKIP }, () => {
    let tmp;
    let pgDir; // PostgreSQL: a cluster of this test's own
    const database = () => (ENGINE === 'sqlite'
        ? `sqlite:${path.join(tmp, `${uniqueName('crash')}.db`)}`
        : execFileSync(PG_THROWAWAY, ['createdb', pgDir, uniqueName('crash').toLowerCase()], { encoding: 'utf8' }).trim());

    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-crash-'));
        fs.chmodSync(tmp, 0o755);
        if (ENGINE === 'postgresql') {
            pgDir = path.join(tmp, 'pg');
            execFileSync(PG_THROWAWAY, ['start', pgDir], { encoding: 'utf8' });
        }
    });
    after(() => {
        if (pgDir) execFileSync(PG_THROWAWAY, ['stop', pgDir]);
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('SIGKILL of the server mid-load, three times: after each restart every acknowledged write is there, nothing half-written; integrity checks pass', async () => {
        const dbUrl = database();
        let srv = await startServer({ dbUrl });
        try {
            const users = [await registerUser(srv), await registerUser(srv)];
            const load = new Load(srv, users, await transitionsOf(srv, users[0].token));
            let unanswered = 0;
            let inFlight = 0;
            for (let k = 0; k < KILLS; k++) {
                const target = load.acks + ACKS_PER_KILL;
                const before0 = load.answers[0] || 0;
                load.srv = srv;
                load.stopping = false;
                load.start();
                let killed;
                try {
                    await load.until(() => load.acks >= target, `${target} acknowledged writes`);
                    load.stopping = true; // nothing new after the kill; what is in flight stays unanswered
                    inFlight += load.inFlight;
                    killed = await srv.kill();
                } finally {
                    await load.stop();
                }
                srv = null;
                assert.equal(killed.signal, 'SIGKILL');
                assert.deepEqual(load.unexpected, [], 'every answer was a 2xx (or none, at the kill)');
                unanswered += (load.answers[0] || 0) - before0;
                assert.ok((load.answers[0] || 0) - before0 <= WRITERS, 'only the requests in flight at the kill went unanswered');
                srv = await startServer({ dbUrl });
                expectStatus(await srv.request('GET', '/readyz'), 200);
                verify(dbUrl, load, users.map((u) => u.user.id));
            }
            // the restarted server shows the same through the API, to the sessions of before
            for (const job of load.jobs.filter((j) => j.deleted === false).slice(-20)) {
                const got = expectStatus(await srv.api('GET', `/jobs/${job.id}`, { token: job.token }), 200);
                if (job.app && job.app.deleted === false && !job.app.maybe) assert.equal(got.status, job.app.status);
            }
            // a deleted job is gone; on SQLite its id may be a later job's (the id of a deleted
            // last row is given to the next one), never the deleted job again
            for (const job of load.jobs.filter((j) => j.deleted === true).slice(-5)) {
                const res = await srv.api('GET', `/jobs/${job.id}`, { token: job.token });
                if (ENGINE === 'sqlite' && res.status === 200) assert.notEqual(res.body.company, job.company, `job ${job.id} is back`);
                else expectStatus(res, 404);
            }
            const n = verify(dbUrl, load, users.map((u) => u.user.id));
            integrity(dbUrl);
            console.log(`# ${KILLS} SIGKILLs: ${load.summary()}; ${inFlight} requests in flight at the kills, ` +
                `${unanswered} of them unanswered (the others were answered before the signal); checked ${n.jobs} jobs ` +
                `and ${n.apps} applications acknowledged (${n.rows} rows in the database)`);
            await srv.stop();
            srv = null;
        } finally {
            await srv?.kill(); // a failed check leaves no server behind
        }
    });

    test('PostgreSQL stopped mid-load (pg_ctl stop -m immediate) and started again: 503 while it is gone, never 500; the server writes again by itself; no acknowledged write lost',
        { skip: ENGINE !== 'postgresql' && 'PostgreSQL only' }, async () => {
            const dbUrl = database();
            let srv = await startServer({ dbUrl });
            try {
                const users = [await registerUser(srv), await registerUser(srv)];
                const load = new Load(srv, users, await transitionsOf(srv, users[0].token));
                const t = {};
                let readyzWhileGone;
                let healthzWhileGone;
                let dbDown = false;
                load.start();
                try {
                    await load.until(() => load.acks >= ACKS_BEFORE_DB_STOP, `${ACKS_BEFORE_DB_STOP} acknowledged writes`);
                    t.stop = performance.now();
                    await execFileAsync(PG_THROWAWAY, ['kill', pgDir]);
                    dbDown = true;
                    t.stopped = performance.now();
                    const before503 = load.answers[503] || 0;
                    await load.until(() => (load.answers[503] || 0) - before503 >= ANSWERS_503_WHILE_GONE,
                        `${ANSWERS_503_WHILE_GONE} answers 503 while PostgreSQL is gone`);
                    readyzWhileGone = await srv.request('GET', '/readyz');
                    healthzWhileGone = await srv.request('GET', '/healthz');
                    t.restart = performance.now();
                    load.mark = t.restart;
                    await execFileAsync(PG_THROWAWAY, ['restart', pgDir]);
                    dbDown = false;
                    t.restarted = performance.now();
                    await load.until(() => load.acksAfterMark >= ACKS_AFTER_RESTART,
                        `${ACKS_AFTER_RESTART} acknowledged writes after PostgreSQL is back (the server reconnects by itself)`);
                    t.recovered = performance.now();
                } finally {
                    await load.stop();
                    if (dbDown) await execFileAsync(PG_THROWAWAY, ['restart', pgDir]);
                }
                const ms = (x) => `${Math.round(x)} ms`;
                console.log(`# PostgreSQL stop: ${load.summary()}; pg_ctl stop took ${ms(t.stopped - t.stop)}, ` +
                    `down ${ms(t.restart - t.stopped)}, restart took ${ms(t.restarted - t.restart)}, ` +
                    `${ACKS_AFTER_RESTART} writes acknowledged ${ms(t.recovered - t.restarted)} after it was back`);
                assert.deepEqual(load.unexpected, [], 'every answer was a 2xx or a 503, never a 500 or a 4xx');
                assert.equal(load.answers[0], undefined, 'the server answered every request (it never went away)');
                assert.ok(load.retryAfter503, 'a 503 carries Retry-After');
                assert.equal(readyzWhileGone.status, 503, '/readyz says 503 while the database is gone');
                assert.equal(healthzWhileGone.status, 200, '/healthz (the process) still answers 200');
                expectStatus(await srv.request('GET', '/readyz'), 200);
                const n = verify(dbUrl, load, users.map((u) => u.user.id));
                integrity(dbUrl);
                console.log(`# PostgreSQL stop: checked ${n.jobs} jobs and ${n.apps} applications acknowledged (${n.rows} rows in the database)`);
                await srv.stop(); // and the server that lived through it still exits cleanly
                srv = null;
            } finally {
                await srv?.kill(); // a failed check leaves no server behind
            }
        });
});
