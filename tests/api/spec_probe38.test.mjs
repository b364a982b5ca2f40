// SPEC read against the binary, thirty-eighth round (docs/decisions.md): what the probe found
// that no other file held. Part E: "405 carries `Allow`". A path a route spells out
// (/applications/board, /jobs/capture, /resources/recommended...) is that route's resource, not
// an id of the parametric route beside it (/applications/{id}, /jobs/{id}, /resources/{id}):
// another method on it is 405 with the methods the path really takes, never a 404 "not found"
// (the handler of /applications/{id} looking for an application called "board"), a 403 (the
// administrators' DELETE /resources/{id}) or an Allow that lists the parametric route's methods.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { expectError, registerUser, startServer } from './helpers.mjs';

describe('SPEC read against the binary (thirty-eighth round)', () => {
    let srv;
    let user;

    before(async () => {
        srv = await startServer();
        user = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    test('a method a literal path does not take is 405 with that path\'s Allow', async () => {
        const cases = [
            ['DELETE', '/applications/pipeline', 'GET, HEAD'],
            ['PUT', '/applications/board', 'GET, HEAD'],
            ['DELETE', '/applications/board', 'GET, HEAD'],
            ['PATCH', '/applications/follow-ups', 'GET, HEAD'],
            ['GET', '/jobs/capture', 'POST'],
            ['PATCH', '/jobs/capture', 'POST'],
            ['GET', '/jobs/import', 'POST'],
            ['DELETE', '/jobs/export', 'GET, HEAD'],
            ['PATCH', '/jobs/recommendations', 'GET, HEAD'],
            ['DELETE', '/resources/recommended', 'GET, HEAD'],
            ['PATCH', '/resources/bookmarks', 'GET, HEAD'],
            ['DELETE', '/learning-paths/enrolled', 'GET, HEAD'],
        ];
        for (const [method, path, allow] of cases) {
            const body = method === 'GET' || method === 'DELETE' ? undefined : {};
            const res = await srv.api(method, path, { token: user.token, body });
            expectError(res, 405, 'method_not_allowed');
            assert.equal(res.headers.get('allow'), allow, `${method} ${path}: Allow`);
        }
    });

    test('the parametric routes still take ids, and a word that is no route stays 404', async () => {
        const job = await srv.api('POST', '/jobs', { token: user.token, body: { company: 'Probe', title: 'Eng' } });
        assert.equal(job.status, 201);
        const id = job.body.id;
        assert.equal((await srv.api('GET', `/jobs/${id}`, { token: user.token })).status, 200);
        assert.equal((await srv.api('PATCH', `/jobs/${id}`, { token: user.token, body: { notes: 'n' } })).status, 200);
        expectError(await srv.api('GET', '/jobs/abc', { token: user.token }), 404, 'not_found');
        expectError(await srv.api('DELETE', '/applications/abc', { token: user.token }), 404, 'not_found');
        assert.equal((await srv.api('GET', '/applications/board', { token: user.token })).status, 200);
        assert.equal((await srv.api('GET', '/applications/pipeline', { token: user.token })).status, 200);
        assert.equal((await srv.api('DELETE', `/jobs/${id}`, { token: user.token })).status, 204);
    });
});
