// Modal dialogs on the native <dialog> element: focus moves into it, Escape closes it, focus
// returns to the control that opened it.

import { h, mount } from './dom.js';

let counter = 0;

/*
 * Opens a dialog titled title holding content (nodes). actions: [{ label, value, class }]
 * buttons that close it with their value. Resolves to the value (null when dismissed).
 * build(close) may be given instead of content to wire forms that close the dialog themselves.
 */
export function openDialog({ title, content, actions = [], build, testid = 'dialog' }) {
    return new Promise((resolve) => {
        const opener = document.activeElement;
        const titleId = `dialog-title-${++counter}`;
        let result = null;
        const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'data-testid': testid });
        const close = (value) => {
            result = value;
            dialog.close();
        };
        mount(dialog, // by h()'s rules: a dialog without actions gets no "null" text
            h('h2', { id: titleId }, title),
            h('div', { class: 'dialog-body' }, build ? build(close) : content),
            actions.length ? h('div', { class: 'actions dialog-actions' }, actions.map((a) =>
                h('button', { type: 'button', class: a.class || null, 'data-testid': a.testid || null,
                    onclick: () => close(a.value) }, a.label))) : null);
        dialog.addEventListener('close', () => {
            dialog.remove();
            if (opener && opener.isConnected && opener.focus) opener.focus();
            resolve(result);
        });
        document.body.append(dialog);
        dialog.showModal();
    });
}

/* A yes/no question; resolves true when confirmed. The cancel button has the focus first. */
export async function confirmDialog({ title, body, confirm = 'Confirm', danger = false }) {
    const value = await openDialog({
        title, testid: 'confirm-dialog',
        content: typeof body === 'string' ? h('p', null, body) : body,
        actions: [
            { label: 'Cancel', value: false, testid: 'confirm-cancel' },
            { label: confirm, value: true, class: danger ? 'danger' : 'primary', testid: 'confirm-ok' },
        ],
    });
    return value === true;
}
