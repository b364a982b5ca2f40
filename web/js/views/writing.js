// #/writing: generate a text for a job (a cover letter, a résumé summary, a follow-up
// message…) in a chosen tone with your own instructions, and the list of texts written so far.
// #/writing?job=ID picks that job (the job page links here); past the newest 100 jobs the job
// field finds any job by its words (job_picker.js), and the list names every text's job.
//
// API: GET /jobs (the job choice, and ?q= as words are typed), GET /jobs/ID, POST /content,
// GET /content.

import { api } from '../api.js';
import { badge, empty, field, h, mount, options, titleRow } from '../dom.js';
import { busy, formError } from '../forms.js';
import { dateTime, label, labelled } from '../format.js';
import { jobPicker, jobTitles, newestJobs } from '../job_picker.js';
import { navigate, navigateAfterSave } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';

/* content_generations.content_type and .tone (SPEC part A). */
export const CONTENT_TYPES = ['cover_letter', 'resume_summary', 'resume_tailoring', 'email_template',
    'linkedin_message', 'thank_you_note', 'follow_up'];
const TONES = ['professional', 'casual', 'enthusiastic', 'friendly', 'concise'];

/* A text's status in words: "used" is what "Mark as sent" sets, so it reads "Sent". */
export function statusWord(status) {
    return status === 'used' ? 'Sent' : label(status);
}

/* "the built-in generator" or "the model NAME", for a text's generator field. */
export function writer(generator) {
    return !generator || generator === 'builtin' ? 'the built-in generator' : `the model ${generator}`;
}

export async function render(root, { query }) {
    const offset = Math.max(0, Number(query.get('offset')) || 0);
    const wanted = query.get('job');
    const [jobs, texts, picked] = await Promise.all([
        newestJobs(),
        api.get('/content', { limit: 20, offset }),
        wanted ? api.get(`/jobs/${wanted}`).catch(() => null) : null,
    ]);
    const last = pastTheEnd(texts); // an address past the end: its last page
    if (last !== null) return navigate(`#/writing?offset=${last}`);
    const choices = jobs.items.slice();
    if (picked && !choices.some((j) => j.id === picked.id)) choices.unshift(picked);
    const titles = await jobTitles(texts.items.map((c) => c.job_id), choices);
    mount(root, titleRow('Writing'),
        h('p', { class: 'subtitle' }, 'Cover letters and messages drafted from your profile, your primary résumé and the job. Edit them freely: every save keeps a version.'),
        generateForm(choices, jobs.total, picked),
        h('h2', null, 'Your texts'),
        texts.items.length === 0 ? empty('Nothing written yet. Choose a job above and generate a cover letter.', null, 'writing-empty')
            : h('ul', { class: 'items', 'data-testid': 'content-list' }, texts.items.map((c) => h('li', { 'data-testid': 'content-item' },
                h('div', { class: 'item-head' },
                    h('a', { href: `#/writing/${c.id}`, class: 'item-title' }, label(c.content_type),
                        c.job_id ? ` for ${titles.get(c.job_id) || 'a job'}` : ''),
                    badge(c.status, statusWord(c.status))),
                h('p', { class: 'meta' }, `${label(c.tone)} tone · written by ${writer(c.generator)} · ${dateTime(c.updated_at)}`)))),
        pager(texts, (o) => navigate(`#/writing?offset=${o}`)));
}

function generateForm(jobs, total, picked) {
    const form = h('form', { class: 'card', 'data-testid': 'generate-form', novalidate: true });
    const errors = formError(form, 'generate-error');
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'generate-submit' }, 'Write it');
    mount(form, h('h2', null, 'Write something new'), errors.el,
        h('div', { class: 'form-grid' },
            field('Kind of text', h('select', { id: 'content-type', name: 'content_type' }, options(labelled(CONTENT_TYPES), 'cover_letter'))),
            jobPicker({ id: 'content-job', name: 'job_id', labelText: 'Job', jobs, total, picked }),
            field('Tone', h('select', { id: 'content-tone', name: 'tone' }, options(labelled(TONES), 'professional')))),
        field('Instructions', h('textarea', { id: 'content-instructions', name: 'instructions', rows: 3 }),
            'Optional: what to stress, what to leave out, e.g. “mention my open-source work”.'),
        submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        const from = location.hash;
        busy(submit, errors, async () => {
            submit.textContent = 'Writing…';
            try {
                const body = { content_type: el.content_type.value, tone: el.tone.value };
                if (el.job_id.value) body.job_id = Number(el.job_id.value);
                if (el.instructions.value.trim()) body.instructions = el.instructions.value.trim();
                const made = await api.post('/content', body);
                // the text's page says who wrote it under its title: the notice says only why
                // the built-in generator did when a model was asked (nothing when all went well)
                navigateAfterSave(from, `#/writing/${made.id}`,
                    made.fallback ? `The model did not answer, so the built-in generator wrote it${made.warning ? ` (${made.warning})` : ''}.` : null,
                    `Your ${label(made.content_type).toLowerCase()} is written: it is under Writing.`);
            } finally {
                submit.textContent = 'Write it';
            }
        });
    });
    return form;
}

