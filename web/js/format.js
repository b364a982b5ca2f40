// Numbers, money, dates and the words for stored values, formatted with Intl in the browser's
// language. Dates from the API are UTC: YYYY-MM-DD days are shown as that calendar day,
// timestamps in the reader's time zone. Words about a day ("today", "yesterday", "overdue",
// "due tomorrow") are said against the reader's own calendar day (todayLocal), the one their
// date picker and clock show: in Los Angeles at 6 PM the server's UTC day is already tomorrow
// (docs/web.md, "Days: the reader's and the server's").

import { humanize } from './dom.js';

const cache = new Map();
function formatter(key, make) {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key);
}

export function number(value, digits = 0) {
    if (value === null || value === undefined || Number.isNaN(Number(value))) return '–';
    return formatter(`n${digits}`, () => new Intl.NumberFormat(undefined, {
        maximumFractionDigits: digits,
    })).format(Number(value));
}

/* "35.7 %" style, from a value already in percent. */
export function percent(value, digits = 1) {
    if (value === null || value === undefined) return '–';
    const f = formatter(`p${digits}`, () => new Intl.NumberFormat(undefined, {
        style: 'percent', maximumFractionDigits: digits,
    }));
    const v = Number(value), step = 10 ** -digits;
    // a share that rounds to 0 or to 100 but is neither is not said so: 1 of 300 is "<1%", not
    // "0%", and 299 of 300 ">99%", not "100%" (session 35)
    if (v > 0 && v < step / 2) return `<${f.format(step / 100)}`;
    if (v < 100 && v >= 100 - step / 2) return `>${f.format((100 - step) / 100)}`;
    return f.format(v / 100);
}

/* 134000 EUR -> "€134,000"; an unknown currency code is shown after the number. */
export function money(amount, currency) {
    if (amount === null || amount === undefined) return '';
    if (!currency) return number(amount);
    try {
        return formatter(`c${currency}`, () => new Intl.NumberFormat(undefined, {
            style: 'currency', currency, maximumFractionDigits: 0,
        })).format(amount);
    } catch {
        return `${number(amount)} ${currency}`;
    }
}

/* A job's salary: "€90,000 – €120,000", "from €90,000", "up to …", or the advertised text. */
export function salary(job) {
    const { salary_min: min, salary_max: max, currency } = job;
    if (min != null && max != null)
        return min === max ? money(min, currency) : `${money(min, currency)} – ${money(max, currency)}`;
    if (min != null) return `from ${money(min, currency)}`;
    if (max != null) return `up to ${money(max, currency)}`;
    return job.salary_range || '';
}

function parseDay(day) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(day || ''));
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/* "Go, SQL,, go " -> ["Go", "SQL"]: a comma-separated field as a list, each item once
 * (compared without case; the first spelling is kept). */
export function commaList(text) {
    const seen = new Set();
    return String(text || '').split(',').map((x) => x.trim()).filter((x) => {
        const key = x.toLowerCase();
        if (!x || seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/* A typed whole number as a number, "-3" too (the server then names the range it allows: "must
 * be between 0 and 100", where "-3" sent as text would read "must be a whole number"); any
 * other text as it is, for the server to refuse. */
export function wholeNumber(text) {
    const t = String(text).trim();
    return /^-?\d+$/.test(t) ? Number(t) : t;
}

/* A typed amount of money as a whole number, as people write one: "80000", "80,000", "80 000",
 * "80k", "82.5k", "1.2m" (k thousands, m millions); anything else as wholeNumber() reads it, for
 * the server to refuse in words. "80.000" is left alone: a thousands dot or a decimal point. */
export function amount(text) {
    const t = String(text).trim();
    let m = /^(\d{1,3}(?:[, \u00a0\u202f]\d{3})+)$/.exec(t);
    if (m) return Number(m[1].replace(/\D/g, ''));
    m = /^(\d+(?:\.\d+)?)\s*([km])$/i.exec(t);
    if (m) return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : 1e6));
    return wholeNumber(t);
}

/* A résumé's "2020-01" -> "Jan 2020"; a bare year or anything else stays as it is. */
export function month(value) {
    const m = /^(\d{4})-(\d{2})$/.exec(String(value || ''));
    if (!m) return value ? String(value) : '';
    return formatter('m', () => new Intl.DateTimeFormat(undefined, {
        month: 'short', year: 'numeric', timeZone: 'UTC',
    })).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/* "2026-11-28" or a timestamp -> "28 Nov 2026" (the calendar day as stored). */
export function date(value) {
    const d = parseDay(value);
    if (!d) return '';
    return formatter('d', () => new Intl.DateTimeFormat(undefined, {
        day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
    })).format(d);
}

/* A timestamp's time of day alone: "7:30 PM" (where the day is said already; "19:30" where
 * the clock has 24 hours: hour 'numeric', which writes no leading zero in a 12-hour clock). */
export function timeOfDay(value) {
    const d = new Date(value || '');
    if (Number.isNaN(d.getTime())) return '';
    return formatter('t', () => new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' })).format(d);
}

/* A timestamp in the reader's zone: "28 Nov 2026, 14:05". */
export function dateTime(value) {
    if (!value) return '';
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return '';
    return formatter('dt', () => new Intl.DateTimeFormat(undefined, {
        day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit',
    })).format(d);
}

/* Short day for chart axes: "7 Sep". */
export function shortDate(value) {
    const d = parseDay(value);
    if (!d) return '';
    return formatter('sd', () => new Intl.DateTimeFormat(undefined, {
        day: 'numeric', month: 'short', timeZone: 'UTC',
    })).format(d);
}

/* Today as the server counts days (UTC): "YYYY-MM-DD". */
export function todayUtc() {
    return new Date().toISOString().slice(0, 10);
}

/* Today on the reader's own calendar (their time zone), as the date picker shows it:
 * "YYYY-MM-DD"; with n, the day n days later. */
export function todayLocal(n = 0) {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const pad = (x) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/* A due day against the reader's today: 'overdue' (before it), 'today', 'later' or null. */
export function dueState(day) {
    const d = /^\d{4}-\d{2}-\d{2}/.exec(String(day || ''));
    if (!d) return null;
    const today = todayLocal();
    return d[0] < today ? 'overdue' : d[0] === today ? 'today' : 'later';
}

/* "3 days ago", "yesterday", "today", "tomorrow" for a YYYY-MM-DD day against the reader's
 * today. */
export function relativeDay(day) {
    const d = parseDay(day);
    const today = parseDay(todayLocal());
    if (!d) return '';
    const days = Math.round((d - today) / 86400000);
    if (days === 0) return 'today';
    return formatter('rel', () => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }))
        .format(days, 'day');
}

/* Minutes as "4 h", "40 h", "2 weeks" of study. */
export function duration(minutes) {
    if (!minutes && minutes !== 0) return '';
    if (minutes < 60) return `${minutes} min`;
    const hours = Math.round(minutes / 60);
    return hours === 1 ? '1 hour' : `${number(hours)} hours`;
}

export function bytes(n) {
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${number(n / 1024, 1)} KB`;
    return `${number(n / 1024 / 1024, 1)} MB`;
}

/* Words for stored values whose humanized form would be wrong ("Rss", "Linkedin", "Mid"). */
const WORDS = {
    rss: 'RSS', api: 'API', linkedin: 'LinkedIn', indeed: 'Indeed', adzuna: 'Adzuna',
    manual: 'Added by hand', import: 'Imported', other: 'Other',
    'full-time': 'Full-time', 'part-time': 'Part-time',
    onsite: 'On-site', hybrid: 'Hybrid', remote: 'Remote',
    mid: 'Mid-level', not_applied: 'Not applied', phone_screen: 'Phone screen',
    cover_letter: 'Cover letter', resume_summary: 'Résumé summary', resume_tailoring: 'Résumé tailoring',
    email_template: 'E-mail', linkedin_message: 'LinkedIn message', thank_you_note: 'Thank-you note',
    follow_up: 'Follow-up message', system_design: 'System design', case_study: 'Case study',
    bug_report: 'Bug report', feature_request: 'Feature request', job_recommendation: 'Job recommendations',
    skill_gap_suggestion: 'Skill gap', content_generation: 'Writing', interview_practice: 'Interview practice',
    in_review: 'In review', in_progress: 'In progress', to_learn: 'To learn',
    pdf: 'PDF', docx: 'Word', txt: 'Text', md: 'Markdown',
};

/* The word for a stored value: label('rss') -> "RSS", label('phone_screen') -> "Phone screen". */
export function label(value) {
    if (value === null || value === undefined || value === '') return '';
    return WORDS[value] || humanize(value);
}

/* [value, label] pairs for a select. */
export function labelled(values) {
    return values.map((v) => [v, label(v)]);
}

/* Singular or plural: plural(3, 'job') -> "3 jobs". */
export function plural(n, one, many = `${one}s`) {
    return `${number(n)} ${noun(n, one, many)}`;
}

/* The words alone, for a figure shown apart from them (a stat tile's "1" over "job tracked"):
 * noun(1, 'job tracked', 'jobs tracked'). */
export function noun(n, one, many = `${one}s`) {
    return n === 1 ? one : many;
}
