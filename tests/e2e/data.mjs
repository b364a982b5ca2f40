// Test data made through the API, shared by the journeys, the sweep over every view and the
// screenshots: a user with jobs, applications in several states, a labelled résumé, a text, a
// practice session, a snapshot, feedback, a bookmark, a learning path, a contact linked to an
// application and tasks (one overdue); and the list of views.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, FIXTURES, awayFromMidnight, call, registerApi } from './helpers.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

/* A few jobs worth showing: salaries in several currencies, sources, remote options. */
export const JOBS = [
    { company: 'Alpha Systems', title: 'Senior Go Engineer', location: 'Berlin', tech_stack: ['Go', 'PostgreSQL', 'Docker'],
        salary_min: 90000, salary_max: 120000, currency: 'EUR', source: 'rss', remote_option: 'remote', job_type: 'full-time',
        application_url: 'https://jobs.example.com/alpha/1', description: 'Build the payments platform.' },
    { company: 'Beta Labs', title: 'Senior Backend Engineer', location: 'Munich', tech_stack: ['Go', 'PostgreSQL', 'Docker'],
        salary_min: 80000, salary_max: 100000, currency: 'EUR', source: 'linkedin', remote_option: 'hybrid', job_type: 'full-time' },
    { company: 'Gamma Cloud', title: 'Senior Platform Engineer', location: 'Remote', tech_stack: ['Go', 'PostgreSQL', 'Kubernetes'],
        salary_min: 140000, salary_max: 180000, currency: 'USD', source: 'indeed', remote_option: 'remote', job_type: 'contract' },
    { company: 'Delta Data', title: 'Senior Data Engineer', location: 'London', tech_stack: ['Python', 'PostgreSQL'],
        salary_min: 70000, salary_max: 90000, currency: 'GBP', source: 'api', remote_option: 'onsite', job_type: 'full-time' },
    { company: 'Epsilon Web', title: 'Frontend Engineer', location: 'Paris', tech_stack: ['React', 'TypeScript'],
        source: 'manual', remote_option: 'onsite', job_type: 'part-time' },
];

/* Uploads a fixture as multipart (field "file"). */
export async function uploadFixture(token, name, type) {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(path.join(FIXTURES, name))], { type }), name);
    const res = await fetch(`${BASE}/api/v1/resumes`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    if (!res.ok) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
    return res.json();
}

/* Moves an application through states (PATCH each in turn). */
export async function moveThrough(token, app, states, extra = {}) {
    let current = app;
    for (const status of states) current = await call(token, 'PATCH', `/applications/${app.id}`, { status, ...extra });
    return current;
}

/* A user with something in every view; resolves to { username, token, ids }. */
export async function richUser(prefix = 'rich') {
    // its follow-ups, tasks and interview are dated from today: the files that use it check
    // "today", "overdue" and this month later on
    await awayFromMidnight();
    const user = await registerApi(prefix);
    const t = user.token;
    await call(t, 'PATCH', '/users/me', { skills: ['Go', 'Docker'], experience_level: 'senior', daily_application_goal: 3,
        preferred_locations: ['Berlin'] });
    const jobs = [];
    for (const job of JOBS) jobs.push(await call(t, 'POST', '/jobs', job));
    const apps = [];
    for (const job of jobs.slice(1, 4)) apps.push(await call(t, 'POST', '/applications', { job_id: job.id }));
    await moveThrough(t, apps[0], ['applied'], { follow_up_date: day(-3) });
    await moveThrough(t, apps[1], ['applied', 'interview'], { follow_up_date: day(0) });
    await call(t, 'PATCH', `/applications/${apps[1].id}`, { interview_date: `${day(5)}T09:30:00Z` });
    await moveThrough(t, apps[2], ['applied', 'rejected']);
    return { ...user, ids: await enrich(t, jobs[0], jobs[1]) };
}

/*
 * Adds a résumé, a cover letter with two versions, a practice session with one answer, a
 * snapshot, feedback, a bookmark and a followed learning path to the user of token; job is the
 * job the letter and the session are for, appliedJob one with an application. Resolves to the
 * ids views() needs.
 */
export async function enrich(t, job, appliedJob) {
    const jobs = [job];
    const resume = await uploadFixture(t, 'resume.pdf', 'application/pdf');
    const content = await call(t, 'POST', '/content', { content_type: 'cover_letter', job_id: jobs[0].id });
    await call(t, 'PATCH', `/content/${content.id}`, { content: `${content.generated_content}\n\nP.S. I use Go daily.`, change_note: 'a postscript' });
    const session = await call(t, 'POST', '/interviews', { interview_type: 'technical', job_id: jobs[0].id, total_questions: 2 });
    await call(t, 'POST', `/interviews/${session.id}/start`);
    await call(t, 'POST', `/interviews/${session.id}/questions/1/answer`, { answer: 'I would start from the requirements, measure, and explain the trade-offs with an example from my work.' });
    await call(t, 'POST', '/analytics/snapshots');
    await call(t, 'POST', '/feedback', { type: 'feature_request', title: 'Calendar export', description: 'Show interviews in my calendar.' });
    const resources = await call(t, 'GET', '/resources?limit=3');
    await call(t, 'POST', `/resources/${resources.items[0].id}/bookmark`);
    const paths = await call(t, 'GET', '/learning-paths?limit=1');
    await call(t, 'POST', `/learning-paths/${paths.items[0].id}/enroll`);
    await call(t, 'PATCH', `/learning-paths/${paths.items[0].id}/progress`, { completed_resource_ids: paths.items[0].resource_ids.slice(0, 2) });
    await call(t, 'POST', '/job-sources', { url: 'https://jobs.lever.co/northwind', name: 'Northwind Traders' });
    await call(t, 'PATCH', `/resumes/${resume.id}`, { label: 'backend' });
    const contact = await call(t, 'POST', '/contacts', { name: 'Rosa Recruiter', company: appliedJob.company, role: 'Recruiter',
        email: 'rosa.recruiter@example.com', phone: '+49 30 1234 5678', linkedin_url: 'https://www.linkedin.com/in/rosa-recruiter' });
    const applied = await call(t, 'GET', `/applications?job_id=${appliedJob.id}`);
    if (applied.items.length) {
        await call(t, 'POST', `/applications/${applied.items[0].id}/contacts`, { contact_id: contact.id, relation: 'recruiter' });
        await call(t, 'POST', '/tasks', { title: 'Send the references', due_date: day(-1), application_id: applied.items[0].id, priority: 'high' });
    }
    await call(t, 'POST', '/tasks', { title: 'Research the team', due_date: day(2), job_id: job.id, notes: 'Read their engineering blog.' });
    await call(t, 'POST', '/tasks', { title: 'Update the portfolio', priority: 'low' });
    return { job: job.id, jobTitle: job.title, appliedJob: appliedJob.id, appliedTitle: appliedJob.title, resume: resume.id,
        content: content.id, session: session.id, path: paths.items[0].id, contact: contact.id };
}

/* Every view: [name, hash, heading text]. ids from richUser(). */
export function views(ids) {
    return [
        ['dashboard', '#/dashboard', 'Dashboard'],
        ['jobs', '#/jobs', 'Jobs'],
        ['job-new', '#/jobs/new', 'Add a job'],
        ['job-detail', `#/jobs/${ids.job}`, ids.jobTitle],
        ['job-applied', `#/jobs/${ids.appliedJob}`, ids.appliedTitle],
        ['job-edit', `#/jobs/${ids.job}/edit`, `Edit ${ids.jobTitle}`],
        ['board', '#/board', 'Board'],
        ['follow-ups', '#/follow-ups', 'Follow-ups'],
        ['calendar', '#/calendar', 'Calendar'],
        ['calendar-agenda', '#/calendar?view=agenda', 'Calendar'],
        ['tasks', '#/tasks', 'Tasks'],
        ['contacts', '#/contacts', 'Contacts'],
        ['contact-detail', `#/contacts/${ids.contact}`, 'Rosa Recruiter'],
        ['contact-new', '#/contacts/new', 'Add a contact'],
        ['recommendations', '#/recommendations', 'Recommended jobs'],
        ['sources', '#/sources', 'Job sources'],
        ['resumes', '#/resumes', 'Résumés'],
        ['resume-detail', `#/resumes/${ids.resume}`, 'resume.pdf'],
        ['writing', '#/writing', 'Writing'],
        ['writing-detail', `#/writing/${ids.content}`, 'Cover letter'],
        ['interviews', '#/interviews', 'Interview practice'],
        ['interview-session', `#/interviews/${ids.session}`, 'Technical interview'],
        ['learning', '#/learning', 'Learning'],
        ['learning-recommended', '#/learning/recommended', 'Learning'],
        ['learning-bookmarks', '#/learning/bookmarks', 'Learning'],
        ['paths', '#/learning/paths', 'Learning'],
        ['path-detail', `#/learning/paths/${ids.path}`, null],
        ['feedback', '#/feedback', 'Feedback'],
        ['account', '#/account', 'Account'],
        ['not-found', '#/no/such/page', 'Page not found'],
        ['missing-job', '#/jobs/99999999', 'This job was not found'],
    ];
}
