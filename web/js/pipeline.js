// What the page knows about the application pipeline: exactly what GET /applications/pipeline
// says, fetched once per tab. The server generates that answer from the one table it enforces
// (src/core/pipeline.c); nothing here decides a move. The states come in pipeline order (the
// board's column order), with the moves allowed from each and which final states reopen.

import { api } from './api.js';

let pipeline = null;

/* The pipeline {states, open, final, transitions, reopen}, asked once (again after a failure). */
export function loadPipeline() {
    if (!pipeline) {
        pipeline = api.get('/applications/pipeline').catch((err) => {
            pipeline = null;
            throw err;
        });
    }
    return pipeline;
}

/* The states an application in `from` may move to, in pipeline order ([] for a final state). */
export function movesFrom(p, from) {
    return (p.transitions && p.transitions[from]) || [];
}

/* True when `status` is final and a forced reopen may move it back. */
export function canReopen(p, status) {
    return Boolean(p.reopen && p.reopen[status]);
}

/* Job states: a job with no application yet, every application state (the job follows its
 * application), and archived (SPEC part A, jobs.status). */
export function jobStates(p) {
    return ['not_applied', ...p.states, 'archived'];
}
