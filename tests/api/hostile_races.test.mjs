// The third hostile probe (docs/security.md, "Third hostile probe (thirty-fifth round)"): two
// servers on one database racing on the same rows. Each case sends its requests at once, half to
// each server, and then requires what one request after the other gives. On SQLite every write
// transaction holds the database, so the cases pass there by construction; on PostgreSQL (READ
// COMMITTED) each failed on the binary before its fix, in most rounds.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAdmin, expectStatus, login, registerUser, sleep, startServer } from './helpers.mjs';
import { startWebServer } from './fake_web.mjs';

describe('two servers racing on the same rows', () => {
    let a;
    let b;
    let user;
    let tokens;

    before(async () => {
        a = await startServer();
        b = await startServer({ dbUrl: a.dbUrl });
        user = await registerUser(a);
        tokens = new Map([[a, user.token], [b, await login(b, user.username)]]);
    });
    after(async () => {
        await b?.stop();
        await a?.stop();
    });

    const on = (i) => (i % 2 ? b : a);
    const call = (i, method, p, body) => on(i).api(method, p, { token: tokens.get(on(i)), body });

    // Before: the completion read the session's status and tallied its questions without a lock,
    // so an answer saved meanwhile was left out of the score (feedback.answered 1 with 3
    // questions answered), and an answer to a session still "started" then set the completed
    // session back to "in_progress" (completed_at set): 9 of 40 rounds on PostgreSQL.
    test('answers and the completion of one interview: the completed session counts every answer it kept', async () => {
        const answer = 'I led a team of five engineers and we shipped the product two weeks early, '
            + 'cutting costs by 20 percent, because I measured every step.';
        for (let round = 0; round < 24; round++) {
            const session = expectStatus(await call(0, 'POST', '/interviews', { interview_type: 'behavioral', total_questions: 6 }), 201);
            const sent = [];
            for (let q = 1; q <= 5; q++) sent.push(call(q, 'POST', `/interviews/${session.id}/questions/${q}/answer`, { answer: `${answer} (${q})` }));
            sent.splice(2, 0, call(round, 'POST', `/interviews/${session.id}/complete`));
            const answers = await Promise.all(sent);
            for (const res of answers) assert.ok([200, 409].includes(res.status), `${res.status} ${JSON.stringify(res.body)}`);
            const got = expectStatus(await call(0, 'GET', `/interviews/${session.id}`), 200);
            const kept = got.questions.filter((q) => q.answer_text !== null).length;
            assert.equal(got.status, 'completed', `round ${round}`);
            assert.equal(got.feedback.answered, kept, `round ${round}: the score counts ${got.feedback.answered} of ${kept} kept answers`);
            // each answer was either kept (200) or refused as too late (409)
            assert.equal(answers.filter((r) => r.status === 200).length, kept + 1, `round ${round}`);
        }
    });

    // Before: both puts found no bookmark and both inserted; the second met the first's row in
    // the unique index and answered 409 "duplicate key value violates unique constraint
    // resource_bookmarks_user_resource..." (4 of 16 at once), where one put after another
    // answers 200 with the bookmark updated.
    test('a new bookmark put 16 times at once: one 201, the rest 200, one bookmark', async () => {
        const resources = expectStatus(await a.api('GET', '/resources?limit=5'), 200).items;
        for (const resource of resources) {
            const sent = await Promise.all(Array.from({ length: 16 }, (_, i) => call(i, 'POST', `/resources/${resource.id}/bookmark`, { notes: `note ${i}` })));
            const statuses = sent.map((r) => r.status).sort();
            assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201],
                sent.filter((r) => r.status >= 400).map((r) => JSON.stringify(r.body)).join('\n'));
            const mine = expectStatus(await call(0, 'GET', `/resources/${resource.id}/bookmark`), 200);
            assert.equal(mine.resource_id, resource.id);
        }
        const list = expectStatus(await call(1, 'GET', '/resources/bookmarks?limit=100'), 200);
        assert.equal(list.total, resources.length);
    });

    // Before: POST /interviews and POST /content read the job, then generate (a language model
    // may take seconds), then insert: a job deleted meanwhile made the insert fail on its
    // foreign key, answered 422 "insert or update on table \"interview_sessions\" violates
    // foreign key constraint ..." (4 of 40 on PostgreSQL), where a job already gone is 404 naming
    // job_id.
    test('a job deleted while interviews and letters are created for it: 201 or 404 naming job_id', async () => {
        for (let round = 0; round < 15; round++) {
            const job = expectStatus(await call(0, 'POST', '/jobs', { company: `Vanishing ${round}`, title: 'Engineer' }), 201);
            const creates = [];
            for (let i = 0; i < 3; i++) {
                creates.push(call(i, 'POST', '/interviews', { interview_type: 'general', job_id: job.id }));
                creates.push(call(i + 1, 'POST', '/content', { content_type: 'cover_letter', job_id: job.id }));
            }
            const deletion = call(round + 1, 'DELETE', `/jobs/${job.id}`);
            creates.splice(round % creates.length, 0, deletion);
            const answers = await Promise.all(creates);
            expectStatus(await deletion, 204);
            for (const res of answers) {
                if (res.status === 404) assert.equal(res.body.error.field, 'job_id', JSON.stringify(res.body));
                else assert.ok([201, 204].includes(res.status), `round ${round}: ${res.status} ${JSON.stringify(res.body)}`);
            }
        }
    });

    // Before: a resource or a learning path an administrator deleted while users bookmarked,
    // rated or viewed it, or enrolled in it, made their insert fail on its foreign key: 422
    // "insert or update on table \"resource_bookmarks\" violates foreign key constraint ..."
    // (resource_feedback, resource_views, learning_path_enrollments too; 9 in 15 rounds on
    // PostgreSQL), where a resource or path already gone is 404.
    test('a resource and a path deleted while users bookmark, rate, view and enroll: 2xx, 404 or 409', async () => {
        const admin = await createAdmin(a);
        const users = [];
        for (let i = 0; i < 3; i++) users.push((await registerUser(a)).token);
        const others = expectStatus(await a.api('GET', '/resources?limit=2'), 200).items.map((r) => r.id);
        const allowed = new Set([200, 201, 204, 404, 409]);
        for (let round = 0; round < 10; round++) {
            const asAdmin = (method, p, body) => on(round).api(method, p, { token: admin.token, body });
            const resource = expectStatus(await asAdmin('POST', '/resources', {
                slug: `vanishing-${round}-${Date.now()}`, title: 'Vanishing', description: 'For a test.',
                type: 'article', provider: 'Tests', url: 'https://example.com/v', difficulty: 'beginner',
            }), 201);
            const path = expectStatus(await asAdmin('POST', '/learning-paths', {
                name: `Vanishing path ${round} ${Date.now()}`, description: 'd', difficulty: 'beginner', resource_ids: others,
            }), 201);
            const sent = [asAdmin('DELETE', `/resources/${resource.id}`), asAdmin('DELETE', `/learning-paths/${path.id}`)];
            users.forEach((token, i) => {
                const as = (method, p, body) => on(i + round + 1).api(method, p, { token, body });
                sent.push(as('POST', `/resources/${resource.id}/bookmark`, {}));
                sent.push(as('PUT', `/resources/${resource.id}/feedback`, { is_helpful: true, rating: 4 }));
                sent.push(as('GET', `/resources/${resource.id}`));
                sent.push(as('POST', `/learning-paths/${path.id}/enroll`, {}));
            });
            const answers = await Promise.all(sent);
            assert.equal(answers[0].status, 204);
            assert.equal(answers[1].status, 204);
            for (const res of answers) {
                assert.ok(allowed.has(res.status), `round ${round}: ${res.status} ${JSON.stringify(res.body)}`);
            }
        }
    });

    // Before: a recommendation mark on a job, or a vote on a feedback item, read the job or the
    // item and then inserted: one deleted in between made the insert fail on its foreign key,
    // 422 "insert or update on table \"job_recommendation_feedback\" violates foreign key
    // constraint ..." (4 of 12 rounds on PostgreSQL; feedback_votes 1), where one already gone is
    // 404.
    test('a job and a feedback item deleted while they are marked and voted on: 2xx or 404', async () => {
        for (let round = 0; round < 12; round++) {
            const job = expectStatus(await call(0, 'POST', '/jobs', { company: `Marked ${round}`, title: 'Engineer' }), 201);
            const item = expectStatus(await call(0, 'POST', '/feedback', { type: 'general', title: `Item ${round}`, description: 'd' }), 201);
            const sent = [call(round + 1, 'DELETE', `/jobs/${job.id}`), call(round, 'DELETE', `/feedback/${item.id}`)];
            for (let i = 0; i < 3; i++) {
                sent.push(call(i, 'POST', `/jobs/${job.id}/recommendation-feedback`, { is_helpful: i % 2 === 0 }));
                sent.push(call(i + 1, 'POST', `/feedback/${item.id}/vote`, { vote: 1 }));
            }
            const answers = await Promise.all(sent);
            assert.equal(answers[0].status, 204);
            assert.equal(answers[1].status, 204);
            for (const res of answers) {
                assert.ok([200, 201, 204, 404].includes(res.status), `round ${round}: ${res.status} ${JSON.stringify(res.body)}`);
            }
        }
    });

    // Before: a fetch of a job source reads the board (seconds, off the request thread) and
    // then records its run; the source deleted meanwhile made that record fail on its foreign
    // key, 422 "insert or update on table \"job_source_runs\" violates foreign key constraint
    // ...", where a source already gone is 404.
    test('a job source deleted while its board is being read: the fetch answers 404', async () => {
        let answered = 0;
        const board = await startWebServer({
            handler: (req, res, url) => {
                if (!url.pathname.startsWith('/greenhouse/v1/boards/slowboard')) return false;
                const body = url.pathname.endsWith('/jobs') ? { jobs: [] } : { name: 'Slow Board' };
                setTimeout(() => {
                    res.writeHead(200, { 'content-type': 'application/json' });
                    res.end(JSON.stringify(body));
                    answered++;
                }, 400);
                return true;
            },
        });
        const reader = await startServer({ dbUrl: a.dbUrl, env: { COPILOT_GREENHOUSE_URL: board.url('/greenhouse') } });
        try {
            const token = await login(reader, user.username);
            const source = expectStatus(await call(0, 'POST', '/job-sources', { kind: 'greenhouse', identifier: 'slowboard' }), 201);
            const fetching = reader.api('POST', `/job-sources/${source.id}/fetch`, { token });
            while (board.hits.length === 0) await sleep(20); // the board is being read
            expectStatus(await call(1, 'DELETE', `/job-sources/${source.id}`), 204);
            const res = await fetching;
            assert.equal(res.status, 404, JSON.stringify(res.body));
            assert.ok(answered >= 1);
        } finally {
            await reader.stop();
            await board.stop();
        }
    });

    // Before: the deletion's cascade locked the user's row and then the jobs, while the user's
    // own writes lock a job and then its owner (or hold the user's row by a foreign key and then
    // wait for a job): PostgreSQL broke the deadlock by failing one, and DELETE /users/me
    // answered 503 in 9 of 25 rounds (writers in 8 more); a write whose owner was deleted after
    // its authentication answered 422 "insert or update on table \"jobs\" violates foreign key
    // constraint ..." (or on tasks, contacts, feedback, calendar_feeds, content_generations).
    test('an account deleted while its own writes run on the other server: 204, and the writes 2xx, 401 or 404', async () => {
        const allowed = new Set([200, 201, 204, 401, 404]);
        for (let round = 0; round < 12; round++) {
            const doomed = await registerUser(a);
            const token = await login(b, doomed.username);
            const send = (method, p, body) => b.api(method, p, { token, body });
            const job = expectStatus(await send('POST', '/jobs', { company: `Doomed ${round}`, title: 'Engineer' }), 201);
            const app = expectStatus(await send('POST', '/applications', { job_id: job.id }), 201);
            const writes = [
                send('POST', '/jobs', { company: `Other ${round}`, title: 'Engineer' }),
                send('POST', '/applications', { job_id: job.id }),
                send('PATCH', `/applications/${app.id}`, { status: 'applied' }),
                send('POST', '/tasks', { title: 'Call back', job_id: job.id }),
                send('POST', '/contacts', { name: 'Ann' }),
                send('POST', '/feedback', { type: 'general', title: 'Hello', description: 'there' }),
                send('POST', '/calendar/feed'),
                send('PATCH', '/users/me', { skills: ['go'] }),
                send('POST', '/resources/1/bookmark', {}),
                send('POST', '/interviews', { interview_type: 'general' }),
                send('POST', '/content', { content_type: 'cover_letter', job_id: job.id }),
            ];
            const deletion = a.api('DELETE', '/users/me', { token: doomed.token });
            writes.splice(round % writes.length, 0, deletion);
            const answers = await Promise.all(writes);
            expectStatus(await deletion, 204);
            for (const res of answers) {
                assert.ok(allowed.has(res.status), `round ${round}: ${res.status} ${JSON.stringify(res.body)}`);
            }
            const gone = await a.api('POST', '/auth/login', { body: { username: doomed.username, password: doomed.password } });
            assert.equal(gone.status, 401);
        }
    });
});
