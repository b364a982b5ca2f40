/*
 * This file declares the cache of calendar answers (issue 9: a heavy user's month is 5,190
 * events, 1.1 MB of JSON): the exact body of GET /calendar for (user, from, to), kept in memory
 * with the user's calendar version it was built at (user_data_versions.calendar_version,
 * migration 0073: moved by triggers on calendar_events in the transaction of every change to an
 * event), and reused only while the version the request reads is that one, so several servers
 * on one database never serve each other's stale answers. An answer is shared, never copied:
 * each request that sends it holds a reference until its response is done with.
 *
 * COPILOT_CALENDAR_CACHE: the bytes the kept answers may hold (default 4 MiB; the least
 * recently used are dropped beyond it, an answer larger than it is not kept); 0 turns the
 * cache off (every request reads its events, the tests' reference).
 */
#ifndef COPILOT_MODEL_CALENDAR_CACHE_H
#define COPILOT_MODEL_CALENDAR_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/lru.h"

#define CALENDAR_CACHE_DEFAULT_BYTES ((size_t)4 << 20)

/* One answer: body holds len bytes (immutable once made). */
struct calendar_answer {
    struct lru_item item; /* first */
    int64_t user_id, version;
    char from[16], to[16]; /* the range's days (YYYY-MM-DD) */
    size_t len;
    char *body;
};

/* Sets the bytes the cache may hold (struct config's calendar_cache_bytes,
 * COPILOT_CALENDAR_CACHE; CALENDAR_CACHE_DEFAULT_BYTES until called); 0 turns it off. */
void calendar_cache_configure(size_t bytes);
/* Whether the cache is on. */
bool calendar_cache_enabled(void);

/* The answer of (user_id, from, to) built at version, referenced, or NULL (an answer of the
 * same range at another version is dropped). */
struct calendar_answer *calendar_cache_get(int64_t user_id, int64_t version, const char *from,
                                           const char *to);
/* Makes the answer of (user_id, from, to) at version from body (len bytes, malloc'ed: taken)
 * and offers it to the cache; returns it referenced by the caller, kept or not. */
struct calendar_answer *calendar_cache_put(int64_t user_id, int64_t version, const char *from,
                                           const char *to, char *body, size_t len);
/* Gives back a reference from calendar_cache_get or calendar_cache_put (the signature of a
 * reply's release callback: src/http/reply.h, http_reply_json_shared). */
void calendar_cache_release(void *answer);

/* Drops every answer (tests and shutdown). */
void calendar_cache_clear(void);

#endif
