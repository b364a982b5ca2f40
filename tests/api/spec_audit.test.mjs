// What the twenty-eighth round's SPEC audit found by sending, from SPEC.md alone, the requests a
// black-box tester would write (docs/decisions.md "HTTP and errors" has the choices):
//
//   - a 401 names the scheme it wants (`WWW-Authenticate: Bearer`, RFC 9110 section 11.6.1);
//   - one trailing slash on an API path is the path without it (`/api/v1/jobs/` lists the jobs);
//   - a number too large to be stored (an integer beyond 64 bits, a real beyond a double) is
//     well-formed JSON with a value out of range: 422 `validation_failed` naming the member
//     (SPEC part B: 400 is for malformed JSON only);
//   - a timestamp without a time zone is UTC (SPEC: timestamps are UTC), as one with `Z`; an
//     offset is converted.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    API, createApplication, createJob, expectError, expectStatus, login, registerUser, sha256, sleep, sqlRows,
    startServer, today, uniqueName,
} from './helpers.mjs';

describe('SPEC audit (twenty-eighth round)', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    describe('401 carries WWW-Authenticate: Bearer', () => {
        test('no token, a token that is not one, a revoked token, a failed login', async () => {
            const gone = await registerUser(srv);
            expectStatus(await srv.api('POST', '/auth/logout', { token: gone.token }), 204);
            const answers = [
                await srv.api('GET', '/users/me'),
                await srv.api('GET', '/jobs', { token: 'not-a-token' }),
                await srv.api('GET', '/jobs', { headers: { authorization: 'Basic YTpi' } }),
                await srv.api('GET', '/applications', { token: gone.token }),
                await srv.api('POST', '/auth/login', { body: { username: alice.username, password: 'wrong password' } }),
            ];
            for (const res of answers) {
                expectError(res, 401, 'unauthorized');
                assert.equal(res.headers.get('www-authenticate'), 'Bearer', `${res.method} ${res.path}`);
            }
        });

        test('the OpenAPI document says so, so every suite\'s 401 is checked for it', async () => {
            const doc = expectStatus(await srv.api('GET', '/openapi.json'), 200);
            const header = doc.components.responses.Unauthorized.headers['WWW-Authenticate'];
            assert.ok(header, 'the 401 response documents WWW-Authenticate');
            assert.equal(doc.components.headers[header.$ref.split('/').pop()].required, true);
        });

        test('other errors do not carry it', async () => {
            const res = await srv.api('GET', '/jobs/999999999', { token: alice.token });
            expectError(res, 404, 'not_found');
            assert.equal(res.headers.get('www-authenticate'), null);
        });
    });

    describe('one trailing slash on an API path', () => {
        test('lists, creates, reads, updates and deletes as the path without it', async () => {
            const created = await srv.api('POST', '/jobs/', { token: alice.token, body: { company: 'Slash Co', title: 'Trailing' } });
            const job = expectStatus(created, 201);
            assert.equal(created.headers.get('location'), `${API}/jobs/${job.id}`);
            const list = expectStatus(await srv.api('GET', '/jobs/?limit=100', { token: alice.token }), 200);
            assert.ok(list.items.some((j) => j.id === job.id), 'the new job is listed');
            assert.equal(expectStatus(await srv.api('GET', `/jobs/${job.id}/`, { token: alice.token }), 200).id, job.id);
            const patched = expectStatus(await srv.api('PATCH', `/jobs/${job.id}/`, { token: alice.token, body: { notes: 'slash' } }), 200);
            assert.equal(patched.notes, 'slash');
            expectStatus(await srv.api('GET', '/users/me/', { token: alice.token }), 200);
            expectStatus(await srv.api('GET', '/applications/pipeline/', { token: alice.token }), 200);
            expectStatus(await srv.request('GET', `${API}/resources/?limit=1`), 200);
            expectStatus(await srv.api('DELETE', `/jobs/${job.id}/`, { token: alice.token }), 204);
            expectError(await srv.api('GET', `/jobs/${job.id}`, { token: alice.token }), 404, 'not_found');
        });

        test('the same rules: no token 401, another user\'s row 404, a wrong method 405 with Allow', async () => {
            const job = await createJob(srv, alice.token);
            expectError(await srv.api('GET', '/jobs/'), 401, 'unauthorized');
            expectError(await srv.api('GET', `/jobs/${job.id}/`, { token: bob.token }), 404, 'not_found');
            const res = await srv.api('PUT', '/jobs/', { token: alice.token, body: {} });
            expectError(res, 405, 'method_not_allowed');
            assert.match(res.headers.get('allow'), /GET/);
        });

        test('only one slash, and only on a path that exists', async () => {
            expectError(await srv.api('GET', '/jobs//', { token: alice.token }), 404, 'not_found');
            expectError(await srv.api('GET', '/no-such-thing/', { token: alice.token }), 404, 'not_found');
            expectError(await srv.request('GET', '/api/v1/'), 404, 'not_found');
        });
    });

    describe('the document names every filter SPEC lists', () => {
        test('GET /tasks: done, due_before, application_id, job_id and q (SPEC part E)', async () => {
            const doc = expectStatus(await srv.api('GET', '/openapi.json'), 200);
            const names = doc.paths['/api/v1/tasks'].get.parameters.map((p) => p.name || p.$ref.split('/').pop());
            for (const name of ['done', 'due_before', 'application_id', 'job_id', 'q', 'sort', 'limit', 'offset'])
                assert.ok(names.includes(name), `GET /tasks documents ${name}: ${names.join(', ')}`);
        });
    });

    describe('timestamps with and without a time zone', () => {
        test('an offset is converted to UTC; none at all is UTC; a bare date is midnight UTC', async () => {
            const job = await createJob(srv, alice.token);
            const cases = [
                ['2025-11-24T10:00:00Z', '2025-11-24T10:00:00Z'],
                ['2025-11-24T10:00:00+02:00', '2025-11-24T08:00:00Z'],
                ['2025-11-24T10:00:00-05:30', '2025-11-24T15:30:00Z'],
                ['2025-11-24T10:00:00.250Z', '2025-11-24T10:00:00Z'],
                ['2025-11-24T10:00:00', '2025-11-24T10:00:00Z'],
                ['2025-11-24T10:00:00.123456', '2025-11-24T10:00:00Z'],
                ['2025-11-24', '2025-11-24T00:00:00Z'],
            ];
            for (const [given, stored] of cases) {
                const app = expectStatus(await srv.api('POST', '/applications', { token: alice.token, body: { job_id: job.id, interview_date: given } }), 201);
                assert.equal(app.interview_date, stored, given);
                const again = expectStatus(await srv.api('GET', `/applications/${app.id}`, { token: alice.token }), 200);
                assert.equal(again.interview_date, stored, `${given}, read back`);
            }
            const app = expectStatus(await srv.api('POST', '/applications', { token: alice.token, body: { job_id: job.id } }), 201);
            const moved = expectStatus(await srv.api('PATCH', `/applications/${app.id}`, { token: alice.token, body: { interview_date: '2026-01-02T03:04:05' } }), 200);
            assert.equal(moved.interview_date, '2026-01-02T03:04:05Z');
        });

        test('what is no timestamp stays 422 naming the field', async () => {
            const job = await createJob(srv, alice.token);
            for (const bad of ['2025-11-24T10:00', '2025-11-24T25:00:00', '2025-11-24T10:00:00+0200', 'tomorrow', '2025-13-01T00:00:00Z', '']) {
                expectError(await srv.api('POST', '/applications', { token: alice.token, body: { job_id: job.id, interview_date: bad } }),
                    422, 'validation_failed', 'interview_date');
            }
            // date columns take a date only
            expectError(await srv.api('POST', '/applications', { token: alice.token, body: { job_id: job.id, applied_date: '2025-11-24T10:00:00Z' } }),
                422, 'validation_failed', 'applied_date');
        });
    });

    describe('numbers too large to be stored → 422 naming the member', () => {
        const send = (method, path, raw, token = alice.token) =>
            srv.api(method, path, { token, raw, headers: { 'content-type': 'application/json' } });

        test('integers beyond 64 bits, either sign, in integer fields', async () => {
            for (const literal of ['100000000000000000000', '9223372036854775808', '-9223372036854775809']) {
                expectError(await send('POST', '/jobs', `{"company":"Big","title":"Numbers","salary_max":${literal}}`),
                    422, 'validation_failed', 'salary_max');
                expectError(await send('PATCH', '/users/me', `{"daily_application_goal":${literal}}`),
                    422, 'validation_failed', 'daily_application_goal');
                expectError(await send('POST', '/applications', `{"job_id":${literal}}`),
                    422, 'validation_failed', 'job_id');
            }
        });

        test('a real beyond a double, and a member that is not the first or the last', async () => {
            const job = await createJob(srv, alice.token);
            const body = `{"interview_type":"general","total_questions":1e400,"job_id":${job.id}}`;
            expectError(await send('POST', '/interviews', body), 422, 'validation_failed', 'total_questions');
            expectError(await send('PATCH', `/jobs/${job.id}`, '{"notes":"a } \\" , : {","salary_min":-1e400,"title":"x"}'),
                422, 'validation_failed', 'salary_min');
        });

        test('inside a JSON column: the column that holds it', async () => {
            expectError(await send('POST', '/feedback', '{"type":"general","title":"t","description":"d","extra_data":{"n":[1,99999999999999999999]}}'),
                422, 'validation_failed', 'extra_data');
        });

        test('a number that fits but is outside the field\'s range is still the field\'s own 422', async () => {
            expectError(await send('POST', '/jobs', '{"company":"Range","title":"Check","salary_max":2000000000}'),
                422, 'validation_failed', 'salary_max');
            expectError(await send('PATCH', '/users/me', '{"daily_application_goal":101}'), 422, 'validation_failed', 'daily_application_goal');
        });

        test('malformed JSON stays 400', async () => {
            expectError(await send('POST', '/jobs', '{"company":"A","title":'), 400, 'bad_request');
            expectError(await send('POST', '/jobs', '{"company":"A","company":"B","title":"C"}'), 400, 'bad_request');
        });
    });
});

// What the thirty-first round's SPEC audit found (docs/decisions.md "SPEC audit (thirty-first
// round)"):
//
//   - with CORS configured, a page on the allowed origin could not read the ETag it must send
//     back in If-Match (SPEC part E), nor the Location of a 201, the Retry-After of a 429 or
//     the X-Request-Id: the answers now carry Access-Control-Expose-Headers naming them;
//   - the API's answers that are not JSON (the CSV export, a résumé's file) carried no
//     Cache-Control, while the same data as JSON is `no-store` (SPEC part E): every answer
//     under /api/ is `no-store` unless its route says otherwise;
//   - expired sessions were purged only when a server started (SPEC part A: "Expired rows are
//     purged"): every new session now deletes the expired ones first;
//   - a multipart upload with two parts called `file` stored the two files run together as
//     one résumé (or imported them as one CSV), and a part called anything else was ignored:
//     both are now 422 naming the part, as an unknown member of a JSON body (SPEC part B).
describe('SPEC audit (thirty-first round)', () => {
    const ORIGIN = 'https://app.example';
    const EXPOSED = ['etag', 'location', 'retry-after', 'www-authenticate', 'x-request-id', 'content-disposition'];
    let srv;
    let cors;
    let alice;

    before(async () => {
        srv = await startServer();
        cors = await startServer({ env: { COPILOT_CORS_ORIGIN: ORIGIN } });
        alice = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); await cors?.stop(); });

    const exposed = (res) => (res.headers.get('access-control-expose-headers') || '')
        .split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);

    describe('CORS: the headers a page on the allowed origin must read are exposed', () => {
        test('ETag of a GET (for If-Match), Location of a 201, WWW-Authenticate of a 401', async () => {
            const user = await registerUser(cors);
            const headers = { origin: ORIGIN };
            const created = await cors.api('POST', '/jobs', { token: user.token, headers, body: { company: 'Cors Co', title: 'Exposed' } });
            const job = expectStatus(created, 201);
            assert.ok(created.headers.get('location'));
            const read = await cors.api('GET', `/jobs/${job.id}`, { token: user.token, headers });
            expectStatus(read, 200);
            assert.ok(read.headers.get('etag'));
            const refused = await cors.api('GET', '/users/me', { headers });
            expectError(refused, 401, 'unauthorized');
            for (const res of [created, read, refused]) {
                assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
                for (const name of EXPOSED)
                    assert.ok(exposed(res).includes(name), `${res.method} ${res.path} exposes ${name}: ${exposed(res)}`);
            }
            // the If-Match a page sends back with the ETag it could read
            const etag = read.headers.get('etag');
            expectStatus(await cors.api('PATCH', `/jobs/${job.id}`, { token: user.token, headers: { ...headers, 'if-match': etag }, body: { notes: 'read the tag' } }), 200);
            expectError(await cors.api('PATCH', `/jobs/${job.id}`, { token: user.token, headers: { ...headers, 'if-match': etag }, body: { notes: 'stale' } }),
                412, 'precondition_failed');
        });

        test('without CORS, nothing is exposed', async () => {
            const res = await srv.api('GET', '/users/me', { token: alice.token, headers: { origin: ORIGIN } });
            expectStatus(res, 200);
            assert.equal(res.headers.get('access-control-expose-headers'), null);
            assert.equal(res.headers.get('access-control-allow-origin'), null);
        });
    });

    describe('expired sessions are purged while the server runs', () => {
        test('a login deletes every expired session, of any user; a live one stays', async () => {
            // two servers on one database: sessions of 1 s on one, of an hour on the other
            const short = await startServer({ env: { COPILOT_TOKEN_TTL: '1' } });
            const long = await startServer({ dbUrl: short.dbUrl, env: { COPILOT_TOKEN_TTL: '3600' } });
            try {
                // the long-lived user first: a registration purges expired sessions, and the
                // short one's (1 s) could expire before a registration after it ended (make asan)
                const second = await registerUser(long);
                const first = await registerUser(short);
                const count = (id) => Number(sqlRows(short.dbUrl, `SELECT count(*) FROM sessions WHERE user_id = ${id}`)[0][0]);
                assert.equal(count(first.user.id), 1);
                await sleep(2100); // the first user's session has expired (1 s, in whole seconds)
                expectError(await short.api('GET', '/users/me', { token: first.token }), 401, 'unauthorized');
                assert.equal(count(first.user.id), 1, 'an expired token is refused, its row still there');
                const token = await login(long, second.username);
                assert.equal(count(first.user.id), 0, 'the other user\'s expired session is gone');
                assert.equal(count(second.user.id), 2, 'the live sessions stay');
                expectStatus(await long.api('GET', '/users/me', { token: second.token }), 200);
                expectStatus(await long.api('GET', '/users/me', { token }), 200);
                // a registration purges too, inside its transaction
                const third = await registerUser(short);
                await sleep(2100);
                await registerUser(long);
                assert.equal(count(third.user.id), 0, 'purged by a registration');
                assert.equal(count(second.user.id), 2);
            } finally {
                await long.stop();
                await short.stop();
            }
        });
    });

    describe('multipart uploads: one part called file, nothing else', () => {
        const upload = async (user, path, parts) => {
            const form = new FormData();
            for (const [name, content, filename] of parts) {
                if (filename) form.append(name, new Blob([content], { type: 'text/plain' }), filename);
                else form.append(name, content);
            }
            const req = new Request('http://localhost/', { method: 'POST', body: form });
            return srv.api('POST', path, {
                token: user.token, raw: Buffer.from(await req.arrayBuffer()),
                headers: { 'content-type': req.headers.get('content-type') },
            });
        };
        const CV = 'Jane Doe\njane@example.com\nSkills: Go, SQL\n';

        test('two parts called file → 422 naming file, nothing stored (it ran them together)', async () => {
            const user = await registerUser(srv);
            expectError(await upload(user, '/resumes', [['file', CV, 'one.txt'], ['file', 'Second file\n', 'two.txt']]),
                422, 'validation_failed', 'file');
            expectError(await upload(user, '/jobs/import', [['file', 'company,title\nTwo Parts,One\n', 'a.csv'], ['file', 'company,title\nTwo Parts,Two\n', 'b.csv']]),
                422, 'validation_failed', 'file');
            assert.equal(expectStatus(await srv.api('GET', '/resumes', { token: user.token }), 200).total, 0);
            assert.equal(expectStatus(await srv.api('GET', '/jobs', { token: user.token }), 200).total, 0);
        });

        test('a part called anything else → 422 naming it, as an unknown member of a JSON body', async () => {
            const user = await registerUser(srv);
            expectError(await upload(user, '/resumes', [['file', CV, 'cv.txt'], ['label', 'mine']]), 422, 'validation_failed', 'label');
            expectError(await upload(user, '/jobs/import', [['notes', 'x'], ['file', 'company,title\nA,B\n', 'jobs.csv']]), 422, 'validation_failed', 'notes');
            assert.equal(expectStatus(await srv.api('GET', '/resumes', { token: user.token }), 200).total, 0);
        });

        test('the one part alone is stored as sent', async () => {
            const user = await registerUser(srv);
            const resume = expectStatus(await upload(user, '/resumes', [['file', CV, 'cv.txt']]), 201);
            assert.equal(resume.file_size, Buffer.byteLength(CV));
            const file = await srv.api('GET', `/resumes/${resume.id}/file`, { token: user.token });
            assert.equal(file.text, CV);
            assert.equal(expectStatus(await upload(user, '/jobs/import', [['file', 'company,title\nOne Part,Only\n', 'jobs.csv']]), 200).created, 1);
        });
    });

    describe('every answer of the API is no-store, not only the JSON ones', () => {
        test('the CSV export and a résumé\'s file, as the JSON export', async () => {
            await createJob(srv, alice.token);
            for (const format of ['csv', 'json']) {
                const res = await srv.api('GET', `/jobs/export?format=${format}`, { token: alice.token });
                expectStatus(res, 200);
                assert.equal(res.headers.get('cache-control'), 'no-store', `format=${format}`);
            }
            const form = new FormData();
            form.append('file', new Blob(['Jane Doe\njane@example.com\nSkills: Go, SQL\n'], { type: 'text/plain' }), 'cv.txt');
            const upload = new Request('http://localhost/', { method: 'POST', body: form });
            const resume = expectStatus(await srv.api('POST', '/resumes', {
                token: alice.token, raw: Buffer.from(await upload.arrayBuffer()),
                headers: { 'content-type': upload.headers.get('content-type') },
            }), 201);
            const file = await srv.api('GET', `/resumes/${resume.id}/file`, { token: alice.token });
            expectStatus(file, 200);
            assert.equal(file.headers.get('cache-control'), 'no-store');
        });

        test('what sets its own keeps it: the page, the API document', async () => {
            assert.equal((await srv.request('GET', '/')).headers.get('cache-control'), 'no-cache');
            assert.equal((await srv.request('GET', `${API}/openapi.json`)).headers.get('cache-control'), 'no-cache');
        });
    });
});

// What the thirty-second round's blind pass found (a test file written from SPEC.md alone, run
// against both engines before our tests or code were read; docs/decisions.md, "SPEC audit
// (thirty-second round)"): the preferences' lists of job types and sources took any string, so
// a typo ("Full Time") was a stated preference no job could meet, and every job lost its
// preference points. Below it, the blind assertions most likely to catch a regression that no
// other file held as such.
describe('SPEC audit (thirty-second round)', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer({ env: { COPILOT_MAX_BODY: '4096' } });
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    test('preferences: job types and sources take the values of jobs.job_type and jobs.source', async () => {
        const user = await registerUser(srv);
        const saved = expectStatus(await srv.api('PUT', '/users/me/preferences', { token: user.token, body: {
            preferred_job_types: ['full-time', 'contract'], preferred_sources: ['linkedin'], disabled_sources: ['rss'],
        } }), 200);
        assert.deepEqual(saved.preferred_job_types, ['full-time', 'contract']);
        for (const [field, value] of [['preferred_job_types', ['full-time', 'Full Time']], ['preferred_sources', ['myspace']],
            ['disabled_sources', ['linkedin', 'greenhouse']]]) {
            const error = expectError(await srv.api('PUT', '/users/me/preferences', { token: user.token, body: { [field]: value } }),
                422, 'validation_failed', field);
            assert.ok(Array.isArray(error.allowed) && error.allowed.includes(field === 'preferred_job_types' ? 'freelance' : 'adzuna'), JSON.stringify(error));
        }
        const kept = expectStatus(await srv.api('GET', '/users/me/preferences', { token: user.token }), 200);
        assert.deepEqual([kept.preferred_job_types, kept.preferred_sources, kept.disabled_sources], [['full-time', 'contract'], ['linkedin'], ['rss']]);
    });

    test('fingerprint (part C): suffixes walked in order, once each; decorations; final sigma folds', async () => {
        const fp = async (company, title, location) =>
            expectStatus(await srv.api('POST', '/jobs', { token: alice.token, body: { company, title, location } }), 201).job_fingerprint;
        assert.equal(await fp('Acme Inc Co', 'Dev', ''), sha256('acme inc|dev|')); // inc is not last when its turn comes
        assert.equal(await fp('Beta Co Inc', 'Dev', ''), sha256('beta|dev|'));
        assert.equal(await fp('Gamma_Labs; Ltd:', 'Dev', ''), sha256('gamma labs|dev|'));
        assert.equal(await fp('Deco', '  URGENT: Remote Full-Time Data Engineer (Contract) [EU] - apply now!! ', ' Paris,France - Europe '),
            sha256('deco|data engineer|paris france europe'));
        assert.equal(await fp('ÉCOLE Corp', 'Dévelopeur', 'Zürich'), sha256('école|dévelopeur|zürich'));
        await fp('ΟΔΟΣ', 'Dev', 'x');
        const dup = expectError(await srv.api('POST', '/jobs', { token: alice.token, body: { company: 'οδος', title: 'Dev', location: 'x' } }), 409, 'conflict');
        assert.equal(dup.reason, 'fingerprint');
    });

    test('near duplicates: one location unset still lists, clearly different locations do not', async () => {
        const user = await registerUser(srv);
        const first = expectStatus(await srv.api('POST', '/jobs', { token: user.token, body: { company: 'Decoland', title: 'Data Engineer', location: 'Paris' } }), 201);
        const unset = expectStatus(await srv.api('POST', '/jobs', { token: user.token, body: { company: 'Decolnd', title: 'Data Engineer' } }), 201);
        assert.ok(unset.possible_duplicates.some((d) => d.id === first.id), JSON.stringify(unset.possible_duplicates));
        const far = expectStatus(await srv.api('POST', '/jobs', { token: user.token, body: { company: 'Decolande', title: 'Data Engineer', location: 'Tokyo' } }), 201);
        assert.ok(!far.possible_duplicates.some((d) => d.id === first.id), JSON.stringify(far.possible_duplicates));
    });

    test('lengths count characters, not bytes', async () => {
        const name = uniqueName('mb');
        expectError(await srv.api('POST', '/auth/register', { body: { username: name, email: `${name}@example.com`, password: 'é'.repeat(7) } }),
            422, 'validation_failed', 'password');
        expectStatus(await srv.api('POST', '/auth/register', { body: { username: name, email: `${name}@example.com`, password: 'é'.repeat(8) } }), 201);
        expectStatus(await srv.api('POST', '/feedback', { token: alice.token, body: { type: 'general', title: 'é'.repeat(255), description: 'd' } }), 201);
        expectError(await srv.api('POST', '/feedback', { token: alice.token, body: { type: 'general', title: 'é'.repeat(256), description: 'd' } }),
            422, 'validation_failed', 'title');
        expectStatus(await srv.api('POST', '/contacts', { token: alice.token, body: { name: '😀'.repeat(200) } }), 201);
        expectError(await srv.api('POST', '/contacts', { token: alice.token, body: { name: 'é'.repeat(201) } }), 422, 'validation_failed', 'name');
        expectStatus(await srv.api('POST', '/tasks', { token: alice.token, body: { title: 'é'.repeat(300) } }), 201);
        expectError(await srv.api('POST', '/tasks', { token: alice.token, body: { title: 'é'.repeat(301) } }), 422, 'validation_failed', 'title');
    });

    test('pipeline: no answer, no response_date; backwards refused naming the moves; force reopens only to the previous state', async () => {
        const rejected = await createApplication(srv, bob.token);
        const r = expectStatus(await srv.api('PATCH', `/applications/${rejected.id}`, { token: bob.token, body: { status: 'rejected' } }), 200);
        assert.equal(r.response_date, null); // rejected before applying is no company answer
        const ghosted = await createApplication(srv, bob.token, { status: 'applied' });
        const g = expectStatus(await srv.api('PATCH', `/applications/${ghosted.id}`, { token: bob.token, body: { status: 'ghosted' } }), 200);
        assert.equal(g.response_date, null);
        const bad = expectError(await srv.api('PATCH', `/applications/${rejected.id}`, { token: bob.token, body: { status: 'applied' } }), 422, 'validation_failed', 'status');
        assert.equal(bad.allowed, undefined); // a final state: no move, only ?force=true
        const moved = await createApplication(srv, bob.token, { status: 'applied' });
        expectStatus(await srv.api('PATCH', `/applications/${moved.id}`, { token: bob.token, body: { status: 'interview' } }), 200);
        const back = expectError(await srv.api('PATCH', `/applications/${moved.id}`, { token: bob.token, body: { status: 'phone_screen' } }), 422, 'validation_failed', 'status');
        assert.deepEqual(back.allowed, ['technical', 'offer', 'rejected', 'withdrawn', 'ghosted']);
        const fromApplied = await createApplication(srv, bob.token, { status: 'applied' });
        expectStatus(await srv.api('PATCH', `/applications/${fromApplied.id}`, { token: bob.token, body: { status: 'rejected' } }), 200);
        expectError(await srv.api('PATCH', `/applications/${fromApplied.id}?force=true`, { token: bob.token, body: { status: 'phone_screen' } }), 422, 'validation_failed', 'status');
        expectStatus(await srv.api('PATCH', `/applications/${fromApplied.id}?force=true`, { token: bob.token, body: { status: 'applied' } }), 200);
    });

    test('the feed escapes text (RFC 5545 3.3.11) and folds at 75 octets without splitting a character', async () => {
        const user = await registerUser(srv);
        const job = await createJob(srv, user.token, { company: 'Back\\slash; Co', title: `Line\nbreak ${'é'.repeat(70)}` });
        expectStatus(await srv.api('POST', '/applications', { token: user.token, body: { job_id: job.id, status: 'applied', follow_up_date: today() } }), 201);
        expectStatus(await srv.api('POST', '/tasks', { token: user.token, body: { title: 'Task; with, comma', due_date: today() } }), 201);
        const feed = expectStatus(await srv.api('POST', '/calendar/feed', { token: user.token }), 201);
        const ics = await srv.request('GET', `${API}/calendar.ics?token=${feed.url.split('token=')[1]}`);
        expectStatus(ics, 200);
        const lines = ics.text.split('\r\n');
        assert.ok(lines.every((l) => Buffer.byteLength(l) <= 75), 'every line at most 75 octets');
        assert.ok(!ics.text.includes('\uFFFD'), 'no line ends inside a UTF-8 sequence');
        const unfolded = ics.text.replace(/\r\n /g, '');
        assert.ok(unfolded.includes(`SUMMARY:Follow up: Line\\nbreak ${'é'.repeat(70)} at Back\\\\slash\\; Co\r\n`), unfolded);
        assert.ok(unfolded.includes('SUMMARY:Task: Task\\; with\\, comma\r\n'), unfolded);
    });

    test('the calendar takes 366 days counted with both ends, not 367', async () => {
        expectStatus(await srv.api('GET', '/calendar?from=2025-01-01&to=2026-01-01', { token: alice.token }), 200);
        expectError(await srv.api('GET', '/calendar?from=2025-01-01&to=2026-01-02', { token: alice.token }), 422, 'validation_failed', 'to');
    });

    test('the board counts the whole column and shows per_column of it; the rest through the list', async () => {
        const user = await registerUser(srv);
        const ids = [];
        for (let i = 0; i < 3; i++) ids.push((await createApplication(srv, user.token)).id);
        const board = expectStatus(await srv.api('GET', '/applications/board?per_column=2', { token: user.token }), 200);
        const column = board.columns.find((c) => c.status === 'interested');
        assert.equal(column.count, 3);
        assert.equal(column.items.length, 2);
        const rest = expectStatus(await srv.api('GET', '/applications?status=interested&sort=-updated_at&offset=2', { token: user.token }), 200);
        assert.deepEqual([...column.items, ...rest.items].map((a) => a.id).sort((x, y) => x - y), ids);
    });

    test('CSV export prefixes a cell starting with -, tab or CR, and only those', async () => {
        const user = await registerUser(srv);
        await createJob(srv, user.token, { company: '\ttabbed', title: '-minus', location: '\rreturn', notes: 'a-b' });
        const csv = expectStatus(await srv.api('GET', '/jobs/export?format=csv', { token: user.token }), 200);
        assert.ok(csv.includes("'\ttabbed") && csv.includes("'-minus") && csv.includes("'\rreturn"), JSON.stringify(csv));
        assert.ok(!csv.includes("'a-b"), JSON.stringify(csv));
    });

    test('capture takes html up to COPILOT_MAX_UPLOAD, beyond COPILOT_MAX_BODY', async () => {
        const html = `<title>Big page</title>${'x'.repeat(8000)}`;
        expectError(await srv.api('POST', '/jobs', { token: alice.token, body: { company: 'Big', title: 'Body', notes: 'n'.repeat(8000) } }), 413, 'payload_too_large');
        const draft = expectStatus(await srv.api('POST', '/jobs/capture', { token: alice.token, body: { url: 'https://jobs.example.org/big', html } }), 200);
        assert.equal(draft.extracted_from, 'title');
    });

    test('capture: source from the board\'s host; entities decoded and tags stripped in the description', async () => {
        const posting = (extra) => `<script type="application/ld+json">${JSON.stringify({ '@type': 'JobPosting', title: 'LI Role', hiringOrganization: { name: 'LIco' }, ...extra })}</script>`;
        const li = expectStatus(await srv.api('POST', '/jobs/capture', { token: bob.token, body: { url: 'https://www.linkedin.com/jobs/view/123', html: posting({}) } }), 200);
        assert.equal(li.job.source, 'linkedin');
        const indeed = expectStatus(await srv.api('POST', '/jobs/capture', { token: bob.token, body: { url: 'https://de.indeed.com/viewjob?jk=1', html: posting({}) } }), 200);
        assert.equal(indeed.job.source, 'indeed');
        const ent = expectStatus(await srv.api('POST', '/jobs/capture', { token: bob.token, body: { url: 'https://x.example/1',
            html: posting({ title: 'T &amp; Q', description: '<ul><li>One &lt;b&gt;</li><li>Two &#233; &eacute;</li></ul>' }) } }), 200);
        assert.equal(ent.job.title, 'T & Q');
        assert.ok(!/<li>/.test(ent.job.description) && /One/.test(ent.job.description) && /é é/.test(ent.job.description), ent.job.description);
    });
});
