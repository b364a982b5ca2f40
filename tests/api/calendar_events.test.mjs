// The calendar's kept events (migration 0070: table calendar_events, kept by triggers on
// applications and tasks): after random writes through the API and through raw SQL, and after
// the migration is rolled back and applied again (which fills the table from the rows),
// GET /calendar equals a brute force over the rows themselves: the follow-ups, interviews and
// offers of the applications and the open tasks with a due date, in the answer's order (SPEC
// part E), computed here from applications and tasks read with the engine's own client.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    ENGINE, createJob, expectStatus, registerUser, sqlRows, startServer, today,
} from './helpers.mjs';

/* A small seeded generator (mulberry32): the same writes on every run. */
function random(seed) {
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
const stamp = (col) => (sqlite ? col : `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
const hex = (col) => (sqlite ? `hex(${col})` : `encode(convert_to(${col}, 'UTF8'), 'hex')`);
const unhex = (h) => Buffer.from(h, 'hex').toString('utf8');

/* The events of user from `from` to `to`, computed from the rows (the statement the calendar
 * ran before migration 0070, in JavaScript). */
function bruteForce(dbUrl, userId, from, to) {
    const apps = sqlRows(dbUrl, `SELECT id, job_id, COALESCE(${sqlite ? 'follow_up_date' : 'follow_up_date::text'}, ''),
        COALESCE(${stamp('interview_date')}, ''), COALESCE(${sqlite ? 'offer_date' : 'offer_date::text'}, ''),
        ${hex("COALESCE(job_title, '')")}, CASE WHEN job_company IS NULL THEN 1 ELSE 0 END,
        ${hex("COALESCE(job_company, '')")}, ${stamp('updated_at')}
        FROM applications WHERE user_id = ${userId}`);
    const tasks = sqlRows(dbUrl, `SELECT t.id, COALESCE(t.application_id, 0), COALESCE(t.job_id, a.job_id, 0),
        ${sqlite ? 't.due_date' : 't.due_date::text'}, ${hex('t.title')}, ${stamp('t.updated_at')}
        FROM tasks t LEFT JOIN applications a ON a.id = t.application_id
        WHERE t.user_id = ${userId} AND t.done_at IS NULL AND t.due_date IS NOT NULL`);
    const out = [];
    const inRange = (d) => d >= from && d <= to;
    for (const [id, job, follow, interview, offer, title, noCompany, company, updated] of apps) {
        const name = unhex(title) + (noCompany === '1' ? '' : ` at ${unhex(company)}`);
        const ev = (type, date, datetime, words) => out.push({
            type, date, datetime, title: `${words}: ${name}`, application_id: Number(id), job_id: Number(job), task_id: null, updated_at: updated,
        });
        if (follow && inRange(follow)) ev('follow_up', follow, null, 'Follow up');
        if (interview && inRange(interview.slice(0, 10))) ev('interview', interview.slice(0, 10), interview, 'Interview');
        if (offer && inRange(offer)) ev('offer', offer, null, 'Offer');
    }
    for (const [id, app, job, due, title, updated] of tasks) {
        if (!inRange(due)) continue;
        out.push({
            type: 'task', date: due, datetime: null, title: `Task: ${unhex(title)}`, application_id: Number(app) || null,
            job_id: Number(job) || null, task_id: Number(id), updated_at: updated,
        });
    }
    const rank = ['follow_up', 'interview', 'offer', 'task'];
    const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
    out.sort((a, b) => cmp(a.date, b.date) || cmp(a.datetime !== null, b.datetime !== null)
        || cmp(a.datetime ?? '', b.datetime ?? '') || rank.indexOf(a.type) - rank.indexOf(b.type)
        || (a.application_id ?? 0) - (b.application_id ?? 0) || (a.task_id ?? 0) - (b.task_id ?? 0));
    return out;
}

describe('calendar_events kept on write', () => {
    let srv;
    const users = [];
    const rnd = random(20261129);
    const pick = (list) => list[Math.floor(rnd() * list.length)];
    const day = () => today(Math.floor(rnd() * 120) - 60);
    const time = () => `${day()}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:${pick(['00', '30', '45'])}:00Z`;
    const maybe = (f) => (rnd() < 0.3 ? null : f());

    before(async () => {
        srv = await startServer();
        for (let i = 0; i < 2; i++) users.push({ ...(await registerUser(srv)), jobs: [], apps: [], tasks: [] });
    });
    after(async () => { await srv?.stop(); });

    const sql = (statement) => sqlRows(srv.dbUrl, sqlite ? `PRAGMA foreign_keys = ON; ${statement}` : statement);

    async function check(what) {
        const ranges = [[today(-60), today(60)], [today(-10), today(30)], [today(0), today(0)]];
        for (let i = 0; i < 3; i++) {
            const from = today(Math.floor(rnd() * 120) - 60);
            ranges.push([from, from > today(30) ? from : today(30)]);
        }
        for (const u of users) {
            for (const [from, to] of ranges) {
                const body = expectStatus(await srv.api('GET', `/calendar?from=${from}&to=${to}`, { token: u.token }), 200);
                assert.deepEqual(body.events, bruteForce(srv.dbUrl, u.user.id, from, to), `${what}: ${u.username} ${from}..${to}`);
            }
        }
    }

    /* One random write through the API. */
    async function apiWrite(u) {
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

    /* One random write in raw SQL (the triggers keep the table, not the server). */
    function rawWrite(u) {
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

    test('after random writes through the API, the calendar equals the brute force', async () => {
        for (let round = 0; round < 4; round++) {
            for (let i = 0; i < 40; i++) await apiWrite(pick(users));
            await check(`API round ${round}`);
        }
    });

    test('after random writes in raw SQL, the calendar equals the brute force', async () => {
        for (let round = 0; round < 4; round++) {
            for (let i = 0; i < 12; i++) {
                const u = pick(users);
                try {
                    rawWrite(u);
                } catch (e) {
                    // a raw write the schema refuses (a unique application per job, a deleted
                    // application) changes nothing
                    assert.match(String(e.message), /UNIQUE|unique|duplicate|FOREIGN KEY|foreign key/, e.message);
                }
                if (rnd() < 0.5) await apiWrite(u);
            }
            await check(`raw SQL round ${round}`);
        }
    });

    test('the migration fills the table from the rows: rolled back and applied again, the same calendar', async () => {
        const total = Number(sql('SELECT count(*) FROM calendar_events')[0][0]);
        assert.ok(total > 20, `${total} events kept`);
        const later = Number(sql('SELECT count(*) FROM schema_migrations WHERE version >= 70')[0][0]);
        srv.cli(['migrate', 'down', String(later)]);
        assert.equal(sql("SELECT count(*) FROM schema_migrations WHERE version = 70")[0][0], '0');
        srv.cli(['migrate', 'up']);
        assert.equal(Number(sql('SELECT count(*) FROM calendar_events')[0][0]), total);
        await check('after migrate down and up');
    });
});
