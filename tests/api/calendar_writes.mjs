// Random writes that move a user's calendar events, through the API and in raw SQL: the
// follow-ups, interviews and offers of applications, tasks with due dates done and undone, jobs
// renamed (their applications' titles) and deleted (their applications with them), applications
// moved to another job. Shared by calendar_events.test.mjs (the kept events against a brute
// force) and calendar_cache.test.mjs (cached answers against a server without the cache).

import assert from 'node:assert/strict';
import { ENGINE, createJob, expectStatus, sqlRows, today } from './helpers.mjs';

/* A small seeded generator (mulberry32): the same writes on every run. */
export function random(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6D2B79F5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const TITLES = ['Backend Engineer', 'Say "hi" \\ bye', 'Tab\there', 'Zürich Straße – Ingénieure', 'Line\nbreak', '東京 デベロッパー', 'Plain'];
const sqlite = ENGINE === 'sqlite';
const text = (s) => `'${s.replace(/'/g, "''")}'`;

/* The writers drawing from rnd. A user u is { token, user, jobs: [], apps: [], tasks: [] }: the
 * rows the writes made and have not deleted. */
export function calendarWriter(rnd) {
    const pick = (list) => list[Math.floor(rnd() * list.length)];
    const day = () => today(Math.floor(rnd() * 120) - 60);
    const time = () => `${day()}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:${pick(['00', '30', '45'])}:00Z`;
    const maybe = (f) => (rnd() < 0.3 ? null : f());

    /* One random write through the API. */
    async function apiWrite(srv, u) {
        const call = (method, path, body) => srv.api(method, path, { token: u.token, body });
        const r = rnd();
        if (r < 0.15 || u.jobs.length === 0) {
            u.jobs.push(await createJob(srv, u.token, { title: `${pick(TITLES)} ${u.jobs.length}`, company: pick(TITLES) }));
        } else if (r < 0.3) {
            const job = pick(u.jobs);
            const res = await call('POST', '/applications', { job_id: job.id, follow_up_date: maybe(day), interview_date: maybe(time), offer_date: maybe(day) });
            if (res.status === 201) u.apps.push(res.body);
        } else if (r < 0.45 && u.apps.length) {
            const app = pick(u.apps);
            const field = pick(['follow_up_date', 'interview_date', 'offer_date']);
            const value = rnd() < 0.3 ? null : field === 'interview_date' ? time() : day();
            const res = await call('PATCH', `/applications/${app.id}`, { [field]: value });
            assert.ok([200, 404].includes(res.status), `PATCH application ${res.status}`); // 404: its job was deleted
        } else if (r < 0.52) {
            const job = pick(u.jobs);
            expectStatus(await call('PATCH', `/jobs/${job.id}`, { title: `${pick(TITLES)} renamed`, company: pick(TITLES) }), 200);
            // (jobs are only deleted through u.jobs, so this one exists)
        } else if (r < 0.67) {
            const link = rnd();
            const body = { title: `${pick(TITLES)} task`, due_date: maybe(day) };
            if (link < 0.4 && u.apps.length) body.application_id = pick(u.apps).id;
            else if (link < 0.7) body.job_id = pick(u.jobs).id;
            const res = await call('POST', '/tasks', body);
            if (res.status === 201) u.tasks.push(res.body);
        } else if (r < 0.82 && u.tasks.length) {
            const t = pick(u.tasks);
            const body = pick([{ done: true }, { done: false }, { due_date: maybe(day) }, { title: `${pick(TITLES)} edited` }]);
            const res = await call('PATCH', `/tasks/${t.id}`, body);
            assert.ok([200, 404].includes(res.status), `PATCH task ${res.status}`);
        } else if (r < 0.88 && u.tasks.length) {
            await call('DELETE', `/tasks/${u.tasks.splice(Math.floor(rnd() * u.tasks.length), 1)[0].id}`);
        } else if (r < 0.94 && u.apps.length > 3) {
            await call('DELETE', `/applications/${u.apps.splice(Math.floor(rnd() * u.apps.length), 1)[0].id}`);
        } else if (u.jobs.length > 3) {
            await call('DELETE', `/jobs/${u.jobs.splice(Math.floor(rnd() * u.jobs.length), 1)[0].id}`);
        }
    }

    /* One random write in raw SQL on the database at dbUrl (the triggers keep the table, not the
     * server). */
    function rawWrite(dbUrl, u) {
        const sql = (statement) => sqlRows(dbUrl, sqlite ? `PRAGMA foreign_keys = ON; ${statement}` : statement);
        const id = u.user.id;
        const r = rnd();
        const dateOrNull = () => (rnd() < 0.3 ? 'NULL' : text(day()));
        if (r < 0.2) {
            sql(`UPDATE applications SET follow_up_date = ${dateOrNull()}, offer_date = ${dateOrNull()} WHERE user_id = ${id} AND id % 3 = ${Math.floor(rnd() * 3)}`);
        } else if (r < 0.35) {
            // PostgreSQL keeps fractions of a second; the answer shows (and sorts) whole seconds
            const t = time().replace('Z', sqlite ? 'Z' : `.${Math.floor(rnd() * 1000)}Z`);
            sql(`UPDATE applications SET interview_date = ${text(t)} WHERE user_id = ${id} AND id % 4 = ${Math.floor(rnd() * 4)}`);
        } else if (r < 0.45) {
            sql(`UPDATE jobs SET title = ${text(`${pick(TITLES)} raw`)}, company = ${text(pick(TITLES))} WHERE user_id = ${id} AND id % 3 = ${Math.floor(rnd() * 3)}`);
        } else if (r < 0.6) {
            sql(`UPDATE tasks SET done_at = ${rnd() < 0.5 ? 'NULL' : text(`${day()}T10:00:00Z`)}, due_date = ${dateOrNull()} WHERE user_id = ${id} AND id % 3 = ${Math.floor(rnd() * 3)}`);
        } else if (r < 0.7) {
            sql(`UPDATE tasks SET title = ${text(`${pick(TITLES)} raw task`)} WHERE user_id = ${id} AND id % 2 = ${Math.floor(rnd() * 2)}`);
        } else if (r < 0.8 && u.apps.length) {
            sql(`INSERT INTO tasks (user_id, title, due_date, application_id) VALUES (${id}, ${text(`${pick(TITLES)} raw insert`)}, ${dateOrNull()}, ${pick(u.apps).id})`);
        } else if (r < 0.85) {
            sql(`DELETE FROM tasks WHERE user_id = ${id} AND id % 5 = ${Math.floor(rnd() * 5)}`);
        } else if (r < 0.9 && u.apps.length > 3) {
            sql(`DELETE FROM applications WHERE id = ${u.apps.splice(Math.floor(rnd() * u.apps.length), 1)[0].id}`);
        } else if (u.apps.length && u.jobs.length) {
            // an application moved to another job of its user: its events and its tasks' follow
            sql(`UPDATE applications SET job_id = ${pick(u.jobs).id} WHERE id = ${pick(u.apps).id}`);
        }
    }

    /* rawWrite, where a write the schema refuses (a unique application per job, a deleted
     * application) changes nothing. */
    function rawWriteOrRefused(dbUrl, u) {
        try {
            rawWrite(dbUrl, u);
        } catch (e) {
            assert.match(String(e.message), /UNIQUE|unique|duplicate|FOREIGN KEY|foreign key/, e.message);
        }
    }

    return { pick, day, apiWrite, rawWrite: rawWriteOrRefused };
}
