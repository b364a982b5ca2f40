// The conformance check itself (conformance.mjs), which helpers.mjs runs on every response of
// the API suite: it must fail a response that breaks the document, and say what is wrong, with
// its validators compiled here, compiled and cached for other processes, and loaded from that
// cache (or recompiled when a cached file is unreadable). A small document of its own pins the
// rules; the real one (`copilot openapi`) is checked on a real response of the server, and its
// text kept per binary (documentText) is the command's, and another binary's is its own.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Conformance, conformance, documentText } from './conformance.mjs';
import { BIN, createJob, registerUser, startServer } from './helpers.mjs';

const THING = '#/components/schemas/Thing';
const DOC = {
    openapi: '3.1.0',
    info: { title: 'conformance test', version: '1' },
    paths: {
        '/api/v1/things': {
            post: {
                responses: {
                    201: {
                        description: 'Created',
                        headers: { Location: { required: true, schema: { type: 'string' } } },
                        content: { 'application/json': { schema: { $ref: THING } } },
                    },
                },
            },
        },
        '/api/v1/things/{id}': {
            get: {
                responses: {
                    200: { description: 'OK', content: { 'application/json': { schema: { $ref: THING } } } },
                    204: { description: 'No body' },
                    404: { $ref: '#/components/responses/NotFound' },
                },
            },
        },
    },
    components: {
        schemas: {
            Thing: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'name', 'created_at'],
                properties: {
                    id: { type: 'integer' },
                    name: { type: 'string', maxLength: 10 },
                    created_at: { type: 'string', format: 'date-time' },
                    kind: { type: 'string', enum: ['a', 'b'] },
                },
            },
            Error: {
                type: 'object',
                required: ['error'],
                properties: {
                    error: {
                        type: 'object',
                        required: ['code', 'message'],
                        properties: { code: { type: 'string' }, message: { type: 'string' } },
                    },
                },
            },
        },
        responses: {
            NotFound: {
                description: 'Not found',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
        },
    },
};

const GOOD = { id: 7, name: 'seven', created_at: '2026-11-30T12:00:00Z', kind: 'a' };
const ERROR = { error: { code: 'not_found', message: 'no such thing' } };

/* A response as helpers.mjs's request() hands it to check(). */
function response(status, body, headers = {}) {
    const text = body === undefined ? '' : JSON.stringify(body);
    const h = new Headers({ 'x-request-id': 'r1', ...headers });
    if (body !== undefined && !h.has('content-type')) h.set('content-type', 'application/json');
    return { status, headers: h, body: body === undefined ? null : body, text };
}

/* Asserts that check() fails with a message matching every pattern. */
function fails(checker, method, urlPath, res, ...patterns) {
    assert.throws(() => checker.check(method, urlPath, res), (e) => {
        assert.ok(e instanceof assert.AssertionError, `an assertion, not ${e}`);
        for (const p of patterns) assert.match(e.message, p);
        return true;
    });
}

/* The rules, for a checker made by make() (the same rules whatever compiled its validators). */
function rules(make) {
    test('a conforming response passes, bodies, statuses and headers as documented', () => {
        const checker = make();
        checker.check('GET', '/api/v1/things/7', response(200, GOOD));
        checker.check('GET', '/api/v1/things/7?x=1', response(200, { ...GOOD, kind: 'b' }));
        checker.check('GET', '/api/v1/things/8', response(404, ERROR));
        checker.check('GET', '/api/v1/things/8', response(204));
        checker.check('POST', '/api/v1/things', response(201, GOOD, { location: '/api/v1/things/7' }));
        checker.check('GET', '/api/v1/nothing', response(404, ERROR));
        checker.check('DELETE', '/api/v1/things/7', response(405, ERROR, { allow: 'GET' }));
        checker.check('GET', '/', { status: 200, headers: new Headers(), body: '<html>', text: '<html>' });
        assert.equal(checker.checked, 6);
    });

    test('a wrong field fails, naming it: undocumented member, type, format, enum, length', () => {
        const checker = make();
        fails(checker, 'GET', '/api/v1/things/7', response(200, { ...GOOD, colour: 'red' }),
            /GET \/api\/v1\/things\/7 -> 200: the body does not match the document for GET \/api\/v1\/things\/\{id\} 200/,
            /must NOT have additional properties \(colour\)/);
        fails(checker, 'GET', '/api/v1/things/7', response(200, { ...GOOD, id: '7' }), /\/id must be integer/);
        fails(checker, 'GET', '/api/v1/things/7', response(200, { ...GOOD, created_at: 'yesterday' }),
            /\/created_at must match format "date-time"/);
        fails(checker, 'GET', '/api/v1/things/7', response(200, { ...GOOD, kind: 'c' }),
            /\/kind must be equal to one of the allowed values \["a","b"\]/);
        fails(checker, 'GET', '/api/v1/things/7', response(200, { ...GOOD, name: 'x'.repeat(11) }),
            /\/name must NOT have more than 10 characters/);
        fails(checker, 'GET', '/api/v1/things/8', response(404, { error: { code: 404, message: 'm' } }),
            /\/error\/code must be string/);
    });

    test('a missing field fails, naming it; every error of the body is in the message', () => {
        const checker = make();
        const { name, ...noName } = GOOD;
        assert.ok(name);
        fails(checker, 'GET', '/api/v1/things/7', response(200, noName), /must have required property 'name'/);
        fails(checker, 'POST', '/api/v1/things', response(201, noName, { location: '/x' }),
            /must have required property 'name'/);
        fails(checker, 'GET', '/api/v1/things/7', response(200, { ...noName, id: 'x', colour: 'red' }),
            /must have required property 'name'/, /\/id must be integer/, /additional properties \(colour\)/);
    });

    test('an undocumented status fails, listing the documented ones', () => {
        const checker = make();
        fails(checker, 'GET', '/api/v1/things/7', response(500, ERROR),
            /status 500 is not documented for GET \/api\/v1\/things\/\{id\} \(documented: 200, 204, 404\)/);
        fails(checker, 'POST', '/api/v1/things', response(200, GOOD), /status 200 is not documented/);
    });

    test('an undocumented path or method fails unless answered 404 or 405 with the error shape', () => {
        const checker = make();
        fails(checker, 'GET', '/api/v1/nothing', response(200, GOOD), /a path the server does not route must be 404/);
        fails(checker, 'GET', '/api/v1/things/7/more', response(200, GOOD), /must be 404/);
        fails(checker, 'GET', '/api/v1/nothing', response(404, GOOD), /expected the error shape/);
        fails(checker, 'DELETE', '/api/v1/things/7', response(200, GOOD),
            /the path exists but not with this method, so 405/);
        fails(checker, 'DELETE', '/api/v1/things/7', response(405, ERROR), /405 carries Allow/);
    });

    test('headers and content types: X-Request-Id, a required header, no body where none is documented', () => {
        const checker = make();
        const res = response(200, GOOD);
        res.headers.delete('x-request-id');
        fails(checker, 'GET', '/api/v1/things/7', res, /no X-Request-Id/);
        fails(checker, 'POST', '/api/v1/things', response(201, GOOD), /header Location is documented as required/);
        fails(checker, 'GET', '/api/v1/things/7', response(200, GOOD, { 'content-type': 'text/plain' }),
            /Content-Type text\/plain is not documented/);
        fails(checker, 'GET', '/api/v1/things/7', response(204, GOOD), /the document says no body/);
    });
}

describe('the rules, validators compiled in this process only', () => {
    rules(() => new Conformance(DOC, { cacheDir: null }));
});

describe('the validators cache', () => {
    let dir;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-conformance-')); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const cached = () => fs.readdirSync(dir).flatMap((d) => fs.readdirSync(path.join(dir, d)));

    describe('the rules, compiled and written to the cache', () => {
        rules(() => {
            fs.rmSync(dir, { recursive: true, force: true });
            return new Conformance(DOC, { cacheDir: dir });
        });
    });

    test('a checker of the same document loads them without compiling; another document has its own', () => {
        fs.rmSync(dir, { recursive: true, force: true });
        const first = new Conformance(DOC, { cacheDir: dir });
        first.check('GET', '/api/v1/things/7', response(200, GOOD));
        first.check('GET', '/api/v1/things/8', response(404, ERROR));
        assert.equal(cached().length, 2, 'one file per schema checked');
        const second = new Conformance(DOC, { cacheDir: dir });
        second.check('GET', '/api/v1/things/7', response(200, GOOD));
        second.check('GET', '/api/v1/things/8', response(404, ERROR));
        assert.equal(second.ajvs.first, undefined, 'nothing compiled: both came from the cache');
        const other = structuredClone(DOC);
        other.components.schemas.Thing.properties.colour = { type: 'string' };
        const third = new Conformance(other, { cacheDir: dir });
        third.check('GET', '/api/v1/things/7', response(200, { ...GOOD, colour: 'red' }));
        assert.ok(third.ajvs.first, 'compiled for its own document');
        assert.equal(fs.readdirSync(dir).length, 2, 'a directory per document');
    });

    describe('the rules, loaded from the cache', () => {
        rules(() => new Conformance(DOC, { cacheDir: dir }));
        test('(they were)', () => assert.ok(cached().length >= 2));
    });

    test('an unreadable cached validator is compiled again', () => {
        for (const d of fs.readdirSync(dir))
            for (const f of fs.readdirSync(path.join(dir, d))) fs.writeFileSync(path.join(dir, d, f), 'module.exports = 1;');
        const checker = new Conformance(DOC, { cacheDir: dir });
        checker.check('GET', '/api/v1/things/7', response(200, GOOD));
        fails(checker, 'GET', '/api/v1/things/7', response(200, { ...GOOD, colour: 'red' }), /\(colour\)/);
        assert.ok(checker.ajvs.first, 'compiled here');
    });
});

describe("the server's own document", () => {
    let srv;
    before(async () => { srv = await startServer(); });
    after(async () => { await srv?.stop(); });

    test('a real job passes; the same job with a wrong, a missing or an extra field does not', async () => {
        const { token } = await registerUser(srv);
        const job = await createJob(srv, token);
        const got = await srv.api('GET', `/jobs/${job.id}`, { token }); // checked by request()
        assert.equal(got.status, 200);
        const checker = conformance(BIN);
        const urlPath = `/api/v1/jobs/${job.id}`;
        const with_ = (body) => ({ ...got, body, text: JSON.stringify(body) });
        checker.check('GET', urlPath, with_(got.body));
        fails(checker, 'GET', urlPath, with_({ ...got.body, colour: 'red' }), /additional properties \(colour\)/);
        const { title, ...noTitle } = got.body;
        assert.ok(title);
        fails(checker, 'GET', urlPath, with_(noTitle), /must have required property 'title'/);
        fails(checker, 'GET', urlPath, with_({ ...got.body, created_at: 'yesterday' }), /created_at must match format/);
        fails(checker, 'GET', urlPath, { ...got, status: 418 }, /status 418 is not documented/);
        fails(checker, 'GET', '/api/v1/no/such/path', { ...got }, /must be 404/);
    });
});

describe("the document's text, kept per binary", () => {
    let dir;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-cache-')); });
    after(() => { fs.rmSync(dir, { recursive: true, force: true }); });

    test("the command's text, kept, read back; another binary's text is its own", () => {
        const printed = execFileSync(BIN, ['openapi'], { encoding: 'utf8', maxBuffer: 64 << 20 });
        assert.equal(documentText(BIN, [], dir), printed);
        const kept = fs.readdirSync(dir);
        assert.equal(kept.length, 1, kept.join(' '));
        assert.equal(fs.readFileSync(path.join(dir, kept[0]), 'utf8'), printed);
        // read from the file: a file changed by hand is what comes back (no command run)
        fs.writeFileSync(path.join(dir, kept[0]), '{"kept": true}');
        assert.equal(documentText(BIN, [], dir), '{"kept": true}');
        // another binary (a script that prints another document) has a key of its own
        const other = path.join(dir, 'other-bin');
        fs.writeFileSync(other, '#!/bin/sh\necho \'{"other": 1}\'\n', { mode: 0o755 });
        assert.equal(documentText(other, [], dir), '{"other": 1}\n');
        // the same path rebuilt (another size and change time) is another key
        fs.writeFileSync(other, '#!/bin/sh\necho \'{"other": 22}\'\n', { mode: 0o755 });
        assert.equal(documentText(other, [], dir), '{"other": 22}\n');
        assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.json')).length, 3);
        // an unreadable kept file is run again
        for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
            fs.rmSync(path.join(dir, f));
            fs.mkdirSync(path.join(dir, f));
        }
        assert.equal(documentText(BIN, [], dir), printed);
    });
});
