// #/learning: the catalogue of career resources (search, filters by kind, level, skill and
// price; filters kept in the hash, so the dashboard's "Learn PostgreSQL" links land filtered),
// #/learning/recommended: resources for the skills your jobs ask for and you lack, and
// #/learning/bookmarks: your saved resources with their progress. Every resource can be
// bookmarked, rated and marked completed.
//
// API: GET /resources, GET /resources/recommended, GET /resources/bookmarks,
// GET /resources/ID?source= (records a view), POST/DELETE /resources/ID/bookmark,
// PUT /resources/ID/feedback.

import { api, queryString } from '../api.js';
import { openDialog } from '../dialog.js';
import { badge, empty, externalLink, field, h, mount, options, replace, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { duration, label, labelled, number } from '../format.js';
import { navigate } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';
import { currentUser } from '../session.js';

/* career_resources.type and .difficulty (SPEC part A). */
const TYPES = ['course', 'article', 'video', 'book', 'tutorial', 'certification', 'tool', 'podcast'];
const LEVELS = ['beginner', 'intermediate', 'advanced'];
const FILTERS = ['q', 'type', 'difficulty', 'skill', 'price', 'sort'];

/* The tabs of the learning pages. */
export function learningTabs(current) {
    const tab = (href, text, key) => h('a', { href, 'aria-current': key === current ? 'page' : null }, text);
    return h('nav', { class: 'tabs', 'aria-label': 'Learning' },
        tab('#/learning', 'Catalogue', 'catalogue'), tab('#/learning/recommended', 'Recommended for you', 'recommended'),
        tab('#/learning/bookmarks', 'Bookmarks', 'bookmarks'), tab('#/learning/paths', 'Learning paths', 'paths'));
}

export async function render(root, { params, query }) {
    const tab = params[0] || 'catalogue';
    const bookmarks = await api.get('/resources/bookmarks', { limit: 100 });
    const saved = new Map(bookmarks.items.map((b) => [b.resource_id, b]));
    mount(root, titleRow('Learning'),
        h('p', { class: 'subtitle' }, 'Courses, books and tutorials for the skills your jobs ask for.'),
        learningTabs(tab));
    if (tab === 'recommended') return recommended(root, saved);
    if (tab === 'bookmarks') return bookmarked(root, bookmarks, saved);
    return catalogue(root, query, saved);
}

async function catalogue(root, query, saved) {
    const state = {};
    for (const key of FILTERS) if (query.get(key)) state[key] = query.get(key);
    const offset = Math.max(0, Number(query.get('offset')) || 0);
    const go = (changes) => navigate(`#/learning${queryString({ ...state, ...changes })}`);
    const form = h('form', { class: 'toolbar', role: 'search', 'data-testid': 'resource-search' },
        h('div', { class: 'field search' }, h('label', { for: 'res-q' }, 'Search'),
            h('input', { id: 'res-q', name: 'q', type: 'search', value: state.q || '', placeholder: 'e.g. system design' })),
        field('Kind', h('select', { id: 'res-type', name: 'type' }, options([['', 'Any kind'], ...labelled(TYPES)], state.type))),
        field('Level', h('select', { id: 'res-level', name: 'difficulty' }, options([['', 'Any level'], ...labelled(LEVELS)], state.difficulty))),
        field('Skill', h('input', { id: 'res-skill', name: 'skill', value: state.skill || '', placeholder: 'e.g. Docker' })),
        field('Price', h('select', { id: 'res-price', name: 'price' }, options([['', 'Free or paid'], ['free', 'Free only'], ['paid', 'Paid only']], state.price))),
        field('Sort', h('select', { id: 'res-sort', name: 'sort' }, options([['', 'Relevance'], ['-rating', 'Best rated'], ['title', 'Title A–Z']], state.sort))),
        h('button', { type: 'submit', 'data-testid': 'resource-search-submit' }, 'Search'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        go({ q: el.q.value.trim(), type: el.type.value, difficulty: el.difficulty.value, skill: el.skill.value.trim(),
            price: el.price.value, sort: el.sort.value, offset: 0 });
    });
    for (const name of ['type', 'difficulty', 'price', 'sort']) form.elements[name].addEventListener('change', () => form.requestSubmit());
    const page = await api.get('/resources', { ...state, limit: 20, offset });
    const last = pastTheEnd(page); // an address past the end: its last page
    if (last !== null) return go({ offset: last });
    const filtered = FILTERS.some((k) => state[k] && k !== 'sort');
    mount(root, form,
        state.skill ? h('p', { class: 'muted' }, `Resources teaching ${state.skill}.`) : null,
        page.items.length === 0 ? empty(filtered ? 'Nothing matches these filters.' : 'The catalogue is empty.',
            filtered ? h('a', { href: '#/learning', class: 'button' }, 'Clear the filters') : null, 'resources-empty')
            : h('ul', { class: 'items', 'data-testid': 'resources' }, page.items.map((r) => resourceItem(r, saved, 'search'))),
        pager(page, (o) => go({ offset: o }), 'resources-range'));
}

async function recommended(root, saved) {
    const data = await api.get('/resources/recommended', { limit: 20 });
    const missing = data.missing_skills || [];
    const skillLinks = missing.slice(0, 8).map((m, i) => [i ? ', ' : '', h('a', { href: `#/learning?skill=${encodeURIComponent(m.skill)}` }, m.skill)]);
    // basis "top_rated": nothing to aim at (no job asks for a skill the profile lacks) or nothing
    // teaches what is missing; the list is then the catalogue's best rated, and says so
    const noJobs = !(data.relevance && data.relevance.open_jobs);
    const why = data.basis !== 'top_rated' ? h('p', null, 'For the skills your jobs ask for that your profile lacks: ', skillLinks, '.')
        : h('p', { class: 'notice', 'data-testid': 'recommended-basis' }, missing.length
            ? ['Nothing in the catalogue teaches the skills your jobs ask for that your profile lacks (', skillLinks, '), so here are its best rated resources.']
            : noJobs ? ['You have no jobs yet to find missing skills in, so here are the catalogue’s best rated resources. ',
                h('a', { href: '#/jobs/new' }, 'Add jobs'), ' with a tech stack and ', h('a', { href: '#/account' }, 'your skills'),
                ', and this tab shows what teaches the skills your jobs ask for and you lack.']
                : 'The jobs that match you ask for no skill your profile lacks, so here are the catalogue’s best rated resources.');
    // a profile without skills: every skill asked is "missing", which a newcomer may well have
    const me = missing.length ? await currentUser() : null;
    const noSkills = me && !(me.skills || []).length ? h('p', { class: 'notice', 'data-testid': 'no-skills' },
        'Your profile lists no skills yet, so every skill your jobs ask for counts as missing. ',
        h('a', { href: '#/account' }, 'Add your skills on the account page'), ' to see only what you lack.') : null;
    mount(root, noSkills, why,
        data.items.length === 0 ? empty(missing.length ? 'No resource in the catalogue teaches these skills yet.'
            : 'No missing skills found: add jobs with a tech stack, or your profile already covers them.',
        h('a', { href: '#/learning', class: 'button' }, 'Browse the catalogue'), 'recommended-empty')
            : h('ul', { class: 'items', 'data-testid': 'recommended-resources' }, data.items.map((r) => resourceItem(r, saved, 'recommendation'))));
}

async function bookmarked(root, page, saved) {
    mount(root, page.items.length === 0
        ? empty('No bookmarks yet. Bookmark resources in the catalogue to keep them here.', h('a', { href: '#/learning', class: 'button' }, 'Browse the catalogue'), 'bookmarks-empty')
        : h('ul', { class: 'items', 'data-testid': 'bookmarks' }, page.items.map((b) => resourceItem(b.resource, saved, 'bookmark'))));
}

/*
 * One resource with its actions: bookmark / remove, rate (PUT feedback), mark completed (the
 * bookmark's status). saved maps resource ids to the user's bookmarks and is kept up to date.
 * source is what a click on the link records as the view's source.
 */
export function resourceItem(r, saved, source) {
    const li = h('li', { 'data-testid': 'resource', 'data-resource-id': r.id });
    // pressed: the action button (its data-testid) that redraws the item; the focus goes on to the
    // button in its place, so a keyboard user is not sent back to the top of the page
    const draw = (pressed = null) => {
        const b = saved.get(r.id);
        const errors = formError(null, 'resource-error');
        const run = (action) => (event) => {
            const from = event.currentTarget.dataset.testid;
            return busy(event.currentTarget, errors, async () => {
                await action();
                draw(from);
            });
        };
        replace(li,
            h('div', { class: 'item-head' },
                h('span', { class: 'item-title' }, externalLink(r.url, r.title)),
                h('span', null, b && b.status === 'completed' ? badge('completed', 'Completed') : null, ' ',
                    r.price === 'free' ? badge('free', 'Free') : r.price ? badge('paid', r.price) : null)),
            h('p', { class: 'meta' }, [label(r.type), r.provider, label(r.difficulty), duration(r.duration_minutes),
                r.rating != null ? `rated ${number(r.rating, 1)} of 5` : 'not rated yet'].filter(Boolean).join(' · ')),
            h('p', null, r.description),
            r.skills && r.skills.length ? h('ul', { class: 'chips', 'aria-label': 'Skills taught' },
                r.skills.map((s) => h('li', { class: (r.matched_skills || []).includes(s) ? 'missing' : null }, s))) : null,
            errors.el,
            h('div', { class: 'actions' },
                b ? h('button', { type: 'button', 'aria-pressed': 'true', 'data-testid': 'unbookmark', onclick: run(async () => {
                    await api.del(`/resources/${r.id}/bookmark`);
                    saved.delete(r.id);
                    flash(`Removed “${r.title}” from your bookmarks.`);
                }) }, 'Bookmarked ✓')
                    : h('button', { type: 'button', 'aria-pressed': 'false', 'data-testid': 'bookmark', onclick: run(async () => {
                        saved.set(r.id, await api.post(`/resources/${r.id}/bookmark`));
                        flash(`Bookmarked “${r.title}”.`);
                    }) }, 'Bookmark'),
                b && b.status === 'completed' ? null : h('button', { type: 'button', 'data-testid': 'mark-completed', onclick: run(async () => {
                    saved.set(r.id, await api.post(`/resources/${r.id}/bookmark`, { status: 'completed', progress_percentage: 100 }));
                    flash(`Marked “${r.title}” as completed.`);
                }) }, 'Mark completed'),
                h('button', { type: 'button', 'data-testid': 'rate', onclick: (event) => busy(event.currentTarget, errors, async () => {
                    const result = await rate(r);
                    if (result) {
                        r.rating = result.resource_rating ?? r.rating;
                        if (result.completed && !(saved.get(r.id)?.status === 'completed')) {
                            saved.set(r.id, await api.post(`/resources/${r.id}/bookmark`, { status: 'completed', progress_percentage: 100 }));
                        }
                        flash(`Thanks for rating “${r.title}”.`);
                        draw('rate');
                    }
                }) }, 'Rate'),
                h('a', { href: r.url, class: 'button', rel: 'noopener noreferrer', target: '_blank',
                    onclick: () => { api.get(`/resources/${r.id}`, { source }).catch(() => {}); } }, 'Open', h('span', { class: 'sr-only' }, ` ${r.title} (opens in a new tab)`))));
        if (pressed) {
            const next = { bookmark: 'unbookmark', unbookmark: 'bookmark', 'mark-completed': 'rate' }[pressed] || pressed;
            li.querySelector(`[data-testid="${next}"]`)?.focus();
        }
    };
    draw();
    return li;
}

/* The rating dialog: helpful or not, stars, completed, recommend, notes; resolves to the
 * saved feedback or null when cancelled. */
function rate(r) {
    return openDialog({
        title: `Rate “${r.title}”`, testid: 'rate-dialog',
        build: (close) => {
            const form = h('form', { novalidate: true });
            const errors = formError(form, 'rate-error');
            const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'rate-submit' }, 'Save rating');
            mount(form, errors.el,
                h('fieldset', { class: 'field' }, h('legend', null, 'Was it helpful?'),
                    h('div', { class: 'check-row' },
                        h('span', { class: 'check' }, h('input', { type: 'radio', id: 'rate-helpful-yes', name: 'is_helpful', value: 'true', checked: true }), h('label', { for: 'rate-helpful-yes' }, 'Yes')),
                        h('span', { class: 'check' }, h('input', { type: 'radio', id: 'rate-helpful-no', name: 'is_helpful', value: 'false' }), h('label', { for: 'rate-helpful-no' }, 'No')))),
                field('Stars', h('select', { id: 'rate-stars', name: 'rating' }, options([['', 'No stars'], ['5', '5 – excellent'], ['4', '4 – good'], ['3', '3 – fair'], ['2', '2 – poor'], ['1', '1 – bad']], ''))),
                field('I finished it', h('input', { type: 'checkbox', id: 'rate-completed', name: 'completed' })),
                field('I would recommend it', h('input', { type: 'checkbox', id: 'rate-recommend', name: 'would_recommend' })),
                field('Notes', h('textarea', { id: 'rate-notes', name: 'notes', rows: 2 })),
                h('div', { class: 'actions dialog-actions' },
                    h('button', { type: 'button', 'data-testid': 'rate-cancel', onclick: () => close(null) }, 'Cancel'), save));
            form.addEventListener('submit', (event) => {
                event.preventDefault();
                const el = form.elements;
                busy(save, errors, async () => {
                    const body = { is_helpful: el.is_helpful.value === 'true', completed: el.completed.checked,
                        would_recommend: el.would_recommend.checked };
                    if (el.rating.value) body.rating = Number(el.rating.value);
                    if (el.notes.value.trim()) body.notes = el.notes.value.trim();
                    close(await api.put(`/resources/${r.id}/feedback`, body));
                });
            });
            return form;
        },
    });
}

