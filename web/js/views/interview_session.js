// #/interviews/ID: one practice session, question by question. Write an answer, see its score
// and advice, go on to the next; finish (at the end or earlier) for the overall result. A
// completed session shows the result with every answer and its feedback.
//
// API: GET /interviews/ID, POST /interviews/ID/start, POST /interviews/ID/questions/N/answer,
// POST /interviews/ID/complete, POST /interviews/ID/cancel, DELETE /interviews/ID, GET /jobs/ID.

import { api } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { badge, field, h, heading, mount, progressBar, replace } from '../dom.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { label, number, plural } from '../format.js';
import { navigate } from '../navigate.js';

const LEVELS = { excellent: 'Excellent', strong: 'Strong', good: 'Good', fair: 'Fair', needs_work: 'Needs work' };
/* A result's badge colour: green for a graded level, red for "needs work", grey for anything
 * else (a session finished with nothing answered is "Not answered", not a success). */
const levelTone = (level) => (level === 'needs_work' ? 'overdue' : LEVELS[level] ? 'completed' : 'closed');
/* Under half of the questions answered, the server gives no rating ("incomplete"): the badge
 * says how many were answered and the score reads as their average, not the session's. */
const levelText = (f) => (f.level === 'incomplete' ? `${f.answered} of ${f.total_questions} answered` : LEVELS[f.level] || label(f.level));

export async function render(root, { params }) {
    const id = params[0];
    const s = await api.get(`/interviews/${id}`);
    const job = s.job_id ? await api.get(`/jobs/${s.job_id}`).catch(() => null) : null;
    const errors = formError(null, 'session-error');
    const area = h('div', { 'data-testid': 'session-area' });
    const done = s.status === 'completed' || s.status === 'cancelled';
    mount(root,
        heading(`${label(s.interview_type)} interview`, job ? ` for ${job.title}` : ''),
        h('p', { class: 'subtitle' }, badge(s.status, label(s.status)), ` ${plural(s.total_questions, 'question')}`,
            job ? [' · ', h('a', { href: `#/jobs/${job.id}` }, `${job.title} at ${job.company}`)] : null),
        errors.el,
        h('div', { class: 'actions' },
            done ? null : h('button', { type: 'button', 'data-testid': 'finish', onclick: (event) => busy(event.currentTarget, errors, async () => {
                // an answer typed and not submitted would be dropped unscored: ask first
                const box = area.querySelector('#answer-text');
                if (box && !box.readOnly && box.value.trim() && !await confirmDialog({ title: 'Finish without your answer?', confirm: 'Finish',
                    body: 'The answer in the box has not been submitted, so it is not scored. Cancel, then Submit answer, to have it count.' })) return;
                await finish(id);
            }) }, 'Finish and see the result'),
            done ? null : h('button', { type: 'button', 'data-testid': 'cancel-session', onclick: (event) => busy(event.currentTarget, errors, async () => {
                if (!await confirmDialog({ title: 'Stop this session?', confirm: 'Stop session', body: 'Unanswered questions stay unanswered; you can start a new session any time.' })) return;
                await api.post(`/interviews/${id}/cancel`);
                flash.next('Session stopped.');
                navigate(`#/interviews/${id}`);
            }) }, 'Stop without a result'),
            h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-session', onclick: (event) => busy(event.currentTarget, errors, async () => {
                if (!await confirmDialog({ title: 'Delete this session?', confirm: 'Delete', danger: true, body: 'The questions, your answers and their scores are deleted.' })) return;
                await api.del(`/interviews/${id}`);
                flash.next('Session deleted.');
                navigate('#/interviews');
            }) }, 'Delete'),
            h('a', { href: '#/interviews', class: 'button' }, 'All sessions')),
        area);
    if (s.status === 'completed') replace(area, result(s));
    else if (s.status === 'cancelled') replace(area, h('p', { class: 'notice' }, 'This session was stopped.'), questionList(s.questions));
    else if (s.status === 'started') replace(area, h('div', { class: 'card' }, h('p', null, 'Ready when you are.'),
        h('button', { type: 'button', class: 'primary', 'data-testid': 'begin', onclick: (event) => busy(event.currentTarget, errors, async () => {
            await api.post(`/interviews/${id}/start`);
            navigate(`#/interviews/${id}`);
        }) }, 'Begin')));
    else ask(area, s, s.questions.find((q) => q.answer_text == null) || null);
}

async function finish(id) {
    await api.post(`/interviews/${id}/complete`);
    flash.next('Session complete. Here is how it went.');
    navigate(`#/interviews/${id}`);
}

/* How to answer, by the kind of interview: the story of a situation for behavioural questions
 * (and a general session's), an explanation with an example and its limits for a technical one
 * (what the scorer's advice asks for), the design's parts for system design, the reasoning for a
 * case study. */
const HOW = {
    behavioral: 'Answer as you would say it: the situation, what you did and why, and the result.',
    general: 'Answer as you would say it: the situation, what you did and why, and the result.',
    technical: 'Explain it as you would aloud: what it is and why it works so, an example from your own work, and its limits or trade-offs.',
    system_design: 'Think aloud: the requirements you assume, the parts and how they talk, how it grows and fails, and the trade-offs you chose.',
    case_study: 'Walk through your reasoning: what is really asked, your assumptions, the numbers, and what you would recommend.',
};

/* Shows question q (or, when every question is answered, the way to finish). */
function ask(area, s, q) {
    if (!q) {
        replace(area, h('div', { class: 'card', 'data-testid': 'all-answered' },
            h('p', null, 'Every question is answered.'),
            h('button', { type: 'button', class: 'primary', 'data-testid': 'finish-last', onclick: (event) => busy(event.currentTarget, null, () => finish(s.id)) }, 'See the result')),
        questionList(s.questions));
        return;
    }
    const form = h('form', { class: 'card', 'data-testid': 'question-form', novalidate: true });
    const errors = formError(form, 'answer-error');
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'answer-submit' }, 'Submit answer');
    const feedbackArea = h('div', { 'aria-live': 'polite' });
    mount(form,
        h('p', { class: 'muted', 'data-testid': 'question-position' }, `Question ${q.position} of ${s.total_questions}`,
            q.difficulty ? ` · ${label(q.difficulty)}` : '', q.question_type ? ` · ${topic(q.question_type)}` : ''),
        h('p', { class: 'question', id: `question-${q.position}`, 'data-testid': 'question-text' }, q.question_text),
        errors.el,
        field('Your answer', h('textarea', { id: 'answer-text', name: 'answer', rows: 8 }), HOW[s.interview_type] || HOW.behavioral),
        submit, feedbackArea);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(submit, errors, async () => {
            const answered = await api.post(`/interviews/${s.id}/questions/${q.position}/answer`, { answer: form.elements.answer.value });
            s.questions = s.questions.map((x) => (x.position === answered.position ? answered : x));
            form.elements.answer.readOnly = true;
            submit.remove();
            const next = s.questions.find((x) => x.answer_text == null);
            listEl.replaceWith(listEl = questionList(s.questions));
            replace(feedbackArea, feedback(answered),
                h('div', { class: 'actions' }, next
                    ? h('button', { type: 'button', class: 'primary', 'data-testid': 'next-question', onclick: () => ask(area, s, next) }, 'Next question')
                    : h('button', { type: 'button', class: 'primary', 'data-testid': 'finish-last', onclick: (e) => busy(e.currentTarget, errors, () => finish(s.id)) }, 'Finish and see the result')));
            feedbackArea.querySelector('h3')?.focus();
        });
    });
    let listEl = questionList(s.questions);
    replace(area, form, listEl);
    form.elements.answer.focus();
}

/* The question bank's topics (assets/questions.txt, "@topic") whose humanized form would be
 * wrong ("Sql", "Ci cd", "JAVASCRIPT"). */
const TOPICS = {
    sql: 'SQL', javascript: 'JavaScript', typescript: 'TypeScript', c: 'C', 'c++': 'C++', 'c#': 'C#',
    go: 'Go', frontend: 'Front-end', aws: 'AWS', gcp: 'Google Cloud', ci_cd: 'CI/CD', apis: 'APIs',
    graphql: 'GraphQL', mongodb: 'MongoDB', qa: 'QA', devops_sre: 'DevOps / SRE',
};

/* "language:javascript" -> "Language: JavaScript", "role:qa" -> "Role: QA", "sql" -> "SQL". */
function topic(type) {
    const [kind, name] = type.includes(':') ? type.split(/:(.*)/) : [null, type];
    const word = TOPICS[name] || label(name);
    return kind ? `${label(kind)}: ${word}` : word;
}

/* The score and advice for one answered question: what worked, what to improve (the
 * misconceptions found come first), and the key points made and missed. */
function feedback(q) {
    const f = q.feedback || {};
    const points = f.key_points || {};
    return h('div', { class: 'answer-feedback', 'data-testid': 'answer-feedback' },
        h('h3', { tabindex: '-1' }, 'Score: ', h('span', { 'data-testid': 'answer-score' }, `${number(q.score)} / 100`)),
        progressBar(q.score || 0, 100, 'Answer score'),
        f.grader && f.grader !== 'builtin' ? h('p', { class: 'hint' }, `Graded by ${f.grader}.`) : null,
        list('What worked', f.strengths),
        list('To improve', f.improvements),
        points.missed && points.missed.length ? [h('h4', null, 'Key points to make'),
            h('ul', { class: 'chips' }, points.missed.map((k) => h('li', { class: 'missing' }, k)))] : null,
        points.covered && points.covered.length ? [h('h4', null, 'Key points you made'),
            h('ul', { class: 'chips' }, points.covered.map((k) => h('li', { class: 'have' }, k)))] : null);
}

function list(title, items) {
    if (!items || !items.length) return null;
    return [h('h4', null, title), h('ul', null, items.map((t) => h('li', null, t)))];
}

function questionList(questions) {
    return h('section', { class: 'card', 'data-testid': 'question-list' }, h('h2', null, 'Questions'),
        h('ol', null, questions.map((q) => h('li', null, q.question_text, ' ',
            q.answer_text == null ? h('span', { class: 'muted' }, '(not answered)')
                : h('span', { class: 'muted' }, `(score ${number(q.score)} / 100)`)))));
}

function result(s) {
    const f = s.feedback || {};
    return [
        h('section', { class: 'card', 'data-testid': 'session-result' },
            h('h2', null, 'Result'),
            h('p', null, h('span', { class: 'score-big', 'data-testid': 'session-score' }, s.score == null ? 'No score' : `${number(s.score)} / 100`),
                ' ', f.level ? badge(levelTone(f.level), levelText(f)) : null),
            progressBar(s.score || 0, 100, f.level === 'incomplete' ? 'Average score of the answered questions' : 'Overall score'),
            f.summary ? h('p', { 'data-testid': 'session-summary' }, f.summary) : null,
            list('What worked', f.strengths),
            list('To improve', f.improvements),
            h('div', { class: 'actions' }, h('a', { href: `#/interviews${s.job_id ? `?job=${s.job_id}` : ''}`, class: 'button primary' }, 'Practise again'))),
        h('section', { class: 'card' }, h('h2', null, 'Your answers'),
            s.questions.map((q) => h('details', { 'data-testid': 'answer-review' },
                h('summary', null, `${q.position}. ${q.question_text} — `, q.score == null ? 'not answered' : `${number(q.score)} / 100`),
                q.answer_text ? h('p', { class: 'text-view' }, q.answer_text) : null,
                q.answer_text ? feedback(q) : null))),
    ];
}
