// The authorisation matrix (issue 8, "tests that must exist"; docs/security.md "What each test
// proves"), generated from the route table itself: GET /api/v1/openapi.json, which the server
// builds from api_routes[] (src/api/openapi.c), lists every operation with its path parameters
// and its security requirement (none, optional, a bearer token, or the role admin).
//
//   - every operation with a path parameter, called by another user with valid parameters and
//     a valid body: 404 (administrators' routes: 403; the public catalogue: what the recipe
//     says), and every object the owner can read is unchanged afterwards;
//   - every operation that takes a token: none → 401 (when the token is required), a revoked
//     token (after logout) → 401, an expired one (issued by a second server on the same
//     database with COPILOT_TOKEN_TTL=1) → 401, a made-up one → 401;
//   - every administrators' operation as an ordinary user (the owner and the other) → 403.
//
// The objects come from RECIPES, one per path with parameters. A path the table does not know
// FAILS the test: a new route needs its recipe here (how to make the object it names, what to
// send, what to read back), so no route can slip past the matrix. Runs on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
    API, createJob, expectStatus, itemsOf, login, registerUser, createAdmin, sleep, startServer,
    uniqueName,
} from './helpers.mjs';

const RESUME_TEXT = 'Jane Doe\njane@example.com\n\nEXPERIENCE\nBackend Engineer, Acme 2019 - Present\n' +
    '- Built the billing service in Go and PostgreSQL\n\nSKILLS\nGo, PostgreSQL, Docker\n';

/*
 * One recipe per path with parameters:
 *   params(f)  the owner's values of the path's {names} (f: the fixtures below)
 *   read(f)    paths (under /api/v1) the owner reads before and after the other user's calls:
 *              what must not change; {path, pick} compares only pick(body) (the catalogue's
 *              shared figures, such as a resource's average rating, move with other users)
 *   body       per method: the body the other user sends (a function of f, or a value); a
 *              valid body, so that a missing ownership check would really change something
 *   other      per method: the status the other user gets when it is not 404 (the public
 *              catalogue: reading it, or the other user's own bookmark, rating, enrollment)
 *   public     no user's object (the path names an OAuth provider): token checks only
 */
const RECIPES = {
    '/api/v1/jobs/{id}': {
        params: (f) => ({ id: f.job.id }), read: (f) => [`/jobs/${f.job.id}`],
        body: { PATCH: { notes: 'changed by another user' }, PUT: { company: 'Taken', title: 'Over' } },
    },
    '/api/v1/jobs/{id}/recommendation-feedback': {
        params: (f) => ({ id: f.job.id }),
        read: (f) => [`/jobs/${f.job.id}/recommendation-feedback`, `/jobs/${f.job.id}`],
        body: { POST: { is_helpful: false, reason: 'salary' } },
    },
    '/api/v1/jobs/{id}/resume': {
        params: (f) => ({ id: f.job.id }), read: (f) => [`/jobs/${f.job.id}`],
        body: { PUT: (f) => ({ resume_id: f.otherResume.id }) },
    },
    '/api/v1/applications/{id}': {
        params: (f) => ({ id: f.application.id }), read: (f) => [`/applications/${f.application.id}`, `/jobs/${f.job.id}`],
        body: { PATCH: { status: 'rejected', notes: 'changed by another user' } },
    },
    '/api/v1/applications/{id}/contacts': {
        params: (f) => ({ id: f.application.id }), read: (f) => [`/applications/${f.application.id}/contacts`],
        body: { POST: (f) => ({ contact_id: f.otherContact.id, relation: 'recruiter' }) },
    },
    '/api/v1/applications/{id}/contacts/{contact_id}': {
        params: (f) => ({ id: f.application.id, contact_id: f.contact.id }),
        read: (f) => [`/applications/${f.application.id}/contacts`],
    },
    '/api/v1/contacts/{id}': {
        params: (f) => ({ id: f.contact.id }), read: (f) => [`/contacts/${f.contact.id}`],
        body: { PATCH: { notes: 'changed by another user' }, PUT: { name: 'Taken Over' } },
    },
    '/api/v1/tasks/{id}': {
        params: (f) => ({ id: f.task.id }), read: (f) => [`/tasks/${f.task.id}`],
        body: { PATCH: { done: true }, PUT: { title: 'Taken over' } },
    },
    '/api/v1/job-sources/{id}': {
        params: (f) => ({ id: f.source.id }), read: (f) => [`/job-sources/${f.source.id}`],
        body: { PATCH: { enabled: true, name: 'Taken over' } },
    },
    '/api/v1/job-sources/{id}/runs': { params: (f) => ({ id: f.source.id }), read: (f) => [`/job-sources/${f.source.id}/runs`] },
    '/api/v1/job-sources/{id}/fetch': { params: (f) => ({ id: f.source.id }), read: (f) => [`/job-sources/${f.source.id}`, `/job-sources/${f.source.id}/runs`] },
    '/api/v1/analytics/snapshots/{id}': { params: (f) => ({ id: f.snapshot.id }), read: (f) => [`/analytics/snapshots/${f.snapshot.id}`] },
    '/api/v1/feedback/{id}': {
        params: (f) => ({ id: f.feedback.id }), read: (f) => [`/feedback/${f.feedback.id}`],
        body: { PATCH: { title: 'Changed by another user', description: 'Taken over.' } },
    },
    '/api/v1/feedback/{id}/vote': {
        params: (f) => ({ id: f.feedback.id }), read: (f) => [`/feedback/${f.feedback.id}`],
        body: { POST: { vote: -1 } },
    },
    '/api/v1/interviews/{id}': { params: (f) => ({ id: f.interview.id }), read: (f) => [`/interviews/${f.interview.id}`] },
    '/api/v1/interviews/{id}/start': { params: (f) => ({ id: f.interview.id }), read: (f) => [`/interviews/${f.interview.id}`] },
    '/api/v1/interviews/{id}/complete': { params: (f) => ({ id: f.interview.id }), read: (f) => [`/interviews/${f.interview.id}`] },
    '/api/v1/interviews/{id}/cancel': { params: (f) => ({ id: f.interview.id }), read: (f) => [`/interviews/${f.interview.id}`] },
    '/api/v1/interviews/{id}/questions/{position}/answer': {
        params: (f) => ({ id: f.interview.id, position: 1 }), read: (f) => [`/interviews/${f.interview.id}`],
        body: { POST: { answer: 'In my last role our deploys failed weekly; I added checks and they stopped.' } },
    },
    '/api/v1/resumes/{id}': {
        params: (f) => ({ id: f.resume.id }), read: (f) => [`/resumes/${f.resume.id}`, '/resumes'],
        body: { PATCH: { label: 'changed by another user' } },
    },
    '/api/v1/resumes/{id}/file': { params: (f) => ({ id: f.resume.id }), read: (f) => [`/resumes/${f.resume.id}`] },
    '/api/v1/resumes/{id}/primary': { params: (f) => ({ id: f.resume.id }), read: (f) => ['/resumes'] },
    '/api/v1/resumes/{id}/apply-skills': { params: (f) => ({ id: f.resume.id }), read: (f) => ['/users/me', '/resumes'] },
    '/api/v1/content/{id}': {
        params: (f) => ({ id: f.content.id }), read: (f) => [`/content/${f.content.id}`],
        body: { PATCH: { content: 'Changed by another user.', change_note: 'x' } },
    },
    '/api/v1/content/{id}/versions/{n}/restore': {
        params: (f) => ({ id: f.content.id, n: 1 }), read: (f) => [`/content/${f.content.id}`],
    },
    // the public catalogue: anyone reads it, administrators write it (403 derived from the
    // document), and each user's bookmark, rating and enrollment is their own
    '/api/v1/resources/{id}': {
        params: (f) => ({ id: f.resource.id }), read: (f) => [mine(f)],
        other: { GET: 200 }, body: { PATCH: { title: 'Taken over' } },
    },
    '/api/v1/resources/{id}/bookmark': {
        params: (f) => ({ id: f.resource.id }), read: (f) => [mine(f)],
        other: { POST: [200, 201], DELETE: [204, 404] }, body: { POST: { notes: 'the other user\'s own' } },
    },
    '/api/v1/resources/{id}/feedback': {
        params: (f) => ({ id: f.resource.id }), read: (f) => [mine(f)],
        other: { PUT: [200, 201] }, body: { PUT: { is_helpful: false, rating: 1 } },
    },
    '/api/v1/learning-paths/{id}': {
        params: (f) => ({ id: f.path.id }), read: () => [enrolled],
        other: { GET: 200 }, body: { PATCH: { name: 'Taken over' } },
    },
    '/api/v1/learning-paths/{id}/enroll': {
        params: (f) => ({ id: f.path.id }), read: () => [enrolled],
        other: { POST: [201, 409], DELETE: [204, 404] },
    },
    '/api/v1/learning-paths/{id}/progress': {
        params: (f) => ({ id: f.path.id }), read: () => [enrolled],
        other: { PATCH: [200, 404] }, body: { PATCH: { completed_resource_ids: [] } },
    },
    '/api/v1/admin/users/{id}': {
        params: (f) => ({ id: f.owner.user.id }), read: () => ['/users/me'],
        body: { PATCH: { is_admin: true } },
    },
    '/api/v1/auth/oauth/{provider}/start': { public: true },
    '/api/v1/auth/oauth/{provider}/callback': { public: true },
};

/* The owner's own bookmark and rating of the resource (not its shared figures). */
function mine(f) {
    return {
        path: `/resources/${f.resource.id}`,
        pick: (body) => ({ bookmark: body?.bookmark, my_feedback: body?.my_feedback }),
    };
}
/* The owner's enrollments: their status and progress (not the paths' shared figures). */
const enrolled = {
    path: '/learning-paths/enrolled',
    pick: (body) => itemsOf(body).map((e) => {
        const { path, learning_path, ...own } = e;
        return own;
    }),
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('authorisation matrix (from the route table)', () => {
    let srv, owner, other, f, operations;
    const counts = { other: 0, unchanged: 0, noToken: 0, revoked: 0, expired: 0, forged: 0, admin: 0 };

    before(async () => {
        srv = await startServer();
        const doc = expectStatus(await srv.request('GET', `${API}/openapi.json`), 200);
        operations = [];
        for (const [path, item] of Object.entries(doc.paths))
            for (const method of METHODS) {
                const op = item[method];
                if (!op) continue;
                const security = op.security || doc.security || [];
                const bearer = security.find((s) => s.bearerAuth);
                operations.push({
                    method: method.toUpperCase(), path,
                    params: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
                    token: bearer ? (security.some((s) => Object.keys(s).length === 0) ? 'optional' : 'required') : 'none',
                    admin: Boolean(bearer && bearer.bearerAuth.includes('admin')),
                });
            }
        owner = await registerUser(srv, uniqueName('owner'));
        other = await registerUser(srv, uniqueName('other'));
        await createAdmin(srv);
        f = await fixtures(srv, owner, other);
    });
    after(async () => { await srv?.stop(); });

    const call = (method, path, token, body) =>
        srv.request(method, path, { token, body: body === undefined ? undefined : body, timeout: 60000 });
    const fill = (op) => {
        const recipe = RECIPES[op.path];
        if (!op.params.length) return op.path;
        const values = recipe.params(f);
        return op.path.replace(/\{([^}]+)\}/g, (_, name) => {
            assert.ok(values[name] !== undefined, `${op.method} ${op.path}: the recipe gives no ${name}`);
            return encodeURIComponent(values[name]);
        });
    };
    const bodyOf = (op) => {
        const b = RECIPES[op.path]?.body?.[op.method];
        return typeof b === 'function' ? b(f) : b;
    };
    const describeRes = (res) => `${res.method} ${res.path} -> ${res.status} ${String(res.text).slice(0, 300)}`;
    const expectOneOf = (res, statuses, what) =>
        assert.ok([].concat(statuses).includes(res.status), `${what}: expected ${statuses}: ${describeRes(res)}`);
    const snapshot = async (reads) => {
        const out = [];
        for (const r of reads) {
            const { path, pick = (b) => b } = typeof r === 'string' ? { path: r } : r;
            const res = await srv.api('GET', path, { token: owner.token });
            assert.equal(res.status, 200, `the owner reads ${path}: ${describeRes(res)}`);
            out.push({ path, body: pick(res.body) });
        }
        return out;
    };

    test('every operation with a path parameter has a recipe, and every recipe a route', () => {
        const missing = operations.filter((op) => op.params.length && !RECIPES[op.path])
            .map((op) => `${op.method} ${op.path}`);
        assert.deepEqual(missing, [], 'operations without a fixture recipe in tests/api/authz_matrix.test.mjs');
        const used = new Set(operations.map((op) => op.path));
        assert.deepEqual(Object.keys(RECIPES).filter((p) => !used.has(p)), [], 'recipes of routes that no longer exist');
        assert.ok(operations.length > 100, `the document lists every route (${operations.length})`);
    });

    test('another user: 404 (403 for administrators\' routes), the owner\'s objects unchanged', async (t) => {
        const byPath = new Map();
        for (const op of operations)
            if (op.params.length && RECIPES[op.path] && !RECIPES[op.path].public)
                byPath.set(op.path, [...(byPath.get(op.path) || []), op]);
        for (const [path, ops] of byPath) {
            await t.test(path, async () => {
                const recipe = RECIPES[path];
                const reads = recipe.read ? recipe.read(f) : [];
                const before = await snapshot(reads);
                // reads first, the destructive methods last
                const order = ['GET', 'PUT', 'PATCH', 'POST', 'DELETE'];
                for (const op of [...ops].sort((a, b) => order.indexOf(a.method) - order.indexOf(b.method))) {
                    const res = await call(op.method, fill(op), other.token, bodyOf(op));
                    const expected = op.admin ? 403 : recipe.other?.[op.method] ?? 404;
                    expectOneOf(res, expected, `${op.method} ${path} as another user`);
                    if (res.status >= 400)
                        assert.ok(res.body?.error?.code, `an error body: ${describeRes(res)}`);
                    counts.other++;
                }
                const afterwards = await snapshot(reads);
                assert.deepEqual(afterwards, before, `${path}: what the owner reads changed`);
                counts.unchanged += reads.length;
            });
        }
        t.diagnostic(`${counts.other} calls by another user, ${counts.unchanged} reads unchanged`);
    });

    test('no token, a revoked, an expired or a made-up token: 401', async (t) => {
        const revoked = await login(srv, owner.username);
        expectStatus(await srv.api('POST', '/auth/logout', { token: revoked }), 204);
        // an expired token: a second server on the same database issues tokens that live 1 s
        const short = await startServer({ dbUrl: srv.dbUrl, env: { COPILOT_TOKEN_TTL: '1' } });
        let expired;
        try {
            expired = await login(short, owner.username);
            expectStatus(await short.api('GET', '/users/me', { token: expired }), 200);
        } finally {
            await short.stop();
        }
        await sleep(2100);
        const forged = 'x'.repeat(43);
        for (const op of operations.filter((o) => o.token !== 'none')) {
            await t.test(`${op.method} ${op.path}`, async () => {
                const path = fill(op);
                const body = bodyOf(op);
                const cases = [['revoked', revoked], ['expired', expired], ['forged', forged]];
                if (op.token === 'required') cases.unshift(['noToken', undefined]);
                for (const [name, token] of cases) {
                    const res = await call(op.method, path, token, body);
                    assert.equal(res.status, 401, `${name}: ${describeRes(res)}`);
                    assert.equal(res.body?.error?.code, 'unauthorized', describeRes(res));
                    counts[name]++;
                }
            });
        }
        t.diagnostic(`401: ${counts.noToken} without a token, ${counts.revoked} revoked, ` +
            `${counts.expired} expired, ${counts.forged} made up`);
    });

    test('administrators\' routes as an ordinary user: 403, nothing changed', async (t) => {
        const adminOps = operations.filter((op) => op.admin);
        assert.ok(adminOps.length >= 3, 'the document names the administrators\' routes');
        const before = await snapshot(['/users/me']);
        for (const op of adminOps) {
            for (const who of [owner, other]) {
                const res = await call(op.method, fill(op), who.token, bodyOf(op));
                assert.equal(res.status, 403, describeRes(res));
                assert.equal(res.body?.error?.code, 'forbidden', describeRes(res));
                counts.admin++;
            }
        }
        assert.deepEqual(await snapshot(['/users/me']), before);
        t.diagnostic(`${counts.admin} calls to ${adminOps.length} administrators' operations`);
    });
});

/* The owner's objects, one of each kind a path names, and the other user's own contact and
 * résumé (valid bodies for the other user's calls). */
async function fixtures(srv, owner, other) {
    const as = (who) => async (method, path, body, status) =>
        expectStatus(await srv.api(method, path, { token: who.token, body, timeout: 60000 }), status);
    const o = as(owner);
    const upload = async (who) => {
        const form = new FormData();
        form.append('file', new Blob([RESUME_TEXT], { type: 'text/plain' }), 'cv.txt');
        return expectStatus(await srv.api('POST', '/resumes', { token: who.token, raw: form, timeout: 60000 }), 201);
    };
    const f = { owner, other };
    f.job = await createJob(srv, owner.token, { tech_stack: ['Go', 'PostgreSQL'] });
    f.application = await o('POST', '/applications', { job_id: f.job.id, status: 'applied' }, 201);
    f.contact = await o('POST', '/contacts', { name: 'Rita Recruiter', email: 'rita@example.com' }, 201);
    await o('POST', `/applications/${f.application.id}/contacts`, { contact_id: f.contact.id, relation: 'recruiter' }, 201);
    f.task = await o('POST', '/tasks', { title: 'Send the portfolio', job_id: f.job.id }, 201);
    f.resume = await upload(owner);
    await o('POST', `/resumes/${f.resume.id}/primary`, undefined, 200);
    await o('PUT', `/jobs/${f.job.id}/resume`, { resume_id: f.resume.id }, 200);
    f.content = await o('POST', '/content', { content_type: 'cover_letter', job_id: f.job.id }, 201);
    await o('PATCH', `/content/${f.content.id}`, { content: 'A second version.', change_note: 'edit' }, 200);
    f.snapshot = await o('POST', '/analytics/snapshots', { type: 'funnel' }, 201);
    f.source = await o('POST', '/job-sources', { url: `https://boards.greenhouse.io/${uniqueName('board').replace(/_/g, '')}`, enabled: false }, 201);
    f.feedback = await o('POST', '/feedback', { type: 'bug_report', title: 'It broke', description: 'Steps to reproduce.' }, 201);
    await o('POST', `/feedback/${f.feedback.id}/vote`, { vote: 1 }, [200, 201]);
    f.interview = await o('POST', '/interviews', { interview_type: 'behavioral', total_questions: 3 }, 201);
    await o('POST', `/interviews/${f.interview.id}/start`, undefined, 200);
    await o('POST', `/jobs/${f.job.id}/recommendation-feedback`, { is_helpful: true }, [200, 201]);
    f.resource = itemsOf(await o('GET', '/resources?limit=1', undefined, 200))[0];
    await o('POST', `/resources/${f.resource.id}/bookmark`, { notes: 'mine' }, [200, 201]);
    await o('PUT', `/resources/${f.resource.id}/feedback`, { is_helpful: true, rating: 5 }, [200, 201]);
    f.path = itemsOf(await o('GET', '/learning-paths?limit=1', undefined, 200))[0];
    await o('POST', `/learning-paths/${f.path.id}/enroll`, undefined, 201);
    await o('PATCH', `/learning-paths/${f.path.id}/progress`, { completed_resource_ids: f.path.resource_ids.slice(0, 1) }, 200);
    f.otherContact = await as(other)('POST', '/contacts', { name: 'Other Contact' }, 201);
    f.otherResume = await upload(other);
    return f;
}
