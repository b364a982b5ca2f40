// Feedback: create/read/edit/delete with ownership (users see their own items, administrators
// all), who may set which field (owners: title/description; administrators also type, status,
// priority, admin_response, admin_notes → 403 for anyone else), admin_notes hidden from
// non-admins, resolved_at following the status, votes (one per user, changeable, withdrawable)
// with vote_score and my_vote, list filters and sorting (SPEC part B "Feedback", part A
// "feedback, feedback_votes"; choices in docs/feedback-and-learning.md).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    assertTimestamp, createAdmin, expectError, expectStatus, itemsOf, registerUser, startServer, testRefusedFields,
} from './helpers.mjs';

const FIELDS = ['id', 'user_id', 'type', 'priority', 'status', 'title', 'description', 'page_url',
    'user_agent', 'extra_data', 'admin_response', 'resolved_at', 'created_at', 'updated_at',
    'row_version', 'vote_score', 'my_vote'];

describe('feedback', () => {
    let srv;
    let admin;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        admin = await createAdmin(srv);
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const post = (who, body) => srv.api('POST', '/feedback', { token: who?.token, body });
    const get = (who, id) => srv.api('GET', `/feedback/${id}`, { token: who?.token });
    const patch = (who, id, body) => srv.api('PATCH', `/feedback/${id}`, { token: who?.token, body });
    const list = (who, query = '') => srv.api('GET', `/feedback${query}`, { token: who?.token });
    const vote = (who, id, body) => srv.api('POST', `/feedback/${id}/vote`, { token: who?.token, body });
    const unvote = (who, id) => srv.api('DELETE', `/feedback/${id}/vote`, { token: who?.token });
    let n = 0;
    const body = (extra = {}) => ({ type: 'bug_report', title: `Broken thing ${++n}`, description: 'It breaks when I click.', ...extra });
    const create = async (who, extra) => expectStatus(await post(who, body(extra)), 201);

    describe('POST /feedback', () => {
        test('201 with Location, defaults, vote fields and no admin_notes', async () => {
            const res = await post(alice, body({ page_url: '/jobs', extra_data: { browser: 'firefox' }, priority: 'high' }));
            const item = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/feedback/${item.id}$`));
            assert.deepEqual(Object.keys(item).sort(), [...FIELDS].sort());
            assert.equal(item.user_id, alice.user.id);
            assert.equal(item.type, 'bug_report');
            assert.equal(item.priority, 'high');
            assert.equal(item.status, 'open');
            assert.equal(item.page_url, '/jobs');
            assert.deepEqual(item.extra_data, { browser: 'firefox' });
            assert.equal(item.admin_response, null);
            assert.equal(item.resolved_at, null);
            assert.equal(item.vote_score, 0);
            assert.equal(item.my_vote, null);
            assert.equal(typeof item.user_agent, 'string', 'taken from the User-Agent header');
            assertTimestamp(item.created_at);
            assertTimestamp(item.updated_at);
            assert.deepEqual(expectStatus(await get(alice, item.id), 200), item);
        });

        test('priority defaults to medium; user_agent from the body wins', async () => {
            const item = await create(alice, { user_agent: 'curl/8' });
            assert.equal(item.priority, 'medium');
            assert.equal(item.user_agent, 'curl/8');
        });

        const invalid = [
            ['type', undefined], ['type', 'rant'], ['type', null], ['title', undefined], ['title', ''],
            ['title', '   '], ['title', 'x'.repeat(256)], ['description', undefined], ['description', ''],
            ['priority', 'urgent'], ['priority', null], ['extra_data', [1]], ['extra_data', 'text'],
            ['page_url', 5], ['colour', 'red'], ['id', 1], ['user_id', 2], ['resolved_at', '2025-01-01T00:00:00Z'],
            ['created_at', '2025-01-01T00:00:00Z'], ['vote_score', 3], ['my_vote', 1],
        ];
        testRefusedFields(invalid, () => body(), (b) => post(alice, b));

        for (const field of ['status', 'admin_response', 'admin_notes']) {
            test(`a non-admin setting ${field} → 403 naming it`, async () => {
                const value = field === 'status' ? 'resolved' : 'text';
                expectError(await post(alice, body({ [field]: value })), 403, 'forbidden', field);
            });
        }

        test('an administrator may create with status resolved: resolved_at is set', async () => {
            const item = await create(admin, { status: 'resolved', admin_notes: 'dup of #1' });
            assertTimestamp(item.resolved_at);
            assert.equal(item.admin_notes, 'dup of #1');
        });

        test('malformed JSON → 400, wrong content type → 415, no token → 401', async () => {
            expectError(await srv.api('POST', '/feedback', { token: alice.token, raw: '{"type":' }), 400, 'bad_request');
            expectError(await srv.api('POST', '/feedback', { token: alice.token, raw: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
            expectError(await post(null, body()), 401, 'unauthorized');
        });
    });

    describe('reading and ownership', () => {
        test('GET another user\'s item → 404; an administrator sees it with admin_notes', async () => {
            const item = await create(alice);
            expectError(await get(bob, item.id), 404, 'not_found');
            expectError(await get(bob, 99999999), 404, 'not_found');
            expectError(await get(bob, 'abc'), 404, 'not_found');
            const seen = expectStatus(await get(admin, item.id), 200);
            assert.ok('admin_notes' in seen);
            assert.equal(seen.admin_notes, null);
            expectError(await get(null, item.id), 401, 'unauthorized');
        });

        test('GET /feedback lists own items only; administrators see everyone\'s', async () => {
            const mine = await create(bob, { type: 'feature_request' });
            const theirs = await create(alice);
            const bobs = itemsOf(expectStatus(await list(bob, '?limit=100'), 200));
            assert.ok(bobs.every((f) => f.user_id === bob.user.id));
            assert.ok(bobs.some((f) => f.id === mine.id));
            const all = expectStatus(await list(admin, '?limit=100'), 200);
            const ids = all.items.map((f) => f.id);
            assert.ok(ids.includes(mine.id) && ids.includes(theirs.id));
            assert.ok(all.items.every((f) => 'admin_notes' in f));
            assert.ok(bobs.every((f) => !('admin_notes' in f)));
            assert.equal(all.limit, 100);
            assert.equal(all.offset, 0);
            assert.ok(all.total >= ids.length);
        });

        test('filters type, status, priority, user_id; bad values → 422', async () => {
            const carol = await registerUser(srv);
            await create(carol, { type: 'improvement', priority: 'low' });
            await create(carol, { type: 'general', priority: 'critical' });
            const improvement = await create(carol, { type: 'improvement', priority: 'critical' });
            let items = itemsOf(expectStatus(await list(carol, '?type=improvement'), 200));
            assert.equal(items.length, 2);
            items = itemsOf(expectStatus(await list(carol, '?type=improvement&priority=critical'), 200));
            assert.deepEqual(items.map((f) => f.id), [improvement.id]);
            items = itemsOf(expectStatus(await list(carol, '?status=resolved'), 200));
            assert.equal(items.length, 0);
            items = itemsOf(expectStatus(await list(admin, `?user_id=${carol.user.id}&limit=100`), 200));
            assert.equal(items.length, 3);
            expectError(await list(carol, '?type=rant'), 422, 'validation_failed', 'type');
            expectError(await list(carol, '?status=done'), 422, 'validation_failed', 'status');
            expectError(await list(carol, '?priority=urgent'), 422, 'validation_failed', 'priority');
            expectError(await list(carol, '?sort=title'), 422, 'validation_failed', 'sort');
            expectError(await list(carol, '?limit=0'), 422, 'validation_failed', 'limit');
            items = itemsOf(expectStatus(await list(carol, '?sort=-priority'), 200));
            assert.deepEqual(items.map((f) => f.priority), ['critical', 'critical', 'low']);
            items = itemsOf(expectStatus(await list(carol, '?sort=created_at'), 200));
            assert.equal(items.at(-1).id, improvement.id);
        });
    });

    describe('PATCH /feedback/{id}', () => {
        test('the owner edits title and description', async () => {
            const item = await create(alice);
            const edited = expectStatus(await patch(alice, item.id, { title: 'Better title', description: 'More detail' }), 200);
            assert.equal(edited.title, 'Better title');
            assert.equal(edited.description, 'More detail');
            assert.equal(edited.status, 'open');
            assert.ok(!('admin_notes' in edited));
        });

        for (const [field, value] of [['status', 'closed'], ['priority', 'low'], ['admin_response', 'ok'], ['admin_notes', 'x'], ['type', 'general']]) {
            test(`the owner setting ${field} → 403 naming it`, async () => {
                const item = await create(alice);
                expectError(await patch(alice, item.id, { [field]: value }), 403, 'forbidden', field);
                assert.equal(expectStatus(await get(alice, item.id), 200)[field === 'admin_notes' ? 'title' : field], item[field === 'admin_notes' ? 'title' : field]);
            });
        }

        for (const [field, value] of [['page_url', '/x'], ['user_agent', 'y'], ['extra_data', {}]]) {
            test(`${field} is set on creation only → 422`, async () => {
                const item = await create(alice);
                expectError(await patch(admin, item.id, { [field]: value }), 422, 'validation_failed', field);
            });
        }

        test('bad values → 422; another user\'s item → 404', async () => {
            const item = await create(alice);
            expectError(await patch(alice, item.id, { title: '' }), 422, 'validation_failed', 'title');
            expectError(await patch(alice, item.id, { title: null }), 422, 'validation_failed', 'title');
            expectError(await patch(alice, item.id, { vote_score: 1 }), 422, 'validation_failed', 'vote_score');
            expectError(await patch(admin, item.id, { status: 'done' }), 422, 'validation_failed', 'status');
            expectError(await patch(bob, item.id, { title: 'mine now' }), 404, 'not_found');
            expectError(await patch(alice, 99999999, { title: 'x' }), 404, 'not_found');
        });

        test('administrators triage: status, priority, response, notes; resolved_at follows', async () => {
            const item = await create(alice);
            let t = expectStatus(await patch(admin, item.id, { status: 'in_review', priority: 'critical', admin_notes: 'internal', type: 'improvement' }), 200);
            assert.equal(t.status, 'in_review');
            assert.equal(t.priority, 'critical');
            assert.equal(t.type, 'improvement');
            assert.equal(t.admin_notes, 'internal');
            assert.equal(t.resolved_at, null);
            t = expectStatus(await patch(admin, item.id, { status: 'resolved', admin_response: 'Fixed in 1.2' }), 200);
            assertTimestamp(t.resolved_at);
            const resolvedAt = t.resolved_at;
            t = expectStatus(await patch(admin, item.id, { status: 'closed' }), 200);
            assert.equal(t.resolved_at, resolvedAt, 'resolved → closed keeps the resolution time');
            const owner = expectStatus(await get(alice, item.id), 200);
            assert.equal(owner.admin_response, 'Fixed in 1.2');
            assert.equal(owner.status, 'closed');
            assert.ok(!('admin_notes' in owner), 'admin_notes is for administrators only');
            t = expectStatus(await patch(admin, item.id, { status: 'open' }), 200);
            assert.equal(t.resolved_at, null, 'reopening clears resolved_at');
            t = expectStatus(await patch(admin, item.id, { status: 'closed' }), 200);
            assertTimestamp(t.resolved_at);
        });
    });

    describe('votes', () => {
        test('one vote per user, changeable, with vote_score and my_vote', async () => {
            const item = await create(alice);
            let v = expectStatus(await vote(alice, item.id, { vote: 1 }), 200);
            assert.equal(v.vote_score, 1);
            assert.equal(v.my_vote, 1);
            v = expectStatus(await vote(alice, item.id, { vote: 1 }), 200);
            assert.equal(v.vote_score, 1, 'voting twice does not count twice');
            v = expectStatus(await vote(alice, item.id, { vote: -1 }), 200);
            assert.equal(v.vote_score, -1);
            assert.equal(v.my_vote, -1);
            v = expectStatus(await vote(admin, item.id, { vote: 1 }), 200);
            assert.equal(v.vote_score, 0);
            assert.equal(v.my_vote, 1);
            const seen = expectStatus(await get(alice, item.id), 200);
            assert.equal(seen.vote_score, 0);
            assert.equal(seen.my_vote, -1);
            const listed = itemsOf(expectStatus(await list(alice, '?limit=100'), 200)).find((f) => f.id === item.id);
            assert.equal(listed.vote_score, 0);
            assert.equal(listed.my_vote, -1);
        });

        test('withdrawing a vote → 204; nothing to withdraw → 404', async () => {
            const item = await create(alice);
            expectStatus(await vote(alice, item.id, { vote: 1 }), 200);
            expectStatus(await vote(admin, item.id, { vote: 1 }), 200);
            const res = await unvote(alice, item.id);
            expectStatus(res, 204);
            assert.equal(res.text, '');
            const seen = expectStatus(await get(alice, item.id), 200);
            assert.equal(seen.vote_score, 1);
            assert.equal(seen.my_vote, null);
            expectError(await unvote(alice, item.id), 404, 'not_found');
        });

        test('bad votes → 422; another user\'s item → 404; no token → 401', async () => {
            const item = await create(alice);
            for (const value of [0, 2, -2, '1', 1.5, null, true])
                expectError(await vote(alice, item.id, { vote: value }), 422, 'validation_failed', 'vote');
            expectError(await vote(alice, item.id, {}), 422, 'validation_failed', 'vote');
            expectError(await vote(alice, item.id, { vote: 1, weight: 2 }), 422, 'validation_failed', 'weight');
            expectError(await vote(bob, item.id, { vote: 1 }), 404, 'not_found');
            expectError(await unvote(bob, item.id), 404, 'not_found');
            expectError(await vote(alice, 99999999, { vote: 1 }), 404, 'not_found');
            expectError(await vote(null, item.id, { vote: 1 }), 401, 'unauthorized');
            expectError(await unvote(null, item.id), 401, 'unauthorized');
            assert.equal(expectStatus(await get(alice, item.id), 200).vote_score, 0);
        });

        test('sort by votes (vote_score or votes), ties newest first', async () => {
            const dave = await registerUser(srv);
            const low = await create(dave);
            const high = await create(dave);
            const mid = await create(dave);
            expectStatus(await vote(dave, low.id, { vote: -1 }), 200);
            expectStatus(await vote(dave, high.id, { vote: 1 }), 200);
            expectStatus(await vote(admin, high.id, { vote: 1 }), 200);
            let items = itemsOf(expectStatus(await list(dave, '?sort=-vote_score'), 200));
            assert.deepEqual(items.map((f) => f.id), [high.id, mid.id, low.id]);
            assert.deepEqual(items.map((f) => f.vote_score), [2, 0, -1]);
            items = itemsOf(expectStatus(await list(dave, '?sort=votes'), 200));
            assert.deepEqual(items.map((f) => f.id), [low.id, mid.id, high.id]);
        });
    });

    describe('DELETE /feedback/{id}', () => {
        test('owner → 204 (votes go with it); others → 404; administrators may delete any', async () => {
            const item = await create(alice);
            expectStatus(await vote(admin, item.id, { vote: 1 }), 200);
            expectError(await srv.api('DELETE', `/feedback/${item.id}`, { token: bob.token }), 404, 'not_found');
            expectStatus(await srv.api('DELETE', `/feedback/${item.id}`, { token: alice.token }), 204);
            expectError(await get(alice, item.id), 404, 'not_found');
            expectError(await srv.api('DELETE', `/feedback/${item.id}`, { token: alice.token }), 404, 'not_found');
            const other = await create(bob);
            expectStatus(await srv.api('DELETE', `/feedback/${other.id}`, { token: admin.token }), 204);
            expectError(await srv.api('DELETE', `/feedback/${other.id}`), 401, 'unauthorized');
        });

        test('feedback outlives its author (user_id becomes null, admins still see it)', async () => {
            const erin = await registerUser(srv);
            const item = await create(erin);
            expectStatus(await srv.api('DELETE', '/users/me', { token: erin.token }), 204);
            const seen = expectStatus(await get(admin, item.id), 200);
            assert.equal(seen.user_id, null);
            assert.equal(seen.title, item.title);
        });
    });
});
