// Lists and search on a seeded user (issue 9): every filter with every sort the planner treats
// differently (a filter paired with the sort by an index of migration 0037, a date range, a
// large or small share of the rows, a nullable sort column, deep pages), and the search total,
// compared with a brute-force answer computed here from all of the user's rows. Two users are
// seeded so that each answer must leave the other's rows out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
    APPLICATION_STATUSES, ENGINE, expectStatus, jobBody, registerUser, sqlRows, startServer, today, withinOneDay,
} from './helpers.mjs';
import { jobsOf, ordered, searchMatches, twoServers, words } from './list_common.mjs';

let srv;
let token;
let userId;
let jobs;
let apps;

async function get(p) {
    return expectStatus(await srv.api('GET', p, { token }), 200);
}

/* Every row of a list, a page of 100 at a time in id order (sort=created_at ties by id). */
async function all(collection) {
    const out = [];
    for (let offset = 0; ; offset += 100) {
        const page = await get(`${collection}?limit=100&offset=${offset}&sort=created_at`);
        out.push(...page.items);
        if (page.items.length < 100) return out;
    }
}

/* Asserts the list route answers query with the rows matching keep, in sort order, on the
 * first page and on a deeper one. */
async function check(collection, rows, query, keep, sort) {
    const expected = ordered(rows.filter(keep), sort).map((r) => r.id);
    for (const [limit, offset] of [[20, 0], [7, 30], [10, 150]]) {
        const body = await get(`${collection}?${query}&sort=${sort}&limit=${limit}&offset=${offset}`);
        assert.equal(body.total, expected.length, `${collection}?${query}&sort=${sort}: total`);
        assert.deepEqual(body.items.map((r) => r.id), expected.slice(offset, offset + limit),
            `${collection}?${query}&sort=${sort}&limit=${limit}&offset=${offset}`);
    }
}

describe('lists and search against a brute-force answer (seeded data)', () => {
    before(async () => {
        srv = await startServer();
        srv.cli(['seed', '--users', '2', '--jobs', '1800', '--applications', '800', '--seed', '41']); // 900 and 400 each
        const login = await srv.api('POST', '/auth/login', { body: { username: 's41_user001', password: 'password123' } });
        token = expectStatus(login, 200).access_token;
        userId = (await get('/users/me')).id;
        jobs = await all('/jobs');
        apps = await all('/applications');
        assert.equal(jobs.length, 900);
        assert.equal(apps.length, 400);
    });
    after(async () => srv && srv.stop());

    const jobSorts = ['-created_at', 'created_at', '-salary_max', 'company', '-date_applied', 'status'];
    const jobFilters = [
        ['status=applied', (j) => j.status === 'applied'],
        ['status=not_applied', (j) => j.status === 'not_applied'],
        ['company=hOOLI', (j) => j.company.toLowerCase() === 'hooli'],
        ['source=linkedin', (j) => j.source === 'linkedin'],
        ['job_type=contract', (j) => j.job_type === 'contract'],
        ['status=applied&source=indeed', (j) => j.status === 'applied' && j.source === 'indeed'],
        ['company=Hooli&status=not_applied', (j) => j.company === 'Hooli' && j.status === 'not_applied'],
    ];
    for (const [query, keep] of jobFilters) {
        test(`GET /jobs?${query} in every planned sort`, async () => {
            assert.ok(jobs.some(keep), `the seed has jobs matching ${query}`);
            for (const sort of jobSorts) await check('/jobs', jobs, query, keep, sort);
        });
    }

    // one instant for every date of these filters: the query and the brute-force predicate must
    // name the same day even when the run crosses UTC midnight between the two
    const defined = Date.now();
    const day = (n) => new Date(defined - n * 86400000).toISOString().slice(0, 10);
    const appSorts = ['-created_at', 'created_at', '-applied_date', 'applied_date', 'follow_up_date', '-follow_up_date'];
    const appFilters = [
        ['status=ghosted', (a) => a.status === 'ghosted'],
        ['status=offer', (a) => a.status === 'offer'],
        [`applied_from=${day(30)}`, (a) => a.applied_date !== null && a.applied_date >= day(30)],
        [`applied_to=${day(60)}`, (a) => a.applied_date !== null && a.applied_date <= day(60)],
        [`applied_from=${day(20)}&applied_to=${day(10)}`,
            (a) => a.applied_date !== null && a.applied_date >= day(20) && a.applied_date <= day(10)],
        [`follow_up_from=${day(10)}`, (a) => a.follow_up_date !== null && a.follow_up_date >= day(10)],
        [`follow_up_to=${day(30)}`, (a) => a.follow_up_date !== null && a.follow_up_date <= day(30)],
        [`applied_date=${day(15)}`, (a) => a.applied_date === day(15)],
        [`follow_up_date_from=${day(40)}&follow_up_to=${day(5)}`,
            (a) => a.follow_up_date !== null && a.follow_up_date >= day(40) && a.follow_up_date <= day(5)],
        [`status=rejected&applied_to=${day(40)}`,
            (a) => a.status === 'rejected' && a.applied_date !== null && a.applied_date <= day(40)],
    ];
    for (const [query, keep] of appFilters) {
        test(`GET /applications?${query} in every planned sort`, async () => {
            assert.ok(apps.some(keep), `the seed has applications matching ${query}`);
            for (const sort of appSorts) await check('/applications', apps, query, keep, sort);
        });
    }

    // PostgreSQL: seed leaves the counters it updated once per row compact (store_compact):
    // each takes no more pages than a fresh copy of its rows (a row version per update kept
    // 10x the pages, which every list's count read)
    test('seed leaves the per-user counters compact', { skip: ENGINE !== 'postgresql' && 'PostgreSQL only' }, () => {
        for (const table of ['job_counts', 'job_value_counts', 'application_counts', 'activity_days', 'salary_counts']) {
            const [[size, copy]] = sqlRows(srv.dbUrl,
                `CREATE TEMP TABLE fresh AS SELECT * FROM ${table}; SELECT pg_relation_size('${table}'), pg_relation_size('fresh')`);
            assert.ok(Number(size) <= Number(copy), `${table}: ${size} bytes, a fresh copy ${copy}`);
        }
    });

    // SQLite: the page of sort=±follow_up_date walks (user_id, follow_up_date, rowid) in order
    // (migration 0082); through an index with a column between the date and the rowid it sorted
    // every entry of each day it read, a cost that grows with the entries per day
    test('the follow-up date sorts read their dated rows in index order', { skip: ENGINE !== 'sqlite' && 'SQLite only (migration 0082)' }, () => {
        for (const dir of ['ASC', 'DESC']) {
            const plan = sqlRows(srv.dbUrl, 'EXPLAIN QUERY PLAN SELECT a.follow_up_date, a.id FROM applications a ' +
                `WHERE a.user_id = ${Number(userId)} AND a.follow_up_date IS NOT NULL ` +
                `ORDER BY a.follow_up_date ${dir}, a.id ${dir} LIMIT 20`).map((r) => r.join(' ')).join('\n');
            assert.match(plan, /applications_user_follow_up_sort_idx/, plan);
            assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
        }
    });

    // every nullable sort with an index (user_id, column, id) on PostgreSQL (list_spec.exact_sorts)
    // of the whole list, both directions: the values, then the NULLs by id, ties by id. On
    // PostgreSQL the first page's statement has its LIMIT in the text and is planned once for any
    // owner (exact_first_page in src/model/table.c): it switches to a generic plan after five
    // runs, so each first page is asked eight times, each answer the same, and never another
    // user's rows
    const exactSorts = [
        ['/applications', () => apps, ['applied_date', 'follow_up_date', 'interview_date', 'response_date']],
        ['/jobs', () => jobs, ['salary_max', 'date_applied']],
    ];
    for (const [collection, rowsOf, cols] of exactSorts) {
        for (const col of cols) {
            test(`GET ${collection}?sort=±${col}: every page the brute-force order, the first one eight times`, async () => {
                const rows = rowsOf();
                assert.ok(rows.some((r) => r[col] === null) && rows.some((r) => r[col] !== null),
                    `the seed has ${collection} rows with and without ${col}`);
                for (const sort of [col, `-${col}`]) {
                    const expected = ordered(rows, sort).map((r) => r.id);
                    for (let i = 0; i < 8; i++) {
                        const body = await get(`${collection}?sort=${sort}&limit=20`);
                        assert.equal(body.total, rows.length, `sort=${sort}: total`);
                        assert.deepEqual(body.items.map((r) => r.id), expected.slice(0, 20), `sort=${sort}: first page, run ${i + 1}`);
                    }
                    // a page across the border between the values and the NULLs, and deeper ones
                    const border = rows.filter((r) => r[col] !== null).length;
                    for (const [limit, offset] of [[7, 30], [10, 150], [20, Math.max(0, border - 10)], [20, border]]) {
                        const body = await get(`${collection}?sort=${sort}&limit=${limit}&offset=${offset}`);
                        assert.deepEqual(body.items.map((r) => r.id), expected.slice(offset, offset + limit),
                            `${collection}?sort=${sort}&limit=${limit}&offset=${offset}`);
                    }
                }
            });
        }
    }

    /* Asserts that each part of table's sorts by the columns of indexes (the values, then the
     * NULLs, which name the column before the id), in both directions, walks the column's index
     * in order without a sort: as the owner's literal, or prepared and explained as the generic
     * plan (what a statement planned once for any owner keeps). Sequential scans are off so that
     * the plan shows which index gives the order at this size. */
    function assertPartsInIndexOrder(table, indexes, { generic = false, scan = 'Index Only Scan' } = {}) {
        for (const [col, index] of Object.entries(indexes)) {
            for (const dir of ['ASC', 'DESC']) {
                for (const part of ['IS NOT NULL', 'IS NULL']) {
                    const select = `SELECT id FROM ${table} WHERE user_id = ${generic ? '$1' : Number(userId)} ` +
                        `AND ${col} ${part} ORDER BY ${col} ${dir}, id ${dir} LIMIT 20`;
                    const plan = sqlRows(srv.dbUrl, 'SET enable_seqscan = off; ' + (generic
                        ? `SET plan_cache_mode = force_generic_plan; PREPARE part(bigint) AS ${select}; EXPLAIN EXECUTE part(${Number(userId)})`
                        : `EXPLAIN ${select}`)).map((r) => r.join(' ')).join('\n');
                    if (generic) assert.match(plan, /\$1/, `a generic plan: ${plan}`);
                    assert.match(plan, new RegExp(`${scan}.* using ${index}`), plan);
                    assert.doesNotMatch(plan, /Sort/, plan);
                }
            }
        }
    }

    // PostgreSQL: each part of sort=±interview_date and ±follow_up_date walks an index
    // (user_id, column, id) in order (migration 0083), so the first page's generic plan
    // (exact_sorts) suits any owner: 0011's index on (user_id, interview_date) had no id and
    // 0037's follow-up index has columns between the date and the id, so the planner sorted each
    // date's rows (Incremental Sort).
    test('the interview and follow-up date sorts read each part in index order', { skip: ENGINE !== 'postgresql' && 'PostgreSQL only (migration 0083)' }, () => {
        assertPartsInIndexOrder('applications',
            { interview_date: 'applications_user_interview_id_idx', follow_up_date: 'applications_user_follow_up_sort_idx' });
    });

    // PostgreSQL: the first page of the jobs sorted by ±salary_max or ±date_applied keeps a
    // generic plan (exact_sorts), planned for no owner in particular, so each of its parts must
    // read migration 0030's index (user_id, column, id) in order whatever the owner
    test('the salary and applied-date job sorts read each part in index order in a generic plan', { skip: ENGINE !== 'postgresql' && 'PostgreSQL only' }, () => {
        assertPartsInIndexOrder('jobs', { salary_max: 'jobs_user_salary_max_idx', date_applied: 'jobs_user_date_applied_idx' },
            { generic: true, scan: 'Index (Only )?Scan' });
    });

    const FINAL = ['accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'];
    /* The follow-ups against the brute-force answer over rows (every page of 9 and 20). */
    async function checkFollowUps(rows) {
        // what is due is the server's today against ours: both the same day (reads only)
        await withinOneDay(async () => {
            const final = new Set(FINAL);
            const due = rows.filter((a) => a.follow_up_date !== null && a.follow_up_date <= today() && !final.has(a.status));
            const expected = ordered(due, 'follow_up_date').map((a) => a.id);
            assert.ok(expected.length > 0, 'the seed has follow-ups due');
            for (const [limit, offset] of [[20, 0], [9, 11], [20, expected.length - 5], [20, expected.length]]) {
                const body = await get(`/applications/follow-ups?limit=${limit}&offset=${offset}`);
                assert.equal(body.total, expected.length);
                assert.deepEqual(body.items.map((a) => a.id), expected.slice(offset, offset + limit));
            }
        });
    }

    test('GET /applications/follow-ups: the open applications due by today, by date', async () => {
        await checkFollowUps(apps);
    });

    // the follow-ups are read from an index of the open applications (migration 0049): its
    // predicate names the final statuses of the pipeline, as the server's query does
    test('the index of open follow-ups leaves out exactly the final statuses', async () => {
        const def = ENGINE === 'sqlite'
            ? sqlRows(srv.dbUrl, "SELECT replace(sql, char(10), ' ') FROM sqlite_master WHERE name = 'applications_follow_up_open_idx'")[0][0]
            : sqlRows(srv.dbUrl, "SELECT indexdef FROM pg_indexes WHERE indexname = 'applications_follow_up_open_idx'")[0][0];
        const named = APPLICATION_STATUSES.filter((s) => new RegExp(`'${s}'`).test(def));
        assert.deepEqual(named, APPLICATION_STATUSES.filter((s) => FINAL.includes(s)), def);
    });

    test('GET /applications/board: each status its count and its newest applications', async () => {
        for (const perColumn of [7, 50]) {
            const board = await get(`/applications/board?per_column=${perColumn}`);
            assert.equal(board.total, apps.length);
            assert.deepEqual(board.columns.map((c) => c.status), APPLICATION_STATUSES);
            for (const column of board.columns) {
                const mine = apps.filter((a) => a.status === column.status);
                assert.equal(column.count, mine.length, `${column.status}: count`);
                const newest = ordered(mine, '-updated_at').slice(0, perColumn);
                assert.deepEqual(column.items, newest, `${column.status}: items (per_column ${perColumn})`);
            }
        }
    });

    // the last one is the user's id as a word: the owner's id in the SQLite index (migration
    // 0038) is no word of a job
    for (const word of ['kubernetes', 'payments go', 'KUBERN', 'hooli', 'user id']) {
        test(`GET /jobs?q=${word}: the total counts every match of this user, and only those`, async () => {
            const q = word === 'user id' ? String(userId) : word;
            const expected = jobs.filter((j) => searchMatches(j, q)).map((j) => j.id).sort((x, y) => x - y);
            assert.ok(expected.length > 0 || /^\d+$/.test(q), `the seed has jobs matching ${q}`);
            const walked = [];
            for (let offset = 0; ; offset += 100) {
                const page = await get(`/jobs?q=${encodeURIComponent(q)}&limit=100&offset=${offset}`);
                assert.equal(page.total, expected.length, `q=${q}: total (offset ${offset})`);
                walked.push(...page.items.map((j) => j.id));
                if (page.items.length < 100) break;
            }
            assert.deepEqual(walked.sort((x, y) => x - y), expected, `q=${q}: the pages hold the matches`);
            // and a count written the plain way, over the table itself, agrees
            const arg = q.toLowerCase().split(/\s+/);
            const plain = ENGINE === 'sqlite'
                ? `SELECT count(*) FROM jobs WHERE user_id = ${userId} AND id IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH '{title company description requirements} : (${arg.map((w) => `"${w}"*`).join(' ')})')`
                : `SELECT count(*) FROM jobs WHERE user_id = ${userId} AND search_vector @@ to_tsquery('simple', '${arg.map((w) => `${w}:*`).join(' & ')}')`;
            assert.equal(Number(sqlRows(srv.dbUrl, plain)[0][0]), expected.length, `q=${q}: a plain count`);
            // with a filter and another sort, the same rows less the filtered ones
            const applied = ordered(jobs.filter((j) => searchMatches(j, q) && j.status === 'applied'), '-salary_max');
            const body = await get(`/jobs?q=${encodeURIComponent(q)}&status=applied&sort=-salary_max&limit=10`);
            assert.equal(body.total, applied.length);
            assert.deepEqual(body.items.map((j) => j.id), applied.slice(0, 10).map((j) => j.id));
        });
    }

    // a word 7 of the user's 907 jobs hold: on PostgreSQL, whose planner would read the sort
    // index (or the status index paired with it) to its end for it, its pages come from the
    // full-text index and are sorted behind a fence (LIST_WALK_PER_MATCH); pages smaller than
    // the matches, so the sort of the matches decides which come first, in every sort and
    // direction (nullable ones in two parts)
    test('GET /jobs?q= a rare word: every sort and direction, pages smaller than the matches', async () => {
        const made = [];
        const salaries = [null, 90000, 120000, null, 120000, 70000, null];
        for (let i = 0; i < salaries.length; i++) {
            const body = jobBody({ description: `quokka ranch ${i}`, salary_min: salaries[i] === null ? null : 1000,
                salary_max: salaries[i], date_applied: i % 3 ? today(-i) : null, status: i % 2 ? 'applied' : 'interested' });
            made.push(expectStatus(await srv.api('POST', '/jobs', { token, body }), 201));
        }
        try {
            for (const sort of ['-created_at', 'created_at', '-salary_max', 'salary_max', '-date_applied', 'date_applied', 'company', '-status']) {
                const expected = ordered(made, sort).map((j) => j.id);
                for (const [limit, offset] of [[1, 0], [3, 0], [2, 3], [3, made.length - 2]]) {
                    const body = await get(`/jobs?q=quokka&sort=${sort}&limit=${limit}&offset=${offset}`);
                    assert.equal(body.total, made.length, `q=quokka&sort=${sort}: total`);
                    assert.deepEqual(body.items.map((j) => j.id), expected.slice(offset, offset + limit),
                        `q=quokka&sort=${sort}&limit=${limit}&offset=${offset}`);
                }
                // with a filter that has its own index paired with the sort (status)
                const applied = ordered(made.filter((j) => j.status === 'applied'), sort).map((j) => j.id);
                const body = await get(`/jobs?q=quokka&status=applied&sort=${sort}&limit=2&offset=1`);
                assert.equal(body.total, applied.length, `q=quokka&status=applied&sort=${sort}: total`);
                assert.deepEqual(body.items.map((j) => j.id), applied.slice(1, 3), `q=quokka&status=applied&sort=${sort}`);
            }
        } finally {
            for (const j of made) assert.equal((await srv.api('DELETE', `/jobs/${j.id}`, { token })).status, 204);
        }
    });

    // last: it changes the user's applications
    test('GET /applications/follow-ups after closing, reopening and moving due applications', async () => {
        const final = new Set(FINAL);
        const due = ordered(apps.filter((a) => a.follow_up_date !== null && a.follow_up_date <= today() && !final.has(a.status)), 'follow_up_date');
        const patch = async (id, body, query = '') =>
            expectStatus(await srv.api('PATCH', `/applications/${id}${query}`, { token, body }), 200);
        await patch(due[0].id, { status: 'withdrawn' });         // closed: leaves the follow-ups
        await patch(due[1].id, { follow_up_date: today(-400) }); // due earlier: first of all
        await patch(due[2].id, { follow_up_date: today(5) });    // not due yet
        const closed = apps.find((a) => final.has(a.status));
        assert.ok(closed, 'the seed has a closed application');
        await patch(closed.id, { follow_up_date: today(-3) });                         // closed, due
        await patch(closed.id, { status: closed.previous_status || 'applied' }, '?force=true'); // reopened
        const now = await all('/applications');
        await checkFollowUps(now);
        // the date ranges see the same rows
        const to = today(-30); // once: the query and the predicate name the same day
        const keep = (a) => a.follow_up_date !== null && a.follow_up_date <= to;
        await check('/applications', now, `follow_up_to=${to}`, keep, '-created_at');
    });

    // On SQLite a date range sorted by created_at walks the created_at index from a bound, the
    // newest (oldest) created_at of the range's days (days_bound in src/model/table.c, index of
    // migration 0052): rows whose dates do not follow their creation set that bound. The newest
    // applications get the oldest dates and the oldest one the newest date.
    test('date ranges sorted by created_at when dates do not follow creation', async () => {
        const used = new Set((await all('/applications')).map((a) => a.job_id));
        const free = jobs.filter((j) => !used.has(j.id)).slice(0, 3);
        assert.equal(free.length, 3, 'the seed has jobs without an application');
        for (const [i, job] of free.entries()) {
            expectStatus(await srv.api('POST', '/applications', {
                token, body: { job_id: job.id, status: 'applied', applied_date: today(-90 - i), follow_up_date: today(-70 + i) },
            }), 201);
        }
        const oldest = (await get('/applications?sort=created_at&limit=1')).items[0];
        expectStatus(await srv.api('PATCH', `/applications/${oldest.id}`, {
            token, body: { applied_date: today(-1), follow_up_date: today(2) },
        }), 200);
        const now = await all('/applications');
        const ranges = [
            [`applied_to=${day(60)}`, (a) => a.applied_date !== null && a.applied_date <= day(60)],
            [`applied_from=${day(5)}`, (a) => a.applied_date !== null && a.applied_date >= day(5)],
            [`applied_from=${day(95)}&applied_to=${day(85)}`,
                (a) => a.applied_date !== null && a.applied_date >= day(95) && a.applied_date <= day(85)],
            [`follow_up_to=${day(30)}`, (a) => a.follow_up_date !== null && a.follow_up_date <= day(30)],
            [`follow_up_from=${day(-1)}`, (a) => a.follow_up_date !== null && a.follow_up_date >= day(-1)],
        ];
        for (const [query, keep] of ranges) {
            assert.ok(now.some(keep), `applications match ${query}`);
            for (const sort of ['-created_at', 'created_at']) await check('/applications', now, query, keep, sort);
        }
    });
});

// A database where one user owns every job: on SQLite the search total is then counted from the
// words' lists alone (every owner's matches are this owner's; the counters tell that no one else
// has a job), and from the owner's list again as soon as someone else has one.
describe('search total when one user owns every job, then not', () => {
    let one;
    let oneToken;
    let oneJobs;
    const searches = ['kubernetes', 'payments go', 'KUBERN', 'hooli', 'zzzqqq'];

    async function getAs(tok, p) {
        return expectStatus(await one.api('GET', p, { token: tok }), 200);
    }
    /* Every job of tok's user, newest first (the default order of a search's page). */
    async function allJobs(tok) {
        const out = [];
        for (let offset = 0; ; offset += 100) {
            const page = await getAs(tok, `/jobs?limit=100&offset=${offset}&sort=created_at`);
            out.push(...page.items);
            if (page.items.length < 100) return out;
        }
    }
    /* Each search's total and first page for tok against the brute force over rows. */
    async function checkSearches(tok, rows, what) {
        for (const q of searches) {
            const expected = ordered(rows.filter((j) => searchMatches(j, q)), '-created_at').map((j) => j.id);
            const body = await getAs(tok, `/jobs?q=${encodeURIComponent(q)}&limit=20`);
            assert.equal(body.total, expected.length, `${what}: q=${q}: total`);
            assert.deepEqual(body.items.map((j) => j.id), expected.slice(0, 20), `${what}: q=${q}: page`);
        }
    }
    const owners = () => Number(sqlRows(one.dbUrl, 'SELECT count(DISTINCT user_id) FROM jobs')[0][0]);

    before(async () => {
        one = await startServer();
        one.cli(['seed', '--users', '1', '--jobs', '400', '--applications', '50', '--seed', '43']);
        const login = await one.api('POST', '/auth/login', { body: { username: 's43_user001', password: 'password123' } });
        oneToken = expectStatus(login, 200).access_token;
        oneJobs = await allJobs(oneToken);
        assert.equal(oneJobs.length, 400);
        assert.ok(oneJobs.some((j) => searchMatches(j, 'kubernetes')), 'the seed has jobs matching kubernetes');
    });
    after(async () => one && one.stop());

    test('the totals and pages of the only owner, of a second one, and of the only owner again', async () => {
        assert.equal(owners(), 1);
        await checkSearches(oneToken, oneJobs, 'one owner');
        // a second user with jobs matching some of the same words
        const other = await registerUser(one);
        const theirs = [];
        for (const description of ['kubernetes operator', 'Payments in Go', 'Kubernetes and hooli']) {
            const res = await one.api('POST', '/jobs', { token: other.token, body: jobBody({ description }) });
            theirs.push(expectStatus(res, 201));
        }
        assert.equal(owners(), 2);
        await checkSearches(oneToken, oneJobs, 'two owners, the first');
        await checkSearches(other.token, await allJobs(other.token), 'two owners, the second');
        assert.equal((await getAs(other.token, '/jobs?q=kubernetes')).total, 2);
        // their jobs deleted: one owner again
        for (const j of theirs)
            assert.equal((await one.api('DELETE', `/jobs/${j.id}`, { token: other.token })).status, 204);
        assert.equal(owners(), 1);
        await checkSearches(oneToken, oneJobs, 'one owner again');
        assert.equal((await getAs(other.token, '/jobs?q=kubernetes')).total, 0);
    });
});

// A search sorted by a nullable column, in both directions, against the brute force after
// random writes, edits and deletes by two users: the page is read in one part where the engine's
// own order already puts NULLs last (descending on SQLite, ascending on PostgreSQL:
// store_nulls_last) and in two parts (the values, then the NULLs) otherwise, and for a rare word
// on PostgreSQL each part from the full-text index behind a fence; all must give the values in
// order, then the NULLs by id in the sort's direction, ties by id, and pages across the border
// between the values and the NULLs.
describe('search in nullable sorts after random writes (two users)', () => {
    let srv2;
    const users = [];
    const sorts = ['-salary_max', 'salary_max', '-date_applied', 'date_applied', '-created_at', 'company'];
    // zebra: a word in 1 description of 10, so few match against the rows; on PostgreSQL its
    // pages come from the full-text index, sorted behind a fence (LIST_WALK_PER_MATCH)
    const searches = ['kubernetes', 'payments go', 'rust', 'zebra', 'zzzqqq'];

    /* A random job body: a searched description or not, a salary among a few values (ties) or
     * none, an application date or none. */
    function randomJob(rnd) {
        const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
        const salary = pick([null, null, 90000, 120000, 120000, 150000]);
        return jobBody({
            description: pick(['kubernetes operators', 'payments in Go', 'Rust and kubernetes', 'plain work', 'payments gone',
                'plain work', 'payments gone', 'kubernetes operators', 'plain work', 'zebra kubernetes']),
            salary_min: salary === null ? null : 50000,
            salary_max: salary,
            date_applied: pick([null, null, today(-3), today(-3), today(-40)]),
        });
    }

    before(async () => {
        srv2 = await startServer();
        let seed = 7;
        const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
        for (let u = 0; u < 2; u++) users.push({ ...(await registerUser(srv2)), rnd });
        const api = (user, method, path, body) => srv2.api(method, path, { token: user.token, body });
        // writes interleaved between the users: creates, then edits and deletes of random rows
        const ids = [[], []];
        for (let i = 0; i < 160; i++) {
            const u = i % 2;
            ids[u].push(expectStatus(await api(users[u], 'POST', '/jobs', randomJob(rnd)), 201).id);
        }
        for (let i = 0; i < 80; i++) {
            const u = i % 2;
            const id = ids[u][Math.floor(rnd() * ids[u].length)];
            const r = rnd();
            if (r < 0.25) {
                assert.equal((await api(users[u], 'DELETE', `/jobs/${id}`)).status, 204);
                ids[u] = ids[u].filter((x) => x !== id);
            } else {
                const edit = randomJob(rnd);
                delete edit.company;
                delete edit.title;
                expectStatus(await api(users[u], 'PATCH', `/jobs/${id}`, edit), 200);
            }
        }
    });
    after(async () => srv2 && srv2.stop());

    /* Every job of user, a page of 100 at a time in id order. */
    async function userJobs(user) {
        const rows = [];
        for (let offset = 0; ; offset += 100) {
            const page = expectStatus(await srv2.api('GET', `/jobs?limit=100&offset=${offset}&sort=created_at`, { token: user.token }), 200);
            rows.push(...page.items);
            if (page.items.length < 100) return rows;
        }
    }

    test('every search in every nullable sort and direction: totals and pages, across the NULLs', async () => {
        for (const user of users) {
            const rows = await userJobs(user);
            assert.ok(rows.some((j) => j.salary_max === null) && rows.some((j) => j.salary_max !== null));
            for (const q of searches) {
                const matches = rows.filter((j) => searchMatches(j, q));
                for (const sort of sorts) {
                    const col = sort.replace('-', '');
                    const expected = ordered(matches, sort).map((j) => j.id);
                    const firstNull = ordered(matches, sort).findIndex((j) => j[col] === null);
                    const pages = [[20, 0], [7, 30], [5, Math.max(0, firstNull - 2)], [50, 0]];
                    for (const [limit, offset] of pages) {
                        const path = `/jobs?q=${encodeURIComponent(q)}&sort=${sort}&limit=${limit}&offset=${offset}`;
                        const body = expectStatus(await srv2.api('GET', path, { token: user.token }), 200);
                        assert.equal(body.total, expected.length, `${path}: total`);
                        assert.deepEqual(body.items.map((j) => j.id), expected.slice(offset, offset + limit), path);
                    }
                    // and the list without a search, the same order over every row
                    const plain = ordered(rows, sort).map((j) => j.id);
                    const body = expectStatus(await srv2.api('GET', `/jobs?sort=${sort}&limit=30&offset=${Math.max(0, plain.length - 40)}`, { token: user.token }), 200);
                    assert.deepEqual(body.items.map((j) => j.id), plain.slice(Math.max(0, plain.length - 40), Math.max(0, plain.length - 40) + 30), `/jobs?sort=${sort}: the last pages`);
                }
            }
        }
    });

    // SQLite reads a search's matches once as a set of ids (store_sql_fulltext_ids) and fills a
    // page by walking the sort index while that reads at most LIST_WALK_PER_ID entries per
    // match, else from the words' lists again: every page of 5, first to last, so one search
    // crosses from one way to the other as its offset grows (and a nullable sort's two parts)
    test('every page of a search, first to last, in sorts of one part and of two', async () => {
        for (const user of users) {
            const rows = await userJobs(user);
            for (const q of ['kubernetes', 'payments go', 'zebra']) {
                const matches = rows.filter((j) => searchMatches(j, q));
                assert.ok(matches.length > 0, `some jobs match ${q}`);
                for (const sort of ['-created_at', 'salary_max', '-salary_max']) {
                    const expected = ordered(matches, sort).map((j) => j.id);
                    for (let offset = 0; offset <= expected.length; offset += 5) {
                        const path = `/jobs?q=${encodeURIComponent(q)}&sort=${sort}&limit=5&offset=${offset}`;
                        const body = expectStatus(await srv2.api('GET', path, { token: user.token }), 200);
                        assert.equal(body.total, expected.length, `${path}: total`);
                        assert.deepEqual(body.items.map((j) => j.id), expected.slice(offset, offset + 5), path);
                    }
                }
            }
        }
    });
});

// The board (GET /applications/board) reads each status's newest applications from the index
// (user_id, status, updated_at, id) of migration 0051: one LATERAL arm per counter row on
// PostgreSQL, one statement per status on SQLite. After random moves between statuses (every
// allowed transition, finals reopened), edits that only touch updated_at, and many rows updated
// within the same second (ties on updated_at, broken by id), every column must be the
// brute-force answer over all of the user's applications, and the other user's rows absent.
describe('the board after random moves and ties (seeded data)', () => {
    let srv3;
    const users = [];
    const api = async (user, method, p, body) => srv3.api(method, p, { token: user.token, body });
    async function allApps(user) {
        const out = [];
        for (let offset = 0; ; offset += 100) {
            const page = expectStatus(await api(user, 'GET', `/applications?limit=100&offset=${offset}&sort=created_at`), 200);
            out.push(...page.items);
            if (page.items.length < 100) return out;
        }
    }
    async function checkBoard(user, what) {
        const rows = await allApps(user);
        for (const perColumn of [1, 3, 50]) {
            const board = expectStatus(await api(user, 'GET', `/applications/board?per_column=${perColumn}`), 200);
            assert.equal(board.total, rows.length, `${what}: total`);
            assert.equal(board.per_column, perColumn);
            assert.deepEqual(board.columns.map((c) => c.status), APPLICATION_STATUSES);
            for (const column of board.columns) {
                const mine = rows.filter((a) => a.status === column.status);
                assert.equal(column.count, mine.length, `${what}: ${column.status} count`);
                const newest = ordered(mine, '-updated_at').slice(0, perColumn);
                assert.deepEqual(column.items.map((a) => a.id), newest.map((a) => a.id),
                    `${what}: ${column.status} (per_column ${perColumn})`);
                // the same rows as the list's, with their job's title and company
                assert.deepEqual(column.items, newest, `${what}: ${column.status} rows`);
                assert.ok(column.items.every((a) => a.user_id === user.id && typeof a.job_title === 'string' && typeof a.company === 'string'));
            }
        }
        return rows;
    }

    before(async () => {
        srv3 = await startServer();
        srv3.cli(['seed', '--users', '2', '--jobs', '600', '--applications', '400', '--seed', '43']); // 200 each
        for (const username of ['s43_user001', 's43_user002']) {
            const login = await srv3.api('POST', '/auth/login', { body: { username, password: 'password123' } });
            const user = { token: expectStatus(login, 200).access_token };
            user.id = expectStatus(await api(user, 'GET', '/users/me'), 200).id;
            users.push(user);
        }
    });
    after(async () => srv3 && srv3.stop());

    test('every column is its newest applications in (updated_at, id) order', async () => {
        await checkBoard(users[0], 'seeded');
        const pipeline = expectStatus(await api(users[0], 'GET', '/applications/pipeline'), 200);
        let state = 43;
        const random = (n) => { state = (state * 1103515245 + 12345) % 2147483648; return state % n; };
        for (let round = 0; round < 3; round++) {
            const rows = await allApps(users[0]);
            // a burst of changes: most land in the same second as others (ties on updated_at)
            for (let i = 0; i < 60; i++) {
                const app = rows[random(rows.length)];
                const next = pipeline.transitions[app.status] || [];
                let res;
                if (random(4) === 0) {
                    res = await api(users[0], 'PATCH', `/applications/${app.id}`, { notes: `edit ${round}.${i}` });
                } else if (next.length) {
                    res = await api(users[0], 'PATCH', `/applications/${app.id}`, { status: next[random(next.length)] });
                } else {
                    // a final state reopened to the state it came from
                    const current = expectStatus(await api(users[0], 'GET', `/applications/${app.id}`), 200);
                    res = current.previous_status
                        ? await api(users[0], 'PATCH', `/applications/${app.id}?force=true`, { status: current.previous_status })
                        : await api(users[0], 'PATCH', `/applications/${app.id}`, { notes: `edit ${round}.${i}` });
                }
                const body = expectStatus(res, 200);
                Object.assign(app, body);
            }
            const after = await checkBoard(users[0], `round ${round}`);
            const seconds = new Map();
            for (const a of after) seconds.set(a.updated_at, (seconds.get(a.updated_at) || 0) + 1);
            assert.ok([...seconds.values()].some((n) => n >= 3), `round ${round}: rows tie on updated_at`);
        }
        // the other user's board is untouched by all of it, and holds none of these rows
        await checkBoard(users[1], 'the other user');
    });
});

// A total that reads its matches (a search, `company=`, a search beside other filters) is kept in
// memory with the owner's data version (src/model/list_totals.c; on SQLite with the search's set
// of ids, which the page asks) and counted again only once the version moved. Two servers on one
// database: every total and first page each gives, after writes through the other server and raw
// SQL (each searched and filtered column, the owner moved, deletes, a write rolled back), equals
// the brute force, on both engines.
describe('kept totals after writes through another server and raw SQL', () => {
    let a, b, dbUrl, user, other;
    const searches = ['kubernetes', 'payments go', 'hoo', 'KUBERN', 'zzzqqq'];
    /* the lists whose totals are kept: a search alone, a filter the counters do not hold, a
     * search beside filters (those the counters hold, and not) */
    const lists = [
        ...searches.map((q) => ({ q })),
        { company: 'hooli' }, { company: 'HOOPLA' }, { company: 'Co 1' },
        { q: 'kubernetes', status: 'applied' }, { q: 'payments', source: 'linkedin' },
        { q: 'kubernetes', company: 'Hooli' }, { company: 'hooli', status: 'interview' },
        { q: 'go', job_type: 'contract', remote_option: 'remote' },
    ];
    function listMatches(j, list) {
        for (const [k, v] of Object.entries(list)) {
            if (k === 'q' ? !searchMatches(j, v)
                : k === 'company' ? (j.company || '').toLowerCase() !== v.toLowerCase() : j[k] !== v) return false;
        }
        return true;
    }

    /* Each search of each user on both servers against the brute force, twice (the second one
     * answered from a kept total where one is kept). */
    async function checkAll(what) {
        for (const who of [user, other]) {
            const rows = await jobsOf(a, who.token);
            for (const list of lists) {
                const query = new URLSearchParams(list).toString();
                const expected = ordered(rows.filter((j) => listMatches(j, list)), '-created_at').map((j) => j.id);
                for (const srvX of [a, b, a, b]) {
                    const body = expectStatus(await srvX.api('GET', `/jobs?${query}&limit=5`, { token: who.token }), 200);
                    assert.equal(body.total, expected.length, `${what}: ${query}: total`);
                    assert.deepEqual(body.items.map((j) => j.id), expected.slice(0, 5), `${what}: ${query}: page`);
                }
            }
        }
    }

    before(async () => {
        ({ a, b, dbUrl, user, other } = await twoServers());
        const texts = ['kubernetes operator', 'Payments in Go', 'Kubernetes and hooli', 'plain text',
            'go payments team', 'kubernetes', 'Hooli payments'];
        const sources = ['linkedin', 'indeed', 'manual'];
        for (const [i, description] of texts.entries()) {
            const extra = { source: sources[i % 3], job_type: i % 2 ? 'contract' : 'full-time', remote_option: i % 3 ? 'remote' : 'onsite' };
            expectStatus(await a.api('POST', '/jobs', { token: user.token, body: jobBody({ description, company: `Co ${i}`, ...extra }) }), 201);
            expectStatus(await a.api('POST', '/jobs', { token: user.token, body: jobBody({ description, company: i % 2 ? 'Hooli' : 'hOOLI', ...extra }) }), 201);
            if (i % 2) expectStatus(await a.api('POST', '/jobs', { token: other.token, body: jobBody({ description, company: 'Hooli' }) }), 201);
        }
    });
    after(async () => {
        if (b) await b.stop();
        if (a) await a.stop();
    });

    test('every total and page after each kind of write', async () => {
        await checkAll('seeded');
        const mine = await jobsOf(a, user.token);
        const created = expectStatus(await b.api('POST', '/jobs', { token: user.token, body: jobBody({ description: 'more kubernetes' }) }), 201);
        await checkAll('a job added through the other server');
        for (const [field, value] of [['description', 'nothing here'], ['title', 'Kubernetes lead'],
            ['company', 'Hoopla'], ['requirements', 'payments and go']]) {
            expectStatus(await b.api('PATCH', `/jobs/${mine[0].id}`, { token: user.token, body: { [field]: value } }), 200);
            await checkAll(`${field} changed through the other server`);
        }
        expectStatus(await b.api('PATCH', `/jobs/${mine[1].id}`, { token: user.token, body: { notes: 'kubernetes' } }), 200);
        await checkAll('a column no search reads changed');
        assert.equal((await b.api('DELETE', `/jobs/${created.id}`, { token: user.token })).status, 204);
        await checkAll('a job deleted through the other server');
        for (const [field, value] of [['status', 'applied'], ['source', 'linkedin'], ['job_type', 'contract'],
            ['remote_option', 'remote'], ['company', 'HOOLI']]) {
            expectStatus(await b.api('PATCH', `/jobs/${mine[5].id}`, { token: user.token, body: { [field]: value } }), 200);
            await checkAll(`${field} changed through the other server`);
        }
        sqlRows(dbUrl, `UPDATE jobs SET description = 'kubernetes payments go' WHERE id = ${mine[2].id}`);
        await checkAll('description changed by raw SQL');
        sqlRows(dbUrl, `UPDATE jobs SET company = 'Hooli' WHERE id = ${mine[6].id}`);
        await checkAll('company changed by raw SQL');
        sqlRows(dbUrl, `UPDATE jobs SET status = 'interview' WHERE user_id = ${user.user.id} AND lower(company) = 'hooli'`);
        await checkAll('status changed by raw SQL');
        sqlRows(dbUrl, `UPDATE jobs SET source = 'linkedin', job_type = 'contract', remote_option = 'remote' WHERE id = ${mine[7].id}`);
        await checkAll('source, job type and remote option changed by raw SQL');
        sqlRows(dbUrl, `INSERT INTO jobs (user_id, company, title, description, source, status) SELECT user_id, 'hooli', title, 'kubernetes payments go', 'linkedin', 'applied' FROM jobs WHERE id = ${mine[8].id}`);
        await checkAll('a job inserted by raw SQL');
        sqlRows(dbUrl, `UPDATE jobs SET user_id = ${other.user.id} WHERE id = ${mine[3].id}`);
        await checkAll('a job moved to another owner by raw SQL');
        sqlRows(dbUrl, `BEGIN; DELETE FROM jobs WHERE id = ${mine[4].id}; ROLLBACK;`);
        await checkAll('a delete rolled back');
        sqlRows(dbUrl, `DELETE FROM jobs WHERE user_id = ${user.user.id} AND description LIKE '%ayments%'`);
        await checkAll('jobs deleted by raw SQL');
    });
});

// Prefix searches against the brute force: on PostgreSQL a prefix covering 1 to 3 words of the
// vectors is asked of the GIN index as those words (jobs_search_query, migration 0062), so the
// words must follow every write (texts written through the API and by raw SQL, a job moved to
// another owner, jobs deleted, the words of deleted jobs kept). Random queries of one or two
// prefixes of every length, pages of a few matches (chosen from jobs_search in created_at order)
// and of many (the walk), many rows tied on created_at.
describe('prefix searches against the brute force after writes and raw SQL', () => {
    let srv3, dbUrl, mine, theirs;
    const vocabulary = ['go', 'golang', 'gopher', 'good', 'google', 'goal', 'gone', 'go-live',
        'payments', 'payment', 'pay', 'paypal', 'kubernetes', 'kube', 'kubelet', 'rust', 'rusty',
        'zebra', 'zeal', 'alpha', 'alpine', 'alps', 'plain', 'work'];
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
    const text = (n) => Array.from({ length: n }, () => pick(vocabulary)).join(' ');
    const fixed = ['go', 'g', 'payments go', 'gop', 'gopherine', 'pay go', 'kube', 'z', 'al', 'go live',
        'goo', 'payment', 'zzzqqq', 'alp work', 'rus kube'];

    async function checkAll(what) {
        const queries = [...fixed];
        for (let i = 0; i < 25; i++) {
            const n = 1 + Math.floor(rnd() * 2);
            queries.push(Array.from({ length: n }, () => {
                const w = pick(vocabulary).replace('-', '');
                return w.slice(0, 1 + Math.floor(rnd() * w.length));
            }).join(' '));
        }
        for (const user of [mine, theirs]) {
            const rows = await jobsOf(srv3, user.token);
            for (const q of queries) {
                for (const sort of ['-created_at', 'created_at']) {
                    const expected = ordered(rows.filter((j) => searchMatches(j, q)), sort).map((j) => j.id);
                    for (const [limit, offset] of [[20, 0], [7, 7], [5, 30]]) {
                        const body = expectStatus(await srv3.api('GET',
                            `/jobs?q=${encodeURIComponent(q)}&sort=${sort}&limit=${limit}&offset=${offset}`, { token: user.token }), 200);
                        assert.equal(body.total, expected.length, `${what}: q=${q}&sort=${sort}: total`);
                        assert.deepEqual(body.items.map((j) => j.id), expected.slice(offset, offset + limit),
                            `${what}: q=${q}&sort=${sort}&limit=${limit}&offset=${offset}`);
                    }
                }
            }
        }
    }

    before(async () => {
        srv3 = await startServer();
        dbUrl = srv3.dbUrl;
        mine = await registerUser(srv3);
        theirs = await registerUser(srv3);
        for (let i = 0; i < 260; i++) {
            const user = i % 6 === 5 ? theirs : mine;
            // most descriptions plain, so that most words match a few jobs
            const description = rnd() < 0.7 ? `plain work ${text(1)}` : text(2 + Math.floor(rnd() * 3));
            // no generated names (hex such as 1e5a reads as a number and a word in PostgreSQL)
            const company = pick(['Acme', 'Hooli', 'Initech']);
            expectStatus(await srv3.api('POST', '/jobs', { token: user.token, body: jobBody({ description, title: `${text(1)} ${i}`, company }) }), 201);
        }
        // ties: a job in three takes the creation time of its owner's oldest job
        sqlRows(dbUrl, 'UPDATE jobs SET created_at = (SELECT MIN(j2.created_at) FROM jobs j2 WHERE j2.user_id = jobs.user_id) WHERE id % 3 = 0');
    });
    after(async () => srv3 && srv3.stop());

    test('totals and pages of random prefixes, both directions, before and after writes', async () => {
        await checkAll('created');
        const ids = (await jobsOf(srv3, mine.token)).map((j) => j.id);
        for (const id of ids.slice(0, 12)) {
            expectStatus(await srv3.api('PATCH', `/jobs/${id}`, { token: mine.token, body: { description: `gopherine ${text(2)}` } }), 200);
        }
        await checkAll('descriptions with a new word through the API');
        // words no job had, by raw SQL: a prefix must now cover them
        sqlRows(dbUrl, `UPDATE jobs SET description = 'gooey payments', requirements = 'zealous alpinist' WHERE id % 7 = 1`);
        sqlRows(dbUrl, `UPDATE jobs SET title = 'Kubeflow lead' WHERE id % 11 = 2`);
        await checkAll('texts changed by raw SQL');
        sqlRows(dbUrl, `UPDATE jobs SET user_id = ${theirs.user.id} WHERE user_id = ${mine.user.id} AND id % 5 = 3`);
        await checkAll('jobs moved to the other owner by raw SQL');
        sqlRows(dbUrl, `DELETE FROM jobs WHERE description LIKE '%gooey%' AND id % 2 = 0`);
        assert.equal((await srv3.api('DELETE', `/jobs/${ids[0]}`, { token: mine.token })).status, 204);
        await checkAll('jobs deleted (their words kept)');
    });
});
