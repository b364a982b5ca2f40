// This file holds what the evaluation runners share: the server and user helpers of the API
// tests (re-exported, one copy), a JavaScript reading of the skills dictionary that finds skills
// in text by the same rules as src/core/skills.c (used to check what a letter claims and which
// profile skills a job names), NDCG, small text helpers, and the result report every runner
// ends with (one summary line on stdout, the failed checks on stderr, exit 1 when a threshold is
// missed). Black-box only: nothing here reads the database or the server's source.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../api/helpers.mjs';

export {
    ROOT, API, expectStatus, registerUser, startServer, uniqueName,
} from '../api/helpers.mjs';

export const EVAL_DIR = path.join(ROOT, 'tests', 'eval');

export function readJson(file) {
    try {
        return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
        throw new Error(`${path.relative(ROOT, file)}: ${e.message}`);
    }
}

/* ------------------------------------------------------------------ the skills dictionary */

/*
 * Reads assets/skills.txt ("[!]Canonical: alias, alias", '#' comments; a comment line of the form
 * "# ---- name" opens a section). Returns
 *   { canonical(name) -> canonical name or null (case-insensitive, whitespace collapsed),
 *     find(text) -> Set of canonical names found as whole words (the rules of
 *                   skills_find_in_text: longest key at a word start wins, '!' names only in
 *                   their exact spelling, '.' before a letter continues a word, one-letter names
 *                   are not glued by '-'),
 *     section(name) -> the section of a canonical name ("soft skills", "cloud", ...),
 *     ofJob(job) -> Set of the canonical names a job asks for: its tech_stack entries' (or the
 *                   names found in an entry that is none), then those its title and
 *                   requirements name }
 */
export function loadSkills(file = path.join(ROOT, 'assets', 'skills.txt')) {
    const keys = new Map(); // folded key -> { skill, exact }
    const sections = new Map();
    let section = '';
    const norm = (s) => s.trim().replace(/\s+/g, ' ').toLowerCase();
    for (let line of fs.readFileSync(file, 'utf8').split('\n')) {
        line = line.trim();
        if (!line) continue;
        if (line.startsWith('#')) {
            const m = /^#\s*-{4,}\s*(.+)$/.exec(line);
            if (m) section = m[1].trim();
            continue;
        }
        const exact = line.startsWith('!');
        if (exact) line = line.slice(1);
        const colon = line.indexOf(':');
        const name = (colon >= 0 ? line.slice(0, colon) : line).trim();
        if (!name) continue;
        sections.set(name, section);
        const add = (raw, exactSpelling) => {
            const k = norm(raw);
            if (k && !keys.has(k)) keys.set(k, { skill: name, exact: exactSpelling });
        };
        add(name, exact ? name : null);
        if (colon >= 0) for (const alias of line.slice(colon + 1).split(',')) add(alias, null);
    }
    const byFirst = new Map();
    for (const [k, v] of keys) {
        const f = k[0];
        if (!byFirst.has(f)) byFirst.set(f, []);
        byFirst.get(f).push({ key: k, ...v });
    }
    for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);

    const isAlnum = (c) => c !== undefined && (/[A-Za-z0-9]/.test(c) || c.charCodeAt(0) >= 0x80);
    const wordChar = (c) => c !== undefined && (isAlnum(c) || '_+#&'.includes(c));
    const space = (c) => c !== undefined && /\s/.test(c);
    const startsWord = (t, i) => {
        if (i === 0) return true;
        if (wordChar(t[i - 1])) return false;
        return !(t[i - 1] === '.' && i >= 2 && wordChar(t[i - 2]));
    };
    const endsWord = (t, start, end) => {
        const one = end - start === 1;
        if (one && start >= 2 && t[start - 1] === '-' && isAlnum(t[start - 2])) return false;
        if (end === t.length) return true;
        const next = t[end];
        if (wordChar(next)) return false;
        if (next === '.' && isAlnum(t[end + 1])) return false;
        return !(one && next === '-' && isAlnum(t[end + 1]));
    };
    const matchAt = (t, i, k) => {
        if (k.exact) return t.startsWith(k.exact, i) ? i + k.exact.length : 0;
        let p = i;
        for (let j = 0; j < k.key.length; j++) {
            if (p >= t.length) return 0;
            if (k.key[j] === ' ') {
                if (!space(t[p])) return 0;
                while (p < t.length && space(t[p])) p++;
                continue;
            }
            if (t[p].toLowerCase() !== k.key[j]) return 0;
            p++;
        }
        return p;
    };
    const dictionary = {
        canonical(name) {
            const hit = keys.get(norm(String(name)));
            return hit ? hit.skill : null;
        },
        find(text) {
            const found = new Set();
            const t = String(text || '');
            for (let i = 0; i < t.length;) {
                let best = 0;
                let skill = null;
                if (startsWord(t, i)) {
                    for (const k of byFirst.get(t[i].toLowerCase()) || []) {
                        const end = matchAt(t, i, k);
                        if (end > best && endsWord(t, i, end)) { best = end; skill = k.skill; }
                    }
                }
                if (best) { found.add(skill); i = best; } else i++;
            }
            return found;
        },
        section: (name) => sections.get(name) || null,
        ofJob(job) {
            const out = new Set();
            for (const entry of job.tech_stack || []) {
                const c = dictionary.canonical(entry);
                if (c) out.add(c);
                else for (const s of dictionary.find(entry)) out.add(s);
            }
            for (const s of dictionary.find(job.title)) out.add(s);
            for (const s of dictionary.find(job.requirements)) out.add(s);
            return out;
        },
    };
    return dictionary;
}

/* ------------------------------------------------------------------ ranking metrics */

/* DCG of a list of graded relevances (gain 2^rel - 1, log2 discount), first k items. */
export function dcg(grades, k) {
    let sum = 0;
    grades.slice(0, k).forEach((rel, i) => { sum += (2 ** rel - 1) / Math.log2(i + 2); });
    return sum;
}

/* NDCG@k of the ranked grades against the ideal ordering of every candidate's grade. */
export function ndcg(rankedGrades, allGrades, k) {
    const ideal = dcg([...allGrades].sort((a, b) => b - a), k);
    return ideal === 0 ? 1 : dcg(rankedGrades, k) / ideal;
}

/* ------------------------------------------------------------------ text helpers */

/* Lower-case, accents kept, whitespace collapsed, surrounding punctuation trimmed. */
export function normText(s) {
    return String(s ?? '').toLowerCase().replace(/\s+/g, ' ').replace(/^[\s.,;:|–—-]+|[\s.,;:|–—-]+$/g, '').trim();
}

export const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/* A seeded shuffle (mulberry32), so a run is repeatable and the data file's order is not the
 * import order (equal scores are ordered newest first by the server). */
export function shuffled(list, seed) {
    let a = seed >>> 0;
    const rand = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
}

/* ------------------------------------------------------------------ the report */

/*
 * Collects failed checks (grouped by a cause label) and thresholds; finish() prints
 *   "<set>: <metric> <value> (>= <min>) ... -> PASS|FAIL"
 * on stdout, the failures on stderr (all of them with EVAL_VERBOSE=1, else the first 12 of each
 * cause), writes the whole result as JSON when EVAL_JSON_DIR is set, and exits 1 on a missed
 * threshold.
 */
export class Report {
    constructor(set) {
        this.set = set;
        this.metrics = [];
        this.failures = new Map();
        this.details = {};
    }

    /* A score with its threshold: limits {min} (at least) or {max} (at most); none: reported
     * only. digits: decimals shown (0 for counts). */
    metric(name, value, limits = {}, digits = 2) {
        const { min = null, max = null } = limits;
        const ok = Number.isFinite(value) && (min === null || value >= min) && (max === null || value <= max);
        this.metrics.push({ name, value, min, max, digits, ok: (min === null && max === null) || ok });
    }

    fail(cause, message) {
        if (!this.failures.has(cause)) this.failures.set(cause, []);
        this.failures.get(cause).push(message);
    }

    finish() {
        const limit = (m) => (m.min !== null ? ` (>= ${fmt(m.min, m.digits)})` : m.max !== null ? ` (<= ${fmt(m.max, m.digits)})` : '');
        const parts = this.metrics.map((m) => `${m.name} ${fmt(m.value, m.digits)}${limit(m)}${m.ok ? '' : ' MISS'}`);
        const ok = this.metrics.every((m) => m.ok);
        console.log(`${this.set}: ${parts.join(', ')} -> ${ok ? 'PASS' : 'FAIL'}`);
        const verbose = process.env.EVAL_VERBOSE === '1';
        for (const [cause, list] of this.failures) {
            process.stderr.write(`  [${this.set}] ${cause}: ${list.length}\n`);
            for (const line of verbose ? list : list.slice(0, 12)) process.stderr.write(`    - ${line}\n`);
            if (!verbose && list.length > 12) process.stderr.write(`    ... ${list.length - 12} more (EVAL_VERBOSE=1)\n`);
        }
        if (process.env.EVAL_JSON_DIR) {
            fs.mkdirSync(process.env.EVAL_JSON_DIR, { recursive: true });
            fs.writeFileSync(path.join(process.env.EVAL_JSON_DIR, `${this.set}.json`), JSON.stringify({
                set: this.set, ok, metrics: this.metrics,
                failures: Object.fromEntries(this.failures), details: this.details,
            }, null, 2));
        }
        process.exitCode = ok ? 0 : 1;
        return ok;
    }
}
