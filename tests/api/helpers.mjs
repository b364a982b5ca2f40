// This file holds what every API test file shares: starting the real `copilot serve` binary on a
// port of its own choosing (--port 0) against a fresh database (SQLite file or a new PostgreSQL
// database, chosen by COPILOT_TEST_ENGINE: a copy of a template the binary migrated once, or empty on request), a
// small JSON client, user helpers, the CLI runner and the assertions for the SPEC's error shape
// and timestamp formats. Node 20's node:http (a keep-alive agent per server: sendRequest),
// node:test and node:assert, and the conformance check
// (conformance.mjs, with ajv from tests/api/package.json: `npm ci` there, which scripts/run-tests
// does): EVERY response a test receives through request()/api() is checked against the server's
// OpenAPI document, and a violation fails the test at that call.
//
// Environment (set by scripts/run-tests):
//   COPILOT_TEST_ENGINE   sqlite (default) | postgresql
//   COPILOT_BIN           absolute path of the server binary (default build/copilot)
//   COPILOT_TEST_PG_DIR   directory of a running scripts/pg-throwaway cluster (postgresql only)
//   COPILOT_TEST_RUNNER   optional command prefix, e.g. "valgrind --error-exitcode=99"
//   COPILOT_TEST_SLOW     optional factor (a number, 1 to 20) on the bounds on a hang when the
//                         binary is slower without a RUNNER: `make asan` sets 4 (the ASan+UBSan build)
//   COPILOT_CONFORMANCE_DIR  optional: each test process writes how many responses it checked

import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { conformance } from './conformance.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ENGINE = process.env.COPILOT_TEST_ENGINE || 'sqlite';
export const BIN = path.resolve(ROOT, process.env.COPILOT_BIN || 'build/copilot');
const RUNNER = (process.env.COPILOT_TEST_RUNNER || '').split(' ').filter(Boolean);
/* True under a RUNNER such as valgrind: what is too slow there (or what its signals would hit)
 * skips itself. */
export const UNDER_RUNNER = RUNNER.length > 0;
/* The factor on every bound on a hang (request, CLI and wait timeouts; never an assertion about
 * speed): 20 under a RUNNER (valgrind), COPILOT_TEST_SLOW for a slower binary that runs without
 * one (the ASan+UBSan build of `make asan`: 4), 1 otherwise. */
export const SLOW = UNDER_RUNNER ? 20 : slowFactor(process.env.COPILOT_TEST_SLOW);

function slowFactor(value) {
    if (value === undefined || value === '') return 1;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 1 || n > 20)
        throw new Error(`COPILOT_TEST_SLOW must be a number from 1 to 20, not ${JSON.stringify(value)}`);
    return n;
}

export const API = '/api/v1';
export const PASSWORD = 'correct horse battery';

/* Every status an application can have, in pipeline order (SPEC part A and C). */
export const APPLICATION_STATUSES = [
    'interested', 'applied', 'phone_screen', 'interview', 'technical', 'offer',
    'accepted', 'declined', 'rejected', 'withdrawn', 'ghosted',
];

if (!['sqlite', 'postgresql'].includes(ENGINE))
    throw new Error(`COPILOT_TEST_ENGINE must be sqlite or postgresql, not ${ENGINE}`);

/* ------------------------------------------------------------------ small utilities */

let counter = 0;
/* A name unique within this run: lower-case letters, digits and underscores only. */
export function uniqueName(prefix = 'u') {
    counter += 1;
    return `${prefix}_${process.pid}_${counter}_${randomBytes(3).toString('hex')}`;
}

/* Today's date in UTC as YYYY-MM-DD. */
export function today(offsetDays = 0) {
    return new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/* For a file whose data, made once in its before(), is counted against the day it was made
 * (today's applications, this week's): resolves at once, unless UTC midnight is less than
 * minutes away, and then once it has passed (a bound: a wait of at most minutes, on a CI run
 * that starts the file just before midnight). */
export async function awayFromMidnight(minutes = 5) {
    const left = 86400000 - (Date.now() % 86400000);
    if (left < minutes * 60000) await sleep(left + 1000);
}

/* Runs body, the steps of a test that compare a day the server computes ("today", applied_date
 * set on apply, what is due) with one computed here, within one UTC day: when the day changed
 * between its start and its end (CI runs at any hour), its outcome says nothing either way and
 * body runs once more, wholly within the new day (a day lasts longer than any test). A failure
 * within one day fails as usual. body must be safe to run twice (a user of its own, or reads). */
export async function withinOneDay(body) {
    const day = today();
    try {
        const result = await body();
        if (today() === day) return result;
    } catch (e) {
        if (today() === day) throw e;
    }
    return body();
}

/* The whole body of a request to a fake server of a test (node:http), as text. */
export function readBody(req) {
    return new Promise((resolve) => {
        let data = '';
        req.on('data', (c) => { data += c; });
        req.on('end', () => resolve(data));
    });
}

export const RFC3339_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function assertTimestamp(value, what = 'timestamp') {
    assert.equal(typeof value, 'string', `${what} should be a string, got ${JSON.stringify(value)}`);
    assert.match(value, RFC3339_Z, `${what} should be RFC 3339 UTC with Z`);
    assert.ok(!Number.isNaN(Date.parse(value)), `${what} should parse: ${value}`);
}

/* SHA-256 hex of a string, as the job fingerprint is defined (SPEC part C). */
export function sha256(text) {
    return createHash('sha256').update(text, 'utf8').digest('hex');
}

/* A list body's items: the SPEC's {items, ...} envelope, or a bare array where the SPEC is
 * silent about the envelope (exports, follow-ups). */
export function itemsOf(body) {
    if (Array.isArray(body)) return body;
    assert.ok(body && Array.isArray(body.items), `expected a list body, got ${JSON.stringify(body)}`);
    return body.items;
}

/* ------------------------------------------------------------------ assertions on responses */

function describeResponse(res) {
    const body = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    return `${res.method} ${res.path} -> ${res.status} ${String(body).slice(0, 600)}`;
}

/* Asserts the status and returns the body. (The messages are built only for a failure: a list's
 * body is long to serialise, and most calls pass.) */
export function expectStatus(res, status) {
    if (Array.isArray(status)) {
        if (!status.includes(res.status)) assert.fail(`expected one of ${status}: ${describeResponse(res)}`);
    } else if (res.status !== status) {
        assert.equal(res.status, status, describeResponse(res));
    }
    return res.body;
}

/* Asserts the SPEC's error shape {"error": {"code", "message", "field"?}} with the given status
 * and code; field is checked when given (a string, or an array of acceptable names). */
export function expectError(res, status, code, field) {
    assert.equal(res.status, status, describeResponse(res));
    const error = res.body && res.body.error;
    assert.ok(error && typeof error === 'object', `no error object: ${describeResponse(res)}`);
    assert.equal(error.code, code, describeResponse(res));
    assert.equal(typeof error.message, 'string', describeResponse(res));
    assert.ok(error.message.length > 0, `empty error message: ${describeResponse(res)}`);
    if (field !== undefined) {
        const fields = Array.isArray(field) ? field : [field];
        assert.ok(fields.includes(error.field),
            `error.field should be ${fields.join(' or ')}: ${describeResponse(res)}`);
    }
    return error;
}

/* One test per [field, value] of invalid: send(body), body being valid()'s fresh valid body (a
 * function, async or not) with field set to value (left out when value is undefined), answers
 * 422 validation_failed naming field. The tests of a route's refused fields. */
export function testRefusedFields(invalid, valid, send) {
    for (const [field, value] of invalid) {
        const shown = String(JSON.stringify(value));
        const name = shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
        test(`${field} = ${name} → 422 naming ${field}`, async () => {
            const body = { ...(await valid()), [field]: value };
            if (value === undefined) delete body[field];
            expectError(await send(body), 422, 'validation_failed', field);
        });
    }
}

/* A 400 or 422 error whose code matches its status (for inputs the SPEC could read either way:
 * "malformed query" or "well-formed but invalid value"). */
export function expectBadInput(res, field) {
    assert.ok([400, 422].includes(res.status), `expected 400 or 422: ${describeResponse(res)}`);
    return expectError(res, res.status, res.status === 400 ? 'bad_request' : 'validation_failed', field);
}

/* ------------------------------------------------------------------ processes */

const children = new Set();
process.on('exit', () => {
    for (const child of children) {
        try { child.kill('SIGKILL'); } catch { /* already gone */ }
    }
});

/* A fresh database URL for the engine under test: a copy of a database the binary under test
 * migrated once (a template: a file on SQLite, a template database of the cluster on
 * PostgreSQL), already at its latest schema, so a server starts without running every migration
 * again. options.empty: a database with no schema at all instead, for what must start from zero
 * (migrations, migrate-on-start, copy-db targets, a database an older binary made).
 * options.engine: another engine than the one under test (engines_agree.test.mjs: a SQLite
 * database beside the PostgreSQL pass's). */
export function freshDatabase(tmpDir, options = {}) {
    if ((options.engine || ENGINE) === 'sqlite') {
        const file = path.join(tmpDir, 'copilot.db');
        if (!options.empty) copySqliteTemplate(file);
        return `sqlite:${file}`;
    }
    const pgDir = process.env.COPILOT_TEST_PG_DIR;
    assert.ok(pgDir, 'COPILOT_TEST_PG_DIR must name a running pg-throwaway cluster');
    const name = uniqueName('api').toLowerCase();
    const template = options.empty ? [] : [pgTemplate(pgDir)];
    return execFileSync(PG_THROWAWAY, ['createdb', pgDir, name, ...template], { encoding: 'utf8' }).trim();
}

const PG_THROWAWAY = path.join(ROOT, 'scripts', 'pg-throwaway');

/* The templates are named after the binary's SHA-256: its migrations are compiled into it, so a
 * binary rebuilt with another migration set gets a template of its own, never one made by
 * another binary. Made by `copilot migrate up` (under the RUNNER when there is one), once per
 * cluster (PostgreSQL) or per machine (SQLite) and binary. */
let binaryKey;
export function templateKey() {
    binaryKey ??= createHash('sha256').update(fs.readFileSync(BIN)).digest('hex').slice(0, 16);
    return binaryKey;
}
const TEMPLATE_DATA_DIR = path.join(os.tmpdir(), 'copilot-template-data');

/* PostgreSQL: scripts/pg-throwaway template makes it under a lock on the cluster's directory (the
 * runner's two files at once, and the SQLite and PostgreSQL suites side by side) and marks it a
 * template nobody connects to; each database is a file copy of it (createdb ... TEMPLATE). */
let pgTemplateName;
function pgTemplate(pgDir) {
    pgTemplateName ??= execFileSync(PG_THROWAWAY,
        ['template', pgDir, `copilot_${templateKey()}`, ...RUNNER, BIN, 'migrate', 'up'],
        { encoding: 'utf8', env: { ...process.env, COPILOT_DATA_DIR: TEMPLATE_DATA_DIR }, timeout: 120000 * SLOW }).trim();
    return pgTemplateName;
}

/* SQLite: the template is a file in os.tmpdir()/copilot-test-templates-UID, made under another name
 * and renamed into place once whole (two processes that make it at once each rename a complete
 * file; no lock needed); each database is a copy of it. Templates of other binaries a day old are
 * removed when a new one is made (a copy that finds its template gone makes it again). */
export const SQLITE_TEMPLATES = path.join(os.tmpdir(), `copilot-test-templates-${os.userInfo().uid}`);
function copySqliteTemplate(file) {
    const template = path.join(SQLITE_TEMPLATES, `${templateKey()}.db`);
    for (let attempt = 0; ; attempt++) {
        if (!fs.existsSync(template)) makeSqliteTemplate(template);
        try {
            fs.copyFileSync(template, file);
            return;
        } catch (e) {
            if (e.code !== 'ENOENT' || attempt > 0) throw e;
        }
    }
}

function makeSqliteTemplate(template) {
    fs.mkdirSync(SQLITE_TEMPLATES, { recursive: true });
    const dayAgo = Date.now() - 86400000;
    for (const old of fs.readdirSync(SQLITE_TEMPLATES)) {
        const f = path.join(SQLITE_TEMPLATES, old);
        try { if (fs.statSync(f).mtimeMs < dayAgo) fs.rmSync(f, { force: true }); } catch { /* gone */ }
    }
    const partial = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
        runCli(['migrate', 'up'], { COPILOT_DATA_DIR: TEMPLATE_DATA_DIR, COPILOT_DATABASE_URL: `sqlite:${partial}` },
            { timeout: 120000 });
        for (const side of ['-wal', '-shm', '-journal'])
            assert.ok(!fs.existsSync(partial + side), `copilot migrate up left ${partial}${side}`);
        fs.renameSync(partial, template);
    } finally {
        fs.rmSync(partial, { force: true });
    }
}

/* Runs sql on the database at dbUrl (sqlite:PATH or postgresql://...) with the engine's own
 * client (sqlite3, psql) and returns the rows as arrays of text fields (NULL as ''). Values must
 * not contain tabs or newlines (select hex(...) or length(...) of bytes). For checks of what is
 * stored that the API does not show; never for setting up what a test could do through it.
 * sqlite3 waits up to 10 s for a lock (the server's connections wait 5 s, busy_timeout): a read
 * beside the server's WAL checkpoint otherwise fails at once with "database is locked". */
export function sqlRows(dbUrl, sql) {
    const out = dbUrl.startsWith('sqlite:')
        ? execFileSync('sqlite3', ['-batch', '-noheader', '-separator', '\t', '-cmd', '.timeout 10000',
            dbUrl.slice(7), sql],
            { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
        : execFileSync('psql', ['-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', dbUrl, '-c', sql],
            { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return out.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

/* Runs the copilot CLI with args and extra env; returns its stdout (throws on failure, with
 * stderr in the message). options: maxBuffer, the largest stdout accepted (default 64 MiB);
 * timeout in ms (default 30 s), times SLOW like a request's. */
export function runCli(args, env = {}, options = {}) {
    const [cmd, ...prefix] = RUNNER.length ? RUNNER : [BIN];
    const argv = RUNNER.length ? [...prefix, BIN, ...args] : args;
    try {
        return execFileSync(cmd, argv, {
            encoding: 'utf8',
            env: { ...process.env, ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: (options.timeout || 30000) * SLOW,
            maxBuffer: options.maxBuffer || 64 * 1024 * 1024,
        });
    } catch (e) {
        throw new Error(`copilot ${args.join(' ')} failed (${e.status}): ${e.stderr || e.message}`);
    }
}

/* runCli without blocking this process (for a CLI run that talks to a server of this test,
 * such as the fake job boards): resolves to stdout, rejects like runCli. */
export function runCliAsync(args, env = {}) {
    const [cmd, ...prefix] = RUNNER.length ? RUNNER : [BIN];
    const argv = RUNNER.length ? [...prefix, BIN, ...args] : args;
    return new Promise((resolve, reject) => {
        execFile(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 * SLOW },
            (error, stdout, stderr) => {
                if (error) reject(new Error(`copilot ${args.join(' ')} failed (${error.code}): ${stderr || error.message}`));
                else resolve(stdout);
            });
    });
}

/* runCli that never throws: { status, stdout, stderr } of the run (for what a command writes
 * to stderr, such as its progress). */
export function runCliResult(args, env = {}, options = {}) {
    const [cmd, ...prefix] = RUNNER.length ? RUNNER : [BIN];
    const argv = RUNNER.length ? [...prefix, BIN, ...args] : args;
    const r = spawnSync(cmd, argv, {
        encoding: 'utf8',
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: (options.timeout || 30000) * SLOW,
        maxBuffer: options.maxBuffer || 64 * 1024 * 1024,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/* ------------------------------------------------------------------ the server */

/* Servers and srv.cli() runs hash new passwords at libsodium's minimum cost
 * (COPILOT_TEST_WEAK_PASSWORD_HASH=1, src/lib/crypto.c): one hash at the production cost takes
 * about 0.3 CPU-seconds, and the hashes were most of the API suites' CPU (docs/performance.md,
 * "The API suites' CPU (nineteenth round)"). A file that tests the hashing itself calls
 * realPasswordHashes() before it starts a server (auth.test.mjs does). */
let weakPasswordHashes = true;
export function realPasswordHashes() { weakPasswordHashes = false; }
const hashCost = () => ({ COPILOT_TEST_WEAK_PASSWORD_HASH: weakPasswordHashes ? '1' : '' });

/*
 * Starts `copilot serve` on a port of its choosing (--port 0) against a fresh database (freshDatabase's copy of the
 * migrated template; with options.empty one with no schema, which the server migrates at start;
 * options.dbUrl names one; options.engine another engine than the one under test) and waits for
 * GET /healthz to answer 200. options.env adds
 * environment variables (e.g. COPILOT_MAX_BODY). Returns
 *   { base, port, dbUrl, dataDir, pid, url(path), request(method, path, opts), api(method, path, opts),
 *     cli(args), stderr(), kill(), stop() }
 * api() prefixes /api/v1; request() takes the path as is. opts: { token, body, raw, headers }:
 * body is sent as JSON, raw as is (string, Buffer or FormData). Every response is checked
 * against the OpenAPI document (conformance.mjs); opts.unchecked skips that for the rare test
 * that sends what the document cannot describe (none does today). Both resolve to
 * { status, headers, body, text, method, path, ms } where body is parsed JSON when the response
 * is JSON, else the text (null when empty), and ms the time the exchange took (without the
 * conformance check).
 */
export async function startServer(options = {}) {
    return startOnce(options);
}

/* Whether GET /healthz on port answers 200 within ms, on a connection of its own that is closed
 * after it (not in the server's pool: a refused connection while the server starts must not
 * leave anything behind; sendRequest says how the pool treats a connection idle too long). */
function healthy(port, ms) {
    return new Promise((resolve) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: ms }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode === 200));
            res.on('error', () => resolve(false));
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(false));
    });
}

/* The headers Node's fetch sent with every request (the client until the twenty-fourth round):
 * sent still, so the server sees the same requests (a User-Agent for sessions and feedback,
 * gzip accepted for the static files). A request's own headers replace them. */
const FETCH_HEADERS = {
    accept: '*/*', 'accept-language': '*', 'sec-fetch-mode': 'cors', 'user-agent': 'node',
    'accept-encoding': 'gzip, deflate',
};
/* On a kept-alive socket: until when (performance.now()) it may carry another request. */
const REUSE_UNTIL = Symbol('reuse until');
const utf8 = new TextDecoder(); // as fetch's text(): a leading BOM dropped, bad bytes U+FFFD

/*
 * One exchange on agent's kept-alive connections to 127.0.0.1:port (node:http: fetch cost
 * twice the CPU per request, docs/performance.md "The API suites' HTTP client (twenty-fourth
 * round)"). Resolves to { status, headers (a Headers), text } with a gzip or deflate body
 * decoded as fetch did; a 3xx is returned, not followed. Rejects with an error naming method
 * and path when the connection fails or no complete response came within ms.
 *
 * The idle connection (docs/performance.md, "Fetch failed under load (nineteenth round)"): the
 * server keeps an idle keep-alive connection at least the Keep-Alive: timeout=N it announces
 * (COPILOT_HEADER_TIMEOUT; until COPILOT_IDLE_TIMEOUT, 60 s by default, in fact), then shuts it
 * down. The agent's own timer drops a free socket 1 s before N, but a timer fires only when the
 * event loop runs: after a long synchronous CLI run (runCli, execFileSync, Atomics.wait) the
 * next request is sent in the same turn, before that timer or the server's FIN is seen, onto a
 * connection the server has closed. So each socket carries its own deadline, half of N after
 * its last response ended, read from the clock (not from a timer) when the next request is
 * made, and a free socket past it is destroyed (and awaited out of the pool) before the request
 * takes one. A request is never sent twice: a retry after a reset on a reused socket could
 * repeat a POST the server had read just before its connection watch shut the socket down.
 */
export async function sendRequest(agent, port, method, urlPath, headers, body, ms) {
    const now = performance.now();
    const stale = [];
    for (const sockets of Object.values(agent.freeSockets))
        for (const socket of sockets) if (!(socket[REUSE_UNTIL] > now)) stale.push(socket);
    if (stale.length) {
        await Promise.all(stale.map((socket) => {
            const closed = once(socket, 'close'); // the agent's own listener takes it out of the pool
            socket.destroy();
            return closed;
        }));
    }
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
        let timer;
        const fail = (err) => {
            clearTimeout(timer);
            reject(Object.assign(new Error(`${method} ${urlPath}: ${err.message}`), { code: err.code, cause: err }));
        };
        const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent }, (res) => {
            const socket = res.socket;
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('error', fail);
            res.on('end', () => {
                clearTimeout(timer);
                const announced = /timeout=(\d+)/i.exec(res.headers['keep-alive'] || '');
                if (socket) socket[REUSE_UNTIL] = performance.now() + (announced ? Number(announced[1]) : 1) * 500;
                let bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
                try {
                    bytes = decodeBody(bytes, res.headers['content-encoding']);
                } catch (err) {
                    fail(err);
                    return;
                }
                const responseHeaders = new Headers();
                for (let i = 0; i < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
                resolve({ status: res.statusCode, headers: responseHeaders, text: utf8.decode(bytes) });
            });
        });
        timer = setTimeout(() => {
            const err = new Error(`no complete response within ${ms} ms`);
            req.destroy(err);
            fail(err);
        }, ms);
        req.on('error', fail);
        req.end(body);
    });
}

/* A response body as fetch decoded it: gzip, deflate and br undone (the server gzips static
 * files for a client that accepts it). */
function decodeBody(bytes, encoding) {
    if (!encoding || !bytes.length) return bytes;
    switch (encoding.trim().toLowerCase()) {
    case 'gzip': case 'x-gzip': return zlib.gunzipSync(bytes);
    case 'deflate': return zlib.inflateSync(bytes);
    case 'br': return zlib.brotliDecompressSync(bytes);
    default: return bytes;
    }
}

async function startOnce(options) {
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'copilot-api-'));
    const dataDir = path.join(tmpDir, 'data');
    fs.mkdirSync(dataDir);
    const dbUrl = options.dbUrl || freshDatabase(tmpDir, { empty: options.empty, engine: options.engine });
    const env = { ...process.env, COPILOT_DATABASE_URL: dbUrl, COPILOT_DATA_DIR: dataDir };
    delete env.COPILOT_LOG;
    delete env.COPILOT_PORT;
    delete env.COPILOT_HOST;
    // under valgrind a request can wait longer than the default 10 s for a thread that is
    // hashing passwords, and would be cut off as a slow header: scale it like the timeouts here
    if (RUNNER.length) env.COPILOT_HEADER_TIMEOUT = String(10 * SLOW);
    Object.assign(env, hashCost(), options.env || {});

    // port 0: the kernel gives the server a free port as it binds, and the server names it in
    // its "listening on" line. (A port probed free and passed in could be bound by another
    // test's server first: this one then failed to listen while /healthz on that port answered
    // 200 from the other, and the test ran against a server and database not its own.)
    const args = ['serve', '--port', '0', '--host', '127.0.0.1'];
    const [cmd, ...argv] = RUNNER.length ? [...RUNNER, BIN, ...args] : [BIN, ...args];
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    children.add(child);
    // the server and its stderr pipe do not keep this process alive: a test that failed before
    // its stop() would otherwise leave the file's process waiting on the server until the
    // runner's --test-timeout (900 s in scripts/run-tests) killed it; the exit handler above
    // kills what is left when the tests are over. kill() and stop() hold them again while they
    // wait for the exit.
    const hold = (on) => {
        for (const handle of [child, child.stderr]) on ? handle.ref() : handle.unref();
    };
    hold(false);
    let stderr = '';
    let port = null; // from the server's own "listening on http://127.0.0.1:PORT" line
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (port === null) {
            const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
            if (m) port = Number(m[1]);
        }
        if (stderr.length > 200000) stderr = stderr.slice(-100000);
    });
    const exited = new Promise((resolve) => {
        child.on('exit', (code, signal) => {
            children.delete(child);
            resolve({ code, signal });
        });
        child.on('error', (error) => {
            children.delete(child);
            resolve({ code: null, signal: null, error: error.message });
        });
    });
    let exitStatus = null;
    exited.then((status) => { exitStatus = status; });

    // a bound on a hang only: on a loaded machine (CI's 2 cores under four suites, 50+ here)
    // the migrations of a fresh database took more than the 20 s of the nineteenth round
    const deadline = Date.now() + 120000 * SLOW;
    for (;;) {
        if (exitStatus) {
            fs.rmSync(tmpDir, { recursive: true, force: true });
            throw new Error(`copilot serve exited early (${JSON.stringify(exitStatus)}):\n${stderr}`);
        }
        // the port is the server's own once it has said so: /healthz there reaches this server
        if (port !== null && await healthy(port, 10000 * SLOW)) break;
        if (Date.now() > deadline) {
            child.kill('SIGKILL');
            fs.rmSync(tmpDir, { recursive: true, force: true });
            throw new Error(`copilot serve did not answer /healthz within ${120 * SLOW}s:\n${stderr}`);
        }
        await sleep(port === null ? 20 : 100);
    }
    const base = `http://127.0.0.1:${port}`;

    // the requests' connections: kept alive between requests, one pool per server (stop() and
    // kill() destroy it); see sendRequest
    const agent = new http.Agent({ keepAlive: true });

    async function request(method, urlPath, opts = {}) {
        const headers = { ...FETCH_HEADERS };
        for (const [name, value] of Object.entries(opts.headers || {})) headers[name.toLowerCase()] = value;
        if (opts.token) headers.authorization = `Bearer ${opts.token}`;
        let body;
        if (opts.raw !== undefined) {
            body = opts.raw;
            if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
                // FormData (an upload), Blob, URLSearchParams ...: the bytes and Content-Type
                // (multipart with its boundary) that fetch would send, from fetch's own encoder
                const encoded = new Response(body);
                if (!('content-type' in headers) && encoded.headers.has('content-type'))
                    headers['content-type'] = encoded.headers.get('content-type');
                body = Buffer.from(await encoded.arrayBuffer());
            }
            if (!('content-type' in headers)) headers['content-type'] = 'application/json';
        } else if (opts.body !== undefined) {
            body = JSON.stringify(opts.body);
            headers['content-type'] = 'application/json';
        }
        const started = process.hrtime.bigint();
        const res = await sendRequest(agent, port, method, urlPath, headers, body, (opts.timeout || 30000) * SLOW);
        const text = res.text;
        let parsed = text.length ? text : null;
        if (text.length && /json/i.test(res.headers.get('content-type') || '')) {
            try { parsed = JSON.parse(text); } catch { /* keep the text; assertions will show it */ }
        }
        const ms = Number(process.hrtime.bigint() - started) / 1e6; // before the conformance check
        const result = { status: res.status, headers: res.headers, body: parsed, text, method, path: urlPath, ms };
        if (!opts.unchecked) conformance(BIN, RUNNER).check(method, urlPath, result);
        return result;
    }

    return {
        base, port, dbUrl, dataDir, pid: child.pid,
        url: (p) => base + p,
        request,
        api: (method, p, opts) => request(method, API + p, opts),
        cli: (cliArgs) => runCli(cliArgs, { COPILOT_DATABASE_URL: dbUrl, COPILOT_DATA_DIR: dataDir, ...hashCost() }),
        stderr: () => stderr,
        /* SIGKILL (a crash: nothing is flushed or closed), waits for the exit and removes the
         * server's data directory; resolves to { code, signal }. */
        async kill() {
            agent.destroy();
            hold(true);
            if (!exitStatus) child.kill('SIGKILL');
            const status = await exited;
            fs.rmSync(tmpDir, { recursive: true, force: true });
            return status;
        },
        /* Sends signal (SIGTERM by default), waits for the exit and asserts a clean one. */
        async stop(signal = 'SIGTERM') {
            agent.destroy();
            hold(true);
            if (!exitStatus) child.kill(signal);
            const timer = setTimeout(() => child.kill('SIGKILL'), 15000 * SLOW);
            const status = await exited;
            clearTimeout(timer);
            fs.rmSync(tmpDir, { recursive: true, force: true });
            assert.deepEqual({ code: status.code, signal: status.signal }, { code: 0, signal: null },
                `copilot serve should exit 0 on ${signal}; stderr tail:\n${stderr.slice(-3000)}`);
        },
    };
}

/* ------------------------------------------------------------------ users */

/* Registers a user (unique name unless given) and returns { token, user, username, email,
 * password }. */
export async function registerUser(srv, name = uniqueName('user')) {
    const email = `${name}@example.com`;
    const res = await srv.api('POST', '/auth/register', { body: { username: name, email, password: PASSWORD } });
    const body = expectStatus(res, 201);
    return { token: body.access_token, user: body.user, username: name, email, password: PASSWORD };
}

/* Three servers on one database for the tests of kept answers: A and B with the answer cache,
 * C with it off (COPILOT_ANSWER_CACHE=0: every request reads its rows), and n users registered
 * on A, each with a token on every server (tokens: server -> token) and the fields of extra(). */
export async function cacheServers(n, extra = () => ({})) {
    const a = await startServer();
    const b = await startServer({ dbUrl: a.dbUrl });
    const c = await startServer({ dbUrl: a.dbUrl, env: { COPILOT_ANSWER_CACHE: '0' } });
    const users = [];
    for (let i = 0; i < n; i++) {
        const u = await registerUser(a);
        users.push({ ...u, ...extra(), tokens: new Map([[a, u.token], [b, await login(b, u.username, PASSWORD)], [c, await login(c, u.username, PASSWORD)]]) });
    }
    return { a, b, c, users };
}

/* Logs in by username and returns the new token. */
export async function login(srv, username, password = PASSWORD) {
    const res = await srv.api('POST', '/auth/login', { body: { username, password } });
    return expectStatus(res, 200).access_token;
}

/* Creates an admin through the CLI (`copilot user create NAME EMAIL PASS --admin`), logs in and
 * returns { token, user, username, email, password }. */
export async function createAdmin(srv, name = uniqueName('admin')) {
    const email = `${name}@example.com`;
    srv.cli(['user', 'create', name, email, PASSWORD, '--admin']);
    const res = await srv.api('POST', '/auth/login', { body: { username: name, password: PASSWORD } });
    const body = expectStatus(res, 200);
    return { token: body.access_token, user: body.user, username: name, email, password: PASSWORD };
}

/* ------------------------------------------------------------------ jobs and applications */

/* A valid job body with a unique company and title; overrides replace or add fields. */
export function jobBody(overrides = {}) {
    const n = uniqueName('j');
    return { company: `Company ${n}`, title: `Engineer ${n}`, location: 'Berlin', ...overrides };
}

/* Creates a job for token and returns it (asserting 201). */
export async function createJob(srv, token, overrides = {}) {
    const res = await srv.api('POST', '/jobs', { token, body: jobBody(overrides) });
    return expectStatus(res, 201);
}

/* Creates a job and an application for it; returns the application (asserting 201). */
export async function createApplication(srv, token, fields = {}, jobOverrides = {}) {
    const job = await createJob(srv, token, jobOverrides);
    const res = await srv.api('POST', '/applications', { token, body: { job_id: job.id, ...fields } });
    return expectStatus(res, 201);
}

/* ------------------------------------------------------------------ CSV */

/* Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into an array of rows. */
export function parseCsv(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const rows = [];
    let row = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
            else if (c === '"') quoted = false;
            else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') { row.push(field); field = ''; }
        else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n') i++;
            row.push(field); rows.push(row); row = []; field = '';
        } else field += c;
    }
    if (field !== '' || row.length) { row.push(field); rows.push(row); }
    return rows;
}

/* Quotes one CSV field when it needs it. */
export function csvField(value) {
    const s = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/* ------------------------------------------------------------------ raw connections */

/* Sends bytes on a fresh connection and collects what comes back until the server closes
 * (closed: true) or waitMs passes (closed: false): the ambiguous requests of RFC 9112 in
 * framing.test.mjs and spec_contract.test.mjs. Each of their exchanges ends with a close, so
 * waitMs only bounds a hang; its default stays under libmicrohttpd's 60 s of silence
 * (server.c), so a server that kept waiting instead of refusing is still caught. */
export function rawExchange(port, bytes, waitMs = 30000) {
    return new Promise((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        const chunks = [];
        const started = Date.now();
        let done = false;
        const finish = (closed) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            socket.destroy();
            resolve({ text: Buffer.concat(chunks).toString('latin1'), closed, ms: Date.now() - started });
        };
        const timer = setTimeout(() => finish(false), waitMs);
        socket.on('data', (d) => chunks.push(d));
        socket.on('end', () => finish(true));
        socket.on('close', () => finish(true));
        socket.on('error', () => finish(true));
        socket.write(bytes);
    });
}
