// The caller's own account: GET/PATCH/DELETE /users/me, password change, export and job
// preferences (SPEC part B "Auth and account", part A "users" and "user_job_preferences").

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    PASSWORD, assertTimestamp, createApplication, createJob, expectError, expectStatus, login,
    registerUser, startServer, uniqueName,
} from './helpers.mjs';

describe('users', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const me = (who) => srv.api('GET', '/users/me', { token: who.token });
    const patchMe = (who, body) => srv.api('PATCH', '/users/me', { token: who.token, body });

    describe('GET /users/me', () => {
        test('returns every column but hashed_password, with defaults', async () => {
            const user = expectStatus(await me(alice), 200);
            assert.equal(user.id, alice.user.id);
            assert.equal(user.username, alice.username);
            assert.equal(user.email, alice.email);
            const defaults = {
                has_password: true,
                skills: [],
                preferred_locations: [],
                experience_level: null,
                daily_application_goal: 10,
                is_admin: false,
                prefer_remote_jobs: false,
                oauth_provider: null,
                profile_picture_url: null,
            };
            for (const [key, value] of Object.entries(defaults))
                assert.deepEqual(user[key], value, `${key} default`);
            assertTimestamp(user.created_at, 'created_at');
            assertTimestamp(user.updated_at, 'updated_at');
            assert.equal('hashed_password' in user, false);
            assert.equal('password' in user, false);
        });

        test('each token sees its own user', async () => {
            assert.equal(expectStatus(await me(bob), 200).id, bob.user.id);
            assert.equal(expectStatus(await me(alice), 200).id, alice.user.id);
        });
    });

    describe('PATCH /users/me', () => {
        const valid = [
            ['skills', ['C', 'SQL', 'PostgreSQL']],
            ['skills', []],
            ['preferred_locations', ['Berlin', 'Remote']],
            ['experience_level', 'entry'],
            ['experience_level', 'junior'],
            ['experience_level', 'mid'],
            ['experience_level', 'senior'],
            ['experience_level', 'lead'],
            ['experience_level', 'executive'],
            ['experience_level', null],
            ['daily_application_goal', 0],
            ['daily_application_goal', 100],
            ['daily_application_goal', 7],
            ['prefer_remote_jobs', true],
            ['prefer_remote_jobs', false],
            ['profile_picture_url', 'https://example.com/me.png'],
        ];
        for (const [field, value] of valid) {
            test(`${field} = ${JSON.stringify(value)} is saved`, async () => {
                const body = expectStatus(await patchMe(alice, { [field]: value }), 200);
                assert.deepEqual(body[field], value);
                assert.equal(body.id, alice.user.id);
                const again = expectStatus(await me(alice), 200);
                assert.deepEqual(again[field], value, 'GET shows the saved value');
            });
        }

        test('several fields at once; the others stay as they were', async () => {
            expectStatus(await patchMe(alice, { skills: ['Go'], daily_application_goal: 5 }), 200);
            const body = expectStatus(await patchMe(alice, { prefer_remote_jobs: true, preferred_locations: ['Lisbon'] }), 200);
            assert.deepEqual(body.skills, ['Go']);
            assert.equal(body.daily_application_goal, 5);
            assert.equal(body.prefer_remote_jobs, true);
            assert.deepEqual(body.preferred_locations, ['Lisbon']);
            assertTimestamp(body.updated_at, 'updated_at');
            assert.ok(Date.parse(body.updated_at) >= Date.parse(body.created_at));
        });

        test('email change is lower-cased', async () => {
            const name = uniqueName('new');
            const body = expectStatus(await patchMe(alice, { email: `${name}@EXAMPLE.org` }), 200);
            assert.equal(body.email, `${name}@example.org`);
            alice.email = body.email;
            const again = await srv.api('POST', '/auth/login', { body: { email: alice.email, password: PASSWORD } });
            expectStatus(again, 200);
        });

        test('another user\'s email → 409 naming email', async () => {
            expectError(await patchMe(alice, { email: bob.email }), 409, 'conflict', 'email');
        });

        const invalid = [
            ['experience_level', 'guru'],
            ['experience_level', 'Senior'],
            ['experience_level', 3],
            ['daily_application_goal', -1],
            ['daily_application_goal', 101],
            ['daily_application_goal', 'ten'],
            ['daily_application_goal', 1.5],
            ['daily_application_goal', null],
            ['skills', 'C'],
            ['skills', [1, 2]],
            ['skills', [null]],
            ['skills', { c: true }],
            ['preferred_locations', 'Berlin'],
            ['preferred_locations', [42]],
            ['prefer_remote_jobs', 'yes'],
            ['prefer_remote_jobs', null],
            ['email', 'not-an-email'],
            ['email', null],
            ['profile_picture_url', 42],
        ];
        for (const [field, value] of invalid) {
            test(`${field} = ${JSON.stringify(value)} → 422 naming ${field}`, async () => {
                const before = expectStatus(await me(alice), 200);
                expectError(await patchMe(alice, { [field]: value }), 422, 'validation_failed', field);
                const afterwards = expectStatus(await me(alice), 200);
                assert.deepEqual(afterwards[field], before[field], 'a refused change leaves the value alone');
            });
        }

        const notAccepted = [
            ['unknown field', 'favourite_colour', 'teal'],
            ['id', 'id', 999],
            ['user_id', 'user_id', 999],
            ['created_at', 'created_at', '2020-01-01T00:00:00Z'],
            ['updated_at', 'updated_at', '2020-01-01T00:00:00Z'],
            ['is_admin (no self-promotion)', 'is_admin', true],
            ['hashed_password', 'hashed_password', 'x'],
            ['password (use the password route)', 'password', 'new-password-1'],
            ['has_password', 'has_password', false],
        ];
        for (const [why, field, value] of notAccepted) {
            test(`${why} → 422 naming ${field}`, async () => {
                expectError(await patchMe(alice, { [field]: value }), 422, 'validation_failed', field);
                const user = expectStatus(await me(alice), 200);
                assert.equal(user.id, alice.user.id);
                assert.equal(user.is_admin, false);
            });
        }

        test('malformed JSON → 400, non-JSON → 415, no token → 401', async () => {
            expectError(await srv.api('PATCH', '/users/me', { token: alice.token, raw: '{"skills": [' }), 400, 'bad_request');
            expectError(await srv.api('PATCH', '/users/me', { token: alice.token, raw: 'skills=C', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
            expectError(await srv.api('PATCH', '/users/me', { body: { skills: [] } }), 401, 'unauthorized');
        });

        test('bob is untouched by alice\'s changes', async () => {
            const user = expectStatus(await me(bob), 200);
            assert.deepEqual(user.skills, []);
            assert.equal(user.daily_application_goal, 10);
            assert.equal(user.experience_level, null);
        });
    });

    describe('POST /users/me/password', () => {
        test('wrong current password is refused', async () => {
            const res = await srv.api('POST', '/users/me/password', {
                token: bob.token, body: { current_password: 'not-my-password', new_password: 'brand-new-password' },
            });
            assert.ok(res.status >= 400 && res.status < 500, `expected 4xx, got ${res.status}`);
            assert.equal(typeof res.body?.error?.code, 'string');
            await login(srv, bob.username, PASSWORD); // unchanged
        });

        test('new password shorter than 8 → 422 naming new_password', async () => {
            const res = await srv.api('POST', '/users/me/password', {
                token: bob.token, body: { current_password: PASSWORD, new_password: 'short' },
            });
            expectError(res, 422, 'validation_failed', 'new_password');
        });

        test('success revokes the other sessions but keeps the current one', async () => {
            const carol = await registerUser(srv);
            const other = await login(srv, carol.username);
            const res = await srv.api('POST', '/users/me/password', {
                token: carol.token, body: { current_password: PASSWORD, new_password: 'a-much-better-password' },
            });
            expectStatus(res, [200, 204]);
            expectStatus(await me(carol), 200);
            expectError(await srv.api('GET', '/users/me', { token: other }), 401, 'unauthorized');
            const old = await srv.api('POST', '/auth/login', { body: { username: carol.username, password: PASSWORD } });
            expectError(old, 401, 'unauthorized');
            await login(srv, carol.username, 'a-much-better-password');
        });
    });

    describe('GET /users/me/export', () => {
        test('holds the user, own jobs and own applications only', async () => {
            const job = await createJob(srv, alice.token, { company: 'Export Co', title: 'Exporter' });
            const app = await createApplication(srv, alice.token, { notes: 'exported note' });
            const bobJob = await createJob(srv, bob.token, { company: 'Bob Only', title: 'Secret' });
            const res = await srv.api('GET', '/users/me/export', { token: alice.token });
            const body = expectStatus(res, 200);
            assert.equal(body.user.id, alice.user.id);
            assert.ok(Array.isArray(body.jobs), 'jobs array');
            assert.ok(Array.isArray(body.applications), 'applications array');
            assert.ok(body.jobs.some((j) => j.id === job.id));
            assert.ok(body.applications.some((a) => a.id === app.id && a.notes === 'exported note'));
            assert.ok(!body.jobs.some((j) => j.id === bobJob.id), 'bob\'s job must not leak');
            assert.ok(!res.text.includes('Bob Only'));
            assert.ok(!res.text.includes('hashed_password'));
            assert.ok(!res.text.includes('token_hash'));
        });
    });

    // Issue 8 item 5: the export shows the owner what the API shows the owner, nothing more.
    describe('the export leaks nothing the routes hide', () => {
        let admin;
        let dave;
        let feedback;
        let resume;
        before(async () => {
            dave = await registerUser(srv);
            const name = uniqueName('admin');
            srv.cli(['user', 'create', name, `${name}@example.com`, PASSWORD, '--admin']);
            admin = { token: await login(srv, name) };
            feedback = expectStatus(await srv.api('POST', '/feedback', { token: dave.token, body: { type: 'bug_report', title: 'Export leak', description: 'see notes' } }), 201);
            const patched = await srv.api('PATCH', `/feedback/${feedback.id}`, { token: admin.token, body: { admin_notes: 'INTERNAL-NOTE-do-not-show', admin_response: 'Thanks, fixed' } });
            assert.equal(expectStatus(patched, 200).admin_notes, 'INTERNAL-NOTE-do-not-show', 'the admin sees the note');
            const form = new FormData();
            form.append('file', new Blob([Buffer.from('Dave Example\nSkills: C, SQL\n')]), 'dave.txt');
            resume = expectStatus(await srv.api('POST', '/resumes', { token: dave.token, raw: form }), 201);
        });

        /* The keys the routes show the owner for each row, against the export's. */
        function sameKeys(exported, shown, what) {
            assert.ok(exported, `${what} is in the export`);
            assert.deepEqual(Object.keys(exported).sort(), Object.keys(shown).filter((k) => !['vote_score', 'my_vote'].includes(k)).sort(), what);
        }

        test('GET /users/me/export: no admin_notes, no file_path, the fields the routes show', async () => {
            const res = await srv.api('GET', '/users/me/export', { token: dave.token });
            const body = expectStatus(res, 200);
            assert.ok(!res.text.includes('INTERNAL-NOTE-do-not-show'), 'admin_notes leaked');
            assert.ok(!res.text.includes('admin_notes'));
            assert.ok(!res.text.includes('file_path'));
            assert.ok(!res.text.includes(srv.dataDir), 'a server path leaked');
            const item = body.feedback.find((f) => f.id === feedback.id);
            assert.equal(item.admin_response, 'Thanks, fixed', 'what the owner may see is there');
            sameKeys(item, expectStatus(await srv.api('GET', `/feedback/${feedback.id}`, { token: dave.token }), 200), 'feedback');
            const upload = body.resume_uploads.find((r) => r.id === resume.id);
            sameKeys(upload, expectStatus(await srv.api('GET', `/resumes/${resume.id}`, { token: dave.token }), 200), 'resume_uploads');
        });

        test('copilot export USER_ID: the same', async () => {
            const text = srv.cli(['export', String(dave.user.id)]);
            const body = JSON.parse(text);
            assert.ok(body.feedback.some((f) => f.id === feedback.id));
            assert.ok(body.resume_uploads.some((r) => r.id === resume.id));
            assert.ok(!text.includes('INTERNAL-NOTE-do-not-show'), 'admin_notes leaked');
            assert.ok(!text.includes('file_path'));
        });
    });

    describe('preferences', () => {
        const full = {
            preferred_sources: ['linkedin', 'indeed'],
            disabled_sources: ['rss'],
            preferred_job_types: ['full-time', 'contract'],
            preferred_companies: ['Acme'],
            excluded_companies: ['Evil Corp'],
            min_salary: 60000,
            keywords: ['c', 'postgres'],
            excluded_keywords: ['php'],
            notify_new_matches: false,
        };

        test('GET before any PUT answers the defaults', async () => {
            const body = expectStatus(await srv.api('GET', '/users/me/preferences', { token: bob.token }), 200);
            assert.equal(body.notify_new_matches, true);
            assert.equal(body.min_salary ?? null, null);
            for (const key of ['preferred_sources', 'disabled_sources', 'preferred_job_types',
                'preferred_companies', 'excluded_companies', 'keywords', 'excluded_keywords']) {
                const v = body[key] ?? null;
                assert.ok(v === null || (Array.isArray(v) && v.length === 0), `${key} default: ${JSON.stringify(v)}`);
            }
        });

        test('PUT then GET round-trips every field', async () => {
            const put = expectStatus(await srv.api('PUT', '/users/me/preferences', { token: alice.token, body: full }), 200);
            for (const [key, value] of Object.entries(full)) assert.deepEqual(put[key], value, key);
            const got = expectStatus(await srv.api('GET', '/users/me/preferences', { token: alice.token }), 200);
            for (const [key, value] of Object.entries(full)) assert.deepEqual(got[key], value, key);
        });

        test('a second PUT replaces the first', async () => {
            const next = { ...full, min_salary: 70000, keywords: ['rust'], notify_new_matches: true };
            expectStatus(await srv.api('PUT', '/users/me/preferences', { token: alice.token, body: next }), 200);
            const got = expectStatus(await srv.api('GET', '/users/me/preferences', { token: alice.token }), 200);
            assert.equal(got.min_salary, 70000);
            assert.deepEqual(got.keywords, ['rust']);
            assert.equal(got.notify_new_matches, true);
        });

        test('another user\'s preferences are not affected', async () => {
            const body = expectStatus(await srv.api('GET', '/users/me/preferences', { token: bob.token }), 200);
            assert.equal(body.notify_new_matches, true);
            assert.equal(body.min_salary ?? null, null);
        });

        const invalid = [
            ['min_salary', 'lots'],
            ['min_salary', 1.5],
            ['keywords', 'c'],
            ['keywords', [1]],
            ['excluded_companies', 'Evil'],
            ['notify_new_matches', 'yes'],
            ['colour', 'teal'],
            ['user_id', 1],
            ['id', 1],
        ];
        for (const [field, value] of invalid) {
            test(`PUT with ${field} = ${JSON.stringify(value)} → 422 naming ${field}`, async () => {
                const res = await srv.api('PUT', '/users/me/preferences', { token: alice.token, body: { ...full, [field]: value } });
                expectError(res, 422, 'validation_failed', field);
            });
        }
    });

    describe('DELETE /users/me', () => {
        test('204, then the token and the password stop working, and the name is free again', async () => {
            const dave = await registerUser(srv);
            const otherSession = await login(srv, dave.username);
            await createApplication(srv, dave.token, { notes: 'gone soon' });
            const res = await srv.api('DELETE', '/users/me', { token: dave.token });
            expectStatus(res, 204);
            expectError(await me(dave), 401, 'unauthorized');
            expectError(await srv.api('GET', '/users/me', { token: otherSession }), 401, 'unauthorized');
            const again = await srv.api('POST', '/auth/login', { body: { username: dave.username, password: PASSWORD } });
            expectError(again, 401, 'unauthorized');
            const reuse = await srv.api('POST', '/auth/register', { body: { username: dave.username, email: dave.email, password: PASSWORD } });
            const body = expectStatus(reuse, 201);
            const jobs = expectStatus(await srv.api('GET', '/jobs', { token: body.access_token }), 200);
            assert.equal(jobs.total, 0, 'a new account with the old name inherits nothing');
        });

        test('other users are unaffected', async () => {
            expectStatus(await me(alice), 200);
            expectStatus(await me(bob), 200);
        });
    });
});
