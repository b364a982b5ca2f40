// A small web server the capture and discovery tests point the server at: it serves the posting
// pages of tests/fixtures/postings, the board API responses of tests/fixtures/boards, redirects,
// slow and oversized answers, and counts what it was asked; and on it, the fake language model of
// the content and interview tests. Node's http module only.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT, readBody } from './helpers.mjs';

export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

/*
 * Starts a server on host (default 127.0.0.1) and a free port. handler(req, res, url) answers
 * what the test needs; return false from it for the built-in answers:
 *   /postings/NAME        the fixture page (text/html; charset=utf-8)
 *   /redirect?to=URL[&status=302]       a redirect to URL
 *   /chain/N?end=URL      N redirects in a row, then URL
 *   /status/N             an empty answer with status N
 *   /big?mib=N            N MiB of HTML
 *   /slow                 never answers
 *   /type?t=TYPE          a posting page sent as TYPE
 *   the job boards' public APIs, answered from tests/fixtures/boards (point COPILOT_GREENHOUSE_URL
 *   at url('/greenhouse'), COPILOT_LEVER_URL at url('/lever'), COPILOT_ASHBY_URL at url('/ashby')):
 *   /greenhouse/v1/boards/TOKEN/jobs  greenhouse-TOKEN.json     /greenhouse/v1/boards/TOKEN  greenhouse-TOKEN-board.json
 *   /lever/v0/postings/SITE           lever-SITE.json           /ashby/posting-api/job-board/NAME  ashby-NAME.json
 *   /feeds/FILE                       FILE (RSS or Atom)        an unknown one: 404 as the boards answer
 *   /greenhouse/v1/boards/garbage/jobs: 200 with a body that is not JSON
 * Returns { base, url(p), hits (array of paths asked), stop() }.
 */
export async function startWebServer({ host = '127.0.0.1', handler } = {}) {
    const hits = [];
    const sockets = new Set();
    const server = http.createServer((req, res) => {
        const url = new URL(req.url, 'http://x');
        hits.push(url.pathname + url.search);
        if (handler && handler(req, res, url) !== false) return;
        builtIn(req, res, url);
    });
    server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, resolve);
    });
    const { port } = server.address();
    const shown = host.includes(':') ? `[${host}]` : host;
    const base = `http://${shown}:${port}`;
    return {
        base,
        port,
        hits,
        url: (p) => base + p,
        stop: () => new Promise((resolve) => {
            for (const s of sockets) s.destroy();
            server.close(() => resolve());
        }),
    };
}

/* A chat completion answering content, as an OpenAI-compatible model sends it. */
export const chatAnswer = (content) => ({ choices: [{ message: { role: 'assistant', content } }] });

/*
 * A fake OpenAI-compatible language model (point COPILOT_LLM_URL at url('/v1')): each request's
 * { path, auth (its Authorization header), body (its JSON) } goes into seen, and answer(body)
 * returns [status, doc] (doc an object sent as JSON, or a string sent as it is), or undefined
 * never to answer. Returns startWebServer's object and seen.
 */
export async function startFakeModel(answer) {
    const seen = [];
    const model = await startWebServer({
        handler: async (req, res) => {
            const body = JSON.parse(await readBody(req) || '{}');
            seen.push({ path: req.url, auth: req.headers.authorization, body });
            const reply = answer(body);
            if (reply === undefined || res.destroyed) return;
            const [status, doc] = reply;
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(typeof doc === 'string' ? doc : JSON.stringify(doc));
        },
    });
    return { ...model, seen };
}

function send(res, status, type, body) {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
}

const BOARD_ROUTES = [
    [/^\/greenhouse\/v1\/boards\/([^/]+)\/jobs$/, (m) => `greenhouse-${m[1]}.json`],
    [/^\/greenhouse\/v1\/boards\/([^/]+)$/, (m) => `greenhouse-${m[1]}-board.json`],
    [/^\/lever\/v0\/postings\/([^/]+)$/, (m) => `lever-${m[1]}.json`],
    [/^\/ashby\/posting-api\/job-board\/([^/]+)$/, (m) => `ashby-${m[1]}.json`],
    [/^\/feeds\/([^/]+)$/, (m) => m[1]],
];

/* The fixture file a board API path names, or null when the path is no board's. */
export function boardFile(pathname) {
    for (const [pattern, name] of BOARD_ROUTES) {
        const m = pathname.match(pattern);
        if (m) return path.join(FIXTURES, 'boards', path.basename(name(m)));
    }
    return null;
}

function builtIn(req, res, url) {
    const p = url.pathname;
    if (p === '/greenhouse/v1/boards/garbage/jobs') return send(res, 200, 'application/json', '<html>not json</html>');
    const board = boardFile(p);
    if (board) {
        if (!fs.existsSync(board)) return send(res, 404, 'application/json', '{"status":404,"error":"Job not found"}');
        const type = board.endsWith('.json') ? 'application/json' : 'application/rss+xml; charset=utf-8';
        return send(res, 200, type, fs.readFileSync(board));
    }
    if (p.startsWith('/postings/')) {
        const file = path.join(FIXTURES, 'postings', path.basename(p));
        if (!fs.existsSync(file)) return send(res, 404, 'text/plain', 'no such page');
        return send(res, 200, 'text/html; charset=utf-8', fs.readFileSync(file));
    }
    if (p === '/redirect') {
        res.writeHead(Number(url.searchParams.get('status') || 302), { location: url.searchParams.get('to') });
        return res.end();
    }
    const chain = p.match(/^\/chain\/(\d+)$/);
    if (chain) {
        const n = Number(chain[1]);
        const end = url.searchParams.get('end');
        const next = n <= 1 ? end : `/chain/${n - 1}?end=${encodeURIComponent(end)}`;
        res.writeHead(302, { location: next });
        return res.end();
    }
    const status = p.match(/^\/status\/(\d+)$/);
    if (status) return send(res, Number(status[1]), 'text/html', '<p>nothing to see</p>');
    if (p === '/big') {
        const mib = Number(url.searchParams.get('mib') || 6);
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = `<p>${'x'.repeat(1020)}</p>`;
        for (let i = 0; i < mib * 1024; i++) res.write(chunk);
        return res.end('<title>Big</title>');
    }
    if (p === '/slow') return undefined; /* never answers; stop() closes it */
    if (p === '/type') {
        const file = path.join(FIXTURES, 'postings', 'greenhouse.html');
        return send(res, 200, url.searchParams.get('t'), fs.readFileSync(file));
    }
    return send(res, 404, 'text/plain', 'not found');
}
