// #/learning/paths: the learning paths (ordered resources towards a role), those you follow
// first with their progress.
//
// API: GET /learning-paths, GET /learning-paths/enrolled.

import { api } from '../api.js';
import { badge, empty, h, mount, progressBar, titleRow } from '../dom.js';
import { label, plural } from '../format.js';
import { navigate } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';
import { learningTabs } from './learning.js';

export async function render(root, { query }) {
    const offset = Math.max(0, Number(query.get('offset')) || 0);
    const [paths, enrolled] = await Promise.all([
        api.get('/learning-paths', { limit: 20, offset }),
        api.get('/learning-paths/enrolled', { limit: 100 }),
    ]);
    const last = pastTheEnd(paths); // an address past the end: its last page
    if (last !== null) return navigate(`#/learning/paths?offset=${last}`);
    const mine = new Map(enrolled.items.map((e) => [e.learning_path_id, e]));
    mount(root, titleRow('Learning'),
        h('p', { class: 'subtitle' }, 'Courses, books and tutorials for the skills your jobs ask for.'),
        learningTabs('paths'),
        enrolled.items.length ? [h('h2', null, 'Paths you follow'),
            h('ul', { class: 'items', 'data-testid': 'enrolled-paths' }, enrolled.items.map((e) => pathItem(e.learning_path, e)))] : null,
        h('h2', null, 'All paths'),
        paths.items.length === 0 ? empty('No learning paths yet.', null, 'paths-empty')
            : h('ul', { class: 'items', 'data-testid': 'paths' }, paths.items.map((p) => pathItem(p, mine.get(p.id)))),
        pager(paths, (o) => navigate(`#/learning/paths?offset=${o}`)));
}

function pathItem(p, enrollment) {
    return h('li', { 'data-testid': 'path', 'data-path-id': p.id },
        h('div', { class: 'item-head' },
            h('a', { href: `#/learning/paths/${p.id}`, class: 'item-title' }, p.name),
            enrollment ? badge(enrollment.status, enrollment.status === 'active' ? 'Following' : label(enrollment.status)) : null),
        h('p', { class: 'meta' }, [p.target_role ? `Towards ${p.target_role}` : null, label(p.difficulty),
            p.estimated_duration_weeks ? plural(p.estimated_duration_weeks, 'week') : null,
            p.resource_count != null ? plural(p.resource_count, 'resource') : null].filter(Boolean).join(' · ')),
        h('p', null, p.description),
        enrollment ? h('div', { class: 'score' }, progressBar(enrollment.progress_percentage, 100, `Progress in ${p.name}`),
            h('strong', null, `${enrollment.progress_percentage}%`)) : null);
}
