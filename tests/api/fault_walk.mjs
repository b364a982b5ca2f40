// The fault walk shared by tests/api/fault_injection*.test.mjs (STYLE.md habit 10;
// docs/decisions.md "Fault injection"): a server started with COPILOT_FAULT_INJECTION=1 makes the
// N-th fallible store call of a request fail when the request says X-Copilot-Fault: N, and
// answers X-Copilot-Fault-Fired: 1 when it did. walk() sends one request of a scenario with
// N = 1, 2, ... until one runs with no fault fired: every faulted attempt must answer the error
// shape of 503 `internal` (an unexpected database failure: src/http/reply.c), leave the server
// alive and leave the user's data as it was before (a transaction rolled back, no partial rows,
// no half-updated counters); then the clean attempt's answer is the step's.

import assert from 'node:assert/strict';
import { expectStatus } from './helpers.mjs';

/* More calls than any request of the scenarios makes: a walk that reaches it is a request that
 * never stops failing (its fault fires every time). */
const MAX_CALLS = 60;

/* The fields of GET /analytics/summary that follow the date (a faulted write's read-back
 * around midnight UTC would see them move). */
const SUMMARY_DATED = ['date', 'week_start', 'month_start', 'applications_today', 'applications_this_week',
    'applications_this_month', 'goal_met', 'goal_remaining', 'goal_progress', 'current_streak'];

/* What the user's data is read from: every list and object of a user. */
const USER_READS = ['/users/me', '/jobs?limit=100', '/applications?limit=100', '/contacts?limit=100',
    '/tasks?limit=100', '/resumes', '/analytics/summary', '/analytics/snapshots', '/interviews',
    '/feedback?limit=100', '/learning-paths/enrolled', '/users/me/preferences', '/content?limit=100',
    '/resources/bookmarks', '/calendar/feed', '/job-sources'];

/*
 * The walk over srv for the user who() ({ token }, or null before there is one). reads() adds
 * what the scenario's objects make readable: paths read with the user's token, or
 * [path, token] pairs read with another (an admin's). Returns { call, walk, json, get, cost }:
 * call(method, path, opts) sends one request with the user's token; json and get make the send
 * of a walk; cost counts steps, faulted attempts and requests for docs/performance.md.
 */
export function faultWalk(srv, { who, reads = () => [] }) {
    const cost = { steps: 0, faulted: 0, requests: 0 };

    const call = (method, p, opts = {}) => {
        cost.requests++;
        return srv.api(method, p, { token: who()?.token, ...opts });
    };

    /* The user's data as the API shows it: what a faulted write must leave unchanged. */
    async function snapshot() {
        const state = {};
        for (const read of [...USER_READS, ...reads()]) {
            const [p, token] = Array.isArray(read) ? read : [read, who()?.token];
            const res = await call('GET', p, { token });
            assert.ok(res.status === 200 || res.status === 404, `${p}: ${res.status} ${res.text.slice(0, 200)}`);
            state[p] = [res.status, res.body];
        }
        // what the summary counts from today's date moves at midnight UTC, not with a write
        for (const key of SUMMARY_DATED) delete state['/analytics/summary'][1][key];
        return state;
    }

    /*
     * Sends send(headers) with X-Copilot-Fault: 1, 2, ... until an attempt runs with no fault
     * fired and returns that attempt's response. Each faulted attempt must be 503 `internal`,
     * the server must still answer /healthz, and, when `writes`, the user's data must read back
     * as before the step. With `recovers`, a faulted attempt may instead succeed (2xx): the
     * request took another way round the failed call (the import replays a batch row by row);
     * send must then make a request that changes nothing of the one before (new rows), and the
     * walk goes on from the state it left. A read (not `writes`) may succeed in spite of a
     * fault in work it may do without (a cache or a clean-up it writes on the side: the
     * recommendations' log of score changes): its answer must then be the clean attempt's.
     * `apart(state)`, when given,
     * takes out of each read-back what the request commits on purpose before the work that may
     * fail (the fetch of a job source leases the source first, for other servers to see: the
     * source's row_version moves).
     */
    async function walk(label, send, { writes = true, state = writes && who(), recovers = false, apart = (x) => x } = {}) {
        cost.steps++;
        const read = async () => apart(await snapshot());
        let before = state ? await read() : null;
        const answered = []; // a read's faulted attempts that succeeded: [n, body]
        for (let n = 1; n <= MAX_CALLS; n++) {
            cost.requests++;
            const res = await send({ 'X-Copilot-Fault': String(n) });
            if (res.headers.get('x-copilot-fault-fired') !== '1') {
                for (const [k, body] of answered)
                    assert.deepEqual(body, res.body, `${label}: the answer with a fault at call ${k}`);
                return res;
            }
            cost.faulted++;
            const where = `${label}, fault at call ${n}`;
            if ((recovers || !writes) && res.status >= 200 && res.status < 300) {
                if (writes) before = await read();
                else answered.push([n, res.body]);
                continue;
            }
            assert.equal(res.status, 503, `${where}: ${res.status} ${res.text.slice(0, 300)}`);
            assert.equal(res.body?.error?.code, 'internal', `${where}: ${res.text.slice(0, 300)}`);
            assert.equal(res.headers.get('retry-after'), null, `${where}: not a failover, no Retry-After`);
            cost.requests++;
            expectStatus(await srv.request('GET', '/healthz'), 200);
            if (before) assert.deepEqual(await read(), before, `${where}: the failed write left something behind`);
        }
        assert.fail(`${label}: still failing with a fault at call ${MAX_CALLS}`);
    }

    const json = (method, p, body) => (headers) => call(method, p, { body, headers });
    const get = (p) => (headers) => call('GET', p, { headers });
    return { call, walk, json, get, cost };
}
