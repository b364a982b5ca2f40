// #/contacts/new and #/contacts/ID: one contact's details in a form (name, e-mail, phone,
// company, role, LinkedIn address, notes), the applications the contact is linked to with the
// relation (each linking to its job's page, where links are made and removed), and Delete.
// Saving sends only the changed fields with the version the page showed (If-Match).
//
// API: GET /contacts/ID, POST /contacts, PATCH /contacts/ID, DELETE /contacts/ID.

import { api } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { badge, empty, field, h, heading, mount } from '../dom.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { date, label } from '../format.js';
import { navigate, navigateAfterSave } from '../navigate.js';
import { roleAt } from './contacts.js';

const FIELDS = [
    ['name', 'Name', { required: true, maxlength: 200, autocomplete: 'off' }],
    ['email', 'E-mail', { type: 'email', maxlength: 254, autocomplete: 'off' }],
    ['phone', 'Phone', { type: 'tel', maxlength: 50, autocomplete: 'off' }],
    ['company', 'Company', { maxlength: 200, autocomplete: 'off' }],
    ['role', 'Role', { maxlength: 200, autocomplete: 'off' }, 'Recruiter, engineering manager, team lead…'],
    ['linkedin_url', 'LinkedIn address', { type: 'url', maxlength: 2048, autocomplete: 'off' }, 'https://www.linkedin.com/in/…'],
];

/* "Hiring manager" for hiring_manager. */
export function relationWord(relation) {
    return label(relation);
}

export async function render(root, { params }) {
    const id = params[0];
    const contact = id ? await api.get(`/contacts/${id}`) : null;
    const form = h('form', { class: 'card', 'data-testid': 'contact-form', novalidate: true });
    const errors = formError(form, 'contact-error', 'contact');
    const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'contact-save' }, contact ? 'Save' : 'Add contact');
    mount(form, errors.el,
        h('div', { class: 'form-grid' }, FIELDS.map(([name, text, attrs, hint]) => field(text,
            h('input', { id: `contact-${name.replace(/_/g, '-')}`, name, value: contact ? contact[name] || '' : '', ...attrs }),
            hint))),
        field('Notes', h('textarea', { id: 'contact-notes', name: 'notes', rows: 4, value: contact ? contact.notes || '' : '' }),
            'Where you met, what you talked about, when to write again.'),
        h('div', { class: 'actions' }, save,
            h('a', { href: '#/contacts', class: 'button' }, contact ? 'All contacts' : 'Cancel')));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(save, errors, async () => {
            const body = {};
            for (const name of [...FIELDS.map(([n]) => n), 'notes']) {
                const typed = form.elements[name].value;
                const value = typed.trim();
                const before = contact ? contact[name] || '' : '';
                // the name is required: a blank one goes as typed, for the server to say why
                if (name === 'name') body.name = value || typed;
                else if (value !== before) body[name] = value || null;
            }
            if (contact && body.name === contact.name) delete body.name;
            if (contact && !Object.keys(body).length) return flash('Nothing changed.');
            const from = location.hash;
            if (!contact) {
                const created = await api.post('/contacts', body);
                navigateAfterSave(from, `#/contacts/${created.id}`, `${created.name} added.`);
                return;
            }
            const saved = await api.patch(`/contacts/${contact.id}`, body, contact.row_version);
            navigateAfterSave(from, `#/contacts/${saved.id}`, 'Contact saved.', `Contact ${saved.name} saved.`);
        });
    });
    if (!contact) {
        mount(root, heading('Add a contact'), form);
        return;
    }
    const remove = h('button', { type: 'button', class: 'danger', 'data-testid': 'contact-delete' }, 'Delete');
    remove.addEventListener('click', () => busy(remove, errors, async () => {
        const ok = await confirmDialog({ title: 'Delete this contact?', confirm: 'Delete contact', danger: true,
            body: `Delete ${contact.name}? The applications stay; only the links to them go.` });
        if (!ok) return;
        await api.del(`/contacts/${contact.id}`, contact.row_version);
        flash.next(`${contact.name} deleted.`);
        navigate('#/contacts');
    }));
    mount(root,
        heading(contact.name),
        roleAt(contact) ? h('p', { class: 'subtitle' }, roleAt(contact)) : null,
        h('div', { class: 'grid-2' },
            h('div', null, form, h('div', { class: 'actions' }, remove)),
            h('div', null, applications(contact))));
}

function applications(contact) {
    return h('section', { class: 'card', 'aria-labelledby': 'contact-apps-title', 'data-testid': 'contact-applications' },
        h('h2', { id: 'contact-apps-title' }, 'Applications'),
        contact.applications.length
            ? h('ul', { class: 'plain' }, contact.applications.map((a) => h('li', { 'data-testid': 'contact-application' },
                h('a', { href: `#/jobs/${a.job_id}` }, `${a.job_title} at ${a.company}`), ' ',
                badge('relation', relationWord(a.relation)), ' ', badge(a.status, label(a.status)),
                h('span', { class: 'muted' }, ` · linked ${date(a.linked_at)}`))))
            : empty('Not linked to an application yet. Open a job you track and add this contact to its application.',
                null, 'contact-applications-empty'));
}
