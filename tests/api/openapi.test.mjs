// The OpenAPI document itself: served as `copilot openapi` prints it (with an ETag and 304),
// listing exactly the routes of the route table (read from src/api/routes.c as text, so a row
// the generator skipped or an operation it invented shows up), every documented operation
// answered by the router (never "no such path" or 405), and every schema compilable by the
// validator the conformance check uses. Every response of every API test is checked against
// this document by helpers.mjs (conformance.mjs); the lint is scripts/lint-openapi.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Conformance } from './conformance.mjs';
import { ROOT, registerUser, runCli, startServer } from './helpers.mjs';

let srv;
let served;

before(async () => {
    srv = await startServer();
    const res = await srv.request('GET', '/api/v1/openapi.json');
    assert.equal(res.status, 200);
    served = res;
});
after(async () => { await srv?.stop(); });

/* "METHOD /path" of every row of api_routes[] in src/api/routes.c, read as text. */
function tableRows() {
    const text = fs.readFileSync(path.join(ROOT, 'src', 'api', 'routes.c'), 'utf8');
    const start = text.indexOf('const struct route api_routes[]');
    assert.ok(start >= 0, 'api_routes[] is in src/api/routes.c');
    const rows = [];
    const row = /\{\s*"(GET|POST|PUT|PATCH|DELETE)"\s*,\s*(V1\s*)?"([^"]+)"/g;
    row.lastIndex = start;
    for (let m; (m = row.exec(text));)
        rows.push(`${m[1]} ${m[2] ? '/api/v1' : ''}${m[3]}`);
    return rows;
}

describe('the reference page', () => {
    test('/api/docs: one script, the pinned Redoc bundle, under its own narrow policy', async () => {
        const page = await srv.request('GET', '/api/docs');
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type'), /^text\/html/);
        assert.match(page.text, /<redoc spec-url="\/api\/v1\/openapi.json">/);
        const scripts = [...page.text.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
        assert.deepEqual(scripts.map((m) => [m[1].trim(), m[2]]), [['src="/vendor/redoc.standalone.js"', '']],
            'one script, from this server, nothing inline');
        const csp = page.headers.get('content-security-policy');
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /script-src 'self';/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.doesNotMatch(csp, /unsafe-eval|https?:/, 'no eval, no other host');
        const bundle = await fetch(srv.url('/vendor/redoc.standalone.js'));
        assert.equal(bundle.status, 200);
        const bytes = Buffer.from(await bundle.arrayBuffer());
        // scripts/vendor-redoc: redoc 2.5.1 without the cdn.redoc.ly logo (docs/api.md)
        assert.equal(createHash('sha256').update(bytes).digest('hex'),
            '7690689798d214831f4c03fa4bdcff72e7e824cc1c578e2daa23500436ec91db');
        assert.ok(!bytes.includes('cdn.redoc.ly'));
        const main = await srv.request('GET', '/');
        assert.doesNotMatch(main.text, /redoc/i, 'the main page does not load the renderer');
    });
});

describe('the document', () => {
    test('is OpenAPI 3.1, served as copilot openapi prints it, with an ETag and 304', async () => {
        const doc = served.body;
        assert.equal(doc.openapi, '3.1.0');
        assert.deepEqual(doc, JSON.parse(runCli(['openapi'])));
        assert.match(served.headers.get('content-type'), /^application\/json/);
        const etag = served.headers.get('etag');
        assert.match(etag, /^"[0-9a-f]{32}"$/);
        assert.equal(served.headers.get('cache-control'), 'no-cache', 'kept and revalidated');
        const again = await srv.request('GET', '/api/v1/openapi.json', { headers: { 'if-none-match': etag } });
        assert.equal(again.status, 304);
        assert.equal(again.text, '');
        assert.equal(again.headers.get('etag'), etag);
        const other = await srv.request('GET', '/api/v1/openapi.json', { headers: { 'if-none-match': '"0"' } });
        assert.equal(other.status, 200);
        assert.ok(doc.components.securitySchemes.bearerAuth, 'bearerAuth scheme');
    });

    test('lists exactly the routes of the route table, both ways', () => {
        const rows = tableRows();
        assert.ok(rows.length > 50, `routes read from src/api/routes.c: ${rows.length}`);
        assert.equal(new Set(rows).size, rows.length, 'each route once');
        const operations = new Conformance(served.body).operations();
        const missing = rows.filter((r) => !operations.includes(r));
        const extra = operations.filter((o) => !rows.includes(o));
        assert.deepEqual(missing, [], 'routes without an operation');
        assert.deepEqual(extra, [], 'operations without a route');
    });

    test('every operation is routed by the server (never "no such path", never 405)', async () => {
        const checker = new Conformance(served.body);
        for (const op of checker.operations()) {
            const [method, template] = op.split(' ');
            const item = served.body.paths[template][method.toLowerCase()];
            const url = template.replace(/\{([^}]+)\}/g, (_, name) => {
                const p = (item.parameters || []).find((x) => x.name === name && x.in === 'path');
                return p && p.schema.type === 'string' ? 'nosuchprovider' : '999999';
            });
            // no token and no body: the router answers before any handler changes anything
            const res = await srv.request(method, url, { raw: method === 'GET' || method === 'DELETE' ? undefined : '' });
            assert.notEqual(res.status, 405, `${op} answered 405`);
            const error = res.body && res.body.error;
            assert.ok(!(res.status === 404 && error && /no such path/.test(error.message)),
                `${op} is not routed: ${res.text}`);
        }
    });

    test('every reply and error schema compiles for the validator', () => {
        const checker = new Conformance(served.body);
        let compiled = 0;
        for (const [template, item] of Object.entries(served.body.paths)) {
            for (const [method, op] of Object.entries(item)) {
                for (const [status, response] of Object.entries(op.responses)) {
                    const { obj, pointer } = checker.resolve(response,
                        `/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}`);
                    for (const media of Object.keys(obj.content || {})) {
                        if (!/json/.test(media)) continue;
                        checker.validator(`${pointer}/content/${media.replace(/\//g, '~1')}/schema`);
                        compiled++;
                    }
                }
            }
        }
        assert.ok(compiled > 100, `schemas compiled: ${compiled}`);
    });

    test('the descriptors reach the schemas: enums, lengths, formats, required, read-only', () => {
        const s = served.body.components.schemas;
        assert.deepEqual(s.JobInput.required, ['company', 'title']);
        assert.equal(s.JobInput.additionalProperties, false);
        assert.ok(s.JobInput.properties.job_type.enum.includes('full-time'));
        assert.equal(s.Registration.properties.email.format, 'email');
        assert.equal(s.User.properties.profile_picture_url.type.includes('null'), true);
        assert.equal(s.Job.properties.created_at.format, 'date-time');
        assert.equal(s.Job.properties.id.readOnly, true);
        assert.equal(s.Job.additionalProperties, false);
        assert.equal(s.JobList.properties.limit.maximum, 100);
        const jobs = served.body.paths['/api/v1/jobs'].get;
        const sort = jobs.parameters.find((p) => p.name === 'sort');
        assert.ok(sort.schema.enum.includes('-created_at') && sort.schema.enum.includes('company'));
        const status = jobs.parameters.find((p) => p.name === 'status');
        assert.ok(status.schema.enum.includes('not_applied'));
        const created = served.body.paths['/api/v1/jobs'].post.responses['201'];
        assert.ok(created.headers.Location, 'a 201 documents Location');
        const upload = served.body.paths['/api/v1/resumes'].post.requestBody.content['multipart/form-data'];
        assert.deepEqual(upload.schema.required, ['file']);
        const login = served.body.paths['/api/v1/auth/login'].post.responses['429'];
        assert.equal(login.$ref, '#/components/responses/RateLimited');
        assert.ok(served.body.components.responses.RateLimited.headers['Retry-After']);
        const conflict = served.body.components.schemas.ConflictError.properties.error.properties;
        assert.ok(conflict.existing_id, 'a 409 may name existing_id');
    });

    /* docs/decisions.md "URLs as a browser gives them (thirty-seventh round)": a URL field takes
     * what a browser's address bar shows and copies (non-ASCII paths and hosts, "|", "[]" in a
     * query), keeps it as given, and the document says exactly that (a pattern, not
     * `format: uri`, which no IRI meets): every answer below is checked against it. */
    test('URL fields take an address as a browser gives it, and the document says so', async () => {
        const url = (name) => {
            const [schema, property] = name.split('.');
            return served.body.components.schemas[schema].properties[property];
        };
        for (const name of ['JobInput.source_url', 'Job.application_url', 'Contact.linkedin_url', 'User.profile_picture_url']) {
            const text = JSON.stringify(url(name));
            assert.doesNotMatch(text, /"format":"uri"/, name);
            assert.match(text, /"pattern":/, name);
        }
        const pattern = new RegExp(url('JobInput.source_url').pattern, 'u');
        const given = ['https://img.example.com/ä.png', 'https://münchen.example/stellen?q=a|b&tags[]=1', 'HTTP://x.example'];
        const refused = ['ftp://x.example/a', 'https:///a', 'https://a b.example', 'https://'];
        for (const u of given) assert.ok(pattern.test(u), u);
        for (const u of refused) assert.ok(!pattern.test(u), u);
        const who = await registerUser(srv);
        const made = await srv.api('POST', '/jobs', { token: who.token,
            body: { company: 'Ärzte AG', title: 'Kinderärztin', source_url: given[0], application_url: given[1] } });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        assert.equal(made.body.source_url, given[0]);
        assert.equal(made.body.application_url, given[1]);
        const read = await srv.api('GET', `/jobs/${made.body.id}`, { token: who.token });
        assert.equal(read.body.source_url, given[0]);
        for (const u of refused) {
            const res = await srv.api('POST', '/jobs', { token: who.token, body: { company: 'A', title: 'B', source_url: u } });
            assert.equal(res.status, 422, u);
        }
    });
});
