#!/usr/bin/env node
// Structure check of the shipped catalogue, without C: assets/skills.txt (the skills dictionary,
// parsed as src/core/skills.c parses it, plus its "#@top:" marks), assets/resources.json,
// assets/learning_paths.json and assets/resources.sources.md (where each resource URL was
// verified). Field rules follow SPEC part A (career_resources, learning_paths) and the field
// tables of src/model/resources.c and src/model/learning.c; the catalogue's own rules (skills
// are canonical dictionary names, every top skill has a resource, counts) are documented in
// docs/feedback-and-learning.md.
//
// Usage: node tests/assets/check-catalogue.mjs [repository root]
// Prints every problem, then one summary line; exits 1 when there is any problem.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] || join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const MIN_SKILLS = 520;
const MIN_RESOURCES = 160;
const MIN_PATHS = 14;
const TOP_COUNT = 150;
const MIN_PATH_RESOURCES = 4;
const KEY_MAX = 255; // src/core/skills.c drops keys of 256 bytes or more
// Skills the catalogue must teach whatever the top list says (issue: real gaps had no resource).
const MUST_TEACH = ['Google Cloud Platform', 'Kotlin', 'GraphQL', 'Apache Spark', 'Apache Airflow'];
// Shipped entries that tests/api and tests/unit name (keep them, or update those tests).
const REFERENCED_SLUGS = ['python-official-tutorial', 'mdn-javascript-guide', 'typescript-handbook',
    'postgresql-docs-tutorial', 'system-design-primer', 'go-tour', 'rust-book',
    'docker-get-started', 'kubernetes-basics', 'terraform-tutorials',
    'designing-data-intensive-applications', 'tech-interview-handbook'];
const REFERENCED_PATHS = ['Backend Developer (Python)', 'Cloud and DevOps Engineer', 'Data Analyst',
    'Technical Interview Preparation'];

const TYPES = ['course', 'article', 'video', 'book', 'tutorial', 'certification', 'tool', 'podcast'];
const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'];
const RESOURCE_FIELDS = {
    slug: 'required', title: 'required', description: 'required', type: 'required',
    provider: 'required', url: 'required', difficulty: 'required', skills: 'optional',
    tags: 'optional', prerequisites: 'optional', learning_outcomes: 'optional',
    duration_minutes: 'optional', price: 'optional', is_active: 'optional',
};
const PATH_FIELDS = {
    name: 'required', description: 'required', difficulty: 'required', target_role: 'optional',
    estimated_duration_weeks: 'optional', skills: 'optional', resources: 'required',
    milestones: 'optional', is_active: 'optional',
};
// "free", or an amount and an ISO 4217 currency, optionally per month or year ("49 USD/month").
const PRICE = /^(free|\d+(\.\d{1,2})? [A-Z]{3}(\/(month|year))?)$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const problems = [];
const problem = (where, text) => problems.push(`${where}: ${text}`);

function read(path) {
    try {
        return readFileSync(join(root, path), 'utf8');
    } catch (e) {
        problem(path, `cannot read (${e.code || e.message})`);
        return null;
    }
}

function readJson(path) {
    const text = read(path);
    if (text === null) return [];
    try {
        const value = JSON.parse(text);
        if (!Array.isArray(value)) {
            problem(path, 'is not a JSON array');
            return [];
        }
        return value;
    } catch (e) {
        problem(path, `invalid JSON: ${e.message}`);
        return [];
    }
}

// The lookup key of a name, as src/core/skills.c normalises it: trimmed, inner whitespace
// collapsed to one space, case-folded.
const keyOf = (name) => name.trim().replace(/\s+/g, ' ').toLowerCase();

// ================================================================ skills dictionary

function parseDictionary(text) {
    const skills = []; // {name, exact, line}
    const owner = new Map(); // key -> skill index
    const top = []; // {name, line}
    const fields = []; // {name, line}: "#@field:" marks (skills that name a field of work)
    const lines = text === null ? [] : text.split('\n');
    lines.forEach((raw, i) => {
        const where = `assets/skills.txt:${i + 1}`;
        let line = raw.trim();
        const directive = /^#@(top|field)\s*:(.*)$/.exec(line);
        if (directive) {
            for (const name of directive[2].split(',').map((s) => s.trim())) {
                if (name === '') problem(where, `empty name in #@${directive[1]}`);
                else (directive[1] === 'top' ? top : fields).push({ name, where });
            }
            return;
        }
        if (line.startsWith('#@')) problem(where, `unknown directive ${line.split(/[\s:]/)[0]}`);
        if (line === '' || line.startsWith('#')) return;
        const exact = line.startsWith('!');
        if (exact) line = line.slice(1);
        const colon = line.indexOf(':');
        const name = (colon < 0 ? line : line.slice(0, colon)).trim();
        const aliases = colon < 0 ? [] : line.slice(colon + 1).split(',').map((s) => s.trim());
        if (name === '') {
            problem(where, 'skill without a name');
            return;
        }
        if (name !== name.replace(/\s+/g, ' ')) problem(where, `"${name}": runs of whitespace in the name`);
        const index = skills.length;
        skills.push({ name, exact, where });
        for (const [k, alias] of [name, ...aliases].entries()) {
            if (alias === '') {
                if (k > 0) problem(where, `"${name}": empty alias (stray comma)`);
                continue;
            }
            const key = keyOf(alias);
            if (Buffer.byteLength(key) > KEY_MAX) problem(where, `"${alias}": longer than ${KEY_MAX} bytes`);
            const taken = owner.get(key);
            if (taken === undefined) owner.set(key, index);
            else if (taken !== index)
                problem(where, `"${alias}" of ${name} is already a name or alias of ${skills[taken].name} (${skills[taken].where})`);
        }
    });
    return { skills, owner, top, fields };
}

const dictionary = parseDictionary(read('assets/skills.txt'));
const canonical = new Set(dictionary.skills.map((s) => s.name));
if (dictionary.skills.length < MIN_SKILLS)
    problem('assets/skills.txt', `${dictionary.skills.length} skills, at least ${MIN_SKILLS} wanted`);

const topNames = new Set();
for (const { name, where } of dictionary.top) {
    if (!canonical.has(name)) {
        const index = dictionary.owner.get(keyOf(name));
        const hint = index === undefined ? 'not in the dictionary' : `the canonical name is "${dictionary.skills[index].name}"`;
        problem(where, `#@top names "${name}": ${hint}`);
    }
    if (topNames.has(name)) problem(where, `#@top names "${name}" twice`);
    topNames.add(name);
}
for (const { name, where } of dictionary.fields)
    if (!canonical.has(name)) problem(where, `#@field names "${name}": not a canonical name`);
if (topNames.size !== TOP_COUNT)
    problem('assets/skills.txt', `#@top marks ${topNames.size} skills, exactly ${TOP_COUNT} wanted`);

// A skill named by a resource or a path must be a canonical name, spelled exactly.
function checkSkills(where, skills) {
    if (skills === undefined) return;
    if (!Array.isArray(skills) || skills.some((s) => typeof s !== 'string')) {
        problem(where, 'skills must be an array of strings');
        return;
    }
    const seen = new Set();
    for (const s of skills) {
        if (!canonical.has(s)) {
            const index = dictionary.owner.get(keyOf(s));
            problem(where, index === undefined
                ? `skill "${s}" is not in assets/skills.txt`
                : `skill "${s}" is not canonical: write "${dictionary.skills[index].name}"`);
        }
        if (seen.has(keyOf(s))) problem(where, `skill "${s}" listed twice`);
        seen.add(keyOf(s));
    }
}

function checkText(where, entry, field, min, max) {
    const v = entry[field];
    if (v === undefined || v === null) return;
    if (typeof v !== 'string') problem(where, `${field} must be a string`);
    else if (v.trim().length < min || [...v].length > max) problem(where, `${field} must be ${min}-${max} characters`);
    else if (v !== v.trim()) problem(where, `${field} has leading or trailing whitespace`);
}

function checkFields(where, entry, fields) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        problem(where, 'not an object');
        return false;
    }
    for (const [field, rule] of Object.entries(fields))
        if (rule === 'required' && (entry[field] === undefined || entry[field] === null || entry[field] === ''))
            problem(where, `${field} is required`);
    for (const field of Object.keys(entry))
        if (!(field in fields)) problem(where, `unknown field ${field}`);
    return true;
}

function checkStringArray(where, entry, field) {
    const v = entry[field];
    if (v !== undefined && (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.trim() === '')))
        problem(where, `${field} must be an array of non-empty strings`);
}

// ================================================================ resources

const resources = readJson('assets/resources.json');
const bySlug = new Map();
const seenUrls = new Map();
const seenTitles = new Map();
const taught = new Map(); // skill -> number of resources
resources.forEach((r, i) => {
    const where = `assets/resources.json[${i}]${r && r.slug ? ` ${r.slug}` : ''}`;
    if (!checkFields(where, r, RESOURCE_FIELDS)) return;
    if (typeof r.slug === 'string') {
        if (!SLUG.test(r.slug) || r.slug.length > 100) problem(where, 'slug must be 1-100 of a-z, 0-9 and inner hyphens');
        if (bySlug.has(r.slug)) problem(where, `duplicate slug (also entry ${bySlug.get(r.slug).index})`);
        bySlug.set(r.slug, { index: i, resource: r });
    }
    checkText(where, r, 'title', 1, 255);
    checkText(where, r, 'description', 1, 100000);
    checkText(where, r, 'provider', 1, 255);
    if (r.type !== undefined && !TYPES.includes(r.type)) problem(where, `type "${r.type}" is not one of ${TYPES.join(', ')}`);
    if (r.difficulty !== undefined && !DIFFICULTIES.includes(r.difficulty))
        problem(where, `difficulty "${r.difficulty}" is not one of ${DIFFICULTIES.join(', ')}`);
    if (typeof r.url === 'string') {
        let url = null;
        try {
            url = new URL(r.url);
        } catch {
            problem(where, `url "${r.url}" does not parse`);
        }
        if (url && url.protocol !== 'https:') problem(where, `url "${r.url}" is not https`);
        if (/\s/.test(r.url) || r.url.length > 2048) problem(where, 'url has whitespace or is too long');
        if (url) {
            const norm = `${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}${url.search}`;
            if (seenUrls.has(norm)) problem(where, `duplicate url (also ${seenUrls.get(norm)})`);
            seenUrls.set(norm, r.slug);
        }
    } else if (r.url !== undefined) problem(where, 'url must be a string');
    if (typeof r.title === 'string') {
        const t = keyOf(r.title);
        if (seenTitles.has(t)) problem(where, `duplicate title (also ${seenTitles.get(t)})`);
        seenTitles.set(t, r.slug);
    }
    if (r.skills === undefined || !Array.isArray(r.skills) || r.skills.length === 0)
        problem(where, 'skills must name at least one skill');
    checkSkills(where, r.skills);
    for (const s of Array.isArray(r.skills) ? r.skills : []) taught.set(s, (taught.get(s) || 0) + 1);
    for (const field of ['tags', 'prerequisites', 'learning_outcomes']) checkStringArray(where, r, field);
    if (Array.isArray(r.tags))
        for (const t of r.tags) if (typeof t === 'string' && !TAG.test(t)) problem(where, `tag "${t}" must be lower-case words joined by hyphens`);
    if (r.duration_minutes !== undefined &&
        !(Number.isInteger(r.duration_minutes) && r.duration_minutes > 0 && r.duration_minutes <= 1000000))
        problem(where, 'duration_minutes must be an integer 1-1000000');
    if (r.price !== undefined && (typeof r.price !== 'string' || !PRICE.test(r.price)))
        problem(where, `price "${r.price}" must be "free" or "<amount> <CUR>[/month|/year]"`);
    if (r.is_active !== undefined && typeof r.is_active !== 'boolean') problem(where, 'is_active must be a boolean');
});
if (resources.length < MIN_RESOURCES)
    problem('assets/resources.json', `${resources.length} resources, at least ${MIN_RESOURCES} wanted`);
for (const s of new Set([...topNames, ...MUST_TEACH]))
    if (!taught.has(s)) problem('assets/resources.json', `no resource teaches "${s}"`);
for (const slug of REFERENCED_SLUGS)
    if (!bySlug.has(slug)) problem('assets/resources.json', `"${slug}" is named by tests/ and must stay`);

// ================================================================ verification record

const sources = read('assets/resources.sources.md');
if (sources !== null) {
    const recorded = new Map();
    for (const line of sources.split('\n')) {
        const cells = line.split('|').map((c) => c.trim());
        // | slug | url | where it was confirmed |
        if (cells.length < 5 || !SLUG.test(cells[1]) || (cells[1] === 'slug' && cells[2] === 'url')) continue;
        const url = cells[2].replace(/^<|>$/g, '');
        if (recorded.has(cells[1])) problem('assets/resources.sources.md', `${cells[1]} recorded twice`);
        recorded.set(cells[1], { url, evidence: cells[3] });
    }
    for (const [slug, { resource }] of bySlug) {
        const rec = recorded.get(slug);
        if (!rec) problem('assets/resources.sources.md', `no verification recorded for ${slug}`);
        else if (rec.url !== resource.url) problem('assets/resources.sources.md', `${slug}: recorded url ${rec.url} differs from ${resource.url}`);
        else if (rec.evidence.length < 10) problem('assets/resources.sources.md', `${slug}: no evidence given`);
    }
    for (const slug of recorded.keys())
        if (!bySlug.has(slug)) problem('assets/resources.sources.md', `${slug} is recorded but not shipped`);
}

// ================================================================ learning paths

const paths = readJson('assets/learning_paths.json');
const pathNames = new Set();
paths.forEach((p, i) => {
    const where = `assets/learning_paths.json[${i}]${p && p.name ? ` ${p.name}` : ''}`;
    if (!checkFields(where, p, PATH_FIELDS)) return;
    checkText(where, p, 'name', 1, 255);
    checkText(where, p, 'description', 1, 100000);
    checkText(where, p, 'target_role', 1, 255);
    if (typeof p.name === 'string') {
        if (pathNames.has(p.name)) problem(where, 'duplicate name');
        pathNames.add(p.name);
    }
    if (p.difficulty !== undefined && !DIFFICULTIES.includes(p.difficulty))
        problem(where, `difficulty "${p.difficulty}" is not one of ${DIFFICULTIES.join(', ')}`);
    const weeks = p.estimated_duration_weeks;
    if (weeks !== undefined && !(Number.isInteger(weeks) && weeks > 0 && weeks <= 520))
        problem(where, 'estimated_duration_weeks must be an integer 1-520');
    checkSkills(where, p.skills);
    if (!Array.isArray(p.resources)) problem(where, 'resources must be an array of slugs');
    else {
        if (p.resources.length < MIN_PATH_RESOURCES) problem(where, `at least ${MIN_PATH_RESOURCES} resources wanted`);
        if (p.resources.length > 200) problem(where, 'at most 200 resources');
        const seen = new Set();
        for (const slug of p.resources) {
            if (!bySlug.has(slug)) problem(where, `resource "${slug}" is not in assets/resources.json`);
            if (seen.has(slug)) problem(where, `resource "${slug}" listed twice`);
            seen.add(slug);
        }
        // every skill a path claims is taught by one of its resources
        const covered = new Set(p.resources.flatMap((slug) => bySlug.get(slug)?.resource.skills || []));
        for (const s of Array.isArray(p.skills) ? p.skills : [])
            if (!covered.has(s)) problem(where, `skill "${s}" is taught by none of its resources`);
    }
    if (p.milestones !== undefined) {
        if (!Array.isArray(p.milestones) || p.milestones.length === 0) problem(where, 'milestones must be a non-empty array');
        else {
            let last = 0;
            for (const m of p.milestones) {
                if (!m || !Number.isInteger(m.week) || typeof m.title !== 'string' || m.title.trim() === '' ||
                    Object.keys(m).some((k) => k !== 'week' && k !== 'title')) {
                    problem(where, 'each milestone is {week, title}');
                    continue;
                }
                if (m.week <= last) problem(where, `milestone weeks must increase (week ${m.week})`);
                if (Number.isInteger(weeks) && m.week > weeks) problem(where, `milestone week ${m.week} is past the path's ${weeks} weeks`);
                last = m.week;
            }
        }
    }
});
if (paths.length < MIN_PATHS) problem('assets/learning_paths.json', `${paths.length} paths, at least ${MIN_PATHS} wanted`);
for (const name of REFERENCED_PATHS)
    if (!pathNames.has(name)) problem('assets/learning_paths.json', `"${name}" is named by tests/ and must stay`);

// ================================================================ summary

for (const p of problems) console.error(p);
const summary = `${dictionary.skills.length} skills (${topNames.size} top), ${resources.length} resources, ` +
    `${paths.length} learning paths`;
console.log(`check-catalogue: ${summary}: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}`);
process.exit(problems.length === 0 ? 0 : 1);
