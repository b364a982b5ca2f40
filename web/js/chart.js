// Small charts of our own (docs/web.md says why not a library): bars as HTML tables so their
// text stays readable at 390 px and screen readers read them as tables; time series as SVG
// with a visually hidden table beside them. Sizes are set through the CSSOM, never through
// style attributes, so the charts work under a strict Content-Security-Policy.

import { h, s } from './dom.js';
import { number } from './format.js';

let counter = 0;

function share(value, max) {
    return max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
}

function fill(className, pct) {
    const el = h('span', { class: className });
    el.style.width = `${pct.toFixed(2)}%`;
    return el;
}

/*
 * Horizontal bars as a table: items [{ label (node|string), value, note?, mark? }];
 * mark: true draws the bar in the warning colour (a funnel's bottleneck).
 * opts: { caption, valueLabel, format(value, item) }.
 */
export function barTable(items, opts = {}) {
    const max = opts.max ?? Math.max(0, ...items.map((i) => i.value));
    const format = opts.format || ((v) => number(v));
    return h('table', { class: 'bars', 'data-testid': opts.testid || null },
        h('caption', { class: opts.showCaption ? 'chart-caption' : 'sr-only' }, opts.caption || ''),
        h('thead', { class: 'sr-only' }, h('tr', null,
            h('th', { scope: 'col' }, opts.labelHeader || 'Item'),
            h('th', { scope: 'col' }, opts.valueLabel || 'Value'))),
        h('tbody', null, items.map((item) => h('tr', { class: item.mark ? 'marked' : null },
            h('th', { scope: 'row' }, item.label),
            h('td', null,
                h('span', { class: 'bar-track', 'aria-hidden': 'true' },
                    fill(`bar-fill${item.mark ? ' warn' : ''}`, share(item.value, max))),
                h('span', { class: 'bar-value' }, format(item.value, item)),
                item.note ? h('span', { class: 'bar-note' }, item.note) : null)))));
}

/*
 * A rate beside its benchmarks (low / typical / strong): a track with the three levels marked
 * and the user's rate as a marker, then the same in words.
 */
export function benchmark(name, b) {
    const top = Math.max(b.strong * 1.25, b.rate || 0, 1);
    const track = h('span', { class: 'bench-track', 'aria-hidden': 'true' });
    for (const level of ['low', 'typical', 'strong']) {
        const tick = h('span', { class: `bench-tick ${level}` });
        tick.style.left = `${share(b[level], top)}%`;
        track.append(tick);
    }
    const marker = h('span', { class: `bench-marker level-${b.level}` });
    // kept inside the track at 0% and at the top of the scale (it is 1.2rem wide, centred)
    marker.style.left = `clamp(.6rem, ${share(b.rate || 0, top)}%, calc(100% - .6rem))`;
    track.append(fill('bench-fill', share(b.rate || 0, top)), marker);
    const pct = (v) => `${number(v, 1)}%`;
    return h('div', { class: 'bench', 'data-testid': `bench-${name.toLowerCase().split(' ')[0]}` },
        h('div', { class: 'bench-head' },
            h('span', { class: 'bench-name' }, name),
            h('strong', { class: 'bench-rate' }, pct(b.rate || 0)),
            h('span', { class: `bench-level level-${b.level}` }, levelWord(b.level))),
        track,
        h('p', { class: 'bench-scale' },
            `Low ${pct(b.low)} · typical ${pct(b.typical)} · strong ${pct(b.strong)}`));
}

function levelWord(level) {
    return { below_low: 'below low', low: 'low', typical: 'typical', strong: 'strong' }[level] || level || '';
}

/*
 * Columns over time in SVG: points [{ label, value, title }]. The SVG stretches to its box;
 * axis labels are HTML below it (every few columns on narrow charts), and a hidden table
 * carries every value for screen readers.
 */
export function columnChart(points, opts = {}) {
    const id = `chart-${++counter}`;
    const max = Math.max(1, ...points.map((p) => p.value));
    const n = Math.max(points.length, 1);
    const bw = 100 / n;
    const svg = s('svg', { class: 'columns-svg', viewBox: '0 0 100 100', preserveAspectRatio: 'none',
        'aria-hidden': 'true', focusable: 'false' },
    [0.25, 0.5, 0.75].map((f) => s('line', { class: 'grid-line', x1: 0, x2: 100, y1: 100 - f * 100, y2: 100 - f * 100 })),
    points.map((p, i) => {
        const height = (p.value / max) * 96;
        return s('rect', { class: 'column-bar', x: i * bw + bw * 0.15, width: bw * 0.7,
            y: 100 - height, height }, s('title', null, `${p.title || p.label}: ${number(p.value)}`));
    }));
    const every = Math.ceil(n / 6);
    const axis = h('div', { class: 'columns-axis', 'aria-hidden': 'true' },
        points.map((p, i) => h('span', null, i % every === 0 ? p.label : '')));
    return h('figure', { class: 'chart', 'aria-labelledby': `${id}-caption`, 'data-testid': opts.testid || null },
        h('figcaption', { id: `${id}-caption`, class: opts.showCaption ? 'chart-caption' : 'sr-only' }, opts.caption),
        h('div', { class: 'columns-frame' },
            h('span', { class: 'columns-max', 'aria-hidden': 'true' }, number(max)), svg),
        axis,
        valueTable(points, opts));
}

/*
 * Lines over time in SVG: series [{ name, values: [numbers|null] }] against labels[]; each
 * series gets its own class (series-0, series-1...) and a legend; a hidden table has the values.
 */
export function lineChart(labels, series, opts = {}) {
    const id = `chart-${++counter}`;
    const max = opts.max ?? Math.max(1, ...series.flatMap((sr) => sr.values.filter((v) => v != null)));
    const n = labels.length;
    const x = (i) => (n <= 1 ? 50 : (i / (n - 1)) * 100);
    const y = (v) => 100 - (v / max) * 96;
    const svg = s('svg', { class: 'lines-svg', viewBox: '0 0 100 100', preserveAspectRatio: 'none',
        'aria-hidden': 'true', focusable: 'false' },
    [0.25, 0.5, 0.75].map((f) => s('line', { class: 'grid-line', x1: 0, x2: 100, y1: 100 - f * 100, y2: 100 - f * 100 })),
    series.map((sr, k) => {
        const pts = sr.values.map((v, i) => (v == null ? null : `${x(i).toFixed(2)},${y(v).toFixed(2)}`)).filter(Boolean);
        return s('g', { class: `series-${k}` },
            s('polyline', { class: 'line', points: pts.join(' ') }),
            // One point has no line to draw: a short level dash shows it (a circle would be
            // stretched by the non-uniform scaling).
            n === 1 && sr.values[0] != null ? s('line', { class: 'line', x1: 44, x2: 56, y1: y(sr.values[0]), y2: y(sr.values[0]) }) : null);
    }));
    const every = Math.ceil(n / 5);
    return h('figure', { class: 'chart', 'aria-labelledby': `${id}-caption`, 'data-testid': opts.testid || null },
        h('figcaption', { id: `${id}-caption`, class: opts.showCaption ? 'chart-caption' : 'sr-only' }, opts.caption),
        h('ul', { class: 'legend', 'aria-hidden': 'true' }, series.map((sr, k) =>
            h('li', { class: `series-${k}` }, h('span', { class: 'swatch' }), sr.name))),
        h('div', { class: 'lines-frame' },
            h('span', { class: 'columns-max', 'aria-hidden': 'true' }, opts.formatMax ? opts.formatMax(max) : number(max)), svg),
        h('div', { class: 'columns-axis', 'aria-hidden': 'true' },
            labels.map((l, i) => h('span', null, i % every === 0 || i === n - 1 ? l : ''))),
        h('div', { class: 'sr-only' }, h('table', null,
            h('caption', null, opts.caption),
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, opts.labelHeader || 'Date'),
                series.map((sr) => h('th', { scope: 'col' }, sr.name)))),
            h('tbody', null, labels.map((l, i) => h('tr', null, h('th', { scope: 'row' }, l),
                series.map((sr) => h('td', null, sr.values[i] == null ? '–' : (opts.format || number)(sr.values[i])))))))));
}

function valueTable(points, opts) {
    return h('div', { class: 'sr-only' }, h('table', null,
        h('caption', null, opts.caption),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, opts.labelHeader || 'Period'),
            h('th', { scope: 'col' }, opts.valueLabel || 'Value'))),
        h('tbody', null, points.map((p) => h('tr', null,
            h('th', { scope: 'row' }, p.title || p.label), h('td', null, number(p.value)))))));
}

/*
 * Ranges per row on each row's own scale (salaries in different currencies): items
 * [{ label, low, high, from, to, text }] draws low..high as the track and from..to filled.
 */
export function rangeTable(items, opts = {}) {
    return h('table', { class: 'bars ranges', 'data-testid': opts.testid || null },
        h('caption', { class: 'sr-only' }, opts.caption || ''),
        h('thead', { class: 'sr-only' }, h('tr', null,
            h('th', { scope: 'col' }, opts.labelHeader || 'Item'), h('th', { scope: 'col' }, 'Range'))),
        h('tbody', null, items.map((item) => {
            const span = item.high - item.low || 1;
            const bar = h('span', { class: 'range-fill' });
            bar.style.left = `${share(item.from - item.low, span)}%`;
            bar.style.width = `${Math.max(1, share(item.to - item.from, span))}%`;
            return h('tr', null, h('th', { scope: 'row' }, item.label),
                h('td', null, h('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
                    h('span', { class: 'bar-note' }, item.text)));
        })));
}

