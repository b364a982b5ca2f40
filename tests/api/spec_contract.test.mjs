// The SPEC read as an outsider would: a black-box walk through /work/shared/SPEC.md parts B and E
// (with the tables of part A and the rules of part C they imply) against one running server.
// Every route's documented path and method, the happy path's status and exact field set (each
// column SPEC lists, with its JSON type: JSON columns as JSON values, timestamps
// YYYY-MM-DDTHH:MM:SSZ, dates YYYY-MM-DD, booleans as booleans), defaults, enums, validation
// (422 naming the field), server-owned and unknown fields, the list envelope and its bounds,
// the duplicate rules with SPEC's own examples, the pipeline, cross-user 404s, 401 without a
// token, 403 for non-admins, and the headers every response carries. Where SPEC is silent the
// choice recorded in docs/decisions.md is what is asserted (each such place says so).
//
// Every response that passes through `call` is also checked for what SPEC promises of all
// responses (X-Request-Id, nosniff, no-referrer, the error shape with the code that matches the
// status, no-store on API JSON), and every 201 must carry a Location that can be read back.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    API, DATE, PASSWORD, awayFromMidnight, createAdmin, freshDatabase, rawExchange, registerUser, runCli, sha256, sqlRows,
    startServer, today, uniqueName,
} from './helpers.mjs';
import { startWebServer } from './fake_web.mjs';

/* ------------------------------------------------------------------ what every response owes */

const CODE_OF_STATUS = {
    400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
    409: 'conflict', 412: 'precondition_failed', 413: 'payload_too_large', 415: 'unsupported_media_type',
    422: 'validation_failed', 429: 'rate_limited',
};

let srv;
const created = []; // [{location, token}] of every 201, read back at the end

function show(res) {
    const body = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    return `${res.method} ${res.path} -> ${res.status} ${String(body).slice(0, 700)}`;
}

/* One request through the shared server, with the checks SPEC makes of every response. */
async function call(method, path, opts = {}) {
    const outside = path === '/' || /^\/(api\/|healthz|readyz|metrics|capture)/.test(path);
    const res = await srv.request(method, outside ? path : API + path, opts);
    assert.match(res.headers.get('x-request-id') || '', /^[A-Za-z0-9_-]+$/, `X-Request-Id missing: ${show(res)}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `nosniff (exactly once): ${show(res)}`);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', `Referrer-Policy: ${show(res)}`);
    assert.equal(res.headers.get('access-control-allow-origin'), null, `CORS is off by default: ${show(res)}`);
    const type = res.headers.get('content-type') || '';
    if (type.startsWith('application/json')) {
        assert.equal(type, 'application/json; charset=utf-8', show(res));
        assert.equal(res.headers.get('cache-control'), 'no-store', `API JSON is no-store: ${show(res)}`);
    }
    if (res.status >= 400) {
        assert.equal(type, 'application/json; charset=utf-8', `errors are JSON: ${show(res)}`);
        const error = res.body && res.body.error;
        assert.ok(error && typeof error === 'object', `error shape: ${show(res)}`);
        if (CODE_OF_STATUS[res.status]) assert.equal(error.code, CODE_OF_STATUS[res.status], show(res));
        assert.equal(typeof error.message, 'string', show(res));
        assert.ok(error.message.length > 0, show(res));
        if ('field' in error) assert.equal(typeof error.field, 'string', show(res));
    }
    if (res.status === 201) {
        const location = res.headers.get('location');
        assert.ok(location && location.startsWith(`${API}/`), `201 without a Location: ${show(res)}`);
        created.push({ location, token: opts.token, what: `${method} ${path}` });
        // the new object can be read back where Location says
        const token = opts.token || (res.body && res.body.access_token); // register signs in
        const back = await srv.request('GET', location, { token });
        assert.equal(back.status, 200, `GET ${location} after ${show(res)}: ${show(back)}`);
    }
    if (res.status === 204) assert.equal(res.text, '', `204 has no body: ${show(res)}`);
    return res;
}

const ok = (res, status = 200) => {
    assert.equal(res.status, status, show(res));
    return res.body;
};

/* A 4xx with the given status and field (when given), returning the error. */
function refused(res, status, field) {
    assert.equal(res.status, status, show(res));
    if (field !== undefined) assert.equal(res.body.error.field, field, `error.field: ${show(res)}`);
    return res.body.error;
}

/* ------------------------------------------------------------------ shapes */

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const TYPES = {
    int: (v) => Number.isInteger(v),
    num: (v) => typeof v === 'number' && Number.isFinite(v),
    text: (v) => typeof v === 'string',
    bool: (v) => typeof v === 'boolean',
    ts: (v) => typeof v === 'string' && TS.test(v) && !Number.isNaN(Date.parse(v)),
    date: (v) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
    strings: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
    ints: (v) => Array.isArray(v) && v.every((s) => Number.isInteger(s)),
    array: (v) => Array.isArray(v),
    object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
    json: (v) => typeof v !== 'string', // a JSON column: a JSON value, never its text
};

/* Asserts that obj has every field of spec with its type. A spec value is a type name, a type
 * name ending in '?' (null allowed), or an array of enum values (append null to allow null). */
function assertShape(obj, spec, what) {
    assert.ok(TYPES.object(obj), `${what}: not an object: ${JSON.stringify(obj)}`);
    for (const [key, type] of Object.entries(spec)) {
        assert.ok(key in obj, `${what}: SPEC's ${key} is missing from ${JSON.stringify(Object.keys(obj))}`);
        const v = obj[key];
        if (Array.isArray(type)) {
            assert.ok(type.includes(v), `${what}.${key} = ${JSON.stringify(v)} not one of ${type}`);
            continue;
        }
        const nullable = type.endsWith('?');
        const name = nullable ? type.slice(0, -1) : type;
        if (v === null) {
            assert.ok(nullable, `${what}.${key} is null but SPEC says NOT NULL`);
            continue;
        }
        assert.ok(TYPES[name](v), `${what}.${key} should be ${name}: ${JSON.stringify(v)}`);
    }
}

const EXPERIENCE = ['entry', 'junior', 'mid', 'senior', 'lead', 'executive'];
const APP_STATUSES = ['interested', 'applied', 'phone_screen', 'interview', 'technical', 'offer',
    'accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'];
const JOB_STATUSES = ['not_applied', ...APP_STATUSES, 'archived'];
const JOB_TYPES = ['full-time', 'part-time', 'contract', 'internship', 'temporary', 'freelance'];
const REMOTE = ['onsite', 'hybrid', 'remote'];
const SOURCES = ['manual', 'import', 'linkedin', 'indeed', 'adzuna', 'rss', 'api', 'other'];

/* SPEC part A, table by table (the columns it lists; extra members are allowed). */
const SHAPE = {
    user: {
        id: 'int', username: 'text', email: 'text', skills: 'strings', preferred_locations: 'strings',
        experience_level: [...EXPERIENCE, null], daily_application_goal: 'int', is_admin: 'bool',
        prefer_remote_jobs: 'bool', oauth_provider: 'text?', oauth_id: 'text?', profile_picture_url: 'text?',
        created_at: 'ts', updated_at: 'ts', has_password: 'bool',
    },
    job: {
        id: 'int', user_id: 'int', company: 'text', title: 'text', location: 'text?', description: 'text?',
        requirements: 'text?', salary_range: 'text?', salary_min: 'int?', salary_max: 'int?', currency: 'text?',
        job_type: [...JOB_TYPES, null], remote_option: [...REMOTE, null], tech_stack: 'strings?',
        responsibilities: 'text?', documents_required: 'strings?', application_url: 'text?', source_url: 'text?',
        source: [...SOURCES, null], status: JOB_STATUSES, notes: 'text?', date_applied: 'date?',
        job_fingerprint: 'text?', created_at: 'ts', updated_at: 'ts',
    },
    application: {
        id: 'int', user_id: 'int', job_id: 'int', status: APP_STATUSES, applied_date: 'date?',
        response_date: 'date?', interview_date: 'ts?', offer_date: 'date?', follow_up_date: 'date?',
        notes: 'text?', interview_feedback: 'object?', created_at: 'ts', updated_at: 'ts',
    },
    analytics: { id: 'int', user_id: 'int?', type: 'text', data: 'json', generated_at: 'ts' },
    feedback: {
        id: 'int', user_id: 'int?',
        type: ['bug_report', 'feature_request', 'improvement', 'general', 'job_recommendation',
            'skill_gap_suggestion', 'content_generation', 'interview_practice'],
        priority: ['low', 'medium', 'high', 'critical'],
        status: ['open', 'in_review', 'planned', 'in_progress', 'resolved', 'closed'],
        title: 'text', description: 'text', page_url: 'text?', user_agent: 'text?', extra_data: 'json?',
        admin_response: 'text?', resolved_at: 'ts?', created_at: 'ts', updated_at: 'ts', vote_score: 'int',
    },
    recommendationFeedback: {
        id: 'int', user_id: 'int', job_id: 'int', is_helpful: 'bool', match_score: 'num?', comment: 'text?',
        user_skills_at_time: 'json', job_tech_stack: 'json', created_at: 'ts', updated_at: 'ts',
    },
    session: {
        id: 'int', user_id: 'int', job_id: 'int?',
        interview_type: ['behavioral', 'technical', 'system_design', 'case_study', 'general'],
        status: ['started', 'in_progress', 'completed', 'cancelled'], total_questions: 'int?', score: 'num?',
        feedback: 'json?', started_at: 'ts?', completed_at: 'ts?', created_at: 'ts', updated_at: 'ts',
    },
    question: {
        id: 'int', session_id: 'int', position: 'int', question_text: 'text', question_type: 'text?',
        difficulty: ['easy', 'medium', 'hard', null], answer_text: 'text?', score: 'num?', feedback: 'json?',
        answered_at: 'ts?', created_at: 'ts', updated_at: 'ts',
    },
    // file_path is left out on purpose: docs/resumes.md "file_path is never returned"
    resume: {
        id: 'int', user_id: 'int', filename: 'text', file_size: 'int', file_type: ['pdf', 'docx', 'txt', 'md'],
        parsing_status: ['pending', 'processing', 'completed', 'failed'], parsed_data: 'object?',
        extracted_skills: 'strings?', extracted_experience: [...EXPERIENCE, null], extracted_contact_info: 'object?',
        parsing_error: 'text?', is_primary: 'bool', created_at: 'ts', updated_at: 'ts',
    },
    preferences: {
        id: 'int?', user_id: 'int', preferred_sources: 'json', disabled_sources: 'json', preferred_job_types: 'json',
        preferred_companies: 'json', excluded_companies: 'json', min_salary: 'int?', keywords: 'json',
        excluded_keywords: 'json', notify_new_matches: 'bool', created_at: 'ts?', updated_at: 'ts?',
    },
    content: {
        id: 'int', user_id: 'int', job_id: 'int?',
        content_type: ['cover_letter', 'resume_summary', 'resume_tailoring', 'email_template', 'linkedin_message',
            'thank_you_note', 'follow_up'],
        generated_content: 'text', user_modifications: 'text?', generation_prompt: 'text?',
        tone: ['professional', 'casual', 'enthusiastic', 'friendly', 'concise', null], template_used: 'text?',
        generator: 'text?', status: ['generated', 'modified', 'approved', 'used'], created_at: 'ts', updated_at: 'ts',
    },
    version: {
        id: 'int', content_generation_id: 'int', version_number: 'int', content: 'text', change_note: 'text?',
        created_at: 'ts',
    },
    resource: {
        id: 'int', slug: 'text', title: 'text', description: 'text',
        type: ['course', 'article', 'video', 'book', 'tutorial', 'certification', 'tool', 'podcast'],
        provider: 'text', url: 'text', skills: 'strings?', tags: 'strings?', prerequisites: 'strings?',
        learning_outcomes: 'strings?', difficulty: ['beginner', 'intermediate', 'advanced'],
        duration_minutes: 'int?', price: 'text?', rating: 'num?', is_active: 'bool', created_at: 'ts', updated_at: 'ts',
    },
    bookmark: {
        id: 'int', user_id: 'int', resource_id: 'int', notes: 'text?', priority: ['low', 'medium', 'high'],
        status: ['to_learn', 'in_progress', 'completed', 'archived'], progress_percentage: 'int',
        completed_at: 'ts?', created_at: 'ts', updated_at: 'ts',
    },
    resourceFeedback: {
        id: 'int', user_id: 'int', resource_id: 'int', is_helpful: 'bool', completed: 'bool', rating: 'int?',
        would_recommend: 'bool?', notes: 'text?', created_at: 'ts', updated_at: 'ts',
    },
    path: {
        id: 'int', name: 'text', description: 'text', target_role: 'text?', difficulty: 'text', estimated_duration_weeks: 'int?',
        skills: 'strings?', resource_ids: 'ints', milestones: 'json?', is_active: 'bool', created_by_user_id: 'int?',
        created_at: 'ts', updated_at: 'ts',
    },
    enrollment: {
        id: 'int', user_id: 'int', learning_path_id: 'int', status: ['active', 'paused', 'completed', 'abandoned'],
        current_resource_index: 'int?', completed_resource_ids: 'ints', progress_percentage: 'int',
        enrolled_at: 'ts', last_activity_at: 'ts?', completed_at: 'ts?',
    },
    contact: {
        id: 'int', user_id: 'int', name: 'text', email: 'text?', phone: 'text?', company: 'text?', role: 'text?',
        linkedin_url: 'text?', notes: 'text?', created_at: 'ts', updated_at: 'ts',
    },
    task: {
        id: 'int', user_id: 'int', title: 'text', notes: 'text?', due_date: 'date?', done_at: 'ts?',
        priority: ['low', 'normal', 'high'], application_id: 'int?', job_id: 'int?', created_at: 'ts', updated_at: 'ts',
    },
    jobSource: {
        id: 'int', user_id: 'int', kind: ['greenhouse', 'lever', 'ashby', 'rss'], identifier: 'text', name: 'text?',
        enabled: 'bool', last_fetched_at: 'ts?', last_error: 'text?', created_at: 'ts',
    },
};

/* The SPEC list envelope, with the limit and offset that were asked for. */
function assertList(body, what, limit = 20, offset = 0) {
    assert.deepEqual(Object.keys(body).filter((k) => ['items', 'total', 'limit', 'offset'].includes(k)).sort(),
        ['items', 'limit', 'offset', 'total'], `${what}: list envelope ${JSON.stringify(Object.keys(body))}`);
    assert.ok(Array.isArray(body.items), what);
    assert.ok(Number.isInteger(body.total) && body.total >= body.items.length, `${what}: total`);
    assert.equal(body.limit, limit, `${what}: limit`);
    assert.equal(body.offset, offset, `${what}: offset`);
    assert.ok(body.items.length <= limit, `${what}: at most limit items`);
    return body.items;
}

/* ================================================================== the walk */

describe('SPEC contract (black box)', () => {
    let alice;
    let bob;
    let admin;

    let board; // a job board's public API (greenhouse), for the discovery routes

    before(async () => {
        board = await startWebServer({ handler: (req, res, url) => {
            const send = (body) => {
                res.writeHead(200, { 'content-type': 'application/json' });
                res.end(JSON.stringify(body));
            };
            if (url.pathname === '/greenhouse/v1/boards/auditco') return send({ name: 'Audit Co' });
            if (url.pathname !== '/greenhouse/v1/boards/auditco/jobs') return false;
            return send({ jobs: [1, 2].map((n) => ({
                id: 900 + n, title: `Audit Engineer ${n}`, absolute_url: `https://boards.greenhouse.io/auditco/jobs/${900 + n}`,
                location: { name: 'Remote' }, updated_at: '2026-11-20T10:00:00Z', content: '&lt;p&gt;Work&lt;/p&gt;',
            })) });
        } });
        srv = await startServer({ env: { COPILOT_GREENHOUSE_URL: board.url('/greenhouse') } });
        alice = await registerUser(srv);
        bob = await registerUser(srv);
        admin = await createAdmin(srv);
    });
    after(async () => {
        await srv?.stop();
        await board?.stop();
    });

    const job = async (who, fields = {}) => ok(await call('POST', '/jobs', {
        token: who.token, body: { company: `Co ${uniqueName('c')}`, title: `Engineer ${uniqueName('t')}`, ...fields },
    }), 201);
    const application = async (who, fields = {}, jobFields = {}) => {
        const j = await job(who, jobFields);
        return ok(await call('POST', '/applications', { token: who.token, body: { job_id: j.id, ...fields } }), 201);
    };

    /* -------------------------------------------------------------- part D */
    describe('part D: health', () => {
        test('/healthz, /readyz, /metrics answer without a token', async () => {
            ok(await call('GET', '/healthz'));
            ok(await call('GET', '/readyz'));
            const metrics = ok(await call('GET', '/metrics'));
            assert.match(metrics, /^# (HELP|TYPE) /m, 'Prometheus text format');
        });
    });

    /* -------------------------------------------------------------- part B conventions */
    describe('part B conventions', () => {
        test('Authorization: Bearer on every route but register, login, OAuth, health and the catalogue', async () => {
            const guarded = [
                ['POST', '/auth/logout'], ['GET', '/users/me'], ['PATCH', '/users/me'], ['DELETE', '/users/me'],
                ['POST', '/users/me/password'], ['GET', '/users/me/export'], ['GET', '/users/me/preferences'],
                ['PUT', '/users/me/preferences'], ['GET', '/jobs'], ['POST', '/jobs'], ['GET', '/jobs/1'],
                ['PATCH', '/jobs/1'], ['DELETE', '/jobs/1'], ['POST', '/jobs/import'], ['GET', '/jobs/export'],
                ['GET', '/jobs/recommendations'], ['POST', '/jobs/1/recommendation-feedback'],
                ['GET', '/applications'], ['POST', '/applications'], ['GET', '/applications/1'],
                ['PATCH', '/applications/1'], ['DELETE', '/applications/1'], ['GET', '/applications/board'],
                ['GET', '/applications/follow-ups'], ['GET', '/applications/pipeline'],
                ['GET', '/analytics/summary'], ['GET', '/analytics/funnel'], ['GET', '/analytics/timeseries'],
                ['GET', '/analytics/sources'], ['GET', '/analytics/skills'], ['POST', '/analytics/snapshots'],
                ['GET', '/analytics/snapshots'], ['GET', '/admin/analytics'], ['GET', '/feedback'], ['POST', '/feedback'],
                ['GET', '/feedback/1'], ['PATCH', '/feedback/1'], ['DELETE', '/feedback/1'], ['POST', '/feedback/1/vote'],
                ['DELETE', '/feedback/1/vote'], ['GET', '/interviews'], ['POST', '/interviews'], ['GET', '/interviews/1'],
                ['POST', '/interviews/1/start'], ['POST', '/interviews/1/questions/1/answer'],
                ['POST', '/interviews/1/complete'], ['DELETE', '/interviews/1'], ['GET', '/resumes'], ['POST', '/resumes'],
                ['GET', '/resumes/1'], ['GET', '/resumes/1/file'], ['POST', '/resumes/1/primary'], ['DELETE', '/resumes/1'],
                ['POST', '/resumes/1/apply-skills'], ['GET', '/content'], ['POST', '/content'], ['GET', '/content/1'],
                ['PATCH', '/content/1'], ['POST', '/content/1/versions/1/restore'], ['DELETE', '/content/1'],
                ['GET', '/resources/recommended'], ['POST', '/resources/1/bookmark'], ['DELETE', '/resources/1/bookmark'],
                ['GET', '/resources/bookmarks'], ['PUT', '/resources/1/feedback'], ['POST', '/resources'],
                ['PATCH', '/resources/1'], ['DELETE', '/resources/1'], ['POST', '/learning-paths/1/enroll'],
                ['PATCH', '/learning-paths/1/progress'], ['DELETE', '/learning-paths/1/enroll'],
                ['GET', '/learning-paths/enrolled'], ['POST', '/learning-paths'], ['GET', '/admin/users'],
                ['PATCH', '/admin/users/1'], ['DELETE', '/admin/users/1'],
                // part E
                ['GET', '/calendar?from=2026-01-01&to=2026-01-31'], ['POST', '/calendar/feed'], ['DELETE', '/calendar/feed'],
                ['POST', '/jobs/capture'], ['GET', '/contacts'], ['POST', '/contacts'], ['GET', '/contacts/1'],
                ['PATCH', '/contacts/1'], ['DELETE', '/contacts/1'], ['GET', '/tasks'], ['POST', '/tasks'],
                ['GET', '/tasks/1'], ['PATCH', '/tasks/1'], ['DELETE', '/tasks/1'], ['GET', '/applications/1/contacts'],
                ['POST', '/applications/1/contacts'], ['DELETE', '/applications/1/contacts/1'], ['GET', '/job-sources'],
                ['POST', '/job-sources'], ['GET', '/job-sources/1'], ['PATCH', '/job-sources/1'],
                ['DELETE', '/job-sources/1'], ['POST', '/job-sources/1/fetch'],
            ];
            for (const [method, path] of guarded) {
                refused(await call(method, path), 401);
                refused(await call(method, path, { token: 'not-a-token' }), 401);
            }
            // the public ones
            ok(await call('GET', '/resources'));
            ok(await call('GET', '/learning-paths'));
            ok(await call('GET', '/auth/providers'));
        });

        test('errors: 400 malformed JSON, 415 not JSON, 413 over COPILOT_MAX_BODY, 404 unknown path, 405 with Allow', async () => {
            refused(await call('POST', '/jobs', { token: alice.token, raw: '{"company": ' }), 400);
            refused(await call('POST', '/jobs', { token: alice.token, raw: '{"company": "a", "company": "b", "title": "t"}' }), 400);
            // well-formed JSON that is no object: a well-formed but invalid value, 422
            for (const body of ['"Acme"', '42', 'null', 'true', '[{"company": "a", "title": "b"}]'])
                refused(await call('POST', '/jobs', { token: alice.token, raw: body }), 422);
            refused(await call('POST', '/jobs', { token: alice.token, raw: 'company=a', headers: { 'content-type': 'text/plain' } }), 415);
            refused(await call('POST', '/jobs', { token: alice.token, raw: `{"notes": "${'x'.repeat(1024 * 1024 + 10)}"}` }), 413);
            refused(await call('GET', '/no-such-thing', { token: alice.token }), 404);
            const res = await call('PUT', '/applications', { token: alice.token, body: {} });
            refused(res, 405);
            assert.match(res.headers.get('allow') || '', /GET/);
            assert.match(res.headers.get('allow'), /POST/);
        });

        test('X-Request-Id: a well-formed client id is echoed, otherwise one is made', async () => {
            const mine = await call('GET', '/healthz', { headers: { 'x-request-id': 'audit-123_abc' } });
            assert.equal(mine.headers.get('x-request-id'), 'audit-123_abc');
            const made = await call('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
            assert.notEqual(made.headers.get('x-request-id'), 'bad id with spaces');
        });

        test('CORS is off by default: no Access-Control-* headers, no preflight', async () => {
            const res = await call('OPTIONS', '/jobs', {
                headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
            });
            assert.notEqual(res.status, 204);
            for (const [name] of res.headers) assert.ok(!name.startsWith('access-control-'), name);
            const get = await call('GET', '/resources?limit=1', { headers: { origin: 'https://elsewhere.example' } });
            for (const [name] of get.headers) assert.ok(!name.startsWith('access-control-'), name);
        });

        test('unknown body fields and server-owned fields are 422 naming the field', async () => {
            const base = { company: 'Owned Fields', title: 'Tester' };
            for (const field of ['id', 'user_id', 'created_at', 'updated_at', 'job_fingerprint', 'colour'])
                refused(await call('POST', '/jobs', { token: alice.token, body: { ...base, [field]: field === 'id' ? 7 : 'x' } }), 422, field);
            const j = await job(alice);
            for (const field of ['id', 'user_id', 'created_at', 'updated_at', 'job_fingerprint', 'colour'])
                refused(await call('PATCH', `/jobs/${j.id}`, { token: alice.token, body: { [field]: 'x' } }), 422, field);
            for (const field of ['id', 'user_id', 'created_at', 'updated_at', 'colour'])
                refused(await call('POST', '/applications', { token: alice.token, body: { job_id: j.id, [field]: 'x' } }), 422, field);
            const bodies = {
                '/feedback': { type: 'general', title: 't', description: 'd' },
                '/contacts': { name: 'Someone' },
                '/tasks': { title: 'Something' },
                '/interviews': { interview_type: 'general' },
                '/content': { content_type: 'cover_letter' },
            };
            for (const [path, body] of Object.entries(bodies))
                for (const field of ['id', 'user_id', 'created_at', 'updated_at', 'colour'])
                    refused(await call('POST', path, { token: alice.token, body: { ...body, [field]: 1 } }), 422, field);
            // routes that take no body know no field either
            const session = ok(await call('POST', '/interviews', { token: alice.token, body: { interview_type: 'general', total_questions: 1 } }), 201);
            refused(await call('POST', `/interviews/${session.id}/start`, { token: alice.token, body: { colour: 'red' } }), 422, 'colour');
            assert.equal(ok(await call('POST', `/interviews/${session.id}/start`, { token: alice.token, body: {} })).status, 'in_progress');
            refused(await call('POST', '/calendar/feed', { token: alice.token, body: { token: 'mine' } }), 422, 'token');
            refused(await call('PATCH', '/users/me', { token: alice.token, body: { hashed_password: 'x' } }), 422, 'hashed_password');
            refused(await call('PATCH', '/users/me', { token: alice.token, body: { id: 5 } }), 422, 'id');
            refused(await call('PATCH', '/users/me', { token: alice.token, body: { is_admin: true } }), 422, 'is_admin');
        });

        test('lists: {items, total, limit, offset}; limit default 20, 1..100, else 422 naming it (docs/decisions.md)', async () => {
            const who = await registerUser(srv);
            for (let i = 0; i < 23; i++) await job(who, { company: `Paged ${String(i).padStart(2, '0')}`, title: 'Pager' });
            const first = assertList(ok(await call('GET', '/jobs', { token: who.token })), 'GET /jobs');
            assert.equal(first.length, 20);
            const all = ok(await call('GET', '/jobs?limit=100', { token: who.token }));
            assert.equal(assertList(all, 'limit 100', 100).length, 23);
            assert.equal(all.total, 23);
            const page = ok(await call('GET', '/jobs?limit=5&offset=20&sort=company', { token: who.token }));
            assert.deepEqual(assertList(page, 'page', 5, 20).map((j) => j.company), ['Paged 20', 'Paged 21', 'Paged 22']);
            assert.equal(page.total, 23);
            const beyond = ok(await call('GET', '/jobs?offset=500', { token: who.token }));
            assert.deepEqual(assertList(beyond, 'beyond', 20, 500), []);
            const lists = ['/jobs', '/applications', '/applications/follow-ups', '/feedback', '/interviews', '/resumes',
                '/content', '/resources', '/resources/bookmarks', '/resources/recommended', '/learning-paths',
                '/learning-paths/enrolled', '/learning-paths/recommended', '/analytics/snapshots', '/contacts', '/tasks',
                '/job-sources', '/jobs/recommendations'];
            for (const path of lists) {
                assertList(ok(await call('GET', path, { token: who.token })), path);
                assertList(ok(await call('GET', `${path}?limit=100`, { token: who.token })), path, 100);
                for (const bad of ['101', '0', '-1', 'ten'])
                    refused(await call('GET', `${path}?limit=${bad}`, { token: who.token }), 422, 'limit');
                refused(await call('GET', `${path}?offset=-1`, { token: who.token }), 422, 'offset');
            }
            assertList(ok(await call('GET', '/admin/users', { token: admin.token })), '/admin/users');
            refused(await call('GET', '/admin/users?limit=101', { token: admin.token }), 422, 'limit');
        });
    });

    /* -------------------------------------------------------------- auth and account */
    describe('auth and account', () => {
        test('POST /auth/register → 201 {user, access_token, token_type:"bearer", expires_at}', async () => {
            const name = uniqueName('Reg.User-');
            const res = await call('POST', '/auth/register', { body: { username: name, email: `${name}@Example.COM`, password: 'eight888' } });
            const body = ok(res, 201);
            assertShape(body, { user: 'object', access_token: 'text', token_type: ['bearer'], expires_at: 'ts' }, 'register');
            assertShape(body.user, SHAPE.user, 'register.user');
            assert.ok(!('hashed_password' in body.user) && !('password' in body.user));
            assert.equal(body.user.email, `${name}@example.com`.toLowerCase(), 'email stored lower-cased');
            assert.equal(body.user.username, name);
            assert.ok(Buffer.from(body.access_token, 'base64url').length >= 32 || body.access_token.length >= 43,
                'a token of at least 256 bits');
            const ttl = Date.parse(body.expires_at) - Date.now();
            assert.ok(ttl > 7 * 86400000 - 120000 && ttl <= 7 * 86400000 + 5000, 'COPILOT_TOKEN_TTL defaults to 7 days');
            // defaults of the users table
            assert.deepEqual(body.user.skills, []);
            assert.deepEqual(body.user.preferred_locations, []);
            assert.equal(body.user.daily_application_goal, 10);
            assert.equal(body.user.is_admin, false);
            assert.equal(body.user.prefer_remote_jobs, false);
            assert.equal(body.user.has_password, true);
            assert.equal(body.user.oauth_provider, null);
            assert.equal(body.user.oauth_id, null);
            ok(await call('GET', '/users/me', { token: body.access_token }));
        });

        test('register validation: username 3–50 of [A-Za-z0-9_.-], e-mail, password ≥ 8; taken → 409', async () => {
            const email = () => `${uniqueName('e')}@example.com`;
            const n = uniqueName('v').slice(0, 20);
            for (const username of ['ab', 'a'.repeat(51), 'has space', 'semi;colon', 'ümlaut', '', 'x/y'])
                refused(await call('POST', '/auth/register', { body: { username, email: email(), password: PASSWORD } }), 422, 'username');
            for (const username of ['abc', `A.b-c_${n}`.slice(0, 50), 'z'.repeat(50)])
                ok(await call('POST', '/auth/register', { body: { username, email: email(), password: PASSWORD } }), 201);
            for (const bad of ['plain', 'a@', '@b.com', 'a b@c.com', ''])
                refused(await call('POST', '/auth/register', { body: { username: uniqueName('m'), email: bad, password: PASSWORD } }), 422, 'email');
            refused(await call('POST', '/auth/register', { body: { username: uniqueName('p'), email: email(), password: '1234567' } }), 422, 'password');
            ok(await call('POST', '/auth/register', { body: { username: uniqueName('p'), email: email(), password: '12345678' } }), 201);
            for (const missing of ['username', 'email', 'password']) {
                const body = { username: uniqueName('q'), email: email(), password: PASSWORD };
                delete body[missing];
                refused(await call('POST', '/auth/register', { body }), 422, missing);
            }
            refused(await call('POST', '/auth/register', { body: { username: alice.username, email: email(), password: PASSWORD } }), 409);
            refused(await call('POST', '/auth/register', { body: { username: uniqueName('r'), email: alice.email.toUpperCase(), password: PASSWORD } }), 409);
            refused(await call('POST', '/auth/register', { body: { username: uniqueName('s'), email: email(), password: PASSWORD, is_admin: true } }), 422, 'is_admin');
        });

        test('POST /auth/login with username or e-mail → 200 {access_token, token_type, expires_at, user}; 401 the same either way', async () => {
            for (const body of [{ username: alice.username, password: PASSWORD }, { email: alice.email, password: PASSWORD },
                { email: alice.email.toUpperCase(), password: PASSWORD }, { username: alice.email, password: PASSWORD }]) {
                const session = ok(await call('POST', '/auth/login', { body }));
                assertShape(session, { access_token: 'text', token_type: ['bearer'], expires_at: 'ts', user: 'object' }, 'login');
                assertShape(session.user, SHAPE.user, 'login.user');
                assert.equal(session.user.id, alice.user.id);
            }
            const wrong = refused(await call('POST', '/auth/login', { body: { username: alice.username, password: 'wrong password' } }), 401);
            const nobody = refused(await call('POST', '/auth/login', { body: { username: uniqueName('ghost'), password: 'wrong password' } }), 401);
            assert.equal(wrong.message, nobody.message, 'the same message whether the user exists or not');
        });

        test('repeated failures for one account → 429 with Retry-After', async () => {
            const victim = await registerUser(srv);
            let res;
            for (let i = 0; i < 15; i++) {
                res = await call('POST', '/auth/login', { body: { username: victim.username, password: `wrong ${i} password` } });
                if (res.status === 429) break;
                refused(res, 401);
            }
            refused(res, 429);
            assert.match(res.headers.get('retry-after') || '', /^[1-9]\d*$/, 'Retry-After in seconds');
        });

        test('POST /auth/logout → 204, then the token is 401', async () => {
            const token = (ok(await call('POST', '/auth/login', { body: { username: alice.username, password: PASSWORD } }))).access_token;
            ok(await call('GET', '/users/me', { token }));
            ok(await call('POST', '/auth/logout', { token }), 204);
            refused(await call('GET', '/users/me', { token }), 401);
            refused(await call('POST', '/auth/logout', { token }), 401);
            ok(await call('GET', '/users/me', { token: alice.token }), 200); // other sessions live on
        });

        test('GET /auth/providers (no token) → {password: true, oauth: [...]}; unknown provider → 404', async () => {
            const body = ok(await call('GET', '/auth/providers'));
            assert.equal(body.password, true);
            assert.ok(Array.isArray(body.oauth));
            for (const p of body.oauth) assertShape(p, { name: 'text', start_url: 'text' }, 'provider');
            refused(await call('GET', '/auth/oauth/nosuchprovider/start'), 404);
        });

        test('GET /users/me: every users column but hashed_password, and has_password', async () => {
            const me = ok(await call('GET', '/users/me', { token: alice.token }));
            assertShape(me, SHAPE.user, 'GET /users/me');
            assert.ok(!('hashed_password' in me));
            assert.equal(me.id, alice.user.id);
        });

        test('PATCH /users/me: the profile fields, their bounds and the e-mail lower-cased', async () => {
            const who = await registerUser(srv);
            const email = `${uniqueName('Mixed')}@Example.ORG`;
            const patch = {
                email, skills: ['C', 'PostgreSQL'], preferred_locations: ['Berlin', 'Remote'], experience_level: 'senior',
                daily_application_goal: 0, prefer_remote_jobs: true, profile_picture_url: 'https://img.example.com/me.png',
            };
            const me = ok(await call('PATCH', '/users/me', { token: who.token, body: patch }));
            assertShape(me, SHAPE.user, 'PATCH /users/me');
            assert.equal(me.email, email.toLowerCase());
            for (const key of ['skills', 'preferred_locations', 'experience_level', 'daily_application_goal', 'prefer_remote_jobs', 'profile_picture_url'])
                assert.deepEqual(me[key], patch[key], key);
            for (const level of EXPERIENCE)
                assert.equal(ok(await call('PATCH', '/users/me', { token: who.token, body: { experience_level: level } })).experience_level, level);
            ok(await call('PATCH', '/users/me', { token: who.token, body: { daily_application_goal: 100 } }));
            for (const goal of [-1, 101, 2.5, '10'])
                refused(await call('PATCH', '/users/me', { token: who.token, body: { daily_application_goal: goal } }), 422, 'daily_application_goal');
            refused(await call('PATCH', '/users/me', { token: who.token, body: { experience_level: 'guru' } }), 422, 'experience_level');
            refused(await call('PATCH', '/users/me', { token: who.token, body: { skills: 'C' } }), 422, 'skills');
            refused(await call('PATCH', '/users/me', { token: who.token, body: { email: 'nope' } }), 422, 'email');
            refused(await call('PATCH', '/users/me', { token: who.token, body: { email: alice.email } }), 409);
            refused(await call('PATCH', '/users/me', { token: who.token, body: { prefer_remote_jobs: 'yes' } }), 422, 'prefer_remote_jobs');
        });

        test('POST /users/me/password revokes the other sessions', async () => {
            const who = await registerUser(srv);
            const other = ok(await call('POST', '/auth/login', { body: { username: who.username, password: PASSWORD } })).access_token;
            refused(await call('POST', '/users/me/password', { token: who.token, body: { current_password: 'not it at all', new_password: 'another password' } }), 422, 'current_password');
            refused(await call('POST', '/users/me/password', { token: who.token, body: { current_password: PASSWORD, new_password: 'short' } }), 422, 'new_password');
            ok(await call('POST', '/users/me/password', { token: who.token, body: { current_password: PASSWORD, new_password: 'another password' } }), 204);
            refused(await call('GET', '/users/me', { token: other }), 401);
            ok(await call('GET', '/users/me', { token: who.token }));
            refused(await call('POST', '/auth/login', { body: { username: who.username, password: PASSWORD } }), 401);
            ok(await call('POST', '/auth/login', { body: { username: who.username, password: 'another password' } }));
        });

        test('preferences: GET defaults (notify_new_matches true), PUT replaces, every column', async () => {
            const who = await registerUser(srv);
            const initial = ok(await call('GET', '/users/me/preferences', { token: who.token }));
            assertShape(initial, SHAPE.preferences, 'preferences before a PUT');
            assert.equal(initial.notify_new_matches, true);
            assert.equal(initial.user_id, who.user.id);
            const body = {
                preferred_sources: ['linkedin'], disabled_sources: ['rss'], preferred_job_types: ['full-time'],
                preferred_companies: ['Acme'], excluded_companies: ['Evil Corp'], min_salary: 50000,
                keywords: ['postgres'], excluded_keywords: ['php'], notify_new_matches: false,
            };
            const saved = ok(await call('PUT', '/users/me/preferences', { token: who.token, body }));
            assertShape(saved, { ...SHAPE.preferences, id: 'int', created_at: 'ts', updated_at: 'ts' }, 'preferences');
            for (const [k, v] of Object.entries(body)) assert.deepEqual(saved[k], v, k);
            const again = ok(await call('GET', '/users/me/preferences', { token: who.token }));
            for (const [k, v] of Object.entries(body)) assert.deepEqual(again[k], v, k);
            assert.equal(again.id, saved.id);
            const replaced = ok(await call('PUT', '/users/me/preferences', { token: who.token, body: { min_salary: 1 } }));
            assert.deepEqual(replaced.keywords, [], 'PUT replaces the whole object');
            assert.equal(replaced.id, saved.id, 'the same row: its id stays');
            assert.equal(replaced.created_at, saved.created_at, 'created once');
            assert.equal(replaced.notify_new_matches, true);
            refused(await call('PUT', '/users/me/preferences', { token: who.token, body: { colour: 'red' } }), 422, 'colour');
            refused(await call('PUT', '/users/me/preferences', { token: who.token, body: { user_id: 1 } }), 422, 'user_id');
        });

        test('GET /users/me/export: one JSON document of all own data', async () => {
            const who = await registerUser(srv);
            const j = await job(who, { tech_stack: ['Go'] });
            const doc = ok(await call('GET', '/users/me/export', { token: who.token }));
            assert.equal(doc.user.id, who.user.id);
            assert.ok(!JSON.stringify(doc).includes('hashed_password'));
            assert.deepEqual(doc.jobs.map((x) => x.id), [j.id]);
            assert.deepEqual(doc.jobs[0].tech_stack, ['Go'], 'JSON columns as JSON values');
        });

        test('DELETE /users/me → 204: the token, the login and every owned row are gone', async () => {
            const who = await registerUser(srv);
            const a = await application(who, { status: 'applied' });
            ok(await call('POST', '/feedback', { token: who.token, body: { type: 'general', title: 'bye', description: 'leaving' } }), 201);
            ok(await call('DELETE', '/users/me', { token: who.token }), 204);
            refused(await call('GET', '/users/me', { token: who.token }), 401);
            refused(await call('POST', '/auth/login', { body: { username: who.username, password: PASSWORD } }), 401);
            const users = ok(await call('GET', `/admin/users?username=${who.username}`, { token: admin.token }));
            assert.equal(users.items.filter((u) => u.id === who.user.id).length, 0);
            refused(await call('GET', `/applications/${a.id}`, { token: admin.token }), 404);
            // the name is free again
            ok(await call('POST', '/auth/register', { body: { username: who.username, email: who.email, password: PASSWORD } }), 201);
        });
    });

    /* -------------------------------------------------------------- jobs */
    describe('jobs', () => {
        test('POST /jobs → 201, Location, every column with its type; only company and title needed', async () => {
            const full = {
                company: 'Shape Check GmbH', title: 'Storage Engineer', location: 'Munich', description: 'Disks.',
                requirements: 'C, Linux', salary_range: '80-100k', salary_min: 80000, salary_max: 100000, currency: 'EUR',
                job_type: 'full-time', remote_option: 'hybrid', tech_stack: ['C', 'Linux'], responsibilities: 'Keep data',
                documents_required: ['cv'], application_url: 'https://shape.example.com/jobs/1',
                source_url: 'https://board.example.com/shape/1', source: 'linkedin', notes: 'n', date_applied: '2025-10-01',
            };
            const res = await call('POST', '/jobs', { token: alice.token, body: full });
            const j = ok(res, 201);
            assert.equal(res.headers.get('location'), `${API}/jobs/${j.id}`);
            assertShape(j, SHAPE.job, 'job');
            for (const [k, v] of Object.entries(full)) assert.deepEqual(j[k], v, k);
            assert.equal(j.user_id, alice.user.id);
            assert.equal(j.status, 'not_applied', 'status defaults to not_applied');
            assert.match(j.job_fingerprint, /^[0-9a-f]{64}$/);
            assert.ok(Array.isArray(j.possible_duplicates));
            const got = ok(await call('GET', `/jobs/${j.id}`, { token: alice.token }));
            assertShape(got, SHAPE.job, 'GET job');
            for (const [k, v] of Object.entries(full)) assert.deepEqual(got[k], v, `GET ${k}`);
            const minimal = await job(alice);
            assertShape(minimal, SHAPE.job, 'minimal job');
            refused(await call('POST', '/jobs', { token: alice.token, body: { title: 'No company' } }), 422, 'company');
            refused(await call('POST', '/jobs', { token: alice.token, body: { company: 'No title' } }), 422, 'title');
        });

        test('enums take exactly the listed values', async () => {
            for (const job_type of JOB_TYPES) assert.equal((await job(alice, { job_type })).job_type, job_type);
            for (const remote_option of REMOTE) assert.equal((await job(alice, { remote_option })).remote_option, remote_option);
            for (const source of SOURCES) assert.equal((await job(alice, { source })).source, source);
            for (const status of JOB_STATUSES) assert.equal((await job(alice, { status })).status, status);
            const bad = { job_type: 'full_time', remote_option: 'office', source: 'monster', status: 'open' };
            for (const [field, value] of Object.entries(bad))
                refused(await call('POST', '/jobs', { token: alice.token, body: { company: 'Enum', title: 'Bad', [field]: value } }), 422, field);
        });

        test('validation: title ≤ 255, currency 3 letters, salary_min ≤ salary_max, dates, arrays, types', async () => {
            const post = (body) => call('POST', '/jobs', { token: alice.token, body: { company: `V ${uniqueName('v')}`, title: 'Validated', ...body } });
            ok(await post({ title: 't'.repeat(255) }), 201);
            refused(await post({ title: 't'.repeat(256) }), 422, 'title');
            refused(await post({ title: '' }), 422, 'title');
            for (const currency of ['EU', 'EURO', '€€€', 'E1R'])
                refused(await post({ currency }), 422, 'currency');
            ok(await post({ currency: 'USD' }), 201);
            const e = refused(await post({ salary_min: 100, salary_max: 99 }), 422);
            assert.ok(['salary_min', 'salary_max'].includes(e.field));
            ok(await post({ salary_min: 100, salary_max: 100 }), 201);
            refused(await post({ salary_min: '100' }), 422, 'salary_min');
            refused(await post({ salary_max: 1.5 }), 422, 'salary_max');
            refused(await post({ date_applied: '2025-02-30' }), 422, 'date_applied');
            refused(await post({ date_applied: '01/02/2025' }), 422, 'date_applied');
            refused(await post({ tech_stack: 'C' }), 422, 'tech_stack');
            refused(await post({ tech_stack: [1, 2] }), 422, 'tech_stack');
            refused(await post({ documents_required: { a: 1 } }), 422, 'documents_required');
            refused(await post({ company: null }), 422, 'company');
            const j = await job(alice);
            refused(await call('PATCH', `/jobs/${j.id}`, { token: alice.token, body: { salary_min: 10, salary_max: 5 } }), 422);
            refused(await call('PATCH', `/jobs/${j.id}`, { token: alice.token, body: { title: 'x'.repeat(256) } }), 422, 'title');
        });

        test('fingerprint: SPEC part C\'s own examples', async () => {
            const cases = [
                [{ company: 'Tech-Company, Inc.', title: 'Senior Software Engineer - Backend (m/f/d)', location: 'Remote - USA' },
                    'tech|senior software engineer backend|remote usa'],
                [{ company: 'Stripe, LLC', title: 'Backend Engineer' }, 'stripe|backend engineer|'],
                [{ company: 'Acme GmbH', title: 'Data Engineer', location: 'Berlin' }, 'acme|data engineer|berlin'],
                [{ company: 'Initech Corp', title: 'Full Time Remote Developer - Apply Now', location: ' Austin ' },
                    'initech|developer|austin'],
            ];
            const who = await registerUser(srv);
            for (const [body, normalised] of cases) {
                const j = ok(await call('POST', '/jobs', { token: who.token, body }), 201);
                assert.equal(j.job_fingerprint, sha256(normalised), `${JSON.stringify(body)} → ${normalised}`);
            }
        });

        test('duplicates → 409 with existing_id and reason (fingerprint / url); another user may track the same posting', async () => {
            const who = await registerUser(srv);
            const first = ok(await call('POST', '/jobs', { token: who.token, body: {
                company: 'Tech-Company, Inc.', title: 'Senior Software Engineer - Backend (m/f/d)', location: 'Remote - USA',
                application_url: 'https://careers.dup.example/jobs/42/?utm_source=x#apply',
            } }), 201);
            const same = refused(await call('POST', '/jobs', { token: who.token, body: {
                company: 'tech company', title: 'Senior Software Engineer Backend', location: 'remote, usa',
            } }), 409);
            assert.equal(same.code, 'conflict');
            assert.equal(same.existing_id, first.id);
            assert.equal(same.reason, 'fingerprint');
            const url = refused(await call('POST', '/jobs', { token: who.token, body: {
                company: 'Other', title: 'Other', source_url: 'http://careers.dup.example/jobs/42',
            } }), 409);
            assert.equal(url.existing_id, first.id);
            assert.equal(url.reason, 'url');
            ok(await call('POST', '/jobs', { token: alice.token, body: { company: 'Tech-Company, Inc.', title: 'Senior Software Engineer - Backend (m/f/d)', location: 'Remote - USA' } }), 201);
            // a PATCH that would make it a duplicate is refused too
            const other = await job(who);
            const patched = refused(await call('PATCH', `/jobs/${other.id}`, { token: who.token, body: {
                company: 'Tech Company', title: 'Senior Software Engineer - Backend', location: 'Remote USA',
            } }), 409);
            assert.equal(patched.existing_id, first.id);
        });

        test('near duplicates do not block: possible_duplicates [{id, company, title, similarity}]', async () => {
            const who = await registerUser(srv);
            const a = ok(await call('POST', '/jobs', { token: who.token, body: { company: 'Globex Corporation', title: 'Platform Engineer', location: 'Paris' } }), 201);
            assert.deepEqual(a.possible_duplicates, []);
            const b = ok(await call('POST', '/jobs', { token: who.token, body: { company: 'Globex Corp.', title: 'Platform Engineer II', location: 'Paris' } }), 201);
            assert.equal(b.possible_duplicates.length, 1);
            const d = b.possible_duplicates[0];
            assert.deepEqual(Object.keys(d).sort(), ['company', 'id', 'similarity', 'title']);
            assert.equal(d.id, a.id);
            assert.equal(d.company, 'Globex Corporation');
            assert.equal(d.title, 'Platform Engineer');
            assert.ok(d.similarity >= 0.8 && d.similarity <= 1, `similarity in [0,1]: ${d.similarity}`);
            const far = ok(await call('POST', '/jobs', { token: who.token, body: { company: 'Globex Corp.', title: 'Platform Engineer III', location: 'Tokyo' } }), 201);
            assert.ok(!far.possible_duplicates.some((x) => x.id === a.id), 'clearly different locations are no near duplicate');
        });

        test('GET /jobs filters: status, company, source, job_type, remote_option, q', async () => {
            const who = await registerUser(srv);
            const a = await job(who, { company: 'Filter Alpha', title: 'Rust Developer', source: 'indeed', job_type: 'contract', remote_option: 'remote', description: 'embedded firmware', status: 'archived' });
            const b = await job(who, { company: 'Filter Beta', title: 'Go Developer', source: 'linkedin', job_type: 'full-time', remote_option: 'onsite', requirements: 'kubernetes' });
            const ids = async (q) => assertList(ok(await call('GET', `/jobs?${q}`, { token: who.token })), q).map((x) => x.id).sort();
            assert.deepEqual(await ids('status=archived'), [a.id]);
            assert.deepEqual(await ids('status=not_applied'), [b.id]);
            assert.deepEqual(await ids('company=Filter%20Beta'), [b.id]);
            assert.deepEqual(await ids('source=indeed'), [a.id]);
            assert.deepEqual(await ids('job_type=full-time'), [b.id]);
            assert.deepEqual(await ids('remote_option=remote'), [a.id]);
            assert.deepEqual(await ids('q=firmware'), [a.id], 'q searches the description');
            assert.deepEqual(await ids('q=kubernetes'), [b.id], 'q searches the requirements');
            assert.deepEqual(await ids('q=rust'), [a.id], 'q searches the title');
            assert.deepEqual(await ids('q=beta'), [b.id], 'q searches the company');
            assert.deepEqual(await ids('source=indeed&remote_option=onsite'), []);
            for (const [k, v] of [['status', 'open'], ['source', 'monster'], ['job_type', 'gig'], ['remote_option', 'moon']])
                refused(await call('GET', `/jobs?${k}=${v}`, { token: who.token }), 422, k);
        });

        test('GET /jobs sort: created_at, company, title, salary_max, date_applied, ascending and descending', async () => {
            const who = await registerUser(srv);
            const rows = [
                { company: 'B-sort', title: 'Zeta', salary_max: 300, date_applied: '2025-03-01' },
                { company: 'A-sort', title: 'Beta', salary_max: 100, date_applied: '2025-01-01' },
                { company: 'C-sort', title: 'Alpha', salary_max: 200, date_applied: '2025-02-01' },
            ];
            for (const r of rows) await job(who, r);
            const order = async (sort, key) => ok(await call('GET', `/jobs?sort=${sort}`, { token: who.token })).items.map((x) => x[key]);
            assert.deepEqual(await order('company', 'company'), ['A-sort', 'B-sort', 'C-sort']);
            assert.deepEqual(await order('-company', 'company'), ['C-sort', 'B-sort', 'A-sort']);
            assert.deepEqual(await order('title', 'title'), ['Alpha', 'Beta', 'Zeta']);
            assert.deepEqual(await order('-title', 'title'), ['Zeta', 'Beta', 'Alpha']);
            assert.deepEqual(await order('salary_max', 'salary_max'), [100, 200, 300]);
            assert.deepEqual(await order('-salary_max', 'salary_max'), [300, 200, 100]);
            assert.deepEqual(await order('date_applied', 'date_applied'), ['2025-01-01', '2025-02-01', '2025-03-01']);
            assert.deepEqual(await order('-date_applied', 'date_applied'), ['2025-03-01', '2025-02-01', '2025-01-01']);
            const asc = await order('created_at', 'id');
            assert.deepEqual(await order('-created_at', 'id'), [...asc].reverse());
            const e = refused(await call('GET', '/jobs?sort=colour', { token: who.token }), 422, 'sort');
            assert.ok(!e.allowed || e.allowed.includes('salary_max'));
        });

        test('GET/PATCH/PUT/DELETE /jobs/{id}: own rows only (404 otherwise), PATCH partial, DELETE 204 cascades', async () => {
            const j = await job(alice, { location: 'Oslo', notes: 'keep' });
            refused(await call('GET', `/jobs/${j.id}`, { token: bob.token }), 404);
            refused(await call('PATCH', `/jobs/${j.id}`, { token: bob.token, body: { notes: 'mine' } }), 404);
            refused(await call('PUT', `/jobs/${j.id}`, { token: bob.token, body: { company: 'x', title: 'y' } }), 404);
            refused(await call('DELETE', `/jobs/${j.id}`, { token: bob.token }), 404);
            refused(await call('GET', '/jobs/999999999', { token: alice.token }), 404);
            const patched = ok(await call('PATCH', `/jobs/${j.id}`, { token: alice.token, body: { location: 'Bergen' } }));
            assert.equal(patched.location, 'Bergen');
            assert.equal(patched.notes, 'keep', 'PATCH is partial');
            assert.equal(patched.company, j.company);
            assertShape(patched, SHAPE.job, 'PATCH');
            assert.ok(patched.updated_at >= j.updated_at);
            const put = ok(await call('PUT', `/jobs/${j.id}`, { token: alice.token, body: { company: j.company, title: j.title } }));
            assert.equal(put.notes, null, 'PUT is a full replacement');
            assert.equal(put.location, null);
            const app = ok(await call('POST', '/applications', { token: alice.token, body: { job_id: j.id } }), 201);
            ok(await call('DELETE', `/jobs/${j.id}`, { token: alice.token }), 204);
            refused(await call('GET', `/jobs/${j.id}`, { token: alice.token }), 404);
            refused(await call('GET', `/applications/${app.id}`, { token: alice.token }), 404, undefined);
            refused(await call('DELETE', `/jobs/${j.id}`, { token: alice.token }), 404);
        });

        test('POST /jobs/import (JSON array or CSV) → {created, duplicates, errors: [{row, message}]}', async () => {
            const who = await registerUser(srv);
            const json = ok(await call('POST', '/jobs/import', { token: who.token, body: [
                { company: 'Imp One', title: 'Dev' }, { company: 'Imp One', title: 'Dev' }, { title: 'no company' },
                { company: 'Imp Two', title: 'Dev', tech_stack: ['Go'] },
            ] }));
            assert.equal(json.created, 2);
            assert.equal(json.duplicates, 1);
            assert.equal(json.errors.length, 1);
            assertShape(json.errors[0], { row: 'int', message: 'text' }, 'import error');
            assert.equal(json.errors[0].row, 3);
            const csv = ok(await call('POST', '/jobs/import', {
                token: who.token, raw: 'company,title,location\nImp Three,Dev,Rome\nImp One,Dev,\n,NoCompany,\n',
                headers: { 'content-type': 'text/csv' },
            }));
            assert.equal(csv.created, 1);
            assert.equal(csv.duplicates, 1);
            assert.equal(csv.errors.length, 1);
            const imported = ok(await call('GET', '/jobs?source=import&limit=100', { token: who.token }));
            assert.equal(imported.total, 3, 'imported jobs have source import');
        });

        test('GET /jobs/export?format=csv|json', async () => {
            const who = await registerUser(srv);
            await job(who, { company: 'Export Me', title: 'Dev', tech_stack: ['C'], notes: '=1+2' });
            const json = ok(await call('GET', '/jobs/export?format=json', { token: who.token }));
            const items = Array.isArray(json) ? json : json.items;
            assert.equal(items.length, 1);
            assertShape(items[0], SHAPE.job, 'exported job');
            const csv = await call('GET', '/jobs/export?format=csv', { token: who.token });
            assert.equal(csv.status, 200);
            assert.match(csv.headers.get('content-type'), /^text\/csv/);
            const [header, row] = csv.text.trim().split(/\r?\n/);
            assert.ok(header.split(',').includes('company'));
            assert.ok(row.includes('Export Me'));
            assert.ok(row.includes("'=1+2"), 'a formula cell is neutralised with a quote');
            refused(await call('GET', '/jobs/export?format=xml', { token: who.token }), 422, 'format');
        });

        test('GET /jobs/recommendations: own jobs not applied to, match_score 0–100 and reasons; feedback', async () => {
            const who = await registerUser(srv);
            ok(await call('PATCH', '/users/me', { token: who.token, body: { skills: ['Python', 'SQL'], preferred_locations: ['Berlin'] } }));
            const good = await job(who, { title: 'Python Developer', tech_stack: ['Python', 'SQL'], location: 'Berlin' });
            const applied = await job(who, { title: 'Python Engineer', tech_stack: ['Python'] });
            ok(await call('POST', '/applications', { token: who.token, body: { job_id: applied.id, status: 'applied' } }), 201);
            await job(alice, { title: 'Python Developer', tech_stack: ['Python'] });
            const recs = ok(await call('GET', '/jobs/recommendations?limit=10', { token: who.token }));
            const items = assertList(recs, 'recommendations', 10);
            assert.deepEqual(items.map((x) => x.id), [good.id], 'own jobs without an application only');
            assert.ok(items[0].match_score >= 0 && items[0].match_score <= 100);
            assert.ok(items[0].reasons && typeof items[0].reasons === 'object');
            for (const k of ['matched_skills', 'location', 'remote', 'salary', 'experience'])
                assert.ok(k in items[0].reasons, `reasons names ${k}: ${JSON.stringify(Object.keys(items[0].reasons))}`);
            assert.deepEqual([...items[0].reasons.matched_skills].sort(), ['Python', 'SQL']);
            // excluded companies and keywords remove a job
            ok(await call('PUT', '/users/me/preferences', { token: who.token, body: { excluded_companies: [good.company] } }));
            assert.deepEqual(ok(await call('GET', '/jobs/recommendations', { token: who.token })).items.map((x) => x.id), []);
            ok(await call('PUT', '/users/me/preferences', { token: who.token, body: { excluded_keywords: ['python'] } }));
            assert.deepEqual(ok(await call('GET', '/jobs/recommendations', { token: who.token })).items.map((x) => x.id), []);
            ok(await call('PUT', '/users/me/preferences', { token: who.token, body: {} }));
            const fb = ok(await call('POST', `/jobs/${good.id}/recommendation-feedback`, { token: who.token, body: { is_helpful: true, comment: 'spot on' } }), 201);
            assertShape(fb, SHAPE.recommendationFeedback, 'recommendation feedback');
            assert.equal(fb.is_helpful, true);
            const again = await call('POST', `/jobs/${good.id}/recommendation-feedback`, { token: who.token, body: { is_helpful: false } });
            assert.ok([200, 201].includes(again.status), show(again));
            assert.equal(again.body.id, fb.id, 'the latest feedback replaces the earlier one');
            assert.equal(again.body.is_helpful, false);
            refused(await call('POST', `/jobs/${good.id}/recommendation-feedback`, { token: who.token, body: { comment: 'x' } }), 422, 'is_helpful');
            refused(await call('POST', `/jobs/${good.id}/recommendation-feedback`, { token: bob.token, body: { is_helpful: true } }), 404);
        });
    });

    /* -------------------------------------------------------------- applications */
    describe('applications and the pipeline', () => {
        let carol;
        before(async () => { carol = await registerUser(srv); });

        test('POST /applications → 201, Location, every column; status defaults to interested', async () => {
            const j = await job(carol);
            const res = await call('POST', '/applications', { token: carol.token, body: { job_id: j.id } });
            const a = ok(res, 201);
            assert.equal(res.headers.get('location'), `${API}/applications/${a.id}`);
            assertShape(a, SHAPE.application, 'application');
            assert.equal(a.status, 'interested');
            assert.equal(a.job_id, j.id);
            assert.equal(a.user_id, carol.user.id);
            assertShape(ok(await call('GET', `/applications/${a.id}`, { token: carol.token })), SHAPE.application, 'GET');
            refused(await call('POST', '/applications', { token: carol.token, body: {} }), 422, 'job_id');
            refused(await call('POST', '/applications', { token: bob.token, body: { job_id: j.id } }), 404);
            refused(await call('GET', `/applications/${a.id}`, { token: bob.token }), 404);
            refused(await call('PATCH', `/applications/${a.id}`, { token: bob.token, body: { notes: 'x' } }), 404);
            refused(await call('DELETE', `/applications/${a.id}`, { token: bob.token }), 404);
            for (const status of APP_STATUSES)
                assert.equal((await application(carol, { status })).status, status, `may start at ${status}`);
            refused(await call('POST', '/applications', { token: carol.token, body: { job_id: j.id, status: 'hired' } }), 422, 'status');
            const fields = ok(await call('PATCH', `/applications/${a.id}`, { token: carol.token, body: {
                notes: 'called', follow_up_date: '2030-01-02', interview_feedback: { went: 'well', rounds: [1, 2] },
            } }));
            assert.deepEqual(fields.interview_feedback, { went: 'well', rounds: [1, 2] }, 'a JSON column as a JSON value');
            assert.equal(fields.follow_up_date, '2030-01-02');
            refused(await call('PATCH', `/applications/${a.id}`, { token: carol.token, body: { interview_feedback: 'good' } }), 422, 'interview_feedback');
            refused(await call('PATCH', `/applications/${a.id}`, { token: carol.token, body: { follow_up_date: '2030-02-31' } }), 422, 'follow_up_date');
            ok(await call('DELETE', `/applications/${a.id}`, { token: carol.token }), 204);
            refused(await call('GET', `/applications/${a.id}`, { token: carol.token }), 404);
        });

        test('interested → phone_screen is refused with 422 naming the allowed next states', async () => {
            const a = await application(carol);
            const e = refused(await call('PATCH', `/applications/${a.id}`, { token: carol.token, body: { status: 'phone_screen' } }), 422, 'status');
            for (const s of ['applied', 'rejected', 'withdrawn', 'ghosted']) assert.ok(e.message.includes(s), `message names ${s}: ${e.message}`);
            if (e.allowed) assert.deepEqual([...e.allowed].sort(), ['applied', 'ghosted', 'rejected', 'withdrawn']);
            for (const s of ['interview', 'technical', 'offer', 'accepted', 'declined'])
                refused(await call('PATCH', `/applications/${a.id}`, { token: carol.token, body: { status: s } }), 422, 'status');
        });

        test('moves set their dates; skipping forward from applied; the job follows', async () => {
            const a = await application(carol);
            const move = async (status, query = '') => ok(await call('PATCH', `/applications/${a.id}${query}`, { token: carol.token, body: { status } }));
            const applied = await move('applied');
            assert.equal(applied.applied_date, today());
            assert.equal(applied.response_date, null);
            let j = ok(await call('GET', `/jobs/${a.job_id}`, { token: carol.token }));
            assert.equal(j.status, 'applied');
            assert.equal(j.date_applied, today());
            const interview = await move('interview'); // a company may invite straight to an interview
            assert.equal(interview.response_date, today(), 'the first answer from the company');
            assert.match(interview.interview_date, TS);
            const offer = await move('offer');
            assert.equal(offer.offer_date, today());
            const accepted = await move('accepted');
            assert.equal(accepted.status, 'accepted');
            j = ok(await call('GET', `/jobs/${a.job_id}`, { token: carol.token }));
            assert.equal(j.status, 'accepted', 'the job follows its application');
        });

        test('final states are final; ?force=true reopens to the previous state', async () => {
            for (const final of ['rejected', 'withdrawn', 'ghosted']) {
                const a = await application(carol, { status: 'applied' });
                ok(await call('PATCH', `/applications/${a.id}`, { token: carol.token, body: { status: final } }));
                const e = refused(await call('PATCH', `/applications/${a.id}`, { token: carol.token, body: { status: 'applied' } }), 422, 'status');
                assert.ok(!e.allowed || e.allowed.length === 0, 'a final state allows no move');
                assert.match(e.message, /final/);
                assert.match(e.message, /force=true reopens it to applied/, 'the message names the way out');
                const reopened = ok(await call('PATCH', `/applications/${a.id}?force=true`, { token: carol.token, body: { status: 'applied' } }));
                assert.equal(reopened.status, 'applied');
            }
            const declined = await application(carol, { status: 'offer' });
            ok(await call('PATCH', `/applications/${declined.id}`, { token: carol.token, body: { status: 'declined' } }));
            refused(await call('PATCH', `/applications/${declined.id}`, { token: carol.token, body: { status: 'accepted' } }), 422, 'status');
            assert.equal(ok(await call('PATCH', `/applications/${declined.id}?force=true`, { token: carol.token, body: { status: 'offer' } })).status, 'offer');
        });

        test('GET /applications filters (status, job_id, date ranges) and sort', async () => {
            const who = await registerUser(srv);
            const a = await application(who, { status: 'applied' });
            const b = await application(who);
            const ids = async (q) => assertList(ok(await call('GET', `/applications?${q}`, { token: who.token })), q).map((x) => x.id).sort();
            assert.deepEqual(await ids('status=applied'), [a.id]);
            assert.deepEqual(await ids(`job_id=${b.job_id}`), [b.id]);
            assert.deepEqual(await ids(''), [a.id, b.id].sort());
            refused(await call('GET', '/applications?status=hired', { token: who.token }), 422, 'status');
            // date ranges (docs/decisions.md names them): by the column, or from/to of it
            const later = await application(who, { follow_up_date: today(7) });
            assert.deepEqual(await ids(`applied_date=${today()}`), [a.id]);
            assert.deepEqual(await ids(`applied_from=${today()}&applied_to=${today()}`), [a.id]);
            assert.deepEqual(await ids(`applied_date_from=${today(1)}`), []);
            assert.deepEqual(await ids(`follow_up_date=${today(7)}`), [later.id]);
            assert.deepEqual(await ids(`follow_up_from=${today(1)}&follow_up_to=${today(8)}`), [later.id]);
            assert.deepEqual(await ids(`follow_up_date_to=${today(6)}`), []);
            refused(await call('GET', '/applications?applied_from=yesterday', { token: who.token }), 422, 'applied_from');
            const desc = ok(await call('GET', '/applications?sort=-created_at', { token: who.token })).items.map((x) => x.id);
            const asc = ok(await call('GET', '/applications?sort=created_at', { token: who.token })).items.map((x) => x.id);
            assert.deepEqual(desc, [...asc].reverse());
        });

        test('GET /applications/pipeline: states, open, final, transitions, reopen', async () => {
            const p = ok(await call('GET', '/applications/pipeline', { token: carol.token }));
            assert.deepEqual(p.states, APP_STATUSES);
            assert.deepEqual(p.open, ['interested', 'applied', 'phone_screen', 'interview', 'technical', 'offer']);
            assert.deepEqual([...p.final].sort(), ['accepted', 'declined', 'ghosted', 'rejected', 'withdrawn']);
            assert.deepEqual(p.transitions.interested, ['applied', 'rejected', 'withdrawn', 'ghosted']);
            assert.ok(p.transitions.applied.includes('interview'), 'applied may skip to interview');
            assert.deepEqual([...p.transitions.offer].sort(), ['accepted', 'declined', 'ghosted', 'rejected', 'withdrawn']);
            for (const f of p.final) {
                assert.deepEqual(p.transitions[f], []);
                assert.equal(p.reopen[f], true);
            }
        });

        test('GET /applications/board?per_column=N: one entry per state {status, count, items}', async () => {
            const who = await registerUser(srv);
            const one = await application(who, { status: 'applied' });
            await application(who, { status: 'applied' });
            const body = ok(await call('GET', '/applications/board?per_column=1', { token: who.token }));
            const columns = Array.isArray(body) ? body : body.columns;
            assert.deepEqual(columns.map((c) => c.status), APP_STATUSES);
            for (const c of columns) assertShape(c, { status: 'text', count: 'int', items: 'array' }, 'column');
            const applied = columns.find((c) => c.status === 'applied');
            assert.equal(applied.count, 2);
            assert.equal(applied.items.length, 1, 'the N most recently updated');
            assert.ok(applied.items[0].job_title && applied.items[0].company, 'with job title and company');
            ok(await call('GET', '/applications/board', { token: who.token }));
            for (const bad of ['0', '201', 'x'])
                refused(await call('GET', `/applications/board?per_column=${bad}`, { token: who.token }), 422, 'per_column');
            ok(await call('GET', '/applications/board?per_column=200', { token: who.token }));
            assert.ok(one);
        });

        test('GET /applications/follow-ups: a paged list of due and overdue follow-ups', async () => {
            const who = await registerUser(srv);
            const due = await application(who, { status: 'applied', follow_up_date: today(-2) });
            await application(who, { status: 'applied', follow_up_date: today(30) });
            const body = ok(await call('GET', '/applications/follow-ups', { token: who.token }));
            assert.deepEqual(assertList(body, 'follow-ups').map((x) => x.id), [due.id]);
        });

        test('PATCH /jobs/{id} with another status on a job with applications → 422 on status', async () => {
            const a = await application(carol, { status: 'applied' });
            const e = refused(await call('PATCH', `/jobs/${a.job_id}`, { token: carol.token, body: { status: 'archived' } }), 422, 'status');
            assert.match(e.message, /application/);
            ok(await call('PATCH', `/jobs/${a.job_id}`, { token: carol.token, body: { status: 'applied' } }));
            refused(await call('PUT', `/jobs/${a.job_id}`, { token: carol.token, body: { company: 'Put', title: 'Put', status: 'not_applied' } }), 422, 'status');
            // a PUT without status or date_applied: both still follow the application
            const put = ok(await call('PUT', `/jobs/${a.job_id}`, { token: carol.token, body: { company: 'Put Co', title: 'Put Title' } }));
            assert.equal(put.status, 'applied');
            assert.equal(put.date_applied, a.applied_date);
        });
    });

    /* -------------------------------------------------------------- analytics */
    describe('analytics', () => {
        let dora;
        before(async () => {
            // the tests count these applications as today's: made and counted on one UTC day
            await awayFromMidnight();
            dora = await registerUser(srv);
            ok(await call('PATCH', '/users/me', { token: dora.token, body: { daily_application_goal: 2, skills: ['Python'] } }));
            await application(dora, { status: 'applied' }, { tech_stack: ['Python', 'Kubernetes'], source: 'linkedin' });
            const b = await application(dora, { status: 'applied' }, { tech_stack: ['Kubernetes'], source: 'indeed' });
            ok(await call('PATCH', `/applications/${b.id}`, { token: dora.token, body: { status: 'interview' } }));
            await application(dora, {}, { source: 'linkedin' });
        });

        test('GET /analytics/summary: the figures SPEC lists, with benchmarks', async () => {
            const s = ok(await call('GET', '/analytics/summary', { token: dora.token }));
            assertShape(s, {
                counts_by_status: 'object', total_jobs: 'int', applications_this_week: 'int', applications_this_month: 'int',
                response_rate: 'num', interview_rate: 'num', offer_rate: 'num', average_days_to_first_response: 'num?',
                applications_today: 'int', daily_application_goal: 'int', current_streak: 'int', benchmarks: 'object',
            }, 'summary');
            assert.deepEqual(Object.keys(s.counts_by_status).sort(), [...APP_STATUSES].sort());
            assert.equal(s.counts_by_status.applied, 1);
            assert.equal(s.counts_by_status.interview, 1);
            assert.equal(s.counts_by_status.interested, 1);
            assert.equal(s.total_jobs, 3);
            assert.equal(s.applications_today, 2);
            assert.equal(s.daily_application_goal, 2);
            assert.equal(s.current_streak, 1, 'today meets the goal of 2');
            assert.equal(s.response_rate, 50);
            assert.equal(s.interview_rate, 50);
            assert.equal(s.offer_rate, 0);
            assert.equal(s.average_days_to_first_response, 0);
            const b = s.benchmarks;
            assert.deepEqual([b.response_rate.low, b.response_rate.typical, b.response_rate.strong], [15, 25, 40]);
            assert.deepEqual([b.interview_rate.low, b.interview_rate.typical, b.interview_rate.strong], [5, 10, 20]);
            assert.deepEqual([b.offer_rate.low, b.offer_rate.typical, b.offer_rate.strong], [1, 3, 8]);
        });

        test('GET /analytics/funnel: five stages with rates against the first and the previous, a bottleneck', async () => {
            const f = ok(await call('GET', '/analytics/funnel', { token: dora.token }));
            assert.equal(f.stages.length, 5);
            assert.deepEqual(f.stages.map((x) => x.count), [3, 2, 1, 0, 0]);
            for (const st of f.stages) assertShape(st, { stage: 'text', count: 'int', rate_from_first: 'num', rate_from_previous: 'num', bottleneck: 'bool' }, 'stage');
            assert.equal(f.stages[2].rate_from_previous, 50);
            assert.equal(f.stages[3].bottleneck, true, 'offer is below 20% of interview');
        });

        test('GET /analytics/timeseries: metric, interval day|week, from, to', async () => {
            const from = today(-6);
            const t = ok(await call('GET', `/analytics/timeseries?metric=applications&interval=day&from=${from}&to=${today()}`, { token: dora.token }));
            assert.equal(t.metric, 'applications');
            assert.equal(t.interval, 'day');
            const points = t.items || t.points || t.series;
            assert.equal(points.length, 7);
            assert.equal(points.at(-1).date, today());
            assert.equal(points.at(-1).count, 2);
            ok(await call('GET', '/analytics/timeseries?interval=week', { token: dora.token }));
            refused(await call('GET', '/analytics/timeseries?interval=month', { token: dora.token }), 422, 'interval');
            refused(await call('GET', '/analytics/timeseries?metric=vibes', { token: dora.token }), 422, 'metric');
            refused(await call('GET', '/analytics/timeseries?from=yesterday', { token: dora.token }), 422, 'from');
        });

        test('GET /analytics/sources and /analytics/skills', async () => {
            const src = ok(await call('GET', '/analytics/sources', { token: dora.token }));
            const linkedin = src.items.find((x) => x.source === 'linkedin');
            assertShape(linkedin, { jobs: 'int', applications: 'int', responses: 'int', interviews: 'int', offers: 'int' }, 'source');
            assert.equal(linkedin.jobs, 2);
            const indeed = src.items.find((x) => x.source === 'indeed');
            assert.equal(indeed.interviews, 1);
            const sk = ok(await call('GET', '/analytics/skills', { token: dora.token }));
            const missing = (sk.missing || []).map((x) => x.skill.toLowerCase());
            assert.ok(missing.includes('kubernetes'), 'the user lacks Kubernetes');
            assert.ok(!missing.includes('python'));
        });

        test('snapshots: POST stores the summary as an analytics row; GET ?type= lists them', async () => {
            const snap = ok(await call('POST', '/analytics/snapshots', { token: dora.token }), 201);
            assertShape(snap, SHAPE.analytics, 'snapshot');
            assert.equal(snap.type, 'application_summary');
            assert.equal(snap.user_id, dora.user.id);
            assert.ok(TYPES.object(snap.data) && 'response_rate' in snap.data, 'data is the summary, as JSON');
            const list = ok(await call('GET', '/analytics/snapshots?type=application_summary', { token: dora.token }));
            assert.ok(assertList(list, 'snapshots').some((x) => x.id === snap.id));
            assert.equal(ok(await call('GET', '/analytics/snapshots?type=funnel', { token: dora.token })).total, 0);
            refused(await call('GET', '/analytics/snapshots?type=vibes', { token: dora.token }), 422, 'type');
            assert.equal(ok(await call('GET', '/analytics/snapshots', { token: bob.token })).items.filter((x) => x.id === snap.id).length, 0);
        });

        test('GET /admin/analytics: administrators only', async () => {
            refused(await call('GET', '/admin/analytics', { token: dora.token }), 403);
            const body = ok(await call('GET', '/admin/analytics', { token: admin.token }));
            assert.ok(TYPES.object(body));
        });
    });

    /* -------------------------------------------------------------- feedback */
    describe('feedback', () => {
        test('POST /feedback → 201 with the defaults (priority medium, status open), vote_score and own vote', async () => {
            const res = await call('POST', '/feedback', { token: alice.token, body: { type: 'bug_report', title: 'Broken', description: 'It broke', page_url: 'https://copilot.example/#/jobs', extra_data: { browser: 'x', steps: [1, 2] } } });
            const f = ok(res, 201);
            assert.equal(res.headers.get('location'), `${API}/feedback/${f.id}`);
            assertShape(f, SHAPE.feedback, 'feedback');
            assert.equal(f.priority, 'medium');
            assert.equal(f.status, 'open');
            assert.equal(f.user_id, alice.user.id);
            assert.equal(f.vote_score, 0);
            assert.deepEqual(f.extra_data, { browser: 'x', steps: [1, 2] }, 'a JSON column as a JSON value');
            assert.ok(!('admin_notes' in f) || f.admin_notes === null);
            for (const type of SHAPE.feedback.type)
                assert.equal(ok(await call('POST', '/feedback', { token: alice.token, body: { type, title: 't', description: 'd' } }), 201).type, type);
            const post = (body) => call('POST', '/feedback', { token: alice.token, body: { type: 'general', title: 't', description: 'd', ...body } });
            refused(await post({ type: 'complaint' }), 422, 'type');
            refused(await post({ title: 'x'.repeat(256) }), 422, 'title');
            ok(await post({ title: 'x'.repeat(255) }), 201);
            refused(await post({ title: '' }), 422, 'title');
            refused(await post({ description: undefined, title: 'no description' }), 422, 'description');
            refused(await post({ priority: 'urgent' }), 422, 'priority');
            refused(await post({ extra_data: 'text' }), 422, 'extra_data');
        });

        test('own rows only; admins see all; owners edit title/description, admins status/priority/admin_response', async () => {
            const f = ok(await call('POST', '/feedback', { token: alice.token, body: { type: 'feature_request', title: 'Dark mode', description: 'Please' } }), 201);
            refused(await call('GET', `/feedback/${f.id}`, { token: bob.token }), 404);
            refused(await call('PATCH', `/feedback/${f.id}`, { token: bob.token, body: { title: 'mine' } }), 404);
            refused(await call('DELETE', `/feedback/${f.id}`, { token: bob.token }), 404);
            assert.ok(!ok(await call('GET', '/feedback?limit=100', { token: bob.token })).items.some((x) => x.id === f.id));
            const edited = ok(await call('PATCH', `/feedback/${f.id}`, { token: alice.token, body: { title: 'Dark mode, please', description: 'Pretty please' } }));
            assert.equal(edited.title, 'Dark mode, please');
            for (const body of [{ status: 'closed' }, { priority: 'high' }, { admin_response: 'no' }])
                refused(await call('PATCH', `/feedback/${f.id}`, { token: alice.token, body }), 403, Object.keys(body)[0]);
            const all = ok(await call('GET', `/feedback?limit=100&type=feature_request`, { token: admin.token }));
            assert.ok(all.items.some((x) => x.id === f.id), 'admins list everyone\'s feedback');
            const set = ok(await call('PATCH', `/feedback/${f.id}`, { token: admin.token, body: { status: 'resolved', priority: 'high', admin_response: 'Shipped', admin_notes: 'internal only' } }));
            assert.equal(set.status, 'resolved');
            assert.equal(set.priority, 'high');
            assert.equal(set.admin_response, 'Shipped');
            assert.match(set.resolved_at, TS, 'resolving sets resolved_at');
            const seen = ok(await call('GET', `/feedback/${f.id}`, { token: alice.token }));
            assert.equal(seen.admin_response, 'Shipped', 'the owner reads the answer');
            assert.ok(!('admin_notes' in seen), 'admin_notes are for admins only');
            refused(await call('PATCH', `/feedback/${f.id}`, { token: admin.token, body: { status: 'done' } }), 422, 'status');
            const ids = async (q, who = admin) => ok(await call('GET', `/feedback?limit=100&${q}`, { token: who.token })).items.map((x) => x.id);
            assert.ok((await ids('status=resolved')).includes(f.id));
            assert.ok(!(await ids('status=open')).includes(f.id));
            assert.ok((await ids('priority=high')).includes(f.id));
            for (const [k, v] of [['type', 'x'], ['status', 'x'], ['priority', 'x']])
                refused(await call('GET', `/feedback?${k}=${v}`, { token: admin.token }), 422, k);
            ok(await call('DELETE', `/feedback/${f.id}`, { token: alice.token }), 204);
            refused(await call('GET', `/feedback/${f.id}`, { token: alice.token }), 404);
        });

        test('votes: {vote: 1|-1}, one per user and changeable, DELETE removes it; sort by votes', async () => {
            const f = ok(await call('POST', '/feedback', { token: admin.token, body: { type: 'improvement', title: 'Faster', description: 'd' } }), 201);
            const g = ok(await call('POST', '/feedback', { token: admin.token, body: { type: 'improvement', title: 'Slower', description: 'd' } }), 201);
            const up = ok(await call('POST', `/feedback/${f.id}/vote`, { token: admin.token, body: { vote: 1 } }));
            assert.equal(up.vote_score, 1);
            assert.equal(up.my_vote, 1);
            assert.equal(ok(await call('POST', `/feedback/${f.id}/vote`, { token: admin.token, body: { vote: 1 } })).vote_score, 1, 'one vote per user');
            ok(await call('POST', `/feedback/${g.id}/vote`, { token: admin.token, body: { vote: -1 } }));
            const order = ok(await call('GET', '/feedback?sort=-votes&limit=100', { token: admin.token })).items.map((x) => x.id);
            assert.ok(order.indexOf(f.id) < order.indexOf(g.id), 'most votes first');
            const down = ok(await call('POST', `/feedback/${f.id}/vote`, { token: admin.token, body: { vote: -1 } }));
            assert.equal(down.vote_score, -1, 'the vote is changed, not added');
            for (const vote of [0, 2, '1', null])
                refused(await call('POST', `/feedback/${f.id}/vote`, { token: admin.token, body: { vote } }), 422, 'vote');
            ok(await call('DELETE', `/feedback/${f.id}/vote`, { token: admin.token }), 204);
            const after = ok(await call('GET', `/feedback/${f.id}`, { token: admin.token }));
            assert.equal(after.vote_score, 0);
            assert.equal(after.my_vote, null);
            refused(await call('POST', `/feedback/${f.id}/vote`, { token: bob.token, body: { vote: 1 } }), 404);
        });
    });

    /* -------------------------------------------------------------- interviews */
    describe('interview practice', () => {
        test('POST /interviews → 201 session with its generated questions; validation', async () => {
            const j = await job(alice, { title: 'Backend Engineer', tech_stack: ['Python', 'PostgreSQL'], requirements: 'Python and SQL' });
            const res = await call('POST', '/interviews', { token: alice.token, body: { interview_type: 'technical', job_id: j.id, total_questions: 3 } });
            const s = ok(res, 201);
            assert.equal(res.headers.get('location'), `${API}/interviews/${s.id}`);
            assertShape(s, SHAPE.session, 'session');
            assert.equal(s.status, 'started');
            assert.equal(s.job_id, j.id);
            assert.equal(s.total_questions, 3);
            assert.equal(s.questions.length, 3);
            s.questions.forEach((q, i) => {
                assertShape(q, SHAPE.question, 'question');
                assert.equal(q.position, i + 1);
                assert.equal(q.session_id, s.id);
            });
            const general = ok(await call('POST', '/interviews', { token: alice.token, body: { interview_type: 'general' } }), 201);
            assert.equal(general.job_id, null);
            assert.ok(general.questions.length >= 1);
            assert.equal(general.total_questions, general.questions.length);
            for (const interview_type of SHAPE.session.interview_type)
                ok(await call('POST', '/interviews', { token: alice.token, body: { interview_type, total_questions: 1 } }), 201);
            refused(await call('POST', '/interviews', { token: alice.token, body: {} }), 422, 'interview_type');
            refused(await call('POST', '/interviews', { token: alice.token, body: { interview_type: 'coding' } }), 422, 'interview_type');
            refused(await call('POST', '/interviews', { token: alice.token, body: { interview_type: 'general', total_questions: 0 } }), 422, 'total_questions');
            refused(await call('POST', '/interviews', { token: bob.token, body: { interview_type: 'general', job_id: j.id } }), 404);
        });

        test('the built-in questions are deterministic for the same inputs', async () => {
            const texts = async () => {
                const who = await registerUser(srv);
                const j = await job(who, { company: 'Same Inputs', title: 'Site Reliability Engineer', tech_stack: ['Go', 'Kubernetes'] });
                const s = ok(await call('POST', '/interviews', { token: who.token, body: { interview_type: 'technical', job_id: j.id, total_questions: 4 } }), 201);
                return s.questions.map((q) => q.question_text);
            };
            assert.deepEqual(await texts(), await texts());
        });

        test('start, answer (score 0–100 and feedback), complete (overall score); own rows only; DELETE', async () => {
            const s = ok(await call('POST', '/interviews', { token: alice.token, body: { interview_type: 'behavioral', total_questions: 2 } }), 201);
            refused(await call('GET', `/interviews/${s.id}`, { token: bob.token }), 404);
            refused(await call('POST', `/interviews/${s.id}/start`, { token: bob.token }), 404);
            refused(await call('POST', `/interviews/${s.id}/questions/1/answer`, { token: bob.token, body: { answer: 'x' } }), 404);
            refused(await call('POST', `/interviews/${s.id}/complete`, { token: bob.token }), 404);
            refused(await call('DELETE', `/interviews/${s.id}`, { token: bob.token }), 404);
            const started = ok(await call('POST', `/interviews/${s.id}/start`, { token: alice.token }));
            assert.equal(started.status, 'in_progress');
            assert.match(started.started_at, TS);
            const answer = 'In my last role our release broke checkout on a Friday. I owned the rollback, told the team and the customer what happened, '
                + 'and afterwards I added a canary stage so the next bad build was caught before customers saw it. Because the fix was in the process, it stuck.';
            const q = ok(await call('POST', `/interviews/${s.id}/questions/1/answer`, { token: alice.token, body: { answer } }));
            assert.equal(q.position, 1);
            assert.equal(q.answer_text, answer);
            assert.ok(typeof q.score === 'number' && q.score >= 0 && q.score <= 100, `score ${q.score}`);
            assert.ok(q.feedback !== null && typeof q.feedback === 'object');
            assert.match(q.answered_at, TS);
            refused(await call('POST', `/interviews/${s.id}/questions/1/answer`, { token: alice.token, body: {} }), 422, 'answer');
            refused(await call('POST', `/interviews/${s.id}/questions/99/answer`, { token: alice.token, body: { answer } }), 404);
            const done = ok(await call('POST', `/interviews/${s.id}/complete`, { token: alice.token }));
            assert.equal(done.status, 'completed');
            assert.match(done.completed_at, TS);
            assert.ok(typeof done.score === 'number' && done.score >= 0 && done.score <= 100);
            assert.ok(done.feedback !== null && typeof done.feedback === 'object');
            const got = ok(await call('GET', `/interviews/${s.id}`, { token: alice.token }));
            assert.equal(got.questions.length, 2, 'GET one session carries its questions');
            assert.equal(got.questions[0].answer_text, answer);
            const listed = assertList(ok(await call('GET', '/interviews?limit=100', { token: alice.token })), 'interviews', 100);
            assert.ok(listed.some((x) => x.id === s.id));
            assert.ok(!assertList(ok(await call('GET', '/interviews?limit=100', { token: bob.token })), 'bob', 100).some((x) => x.id === s.id));
            ok(await call('DELETE', `/interviews/${s.id}`, { token: alice.token }), 204);
            refused(await call('GET', `/interviews/${s.id}`, { token: alice.token }), 404);
        });

        test('deleting the job keeps the session (job_id becomes null)', async () => {
            const j = await job(alice, { tech_stack: ['SQL'] });
            const s = ok(await call('POST', '/interviews', { token: alice.token, body: { interview_type: 'technical', job_id: j.id, total_questions: 1 } }), 201);
            const c = ok(await call('POST', '/content', { token: alice.token, body: { content_type: 'cover_letter', job_id: j.id } }), 201);
            ok(await call('DELETE', `/jobs/${j.id}`, { token: alice.token }), 204);
            assert.equal(ok(await call('GET', `/interviews/${s.id}`, { token: alice.token })).job_id, null);
            assert.equal(ok(await call('GET', `/content/${c.id}`, { token: alice.token })).job_id, null);
        });
    });

    /* -------------------------------------------------------------- résumés */
    describe('résumés', () => {
        const TEXT = 'Jane Doe\njane.doe@example.com\n+1 555 123 4567\n\nSkills\nPython, PostgreSQL, Docker\n\n'
            + 'Experience\nSenior Engineer at Acme 2018-2024\n\nEducation\nBSc Computer Science\n';
        const upload = (who, bytes, filename, field = 'file') => {
            const form = new FormData();
            form.append(field, new Blob([bytes], { type: 'application/octet-stream' }), filename);
            return call('POST', '/resumes', { token: who.token, raw: form });
        };

        test('POST /resumes (multipart field file) → 201 with parsing_status and what was extracted', async () => {
            const who = await registerUser(srv);
            const res = await upload(who, TEXT, 'cv.txt');
            const r = ok(res, 201);
            assert.equal(res.headers.get('location'), `${API}/resumes/${r.id}`);
            assertShape(r, SHAPE.resume, 'résumé');
            assert.ok(!('file_path' in r), 'file_path is the server\'s');
            assert.equal(r.filename, 'cv.txt');
            assert.equal(r.file_type, 'txt');
            assert.equal(r.file_size, Buffer.byteLength(TEXT));
            assert.equal(r.parsing_status, 'completed');
            for (const skill of ['Python', 'PostgreSQL', 'Docker']) assert.ok(r.extracted_skills.includes(skill), skill);
            assert.equal(r.extracted_contact_info.email, 'jane.doe@example.com');
            assert.equal(r.is_primary, true, 'the first résumé is the primary one');
            const md = ok(await upload(who, `# Jane Doe\n\n${TEXT}`, 'cv.md'), 201);
            assert.equal(md.file_type, 'md');
            const named = ok(await upload(who, TEXT, 'looks-like.pdf'), 201);
            assert.equal(named.file_type, 'txt', 'the type is checked by content, not by name');
            refused(await upload(who, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), 'photo.txt'), 415);
            refused(await upload(who, TEXT, 'cv.txt', 'document'), 422, 'file');
            const file = await call('GET', `/resumes/${r.id}/file`, { token: who.token });
            assert.equal(file.status, 200);
            assert.equal(file.text, TEXT);
            refused(await call('GET', `/resumes/${r.id}`, { token: bob.token }), 404);
            refused(await call('GET', `/resumes/${r.id}/file`, { token: bob.token }), 404);
            refused(await call('POST', `/resumes/${r.id}/primary`, { token: bob.token }), 404);
            refused(await call('POST', `/resumes/${r.id}/apply-skills`, { token: bob.token }), 404);
            refused(await call('DELETE', `/resumes/${r.id}`, { token: bob.token }), 404);
        });

        test('at most one primary; apply-skills merges into the profile; DELETE removes the file too', async () => {
            const who = await registerUser(srv);
            ok(await call('PATCH', '/users/me', { token: who.token, body: { skills: ['Rust'] } }));
            const a = ok(await upload(who, TEXT, 'a.txt'), 201);
            const b = ok(await upload(who, TEXT, 'b.txt'), 201);
            assert.equal(b.is_primary, false);
            assert.equal(ok(await call('POST', `/resumes/${b.id}/primary`, { token: who.token })).is_primary, true);
            const primaries = assertList(ok(await call('GET', '/resumes', { token: who.token })), 'résumés').filter((x) => x.is_primary);
            assert.deepEqual(primaries.map((x) => x.id), [b.id]);
            const applied = ok(await call('POST', `/resumes/${a.id}/apply-skills`, { token: who.token }));
            assert.ok(applied && typeof applied === 'object');
            const me = ok(await call('GET', '/users/me', { token: who.token }));
            for (const skill of ['Rust', 'Python', 'PostgreSQL', 'Docker']) assert.ok(me.skills.includes(skill), `${skill} in ${me.skills}`);
            assert.equal(me.skills.length, new Set(me.skills.map((s) => s.toLowerCase())).size, 'merged, not duplicated');
            ok(await call('DELETE', `/resumes/${a.id}`, { token: who.token }), 204);
            refused(await call('GET', `/resumes/${a.id}`, { token: who.token }), 404);
            refused(await call('GET', `/resumes/${a.id}/file`, { token: who.token }), 404);
        });
    });

    /* -------------------------------------------------------------- content */
    describe('content generation', () => {
        test('POST /content → 201, generated text, version 1; deterministic built-in output', async () => {
            const j = await job(alice, { company: 'Letter Co', title: 'Data Engineer', tech_stack: ['SQL'] });
            const res = await call('POST', '/content', { token: alice.token, body: { content_type: 'cover_letter', job_id: j.id, tone: 'professional' } });
            const c = ok(res, 201);
            assert.equal(res.headers.get('location'), `${API}/content/${c.id}`);
            assertShape(c, SHAPE.content, 'content');
            assert.equal(c.status, 'generated');
            assert.equal(c.generator, 'builtin');
            assert.ok(c.generated_content.includes('Letter Co'), 'filled from the job');
            const again = ok(await call('POST', '/content', { token: alice.token, body: { content_type: 'cover_letter', job_id: j.id, tone: 'professional' } }), 201);
            assert.equal(again.generated_content, c.generated_content, 'the same inputs give the same text');
            const got = ok(await call('GET', `/content/${c.id}`, { token: alice.token }));
            assert.equal(got.versions.length, 1);
            assertShape(got.versions[0], SHAPE.version, 'version');
            assert.equal(got.versions[0].version_number, 1);
            assert.equal(got.versions[0].content, c.generated_content);
            for (const content_type of SHAPE.content.content_type.filter((t) => t !== 'follow_up'))
                assert.equal(ok(await call('POST', '/content', { token: alice.token, body: { content_type } }), 201).content_type, content_type);
            // a follow-up is about an application that was sent (docs/decisions.md)
            const sent = await application(alice, { status: 'applied' });
            const follow = ok(await call('POST', '/content', { token: alice.token, body: { content_type: 'follow_up', job_id: sent.job_id } }), 201);
            assert.equal(follow.content_type, 'follow_up');
        });

        test('PATCH {content, change_note} → a new version; restore; own rows only; DELETE', async () => {
            const c = ok(await call('POST', '/content', { token: alice.token, body: { content_type: 'linkedin_message', tone: 'friendly' } }), 201);
            refused(await call('GET', `/content/${c.id}`, { token: bob.token }), 404);
            refused(await call('PATCH', `/content/${c.id}`, { token: bob.token, body: { content: 'x' } }), 404);
            refused(await call('POST', `/content/${c.id}/versions/1/restore`, { token: bob.token }), 404);
            refused(await call('DELETE', `/content/${c.id}`, { token: bob.token }), 404);
            const edited = ok(await call('PATCH', `/content/${c.id}`, { token: alice.token, body: { content: 'Hi! Short and sweet.', change_note: 'shorter' } }));
            assert.equal(edited.status, 'modified');
            let got = ok(await call('GET', `/content/${c.id}`, { token: alice.token }));
            assert.deepEqual(got.versions.map((v) => v.version_number), [1, 2]);
            assert.equal(got.versions[1].content, 'Hi! Short and sweet.');
            assert.equal(got.versions[1].change_note, 'shorter');
            ok(await call('POST', `/content/${c.id}/versions/1/restore`, { token: alice.token }));
            got = ok(await call('GET', `/content/${c.id}`, { token: alice.token }));
            assert.deepEqual(got.versions.map((v) => v.version_number), [1, 2, 3], 'numbers count up without gaps');
            assert.equal(got.versions[2].content, c.generated_content);
            refused(await call('POST', `/content/${c.id}/versions/9/restore`, { token: alice.token }), 404);
            refused(await call('PATCH', `/content/${c.id}`, { token: alice.token, body: { content: '' } }), 422, 'content');
            refused(await call('POST', '/content', { token: alice.token, body: { content_type: 'haiku' } }), 422, 'content_type');
            refused(await call('POST', '/content', { token: alice.token, body: { content_type: 'cover_letter', tone: 'angry' } }), 422, 'tone');
            const mine = assertList(ok(await call('GET', '/content?content_type=linkedin_message&limit=100', { token: alice.token })), 'content', 100);
            assert.ok(mine.some((x) => x.id === c.id) && mine.every((x) => x.content_type === 'linkedin_message'));
            ok(await call('DELETE', `/content/${c.id}`, { token: alice.token }), 204);
            refused(await call('GET', `/content/${c.id}`, { token: alice.token }), 404);
        });
    });

    /* -------------------------------------------------------------- resources and learning paths */
    describe('career resources and learning paths', () => {
        const newResource = (fields = {}) => ({
            slug: uniqueName('audit-res-').toLowerCase().replace(/[^a-z0-9-]/g, '-'), title: 'Audit Resource', description: 'For the audit',
            type: 'course', provider: 'Audit', url: 'https://learn.example/audit', difficulty: 'beginner', skills: ['Terraform'], ...fields,
        });

        test('GET /resources is public, paged, with the filters type, skill, difficulty, price=free, q', async () => {
            const all = assertList(ok(await call('GET', '/resources')), 'resources');
            assert.ok(all.length > 0, 'a catalogue ships with the server');
            for (const r of all) assertShape(r, SHAPE.resource, 'resource');
            const check = async (q, pred) => {
                const items = assertList(ok(await call('GET', `/resources?limit=100&${q}`)), q, 100);
                assert.ok(items.length > 0, `${q} finds something`);
                for (const r of items) assert.ok(pred(r), `${q}: ${r.slug}`);
            };
            await check('type=book', (r) => r.type === 'book');
            await check('difficulty=advanced', (r) => r.difficulty === 'advanced');
            await check('price=free', (r) => r.price === 'free');
            await check('skill=python', (r) => r.skills.some((s) => s.toLowerCase() === 'python'));
            await check('q=postgresql', (r) => JSON.stringify(r).toLowerCase().includes('postgres'));
            for (const [k, v] of [['type', 'scroll'], ['difficulty', 'expert']])
                refused(await call('GET', `/resources?${k}=${v}`), 422, k);
            const one = ok(await call('GET', `/resources/${all[0].id}`));
            assertShape(one, SHAPE.resource, 'GET /resources/{id} without a token');
            ok(await call('GET', `/resources/${all[0].id}`, { token: alice.token }));
            refused(await call('GET', '/resources/999999999'), 404);
        });

        test('bookmarks: POST (201, defaults), list, filter by status, DELETE (204)', async () => {
            const who = await registerUser(srv);
            const r = assertList(ok(await call('GET', '/resources?limit=2')), 'resources', 2)[0];
            const b = ok(await call('POST', `/resources/${r.id}/bookmark`, { token: who.token }), 201);
            assertShape(b, SHAPE.bookmark, 'bookmark');
            assert.equal(b.priority, 'medium');
            assert.equal(b.status, 'to_learn');
            assert.equal(b.progress_percentage, 0);
            assert.equal(b.resource_id, r.id);
            const again = await call('POST', `/resources/${r.id}/bookmark`, { token: who.token, body: { notes: 'soon', priority: 'high' } });
            assert.ok([200, 201, 409].includes(again.status), show(again));
            const list = assertList(ok(await call('GET', '/resources/bookmarks', { token: who.token })), 'bookmarks');
            assert.deepEqual(list.map((x) => x.resource_id), [r.id], 'one bookmark per user and resource');
            assert.equal(ok(await call('GET', '/resources/bookmarks?status=completed', { token: who.token })).total, 0);
            refused(await call('GET', '/resources/bookmarks?status=someday', { token: who.token }), 422, 'status');
            refused(await call('POST', `/resources/${r.id}/bookmark`, { token: who.token, body: { priority: 'urgent' } }), 422, 'priority');
            refused(await call('POST', '/resources/999999999/bookmark', { token: who.token }), 404);
            assert.equal(ok(await call('GET', '/resources/bookmarks', { token: bob.token })).items.filter((x) => x.user_id === who.user.id).length, 0);
            const one = ok(await call('GET', `/resources/${r.id}/bookmark`, { token: who.token }));
            assert.equal(one.id, b.id, 'the Location of the 201 reads the bookmark back');
            refused(await call('GET', `/resources/${r.id}/bookmark`, { token: bob.token }), 404);
            ok(await call('DELETE', `/resources/${r.id}/bookmark`, { token: who.token }), 204);
            assert.equal(ok(await call('GET', '/resources/bookmarks', { token: who.token })).total, 0);
            refused(await call('GET', `/resources/${r.id}/bookmark`, { token: who.token }), 404);
            refused(await call('DELETE', `/resources/${r.id}/bookmark`, { token: who.token }), 404);
        });

        test('PUT /resources/{id}/feedback: one per user, replaced; rating 1–5; the resource rating follows', async () => {
            const r = ok(await call('POST', '/resources', { token: admin.token, body: newResource() }), 201);
            assert.equal(r.rating, null);
            const one = await call('PUT', `/resources/${r.id}/feedback`, { token: alice.token, body: { is_helpful: true, rating: 5, completed: true, would_recommend: true, notes: 'great' } });
            assert.ok([200, 201].includes(one.status), show(one));
            assertShape(one.body, SHAPE.resourceFeedback, 'resource feedback');
            assert.equal(one.body.rating, 5);
            const two = ok(await call('PUT', `/resources/${r.id}/feedback`, { token: bob.token, body: { is_helpful: false, rating: 2 } }), one.status);
            assert.equal(two.completed, false, 'completed defaults to false');
            const replaced = ok(await call('PUT', `/resources/${r.id}/feedback`, { token: alice.token, body: { is_helpful: true, rating: 4 } }));
            assert.equal(replaced.id, one.body.id, 'the same row, replaced');
            assert.equal(replaced.rating, 4);
            assert.equal(ok(await call('GET', `/resources/${r.id}`)).rating, 3, 'rating derived from the feedback (mean of 4 and 2)');
            const mine = ok(await call('GET', `/resources/${r.id}/feedback`, { token: alice.token }));
            assert.equal(mine.id, one.body.id, 'the Location of the 201 reads the feedback back');
            assert.equal(mine.rating, 4);
            refused(await call('GET', `/resources/${r.id}/feedback`, { token: (await registerUser(srv)).token }), 404);
            for (const rating of [0, 6, 4.5])
                refused(await call('PUT', `/resources/${r.id}/feedback`, { token: alice.token, body: { is_helpful: true, rating } }), 422, 'rating');
            refused(await call('PUT', `/resources/${r.id}/feedback`, { token: alice.token, body: { rating: 3 } }), 422, 'is_helpful');
            refused(await call('PUT', '/resources/999999999/feedback', { token: alice.token, body: { is_helpful: true } }), 404);
        });

        test('GET /resources/recommended: for the user\'s missing skills', async () => {
            const who = await registerUser(srv);
            ok(await call('PATCH', '/users/me', { token: who.token, body: { skills: ['Python'] } }));
            await job(who, { tech_stack: ['Python', 'Kubernetes'] });
            const items = assertList(ok(await call('GET', '/resources/recommended', { token: who.token })), 'recommended');
            assert.ok(items.length > 0);
            assert.ok(items.some((r) => r.skills.some((s) => s.toLowerCase() === 'kubernetes')), 'a resource for the missing skill');
        });

        test('admins create, edit and delete resources; others 403; slug unique', async () => {
            const body = newResource();
            refused(await call('POST', '/resources', { token: alice.token, body }), 403);
            const res = await call('POST', '/resources', { token: admin.token, body });
            const r = ok(res, 201);
            assert.equal(res.headers.get('location'), `${API}/resources/${r.id}`);
            assertShape(r, SHAPE.resource, 'resource');
            assert.equal(r.is_active, true);
            refused(await call('POST', '/resources', { token: admin.token, body }), 409);
            for (const [k, v] of [['type', 'scroll'], ['difficulty', 'expert'], ['title', '']])
                refused(await call('POST', '/resources', { token: admin.token, body: { ...newResource(), [k]: v } }), 422, k);
            for (const k of ['title', 'description', 'type', 'provider', 'url', 'difficulty']) {
                const partial = newResource();
                delete partial[k];
                refused(await call('POST', '/resources', { token: admin.token, body: partial }), 422, k);
            }
            refused(await call('PATCH', `/resources/${r.id}`, { token: alice.token, body: { title: 'x' } }), 403);
            assert.equal(ok(await call('PATCH', `/resources/${r.id}`, { token: admin.token, body: { title: 'Renamed' } })).title, 'Renamed');
            refused(await call('DELETE', `/resources/${r.id}`, { token: alice.token }), 403);
            ok(await call('DELETE', `/resources/${r.id}`, { token: admin.token }), 204);
            refused(await call('GET', `/resources/${r.id}`), 404);
        });

        test('learning paths: public list, enroll (201), progress computed, enrolled list, unenroll (204)', async () => {
            const who = await registerUser(srv);
            const paths = assertList(ok(await call('GET', '/learning-paths')), 'learning paths');
            assert.ok(paths.length > 0);
            for (const p of paths) assertShape(p, SHAPE.path, 'path');
            const p = ok(await call('GET', `/learning-paths/${paths[0].id}`));
            assertShape(p, SHAPE.path, 'GET path');
            refused(await call('GET', '/learning-paths/999999999'), 404);
            const res = await call('POST', `/learning-paths/${p.id}/enroll`, { token: who.token });
            const e = ok(res, 201);
            assertShape(e, SHAPE.enrollment, 'enrollment');
            assert.equal(e.status, 'active');
            assert.equal(e.progress_percentage, 0);
            assert.deepEqual(e.completed_resource_ids, []);
            const again = await call('POST', `/learning-paths/${p.id}/enroll`, { token: who.token });
            assert.ok([200, 409].includes(again.status), show(again));
            const half = p.resource_ids.slice(0, Math.floor(p.resource_ids.length / 2));
            const partial = ok(await call('PATCH', `/learning-paths/${p.id}/progress`, { token: who.token, body: { completed_resource_ids: half } }));
            assert.deepEqual([...partial.completed_resource_ids].sort(), [...half].sort());
            assert.equal(partial.progress_percentage, Math.floor((half.length * 100) / p.resource_ids.length));
            assert.equal(partial.status, 'active');
            const full = ok(await call('PATCH', `/learning-paths/${p.id}/progress`, { token: who.token, body: { completed_resource_ids: p.resource_ids } }));
            assert.equal(full.progress_percentage, 100);
            assert.equal(full.status, 'completed');
            assert.match(full.completed_at, TS);
            refused(await call('PATCH', `/learning-paths/${p.id}/progress`, { token: who.token, body: { completed_resource_ids: 'all' } }), 422, 'completed_resource_ids');
            refused(await call('PATCH', `/learning-paths/${p.id}/progress`, { token: bob.token, body: { completed_resource_ids: [] } }), 404);
            const enrolled = assertList(ok(await call('GET', '/learning-paths/enrolled', { token: who.token })), 'enrolled');
            assert.deepEqual(enrolled.map((x) => x.learning_path_id), [p.id]);
            ok(await call('DELETE', `/learning-paths/${p.id}/enroll`, { token: who.token }), 204);
            assert.equal(ok(await call('GET', '/learning-paths/enrolled', { token: who.token })).total, 0);
            refused(await call('POST', '/learning-paths/999999999/enroll', { token: who.token }), 404);
        });

        test('admins create and edit paths (name unique, resource_ids existing); others 403', async () => {
            const ids = assertList(ok(await call('GET', '/resources?limit=3')), 'r', 3).map((r) => r.id);
            const body = { name: uniqueName('Audit path '), description: 'A path', difficulty: 'beginner', resource_ids: ids, skills: ['SQL'], milestones: [{ week: 1, title: 'Start' }] };
            refused(await call('POST', '/learning-paths', { token: alice.token, body }), 403);
            const res = await call('POST', '/learning-paths', { token: admin.token, body });
            const p = ok(res, 201);
            assert.equal(res.headers.get('location'), `${API}/learning-paths/${p.id}`);
            assertShape(p, SHAPE.path, 'path');
            assert.deepEqual(p.resource_ids, ids, 'ordered as given');
            assert.deepEqual(p.milestones, [{ week: 1, title: 'Start' }]);
            assert.equal(p.created_by_user_id, admin.user.id);
            refused(await call('POST', '/learning-paths', { token: admin.token, body }), 409);
            refused(await call('POST', '/learning-paths', { token: admin.token, body: { ...body, name: uniqueName('p'), resource_ids: [999999999] } }), 422, 'resource_ids');
            refused(await call('POST', '/learning-paths', { token: admin.token, body: { ...body, name: uniqueName('p'), description: undefined } }), 422, 'description');
            refused(await call('PATCH', `/learning-paths/${p.id}`, { token: alice.token, body: { description: 'x' } }), 403);
            assert.equal(ok(await call('PATCH', `/learning-paths/${p.id}`, { token: admin.token, body: { description: 'Edited' } })).description, 'Edited');
        });
    });

    /* -------------------------------------------------------------- admin */
    describe('admin', () => {
        test('GET/PATCH/DELETE /admin/users: only is_admin users (403 otherwise)', async () => {
            const who = await registerUser(srv);
            refused(await call('GET', '/admin/users', { token: who.token }), 403);
            refused(await call('PATCH', `/admin/users/${who.user.id}`, { token: who.token, body: { is_admin: true } }), 403);
            refused(await call('DELETE', `/admin/users/${bob.user.id}`, { token: who.token }), 403);
            const users = assertList(ok(await call('GET', '/admin/users?limit=100', { token: admin.token })), 'users', 100);
            for (const u of users) {
                assertShape(u, SHAPE.user, 'admin user');
                assert.ok(!('hashed_password' in u));
            }
            // filters by column and q, as every list
            const found = assertList(ok(await call('GET', `/admin/users?q=${encodeURIComponent(who.username.toUpperCase())}`, { token: admin.token })), 'q');
            assert.deepEqual(found.map((u) => u.id), [who.user.id]);
            assert.deepEqual(ok(await call('GET', `/admin/users?username=${who.username}`, { token: admin.token })).items.map((u) => u.id), [who.user.id]);
            assert.ok(ok(await call('GET', '/admin/users?is_admin=true&limit=100', { token: admin.token })).items.every((u) => u.is_admin));
            const promoted = ok(await call('PATCH', `/admin/users/${who.user.id}`, { token: admin.token, body: { is_admin: true } }));
            assert.equal(promoted.is_admin, true);
            ok(await call('GET', '/admin/users', { token: who.token }));
            refused(await call('PATCH', `/admin/users/${who.user.id}`, { token: admin.token, body: { is_admin: 'yes' } }), 422, 'is_admin');
            refused(await call('PATCH', `/admin/users/${who.user.id}`, { token: admin.token, body: { email: 'x@example.com' } }), 422, 'email');
            refused(await call('PATCH', '/admin/users/999999999', { token: admin.token, body: { is_admin: true } }), 404);
            assert.equal(ok(await call('PATCH', `/admin/users/${who.user.id}`, { token: admin.token, body: { is_admin: false } })).is_admin, false);
            refused(await call('GET', '/admin/users', { token: who.token }), 403);
            refused(await call('DELETE', '/admin/users/999999999', { token: admin.token }), 404);
        });

        test('deleting a user: owned rows go, authored feedback, analytics and learning paths stay with a null author', async () => {
            const gone = await registerUser(srv);
            ok(await call('PATCH', `/admin/users/${gone.user.id}`, { token: admin.token, body: { is_admin: true } }));
            const a = await application(gone, { status: 'applied' });
            const f = ok(await call('POST', '/feedback', { token: gone.token, body: { type: 'general', title: 'Bye', description: 'd' } }), 201);
            const snap = ok(await call('POST', '/analytics/snapshots', { token: gone.token }), 201);
            const p = ok(await call('POST', '/learning-paths', { token: gone.token, body: { name: uniqueName('Orphan path '), description: 'd', difficulty: 'beginner' } }), 201);
            ok(await call('DELETE', `/admin/users/${gone.user.id}`, { token: admin.token }), 204);
            refused(await call('GET', '/users/me', { token: gone.token }), 401);
            refused(await call('POST', '/auth/login', { body: { username: gone.username, password: PASSWORD } }), 401);
            const kept = ok(await call('GET', `/feedback/${f.id}`, { token: admin.token }));
            assert.equal(kept.user_id, null, 'feedback outlives its author');
            assert.equal(ok(await call('GET', `/learning-paths/${p.id}`)).created_by_user_id, null, 'the path outlives its author');
            // what the API cannot show any more, read in the database
            assert.deepEqual(sqlRows(srv.dbUrl, `SELECT coalesce(user_id, -1) FROM analytics WHERE id = ${snap.id}`), [['-1']],
                'the analytics row outlives its user');
            assert.deepEqual(sqlRows(srv.dbUrl, `SELECT id FROM jobs WHERE user_id = ${gone.user.id} UNION ALL SELECT id FROM applications WHERE id = ${a.id}`), []);
        });
    });

    /* -------------------------------------------------------------- part E: concurrency */
    describe('part E: ETag and If-Match', () => {
        test('GET of one object returns ETag; PATCH/PUT/DELETE with a stale If-Match → 412 precondition_failed', async () => {
            const who = await registerUser(srv);
            const a = await application(who);
            const contact = ok(await call('POST', '/contacts', { token: who.token, body: { name: 'Etag Person' } }), 201);
            const task = ok(await call('POST', '/tasks', { token: who.token, body: { title: 'Etag task' } }), 201);
            const fb = ok(await call('POST', '/feedback', { token: who.token, body: { type: 'general', title: 'Etag', description: 'd' } }), 201);
            const objects = [
                [`/jobs/${a.job_id}`, { notes: 'one' }, { notes: 'two' }],
                [`/applications/${a.id}`, { notes: 'one' }, { notes: 'two' }],
                [`/contacts/${contact.id}`, { notes: 'one' }, { notes: 'two' }],
                [`/tasks/${task.id}`, { notes: 'one' }, { notes: 'two' }],
                [`/feedback/${fb.id}`, { description: 'one' }, { description: 'two' }],
                ['/users/me', { daily_application_goal: 3 }, { daily_application_goal: 4 }],
            ];
            for (const [path, first, second] of objects) {
                const read = await call('GET', path, { token: who.token });
                ok(read);
                const tag = read.headers.get('etag');
                assert.match(tag || '', /^(W\/)?".+"$/, `${path}: ETag`);
                const written = await call('PATCH', path, { token: who.token, body: first, headers: { 'if-match': tag } });
                ok(written);
                const fresh = (await call('GET', path, { token: who.token })).headers.get('etag');
                assert.notEqual(fresh, tag, `${path}: the version changes on every write`);
                const stale = refused(await call('PATCH', path, { token: who.token, body: second, headers: { 'if-match': tag } }), 412);
                assert.equal(stale.code, 'precondition_failed');
                const current = ok(await call('GET', path, { token: who.token }));
                for (const [k, v] of Object.entries(first)) assert.equal(current[k], v, `${path}: nothing written`);
                ok(await call('PATCH', path, { token: who.token, body: second }), 200); // without If-Match the last write wins
            }
            // the other kinds of object: a stale If-Match on PATCH/PUT/DELETE is 412, nothing written
            const content = ok(await call('POST', '/content', { token: who.token, body: { content_type: 'cover_letter' } }), 201);
            const interview = ok(await call('POST', '/interviews', { token: who.token, body: { interview_type: 'general', total_questions: 1 } }), 201);
            const source = ok(await call('POST', '/job-sources', { token: who.token, body: { kind: 'lever', identifier: uniqueName('etag') } }), 201);
            const snap = ok(await call('POST', '/analytics/snapshots', { token: who.token }), 201);
            const form = new FormData();
            form.append('file', new Blob(['Jane Doe\njane@example.com\n\nSkills\nPython\n']), 'cv.txt');
            const resume = ok(await call('POST', '/resumes', { token: who.token, raw: form }), 201);
            const resource = ok(await call('POST', '/resources', { token: admin.token, body: {
                slug: uniqueName('etag-').toLowerCase().replace(/[^a-z0-9-]/g, '-'), title: 'T', description: 'D', type: 'book', provider: 'P', url: 'https://x.example/b', difficulty: 'beginner',
            } }), 201);
            const lpath = ok(await call('POST', '/learning-paths', { token: admin.token, body: { name: uniqueName('Etag path '), description: 'd', difficulty: 'beginner' } }), 201);
            ok(await call('PUT', '/users/me/preferences', { token: who.token, body: { keywords: ['c'] } }));
            const writes = [
                [who, `/content/${content.id}`, 'PATCH', { content: 'Edited' }],
                [who, `/interviews/${interview.id}`, 'DELETE'],
                [who, `/job-sources/${source.id}`, 'PATCH', { enabled: false }],
                [who, `/analytics/snapshots/${snap.id}`, 'DELETE'],
                [who, `/resumes/${resume.id}`, 'DELETE'],
                [who, '/users/me/preferences', 'PUT', { keywords: ['go'] }],
                [admin, `/resources/${resource.id}`, 'PATCH', { title: 'Renamed' }],
                [admin, `/learning-paths/${lpath.id}`, 'PATCH', { description: 'Edited' }],
            ];
            for (const [owner, path, method, body] of writes) {
                const tag = (await call('GET', path, { token: owner.token })).headers.get('etag');
                assert.ok(tag, `${path}: ETag`);
                const stale = tag.replace(/"(\d+)"/, (all, n) => `"${Number(n) + 7}"`);
                refused(await call(method, path, { token: owner.token, body, headers: { 'if-match': stale } }), 412);
                const res = await call(method, path, { token: owner.token, body, headers: { 'if-match': tag } });
                assert.ok([200, 204].includes(res.status), show(res));
            }
            const j = await job(who);
            const tag = (await call('GET', `/jobs/${j.id}`, { token: who.token })).headers.get('etag');
            ok(await call('PATCH', `/jobs/${j.id}`, { token: who.token, body: { notes: 'moved on' } }));
            refused(await call('PUT', `/jobs/${j.id}`, { token: who.token, body: { company: j.company, title: j.title }, headers: { 'if-match': tag } }), 412);
            refused(await call('DELETE', `/jobs/${j.id}`, { token: who.token, headers: { 'if-match': tag } }), 412);
            ok(await call('GET', `/jobs/${j.id}`, { token: who.token }));
            const now = (await call('GET', `/jobs/${j.id}`, { token: who.token })).headers.get('etag');
            ok(await call('DELETE', `/jobs/${j.id}`, { token: who.token, headers: { 'if-match': now } }), 204);
        });
    });

    /* -------------------------------------------------------------- part E: calendar */
    describe('part E: calendar', () => {
        test('GET /calendar?from&to → {events: [{type, date, datetime, title, application_id, job_id, task_id}]}', async () => {
            const who = await registerUser(srv);
            const a = await application(who, { status: 'applied', follow_up_date: today(3) }, { company: 'Cal Co', title: 'Cal Engineer' });
            const task = ok(await call('POST', '/tasks', { token: who.token, body: { title: 'Send portfolio', due_date: today(5), application_id: a.id } }), 201);
            ok(await call('POST', '/tasks', { token: who.token, body: { title: 'Undated' } }), 201);
            const iv = await application(who, { status: 'applied' });
            ok(await call('PATCH', `/applications/${iv.id}`, { token: who.token, body: { status: 'interview' } }));
            const body = ok(await call('GET', `/calendar?from=${today(-1)}&to=${today(10)}`, { token: who.token }));
            assert.ok(Array.isArray(body.events));
            for (const ev of body.events) {
                assertShape(ev, {
                    type: ['follow_up', 'interview', 'offer', 'task'], date: 'date', datetime: 'ts?', title: 'text',
                    application_id: 'int?', job_id: 'int?', task_id: 'int?',
                }, 'event');
            }
            const follow = body.events.find((e) => e.type === 'follow_up');
            assert.deepEqual([follow.date, follow.datetime, follow.application_id, follow.job_id, follow.task_id], [today(3), null, a.id, a.job_id, null]);
            const t = body.events.find((e) => e.type === 'task');
            assert.deepEqual([t.date, t.task_id], [today(5), task.id]);
            const interview = body.events.find((e) => e.type === 'interview');
            assert.equal(interview.application_id, iv.id);
            assert.match(interview.datetime, TS);
            assert.equal(interview.date, interview.datetime.slice(0, 10));
            assert.equal(body.events.filter((e) => e.type === 'task').length, 1, 'only tasks with a due date');
            assert.equal(ok(await call('GET', `/calendar?from=${today(-1)}&to=${today(10)}`, { token: bob.token })).events.filter((e) => e.application_id === a.id).length, 0);
            ok(await call('GET', '/calendar?from=2024-01-01&to=2024-12-31', { token: who.token })); // 366 days
            refused(await call('GET', '/calendar?from=2025-01-01&to=2026-01-02', { token: who.token }), 422);
            refused(await call('GET', `/calendar?from=${today()}&to=${today(-1)}`, { token: who.token }), 422);
            refused(await call('GET', '/calendar?from=2025-13-01&to=2025-12-31', { token: who.token }), 422, 'from');
        });

        test('POST /calendar/feed → {url}; GET /calendar.ics?token (no bearer) → RFC 5545; rotation and DELETE revoke', async () => {
            const who = await registerUser(srv);
            const a = await application(who, { status: 'applied', follow_up_date: today(2) }, {
                company: 'Feed, Inc; "Quoted"', title: `A very long job title that makes the summary line longer than seventy-five octets ${'x'.repeat(40)}`,
            });
            const feed = ok(await call('POST', '/calendar/feed', { token: who.token }), 201);
            const url = new URL(feed.url);
            assert.equal(url.pathname, `${API}/calendar.ics`);
            const token = url.searchParams.get('token');
            assert.ok(token && Buffer.from(token, 'base64url').length >= 32, 'a 256-bit token');
            const ics = await call('GET', `/calendar.ics?token=${encodeURIComponent(token)}`);
            assert.equal(ics.status, 200);
            assert.match(ics.headers.get('content-type'), /^text\/calendar/);
            const text = ics.text;
            assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n') && text.endsWith('END:VCALENDAR\r\n'));
            assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
            for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded at 75 octets: ${line}`);
            const unfolded = text.replace(/\r\n[ \t]/g, '');
            const events = unfolded.split('BEGIN:VEVENT').slice(1);
            assert.equal(events.length, 1);
            const ev = events[0];
            assert.match(ev, /\r\nUID:[^\r]+\r\n/);
            assert.match(ev, /\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
            assert.match(ev, new RegExp(`\\r\\nDTSTART;VALUE=DATE:${today(2).replaceAll('-', '')}\\r\\n`));
            assert.match(ev, /\r\nSUMMARY:[^\r]*Feed\\, Inc\\; "Quoted"/, 'text escaped (comma, semicolon)');
            assert.match(ev, /\r\n(URL|DESCRIPTION)[:;][^\r]*http/);
            const uid = ev.match(/\r\nUID:([^\r]+)\r\n/)[1];
            const again = (await call('GET', `/calendar.ics?token=${encodeURIComponent(token)}`)).text;
            assert.ok(again.replace(/\r\n[ \t]/g, '').includes(`UID:${uid}\r\n`), 'a stable UID');
            assert.ok(a);
            refused(await call('GET', `/calendar.ics?token=${'A'.repeat(43)}`), 404);
            refused(await call('GET', '/calendar.ics'), 404);
            const rotated = ok(await call('POST', '/calendar/feed', { token: who.token }), 201);
            assert.notEqual(rotated.url, feed.url);
            refused(await call('GET', `/calendar.ics?token=${encodeURIComponent(token)}`), 404);
            const fresh = new URL(rotated.url).searchParams.get('token');
            assert.equal((await call('GET', `/calendar.ics?token=${encodeURIComponent(fresh)}`)).status, 200);
            refused(await call('GET', '/users/me', { token: fresh }), 401, undefined);
            ok(await call('DELETE', '/calendar/feed', { token: who.token }), 204);
            refused(await call('GET', `/calendar.ics?token=${encodeURIComponent(fresh)}`), 404);
        });
    });

    /* -------------------------------------------------------------- part E: capture */
    describe('part E: capture a posting', () => {
        const JSONLD = (posting) => `<html><head><title>Ignored</title><script type="application/ld+json">${JSON.stringify(posting)}</script></head><body></body></html>`;

        test('JSON-LD JobPosting (also in @graph): fields, remote, description as text; missing', async () => {
            const html = JSONLD({ '@context': 'https://schema.org', '@graph': [{ '@type': 'Organization', name: 'x' }, {
                '@type': 'JobPosting', title: 'Data Engineer', hiringOrganization: { '@type': 'Organization', name: 'Globex' },
                jobLocationType: 'TELECOMMUTE', employmentType: 'FULL_TIME', datePosted: '2026-11-01',
                description: '<p>Build &amp; run <b>pipelines</b></p>',
                baseSalary: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 100000, maxValue: 150000, unitText: 'YEAR' } },
            }] });
            const body = ok(await call('POST', '/jobs/capture', { token: alice.token, body: { url: 'https://careers.globex.example/jobs/1', html } }));
            assert.equal(body.extracted_from, 'json-ld');
            assert.ok(Array.isArray(body.missing));
            const j = body.job;
            assert.equal(j.title, 'Data Engineer');
            assert.equal(j.company, 'Globex');
            assert.equal(j.remote_option, 'remote');
            assert.equal(j.job_type, 'full-time');
            assert.equal(j.salary_min, 100000);
            assert.equal(j.salary_max, 150000);
            assert.equal(j.currency, 'USD');
            assert.ok(j.description.includes('Build & run pipelines'), `tags stripped, entities decoded: ${j.description}`);
            assert.ok(!/[<>]/.test(j.description));
            const arr = JSONLD([{ '@type': 'JobPosting', title: 'In An Array', hiringOrganization: { name: 'Arr Co' } }]);
            const inArray = ok(await call('POST', '/jobs/capture', { token: alice.token, body: { url: 'https://arr.example/j', html: arr } }));
            assert.deepEqual([inArray.job.title, inArray.job.company], ['In An Array', 'Arr Co']);
            assert.ok(inArray.missing.includes('location'));
        });

        test('microdata, then Open Graph, then <title>', async () => {
            const micro = '<html><body><div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Micro Engineer</h1>'
                + '<div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Micro Co</span></div></div></body></html>';
            const m = ok(await call('POST', '/jobs/capture', { token: alice.token, body: { url: 'https://micro.example/j/1', html: micro } }));
            assert.equal(m.extracted_from, 'microdata');
            assert.equal(m.job.title, 'Micro Engineer');
            assert.equal(m.job.company, 'Micro Co');
            const og = '<html><head><meta property="og:title" content="OG Engineer"><meta property="og:site_name" content="OG Co"><title>t</title></head></html>';
            assert.equal(ok(await call('POST', '/jobs/capture', { token: alice.token, body: { url: 'https://og.example/j/1', html: og } })).extracted_from, 'opengraph');
            const title = ok(await call('POST', '/jobs/capture', { token: alice.token, body: { url: 'https://t.example/j/1', html: '<html><head><title>Title Engineer</title></head></html>' } }));
            assert.equal(title.extracted_from, 'title');
            assert.ok(title.job.title.includes('Title Engineer'));
        });

        test('?save=true creates it like POST /jobs (201, source_url, source), again → 409 with existing_id', async () => {
            const who = await registerUser(srv);
            const html = JSONLD({ '@type': 'JobPosting', title: 'Saved Engineer', hiringOrganization: { name: 'Saved Co' }, jobLocation: { '@type': 'Place', address: { addressLocality: 'Lisbon' } } });
            const url = 'https://www.linkedin.com/jobs/view/123456';
            const res = await call('POST', '/jobs/capture?save=true', { token: who.token, body: { url, html } });
            const saved = ok(res, 201);
            const j = saved.job || saved;
            assertShape(j, SHAPE.job, 'captured job');
            assert.equal(j.source_url, url);
            assert.equal(j.source, 'linkedin', 'the board\'s name when known');
            assert.equal(res.headers.get('location'), `${API}/jobs/${j.id}`);
            const dup = refused(await call('POST', '/jobs/capture?save=true', { token: who.token, body: { url, html } }), 409);
            assert.equal(dup.existing_id, j.id);
            const other = ok(await call('POST', '/jobs/capture?save=true', { token: who.token, body: {
                url: 'https://jobs.example.org/42', html: JSONLD({ '@type': 'JobPosting', title: 'Other Engineer', hiringOrganization: { name: 'Other Co' } }),
            } }), 201);
            assert.equal((other.job || other).source, 'other');
        });

        test('the server fetches url itself: http/https only, never loopback/private/link-local', async () => {
            for (const url of ['http://127.0.0.1:1/job', 'http://10.0.0.1/job', 'http://169.254.169.254/latest', 'http://[::1]/job', 'http://192.168.1.1/'])
                refused(await call('POST', '/jobs/capture', { token: alice.token, body: { url } }), 422, 'url');
            for (const url of ['ftp://example.com/job', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'])
                refused(await call('POST', '/jobs/capture', { token: alice.token, body: { url } }), 422, 'url');
            refused(await call('POST', '/jobs/capture', { token: alice.token, body: {} }), 422, 'url');
        });
    });

    /* -------------------------------------------------------------- part E: contacts and tasks */
    describe('part E: contacts and tasks', () => {
        test('contacts CRUD: name 1–200, every column, q, own rows only', async () => {
            const who = await registerUser(srv);
            const full = { name: 'Rita Recruiter', email: 'rita@acme.example', phone: '+1 555 0100', company: 'Acme', role: 'Recruiter', linkedin_url: 'https://www.linkedin.com/in/rita', notes: 'met at a fair' };
            const res = await call('POST', '/contacts', { token: who.token, body: full });
            const c = ok(res, 201);
            assertShape(c, SHAPE.contact, 'contact');
            for (const [k, v] of Object.entries(full)) assert.equal(c[k], v, k);
            ok(await call('POST', '/contacts', { token: who.token, body: { name: 'n'.repeat(200) } }), 201);
            refused(await call('POST', '/contacts', { token: who.token, body: { name: 'n'.repeat(201) } }), 422, 'name');
            refused(await call('POST', '/contacts', { token: who.token, body: { name: '' } }), 422, 'name');
            refused(await call('POST', '/contacts', { token: who.token, body: {} }), 422, 'name');
            await call('POST', '/contacts', { token: who.token, body: { name: 'Hank Hiring', company: 'Globex' } });
            const found = assertList(ok(await call('GET', '/contacts?q=rita', { token: who.token })), 'contacts');
            assert.deepEqual(found.map((x) => x.id), [c.id]);
            const sorted = ok(await call('GET', '/contacts?sort=name&limit=100', { token: who.token })).items.map((x) => x.name);
            assert.deepEqual(sorted, [...sorted].sort(), 'text sorts compare bytewise (docs/decisions.md)');
            refused(await call('GET', `/contacts/${c.id}`, { token: bob.token }), 404);
            refused(await call('PATCH', `/contacts/${c.id}`, { token: bob.token, body: { notes: 'x' } }), 404);
            refused(await call('DELETE', `/contacts/${c.id}`, { token: bob.token }), 404);
            assert.equal(ok(await call('PATCH', `/contacts/${c.id}`, { token: who.token, body: { role: 'Head of Talent' } })).role, 'Head of Talent');
            ok(await call('DELETE', `/contacts/${c.id}`, { token: who.token }), 204);
            refused(await call('GET', `/contacts/${c.id}`, { token: who.token }), 404);
        });

        test('application contacts: link {contact_id, relation}, list, unlink; same user only; cascades', async () => {
            const who = await registerUser(srv);
            const a = await application(who);
            const c = ok(await call('POST', '/contacts', { token: who.token, body: { name: 'Ivan Interviewer' } }), 201);
            const theirs = ok(await call('POST', '/contacts', { token: bob.token, body: { name: 'Not Yours' } }), 201);
            const link = ok(await call('POST', `/applications/${a.id}/contacts`, { token: who.token, body: { contact_id: c.id, relation: 'interviewer' } }), 201);
            assert.equal(link.relation, 'interviewer');
            refused(await call('POST', `/applications/${a.id}/contacts`, { token: who.token, body: { contact_id: c.id, relation: 'friend' } }), 422, 'relation');
            refused(await call('POST', `/applications/${a.id}/contacts`, { token: who.token, body: { contact_id: theirs.id, relation: 'other' } }), 404);
            refused(await call('POST', `/applications/${a.id}/contacts`, { token: bob.token, body: { contact_id: theirs.id, relation: 'other' } }), 404);
            refused(await call('GET', `/applications/${a.id}/contacts`, { token: bob.token }), 404);
            const listed = ok(await call('GET', `/applications/${a.id}/contacts`, { token: who.token }));
            const items = Array.isArray(listed) ? listed : listed.items;
            assert.deepEqual(items.map((x) => [x.id ?? x.contact_id, x.relation]), [[c.id, 'interviewer']]);
            ok(await call('DELETE', `/applications/${a.id}/contacts/${c.id}`, { token: who.token }), 204);
            refused(await call('DELETE', `/applications/${a.id}/contacts/${c.id}`, { token: who.token }), 404);
            ok(await call('POST', `/applications/${a.id}/contacts`, { token: who.token, body: { contact_id: c.id, relation: 'recruiter' } }), 201);
            ok(await call('DELETE', `/contacts/${c.id}`, { token: who.token }), 204);
            const after = ok(await call('GET', `/applications/${a.id}/contacts`, { token: who.token }));
            assert.equal((Array.isArray(after) ? after : after.items).length, 0, 'the link goes with the contact');
        });

        test('tasks CRUD: title 1–300, priority default normal, done, filters done/due_before/application_id/job_id, q', async () => {
            const who = await registerUser(srv);
            const a = await application(who);
            const j = await job(who);
            const res = await call('POST', '/tasks', { token: who.token, body: { title: 'Prepare portfolio', due_date: today(1), application_id: a.id, notes: 'pdf' } });
            const t = ok(res, 201);
            assertShape(t, SHAPE.task, 'task');
            assert.equal(t.priority, 'normal');
            assert.equal(t.done_at, null);
            const jt = ok(await call('POST', '/tasks', { token: who.token, body: { title: 'Research company', due_date: today(10), job_id: j.id, priority: 'high' } }), 201);
            const free = ok(await call('POST', '/tasks', { token: who.token, body: { title: 'Update profile' } }), 201);
            ok(await call('POST', '/tasks', { token: who.token, body: { title: 't'.repeat(300) } }), 201);
            refused(await call('POST', '/tasks', { token: who.token, body: { title: 't'.repeat(301) } }), 422, 'title');
            refused(await call('POST', '/tasks', { token: who.token, body: { title: '' } }), 422, 'title');
            refused(await call('POST', '/tasks', { token: who.token, body: { title: 'x', priority: 'urgent' } }), 422, 'priority');
            refused(await call('POST', '/tasks', { token: who.token, body: { title: 'x', due_date: '2025-02-30' } }), 422, 'due_date');
            refused(await call('POST', '/tasks', { token: bob.token, body: { title: 'x', application_id: a.id } }), 404);
            refused(await call('POST', '/tasks', { token: bob.token, body: { title: 'x', job_id: j.id } }), 404);
            const ids = async (q) => ok(await call('GET', `/tasks?limit=100&${q}`, { token: who.token })).items.map((x) => x.id).sort((x, y) => x - y);
            assert.deepEqual(await ids(`application_id=${a.id}`), [t.id]);
            assert.ok((await ids(`job_id=${j.id}`)).includes(jt.id));
            assert.deepEqual(await ids(`due_before=${today(5)}`), [t.id]);
            assert.deepEqual(await ids('q=portfolio'), [t.id]);
            const done = ok(await call('PATCH', `/tasks/${free.id}`, { token: who.token, body: { done: true } }));
            assert.match(done.done_at, TS);
            assert.deepEqual(await ids('done=true'), [free.id]);
            assert.ok(!(await ids('done=false')).includes(free.id));
            refused(await call('GET', '/tasks?done=maybe', { token: who.token }), 422, 'done');
            refused(await call('GET', `/tasks/${t.id}`, { token: bob.token }), 404);
            ok(await call('DELETE', `/applications/${a.id}`, { token: who.token }), 204);
            refused(await call('GET', `/tasks/${t.id}`, { token: who.token }), 404, undefined);
            ok(await call('DELETE', `/jobs/${j.id}`, { token: who.token }), 204);
            refused(await call('GET', `/tasks/${jt.id}`, { token: who.token }), 404, undefined);
            ok(await call('DELETE', `/tasks/${free.id}`, { token: who.token }), 204);
        });
    });

    /* -------------------------------------------------------------- part E: discovery */
    describe('part E: job sources', () => {
        test('/job-sources CRUD; unique (kind, identifier); POST /{id}/fetch → {created, duplicates, errors}', async () => {
            const who = await registerUser(srv);
            const res = await call('POST', '/job-sources', { token: who.token, body: { kind: 'greenhouse', identifier: 'auditco', name: 'Audit Co' } });
            const s = ok(res, 201);
            assertShape(s, SHAPE.jobSource, 'job source');
            assert.equal(s.enabled, true);
            refused(await call('POST', '/job-sources', { token: who.token, body: { kind: 'greenhouse', identifier: 'auditco' } }), 409);
            ok(await call('POST', '/job-sources', { token: bob.token, body: { kind: 'greenhouse', identifier: 'auditco' } }), 201);
            refused(await call('POST', '/job-sources', { token: who.token, body: { kind: 'workday', identifier: 'x' } }), 422, 'kind');
            refused(await call('POST', '/job-sources', { token: who.token, body: { kind: 'lever' } }), 422, 'identifier');
            refused(await call('GET', `/job-sources/${s.id}`, { token: bob.token }), 404);
            refused(await call('POST', `/job-sources/${s.id}/fetch`, { token: bob.token }), 404);
            const first = ok(await call('POST', `/job-sources/${s.id}/fetch`, { token: who.token }));
            assert.deepEqual([first.created, first.duplicates, first.errors.length], [2, 0, 0], JSON.stringify(first));
            const second = ok(await call('POST', `/job-sources/${s.id}/fetch`, { token: who.token }));
            assert.deepEqual([second.created, second.duplicates], [0, 2], 'the same de-duplication as POST /jobs');
            const jobs = ok(await call('GET', '/jobs?limit=100', { token: who.token })).items;
            assert.equal(jobs.length, 2);
            assert.ok(jobs.every((x) => x.source === 'api'), 'source api for the boards');
            assert.match(ok(await call('GET', `/job-sources/${s.id}`, { token: who.token })).last_fetched_at, TS);
            assert.equal(ok(await call('PATCH', `/job-sources/${s.id}`, { token: who.token, body: { enabled: false } })).enabled, false);
            assertList(ok(await call('GET', '/job-sources', { token: who.token })), 'job sources');
            ok(await call('DELETE', `/job-sources/${s.id}`, { token: who.token }), 204);
            refused(await call('GET', `/job-sources/${s.id}`, { token: who.token }), 404);
        });
    });

    /* -------------------------------------------------------------- part E: responses */
    describe('part E: responses of the page and the API', () => {
        test('HTML: a Content-Security-Policy with no inline script and frame-ancestors \'none\'', async () => {
            const capture = await call('GET', '/capture'); // the bookmarklet's page (part E)
            assert.equal(capture.status, 200);
            assert.match(capture.headers.get('content-type'), /^text\/html/);
            assert.match(capture.headers.get('content-security-policy') || '', /frame-ancestors 'none'/);
            const page = await call('GET', '/');
            assert.equal(page.status, 200);
            const csp = page.headers.get('content-security-policy') || '';
            assert.match(csp, /frame-ancestors 'none'/);
            const script = (csp.match(/script-src ([^;]*)/) || csp.match(/default-src ([^;]*)/) || [])[1] || '';
            assert.ok(script && !script.includes("'unsafe-inline'"), `no inline script: ${csp}`);
            assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i.test(page.text), 'the page itself has no inline script');
        });

        test('static files: gzip when accepted, ETag + 304', async () => {
            const page = await call('GET', '/', { headers: { 'accept-encoding': 'gzip' } });
            const tag = page.headers.get('etag');
            assert.ok(tag, 'ETag');
            const again = await call('GET', '/', { headers: { 'if-none-match': tag, 'accept-encoding': 'gzip' } });
            assert.equal(again.status, 304);
            const script = page.text.match(/src="([^"]+\.js)"/);
            assert.ok(script, 'the page loads a script');
            const raw = await fetch(srv.base + script[1], { headers: { 'accept-encoding': 'gzip' } });
            await raw.arrayBuffer();
            assert.equal(raw.status, 200);
            assert.equal(raw.headers.get('content-encoding'), 'gzip');
        });

        test('CSV export neutralises =, +, -, @, tab and CR at the start of a cell', async () => {
            const who = await registerUser(srv);
            const bad = ['=SUM(A1)', '+1+1', '-2+3', '@cmd', '\tx', '\rx'];
            for (const [i, notes] of bad.entries()) await job(who, { company: `Csv ${i}`, title: 'Formula', notes });
            const csv = await call('GET', '/jobs/export?format=csv', { token: who.token });
            assert.equal(csv.status, 200);
            for (const notes of bad) assert.ok(csv.text.includes(`'${notes}`), `neutralised: ${JSON.stringify(notes)}`);
            assert.ok(!/(^|,)"?[=+@]/m.test(csv.text), 'no cell starts with a formula character');
        });

        test('message framing: duplicate or malformed Content-Length, Content-Length with Transfer-Encoding → 400 and closed; no Host → 400', async () => {
            const body = '{"username":"x","password":"y"}';
            const post = (headers) => `POST ${API}/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;
            const cases = [
                post(`Content-Length: ${body.length}\r\nContent-Length: ${body.length}\r\n`),
                post(`Content-Length: +${body.length}\r\n`),
                post(`Content-Length: ${body.length}, ${body.length}\r\n`),
                post(`Content-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n`),
            ];
            for (const request of cases) {
                const res = await rawExchange(srv.port, request, 2000);
                assert.match(res.text, /^HTTP\/1\.1 400 /, `${JSON.stringify(request.split('\r\n\r\n')[0])} → ${res.text.slice(0, 80)}`);
                assert.ok(res.closed, 'the connection is closed');
            }
            const noHost = await rawExchange(srv.port, 'GET /healthz HTTP/1.1\r\n\r\n', 2000);
            assert.match(noHost.text, /^HTTP\/1\.1 400 /);
            const fine = await rawExchange(srv.port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', 2000);
            assert.match(fine.text, /^HTTP\/1\.1 200 /);
        });
    });

    /* -------------------------------------------------------------- part D: the command line */
    describe('part D: the command line', () => {
        let tmp;
        let env;
        const cli = (...args) => runCli(args, env);
        before(() => {
            tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-spec-cli-'));
            env = { COPILOT_DATABASE_URL: freshDatabase(tmp, { empty: true }), COPILOT_DATA_DIR: tmp };
        });
        after(() => fs.rmSync(tmp, { recursive: true, force: true }));

        test('migrate up|status|down N, recorded in schema_migrations', () => {
            assert.match(cli('migrate', 'status'), /pending/);
            cli('migrate', 'up');
            const status = cli('migrate', 'status');
            assert.ok(!/pending/.test(status), status);
            const versions = sqlRows(env.COPILOT_DATABASE_URL, 'SELECT version FROM schema_migrations ORDER BY version');
            assert.ok(versions.length > 0);
            cli('migrate', 'down', '1');
            assert.match(cli('migrate', 'status'), /pending/);
            assert.equal(sqlRows(env.COPILOT_DATABASE_URL, 'SELECT version FROM schema_migrations').length, versions.length - 1);
            cli('migrate');
            assert.equal(sqlRows(env.COPILOT_DATABASE_URL, 'SELECT version FROM schema_migrations').length, versions.length);
        });

        test('user create|set-admin|delete; import jobs FILE.{csv,json} with de-duplication; export USER_ID', () => {
            cli('user', 'create', 'cli_person', 'cli_person@example.com', PASSWORD);
            const csv = path.join(tmp, 'jobs.csv');
            fs.writeFileSync(csv, 'company,title,location\nCli Co,Developer,Rome\nCli Co,Developer,Rome\nOther Co,Tester,\n');
            const first = JSON.parse(cli('import', 'jobs', csv));
            assert.deepEqual([first.created, first.duplicates], [2, 1], 'the only user, without --user');
            const json = path.join(tmp, 'jobs.json');
            fs.writeFileSync(json, JSON.stringify([{ company: 'Cli Co', title: 'Developer', location: 'Rome' }, { company: 'Json Co', title: 'Dev' }]));
            const second = JSON.parse(cli('import', 'jobs', json, '--user', 'cli_person'));
            assert.deepEqual([second.created, second.duplicates], [1, 1]);
            const id = sqlRows(env.COPILOT_DATABASE_URL, "SELECT id FROM users WHERE username = 'cli_person'")[0][0];
            const exported = JSON.parse(cli('export', id));
            assert.equal(exported.user?.username ?? exported.users?.[0]?.username, 'cli_person');
            assert.equal((exported.jobs || []).length, 3);
            cli('user', 'set-admin', 'cli_person');
            assert.deepEqual(sqlRows(env.COPILOT_DATABASE_URL, `SELECT is_admin FROM users WHERE id = ${id}`)[0].map((v) => ['1', 't', 'true'].includes(v)), [true]);
            cli('user', 'set-admin', 'cli_person', '--off');
            cli('user', 'delete', 'cli_person');
            assert.deepEqual(sqlRows(env.COPILOT_DATABASE_URL, `SELECT id FROM jobs WHERE user_id = ${id}`), []);
            assert.throws(() => cli('export', id));
        });

        test('seed --users N --jobs N makes a realistic data set', () => {
            const out = cli('seed', '--users', '2', '--jobs', '6');
            assert.match(out, /2 users/);
            assert.equal(Number(sqlRows(env.COPILOT_DATABASE_URL, 'SELECT COUNT(*) FROM jobs')[0][0]), 6);
        });
    });

    //@@MORE@@
});
