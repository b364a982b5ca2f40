// Jobs: create with validation, fingerprint and duplicate rules, list paging/sorting/filtering,
// full-text search, read/update/delete with ownership, export, and the body-size limit
// (SPEC part B "Jobs", part A "jobs", part C "Job fingerprint and duplicates").

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    ENGINE, assertTimestamp, createApplication, createJob, expectBadInput, expectError, expectStatus,
    itemsOf, jobBody, parseCsv, registerUser, sha256, sqlRows, startServer, testRefusedFields,
} from './helpers.mjs';

const JOB_TYPES = ['full-time', 'part-time', 'contract', 'internship', 'temporary', 'freelance'];
const REMOTE_OPTIONS = ['onsite', 'hybrid', 'remote'];
const SOURCES = ['manual', 'import', 'linkedin', 'indeed', 'adzuna', 'rss', 'api', 'other'];
const JOB_STATUSES = ['not_applied', 'interested', 'applied', 'phone_screen', 'interview', 'technical',
    'offer', 'accepted', 'declined', 'rejected', 'withdrawn', 'ghosted', 'archived'];

describe('jobs', () => {
    let srv;
    let alice;
    let bob;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const post = (who, body) => srv.api('POST', '/jobs', { token: who.token, body });
    const get = (who, p) => srv.api('GET', p, { token: who.token });

    describe('POST /jobs', () => {
        test('201 with Location and the full object', async () => {
            const input = {
                company: 'Full Object Ltd', title: 'Systems Programmer', location: 'Hamburg',
                description: 'Write C all day.', requirements: 'C17, POSIX', salary_range: '70-90k',
                salary_min: 70000, salary_max: 90000, currency: 'EUR', job_type: 'full-time',
                remote_option: 'hybrid', tech_stack: ['C', 'PostgreSQL', 'Linux'],
                responsibilities: 'Ship it', documents_required: ['cv', 'cover letter'],
                application_url: 'https://careers.example.com/full-object/1', source_url: 'https://board.example.com/p/1',
                source: 'linkedin', notes: 'looks good', date_applied: '2025-11-01',
            };
            const res = await post(alice, input);
            const job = expectStatus(res, 201);
            assert.ok(Number.isInteger(job.id) && job.id > 0);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/jobs/${job.id}$`));
            for (const [key, value] of Object.entries(input)) assert.deepEqual(job[key], value, key);
            assert.equal(job.user_id, alice.user.id);
            assert.equal(job.status, 'not_applied', 'status defaults to not_applied');
            assert.match(job.job_fingerprint, /^[0-9a-f]{64}$/);
            assertTimestamp(job.created_at, 'created_at');
            assertTimestamp(job.updated_at, 'updated_at');
            const again = expectStatus(await get(alice, `/jobs/${job.id}`), 200);
            for (const [key, value] of Object.entries(input)) assert.deepEqual(again[key], value, `GET ${key}`);
            assert.equal(again.job_fingerprint, job.job_fingerprint);
        });

        test('only company and title are required; the rest default to null', async () => {
            const job = expectStatus(await post(alice, { company: 'Minimal Co', title: 'Minimalist' }), 201);
            for (const key of ['location', 'description', 'salary_min', 'salary_max', 'currency', 'job_type',
                'remote_option', 'application_url', 'date_applied'])
                assert.equal(job[key] ?? null, null, key);
            assert.equal(job.status, 'not_applied');
        });

        // Expected normalised strings come straight from SPEC part C.
        const fingerprints = [
            ['SPEC examples', { company: 'Tech-Company, Inc.', title: 'Senior Software Engineer - Backend (m/f/d)', location: 'Remote - USA' },
                'tech|senior software engineer backend|remote usa'],
            ['suffix and bracket group', { company: 'Acme GmbH', title: 'Data Engineer [Urgent]', location: 'Berlin, Germany' },
                'acme|data engineer|berlin germany'],
            ['no location', { company: 'Stripe, LLC', title: 'Backend Engineer' },
                'stripe|backend engineer|'],
            ['decoration words', { company: 'Globex Corporation', title: 'Remote Full Time Platform Engineer - Apply Now!', location: '  Paris  ' },
                'globex|platform engineer|paris'],
            ['suffixes walked in list order', { company: 'Acme Co., Ltd.', title: 'Developer', location: 'Lima' },
                'acme|developer|lima'],
            ['each suffix removed once, only when last', { company: 'Foo Inc Ltd', title: 'Developer', location: 'Lima' },
                'foo inc|developer|lima'],
            ['several groups and punctuation', { company: 'Bar', title: '(Remote) C/C++ Engineer [Berlin] (m/w/d)', location: 'New-York,  NY' },
                'bar|c c engineer|new york ny'],
            ['accents kept, case folded', { company: 'Zürich Versicherung AG', title: 'Ingénieur Logiciel', location: 'ZÜRICH' },
                'zürich versicherung|ingénieur logiciel|zürich'],
        ];
        for (const [why, input, normalised] of fingerprints) {
            test(`fingerprint: ${why}`, async () => {
                const job = expectStatus(await post(alice, input), 201);
                assert.equal(job.job_fingerprint, sha256(normalised), `expected sha256("${normalised}")`);
            });
        }

        const required = [
            ['company', { title: 'No Company' }],
            ['company', { company: null, title: 'Null Company' }],
            ['company', { company: '', title: 'Empty Company' }],
            ['company', { company: 42, title: 'Number Company' }],
            ['company', { company: ' \t ', title: 'Blank Company' }],
            ['title', { company: 'No Title Co' }],
            ['title', { company: 'Null Title Co', title: null }],
            ['title', { company: 'Empty Title Co', title: '   ' }],
        ];
        for (const [field, body] of required) {
            test(`${field} missing or blank (${JSON.stringify(body)}) → 422 naming ${field}`, async () => {
                expectError(await post(alice, body), 422, 'validation_failed', field);
            });
        }

        const invalid = [
            ['salary_min', 'lots'],
            ['salary_min', 1.5],
            ['salary_max', 'lots'],
            ['currency', 'EURO'],
            ['currency', 'EU'],
            ['currency', 'E1R'],
            ['currency', 12],
            ['job_type', 'gig'],
            ['job_type', 'Full-Time'],
            ['remote_option', 'space'],
            ['source', 'myspace'],
            ['status', 'dreaming'],
            ['tech_stack', 'C, SQL'],
            ['tech_stack', [1, 2]],
            ['tech_stack', { c: 1 }],
            ['documents_required', 'cv'],
            ['date_applied', '2025-13-45'],
            ['date_applied', '01/02/2025'],
            ['date_applied', 20250101],
            ['notes', 12],
            ['colour', 'teal'],
            ['id', 5],
            ['user_id', 1],
            ['job_fingerprint', 'abc'],
            ['created_at', '2020-01-01T00:00:00Z'],
            ['updated_at', '2020-01-01T00:00:00Z'],
        ];
        testRefusedFields(invalid, () => jobBody(), (body) => post(alice, body));

        test('salary_min > salary_max → 422; equal is fine', async () => {
            const res = await post(alice, jobBody({ salary_min: 100000, salary_max: 90000 }));
            expectError(res, 422, 'validation_failed', ['salary_min', 'salary_max']);
            expectStatus(await post(alice, jobBody({ salary_min: 90000, salary_max: 90000 })), 201);
        });

        const enumCases = [
            ...JOB_TYPES.map((v) => ['job_type', v]),
            ...REMOTE_OPTIONS.map((v) => ['remote_option', v]),
            ...SOURCES.map((v) => ['source', v]),
            ...JOB_STATUSES.map((v) => ['status', v]),
        ];
        test('every listed enum value is accepted', async () => {
            for (const [field, value] of enumCases) {
                const job = expectStatus(await post(alice, jobBody({ [field]: value })), 201);
                assert.equal(job[field], value, field);
            }
        });

        test('malformed JSON → 400 bad_request', async () => {
            for (const raw of ['{"company":', '{company: "x"}', '', 'null garbage']) {
                const res = await srv.api('POST', '/jobs', { token: alice.token, raw });
                expectError(res, 400, 'bad_request');
            }
        });

        test('a JSON value that is not an object is refused', async () => {
            for (const raw of ['[]', '"job"', '42']) {
                const res = await srv.api('POST', '/jobs', { token: alice.token, raw });
                expectBadInput(res);
            }
        });

        test('Content-Type other than JSON → 415', async () => {
            for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'text/csv']) {
                const res = await srv.api('POST', '/jobs', {
                    token: alice.token, raw: JSON.stringify(jobBody()), headers: { 'content-type': type },
                });
                expectError(res, 415, 'unsupported_media_type');
            }
        });

        test('application/json; charset=utf-8 is JSON', async () => {
            const res = await srv.api('POST', '/jobs', {
                token: alice.token, raw: JSON.stringify(jobBody()), headers: { 'content-type': 'application/json; charset=utf-8' },
            });
            expectStatus(res, 201);
        });

        test('no token → 401', async () => {
            expectError(await srv.api('POST', '/jobs', { body: jobBody() }), 401, 'unauthorized');
        });
    });

    describe('duplicates', () => {
        test('same company/title/location after normalisation → 409 fingerprint with existing_id', async () => {
            const first = expectStatus(await post(alice, { company: 'Stripe, LLC', title: 'Payments Engineer', location: 'Dublin' }), 201);
            const res = await post(alice, { company: 'stripe', title: 'Payments Engineer (m/f/d)', location: '  DUBLIN ' });
            const error = expectError(res, 409, 'conflict');
            assert.equal(error.existing_id, first.id);
            assert.equal(error.reason, 'fingerprint');
        });

        test('the same posting is tracked once per user: bob may add it', async () => {
            const res = await post(bob, { company: 'Stripe LLC', title: 'Payments Engineer', location: 'Dublin' });
            const job = expectStatus(res, 201);
            assert.equal(job.user_id, bob.user.id);
        });

        test('same application_url (scheme, query, fragment, trailing slash ignored) → 409 url', async () => {
            const first = expectStatus(await post(alice, jobBody({ application_url: 'https://jobs.example.com/acme/123?utm_source=x#top' })), 201);
            const res = await post(alice, jobBody({ application_url: 'http://jobs.example.com/acme/123/' }));
            const error = expectError(res, 409, 'conflict');
            assert.equal(error.existing_id, first.id);
            assert.equal(error.reason, 'url');
        });

        test('same source_url → 409 url', async () => {
            const first = expectStatus(await post(alice, jobBody({ source_url: 'https://board.example.com/post/777' })), 201);
            const res = await post(alice, jobBody({ source_url: 'https://board.example.com/post/777?ref=feed' }));
            const error = expectError(res, 409, 'conflict');
            assert.equal(error.existing_id, first.id);
            assert.equal(error.reason, 'url');
        });

        test('a different path is not a duplicate', async () => {
            expectStatus(await post(alice, jobBody({ application_url: 'https://jobs.example.com/acme/124' })), 201);
        });

        test('near duplicate is created and listed in possible_duplicates', async () => {
            const first = expectStatus(await post(alice, { company: 'Initech', title: 'Senior Platform Engineer', location: 'Berlin' }), 201);
            const res = await post(alice, { company: 'Initech', title: 'Senior Platform Engineers', location: 'Berlin' });
            const job = expectStatus(res, 201);
            assert.ok(Array.isArray(job.possible_duplicates), 'possible_duplicates array');
            const hit = job.possible_duplicates.find((d) => d.id === first.id);
            assert.ok(hit, `first job should be listed: ${JSON.stringify(job.possible_duplicates)}`);
            assert.equal(hit.company, 'Initech');
            assert.equal(hit.title, 'Senior Platform Engineer');
            assert.equal(typeof hit.similarity, 'number');
            assert.ok(hit.similarity >= 0 && hit.similarity <= 1);
        });

        test('a near duplicate without a location is still listed', async () => {
            const first = expectStatus(await post(alice, { company: 'Wayne Enterprises', title: 'Gadget Engineer', location: 'Gotham' }), 201);
            const job = expectStatus(await post(alice, { company: 'Wayne Enterprises', title: 'Gadget Engineers' }), 201);
            assert.ok((job.possible_duplicates ?? []).some((d) => d.id === first.id), JSON.stringify(job.possible_duplicates));
        });

        test('clearly different locations or jobs are not near duplicates', async () => {
            expectStatus(await post(alice, { company: 'Hooli', title: 'Site Reliability Engineer', location: 'Berlin' }), 201);
            const far = expectStatus(await post(alice, { company: 'Hooli', title: 'Site Reliability Engineers', location: 'Tokyo' }), 201);
            assert.equal((far.possible_duplicates ?? []).length, 0, JSON.stringify(far.possible_duplicates));
            const other = expectStatus(await post(alice, { company: 'Umbrella', title: 'Chemist', location: 'Raccoon City' }), 201);
            assert.equal((other.possible_duplicates ?? []).length, 0);
        });

        // the candidates share the company's first three characters: a non-ASCII one among
        // them is a whole character (cut at three bytes, "Coé" became "Co" and half of "é":
        // PostgreSQL refused it with a 503 after the job was stored, SQLite found nothing)
        test('a company with a non-ASCII letter among its first three is compared too', async () => {
            for (const company of ['Coéswell', 'Łódź Data', '東京電力']) {
                const first = expectStatus(await post(alice, { company, title: 'Data Engineer', location: 'Paris' }), 201);
                const job = expectStatus(await post(alice, { company, title: 'Data Engineers', location: 'Paris' }), 201);
                assert.deepEqual(job.possible_duplicates.map((d) => [d.id, d.company]), [[first.id, company]]);
            }
        });

        // the candidates are the newest 500 of the user's jobs with the company's first three
        // characters, in id order from the index of migration 0050
        test('near duplicates are looked for among the newest 500 jobs of the company prefix', async () => {
            const carol = await registerUser(srv);
            const first = expectStatus(await post(carol, { company: 'Zephyr Labs', title: 'Kernel Engineer', location: 'Oslo' }), 201);
            const other = async (i) => expectStatus(await post(carol, { company: 'Zephyr Works', title: `Role ${i}`, location: 'Oslo' }), 201);
            for (let i = 0; i < 497; i++) await other(i);
            // 498 candidates besides itself: the first job is among them
            const a = expectStatus(await post(carol, { company: 'Zephyr Labs', title: 'Kernel Engineers', location: 'Oslo' }), 201);
            assert.deepEqual(a.possible_duplicates.map((d) => d.id), [first.id]);
            await other(497);
            // 500 besides itself, the first job the oldest of them
            const b = expectStatus(await post(carol, { company: 'ZEPHYR LABS', title: 'Kernel Engineerz', location: 'Oslo' }), 201);
            assert.deepEqual(b.possible_duplicates.map((d) => d.id), [a.id, first.id]);
            await other(498);
            // 501 besides itself: the first job is past the newest 500
            const c = expectStatus(await post(carol, { company: 'Zephyr Labs', title: 'Kernel Engineer 2', location: 'Oslo' }), 201);
            assert.deepEqual(c.possible_duplicates.map((d) => d.id), [b.id, a.id]);

            // the index of migration 0050 holds the candidates in id order (SQLite: with the
            // three columns compared, so the query near_duplicates runs reads no row and sorts
            // nothing; PostgreSQL chooses its plan by the table's size, so only the index is
            // checked there: docs/performance.md has its plan on the bench's data)
            if (ENGINE === 'sqlite') {
                const query = `SELECT id, company, title, location FROM jobs WHERE user_id = ${carol.user.id} ` +
                    `AND lower(substr(company, 1, 3)) = lower('Zep') ORDER BY id DESC LIMIT 500`;
                const plan = sqlRows(srv.dbUrl, `EXPLAIN QUERY PLAN ${query}`).map((r) => r.join(' ')).join('\n');
                assert.match(plan, /USING COVERING INDEX jobs_near_duplicate_idx/, plan);
                assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
            } else {
                const def = sqlRows(srv.dbUrl, "SELECT indexdef FROM pg_indexes WHERE indexname = 'jobs_near_duplicate_idx'")[0][0];
                assert.match(def, /\(user_id, lower\(substr\(company, 1, 3\)\), id\)$/, def);
            }
        });

        test('another user\'s jobs are never listed as near duplicates', async () => {
            expectStatus(await post(bob, { company: 'Vandelay', title: 'Import Export Manager', location: 'New York' }), 201);
            const job = expectStatus(await post(alice, { company: 'Vandelay', title: 'Import Export Managers', location: 'New York' }), 201);
            assert.equal((job.possible_duplicates ?? []).length, 0);
        });
    });

    describe('GET /jobs (list)', () => {
        // One fresh user with 25 jobs whose attributes cycle, so every expectation is computed
        // from this table.
        const COMPANIES = ['Acme', 'Borealis', 'Cygnus', 'Delphi', 'Eiger'];
        const rows = Array.from({ length: 25 }, (_, i) => ({
            company: COMPANIES[i % 5],
            title: `Role ${String(i).padStart(2, '0')}`,
            location: 'Berlin',
            salary_max: i % 4 === 0 ? null : 50000 + ((i * 7919) % 25) * 1000,
            status: i % 5 === 0 ? 'archived' : 'not_applied',
            source: ['linkedin', 'indeed', 'manual', 'other'][i % 4],
            job_type: ['full-time', 'contract', 'part-time'][i % 3],
            remote_option: ['onsite', 'hybrid', 'remote'][(i + 1) % 3],
            date_applied: i % 2 === 0 ? `2025-0${1 + (i % 9)}-1${i % 10}` : null,
            description: i === 7 ? 'Deep knowledge of zanzibarite tooling is required.' : 'An ordinary job.',
            requirements: i === 11 ? 'Quixotical stamina' : null,
        }));
        let lister;

        before(async () => {
            lister = await registerUser(srv);
            for (const row of rows) {
                const body = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
                expectStatus(await post(lister, body), 201);
            }
        });

        const list = async (query = '') => expectStatus(await get(lister, `/jobs${query}`), 200);

        test('default page: 20 items, total, limit 20, offset 0', async () => {
            const body = await list();
            assert.equal(body.total, 25);
            assert.equal(body.limit, 20);
            assert.equal(body.offset, 0);
            assert.equal(body.items.length, 20);
            for (const job of body.items) assert.equal(job.user_id, lister.user.id);
        });

        const pages = [
            ['?limit=100', 25, 100, 0],
            ['?limit=1', 1, 1, 0],
            ['?limit=10&offset=20', 5, 10, 20],
            ['?offset=24', 1, 20, 24],
            ['?offset=25', 0, 20, 25],
            ['?offset=1000', 0, 20, 1000],
        ];
        for (const [query, count, limit, offset] of pages) {
            test(`paging ${query} → ${count} items`, async () => {
                const body = await list(query);
                assert.equal(body.items.length, count);
                assert.equal(body.total, 25);
                assert.equal(body.limit, limit);
                assert.equal(body.offset, offset);
            });
        }

        test('pages do not overlap and cover everything', async () => {
            const seen = new Set();
            for (let offset = 0; offset < 25; offset += 10) {
                const body = await list(`?limit=10&offset=${offset}&sort=title`);
                for (const job of body.items) {
                    assert.ok(!seen.has(job.id), `job ${job.id} on two pages`);
                    seen.add(job.id);
                }
            }
            assert.equal(seen.size, 25);
        });

        const badPaging = [
            ['limit over 100', '?limit=101', 422],
            ['negative limit', '?limit=-1', 422],
            ['negative offset', '?offset=-1', 422],
            ['non-numeric limit', '?limit=abc', 'either'],
            ['non-numeric offset', '?offset=ten', 'either'],
            ['limit with junk', '?limit=10abc', 'either'],
        ];
        for (const [why, query, status] of badPaging) {
            test(`${why} (${query}) is refused`, async () => {
                const res = await get(lister, `/jobs${query}`);
                if (status === 'either') expectBadInput(res);
                else expectError(res, status, 'validation_failed');
            });
        }

        test('sort=title and sort=-title', async () => {
            const expected = rows.map((r) => r.title).sort();
            const up = (await list('?sort=title&limit=100')).items.map((j) => j.title);
            assert.deepEqual(up, expected);
            const down = (await list('?sort=-title&limit=100')).items.map((j) => j.title);
            assert.deepEqual(down, [...expected].reverse());
        });

        test('sort=company and sort=-company', async () => {
            const expected = rows.map((r) => r.company).sort();
            assert.deepEqual((await list('?sort=company&limit=100')).items.map((j) => j.company), expected);
            assert.deepEqual((await list('?sort=-company&limit=100')).items.map((j) => j.company), [...expected].reverse());
        });

        const orderedBy = (items, key, direction) => {
            const values = items.map((j) => j[key]).filter((v) => v !== null && v !== undefined);
            for (let i = 1; i < values.length; i++) {
                const ok = direction > 0 ? values[i - 1] <= values[i] : values[i - 1] >= values[i];
                assert.ok(ok, `${key} out of order at ${i}: ${values.join(', ')}`);
            }
            return values;
        };

        for (const key of ['salary_max', 'date_applied', 'created_at']) {
            test(`sort=${key} and sort=-${key}`, async () => {
                const up = orderedBy((await list(`?sort=${key}&limit=100`)).items, key, 1);
                const down = orderedBy((await list(`?sort=-${key}&limit=100`)).items, key, -1);
                const present = rows.filter((r) => key === 'created_at' || r[key] !== null).length;
                assert.equal(up.length, present);
                assert.equal(down.length, present);
            });
        }

        for (const sort of ['salary', 'hashed_password', '--company', 'user_id;drop table jobs', 'no_such_field']) {
            test(`sort=${JSON.stringify(sort)} (not a sort field) → 422`, async () => {
                expectError(await get(lister, `/jobs?sort=${encodeURIComponent(sort)}`), 422, 'validation_failed');
            });
        }

        const filters = [
            ['status', 'archived'],
            ['status', 'not_applied'],
            ['company', 'Cygnus'],
            ['source', 'indeed'],
            ['job_type', 'contract'],
            ['remote_option', 'remote'],
        ];
        for (const [key, value] of filters) {
            test(`filter ${key}=${value}`, async () => {
                const expected = rows.filter((r) => r[key] === value).map((r) => r.title).sort();
                const body = await list(`?${key}=${encodeURIComponent(value)}&limit=100&sort=title`);
                assert.equal(body.total, expected.length);
                assert.deepEqual(body.items.map((j) => j.title), expected);
                for (const job of body.items) assert.equal(job[key], value);
            });
        }

        test('filters combine', async () => {
            const expected = rows.filter((r) => r.company === 'Acme' && r.status === 'archived');
            const body = await list('?company=Acme&status=archived&limit=100');
            assert.equal(body.total, expected.length);
        });

        // A page is found from the sort's index (a nullable column in two parts, not NULL then
        // NULL: src/model/table.c): every sort, both directions, with and without filters, read
        // in pages of 7, is the order computed here (NULLs last both ways, ties by id).
        const expectedOrder = (items, key, direction) =>
            [...items].sort((x, y) => {
                const a = x[key], b = y[key];
                if ((a === null) !== (b === null)) return a === null ? 1 : -1;
                if (a !== null && a !== b) return (a < b ? -1 : 1) * direction;
                return (x.id - y.id) * direction;
            }).map((j) => j.id);
        for (const query of ['', 'status=not_applied', 'source=indeed', 'q=ordinary', 'company=Acme']) {
            test(`pages of 7 in every sort order${query ? ` with ${query}` : ''} match one whole page`, async () => {
                const whole = await list(`?limit=100${query ? `&${query}` : ''}`);
                for (const key of ['salary_max', 'date_applied', 'company', 'title', 'status', 'created_at', 'updated_at']) {
                    for (const direction of [1, -1]) {
                        const sort = `${direction < 0 ? '-' : ''}${key}`;
                        const seen = [];
                        for (let offset = 0; offset < whole.total + 7; offset += 7) {
                            const page = await list(`?limit=7&offset=${offset}&sort=${sort}${query ? `&${query}` : ''}`);
                            assert.equal(page.total, whole.total);
                            seen.push(...page.items.map((j) => j.id));
                        }
                        assert.deepEqual(seen, expectedOrder(whole.items, key, direction), `sort=${sort} ${query}`);
                    }
                }
            });
        }

        test('a filter matching nothing gives an empty page', async () => {
            const body = await list('?company=Nobody%20Inc');
            assert.equal(body.total, 0);
            assert.deepEqual(body.items, []);
        });

        const searches = [
            ['a word of the description', 'zanzibarite', ['Role 07']],
            ['case-insensitive', 'ZANZIBARITE', ['Role 07']],
            ['a prefix', 'zanzib', ['Role 07']],
            ['a word of the requirements', 'quixotical', ['Role 11']],
            ['a company', 'borealis', rows.filter((r) => r.company === 'Borealis').map((r) => r.title)],
            ['a title', 'Role 13', ['Role 13']],
            ['nothing', 'xylophonic', []],
        ];
        for (const [why, q, titles] of searches) {
            test(`q finds ${why} (${q})`, async () => {
                const body = await list(`?q=${encodeURIComponent(q)}&limit=100&sort=title`);
                if (why === 'a title') {
                    assert.ok(body.items.some((j) => j.title === 'Role 13'), JSON.stringify(body.items.map((j) => j.title)));
                    return;
                }
                assert.deepEqual(body.items.map((j) => j.title), [...titles].sort());
                assert.equal(body.total, titles.length);
            });
        }

        test('q with SQL or full-text operators is just text', async () => {
            for (const q of ["'; drop table jobs; --", 'a & | ! ( ) : * "', '%', '_']) {
                const res = await get(lister, `/jobs?q=${encodeURIComponent(q)}`);
                expectStatus(res, 200);
            }
            assert.equal((await list()).total, 25);
        });

        test('other users see none of these jobs', async () => {
            const body = expectStatus(await get(bob, '/jobs?company=Cygnus'), 200);
            assert.equal(body.total, 0);
            const q = expectStatus(await get(bob, '/jobs?q=zanzibarite'), 200);
            assert.equal(q.total, 0);
        });
    });

    describe('GET /jobs?q= reads words as FTS5 does, on both engines', () => {
        // SQLite's unicode61 tokenizer (remove_diacritics 2) is the reference: accents and every
        // capital folded, letters and digits are a word and anything else separates (node.js is
        // node + js, an emoji is a break), whatever the PostgreSQL cluster's locale (migration
        // 0091; docs/decisions.md "The two engines compared").
        const texts = [
            { title: 'Développeur Senior', company: 'Société Générale' },
            { title: 'Naive Bayes engineer', company: 'Plainfold' },
            { title: 'NAÏVE capitals', company: 'Upperfold' },
            { title: 'İstanbul office lead', company: 'Bosphorus' },
            { title: 'ΣΟΦΙΑ researcher', company: 'ПРИВЕТ Labs' },
            { title: 'Backend engineer', company: 'Nodeworks', requirements: 'Node.js and Vue 2.0 in production' },
            { title: 'Rocket🚀scientist', company: 'Golang Orbit' },
        ];
        let searcher;
        before(async () => {
            searcher = await registerUser(srv);
            for (const t of texts) expectStatus(await post(searcher, { location: 'Berlin', ...t }), 201);
        });
        const titles = async (q) => {
            const body = expectStatus(await get(searcher, `/jobs?q=${encodeURIComponent(q)}&limit=100&sort=title`), 200);
            assert.equal(body.total, body.items.length, q);
            return body.items.map((j) => j.title);
        };
        const cases = [
            ['an accented text by its plain word', 'developpeur', ['Développeur Senior']],
            ['an accented text by its accented word in capitals', 'DÉVELOPPEUR', ['Développeur Senior']],
            ['a plain text by an accented word', 'naïve', ['NAÏVE capitals', 'Naive Bayes engineer']],
            ['a non-ASCII capital by its lower case', 'naïve capitals', ['NAÏVE capitals']],
            ['an accented company by its plain prefix', 'societe gen', ['Développeur Senior']],
            ['the dotted capital I', 'istanbul', ['İstanbul office lead']],
            ['Greek capitals', 'σοφια', ['ΣΟΦΙΑ researcher']],
            ['Cyrillic capitals', 'привет', ['ΣΟΦΙΑ researcher']],
            ['node.js by js', 'js', ['Backend engineer']],
            ['node.js by node.js', 'node.js', ['Backend engineer']],
            ['2.0 by 2 and 0', 'vue 2.0', ['Backend engineer']],
            ['a word an emoji starts', 'scientist', ['Rocket🚀scientist']],
            ['words with an emoji beside them', 'golang 🚀', ['Rocket🚀scientist']],
        ];
        for (const [why, q, want] of cases) {
            test(`q finds ${why} (${q})`, async () => {
                assert.deepEqual(await titles(q), want);
            });
        }
        test('an emoji alone finds nothing, as FTS5 reads an empty phrase', async () => {
            assert.deepEqual(await titles('🚀'), []);
        });
    });

    describe('GET/PATCH/DELETE /jobs/{id}', () => {
        test('GET own job → 200; another user\'s, missing or malformed id → 404', async () => {
            const job = await createJob(srv, alice.token);
            assert.equal(expectStatus(await get(alice, `/jobs/${job.id}`), 200).id, job.id);
            for (const p of [`/jobs/${job.id}`, '/jobs/99999999']) expectError(await get(bob, p), 404, 'not_found');
            for (const id of ['abc', '1.5', '-1', '0', `${job.id}abc`, '99999999999999999999999'])
                expectError(await get(alice, `/jobs/${id}`), 404, 'not_found');
        });

        test('PATCH changes only the given fields', async () => {
            const job = await createJob(srv, alice.token, { notes: 'before', salary_min: 1000, salary_max: 2000 });
            const res = await srv.api('PATCH', `/jobs/${job.id}`, { token: alice.token, body: { notes: 'after', remote_option: 'remote', tech_stack: ['Zig'] } });
            const body = expectStatus(res, 200);
            assert.equal(body.notes, 'after');
            assert.equal(body.remote_option, 'remote');
            assert.deepEqual(body.tech_stack, ['Zig']);
            assert.equal(body.company, job.company);
            assert.equal(body.salary_min, 1000);
            assert.equal(body.job_fingerprint, job.job_fingerprint, 'notes do not change the fingerprint');
            assert.equal(body.created_at, job.created_at);
            const again = expectStatus(await get(alice, `/jobs/${job.id}`), 200);
            assert.equal(again.notes, 'after');
        });

        test('PATCH can clear a nullable field', async () => {
            const job = await createJob(srv, alice.token, { notes: 'to clear', location: 'Oslo' });
            const body = expectStatus(await srv.api('PATCH', `/jobs/${job.id}`, { token: alice.token, body: { notes: null } }), 200);
            assert.equal(body.notes, null);
        });

        test('PATCH of company/title/location recomputes the fingerprint', async () => {
            const job = await createJob(srv, alice.token, { company: 'Old Name Inc', title: 'Tester', location: 'Rome' });
            assert.equal(job.job_fingerprint, sha256('old name|tester|rome'));
            const body = expectStatus(await srv.api('PATCH', `/jobs/${job.id}`, { token: alice.token, body: { company: 'New Name, Ltd.', location: 'Milan' } }), 200);
            assert.equal(body.job_fingerprint, sha256('new name|tester|milan'));
        });

        test('PATCH into another own job\'s fingerprint → 409 with existing_id', async () => {
            const a = await createJob(srv, alice.token, { company: 'Collide', title: 'Alpha', location: 'Oslo' });
            const b = await createJob(srv, alice.token, { company: 'Collide', title: 'Beta', location: 'Oslo' });
            const res = await srv.api('PATCH', `/jobs/${b.id}`, { token: alice.token, body: { title: 'Alpha' } });
            const error = expectError(res, 409, 'conflict');
            assert.equal(error.existing_id, a.id);
            assert.equal(expectStatus(await get(alice, `/jobs/${b.id}`), 200).title, 'Beta', 'unchanged');
        });

        test('PATCH validation: merged salary check, enums, unknown and server-owned fields', async () => {
            const job = await createJob(srv, alice.token, { salary_min: 1000, salary_max: 2000 });
            const cases = [
                [{ salary_min: 5000 }, ['salary_min', 'salary_max']],
                [{ job_type: 'gig' }, 'job_type'],
                [{ status: 'dreaming' }, 'status'],
                [{ company: '' }, 'company'],
                [{ title: null }, 'title'],
                [{ colour: 'teal' }, 'colour'],
                [{ id: 1 }, 'id'],
                [{ user_id: bob.user.id }, 'user_id'],
                [{ job_fingerprint: 'x' }, 'job_fingerprint'],
                [{ created_at: '2020-01-01T00:00:00Z' }, 'created_at'],
            ];
            for (const [body, field] of cases) {
                const res = await srv.api('PATCH', `/jobs/${job.id}`, { token: alice.token, body });
                expectError(res, 422, 'validation_failed', field);
            }
            const again = expectStatus(await get(alice, `/jobs/${job.id}`), 200);
            assert.equal(again.salary_min, 1000);
            assert.equal(again.user_id, alice.user.id);
        });

        test('PATCH another user\'s job → 404 and nothing changes', async () => {
            const job = await createJob(srv, alice.token, { notes: 'mine' });
            expectError(await srv.api('PATCH', `/jobs/${job.id}`, { token: bob.token, body: { notes: 'bob was here' } }), 404, 'not_found');
            expectError(await srv.api('PATCH', '/jobs/abc', { token: alice.token, body: { notes: 'x' } }), 404, 'not_found');
            assert.equal(expectStatus(await get(alice, `/jobs/${job.id}`), 200).notes, 'mine');
        });

        test('DELETE → 204, then 404; it cascades to the job\'s applications', async () => {
            const app = await createApplication(srv, alice.token, { notes: 'cascade me' });
            const res = await srv.api('DELETE', `/jobs/${app.job_id}`, { token: alice.token });
            expectStatus(res, 204);
            assert.equal(res.text, '');
            expectError(await get(alice, `/jobs/${app.job_id}`), 404, 'not_found');
            expectError(await get(alice, `/applications/${app.id}`), 404, 'not_found');
            const apps = expectStatus(await get(alice, `/applications?job_id=${app.job_id}`), 200);
            assert.equal(apps.total, 0);
            expectError(await srv.api('DELETE', `/jobs/${app.job_id}`, { token: alice.token }), 404, 'not_found');
        });

        test('DELETE another user\'s job → 404 and it survives', async () => {
            const job = await createJob(srv, alice.token);
            expectError(await srv.api('DELETE', `/jobs/${job.id}`, { token: bob.token }), 404, 'not_found');
            expectStatus(await get(alice, `/jobs/${job.id}`), 200);
        });

        test('after deleting a job its posting may be added again', async () => {
            const body = { company: 'Phoenix', title: 'Reborn', location: 'Ash' };
            const job = expectStatus(await post(alice, body), 201);
            expectStatus(await srv.api('DELETE', `/jobs/${job.id}`, { token: alice.token }), 204);
            expectStatus(await post(alice, body), 201);
        });
    });

    describe('GET /jobs/export', () => {
        let exporter;
        const exported = [
            { company: 'Quote "Co"', title: 'Comma, Title', location: 'Line\nBreak', description: 'He said "hi", twice', tech_stack: ['C', 'SQL'] },
            { company: 'Plain', title: 'Simple', location: 'Madrid', salary_min: 10, salary_max: 20 },
            { company: 'Ünicode GmbH', title: 'Entwickler', location: 'Köln' },
        ];
        before(async () => {
            exporter = await registerUser(srv);
            for (const job of exported) expectStatus(await post(exporter, job), 201);
            await createJob(srv, bob.token, { company: 'Not Exported' });
        });

        test('format=csv: text/csv, a header row, one row per own job', async () => {
            const res = await get(exporter, '/jobs/export?format=csv');
            expectStatus(res, 200);
            assert.match(res.headers.get('content-type') || '', /^text\/csv/);
            const rows = parseCsv(res.text).filter((r) => !(r.length === 1 && r[0] === ''));
            const header = rows[0];
            for (const col of ['company', 'title', 'location']) assert.ok(header.includes(col), `header has ${col}: ${header}`);
            assert.equal(rows.length, 1 + exported.length);
            const ci = header.indexOf('company');
            const ti = header.indexOf('title');
            const li = header.indexOf('location');
            const got = rows.slice(1).map((r) => `${r[ci]}|${r[ti]}|${r[li]}`).sort();
            assert.deepEqual(got, exported.map((j) => `${j.company}|${j.title}|${j.location}`).sort());
            assert.ok(!res.text.includes('Not Exported'));
        });

        test('format=json: the own jobs as JSON', async () => {
            const res = await get(exporter, '/jobs/export?format=json');
            const body = expectStatus(res, 200);
            assert.match(res.headers.get('content-type') || '', /json/);
            const jobs = Array.isArray(body) ? body : (body.jobs ?? itemsOf(body));
            assert.equal(jobs.length, exported.length);
            const quote = jobs.find((j) => j.company === 'Quote "Co"');
            assert.ok(quote);
            assert.deepEqual(quote.tech_stack, ['C', 'SQL']);
            assert.equal(quote.description, 'He said "hi", twice');
            assert.ok(!res.text.includes('Not Exported'));
        });

        test('an unknown format is refused', async () => {
            expectBadInput(await get(exporter, '/jobs/export?format=xml'));
        });

        test('export needs a token', async () => {
            expectError(await srv.api('GET', '/jobs/export?format=csv'), 401, 'unauthorized');
        });
    });
});

describe('body size limit (COPILOT_MAX_BODY=1024)', () => {
    let srv;
    let user;
    before(async () => {
        srv = await startServer({ env: { COPILOT_MAX_BODY: '1024' } });
        user = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    test('a body over the limit → 413 payload_too_large', async () => {
        const res = await srv.api('POST', '/jobs', { token: user.token, body: jobBody({ description: 'x'.repeat(4000) }) });
        expectError(res, 413, 'payload_too_large');
    });

    test('a body under the limit is fine, and the server still works after a 413', async () => {
        expectStatus(await srv.api('POST', '/jobs', { token: user.token, body: jobBody({ description: 'short' }) }), 201);
        const list = expectStatus(await srv.api('GET', '/jobs', { token: user.token }), 200);
        assert.equal(list.total, 1);
    });

    test('the limit applies to PATCH as well', async () => {
        const job = await createJob(srv, user.token);
        const res = await srv.api('PATCH', `/jobs/${job.id}`, { token: user.token, body: { notes: 'y'.repeat(5000) } });
        expectError(res, 413, 'payload_too_large');
    });
});
