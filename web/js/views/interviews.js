// #/interviews: start a practice interview — for one of your jobs (its questions come from the
// job's requirements and tech stack) or by kind — and the history of your sessions with their
// scores. #/interviews?job=ID picks that job (the job page links here); past the newest 100 jobs
// the job field finds any job by its words (job_picker.js), and the history names every
// session's job.
//
// API: GET /jobs (and ?q= as words are typed), GET /jobs/ID, POST /interviews, GET /interviews.

import { api } from '../api.js';
import { badge, empty, field, h, mount, options, titleRow } from '../dom.js';
import { busy, formError } from '../forms.js';
import { dateTime, label, labelled, number, plural, wholeNumber } from '../format.js';
import { jobPicker, jobTitles, newestJobs } from '../job_picker.js';
import { navigate, navigateAfterSave } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';

/* interview_sessions.interview_type (SPEC part A). */
const TYPES = ['general', 'behavioral', 'technical', 'system_design', 'case_study'];

export async function render(root, { query }) {
    const offset = Math.max(0, Number(query.get('offset')) || 0);
    const wanted = query.get('job');
    const [jobs, sessions, picked] = await Promise.all([
        newestJobs(),
        api.get('/interviews', { limit: 20, offset, sort: '-created_at' }),
        wanted ? api.get(`/jobs/${wanted}`).catch(() => null) : null,
    ]);
    const last = pastTheEnd(sessions); // an address past the end: its last page
    if (last !== null) return navigate(`#/interviews?offset=${last}`);
    const choices = jobs.items.slice();
    if (picked && !choices.some((j) => j.id === picked.id)) choices.unshift(picked);
    const titles = await jobTitles(sessions.items.map((s) => s.job_id), choices);
    mount(root, titleRow('Interview practice'),
        h('p', { class: 'subtitle' }, 'Answer questions as you would in the interview. Each answer gets a score and advice; the session ends with an overall result.'),
        startForm(choices, jobs.total, picked),
        h('h2', null, 'Your sessions'),
        sessions.items.length === 0 ? empty('No practice yet. Start a session above.', null, 'interviews-empty')
            : h('ul', { class: 'items', 'data-testid': 'session-list' }, sessions.items.map((s) => h('li', { 'data-testid': 'session-item' },
                h('div', { class: 'item-head' },
                    h('a', { href: `#/interviews/${s.id}`, class: 'item-title' }, `${label(s.interview_type)} interview`,
                        s.job_id ? ` for ${titles.get(s.job_id) || 'a job'}` : ''),
                    badge(s.status, label(s.status))),
                h('p', { class: 'meta' }, `${plural(s.total_questions, 'question')} · ${dateTime(s.created_at)}`,
                    s.score != null ? ` · score ${number(s.score)} / 100` : '',
                    s.feedback && s.feedback.level === 'incomplete' ? ` (${s.feedback.answered} of ${s.total_questions} answered)` : '')))),
        pager(sessions, (o) => navigate(`#/interviews?offset=${o}`)));
}

function startForm(jobs, total, picked) {
    const form = h('form', { class: 'card', 'data-testid': 'start-form', novalidate: true });
    const errors = formError(form, 'start-error');
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'start-submit' }, 'Start practising');
    mount(form, h('h2', null, 'New session'), errors.el,
        h('div', { class: 'form-grid' },
            field('Kind of interview', h('select', { id: 'interview-type', name: 'interview_type' }, options(labelled(TYPES), picked ? 'technical' : 'general'))),
            jobPicker({ id: 'interview-job', name: 'job_id', labelText: 'For the job', jobs, total, picked }),
            field('Number of questions', h('input', { id: 'interview-count', name: 'total_questions', type: 'number', min: 1, max: 20, inputmode: 'numeric', value: '5' }), 'From 1 to 20.')),
        submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        const from = location.hash;
        busy(submit, errors, async () => {
            const count = el.total_questions.value.trim();
            const body = { interview_type: el.interview_type.value,
                total_questions: wholeNumber(count) };
            if (el.job_id.value) body.job_id = Number(el.job_id.value);
            const session = await api.post('/interviews', body);
            await api.post(`/interviews/${session.id}/start`);
            navigateAfterSave(from, `#/interviews/${session.id}`, `${plural(session.total_questions, 'question')} ready. Take your time.`,
                'Your interview practice is ready: it is under Interview practice.');
        });
    });
    return form;
}
