/*
 * This file implements the PostgreSQL backend of the store (the struct store_ops declared in
 * store_backend.h) on libpq. Each pooled connection is one PGconn whose session runs in UTC
 * with UTF-8 text and ISO dates.
 *
 * SQL arrives with '?' placeholders; the first time a connection sees a SQL text it rewrites the
 * placeholders as $1, $2, ... and prepares it under a name of its own ("s1", "s2", ...), kept in
 * a hash table keyed by the original text, so later calls cost one round trip and no planning.
 * Parameters travel as text and the server infers their types. A result becomes a struct
 * store_result of text cells that point into the PGresult it keeps (no copy), except those
 * converted so that both engines read alike (copies):
 * bool -> "1"/"0", timestamp(tz) -> RFC 3339 UTC, text[]/varchar[] -> JSON array. Errors are
 * mapped by SQLSTATE; a lost connection marks the store_conn broken so the pool reopens it.
 *
 * The backend's other files: store_pg_error.c (SQLSTATEs), store_pg_result.c (a PGresult read
 * as text cells) and store_pg_search.c (full-text search); store_pg_internal.h declares what
 * they share.
 */
#include <assert.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/hash.h"
#include "../lib/xalloc.h"
#include "store_pg_internal.h"

/* Past this many prepared statements per connection, new SQL texts run unprepared. */
#define CACHE_MAX 1024

#define MIGRATION_LOCK_KEY "727274"

static const char SESSION_SQL[] = "SET client_encoding = 'UTF8';"
                                  "SET TIME ZONE 'UTC';"
                                  "SET DateStyle = 'ISO, YMD';"
                                  /* a prepared statement's plan may turn generic (lookups by
                                   * key skip the planner); store_exec_custom plans each run
                                   * with its values where that matters */
                                  "SET plan_cache_mode = auto;"
                                  /* no JIT compilation: the heavy user's whole reads (the
                                   * score cache's build: 90,597 rows, planned at a cost above
                                   * jit_above_cost) spent 127 ms of their 485 compiling, again
                                   * on each run (docs/performance.md, "A heavy user's first
                                   * requests (thirty-fifth round)") */
                                  "SET jit = off";

/* ================================================================ connecting */

/* Server notices ("relation already exists, skipping") are not errors; keep them off stderr. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg, (void)message;
}

/* Frees the statement cache (the server's statements die with the session). */
static void drop_cache(struct pg_conn *c)
{
    for (int i = 0; i < CACHE_BUCKETS; i++) {
        struct pg_stmt *s = c->buckets[i];
        while (s) {
            struct pg_stmt *next = s->next;
            free(s->sql);
            free(s);
            s = next;
        }
        c->buckets[i] = NULL;
    }
    c->ncached = 0;
    c->next_id = 0;
}

static struct store_conn *pg_create(void)
{
    struct pg_conn *c = xcalloc(1, sizeof *c);
    c->base.ops = &store_pg_ops;
    c->base.broken = true;
    return &c->base;
}

/* Connects to the conninfo URL url->path (10 s connect timeout unless the URL sets
 * connect_timeout) and sets up the session, replacing whatever c held. Returns 0, or ERR_DB
 * with e filled (c stays broken). */
static int pg_open(struct store_conn *base, const struct store_url *url, struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    drop_cache(c);
    PQfinish(c->pg);
    c->pg = NULL;
    c->base.broken = true;
    /* Defaults first: the URL's own parameters, expanded from dbname, override them. Without a
     * timeout an unreachable host would hold the caller for the kernel's TCP timeout. */
    static const char *const keys[] = {"connect_timeout", "application_name", "dbname", NULL};
    const char *const values[] = {"10", "copilot", url->path, NULL};
    PGresult *res = NULL;
    PGconn *pg = PQconnectdbParams(keys, values, 1);
    if (pg == NULL)
        return err_set(e, ERR_DB, NULL, "cannot connect to PostgreSQL: out of memory");
    if (PQstatus(pg) != CONNECTION_OK) {
        err_set(e, ERR_DB, NULL, "cannot connect to PostgreSQL: %s", PQerrorMessage(pg));
        goto fail;
    }
    PQsetNoticeProcessor(pg, ignore_notice, NULL);
    char session[sizeof SESSION_SQL + 64];
    snprintf(session, sizeof session, "%s;SET statement_timeout = %d", SESSION_SQL,
             url->statement_timeout_ms);
    res = PQexec(pg, session);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        err_set(e, ERR_DB, NULL, "cannot set up the PostgreSQL session: %s", PQerrorMessage(pg));
        goto fail;
    }
    PQclear(res);
    c->pg = pg;
    c->statement_timeout_ms = url->statement_timeout_ms;
    c->base.broken = false;
    return 0;
fail:
    if (e)
        e->message[strcspn(e->message, "\n")] = '\0';
    PQclear(res);
    PQfinish(pg);
    return ERR_DB;
}

/* Before a statement is sent: an idle connection has nothing to read unless the server spoke
 * first, which for a pooled connection means it is going away (a shutdown or termination
 * message, then end of file). Reading that input tells; a connection found dead is marked
 * broken so that store_exec reopens it before anything is sent. */
static bool pg_alive(struct store_conn *base)
{
    struct pg_conn *c = (struct pg_conn *)base;
    if (c->pg == NULL || PQstatus(c->pg) != CONNECTION_OK) {
        c->base.broken = true;
        return false;
    }
    struct pollfd p = {.fd = PQsocket(c->pg), .events = POLLIN};
    for (int i = 0; i < 4 && poll(&p, 1, 0) > 0; i++) {
        if (!PQconsumeInput(c->pg) || PQstatus(c->pg) != CONNECTION_OK) {
            c->base.broken = true;
            return false;
        }
        PGnotify *n;
        while ((n = PQnotifies(c->pg)) != NULL)
            PQfreemem(n);
    }
    return true;
}

/* Closes the connection (the server drops its prepared statements) and frees c. */
static void pg_disconnect(struct store_conn *base)
{
    struct pg_conn *c = (struct pg_conn *)base;
    drop_cache(c);
    PQfinish(c->pg);
    free(c);
}

/* ================================================================ placeholders */

/* See store_backend.h. A doubled quote inside a literal closes and reopens it, which comes to
 * the same. E'...' escapes are not understood: a \' inside one would end the literal early,
 * and PostgreSQL's jsonb operators ?, ?| and ?& cannot be written (use jsonb_exists()). */
char *store_pg_translate(const char *sql, int *count)
{
    struct buf b;
    buf_init(&b);
    int n = 0;
    const char *close = NULL; /* what ends the quote or comment we are in, NULL in plain SQL */
    for (const char *p = sql; *p; p++) {
        if (close) {
            size_t closer = strlen(close);
            if (strncmp(p, close, closer) == 0) { /* the whole closer: its end opens nothing */
                buf_append(&b, p, closer);
                p += closer - 1;
                close = NULL;
                continue;
            }
        } else if (*p == '\'') {
            close = "'";
        } else if (*p == '"') {
            close = "\"";
        } else if (p[0] == '-' && p[1] == '-') {
            close = "\n";
        } else if (p[0] == '/' && p[1] == '*') {
            buf_append(&b, p++, 1); /* so the '*' of the opener cannot also close */
            close = "*/";
        } else if (*p == '?') {
            buf_printf(&b, "$%d", ++n);
            continue;
        }
        buf_append(&b, p, 1);
    }
    *count = n;
    return buf_steal(&b);
}

/* ================================================================ statement cache */

/* FNV-1a: cheap, and good enough to spread a few hundred SQL texts over the buckets. */
static uint32_t hash_text(const char *s)
{
    return (uint32_t)fnv1a_text(FNV1A_SEED, s);
}

static struct pg_stmt *cache_find(struct pg_conn *c, const char *sql, uint32_t hash)
{
    for (struct pg_stmt *s = c->buckets[hash % CACHE_BUCKETS]; s; s = s->next)
        if (s->hash == hash && strcmp(s->sql, sql) == 0)
            return s;
    return NULL;
}

/* Drops s from the cache. Its server-side statement stays until the connection closes (it
 * cannot be deallocated inside an aborted transaction); the name is never reused. */
static void cache_evict(struct pg_conn *c, struct pg_stmt *s)
{
    struct pg_stmt **link = &c->buckets[s->hash % CACHE_BUCKETS];
    while (*link != s)
        link = &(*link)->next;
    *link = s->next;
    c->ncached--;
    free(s->sql);
    free(s);
}

/* Prepares the translated text under a new name and caches it under sql. Returns 0 with *out
 * set, or the mapped error (the statement does not compile). */
static int prepare(struct pg_conn *c, const char *sql, uint32_t hash, const char *text, int nparams,
                   struct pg_stmt **out, struct err *e)
{
    struct pg_stmt *s = xcalloc(1, sizeof *s);
    snprintf(s->name, sizeof s->name, "s%u", ++c->next_id);
    PGresult *res = PQprepare(c->pg, s->name, text, nparams, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        int rc = store_pg_map_error(c, res, e);
        PQclear(res);
        free(s);
        return rc;
    }
    PQclear(res);
    s->sql = xstrdup(sql);
    s->hash = hash;
    s->nparams = nparams;
    s->next = c->buckets[hash % CACHE_BUCKETS];
    c->buckets[hash % CACHE_BUCKETS] = s;
    c->ncached++;
    *out = s;
    return 0;
}

/* ================================================================ running SQL */

/* What libpq sends for the parameters: values[i] points at the caller's text or bytes, at static
 * "true"/"false", into the number area, or is NULL for SQL NULL; bytes (STORE_BLOB) go in
 * binary format with their length, everything else as text. */
struct encoded {
    const char **values;
    int *lengths;
    int *formats;
    char (*numbers)[32];
};

/* Fills p for params[0..n) in one allocation (p->values NULL when n is 0); free(p->values). */
static void encode_params(const struct store_value *params, int n, struct encoded *p)
{
    memset(p, 0, sizeof *p);
    if (n == 0)
        return;
    size_t each = sizeof *p->values + 2 * sizeof(int) + 32;
    char *block = xcalloc((size_t)n, each);
    p->values = (const char **)block;
    p->lengths = (int *)(block + (size_t)n * sizeof *p->values);
    p->formats = p->lengths + n;
    p->numbers = (char(*)[32])(p->formats + n);
    for (int i = 0; i < n; i++) {
        const struct store_value *v = &params[i];
        switch (v->type) {
        case STORE_INT:
            snprintf(p->numbers[i], sizeof p->numbers[i], "%lld", (long long)v->i);
            p->values[i] = p->numbers[i];
            break;
        case STORE_REAL:
            snprintf(p->numbers[i], sizeof p->numbers[i], "%.17g", v->d);
            p->values[i] = p->numbers[i];
            break;
        case STORE_BOOL:
            p->values[i] = v->i ? "true" : "false";
            break;
        case STORE_TEXT:
            p->values[i] = v->s;
            break;
        case STORE_BLOB:
            assert(v->n <= INT32_MAX);
            p->values[i] = v->s ? v->s : "";
            p->lengths[i] = (int)v->n;
            p->formats[i] = 1;
            break;
        default:
            p->values[i] = NULL;
        }
    }
}

/* Finds or prepares the statement for sql. Sets *stmt, or leaves it NULL and sets *text to the
 * translated SQL (malloc'd) when the cache is full or the statement is to be planned for its
 * values (store_exec_custom: the unnamed statement). *nexpected gets the placeholder count.
 * Returns 0 or the mapped error of the prepare. */
static int statement_for(struct pg_conn *c, const char *sql, struct pg_stmt **stmt, char **text,
                         int *nexpected, struct err *e)
{
    if (c->base.custom_plan) {
        *text = store_pg_translate(sql, nexpected);
        return 0;
    }
    uint32_t hash = hash_text(sql);
    *stmt = cache_find(c, sql, hash);
    if (*stmt) {
        *nexpected = (*stmt)->nparams;
        return 0;
    }
    char *translated = store_pg_translate(sql, nexpected);
    if (c->ncached >= CACHE_MAX) {
        *text = translated;
        return 0;
    }
    int rc = prepare(c, sql, hash, translated, *nexpected, stmt, e);
    free(translated);
    return rc;
}

/* Returned by exec_once instead of an error when a retry will do (see pg_exec). */
#define RETRY 1

/* Runs sql once with params. A cached statement failing with 0A000 ("cached plan must not
 * change result type": a migration altered a table it reads with SELECT *) is evicted, and
 * when may_retry is set the failure is not reported: exec_once returns RETRY.
 * Otherwise as store_exec. */
static int exec_once(struct pg_conn *c, const char *sql, const struct store_value *params,
                     int nparams, struct store_result **out, bool may_retry, struct err *e)
{
    struct pg_stmt *stmt = NULL;
    char *text = NULL;
    struct encoded enc = {0};
    PGresult *res = NULL;
    int nexpected = 0;
    int rc = statement_for(c, sql, &stmt, &text, &nexpected, e);
    if (rc)
        return rc;
    if (nexpected != nparams) {
        rc = err_set(e, ERR_INTERNAL, NULL, "statement takes %d parameters, %d given: %.120s",
                     nexpected, nparams, sql);
        goto done;
    }
    encode_params(params, nparams, &enc);
    c->base.sent = true;
    if (stmt)
        res = PQexecPrepared(c->pg, stmt->name, nparams, enc.values, enc.lengths, enc.formats, 0);
    else
        res = PQexecParams(c->pg, text, nparams, NULL, enc.values, enc.lengths, enc.formats, 0);
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        const char *sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        bool stale = stmt && sqlstate && strcmp(sqlstate, "0A000") == 0;
        if (stale)
            cache_evict(c, stmt);
        rc = stale && may_retry ? RETRY : store_pg_map_error(c, res, e);
        goto done;
    }
    /* COMMIT of a transaction that an earlier error aborted "succeeds" as a ROLLBACK. */
    if (strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
        rc = err_set(e, ERR_DB, NULL, "transaction rolled back: a statement in it had failed");
        goto done;
    }
    if (out) {
        *out = store_pg_materialise(res); /* which keeps res */
        res = NULL;
    }
done:
    PQclear(res);
    free(enc.values);
    free(text);
    return rc;
}

/* store_ops.exec: see store_exec in store.h. A statement gone stale under a migration is
 * prepared afresh and run again when no transaction is open (inside one, the error has
 * aborted the transaction and is reported). */
static int pg_exec(struct store_conn *base, const char *sql, const struct store_value *params,
                   int nparams, struct store_result **out, struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    int rc = exec_once(c, sql, params, nparams, out, !base->in_transaction, e);
    if (rc == RETRY)
        rc = exec_once(c, sql, params, nparams, out, false, e);
    return rc;
}

/* Most statements one batch may hold (store_exec_batch's callers send two or three). */
#define BATCH_MAX 8

/* Reads what is left of a pipeline up to its sync point and leaves pipeline mode. False when
 * the connection failed meanwhile (c is then marked broken). */
static bool pipeline_end(struct pg_conn *c)
{
    for (int nulls = 0; nulls <= BATCH_MAX + 1;) {
        PGresult *res = PQgetResult(c->pg);
        if (res == NULL) {
            if (PQstatus(c->pg) != CONNECTION_OK)
                break;
            nulls++;
            continue;
        }
        bool sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
        PQclear(res);
        if (sync)
            return PQexitPipelineMode(c->pg) == 1;
    }
    c->base.broken = true;
    return false;
}

/* store_ops.exec_batch: every statement sent (Bind and Execute of its prepared statement, or
 * Parse, Bind and Execute of the unnamed one for a statement planned for its values), then one
 * Sync, then the results read in order. The statements are prepared first when new, each in a
 * round trip of its own, as pg_exec does. A statement that fails makes the server skip the
 * rest up to the Sync; the first failure is reported. */
static int pg_exec_batch(struct store_conn *base, const struct store_stmt *stmts, int n,
                         struct store_result **out, struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    if (n > BATCH_MAX || base->in_transaction)
        return STORE_BATCH_ONE_BY_ONE; /* a failure inside one would abort it: keep it simple */
    struct pg_stmt *prepared[BATCH_MAX] = {0};
    char *text[BATCH_MAX] = {0};
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        int nexpected = 0;
        base->custom_plan = stmts[i].custom;
        rc = statement_for(c, stmts[i].sql, &prepared[i], &text[i], &nexpected, e);
        base->custom_plan = false;
        if (rc == 0 && nexpected != stmts[i].nparams)
            rc = err_set(e, ERR_INTERNAL, NULL, "statement takes %d parameters, %d given: %.120s",
                         nexpected, stmts[i].nparams, stmts[i].sql);
    }
    if (rc == 0 && !PQenterPipelineMode(c->pg))
        rc = STORE_BATCH_ONE_BY_ONE;
    int sent = 0;
    for (; rc == 0 && sent < n; sent++) {
        const struct store_stmt *st = &stmts[sent];
        struct encoded enc;
        encode_params(st->params, st->nparams, &enc);
        base->sent = true;
        int ok = prepared[sent] ? PQsendQueryPrepared(c->pg, prepared[sent]->name, st->nparams,
                                                      enc.values, enc.lengths, enc.formats, 0)
                                : PQsendQueryParams(c->pg, text[sent], st->nparams, NULL,
                                                    enc.values, enc.lengths, enc.formats, 0);
        free(enc.values);
        if (!ok)
            rc = store_pg_map_error(c, NULL, e);
    }
    if (sent > 0 && PQpipelineSync(c->pg) != 1 && rc == 0)
        rc = store_pg_map_error(c, NULL, e);
    for (int i = 0; i < sent && !base->broken; i++) {
        PGresult *res = PQgetResult(c->pg);
        bool had = res != NULL;
        ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
            if (rc == 0) {
                out[i] = store_pg_materialise(res); /* which keeps res */
                res = NULL;
            }
        } else if (status != PGRES_PIPELINE_ABORTED && rc == 0) {
            const char *sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
            bool stale = prepared[i] && sqlstate && strcmp(sqlstate, "0A000") == 0;
            if (stale) {
                cache_evict(c, prepared[i]);
                prepared[i] = NULL;
            }
            rc = stale ? STORE_BATCH_ONE_BY_ONE : store_pg_map_error(c, res, e);
        }
        PQclear(res);
        while (had && (res = PQgetResult(c->pg)) != NULL) /* the end of this statement's results */
            PQclear(res);
    }
    if (sent > 0 && !base->broken && !pipeline_end(c) && (rc == 0 || rc == STORE_BATCH_ONE_BY_ONE))
        rc = err_set(e, ERR_UNAVAILABLE, NULL, "the database connection was lost");
    else if (PQpipelineStatus(c->pg) != PQ_PIPELINE_OFF && !base->broken)
        PQexitPipelineMode(c->pg);
    for (int i = 0; i < n; i++)
        free(text[i]);
    return rc;
}

/* ================================================================ statement_timeout */

static int pg_exec_script(struct store_conn *base, const char *sql, struct err *e);

/* Sets the session's statement_timeout to ms (0: none). */
static int set_statement_timeout(struct store_conn *base, int ms, struct err *e)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SET statement_timeout = %d", ms);
    return pg_exec_script(base, sql, e);
}

/* ================================================================ cursors */

/* A cursor is one query sent in single-row mode: the server streams the rows and libpq hands
 * them out one PGresult at a time, so the client never holds more than one row. It runs
 * without statement_timeout: the query lasts as long as its reader takes (a streamed export
 * to a slow client waits for the socket), so the caller bounds it instead (COPILOT_MAX_EXPORTS
 * and the connection's silence timeout for exports); closing the cursor sets the session's
 * timeout again. */
struct pg_cursor {
    bool done; /* every result of the query has been read */
    struct buf scratch;
};

/* Reads and drops what is left of the query's results. */
static void drain(struct pg_conn *c)
{
    PGresult *res;
    while ((res = PQgetResult(c->pg)) != NULL)
        PQclear(res);
}

/* The result shaped like res's columns, with no rows. */
static struct store_result *shape_of(const PGresult *res)
{
    int ncols = PQnfields(res);
    const char **names = xcalloc((size_t)(ncols ? ncols : 1), sizeof *names);
    for (int i = 0; i < ncols; i++)
        names[i] = PQfname(res, i);
    struct store_result *r = store_result_new(ncols, names);
    free(names);
    return r;
}

static int pg_cursor_open(struct store_conn *base, const char *sql,
                          const struct store_value *params, int nparams, void **state,
                          struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    int nexpected = 0;
    char *text = store_pg_translate(sql, &nexpected);
    int rc = 0;
    if (nexpected != nparams) {
        rc = err_set(e, ERR_INTERNAL, NULL, "statement takes %d parameters, %d given: %.120s",
                     nexpected, nparams, sql);
        free(text);
        return rc;
    }
    if (c->statement_timeout_ms > 0 && (rc = set_statement_timeout(base, 0, e)) != 0) {
        free(text);
        return rc;
    }
    struct encoded enc;
    encode_params(params, nparams, &enc);
    c->base.sent = true;
    if (!PQsendQueryParams(c->pg, text, nparams, NULL, enc.values, enc.lengths, enc.formats, 0))
        rc = store_pg_map_error(c, NULL, e);
    else if (!PQsetSingleRowMode(c->pg)) {
        drain(c);
        rc = err_set(e, ERR_DB, NULL, "cannot read the rows one at a time");
    }
    free(enc.values);
    free(text);
    if (rc) {
        struct err ignored = {0};
        if (c->statement_timeout_ms > 0 && !base->broken)
            set_statement_timeout(base, c->statement_timeout_ms, &ignored);
        return rc;
    }
    struct pg_cursor *cur = xcalloc(1, sizeof *cur);
    buf_init(&cur->scratch);
    *state = cur;
    return 0;
}

static int pg_cursor_next(struct store_conn *base, void *state, struct store_result **row,
                          struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    struct pg_cursor *cur = state;
    PGresult *res = PQgetResult(c->pg);
    if (res == NULL) {
        cur->done = true;
        return 0;
    }
    ExecStatusType status = PQresultStatus(res);
    int rc;
    if (status == PGRES_SINGLE_TUPLE) {
        if (*row == NULL)
            *row = shape_of(res);
        store_result_clear(*row);
        store_result_add_row(*row);
        for (int col = 0; col < PQnfields(res) && col < store_cols(*row); col++)
            if (!PQgetisnull(res, 0, col))
                store_pg_set_cell(*row, col, PQftype(res, col), PQgetvalue(res, 0, col),
                                  PQgetlength(res, 0, col), false, &cur->scratch);
        rc = 1;
    } else if (status == PGRES_TUPLES_OK) { /* the end: no row in this one */
        if (*row == NULL)
            *row = shape_of(res);
        rc = 0;
    } else {
        rc = store_pg_map_error(c, res, e);
    }
    PQclear(res);
    if (rc <= 0) {
        drain(c);
        cur->done = true;
    }
    return rc;
}

static void pg_cursor_close(struct store_conn *base, void *state)
{
    struct pg_conn *c = (struct pg_conn *)base;
    struct pg_cursor *cur = state;
    if (!cur->done) { /* closed early: stop the server sending the rest */
        PGcancel *cancel = PQgetCancel(c->pg);
        if (cancel) {
            char why[256];
            PQcancel(cancel, why, sizeof why);
            PQfreeCancel(cancel);
        }
        drain(c);
    }
    buf_free(&cur->scratch);
    free(cur);
    struct err ignored = {0}; /* a lost session is reopened with the timeout anyway */
    if (c->statement_timeout_ms > 0 && !base->broken)
        set_statement_timeout(base, c->statement_timeout_ms, &ignored);
}

/* store_ops.exec_script: runs sql through the simple query protocol, which accepts several
 * statements; they run as one implicit transaction unless the script has its own. */
static int pg_exec_script(struct store_conn *base, const char *sql, struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    c->base.sent = true;
    PGresult *res = PQexec(c->pg, sql);
    ExecStatusType status = PQresultStatus(res);
    int rc = 0;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
        rc = store_pg_map_error(c, res, e);
    PQclear(res);
    return rc;
}

/* ================================================================ migrations lock */

/* Session-level advisory lock: concurrent `copilot migrate` / `serve` processes queue here. A
 * migration may rewrite a large table, so statement_timeout is off while the lock is held. */
static int pg_lock_migrations(struct store_conn *c, struct err *e)
{
    int rc = set_statement_timeout(c, 0, e);
    return rc ? rc
              : pg_exec(c, "SELECT pg_advisory_lock(" MIGRATION_LOCK_KEY ")", NULL, 0, NULL, e);
}

static void pg_unlock_migrations(struct store_conn *base)
{
    struct pg_conn *c = (struct pg_conn *)base;
    struct err ignored = {0};
    pg_exec(base, "SELECT pg_advisory_unlock(" MIGRATION_LOCK_KEY ")", NULL, 0, NULL, &ignored);
    set_statement_timeout(base, c->statement_timeout_ms, &ignored);
}

const struct store_ops store_pg_ops = {
    .create = pg_create,
    .open = pg_open,
    .alive = pg_alive,
    .disconnect = pg_disconnect,
    .exec = pg_exec,
    .exec_batch = pg_exec_batch,
    .exec_script = pg_exec_script,
    .begin_sql = "BEGIN",
    .begin_snapshot_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .read_only_sql =
        "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'",
    .lock_migrations = pg_lock_migrations,
    .unlock_migrations = pg_unlock_migrations,
    .sql_fulltext = store_pg_sql_fulltext,
    .sql_fulltext_matches = store_pg_sql_fulltext_matches,
    .search_table = store_pg_search_table,
    .fulltext_arg = store_pg_fulltext_arg,
    .sql_fulltext_count = store_pg_sql_fulltext_count,
    .sql_fulltext_page = store_pg_sql_fulltext_page,
    .cursor_open = pg_cursor_open,
    .cursor_next = pg_cursor_next,
    .cursor_close = pg_cursor_close,
    .array_param = "ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb)))",
    .array_contains = "? = ANY(%s)",
    .array_overlaps = "%s && ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb)))",
    /* an array of the keys: the index is searched for each (= ANY), whatever the count */
    .in_texts = "%s = ANY(ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb))))",
    .for_update = " FOR UPDATE",
    .no_index = "",             /* the planner chooses from its statistics */
    .row_stamp = "xmin",        /* the transaction that wrote the row's current version */
    .nulls_low = false,         /* NULLS LAST in ascending order, its indexes' default too */
    .enum_types = true,         /* CREATE TYPE ... AS ENUM: sorted in the declared order */
    .fulltext_reads_row = true, /* search_vector is a column of the table */
    .lateral = true,
    .overlaps_native = true,
    /* what autovacuum does a minute later: statistics, the visibility map, and the GIN
     * indexes' pending lists merged (a search reads a pending list in full); SKIP_LOCKED:
     * never waits for an autovacuum already at work on the table */
    .refresh_stats = "VACUUM (ANALYZE, SKIP_LOCKED) %s",
    .stats_target = "SET default_statistics_target = %d",
    .stats_target_reset = "RESET default_statistics_target",
    .compact = "VACUUM FULL %s", /* then refresh_stats: store_compact */
};
