// Career resources: the public catalogue shipped in assets/resources.json (no token needed),
// its filters (type, skill, tag, difficulty, provider, price, q) and sorting, reading one
// resource (with the caller's bookmark and rating when a token is given), administrators'
// create/edit/deactivate/delete, bookmarks (201 then 200, status and progress rules, the list
// with the resource embedded), ratings (upsert; the resource's rating is their average) and
// recommendations for the skills the caller's jobs ask for and the caller lacks (SPEC part B
// "Career resources and learning paths", part A "career_resources, resource_bookmarks,
// resource_feedback, resource_views"; choices in docs/feedback-and-learning.md).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    assertTimestamp, createAdmin, createJob, expectError, expectStatus, itemsOf, registerUser,
    startServer, uniqueName, testRefusedFields,
} from './helpers.mjs';
import { loadSkills } from '../eval/lib.mjs';

const FIELDS = ['id', 'slug', 'title', 'description', 'type', 'provider', 'url', 'skills', 'tags',
    'prerequisites', 'learning_outcomes', 'difficulty', 'duration_minutes', 'price', 'rating',
    'is_active', 'created_at', 'updated_at', 'row_version'];
const skills = loadSkills(); // assets/skills.txt read as src/core/skills.c reads it
const TYPES = ['course', 'article', 'video', 'book', 'tutorial', 'certification', 'tool', 'podcast'];

describe('resources', () => {
    let srv;
    let admin;
    let alice;
    let bob;
    let catalogue; // every shipped resource, by slug

    before(async () => {
        srv = await startServer();
        admin = await createAdmin(srv);
        alice = await registerUser(srv);
        bob = await registerUser(srv);
        catalogue = {};
        for (let offset = 0; ; offset += 100) {
            const page = expectStatus(await srv.api('GET', `/resources?limit=100&offset=${offset}`), 200);
            for (const r of page.items) catalogue[r.slug] = r;
            if (page.items.length < 100) break;
        }
    });
    after(async () => { await srv?.stop(); });

    const list = (query = '', who) => srv.api('GET', `/resources${query}`, { token: who?.token });
    const slugsOf = (body) => itemsOf(body).map((r) => r.slug);
    let n = 0;
    const newResource = (extra = {}) => ({
        slug: `test-resource-${++n}-${uniqueName('r').replace(/_/g, '-')}`, title: `Test resource ${n}`,
        description: 'A resource made by a test.', type: 'article', provider: 'Tests Inc.',
        url: 'https://example.com/learn', difficulty: 'beginner', ...extra,
    });
    const createResource = async (extra) =>
        expectStatus(await srv.api('POST', '/resources', { token: admin.token, body: newResource(extra) }), 201);

    describe('the public catalogue', () => {
        test('GET /resources needs no token and lists the shipped catalogue', async () => {
            const body = expectStatus(await list(), 200);
            assert.ok(body.total >= 40, `at least 40 resources, got ${body.total}`);
            assert.equal(body.limit, 20);
            assert.equal(body.offset, 0);
            assert.equal(body.items.length, 20);
            for (const slug of ['python-official-tutorial', 'mdn-javascript-guide', 'postgresql-docs-tutorial', 'system-design-primer'])
                assert.ok(catalogue[slug], `${slug} is shipped`);
            const py = catalogue['python-official-tutorial'];
            assert.deepEqual(Object.keys(py).sort(), [...FIELDS].sort());
            assert.equal(py.type, 'tutorial');
            assert.equal(py.price, 'free');
            assert.equal(py.is_active, true);
            assert.ok(py.skills.includes('Python'), 'skills in display case');
            assert.match(py.url, /^https:\/\//);
            assertTimestamp(py.created_at);
            for (const r of Object.values(catalogue)) {
                assert.ok(TYPES.includes(r.type), r.slug);
                assert.ok(['beginner', 'intermediate', 'advanced'].includes(r.difficulty), r.slug);
                assert.ok(Array.isArray(r.skills) && r.skills.length > 0, r.slug);
                assert.ok(r.skills.every((s) => skills.canonical(s) === s), `${r.slug}: skills are canonical names: ${r.skills}`);
            }
        });

        test('an invalid token on a public route → 401 (a valid one is fine)', async () => {
            expectError(await srv.api('GET', '/resources', { token: 'nope' }), 401, 'unauthorized');
            expectStatus(await list('', alice), 200);
        });

        test('filters: type, difficulty, skill (any case), tag, provider, price', async () => {
            let items = itemsOf(expectStatus(await list('?type=book&limit=100'), 200));
            assert.ok(items.length > 0 && items.every((r) => r.type === 'book'));
            items = itemsOf(expectStatus(await list('?difficulty=advanced&limit=100'), 200));
            assert.ok(items.length > 0 && items.every((r) => r.difficulty === 'advanced'));
            const python = slugsOf(expectStatus(await list('?skill=Python&limit=100'), 200));
            assert.ok(python.includes('python-official-tutorial'));
            assert.deepEqual(python.sort(), Object.values(catalogue).filter((r) => r.skills.includes('Python')).map((r) => r.slug).sort());
            // any spelling or alias of the skill (through the dictionary)
            assert.deepEqual(slugsOf(expectStatus(await list('?skill=py&limit=100'), 200)).sort(), python);
            const gcp = slugsOf(expectStatus(await list('?skill=gcp&limit=100'), 200));
            assert.ok(gcp.length > 0 && gcp.every((slug) => catalogue[slug].skills.includes('Google Cloud Platform')));
            items = itemsOf(expectStatus(await list('?tag=interview-prep&limit=100'), 200));
            assert.ok(items.length > 0 && items.every((r) => r.tags.includes('interview-prep')));
            items = itemsOf(expectStatus(await list('?provider=mdn%20web%20docs&limit=100'), 200));
            assert.ok(items.length >= 2 && items.every((r) => r.provider === 'MDN Web Docs'));
            const free = itemsOf(expectStatus(await list('?price=free&limit=100'), 200));
            assert.ok(free.length > 0 && free.every((r) => r.price === 'free'));
            const paid = itemsOf(expectStatus(await list('?price=paid&limit=100'), 200));
            assert.ok(paid.length > 0 && paid.every((r) => r.price && r.price !== 'free'));
            items = itemsOf(expectStatus(await list('?type=course&difficulty=beginner&price=free&limit=100'), 200));
            assert.ok(items.every((r) => r.type === 'course' && r.difficulty === 'beginner' && r.price === 'free'));
            assert.equal(expectStatus(await list('?skill=cobol'), 200).total, 0);
        });

        test('q searches title, description and provider, case-insensitively, literally', async () => {
            const pg = slugsOf(expectStatus(await list('?q=POSTGRESQL&limit=100'), 200));
            assert.ok(pg.includes('postgresql-docs-tutorial'));
            const kleppmann = slugsOf(expectStatus(await list('?q=kleppmann'), 200));
            assert.deepEqual(kleppmann, ['designing-data-intensive-applications']);
            assert.equal(expectStatus(await list('?q=%25'), 200).total, 0, '% is a character, not a wildcard');
            assert.equal(expectStatus(await list('?q=zzzz-no-such-text'), 200).total, 0);
            assert.ok(expectStatus(await list('?q='), 200).total >= 40, 'an empty q filters nothing');
        });

        test('sorting: title, -rating (unrated last), duration_minutes; bad sort → 422', async () => {
            const titles = []; // every page: the shipped catalogue has more than 100 resources
            for (let offset = 0; ; offset += 100) {
                const page = itemsOf(expectStatus(await list(`?sort=title&limit=100&offset=${offset}`), 200)).map((r) => r.title);
                titles.push(...page);
                if (page.length < 100) break;
            }
            assert.deepEqual(titles, [...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
            const desc = itemsOf(expectStatus(await list('?sort=-title&limit=5'), 200)).map((r) => r.title);
            assert.deepEqual(desc, [...titles].reverse().slice(0, 5));
            const durations = itemsOf(expectStatus(await list('?sort=duration_minutes&limit=100'), 200)).map((r) => r.duration_minutes);
            const known = durations.filter((d) => d !== null);
            assert.deepEqual(known, [...known].sort((a, b) => a - b));
            assert.ok(durations.indexOf(null) === -1 || durations.slice(durations.indexOf(null)).every((d) => d === null), 'nulls last');
            expectError(await list('?sort=slug'), 422, 'validation_failed', 'sort');
            expectError(await list('?type=webinar'), 422, 'validation_failed', 'type');
            expectError(await list('?difficulty=expert'), 422, 'validation_failed', 'difficulty');
            expectError(await list('?price=cheap'), 422, 'validation_failed', 'price');
            expectError(await list('?limit=101'), 422, 'validation_failed', 'limit');
            expectError(await list('?offset=-1'), 422, 'validation_failed', 'offset');
        });

        test('GET /resources/{id}: public; with a token, the caller\'s bookmark and rating', async () => {
            const py = catalogue['python-official-tutorial'];
            const anon = expectStatus(await srv.api('GET', `/resources/${py.id}`), 200);
            assert.deepEqual(anon, py);
            const mine = expectStatus(await srv.api('GET', `/resources/${py.id}?source=search`, { token: bob.token }), 200);
            assert.equal(mine.bookmark, null);
            assert.equal(mine.my_feedback, null);
            expectError(await srv.api('GET', `/resources/${py.id}?source=email`, { token: bob.token }), 422, 'validation_failed', 'source');
            expectError(await srv.api('GET', '/resources/99999999'), 404, 'not_found');
            expectError(await srv.api('GET', '/resources/abc'), 404, 'not_found');
            expectError(await srv.api('GET', `/resources/${py.id}`, { token: 'bad' }), 401, 'unauthorized');
        });
    });

    describe('administrators', () => {
        test('POST /resources → 201 with Location; skills as canonical names (else folded), tags lower-case', async () => {
            const body = newResource({ skills: ['Rust', 'WebAssembly'], tags: ['Video'], prerequisites: ['Basic Rust'], learning_outcomes: ['Ship WASM'], duration_minutes: 90, price: '19 EUR', type: 'video' });
            const res = await srv.api('POST', '/resources', { token: admin.token, body });
            const r = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/resources/${r.id}$`));
            assert.deepEqual(Object.keys(r).sort(), [...FIELDS].sort());
            assert.deepEqual(r.skills, ['Rust', 'WebAssembly']);
            assert.deepEqual(r.tags, ['video']);
            assert.deepEqual(r.prerequisites, ['Basic Rust']);
            assert.equal(r.price, '19 EUR');
            assert.equal(r.rating, null);
            assert.equal(r.is_active, true);
            const found = slugsOf(expectStatus(await list('?skill=WEBASSEMBLY'), 200));
            assert.deepEqual(found, [body.slug]);
        });

        test('non-admins → 403, no token → 401 on every administrator route', async () => {
            const id = catalogue['go-tour'].id;
            for (const [method, p, body] of [['POST', '/resources', newResource()], ['PATCH', `/resources/${id}`, { title: 'x' }], ['DELETE', `/resources/${id}`, undefined]]) {
                expectError(await srv.api(method, p, { token: alice.token, body }), 403, 'forbidden');
                expectError(await srv.api(method, p, { body }), 401, 'unauthorized');
            }
            expectStatus(await srv.api('GET', `/resources/${id}`), 200);
        });

        const invalid = [
            ['slug', undefined], ['slug', 'Has Spaces'], ['slug', '-leading'], ['slug', 'UPPER'], ['title', ''],
            ['description', undefined], ['type', 'webinar'], ['provider', undefined], ['url', 'ftp://x.org'],
            ['url', 'not a url'], ['difficulty', 'expert'], ['duration_minutes', -5], ['duration_minutes', '60'],
            ['price', 'cheap'], ['skills', 'python'], ['skills', [1]], ['rating', 5], ['id', 3],
            ['created_at', '2025-01-01T00:00:00Z'], ['is_active', null], ['colour', 'blue'],
        ];
        testRefusedFields(invalid, () => newResource(),
            (body) => srv.api('POST', '/resources', { token: admin.token, body }));

        test('a taken slug → 409 naming slug (create and edit)', async () => {
            const taken = catalogue['fastapi-tutorial'].slug;
            expectError(await srv.api('POST', '/resources', { token: admin.token, body: newResource({ slug: taken }) }), 409, 'conflict', 'slug');
            const r = await createResource();
            expectError(await srv.api('PATCH', `/resources/${r.id}`, { token: admin.token, body: { slug: taken } }), 409, 'conflict', 'slug');
        });

        test('PATCH edits; is_active false hides it from everyone but administrators', async () => {
            const r = await createResource({ skills: ['hidden-skill'] });
            const edited = expectStatus(await srv.api('PATCH', `/resources/${r.id}`, { token: admin.token, body: { title: 'Renamed', skills: ['Hidden-Skill', 'Other', 'k8s', 'kubernetes'] } }), 200);
            assert.equal(edited.title, 'Renamed');
            assert.deepEqual(edited.skills, ['hidden-skill', 'other', 'Kubernetes'], 'one entry per skill');
            expectStatus(await srv.api('PATCH', `/resources/${r.id}`, { token: admin.token, body: { is_active: false } }), 200);
            expectError(await srv.api('GET', `/resources/${r.id}`), 404, 'not_found');
            expectError(await srv.api('GET', `/resources/${r.id}`, { token: alice.token }), 404, 'not_found');
            assert.equal(expectStatus(await list('?skill=hidden-skill'), 200).total, 0);
            assert.equal(expectStatus(await list('?skill=hidden-skill', admin), 200).total, 1);
            const inactive = itemsOf(expectStatus(await list('?is_active=false', admin), 200));
            assert.ok(inactive.some((x) => x.id === r.id) && inactive.every((x) => x.is_active === false));
            // session 37: a caller who is not an administrator sees active resources only, and
            // their ?is_active=false is that filter too (an empty list), not the active resources
            // as if it were not there; a value that is no boolean is 422 for them as for anyone
            for (const who of [undefined, alice]) {
                assert.equal(expectStatus(await list('?is_active=false', who), 200).total, 0);
                const active = expectStatus(await list('?is_active=true&limit=100', who), 200);
                assert.equal(active.total, expectStatus(await list('', who), 200).total);
                assert.ok(active.items.every((x) => x.is_active === true));
                expectError(await list('?is_active=maybe', who), 422, 'validation_failed', 'is_active');
            }
            expectStatus(await srv.api('GET', `/resources/${r.id}`, { token: admin.token }), 200);
            expectError(await srv.api('POST', `/resources/${r.id}/bookmark`, { token: alice.token }), 404, 'not_found');
            expectError(await srv.api('PATCH', '/resources/99999999', { token: admin.token, body: { title: 'x' } }), 404, 'not_found');
            expectError(await srv.api('PATCH', `/resources/${r.id}`, { token: admin.token, body: { rating: 1 } }), 422, 'validation_failed', 'rating');
        });

        test('DELETE → 204 (bookmarks go with it); a resource on a learning path → 409', async () => {
            const r = await createResource();
            expectStatus(await srv.api('POST', `/resources/${r.id}/bookmark`, { token: alice.token }), 201);
            expectStatus(await srv.api('DELETE', `/resources/${r.id}`, { token: admin.token }), 204);
            expectError(await srv.api('GET', `/resources/${r.id}`, { token: admin.token }), 404, 'not_found');
            expectError(await srv.api('DELETE', `/resources/${r.id}`, { token: admin.token }), 404, 'not_found');
            const bookmarks = itemsOf(expectStatus(await srv.api('GET', '/resources/bookmarks?limit=100', { token: alice.token }), 200));
            assert.ok(!bookmarks.some((b) => b.resource_id === r.id));
            const onPath = catalogue['python-official-tutorial'];
            expectError(await srv.api('DELETE', `/resources/${onPath.id}`, { token: admin.token }), 409, 'conflict');
            expectStatus(await srv.api('GET', `/resources/${onPath.id}`), 200);
        });
    });

    describe('bookmarks', () => {
        const bookmark = (who, id, body) => srv.api('POST', `/resources/${id}/bookmark`, { token: who?.token, body });

        test('first bookmark → 201 with defaults and the resource; again → 200 (updated)', async () => {
            const go = catalogue['go-tour'];
            const res = await bookmark(alice, go.id);
            const b = expectStatus(res, 201);
            assert.equal(b.user_id, alice.user.id);
            assert.equal(b.resource_id, go.id);
            assert.equal(b.status, 'to_learn');
            assert.equal(b.priority, 'medium');
            assert.equal(b.progress_percentage, 0);
            assert.equal(b.completed_at, null);
            assert.equal(b.notes, null);
            assert.equal(b.resource.slug, 'go-tour');
            assertTimestamp(b.created_at);
            const again = expectStatus(await bookmark(alice, go.id, { notes: 'weekend', priority: 'high' }), 200);
            assert.equal(again.id, b.id);
            assert.equal(again.notes, 'weekend');
            assert.equal(again.priority, 'high');
            const seen = expectStatus(await srv.api('GET', `/resources/${go.id}`, { token: alice.token }), 200);
            assert.equal(seen.bookmark.id, b.id);
            assert.equal(expectStatus(await srv.api('GET', `/resources/${go.id}`, { token: bob.token }), 200).bookmark, null);
        });

        test('progress and status: in_progress, completed (completed_at), taken back', async () => {
            const id = catalogue['rust-book'].id;
            let b = expectStatus(await bookmark(alice, id, { progress_percentage: 30 }), 201);
            assert.equal(b.status, 'in_progress');
            assert.equal(b.progress_percentage, 30);
            b = expectStatus(await bookmark(alice, id, { status: 'completed' }), 200);
            assert.equal(b.status, 'completed');
            assert.equal(b.progress_percentage, 100);
            assertTimestamp(b.completed_at);
            b = expectStatus(await bookmark(alice, id, { progress_percentage: 80 }), 200);
            assert.equal(b.status, 'in_progress');
            assert.equal(b.completed_at, null);
            b = expectStatus(await bookmark(alice, id, { progress_percentage: 100 }), 200);
            assert.equal(b.status, 'completed');
            assertTimestamp(b.completed_at);
            b = expectStatus(await bookmark(alice, id, { status: 'archived' }), 200);
            assert.equal(b.status, 'archived');
            assertTimestamp(b.completed_at, 'archiving keeps completed_at');
            expectError(await bookmark(alice, id, { status: 'completed', progress_percentage: 50 }), 422, 'validation_failed', 'progress_percentage');
        });

        test('bad bodies → 422/400/415; unknown resource → 404; no token → 401', async () => {
            const id = catalogue['fastapi-tutorial'].id;
            for (const [field, value] of [['priority', 'urgent'], ['status', 'done'], ['progress_percentage', 101], ['progress_percentage', -1], ['progress_percentage', '50'], ['notes', 3], ['resource_id', 1], ['user_id', 1], ['completed_at', '2025-01-01T00:00:00Z'], ['folder', 'x']])
                expectError(await bookmark(alice, id, { [field]: value }), 422, 'validation_failed', field);
            expectError(await srv.api('POST', `/resources/${id}/bookmark`, { token: alice.token, raw: '{"notes":' }), 400, 'bad_request');
            expectError(await srv.api('POST', `/resources/${id}/bookmark`, { token: alice.token, raw: 'notes', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
            expectError(await bookmark(alice, 99999999), 404, 'not_found');
            expectError(await bookmark(null, id), 401, 'unauthorized');
        });

        test('GET /resources/bookmarks: own only, resource embedded, filters; DELETE → 204 then 404', async () => {
            const carol = await registerUser(srv);
            const a = catalogue['docker-get-started'];
            const b = catalogue['kubernetes-basics'];
            expectStatus(await bookmark(carol, a.id, { priority: 'high' }), 201);
            expectStatus(await bookmark(carol, b.id, { status: 'completed' }), 201);
            const body = expectStatus(await srv.api('GET', '/resources/bookmarks', { token: carol.token }), 200);
            assert.equal(body.total, 2);
            assert.deepEqual(body.items.map((x) => x.resource.slug).sort(), ['docker-get-started', 'kubernetes-basics']);
            assert.ok(body.items.every((x) => x.user_id === carol.user.id));
            let items = itemsOf(expectStatus(await srv.api('GET', '/resources/bookmarks?status=completed', { token: carol.token }), 200));
            assert.deepEqual(items.map((x) => x.resource_id), [b.id]);
            items = itemsOf(expectStatus(await srv.api('GET', '/resources/bookmarks?priority=high', { token: carol.token }), 200));
            assert.deepEqual(items.map((x) => x.resource_id), [a.id]);
            expectError(await srv.api('GET', '/resources/bookmarks?status=done', { token: carol.token }), 422, 'validation_failed', 'status');
            const bobs = itemsOf(expectStatus(await srv.api('GET', '/resources/bookmarks', { token: bob.token }), 200));
            assert.ok(bobs.every((x) => x.user_id === bob.user.id));
            expectError(await srv.api('GET', '/resources/bookmarks'), 401, 'unauthorized');
            expectError(await srv.api('DELETE', `/resources/${a.id}/bookmark`, { token: bob.token }), 404, 'not_found');
            expectStatus(await srv.api('DELETE', `/resources/${a.id}/bookmark`, { token: carol.token }), 204);
            expectError(await srv.api('DELETE', `/resources/${a.id}/bookmark`, { token: carol.token }), 404, 'not_found');
            assert.equal(expectStatus(await srv.api('GET', '/resources/bookmarks', { token: carol.token }), 200).total, 1);
        });
    });

    describe('ratings (PUT /resources/{id}/feedback)', () => {
        const rate = (who, id, body) => srv.api('PUT', `/resources/${id}/feedback`, { token: who?.token, body });

        test('upsert: 201 then 200; the resource\'s rating is the average of all ratings', async () => {
            const r = await createResource();
            const res = await rate(alice, r.id, { is_helpful: true, rating: 4, completed: true, would_recommend: true, notes: 'good' });
            const f = expectStatus(res, 201);
            assert.equal(f.user_id, alice.user.id);
            assert.equal(f.resource_id, r.id);
            assert.equal(f.is_helpful, true);
            assert.equal(f.rating, 4);
            assert.equal(f.completed, true);
            assert.equal(f.would_recommend, true);
            assert.equal(f.notes, 'good');
            assert.equal(f.resource_rating, 4);
            assert.equal(f.ratings_count, 1);
            let g = expectStatus(await rate(bob, r.id, { is_helpful: true, rating: 5 }), 201);
            assert.equal(g.resource_rating, 4.5);
            assert.equal(g.ratings_count, 2);
            assert.equal(g.completed, false, 'completed defaults to false');
            g = expectStatus(await rate(alice, r.id, { is_helpful: false, rating: 2 }), 200);
            assert.equal(g.id, f.id);
            assert.equal(g.resource_rating, 3.5);
            assert.equal(g.notes, null, 'PUT replaces the whole rating');
            assert.equal(g.completed, false);
            assert.equal(expectStatus(await srv.api('GET', `/resources/${r.id}`), 200).rating, 3.5);
            g = expectStatus(await rate(admin, r.id, { is_helpful: true, rating: 3 }), 201);
            assert.equal(g.resource_rating, 3.33);
            g = expectStatus(await rate(admin, r.id, { is_helpful: true }), 200);
            assert.equal(g.rating, null);
            assert.equal(g.resource_rating, 3.5, 'a feedback without a rating does not count');
            assert.equal(g.ratings_count, 2);
            const seen = expectStatus(await srv.api('GET', `/resources/${r.id}`, { token: alice.token }), 200);
            assert.equal(seen.my_feedback.rating, 2);
            const top = itemsOf(expectStatus(await list('?sort=-rating&limit=1'), 200));
            assert.ok(top[0].rating >= 3.5);
        });

        test('bad bodies → 422; unknown resource → 404; no token → 401', async () => {
            const id = catalogue['go-tour'].id;
            expectError(await rate(alice, id, { rating: 4 }), 422, 'validation_failed', 'is_helpful');
            for (const [field, value] of [['rating', 0], ['rating', 6], ['rating', 4.5], ['rating', '5'], ['is_helpful', 'yes'], ['completed', null], ['would_recommend', 1], ['stars', 5], ['resource_id', 1]])
                expectError(await rate(alice, id, { is_helpful: true, [field]: value }), 422, 'validation_failed', field);
            expectError(await rate(alice, 99999999, { is_helpful: true }), 404, 'not_found');
            expectError(await rate(null, id, { is_helpful: true }), 401, 'unauthorized');
            expectError(await srv.api('PUT', `/resources/${id}/feedback`, { token: alice.token, raw: '{' }), 400, 'bad_request');
        });
    });

    describe('GET /resources/recommended', () => {
        test('needs a token', async () => {
            expectError(await srv.api('GET', '/resources/recommended'), 401, 'unauthorized');
        });

        test('a ranked list: ?sort= is 422 naming sort, as an unknown sort field on every list', async () => {
            // session 37: the sort was ignored here (and on /learning-paths/recommended)
            for (const sort of ['rating', '-rating', 'bogus', '']) {
                expectError(await srv.api('GET', `/resources/recommended?sort=${sort}`, { token: alice.token }), 422, 'validation_failed', 'sort');
            }
            expectStatus(await srv.api('GET', '/resources/recommended?limit=5&offset=1', { token: alice.token }), 200);
        });

        test('no jobs → the best rated resources (basis top_rated)', async () => {
            const fresh = await registerUser(srv);
            const body = expectStatus(await srv.api('GET', '/resources/recommended', { token: fresh.token }), 200);
            assert.equal(body.basis, 'top_rated');
            assert.deepEqual(body.missing_skills, []);
            assert.equal(body.items.length, 20, 'the default limit of every list');
            assert.equal(body.limit, 20);
            assert.ok(body.total >= 40);
            const ratings = body.items.map((r) => r.rating).filter((x) => x !== null);
            assert.deepEqual(ratings, [...ratings].sort((a, b) => b - a));
        });

        // session 35: a Python developer whose jobs asked for nothing new was sent to
        // "30 Days of Python" and "A Tour of Go" (she writes golang): advice on what she knows
        test('the top_rated fallback leaves out resources teaching only skills the user has', async () => {
            const user = await registerUser(srv);
            expectStatus(await srv.api('PATCH', '/users/me', { token: user.token, body: { skills: ['python', 'golang', 'SQL'] } }), 200);
            await createJob(srv, user.token, { tech_stack: ['Python', 'SQL'] }); // nothing missing
            const known = new Set(['python', 'go', 'sql']);
            const key = (x) => (skills.canonical(x) || x).toLowerCase();
            const teachesOnlyKnown = (r) => (r.skills || []).length > 0 && r.skills.every((x) => known.has(key(x)));
            const shipped = Object.values(catalogue).filter((r) => r.is_active !== false);
            const ruledOut = shipped.filter(teachesOnlyKnown);
            assert.ok(ruledOut.some((r) => r.slug === '30-days-of-python') && ruledOut.some((r) => r.slug === 'go-tour'),
                `the catalogue has resources teaching only Python or Go: ${ruledOut.map((r) => r.slug)}`);
            const seen = [];
            let body;
            for (let offset = 0; ; offset += 100) {
                body = expectStatus(await srv.api('GET', `/resources/recommended?limit=100&offset=${offset}`, { token: user.token }), 200);
                assert.equal(body.basis, 'top_rated');
                seen.push(...body.items);
                if (body.items.length < 100) break;
            }
            const wrong = seen.filter(teachesOnlyKnown).map((r) => r.slug);
            assert.deepEqual(wrong, []);
            assert.equal(body.total, seen.length);
            assert.ok(seen.length > 0);
            // one skill she lacks is enough to keep a resource ("30 Days of React" teaches JavaScript too)
            assert.ok(seen.some((r) => (r.skills || []).some((x) => !known.has(key(x)))));
            // without skills nothing is left out
            const fresh = await registerUser(srv);
            const all = expectStatus(await srv.api('GET', '/resources/recommended?limit=1', { token: fresh.token }), 200);
            assert.ok(all.total > body.total);
        });

        // session 35: a resource finished on a learning path (progress marks) was still
        // recommended; only a bookmark marked completed left it out
        test('a resource completed on a learning path is no longer recommended', async () => {
            const user = await registerUser(srv);
            expectStatus(await srv.api('PATCH', '/users/me', { token: user.token, body: { skills: ['Python'] } }), 200);
            await createJob(srv, user.token, { tech_stack: ['Python', 'Docker', 'Terraform'] });
            const before = expectStatus(await srv.api('GET', '/resources/recommended?limit=100', { token: user.token }), 200);
            assert.equal(before.basis, 'missing_skills');
            const recommended = new Set(before.items.map((r) => r.id));
            // a shipped path holding a recommended resource
            const paths = expectStatus(await srv.api('GET', '/learning-paths?limit=100'), 200).items;
            let path, done;
            for (const p of paths) {
                const full = expectStatus(await srv.api('GET', `/learning-paths/${p.id}`), 200);
                done = full.resources.filter((r) => recommended.has(r.id)).map((r) => r.id);
                if (done.length) { path = full; break; }
            }
            assert.ok(path, 'a shipped path teaches Docker or Terraform');
            expectStatus(await srv.api('POST', `/learning-paths/${path.id}/enroll`, { token: user.token }), 201);
            expectStatus(await srv.api('PATCH', `/learning-paths/${path.id}/progress`, { token: user.token, body: { completed_resource_ids: done } }), 200);
            const after = expectStatus(await srv.api('GET', '/resources/recommended?limit=100', { token: user.token }), 200);
            const still = after.items.filter((r) => done.includes(r.id)).map((r) => r.title);
            assert.deepEqual(still, []);
            assert.equal(after.total, before.total - done.length);
            // another user's marks leave her list alone
            const other = await registerUser(srv);
            expectStatus(await srv.api('PATCH', '/users/me', { token: other.token, body: { skills: ['Python'] } }), 200);
            await createJob(srv, other.token, { tech_stack: ['Python', 'Docker', 'Terraform'] });
            const theirs = expectStatus(await srv.api('GET', '/resources/recommended?limit=100', { token: other.token }), 200);
            assert.equal(theirs.total, before.total);
        });

        test('resources for the skills the user\'s jobs ask for and the user lacks', async () => {
            const user = await registerUser(srv);
            expectStatus(await srv.api('PATCH', '/users/me', { token: user.token, body: { skills: ['Python', 'SQL'] } }), 200);
            await createJob(srv, user.token, { tech_stack: ['Kubernetes', 'Docker', 'python'] });
            await createJob(srv, user.token, { tech_stack: ['kubernetes', 'Terraform', 'SQL'] });
            const body = expectStatus(await srv.api('GET', '/resources/recommended?limit=50', { token: user.token }), 200);
            assert.equal(body.basis, 'missing_skills');
            // both jobs matter (score 51.7: weight 0.517); shown in display case
            assert.deepEqual(body.missing_skills, [
                { skill: 'Kubernetes', jobs: 2, demand: 1.03, in_demand: true },
                { skill: 'Docker', jobs: 1, demand: 0.52, in_demand: true },
                { skill: 'Terraform', jobs: 1, demand: 0.52, in_demand: true },
            ]);
            assert.equal(body.relevance.relevant_jobs, 2);
            const slugs = body.items.map((r) => r.slug);
            assert.ok(slugs.includes('kubernetes-basics') && slugs.includes('docker-get-started') && slugs.includes('terraform-tutorials'));
            assert.equal(body.total, body.items.length);
            for (const r of body.items) {
                assert.ok(r.matched_skills.length > 0 && r.matched_skills.every((s) => ['Kubernetes', 'Docker', 'Terraform'].includes(s)));
                assert.ok(r.relevance >= 0.5);
                assert.ok(!r.matched_skills.includes('Python'));
            }
            const relevance = body.items.map((r) => r.relevance);
            assert.deepEqual(relevance, [...relevance].sort((a, b) => b - a), 'most relevant first');
            assert.ok(body.items[0].matched_skills.includes('Kubernetes'));
            const two = expectStatus(await srv.api('GET', '/resources/recommended?limit=2', { token: user.token }), 200);
            assert.equal(two.items.length, 2);
            // a completed bookmark is not recommended again
            const first = body.items[0];
            expectStatus(await srv.api('POST', `/resources/${first.id}/bookmark`, { token: user.token, body: { status: 'completed' } }), 201);
            const after = expectStatus(await srv.api('GET', '/resources/recommended?limit=50', { token: user.token }), 200);
            assert.ok(!after.items.some((r) => r.id === first.id));
            expectError(await srv.api('GET', '/resources/recommended?limit=0', { token: user.token }), 422, 'validation_failed', 'limit');
            expectError(await srv.api('GET', '/resources/recommended?limit=101', { token: user.token }), 422, 'validation_failed', 'limit');
            // paged like every list: the second page continues the first
            const page = expectStatus(await srv.api('GET', '/resources/recommended?limit=1&offset=1', { token: user.token }), 200);
            assert.equal(page.offset, 1);
            assert.deepEqual(page.items.map((r) => r.id), after.items.slice(1, 2).map((r) => r.id));
        });

        test('issue 13: advice follows the jobs that matter (no C or HTML/CSS courses for a backend engineer)', async () => {
            const dana = await registerUser(srv);
            const auth = { token: dana.token };
            expectStatus(await srv.api('PATCH', '/users/me', { ...auth, body: { skills: ['Python', 'Go', 'PostgreSQL', 'Kubernetes', 'AWS'], experience_level: 'mid', prefer_remote_jobs: true } }), 200);
            expectStatus(await srv.api('PUT', '/users/me/preferences', { ...auth, body: { min_salary: 70000, excluded_companies: ['Palantir'], excluded_keywords: ['crypto'] } }), 200);
            const remote = { location: 'Remote', remote_option: 'remote', salary_min: 80000, salary_max: 100000, currency: 'EUR' };
            await createJob(srv, dana.token, { ...remote, company: 'Stripe', title: 'Backend Engineer', tech_stack: ['Go', 'PostgreSQL', 'Kubernetes', 'Google Cloud', 'Kotlin'] });
            await createJob(srv, dana.token, { ...remote, company: 'Brightline', title: 'Data Engineer', tech_stack: ['Python', 'AWS', 'Apache Airflow', 'Apache Spark'] });
            await createJob(srv, dana.token, { ...remote, company: 'Quietloop', title: 'API Engineer', tech_stack: ['Go', 'PostgreSQL', 'GraphQL'] });
            // what misled the advice: an excluded company, jobs sharing none of her skills
            await createJob(srv, dana.token, { ...remote, company: 'Palantir Technologies', title: 'Engineer', tech_stack: ['Python', 'C', 'HTML'] });
            for (const [company, title] of [['Bavaria Sensorik', 'Embedded Engineer'], ['Sensorik Nord', 'Firmware Engineer'], ['Kupfer', 'Embedded C Developer']])
                await createJob(srv, dana.token, { ...remote, company, title, tech_stack: ['C', 'RTOS'] });
            for (const [company, title] of [['Pixelhaus', 'Frontend Engineer'], ['Webcraft', 'Web Developer'], ['Kita Portal', 'UI Developer']])
                await createJob(srv, dana.token, { ...remote, company, title, tech_stack: ['HTML', 'CSS', 'JavaScript'] });
            const body = expectStatus(await srv.api('GET', '/resources/recommended?limit=50', auth), 200);
            assert.equal(body.basis, 'missing_skills');
            assert.deepEqual(body.relevance, { threshold: 40, open_jobs: 10, excluded: 1, below_threshold: 6, relevant_jobs: 3, basis: 'threshold' });
            const gaps = ['Google Cloud Platform', 'Kotlin', 'GraphQL', 'Apache Spark', 'Apache Airflow'];
            assert.deepEqual(body.missing_skills.map((m) => m.skill).sort(), [...gaps].sort());
            for (const r of body.items)
                assert.ok(r.matched_skills.every((s) => gaps.includes(s)), `${r.slug}: ${r.matched_skills}`);
            for (const gap of gaps)
                assert.ok(body.items.some((r) => r.matched_skills.includes(gap)), `a resource for ${gap}`);
            assert.ok(!body.items.some((r) => ['C', 'HTML', 'CSS', 'JavaScript'].some((s) => r.skills.includes(s) && !r.skills.some((k) => gaps.includes(k)))),
                'nothing teaches only C or HTML/CSS');
            // the learning paths follow the same gap
            const paths = expectStatus(await srv.api('GET', '/learning-paths/recommended?limit=50', auth), 200);
            assert.deepEqual(paths.missing_skills, body.missing_skills);
            assert.ok(paths.items.length > 0);
            for (const p of paths.items) {
                assert.ok(p.matched_skills.length > 0 && p.matched_skills.every((s) => gaps.includes(s)), `${p.name}: ${p.matched_skills}`);
                assert.equal(typeof p.resource_count, 'number');
            }
            const names = paths.items.map((p) => p.name);
            assert.ok(names.includes('Cloud Engineer on Google Cloud') && names.includes('Data Engineer (Spark and Airflow)'), names.join(', '));
            assert.ok(!names.includes('Systems Programming in C') && !names.includes('Frontend Developer'));
        });

        test('only the caller\'s own jobs count', async () => {
            const other = await registerUser(srv);
            await createJob(srv, other.token, { tech_stack: ['Haskell-ish'] });
            const body = expectStatus(await srv.api('GET', '/resources/recommended', { token: bob.token }), 200);
            assert.ok(!body.missing_skills.some((s) => s.skill.toLowerCase() === 'haskell-ish'));
        });
    });
});
