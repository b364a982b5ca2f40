// Login throttling in the database (SPEC part E "Several servers, one database"; issue 8
// item 6; docs/security.md "Login throttling"): the account's budget is keyed by the resolved
// account, whatever name or e-mail was typed, and an unknown name has a budget of its own that
// answers exactly like an account's; the counters are shared by every server on the database and
// survive a restart; the per-address budget is slower and higher and never refuses the right
// password of an account that is not itself under attack; X-Forwarded-For is believed only from
// COPILOT_TRUSTED_PROXIES.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    BIN, PASSWORD, expectError, expectStatus, freshDatabase, registerUser, startServer, uniqueName,
} from './helpers.mjs';

const ACCOUNT_LIMIT = 10;

/* POST /auth/login with body, from the address given (an X-Forwarded-For header; only believed
 * when the server trusts the proxy it came through). */
function attempt(srv, body, { from } = {}) {
    const headers = from ? { 'x-forwarded-for': from } : {};
    return srv.api('POST', '/auth/login', { body, headers });
}

/* Fails n times on login (a name or an e-mail) and checks each is a plain 401. */
async function fail(srv, login, n, opts) {
    for (let i = 0; i < n; i++)
        expectError(await attempt(srv, { username: login, password: `wrong-password-${i}` }, opts), 401, 'unauthorized');
}

/* Asserts a 429 rate_limited with a Retry-After of 1..max seconds. */
function expectLimited(res, max) {
    expectError(res, 429, 'rate_limited');
    const retry = res.headers.get('retry-after');
    assert.match(retry || '', /^\d+$/, `Retry-After in seconds, got ${retry}`);
    assert.ok(Number(retry) >= 1 && Number(retry) <= max, `Retry-After ${retry} within 1..${max}`);
}

describe('login throttling: one budget per account', () => {
    let srv;
    before(async () => { srv = await startServer(); });
    after(async () => { await srv?.stop(); });

    test('erin and erin@ex.com share one budget (the probe got a second one)', async () => {
        const erin = await registerUser(srv);
        // five wrong passwords as the name, five as the e-mail (any case): ten on one account
        await fail(srv, erin.username, 5);
        await fail(srv, erin.email.toUpperCase(), 5);
        // the budget is spent whatever is typed, and the right password waits too
        expectLimited(await attempt(srv, { email: erin.email, password: PASSWORD }), 900);
        expectLimited(await attempt(srv, { username: erin.username, password: PASSWORD }), 900);
        expectLimited(await attempt(srv, { login: erin.email, password: 'wrong-again' }), 900);
        // another account is untouched
        const other = await registerUser(srv);
        expectStatus(await attempt(srv, { username: other.username, password: PASSWORD }), 200);
    });

    test('a name that matches no account answers exactly like an account', async () => {
        const real = await registerUser(srv);
        const ghost = uniqueName('ghost');
        const seen = { real: [], ghost: [] };
        for (let i = 0; i <= ACCOUNT_LIMIT; i++) {
            const a = await attempt(srv, { username: real.username, password: `nope-${i}-nope` });
            const b = await attempt(srv, { username: ghost, password: `nope-${i}-nope` });
            seen.real.push(a.status);
            seen.ghost.push(b.status);
            if (a.status === 401) assert.deepEqual(b.body, a.body, 'the same 401 for a name that exists and one that does not');
            else assert.equal(b.body.error.code, a.body.error.code);
        }
        assert.deepEqual(seen.ghost, seen.real);
        assert.deepEqual(seen.real, [...Array(ACCOUNT_LIMIT).fill(401), 429]);
        // the unknown name's budget is its own, whatever its case
        expectLimited(await attempt(srv, { username: ghost.toUpperCase(), password: 'x-x-x-x-x' }), 900);
    });

    test('a success forgets the account\'s failures', async () => {
        const user = await registerUser(srv);
        await fail(srv, user.username, ACCOUNT_LIMIT - 1);
        expectStatus(await attempt(srv, { username: user.username, password: PASSWORD }), 200);
        await fail(srv, user.username, ACCOUNT_LIMIT - 1);
        expectStatus(await attempt(srv, { username: user.username, password: PASSWORD }), 200);
    });

    test('concurrent guesses cannot exceed the budget', async () => {
        const user = await registerUser(srv);
        const all = await Promise.all(Array.from({ length: 3 * ACCOUNT_LIMIT }, (_, i) =>
            attempt(srv, { username: user.username, password: `parallel-${i}-guess` })));
        const checked = all.filter((r) => r.status === 401).length;
        assert.ok(all.every((r) => [401, 429].includes(r.status)), all.map((r) => r.status).join(','));
        assert.ok(checked <= ACCOUNT_LIMIT, `${checked} passwords were checked, the budget is ${ACCOUNT_LIMIT}`);
    });
});

describe('login throttling: shared by every server and kept across restarts', () => {
    let tmp;
    let dbUrl;
    let first;
    let second;
    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-throttle-'));
        dbUrl = freshDatabase(tmp); // our own: stop() of a server does not remove it
        first = await startServer({ dbUrl });
        second = await startServer({ dbUrl });
    });
    after(async () => {
        await second?.stop();
        await first?.stop();
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('failures through two servers add up; both refuse', async () => {
        const user = await registerUser(first);
        await fail(first, user.username, ACCOUNT_LIMIT / 2);
        await fail(second, user.email, ACCOUNT_LIMIT / 2);
        expectLimited(await attempt(first, { username: user.username, password: PASSWORD }), 900);
        expectLimited(await attempt(second, { username: user.username, password: PASSWORD }), 900);
    });

    test('a restart keeps the counters', async () => {
        const user = await registerUser(first);
        await fail(first, user.username, ACCOUNT_LIMIT);
        await first.stop();
        await second.stop();
        first = await startServer({ dbUrl });
        second = null;
        expectLimited(await attempt(first, { username: user.username, password: PASSWORD }), 900);
    });
});

describe('login throttling: the per-address budget', () => {
    test('50 failures from one address do not lock out another account (defaults)', async () => {
        const srv = await startServer();
        try {
            const victim = await registerUser(srv);
            for (let i = 0; i < 5; i++) await fail(srv, uniqueName('sprayed'), ACCOUNT_LIMIT);
            expectStatus(await attempt(srv, { username: victim.username, password: PASSWORD }), 200);
        } finally {
            await srv.stop();
        }
    });

    test('a spent address budget stops only accounts under attack', async () => {
        // an address budget of 6 so the test spends it quickly; X-Forwarded-For names addresses
        const srv = await startServer({ env: { COPILOT_LOGIN_ADDRESS_LIMIT: '6', COPILOT_TRUSTED_PROXIES: '127.0.0.1' } });
        try {
            const attacked = await registerUser(srv);
            const bystander = await registerUser(srv);
            const from = '198.51.100.20';
            await fail(srv, attacked.username, 3, { from }); // 3 failures: under attack
            await fail(srv, uniqueName('nobody'), 3, { from }); // the address has spent 6
            // the address may still sign in an account that is not under attack ...
            expectStatus(await attempt(srv, { username: bystander.username, password: PASSWORD }, { from }), 200);
            // ... and try one that is not (a first wrong password is a 401, not a 429)
            const fresh = await registerUser(srv);
            await fail(srv, fresh.username, 1, { from });
            // but not the account under attack, not even with its password
            expectLimited(await attempt(srv, { username: attacked.username, password: PASSWORD }, { from }), 900);
            // which signs in from any other address
            expectStatus(await attempt(srv, { username: attacked.username, password: PASSWORD }, { from: '203.0.113.5' }), 200);
        } finally {
            await srv.stop();
        }
    });

    test('without trusted proxies X-Forwarded-For is ignored (no escape by forging it)', async () => {
        const srv = await startServer({ env: { COPILOT_LOGIN_ADDRESS_LIMIT: '6' } });
        try {
            const attacked = await registerUser(srv);
            for (let i = 0; i < 6; i++)
                expectError(await attempt(srv, { username: attacked.username, password: `bad-${i}-pass` }, { from: `192.0.2.${i + 1}` }), 401, 'unauthorized');
            // all six came from 127.0.0.1: its budget is spent and the account is under attack
            expectLimited(await attempt(srv, { username: attacked.username, password: PASSWORD }, { from: '192.0.2.99' }), 900);
        } finally {
            await srv.stop();
        }
    });

    test('a COPILOT_TRUSTED_PROXIES entry that is no address stops the server from starting', () => {
        let failure;
        try {
            execFileSync(BIN, ['serve', '--port', '0'], {
                env: { ...process.env, COPILOT_TRUSTED_PROXIES: '10.0.0.0/8, proxy.example', COPILOT_DATABASE_URL: 'sqlite::memory:' },
                stdio: ['ignore', 'pipe', 'pipe'], timeout: 10000,
            });
        } catch (e) {
            failure = e;
        }
        assert.ok(failure, 'serve should refuse to start');
        assert.equal(failure.status, 2);
        assert.match(String(failure.stderr), /COPILOT_TRUSTED_PROXIES.*proxy\.example/);
    });
});
