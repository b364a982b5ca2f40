// #/jobs/ID: the job (salary formatted, a link to the posting), how well it matches you (from
// the recommendations, for a job you have not applied to), similar jobs, the résumé the job uses
// (matching and letters; the primary one unless another is chosen), and its application: track
// it once, then change its status, dates, notes and interview feedback there, link the contacts
// you deal with (with their relation) and keep its tasks. Links to write a cover letter and to
// practise an interview for this job.
//
// Every edit sends the version the page showed (If-Match): a change made elsewhere meanwhile is
// refused with "changed elsewhere — reload" rather than overwritten.
//
// API: GET /jobs/ID, GET /applications?job_id=ID, GET /applications/pipeline,
// GET /jobs/recommendations, GET /jobs?company=, POST /applications, PATCH /applications/ID,
// DELETE /applications/ID, PATCH /jobs/ID {status}, DELETE /jobs/ID, GET /resumes,
// PUT /jobs/ID/resume; contacts and tasks through contact_links.js and task_items.js.

import { api } from '../api.js';
import { contactLinks } from '../contact_links.js';
import { confirmDialog } from '../dialog.js';
import { badge, empty, externalLink, field, h, heading, loading, mount, options, progressBar, replace } from '../dom.js';
import { flash } from '../flash.js';
import { busy, errorText, formError } from '../forms.js';
import { date, dateTime, label, number, plural, salary } from '../format.js';
import { JOB_FIELDS, display } from '../job_fields.js';
import { moveForm } from '../moves.js';
import { loadPipeline } from '../pipeline.js';
import { navigate } from '../navigate.js';
import { taskSection } from '../task_items.js';

/* Near duplicates reported when a job was created, shown once on its page. */
const possibleDuplicates = new Map();

export function rememberPossibleDuplicates(jobId, list) {
    possibleDuplicates.set(String(jobId), list);
}

const FACTS = ['location', 'job_type', 'remote_option', 'source', 'tech_stack', 'documents_required', 'date_applied'];
const TEXTS = ['description', 'requirements', 'responsibilities', 'notes'];
const byName = Object.fromEntries(JOB_FIELDS.map((f) => [f.name, f]));

export async function render(root, { params }) {
    const id = params[0];
    const [job, apps, pipeline] = await Promise.all([
        api.get(`/jobs/${id}`),
        api.get('/applications', { job_id: id, limit: 100, sort: 'created_at' }),
        loadPipeline(),
    ]);
    const errors = formError(null, 'detail-error', 'job');
    const posting = job.application_url || job.source_url;
    mount(root,
        heading(job.title),
        h('p', { class: 'subtitle', 'data-testid': 'job-company' }, job.company,
            job.location ? ` · ${job.location}` : '', ' ', badge(job.status, label(job.status))),
        duplicatesNotice(id),
        errors.el,
        h('div', { class: 'actions' },
            posting && /^https?:\/\//i.test(posting)
                ? h('a', { href: posting, class: 'button primary', rel: 'noopener noreferrer', target: '_blank', 'data-testid': 'visit-posting' },
                    'Visit posting', h('span', { class: 'sr-only' }, ' (opens in a new tab)')) : null,
            h('a', { href: `#/writing?job=${job.id}`, class: 'button', 'data-testid': 'write-letter' }, 'Write a cover letter for this job'),
            h('a', { href: `#/interviews?job=${job.id}`, class: 'button', 'data-testid': 'practise-interview' }, 'Practise an interview for this job'),
            h('a', { href: `#/jobs/${id}/edit`, class: 'button', 'data-testid': 'edit-job' }, 'Edit'),
            archiveButton(job, apps.items, errors),
            h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-job',
                onclick: (event) => busy(event.currentTarget, errors, () => removeJob(job)) }, 'Delete')),
        h('div', { class: 'grid-2 job-grid' },
            h('div', { class: 'job-main' }, facts(job), resumeCard(job), texts(job)),
            h('div', { class: 'job-side' }, applicationPanel(job, apps.items, pipeline), matchCard(job, apps.items), sameCompany(job))));
}

function duplicatesNotice(id) {
    const list = possibleDuplicates.get(id);
    possibleDuplicates.delete(id);
    if (!list) return null;
    return h('div', { class: 'notice', role: 'note', 'data-testid': 'possible-duplicates' },
        h('p', null, 'This looks similar to jobs you already track:'),
        h('ul', null, list.map((d) => h('li', null,
            h('a', { href: `#/jobs/${d.id}` }, `${d.title} at ${d.company}`),
            ` (${Math.round(d.similarity * 100)}% similar)`))));
}

function facts(job) {
    const rows = [];
    const add = (term, value) => {
        if (value !== null && value !== undefined && value !== '') rows.push(h('dt', null, term), h('dd', null, value));
    };
    add('Salary', salary(job) || null);
    for (const name of FACTS) {
        const f = byName[name];
        const text = display(f, job[name]);
        add(f.label, f.kind === 'date' && text ? date(text) : text);
    }
    add('Application link', job.application_url ? externalLink(job.application_url) : null);
    add('Posting link', job.source_url ? externalLink(job.source_url) : null);
    add('Added', date(job.created_at));
    return h('section', { class: 'card', 'aria-labelledby': 'facts-title' },
        h('h2', { id: 'facts-title' }, 'About the job'),
        h('dl', { class: 'fields', 'data-testid': 'job-fields' }, rows));
}

function texts(job) {
    const parts = TEXTS.filter((name) => job[name]).map((name) => [
        h('h3', null, byName[name].label), h('p', { class: 'text-view', 'data-testid': `job-${name}` }, job[name])]);
    return parts.length ? h('section', { class: 'card' }, parts) : null;
}

/* Archive / restore for a job nobody applied to; a job with an application follows it. */
function archiveButton(job, apps, errors) {
    if (apps.length) return null;
    const archived = job.status === 'archived';
    return h('button', { type: 'button', 'data-testid': archived ? 'unarchive-job' : 'archive-job',
        onclick: (event) => busy(event.currentTarget, errors, async () => {
            await api.patch(`/jobs/${job.id}`, { status: archived ? 'not_applied' : 'archived' }, job.row_version);
            flash.next(archived ? 'Job restored from the archive.' : 'Job archived.');
            navigate(`#/jobs/${job.id}`);
        }) }, archived ? 'Restore from archive' : 'Archive');
}

async function removeJob(job) {
    const ok = await confirmDialog({ title: 'Delete this job?', confirm: 'Delete job', danger: true,
        body: `Delete “${job.title}” at ${job.company} with its application? This cannot be undone.` });
    if (!ok) return;
    await api.del(`/jobs/${job.id}`, job.row_version);
    flash.next('Job deleted.');
    navigate('#/jobs');
}

/* ------------------------------------------------------------- the application */

function applicationPanel(job, apps, pipeline) {
    const errors = formError(null, 'track-error');
    if (!apps.length) {
        const track = h('button', { type: 'button', class: 'primary', 'data-testid': 'track-application' }, 'Track application');
        track.addEventListener('click', () => busy(track, errors, async () => {
            await api.post('/applications', { job_id: job.id });
            flash.next('Application tracked: it is on the board as Interested.');
            navigate(`#/jobs/${job.id}`);
        }));
        return h('section', { class: 'card', 'data-testid': 'application-panel', 'aria-labelledby': 'app-title' },
            h('h2', { id: 'app-title' }, 'Application'),
            h('p', { 'data-testid': 'no-applications' }, 'Not tracked yet. Track an application to follow it on the board, with dates, notes, contacts and follow-ups.'),
            errors.el, track,
            taskSection({ link: { job_id: job.id }, query: { job_id: job.id }, prefix: `job-${job.id}-tasks` }));
    }
    const latest = apps[apps.length - 1];
    return h('section', { class: 'card', 'data-testid': 'application-panel', 'aria-labelledby': 'app-title' },
        h('h2', { id: 'app-title' }, apps.length > 1 ? 'Applications' : 'Application'),
        apps.length > 1 ? h('p', { class: 'notice' }, `This job has ${apps.length} applications; the newest is last.`) : null,
        h('ul', { class: 'plain', 'data-testid': 'applications' }, apps.map((app) => application(job, app, pipeline))),
        // the job's tasks, its applications' included; new ones belong to the newest application
        taskSection({ link: { application_id: latest.id }, query: { job_id: job.id }, prefix: `job-${job.id}-tasks` }));
}

const DATE_FIELDS = [
    ['follow_up_date', 'Follow up on', 'date'], ['interview_date', 'Interview', 'datetime-local'],
    ['applied_date', 'Applied on', 'date'], ['response_date', 'First answer on', 'date'], ['offer_date', 'Offer on', 'date'],
];

function application(job, app, pipeline) {
    const li = h('li', { 'data-testid': 'application', 'data-application-id': app.id });
    // the panel drawn again: the focus goes back to the field it was in (a follow-up date saved
    // with Enter stays on that date), else to the notes
    const refresh = (updated, message) => {
        const active = document.activeElement;
        const at = active && active.id && li.contains(active) ? active.id : null;
        const next = application(job, updated, pipeline);
        li.replaceWith(next);
        flash(message);
        ((at && next.querySelector(`#${CSS.escape(at)}`)) || next.querySelector('textarea[name="notes"]'))?.focus();
    };
    const form = h('form', { class: 'app-form', 'data-testid': 'application-form', novalidate: true });
    const errors = formError(form, 'application-error', 'application');
    const feedback = app.interview_feedback && typeof app.interview_feedback === 'object' ? app.interview_feedback : {};
    const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'application-save' }, 'Save');
    mount(form, errors.el,
        h('div', { class: 'form-grid' }, DATE_FIELDS.map(([name, text, type]) => field(text, h('input', {
            id: `app-${app.id}-${name}`, name, type, value: inputValue(app[name], type),
        })))),
        field('Notes', h('textarea', { id: `app-${app.id}-notes`, name: 'notes', rows: 3, value: app.notes || '' })),
        field('Interview feedback', h('textarea', { id: `app-${app.id}-feedback`, name: 'interview_feedback', rows: 3,
            value: typeof feedback.notes === 'string' ? feedback.notes : '' }), 'How the interviews went, what they asked, what to prepare next time.'),
        h('div', { class: 'actions' }, save));
    // what the form changed, as the PATCH body ({} when nothing)
    const changes = () => {
        const body = {};
        for (const [name, , type] of DATE_FIELDS) {
            const value = form.elements[name].value;
            const next = value ? (type === 'datetime-local' ? new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z') : value) : null;
            if (inputValue(app[name], type) !== value) body[name] = next;
        }
        if ((app.notes || '') !== form.elements.notes.value) body.notes = form.elements.notes.value || null;
        const notes = form.elements.interview_feedback.value;
        if ((feedback.notes || '') !== notes) body.interview_feedback = { ...feedback, notes };
        return body;
    };
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(save, errors, async () => {
            const body = changes();
            if (!Object.keys(body).length) return flash('Nothing changed.');
            refresh(await api.patch(`/applications/${app.id}`, body, app.row_version), 'Application saved.');
        });
    });
    const remove = h('button', { type: 'button', class: 'danger small', 'data-testid': 'delete-application' }, 'Stop tracking');
    remove.addEventListener('click', () => busy(remove, errors, async () => {
        const ok = await confirmDialog({ title: 'Stop tracking this application?', confirm: 'Stop tracking', danger: true,
            body: 'The application, its dates and notes are deleted. The job stays in your list.' });
        if (!ok) return;
        await api.del(`/applications/${app.id}`, app.row_version);
        flash.next('The application was deleted.');
        navigate(`#/jobs/${job.id}`);
    }));
    const dates = [['Applied', app.applied_date], ['First answer', app.response_date], ['Offer', app.offer_date]]
        .filter(([, d]) => d).map(([text, d]) => `${text} ${date(d)}`);
    mount(li,
        h('div', { class: 'item-head' },
            h('span', null, 'Status: ', badge(app.status, label(app.status))),
            h('a', { href: '#/board' }, 'See it on the board')),
        dates.length ? h('p', { class: 'meta' }, dates.join(' · ')) : null,
        app.interview_date ? h('p', { class: 'meta' }, `Interview ${dateTime(app.interview_date)}`) : null,
        moveForm(app, pipeline, (updated) => {
            // The job's own status follows the application: show the whole page again.
            flash.next(`Moved to ${label(updated.status)}.`);
            navigate(`#/jobs/${job.id}`);
        }, () => navigate(`#/jobs/${job.id}`), 'app-move', () => {
            // a move shows the whole page again: dates and notes typed and not saved would go
            if (Object.keys(changes()).length) throw new Error('The dates or notes below have changes that are not saved yet: save them first, then move the application');
        }),
        form, remove, contactLinks(app));
    return li;
}

/* A stored date or timestamp as an <input> value. */
function inputValue(value, type) {
    if (!value) return '';
    if (type !== 'datetime-local') return String(value).slice(0, 10);
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return '';
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/* ------------------------------------------------------------- the résumé it uses */

/* Which résumé this job is matched and written with: the primary one unless another is chosen. */
function resumeCard(job) {
    const body = h('div', null, loading());
    const el = h('section', { class: 'card', 'data-testid': 'job-resume', 'aria-labelledby': 'job-resume-title' },
        h('h2', { id: 'job-resume-title' }, 'Résumé for this job'), body);
    api.get('/resumes', { limit: 100, sort: 'created_at' }).then((page) => {
        if (!page.items.length) {
            body.replaceChildren(empty('No résumé yet. Upload one to match this job with it and to write from it.',
                h('a', { href: '#/resumes', class: 'button' }, 'Upload a résumé'), 'job-resume-none'));
            return;
        }
        const primary = page.items.find((r) => r.is_primary);
        const name = (r) => `${r.label ? `${r.label}: ` : ''}${r.filename}`;
        const form = h('form', { class: 'inline', 'data-testid': 'job-resume-form', novalidate: true });
        const errors = formError(form, 'job-resume-error', 'job');
        const select = h('select', { id: 'job-resume-choice', name: 'resume_id' }, options([
            ['', primary ? `The primary résumé (${name(primary)})` : 'The primary résumé (none yet: your profile alone)'],
            ...page.items.map((r) => [String(r.id), `${name(r)}${r.is_primary ? ' (primary)' : ''}`]),
        ], job.resume_id ?? ''));
        const save = h('button', { type: 'submit', class: 'small', 'data-testid': 'job-resume-save' }, 'Use this résumé');
        mount(form, h('label', { for: select.id }, 'Résumé'), select, save, errors.el);
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            busy(save, errors, async () => {
                const chosen = select.value ? Number(select.value) : null;
                if (chosen === (job.resume_id ?? null)) return flash('Nothing changed.');
                await api.put(`/jobs/${job.id}/resume`, { resume_id: chosen }, job.row_version);
                flash.next(chosen ? 'This job now uses the résumé you chose: its match and the letters written for it follow.'
                    : 'This job uses your primary résumé again.');
                navigate(`#/jobs/${job.id}`);
            });
        });
        body.replaceChildren(h('p', { class: 'muted' }, 'The match score and the letters written for this job use this résumé’s skills and experience.'), form);
    }, (err) => body.replaceChildren(h('p', { class: 'error' }, errorText(err))));
    return el;
}

/* ------------------------------------------------------------- match and neighbours */

function matchCard(job, apps) {
    const body = h('div', null, loading());
    const el = h('section', { class: 'card', 'data-testid': 'match', 'aria-labelledby': 'match-title' },
        h('h2', { id: 'match-title' }, 'How well it matches you'), body);
    if (apps.length) {
        body.replaceChildren(h('p', { class: 'muted', 'data-testid': 'match-tracked' }, 'Match scores are for jobs you do not track yet: this one has an application.'));
        return el;
    }
    // the note for a user whose skills are unknown comes with the match, not with the page: the
    // job form imports this module, and its first visit stays within the modules' bound
    Promise.all([api.get('/jobs/recommendations', { limit: 100 }), import('../skills_note.js')]).then(([page, note]) => {
        const rank = page.items.findIndex((r) => r.id === job.id);
        if (rank < 0) {
            body.replaceChildren(h('p', { class: 'muted', 'data-testid': 'match-none' },
                job.status === 'archived' ? 'Archived jobs are not scored.'
                    : 'This job is not among your top 100 recommendations, or your preferences exclude it.'));
            return;
        }
        const r = page.items[rank];
        replace(body, matchDetails(r, rank + 1, page.total, note));
    }, (err) => body.replaceChildren(h('p', { class: 'error' }, errorText(err))));
    return el;
}

/* r's score, rank, reasons and skills; note: skills_note.js, whose note shows while the server knew
 * none of the user's skills. */
export function matchDetails(r, rank, total, note) {
    const reasons = r.reasons || {};
    return [
        h('div', { class: 'score' }, progressBar(r.match_score, 100, 'Match score'),
            h('strong', { 'data-testid': 'match-score' }, `${number(r.match_score)} / 100`)),
        rank ? h('p', { class: 'muted' }, `Number ${rank} of ${plural(total, 'recommended job')}. `, h('a', { href: '#/recommendations' }, 'See all')) : null,
        (reasons.summary || []).length ? h('ul', { 'data-testid': 'match-reasons' }, reasons.summary.map((t) => h('li', null, t))) : null,
        note.knowsNoSkills(r) ? note.noSkillsNote() : null,
        skillChips(reasons.matched_skills, 'have', 'Skills you have'),
        skillChips(reasons.missing_skills, 'missing', 'Skills to learn'),
    ];
}

function skillChips(list, kind, title) {
    if (!list || !list.length) return null;
    return [h('h3', null, title), h('ul', { class: 'chips' }, list.map((s) => h('li', { class: kind },
        kind === 'missing' ? h('a', { href: `#/learning?skill=${encodeURIComponent(s)}` }, s) : s)))];
}

function sameCompany(job) {
    const body = h('div', null, loading());
    api.get('/jobs', { company: job.company, limit: 6 }).then((page) => {
        const others = page.items.filter((j) => j.id !== job.id);
        body.replaceChildren(others.length
            ? h('ul', { class: 'plain', 'data-testid': 'same-company' }, others.map((j) => h('li', null,
                h('a', { href: `#/jobs/${j.id}` }, j.title), ' ', badge(j.status, label(j.status)))))
            : empty('No other jobs at this company.'));
    }, (err) => body.replaceChildren(h('p', { class: 'error' }, errorText(err))));
    return h('section', { class: 'card', 'aria-labelledby': 'company-title' },
        h('h2', { id: 'company-title' }, `Other jobs at ${job.company}`), body);
}
