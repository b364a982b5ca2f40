// #/dashboard (home after sign-in): today's applications against the daily goal and the streak,
// response / interview / offer rates beside their benchmarks, the funnel with its bottleneck,
// applications per week, sources, salary spread, skill gap, tasks due, follow-ups and interviews
// coming up,
// and snapshots of the summary over time. Each card loads on its own, so one slow or failing
// answer never blanks the page.
//
// API: GET /analytics/summary, /analytics/funnel, /analytics/timeseries, /analytics/sources,
// /analytics/salaries, /analytics/skills, /analytics/snapshots, POST /analytics/snapshots,
// GET /applications/follow-ups, GET /applications?sort=-interview_date,
// GET /tasks?done=false&due_before=TOMORROW.

import { api } from '../api.js';
import { barTable, benchmark, columnChart, lineChart, rangeTable } from '../chart.js';
import { badge, empty, h, loading, mount, progressBar, replace, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { busy, errorText, formError } from '../forms.js';
import { date, dateTime, dueState, label, noun, number, percent, plural, relativeDay, salary, shortDate, todayLocal } from '../format.js';

const FUNNEL_WORDS = {
    applications: 'All applications', applied: 'Applied', interview: 'Reached an interview',
    offer: 'Reached an offer', accepted: 'Accepted',
};

/* A card whose body is filled by build(data) once load() answers. */
function card(title, testid, load, build, wide = false) {
    const body = h('div', null, loading());
    const el = h('section', { class: `card${wide ? ' wide' : ''}`, 'data-testid': testid, 'aria-labelledby': `${testid}-title` },
        h('h2', { id: `${testid}-title` }, title), body);
    load().then((data) => replace(body, build(data)),
        (err) => body.replaceChildren(h('p', { class: 'error' }, errorText(err))));
    return el;
}

export async function render(root) {
    const summary = await api.get('/analytics/summary');
    mount(root, titleRow('Dashboard', h('a', { href: '#/jobs/new', class: 'button primary', 'data-testid': 'add-job' }, 'Add job')));
    if (summary.total_jobs === 0) {
        mount(root, empty('Nothing tracked yet. Add the first job you are interested in, or import a list of jobs, and this page fills with your progress.',
            h('div', { class: 'actions' },
                h('a', { href: '#/jobs/new', class: 'button primary' }, 'Add a job'),
                h('a', { href: '#/jobs?import=open', class: 'button' }, 'Import jobs'),
                h('a', { href: '#/resumes', class: 'button' }, 'Upload your résumé')), 'dashboard-empty'));
    } else if (summary.total_applications === 0) {
        // jobs added, none tracked yet: every card below waits for an application, so say how one starts
        mount(root, empty([`You have ${plural(summary.total_jobs, 'job')} and no application yet. When you apply to one, or mean to, open it and choose `,
            h('strong', null, 'Track application'), ': the board, the calendar, the rates and the funnel follow your applications.'],
        h('div', { class: 'actions' },
            h('a', { href: '#/recommendations', class: 'button primary' }, 'See your best matches'),
            h('a', { href: '#/jobs', class: 'button' }, 'Open your jobs')), 'dashboard-next'));
    }
    mount(root, today(summary), h('div', { class: 'grid-2' },
        rates(summary),
        card('Funnel, last 90 days', 'funnel', () => api.get('/analytics/funnel'), funnel),
        card('Applications per week', 'weekly', () => api.get('/analytics/timeseries', { metric: 'applications', interval: 'week' }), weekly),
        card('Where your jobs come from', 'sources', () => api.get('/analytics/sources'), sources),
        card('Salary spread of tracked jobs', 'salaries', () => api.get('/analytics/salaries'), salaries),
        card('Skill gap', 'skills', skillData, skillGap),
        card('Tasks due', 'tasks-due', dueTasks, tasksDue),
        card('Follow-ups due', 'follow-ups', () => api.get('/applications/follow-ups', { limit: 5 }), followUps),
        card('Next interviews', 'interviews', nextInterviews, interviews),
    ), snapshots());
}

function today(s) {
    const met = s.goal_met;
    return h('section', { class: 'card', 'data-testid': 'today', 'aria-labelledby': 'today-title' },
        h('h2', { id: 'today-title' }, 'Today'),
        h('div', { class: 'stats' },
            h('div', { class: 'stat' },
                h('span', { class: 'stat-value', 'data-testid': 'goal-progress' }, `${number(s.applications_today)} of ${number(s.daily_application_goal)}`),
                h('span', { class: 'stat-label' }, 'applications sent today (daily goal)'),
                progressBar(s.applications_today, s.daily_application_goal || 1, 'Progress towards the daily goal'),
                h('span', { class: met ? 'goal-met' : 'muted' }, met ? 'Goal met. Well done!'
                    : s.daily_application_goal === 0 ? 'No daily goal set.' : `${plural(s.goal_remaining, 'more application')} to reach the goal.`)),
            stat(plural(s.current_streak, 'day'), 'streak of days meeting the goal', 'streak'),
            stat(number(s.applications_this_week), noun(s.applications_this_week, 'application this week', 'applications this week')),
            stat(number(s.applications_this_month), noun(s.applications_this_month, 'application this month', 'applications this month')),
            stat(number(s.total_jobs), noun(s.total_jobs, 'job tracked', 'jobs tracked')),
            stat(s.average_days_to_first_response == null ? '–' : plural(Math.round(s.average_days_to_first_response), 'day'),
                'on average until a first answer')),
        h('p', { class: 'muted' }, 'Change the daily goal on the ', h('a', { href: '#/account' }, 'account page'), '.'));
}

function stat(value, text, testid) {
    return h('div', { class: 'stat', 'data-testid': testid || null },
        h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, text));
}

function rates(s) {
    const b = s.benchmarks || {};
    return h('section', { class: 'card', 'data-testid': 'rates', 'aria-labelledby': 'rates-title' },
        h('h2', { id: 'rates-title' }, 'Your rates against typical job searches'),
        s.applied === 0 ? empty('Rates appear once you have applied somewhere.') : [
            benchmark('Response rate', b.response_rate),
            benchmark('Interview rate', b.interview_rate),
            benchmark('Offer rate', b.offer_rate),
            h('p', { class: 'muted', 'data-testid': 'rates-counts' }, `Out of ${plural(s.applied, 'application')} sent: ${number(s.responses)} answered, ${plural(s.interviews, 'interview')}, ${plural(s.offers, 'offer')}.`),
            s.applied < FEW ? h('p', { class: 'hint', 'data-testid': 'rates-few' }, fewNote(s.applied)) : null,
        ]);
}

/* Below FEW applications sent, a rate and a bottleneck are one answer away from another level:
 * a newcomer's first application, sent today, read "0% below low" three times and "the
 * bottleneck" in the funnel with nothing said of how little they rest on. */
const FEW = 10;
const fewNote = (n) => `Only ${plural(n, 'application')} sent so far: one answer moves these figures a lot, and answers take days or weeks to come. Read them as a first sign until about ${FEW} are out.`;

function funnel(f) {
    if (!f.stages.length || f.stages[0].count === 0)
        return empty('No applications in the last 90 days yet.');
    const rows = f.stages.map((st) => ({
        label: FUNNEL_WORDS[st.stage] || label(st.stage), value: st.count, mark: st.bottleneck,
        note: st.stage === 'applications' ? null
            : `${percent(st.rate_from_previous, 0)} of the step before${st.bottleneck ? ' — the bottleneck' : ''}`,
    }));
    const bottleneck = f.stages.find((st) => st.bottleneck);
    return [barTable(rows, { caption: 'Applications reaching each stage, last 90 days', labelHeader: 'Stage', valueLabel: 'Applications', testid: 'funnel-table' }),
        bottleneck ? h('p', { class: 'notice', 'data-testid': 'bottleneck' },
            `Bottleneck: “${FUNNEL_WORDS[bottleneck.stage] || label(bottleneck.stage)}” keeps fewer than ${number(f.bottleneck_threshold)}% of the step before.`,
            before(f, bottleneck) < FEW ? ` With ${plural(before(f, bottleneck), 'application')} at the step before, that may only be time: answers take days or weeks.` : '') : null];
}

/* How many applications the stage before st holds. */
function before(f, st) {
    const i = f.stages.indexOf(st);
    return i > 0 ? f.stages[i - 1].count : 0;
}

function weekly(t) {
    if (!t.total) return empty('No applications sent in these weeks yet.');
    return columnChart(t.items.map((p) => ({ label: shortDate(p.date), title: `Week of ${date(p.date)}`, value: p.count })),
        { caption: `Applications sent per week since ${date(t.from)}`, labelHeader: 'Week', valueLabel: 'Applications', testid: 'weekly-chart' });
}

function sources(data) {
    if (!data.items.length) return empty('Add jobs to see which sources work for you.');
    return barTable(data.items.map((s) => ({
        label: label(s.source), value: s.jobs,
        note: sourceNote(s),
    })), { caption: 'Jobs per source', labelHeader: 'Source', valueLabel: 'Jobs', testid: 'sources-table' });
}

/* A source's applications in words. Its rates are against the applications sent (applied), so the
 * share answered is said of those: "2 applications (1 sent), 100% answered" read as both answered
 * (session 35). */
function sourceNote(s) {
    const sent = s.applied === s.applications ? plural(s.applications, 'application')
        : `${plural(s.applications, 'application')} (${number(s.applied)} sent)`;
    const answered = s.applied ? `, ${percent(s.response_rate, 0)} of those sent answered` : '';
    return `${sent}${answered}, ${plural(s.interviews, 'interview')}, ${plural(s.offers, 'offer')}`;
}

/* The server groups the salaries of jobs that name no currency under "unknown": said in words,
 * and their amounts as plain numbers ("80,000 unknown – 100,000 unknown" read as a fault). */
const currencyOf = (c) => (c.currency === 'unknown' ? '' : c.currency);

function salaries(data) {
    if (!data.items.length) return empty('No tracked job lists a salary yet.');
    return [rangeTable(data.items.map((c) => ({
        label: `${currencyOf(c) || 'No currency given'} (${plural(c.jobs, 'job')})`, low: c.lowest_min ?? c.average_min, high: c.highest_max ?? c.average_max,
        from: c.average_min ?? c.lowest_min, to: c.average_max ?? c.highest_max,
        text: spread(c),
    })), { caption: 'Salary range per currency: the bar is the average range within the lowest and highest', labelHeader: 'Currency', testid: 'salaries-table' }),
    h('p', { class: 'muted' }, 'The bar shows the average range inside the full range of each currency.')];
}

/* A currency's spread in words, as a job's salary is said ("from £80,000" when no job of it names
 * a top, never "£80,000 – "), its average only when it differs from the range (one job: the same). */
function spread(c) {
    const range = salary({ salary_min: c.lowest_min, salary_max: c.highest_max, currency: currencyOf(c) });
    const average = salary({ salary_min: c.average_min, salary_max: c.average_max, currency: currencyOf(c) });
    return average === range ? range : `${range}; average ${average}`;
}

/* Coverage over every job (SPEC part C); the advice from the jobs that match (g.relevant:
 * not excluded, open, scored at least 40, weighted), so excluded and unrelated jobs never
 * point at a skill to learn. */
/* The skill gap and the primary résumé: the gap counts the profile's skills only, while the match
 * scores count the primary résumé's too, so a skill read from the résumé and not added to the
 * profile is "to learn" here and "you have" there; the card says so. */
async function skillData() {
    const [g, resumes] = await Promise.all([api.get('/analytics/skills'), api.get('/resumes')]);
    return { ...g, primary: resumes.items.find((r) => r.is_primary) || null };
}

function skillGap(g) {
    if (!g.required_count) return empty('Add jobs with a tech stack to see which skills they ask for.');
    const advice = g.relevant.missing;
    const fold = (x) => x.toLocaleLowerCase();
    const mine = new Set((g.user_skills || []).map(fold));
    const read = g.primary ? (g.primary.extracted_skills || []).filter((x) => !mine.has(fold(x))) : [];
    const readSet = new Set(read.map(fold));
    const fromResume = advice.map((m) => m.skill).filter((x) => readSet.has(fold(x)));
    const resumeLink = (text) => h('a', { href: `#/resumes/${g.primary.id}` }, text);
    // a new account's profile names no skills: every skill asked counts as missing until it does
    if (!mine.size) {
        return [
            h('p', { class: 'notice', 'data-testid': 'no-skills' }, `Your jobs ask for ${plural(g.required_count, 'skill')}, `,
                'but your profile lists none of yours yet, so there is no gap to measure. ',
                h('a', { href: '#/account' }, 'Add your skills on the account page'),
                read.length ? [', or the ', plural(read.length, 'skill'), ' read from your résumé (', resumeLink(g.primary.filename), ').']
                    : [', or add the ones read from your résumé on its page (', h('a', { href: '#/resumes' }, 'Résumés'), ').']),
            h('p', null, h('a', { href: '#/learning' }, 'Browse the learning catalogue')),
        ];
    }
    return [
        fromResume.length ? h('p', { class: 'notice', 'data-testid': 'resume-skills' },
            `Your résumé names ${andList(fromResume.slice(0, 5))}${fromResume.length > 5 ? ' and more' : ''}, which your profile does not list yet: `,
            'the job matches count them, this gap does not. ', resumeLink('Add them from your résumé'), '.') : null,
        h('p', null, h('strong', { 'data-testid': 'coverage' }, percent(g.coverage, 0)),
            ` of the ${plural(g.required_count, 'skill')} your jobs ask for are in your profile.`),
        progressBar(g.coverage, 100, 'Skill coverage'),
        advice.length ? h('h3', null, 'Top missing skills in the jobs that match you') : null,
        advice.length ? h('ul', { class: 'plain', 'data-testid': 'missing-skills' }, advice.slice(0, 8).map((m) =>
            h('li', null, h('a', { href: `#/learning?skill=${encodeURIComponent(m.skill)}` }, `Learn ${m.skill}`),
                h('span', { class: 'muted' }, ` — asked by ${plural(m.jobs, 'job')}`)))) : nothingToLearn(g.relevant),
        h('p', null, h('a', { href: '#/learning/recommended' }, 'Resources recommended for your missing skills')),
    ];
}

/* No skill to learn: because the jobs that match ask for none she lacks, or because none of them
 * names a skill (every job closed, archived or excluded by the preferences, or the ones left list
 * no skills), which is no "you have every skill" beside a coverage under 100% (session 35). */
function nothingToLearn(rel) {
    if (rel.required_count > 0)
        return h('p', { class: 'goal-met' }, 'You have every skill the jobs that match you ask for.');
    const r = rel.relevance || {};
    const why = r.open_jobs === 0 ? 'You have no open job'
        : r.excluded === r.open_jobs ? `Your preferences exclude ${r.open_jobs === 1 ? 'your one open job' : `all ${number(r.open_jobs)} of your open jobs`}`
            : 'None of the open jobs your preferences keep names a skill';
    return h('p', { class: 'muted', 'data-testid': 'no-advice' },
        `${why}, so there is nothing to advise on: the coverage above counts every job you saved, closed and excluded ones included.`);
}

/* "a, b and c" */
function andList(items) {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function followUps(data) {
    if (!data.items.length) return empty('Nothing to follow up today.');
    return [h('ul', { class: 'plain' }, data.items.slice(0, 5).map((a) => h('li', null,
        h('a', { href: `#/jobs/${a.job_id}` }, a.job_title), ` at ${a.company} `,
        dueBadge(a.follow_up_date)))),
    data.total > 5 ? h('p', null, h('a', { href: '#/follow-ups' }, `All ${data.total} follow-ups`)) : null];
}

/* A follow-up's or a task's day in words, against the reader's own today (the server's lists
 * are by its UTC day, which west of UTC in the evening is the reader's tomorrow). */
function dueBadge(day) {
    const state = dueState(day);
    if (state === 'overdue') return badge('overdue', `Overdue, ${relativeDay(day)}`);
    return badge('due', state === 'today' ? 'Due today' : `Due ${relativeDay(day)}`);
}

/* Open tasks due today or overdue (due before the reader's tomorrow), soonest first. */
function dueTasks() {
    return api.get('/tasks', { done: 'false', due_before: todayLocal(1), sort: 'due_date', limit: 5 });
}

function tasksDue(data) {
    if (!data.items.length)
        return empty('No task due today.', h('a', { href: '#/tasks' }, 'See all tasks'), 'tasks-due-empty');
    return [h('ul', { class: 'plain', 'data-testid': 'due-tasks' }, data.items.map((t) => h('li', { 'data-testid': 'due-task' },
        h('a', { href: t.linked_job_id ? `#/jobs/${t.linked_job_id}` : '#/tasks' }, t.title),
        t.job_title ? h('span', { class: 'muted' }, ` (${t.job_title} at ${t.company})`) : null, ' ',
        dueBadge(t.due_date)))),
    h('p', null, h('a', { href: '#/tasks?due=today' }, data.total > 5 ? `All ${data.total} tasks due` : 'All tasks'))];
}

async function nextInterviews() {
    const page = await api.get('/applications', { sort: '-interview_date', limit: 20 });
    const now = Date.now();
    const coming = page.items.filter((a) => a.interview_date && Date.parse(a.interview_date) >= now)
        .sort((a, b) => Date.parse(a.interview_date) - Date.parse(b.interview_date)).slice(0, 5);
    if (!coming.length) return [];
    // The list carries job ids only: look up the titles of these few.
    const jobs = await Promise.all(coming.map((a) => api.get(`/jobs/${a.job_id}`).catch(() => null)));
    return coming.map((a, i) => ({ ...a, job: jobs[i] }));
}

function interviews(list) {
    if (!list.length) return empty('No interviews scheduled. Set an interview date on an application from its job page.');
    return h('ul', { class: 'plain' }, list.map((a) => h('li', null,
        h('a', { href: `#/jobs/${a.job_id}` }, a.job ? `${a.job.title} at ${a.job.company}` : `Job ${a.job_id}`),
        h('span', { class: 'muted' }, ` — ${dateTime(a.interview_date)}`))));
}

function snapshots() {
    const body = h('div', null, loading());
    const errors = formError(null, 'snapshot-error');
    const save = h('button', { type: 'button', 'data-testid': 'save-snapshot' }, 'Save today’s figures');
    const load = async () => {
        const page = await api.get('/analytics/snapshots', { type: 'application_summary', sort: 'generated_at', limit: 100 });
        replace(body, snapshotChart(page));
    };
    save.addEventListener('click', () => busy(save, errors, async () => {
        await api.post('/analytics/snapshots');
        flash('Snapshot saved.');
        await load();
    }));
    load().catch((err) => body.replaceChildren(h('p', { class: 'error' }, errorText(err))));
    return h('section', { class: 'card', 'data-testid': 'snapshots', 'aria-labelledby': 'snapshots-title' },
        h('div', { class: 'title-row' }, h('h2', { id: 'snapshots-title' }, 'Your rates over time'), save),
        h('p', { class: 'muted' }, 'A snapshot keeps today’s figures so you can watch them change.'),
        errors.el, body);
}

function snapshotChart(page) {
    const items = page.items.filter((s) => s.data);
    if (!items.length) return empty('No snapshots yet: save one today and come back next week.', null, 'snapshots-empty');
    const labels = items.map((s) => shortDate(s.generated_at));
    const pick = (key) => items.map((s) => (s.data[key] == null ? null : s.data[key]));
    return [lineChart(labels, [
        { name: 'Response rate', values: pick('response_rate') },
        { name: 'Interview rate', values: pick('interview_rate') },
        { name: 'Offer rate', values: pick('offer_rate') },
    ], { caption: 'Response, interview and offer rates in each saved snapshot', format: (v) => `${number(v, 1)}%`,
        formatMax: (v) => `${number(v, 0)}%`, testid: 'snapshots-chart' }),
    h('p', { class: 'muted', 'data-testid': 'snapshot-count' }, `${plural(items.length, 'snapshot')}, the latest on ${date(items[items.length - 1].generated_at)}.`)];
}
