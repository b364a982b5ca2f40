// The kept first pages of GET /jobs (no filter, the default sort, no offset; src/api/jobs.c,
// kept on SQLite in the answer cache at the user's data version behind the page's ids and row
// versions) are never stale: two servers with the cache on one database (A and B) and a third
// with it off (C: COPILOT_ANSWER_CACHE=0, every request reads its rows) give byte-identical
// lists for each limit after each of a series of random writes: through either cached server
// and in raw SQL behind the servers' back (a column no version trigger names, a job deleted, a
// job inserted under the id of the newest one deleted the same second, a raw write of the
// counters the total is read from, a résumé chosen and its choice dropped). Every list is
// asked on A and B before each write, so both hold it when the write lands. Runs on both
// engines (on PostgreSQL the stamp rides in the session's round trip since the sixteenth round:
// a write behind every trigger there shows that A answers from its kept page). The kept searches
// (since the seventeenth round: a search's answer kept at the data version its count read,
// behind its page's ids and row versions, src/api/jobs.c) are asked the same way: common, rare,
// prefix, two-word and absent words, with sorts, filters, offsets and limits. And GET /jobs/{id}
// (since the thirty-seventh round: on PostgreSQL a job's answer kept behind its row's xmin,
// src/api/jobs.c) of each user's oldest two and newest two jobs, another user's job and an absent
// id, status, ETag and body, the same way.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINE, cacheServers, expectStatus, sqlRows } from './helpers.mjs';

const QUERIES = ['', '?limit=1', '?limit=5', '?limit=20&offset=0', '?limit=100',
    '?q=engineer', '?q=engineer%20made&sort=company', '?q=renamed&sort=-salary_max&offset=1',
    '?q=eng&limit=3&status=interested', '?q=absentword', '?q=co&sort=-updated_at', '?q=kept&limit=1'];

describe('list cache: never stale', () => {
    let a, b, c;
    const users = [];
    let seed = 20261129;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
    const sql = (s) => sqlRows(a.dbUrl, ENGINE === 'sqlite' ? `PRAGMA foreign_keys = ON; ${s}` : s);

    before(async () => {
        let made;
        ({ a, b, c, users: made } = await cacheServers(2));
        users.push(...made);
    });
    after(async () => { await Promise.all([a, b, c].map((srv) => srv?.stop())); });

    async function ask(srv, u, q) {
        const res = await srv.api('GET', `/jobs${q}`, { token: u.tokens.get(srv) });
        expectStatus(res, 200);
        return res.text;
    }

    async function askJob(srv, u, id) {
        const res = await srv.api('GET', `/jobs/${id}`, { token: u.tokens.get(srv) });
        return `${res.status} ${res.headers.get('etag')} ${res.text}`;
    }

    /* Every list and job on A and B equals C's (and A and B hold it afterwards: a job is asked
     * once, its kept answer checked by the next check). */
    async function check(what) {
        for (const u of users) {
            for (const q of QUERIES) {
                const want = await ask(c, u, q);
                for (const srv of [a, b]) {
                    const name = srv === a ? 'A' : 'B';
                    assert.equal(await ask(srv, u, q), want, `${what}: ${u.username} ${q} on ${name}`);
                    assert.equal(await ask(srv, u, q), want, `${what}: again on ${name}`);
                }
            }
            const other = users.find((x) => x !== u);
            const mine = jobsOf(u); // the oldest two and the newest two (a write lands on one often)
            const ids = [...new Set([...mine.slice(0, 2), ...mine.slice(-2)]), ...(other ? jobsOf(other).slice(0, 1) : []), 987654321];
            for (const id of ids) {
                const want = await askJob(c, u, id);
                for (const srv of [a, b]) {
                    const name = srv === a ? 'A' : 'B';
                    assert.equal(await askJob(srv, u, id), want, `${what}: ${u.username} job ${id} on ${name}`);
                }
            }
        }
    }

    const jobsOf = (u) => sqlRows(a.dbUrl, `SELECT id FROM jobs WHERE user_id = ${u.user.id} ORDER BY id`).map((r) => Number(r[0]));

    async function apiWrite(u) {
        const srv = pick([a, b]);
        const ids = jobsOf(u);
        const r = rnd();
        if (r < 0.35 || ids.length === 0) {
            const n = Math.floor(rnd() * 100000);
            expectStatus(await srv.api('POST', '/jobs', { token: u.token, body: { title: `Engineer ${n}`, company: `Co ${n}`, description: `made ${n}` } }), 201);
        } else if (r < 0.8) {
            const bodies = [{ notes: `note ${Math.floor(rnd() * 1000)}` }, { salary_min: Math.floor(rnd() * 1000) * 100 },
                { status: pick(['interested', 'applied', 'archived']) }, { title: `Renamed ${Math.floor(rnd() * 1000)}` },
                { application_url: `https://example.com/${Math.floor(rnd() * 1000)}` }];
            const res = await srv.api('PATCH', `/jobs/${pick(ids)}`, { token: u.token, body: pick(bodies) });
            assert.ok([200, 409].includes(res.status), `PATCH job ${res.status}`);
        } else {
            expectStatus(await srv.api('DELETE', `/jobs/${pick(ids)}`, { token: u.token }), 204);
        }
    }

    function rawWrite(u) {
        const ids = jobsOf(u);
        if (!ids.length) return;
        const r = rnd();
        if (r < 0.5) sql(`UPDATE jobs SET notes = 'raw ${Math.floor(rnd() * 1000)}' WHERE id = ${pick(ids)}`);
        else if (r < 0.65) sql(`UPDATE jobs SET responsibilities = 'raw duty ${Math.floor(rnd() * 1000)}' WHERE id = ${pick(ids)}`);
        else if (r < 0.75) sql(`UPDATE jobs SET title = 'Renamed raw ${Math.floor(rnd() * 1000)}' WHERE id = ${pick(ids)}`);
        else sql(`DELETE FROM jobs WHERE id = ${pick(ids)}`);
    }

    test('after each random write through either server or in raw SQL, A and B answer as C', async () => {
        await check('empty');
        for (let i = 0; i < 30; i++) await apiWrite(pick(users));
        await check('seeded');
        for (let round = 0; round < 60; round++) {
            const u = pick(users);
            const raw = rnd() < 0.4;
            if (raw) rawWrite(u);
            else await apiWrite(u);
            await check(`write ${round} (${raw ? 'raw SQL' : 'API'})`);
        }
    });

    test('the newest job deleted and another inserted under its id, with the same row version', async () => {
        const u = users[0];
        const made = expectStatus(await a.api('POST', '/jobs', { token: u.token, body: { title: 'Newest one', company: 'Acme' } }), 201);
        await check('before');
        const [row] = sql(`SELECT created_at, updated_at, job_fingerprint FROM jobs WHERE id = ${made.id}`);
        sql(`DELETE FROM jobs WHERE id = ${made.id}`);
        sql(`INSERT INTO jobs (id, user_id, company, title, status, job_fingerprint, created_at, updated_at, row_version) ` +
            `VALUES (${made.id}, ${u.user.id}, 'Acme', 'Newest one', 'archived', '${row[2]}', '${row[0]}', '${row[1]}', ${made.row_version})`);
        await check('the same id, time and row version, another status');
        // the total of the list and of the stamp: the user's row of job_value_counts (0078)
        sql(`UPDATE job_value_counts SET n = n + 1 WHERE user_id = ${u.user.id} AND kind = ''`);
        await check('a raw write of the counters (the total)');
        sql(`UPDATE job_value_counts SET n = n - 1 WHERE user_id = ${u.user.id} AND kind = ''`);
        await check('the counters back');
        const page = JSON.parse(await ask(a, u, '?limit=1'));
        assert.equal(page.items[0].id, made.id);
        assert.equal(page.items[0].status, 'archived');
    });

    // the kept page is what A sends: a write that moves neither the data version nor the row
    // version (PostgreSQL's replica role fires no trigger) is not seen there, and is on C
    test('PostgreSQL keeps the page too: a write behind every trigger is not seen on A', { skip: ENGINE !== 'postgresql' && 'PostgreSQL only (SQLite cannot write behind its triggers)' }, async () => {
        const u = users[0];
        expectStatus(await a.api('POST', '/jobs', { token: u.token, body: { title: 'Kept', company: 'Acme', notes: 'before' } }), 201);
        await check('before');
        const [[id, notes]] = sql(`SELECT id, notes FROM jobs WHERE user_id = ${u.user.id} ORDER BY created_at DESC, id DESC LIMIT 1`);
        assert.equal(notes, 'before');
        const behind = (text) => sql(`SET session_replication_role = replica; UPDATE jobs SET notes = '${text}' WHERE id = ${id}`);
        behind('behind the triggers');
        assert.equal(JSON.parse(await ask(c, u, '?limit=1')).items[0].notes, 'behind the triggers');
        assert.equal(JSON.parse(await ask(a, u, '?limit=1')).items[0].notes, 'before');
        assert.equal(JSON.parse(await ask(c, u, '?q=kept&limit=1')).items[0].notes, 'behind the triggers');
        assert.equal(JSON.parse(await ask(a, u, '?q=kept&limit=1')).items[0].notes, 'before', 'the kept search');
        behind('before');
        await check('after');
    });

    // a job's kept answer is behind the row's xmin, which every write moves, triggers or not
    test('PostgreSQL: a write behind every trigger is seen at once on the kept job', { skip: ENGINE !== 'postgresql' && 'PostgreSQL only (SQLite cannot write behind its triggers)' }, async () => {
        const u = users[0];
        const job = expectStatus(await a.api('POST', '/jobs', { token: u.token, body: { title: 'Kept one', company: 'Acme', notes: 'before' } }), 201);
        for (const srv of [a, b]) assert.equal(JSON.parse((await askJob(srv, u, job.id)).split(' ').slice(2).join(' ')).notes, 'before');
        sql(`SET session_replication_role = replica; UPDATE jobs SET notes = 'behind the triggers' WHERE id = ${job.id}`);
        for (const srv of [a, b, c]) {
            const [status, etag, ...body] = (await askJob(srv, u, job.id)).split(' ');
            assert.equal(status, '200');
            assert.equal(etag, `"${job.row_version}"`, 'no trigger moved the version');
            assert.equal(JSON.parse(body.join(' ')).notes, 'behind the triggers');
        }
        sql(`DELETE FROM jobs WHERE id = ${job.id}`); // the lists' versions move: check() below
        for (const srv of [a, b]) assert.equal((await askJob(srv, u, job.id)).split(' ')[0], '404');
        await check('after');
    });

    test('a résumé chosen for a job and dropped moves its resume_id in the kept page', async () => {
        const u = users[1];
        const form = new FormData();
        form.append('file', new Blob(['Jane Doe\nSoftware engineer\nSkills: Python, Go\n']), 'cv.txt');
        const resume = expectStatus(await a.api('POST', '/resumes', { token: u.token, raw: form }), 201);
        const job = expectStatus(await a.api('POST', '/jobs', { token: u.token, body: { title: 'With a résumé', company: 'Acme' } }), 201);
        await check('before the choice');
        expectStatus(await b.api('PUT', `/jobs/${job.id}/resume`, { token: u.token, body: { resume_id: resume.id } }), 200);
        await check('chosen through B');
        assert.equal(JSON.parse(await ask(a, u, '?limit=1')).items[0].resume_id, resume.id);
        sql(`DELETE FROM job_resumes WHERE job_id = ${job.id}`);
        await check('the choice deleted in raw SQL');
        assert.equal(JSON.parse(await ask(a, u, '?limit=1')).items[0].resume_id, null);
    });
});
