// Discovery from public job boards (SPEC part E): /job-sources CRUD with board addresses
// recognised, fetching Greenhouse, Lever and Ashby answers and RSS/Atom feeds from a local fake in
// their documented formats (tests/fixtures/boards), new postings de-duplicated like POST /jobs
// (also against a captured page), failures recorded without stopping other sources and a source
// paused after 5 in a row, `copilot discover`, the scheduler of `copilot serve`, and two servers
// on one database fetching each source once at a time (the lease).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { expectError, expectStatus, itemsOf, registerUser, runCliAsync, sleep, startServer, SLOW } from './helpers.mjs';
import { FIXTURES, boardFile, startWebServer } from './fake_web.mjs';

const boardEnv = (web, extra = {}) => ({
    COPILOT_GREENHOUSE_URL: web.url('/greenhouse'),
    COPILOT_LEVER_URL: web.url('/lever/'),
    COPILOT_ASHBY_URL: web.url('/ashby'),
    COPILOT_CAPTURE_ALLOW_PRIVATE: '127.0.0.1',
    ...extra,
});

describe('job sources', () => {
    let web;
    let srv;
    let alice;
    let bob;
    before(async () => {
        web = await startWebServer();
        srv = await startServer({ env: boardEnv(web) });
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); await web?.stop(); });

    const api = (who, method, p, body) => srv.api(method, p, { token: who.token, body });
    const add = async (who, body) => expectStatus(await api(who, 'POST', '/job-sources', body), 201);

    describe('adding and changing sources', () => {
        test('a pasted board address is recognised', async () => {
            for (const [url, kind, identifier, page] of [
                ['https://boards.greenhouse.io/AcmeRobotics', 'greenhouse', 'acmerobotics', 'https://boards.greenhouse.io/acmerobotics'],
                ['job-boards.greenhouse.io/initech/jobs/123?gh_src=x', 'greenhouse', 'initech', 'https://boards.greenhouse.io/initech'],
                ['https://boards.greenhouse.io/embed/job_board?for=hooli&b=x', 'greenhouse', 'hooli', 'https://boards.greenhouse.io/hooli'],
                ['https://jobs.lever.co/Northwind/7c6a4e2d/apply', 'lever', 'northwind', 'https://jobs.lever.co/northwind'],
                ['https://jobs.eu.lever.co/globex', 'lever', 'globex', 'https://jobs.lever.co/globex'],
                ['https://jobs.ashbyhq.com/Lumen', 'ashby', 'Lumen', 'https://jobs.ashbyhq.com/Lumen'],
                ['https://api.ashbyhq.com/posting-api/job-board/pied.piper?includeCompensation=true', 'ashby', 'pied.piper', 'https://jobs.ashbyhq.com/pied.piper'],
                ['HTTPS://jobs.example.org/feed.xml?q=c', 'rss', 'https://jobs.example.org/feed.xml?q=c', 'https://jobs.example.org/feed.xml?q=c'],
            ]) {
                const seen = expectStatus(await api(alice, 'GET', `/job-sources/recognise?url=${encodeURIComponent(url)}`), 200);
                assert.deepEqual(seen, { kind, identifier, page_url: page }, url);
            }
            for (const url of ['ftp://x.example/feed', 'https://boards.greenhouse.io/', 'jobs.lever.co', 'not a url', 'https://jobs.lever.co/a%20b']) {
                expectError(await api(alice, 'GET', `/job-sources/recognise?url=${encodeURIComponent(url)}`), 422, 'validation_failed', 'url');
            }
            expectError(await api(alice, 'GET', '/job-sources/recognise'), 422, 'validation_failed', 'url');
        });

        test('201 with the source, 409 when followed already, 422 naming the field', async () => {
            const res = await api(alice, 'POST', '/job-sources', { url: 'https://boards.greenhouse.io/initech', name: 'Initech' });
            const s = expectStatus(res, 201);
            assert.match(res.headers.get('location'), new RegExp(`/api/v1/job-sources/${s.id}$`));
            assert.equal(s.kind, 'greenhouse');
            assert.equal(s.identifier, 'initech');
            assert.equal(s.name, 'Initech');
            assert.equal(s.enabled, true);
            assert.equal(s.last_fetched_at, null);
            assert.equal(s.last_error, null);
            assert.equal(s.consecutive_failures, 0);
            assert.equal(s.page_url, 'https://boards.greenhouse.io/initech');
            assert.equal(s.lease_until, undefined, 'the lease is the server\'s');
            const dup = expectError(await api(alice, 'POST', '/job-sources', { kind: 'greenhouse', identifier: 'INITECH' }), 409, 'conflict');
            assert.equal(dup.existing_id, s.id);
            /* another user follows the same board separately */
            expectStatus(await api(bob, 'POST', '/job-sources', { kind: 'greenhouse', identifier: 'initech' }), 201);
            for (const [body, field] of [
                [{}, 'kind'], [{ kind: 'greenhouse' }, 'identifier'], [{ identifier: 'x' }, 'kind'],
                [{ kind: 'myspace', identifier: 'x' }, 'kind'], [{ kind: 'greenhouse', identifier: 'a b' }, 'identifier'],
                [{ kind: 'lever', identifier: 'x'.repeat(101) }, 'identifier'], [{ kind: 'rss', identifier: 'not a url' }, 'identifier'],
                [{ kind: 'rss', identifier: 'file:///etc/passwd' }, 'identifier'], [{ url: 'ftp://example.com/feed' }, 'url'],
                [{ url: 'https://boards.greenhouse.io/x', kind: 'lever' }, 'kind'], [{ url: 'https://a.example/f', name: '' }, 'name'],
                [{ url: 'https://a.example/f', name: 'n'.repeat(201) }, 'name'], [{ url: 'https://a.example/f', enabled: 'yes' }, 'enabled'],
                [{ url: 'https://a.example/f', last_error: 'x' }, 'last_error'], [{ url: 'https://a.example/f', id: 3 }, 'id'],
            ]) {
                expectError(await api(alice, 'POST', '/job-sources', body), 422, 'validation_failed', field);
            }
            expectError(await srv.api('POST', '/job-sources', { body: { url: 'https://a.example/f' } }), 401, 'unauthorized');
        });

        test('COPILOT_CAPTURE_ALLOW_PRIVATE lets its networks be added as feeds, and only those', async () => {
            /* srv allows 127.0.0.1 (the fake boards' address), as the fetch does */
            const user = await registerUser(srv);
            expectStatus(await api(user, 'POST', '/job-sources', { url: web.url('/feeds/feed-rss.xml') }), 201);
            expectStatus(await api(user, 'POST', '/job-sources', { kind: 'rss', identifier: 'http://127.0.0.1:9/other.xml' }), 201);
            expectError(await api(user, 'POST', '/job-sources', { url: 'http://10.0.0.1/feed.xml' }), 422, 'validation_failed', 'url');
            expectError(await api(user, 'POST', '/job-sources', { url: 'http://[::1]/feed.xml' }), 422, 'validation_failed', 'url');
        });

        test('list, filter, sort; rename, pause, resume; delete; only one\'s own', async () => {
            const user = await registerUser(srv);
            const a = await add(user, { url: 'https://jobs.lever.co/zeta', name: 'Zeta' });
            const b = await add(user, { url: 'https://jobs.ashbyhq.com/alpha', name: 'Alpha', enabled: false });
            await add(user, { url: 'https://feeds.example.org/jobs.rss' });
            const all = expectStatus(await api(user, 'GET', '/job-sources'), 200);
            assert.equal(all.total, 3);
            assert.deepEqual(itemsOf(expectStatus(await api(user, 'GET', '/job-sources?kind=lever'), 200)).map((x) => x.id), [a.id]);
            assert.deepEqual(itemsOf(expectStatus(await api(user, 'GET', '/job-sources?enabled=false'), 200)).map((x) => x.id), [b.id]);
            const byName = itemsOf(expectStatus(await api(user, 'GET', '/job-sources?sort=name'), 200)).map((x) => x.name);
            assert.deepEqual(byName, ['Alpha', 'Zeta', null]);
            expectError(await api(user, 'GET', '/job-sources?sort=identifier'), 422, 'validation_failed', 'sort');
            expectError(await api(user, 'GET', '/job-sources?kind=myspace'), 422, 'validation_failed', 'kind');
            const renamed = expectStatus(await api(user, 'PATCH', `/job-sources/${a.id}`, { name: 'Zeta Inc', enabled: false }), 200);
            assert.equal(renamed.name, 'Zeta Inc');
            assert.equal(renamed.enabled, false);
            expectError(await api(user, 'PATCH', `/job-sources/${a.id}`, { identifier: 'other' }), 422, 'validation_failed', 'identifier');
            expectError(await api(user, 'PATCH', `/job-sources/${a.id}`, { kind: 'rss' }), 422, 'validation_failed', 'kind');
            expectError(await api(user, 'PATCH', `/job-sources/${a.id}`, { consecutive_failures: 0 }), 422, 'validation_failed', 'consecutive_failures');
            for (const [method, p] of [['GET', ''], ['PATCH', ''], ['DELETE', ''], ['POST', '/fetch'], ['GET', '/runs']]) {
                expectError(await api(bob, method, `/job-sources/${a.id}${p}`, method === 'PATCH' ? { name: 'x' } : undefined), 404, 'not_found');
            }
            expectError(await api(user, 'GET', '/job-sources/999999'), 404, 'not_found');
            expectStatus(await api(user, 'DELETE', `/job-sources/${a.id}`), 204);
            expectError(await api(user, 'GET', `/job-sources/${a.id}`), 404, 'not_found');
        });
    });

    describe('fetching', () => {
        test('Greenhouse: new postings become jobs; a captured one and a second fetch are duplicates', async () => {
            const user = await registerUser(srv);
            /* the same posting captured from its page first */
            const page = fs.readFileSync(path.join(FIXTURES, 'postings', 'greenhouse.html'), 'utf8');
            const captured = expectStatus(await api(user, 'POST', '/jobs/capture?save=true',
                { url: 'https://job-boards.greenhouse.io/acmerobotics/jobs/4012345', html: page }), 201);
            const source = await add(user, { url: 'https://boards.greenhouse.io/acmerobotics' });
            assert.equal(source.name, null);
            const first = expectStatus(await api(user, 'POST', `/job-sources/${source.id}/fetch`), 200);
            assert.equal(first.found, 3);
            assert.equal(first.created, 1);
            assert.equal(first.duplicates, 1, 'the captured posting (same company, title, location)');
            assert.equal(first.errors.length, 1, 'the posting without a title');
            assert.equal(first.errors[0].row, 3);
            assert.equal(first.errors[0].field, 'title');
            assert.equal(first.source.name, 'Acme Robotics', 'the board\'s own name');
            assert.equal(first.source.last_error, null);
            assert.ok(first.source.last_fetched_at);
            assert.equal(first.run.started_by, 'manual');
            assert.deepEqual(first.run.jobs.map((j) => [j.title, j.company]), [['Robotics Software Engineer', 'Acme Robotics']]);
            const job = expectStatus(await api(user, 'GET', `/jobs/${first.run.jobs[0].id}`), 200);
            assert.equal(job.source, 'api');
            assert.equal(job.source_url, 'https://boards.greenhouse.io/acmerobotics/jobs/4012399');
            assert.equal(job.location, 'Remote - US');
            assert.equal(job.remote_option, 'remote');
            assert.equal(job.description, 'Motion planning in C++.');
            assert.notEqual(job.id, captured.job.id);
            const again = expectStatus(await api(user, 'POST', `/job-sources/${source.id}/fetch`), 200);
            assert.deepEqual([again.created, again.duplicates, again.errors.length], [0, 2, 1]);
            const runs = expectStatus(await api(user, 'GET', `/job-sources/${source.id}/runs`), 200);
            assert.equal(runs.total, 2);
            /* the account export has the sources and runs as the routes show them */
            const exported = expectStatus(await api(user, 'GET', '/users/me/export'), 200);
            assert.deepEqual(exported.job_sources.map((x) => x.identifier), ['acmerobotics']);
            assert.equal(exported.job_sources[0].lease_until, undefined);
            assert.equal(exported.job_source_runs.length, 2);
            assert.deepEqual(runs.items.map((r) => r.created), [0, 1], 'newest first');
            assert.deepEqual(runs.items.map((r) => r.found), [3, 3]);
        });

        test('Lever and Ashby: their fields, salaries per year, unlisted postings left out', async () => {
            const user = await registerUser(srv);
            const lever = await add(user, { url: 'https://jobs.lever.co/northwind', name: 'Northwind Traders' });
            const got = expectStatus(await api(user, 'POST', `/job-sources/${lever.id}/fetch`), 200);
            assert.deepEqual([got.found, got.created, got.duplicates, got.errors.length], [2, 2, 0, 0]);
            const jobs = itemsOf(expectStatus(await api(user, 'GET', '/jobs?source=api&sort=title'), 200));
            assert.deepEqual(jobs.map((j) => j.title), ['Platform Engineer', 'Warehouse Associate (Part-time)']);
            const [platform, warehouse] = jobs;
            assert.equal(platform.company, 'Northwind Traders');
            assert.deepEqual([platform.job_type, platform.remote_option, platform.salary_min, platform.salary_max, platform.currency],
                ['full-time', 'remote', 150000, 185000, 'USD']);
            assert.equal(platform.application_url, 'https://jobs.lever.co/northwind/7c6a4e2d-1b3f-4a5c-9d8e-2f1a0b9c8d7e/apply');
            assert.match(platform.description, /What you'll do\n\n- Run our Kubernetes platform/);
            assert.equal(platform.notes, 'Posted on 2025-10-28.');
            assert.deepEqual([warehouse.job_type, warehouse.remote_option, warehouse.salary_min, warehouse.salary_range],
                ['part-time', 'onsite', 43680, '21\u201324 USD per hour']);
            const ashby = await add(user, { kind: 'ashby', identifier: 'lumen', name: 'Lumen Labs' });
            const a = expectStatus(await api(user, 'POST', `/job-sources/${ashby.id}/fetch`), 200);
            assert.deepEqual([a.found, a.created], [2, 2], 'the unlisted posting is left out');
            const staff = itemsOf(expectStatus(await api(user, 'GET', '/jobs?q=Staff'), 200))[0];
            assert.deepEqual([staff.company, staff.location, staff.remote_option, staff.salary_min, staff.currency],
                ['Lumen Labs', 'Toronto; New York', 'remote', 210000, 'CAD']);
        });

        test('RSS and Atom feeds: source rss, employer from the title or the feed', async () => {
            const user = await registerUser(srv);
            const rss = await add(user, { url: web.url('/feeds/feed-rss.xml') });
            const r = expectStatus(await api(user, 'POST', `/job-sources/${rss.id}/fetch`), 200);
            assert.deepEqual([r.found, r.created], [3, 3]);
            assert.equal(r.source.name, 'Remote C jobs', 'the channel\'s title');
            const jobs = itemsOf(expectStatus(await api(user, 'GET', '/jobs?source=rss&sort=title'), 200));
            assert.deepEqual(jobs.map((j) => [j.title, j.company]), [
                ['Compiler Engineer', 'Remote C jobs'], ['Embedded C Developer', 'Initrode'], ['Kernel Engineer', 'Chotchkie\'s']]);
            assert.equal(jobs[1].notes, 'Posted on 2025-11-18.');
            assert.equal(jobs[0].source_url, 'https://jobs.example.org/c/1043-compiler-engineer');
            const atom = await add(user, { url: web.url('/feeds/feed-atom.xml'), name: 'Hooli' });
            const t = expectStatus(await api(user, 'POST', `/job-sources/${atom.id}/fetch`), 200);
            assert.deepEqual([t.found, t.created], [2, 2]);
            const sre = itemsOf(expectStatus(await api(user, 'GET', '/jobs?q=Reliability'), 200))[0];
            assert.deepEqual([sre.company, sre.remote_option, sre.source_url], ['Hooli', 'remote', 'https://careers.hooli.example/jobs/43-sre']);
        });

        test('a failing source records its error; 5 failures in a row pause it; enabling it starts afresh', async () => {
            const user = await registerUser(srv);
            const missing = await add(user, { kind: 'greenhouse', identifier: 'nosuchboard' });
            let last;
            for (let i = 1; i <= 5; i++) {
                last = expectStatus(await api(user, 'POST', `/job-sources/${missing.id}/fetch`), 200);
                assert.deepEqual([last.created, last.duplicates], [0, 0]);
                assert.match(last.errors[0].message, /HTTP 404/);
                assert.equal(last.source.consecutive_failures, i);
                assert.equal(last.source.enabled, i < 5, `enabled after ${i} failures`);
                assert.match(last.source.last_error, /HTTP 404: is the identifier right/);
                assert.match(last.run.error, /HTTP 404/);
            }
            const garbage = await add(user, { kind: 'greenhouse', identifier: 'garbage' });
            const g = expectStatus(await api(user, 'POST', `/job-sources/${garbage.id}/fetch`), 200);
            assert.match(g.source.last_error, /did not answer JSON/);
            const resumed = expectStatus(await api(user, 'PATCH', `/job-sources/${missing.id}`, { enabled: true }), 200);
            assert.deepEqual([resumed.enabled, resumed.consecutive_failures], [true, 0]);
            assert.match(resumed.last_error, /HTTP 404/, 'the last error stays until a fetch works');
        });

        test('a feed is an address users give: the address rules apply to it', async () => {
            const strict = await startServer({ env: { COPILOT_GREENHOUSE_URL: web.url('/greenhouse') } });
            try {
                const user = await registerUser(strict);
                const post = (body) => strict.api('POST', '/job-sources', { token: user.token, body });
                /* a host written as an address the fetch would refuse is refused when added */
                for (const url of ['http://10.0.0.1/feed.xml', 'http://127.0.0.1/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data',
                    'http://127.1/feed.xml', 'http://[::ffff:192.168.1.1]/f', web.url('/feeds/feed-rss.xml')]) {
                    const err = expectError(await post({ url }), 422, 'validation_failed', 'url');
                    assert.match(err.message, /which the server does not fetch/, url);
                }
                const byId = expectError(await post({ kind: 'rss', identifier: 'https://192.168.0.10:8443/jobs.rss' }), 422, 'validation_failed', 'identifier');
                assert.match(byId.message, /192\.168\.0\.10 is .*private/);
                assert.equal(expectStatus(await strict.api('GET', '/job-sources', { token: user.token }), 200).total, 0);
                /* a host name is not resolved when added: the fetch checks what it resolves to */
                const s = expectStatus(await post({ url: web.url('/feeds/feed-rss.xml').replace('127.0.0.1', 'localhost') }), 201);
                const r = expectStatus(await strict.api('POST', `/job-sources/${s.id}/fetch`, { token: user.token }), 200);
                assert.match(r.source.last_error, /loopback/);
                /* the boards' base URLs are the operator's: not under the rule */
                const g = expectStatus(await strict.api('POST', '/job-sources', { token: user.token, body: { kind: 'greenhouse', identifier: 'acmerobotics' } }), 201);
                assert.equal(expectStatus(await strict.api('POST', `/job-sources/${g.id}/fetch`, { token: user.token }), 200).created, 2);
            } finally {
                await strict.stop();
            }
        });

        test('copilot discover runs every enabled source; one failing does not stop the others', async () => {
            const user = await registerUser(srv);
            await add(user, { kind: 'greenhouse', identifier: 'nosuchboard' });
            await add(user, { kind: 'ashby', identifier: 'lumen' });
            await add(user, { kind: 'lever', identifier: 'northwind', enabled: false });
            const discover = (args) => runCliAsync(['discover', ...args],
                { ...boardEnv(web), COPILOT_DATABASE_URL: srv.dbUrl, COPILOT_DATA_DIR: srv.dataDir });
            const out = await discover(['--user', String(user.user.id)]);
            assert.match(out, /greenhouse nosuchboard: failed: the board answered HTTP 404/);
            assert.match(out, /ashby lumen: 2 found, 2 new, 0 already tracked, 0 not readable/);
            assert.doesNotMatch(out, /northwind/, 'a paused source is not run');
            assert.match(out, /^2 sources: 2 new jobs, 0 already tracked, 1 failed$/m);
            const runs = itemsOf(expectStatus(await api(user, 'GET', '/jobs?source=api'), 200));
            assert.equal(runs.length, 2);
            const sources = itemsOf(expectStatus(await api(user, 'GET', '/job-sources?kind=ashby'), 200));
            const history = expectStatus(await api(user, 'GET', `/job-sources/${sources[0].id}/runs`), 200);
            assert.equal(history.items[0].started_by, 'command');
            await assert.rejects(discover(['--user', 'abc']), /failed \(2\)/);
        });
    });
});

describe('the scheduler', () => {
    let web;
    before(async () => { web = await startWebServer(); });
    after(async () => { await web?.stop(); });

    test('copilot serve fetches due sources every COPILOT_DISCOVER_INTERVAL seconds', async () => {
        const srv = await startServer({ env: boardEnv(web, { COPILOT_DISCOVER_INTERVAL: '1' }) });
        try {
            const user = await registerUser(srv);
            const s = expectStatus(await srv.api('POST', '/job-sources', { token: user.token, body: { kind: 'ashby', identifier: 'lumen' } }), 201);
            let runs;
            for (let i = 0; i < 100 * SLOW; i++) {
                runs = expectStatus(await srv.api('GET', `/job-sources/${s.id}/runs`, { token: user.token }), 200);
                if (runs.total >= 2) break;
                await sleep(200);
            }
            assert.ok(runs.total >= 2, 'fetched at least twice');
            assert.ok(runs.items.every((r) => r.started_by === 'schedule'));
            assert.equal(runs.items[runs.items.length - 1].created, 2, 'the first run created the jobs');
            assert.equal(runs.items[0].created, 0, 'later runs find them tracked');
        } finally {
            await srv.stop();
        }
    });

    test('two servers on one database fetch each source once at a time', async () => {
        /* a slow board: each answer takes 700 ms, so both servers find the sources due while
           the other is fetching them */
        const inFlight = new Map();
        const most = new Map();
        const slow = await startWebServer({
            handler: (req, res, url) => {
                const file = boardFile(url.pathname);
                if (!file) return false;
                const key = url.pathname;
                inFlight.set(key, (inFlight.get(key) || 0) + 1);
                most.set(key, Math.max(most.get(key) || 0, inFlight.get(key)));
                setTimeout(() => {
                    inFlight.set(key, inFlight.get(key) - 1);
                    res.writeHead(200, { 'content-type': 'application/json' });
                    res.end(fs.readFileSync(file));
                }, 700);
                return true;
            },
        });
        const one = await startServer({ env: boardEnv(slow, { COPILOT_DISCOVER_INTERVAL: '1' }) });
        const two = await startServer({ dbUrl: one.dbUrl, env: boardEnv(slow, { COPILOT_DISCOVER_INTERVAL: '1' }) });
        try {
            const user = await registerUser(one);
            const ids = [];
            for (const [kind, identifier] of [['ashby', 'lumen'], ['lever', 'northwind'], ['greenhouse', 'acmerobotics']]) {
                const s = expectStatus(await one.api('POST', '/job-sources', { token: user.token, body: { kind, identifier } }), 201);
                ids.push(s.id);
            }
            const counts = async () => Promise.all(ids.map(async (id) =>
                expectStatus(await two.api('GET', `/job-sources/${id}/runs`, { token: user.token }), 200).total));
            for (let i = 0; i < 150 * SLOW; i++) {
                if ((await counts()).every((n) => n >= 3)) break;
                await sleep(200);
            }
            const total = await counts();
            assert.ok(total.every((n) => n >= 3), `every source ran a few times: ${total}`);
            /* never two fetches of one board at the same time */
            for (const [key, n] of most) assert.equal(n, 1, `${key} was fetched by two servers at once`);
            const jobs = itemsOf(expectStatus(await one.api('GET', '/jobs?limit=100', { token: user.token }), 200));
            assert.equal(jobs.length, 2 + 2 + 2, 'each posting created once');
        } finally {
            await one.stop();
            await two.stop();
            await slow.stop();
        }
    });
});
