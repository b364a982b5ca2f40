// Fault injection over the routes tests/api/fault_injection.test.mjs's scenario leaves out
// (STYLE.md habit 10; docs/decisions.md "Fault injection"; the walk is tests/api/fault_walk.mjs):
// the reads of one object, the writes of the second kind (PUT, done and undone, restore, cancel,
// unvote, unenroll, the calendar feed's rotation and its .ics), capture with ?save=true, job
// sources with a fetch from tests/api/fake_web.mjs's Greenhouse board, résumé apply-skills, and
// the admin routes (users, analytics, the catalogue's resources and learning paths), the lists the
// first scenario only reads back, /api/docs and OAuth's two (no provider set up: 404). Each
// request is sent with X-Copilot-Fault: 1, 2, ... until no fault fires, with the same checks.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    ROOT, createAdmin, expectStatus, jobBody, registerUser, startServer, today, uniqueName,
} from './helpers.mjs';
import { FIXTURES, startWebServer } from './fake_web.mjs';
import { faultWalk } from './fault_walk.mjs';

describe('fault injection walks the routes of the second scenario', () => {
    let web;
    let srv;
    let user; // { token, user }
    let admin;
    const ids = {}; // what the scenario created
    let call, walk, json, get, cost;

    before(async () => {
        web = await startWebServer();
        srv = await startServer({
            env: {
                COPILOT_FAULT_INJECTION: '1', COPILOT_GREENHOUSE_URL: web.url('/greenhouse'),
                COPILOT_CAPTURE_ALLOW_PRIVATE: '127.0.0.1',
            },
        });
        user = await registerUser(srv);
        admin = await createAdmin(srv);
        ({ call, walk, json, get, cost } = faultWalk(srv, {
            who: () => user,
            // the catalogue and the users, as the admin's writes change them
            reads: () => ['/resources?limit=100', '/learning-paths?limit=100', ['/admin/users?limit=100', admin.token],
                ...['resource', 'path'].filter((k) => ids[k]).map((k) => [`/${k === 'path' ? 'learning-paths' : 'resources'}/${ids[k]}`, admin.token])],
        }));
    });
    after(async () => {
        await srv?.stop();
        await web?.stop();
        if (cost) console.log(`fault injection (second scenario): ${cost.steps} steps, ${cost.faulted} faulted attempts, ` +
            `${cost.requests} requests`);
    });

    const post = (p) => (headers) => call('POST', p, { headers });
    const del = (p) => (headers) => call('DELETE', p, { headers });
    const asAdmin = (method, p, body) => (headers) => call(method, p, { body, headers, token: admin.token });
    const read = async (label, send, status = 200) => expectStatus(await walk(label, send, { writes: false }), status);

    test('the scenario, each request faulted at every call it makes', async () => {
        // public and per-user reads that take a connection
        for (const p of ['/openapi.json', '/auth/providers', '/resources?limit=5', '/resources/recommended',
            '/learning-paths?limit=5', '/learning-paths/recommended',
            `/job-sources/recognise?url=${encodeURIComponent('https://boards.greenhouse.io/acmerobotics')}`])
            await read(`GET ${p}`, get(p));
        await read('GET /api/docs', (headers) => srv.request('GET', '/api/docs', { headers }));
        // no OAuth provider is set up here: both answer 404
        await read('GET /auth/oauth/{provider}/start', get('/auth/oauth/github/start'), 404);
        await read('GET /auth/oauth/{provider}/callback', get('/auth/oauth/github/callback?state=x&code=y'), 404);

        // a captured page: the draft, then saved
        const page = fs.readFileSync(path.join(FIXTURES, 'postings', 'greenhouse.html'), 'utf8');
        const captured = { url: 'https://boards.greenhouse.io/fault/jobs/1', html: page };
        expectStatus(await walk('POST /jobs/capture', json('POST', '/jobs/capture', captured)), 200);
        ids.job = expectStatus(await walk('POST /jobs/capture?save=true', json('POST', '/jobs/capture?save=true', captured)), 201).job.id;
        await read('GET /jobs/{id}', get(`/jobs/${ids.job}`));

        // recommendation feedback read and removed
        expectStatus(await call('POST', `/jobs/${ids.job}/recommendation-feedback`, { body: { is_helpful: false, reason: 'salary' } }), [200, 201]);
        await read('GET /jobs/{id}/recommendation-feedback', get(`/jobs/${ids.job}/recommendation-feedback`));
        expectStatus(await walk('DELETE /jobs/{id}/recommendation-feedback', del(`/jobs/${ids.job}/recommendation-feedback`)), 204);

        // an application, its contact and task: the reads of one, PUT, done and undone
        ids.app = expectStatus(await call('POST', '/applications', { body: { job_id: ids.job, status: 'applied' } }), 201).id;
        ids.contact = expectStatus(await call('POST', '/contacts', { body: { name: 'Sam Hiring' } }), 201).id;
        expectStatus(await call('POST', `/applications/${ids.app}/contacts`, { body: { contact_id: ids.contact } }), 201);
        ids.task = expectStatus(await call('POST', '/tasks', { body: { title: 'Call Sam', due_date: today(1), application_id: ids.app } }), 201).id;
        for (const p of [`/applications/${ids.app}`, `/applications/${ids.app}/contacts`,
            `/applications/${ids.app}/contacts/${ids.contact}`, `/contacts/${ids.contact}`, `/tasks/${ids.task}`])
            await read(`GET ${p.replace(/\d+/g, '{id}')}`, get(p));
        expectStatus(await walk('PUT /contacts/{id}', json('PUT', `/contacts/${ids.contact}`, { name: 'Samuel Hiring', role: 'CTO' })), 200);
        expectStatus(await walk('PUT /tasks/{id}', json('PUT', `/tasks/${ids.task}`, { title: 'Call Samuel', application_id: ids.app })), 200);
        expectStatus(await walk('PATCH /tasks/{id} done', json('PATCH', `/tasks/${ids.task}`, { done: true })), 200);
        expectStatus(await walk('PATCH /tasks/{id} undone', json('PATCH', `/tasks/${ids.task}`, { done: false })), 200);

        // job sources: made, read, changed, fetched from the fake Greenhouse board, its runs, dropped
        ids.source = expectStatus(await walk('POST /job-sources', json('POST', '/job-sources',
            { url: 'https://boards.greenhouse.io/acmerobotics' })), 201).id;
        await read('GET /job-sources/{id}', get(`/job-sources/${ids.source}`));
        const leased = (state) => {
            for (const s of state['/job-sources'][1].items) delete s.row_version;
            return state;
        };
        // the source has no name yet: the fetch stores the board's own, in its transaction
        const fetched = expectStatus(await walk('POST /job-sources/{id}/fetch', post(`/job-sources/${ids.source}/fetch`),
            { apart: leased, recovers: true }), 200);
        // a faulted attempt may recover (the import replays a batch row by row): then the
        // attempts after it find its postings, duplicates
        assert.deepEqual([fetched.found, fetched.created + fetched.duplicates, fetched.source.name], [3, 2, 'Acme Robotics'],
            JSON.stringify(fetched));
        expectStatus(await walk('PATCH /job-sources/{id}', json('PATCH', `/job-sources/${ids.source}`, { name: 'Acme' })), 200);
        await read('GET /job-sources/{id}/runs', get(`/job-sources/${ids.source}/runs`));
        // a board that fails (404): its failure is recorded in one transaction
        const missing = expectStatus(await call('POST', '/job-sources', { body: { url: 'https://boards.greenhouse.io/nosuchboard', name: 'Gone' } }), 201).id;
        const failed = expectStatus(await walk('POST /job-sources/{id}/fetch (the board fails)', post(`/job-sources/${missing}/fetch`),
            { apart: leased }), 200);
        assert.equal(failed.source.consecutive_failures, 1, JSON.stringify(failed));
        assert.match(failed.source.last_error, /HTTP 404/);
        expectStatus(await walk('DELETE /job-sources/{id}', del(`/job-sources/${ids.source}`)), 204);

        // the calendar feed: made, rotated, read by a calendar program, dropped
        expectStatus(await walk('POST /calendar/feed', post('/calendar/feed')), [200, 201]);
        const feed = expectStatus(await walk('POST /calendar/feed (rotate)', post('/calendar/feed')), [200, 201]);
        const ics = new URL(feed.url);
        const icsRes = await walk('GET /calendar.ics', (headers) => srv.request('GET', `${ics.pathname}${ics.search}`, { headers }),
            { writes: false });
        assert.equal(icsRes.status, 200, icsRes.text?.slice(0, 200));
        await read('GET /calendar/feed', get('/calendar/feed'));
        expectStatus(await walk('DELETE /calendar/feed', del('/calendar/feed')), 204);

        // a snapshot read and dropped
        ids.snapshot = expectStatus(await call('POST', '/analytics/snapshots', { body: {} }), 201).id;
        await read('GET /analytics/snapshots/{id}', get(`/analytics/snapshots/${ids.snapshot}`));
        expectStatus(await walk('DELETE /analytics/snapshots/{id}', del(`/analytics/snapshots/${ids.snapshot}`)), 204);

        // feedback: read, edited, vote taken back, dropped
        ids.feedback = expectStatus(await call('POST', '/feedback', { body: { type: 'general', title: 'More faults', description: 'walked' } }), 201).id;
        expectStatus(await call('POST', `/feedback/${ids.feedback}/vote`, { body: { vote: 1 } }), [200, 201]);
        await read('GET /feedback/{id}', get(`/feedback/${ids.feedback}`));
        expectStatus(await walk('PATCH /feedback/{id}', json('PATCH', `/feedback/${ids.feedback}`, { title: 'Even more faults' })), 200);
        expectStatus(await walk('DELETE /feedback/{id}/vote', del(`/feedback/${ids.feedback}/vote`)), [200, 204]);
        expectStatus(await walk('DELETE /feedback/{id}', del(`/feedback/${ids.feedback}`)), 204);

        // interviews: read, cancelled, dropped
        ids.interview = expectStatus(await call('POST', '/interviews', { body: { interview_type: 'technical', job_id: ids.job } }), 201).id;
        await read('GET /interviews/{id}', get(`/interviews/${ids.interview}`));
        expectStatus(await call('POST', `/interviews/${ids.interview}/start`), 200);
        expectStatus(await walk('POST /interviews/{id}/cancel', post(`/interviews/${ids.interview}/cancel`)), 200);
        expectStatus(await walk('DELETE /interviews/{id}', del(`/interviews/${ids.interview}`)), 204);

        // a résumé: read, labelled, its file, its skills applied to the profile
        const form = new FormData();
        form.append('file', new Blob([fs.readFileSync(path.join(ROOT, 'tests/fixtures/resume.txt'))],
            { type: 'application/octet-stream' }), 'resume.txt');
        ids.resume = expectStatus(await call('POST', '/resumes', { raw: form, timeout: 60000 }), 201).id;
        await read('GET /resumes/{id}', get(`/resumes/${ids.resume}`));
        expectStatus(await walk('PATCH /resumes/{id}', json('PATCH', `/resumes/${ids.resume}`, { label: 'walked' })), 200);
        const file = await walk('GET /resumes/{id}/file', get(`/resumes/${ids.resume}/file`), { writes: false });
        assert.equal(file.status, 200);
        expectStatus(await walk('POST /resumes/{id}/apply-skills', post(`/resumes/${ids.resume}/apply-skills`)), 200);

        // a letter: read, restored to its first version, dropped
        ids.content = expectStatus(await call('POST', '/content', { body: { content_type: 'cover_letter', job_id: ids.job } }), 201).id;
        expectStatus(await call('PATCH', `/content/${ids.content}`, { body: { content: 'Second words.' } }), 200);
        await read('GET /content/{id}', get(`/content/${ids.content}`));
        expectStatus(await walk('POST /content/{id}/versions/1/restore', post(`/content/${ids.content}/versions/1/restore`)), 200);
        expectStatus(await walk('DELETE /content/{id}', del(`/content/${ids.content}`)), 204);

        // the catalogue as a user reads it, an enrollment taken back
        const learning = expectStatus(await call('GET', '/learning-paths?limit=1'), 200).items[0];
        const resource = learning.resource_ids[0];
        expectStatus(await call('POST', `/resources/${resource}/bookmark`), [200, 201]);
        for (const p of [`/resources/${resource}`, `/resources/${resource}/bookmark`, `/resources/${resource}/feedback`,
            `/learning-paths/${learning.id}`])
            await read(`GET ${p.replace(/\/\d+/g, '/{id}')}`, get(p), [200, 404]);
        expectStatus(await call('POST', `/learning-paths/${learning.id}/enroll`), 201);
        expectStatus(await walk('DELETE /learning-paths/{id}/enroll', del(`/learning-paths/${learning.id}/enroll`)), 204);

        // the lists the first scenario only reads back
        for (const p of ['/interviews', '/resumes', '/content?limit=5', '/feedback?limit=5', '/analytics/snapshots',
            '/learning-paths/enrolled', '/resources/bookmarks', '/users/me/preferences', '/job-sources'])
            await read(`GET ${p}`, get(p));

        // the admin: users, analytics, the catalogue's writes
        await read('GET /admin/users', (headers) => call('GET', '/admin/users', { headers, token: admin.token }));
        await read('GET /admin/analytics', (headers) => call('GET', '/admin/analytics', { headers, token: admin.token }));
        const slug = `fault-${uniqueName('r').replace(/_/g, '-')}`;
        ids.resource = expectStatus(await walk('POST /resources', asAdmin('POST', '/resources', {
            slug, title: 'Faults and you', description: 'A resource made by the fault walk.', type: 'article',
            provider: 'Tests Inc.', url: 'https://example.com/faults', difficulty: 'beginner',
        })), 201).id;
        expectStatus(await walk('PATCH /resources/{id}', asAdmin('PATCH', `/resources/${ids.resource}`, { title: 'Faults, again' })), 200);
        ids.path = expectStatus(await walk('POST /learning-paths', asAdmin('POST', '/learning-paths', {
            name: `Path ${uniqueName('p')}`, description: 'Made by the fault walk.', difficulty: 'beginner',
            resource_ids: [ids.resource, resource],
        })), 201).id;
        expectStatus(await walk('PATCH /learning-paths/{id}', asAdmin('PATCH', `/learning-paths/${ids.path}`, { description: 'Walked again.' })), 200);
        expectStatus(await walk('DELETE /learning-paths/{id}', asAdmin('DELETE', `/learning-paths/${ids.path}`)), 204);
        delete ids.path;
        expectStatus(await walk('DELETE /resources/{id}', asAdmin('DELETE', `/resources/${ids.resource}`)), 204);
        delete ids.resource;
        const other = await registerUser(srv);
        expectStatus(await walk('PATCH /admin/users/{id}', asAdmin('PATCH', `/admin/users/${other.user.id}`, { is_admin: true })), 200);
        expectStatus(await walk('DELETE /admin/users/{id}', asAdmin('DELETE', `/admin/users/${other.user.id}`)), 204);
    });
});
