// #/resumes: upload a résumé (drop it on the area or choose it; PDF, Word, text or Markdown)
// with a progress bar, then the list of uploads with their parsing status and the primary one
// marked, each with its label (the version it is: "backend", "data"). Each opens its extracted
// details (resume_detail.js), where it is labelled.
//
// API: POST /resumes (multipart, field "file"), GET /resumes.

import { api, upload } from '../api.js';
import { badge, empty, h, mount, replace, titleRow } from '../dom.js';
import { formError } from '../forms.js';
import { bytes, dateTime, label, plural } from '../format.js';
import { navigateAfterSave } from '../navigate.js';

const ACCEPT = '.pdf,.docx,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown';

export async function render(root) {
    const listArea = h('div', { 'data-testid': 'resume-list' });
    mount(root, titleRow('Résumés'),
        h('p', { class: 'subtitle' }, 'Upload your résumé to pull out your skills, experience and contact details, and to tailor the texts you write.'),
        uploader(), h('h2', null, 'Your résumés'), listArea);
    const page = await api.get('/resumes', { limit: 100 });
    replace(listArea, page.items.length === 0
        ? empty('No résumé uploaded yet. Drop one in the box above.', null, 'resumes-empty')
        : h('ul', { class: 'items' }, page.items.map(item)));
}

function item(r) {
    return h('li', { 'data-testid': 'resume', 'data-resume-id': r.id },
        h('div', { class: 'item-head' },
            h('a', { href: `#/resumes/${r.id}`, class: 'item-title' }, r.filename),
            h('span', null, r.label ? [h('span', { class: 'badge', 'data-testid': 'resume-label' }, r.label), ' '] : null,
                r.is_primary ? badge('primary', 'Primary') : null, ' ', badge(r.parsing_status, parsingWord(r.parsing_status)))),
        h('p', { class: 'meta' }, `${label(r.file_type)} · ${bytes(r.file_size)} · uploaded ${dateTime(r.created_at)}`,
            r.extracted_skills && r.extracted_skills.length ? ` · ${plural(r.extracted_skills.length, 'skill')} found` : ''));
}

export function parsingWord(status) {
    return { pending: 'Waiting to be read', processing: 'Being read', completed: 'Read', failed: 'Could not be read' }[status] || label(status);
}

function uploader() {
    const inputId = 'resume-file';
    const input = h('input', { id: inputId, name: 'file', type: 'file', accept: ACCEPT, class: 'sr-only', 'data-testid': 'resume-input' });
    const progress = h('progress', { max: 100, value: 0, 'aria-label': 'Upload progress', hidden: true, 'data-testid': 'upload-progress' });
    const status = h('p', { role: 'status', class: 'muted', 'data-testid': 'upload-status' });
    const errors = formError(null, 'upload-error');
    const zone = h('div', { class: 'dropzone', 'data-testid': 'dropzone' },
        h('p', null, h('strong', null, 'Drop a résumé here'), ' or ',
            h('label', { for: inputId, class: 'button' }, 'Choose a file')),
        h('p', { class: 'hint' }, 'PDF, Word (.docx), plain text or Markdown, up to 10 MB.'),
        input, progress, status);

    const send = async (file) => {
        if (!file) return;
        errors.clear();
        progress.hidden = false;
        progress.value = 0;
        status.textContent = `Uploading ${file.name}…`;
        const from = location.hash;
        try {
            const saved = await upload('/resumes', file, 'file', (loaded, total) => {
                progress.value = Math.round((loaded / total) * 100);
            });
            progress.value = 100;
            status.textContent = '';
            // a file that could not be read gets no notice of success: its page says what went wrong
            if (saved.parsing_status === 'failed')
                navigateAfterSave(from, `#/resumes/${saved.id}`, null, `Uploaded ${saved.filename}, but it could not be read: see its page under Résumés.`);
            else navigateAfterSave(from, `#/resumes/${saved.id}`, saved.parsing_status === 'completed'
                ? `Uploaded ${saved.filename}: ${plural((saved.extracted_skills || []).length, 'skill')} found.`
                : `Uploaded ${saved.filename}. ${parsingWord(saved.parsing_status)}.`);
        } catch (err) {
            progress.hidden = true;
            status.textContent = '';
            errors.show(err);
        }
    };
    input.addEventListener('change', () => send(input.files[0]));
    zone.addEventListener('dragover', (event) => {
        event.preventDefault();
        zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
        event.preventDefault();
        zone.classList.remove('over');
        send(event.dataTransfer.files[0]);
    });
    return h('section', { class: 'card' }, errors.el, zone);
}
