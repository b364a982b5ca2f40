// The only element builder of the page. Every piece of text goes in through text nodes, never
// through innerHTML, so what users typed can never become markup; no style attribute is ever
// written (the Content-Security-Policy forbids them), so looks come from classes in app.css and
// the few computed sizes are set through the CSSOM (el.style.width = ...).

/* Properties set as DOM properties rather than attributes. */
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'required', 'multiple',
    'indeterminate']);
const SVG_NS = 'http://www.w3.org/2000/svg';

function setProps(el, props) {
    for (const [key, value] of Object.entries(props || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'style') throw new TypeError('style attributes are not allowed; use a class');
        if (key === 'class') el.setAttribute('class', value);
        else if (key.startsWith('on')) {
            // Handlers are functions only: an attribute string would be code from text.
            if (typeof value !== 'function') throw new TypeError(`${key} must be a function`);
            el.addEventListener(key.slice(2), value);
        } else if (PROPERTIES.has(key)) el[key] = value;
        else el.setAttribute(key, value === true ? '' : String(value));
    }
}

/*
 * Creates an element: h('a', { href: '#/jobs', class: 'x', onclick: fn }, 'text', child...).
 * Attribute values null, undefined or false are left out; children may be strings, numbers,
 * nodes, nested arrays or null.
 */
export function h(tag, props, ...children) {
    const el = document.createElement(tag);
    setProps(el, props);
    append(el, children);
    return el;
}

/* The same for SVG elements (charts): s('rect', { x: 0, width: 10 }). */
export function s(tag, props, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    setProps(el, props);
    append(el, children);
    return el;
}

/* Appends children to el with h()'s rules (null and false are skipped). */
export function mount(el, ...children) {
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        if (Array.isArray(child)) append(el, child);
        else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

/* Replaces el's children with children, by h()'s rules (nested arrays, null skipped). */
export function replace(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

/* A document fragment of children (for replaceChildren of several nodes). */
export function fragment(...children) {
    const f = document.createDocumentFragment();
    append(f, children);
    return f;
}

/* <option>s for values (strings or [value, label] pairs), the one equal to current selected. */
export function options(values, current) {
    return values.map((v) => {
        const [value, label] = Array.isArray(v) ? v : [v, v];
        return h('option', { value, selected: String(value) === String(current ?? '') }, label);
    });
}

/*
 * A labelled form control: the label points at control.id, an optional hint and an (empty)
 * inline error slot below it are tied to the control by aria-describedby. The error slot is
 * filled by forms.js when the server names this field. A required control (its `required`
 * set) says so in its label, "Name (required)", the same way in every form of the page; the
 * forms keep `novalidate`, so the server's words say what is wrong.
 */
export function field(label, control, hint, opts = {}) {
    const hintEl = hint ? h('small', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
    const errorEl = h('p', { class: 'field-error', id: `${control.id}-error`, hidden: true });
    control.setAttribute('aria-describedby', [hintEl && hintEl.id, errorEl.id].filter(Boolean).join(' '));
    const isCheck = control.type === 'checkbox' || control.type === 'radio';
    const labelEl = h('label', { for: control.id }, label, control.required && !isCheck ? ' (required)' : null);
    return h('div', { class: `field${isCheck ? ' check' : ''}${opts.wide ? ' wide' : ''}` },
        isCheck ? [control, labelEl] : [labelEl, hintEl, errorEl, control],
        isCheck ? [hintEl, errorEl] : null);
}

/* A group of checkboxes in a fieldset: values are [value, label] pairs, checked a Set. */
export function checkboxes(legend, name, values, checked, idPrefix) {
    return h('fieldset', { class: 'field checkboxes', id: `${idPrefix}-group` },
        h('legend', null, legend),
        h('div', { class: 'check-row' }, values.map(([value, label]) => {
            const id = `${idPrefix}-${String(value).replace(/[^a-z0-9]+/gi, '-')}`;
            return h('span', { class: 'check' },
                h('input', { type: 'checkbox', id, name, value, checked: checked.has(value) }),
                h('label', { for: id }, label));
        })));
}

/* The page heading; focused after navigation so screen readers announce the new view. */
export function heading(text, ...extra) {
    return h('h1', { tabindex: '-1', 'data-testid': 'page-title' }, text, ...extra);
}

/* A heading row: the title with actions on its right. */
export function titleRow(title, ...actions) {
    return h('div', { class: 'title-row' }, typeof title === 'string' ? heading(title) : title,
        actions.length ? h('div', { class: 'title-actions' }, actions) : null);
}

/* A "Loading…" line for a part of a view that fills in later. */
export function loading(text = 'Loading…') {
    return h('p', { class: 'loading', role: 'status', 'data-testid': 'loading' }, text);
}

/* An empty state: what is missing and the next action (a node or null). */
export function empty(text, action, testid = 'empty') {
    return h('div', { class: 'empty', 'data-testid': testid }, h('p', null, text), action || null);
}

/* Text only screen readers read (charts' tables, icon buttons). */
export function srOnly(...children) {
    return h('span', { class: 'sr-only' }, ...children);
}

/* Turns a snake_case value into words: "phone_screen" -> "Phone screen". */
export function humanize(value) {
    if (value === null || value === undefined || value === '') return '';
    const text = String(value).replace(/_/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/* A status badge (statuses of jobs, applications, feedback, sessions...). */
export function badge(status, label) {
    return h('span', { class: `badge status-${status}`, 'data-testid': 'status' }, label || humanize(status));
}

/* A small progress bar with its value as text for everyone. */
export function progressBar(value, max, label) {
    const bar = h('span', { class: 'bar-fill' });
    const share = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
    bar.style.width = `${(share * 100).toFixed(1)}%`;
    return h('span', {
        class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': max,
        'aria-valuenow': value, 'aria-label': label,
    }, bar);
}

/* An external link (http/https only; anything else is shown as text). */
export function externalLink(url, text) {
    if (!/^https?:\/\//i.test(String(url || ''))) return text || url || '';
    return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, text || url,
        srOnly(' (opens in a new tab)'));
}

/* Saves a blob as a file through a temporary link (the browser's download). */
export function saveBlob(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: filename, class: 'sr-only' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
