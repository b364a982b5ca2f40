// Analytics: the summary (counts, rates with benchmarks, average days to a first response, the
// daily goal and streak), the 90-day funnel with its bottleneck, zero-filled time series and their
// validation, per-source figures, skill demand and coverage through the skills dictionary,
// stored snapshots (create, list, filter, ownership) and the admins' system figures
// (SPEC part B "Analytics", part C "Response rate", "Daily goal", "Analytics benchmarks").
// Shapes are in docs/analytics.md.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    APPLICATION_STATUSES, DATE, assertTimestamp, awayFromMidnight, createAdmin, createJob,
    expectError, expectStatus, registerUser, sqlRows, startServer, today,
} from './helpers.mjs';

const JOB_STATUSES = ['not_applied', ...APPLICATION_STATUSES, 'archived'];
const SNAPSHOT_TYPES = ['application_summary', 'funnel', 'response_rate', 'weekly_activity',
    'goal_progress', 'source_effectiveness', 'skill_demand', 'salary_insights'];

/* Monday (UTC) of the week holding the date text d. */
function mondayOf(d) {
    const t = new Date(`${d}T00:00:00Z`);
    const weekday = (t.getUTCDay() + 6) % 7;
    return new Date(t.getTime() - weekday * 86400000).toISOString().slice(0, 10);
}

describe('analytics', () => {
    let srv;
    let alice;
    let bob;
    let admin;
    const jobs = {};

    const get = async (who, path, status = 200) =>
        expectStatus(await srv.api('GET', path, { token: who.token }), status);
    const post = (who, path, body) => srv.api('POST', path, { token: who.token, body });
    const patch = (who, path, body) => srv.api('PATCH', path, { token: who.token, body });

    /* Creates an application on job and walks it through statuses (the first is its start). */
    async function apply(who, job, statuses, extra = {}) {
        let app = expectStatus(await post(who, '/applications', { job_id: job.id, status: statuses[0], ...extra }), 201);
        for (const status of statuses.slice(1))
            app = expectStatus(await patch(who, `/applications/${app.id}`, { status }), 200);
        return app;
    }

    before(async () => {
        // the applications below are counted as today's, this week's and this month's by the
        // tests: the file runs within one UTC day (a run that crossed Sunday midnight a second in
        // found applications_today and applications_this_week 0 instead of 4)
        await awayFromMidnight();
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
        admin = await createAdmin(srv);
        /* alice: six jobs from three sources (and one without), five applications */
        jobs.j1 = await createJob(srv, alice.token, { source: 'linkedin', tech_stack: ['Python', 'Go'] });
        jobs.j2 = await createJob(srv, alice.token, { source: 'linkedin', tech_stack: ['python', 'SQL'] });
        jobs.j3 = await createJob(srv, alice.token, { source: 'indeed', tech_stack: ['golang', 'Kubernetes'], salary_min: 50000, salary_max: 70000, currency: 'EUR' });
        jobs.j4 = await createJob(srv, alice.token, { source: 'indeed', tech_stack: ['JS'], salary_min: 60000, currency: 'EUR' });
        jobs.j5 = await createJob(srv, alice.token, { source: 'manual', tech_stack: [] });
        jobs.j6 = await createJob(srv, alice.token, {});
        await apply(alice, jobs.j1, ['applied']);
        await apply(alice, jobs.j2, ['applied', 'phone_screen']);
        await apply(alice, jobs.j3, ['applied', 'interview', 'offer', 'accepted']);
        await apply(alice, jobs.j4, ['applied', 'rejected']);
        await apply(alice, jobs.j5, ['interested']);
        expectStatus(await patch(alice, '/users/me', { skills: ['PYTHON', 'javascript'] }), 200);
        /* bob: one job and application of his own, never counted for alice */
        const bobJob = await createJob(srv, bob.token, { source: 'linkedin', tech_stack: ['Rust'] });
        await apply(bob, bobJob, ['applied', 'phone_screen']);
    });
    after(async () => { await srv?.stop(); });

    test('every analytics route needs a token (401)', async () => {
        for (const path of ['/analytics/summary', '/analytics/funnel', '/analytics/timeseries',
            '/analytics/sources', '/analytics/skills', '/analytics/salaries', '/analytics/snapshots', '/admin/analytics'])
            expectError(await srv.api('GET', path), 401, 'unauthorized');
        expectError(await srv.api('POST', '/analytics/snapshots'), 401, 'unauthorized');
    });

    describe('GET /analytics/summary', () => {
        test('counts, totals and rates of the caller only', async () => {
            const s = await get(alice, '/analytics/summary');
            assert.equal(s.date, today());
            assert.equal(s.total_jobs, 6);
            assert.deepEqual(Object.keys(s.jobs_by_status).sort(), [...JOB_STATUSES].sort());
            assert.equal(s.jobs_by_status.not_applied, 1);
            assert.equal(s.jobs_by_status.accepted, 1);
            assert.deepEqual(Object.keys(s.counts_by_status).sort(), [...APPLICATION_STATUSES].sort());
            assert.deepEqual(s.counts_by_status, {
                interested: 1, applied: 1, phone_screen: 1, interview: 0, technical: 0, offer: 0,
                accepted: 1, declined: 0, rejected: 1, withdrawn: 0, ghosted: 0,
            });
            assert.equal(s.total_applications, 5);
            assert.equal(s.applied, 4);
            assert.equal(s.responses, 3, 'phone_screen, accepted and the rejection after applying');
            assert.equal(s.interviews, 1);
            assert.equal(s.offers, 1);
            assert.equal(s.response_rate, 75);
            assert.equal(s.interview_rate, 25);
            assert.equal(s.offer_rate, 25);
            assert.equal(s.average_days_to_first_response, 0);
            assert.equal(s.applications_today, 4);
            assert.equal(s.applications_this_week, 4);
            assert.equal(s.applications_this_month, 4);
            assert.equal(s.week_start, mondayOf(today()));
            assert.equal(s.month_start, `${today().slice(0, 7)}-01`);
        });

        test('benchmarks beside the rates (SPEC part C)', async () => {
            const { benchmarks } = await get(alice, '/analytics/summary');
            assert.deepEqual(benchmarks.response_rate, { rate: 75, level: 'strong', low: 15, typical: 25, strong: 40 });
            assert.deepEqual(benchmarks.interview_rate, { rate: 25, level: 'strong', low: 5, typical: 10, strong: 20 });
            assert.deepEqual(benchmarks.offer_rate, { rate: 25, level: 'strong', low: 1, typical: 3, strong: 8 });
            const empty = await get(admin, '/analytics/summary');
            assert.equal(empty.benchmarks.response_rate.level, 'below_low');
        });

        test('a new user: zeros, null average, default goal 10, no streak', async () => {
            const s = await get(admin, '/analytics/summary');
            assert.equal(s.total_jobs, 0);
            assert.equal(s.total_applications, 0);
            assert.ok(Object.values(s.counts_by_status).every((n) => n === 0));
            for (const key of ['response_rate', 'interview_rate', 'offer_rate', 'applications_today', 'current_streak'])
                assert.equal(s[key], 0, key);
            assert.equal(s.average_days_to_first_response, null);
            assert.equal(s.daily_application_goal, 10);
            assert.equal(s.goal_met, false);
        });

        test('isolation: bob sees only his own figures', async () => {
            const s = await get(bob, '/analytics/summary');
            assert.equal(s.total_jobs, 1);
            assert.equal(s.total_applications, 1);
            assert.equal(s.responses, 1);
            assert.equal(s.response_rate, 100);
        });

        test('daily goal, streak over consecutive days, average days to a first response', async () => {
            const carol = await registerUser(srv);
            const days = [[0, 2], [-1, 2], [-2, 1], [-4, 3]]; // [offset, applications that day]
            for (const [offset, n] of days) {
                for (let i = 0; i < n; i++)
                    await apply(carol, await createJob(srv, carol.token), ['applied'], { applied_date: today(offset) });
            }
            // two answers: 3 days and 1 day after applying -> 2.0 on average
            await apply(carol, await createJob(srv, carol.token), ['phone_screen'], { applied_date: today(-10), response_date: today(-7) });
            await apply(carol, await createJob(srv, carol.token), ['rejected'], { applied_date: today(-9), response_date: today(-8) });
            const expectations = [[1, 3], [2, 2], [3, 0], [0, 0]]; // [goal, streak]
            for (const [goal, streak] of expectations) {
                expectStatus(await patch(carol, '/users/me', { daily_application_goal: goal }), 200);
                const s = await get(carol, '/analytics/summary');
                assert.equal(s.daily_application_goal, goal);
                assert.equal(s.applications_today, 2);
                assert.equal(s.goal_met, goal > 0 && 2 >= goal, `goal ${goal}`);
                assert.equal(s.current_streak, streak, `streak for goal ${goal}`);
            }
            const s = await get(carol, '/analytics/summary');
            assert.equal(s.average_days_to_first_response, 2);
            const week = mondayOf(today());
            const expectedWeek = days.filter(([o]) => today(o) >= week).reduce((sum, [, n]) => sum + n, 0);
            assert.equal(s.applications_this_week, expectedWeek);
        });
    });

    describe('GET /analytics/funnel', () => {
        test('stages with rates against the first and the previous stage', async () => {
            const f = await get(alice, '/analytics/funnel');
            assert.equal(f.days, 90);
            assertTimestamp(f.from, 'from');
            assertTimestamp(f.to, 'to');
            assert.deepEqual(f.stages.map((s) => s.stage), ['applications', 'applied', 'interview', 'offer', 'accepted']);
            assert.deepEqual(f.stages.map((s) => s.count), [5, 4, 1, 1, 1]);
            assert.deepEqual(f.stages.map((s) => s.rate_from_first), [100, 80, 20, 20, 20]);
            assert.deepEqual(f.stages.map((s) => s.rate_from_previous), [100, 80, 25, 100, 100]);
            assert.ok(f.stages.every((s) => s.bottleneck === false));
            assert.equal(f.bottleneck, null);
        });

        test('a stage below 20% of the one before is the bottleneck', async () => {
            const erin = await registerUser(srv);
            for (let i = 0; i < 5; i++)
                await apply(erin, await createJob(srv, erin.token), ['applied']);
            await apply(erin, await createJob(srv, erin.token), ['applied', 'interview']);
            const f = await get(erin, '/analytics/funnel');
            assert.deepEqual(f.stages.map((s) => s.count), [6, 6, 1, 0, 0]);
            assert.equal(f.stages[2].rate_from_previous, 16.7);
            assert.deepEqual(f.stages.map((s) => s.bottleneck), [false, false, true, true, false]);
            assert.equal(f.bottleneck, 'offer', 'the lowest conversion among the flagged stages');
        });

        test('empty funnel: zeros and no bottleneck', async () => {
            const f = await get(admin, '/analytics/funnel');
            assert.ok(f.stages.every((s) => s.count === 0 && s.rate_from_first === 0 && !s.bottleneck));
            assert.equal(f.bottleneck, null);
        });
    });

    describe('GET /analytics/timeseries', () => {
        test('defaults: applications per day over the last 30 days, zero-filled', async () => {
            const t = await get(alice, '/analytics/timeseries');
            assert.equal(t.metric, 'applications');
            assert.equal(t.interval, 'day');
            assert.equal(t.to, today());
            assert.equal(t.from, today(-29));
            assert.equal(t.items.length, 30);
            assert.equal(t.items[0].date, today(-29));
            assert.deepEqual(t.items.at(-1), { date: today(), count: 4 });
            assert.ok(t.items.slice(0, -1).every((b) => b.count === 0));
            assert.equal(t.total, 4);
        });

        test('every metric', async () => {
            const expected = { applications: 4, jobs: 6, responses: 3, interviews: 1, offers: 1 };
            for (const [metric, total] of Object.entries(expected)) {
                const t = await get(alice, `/analytics/timeseries?metric=${metric}&from=${today(-6)}&to=${today()}`);
                assert.equal(t.metric, metric);
                assert.equal(t.items.length, 7, metric);
                assert.equal(t.total, total, metric);
                assert.equal(t.items.at(-1).count, total, metric);
                for (const b of t.items) assert.match(b.date, DATE);
            }
        });

        test('weekly buckets start on Mondays and cover from..to', async () => {
            const t = await get(alice, '/analytics/timeseries?interval=week');
            assert.equal(t.interval, 'week');
            assert.equal(t.items.length, 12);
            for (const b of t.items) assert.equal(mondayOf(b.date), b.date);
            assert.equal(t.items.at(-1).date, mondayOf(today()));
            assert.equal(t.items.at(-1).count, 4);
            const one = await get(alice, `/analytics/timeseries?interval=week&from=${today()}&to=${today()}`);
            assert.deepEqual(one.items, [{ date: mondayOf(today()), count: 4 }]);
        });

        test('a range without events is all zeros; isolation', async () => {
            const t = await get(alice, '/analytics/timeseries?from=2020-01-01&to=2020-01-10');
            assert.equal(t.items.length, 10);
            assert.equal(t.total, 0);
            const b = await get(bob, '/analytics/timeseries?metric=jobs');
            assert.equal(b.total, 1);
        });

        const bad = [
            ['metric=bogus', 'metric'],
            ['interval=month', 'interval'],
            ['from=2025-02-30', 'from'],
            ['from=yesterday', 'from'],
            ['to=2025-1-1', 'to'],
            ['from=2025-03-02&to=2025-03-01', 'from'],
            ['from=1990-01-01&to=2025-01-01', 'from'],
        ];
        for (const [query, field] of bad) {
            test(`?${query} → 422 naming ${field}`, async () => {
                expectError(await srv.api('GET', `/analytics/timeseries?${query}`, { token: alice.token }), 422, 'validation_failed', field);
            });
        }
    });

    /* One reader for an enumerated query argument and one for a date (src/http/request.c): the
     * words and allowed values a list filter gives (GET /jobs?status=), the field always the
     * argument, the first of repeated arguments read, an empty one refused, a date's year from
     * 1900 as every date of the API (timeseries took years 0001-1899 before session 35). */
    describe('query arguments read as every route reads them', () => {
        const refusal = async (path, field) => {
            const e = expectError(await srv.api('GET', path, { token: alice.token }), 422, 'validation_failed', field);
            return { message: e.message, allowed: e.allowed };
        };
        test('an enumerated argument: "<name> is not an allowed value" with the allowed values', async () => {
            const status = await refusal('/jobs?status=bogus', 'status');
            assert.equal(status.message, 'status is not an allowed value');
            assert.deepEqual(await refusal('/analytics/timeseries?metric=bogus', 'metric'),
                { message: 'metric is not an allowed value', allowed: ['applications', 'jobs', 'responses', 'interviews', 'offers'] });
            assert.deepEqual(await refusal('/analytics/timeseries?interval=', 'interval'),
                { message: 'interval is not an allowed value', allowed: ['day', 'week'] });
            assert.deepEqual(await refusal('/analytics/timeseries?metric=Jobs', 'metric'),
                await refusal('/analytics/timeseries?metric=', 'metric'));
            assert.deepEqual(await refusal('/jobs/export?format=xml', 'format'),
                { message: 'format is not an allowed value', allowed: ['json', 'csv'] });
            assert.deepEqual(await refusal('/jobs/export?format=', 'format'),
                { message: 'format is not an allowed value', allowed: ['json', 'csv'] });
            const resource = (await get(alice, '/resources?limit=1')).items[0];
            assert.ok(resource, 'the catalogue has a resource');
            assert.deepEqual(await refusal(`/resources/${resource.id}?source=bogus`, 'source'),
                { message: 'source is not an allowed value', allowed: ['search', 'recommendation', 'bookmark', 'learning_path'] });
        });
        test('a repeated argument: the first is read', async () => {
            await refusal('/analytics/timeseries?metric=bogus&metric=jobs', 'metric');
            assert.equal((await get(alice, '/analytics/timeseries?metric=jobs&metric=bogus')).metric, 'jobs');
            await refusal('/analytics/timeseries?from=bad&from=2025-01-01', 'from');
            expectStatus(await srv.api('GET', '/analytics/timeseries?from=2025-01-01&from=bad&to=2025-01-02', { token: alice.token }), 200);
        });
        test('a date: "<name> must be a date (YYYY-MM-DD)", a real day of 1900-9999', async () => {
            for (const [query, field] of [['from=', 'from'], ['from=2025-02-30', 'from'], ['to=2025-1-1', 'to'],
                ['from=1899-12-31&to=1900-01-05', 'from'], ['from=0001-01-01&to=0001-01-05', 'from'], ['from=2025-01-01&to=10000-01-01', 'to']]) {
                assert.deepEqual(await refusal(`/analytics/timeseries?${query}`, field),
                    { message: `${field} must be a date (YYYY-MM-DD)`, allowed: undefined }, query);
            }
            const first = await get(alice, '/analytics/timeseries?from=1900-01-01&to=1900-01-03');
            assert.deepEqual(first.items.map((b) => b.date), ['1900-01-01', '1900-01-02', '1900-01-03']);
        });
    });

    describe('GET /analytics/sources', () => {
        test('jobs, applications and pipeline figures per source', async () => {
            const { items, total } = await get(alice, '/analytics/sources');
            assert.equal(total, 3);
            assert.deepEqual(items.map((s) => s.source), ['indeed', 'linkedin', 'manual']);
            const by = Object.fromEntries(items.map((s) => [s.source, s]));
            assert.deepEqual(by.indeed, {
                source: 'indeed', jobs: 2, applications: 2, applied: 2, responses: 2, interviews: 1,
                offers: 1, response_rate: 100, interview_rate: 50, offer_rate: 50,
            });
            assert.equal(by.linkedin.jobs, 2);
            assert.equal(by.linkedin.responses, 1);
            assert.equal(by.linkedin.response_rate, 50);
            assert.equal(by.manual.jobs, 2, 'j5 (manual) and j6 (added without a source)');
            assert.equal(by.manual.applications, 1);
            assert.equal(by.manual.applied, 0);
        });

        test('issue 13: a hand-added job is "manual"; only a source cleared on purpose is "unknown"', async () => {
            const job = await createJob(srv, alice.token, { company: 'Handmade Ltd', title: 'Engineer' });
            assert.equal(job.source, 'manual');
            expectStatus(await patch(alice, `/jobs/${job.id}`, { source: null }), 200);
            const by = Object.fromEntries((await get(alice, '/analytics/sources')).items.map((s) => [s.source, s]));
            assert.equal(by.unknown.jobs, 1);
            assert.equal(by.manual.jobs, 2);
            expectStatus(await srv.api('DELETE', `/jobs/${job.id}`, { token: alice.token }), 204);
        });

        test('isolation', async () => {
            const { items } = await get(bob, '/analytics/sources');
            assert.deepEqual(items.map((s) => [s.source, s.jobs]), [['linkedin', 1]]);
        });
    });

    describe('GET /analytics/skills', () => {
        // session 35: "C/C++" typed in the profile was one unknown skill: coverage 0 and
        // "missing: C, C++" for a C++ developer, and the ranking matched neither
        test('a compound profile skill ("C/C++") counts as its skills in the gap and the ranking', async () => {
            const dev = await registerUser(srv);
            expectStatus(await patch(dev, '/users/me', { skills: ['C/C++', 'CI/CD'] }), 200);
            await createJob(srv, dev.token, { title: 'Systems Engineer', tech_stack: ['C', 'C++', 'Rust', 'CI/CD'] });
            const g = await get(dev, '/analytics/skills');
            assert.deepEqual(g.missing.map((m) => m.skill), ['Rust']);
            assert.equal(g.coverage, 75);
            assert.deepEqual(g.user_skills, ['C', 'C++', 'CI/CD']);
            assert.deepEqual(g.relevant.missing.map((m) => m.skill), ['Rust']);
            const rec = await get(dev, '/jobs/recommendations');
            assert.deepEqual([...rec.items[0].reasons.matched_skills].sort(), ['C', 'C++', 'CI/CD']);
            assert.deepEqual(rec.items[0].reasons.missing_skills, ['Rust']);
        });

        test('SPEC part C: every own job\'s tech_stack through the dictionary, what the user lacks, coverage', async () => {
            // required = the distinct skills of all six jobs' tech_stack, closed ones included
            // (golang is Go, JS is JavaScript): Python 2, Go 2, SQL 1, Kubernetes 1, JavaScript 1
            const s = await get(alice, '/analytics/skills');
            assert.equal(s.jobs_analyzed, 4, 'j5 and j6 name no skill');
            assert.deepEqual(s.user_skills, ['Python', 'JavaScript']);
            assert.equal(s.required_count, 5);
            assert.equal(s.have_count, 2);
            assert.equal(s.missing_count, 3);
            assert.equal(s.coverage, 40);
            assert.deepEqual(s.items.map((i) => [i.skill, i.jobs, i.have]).slice(0, 2).sort(), [['Go', 2, false], ['Python', 2, true]]);
            assert.equal(s.items.length, 5);
            assert.equal(s.items.find((i) => i.skill === 'Python').share, 50);
            // the missing skills ranked by how many jobs ask for them
            assert.deepEqual(s.missing.map((m) => m.skill)[0], 'Go');
            assert.deepEqual(s.missing.map((m) => [m.skill, m.jobs]).slice(1).sort(), [['Kubernetes', 1], ['SQL', 1]]);
        });

        test('relevant: the same over the jobs that matter, weighted by their score', async () => {
            // the jobs that matter (docs/recommendations.md): open (j3 accepted and j4 rejected are
            // closed), scoring at least 40 (j5 and j6 name no skills: gated below it), weighted by
            // the score (j1 and j2: 55 each)
            const r = (await get(alice, '/analytics/skills')).relevant;
            assert.deepEqual(r.relevance, { threshold: 40, open_jobs: 4, excluded: 0, below_threshold: 2, relevant_jobs: 2, basis: 'threshold' });
            assert.equal(r.jobs_analyzed, 2);
            assert.equal(r.required_count, 3);
            assert.equal(r.have_count, 1);
            assert.equal(r.missing_count, 2);
            assert.equal(r.coverage, 33.3);
            // equal demand: the dictionary's most in-demand skills first (SQL before Go)
            assert.deepEqual(r.items.map((i) => [i.skill, i.jobs, i.demand, i.have]), [
                ['Python', 2, 1.1, true], ['SQL', 1, 0.55, false], ['Go', 1, 0.55, false],
            ]);
            assert.equal(r.items[0].share, 100);
            assert.equal(r.items[0].in_demand, true);
            assert.deepEqual(r.missing.map((m) => [m.skill, m.jobs]), [['SQL', 1], ['Go', 1]]);
        });

        test('?limit trims both lists; bad limits → 422', async () => {
            const s = await get(alice, '/analytics/skills?limit=1');
            assert.equal(s.items.length, 1);
            assert.equal(s.missing.length, 1);
            assert.equal(s.required_count, 5);
            assert.equal(s.relevant.items.length, 1);
            assert.equal(s.relevant.required_count, 3);
            for (const limit of ['0', '101', 'x'])
                expectError(await srv.api('GET', `/analytics/skills?limit=${limit}`, { token: alice.token }), 422, 'validation_failed', 'limit');
        });

        test('issue 13: excluded and unrelated jobs do not count; display case everywhere', async () => {
            const dana = await registerUser(srv);
            expectStatus(await patch(dana, '/users/me', { skills: ['python', 'GO', 'postgres', 'k8s', 'AWS', 'Acme Forms'], experience_level: 'mid', prefer_remote_jobs: true }), 200);
            expectStatus(await srv.api('PUT', '/users/me/preferences', { token: dana.token, body: { min_salary: 70000, excluded_companies: ['Palantir'], excluded_keywords: ['crypto'] } }), 200);
            const remote = { location: 'Remote', remote_option: 'remote', salary_min: 80000, salary_max: 100000, currency: 'EUR' };
            await createJob(srv, dana.token, { ...remote, company: 'Stripe', title: 'Backend Engineer', tech_stack: ['Go', 'PostgreSQL', 'google cloud', 'Kotlin', 'TigerBeetle'] });
            await createJob(srv, dana.token, { ...remote, company: 'Brightline', title: 'Data Engineer', tech_stack: ['Python', 'AWS', 'airflow', 'spark', 'GraphQL'] });
            await createJob(srv, dana.token, { ...remote, company: 'Palantir Technologies', title: 'Engineer', tech_stack: ['Python', 'Scala'] });
            await createJob(srv, dana.token, { ...remote, company: 'Chainforge', title: 'Crypto Exchange Engineer', tech_stack: ['Go', 'Solidity'] });
            await createJob(srv, dana.token, { ...remote, company: 'Bavaria Sensorik', title: 'Embedded Software Engineer', tech_stack: ['C', 'RTOS'] });
            await createJob(srv, dana.token, { ...remote, company: 'Pixelhaus', title: 'Frontend Engineer', tech_stack: ['HTML', 'CSS', 'React'] });
            await createJob(srv, dana.token, { ...remote, company: 'Oldco', title: 'Engineer', tech_stack: ['Go', 'Haskell'], status: 'archived' });
            const all = await get(dana, '/analytics/skills');
            assert.ok(all.items.some((i) => i.skill === 'Haskell'), 'the plain report counts every job');
            const s = all.relevant;
            assert.deepEqual(s.relevance, { threshold: 40, open_jobs: 6, excluded: 2, below_threshold: 2, relevant_jobs: 2, basis: 'threshold' });
            assert.deepEqual(all.user_skills, ['Python', 'Go', 'PostgreSQL', 'Kubernetes', 'AWS', 'Acme Forms']);
            const missing = s.missing.map((m) => m.skill);
            assert.deepEqual(missing.slice().sort(), ['Apache Airflow', 'Apache Spark', 'Google Cloud Platform', 'GraphQL', 'Kotlin', 'TigerBeetle']);
            for (const wrong of ['C', 'RTOS', 'HTML', 'CSS', 'React', 'Scala', 'Solidity', 'Haskell', 'tigerbeetle'])
                assert.ok(!s.items.some((i) => i.skill === wrong), `${wrong} does not count`);
            assert.equal(s.missing.find((m) => m.skill === 'TigerBeetle').in_demand, false, 'outside the dictionary, as written');
        });

        test('no jobs: coverage 0 and empty lists; isolation', async () => {
            const s = await get(admin, '/analytics/skills');
            assert.equal(s.required_count, 0);
            assert.equal(s.coverage, 0);
            assert.deepEqual(s.items, []);
            const b = await get(bob, '/analytics/skills');
            assert.deepEqual(b.items.map((i) => i.skill), ['Rust']);
        });
    });

    describe('GET /analytics/salaries', () => {
        test('per currency over jobs with a salary', async () => {
            const s = await get(alice, '/analytics/salaries');
            assert.equal(s.jobs_with_salary, 2);
            assert.deepEqual(s.items, [{
                currency: 'EUR', jobs: 2, applied_jobs: 2, lowest_min: 50000, highest_max: 70000,
                average_min: 55000, average_max: 70000,
            }]);
        });
    });

    describe('every report against the rows read back (random writes)', () => {
        /* The stages of SPEC part C, as src/model/analytics.c defines them. */
        const AFTER_APPLIED = ['applied', 'phone_screen', 'interview', 'technical', 'offer', 'accepted', 'declined'];
        const applied = (a) => a.applied_date !== null || AFTER_APPLIED.includes(a.status);
        const responded = (a) => applied(a) && (a.response_date !== null ||
            ['phone_screen', 'interview', 'technical', 'offer', 'accepted', 'declined', 'rejected'].includes(a.status));
        const interviewed = (a) => applied(a) && (a.interview_date !== null || a.offer_date !== null ||
            ['interview', 'technical', 'offer', 'accepted', 'declined'].includes(a.status));
        const offered = (a) => applied(a) && (a.offer_date !== null || ['offer', 'accepted', 'declined'].includes(a.status));
        const count = (rows, f) => rows.filter(f).length;
        const round1 = (x) => Math.round(x * 10) / 10;
        const rate = (part, whole) => (whole > 0 ? round1(part * 100 / whole) : 0);
        const stagesOf = (apps) => {
            const s = { applied: count(apps, applied), responses: count(apps, responded),
                interviews: count(apps, interviewed), offers: count(apps, offered) };
            return { ...s, response_rate: rate(s.responses, s.applied),
                interview_rate: rate(s.interviews, s.applied), offer_rate: rate(s.offers, s.applied) };
        };
        const groupBy = (rows, key) => {
            const out = new Map();
            for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
            return out;
        };

        /* Every own row of a list, page by page. */
        async function all(who, path) {
            const rows = [];
            for (let offset = 0; ; offset += 100) {
                const { items } = await get(who, `${path}?limit=100&offset=${offset}`);
                rows.push(...items);
                if (items.length < 100) return rows;
            }
        }

        test('summary, funnel, sources, salaries and every time series equal a computation from the rows', { timeout: 120000 }, async () => {
            const erin = await registerUser(srv);
            let seed = 91;
            const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
            const pick = (values) => values[random(values.length)];
            const day = () => today(-random(40));
            const { transitions } = await get(erin, '/applications/pipeline');
            const jobBodies = () => ({
                source: pick(['linkedin', 'indeed', 'manual', 'rss', null]),
                currency: pick(['EUR', 'USD', null]),
                salary_min: pick([null, 40000, 55000]),
                salary_max: pick([null, 60000, 91000]),
            });
            const created = [];
            for (let i = 0; i < 36; i++)
                created.push(await createJob(srv, erin.token, jobBodies()));
            const apps = [];
            for (const job of created.slice(0, 28)) {
                const applied_date = pick([null, day()]);
                const body = { job_id: job.id, status: pick(['interested', 'applied', 'phone_screen', 'rejected']) };
                if (applied_date) body.applied_date = applied_date;
                if (applied_date && random(2)) body.response_date = applied_date > today(-5) ? applied_date : today(-random(5));
                apps.push(expectStatus(await post(erin, '/applications', body), 201));
            }
            for (let round = 0; round < 60; round++) {
                const app = pick(apps);
                const job = pick(created);
                switch (random(6)) {
                case 0: case 1: { /* a pipeline move the server allows */
                    const next = transitions[app.status];
                    if (next?.length) Object.assign(app, expectStatus(await patch(erin, `/applications/${app.id}`, { status: pick(next) }), 200));
                    break;
                }
                case 2: { /* a date of the application */
                    const field = pick(['applied_date', 'offer_date', 'interview_date']);
                    const value = field === 'interview_date' ? `${day()}T${pick(['00:00:00', '23:59:59', '12:30:00'])}Z` : day();
                    Object.assign(app, expectStatus(await patch(erin, `/applications/${app.id}`, { [field]: value }), 200));
                    break;
                }
                case 3: /* the job's source, currency or salary */
                    expectStatus(await patch(erin, `/jobs/${job.id}`, jobBodies()), 200);
                    break;
                default: /* an application, or a job with its own */
                    if (random(2)) {
                        expectStatus(await srv.api('DELETE', `/applications/${app.id}`, { token: erin.token }), 204);
                        apps.splice(apps.indexOf(app), 1);
                    } else {
                        expectStatus(await srv.api('DELETE', `/jobs/${job.id}`, { token: erin.token }), 204);
                        created.splice(created.indexOf(job), 1);
                        for (const a of apps.filter((x) => x.job_id === job.id)) apps.splice(apps.indexOf(a), 1);
                    }
                }
            }
            // raw writes the API does not make: creation times around the start of the funnel's
            // 90 days (its first day is partly in), an answer dated before the application
            const start = Date.now() - 90 * 86400000;
            const stamp = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
            const firstDay = stamp(start).slice(0, 10);
            const stamps = [stamp(start - 2 * 3600000), stamp(start + 2 * 3600000), `${firstDay}T00:00:00Z`,
                `${firstDay}T23:59:59Z`, stamp(start - 86400000), stamp(start + 86400000)];
            for (const [i, at] of stamps.entries())
                sqlRows(srv.dbUrl, `UPDATE applications SET created_at = '${at}' WHERE id = ${apps[i].id}`);
            sqlRows(srv.dbUrl, `UPDATE applications SET applied_date = '${today(-3)}', response_date = '${today(-6)}' WHERE id = ${apps[6].id}`);
            // session 36: answers dated after today (a typo, or a day the user expects) stay out
            // of the average days to a first response until the day comes; through the API and raw
            Object.assign(apps[7], expectStatus(await patch(erin, `/applications/${apps[7].id}`,
                { applied_date: today(-2), response_date: today(3) }), 200));
            sqlRows(srv.dbUrl, `UPDATE applications SET applied_date = '${today()}', response_date = '${today(1)}' WHERE id = ${apps[8].id}`);
            sqlRows(srv.dbUrl, `UPDATE applications SET applied_date = '${today(-30)}', response_date = '${today(400)}' WHERE id = ${apps[9].id}`);
            const jobRows = await all(erin, '/jobs');
            const appRows = await all(erin, '/applications');
            assert.ok(jobRows.length > 10 && appRows.length > 10, 'the writes leave rows to count');
            const now = today();

            const s = await get(erin, '/analytics/summary');
            const week = mondayOf(now), month = `${now.slice(0, 8)}01`;
            const sent = appRows.filter((a) => a.applied_date !== null && a.applied_date <= now);
            const timed = appRows.filter((a) => a.applied_date !== null && a.response_date !== null && a.response_date >= a.applied_date
                && a.response_date <= now);
            assert.ok(appRows.filter((a) => a.response_date > now).length >= 3, 'answers dated after today');
            const days = (a, b) => (Date.parse(b) - Date.parse(a)) / 86400000;
            assert.deepEqual({
                total_jobs: s.total_jobs, total_applications: s.total_applications, applied: s.applied,
                responses: s.responses, interviews: s.interviews, offers: s.offers,
                response_rate: s.response_rate, interview_rate: s.interview_rate, offer_rate: s.offer_rate,
                applications_this_week: s.applications_this_week, applications_this_month: s.applications_this_month,
                applications_today: s.applications_today, average_days_to_first_response: s.average_days_to_first_response,
            }, {
                total_jobs: jobRows.length, total_applications: appRows.length, ...stagesOf(appRows),
                applications_this_week: count(sent, (a) => a.applied_date >= week),
                applications_this_month: count(sent, (a) => a.applied_date >= month),
                applications_today: count(sent, (a) => a.applied_date === now),
                average_days_to_first_response: timed.length
                    ? round1(timed.reduce((t, a) => t + days(a.applied_date, a.response_date), 0) / timed.length) : null,
            });
            for (const [status, n] of Object.entries(s.counts_by_status))
                assert.equal(n, count(appRows, (a) => a.status === status), `counts_by_status.${status}`);

            const f = await get(erin, '/analytics/funnel');
            const recent = appRows.filter((a) => a.created_at >= f.from);
            assert.ok(recent.length < appRows.length && recent.length > appRows.length - 6, 'some are older than 90 days');
            assert.deepEqual(f.stages.map((st) => st.count), [recent.length, count(recent, applied),
                count(recent, interviewed), count(recent, offered), count(recent, (a) => a.status === 'accepted')]);

            const jobOf = new Map(jobRows.map((j) => [j.id, j]));
            const sourceOf = (j) => j.source ?? 'unknown';
            const bySource = groupBy(appRows, (a) => sourceOf(jobOf.get(a.job_id)));
            const expectedSources = [...groupBy(jobRows, sourceOf)].map(([source, js]) => ({
                source, jobs: js.length, applications: bySource.get(source)?.length ?? 0,
                ...stagesOf(bySource.get(source) ?? []),
            })).sort((a, b) => b.jobs - a.jobs || (a.source < b.source ? -1 : 1));
            assert.deepEqual((await get(erin, '/analytics/sources')).items, expectedSources);

            const paid = jobRows.filter((j) => j.salary_min !== null || j.salary_max !== null);
            const values = (js, k) => js.map((j) => j[k]).filter((v) => v !== null);
            const expectedSalaries = [...groupBy(paid, (j) => j.currency ?? 'unknown')].map(([currency, js]) => {
                const mins = values(js, 'salary_min'), maxes = values(js, 'salary_max');
                const avg = (v) => (v.length ? round1(v.reduce((t, x) => t + x, 0) / v.length) : null);
                return { currency, jobs: js.length, applied_jobs: count(js, (j) => j.date_applied !== null),
                    lowest_min: mins.length ? Math.min(...mins) : null, highest_max: maxes.length ? Math.max(...maxes) : null,
                    average_min: avg(mins), average_max: avg(maxes) };
            });
            const salaries = await get(erin, '/analytics/salaries');
            assert.equal(salaries.jobs_with_salary, paid.length);
            const byCurrency = (a, b) => (a.currency < b.currency ? -1 : 1);
            assert.deepEqual([...salaries.items].sort(byCurrency), expectedSalaries.sort(byCurrency));
            for (let i = 1; i < salaries.items.length; i++)
                assert.ok(salaries.items[i - 1].jobs >= salaries.items[i].jobs, 'the most jobs first');

            const dayOf = { applications: (a) => a.applied_date, responses: (a) => a.response_date,
                interviews: (a) => a.interview_date?.slice(0, 10) ?? null, offers: (a) => a.offer_date,
                jobs: (j) => j.created_at.slice(0, 10) };
            const from = today(-45);
            for (const [metric, of] of Object.entries(dayOf)) {
                const rows = (metric === 'jobs' ? jobRows : appRows).map(of).filter((d) => d !== null && d >= from && d <= now);
                for (const interval of ['day', 'week']) {
                    const series = await get(erin, `/analytics/timeseries?metric=${metric}&interval=${interval}&from=${from}`);
                    assert.equal(series.total, rows.length, `${metric} by ${interval}: total`);
                    const bucket = (d) => (interval === 'day' ? d : mondayOf(d));
                    const expected = groupBy(rows, bucket);
                    for (const item of series.items)
                        assert.equal(item.count, expected.get(item.date)?.length ?? 0, `${metric} by ${interval} on ${item.date}`);
                }
            }
        });
    });

    describe('the job counters the reports read (migration 0078) against a recount', () => {
        /* Every own job, page by page. */
        async function ownJobs(who) {
            const rows = [];
            for (let offset = 0; ; offset += 100) {
                const { items } = await get(who, `/jobs?limit=100&offset=${offset}`);
                rows.push(...items);
                if (items.length < 100) return rows;
            }
        }
        const tally = (rows, key) => {
            const out = {};
            for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
            return out;
        };

        /* The summary's jobs per status and total, the jobs of each source of /analytics/sources
         * and the admins' jobs per source equal a recount of the rows (GET /jobs for each user,
         * the jobs table for the system figures). */
        async function check(users, label) {
            for (const u of users) {
                const rows = await ownJobs(u);
                const s = await get(u, '/analytics/summary');
                assert.deepEqual(s.jobs_by_status, {
                    ...Object.fromEntries(JOB_STATUSES.map((st) => [st, 0])), ...tally(rows, (j) => j.status),
                }, `${label}: jobs_by_status`);
                assert.equal(s.total_jobs, rows.length, `${label}: total_jobs`);
                const { items } = await get(u, '/analytics/sources');
                assert.deepEqual(Object.fromEntries(items.filter((i) => i.jobs > 0).map((i) => [i.source, i.jobs])),
                    tally(rows, (j) => j.source ?? 'unknown'), `${label}: sources`);
                assert.deepEqual(items.map((i) => i.source), [...items].sort((a, b) => b.jobs - a.jobs ||
                    (a.source < b.source ? -1 : 1)).map((i) => i.source), `${label}: the most jobs first`);
            }
            const { jobs } = await get(admin, '/admin/analytics');
            const recount = Object.fromEntries(sqlRows(srv.dbUrl,
                "SELECT COALESCE(source, 'unknown'), COUNT(*) FROM jobs GROUP BY 1").map(([k, n]) => [k, Number(n)]));
            assert.deepEqual(jobs.by_source, {
                ...Object.fromEntries(Object.keys(jobs.by_source).map((k) => [k, 0])), ...recount,
            }, `${label}: the admins' by_source`);
            assert.equal(jobs.total, Object.values(recount).reduce((t, n) => t + n, 0), `${label}: the admins' total`);
        }

        test('after jobs created, moved across status and source, deleted (API and raw SQL) and a user deleted', { timeout: 120000 }, async () => {
            const users = [await registerUser(srv), await registerUser(srv), await registerUser(srv)];
            await check(users, 'no jobs yet');
            let seed = 29;
            const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
            const pick = (values) => values[random(values.length)];
            const SOURCES = ['linkedin', 'indeed', 'manual', 'rss', 'api', 'other', null];
            const STATUSES = ['not_applied', 'interested', 'applied', 'rejected', 'archived'];
            const mine = users.map(() => []);
            for (let i = 0; i < 45; i++) {
                const u = random(users.length);
                const source = pick(SOURCES);
                let job = await createJob(srv, users[u].token, { status: pick(STATUSES), ...(source ? { source } : {}) });
                if (source === null && random(2)) /* cleared on purpose: unknown */
                    job = expectStatus(await patch(users[u], `/jobs/${job.id}`, { source: null }), 200);
                mine[u].push(job);
            }
            await check(users, 'created');
            for (let round = 0; round < 40; round++) {
                const u = random(users.length);
                if (mine[u].length === 0) continue;
                const job = pick(mine[u]);
                switch (random(4)) {
                case 0: expectStatus(await patch(users[u], `/jobs/${job.id}`, { status: pick(STATUSES) }), 200); break;
                case 1: expectStatus(await patch(users[u], `/jobs/${job.id}`, { source: pick(SOURCES) }), 200); break;
                case 2: expectStatus(await patch(users[u], `/jobs/${job.id}`, { status: pick(STATUSES), source: pick(SOURCES) }), 200); break;
                default:
                    expectStatus(await srv.api('DELETE', `/jobs/${job.id}`, { token: users[u].token }), 204);
                    mine[u].splice(mine[u].indexOf(job), 1);
                }
            }
            await check(users, 'updated and deleted');
            /* raw statements of many rows each, one moving jobs to another owner */
            const [a, b, c] = users.map((u) => u.user.id);
            sqlRows(srv.dbUrl, `UPDATE jobs SET status = 'archived', source = NULL WHERE user_id = ${a} AND source = 'indeed'`);
            sqlRows(srv.dbUrl, `UPDATE jobs SET source = 'rss' WHERE user_id IN (${a}, ${b}) AND status = 'applied'`);
            sqlRows(srv.dbUrl, `UPDATE jobs SET user_id = ${c}, status = 'interested' WHERE user_id = ${b} AND source = 'manual'`);
            sqlRows(srv.dbUrl, `DELETE FROM jobs WHERE user_id = ${c} AND status = 'not_applied'`);
            await check(users, 'raw SQL');
            expectStatus(await srv.api('DELETE', '/users/me', { token: users[1].token }), 204);
            await check([users[0], users[2]], 'a user deleted');
            assert.deepEqual(sqlRows(srv.dbUrl, `SELECT COUNT(*) FROM job_value_counts WHERE user_id = ${b}`), [['0']],
                'no counter row is left to the deleted user');
        });
    });

    describe('snapshots', () => {
        const create = (who, body, opts = {}) => srv.api('POST', '/analytics/snapshots', { token: who.token, body, ...opts });

        test('POST without a body stores the summary: 201, Location, the row', async () => {
            const res = await create(alice);
            const row = expectStatus(res, 201);
            assert.equal(row.type, 'application_summary');
            assert.equal(row.user_id, alice.user.id);
            assert.equal(row.data.total_jobs, 6);
            assert.equal(row.data.response_rate, 75);
            assertTimestamp(row.generated_at, 'generated_at');
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/analytics/snapshots/${row.id}$`));
            assert.deepEqual(await get(alice, `/analytics/snapshots/${row.id}`), row);
        });

        test('every analytics type can be stored', async () => {
            for (const type of SNAPSHOT_TYPES) {
                const row = expectStatus(await create(alice, { type }), 201);
                assert.equal(row.type, type);
                assert.equal(typeof row.data, 'object');
            }
            const funnel = expectStatus(await create(alice, { type: 'funnel' }), 201);
            assert.equal(funnel.data.stages.length, 5);
            const goal = expectStatus(await create(alice, { type: 'goal_progress' }), 201);
            assert.deepEqual(Object.keys(goal.data).sort(), ['applications_today', 'current_streak', 'daily_application_goal', 'date', 'goal_met', 'goal_progress', 'goal_remaining']);
            const skills = expectStatus(await create(alice, { type: 'skill_demand' }), 201);
            assert.equal(skills.data.coverage, 40);
            assert.equal(skills.data.relevant.coverage, 33.3);
        });

        test('bad bodies: 422 naming the field, 400 malformed, 415 not JSON', async () => {
            expectError(await create(alice, { type: 'bogus' }), 422, 'validation_failed', 'type');
            expectError(await create(alice, { type: null }), 422, 'validation_failed', 'type');
            expectError(await create(alice, { colour: 'teal' }), 422, 'validation_failed', 'colour');
            expectError(await create(alice, { user_id: bob.user.id }), 422, 'validation_failed', 'user_id');
            expectError(await create(alice, undefined, { raw: '{"type": ' }), 400, 'bad_request');
            expectError(await create(alice, undefined, { raw: 'type=funnel', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
        });

        test('GET lists own rows newest first, filters by type, pages', async () => {
            const list = await get(alice, '/analytics/snapshots?limit=100');
            assert.ok(list.total >= 11);
            assert.equal(list.items.length, list.total);
            assert.ok(list.items.every((r) => r.user_id === alice.user.id));
            for (let i = 1; i < list.items.length; i++)
                assert.ok(list.items[i - 1].generated_at >= list.items[i].generated_at);
            const funnels = await get(alice, '/analytics/snapshots?type=funnel');
            assert.equal(funnels.total, 2);
            assert.ok(funnels.items.every((r) => r.type === 'funnel'));
            const page = await get(alice, '/analytics/snapshots?limit=2&offset=1');
            assert.equal(page.items.length, 2);
            assert.equal(page.limit, 2);
            assert.equal(page.offset, 1);
            expectError(await srv.api('GET', '/analytics/snapshots?type=bogus', { token: alice.token }), 422, 'validation_failed', 'type');
            expectError(await srv.api('GET', '/analytics/snapshots?sort=data', { token: alice.token }), 422, 'validation_failed', 'sort');
        });

        test('ownership: another user\'s snapshot is 404, never listed', async () => {
            const row = expectStatus(await create(alice, { type: 'funnel' }), 201);
            assert.equal((await get(bob, '/analytics/snapshots')).total, 0);
            expectError(await srv.api('GET', `/analytics/snapshots/${row.id}`, { token: bob.token }), 404, 'not_found');
            expectError(await srv.api('DELETE', `/analytics/snapshots/${row.id}`, { token: bob.token }), 404, 'not_found');
            expectError(await srv.api('GET', '/analytics/snapshots/abc', { token: alice.token }), 404, 'not_found');
            expectStatus(await srv.api('DELETE', `/analytics/snapshots/${row.id}`, { token: alice.token }), 204);
            expectError(await srv.api('GET', `/analytics/snapshots/${row.id}`, { token: alice.token }), 404, 'not_found');
        });
    });

    describe('GET /admin/analytics', () => {
        test('non-admins → 403', async () => {
            expectError(await srv.api('GET', '/admin/analytics', { token: alice.token }), 403, 'forbidden');
        });

        test('system-wide figures for admins', async () => {
            const s = await get(admin, '/admin/analytics');
            assert.ok(s.users.total >= 3);
            assert.ok(s.users.admins >= 1);
            assert.ok(s.users.new_last_7_days >= 3);
            assert.ok(s.users.active_last_7_days >= 3);
            assert.ok(s.users.active_last_30_days >= s.users.active_last_7_days);
            assert.ok(s.jobs.total >= 7);
            assert.ok(s.jobs.by_source.linkedin >= 3);
            assert.ok(s.applications.total >= 6);
            assert.deepEqual(Object.keys(s.applications.by_status).sort(), [...APPLICATION_STATUSES].sort());
            assert.ok(s.applications.applied >= 5);
            assert.equal(typeof s.applications.response_rate, 'number');
            assert.deepEqual(Object.keys(s.recommendation_feedback).sort(), ['helpful', 'total', 'unhelpful']);
            assert.ok(s.snapshots >= 1);
            assertTimestamp(s.generated_at, 'generated_at');
        });

        // The windows are read per user from the indexes and the totals from job_value_counts
        // (docs/performance.md "Edges (eighteenth round)"): the same numbers as a recount of
        // the rows, with rows dated inside and outside each window by raw SQL (the API dates
        // every row now).
        test('the job totals, the 7- and 30-day windows, the active users and the applications equal a recount', async () => {
            const ago = (d) => new Date(Date.now() - d * 86400000).toISOString().replace(/\.\d+Z$/, 'Z');
            const recent = await registerUser(srv), month = await registerUser(srv), old = await registerUser(srv);
            const made = {};
            for (const [who, n] of [[recent, 3], [month, 4], [old, 2]]) {
                made[who.username] = [];
                for (let i = 0; i < n; i++) made[who.username].push((await createJob(srv, who.token, {})).id);
            }
            const [r, m, o] = [recent, month, old].map((w) => made[w.username]);
            const idOf = (w) => `(SELECT id FROM users WHERE username = '${w.username}')`;
            sqlRows(srv.dbUrl, `UPDATE jobs SET created_at = '${ago(3)}' WHERE id = ${r[0]};
                UPDATE jobs SET created_at = '${ago(12)}', updated_at = '${ago(12)}' WHERE id IN (${r[1]}, ${m.join(', ')});
                UPDATE jobs SET created_at = '${ago(45)}', updated_at = '${ago(45)}' WHERE id IN (${m[0]}, ${o.join(', ')});
                UPDATE sessions SET created_at = '${ago(12)}', last_used_at = '${ago(12)}' WHERE user_id = ${idOf(month)};
                UPDATE sessions SET created_at = '${ago(45)}', last_used_at = '${ago(45)}' WHERE user_id = ${idOf(old)}`);
            const s = await get(admin, '/admin/analytics');
            const [week, days30] = [ago(7), ago(30)];
            const count = (sql) => Number(sqlRows(srv.dbUrl, sql)[0][0]);
            const active = (since) => count(`SELECT COUNT(*) FROM (SELECT user_id FROM sessions WHERE COALESCE(last_used_at, created_at) >= '${since}'
                UNION SELECT user_id FROM jobs WHERE updated_at >= '${since}' UNION SELECT user_id FROM applications WHERE updated_at >= '${since}') AS a`);
            assert.deepEqual({
                total: s.jobs.total, users_with_jobs: s.jobs.users_with_jobs,
                created_last_7_days: s.jobs.created_last_7_days, created_last_30_days: s.jobs.created_last_30_days,
                active_last_7_days: s.users.active_last_7_days, active_last_30_days: s.users.active_last_30_days,
            }, {
                total: count('SELECT COUNT(*) FROM jobs'), users_with_jobs: count('SELECT COUNT(DISTINCT user_id) FROM jobs'),
                created_last_7_days: count(`SELECT COUNT(*) FROM jobs WHERE created_at >= '${week}'`),
                created_last_30_days: count(`SELECT COUNT(*) FROM jobs WHERE created_at >= '${days30}'`),
                active_last_7_days: active(week), active_last_30_days: active(days30),
            });
            // the applications from the per-user aggregates: the same as a recount of the rows,
            // with the stage conditions of src/model/analytics.c
            const after = "'applied', 'phone_screen', 'interview', 'technical', 'offer', 'accepted', 'declined'";
            const applied = `(applied_date IS NOT NULL OR status IN (${after}))`;
            const stage = (cond) => `SUM(CASE WHEN ${applied} AND (${cond}) THEN 1 ELSE 0 END)`;
            const [[total, nApplied, responses, interviews, offers]] = sqlRows(srv.dbUrl, `SELECT COUNT(*), SUM(CASE WHEN ${applied} THEN 1 ELSE 0 END),
                ${stage("response_date IS NOT NULL OR status IN ('phone_screen', 'interview', 'technical', 'offer', 'accepted', 'declined', 'rejected')")},
                ${stage("interview_date IS NOT NULL OR offer_date IS NOT NULL OR status IN ('interview', 'technical', 'offer', 'accepted', 'declined')")},
                ${stage("offer_date IS NOT NULL OR status IN ('offer', 'accepted', 'declined')")} FROM applications`);
            const byStatus = Object.fromEntries(APPLICATION_STATUSES.map((st) => [st, 0]));
            for (const [st, n] of sqlRows(srv.dbUrl, 'SELECT status, COUNT(*) FROM applications GROUP BY status')) byStatus[st] = Number(n);
            const { total: gotTotal, by_status: gotByStatus, applied: gotApplied, responses: gotResponses, interviews: gotInterviews, offers: gotOffers } = s.applications;
            assert.deepEqual({ total: gotTotal, by_status: gotByStatus, applied: gotApplied, responses: gotResponses, interviews: gotInterviews, offers: gotOffers },
                { total: Number(total), by_status: byStatus, applied: Number(nApplied), responses: Number(responses), interviews: Number(interviews), offers: Number(offers) });
            assert.ok(s.applications.total >= 6 && s.applications.offers >= 1, JSON.stringify(s.applications));
            // the dated rows fall where they should: the windows tell them apart
            assert.ok(s.jobs.created_last_30_days - s.jobs.created_last_7_days >= 4, JSON.stringify(s.jobs));
            assert.ok(s.jobs.total - s.jobs.created_last_30_days >= 3, JSON.stringify(s.jobs));
            assert.ok(s.users.active_last_30_days > s.users.active_last_7_days, JSON.stringify(s.users));
        });
    });

    describe('copilot seed', () => {
        test('users, jobs and applications that the API reads back consistently', async () => {
            const out = srv.cli(['seed', '--users', '2', '--jobs', '60', '--applications', '30', '--seed', '77']);
            assert.match(out, /created 2 users, 60 jobs and 30 applications/);
            const login = await srv.api('POST', '/auth/login', { body: { username: 's77_user001', password: 'password123' } });
            const seeded = { token: expectStatus(login, 200).access_token };
            const s = await get(seeded, '/analytics/summary');
            assert.equal(s.total_jobs, 30, 'jobs are split evenly between the users');
            assert.equal(s.total_applications, 15, 'applications are spread evenly over the jobs');
            const me = await get(seeded, '/users/me');
            assert.ok(me.skills.length >= 3);
            assert.ok(me.preferred_locations.length >= 1);
            const { items } = await get(seeded, '/applications?limit=100');
            assert.equal(items.length, 15);
            for (const app of items) {
                const job = await get(seeded, `/jobs/${app.job_id}`);
                assert.equal(job.status, app.status, 'the job follows its application');
                assert.equal(job.date_applied ?? null, app.applied_date ?? null);
                assert.ok(job.created_at <= app.created_at);
                const dates = [app.applied_date, app.response_date, app.offer_date].filter(Boolean);
                assert.deepEqual([...dates].sort(), dates, 'dates in pipeline order');
                for (const d of dates) assert.ok(d <= today(), `${d} is not in the future`);
                if (app.status === 'interested') assert.equal(app.applied_date ?? null, null);
                if (['offer', 'accepted', 'declined'].includes(app.status)) assert.match(app.offer_date, DATE);
                // the status a closed application left is kept, as the API keeps it (migration 0032)
                const open = ['interested', 'applied', 'phone_screen', 'interview', 'technical', 'offer'];
                if (open.includes(app.status)) assert.equal(app.previous_status, null, `${app.status} keeps none`);
                else assert.ok(open.includes(app.previous_status), `${app.status} from ${app.previous_status}`);
                if (['accepted', 'declined'].includes(app.status)) assert.equal(app.previous_status, 'offer');
                if (app.status === 'ghosted') assert.equal(app.previous_status, 'applied');
            }
            const closed = items.find((app) => app.previous_status !== null);
            assert.ok(closed, 'the seed closes some applications');
            const reopened = await srv.api('PATCH', `/applications/${closed.id}?force=true`, { token: seeded.token, body: { status: closed.previous_status } });
            assert.equal(expectStatus(reopened, 200).status, closed.previous_status);
            const recommended = await get(seeded, '/jobs/recommendations?limit=100');
            assert.equal(recommended.total, 15);
            assert.throws(() => srv.cli(['seed', '--users', '2', '--jobs', '60', '--applications', '30', '--seed', '77']), /already ran/);
            assert.throws(() => srv.cli(['seed', '--jobs', '5', '--applications', '6']), /cannot exceed/);
            assert.throws(() => srv.cli(['seed', '--users', 'many']), /usage/);
        });
    });
});
