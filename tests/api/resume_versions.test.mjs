// Several résumé versions per field (issue 10 part 5): a résumé is labelled with PATCH
// /resumes/{id} (unique per user, 409 with existing_id), a job chooses the résumé it is matched
// and written with (PUT /jobs/{id}/resume; null goes back to the primary one; another user's
// résumé → 404 naming resume_id, as POST /applications treats another user's job_id), and both
// the recommendation's skills and the generated letter follow the choice: a different résumé
// changes the match and the letter. Deleting the chosen résumé falls back to the primary one.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createJob, expectError, expectStatus, registerUser, sqlRows, startServer } from './helpers.mjs';

const BACKEND = 'Elena Marquez\nBackend Engineer\nelena.marquez@example.net\n\nSUMMARY\nBackend engineer with 5 years of experience.\n\n'
    + 'EXPERIENCE\n\nBackend Engineer \u2014 Parcelpoint, Berlin\nApr 2022 \u2013 Present\n'
    + '- Cut the p95 latency of the locker API from 420 ms to 90 ms with PostgreSQL partial indexes and a Redis cache.\n\n'
    + 'SKILLS\nGo, PostgreSQL, Redis, Docker\n';
const DATA = 'Elena Marquez\nData Analyst\nelena.data@example.net\n\nSUMMARY\nData analyst with 5 years of experience.\n\n'
    + 'EXPERIENCE\n\nData Analyst \u2014 Numbers GmbH, Berlin\nApr 2022 \u2013 Present\n'
    + '- Built the Tableau dashboards and SQL models that 40 teams plan their budgets with.\n\n'
    + 'SKILLS\nSQL, Tableau, Pandas, Excel\n';

describe('résumé versions', () => {
    let srv;
    let elena;
    let bob;
    let backend;
    let data;

    const call = (who, method, p, opts = {}) => srv.api(method, p, { token: who.token, ...opts });
    async function upload(who, text, name) {
        const form = new FormData();
        form.append('file', new Blob([text]), name);
        return expectStatus(await call(who, 'POST', '/resumes', { raw: form }), 201);
    }
    const label = (who, id, value, headers) => call(who, 'PATCH', `/resumes/${id}`, { body: { label: value }, headers });
    const choose = (who, jobId, resumeId, headers) => call(who, 'PUT', `/jobs/${jobId}/resume`, { body: { resume_id: resumeId }, headers });
    const letter = async (who, jobId) => expectStatus(await call(who, 'POST', '/content', { body: { content_type: 'cover_letter', job_id: jobId } }), 201).generated_content;
    async function recommended(who, jobId) {
        const list = expectStatus(await call(who, 'GET', '/jobs/recommendations?limit=100'), 200);
        const job = list.items.find((j) => j.id === jobId);
        assert.ok(job, `job ${jobId} is recommended`);
        return job;
    }

    before(async () => {
        srv = await startServer();
        elena = await registerUser(srv);
        bob = await registerUser(srv);
        expectStatus(await call(elena, 'PATCH', '/users/me', { body: { skills: ['Python'], experience_level: 'mid' } }), 200);
        backend = await upload(elena, BACKEND, 'elena-backend.txt');
        data = await upload(elena, DATA, 'elena-data.txt');
        assert.equal(backend.is_primary, true);
        assert.equal(data.is_primary, false);
        assert.equal(backend.label, null);
    });
    after(async () => { await srv?.stop(); });

    describe('labels', () => {
        test('PATCH /resumes/{id} {label}: set, listed, filtered; null removes it', async () => {
            const res = await label(elena, backend.id, 'backend');
            const r = expectStatus(res, 200);
            assert.equal(r.label, 'backend');
            assert.equal(res.headers.get('etag'), `"${r.row_version}"`);
            assert.equal(expectStatus(await label(elena, data.id, 'data'), 200).label, 'data');
            const list = expectStatus(await call(elena, 'GET', '/resumes?label=data'), 200);
            assert.deepEqual(list.items.map((x) => x.id), [data.id]);
            const sorted = expectStatus(await call(elena, 'GET', '/resumes?sort=label'), 200);
            assert.deepEqual(sorted.items.map((x) => x.label), ['backend', 'data']);
            const spare = await upload(elena, BACKEND, 'spare.txt');
            assert.equal(expectStatus(await label(elena, spare.id, 'spare'), 200).label, 'spare');
            assert.equal(expectStatus(await label(elena, spare.id, null), 200).label, null);
            expectStatus(await call(elena, 'DELETE', `/resumes/${spare.id}`), 204);
        });

        test('a label another résumé of the user has → 409 naming label with existing_id; another user may use it', async () => {
            expectStatus(await label(elena, backend.id, 'backend'), 200);
            const err = expectError(await label(elena, data.id, 'backend'), 409, 'conflict', 'label');
            assert.equal(err.existing_id, backend.id);
            assert.equal(expectStatus(await call(elena, 'GET', `/resumes/${data.id}`), 200).label, 'data', 'unchanged');
            const bobs = await upload(bob, DATA, 'bob.txt');
            assert.equal(expectStatus(await label(bob, bobs.id, 'backend'), 200).label, 'backend');
        });

        for (const [what, value] of [['empty', ''], ['blank', '   '], ['leading space', ' data'], ['trailing space', 'data '],
            ['51 characters', 'x'.repeat(51)], ['a number', 5]]) {
            test(`label ${what} → 422 naming label`, async () => {
                expectError(await label(elena, data.id, value), 422, 'validation_failed', 'label');
            });
        }

        test('other fields are the server\'s; another user\'s résumé → 404', async () => {
            expectError(await call(elena, 'PATCH', `/resumes/${data.id}`, { body: { is_primary: true } }), 422, 'validation_failed', 'is_primary');
            expectError(await call(elena, 'PATCH', `/resumes/${data.id}`, { body: { filename: 'x.pdf' } }), 422, 'validation_failed', 'filename');
            expectError(await label(bob, data.id, 'mine now'), 404, 'not_found');
        });
    });

    describe('the résumé a job uses', () => {
        test('PUT /jobs/{id}/resume: the job shows the choice and gets a new version; null goes back to the primary', async () => {
            const job = await createJob(srv, elena.token);
            assert.equal(job.resume_id, null);
            const res = await choose(elena, job.id, data.id);
            const chosen = expectStatus(res, 200);
            assert.equal(chosen.resume_id, data.id);
            assert.equal(chosen.row_version, job.row_version + 1);
            assert.equal(res.headers.get('etag'), `"${chosen.row_version}"`);
            assert.equal(expectStatus(await call(elena, 'GET', `/jobs/${job.id}`), 200).resume_id, data.id);
            const listed = expectStatus(await call(elena, 'GET', '/jobs?limit=100'), 200).items.find((j) => j.id === job.id);
            assert.equal(listed.resume_id, data.id);
            // a stale If-Match is refused, the choice unchanged
            expectError(await choose(elena, job.id, backend.id, { 'If-Match': `"${job.row_version}"` }), 412, 'precondition_failed');
            assert.equal(expectStatus(await call(elena, 'GET', `/jobs/${job.id}`), 200).resume_id, data.id);
            const back = expectStatus(await choose(elena, job.id, null, { 'If-Match': `"${chosen.row_version}"` }), 200);
            assert.equal(back.resume_id, null);
        });

        test('another user\'s résumé → 404 naming resume_id; another user\'s job → 404; bad bodies → 422', async () => {
            const job = await createJob(srv, elena.token);
            const bobs = await upload(bob, BACKEND, 'bob2.txt');
            expectError(await choose(elena, job.id, bobs.id), 404, 'not_found', 'resume_id');
            expectError(await choose(elena, job.id, 99999999), 404, 'not_found', 'resume_id');
            assert.equal(expectStatus(await call(elena, 'GET', `/jobs/${job.id}`), 200).resume_id, null);
            const bobJob = await createJob(srv, bob.token);
            const err = expectError(await choose(elena, bobJob.id, data.id), 404, 'not_found');
            assert.equal(err.field, undefined);
            expectError(await call(elena, 'PUT', `/jobs/${job.id}/resume`, { body: {} }), 422, 'validation_failed', 'resume_id');
            expectError(await choose(elena, job.id, 'data'), 422, 'validation_failed', 'resume_id');
            expectError(await choose(elena, job.id, 0), 422, 'validation_failed', 'resume_id');
            expectError(await call(elena, 'PUT', `/jobs/${job.id}/resume`, { body: { resume_id: data.id, label: 'x' } }), 422, 'validation_failed', 'label');
            expectError(await call(elena, 'PATCH', `/jobs/${job.id}`, { body: { resume_id: data.id } }), 422, 'validation_failed', 'resume_id');
        });

        test('a different résumé changes the match: its skills count for that job only', async () => {
            const dash = await createJob(srv, elena.token, { company: 'Chartwell', title: 'Analyst', tech_stack: ['Tableau', 'SQL', 'Pandas'] });
            const twin = await createJob(srv, elena.token, { company: 'Chartwell Twin', title: 'Analyst', tech_stack: ['Tableau', 'SQL', 'Pandas'] });
            const before = await recommended(elena, dash.id);
            assert.deepEqual(before.reasons.matched_skills, [], 'the primary (backend) résumé and the profile have none of them');
            expectStatus(await choose(elena, dash.id, data.id), 200);
            const after = await recommended(elena, dash.id);
            assert.deepEqual([...after.reasons.matched_skills].sort(), ['Pandas', 'SQL', 'Tableau']);
            assert.ok(after.match_score > before.match_score, `${after.match_score} > ${before.match_score}`);
            assert.deepEqual((await recommended(elena, twin.id)).reasons.matched_skills, [], 'the other job still uses the primary');
            expectStatus(await choose(elena, dash.id, null), 200);
            assert.equal((await recommended(elena, dash.id)).match_score, before.match_score);
        });

        test('by default the primary résumé\'s skills count, with the profile\'s', async () => {
            const go = await createJob(srv, elena.token, { company: 'Gopher Works', title: 'Engineer', tech_stack: ['Go', 'Python', 'Tableau'] });
            const withBackend = await recommended(elena, go.id);
            assert.deepEqual([...withBackend.reasons.matched_skills].sort(), ['Go', 'Python'], 'Go from the primary résumé, Python from the profile');
            expectStatus(await call(elena, 'POST', `/resumes/${data.id}/primary`), 200);
            const withData = await recommended(elena, go.id);
            assert.deepEqual([...withData.reasons.matched_skills].sort(), ['Python', 'Tableau']);
            expectStatus(await call(elena, 'POST', `/resumes/${backend.id}/primary`), 200);
        });

        test('a different résumé changes the letter: its role, achievements, name and e-mail', async () => {
            const job = await createJob(srv, elena.token, { company: 'Stripe', title: 'Analytics Engineer', tech_stack: ['SQL', 'Tableau', 'PostgreSQL'] });
            const fromPrimary = await letter(elena, job.id);
            assert.match(fromPrimary, /Backend Engineer at Parcelpoint/);
            assert.match(fromPrimary, /elena\.marquez@example\.net$/);
            assert.doesNotMatch(fromPrimary, /Numbers GmbH/);
            expectStatus(await choose(elena, job.id, data.id), 200);
            const fromData = await letter(elena, job.id);
            assert.match(fromData, /Data Analyst at Numbers GmbH/);
            assert.match(fromData, /Tableau dashboards/);
            assert.match(fromData, /elena\.data@example\.net$/);
            assert.doesNotMatch(fromData, /Parcelpoint/);
            // a job without a choice still writes from the primary résumé
            const other = await createJob(srv, elena.token, { company: 'Plain Co', title: 'Engineer', tech_stack: ['Go'] });
            assert.match(await letter(elena, other.id), /Parcelpoint/);
        });

        test('deleting the chosen résumé: the job goes back to the primary one', async () => {
            const extra = await upload(elena, DATA, 'elena-data-2.txt');
            const job = await createJob(srv, elena.token, { company: 'Fallback Co', title: 'Engineer' });
            expectStatus(await choose(elena, job.id, extra.id), 200);
            expectStatus(await call(elena, 'DELETE', `/resumes/${extra.id}`), 204);
            assert.equal(expectStatus(await call(elena, 'GET', `/jobs/${job.id}`), 200).resume_id, null);
            assert.match(await letter(elena, job.id), /Parcelpoint/);
        });

        test('the job\'s resume_id follows job_resumes at once, raw SQL included; its version moves only with PUT', async () => {
            // jobs.resume_id is kept by triggers on job_resumes (migration 0081): a forgotten
            // one fails here
            const extra = await upload(elena, DATA, 'elena-data-3.txt');
            const job = await createJob(srv, elena.token, { company: 'Trigger Co', title: 'Engineer' });
            const get = async () => expectStatus(await call(elena, 'GET', `/jobs/${job.id}`), 200);
            const listed = async () => expectStatus(await call(elena, 'GET', '/jobs?limit=100'), 200).items.find((j) => j.id === job.id);
            const chosen = expectStatus(await choose(elena, job.id, extra.id), 200);
            assert.equal(chosen.row_version, job.row_version + 1);
            const same = expectStatus(await choose(elena, job.id, extra.id), 200);
            assert.equal(same.row_version, job.row_version + 2);
            assert.equal((await get()).resume_id, extra.id);
            sqlRows(srv.dbUrl, `DELETE FROM job_resumes WHERE job_id = ${job.id}`);
            assert.equal((await get()).resume_id, null);
            assert.equal((await listed()).resume_id, null);
            assert.equal((await get()).row_version, same.row_version);
            sqlRows(srv.dbUrl, `INSERT INTO job_resumes (job_id, user_id, resume_id) VALUES (${job.id}, ${elena.user.id}, ${data.id})`);
            assert.equal((await get()).resume_id, data.id);
            assert.equal((await listed()).resume_id, data.id);
            sqlRows(srv.dbUrl, `UPDATE job_resumes SET resume_id = ${extra.id} WHERE job_id = ${job.id}`);
            assert.equal((await get()).resume_id, extra.id);
            assert.equal((await get()).row_version, same.row_version);
            // the chosen résumé deleted: the choice goes with it, the job's version stays (as
            // when the choice was read from job_resumes)
            expectStatus(await call(elena, 'DELETE', `/resumes/${extra.id}`), 204);
            const after = await get();
            assert.equal(after.resume_id, null);
            assert.equal(after.row_version, same.row_version);
            const [[kept]] = sqlRows(srv.dbUrl, `SELECT count(*) FROM jobs j WHERE j.user_id = ${elena.user.id} AND j.resume_id IS DISTINCT FROM (SELECT r.resume_id FROM job_resumes r WHERE r.job_id = j.id)`);
            assert.equal(kept, '0');
        });

        test('the export carries the choices (job_resumes) and the labels', async () => {
            const job = await createJob(srv, elena.token, { company: 'Export Co', title: 'Engineer' });
            expectStatus(await choose(elena, job.id, data.id), 200);
            const doc = expectStatus(await call(elena, 'GET', '/users/me/export'), 200);
            const row = doc.job_resumes.find((r) => r.job_id === job.id);
            assert.deepEqual({ ...row, id: undefined, created_at: undefined }, { id: undefined, job_id: job.id, user_id: elena.user.id, resume_id: data.id, created_at: undefined });
            assert.equal(doc.jobs.find((j) => j.id === job.id).resume_id, data.id);
            assert.ok(doc.resume_uploads.some((r) => r.label === 'data'));
            const bobs = expectStatus(await call(bob, 'GET', '/users/me/export'), 200);
            assert.ok(bobs.job_resumes.every((r) => r.user_id === bob.user.id));
        });
    });
});
