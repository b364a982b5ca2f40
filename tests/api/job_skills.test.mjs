// The skills kept per job (migration 0091, src/model/job_skills.c; docs/performance.md, "Job
// skills kept on write (thirty-sixth round)"): every write of a job's title or requirements
// through the API (POST, PUT, PATCH /jobs) or `copilot import jobs` writes the job's row of
// job_skills, the keys the core finds in its requirements and title, and the ranking reads them
// instead of the text. After random writes, the import and raw SQL behind the server's back:
// - the table equals a recount (the rows emptied, a new server's start finds every job's skills
//   again from its text), but for the jobs whose text raw SQL wrote (the trigger deleted their
//   row: a reader finds their skills in the text) and those raw SQL inserted (no row);
// - the recommendations, the skill gap, recommended resources and learning paths equal the
//   answers of a server that reads no row (the table emptied), cached or not;
// - rows of another skills version are not read, and a start whose version differs from the
//   one recorded finds every job again.
// Runs on both engines.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ENGINE, expectStatus, login, PASSWORD, registerUser, sqlRows, startServer } from './helpers.mjs';

const ROUTES = [
    '/jobs/recommendations', '/jobs/recommendations?sort=match_score&limit=5', '/analytics/skills',
    '/resources/recommended', '/learning-paths/recommended',
];
const STACKS = [['Python', 'PostgreSQL'], ['Go', 'Kubernetes'], ['React', 'TypeScript'], [], ['SQL', 'dbt'], ['Rust']];
const TITLES = ['Senior Backend Engineer', 'Python Developer', 'Data Engineer (Go, Kafka)', 'Kubernetes Platform Lead',
    'Frontend Developer React', 'Staff Engineer'];
const REQUIREMENTS = [
    'Docker and Terraform', 'Strong SQL; no Java needed', '', 'Kotlin, Python 3 or Go. Not C++.',
    'Experience with machine learning, PyTorch and AWS', 'Backend development in Python and PostgreSQL',
    'Nice to have: Kubernetes, Helm. Without Docker experience is fine', null,
    'Réactivité, TypeScript et Node.js', 'c++/c#, f#, node.js, vue.js',
];
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

const quote = (s) => (s === null ? 'NULL' : `'${s.replaceAll("'", "''")}'`);

describe('job_skills: the skills kept on write', () => {
    let a, c, dbUrl, user, tokens, dir;
    const pick = rng(20261202);
    const one = (list) => list[pick(list.length)];
    const jobs = [];
    const raw = new Set(); // jobs whose text raw SQL wrote last (no row expected)
    let made = 0;
    const sql = (s) => sqlRows(dbUrl, ENGINE === 'sqlite' ? `PRAGMA foreign_keys = ON; ${s}` : s);

    const jobBody = () => {
        made++;
        return {
            company: one(COMPANIES), title: `${one(TITLES)} team ${word(made)}`, location: 'Berlin, Germany',
            remote_option: 'hybrid', tech_stack: one(STACKS), requirements: one(REQUIREMENTS),
            salary_min: 50000, salary_max: 70000, currency: 'EUR',
        };
    };

    before(async () => {
        a = await startServer();
        dbUrl = a.dbUrl;
        c = await startServer({ dbUrl, env: { COPILOT_SCORE_CACHE: '0' } });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-skills-'));
        user = await registerUser(a);
        tokens = new Map([[a, user.token], [c, await login(c, user.username, PASSWORD)]]);
        expectStatus(await a.api('PATCH', '/users/me', {
            token: user.token,
            body: { skills: ['python', 'Postgres', 'Docker', 'Go', 'Kafka'], preferred_locations: ['Berlin'], experience_level: 'senior' },
        }), 200);
        for (let i = 0; i < 12; i++)
            jobs.push(expectStatus(await a.api('POST', '/jobs', { token: user.token, body: jobBody() }), 201).id);
    });
    after(async () => {
        await Promise.all([a, c].map((srv) => srv?.stop()));
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    /* One random write; the import and raw SQL among them. */
    const write = async () => {
        const api = (method, p, body) => a.api(method, p, { token: user.token, body });
        const job = jobs.length ? one(jobs) : null;
        const kind = job ? pick(9) : 0;
        switch (kind) {
        case 0:
            jobs.push(expectStatus(await api('POST', '/jobs', jobBody()), 201).id);
            break;
        case 1:
            expectStatus(await api('PUT', `/jobs/${job}`, jobBody()), 200);
            raw.delete(job);
            break;
        case 2:
            expectStatus(await api('PATCH', `/jobs/${job}`, { requirements: one(REQUIREMENTS) }), 200);
            raw.delete(job);
            break;
        case 3:
            expectStatus(await api('PATCH', `/jobs/${job}`, { title: `${one(TITLES)} patched ${word(++made)}` }), 200);
            raw.delete(job);
            break;
        case 4: // no text written: the row stays
            expectStatus(await api('PATCH', `/jobs/${job}`, { status: one(['interested', 'not_applied']), notes: `n${made}` }), 200);
            break;
        case 5:
            expectStatus(await api('DELETE', `/jobs/${job}`), 204);
            jobs.splice(jobs.indexOf(job), 1);
            raw.delete(job);
            break;
        case 6: { // raw SQL writes the text: the trigger deletes the row
            const col = pick(2) ? 'requirements' : 'title';
            const value = col === 'title' ? `${one(TITLES)} raw ${word(++made)}` : one(REQUIREMENTS);
            sql(`UPDATE jobs SET ${col} = ${quote(value)} WHERE id = ${job}`);
            raw.add(job);
            break;
        }
        case 7: { // raw SQL inserts a job: no row
            const [[id]] = sql(`INSERT INTO jobs (user_id, company, title, requirements, tech_stack, status)
                VALUES (${user.user.id}, 'Raw Co', ${quote(`${one(TITLES)} raw ${word(++made)}`)},
                ${quote(one(REQUIREMENTS))}, '["Python"]', 'not_applied') RETURNING id`);
            jobs.push(Number(id));
            raw.add(Number(id));
            break;
        }
        default: { // the import, a few rows in one batch
            const rows = [];
            for (let i = 0; i < 1 + pick(5); i++) rows.push(jobBody());
            const file = path.join(dir, `import-${made}.json`);
            fs.writeFileSync(file, JSON.stringify(rows));
            const report = JSON.parse(a.cli(['import', 'jobs', file, '--user', String(user.user.id)]));
            assert.equal(report.created, rows.length);
            const ids = sql(`SELECT id FROM jobs WHERE user_id = ${user.user.id} ORDER BY id DESC LIMIT ${rows.length}`);
            jobs.push(...ids.map(([id]) => Number(id)));
        }
        }
        return kind;
    };

    const kept = () => sql('SELECT job_id, version, asked, in_title FROM job_skills ORDER BY job_id');
    /* The rows a new server's start finds from every job's text (the table emptied first); the
     * table is left complete. */
    const recount = async () => {
        sql('DELETE FROM job_skills; DELETE FROM job_skills_state');
        const d = await startServer({ dbUrl });
        await d.stop();
        return kept();
    };

    /* The bodies of every route on srv. */
    const bodies = async (srv) => {
        const out = [];
        for (const route of ROUTES)
            out.push(expectStatus(await srv.api('GET', route, { token: tokens.get(srv) }), 200));
        return out;
    };
    /* The bodies of A (cached), C (not cached) with the rows, and of C with none (the table
     * emptied, then put back); asked again (three times at most) while they differ: a young
     * job's score can move between two requests a second apart. */
    const answers = async () => {
        let got;
        for (let attempt = 0; attempt < 3; attempt++) {
            const withRows = [await bodies(a), await bodies(c)];
            sql('CREATE TABLE job_skills_saved AS SELECT * FROM job_skills; DELETE FROM job_skills');
            try {
                got = [...withRows, await bodies(c)];
            } finally {
                sql('INSERT INTO job_skills SELECT * FROM job_skills_saved; DROP TABLE job_skills_saved');
            }
            const last = JSON.stringify(got[2]);
            if (got.every((x) => JSON.stringify(x) === last)) break;
        }
        return got;
    };
    const assertSameAnswers = async (what) => {
        const [cached, fresh, text] = await answers();
        for (const [i, route] of ROUTES.entries()) {
            assert.deepEqual(fresh[i], text[i], `${what}: ${route} with the kept skills against the text's`);
            assert.deepEqual(cached[i], text[i], `${what}: ${route} cached against the text's`);
        }
    };

    test('a row per job written through the API or the import, none stale, equal to a recount', async () => {
        const kinds = new Set();
        for (let round = 0; round < 6; round++) {
            for (let i = 0; i < 8; i++) kinds.add(await write());
            const rows = kept();
            const byJob = new Map(rows.map((r) => [Number(r[0]), r]));
            for (const id of jobs)
                if (!raw.has(id)) assert.ok(byJob.has(id), `round ${round}: job ${id} has a row`);
            for (const id of raw) assert.ok(!byJob.has(id), `round ${round}: job ${id}, written by raw SQL, has none`);
            assert.equal(rows.length, jobs.length - raw.size, `round ${round}: no row of a deleted job`);
            await assertSameAnswers(`round ${round}`);
            const again = await recount();
            assert.equal(again.length, jobs.length, `round ${round}: the recount has every job`);
            const recounted = new Map(again.map((r) => [Number(r[0]), r]));
            for (const r of rows) assert.deepEqual(r, recounted.get(Number(r[0])), `round ${round}: job ${r[0]}'s row`);
            raw.clear(); // the recount wrote every job's row
            await assertSameAnswers(`round ${round}, after the recount`);
        }
        assert.equal(kinds.size, 9, 'every kind of write was drawn');
    });

    test('rows of another skills version are not read; a start with another version finds them again', async () => {
        const [[version]] = sql('SELECT version FROM job_skills_state');
        const first = kept();
        assert.ok(first.length > 0);
        assert.ok(first.every((r) => r[1] === version));
        // stale rows that claim other skills: never read while their version is not the server's
        sql(`UPDATE job_skills SET version = 1, asked = '["cobol"]', in_title = '["cobol"]'`);
        await assertSameAnswers('rows of another version');
        // a start whose recorded version differs finds every job again
        sql('UPDATE job_skills_state SET version = 1');
        const d = await startServer({ dbUrl });
        await d.stop();
        assert.deepEqual(kept(), first);
        assert.deepEqual(sql('SELECT version FROM job_skills_state'), [[version]]);
        await assertSameAnswers('after the refresh');
    });
});
