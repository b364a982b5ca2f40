// This file checks responses against the server's OpenAPI document (GET /api/v1/openapi.json,
// the same text `copilot openapi` prints). helpers.mjs calls check() on every response the API
// suite receives through srv.request()/srv.api(), so every test is also a conformance test:
//   - the request must map to a documented operation (the path template and method, as the
//     router matches them: the first template in table order); a path the server does not
//     route must answer the error shape (404, or 405 for a known path with another method);
//   - the status must be documented for that operation;
//   - the headers the document marks required must be there (Location on 201, Retry-After on
//     429, ETag where documented, Content-Disposition on downloads), and X-Request-Id always;
//   - the Content-Type must be one the status documents (none for 204/304), and a JSON body
//     must be valid against that status's schema (ajv, JSON Schema 2020-12, formats checked):
//     an undocumented member fails where the schema says additionalProperties: false.
// Paths outside /api/ (the web page) and /healthz-style routes are checked like the others when
// documented; the web page's own files are not part of the API and are left alone.
//
// Cost (docs/performance.md, "Node's CPU in the API suites (twenty-third round)"): every test
// process checks its responses, so the checker's start-up counts once per file. A response is
// validated first by a validator that stops at the first error (the same schema, so the same
// verdict); only a failing body is validated again with every error collected, for the message.
// The validators are compiled by ajv once per document and kept as standalone code (ajv's own
// generated source) in node_modules/.cache/conformance/<hash of the document, ajv's version and
// this file's cache version>/, which later processes load without loading or running ajv.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

function loadAjv() {
    try {
        const Ajv2020 = require('ajv/dist/2020').default;
        const addFormats = require('ajv-formats').default;
        const standaloneCode = require('ajv/dist/standalone').default;
        return { Ajv2020, addFormats, standaloneCode };
    } catch (e) {
        throw new Error('tests/api needs its npm packages: (cd tests/api && npm ci)  ' +
            `[${e.message.split('\n')[0]}]`);
    }
}

/* Bump when what is cached changes meaning (the options of the first-error validators). */
const CACHE_VERSION = 1;
const DEFAULT_CACHE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules', '.cache',
    'conformance');

/* ajv's version, for the cache key (null without the packages: the cache is then not used). */
function ajvVersion() {
    try {
        return require('ajv/package.json').version;
    } catch {
        return null;
    }
}

/* A validator from ajv's standalone code (CommonJS text whose requires are ajv's runtime and
 * ajv-formats' formats, resolved from this directory). */
function loadStandalone(code) {
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(require, module, module.exports);
    const validate = module.exports.default || module.exports;
    assert.equal(typeof validate, 'function', 'standalone code exports a validator');
    return validate;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/* JSON pointer token escaping (RFC 6901). */
const token = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

export class Conformance {
    /* doc: the parsed document. options.cacheDir: where compiled validators are kept across
     * processes (a directory per document under it); null keeps them in this process only.
     * options.text: the document's text as served (the cache key; JSON.stringify(doc) without). */
    constructor(doc, options = {}) {
        this.doc = doc;
        this.validators = new Map(); // pointer -> first-error validator
        this.reporters = new Map(); // pointer -> every-error validator (after a failure only)
        this.ajvs = {}; // ajv instances, made when first needed: first (first error), all
        this.cache = null;
        const version = ajvVersion();
        if (options.cacheDir !== null && version) {
            const key = createHash('sha256').update(`${CACHE_VERSION} ajv ${version}\n`)
                .update(options.text ?? JSON.stringify(doc)).digest('hex').slice(0, 32);
            this.cache = path.join(options.cacheDir || DEFAULT_CACHE, key);
        }
        this.checked = 0;
        /* the templates in document order (= route table order), with their matchers */
        this.templates = Object.keys(doc.paths).map((template) => ({
            template,
            item: doc.paths[template],
            regex: new RegExp('^' + template.split(/\{[^}]+\}/).map((part) =>
                part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+') + '$'),
        }));
    }

    /* The document's object at a local reference ("#/components/..."), and its pointer. */
    resolve(obj, pointer) {
        let guard = 0;
        while (obj && obj.$ref) {
            assert.ok(obj.$ref.startsWith('#/'), `only local references: ${obj.$ref}`);
            pointer = obj.$ref.slice(1);
            obj = obj.$ref.slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
                .reduce((o, t) => (o ? o[t] : undefined), this.doc);
            assert.ok(++guard < 10, 'reference loop');
        }
        return { obj, pointer };
    }

    /* The operation for method and a path without its query: {template, op, pointer} or
     * {known: true} when the path exists with other methods, or null. */
    find(method, urlPath) {
        const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
        let known = false;
        // a segment a template spells out is that template's path, not another's parameter
        // (/applications/board is not /applications/{id}), as src/http/router.c routes it
        const params = (t) => (t.template.match(/\{/g) || []).length;
        const matching = this.templates.filter((t) => t.regex.test(urlPath));
        const fewest = Math.min(...matching.map(params));
        for (const t of matching) {
            if (params(t) > fewest) continue;
            known = true;
            if (t.item[m]) return { template: t.template, op: t.item[m],
                pointer: `/paths/${token(t.template)}/${m}` };
        }
        return known ? { known: true } : null;
    }

    /* An ajv instance holding the document: kind 'first' stops at the first error and keeps
     * the generated source (for the cache), 'all' collects every error (for messages). */
    ajv(kind) {
        if (!this.ajvs[kind]) {
            const { Ajv2020, addFormats } = loadAjv();
            const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: kind === 'all',
                code: { source: kind === 'first' } });
            addFormats(ajv);
            ajv.addSchema(this.doc, 'openapi');
            this.ajvs[kind] = ajv;
        }
        return this.ajvs[kind];
    }

    static ref(pointer) {
        return 'openapi#' + pointer.split('/').map((t) => encodeURIComponent(t)
            .replace(/%7E/gi, '~')).join('/');
    }

    /* The validator of the schema at pointer (in the document): stops at the first error. From
     * the cache when another process compiled it, else compiled here (and cached). */
    validator(pointer) {
        let v = this.validators.get(pointer);
        if (v) return v;
        const file = this.cache &&
            path.join(this.cache, createHash('sha256').update(pointer).digest('hex').slice(0, 32) + '.cjs');
        if (file) {
            try {
                v = loadStandalone(fs.readFileSync(file, 'utf8'));
            } catch { /* not cached yet (or unreadable): compile it */ }
        }
        if (!v) {
            v = this.ajv('first').compile({ $ref: Conformance.ref(pointer) });
            if (file) {
                try { // written whole, then renamed: a reader sees the whole file or none
                    const code = loadAjv().standaloneCode(this.ajv('first'), v);
                    fs.mkdirSync(this.cache, { recursive: true });
                    const tmp = `${file}.${process.pid}.tmp`;
                    fs.writeFileSync(tmp, `// ${pointer}\n${code}`);
                    fs.renameSync(tmp, file);
                } catch { /* the cache is best effort */ }
            }
        }
        this.validators.set(pointer, v);
        return v;
    }

    /* Every error of body against the schema at pointer (for the message of a failed check). */
    errors(pointer, body) {
        let v = this.reporters.get(pointer);
        if (!v) {
            v = this.ajv('all').compile({ $ref: Conformance.ref(pointer) });
            this.reporters.set(pointer, v);
        }
        return v(body) ? [] : v.errors;
    }

    /* Asserts that res ({status, headers, body, text}) answering method urlPath conforms. */
    check(method, urlPath, res) {
        const where = `${method} ${urlPath} -> ${res.status}`;
        let bare = urlPath.split('?')[0];
        const apiPath = bare.startsWith('/api/');
        // one trailing slash on an API path is the path without it (src/http/router.c)
        if (apiPath && bare.length > 5 && bare.endsWith('/') && !bare.endsWith('//')) bare = bare.slice(0, -1);
        const found = this.find(method, bare);
        if (!found) {
            if (!apiPath) return; // the web page, not the API
            assert.equal(res.status, 404, `${where}: a path the server does not route must be 404`);
            this.checkBareError(where, res);
            return;
        }
        this.checked++;
        assert.ok(res.headers.get('x-request-id'), `${where}: no X-Request-Id`);
                if (found.known) {
            // CORS preflight is HTTP machinery, not an operation: 204 without a body
            if (method.toUpperCase() === 'OPTIONS' && res.status === 204) {
                assert.equal(res.text, '', `${where}: a preflight answer has no body`);
                return;
            }
            assert.equal(res.status, 405, `${where}: the path exists but not with this method, so 405`);
            assert.ok(res.headers.get('allow'), `${where}: 405 carries Allow`);
            this.checkBareError(where, res);
            return;
        }
        const responses = found.op.responses || {};
        const documented = responses[String(res.status)];
        assert.ok(documented, `${where}: status ${res.status} is not documented for ` +
            `${method.toUpperCase()} ${found.template} (documented: ${Object.keys(responses).join(', ')}); ` +
            `body: ${String(res.text).slice(0, 300)}`);
        const { obj: response, pointer } = this.resolve(documented,
            `${found.pointer}/responses/${res.status}`);
        for (const [name, header] of Object.entries(response.headers || {})) {
            const h = this.resolve(header).obj;
            if (h.required)
                assert.ok(res.headers.get(name) !== null, `${where}: header ${name} is documented as required`);
        }
        if (method.toUpperCase() === 'HEAD') return;
        const content = response.content;
        const type = (res.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
        if (!content) {
            assert.equal(res.text, '', `${where}: the document says no body, got ${res.text.slice(0, 200)}`);
            return;
        }
        const media = Object.keys(content).find((k) => k.split(';')[0].trim().toLowerCase() === type);
        assert.ok(media, `${where}: Content-Type ${type || '(none)'} is not documented ` +
            `(documented: ${Object.keys(content).join(', ')})`);
        if (!/json/.test(type)) return;
        let body = res.body;
        if (typeof body === 'string') body = JSON.parse(body);
        const schema = `${pointer}/content/${token(media)}/schema`;
        if (!this.validator(schema)(body)) {
            const reported = this.errors(schema, body);
            assert.ok(reported.length, `${where}: the two validators of ${schema} disagree`);
            const errors = reported.slice(0, 8).map((e) =>
                `${e.instancePath || '(body)'} ${e.message}${e.params && e.params.additionalProperty ?
                    ` (${e.params.additionalProperty})` : ''}${e.params && e.params.allowedValues ?
                    ` ${JSON.stringify(e.params.allowedValues)}` : ''}`);
            assert.fail(`${where}: the body does not match the document for ` +
                `${method.toUpperCase()} ${found.template} ${res.status}:\n  ${errors.join('\n  ')}\n` +
                `body: ${JSON.stringify(body).slice(0, 800)}`);
        }
    }

    /* A response no operation documents must still be the SPEC's error shape. */
    checkBareError(where, res) {
        const error = res.body && res.body.error;
        assert.ok(error && typeof error.code === 'string' && typeof error.message === 'string',
            `${where}: expected the error shape, got ${String(res.text).slice(0, 200)}`);
    }

    /* Every operation as "METHOD /path". */
    operations() {
        const out = [];
        for (const [template, item] of Object.entries(this.doc.paths))
            for (const m of METHODS)
                if (item[m]) out.push(`${m.toUpperCase()} ${template}`);
        return out;
    }
}

let shared = null;

/* The text `copilot openapi` prints for bin (run under runner when given), kept in the cache
 * directory beside the validators as openapi-<key>.json, the key hashing the binary's path,
 * device, inode, size and change times (ns): a rebuilt binary is another key. Each test process
 * otherwise ran the command (about 86 ms of a child's CPU, 57 processes a run: docs/performance.md,
 * "The API suites' CPU (twenty-seventh round)"). Written whole, then renamed: a reader sees the
 * whole file or none; an unreadable one is run again. */
export function documentText(bin, runner = [], cacheDir = DEFAULT_CACHE) {
    let file = null;
    try {
        const st = fs.statSync(bin, { bigint: true });
        const key = createHash('sha256').update(`${CACHE_VERSION} ${path.resolve(bin)} ${st.dev} ${st.ino} ` +
            `${st.size} ${st.mtimeNs} ${st.ctimeNs} ${runner.join(' ')}`).digest('hex').slice(0, 32);
        file = path.join(cacheDir, `openapi-${key}.json`);
        return fs.readFileSync(file, 'utf8');
    } catch { /* not cached yet (or unreadable): run it */ }
    const [cmd, ...prefix] = runner.length ? runner : [bin];
    const args = runner.length ? [...prefix, bin, 'openapi'] : ['openapi'];
    const text = execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20,
        stdio: ['ignore', 'pipe', 'pipe'] });
    if (file) {
        try {
            fs.mkdirSync(cacheDir, { recursive: true });
            const tmp = `${file}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, text);
            fs.renameSync(tmp, file);
        } catch { /* the cache is best effort */ }
    }
    return text;
}

/* The document of the binary under test (documentText), and its checker; made once per test
 * process. */
export function conformance(bin, runner = []) {
    if (shared) return shared;
    const text = documentText(bin, runner);
    shared = new Conformance(JSON.parse(text), { text });
    const dir = process.env.COPILOT_CONFORMANCE_DIR;
    if (dir) {
        process.on('exit', () => {
            try {
                fs.writeFileSync(path.join(dir, `checked-${process.pid}.txt`), `${shared.checked}\n`);
            } catch { /* the summary is best effort */ }
        });
    }
    return shared;
}
