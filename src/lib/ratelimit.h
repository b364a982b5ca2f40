/*
 * This file declares a small in-process rate limiter: a fixed-window failure counter per key
 * ("account:alice", "address:10.0.0.1"). Thread-safe. State is per process: with several
 * servers behind a balancer each keeps its own counts (see docs/decisions.md).
 */
#ifndef COPILOT_LIB_RATELIMIT_H
#define COPILOT_LIB_RATELIMIT_H

#include <time.h>

struct ratelimit;

/* A limiter allowing `limit` failures per key within `window` seconds. */
struct ratelimit *ratelimit_new(int limit, int window);
void ratelimit_free(struct ratelimit *rl);
/* Seconds until key may try again (0 = allowed now). */
int ratelimit_blocked(struct ratelimit *rl, const char *key, time_t now);
/* Counts one failure for key. */
void ratelimit_fail(struct ratelimit *rl, const char *key, time_t now);
/* Forgets key (after a success). */
void ratelimit_reset(struct ratelimit *rl, const char *key);

#endif
