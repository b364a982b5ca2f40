// The two engines answer alike (thirty-sixth round, docs/decisions.md "The two engines compared"):
// one server on a fresh SQLite database and one on a fresh PostgreSQL database are sent the same
// requests, a seeded pseudo-random walk (COPILOT_ENGINES_SEED, default 36) over every route group
// of SPEC parts A-C and E: users and preferences; jobs with every field (unicode, long text,
// nulls, salary edges), their lists under each filter and sort (ties, NULLs, case and accents),
// searches (phrases, prefixes, accents, stop words, punctuation, mixed case); applications and
// their moves, the board, follow-ups and the calendar; every analytics route over fixed dates;
// résumés, content, interviews, contacts, tasks, job sources, resources, learning paths,
// feedback, exports; and 4xx bodies. Each pair of answers is compared after normalising only
// what must differ: server-made timestamps (a time within this run), tokens, request ids and
// ETags (headers are not compared, but Location is). Every difference is reported at the end
// with the step that made it; ALLOWED lists the few that are meant (with the reason). Runs in
// the PostgreSQL pass of make test (the SQLite server beside it uses the SQLite template);
// under SQLite it skips.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ENGINE, PASSWORD, createAdmin, expectStatus, startServer } from './helpers.mjs';

const SKIP = ENGINE === 'postgresql' ? false
    : 'compares a SQLite server with a PostgreSQL one: runs in the PostgreSQL pass (COPILOT_TEST_ENGINE=postgresql)';

const SEED = Number(process.env.COPILOT_ENGINES_SEED || 36);

const byText = (body) => (body && Array.isArray(body.items)
    ? { ...body, items: [...body.items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) }
    : body);

/* The differences that are meant (or known and left, docs/decisions.md "The two engines
 * compared (thirty-sixth round)"), each with its reason: {route: RegExp on "METHOD path", why,
 * normalise(body) applied to both answers before they are compared again}. */
const ALLOWED = [
    {
        route: /^GET \/[^?]*\?(.*&)?sort=-?(updated_at|last_activity_at|started_at|completed_at|done_at|last_fetched_at)(&|$)/,
        why: 'not the engines: rows a write stamped within one second (the columns\' precision) are in id order, and ' +
            'which writes share a second differs between the two servers\' runs: the same items are compared (a ' +
            'window of them, offset or limit, by its total only)',
        normalise: (body, route) => (/[?&](offset=[1-9]|limit=(\d|[1-9]\d)(&|$))/.test(route)
            ? { ...body, items: undefined } : byText(body)),
    },
    {
        route: /^GET \/applications\/board/,
        why: 'not the engines: a column\'s most recently updated applications, as above: a column shown whole is ' +
            'compared as a set, a column cut at per_column by its count',
        normalise: (body) => (body && Array.isArray(body.columns)
            ? { ...body, columns: body.columns.map((c) => ({ ...c, items: c.items.length === c.count ? byText(c).items : undefined })) }
            : body),
    },
];

/* mulberry32: the walk's choices. */
function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

describe('engines agree', { skip: SKIP }, () => {
    const rnd = prng(SEED);
    const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
    const chance = (p) => rnd() < p;
    const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
    const shuffle = (xs) => {
        const out = [...xs];
        for (let i = out.length - 1; i > 0; i--) {
            const j = Math.floor(rnd() * (i + 1));
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    };

    let sq, pg;
    const runStarted = Date.now();
    const differences = [];
    let requests = 0;
    const statuses = new Map();

    before(async () => {
        [sq, pg] = await Promise.all([startServer({ engine: 'sqlite' }), startServer()]);
    });
    after(async () => { await Promise.all([sq, pg].map((srv) => srv?.stop())); });

    /* ------------------------------------------------------------ normalising */

    const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})/g;
    const ICS_STAMP = /\d{8}T\d{6}Z/g;
    /* A time made by the server during this run (created_at, an interview_date set on a move,
     * a generated_at...), as opposed to one a request gave (fixed dates of 2025-2026). */
    const isNow = (text) => {
        const t = Date.parse(text);
        return Number.isFinite(t) && t >= runStarted - 120000 && t <= Date.now() + 120000;
    };
    const icsNow = (s) => isNow(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
    /* expires_at is now + the token's lifetime: a time of the future the server makes */
    const FUTURE_KEYS = new Set(['expires_at']);
    const SECRET_KEYS = new Set(['access_token', 'token', 'refresh_token']);

    function normText(s) {
        return s.replace(ISO, (m) => (isNow(m) ? '<now>' : m))
            .replace(ICS_STAMP, (m) => (icsNow(m) ? '<now>' : m))
            .replace(/token=[A-Za-z0-9_%-]+/g, 'token=<token>')
            .replace(/http:\/\/127\.0\.0\.1:\d+/g, '<base>');
    }

    /* Ids: PostgreSQL's sequences move on an insert that fails (a taken username: 409 after
     * the INSERT), SQLite's rowids do not, so the same row may have another id on each side.
     * Each side's ids are renamed per kind of row in the order they first appear ("users#3":
     * the third user either side showed), which is the same order on both sides whenever the
     * answers are otherwise alike. The kind: the member's name (job_id: jobs), the member
     * holding the object (user, job, items of a list...) or the route's first segment. */
    const KIND_OF_KEY = {
        user: 'users', job: 'jobs', application: 'applications', contact: 'contacts', resource: 'resources',
        learning_path: 'learning-paths', path: 'learning-paths', session: 'interviews', content: 'content',
        possible_duplicates: 'jobs', jobs: 'jobs', applications: 'applications', contacts: 'contacts',
        questions: 'questions', versions: 'versions', bookmark: 'bookmarks', my_feedback: 'resource-feedback',
        enrollment: 'enrollments', preferences: 'preferences', feedback: 'feedback', tasks: 'tasks', columns: 'applications',
        resumes: 'resumes', interviews: 'interviews', analytics: 'snapshots', snapshots: 'snapshots',
        job_sources: 'job-sources', bookmarks: 'bookmarks', enrollments: 'enrollments', resource_feedback: 'resource-feedback',
        content_generations: 'content', interview_sessions: 'interviews', resources: 'resources', learning_paths: 'learning-paths',
    };
    const KIND_OF_ID = {
        user_id: 'users', job_id: 'jobs', application_id: 'applications', contact_id: 'contacts', resource_id: 'resources',
        resource_ids: 'resources', completed_resource_ids: 'resources', learning_path_id: 'learning-paths', session_id: 'interviews',
        content_generation_id: 'content', feedback_id: 'feedback', created_by_user_id: 'users', task_id: 'tasks',
        resume_id: 'resumes', source_id: 'job-sources', job_source_id: 'job-sources',
    };
    const ROUTE_KIND = {
        auth: 'users', admin: 'users', 'job-sources': 'job-sources', resources: 'resources', 'learning-paths': 'learning-paths',
        analytics: 'snapshots', calendar: 'calendar',
    };
    const idMaps = { sq: new Map(), pg: new Map() };
    function canonicalId(side, kind, value) {
        const key = `${kind}:${value}`;
        const map = idMaps[side];
        if (!map.has(key)) {
            const n = [...map.keys()].filter((k) => k.startsWith(`${kind}:`)).length + 1;
            map.set(key, `${kind}#${n}`);
        }
        return map.get(key);
    }
    function routeKind(path) {
        const seg = path.replace(/^(\/api\/v1)?\//, '').split(/[/?]/);
        if (seg[0] === 'users' && seg[1] === 'me') return seg[2] === 'preferences' ? 'preferences' : 'users';
        if (seg[0] === 'resources' && seg[1] === 'bookmarks') return 'bookmarks';
        if (seg[0] === 'learning-paths' && seg[1] === 'enrolled') return 'enrollments';
        if (seg[0] === 'jobs' && /^\d+$/.test(seg[1] || '') && seg[2] === 'recommendation-feedback') return 'recommendation-feedback';
        if (seg[0] === 'jobs' && seg[1] === 'recommendations') return 'jobs';
        if (seg[0] === 'jobs' && seg[1] === 'capture') return 'jobs';
        if (seg[0] === 'applications' && /^\d+$/.test(seg[1] || '') && seg[2] === 'contacts') return 'contacts';
        if (seg[0] === 'resources' && seg[2] === 'feedback') return 'resource-feedback';
        if (seg[0] === 'resources' && seg[2] === 'bookmark') return 'bookmarks';
        if (seg[0] === 'learning-paths' && seg[2] === 'enroll') return 'enrollments';
        if (seg[0] === 'learning-paths' && seg[2] === 'progress') return 'enrollments';
        if (seg[0] === 'job-sources' && seg[2] === 'runs') return 'runs';
        if (seg[0] === 'interviews' && seg[2] === 'questions') return 'questions';
        return ROUTE_KIND[seg[0]] || seg[0];
    }

    function norm(value, key, side, kind) {
        if (Array.isArray(value)) {
            const idKind = KIND_OF_ID[key];
            return value.map((v) => (idKind && Number.isInteger(v) ? canonicalId(side, idKind, v) : norm(v, undefined, side, KIND_OF_KEY[key] || kind)));
        }
        if (value && typeof value === 'object') {
            const out = {};
            for (const [k, v] of Object.entries(value)) {
                if (Number.isInteger(v) && (k === 'id' || k === 'existing_id')) out[k] = canonicalId(side, kind, v);
                else if (Number.isInteger(v) && KIND_OF_ID[k]) out[k] = canonicalId(side, KIND_OF_ID[k], v);
                else out[k] = norm(v, k, side, KIND_OF_KEY[k] || (Array.isArray(v) && k !== 'items' ? k : kind));
            }
            return out;
        }
        if (typeof value === 'string') {
            if (SECRET_KEYS.has(key)) return '<secret>';
            if (FUTURE_KEYS.has(key)) return '<future>';
            return normText(value);
        }
        return value;
    }
    /* The path with each side's ids renamed (Location: /api/v1/jobs/7). */
    function normPath(path, side) {
        if (!path) return path;
        const m = /^(\/api\/v1\/([a-z-]+)\/)(\d+)(.*)$/.exec(path);
        return m ? `${m[1]}${canonicalId(side, routeKind(path), Number(m[3]))}${m[4]}` : path;
    }

    /* The paths (a.b[3].c) where a and b differ, at most limit of them. */
    function diffPaths(a, b, where = '', out = [], limit = 6) {
        if (out.length >= limit) return out;
        if (Object.is(a, b)) return out;
        if (typeof a === 'string' && typeof b === 'string' && (a.includes('\n') || b.includes('\n'))) {
            // a text of lines (CSV, iCalendar): the first line that differs
            const la = a.split('\n'), lb = b.split('\n');
            const i = la.findIndex((line, k) => line !== lb[k]);
            const at = i < 0 ? la.length : i;
            const x = la[at] || '', y = lb[at] || '';
            let c = 0;
            while (c < x.length && x[c] === y[c]) c++;
            const from = Math.max(0, c - 40);
            out.push(`${where || '.'} line ${at + 1} from character ${from}: sqlite ${short(x.slice(from))} | postgresql ${short(y.slice(from))}`);
            return out;
        }
        const ta = Array.isArray(a) ? 'array' : a === null ? 'null' : typeof a;
        const tb = Array.isArray(b) ? 'array' : b === null ? 'null' : typeof b;
        if (ta !== tb || (ta !== 'object' && ta !== 'array')) {
            out.push(`${where || '.'}: sqlite ${short(a)} | postgresql ${short(b)}`);
            return out;
        }
        if (ta === 'array' && a.length !== b.length)
            out.push(`${where}.length: sqlite ${a.length} | postgresql ${b.length}`);
        const keys = ta === 'array' ? [...Array(Math.min(a.length, b.length)).keys()]
            : [...new Set([...Object.keys(a), ...Object.keys(b)])];
        if (ta === 'object') {
            const ka = Object.keys(a).join(','), kb = Object.keys(b).join(',');
            if (ka !== kb) out.push(`${where} keys: sqlite ${ka} | postgresql ${kb}`);
        }
        for (const k of keys) diffPaths(a[k], b[k], ta === 'array' ? `${where}[${k}]` : `${where}.${k}`, out, limit);
        return out;
    }
    const short = (v) => {
        const s = JSON.stringify(v);
        return s === undefined ? 'undefined' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
    };

    /* ------------------------------------------------------------ sending */

    /* Sends the request to both servers at once (token: a user's {sq, pg}; body: a value, or a
     * function of the server giving one, for bodies holding ids); compares status, the
     * normalised body and Location; returns {sq, pg} responses. */
    async function both(method, path, opts = {}) {
        const send = (srv, side) => {
            const o = { ...opts };
            if (opts.user) o.token = opts.user[side];
            delete o.user;
            if (typeof opts.body === 'function') o.body = opts.body(side);
            if (typeof opts.raw === 'function') o.raw = opts.raw(side);
            if (typeof path === 'function') return srv.api(method, path(side), o);
            return srv.api(method, path, o);
        };
        const [a, b] = await Promise.all([send(sq, 'sq'), send(pg, 'pg')]);
        requests += 1;
        const shown = typeof path === 'function' ? path('sq') : path;
        const route = `${method} ${shown}`;
        statuses.set(a.status, (statuses.get(a.status) || 0) + 1);
        const kind = routeKind(shown);
        let na = { status: a.status, body: norm(a.body, undefined, 'sq', kind), location: normPath(a.headers.get('location'), 'sq') };
        let nb = { status: b.status, body: norm(b.body, undefined, 'pg', kind), location: normPath(b.headers.get('location'), 'pg') };
        if (a.status === 304 || b.status === 304) { na.body = nb.body = null; }
        const paths = diffPaths(na, nb);
        if (paths.length) {
            const allowed = ALLOWED.find((x) => x.route.test(route));
            if (allowed) {
                na = { ...na, body: allowed.normalise(na.body, route) };
                nb = { ...nb, body: allowed.normalise(nb.body, route) };
                allowed.seen = (allowed.seen || 0) + 1;
            }
            const left = allowed ? diffPaths(na, nb) : paths;
            if (left.length) differences.push({ step: requests, route, paths: left });
        }
        return { sq: a, pg: b };
    }

    /* both(), then the body on each side (a failed expectation on SQLite's status fails the
     * test: the walk needs the object). */
    async function made(method, path, opts, status) {
        const r = await both(method, path, opts);
        expectStatus(r.sq, status);
        expectStatus(r.pg, status);
        return { sq: r.sq.body, pg: r.pg.body };
    }
    /* The id of a pair of objects: a function of the side, for paths and bodies. */
    const idOf = (pair) => (side) => pair[side].id;
    const at = (template, ...pairs) => (side) => template.replace(/\{(\d+)\}/g, (_, i) => {
        const p = pairs[Number(i)];
        return typeof p === 'function' ? p(side) : p && typeof p === 'object' ? p[side].id : p;
    });

    /* ------------------------------------------------------------ the data */

    const COMPANIES = ['Acme', 'acme', 'ACME Corp', 'Äpfel AG', 'apfel', 'Zeta', 'zeta', 'Émile & Fils', 'Ørsted',
        'Straße GmbH', 'strasse', '東京 Tech', 'Beta, Inc.', 'beta', 'Ω Labs', "O'Reilly", 'İstanbul Yazılım',
        'istanbul', 'emoji 🚀 Co', 'Çelik', 'Łódź Soft', 'naïve café', 'NAÏVE CAFÉ', '_under', '123 Numbers', ' Zeta '];
    const TITLES = ['Senior Software Engineer', 'Backend Developer (m/f/d)', 'Data Scientist', 'Développeur Backend',
        'engineer', 'Engineering Manager', 'The Best Job of the Year', 'Running and runners', 'C++ Developer',
        'C# Developer', 'Node.js Engineer', 'Full-Stack Engineer', 'Ingénieur logiciel', 'naïve café barista',
        'Site Reliability Engineer', 'Go / Rust engineer', 'QA: tester', 'DevOps 2.0', 'Straße Planner', '東京 エンジニア'];
    const LOCATIONS = [null, 'Berlin', 'berlin', 'München', 'Remote - USA', 'Zürich', 'São Paulo', '', 'New York, NY'];
    const WORDS = ['the', 'and', 'of', 'engineers', 'engineering', 'running', 'runs', 'ran', 'databases', 'PostgreSQL',
        'postgres', 'SQLite', 'caffè', 'résumé', 'resume', 'naïve', 'Kubernetes', 'k8s', 'C++', 'C#', '.NET', 'node.js',
        'full-stack', 'e-mail', "don't", 'café', 'CAFÉ', 'straße', '東京', '🚀', 'a', 'I', 'is', 'be', 'Go', 'go', 'going'];
    const STACK = ['Python', 'python', 'Go', 'Rust', 'C++', 'C#', 'PostgreSQL', 'Postgres', 'SQL', 'Docker', 'Kubernetes',
        'K8s', 'React', 'Node.js', 'TypeScript', 'Java', 'Kotlin', 'Ruby on Rails', 'Élan', 'AWS'];
    const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

    function jobFields(i) {
        const f = { company: pick(COMPANIES), title: `${pick(TITLES)}${chance(0.6) ? ` ${i}` : ''}` };
        if (chance(0.8)) f.location = pick(LOCATIONS);
        if (chance(0.7)) f.description = chance(0.1) ? `${sentence(20)} `.repeat(400) : sentence(int(0, 30));
        if (chance(0.5)) f.requirements = chance(0.5) ? null : sentence(int(1, 12));
        if (chance(0.5)) f.responsibilities = sentence(int(1, 8));
        if (chance(0.6)) {
            const lo = pick([null, 0, 1, 50000, 50000, 99999, 1000000000]);
            const hi = lo === null ? pick([null, 0, 70000]) : pick([lo, lo + 1, 1000000000]);
            f.salary_min = lo;
            f.salary_max = hi;
        }
        if (chance(0.3)) f.salary_range = pick(['50-70k', '€60.000 – €80.000', null, '']);
        if (chance(0.5)) f.currency = pick(['EUR', 'USD', 'GBP', null]);
        if (chance(0.5)) f.job_type = pick(['full-time', 'part-time', 'contract', 'internship', 'temporary', 'freelance', null]);
        if (chance(0.5)) f.remote_option = pick(['onsite', 'hybrid', 'remote', null]);
        if (chance(0.7)) f.tech_stack = shuffle(STACK).slice(0, int(0, 5));
        if (chance(0.3)) f.documents_required = pick([[], ['CV'], ['CV', 'Cover letter', 'Zeugnis']]);
        if (chance(0.4)) f.application_url = pick([null, `https://jobs.example.com/${i}`, `https://jobs.example.com/p/${i}?utm=1`]);
        if (chance(0.3)) f.source_url = `https://board.example.org/${i}/`;
        if (chance(0.5)) f.source = pick(['manual', 'import', 'linkedin', 'indeed', 'adzuna', 'rss', 'api', 'other']);
        if (chance(0.3)) f.status = pick(['not_applied', 'interested', 'applied', 'archived', 'offer']);
        if (chance(0.4)) f.notes = pick([null, '', 'Tab\there', 'Line\nbreak', '  padded  ', 'ünïcödé 🎉', 'x'.repeat(5000)]);
        if (chance(0.3)) f.date_applied = pick([null, '2026-03-29', '2026-10-25', '2025-12-31', '2026-01-01', '2024-02-29']);
        return f;
    }

    const BAD_JOBS = [
        {}, { company: '' }, { company: 'X', title: '' }, { company: 'X', title: 'Y', salary_min: -1 },
        { company: 'X', title: 'Y', salary_min: 10, salary_max: 5 }, { company: 'X', title: 'Y', salary_max: 1000000001 },
        { company: 'X', title: 'Y', salary_min: 1.5 }, { company: 'X', title: 'Y', salary_min: '100' },
        { company: 'X', title: 'Y', salary_min: 1e20 }, { company: 'X', title: 'Y', currency: 'euro' },
        { company: 'X', title: 'Y', job_type: 'gig' }, { company: 'X', title: 'Y', tech_stack: 'Go' },
        { company: 'X', title: 'Y', tech_stack: [1, 2] }, { company: 'X', title: 'Y', id: 5 },
        { company: 'X', title: 'Y', bogus: true }, { company: 'x'.repeat(256), title: 'Y' },
        { company: 'é'.repeat(255), title: 'Y 255 characters of two bytes' }, { company: 'é'.repeat(256), title: 'Y' },
        { company: '🚀'.repeat(255), title: 'astral' }, { company: 'X', title: 'Y', date_applied: '2026-02-30' },
        { company: 'X', title: 'Y', date_applied: '2026-13-01' }, { company: 'X', title: 'Y', status: 'nope' },
        { company: 'X', title: 'Y', salary_min: null, salary_max: 0 }, { company: 'X', title: 'Y', remote_option: 'Remote' },
        { company: null, title: 'Y' }, { company: 'X', title: 'Y', notes: 7 },
    ];

    const SEARCHES = ['engineer', 'Engineer', 'ENGINEERING', 'engin', 'eng', 'e', 'développeur', 'developpeur',
        'Developpeur', 'the', 'the best', 'best the', '"senior software"', '"software senior"', 'senior software',
        'c++', 'c#', 'C', 'node.js', 'node', 'js', 'full-stack', 'full stack', 'fullstack', 'running', 'run', 'runs',
        'runner', '東京', 'エンジニア', 'straße', 'strasse', 'STRASSE', 'naïve', 'naive', 'NAÏVE', 'café', 'cafe',
        'caffè', '🚀', 'o\'reilly', 'reilly', 'İstanbul', 'istanbul', 'ISTANBUL', 'ılık', 'a OR b', 'engineer OR data',
        '-engineer', 'engineer -data', 'title:engineer', 'foo:bar', '*', 'eng*', '(', ')', '"', "'", '&', '|', '!', ':',
        '<->', '\\', '%', '_', '__', 'postgres', 'postgresql', 'PostgreSQL', 'databases', 'database', 'k8s', '.net',
        'e-mail', 'email', "don't", 'dont', 'Zürich', 'zurich', 'München', 'munchen', 'a', 'I', 'is', 'to be',
        '2.0', 'devops', 'qa', 'tester', 'data scientist', 'science', 'x'.repeat(100), '  engineer  ', 'engineer  senior',
        'acme', 'Äpfel', 'apfel', 'ørsted', 'orsted', 'łódź', 'lodz', 'çelik', 'celik', 'Ω', 'ω', 'go', 'Go', 'rust'];

    /* ------------------------------------------------------------ the walk */

    const users = [];
    let admin;
    const jobs = [];
    const apps = [];

    test('users: register, log in, profile, preferences; their errors', async () => {
        const names = ['alice_engines', 'Bob.Engines', 'zoë_x'.replace('ë', 'e'), 'carol-engines'];
        for (const name of names) {
            const r = await made('POST', '/auth/register', { body: { username: name, email: `${name}@Example.COM`, password: PASSWORD } }, 201);
            users.push({ sq: r.sq.access_token, pg: r.pg.access_token, name });
        }
        const [alice, bob] = users;
        await both('POST', '/auth/register', { body: { username: 'alice_engines', email: 'other@example.com', password: PASSWORD } });
        await both('POST', '/auth/register', { body: { username: 'ALICE_ENGINES', email: 'other2@example.com', password: PASSWORD } });
        await both('POST', '/auth/register', { body: { username: 'alice2', email: 'ALICE_ENGINES@example.com', password: PASSWORD } });
        await both('POST', '/auth/register', { body: { username: 'ab', email: 'ab@example.com', password: PASSWORD } });
        await both('POST', '/auth/register', { body: { username: 'ok_name', email: 'not-an-email', password: PASSWORD } });
        await both('POST', '/auth/register', { body: { username: 'ok_name', email: 'ok@example.com', password: 'short' } });
        await both('POST', '/auth/register', { body: { username: 'ok_name', email: 'ok@example.com', password: PASSWORD, is_admin: true } });
        await both('POST', '/auth/login', { body: { username: 'alice_engines', password: PASSWORD } });
        await both('POST', '/auth/login', { body: { username: 'ALICE_ENGINES', password: PASSWORD } });
        await both('POST', '/auth/login', { body: { email: 'alice_engines@example.com', password: PASSWORD } });
        await both('POST', '/auth/login', { body: { username: 'Alice_Engines@EXAMPLE.com', password: PASSWORD } });
        await both('POST', '/auth/login', { body: { username: 'alice_engines', password: 'wrong password' } });
        await both('GET', '/auth/providers');
        await both('GET', '/users/me', { user: alice });
        await both('GET', '/users/me');
        const profiles = [
            { skills: ['Python', 'go', 'PostgreSQL', 'Élan', 'python'], preferred_locations: ['Berlin', 'München'], experience_level: 'senior', daily_application_goal: 3, prefer_remote_jobs: true },
            { skills: [], experience_level: null, daily_application_goal: 0 },
            { skills: ['Rust', 'C++', 'Docker'], daily_application_goal: 100, profile_picture_url: 'https://img.example.com/%C3%A4.png' },
            { daily_application_goal: 101 }, { daily_application_goal: 2.5 }, { daily_application_goal: '3' },
            { experience_level: 'guru' }, { skills: 'Python' }, { skills: [1] }, { email: 'BOB.NEW@Example.com' },
            { email: 'alice_engines@example.com' }, { prefer_remote_jobs: 'yes' }, { is_admin: true }, { username: 'x' },
        ];
        for (const [i, p] of profiles.entries()) await both('PATCH', '/users/me', { user: i === 0 ? alice : bob, body: p });
        await both('PATCH', '/users/me', { user: users[2], body: { skills: ['Go', 'Rust', 'SQL', 'AWS'], experience_level: 'mid', preferred_locations: ['Remote - USA'] } });
        const prefs = [
            { preferred_sources: ['linkedin'], disabled_sources: [], preferred_job_types: ['full-time', 'contract'], preferred_companies: ['Acme'], excluded_companies: ['Zeta'], min_salary: 60000, keywords: ['backend', 'Go'], excluded_keywords: ['PHP'], notify_new_matches: false },
            { min_salary: -5 }, { min_salary: 1.5 }, { preferred_job_types: ['gig'] }, { keywords: 'x' }, {},
        ];
        for (const p of prefs) await both('PUT', '/users/me/preferences', { user: alice, body: p });
        await both('GET', '/users/me/preferences', { user: alice });
        await both('GET', '/users/me/preferences', { user: bob });
        await both('PUT', '/users/me/preferences', { user: users[2], body: { preferred_job_types: ['full-time'], min_salary: 50000 } });
        await both('POST', '/users/me/password', { user: users[3], body: { current_password: 'wrong one!', new_password: 'another good one' } });
        await both('POST', '/users/me/password', { user: users[3], body: { current_password: PASSWORD, new_password: 'short' } });
        const adm = await Promise.all([createAdmin(sq, 'admin_engines'), createAdmin(pg, 'admin_engines')]);
        admin = { sq: adm[0].token, pg: adm[1].token };
    });

    test('jobs: create with every field, duplicates, errors, reads, updates', async () => {
        const [alice, bob, carol] = users;
        for (let i = 0; i < 70; i++) {
            const who = i < 50 ? alice : i < 62 ? bob : carol;
            const r = await both('POST', '/jobs', { user: who, body: jobFields(i) });
            if (r.sq.status === 201 && r.pg.status === 201) jobs.push({ sq: r.sq.body, pg: r.pg.body, who });
        }
        assert.ok(jobs.length > 40, `only ${jobs.length} jobs made`);
        for (const body of BAD_JOBS) await both('POST', '/jobs', { user: alice, body });
        // duplicates: the same fingerprint after normalisation, the same URL, near duplicates
        const first = jobs.find((j) => j.who === alice);
        const dupes = [
            { company: `${first.sq.company.toUpperCase()}, Inc.`, title: `  ${first.sq.title}  (m/f/d)`, location: first.sq.location },
            { company: 'Fresh Co', title: 'Fresh', application_url: 'http://JOBS.example.com/0/' },
            { company: 'Fresh Co', title: 'Fresh', application_url: 'https://jobs.example.com/0#frag' },
            { company: 'Acme Corp', title: 'Senior Software Engineers', location: 'Berlin' },
            { company: 'Acme Corporation', title: 'Senior Software Engineer', location: 'Berlín' },
            { company: 'Straße GmbH', title: 'Straße Planner', location: 'STRASSE' },
            { company: 'STRASSE', title: 'straße planner' },
            { company: 'İstanbul Yazılım', title: 'İ', location: 'İstanbul' },
            { company: 'istanbul yazılım', title: 'i̇', location: 'i̇stanbul' },
            { company: 'ß', title: 'ẞ' }, { company: 'SS', title: 'ss' },
        ];
        for (const body of dupes) {
            const r = await both('POST', '/jobs', { user: alice, body });
            if (r.sq.status === 201 && r.pg.status === 201) jobs.push({ sq: r.sq.body, pg: r.pg.body, who: alice });
        }
        for (const j of shuffle(jobs).slice(0, 15)) await both('GET', at('/jobs/{0}', j), { user: j.who });
        await both('GET', at('/jobs/{0}', jobs[0]), { user: bob });
        await both('GET', '/jobs/999999', { user: alice });
        await both('GET', '/jobs/abc', { user: alice });
        await both('GET', '/jobs/0', { user: alice });
        await both('GET', '/jobs/-1', { user: alice });
        await both('GET', '/jobs/99999999999999999999', { user: alice });
        const patches = [
            { notes: 'patched ✓' }, { salary_min: 10 }, { salary_max: 9 }, { salary_min: null }, { salary_max: null },
            { tech_stack: ['Go', 'go', 'GO'] }, { tech_stack: [] }, { description: null }, { location: 'Berlin' },
            { company: jobs[1].sq.company, title: jobs[1].sq.title, location: jobs[1].sq.location },
            { status: 'archived' }, { status: 'applied', date_applied: '2026-06-15' }, { currency: 'usd' }, { job_fingerprint: 'x' },
        ];
        for (const p of patches) {
            const j = pick(jobs.filter((x) => x.who === alice));
            await both('PATCH', at('/jobs/{0}', j), { user: alice, body: p });
        }
        const put = jobs.find((j) => j.who === bob);
        await both('PUT', at('/jobs/{0}', put), { user: bob, body: { company: 'Put Company', title: 'Put Title' } });
        await both('PUT', at('/jobs/{0}', put), { user: bob, body: { title: 'Put Title' } });
        await both('GET', at('/jobs/{0}', put), { user: bob });
        // one of carol's jobs deleted
        const gone = jobs.find((j) => j.who === carol);
        await both('DELETE', at('/jobs/{0}', gone), { user: carol });
        await both('DELETE', at('/jobs/{0}', gone), { user: carol });
        jobs.splice(jobs.indexOf(gone), 1);
        await both('POST', '/jobs/import', {
            user: bob, body: [
                { company: 'Imported', title: 'One', tech_stack: ['Go'] }, { company: 'Imported', title: 'One' },
                { company: '', title: 'Bad' }, { company: 'Imported', title: 'Two', salary_min: 5, salary_max: 1 },
                { company: 'Ünï', title: 'Çödé', location: 'Zürich' }, { company: 'Imported', title: 'Three', bogus: 1 },
            ],
        });
        const csv = 'company,title,location,tech_stack,salary_min,salary_max,Status\r\nCsv Co,Engineer,Berlin,"[""Go"",""SQL""]",1,2,applied\r\n' +
            'Csv Co,Engineer,Berlin,,,,\r\n"Quote ""Co""",Dev,,Go;Rust,,,\r\n,,,,,,\r\nÄ Co,Ö,Ü,,3,x,\r\n';
        await both('POST', '/jobs/import', { user: bob, raw: csv, headers: { 'content-type': 'text/csv' } });
        const capture = '<html><head><title>Captured | Board</title><script type="application/ld+json">' +
            JSON.stringify({ '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Captured Engineer &amp; Lead', hiringOrganization: { name: 'Captura GmbH' }, jobLocation: { address: { addressLocality: 'Köln' } }, employmentType: 'FULL_TIME', baseSalary: { currency: 'EUR', value: { minValue: 60000, maxValue: 80000.5 } }, description: '<p>Go &amp; Rust</p>' }) +
            '</script></head><body></body></html>';
        await both('POST', '/jobs/capture', { user: bob, body: { url: 'https://boards.greenhouse.io/captura/jobs/1', html: capture } });
        await both('POST', '/jobs/capture?save=true', { user: bob, body: { url: 'https://boards.greenhouse.io/captura/jobs/1', html: capture } });
        await both('POST', '/jobs/capture?save=true', { user: bob, body: { url: 'https://boards.greenhouse.io/captura/jobs/1', html: capture } });
        await both('POST', '/jobs/capture', { user: bob, body: { url: 'https://x.example/', html: '<title> Just  a title </title>' } });
    });

    test('jobs: lists under every filter and sort, searches', async () => {
        const [alice, bob] = users;
        const sorts = ['created_at', 'updated_at', 'company', 'title', 'salary_max', 'date_applied', 'status'];
        for (const s of sorts) {
            for (const dir of ['', '-']) {
                await both('GET', `/jobs?sort=${dir}${s}&limit=100`, { user: alice });
                await both('GET', `/jobs?sort=${dir}${s}&limit=${int(1, 7)}&offset=${int(0, 30)}`, { user: alice });
            }
        }
        const filters = [
            ...['not_applied', 'applied', 'archived', 'offer', 'interested'].map((v) => `status=${v}`),
            ...['Acme', 'acme', 'ACME', 'Äpfel AG', 'äpfel ag', 'ÄPFEL AG', 'apfel', 'Zeta', ' Zeta ', 'Straße GmbH', 'STRASSE GMBH',
                'İstanbul Yazılım', 'istanbul yazılım', 'naïve café', 'NAÏVE CAFÉ', 'Naïve Café', 'Ørsted', 'ørsted', '東京 Tech',
                'Acm', 'Acme%', 'Ac_e', '%', '_', 'beta', 'Beta, Inc.'].map((v) => `company=${encodeURIComponent(v)}`),
            ...['manual', 'import', 'linkedin', 'other'].map((v) => `source=${v}`),
            ...['full-time', 'contract', 'freelance'].map((v) => `job_type=${v}`),
            ...['onsite', 'hybrid', 'remote'].map((v) => `remote_option=${v}`),
        ];
        for (const f of filters) await both('GET', `/jobs?${f}&limit=100&sort=${pick(sorts)}`, { user: alice });
        for (let i = 0; i < 10; i++)
            await both('GET', `/jobs?${pick(filters)}&${pick(filters)}&sort=-${pick(sorts)}&limit=${int(1, 100)}`, { user: alice });
        for (const q of SEARCHES) {
            await both('GET', `/jobs?q=${encodeURIComponent(q)}&limit=100`, { user: alice });
            if (chance(0.3)) await both('GET', `/jobs?q=${encodeURIComponent(q)}&sort=${pick(['', '-'])}${pick(sorts)}&limit=${int(1, 5)}&offset=${int(0, 3)}`, { user: alice });
        }
        await both('GET', '/jobs?q=engineer', { user: bob });
        const bad = ['limit=0', 'limit=101', 'limit=-1', 'limit=abc', 'offset=-1', 'offset=1.5', 'sort=bogus', 'sort=-', 'status=nope',
            'job_type=gig', 'limit=1e2', 'limit=%20', 'q=' + 'x'.repeat(2000), 'unknown=1', 'offset=99999999999999999999'];
        for (const b of bad) await both('GET', `/jobs?${b}`, { user: alice });
        await both('GET', '/jobs?limit=5&offset=1000', { user: alice });
    });

    test('applications: create, moves, board, follow-ups, contacts, calendar', async () => {
        const [alice, bob] = users;
        const mine = jobs.filter((j) => j.who === alice);
        const dates = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26',
            '2025-12-29', '2025-12-31', '2026-01-01', '2026-01-04', '2026-01-05'];
        for (let i = 0; i < 30; i++) {
            const j = mine[i % mine.length];
            const body = { job_id: (side) => j[side].id };
            if (chance(0.6)) body.status = pick(['interested', 'applied', 'phone_screen', 'interview', 'offer', 'rejected', 'accepted', 'ghosted']);
            if (chance(0.7)) body.applied_date = pick(dates);
            if (chance(0.4)) body.response_date = pick(dates);
            if (chance(0.5)) body.follow_up_date = pick([...dates, '2026-12-01', '2030-01-01', null]);
            if (chance(0.3)) body.interview_date = pick(['2026-03-29T01:30:00Z', '2026-10-25T00:59:59Z', '2026-03-29T02:30:00+02:00', null]);
            if (chance(0.3)) body.notes = pick(['n', 'ünï', '', null]);
            if (chance(0.2)) body.interview_feedback = pick([{ b: 1, a: [2, 1], 'ä': null }, {}, { nested: { x: 1.5, y: 1.0, z: 1e21 } }]);
            const send = { ...body, job_id: undefined };
            const r = await both('POST', '/applications', { user: alice, body: (side) => ({ ...send, job_id: j[side].id }) });
            if (r.sq.status === 201 && r.pg.status === 201) apps.push({ sq: r.sq.body, pg: r.pg.body });
        }
        assert.ok(apps.length > 10, `only ${apps.length} applications made`);
        const appBad = [{}, { job_id: 999999 }, { job_id: 'x' }, { status: 'done' }, { applied_date: '2026-02-30' }, { interview_date: '2026-01-01' },
            { interview_feedback: [1] }, { interview_feedback: 'x' }];
        for (const b of appBad) await both('POST', '/applications', { user: alice, body: (side) => ({ job_id: mine[0][side].id, ...b }) });
        await both('POST', '/applications', { user: bob, body: (side) => ({ job_id: mine[0][side].id }) });
        const states = ['interested', 'applied', 'phone_screen', 'interview', 'technical', 'offer', 'accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'];
        for (let i = 0; i < 60; i++) {
            const a = pick(apps);
            const force = chance(0.15) ? '?force=true' : '';
            const body = chance(0.85) ? { status: pick(states) } : pick([{ notes: 'moved' }, { follow_up_date: pick(dates) }, { job_id: 1 }, { status: 'applied', applied_date: '2026-01-02' }]);
            await both('PATCH', at(`/applications/{0}${force}`, a), { user: alice, body });
        }
        for (const a of apps.slice(0, 8)) await both('GET', at('/applications/{0}', a), { user: alice });
        for (const j of mine.slice(0, 12)) await both('GET', at('/jobs/{0}', j), { user: alice });
        // a job with applications: its status is the application's
        const withApp = mine[0];
        await both('PATCH', at('/jobs/{0}', withApp), { user: alice, body: { status: 'archived' } });
        const sorts = ['created_at', 'updated_at', 'applied_date', 'status', 'follow_up_date', 'interview_date', 'response_date'];
        for (const s of sorts) for (const dir of ['', '-']) await both('GET', `/applications?sort=${dir}${s}&limit=100`, { user: alice });
        const filters = ['status=applied', 'status=rejected', 'applied_from=2026-03-28&applied_to=2026-03-29', 'applied_date=2026-03-29',
            'follow_up_from=2026-01-01', 'follow_up_to=2026-03-30', 'response_date=2026-10-25', 'offer_date=2026-01-01',
            'applied_date_from=2025-12-31&applied_date_to=2026-01-04', 'follow_up_date=2030-01-01', 'applied_from=2026-13-01', 'applied_from=x'];
        for (const f of filters) await both('GET', `/applications?${f}&limit=100&sort=${pick(['', '-'])}${pick(sorts)}`, { user: alice });
        await both('GET', at('/applications?job_id={0}', withApp), { user: alice });
        await both('GET', '/applications/pipeline', { user: alice });
        for (const n of ['', '?per_column=1', '?per_column=3', '?per_column=200', '?per_column=201', '?per_column=0'])
            await both('GET', `/applications/board${n}`, { user: alice });
        for (const q of ['', '?sort=follow_up_date', '?sort=-follow_up_date&limit=3', '?limit=2&offset=1'])
            await both('GET', `/applications/follow-ups${q}`, { user: alice });
        // contacts and their links
        const contacts = [];
        const people = [{ name: 'Rita Recruiter', company: 'Acme', email: 'RITA@example.com' }, { name: 'rita recruiter' }, { name: 'Émile Zola', company: 'Émile & Fils' },
            { name: 'Zoë', company: 'zeta' }, { name: 'Ådam', role: 'CTO' }, { name: 'adam' }, { name: '東京' }, { name: 'Bob' }, { name: 'bob' }, { name: '' }, { name: 'x'.repeat(201) },
            { name: 'y'.repeat(200), phone: '+49 (0) 30 1234' }, { name: 'Link', linkedin_url: 'https://linkedin.com/in/%C3%A4' }];
        for (const p of people) {
            const r = await both('POST', '/contacts', { user: alice, body: p });
            if (r.sq.status === 201 && r.pg.status === 201) contacts.push({ sq: r.sq.body, pg: r.pg.body });
        }
        for (const s of ['name', 'company', 'created_at', 'updated_at']) for (const dir of ['', '-']) await both('GET', `/contacts?sort=${dir}${s}&limit=100`, { user: alice });
        for (const q of ['rita', 'RITA', 'émile', 'emile', 'zoe', 'zoë', 'ada', 'Å', '東', '%', '_', 'r_ta', 'acme']) await both('GET', `/contacts?q=${encodeURIComponent(q)}&limit=100`, { user: alice });
        for (const c of ['Acme', 'acme', 'ZETA', 'Émile & Fils', 'émile & fils']) await both('GET', `/contacts?company=${encodeURIComponent(c)}`, { user: alice });
        await both('PATCH', at('/contacts/{0}', contacts[0]), { user: alice, body: { notes: 'met at café', email: null } });
        await both('PUT', at('/contacts/{0}', contacts[1]), { user: alice, body: { name: 'Rita R.' } });
        for (const [i, c] of contacts.slice(0, 5).entries()) {
            const relation = pick(['recruiter', 'hiring_manager', 'other', 'boss']);
            await both('POST', at('/applications/{0}/contacts', apps[i % 2]), { user: alice, body: (side) => ({ contact_id: c[side].id, relation }) });
        }
        await both('POST', at('/applications/{0}/contacts', apps[0]), { user: alice, body: (side) => ({ contact_id: contacts[0][side].id, relation: 'recruiter' }) });
        for (const s of ['', '?sort=name', '?sort=-name', '?sort=linked_at', '?sort=-linked_at']) await both('GET', at(`/applications/{0}/contacts${s}`, apps[0]), { user: alice });
        await both('GET', at('/applications/{0}/contacts/{1}', apps[0], contacts[0]), { user: alice });
        await both('DELETE', at('/applications/{0}/contacts/{1}', apps[0], contacts[0]), { user: alice });
        await both('DELETE', at('/applications/{0}/contacts/{1}', apps[0], contacts[0]), { user: alice });
        await both('DELETE', at('/contacts/{0}', contacts[2]), { user: alice });
        // tasks
        const tasks = [];
        const taskBodies = [{ title: 'Send portfolio', due_date: '2026-03-29', priority: 'high' }, { title: 'send portfolio', due_date: '2026-03-29' },
            { title: 'Ünï task', due_date: '2026-10-25', priority: 'low' }, { title: 'No date' }, { title: 'Linked', application_id: (s) => apps[0][s].id },
            { title: 'Job task', job_id: (s) => mine[1][s].id, due_date: '2025-12-31' }, { title: '' }, { title: 'x'.repeat(301) }, { title: 'Bad prio', priority: 'urgent' },
            { title: 'Bad date', due_date: '2026-02-29' }, { title: 'Other job', job_id: (s) => jobs.find((j) => j.who === bob)[s].id }];
        for (const t of taskBodies) {
            const r = await both('POST', '/tasks', { user: alice, body: (side) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, typeof v === 'function' ? v(side) : v])) });
            if (r.sq.status === 201 && r.pg.status === 201) tasks.push({ sq: r.sq.body, pg: r.pg.body });
        }
        await both('PATCH', at('/tasks/{0}', tasks[0]), { user: alice, body: { done: true } });
        await both('PATCH', at('/tasks/{0}', tasks[1]), { user: alice, body: { done: true } });
        await both('PATCH', at('/tasks/{0}', tasks[1]), { user: alice, body: { done: false, notes: 'reopened' } });
        await both('PUT', at('/tasks/{0}', tasks[2]), { user: alice, body: { title: 'Put task', priority: 'high' } });
        for (const s of ['due_date', 'priority', 'title', 'created_at', 'updated_at', 'done_at'])
            for (const dir of ['', '-']) await both('GET', `/tasks?sort=${dir}${s}&limit=100`, { user: alice });
        for (const f of ['done=true', 'done=false', 'done=maybe', 'due_before=2026-03-30', 'due_before=2026-01-01', 'priority=high', 'q=portfolio', 'q=PORT', 'q=ünï', 'q=uni',
            at('application_id={0}', apps[0]), at('job_id={0}', mine[1])]) {
            await both('GET', typeof f === 'function' ? (side) => `/tasks?${f(side)}` : `/tasks?${f}`, { user: alice });
        }
        for (const r of [['2026-03-01', '2026-04-30'], ['2025-12-01', '2026-01-31'], ['2026-10-01', '2026-10-31'], ['2026-01-01', '2027-01-02'], ['2026-05-01', '2026-04-01'], ['2026-02-30', '2026-03-01']])
            await both('GET', `/calendar?from=${r[0]}&to=${r[1]}`, { user: alice });
        await both('GET', '/calendar/feed', { user: alice });
        const feed = await both('POST', '/calendar/feed', { user: alice });
        const token = (side) => new URL(feed[side].body.url).searchParams.get('token');
        await both('GET', (side) => `/calendar.ics?token=${token(side)}`);
        await both('GET', '/calendar.ics?token=nope');
        await both('DELETE', '/calendar/feed', { user: alice });
        await both('GET', (side) => `/calendar.ics?token=${token(side)}`);
        // one application deleted: its job follows the remaining ones
        await both('DELETE', at('/applications/{0}', apps[apps.length - 1]), { user: alice });
        await both('GET', at('/jobs/{0}', mine[(apps.length - 1) % mine.length]), { user: alice });
        await both('DELETE', at('/tasks/{0}', tasks[3]), { user: alice });
    });

    test('analytics: every route, with dates', async () => {
        const [alice, bob, carol] = users;
        for (const u of [alice, bob, carol]) {
            for (const r of ['/analytics/summary', '/analytics/funnel', '/analytics/sources', '/analytics/skills', '/analytics/skills?limit=3', '/analytics/salaries'])
                await both('GET', r, { user: u });
        }
        const ranges = [['2026-03-23', '2026-04-05'], ['2025-12-25', '2026-01-10'], ['2026-10-20', '2026-10-31'], ['2024-02-28', '2024-03-01'], ['2026-01-01', '2026-12-31']];
        for (const m of ['applications', 'jobs', 'responses', 'interviews', 'offers'])
            for (const iv of ['day', 'week'])
                await both('GET', `/analytics/timeseries?metric=${m}&interval=${iv}&from=${pick(ranges)[0]}&to=${pick(ranges)[1]}`, { user: alice });
        for (const r of ranges) await both('GET', `/analytics/timeseries?metric=applications&interval=week&from=${r[0]}&to=${r[1]}`, { user: alice });
        for (const q of ['metric=bogus', 'interval=month', 'from=2026-02-30', 'from=2026-05-01&to=2026-04-01', 'from=2000-01-01&to=2030-01-01', ''])
            await both('GET', `/analytics/timeseries?${q}`, { user: alice });
        for (const t of ['application_summary', 'funnel', 'response_rate', 'weekly_activity', 'goal_progress', 'source_effectiveness', 'skill_demand', 'salary_insights', 'bogus'])
            await both('POST', '/analytics/snapshots', { user: alice, body: { type: t } });
        await both('POST', '/analytics/snapshots', { user: alice, body: {} });
        for (const s of ['', '?sort=generated_at', '?sort=-generated_at', '?sort=id', '?sort=-id', '?type=funnel', '?type=bogus'])
            await both('GET', `/analytics/snapshots${s}`, { user: alice });
        const snaps = await both('GET', '/analytics/snapshots?limit=1', { user: alice });
        const snap = { sq: snaps.sq.body.items[0], pg: snaps.pg.body.items[0] };
        await both('GET', at('/analytics/snapshots/{0}', snap), { user: alice });
        await both('DELETE', at('/analytics/snapshots/{0}', snap), { user: alice });
        await both('GET', '/admin/analytics', { user: admin });
        await both('GET', '/admin/analytics', { user: alice });
        for (const s of ['id', 'username', 'email', 'created_at']) for (const dir of ['', '-']) await both('GET', `/admin/users?sort=${dir}${s}`, { user: admin });
        for (const f of ['is_admin=true', 'username=alice_engines', 'email=ALICE_ENGINES@example.com', 'q=ali', 'q=ENGINES']) await both('GET', `/admin/users?${f}`, { user: admin });
        await both('GET', '/jobs/recommendations', { user: alice });
        await both('GET', '/jobs/recommendations?limit=5', { user: carol });
        await both('GET', '/jobs/recommendations?sort=match_score', { user: bob });
        const bobJob = jobs.find((j) => j.who === bob);
        await both('POST', at('/jobs/{0}/recommendation-feedback', bobJob), { user: bob, body: { is_helpful: true, comment: 'good ✓' } });
        await both('GET', at('/jobs/{0}/recommendation-feedback', bobJob), { user: bob });
        await both('GET', '/jobs/recommendations', { user: bob });
        await both('POST', at('/jobs/{0}/recommendation-feedback', bobJob), { user: bob, body: { is_helpful: 'yes' } });
    });

    test('résumés, content and interviews', async () => {
        const [alice, bob] = users;
        const texts = [
            ['cv.txt', 'text/plain', 'Jane Doe\njane@example.com\n+49 30 1234567\n\nEXPERIENCE\nBackend Engineer, Acme 2019 - Present\n- Built billing in Go and PostgreSQL\n\nEDUCATION\nTU München, M.Sc. 2018\n\nSKILLS\nGo, PostgreSQL, Docker, Élan, K8s\n'],
            ['lebenslauf.md', 'text/markdown', '# Zoë Müller\n\nzoe@example.de\n\n## Erfahrung\nSenior Entwicklerin bei Straße GmbH 2015 – 2024\n\n## Skills\n- Python\n- Rust\n- C++\n'],
            ['empty.txt', 'text/plain', ''],
            ['bin.txt', 'text/plain', '\u0000\u0001\u0002'],
        ];
        const resumes = [];
        for (const [name, type, text] of texts) {
            const r = await both('POST', '/resumes', {
                user: alice, raw: () => {
                    const form = new FormData();
                    form.append('file', new Blob([text], { type }), name);
                    return form;
                },
            });
            if (r.sq.status === 201 && r.pg.status === 201) resumes.push({ sq: r.sq.body, pg: r.pg.body });
        }
        for (const r of resumes) await both('GET', at('/resumes/{0}', r), { user: alice });
        await both('GET', at('/resumes/{0}/file', resumes[0]), { user: alice });
        await both('POST', at('/resumes/{0}/primary', resumes[1]), { user: alice });
        await both('PATCH', at('/resumes/{0}', resumes[0]), { user: alice, body: { label: 'Main ✓' } });
        await both('POST', at('/resumes/{0}/apply-skills', resumes[0]), { user: alice });
        await both('GET', '/users/me', { user: alice });
        for (const s of ['created_at', 'updated_at', 'filename', 'file_size', 'label']) for (const dir of ['', '-']) await both('GET', `/resumes?sort=${dir}${s}`, { user: alice });
        for (const f of ['file_type=md', 'parsing_status=completed', 'is_primary=true', 'label=Main%20%E2%9C%93']) await both('GET', `/resumes?${f}`, { user: alice });
        const mine = jobs.filter((j) => j.who === alice);
        await both('PUT', at('/jobs/{0}/resume', mine[2]), { user: alice, body: (side) => ({ resume_id: resumes[0][side].id }) });
        const contents = [];
        for (const ct of ['cover_letter', 'resume_summary', 'resume_tailoring', 'email_template', 'linkedin_message', 'thank_you_note', 'follow_up']) {
            const choice = pick([mine[0], mine[2]]);
            const fields = { content_type: ct, tone: pick(['professional', 'casual', 'friendly', undefined]), instructions: pick([undefined, 'Mention Straße ✓']) };
            const r = await both('POST', '/content', { user: alice, body: (side) => ({ ...fields, job_id: choice[side].id }) });
            if (r.sq.status === 201 && r.pg.status === 201) contents.push({ sq: r.sq.body, pg: r.pg.body });
        }
        await both('POST', '/content', { user: alice, body: { content_type: 'poem' } });
        const c0 = contents[0];
        await both('PATCH', at('/content/{0}', c0), { user: alice, body: { content: 'Version two ✓', change_note: 'mine' } });
        await both('PATCH', at('/content/{0}', c0), { user: alice, body: { content: 'Version three', status: 'approved' } });
        await both('POST', at('/content/{0}/versions/1/restore', c0), { user: alice });
        await both('POST', at('/content/{0}/versions/9/restore', c0), { user: alice });
        await both('GET', at('/content/{0}', c0), { user: alice });
        for (const s of ['created_at', 'updated_at', 'content_type', 'status']) for (const dir of ['', '-']) await both('GET', `/content?sort=${dir}${s}`, { user: alice });
        for (const f of ['content_type=cover_letter', 'status=approved', 'tone=casual', at('job_id={0}', mine[0])])
            await both('GET', typeof f === 'function' ? (side) => `/content?${f(side)}` : `/content?${f}`, { user: alice });
        await both('DELETE', at('/content/{0}', contents[1]), { user: alice });
        // interviews: scores are reals
        const sessions = [];
        for (const [type, n] of [['behavioral', 3], ['technical', 4], ['system_design', 1], ['general', 2], ['case_study', 2]]) {
            const jobPick = chance(0.5) ? mine[0] : null;
            const r = await both('POST', '/interviews', { user: alice, body: (side) => ({ interview_type: type, total_questions: n, ...(jobPick ? { job_id: jobPick[side].id } : {}) }) });
            if (r.sq.status === 201 && r.pg.status === 201) sessions.push({ sq: r.sq.body, pg: r.pg.body, n });
        }
        await both('POST', '/interviews', { user: alice, body: { interview_type: 'chat' } });
        await both('POST', '/interviews', { user: alice, body: { interview_type: 'general', total_questions: 21 } });
        const answers = ['In my last role our deploys failed weekly; I added checks, measured the failure rate and it fell 80% in a month.',
            'I would shard by user id and cache reads.', 'No idea.', '', 'Situation: the database was slow. Task: fix it. Action: indexes. Result: 10x faster, 3 ms p99.'];
        for (const s of sessions) {
            await both('POST', at('/interviews/{0}/start', s), { user: alice });
            for (let p = 1; p <= s.n; p++) if (chance(0.8)) await both('POST', at(`/interviews/{0}/questions/${p}/answer`, s), { user: alice, body: { answer: pick(answers) } });
            await both('POST', at('/interviews/{0}/questions/99/answer', s), { user: alice, body: { answer: 'x' } });
            if (chance(0.8)) await both('POST', at('/interviews/{0}/complete', s), { user: alice });
            await both('GET', at('/interviews/{0}', s), { user: alice });
        }
        await both('POST', at('/interviews/{0}/cancel', sessions[sessions.length - 1]), { user: alice });
        for (const s of ['created_at', 'updated_at', 'score', 'started_at', 'completed_at', 'interview_type', 'status'])
            for (const dir of ['', '-']) await both('GET', `/interviews?sort=${dir}${s}`, { user: alice });
        for (const f of ['status=completed', 'interview_type=technical', at('job_id={0}', mine[0])])
            await both('GET', typeof f === 'function' ? (side) => `/interviews?${f(side)}` : `/interviews?${f}`, { user: alice });
        await both('DELETE', at('/interviews/{0}', sessions[0]), { user: alice });
        await both('GET', '/interviews', { user: bob });
    });

    test('resources, learning paths, feedback, job sources', async () => {
        const [alice, bob, carol] = users;
        const made1 = await made('POST', '/resources', {
            user: admin, body: { slug: 'engines-course', title: 'Élan für Anfänger', description: 'Straße café naïve', type: 'course', provider: 'Ünï',
                url: 'https://learn.example.com/%C3%A9', skills: ['Élan', 'Python'], tags: ['ä'], prerequisites: [], learning_outcomes: ['x'], difficulty: 'beginner', duration_minutes: 0, price: 'free' },
        }, 201);
        const res = { sq: made1.sq, pg: made1.pg };
        await both('POST', '/resources', { user: admin, body: { slug: 'engines-course', title: 'T', description: 'D', type: 'course', provider: 'P', url: 'https://x.example/', difficulty: 'beginner' } });
        await both('POST', '/resources', { user: alice, body: { slug: 'nope', title: 'T', description: 'D', type: 'course', provider: 'P', url: 'https://x.example/', difficulty: 'beginner' } });
        await both('PATCH', at('/resources/{0}', res), { user: admin, body: { duration_minutes: 45, is_active: true } });
        const sorts = ['rating', 'title', 'created_at', 'updated_at', 'duration_minutes'];
        for (const s of sorts) for (const dir of ['', '-']) await both('GET', `/resources?sort=${dir}${s}&limit=100`, { user: alice });
        const filters = ['type=course', 'type=book', 'difficulty=advanced', 'skill=python', 'skill=Python', 'skill=PYTHON', 'skill=élan', 'skill=ÉLAN', 'tag=ä', 'tag=Ä',
            'provider=Ünï', 'provider=ünï', 'is_active=true', 'price=free', 'price=paid', 'q=python', 'q=PYTHON', 'q=straße', 'q=strasse', 'q=cafe', 'q=café', 'q=tutorial',
            'q=the', 'q=learn%20python', 'q=%22official%20tutorial%22', 'q=pyth', 'q=%25', 'q=_'];
        for (const f of filters) await both('GET', `/resources?${f}&limit=100&sort=${pick(['', '-'])}${pick(sorts)}`, { user: alice });
        await both('GET', '/resources?limit=3');
        const list = await both('GET', '/resources?limit=8&sort=title', { user: alice });
        const catalogue = list.sq.body.items.map((item, i) => ({ sq: item, pg: list.pg.body.items[i] }));
        for (const [i, u] of [alice, bob, carol].entries()) {
            for (const [k, r] of catalogue.entries()) {
                if (chance(0.6)) await both('PUT', at('/resources/{0}/feedback', r), { user: u, body: { is_helpful: chance(0.7), rating: int(1, 5), completed: chance(0.5), would_recommend: chance(0.5), notes: pick([null, 'gut ✓']) } });
                if (chance(0.4)) await both('POST', at('/resources/{0}/bookmark', r), { user: u, body: { notes: `n${k}${i}`, priority: pick(['low', 'medium', 'high']), status: pick(['to_learn', 'in_progress', 'completed']), progress_percentage: pick([0, 33, 100]) } });
            }
        }
        await both('PUT', at('/resources/{0}/feedback', catalogue[0]), { user: alice, body: { is_helpful: true, rating: 6 } });
        await both('PUT', at('/resources/{0}/feedback', catalogue[0]), { user: alice, body: { is_helpful: true, rating: 2.5 } });
        for (const r of catalogue) await both('GET', at('/resources/{0}', r), { user: alice });
        await both('GET', at('/resources/{0}?source=search', catalogue[1]), { user: alice });
        await both('GET', at('/resources/{0}/feedback', catalogue[0]), { user: alice });
        await both('GET', at('/resources/{0}/bookmark', catalogue[0]), { user: alice });
        for (const s of ['created_at', 'updated_at', 'progress_percentage']) for (const dir of ['', '-']) await both('GET', `/resources/bookmarks?sort=${dir}${s}`, { user: alice });
        for (const f of ['status=completed', 'priority=high']) await both('GET', `/resources/bookmarks?${f}`, { user: bob });
        for (const s of sorts) for (const dir of ['', '-']) await both('GET', `/resources?sort=${dir}${s}&limit=100`, { user: alice });
        await both('GET', '/resources/recommended', { user: alice });
        await both('GET', '/resources/recommended?limit=3&offset=1', { user: users[2] });
        await both('DELETE', at('/resources/{0}/bookmark', catalogue[0]), { user: alice });
        // learning paths
        const pathMade = await made('POST', '/learning-paths', {
            user: admin, body: (side) => ({ name: 'Engines path Ä', description: 'D', target_role: 'Backend', difficulty: 'advanced', estimated_duration_weeks: 3, skills: ['Go'],
                resource_ids: catalogue.slice(0, 3).map((r) => r[side].id), milestones: [{ week: 1, goal: 'ä', z: 1, a: 2.50 }] }),
        }, 201);
        const lp = { sq: pathMade.sq, pg: pathMade.pg };
        await both('POST', '/learning-paths', { user: admin, body: { name: 'Engines path Ä', description: 'D', difficulty: 'beginner' } });
        await both('POST', '/learning-paths', { user: admin, body: { name: 'engines path ä', description: 'D', difficulty: 'beginner' } });
        await both('POST', '/learning-paths', { user: admin, body: { name: 'Bad ids', description: 'D', difficulty: 'beginner', resource_ids: [999999] } });
        for (const s of ['name', 'created_at', 'updated_at', 'estimated_duration_weeks']) for (const dir of ['', '-']) await both('GET', `/learning-paths?sort=${dir}${s}&limit=100`, { user: alice });
        for (const f of ['difficulty=advanced', 'target_role=backend', 'target_role=Backend', 'skill=go', 'is_active=true']) await both('GET', `/learning-paths?${f}`, { user: alice });
        await both('POST', at('/learning-paths/{0}/enroll', lp), { user: alice });
        await both('POST', at('/learning-paths/{0}/enroll', lp), { user: alice });
        await both('PATCH', at('/learning-paths/{0}/progress', lp), { user: alice, body: (side) => ({ completed_resource_ids: [catalogue[0][side].id] }) });
        await both('PATCH', at('/learning-paths/{0}/progress', lp), { user: alice, body: (side) => ({ completed_resource_ids: catalogue.slice(0, 2).map((r) => r[side].id) }) });
        await both('PATCH', at('/learning-paths/{0}/progress', lp), { user: alice, body: { completed_resource_ids: [999999] } });
        await both('GET', at('/learning-paths/{0}', lp), { user: alice });
        const paths = await both('GET', '/learning-paths?limit=3&sort=name', { user: bob });
        for (const [i, p] of paths.sq.body.items.entries()) {
            const pair = { sq: p, pg: paths.pg.body.items[i] };
            if (!pair.pg) continue;
            await both('POST', at('/learning-paths/{0}/enroll', pair), { user: bob });
            await both('PATCH', at('/learning-paths/{0}/progress', pair), { user: bob, body: { completed_resource_ids: p.resource_ids.slice(0, 1) } });
        }
        for (const s of ['enrolled_at', 'last_activity_at', 'progress_percentage']) for (const dir of ['', '-']) await both('GET', `/learning-paths/enrolled?sort=${dir}${s}`, { user: bob });
        await both('GET', '/learning-paths/enrolled?status=active', { user: alice });
        await both('GET', '/learning-paths/recommended', { user: alice });
        await both('DELETE', at('/learning-paths/{0}/enroll', lp), { user: alice });
        await both('PATCH', at('/learning-paths/{0}', lp), { user: admin, body: { estimated_duration_weeks: 4, milestones: [] } });
        // feedback and votes
        const items = [];
        const fbs = [{ type: 'bug_report', title: 'Crash on Straße', description: 'ä', priority: 'high', extra_data: { b: 1, a: [true, null], 'ü': 1.0 } },
            { type: 'feature_request', title: 'Dark mode', description: 'please' }, { type: 'general', title: 'x'.repeat(255), description: 'long title' },
            { type: 'improvement', title: 'y'.repeat(256), description: 'too long' }, { type: 'bogus', title: 'T', description: 'D' }, { type: 'general', title: 'T' },
            { type: 'interview_practice', title: 'Questions', description: 'more', priority: 'critical' }, { type: 'general', title: 'É'.repeat(255), description: 'two-byte title' }];
        for (const [i, f] of fbs.entries()) {
            const r = await both('POST', '/feedback', { user: [alice, bob, carol][i % 3], body: f });
            if (r.sq.status === 201 && r.pg.status === 201) items.push({ sq: r.sq.body, pg: r.pg.body, who: [alice, bob, carol][i % 3] });
        }
        for (const u of [alice, bob, carol, admin]) for (const it of items) if (chance(0.7)) await both('POST', at('/feedback/{0}/vote', it), { user: u, body: { vote: pick([1, -1, 1]) } });
        await both('POST', at('/feedback/{0}/vote', items[0]), { user: bob, body: { vote: 2 } });
        await both('DELETE', at('/feedback/{0}/vote', items[0]), { user: carol });
        await both('PATCH', at('/feedback/{0}', items[0]), { user: admin, body: { status: 'resolved', priority: 'low', admin_response: 'Fixed ✓', admin_notes: 'n' } });
        await both('PATCH', at('/feedback/{0}', items[1]), { user: items[1].who, body: { title: 'Dark mode please', status: 'closed' } });
        for (const s of ['created_at', 'updated_at', 'vote_score', 'votes', 'priority']) for (const dir of ['', '-']) {
            await both('GET', `/feedback?sort=${dir}${s}`, { user: admin });
            await both('GET', `/feedback?sort=${dir}${s}`, { user: alice });
        }
        for (const f of ['type=bug_report', 'status=resolved', 'priority=critical']) await both('GET', `/feedback?${f}`, { user: admin });
        for (const it of items) await both('GET', at('/feedback/{0}', it), { user: it.who });
        await both('DELETE', at('/feedback/{0}', items[items.length - 1]), { user: items[items.length - 1].who });
        // job sources (no fetch: that reads the network)
        const sources = [];
        for (const b of [{ kind: 'greenhouse', identifier: 'acme' }, { kind: 'lever', identifier: 'Zeta', name: 'Zeta ✓' }, { kind: 'rss', identifier: 'https://feeds.example.com/%C3%A4.xml' },
            { kind: 'greenhouse', identifier: 'acme' }, { kind: 'ashby', identifier: '' }, { kind: 'indeed', identifier: 'x' }, { url: 'https://jobs.lever.co/omega' }, { kind: 'greenhouse', identifier: 'ACME' }]) {
            const r = await both('POST', '/job-sources', { user: alice, body: b });
            if (r.sq.status === 201 && r.pg.status === 201) sources.push({ sq: r.sq.body, pg: r.pg.body });
        }
        await both('PATCH', at('/job-sources/{0}', sources[0]), { user: alice, body: { enabled: false, name: 'Renamed' } });
        for (const s of ['created_at', 'name', 'kind', 'last_fetched_at']) for (const dir of ['', '-']) await both('GET', `/job-sources?sort=${dir}${s}`, { user: alice });
        for (const f of ['kind=greenhouse', 'enabled=false', 'enabled=true']) await both('GET', `/job-sources?${f}`, { user: alice });
        await both('GET', at('/job-sources/{0}/runs', sources[0]), { user: alice });
        await both('GET', '/job-sources/recognise?url=https%3A%2F%2Fboards.greenhouse.io%2Facme', { user: alice });
        await both('DELETE', at('/job-sources/{0}', sources[1]), { user: alice });
    });

    test('exports, account deletion, and the differences found', async () => {
        const [alice, bob] = users;
        await both('GET', '/jobs/export', { user: alice });
        await both('GET', '/jobs/export?format=csv', { user: alice });
        await both('GET', '/jobs/export?format=xml', { user: alice });
        await both('GET', '/users/me/export', { user: alice });
        await both('GET', '/users/me/export', { user: bob });
        await both('PATCH', '/admin/users/2', { user: admin, body: { is_admin: 'yes' } });
        await both('DELETE', '/users/me', { user: users[3] });
        await both('GET', '/users/me', { user: users[3] });
        await both('GET', '/admin/users?sort=id', { user: admin });
        await both('GET', '/admin/analytics', { user: admin });
        await both('GET', '/analytics/summary', { user: alice });
        const counts = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ');
        const report = differences.map((d) => `#${d.step} ${d.route}\n    ${d.paths.join('\n    ')}`).join('\n');
        console.log(`engines_agree (seed ${SEED}): ${requests} request pairs (SQLite statuses ${counts}); ${differences.length} differ`);
        for (const a of ALLOWED) console.log(`  allowed: ${a.route} seen ${a.seen || 0} times: ${a.why}`);
        assert.equal(differences.length, 0, `the engines answered differently (seed ${SEED}):\n${report}`);
    });
});
