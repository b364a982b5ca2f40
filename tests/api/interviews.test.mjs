// Interview practice: sessions with generated questions (built-in bank: deterministic, by type,
// tech stack and difficulty; or a fake language model, with the fallback when it fails), the
// session life cycle (start, answer, complete, cancel, delete), answer scores and feedback,
// the session summary, list filters, ownership and every error code
// (SPEC part B "Interview practice", part A "interview_sessions, interview_questions").

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    assertTimestamp, createJob, expectError, expectStatus, registerUser, startServer,
} from './helpers.mjs';
import { chatAnswer, startFakeModel } from './fake_web.mjs';

const SESSION_KEYS = ['completed_at', 'created_at', 'feedback', 'id', 'interview_type', 'job_id',
    'questions', 'score', 'started_at', 'status', 'total_questions', 'updated_at', 'user_id'];
const QUESTION_KEYS = ['answer_text', 'answered_at', 'created_at', 'difficulty', 'feedback', 'id',
    'position', 'question_text', 'question_type', 'score', 'session_id', 'updated_at'];
const TYPES = ['behavioral', 'technical', 'system_design', 'case_study', 'general'];
const LEVELS = ['easy', 'medium', 'hard'];

const STRONG_STAR = 'At my previous company our team was migrating a billing service and I disagreed '
    + 'with a colleague about the rollout plan. My responsibility was to ship the migration without '
    + 'downtime for 40,000 customers. I decided to listen to his concerns first, then I proposed a '
    + 'compromise: a staged rollout behind a feature flag with a rollback script. I wrote the runbook '
    + 'and I scheduled 2 rehearsals with the team. As a result we resolved the conflict, finished '
    + 'two weeks early and reduced billing errors by 30%. I learned that asking questions first saves time.';

const DEADLOCK_Q = 'What causes deadlocks in a database and how do you prevent them?';
const DEADLOCK_WRONG = 'Deadlocks are a classic database performance problem. A deadlock means the server\'s disk '
    + 'is full, so transactions cannot write their locks, every row lock just hangs and the queries pile up in '
    + 'a cycle with other concurrent transactions. The database will detect the deadlock eventually, but the real '
    + 'fix is hardware: buy more RAM so the buffer pool can hold all the locks, and add faster disks. I would also '
    + 'raise the lock timeout and just wait longer, because most deadlocks resolve themselves if you wait.';
const DEADLOCK_RIGHT = 'A deadlock is when two transactions each hold a lock that the other one needs, so they '
    + 'wait for each other forever. For example, transaction A updates account 1 and then wants account 2, while '
    + 'transaction B has locked account 2 and wants account 1: that is a cycle. The database runs a deadlock '
    + 'detector that finds the cycle, picks one transaction as the victim and rolls it back, so the other can '
    + 'finish. It\'s not that the disk is full or the server is out of memory. To prevent it, every code path '
    + 'takes locks in the same order, for instance rows sorted by primary key. I keep transactions short, and since '
    + 'deadlocks can still happen under load, the application catches the error and retries the transaction.';

describe('interviews', () => {
    let srv;
    let alice;
    let bob;
    let aliceJob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
        aliceJob = await createJob(srv, alice.token, {
            tech_stack: ['Python', 'PostgreSQL'], requirements: 'Experience with Docker.',
        });
    });
    after(async () => { await srv?.stop(); });

    const create = (who, body) => srv.api('POST', '/interviews', { token: who.token, body });
    const get = (who, id) => srv.api('GET', `/interviews/${id}`, { token: who.token });
    const action = (who, id, what) => srv.api('POST', `/interviews/${id}/${what}`, { token: who.token });
    const answer = (who, id, position, body) =>
        srv.api('POST', `/interviews/${id}/questions/${position}/answer`, { token: who.token, body });
    async function session(who, body = { interview_type: 'behavioral' }) {
        return expectStatus(await create(who, body), 201);
    }

    describe('POST /interviews', () => {
        test('201 with Location, the session and 5 questions by default', async () => {
            const res = await create(alice, { interview_type: 'behavioral' });
            const s = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/interviews/${s.id}$`));
            for (const key of SESSION_KEYS) assert.ok(key in s, `session has ${key}`);
            assert.equal(s.user_id, alice.user.id);
            assert.equal(s.job_id, null);
            assert.equal(s.interview_type, 'behavioral');
            assert.equal(s.status, 'started');
            assert.equal(s.total_questions, 5);
            assert.equal(s.score, null);
            assert.equal(s.started_at, null);
            assert.equal(s.completed_at, null);
            assertTimestamp(s.created_at);
            assertTimestamp(s.updated_at);
            assert.equal(s.generator, 'builtin');
            assert.equal(s.fallback, false);
            assert.equal(s.questions.length, 5);
            s.questions.forEach((q, i) => {
                assert.deepEqual(Object.keys(q).sort(), QUESTION_KEYS);
                assert.equal(q.position, i + 1);
                assert.equal(q.session_id, s.id);
                assert.equal(q.question_type, 'behavioral');
                assert.ok(LEVELS.includes(q.difficulty));
                assert.ok(q.question_text.length > 10);
                assert.equal(q.answer_text, null);
                assert.equal(q.score, null);
                assert.equal(q.feedback, null);
            });
            assert.equal(new Set(s.questions.map((q) => q.question_text)).size, 5, 'no repeats');
            // a mix: easy first, then medium, then hard (2/2/1 of 5)
            assert.deepEqual(s.questions.map((q) => q.difficulty), ['easy', 'easy', 'medium', 'medium', 'hard']);
        });

        test('every type, 1 to 20 questions', async () => {
            for (const type of TYPES) {
                for (const n of [1, 20]) {
                    const s = await session(alice, { interview_type: type, total_questions: n });
                    assert.equal(s.total_questions, n);
                    assert.equal(s.questions.length, n);
                    assert.equal(new Set(s.questions.map((q) => q.question_text)).size, n, `${type}/${n}`);
                }
                const s = await session(alice, { interview_type: type, total_questions: 3 });
                if (type !== 'technical')
                    for (const q of s.questions) assert.equal(q.question_type, type);
            }
        });

        test('the same inputs give the same questions; a seed varies them', async () => {
            // two users with the same job and no history get the same questions
            const [one, two] = [await registerUser(srv), await registerUser(srv)];
            const job = { title: 'Backend Engineer', tech_stack: ['Python', 'PostgreSQL'], requirements: 'Experience with Docker.' };
            const body = (j) => ({ interview_type: 'technical', job_id: j.id, total_questions: 6 });
            const j1 = await createJob(srv, one.token, job);
            const j2 = await createJob(srv, two.token, job);
            const a = await session(one, body(j1));
            const b = await session(two, body(j2));
            assert.deepEqual(a.questions.map((q) => q.question_text), b.questions.map((q) => q.question_text));
            const [three, four] = [await registerUser(srv), await registerUser(srv)];
            const c = await session(three, { ...body(await createJob(srv, three.token, job)), seed: 7 });
            assert.notDeepEqual(a.questions.map((q) => q.question_text), c.questions.map((q) => q.question_text));
            const d = await session(four, { ...body(await createJob(srv, four.token, job)), difficulty: 'hard' });
            assert.notDeepEqual(a.questions.map((q) => q.question_text), d.questions.map((q) => q.question_text));
        });

        test('a new session for the same job asks questions the recent ones did not (issue 13)', async () => {
            const user = await registerUser(srv);
            const job = await createJob(srv, user.token, { title: 'Backend Engineer', tech_stack: ['Python', 'PostgreSQL'], requirements: 'Python and SQL.', description: 'Build services.' });
            const body = { interview_type: 'technical', job_id: job.id, total_questions: 3 };
            const seen = new Set();
            for (let round = 0; round < 3; round++) {
                const s = await session(user, body);
                for (const q of s.questions) {
                    assert.ok(!seen.has(q.question_text), `round ${round + 1} repeats "${q.question_text}"`);
                    assert.ok(['language:python', 'sql'].includes(q.question_type), q.question_type);
                    seen.add(q.question_text);
                }
            }
            // another user with the same job starts from the first session's questions again
            const other = await registerUser(srv);
            const theirs = await session(other, { ...body, job_id: (await createJob(srv, other.token, { title: 'Backend Engineer', tech_stack: ['Python', 'PostgreSQL'], requirements: 'Python and SQL.', description: 'Build services.' })).id });
            for (const q of theirs.questions) assert.ok(seen.has(q.question_text));
        });

        test('technical questions follow the job\'s tech stack and requirements', async () => {
            const s = await session(alice, { interview_type: 'technical', job_id: aliceJob.id, total_questions: 6 });
            assert.equal(s.job_id, aliceJob.id);
            const types = new Set(s.questions.map((q) => q.question_type));
            for (const t of types) assert.ok(['docker', 'language:python', 'sql'].includes(t), t);
            assert.ok(types.size >= 2, 'the topics are taken in turn');
            const plain = await session(alice, { interview_type: 'technical', total_questions: 6 });
            for (const q of plain.questions) assert.ok(['algorithms', 'technical'].includes(q.question_type), q.question_type);
        });

        test('difficulty picks one level', async () => {
            for (const level of LEVELS) {
                const s = await session(alice, { interview_type: 'behavioral', total_questions: 4, difficulty: level });
                for (const q of s.questions) assert.equal(q.difficulty, level);
            }
            const mixed = await session(alice, { interview_type: 'general', difficulty: 'mixed', total_questions: 10 });
            assert.deepEqual([...new Set(mixed.questions.map((q) => q.difficulty))], LEVELS);
        });

        test('another user\'s or a missing job → 404 naming job_id', async () => {
            const bobJob = await createJob(srv, bob.token);
            expectError(await create(alice, { interview_type: 'technical', job_id: bobJob.id }), 404, 'not_found', 'job_id');
            expectError(await create(alice, { interview_type: 'technical', job_id: 99999999 }), 404, 'not_found', 'job_id');
            const list = expectStatus(await srv.api('GET', '/interviews', { token: bob.token }), 200);
            assert.equal(list.total, 0);
        });

        const invalid = [
            ['interview_type', undefined], ['interview_type', null], ['interview_type', 'astrology'],
            ['interview_type', 3], ['total_questions', 0], ['total_questions', 21],
            ['total_questions', '5'], ['total_questions', 2.5], ['total_questions', null],
            ['difficulty', 'extreme'], ['job_id', 0], ['job_id', 'one'], ['seed', -1],
            ['status', 'completed'], ['score', 100], ['user_id', 1], ['id', 1], ['questions', []],
            ['colour', 'teal'],
        ];
        for (const [field, value] of invalid) {
            test(`${field} = ${JSON.stringify(value)} → 422 naming ${field}`, async () => {
                const body = { interview_type: 'behavioral', [field]: value };
                if (value === undefined) delete body[field];
                expectError(await create(alice, body), 422, 'validation_failed', field);
            });
        }

        test('malformed JSON 400, not JSON 415, no token 401', async () => {
            expectError(await srv.api('POST', '/interviews', { token: alice.token, raw: '{"interview_type":' }), 400, 'bad_request');
            expectError(await srv.api('POST', '/interviews', { token: alice.token, raw: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
            expectError(await srv.api('POST', '/interviews', { body: { interview_type: 'general' } }), 401, 'unauthorized');
            expectError(await srv.api('GET', '/interviews'), 401, 'unauthorized');
            expectError(await srv.api('PUT', '/interviews', { token: alice.token, body: {} }), 405, 'method_not_allowed');
        });
    });

    describe('reading and listing', () => {
        test('GET /interviews/{id} has the questions by position; others get 404', async () => {
            const s = await session(alice, { interview_type: 'case_study', total_questions: 4 });
            const got = expectStatus(await get(alice, s.id), 200);
            assert.deepEqual(got.questions.map((q) => q.position), [1, 2, 3, 4]);
            assert.deepEqual(got.questions.map((q) => q.question_text), s.questions.map((q) => q.question_text));
            assert.equal('generator' in got, false);
            for (const [who, id] of [[bob, s.id], [alice, 99999999], [alice, 'abc'], [alice, 0]])
                expectError(await get(who, id), 404, 'not_found');
        });

        test('list envelope, filters, sorting and isolation', async () => {
            const fresh = await registerUser(srv);
            const a = await session(fresh, { interview_type: 'general', total_questions: 1 });
            const b = await session(fresh, { interview_type: 'behavioral', total_questions: 1 });
            expectStatus(await action(fresh, b.id, 'start'), 200);
            let list = expectStatus(await srv.api('GET', '/interviews', { token: fresh.token }), 200);
            assert.deepEqual(Object.keys(list).sort(), ['items', 'limit', 'offset', 'total']);
            assert.equal(list.total, 2);
            assert.equal(list.limit, 20);
            assert.equal(list.offset, 0);
            assert.deepEqual(list.items.map((x) => x.id), [b.id, a.id], 'newest first');
            assert.equal('questions' in list.items[0], false);
            list = expectStatus(await srv.api('GET', '/interviews?status=in_progress', { token: fresh.token }), 200);
            assert.deepEqual(list.items.map((x) => x.id), [b.id]);
            list = expectStatus(await srv.api('GET', '/interviews?interview_type=general', { token: fresh.token }), 200);
            assert.deepEqual(list.items.map((x) => x.id), [a.id]);
            list = expectStatus(await srv.api('GET', '/interviews?sort=created_at&limit=1', { token: fresh.token }), 200);
            assert.deepEqual(list.items.map((x) => x.id), [a.id]);
            // an enumerated column sorts in its values' order (started before in_progress), as
            // PostgreSQL's enum type does, on both engines (SQLite sorted by name before the
            // thirty-sixth round: engines_agree.test.mjs)
            list = expectStatus(await srv.api('GET', '/interviews?sort=status', { token: fresh.token }), 200);
            assert.deepEqual(list.items.map((x) => x.id), [a.id, b.id]);
            list = expectStatus(await srv.api('GET', '/interviews?sort=-status', { token: fresh.token }), 200);
            assert.deepEqual(list.items.map((x) => x.id), [b.id, a.id]);
            assert.equal(list.total, 2);
            expectError(await srv.api('GET', '/interviews?status=sleeping', { token: fresh.token }), 422, 'validation_failed', 'status');
            expectError(await srv.api('GET', '/interviews?interview_type=poker', { token: fresh.token }), 422, 'validation_failed', 'interview_type');
            expectError(await srv.api('GET', '/interviews?sort=colour', { token: fresh.token }), 422, 'validation_failed', 'sort');
            expectError(await srv.api('GET', '/interviews?limit=0', { token: fresh.token }), 422, 'validation_failed', 'limit');
            list = expectStatus(await srv.api('GET', `/interviews?job_id=${aliceJob.id}`, { token: fresh.token }), 200);
            assert.equal(list.total, 0);
        });
    });

    describe('life cycle', () => {
        test('start: started → in_progress with started_at; again is a no-op', async () => {
            const s = await session(alice);
            const started = expectStatus(await action(alice, s.id, 'start'), 200);
            assert.equal(started.status, 'in_progress');
            assertTimestamp(started.started_at);
            assert.equal(started.questions.length, 5);
            const again = expectStatus(await action(alice, s.id, 'start'), 200);
            assert.equal(again.status, 'in_progress');
            assert.equal(again.started_at, started.started_at);
            expectError(await action(bob, s.id, 'start'), 404, 'not_found');
        });

        test('answer: the question\'s score and feedback; answering starts the session', async () => {
            const s = await session(alice, { interview_type: 'behavioral', total_questions: 2 });
            const res = await answer(alice, s.id, 1, { answer: STRONG_STAR });
            const q = expectStatus(res, 200);
            assert.deepEqual(Object.keys(q).sort(), [...QUESTION_KEYS, 'fallback', 'generator'].sort());
            assert.equal(q.generator, 'builtin');
            assert.equal(q.fallback, false);
            assert.equal(q.position, 1);
            assert.equal(q.answer_text, STRONG_STAR);
            assertTimestamp(q.answered_at);
            assert.ok(q.score >= 0 && q.score <= 100);
            // a well-told story earns its form even when it misses the question's key points
            assert.ok(q.score >= 40, `a strong STAR answer scores at least fair, got ${q.score}`);
            const f = q.feedback;
            assert.equal(f.score, q.score);
            assert.deepEqual(Object.keys(f.breakdown).sort(), ['key_points', 'length', 'penalty', 'specificity', 'structure']);
            assert.equal(f.breakdown.key_points + f.breakdown.structure + f.breakdown.specificity + f.breakdown.length - f.breakdown.penalty, f.score);
            assert.equal(f.structure.kind, 'star');
            assert.deepEqual(f.structure.found, ['situation', 'task', 'action', 'result']);
            assert.ok(Array.isArray(f.key_points.covered) && Array.isArray(f.key_points.missed));
            assert.ok(f.key_points.covered.length + f.key_points.missed.length >= 3, 'the bank question\'s rubric');
            assert.deepEqual(f.misconceptions, []);
            assert.deepEqual(f.form, { keyword_list: false, repeated_sentences: 0, padded: false });
            assert.equal(f.grader, 'builtin');
            assert.equal(q.feedback.grader, 'builtin');
            assert.ok(Array.isArray(f.strengths) && f.strengths.length > 0);
            assert.ok(Array.isArray(f.improvements));
            assert.ok(f.word_count > 80);
            const after = expectStatus(await get(alice, s.id), 200);
            assert.equal('generator' in after.questions[0], false);
            assert.equal(after.questions[0].feedback.grader, 'builtin');
            assert.equal(after.status, 'in_progress');
            assertTimestamp(after.started_at);
            assert.equal(after.questions[0].score, q.score);

            // a weak answer scores lower and says what to improve; the same answer, the same score
            const weak = expectStatus(await answer(alice, s.id, 2, { answer: 'It went fine.' }), 200);
            assert.ok(weak.score < 30, `weak answer scored ${weak.score}`);
            assert.ok(weak.feedback.improvements.length >= 3);
            const again = expectStatus(await answer(alice, s.id, 2, { answer: 'It went fine.' }), 200);
            assert.equal(again.score, weak.score);
            // answering again replaces the answer
            const better = expectStatus(await answer(alice, s.id, 2, { answer: STRONG_STAR }), 200);
            assert.ok(better.score > weak.score);
            assert.equal(better.answer_text, STRONG_STAR);
        });

        test('a fluent wrong answer scores below a right one and its misconception is named (issue 13)', async () => {
            const user = await registerUser(srv);
            const job = await createJob(srv, user.token, { title: 'Database Engineer', tech_stack: ['PostgreSQL'], requirements: 'SQL.', description: 'Databases.' });
            const s = await session(user, { interview_type: 'technical', job_id: job.id, total_questions: 10 });
            const q = s.questions.find((x) => x.question_text === DEADLOCK_Q);
            assert.ok(q, 'the ten SQL questions include the deadlock question');
            const wrong = expectStatus(await answer(user, s.id, q.position, { answer: DEADLOCK_WRONG }), 200);
            const right = expectStatus(await answer(user, s.id, q.position, { answer: DEADLOCK_RIGHT }), 200);
            assert.ok(wrong.score <= 25, `wrong answer scored ${wrong.score}`);
            assert.ok(right.score >= 85, `right answer scored ${right.score}`);
            assert.ok(wrong.feedback.misconceptions.includes('blames resources, not locks'));
            assert.ok(wrong.feedback.improvements.includes('Misconception: blames resources, not locks.'));
            assert.ok(!wrong.feedback.strengths.some((x) => /Well explained|key points/.test(x)), wrong.feedback.strengths.join(' | '));
            assert.deepEqual(right.feedback.misconceptions, []);
            assert.deepEqual(right.feedback.key_points.missed, []);
            // the right answer opens with a definition: it is not told to start with one
            assert.ok(!right.feedback.improvements.some((x) => /defin|Open with the answer/.test(x)), right.feedback.improvements.join(' | '));
            const list = expectStatus(await answer(user, s.id, q.position, { answer: 'Deadlock, circular wait, row locks, deadlock detection, victim, rollback, same order, retry, short transactions' }), 200);
            assert.ok(list.score <= 25 && list.score < right.score);
            assert.equal(list.feedback.form.keyword_list, true);
            assert.deepEqual(list.feedback.key_points.covered, []);
            assert.ok(list.feedback.improvements.some((x) => /Key points missed: circular wait/.test(x)));
        });

        test('answer errors: unknown position 404, body 422, other user 404', async () => {
            const s = await session(alice, { interview_type: 'general', total_questions: 2 });
            for (const position of [3, 99, 0, 'x'])
                expectError(await answer(alice, s.id, position, { answer: 'hello there' }), 404, 'not_found');
            expectError(await answer(bob, s.id, 1, { answer: 'hello there' }), 404, 'not_found');
            expectError(await answer(alice, 99999999, 1, { answer: 'hello there' }), 404, 'not_found');
            for (const body of [{}, { answer: '' }, { answer: '   ' }, { answer: null }, { answer: 5 },
                { answer: 'x'.repeat(20001) }])
                expectError(await answer(alice, s.id, 1, body), 422, 'validation_failed', 'answer');
            expectError(await answer(alice, s.id, 1, { answer: 'ok', score: 100 }), 422, 'validation_failed', 'score');
            expectError(await srv.api('POST', `/interviews/${s.id}/questions/1/answer`, { token: alice.token, raw: '{' }), 400, 'bad_request');
            const untouched = expectStatus(await get(alice, s.id), 200);
            assert.equal(untouched.status, 'started');
            assert.equal(untouched.questions[0].answer_text, null);
        });

        test('complete: average of the answered questions, summary, completed_at; then 409', async () => {
            const s = await session(alice, { interview_type: 'behavioral', total_questions: 3 });
            const one = expectStatus(await answer(alice, s.id, 1, { answer: STRONG_STAR }), 200);
            const two = expectStatus(await answer(alice, s.id, 3, { answer: 'We talked about it and it was fine in the end.' }), 200);
            const done = expectStatus(await action(alice, s.id, 'complete'), 200);
            assert.equal(done.status, 'completed');
            assertTimestamp(done.completed_at);
            assertTimestamp(done.started_at);
            const average = Math.round(((one.score + two.score) / 2) * 10) / 10;
            assert.equal(done.score, average);
            const f = done.feedback;
            assert.equal(f.answered, 2);
            assert.equal(f.unanswered, 1);
            assert.equal(f.total_questions, 3);
            assert.equal(f.average_score, average);
            assert.ok(['excellent', 'good', 'fair', 'needs_work'].includes(f.level));
            assert.match(f.summary, /2 of 3/);
            assert.ok(Array.isArray(f.strengths) && Array.isArray(f.improvements));
            assert.ok(f.improvements.some((x) => /Answer every question/.test(x)));
            assert.deepEqual(f.question_scores.map((x) => x.position), [1, 2, 3]);
            assert.equal(f.question_scores[1].score, null);
            assert.equal(done.questions.length, 3);
            // a closed session refuses everything but reading and deleting
            expectError(await answer(alice, s.id, 2, { answer: 'too late now' }), 409, 'conflict');
            expectError(await action(alice, s.id, 'complete'), 409, 'conflict');
            expectError(await action(alice, s.id, 'start'), 409, 'conflict');
            expectError(await action(alice, s.id, 'cancel'), 409, 'conflict');
            expectError(await action(bob, s.id, 'complete'), 404, 'not_found');
            assert.equal(expectStatus(await get(alice, s.id), 200).questions[1].answer_text, null);
        });

        test('complete with under half answered: the average, but no rating; at half, a rating', async () => {
            const user = await registerUser(srv);
            const job = await createJob(srv, user.token, { title: 'Database Engineer', tech_stack: ['PostgreSQL'], requirements: 'SQL.', description: 'Databases.' });
            const s = await session(user, { interview_type: 'technical', job_id: job.id, total_questions: 10 });
            const q = s.questions.find((x) => x.question_text === DEADLOCK_Q);
            assert.ok(q, 'the ten SQL questions include the deadlock question');
            const one = expectStatus(await answer(user, s.id, q.position, { answer: DEADLOCK_RIGHT }), 200);
            assert.ok(one.score >= 85, `the right answer scores ${one.score}`);
            const done = expectStatus(await action(user, s.id, 'complete'), 200);
            assert.equal(done.score, one.score); // the score is still the answered questions' average
            const f = done.feedback;
            assert.equal(f.level, 'incomplete');
            assert.equal(f.answered, 1);
            assert.equal(f.total_questions, 10);
            assert.match(f.summary, /^You answered 1 of 10 questions, too few for an overall rating/);
            assert.doesNotMatch(f.summary, /excellent|good|fair|needs work/i);
            // half answered is rated
            const half = await session(user, { interview_type: 'technical', job_id: job.id, total_questions: 2 });
            expectStatus(await answer(user, half.id, 1, { answer: DEADLOCK_RIGHT }), 200);
            const rated = expectStatus(await action(user, half.id, 'complete'), 200);
            assert.ok(['excellent', 'good', 'fair', 'needs_work'].includes(rated.feedback.level), rated.feedback.level);
            assert.match(rated.feedback.summary, /^You answered 1 of 2 questions with an average score of [\d.]+ \((excellent|good|fair|needs work)\)\.$/);
        });

        test('complete without answers: score 0, not_answered', async () => {
            const s = await session(alice, { interview_type: 'general', total_questions: 2 });
            const done = expectStatus(await action(alice, s.id, 'complete'), 200);
            assert.equal(done.score, 0);
            assert.equal(done.feedback.level, 'not_answered');
            assert.equal(done.feedback.answered, 0);
        });

        test('cancel: cancelled sessions refuse answers (409)', async () => {
            const s = await session(alice);
            expectError(await action(bob, s.id, 'cancel'), 404, 'not_found');
            const c = expectStatus(await action(alice, s.id, 'cancel'), 200);
            assert.equal(c.status, 'cancelled');
            expectError(await answer(alice, s.id, 1, { answer: 'an answer' }), 409, 'conflict');
            expectError(await action(alice, s.id, 'complete'), 409, 'conflict');
        });

        test('DELETE: 204, then 404; other users 404; deleting the job keeps the session', async () => {
            const s = await session(alice);
            expectError(await srv.api('DELETE', `/interviews/${s.id}`, { token: bob.token }), 404, 'not_found');
            expectStatus(await srv.api('DELETE', `/interviews/${s.id}`, { token: alice.token }), 204);
            expectError(await get(alice, s.id), 404, 'not_found');
            expectError(await answer(alice, s.id, 1, { answer: 'anyone there?' }), 404, 'not_found');
            expectError(await srv.api('DELETE', `/interviews/${s.id}`, { token: alice.token }), 404, 'not_found');

            const job = await createJob(srv, alice.token, { tech_stack: ['Go'] });
            const t = await session(alice, { interview_type: 'technical', job_id: job.id, total_questions: 2 });
            expectStatus(await srv.api('DELETE', `/jobs/${job.id}`, { token: alice.token }), 204);
            const kept = expectStatus(await get(alice, t.id), 200);
            assert.equal(kept.job_id, null);
            assert.equal(kept.questions.length, 2);
        });
    });
});

/* ------------------------------------------------------------------ with a language model */

describe('interviews with a language model', () => {
    let fake;
    let srv;
    let user;
    let mode = 'ok';

    before(async () => {
        fake = await startFakeModel((body) => {
            if (mode === 'fail') return [500, { error: 'boom' }];
            if (/^Grade this answer/.test(body.messages[1].content)) {
                if (mode === 'badgrade') return [200, chatAnswer('It is a fine answer, 8 out of 10.')];
                const grade = { score: 64, covered: ['circular wait', 'made-up point'], missed: [], misconceptions: [], strengths: ['Names the cycle.'], improvements: ['Say how the database breaks it.'] };
                return [200, chatAnswer('```json\n' + JSON.stringify(grade) + '\n```')];
            }
            if (mode === 'short') return [200, chatAnswer('1. Only one question here?')];
            const n = Number((/Write (\d+)/.exec(body.messages[1].content) || [])[1] || 3);
            const lines = Array.from({ length: n }, (_, i) => `${i + 1}. Model question number ${i + 1} about your work?`);
            return [200, chatAnswer(`Here you go:\n${lines.join('\n')}`)];
        });
        srv = await startServer({
            env: {
                COPILOT_LLM_URL: fake.url('/v1'),
                COPILOT_LLM_MODEL: 'fake-model-1',
                COPILOT_LLM_KEY: 'sk-test',
            },
        });
        user = await registerUser(srv);
    });
    after(async () => {
        await srv?.stop();
        await fake?.stop();
    });

    test('questions come from the model; generator is the model name', async () => {
        mode = 'ok';
        const job = await createJob(srv, user.token, { tech_stack: ['Rust'] });
        const s = expectStatus(await srv.api('POST', '/interviews', {
            token: user.token, body: { interview_type: 'system_design', job_id: job.id, total_questions: 4 },
        }), 201);
        assert.equal(s.generator, 'fake-model-1');
        assert.equal(s.fallback, false);
        assert.deepEqual(s.questions.map((q) => q.question_text), [1, 2, 3, 4].map((i) => `Model question number ${i} about your work?`));
        assert.deepEqual(s.questions.map((q) => q.difficulty), ['easy', 'medium', 'medium', 'hard']);
        for (const q of s.questions) assert.equal(q.question_type, 'system_design');
        const last = fake.seen[fake.seen.length - 1];
        assert.equal(last.path, '/v1/chat/completions');
        assert.equal(last.auth, 'Bearer sk-test');
        assert.equal(last.body.model, 'fake-model-1');
        assert.equal(last.body.messages[0].role, 'system');
        assert.match(last.body.messages[1].content, /Write 4 system design interview questions/);
        assert.match(last.body.messages[1].content, /Rust/);
        // answers are graded by the model too; a model question has no rubric
        const a = expectStatus(await srv.api('POST', `/interviews/${s.id}/questions/1/answer`, {
            token: user.token, body: { answer: 'My work is mostly on questions of scale.' },
        }), 200);
        assert.equal(a.generator, 'fake-model-1');
        assert.equal(a.fallback, false);
        assert.equal(a.score, 64);
        assert.equal(a.feedback.grader, 'fake-model-1');
        assert.deepEqual(a.feedback.key_points.covered, ['circular wait', 'made-up point']);
        assert.deepEqual(a.feedback.improvements, ['Say how the database breaks it.']);
        const graded = fake.seen[fake.seen.length - 1].body.messages[1].content;
        assert.match(graded, /Question \(system_design\): Model question number 1 about your work\?/);
        assert.match(graded, /There is no rubric/);
        assert.match(graded, /My work is mostly on questions of scale\./);
    });

    test('a bank question is graded against its rubric; a failing grade falls back to the built-in score', async () => {
        mode = 'short'; // the questions come from the bank
        const job = await createJob(srv, user.token, { title: 'Database Engineer', tech_stack: ['PostgreSQL'], requirements: 'SQL.', description: 'Databases.' });
        const s = expectStatus(await srv.api('POST', '/interviews', {
            token: user.token, body: { interview_type: 'technical', job_id: job.id, total_questions: 10 },
        }), 201);
        assert.equal(s.generator, 'builtin');
        const q = s.questions.find((x) => x.question_text === DEADLOCK_Q);
        assert.ok(q);
        const url = `/interviews/${s.id}/questions/${q.position}/answer`;
        mode = 'ok';
        const a = expectStatus(await srv.api('POST', url, { token: user.token, body: { answer: DEADLOCK_RIGHT } }), 200);
        assert.equal(a.generator, 'fake-model-1');
        assert.equal(a.score, 64);
        // only the rubric's names are kept, and every other point is missed
        assert.deepEqual(a.feedback.key_points.covered, ['circular wait']);
        assert.ok(a.feedback.key_points.missed.includes('consistent lock order'));
        const prompt = fake.seen[fake.seen.length - 1].body.messages[1].content;
        assert.match(prompt, /- consistent lock order \(said as: "same order"/);
        assert.match(prompt, /- blames resources, not locks \(said as: "disk is full"/);
        assert.match(prompt, /score it 25 or less/);
        for (const m of ['fail', 'badgrade']) {
            mode = m;
            const b = expectStatus(await srv.api('POST', url, { token: user.token, body: { answer: DEADLOCK_WRONG } }), 200);
            assert.equal(b.generator, 'builtin');
            assert.equal(b.fallback, true);
            assert.match(b.warning, m === 'fail' ? /HTTP 500; the built-in score was used/ : /no score from 0 to 100; the built-in score was used/);
            assert.equal(b.feedback.grader, 'builtin');
            assert.ok(b.score <= 25);
            assert.ok(b.feedback.misconceptions.includes('blames resources, not locks'));
        }
        mode = 'ok';
    });

    test('a failing model or too few questions: built-in bank, fallback and a warning', async () => {
        for (const m of ['fail', 'short']) {
            mode = m;
            const s = expectStatus(await srv.api('POST', '/interviews', {
                token: user.token, body: { interview_type: 'behavioral', total_questions: 3 },
            }), 201);
            assert.equal(s.generator, 'builtin');
            assert.equal(s.fallback, true);
            assert.equal(typeof s.warning, 'string');
            assert.match(s.warning, m === 'fail' ? /HTTP 500/ : /1 usable questions of 3/);
            assert.equal(s.questions.length, 3);
            for (const q of s.questions) assert.equal(q.question_type, 'behavioral');
        }
        mode = 'ok';
    });
});
