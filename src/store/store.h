/*
 * This file declares the store: the one SQL layer every module above it uses, whatever the
 * engine. A store is opened from a URL ("sqlite:PATH" or "postgresql://..."), holds a pool of
 * connections (one per worker thread), and runs SQL written once for both engines:
 *
 *   - placeholders are '?' (the PostgreSQL backend rewrites them to $1, $2, ...);
 *   - every value is bound, never spliced into SQL text;
 *   - results are fully read into a struct store_result of text cells (NULL kept apart), read
 *     back with store_text / store_int / store_real / store_bool;
 *   - PostgreSQL timestamptz cells come back as RFC 3339 UTC ("2025-11-24T20:19:44Z") and
 *     text[] cells as JSON arrays, so both engines give the same text for the same row;
 *   - constraint violations map to distinct codes: ERR_CONFLICT (unique), ERR_FOREIGN_KEY,
 *     ERR_CHECK (check, not-null, enum value, JSON validity); anything else is ERR_DB.
 *
 * Engine-specific SQL lives only in the migrations and inside the backends (store_sqlite*.c,
 * store_pg*.c); the few dialect differences the layers above need are the store_sql_* hooks.
 */
#ifndef COPILOT_STORE_STORE_H
#define COPILOT_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/err.h"

struct store;
struct store_conn;
struct store_result;

enum store_engine { STORE_SQLITE, STORE_POSTGRES };

enum store_type { STORE_NULL, STORE_INT, STORE_REAL, STORE_TEXT, STORE_BOOL, STORE_BLOB };

/* One bound parameter. Text and bytes are borrowed: they must outlive the store_exec call.
 * JSON values are passed as STORE_TEXT holding the JSON text. STORE_BLOB binds n bytes (BLOB on
 * SQLite, bytea on PostgreSQL, sent in binary). STORE_TEXT is a C string, or with n > 0
 * (SV_TEXTN) n bytes that may hold a NUL: SQLite binds them all; PostgreSQL text cannot hold a
 * NUL and gets the C string (copy-db refuses such a value before it gets there). */
struct store_value {
    enum store_type type;
    int64_t i;     /* STORE_INT, STORE_BOOL (0/1) */
    double d;      /* STORE_REAL */
    const char *s; /* STORE_TEXT, STORE_BLOB */
    size_t n;      /* STORE_BLOB: byte count */
};

#define SV_NULL ((struct store_value){.type = STORE_NULL})
#define SV_INT(x) ((struct store_value){.type = STORE_INT, .i = (x)})
#define SV_REAL(x) ((struct store_value){.type = STORE_REAL, .d = (x)})
#define SV_BOOL(x) ((struct store_value){.type = STORE_BOOL, .i = (x) ? 1 : 0})
#define SV_TEXT(x) ((struct store_value){.type = STORE_TEXT, .s = (x)})
#define SV_TEXTN(p, len) ((struct store_value){.type = STORE_TEXT, .s = (p), .n = (len)})
#define SV_BLOB(p, len) ((struct store_value){.type = STORE_BLOB, .s = (p), .n = (len)})
/* Text or NULL when x is NULL. */
#define SV_TEXT_OR_NULL(x) ((x) ? SV_TEXT(x) : SV_NULL)

/* ---- opening and the connection pool ---- */

/* How a store is opened. */
struct store_options {
    int pool_size;            /* connections (>= 1), opened on first use */
    int acquire_timeout_ms;   /* store_acquire_timed: how long to wait for a free connection */
    int statement_timeout_ms; /* PostgreSQL statement_timeout of every session; 0 = none */
    int page_cache_kib;       /* SQLite page cache of each connection; 0 = 16 MiB */
    /* SQLite: checkpoints run by a thread of their own, which also restarts the WAL, rather
     * than by the commit that passed the threshold (the server's; docs/decisions.md) */
    bool background_checkpoint;
};

/* Parses url and opens a store with opts (NULL: one connection, no timeouts).
 * Returns 0 and sets *out, or ERR_INVALID (bad URL) / ERR_DB (cannot connect) with e filled.
 * The first connection is opened eagerly so a bad URL or unreachable server fails here; the
 * others connect when first used. On SQLite the store holds a shared lock on the database file
 * for its lifetime (see store_lock_exclusive). */
int store_open_with(const char *url, const struct store_options *opts, struct store **out,
                    struct err *e);
/* store_open_with with pool_size connections and no timeouts. */
int store_open(const char *url, int pool_size, struct store **out, struct err *e);
/* Closes every connection and frees the store. Every connection must have been released. */
void store_close(struct store *s);
enum store_engine store_engine(const struct store *s);

/* Takes a free connection, waiting as long as all are in use. Never NULL. A connection that
 * is not open (first use, lost, or its server went away) is opened by the next store_exec on
 * it; see store_exec for what a lost connection does to a statement. */
struct store_conn *store_acquire(struct store *s);
/* store_acquire waiting at most the store's acquire_timeout_ms (0: forever). Returns 0 with
 * *out set, or ERR_UNAVAILABLE with e filled when no connection was freed in time. */
int store_acquire_timed(struct store *s, struct store_conn **out, struct err *e);
/* Returns c to the pool. An open transaction is rolled back first; a commit store_defer_sync
 * left unsynced and nobody took (store_take_unsynced) is synced first. */
void store_release(struct store *s, struct store_conn *c);

/* ---- commits acknowledged once synced (SQLite; docs/decisions.md, "SQLite's commits are
 * durable") ---- */

/* A commit whose WAL frames are written but not synced yet: its database file's group and its
 * place in the order of the file's commits. */
struct store_unsynced {
    void *group;
    uint64_t ticket;
};

/* From now until c is released, its commits return before the sync that makes them durable
 * (the caller must not acknowledge them before store_when_synced says so). Returns false, and
 * changes nothing, where the engine commits durably itself (PostgreSQL), outside the server
 * (store_options.background_checkpoint off) or when the syncer cannot be started. */
bool store_defer_sync(struct store_conn *c);
/* Whether c committed since store_defer_sync without a sync: then *out is that commit (the
 * last one: a sync covers every commit before it) and c forgets it. */
bool store_take_unsynced(struct store_conn *c, struct store_unsynced *out);
/* Calls done(arg, rc) once a sync of the WAL begun after u's commit completed: rc 0, or ERR_DB
 * when that sync failed. From the store's syncer thread, or at once, from this one, when a sync
 * already covers u. */
void store_when_synced(const struct store_unsynced *u, void (*done)(void *arg, int rc), void *arg);

/* What the pool has done and is doing, for /metrics. */
struct store_stats {
    int size;                 /* connections the pool may open */
    int in_use;               /* acquired now */
    int waiting;              /* threads waiting for a connection now */
    int64_t reconnects;       /* connections (re)opened after the first, in total */
    int64_t acquire_timeouts; /* store_acquire_timed calls that gave up */
};
void store_stats(struct store *s, struct store_stats *out);

/* ---- running SQL ---- */

/* Prepares sql (one statement, '?' placeholders), binds nparams values and runs it. When out is
 * not NULL, *out receives the result (caller frees with store_result_free), also for statements
 * without rows (then store_rows is 0 and store_changes tells the affected rows).
 * Returns 0 or a negative ERR_* code with e filled (constraint name in e->constraint).
 *
 * Lost connections (the server restarted, failed over, or dropped the session): a connection
 * found dead before the statement is sent is reopened first, and a statement whose connection
 * died under it is run once more on a reopened connection when that cannot apply a change
 * twice: outside a transaction, and either not sent yet or a SELECT. Otherwise (a write that may
 * or may not have committed, anything inside a transaction, or no server to reconnect to) it
 * returns ERR_UNAVAILABLE: the caller answers 503 and the client may try again. A PostgreSQL
 * server that only reads (a standby) also gives ERR_UNAVAILABLE and a reconnection, which
 * finds the primary when the URL names several hosts with target_session_attrs=read-write.
 * A statement cancelled by statement_timeout gives ERR_UNAVAILABLE too. */
int store_exec(struct store_conn *c, const char *sql, const struct store_value *params, int nparams,
               struct store_result **out, struct err *e);
/* store_exec keeping no result, for a statement whose one answer is whether it matched a row:
 * *matched is true when it returned a row (a SELECT, a RETURNING) or changed one (an INSERT,
 * UPDATE or DELETE). Returns store_exec's code; *matched is false when it fails. The caller
 * turns "no row" into its own error (ERR_NOT_FOUND and the message naming what is missing). */
int store_exec_matched(struct store_conn *c, const char *sql, const struct store_value *params,
                       int nparams, bool *matched, struct err *e);
/* As store_exec, but the statement is planned for its values on every run. PostgreSQL runs
 * store_exec's statements as named prepared statements, whose plan may turn generic (one plan
 * for any values, chosen after five runs) when that costs no more than the plans for the values:
 * right for lookups by key, wrong when the best plan depends on the values or on a table that
 * grows while the statement runs again and again in one transaction (a bulk import's duplicate
 * check, whose generic plan chosen on a nearly empty table scans it). This one goes through the
 * unnamed statement instead. SQLite plans every run anyway: same as store_exec. */
int store_exec_custom(struct store_conn *c, const char *sql, const struct store_value *params,
                      int nparams, struct store_result **out, struct err *e);
/* A row of store_exec_each: row i of r, read with store_text & co. during the call only. */
typedef void (*store_row_fn)(void *arg, const struct store_result *r, size_t i);
/* store_exec for a SELECT whose rows are read once, in order, and not kept: row(arg, r, i) is
 * called for each row instead of the rows going into a result. SQLite hands each row as it is
 * stepped, its text cells borrowed from SQLite rather than copied (a scan of 500 rows read to
 * be thrown away: the near-duplicate candidates of a new job); PostgreSQL's rows, received
 * whole and borrowed from libpq's result already, are handed from that result. Nothing else may
 * run on c during a call of row. Returns 0 or ERR_* with e filled; after an error some rows may
 * have been handed already. */
int store_exec_each(struct store_conn *c, const char *sql, const struct store_value *params,
                    int nparams, store_row_fn row, void *arg, struct err *e);
/* One statement of a batch (store_exec_batch): its SQL and values as store_exec takes them, and
 * whether it is planned for its values on every run (store_exec_custom). */
struct store_stmt {
    const char *sql;
    const struct store_value *params;
    int nparams;
    bool custom;
};
/* Runs n independent statements (none reads what another writes, and no statement's text or
 * values depend on another's result) as store_exec and store_exec_custom would, in order, and
 * gives each result in out[i] (caller frees each with store_result_free). PostgreSQL sends them
 * all before reading any result (libpq's pipeline mode: one round trip instead of n); SQLite
 * runs them in turn. Returns 0, or the first failure's ERR_* code with e filled (then every
 * out[i] is NULL); the lost-connection rules are store_exec's, applied to the batch as a whole
 * (it is run again, one statement at a time, when every statement only reads). */
int store_exec_batch(struct store_conn *c, const struct store_stmt *stmts, int n,
                     struct store_result **out, struct err *e);
/* A check that rides along: a read-only statement whose verdict gates everything else run on a
 * connection until store_guard_end (the caller's session, checked in the same round trip as the
 * request's first statements: src/api/auth.c). verify reads the statement's result and returns 0
 * (passed) or an ERR_* code with e filled. The statement's values and ctx are borrowed until
 * store_guard_end. */
struct store_guard {
    struct store_stmt stmt;
    int (*verify)(void *ctx, const struct store_result *r, struct err *e);
    void *ctx;
};
/* True when the store sends several statements in one round trip (store_exec_batch on
 * PostgreSQL): only then does a guard save anything. */
bool store_pipelines(const struct store *s);
/* Sets g on c, outside a transaction. Until store_guard_end: the first store_exec or
 * store_exec_batch whose statements all only read (SELECT, outside a transaction) is sent in one
 * batch after g's statement, and verify runs on its result before any of theirs is handed out;
 * anything else (a write, a transaction, a cursor, a script, a batch too long) runs g's statement
 * alone first. Once verify failed, every call on c fails with its code and error and no statement
 * is sent; nothing a statement that rode with a failed guard returned reaches the caller. */
void store_guard_set(struct store_conn *c, const struct store_guard *g);
/* Ends c's guard: runs its statement now when none rode yet, and returns the verdict: 0, verify's
 * code, or the store's error running the statement, with e filled. c is free of it afterwards. */
int store_guard_end(struct store_conn *c, struct err *e);
/* A request that only reads may run its statements in one read transaction: on SQLite the WAL
 * read lock is then taken once (two fcntl and an fstat) instead of once per statement, and the
 * statements see one snapshot. From store_read_scope_begin until store_read_scope_end (or
 * store_release): the first statement that only reads (a SELECT outside a transaction) starts a
 * deferred transaction; anything else (a write, store_begin, a cursor, a script) ends it first,
 * and everything after runs as without a scope, so a write never meets a snapshot it would have
 * to upgrade. A scope begun while one is on goes on as it is. Nothing on PostgreSQL, where it
 * would cost round trips. */
void store_read_scope_begin(struct store_conn *c);
void store_read_scope_end(struct store_conn *c);
/* Runs several ';'-separated statements without parameters (migrations). */
int store_exec_script(struct store_conn *c, const char *sql, struct err *e);
/* After a bulk write committed into `table` (a trusted identifier): brings the planner's view
 * of it up to date at once instead of at the next autovacuum (PostgreSQL: VACUUM (ANALYZE);
 * nothing on SQLite). columns (trusted identifiers, comma-separated) limits the statistics to
 * those columns, or NULL for every column and index expression; the table is vacuumed whole
 * either way, and its full-text table (store_backend's search_table) analysed whole. target > 0
 * samples coarser statistics for this refresh only (PostgreSQL's default_statistics_target: 300 ×
 * target rows read, at most target common values and histogram buckets a column; the session's
 * own setting is put back after), 0 the engine's default. Outside a transaction. An optimisation:
 * the caller may ignore a failure. */
int store_refresh_stats(struct store_conn *c, const char *table, const char *columns, int target,
                        struct err *e);
/* After a bulk load that updated the rows of a small table many times over (the per-user
 * counters, one update per row loaded): rewrites `table` (a trusted identifier) to hold its
 * live rows only (PostgreSQL: VACUUM FULL, then VACUUM (ANALYZE) for the statistics and the
 * visibility map of index-only scans; every update left a row version, and
 * VACUUM frees them but keeps the pages, which a read of the counters then visits; nothing on
 * SQLite, which updates in place). Locks the table while it runs: for a loader's end (`copilot
 * seed`), not for a serving path. Outside a transaction. */
int store_compact(struct store_conn *c, const char *table, struct err *e);

/* Transactions. store_begin takes the write lock at once on SQLite (BEGIN IMMEDIATE) so two
 * writers never deadlock upgrading a read lock. */
int store_begin(struct store_conn *c, struct err *e);
/* A read-only transaction in which every statement sees the same snapshot of the database
 * (SQLite: a deferred BEGIN in WAL mode; PostgreSQL: REPEATABLE READ READ ONLY); writers go
 * on meanwhile. Ended with store_commit or store_rollback. */
int store_begin_snapshot(struct store_conn *c, struct err *e);
int store_commit(struct store_conn *c, struct err *e);
/* Rolls back if a transaction is open; never fails from the caller's point of view. */
void store_rollback(struct store_conn *c);
bool store_in_transaction(const struct store_conn *c);

/* Cheap round trip for /readyz: 0 when the database answers and accepts writes; ERR_UNAVAILABLE
 * when it cannot be reached or is read-only (a PostgreSQL standby: the connection is then
 * reopened on next use, to find the primary). */
int store_ping(struct store_conn *c, struct err *e);

/* Migrations only: serialise concurrent migrators (PostgreSQL advisory lock; a no-op on SQLite,
 * whose BEGIN IMMEDIATE already serialises). */
int store_lock_migrations(struct store_conn *c, struct err *e);
void store_unlock_migrations(struct store_conn *c);

/* ---- the database file as a whole (SQLite) ---- */

/* Writes a consistent copy of the whole database to the new file path (which must not exist)
 * with SQLite's online backup API, while other connections go on reading and writing: the
 * copy is the database as of one moment. ERR_UNSUPPORTED on PostgreSQL (use pg_dump). */
int store_backup(struct store_conn *c, const char *path, struct err *e);
/* Turns the store's shared lock on the SQLite file into an exclusive one without waiting:
 * ERR_CONFLICT when another process (a server, a command) has the database open.
 * ERR_UNSUPPORTED on PostgreSQL. */
int store_lock_exclusive(struct store *s, struct err *e);
/* Replaces the whole database with the SQLite database file at path (backup API, one write
 * transaction). path must be a sound Career Copilot database whose schema version is at most
 * newest_known (ERR_INVALID otherwise; ERR_NOT_FOUND when it cannot be read). The caller holds
 * store_lock_exclusive and migrates afterwards. ERR_UNSUPPORTED on PostgreSQL. */
int store_restore(struct store_conn *c, const char *path, int newest_known, struct err *e);

/* ---- the schema as the database tells it (src/store/catalog.c) ---- */

/* How copy-db reads and binds a column. */
enum store_column_kind {
    STORE_COL_INT,
    STORE_COL_REAL,
    STORE_COL_BOOL,
    STORE_COL_TEXT,  /* text, dates, timestamps, enum values */
    STORE_COL_JSON,  /* jsonb on PostgreSQL (TEXT holding JSON on SQLite reads as TEXT) */
    STORE_COL_ARRAY, /* text[] on PostgreSQL (a JSON array on SQLite reads as TEXT) */
    STORE_COL_BYTES, /* BLOB / bytea */
};

struct store_column {
    char name[64];
    enum store_column_kind kind;
    bool generated;   /* computed by the database (PostgreSQL's search_vector): never written */
    bool primary_key; /* part of the primary key */
};

struct store_table {
    char name[64];
    struct store_column *columns;
    int ncolumns;
    char (*parents)[64]; /* the tables its foreign keys refer to (itself left out) */
    int nparents;
    char sequence[64]; /* PostgreSQL: the column whose sequence gives ids, or "" */
    bool derived; /* written by a trigger on inserts into another table (the per-user counters):
                     the database fills it as that table's rows arrive */
};

/* Every data table (not schema_migrations, not the engine's internal or full-text tables),
 * parents before children. */
struct store_schema {
    struct store_table *tables;
    int ntables;
};

/* Reads the schema of c's database from its catalogue into *out (free with
 * store_schema_free). ERR_INTERNAL when its foreign keys go round in a circle. */
int store_describe(struct store_conn *c, struct store_schema **out, struct err *e);
/* A loader's end (copilot seed, copy-db): every table a trigger filled once per row loaded
 * (store_table.derived: the per-user counters and aggregates) rewritten with its live rows only
 * (store_compact), and the planner statistics of every other table refreshed
 * (store_refresh_stats). On PostgreSQL, 100,000 jobs left job_counts' 1,133 rows on about 1,000
 * pages that every list's count read (1.5 ms). Outside a transaction. */
int store_after_load(struct store_conn *c, struct err *e);
void store_schema_free(struct store_schema *s);
/* The table or column called name, or NULL. */
const struct store_table *store_schema_table(const struct store_schema *s, const char *name);
const struct store_column *store_table_column(const struct store_table *t, const char *name);
/* Makes the next id t's sequence gives the largest id in t plus one (PostgreSQL; nothing to do
 * on SQLite, whose INTEGER PRIMARY KEY follows the rows by itself). */
int store_move_sequence(struct store_conn *c, const struct store_table *t, struct err *e);

/* ---- cursors: stepping through a large result without holding all of it ---- */

struct store_cursor;

/* Starts sql (one SELECT, '?' placeholders) like store_exec, but keeps the rows on the server
 * side and hands them out one at a time (SQLite: sqlite3_step; PostgreSQL: single-row mode), so
 * memory stays constant whatever the number of rows. Until store_cursor_close nothing else may
 * run on c, and bound text must stay alive. Returns 0 with *out set, or ERR_* with e filled. */
int store_cursor_open(struct store_conn *c, const char *sql, const struct store_value *params,
                      int nparams, struct store_cursor **out, struct err *e);
/* Moves to the next row: 1 when there is one (store_cursor_row holds it as row 0), 0 at the
 * end (store_cursor_row then holds no row, but names the columns), or ERR_* with e filled. */
int store_cursor_next(struct store_cursor *cur, struct err *e);
/* The current row as a one-row result, read with store_text & co. at row 0 (so every row
 * mapper of the layers above works unchanged). NULL before the first store_cursor_next. Valid
 * until the next store_cursor_next or store_cursor_close. */
const struct store_result *store_cursor_row(const struct store_cursor *cur);
/* Ends the cursor (the rest of the rows are dropped) and frees it. NULL is fine. */
void store_cursor_close(struct store_cursor *cur);

/* ---- reading results ---- */

size_t store_rows(const struct store_result *r);
int store_cols(const struct store_result *r);
const char *store_colname(const struct store_result *r, int col);
/* Index of the column called name, or -1. */
int store_colindex(const struct store_result *r, const char *name);
/* Rows changed by an INSERT/UPDATE/DELETE. */
int64_t store_changes(const struct store_result *r);
bool store_isnull(const struct store_result *r, size_t row, int col);
/* Cell text, or NULL for SQL NULL. Valid until store_result_free. Always NUL-terminated; a BLOB
 * or bytea cell holds the raw bytes (store_length tells how many; they may contain NULs). */
const char *store_text(const struct store_result *r, size_t row, int col);
/* Byte length of a cell (0 for NULL). */
size_t store_length(const struct store_result *r, size_t row, int col);
/* store_text, with store_length in *len: one call for both (the row writer's 600 cells). */
const char *store_text_len(const struct store_result *r, size_t row, int col, size_t *len);
/* Every cell of row (row < store_rows(r)) at once: texts[col] as store_text gives it, lens[col]
 * as store_length; each array has store_cols(r) entries (the row writer's 27 columns). */
void store_row_texts(const struct store_result *r, size_t row, const char **texts, size_t *lens);
int64_t store_int(const struct store_result *r, size_t row, int col);
double store_real(const struct store_result *r, size_t row, int col);
/* True for 1/t/true; false for NULL and anything else. */
bool store_bool(const struct store_result *r, size_t row, int col);
void store_result_free(struct store_result *r);

/* ---- dialect hooks (the only engine differences visible above the store) ---- */

/* Writes into out (size n) a boolean SQL condition with exactly one '?' that is true when the
 * row of `table` (a trusted identifier) matches the search text bound to that '?', and returns
 * out. The migrations declare the index by convention, and only for the tables a model lists
 * with FILTER_FULLTEXT: on SQLite an FTS5 table <table>_fts (content='<table>',
 * content_rowid='id'), on PostgreSQL a generated tsvector column search_vector ('simple'
 * configuration). The text to bind is made by store_fulltext_arg. */
const char *store_sql_fulltext(const struct store_conn *c, const char *table, char *out, size_t n);
/* The same condition (one '?', the same text bound) written for a statement that finds the
 * matches through the full-text index rather than checking the rows it reads in another order:
 * a count with other filters, or a rare word's matches read whole and sorted. PostgreSQL's
 * jobs keep their vectors' GIN index in a table of their own (jobs_search, migration 0053), so
 * there it is the ids of the matches read from that table; elsewhere the same text as
 * store_sql_fulltext. */
const char *store_sql_fulltext_matches(const struct store_conn *c, const char *table, char *out,
                                       size_t n);
/* Writes into out (size n) and returns a SELECT with two '?' (the owner's id, then the
 * store_fulltext_arg text) whose one row and column counts the owner's rows of `table` that
 * match, from the full-text index alone (usable as a scalar subquery); with every_owner, one
 * '?' (the text) and the matching rows of every owner (cheaper: no owner's list to intersect;
 * the owner's count when no one else has a row); NULL when the engine cannot (then count with
 * store_sql_fulltext over the rows). SQLite: jobs_fts holds the owner (migration 0038), the
 * other tables return NULL. PostgreSQL: every table, through its GIN index whatever the words
 * (the planner would scan the table for a common word; for jobs the narrow jobs_search of
 * migration 0053), every owner's count not offered (docs/performance.md). */
const char *store_sql_fulltext_count(const struct store_conn *c, const char *table,
                                     bool every_owner, char *out, size_t n);
/* The same matches as store_sql_fulltext_count, the same '?'s, as a set of ids: one row and
 * column, a BLOB (an opaque value: store_ids_count tells how many ids it holds; bind it as is,
 * SV_BLOB, to the '?' of store_sql_in_ids). The matches are walked once for both the count and
 * the page (docs/performance.md, "Search on SQLite (seventh round)"). NULL when the engine
 * cannot (PostgreSQL, and SQLite's tables without the owner in their index). */
const char *store_sql_fulltext_ids(const struct store_conn *c, const char *table, bool every_owner,
                                   char *out, size_t n);
/* Writes into out (size n) and returns a SELECT of one column, the ids of a page of the owner's
 * rows of `table` that match, in the order of the column `sort` (a trusted identifier; desc:
 * descending) and then of the id in the same direction, chosen from the full-text index's own
 * rows alone: four '?', the owner's id, the store_fulltext_arg text, the LIMIT and the OFFSET.
 * For a page whose matches are few beside the owner's rows, where walking the sort's index
 * would read many of them. NULL when the engine's index does not keep that column: SQLite,
 * and PostgreSQL but for jobs' created_at (jobs_search, migration 0055). */
const char *store_sql_fulltext_page(const struct store_conn *c, const char *table, const char *sort,
                                    bool desc, char *out, size_t n);
/* Writes into out (size n) and returns a boolean SQL condition with one '?' (a set of ids made
 * by store_sql_fulltext_ids) that is true when the id column `column` (a trusted identifier) is
 * in the set. Only for an engine whose store_sql_fulltext_ids is not NULL. Asked of each row
 * another index finds, or with drive, the set's ids listed for the planner to look up (a set of
 * few ids among many rows). */
const char *store_sql_in_ids(const struct store_conn *c, const char *column, bool drive, char *out,
                             size_t n);
/* The number of ids in the set held by cell (row, col) of r (store_sql_fulltext_ids). */
int64_t store_ids_count(const struct store_result *r, size_t row, int col);
/* Turns user search text into the value for store_sql_fulltext's '?' (prefix match on each
 * word, all words required, operators neutralised). Returns malloc'd text or NULL when q holds
 * no searchable word. */
char *store_fulltext_arg(const struct store_conn *c, const char *q);

/* Array columns (SPEC "array": text[] on PostgreSQL, a JSON array on SQLite) are written from a
 * bound JSON array text through this placeholder expression (it holds exactly one '?'). */
const char *store_sql_array_param(const struct store_conn *c);
/* Writes into out (size n) a boolean SQL condition with one '?' that is true when the array
 * column `column` (a trusted identifier) contains the text bound to '?'. Returns out. */
const char *store_sql_array_contains(const struct store_conn *c, const char *column, char *out,
                                     size_t n);
/* The same for any of several texts: true when the array column shares an element with the JSON
 * array of texts bound to its one '?' (one pass over the column instead of one per text). */
const char *store_sql_array_overlaps(const struct store_conn *c, const char *column, char *out,
                                     size_t n);

/* Writes into out (size n) a boolean SQL condition with one '?' that is true when the text
 * column `column` (a trusted identifier) equals one of the texts of the JSON array bound to that
 * '?': one statement for many keys whatever their number (the import's duplicate check of a
 * batch), planned as lookups of the keys in the column's index. Returns out. */
const char *store_sql_in_texts(const struct store_conn *c, const char *column, char *out, size_t n);

/* The suffix that makes a SELECT lock the rows it reads until the transaction ends, so a
 * read-check-write inside store_begin .. store_commit is atomic: " FOR UPDATE" on PostgreSQL,
 * "" on SQLite (whose BEGIN IMMEDIATE already holds the write lock). */
const char *store_sql_for_update(const struct store_conn *c);
/* The prefix that keeps an expression in a WHERE or ORDER BY term from being served by an
 * index, so that a caller who knows the data (a list that counted its rows) picks the plan:
 * "+" on SQLite (unary plus), "" on PostgreSQL (whose planner has the statistics). */
const char *store_sql_no_index(const struct store_conn *c);
/* The column that stamps a row's committed version, or NULL where the engine has none: on
 * PostgreSQL `xmin`, the transaction that wrote the row's current version. Every write of a
 * row (an UPDATE, whatever its triggers or session_replication_role; a DELETE and an INSERT
 * reusing its key) makes a row version of another committed transaction, so while a row's
 * stamp reads the same, so does every column of it (up to the 2^32 transactions after which a
 * stamp comes round again). SQLite has none (a rowid's row may be deleted and written again with
 * nothing that tells). For a whole answer kept behind its row (src/api/jobs.c). */
const char *store_sql_row_stamp(const struct store_conn *c);
/* The ORDER BY clause order_by (e.g. " ORDER BY status, id", which an index on (user_id, status)
 * walks without a sort, the row id last) where a read of all of one owner's rows wants it to
 * come in the table's own order, else "": SQLite seeks each row of a search through an index in
 * that index's order, at random in the table when the index ends in another column (a cold
 * build of the heavy user's score cache spent a quarter of its CPU there); PostgreSQL reads so
 * large a share by a sequential scan, in the table's order, and would sort for the clause (to
 * disk: 14 MB for that build). */
const char *store_sql_table_order(const struct store_conn *c, const char *order_by);
/* True when the engine's own order of a column puts NULLs after every value in this direction
 * (desc: ORDER BY column DESC), for the column itself and for an index on it read in that
 * direction: descending on SQLite (NULL is the smallest value), ascending on PostgreSQL (the
 * largest). */
bool store_nulls_last(const struct store_conn *c, bool desc);
/* True when a column the migrations give an enumerated type sorts in the order its values were
 * declared in (PostgreSQL's CREATE TYPE ... AS ENUM), false where such a column is text with a
 * CHECK and sorts by name (SQLite): a list in the values' order sorts the column itself on the
 * one and their positions on the other (table_sort_rank in src/model/table_list.c). */
bool store_enum_order(const struct store_conn *c);

/* True when the engine's full-text condition (store_sql_fulltext) reads each candidate's row
 * of the table (PostgreSQL: the generated search_vector column), false when it is answered
 * from an index of its own (SQLite's FTS5 table) before any row is read. */
bool store_fulltext_reads_row(const struct store_conn *c);
/* True when the owner's count of table's matches (store_sql_fulltext_count) has one plan
 * whatever its values, so that it may be planned once (store_exec) rather than for each run:
 * PostgreSQL's jobs, counted in jobs_search (migration 0053), whose only way to its matches is
 * the GIN index and whose tsquery the planner never sees. */
bool store_fulltext_count_fixed(const struct store_conn *c, const char *table);

/* True when the engine joins a subquery that reads the columns of the tables before it
 * (`CROSS JOIN LATERAL (SELECT ...)`: PostgreSQL), false when it has no such join (SQLite). A
 * statement that repeats one bounded subquery per key can then be written as one subquery
 * planned once for every key, where PostgreSQL plans each repetition on every run. */
bool store_sql_lateral(const struct store_conn *c);

/* True when the engine compares the arrays of store_sql_array_overlaps natively (PostgreSQL's
 * && on a text[] column), false when it unpacks the column and the parameter for every row it
 * tests (SQLite: json_each of both, which costs more than reading the row): a caller that reads
 * the rows anyway and can compare their elements itself leaves the condition out there. */
bool store_array_overlaps_native(const struct store_conn *c);

/* ---- fault injection (tests only: docs/decisions.md, "Fault injection") ---- */

/* Makes the n-th fallible call on c from now (n >= 1; 0 disarms) fail with ERR_DB and the
 * message "injected fault" without reaching the engine, so that a test can walk the cleanup path
 * behind every call a request makes (STYLE.md habit 10). The fallible calls are this file's
 * functions that take c (or a cursor on it) and return an error code: store_exec,
 * store_exec_custom, store_exec_batch, store_exec_script (and store_refresh_stats and
 * store_compact through it), store_guard_end, store_begin, store_begin_snapshot, store_commit
 * (which rolls back first, as after a failed COMMIT), store_cursor_open, store_cursor_next,
 * store_ping, store_backup, store_restore and store_lock_migrations: one count each, at entry.
 * What the store runs on its own behalf inside such a call (a guard's statement, a read scope's
 * BEGIN, a batch run again one statement at a time, a ROLLBACK) is not counted. store_release
 * disarms c. */
void store_fault_arm(struct store_conn *c, int n);
/* Whether the fault armed on c fired since store_fault_arm. */
bool store_fault_fired(const struct store_conn *c);
/* Disarms c and returns the calls that were left before the fault (0 when it fired or none was
 * armed): a caller that moves to another connection arms that one with what is left. */
int store_fault_disarm(struct store_conn *c);

/* ---- URL parsing (pure; exposed for unit tests) ---- */

struct store_url {
    enum store_engine engine;
    char path[1024];            /* SQLite file path, or the full PostgreSQL conninfo URL */
    int statement_timeout_ms;   /* not from the URL: store_options's, copied by store_open_with */
    int page_cache_kib;         /* the same */
    bool background_checkpoint; /* the same */
};
/* Accepts "sqlite:PATH", "sqlite://PATH", "postgresql://..." and "postgres://...".
 * Returns 0 or ERR_INVALID with e filled. */
int store_parse_url(const char *url, struct store_url *out, struct err *e);

#endif
