/*
 * This file declares the work pool: a bounded job queue served by threads of its own, for the
 * work that must never hold an HTTP request thread (a language model answering in 15 s, an
 * OAuth token exchange, parsing a document). Each job has a kind; at most cap[kind] jobs of one
 * kind run at once, so one slow kind cannot take every thread from the others. The queue holds
 * at most queue_max jobs (waiting and running together): workpool_submit refuses beyond that
 * and the caller answers "busy". A job that waited longer than its time limit before a thread
 * could take it is run with expired = true and must only answer that it timed out.
 * Jobs of a kind start in the order they were submitted. Thread-safe.
 */
#ifndef COPILOT_LIB_WORKPOOL_H
#define COPILOT_LIB_WORKPOOL_H

#include <stdbool.h>
#include <stdint.h>

#define WORKPOOL_MAX_KINDS 8

struct workpool;

/* What a job does; called once on a pool thread. expired: the job waited past its time limit
 * and should not do its work. */
typedef void (*workpool_fn)(void *arg, bool expired);

/* Starts threads (>= 1) threads; kinds (1..WORKPOOL_MAX_KINDS) caps in caps[] (each >= 1; a
 * cap above threads is the same as threads); queue_max (>= 1) jobs at most in the pool.
 * Never NULL (aborts when a thread cannot be started). */
struct workpool *workpool_start(int threads, int queue_max, int kinds, const int *caps);

/* Queues fn(arg) as a job of kind that must start within wait_ms (0 = no limit). Returns 0,
 * or -1 when the pool already holds queue_max jobs or is stopping (fn is then never called). */
int workpool_submit(struct workpool *p, int kind, workpool_fn fn, void *arg, int64_t wait_ms);

/* Jobs in the pool (waiting + running), for metrics and tests. */
int workpool_load(struct workpool *p);

/* Refuses new jobs, runs every job already queued (those past their limit as expired), waits
 * for them and frees the pool. */
void workpool_stop(struct workpool *p);

#endif
