// Three `copilot serve` instances on one PostgreSQL database behave as one (issue 12, SPEC part E
// "Several servers, one database"): racing identical job creations, racing status moves on one
// application (and If-Match for the loser), sessions and logout, a résumé uploaded on one and
// served by another, login throttling across instances, and `copilot migrate` started by three
// processes at once on a fresh database.
//
// Environment: COPILOT_TEST_ENGINE=postgresql and COPILOT_TEST_PG_DIR (a running
// scripts/pg-throwaway), COPILOT_BIN; tests/scale/run sets them.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    BIN, ENGINE, ROOT, expectError, expectStatus, freshDatabase, jobBody, registerUser,
} from '../api/helpers.mjs';
import { psqlRows, startInstances } from './cluster.mjs';

assert.equal(ENGINE, 'postgresql', 'the multi-instance test runs on PostgreSQL (tests/scale/run sets COPILOT_TEST_ENGINE)');

/* SPEC part A: the states an application cannot leave without ?force=true. */
const FINAL_STATES = new Set(['accepted', 'declined', 'rejected', 'withdrawn', 'ghosted']);

describe('three instances on one PostgreSQL database', () => {
    let instances = [];
    let dbUrl;
    /* the instance for the i-th request of a round-robin */
    const at = (i) => instances[i % instances.length];

    before(async () => {
        dbUrl = freshDatabase(os.tmpdir(), { empty: true });
        instances = await startInstances(3, dbUrl);
    });
    after(async () => { await Promise.all(instances.map((srv) => srv.stop())); });

    test('identical job creations racing through different instances: exactly one 201, the rest 409', async () => {
        const user = await registerUser(at(0));
        for (let round = 0; round < 5; round++) {
            const body = jobBody();
            const answers = await Promise.all(Array.from({ length: 9 },
                (_, i) => at(i).api('POST', '/jobs', { token: user.token, body })));
            const created = answers.filter((r) => r.status === 201);
            assert.equal(created.length, 1, `round ${round}: ${answers.map((r) => r.status).join(',')}`);
            for (const res of answers.filter((r) => r.status !== 201)) {
                expectError(res, 409, 'conflict');
                assert.equal(res.body.error.existing_id, created[0].body.id, 'a 409 names the job that won');
            }
            const list = expectStatus(await at(round + 1).api('GET', `/jobs?company=${encodeURIComponent(body.company)}`,
                { token: user.token }), 200);
            assert.equal(list.total, 1, 'one row in the database');
        }
    });

    test('status moves racing on one application: a valid final state that the job agrees with', async () => {
        const user = await registerUser(at(1));
        const moves = ['applied', 'rejected', 'withdrawn', 'ghosted', 'applied', 'rejected'];
        for (let round = 0; round < 6; round++) {
            const job = expectStatus(await at(0).api('POST', '/jobs', { token: user.token, body: jobBody() }), 201);
            const app = expectStatus(await at(1).api('POST', '/applications', { token: user.token, body: { job_id: job.id } }), 201);
            assert.equal(app.status, 'interested');
            const answers = await Promise.all(moves.map((status, i) =>
                at(i + round).api('PATCH', `/applications/${app.id}`, { token: user.token, body: { status } })));
            const moved = [];
            answers.forEach((res, i) => {
                if (res.status === 200) {
                    assert.equal(res.body.status, moves[i]);
                    moved.push(moves[i]);
                } else {
                    // a move the pipeline no longer allows once another one has won
                    expectError(res, 422, 'validation_failed');
                }
            });
            assert.ok(moved.length > 0, 'at least one move succeeds');
            const seen = await Promise.all(instances.map((srv) => srv.api('GET', `/applications/${app.id}`, { token: user.token })));
            const final = expectStatus(seen[0], 200).status;
            for (const res of seen) assert.equal(expectStatus(res, 200).status, final, 'every instance reads the same state');
            assert.ok(moved.includes(final), `the final state ${final} is one that was acknowledged (${moved})`);
            const jobNow = expectStatus(await at(2).api('GET', `/jobs/${job.id}`, { token: user.token }), 200);
            assert.equal(jobNow.status, final, "the job's status follows its application");
            // a final state cannot be left without ?force=true, so only the last acknowledged move may be one
            for (const status of moved.filter((s) => s !== final))
                assert.ok(!FINAL_STATES.has(status), `acknowledged ${status} and then ${final}: ${moved}`);
        }
    });

    test('If-Match: of two racing updates with the same ETag, the loser gets 412 (SPEC part E)', async () => {
        const user = await registerUser(at(2));
        const job = expectStatus(await at(0).api('POST', '/jobs', { token: user.token, body: jobBody() }), 201);
        const app = expectStatus(await at(0).api('POST', '/applications', { token: user.token, body: { job_id: job.id } }), 201);
        const got = await at(1).api('GET', `/applications/${app.id}`, { token: user.token });
        expectStatus(got, 200);
        const etag = got.headers.get('etag');
        assert.ok(etag, 'GET of one application returns an ETag (SPEC part E, optimistic concurrency)');
        const answers = await Promise.all([
            at(1).api('PATCH', `/applications/${app.id}`, { token: user.token, headers: { 'if-match': etag }, body: { notes: 'from instance 1' } }),
            at(2).api('PATCH', `/applications/${app.id}`, { token: user.token, headers: { 'if-match': etag }, body: { notes: 'from instance 2' } }),
        ]);
        assert.deepEqual(answers.map((r) => r.status).sort(), [200, 412], answers.map((r) => r.text).join('\n'));
        expectError(answers.find((r) => r.status === 412), 412, 'precondition_failed');
        const winner = answers.find((r) => r.status === 200).body.notes;
        const now = expectStatus(await at(0).api('GET', `/applications/${app.id}`, { token: user.token }), 200);
        assert.equal(now.notes, winner, 'the stored row is the winner');
        const later = await at(0).api('PATCH', `/applications/${app.id}`, { token: user.token, headers: { 'if-match': etag }, body: { notes: 'stale' } });
        expectError(later, 412, 'precondition_failed');
    });

    test('a token from one instance works on the others, and logout on one revokes it everywhere', async () => {
        const user = await registerUser(at(0));
        for (const srv of instances)
            assert.equal(expectStatus(await srv.api('GET', '/users/me', { token: user.token }), 200).id, user.user.id);
        expectStatus(await at(1).api('POST', '/auth/logout', { token: user.token }), 204);
        for (const srv of instances)
            expectError(await srv.api('GET', '/users/me', { token: user.token }), 401, 'unauthorized');
    });

    test('a résumé uploaded through one instance is served by another', async () => {
        const user = await registerUser(at(0));
        const bytes = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'resume.txt'));
        const form = new FormData();
        form.append('file', new Blob([bytes], { type: 'text/plain' }), 'resume.txt');
        const resume = expectStatus(await at(0).api('POST', '/resumes', { token: user.token, raw: form, timeout: 60000 }), 201);
        for (const srv of [at(1), at(2)]) {
            expectStatus(await srv.api('GET', `/resumes/${resume.id}`, { token: user.token }), 200);
            const file = await fetch(srv.url(`/api/v1/resumes/${resume.id}/file`),
                { headers: { authorization: `Bearer ${user.token}` } });
            const served = Buffer.from(await file.arrayBuffer());
            assert.equal(file.status, 200, `GET /resumes/${resume.id}/file on another instance: ${served.toString().slice(0, 300)}`);
            assert.ok(served.equals(bytes), 'the same bytes');
        }
    });

    test('login throttling counts failures across instances', async () => {
        // docs/decisions.md: 10 failed logins per account per 15-minute window, then 429
        const victim = await registerUser(at(0));
        const statuses = [];
        for (let i = 0; i < 12 && !statuses.includes(429); i++) {
            const res = await at(i).api('POST', '/auth/login', { body: { username: victim.username, password: `wrong-${i}` } });
            statuses.push(res.status);
        }
        assert.ok(statuses.includes(429),
            `12 failures spread over three instances should reach the per-account limit of 10: ${statuses.join(',')}`);
        for (const srv of instances) {
            const res = await srv.api('POST', '/auth/login', { body: { username: victim.username, password: 'wrong again' } });
            expectError(res, 429, 'rate_limited');
        }
    });

    test('`copilot migrate` run by three processes at once applies each migration once', async () => {
        const url = freshDatabase(os.tmpdir(), { empty: true });
        const migrate = () => new Promise((resolve) => {
            const child = spawn(BIN, ['migrate'], {
                env: { ...process.env, COPILOT_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'],
            });
            let out = '';
            child.stdout.on('data', (d) => { out += d; });
            child.stderr.on('data', (d) => { out += d; });
            // 'close', not 'exit': the output may still be unread when the process exits
            child.on('close', (code) => resolve({ code, out }));
        });
        const runs = await Promise.all([migrate(), migrate(), migrate()]);
        for (const run of runs) assert.equal(run.code, 0, `copilot migrate failed: ${run.out}`);
        const versions = fs.readdirSync(path.join(ROOT, 'migrations', 'postgresql'))
            .filter((f) => f.endsWith('.up.sql')).map((f) => Number(f.slice(0, 4))).sort((a, b) => a - b);
        const applied = runs.map((run) => Number((/applied (\d+) migration/.exec(run.out) || [])[1]));
        assert.equal(applied.reduce((a, b) => a + b, 0), versions.length,
            `the three runs together applied each migration once: ${runs.map((r) => r.out.trim()).join(' | ')}`);
        const rows = psqlRows(null, url, 'SELECT version, count(*) FROM schema_migrations GROUP BY version ORDER BY version');
        assert.deepEqual(rows, versions.map((v) => [String(v), '1']));
    });
});
