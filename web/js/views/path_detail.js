// #/learning/paths/ID: one learning path — its milestones and its resources in order. Enrol to
// follow it, tick resources as done (the server computes the progress), pause or leave it.
//
// API: GET /learning-paths/ID, POST/DELETE /learning-paths/ID/enroll,
// PATCH /learning-paths/ID/progress {completed_resource_ids, status}.

import { api } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { badge, externalLink, h, heading, mount, progressBar, replace } from '../dom.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { duration, label, plural } from '../format.js';
import { navigate } from '../navigate.js';

export async function render(root, { params }) {
    const id = params[0];
    const p = await api.get(`/learning-paths/${id}`);
    const errors = formError(null, 'path-error');
    const reload = (message) => {
        flash.next(message);
        navigate(`#/learning/paths/${id}`);
    };
    const e = p.enrollment;
    const progressArea = h('div', { 'data-testid': 'path-progress' });
    const showProgress = (enrollment) => replace(progressArea, enrollment ? [
        h('div', { class: 'score' }, progressBar(enrollment.progress_percentage, 100, 'Progress on this path'),
            h('strong', { 'data-testid': 'progress-percent' }, `${enrollment.progress_percentage}%`)),
        h('p', { class: 'muted' }, `${enrollment.completed_resource_ids.length} of ${plural(p.resources.length, 'resource')} done`,
            enrollment.status === 'completed' ? ' — path completed. Well done!' : '.')] : null);
    showProgress(e);
    mount(root,
        heading(p.name),
        h('p', { class: 'subtitle' }, [p.target_role ? `Towards ${p.target_role}` : null, label(p.difficulty),
            p.estimated_duration_weeks ? `about ${plural(p.estimated_duration_weeks, 'week')}` : null].filter(Boolean).join(' · '),
        ' ', e ? badge(e.status, e.status === 'active' ? 'Following' : label(e.status)) : null),
        h('p', null, p.description),
        errors.el,
        h('div', { class: 'actions' },
            e ? null : h('button', { type: 'button', class: 'primary', 'data-testid': 'enroll', onclick: (event) => busy(event.currentTarget, errors, async () => {
                await api.post(`/learning-paths/${id}/enroll`);
                reload(`You now follow “${p.name}”. Tick each resource when you finish it.`);
            }) }, 'Follow this path'),
            e && e.status === 'active' ? h('button', { type: 'button', 'data-testid': 'pause', onclick: (event) => busy(event.currentTarget, errors, async () => {
                await api.patch(`/learning-paths/${id}/progress`, { status: 'paused' });
                reload('Path paused.');
            }) }, 'Pause') : null,
            e && e.status === 'paused' ? h('button', { type: 'button', 'data-testid': 'resume', onclick: (event) => busy(event.currentTarget, errors, async () => {
                await api.patch(`/learning-paths/${id}/progress`, { status: 'active' });
                reload('Path resumed.');
            }) }, 'Resume') : null,
            e ? h('button', { type: 'button', class: 'danger', 'data-testid': 'unenroll', onclick: (event) => busy(event.currentTarget, errors, async () => {
                if (!await confirmDialog({ title: 'Leave this path?', confirm: 'Leave path', danger: true, body: 'Your progress on it is forgotten.' })) return;
                await api.del(`/learning-paths/${id}/enroll`);
                reload(`You left “${p.name}”.`);
            }) }, 'Leave path') : null,
            h('a', { href: '#/learning/paths', class: 'button' }, 'All paths')),
        progressArea,
        h('div', { class: 'grid-2' },
            h('section', { class: 'card', 'data-testid': 'path-resources' }, h('h2', null, 'Resources, in order'),
                resources(p, e, errors, showProgress)),
            milestones(p)));
}

function resources(p, enrollment, errors, showProgress) {
    const done = new Set(enrollment ? enrollment.completed_resource_ids : []);
    return h('ol', { class: 'plain' }, p.resources.map((r, i) => {
        const boxId = `path-done-${r.id}`;
        const box = enrollment ? h('input', { type: 'checkbox', id: boxId, checked: done.has(r.id), 'data-testid': 'resource-done' }) : null;
        box?.addEventListener('change', () => busy(box, errors, async () => {
            const next = new Set(done);
            if (box.checked) next.add(r.id);
            else next.delete(r.id);
            try {
                const updated = await api.patch(`/learning-paths/${p.id}/progress`, { completed_resource_ids: [...next] });
                done.clear();
                for (const x of updated.completed_resource_ids) done.add(x);
                showProgress(updated);
            } catch (err) {
                box.checked = !box.checked;
                throw err;
            }
        }));
        return h('li', { class: 'path-step', 'data-resource-id': r.id },
            h('div', { class: 'check' }, box, box ? h('label', { for: boxId }, h('span', { class: 'sr-only' }, 'Done: '), `${i + 1}. ${r.title}`)
                : h('span', null, `${i + 1}. ${r.title}`)),
            h('p', { class: 'meta' }, [label(r.type), r.provider, duration(r.duration_minutes)].filter(Boolean).join(' · '), ' · ', externalLink(r.url, ['Open', h('span', { class: 'sr-only' }, ` ${r.title}`)])));
    }));
}

function milestones(p) {
    if (!p.milestones || !p.milestones.length) return null;
    return h('section', { class: 'card' }, h('h2', null, 'Milestones'),
        h('ul', { class: 'plain' }, p.milestones.map((m) => h('li', null, m.week ? h('strong', null, `Week ${m.week}: `) : null, m.title || String(m)))));
}
