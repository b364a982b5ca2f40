#!/usr/bin/env node
// The ranking evaluation (tests/eval/README.md, "ranking"): for every profile file in this
// directory, a fresh user gets the profile and preferences, imports the profile's 40 hand-graded
// jobs through POST /jobs/import, and GET /jobs/recommendations?limit=100 is scored:
//   - NDCG@10 against the grades (>= 0.9 for each profile);
//   - no job without a profile skill in the top 10 when at least 10 candidates have one;
//   - every job paying below the minimum and every seniority mismatch carries a negative reason
//     (reasons.factors, see the README), and no job carries an untrue one;
//   - reasons are true: missing skills are canonical dictionary names and never the phrase
//     fragments a job lists under not_missing;
//   - no job without a profile skill ranked above one with (the skills gate);
//   - excluded jobs are absent and every other job is listed.
// One server (fresh database) for the whole run; black-box through the HTTP API only.
//   node tests/eval/ranking/run.mjs          COPILOT_BIN, COPILOT_TEST_ENGINE as for tests/api

import fs from 'node:fs';
import path from 'node:path';
import {
    EVAL_DIR, Report, expectStatus, loadSkills, ndcg, readJson, registerUser, shuffled, startServer,
} from '../lib.mjs';

const DIR = path.join(EVAL_DIR, 'ranking');
const NDCG_MIN = 0.9;
const K = 10;
const LEVEL_LABELS = ['fit', 'near', 'mismatch', 'unstated'];

const skills = loadSkills();

/* Checks a profile file's labels before anything runs; a broken data file is not a score. */
function validate(profile, file) {
    const problems = [];
    const keys = new Set();
    const names = new Set();
    for (const entry of profile.jobs) {
        const where = `${file} ${entry.key}`;
        if (keys.has(entry.key)) problems.push(`${where}: duplicate key`);
        keys.add(entry.key);
        if (![0, 1, 2, 3].includes(entry.grade)) problems.push(`${where}: grade must be 0-3`);
        if (!LEVEL_LABELS.includes(entry.level)) problems.push(`${where}: level must be one of ${LEVEL_LABELS}`);
        const { job } = entry;
        const name = `${job.company}\u0000${job.title}`;
        if (names.has(name)) problems.push(`${where}: company and title repeat another job`);
        names.add(name);
        if (job.salary_min !== undefined && job.currency !== profile.currency)
            problems.push(`${where}: salaries of a profile are in ${profile.currency}`);
        for (const s of entry.not_missing || [])
            if (skills.canonical(s) !== s) problems.push(`${where}: not_missing ${s} is not a canonical dictionary name`);
    }
    if (profile.jobs.length < 40) problems.push(`${file}: ${profile.jobs.length} jobs, at least 40 expected`);
    if (problems.length) throw new Error(`data errors:\n  ${problems.join('\n  ')}`);
}

/* Below the minimum: the top of the posted range (salary_max, else salary_min) under
 * min_salary; an unposted salary is never below. */
function belowMinimum(job, minSalary) {
    const top = job.salary_max ?? job.salary_min;
    return minSalary != null && top != null && top < minSalary;
}

/* The profile's skills a job names (jobSkillNames): the job has skill overlap when this is not
 * empty. */
function overlap(job, profileSkills) {
    return [...jobSkillNames(job)].filter((s) => profileSkills.has(s));
}

/* Every name under which a job asks for a skill: its tech_stack entries as written, and the
 * canonical names of the dictionary skills it asks for (skills.ofJob). */
function jobSkillNames(job) {
    return new Set([...(job.tech_stack || []), ...skills.ofJob(job)]);
}

/* The kinds of the negative reasons of a recommendation (the README's reasons.factors). */
function negativeKinds(item) {
    const factors = item.reasons && Array.isArray(item.reasons.factors) ? item.reasons.factors : [];
    return factors.filter((f) => f && f.effect === 'negative' && typeof f.text === 'string' && f.text.trim())
        .map((f) => f.kind);
}

async function evaluate(srv, profile, report) {
    const who = await registerUser(srv);
    const auth = { token: who.token };
    expectStatus(await srv.api('PATCH', '/users/me', { ...auth, body: profile.user }), 200);
    expectStatus(await srv.api('PUT', '/users/me/preferences', { ...auth, body: profile.preferences }), 200);
    const order = shuffled(profile.jobs, 20261128);
    const imported = expectStatus(await srv.api('POST', '/jobs/import', { ...auth, body: order.map((e) => e.job) }), 200);
    if (imported.created !== profile.jobs.length)
        throw new Error(`${profile.name}: import created ${imported.created} of ${profile.jobs.length}: ${JSON.stringify(imported.errors)}`);

    const byName = new Map(profile.jobs.map((e) => [`${e.job.company}\u0000${e.job.title}`, e]));
    const listed = expectStatus(await srv.api('GET', '/jobs?limit=100', auth), 200).items;
    const byId = new Map();
    for (const job of listed) byId.set(job.id, byName.get(`${job.company}\u0000${job.title}`));

    const rec = expectStatus(await srv.api('GET', '/jobs/recommendations?limit=100', auth), 200);
    const items = rec.items;
    const entryOf = (item) => byId.get(item.id);
    const name = profile.name;
    const min = profile.preferences.min_salary;
    const profileSkills = new Set(profile.user.skills.map((s) => skills.canonical(s) || s));
    const candidates = profile.jobs.filter((e) => !e.excluded);

    // NDCG@10 (an excluded job that shows up counts as grade 0 where it stands)
    const ranked = items.map((item) => (entryOf(item)?.excluded ? 0 : entryOf(item)?.grade ?? 0));
    const score = ndcg(ranked, candidates.map((e) => e.grade), K);
    report.metric(`ndcg@10 ${name}`, score, { min: NDCG_MIN }, 3);
    const top = items.slice(0, K).map((item) => {
        const e = entryOf(item);
        return `${e.key} g${e.grade} ${item.match_score} ${e.job.title} @ ${e.job.company}`;
    });
    report.details[name] = { ndcg: score, top10: top, scores: items.map((i) => [entryOf(i).key, i.match_score]) };
    if (score < NDCG_MIN) report.fail('ndcg below 0.9', `${name}: ${score.toFixed(3)}; top 10: ${top.join(' | ')}`);

    // exclusions
    let exclusionErrors = 0;
    const shown = new Set(items.map((i) => entryOf(i).key));
    for (const e of profile.jobs) {
        if (e.excluded && shown.has(e.key)) {
            exclusionErrors++;
            report.fail('excluded job listed', `${name} ${e.key} ${e.job.title} @ ${e.job.company}`);
        } else if (!e.excluded && !shown.has(e.key)) {
            exclusionErrors++;
            report.fail('job missing from the list', `${name} ${e.key} ${e.job.title} @ ${e.job.company}`);
        }
    }

    // no zero-overlap job in the top 10 when 10 jobs with overlap exist
    const withOverlap = candidates.filter((e) => overlap(e.job, profileSkills).length > 0).length;
    let zeroInTop = 0;
    if (withOverlap >= K) {
        items.slice(0, K).forEach((item, i) => {
            const e = entryOf(item);
            if (overlap(e.job, profileSkills).length === 0) {
                zeroInTop++;
                report.fail('job without a profile skill in the top 10',
                    `${name} #${i + 1} ${e.key} ${e.job.title} @ ${e.job.company} (score ${item.match_score}, ${withOverlap} jobs have overlap)`);
            }
        });
    }

    // negative reasons: required where salary < minimum or seniority mismatch; untrue elsewhere
    let required = 0;
    let present = 0;
    let untrue = 0;
    for (const item of items) {
        const e = entryOf(item);
        if (e.excluded) continue;
        const kinds = negativeKinds(item);
        const want = [];
        if (belowMinimum(e.job, min)) want.push('salary');
        if (e.level === 'mismatch') want.push('seniority');
        for (const kind of want) {
            required++;
            if (kinds.includes(kind)) present++;
            else report.fail(`no negative ${kind} reason`,
                `${name} ${e.key} ${e.job.title} @ ${e.job.company} (score ${item.match_score}${kind === 'salary' ? `, pays ${e.job.salary_min}-${e.job.salary_max} < ${min}` : ''})`);
        }
        const notSalary = !belowMinimum(e.job, min) && kinds.includes('salary');
        const notSeniority = ['fit', 'unstated'].includes(e.level) && kinds.includes('seniority');
        if (notSalary || notSeniority) {
            untrue++;
            report.fail('untrue negative reason', `${name} ${e.key} ${e.job.title}: ${notSalary ? 'salary meets the minimum' : 'seniority fits'}`);
        }
        // missing skills are skills the job names (a tech_stack entry as written, or a dictionary
        // skill named by its requirements), that the profile lacks, never phrase fragments
        const named = jobSkillNames(e.job);
        for (const skill of item.reasons?.missing_skills || []) {
            let why = null;
            if ((e.not_missing || []).includes(skills.canonical(skill) || skill)) why = 'a phrase fragment (not_missing)';
            else if (profileSkills.has(skills.canonical(skill) || skill)) why = 'the profile has it';
            else if (!named.has(skill)) why = 'not named by the job in this spelling';
            if (why) {
                untrue++;
                report.fail(`untrue missing skill: ${why.replace(/ \(.*\)$/, '')}`,
                    `${name} ${e.key} ${e.job.title} @ ${e.job.company}: ${JSON.stringify(skill)}`);
            }
        }
    }
    // a job without overlap must not outrank one with overlap (the gate of issue 13)
    let outranking = 0;
    const lowestWithOverlap = items.findLastIndex((item) => overlap(entryOf(item).job, profileSkills).length > 0);
    items.slice(0, Math.max(lowestWithOverlap, 0)).forEach((item, i) => {
        const e = entryOf(item);
        if (overlap(e.job, profileSkills).length === 0) {
            outranking++;
            report.fail('job without a profile skill above one with', `${name} #${i + 1} ${e.key} ${e.job.title} (score ${item.match_score})`);
        }
    });
    return { required, present, untrue, zeroInTop, outranking, exclusionErrors };
}

/* The metric and the reason reader on known inputs (the README's example of a negative reason),
 * so a broken helper is an error rather than a score. */
function selfTest() {
    const problems = [];
    if (Math.abs(ndcg([3, 3, 2, 1, 0], [0, 1, 2, 3, 3], K) - 1) > 1e-9) problems.push('ideal order is not NDCG 1');
    if (ndcg([0, 1, 2, 3, 3], [0, 1, 2, 3, 3], K) >= 0.9) problems.push('reversed order reaches 0.9');
    const example = { reasons: { factors: [
        { kind: 'salary', effect: 'negative', text: 'Pays up to 55,000 EUR, below your minimum of 70,000' },
        { kind: 'skills', effect: 'positive', text: 'Matches 3 of 4 skills' }] } };
    if (JSON.stringify(negativeKinds(example)) !== '["salary"]') problems.push('negativeKinds misreads the README example');
    if (problems.length) throw new Error(`self-test failed: ${problems.join('; ')}`);
}

async function main() {
    selfTest();
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
    const profiles = files.map((f) => {
        const p = readJson(path.join(DIR, f));
        validate(p, f);
        return p;
    });
    if (profiles.length < 3) throw new Error(`data errors: ${profiles.length} profiles, at least 3 expected`);
    const report = new Report('ranking');
    const srv = await startServer();
    const totals = { required: 0, present: 0, untrue: 0, zeroInTop: 0, outranking: 0, exclusionErrors: 0 };
    try {
        for (const p of profiles) {
            const r = await evaluate(srv, p, report);
            for (const k of Object.keys(totals)) totals[k] += r[k];
        }
    } finally {
        await srv.stop();
    }
    report.metric('zero-overlap jobs in top 10', totals.zeroInTop, { max: 0 }, 0);
    report.metric('zero-overlap jobs above an overlapping one', totals.outranking, { max: 0 }, 0);
    report.metric(`negative reasons present (${totals.present}/${totals.required})`,
        totals.required ? totals.present / totals.required : 1, { min: 1 });
    report.metric('untrue reasons', totals.untrue, { max: 0 }, 0);
    report.metric('exclusion errors', totals.exclusionErrors, { max: 0 }, 0);
    report.finish();
}

main().catch((e) => {
    console.error(`ranking: error: ${e.stack || e.message}`);
    process.exitCode = 2;
});
