// The contacts of one application, on the job's page: each with its relation (recruiter,
// hiring manager, interviewer, referrer, other), a link to the contact's page and a way to
// unlink it; and a form that links one of your contacts, or a new one made from a name, with a
// relation (linking a contact again changes its relation). The new contact's name suggests your
// contacts' names (the first 100, and past them those matching the words typed: forms.js's typedSearch),
// and a name that is already one of your contacts (any case, spaces trimmed)
// links that contact instead of making a second one with the same name, and says so.
//
// API: GET /applications/ID/contacts, POST /applications/ID/contacts, DELETE
// /applications/ID/contacts/CONTACT_ID, GET /contacts, POST /contacts.

import { api } from './api.js';
import { badge, empty, field, h, loading, mount, options, replace } from './dom.js';
import { flash } from './flash.js';
import { busy, errorText, formError, typedSearch } from './forms.js';
import { label } from './format.js';

export const RELATIONS = ['recruiter', 'hiring_manager', 'interviewer', 'referrer', 'other'];
const NEW = 'new';
const SUGGESTED = 20; // names suggested for words typed

/* The section for application app (id); refreshes itself after each change. */
export function contactLinks(app) {
    const list = h('div', { 'data-testid': 'application-contacts' }, loading());
    const section = h('section', { class: 'sub-section', 'aria-labelledby': `app-${app.id}-contacts-title` },
        h('h3', { id: `app-${app.id}-contacts-title` }, 'Contacts'), list);
    const refresh = async () => {
        try {
            const [linked, mine] = await Promise.all([
                api.get(`/applications/${app.id}/contacts`, { limit: 100 }),
                api.get('/contacts', { limit: 100 }),
            ]);
            replace(list, linkedList(app, linked.items, refresh), linkForm(app, mine.items, linked.items, refresh, mine.total));
        } catch (err) {
            list.replaceChildren(h('p', { class: 'error' }, errorText(err)));
        }
    };
    refresh();
    return section;
}

function linkedList(app, items, refresh) {
    if (!items.length) return empty('No contacts linked yet: add the recruiter or the people you meet in the interviews.', null, 'application-contacts-empty');
    return h('ul', { class: 'plain', 'data-testid': 'linked-contacts' }, items.map((c) => {
        const errors = formError(null, `unlink-${c.id}-error`);
        const unlink = h('button', { type: 'button', class: 'small', 'data-testid': 'unlink-contact',
            'aria-label': `Unlink ${c.name}` }, 'Unlink');
        unlink.addEventListener('click', () => busy(unlink, errors, async () => {
            await api.del(`/applications/${app.id}/contacts/${c.id}`);
            flash(`${c.name} is no longer linked to this application.`);
            await refresh();
        }));
        return h('li', { 'data-testid': 'linked-contact', 'data-contact-id': c.id },
            h('a', { href: `#/contacts/${c.id}` }, c.name), ' ',
            badge('relation', label(c.relation)),
            c.role || c.company ? h('span', { class: 'muted' }, ` ${[c.role, c.company].filter(Boolean).join(', ')}`) : null,
            ' ', unlink, errors.el);
    }));
}

function linkForm(app, contacts, linked, refresh, total) {
    const prefix = `app-${app.id}-link`;
    const form = h('form', { class: 'link-form', 'data-testid': 'link-contact-form', novalidate: true });
    const errors = formError(form, `${prefix}-error`);
    const linkedIds = new Set(linked.map((c) => c.id));
    const choices = [[NEW, 'A new contact…'],
        ...contacts.map((c) => [String(c.id), `${c.name}${linkedIds.has(c.id) ? ' (linked)' : ''}${c.company ? `, ${c.company}` : ''}`])];
    const who = h('select', { id: `${prefix}-contact`, name: 'contact_id' }, options(choices, contacts.find((c) => !linkedIds.has(c.id))?.id ?? NEW));
    const names = h('datalist', { id: `${prefix}-names` }, contacts.map((c) => h('option', { value: c.name })));
    const name = h('input', { id: `${prefix}-name`, name: 'name', maxlength: 200, autocomplete: 'off', list: names.id });
    // more contacts than the form was drawn with: the names suggested follow the words typed
    if (total > contacts.length) {
        const suggest = (items) => names.replaceChildren(...items.map((c) => h('option', { value: c.name })));
        typedSearch(name, {
            ask: (words) => api.get('/contacts', { q: words, limit: SUGGESTED }),
            answered: (page) => suggest(page.items),
            cleared: () => suggest(contacts),
        });
    }
    const nameField = field('Name of the new contact', name,
        'A name that is already one of your contacts links that contact.');
    nameField.append(names);
    const showName = () => { nameField.hidden = who.value !== NEW; };
    who.addEventListener('change', showName);
    showName();
    const submit = h('button', { type: 'submit', 'data-testid': 'link-contact' }, 'Link contact');
    mount(form, errors.el, h('div', { class: 'form-grid' },
        field('Contact', who), nameField,
        field('Relation', h('select', { id: `${prefix}-relation`, name: 'relation' }, options(RELATIONS.map((r) => [r, label(r)]), 'recruiter')))),
    submit);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(submit, errors, async () => {
            let contactId = who.value;
            let existing = null;
            if (contactId === NEW) {
                existing = await sameName(contacts, name.value);
                contactId = existing ? existing.id : (await api.post('/contacts', { name: name.value.trim() })).id;
            }
            const c = await api.post(`/applications/${app.id}/contacts`, { contact_id: Number(contactId), relation: form.elements.relation.value });
            const as = label(c.relation).toLowerCase();
            flash(existing ? `${c.name} is already one of your contacts: linked that contact as ${as}, no copy made.`
                : `${c.name} linked as ${as}.`);
            await refresh();
        });
    });
    return form;
}

/* Your contact whose name is typed (any case, spaces at the ends ignored), or null: among the
 * contacts the form was drawn with, else (more than that page of them) found by search. */
async function sameName(contacts, typed) {
    const key = typed.trim().toLowerCase();
    if (!key) return null;
    const match = (items) => items.find((c) => c.name.trim().toLowerCase() === key) ?? null;
    const found = match(contacts);
    if (found || contacts.length < 100) return found;
    return match((await api.get('/contacts', { q: typed.trim(), limit: 100 })).items);
}
