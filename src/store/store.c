/*
 * This file implements the engine-neutral half of the store: URL parsing, the connection pool,
 * transactions, and the materialised result that both backends fill.
 */
#include "store.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    pthread_cond_t freed;
    int size;
    struct store_conn **slots; /* NULL = not opened yet */
    bool *busy;
};

int store_open(const char *url, int pool_size, struct store **out, struct err *e)
{
    struct store_url parsed;
    int rc = store_parse_url(url, &parsed, e);
    if (rc)
        return rc;
    if (pool_size < 1)
        pool_size = 1;
    const struct store_ops *ops = parsed.engine == STORE_SQLITE ? &store_sqlite_ops : &store_pg_ops;
    struct store_conn *first = ops->connect(&parsed, e);
    if (first == NULL)
        return e && e->code ? e->code : ERR_DB;
    struct store *s = xcalloc(1, sizeof *s);
    s->url = parsed;
    s->ops = ops;
    s->size = pool_size;
    s->slots = xcalloc((size_t)pool_size, sizeof *s->slots);
    s->busy = xcalloc((size_t)pool_size, sizeof *s->busy);
    s->slots[0] = first;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->freed, NULL);
    *out = s;
    return 0;
}

void store_close(struct store *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < s->size; i++)
        if (s->slots[i])
            s->ops->disconnect(s->slots[i]);
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

/* A connection whose open failed: every exec on it reports the failure. */
struct broken_conn {
    struct store_conn base;
    char message[256];
};

static int broken_exec(struct store_conn *c, const char *sql, const struct store_value *params,
                       int nparams, struct store_result **out, struct err *e)
{
    (void)sql, (void)params, (void)nparams;
    if (out)
        *out = NULL;
    return err_set(e, ERR_DB, NULL, "%s", ((struct broken_conn *)c)->message);
}

static int broken_script(struct store_conn *c, const char *sql, struct err *e)
{
    return broken_exec(c, sql, NULL, 0, NULL, e);
}

static void broken_disconnect(struct store_conn *c)
{
    free(c);
}

static const struct store_ops broken_ops = {
    .disconnect = broken_disconnect,
    .exec = broken_exec,
    .exec_script = broken_script,
    .begin_sql = "BEGIN",
};

static struct store_conn *open_slot(struct store *s)
{
    struct err e = {0};
    struct store_conn *c = s->ops->connect(&s->url, &e);
    if (c)
        return c;
    struct broken_conn *b = xcalloc(1, sizeof *b);
    b->base.ops = &broken_ops;
    b->base.broken = true;
    snprintf(b->message, sizeof b->message, "%s", e.message);
    return &b->base;
}

struct store_conn *store_acquire(struct store *s)
{
    assert(s != NULL && s->size >= 1);
    pthread_mutex_lock(&s->lock);
    for (;;) {
        for (int i = 0; i < s->size; i++) {
            if (s->busy[i])
                continue;
            s->busy[i] = true;
            struct store_conn *c = s->slots[i];
            pthread_mutex_unlock(&s->lock);
            if (c == NULL || c->broken) {
                if (c)
                    c->ops->disconnect(c);
                c = open_slot(s);
                s->slots[i] = c; /* slot i is ours while busy */
            }
            return c;
        }
        pthread_cond_wait(&s->freed, &s->lock);
    }
}

void store_release(struct store *s, struct store_conn *c)
{
    if (c == NULL)
        return;
    if (c->in_transaction)
        store_rollback(c);
    pthread_mutex_lock(&s->lock);
    bool found = false;
    for (int i = 0; i < s->size && !found; i++) {
        if (s->slots[i] == c) {
            assert(s->busy[i]); /* released once per acquire */
            s->busy[i] = false;
            found = true;
        }
    }
    assert(found); /* c came from this pool */
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->lock);
}

/* ================================================================ running SQL */

int store_exec(struct store_conn *c, const char *sql, const struct store_value *params, int nparams,
               struct store_result **out, struct err *e)
{
    assert(c != NULL && sql != NULL && nparams >= 0 && (nparams == 0 || params != NULL));
    if (out)
        *out = NULL;
    return c->ops->exec(c, sql, params, nparams, out, e);
}

int store_exec_script(struct store_conn *c, const char *sql, struct err *e)
{
    return c->ops->exec_script(c, sql, e);
}

int store_begin(struct store_conn *c, struct err *e)
{
    assert(!c->in_transaction); /* transactions do not nest: one begin, one commit/rollback */
    int rc = c->ops->exec(c, c->ops->begin_sql, NULL, 0, NULL, e);
    if (rc == 0)
        c->in_transaction = true;
    return rc;
}

int store_commit(struct store_conn *c, struct err *e)
{
    int rc = c->ops->exec(c, "COMMIT", NULL, 0, NULL, e);
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
    struct err ignored = {0};
    c->ops->exec(c, "ROLLBACK", NULL, 0, NULL, &ignored);
    c->in_transaction = false;
}

bool store_in_transaction(const struct store_conn *c)
{
    return c->in_transaction;
}

int store_ping(struct store_conn *c, struct err *e)
{
    return c->ops->exec(c, "SELECT 1", NULL, 0, NULL, e);
}

int store_lock_migrations(struct store_conn *c, struct err *e)
{
    return c->ops->lock_migrations ? c->ops->lock_migrations(c, e) : 0;
}

void store_unlock_migrations(struct store_conn *c)
{
    if (c->ops->unlock_migrations)
        c->ops->unlock_migrations(c);
}

const char *store_sql_fulltext(const struct store_conn *c, const char *table, char *out, size_t n)
{
    assert(table && *table && n > 0);
    c->ops->sql_fulltext(table, out, n);
    return out;
}

char *store_fulltext_arg(const struct store_conn *c, const char *q)
{
    return c->ops->fulltext_arg(q);
}

const char *store_sql_for_update(const struct store_conn *c)
{
    return c->ops->for_update;
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

/* ================================================================ results */

struct cell {
    char *text; /* NULL = SQL NULL */
};

struct store_result {
    int ncols;
    char **names;
    size_t nrows, cap;
    struct cell *cells; /* nrows * ncols */
    int64_t changes;
};

struct store_result *store_result_new(int ncols, const char *const *names)
{
    assert(ncols >= 0 && (ncols == 0 || names != NULL));
    struct store_result *r = xcalloc(1, sizeof *r);
    r->ncols = ncols;
    r->names = xcalloc((size_t)(ncols ? ncols : 1), sizeof *r->names);
    for (int i = 0; i < ncols; i++)
        r->names[i] = xstrdup(names[i]);
    return r;
}

void store_result_add_row(struct store_result *r)
{
    if (r->nrows == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->cells = xrealloc(r->cells, r->cap * (size_t)r->ncols * sizeof *r->cells);
    }
    memset(r->cells + r->nrows * (size_t)r->ncols, 0, (size_t)r->ncols * sizeof *r->cells);
    r->nrows++;
}

void store_result_set(struct store_result *r, int col, const char *text, size_t len)
{
    assert(r->nrows > 0 && col >= 0 && col < r->ncols);
    struct cell *cell = &r->cells[(r->nrows - 1) * (size_t)r->ncols + (size_t)col];
    free(cell->text);
    cell->text = text ? xstrndup(text, len) : NULL;
}

void store_result_set_changes(struct store_result *r, int64_t changes)
{
    r->changes = changes;
}

void store_result_free(struct store_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->nrows * (size_t)r->ncols; i++)
        free(r->cells[i].text);
    for (int i = 0; i < r->ncols; i++)
        free(r->names[i]);
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
