// Learning paths: the public list and detail (paths shipped in assets/learning_paths.json, their
// resources in order), enrolling (201, again 409), progress (completed_resource_ids must be on
// the path; progress_percentage, current_resource_index, status and completed_at computed),
// pausing, leaving, the caller's enrollments, and administrators' create/edit/delete with
// resource_ids checked and everyone's progress recomputed when a path changes (SPEC part B
// "Career resources and learning paths", part A "learning_paths, learning_path_enrollments";
// choices in docs/feedback-and-learning.md).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    assertTimestamp, createAdmin, expectError, expectStatus, itemsOf, registerUser, startServer,
    uniqueName, testRefusedFields,
} from './helpers.mjs';

const PATH_FIELDS = ['id', 'name', 'description', 'target_role', 'difficulty',
    'estimated_duration_weeks', 'skills', 'resource_ids', 'milestones', 'is_active',
    'created_by_user_id', 'created_at', 'updated_at', 'row_version', 'resource_count'];
const ENROLLMENT_FIELDS = ['id', 'user_id', 'learning_path_id', 'status', 'current_resource_index',
    'completed_resource_ids', 'progress_percentage', 'enrolled_at', 'last_activity_at',
    'completed_at', 'learning_path'];

describe('learning paths', () => {
    let srv;
    let admin;
    let alice;
    let bob;
    let paths; // shipped paths by name
    let resourceIds; // a few catalogue ids, for paths made by the tests

    before(async () => {
        srv = await startServer();
        admin = await createAdmin(srv);
        alice = await registerUser(srv);
        bob = await registerUser(srv);
        paths = {};
        for (const p of itemsOf(expectStatus(await srv.api('GET', '/learning-paths?limit=100'), 200))) paths[p.name] = p;
        resourceIds = itemsOf(expectStatus(await srv.api('GET', '/resources?sort=title&limit=6'), 200)).map((r) => r.id);
    });
    after(async () => { await srv?.stop(); });

    const enroll = (who, id) => srv.api('POST', `/learning-paths/${id}/enroll`, { token: who?.token });
    const progress = (who, id, body) => srv.api('PATCH', `/learning-paths/${id}/progress`, { token: who?.token, body });
    const newPath = (extra = {}) => ({
        name: `Path ${uniqueName('p')}`, description: 'Made by a test.', difficulty: 'beginner',
        resource_ids: resourceIds.slice(0, 3), ...extra,
    });
    const createPath = async (extra) =>
        expectStatus(await srv.api('POST', '/learning-paths', { token: admin.token, body: newPath(extra) }), 201);

    describe('reading', () => {
        test('GET /learning-paths is public and lists the shipped paths', async () => {
            const body = expectStatus(await srv.api('GET', '/learning-paths'), 200);
            assert.ok(body.total >= 6, `at least 6 paths, got ${body.total}`);
            assert.equal(body.limit, 20);
            const backend = paths['Backend Developer (Python)'];
            assert.ok(backend);
            assert.deepEqual(Object.keys(backend).sort(), [...PATH_FIELDS].sort());
            assert.equal(backend.resource_count, backend.resource_ids.length);
            assert.ok(backend.resource_count >= 5);
            assert.equal(backend.is_active, true);
            assert.equal(backend.created_by_user_id, null);
            assert.ok(Array.isArray(backend.milestones));
            const names = body.items.map((p) => p.name);
            assert.deepEqual(names, [...names].sort(), 'sorted by name by default');
        });

        test('filters difficulty, target_role, skill (any case); bad values → 422', async () => {
            let items = itemsOf(expectStatus(await srv.api('GET', '/learning-paths?difficulty=beginner'), 200));
            assert.ok(items.length > 0 && items.every((p) => p.difficulty === 'beginner'));
            items = itemsOf(expectStatus(await srv.api('GET', '/learning-paths?skill=Kubernetes'), 200));
            assert.ok(items.some((p) => p.name === 'Cloud and DevOps Engineer'));
            assert.ok(items.every((p) => p.skills.includes('Kubernetes')));
            const aliased = itemsOf(expectStatus(await srv.api('GET', '/learning-paths?skill=k8s'), 200));
            assert.deepEqual(aliased.map((p) => p.id), items.map((p) => p.id), 'any alias of the skill');
            items = itemsOf(expectStatus(await srv.api('GET', '/learning-paths?target_role=data%20analyst'), 200));
            assert.deepEqual(items.map((p) => p.name), ['Data Analyst']);
            expectError(await srv.api('GET', '/learning-paths?difficulty=expert'), 422, 'validation_failed', 'difficulty');
            expectError(await srv.api('GET', '/learning-paths?sort=rating'), 422, 'validation_failed', 'sort');
            expectError(await srv.api('GET', '/learning-paths', { token: 'bad' }), 401, 'unauthorized');
        });

        test('GET /learning-paths/{id}: its resources in order; with a token, the enrollment', async () => {
            const p = paths['Technical Interview Preparation'];
            const anon = expectStatus(await srv.api('GET', `/learning-paths/${p.id}`), 200);
            assert.deepEqual(anon.resources.map((r) => r.id), p.resource_ids);
            assert.ok(anon.resources.every((r) => typeof r.slug === 'string' && typeof r.url === 'string'));
            assert.equal(anon.resources[0].slug, 'tech-interview-handbook');
            assert.ok(!('enrollment' in anon));
            const mine = expectStatus(await srv.api('GET', `/learning-paths/${p.id}`, { token: bob.token }), 200);
            assert.equal(mine.enrollment, null);
            expectError(await srv.api('GET', '/learning-paths/99999999'), 404, 'not_found');
            expectError(await srv.api('GET', '/learning-paths/abc'), 404, 'not_found');
        });
    });

    describe('GET /learning-paths/recommended', () => {
        test('needs a token; bad limits → 422; nothing missing → no paths', async () => {
            expectError(await srv.api('GET', '/learning-paths/recommended'), 401, 'unauthorized');
            for (const limit of ['0', '101', 'x'])
                expectError(await srv.api('GET', `/learning-paths/recommended?limit=${limit}`, { token: alice.token }), 422, 'validation_failed', 'limit');
            // session 37: a ranked list takes no sort; it was ignored, now 422 as on every list
            for (const sort of ['name', '-name', 'bogus'])
                expectError(await srv.api('GET', `/learning-paths/recommended?sort=${sort}`, { token: alice.token }), 422, 'validation_failed', 'sort');
            const fresh = await registerUser(srv);
            const body = expectStatus(await srv.api('GET', '/learning-paths/recommended', { token: fresh.token }), 200);
            assert.deepEqual(body.items, []);
            assert.deepEqual(body.missing_skills, []);
            assert.equal(body.total, 0);
            assert.equal(body.limit, 20, 'the default limit of every list');
        });

        test('paths for the missing skills of the jobs that matter; completed ones left out', async () => {
            const erin = await registerUser(srv);
            const auth = { token: erin.token };
            expectStatus(await srv.api('PATCH', '/users/me', { ...auth, body: { skills: ['SQL', 'Python'] } }), 200);
            expectStatus(await srv.api('POST', '/jobs', { ...auth, body: { company: 'Gridline', title: 'Data Engineer', tech_stack: ['SQL', 'airflow', 'Apache Spark'] } }), 201);
            const body = expectStatus(await srv.api('GET', '/learning-paths/recommended', auth), 200);
            assert.deepEqual(body.missing_skills.map((m) => m.skill), ['Apache Spark', 'Apache Airflow']);
            assert.equal(body.items[0].name, 'Data Engineer (Spark and Airflow)');
            assert.deepEqual(body.items[0].matched_skills, ['Apache Spark', 'Apache Airflow']);
            assert.ok(body.items.every((p) => p.relevance > 0 && p.matched_skills.length > 0));
            const id = body.items[0].id;
            expectStatus(await srv.api('POST', `/learning-paths/${id}/enroll`, auth), 201);
            const path = expectStatus(await srv.api('GET', `/learning-paths/${id}`, auth), 200);
            const done = expectStatus(await srv.api('PATCH', `/learning-paths/${id}/progress`, { ...auth, body: { completed_resource_ids: path.resource_ids } }), 200);
            assert.equal(done.status, 'completed');
            const after_ = expectStatus(await srv.api('GET', '/learning-paths/recommended', auth), 200);
            assert.ok(!after_.items.some((p) => p.id === id), 'a completed path is not suggested again');
        });
    });

    describe('enrollment and progress', () => {
        test('enroll → 201 with zero progress and the path; again → 409', async () => {
            const p = paths['Data Analyst'];
            const res = await enroll(alice, p.id);
            const e = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/learning-paths/${p.id}$`));
            assert.deepEqual(Object.keys(e).sort(), [...ENROLLMENT_FIELDS].sort());
            assert.equal(e.user_id, alice.user.id);
            assert.equal(e.learning_path_id, p.id);
            assert.equal(e.status, 'active');
            assert.equal(e.progress_percentage, 0);
            assert.equal(e.current_resource_index, 0);
            assert.deepEqual(e.completed_resource_ids, []);
            assert.equal(e.completed_at, null);
            assertTimestamp(e.enrolled_at);
            assert.equal(e.learning_path.id, p.id);
            assert.equal(e.learning_path.name, 'Data Analyst');
            expectError(await enroll(alice, p.id), 409, 'conflict');
            expectError(await enroll(alice, 99999999), 404, 'not_found');
            expectError(await enroll(null, p.id), 401, 'unauthorized');
            const seen = expectStatus(await srv.api('GET', `/learning-paths/${p.id}`, { token: alice.token }), 200);
            assert.equal(seen.enrollment.id, e.id);
        });

        test('progress is computed from the completed resources; 100% completes the path', async () => {
            const p = await createPath({ resource_ids: resourceIds.slice(0, 3) });
            const [a, b, c] = p.resource_ids;
            expectStatus(await enroll(alice, p.id), 201);
            let e = expectStatus(await progress(alice, p.id, { completed_resource_ids: [a] }), 200);
            assert.equal(e.progress_percentage, 33);
            assert.equal(e.current_resource_index, 1);
            assert.deepEqual(e.completed_resource_ids, [a]);
            assert.equal(e.status, 'active');
            assertTimestamp(e.last_activity_at);
            e = expectStatus(await progress(alice, p.id, { completed_resource_ids: [c, a, a] }), 200);
            assert.equal(e.progress_percentage, 66);
            assert.equal(e.current_resource_index, 1, 'the first resource not completed');
            assert.deepEqual(e.completed_resource_ids, [a, c], 'in path order, once each');
            e = expectStatus(await progress(alice, p.id, { completed_resource_ids: [b, c, a] }), 200);
            assert.equal(e.progress_percentage, 100);
            assert.equal(e.status, 'completed');
            assert.equal(e.current_resource_index, 3);
            assertTimestamp(e.completed_at);
            const completedAt = e.completed_at;
            e = expectStatus(await progress(alice, p.id, { completed_resource_ids: [a, b, c] }), 200);
            assert.equal(e.completed_at, completedAt, 'stays completed, same time');
            e = expectStatus(await progress(alice, p.id, { completed_resource_ids: [a, b] }), 200);
            assert.equal(e.status, 'active', 'taking a mark back reopens it');
            assert.equal(e.completed_at, null);
            assert.equal(e.progress_percentage, 66);
            e = expectStatus(await progress(alice, p.id, { status: 'paused' }), 200);
            assert.equal(e.status, 'paused');
            assert.deepEqual(e.completed_resource_ids, [a, b], 'a status change keeps the marks');
            e = expectStatus(await progress(alice, p.id, { completed_resource_ids: [] }), 200);
            assert.equal(e.status, 'active', 'recording progress resumes a paused path');
            assert.equal(e.progress_percentage, 0);
            e = expectStatus(await progress(alice, p.id, { completed_resource_ids: [a, b, c], status: 'paused' }), 200);
            assert.equal(e.status, 'completed', 'completion wins');
            e = expectStatus(await progress(alice, p.id, { status: 'abandoned' }), 200);
            assert.equal(e.status, 'completed', 'a completed path stays completed');
            e = expectStatus(await progress(alice, p.id, { completed_resource_ids: [a], status: 'abandoned' }), 200);
            assert.equal(e.status, 'abandoned');
            assert.equal(e.completed_at, null);
        });

        test('bad progress bodies → 422; not enrolled → 404; no token → 401', async () => {
            const p = await createPath();
            expectStatus(await enroll(alice, p.id), 201);
            const outside = resourceIds[5];
            assert.ok(!p.resource_ids.includes(outside));
            for (const value of [[outside], [p.resource_ids[0], outside], 'all', [String(p.resource_ids[0])], [0], [1.5], null, {}])
                expectError(await progress(alice, p.id, { completed_resource_ids: value }), 422, 'validation_failed', 'completed_resource_ids');
            expectError(await progress(alice, p.id, {}), 422, 'validation_failed', 'completed_resource_ids');
            expectError(await progress(alice, p.id, { status: 'completed' }), 422, 'validation_failed', 'status');
            expectError(await progress(alice, p.id, { progress_percentage: 50 }), 422, 'validation_failed', 'progress_percentage');
            expectError(await progress(bob, p.id, { completed_resource_ids: [] }), 404, 'not_found');
            expectError(await progress(alice, 99999999, { completed_resource_ids: [] }), 404, 'not_found');
            expectError(await progress(null, p.id, { completed_resource_ids: [] }), 401, 'unauthorized');
            expectError(await srv.api('PATCH', `/learning-paths/${p.id}/progress`, { token: alice.token, raw: '[' }), 400, 'bad_request');
            const e = expectStatus(await srv.api('GET', `/learning-paths/${p.id}`, { token: alice.token }), 200).enrollment;
            assert.equal(e.progress_percentage, 0, 'refused changes left nothing behind');
        });

        test('GET /learning-paths/enrolled: own enrollments with the path; DELETE → 204 then 404', async () => {
            const carol = await registerUser(srv);
            const one = paths['Frontend Developer'];
            const two = paths['Machine Learning Engineer'];
            expectStatus(await enroll(carol, one.id), 201);
            expectStatus(await enroll(carol, two.id), 201);
            expectStatus(await progress(carol, two.id, { status: 'paused' }), 200);
            const body = expectStatus(await srv.api('GET', '/learning-paths/enrolled', { token: carol.token }), 200);
            assert.equal(body.total, 2);
            assert.ok(body.items.every((e) => e.user_id === carol.user.id));
            assert.deepEqual(body.items.map((e) => e.learning_path.name).sort(), ['Frontend Developer', 'Machine Learning Engineer']);
            assert.equal(body.items[0].learning_path.resource_count, body.items[0].learning_path.resource_ids.length);
            const paused = itemsOf(expectStatus(await srv.api('GET', '/learning-paths/enrolled?status=paused', { token: carol.token }), 200));
            assert.deepEqual(paused.map((e) => e.learning_path_id), [two.id]);
            expectError(await srv.api('GET', '/learning-paths/enrolled?status=sleeping', { token: carol.token }), 422, 'validation_failed', 'status');
            const bobs = itemsOf(expectStatus(await srv.api('GET', '/learning-paths/enrolled', { token: bob.token }), 200));
            assert.ok(bobs.every((e) => e.user_id === bob.user.id));
            expectError(await srv.api('GET', '/learning-paths/enrolled'), 401, 'unauthorized');
            expectError(await srv.api('DELETE', `/learning-paths/${one.id}/enroll`, { token: bob.token }), 404, 'not_found');
            expectStatus(await srv.api('DELETE', `/learning-paths/${one.id}/enroll`, { token: carol.token }), 204);
            expectError(await srv.api('DELETE', `/learning-paths/${one.id}/enroll`, { token: carol.token }), 404, 'not_found');
            assert.equal(expectStatus(await srv.api('GET', '/learning-paths/enrolled', { token: carol.token }), 200).total, 1);
            expectStatus(await enroll(carol, one.id), 201);
        });
    });

    describe('administrators', () => {
        test('POST /learning-paths → 201 with Location and the author', async () => {
            const body = newPath({ target_role: 'Tester', estimated_duration_weeks: 3, skills: ['Testing', 'QA'], milestones: [{ week: 1, title: 'Start' }] });
            const res = await srv.api('POST', '/learning-paths', { token: admin.token, body });
            const p = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/learning-paths/${p.id}$`));
            assert.deepEqual(Object.keys(p).sort(), [...PATH_FIELDS].sort());
            assert.equal(p.created_by_user_id, admin.user.id);
            assert.deepEqual(p.resource_ids, body.resource_ids);
            assert.equal(p.resource_count, 3);
            assert.deepEqual(p.skills, ['testing', 'Quality assurance'], 'canonical names, else folded');
            assert.deepEqual(p.milestones, [{ week: 1, title: 'Start' }]);
            const empty = await createPath({ resource_ids: undefined });
            assert.deepEqual(empty.resource_ids, []);
            assert.equal(empty.resource_count, 0);
        });

        test('non-admins → 403, no token → 401', async () => {
            const id = paths['Data Analyst'].id;
            for (const [method, p, body] of [['POST', '/learning-paths', newPath()], ['PATCH', `/learning-paths/${id}`, { name: 'x' }], ['DELETE', `/learning-paths/${id}`, undefined]]) {
                expectError(await srv.api(method, p, { token: alice.token, body }), 403, 'forbidden');
                expectError(await srv.api(method, p, { body }), 401, 'unauthorized');
            }
        });

        const invalid = [
            ['name', undefined], ['name', ''], ['description', undefined], ['difficulty', 'expert'],
            ['difficulty', undefined], ['estimated_duration_weeks', -1], ['skills', 'x'],
            ['resource_ids', [99999999]], ['resource_ids', [1, 1]], ['resource_ids', 'all'],
            ['resource_ids', [0]], ['resource_ids', ['1']], ['resource_ids', null], ['is_active', null],
            ['created_by_user_id', 1], ['id', 1], ['resources', []],
        ];
        testRefusedFields(invalid, () => newPath(),
            (body) => srv.api('POST', '/learning-paths', { token: admin.token, body }));

        test('a taken name → 409 naming name', async () => {
            expectError(await srv.api('POST', '/learning-paths', { token: admin.token, body: newPath({ name: 'Data Analyst' }) }), 409, 'conflict', 'name');
            const p = await createPath();
            expectError(await srv.api('PATCH', `/learning-paths/${p.id}`, { token: admin.token, body: { name: 'Data Analyst' } }), 409, 'conflict', 'name');
        });

        test('changing resource_ids recomputes everyone\'s progress', async () => {
            const p = await createPath({ resource_ids: resourceIds.slice(0, 2) });
            const [a, b] = p.resource_ids;
            expectStatus(await enroll(bob, p.id), 201);
            let e = expectStatus(await progress(bob, p.id, { completed_resource_ids: [a, b] }), 200);
            assert.equal(e.status, 'completed');
            const edited = expectStatus(await srv.api('PATCH', `/learning-paths/${p.id}`, { token: admin.token, body: { resource_ids: [a, b, resourceIds[2], resourceIds[3]] } }), 200);
            assert.equal(edited.resource_count, 4);
            e = expectStatus(await srv.api('GET', `/learning-paths/${p.id}`, { token: bob.token }), 200).enrollment;
            assert.equal(e.progress_percentage, 50);
            assert.equal(e.status, 'active');
            assert.equal(e.completed_at, null);
            assert.equal(e.current_resource_index, 2);
            expectStatus(await srv.api('PATCH', `/learning-paths/${p.id}`, { token: admin.token, body: { resource_ids: [b] } }), 200);
            e = expectStatus(await srv.api('GET', `/learning-paths/${p.id}`, { token: bob.token }), 200).enrollment;
            assert.deepEqual(e.completed_resource_ids, [b]);
            assert.equal(e.progress_percentage, 100);
            assert.equal(e.status, 'completed');
            assertTimestamp(e.completed_at);
            expectError(await srv.api('PATCH', `/learning-paths/${p.id}`, { token: admin.token, body: { resource_ids: [b, 99999999] } }), 422, 'validation_failed', 'resource_ids');
            expectError(await srv.api('PATCH', '/learning-paths/99999999', { token: admin.token, body: { name: 'x' } }), 404, 'not_found');
        });

        test('is_active false hides a path from everyone but administrators; enrolled users keep going', async () => {
            const p = await createPath();
            expectStatus(await enroll(alice, p.id), 201);
            expectStatus(await srv.api('PATCH', `/learning-paths/${p.id}`, { token: admin.token, body: { is_active: false } }), 200);
            expectError(await srv.api('GET', `/learning-paths/${p.id}`), 404, 'not_found');
            expectError(await enroll(bob, p.id), 404, 'not_found');
            const names = itemsOf(expectStatus(await srv.api('GET', '/learning-paths?limit=100'), 200)).map((x) => x.name);
            assert.ok(!names.includes(p.name));
            const adminNames = itemsOf(expectStatus(await srv.api('GET', '/learning-paths?is_active=false', { token: admin.token }), 200)).map((x) => x.name);
            assert.ok(adminNames.includes(p.name));
            // session 37: ?is_active=false of a caller who is not an administrator was ignored
            // (the active paths came back); it is the filter, and such a caller sees none
            for (const who of [undefined, alice])
                assert.equal(expectStatus(await srv.api('GET', '/learning-paths?is_active=false', { token: who?.token }), 200).total, 0);
            expectError(await srv.api('GET', '/learning-paths?is_active=x', { token: alice.token }), 422, 'validation_failed', 'is_active');
            expectStatus(await srv.api('GET', `/learning-paths/${p.id}`, { token: admin.token }), 200);
            expectStatus(await progress(alice, p.id, { completed_resource_ids: [p.resource_ids[0]] }), 200);
        });

        test('DELETE → 204 and enrollments go with it; a listed resource cannot be deleted', async () => {
            const p = await createPath({ resource_ids: [resourceIds[4]] });
            expectStatus(await enroll(alice, p.id), 201);
            expectError(await srv.api('DELETE', `/resources/${resourceIds[4]}`, { token: admin.token }), 409, 'conflict');
            expectStatus(await srv.api('DELETE', `/learning-paths/${p.id}`, { token: admin.token }), 204);
            expectError(await srv.api('GET', `/learning-paths/${p.id}`, { token: admin.token }), 404, 'not_found');
            expectError(await srv.api('DELETE', `/learning-paths/${p.id}`, { token: admin.token }), 404, 'not_found');
            const enrolled = itemsOf(expectStatus(await srv.api('GET', '/learning-paths/enrolled?limit=100', { token: alice.token }), 200));
            assert.ok(!enrolled.some((e) => e.learning_path_id === p.id));
        });
    });
});
