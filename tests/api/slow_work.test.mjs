// Slow work never holds the request threads (issue 8 item 7): with the language model behind a
// deliberately slow fake (it answers after 3 s), eight concurrent POST /content run on the work
// pool with their connections suspended, while /healthz and ordinary reads (GET /jobs) keep
// answering fast; beyond the pool's queue the answer is 503 busy with Retry-After, and a job
// that waited past COPILOT_WORK_TIMEOUT is answered the same way without running.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { assertResponsive, createJob, expectError, expectStatus, registerUser, startServer } from './helpers.mjs';

/* A fake OpenAI-compatible endpoint answering after delayMs; counts requests in flight. */
async function slowModel(delayMs) {
    const state = { inFlight: 0, maxInFlight: 0, served: 0 };
    const server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
            state.inFlight++;
            state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
            setTimeout(() => {
                state.inFlight--;
                state.served++;
                if (res.destroyed) return;
                res.writeHead(200, { 'content-type': 'application/json' });
                res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Dear team,\nA slow letter.' } }] }));
            }, delayMs);
        });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    state.url = `http://127.0.0.1:${server.address().port}/v1`;
    state.close = () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); });
    return state;
}

/* Wall-clock milliseconds of one request (asserting its status). */
async function timed(srv, path, token, status = 200) {
    const res = await srv.request('GET', path, { token });
    expectStatus(res, status);
    return res.ms; // the exchange only, not the conformance check that follows it
}

describe('slow work off the request threads', () => {
    let model;
    let srv;
    let user;

    before(async () => {
        model = await slowModel(3000);
        srv = await startServer({
            env: { COPILOT_LLM_URL: model.url, COPILOT_LLM_MODEL: 'slow-writer', COPILOT_LLM_TIMEOUT: '20' },
        });
        user = await registerUser(srv);
        for (let i = 0; i < 5; i++) await createJob(srv, user.token);
    });
    after(async () => {
        await srv?.stop();
        await model?.close();
    });

    test('8 concurrent POST /content against a 3 s model: /healthz and GET /jobs stay under 100 ms', async () => {
        const generations = Array.from({ length: 8 }, () => srv.api('POST', '/content', {
            token: user.token, body: { content_type: 'cover_letter', tone: 'professional' }, timeout: 60000,
        }));
        // let every request reach the server and the first ones the model
        const deadline = Date.now() + 5000;
        while (model.inFlight === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        assert.ok(model.inFlight > 0, 'the model should be busy');
        const health = [];
        const reads = [];
        for (let i = 0; i < 50; i++) {
            health.push(await timed(srv, '/healthz'));
            reads.push(await timed(srv, '/api/v1/jobs', user.token));
        }
        assert.ok(model.inFlight > 0 || model.served < 8, 'the measurements ran while the model was still busy');
        console.log(`# model requests in flight at most ${model.maxInFlight}`);
        assertResponsive(health, 'under load: /healthz');
        assertResponsive(reads, 'under load: GET /jobs');
        const results = await Promise.all(generations);
        for (const res of results) {
            const c = expectStatus(res, 201);
            assert.equal(c.generator, 'slow-writer');
            assert.equal(c.generated_content, 'Dear team,\nA slow letter.');
        }
        // one kind never takes every worker (default 8 workers: at most 4 model calls at once)
        assert.ok(model.maxInFlight <= 4, `at most 4 model calls at once, saw ${model.maxInFlight}`);
    });
});

describe('the work pool\'s limits', () => {
    test('beyond COPILOT_WORK_QUEUE: 503 busy with Retry-After; the accepted ones complete', async () => {
        const model = await slowModel(1500);
        const srv = await startServer({
            env: { COPILOT_LLM_URL: model.url, COPILOT_LLM_TIMEOUT: '20', COPILOT_WORKERS: '1', COPILOT_WORK_QUEUE: '2' },
        });
        try {
            const user = await registerUser(srv);
            const results = await Promise.all(Array.from({ length: 5 }, () => srv.api('POST', '/content', {
                token: user.token, body: { content_type: 'cover_letter' }, timeout: 60000,
            })));
            const created = results.filter((r) => r.status === 201);
            const busy = results.filter((r) => r.status === 503);
            assert.equal(created.length, 2, results.map((r) => r.status).join(','));
            assert.equal(busy.length, 3);
            for (const res of busy) {
                expectError(res, 503, 'busy');
                assert.match(res.headers.get('retry-after') || '', /^\d+$/);
            }
            // the server is fine afterwards
            expectStatus(await srv.api('POST', '/content', { token: user.token, body: { content_type: 'cover_letter' } }), 201);
        } finally {
            await srv.stop();
            await model.close();
        }
    });

    test('a job that waited past COPILOT_WORK_TIMEOUT answers 503 without calling the model', async () => {
        const model = await slowModel(2500);
        const srv = await startServer({
            env: { COPILOT_LLM_URL: model.url, COPILOT_LLM_TIMEOUT: '20', COPILOT_WORKERS: '1', COPILOT_WORK_TIMEOUT: '1' },
        });
        try {
            const user = await registerUser(srv);
            const first = srv.api('POST', '/content', { token: user.token, body: { content_type: 'cover_letter' } });
            while (model.inFlight === 0) await new Promise((r) => setTimeout(r, 20));
            const second = await srv.api('POST', '/content', { token: user.token, body: { content_type: 'cover_letter' } });
            expectError(second, 503, 'busy');
            expectStatus(await first, 201);
            assert.equal(model.served, 1, 'the expired job never reached the model');
        } finally {
            await srv.stop();
            await model.close();
        }
    });
});
