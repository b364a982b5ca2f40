// The cache of calendar answers (src/model/answer_cache.c, migration 0073) never serves a
// stale answer: two servers with the cache on one database (A and B) and a third with it off
// (C: COPILOT_CALENDAR_CACHE=0, the former name of COPILOT_ANSWER_CACHE, still read; every request reads its events) give byte-identical bodies for
// the same ranges after each of a series of random writes: through either cached server (each
// must see the other's writes: the version lives in the database, moved by triggers on
// calendar_events) and in raw SQL behind the servers' back (applications' dates, tasks done and
// undone, jobs renamed and deleted with their applications, applications moved to another job).
// Every answer is asked on A and B before each write, so both hold it when the write lands.
// The ETag follows the body: one tag never names two bodies, and If-None-Match with the current
// tag answers 304. Runs on both engines.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { calendarWriter, random } from './calendar_writes.mjs';
import {
    createJob, expectStatus, login, registerUser, sqlRows, startServer, today, PASSWORD,
} from './helpers.mjs';

describe('calendar cache: never stale', () => {
    let a, b, c;
    const users = [];
    const rnd = random(20261130);
    const { pick, apiWrite, rawWrite } = calendarWriter(rnd);
    const ranges = [[today(-60), today(60)], [today(-10), today(30)], [today(0), today(0)], [today(-30), today(-1)]];
    const tags = new Map(); // ETag -> the body it was sent with

    before(async () => {
        a = await startServer();
        b = await startServer({ dbUrl: a.dbUrl });
        c = await startServer({ dbUrl: a.dbUrl, env: { COPILOT_CALENDAR_CACHE: '0' } });
        for (let i = 0; i < 2; i++) {
            const u = await registerUser(a);
            users.push({ ...u, jobs: [], apps: [], tasks: [], tokens: new Map([[a, u.token], [b, await login(b, u.username, PASSWORD)], [c, await login(c, u.username, PASSWORD)]]) });
        }
    });
    after(async () => { await Promise.all([a, b, c].map((srv) => srv?.stop())); });

    /* The body of a range on srv, its ETag checked against every body sent before. */
    async function ask(srv, u, from, to) {
        const res = await srv.api('GET', `/calendar?from=${from}&to=${to}`, { token: u.tokens.get(srv) });
        expectStatus(res, 200);
        const tag = res.headers.get('etag');
        if (tag) {
            const key = `${u.user.id} ${from} ${to} ${tag}`;
            if (tags.has(key)) assert.equal(res.text, tags.get(key), `one ETag, two bodies: ${key}`);
            tags.set(key, res.text);
        }
        return res;
    }

    /* Every range on A and B equals C's (and A and B hold it afterwards). */
    async function check(what) {
        for (const u of users) {
            for (const [from, to] of ranges) {
                const want = (await ask(c, u, from, to)).text;
                for (const srv of [a, b]) {
                    const got = await ask(srv, u, from, to);
                    assert.equal(got.text, want, `${what}: ${u.username} ${from}..${to} on ${srv === a ? 'A' : 'B'}`);
                    // asked twice: the second from the cache
                    assert.equal((await ask(srv, u, from, to)).text, want, `${what}: again on ${srv === a ? 'A' : 'B'}`);
                }
            }
        }
    }

    test('after each random write through either server or in raw SQL, A and B answer as C', async () => {
        await check('empty');
        for (let i = 0; i < 60; i++) await apiWrite(pick([a, b]), pick(users)); // some rows first
        await check('seeded');
        for (let round = 0; round < 70; round++) {
            const u = pick(users);
            const r = rnd();
            if (r < 0.45) await apiWrite(pick([a, b]), u);
            else rawWrite(a.dbUrl, u);
            await check(`write ${round} (${r < 0.45 ? 'API' : 'raw SQL'})`);
        }
    });

    test('an event changed in place only (a task following its application to another job)', async () => {
        // an application without dates has no event of its own: moving it changes only its
        // tasks' job_id, an UPDATE of calendar_events and nothing else
        const u = users[1];
        const [j1, j2] = [await createJob(a, u.token, { title: 'In place one' }), await createJob(a, u.token, { title: 'In place two' })];
        const app = expectStatus(await a.api('POST', '/applications', { token: u.token, body: { job_id: j1.id } }), 201);
        expectStatus(await a.api('POST', '/tasks', { token: u.token, body: { title: 'follows', due_date: today(2), application_id: app.id } }), 201);
        await check('before the move');
        sqlRows(a.dbUrl, `UPDATE applications SET job_id = ${j2.id} WHERE id = ${app.id}`);
        await check('after the move');
        // and the table itself written in raw SQL
        sqlRows(a.dbUrl, `UPDATE calendar_events SET title = title || ' (raw)' WHERE user_id = ${u.user.id} AND task_id <> 0`);
        await check('after a raw write of calendar_events');
    });

    test('If-None-Match with the current ETag answers 304, and a write changes the tag', async () => {
        const u = users[0];
        const [from, to] = ranges[0];
        for (const srv of [a, b, c]) {
            const first = await ask(srv, u, from, to);
            const tag = first.headers.get('etag');
            assert.match(tag, /^"calendar-\d+-\d+"$/);
            const again = await srv.api('GET', `/calendar?from=${from}&to=${to}`, { token: u.tokens.get(srv), headers: { 'if-none-match': tag } });
            assert.equal(again.status, 304);
            assert.equal(again.headers.get('etag'), tag);
            const other = await srv.api('GET', `/calendar?from=${from}&to=${to}`, { token: u.tokens.get(srv), headers: { 'if-none-match': '"calendar-0-0"' } });
            assert.equal(other.status, 200);
        }
        const before = (await ask(a, u, from, to)).headers.get('etag');
        const job = u.jobs.length ? u.jobs[0] : null;
        const res = await a.api('POST', '/tasks', { token: u.token, body: { title: 'etag moves', due_date: today(1), ...(job ? { job_id: job.id } : {}) } });
        expectStatus(res, 201);
        for (const srv of [a, b, c]) {
            const after = await srv.api('GET', `/calendar?from=${from}&to=${to}`, { token: u.tokens.get(srv), headers: { 'if-none-match': before } });
            assert.equal(after.status, 200, 'the old tag no longer matches');
            assert.notEqual(after.headers.get('etag'), before);
            assert.ok(after.body.events.some((e) => e.title === 'Task: etag moves'));
        }
    });
});
