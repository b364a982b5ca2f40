// PDF parsing under limits (issue 8 item 7; docs/security.md "PDF parsing under limits"):
// tests/fixtures/bomb.pdf is about 5 KB and expands to 1.5 GiB of drawing operators
// (tests/fixtures/make_resume_fixtures.py). Uploaded, it is stored with parsing_status failed
// and a parsing_error that says what happened, within a bounded time (COPILOT_PDF_TIMEOUT),
// while /healthz keeps answering; with COPILOT_MAX_PARSES=1 concurrent bombs still all end,
// each with a clear reason, and a good PDF afterwards parses as usual.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, expectStatus, registerUser, startServer } from './helpers.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name));
const TIMEOUT_S = 2;
// A bomb is stopped by the wall clock or, when pdftotext has had the CPU all along (a quiet
// machine, a slow server such as an ASan build noticing its deadline late), by its CPU limit of
// as many seconds (RLIMIT_CPU): both say so, and which comes first is a race.
const STOPPED = new RegExp(`longer than ${TIMEOUT_S} seconds|more than ${TIMEOUT_S} CPU seconds`);

describe('PDF parsing under limits', () => {
    let srv;
    let user;

    before(async () => {
        srv = await startServer({ env: { COPILOT_PDF_TIMEOUT: String(TIMEOUT_S), COPILOT_MAX_PARSES: '1' } });
        user = await registerUser(srv);
    });
    after(async () => { await srv?.stop(); });

    const upload = (bytes, filename) => {
        const form = new FormData();
        form.append('file', new Blob([bytes], { type: 'application/pdf' }), filename);
        return srv.api('POST', '/resumes', { token: user.token, raw: form, timeout: 120000 });
    };

    /* Polls /healthz every 100 ms until stop() is called; resolves to the slowest answer (ms). */
    function watchHealth() {
        let running = true;
        let slowest = 0;
        let failures = 0;
        const done = (async () => {
            while (running) {
                const started = Date.now();
                try {
                    const res = await srv.request('GET', '/healthz');
                    if (res.status !== 200) failures++;
                } catch {
                    failures++;
                }
                slowest = Math.max(slowest, Date.now() - started);
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            return { slowest, failures };
        })();
        return { stop: () => { running = false; return done; } };
    }

    test('a PDF bomb is stored as failed, with the reason, in bounded time; /healthz answers', async (t) => {
        const health = watchHealth();
        const started = Date.now();
        const res = await upload(fixture('bomb.pdf'), 'bomb.pdf');
        const elapsed = Date.now() - started;
        const { slowest, failures } = await health.stop();
        const r = expectStatus(res, 201);
        assert.equal(r.file_type, 'pdf');
        assert.equal(r.parsing_status, 'failed');
        assert.match(r.parsing_error, STOPPED, r.parsing_error);
        assert.deepEqual(r.extracted_skills, []);
        // the reason says which limit ended the parse; the time is only told (a loaded machine
        // stretches it) and bounded by the upload's own timeout
        t.diagnostic(`the upload took ${elapsed} ms; /healthz up to ${slowest} ms meanwhile`);
        assert.equal(failures, 0, '/healthz always answered 200');
        // the row says the same when read back
        const back = expectStatus(await srv.api('GET', `/resumes/${r.id}`, { token: user.token }), 200);
        assert.equal(back.parsing_status, 'failed');
        assert.equal(back.parsing_error, r.parsing_error);
    });

    test('three bombs at once with one parse slot: all end, each with a clear reason', async () => {
        const health = watchHealth();
        const all = await Promise.all([1, 2, 3].map((i) => upload(fixture('bomb.pdf'), `bomb-${i}.pdf`)));
        const { failures } = await health.stop();
        for (const res of all) {
            const r = expectStatus(res, 201);
            assert.equal(r.parsing_status, 'failed');
            assert.match(r.parsing_error, new RegExp(`${STOPPED.source}|too many PDFs at once`), r.parsing_error);
        }
        assert.equal(failures, 0, '/healthz always answered 200');
        // and the slot is free again: a real résumé parses
        const good = expectStatus(await upload(fixture('resume.pdf'), 'resume.pdf'), 201);
        assert.equal(good.parsing_status, 'completed');
        assert.ok(good.extracted_skills.length > 0);
    });
});
