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

/* Runs /start, "authorises" at the fake provider and returns {code, state}. */
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
    return { code, state: q.get('state') };
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
        const { code, state } = await authorise(nextUser);
        const res = await srv.api('GET', `/auth/oauth/fake/callback?code=${code}&state=${state}`);
        const body = expectStatus(res, 200);
        assert.equal(body.token_type, 'bearer');
        assert.equal(body.user.username, 'octocat');
        assert.equal(body.user.email, 'octo@example.com');
        assert.equal(body.user.oauth_provider, 'fake');
        assert.equal(body.user.has_password, false);
        assert.equal(body.user.profile_picture_url, 'https://img/x.png');
        const me = expectStatus(await srv.api('GET', '/users/me', { token: body.access_token }), 200);
        assert.equal(me.id, body.user.id);

        const again = await authorise(nextUser);
        const second = expectStatus(await srv.api('GET',
            `/auth/oauth/fake/callback?code=${again.code}&state=${again.state}`), 200);
        assert.equal(second.user.id, body.user.id);
    });

    test('a state works once, and only with its own PKCE verifier', async () => {
        nextUser = { sub: 'gh-2', email: 'two@example.com', login: 'octocat' };
        const { code, state } = await authorise(nextUser);
        const ok = expectStatus(await srv.api('GET', `/auth/oauth/fake/callback?code=${code}&state=${state}`), 200);
        assert.notEqual(ok.user.username, 'octocat'); // taken: a suffix makes it unique
        assert.match(ok.user.username, /^octocat-[0-9a-f]{8}$/);
        issued.set('replay', { challenge: 'x', user: nextUser });
        expectError(await srv.api('GET', `/auth/oauth/fake/callback?code=replay&state=${state}`), 400, 'bad_request', 'state');
        expectError(await srv.api('GET', '/auth/oauth/fake/callback?code=x&state=forged'), 400, 'bad_request', 'state');
        expectError(await srv.api('GET', '/auth/oauth/fake/callback?state=x'), 400, 'bad_request');
    });

    test('a code the provider refuses is 401; an e-mail owned by a password account is 409', async () => {
        const { state } = await authorise(nextUser);
        expectError(await srv.api('GET', `/auth/oauth/fake/callback?code=unknown&state=${state}`), 401, 'unauthorized');
        const local = await registerUser(srv);
        nextUser = { sub: 'gh-3', email: local.email, login: 'someone' };
        const grant = await authorise(nextUser);
        expectError(await srv.api('GET', `/auth/oauth/fake/callback?code=${grant.code}&state=${grant.state}`), 409, 'conflict', 'email');
    });
});
