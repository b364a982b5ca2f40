// #/calendar: follow-ups, interviews, offers and open tasks by date, as a month grid or as an
// agenda (a list by day) of the chosen month; each event links to its job's page, where its
// application and tasks are (a task linked to no job, to the tasks view).
// The address keeps the choice: #/calendar?month=2026-11&view=agenda. A day of the grid shows at
// most DAY_CAP events; a busier one shows DAY_CAP - 1 and a "+N more" link to the agenda of that
// day alone, #/calendar?month=2026-11&view=agenda&day=2026-11-14 (docs/decisions.md). The agenda
// of a busy month is drawn in chunks: the first days at once, the rest a chunk per task.
// Subscribing from a calendar program is on the account page.
//
// API: GET /calendar?from=&to=.

import { api } from '../api.js';
import { empty, h, mount, srOnly, titleRow } from '../dom.js';
import { plural, timeOfDay, todayLocal } from '../format.js';
import { navigate } from '../navigate.js';

const KINDS = { follow_up: 'Follow-up', interview: 'Interview', offer: 'Offer', task: 'Task' };
const pad = (n) => String(n).padStart(2, '0');
const dayText = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utc = (y, m, d) => new Date(Date.UTC(y, m, d));
/* The day an event goes on: a timed one (an interview) on the reader's own day of its time, as
 * its time is shown in the reader's zone (an interview at 19:30 in Los Angeles is 03:30 UTC the
 * next day); a follow-up, offer or task on the day stored. */
const dayOf = (e) => {
    const t = e.datetime ? new Date(e.datetime) : null;
    return t && !Number.isNaN(t.getTime()) ? `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}` : e.date;
};
/* The most lines a day of the grid shows: up to DAY_CAP events, or DAY_CAP - 1 and "+N more". */
const DAY_CAP = 4;
/* The agenda draws about this many events at once, then as many again per task. */
const AGENDA_CHUNK = 300;
let dayFormat = null;
/* "Saturday 14 November" (in the reader's language) for YYYY-MM-DD. */
function longDay(day) {
    dayFormat ||= new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

export async function render(root, { query }) {
    const today = todayLocal(); // the reader's day, as their clock and the interviews' times
    const m = /^(\d{4})-(\d{2})$/.exec(query.get('month') || '') || /^(\d{4})-(\d{2})/.exec(today);
    const year = Number(m[1]);
    const month = Number(m[2]) - 1;
    const view = query.get('view') === 'agenda' ? 'agenda' : 'month';
    const first = utc(year, month, 1);
    const last = utc(year, month + 1, 0);
    // the grid's weeks run Monday to Sunday around the month
    const start = utc(year, month, 1 - ((first.getUTCDay() + 6) % 7));
    const end = utc(year, month, last.getUTCDate() + (7 - ((last.getUTCDay() + 6) % 7) - 1));
    // a day of the grid (the month's or one around it) alone in the agenda
    const wanted = query.get('day') || '';
    const day = view === 'agenda' && /^\d{4}-\d{2}-\d{2}$/.test(wanted) && wanted >= dayText(start) && wanted <= dayText(end)
        ? wanted : null;
    const data = await api.get('/calendar', { from: dayText(start), to: dayText(end) });
    const byDay = new Map();
    for (const e of data.events) {
        if (!byDay.has(dayOf(e))) byDay.set(dayOf(e), []);
        byDay.get(dayOf(e)).push(e);
    }
    const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(first);
    const here = `${year}-${pad(month + 1)}`;
    const go = (changes) => {
        const next = { month: here, view, ...changes };
        navigate(`#/calendar?month=${next.month}${next.view === 'agenda' ? '&view=agenda' : ''}`);
    };
    const shift = (n) => {
        const d = utc(year, month + n, 1);
        return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
    };
    const inMonth = data.events.filter((e) => dayOf(e) >= dayText(first) && dayOf(e) <= dayText(last));
    const ofDay = day ? byDay.get(day) || [] : null;
    mount(root,
        titleRow('Calendar', h('a', { href: '#/account', class: 'button', 'data-testid': 'calendar-subscribe' }, 'Subscribe in your calendar')),
        h('div', { class: 'calendar-bar' },
            h('div', { class: 'month-nav' },
                h('button', { type: 'button', 'data-testid': 'calendar-previous', onclick: () => go({ month: shift(-1) }) },
                    '‹ ', srOnly('Previous month')),
                h('h2', { 'data-testid': 'calendar-month', 'aria-live': 'polite' }, monthName),
                h('button', { type: 'button', 'data-testid': 'calendar-next', onclick: () => go({ month: shift(1) }) },
                    srOnly('Next month'), ' ›'),
                h('button', { type: 'button', class: 'small', 'data-testid': 'calendar-today',
                    onclick: () => go({ month: today.slice(0, 7) }) }, 'Today')),
            h('div', { class: 'view-switch', role: 'group', 'aria-label': 'Show as' },
                h('button', { type: 'button', 'aria-pressed': String(view === 'month'), 'data-testid': 'calendar-view-month',
                    onclick: () => go({ view: 'month' }) }, 'Month'),
                h('button', { type: 'button', 'aria-pressed': String(view === 'agenda'), 'data-testid': 'calendar-view-agenda',
                    onclick: () => go({ view: 'agenda' }) }, 'Agenda'))),
        day
            ? h('p', { class: 'muted', 'data-testid': 'calendar-count' }, `${plural(ofDay.length, 'date')} on ${longDay(day)}. `,
                h('a', { href: `#/calendar?month=${here}`, 'data-testid': 'calendar-day-back' }, `Back to ${monthName}`), ' · ',
                h('a', { href: `#/calendar?month=${here}&view=agenda`, 'data-testid': 'calendar-day-month' }, `The agenda of ${monthName}`))
            : h('p', { class: 'muted', 'data-testid': 'calendar-count' }, `${plural(inMonth.length, 'date')} in ${monthName}.`),
        // an empty grid says, as the empty agenda does, where its dates come from
        view === 'month' && !inMonth.length ? h('p', { class: 'notice', 'data-testid': 'calendar-month-empty' },
            'Dates show here once you set a follow-up or an interview on an application (from ', h('a', { href: '#/jobs' }, 'a job’s page'),
            '), or give a task a due date (', h('a', { href: '#/tasks' }, 'Tasks'), ').') : null,
        view === 'month' ? grid(start, end, month, byDay, today, monthName, here)
            : day ? agenda(ofDay, longDay(day), day) : agenda(inMonth, monthName));
}

/* An event as a link to its job (or the tasks), coloured by its kind. short: for the month grid
 * (the kind said to screen readers only, no time); in the agenda, under its day's heading, the
 * whole title ("Interview: ...") and the time of day alone. */
function eventLink(e, short) {
    const kind = KINDS[e.type] || e.type;
    const href = e.job_id ? `#/jobs/${e.job_id}` : e.type === 'task' ? '#/tasks' : '#/calendar';
    const time = e.datetime ? timeOfDay(e.datetime) : null;
    return h('a', { href, class: `event event-${e.type}`, 'data-testid': 'calendar-event', 'data-type': e.type,
        'data-application-id': e.application_id ?? '', 'data-task-id': e.task_id ?? '' },
    short ? [srOnly(`${kind}: `), e.title.replace(/^[^:]+: /, '')] : e.title,
    time && !short ? h('span', { class: 'muted' }, ` · ${time}`) : null);
}

/* Which events a capped day shows first: interviews, offers, then follow-ups and tasks. */
const RANK = { interview: 0, offer: 1, follow_up: 2, task: 3 };

/* A day's events in the grid: all of them up to DAY_CAP, else DAY_CAP - 1 (interviews and offers
 * chosen before follow-ups and tasks; shown in the answer's order) and a "+N more" link to the
 * agenda of that day (its accessible name says which day; on a phone "more" is said to screen
 * readers only). */
function dayEvents(events, key, here) {
    if (!events.length) return null;
    if (events.length <= DAY_CAP) return h('ul', { class: 'day-events' }, events.map((e) => h('li', null, eventLink(e, true))));
    const shown = events.map((e, i) => [RANK[e.type] ?? 4, i, e]).sort((x, y) => x[0] - y[0] || x[1] - y[1])
        .slice(0, DAY_CAP - 1).sort((x, y) => x[1] - y[1]).map(([, , e]) => e);
    return h('ul', { class: 'day-events' }, shown.map((e) => h('li', null, eventLink(e, true))),
        h('li', null, h('a', { href: `#/calendar?month=${here}&view=agenda&day=${key}`, class: 'more', 'data-testid': 'calendar-more' },
            `+${events.length - shown.length}`, h('span', { class: 'more-word' }, ' more'), srOnly(` on ${longDay(key)}`))));
}

function grid(start, end, month, byDay, today, monthName, here) {
    const weeks = [];
    for (let d = new Date(start); d <= end;) {
        const days = [];
        for (let i = 0; i < 7; i++, d = utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)) {
            const key = dayText(d);
            const events = byDay.get(key) || [];
            const outside = d.getUTCMonth() !== month;
            days.push(h('td', { class: `${outside ? 'outside' : ''}${key === today ? ' today' : ''}`.trim() || null,
                'data-date': key, 'aria-current': key === today ? 'date' : null },
            h('span', { class: 'day-number' }, String(d.getUTCDate())),
            dayEvents(events, key, here)));
        }
        weeks.push(h('tr', null, days));
    }
    const names = [1, 2, 3, 4, 5, 6, 7].map((i) => {
        const d = utc(2024, 0, i); // 1 January 2024 was a Monday
        return h('th', { scope: 'col', abbr: new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' }).format(d) },
            new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' }).format(d));
    });
    return h('div', { class: 'calendar-scroll' },
        h('table', { class: 'calendar-month', 'data-testid': 'calendar-grid' },
            h('caption', { class: 'sr-only' }, monthName),
            h('thead', null, h('tr', null, names)),
            h('tbody', null, weeks)),
        legend());
}

function legend() {
    return h('p', { class: 'calendar-legend' }, Object.entries(KINDS)
        .map(([k, text]) => h('span', { class: `event event-${k}` }, text)));
}

/* The agenda of events (a month's, or one day's when day is given; name says which), a list by
 * day. A long one is drawn in chunks of about AGENDA_CHUNK events: the first at once, then one per
 * task until the list is whole (aria-busy until then) or gone from the page. The days off screen
 * are neither laid out nor painted (content-visibility in views.css). */
function agenda(events, name, day = null) {
    if (!events.length)
        return empty(day ? `Nothing planned on ${name}.` : `Nothing planned in ${name}. Set a follow-up date or an interview on a job’s application, or give a task a due date.`,
            h('a', { href: '#/jobs', class: 'button' }, 'Go to your jobs'), 'calendar-empty');
    const days = new Map();
    for (const e of events) {
        if (!days.has(dayOf(e))) days.set(dayOf(e), []);
        days.get(dayOf(e)).push(e);
    }
    const list = [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)); // a timed event may have moved a day
    const ol = h('ol', { class: 'agenda', 'data-testid': 'calendar-agenda' });
    let next = 0;
    const draw = () => {
        const part = document.createDocumentFragment();
        for (let drawn = 0; next < list.length && drawn < AGENDA_CHUNK; next++) {
            const [date, items] = list[next];
            drawn += items.length;
            part.append(h('li', null,
                h('h3', null, h('time', { datetime: date }, longDay(date))),
                h('ul', { class: 'plain' }, items.map((e) => h('li', null, eventLink(e, false))))));
        }
        ol.append(part);
        if (next < list.length) {
            ol.setAttribute('aria-busy', 'true');
            setTimeout(() => { if (ol.isConnected) draw(); });
        } else ol.removeAttribute('aria-busy');
    };
    draw();
    return ol;
}
