// The job field of the writing and interview forms, for any number of jobs: a select that starts
// with the newest NEWEST jobs (and the job the address names), and above it a box that finds any
// job by its words as they are typed (forms.js's typedSearch: once the typing pauses, the last words'
// answer only, Enter at once); each answer lists at most LIMIT jobs and chooses the first.
// Emptying the box brings the newest jobs back without asking.
// Also the titles of the jobs a page of texts or sessions names: those not among the jobs at hand
// (older than the newest NEWEST) asked one by one, at most one request per job of the page.
//
// API: GET /jobs?q=&limit=&sort=-created_at, GET /jobs/ID.

import { api } from './api.js';
import { field, h, options } from './dom.js';
import { errorText, typedSearch } from './forms.js';
import { number, plural } from './format.js';

export const NEWEST = 100; // the jobs the select starts with (the list route's largest page)
const LIMIT = 20; // the most jobs an answer to typed words lists

export const jobText = (j) => `${j.title} at ${j.company}`;

/* The newest jobs, for the select to start with. */
export function newestJobs() {
    return api.get('/jobs', { limit: NEWEST, sort: '-created_at' });
}

/* Map id -> "title at company" for the job ids of a page (null ones left out): from the jobs at
 * hand (known), the others asked one by one. */
export async function jobTitles(ids, known) {
    const titles = new Map(known.map((j) => [j.id, jobText(j)]));
    const missing = [...new Set(ids.filter((id) => id != null && !titles.has(id)))];
    const found = await Promise.all(missing.map((id) => api.get(`/jobs/${id}`).catch(() => null)));
    for (const j of found) if (j) titles.set(j.id, jobText(j));
    return titles;
}

/*
 * The job's select (id, name, labelText) and, when the user has more jobs than it starts with
 * (total), the "Find a job" field before it. jobs: the ones to start with; picked: the job to
 * choose at first (or null). Returns the fields.
 */
export function jobPicker({ id, name, labelText, jobs, total, picked }) {
    const none = ['', 'No particular job'];
    const select = h('select', { id, name }, options([none, ...jobs.map((j) => [j.id, jobText(j)])], picked ? picked.id : ''));
    if (total <= jobs.length) return [field(labelText, select)];
    const find = h('input', { id: `${id}-find`, type: 'search', autocomplete: 'off', 'aria-controls': id,
        'data-testid': 'job-find', placeholder: 'title, company, words of the posting…' });
    const said = h('p', { class: 'hint', role: 'status', 'data-testid': 'job-find-status' });
    const show = (list, chosen) => select.replaceChildren(...options([none, ...list.map((j) => [j.id, jobText(j)])], chosen));
    typedSearch(find, {
        ask: (words) => api.get('/jobs', { q: words, limit: LIMIT, sort: '-created_at' }),
        answered: (page, words) => {
            show(page.items, page.items.length ? page.items[0].id : '');
            said.textContent = page.total === 0 ? `No job matches “${words}”.`
                : page.total > page.items.length ? `${plural(page.total, 'job')} match “${words}”: the newest ${page.items.length} are in the list.`
                    : `${plural(page.total, 'job')} ${page.total === 1 ? 'matches' : 'match'} “${words}”.`;
        },
        failed: (err) => { said.textContent = errorText(err); },
        cleared: () => {
            show(jobs, select.value);
            said.textContent = '';
        },
        enter: true, // Enter in the box asks at once rather than sending the form
    });
    const findField = field('Find a job', find, `The list below starts with your ${plural(jobs.length, 'newest job')} of ${number(total)}: type to find any other.`);
    findField.append(said);
    return [findField, field(labelText, select)];
}
