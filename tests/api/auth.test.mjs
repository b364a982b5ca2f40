// Registration, login, logout, bearer tokens, login rate limiting and token expiry
// (SPEC part B "Auth and account" and the authentication convention).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    ENGINE, PASSWORD, assertTimestamp, expectBadInput, expectError, expectStatus, login, realPasswordHashes, registerUser, sleep,
    sqlRows, startServer, uniqueName,
} from './helpers.mjs';

// This file's servers hash at the production cost (the other files' servers run with
// COPILOT_TEST_WEAK_PASSWORD_HASH=1, helpers.mjs): the last describe checks both costs.
realPasswordHashes();

const register = (srv, body) => srv.api('POST', '/auth/register', { body });
const loginWith = (srv, body) => srv.api('POST', '/auth/login', { body });

describe('auth', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    describe('register', () => {
        test('201 with user, bearer token and expiry; no password material', async () => {
            const name = uniqueName('reg');
            const password = 'sekret-password-1';
            const res = await register(srv, { username: name, email: `${name}@example.com`, password });
            const body = expectStatus(res, 201);
            assert.equal(body.token_type, 'bearer');
            assert.equal(typeof body.access_token, 'string');
            assert.ok(body.access_token.length >= 43, 'a token carries at least 256 bits');
            assertTimestamp(body.expires_at, 'expires_at');
            const ttl = Date.parse(body.expires_at) - Date.now();
            assert.ok(ttl > 6.9 * 86400000 && ttl < 7.1 * 86400000, `default TTL is 7 days, got ${ttl} ms`);
            assert.equal(body.user.username, name);
            assert.equal(body.user.email, `${name}@example.com`);
            assert.equal(Number.isInteger(body.user.id), true);
            assert.equal(body.user.has_password, true);
            assert.equal('hashed_password' in body.user, false);
            assert.ok(!res.text.includes(password), 'the password must never be echoed');
            assert.ok(!/argon2/i.test(res.text), 'no hash in the answer');
        });

        test('the new token authenticates as the new user', async () => {
            for (const who of [alice, bob]) {
                const me = expectStatus(await srv.api('GET', '/users/me', { token: who.token }), 200);
                assert.equal(me.id, who.user.id);
                assert.equal(me.username, who.username);
            }
            assert.notEqual(alice.user.id, bob.user.id);
            assert.notEqual(alice.token, bob.token);
        });

        const goodUsernames = ['abc', 'a'.repeat(50), 'a_b.c-d', 'ABC.def_09'];
        for (const username of goodUsernames) {
            test(`username ${JSON.stringify(username.length > 20 ? `${username.length} chars` : username)} is accepted`, async () => {
                const email = `${uniqueName('ok')}@example.com`;
                expectStatus(await register(srv, { username, email, password: PASSWORD }), 201);
            });
        }

        const badUsernames = [
            ['too short', 'ab'],
            ['too long', 'b'.repeat(51)],
            ['space', 'has space'],
            ['punctuation', 'bad!name'],
            ['at sign', 'bad@name'],
            ['slash', 'bad/name'],
            ['non-ASCII letter', 'jürgen'],
            ['empty', ''],
            ['not a string', 12345],
            ['null', null],
        ];
        for (const [why, username] of badUsernames) {
            test(`username rejected: ${why}`, async () => {
                const res = await register(srv, { username, email: `${uniqueName('e')}@example.com`, password: PASSWORD });
                expectError(res, 422, 'validation_failed', 'username');
            });
        }

        const badEmails = [
            ['no at', 'not-an-email'],
            ['no domain', 'someone@'],
            ['no local part', '@example.com'],
            ['space inside', 'some one@example.com'],
            ['two at signs', 'a@b@example.com'],
            ['empty', ''],
            ['not a string', 42],
        ];
        for (const [why, email] of badEmails) {
            test(`email rejected: ${why}`, async () => {
                const res = await register(srv, { username: uniqueName('e'), email, password: PASSWORD });
                expectError(res, 422, 'validation_failed', 'email');
            });
        }

        test('email is stored lower-cased', async () => {
            const name = uniqueName('case');
            const res = await register(srv, { username: name, email: `MiXeD.${name}@Example.COM`, password: PASSWORD });
            const body = expectStatus(res, 201);
            assert.equal(body.user.email, `mixed.${name}@example.com`);
        });

        test('password of 7 characters rejected, 8 accepted', async () => {
            const short = await register(srv, { username: uniqueName('pw'), email: `${uniqueName('pw')}@example.com`, password: '1234567' });
            expectError(short, 422, 'validation_failed', 'password');
            const ok = await register(srv, { username: uniqueName('pw'), email: `${uniqueName('pw')}@example.com`, password: '12345678' });
            expectStatus(ok, 201);
        });

        const missing = ['username', 'email', 'password'];
        for (const field of missing) {
            test(`missing ${field} → 422 naming it`, async () => {
                const body = { username: uniqueName('m'), email: `${uniqueName('m')}@example.com`, password: PASSWORD };
                delete body[field];
                expectError(await register(srv, body), 422, 'validation_failed', field);
            });
        }

        test('unknown field → 422 naming it', async () => {
            const res = await register(srv, { username: uniqueName('x'), email: `${uniqueName('x')}@example.com`, password: PASSWORD, nickname: 'x' });
            expectError(res, 422, 'validation_failed', 'nickname');
        });

        for (const field of ['is_admin', 'id', 'created_at']) {
            test(`server-owned field ${field} is not taken from the client`, async () => {
                const value = field === 'is_admin' ? true : field === 'id' ? 1 : '2020-01-01T00:00:00Z';
                const res = await register(srv, { username: uniqueName('x'), email: `${uniqueName('x')}@example.com`, password: PASSWORD, [field]: value });
                expectError(res, 422, 'validation_failed', field);
            });
        }

        test('taken username → 409 naming username', async () => {
            const res = await register(srv, { username: alice.username, email: `${uniqueName('t')}@example.com`, password: PASSWORD });
            expectError(res, 409, 'conflict', 'username');
        });

        test('taken email (any case) → 409 naming email', async () => {
            const res = await register(srv, { username: uniqueName('t'), email: alice.email.toUpperCase(), password: PASSWORD });
            expectError(res, 409, 'conflict', 'email');
        });

        test('malformed JSON → 400 bad_request', async () => {
            const res = await srv.api('POST', '/auth/register', { raw: '{"username": "abc",' });
            expectError(res, 400, 'bad_request');
        });

        test('non-JSON content type → 415', async () => {
            const res = await srv.api('POST', '/auth/register', {
                raw: 'username=abc&email=a@b.c&password=12345678',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
            });
            expectError(res, 415, 'unsupported_media_type');
        });
    });

    describe('login', () => {
        test('with username → 200 with token, type, expiry and user', async () => {
            const body = expectStatus(await loginWith(srv, { username: alice.username, password: PASSWORD }), 200);
            assert.equal(body.token_type, 'bearer');
            assert.equal(typeof body.access_token, 'string');
            assertTimestamp(body.expires_at, 'expires_at');
            assert.equal(body.user.id, alice.user.id);
            assert.equal('hashed_password' in body.user, false);
            assert.notEqual(body.access_token, alice.token, 'each login opens a new session');
            expectStatus(await srv.api('GET', '/users/me', { token: body.access_token }), 200);
        });

        test('with email → 200', async () => {
            const body = expectStatus(await loginWith(srv, { email: bob.email, password: PASSWORD }), 200);
            assert.equal(body.user.id, bob.user.id);
        });

        test('with the email in another case → 200 (emails are case-insensitive)', async () => {
            const body = expectStatus(await loginWith(srv, { email: bob.email.toUpperCase(), password: PASSWORD }), 200);
            assert.equal(body.user.id, bob.user.id);
        });

        test('wrong password and unknown user → 401 with the same message', async () => {
            const wrong = await loginWith(srv, { username: alice.username, password: 'not the password' });
            const unknown = await loginWith(srv, { username: uniqueName('ghost'), password: 'not the password' });
            const unknownEmail = await loginWith(srv, { email: 'ghost@example.com', password: 'not the password' });
            const e1 = expectError(wrong, 401, 'unauthorized');
            const e2 = expectError(unknown, 401, 'unauthorized');
            const e3 = expectError(unknownEmail, 401, 'unauthorized');
            assert.equal(e1.message, e2.message);
            assert.equal(e1.message, e3.message);
        });

        test('another user\'s password does not open an account', async () => {
            const res = await loginWith(srv, { username: bob.username, password: 'definitely-not-bobs' });
            expectError(res, 401, 'unauthorized');
        });

        test('malformed JSON → 400', async () => {
            expectError(await srv.api('POST', '/auth/login', { raw: '{' }), 400, 'bad_request');
        });
    });

    describe('tokens and logout', () => {
        const badAuth = [
            ['no Authorization header', {}],
            ['garbage token', { authorization: 'Bearer not-a-real-token' }],
            ['empty bearer', { authorization: 'Bearer ' }],
            ['wrong scheme', { authorization: 'Basic YWxpY2U6cGFzc3dvcmQ=' }],
            ['token of the right length but unknown', { authorization: `Bearer ${'A'.repeat(43)}` }],
        ];
        for (const [why, headers] of badAuth) {
            test(`${why} → 401 unauthorized`, async () => {
                for (const p of ['/users/me', '/jobs', '/applications']) {
                    const res = await srv.api('GET', p, { headers });
                    expectError(res, 401, 'unauthorized');
                }
            });
        }

        test('logout → 204, then the token is refused and other sessions live on', async () => {
            const session = await loginWith(srv, { username: bob.username, password: PASSWORD });
            const token = expectStatus(session, 200).access_token;
            expectStatus(await srv.api('GET', '/users/me', { token }), 200);
            const out = await srv.api('POST', '/auth/logout', { token });
            expectStatus(out, 204);
            assert.equal(out.text, '');
            expectError(await srv.api('GET', '/users/me', { token }), 401, 'unauthorized');
            expectError(await srv.api('POST', '/auth/logout', { token }), 401, 'unauthorized');
            // bob's first session and alice's session are untouched
            expectStatus(await srv.api('GET', '/users/me', { token: bob.token }), 200);
            expectStatus(await srv.api('GET', '/users/me', { token: alice.token }), 200);
        });

        test('logout without a token → 401', async () => {
            expectError(await srv.api('POST', '/auth/logout'), 401, 'unauthorized');
        });
    });
});

describe('login rate limiting', () => {
    let srv;
    before(async () => { srv = await startServer(); });
    after(async () => { await srv?.stop(); });

    test('repeated failures for one account → 429 rate_limited with Retry-After', async () => {
        const victim = await registerUser(srv);
        const statuses = [];
        let limited;
        for (let i = 0; i < 20; i++) {
            const res = await loginWith(srv, { username: victim.username, password: `wrong-${i}-password` });
            statuses.push(res.status);
            if (res.status === 429) { limited = res; break; }
            expectError(res, 401, 'unauthorized');
        }
        assert.equal(statuses[0], 401, 'the first failure is a plain 401');
        assert.ok(limited, `no 429 after 20 failures: ${statuses.join(',')}`);
        expectError(limited, 429, 'rate_limited');
        const retryAfter = limited.headers.get('retry-after');
        assert.match(retryAfter || '', /^\d+$/, 'Retry-After in seconds');
        assert.ok(Number(retryAfter) > 0);
    });
});

// The server counts whole seconds (expires_at is the second of issue + TTL): a token lives
// between TTL - 1 and TTL seconds, so TTL 3 leaves the check right after the login 2 s at least.
describe('token expiry (COPILOT_TOKEN_TTL=3)', () => {
    let srv;
    before(async () => { srv = await startServer({ env: { COPILOT_TOKEN_TTL: '3' } }); });
    after(async () => { await srv?.stop(); });

    test('expires_at follows the TTL and an expired token → 401', async () => {
        const user = await registerUser(srv);
        const res = await loginWith(srv, { username: user.username, password: PASSWORD });
        const body = expectStatus(res, 200);
        const ttl = Date.parse(body.expires_at) - Date.now();
        assert.ok(ttl <= 3000 && ttl > -500, `expires_at should be about 3 s away, is ${ttl} ms`);
        expectStatus(await srv.api('GET', '/users/me', { token: body.access_token }), 200);
        await sleep(3500); // past the TTL since the login
        expectError(await srv.api('GET', '/users/me', { token: body.access_token }), 401, 'unauthorized');
    });
});

describe('several servers on one PostgreSQL database', { skip: ENGINE !== 'postgresql' && 'PostgreSQL only (SPEC part D)' }, () => {
    let first;
    let second;
    before(async () => {
        first = await startServer();
        second = await startServer({ dbUrl: first.dbUrl });
    });
    after(async () => {
        await second?.stop();
        await first?.stop();
    });

    test('a session opened on one server is valid on the other, and logout is seen by both', async () => {
        const user = await registerUser(first);
        const me = expectStatus(await second.api('GET', '/users/me', { token: user.token }), 200);
        assert.equal(me.id, user.user.id);
        const job = expectStatus(await second.api('POST', '/jobs', { token: user.token, body: { company: 'Shared', title: 'Stateless' } }), 201);
        expectStatus(await first.api('GET', `/jobs/${job.id}`, { token: user.token }), 200);
        expectStatus(await second.api('POST', '/auth/logout', { token: user.token }), 204);
        expectError(await first.api('GET', '/users/me', { token: user.token }), 401, 'unauthorized');
    });
});

// GET /jobs, /jobs/{id}, /applications, /applications/{id} and /applications/board
// (ROUTE_READ_ONLY): on PostgreSQL a token seen before has its
// session looked up in the same round trip as the handler's statements (src/api/auth.c). Every
// outcome must be the one a lookup before the handler gives: revoked on another server, expired,
// missing, invalid, last_used_at due for its refresh, the admin flag changed; and a handler that
// would have failed on its own (a bad query, an unknown id) still answers 401 for a dead token.
describe('the session checked with the request\'s statements', () => {
    let first;
    let second; // another server on the same database (PostgreSQL); the same one on SQLite
    let user;
    let job;
    let app;
    before(async () => {
        first = await startServer();
        second = ENGINE === 'postgresql' ? await startServer({ dbUrl: first.dbUrl }) : first;
        user = await registerUser(first);
        job = expectStatus(await first.api('POST', '/jobs', { token: user.token, body: { company: 'Guess', title: 'Checked' } }), 201);
        app = expectStatus(await first.api('POST', '/applications', { token: user.token, body: { job_id: job.id, status: 'applied' } }), 201);
    });
    after(async () => {
        if (second !== first) await second?.stop();
        await first?.stop();
    });

    const DEAD = { error: { code: 'unauthorized', message: 'invalid or expired token' } };
    const reads = (id) => [`/jobs/${id}`, '/jobs?limit=5', '/jobs?q=checked', `/jobs/${id}?x=1`,
        '/applications?limit=5', `/applications/${app.id}`, '/applications/board'];
    // every read answered as the server answers a token it never saw
    async function allDead(srv, token) {
        for (const p of [...reads(job.id), '/jobs/999999999', '/jobs?limit=banana', '/jobs/0',
            '/applications/999999999', '/applications/board?per_column=0']) {
            const res = await srv.api('GET', p, { token });
            assert.equal(res.status, 401, `${p}: ${res.text}`);
            assert.deepEqual(res.body, DEAD, p);
        }
    }
    // the same answers, several times (the first teaches the server the token)
    async function warm(srv, token) {
        const answers = [];
        for (let i = 0; i < 3; i++)
            answers.push(await Promise.all(reads(job.id).map(async (p) => (await srv.api('GET', p, { token })).text)));
        assert.deepEqual(answers[1], answers[0]);
        assert.deepEqual(answers[2], answers[0]);
        return answers[0];
    }
    const freshToken = () => login(first, user.username);

    test('a live token: the same bodies every time; 404 and 400 as before', async () => {
        const bodies = await warm(first, user.token);
        assert.equal(JSON.parse(bodies[0]).id, job.id);
        expectError(await first.api('GET', '/jobs/999999999', { token: user.token }), 404, 'not_found');
        expectBadInput(await first.api('GET', '/jobs?limit=banana', { token: user.token }), 'limit');
    });

    test('revoked on another server: 401 at once, whatever the request', async () => {
        const token = await freshToken();
        await warm(first, token);
        expectStatus(await second.api('POST', '/auth/logout', { token }), 204);
        await allDead(first, token);
        await allDead(second, token);
    });

    test('expired: 401', async () => {
        const token = await freshToken();
        await warm(first, token);
        sqlRows(first.dbUrl, `UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z' WHERE user_id = ${user.user.id}`);
        await allDead(first, token);
        user.token = await freshToken(); // the registration's token expired with the others
    });

    test('missing and invalid tokens: 401 as before', async () => {
        for (const p of reads(job.id)) {
            expectError(await first.api('GET', p), 401, 'unauthorized');
            const res = await first.api('GET', p, { token: 'not-a-token' });
            assert.deepEqual(res.body, DEAD);
        }
    });

    test('last_used_at due and the admin flag changed: looked up again, same answers', async () => {
        const token = await freshToken();
        const bodies = await warm(first, token);
        sqlRows(first.dbUrl, `UPDATE sessions SET last_used_at = '2000-01-01T00:00:00Z' WHERE user_id = ${user.user.id}`);
        assert.deepEqual(await Promise.all(reads(job.id).map(async (p) => (await first.api('GET', p, { token })).text)), bodies);
        const [[used]] = sqlRows(first.dbUrl, `SELECT max(last_used_at) FROM sessions WHERE user_id = ${user.user.id}`);
        assert.ok(!used.startsWith('2000'), `last_used_at refreshed: ${used}`);
        sqlRows(first.dbUrl, `UPDATE users SET is_admin = ${ENGINE === 'postgresql' ? 'true' : 1} WHERE id = ${user.user.id}`);
        assert.deepEqual(await Promise.all(reads(job.id).map(async (p) => (await first.api('GET', p, { token })).text)), bodies);
        sqlRows(first.dbUrl, `UPDATE users SET is_admin = ${ENGINE === 'postgresql' ? 'false' : 0} WHERE id = ${user.user.id}`);
    });

    test('another user\'s token never reads this user\'s rows', async () => {
        const other = await registerUser(first);
        await warm(first, other.token); // 404s for the job: the token is known to the server now
        expectError(await first.api('GET', `/jobs/${job.id}`, { token: other.token }), 404, 'not_found');
        const list = expectStatus(await first.api('GET', '/jobs?limit=5', { token: other.token }), 200);
        assert.equal(list.total, 0);
        expectError(await first.api('GET', `/applications/${app.id}`, { token: other.token }), 404, 'not_found');
        assert.equal(expectStatus(await first.api('GET', '/applications', { token: other.token }), 200).total, 0);
    });
});

/* The hash's parameters as argon2id writes them into the string: $argon2id$v=19$m=KIB,t=PASSES,p=1$. */
const hashOf = (srv, userId) => sqlRows(srv.dbUrl, `SELECT hashed_password FROM users WHERE id = ${userId}`)[0][0];

describe('the password hash\'s cost', () => {
    test('by default libsodium\'s interactive limits (2 passes over 64 MiB), no warning; login verifies it', async () => {
        const srv = await startServer();
        try {
            const u = await registerUser(srv);
            assert.match(hashOf(srv, u.user.id), /^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
            srv.cli(['user', 'create', `${u.username}_cli`, `cli_${u.email}`, PASSWORD]);
            const [[cliHash]] = sqlRows(srv.dbUrl, `SELECT hashed_password FROM users WHERE username = '${u.username}_cli'`);
            assert.match(cliHash, /^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
            expectStatus(await loginWith(srv, { username: u.username, password: PASSWORD }), 200);
            assert.doesNotMatch(srv.stderr(), /COPILOT_TEST_WEAK_PASSWORD_HASH/);
        } finally { await srv.stop(); }
    });

    test('COPILOT_TEST_WEAK_PASSWORD_HASH=1 (the test knob): the minimum cost, a warning at start-up; hashes of either cost verify', async () => {
        const strong = await startServer();
        const u = await registerUser(strong);
        // a second server with the knob on the same database: it verifies the strong hash too
        const weak = await startServer({ dbUrl: strong.dbUrl, env: { COPILOT_TEST_WEAK_PASSWORD_HASH: '1' } });
        try {
            assert.match(weak.stderr(), /warning: COPILOT_TEST_WEAK_PASSWORD_HASH=1: .*for test suites only/);
            const v = await registerUser(weak);
            assert.match(hashOf(weak, v.user.id), /^\$argon2id\$v=19\$m=8,t=1,p=1\$/);
            expectStatus(await loginWith(weak, { username: v.username, password: PASSWORD }), 200);
            expectError(await loginWith(weak, { username: v.username, password: 'not the password' }), 401, 'unauthorized');
            expectStatus(await loginWith(weak, { username: u.username, password: PASSWORD }), 200);
            expectStatus(await loginWith(strong, { username: v.username, password: PASSWORD }), 200);
        } finally { await weak.stop(); await strong.stop(); }
    });

    test('any other value of the knob is ignored with a message: the production cost', async () => {
        const srv = await startServer({ env: { COPILOT_TEST_WEAK_PASSWORD_HASH: 'yes' } });
        try {
            assert.match(srv.stderr(), /ignoring COPILOT_TEST_WEAK_PASSWORD_HASH=yes/);
            const u = await registerUser(srv);
            assert.match(hashOf(srv, u.user.id), /^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
        } finally { await srv.stop(); }
    });
});
