/*
 * This file implements the engine-neutral half of the store: URL parsing, the connection pool,
 * and the fault point for tests. The rest of that half: store_exec.c (running SQL,
 * transactions, cursors), store_dialect.c (the database file as a whole, what differs by
 * engine) and store_result.c (the materialised result that both backends fill);
 * store_internal.h declares what they share.
 */
#include "store.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "../lib/xalloc.h"
#include "store_internal.h"

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

int store_open_conn(struct store_conn *c, struct err *e)
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
    rc = store_open_conn(s->slots[0], e);
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
    /* nothing of this user's goes on: a snapshot kept would show the next one old data */
    assert(c->broken || c->ops->idle == NULL || c->ops->idle(c));
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
int store_fault_point(struct store_conn *c, struct err *e)
{
    if (c->fault_countdown == 0 || --c->fault_countdown > 0)
        return 0;
    c->fault_fired = true;
    return err_set(e, ERR_DB, NULL, "injected fault");
}
