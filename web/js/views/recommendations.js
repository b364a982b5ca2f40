// #/recommendations: your own jobs without an application yet, ranked by match score (0–100) with a
// score bar and the reasons, what holds a job back (the negative reasons: pay below your minimum,
// a seniority mismatch, no shared skill ...). "Helpful" / "Not helpful" teach the ranking, with
// an optional reason ("Why?") so that only that factor is adjusted; the list is asked again at
// once and every job that moved shows by how many places. Jobs your preferences exclude are
// hidden and counted.
//
// API: GET /jobs/recommendations, POST /jobs/ID/recommendation-feedback {is_helpful, reason}.

import { api } from '../api.js';
import { empty, h, mount, progressBar, replace, titleRow } from '../dom.js';
import { flash } from '../flash.js';
import { errorText } from '../forms.js';
import { label, number, plural, salary } from '../format.js';
import { navigate } from '../navigate.js';
import { pager, pastTheEnd } from '../pager.js';
import { knowsNoSkills, noSkillsNote } from '../skills_note.js';

const LIMIT = 20;
const PARTS = [['skills', 'Skills', 40], ['location', 'Location', 20], ['experience', 'Experience', 20],
    ['recency', 'Recency', 10], ['preferences', 'Preferences', 10]];
// the reasons a mark may give (the API's list), in words
const WHY = [['', 'No particular reason'], ['skills', 'The skills'], ['seniority', 'The level'], ['salary', 'The pay'],
    ['location', 'The location'], ['company', 'The company'], ['other', 'Something else']];

export async function render(root, { query }) {
    const offset = Math.max(0, Number(query.get('offset')) || 0);
    const state = { offset, ranks: new Map(), marks: new Map(), moved: new Map() };
    const area = h('div', { 'data-testid': 'recommendations' });
    mount(root, titleRow('Recommended jobs', h('a', { href: '#/account', class: 'button' }, 'Edit preferences')),
        h('p', { class: 'subtitle' }, 'Your jobs without an application yet, best match first. Mark them to teach the ranking what you like.'),
        area);
    await load(state, area);
}

async function load(state, area) {
    const page = await api.get('/jobs/recommendations', { limit: LIMIT, offset: state.offset });
    const last = pastTheEnd(page); // an address past the end: its last page
    if (last !== null) return navigate(`#/recommendations?offset=${last}`);
    const ranks = new Map(page.items.map((r, i) => [r.id, state.offset + i + 1]));
    state.moved = new Map();
    if (state.ranks.size) {
        for (const [id, rank] of ranks) {
            const before = state.ranks.get(id);
            if (before && before !== rank) state.moved.set(id, before - rank);
        }
    }
    state.ranks = ranks;
    replace(area,
        page.excluded ? h('p', { class: 'notice', 'data-testid': 'excluded' },
            `${plural(page.excluded, 'job')} hidden by the companies and keywords you excluded. `,
            h('a', { href: '#/account' }, 'Change your preferences')) : null,
        page.items.some(knowsNoSkills) ? noSkillsNote() : null,
        page.items.length === 0 ? empty('No recommendations yet. Add jobs you are considering; jobs you track an application for are left out.',
            h('a', { href: '#/jobs/new', class: 'button primary' }, 'Add a job'), 'recommendations-empty')
            : h('ol', { class: 'items', start: state.offset + 1 }, page.items.map((r, i) => item(r, state.offset + i + 1, state, area))),
        pager(page, (o) => navigate(`#/recommendations?offset=${o}`), 'recommendations-range'));
}

function item(r, rank, state, area) {
    const reasons = r.reasons || {};
    const moved = state.moved.get(r.id);
    const mark = state.marks.get(r.id);
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const why = h('select', { id: `why-${r.id}`, 'data-testid': 'mark-reason' },
        WHY.map(([value, text]) => h('option', { value }, text)));
    const vote = (helpful) => async (event) => {
        const button = event.currentTarget;
        button.disabled = true;
        try {
            const reason = why.value || undefined;
            await api.post(`/jobs/${r.id}/recommendation-feedback`, { is_helpful: helpful, reason });
            state.marks.set(r.id, helpful);
            await load(state, area);
            const now = state.ranks.get(r.id);
            flash(now === undefined
                ? `Thanks. “${r.title}” moved off this page.`
                : now === rank ? `Thanks. “${r.title}” stays at number ${now}; similar jobs were re-weighted.`
                    : `Thanks. “${r.title}” moved from number ${rank} to ${now}.`);
            area.querySelector(`[data-job-id="${r.id}"] button[aria-pressed="true"]`)?.focus();
        } catch (err) {
            error.textContent = errorText(err);
            error.hidden = false;
            button.disabled = false;
        }
    };
    const breakdown = r.score_breakdown || {};
    const drawbacks = (reasons.factors || []).filter((f) => f.effect === 'negative');
    return h('li', { 'data-testid': 'recommendation', 'data-job-id': r.id },
        h('div', { class: 'item-head' },
            h('span', null, h('span', { class: 'muted' }, `#${rank} `),
                h('a', { href: `#/jobs/${r.id}`, class: 'item-title' }, r.title), ` at ${r.company}`,
                moved ? h('span', { class: `rank-move ${moved > 0 ? 'up' : 'down'}`, 'data-testid': 'rank-move' },
                    moved > 0 ? ` ▲ up ${moved}` : ` ▼ down ${-moved}`) : null),
            h('div', { class: 'score' }, progressBar(r.match_score, 100, `Match score of ${r.title}`),
                h('strong', { 'data-testid': 'match-score' }, `${number(r.match_score)} / 100`))),
        h('p', { class: 'meta', 'data-testid': 'recommendation-meta' }, [where(r), salary(r), label(r.job_type)].filter(Boolean).join(' · ')),
        (reasons.summary || []).length ? h('p', null, reasons.summary.join('. '), '.') : null,
        drawbacks.length ? h('ul', { class: 'drawbacks', 'aria-label': 'What holds this job back', 'data-testid': 'drawbacks' },
            drawbacks.map((f) => h('li', null, f.text))) : null,
        chips(reasons.matched_skills, 'have'),
        chips(reasons.missing_skills, 'missing'),
        h('details', null, h('summary', null, 'How the score adds up'),
            h('ul', null, PARTS.map(([key, text, max]) => h('li', null, `${text}: ${number(breakdown[key] || 0, 1)} of ${max}`)),
                breakdown.learned ? h('li', null, `Learned from your marks: ${breakdown.learned > 0 ? '+' : ''}${number(breakdown.learned, 1)}`) : null,
                breakdown.penalties ? h('li', null, `Penalties (pay below your minimum, a level that does not fit): ${number(breakdown.penalties, 1)}`) : null,
                breakdown.gate ? h('li', null, breakdown.gate < 0
                    ? `Shares none of your skills, so it keeps a quarter of its points: ${number(breakdown.gate, 1)}`
                    : `Shares your skills, so it is never below 25: +${number(breakdown.gate, 1)}`) : null)),
        h('div', { class: 'actions votes' },
            h('label', { for: `why-${r.id}` }, 'Why?'),
            why,
            h('button', { type: 'button', 'aria-pressed': String(mark === true), 'data-testid': 'helpful', onclick: vote(true) }, 'Helpful'),
            h('button', { type: 'button', 'aria-pressed': String(mark === false), 'data-testid': 'not-helpful', onclick: vote(false) }, 'Not helpful')),
        error);
}

/* The skills a job shares with the profile, or lacks, under words saying which (the colours
 * alone did not say it; the same words as the job page's match card). */
/* The location and the remote option, said once when they are the same word ("Remote", not
 * "Remote · Remote"). */
function where(r) {
    const remote = label(r.remote_option);
    if (!r.location) return remote;
    return remote && remote.toLowerCase() !== r.location.trim().toLowerCase() ? `${r.location} · ${remote}` : r.location;
}

function chips(list, kind) {
    if (!list || !list.length) return null;
    const title = kind === 'have' ? 'Skills you have' : 'Skills to learn';
    return h('div', { class: 'chips-line' }, h('span', { class: 'chips-title', 'aria-hidden': 'true' }, `${title}:`),
        h('ul', { class: 'chips', 'aria-label': title }, list.map((s) => h('li', { class: kind }, kind === 'missing'
            ? h('a', { href: `#/learning?skill=${encodeURIComponent(s)}` }, s) : s))));
}
