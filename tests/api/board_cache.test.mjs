// The kept answers of GET /applications/board (src/model/answer_cache.c, migration 0074) are
// never stale: two servers with the cache on one database (A and B) and a third with it off
// (C: COPILOT_ANSWER_CACHE=0, every request reads its rows) give byte-identical boards for the
// same per_column after each of a series of random writes: through either cached server (each
// must see the other's writes: the version lives in the database, moved by triggers on
// applications and application_counts) and in raw SQL behind the servers' back (applications'
// status, dates and notes, jobs renamed through the applications' copies and deleted with their
// applications, applications deleted). Every board is asked on A and B before each write, so
// both hold it when the write lands. The ETag follows the body; If-None-Match with the current
// tag answers 304. Runs on both engines.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { calendarWriter, random } from './calendar_writes.mjs';
import { ENGINE, cacheServers, expectStatus, sqlRows } from './helpers.mjs';

const STATUSES = ['interested', 'applied', 'phone_screen', 'interview', 'technical', 'offer', 'accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'];

describe('board cache: never stale', () => {
    let a, b, c;
    const users = [];
    const rnd = random(20261129);
    const { pick, apiWrite, rawWrite } = calendarWriter(rnd);
    const perColumn = ['', '?per_column=2', '?per_column=200'];
    const tags = new Map(); // user, per_column and ETag -> the body it was sent with

    before(async () => {
        let made;
        ({ a, b, c, users: made } = await cacheServers(2, () => ({ jobs: [], apps: [], tasks: [] })));
        users.push(...made);
    });
    after(async () => { await Promise.all([a, b, c].map((srv) => srv?.stop())); });

    /* The board on srv, its ETag checked against every body sent before. */
    async function ask(srv, u, q) {
        const res = await srv.api('GET', `/applications/board${q}`, { token: u.tokens.get(srv) });
        expectStatus(res, 200);
        const tag = res.headers.get('etag');
        if (tag) {
            const key = `${u.user.id} ${q} ${tag}`;
            if (tags.has(key)) assert.equal(res.text, tags.get(key), `one ETag, two bodies: ${key}`);
            tags.set(key, res.text);
        }
        return res;
    }

    /* Every board on A and B equals C's (and A and B hold it afterwards). */
    async function check(what) {
        for (const u of users) {
            for (const q of perColumn) {
                const want = (await ask(c, u, q)).text;
                for (const srv of [a, b]) {
                    const name = srv === a ? 'A' : 'B';
                    assert.equal((await ask(srv, u, q)).text, want, `${what}: ${u.username} ${q} on ${name}`);
                    assert.equal((await ask(srv, u, q)).text, want, `${what}: again on ${name}`);
                }
            }
        }
    }

    /* A write the calendar's writers do not make: an application's status or notes, through
     * the API or in raw SQL (one at a time, so a raw write changes one thing only). */
    async function boardWrite(u, raw) {
        if (!u.apps.length) return;
        const app = pick(u.apps);
        if (raw) {
            const sql = (s) => sqlRows(a.dbUrl, ENGINE === 'sqlite' ? `PRAGMA foreign_keys = ON; ${s}` : s);
            if (rnd() < 0.5) sql(`UPDATE applications SET notes = 'raw note ${Math.floor(rnd() * 1000)}' WHERE id = ${app.id}`);
            else sql(`UPDATE applications SET status = '${pick(STATUSES)}' WHERE id = ${app.id}`);
        } else {
            const body = rnd() < 0.5 ? { notes: `note ${Math.floor(rnd() * 1000)}` } : { status: pick(STATUSES), force: true };
            const res = await pick([a, b]).api('PATCH', `/applications/${app.id}`, { token: u.token, body });
            assert.ok([200, 404, 409, 422].includes(res.status), `PATCH application ${res.status}`);
        }
    }

    test('after each random write through either server or in raw SQL, A and B answer as C', async () => {
        await check('empty');
        for (let i = 0; i < 60; i++) await apiWrite(pick([a, b]), pick(users)); // some rows first
        await check('seeded');
        for (let round = 0; round < 80; round++) {
            const u = pick(users);
            const r = rnd();
            if (r < 0.3) await apiWrite(pick([a, b]), u);
            else if (r < 0.5) await boardWrite(u, false);
            else if (r < 0.7) await boardWrite(u, true);
            else rawWrite(a.dbUrl, u);
            await check(`write ${round} (${r < 0.3 ? 'API' : r < 0.5 ? 'API status/notes' : r < 0.7 ? 'raw status/notes' : 'raw SQL'})`);
        }
    });

    test('each kind of change moves the board: a note, a job renamed, a job deleted, the counts', async () => {
        const u = users[0];
        const sql = (s) => sqlRows(a.dbUrl, ENGINE === 'sqlite' ? `PRAGMA foreign_keys = ON; ${s}` : s);
        const job = expectStatus(await a.api('POST', '/jobs', { token: u.token, body: { title: 'Board one', company: 'Acme' } }), 201);
        const app = expectStatus(await a.api('POST', '/applications', { token: u.token, body: { job_id: job.id } }), 201);
        u.jobs.push(job);
        u.apps.push(app);
        await check('before');
        sql(`UPDATE applications SET notes = 'in place' WHERE id = ${app.id}`);
        await check('a raw note');
        sql(`UPDATE jobs SET title = 'Board one renamed' WHERE id = ${job.id}`);
        await check('a raw job rename');
        const board = (await ask(a, u, '')).body;
        assert.ok(board.columns.some((col) => col.items.some((x) => x.job_title === 'Board one renamed')));
        sql(`UPDATE application_counts SET n = n + 1 WHERE user_id = ${u.user.id} AND status = '${app.status}'`);
        await check('a raw write of the counts');
        sql(`UPDATE application_counts SET n = n - 1 WHERE user_id = ${u.user.id} AND status = '${app.status}'`);
        sql(`DELETE FROM jobs WHERE id = ${job.id}`);
        u.jobs.splice(u.jobs.indexOf(job), 1);
        u.apps.splice(u.apps.indexOf(app), 1);
        await check('a raw job delete (its application with it)');
    });

    test('If-None-Match with the current ETag answers 304, and a write changes the tag', async () => {
        const u = users[1];
        for (const srv of [a, b, c]) {
            const tag = (await ask(srv, u, '')).headers.get('etag');
            assert.match(tag, /^"board-\d+-\d+"$/);
            const again = await srv.api('GET', '/applications/board', { token: u.tokens.get(srv), headers: { 'if-none-match': tag } });
            assert.equal(again.status, 304);
            assert.equal(again.headers.get('etag'), tag);
            const other = await srv.api('GET', '/applications/board', { token: u.tokens.get(srv), headers: { 'if-none-match': '"board-0-0"' } });
            assert.equal(other.status, 200);
        }
        const before = (await ask(a, u, '')).headers.get('etag');
        const app = u.apps[0];
        expectStatus(await a.api('PATCH', `/applications/${app.id}`, { token: u.token, body: { notes: 'etag moves' } }), 200);
        for (const srv of [a, b, c]) {
            const res = await srv.api('GET', '/applications/board', { token: u.tokens.get(srv), headers: { 'if-none-match': before } });
            assert.equal(res.status, 200, 'the old tag no longer matches');
            assert.notEqual(res.headers.get('etag'), before);
        }
    });
});
