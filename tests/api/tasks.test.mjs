// Tasks (SPEC part E, "Contacts and tasks"): CRUD with validation, marking done (PATCH {done}
// sets and clears done_at), the link to one application or one job (another user's → 404 naming
// the field, as POST /applications treats another user's job_id), the filters done, due_before,
// application_id, job_id (the job's own tasks and its applications'), priority and q, the sorts,
// overdue, cascades, and tasks in the calendar and its iCalendar feed.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    assertTimestamp, awayFromMidnight, createApplication, createJob, expectError, expectStatus,
    registerUser, startServer, today, testRefusedFields,
} from './helpers.mjs';

describe('tasks', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const call = (who, method, p, opts = {}) => srv.api(method, p, { token: who.token, ...opts });
    const create = async (who, body) => expectStatus(await call(who, 'POST', '/tasks', { body }), 201);
    const titles = (body) => body.items.map((t) => t.title);

    describe('POST /tasks', () => {
        test('201 with Location; defaults: priority normal, not done, no link', async () => {
            const res = await call(alice, 'POST', '/tasks', { body: { title: 'Update the portfolio' } });
            const t = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/tasks/${t.id}$`));
            assert.equal(t.title, 'Update the portfolio');
            assert.equal(t.priority, 'normal');
            assert.equal(t.done, false);
            assert.equal(t.done_at, null);
            assert.equal(t.overdue, false);
            for (const k of ['notes', 'due_date', 'application_id', 'job_id', 'linked_job_id', 'job_title', 'company']) assert.equal(t[k], null, k);
            assert.equal(t.user_id, alice.user.id);
            assertTimestamp(t.created_at);
            assert.deepEqual(expectStatus(await call(alice, 'GET', `/tasks/${t.id}`), 200), t);
        });

        test('linked to a job, or to an application (whose job it names)', async () => {
            const job = await createJob(srv, alice.token, { company: 'Acme', title: 'Data Engineer' });
            const t = await create(alice, { title: 'Research Acme', job_id: job.id, priority: 'high', due_date: '2030-05-06', notes: 'their blog' });
            assert.equal(t.job_id, job.id);
            assert.equal(t.linked_job_id, job.id);
            assert.equal(t.job_title, 'Data Engineer');
            assert.equal(t.company, 'Acme');
            assert.equal(t.priority, 'high');
            assert.equal(t.due_date, '2030-05-06');
            const app = await createApplication(srv, alice.token, {}, { company: 'Globex', title: 'SRE' });
            const u = await create(alice, { title: 'Send thank-you note', application_id: app.id });
            assert.equal(u.application_id, app.id);
            assert.equal(u.job_id, null);
            assert.equal(u.linked_job_id, app.job_id);
            assert.equal(u.company, 'Globex');
        });

        test('created done: done_at is now', async () => {
            const before = Date.now() - 2000;
            const t = await create(alice, { title: 'Already did it', done: true });
            assert.equal(t.done, true);
            assertTimestamp(t.done_at);
            assert.ok(Date.parse(t.done_at) >= before);
        });

        test('another user\'s (or a missing) application or job → 404 naming the field, nothing created', async () => {
            const bobJob = await createJob(srv, bob.token);
            const bobApp = await createApplication(srv, bob.token);
            expectError(await call(alice, 'POST', '/tasks', { body: { title: 'x', job_id: bobJob.id } }), 404, 'not_found', 'job_id');
            expectError(await call(alice, 'POST', '/tasks', { body: { title: 'x', application_id: bobApp.id } }), 404, 'not_found', 'application_id');
            expectError(await call(alice, 'POST', '/tasks', { body: { title: 'x', job_id: 99999999 } }), 404, 'not_found', 'job_id');
            assert.equal(expectStatus(await call(bob, 'GET', `/tasks?job_id=${bobJob.id}`), 200).total, 0);
            assert.equal(expectStatus(await call(alice, 'GET', '/tasks?q=x'), 200).total, 0);
        });

        test('both links at once → 422 naming application_id', async () => {
            const app = await createApplication(srv, alice.token);
            expectError(await call(alice, 'POST', '/tasks', { body: { title: 'x', application_id: app.id, job_id: app.job_id } }), 422, 'validation_failed', 'application_id');
        });

        const invalid = [
            ['title', undefined], ['title', null], ['title', ''], ['title', ' \t '], ['title', 't'.repeat(301)],
            ['priority', 'urgent'], ['priority', null], ['due_date', '2025-02-30'], ['due_date', 'tomorrow'],
            ['done', 'yes'], ['done', null], ['done_at', '2025-01-01T00:00:00Z'], ['application_id', 'a'],
            ['job_id', 0], ['notes', 3], ['id', 1], ['user_id', 2], ['overdue', true], ['linked_job_id', 1],
            ['colour', 'red'],
        ];
        testRefusedFields(invalid, () => ({ title: 'Valid' }),
            (body) => call(alice, 'POST', '/tasks', { body }));

        test('a title of 300 characters is fine', async () => {
            await create(alice, { title: 't'.repeat(300) });
        });
    });

    describe('done', () => {
        test('PATCH {done: true} sets done_at, again keeps it, {done: false} clears it', async () => {
            const t = await create(alice, { title: 'Call back', due_date: '2020-01-01' });
            assert.equal(t.overdue, true);
            const done = expectStatus(await call(alice, 'PATCH', `/tasks/${t.id}`, { body: { done: true } }), 200);
            assert.equal(done.done, true);
            assertTimestamp(done.done_at);
            assert.equal(done.overdue, false, 'a done task is never overdue');
            const again = expectStatus(await call(alice, 'PATCH', `/tasks/${t.id}`, { body: { done: true, notes: 'left a message' } }), 200);
            assert.equal(again.done_at, done.done_at, 'marking a done task done keeps when it was done');
            const undone = expectStatus(await call(alice, 'PATCH', `/tasks/${t.id}`, { body: { done: false } }), 200);
            assert.equal(undone.done, false);
            assert.equal(undone.done_at, null);
            assert.equal(undone.overdue, true);
        });

        test('PUT keeps done and the priority, nulls the rest', async () => {
            const job = await createJob(srv, alice.token);
            const t = await create(alice, { title: 'Prepare', notes: 'n', due_date: '2031-01-01', priority: 'high', job_id: job.id, done: true });
            const p = expectStatus(await call(alice, 'PUT', `/tasks/${t.id}`, { body: { title: 'Prepare well' } }), 200);
            assert.equal(p.title, 'Prepare well');
            assert.equal(p.done, true);
            assert.equal(p.done_at, t.done_at);
            assert.equal(p.priority, 'high');
            for (const k of ['notes', 'due_date', 'job_id', 'application_id']) assert.equal(p[k], null, k);
        });

        test('PATCH moving the link: one replaces the other; another user\'s → 404 naming it', async () => {
            const app = await createApplication(srv, alice.token);
            const job = await createJob(srv, alice.token);
            const t = await create(alice, { title: 'Move me', job_id: job.id });
            const moved = expectStatus(await call(alice, 'PATCH', `/tasks/${t.id}`, { body: { application_id: app.id } }), 200);
            assert.equal(moved.application_id, app.id);
            assert.equal(moved.job_id, null);
            const back = expectStatus(await call(alice, 'PATCH', `/tasks/${t.id}`, { body: { job_id: job.id } }), 200);
            assert.equal(back.job_id, job.id);
            assert.equal(back.application_id, null);
            const bobJob = await createJob(srv, bob.token);
            expectError(await call(alice, 'PATCH', `/tasks/${t.id}`, { body: { job_id: bobJob.id } }), 404, 'not_found', 'job_id');
            assert.equal(expectStatus(await call(alice, 'GET', `/tasks/${t.id}`), 200).job_id, job.id, 'unchanged');
        });

        test('another user\'s, missing or malformed id → 404 everywhere', async () => {
            const t = await create(alice, { title: 'Mine' });
            for (const [who, id] of [[bob, t.id], [alice, 99999999], [alice, 'abc']]) {
                expectError(await call(who, 'GET', `/tasks/${id}`), 404, 'not_found');
                expectError(await call(who, 'PATCH', `/tasks/${id}`, { body: { done: true } }), 404, 'not_found');
                expectError(await call(who, 'PUT', `/tasks/${id}`, { body: { title: 'x' } }), 404, 'not_found');
                expectError(await call(who, 'DELETE', `/tasks/${id}`), 404, 'not_found');
            }
            assert.equal(expectStatus(await call(alice, 'GET', `/tasks/${t.id}`), 200).done, false);
            expectStatus(await call(alice, 'DELETE', `/tasks/${t.id}`), 204);
            expectError(await call(alice, 'GET', `/tasks/${t.id}`), 404, 'not_found');
        });
    });

    describe('GET /tasks: filters and sorts', () => {
        let erin;
        let job;
        let app;
        before(async () => {
            // "Due today" must still be today when the tests read overdue and due_before
            await awayFromMidnight();
            erin = await registerUser(srv);
            job = await createJob(srv, erin.token, { company: 'Filter Co' });
            app = await createApplication(srv, erin.token, {}, { company: 'Other Co' });
            const appOfJob = expectStatus(await call(erin, 'POST', '/applications', { body: { job_id: job.id } }), 201);
            await create(erin, { title: 'Overdue call', due_date: today(-3), priority: 'high', job_id: job.id });
            await create(erin, { title: 'Due today', due_date: today(), priority: 'low', application_id: appOfJob.id });
            await create(erin, { title: 'Next week', due_date: today(7), application_id: app.id, notes: 'bring the references' });
            await create(erin, { title: 'Someday', priority: 'high' });
            const done = await create(erin, { title: 'Finished long ago', due_date: today(-10) });
            expectStatus(await call(erin, 'PATCH', `/tasks/${done.id}`, { body: { done: true } }), 200);
            await create(bob, { title: 'Bob\'s task', due_date: today(-1) });
        });

        test('own tasks only, by due date (undated last), overdue marked', async () => {
            const body = expectStatus(await call(erin, 'GET', '/tasks'), 200);
            assert.deepEqual(titles(body), ['Finished long ago', 'Overdue call', 'Due today', 'Next week', 'Someday']);
            const overdue = Object.fromEntries(body.items.map((t) => [t.title, t.overdue]));
            assert.deepEqual(overdue, { 'Finished long ago': false, 'Overdue call': true, 'Due today': false, 'Next week': false, Someday: false });
        });

        test('done=false|true; anything else → 422 naming done', async () => {
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', '/tasks?done=false'), 200)), ['Overdue call', 'Due today', 'Next week', 'Someday']);
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', '/tasks?done=true'), 200)), ['Finished long ago']);
            expectError(await call(erin, 'GET', '/tasks?done=maybe'), 422, 'validation_failed', 'done');
        });

        test('due_before: strictly before the day; a bad date → 422', async () => {
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', `/tasks?done=false&due_before=${today(1)}`), 200)), ['Overdue call', 'Due today']);
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', `/tasks?due_before=${today()}`), 200)), ['Finished long ago', 'Overdue call']);
            expectError(await call(erin, 'GET', '/tasks?due_before=soon'), 422, 'validation_failed', 'due_before');
        });

        test('job_id: the job\'s own tasks and those of its applications; application_id: that application\'s', async () => {
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', `/tasks?job_id=${job.id}`), 200)), ['Overdue call', 'Due today']);
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', `/tasks?application_id=${app.id}`), 200)), ['Next week']);
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', `/tasks?job_id=${app.job_id}`), 200)), ['Next week']);
            assert.equal(expectStatus(await call(erin, 'GET', '/tasks?job_id=0'), 200).total, 0);
            expectError(await call(erin, 'GET', '/tasks?job_id=x'), 422, 'validation_failed', 'job_id');
            expectError(await call(erin, 'GET', '/tasks?application_id=x'), 422, 'validation_failed', 'application_id');
            assert.equal(expectStatus(await call(bob, 'GET', `/tasks?job_id=${job.id}`), 200).total, 0);
        });

        test('priority filter; sort -priority (high first, then by due date), title, -due_date', async () => {
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', '/tasks?priority=high'), 200)), ['Overdue call', 'Someday']);
            expectError(await call(erin, 'GET', '/tasks?priority=urgent'), 422, 'validation_failed', 'priority');
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', '/tasks?sort=-priority&done=false'), 200)), ['Overdue call', 'Someday', 'Next week', 'Due today']);
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', '/tasks?sort=title'), 200)), ['Due today', 'Finished long ago', 'Next week', 'Overdue call', 'Someday']);
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', '/tasks?sort=-due_date'), 200)), ['Next week', 'Due today', 'Overdue call', 'Finished long ago', 'Someday']);
            expectError(await call(erin, 'GET', '/tasks?sort=notes'), 422, 'validation_failed', 'sort');
        });

        test('q searches title and notes', async () => {
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', '/tasks?q=referen'), 200)), ['Next week']);
            assert.deepEqual(titles(expectStatus(await call(erin, 'GET', '/tasks?q=call'), 200)), ['Overdue call']);
            assert.equal(expectStatus(await call(erin, 'GET', '/tasks?q=Bob'), 200).total, 0);
        });
    });

    describe('cascades', () => {
        test('deleting the job or the application deletes its tasks; other tasks stay', async () => {
            const job = await createJob(srv, alice.token);
            const app = await createApplication(srv, alice.token);
            const a = await create(alice, { title: 'of the job', job_id: job.id });
            const b = await create(alice, { title: 'of the application', application_id: app.id });
            const c = await create(alice, { title: 'free' });
            expectStatus(await call(alice, 'DELETE', `/jobs/${job.id}`), 204);
            expectStatus(await call(alice, 'DELETE', `/applications/${app.id}`), 204);
            expectError(await call(alice, 'GET', `/tasks/${a.id}`), 404, 'not_found');
            expectError(await call(alice, 'GET', `/tasks/${b.id}`), 404, 'not_found');
            expectStatus(await call(alice, 'GET', `/tasks/${c.id}`), 200);
        });
    });

    describe('the calendar and its feed', () => {
        test('open tasks with a due date are events (type task, task_id); done and undated ones are not', async () => {
            const fay = await registerUser(srv);
            const app = await createApplication(srv, fay.token, {}, { company: 'Cal Co', title: 'Analyst' });
            const linked = await create(fay, { title: 'Prepare the case study', due_date: '2031-03-10', application_id: app.id });
            const free = await create(fay, { title: 'Renew the passport', due_date: '2031-03-11' });
            const done = await create(fay, { title: 'Done already', due_date: '2031-03-12' });
            expectStatus(await call(fay, 'PATCH', `/tasks/${done.id}`, { body: { done: true } }), 200);
            await create(fay, { title: 'Undated' });
            await create(bob, { title: 'Bob due', due_date: '2031-03-10' });
            const cal = expectStatus(await call(fay, 'GET', '/calendar?from=2031-03-01&to=2031-03-31'), 200);
            assert.deepEqual(cal.events.map((e) => ({ ...e, updated_at: undefined })), [
                { type: 'task', date: '2031-03-10', datetime: null, title: 'Task: Prepare the case study', application_id: app.id, job_id: app.job_id, task_id: linked.id, updated_at: undefined },
                { type: 'task', date: '2031-03-11', datetime: null, title: 'Task: Renew the passport', application_id: null, job_id: null, task_id: free.id, updated_at: undefined },
            ]);
            expectStatus(await call(fay, 'PATCH', `/tasks/${linked.id}`, { body: { done: true } }), 200);
            const later = expectStatus(await call(fay, 'GET', '/calendar?from=2031-03-01&to=2031-03-31'), 200);
            assert.deepEqual(later.events.map((e) => e.task_id), [free.id]);
        });

        test('the feed has one VEVENT per open task with a stable UID and a link to its job or the tasks view', async () => {
            const gus = await registerUser(srv);
            const job = await createJob(srv, gus.token);
            const withJob = await create(gus, { title: 'Follow the job; call, now', due_date: today(2), job_id: job.id });
            const alone = await create(gus, { title: 'Alone', due_date: today(3) });
            const feed = expectStatus(await call(gus, 'POST', '/calendar/feed'), 201);
            const token = new URL(feed.url).searchParams.get('token');
            const res = await srv.api('GET', `/calendar.ics?token=${token}`);
            expectStatus(res, 200);
            const text = res.text.replace(/\r\n /g, '');
            assert.match(text, new RegExp(`UID:task-${withJob.id}@career-copilot`));
            assert.match(text, new RegExp(`UID:task-${alone.id}@career-copilot`));
            assert.match(text, /SUMMARY:Task: Follow the job\\; call\\, now/);
            assert.match(text, new RegExp(`DTSTART;VALUE=DATE:${today(2).replace(/-/g, '')}`));
            assert.match(text, new RegExp(`URL:[^\\r\\n]*/#/jobs/${job.id}`));
            assert.match(text, /URL:[^\r\n]*\/#\/tasks/);
            const again = await srv.api('GET', `/calendar.ics?token=${token}`);
            assert.equal((again.text.match(/UID:task-/g) || []).length, 2);
        });
    });

    test('the export carries the tasks', async () => {
        const hal = await registerUser(srv);
        const t = await create(hal, { title: 'Exported task', due_date: '2030-01-02', priority: 'low' });
        const doc = expectStatus(await call(hal, 'GET', '/users/me/export'), 200);
        assert.equal(doc.tasks.length, 1);
        const { overdue, ...shown } = t;
        assert.equal(typeof overdue, 'boolean');
        assert.deepEqual(doc.tasks[0], shown, 'the row as the routes show it (overdue is relative to the day: left out)');
    });
});
