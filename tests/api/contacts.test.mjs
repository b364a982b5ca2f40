// Contacts (SPEC part E, "Contacts and tasks"): CRUD with validation, search, filters and sort,
// ownership (another user's contact is 404), and the contacts of an application: link with a
// relation, link again to change it, list, read one link, unlink; another user's contact in the
// body is 404 naming contact_id, as POST /applications treats another user's job_id; links go
// with their application or contact; the export carries both tables.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    assertTimestamp, createApplication, expectError, expectStatus, registerUser, startServer, testRefusedFields,
} from './helpers.mjs';

const RELATIONS = ['recruiter', 'hiring_manager', 'interviewer', 'referrer', 'other'];

describe('contacts', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const call = (who, method, p, opts = {}) => srv.api(method, p, { token: who.token, ...opts });
    const create = async (who, body) => expectStatus(await call(who, 'POST', '/contacts', { body }), 201);

    describe('POST /contacts', () => {
        test('201 with Location, every field, no applications yet', async () => {
            const body = {
                name: 'Ada Lovelace', email: 'ada@analytical.example', phone: '+44 20 7946 0000',
                company: 'Analytical Engines', role: 'Engineering manager',
                linkedin_url: 'https://www.linkedin.com/in/ada', notes: 'Met at the meetup',
            };
            const res = await call(alice, 'POST', '/contacts', { body });
            const c = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/contacts/${c.id}$`));
            for (const [k, v] of Object.entries(body)) assert.equal(c[k], v, k);
            assert.equal(c.user_id, alice.user.id);
            assert.equal(c.application_count, 0);
            assert.deepEqual(c.applications, []);
            assert.equal(c.row_version, 1);
            assertTimestamp(c.created_at);
            assertTimestamp(c.updated_at);
            const got = expectStatus(await call(alice, 'GET', `/contacts/${c.id}`), 200);
            assert.deepEqual(got, c);
        });

        test('only the name is required; the rest is null', async () => {
            const c = await create(alice, { name: 'Grace' });
            for (const k of ['email', 'phone', 'company', 'role', 'linkedin_url', 'notes']) assert.equal(c[k], null, k);
        });

        const invalid = [
            ['name', undefined], ['name', null], ['name', ''], ['name', '   '], ['name', 'x'.repeat(201)],
            ['name', 5], ['email', 'not-an-address'], ['email', 'a@b'], ['phone', ''],
            ['phone', '1'.repeat(51)], ['company', 'c'.repeat(201)], ['role', ''],
            ['linkedin_url', 'javascript:alert(1)'], ['linkedin_url', 'ftp://x.example/in/a'],
            ['notes', 1], ['colour', 'teal'], ['id', 1], ['user_id', 1], ['application_count', 3],
            ['created_at', '2020-01-01T00:00:00Z'], ['row_version', 2],
        ];
        testRefusedFields(invalid, () => ({ name: 'Valid Name' }),
            (body) => call(alice, 'POST', '/contacts', { body }));

        test('a name of 200 characters (and of 200 non-ASCII ones) is fine', async () => {
            await create(alice, { name: 'n'.repeat(200) });
            await create(alice, { name: 'é'.repeat(200) });
        });

        test('malformed JSON → 400, no token → 401, not JSON → 415', async () => {
            expectError(await call(alice, 'POST', '/contacts', { raw: '{"name": ' }), 400, 'bad_request');
            expectError(await srv.api('POST', '/contacts', { body: { name: 'x' } }), 401, 'unauthorized');
            expectError(await call(alice, 'POST', '/contacts', { raw: 'name=x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
        });
    });

    describe('GET /contacts', () => {
        let carol;
        before(async () => {
            carol = await registerUser(srv);
            await create(carol, { name: 'Zoe Zimmer', company: 'Initech', role: 'Recruiter', notes: 'talked about Kubernetes' });
            await create(carol, { name: 'Adam Abel', company: 'initech', email: 'adam@initech.example' });
            await create(carol, { name: 'Mia Moss', company: 'Globex' });
            await create(bob, { name: 'Bob\'s Secret Contact', company: 'Initech' });
        });

        const names = (body) => body.items.map((c) => c.name);

        test('own contacts only, sorted by name by default, with application_count', async () => {
            const body = expectStatus(await call(carol, 'GET', '/contacts'), 200);
            assert.deepEqual(names(body), ['Adam Abel', 'Mia Moss', 'Zoe Zimmer']);
            assert.equal(body.total, 3);
            for (const c of body.items) assert.equal(c.application_count, 0);
        });

        test('sort -name, company, created_at; an unknown sort → 422 naming sort', async () => {
            assert.deepEqual(names(expectStatus(await call(carol, 'GET', '/contacts?sort=-name'), 200)), ['Zoe Zimmer', 'Mia Moss', 'Adam Abel']);
            assert.deepEqual(names(expectStatus(await call(carol, 'GET', '/contacts?sort=-created_at'), 200)), ['Mia Moss', 'Adam Abel', 'Zoe Zimmer']);
            expectError(await call(carol, 'GET', '/contacts?sort=email'), 422, 'validation_failed', 'sort');
        });

        test('company matches in any case', async () => {
            const body = expectStatus(await call(carol, 'GET', '/contacts?company=INITECH'), 200);
            assert.deepEqual(names(body), ['Adam Abel', 'Zoe Zimmer']);
        });

        test('q searches name, e-mail, company, role and notes (word prefixes)', async () => {
            for (const [q, want] of [['zim', ['Zoe Zimmer']], ['kubernetes', ['Zoe Zimmer']], ['recruit', ['Zoe Zimmer']],
                ['adam@initech', ['Adam Abel']], ['globex', ['Mia Moss']], ['initech', ['Adam Abel', 'Zoe Zimmer']],
                ['nobody', []], ['Secret', []]]) {
                assert.deepEqual(names(expectStatus(await call(carol, 'GET', `/contacts?q=${encodeURIComponent(q)}`), 200)), want, q);
            }
        });

        test('q folds accents and capitals both ways, as SQLite\'s FTS5 does (migration 0091)', async () => {
            const dora = await registerUser(srv);
            await create(dora, { name: 'Émile Zola', company: 'Éditions Naïves' });
            await create(dora, { name: 'Chloe Plain', company: 'Naive Press', notes: 'ЁЖИК in node.js' });
            for (const [q, want] of [['emile', ['Émile Zola']], ['ÉMILE', ['Émile Zola']], ['éditions', ['Émile Zola']],
                ['naïve', ['Chloe Plain', 'Émile Zola']], ['NAIVE', ['Chloe Plain', 'Émile Zola']], ['chloé', ['Chloe Plain']],
                ['ёжик', ['Chloe Plain']], ['js', ['Chloe Plain']], ['🚀 zola', ['Émile Zola']]]) {
                assert.deepEqual(names(expectStatus(await call(dora, 'GET', `/contacts?q=${encodeURIComponent(q)}`), 200)), want, q);
            }
        });

        test('paging: limit and offset, total before paging', async () => {
            const body = expectStatus(await call(carol, 'GET', '/contacts?limit=2&offset=1'), 200);
            assert.deepEqual(names(body), ['Mia Moss', 'Zoe Zimmer']);
            assert.equal(body.total, 3);
            expectError(await call(carol, 'GET', '/contacts?limit=0'), 422, 'validation_failed', 'limit');
        });
    });

    describe('GET/PATCH/PUT/DELETE /contacts/{id}', () => {
        test('another user\'s, missing or malformed id → 404 everywhere', async () => {
            const c = await create(alice, { name: 'Private', notes: 'mine' });
            for (const [who, id] of [[bob, c.id], [alice, 99999999], [alice, 'abc'], [alice, '0']]) {
                expectError(await call(who, 'GET', `/contacts/${id}`), 404, 'not_found');
                expectError(await call(who, 'PATCH', `/contacts/${id}`, { body: { notes: 'x' } }), 404, 'not_found');
                expectError(await call(who, 'PUT', `/contacts/${id}`, { body: { name: 'x' } }), 404, 'not_found');
                expectError(await call(who, 'DELETE', `/contacts/${id}`), 404, 'not_found');
            }
            assert.equal(expectStatus(await call(alice, 'GET', `/contacts/${c.id}`), 200).notes, 'mine');
        });

        test('PATCH changes the fields given, a new version and updated_at', async () => {
            const c = await create(alice, { name: 'Sam', company: 'Acme', notes: 'first' });
            const res = await call(alice, 'PATCH', `/contacts/${c.id}`, { body: { role: 'Recruiter', notes: null } });
            const p = expectStatus(res, 200);
            assert.equal(p.role, 'Recruiter');
            assert.equal(p.notes, null);
            assert.equal(p.company, 'Acme');
            assert.equal(p.row_version, 2);
            assert.equal(res.headers.get('etag'), '"2"');
            expectError(await call(alice, 'PATCH', `/contacts/${c.id}`, { body: { name: null } }), 422, 'validation_failed', 'name');
            expectError(await call(alice, 'PATCH', `/contacts/${c.id}`, { body: { name: ' ' } }), 422, 'validation_failed', 'name');
        });

        test('PUT replaces: fields left out become null, the name is required', async () => {
            const c = await create(alice, { name: 'Sam', company: 'Acme', email: 'sam@acme.example' });
            const p = expectStatus(await call(alice, 'PUT', `/contacts/${c.id}`, { body: { name: 'Samuel', role: 'CTO' } }), 200);
            assert.equal(p.name, 'Samuel');
            assert.equal(p.role, 'CTO');
            assert.equal(p.company, null);
            assert.equal(p.email, null);
            expectError(await call(alice, 'PUT', `/contacts/${c.id}`, { body: { role: 'CTO' } }), 422, 'validation_failed', 'name');
        });

        test('DELETE → 204, then 404', async () => {
            const c = await create(alice, { name: 'Gone Soon' });
            expectStatus(await call(alice, 'DELETE', `/contacts/${c.id}`), 204);
            expectError(await call(alice, 'GET', `/contacts/${c.id}`), 404, 'not_found');
            expectError(await call(alice, 'DELETE', `/contacts/${c.id}`), 404, 'not_found');
        });
    });

    describe('the contacts of an application', () => {
        const link = (who, app, body) => call(who, 'POST', `/applications/${app}/contacts`, { body });

        test('link (201, Location), link again with another relation (200), list, read one, unlink', async () => {
            const app = await createApplication(srv, alice.token, {}, { company: 'Linked Co', title: 'Backend Engineer' });
            const c = await create(alice, { name: 'Rita Recruiter', company: 'Linked Co' });
            const res = await link(alice, app.id, { contact_id: c.id, relation: 'recruiter' });
            const linked = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/applications/${app.id}/contacts/${c.id}$`));
            assert.equal(linked.id, c.id);
            assert.equal(linked.name, 'Rita Recruiter');
            assert.equal(linked.relation, 'recruiter');
            assertTimestamp(linked.linked_at);
            assert.equal(linked.application_count, 1);

            const again = expectStatus(await link(alice, app.id, { contact_id: c.id, relation: 'hiring_manager' }), 200);
            assert.equal(again.relation, 'hiring_manager');
            assert.equal(again.linked_at, linked.linked_at, 'the link is the same one');
            const kept = expectStatus(await link(alice, app.id, { contact_id: c.id }), 200);
            assert.equal(kept.relation, 'hiring_manager', 'no relation given: unchanged');

            const list = expectStatus(await call(alice, 'GET', `/applications/${app.id}/contacts`), 200);
            assert.equal(list.total, 1);
            assert.equal(list.items[0].relation, 'hiring_manager');
            const one = expectStatus(await call(alice, 'GET', `/applications/${app.id}/contacts/${c.id}`), 200);
            assert.equal(one.relation, 'hiring_manager');

            const contact = expectStatus(await call(alice, 'GET', `/contacts/${c.id}`), 200);
            assert.deepEqual(contact.applications, [{
                application_id: app.id, relation: 'hiring_manager', linked_at: linked.linked_at,
                job_id: app.job_id, job_title: 'Backend Engineer', company: 'Linked Co', status: 'interested',
            }]);

            expectStatus(await call(alice, 'DELETE', `/applications/${app.id}/contacts/${c.id}`), 204);
            expectError(await call(alice, 'DELETE', `/applications/${app.id}/contacts/${c.id}`), 404, 'not_found');
            expectError(await call(alice, 'GET', `/applications/${app.id}/contacts/${c.id}`), 404, 'not_found');
            assert.equal(expectStatus(await call(alice, 'GET', `/applications/${app.id}/contacts`), 200).total, 0);
            assert.equal(expectStatus(await call(alice, 'GET', `/contacts/${c.id}`), 200).application_count, 0);
        });

        test('a new link without relation is "other"; every relation is accepted, others are 422', async () => {
            const app = await createApplication(srv, alice.token);
            const first = await create(alice, { name: 'First' });
            assert.equal(expectStatus(await link(alice, app.id, { contact_id: first.id }), 201).relation, 'other');
            for (const relation of RELATIONS) {
                const c = await create(alice, { name: `As ${relation}` });
                assert.equal(expectStatus(await link(alice, app.id, { contact_id: c.id, relation }), 201).relation, relation);
            }
            for (const [field, body] of [['relation', { contact_id: first.id, relation: 'friend' }], ['relation', { contact_id: first.id, relation: null }],
                ['contact_id', {}], ['contact_id', { contact_id: 'x' }], ['contact_id', { contact_id: 0 }], ['extra', { contact_id: first.id, extra: 1 }]])
                expectError(await link(alice, app.id, body), 422, 'validation_failed', field);
            const list = expectStatus(await call(alice, 'GET', `/applications/${app.id}/contacts?sort=-linked_at&limit=100`), 200);
            assert.equal(list.total, RELATIONS.length + 1);
            assert.equal(list.items.at(-1).name, 'First');
            const byName = expectStatus(await call(alice, 'GET', `/applications/${app.id}/contacts`), 200);
            assert.deepEqual(byName.items.map((x) => x.name), [...byName.items.map((x) => x.name)].sort());
        });

        test('another user\'s contact → 404 naming contact_id; another user\'s application → 404; nothing linked', async () => {
            const app = await createApplication(srv, alice.token);
            const bobs = await create(bob, { name: 'Bob\'s contact' });
            const mine = await create(alice, { name: 'Mine' });
            expectError(await link(alice, app.id, { contact_id: bobs.id }), 404, 'not_found', 'contact_id');
            expectError(await link(alice, app.id, { contact_id: 99999999 }), 404, 'not_found', 'contact_id');
            const bobApp = await createApplication(srv, bob.token);
            const err = expectError(await link(alice, bobApp.id, { contact_id: mine.id }), 404, 'not_found');
            assert.equal(err.field, undefined, 'the application is the path\'s, not a field');
            expectError(await call(alice, 'GET', `/applications/${bobApp.id}/contacts`), 404, 'not_found');
            expectError(await call(alice, 'GET', `/applications/${bobApp.id}/contacts/${mine.id}`), 404, 'not_found');
            expectError(await call(bob, 'DELETE', `/applications/${app.id}/contacts/${mine.id}`), 404, 'not_found');
            assert.equal(expectStatus(await call(bob, 'GET', `/applications/${bobApp.id}/contacts`), 200).total, 0);
            assert.equal(expectStatus(await call(alice, 'GET', `/applications/${app.id}/contacts`), 200).total, 0);
        });

        test('deleting the application or the job takes the link along; the contact stays', async () => {
            const app = await createApplication(srv, alice.token);
            const c = await create(alice, { name: 'Stays' });
            expectStatus(await link(alice, app.id, { contact_id: c.id, relation: 'referrer' }), 201);
            expectStatus(await call(alice, 'DELETE', `/applications/${app.id}`), 204);
            const after1 = expectStatus(await call(alice, 'GET', `/contacts/${c.id}`), 200);
            assert.equal(after1.application_count, 0);
            assert.deepEqual(after1.applications, []);
            const app2 = await createApplication(srv, alice.token);
            expectStatus(await link(alice, app2.id, { contact_id: c.id }), 201);
            expectStatus(await call(alice, 'DELETE', `/jobs/${app2.job_id}`), 204);
            assert.equal(expectStatus(await call(alice, 'GET', `/contacts/${c.id}`), 200).application_count, 0);
        });

        test('deleting the contact takes its links along; the application stays', async () => {
            const app = await createApplication(srv, alice.token);
            const c = await create(alice, { name: 'Leaves' });
            expectStatus(await link(alice, app.id, { contact_id: c.id }), 201);
            expectStatus(await call(alice, 'DELETE', `/contacts/${c.id}`), 204);
            assert.equal(expectStatus(await call(alice, 'GET', `/applications/${app.id}/contacts`), 200).total, 0);
            expectStatus(await call(alice, 'GET', `/applications/${app.id}`), 200);
        });
    });

    test('the export carries contacts and application_contacts as the routes show them', async () => {
        const dora = await registerUser(srv);
        const app = await createApplication(srv, dora.token);
        const c = await create(dora, { name: 'Exported', company: 'Acme' });
        expectStatus(await call(dora, 'POST', `/applications/${app.id}/contacts`, { body: { contact_id: c.id, relation: 'interviewer' } }), 201);
        const doc = expectStatus(await call(dora, 'GET', '/users/me/export'), 200);
        assert.equal(doc.contacts.length, 1);
        const listed = expectStatus(await call(dora, 'GET', '/contacts'), 200).items[0];
        assert.deepEqual(doc.contacts[0], listed);
        assert.deepEqual(doc.application_contacts, [{
            application_id: app.id, contact_id: c.id, user_id: dora.user.id, relation: 'interviewer',
            created_at: doc.application_contacts[0].created_at,
        }]);
        assertTimestamp(doc.application_contacts[0].created_at);
        const others = expectStatus(await call(bob, 'GET', '/users/me/export'), 200);
        assert.ok(others.contacts.every((x) => x.user_id === bob.user.id));
        assert.ok(others.application_contacts.every((x) => x.user_id === bob.user.id));
    });
});
