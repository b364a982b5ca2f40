// Slow work never holds the request threads (issue 8 item 7): with the language model behind a
// fake that holds every call until the test lets it answer, eight concurrent POST /content run on
// the work pool with their connections suspended, while /healthz and ordinary reads (GET /jobs)
// are all answered before the model has answered anything; beyond the pool's queue the answer is
// 503 busy with Retry-After, and a job that waited past COPILOT_WORK_TIMEOUT is answered the same
// way without running. No bound on a time here (a loaded machine stretches every one): that the
// reads were answered while every model call was still held is what shows they did not wait.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createJob, expectError, expectStatus, registerUser, sleep, startServer } from './helpers.mjs';

/* A fake OpenAI-compatible endpoint that holds each call until release() (or, with delayMs,
 * answers after that long once released); counts the calls in flight and served. */
async function heldModel(delayMs = 0) {
    const state = { inFlight: 0, maxInFlight: 0, served: 0, released: false };
    const waiting = [];
    const answer = (res) => setTimeout(() => {
        state.inFlight--;
        state.served++;
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Dear team,\nA slow letter.' } }] }));
    }, delayMs);
    const server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
            state.inFlight++;
            state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
            if (state.released) answer(res);
            else waiting.push(res);
        });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    state.url = `http://127.0.0.1:${server.address().port}/v1`;
    state.release = () => {
        state.released = true;
        for (const res of waiting.splice(0)) answer(res);
    };
    state.close = () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); });
    return state;
}

/* Waits until predicate() holds; fails after ms (a bound on a hang, not a measure of speed). */
async function until(predicate, ms, what) {
    const deadline = Date.now() + ms;
    while (!predicate()) {
        assert.ok(Date.now() < deadline, `${what} (waited ${ms} ms)`);
        await sleep(20);
    }
}

describe('slow work off the request threads', () => {
    let model;
    let srv;
    let user;

    before(async () => {
        model = await heldModel();
        srv = await startServer({
            // the held calls and the queued ones wait as long as the reads below take
            env: { COPILOT_LLM_URL: model.url, COPILOT_LLM_MODEL: 'slow-writer', COPILOT_LLM_TIMEOUT: '300', COPILOT_WORK_TIMEOUT: '300' },
        });
        user = await registerUser(srv);
        for (let i = 0; i < 5; i++) await createJob(srv, user.token);
    });
    after(async () => {
        model?.release();
        await srv?.stop();
        await model?.close();
    });

    test('8 concurrent POST /content against a held model: /healthz and GET /jobs answer meanwhile', async () => {
        const generations = Array.from({ length: 8 }, () => srv.api('POST', '/content', {
            token: user.token, body: { content_type: 'cover_letter', tone: 'professional' }, timeout: 300000,
        }));
        // every worker the kind may take holds a model call (default 8 workers: 4 of them)
        await until(() => model.inFlight === 4, 60000, `4 model calls in flight, saw ${model.inFlight}`);
        for (let i = 0; i < 50; i++) {
            expectStatus(await srv.request('GET', '/healthz'), 200);
            expectStatus(await srv.request('GET', '/api/v1/jobs', { token: user.token }), 200);
        }
        assert.equal(model.served, 0, 'the reads were all answered while every model call was held');
        assert.equal(model.inFlight, 4);
        model.release();
        const results = await Promise.all(generations);
        for (const res of results) {
            const c = expectStatus(res, 201);
            assert.equal(c.generator, 'slow-writer');
            assert.equal(c.generated_content, 'Dear team,\nA slow letter.');
        }
        // one kind never takes every worker (default 8 workers: at most 4 model calls at once)
        assert.ok(model.maxInFlight <= 4, `at most 4 model calls at once, saw ${model.maxInFlight}`);
        assert.equal(model.served, 8);
    });
});

describe('the work pool\'s limits', () => {
    test('beyond COPILOT_WORK_QUEUE: 503 busy with Retry-After; the accepted ones complete', async () => {
        const model = await heldModel();
        const srv = await startServer({
            env: {
                COPILOT_LLM_URL: model.url, COPILOT_LLM_TIMEOUT: '300', COPILOT_WORKERS: '1',
                COPILOT_WORK_QUEUE: '2', COPILOT_WORK_TIMEOUT: '300',
            },
        });
        try {
            const user = await registerUser(srv);
            const answered = [];
            const all = Array.from({ length: 5 }, () => srv.api('POST', '/content', {
                token: user.token, body: { content_type: 'cover_letter' }, timeout: 300000,
            }).then((res) => { answered.push(res.status); return res; }));
            // the refused ones answer at once; the accepted ones wait for the held model
            await until(() => answered.length >= 3, 60000, `3 answered before the model, saw ${answered}`);
            assert.deepEqual(answered, [503, 503, 503]);
            model.release();
            const results = await Promise.all(all);
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
            model.release();
            await srv.stop();
            await model.close();
        }
    });

    test('a job that waited past COPILOT_WORK_TIMEOUT answers 503 without calling the model', async () => {
        const model = await heldModel();
        const srv = await startServer({
            env: { COPILOT_LLM_URL: model.url, COPILOT_LLM_TIMEOUT: '300', COPILOT_WORKERS: '1', COPILOT_WORK_TIMEOUT: '1' },
        });
        try {
            const user = await registerUser(srv);
            const first = srv.api('POST', '/content', { token: user.token, body: { content_type: 'cover_letter' }, timeout: 300000 });
            await until(() => model.inFlight === 1, 60000, 'the first call reached the model');
            const second = srv.api('POST', '/content', { token: user.token, body: { content_type: 'cover_letter' } });
            // the second waits behind the held first: queued within 3 s of being sent, it has
            // waited past the 1 s when the worker is free again (the pool checks at the start)
            await sleep(4000);
            model.release();
            expectError(await second, 503, 'busy');
            expectStatus(await first, 201);
            assert.equal(model.served, 1, 'the expired job never reached the model');
        } finally {
            model.release();
            await srv.stop();
            await model.close();
        }
    });
});
