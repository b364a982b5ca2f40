// #/writing/ID: one generated text. Edit it (each save is a new version with a note), compare
// any two versions word by word, restore an earlier one (a new version again), approve it or
// mark it as sent, copy it, delete it. Says whether the built-in generator or a model wrote it.
// An edit not saved yet is never thrown away: approving, marking as sent and restoring (which
// show the saved text afterwards) ask to save it first, and Copy text copies what the box shows.
//
// API: GET /content/ID (with versions), PATCH /content/ID {content, change_note} or {status},
// POST /content/ID/versions/N/restore, DELETE /content/ID, GET /jobs/ID.

import { api } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { badge, field, h, heading, mount, options, replace } from '../dom.js';
import { wordDiff } from '../diff.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { dateTime, label } from '../format.js';
import { navigate } from '../navigate.js';
import { statusWord, writer } from './writing.js';

export async function render(root, { params }) {
    const id = params[0];
    const c = await api.get(`/content/${id}`);
    const job = c.job_id ? await api.get(`/jobs/${c.job_id}`).catch(() => null) : null;
    const versions = (c.versions || []).slice().sort((a, b) => a.version_number - b.version_number);
    const latest = versions[versions.length - 1];
    const current = latest ? latest.content : (c.user_modifications ?? c.generated_content);
    const errors = formError(null, 'content-error', 'text');
    const reload = (message) => {
        flash.next(message);
        navigate(`#/writing/${id}`);
    };
    const edit = editor(id, current, reload, c.row_version);
    // refuses (busy() shows why) while the box holds an edit not saved yet
    const keepEdit = () => {
        if (edit.elements.content.value !== current)
            throw new Error('The text has changes that are not saved yet: save them as a new version first');
    };
    const setStatus = (status, message) => (event) => busy(event.currentTarget, errors, async () => {
        keepEdit();
        await api.patch(`/content/${id}`, { status }, c.row_version);
        reload(message);
    });
    mount(root,
        heading(label(c.content_type), job ? ` for ${job.title} at ${job.company}` : ''),
        h('p', { class: 'subtitle' }, badge(c.status, statusWord(c.status)), ' ',
            h('span', { 'data-testid': 'generator' }, `Written by ${writer(c.generator)}`),
            ` in a ${label(c.tone).toLowerCase()} tone · ${versions.length} version${versions.length === 1 ? '' : 's'}`,
            job ? [' · ', h('a', { href: `#/jobs/${job.id}` }, 'Open the job')] : null),
        errors.el,
        h('div', { class: 'actions' },
            c.status === 'approved' || c.status === 'used' ? null
                : h('button', { type: 'button', class: 'primary', 'data-testid': 'approve', onclick: setStatus('approved', 'Approved.') }, 'Approve'),
            c.status === 'used' ? null
                : h('button', { type: 'button', 'data-testid': 'mark-used', onclick: setStatus('used', 'Marked as sent.') }, 'Mark as sent'),
            h('button', { type: 'button', 'data-testid': 'copy-text', onclick: (event) => busy(event.currentTarget, errors, async () => {
                await navigator.clipboard.writeText(edit.elements.content.value);
                flash('Copied to the clipboard.');
            }) }, 'Copy text'),
            h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-content', onclick: (event) => busy(event.currentTarget, errors, async () => {
                if (!await confirmDialog({ title: 'Delete this text?', confirm: 'Delete', danger: true, body: 'The text and all its versions are deleted.' })) return;
                await api.del(`/content/${id}`, c.row_version);
                flash.next('Text deleted.');
                navigate('#/writing');
            }) }, 'Delete'),
            h('a', { href: '#/writing', class: 'button' }, 'All texts')),
        h('div', { class: 'grid-2' }, edit, history(id, versions, reload, keepEdit)));
}

function editor(id, current, reload, version) {
    const form = h('form', { class: 'card editor', 'data-testid': 'editor', novalidate: true });
    const errors = formError(form, 'editor-error', 'text');
    const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'save-version' }, 'Save as a new version');
    mount(form, h('h2', null, 'Edit'), errors.el,
        field('Text', h('textarea', { id: 'content-text', name: 'content', rows: 16, value: current })),
        field('What changed', h('input', { id: 'content-note', name: 'change_note' }), 'Optional, e.g. “shorter opening”.'),
        save);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const text = form.elements.content.value;
        if (text === current) return errors.show(new Error('Nothing changed: edit the text first'));
        busy(save, errors, async () => {
            const note = form.elements.change_note.value.trim();
            await api.patch(`/content/${id}`, note ? { content: text, change_note: note } : { content: text }, version);
            reload('Saved as a new version.');
        });
    });
    return form;
}

function history(id, versions, reload, keepEdit) {
    const errors = formError(null, 'versions-error');
    const diffArea = h('div', { 'data-testid': 'diff', 'aria-live': 'polite' });
    const pick = (name, value) => h('select', { id: `diff-${name}`, name }, options(versions.map((v) =>
        [v.version_number, `Version ${v.version_number}`]), value));
    const n = versions.length;
    const from = pick('from', n > 1 ? versions[n - 2].version_number : 1);
    const to = pick('to', n ? versions[n - 1].version_number : 1);
    const compare = () => {
        const a = versions.find((v) => String(v.version_number) === from.value);
        const b = versions.find((v) => String(v.version_number) === to.value);
        if (!a || !b) return;
        const parts = wordDiff(a.content, b.content);
        const changed = parts.some((p) => p.op !== '=');
        replace(diffArea,
            h('p', { class: 'muted' }, changed ? `Changes from version ${a.version_number} to ${b.version_number}: added words are underlined in green, removed ones struck through in red.`
                : 'These two versions are the same.'),
            h('div', { class: 'text-view diff' }, parts.map((p) => p.op === '=' ? p.text
                : h(p.op === '+' ? 'ins' : 'del', null, h('span', { class: 'sr-only' }, p.op === '+' ? '[added: ' : '[removed: '), p.text,
                    h('span', { class: 'sr-only' }, ']')))));
    };
    from.addEventListener('change', compare);
    to.addEventListener('change', compare);
    if (n > 1) compare();
    return h('section', { class: 'card', 'data-testid': 'versions' }, h('h2', null, 'Versions'), errors.el,
        h('ol', { class: 'plain versions' }, versions.slice().reverse().map((v) => h('li', { 'data-testid': 'version', 'data-version': v.version_number },
            h('span', null, h('strong', null, `Version ${v.version_number}`), h('span', { class: 'muted' }, ` · ${dateTime(v.created_at)}${v.change_note ? ` · ${versionNote(v.change_note)}` : ''}`)),
            v === versions[n - 1] ? h('span', { class: 'muted' }, 'current')
                : h('button', { type: 'button', class: 'small', 'data-testid': 'restore', onclick: (event) => busy(event.currentTarget, errors, async () => {
                    keepEdit();
                    await api.post(`/content/${id}/versions/${v.version_number}/restore`);
                    reload(`Version ${v.version_number} restored as version ${n + 1}.`);
                }) }, `Restore version ${v.version_number}`)))),
        n > 1 ? [h('h3', null, 'Compare versions'),
            h('div', { class: 'toolbar' }, field('From', from), field('To', to)), diffArea] : null);
}

/* A version's note in words: the server notes a generated first version as "generated by
 * builtin" (or by the model's name). */
function versionNote(note) {
    const generated = /^generated by (.+)$/.exec(note);
    return generated ? `written by ${writer(generated[1])}` : note;
}
