// The calendar's kept events (migration 0070: table calendar_events, kept by triggers on
// applications and tasks): after random writes through the API and through raw SQL, and after
// the migration is rolled back and applied again (which fills the table from the rows),
// GET /calendar equals a brute force over the rows themselves: the follow-ups, interviews and
// offers of the applications and the open tasks with a due date, in the answer's order (SPEC
// part E), computed here from applications and tasks read with the engine's own client.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { calendarWriter, random } from './calendar_writes.mjs';
import {
    ENGINE, expectStatus, registerUser, sqlRows, startServer, today,
} from './helpers.mjs';

const sqlite = ENGINE === 'sqlite';
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
    const { pick, apiWrite: write, rawWrite } = calendarWriter(rnd);
    const apiWrite = (u) => write(srv, u);

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
                rawWrite(srv.dbUrl, u);
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
