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
 * Engine-specific SQL lives only in the migrations and inside the backends (store_sqlite.c,
 * store_pg.c); the few dialect differences the layers above need are the store_sql_* hooks.
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

enum store_type { STORE_NULL, STORE_INT, STORE_REAL, STORE_TEXT, STORE_BOOL };

/* One bound parameter. Text is borrowed: it must outlive the store_exec call. JSON values
 * are passed as STORE_TEXT holding the JSON text. */
struct store_value {
    enum store_type type;
    int64_t i;     /* STORE_INT, STORE_BOOL (0/1) */
    double d;      /* STORE_REAL */
    const char *s; /* STORE_TEXT */
};

#define SV_NULL ((struct store_value){.type = STORE_NULL})
#define SV_INT(x) ((struct store_value){.type = STORE_INT, .i = (x)})
#define SV_REAL(x) ((struct store_value){.type = STORE_REAL, .d = (x)})
#define SV_BOOL(x) ((struct store_value){.type = STORE_BOOL, .i = (x) ? 1 : 0})
#define SV_TEXT(x) ((struct store_value){.type = STORE_TEXT, .s = (x)})
/* Text or NULL when x is NULL. */
#define SV_TEXT_OR_NULL(x) ((x) ? SV_TEXT(x) : SV_NULL)

/* ---- opening and the connection pool ---- */

/* Parses url and opens a store with pool_size connections (>= 1), opened lazily.
 * Returns 0 and sets *out, or ERR_INVALID (bad URL) / ERR_DB (cannot connect) with e filled.
 * The first connection is opened eagerly so a bad URL or unreachable server fails here. */
int store_open(const char *url, int pool_size, struct store **out, struct err *e);
/* Closes every connection and frees the store. Every connection must have been released. */
void store_close(struct store *s);
enum store_engine store_engine(const struct store *s);

/* Takes a free connection, waiting while all are in use. Never NULL (a connection that fails to
 * open is reported by the first store_exec on it as ERR_DB and reopened on the next acquire). */
struct store_conn *store_acquire(struct store *s);
/* Returns c to the pool. An open transaction is rolled back first. */
void store_release(struct store *s, struct store_conn *c);

/* ---- running SQL ---- */

/* Prepares sql (one statement, '?' placeholders), binds nparams values and runs it. When out is
 * not NULL, *out receives the result (caller frees with store_result_free), also for statements
 * without rows (then store_rows is 0 and store_changes tells the affected rows).
 * Returns 0 or a negative ERR_* code with e filled (constraint name in e->constraint). */
int store_exec(struct store_conn *c, const char *sql, const struct store_value *params, int nparams,
               struct store_result **out, struct err *e);
/* Runs several ';'-separated statements without parameters (migrations). */
int store_exec_script(struct store_conn *c, const char *sql, struct err *e);

/* Transactions. store_begin takes the write lock at once on SQLite (BEGIN IMMEDIATE) so two
 * writers never deadlock upgrading a read lock. */
int store_begin(struct store_conn *c, struct err *e);
int store_commit(struct store_conn *c, struct err *e);
/* Rolls back if a transaction is open; never fails from the caller's point of view. */
void store_rollback(struct store_conn *c);
bool store_in_transaction(const struct store_conn *c);

/* Cheap round trip for /readyz. */
int store_ping(struct store_conn *c, struct err *e);

/* Migrations only: serialise concurrent migrators (PostgreSQL advisory lock; a no-op on SQLite,
 * whose BEGIN IMMEDIATE already serialises). */
int store_lock_migrations(struct store_conn *c, struct err *e);
void store_unlock_migrations(struct store_conn *c);

/* ---- reading results ---- */

size_t store_rows(const struct store_result *r);
int store_cols(const struct store_result *r);
const char *store_colname(const struct store_result *r, int col);
/* Index of the column called name, or -1. */
int store_colindex(const struct store_result *r, const char *name);
/* Rows changed by an INSERT/UPDATE/DELETE. */
int64_t store_changes(const struct store_result *r);
bool store_isnull(const struct store_result *r, size_t row, int col);
/* Cell text, or NULL for SQL NULL. Valid until store_result_free. */
const char *store_text(const struct store_result *r, size_t row, int col);
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

/* The suffix that makes a SELECT lock the rows it reads until the transaction ends, so a
 * read-check-write inside store_begin .. store_commit is atomic: " FOR UPDATE" on PostgreSQL,
 * "" on SQLite (whose BEGIN IMMEDIATE already holds the write lock). */
const char *store_sql_for_update(const struct store_conn *c);

/* ---- URL parsing (pure; exposed for unit tests) ---- */

struct store_url {
    enum store_engine engine;
    char path[1024]; /* SQLite file path, or the full PostgreSQL conninfo URL */
};
/* Accepts "sqlite:PATH", "sqlite://PATH", "postgresql://..." and "postgres://...".
 * Returns 0 or ERR_INVALID with e filled. */
int store_parse_url(const char *url, struct store_url *out, struct err *e);

#endif
