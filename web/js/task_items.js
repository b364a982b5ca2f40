// Tasks as the tasks view, the job page and the dashboard show them: one item (a "Done" box,
// the title, when it is due, its priority, the job it is about, its notes; edit in a dialog,
// delete after a confirm), the short form that adds one, and the words for due dates.
// Writes send the task's version (If-Match): a task changed elsewhere meanwhile is refused.
//
// API: POST /tasks, PATCH /tasks/ID (done, or the fields), DELETE /tasks/ID.

import { api } from './api.js';
import { confirmDialog, openDialog } from './dialog.js';
import { badge, empty, field, h, loading, mount, options, replace, srOnly } from './dom.js';
import { flash } from './flash.js';
import { busy, errorText, formError } from './forms.js';
import { date, dueState, label, relativeDay } from './format.js';

export const PRIORITIES = [['low', 'Low'], ['normal', 'Normal'], ['high', 'High']];

/* When a task is due, in words, as a badge (null when it has no due date). */
export function dueBadge(task) {
    if (task.done) return badge('completed', 'Done');
    if (!task.due_date) return null;
    const state = dueState(task.due_date); // the reader's day, not the server's UTC one
    if (state === 'overdue') return badge('overdue', `Overdue, due ${relativeDay(task.due_date)}`);
    if (state === 'today') return badge('due', 'Due today');
    if (relativeDay(task.due_date) === 'tomorrow') return badge('due', `Due tomorrow, ${date(task.due_date)}`);
    return h('span', { class: 'badge' }, `Due ${date(task.due_date)}`);
}

let counter = 0;

/*
 * One task as a list item. opts: onChange(updated or null when deleted) after a write;
 * showJob (default true) links the job it is about.
 */
export function taskItem(task, opts = {}) {
    const { onChange = () => {}, showJob = true } = opts;
    const id = `task-${task.id}-${++counter}`;
    const errors = formError(null, `task-${task.id}-error`, 'task');
    const done = h('input', { type: 'checkbox', id: `${id}-done`, checked: task.done, 'data-testid': 'task-done' });
    done.addEventListener('change', () => busy(done, errors, async () => {
        try {
            const updated = await api.patch(`/tasks/${task.id}`, { done: done.checked }, task.row_version);
            flash(updated.done ? `Done: ${updated.title}.` : `${updated.title} is open again.`);
            onChange(updated);
        } catch (err) {
            done.checked = task.done;
            throw err;
        }
    }));
    const edit = h('button', { type: 'button', class: 'small', 'data-testid': 'task-edit',
        'aria-label': `Edit ${task.title}` }, 'Edit');
    edit.addEventListener('click', async () => {
        const updated = await editDialog(task);
        if (updated) {
            flash('Task saved.');
            onChange(updated);
        }
    });
    const remove = h('button', { type: 'button', class: 'small danger', 'data-testid': 'task-delete',
        'aria-label': `Delete ${task.title}` }, 'Delete');
    remove.addEventListener('click', () => busy(remove, errors, async () => {
        const ok = await confirmDialog({ title: 'Delete this task?', confirm: 'Delete task', danger: true,
            body: `Delete “${task.title}”? This cannot be undone.` });
        if (!ok) return;
        await api.del(`/tasks/${task.id}`, task.row_version);
        flash('Task deleted.');
        onChange(null);
    }));
    const about = showJob && task.linked_job_id && task.job_title
        ? h('a', { href: `#/jobs/${task.linked_job_id}`, 'data-testid': 'task-job' }, `${task.job_title} at ${task.company}`)
        : null;
    const overdue = !task.done && dueState(task.due_date) === 'overdue';
    return h('li', { class: `task${overdue ? ' overdue' : ''}${task.done ? ' done' : ''}`, 'data-testid': 'task',
        'data-task-id': task.id, 'data-overdue': String(overdue) },
    h('div', { class: 'item-head' },
        h('span', { class: 'check task-check' }, done,
            h('label', { for: `${id}-done`, class: 'item-title' }, srOnly('Done: '),
                h('span', { 'data-testid': 'task-title' }, task.title))),
        h('span', { class: 'task-badges' }, dueBadge(task),
            task.priority !== 'normal' ? [' ', badge(`priority-${task.priority}`, `${label(task.priority)} priority`)] : null)),
    about || task.notes ? h('p', { class: 'meta' }, about ? h('span', null, 'For ', about) : null,
        task.notes ? h('span', { class: 'task-notes', 'data-testid': 'task-notes' }, task.notes) : null) : null,
    h('div', { class: 'actions compact' }, edit, remove),
    errors.el);
}

/* The fields of a task form; prefix makes the ids unique. */
function fields(prefix, task = {}) {
    return [
        field('Task', h('input', { id: `${prefix}-title`, name: 'title', required: true, maxlength: 300, autocomplete: 'off',
            value: task.title || '' }), null, { wide: true }),
        field('Due on', h('input', { id: `${prefix}-due`, name: 'due_date', type: 'date', value: task.due_date || '' })),
        field('Priority', h('select', { id: `${prefix}-priority`, name: 'priority' }, options(PRIORITIES, task.priority || 'normal'))),
    ];
}

/*
 * The form that adds a task. link: {application_id} or {job_id} (or nothing); onCreated(task)
 * after the server answers. prefix makes the ids unique on the page.
 */
export function taskForm({ link = {}, onCreated, prefix = 'new-task', title = 'Add a task' }) {
    const form = h('form', { class: 'task-form', 'data-testid': 'task-form', novalidate: true });
    const errors = formError(form, `${prefix}-error`);
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'task-add' }, 'Add task');
    mount(form, title ? h('h3', null, title) : null, errors.el, h('div', { class: 'form-grid' }, fields(prefix)), submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(submit, errors, async () => {
            const el = form.elements;
            const body = { title: el.title.value.trim(), priority: el.priority.value, ...link };
            if (el.due_date.value) body.due_date = el.due_date.value;
            const task = await api.post('/tasks', body);
            form.reset();
            onCreated(task);
        });
    });
    return form;
}

/*
 * The tasks of one application or job as a section of its page: the list (open ones first by
 * due date, then the done ones) and the form that adds one linked to it. link: {application_id}
 * or {job_id}; query: the list's filter (for a job, job_id takes its applications' tasks too).
 */
export function taskSection({ link, query, prefix, heading = 'Tasks' }) {
    const body = h('div', { 'data-testid': 'task-section-list' }, loading());
    const section = h('section', { class: 'sub-section', 'data-testid': 'task-section', 'aria-labelledby': `${prefix}-heading` },
        h('h3', { id: `${prefix}-heading` }, heading), body,
        taskForm({ link, prefix, title: null, onCreated: (task) => {
            flash(`Task added: ${task.title}.`);
            refresh();
        } }));
    async function refresh() {
        try {
            const [open, done] = await Promise.all([
                api.get('/tasks', { ...query, done: 'false', sort: 'due_date', limit: 100 }),
                api.get('/tasks', { ...query, done: 'true', sort: '-done_at', limit: 20 }),
            ]);
            const items = [...open.items, ...done.items];
            replace(body, items.length
                ? h('ul', { class: 'items tasks compact', 'data-testid': 'tasks' },
                    items.map((t) => taskItem(t, { showJob: false, onChange: refresh })))
                : empty('No tasks yet.', null, 'tasks-empty'));
        } catch (err) {
            body.replaceChildren(h('p', { class: 'error' }, errorText(err)));
        }
    }
    refresh();
    return section;
}

/* Edits a task in a dialog; resolves to the saved task, or null when cancelled. */
function editDialog(task) {
    return openDialog({
        title: 'Edit the task', testid: 'task-dialog',
        build: (close) => {
            const prefix = `edit-task-${task.id}`;
            const form = h('form', { novalidate: true, 'data-testid': 'task-edit-form' });
            const errors = formError(form, 'task-edit-error', 'task');
            const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'task-save' }, 'Save');
            mount(form, errors.el, fields(prefix, task),
                field('Notes', h('textarea', { id: `${prefix}-notes`, name: 'notes', rows: 3, value: task.notes || '' })),
                h('div', { class: 'actions dialog-actions' },
                    h('button', { type: 'button', 'data-testid': 'task-cancel', onclick: () => close(null) }, 'Cancel'), save));
            form.addEventListener('submit', (event) => {
                event.preventDefault();
                busy(save, errors, async () => {
                    const el = form.elements;
                    const body = {};
                    const title = el.title.value.trim();
                    if (title !== task.title) body.title = title;
                    if ((task.due_date || '') !== el.due_date.value) body.due_date = el.due_date.value || null;
                    if (task.priority !== el.priority.value) body.priority = el.priority.value;
                    if ((task.notes || '') !== el.notes.value) body.notes = el.notes.value || null;
                    if (!Object.keys(body).length) return close(null);
                    close(await api.patch(`/tasks/${task.id}`, body, task.row_version));
                });
            });
            return form;
        },
    });
}
