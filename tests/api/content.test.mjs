// Content generation: documents from the built-in templates (every type and tone, filled from
// the profile, the primary résumé's absence and a job, deterministic), the version history
// (edits, status changes, restore, numbers without gaps), list filters, ownership, every error
// code, and a fake language model (its text and model name; failures and timeouts fall back to
// the templates and say so) (SPEC part B "Content generation", part A "content_generations,
// content_versions").

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    assertTimestamp, createJob, expectError, expectStatus, registerUser, startServer,
} from './helpers.mjs';
import { chatAnswer, startFakeModel } from './fake_web.mjs';

const TYPES = ['cover_letter', 'resume_summary', 'resume_tailoring', 'email_template',
    'linkedin_message', 'thank_you_note', 'follow_up'];
const TONES = ['professional', 'casual', 'enthusiastic', 'friendly', 'concise'];
const CONTENT_KEYS = ['content_type', 'created_at', 'current_version', 'generated_content',
    'generation_prompt', 'generator', 'id', 'job_id', 'status', 'template_used', 'tone',
    'updated_at', 'user_id', 'user_modifications', 'versions'];
const VERSION_KEYS = ['change_note', 'content', 'content_generation_id', 'created_at', 'id',
    'version_number'];

describe('content', () => {
    let srv;
    let alice;
    let bob;
    let job;

    before(async () => {
        srv = await startServer();
        alice = await registerUser(srv);
        bob = await registerUser(srv);
        expectStatus(await srv.api('PATCH', '/users/me', {
            token: alice.token, body: { skills: ['Python', 'SQL', 'Docker'], experience_level: 'senior' },
        }), 200);
        job = await createJob(srv, alice.token, {
            company: 'Acme Rockets', title: 'Backend Engineer', location: 'Berlin',
            tech_stack: ['python', 'Kubernetes'], requirements: 'You know SQL well.',
        });
        // follow-ups are for applications past "applied"
        expectStatus(await srv.api('POST', '/applications', { token: alice.token, body: { job_id: job.id, status: 'applied' } }), 201);
    });
    after(async () => { await srv?.stop(); });

    const create = (who, body) => srv.api('POST', '/content', { token: who.token, body });
    const get = (who, id) => srv.api('GET', `/content/${id}`, { token: who.token });
    const patch = (who, id, body) => srv.api('PATCH', `/content/${id}`, { token: who.token, body });
    const restore = (who, id, n) => srv.api('POST', `/content/${id}/versions/${n}/restore`, { token: who.token });

    describe('POST /content', () => {
        test('201 with Location, generated text, version 1 and builtin generator', async () => {
            const res = await create(alice, { content_type: 'cover_letter', job_id: job.id });
            const c = expectStatus(res, 201);
            assert.match(res.headers.get('location') || '', new RegExp(`/api/v1/content/${c.id}$`));
            for (const key of CONTENT_KEYS) assert.ok(key in c, `has ${key}`);
            assert.equal(c.user_id, alice.user.id);
            assert.equal(c.job_id, job.id);
            assert.equal(c.content_type, 'cover_letter');
            assert.equal(c.tone, 'professional', 'default tone');
            assert.equal(c.generator, 'builtin');
            assert.equal(c.template_used, 'cover_letter.default');
            assert.equal(c.status, 'generated');
            assert.equal(c.user_modifications, null);
            assert.equal(c.fallback, false);
            assert.equal('warning' in c, false);
            assertTimestamp(c.created_at);
            assertTimestamp(c.updated_at);
            const text = c.generated_content;
            assert.ok(text.startsWith('Dear Hiring Manager,'));
            assert.match(text, /the Backend Engineer position at Acme Rockets in Berlin\./);
            assert.doesNotMatch(text, /The role in|senior professional/, 'no place as prose, no level label (issue 13)');
            assert.match(text, /The role asks for Python and SQL, both of which I have worked with\./, 'stack and requirements, in the profile\'s spelling');
            assert.doesNotMatch(text, /Kubernetes/, 'a skill the profile lacks is never claimed (issue 13)');
            // without a résumé, the account's e-mail signs the letter, and no name line: a
            // username ("alice_...") is no signature (thirty-seventh round)
            assert.match(text, new RegExp(`Sincerely,\\n${alice.email}$`));
            assert.doesNotMatch(text, /[{}]/);
            assert.match(c.generation_prompt, /cover letter/);
            assert.match(c.generation_prompt, /Backend Engineer at Acme Rockets in Berlin/);
            assert.match(c.generation_prompt, /does not have \(never claim them\): Kubernetes/);
            assert.equal(c.current_version, 1);
            assert.equal(c.versions.length, 1);
            const v = c.versions[0];
            assert.deepEqual(Object.keys(v).sort(), VERSION_KEYS);
            assert.equal(v.version_number, 1);
            assert.equal(v.content, text);
            assert.equal(v.content_generation_id, c.id);
            assertTimestamp(v.created_at);
        });

        test('every type in every tone; the same inputs give the same text', async () => {
            for (const content_type of TYPES) {
                const texts = new Set();
                for (const tone of TONES) {
                    const body = { content_type, tone, job_id: job.id };
                    const a = expectStatus(await create(alice, body), 201);
                    const b = expectStatus(await create(alice, body), 201);
                    assert.equal(a.generated_content, b.generated_content, `${content_type}/${tone}`);
                    assert.equal(a.tone, tone);
                    assert.equal(a.template_used, tone === 'concise' ? `${content_type}.concise` : `${content_type}.default`);
                    assert.ok(a.generated_content.length > 40);
                    assert.doesNotMatch(a.generated_content, /[{}]|^[?!]\w/m);
                    texts.add(a.generated_content);
                }
                assert.equal(texts.size, TONES.length, `${content_type}: each tone reads differently`);
            }
        });

        test('without a job: generic wording; instructions are kept in the prompt', async () => {
            const c = expectStatus(await create(bob, {
                content_type: 'cover_letter', tone: 'casual', instructions: 'Mention my open-source work.',
            }), 201);
            assert.equal(c.job_id, null);
            assert.match(c.generated_content, /^Hi there,/);
            assert.match(c.generated_content, /the open position at your company/);
            // session 36: a profile without skills claims none ("a broad range of technologies")
            assert.doesNotMatch(c.generated_content, /broad range|I bring experience/);
            assert.doesNotMatch(c.generated_content, /Acme/);
            assert.match(c.generation_prompt, /Instructions from the candidate: Mention my open-source work\./);
        });

        test('the profile changes the text', async () => {
            const fresh = await registerUser(srv);
            const before = expectStatus(await create(fresh, { content_type: 'resume_summary' }), 201);
            expectStatus(await srv.api('PATCH', '/users/me', { token: fresh.token, body: { skills: ['Rust'], experience_level: 'junior' } }), 200);
            const after = expectStatus(await create(fresh, { content_type: 'resume_summary' }), 201);
            assert.notEqual(before.generated_content, after.generated_content);
            // no title is invented: "Professional" was none of the profile's (thirty-seventh round)
            assert.match(after.generated_content, /^Works with Rust\./);
        });

        test('a follow-up only for an application past "applied", else 422 naming job_id (issue 13)', async () => {
            const user = await registerUser(srv);
            const j = await createJob(srv, user.token, { company: 'Globex', title: 'Data Engineer' });
            const followUp = (job_id) => create(user, job_id ? { content_type: 'follow_up', job_id } : { content_type: 'follow_up' });
            expectError(await followUp(), 422, 'validation_failed', 'job_id');
            expectError(await followUp(j.id), 422, 'validation_failed', 'job_id'); // no application
            const app = expectStatus(await srv.api('POST', '/applications', { token: user.token, body: { job_id: j.id } }), 201);
            assert.equal(app.status, 'interested');
            expectError(await followUp(j.id), 422, 'validation_failed', 'job_id'); // not applied yet
            expectStatus(await srv.api('PATCH', `/applications/${app.id}`, { token: user.token, body: { status: 'applied' } }), 200);
            const ok = expectStatus(await followUp(j.id), 201);
            assert.match(ok.generated_content, /Following up - Data Engineer application/);
            assert.match(ok.generated_content, /position at Globex/);
            // still fine once the company answered or turned it down
            expectStatus(await srv.api('PATCH', `/applications/${app.id}`, { token: user.token, body: { status: 'rejected' } }), 200);
            expectStatus(await followUp(j.id), 201);
            // withdrawn before applying: never applied
            const k = await createJob(srv, user.token, { company: 'Initech', title: 'Analyst' });
            const app2 = expectStatus(await srv.api('POST', '/applications', { token: user.token, body: { job_id: k.id } }), 201);
            expectStatus(await srv.api('PATCH', `/applications/${app2.id}`, { token: user.token, body: { status: 'withdrawn' } }), 200);
            expectError(await followUp(k.id), 422, 'validation_failed', 'job_id');
            // other types need no application
            expectStatus(await create(user, { content_type: 'thank_you_note', job_id: k.id }), 201);
        });

        test('letters from the primary résumé\'s facts, signed with its name and e-mail (issue 13)', async () => {
            const user = await registerUser(srv);
            expectStatus(await srv.api('PATCH', '/users/me', {
                token: user.token, body: { skills: ['Python', 'Go', 'PostgreSQL', 'Redis', 'AWS'], experience_level: 'mid', prefer_remote_jobs: true },
            }), 200);
            const resume = 'Elena Marquez\nBackend Engineer\nelena.marquez@example.net\n\nSUMMARY\nBackend engineer with 5 years of experience.\n\n'
                + 'EXPERIENCE\n\nBackend Engineer \u2014 Parcelpoint, Berlin\nApr 2022 \u2013 Present\n'
                + '- Cut the p95 latency of the locker API from 420 ms to 90 ms with PostgreSQL partial indexes and a Redis cache.\n'
                + '- Mentored two junior engineers.\n\n'
                + 'Software Engineer \u2014 Civic Forms, Hamburg\nSep 2021 \u2013 Mar 2022\n- Built the payment step in Python; 30,000 permits a month.\n';
            const form = new FormData();
            form.append('file', new Blob([resume]), 'elena.txt');
            const r = expectStatus(await srv.api('POST', '/resumes', { token: user.token, raw: form }), 201);
            assert.equal(r.is_primary, true);
            const stripe = await createJob(srv, user.token, {
                company: 'Stripe', title: 'Backend Engineer, Billing', location: 'Remote - EU', remote_option: 'remote',
                tech_stack: ['Go', 'PostgreSQL', 'Kafka', 'AWS'],
            });
            const letter = expectStatus(await create(user, { content_type: 'cover_letter', job_id: stripe.id }), 201).generated_content;
            assert.match(letter, /position at Stripe \(remote, EU\)\./);
            assert.doesNotMatch(letter, /in Remote/);
            assert.match(letter, /I am a Backend Engineer at Parcelpoint, with 5 years of experience\./);
            assert.match(letter, /At Parcelpoint, I cut the p95 latency of the locker API from 420 ms to 90 ms/);
            assert.doesNotMatch(letter, /Mentored/, 'an achievement naming none of the job\'s stack is left out');
            assert.doesNotMatch(letter, /Kafka|mid-level|professional with/);
            assert.match(letter, /Sincerely,\nElena Marquez\nelena\.marquez@example\.net$/);
            assert.doesNotMatch(letter, new RegExp(user.email.replace(/[.+]/g, '\\$&')), 'the résumé\'s e-mail, not the account\'s');
            // asked to, the letter names a missing skill as something being learned
            const learning = expectStatus(await create(user, {
                content_type: 'cover_letter', job_id: stripe.id, instructions: 'Say that I am learning Kafka.',
            }), 201).generated_content;
            assert.match(learning, /I am also learning Kafka\./);
            // a LinkedIn note is short and not signed "Sincerely"
            const note = expectStatus(await create(user, { content_type: 'linkedin_message', job_id: stripe.id }), 201).generated_content;
            assert.ok(note.length <= 600, `${note.length} characters`);
            assert.doesNotMatch(note, /Sincerely/);
            assert.match(note, /Best regards,\nElena Marquez$/);
        });

        test('another user\'s or a missing job → 404 naming job_id', async () => {
            expectError(await create(bob, { content_type: 'cover_letter', job_id: job.id }), 404, 'not_found', 'job_id');
            expectError(await create(alice, { content_type: 'cover_letter', job_id: 99999999 }), 404, 'not_found', 'job_id');
        });

        const invalid = [
            ['content_type', undefined], ['content_type', null], ['content_type', 'poem'],
            ['tone', 'angry'], ['tone', 5], ['job_id', 0], ['job_id', '1'],
            ['instructions', 'x'.repeat(4001)], ['instructions', ['a']], ['generator', 'gpt'],
            ['status', 'used'], ['generated_content', 'mine'], ['user_id', 1], ['colour', 'teal'],
        ];
        for (const [field, value] of invalid) {
            test(`${field} = ${String(JSON.stringify(value)).slice(0, 20)} → 422 naming ${field}`, async () => {
                const body = { content_type: 'cover_letter', [field]: value };
                if (value === undefined) delete body[field];
                expectError(await create(alice, body), 422, 'validation_failed', field);
            });
        }

        test('malformed JSON 400, not JSON 415, no token 401', async () => {
            expectError(await srv.api('POST', '/content', { token: alice.token, raw: '[' }), 400, 'bad_request');
            expectError(await srv.api('POST', '/content', { token: alice.token, raw: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
            expectError(await srv.api('POST', '/content', { body: { content_type: 'cover_letter' } }), 401, 'unauthorized');
            expectError(await srv.api('GET', '/content'), 401, 'unauthorized');
        });
    });

    describe('versions', () => {
        test('PATCH content: a new version, user_modifications, status modified', async () => {
            const c = expectStatus(await create(alice, { content_type: 'follow_up', job_id: job.id }), 201);
            const edited = expectStatus(await patch(alice, c.id, { content: 'My own words.', change_note: 'shorter' }), 200);
            assert.equal(edited.user_modifications, 'My own words.');
            assert.equal(edited.generated_content, c.generated_content, 'the generated text stays');
            assert.equal(edited.status, 'modified');
            assert.equal(edited.current_version, 2);
            assert.deepEqual(edited.versions.map((v) => v.version_number), [1, 2]);
            assert.equal(edited.versions[1].content, 'My own words.');
            assert.equal(edited.versions[1].change_note, 'shorter');
            const third = expectStatus(await patch(alice, c.id, { content: 'Third take.' }), 200);
            assert.deepEqual(third.versions.map((v) => v.version_number), [1, 2, 3]);
            assert.equal(third.versions[2].change_note, null);
            // status alone adds no version
            const approved = expectStatus(await patch(alice, c.id, { status: 'approved' }), 200);
            assert.equal(approved.status, 'approved');
            assert.equal(approved.versions.length, 3);
            assert.equal(approved.user_modifications, 'Third take.');
            const used = expectStatus(await patch(alice, c.id, { status: 'used' }), 200);
            assert.equal(used.status, 'used');
            // content and status together
            const both = expectStatus(await patch(alice, c.id, { content: 'Final.', status: 'approved' }), 200);
            assert.equal(both.status, 'approved');
            assert.equal(both.current_version, 4);
            // an empty PATCH changes nothing
            const same = expectStatus(await patch(alice, c.id, {}), 200);
            assert.equal(same.current_version, 4);
            const got = expectStatus(await get(alice, c.id), 200);
            assert.deepEqual(got.versions.map((v) => v.version_number), [1, 2, 3, 4]);
            assert.equal(got.current_version, 4);
        });

        test('PATCH errors: 422 naming the field, 404 for others', async () => {
            const c = expectStatus(await create(alice, { content_type: 'thank_you_note' }), 201);
            for (const [body, field] of [
                [{ content: '' }, 'content'], [{ content: '  ' }, 'content'], [{ content: null }, 'content'],
                [{ content: 7 }, 'content'], [{ status: 'generated' }, 'status'], [{ status: 'modified' }, 'status'],
                [{ status: null }, 'status'], [{ change_note: 'why' }, 'change_note'],
                [{ content: 'x', change_note: 'y'.repeat(501) }, 'change_note'],
                [{ content: 'x', tone: 'casual' }, 'tone'], [{ generated_content: 'x' }, 'generated_content'],
            ])
                expectError(await patch(alice, c.id, body), 422, 'validation_failed', field);
            expectError(await patch(bob, c.id, { content: 'hijack' }), 404, 'not_found');
            expectError(await patch(alice, 99999999, { content: 'x' }), 404, 'not_found');
            expectError(await srv.api('PATCH', `/content/${c.id}`, { token: alice.token, raw: '{"content":' }), 400, 'bad_request');
            const got = expectStatus(await get(alice, c.id), 200);
            assert.equal(got.versions.length, 1, 'nothing was written');
            assert.equal(got.status, 'generated');
        });

        test('restore: a new version copying version n; unknown n 404', async () => {
            const c = expectStatus(await create(alice, { content_type: 'linkedin_message', job_id: job.id }), 201);
            expectStatus(await patch(alice, c.id, { content: 'Edit one.' }), 200);
            expectStatus(await patch(alice, c.id, { content: 'Edit two.' }), 200);
            const res = await restore(alice, c.id, 1);
            const r = expectStatus(res, 200);
            assert.equal(r.current_version, 4);
            assert.deepEqual(r.versions.map((v) => v.version_number), [1, 2, 3, 4]);
            assert.equal(r.versions[3].content, c.generated_content);
            assert.equal(r.versions[3].change_note, 'restored from version 1');
            assert.equal(r.user_modifications, c.generated_content);
            assert.equal(r.status, 'modified');
            const again = expectStatus(await restore(alice, c.id, 2), 200);
            assert.equal(again.versions[4].content, 'Edit one.');
            assert.equal(again.current_version, 5);
            for (const n of [6, 0, 99, 'x'])
                expectError(await restore(alice, c.id, n), 404, 'not_found');
            expectError(await restore(bob, c.id, 1), 404, 'not_found');
            expectError(await restore(alice, 99999999, 1), 404, 'not_found');
            assert.equal(expectStatus(await get(alice, c.id), 200).versions.length, 5);
        });
    });

    describe('reading, listing and deleting', () => {
        test('GET: own only; list envelope with filters', async () => {
            const fresh = await registerUser(srv);
            const freshJob = await createJob(srv, fresh.token);
            const a = expectStatus(await create(fresh, { content_type: 'cover_letter', job_id: freshJob.id }), 201);
            const b = expectStatus(await create(fresh, { content_type: 'thank_you_note', tone: 'concise' }), 201);
            expectStatus(await patch(fresh, b.id, { status: 'approved' }), 200);
            expectError(await get(bob, a.id), 404, 'not_found');
            expectError(await get(fresh, 'abc'), 404, 'not_found');
            let list = expectStatus(await srv.api('GET', '/content', { token: fresh.token }), 200);
            assert.deepEqual(Object.keys(list).sort(), ['items', 'limit', 'offset', 'total']);
            assert.equal(list.total, 2);
            assert.deepEqual(list.items.map((x) => x.id), [b.id, a.id]);
            assert.equal('versions' in list.items[0], false);
            const q = async (query) => expectStatus(await srv.api('GET', `/content?${query}`, { token: fresh.token }), 200).items.map((x) => x.id);
            assert.deepEqual(await q('content_type=cover_letter'), [a.id]);
            assert.deepEqual(await q('status=approved'), [b.id]);
            assert.deepEqual(await q('status=generated'), [a.id]);
            assert.deepEqual(await q(`job_id=${freshJob.id}`), [a.id]);
            assert.deepEqual(await q('tone=concise'), [b.id]);
            assert.deepEqual(await q('sort=created_at'), [a.id, b.id]);
            // an enumerated column sorts in its values' order (generated before approved), as
            // PostgreSQL's enum type does, on both engines (thirty-sixth round: engines_agree)
            assert.deepEqual(await q('sort=status'), [a.id, b.id]);
            assert.deepEqual(await q('sort=-status'), [b.id, a.id]);
            assert.deepEqual(await q('limit=1&offset=1'), [a.id]);
            expectError(await srv.api('GET', '/content?content_type=poem', { token: fresh.token }), 422, 'validation_failed', 'content_type');
            expectError(await srv.api('GET', '/content?status=lost', { token: fresh.token }), 422, 'validation_failed', 'status');
            expectError(await srv.api('GET', '/content?sort=colour', { token: fresh.token }), 422, 'validation_failed', 'sort');
            list = expectStatus(await srv.api('GET', '/content', { token: bob.token }), 200);
            assert.ok(list.items.every((x) => x.user_id === bob.user.id));
        });

        test('DELETE: 204 then 404, versions go too; deleting the job keeps the content', async () => {
            const c = expectStatus(await create(alice, { content_type: 'email_template' }), 201);
            expectError(await srv.api('DELETE', `/content/${c.id}`, { token: bob.token }), 404, 'not_found');
            expectStatus(await srv.api('DELETE', `/content/${c.id}`, { token: alice.token }), 204);
            expectError(await get(alice, c.id), 404, 'not_found');
            expectError(await restore(alice, c.id, 1), 404, 'not_found');
            expectError(await srv.api('DELETE', `/content/${c.id}`, { token: alice.token }), 404, 'not_found');

            const j = await createJob(srv, alice.token);
            const d = expectStatus(await create(alice, { content_type: 'cover_letter', job_id: j.id }), 201);
            expectStatus(await srv.api('DELETE', `/jobs/${j.id}`, { token: alice.token }), 204);
            const kept = expectStatus(await get(alice, d.id), 200);
            assert.equal(kept.job_id, null);
            assert.equal(kept.generated_content, d.generated_content);
        });
    });
});

/* ------------------------------------------------------------------ with a language model */

describe('content with a language model', () => {
    let fake;
    let srv;
    let user;
    let mode = 'ok';

    before(async () => {
        fake = await startFakeModel(() => {
            if (mode === 'fail') return [503, { error: 'overloaded' }];
            if (mode === 'garbage') return [200, 'not json at all'];
            if (mode === 'empty') return [200, { choices: [{ message: { content: '   ' } }] }];
            if (mode === 'slow') return undefined; // never answers: only the server's timeout ends the wait
            return [200, chatAnswer('  Dear team,\nA letter from the model.\n')];
        });
        srv = await startServer({
            env: {
                COPILOT_LLM_URL: fake.url('/v1/chat/completions'),
                COPILOT_LLM_MODEL: 'fake-writer-2',
                COPILOT_LLM_TIMEOUT: '1',
            },
        });
        user = await registerUser(srv);
    });
    after(async () => {
        await srv?.stop();
        await fake?.stop();
    });

    test('success: the model\'s text, generator = model name, stored as version 1', async () => {
        mode = 'ok';
        const job = await createJob(srv, user.token, { company: 'Globex', title: 'SRE' });
        const c = expectStatus(await srv.api('POST', '/content', {
            token: user.token,
            body: { content_type: 'cover_letter', job_id: job.id, tone: 'friendly', instructions: 'Keep it short.' },
        }), 201);
        assert.equal(c.generated_content, 'Dear team,\nA letter from the model.');
        assert.equal(c.generator, 'fake-writer-2');
        assert.equal(c.template_used, null);
        assert.equal(c.fallback, false);
        assert.equal(c.versions[0].content, c.generated_content);
        assert.equal(c.versions[0].change_note, 'generated by fake-writer-2');
        const last = fake.seen[fake.seen.length - 1];
        assert.equal(last.path, '/v1/chat/completions');
        assert.equal(last.auth, undefined, 'no key configured, no Authorization header');
        assert.equal(last.body.model, 'fake-writer-2');
        assert.deepEqual(last.body.messages.map((m) => m.role), ['system', 'user']);
        assert.equal(last.body.messages[1].content, c.generation_prompt);
        assert.match(c.generation_prompt, /SRE at Globex/);
        assert.match(c.generation_prompt, /Tone: friendly/);
        assert.match(c.generation_prompt, /Keep it short\./);
    });

    test('failure, malformed answer or timeout: builtin text, fallback and a warning', async () => {
        const builtin = await (async () => {
            mode = 'fail';
            return expectStatus(await srv.api('POST', '/content', {
                token: user.token, body: { content_type: 'thank_you_note', tone: 'concise' },
            }), 201);
        })();
        for (const [m, pattern] of [['fail', /HTTP 503/], ['garbage', /malformed or empty/],
            ['empty', /malformed or empty/], ['slow', /did not answer/]]) {
            mode = m;
            const c = expectStatus(await srv.api('POST', '/content', {
                token: user.token, body: { content_type: 'thank_you_note', tone: 'concise' },
            }), 201);
            assert.equal(c.generator, 'builtin', m);
            assert.equal(c.fallback, true);
            assert.match(c.warning, pattern);
            assert.match(c.warning, /built-in template was used/);
            assert.equal(c.template_used, 'thank_you_note.concise');
            assert.equal(c.generated_content, builtin.generated_content, 'the builtin text is deterministic');
        }
        mode = 'ok';
    });
});
