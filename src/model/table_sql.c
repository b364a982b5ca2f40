/*
 * This file implements the SQL of one row of table.h: the statement texts that depend on the
 * table alone, built once per descriptor and kept for the process (texts_of), the insert
 * builder (table_insert_rows, table_upsert, table_insert), table_get / _lock / _update /
 * _delete and table_finish, and the optimistic concurrency of row versions (table_expect*,
 * the If-Match expectation of one request).
 */
#include "table_internal.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"

/* ================================================================ texts built once */

/* The statement texts of a stored table that depend on the table alone (and the engine's row
 * lock), never on a request: built once per process by texts_build, the one place that writes
 * them, and kept for the life of the process (descriptors are static; the entries stay
 * reachable from texts_buckets, so leak checkers count them as still reachable). Every get by
 * id looks its text up here: before, row_sql walked the fields and printed the ~1 KB SELECT of
 * a job on every request (about 20,000 instructions, a quarter of SQLite's GET /jobs/{id}).
 * Descriptors are spread over the model files with no list of them, so there is no start-up
 * point to build them all (pthread_once): a descriptor's entry is built on its first use under
 * texts_lock and published with a release store; readers find it with an acquire load and no
 * lock, and an entry never changes once published. */
struct texts {
    const struct table *table;
    const char *lock; /* the row-lock suffix of row[]: store_sql_for_update's, or "" */
    const char
        *stamp; /* the engine's row stamp column row[] ends with (store_sql_row_stamp), or "" */
    const char *columns;      /* table_columns(table, NULL) */
    const char *row[2];       /* row_sql: the SELECT of row id; [1] of an owner's row */
    const char *stamp_row[2]; /* with a stamp: the SELECT of row id's stamp and row_version */
    struct texts *next;       /* the bucket's older entries */
};

#define TEXT_BUCKETS 64
static _Atomic(struct texts *) texts_buckets[TEXT_BUCKETS];
static pthread_mutex_t texts_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct texts *texts_find(const struct texts *x, const struct table *r,
                                      const char *lock, const char *stamp)
{
    for (; x; x = x->next)
        if (x->table == r && strcmp(x->lock, lock) == 0 && strcmp(x->stamp, stamp) == 0)
            return x;
    return NULL;
}

/* Writes the texts of r with row lock lock and row stamp stamp (malloc'd, never freed). */
static struct texts *texts_build(const struct table *r, const char *lock, const char *stamp)
{
    struct texts *x = xcalloc(1, sizeof *x);
    x->table = r;
    x->lock = xstrdup(lock);
    x->stamp = xstrdup(stamp);
    struct buf b;
    buf_init(&b);
    table_columns_into(&b, r, NULL);
    x->columns = xstrdup(b.data ? b.data : "");
    const struct field *version = table_field(r, "row_version");
    for (int owned = 0; r->name && owned < 2; owned++) { /* a body has no row to read */
        const char *where = owned ? " WHERE id = ? AND user_id = ?" : " WHERE id = ?";
        buf_truncate(&b, 0);
        buf_puts(&b, "SELECT ");
        buf_puts(&b, x->columns);
        if (*stamp)
            buf_printf(&b, ", %s", stamp);
        buf_printf(&b, " FROM %s%s%s", r->name, where, lock);
        x->row[owned] = xstrdup(b.data);
        if (*stamp) {
            buf_truncate(&b, 0);
            buf_printf(&b, "SELECT %s, %s FROM %s%s", stamp, version ? "row_version" : "NULL",
                       r->name, where);
            x->stamp_row[owned] = xstrdup(b.data);
        }
    }
    buf_free(&b);
    return x;
}

/* The texts of r with row lock lock ("" for none) and row stamp stamp ("" for none), built on
 * the first call. */
static const struct texts *texts_of(const struct table *r, const char *lock, const char *stamp)
{
    _Atomic(struct texts *) *bucket = &texts_buckets[((uintptr_t)r >> 4) % TEXT_BUCKETS];
    const struct texts *x =
        texts_find(atomic_load_explicit(bucket, memory_order_acquire), r, lock, stamp);
    if (x)
        return x;
    pthread_mutex_lock(&texts_lock);
    struct texts *head = atomic_load_explicit(bucket, memory_order_relaxed);
    x = texts_find(head, r, lock, stamp); /* built by another thread since the first look */
    if (x == NULL) {
        struct texts *made = texts_build(r, lock, stamp);
        made->next = head;
        atomic_store_explicit(bucket, made, memory_order_release);
        x = made;
    }
    pthread_mutex_unlock(&texts_lock);
    return x;
}

const char *table_columns(const struct table *r, const char *alias, struct arena *a)
{
    if (alias == NULL)
        return texts_of(r, "", "")->columns;
    struct buf b;
    buf_init(&b);
    table_columns_into(&b, r, alias);
    const char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}

static int one_row(struct store_conn *c, const struct table *r, const char *sql,
                   const struct store_value *params, int n, json_t **out, struct err *e)
{
    struct store_result *res;
    int rc = store_exec(c, sql, params, n, &res, e);
    if (rc)
        return rc;
    if (store_rows(res) == 0) {
        store_result_free(res);
        return err_set(e, ERR_NOT_FOUND, NULL, "not found");
    }
    if (out)
        *out = table_row_json(r, res, 0);
    store_result_free(res);
    return 0;
}

/* ================================================================ SQL */

/* The placeholder for a value: '?', or the engine's array expression for FT_ARRAY. */
static const char *placeholder(const struct store_conn *c, const struct field_value *fv)
{
    return fv->field->type == FT_ARRAY && fv->value.type != STORE_NULL ? store_sql_array_param(c)
                                                                       : "?";
}

int table_insert_rows(struct store_conn *c, const struct table *t, const struct values *rows,
                      size_t n, const struct table_conflict *conflict, const char *returning,
                      struct arena *a, struct store_result **out, struct err *e)
{
    assert(t->name && n >= 1 && rows[0].n >= 1);
    const struct values *first = &rows[0];
    size_t width = (size_t)first->n;
    struct store_value *params = arena_alloc(a, n * width * sizeof *params);
    struct buf sql;
    buf_init(&sql);
    /* appends, not printf: a request's statement text is built on every call (POST /jobs,
     * each imported row) before the statement cache finds it */
    buf_puts(&sql, "INSERT INTO ");
    buf_puts(&sql, t->name);
    buf_puts(&sql, " (");
    for (size_t i = 0; i < width; i++) {
        if (i)
            buf_puts(&sql, ", ");
        buf_puts(&sql, first->items[i].field->name);
    }
    buf_puts(&sql, ") VALUES ");
    for (size_t r = 0; r < n; r++) {
        const struct values *v = &rows[r];
        assert((size_t)v->n == width); /* every row names the same columns, in order */
        buf_puts(&sql, r ? ", (" : "(");
        for (size_t i = 0; i < width; i++) {
            assert(v->items[i].field == first->items[i].field);
            if (i)
                buf_puts(&sql, ", ");
            buf_puts(&sql, placeholder(c, &v->items[i]));
            params[r * width + i] = v->items[i].value;
        }
        buf_putc(&sql, ')');
    }
    if (conflict) {
        buf_printf(&sql, " ON CONFLICT (%s) DO ", conflict->target);
        if (conflict->update == NULL)
            buf_puts(&sql, "NOTHING");
        for (const char *const *u = conflict->update; u && *u; u++)
            buf_printf(&sql, "%s%s = excluded.%s", u == conflict->update ? "UPDATE SET " : ", ", *u,
                       *u);
    }
    if (returning == NULL)
        returning = table_columns(t, NULL, a);
    if (*returning) {
        buf_puts(&sql, " RETURNING ");
        buf_puts(&sql, returning);
    }
    int rc = store_exec(c, sql.data, params, (int)(n * width), out, e);
    buf_free(&sql);
    return rc;
}

int table_upsert(struct store_conn *c, const struct table *t, struct values *v,
                 const struct table_conflict *conflict, struct arena *a, json_t **out,
                 struct err *e)
{
    struct store_result *res;
    int rc = table_insert_rows(c, t, v, 1, conflict, NULL, a, &res, e);
    if (rc)
        return rc;
    if (store_rows(res) == 0 && conflict == NULL)
        rc = err_set(e, ERR_INTERNAL, NULL, "INSERT returned no row");
    else if (out)
        *out = store_rows(res) ? table_row_json(t, res, 0) : json_null();
    store_result_free(res);
    return rc;
}

int table_insert(struct store_conn *c, const struct table *t, struct values *v, struct arena *a,
                 json_t **out, struct err *e)
{
    return table_upsert(c, t, v, NULL, a, out, e);
}

int table_finish(struct store_conn *c, int rc, json_t **out, struct err *e)
{
    if (rc == 0)
        rc = store_commit(c, e);
    if (rc) {
        store_rollback(c);
        if (out && *out) {
            json_decref(*out);
            *out = NULL;
        }
    }
    return rc;
}

int table_update(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                 struct values *v, struct arena *a, json_t **out, struct err *e)
{
    if (table_field(r, "updated_at") && values_get(v, "updated_at") == NULL)
        values_set(v, r, "updated_at", SV_TEXT(time_now_text(a)));
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "UPDATE %s SET ", r->name);
    struct store_value params[VALUES_MAX + 2 + TABLE_EXPECT_MAX];
    int n = 0;
    for (int i = 0; i < v->n; i++) {
        buf_printf(&sql, "%s%s = %s", i ? ", " : "", v->items[i].field->name,
                   placeholder(c, &v->items[i]));
        params[n++] = v->items[i].value;
    }
    if (table_versioned(r) && values_get(v, VERSION) == NULL)
        buf_puts(&sql, ", " VERSION " = " VERSION " + 1");
    buf_puts(&sql, " WHERE id = ?");
    params[n++] = SV_INT(id);
    if (owner) {
        buf_puts(&sql, " AND user_id = ?");
        params[n++] = SV_INT(owner);
    }
    bool conditions = table_expect_clause(r, id, NULL, &sql, params, &n);
    buf_printf(&sql, " RETURNING %s", table_columns(r, NULL, a));
    int rc = one_row(c, r, sql.data, params, n, out, e);
    buf_free(&sql);
    if (rc == ERR_NOT_FOUND && conditions) {
        err_clear(e);
        rc = table_missing(c, r, owner, id, e);
    }
    return rc;
}

/* The statement of row id of owner (0 = any) with row lock lock (store_sql_for_update, or ""):
 * parameters id, then owner when not 0. Built once per table (texts_of). */
static const char *row_sql(const struct table *r, int64_t owner, const char *lock)
{
    return texts_of(r, lock, "")->row[owner != 0];
}

static int get_row(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                   const char *lock, json_t **out, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(owner)};
    return one_row(c, r, row_sql(r, owner, lock), p, owner ? 2 : 1, out, e);
}

int table_get(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
              struct arena *a, json_t **out, struct err *e)
{
    return get_row(c, r, owner, id, "", out, e);
}

/* The column the row stamp of a stamped row is read into: never written (the last column of
 * texts_of's row[] with a stamp). */
static const struct field stamp_field = {"_stamp", FT_INT, F_HIDDEN};

/* table_get_text, with stamp the engine's row stamp column (store_sql_row_stamp: read into
 * *stamped as well) or NULL. */
static int get_text(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                    const char *stamp, struct arena *a, struct buf *out, const char **version,
                    int64_t *stamped, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(owner)};
    struct store_result *res;
    *version = NULL;
    const char *sql = stamp ? texts_of(r, "", stamp)->row[owner != 0] : row_sql(r, owner, "");
    int rc = store_exec(c, sql, p, owner ? 2 : 1, &res, e);
    if (rc == 0 && store_rows(res) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "not found");
    if (rc == 0 && stamp) { /* the stamp, last, read and left out of the text */
        int last = store_cols(res) - 1;
        *stamped = store_int(res, 0, last);
        struct table_layout layout;
        table_text_layout(r, res, a, &layout);
        layout.fields[last] = &stamp_field;
        table_row_text_with(&layout, res, 0, out);
    } else if (rc == 0) {
        table_row_text(r, res, 0, out);
    }
    if (rc == 0) {
        /* as table_row_json holds it: an integer when it is a shown integer field */
        const struct field *f = table_field(r, "row_version");
        int col = f && f->type == FT_INT && table_field_shown(f, VIEW_OWNER)
                      ? store_colindex(res, "row_version")
                      : -1;
        const char *text = col < 0 ? NULL : store_text(res, 0, col);
        if (text) { /* without printf: 2,700 instructions, 5% of a get */
            char *v = arena_alloc(a, BUF_INT_LEN);
            buf_int_text(strtoll(text, NULL, 10), v);
            *version = v;
        }
    }
    store_result_free(res);
    return rc;
}

int table_get_text(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                   struct arena *a, struct buf *out, const char **version, struct err *e)
{
    return get_text(c, r, owner, id, NULL, a, out, version, NULL, e);
}

int table_get_text_stamped(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                           struct arena *a, struct buf *out, const char **version, int64_t *stamp,
                           struct err *e)
{
    assert(store_sql_row_stamp(c) != NULL);
    return get_text(c, r, owner, id, store_sql_row_stamp(c), a, out, version, stamp, e);
}

int table_row_stamp(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                    bool *found, int64_t *stamp, int64_t *version, struct err *e)
{
    assert(store_sql_row_stamp(c) != NULL);
    struct store_value p[] = {SV_INT(id), SV_INT(owner)};
    struct store_result *res;
    int rc = store_exec(c, texts_of(r, "", store_sql_row_stamp(c))->stamp_row[owner != 0], p,
                        owner ? 2 : 1, &res, e);
    if (rc)
        return rc;
    *found = store_rows(res) > 0;
    *stamp = *found ? store_int(res, 0, 0) : 0;
    *version = *found ? store_int(res, 0, 1) : 0;
    store_result_free(res);
    return 0;
}

int table_lock(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
               struct arena *a, json_t **out, struct err *e)
{
    assert(store_in_transaction(c));
    return get_row(c, r, owner, id, store_sql_for_update(c), out, e);
}

int table_delete(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                 struct err *e)
{
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "DELETE FROM %s WHERE id = ?%s", r->name, owner ? " AND user_id = ?" : "");
    struct store_value p[2 + TABLE_EXPECT_MAX] = {SV_INT(id), SV_INT(owner)};
    int n = owner ? 2 : 1;
    bool conditions = table_expect_clause(r, id, NULL, &sql, p, &n);
    bool gone;
    int rc = store_exec_matched(c, sql.data, p, n, &gone, e);
    buf_free(&sql);
    if (rc)
        return rc;
    if (gone)
        return 0;
    return conditions ? table_missing(c, r, owner, id, e)
                      : err_set(e, ERR_NOT_FOUND, NULL, "not found");
}

/* ================================================================ optimistic concurrency */

/* The expectation of the request on this thread (armed by table_expect). */
static _Thread_local struct {
    const struct table *table;
    int64_t id;
    int64_t versions[TABLE_EXPECT_MAX];
    int n;
    bool armed, used;
} expected;

bool table_versioned(const struct table *t)
{
    return table_field(t, VERSION) != NULL;
}

void table_expect(const struct table *t, int64_t id, const int64_t *versions, int n)
{
    assert(t && table_versioned(t) && n >= 0 && n <= TABLE_EXPECT_MAX);
    expected.table = t;
    expected.id = id;
    for (int i = 0; i < n; i++)
        expected.versions[i] = versions[i];
    expected.n = n;
    expected.armed = true;
    expected.used = false;
}

bool table_expect_end(void)
{
    bool used = expected.used;
    memset(&expected, 0, sizeof expected);
    return used;
}

/* The armed expectation when it is about row id of t and no write has used it yet. */
static bool expecting(const struct table *t, int64_t id)
{
    return expected.armed && !expected.used && expected.table == t && expected.id == id;
}

static int precondition_failed(struct err *e)
{
    return err_set(e, ERR_PRECONDITION, NULL,
                   "this was changed since you read it (If-Match no longer matches); read it "
                   "again to see the latest version");
}

int table_expect_row(const struct table *t, int64_t id, const json_t *row, struct err *e)
{
    if (!expecting(t, id))
        return 0;
    expected.used = true;
    int64_t current = row ? json_get_int(row, VERSION) : 0;
    for (int i = 0; i < expected.n; i++)
        if (expected.versions[i] == current)
            return 0;
    return precondition_failed(e);
}

bool table_expect_clause(const struct table *t, int64_t id, const char *alias, struct buf *sql,
                         struct store_value *params, int *nparams)
{
    if (!expecting(t, id))
        return false;
    expected.used = true;
    if (expected.n == 0) { /* an If-Match naming no version of ours: nothing can match */
        buf_puts(sql, " AND 1 = 0");
        return true;
    }
    buf_printf(sql, " AND %s" VERSION " IN (", alias ? alias : "");
    for (int i = 0; i < expected.n; i++) {
        buf_puts(sql, i ? ", ?" : "?");
        params[(*nparams)++] = SV_INT(expected.versions[i]);
    }
    buf_putc(sql, ')');
    return true;
}

int table_missing(struct store_conn *c, const struct table *t, int64_t owner, int64_t id,
                  struct err *e)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?%s", t->name,
             owner ? " AND user_id = ?" : "");
    struct store_value p[] = {SV_INT(id), SV_INT(owner)};
    bool exists;
    int rc = store_exec_matched(c, sql, p, owner ? 2 : 1, &exists, e);
    if (rc)
        return rc;
    return exists ? precondition_failed(e) : err_set(e, ERR_NOT_FOUND, NULL, "not found");
}
