// The application pipeline as the page shows it. The server decides every move (PATCH answers
// 422 with the allowed states); this copy of SPEC part C only orders the board's choices so the
// likely next steps come first.

export const APPLICATION_STATUSES = [
    'interested', 'applied', 'phone_screen', 'interview', 'technical', 'offer',
    'accepted', 'declined', 'rejected', 'withdrawn', 'ghosted',
];

export const JOB_STATUSES = ['not_applied', ...APPLICATION_STATUSES, 'archived'];

const FINAL = new Set(['accepted', 'declined', 'rejected', 'withdrawn', 'ghosted']);
const EXITS = ['rejected', 'withdrawn', 'ghosted'];

export function isFinal(status) {
    return FINAL.has(status);
}

/* The statuses the pipeline expects after from (forward moves and the exits). */
export function nextStatuses(from) {
    if (isFinal(from)) return [];
    if (from === 'interested') return ['applied', ...EXITS];
    if (from === 'offer') return ['accepted', 'declined', ...EXITS];
    const open = APPLICATION_STATUSES.slice(0, APPLICATION_STATUSES.indexOf('offer') + 1);
    return [...open.slice(open.indexOf(from) + 1), ...EXITS];
}
