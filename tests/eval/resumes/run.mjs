#!/usr/bin/env node
// The résumé evaluation (tests/eval/README.md, "resumes"): every folder here holds one résumé
// (resume.txt, .md, .docx or .pdf) and its hand-written expected.json. Each is uploaded by one
// user through POST /resumes and what the server read is compared with the labels:
//   - contact: name, e-mail, phone and links, each right or wrong (100% required);
//   - skills: canonical names, micro-averaged precision and recall (>= 0.9 each); a skill under
//     skills_optional is neither required nor an error;
//   - experience entries matched on (title, company, start, end): F1 (>= 0.9);
//   - level (extracted_experience) accuracy (>= 0.9);
//   - education entries matched on (degree, institution), reported only.
// Black-box through the HTTP API only.   node tests/eval/resumes/run.mjs

import fs from 'node:fs';
import path from 'node:path';
import {
    EVAL_DIR, Report, expectStatus, normText, readJson, registerUser, startServer,
} from '../lib.mjs';

const DIR = path.join(EVAL_DIR, 'resumes');
const FORMATS = ['txt', 'md', 'docx', 'pdf'];
const LEVELS = ['entry', 'junior', 'mid', 'senior', 'lead', 'executive'];

/* The cases: folders holding expected.json and exactly one resume.<format>. */
function cases() {
    const out = [];
    for (const name of fs.readdirSync(DIR).sort()) {
        const folder = path.join(DIR, name);
        if (!fs.statSync(folder).isDirectory()) continue;
        const files = FORMATS.filter((f) => fs.existsSync(path.join(folder, `resume.${f}`)));
        if (files.length !== 1) throw new Error(`data errors: ${name} needs exactly one resume.{${FORMATS}} (run make_resumes.py for docx/pdf)`);
        const expected = readJson(path.join(folder, 'expected.json'));
        if (!LEVELS.includes(expected.level)) throw new Error(`data errors: ${name}: level ${expected.level}`);
        out.push({ name, format: files[0], file: path.join(folder, `resume.${files[0]}`), expected });
    }
    const formats = new Set(out.map((c) => c.format));
    if (out.length < 12 || formats.size < FORMATS.length)
        throw new Error(`data errors: ${out.length} résumés in ${[...formats]}; at least 12 in every format expected`);
    return out;
}

const phoneKey = (p) => (p == null ? null : String(p).replace(/[^\d+]/g, '').replace(/(?!^)\+/g, ''));
const linkKey = (l) => String(l).toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');

/* Compares one contact field; returns null when right, else a description. */
function contactField(field, want, got) {
    let ok;
    if (field === 'links') {
        const a = (want || []).map(linkKey).sort();
        const b = (Array.isArray(got) ? got : []).map(linkKey).sort();
        ok = JSON.stringify(a) === JSON.stringify(b);
    } else if (field === 'phone') ok = phoneKey(want) === phoneKey(got);
    else if (field === 'email') ok = String(want).toLowerCase() === String(got ?? '').toLowerCase();
    else ok = normText(want) === normText(got) && want.trim().split(/\s+/).join(' ') === String(got ?? '').trim().split(/\s+/).join(' ');
    return ok ? null : `${field}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

const entryKey = (e) => [normText(e.title), normText(e.company), e.start ?? null, e.end ?? null].join(' | ');

/* Pairs expected and found entries one to one on (title, company, start, end). */
function matchEntries(expected, found) {
    const left = found.map(entryKey);
    let matched = 0;
    const missed = [];
    for (const e of expected) {
        const i = left.indexOf(entryKey(e));
        if (i >= 0) { matched++; left.splice(i, 1); } else missed.push(entryKey(e));
    }
    return { matched, missed, extra: left };
}

async function main() {
    const all = cases();
    const report = new Report('resumes');
    const srv = await startServer();
    const totals = {
        contactOk: 0, contactAll: 0, tp: 0, fp: 0, fn: 0,
        entriesMatched: 0, entriesExpected: 0, entriesFound: 0,
        levelOk: 0, eduMatched: 0, eduExpected: 0,
    };
    try {
        const who = await registerUser(srv);
        for (const c of all) {
            const form = new FormData();
            form.append('file', new Blob([fs.readFileSync(c.file)]), `${c.name}.${c.format}`);
            const r = expectStatus(await srv.api('POST', '/resumes', { token: who.token, raw: form }), 201);
            const x = c.expected;
            const parsed = r.parsed_data || {};
            report.details[c.name] = { status: r.parsing_status, contact: r.extracted_contact_info, skills: r.extracted_skills, experience: parsed.experience, education: parsed.education, level: r.extracted_experience };
            if (r.parsing_status !== 'completed') report.fail('parse failed', `${c.name}: ${r.parsing_status} ${r.parsing_error}`);

            // contact
            const contact = r.extracted_contact_info || {};
            for (const field of ['name', 'email', 'phone', 'links']) {
                totals.contactAll++;
                const wrong = contactField(field, x.contact[field], contact[field]);
                if (wrong) report.fail(`contact ${field}`, `${c.name} (${c.format}): ${wrong}`);
                else totals.contactOk++;
            }

            // skills
            const got = new Set(Array.isArray(r.extracted_skills) ? r.extracted_skills : []);
            const want = new Set(x.skills);
            const optional = new Set(x.skills_optional || []);
            for (const s of want) {
                if (got.has(s)) totals.tp++;
                else { totals.fn++; report.fail('skill not found', `${c.name}: ${s}`); }
            }
            for (const s of got) {
                if (!want.has(s) && !optional.has(s)) { totals.fp++; report.fail('skill not in the résumé (false positive)', `${c.name}: ${s}`); }
            }

            // experience entries
            const entries = Array.isArray(parsed.experience?.entries) ? parsed.experience.entries : [];
            const m = matchEntries(x.experience, entries);
            totals.entriesMatched += m.matched;
            totals.entriesExpected += x.experience.length;
            totals.entriesFound += entries.length;
            for (const e of m.missed) report.fail('experience entry not matched', `${c.name}: want ${e}`);
            for (const e of m.extra) report.fail('experience entry not in the résumé', `${c.name}: got ${e}`);

            // level
            if (r.extracted_experience === x.level) totals.levelOk++;
            else report.fail('level', `${c.name}: want ${x.level}, got ${r.extracted_experience} (years ${parsed.experience?.years ?? 'n/a'})`);

            // education (reported only)
            const edu = Array.isArray(parsed.education?.entries) ? parsed.education.entries.map((e) => `${e.degree ?? null} | ${normText(e.institution)}`) : [];
            for (const e of x.education || []) {
                totals.eduExpected++;
                const key = `${e.degree ?? null} | ${normText(e.institution)}`;
                const i = edu.indexOf(key);
                if (i >= 0) { totals.eduMatched++; edu.splice(i, 1); } else report.fail('education entry not matched (reported only)', `${c.name}: want ${key}`);
            }
        }
    } finally {
        await srv.stop();
    }
    const ratio = (a, b) => (b ? a / b : 1);
    const precision = ratio(totals.tp, totals.tp + totals.fp);
    const recall = ratio(totals.tp, totals.tp + totals.fn);
    const ep = ratio(totals.entriesMatched, totals.entriesFound);
    const er = ratio(totals.entriesMatched, totals.entriesExpected);
    const f1 = ep + er ? (2 * ep * er) / (ep + er) : 0;
    report.metric(`contact (${totals.contactOk}/${totals.contactAll})`, ratio(totals.contactOk, totals.contactAll), { min: 1 });
    report.metric('skills precision', precision, { min: 0.9 });
    report.metric('skills recall', recall, { min: 0.9 });
    report.metric(`experience entries F1 (${totals.entriesMatched} of ${totals.entriesExpected} expected, ${totals.entriesFound} found)`, f1, { min: 0.9 });
    report.metric(`level (${totals.levelOk}/${all.length})`, ratio(totals.levelOk, all.length), { min: 0.9 });
    report.metric(`education (${totals.eduMatched}/${totals.eduExpected}, reported only)`, ratio(totals.eduMatched, totals.eduExpected));
    report.finish();
}

main().catch((e) => {
    console.error(`resumes: error: ${e.stack || e.message}`);
    process.exitCode = 2;
});
