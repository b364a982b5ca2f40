// A data table with a column chooser (the choice kept in localStorage per table), optional
// row selection for bulk actions, and a card layout on narrow screens (each cell labelled by
// its column through data-label, laid out by app.css).

import { h } from './dom.js';

const STORE = 'copilot.columns.';

function chosen(id, columns) {
    try {
        const saved = JSON.parse(localStorage.getItem(STORE + id));
        if (Array.isArray(saved)) return new Set(columns.filter((c) => c.fixed || saved.includes(c.key)).map((c) => c.key));
    } catch { /* a broken saved choice falls back to the defaults */ }
    return new Set(columns.filter((c) => c.fixed || c.show !== false).map((c) => c.key));
}

/*
 * dataTable({ id, caption, columns, rows, rowKey, rowProps, selectable, onSelection })
 *   columns: [{ key, label, cell(row) -> node|string, fixed (always shown), show (default true),
 *              className }]
 *   selectable: a checkbox per row and one for all; onSelection(Set of keys) on each change.
 * Returns { el, chooser, selected() }: el is the table (re-rendered when columns change) and
 * chooser the "Columns" control to place in a toolbar.
 */
export function dataTable(opts) {
    const { id, caption, columns, rows, rowKey = (r) => r.id, rowProps = () => ({}), selectable,
        onSelection = () => {} } = opts;
    let visible = chosen(id, columns);
    const selected = new Set();
    const wrap = h('div', { class: 'table-wrap' });

    const render = () => {
        const cols = columns.filter((c) => visible.has(c.key));
        const all = selectable ? h('input', {
            type: 'checkbox', id: `${id}-all`, 'aria-label': 'Select all rows on this page',
            checked: rows.length > 0 && selected.size === rows.length,
            onchange: (event) => {
                selected.clear();
                if (event.target.checked) for (const r of rows) selected.add(rowKey(r));
                render();
                onSelection(new Set(selected));
            },
        }) : null;
        if (all) all.indeterminate = selected.size > 0 && selected.size < rows.length;
        const table = h('table', { class: 'list', id, 'data-testid': `${id}-table` },
            caption ? h('caption', { class: 'sr-only' }, caption) : null,
            h('thead', null, h('tr', null,
                selectable ? h('th', { scope: 'col', class: 'select' }, all) : null,
                cols.map((c) => h('th', { scope: 'col', class: c.className || null }, c.label)))),
            h('tbody', null, rows.map((row) => {
                const key = rowKey(row);
                const box = selectable ? h('input', {
                    type: 'checkbox', 'aria-label': `Select ${opts.rowName ? opts.rowName(row) : `row ${key}`}`,
                    checked: selected.has(key), 'data-testid': 'row-select',
                    onchange: (event) => {
                        if (event.target.checked) selected.add(key);
                        else selected.delete(key);
                        render();
                        onSelection(new Set(selected));
                    },
                }) : null;
                return h('tr', rowProps(row),
                    selectable ? h('td', { class: 'select' }, box) : null,
                    cols.map((c, i) => h('td', {
                        'data-label': c.label, class: [c.className, i === 0 ? 'primary-cell' : null].filter(Boolean).join(' ') || null,
                    }, c.cell(row))));
            })));
        const focused = document.activeElement;
        const focusKey = focused && wrap.contains(focused) ? focused.getAttribute('aria-label') : null;
        wrap.replaceChildren(table);
        if (focusKey) wrap.querySelector(`[aria-label="${CSS.escape(focusKey)}"]`)?.focus();
    };

    const chooser = h('details', { class: 'chooser', 'data-testid': `${id}-columns` },
        h('summary', null, 'Columns'),
        h('fieldset', null, h('legend', { class: 'sr-only' }, 'Columns to show'),
            columns.filter((c) => !c.fixed).map((c) => {
                const boxId = `${id}-col-${c.key}`;
                return h('div', { class: 'check' },
                    h('input', { type: 'checkbox', id: boxId, checked: visible.has(c.key),
                        onchange: (event) => {
                            if (event.target.checked) visible.add(c.key);
                            else visible.delete(c.key);
                            localStorage.setItem(STORE + id, JSON.stringify([...visible]));
                            render();
                        } }),
                    h('label', { for: boxId }, c.label));
            })));
    // The list of columns hangs from the button's right edge; where the button sits at the left
    // (a phone, or a toolbar wrapped onto a new line) that would push it off the screen: then it
    // hangs from the left edge instead.
    chooser.addEventListener('toggle', () => {
        if (!chooser.open) return;
        chooser.classList.remove('from-left');
        chooser.classList.toggle('from-left', chooser.querySelector('fieldset').getBoundingClientRect().left < 0);
    });
    render();
    return { el: wrap, chooser, selected: () => new Set(selected) };
}
