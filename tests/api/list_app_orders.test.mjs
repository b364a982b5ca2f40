// Kept orders of GET /applications (issue 9) against a brute-force answer, on two servers sharing
// one database, after writes through either server and by raw SQL. It was the last describe of
// list_plans.test.mjs; a file of its own so that node --test runs it beside the others.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { APPLICATION_STATUSES, expectStatus, jobBody, sqlRows } from './helpers.mjs';
import { appsOf, jobsOf, ordered, twoServers } from './list_common.mjs';

// Application lists keep their order too (migration 0064: application_list_versions, moved by
// triggers on every write of a filtered or sorted column, an insert, a delete, an owner change):
// a list whose total comes from the counters, sorted by one of the kept sorts and matching at
// most half of the owner's applications, reads its page as a slice of its ordered ids. Two
// servers on one database, each answer (both servers, twice: built, then kept) against a brute
// force after writes through the other server and by raw SQL to every filtered and sorted
// column. A kept order trusted without comparing the version fails it on both engines.
describe('kept application orders after writes through another server and raw SQL', () => {
    let a, b, dbUrl, user, other;
    const day = (n) => new Date(Date.UTC(2026, 0, 1) + n * 86400000).toISOString().slice(0, 10);
    // the counters' lists: a status, date ranges of applied_date and follow_up_date, none
    const lists = [{ status: 'ghosted' }, { status: 'applied' }, { status: 'offer' },
        { applied_to: day(20) }, { applied_from: day(30) }, { applied_from: day(10), applied_to: day(25) },
        { follow_up_to: day(15) }, { follow_up_from: day(35) }, {}];
    const sorts = ['-created_at', 'created_at', 'applied_date', '-applied_date', 'status', '-status',
        'follow_up_date', '-follow_up_date', '-interview_date', 'response_date', '-updated_at'];
    // The pages of each sort, on each server: three windows, the first read again at the end,
    // each answer (total and ids) against the brute force. Before, each server was asked twice
    // (a, b, a, b) for the pages [5,0], [3,2], [4,6] and [20,0] (limit, offset): its first page
    // built the order, the others and all of the second visit read it kept; nothing between the
    // two visits of a server touches its kept orders (the other server's reads write nothing),
    // so the second visit asked the same kept order the same questions, but for [5,0]. A page
    // read from a kept order is its slice of the kept ids, read by primary key and sorted by
    // SQL: a stale order shows only as wrong ids in a page whose edge falls inside what moved.
    // The windows [5,0], [8,2] and [14,6] cover positions 0-19 (every id of [20,0]) with the
    // edges 0, 2, 5, 6, 10 and 20 of the old pages, and each old page is made of them ([2,5) =
    // [0,5) and [2,10), [6,10) = [2,10) and [6,20), [0,20) their union): ids right in the three
    // windows are right in the four pages (docs/performance.md, "The API suites' CPU
    // (twenty-seventh round)"). The first window builds the order (which one rotates with the
    // check, the user, the list and the sort, so that it is built from each offset), the others
    // read it kept, and the first is read again kept: 8 requests for each sort instead of 16.
    const windows = [[5, 0], [8, 2], [14, 6]];
    let round = 0;
    let rows = 0;
    function matches(r, list) {
        for (const [k, v] of Object.entries(list)) {
            const col = k.startsWith('applied') ? 'applied_date' : k.startsWith('follow') ? 'follow_up_date' : k;
            const x = r[col];
            if (k.endsWith('_to') ? !(x !== null && x <= v) : k.endsWith('_from') ? !(x !== null && x >= v) : x !== v) return false;
        }
        return true;
    }

    /* the status sorts in the pipeline's order on both engines (PostgreSQL's enum type, SQLite's
     * position of migration 0092) */
    const byPipeline = (r) => ({ ...r, status: String(APPLICATION_STATUSES.indexOf(r.status)).padStart(2, '0') });

    async function checkAll(what) {
        round++;
        for (const [wi, who] of [user, other].entries()) {
            const apps = await appsOf(a, who.token);
            for (const [li, list] of lists.entries()) {
                const query = new URLSearchParams(list).toString();
                for (const [si, sort] of sorts.entries()) {
                    const expected = ordered(apps.filter((r) => matches(r, list)).map(byPipeline), sort).map((r) => r.id);
                    const first = (round + wi + li + si) % 3;
                    const pages = [...windows.slice(first), ...windows.slice(0, first), windows[first]];
                    for (const srvX of [a, b]) {
                        for (const [limit, offset] of pages) {
                            const body = expectStatus(await srvX.api('GET',
                                `/applications?${query}&sort=${sort}&limit=${limit}&offset=${offset}`, { token: who.token }), 200);
                            const at = `${what}: ${query}&sort=${sort}&limit=${limit}&offset=${offset}`;
                            assert.equal(body.total, expected.length, `${at}: total`);
                            assert.deepEqual(body.items.map((r) => r.id), expected.slice(offset, offset + limit), at);
                            rows += body.items.length;
                        }
                    }
                }
            }
        }
    }

    before(async () => {
        ({ a, b, dbUrl, user, other } = await twoServers());
        const statuses = ['ghosted', 'applied', 'interested', 'offer', 'rejected', 'ghosted', 'interview'];
        for (let i = 0; i < 120; i++) {
            const who = i % 6 === 5 ? other : user;
            const job = expectStatus(await a.api('POST', '/jobs', { token: who.token, body: jobBody({ title: `J${i}` }) }), 201);
            if (i % 8 === 7) continue; // jobs without an application, for moves
            const body = { job_id: job.id, status: statuses[i % 7],
                applied_date: i % 5 === 4 ? null : day((i * 7) % 40), follow_up_date: i % 3 ? day((i * 11) % 45) : null,
                interview_date: i % 4 === 1 ? `${day(i % 9)}T10:00:00Z` : null, response_date: i % 6 === 2 ? day(i % 5) : null };
            expectStatus(await a.api('POST', '/applications', { token: who.token, body }), 201);
        }
        // ties on created_at
        sqlRows(dbUrl, 'UPDATE applications SET created_at = (SELECT MIN(a2.created_at) FROM applications a2 WHERE a2.user_id = applications.user_id) WHERE id % 3 = 0');
    });
    after(async () => {
        if (b) await b.stop();
        if (a) await a.stop();
    });

    test('every page of the counted lists in every sort after each kind of write', async () => {
        await checkAll('seeded');
        const mine = await appsOf(a, user.token);
        const ghosted = mine.filter((r) => r.status === 'ghosted');
        const interested = mine.filter((r) => r.status === 'interested');
        expectStatus(await b.api('PATCH', `/applications/${interested[0].id}`, { token: user.token, body: { status: 'applied' } }), 200);
        await checkAll('status changed through the other server');
        for (const [field, value] of [['applied_date', day(1)], ['follow_up_date', day(2)],
            ['interview_date', `${day(0)}T08:00:00Z`], ['response_date', day(44)]]) {
            expectStatus(await b.api('PATCH', `/applications/${mine[4].id}`, { token: user.token, body: { [field]: value } }), 200);
            await checkAll(`${field} changed through the other server`);
        }
        const job = expectStatus(await b.api('POST', '/jobs', { token: user.token, body: jobBody({ title: 'new' }) }), 201);
        const created = expectStatus(await b.api('POST', '/applications', { token: user.token, body: { job_id: job.id, status: 'ghosted', applied_date: day(3) } }), 201);
        await checkAll('an application added through the other server');
        assert.equal((await b.api('DELETE', `/applications/${created.id}`, { token: user.token })).status, 204);
        await checkAll('an application deleted through the other server');
        for (const [set, what] of [
            [`status = 'applied'`, 'status'], [`applied_date = '${day(0)}'`, 'applied_date'],
            ['applied_date = NULL', 'applied_date to NULL'], [`follow_up_date = '${day(39)}'`, 'follow_up_date'],
            ['follow_up_date = NULL', 'follow_up_date to NULL'], [`interview_date = '${day(50)}T00:00:00Z'`, 'interview_date'],
            [`response_date = '${day(0)}'`, 'response_date'], [`offer_date = '${day(0)}'`, 'offer_date'],
            [`created_at = '2001-01-01T00:00:00Z'`, 'created_at'], [`updated_at = '2031-01-01T00:00:00Z'`, 'updated_at']]) {
            sqlRows(dbUrl, `UPDATE applications SET ${set} WHERE id = ${ghosted[1].id}`);
            await checkAll(`${what} changed by raw SQL`);
        }
        sqlRows(dbUrl, `UPDATE applications SET status = 'ghosted', applied_date = '${day(5)}' WHERE id = ${mine[10].id}`);
        await checkAll('status and applied_date changed by raw SQL');
        const jobs = await jobsOf(a, user.token);
        const spare = jobs.filter((j) => !mine.some((r) => r.job_id === j.id));
        sqlRows(dbUrl, `UPDATE applications SET job_id = ${spare[0].id} WHERE id = ${ghosted[2].id}`);
        await checkAll('job_id changed by raw SQL');
        sqlRows(dbUrl, `INSERT INTO applications (user_id, job_id, status, applied_date, follow_up_date) VALUES (${user.user.id}, ${spare[1].id}, 'ghosted', '${day(2)}', '${day(3)}')`);
        await checkAll('an application inserted by raw SQL');
        const theirs = await jobsOf(a, other.token);
        const theirApps = await appsOf(a, other.token);
        const free = theirs.filter((j) => !theirApps.some((r) => r.job_id === j.id));
        sqlRows(dbUrl, `UPDATE applications SET user_id = ${other.user.id}, job_id = ${free[0].id} WHERE id = ${ghosted[3].id}`);
        await checkAll('an application moved to another owner by raw SQL');
        sqlRows(dbUrl, `BEGIN; UPDATE applications SET status = 'offer' WHERE id = ${ghosted[4].id}; ROLLBACK;`);
        await checkAll('an update rolled back');
        sqlRows(dbUrl, `DELETE FROM applications WHERE user_id = ${user.user.id} AND status = 'ghosted' AND id % 2 = 0`);
        await checkAll('applications deleted by raw SQL');
        assert.ok(rows > 1000, `pages compared: ${rows} rows`);
    });
});
