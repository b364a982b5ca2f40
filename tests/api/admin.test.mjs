// Admin routes: GET /admin/users, PATCH /admin/users/{id} (is_admin), DELETE /admin/users/{id},
// open to is_admin users only; admins made with the CLI (`copilot user create ... --admin`,
// `copilot user set-admin`) (SPEC part B "Admin", part D "copilot user").

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    ENGINE, PASSWORD, createAdmin, createApplication, expectError, expectStatus, itemsOf, login,
    registerUser, sqlRows, startServer, uniqueName,
} from './helpers.mjs';

describe('admin', () => {
    let srv;
    let admin;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        admin = await createAdmin(srv);
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const listUsers = (who, query = '') => srv.api('GET', `/admin/users${query}`, { token: who?.token });
    const allUsers = async () => {
        const body = expectStatus(await listUsers(admin, '?limit=100'), 200);
        return itemsOf(body);
    };

    test('the CLI-made admin logs in and is_admin is true', async () => {
        const me = expectStatus(await srv.api('GET', '/users/me', { token: admin.token }), 200);
        assert.equal(me.is_admin, true);
        assert.equal(me.username, admin.username);
    });

    test('non-admins → 403 forbidden on every admin route; no token → 401', async () => {
        const routes = [
            ['GET', '/admin/users', undefined],
            ['PATCH', `/admin/users/${bob.user.id}`, { is_admin: true }],
            ['DELETE', `/admin/users/${bob.user.id}`, undefined],
        ];
        for (const [method, p, body] of routes) {
            expectError(await srv.api(method, p, { token: alice.token, body }), 403, 'forbidden');
            expectError(await srv.api(method, p, { body }), 401, 'unauthorized');
        }
        expectStatus(await srv.api('GET', '/users/me', { token: bob.token }), 200);
        assert.equal(expectStatus(await srv.api('GET', '/users/me', { token: bob.token }), 200).is_admin, false);
    });

    test('GET /admin/users lists every user without password material', async () => {
        const res = await listUsers(admin);
        const body = expectStatus(res, 200);
        const items = itemsOf(body);
        if (!Array.isArray(body)) {
            assert.ok(body.total >= 3);
            assert.equal(body.offset, 0);
        }
        const ids = items.map((u) => u.id);
        for (const who of [admin, alice, bob]) assert.ok(ids.includes(who.user.id), `${who.username} listed`);
        const a = items.find((u) => u.id === alice.user.id);
        assert.equal(a.username, alice.username);
        assert.equal(a.email, alice.email);
        assert.equal(a.is_admin, false);
        assert.ok(!res.text.includes('hashed_password'));
        assert.ok(!/\$argon2/.test(res.text));
    });

    test('GET /admin/users pages', async () => {
        const body = expectStatus(await listUsers(admin, '?limit=1'), 200);
        assert.equal(body.items.length, 1);
        assert.equal(body.limit, 1);
        assert.ok(body.total >= 3);
        expectError(await listUsers(admin, '?limit=101'), 422, 'validation_failed');
    });

    test('PATCH is_admin grants and revokes admin rights at once', async () => {
        const granted = expectStatus(await srv.api('PATCH', `/admin/users/${alice.user.id}`, { token: admin.token, body: { is_admin: true } }), 200);
        assert.equal(granted.is_admin, true);
        assert.equal(granted.id, alice.user.id);
        assert.equal('hashed_password' in granted, false);
        expectStatus(await listUsers(alice), 200);
        const revoked = expectStatus(await srv.api('PATCH', `/admin/users/${alice.user.id}`, { token: admin.token, body: { is_admin: false } }), 200);
        assert.equal(revoked.is_admin, false);
        expectError(await listUsers(alice), 403, 'forbidden');
    });

    test('a raw SQL change of users.is_admin shows on the next request; a session never has its own', async () => {
        // sessions.is_admin is kept by triggers (migration 0080): a forgotten one fails here
        const [yes, no] = ENGINE === 'postgresql' ? ['true', 'false'] : ['1', '0'];
        const carol = await registerUser(srv);
        expectError(await listUsers(carol), 403, 'forbidden');
        sqlRows(srv.dbUrl, `UPDATE users SET is_admin = ${yes} WHERE id = ${carol.user.id}`);
        expectStatus(await listUsers(carol), 200);
        sqlRows(srv.dbUrl, `UPDATE sessions SET is_admin = ${no} WHERE user_id = ${carol.user.id}`);
        expectStatus(await listUsers(carol), 200);
        const again = await login(srv, carol.user.username, PASSWORD);
        expectStatus(await srv.api('GET', '/admin/users', { token: again }), 200);
        sqlRows(srv.dbUrl, `UPDATE users SET is_admin = ${no} WHERE id = ${carol.user.id}`);
        expectError(await listUsers(carol), 403, 'forbidden');
        expectError(await srv.api('GET', '/admin/users', { token: again }), 403, 'forbidden');
        sqlRows(srv.dbUrl, `UPDATE sessions SET is_admin = ${yes} WHERE user_id = ${carol.user.id}`);
        expectError(await listUsers(carol), 403, 'forbidden');
        const [[n]] = sqlRows(srv.dbUrl, `SELECT count(*) FROM sessions WHERE user_id = ${carol.user.id} AND is_admin`);
        assert.equal(n, '0');
    });

    test('PATCH validation and missing users', async () => {
        const cases = [
            [{ is_admin: 'yes' }, 'is_admin'],
            [{ is_admin: null }, 'is_admin'],
            [{ colour: 'teal' }, 'colour'],
            [{ id: 1 }, 'id'],
            [{ hashed_password: 'x' }, 'hashed_password'],
        ];
        for (const [body, field] of cases) {
            const res = await srv.api('PATCH', `/admin/users/${bob.user.id}`, { token: admin.token, body });
            expectError(res, 422, 'validation_failed', field);
        }
        for (const id of ['99999999', 'abc'])
            expectError(await srv.api('PATCH', `/admin/users/${id}`, { token: admin.token, body: { is_admin: true } }), 404, 'not_found');
        const b = (await allUsers()).find((u) => u.id === bob.user.id);
        assert.equal(b.is_admin, false);
    });

    test('copilot user set-admin USERNAME makes an admin', async () => {
        const carol = await registerUser(srv);
        expectError(await listUsers(carol), 403, 'forbidden');
        srv.cli(['user', 'set-admin', carol.username]);
        expectStatus(await listUsers(carol), 200);
        const token = await login(srv, carol.username);
        expectStatus(await listUsers({ token }), 200);
    });

    test('copilot user create without --admin makes a plain user', async () => {
        const name = uniqueName('plain');
        srv.cli(['user', 'create', name, `${name}@example.com`, PASSWORD]);
        const token = await login(srv, name);
        expectError(await listUsers({ token }), 403, 'forbidden');
    });

    test('DELETE /admin/users/{id} → 204; the user, their sessions and rows are gone', async () => {
        const dave = await registerUser(srv);
        const app = await createApplication(srv, dave.token, { notes: 'doomed' });
        const res = await srv.api('DELETE', `/admin/users/${dave.user.id}`, { token: admin.token });
        expectStatus(res, 204);
        assert.equal(res.text, '');
        expectError(await srv.api('GET', '/users/me', { token: dave.token }), 401, 'unauthorized');
        const relogin = await srv.api('POST', '/auth/login', { body: { username: dave.username, password: PASSWORD } });
        expectError(relogin, 401, 'unauthorized');
        assert.ok(!(await allUsers()).some((u) => u.id === dave.user.id));
        expectError(await srv.api('DELETE', `/admin/users/${dave.user.id}`, { token: admin.token }), 404, 'not_found');
        // a new account under the same name starts empty
        const again = await registerUser(srv, dave.username);
        const jobs = expectStatus(await srv.api('GET', '/jobs', { token: again.token }), 200);
        assert.equal(jobs.total, 0);
        expectError(await srv.api('GET', `/applications/${app.id}`, { token: again.token }), 404, 'not_found');
    });

    test('deleting one user leaves the others alone', async () => {
        for (const who of [admin, alice, bob])
            expectStatus(await srv.api('GET', '/users/me', { token: who.token }), 200);
    });
});
