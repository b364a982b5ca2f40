// Recommendations: GET /jobs/recommendations ranks the caller's own jobs without an application by
// match_score (0-100) with reasons (skills through the dictionary's aliases, location, remote,
// experience, salary, preferences), honours excluded companies and keywords, pages; and
// POST /jobs/{id}/recommendation-feedback upserts the caller's verdict with its snapshots, which
// visibly moves the ranking (SPEC part B "Jobs", part C "Recommendation score").
// Rules and shapes: docs/recommendations.md.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    assertTimestamp, createJob, expectError, expectStatus, registerUser, startServer,
} from './helpers.mjs';

describe('recommendations', () => {
    let srv;
    let alice;
    let bob;
    const jobs = {};

    const list = async (who, query = '') =>
        expectStatus(await srv.api('GET', `/jobs/recommendations${query}`, { token: who.token }), 200);
    const feedback = (who, id, body, opts = {}) =>
        srv.api('POST', `/jobs/${id}/recommendation-feedback`, { token: who.token, body, ...opts });
    const putPreferences = async (who, body) =>
        expectStatus(await srv.api('PUT', '/users/me/preferences', { token: who.token, body }), 200);

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
        expectStatus(await srv.api('PATCH', '/users/me', {
            token: alice.token,
            body: { skills: ['python', 'Postgres'], preferred_locations: ['Berlin'], experience_level: 'senior' },
        }), 200);
        // the best fit: every skill (through aliases), preferred location, same level
        jobs.best = await createJob(srv, alice.token, {
            company: 'Best Fit GmbH', title: 'Senior Backend Engineer', location: 'Berlin, Germany',
            tech_stack: ['Python', 'PostgreSQL'], salary_min: 70000, salary_max: 90000, currency: 'EUR',
        });
        // remote (not preferred), half the skills, no level in the title
        jobs.remote = await createJob(srv, alice.token, {
            company: 'Remote Co', title: 'Backend Engineer', location: 'Anywhere', remote_option: 'remote',
            tech_stack: ['py', 'Go'],
        });
        // nothing in common
        jobs.poor = await createJob(srv, alice.token, {
            company: 'Tokyo Corp', title: 'Junior Frontend Developer', location: 'Tokyo', remote_option: 'onsite',
            tech_stack: ['React', 'TypeScript'], description: 'A gambling product',
        });
        // applied to: never recommended
        jobs.applied = await createJob(srv, alice.token, { company: 'Applied Ltd', title: 'Senior Backend Engineer', tech_stack: ['Python'] });
        expectStatus(await srv.api('POST', '/applications', { token: alice.token, body: { job_id: jobs.applied.id, status: 'applied' } }), 201);
        jobs.bob = await createJob(srv, bob.token, { company: 'Bob Only', title: 'Senior Backend Engineer', tech_stack: ['Python'] });
    });
    after(async () => { await srv?.stop(); });

    describe('GET /jobs/recommendations', () => {
        test('own jobs without an application, best first, in the list envelope', async () => {
            const body = await list(alice);
            assert.equal(body.total, 3);
            assert.equal(body.limit, 20);
            assert.equal(body.offset, 0);
            assert.equal(body.excluded, 0);
            assert.deepEqual(body.items.map((j) => j.id), [jobs.best.id, jobs.remote.id, jobs.poor.id]);
            // the poor job shares no skill: the skills gate keeps a quarter of its total (0 here:
            // a junior role for a senior, onsite in Tokyo)
            assert.deepEqual(body.items.map((j) => j.match_score), [95, 60, 0]);
            for (const item of body.items) {
                assert.equal(item.user_id, alice.user.id);
                assert.ok(item.match_score >= 0 && item.match_score <= 100);
                assert.equal(typeof item.company, 'string');
                assertTimestamp(item.created_at, 'created_at');
                const sum = Object.values(item.score_breakdown).reduce((a, b) => a + b, 0);
                assert.ok(Math.abs(sum - item.match_score) < 0.2, 'the breakdown adds up');
            }
        });

        test('reasons explain the score', async () => {
            const [best, remote, poor] = (await list(alice)).items;
            assert.deepEqual(best.reasons.matched_skills, ['Python', 'PostgreSQL']);
            assert.deepEqual(best.reasons.missing_skills, []);
            assert.equal(best.reasons.location.matched, true);
            assert.equal(best.reasons.location.preferred, 'Berlin');
            assert.equal(best.reasons.experience.matched, true);
            assert.equal(best.reasons.experience.job_level, 'senior');
            assert.equal(best.reasons.salary.salary_max, 90000);
            assert.equal(best.reasons.salary.meets_minimum, null, 'no minimum salary stated');
            assert.deepEqual(best.score_breakdown, { skills: 40, location: 20, experience: 20, recency: 10, preferences: 5, learned: 0, penalties: 0, gate: 0 });
            assert.equal(best.reasons.shares_skills, true);
            assert.equal(best.reasons.experience.fit, 'same');
            assert.deepEqual(best.reasons.factors.map((f) => [f.kind, f.effect]), [
                ['skills', 'positive'], ['location', 'positive'], ['seniority', 'positive'], ['recency', 'positive']]);
            assert.equal(best.reasons.factors[0].text, 'Matches 2 of 2 skills: Python, PostgreSQL');
            assert.ok(Array.isArray(best.reasons.summary) && best.reasons.summary.length > 0);

            assert.deepEqual(remote.reasons.matched_skills, ['Python']);
            assert.deepEqual(remote.reasons.missing_skills, ['Go']);
            assert.equal(remote.reasons.remote.remote, true);
            assert.equal(remote.reasons.remote.prefer_remote, false);
            assert.equal(remote.reasons.location.matched, false);
            assert.equal(remote.reasons.experience.job_level, null);

            assert.deepEqual(poor.reasons.matched_skills, []);
            assert.deepEqual(poor.reasons.missing_skills, ['React', 'TypeScript']);
            assert.equal(poor.reasons.experience.job_level, 'junior');
            assert.equal(poor.reasons.experience.fit, 'mismatch');
            assert.equal(poor.reasons.shares_skills, false);
            const negative = poor.reasons.factors.filter((f) => f.effect === 'negative').map((f) => f.kind);
            assert.deepEqual(negative, ['skills', 'location', 'seniority']);
        });

        test('prefer_remote lifts the remote job; requirement skills count too', async () => {
            expectStatus(await srv.api('PATCH', '/users/me', { token: alice.token, body: { prefer_remote_jobs: true } }), 200);
            const remote = (await list(alice)).items.find((j) => j.id === jobs.remote.id);
            assert.equal(remote.match_score, 70);
            assert.equal(remote.reasons.location.matched, true);
            expectStatus(await srv.api('PATCH', '/users/me', { token: alice.token, body: { prefer_remote_jobs: false } }), 200);
            expectStatus(await srv.api('PATCH', `/jobs/${jobs.remote.id}`, { token: alice.token, body: { requirements: 'Experience with Docker and machine learning.' } }), 200);
            const again = (await list(alice)).items.find((j) => j.id === jobs.remote.id);
            assert.deepEqual(again.reasons.missing_skills, ['Go', 'Docker', 'Machine learning']);
            expectStatus(await srv.api('PATCH', `/jobs/${jobs.remote.id}`, { token: alice.token, body: { requirements: null } }), 200);
        });

        test('paging and sorting; bad arguments → 422', async () => {
            const first = await list(alice, '?limit=1');
            assert.deepEqual(first.items.map((j) => j.id), [jobs.best.id]);
            assert.equal(first.total, 3);
            assert.equal(first.limit, 1);
            const second = await list(alice, '?limit=1&offset=1');
            assert.deepEqual(second.items.map((j) => j.id), [jobs.remote.id]);
            assert.deepEqual((await list(alice, '?offset=5')).items, []);
            const worst = await list(alice, '?sort=match_score');
            assert.equal(worst.items[0].id, jobs.poor.id);
            for (const [query, field] of [['?limit=0', 'limit'], ['?limit=101', 'limit'], ['?offset=-1', 'offset'], ['?sort=title', 'sort']])
                expectError(await srv.api('GET', `/jobs/recommendations${query}`, { token: alice.token }), 422, 'validation_failed', field);
        });

        test('excluded companies and keywords remove jobs; preferences add points', async () => {
            await putPreferences(alice, { excluded_companies: ['TOKYO CORP.'] });
            let body = await list(alice);
            assert.equal(body.total, 2);
            assert.equal(body.excluded, 1);
            assert.ok(!body.items.some((j) => j.id === jobs.poor.id));
            await putPreferences(alice, { excluded_keywords: ['gambling'] });
            body = await list(alice);
            assert.equal(body.excluded, 1, 'a keyword in the description excludes the job');
            assert.ok(!body.items.some((j) => j.id === jobs.poor.id));
            await putPreferences(alice, { excluded_keywords: ['gamble'] });
            assert.equal((await list(alice)).total, 3, 'whole words only');
            await putPreferences(alice, { min_salary: 80000, preferred_companies: ['best fit'] });
            const best = (await list(alice)).items[0];
            assert.equal(best.reasons.salary.meets_minimum, true);
            assert.deepEqual(best.reasons.preferences.matched.sort(), ['company', 'min_salary']);
            assert.equal(best.score_breakdown.preferences, 10);
            await putPreferences(alice, {});
        });

        test('a job gets an application → it leaves the list', async () => {
            const job = await createJob(srv, alice.token, { title: 'Senior Platform Engineer', tech_stack: ['Python'] });
            assert.ok((await list(alice)).items.some((j) => j.id === job.id));
            expectStatus(await srv.api('POST', '/applications', { token: alice.token, body: { job_id: job.id } }), 201);
            assert.ok(!(await list(alice)).items.some((j) => j.id === job.id));
        });

        test('isolation: only the caller\'s jobs are scored', async () => {
            const body = await list(bob);
            assert.deepEqual(body.items.map((j) => j.id), [jobs.bob.id]);
            expectError(await srv.api('GET', '/jobs/recommendations'), 401, 'unauthorized');
        });
    });

    describe('POST /jobs/{id}/recommendation-feedback', () => {
        test('first verdict → 201 with Location and the snapshots; the next replaces it → 200', async () => {
            const shown = (await list(alice)).items.find((j) => j.id === jobs.remote.id);
            const res = await feedback(alice, jobs.remote.id, { is_helpful: true });
            const row = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/jobs/${jobs.remote.id}/recommendation-feedback$`));
            assert.equal(row.user_id, alice.user.id);
            assert.equal(row.job_id, jobs.remote.id);
            assert.equal(row.is_helpful, true);
            assert.equal(row.comment, null);
            assert.equal(row.match_score, shown.match_score);
            assert.deepEqual(row.user_skills_at_time, ['python', 'Postgres']);
            assert.deepEqual(row.job_tech_stack, ['py', 'Go']);
            assertTimestamp(row.created_at, 'created_at');

            const again = expectStatus(await feedback(alice, jobs.remote.id, { is_helpful: false, comment: 'too far' }), 200);
            assert.equal(again.id, row.id);
            assert.equal(again.is_helpful, false);
            assert.equal(again.comment, 'too far');
            assert.equal(again.created_at, row.created_at);
            const read = expectStatus(await srv.api('GET', `/jobs/${jobs.remote.id}/recommendation-feedback`, { token: alice.token }), 200);
            assert.deepEqual(read, again);
            expectStatus(await srv.api('DELETE', `/jobs/${jobs.remote.id}/recommendation-feedback`, { token: alice.token }), 204);
            expectError(await srv.api('GET', `/jobs/${jobs.remote.id}/recommendation-feedback`, { token: alice.token }), 404, 'not_found');
            expectError(await srv.api('DELETE', `/jobs/${jobs.remote.id}/recommendation-feedback`, { token: alice.token }), 404, 'not_found');
        });

        test('another user\'s or a missing job → 404', async () => {
            expectError(await feedback(bob, jobs.best.id, { is_helpful: true }), 404, 'not_found');
            expectError(await feedback(alice, jobs.bob.id, { is_helpful: true }), 404, 'not_found');
            expectError(await feedback(alice, 99999999, { is_helpful: true }), 404, 'not_found');
            expectError(await feedback(alice, 'abc', { is_helpful: true }), 404, 'not_found');
            expectError(await srv.api('GET', `/jobs/${jobs.best.id}/recommendation-feedback`, { token: bob.token }), 404, 'not_found');
            expectError(await srv.api('DELETE', `/jobs/${jobs.best.id}/recommendation-feedback`, { token: bob.token }), 404, 'not_found');
        });

        const invalid = [
            [{}, 'is_helpful'],
            [{ is_helpful: null }, 'is_helpful'],
            [{ is_helpful: 'yes' }, 'is_helpful'],
            [{ is_helpful: true, comment: 5 }, 'comment'],
            [{ is_helpful: true, comment: 'x'.repeat(2001) }, 'comment'],
            [{ is_helpful: true, match_score: 100 }, 'match_score'],
            [{ is_helpful: true, colour: 'teal' }, 'colour'],
            [{ is_helpful: false, reason: 'pay' }, 'reason'],
            [{ is_helpful: false, reason: 'Salary' }, 'reason'],
            [{ is_helpful: false, reason: 5 }, 'reason'],
        ];
        for (const [body, field] of invalid) {
            test(`${JSON.stringify(body).slice(0, 60)} → 422 naming ${field}`, async () => {
                expectError(await feedback(alice, jobs.best.id, body), 422, 'validation_failed', field);
            });
        }

        test('malformed JSON → 400, not JSON → 415, no token → 401', async () => {
            expectError(await feedback(alice, jobs.best.id, undefined, { raw: '{"is_helpful": ' }), 400, 'bad_request');
            expectError(await feedback(alice, jobs.best.id, undefined, { raw: 'is_helpful=1', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
            expectError(await srv.api('POST', `/jobs/${jobs.best.id}/recommendation-feedback`, { body: { is_helpful: true } }), 401, 'unauthorized');
        });
    });

    describe('issue 13: the ranking a mid-level backend engineer sees', () => {
        // the profile: Python, Go, PostgreSQL, Kubernetes, AWS; mid; remote; 70,000 EUR
        let dana;
        const j = {};
        const items = async () => (await list(dana, '?limit=100')).items;
        const item = async (job) => (await items()).find((i) => i.id === job.id);
        const negatives = (i) => i.reasons.factors.filter((f) => f.effect === 'negative').map((f) => f.kind);
        const remote = (body) => createJob(srv, dana.token, { location: 'Remote', remote_option: 'remote', currency: 'EUR', ...body });

        before(async () => {
            dana = await registerUser(srv);
            expectStatus(await srv.api('PATCH', '/users/me', {
                token: dana.token,
                body: { skills: ['Python', 'Go', 'PostgreSQL', 'Kubernetes', 'AWS'], experience_level: 'mid', prefer_remote_jobs: true, preferred_locations: ['Berlin'] },
            }), 200);
            await putPreferences(dana, { min_salary: 70000 });
            j.best = await remote({ company: 'Tessellate Health', title: 'Backend Engineer (Python/Go)', salary_min: 70000, salary_max: 88000, tech_stack: ['Python', 'Go', 'PostgreSQL', 'gRPC', 'Kubernetes'] });
            j.rails = await remote({ company: 'Shopwise', title: 'Senior Ruby on Rails Developer', salary_min: 80000, salary_max: 100000, tech_stack: ['Ruby', 'Ruby on Rails', 'MySQL', 'Sidekiq'] });
            j.head = await remote({ company: 'Fluxon', title: 'Head of Engineering', salary_min: 130000, salary_max: 160000, tech_stack: ['Python', 'Go', 'AWS', 'Kubernetes'] });
            j.junior = await remote({ company: 'Brightpath Learning', title: 'Junior Python Developer', salary_min: 45000, salary_max: 55000, tech_stack: ['Python', 'Django', 'PostgreSQL', 'AWS'] });
            j.stripe = await remote({
                company: 'Stripe', title: 'Backend Engineer, Payments Infrastructure', salary_min: 85000, salary_max: 110000,
                tech_stack: ['Go', 'PostgreSQL', 'Kubernetes', 'AWS', 'Kafka'],
                requirements: '- Experience with distributed systems: retries, idempotency\n- Comfortable with Go and PostgreSQL',
            });
            j.python = await remote({ company: 'Parcelpoint', title: 'Software Engineer, Backend', salary_min: 76000, salary_max: 94000, tech_stack: ['Python', 'Kubernetes', 'AWS', 'PostgreSQL'] });
            j.manager = await createJob(srv, dana.token, { company: 'Harbor Insurance', title: 'Engineering Manager, Backend', location: 'Berlin, Germany', remote_option: 'hybrid', salary_min: 110000, salary_max: 130000, currency: 'EUR', tech_stack: ['Python', 'AWS', 'PostgreSQL'] });
        });

        test('a job sharing no skill ranks below every job that shares one (Ruby on Rails scored 52)', async () => {
            const list_ = await items();
            assert.equal(list_.at(-1).id, j.rails.id);
            const rails = list_.at(-1);
            assert.ok(rails.match_score < 25, `gated: ${rails.match_score}`);
            assert.equal(rails.reasons.shares_skills, false);
            assert.ok(rails.score_breakdown.gate < 0);
            assert.deepEqual(negatives(rails), ['skills']);
            for (const other of list_.slice(0, -1)) assert.ok(other.match_score >= 25 && other.reasons.shares_skills);
        });

        test('a seniority mismatch either way lowers the score with a negative reason (Head of Engineering scored 80)', async () => {
            const best = await item(j.best);
            for (const job of [j.head, j.manager, j.junior]) {
                const i = await item(job);
                assert.ok(negatives(i).includes('seniority'), `${i.title}: ${JSON.stringify(i.reasons.factors)}`);
                assert.equal(i.reasons.experience.fit, 'mismatch');
                assert.equal(i.reasons.experience.penalty, -15);
                assert.ok(best.match_score - i.match_score >= 20, `${i.title} ${i.match_score} vs ${best.match_score}`);
            }
            const head = await item(j.head);
            assert.ok(head.match_score <= 65, `${head.match_score}`);
            assert.equal(head.reasons.factors.find((f) => f.kind === 'seniority').text, 'An executive role; your level is mid');
            assert.ok(!negatives(best).includes('seniority'));
        });

        test('pay below the minimum is a negative reason and no longer ties the best match (junior job tied at 87)', async () => {
            const best = await item(j.best);
            const junior = await item(j.junior);
            assert.ok(best.match_score - junior.match_score >= 40, `${junior.match_score} vs ${best.match_score}`);
            assert.deepEqual(negatives(junior).sort(), ['salary', 'seniority']);
            assert.equal(junior.reasons.factors.find((f) => f.kind === 'salary').text, 'Pays 45,000\u201355,000 EUR, below your minimum of 70,000');
            assert.equal(junior.reasons.salary.penalty, -15);
            assert.equal(junior.score_breakdown.penalties, -30);
            // the best job pays 70,000-88,000: it meets the minimum, so no salary penalty
            assert.equal(best.reasons.factors.find((f) => f.kind === 'salary').effect, 'positive');
            assert.equal(best.score_breakdown.penalties, 0);
        });

        test('reasons are true: "distributed systems" is not a missing "System design"', async () => {
            const stripe = await item(j.stripe);
            assert.ok(!stripe.reasons.missing_skills.includes('System design'), JSON.stringify(stripe.reasons.missing_skills));
            assert.deepEqual(stripe.reasons.missing_skills, ['Kafka', 'Distributed systems']);
            // a field of work is neither matched nor missing: "backend development" in a backend ad
            const field = await remote({ company: 'Ledgerly', title: 'Software Engineer II, Backend', tech_stack: ['Python', 'Django'], requirements: '3-5 years of backend development in Python' });
            const ledgerly = await item(field);
            assert.deepEqual(ledgerly.reasons.missing_skills, ['Django']);
            assert.deepEqual(ledgerly.reasons.matched_skills, ['Python']);
            for (const i of await items()) {
                for (const f of i.reasons.factors) {
                    assert.ok(['skills', 'location', 'seniority', 'salary', 'recency', 'preferences', 'learned'].includes(f.kind));
                    assert.ok(['positive', 'negative', 'neutral'].includes(f.effect));
                    assert.ok(typeof f.text === 'string' && f.text.length > 0);
                }
                const sum = Object.values(i.score_breakdown).reduce((a, b) => a + b, 0);
                assert.ok(Math.abs(sum - i.match_score) < 0.2, `${i.title}: the breakdown adds up`);
            }
        });

        test('"not helpful" without a reason never lowers the skills she holds (every Python job dropped)', async () => {
            const before_ = await item(j.python);
            const res = await feedback(dana, j.junior.id, { is_helpful: false });
            expectStatus(res, 201);
            const after_ = await item(j.python);
            assert.equal(after_.match_score, before_.match_score, 'Python, Kubernetes, AWS, PostgreSQL are hers');
            assert.equal(after_.reasons.learned.skills, 0);
            expectStatus(await srv.api('DELETE', `/jobs/${j.junior.id}/recommendation-feedback`, { token: dana.token }), 204);
        });

        test('"not helpful: salary" lowers jobs paying as little, not Python jobs', async () => {
            const cheap = await remote({ company: 'Civic Forms', title: 'Backend Engineer (Python)', salary_min: 50000, salary_max: 54000, tech_stack: ['Python', 'PostgreSQL', 'AWS'] });
            const was = { cheap: (await item(cheap)).match_score, python: (await item(j.python)).match_score };
            const row = expectStatus(await feedback(dana, j.junior.id, { is_helpful: false, reason: 'salary', comment: 'pays too little' }), 201);
            assert.equal(row.reason, 'salary');
            const read = expectStatus(await srv.api('GET', `/jobs/${j.junior.id}/recommendation-feedback`, { token: dana.token }), 200);
            assert.equal(read.reason, 'salary');
            const now = await item(cheap);
            assert.equal(now.match_score, was.cheap - 5, 'pays at most 55,000: one mark lower');
            assert.equal(now.reasons.learned.salary, -5);
            assert.equal(now.reasons.factors.find((f) => f.kind === 'learned').effect, 'negative');
            assert.equal((await item(j.python)).match_score, was.python, 'pays 94,000: untouched');
            // the reason can be changed, and removed (null): the mark follows
            expectStatus(await feedback(dana, j.junior.id, { is_helpful: false, reason: 'seniority' }), 200);
            assert.equal((await item(cheap)).match_score, was.cheap);
            const other = await remote({ company: 'Kita Portal', title: 'Junior Backend Developer', salary_min: 75000, salary_max: 80000, tech_stack: ['Go'] });
            const junior2 = await item(other);
            assert.equal(junior2.reasons.learned.seniority, -5, 'junior titles are lowered');
            assert.equal((await item(j.python)).match_score, was.python);
            const cleared = expectStatus(await feedback(dana, j.junior.id, { is_helpful: false, reason: null }), 200);
            assert.equal(cleared.reason, null);
            expectStatus(await srv.api('DELETE', `/jobs/${j.junior.id}/recommendation-feedback`, { token: dana.token }), 204);
        });

        test('"helpful: location" lifts jobs in that place; "not helpful: company" only that company', async () => {
            const berlin = await createJob(srv, dana.token, { company: 'Quillstack', title: 'Backend Developer', location: 'Berlin', remote_option: 'onsite', tech_stack: ['Python'] });
            const base = (await item(berlin)).match_score;
            expectStatus(await feedback(dana, j.manager.id, { is_helpful: true, reason: 'location' }), 201);
            assert.equal((await item(berlin)).reasons.learned.location, 5, '"Berlin" matches "Berlin, Germany"');
            assert.equal((await item(berlin)).match_score, base + 5);
            assert.equal((await item(j.python)).reasons.learned.location, 0, 'remote jobs are another place');
            const again = await remote({ company: 'Fluxon GmbH', title: 'Backend Engineer', tech_stack: ['Go'] });
            expectStatus(await feedback(dana, j.head.id, { is_helpful: false, reason: 'company' }), 201);
            const fluxon = await item(again);
            assert.equal(fluxon.reasons.learned.company, -5);
            assert.equal(fluxon.reasons.learned.skills, 0, 'Go is not lowered');
        });
    });

    describe('learning from feedback', () => {
        test('marks move the skills and companies of similar jobs, bounded', async () => {
            const carol = await registerUser(srv);
            const x = await createJob(srv, carol.token, { company: 'Xeno Labs', title: 'Engineer', location: 'Oslo', tech_stack: ['Haskell'] });
            const y = await createJob(srv, carol.token, { company: 'Yonder Inc', title: 'Engineer', location: 'Oslo', tech_stack: ['Elixir'] });
            const order = async () => (await list(carol)).items.map((j) => j.id);
            const score = async (id) => (await list(carol)).items.find((j) => j.id === id).match_score;
            const base = await score(x.id);
            assert.equal(base, await score(y.id), 'equal jobs score equally before any mark');
            assert.deepEqual(await order(), [y.id, x.id], 'ties: newest first');

            expectStatus(await feedback(carol, x.id, { is_helpful: true }), 201);
            assert.deepEqual(await order(), [x.id, y.id], 'a helpful mark lifts the job');
            const liked = (await list(carol)).items[0];
            assert.equal(liked.reasons.learned.adjustment, 8);
            assert.equal(liked.reasons.learned.skills, 3);
            assert.equal(liked.reasons.learned.company, 5);
            assert.equal(liked.match_score, base + 8);

            // a new job of the same company (other legal form) with the same skill follows
            const z = await createJob(srv, carol.token, { company: 'Xeno Labs GmbH', title: 'Engineer', location: 'Bergen', tech_stack: ['haskell'] });
            assert.deepEqual((await order()).slice(0, 2).sort(), [x.id, z.id].sort());
            assert.equal(await score(z.id), base + 8);

            expectStatus(await feedback(carol, x.id, { is_helpful: false }), 200);
            assert.deepEqual(await order(), [y.id, z.id, x.id], 'an unhelpful mark pushes them down');
            assert.equal(await score(x.id), base - 8);

            // many marks stay within +-15
            for (let i = 0; i < 4; i++) {
                const more = await createJob(srv, carol.token, { company: 'Yonder Inc', title: `Engineer ${i}`, location: 'Oslo', tech_stack: ['Elixir'] });
                expectStatus(await feedback(carol, more.id, { is_helpful: true }), 201);
            }
            const adjustment = (await list(carol)).items.find((j) => j.id === y.id).reasons.learned.adjustment;
            assert.ok(adjustment > 0 && adjustment <= 15, `bounded: ${adjustment}`);
        });
    });
});
