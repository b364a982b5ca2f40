// Text that is not valid UTF-8 in the database (SQLite keeps whatever bytes raw SQL writes into a
// TEXT column; the server itself never writes such text, and PostgreSQL refuses it): the answers
// built from rows (src/model/table.c) stay valid JSON with every member present, each byte that
// starts no valid sequence read as U+FFFD, in a job, the job list, an application, the calendar
// (src/model/calendar.c) and the export (API and CLI); the CSV export (src/core/csv.c) writes the
// same U+FFFD, so the file is valid UTF-8. SQLite only.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    ENGINE, createJob, expectStatus, itemsOf, parseCsv, registerUser, sqlRows, startServer,
} from './helpers.mjs';

/* The date n days from today (the feed shows the weeks around today). */
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

describe('text not valid UTF-8 in the database', { skip: ENGINE !== 'sqlite' && 'SQLite only: PostgreSQL stores no such text' }, () => {
    let srv, user, jobs, app, tmp;
    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-utf8-'));
        srv = await startServer({ dbUrl: `sqlite:${path.join(tmp, 'copilot.db')}` });
        user = await registerUser(srv);
        jobs = [await createJob(srv, user.token, { notes: 'fine' }), await createJob(srv, user.token, { tech_stack: ['C'] })];
        app = expectStatus(await srv.api('POST', '/applications', { token: user.token, body: { job_id: jobs[1].id, notes: 'plain', follow_up_date: day(2) } }), 201);
        const dbUrl = srv.dbUrl;
        await srv.stop();
        // written as raw SQL would: bytes FF, a truncated C3, an overlong C0 AF
        sqlRows(dbUrl, `UPDATE jobs SET notes = CAST(X'66FF6F' AS TEXT) WHERE id = ${jobs[0].id};
            UPDATE jobs SET title = CAST(X'4A6F62C3' AS TEXT), tech_stack = CAST(X'5B2243FF225D' AS TEXT) WHERE id = ${jobs[1].id};
            UPDATE applications SET notes = CAST(X'6E6FC0AF74' AS TEXT) WHERE id = ${app.id};
            UPDATE calendar_events SET title = CAST(X'4A6F62C3' AS TEXT) WHERE application_id = ${app.id}`);
        srv = await startServer({ dbUrl });
        user.token = expectStatus(await srv.api('POST', '/auth/login', { body: { username: user.username, password: user.password } }), 200).access_token;
    });
    after(async () => {
        await srv?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('a job, the list, an application, the calendar and the exports read them with U+FFFD', async () => {
        const auth = { token: user.token };
        const one = expectStatus(await srv.api('GET', `/jobs/${jobs[0].id}`, auth), 200);
        assert.equal(one.notes, 'f\uFFFDo');
        const two = expectStatus(await srv.api('GET', `/jobs/${jobs[1].id}`, auth), 200);
        assert.equal(two.title, 'Job\uFFFD');
        assert.deepEqual(two.tech_stack, ['C\uFFFD']);
        const list = itemsOf(expectStatus(await srv.api('GET', '/jobs?limit=10&sort=created_at', auth), 200));
        const ids = [jobs[0].id, jobs[1].id];
        assert.deepEqual(list.filter((j) => ids.includes(j.id)).map((j) => [j.id, j.title, j.notes]).sort(),
            [[jobs[0].id, jobs[0].title, 'f\uFFFDo'], [jobs[1].id, 'Job\uFFFD', jobs[1].notes]].sort());
        const a = expectStatus(await srv.api('GET', `/applications/${app.id}`, auth), 200);
        assert.equal(a.notes, 'no\uFFFD\uFFFDt');
        // the calendar's events (their table, which triggers keep, as raw SQL left it), and the
        // feed, which left such an event out
        const calendar = expectStatus(await srv.api('GET', `/calendar?from=${day(0)}&to=${day(30)}`, auth), 200);
        assert.deepEqual(calendar.events.map((ev) => [ev.type, ev.title]), [['follow_up', 'Job\uFFFD']]);
        const feed = expectStatus(await srv.api('POST', '/calendar/feed', auth), 201);
        const feedUrl = new URL(feed.url, srv.base);
        const ics = await srv.request('GET', feedUrl.pathname + feedUrl.search);
        expectStatus(ics, 200);
        assert.match(ics.text, /SUMMARY:[^\r\n]*Job\uFFFD/);
        const exported = expectStatus(await srv.api('GET', '/users/me/export', auth), 200);
        const cli = JSON.parse(srv.cli(['export', String(exported.user.id)]));
        for (const doc of [exported, cli]) {
            const byId = Object.fromEntries(doc.jobs.map((j) => [j.id, j]));
            assert.equal(byId[jobs[0].id].notes, 'f\uFFFDo');
            assert.equal(byId[jobs[1].id].title, 'Job\uFFFD');
            assert.equal(doc.applications.find((x) => x.id === app.id).notes, 'no\uFFFD\uFFFDt');
        }
    });

    test('the CSV export writes each invalid byte as U+FFFD: a valid UTF-8 file', async () => {
        const res = await fetch(srv.url('/api/v1/jobs/export?format=csv'), { headers: { authorization: `Bearer ${user.token}` } });
        assert.equal(res.status, 200);
        const bytes = Buffer.from(await res.arrayBuffer());
        let text;
        assert.doesNotThrow(() => { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); }, 'the CSV is valid UTF-8');
        const [header, ...rows] = parseCsv(text);
        const row = (id) => Object.fromEntries(rows.find((r) => r[0] === String(id)).map((v, i) => [header[i], v]));
        assert.equal(row(jobs[0].id).notes, 'f\uFFFDo');
        assert.equal(row(jobs[1].id).title, 'Job\uFFFD');
        assert.deepEqual(JSON.parse(row(jobs[1].id).tech_stack), ['C\uFFFD']);
    });
});
