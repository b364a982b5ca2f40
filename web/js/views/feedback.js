// #/feedback: tell us about a bug or an idea, and the feedback board sorted by votes (your own
// items; administrators see everyone's and answer them: status, priority, response). Vote up
// or down; pressing your vote again takes it back.
//
// API: GET /feedback, POST /feedback, PATCH /feedback/ID, DELETE /feedback/ID,
// POST /feedback/ID/vote {vote}, DELETE /feedback/ID/vote.

import { api, queryString } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { badge, empty, field, h, mount, options, replace, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { dateTime, label, labelled } from '../format.js';
import { navigate, navigateAfterSave } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';
import { currentUser } from '../session.js';

/* feedback.type, .priority and .status (SPEC part A). */
const TYPES = ['feature_request', 'bug_report', 'improvement', 'general', 'job_recommendation',
    'skill_gap_suggestion', 'content_generation', 'interview_practice'];
const PRIORITIES = ['low', 'medium', 'high', 'critical'];
const STATUSES = ['open', 'in_review', 'planned', 'in_progress', 'resolved', 'closed'];

export async function render(root, { query }) {
    const state = { type: query.get('type') || '', status: query.get('status') || '', sort: query.get('sort') || '-vote_score' };
    const offset = Math.max(0, Number(query.get('offset')) || 0);
    const go = (changes) => navigate(`#/feedback${queryString({ ...state, ...changes })}`);
    const [me, page] = await Promise.all([currentUser(), api.get('/feedback', { ...state, limit: 20, offset })]);
    const last = pastTheEnd(page); // an address past the end: its last page
    if (last !== null) return go({ offset: last });
    const filters = h('form', { class: 'toolbar', 'data-testid': 'feedback-filters' },
        field('Kind', h('select', { id: 'fb-filter-type', name: 'type' }, options([['', 'Any kind'], ...labelled(TYPES)], state.type))),
        field('Status', h('select', { id: 'fb-filter-status', name: 'status' }, options([['', 'Any status'], ...labelled(STATUSES)], state.status))),
        field('Sort', h('select', { id: 'fb-filter-sort', name: 'sort' }, options([['-vote_score', 'Most votes'], ['-created_at', 'Newest']], state.sort))));
    filters.addEventListener('change', () => go({ type: filters.elements.type.value, status: filters.elements.status.value,
        sort: filters.elements.sort.value, offset: 0 }));
    filters.addEventListener('submit', (event) => event.preventDefault());
    mount(root, titleRow('Feedback'),
        h('p', { class: 'subtitle' }, me && me.is_admin ? 'Everyone’s feedback, most wanted first. Answer it below each item.'
            : 'Report a problem or suggest an improvement. Vote for what matters most to you.'),
        h('div', { class: 'grid-2' },
            newFeedback(),
            h('section', { 'aria-labelledby': 'board-title' }, h('h2', { id: 'board-title', class: 'sr-only' }, 'Feedback board'),
                filters,
                page.items.length === 0 ? empty('No feedback here yet.', null, 'feedback-empty')
                    : h('ul', { class: 'items', 'data-testid': 'feedback-list' }, page.items.map((f) => item(f, me))),
                pager(page, (o) => go({ offset: o })))));
}

function newFeedback() {
    const form = h('form', { class: 'card', 'data-testid': 'feedback-form', novalidate: true });
    const errors = formError(form, 'feedback-error');
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'feedback-submit' }, 'Send feedback');
    mount(form, h('h2', null, 'Send feedback'), errors.el,
        field('Kind', h('select', { id: 'fb-type', name: 'type' }, options(labelled(TYPES), 'feature_request'))),
        field('Title', h('input', { id: 'fb-title', name: 'title', maxlength: 255, required: true }), 'One line, e.g. “Dark mode for the board”.'),
        field('Description', h('textarea', { id: 'fb-description', name: 'description', rows: 4, required: true }), 'What happened or what you would like, and why.'),
        field('How important is it to you?', h('select', { id: 'fb-priority', name: 'priority' }, options(labelled(PRIORITIES), 'medium'))),
        submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        const from = location.hash;
        busy(submit, errors, async () => {
            await api.post('/feedback', { type: el.type.value, title: el.title.value.trim(), description: el.description.value.trim(),
                priority: el.priority.value, page_url: `${location.origin}/` });
            navigateAfterSave(from, '#/feedback', 'Thank you! Your feedback is on the board.');
        });
    });
    return form;
}

function item(f, me) {
    const li = h('li', { 'data-testid': 'feedback-item', 'data-feedback-id': f.id });
    const errors = formError(null, 'vote-error');
    const draw = () => {
        const vote = (value) => (event) => busy(event.currentTarget, errors, async () => {
            const updated = f.my_vote === value ? await api.del(`/feedback/${f.id}/vote`) : await api.post(`/feedback/${f.id}/vote`, { vote: value });
            Object.assign(f, updated || { my_vote: null, vote_score: f.vote_score - value });
            if (!updated) f.my_vote = null;
            draw();
            li.querySelector(`[data-testid="${value > 0 ? 'vote-up' : 'vote-down'}"]`)?.focus();
        });
        const mine = me && f.user_id === me.id;
        replace(li,
            h('div', { class: 'item-head' },
                h('span', { class: 'item-title' }, f.title),
                h('span', null, badge(f.status, label(f.status)), ' ', badge(`priority-${f.priority}`, `${label(f.priority)} priority`))),
            h('p', { class: 'meta' }, `${label(f.type)} · ${dateTime(f.created_at)}`),
            h('p', null, f.description),
            f.admin_response ? h('p', { class: 'notice' }, h('strong', null, 'Answer: '), f.admin_response) : null,
            errors.el,
            h('div', { class: 'actions' },
                h('div', { class: 'votes', role: 'group', 'aria-label': `Votes for ${f.title}` },
                    h('button', { type: 'button', class: 'small', 'aria-pressed': String(f.my_vote === 1), 'data-testid': 'vote-up',
                        'aria-label': 'Vote up', onclick: vote(1) }, '▲'),
                    h('span', { class: 'vote-score', 'data-testid': 'vote-score' }, String(f.vote_score)), h('span', { class: 'sr-only' }, ' votes '),
                    h('button', { type: 'button', class: 'small', 'aria-pressed': String(f.my_vote === -1), 'data-testid': 'vote-down',
                        'aria-label': 'Vote down', onclick: vote(-1) }, '▼')),
                mine || (me && me.is_admin) ? h('button', { type: 'button', class: 'small danger', 'data-testid': 'delete-feedback',
                    onclick: (event) => busy(event.currentTarget, errors, async () => {
                        if (!await confirmDialog({ title: 'Delete this feedback?', confirm: 'Delete', danger: true, body: `Delete “${f.title}” and its votes?` })) return;
                        await api.del(`/feedback/${f.id}`);
                        flash.next('Feedback deleted.');
                        navigate('#/feedback');
                    }) }, 'Delete') : null),
            me && me.is_admin ? triage(f, draw) : null);
    };
    draw();
    return li;
}

/* Administrators answer: status, priority and a response the author sees. */
function triage(f, redraw) {
    const form = h('form', { class: 'triage', novalidate: true });
    const errors = formError(form, 'triage-error');
    const save = h('button', { type: 'submit', class: 'small', 'data-testid': 'triage-save' }, 'Save answer');
    mount(form, errors.el,
        h('div', { class: 'form-grid' },
            field('Status', h('select', { id: `fb-${f.id}-status`, name: 'status' }, options(labelled(STATUSES), f.status))),
            field('Priority', h('select', { id: `fb-${f.id}-priority`, name: 'priority' }, options(labelled(PRIORITIES), f.priority)))),
        field('Response to the author', h('textarea', { id: `fb-${f.id}-response`, name: 'admin_response', rows: 2, value: f.admin_response || '' })),
        save);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        busy(save, errors, async () => {
            Object.assign(f, await api.patch(`/feedback/${f.id}`, { status: el.status.value, priority: el.priority.value,
                admin_response: el.admin_response.value.trim() || null }));
            flash('Answer saved.');
            redraw();
        });
    });
    return h('details', { class: 'triage-box' }, h('summary', null, 'Answer as administrator'), form);
}
