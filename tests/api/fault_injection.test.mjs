// Fault injection (STYLE.md habit 10; docs/decisions.md "Fault injection"): a server started with
// COPILOT_FAULT_INJECTION=1 makes the N-th fallible store call of a request fail when the request
// says X-Copilot-Fault: N, and answers X-Copilot-Fault-Fired: 1 when it did. A scenario of
// requests covering the main write and read paths is walked (tests/api/fault_walk.mjs): each
// request is sent with N = 1, 2, ... until one runs with no fault fired, and every faulted attempt
// must answer the error shape of 503 `internal` (an unexpected database failure:
// src/http/reply.c), leave the server alive and leave the user's data as it was before (a
// transaction rolled back, no partial rows, no half-updated counters); then the clean attempt
// must succeed and the scenario goes on. The routes this scenario leaves out are walked by
// tests/api/fault_injection_routes.test.mjs.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    PASSWORD, ROOT, expectError, expectStatus, jobBody, registerUser, startServer, today, uniqueName,
} from './helpers.mjs';
import { faultWalk } from './fault_walk.mjs';

describe('fault injection walks every cleanup path of the scenario', () => {
    let srv;
    let user; // { token, username, ... }
    const ids = {}; // what the scenario created: job, job2, app, contact, task, resume
    let call, walk, json, get, cost;

    before(async () => {
        srv = await startServer({ env: { COPILOT_FAULT_INJECTION: '1' } });
        ({ call, walk, json, get, cost } = faultWalk(srv, {
            who: () => user,
            // the job's feedback is 404 before any
            reads: () => [ids.job && `/jobs/${ids.job}/recommendation-feedback`,
                ids.resource && `/resources/${ids.resource}/feedback`].filter(Boolean),
        }));
    });
    after(async () => {
        await srv?.stop();
        if (cost) console.log(`fault injection: ${cost.steps} steps, ${cost.faulted} faulted attempts, ` +
            `${cost.requests} requests`);
    });

    test('the server warns at start-up that the fault point is on', () => {
        assert.match(srv.stderr(), /COPILOT_FAULT_INJECTION=1.*for tests only/);
    });

    test('the scenario, each request faulted at every call it makes', async () => {
        // register and log in: nothing of a user before, so the clean attempt must not conflict
        const name = uniqueName('fault');
        const registered = expectStatus(await walk('register', (headers) => srv.api('POST', '/auth/register', {
            body: { username: name, email: `${name}@example.com`, password: PASSWORD }, headers,
        })), 201);
        user = { token: registered.access_token, username: name };
        const logged = expectStatus(await walk('login', (headers) => srv.api('POST', '/auth/login', {
            body: { username: name, password: PASSWORD }, headers,
        }), { writes: false }), 200);
        user.token = logged.access_token;
        expectStatus(await walk('GET /users/me', get('/users/me'), { writes: false }), 200);
        expectStatus(await walk('PATCH /users/me', json('PATCH', '/users/me',
            { skills: ['go', 'postgresql', 'payments'] })), 200);

        // jobs: create, edit, replace, list with filters and search, delete
        ids.job = expectStatus(await walk('POST /jobs', json('POST', '/jobs',
            jobBody({ description: 'Payments platform in Go and PostgreSQL', salary_min: 60000, salary_max: 90000 }))), 201).id;
        ids.job2 = expectStatus(await walk('POST /jobs (second)', json('POST', '/jobs',
            jobBody({ title: 'Data engineer', remote_option: 'remote', tech_stack: ['python', 'sql'] }))), 201).id;
        const job = expectStatus(await walk('GET /jobs/{id}', get(`/jobs/${ids.job}`), { writes: false }), 200);
        expectStatus(await walk('PATCH /jobs/{id}', json('PATCH', `/jobs/${ids.job}`,
            { notes: 'asked a friend', salary_max: 95000 })), 200);
        expectStatus(await walk('PUT /jobs/{id}', json('PUT', `/jobs/${ids.job2}`,
            { company: 'Replaced Co', title: 'Staff data engineer', location: 'Lisbon' })), 200);
        for (const q of ['/jobs?limit=5', '/jobs?q=payments%20go', '/jobs?remote_option=remote&sort=-salary_max',
            `/jobs?company=${encodeURIComponent(job.company)}`])
            expectStatus(await walk(`GET ${q}`, get(q), { writes: false }), 200);
        let imports = 0;
        const imported = expectStatus(await walk('POST /jobs/import', (headers) => {
            const co = `Import ${++imports}`;
            return call('POST', '/jobs/import', {
                raw: Buffer.from(`company,title,location\r\n${co},Imported role,Turin\r\n${co},Second role,Oslo\r\n`),
                headers: { ...headers, 'Content-Type': 'text/csv' },
            });
        }, { recovers: true }), 200);
        assert.deepEqual([imported.created, imported.duplicates], [2, 0]);

        // an application through the pipeline, with a contact and a task
        ids.app = expectStatus(await walk('POST /applications', json('POST', '/applications',
            { job_id: ids.job, status: 'interested' })), 201).id;
        for (const status of ['applied', 'phone_screen', 'interview', 'offer'])
            expectStatus(await walk(`PATCH /applications/{id} -> ${status}`, json('PATCH', `/applications/${ids.app}`,
                { status })), 200);
        ids.contact = expectStatus(await walk('POST /contacts', json('POST', '/contacts',
            { name: 'Rita Recruiter', role: 'Recruiter' })), 201).id;
        expectStatus(await walk('PATCH /contacts/{id}', json('PATCH', `/contacts/${ids.contact}`,
            { notes: 'met at the fair' })), 200);
        expectStatus(await walk('POST /applications/{id}/contacts', json('POST',
            `/applications/${ids.app}/contacts`, { contact_id: ids.contact })), 201);
        ids.task = expectStatus(await walk('POST /tasks', json('POST', '/tasks',
            { title: 'Send the thank-you note', due_date: today(2), application_id: ids.app })), 201).id;
        expectStatus(await walk('PATCH /tasks/{id}', json('PATCH', `/tasks/${ids.task}`, { done: true })), 200);

        // a résumé (text: no PDF parser run)
        const upload = (headers) => {
            const form = new FormData();
            form.append('file', new Blob([fs.readFileSync(path.join(ROOT, 'tests/fixtures/resume.txt'))],
                { type: 'application/octet-stream' }), 'resume.txt');
            return call('POST', '/resumes', { raw: form, headers, timeout: 60000 });
        };
        ids.resume = expectStatus(await walk('POST /resumes', upload), 201).id;

        // the other groups' writes
        expectStatus(await walk('POST /resumes/{id}/primary', (headers) =>
            call('POST', `/resumes/${ids.resume}/primary`, { headers })), 200);
        expectStatus(await walk('POST /jobs/{id}/recommendation-feedback', json('POST',
            `/jobs/${ids.job}/recommendation-feedback`, { is_helpful: true, comment: 'good fit' })), [200, 201]);
        expectStatus(await walk('POST /analytics/snapshots', json('POST', '/analytics/snapshots', {})), 201);
        ids.interview = expectStatus(await walk('POST /interviews', json('POST', '/interviews',
            { interview_type: 'behavioral', job_id: ids.job })), 201).id;
        expectStatus(await walk('POST /interviews/{id}/start', (headers) =>
            call('POST', `/interviews/${ids.interview}/start`, { headers })), 200);
        expectStatus(await walk('POST /interviews/{id}/questions/1/answer', json('POST',
            `/interviews/${ids.interview}/questions/1/answer`, { answer: 'I led the migration and cut costs by 30%.' })), 200);
        expectStatus(await walk('POST /interviews/{id}/complete', (headers) =>
            call('POST', `/interviews/${ids.interview}/complete`, { headers })), 200);
        ids.feedback = expectStatus(await walk('POST /feedback', json('POST', '/feedback',
            { type: 'general', title: 'Faults', description: 'walked' })), 201).id;
        expectStatus(await walk('POST /feedback/{id}/vote', json('POST', `/feedback/${ids.feedback}/vote`,
            { vote: 1 })), [200, 201]);
        expectStatus(await walk('PUT /jobs/{id}/resume', json('PUT', `/jobs/${ids.job}/resume`,
            { resume_id: ids.resume })), 200);
        const learning = expectStatus(await call('GET', '/learning-paths?limit=1'), 200).items[0];
        expectStatus(await walk('POST /learning-paths/{id}/enroll', (headers) =>
            call('POST', `/learning-paths/${learning.id}/enroll`, { headers })), 201);
        expectStatus(await walk('PATCH /learning-paths/{id}/progress', json('PATCH',
            `/learning-paths/${learning.id}/progress`, { completed_resource_ids: learning.resource_ids.slice(0, 1) })), 200);
        ids.resource = learning.resource_ids[0];
        expectStatus(await walk('POST /resources/{id}/bookmark', (headers) =>
            call('POST', `/resources/${ids.resource}/bookmark`, { headers })), [200, 201]);
        expectStatus(await walk('PUT /resources/{id}/feedback', json('PUT', `/resources/${ids.resource}/feedback`,
            { is_helpful: true, rating: 4 })), [200, 201]);
        expectStatus(await walk('PUT /users/me/preferences', json('PUT', '/users/me/preferences',
            { min_salary: 50000, excluded_keywords: ['crypto'] })), 200);
        ids.content = expectStatus(await walk('POST /content', json('POST', '/content',
            { content_type: 'cover_letter', job_id: ids.job })), 201).id;
        expectStatus(await walk('PATCH /content/{id}', json('PATCH', `/content/${ids.content}`,
            { content: 'My own words.', change_note: 'shorter' })), 200);
        expectStatus(await walk('POST /calendar/feed', (headers) => call('POST', '/calendar/feed', { headers })), [200, 201]);
        expectStatus(await walk('POST /job-sources', json('POST', '/job-sources',
            { url: 'https://boards.greenhouse.io/initech', name: 'Initech' })), 201);

        // the read paths (the exports' bodies are streamed: a fault counts until the stream
        // takes the connection, the head being sent then)
        for (const p of ['/applications?status=offer', '/applications/board', '/applications/follow-ups',
            '/applications/pipeline', '/jobs/recommendations', '/analytics/summary', '/analytics/funnel',
            '/analytics/sources', '/analytics/skills', '/analytics/salaries', '/analytics/timeseries',
            `/calendar?from=${today(-30)}&to=${today(30)}`, '/contacts?q=rita', '/tasks?done=true',
            '/jobs/export?format=csv', '/users/me/export'])
            expectStatus(await walk(`GET ${p}`, get(p), { writes: false }), 200);

        // deletes: the application (its task and link go with it or stay, as the schema says),
        // then a job
        expectStatus(await walk('DELETE /applications/{id}/contacts/{contact_id}', (headers) =>
            call('DELETE', `/applications/${ids.app}/contacts/${ids.contact}`, { headers })), 204);
        expectStatus(await walk('DELETE /tasks/{id}', (headers) => call('DELETE', `/tasks/${ids.task}`, { headers })), 204);
        expectStatus(await walk('DELETE /applications/{id}', (headers) =>
            call('DELETE', `/applications/${ids.app}`, { headers })), 204);
        expectStatus(await walk('DELETE /jobs/{id}', (headers) => call('DELETE', `/jobs/${ids.job2}`, { headers })), 204);
        expectStatus(await walk('DELETE /contacts/{id}', (headers) =>
            call('DELETE', `/contacts/${ids.contact}`, { headers })), 204);
        expectStatus(await walk('DELETE /resources/{id}/bookmark', (headers) =>
            call('DELETE', `/resources/${ids.resource}/bookmark`, { headers })), 204);
        expectStatus(await walk('DELETE /calendar/feed', (headers) => call('DELETE', '/calendar/feed', { headers })), 204);
        // the primary résumé deleted beside a second one: the flag passes to it in the same
        // transaction (a faulted hand-over undoes the deletion too)
        const second = expectStatus(await upload({}), 201).id;
        expectStatus(await walk('DELETE /resumes/{id}', (headers) => call('DELETE', `/resumes/${ids.resume}`, { headers })), 204);
        assert.deepEqual(expectStatus(await call('GET', '/resumes'), 200).items.map((r) => [r.id, r.is_primary]),
            [[second, true]]);
        const password = 'a brand new passphrase';
        expectStatus(await walk('POST /users/me/password', json('POST', '/users/me/password',
            { current_password: PASSWORD, new_password: password })), [200, 204]);
        expectStatus(await walk('POST /auth/logout', (headers) => call('POST', '/auth/logout', { headers }),
            { writes: false }), 204);
        expectError(await call('GET', '/users/me'), 401, 'unauthorized');
        user.token = expectStatus(await call('POST', '/auth/login', { body: { username: name, password } }), 200).access_token;
        expectStatus(await walk('DELETE /users/me', (headers) => call('DELETE', '/users/me', { headers })), 204);
        expectError(await call('POST', '/auth/login', { body: { username: name, password } }), 401, 'unauthorized');
    });
});

describe('fault injection is off without COPILOT_FAULT_INJECTION', () => {
    let srv;
    before(async () => { srv = await startServer(); });
    after(async () => { await srv?.stop(); });

    test('the header is ignored: the request runs as any other', async () => {
        const u = await registerUser(srv);
        for (const n of ['1', '2', '3']) {
            const res = await srv.api('POST', '/jobs', { token: u.token, body: jobBody(), headers: { 'X-Copilot-Fault': n } });
            expectStatus(res, 201);
            assert.equal(res.headers.get('x-copilot-fault-fired'), null);
        }
        const list = expectStatus(await srv.api('GET', '/jobs', { token: u.token, headers: { 'X-Copilot-Fault': '1' } }), 200);
        assert.equal(list.total, 3);
        assert.doesNotMatch(srv.stderr(), /COPILOT_FAULT_INJECTION/);
    });
});
