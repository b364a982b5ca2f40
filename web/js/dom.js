// Small DOM helpers. Every piece of text goes in through text nodes (textContent), never
// through innerHTML, so what users typed can never become markup.

import { errorText } from './api.js';

/* Properties set as DOM properties rather than attributes. */
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'required', 'multiple']);

/*
 * Creates an element: h('a', { href: '#/jobs', class: 'x', onclick: fn }, 'text', child...).
 * Attribute values null, undefined or false are left out; children may be strings, numbers,
 * nodes, nested arrays or null.
 */
export function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') el.className = value;
        else if (key.startsWith('on')) {
            // Handlers are functions only: an attribute string would be code from text.
            if (typeof value !== 'function') throw new TypeError(`${key} must be a function`);
            el.addEventListener(key.slice(2), value);
        }
        else if (PROPERTIES.has(key)) el[key] = value;
        else el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
}

/* Appends children to el with h()'s rules (null and false are skipped). */
export function mount(el, ...children) {
    append(el, children);
}

function append(el, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        if (Array.isArray(child)) append(el, child);
        else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

/* <option>s for values (strings or [value, label] pairs), the one equal to current selected. */
export function options(values, current) {
    return values.map((v) => {
        const [value, label] = Array.isArray(v) ? v : [v, v];
        return h('option', { value, selected: value === (current ?? '') }, label);
    });
}

/* A labelled form control: the label points at control.id. */
export function field(label, control, hint) {
    const hintEl = hint ? h('small', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
    if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
    return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/* The page heading; focused after navigation so screen readers announce the new view. */
export function heading(text) {
    return h('h1', { tabindex: '-1', 'data-testid': 'page-title' }, text);
}

/* An empty error box (role=alert) to pass to showError. */
export function errorBox(testid = 'form-error') {
    return h('div', { class: 'error', role: 'alert', 'data-testid': testid, hidden: true });
}

/*
 * Shows err in box (an errorBox). When the server named a field that form has, that control is
 * marked invalid and focused; a field the page cannot point at is named in the text instead.
 * extra nodes are appended after the message (e.g. a link). showError(box, null, form) clears
 * the box and the marks.
 */
export function showError(box, err, form, ...extra) {
    if (form) for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    if (!err) {
        box.replaceChildren();
        box.hidden = true;
        return;
    }
    const control = form && err.field ? form.elements.namedItem(err.field) : null;
    const text = control ? err.message : errorText(err);
    box.replaceChildren(h('span', { 'data-testid': 'error-message' }, text), ...extra);
    box.hidden = false;
    if (control && control.focus) {
        control.setAttribute('aria-invalid', 'true');
        control.focus();
    }
}

/* Turns a snake_case value into words: "phone_screen" -> "Phone screen". */
export function humanize(value) {
    if (value === null || value === undefined || value === '') return '';
    const text = String(value).replace(/_/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/* A status badge. */
export function badge(status) {
    return h('span', { class: `badge status-${status}`, 'data-testid': 'status' }, humanize(status));
}
