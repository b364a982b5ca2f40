// Paging for a list answer {items, total, limit, offset}: "21–40 of 95" with First, Previous,
// Next and Last, and, past two pages, a page number to jump to ("Page [3] of 5", Go or Enter):
// a heavy user's 100,000 jobs are 5,000 pages, which Previous and Next alone made a walk.
// Nothing at all for an empty list (never "0–0 of 0") and no buttons when one page holds all; a
// page of one row names it alone ("1 of 1", "21 of 21", never "1–1 of 1"). The views keep the
// offset in their address, so Back returns to the page left, and an address past the end (a row
// deleted since) goes to the last page (pastTheEnd), as a page number typed past it does.

import { h } from './dom.js';
import { number } from './format.js';

/* page: the list answer; onPage(offset) moves. testid names the range text for tests (and the
 * page field's id, so that two pagers on one page never share one). */
export function pager(page, onPage, testid = 'pager-range') {
    if (!page || !page.total) return null;
    const limit = Number(page.limit) || 20;
    const first = page.offset + 1;
    const last = page.offset + page.items.length;
    const rows = first === last ? number(first) : `${number(first)}–${number(last)}`;
    const range = h('span', { class: 'pager-range', 'data-testid': testid }, `${rows} of ${number(page.total)}`);
    if (page.offset === 0 && last >= page.total) return h('p', { class: 'pager' }, range);
    const pages = Math.max(1, Math.ceil(page.total / limit));
    const current = Math.min(pages, Math.floor(page.offset / limit) + 1);
    const lastOffset = (pages - 1) * limit;
    const atStart = page.offset === 0;
    const atEnd = last >= page.total;
    const button = (text, testid, disabled, offset) => h('button', {
        type: 'button', disabled, 'data-testid': testid, onclick: () => onPage(offset),
    }, text);
    return h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('span', { class: 'pager-steps' },
            pages > 2 ? button('First', 'page-first', atStart, 0) : null,
            button('Previous', 'page-prev', atStart, Math.max(0, page.offset - limit))),
        range,
        h('span', { class: 'pager-steps' },
            button('Next', 'page-next', atEnd, page.offset + limit),
            pages > 2 ? button('Last', 'page-last', atEnd, lastOffset) : null),
        pages > 2 ? jump(current, pages, limit, onPage, testid) : null);
}

/* The offset of the last page when the list answer's page lies past the end of a list that has
 * rows (an address kept from before rows were deleted, or typed), else null: the view goes there
 * rather than drawing "No contacts yet" beside "51–50 of 21". */
export function pastTheEnd(page) {
    if (!page || !page.total || page.items.length || !(page.offset > 0)) return null;
    const limit = Number(page.limit) || 20;
    return (Math.ceil(page.total / limit) - 1) * limit;
}

/* "Page [n] of N" with Go: a number past either end goes to that end; anything else that is
 * not a page number says so by the field and moves nothing. */
function jump(current, pages, limit, onPage, testid) {
    const id = `${testid}-page`;
    const input = h('input', {
        id, name: 'page', type: 'text', inputmode: 'numeric', autocomplete: 'off', size: String(Math.max(2, String(pages).length)),
        value: String(current), 'data-testid': 'page-number', 'aria-describedby': `${id}-of`,
    });
    const problem = h('span', { class: 'field-error', id: `${id}-error`, 'data-testid': 'page-error', hidden: true });
    const form = h('form', { class: 'pager-jump', 'data-testid': 'page-jump', novalidate: true },
        h('label', { for: id }, 'Page'), input,
        h('span', { id: `${id}-of` }, `of ${number(pages)}`),
        h('button', { type: 'submit', 'data-testid': 'page-go' }, 'Go'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const text = input.value.replace(/[\s,.\u00a0\u202f]/g, '');
        if (!/^\d+$/.test(text)) {
            problem.textContent = `Type a page number from 1 to ${number(pages)}.`;
            problem.hidden = false;
            input.setAttribute('aria-invalid', 'true');
            input.setAttribute('aria-describedby', `${id}-of ${id}-error`);
            input.focus();
            return;
        }
        const wanted = Math.min(pages, Math.max(1, Number(text)));
        onPage((wanted - 1) * limit);
    });
    return [form, problem]; // the problem on a line of its own under the whole pager
}
