// #/contacts: the people met along the way — recruiters, hiring managers, interviewers,
// referrers — with search (name, e-mail, company, role, notes) and a company filter kept in the
// hash (#/contacts?q=anna&company=Acme). Each shows how to reach them and how many applications
// they are part of; its page (contact.js) edits it and lists those applications.
//
// API: GET /contacts.

import { api, queryString } from '../api.js';
import { empty, externalLink, field, h, mount, options, titleRow } from '../dom.js';
import { plural } from '../format.js';
import { navigate } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';

const SORTS = [['name', 'Name A–Z'], ['-name', 'Name Z–A'], ['company', 'Company A–Z'], ['-created_at', 'Newest first']];
const DEFAULTS = { sort: 'name', offset: '0' };
const LIMIT = 50;

export async function render(root, { query }) {
    const state = { ...DEFAULTS };
    for (const key of ['q', 'company', 'sort']) if (query.get(key)) state[key] = query.get(key);
    state.offset = Math.max(0, Number(query.get('offset')) || 0);
    const go = (changes) => {
        const next = { ...state, ...changes };
        for (const [key, value] of Object.entries(DEFAULTS)) if (String(next[key]) === value) delete next[key];
        for (const key of Object.keys(next)) if (next[key] === '') delete next[key];
        navigate(`#/contacts${queryString(next)}`);
    };
    const page = await api.get('/contacts', { ...state, limit: LIMIT });
    const last = pastTheEnd(page); // an address past the end: its last page
    if (last !== null) return go({ offset: last });
    const filtered = Boolean(state.q || state.company);
    mount(root,
        titleRow('Contacts', h('a', { href: '#/contacts/new', class: 'button primary', 'data-testid': 'add-contact' }, 'Add contact')),
        h('p', { class: 'subtitle' }, 'Recruiters, hiring managers, interviewers and the people who referred you. '
            + 'Link them to applications from a job’s page.'),
        toolbar(state, go),
        h('p', { class: 'muted', 'data-testid': 'contacts-total' }, plural(page.total, 'contact')),
        page.items.length
            ? h('ul', { class: 'items contacts', 'data-testid': 'contacts' }, page.items.map(item))
            : empty(filtered ? 'No contacts match this search.' : 'No contacts yet. Add the recruiter who wrote to you, or the person who referred you.',
                filtered ? h('a', { href: '#/contacts', class: 'button' }, 'Clear the search')
                    : h('a', { href: '#/contacts/new', class: 'button primary' }, 'Add a contact'), 'contacts-empty'),
        pager(page, (offset) => go({ offset })));
}

function toolbar(state, go) {
    const form = h('form', { class: 'toolbar', role: 'search', 'data-testid': 'contact-search' },
        h('div', { class: 'field search' }, h('label', { for: 'contacts-q' }, 'Search'),
            h('input', { id: 'contacts-q', name: 'q', type: 'search', value: state.q || '', placeholder: 'name, e-mail, company, role, notes…' })),
        field('Company', h('input', { id: 'contacts-company', name: 'company', value: state.company || '', autocomplete: 'organization' })),
        field('Sort', h('select', { id: 'contacts-sort', name: 'sort' }, options(SORTS, state.sort))),
        h('button', { type: 'submit', 'data-testid': 'contacts-search' }, 'Search'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const el = form.elements;
        go({ q: el.q.value.trim(), company: el.company.value.trim(), sort: el.sort.value, offset: 0 });
    });
    form.elements.sort.addEventListener('change', () => form.requestSubmit());
    return form;
}

/* "Recruiter at Acme", "Acme", "Recruiter" or nothing. */
export function roleAt(c) {
    if (c.role && c.company) return `${c.role} at ${c.company}`;
    return c.role || c.company || '';
}

function item(c) {
    return h('li', { 'data-testid': 'contact', 'data-contact-id': c.id },
        h('div', { class: 'item-head' },
            h('a', { href: `#/contacts/${c.id}`, class: 'item-title', 'data-testid': 'contact-name' }, c.name),
            h('span', { class: 'muted', 'data-testid': 'contact-applications' },
                c.application_count ? plural(c.application_count, 'application') : 'No application yet')),
        roleAt(c) ? h('p', { class: 'meta', 'data-testid': 'contact-role' }, roleAt(c)) : null,
        c.email || c.phone || c.linkedin_url ? h('p', { class: 'meta contact-ways' },
            c.email ? h('a', { href: `mailto:${c.email}` }, c.email) : null,
            c.phone ? h('a', { href: `tel:${c.phone.replace(/[^\d+]/g, '')}` }, c.phone) : null,
            c.linkedin_url ? externalLink(c.linkedin_url, 'LinkedIn') : null) : null);
}
