// Optimistic concurrency (SPEC part E): every GET of one object answers an ETag that changes on
// every write; PATCH, PUT and DELETE honour If-Match (412 precondition_failed when it no longer
// matches, the object untouched); of two writers racing with the same If-Match exactly one wins;
// without If-Match the last write wins. Run over every route group that has single objects.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    ROOT, createAdmin, createApplication, createJob, expectError, expectStatus, registerUser,
    startServer, uniqueName,
} from './helpers.mjs';

const ETAG = /^"[1-9][0-9]*"$/;

describe('ETag and If-Match', () => {
    let srv;
    let admin;
    let alice;

    before(async () => {
        srv = await startServer();
        admin = await createAdmin(srv);
        alice = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const call = (who, method, p, opts = {}) => srv.api(method, p, { token: who.token, ...opts });

    /*
     * Every route group with single objects: how to make one (returns its path), a PATCH (or PUT)
     * body that changes it, and who may write it. Each make() gives a fresh object.
     */
    const groups = [
        {
            name: 'jobs', who: () => alice,
            make: async () => `/jobs/${(await createJob(srv, alice.token)).id}`,
            change: (i) => ({ notes: `note ${i}` }),
        },
        {
            name: 'applications', who: () => alice,
            make: async () => `/applications/${(await createApplication(srv, alice.token)).id}`,
            change: (i) => ({ notes: `note ${i}` }),
        },
        {
            name: 'users/me', who: () => alice, keep: true,
            make: async () => '/users/me',
            change: (i) => ({ daily_application_goal: 10 + (i % 50) }),
        },
        {
            name: 'preferences', who: () => alice, keep: true, method: 'PUT', get: '/users/me/preferences',
            make: async () => {
                expectStatus(await call(alice, 'PUT', '/users/me/preferences', { body: { min_salary: 1 } }), 200);
                return '/users/me/preferences';
            },
            change: (i) => ({ min_salary: 1000 + i }),
        },
        {
            name: 'feedback', who: () => alice,
            make: async () => `/feedback/${expectStatus(await call(alice, 'POST', '/feedback', { body: { type: 'general', title: 'A title', description: 'Words.' } }), 201).id}`,
            change: (i) => ({ description: `Words ${i}.` }),
        },
        {
            name: 'content', who: () => alice,
            make: async () => `/content/${expectStatus(await call(alice, 'POST', '/content', { body: { content_type: 'cover_letter' } }), 201).id}`,
            change: (i) => ({ content: `Dear team, ${i}` }),
        },
        {
            name: 'interviews', who: () => alice, deleteOnly: true,
            make: async () => `/interviews/${expectStatus(await call(alice, 'POST', '/interviews', { body: { interview_type: 'behavioral', total_questions: 1 } }), 201).id}`,
        },
        {
            name: 'résumés', who: () => alice,
            make: async () => {
                const form = new FormData();
                form.append('file', new Blob([fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'resume.txt'))]), 'cv.txt');
                return `/resumes/${expectStatus(await call(alice, 'POST', '/resumes', { raw: form }), 201).id}`;
            },
            change: (i) => ({ label: uniqueName(`v${i}`) }),
        },
        {
            name: 'contacts', who: () => alice,
            make: async () => `/contacts/${expectStatus(await call(alice, 'POST', '/contacts', { body: { name: 'Sam Recruiter' } }), 201).id}`,
            change: (i) => ({ notes: `met ${i}` }),
        },
        {
            name: 'contacts (PUT)', who: () => alice, method: 'PUT',
            make: async () => `/contacts/${expectStatus(await call(alice, 'POST', '/contacts', { body: { name: 'Sam Recruiter' } }), 201).id}`,
            change: (i) => ({ name: `Sam ${i}` }),
        },
        {
            name: 'tasks', who: () => alice,
            make: async () => `/tasks/${expectStatus(await call(alice, 'POST', '/tasks', { body: { title: 'Send the portfolio' } }), 201).id}`,
            change: (i) => ({ notes: `step ${i}`, done: i % 2 === 0 }),
        },
        {
            name: 'tasks (PUT)', who: () => alice, method: 'PUT',
            make: async () => `/tasks/${expectStatus(await call(alice, 'POST', '/tasks', { body: { title: 'Send the portfolio' } }), 201).id}`,
            change: (i) => ({ title: `Send the portfolio, take ${i}` }),
        },
        {
            name: 'snapshots', who: () => alice, deleteOnly: true,
            make: async () => `/analytics/snapshots/${expectStatus(await call(alice, 'POST', '/analytics/snapshots'), 201).id}`,
        },
        {
            name: 'resources', who: () => admin,
            make: async () => `/resources/${expectStatus(await call(admin, 'POST', '/resources', { body: {
                slug: uniqueName('etag').replace(/_/g, '-'), title: 'ETag resource', description: 'For a test.',
                type: 'article', provider: 'Tests', url: 'https://example.com/r', difficulty: 'beginner' } }), 201).id}`,
            change: (i) => ({ title: `ETag resource ${i}` }),
        },
        {
            name: 'learning paths', who: () => admin,
            make: async () => `/learning-paths/${expectStatus(await call(admin, 'POST', '/learning-paths', { body: {
                name: uniqueName('path'), description: 'For a test.', difficulty: 'beginner' } }), 201).id}`,
            change: (i) => ({ description: `For a test, ${i}.` }),
        },
        {
            name: 'job sources', who: () => alice,
            make: async () => `/job-sources/${expectStatus(await call(alice, 'POST', '/job-sources', { body: {
                url: `https://jobs.lever.co/${uniqueName('src')}` } }), 201).id}`,
            change: (i) => ({ name: `Source ${i}` }),
        },
        {
            name: 'admin users', who: () => admin,
            make: async () => `/admin/users/${(await registerUser(srv)).user.id}`,
            get: null, // read through /admin/users; the object is the user
            change: (i) => ({ is_admin: i % 2 === 1 }),
        },
    ];

    /* The ETag of the object at p, read with GET (or from the write's answer for admin users). */
    async function etagOf(g, p) {
        const getPath = g.get === null ? null : (g.get || p);
        if (getPath === null) return null;
        const res = await call(g.who(), 'GET', getPath);
        expectStatus(res, 200);
        const etag = res.headers.get('etag');
        assert.match(etag || '', ETAG, `${g.name}: GET ${getPath} answers an ETag`);
        assert.equal(etag, `"${res.body.row_version}"`, `${g.name}: the ETag is the object's row_version`);
        return etag;
    }

    for (const g of groups) {
        describe(g.name, () => {
            const method = g.method || 'PATCH';

            if (!g.deleteOnly) {
                test(`${method} with a stale If-Match → 412, unchanged; with the current one → 200 and a new ETag`, async () => {
                    const p = await g.make();
                    const first = await etagOf(g, p);
                    const changed = await call(g.who(), method, p, { body: g.change(1) });
                    const second = expectStatus(changed, 200) && changed.headers.get('etag');
                    assert.match(second || '', ETAG, 'the write answers the new ETag');
                    if (first) assert.notEqual(second, first, 'every write changes the ETag');
                    const stale = await call(g.who(), method, p, { body: g.change(2), headers: { 'If-Match': first || '"999999"' } });
                    const error = expectError(stale, 412, 'precondition_failed');
                    assert.match(error.message, /changed/);
                    if (first) assert.equal(await etagOf(g, p), second, 'a refused write changes nothing');
                    const ok = await call(g.who(), method, p, { body: g.change(3), headers: { 'If-Match': second } });
                    expectStatus(ok, 200);
                    assert.notEqual(ok.headers.get('etag'), second);
                    // a list of tags matches when one does; * matches any version
                    expectStatus(await call(g.who(), method, p, { body: g.change(4), headers: { 'If-Match': `"999998", ${ok.headers.get('etag')}` } }), 200);
                    expectStatus(await call(g.who(), method, p, { body: g.change(5), headers: { 'If-Match': '*' } }), 200);
                    // weak tags never match If-Match (RFC 9110 13.1.1), nor does garbage
                    const now = (await call(g.who(), method, p, { body: g.change(6) })).headers.get('etag');
                    expectError(await call(g.who(), method, p, { body: g.change(7), headers: { 'If-Match': `W/${now}` } }), 412, 'precondition_failed');
                    expectError(await call(g.who(), method, p, { body: g.change(7), headers: { 'If-Match': 'nonsense' } }), 412, 'precondition_failed');
                });

                test('two writers racing with the same If-Match: exactly one wins', async () => {
                    const p = await g.make();
                    const current = (await call(g.who(), method, p, { body: g.change(10) })).headers.get('etag');
                    const results = await Promise.all([11, 12, 13, 14].map((i) =>
                        call(g.who(), method, p, { body: g.change(i), headers: { 'If-Match': current } })));
                    const statuses = results.map((r) => r.status).sort();
                    assert.deepEqual(statuses, [200, 412, 412, 412], `${g.name}: ${statuses}`);
                });

                test('without If-Match the last write wins', async () => {
                    const p = await g.make();
                    await call(g.who(), method, p, { body: g.change(20) });
                    expectStatus(await call(g.who(), method, p, { body: g.change(21) }), 200);
                });
            }

            if (!g.keep) {
                test('DELETE with a stale If-Match → 412 and it survives; with the current one → 204', async () => {
                    const p = await g.make();
                    let current = await etagOf(g, p);
                    if (!g.deleteOnly) {
                        const before = current || (await call(g.who(), method, p, { body: g.change(30) })).headers.get('etag');
                        current = (await call(g.who(), method, p, { body: g.change(31) })).headers.get('etag');
                        expectError(await call(g.who(), 'DELETE', p, { headers: { 'If-Match': before } }), 412, 'precondition_failed');
                    } else {
                        expectError(await call(g.who(), 'DELETE', p, { headers: { 'If-Match': '"999999"' } }), 412, 'precondition_failed');
                    }
                    if (g.get !== null) expectStatus(await call(g.who(), 'GET', g.get || p), 200);
                    expectStatus(await call(g.who(), 'DELETE', p, { headers: { 'If-Match': current } }), 204);
                    // gone: 404, not 412
                    expectError(await call(g.who(), 'DELETE', p, { headers: { 'If-Match': current } }), 404, 'not_found');
                });
            }
        });
    }

    test('preferences never saved: their ETag "0" is what the first PUT with If-Match expects', async () => {
        const bob = await registerUser(srv);
        const res = await call(bob, 'GET', '/users/me/preferences');
        expectStatus(res, 200);
        assert.equal(res.headers.get('etag'), '"0"');
        const saved = await call(bob, 'PUT', '/users/me/preferences', {
            body: { excluded_companies: ['Gamma Cloud'] }, headers: { 'If-Match': '"0"' },
        });
        assert.deepEqual(expectStatus(saved, 200).excluded_companies, ['Gamma Cloud']);
        // once saved, "0" is stale
        expectError(await call(bob, 'PUT', '/users/me/preferences', {
            body: { min_salary: 5 }, headers: { 'If-Match': '"0"' },
        }), 412, 'precondition_failed');
    });

    test('a missing object with If-Match → 404, never 412', async () => {
        expectError(await call(alice, 'PATCH', '/jobs/999999999', { body: { notes: 'x' }, headers: { 'If-Match': '"1"' } }), 404, 'not_found');
        expectError(await call(alice, 'DELETE', '/applications/999999999', { headers: { 'If-Match': '"1"' } }), 404, 'not_found');
    });

    test("another user's object with If-Match → 404 (never revealed)", async () => {
        const bob = await registerUser(srv);
        const job = await createJob(srv, bob.token);
        expectError(await call(alice, 'PATCH', `/jobs/${job.id}`, { body: { notes: 'x' }, headers: { 'If-Match': `"${job.row_version}"` } }), 404, 'not_found');
        expectError(await call(alice, 'PATCH', `/jobs/${job.id}`, { body: { notes: 'x' }, headers: { 'If-Match': '"77"' } }), 404, 'not_found');
    });

    test('a move with a stale If-Match is refused before the pipeline looks at it', async () => {
        const app = await createApplication(srv, alice.token, { status: 'applied' });
        const res = await call(alice, 'PATCH', `/applications/${app.id}`, { body: { status: 'interview' } });
        const stale = `"${app.row_version}"`;
        // interview → applied would be a 422; the stale tag wins
        expectError(await call(alice, 'PATCH', `/applications/${app.id}`, { body: { status: 'applied' }, headers: { 'If-Match': stale } }), 412, 'precondition_failed');
        expectStatus(await call(alice, 'PATCH', `/applications/${app.id}`, { body: { status: 'offer' }, headers: { 'If-Match': res.headers.get('etag') } }), 200);
    });

    test('writes the job receives from its applications change its ETag too', async () => {
        const app = await createApplication(srv, alice.token);
        const jobPath = `/jobs/${app.job_id}`;
        const before = (await call(alice, 'GET', jobPath)).headers.get('etag');
        expectStatus(await call(alice, 'PATCH', `/applications/${app.id}`, { body: { status: 'applied' } }), 200);
        const after = (await call(alice, 'GET', jobPath)).headers.get('etag');
        assert.notEqual(after, before);
        expectError(await call(alice, 'PATCH', jobPath, { body: { notes: 'x' }, headers: { 'If-Match': before } }), 412, 'precondition_failed');
    });

    test('lists carry row_version on every item, and no ETag of their own', async () => {
        const res = await call(alice, 'GET', '/jobs');
        expectStatus(res, 200);
        assert.equal(res.headers.get('etag'), null);
        for (const job of res.body.items) assert.ok(Number.isInteger(job.row_version) && job.row_version >= 1);
    });

    test('row_version is the server\'s: a body that sets it → 422', async () => {
        const job = await createJob(srv, alice.token);
        expectError(await call(alice, 'PATCH', `/jobs/${job.id}`, { body: { row_version: 9 } }), 422, 'validation_failed', 'row_version');
    });
});
