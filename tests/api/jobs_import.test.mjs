// POST /jobs/import: a JSON array or a CSV upload (text/csv body or multipart field `file`),
// answering {created, duplicates, errors:[{row, message}]}; CSV dialect details (quotes, CRLF,
// BOM, broken rows), de-duplication against own jobs and inside one import, isolation between
// users, an export → import round trip and a 10,000-row import (SPEC part B "Jobs").
//
// Row numbers: the SPEC does not say how `row` counts, so the tests accept the three usual
// conventions (0-based data row, 1-based data row, 1-based record including the CSV header).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    SLOW, UNDER_RUNNER, createJob, sqlRows, csvField, expectBadInput, expectError, expectStatus, parseCsv, registerUser, startServer,
} from './helpers.mjs';

/* Asserts an import summary and returns it. */
function expectSummary(res, { created, duplicates, errors }) {
    const body = expectStatus(res, 200);
    assert.equal(body.created, created, `created: ${JSON.stringify(body)}`);
    assert.equal(body.duplicates, duplicates, `duplicates: ${JSON.stringify(body)}`);
    assert.ok(Array.isArray(body.errors), 'errors array');
    assert.equal(body.errors.length, errors, `errors: ${JSON.stringify(body.errors)}`);
    for (const e of body.errors) {
        assert.ok(Number.isInteger(e.row), `row is an integer: ${JSON.stringify(e)}`);
        assert.equal(typeof e.message, 'string');
        assert.ok(e.message.length > 0);
    }
    return body;
}

/* The error rows must name the given 1-based data rows under one of the usual conventions. */
function expectErrorRows(body, dataRows, { csv }) {
    const got = body.errors.map((e) => e.row).sort((a, b) => a - b);
    const conventions = [dataRows.map((r) => r - 1), dataRows];
    if (csv) conventions.push(dataRows.map((r) => r + 1));
    assert.ok(conventions.some((c) => JSON.stringify(c) === JSON.stringify(got)),
        `error rows ${JSON.stringify(got)} should be one of ${JSON.stringify(conventions)}`);
}

describe('jobs import', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const importJson = (who, body) => srv.api('POST', '/jobs/import', { token: who.token, body });
    const importCsv = (who, text, opts = {}) => srv.api('POST', '/jobs/import', {
        token: who.token, raw: text, headers: { 'content-type': 'text/csv' }, timeout: opts.timeout,
    });
    const allJobs = async (who, query = '') => {
        const body = expectStatus(await srv.api('GET', `/jobs?limit=100&sort=title${query}`, { token: who.token }), 200);
        return body.items;
    };

    describe('JSON array', () => {
        test('valid rows created, invalid rows reported, duplicates counted', async () => {
            const existing = await createJob(srv, alice.token, { company: 'Existing Corp', title: 'Already Here', location: 'Oslo' });
            const rows = [
                { company: 'Json One', title: 'Imported A', location: 'Lyon', tech_stack: ['C'] },
                { company: 'Json Two', title: 'Imported B', salary_min: 1, salary_max: 2 },
                { company: 'Json Three' }, // no title
                { company: 'existing', title: 'Already Here', location: 'oslo' }, // duplicate of an own job
                { company: 'Json One, Inc.', title: 'Imported A', location: 'LYON' }, // duplicate inside the batch
                { company: 'Json Four', title: 'Imported C', job_type: 'gig' }, // bad enum
            ];
            const body = expectSummary(await importJson(alice, rows), { created: 2, duplicates: 2, errors: 2 });
            expectErrorRows(body, [3, 6], { csv: false });
            const titles = (await allJobs(alice, '&q=Imported')).map((j) => j.title);
            assert.deepEqual(titles, ['Imported A', 'Imported B']);
            const a = (await allJobs(alice, '&company=Json%20One'))[0];
            assert.deepEqual(a.tech_stack, ['C']);
            assert.equal(a.user_id, alice.user.id);
            assert.match(a.job_fingerprint, /^[0-9a-f]{64}$/);
            assert.ok((await allJobs(alice)).some((j) => j.id === existing.id));
        });

        test('duplicates by fingerprint and by URL key (either column), against own jobs, inside a batch and across batches', { timeout: 60000 * SLOW }, async () => {
            // the import looks a batch's duplicates up at once (job_keys_load): every kind of
            // duplicate must still be found, row by row, with the report in row order
            const who = await registerUser(srv);
            await createJob(srv, who.token, {
                company: 'Kept Co', title: 'Kept', location: null,
                application_url: 'https://jobs.example.com/a/1', source_url: 'https://feed.example.com/x/9',
            });
            const rows = [
                { company: 'Url Co', title: 'Url 1', application_url: 'http://jobs.example.com/a/1/' }, // own job's application URL
                { company: 'Url Co', title: 'Url 2', source_url: 'https://jobs.example.com/a/1?utm=x' }, // ... as a source URL
                { company: 'Url Co', title: 'Url 3', application_url: 'HTTPS://feed.example.com/x/9/' }, // own job's source URL as an application URL
                { company: 'Batch Co', title: 'In Batch', source_url: 'https://b.example.com/p/4' }, // created
                { company: 'Other Co', title: 'Other', application_url: 'https://b.example.com/p/4/' }, // row 4's URL, same batch
                { company: 'BATCH CO', title: 'IN BATCH' }, // row 4's fingerprint, same batch
                { company: 'No Title Co' }, // error
            ];
            for (let i = 8; i <= 1500; i++) rows.push({ company: `Fill Co ${i}`, title: `Fill ${i}` });
            rows.push({ company: 'Batch Co', title: 'In Batch' }); // 1501: row 4's fingerprint, an earlier batch
            rows.push({ company: 'Late Co', title: 'Late', application_url: 'https://b.example.com/p/4' }); // 1502: row 4's URL
            rows.push({ company: 'Late Co', title: 'Late 1', job_type: 'gig' }); // 1503: error
            rows.push({ company: 'Late Co', title: 'Late 2', source_url: 'https://c.example.com/z' }); // 1504: created
            rows.push({ company: 'Late Co', title: 'Late 3', source_url: 'http://c.example.com/z/#top' }); // 1505: row 1504's URL
            rows.push({ company: 'Fill Co 9', title: 'Fill 9' }); // 1506: row 9, an earlier batch
            const body = expectStatus(await importJson(who, rows), 200);
            assert.deepEqual(body, {
                created: 1495,
                duplicates: 9,
                errors: [
                    { row: 7, message: 'title is required', field: 'title' },
                    { row: 1503, message: 'job_type must be one of the allowed values', field: 'job_type' },
                ],
                ignored_columns: [],
            });
            const titles = sqlRows(srv.dbUrl,
                `SELECT title FROM jobs WHERE user_id = ${who.user.id} AND title NOT LIKE 'Fill %' ORDER BY id`).map((r) => r[0]);
            assert.deepEqual(titles, ['Kept', 'In Batch', 'Late 2']);
            // once more: every row is now a duplicate or an error
            const again = expectStatus(await importJson(who, rows), 200);
            assert.deepEqual(again, { ...body, created: 0, duplicates: 1504 });
        });

        test('a row the database refuses after validation is reported; the rows around it are kept (batch replay)', { timeout: 60000 * SLOW }, async () => {
            // fault injection: the schema refuses one title (a rule validation does not know),
            // so the row fails inside the database after the batch's earlier rows were written
            const who = await registerUser(srv);
            const refused = `Refused ${Date.now()}`;
            const refuse = srv.dbUrl.startsWith('sqlite:')
                ? [`CREATE TRIGGER import_fault BEFORE INSERT ON jobs WHEN NEW.title = '${refused}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`]
                : [`CREATE FUNCTION import_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.title = '${refused}' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$`,
                    'CREATE TRIGGER import_fault BEFORE INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION import_fault()'];
            for (const sql of refuse) sqlRows(srv.dbUrl, sql);
            try {
                // 1,500 rows: the refused one in the second batch (rows 1,001-1,500), then a
                // valid one, a duplicate of row 1 and a duplicate of a row created after it
                const rows = [];
                for (let i = 1; i <= 1500; i++) rows.push({ company: `Replay Co ${i}`, title: `Replay ${i}` });
                rows[1199] = { company: 'Replay Co refused', title: refused };
                rows.push({ company: 'Replay Co 1', title: 'Replay 1' });
                rows.push({ company: 'Replay Co 1499', title: 'Replay 1499' });
                const body = expectSummary(await importJson(who, rows), { created: 1499, duplicates: 2, errors: 1 });
                expectErrorRows(body, [1200], { csv: false });
                const list = expectStatus(await srv.api('GET', '/jobs?limit=1', { token: who.token }), 200);
                assert.equal(list.total, 1499);
                const [[stored, distinct, refusedRows]] = sqlRows(srv.dbUrl,
                    `SELECT count(*), count(DISTINCT title), count(*) FILTER (WHERE title = '${refused}') FROM jobs WHERE user_id = (SELECT id FROM users WHERE username = '${who.username}')`);
                assert.deepEqual([Number(stored), Number(distinct), Number(refusedRows)], [1499, 1499, 0]);
                // the kept counters agree with the rows (nothing of the rolled-back attempts)
                const [[counted]] = sqlRows(srv.dbUrl,
                    `SELECT sum(n) FROM job_counts WHERE user_id = (SELECT id FROM users WHERE username = '${who.username}')`);
                assert.equal(Number(counted), 1499);
            } finally {
                sqlRows(srv.dbUrl, 'DROP TRIGGER import_fault' + (srv.dbUrl.startsWith('sqlite:') ? '' : ' ON jobs'));
                if (!srv.dbUrl.startsWith('sqlite:')) sqlRows(srv.dbUrl, 'DROP FUNCTION import_fault()');
            }
        });

        test('an empty array imports nothing', async () => {
            expectSummary(await importJson(alice, []), { created: 0, duplicates: 0, errors: 0 });
        });

        test('rows of another user do not count as duplicates', async () => {
            const rows = [{ company: 'Json One', title: 'Imported A', location: 'Lyon' }];
            expectSummary(await importJson(bob, rows), { created: 1, duplicates: 0, errors: 0 });
            const mine = await allJobs(bob, '&q=Imported');
            assert.equal(mine.length, 1);
            assert.equal(mine[0].user_id, bob.user.id);
        });

        test('server-owned or unknown fields in a row make that row an error', async () => {
            const rows = [
                { company: 'Owned', title: 'Row Id', id: 1 },
                { company: 'Owned', title: 'Row User', user_id: bob.user.id },
                { company: 'Owned', title: 'Row Colour', colour: 'teal' },
                { company: 'Owned', title: 'Row Fine' },
            ];
            const body = expectSummary(await importJson(alice, rows), { created: 1, duplicates: 0, errors: 3 });
            expectErrorRows(body, [1, 2, 3], { csv: false });
            assert.equal((await allJobs(bob, '&company=Owned')).length, 0, 'nothing lands in bob\'s account');
        });

        test('a body that is not an array or a CSV is refused', async () => {
            expectBadInput(await importJson(alice, { company: 'Not', title: 'An Array' }));
            expectError(await srv.api('POST', '/jobs/import', { token: alice.token, raw: '[{"company":' }), 400, 'bad_request');
        });

        test('an unsupported content type → 415', async () => {
            const res = await srv.api('POST', '/jobs/import', { token: alice.token, raw: 'company,title\nA,B\n', headers: { 'content-type': 'text/plain' } });
            expectError(res, 415, 'unsupported_media_type');
        });

        test('import needs a token', async () => {
            expectError(await srv.api('POST', '/jobs/import', { body: [] }), 401, 'unauthorized');
        });
    });

    describe('CSV', () => {
        test('quoted fields, doubled quotes, CRLF, BOM, a broken row in the middle, duplicates', async () => {
            const user = await registerUser(srv);
            const csv = '\uFEFF' + [
                'company,title,location,description,salary_min,salary_max,job_type',
                '"Quoted, Comma Co",Importer One,"Berlin, Germany","He said ""hello"", then left",50000,60000,full-time',
                'Plain Co,Importer Two,Paris,"Multi\r\nline description",,,contract',
                ',Importer Three,Rome,no company here,,,',
                'Fourth Co,Importer Four,Oslo,,,,',
                'QUOTED COMMA,Importer One,berlin germany,same posting as row 1,,,',
                'Sixth Co,Importer Six,Lima,,,,gig',
                'Seventh Co,Importer Seven,Quito,"",,,',
            ].join('\r\n') + '\r\n';
            const body = expectSummary(await importCsv(user, csv), { created: 4, duplicates: 1, errors: 2 });
            expectErrorRows(body, [3, 6], { csv: true });
            const jobs = await allJobs(user);
            assert.deepEqual(jobs.map((j) => j.title), ['Importer Four', 'Importer One', 'Importer Seven', 'Importer Two']);
            const one = jobs.find((j) => j.title === 'Importer One');
            assert.equal(one.company, 'Quoted, Comma Co', 'the BOM must not spoil the first header');
            assert.equal(one.location, 'Berlin, Germany');
            assert.equal(one.description, 'He said "hello", then left');
            assert.equal(one.salary_min, 50000);
            assert.equal(one.salary_max, 60000);
            assert.equal(one.job_type, 'full-time');
            const two = jobs.find((j) => j.title === 'Importer Two');
            assert.match(two.description, /^Multi\r?\nline description$/);
            assert.equal(two.salary_min ?? null, null, 'an empty cell is null');
            assert.equal(two.job_type, 'contract');
        });

        test('LF line endings, no trailing newline, columns in any order', async () => {
            const user = await registerUser(srv);
            const csv = 'title,location,company\nLF Title,Bern,LF Co\nLF Title Two,Basel,LF Co';
            expectSummary(await importCsv(user, csv), { created: 2, duplicates: 0, errors: 0 });
            const jobs = await allJobs(user);
            assert.deepEqual(jobs.map((j) => `${j.company}/${j.title}/${j.location}`), ['LF Co/LF Title/Bern', 'LF Co/LF Title Two/Basel']);
        });

        // Never stored as sent (docs/decisions.md "copy-db and NUL bytes"): invalid UTF-8
        // would make answers and exports invalid, and a NUL byte used to cut the value there
        // silently (the cell read as a C string), a loss copy-db could not undo.
        test('a cell not valid UTF-8 or holding a NUL byte refuses its row, naming the column', async () => {
            const user = await registerUser(srv);
            const csv = Buffer.concat([Buffer.from('company,title,notes\r\nGood Co,Good Title,fine\r\nBad Co,Bad '),
                Buffer.from([0xff]), Buffer.from(' Title,x\r\nNul Co,Nul Title,before'), Buffer.from([0]), Buffer.from('after\r\n')]);
            const body = expectSummary(await importCsv(user, csv), { created: 1, duplicates: 0, errors: 2 });
            expectErrorRows(body, [2, 3], { csv: true });
            const [bad, nul] = [...body.errors].sort((a, b) => a.row - b.row);
            assert.match(bad.message, /title/);
            assert.match(nul.message, /notes.*NUL/);
            assert.deepEqual((await allJobs(user)).map((j) => j.title), ['Good Title']);
        });

        test('a header row alone imports nothing', async () => {
            expectSummary(await importCsv(alice, 'company,title,location\r\n'), { created: 0, duplicates: 0, errors: 0 });
        });

        test('a CSV without a title column creates nothing', async () => {
            const user = await registerUser(srv);
            const res = await importCsv(user, 'company,location\nNo Title Co,Bern\n');
            if (res.status === 200) assert.equal(res.body.created, 0);
            else expectError(res, 422, 'validation_failed');
            assert.equal((await allJobs(user)).length, 0);
        });

        test('an unterminated quote is reported, not a crash', async () => {
            const user = await registerUser(srv);
            const res = await importCsv(user, 'company,title\nGood Co,Good Title\n"Broken Co,Broken Title\n');
            if (res.status === 200) assert.ok(res.body.errors.length >= 1, JSON.stringify(res.body));
            else expectBadInput(res);
            expectStatus(await srv.request('GET', '/healthz'), 200);
        });

        test('a header row that cannot be read: 422, and no data row is read as the header', async () => {
            // before the thirty-third round the next record became the header: here the row
            // "company,title" was taken for it and "Beta Co,Eng" imported under it (200)
            const user = await registerUser(srv);
            const tooWide = 'company,title' + ',x'.repeat(100000);
            for (const text of [`${tooWide}\ncompany,title\nBeta Co,Eng\n`, `${tooWide}\nAcme,Dev\nBeta,Eng\n`,
                '"company,title\ncompany,title\nGamma Co,Ops\n']) {
                const res = await importCsv(user, text);
                expectError(res, 422, 'validation_failed');
                assert.match(res.body.error.message, /header row/);
            }
            assert.equal((await allJobs(user)).length, 0);
        });

        test('multipart upload with field "file"', async () => {
            const user = await registerUser(srv);
            const form = new FormData();
            form.append('file', new Blob(['company,title,location\r\nMultipart Co,Uploader,Turin\r\n'], { type: 'text/csv' }), 'jobs.csv');
            const res = await srv.api('POST', '/jobs/import', { token: user.token, raw: form });
            expectSummary(res, { created: 1, duplicates: 0, errors: 0 });
            assert.equal((await allJobs(user))[0].company, 'Multipart Co');
        });

        test('export as CSV imports back unchanged into another account', async () => {
            const source = await registerUser(srv);
            const target = await registerUser(srv);
            const jobs = [
                { company: 'Round "Trip" Co', title: 'Tripper, Senior', location: 'Line\nBreak', description: 'a, "b"\nc', salary_min: 5, salary_max: 6, job_type: 'contract', remote_option: 'remote', tech_stack: ['C', 'SQL'] },
                { company: 'Umlaut GmbH', title: 'Übersetzer', location: 'Köln' },
            ];
            for (const job of jobs) await createJob(srv, source.token, job);
            const exported = await srv.api('GET', '/jobs/export?format=csv', { token: source.token });
            expectStatus(exported, 200);
            const imported = await importCsv(target, exported.text);
            expectSummary(imported, { created: 2, duplicates: 0, errors: 0 });
            // session 37: every column of the export is a job field, those the server sets
            // (id, job_fingerprint, row_version, resume_id ...) ignored without a word; the
            // export's row_version and resume_id came back as ignored_columns
            assert.deepEqual(imported.body.ignored_columns, []);
            const before = await allJobs(source);
            const after = await allJobs(target);
            const keys = ['company', 'title', 'location', 'description', 'salary_min', 'salary_max', 'job_type', 'remote_option', 'tech_stack', 'job_fingerprint'];
            for (let i = 0; i < before.length; i++)
                for (const key of keys) assert.deepEqual(after[i][key], before[i][key], `${before[i].title}: ${key}`);
            // importing the same export again only finds duplicates
            expectSummary(await importCsv(target, exported.text), { created: 0, duplicates: 2, errors: 0 });
        });
    });

    // SPEC part E, issue 8 item 1: what a spreadsheet would run as a formula comes out of every
    // CSV export with a ' in front; JSON keeps the values as they are; a re-import restores them.
    describe('CSV export neutralises spreadsheet formulas', () => {
        const hostile = [
            '=HYPERLINK("http://evil.example/","x")',
            "+cmd|' /C calc'!A0",
            '@SUM(1+1)',
            '-2+3',
            '\t=1+1',
            '\r=1+1',
        ];

        test('imported formulas come back prefixed with a quote; numbers stay numbers', async () => {
            const user = await registerUser(srv);
            // through the CSV importer, as the probe did ...
            const lines = ['company,title,notes,salary_min'];
            hostile.forEach((value, i) => lines.push([csvField(value), csvField(`Title ${i}`), csvField('-5 years'), i * 1000].join(',')));
            expectSummary(await importCsv(user, lines.join('\r\n')), { created: hostile.length, duplicates: 0, errors: 0 });
            // ... and through JSON, with the formula in a field of every kind of text
            expectSummary(await importJson(user, [{ company: 'Plain Co', title: '=1+1', location: '@home', description: '-5 years', notes: "'=already quoted", tech_stack: ['=cmd'] }]),
                { created: 1, duplicates: 0, errors: 0 });
            const jobs = await allJobs(user);
            assert.ok(jobs.some((j) => j.company === hostile[0]), 'stored unchanged');

            const res = await srv.api('GET', '/jobs/export?format=csv', { token: user.token });
            expectStatus(res, 200);
            const rows = parseCsv(res.text);
            const header = rows[0];
            const col = (name) => header.indexOf(name);
            const byTitle = new Map(rows.slice(1).map((r) => [r[col('title')], r]));
            hostile.forEach((value, i) => {
                const row = byTitle.get(`Title ${i}`);
                assert.ok(row, `row ${i} exported`);
                assert.equal(row[col('company')], `'${value}`, `company ${JSON.stringify(value)}`);
                assert.equal(row[col('notes')], "'-5 years");
                assert.equal(row[col('salary_min')], String(i * 1000), 'a number is written as it is');
            });
            const plain = byTitle.get("'=1+1");
            assert.ok(plain, `the title =1+1 is written '=1+1: ${JSON.stringify([...byTitle.keys()])}`);
            assert.equal(plain[col('location')], "'@home");
            assert.equal(plain[col('description')], "'-5 years");
            assert.equal(plain[col('notes')], "''=already quoted", 'a value that starts with a quote gets one more');
            // no cell anywhere starts a formula
            for (const row of rows)
                for (const cell of row) assert.ok(!/^[=+\-@\t\r]/.test(cell), `cell ${JSON.stringify(cell)} starts a formula`);

            // JSON export: the values themselves
            const json = expectStatus(await srv.api('GET', '/jobs/export?format=json', { token: user.token }), 200);
            const list = Array.isArray(json) ? json : json.items;
            assert.ok(list.some((j) => j.company === hostile[0] && j.notes === '-5 years'));

            // the quote is taken off again on import: the round trip loses nothing
            const target = await registerUser(srv);
            expectSummary(await importCsv(target, res.text), { created: hostile.length + 1, duplicates: 0, errors: 0 });
            const back = await allJobs(target);
            for (const value of hostile) assert.ok(back.some((j) => j.company === value), `${JSON.stringify(value)} round trip`);
            const again = back.find((j) => j.title === '=1+1');
            assert.equal(again.location, '@home');
            assert.equal(again.description, '-5 years');
            assert.equal(again.notes, "'=already quoted");
            assert.deepEqual(again.tech_stack, ['=cmd']);
        });
    });

    // Under valgrind and friends (COPILOT_TEST_RUNNER) this takes far too long to be useful.
    describe('scale', { skip: UNDER_RUNNER && 'too slow under COPILOT_TEST_RUNNER' }, () => {
        let user;
        let csv;
        before(async () => {
            user = await registerUser(srv);
            const lines = ['company,title,location,description'];
            for (let i = 0; i < 10000; i++)
                lines.push([`Bulk Company ${i % 500}`, `Bulk Title ${i}`, `City ${i % 50}`, csvField(`Row ${i}, bulk`)].join(','));
            csv = lines.join('\r\n') + '\r\n';
        });

        /* PostgreSQL: the manual VACUUMs of the jobs table so far (pg_stat_user_tables counts
         * autovacuum apart), or null on SQLite. */
        const jobVacuums = () => srv.dbUrl.startsWith('sqlite:') ? null
            : Number(sqlRows(srv.dbUrl, "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'jobs'")[0][0]);
        /* the same for the manual ANALYZEs (a VACUUM (ANALYZE) counts in both) */
        const jobAnalyzes = () => srv.dbUrl.startsWith('sqlite:') ? null
            : Number(sqlRows(srv.dbUrl, "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'jobs'")[0][0]);

        test('a 10,000-row CSV imports in one request', { timeout: 60000 * SLOW }, async (t) => {
            const started = Date.now();
            const vacuums = jobVacuums();
            const analyzes = jobAnalyzes();
            expectSummary(await importCsv(user, csv, { timeout: 60000 }), { created: 10000, duplicates: 0, errors: 0 });
            // PostgreSQL: an import of 1,000 rows or more refreshes the planner's statistics and
            // merges the GIN pending list at once (VACUUM (ANALYZE) jobs (its filtered and
            // sorted columns); job_import.c): a column list naming a column jobs lacks would
            // fail the whole statement, and neither count would move
            if (vacuums !== null) assert.equal(jobVacuums(), vacuums + 1, 'the bulk import vacuumed jobs');
            if (analyzes !== null) assert.equal(jobAnalyzes(), analyzes + 1, 'the bulk import analysed jobs');
            // ... at statistics target 10 (REFRESH_STATS_TARGET: a tenth of the sample): 10
            // histogram buckets of jobs.id, 11 bounds, where the default target gives 101
            if (analyzes !== null) {
                const bounds = sqlRows(srv.dbUrl, "SELECT array_length(histogram_bounds::text::text[], 1) FROM pg_stats WHERE tablename = 'jobs' AND attname = 'id'");
                assert.equal(Number(bounds[0][0]), 11, 'the refresh sampled at target 10');
            }
            t.diagnostic(`10,000 rows imported in ${Date.now() - started} ms`);
            const list = expectStatus(await srv.api('GET', '/jobs?limit=1', { token: user.token }), 200);
            assert.equal(list.total, 10000);
            const others = expectStatus(await srv.api('GET', '/jobs?limit=1', { token: bob.token }), 200);
            assert.ok(others.total < 10, 'nothing leaks into other accounts');
        });

        test('importing the same 10,000 rows again finds only duplicates', { timeout: 60000 * SLOW }, async (t) => {
            const started = Date.now();
            const vacuums = jobVacuums();
            const analyzes = jobAnalyzes();
            expectSummary(await importCsv(user, csv, { timeout: 60000 }), { created: 0, duplicates: 10000, errors: 0 });
            if (vacuums !== null) assert.equal(jobVacuums(), vacuums, 'nothing created: no VACUUM');
            if (analyzes !== null) assert.equal(jobAnalyzes(), analyzes, 'nothing created: no ANALYZE');
            t.diagnostic(`10,000 duplicates checked in ${Date.now() - started} ms`);
            const again = expectStatus(await srv.api('GET', '/jobs?limit=1', { token: user.token }), 200);
            assert.equal(again.total, 10000);
        });
    });
});
