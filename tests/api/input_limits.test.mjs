// Input limits of issue 8 item 7 (docs/security.md): every array field a client writes holds at
// most 200 items of at most 100 characters (422 naming the field), and URL fields take http and
// https only (javascript:, data: and the rest → 422). The limits live in the field descriptors,
// so every route that writes those fields (create, PATCH, PUT, import) refuses alike.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, expectError, expectStatus, login, registerUser, startServer, uniqueName } from './helpers.mjs';

const MAX_ITEMS = 200;
const MAX_CHARS = 100;

describe('input limits', () => {
    let srv;
    let user;
    let admin;

    before(async () => {
        srv = await startServer();
        user = await registerUser(srv);
        const name = uniqueName('admin');
        srv.cli(['user', 'create', name, `${name}@example.com`, PASSWORD, '--admin']);
        admin = { token: await login(srv, name) };
    });
    after(async () => { await srv?.stop(); });

    const many = (n, prefix = 's') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

    describe('array fields: at most 200 items of 100 characters', () => {
        test('PATCH /users/me with 60,000 skills → 422 skills (the probe\'s request)', async () => {
            const res = await srv.api('PATCH', '/users/me', { token: user.token, body: { skills: many(60000) } });
            const error = expectError(res, 422, 'validation_failed', 'skills');
            assert.match(error.message, /200/);
            const me = expectStatus(await srv.api('GET', '/users/me', { token: user.token }), 200);
            assert.ok(me.skills.length <= MAX_ITEMS, 'nothing was stored');
        });

        test('200 items of 100 characters are accepted; one more item or character is not', async () => {
            const full = many(MAX_ITEMS).map((s) => s.padEnd(MAX_CHARS, 'x'));
            const ok = expectStatus(await srv.api('PATCH', '/users/me', { token: user.token, body: { skills: full, preferred_locations: many(MAX_ITEMS, 'city') } }), 200);
            assert.equal(ok.skills.length, MAX_ITEMS);
            expectError(await srv.api('PATCH', '/users/me', { token: user.token, body: { preferred_locations: many(MAX_ITEMS + 1) } }), 422, 'validation_failed', 'preferred_locations');
            expectError(await srv.api('PATCH', '/users/me', { token: user.token, body: { skills: ['x'.repeat(MAX_CHARS + 1)] } }), 422, 'validation_failed', 'skills');
        });

        test('jobs: tech_stack and documents_required on create, update and import', async () => {
            expectError(await srv.api('POST', '/jobs', { token: user.token, body: { company: 'Cap Co', title: 'Capped', tech_stack: many(MAX_ITEMS + 1) } }), 422, 'validation_failed', 'tech_stack');
            const job = expectStatus(await srv.api('POST', '/jobs', { token: user.token, body: { company: 'Cap Co', title: 'Capped', tech_stack: many(MAX_ITEMS) } }), 201);
            expectError(await srv.api('PATCH', `/jobs/${job.id}`, { token: user.token, body: { documents_required: ['d'.repeat(MAX_CHARS + 1)] } }), 422, 'validation_failed', 'documents_required');
            const report = expectStatus(await srv.api('POST', '/jobs/import', { token: user.token, body: [{ company: 'Cap Co', title: 'Imported', tech_stack: many(MAX_ITEMS + 1) }] }), 200);
            assert.equal(report.created, 0);
            assert.equal(report.errors[0].field, 'tech_stack');
        });

        test('preferences: keywords and the rest', async () => {
            for (const field of ['keywords', 'excluded_keywords', 'preferred_companies', 'excluded_companies', 'preferred_sources']) {
                const res = await srv.api('PUT', '/users/me/preferences', { token: user.token, body: { [field]: many(MAX_ITEMS + 1) } });
                expectError(res, 422, 'validation_failed', field);
            }
        });

        test('catalogue writes by an administrator: skills, tags, learning_outcomes', async () => {
            const resource = { slug: uniqueName('cap').replace(/_/g, '-'), title: 'Capped', description: 'd', type: 'book', provider: 'p', url: 'https://example.com/r', difficulty: 'beginner' };
            for (const field of ['skills', 'tags', 'prerequisites', 'learning_outcomes']) {
                const res = await srv.api('POST', '/resources', { token: admin.token, body: { ...resource, [field]: many(MAX_ITEMS + 1) } });
                expectError(res, 422, 'validation_failed', field);
            }
        });
    });

    describe('URL fields: http and https only', () => {
        const hostile = ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd', '//evil.example/'];

        test('jobs: application_url and source_url', async () => {
            for (const field of ['application_url', 'source_url']) {
                for (const url of hostile) {
                    const res = await srv.api('POST', '/jobs', { token: user.token, body: { company: 'Link Co', title: `T ${field}`, [field]: url } });
                    expectError(res, 422, 'validation_failed', field);
                }
            }
            const job = expectStatus(await srv.api('POST', '/jobs', { token: user.token, body: { company: 'Link Co', title: 'Good link', application_url: 'https://link.example/apply', source_url: 'http://link.example/post' } }), 201);
            expectError(await srv.api('PATCH', `/jobs/${job.id}`, { token: user.token, body: { application_url: 'javascript:alert(1)' } }), 422, 'validation_failed', 'application_url');
            expectError(await srv.api('PUT', `/jobs/${job.id}`, { token: user.token, body: { company: 'Link Co', title: 'Good link', source_url: 'data:,x' } }), 422, 'validation_failed', 'source_url');
            const csv = 'company,title,application_url\r\nLink Co,From CSV,javascript:alert(1)\r\n';
            const report = expectStatus(await srv.api('POST', '/jobs/import', { token: user.token, raw: csv, headers: { 'content-type': 'text/csv' } }), 200);
            assert.equal(report.created, 0);
            assert.equal(report.errors[0].field, 'application_url');
            const stored = expectStatus(await srv.api('GET', `/jobs/${job.id}`, { token: user.token }), 200);
            assert.equal(stored.application_url, 'https://link.example/apply');
        });

        test('profile_picture_url, feedback page_url, resource url', async () => {
            for (const url of hostile)
                expectError(await srv.api('PATCH', '/users/me', { token: user.token, body: { profile_picture_url: url } }), 422, 'validation_failed', 'profile_picture_url');
            for (const url of hostile)
                expectError(await srv.api('POST', '/feedback', { token: user.token, body: { type: 'general', title: 't', description: 'd', page_url: url } }), 422, 'validation_failed', 'page_url');
            expectStatus(await srv.api('POST', '/feedback', { token: user.token, body: { type: 'general', title: 't', description: 'd', page_url: '/jobs' } }), 201);
            expectError(await srv.api('POST', '/resources', { token: admin.token, body: { slug: 'js-link', title: 't', description: 'd', type: 'book', provider: 'p', url: 'javascript:alert(1)', difficulty: 'beginner' } }), 422, 'validation_failed', 'url');
        });
    });
});
