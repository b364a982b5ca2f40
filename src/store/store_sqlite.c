/*
 * This file implements the SQLite backend of the store (the struct store_ops declared in
 * store_backend.h). Each pooled connection is one sqlite3 handle opened in multi-thread mode
 * (the pool hands a connection to one thread at a time), in WAL journal mode with foreign keys
 * on and a busy timeout, so readers never block the writer and writers queue instead of failing.
 *
 * Statements are prepared once per connection and kept in a small hash table keyed by their SQL
 * text; store_exec binds, steps to the end, copies every row into a struct store_result of text
 * cells, then resets the statement for the next call. SQLite's extended result codes are mapped
 * onto the ERR_* family here, and the constraint named in SQLite's message ("UNIQUE constraint
 * failed: users.email") is passed up in err.constraint.
 *
 * The backend's other files: store_sqlite_sync.c (durable commits: the WAL hook, the busy
 * handler, the checkpointer and the syncer), store_sqlite_search.c (sets of ids, full-text
 * search) and store_sqlite_file.c (backup and restore); store_sqlite_internal.h declares what
 * they share.
 */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../lib/buf.h"
#include "../lib/hash.h"
#include "../lib/xalloc.h"
#include "store_sqlite_internal.h"

/* Past this many statements per connection, new SQL texts are prepared, run and finalized
 * without being kept: a bound on memory should some caller build SQL with unbounded variety. */
#define CACHE_MAX 1024

/* Run on every new connection. busy_timeout comes first so that switching the journal mode
 * waits for, rather than fails on, a connection that holds the database
 * (store_sqlite_wait_for_writer replaces it once the connection is set up). synchronous=NORMAL:
 * SQLite itself syncs the WAL only at a checkpoint; every commit is made durable by
 * store_sqlite_wal_committed (store_sqlite_sync.c), after the write lock is released and before the
 * statement that committed returns (docs/decisions.md, "SQLite's commits are durable"). */
static const char SETUP_SQL[] = "PRAGMA busy_timeout=5000;"
                                "PRAGMA journal_mode=WAL;"
                                "PRAGMA foreign_keys=ON;"
                                "PRAGMA synchronous=NORMAL;"
                                /* 16 MiB page cache (unless store_options says otherwise:
                                 * the server's) and memory-mapped reads per connection:
                                 * list scans otherwise turn into thousands of pread calls */
                                "PRAGMA cache_size=-16384;"
                                "PRAGMA mmap_size=268435456;";

/* ================================================================ errors */

/* Records code and SQLite's current error message for db in e (unless e already holds an
 * error), with the constraint named after "constraint failed: " in e->constraint.
 * Returns code. */
static int report(sqlite3 *db, int code, struct err *e)
{
    static const char marker[] = "constraint failed: ";
    const char *msg = sqlite3_errmsg(db);
    if (e == NULL || e->code != ERR_OK)
        return code;
    err_set(e, code, NULL, "%s", msg);
    const char *name = strstr(msg, marker);
    if (name && code != ERR_DB)
        snprintf(e->constraint, sizeof e->constraint, "%s", name + sizeof marker - 1);
    return code;
}

/* Maps the last error on db to an ERR_* code, fills e (see report) and returns the code. */
static int map_error(sqlite3 *db, struct err *e)
{
    int extended = sqlite3_extended_errcode(db);
    switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
        return report(db, ERR_CONFLICT, e);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        return report(db, ERR_FOREIGN_KEY, e);
    default:
        /* CHECK, NOT NULL, RAISE() in a trigger: the row broke a rule of the schema. */
        if ((extended & 0xff) == SQLITE_CONSTRAINT)
            return report(db, ERR_CHECK, e);
        return report(db, ERR_DB, e);
    }
}

/* ================================================================ connecting */

/* Creates every missing directory above the file at path, like mkdir -p on its dirname.
 * Returns 0 or ERR_DB with e filled. */
static int make_parent_dirs(const char *path, struct err *e)
{
    char dir[sizeof((struct store_url *)0)->path];
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
            int mkdir_errno = errno;
            struct stat st; /* EACCES/EROFS on a directory that exists is no failure */
            if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
                return err_set(e, ERR_DB, NULL, "cannot create directory %s: %s", dir,
                               strerror(mkdir_errno));
        }
        *p = '/';
    }
    return 0;
}

/* Finalizes every cached statement and closes the handle; c stays allocated, not open. */
static void close_handle(struct sqlite_conn *c)
{
    for (int i = 0; i < CACHE_BUCKETS; i++) {
        struct cached_stmt *s = c->buckets[i];
        while (s) {
            struct cached_stmt *next = s->next;
            sqlite3_finalize(s->stmt);
            free(s->sql);
            free(s);
            s = next;
        }
        c->buckets[i] = NULL;
    }
    c->ncached = 0;
    sqlite3_close(c->db);
    c->db = NULL;
    c->base.broken = true;
}

static struct store_conn *sqlite_create(void)
{
    struct sqlite_conn *c = xcalloc(1, sizeof *c);
    c->base.ops = &store_sqlite_ops;
    c->base.broken = true;
    return &c->base;
}

/* Whether db keeps its text in UTF-8 (the default of a new database; PRAGMA encoding is fixed
 * when the file is created). */
static bool text_is_utf8(sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    bool utf8 = sqlite3_prepare_v2(db, "PRAGMA encoding", -1, &stmt, NULL) == SQLITE_OK &&
                sqlite3_step(stmt) == SQLITE_ROW &&
                strcmp((const char *)sqlite3_column_text(stmt, 0), "UTF-8") == 0;
    sqlite3_finalize(stmt);
    return utf8;
}

/* No memory statistics: with them every allocation SQLite makes takes a process-wide mutex
 * (nothing reads them: no sqlite3_memory_used, no heap limit). Only possible before SQLite
 * initialises; later it refuses, which changes nothing else. */
static void sqlite_settings(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Opens the database file url->path (creating it and its directory when missing) and applies
 * the connection settings. Returns 0, or ERR_DB with e filled. */
static int sqlite_open(struct store_conn *base, const struct store_url *url, struct err *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sqlite_settings);
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    close_handle(c);
    if (make_parent_dirs(url->path, e))
        return ERR_DB;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(url->path, &db, flags, NULL) != SQLITE_OK) {
        err_set(e, ERR_DB, NULL, "cannot open %s: %s", url->path,
                db ? sqlite3_errmsg(db) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(db, 1);
    char cache_sql[64] = "";
    if (url->page_cache_kib > 0)
        snprintf(cache_sql, sizeof cache_sql, "PRAGMA cache_size=-%d;", url->page_cache_kib);
    if (sqlite3_exec(db, SETUP_SQL, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, cache_sql, NULL, NULL, NULL) != SQLITE_OK ||
        store_sqlite_add_id_sets(db) != SQLITE_OK) {
        err_set(e, ERR_DB, NULL, "cannot open %s: %s", url->path, sqlite3_errmsg(db));
        goto fail;
    }
    c->db = db;
    c->utf8 = text_is_utf8(db);
    const char *file = sqlite3_db_filename(db, "main");
    c->group = store_sqlite_group_for(file ? file : url->path);
    c->background = url->background_checkpoint;
    sqlite3_wal_hook(db, store_sqlite_wal_committed, c);
    sqlite3_busy_handler(db, store_sqlite_wait_for_writer, c);
    c->base.broken = false;
    return 0;
fail:
    sqlite3_close(db);
    return ERR_DB;
}

/* A file on this machine does not go away under an open handle. */
static bool sqlite_alive(struct store_conn *base)
{
    return ((struct sqlite_conn *)base)->db != NULL;
}

/* store_ops.idle: in autocommit mode and no transaction on any of the handle's schemas (a
 * statement stepped and not reset keeps its read transaction). Two O(1) calls; walking the
 * handle's statements with sqlite3_next_stmt / sqlite3_stmt_busy instead cost 2.5 us per
 * release with 300 of them cached. */
static bool sqlite_idle(struct store_conn *base)
{
    sqlite3 *db = ((struct sqlite_conn *)base)->db;
    return db == NULL ||
           (sqlite3_get_autocommit(db) && sqlite3_txn_state(db, NULL) == SQLITE_TXN_NONE);
}

static void sqlite_disconnect(struct store_conn *base)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    close_handle(c);
    free(c);
}

/* ================================================================ statement cache */

/* FNV-1a: cheap, and good enough to spread a few hundred SQL texts over the buckets. */
static uint32_t hash_text(const char *s)
{
    return (uint32_t)fnv1a_text(FNV1A_SEED, s);
}

/* True when nothing but white space and semicolons is left in tail. */
static bool only_blank(const char *tail)
{
    return tail == NULL || tail[strspn(tail, " \t\r\n;")] == '\0';
}

/* Sets *out to the prepared statement for sql: the cached one, or a new one that is cached
 * while the cache has room. *transient is set when the statement is not cached and the caller
 * must finalize it after use. Returns 0, ERR_INTERNAL when sql holds no statement or more than
 * one, or the mapped error when it does not compile (no such table, syntax error). */
static int statement_for(struct sqlite_conn *c, const char *sql, sqlite3_stmt **out,
                         bool *transient, struct err *e)
{
    uint32_t hash = hash_text(sql);
    struct cached_stmt **bucket = &c->buckets[hash % CACHE_BUCKETS];
    for (struct cached_stmt *s = *bucket; s; s = s->next) {
        if (s->hash == hash && strcmp(s->sql, sql) == 0) {
            *out = s->stmt;
            *transient = false;
            return 0;
        }
    }
    bool keep = c->ncached < CACHE_MAX;
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail) !=
        SQLITE_OK)
        return map_error(c->db, e);
    if (stmt == NULL || !only_blank(tail)) {
        sqlite3_finalize(stmt);
        return err_set(e, ERR_INTERNAL, NULL, "store_exec takes exactly one statement: %.120s",
                       sql);
    }
    *out = stmt;
    *transient = !keep;
    if (keep) {
        struct cached_stmt *s = xmalloc(sizeof *s);
        *s = (struct cached_stmt){.sql = xstrdup(sql), .hash = hash, .stmt = stmt, .next = *bucket};
        *bucket = s;
        c->ncached++;
    }
    return 0;
}

/* ================================================================ running SQL */

/* Binds params[0..n) to stmt. Text is bound SQLITE_STATIC: the caller keeps it alive until the
 * statement is reset, which sqlite_exec does before returning. Returns 0, ERR_INTERNAL when the
 * statement expects another number of parameters, or the mapped error. */
static int bind_params(sqlite3 *db, sqlite3_stmt *stmt, const struct store_value *params, int n,
                       struct err *e)
{
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != n)
        return err_set(e, ERR_INTERNAL, NULL, "statement takes %d parameters, %d given: %.120s",
                       expected, n, sqlite3_sql(stmt));
    for (int i = 0; i < n; i++) {
        const struct store_value *v = &params[i];
        int rc;
        switch (v->type) {
        case STORE_INT:
            rc = sqlite3_bind_int64(stmt, i + 1, v->i);
            break;
        case STORE_BOOL:
            rc = sqlite3_bind_int64(stmt, i + 1, v->i != 0);
            break;
        case STORE_REAL:
            rc = sqlite3_bind_double(stmt, i + 1, v->d);
            break;
        case STORE_TEXT: /* n bytes when given (SV_TEXTN: a NUL inside is kept) */
            rc = v->s ? sqlite3_bind_text64(stmt, i + 1, v->s, v->n ? v->n : strlen(v->s),
                                            SQLITE_STATIC, SQLITE_UTF8)
                      : sqlite3_bind_null(stmt, i + 1);
            break;
        case STORE_BLOB: /* zero bytes bind as an empty BLOB, not NULL */
            rc = sqlite3_bind_blob64(stmt, i + 1, v->s ? v->s : "", v->n, SQLITE_STATIC);
            break;
        default:
            rc = sqlite3_bind_null(stmt, i + 1);
        }
        if (rc != SQLITE_OK)
            return map_error(db, e);
    }
    return 0;
}

/* An empty result shaped like stmt's output columns. */
static struct store_result *result_for(sqlite3_stmt *stmt)
{
    int ncols = sqlite3_column_count(stmt);
    const char **names = xcalloc((size_t)(ncols ? ncols : 1), sizeof *names);
    for (int i = 0; i < ncols; i++) {
        names[i] = sqlite3_column_name(stmt, i);
        if (names[i] == NULL)
            names[i] = "";
    }
    struct store_result *r = store_result_new(ncols, names);
    free(names);
    return r;
}

/* Copies the current row of stmt into the last row of r: text cells (a blob's bytes as they
 * are; an integer as "%lld" gives it), SQL NULL left NULL. With utf8, a text cell's bytes are
 * taken as stored (sqlite3_value_blob: no conversion, and no copy made to add the NUL that
 * sqlite3_value_text adds; store_result_set terminates its own copy). With borrow (a row
 * handed to store_exec_each's callback before the next step: step_each), a text cell, and a
 * real number's text, which sqlite3_value_text writes into the value, is not copied but
 * borrowed from SQLite, NUL-terminated and valid until the statement steps again; an integer's
 * text and a blob's bytes are still copied, into r's slab, which store_result_rewind reuses.
 * Each cell is read through its sqlite3_value (one call for the value, then its type, text and
 * length), not the sqlite3_column_* calls, which each look the column up again: a page of 20
 * jobs is 600 cells. The connection is used by one thread at a time (SQLITE_OPEN_NOMUTEX, one
 * per pool slot), so the unprotected value is safe to read. */
static void read_row(sqlite3_stmt *stmt, struct store_result *r, int ncols, bool utf8, bool borrow)
{
    for (int i = 0; i < ncols; i++) {
        sqlite3_value *v = sqlite3_column_value(stmt, i);
        int type = sqlite3_value_type(v);
        if (type == SQLITE_NULL)
            continue;
        if (type == SQLITE_INTEGER) { /* the text SQLite would give, without its conversion */
            char text[BUF_INT_LEN];
            store_result_set(r, i, text, buf_int_text(sqlite3_value_int64(v), text));
            continue;
        }
        if (borrow && type != SQLITE_BLOB) {
            const char *text = (const char *)sqlite3_value_text(v); /* then its length */
            size_t len = (size_t)sqlite3_value_bytes(v);
            if (text) {
                store_result_borrow(r, i, text, len);
                continue;
            }
        }
        const char *bytes = type == SQLITE_BLOB || (type == SQLITE_TEXT && utf8)
                                ? (const char *)sqlite3_value_blob(v)
                                : (const char *)sqlite3_value_text(v);
        store_result_set(r, i, bytes ? bytes : "", (size_t)sqlite3_value_bytes(v));
    }
}

/* Nothing to release: a row handed by step_each borrows from its statement, which outlives it. */
static void release_nothing(void *owner)
{
    (void)owner;
}

/* step_all for store_exec_each: each row is handed to the connection's row_sink as row 0 of *r,
 * rewound before the next; *r ends without rows. */
static int step_each(struct sqlite_conn *c, sqlite3_stmt *stmt, struct store_result **r,
                     struct err *e)
{
    int rc = sqlite3_step(stmt);
    *r = result_for(stmt);
    store_result_keep(*r, stmt, release_nothing);
    int ncols = store_cols(*r);
    for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
        store_result_rewind(*r);
        store_result_add_row(*r);
        read_row(stmt, *r, ncols, c->utf8, true);
        c->base.row_sink(c->base.sink_arg, *r, 0);
    }
    store_result_rewind(*r);
    return rc == SQLITE_DONE ? 0 : map_error(c->db, e);
}

/* Steps stmt to the end. When r is not NULL, *r receives a new result holding every row (text
 * cells; SQL NULL stays NULL), also on failure (the caller frees it). The result is shaped
 * after the first step, since a step may re-prepare the statement after a schema change and
 * alter its columns. Returns 0 or the mapped error. */
static int step_all(struct sqlite_conn *c, sqlite3_stmt *stmt, struct store_result **r,
                    struct err *e)
{
    int rc = sqlite3_step(stmt);
    if (r)
        *r = result_for(stmt);
    int ncols = r ? store_cols(*r) : 0;
    for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
        if (r == NULL)
            continue;
        store_result_add_row(*r);
        read_row(stmt, *r, ncols, c->utf8, false);
    }
    return rc == SQLITE_DONE ? 0 : map_error(c->db, e);
}

/* Rows changed by the statement just run: sqlite3_changes64 counts only the last completed
 * INSERT/UPDATE/DELETE, so it is taken only when this statement changed something (the total
 * moved); a SELECT or a DDL statement reports 0, not a stale count. */
static int64_t changes_of(sqlite3 *db, sqlite3_stmt *stmt, int64_t total_before)
{
    if (sqlite3_stmt_readonly(stmt) || sqlite3_total_changes64(db) == total_before)
        return 0;
    return sqlite3_changes64(db);
}

/* Ends the read transaction SQLite 3.40's FTS5 leaves open when an autocommit statement fails
 * after a trigger of it wrote to an FTS5 table (the FTS5 index keeps its cached reader of the
 * segments open; the statement's rollback does not close it): the connection's next statement
 * would read that old snapshot, in this request or in the next one the pool gives the
 * connection to, and miss what other connections and processes committed meanwhile
 * (docs/decisions.md, "A stale read on SQLite"). BEGIN then ROLLBACK ends it, FTS5's reader
 * with it. Two O(1) calls when there is nothing to end. Run after a failed statement, and at
 * every release (store_sqlite_settle) for any other way to it. */
void store_sqlite_end_leaked_read(sqlite3 *db)
{
    if (sqlite3_get_autocommit(db) && sqlite3_txn_state(db, NULL) != SQLITE_TXN_NONE)
        (void)sqlite3_exec(db, "BEGIN; ROLLBACK", NULL, NULL, NULL);
}

/* store_ops.exec: see store_exec in store.h. */
static int sqlite_exec(struct store_conn *base, const char *sql, const struct store_value *params,
                       int nparams, struct store_result **out, struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    struct store_result *r = NULL;
    sqlite3_stmt *stmt = NULL;
    bool transient = false;
    int rc = statement_for(c, sql, &stmt, &transient, e);
    if (rc)
        return rc;
    rc = bind_params(c->db, stmt, params, nparams, e);
    if (rc)
        goto done;
    int64_t total_before = sqlite3_total_changes64(c->db);
    if (out && base->row_sink && sql == base->sink_sql) /* store_exec_each's statement */
        rc = step_each(c, stmt, &r, e);
    else
        rc = step_all(c, stmt, out ? &r : NULL, e);
    if (rc)
        goto done;
    if (out) {
        store_result_set_changes(r, changes_of(c->db, stmt, total_before));
        *out = r;
        r = NULL;
    }
done:
    store_result_free(r);
    if (transient) {
        sqlite3_finalize(stmt);
    } else {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
    if (rc)
        store_sqlite_end_leaked_read(c->db);
    return rc;
}

/* ================================================================ cursors */

/* store_ops.cursor_open: a statement of its own (never the cached one, which another call with
 * the same SQL would reset under the cursor), bound, not yet stepped. */
static int sqlite_cursor_open(struct store_conn *base, const char *sql,
                              const struct store_value *params, int nparams, void **state,
                              struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, 0, &stmt, &tail) != SQLITE_OK)
        return map_error(c->db, e);
    if (stmt == NULL || !only_blank(tail)) {
        sqlite3_finalize(stmt);
        return err_set(e, ERR_INTERNAL, NULL, "a cursor takes exactly one statement: %.120s", sql);
    }
    int rc = bind_params(c->db, stmt, params, nparams, e);
    if (rc) {
        sqlite3_finalize(stmt);
        return rc;
    }
    *state = stmt;
    return 0;
}

/* store_ops.cursor_next: one sqlite3_step. */
static int sqlite_cursor_next(struct store_conn *base, void *state, struct store_result **row,
                              struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    sqlite3_stmt *stmt = state;
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return map_error(c->db, e);
    if (*row == NULL)
        *row = result_for(stmt);
    store_result_clear(*row);
    if (rc == SQLITE_DONE)
        return 0;
    store_result_add_row(*row);
    read_row(stmt, *row, store_cols(*row), c->utf8, false);
    return 1;
}

static void sqlite_cursor_close(struct store_conn *base, void *state)
{
    sqlite3_finalize(state);
}

/* store_ops.exec_script: runs every statement of sql in turn, stopping at the first error. */
static int sqlite_exec_script(struct store_conn *base, const char *sql, struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        int rc = map_error(c->db, e);
        store_sqlite_end_leaked_read(c->db);
        return rc;
    }
    return 0;
}

const struct store_ops store_sqlite_ops = {
    .create = sqlite_create,
    .open = sqlite_open,
    .alive = sqlite_alive,
    .disconnect = sqlite_disconnect,
    .idle = sqlite_idle,
    .exec = sqlite_exec,
    .exec_script = sqlite_exec_script,
    .begin_sql = "BEGIN IMMEDIATE",
    /* deferred: the first read takes the snapshot, and in WAL mode writers go on */
    .begin_snapshot_sql = "BEGIN",
    /* one WAL read lock (fcntl, fstat, fcntl) per request instead of one per statement */
    .read_scope = true,
    .read_only_sql = "SELECT count(*) < 0 FROM sqlite_schema", /* reads the file, never true */
    .backup_to = store_sqlite_backup_to,
    .defer_sync = store_sqlite_defer_sync,
    .take_unsynced = store_sqlite_take_unsynced,
    .when_synced = store_sqlite_when_synced,
    .settle = store_sqlite_settle,
    .restore_from = store_sqlite_restore_from,
    .lock_migrations = NULL, /* BEGIN IMMEDIATE already serialises migrators */
    .unlock_migrations = NULL,
    .sql_fulltext = store_sqlite_sql_fulltext,
    .fulltext_arg = store_sqlite_fulltext_arg,
    .sql_fulltext_count = store_sqlite_sql_fulltext_count,
    .sql_fulltext_ids = store_sqlite_sql_fulltext_ids,
    .in_ids = "copilot_in_ids(?, %s)",
    .ids_drive = "%s IN (SELECT value FROM json_each(copilot_ids_json(?)))",
    .cursor_open = sqlite_cursor_open,
    .cursor_next = sqlite_cursor_next,
    .cursor_close = sqlite_cursor_close,
    .array_param = "?",
    .array_contains = "EXISTS (SELECT 1 FROM json_each(%s) WHERE value = ?)",
    .array_overlaps = "EXISTS (SELECT 1 FROM json_each(%s) WHERE value IN (SELECT value FROM "
                      "json_each(?)))",
    .in_texts = "%s IN (SELECT value FROM json_each(?))",
    .for_update = "", /* BEGIN IMMEDIATE already holds the database's write lock */
    .no_index = "+",  /* unary plus: the planner uses no index for the term */
    .seeks_in_index_order = true,
    .nulls_low = true,
};
