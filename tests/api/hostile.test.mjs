// The hostile-input suite (issue 8, "tests that must exist"; docs/security.md "What each test
// proves"), generated for every operation of the route table (GET /api/v1/openapi.json) with the
// owner's objects of tests/api/route_fixtures.mjs, on both engines:
//
//   - every body-taking operation: JSON nested 10,000 deep (arrays and objects), a NUL
//     (\u0000) in a string, bytes that are not UTF-8, duplicate keys → 400; a 1 MB string in
//     every text field → 413 or 422; numbers out of range in every number field (beyond
//     int64, past int32, 1e400, -0, a fraction in an integer field, 1e308) → a 4xx with the right
//     code (beyond int64 and 1e400: 422 naming the field; or, for a value the field accepts,
//     success); a wrong Content-Type → 415;
//   - every operation: a NUL and bytes that are not UTF-8 in the query string (every query
//     parameter the document names, and q) and in the path; headers with bytes that are not
//     UTF-8 (Authorization, If-Match, X-Request-Id, Accept-Encoding, a Content-Type charset)
//     on a raw socket;
//   - multipart uploads whose file name is not UTF-8;
//   - the 40-byte résumé that crashed the server (found by fuzz/fuzz_pdftext.c).
//
// Every answer must be below 500, and an error must carry the SPEC's error body whose code
// matches its status (400 bad_request, 413 payload_too_large, 415 unsupported_media_type, 422
// validation_failed, ...); the server must still answer /healthz at the end. Existing suites
// cover the rest of the hostile list: framing.test.mjs (smuggling, log forging),
// connections.test.mjs (2,000 idle connections, slow heads), input_limits.test.mjs (array caps,
// URL schemes), pdf_limits.test.mjs (PDF bombs).
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';

import {
    API, createAdmin, expectStatus, login, registerUser, startServer, uniqueName,
} from './helpers.mjs';
import { RECIPES, fillPath, fixtures, operationsOf, recipeBody } from './route_fixtures.mjs';

/* The code of each status (src/lib/err.c through src/http/reply.c). */
const CODES = {
    400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found',
    405: 'method_not_allowed', 409: 'conflict', 412: 'precondition_failed', 413: 'payload_too_large',
    415: 'unsupported_media_type', 422: 'validation_failed', 429: 'rate_limited',
};
const MB = 1_000_000;
const BIG_ASCII = 'x'.repeat(MB);
const BIG_TWO_BYTE = 'é'.repeat(MB / 2);

/* Operations the suite leaves alone or treats apart, with the reason. */
const DESTRUCTIVE = new Set([
    'DELETE /api/v1/users/me', // deletes the account the suite runs as
]);
/* A 1 MB value these fields take on purpose (the status allowed besides 413 and 422). */
const LARGE_ALLOWED = {
    'POST /api/v1/jobs/capture html': [200, 201], // a page of up to 5 MiB (CAPTURE_MAX_PAGE)
    'POST /api/v1/auth/login password': [401], // checked, never stored: a wrong password
    'POST /api/v1/auth/login username': [401],
    'POST /api/v1/auth/login email': [401],
    'POST /api/v1/auth/login login': [401],
    'POST /api/v1/users/me/password current_password': [401, 403],
};

describe('hostile input on every route', () => {
    let srv, owner, other, admin, f, operations, doc;
    const counts = {};
    const count = (what) => { counts[what] = (counts[what] || 0) + 1; };

    before(async () => {
        srv = await startServer();
        doc = expectStatus(await srv.request('GET', `${API}/openapi.json`), 200);
        operations = operationsOf(doc).filter((op) => !DESTRUCTIVE.has(`${op.method} ${op.path}`));
        owner = await registerUser(srv, uniqueName('owner'));
        other = await registerUser(srv, uniqueName('other'));
        admin = await createAdmin(srv);
        f = await fixtures(srv, owner, other);
    });
    after(async () => {
        if (srv) expectStatus(await srv.request('GET', '/healthz'), 200);
        await srv?.stop();
    });

    const describeRes = (res) => `${res.method} ${res.path.slice(0, 200)} -> ${res.status} ${String(res.text).slice(0, 300)}`;
    /* Below 500; an error carries the error body with the code of its status. */
    const expectSafe = (res, allowed, what = '') => {
        assert.ok(res.status < 500, `${what}: a server error: ${describeRes(res)}`);
        if (allowed) assert.ok([].concat(allowed).includes(res.status), `${what}: expected ${allowed}: ${describeRes(res)}`);
        if (res.status >= 400) {
            const error = res.body && res.body.error;
            assert.ok(error && typeof error.message === 'string', `${what}: no error body: ${describeRes(res)}`);
            assert.equal(error.code, CODES[res.status], `${what}: the code of ${res.status}: ${describeRes(res)}`);
        }
        return res;
    };
    /* A token for op: an administrator's for theirs; logging out spends its own (one login
     * per logout call: logging in hashes a password, which takes a while). */
    const tokenFor = async (op) => (op.admin ? admin.token
        : op.path === `${API}/auth/logout` ? login(srv, owner.username) : owner.token);
    const send = async (op, opts = {}) =>
        srv.request(op.method, opts.path || fillPath(op, f), {
            token: opts.token === undefined ? await tokenFor(op) : opts.token || undefined,
            raw: opts.raw, body: opts.body, headers: opts.headers, timeout: 60000,
        });
    /* Runs the calls (functions returning promises) n at a time, in order of start. */
    const inBatches = async (calls, n) => {
        for (let i = 0; i < calls.length; i += n) await Promise.all(calls.slice(i, i + n).map((c) => c()));
    };

    /* ---------------------------------------------------------------- bodies */

    const resolve = (s) => (s && s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()]) : s);
    const jsonSchemaOf = (op) => resolve(op.op.requestBody?.content?.['application/json']?.schema);
    const types = (s) => [].concat(resolve(s)?.type || []);
    /* A valid body for op: the recipe's, else the required members made up from the schema. */
    const baseBody = (op) => {
        const given = recipeBody(op, f) ?? CREATE_BODIES[`${op.method} ${op.path}`]?.(f);
        if (given !== undefined) return given;
        const schema = jsonSchemaOf(op);
        const body = {};
        for (const name of schema?.required || []) body[name] = sample(resolve(schema.properties[name]));
        return body;
    };
    const bodyOps = () => operations.filter((op) => jsonSchemaOf(op));

    test('malformed JSON: nested 10,000 deep, a NUL, bytes that are not UTF-8, duplicate keys → 400', async (t) => {
        const deepArray = '['.repeat(10000) + ']'.repeat(10000);
        const deepObject = '{"a":'.repeat(10000) + '1' + '}'.repeat(10000);
        for (const op of bodyOps()) {
            await t.test(`${op.method} ${op.path}`, async () => {
                const base = baseBody(op);
                const text = Object.keys(base).find((k) => typeof base[k] === 'string') ||
                    Object.keys(resolve(jsonSchemaOf(op)).properties || {})[0] || 'x';
                const json = JSON.stringify(base);
                const first = Object.keys(base)[0];
                const cases = {
                    'nested arrays': deepArray,
                    'nested objects': deepObject,
                    'a NUL in a string': JSON.stringify({ ...base, [text]: 'a\u0000b' }),
                    'a NUL in a key': JSON.stringify({ ...base, 'a\u0000b': 1 }),
                    'not UTF-8': Buffer.concat([Buffer.from(`{"${text}":"`), Buffer.from([0xff, 0xfe, 0xc0, 0xaf]), Buffer.from('"}')]),
                    'a lone surrogate': `{"${text}":"\\ud800"}`,
                    'duplicate keys': first ? `{${JSON.stringify(first)}:${JSON.stringify(base[first])},${json.slice(1)}`
                        : `{"${text}":1,"${text}":2}`,
                };
                for (const [name, raw] of Object.entries(cases)) {
                    const res = expectSafe(await send(op, { raw, headers: { 'content-type': 'application/json' } }),
                        [400], `${op.method} ${op.path} ${name}`);
                    assert.ok(res.body.error.message.length > 0);
                    count('malformed JSON');
                }
            });
        }
        t.diagnostic(`${counts['malformed JSON']} malformed bodies`);
    });

    test('a 1 MB string in every text field → 413 or 422', async (t) => {
        for (const op of bodyOps().filter((o) => ['POST', 'PUT', 'PATCH'].includes(o.method))) {
            const schema = jsonSchemaOf(op);
            const fields = Object.entries(schema.properties || {})
                .filter(([, s]) => types(s).includes('string')).map(([name]) => name);
            if (!fields.length) continue;
            await t.test(`${op.method} ${op.path}`, async () => {
                // 1 MB of ASCII and 1 MB of two-byte characters, alternately (both under the
                // 1 MiB body limit, so that the field's own limit answers)
                for (const [i, field] of fields.entries()) {
                    const what = `${op.method} ${op.path} ${field}`;
                    const big = i % 2 === 0 ? BIG_ASCII : BIG_TWO_BYTE;
                    const res = await send(op, { body: { ...baseBody(op), [field]: big } });
                    expectSafe(res, [413, 422, ...(LARGE_ALLOWED[what] || [])], what);
                    count('1 MB strings');
                }
            });
        }
        t.diagnostic(`${counts['1 MB strings']} bodies with a 1 MB string`);
    });

    test('numbers out of range in every number field: a 4xx with its code, never a server error', async (t) => {
        const INTEGERS = ['9223372036854775808', '-9223372036854775809', '99999999999999999999999',
            '2147483648', '-2147483649', '9007199254740993', '1.5', '-0', '1e400', '-1e400', '1e308'];
        const REALS = ['1e400', '-1e400', '1e308', '-1e308', '4.9e-324', '-0', '-0.0', '9223372036854775808'];
        for (const op of bodyOps().filter((o) => ['POST', 'PUT', 'PATCH'].includes(o.method))) {
            const schema = jsonSchemaOf(op);
            const fields = Object.entries(schema.properties || {})
                .filter(([, s]) => types(s).some((t2) => t2 === 'integer' || t2 === 'number'));
            if (!fields.length) continue;
            await t.test(`${op.method} ${op.path}`, async () => {
                for (const [field, s] of fields) {
                    const integer = types(s).includes('integer');
                    for (const literal of integer ? INTEGERS : REALS) {
                        const raw = JSON.stringify({ ...baseBody(op), [field]: '\u0001' }).replace('"\\u0001"', literal);
                        const res = expectSafe(await send(op, { raw }), undefined, `${op.method} ${op.path} ${field}=${literal}`);
                        // well-formed JSON whose number no field can hold: 422 naming the field
                        // (SPEC part B; 400 is for malformed JSON only)
                        if (/e400|99999999999999999999999|922337203685477580[89]/.test(literal) && integer) {
                            assert.equal(res.status, 422, `${field}=${literal} is out of range: ${describeRes(res)}`);
                            assert.equal(res.body.error.field, field, `${field}=${literal}: ${describeRes(res)}`);
                        }
                        if (literal === '1.5' && integer)
                            assert.ok(res.status === 422, `a fraction in an integer field: ${describeRes(res)}`);
                        count('numbers');
                    }
                }
            });
        }
        t.diagnostic(`${counts.numbers} bodies with numbers out of range`);
    });

    test('a wrong Content-Type → 415 on every body-taking route', async (t) => {
        for (const op of bodyOps()) {
            const accepted = Object.keys(op.op.requestBody.content);
            await t.test(`${op.method} ${op.path}`, async () => {
                for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'application/xml']) {
                    if (accepted.includes(type)) continue;
                    const res = await send(op, { raw: JSON.stringify(baseBody(op)), headers: { 'content-type': type } });
                    expectSafe(res, [415], `${op.method} ${op.path} as ${type}`);
                    count('wrong Content-Type');
                }
            });
        }
        t.diagnostic(`${counts['wrong Content-Type']} bodies with a wrong Content-Type`);
    });

    /* ---------------------------------------------------------------- paths and queries */

    test('a NUL and bytes that are not UTF-8 in the query string and the path', async (t) => {
        const hostile = ['a%00b', '%00', '%FF%FE', '%C0%AF', '%ED%A0%80', 'caf%C3', '%F4%90%80%80', '-%00', '1%00'];
        for (const op of operations) {
            // a POST without parameters creates; the query variants are for the other methods
            // and for routes whose POST acts on one object
            await t.test(`${op.method} ${op.path}`, async () => {
                const path = fillPath(op, f);
                const names = new Set(['q', 'limit', 'offset', 'sort']);
                for (const p of op.op.parameters || []) {
                    const param = p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p;
                    if (param.in === 'query') names.add(param.name);
                }
                const body = op.op.requestBody?.content?.['application/json'] ? baseBody(op) : undefined;
                // repeated: reads, and the calls on one object but its deletion (a DELETE that
                // ignores its query would delete the fixtures the later cases use); logging out
                // with one token (the first call spends it: 401 afterwards)
                const safeToRepeat = op.method === 'GET' || (op.params.length > 0 && op.method !== 'DELETE') ||
                    ['/api/v1/auth/logout', '/api/v1/auth/login'].includes(op.path);
                if (safeToRepeat) {
                    const token = await tokenFor(op);
                    // q with every value; on a read, each other parameter it names with three
                    // of them in turn (the same parser reads them all, and each value still
                    // reaches several parameters); a write's handler reads no query: q only
                    const queries = ['%FF%00=%FF&%00=1', ...hostile.map((value) => `q=${value}`)];
                    if (op.method === 'GET')
                        [...names].filter((n) => n !== 'q').forEach((name, i) => {
                            for (let k = 0; k < 3; k++) queries.push(`${name}=${hostile[(i * 3 + k) % hostile.length]}`);
                        });
                    await inBatches(queries.map((query) => async () => {
                        const res = await send(op, { path: `${path}?${query}`, body, token });
                        expectSafe(res, undefined, `${op.method} ${path}?${query}`);
                        count('queries');
                    }), op.method === 'GET' ? 4 : 1);
                }
                for (const name of op.params) {
                    for (const value of hostile) {
                        const bad = op.path.replace(/\{([^}]+)\}/g, (m, n) =>
                            n === name ? value : encodeURIComponent(RECIPES[op.path].params(f)[n]));
                        const res = await send(op, { path: bad, body });
                        // 409: the object the other parameter names is in a state that refuses
                        // the call whatever the bad one says (an answer to a cancelled interview)
                        expectSafe(res, [400, 404, 405, 409, 422], `${op.method} ${bad}`);
                        count('paths');
                    }
                }
            });
        }
        t.diagnostic(`${counts.queries} hostile query strings, ${counts.paths || 0} hostile paths`);
    });

    test('list filters that are not UTF-8: 422 naming the argument (PostgreSQL answered 503)', async () => {
        for (const [query, field] of [['company=%FF', 'company'], ['q=caf%C3', 'q'], ['status=%C0%AF', 'status'],
            ['title=%ED%A0%80', 'title']]) {
            for (const list of ['/jobs', '/contacts', '/tasks']) {
                const res = expectSafe(await srv.api('GET', `${list}?${query}`, { token: owner.token }), [422], `${list}?${query}`);
                assert.equal(res.body.error.field, field, describeRes(res));
                assert.equal(res.body.error.message, `${field} must be UTF-8 text`, describeRes(res));
            }
        }
        // the error quotes the bytes it refuses as valid UTF-8 (U+FFFD), never without a message
        const res = expectSafe(await srv.api('GET', '/jobs?sort=%FF%FE', { token: owner.token }), [422]);
        assert.equal(res.body.error.field, 'sort');
        assert.equal(res.body.error.message, 'cannot sort by \ufffd\ufffd');
    });

    test('paging numbers out of range on every list: 422 naming limit or offset', async (t) => {
        const queryNames = (op) => (op.op.parameters || []).map((p) =>
            (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p)).filter((p) => p.in === 'query').map((p) => p.name);
        const lists = operations.filter((op) => op.method === 'GET' && queryNames(op).includes('limit'));
        assert.ok(lists.length >= 20, `the document names the paged lists (${lists.length})`);
        const bad = {
            limit: ['0', '101', '-1', '%2B5', '%205', '99999999999999999999', '9223372036854775808', '1e400', '1.5', '-0', '0x10'],
            offset: ['-1', '%2B5', '%205', '9223372036854775808', '99999999999999999999', '-9223372036854775809', '1e400', '-0'],
        };
        for (const op of lists) {
            await t.test(`${op.method} ${op.path}`, async () => {
                const path = fillPath(op, f);
                const token = await tokenFor(op);
                const names = queryNames(op).filter((n) => bad[n]);
                await inBatches(names.flatMap((name) => bad[name].map((value) => async () => {
                    const res = expectSafe(await send(op, { path: `${path}?${name}=${value}`, token }), [422], `${path}?${name}=${value}`);
                    assert.equal(res.body.error.field, name, describeRes(res));
                    count('paging');
                })), 4);
            });
        }
        t.diagnostic(`${counts.paging} lists asked for pages out of range`);
    });

    test('headers with bytes that are not UTF-8, on a raw socket', async (t) => {
        // the deletions last: the calls carry a valid token, and the later ones need the fixtures
        for (const op of [...operations].sort((a, b) => (a.method === 'DELETE') - (b.method === 'DELETE'))) {
            await t.test(`${op.method} ${op.path}`, async () => {
                const path = fillPath(op, f);
                const token = await tokenFor(op);
                const hostileHeaders = [
                    Buffer.from('Authorization: Bearer \xff\xfe\x80\r\n', 'latin1'),
                    Buffer.concat([Buffer.from(`Authorization: Bearer ${token}\r\nIf-Match: "`), Buffer.from([0xff, 0xc0]), Buffer.from('"\r\n')]),
                    Buffer.concat([Buffer.from(`Authorization: Bearer ${token}\r\nX-Request-Id: `), Buffer.from([0xff, 0xfe]), Buffer.from('\r\nAccept-Encoding: '), Buffer.from([0xe9, 0xff]), Buffer.from('\r\nIf-None-Match: '), Buffer.from([0xff]), Buffer.from('\r\nUser-Agent: '), Buffer.from([0xc0, 0xaf, 0xff]), Buffer.from('\r\n')]),
                ];
                for (const extra of hostileHeaders) {
                    const body = Buffer.from(op.op.requestBody ? JSON.stringify(baseBody(op)) : '');
                    const head = Buffer.concat([
                        Buffer.from(`${op.method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`),
                        extra,
                        Buffer.from('Content-Type: application/json; charset='), Buffer.from([0xff]),
                        Buffer.from(`\r\nContent-Length: ${body.length}\r\n\r\n`),
                    ]);
                    const res = await raw(srv.port, Buffer.concat([head, body]));
                    assert.ok(res.status > 0 && res.status < 500, `${op.method} ${path}: ${res.status} ${res.text.slice(0, 200)}`);
                    if (res.status >= 400) {
                        assert.match(res.headers['content-type'] || '', /^application\/json/, `${op.method} ${path}: ${res.status} ${res.text.slice(0, 200)}`);
                        const error = JSON.parse(res.text).error;
                        assert.equal(error.code, CODES[res.status], `${op.method} ${path}: ${res.text.slice(0, 200)}`);
                    }
                    assert.match(res.headers['x-request-id'] || '', /^[0-9A-Za-z_-]+$/, 'the request id is the server\'s own');
                    count('headers');
                }
            });
        }
        t.diagnostic(`${counts.headers} requests with hostile headers`);
    });

    test('headers the server keeps or repeats (User-Agent, Host) that are not UTF-8', async () => {
        const send1 = async (method, path, headers, body) => {
            const data = Buffer.from(body ? JSON.stringify(body) : '');
            return raw(srv.port, Buffer.concat([
                Buffer.from(`${method} ${API}${path} HTTP/1.1\r\nConnection: close\r\n`), ...headers,
                Buffer.from(`Content-Type: application/json\r\nContent-Length: ${data.length}\r\n\r\n`), data,
            ]));
        };
        const host = Buffer.from('Host: 127.0.0.1\r\n');
        const agent = Buffer.concat([Buffer.from('User-Agent: Mozilla '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\r\n')]);
        // a session and a feedback item keep the User-Agent: not when it is not text
        const name = uniqueName('ua');
        let res = await send1('POST', '/auth/register', [host, agent], { username: name, email: `${name}@example.com`, password: 'correct horse battery' });
        assert.equal(res.status, 201, res.text);
        res = await send1('POST', '/auth/login', [host, agent], { username: name, password: 'correct horse battery' });
        assert.equal(res.status, 200, res.text);
        const token = JSON.parse(res.text).access_token;
        const auth = Buffer.from(`Authorization: Bearer ${token}\r\n`);
        res = await send1('POST', '/feedback', [host, agent, auth], { type: 'general', title: 'UA', description: 'x' });
        assert.equal(res.status, 201, res.text);
        assert.equal(JSON.parse(res.text).user_agent, null);
        // the feed's address is built from Host: a Host that is no host name is not used
        res = await send1('POST', '/calendar/feed', [Buffer.concat([Buffer.from('Host: ex'), Buffer.from([0xff, 0x01]), Buffer.from('ample.com\r\n')]), auth]);
        assert.ok([200, 201].includes(res.status), res.text);
        const feed = JSON.parse(res.text);
        assert.match(feed.url, /^http:\/\/localhost\//, `the feed's address: ${res.text}`);
        expectStatus(await srv.request('GET', '/healthz'), 200);
    });

    /* ---------------------------------------------------------------- uploads */

    test('multipart file names that are not UTF-8: stored with a readable name, never an error', async () => {
        const names = [Buffer.from([0x63, 0x76, 0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74]), Buffer.from('..\\..\\\x01\x1b[31m.txt', 'latin1'),
            Buffer.from([0xc0, 0xaf, 0x2e, 0x2e, 0x2f]), Buffer.from('a\u0000b.txt')];
        for (const name of names) {
            const boundary = 'hostile' + Math.random().toString(16).slice(2);
            const body = Buffer.concat([
                Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`), name,
                Buffer.from('"\r\nContent-Type: text/plain\r\n\r\nJane Doe\nBackend Engineer\n'),
                Buffer.from(`\r\n--${boundary}--\r\n`),
            ]);
            const res = expectSafe(await srv.api('POST', '/resumes', {
                token: owner.token, raw: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
            }), [201, 400, 422], `filename ${name.toString('hex')}`);
            if (res.status === 201) {
                const stored = res.body.original_filename ?? res.body.filename;
                assert.equal(typeof stored, 'string');
                assert.ok(Buffer.from(stored, 'utf8').toString('utf8') === stored && !/[\u0000-\u001f/\\]/.test(stored),
                    `a readable name: ${JSON.stringify(stored)}`);
                expectStatus(await srv.api('DELETE', `/resumes/${res.body.id}`, { token: owner.token }), 204);
            }
            const imported = await srv.api('POST', '/jobs/import', {
                token: owner.token, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
                raw: Buffer.concat([
                    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`), name,
                    Buffer.from('"\r\nContent-Type: text/csv\r\n\r\ncompany,title\r\nAcme \xff,Dev\r\n', 'latin1'),
                    Buffer.from(`\r\n--${boundary}--\r\n`),
                ]),
            });
            expectSafe(imported, [200, 400, 422], 'import with that name');
        }
    });

    test('the résumé that crashed the server (fuzz/fuzz_pdftext.c) is read, and the server lives', async () => {
        const form = new FormData();
        form.append('file', new Blob(['EXPERIENCE\n2020-Present\n- u\nEXPERIENCE\nt'], { type: 'text/plain' }), 'cv.txt');
        const res = expectStatus(await srv.api('POST', '/resumes', { token: owner.token, raw: form }), 201);
        assert.equal(res.parsing_status, 'completed');
        expectStatus(await srv.request('GET', '/healthz'), 200);
    });
});

/* Valid bodies for the creating operations (their recipes have none: they name no object). */
const CREATE_BODIES = {
    'POST /api/v1/jobs': () => ({ company: `Hostile ${uniqueName('c')}`, title: 'Engineer' }),
    'POST /api/v1/applications': (f) => ({ job_id: f.job.id, status: 'interested' }),
    'POST /api/v1/contacts': () => ({ name: 'Hostile Contact' }),
    'POST /api/v1/tasks': () => ({ title: 'Hostile task' }),
    'POST /api/v1/feedback': () => ({ type: 'general', title: 'Hostile', description: 'Input.' }),
    'POST /api/v1/interviews': () => ({ interview_type: 'general', total_questions: 1 }),
    'POST /api/v1/content': (f) => ({ content_type: 'cover_letter', job_id: f.job.id }),
    'POST /api/v1/analytics/snapshots': () => ({ type: 'funnel' }),
    'POST /api/v1/job-sources': () => ({ url: `https://boards.greenhouse.io/${uniqueName('h').replace(/_/g, '')}`, enabled: false }),
    'POST /api/v1/jobs/capture': () => ({ html: '<title>Engineer at Acme</title>' }),
    'POST /api/v1/auth/register': () => ({ username: uniqueName('h'), email: `${uniqueName('h')}@example.com`, password: 'correct horse battery' }),
    'POST /api/v1/auth/login': () => ({ username: 'nobody_at_all', password: 'wrong password here' }),
    'POST /api/v1/users/me/password': () => ({ current_password: 'not the password', new_password: 'another horse battery' }),
    'PATCH /api/v1/users/me': () => ({ skills: ['Go'] }),
    'PUT /api/v1/users/me/preferences': () => ({ keywords: ['go'] }),
};

/* A value of schema s (the first allowed value, a small number, a date...). */
function sample(s) {
    if (!s) return 'x';
    if (s.enum) return s.enum.find((v) => v !== null);
    const t = [].concat(s.type || 'string').find((x) => x !== 'null');
    if (t === 'integer' || t === 'number') return Math.max(1, s.minimum ?? 1);
    if (t === 'boolean') return true;
    if (t === 'array') return [];
    if (t === 'object') return {};
    if (s.format === 'date') return '2025-11-24';
    if (s.format === 'date-time') return '2025-11-24T10:00:00Z';
    if (s.format === 'uri') return 'https://example.com/';
    if (s.format === 'email') return 'someone@example.com';
    return 'x';
}

/* One request on a raw socket (Connection: close); the status, headers and body as text. */
function raw(port, bytes) {
    return new Promise((resolveRaw, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        const chunks = [];
        socket.setTimeout(30000, () => { socket.destroy(); reject(new Error('no answer within 30 s')); });
        socket.on('data', (c) => chunks.push(c));
        socket.on('error', reject);
        socket.on('close', () => {
            const text = Buffer.concat(chunks).toString('latin1');
            const [head, ...rest] = text.split('\r\n\r\n');
            const lines = head.split('\r\n');
            const status = Number((lines[0].match(/^HTTP\/1\.[01] (\d{3})/) || [])[1] || 0);
            const headers = {};
            for (const line of lines.slice(1)) {
                const i = line.indexOf(':');
                if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
            }
            resolveRaw({ status, headers, text: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8') });
        });
        socket.write(bytes);
    });
}
