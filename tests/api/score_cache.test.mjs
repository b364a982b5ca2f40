// The per-user cache of scored open jobs (src/model/score_cache.c, issue 9) never changes an
// answer: two servers with the cache on one database (A and B) and a third with it off (C, every
// request computes afresh: COPILOT_SCORE_CACHE=0) give the same bodies for the recommendations,
// the skill gap, recommended resources and learning paths after each of a series of random
// writes: through either cached server (so each must see the other's writes: the data version
// lives in the database), and with raw SQL behind the servers' back (the triggers of migrations
// 0033 and 0048 move the version). Runs on both engines. After a write to one job (or its
// application) a cached entry is patched from the jobs the change log of migration 0054 names:
// the third suite drives two users through many such writes and compares with C each time.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectStatus, registerUser, login, sqlRows, startServer, PASSWORD } from './helpers.mjs';

const ROUTES = [
    '/jobs/recommendations', '/jobs/recommendations?sort=match_score&limit=5',
    '/jobs/recommendations?limit=4&offset=3', '/analytics/skills', '/resources/recommended',
    '/learning-paths/recommended',
];
const STACKS = [['Python', 'PostgreSQL'], ['Go', 'Kubernetes'], ['React', 'TypeScript'], ['py', 'Docker'],
    ['Java', 'Spring'], ['Rust'], [], ['SQL', 'dbt', 'Airflow'], ['C++', 'Linux']];
const TITLES = ['Senior Backend Engineer', 'Junior Frontend Developer', 'Data Engineer', 'Lead Platform Engineer',
    'Python Developer', 'Staff Engineer'];
const PLACES = [['Berlin, Germany', 'onsite'], ['Anywhere', 'remote'], ['Paris', 'hybrid'], ['Tokyo', 'onsite']];
const COMPANIES = ['Initech', 'Hooli', 'Globex', 'Umbrella', 'Acme'];

/* n as letters (the duplicate check ignores digits in titles). */
const word = (n) => (n >= 26 ? word(Math.floor(n / 26) - 1) : '') + String.fromCharCode(97 + (n % 26));

/* A small deterministic generator, so a failure can be replayed. */
function rng(seed) {
    let s = seed >>> 0;
    return (n) => {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        return s % n;
    };
}

/* The answers of ask(server) for each of servers in turn, asked again (three times at most)
 * while one differs from the last server's: a young job's score can move between two requests a
 * second apart, so only a difference that stays counts (a stale cache stays stale). */
async function settled(servers, ask) {
    let answers;
    for (let attempt = 0; attempt < 3; attempt++) {
        answers = [];
        for (const srv of servers) answers.push(await ask(srv));
        const fresh = JSON.stringify(answers[answers.length - 1]);
        if (answers.every((x) => JSON.stringify(x) === fresh)) break;
    }
    return answers;
}

describe('the score cache gives the answers of a fresh computation', () => {
    let a, b, c, dbUrl, user, tokens;
    const pick = rng(20261128);
    const one = (list) => list[pick(list.length)];
    const jobs = [];
    const apps = [];

    let made = 0;
    const jobBody = () => {
        const [location, remote_option] = one(PLACES);
        made++;
        const min = 40000 + 10000 * pick(6);
        return {
            company: one(COMPANIES), title: `${one(TITLES)} team ${word(made)}`, location, remote_option, tech_stack: one(STACKS),
            requirements: one(['Docker and Terraform', 'Strong SQL', '', 'Kotlin']),
            salary_min: min, salary_max: min + 20000, currency: 'EUR',
        };
    };
    const as = (srv) => ({ srv, token: tokens.get(srv) });

    before(async () => {
        a = await startServer();
        dbUrl = a.dbUrl;
        b = await startServer({ dbUrl });
        c = await startServer({ dbUrl, env: { COPILOT_SCORE_CACHE: '0' } });
        user = await registerUser(a);
        tokens = new Map([[a, user.token], [b, await login(b, user.username, PASSWORD)],
            [c, await login(c, user.username, PASSWORD)]]);
        expectStatus(await a.api('PATCH', '/users/me', {
            token: user.token,
            body: { skills: ['python', 'Postgres', 'Docker'], preferred_locations: ['Berlin'], experience_level: 'senior' },
        }), 200);
        for (let i = 0; i < 24; i++)
            jobs.push(expectStatus(await a.api('POST', '/jobs', { token: user.token, body: jobBody() }), 201).id);
        // most jobs old (their scores no longer move), a few days old, a few from now
        for (const [i, id] of jobs.entries()) {
            const days = i % 3 === 0 ? 0 : i % 3 === 1 ? 3 + i : 40 + i;
            if (days)
                sqlRows(dbUrl, `UPDATE jobs SET created_at = '${new Date(Date.now() - days * 86400e3).toISOString().slice(0, 19)}Z' WHERE id = ${id}`);
        }
    });
    after(async () => { await Promise.all([a, b, c].map((srv) => srv?.stop())); });

    /* The bodies of every route on srv. */
    const bodies = async (srv) => {
        const out = [];
        for (const route of ROUTES)
            out.push(expectStatus(await srv.api('GET', route, { token: tokens.get(srv) }), 200));
        return out;
    };
    /* A, B and C agree (settled). */
    const assertSame = async (what) => {
        const last = await settled([a, b, c], bodies);
        for (const [i, route] of ROUTES.entries()) {
            assert.deepEqual(last[0][i], last[2][i], `${what}: ${route} on A (cached) against C (fresh)`);
            assert.deepEqual(last[1][i], last[2][i], `${what}: ${route} on B (cached) against C (fresh)`);
        }
        return last[2];
    };

    /* One random write, through A or B or as raw SQL; returns what it did. */
    const write = async () => {
        const who = as(pick(2) ? a : b);
        const api = (method, path, body) => who.srv.api(method, path, { token: who.token, body });
        const job = one(jobs);
        switch (pick(12)) {
        case 0: {
            const res = expectStatus(await api('POST', '/jobs', jobBody()), 201);
            jobs.push(res.id);
            return 'a job added';
        }
        case 1:
            expectStatus(await api('PATCH', `/jobs/${job}`, { tech_stack: one(STACKS), title: `${one(TITLES)} team ${word(++made)}` }), 200);
            return 'a job changed';
        case 2:
            if (jobs.length < 10) return 'nothing';
            expectStatus(await api('DELETE', `/jobs/${job}`), 204);
            jobs.splice(jobs.indexOf(job), 1);
            return 'a job deleted (with its application and feedback)';
        case 3: {
            const res = await api('POST', '/applications', { job_id: job, status: 'applied' });
            if (res.status === 201) apps.push(res.body.id);
            return 'an application';
        }
        case 4:
            if (!apps.length) return 'nothing';
            expectStatus(await api('DELETE', `/applications/${apps.pop()}`), 204);
            return 'an application deleted';
        case 5: {
            const res = await api('POST', `/jobs/${job}/recommendation-feedback`,
                { is_helpful: !!pick(2), reason: one(['skills', 'company', 'salary', 'seniority', 'location', 'other']) });
            assert.ok([200, 201].includes(res.status), `feedback: ${res.status}`);
            return 'feedback';
        }
        case 6:
            await api('DELETE', `/jobs/${job}/recommendation-feedback`);
            return 'feedback deleted';
        case 7:
            expectStatus(await api('PUT', '/users/me/preferences', {
                excluded_companies: pick(2) ? [one(COMPANIES)] : [], keywords: pick(2) ? ['kotlin'] : [],
                min_salary: pick(2) ? 70000 : null, preferred_job_types: [],
            }), 200);
            return 'preferences';
        case 8:
            expectStatus(await api('PATCH', '/users/me', {
                skills: one([['python'], ['go', 'kubernetes'], ['react'], ['python', 'Postgres', 'Docker']]),
                experience_level: one(['junior', 'senior', 'lead']), prefer_remote_jobs: !!pick(2),
            }), 200);
            return 'profile';
        case 9:
            sqlRows(dbUrl, `UPDATE jobs SET tech_stack = '["Rust", "Go"]', status = '${one(['not_applied', 'interested', 'archived', 'rejected'])}' WHERE id = ${job}`);
            return 'raw SQL on a job';
        case 10:
            sqlRows(dbUrl, `UPDATE users SET skills = '["rust", "typescript"]' WHERE id = ${user.user.id}`);
            return 'raw SQL on the profile';
        default:
            sqlRows(dbUrl, `DELETE FROM job_recommendation_feedback WHERE user_id = ${user.user.id}`);
            return 'raw SQL deleting feedback';
        }
    };

    test('after each random write, through either server or raw SQL', async () => {
        let seen = await assertSame('at the start');
        assert.ok(seen[0].total > 0, 'there are recommendations');
        for (let round = 0; round < 30; round++) {
            await bodies(a);
            await bodies(b); // both caches are warm
            const what = await write();
            await assertSame(`round ${round} (${what})`);
        }
        seen = await assertSame('at the end');
        assert.ok(seen[3].relevant.relevance.open_jobs > 0);
    });
});

// A job edited so that its skills change moves in the ranking and its reasons follow, with the
// cache on (A) as without it (C); a tech_stack the scan reads without jansson (plain strings)
// and one it leaves to jansson (escapes, non-ASCII, odd spacing) name the same skills.
describe('a job whose skills change', () => {
    let a, c, dbUrl, token, tokenC;
    before(async () => {
        a = await startServer();
        dbUrl = a.dbUrl;
        c = await startServer({ dbUrl, env: { COPILOT_SCORE_CACHE: '0' } });
        const user = await registerUser(a);
        token = user.token;
        tokenC = await login(c, user.username, PASSWORD);
        expectStatus(await a.api('PATCH', '/users/me', { token, body: { skills: ['Rust', 'Go', 'Café'] } }), 200);
    });
    after(async () => { await Promise.all([a, c].map((srv) => srv?.stop())); });

    /* The ranking on A, the same as on C (settled). */
    const ranking = async () => {
        const [mine, fresh] = await settled([[a, token], [c, tokenC]], async ([srv, t]) =>
            expectStatus(await srv.api('GET', '/jobs/recommendations', { token: t }), 200));
        assert.deepEqual(mine, fresh, 'the cached ranking is the fresh one');
        return mine.items;
    };
    const reasons = (items, id) => items.find((j) => j.id === id).reasons;

    test('moves up, its reasons name the new skills, whatever form its tech_stack takes', async () => {
        const post = async (title, tech_stack) =>
            expectStatus(await a.api('POST', '/jobs', { token, body: { company: 'Initech', title, tech_stack } }), 201).id;
        const x = await post('Platform Engineer', ['Java', 'Spring']);
        const y = await post('Systems Engineer', ['Rust', 'Java']);
        let items = await ranking();
        assert.deepEqual(items.map((j) => j.id), [y, x]);
        assert.deepEqual(reasons(items, x).matched_skills, []);
        assert.deepEqual(reasons(items, x).missing_skills, ['Java', 'Spring']);

        expectStatus(await a.api('PATCH', `/jobs/${x}`, { token, body: { tech_stack: ['Rust', 'Go'], requirements: 'Kubernetes' } }), 200);
        items = await ranking();
        assert.deepEqual(items.map((j) => j.id), [x, y], 'x now shares two skills');
        assert.deepEqual(reasons(items, x).matched_skills, ['Rust', 'Go']);
        assert.deepEqual(reasons(items, x).missing_skills, ['Kubernetes']);

        // the same skills written with escapes, spacing and a non-ASCII name (raw SQL: SQLite
        // keeps the text as written), then in the plain form
        sqlRows(dbUrl, `UPDATE jobs SET tech_stack = '[ "R\\u0075st" ,\n "Go",  "Caf\\u00e9"]' WHERE id = ${x}`);
        items = await ranking();
        const escaped = reasons(items, x);
        assert.deepEqual(escaped.matched_skills, ['Rust', 'Go', 'Café']);
        sqlRows(dbUrl, `UPDATE jobs SET tech_stack = '["Rust","Go","Café"]' WHERE id = ${x}`);
        items = await ranking();
        assert.deepEqual(reasons(items, x), escaped);
        // an escape after a plain first string: jansson reads all of it, nothing is kept twice
        sqlRows(dbUrl, `UPDATE jobs SET tech_stack = '["Go", "Ka\u0066ka"]' WHERE id = ${y}`);
        items = await ranking();
        assert.deepEqual(reasons(items, y).matched_skills, ['Go']);
        assert.deepEqual(reasons(items, y).missing_skills, ['Kafka']);
    });
});

// The patch after a write (src/model/recommendation.c, patch_entry; migration 0054): two users
// share the servers; random writes to jobs (through the API and raw SQL: inserted, edited,
// deleted, moved to the other user, closed, made older or newer), applications
// (created, moved through the pipeline, deleted), the profile, and now and then a bulk insert
// of more jobs than a patch re-reads; after each, A and B (cached, warm before the write) give
// C's bodies (no cache) for both users. The log itself is checked too: a job's write logs it at
// the version it moved to, a profile write raises full_version, and both go with the user.
describe('a patched entry equals a fresh computation', () => {
    let a, b, c, dbUrl;
    const users = [];
    const pick = rng(20261129);
    const one = (list) => list[pick(list.length)];
    let made = 0;
    const body = () => {
        const [location, remote_option] = one(PLACES);
        made++;
        const min = 40000 + 10000 * pick(6);
        return {
            company: one(COMPANIES), title: `${one(TITLES)} unit ${word(made)}`, location, remote_option,
            tech_stack: one(STACKS), requirements: one(['Docker and Terraform', 'Strong SQL', '', 'Kotlin']),
            salary_min: min, salary_max: min + 20000, currency: 'EUR',
        };
    };

    before(async () => {
        a = await startServer();
        dbUrl = a.dbUrl;
        b = await startServer({ dbUrl });
        c = await startServer({ dbUrl, env: { COPILOT_SCORE_CACHE: '0' } });
        for (let u = 0; u < 2; u++) {
            const reg = await registerUser(a);
            const tokens = new Map([[a, reg.token], [b, await login(b, reg.username, PASSWORD)],
                [c, await login(c, reg.username, PASSWORD)]]);
            const user = { id: reg.user.id, tokens, jobs: [], apps: [] };
            users.push(user);
            expectStatus(await a.api('PATCH', '/users/me', {
                token: reg.token,
                body: { skills: u ? ['go', 'kubernetes', 'SQL'] : ['python', 'Postgres', 'Docker'], experience_level: 'senior' },
            }), 200);
            for (let i = 0; i < 16; i++)
                user.jobs.push(expectStatus(await a.api('POST', '/jobs', { token: reg.token, body: body() }), 201).id);
            for (const [i, id] of user.jobs.entries())
                if (i % 3)
                    sqlRows(dbUrl, `UPDATE jobs SET created_at = '${new Date(Date.now() - (i % 3 === 1 ? 2 + i : 45 + i) * 86400e3).toISOString().slice(0, 19)}Z' WHERE id = ${id}`);
        }
    });
    after(async () => { await Promise.all([a, b, c].map((srv) => srv?.stop())); });

    const bodies = async (srv, user) => {
        const out = [];
        for (const route of ROUTES)
            out.push(expectStatus(await srv.api('GET', route, { token: user.tokens.get(srv) }), 200));
        return out;
    };
    const assertSame = async (what) => {
        for (const user of users) {
            const last = await settled([a, b, c], (srv) => bodies(srv, user));
            for (const [i, route] of ROUTES.entries()) {
                assert.deepEqual(last[0][i], last[2][i], `${what}: user ${user.id} ${route} on A (cached) against C (fresh)`);
                assert.deepEqual(last[1][i], last[2][i], `${what}: user ${user.id} ${route} on B (cached) against C (fresh)`);
            }
        }
    };

    const write = async (round) => {
        const user = one(users), other = users[0] === user ? users[1] : users[0];
        const srv = pick(2) ? a : b;
        const api = (method, path, payload) => srv.api(method, path, { token: user.tokens.get(srv), body: payload });
        const job = one(user.jobs);
        switch (pick(14)) {
        case 0: case 1:
            user.jobs.push(expectStatus(await api('POST', '/jobs', body()), 201).id);
            return 'a job added';
        case 2: case 3:
            expectStatus(await api('PATCH', `/jobs/${job}`, pick(2) ? { tech_stack: one(STACKS) } : { title: `${one(TITLES)} unit ${word(++made)}`, company: one(COMPANIES) }), 200);
            return 'a job edited';
        case 4:
            if (user.jobs.length < 8) return 'nothing';
            expectStatus(await api('DELETE', `/jobs/${job}`), 204);
            user.jobs.splice(user.jobs.indexOf(job), 1);
            user.apps = user.apps.filter((x) => x.job !== job);
            return 'a job deleted';
        case 5: {
            const res = await api('POST', '/applications', { job_id: job, status: 'applied' });
            if (res.status === 201) user.apps.push({ id: res.body.id, job, at: 0 });
            return 'an application';
        }
        case 6: {
            if (!user.apps.length) return 'nothing';
            const app = one(user.apps);
            const next = ['phone_screen', 'interview', 'offer', 'rejected'][app.at++];
            if (!next) return 'nothing';
            expectStatus(await api('PATCH', `/applications/${app.id}`, { status: next }), 200);
            return `an application moved to ${next}`;
        }
        case 7:
            if (!user.apps.length) return 'nothing';
            expectStatus(await api('DELETE', `/applications/${user.apps.pop().id}`), 204);
            return 'an application deleted';
        case 8:
            sqlRows(dbUrl, `UPDATE jobs SET tech_stack = '${JSON.stringify(one(STACKS))}', status = '${one(['not_applied', 'interested', 'archived', 'applied'])}' WHERE id = ${job}`);
            return 'raw SQL: a job\'s stack and status';
        case 9:
            sqlRows(dbUrl, `UPDATE jobs SET title = 'Lead Python Engineer', requirements = 'Go and Kubernetes', salary_min = NULL WHERE id = ${job}`);
            return 'raw SQL: a job\'s title and requirements';
        case 10: {
            if (user.jobs.length < 8) return 'nothing';
            // a job given to the other user (its application, if any, first)
            sqlRows(dbUrl, `DELETE FROM applications WHERE job_id = ${job}`);
            sqlRows(dbUrl, `UPDATE jobs SET user_id = ${other.id} WHERE id = ${job}`);
            user.jobs.splice(user.jobs.indexOf(job), 1);
            user.apps = user.apps.filter((x) => x.job !== job);
            other.jobs.push(job);
            return 'raw SQL: a job moved to the other user';
        }
        case 11:
            // a job made the newest, or older: its place in the created_at order moves
            sqlRows(dbUrl, `UPDATE jobs SET created_at = '${new Date(Date.now() - 86400e3 * pick(40)).toISOString().slice(0, 19)}Z' WHERE id = ${job}`);
            return 'raw SQL: a job\'s created_at';
        case 12:
            expectStatus(await api('PATCH', '/users/me', { skills: one([['python'], ['go', 'kubernetes'], ['react', 'SQL']]) }), 200);
            return 'the profile';
        default:
            if (round % 5) return 'nothing';
            // more jobs than a patch re-reads (PATCH_MAX_JOBS): a full rebuild
            sqlRows(dbUrl, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) `
                + `INSERT INTO jobs (user_id, company, title, tech_stack) SELECT ${user.id}, 'Bulk ' || i, 'Python Developer', '["Python", "Go"]' FROM n`);
            return 'raw SQL: 300 jobs inserted';
        }
    };

    test('after random writes by two users, through either server or raw SQL', async () => {
        await assertSame('at the start');
        for (let round = 0; round < 40; round++) {
            for (const user of users) {
                await bodies(a, user);
                await bodies(b, user);
            }
            const what = await write(round);
            await assertSame(`round ${round} (${what})`);
        }
    });

    test('the log: a job write names the job at its version; a profile write raises full_version', async () => {
        const [user] = users;
        const token = user.tokens.get(a);
        // versions are 62-bit numbers: BigInt
        const version = () => sqlRows(dbUrl, `SELECT version, full_version FROM user_data_versions WHERE user_id = ${user.id}`)[0].map(BigInt);
        const logged = (v) => sqlRows(dbUrl, `SELECT job_id, stack FROM score_changes WHERE user_id = ${user.id} AND version > ${v} ORDER BY job_id`)
            .map(([id, stack]) => [Number(id), ['1', 't', 'true'].includes(stack)]);
        let [v, full] = version();
        const job = expectStatus(await a.api('POST', '/jobs', { token, body: body() }), 201).id;
        assert.deepEqual(logged(v), [[job, true]]);
        assert.equal(version()[1], full, 'a job leaves full_version');
        [v] = version();
        expectStatus(await a.api('PATCH', `/jobs/${job}`, { token, body: { title: 'Data Engineer unit zz' } }), 200);
        assert.deepEqual(logged(v), [[job, false]], 'a title is not a stack');
        [v] = version();
        const app = expectStatus(await a.api('POST', '/applications', { token, body: { job_id: job, status: 'applied' } }), 201).id;
        expectStatus(await a.api('PATCH', `/applications/${app}`, { token, body: { status: 'interview' } }), 200);
        assert.deepEqual([...new Set(logged(v).map(([id]) => id))], [job]);
        assert.ok(logged(v).every(([, stack]) => !stack), 'an application is not a stack');
        [v, full] = version();
        expectStatus(await a.api('PATCH', '/users/me', { token, body: { skills: ['rust'] } }), 200);
        const [v2, full2] = version();
        assert.ok(v2 > v && full2 === v2, 'a profile write moves full_version to the version');
        assert.deepEqual(logged(v), [], 'and logs no job');
        // a raw SQL write to the preferences does the same
        sqlRows(dbUrl, `INSERT INTO user_job_preferences (user_id, keywords) VALUES (${user.id}, '["kotlin"]')`);
        const [v3, full3] = version();
        assert.ok(v3 > v2 && full3 === v3);
        // a bulk write: PostgreSQL logs 256 jobs of a transaction, then moves full_version (a
        // patch re-reads 256 jobs at most); SQLite logs every one (no transaction-local state)
        const [v4] = version();
        sqlRows(dbUrl, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) `
            + `INSERT INTO jobs (user_id, company, title) SELECT ${user.id}, 'Bulk log ' || i, 'Go Developer' FROM n`);
        const [v5, full5] = version();
        if (dbUrl.startsWith('sqlite:')) {
            assert.equal(logged(v4).length, 300);
            assert.ok(v5 === v4 + 300n && full5 === full3);
        } else {
            assert.equal(logged(v4).length, 256);
            assert.ok(v5 === v4 + 1n && full5 === v5, 'one version, full_version moved to it');
        }
        // the log and its rows go with the user; a bad stack value is refused
        assert.throws(() => sqlRows(dbUrl, `INSERT INTO score_changes (user_id, version, job_id, stack) VALUES (${user.id}, 1, 1, ${dbUrl.startsWith('sqlite:') ? 2 : 'NULL'})`));
        // (the sqlite3 shell leaves foreign keys off unless asked)
        const fk = dbUrl.startsWith('sqlite:') ? 'PRAGMA foreign_keys = ON; ' : '';
        assert.throws(() => sqlRows(dbUrl, `${fk}INSERT INTO score_changes (user_id, version, job_id, stack) VALUES (987654321, 1, 1, ${fk ? 1 : 'true'})`));
        const other = users[1];
        assert.ok(Number(sqlRows(dbUrl, `SELECT count(*) FROM score_changes WHERE user_id = ${other.id}`)[0][0]) > 0);
        sqlRows(dbUrl, `${fk}DELETE FROM users WHERE id = ${other.id}`);
        assert.equal(Number(sqlRows(dbUrl, `SELECT count(*) FROM score_changes WHERE user_id = ${other.id}`)[0][0]), 0);
    });
});

// An entry keeps its skill ids in one byte while its jobs name at most 256 distinct skills, two
// beyond (score_cache.h, struct score_cache_ids): a patch that brings the 257th name widens the
// ids it holds, and a rebuild with more names starts wide. The relevant skill gap, made from the
// entry's ids, equals a fresh computation's before, across and after the widening.
describe('an entry whose jobs name more than 256 skills', () => {
    let a, c, token, tokenC;
    before(async () => {
        a = await startServer();
        c = await startServer({ dbUrl: a.dbUrl, env: { COPILOT_SCORE_CACHE: '0' } });
        const user = await registerUser(a);
        token = user.token;
        tokenC = await login(c, user.username, PASSWORD);
        expectStatus(await a.api('PATCH', '/users/me', { token, body: { skills: ['Python', 'Go'] } }), 200);
    });
    after(async () => { await Promise.all([a, c].map((srv) => srv?.stop())); });

    let made = 0;
    const post = async (names) => {
        made++;
        const body = { company: `Co ${word(made)}`, title: `Engineer ${word(made)}`, tech_stack: ['Python', ...names] };
        expectStatus(await a.api('POST', '/jobs', { token, body }), 201);
    };
    const same = async () => {
        for (const path of ['/analytics/skills', '/jobs/recommendations']) {
            const [mine, fresh] = await settled([[a, token], [c, tokenC]], async ([srv, t]) =>
                expectStatus(await srv.api('GET', path, { token: t }), 200));
            assert.deepEqual(mine, fresh, path);
        }
        return expectStatus(await a.api('GET', '/analytics/skills', { token }), 200).relevant.required_count;
    };

    test('patched across the widening, then rebuilt wide', async () => {
        for (let i = 0; i < 126; i++)
            await post([`Tool ${word(2 * i)}`, `Tool ${word(2 * i + 1)}`]);
        assert.equal(await same(), 253); /* Python and 252 tools: one byte each */
        for (let i = 126; i < 132; i++) { /* each job two names more, patched */
            await post([`Tool ${word(2 * i)}`, `Tool ${word(2 * i + 1)}`]);
            assert.equal(await same(), 253 + 2 * (i - 125));
        }
        expectStatus(await a.api('PATCH', '/users/me', { token, body: { skills: ['Python'] } }), 200);
        assert.equal(await same(), 265); /* rebuilt with 265 names */
        await post(['Tool zzz']);
        assert.equal(await same(), 266);
    });
});

// The plain skill gap of /analytics/skills (every job's tech_stack, closed ones too) is patched
// after a job is added, deleted, or its stack or owner changes (src/model/relevance.c,
// patch_plain; migration 0068 logs each job's stack before the write). Random writes of stacks
// through either cached server (A, B) and raw SQL, some of several statements in one
// transaction (a stack changed twice, a job added and removed, an application then a stack,
// a job given away and back), with spellings of one skill shown alike ('py', 'Python') and
// apart ('FooBar', 'foobar': the gap then depends on the rows' order and is read again), blank
// names, repeats and escapes; after each, both users' gaps equal C's (no cache).
describe('the plain skill gap patched after job writes', () => {
    let a, b, c, dbUrl, sqlite;
    const users = [];
    const pick = rng(20261130);
    const one = (list) => list[pick(list.length)];
    const NAMES = ['Python', 'py', 'Go', 'golang', 'Rust', 'Kubernetes', 'k8s', 'SQL', 'Docker', 'Terraform', 'Zig',
        'Elixir', 'Tool Q', 'FooBar', 'foobar', '', ' ', 'python', 'C++'];
    const stack = () => Array.from({ length: pick(5) }, () => one(NAMES.slice(0, pick(3) ? 12 : NAMES.length)));
    const stackSql = () => {
        const s = pick(6) === 0 ? null : stack();
        if (s === null) return 'NULL';
        const text = pick(3) === 0 ? JSON.stringify(s).replace(/o/g, '\\u006f') : JSON.stringify(s);
        return `'${text.replace(/'/g, "''")}'`;
    };
    const tx = (sql) => sqlRows(dbUrl, `BEGIN; ${sql}; COMMIT;`);
    let pruned = 0;

    before(async () => {
        a = await startServer();
        dbUrl = a.dbUrl;
        sqlite = dbUrl.startsWith('sqlite:');
        b = await startServer({ dbUrl });
        c = await startServer({ dbUrl, env: { COPILOT_SCORE_CACHE: '0' } });
        for (let u = 0; u < 2; u++) {
            const reg = await registerUser(a);
            const tokens = new Map([[a, reg.token], [b, await login(b, reg.username, PASSWORD)],
                [c, await login(c, reg.username, PASSWORD)]]);
            users.push({ id: reg.user.id, tokens, jobs: [] });
            expectStatus(await a.api('PATCH', '/users/me', { token: reg.token, body: { skills: ['python', 'Docker'] } }), 200);
            for (let i = 0; i < 12; i++)
                users[u].jobs.push(expectStatus(await a.api('POST', '/jobs', {
                    token: reg.token, body: { company: 'Initech', title: `Engineer plain ${u} ${word(i)}`, tech_stack: stack() },
                }), 201).id);
        }
    });
    after(async () => { await Promise.all([a, b, c].map((srv) => srv?.stop())); });

    const gap = (srv, user) => srv.api('GET', '/analytics/skills', { token: user.tokens.get(srv) });
    const assertSame = async (what) => {
        for (const user of users) {
            const last = await settled([a, b, c], async (srv) => expectStatus(await gap(srv, user), 200));
            assert.deepEqual(last[0], last[2], `${what}: user ${user.id} on A (cached) against C (fresh)`);
            assert.deepEqual(last[1], last[2], `${what}: user ${user.id} on B (cached) against C (fresh)`);
        }
    };

    const write = async () => {
        const user = one(users), other = users[0] === user ? users[1] : users[0];
        const srv = pick(2) ? a : b;
        const api = (method, path, payload) => srv.api(method, path, { token: user.tokens.get(srv), body: payload });
        const job = one(user.jobs);
        switch (pick(14)) {
        case 0: case 1:
            user.jobs.push(expectStatus(await api('POST', '/jobs', { company: 'Globex', title: `Dev plain ${word(pick(100000))}`, tech_stack: stack() }), 201).id);
            return 'a job added';
        case 2:
            if (user.jobs.length < 6) return 'nothing';
            expectStatus(await api('DELETE', `/jobs/${job}`), 204);
            user.jobs.splice(user.jobs.indexOf(job), 1);
            return 'a job deleted';
        case 3:
            expectStatus(await api('PATCH', `/jobs/${job}`, { tech_stack: stack() }), 200);
            return 'a stack edited';
        case 4:
            sqlRows(dbUrl, `UPDATE jobs SET tech_stack = ${stackSql()} WHERE id = ${job}`);
            return 'raw SQL: a stack';
        case 5:
            tx(`UPDATE jobs SET tech_stack = ${stackSql()} WHERE id = ${job}; UPDATE jobs SET title = 'Twice ${word(pick(1000))}', tech_stack = ${stackSql()} WHERE id = ${job}`);
            return 'raw SQL: a stack changed twice in one transaction';
        case 6: {
            const id = Number(sqlRows(dbUrl, 'SELECT max(id) FROM jobs')[0][0]) + 1;
            tx(`INSERT INTO jobs (id, user_id, company, title, tech_stack) VALUES (${id}, ${user.id}, 'Brief', 'Brief ${id}', '["Rust", "Zig"]'); `
                + `UPDATE jobs SET tech_stack = ${stackSql()} WHERE id = ${id}; DELETE FROM jobs WHERE id = ${id}`);
            return 'raw SQL: a job added, changed and removed in one transaction';
        }
        case 7: {
            sqlRows(dbUrl, `DELETE FROM applications WHERE job_id = ${job}`);
            tx(`INSERT INTO applications (user_id, job_id, status) VALUES (${user.id}, ${job}, 'applied'); UPDATE jobs SET tech_stack = ${stackSql()} WHERE id = ${job}`);
            return 'raw SQL: an application, then the stack, in one transaction';
        }
        case 8: {
            if (user.jobs.length < 6) return 'nothing';
            sqlRows(dbUrl, `DELETE FROM applications WHERE job_id = ${job}`);
            if (pick(2)) { // given away and back, its stack changed on the way
                tx(`UPDATE jobs SET user_id = ${other.id} WHERE id = ${job}; UPDATE jobs SET tech_stack = ${stackSql()} WHERE id = ${job}; UPDATE jobs SET user_id = ${user.id} WHERE id = ${job}`);
                return 'raw SQL: a job given away and back in one transaction';
            }
            sqlRows(dbUrl, `UPDATE jobs SET user_id = ${other.id} WHERE id = ${job}`);
            user.jobs.splice(user.jobs.indexOf(job), 1);
            other.jobs.push(job);
            return 'raw SQL: a job given to the other user';
        }
        case 9:
            expectStatus(await api('PATCH', '/users/me', { skills: pick(4) ? stack() : [] }), 200);
            return 'the profile\'s skills (every score moves, the stacks do not)';
        case 10:
            sqlRows(dbUrl, `UPDATE users SET skills = ${pick(5) ? stackSql() : "'[]'"}, experience_level = '${one(['junior', 'senior'])}' WHERE id = ${user.id}`);
            return 'raw SQL: the profile';
        case 11:
            tx(`UPDATE users SET skills = '${JSON.stringify(stack())}' WHERE id = ${user.id}; UPDATE jobs SET tech_stack = ${stackSql()} WHERE id = ${job}`);
            return 'raw SQL: the profile and a stack in one transaction';
        case 12: {
            if (pruned >= 2) return 'nothing';
            pruned++;
            // a stack changed, then 4,100 more log rows: the next rebuild (A's, asked first) deletes
            // the log, this stack's row with it, and must move stack_full_version past it for B
            const more = sqlite
                ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4100) SELECT ${user.id}, v.version, 1000000000 + n.i, 0 FROM n, user_data_versions v WHERE v.user_id = ${user.id}`
                : `SELECT ${user.id}, v.version, 1000000000 + n, false FROM generate_series(1, 4100) n, user_data_versions v WHERE v.user_id = ${user.id}`;
            tx(`UPDATE jobs SET tech_stack = '["Pruned ${word(pick(1000))}", "Go"]' WHERE id = ${job}; INSERT INTO score_changes (user_id, version, job_id, stack) ${more}`);
            return 'raw SQL: a stack, then a log long enough to be pruned';
        }
        default: { // (a job with an application takes its status from it: 422)
            const res = await api('PATCH', `/jobs/${job}`, { status: one(['archived', 'rejected', 'interested', 'not_applied']) });
            assert.ok([200, 422].includes(res.status), `status: ${res.status}`);
            return 'a status';
        }
        }
    };

    test('after random writes of stacks and profiles, through either server or raw SQL', async () => {
        await assertSame('at the start');
        for (let round = 0; round < 70; round++) {
            for (const user of users) {
                await gap(a, user);
                await gap(b, user);
            }
            const what = await write();
            await assertSame(`round ${round} (${what})`);
        }
    });

    test('the log keeps the stack before the write, on stack rows only', async () => {
        const [user] = users;
        const token = user.tokens.get(a);
        const [v] = sqlRows(dbUrl, `SELECT version FROM user_data_versions WHERE user_id = ${user.id}`)[0];
        const job = expectStatus(await a.api('POST', '/jobs', { token, body: { company: 'Hooli', title: 'Logged plain', tech_stack: ['Go'] } }), 201).id;
        expectStatus(await a.api('PATCH', `/jobs/${job}`, { token, body: { title: 'Logged plain again' } }), 200);
        expectStatus(await a.api('PATCH', `/jobs/${job}`, { token, body: { tech_stack: ['Rust'] } }), 200);
        expectStatus(await a.api('DELETE', `/jobs/${job}`, { token }), 204);
        const rows = sqlRows(dbUrl, `SELECT stack, coalesce(CAST(stack_before AS TEXT), 'none') FROM score_changes WHERE user_id = ${user.id} AND job_id = ${job} AND version > ${v} ORDER BY version`)
            .map(([s, before]) => [['1', 't', 'true'].includes(s), before.replace(/\s/g, '')]);
        assert.deepEqual(rows, [[true, 'none'], [false, 'none'], [true, '["Go"]'], [true, '["Rust"]']]);
        const no = sqlite ? 0 : 'false';
        assert.throws(() => sqlRows(dbUrl, `INSERT INTO score_changes (user_id, version, job_id, stack, stack_before) VALUES (${user.id}, 1, 1, ${no}, '["Go"]')`),
            /score_changes_stack_before_check|CHECK constraint/);
    });
});
