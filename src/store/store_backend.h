/*
 * This file declares what a store backend provides (the struct store_ops vtable) and the
 * result builder the backends share. Only the store's own files (store*.c, catalog.c and the
 * two backends' files) include it.
 * It names the public types of store.h without including it (pointers only), so that store.c
 * can include it without an include loop.
 */
#ifndef COPILOT_STORE_STORE_BACKEND_H
#define COPILOT_STORE_STORE_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/err.h"

struct buf;
struct err;
struct store;
struct store_result;
struct store_url;
struct store_value;
struct store_stmt;
struct store_guard;
struct store_unsynced;

/* store_ops.exec_batch's answer when the statements are to be run one at a time. */
#define STORE_BATCH_ONE_BY_ONE 1

/* A connection as the pool sees it; each backend embeds this as its first member. */
struct store_conn {
    const struct store_ops *ops;
    struct store *owner; /* the pool, set by store.c when it creates the connection */
    bool in_transaction;
    bool in_cursor; /* a store_cursor runs on it: nothing else may */
    bool broken;    /* not open: never opened yet, or the backend lost it; store_exec reopens it */
    bool was_open;  /* opened at least once (a reopening counts as a reconnection) */
    bool sent;      /* set by the backend's exec once the statement may have reached the server */
    bool custom_plan; /* set by store_exec_custom for the statement being run */
    /* set by store_exec_each for the statement being run: its SQL (by address, so that a
     * statement the store runs on its own behalf meanwhile is not taken for it) and where its
     * rows go. A backend may hand the rows to row_sink as it reads them, leaving its result
     * without rows (and the connection not broken once it handed one: store_exec would run
     * the statement again), or ignore it (store_exec_each then hands the result's rows). */
    const char *sink_sql;
    void (*row_sink)(void *arg, const struct store_result *r, size_t i);
    void *sink_arg;
    /* store_guard_set: the guard, and where it stands (store_exec.c's GUARD_*): its verdict and
     * error once it failed */
    const struct store_guard *guard;
    int guard_state;
    int guard_verdict;
    struct err guard_err;
    /* store_read_scope_begin: where the scope stands (store_exec.c's SCOPE_*), and set while a read
     * runs in it */
    int read_scope;
    bool scope_reading;
    /* store_fault_arm: the fallible calls left until the injected fault (0: none armed), and
     * whether it fired since it was armed */
    int fault_countdown;
    bool fault_fired;
};

struct store_ops {
    /* A new connection object, not open yet (broken set). Never fails. */
    struct store_conn *(*create)(void);
    /* Opens c to url, first closing what c held (handle, statement cache). Returns 0 and clears
     * c->broken, or ERR_DB / ERR_UNAVAILABLE with e filled (c stays broken). */
    int (*open)(struct store_conn *c, const struct store_url *url, struct err *e);
    /* Cheap check before a statement is sent: false (and c->broken set) when the connection is
     * known to be dead, e.g. the server closed it while it sat in the pool. */
    bool (*alive)(struct store_conn *c);
    /* Closes c (if open) and frees it. */
    void (*disconnect)(struct store_conn *c);
    /* May be NULL. True when c holds nothing of its last user's: no transaction open and no
     * statement stepped and not reset (SQLite: either keeps a read snapshot, which the next
     * user's reads would see instead of what was committed since). store_release asserts it. */
    bool (*idle)(struct store_conn *c);
    /* Runs one statement (see store_exec). Sets c->sent before anything goes to the server; a
     * lost connection sets c->broken and returns ERR_UNAVAILABLE. */
    int (*exec)(struct store_conn *c, const char *sql, const struct store_value *params,
                int nparams, struct store_result **out, struct err *e);
    /* Runs n statements in one round trip (see store_exec_batch), or NULL when the engine
     * runs them one at a time. Returns 0 (out[] filled), an ERR_* code (out[] may hold results
     * the caller frees), or STORE_BATCH_ONE_BY_ONE when nothing was changed and the statements
     * are to be run one at a time instead (a cached statement gone stale under a migration). */
    int (*exec_batch)(struct store_conn *c, const struct store_stmt *stmts, int n,
                      struct store_result **out, struct err *e);
    int (*exec_script)(struct store_conn *c, const char *sql, struct err *e);
    const char *begin_sql;          /* "BEGIN IMMEDIATE" or "BEGIN" */
    const char *begin_snapshot_sql; /* a read-only transaction on one snapshot */
    bool read_scope; /* store_read_scope_begin opens begin_snapshot_sql over a request's reads */
    const char *read_only_sql; /* one row, one boolean cell: true when writes are refused */
    int (*lock_migrations)(struct store_conn *c, struct err *e);
    void (*unlock_migrations)(struct store_conn *c);
    void (*sql_fulltext)(const char *table, char *out, size_t n);
    /* may be NULL (then sql_fulltext); store_sql_fulltext_matches */
    void (*sql_fulltext_matches)(const char *table, char *out, size_t n);
    /* may be NULL; the table holding table's full-text index when it is not table itself and
     * needs its statistics refreshed with it (store_refresh_stats), else NULL */
    const char *(*search_table)(const char *table);
    char *(*fulltext_arg)(const char *q);
    /* may be NULL; false when table's index cannot count an owner's matches alone */
    bool (*sql_fulltext_count)(const char *table, bool every_owner, char *out, size_t n);
    /* may be NULL: the same matches as a set of ids (store_sql_fulltext_ids) */
    bool (*sql_fulltext_ids)(const char *table, bool every_owner, char *out, size_t n);
    /* may be NULL; false when table's index does not keep `sort` (store_sql_fulltext_page) */
    bool (*sql_fulltext_page)(const char *table, const char *sort, bool desc, char *out, size_t n);
    const char *in_ids;    /* printf format, %s = an id column, one '?' = a set of ids; or NULL */
    const char *ids_drive; /* the same, its ids listed to be looked up (store_sql_in_ids) */
    /* Cursors (store_cursor_*): open sets *state; next fills *row (creating it, shaped like the
     * output, when NULL; else replacing its one row) and returns 1, or 0 at the end (with *row
     * shaped when it was still NULL), or ERR_*; close ends the statement early or late. */
    int (*cursor_open)(struct store_conn *c, const char *sql, const struct store_value *params,
                       int nparams, void **state, struct err *e);
    int (*cursor_next)(struct store_conn *c, void *state, struct store_result **row, struct err *e);
    void (*cursor_close)(struct store_conn *c, void *state);
    const char *array_param;    /* placeholder expression for an array column value */
    const char *array_contains; /* printf format, %s = column, one '?' = the element */
    const char *array_overlaps; /* printf format, %s = column, one '?' = a JSON array */
    const char *in_texts;       /* printf format, %s = column, one '?' = a JSON array */
    const char *for_update;     /* row-lock suffix of a SELECT: " FOR UPDATE" or "" */
    const char *no_index;       /* prefix keeping a term from an index: "+" (SQLite) or "" */
    const char *row_stamp;      /* a row's write stamp (see store_sql_row_stamp), or NULL */
    bool nulls_low;             /* NULL sorts before every value (SQLite) or after (PostgreSQL) */
    bool enum_types;            /* enumerated columns sort in their declared order (see
                                   store_enum_order) */
    bool seeks_in_index_order;  /* a search by index reads rows in its order (store_sql_table_order)
                                 */
    bool fulltext_reads_row;    /* sql_fulltext reads the row (see store_fulltext_reads_row) */
    bool lateral;               /* joins LATERAL subqueries (see store_sql_lateral) */
    bool overlaps_native;       /* compares arrays itself (see store_array_overlaps_native) */
    /* printf format, %s = a table: refreshes its planner statistics after a bulk write
     * (store_refresh_stats); NULL when the engine needs nothing */
    const char *refresh_stats;
    /* printf format, %d = a statistics target: the session's target for the refreshes that
     * follow, and the statement putting the default back (store_refresh_stats's target); NULL
     * when the engine has none */
    const char *stats_target;
    const char *stats_target_reset;
    /* printf format, %s = a table: rewrites it with its live rows only (store_compact); NULL
     * when the engine needs nothing */
    const char *compact;
    /* The database file as a whole (SQLite only; NULL on PostgreSQL): copy it to path with the
     * online backup API, or replace its content with the database at path. */
    int (*backup_to)(struct store_conn *c, const char *path, struct err *e);
    int (*restore_from)(struct store_conn *c, const char *path, int newest_known, struct err *e);
    /* Commits acknowledged once synced (store_defer_sync and the rest; SQLite only, NULL on
     * PostgreSQL, whose COMMIT returns once its WAL is flushed); settle is called by
     * store_release and syncs what the connection committed and nobody took. */
    bool (*defer_sync)(struct store_conn *c);
    bool (*take_unsynced)(struct store_conn *c, struct store_unsynced *out);
    void (*when_synced)(const struct store_unsynced *u, void (*done)(void *arg, int rc), void *arg);
    void (*settle)(struct store_conn *c);
};

/* The full-text argument both backends build from a search's text q (store_ops.fulltext_arg):
 * q's words (letters, digits, and every byte of a multi-byte UTF-8 sequence; at most
 * FULLTEXT_MAX_WORDS, the rest ignored) each written into one text by put_word, which gets the
 * word's bytes (not terminated), its length and its place (0 for the first). Returns the text,
 * malloc'd (the caller frees it), or NULL when q has no word. */
#define FULLTEXT_MAX_WORDS 16
char *store_fulltext_words(const char *q,
                           void (*put_word)(struct buf *b, const char *word, size_t len, int nth));

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

/* PostgreSQL backend helper, exposed for unit tests: rewrites the '?' placeholders of sql as
 * $1, $2, ..., leaving '?' inside '...' literals, "..." identifiers and comments alone.
 * Returns malloc'd text (caller frees); *count receives the number of placeholders. */
char *store_pg_translate(const char *sql, int *count);

/* ---- result builder: backends append rows of text cells ---- */

/* Creates an empty result with ncols columns named by names (copied). */
struct store_result *store_result_new(int ncols, const char *const *names);
/* Starts a new row; cells default to NULL. */
void store_result_add_row(struct store_result *r);
/* Sets cell col of the last row to a copy of text[0..len) (text NULL = SQL NULL); the copy is
 * NUL-terminated and keeps its length, so bytes with NULs in them survive. */
void store_result_set(struct store_result *r, int col, const char *text, size_t len);
/* Makes r hold owner until store_result_free, which then calls release(owner): the memory that
 * store_result_borrow's cells point into. Not for a cursor's row. */
void store_result_keep(struct store_result *r, void *owner, void (*release)(void *owner));
/* Sets cell col of the last row to text[0..len) itself, not a copy: text must be
 * NUL-terminated at len and live in r's owner (store_result_keep). */
void store_result_borrow(struct store_result *r, int col, const char *text, size_t len);
void store_result_set_changes(struct store_result *r, int64_t changes);
/* Drops r's rows so that it is filled again from its first row, the memory of its cells reused
 * (one row at a time: store_exec_each's rows on SQLite). Not for a cursor's row. */
void store_result_rewind(struct store_result *r);
/* Drops every row of r (its columns stay): a cursor's row is refilled this way. The first row's
 * buffers are kept, and the next first row's cells reuse those they fit (no allocation per
 * cell of a long scan). */
void store_result_clear(struct store_result *r);

#endif
