// The third hostile probe (docs/security.md, "Third hostile probe (thirty-fifth round)"): values
// that are well-formed JSON but reach past what a field may hold, each answered with the SPEC's
// error naming the field and nothing stored, on both engines.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApplication, expectError, expectStatus, registerUser, startServer } from './helpers.mjs';

describe('hostile values', () => {
    let srv;
    let alice;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const call = (method, p, body) => srv.api(method, p, { token: alice.token, body });

    // 9999-12-31T23:59:60Z (a leap second) or 9999-12-31T23:59:59-00:01 is year 10000 in UTC:
    // PostgreSQL stored it and answered "interview_date": "10000-01-01 00:00:00+00" (200), SQLite
    // refused a text cut without its NUL (422 naming a CHECK constraint, no field). 1900-01-01
    // with a positive offset was stored as 1899, which no parser takes back (a GET then PUT of the
    // same object failed). An offset of +99:99 was taken as 100 h 39 min.
    test('a timestamp whose UTC time leaves the years 1900-9999, or whose offset is no offset → 422', async () => {
        const app = await createApplication(srv, alice.token);
        const set = expectStatus(await call('PATCH', `/applications/${app.id}`, { interview_date: '2030-05-06T07:08:09Z' }), 200);
        for (const value of [
            '9999-12-31T23:59:60Z', '9999-12-31T23:59:59-00:01', '9999-12-31T23:00:00-23:59',
            '1900-01-01T00:00:00+01:00', '2026-01-01T10:00:00+99:99', '2026-01-01T10:00:00+24:00',
            '2026-01-01T10:00:00-00:60',
        ]) {
            const res = await call('PATCH', `/applications/${app.id}`, { interview_date: value });
            expectError(res, 422, 'validation_failed', 'interview_date');
        }
        const now = expectStatus(await call('GET', `/applications/${app.id}`), 200);
        assert.equal(now.interview_date, '2030-05-06T07:08:09Z');
        assert.equal(now.row_version, set.row_version);
        // the edges themselves are times of the span
        for (const [value, stored] of [
            ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59Z'],
            ['9999-12-31T23:59:59+01:00', '9999-12-31T22:59:59Z'],
            ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00Z'],
            ['1900-01-01T00:00:00-01:00', '1900-01-01T01:00:00Z'],
            ['2026-01-01T10:00:00+23:59', '2025-12-31T10:01:00Z'],
        ]) {
            const got = expectStatus(await call('PATCH', `/applications/${app.id}`, { interview_date: value }), 200);
            assert.equal(got.interview_date, stored, value);
            const again = expectStatus(await call('GET', `/applications/${app.id}`), 200);
            assert.equal(again.interview_date, stored, value);
        }
    });
});
