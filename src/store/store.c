/*
 * This file implements the engine-neutral half of the store: URL parsing, the connection pool,
 * transactions, and the materialised result that both backends fill.
 */
#include "store.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "../lib/xalloc.h"
#include "store_backend.h"

/* ================================================================ URL */

int store_parse_url(const char *url, struct store_url *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    if (url == NULL || *url == '\0')
        return err_set(e, ERR_INVALID, "database_url", "database URL is empty");
    const char *path = NULL;
    if (strncmp(url, "sqlite://", 9) == 0) {
        out->engine = STORE_SQLITE;
        path = url + 9;
    } else if (strncmp(url, "sqlite:", 7) == 0) {
        out->engine = STORE_SQLITE;
        path = url + 7;
    } else if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        out->engine = STORE_POSTGRES;
        path = url;
    } else {
        return err_set(e, ERR_INVALID, "database_url",
                       "unsupported database URL (use sqlite:PATH or postgresql://...)");
    }
    if (*path == '\0')
        return err_set(e, ERR_INVALID, "database_url", "database URL has no path");
    if (strlen(path) >= sizeof out->path)
        return err_set(e, ERR_INVALID, "database_url", "database URL is too long");
    strcpy(out->path, path);
    return 0;
}

/* ================================================================ pool */

struct store {
    struct store_url url;
    const struct store_ops *ops;
    pthread_mutex_t lock;
    pthread_cond_t freed; /* waits on CLOCK_MONOTONIC */
    int size;
    int acquire_timeout_ms;
    struct store_conn **slots; /* NULL = not created yet; otherwise always this backend's */
    bool *busy;
    int in_use, waiting;
    atomic_llong reconnects, timeouts;
    int file_fd; /* SQLite: the database file, flock()ed for the store's lifetime; else -1 */
};

/* Opens (or reopens) c on its store's URL; a reopening counts as a reconnection. */
static int open_conn(struct store_conn *c, struct err *e)
{
    struct store *s = c->owner;
    int rc = c->ops->open(c, &s->url, e);
    if (rc == 0) {
        assert(!c->broken);
        if (c->was_open)
            atomic_fetch_add(&s->reconnects, 1);
        c->was_open = true;
    }
    return rc;
}

static struct store_conn *new_conn(struct store *s)
{
    struct store_conn *c = s->ops->create();
    assert(c && c->broken && c->ops == s->ops);
    c->owner = s;
    return c;
}

/* SQLite: holds the database file with a shared flock() so that store_lock_exclusive can tell
 * whether another process uses it. flock() locks are separate from the POSIX locks SQLite
 * takes, and this descriptor stays open until store_close has closed every SQLite connection
 * (closing any descriptor of a file drops the process's POSIX locks on it). */
static int hold_file(struct store *s, struct err *e)
{
    if (s->url.engine != STORE_SQLITE)
        return 0;
    s->file_fd = open(s->url.path, O_RDONLY | O_CLOEXEC);
    if (s->file_fd < 0)
        return err_set(e, ERR_DB, NULL, "cannot open %s: %s", s->url.path, strerror(errno));
    while (flock(s->file_fd, LOCK_SH) != 0)
        if (errno != EINTR)
            return err_set(e, ERR_DB, NULL, "cannot lock %s: %s", s->url.path, strerror(errno));
    return 0;
}

int store_open_with(const char *url, const struct store_options *opts, struct store **out,
                    struct err *e)
{
    struct store_url parsed;
    int rc = store_parse_url(url, &parsed, e);
    if (rc)
        return rc;
    struct store_options defaults = {.pool_size = 1};
    if (opts == NULL)
        opts = &defaults;
    parsed.statement_timeout_ms = opts->statement_timeout_ms > 0 ? opts->statement_timeout_ms : 0;
    parsed.page_cache_kib = opts->page_cache_kib > 0 ? opts->page_cache_kib : 0;
    parsed.background_checkpoint = opts->background_checkpoint;
    struct store *s = xcalloc(1, sizeof *s);
    s->url = parsed;
    s->ops = parsed.engine == STORE_SQLITE ? &store_sqlite_ops : &store_pg_ops;
    s->size = opts->pool_size >= 1 ? opts->pool_size : 1;
    s->acquire_timeout_ms = opts->acquire_timeout_ms > 0 ? opts->acquire_timeout_ms : 0;
    s->slots = xcalloc((size_t)s->size, sizeof *s->slots);
    s->busy = xcalloc((size_t)s->size, sizeof *s->busy);
    s->file_fd = -1;
    pthread_mutex_init(&s->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&s->freed, &attr);
    pthread_condattr_destroy(&attr);
    /* the first connection now, so that a bad URL or an unreachable server fails here */
    s->slots[0] = new_conn(s);
    rc = open_conn(s->slots[0], e);
    if (rc == 0)
        rc = hold_file(s, e);
    if (rc) {
        if (e && e->code == ERR_UNAVAILABLE)
            e->code = ERR_DB;
        store_close(s);
        return ERR_DB;
    }
    *out = s;
    return 0;
}

int store_open(const char *url, int pool_size, struct store **out, struct err *e)
{
    struct store_options opts = {.pool_size = pool_size};
    return store_open_with(url, &opts, out, e);
}

void store_close(struct store *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < s->size; i++) {
        assert(!s->busy[i]); /* every connection was released */
        if (s->slots[i])
            s->slots[i]->ops->disconnect(s->slots[i]);
    }
    if (s->file_fd >= 0)
        close(s->file_fd); /* after the connections: see hold_file */
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->freed);
    free(s->slots);
    free(s->busy);
    free(s);
}

enum store_engine store_engine(const struct store *s)
{
    return s->url.engine;
}

/* Takes a free slot (creating its connection on first use) or returns NULL. Lock held. */
static struct store_conn *take_free(struct store *s)
{
    for (int i = 0; i < s->size; i++) {
        if (s->busy[i])
            continue;
        s->busy[i] = true;
        s->in_use++;
        if (s->slots[i] == NULL)
            s->slots[i] = new_conn(s);
        return s->slots[i];
    }
    return NULL;
}

/* Waits for a free connection until deadline (a CLOCK_MONOTONIC time; NULL = forever).
 * NULL when the deadline passed first. */
static struct store_conn *acquire_until(struct store *s, const struct timespec *deadline)
{
    assert(s != NULL && s->size >= 1);
    pthread_mutex_lock(&s->lock);
    struct store_conn *c;
    while ((c = take_free(s)) == NULL) {
        s->waiting++;
        int rc = deadline ? pthread_cond_timedwait(&s->freed, &s->lock, deadline)
                          : pthread_cond_wait(&s->freed, &s->lock);
        s->waiting--;
        if (rc == ETIMEDOUT) {
            c = take_free(s);
            break;
        }
    }
    pthread_mutex_unlock(&s->lock);
    return c;
}

struct store_conn *store_acquire(struct store *s)
{
    return acquire_until(s, NULL);
}

int store_acquire_timed(struct store *s, struct store_conn **out, struct err *e)
{
    if (s->acquire_timeout_ms == 0) {
        *out = acquire_until(s, NULL);
        return 0;
    }
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += s->acquire_timeout_ms / 1000;
    deadline.tv_nsec += (long)(s->acquire_timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L)
        deadline.tv_sec++, deadline.tv_nsec -= 1000000000L;
    *out = acquire_until(s, &deadline);
    if (*out)
        return 0;
    atomic_fetch_add(&s->timeouts, 1);
    return err_set(e, ERR_UNAVAILABLE, NULL,
                   "no database connection became free within %d ms (all %d in use)",
                   s->acquire_timeout_ms, s->size);
}

bool store_defer_sync(struct store_conn *c)
{
    return c->ops->defer_sync && !c->broken && c->ops->defer_sync(c);
}

bool store_take_unsynced(struct store_conn *c, struct store_unsynced *out)
{
    return c->ops->take_unsynced && c->ops->take_unsynced(c, out);
}

void store_when_synced(const struct store_unsynced *u, void (*done)(void *arg, int rc), void *arg)
{
    store_sqlite_ops.when_synced(u, done, arg); /* the only engine that hands out any */
}

void store_release(struct store *s, struct store_conn *c)
{
    if (c == NULL)
        return;
    assert(c->owner == s); /* c came from this pool */
    assert(!c->in_cursor); /* store_cursor_close first */
    if (c->in_transaction)
        store_rollback(c);
    if (c->ops->settle)
        c->ops->settle(c);
    c->guard = NULL; /* one a caller forgot to end never outlives its request */
    c->guard_state = 0;
    store_read_scope_end(c);
    store_fault_disarm(c); /* a fault armed for one request never fires in the next */
    pthread_mutex_lock(&s->lock);
    bool found = false;
    for (int i = 0; i < s->size && !found; i++) {
        if (s->slots[i] == c) {
            assert(s->busy[i]); /* released once per acquire */
            s->busy[i] = false;
            s->in_use--;
            found = true;
        }
    }
    assert(found);
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->lock);
}

void store_stats(struct store *s, struct store_stats *out)
{
    pthread_mutex_lock(&s->lock);
    out->size = s->size;
    out->in_use = s->in_use;
    out->waiting = s->waiting;
    pthread_mutex_unlock(&s->lock);
    out->reconnects = atomic_load(&s->reconnects);
    out->acquire_timeouts = atomic_load(&s->timeouts);
}

/* ================================================================ fault injection */

void store_fault_arm(struct store_conn *c, int n)
{
    assert(c != NULL && n >= 0);
    c->fault_countdown = n;
    c->fault_fired = false;
}

bool store_fault_fired(const struct store_conn *c)
{
    return c->fault_fired;
}

int store_fault_disarm(struct store_conn *c)
{
    int left = c->fault_countdown;
    c->fault_countdown = 0;
    c->fault_fired = false;
    return left;
}

/* The fault point, at the entry of every fallible call (store_fault_arm): ERR_DB with e filled
 * when c's countdown reaches this call, else 0. */
static int fault_point(struct store_conn *c, struct err *e)
{
    if (c->fault_countdown == 0 || --c->fault_countdown > 0)
        return 0;
    c->fault_fired = true;
    return err_set(e, ERR_DB, NULL, "injected fault");
}

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
        struct err ignored = {0}; /* the end of a read: nothing to lose */
        c->ops->exec(c, "COMMIT", NULL, 0, NULL, &ignored);
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
static int ensure_open(struct store_conn *c, struct err *e)
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
    if (open_conn(c, &why) == 0)
        return 0;
    return err_set(e, ERR_UNAVAILABLE, NULL, "%s", why.message);
}

/* The backend's exec behind the reconnection rules of store_exec. */
static int run(struct store_conn *c, const char *sql, const struct store_value *params, int nparams,
               struct store_result **out, struct err *e)
{
    int rc = ensure_open(c, e);
    if (rc)
        return rc;
    struct err first = {0};
    c->sent = false;
    rc = c->ops->exec(c, sql, params, nparams, out, &first);
    /* the session died under the statement: once more on a new one when that is harmless */
    if (rc == ERR_UNAVAILABLE && c->broken && !c->in_transaction && (!c->sent || reads_only(sql))) {
        struct err ignored = {0};
        if (open_conn(c, &ignored) == 0) {
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
    return fault_point(c, e);
}

int store_exec(struct store_conn *c, const char *sql, const struct store_value *params, int nparams,
               struct store_result **out, struct err *e)
{
    int rc = exec_entry(c, sql, params, nparams, out, e);
    return rc ? rc : exec_stmt(c, &(struct store_stmt){sql, params, nparams, false}, out, e);
}

int store_exec_custom(struct store_conn *c, const char *sql, const struct store_value *params,
                      int nparams, struct store_result **out, struct err *e)
{
    int rc = exec_entry(c, sql, params, nparams, out, e);
    return rc ? rc : exec_stmt(c, &(struct store_stmt){sql, params, nparams, true}, out, e);
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
        if ((rc = ensure_open(c, e)) != 0)
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
    int rc = fault_point(c, e);
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
    int rc = fault_point(c, e);
    if (rc == 0)
        rc = guard_gate(c, e);
    c->guard = NULL;
    c->guard_state = GUARD_NONE;
    return rc;
}

int store_exec_script(struct store_conn *c, const char *sql, struct err *e)
{
    int rc = fault_point(c, e);
    if (rc == 0)
        rc = ensure_open(c, e);
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

int store_refresh_stats(struct store_conn *c, const char *table, const char *columns, struct err *e)
{
    const char *index = c->ops->search_table ? c->ops->search_table(table) : NULL;
    char target[512]; /* the table, and its column list when there is one */
    int n = columns ? snprintf(target, sizeof target, "%s (%s)", table, columns)
                    : snprintf(target, sizeof target, "%s", table);
    assert(n > 0 && (size_t)n < sizeof target);
    (void)n;
    int rc = maintain(c, c->ops->refresh_stats, target, e);
    return rc == 0 && index ? maintain(c, c->ops->refresh_stats, index, e) : rc;
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
    int rc = fault_point(c, e);
    if (rc == 0)
        rc = run(c, c->ops->begin_sql, NULL, 0, NULL, e);
    if (rc == 0)
        c->in_transaction = true;
    return rc;
}

int store_begin_snapshot(struct store_conn *c, struct err *e)
{
    assert(!c->in_transaction);
    int rc = fault_point(c, e);
    if (rc == 0)
        rc = run(c, c->ops->begin_snapshot_sql, NULL, 0, NULL, e);
    if (rc == 0)
        c->in_transaction = true;
    return rc;
}

int store_commit(struct store_conn *c, struct err *e)
{
    int rc = fault_point(c, e);
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
    int rc = fault_point(c, e);
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

/* ================================================================ the file as a whole */

int store_backup(struct store_conn *c, const char *path, struct err *e)
{
    if (c->ops->backup_to == NULL)
        return err_set(e, ERR_UNSUPPORTED, NULL, "backups of PostgreSQL are made with pg_dump");
    int rc = fault_point(c, e);
    if (rc == 0)
        rc = ensure_open(c, e);
    return rc ? rc : c->ops->backup_to(c, path, e);
}

int store_lock_exclusive(struct store *s, struct err *e)
{
    if (s->file_fd < 0)
        return err_set(e, ERR_UNSUPPORTED, NULL, "only an SQLite database file can be locked");
    if (flock(s->file_fd, LOCK_EX | LOCK_NB) != 0)
        return err_set(e, ERR_CONFLICT, NULL,
                       "%s is in use by another process (a running copilot server?)", s->url.path);
    return 0;
}

int store_restore(struct store_conn *c, const char *path, int newest_known, struct err *e)
{
    if (c->ops->restore_from == NULL)
        return err_set(e, ERR_UNSUPPORTED, NULL,
                       "PostgreSQL databases are restored with pg_restore");
    int rc = fault_point(c, e);
    if (rc == 0)
        rc = ensure_open(c, e);
    return rc ? rc : c->ops->restore_from(c, path, newest_known, e);
}

int store_lock_migrations(struct store_conn *c, struct err *e)
{
    int rc = fault_point(c, e);
    if (rc == 0)
        rc = ensure_open(c, e);
    if (rc == 0 && c->ops->lock_migrations)
        rc = c->ops->lock_migrations(c, e);
    return rc;
}

void store_unlock_migrations(struct store_conn *c)
{
    if (c->ops->unlock_migrations && !c->broken)
        c->ops->unlock_migrations(c);
}

const char *store_sql_fulltext(const struct store_conn *c, const char *table, char *out, size_t n)
{
    assert(table && *table && n > 0);
    c->ops->sql_fulltext(table, out, n);
    return out;
}

const char *store_sql_fulltext_matches(const struct store_conn *c, const char *table, char *out,
                                       size_t n)
{
    assert(table && *table && n > 0);
    (c->ops->sql_fulltext_matches ? c->ops->sql_fulltext_matches : c->ops->sql_fulltext)(table, out,
                                                                                         n);
    return out;
}

const char *store_sql_fulltext_count(const struct store_conn *c, const char *table,
                                     bool every_owner, char *out, size_t n)
{
    assert(table && *table && n > 0);
    return c->ops->sql_fulltext_count && c->ops->sql_fulltext_count(table, every_owner, out, n)
               ? out
               : NULL;
}

const char *store_sql_fulltext_ids(const struct store_conn *c, const char *table, bool every_owner,
                                   char *out, size_t n)
{
    assert(table && *table && n > 0);
    return c->ops->sql_fulltext_ids && c->ops->in_ids &&
                   c->ops->sql_fulltext_ids(table, every_owner, out, n)
               ? out
               : NULL;
}

const char *store_sql_fulltext_page(const struct store_conn *c, const char *table, const char *sort,
                                    bool desc, char *out, size_t n)
{
    assert(table && *table && sort && *sort && n > 0);
    return c->ops->sql_fulltext_page && c->ops->sql_fulltext_page(table, sort, desc, out, n) ? out
                                                                                             : NULL;
}

const char *store_sql_in_ids(const struct store_conn *c, const char *column, bool drive, char *out,
                             size_t n)
{
    assert(c->ops->in_ids && c->ops->ids_drive && column && n > 0);
    snprintf(out, n, drive ? c->ops->ids_drive : c->ops->in_ids, column);
    return out;
}

int64_t store_ids_count(const struct store_result *r, size_t row, int col)
{
    return (int64_t)(store_length(r, row, col) / sizeof(int64_t));
}

char *store_fulltext_arg(const struct store_conn *c, const char *q)
{
    return c->ops->fulltext_arg(q);
}

const char *store_sql_for_update(const struct store_conn *c)
{
    return c->ops->for_update;
}

const char *store_sql_no_index(const struct store_conn *c)
{
    return c->ops->no_index;
}

bool store_nulls_last(const struct store_conn *c, bool desc)
{
    return c->ops->nulls_low == desc;
}

bool store_fulltext_reads_row(const struct store_conn *c)
{
    return c->ops->fulltext_reads_row;
}

bool store_fulltext_count_fixed(const struct store_conn *c, const char *table)
{
    return c->ops->search_table && c->ops->search_table(table) != NULL;
}

bool store_array_overlaps_native(const struct store_conn *c)
{
    return c->ops->overlaps_native;
}

bool store_sql_lateral(const struct store_conn *c)
{
    return c->ops->lateral;
}

const char *store_sql_array_param(const struct store_conn *c)
{
    return c->ops->array_param;
}

const char *store_sql_array_contains(const struct store_conn *c, const char *column, char *out,
                                     size_t n)
{
    snprintf(out, n, c->ops->array_contains, column);
    return out;
}

const char *store_sql_array_overlaps(const struct store_conn *c, const char *column, char *out,
                                     size_t n)
{
    snprintf(out, n, c->ops->array_overlaps, column);
    return out;
}

const char *store_sql_in_texts(const struct store_conn *c, const char *column, char *out, size_t n)
{
    snprintf(out, n, c->ops->in_texts, column);
    return out;
}

static bool is_word_byte(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           ch >= 0x80;
}

size_t store_next_word(const char **p, const char **start)
{
    const char *s = *p ? *p : "";
    while (*s && !is_word_byte((unsigned char)*s))
        s++;
    *start = s;
    while (is_word_byte((unsigned char)*s))
        s++;
    *p = s;
    return (size_t)(s - *start);
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
    int rc = fault_point(c, e);
    if (rc == 0)
        rc = ensure_open(c, e); /* as store_exec: a lost connection is reopened first */
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
    int rc = fault_point(cur->c, e);
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

/* ================================================================ results */

struct cell {
    char *text; /* NULL = SQL NULL; NUL-terminated, also after bytes that hold NULs */
    size_t len;
    size_t size; /* bytes allocated for text; 0 for a cell borrowed from the result's owner */
};

struct store_result {
    int ncols;
    char **names;
    size_t nrows, cap;
    struct cell *cells; /* nrows * ncols */
    int64_t changes;
    /* a cursor's row (store_result_clear before each): the last row's buffers, per column,
       taken again by the next row's cells that fit (a scan of 100,000 rows otherwise allocates
       and frees every cell of every row) */
    struct cell *spare; /* ncols, or NULL */
    /* what borrowed cells point into (store_result_borrow), released with the result */
    void *owner;
    void (*release)(void *owner);
    /* the cells of a result that is not a cursor's row, in a few blocks rather than one
       malloc each (a page of 20 jobs is 600 cells); freed with the result */
    struct slab *slab;
    size_t slab_left;
};

struct slab {
    struct slab *next;
    size_t size;
    char data[];
};

#define SLAB_MIN 4096
#define SLAB_MAX (256 * 1024)

/* Adds a slab to r for at least n more bytes. */
static void slab_grow(struct store_result *r, size_t n)
{
    size_t size = r->slab ? r->slab->size * 2 : SLAB_MIN;
    if (size > SLAB_MAX)
        size = SLAB_MAX;
    if (size < n)
        size = n;
    struct slab *b = xmalloc(sizeof *b + size);
    b->next = r->slab;
    b->size = size;
    r->slab = b;
    r->slab_left = size;
}

/* n bytes from r's slab (a cell owned by the result: its size stays 0, as a borrowed one's);
 * inline, the slab's growth apart: a page of 20 jobs takes 540 of them */
static inline char *slab_take(struct store_result *r, size_t n)
{
    if (r->slab == NULL || r->slab_left < n)
        slab_grow(r, n);
    char *p = r->slab->data + (r->slab->size - r->slab_left);
    r->slab_left -= n;
    return p;
}

struct store_result *store_result_new(int ncols, const char *const *names)
{
    assert(ncols >= 0 && (ncols == 0 || names != NULL));
    struct store_result *r = xcalloc(1, sizeof *r);
    r->ncols = ncols;
    /* the array and the names in one block */
    size_t bytes = (size_t)(ncols ? ncols : 1) * sizeof *r->names;
    for (int i = 0; i < ncols; i++)
        bytes += strlen(names[i]) + 1;
    r->names = xmalloc(bytes);
    char *text = (char *)(r->names + (ncols ? ncols : 1));
    for (int i = 0; i < ncols; i++) {
        size_t n = strlen(names[i]) + 1;
        r->names[i] = memcpy(text, names[i], n);
        text += n;
    }
    return r;
}

void store_result_add_row(struct store_result *r)
{
    if (r->nrows == r->cap) {
        /* 8, then 32 (a page of 20 or 25 rows grows once), then doubling */
        r->cap = r->cap ? (r->cap < 32 ? 32 : r->cap * 2) : 8;
        r->cells = xrealloc(r->cells, r->cap * (size_t)r->ncols * sizeof *r->cells);
    }
    memset(r->cells + r->nrows * (size_t)r->ncols, 0, (size_t)r->ncols * sizeof *r->cells);
    r->nrows++;
}

void store_result_keep(struct store_result *r, void *owner, void (*release)(void *owner))
{
    assert(r->owner == NULL && r->spare == NULL);
    r->owner = owner;
    r->release = release;
}

void store_result_borrow(struct store_result *r, int col, const char *text, size_t len)
{
    assert(r->nrows > 0 && col >= 0 && col < r->ncols && r->owner && text && text[len] == '\0');
    struct cell *cell = &r->cells[(r->nrows - 1) * (size_t)r->ncols + (size_t)col];
    if (cell->size)
        free(cell->text);
    cell->text = (char *)text;
    cell->len = len;
    cell->size = 0;
}

void store_result_set(struct store_result *r, int col, const char *text, size_t len)
{
    assert(r->nrows > 0 && col >= 0 && col < r->ncols);
    struct cell *cell = &r->cells[(r->nrows - 1) * (size_t)r->ncols + (size_t)col];
    if (r->spare == NULL) {
        /* not a cursor's row: every cell is in the slab or borrowed (size 0, nothing to
         * free), the common case of a page's 540 cells */
        assert(cell->size == 0);
        if (text == NULL) {
            *cell = (struct cell){NULL, 0, 0};
            return;
        }
        char *copy = slab_take(r, len + 1);
        memcpy(copy, text, len);
        copy[len] = '\0';
        *cell = (struct cell){copy, len, 0};
        return;
    }
    if (cell->size)
        free(cell->text);
    cell->text = NULL;
    cell->len = cell->size = 0;
    if (text) {
        struct cell *spare = r->spare && r->nrows == 1 ? &r->spare[col] : NULL;
        if (spare && spare->text && spare->size > len) {
            *cell = *spare;
            spare->text = NULL;
        } else if (r->spare == NULL) { /* not a cursor's row (those are cleared first) */
            cell->text = slab_take(r, len + 1);
        } else {
            /* a cursor's cells are rounded up, so that the next rows' values fit */
            cell->size = (len + 64) & ~(size_t)63;
            cell->text = xmalloc(cell->size);
        }
        memcpy(cell->text, text, len);
        cell->text[len] = '\0';
        cell->len = len;
    }
}

void store_result_set_changes(struct store_result *r, int64_t changes)
{
    r->changes = changes;
}

void store_result_clear(struct store_result *r)
{
    if (r == NULL)
        return;
    assert(r->owner == NULL); /* a cursor's row owns its cells */
    if (r->spare == NULL && r->ncols > 0)
        r->spare = xcalloc((size_t)r->ncols, sizeof *r->spare);
    for (size_t i = 0; i < r->nrows * (size_t)r->ncols; i++) {
        struct cell *cell = &r->cells[i], *spare = i < (size_t)r->ncols ? &r->spare[i] : NULL;
        if (cell->size == 0) { /* a slab's or a borrowed cell: not the cell's to free */
        } else if (spare && (spare->text == NULL || spare->size < cell->size)) {
            free(spare->text);
            *spare = *cell; /* kept for the next row */
        } else {
            free(cell->text);
        }
        cell->text = NULL;
    }
    r->nrows = 0;
}

void store_result_free(struct store_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->nrows * (size_t)r->ncols; i++)
        if (r->cells[i].size)
            free(r->cells[i].text);
    if (r->release)
        r->release(r->owner);
    for (struct slab *b = r->slab, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    for (int i = 0; r->spare && i < r->ncols; i++)
        free(r->spare[i].text);
    free(r->spare);
    free(r->names);
    free(r->cells);
    free(r);
}

size_t store_rows(const struct store_result *r)
{
    return r ? r->nrows : 0;
}

int store_cols(const struct store_result *r)
{
    return r ? r->ncols : 0;
}

const char *store_colname(const struct store_result *r, int col)
{
    return col >= 0 && col < r->ncols ? r->names[col] : NULL;
}

int store_colindex(const struct store_result *r, const char *name)
{
    for (int i = 0; r && i < r->ncols; i++)
        if (strcmp(r->names[i], name) == 0)
            return i;
    return -1;
}

int64_t store_changes(const struct store_result *r)
{
    return r ? r->changes : 0;
}

const char *store_text(const struct store_result *r, size_t row, int col)
{
    if (r == NULL || row >= r->nrows || col < 0 || col >= r->ncols)
        return NULL;
    return r->cells[row * (size_t)r->ncols + (size_t)col].text;
}

size_t store_length(const struct store_result *r, size_t row, int col)
{
    if (r == NULL || row >= r->nrows || col < 0 || col >= r->ncols)
        return 0;
    return r->cells[row * (size_t)r->ncols + (size_t)col].len;
}

const char *store_text_len(const struct store_result *r, size_t row, int col, size_t *len)
{
    if (r == NULL || row >= r->nrows || col < 0 || col >= r->ncols) {
        *len = 0;
        return NULL;
    }
    const struct cell *cell = &r->cells[row * (size_t)r->ncols + (size_t)col];
    *len = cell->len;
    return cell->text;
}

void store_row_texts(const struct store_result *r, size_t row, const char **texts, size_t *lens)
{
    assert(r != NULL && row < r->nrows);
    const struct cell *cells = &r->cells[row * (size_t)r->ncols];
    for (int col = 0; col < r->ncols; col++) {
        texts[col] = cells[col].text;
        lens[col] = cells[col].len;
    }
}

bool store_isnull(const struct store_result *r, size_t row, int col)
{
    return store_text(r, row, col) == NULL;
}

int64_t store_int(const struct store_result *r, size_t row, int col)
{
    const char *t = store_text(r, row, col);
    return t ? strtoll(t, NULL, 10) : 0;
}

double store_real(const struct store_result *r, size_t row, int col)
{
    const char *t = store_text(r, row, col);
    return t ? strtod(t, NULL) : 0.0;
}

bool store_bool(const struct store_result *r, size_t row, int col)
{
    const char *t = store_text(r, row, col);
    return t && (strcmp(t, "1") == 0 || strcmp(t, "t") == 0 || strcmp(t, "true") == 0);
}
