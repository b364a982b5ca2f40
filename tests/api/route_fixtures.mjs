// This file holds what the generated route suites share (tests/api/authz_matrix.test.mjs,
// tests/api/hostile.test.mjs): the operations of the server's OpenAPI document (which the
// server builds from its route table), one fixture recipe per path with parameters — how to
// make the object it names, the body another user sends, what the owner reads back — and the
// fixtures themselves: an object of every kind for one owner.
import assert from 'node:assert/strict';

import { createJob, expectStatus, itemsOf, registerUser, uniqueName } from './helpers.mjs';

export const RESUME_TEXT = 'Jane Doe\njane@example.com\n\nEXPERIENCE\nBackend Engineer, Acme 2019 - Present\n' +
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
export const RECIPES = {
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
    '/api/v1/admin/users/{id}': { // a user of its own: an administrator's calls act for real
        params: (f) => ({ id: f.victim.user.id }), body: { PATCH: { is_admin: true } },
    },
    '/api/v1/auth/oauth/{provider}/start': { public: true, params: () => ({ provider: 'github' }) },
    '/api/v1/auth/oauth/{provider}/callback': { public: true, params: () => ({ provider: 'github' }) },
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

/* Every operation of the document: {method, path, params: [names], token: 'none' | 'optional'
 * | 'required', admin, op: the operation object}. */
export function operationsOf(doc) {
    const out = [];
    for (const [path, item] of Object.entries(doc.paths))
        for (const method of METHODS) {
            const op = item[method];
            if (!op) continue;
            const security = op.security || doc.security || [];
            const bearer = security.find((s) => s.bearerAuth);
            out.push({
                method: method.toUpperCase(), path, op,
                params: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
                token: bearer ? (security.some((s) => Object.keys(s).length === 0) ? 'optional' : 'required') : 'none',
                admin: Boolean(bearer && bearer.bearerAuth.includes('admin')),
            });
        }
    return out;
}

/* The path of op with the owner's values of its parameters (fixtures f). */
export function fillPath(op, f) {
    if (!op.params.length) return op.path;
    const recipe = RECIPES[op.path];
    assert.ok(recipe && recipe.params, `${op.method} ${op.path}: no recipe gives its parameters`);
    const values = recipe.params(f);
    return op.path.replace(/\{([^}]+)\}/g, (_, name) => {
        assert.ok(values[name] !== undefined, `${op.method} ${op.path}: the recipe gives no ${name}`);
        return encodeURIComponent(values[name]);
    });
}

/* The body the recipe sends with op (undefined: none). */
export function recipeBody(op, f) {
    const b = RECIPES[op.path]?.body?.[op.method];
    return typeof b === 'function' ? b(f) : b;
}

/* The owner's objects, one of each kind a path names, and the other user's own contact and
 * résumé (valid bodies for the other user's calls). */
export async function fixtures(srv, owner, other) {
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
    f.victim = await registerUser(srv, uniqueName('victim'));
    f.otherResume = await upload(other);
    return f;
}
