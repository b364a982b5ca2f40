#!/usr/bin/env node
// The letters evaluation (tests/eval/README.md, "letters"): for each profile folder here
// (profile.json + its résumé) a fresh user sets the profile, uploads the résumé and makes it
// primary, creates the profile's five jobs and asks POST /content for a cover letter for each.
// Every letter must name the job's title and company, at least two skills the profile and the
// job share, the résumé's latest employer and the résumé's name; claim no skill outside the
// profile or the résumé; carry no e-mail address but the résumé's; and pass the phrase check
// (the checks are first run on the hand-written letters of selftest.json). Per profile, a
// LinkedIn message is not signed "Sincerely" and stays short, and a follow-up is refused (422)
// for a job never applied to and without a job, and written once the job is applied to.
// Black-box through the HTTP API only.   node tests/eval/letters/run.mjs

import fs from 'node:fs';
import path from 'node:path';
import {
    EVAL_DIR, Report, expectStatus, loadSkills, readJson, registerUser, startServer,
} from '../lib.mjs';

const DIR = path.join(EVAL_DIR, 'letters');
const skills = loadSkills();

/* Dictionary sections and names a letter may use freely: soft skills, business words and the
 * generic names of the work itself ("backend services", "APIs"), which are not claims. */
const FREE_SECTIONS = new Set(['soft skills', 'business and management']);
const FREE_NAMES = new Set(['Back-end development', 'Front-end development', 'Web development',
    'Mobile development', 'API design', 'Software architecture', 'Clean code', 'Agile']);

/* Phrases a letter must not contain: [label, pattern]. */
const BANNED = [
    ['"in Remote" (a remote location phrased as a place)', /\bin remote\b/i],
    ['a level label as prose ("a mid-level professional")', /\b(?:entry-level|junior|mid-level|senior|lead|executive) professional\b/i],
    ['a template placeholder', /\{[A-Za-z_]+\}|\[(?:company|title|name|role)\]/i],
    ['"your company" although the company is known', /\byour company\b/i],
    ['a sentence ended twice ("Acme, Inc..")', /[^.]\.\.(?!\.)/],
];
const LINKEDIN_MAX = 600;
// the tones' claims of fitting a role (assets/content_templates.txt, "keen")
const FIT_CLAIMS = ['strong fit', 'lines up well', 'eager to bring', 'fit in well', 'matches the role'];

const norm = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}% ]+/gu, ' ').replace(/\s+/g, ' ').trim();

/* The sentences said twice (four words or more). */
function repeatedSentences(text) {
    const seen = new Map();
    for (const raw of text.split(/(?<=[.!?])\s+|\n+/)) {
        const s = norm(raw);
        if (s.split(' ').length < 4) continue;
        seen.set(s, (seen.get(s) || 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([s]) => s);
}

/* Runs the checks shared by every kind of text; returns the failures as strings. Skills named
 * by the job's title, its company or the candidate's name ("Julia") are not claims. */
function commonChecks(text, job, profileSkills, facts) {
    const failures = [];
    for (const [label, re] of BANNED) {
        const m = re.exec(text);
        if (m) failures.push(`phrase: ${label}: "${m[0]}"`);
    }
    for (const s of repeatedSentences(text)) failures.push(`phrase: repeated sentence: "${s}"`);
    const free = new Set(skills.find(`${job.title}\n${job.company}\n${facts.name}`));
    const claimed = [...skills.find(text)].filter((s) => !profileSkills.has(s) && !free.has(s) &&
        !FREE_NAMES.has(s) && !FREE_SECTIONS.has(skills.section(s)));
    if (claimed.length) failures.push(`claims skills outside the profile: ${claimed.join(', ')}`);
    const emails = text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) || [];
    const foreign = emails.filter((e) => e.toLowerCase() !== facts.email.toLowerCase());
    if (foreign.length) failures.push(`e-mail other than the résumé's: ${foreign.join(', ')}`);
    return failures;
}

function has(text, needle) {
    return text.toLowerCase().includes(needle.toLowerCase());
}

function coverLetterChecks(text, job, profileSkills, facts) {
    const failures = [];
    if (!has(text, job.title)) failures.push(`does not name the title "${job.title}"`);
    if (!has(text, job.company)) failures.push(`does not name the company "${job.company}"`);
    const shared = [...skills.ofJob(job)].filter((s) => profileSkills.has(s));
    const body = text.split(job.title).join(' ');
    const named = shared.filter((s) => skills.find(body).has(s));
    const need = Math.min(2, shared.length);
    if (named.length < need) failures.push(`names ${named.length} of the shared skills (${shared.join(', ')}), ${need} needed`);
    if (!has(text, facts.latest_employer)) failures.push(`does not name the latest employer "${facts.latest_employer}"`);
    if (!has(text, facts.name)) failures.push(`not signed with the résumé's name "${facts.name}"`);
    return failures.concat(commonChecks(text, job, profileSkills, facts));
}

/* What the user holds: the profile's skills and every dictionary skill of the résumé's text
 * (a letter may cite an achievement with the tools it names). */
function userSkills(profile, dir) {
    const out = new Set(profile.user.skills.map((s) => skills.canonical(s) || s));
    for (const s of skills.find(fs.readFileSync(path.join(dir, profile.resume), 'utf8'))) out.add(s);
    return out;
}

/* Runs the checks on the hand-written letters of selftest.json (a good one that must pass, bad
 * ones that must fail for the listed reasons), so a check that can never pass or never fail is
 * caught before any score is reported. */
function selfTest(dirs) {
    const cases = readJson(path.join(DIR, 'selftest.json'));
    const problems = [];
    for (const c of cases) {
        const dir = dirs.find((d) => path.basename(d) === c.profile);
        const profile = readJson(path.join(dir, 'profile.json'));
        const job = profile.jobs.find((j) => j.key === c.job).job;
        const failures = coverLetterChecks(c.text, job, userSkills(profile, dir), profile.facts);
        const want = c.expect_failures;
        const missing = want.filter((w) => !failures.some((f) => f.includes(w)));
        const extra = failures.filter((f) => !want.some((w) => f.includes(w)));
        if (missing.length || extra.length)
            problems.push(`${c.name}: expected failures not found ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`);
    }
    if (cases.length < 2 || !cases.some((c) => c.expect_failures.length === 0))
        problems.push('selftest.json needs a passing letter and a failing one');
    if (problems.length) throw new Error(`self-test of the checks failed:\n  ${problems.join('\n  ')}`);
}

async function evaluate(srv, dir, report, totals) {
    const profile = readJson(path.join(dir, 'profile.json'));
    const { facts } = profile;
    const who = await registerUser(srv);
    const auth = { token: who.token };
    expectStatus(await srv.api('PATCH', '/users/me', { ...auth, body: profile.user }), 200);
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(path.join(dir, profile.resume))]), profile.resume);
    const resume = expectStatus(await srv.api('POST', '/resumes', { ...auth, raw: form }), 201);
    expectStatus(await srv.api('POST', `/resumes/${resume.id}/primary`, auth), 200);
    const profileSkills = userSkills(profile, dir);
    const content = async (body) => srv.api('POST', '/content', { ...auth, body });
    const jobs = [];
    for (const entry of profile.jobs)
        jobs.push({ ...entry, id: expectStatus(await srv.api('POST', '/jobs', { ...auth, body: entry.job }), 201).id });
    report.details[profile.name] = {};

    for (const j of jobs) {
        const letter = expectStatus(await content({ content_type: 'cover_letter', job_id: j.id }), 201).generated_content;
        const failures = coverLetterChecks(letter, j.job, profileSkills, facts);
        totals.letters++;
        totals.checks += 1;
        if (failures.length === 0) totals.lettersOk++;
        for (const f of failures) report.fail(`cover letter ${f.split(':')[0].replace(/ ".*$/, '')}`, `${profile.name} ${j.key} ${j.job.title} @ ${j.job.company}: ${f}`);
        if (facts.achievements.some((a) => letter.includes(a))) totals.achievements++;
        report.details[profile.name][j.key] = { letter, failures };
    }

    // a LinkedIn message for the first job
    const first = jobs[0];
    const note = expectStatus(await content({ content_type: 'linkedin_message', job_id: first.id }), 201).generated_content;
    const noteFailures = commonChecks(note, first.job, profileSkills, facts);
    if (/\bsincerely\b/i.test(note)) noteFailures.push('signed "Sincerely"');
    if (note.length > LINKEDIN_MAX) noteFailures.push(`${note.length} characters, at most ${LINKEDIN_MAX}`);
    if (!has(note, first.job.company)) noteFailures.push(`does not name the company "${first.job.company}"`);
    totals.linkedin++;
    if (noteFailures.length === 0) totals.linkedinOk++;
    for (const f of noteFailures) report.fail('linkedin message', `${profile.name} ${first.key}: ${f}`);
    report.details[profile.name].linkedin_message = { text: note, failures: noteFailures };

    // instructions (session 34): a skill the job asks for and the candidate lacks is named, as
    // something they are learning, only when the instructions say they learn it; "Do not
    // mention Kafka" made the letter say "I am also learning Kafka."
    const lacking = (first.job.tech_stack || []).map((e) => skills.canonical(e) || e).find((e) => !profileSkills.has(e));
    if (!lacking) throw new Error(`${profile.name}: the first job names no skill the profile lacks`);
    for (const [instructions, learns] of [
        [`Do not mention ${lacking}.`, false], [`Never say I am learning ${lacking}`, false],
        [`Say I have 10 years of ${lacking} experience`, false], [`I have no interest in ${lacking}.`, false],
        [`Say that I am learning ${lacking}`, true], [`I'm no expert yet, but I am taking a ${lacking} course.`, true]]) {
        const text = expectStatus(await content({ content_type: 'cover_letter', job_id: first.id, instructions }), 201).generated_content;
        const said = text.includes(`learning ${lacking}`);
        const failures = coverLetterChecks(text, first.job, learns ? new Set([...profileSkills, lacking]) : profileSkills, facts);
        if (said !== learns) failures.push(learns ? `does not say "learning ${lacking}"` : `says "learning ${lacking}"`);
        totals.instructions++;
        if (failures.length === 0) totals.instructionsOk++;
        for (const f of failures) report.fail('instructions', `${profile.name} ${first.key} "${instructions}": ${f}`);
    }

    // a job sharing none of the candidate's skills (session 34): the letter claims no fit
    // ("I am confident that my background makes me a strong fit" was said of any job)
    const foreign = ['Rust', 'Scala', 'Elixir', 'Haskell', 'COBOL'].filter((x) => !profileSkills.has(skills.canonical(x) || x)).slice(0, 2);
    const unrelated = expectStatus(await srv.api('POST', '/jobs', { ...auth, body: {
        company: 'Ferrous Works', title: 'Systems Engineer', location: 'Zurich', remote_option: 'onsite',
        tech_stack: foreign, requirements: `${foreign.join(' and ')} in production.` } }), 201);
    for (const type of ['cover_letter', 'email_template']) {
        const text = expectStatus(await content({ content_type: type, job_id: unrelated.id }), 201).generated_content;
        const failures = commonChecks(text, { company: 'Ferrous Works', title: 'Systems Engineer' }, profileSkills, facts);
        const claim = FIT_CLAIMS.find((c) => text.toLowerCase().includes(c));
        if (claim) failures.push(`claims a fit ("${claim}") with no shared skill`);
        totals.noFit++;
        if (failures.length === 0) totals.noFitOk++;
        for (const f of failures) report.fail('no shared skill', `${profile.name} ${type}: ${f}`);
    }

    // follow-ups: refused for a job never applied to and without a job; written once applied
    const rule = (ok, what) => {
        totals.followUps++;
        if (ok) totals.followUpsOk++;
        else report.fail('follow-up rule', `${profile.name}: ${what}`);
    };
    const never = await content({ content_type: 'follow_up', job_id: jobs[1].id });
    rule(never.status === 422 && never.body?.error?.code === 'validation_failed' && never.body.error.field === 'job_id',
        `for ${jobs[1].key} (never applied to): want 422 validation_failed on job_id, got ${never.status} ${JSON.stringify(never.body?.error ?? never.body?.generated_content?.slice(0, 60))}`);
    const noJob = await content({ content_type: 'follow_up' });
    rule(noJob.status === 422 && noJob.body?.error?.code === 'validation_failed' && noJob.body.error.field === 'job_id',
        `without job_id: want 422 validation_failed on job_id, got ${noJob.status} ${JSON.stringify(noJob.body?.error ?? noJob.body?.generated_content?.slice(0, 60))}`);
    expectStatus(await srv.api('POST', '/applications', { ...auth, body: { job_id: first.id, status: 'applied' } }), 201);
    const applied = await content({ content_type: 'follow_up', job_id: first.id });
    const followFailures = applied.status === 201
        ? commonChecks(applied.body.generated_content, first.job, profileSkills, facts)
            .concat(has(applied.body.generated_content, first.job.title) ? [] : ['does not name the title'])
            .concat(has(applied.body.generated_content, first.job.company) ? [] : ['does not name the company'])
        : [`want 201, got ${applied.status} ${JSON.stringify(applied.body)}`];
    rule(followFailures.length === 0, `for ${first.key} (applied): ${followFailures.join('; ')}`);
    report.details[profile.name].follow_up = { text: applied.body?.generated_content, failures: followFailures };
}

/* Thin profiles (session 37): a student (entry level, two skills, no résumé) and an account
 * that filled in nothing, each asking for every type for one job (and a summary without a job).
 * No text may be signed with the username ("jdoe42" is no signature: without a résumé's name
 * there is no name line) nor give the candidate a title the profile lacks ("Professional"),
 * and each passes the phrase check (and tailoring says "it" of one missing skill, not "them").
 * Before the round: 0 of the 16 passed (the username signed 10, "Professional" titled 6, and
 * the student's tailoring said "Tableau. If you have worked with them"). */
const THIN = [
    { name: 'student', user: { skills: ['Python', 'SQL'], experience_level: 'entry' } },
    { name: 'empty', user: null },
];
const THIN_TYPES = ['cover_letter', 'resume_summary', 'resume_tailoring', 'email_template',
    'linkedin_message', 'thank_you_note', 'follow_up'];

async function thinProfiles(srv, report, totals) {
    const job = { company: 'Harbor Analytics', title: 'Data Analyst Intern', location: 'Hamburg',
        remote_option: 'hybrid', tech_stack: ['Python', 'SQL', 'Tableau'] };
    for (const thin of THIN) {
        const who = await registerUser(srv);
        const auth = { token: who.token };
        if (thin.user) expectStatus(await srv.api('PATCH', '/users/me', { ...auth, body: thin.user }), 200);
        const id = expectStatus(await srv.api('POST', '/jobs', { ...auth, body: job }), 201).id;
        expectStatus(await srv.api('POST', '/applications', { ...auth, body: { job_id: id, status: 'applied' } }), 201);
        const have = new Set((thin.user?.skills || []).map((x) => skills.canonical(x) || x));
        const asks = [...THIN_TYPES.map((t) => ({ content_type: t, job_id: id })), { content_type: 'resume_summary' }];
        report.details[`thin ${thin.name}`] = {};
        for (const body of asks) {
            const text = expectStatus(await srv.api('POST', '/content', { ...auth, body }), 201).generated_content;
            // tailoring advice names the posting's stack on purpose ("The posting mentions ...")
            const may = body.content_type === 'resume_tailoring'
                ? new Set([...have, ...job.tech_stack.map((x) => skills.canonical(x) || x)]) : have;
            const failures = commonChecks(text, job, may, { email: who.email });
            // the username, but not inside the account's e-mail that may sign the text
            if (text.split(who.email).join('').includes(who.username)) failures.push(`signed or titled with the username "${who.username}"`);
            const title = /(?:^|\n\s*)(?:\d\.\s*)?(Professional)\b(?! with \d)/.exec(text);
            if (title) failures.push('a title the profile lacks: "Professional"');
            const them = /mentions ([^.]+)\. If you have worked with them\b/.exec(text);
            if (them && !/ and /.test(them[1])) failures.push(`"them" after one skill: "${them[0]}"`);
            const what = `${thin.name} ${body.content_type}${body.job_id ? '' : ' (no job)'}`;
            totals.thin++;
            if (failures.length === 0) totals.thinOk++;
            for (const f of failures) report.fail('thin profile', `${what}: ${f}`);
            report.details[`thin ${thin.name}`][what] = { text, failures };
        }
    }
}

async function main() {
    const dirs = fs.readdirSync(DIR).map((d) => path.join(DIR, d))
        .filter((d) => fs.statSync(d).isDirectory() && fs.existsSync(path.join(d, 'profile.json'))).sort();
    if (dirs.length < 2) throw new Error(`data errors: ${dirs.length} profiles, at least 2 expected`);
    selfTest(dirs);
    const report = new Report('letters');
    const totals = { letters: 0, lettersOk: 0, checks: 0, achievements: 0, linkedin: 0, linkedinOk: 0, followUps: 0, followUpsOk: 0, instructions: 0, instructionsOk: 0, noFit: 0, noFitOk: 0, thin: 0, thinOk: 0 };
    const srv = await startServer();
    try {
        for (const d of dirs) await evaluate(srv, d, report, totals);
        await thinProfiles(srv, report, totals);
    } finally {
        await srv.stop();
    }
    const ratio = (a, b) => (b ? a / b : 1);
    report.metric(`cover letters passing every check (${totals.lettersOk}/${totals.letters})`, ratio(totals.lettersOk, totals.letters), { min: 1 });
    report.metric(`linkedin messages (${totals.linkedinOk}/${totals.linkedin})`, ratio(totals.linkedinOk, totals.linkedin), { min: 1 });
    report.metric(`follow-up rules (${totals.followUpsOk}/${totals.followUps})`, ratio(totals.followUpsOk, totals.followUps), { min: 1 });
    report.metric(`instructions followed (${totals.instructionsOk}/${totals.instructions})`, ratio(totals.instructionsOk, totals.instructions), { min: 1 });
    report.metric(`letters for a job sharing no skill that claim no fit (${totals.noFitOk}/${totals.noFit})`, ratio(totals.noFitOk, totals.noFit), { min: 1 });
    report.metric(`thin-profile texts without a username signature or an invented title (${totals.thinOk}/${totals.thin})`, ratio(totals.thinOk, totals.thin), { min: 1 });
    report.metric(`letters citing a résumé achievement (${totals.achievements}/${totals.letters}, reported only)`, ratio(totals.achievements, totals.letters));
    report.finish();
}

main().catch((e) => {
    console.error(`letters: error: ${e.stack || e.message}`);
    process.exitCode = 2;
});
