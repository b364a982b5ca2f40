// Applications: create/read/update/delete with ownership, list filters and sorting, the status
// pipeline (every allowed transition, a sample of forbidden ones, forced reopening), the dates
// each stage fills, the job following its application, the kanban board and follow-ups
// (SPEC part B "Applications", part A "applications", part C "Application pipeline").

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    APPLICATION_STATUSES, DATE, assertTimestamp, createApplication, createJob, expectBadInput,
    expectError, expectStatus, itemsOf, registerUser, sleep, startServer, today, testRefusedFields,
} from './helpers.mjs';

const MAIN_PATH = ['interested', 'applied', 'phone_screen', 'interview', 'technical', 'offer'];
const OPEN = MAIN_PATH;
const CLOSING = ['rejected', 'withdrawn', 'ghosted'];

describe('applications', () => {
    let srv;
    let alice;
    let bob;
    let bobJob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
        bobJob = await createJob(srv, bob.token, { company: 'Bob Private', title: 'Hidden' });
    });
    after(async () => { await srv?.stop(); });

    const post = (who, body) => srv.api('POST', '/applications', { token: who.token, body });
    const patch = (who, id, body, query = '') => srv.api('PATCH', `/applications/${id}${query}`, { token: who.token, body });
    const getApp = async (who, id) => expectStatus(await srv.api('GET', `/applications/${id}`, { token: who.token }), 200);
    const getJob = async (who, id) => expectStatus(await srv.api('GET', `/jobs/${id}`, { token: who.token }), 200);

    /* Creates an application and walks it along statuses (after the first), asserting each step. */
    async function walk(who, statuses) {
        let app = await createApplication(srv, who.token);
        assert.equal(app.status, 'interested');
        for (const status of statuses.slice(1)) {
            app = expectStatus(await patch(who, app.id, { status }), 200);
            assert.equal(app.status, status);
        }
        return app;
    }

    describe('POST /applications', () => {
        test('201 with Location, default status interested, empty dates', async () => {
            const job = await createJob(srv, alice.token);
            const res = await post(alice, { job_id: job.id, notes: 'first contact', follow_up_date: '2030-01-01', interview_feedback: { mood: 'good', rating: 4 } });
            const app = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/applications/${app.id}$`));
            assert.ok(Number.isInteger(app.id));
            assert.equal(app.user_id, alice.user.id);
            assert.equal(app.job_id, job.id);
            assert.equal(app.status, 'interested');
            assert.equal(app.notes, 'first contact');
            assert.equal(app.follow_up_date, '2030-01-01');
            assert.deepEqual(app.interview_feedback, { mood: 'good', rating: 4 });
            for (const key of ['applied_date', 'response_date', 'interview_date', 'offer_date'])
                assert.equal(app[key] ?? null, null, key);
            assertTimestamp(app.created_at, 'created_at');
            assertTimestamp(app.updated_at, 'updated_at');
            const again = await getApp(alice, app.id);
            assert.equal(again.notes, 'first contact');
        });

        test('created as applied: applied_date is today and the job follows', async () => {
            const job = await createJob(srv, alice.token);
            const app = expectStatus(await post(alice, { job_id: job.id, status: 'applied' }), 201);
            assert.equal(app.applied_date, today());
            const j = await getJob(alice, job.id);
            assert.equal(j.status, 'applied');
            assert.equal(j.date_applied, today());
        });

        test('a new application sets the job\'s status to its own', async () => {
            const job = await createJob(srv, alice.token);
            await post(alice, { job_id: job.id });
            assert.equal((await getJob(alice, job.id)).status, 'interested');
        });

        test('another user\'s job or a missing job → 404 (never revealed)', async () => {
            expectError(await post(alice, { job_id: bobJob.id }), 404, 'not_found');
            expectError(await post(alice, { job_id: 99999999 }), 404, 'not_found');
            const list = expectStatus(await srv.api('GET', `/applications?job_id=${bobJob.id}`, { token: bob.token }), 200);
            assert.equal(list.total, 0, 'nothing was attached to bob\'s job');
        });

        const invalid = [
            ['job_id', undefined],
            ['job_id', null],
            ['job_id', 'abc'],
            ['job_id', 1.5],
            ['status', 'dreaming'],
            ['status', 'not_applied'],
            ['status', 'archived'],
            ['applied_date', 'yesterday'],
            ['follow_up_date', '2025-02-30'],
            ['offer_date', '2025/01/01'],
            ['interview_feedback', [1, 2]],
            ['interview_feedback', 'great'],
            ['notes', 5],
            ['colour', 'teal'],
            ['id', 1],
            ['user_id', 1],
            ['created_at', '2020-01-01T00:00:00Z'],
        ];
        testRefusedFields(invalid, async () => ({ job_id: (await createJob(srv, alice.token)).id }),
            (body) => post(alice, body));

        test('malformed JSON → 400, no token → 401', async () => {
            expectError(await srv.api('POST', '/applications', { token: alice.token, raw: '{"job_id": ' }), 400, 'bad_request');
            expectError(await srv.api('POST', '/applications', { body: { job_id: 1 } }), 401, 'unauthorized');
        });
    });

    describe('GET/PATCH/DELETE /applications/{id}', () => {
        test('another user\'s, missing or malformed id → 404 for GET, PATCH and DELETE', async () => {
            const app = await createApplication(srv, alice.token, { notes: 'private' });
            for (const [who, id] of [[bob, app.id], [alice, 99999999], [alice, 'abc'], [alice, '0']]) {
                expectError(await srv.api('GET', `/applications/${id}`, { token: who.token }), 404, 'not_found');
                expectError(await patch(who, id, { notes: 'hijack' }), 404, 'not_found');
                expectError(await srv.api('DELETE', `/applications/${id}`, { token: who.token }), 404, 'not_found');
            }
            assert.equal((await getApp(alice, app.id)).notes, 'private');
        });

        test('PATCH of plain fields', async () => {
            const app = await createApplication(srv, alice.token);
            const body = expectStatus(await patch(alice, app.id, { notes: 'called back', follow_up_date: '2031-05-06', interview_feedback: { q: 'hard' } }), 200);
            assert.equal(body.notes, 'called back');
            assert.equal(body.follow_up_date, '2031-05-06');
            assert.deepEqual(body.interview_feedback, { q: 'hard' });
            assert.equal(body.status, 'interested');
            assert.equal(body.created_at, app.created_at);
        });

        test('PATCH validation: unknown, server-owned and malformed fields', async () => {
            const app = await createApplication(srv, alice.token);
            const cases = [
                [{ colour: 'teal' }, 'colour'],
                [{ id: 5 }, 'id'],
                [{ user_id: bob.user.id }, 'user_id'],
                [{ status: 'dreaming' }, 'status'],
                [{ follow_up_date: 'soon' }, 'follow_up_date'],
                [{ interview_feedback: [1] }, 'interview_feedback'],
            ];
            for (const [body, field] of cases)
                expectError(await patch(alice, app.id, body), 422, 'validation_failed', field);
        });

        test('PATCH cannot move an application onto another user\'s job', async () => {
            const app = await createApplication(srv, alice.token);
            const res = await patch(alice, app.id, { job_id: bobJob.id });
            expectStatus(res, [404, 422]);
            assert.equal((await getApp(alice, app.id)).job_id, app.job_id);
        });

        test('DELETE → 204, then 404; the job stays', async () => {
            const app = await createApplication(srv, alice.token);
            const res = await srv.api('DELETE', `/applications/${app.id}`, { token: alice.token });
            expectStatus(res, 204);
            assert.equal(res.text, '');
            expectError(await srv.api('GET', `/applications/${app.id}`, { token: alice.token }), 404, 'not_found');
            await getJob(alice, app.job_id);
        });
    });

    describe('pipeline', () => {
        const allowedPaths = [
            MAIN_PATH.concat('accepted'),
            MAIN_PATH.concat('declined'),
            ['interested', 'applied', 'interview'],
            ['interested', 'applied', 'offer'],
            ['interested', 'applied', 'technical', 'offer', 'accepted'],
            ['interested', 'applied', 'phone_screen', 'technical'],
            ['interested', 'applied', 'phone_screen', 'offer'],
            ['interested', 'applied', 'interview', 'offer'],
        ];
        for (const open of OPEN) {
            for (const end of CLOSING)
                allowedPaths.push(MAIN_PATH.slice(0, MAIN_PATH.indexOf(open) + 1).concat(end));
        }
        for (const path of allowedPaths) {
            test(`allowed: ${path.join(' → ')}`, async () => {
                const app = await walk(alice, path);
                assert.equal((await getJob(alice, app.job_id)).status, path.at(-1), 'the job follows the application');
            });
        }

        const forbidden = [
            ['interested', 'interview'],
            ['interested', 'phone_screen'],
            ['interested', 'offer'],
            ['interested', 'accepted'],
            ['applied', 'interested'],
            ['interview', 'phone_screen'],
            ['technical', 'applied'],
            ['offer', 'interview'],
        ];
        const FINAL_FROM = {
            rejected: ['interested', 'applied', 'rejected'],
            withdrawn: ['interested', 'applied', 'phone_screen', 'withdrawn'],
            ghosted: ['interested', 'applied', 'ghosted'],
            accepted: MAIN_PATH.concat('accepted'),
            declined: MAIN_PATH.concat('declined'),
        };
        const forbiddenFromFinal = [
            ['rejected', 'applied'],
            ['rejected', 'interested'],
            ['withdrawn', 'phone_screen'],
            ['ghosted', 'applied'],
            ['accepted', 'offer'],
            ['accepted', 'declined'],
            ['declined', 'accepted'],
            ['declined', 'offer'],
        ];

        test('interested → interview is refused with the allowed next states', async () => {
            const app = await createApplication(srv, alice.token);
            const error = expectError(await patch(alice, app.id, { status: 'interview' }), 422, 'validation_failed', 'status');
            assert.ok(Array.isArray(error.allowed), `error.allowed should list the next states: ${JSON.stringify(error)}`);
            assert.deepEqual([...error.allowed].sort(), ['applied', 'ghosted', 'rejected', 'withdrawn']);
            assert.equal((await getApp(alice, app.id)).status, 'interested', 'unchanged');
        });

        test('the allowed list of an open later state includes forward moves and the closing states', async () => {
            const app = await walk(alice, ['interested', 'applied']);
            const error = expectError(await patch(alice, app.id, { status: 'interested' }), 422, 'validation_failed', 'status');
            assert.ok(Array.isArray(error.allowed));
            for (const next of ['phone_screen', 'interview', 'offer', ...CLOSING])
                assert.ok(error.allowed.includes(next), `${next} in ${error.allowed}`);
            for (const never of ['interested', 'applied'])
                assert.ok(!error.allowed.includes(never), `${never} not in ${error.allowed}`);
        });

        for (const [from, to] of forbidden) {
            test(`forbidden: ${from} → ${to}`, async () => {
                const app = await walk(alice, MAIN_PATH.slice(0, MAIN_PATH.indexOf(from) + 1));
                const error = expectError(await patch(alice, app.id, { status: to }), 422, 'validation_failed', 'status');
                assert.ok(Array.isArray(error.allowed), `error.allowed: ${JSON.stringify(error)}`);
                assert.ok(!error.allowed.includes(to));
                assert.equal((await getApp(alice, app.id)).status, from);
            });
        }

        for (const [from, to] of forbiddenFromFinal) {
            test(`forbidden without force: final ${from} → ${to}`, async () => {
                const app = await walk(alice, FINAL_FROM[from]);
                const error = expectError(await patch(alice, app.id, { status: to }), 422, 'validation_failed', 'status');
                if (error.allowed !== undefined) {
                    assert.ok(Array.isArray(error.allowed));
                    assert.ok(!error.allowed.includes(to));
                }
                assert.equal((await getApp(alice, app.id)).status, from);
            });
        }

        const reopen = [
            ['rejected', 'applied'],
            ['withdrawn', 'phone_screen'],
            ['ghosted', 'applied'],
            ['accepted', 'offer'],
            ['declined', 'offer'],
        ];
        for (const [final, previous] of reopen) {
            test(`?force=true reopens ${final} to its previous state ${previous}`, async () => {
                const app = await walk(alice, FINAL_FROM[final]);
                const body = expectStatus(await patch(alice, app.id, { status: previous }, '?force=true'), 200);
                assert.equal(body.status, previous);
                assert.equal((await getJob(alice, app.job_id)).status, previous, 'the job follows');
            });
        }

        test('?force=1 reopens as true does; a value other than true, false, 1 or 0 → 422 naming force', async () => {
            const app = await walk(alice, FINAL_FROM.rejected); // previous: applied
            for (const bad of ['yes', 'TRUE', '2', ''])
                expectError(await patch(alice, app.id, { status: 'applied' }, `?force=${bad}`), 422, 'validation_failed', 'force');
            expectError(await patch(alice, app.id, { status: 'applied' }, '?force=0'), 422, 'validation_failed', 'status');
            assert.equal(expectStatus(await patch(alice, app.id, { status: 'applied' }, '?force=1'), 200).status, 'applied');
        });

        test('after reopening, the pipeline goes on as usual', async () => {
            const app = await walk(alice, FINAL_FROM.rejected);
            expectStatus(await patch(alice, app.id, { status: 'applied' }, '?force=true'), 200);
            const body = expectStatus(await patch(alice, app.id, { status: 'phone_screen' }), 200);
            assert.equal(body.status, 'phone_screen');
        });

        test('?force=true reopens only to the previous state', async () => {
            const app = await walk(alice, FINAL_FROM.withdrawn); // previous: phone_screen
            for (const to of ['interested', 'offer', 'accepted']) {
                const res = await patch(alice, app.id, { status: to }, '?force=true');
                expectError(res, 422, 'validation_failed', 'status');
            }
            assert.equal((await getApp(alice, app.id)).status, 'withdrawn');
        });

        // Migration 0032: the status left is kept when an application closes, so reopening goes
        // back exactly there, not to the guess from its dates.
        const kept = [
            [['interested', 'applied', 'phone_screen', 'rejected'], 'phone_screen'],
            [['interested', 'applied', 'interview', 'technical', 'rejected'], 'technical'],
            [MAIN_PATH.concat('declined'), 'offer'],
            [['interested', 'applied', 'interview', 'technical', 'withdrawn'], 'technical'],
            [['interested', 'applied', 'phone_screen', 'ghosted'], 'phone_screen'],
        ];
        for (const [path, previous] of kept) {
            test(`${path.join(' → ')}: previous_status ${previous}, ?force=true reopens to it`, async () => {
                const app = await walk(alice, path);
                assert.equal(app.previous_status, previous, 'kept in the write that closed it');
                assert.equal((await getApp(alice, app.id)).previous_status, previous);
                const body = expectStatus(await patch(alice, app.id, { status: previous }, '?force=true'), 200);
                assert.equal(body.status, previous);
                assert.equal(body.previous_status, null, 'cleared on reopening');
                assert.equal((await getJob(alice, app.job_id)).status, previous, 'the job follows');
            });
        }

        test('phone_screen → rejected: force applied is 422 naming phone_screen; nothing changes', async () => {
            const app = await walk(alice, ['interested', 'applied', 'phone_screen', 'rejected']);
            const error = expectError(await patch(alice, app.id, { status: 'applied' }, '?force=true'), 422, 'validation_failed', 'status');
            assert.deepEqual(error.allowed, ['phone_screen']);
            assert.match(error.message, /phone_screen/);
            const unforced = expectError(await patch(alice, app.id, { status: 'phone_screen' }), 422, 'validation_failed', 'status');
            assert.match(unforced.message, /\?force=true reopens it to phone_screen/);
            const again = await getApp(alice, app.id);
            assert.equal(again.status, 'rejected');
            assert.equal(again.previous_status, 'phone_screen');
            assert.equal((await getJob(alice, app.job_id)).status, 'rejected');
        });

        test('open applications have no previous_status, and the client cannot set it', async () => {
            const app = await walk(alice, ['interested', 'applied', 'interview']);
            assert.equal(app.previous_status, null);
            const res = await patch(alice, app.id, { previous_status: 'offer' });
            assert.ok(res.status === 422 || res.status === 400, `refused: ${res.status}`);
            assert.equal((await getApp(alice, app.id)).previous_status, null);
        });

        test('closed, reopened and closed again: the latest status left is kept', async () => {
            const app = await walk(alice, ['interested', 'applied', 'phone_screen', 'withdrawn']);
            expectStatus(await patch(alice, app.id, { status: 'phone_screen' }, '?force=true'), 200);
            expectStatus(await patch(alice, app.id, { status: 'offer' }), 200);
            const closed = expectStatus(await patch(alice, app.id, { status: 'rejected' }), 200);
            assert.equal(closed.previous_status, 'offer');
            const notes = expectStatus(await patch(alice, app.id, { notes: 'still hoping' }), 200);
            assert.equal(notes.previous_status, 'offer', 'a write without a move keeps it');
            const body = expectStatus(await patch(alice, app.id, { status: 'offer' }, '?force=true'), 200);
            assert.equal(body.status, 'offer');
        });

        test('another user cannot move an application', async () => {
            const app = await createApplication(srv, alice.token);
            expectError(await patch(bob, app.id, { status: 'applied' }), 404, 'not_found');
            assert.equal((await getApp(alice, app.id)).status, 'interested');
        });
    });

    describe('dates filled by status changes', () => {
        test('applied → applied_date, phone_screen → response_date, interview → interview_date, offer → offer_date', async () => {
            const app = await createApplication(srv, alice.token);
            let body = expectStatus(await patch(alice, app.id, { status: 'applied' }), 200);
            assert.equal(body.applied_date, today());
            assert.equal(body.response_date ?? null, null);
            let job = await getJob(alice, app.job_id);
            assert.equal(job.status, 'applied');
            assert.equal(job.date_applied, today());

            body = expectStatus(await patch(alice, app.id, { status: 'phone_screen' }), 200);
            assert.equal(body.response_date, today());
            assert.equal(body.applied_date, today());

            body = expectStatus(await patch(alice, app.id, { status: 'interview' }), 200);
            assertTimestamp(body.interview_date, 'interview_date');
            assert.equal(body.interview_date.slice(0, 10), today());
            assert.equal(body.response_date, today());
            job = await getJob(alice, app.job_id);
            assert.equal(job.status, 'interview');

            body = expectStatus(await patch(alice, app.id, { status: 'offer' }), 200);
            assert.equal(body.offer_date, today());
            assert.match(body.offer_date, DATE);
        });

        test('dates already set are kept', async () => {
            const app = await createApplication(srv, alice.token, { applied_date: '2025-01-05', interview_date: '2030-02-03T10:00:00Z' });
            let body = expectStatus(await patch(alice, app.id, { status: 'applied' }), 200);
            assert.equal(body.applied_date, '2025-01-05');
            const job = await getJob(alice, app.job_id);
            assert.equal(job.date_applied, '2025-01-05', 'the job\'s date_applied follows the application');
            body = expectStatus(await patch(alice, app.id, { status: 'interview' }), 200);
            assert.equal(body.interview_date, '2030-02-03T10:00:00Z');
        });

        test('the job\'s date_applied follows a corrected applied_date (SPEC part B)', async () => {
            // SPEC part B: "the job's status/date_applied follow the application". A job kept
            // the first date (today) after the user corrected the application's applied_date.
            const app = await createApplication(srv, alice.token, { status: 'applied' });
            assert.equal((await getJob(alice, app.job_id)).date_applied, today());
            let body = expectStatus(await patch(alice, app.id, { applied_date: '2025-02-03' }), 200);
            assert.equal(body.applied_date, '2025-02-03');
            assert.equal((await getJob(alice, app.job_id)).date_applied, '2025-02-03');
            // a newer application without a date leaves the job's date as it is
            const other = expectStatus(await post(alice, { job_id: app.job_id }), 201);
            assert.equal(other.applied_date, null);
            let job = await getJob(alice, app.job_id);
            assert.equal(job.status, 'interested');
            assert.equal(job.date_applied, '2025-02-03');
            body = expectStatus(await patch(alice, other.id, { status: 'applied' }), 200);
            job = await getJob(alice, app.job_id);
            assert.equal(job.date_applied, body.applied_date, 'the latest application\'s date');
            // deleting it: the job follows the application left, date included
            expectStatus(await srv.api('DELETE', `/applications/${other.id}`, { token: alice.token }), 204);
            job = await getJob(alice, app.job_id);
            assert.equal(job.status, 'applied');
            assert.equal(job.date_applied, '2025-02-03');
        });

        test('skipping straight to interview records the first response too', async () => {
            const app = await walk(alice, ['interested', 'applied']);
            const body = expectStatus(await patch(alice, app.id, { status: 'interview' }), 200);
            assert.equal(body.response_date, today());
            assertTimestamp(body.interview_date, 'interview_date');
        });
    });

    describe('GET /applications (list)', () => {
        let lister;
        const apps = {};

        before(async () => {
            lister = await registerUser(srv);
            apps.a = await createApplication(srv, lister.token, {});
            apps.b = await createApplication(srv, lister.token, { status: 'applied', applied_date: '2025-01-10' });
            apps.c = await createApplication(srv, lister.token, { status: 'applied', applied_date: '2025-02-20' });
            apps.d = await createApplication(srv, lister.token, { status: 'applied', applied_date: '2025-03-05' });
            apps.d = expectStatus(await patch(lister, apps.d.id, { status: 'interview' }), 200);
        });

        const ids = async (query) => {
            const body = expectStatus(await srv.api('GET', `/applications${query}`, { token: lister.token }), 200);
            assert.equal(body.total, body.items.length, 'total matches when everything fits one page');
            for (const app of body.items) assert.equal(app.user_id, lister.user.id);
            return body.items.map((a) => a.id);
        };
        const named = (...keys) => keys.map((k) => apps[k].id);
        const same = (a, b) => assert.deepEqual([...a].sort((x, y) => x - y), [...b].sort((x, y) => x - y));

        test('list shape with defaults', async () => {
            const body = expectStatus(await srv.api('GET', '/applications', { token: lister.token }), 200);
            assert.equal(body.total, 4);
            assert.equal(body.limit, 20);
            assert.equal(body.offset, 0);
            assert.equal(body.items.length, 4);
        });

        test('paging', async () => {
            const body = expectStatus(await srv.api('GET', '/applications?limit=3&offset=2', { token: lister.token }), 200);
            assert.equal(body.total, 4);
            assert.equal(body.items.length, 2);
            expectError(await srv.api('GET', '/applications?limit=101', { token: lister.token }), 422, 'validation_failed');
        });

        const filters = [
            ['status=applied', ['b', 'c']],
            ['status=interview', ['d']],
            ['status=interested', ['a']],
            ['status=offer', []],
            ['applied_from=2025-02-01', ['c', 'd']],
            ['applied_to=2025-02-20', ['b', 'c']],
            ['applied_from=2025-01-10&applied_to=2025-01-10', ['b']],
            ['applied_from=2025-01-11&applied_to=2025-03-01', ['c']],
            ['status=applied&applied_from=2025-02-01', ['c']],
        ];
        for (const [query, expected] of filters) {
            test(`filter ${query}`, async () => {
                same(await ids(`?${query}`), named(...expected));
            });
        }

        test('filter job_id', async () => {
            same(await ids(`?job_id=${apps.c.job_id}`), named('c'));
        });

        test('a bad date in a range filter is refused', async () => {
            expectBadInput(await srv.api('GET', '/applications?applied_from=not-a-date', { token: lister.token }));
        });

        test('sort=applied_date and sort=-applied_date', async () => {
            const up = (await ids('?sort=applied_date')).filter((id) => id !== apps.a.id);
            assert.deepEqual(up, named('b', 'c', 'd'));
            const down = (await ids('?sort=-applied_date')).filter((id) => id !== apps.a.id);
            assert.deepEqual(down, named('d', 'c', 'b'));
        });

        test('sort=created_at and sort=-created_at', async () => {
            const body = expectStatus(await srv.api('GET', '/applications?sort=-created_at', { token: lister.token }), 200);
            for (let i = 1; i < body.items.length; i++)
                assert.ok(body.items[i - 1].created_at >= body.items[i].created_at);
            const up = expectStatus(await srv.api('GET', '/applications?sort=created_at', { token: lister.token }), 200);
            for (let i = 1; i < up.items.length; i++)
                assert.ok(up.items[i - 1].created_at <= up.items[i].created_at);
        });

        // the pipeline's order (SPEC part A, GET /applications/pipeline), not the statuses'
        // names, on both engines (SQLite sorted its text by name before migration 0092), ties by
        // id in the sort's direction; beside a status filter, and with another filter
        test('sort=status and sort=-status: the pipeline\'s order, ties by id', async () => {
            const user = await registerUser(srv);
            const made = [];
            // two of each status, created in neither the pipeline's order nor the names'
            const order = [...APPLICATION_STATUSES].reverse();
            for (const status of [...order.filter((_, i) => i % 2), ...order.filter((_, i) => i % 2 === 0)])
                for (const k of [0, 1])
                    made.push(await createApplication(srv, user.token, { status, applied_date: k ? '2025-03-01' : '2025-01-01' }));
            const rank = (a) => APPLICATION_STATUSES.indexOf(a.status);
            const expect = (rows, desc) => [...rows].sort((a, b) => (rank(a) - rank(b) || a.id - b.id) * (desc ? -1 : 1)).map((a) => a.id);
            const list = async (query) => {
                const body = expectStatus(await srv.api('GET', `/applications?${query}`, { token: user.token }), 200);
                return body.items.map((a) => a.id);
            };
            for (const desc of [false, true]) {
                const sort = desc ? '-status' : 'status';
                assert.deepEqual(await list(`sort=${sort}&limit=100`), expect(made, desc), sort);
                assert.deepEqual(await list(`sort=${sort}&limit=5&offset=7`), expect(made, desc).slice(7, 12), `${sort}, a page`);
                const later = made.filter((a) => a.applied_date === '2025-03-01');
                assert.deepEqual(await list(`applied_from=2025-02-01&sort=${sort}`), expect(later, desc), `${sort}, applied_from`);
                const ghosted = made.filter((a) => a.status === 'ghosted');
                assert.deepEqual(await list(`status=ghosted&sort=${sort}`), expect(ghosted, desc), `${sort}, status=ghosted`);
            }
        });

        test('an unknown sort field → 422', async () => {
            expectError(await srv.api('GET', '/applications?sort=no_such_field', { token: lister.token }), 422, 'validation_failed');
        });

        test('other users see none of them', async () => {
            const body = expectStatus(await srv.api('GET', '/applications?limit=100', { token: bob.token }), 200);
            const mine = new Set(Object.values(apps).map((a) => a.id));
            assert.ok(!body.items.some((a) => mine.has(a.id)));
        });
    });

    describe('GET /applications/pipeline', () => {
        test('states, open, final, transitions and reopen, in pipeline order', async () => {
            const p = expectStatus(await srv.api('GET', '/applications/pipeline', { token: alice.token }), 200);
            assert.deepEqual(p.states, APPLICATION_STATUSES);
            assert.deepEqual(p.open, OPEN);
            assert.deepEqual(p.final, ['accepted', 'declined', ...CLOSING]);
            assert.deepEqual(Object.keys(p.transitions), APPLICATION_STATUSES);
            assert.deepEqual(p.transitions.interested, ['applied', 'rejected', 'withdrawn', 'ghosted']);
            for (const s of p.final) {
                assert.deepEqual(p.transitions[s], [], `${s} is final`);
                assert.equal(p.reopen[s], true, `${s} can be reopened`);
            }
            for (const s of p.open) assert.ok(!(s in p.reopen), `${s} is open`);
            for (const [from, to] of Object.entries(p.transitions)) {
                const order = to.map((s) => APPLICATION_STATUSES.indexOf(s));
                assert.deepEqual(order, [...order].sort((x, y) => x - y), `${from}: pipeline order`);
            }
            expectError(await srv.api('GET', '/applications/pipeline'), 401, 'unauthorized');
        });

        test('it is the table the server enforces: every move it lists succeeds, every other is refused', async () => {
            const p = expectStatus(await srv.api('GET', '/applications/pipeline', { token: alice.token }), 200);
            const who = await registerUser(srv);
            const attempts = [];
            for (const from of p.states) {
                for (const to of p.states) {
                    if (to === from) continue;
                    attempts.push((async () => {
                        const app = await createApplication(srv, who.token, { status: from });
                        const res = await patch(who, app.id, { status: to });
                        const allowed = p.transitions[from].includes(to);
                        if (allowed) {
                            assert.equal(expectStatus(res, 200).status, to, `${from} → ${to}`);
                        } else {
                            const error = expectError(res, 422, 'validation_failed', 'status');
                            assert.deepEqual(error.allowed ?? [], p.transitions[from], `${from} → ${to} names the allowed moves`);
                        }
                    })());
                    if (attempts.length % 8 === 0) await Promise.all(attempts.splice(0));
                }
            }
            await Promise.all(attempts);
        });
    });

    describe('GET /applications/board', () => {
        const board = async (who, query = '') => expectStatus(await srv.api('GET', `/applications/board${query}`, { token: who.token }), 200);

        test('one column per status, in pipeline order, with count and items carrying the job', async () => {
            const user = await registerUser(srv);
            const a = await createApplication(srv, user.token, {}, { company: 'Board Co', title: 'Board Member' });
            const b = await createApplication(srv, user.token, { status: 'applied' }, { company: 'Kanban Ltd', title: 'Card Mover' });
            const body = await board(user);
            assert.deepEqual(body.columns.map((c) => c.status), APPLICATION_STATUSES);
            assert.equal(body.total, 2);
            assert.equal(body.per_column, 50, 'default per_column');
            const col = Object.fromEntries(body.columns.map((c) => [c.status, c]));
            assert.equal(col.interested.count, 1);
            assert.deepEqual(col.interested.items.map((i) => [i.id, i.job_title, i.company]), [[a.id, 'Board Member', 'Board Co']]);
            assert.deepEqual(col.applied.items.map((i) => [i.id, i.job_title, i.company]), [[b.id, 'Card Mover', 'Kanban Ltd']]);
            for (const status of APPLICATION_STATUSES.filter((s) => !['interested', 'applied'].includes(s))) {
                assert.equal(col[status].count, 0, status);
                assert.deepEqual(col[status].items, [], status);
            }
        });

        test('per_column bounds each column; counts stay whole; the rest pages through /applications', async () => {
            const user = await registerUser(srv);
            const job = await createJob(srv, user.token);
            const ids = [];
            for (let i = 0; i < 5; i++)
                ids.push(expectStatus(await post(user, { job_id: job.id, status: 'applied' }), 201).id);
            await post(user, { job_id: job.id });
            const body = await board(user, '?per_column=2');
            const applied = body.columns.find((c) => c.status === 'applied');
            assert.equal(applied.count, 5);
            assert.equal(applied.items.length, 2);
            assert.equal(body.per_column, 2);
            assert.equal(body.total, 6);
            // the rest, in the board's order (most recently updated first), through the list route
            const rest = expectStatus(await srv.api('GET', '/applications?status=applied&sort=-updated_at&offset=2&limit=100', { token: user.token }), 200);
            assert.equal(rest.total, 5);
            for (const item of rest.items) assert.equal(item.company, job.company, 'list items carry their job');
            const all = [...applied.items.map((i) => i.id), ...rest.items.map((i) => i.id)];
            assert.deepEqual([...all].sort((x, y) => x - y), ids);
        });

        test('the most recently updated come first', async () => {
            const user = await registerUser(srv);
            const first = await createApplication(srv, user.token, { status: 'applied' });
            await createApplication(srv, user.token, { status: 'applied' });
            await createApplication(srv, user.token, { status: 'applied' });
            await sleep(1100); // updated_at has whole seconds
            expectStatus(await patch(user, first.id, { notes: 'touched' }), 200);
            const applied = (await board(user, '?per_column=1')).columns.find((c) => c.status === 'applied');
            assert.deepEqual(applied.items.map((i) => i.id), [first.id]);
        });

        test('SPEC part E\'s "more through GET /applications?status=S&offset=": no sort needed', async () => {
            // the list of one status defaults to the board's order; before, it was -created_at,
            // so after an older application was updated the "more" page repeated it and
            // skipped another
            const user = await registerUser(srv);
            const apps = [];
            for (let i = 0; i < 4; i++) apps.push(await createApplication(srv, user.token, { status: 'applied' }));
            await sleep(1100); // updated_at has whole seconds
            expectStatus(await patch(user, apps[0].id, { notes: 'touched' }), 200);
            const column = (await board(user, '?per_column=2')).columns.find((c) => c.status === 'applied');
            assert.equal(column.items[0].id, apps[0].id);
            const more = expectStatus(await srv.api('GET', '/applications?status=applied&offset=2', { token: user.token }), 200);
            assert.equal(more.total, 4);
            const seen = [...column.items, ...more.items].map((i) => i.id);
            assert.deepEqual([...seen].sort((x, y) => x - y), apps.map((a) => a.id).sort((x, y) => x - y), 'each once');
            const sorted = expectStatus(await srv.api('GET', '/applications?status=applied&sort=-updated_at', { token: user.token }), 200);
            assert.deepEqual(seen, sorted.items.map((i) => i.id), 'the same order as sort=-updated_at');
            // without a status the default stays newest created first
            const all = expectStatus(await srv.api('GET', '/applications', { token: user.token }), 200);
            assert.deepEqual(all.items.map((i) => i.id), apps.map((a) => a.id).reverse());
        });

        test('per_column outside 1..200 → 422 naming per_column', async () => {
            // digits alone, as ?limit= on a list: a sign or a blank before them is refused too
            for (const bad of ['0', '201', '-1', 'x', '1.5', '', '%2B5', '%205', '99999999999999999999'])
                expectError(await srv.api('GET', `/applications/board?per_column=${bad}`, { token: alice.token }), 422, 'validation_failed', 'per_column');
            expectStatus(await srv.api('GET', '/applications/board?per_column=200', { token: alice.token }), 200);
        });

        test('the board holds only own applications', async () => {
            const body = await board(bob);
            assert.equal(body.total, 0);
            for (const c of body.columns) assert.deepEqual([c.count, c.items], [0, []]);
            expectError(await srv.api('GET', '/applications/board'), 401, 'unauthorized');
        });
    });

    describe('GET /applications/follow-ups', () => {
        test('due and overdue follow-ups of open applications only, own only, oldest first', async () => {
            const user = await registerUser(srv);
            const overdue = await createApplication(srv, user.token, { follow_up_date: today(-3) });
            const due = await createApplication(srv, user.token, { follow_up_date: today() });
            await createApplication(srv, user.token, { follow_up_date: today(2) });
            await createApplication(srv, user.token, {});
            await createApplication(srv, user.token, { status: 'rejected', follow_up_date: today(-5) });
            await createApplication(srv, bob.token, { follow_up_date: today(-1) });
            const body = expectStatus(await srv.api('GET', '/applications/follow-ups', { token: user.token }), 200);
            assert.deepEqual(body.items.map((a) => a.id), [overdue.id, due.id]);
            assert.equal(body.total, 2);
            assert.deepEqual(body.items.map((a) => a.overdue), [true, false]);
            for (const item of body.items) {
                assert.equal(item.user_id, user.user.id);
                assert.equal(typeof item.job_title, 'string');
                assert.equal(typeof item.company, 'string');
            }
        });

        test('a normal paged list: limit, offset, total', async () => {
            const user = await registerUser(srv);
            const made = [];
            for (let d = 7; d >= 1; d--) made.push((await createApplication(srv, user.token, { follow_up_date: today(-d) })).id);
            const page = expectStatus(await srv.api('GET', '/applications/follow-ups?limit=3&offset=2', { token: user.token }), 200);
            assert.deepEqual({ total: page.total, limit: page.limit, offset: page.offset }, { total: 7, limit: 3, offset: 2 });
            assert.deepEqual(page.items.map((a) => a.id), made.slice(2, 5));
            const newest = expectStatus(await srv.api('GET', '/applications/follow-ups?sort=-follow_up_date&limit=1', { token: user.token }), 200);
            assert.deepEqual(newest.items.map((a) => a.id), [made.at(-1)]);
            expectError(await srv.api('GET', '/applications/follow-ups?limit=0', { token: user.token }), 422, 'validation_failed', 'limit');
            expectError(await srv.api('GET', '/applications/follow-ups?sort=notes', { token: user.token }), 422, 'validation_failed', 'sort');
        });

        test('a job renamed shows its new title and company in the list, follow-ups, board and calendar', async () => {
            // they read the application's copies of them (migration 0060), which follow the job
            const user = await registerUser(srv);
            const app = await createApplication(srv, user.token, { follow_up_date: today() }, { company: 'Old Co', title: 'Old Title' });
            const other = await createApplication(srv, user.token, {}, { company: 'Stays Co', title: 'Stays' });
            expectStatus(await srv.api('PATCH', `/jobs/${app.job_id}`, { token: user.token, body: { title: 'New "Title"\té', company: 'Neu GmbH' } }), 200);
            const seen = (items) => items.map((i) => [i.id, i.job_title, i.company]);
            const want = [[app.id, 'New "Title"\té', 'Neu GmbH']];
            const list = expectStatus(await srv.api('GET', '/applications?sort=created_at', { token: user.token }), 200);
            assert.deepEqual(seen(list.items), [...want, [other.id, 'Stays', 'Stays Co']]);
            const byJob = expectStatus(await srv.api('GET', `/applications?job_id=${app.job_id}`, { token: user.token }), 200);
            assert.deepEqual(seen(byJob.items), want);
            const follow = expectStatus(await srv.api('GET', '/applications/follow-ups', { token: user.token }), 200);
            assert.deepEqual(seen(follow.items), want);
            const board = expectStatus(await srv.api('GET', '/applications/board', { token: user.token }), 200);
            assert.deepEqual(seen(board.columns.find((c) => c.status === 'interested').items).find((r) => r[0] === app.id), want[0]);
            const cal = expectStatus(await srv.api('GET', `/calendar?from=${today(-1)}&to=${today(1)}`, { token: user.token }), 200);
            assert.deepEqual(cal.events.filter((e) => e.application_id === app.id).map((e) => e.title), ['Follow up: New "Title"\té at Neu GmbH']);
        });
    });

    describe('the job follows its applications (SPEC part E)', () => {
        test('the status of the most recently updated application, through every write', async () => {
            const user = await registerUser(srv);
            const job = await createJob(srv, user.token);
            const one = expectStatus(await post(user, { job_id: job.id, status: 'applied' }), 201);
            assert.equal((await getJob(user, job.id)).status, 'applied');
            const two = expectStatus(await post(user, { job_id: job.id }), 201);
            assert.equal((await getJob(user, job.id)).status, 'interested', 'the newer application');
            expectStatus(await patch(user, one.id, { notes: 'any write makes it the latest' }), 200);
            assert.equal((await getJob(user, job.id)).status, 'applied');
            expectStatus(await patch(user, two.id, { status: 'applied' }), 200);
            expectStatus(await patch(user, two.id, { status: 'interview' }), 200);
            assert.equal((await getJob(user, job.id)).status, 'interview');
            expectStatus(await srv.api('DELETE', `/applications/${two.id}`, { token: user.token }), 204);
            assert.equal((await getJob(user, job.id)).status, 'applied', 'back to the one left');
            expectStatus(await srv.api('DELETE', `/applications/${one.id}`, { token: user.token }), 204);
            const after = await getJob(user, job.id);
            assert.equal(after.status, 'not_applied', 'no application left');
            assert.equal(after.date_applied, today(), 'the date it was applied stays');
        });

        test('PATCH/PUT /jobs with another status on a job with applications → 422 on status', async () => {
            const user = await registerUser(srv);
            const app = await createApplication(srv, user.token, { status: 'applied' });
            const job = await getJob(user, app.job_id);
            for (const status of ['offer', 'archived', 'not_applied']) {
                const error = expectError(await srv.api('PATCH', `/jobs/${job.id}`, { token: user.token, body: { status } }), 422, 'validation_failed', 'status');
                assert.match(error.message, /application/);
            }
            const { company, title } = job;
            expectError(await srv.api('PUT', `/jobs/${job.id}`, { token: user.token, body: { company, title, status: 'offer' } }), 422, 'validation_failed', 'status');
            assert.equal((await getJob(user, job.id)).status, 'applied', 'unchanged');
            // the same status, or no status, is fine
            expectStatus(await srv.api('PATCH', `/jobs/${job.id}`, { token: user.token, body: { status: 'applied', notes: 'n' } }), 200);
            expectStatus(await srv.api('PUT', `/jobs/${job.id}`, { token: user.token, body: { company, title } }), 200);
            // a job without applications takes any status
            const free = await createJob(srv, user.token);
            assert.equal(expectStatus(await srv.api('PATCH', `/jobs/${free.id}`, { token: user.token, body: { status: 'archived' } }), 200).status, 'archived');
        });

        test('DELETE /applications/{id} of another user → 404 and the job is untouched', async () => {
            const app = await createApplication(srv, bob.token, { status: 'applied' });
            expectError(await srv.api('DELETE', `/applications/${app.id}`, { token: alice.token }), 404, 'not_found');
            assert.equal((await getJob(bob, app.job_id)).status, 'applied');
            expectError(await srv.api('DELETE', '/applications/999999999', { token: alice.token }), 404, 'not_found');
        });
    });

    describe('concurrent moves (the check and the write are atomic)', () => {
        test('of racing moves from offer to different final states exactly one wins', async () => {
            const user = await registerUser(srv);
            const finals = ['accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'];
            for (let round = 0; round < 20; round++) {
                const app = await createApplication(srv, user.token, { status: 'offer' });
                const results = await Promise.all(finals.map((status) => patch(user, app.id, { status })));
                const won = results.filter((r) => r.status === 200);
                assert.equal(won.length, 1, `round ${round}: ${results.map((r) => r.status)}`);
                for (const r of results.filter((x) => x.status !== 200)) expectError(r, 422, 'validation_failed', 'status');
                const final = await getApp(user, app.id);
                assert.equal(final.status, won[0].body.status);
                assert.equal((await getJob(user, app.job_id)).status, final.status, 'the job agrees');
            }
        });

        test('many parallel moves of one application leave a valid history and the job agreeing', async () => {
            const user = await registerUser(srv);
            const pipeline = expectStatus(await srv.api('GET', '/applications/pipeline', { token: user.token }), 200);
            const app = await createApplication(srv, user.token, { status: 'applied' });
            const targets = ['phone_screen', 'interview', 'technical', 'offer', 'interview', 'offer',
                'accepted', 'technical', 'phone_screen', 'rejected', 'offer', 'declined', 'withdrawn', 'interview'];
            const results = await Promise.all(targets.map((status) => patch(user, app.id, { status })));
            const won = results.filter((r) => r.status === 200).map((r) => r.body);
            for (const r of results.filter((x) => x.status !== 200)) expectError(r, 422, 'validation_failed', 'status');
            assert.ok(won.length >= 1);
            // every write counts once: replay them in version order from applied
            won.sort((x, y) => x.row_version - y.row_version);
            let state = 'applied';
            won.forEach((w, i) => {
                assert.equal(w.row_version, app.row_version + i + 1, 'one version per write');
                // (moving to the current status is an allowed no-op write)
                assert.ok(w.status === state || pipeline.transitions[state].includes(w.status), `${state} → ${w.status} is a move`);
                state = w.status;
            });
            const final = await getApp(user, app.id);
            assert.equal(final.status, state);
            assert.equal(final.row_version, app.row_version + won.length);
            assert.equal((await getJob(user, app.job_id)).status, state, 'the job agrees');
        });

        test('parallel writes of different applications of one job leave the job at the latest one', async () => {
            const user = await registerUser(srv);
            const job = await createJob(srv, user.token);
            const apps = [];
            for (let i = 0; i < 6; i++) apps.push(expectStatus(await post(user, { job_id: job.id, status: 'applied' }), 201));
            const targets = ['phone_screen', 'interview', 'technical', 'offer', 'rejected', 'withdrawn'];
            await Promise.all(apps.map((a, i) => patch(user, a.id, { status: targets[i] })));
            const list = expectStatus(await srv.api('GET', `/applications?job_id=${job.id}&sort=-updated_at&limit=100`, { token: user.token }), 200);
            // updated_at has whole seconds: the job's status is that of one written last
            const newest = list.items.filter((a) => a.updated_at === list.items[0].updated_at);
            const status = (await getJob(user, job.id)).status;
            assert.ok(newest.some((a) => a.status === status), `${status} in ${newest.map((a) => a.status)}`);
        });
    });
});
