// Kept page orders of GET /jobs (issue 9) against a brute-force answer, on two servers sharing
// one database, after writes through either server and by raw SQL. It was the second-to-last
// describe of list_plans.test.mjs; a file of its own so that node --test runs it beside the others.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { expectStatus, jobBody, sqlRows } from './helpers.mjs';
import { jobsOf, ordered, searchMatches, twoServers } from './list_common.mjs';

// Kept page orders (docs/performance.md "Kept pages (tenth round)"): a sparse search (at most 1 in
// LIST_ORDER_SHARE = 16 of the owner's jobs) sorted by a column every write of which moves the
// owner's data version keeps its ordered ids beside its total, and a page is their slice read
// by primary key. Two servers on one database, each answer (both servers, twice: built, then
// kept) against a brute force after writes through the other server and by raw SQL to every
// searched, filtered and sorted column. A kept order trusted without comparing the version
// fails it on both engines.
describe('kept page orders after writes through another server and raw SQL', () => {
    let a, b, dbUrl, user, other;
    // searches alone, and beside a filter the counters hold and one they do not; 'plain' matches
    // 9 jobs in 10 (on PostgreSQL its order by salary_max is kept all the same: kept_dense)
    const lists = [{ q: 'zebra' }, { q: 'payments go' }, { q: 'alpine' }, { q: 'zeb' }, { q: 'plain' },
        { q: 'zebra', status: 'rejected' }, { q: 'payments go', company: 'aCME' }];
    const sorts = ['-created_at', 'created_at', 'title', '-title', 'company', '-company', '-salary_max',
        'salary_max', 'status', '-status', '-updated_at', 'date_applied'];
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

    async function checkAll(what) {
        round++;
        for (const [wi, who] of [user, other].entries()) {
            const jobs = await jobsOf(a, who.token);
            for (const [li, list] of lists.entries()) {
                const matches = jobs.filter((j) => searchMatches(j, list.q) &&
                    (!list.status || j.status === list.status) &&
                    (!list.company || j.company.toLowerCase() === list.company.toLowerCase()));
                const query = new URLSearchParams(list).toString();
                for (const [si, sort] of sorts.entries()) {
                    const expected = ordered(matches, sort).map((j) => j.id);
                    const first = (round + wi + li + si) % 3;
                    const pages = [...windows.slice(first), ...windows.slice(0, first), windows[first]];
                    for (const srvX of [a, b]) {
                        for (const [limit, offset] of pages) {
                            const body = expectStatus(await srvX.api('GET',
                                `/jobs?${query}&sort=${sort}&limit=${limit}&offset=${offset}`, { token: who.token }), 200);
                            const at = `${what}: ${query}&sort=${sort}&limit=${limit}&offset=${offset}`;
                            assert.equal(body.total, expected.length, `${at}: total`);
                            assert.deepEqual(body.items.map((j) => j.id), expected.slice(offset, offset + limit), at);
                            rows += body.items.length;
                        }
                    }
                }
            }
        }
    }

    before(async () => {
        ({ a, b, dbUrl, user, other } = await twoServers());
        const statuses = ['not_applied', 'applied', 'interview', 'rejected'];
        for (let i = 0; i < 200; i++) {
            const who = i % 10 === 9 ? other : user;
            // 1 job in 20 has the rare words: sparse enough for a kept order (180 jobs, 9 each)
            const description = i % 20 === 3 ? 'zebra payments in go' : i % 20 === 11 ? 'zebra alpine' : `plain work ${i}`;
            const body = jobBody({ description, title: `T${String.fromCharCode(65 + (i * 7) % 26)} lead ${i}`,
                company: ['Acme', 'Hooli', 'Initech'][i % 3], salary_max: i % 4 ? 1000 * (i % 13) : null,
                status: statuses[i % 4] });
            expectStatus(await a.api('POST', '/jobs', { token: who.token, body }), 201);
        }
        // ties on created_at
        sqlRows(dbUrl, 'UPDATE jobs SET created_at = (SELECT MIN(j2.created_at) FROM jobs j2 WHERE j2.user_id = jobs.user_id) WHERE id % 3 = 0');
    });
    after(async () => {
        if (b) await b.stop();
        if (a) await a.stop();
    });

    test('every page of sparse (and one dense) searches in every sort after each kind of write', async () => {
        await checkAll('seeded');
        const mine = (await jobsOf(a, user.token)).filter((j) => searchMatches(j, 'zebra'));
        const plain = (await jobsOf(a, user.token)).filter((j) => !searchMatches(j, 'zebra'));
        for (const [field, value] of [['title', 'AA zebra'], ['company', 'Zzz'], ['salary_max', 999999],
            ['status', 'offer'], ['description', 'alpine payments go'], ['requirements', 'zebra crossing'],
            ['date_applied', '2020-01-02']]) {
            expectStatus(await b.api('PATCH', `/jobs/${mine[1].id}`, { token: user.token, body: { [field]: value } }), 200);
            await checkAll(`${field} changed through the other server`);
        }
        expectStatus(await b.api('PATCH', `/jobs/${plain[0].id}`, { token: user.token, body: { description: 'zebra too' } }), 200);
        await checkAll('a new match through the other server');
        // the dense search's order (plain): a salary moved through the other server, one to NULL
        expectStatus(await b.api('PATCH', `/jobs/${plain[2].id}`, { token: user.token, body: { salary_max: 999998 } }), 200);
        await checkAll('a salary of a dense match changed through the other server');
        sqlRows(dbUrl, `UPDATE jobs SET salary_max = NULL WHERE id = ${plain[3].id}`);
        await checkAll('a salary of a dense match set to NULL by raw SQL');
        const created = expectStatus(await b.api('POST', '/jobs', { token: user.token, body: jobBody({ description: 'zebra new', title: 'A', company: 'Acme' }) }), 201);
        await checkAll('a job added through the other server');
        assert.equal((await b.api('DELETE', `/jobs/${created.id}`, { token: user.token })).status, 204);
        await checkAll('a job deleted through the other server');
        for (const [set, what] of [
            [`title = 'Zz last'`, 'title'], [`company = 'AAA'`, 'company'], ['salary_max = 5', 'salary_max'],
            ['salary_max = NULL', 'salary_max to NULL'], [`status = 'accepted'`, 'status'],
            [`created_at = '2001-01-01T00:00:00Z'`, 'created_at'], [`updated_at = '2031-01-01T00:00:00Z'`, 'updated_at'],
            [`date_applied = '2019-05-05'`, 'date_applied'], [`description = 'nothing'`, 'description'],
            [`requirements = 'payments go alpine zebra'`, 'requirements']]) {
            sqlRows(dbUrl, `UPDATE jobs SET ${set} WHERE id = ${mine[2].id}`);
            await checkAll(`${what} changed by raw SQL`);
        }
        sqlRows(dbUrl, `UPDATE jobs SET created_at = '2040-01-01T00:00:00Z', title = 'B' WHERE id = ${mine[3].id}`);
        await checkAll('created_at and title changed by raw SQL');
        sqlRows(dbUrl, `INSERT INTO jobs (user_id, company, title, description, status) SELECT user_id, 'Acme', 'M', 'zebra payments go alpine', 'applied' FROM jobs WHERE id = ${mine[0].id}`);
        await checkAll('a job inserted by raw SQL');
        sqlRows(dbUrl, `UPDATE jobs SET user_id = ${other.user.id} WHERE id = ${mine[0].id}`);
        await checkAll('a job moved to another owner by raw SQL');
        sqlRows(dbUrl, `BEGIN; UPDATE jobs SET title = 'zebra' WHERE id = ${plain[1].id}; ROLLBACK;`);
        await checkAll('an update rolled back');
        sqlRows(dbUrl, `DELETE FROM jobs WHERE user_id = ${user.user.id} AND description LIKE '%alpine%'`);
        await checkAll('jobs deleted by raw SQL');
        assert.ok(rows > 1000, `pages compared: ${rows} rows`);
    });
});
