// #/resumes/ID: what was read from one résumé — contact details, skills (those new to your
// profile marked), experience and education — and what to do with it: label it as a version
// ("backend", "data": a job can then be matched and written with it), make it the primary
// résumé (jobs use it unless they chose another), add its skills to your profile (showing which
// ones are new, then which the server added), download the file, delete it.
//
// API: GET /resumes/ID, GET /users/me, PATCH /resumes/ID {label}, POST /resumes/ID/primary,
// POST /resumes/ID/apply-skills, GET /resumes/ID/file, DELETE /resumes/ID.

import { api, ApiError, download } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { badge, empty, externalLink, field, h, heading, mount, replace, saveBlob } from '../dom.js';
import { flash } from '../flash.js';
import { busy, formError } from '../forms.js';
import { bytes, dateTime, label, month, plural } from '../format.js';
import { navigate } from '../navigate.js';
import { rememberUser } from '../session.js';
import { parsingWord } from './resumes.js';

const fold = (s) => String(s).toLocaleLowerCase();

/* The server's reason as the end of a sentence ("the document XML is malformed."). */
const ended = (text) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export async function render(root, { params }) {
    const id = params[0];
    const [r, me] = await Promise.all([api.get(`/resumes/${id}`), api.get('/users/me')]);
    const errors = formError(null, 'resume-error');
    const run = (action) => (event) => busy(event.currentTarget, errors, action);
    const data = r.parsed_data || {};
    const failed = r.parsing_status === 'failed';
    mount(root,
        heading(r.filename),
        h('p', { class: 'subtitle' }, r.label ? [h('span', { class: 'badge', 'data-testid': 'resume-label' }, r.label), ' '] : null,
            r.is_primary ? badge('primary', 'Primary résumé') : null, ' ',
            badge(r.parsing_status, parsingWord(r.parsing_status)),
            ` ${label(r.file_type)} · ${bytes(r.file_size)} · uploaded ${dateTime(r.created_at)}`),
        // a file that could not be read: said first, in a sentence, with the way on (not a green notice)
        failed ? h('p', { class: 'error', 'data-testid': 'parsing-error' },
            'This file could not be read', r.parsing_error ? `: ${ended(r.parsing_error)}` : '.',
            ' Try a PDF with selectable text, or a .docx file: ', h('a', { href: '#/resumes' }, 'upload another file'),
            ', and delete this one.') : null,
        errors.el,
        h('div', { class: 'actions' },
            // making an unreadable file the primary résumé is possible, not the suggested next step
            r.is_primary ? null : h('button', { type: 'button', class: failed ? null : 'primary', 'data-testid': 'make-primary', onclick: run(async () => {
                await api.post(`/resumes/${id}/primary`);
                flash.next('This is now your primary résumé: jobs that did not choose another are matched and written with it.');
                navigate(`#/resumes/${id}`);
            }) }, 'Make primary'),
            h('button', { type: 'button', 'data-testid': 'download-resume', onclick: run(async () => {
                const file = await download(`/resumes/${id}/file`, r.filename);
                saveBlob(file.blob, r.filename);
            }) }, 'Download'),
            h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-resume', onclick: run(async () => {
                const ok = await confirmDialog({ title: 'Delete this résumé?', confirm: 'Delete résumé', danger: true,
                    body: `Delete ${r.filename} and what was read from it? Skills already added to your profile stay there.` });
                if (!ok) return;
                await api.del(`/resumes/${id}`);
                flash.next('Résumé deleted.');
                navigate('#/resumes');
            }) }, 'Delete'),
            h('a', { href: '#/resumes', class: 'button' }, 'All résumés')),
        labelForm(r),
        h('div', { class: 'grid-2' },
            h('div', null, skills(r, me), contact(r.extracted_contact_info || data.contact)),
            h('div', null, experience(r, data.experience), education(data.education), text(data))));
}

/* The label of this version: set, changed or removed (empty). 409: another résumé has it. */
function labelForm(r) {
    const form = h('form', { class: 'card', 'data-testid': 'resume-label-form', novalidate: true });
    const errors = formError(form, 'resume-label-error', 'résumé');
    const save = h('button', { type: 'submit', 'data-testid': 'resume-label-save' }, 'Save label');
    mount(form, h('h2', null, 'Version'), errors.el,
        field('Label', h('input', { id: 'resume-label', name: 'label', maxlength: 50, autocomplete: 'off', value: r.label || '' }),
            'Name this version (“backend”, “data”) to choose it for some jobs on their page; leave it empty for none.'),
        save);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(save, null, async () => {
            errors.clear();
            const value = form.elements.label.value.trim();
            if (value === (r.label || '')) return flash('Nothing changed.');
            try {
                await api.patch(`/resumes/${r.id}`, { label: value || null }, r.row_version);
            } catch (err) {
                const other = err instanceof ApiError && err.status === 409 && err.details.existing_id;
                errors.show(err, ...(other ? [' ', h('a', { href: `#/resumes/${other}`, 'data-testid': 'resume-label-existing' }, 'See that résumé'), '.'] : []));
                return;
            }
            flash.next(value ? `Labelled “${value}”.` : 'Label removed.');
            navigate(`#/resumes/${r.id}`);
        });
    });
    return form;
}

function skills(r, me) {
    const found = r.extracted_skills || [];
    const have = new Set((me.skills || []).map(fold));
    const fresh = found.filter((s) => !have.has(fold(s)));
    const result = h('div', { role: 'status', 'data-testid': 'apply-result' });
    // "The green ones you already have" only when some are: a newcomer's profile has none, and
    // looked for green chips that were not there
    const summary = h('p', { class: 'hint', 'data-testid': 'skills-summary' }, !fresh.length
        ? `${plural(found.length, 'skill')} found, all already in your profile.`
        : fresh.length === found.length
            ? `${plural(found.length, 'skill')} found, none in your profile yet.`
            : `${plural(found.length, 'skill')} found; ${fresh.length} not in your profile yet: ${fresh.join(', ')}. The green ones you already have.`);
    const errors = formError(null, 'apply-error');
    const list = h('ul', { class: 'chips', 'data-testid': 'resume-skills' }, found.map((s) =>
        h('li', { class: have.has(fold(s)) ? 'have' : null }, s, have.has(fold(s)) ? h('span', { class: 'sr-only' }, ' (in your profile)') : null)));
    const apply = fresh.length ? h('button', { type: 'button', class: 'primary', 'data-testid': 'apply-skills' },
        `Add ${plural(fresh.length, 'new skill')} to my profile`) : null;
    apply?.addEventListener('click', () => busy(apply, errors, async () => {
        const updated = await api.post(`/resumes/${r.id}/apply-skills`);
        const added = updated.added || [];
        const { added: _, suggested_experience_level: suggested, ...user } = updated;
        rememberUser(user);
        apply.remove();
        // the résumé's level is only a suggestion: the profile keeps its own until the user changes it
        const level = suggested && suggested !== user.experience_level
            ? h('p', { class: 'hint', 'data-testid': 'level-suggestion' },
                `This résumé reads as ${label(suggested).toLowerCase()} level; your profile says ${user.experience_level ? label(user.experience_level).toLowerCase() : 'nothing yet'}. `,
                h('a', { href: '#/account' }, 'Change it in your account'), ' if that fits better.')
            : null;
        replace(result, h('p', { class: 'notice' }, added.length
            ? `Added to your profile: ${added.join(', ')}.` : 'Your profile already had every one of these skills.'), level);
        for (const li of list.children) {
            if (!li.classList.contains('have')) li.append(h('span', { class: 'sr-only' }, ' (in your profile)'));
            li.classList.add('have');
        }
        summary.textContent = `${plural(found.length, 'skill')} found, all in your profile now.`;
        flash(`${plural(added.length, 'skill')} added to your profile.`);
    }));
    if (!found.length) return h('section', { class: 'card' }, h('h2', null, 'Skills'), empty('No skills were recognised in this file.'));
    return h('section', { class: 'card', 'data-testid': 'skills-card' }, h('h2', null, 'Skills'),
        summary, list, errors.el, apply, result);
}

function contact(c) {
    if (!c || !Object.values(c).some((v) => v && (!Array.isArray(v) || v.length))) return null;
    const rows = [];
    const add = (term, value) => value && rows.push(h('dt', null, term), h('dd', null, value));
    add('Name', c.name);
    add('E-mail', c.email);
    add('Phone', c.phone);
    if (c.links && c.links.length) add('Links', h('ul', { class: 'plain' }, c.links.map((l) => h('li', null, externalLink(l)))));
    return h('section', { class: 'card', 'data-testid': 'contact-card' }, h('h2', null, 'Contact details'), h('dl', { class: 'fields' }, rows));
}

function experience(r, exp) {
    const entries = (exp && exp.entries) || [];
    const level = r.extracted_experience || (exp && exp.level);
    if (!entries.length && !level) return null;
    return h('section', { class: 'card', 'data-testid': 'experience-card' }, h('h2', null, 'Experience'),
        level ? h('p', null, `Level: ${label(level)}`, exp && exp.years ? `, about ${plural(exp.years, 'year')}` : '', '.') : null,
        entries.length ? h('ul', { class: 'plain' }, entries.map((e) => h('li', null, h('strong', null, e.title),
            e.company ? ` at ${e.company}` : '', e.location ? `, ${e.location}` : '',
            h('span', { class: 'muted' }, ` — ${period(e)}`)))) : null);
}

function education(edu) {
    const entries = (edu && edu.entries) || [];
    if (!entries.length) return null;
    return h('section', { class: 'card', 'data-testid': 'education-card' }, h('h2', null, 'Education'),
        edu.highest_degree ? h('p', null, `Highest degree: ${label(edu.highest_degree)}.`) : null,
        h('ul', { class: 'plain' }, entries.map((e) => h('li', null, h('strong', null, e.title), h('span', { class: 'muted' }, ` — ${period(e)}`)))));
}

function period(e) {
    return `${month(e.start) || '?'} to ${e.current ? 'now' : month(e.end) || '?'}`;
}

function text(data) {
    if (!data.text) return null;
    return h('details', { class: 'card' }, h('summary', null, 'The text as read from the file'),
        h('pre', { class: 'text-view' }, data.text),
        data.text_truncated ? h('p', { class: 'muted' }, 'Only the beginning of a long file is kept.') : null);
}
