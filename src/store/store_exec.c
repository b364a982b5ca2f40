/*
 * This file implements how the store runs SQL on a connection, whatever the engine: the
 * reconnection rules (a lost connection is reopened; a statement is run again only when that
 * cannot apply it twice), the read scope, the guard and its riders, batches, maintenance,
 * transactions, and cursors.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "../lib/xalloc.h"
#include "store_internal.h"

/* ================================================================ running SQL */

/* True for a statement that only reads: running it twice cannot change anything. */
static bool reads_only(const char *sql)
{
    while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '(')
        sql++;
    return strncasecmp(sql, "SELECT", 6) == 0 && !isalnum((unsigned char)sql[6]) && sql[6] != '_';
}

/* ---- read scopes (store_read_scope_begin) ---- */

enum { SCOPE_NONE, SCOPE_ASKED, SCOPE_OPEN };

void store_read_scope_begin(struct store_conn *c)
{
    assert(!c->in_transaction);
    if (c->ops->read_scope && c->read_scope == SCOPE_NONE) /* one asked already goes on */
        c->read_scope = SCOPE_ASKED;
}

void store_read_scope_end(struct store_conn *c)
{
    if (c->read_scope == SCOPE_OPEN && !c->broken) {
        struct err ignored = {0}; /* the end of a read: nothing to lose, but nothing kept */
        if (c->ops->exec(c, "COMMIT", NULL, 0, NULL, &ignored) != 0)
            c->ops->exec(c, "ROLLBACK", NULL, 0, NULL, &ignored);
    }
    c->read_scope = SCOPE_NONE;
}

/* ---- guards (store_guard_set) ---- */

enum { GUARD_NONE, GUARD_PENDING, GUARD_PASSED, GUARD_FAILED };

/* Most statements that ride with a guard in one batch (the PostgreSQL backend sends at most 8). */
#define GUARD_RIDERS_MAX 7

static void guard_decide(struct store_conn *c, int rc, const struct err *e)
{
    c->guard_state = rc ? GUARD_FAILED : GUARD_PASSED;
    c->guard_verdict = rc;
    if (rc)
        c->guard_err = *e;
}

static int exec_stmt(struct store_conn *c, const struct store_stmt *s, struct store_result **out,
                     struct err *e);

/* Runs c's pending guard statement on its own and records the verdict. */
static void guard_run_alone(struct store_conn *c)
{
    const struct store_guard *g = c->guard;
    c->guard_state = GUARD_NONE; /* its own statement is not gated */
    struct store_result *r = NULL;
    struct err e = {0};
    int rc = exec_stmt(c, &g->stmt, &r, &e);
    if (rc == 0)
        rc = g->verify(g->ctx, r, &e);
    store_result_free(r);
    guard_decide(c, rc, &e);
}

/* Before anything goes out on c other than a batch the guard rides in: the guard's statement
 * alone when it is pending, and its failure when it failed. */
static int guard_gate(struct store_conn *c, struct err *e)
{
    if (c->guard_state == GUARD_PENDING)
        guard_run_alone(c);
    if (c->guard_state != GUARD_FAILED)
        return 0;
    if (e)
        *e = c->guard_err;
    return c->guard_verdict;
}

/* Makes sure c is open before a statement goes out: reopens a connection that was never opened
 * or was lost, unless a transaction was open on it (its work went with the session). A pending
 * guard runs first (guard_gate). Returns 0, ERR_UNAVAILABLE or the guard's failure. */
int store_ensure_open(struct store_conn *c, struct err *e)
{
    int gate = guard_gate(c, e);
    if (gate)
        return gate;
    if (c->read_scope != SCOPE_NONE && !c->scope_reading)
        store_read_scope_end(c); /* anything but a read ends it */
    if (!c->broken && c->ops->alive(c))
        return 0;
    if (c->in_transaction)
        return err_set(e, ERR_UNAVAILABLE, NULL,
                       "the database connection was lost during a transaction");
    struct err why = {0};
    if (store_open_conn(c, &why) == 0)
        return 0;
    return err_set(e, ERR_UNAVAILABLE, NULL, "%s", why.message);
}

/* The backend's exec behind the reconnection rules of store_exec. */
static int run(struct store_conn *c, const char *sql, const struct store_value *params, int nparams,
               struct store_result **out, struct err *e)
{
    int rc = store_ensure_open(c, e);
    if (rc)
        return rc;
    struct err first = {0};
    c->sent = false;
    rc = c->ops->exec(c, sql, params, nparams, out, &first);
    /* the session died under the statement: once more on a new one when that is harmless */
    if (rc == ERR_UNAVAILABLE && c->broken && !c->in_transaction && (!c->sent || reads_only(sql))) {
        struct err ignored = {0};
        if (store_open_conn(c, &ignored) == 0) {
            c->sent = false;
            return c->ops->exec(c, sql, params, nparams, out, e);
        }
    }
    if (rc && e && e->code == ERR_OK)
        *e = first;
    return rc;
}

static bool guard_may_ride(const struct store_conn *c, const struct store_stmt *stmts, int n);
static int guarded_batch(struct store_conn *c, const struct store_stmt *stmts, int n,
                         struct store_result **out, struct err *e);

/* store_exec without the fault point (the statement's custom flag in c->custom_plan). */
static int exec_one(struct store_conn *c, const char *sql, const struct store_value *params,
                    int nparams, struct store_result **out, struct err *e)
{
    if (c->read_scope != SCOPE_NONE && !c->in_transaction && reads_only(sql)) {
        c->scope_reading = true;
        if (c->read_scope == SCOPE_ASKED) /* no scope when the BEGIN fails: the read goes on */
            c->read_scope = run(c, c->ops->begin_snapshot_sql, NULL, 0, NULL, NULL) == 0
                                ? SCOPE_OPEN
                                : SCOPE_NONE;
        int rc = run(c, sql, params, nparams, out, e);
        c->scope_reading = false;
        return rc;
    }
    struct store_stmt one = {sql, params, nparams, c->custom_plan};
    if (guard_may_ride(c, &one, 1)) {
        struct store_result *r = NULL;
        int rc = guarded_batch(c, &one, 1, &r, e);
        if (out)
            *out = r;
        else
            store_result_free(r);
        return rc;
    }
    return run(c, sql, params, nparams, out, e);
}

/* One statement of a batch (or a guard's) as store_exec or store_exec_custom runs it, without
 * their fault point: a call the store makes on its own behalf. */
static int exec_stmt(struct store_conn *c, const struct store_stmt *s, struct store_result **out,
                     struct err *e)
{
    bool outer = c->custom_plan; /* a guard's statement runs inside another's exec_one */
    c->custom_plan = s->custom;
    int rc = exec_one(c, s->sql, s->params, s->nparams, out, e);
    c->custom_plan = outer;
    return rc;
}

/* The checks and the fault point of store_exec and store_exec_custom. */
static int exec_entry(struct store_conn *c, const char *sql, const struct store_value *params,
                      int nparams, struct store_result **out, struct err *e)
{
    assert(c != NULL && sql != NULL && nparams >= 0 && (nparams == 0 || params != NULL));
    assert(!c->in_cursor); /* one statement at a time on a connection */
    if (out)
        *out = NULL;
    return store_fault_point(c, e);
}

int store_exec(struct store_conn *c, const char *sql, const struct store_value *params, int nparams,
               struct store_result **out, struct err *e)
{
    int rc = exec_entry(c, sql, params, nparams, out, e);
    return rc ? rc : exec_stmt(c, &(struct store_stmt){sql, params, nparams, false}, out, e);
}

int store_exec_matched(struct store_conn *c, const char *sql, const struct store_value *params,
                       int nparams, bool *matched, struct err *e)
{
    struct store_result *r;
    int rc = store_exec(c, sql, params, nparams, &r, e);
    *matched = rc == 0 && (store_rows(r) > 0 || store_changes(r) > 0);
    if (rc == 0)
        store_result_free(r);
    return rc;
}

int store_exec_custom(struct store_conn *c, const char *sql, const struct store_value *params,
                      int nparams, struct store_result **out, struct err *e)
{
    int rc = exec_entry(c, sql, params, nparams, out, e);
    return rc ? rc : exec_stmt(c, &(struct store_stmt){sql, params, nparams, true}, out, e);
}

int store_exec_each(struct store_conn *c, const char *sql, const struct store_value *params,
                    int nparams, store_row_fn row, void *arg, struct err *e)
{
    struct store_result *r = NULL;
    int rc = exec_entry(c, sql, params, nparams, &r, e);
    if (rc == 0) {
        c->sink_sql = sql;
        c->row_sink = row;
        c->sink_arg = arg;
        rc = exec_stmt(c, &(struct store_stmt){sql, params, nparams, false}, &r, e);
        c->sink_sql = NULL;
        c->row_sink = NULL;
        c->sink_arg = NULL;
    }
    for (size_t i = 0; rc == 0 && i < store_rows(r); i++) /* the rows the backend kept */
        row(arg, r, i);
    store_result_free(r);
    return rc;
}

/* Frees a batch's results and leaves every out[i] NULL. */
static void free_results(struct store_result **out, int n)
{
    for (int i = 0; i < n; i++) {
        store_result_free(out[i]);
        out[i] = NULL;
    }
}

/* store_exec_batch without the guard's part. */
static int batch(struct store_conn *c, const struct store_stmt *stmts, int n,
                 struct store_result **out, struct err *e)
{
    for (int i = 0; i < n; i++)
        out[i] = NULL;
    int rc = 0;
    if (n > 1 && c->ops->exec_batch) {
        if ((rc = store_ensure_open(c, e)) != 0)
            return rc;
        struct err first = {0};
        c->sent = false;
        rc = c->ops->exec_batch(c, stmts, n, out, &first);
        if (rc == 0)
            return 0;
        free_results(out, n);
        bool reads = true;
        for (int i = 0; i < n; i++)
            reads = reads && reads_only(stmts[i].sql);
        /* as run(): the session died under the batch, once more when that is harmless (each
         * statement on its own then, through store_exec's rules) */
        bool again = rc == STORE_BATCH_ONE_BY_ONE || (rc == ERR_UNAVAILABLE && c->broken &&
                                                      !c->in_transaction && (!c->sent || reads));
        if (!again) {
            if (e && e->code == ERR_OK)
                *e = first;
            return rc;
        }
        rc = 0;
    }
    for (int i = 0; i < n && rc == 0; i++)
        rc = exec_stmt(c, &stmts[i], &out[i], e);
    if (rc)
        free_results(out, n);
    return rc;
}

/* True when stmts may ride in one batch with c's pending guard: the engine sends a batch in one
 * round trip, no transaction is open, and every statement only reads. */
static bool guard_may_ride(const struct store_conn *c, const struct store_stmt *stmts, int n)
{
    if (c->guard_state != GUARD_PENDING || c->ops->exec_batch == NULL || c->in_transaction ||
        n > GUARD_RIDERS_MAX)
        return false;
    for (int i = 0; i < n; i++)
        if (!reads_only(stmts[i].sql))
            return false;
    return true;
}

/* The guard's statement and stmts in one batch; verify decides before any result is handed
 * out. A batch that fails leaves the guard pending (the next call, or store_guard_end, runs it). */
static int guarded_batch(struct store_conn *c, const struct store_stmt *stmts, int n,
                         struct store_result **out, struct err *e)
{
    struct store_stmt all[GUARD_RIDERS_MAX + 1];
    struct store_result *res[GUARD_RIDERS_MAX + 1];
    const struct store_guard *g = c->guard;
    all[0] = g->stmt;
    for (int i = 0; i < n; i++) {
        all[i + 1] = stmts[i];
        out[i] = NULL;
    }
    c->guard_state = GUARD_NONE; /* the batch itself is not gated */
    int rc = batch(c, all, n + 1, res, e);
    if (rc) {
        c->guard_state = GUARD_PENDING;
        return rc;
    }
    struct err why = {0};
    int verdict = g->verify(g->ctx, res[0], &why);
    store_result_free(res[0]);
    guard_decide(c, verdict, &why);
    if (verdict) {
        free_results(res + 1, n);
        if (e)
            *e = why;
        return verdict;
    }
    for (int i = 0; i < n; i++)
        out[i] = res[i + 1];
    return 0;
}

int store_exec_batch(struct store_conn *c, const struct store_stmt *stmts, int n,
                     struct store_result **out, struct err *e)
{
    assert(c != NULL && n >= 1 && stmts != NULL && out != NULL);
    assert(!c->in_cursor);
    int rc = store_fault_point(c, e);
    if (rc) {
        for (int i = 0; i < n; i++)
            out[i] = NULL;
        return rc;
    }
    if (guard_may_ride(c, stmts, n))
        return guarded_batch(c, stmts, n, out, e);
    return batch(c, stmts, n, out, e);
}

bool store_pipelines(const struct store *s)
{
    return s->ops->exec_batch != NULL;
}

void store_guard_set(struct store_conn *c, const struct store_guard *g)
{
    assert(c != NULL && g != NULL && g->verify != NULL && !c->in_transaction && !c->in_cursor);
    assert(c->guard_state == GUARD_NONE); /* one at a time */
    c->guard = g;
    c->guard_state = GUARD_PENDING;
}

int store_guard_end(struct store_conn *c, struct err *e)
{
    assert(c->guard != NULL);
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = guard_gate(c, e);
    c->guard = NULL;
    c->guard_state = GUARD_NONE;
    return rc;
}

int store_exec_script(struct store_conn *c, const char *sql, struct err *e)
{
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = store_ensure_open(c, e);
    return rc ? rc : c->ops->exec_script(c, sql, e);
}

/* Runs the engine's maintenance statement format (%s = table) on table; none: nothing to do. */
static int maintain(struct store_conn *c, const char *format, const char *table, struct err *e)
{
    assert(!c->in_transaction); /* VACUUM runs outside a transaction block */
    if (format == NULL)
        return 0;
    char sql[640];
    int n = snprintf(sql, sizeof sql, format, table);
    assert(n > 0 && (size_t)n < sizeof sql); /* trusted names, never cut */
    (void)n;
    return store_exec_script(c, sql, e);
}

int store_refresh_stats(struct store_conn *c, const char *table, const char *columns,
                        int stats_target, struct err *e)
{
    assert(stats_target >= 0);
    const char *index = c->ops->search_table ? c->ops->search_table(table) : NULL;
    char target[512]; /* the table, and its column list when there is one */
    int n = columns ? snprintf(target, sizeof target, "%s (%s)", table, columns)
                    : snprintf(target, sizeof target, "%s", table);
    assert(n > 0 && (size_t)n < sizeof target);
    (void)n;
    bool coarse = stats_target > 0 && c->ops->stats_target && c->ops->refresh_stats;
    int rc = 0;
    if (coarse) {
        char set[96];
        snprintf(set, sizeof set, c->ops->stats_target, stats_target);
        rc = store_exec_script(c, set, e);
    }
    if (rc == 0)
        rc = maintain(c, c->ops->refresh_stats, target, e);
    if (rc == 0 && index)
        rc = maintain(c, c->ops->refresh_stats, index, e);
    /* put the session's default back whatever happened (not a fault point: the store's own
     * cleanup); a connection that cannot is reopened before its next use rather than go on
     * with coarse statistics for whoever takes it from the pool */
    struct err ignored = {0};
    if (coarse && !c->broken && c->ops->exec_script(c, c->ops->stats_target_reset, &ignored))
        c->broken = true;
    return rc;
}

int store_compact(struct store_conn *c, const char *table, struct err *e)
{
    int rc = maintain(c, c->ops->compact, table, e);
    /* PostgreSQL's VACUUM FULL leaves the visibility map empty: the plain VACUUM (ANALYZE) after
     * it marks the rewritten pages all-visible, or every index-only scan reads the heap page of
     * each row until autovacuum comes (after a seed, the heavy user's calendar month was planned
     * as a sequential scan and a sort: 18-40 ms instead of 3-4 ms under load) */
    if (rc == 0 && c->ops->compact)
        rc = maintain(c, c->ops->refresh_stats, table, e);
    return rc;
}

int store_begin(struct store_conn *c, struct err *e)
{
    assert(!c->in_transaction); /* transactions do not nest: one begin, one commit/rollback */
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = run(c, c->ops->begin_sql, NULL, 0, NULL, e);
    if (rc == 0)
        c->in_transaction = true;
    return rc;
}

int store_begin_snapshot(struct store_conn *c, struct err *e)
{
    assert(!c->in_transaction);
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = run(c, c->ops->begin_snapshot_sql, NULL, 0, NULL, e);
    if (rc == 0)
        c->in_transaction = true;
    return rc;
}

int store_commit(struct store_conn *c, struct err *e)
{
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = run(c, "COMMIT", NULL, 0, NULL, e);
    if (rc != 0) {
        store_rollback(c);
        return rc;
    }
    c->in_transaction = false;
    return 0;
}

void store_rollback(struct store_conn *c)
{
    if (!c->in_transaction)
        return;
    /* a lost session took its transaction with it: nothing to send */
    if (!c->broken) {
        struct err ignored = {0};
        c->ops->exec(c, "ROLLBACK", NULL, 0, NULL, &ignored);
    }
    c->in_transaction = false;
}

bool store_in_transaction(const struct store_conn *c)
{
    return c->in_transaction;
}

int store_ping(struct store_conn *c, struct err *e)
{
    struct store_result *r = NULL;
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = run(c, c->ops->read_only_sql, NULL, 0, &r, e);
    if (rc == 0 && store_bool(r, 0, 0)) {
        c->broken = true; /* reconnect on next use: the URL may lead to the primary */
        rc = err_set(e, ERR_UNAVAILABLE, NULL, "the database is read-only (a standby?)");
    } else if (rc && rc != ERR_UNAVAILABLE) {
        e->code = ERR_UNAVAILABLE;
        rc = ERR_UNAVAILABLE;
    }
    store_result_free(r);
    return rc;
}

/* ================================================================ cursors */

struct store_cursor {
    struct store_conn *c;
    void *state;
    struct store_result *row;
    bool done;
};

int store_cursor_open(struct store_conn *c, const char *sql, const struct store_value *params,
                      int nparams, struct store_cursor **out, struct err *e)
{
    assert(c != NULL && sql != NULL && nparams >= 0 && (nparams == 0 || params != NULL));
    assert(!c->in_cursor);
    *out = NULL;
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = store_ensure_open(c, e); /* as store_exec: a lost connection is reopened first */
    if (rc)
        return rc;
    void *state = NULL;
    c->sent = false;
    rc = c->ops->cursor_open(c, sql, params, nparams, &state, e);
    if (rc)
        return rc;
    struct store_cursor *cur = xcalloc(1, sizeof *cur);
    cur->c = c;
    cur->state = state;
    c->in_cursor = true;
    *out = cur;
    return 0;
}

int store_cursor_next(struct store_cursor *cur, struct err *e)
{
    if (cur->done) {
        store_result_clear(cur->row);
        return 0;
    }
    int rc = store_fault_point(cur->c, e);
    if (rc == 0)
        rc = cur->c->ops->cursor_next(cur->c, cur->state, &cur->row, e);
    if (rc <= 0)
        cur->done = true;
    if (rc == 0 && cur->row)
        store_result_clear(cur->row);
    return rc;
}

const struct store_result *store_cursor_row(const struct store_cursor *cur)
{
    return cur->row;
}

void store_cursor_close(struct store_cursor *cur)
{
    if (cur == NULL)
        return;
    cur->c->ops->cursor_close(cur->c, cur->state);
    cur->c->in_cursor = false;
    store_result_free(cur->row);
    free(cur);
}
