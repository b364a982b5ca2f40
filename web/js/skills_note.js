// The note a user reads where a match score is shown (the recommendations, a job's match) while
// no skill of theirs is known: why no job matches and where to add them. A view module of its
// own would bring its whole view with it (the job form imports the job page).

import { h } from './dom.js';

/* Whether the server scored r knowing none of the user's skills (no skill in the profile nor in a
 * résumé): its skills factor is then neither for nor against the job (src/core/scoring.c). */
export function knowsNoSkills(r) {
    return ((r.reasons || {}).factors || []).some((f) => f.kind === 'skills' && f.effect === 'neutral');
}

/* Why nothing matches, and the way out. */
export function noSkillsNote() {
    return h('p', { class: 'notice', 'data-testid': 'no-skills' },
        'No skills of yours are known yet, so no job can match them and every skill a job asks for shows as one to learn. ',
        h('a', { href: '#/account' }, 'Add your skills on the account page'), ' or ', h('a', { href: '#/resumes' }, 'upload your résumé'),
        ', and the scores compare them.');
}
