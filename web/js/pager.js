// Previous / next paging for a list answer {items, total, limit, offset}: "21–40 of 95".
// Nothing at all for an empty list (never "0–0 of 0") and no buttons when one page holds all.

import { h } from './dom.js';
import { number } from './format.js';

/* page: the list answer; onPage(offset) moves. testid names the range text for tests. */
export function pager(page, onPage, testid = 'pager-range') {
    if (!page || !page.total) return null;
    const limit = Number(page.limit) || 20;
    const first = page.offset + 1;
    const last = page.offset + page.items.length;
    const range = h('span', { 'data-testid': testid }, `${number(first)}–${number(last)} of ${number(page.total)}`);
    if (page.offset === 0 && last >= page.total) return h('p', { class: 'pager' }, range);
    return h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', {
            type: 'button', disabled: page.offset === 0, 'data-testid': 'page-prev',
            onclick: () => onPage(Math.max(0, page.offset - limit)),
        }, 'Previous'),
        range,
        h('button', {
            type: 'button', disabled: last >= page.total, 'data-testid': 'page-next',
            onclick: () => onPage(page.offset + limit),
        }, 'Next'));
}
