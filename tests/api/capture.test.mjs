// Capture a posting (SPEC part E): POST /jobs/capture with the page in the body (every fixture of
// tests/fixtures/postings against expected.json), fetched by the server from a local web server,
// saved like POST /jobs (201, duplicates 409, corrections, validation), and the address rules:
// loopback, private, link-local, IPv6 and schemes refused without COPILOT_CAPTURE_ALLOW_PRIVATE,
// and every redirect hop checked even when the first address was allowed.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { expectError, expectStatus, registerUser, startServer } from './helpers.mjs';
import { FIXTURES, startWebServer } from './fake_web.mjs';

const EXPECTED = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'postings', 'expected.json'), 'utf8')).cases;
const page = (file) => fs.readFileSync(path.join(FIXTURES, 'postings', file), 'utf8');

describe('capture from the page sent in the body', () => {
    let srv;
    let alice;
    let bob;
    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const capture = (who, body, query = '') =>
        srv.api('POST', `/jobs/capture${query}`, { token: who.token, body });

    for (const c of EXPECTED) {
        test(`fixture: ${c.name}`, async () => {
            const draft = expectStatus(await capture(alice, { url: c.url, html: page(c.file) }), 200);
            assert.equal(draft.extracted_from, c.extracted_from);
            assert.deepEqual(draft.job, c.job);
            assert.deepEqual(draft.missing, c.missing);
        });
    }

    test('GET /capture serves the bookmarklet\'s page (no token needed: it signs in itself)', async () => {
        const res = await srv.request('GET', '/capture');
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type'), /^text\/html/);
        assert.match(res.text, /<script type="module" src="\/js\/capture\.js"><\/script>/);
        assert.doesNotMatch(res.text, /<script>/, 'no inline script');
        assert.equal((await srv.request('GET', '/capture.html')).status, 200);
        assert.equal((await srv.request('GET', '/js/capture.js')).status, 200);
        assert.equal((await srv.request('GET', '/capturex')).status, 404);
    });

    test('a draft is not saved', async () => {
        const c = EXPECTED.find((x) => x.name === 'workday');
        expectStatus(await capture(bob, { url: c.url, html: page(c.file) }), 200);
        const list = expectStatus(await srv.api('GET', '/jobs', { token: bob.token }), 200);
        assert.equal(list.total, 0);
    });

    test('save=true creates the job like POST /jobs; the same page again is 409', async () => {
        const c = EXPECTED.find((x) => x.name === 'linkedin');
        const res = await capture(alice, { url: c.url, html: page(c.file) }, '?save=true');
        const saved = expectStatus(res, 201);
        assert.equal(saved.extracted_from, 'json-ld');
        assert.ok(Number.isInteger(saved.job.id));
        assert.match(res.headers.get('location'), new RegExp(`/api/v1/jobs/${saved.job.id}$`));
        assert.equal(saved.job.source, 'linkedin');
        assert.equal(saved.job.source_url, c.url);
        assert.equal(saved.job.status, 'not_applied');
        assert.deepEqual(saved.job.possible_duplicates, []);
        const stored = expectStatus(await srv.api('GET', `/jobs/${saved.job.id}`, { token: alice.token }), 200);
        for (const [key, value] of Object.entries(c.job)) assert.deepEqual(stored[key], value, key);
        const again = await capture(alice, { url: c.url, html: page(c.file) }, '?save=true');
        const error = expectError(again, 409, 'conflict');
        assert.equal(error.existing_id, saved.job.id);
        /* the same posting under another address is still the same job (fingerprint) */
        const moved = await capture(alice, { url: 'https://www.linkedin.com/jobs/view/999', html: page(c.file) }, '?save=true');
        assert.equal(expectError(moved, 409, 'conflict').reason, 'fingerprint');
        /* another user tracks it separately */
        expectStatus(await capture(bob, { url: c.url, html: page(c.file) }, '?save=true'), 201);
    });

    test('a job already tracked by hand is found by its URL', async () => {
        const c = EXPECTED.find((x) => x.name === 'lever');
        const mine = expectStatus(await srv.api('POST', '/jobs', {
            token: bob.token, body: { company: 'Northwind', title: 'Platform Eng', source_url: `${c.url}/` },
        }), 201);
        const res = await capture(bob, { url: c.url, html: page(c.file) }, '?save=true');
        const error = expectError(res, 409, 'conflict');
        assert.equal(error.existing_id, mine.id);
        assert.equal(error.reason, 'url');
    });

    test('corrections in job replace the draft and are saved', async () => {
        const c = EXPECTED.find((x) => x.name === 'opengraph only');
        const body = { url: c.url, html: page(c.file), job: { company: 'Hooli Inc', location: 'Palo Alto', remote_option: 'hybrid' } };
        const draft = expectStatus(await capture(alice, body), 200);
        assert.equal(draft.job.company, 'Hooli Inc');
        assert.equal(draft.job.location, 'Palo Alto');
        assert.ok(!draft.missing.includes('location') && !draft.missing.includes('remote_option'));
        assert.ok(draft.missing.includes('job_type'));
        const saved = expectStatus(await capture(alice, body, '?save=true'), 201);
        assert.equal(saved.job.company, 'Hooli Inc');
        assert.equal(saved.job.remote_option, 'hybrid');
        assert.equal(saved.job.title, 'Product Designer');
        /* a correction may clear a field */
        const cleared = expectStatus(await capture(bob, { ...body, job: { description: null } }), 200);
        assert.equal(cleared.job.description, null);
        assert.ok(cleared.missing.includes('description'));
    });

    test('saving a draft without a company says which field to fill in', async () => {
        const html = '<title>Welder</title>';
        const draft = expectStatus(await capture(alice, { url: 'https://welding.example/jobs/1', html }), 200);
        assert.equal(draft.extracted_from, 'title');
        assert.ok(draft.missing.includes('company'));
        expectError(await capture(alice, { url: 'https://welding.example/jobs/1', html }, '?save=true'),
            422, 'validation_failed', 'company');
        const saved = expectStatus(await capture(alice, { url: 'https://welding.example/jobs/1', html, job: { company: 'Weld Co' } }, '?save=true'), 201);
        assert.equal(saved.job.company, 'Weld Co');
    });

    test('bad requests are refused with the field at fault', async () => {
        const html = page('greenhouse.html');
        expectError(await capture(alice, { html }), 422, 'validation_failed', 'url');
        expectError(await capture(alice, { url: '', html }), 422, 'validation_failed', 'url');
        expectError(await capture(alice, { url: 'not a url', html }), 422, 'validation_failed', 'url');
        expectError(await capture(alice, { url: 'file:///etc/passwd', html }), 422, 'validation_failed', 'url');
        expectError(await capture(alice, { url: 'https://x.example/', html: 42 }), 422, 'validation_failed', 'html');
        expectError(await capture(alice, { url: 'https://x.example/', html, colour: 'red' }), 422, 'validation_failed', 'colour');
        expectError(await capture(alice, { url: 'https://x.example/', html, job: 'x' }), 422, 'validation_failed', 'job');
        expectError(await capture(alice, { url: 'https://x.example/', html, job: { id: 5 } }), 422, 'validation_failed', 'id');
        expectError(await capture(alice, { url: 'https://x.example/', html, job: { nope: 1 } }), 422, 'validation_failed', 'nope');
        expectError(await capture(alice, { url: 'https://x.example/', html, job: { salary_min: 'lots' } }), 422, 'validation_failed', 'salary_min');
        expectError(await capture(alice, { url: 'https://x.example/', html, job: { salary_min: 9, salary_max: 1 } }, '?save=true'),
            422, 'validation_failed', 'salary_min');
        expectError(await capture(alice, { url: 'https://x.example/', html }, '?save=maybe'), 422, 'validation_failed', 'save');
        expectError(await capture(alice, { url: 'https://x.example/', html: '<p>no posting</p>' }), 422, 'validation_failed', 'html');
        expectError(await srv.api('POST', '/jobs/capture', { body: { url: 'https://x.example/', html } }), 401, 'unauthorized');
        expectError(await srv.api('POST', '/jobs/capture', { token: alice.token, raw: '{"url":', }), 400, 'bad_request');
        expectError(await srv.api('POST', '/jobs/capture', { token: alice.token, raw: 'url=x', headers: { 'content-type': 'text/plain' } }),
            415, 'unsupported_media_type');
    });

    test('a page larger than COPILOT_MAX_UPLOAD is 413; one above the body limit but under it is read', async () => {
        const big = `<title>Big page at Bigco</title>${'<p>filler</p>'.repeat(200000)}`; /* 2.6 MB */
        const draft = expectStatus(await capture(alice, { url: 'https://big.example/1', html: big }), 200);
        assert.equal(draft.job.company, 'Bigco');
        const huge = 'x'.repeat(11 * 1024 * 1024);
        expectError(await capture(alice, { url: 'https://big.example/1', html: huge }), 413, 'payload_too_large');
    });
});

describe('capture fetched by the server', () => {
    let srv;
    let web;
    let user;
    before(async () => {
        web = await startWebServer({
            handler: (req, res, url) => {
                if (url.pathname !== '/latin1') return false;
                const body = Buffer.from('<html><head><title>Koch in Z\u00fcrich at Z\u00fcri Essen</title></head></html>', 'latin1');
                res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
                return res.end(body);
            },
        });
        srv = await startServer({ env: { COPILOT_CAPTURE_ALLOW_PRIVATE: '127.0.0.1' } });
        user = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); await web?.stop(); });

    const capture = (url, query = '') => srv.api('POST', `/jobs/capture${query}`, { token: user.token, body: { url } });

    for (const name of ['greenhouse', 'indeed', 'opengraph only', 'broken JSON-LD', 'ashby']) {
        test(`fetched fixture: ${name}`, async () => {
            const c = EXPECTED.find((x) => x.name === name);
            const url = web.url(`/postings/${c.file}`);
            const draft = expectStatus(await capture(url), 200);
            assert.equal(draft.extracted_from, c.extracted_from);
            assert.deepEqual(draft.job, { ...c.job, source_url: url, source: 'other' });
            assert.deepEqual(draft.missing, c.missing);
        });
    }

    test('the character set of the Content-Type is used', async () => {
        const draft = expectStatus(await capture(web.url('/latin1')), 200);
        assert.equal(draft.job.title, 'Koch in Z\u00fcrich');
        assert.equal(draft.job.company, 'Z\u00fcri Essen');
    });

    test('a fetched page is saved like POST /jobs', async () => {
        const url = web.url('/postings/workday.html');
        const res = await capture(url, '?save=true');
        const saved = expectStatus(res, 201);
        assert.equal(saved.job.company, 'Globex Corporation');
        assert.equal(saved.job.source_url, url);
        expectError(await capture(url, '?save=true'), 409, 'conflict');
    });

    test('up to 5 redirects are followed, the 6th is refused', async () => {
        const end = web.url('/postings/lever.html');
        const draft = expectStatus(await capture(web.url(`/chain/5?end=${encodeURIComponent(end)}`)), 200);
        assert.equal(draft.job.company, 'Northwind Traders');
        const error = expectError(await capture(web.url(`/chain/6?end=${encodeURIComponent(end)}`)), 422, 'validation_failed', 'url');
        assert.match(error.message, /more than 5/);
    });

    test('what is not a posting page is refused with 422 naming url', async () => {
        for (const [p, words] of [
            ['/status/404', /HTTP 404/], ['/status/500', /HTTP 500/],
            ['/type?t=application/pdf', /not a web page/], ['/type?t=image/png', /not a web page/],
            ['/big?mib=6', /larger than 5 MiB/], ['/postings/missing.html', /HTTP 404/],
        ]) {
            const error = expectError(await capture(web.url(p)), 422, 'validation_failed', 'url');
            assert.match(error.message, words, p);
        }
        const nothing = expectError(await capture(web.url('/status/200')), 422, 'validation_failed', 'url');
        assert.match(nothing.message, /no job posting/);
    });

    test('a page that does not answer is given up after 10 s', { timeout: 30000 }, async () => {
        const started = Date.now();
        const error = expectError(await capture(web.url('/slow')), 422, 'validation_failed', 'url');
        assert.match(error.message, /within 10 s/);
        assert.ok(Date.now() - started < 20000);
    });
});

describe('the address rules (SSRF)', () => {
    let strict;   /* no COPILOT_CAPTURE_ALLOW_PRIVATE */
    let allowOne; /* COPILOT_CAPTURE_ALLOW_PRIVATE=127.0.0.1: the first hop only */
    let allowAll; /* COPILOT_CAPTURE_ALLOW_PRIVATE=1 */
    let web;      /* on 127.0.0.1 */
    let other;    /* on 127.0.0.2: loopback, never allowed by the list above */
    let tokens;
    before(async () => {
        web = await startWebServer();
        other = await startWebServer({ host: '127.0.0.2' });
        strict = await startServer();
        allowOne = await startServer({ env: { COPILOT_CAPTURE_ALLOW_PRIVATE: '127.0.0.1' } });
        allowAll = await startServer({ env: { COPILOT_CAPTURE_ALLOW_PRIVATE: '1' } });
        tokens = new Map();
        for (const srv of [strict, allowOne, allowAll]) tokens.set(srv, (await registerUser(srv)).token);
    });
    after(async () => {
        await strict?.stop();
        await allowOne?.stop();
        await allowAll?.stop();
        await web?.stop();
        await other?.stop();
    });

    const capture = (srv, url) => srv.api('POST', '/jobs/capture', { token: tokens.get(srv), body: { url } });

    test('loopback, private, link-local and IPv6 forms are refused with 422 and never asked', async () => {
        const hitsBefore = web.hits.length;
        const port = web.port;
        for (const [url, words] of [
            [`http://127.0.0.1:${port}/postings/greenhouse.html`, /loopback/],
            [`http://localhost:${port}/postings/greenhouse.html`, /loopback/],
            [`http://[::1]:${port}/postings/greenhouse.html`, /loopback/],
            [`http://[::ffff:127.0.0.1]:${port}/postings/greenhouse.html`, /loopback/],
            [`http://2130706433:${port}/postings/greenhouse.html`, /loopback/],
            ['http://10.0.0.1/', /private/],
            ['http://172.16.5.4/', /private/],
            ['http://192.168.0.1/', /private/],
            ['http://100.64.0.1/', /shared/],
            ['http://169.254.169.254/latest/meta-data/', /link-local/],
            ['http://[fe80::1]/', /link-local/],
            ['http://[fd00::1]/', /private/],
            ['http://0.0.0.0/', /unspecified/],
            ['http://224.0.0.1/', /multicast/],
        ]) {
            const error = expectError(await capture(strict, url), 422, 'validation_failed', 'url');
            assert.match(error.message, words, url);
        }
        assert.equal(web.hits.length, hitsBefore, 'no request reached the local server');
    });

    test('file:// and gopher:// are refused', async () => {
        for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:70/_GET%20/', 'ftp://example.com/x', 'dict://127.0.0.1:11211/']) {
            expectError(await capture(strict, url), 422, 'validation_failed', 'url');
            expectError(await capture(allowAll, url), 422, 'validation_failed', 'url');
        }
    });

    test('the allowed first hop may not redirect to another loopback address', async () => {
        const target = other.url('/postings/greenhouse.html');
        const error = expectError(await capture(allowOne, web.url(`/redirect?to=${encodeURIComponent(target)}`)),
            422, 'validation_failed', 'url');
        assert.match(error.message, /127\.0\.0\.2.*loopback/);
        assert.equal(other.hits.length, 0, 'the second hop was never connected to');
        /* nor to link-local, IPv6 loopback, a name for loopback, or another scheme */
        for (const to of ['http://169.254.169.254/latest/meta-data/', `http://[::1]:${web.port}/postings/ashby.html`,
            `http://localhost:${other.port}/postings/ashby.html`, 'file:///etc/passwd', 'gopher://127.0.0.1:70/']) {
            expectError(await capture(allowOne, web.url(`/redirect?to=${encodeURIComponent(to)}&status=301`)),
                422, 'validation_failed', 'url');
        }
        assert.equal(other.hits.length, 0);
        /* a redirect that stays on the allowed address is followed */
        const ok = expectStatus(await capture(allowOne, web.url(`/redirect?to=${encodeURIComponent('/postings/ashby.html')}&status=307`)), 200);
        assert.equal(ok.job.company, 'Lumen Labs');
    });

    test('with COPILOT_CAPTURE_ALLOW_PRIVATE=1 the same redirect is followed (the refusal above is the rule)', async () => {
        const target = other.url('/postings/greenhouse.html');
        const draft = expectStatus(await capture(allowAll, web.url(`/redirect?to=${encodeURIComponent(target)}`)), 200);
        assert.equal(draft.job.company, 'Acme Robotics');
        assert.equal(other.hits.length, 1);
    });
});
