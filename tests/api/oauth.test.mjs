/*
 * OAuth 2 authorization-code flow with state and PKCE, against a fake provider served by this
 * test (node:http): /token checks the code and the PKCE verifier, /userinfo the access token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';

import { expectError, expectStatus, readBody, registerUser, startServer } from './helpers.mjs';

const issued = new Map(); // code -> { challenge, user }
let provider, providerBase, srv;
let nextUser = { sub: 'gh-1', email: 'Octo@Example.com', login: 'octocat' };

before(async () => {
    provider = http.createServer(async (req, res) => {
        const url = new URL(req.url, 'http://x');
        const json = (status, body) => {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(body));
        };
        if (url.pathname === '/token' && req.method === 'POST') {
            const form = new URLSearchParams(await readBody(req));
            const grant = issued.get(form.get('code'));
            const verifier = form.get('code_verifier') || '';
            const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
            if (!grant || grant.challenge !== challenge || form.get('client_id') !== 'cid' ||
                form.get('client_secret') !== 'secret' || form.get('grant_type') !== 'authorization_code')
                return json(400, { error: 'invalid_grant' });
            issued.delete(form.get('code'));
            return json(200, { access_token: `at-${grant.user.sub}`, token_type: 'bearer' });
        }
        if (url.pathname === '/userinfo') {
            const auth = req.headers.authorization || '';
            if (!auth.startsWith('Bearer at-')) return json(401, { error: 'invalid_token' });
            return json(200, nextUser);
        }
        json(404, {});
    });
    await new Promise((r) => provider.listen(0, '127.0.0.1', r));
    providerBase = `http://127.0.0.1:${provider.address().port}`;
    srv = await startServer({
        env: {
            COPILOT_OAUTH_FAKE_CLIENT_ID: 'cid',
            COPILOT_OAUTH_FAKE_CLIENT_SECRET: 'secret',
            COPILOT_OAUTH_FAKE_AUTHORIZE_URL: `${providerBase}/authorize`,
            COPILOT_OAUTH_FAKE_TOKEN_URL: `${providerBase}/token`,
            COPILOT_OAUTH_FAKE_USERINFO_URL: `${providerBase}/userinfo`,
            COPILOT_OAUTH_FAKE_REDIRECT_URI: 'http://localhost/cb',
        },
    });
});

after(async () => {
    await srv?.stop();
    provider?.close();
});

/* The cookie /start sets to bind its state to the browser, as that browser sends it back. */
function stateCookie(res) {
    const set = res.headers.get('set-cookie') || '';
    const m = /copilot_oauth_state=([^;,]*)/.exec(set);
    assert.ok(m, `no state cookie: ${set}`);
    return `copilot_oauth_state=${m[1]}`;
}

/* GET of the callback with code and state, sent with the cookie of the browser that started
 * the flow (cookie) when given. */
function callback(code, state, cookie) {
    const q = new URLSearchParams();
    if (code !== undefined) q.set('code', code);
    if (state !== undefined) q.set('state', state);
    return srv.api('GET', `/auth/oauth/fake/callback?${q}`, cookie ? { headers: { cookie } } : {});
}

/* Runs /start, "authorises" at the fake provider and returns {code, state, cookie}. */
async function authorise(user) {
    const res = await srv.api('GET', '/auth/oauth/fake/start');
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location'));
    assert.equal(location.origin + location.pathname, `${providerBase}/authorize`);
    const q = location.searchParams;
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('client_id'), 'cid');
    assert.equal(q.get('redirect_uri'), 'http://localhost/cb');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.ok(q.get('state').length >= 43);
    const code = crypto.randomBytes(8).toString('hex');
    issued.set(code, { challenge: q.get('code_challenge'), user });
    const cookie = stateCookie(res);
    assert.equal(cookie, `copilot_oauth_state=${q.get('state')}`);
    return { code, state: q.get('state'), cookie };
}

describe('oauth', () => {
    test('GET /auth/providers needs no token and lists the configured providers', async () => {
        const body = expectStatus(await srv.api('GET', '/auth/providers'), 200);
        assert.deepEqual(body, { password: true, oauth: [{ name: 'fake', start_url: '/api/v1/auth/oauth/fake/start' }] });
        // the start URL it names is the one that works
        assert.equal((await srv.request('GET', body.oauth[0].start_url)).status, 302);
    });

    test('a provider missing a setting is not offered; none configured gives an empty list', async () => {
        const other = await startServer({ env: {
            COPILOT_OAUTH_HALF_CLIENT_ID: 'cid', COPILOT_OAUTH_HALF_AUTHORIZE_URL: 'http://127.0.0.1:9/a',
            COPILOT_OAUTH_ZED_CLIENT_ID: 'z', COPILOT_OAUTH_ZED_CLIENT_SECRET: 's',
            COPILOT_OAUTH_ZED_AUTHORIZE_URL: 'http://127.0.0.1:9/a', COPILOT_OAUTH_ZED_TOKEN_URL: 'http://127.0.0.1:9/t',
            COPILOT_OAUTH_ZED_USERINFO_URL: 'http://127.0.0.1:9/u', COPILOT_OAUTH_ZED_REDIRECT_URI: 'http://localhost/?oauth=zed',
            COPILOT_OAUTH_ACME_ID_CLIENT_ID: 'a', COPILOT_OAUTH_ACME_ID_CLIENT_SECRET: 's',
            COPILOT_OAUTH_ACME_ID_AUTHORIZE_URL: 'http://127.0.0.1:9/a', COPILOT_OAUTH_ACME_ID_TOKEN_URL: 'http://127.0.0.1:9/t',
            COPILOT_OAUTH_ACME_ID_USERINFO_URL: 'http://127.0.0.1:9/u', COPILOT_OAUTH_ACME_ID_REDIRECT_URI: 'http://localhost/?oauth=acme_id',
        } });
        try {
            const body = expectStatus(await other.api('GET', '/auth/providers'), 200);
            assert.deepEqual(body.oauth.map((p) => p.name), ['acme_id', 'zed'], 'complete ones only, by name');
            assert.equal(body.password, true);
        } finally {
            await other.stop();
        }
        const none = await startServer();
        try {
            assert.deepEqual(expectStatus(await none.api('GET', '/auth/providers'), 200), { password: true, oauth: [] });
        } finally {
            await none.stop();
        }
    });

    test('unknown or unconfigured provider answers 404', async () => {
        expectError(await srv.api('GET', '/auth/oauth/nope/start'), 404, 'not_found');
        expectError(await srv.api('GET', '/auth/oauth/nope/callback?code=a&state=b'), 404, 'not_found');
    });

    test('callback creates the user, then logs the same identity in again', async () => {
        nextUser = { sub: 'gh-1', email: 'Octo@Example.com', login: 'octocat', avatar_url: 'https://img/x.png' };
        const { code, state, cookie } = await authorise(nextUser);
        const res = await callback(code, state, cookie);
        const body = expectStatus(res, 200);
        // the spent state's cookie is cleared
        assert.match(res.headers.get('set-cookie') || '', /^copilot_oauth_state=; Path=\/api\/v1\/auth\/oauth\/; Max-Age=0;/);
        assert.equal(body.token_type, 'bearer');
        assert.equal(body.user.username, 'octocat');
        assert.equal(body.user.email, 'octo@example.com');
        assert.equal(body.user.oauth_provider, 'fake');
        assert.equal(body.user.has_password, false);
        assert.equal(body.user.profile_picture_url, 'https://img/x.png');
        const me = expectStatus(await srv.api('GET', '/users/me', { token: body.access_token }), 200);
        assert.equal(me.id, body.user.id);

        const again = await authorise(nextUser);
        const second = expectStatus(await callback(again.code, again.state, again.cookie), 200);
        assert.equal(second.user.id, body.user.id);
    });

    test('a state works once, and only with its own PKCE verifier', async () => {
        nextUser = { sub: 'gh-2', email: 'two@example.com', login: 'octocat' };
        const { code, state, cookie } = await authorise(nextUser);
        const ok = expectStatus(await callback(code, state, cookie), 200);
        assert.notEqual(ok.user.username, 'octocat'); // taken: a suffix makes it unique
        assert.match(ok.user.username, /^octocat-[0-9a-f]{8}$/);
        issued.set('replay', { challenge: 'x', user: nextUser });
        expectError(await callback('replay', state, cookie), 400, 'bad_request', 'state');
        expectError(await callback('x', 'forged', 'copilot_oauth_state=forged'), 400, 'bad_request', 'state');
        expectError(await callback(undefined, 'x', 'copilot_oauth_state=x'), 400, 'bad_request');
    });

    test('a code the provider refuses is 401; an e-mail owned by a password account is 409', async () => {
        const { state, cookie } = await authorise(nextUser);
        expectError(await callback('unknown', state, cookie), 401, 'unauthorized');
        const local = await registerUser(srv);
        nextUser = { sub: 'gh-3', email: local.email, login: 'someone' };
        const grant = await authorise(nextUser);
        expectError(await callback(grant.code, grant.state, grant.cookie), 409, 'conflict', 'email');
    });

    // Third hostile probe (docs/security.md): the state was not bound to the browser that
    // started the flow. An attacker starts one, authorises it with their own provider account,
    // and sends the address the provider gives back (code and state) to a victim: the victim's
    // page finished it and was signed into the attacker's account (login CSRF), where what the
    // victim then stored was the attacker's to read. Before the fix that callback answered 200.
    test("another browser's code and state do not sign this one in; the state stays its starter's", async () => {
        nextUser = { sub: 'gh-attacker', email: 'attacker@example.com', login: 'attacker' };
        const attacker = await authorise(nextUser);
        for (const victimCookie of [undefined, 'copilot_oauth_state=', 'other=1',
            (await authorise(nextUser)).cookie]) { // the victim's own flow, started meanwhile
            const res = await callback(attacker.code, attacker.state, victimCookie);
            const error = expectError(res, 400, 'bad_request', 'state');
            assert.match(error.message, /browser/);
            assert.equal(res.headers.get('set-cookie'), null);
        }
        // nothing was spent: the browser that started the flow still finishes it
        const own = expectStatus(await callback(attacker.code, attacker.state, attacker.cookie), 200);
        assert.equal(own.user.email, 'attacker@example.com');
    });

    test('the state cookie: HttpOnly, SameSite=Lax, the callback path only, 10 minutes; Secure over https', async () => {
        const res = await srv.api('GET', '/auth/oauth/fake/start');
        const set = res.headers.get('set-cookie');
        const state = new URL(res.headers.get('location')).searchParams.get('state');
        assert.equal(set, `copilot_oauth_state=${state}; Path=/api/v1/auth/oauth/; Max-Age=600; HttpOnly; SameSite=Lax`);
        // a forwarded https from a peer that is no trusted proxy changes nothing
        const forged = await srv.api('GET', '/auth/oauth/fake/start', { headers: { 'x-forwarded-proto': 'https' } });
        assert.doesNotMatch(forged.headers.get('set-cookie'), /Secure/);
        const env = {
            COPILOT_OAUTH_FAKE_CLIENT_ID: 'cid', COPILOT_OAUTH_FAKE_AUTHORIZE_URL: `${providerBase}/authorize`,
            COPILOT_OAUTH_FAKE_TOKEN_URL: `${providerBase}/token`, COPILOT_OAUTH_FAKE_USERINFO_URL: `${providerBase}/userinfo`,
            COPILOT_OAUTH_FAKE_REDIRECT_URI: 'https://copilot.example/?oauth=fake',
        };
        for (const extra of [{ COPILOT_PUBLIC_URL: 'https://copilot.example' }, { COPILOT_TRUSTED_PROXIES: '127.0.0.1' }]) {
            const other = await startServer({ env: { ...env, ...extra } });
            try {
                const headers = extra.COPILOT_TRUSTED_PROXIES ? { 'x-forwarded-proto': 'https' } : {};
                const got = await other.api('GET', '/auth/oauth/fake/start', { headers });
                assert.match(got.headers.get('set-cookie'), /; HttpOnly; SameSite=Lax; Secure$/);
            } finally {
                await other.stop();
            }
        }
    });
});
