// #/tasks: your to-dos. Add one (title, due date, priority), then find them again with the
// filters — open or done, overdue or due soon, priority, words — and the sort, all kept in the
// hash (#/tasks?show=done&due=overdue&q=call). Overdue tasks are marked; ticking "Done" closes
// one at once. A task linked to a job or an application links to the job's page, where it was
// added.
//
// API: GET /tasks, POST /tasks, PATCH /tasks/ID, DELETE /tasks/ID.

import { api, queryString } from '../api.js';
import { empty, field, h, loading, mount, options, replace, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { formError } from '../forms.js';
import { plural, todayLocal } from '../format.js';
import { navigate } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';
import { PRIORITIES, taskForm, taskItem } from '../task_items.js';

const SHOW = [['open', 'Open tasks'], ['done', 'Done tasks'], ['all', 'All tasks']];
const DUE = [['', 'Any time'], ['overdue', 'Overdue'], ['today', 'Due today or earlier'], ['week', 'Due within 7 days']];
const SORTS = [['due_date', 'Soonest due first'], ['-priority', 'Highest priority first'],
    ['-created_at', 'Newest first'], ['title', 'Title A–Z']];
const DEFAULTS = { show: 'open', sort: 'due_date', offset: '0' };
const LIMIT = 50;

/* A day n days after the reader's today (the day their date picker shows as today). */
function dayAfter(n) {
    return todayLocal(n);
}

/* The list query for the view's state. */
function listQuery(state) {
    const q = { sort: state.sort, limit: LIMIT, offset: state.offset };
    if (state.show !== 'all') q.done = state.show === 'done' ? 'true' : 'false';
    const before = { overdue: 0, today: 1, week: 8 }[state.due];
    if (before !== undefined) q.due_before = dayAfter(before);
    if (state.priority) q.priority = state.priority;
    if (state.q) q.q = state.q;
    return q;
}

export async function render(root, { query }) {
    const state = { ...DEFAULTS };
    for (const key of ['show', 'due', 'priority', 'q', 'sort']) if (query.get(key)) state[key] = query.get(key);
    state.offset = Math.max(0, Number(query.get('offset')) || 0);
    const go = (changes) => {
        const next = { ...state, ...changes };
        for (const [key, value] of Object.entries(DEFAULTS)) if (String(next[key]) === value) delete next[key];
        for (const key of Object.keys(next)) if (next[key] === '') delete next[key];
        navigate(`#/tasks${queryString(next)}`);
    };
    const errors = formError(null, 'tasks-error');
    const results = h('div', { 'data-testid': 'task-results' }, loading());
    /* keeps the reader's place: the changed task's box, or the count when it left the list */
    const load = async (focusTask = null) => {
        const page = await api.get('/tasks', listQuery(state));
        const last = pastTheEnd(page); // an address past the end: its last page
        if (last !== null) return go({ offset: last });
        const filtered = state.show !== 'open' || state.due || state.priority || state.q;
        replace(results, // by h()'s rules: an empty list has no pager (null), and no "null" either
            h('p', { class: 'muted', 'data-testid': 'tasks-total', tabindex: '-1' }, plural(page.total, 'task')),
            page.items.length
                ? h('ul', { class: 'items tasks', 'data-testid': 'tasks' },
                    page.items.map((t) => taskItem(t, { onChange: () => load(t.id) })))
                : empty(filtered ? 'No tasks match these filters.' : 'Nothing to do. Add a task above, or from a job’s page.',
                    filtered ? h('a', { href: '#/tasks', class: 'button' }, 'Show open tasks') : null, 'tasks-empty'),
            pager(page, (offset) => go({ offset })));
        if (focusTask !== null) {
            const box = results.querySelector(`[data-task-id="${focusTask}"] [data-testid="task-done"]`);
            (box || results.querySelector('[data-testid="tasks-total"]')).focus();
        }
    };
    mount(root, titleRow('Tasks'),
        h('p', { class: 'subtitle' }, 'What to do next: calls to return, documents to send, interviews to prepare. '
            + 'Tasks with a due date show in the calendar too.'),
        h('section', { class: 'card' }, taskForm({
            prefix: 'new-task',
            onCreated: (task) => {
                flash(`Task added: ${task.title}.`);
                load();
            },
        })),
        toolbar(state, go), errors.el, results);
    await load();
}

function toolbar(state, go) {
    const form = h('form', { class: 'toolbar', role: 'search', 'data-testid': 'task-filters' },
        h('div', { class: 'field search' }, h('label', { for: 'tasks-q' }, 'Search'),
            h('input', { id: 'tasks-q', name: 'q', type: 'search', value: state.q || '', placeholder: 'title, notes…' })),
        field('Show', h('select', { id: 'tasks-show', name: 'show' }, options(SHOW, state.show))),
        field('Due', h('select', { id: 'tasks-due', name: 'due' }, options(DUE, state.due || ''))),
        field('Priority', h('select', { id: 'tasks-priority', name: 'priority' }, options([['', 'Any priority'], ...PRIORITIES], state.priority || ''))),
        field('Sort', h('select', { id: 'tasks-sort', name: 'sort' }, options(SORTS, state.sort))),
        h('button', { type: 'submit', 'data-testid': 'tasks-search' }, 'Search'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        go({ q: el.q.value.trim(), show: el.show.value, due: el.due.value, priority: el.priority.value,
            sort: el.sort.value, offset: 0 });
    });
    for (const name of ['show', 'due', 'priority', 'sort'])
        form.elements[name].addEventListener('change', () => form.requestSubmit());
    return form;
}
