// Errors in words a person understands (the GOV.UK pattern): a summary box at the top of the
// form listing each problem as a link to its field, the same message next to the field, the
// field marked invalid. The server names the field at fault (error.field); the page shows that
// field's own label, never the API's name for it, and rewrites the few machine-shaped messages
// (pipeline refusals, "not an allowed value") into sentences. And search as you type for a box
// whose words are asked of the server (typedSearch, below).

import { ApiError } from './api.js';
import { h, humanize } from './dom.js';
import { flash } from './flash.js';
import { bytes, number } from './format.js';

/* Labels for API names that can appear in messages outside a form's own fields. */
const KNOWN = {
    salary_min: 'Salary from', salary_max: 'Salary to', daily_application_goal: 'Daily application goal',
    application_url: 'Application link', source_url: 'Posting link', job_id: 'Job',
    follow_up_date: 'Follow-up date', interview_date: 'Interview date', applied_date: 'Date applied',
    response_date: 'Response date', offer_date: 'Offer date', current_password: 'Current password',
    new_password: 'New password', min_salary: 'Minimum salary', content_type: 'Kind of text',
    interview_type: 'Interview type', total_questions: 'Number of questions',
    experience_level: 'Experience level', preferred_locations: 'Preferred locations',
    prefer_remote_jobs: 'Prefer remote jobs', tech_stack: 'Tech stack', is_helpful: 'Helpful',
    change_note: 'Change note', resource_ids: 'Resources', completed_resource_ids: 'Completed resources',
    email: 'E-mail', username: 'Username', password: 'Password',
};

/* Words for a status or other enum value ("phone_screen" -> "Phone screen"). */
const word = (value) => humanize(value);

function sentence(text) {
    const t = text.trim();
    if (!t) return t;
    const first = t.charAt(0).toUpperCase() + t.slice(1);
    return /[.!?]$/.test(first) ? first : `${first}.`;
}

/* "a, b or c" */
export function orList(items) {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/*
 * Rewrites one server message for people: field names become labels (labelOf(name) gives the
 * form's label, or null), snake_case values become words, pipeline refusals become sentences.
 */
export function plainMessage(message, field, allowed, labelOf = () => null) {
    const label = (name) => labelOf(name) || KNOWN[name] || word(name);
    let m = String(message || '');
    let r = /^cannot move from (\w+) to (\w+); allowed: (.*)$/.exec(m);
    if (r) {
        const next = (allowed && allowed.length ? allowed : r[3].split(/,\s*/)).map(word);
        return `Cannot move from ${word(r[1])} to ${word(r[2])}. Allowed next: ${orList(next)}.`;
    }
    r = /^status (\w+) is final: no move is allowed(?:; \?force=true reopens it to (\w+))?$/.exec(m);
    if (r) return `${word(r[1])} is a final status: reopen the application${r[2] ? ` (back to ${word(r[2])})` : ''} to move it again.`;
    if (/is not an allowed value/.test(m) && allowed && allowed.length)
        return `${label(field)} must be one of: ${orList(allowed.map(word))}.`;
    if (field) m = m.replace(new RegExp(`^${field}\\b`), label(field));
    // The validator's type words, for people ("must be an integer" -> "a whole number").
    m = m.replace(/\bmust not be null\b/, 'is required') // a required field sent empty
        .replace(/\bmust be a non-negative integer\b/, 'must be a whole number, 0 or more')
        .replace(/\bmust be an integer\b/, 'must be a whole number')
        .replace(/\bmust be an RFC 3339 timestamp\b/, 'must be a date and time')
        .replace(/\bmust be a date \(YYYY-MM-DD\)/, 'must be a date')
        // a range's bounds with their thousands marked ("between 0 and 1,000,000,000")
        .replace(/\bbetween (-?\d+) and (-?\d+)\b/, (all, low, high) => `between ${number(low)} and ${number(high)}`);
    // Any other API name left in the text (salary_max in "... greater than salary_max").
    m = m.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, (name) => {
        const known = labelOf(name) || KNOWN[name];
        return known ? known : name.replace(/_/g, ' ');
    });
    return sentence(m);
}

/* True for the server's "this was changed elsewhere since you read it" (412 on If-Match). */
export function isStale(err) {
    return err instanceof ApiError && err.status === 412;
}

/* The text to show for any error thrown at the page. noun names what was edited ("job"). */
export function errorText(err, labelOf, noun) {
    if (!(err instanceof ApiError)) return sentence(String((err && err.message) || err));
    if (err.status === 0) return err.message;
    if (err.status === 412) return `This ${noun || 'item'} was changed elsewhere — reload to see the latest.`;
    if (err.status === 429) return 'Too many attempts. Wait a minute, then try again.';
    if (err.status === 413) { // the server's limit, "Request body exceeds 10485760 bytes", in words
        const limit = /(\d+) bytes/.exec(err.message);
        return limit ? `The file is too big: at most ${bytes(Number(limit[1]))}.` : 'The file is too big.';
    }
    if (err.status >= 500) return 'Something went wrong on the server. Try again in a moment.';
    return plainMessage(err.message, err.field, err.details.allowed, labelOf);
}

/* The label text of form's control named name ("Salary from"), without "(required)". */
function labelIn(form, name) {
    const control = controlIn(form, name);
    if (!control) return null;
    const label = control.labels && control.labels[0];
    if (label) return label.textContent.replace(/\s*\(required\)\s*$/, '').trim();
    const legend = control.closest('fieldset')?.querySelector('legend');
    return legend ? legend.textContent.trim() : null;
}

function controlIn(form, name) {
    if (!form || !name || !form.elements) return null;
    const found = form.elements.namedItem(name);
    if (!found) return null;
    return found instanceof RadioNodeList ? found[0] : found;
}

/*
 * The error area of a form (or of any part of a view when form is null): returns
 * { el, show(err, ...extra), clear() }. show() clears the page notice, fills the summary (with
 * extra nodes such as a link after the message), marks the field and focuses it. noun names what
 * the form edits, for a 412 ("This job was changed elsewhere"), which also gets a Reload button.
 */
export function formError(form, testid = 'form-error', noun = null) {
    const list = h('ul', { class: 'error-list' });
    const el = h('div', { class: 'error-summary', role: 'alert', 'data-testid': testid, hidden: true },
        h('h2', { class: 'error-title' }, 'There is a problem'), list);

    const clear = () => {
        el.hidden = true;
        list.replaceChildren();
        if (!form) return;
        for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
        for (const e of form.querySelectorAll('.field-error')) {
            e.hidden = true;
            e.textContent = '';
        }
    };

    const show = (err, ...extra) => {
        clear();
        // the answer that ended the session: the page is on its way to the login page, whose
        // notice says so (clearing it here lost it) and brings back what was typed (navigate.js)
        if (!err || (err instanceof ApiError && err.sessionEnded)) return;
        flash.clear();
        const control = err instanceof ApiError ? controlIn(form, err.field) : null;
        let text = errorText(err, (name) => labelIn(form, name), noun);
        // "Title must be 1 to 255 characters." about a field left empty: it is required
        const length = /^(.+) must be 1 to \d+ characters\.$/.exec(text);
        if (length && control && typeof control.value === 'string' && !control.value.trim()) text = `${length[1]} is required.`;
        const message = h('span', { 'data-testid': 'error-message' }, text);
        if (isStale(err)) // changed elsewhere: offer the latest
            extra = [' ', h('button', { type: 'button', class: 'small', 'data-testid': 'reload-latest',
                onclick: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }, 'Reload'), ...extra];
        if (control) {
            const slot = control.id && document.getElementById(`${control.id}-error`);
            if (slot) {
                slot.textContent = text;
                slot.hidden = false;
            }
            control.setAttribute('aria-invalid', 'true');
            const link = h('a', { href: `#${control.id}`, onclick: (event) => {
                event.preventDefault();
                control.focus();
            } }, message);
            list.append(h('li', null, link, ...extra));
        } else {
            list.append(h('li', null, message, ...extra));
        }
        el.hidden = false;
        if (control && control.focus) control.focus();
        else if (!el.contains(document.activeElement)) el.scrollIntoView({ block: 'nearest' });
    };
    return { el, show, clear };
}

/*
 * Runs action() (async) with button disabled while it works (a button that had the focus has it
 * again afterwards, unless the action moved it elsewhere); errors go to errors.show.
 * Returns action's result, or undefined after an error.
 */
export async function busy(button, errors, action) {
    if (errors) errors.clear();
    // A focused control that is disabled loses the focus to the page's body: a keyboard user who
    // pressed Save or ticked a box would start again from the top of the page. It gets it back.
    const hadFocus = Boolean(button) && document.activeElement === button;
    if (button) button.disabled = true;
    try {
        return await action();
    } catch (err) {
        if (errors) errors.show(err);
        else throw err;
        return undefined;
    } finally {
        if (button) {
            button.disabled = false;
            const lost = !document.activeElement || document.activeElement === document.body;
            if (hadFocus && lost && button.isConnected) button.focus();
        }
    }
}

/* For download(path, name, onProgress) under busy(): the button says the bytes received so far,
 * "Downloading… 45.2 MB" (changed at most every tenth of a megabyte), and gets its words back
 * with done(). */
export function downloadProgress(button) {
    const words = button.textContent;
    let shown = -1;
    return {
        onProgress: (received) => {
            const step = Math.floor(received / 104858);
            if (step === shown) return;
            shown = step;
            button.textContent = `Downloading… ${bytes(received)}`;
        },
        done: () => { button.textContent = words; },
    };
}

const TYPING_PAUSE = 300;

/*
 * Search as you type (job_picker.js's "Find a job", the job page's name of a new contact): the
 * words are asked once the typing pauses (TYPING_PAUSE ms), so a word is one request, not one a
 * key; each request is numbered, and an answer to older words that comes after newer words were
 * typed is dropped, so the last words win; an empty box calls cleared() without asking. With
 * enter, Enter asks at once instead of sending the form.
 * input: the box; ask(words) -> promise of the answer; answered(answer, words);
 * failed(err, words); cleared().
 */
export function typedSearch(input, { ask, answered, failed = () => {}, cleared = () => {}, enter = false }) {
    let timer = null;
    let asked = 0; // the latest words' number
    const run = (words, mine) => ask(words).then((answer) => {
        if (mine === asked) answered(answer, words);
    }, (err) => {
        if (mine === asked) failed(err, words);
    });
    const typed = (now) => {
        clearTimeout(timer);
        const words = input.value.trim();
        const mine = ++asked;
        if (!words) return cleared();
        if (now) run(words, mine);
        else timer = setTimeout(() => run(words, mine), TYPING_PAUSE);
    };
    input.addEventListener('input', () => typed(false));
    if (enter) {
        input.addEventListener('keydown', (event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            typed(true);
        });
    }
}
