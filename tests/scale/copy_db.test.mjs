// `copilot copy-db --to URL` (issue 12 part 5, SPEC part E "Several servers, one database"):
// a SQLite database filled through the API (every table: accounts, jobs, applications,
// interviews, content with versions, résumés with their files, feedback and votes, catalogue
// ratings, bookmarks, views, learning paths, snapshots, sessions) is copied to PostgreSQL and
// back to a new SQLite file. Every user's full export (`copilot export`), every table's row
// count, the files' bytes and what the API answers are the same on all three; ids and
// sequences continue (a new row gets the next id); the target must be empty; a schema
// difference stops the copy before anything is written; tables kept by triggers (the per-user
// counters) are rebuilt rather than copied and equal the source's; progress shows with --progress and
// nothing but the summary is printed when piped.
//
// Environment: COPILOT_TEST_ENGINE=postgresql, COPILOT_TEST_PG_DIR (tests/scale/run sets both).

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    BIN, ENGINE, ROOT, createAdmin, expectError, expectStatus, freshDatabase, itemsOf, jobBody,
    registerUser, sqlRows, startServer,
} from '../api/helpers.mjs';

assert.equal(ENGINE, 'postgresql', 'copy-db goes between SQLite and PostgreSQL (tests/scale/run sets COPILOT_TEST_ENGINE)');

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

/* Runs copilot with args on the database at dbUrl; returns { status, stdout, stderr }. */
function copilot(dbUrl, args, dataDir) {
    const env = { ...process.env, COPILOT_DATABASE_URL: dbUrl };
    if (dataDir) env.COPILOT_DATA_DIR = dataDir;
    const r = spawnSync(BIN, args, { env, encoding: 'utf8', timeout: 120000, maxBuffer: 64 * 1024 * 1024 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/* The full export of user id from dbUrl, without the moment it was taken. */
function exportOf(dbUrl, id) {
    const r = copilot(dbUrl, ['export', String(id)]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    delete doc.exported_at;
    return doc;
}

/* The data tables of a SQLite database, from its catalogue. */
function sqliteTables(dbUrl) {
    return sqlRows(dbUrl, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' " +
        "AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").map(([n]) => n);
}

function counts(dbUrl, tables) {
    return Object.fromEntries(tables.map((t) => [t, Number(sqlRows(dbUrl, `SELECT count(*) FROM ${t}`)[0][0])]));
}

/* Fills the database behind srv through the API: three users with something in every table. */
async function fill(srv) {
    const admin = await createAdmin(srv);
    const users = [await registerUser(srv), await registerUser(srv), await registerUser(srv)];
    const resources = itemsOf(expectStatus(await srv.api('GET', '/resources?limit=5'), 200));
    const paths = itemsOf(expectStatus(await srv.api('GET', '/learning-paths?limit=2'), 200));
    assert.ok(resources.length >= 3 && paths.length >= 1, 'the shipped catalogue is installed');
    const items = [];
    for (const [n, u] of users.entries()) {
        const auth = { token: u.token };
        expectStatus(await srv.api('PATCH', '/users/me', { ...auth, body: { skills: ['Python', 'SQL', 'C'], experience_level: 'mid', preferred_locations: ['Remote'] } }), 200);
        expectStatus(await srv.api('PUT', '/users/me/preferences', { ...auth, body: { preferred_job_types: ['full-time'], excluded_companies: ['Initech'], min_salary: 50000, keywords: ['backend'] } }), 200);
        const jobs = [];
        for (let j = 0; j < 4; j++) {
            jobs.push(expectStatus(await srv.api('POST', '/jobs', {
                ...auth,
                body: jobBody({ tech_stack: ['Python', 'PostgreSQL'], salary_min: 60000 + j, salary_max: 90000, remote_option: 'remote', description: `Job ${j} with "quotes", ünïcödé and a\ttab` }),
            }), 201));
        }
        // a deleted job leaves a gap in the ids
        expectStatus(await srv.api('DELETE', `/jobs/${jobs[3].id}`, auth), 204);
        const app = expectStatus(await srv.api('POST', '/applications', { ...auth, body: { job_id: jobs[0].id, notes: 'first' } }), 201);
        expectStatus(await srv.api('PATCH', `/applications/${app.id}`, { ...auth, body: { status: 'applied', follow_up_date: '2026-12-01' } }), 200);
        expectStatus(await srv.api('PATCH', `/applications/${app.id}`, { ...auth, body: { status: 'interview', interview_feedback: { went: 'well', rounds: [1, 2] } } }), 200);
        expectStatus(await srv.api('POST', '/applications', { ...auth, body: { job_id: jobs[1].id, status: 'rejected' } }), 201);
        expectStatus(await srv.api('POST', `/jobs/${jobs[2].id}/recommendation-feedback`, { ...auth, body: { is_helpful: n % 2 === 0, comment: 'meh' } }), 201);
        const session = expectStatus(await srv.api('POST', '/interviews', { ...auth, body: { interview_type: 'technical', job_id: jobs[0].id, total_questions: 3 } }), 201);
        expectStatus(await srv.api('POST', `/interviews/${session.id}/questions/1/answer`, {
            ...auth, body: { answer: 'I would index the foreign keys, measure with EXPLAIN ANALYZE and cache hot reads in memory with a clear invalidation rule.' },
        }), 200);
        expectStatus(await srv.api('POST', `/interviews/${session.id}/questions/2/answer`, { ...auth, body: { answer: 'It depends.' } }), 200);
        expectStatus(await srv.api('POST', `/interviews/${session.id}/complete`, auth), 200);
        const content = expectStatus(await srv.api('POST', '/content', { ...auth, body: { content_type: 'cover_letter', job_id: jobs[0].id, tone: 'friendly' } }), 201);
        expectStatus(await srv.api('PATCH', `/content/${content.id}`, { ...auth, body: { content: `My own words ${n}.`, change_note: 'shorter' } }), 200);
        const resumes = [];
        for (const [file, name] of [['resume.pdf', 'cv.pdf'], ['resume.txt', 'cv.txt']]) {
            const form = new FormData();
            form.append('file', new Blob([fs.readFileSync(path.join(FIXTURES, file))]), name);
            resumes.push(expectStatus(await srv.api('POST', '/resumes', { ...auth, raw: form, timeout: 60000 }), 201));
        }
        // résumé versions: a label, and the résumé one job uses
        expectStatus(await srv.api('PATCH', `/resumes/${resumes[1].id}`, { ...auth, body: { label: 'backend' } }), 200);
        expectStatus(await srv.api('PUT', `/jobs/${jobs[1].id}/resume`, { ...auth, body: { resume_id: resumes[1].id } }), 200);
        // contacts linked to the application with a relation, tasks on the application and the job
        const contact = expectStatus(await srv.api('POST', '/contacts', { ...auth, body: { name: `Recruiter ${n}`, email: `r${n}@example.com`, company: 'Acme' } }), 201);
        expectStatus(await srv.api('POST', `/applications/${app.id}/contacts`, { ...auth, body: { contact_id: contact.id, relation: 'recruiter' } }), 201);
        expectStatus(await srv.api('POST', '/tasks', { ...auth, body: { title: 'Send the portfolio', due_date: '2026-12-03', priority: 'high', application_id: app.id } }), 201);
        expectStatus(await srv.api('POST', '/tasks', { ...auth, body: { title: 'Read about the team', job_id: jobs[2].id } }), 201);
        const fb = expectStatus(await srv.api('POST', '/feedback', { ...auth, body: { type: 'feature_request', title: `Idea ${n}`, description: 'More charts', extra_data: { page: 'board' } } }), 201);
        items.push(fb);
        for (const r of resources.slice(0, 3)) {
            expectStatus(await srv.api('GET', `/resources/${r.id}`, auth), 200); // a view
            // ratings 5, 4, 4 give an average of 4.333..., which must survive a real column
            expectStatus(await srv.api('PUT', `/resources/${r.id}/feedback`, { ...auth, body: { is_helpful: true, rating: n === 0 ? 5 : 4, completed: n === 0 } }), 201);
        }
        expectStatus(await srv.api('POST', `/resources/${resources[0].id}/bookmark`, { ...auth, body: { notes: 'later', priority: 'high' } }), 201);
        expectStatus(await srv.api('POST', `/learning-paths/${paths[0].id}/enroll`, auth), 201);
        expectStatus(await srv.api('POST', '/analytics/snapshots', { ...auth, body: { type: 'funnel' } }), 201);
        expectStatus(await srv.api('POST', '/calendar/feed', auth), 201);
        expectStatus(await srv.api('POST', '/job-sources', { ...auth, body: { url: `https://jobs.lever.co/copydb${n}` } }), 201);
        // a failed login leaves a throttle counter
        expectStatus(await srv.api('POST', '/auth/login', { body: { username: u.username, password: 'not the password' } }), 401);
    }
    // votes (an item's author and the administrators may vote), an admin answer
    for (const [n, u] of users.entries()) {
        expectStatus(await srv.api('POST', `/feedback/${items[n].id}/vote`, { token: u.token, body: { vote: 1 } }), 200);
        expectStatus(await srv.api('POST', `/feedback/${items[n].id}/vote`, { token: admin.token, body: { vote: n === 2 ? -1 : 1 } }), 200);
    }
    expectStatus(await srv.api('PATCH', `/feedback/${items[0].id}`, { token: admin.token, body: { status: 'planned', admin_response: 'Soon', admin_notes: 'big' } }), 200);
    return { admin, users };
}

/* What the API answers one user on srv, for comparing servers on copies of one database. */
async function apiView(srv, token) {
    const get = async (p) => expectStatus(await srv.api('GET', p, { token }), 200);
    return {
        me: await get('/users/me'),
        preferences: await get('/users/me/preferences'),
        jobs: await get('/jobs?limit=100&sort=created_at'),
        applications: await get('/applications?limit=100'),
        interviews: await get('/interviews?limit=100'),
        content: await get('/content?limit=100'),
        resumes: await get('/resumes?limit=100'),
        feedback: await get('/feedback?limit=100'),
        bookmarks: await get('/resources/bookmarks?limit=100'),
        resources: await get('/resources?limit=100&sort=title'),
        enrolled: await get('/learning-paths/enrolled'),
        snapshots: await get('/analytics/snapshots?limit=100'),
        // calendar_events (migration 0070), rebuilt by the target's triggers
        calendar: await get('/calendar?from=2026-01-01&to=2026-12-31'),
    };
}

describe('copy-db', () => {
    let tmp;
    before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-copydb-')); });
    /* The servers a test started and has not stopped yet: a failed assertion skips the test's
     * own stop(), and a server left running keeps node's runner waiting (CI would run into its
     * time limit instead of failing), so after() kills what is left. */
    const running = new Set();
    async function serve(dbUrl) {
        const srv = await startServer({ dbUrl });
        running.add(srv);
        const stop = srv.stop;
        srv.stop = async (...args) => { running.delete(srv); await stop(...args); };
        return srv;
    }
    after(async () => {
        for (const srv of running) await srv.kill();
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('SQLite → PostgreSQL → SQLite keeps every export, every table, the files, and the ids going on', { timeout: 240000 }, async () => {
        const a = `sqlite:${path.join(tmp, 'a.db')}`;
        const b = `sqlite:${path.join(tmp, 'b.db')}`;
        const pg = freshDatabase(tmp, { empty: true });
        let srv = await serve(a);
        const { users } = await fill(srv);
        const viewBefore = [];
        for (const u of users) viewBefore.push(await apiView(srv, u.token));
        await srv.stop();

        // piped: no progress, one summary line
        const there = copilot(a, ['copy-db', '--to', pg]);
        assert.equal(there.status, 0, there.stderr);
        assert.match(there.stdout, /^copied \d+ rows of \d+ tables in [\d.]+ s\n$/);
        assert.equal(there.stderr, '', 'quiet when not on a terminal');
        // --progress: rows, rate and ETA even when piped (src/cli/meter.c), a last line with the time
        const back = copilot(pg, ['copy-db', '--to', b, '--progress']);
        assert.equal(back.status, 0, back.stderr);
        assert.match(back.stderr, /^copy-db: 0\/(\d+) rows \(0%\)\n/);
        assert.match(back.stderr, /\ncopy-db: (\d+)\/\1 rows in [^,\n]+, [\d.]+ rows\/s\n$/);

        // every table of the catalogue, the same number of rows in all three; but the log of
        // changes the score cache reads (migration 0054), whose rows follow how the writes were
        // grouped into transactions (the copy is one), so copy-db does not count it either
        const tables = sqliteTables(a).filter((t) => t !== 'score_changes');
        assert.ok(tables.includes('resume_files') && tables.includes('jobs') && tables.length >= 20, tables.join());
        const before = counts(a, tables);
        // rows that need an outside service (an OAuth provider, a job board to fetch from)
        const unfilled = ['oauth_states', 'job_source_runs'];
        for (const t of tables)
            assert.ok(before[t] > 0 || unfilled.includes(t),
                `the test data fills every table, so that copying it is tested: add rows of ${t} to fill()`);
        assert.deepEqual(counts(pg, tables), before, 'PostgreSQL holds every row');
        assert.deepEqual(counts(b, tables), before, 'the SQLite copy holds every row');
        assert.deepEqual(sqliteTables(b), sqliteTables(a));
        // the per-user counters and analytics aggregates, which the target's triggers rebuild
        // rather than copy-db, count what the source's do (copied too, every count would be
        // twice the source's)
        const derived = ['job_counts', 'job_value_counts', 'application_counts', 'application_stages',
            'application_days', 'activity_days', 'salary_counts'];
        const counters = (url) => derived.map((t) =>
            sqlRows(url, `SELECT * FROM ${t}`).map((row) => row.join('|')).sort().join(';'));
        assert.ok(counters(a).every((rows) => rows.length > 0));
        assert.deepEqual(counters(pg), counters(a), 'the counters on PostgreSQL');
        // a loader's end (store_after_load): the counters rewritten with their live rows only
        // (VACUUM FULL then VACUUM (ANALYZE)), every other table's statistics refreshed; the
        // manual counts only (autovacuum has its own)
        const maintained = Object.fromEntries(sqlRows(pg,
            "SELECT relname, vacuum_count, analyze_count FROM pg_stat_user_tables WHERE relname IN ('jobs', 'job_counts', 'applications')")
            .map(([t, v, an]) => [t, Number(v) > 0 && Number(an) > 0]));
        assert.deepEqual(maintained, { jobs: true, job_counts: true, applications: true },
            'copy-db vacuums and analyzes the target');
        assert.deepEqual(counters(b), counters(a), 'the counters after the round trip');

        // every user's full export is the same
        const ids = sqlRows(a, 'SELECT id FROM users ORDER BY id').map(([id]) => Number(id));
        for (const id of ids) {
            const original = exportOf(a, id);
            assert.deepEqual(exportOf(pg, id), original, `user ${id}'s export on PostgreSQL`);
            assert.deepEqual(exportOf(b, id), original, `user ${id}'s export after the round trip`);
        }
        // the files' bytes
        const files = (url, hex) => sqlRows(url, `SELECT resume_id, ${hex} FROM resume_files ORDER BY resume_id`);
        assert.deepEqual(files(b, 'hex(data)'), files(a, 'hex(data)'));
        assert.deepEqual(files(pg, "upper(encode(data, 'hex'))"), files(a, 'hex(data)'));

        // the API answers alike, and new rows continue the ids, on both copies
        const maxJob = Number(sqlRows(a, 'SELECT max(id) FROM jobs')[0][0]);
        const maxResume = Number(sqlRows(a, 'SELECT max(id) FROM resume_uploads')[0][0]);
        for (const url of [pg, b]) {
            srv = await serve(url);
            try {
                for (const [i, u] of users.entries()) {
                    const token = expectStatus(await srv.api('POST', '/auth/login', { body: { username: u.username, password: u.password } }), 200).access_token;
                    assert.deepEqual(await apiView(srv, token), viewBefore[i], `user ${i} through the API on ${url.split(':')[0]}`);
                    if (i > 0) continue;
                    const job = expectStatus(await srv.api('POST', '/jobs', { token, body: jobBody() }), 201);
                    assert.equal(job.id, maxJob + 1, 'the next job id follows the largest copied');
                    const form = new FormData();
                    form.append('file', new Blob(['Résumé\n']), 'new.txt');
                    const resume = expectStatus(await srv.api('POST', '/resumes', { token, raw: form }), 201);
                    assert.equal(resume.id, maxResume + 1);
                    const res = await srv.api('GET', `/resumes/${viewBefore[i].resumes.items.at(-1).id}/file`, { token });
                    expectStatus(res, 200);
                }
                // a token issued before the copy is still valid on the copy
                expectStatus(await srv.api('GET', '/users/me', { token: users[1].token }), 200);
            } finally {
                await srv.stop();
            }
        }
    });

    test('refuses a target that is not empty, the source itself, and a schema that differs', async () => {
        const a = `sqlite:${path.join(tmp, 'refuse.db')}`;
        const srv = await serve(a);
        await registerUser(srv);
        await srv.stop();
        const pg = freshDatabase(tmp, { empty: true });
        assert.equal(copilot(a, ['copy-db', '--to', pg]).status, 0);
        const again = copilot(a, ['copy-db', '--to', pg]);
        assert.equal(again.status, 1);
        assert.match(again.stderr, /not empty \(\w+ has \d+ rows\)/);
        assert.equal(copilot(a, ['copy-db', '--to', a]).status, 2);
        assert.equal(copilot(a, ['copy-db']).status, 2);

        // a column the source lacks: nothing is written
        const other = freshDatabase(tmp, { empty: true });
        assert.equal(copilot(other, ['migrate']).status, 0);
        sqlRows(other, 'ALTER TABLE jobs ADD COLUMN extra text');
        const differ = copilot(a, ['copy-db', '--to', other]);
        assert.equal(differ.status, 1);
        assert.match(differ.stderr, /the source's jobs has no column extra/);
        assert.equal(sqlRows(other, 'SELECT count(*) FROM users')[0][0], '0');

        // a failure half-way leaves the target empty: a row the target refuses (a résumé
        // file whose size no longer matches, possible on the source only by hand)
        const c = `sqlite:${path.join(tmp, 'broken.db')}`;
        const s2 = await serve(c);
        const u = await registerUser(s2);
        const form = new FormData();
        form.append('file', new Blob(['Résumé text\n']), 'cv.txt');
        expectStatus(await s2.api('POST', '/resumes', { token: u.token, raw: form }), 201);
        await s2.stop();
        sqlRows(c, 'DROP TRIGGER resume_files_size_update; UPDATE resume_files SET data = x\'00\'');
        const target = freshDatabase(tmp, { empty: true });
        const half = copilot(c, ['copy-db', '--to', target]);
        assert.equal(half.status, 1);
        assert.match(half.stderr, /resume_files/);
        assert.equal(sqlRows(target, 'SELECT count(*) FROM users')[0][0], '0', 'one transaction: nothing kept');
    });

    test('text not valid UTF-8: refused with each place named, or copied with U+FFFD and counted', { timeout: 120000 }, async () => {
        // SQLite keeps whatever bytes raw SQL puts in TEXT; PostgreSQL refuses what is not UTF-8
        const a = `sqlite:${path.join(tmp, 'utf8.db')}`;
        const srv = await serve(a);
        const u = await registerUser(srv);
        const auth = { token: u.token };
        const jobs = [];
        for (let j = 0; j < 3; j++) jobs.push(expectStatus(await srv.api('POST', '/jobs', { ...auth, body: jobBody({ notes: `note ${j}`, tech_stack: ['Go'] }) }), 201));
        const app = expectStatus(await srv.api('POST', '/applications', { ...auth, body: { job_id: jobs[2].id, notes: 'ok' } }), 201);
        expectStatus(await srv.api('POST', '/contacts', { ...auth, body: { name: 'Ann', company: 'Acme' } }), 201);
        await srv.stop();
        sqlRows(a, `UPDATE jobs SET notes = CAST(X'66FF6F' AS TEXT) WHERE id IN (${jobs[0].id}, ${jobs[1].id});
            UPDATE jobs SET title = CAST(X'4A6F62C3' AS TEXT), tech_stack = CAST(X'5B22476FFF225D' AS TEXT) WHERE id = ${jobs[1].id};
            UPDATE applications SET notes = CAST(X'6E6FC0AF74' AS TEXT) WHERE id = ${app.id}`);
        const tables = sqliteTables(a).filter((t) => t !== 'score_changes');

        // by default: nothing committed, every place named, the option told, exit 1
        const pg = freshDatabase(tmp, { empty: true });
        const refused = copilot(a, ['copy-db', '--to', pg]);
        assert.equal(refused.status, 1);
        assert.equal(refused.stdout, '');
        const lines = refused.stderr.trimEnd().split('\n');
        assert.deepEqual(lines.slice(0, -1).sort(), [
            `copilot copy-db: applications (id ${app.id}), column notes: not valid UTF-8`,
            `copilot copy-db: jobs (id ${jobs[0].id}), column notes: not valid UTF-8`,
            `copilot copy-db: jobs (id ${jobs[1].id}), column notes: not valid UTF-8`,
            `copilot copy-db: jobs (id ${jobs[1].id}), column tech_stack: not valid UTF-8`,
            `copilot copy-db: jobs (id ${jobs[1].id}), column title: not valid UTF-8`,
        ]);
        assert.match(lines.at(-1), /^copilot copy-db: 5 values are not valid UTF-8 \(jobs 4, applications 1\); nothing was copied: --replace-invalid-utf8 /);
        assert.ok(Object.values(counts(pg, tables)).every((n) => n === 0), 'the target holds no row');

        // --replace-invalid-utf8: copied with U+FFFD for each invalid byte, counted per table
        // and column; every other value as it was
        const fixed = copilot(a, ['copy-db', '--to', pg, '--replace-invalid-utf8']);
        assert.equal(fixed.status, 0, fixed.stderr);
        assert.equal(fixed.stderr, '');
        const out = fixed.stdout.split('\n');
        assert.match(out[0], /^copied \d+ rows of \d+ tables in [\d.]+ s$/);
        // the columns in the target's catalogue order
        const sorted = (line) => line.replace(/\((.*)\)$/, (_, cols) => `(${cols.split(', ').sort().join(', ')})`);
        assert.deepEqual(out.slice(1).map(sorted), [
            'replaced invalid UTF-8 with U+FFFD in 4 values of jobs (notes 2, tech_stack 1, title 1)',
            'replaced invalid UTF-8 with U+FFFD in 1 value of applications (notes 1)',
            '',
        ]);
        assert.deepEqual(counts(pg, tables), counts(a, tables));
        const hex = (url, fn) => sqlRows(url, `SELECT id, ${fn('title')}, ${fn('notes')}, ${fn('company')} FROM jobs ORDER BY id`);
        const want = sqlRows(a, 'SELECT id, hex(title), hex(notes), hex(company) FROM jobs ORDER BY id')
            .map(([id, ...cells]) => [id, ...cells.map((h) => h
                .replace(/^66FF6F$/, '66EFBFBD6F').replace(/^4A6F62C3$/, '4A6F62EFBFBD'))]);
        assert.deepEqual(hex(pg, (c) => `upper(encode(convert_to(${c}, 'UTF8'), 'hex'))`), want);
        assert.deepEqual(sqlRows(pg, `SELECT tech_stack::text FROM jobs WHERE id = ${jobs[1].id}`), [['["Go\uFFFD"]']]);
        assert.equal(sqlRows(pg, `SELECT notes FROM applications WHERE id = ${app.id}`)[0][0], 'no\uFFFD\uFFFDt');
        // the export reads the source's invalid bytes as U+FFFD too (src/model/table.c): the same
        const id = Number(sqlRows(a, `SELECT id FROM users WHERE username = '${u.username}'`)[0][0]);
        assert.deepEqual(exportOf(pg, id), exportOf(a, id));
    });

    test('a NUL byte inside text: copied exactly to SQLite, refused with its place named to PostgreSQL', { timeout: 120000 }, async () => {
        // SQLite keeps a NUL byte raw SQL puts inside TEXT (no API path stores one: JSON refuses
        // \u0000, the CSV import refuses the row); it used to be bound as a C string and so
        // cut there. PostgreSQL text cannot hold it (docs/decisions.md "copy-db and NUL bytes").
        const a = `sqlite:${path.join(tmp, 'nul.db')}`;
        const srv = await serve(a);
        const u = await registerUser(srv);
        const auth = { token: u.token };
        const jobs = [];
        for (let j = 0; j < 2; j++) jobs.push(expectStatus(await srv.api('POST', '/jobs', { ...auth, body: jobBody({ notes: `note ${j}` }) }), 201));
        await srv.stop();
        sqlRows(a, `UPDATE jobs SET notes = CAST(X'610062' AS TEXT), description = CAST(X'00' AS TEXT) WHERE id = ${jobs[0].id}`);
        const hexes = (url) => sqlRows(url, 'SELECT id, hex(notes), hex(description), length(CAST(notes AS BLOB)) FROM jobs ORDER BY id');
        assert.deepEqual(hexes(a)[0].slice(1), ['610062', '00', '3']);

        // SQLite to SQLite: byte for byte, the bytes after the NUL too
        const b = `sqlite:${path.join(tmp, 'nul-copy.db')}`;
        const same = copilot(a, ['copy-db', '--to', b]);
        assert.equal(same.status, 0, same.stderr);
        assert.deepEqual(hexes(b), hexes(a));

        // to PostgreSQL: refused, each place named, nothing committed, with the option too
        const tables = sqliteTables(a).filter((t) => t !== 'score_changes');
        const pg = freshDatabase(tmp, { empty: true });
        for (const extra of [[], ['--replace-invalid-utf8']]) {
            const refused = copilot(a, ['copy-db', '--to', pg, ...extra]);
            assert.equal(refused.status, 1, refused.stdout);
            assert.equal(refused.stdout, '');
            const lines = refused.stderr.trimEnd().split('\n');
            assert.deepEqual(lines.slice(0, -1).sort(), [
                `copilot copy-db: jobs (id ${jobs[0].id}), column description: holds a NUL byte, which PostgreSQL text cannot hold`,
                `copilot copy-db: jobs (id ${jobs[0].id}), column notes: holds a NUL byte, which PostgreSQL text cannot hold`,
            ]);
            assert.match(lines.at(-1), /^copilot copy-db: 2 values hold a NUL byte \(jobs 2\), which PostgreSQL text cannot hold; nothing was copied/);
            assert.ok(Object.values(counts(pg, tables)).every((n) => n === 0), 'the target holds no row');
        }
    });
});
