// The counters an import keeps (issue 9, fifteenth round): `copilot import jobs` stores a
// batch's new jobs with multi-row INSERTs (src/model/job.c, job_create_many), so PostgreSQL's
// per-statement triggers of job_value_counts (migration 0078) write each counter row once per
// statement, not once per job: updating the same row once per job in one transaction walks
// every earlier version of it (quadratic; docs/performance.md, "PostgreSQL bulk inserts").
// On PostgreSQL the table's own statistics (pg_stat_user_tables: rows inserted and updated)
// show it; on both engines the counters equal a recount after the import, and the report
// counts duplicates within the file and refused rows as before.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ENGINE, registerUser, sleep, sqlRows, startServer } from './helpers.mjs';

const N = 600;
const JOB_TYPES = ['full-time', 'part-time', 'contract', 'internship', 'temporary', 'freelance'];
const REMOTE = ['onsite', 'hybrid', 'remote'];

let srv;
let dir;

/* Rows inserted plus rows updated in table (PostgreSQL's cumulative statistics). */
function writes(table) {
    const [[ins, upd]] = sqlRows(srv.dbUrl,
        `SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relname = '${table}'`);
    return Number(ins) + Number(upd);
}

function jobsInserted() {
    return Number(sqlRows(srv.dbUrl,
        "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'jobs'")[0][0]);
}

/* The user's counters and a recount of them from the jobs, as text. */
function counters(userId) {
    const kept = sqlRows(srv.dbUrl, `SELECT kind, value, n FROM job_value_counts
        WHERE user_id = ${userId} ORDER BY 1, 2`);
    const recount = sqlRows(srv.dbUrl, `SELECT kind, value, COUNT(*) FROM (
        SELECT '' AS kind, '' AS value FROM jobs WHERE user_id = ${userId} UNION ALL
        SELECT 'status', status FROM jobs WHERE user_id = ${userId} UNION ALL
        SELECT 'source', COALESCE(source, '') FROM jobs WHERE user_id = ${userId} UNION ALL
        SELECT 'job_type', COALESCE(job_type, '') FROM jobs WHERE user_id = ${userId} UNION ALL
        SELECT 'remote_option', COALESCE(remote_option, '') FROM jobs WHERE user_id = ${userId})
        AS jv GROUP BY 1, 2 ORDER BY 1, 2`);
    return { kept: JSON.stringify(kept), recount: JSON.stringify(recount) };
}

describe('import: the counters written per statement', () => {
    before(async () => {
        srv = await startServer();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-counters-'));
    });
    after(async () => {
        await srv?.stop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test(`${N} jobs in one import: counters equal a recount, and on PostgreSQL far fewer counter writes than jobs`, async () => {
        const u = await registerUser(srv);
        const rows = [];
        for (let i = 0; i < N; i++) {
            // every row names its own set of fields: some leave out what others give
            const job = { company: `Counter Co ${i % 37}`, title: `Engineer ${i}` };
            if (i % 2) job.job_type = JOB_TYPES[i % JOB_TYPES.length];
            if (i % 3) job.remote_option = REMOTE[i % REMOTE.length];
            if (i % 5 === 0) job.status = 'interested';
            if (i % 7 === 0) job.source = 'linkedin';
            if (i % 11 === 0) job.application_url = `https://jobs.example.com/${i}`;
            rows.push(job);
        }
        rows.push({ ...rows[10] }); // a duplicate of a row of the same file
        rows.push({ title: 'no company' }); // refused by validation
        const file = path.join(dir, 'jobs.json');
        fs.writeFileSync(file, JSON.stringify(rows));

        const before = ENGINE === 'postgresql' ? writes('job_value_counts') : 0;
        const insertedBefore = ENGINE === 'postgresql' ? jobsInserted() : 0;
        const report = JSON.parse(srv.cli(['import', 'jobs', file, '--user', String(u.user.id)]));
        assert.deepEqual(report, {
            created: N, duplicates: 1, errors: [{ row: N + 2, message: 'company is required', field: 'company' }],
            ignored_columns: [],
        });

        const { kept, recount } = counters(u.user.id);
        assert.equal(kept, recount);

        if (ENGINE === 'postgresql') {
            // the import's backend reports its statistics as it exits: wait for its jobs
            for (let i = 0; i < 300 && jobsInserted() < insertedBefore + N; i++) await sleep(100); // 30 s bound
            assert.equal(jobsInserted(), insertedBefore + N);
            const n = writes('job_value_counts') - before;
            // a write per counter row per statement (7 statements of at most 128 rows here, at
            // most 14 counter rows each); a write per job would be N at least (the total row)
            assert.ok(n > 0 && n < N / 4, `job_value_counts written ${n} times for ${N} jobs`);
        }
    });
});
