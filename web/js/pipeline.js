// What the page knows about the application pipeline. The states are the enumeration of SPEC
// part A (the board takes their order from the server's own columns); the moves allowed from a
// state are learned only from the server: a refused PATCH /applications/ID answers 422 naming
// the allowed next states in error.allowed. Nothing here decides a move. Until
// GET /applications/pipeline exists (SPEC part E), a state whose moves are not known yet offers
// every other state, and the server explains a refusal.

import { ApiError } from './api.js';

/* Application states (SPEC part A, applications.status), in pipeline order. */
export const APPLICATION_STATES = [
    'interested', 'applied', 'phone_screen', 'interview', 'technical', 'offer',
    'accepted', 'declined', 'rejected', 'withdrawn', 'ghosted',
];

/* Job states (SPEC part A, jobs.status). */
export const JOB_STATES = ['not_applied', ...APPLICATION_STATES, 'archived'];

const allowed = new Map(); // from state -> [states], as the server last answered

/* The states the server said are allowed after from ([] = final), or null when unknown. */
export function allowedFrom(from) {
    return allowed.get(from) || null;
}

function isRefusal(err) {
    return err instanceof ApiError && err.status === 422 && err.field === 'status';
}

/*
 * Learns from an error of PATCH /applications/ID moving from `from` (forced: sent with
 * ?force=true). Returns the states the server allows instead, [] for a final state that only a
 * forced reopen moves, or null when err is not a refused move. Only unforced answers are
 * remembered: a forced refusal names the one state a reopen may go back to.
 */
export function learnFromRefusal(from, err, forced = false) {
    if (!isRefusal(err)) return null;
    const list = Array.isArray(err.details.allowed) ? err.details.allowed : [];
    if (!forced) allowed.set(from, list);
    return list;
}

/* True when the refusal says the state is final and only a forced reopen can move it. */
export function needsReopen(err) {
    return isRefusal(err) && /only force reopens/.test(err.message);
}
