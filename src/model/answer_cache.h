/*
 * This file declares the cache of whole answers (issue 9): the exact body of a read-only route's
 * answer for (user, key), the key a short text naming the route and its arguments
 * ("calendar:FROM:TO" for GET /calendar, whose heavy month is 1.1 MB of JSON;
 * "board:PER_COLUMN" for GET /applications/board, 230 KB), kept in memory with the user's
 * version of that route's rows it was built at (user_data_versions.calendar_version, migration
 * 0073, moved by triggers on calendar_events; user_data_versions.board_version, migration 0074,
 * moved by triggers on applications and application_counts; "jobs:LIMIT" for GET /jobs's plain
 * first page, at user_data_versions.version and behind the page's ids and row versions the body
 * is kept after; "jobsq:DIGEST" for a search of GET /jobs, at the version its count read and
 * behind its page's (id, row_version) pairs and its request's text: src/api/jobs.c, on both
 * engines; "job:ID" for GET /jobs/{id} on PostgreSQL, at the row's xmin (store_sql_row_stamp)
 * and behind its row_version: src/api/jobs.c), and reused only while the version the request reads
 * is that one (a search's is read with its rows: answer_cache_peek), so several servers on one
 * database never serve each other's stale answers. An answer is shared, never copied: each request
 * that sends it holds a reference until its response is done with.
 *
 * COPILOT_ANSWER_CACHE (COPILOT_CALENDAR_CACHE, its former name, when it is not set): the bytes
 * the kept answers of every route together may hold (default 4 MiB; the least recently used are
 * dropped beyond it, an answer larger than it is not kept); 0 turns the cache off (every request
 * reads its rows, the tests' reference).
 */
#ifndef COPILOT_MODEL_ANSWER_CACHE_H
#define COPILOT_MODEL_ANSWER_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/err.h"
#include "../lib/lru.h"
#include "../store/store.h"

#define ANSWER_CACHE_DEFAULT_BYTES ((size_t)4 << 20)

/* One answer: body holds len bytes (immutable once made). */
struct answer {
    struct lru_item item; /* first */
    int64_t user_id, version;
    char key[40]; /* "calendar:YYYY-MM-DD:YYYY-MM-DD", "board:50", "jobs:20", "jobsq:<16 hex>",
                   * "job:<id>" */
    size_t len;
    char *body;
};

/* The per-user versions an answer may be kept at (columns of user_data_versions). */
enum answer_version { ANSWER_CALENDAR, ANSWER_BOARD };

/* Reads user_id's version of which (its column of user_data_versions); *known is false when
 * there is none (no row, or NULL: nothing may be kept then). */
int answer_version(struct store_conn *c, int64_t user_id, enum answer_version which,
                   int64_t *version, bool *known, struct err *e);

/* Sets the bytes the cache may hold (struct config's answer_cache_bytes,
 * COPILOT_ANSWER_CACHE; ANSWER_CACHE_DEFAULT_BYTES until called); 0 turns it off. */
void answer_cache_configure(size_t bytes);
/* Whether the cache is on. */
bool answer_cache_enabled(void);

/* The answer of (user_id, key) built at version, referenced, or NULL (an answer of the same
 * key at another version is dropped). */
struct answer *answer_cache_get(int64_t user_id, int64_t version, const char *key);
/* The answer of (user_id, key) at whatever version it was built, referenced, or NULL: for an
 * answer whose version is read with what it was built from (a kept search, src/api/jobs.c). */
struct answer *answer_cache_peek(int64_t user_id, const char *key);
/* Makes the answer of (user_id, key) at version from body (len bytes, malloc'ed: taken) and
 * offers it to the cache; returns it referenced by the caller, kept or not. */
struct answer *answer_cache_put(int64_t user_id, int64_t version, const char *key, char *body,
                                size_t len);
/* Gives back a reference from answer_cache_get or answer_cache_put (the signature of a reply's
 * release callback: src/http/reply.h, http_reply_json_shared). */
void answer_cache_release(void *answer);

#endif
