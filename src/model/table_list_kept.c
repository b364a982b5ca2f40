/*
 * This file implements the kept orders of lists (list_totals.h): a sparse search's ids in
 * order kept beside its kept total, at the same data version, and a page read as their slice
 * by primary key (table_kept_order_page); on PostgreSQL a dense search in a nullable column's
 * order keeps its pages instead (kept_dense, table_kept_page_put).
 */
#include "table_internal.h"

#include <stdio.h>
#include <string.h>

#include "../lib/buf.h"

/* Whether owner's list q with hooks h may keep its order (kept_order_key): sorted by one of
 * list_spec.kept_sorts, no hooks but an alias and extra columns without values (the page's
 * head is the list's own SELECT). */
bool table_may_keep_order(int64_t owner, const struct list_query *q, const struct list_hooks *h)
{
    bool sorted = false;
    for (const char *const *s = q->spec->kept_sorts; s && *s && !sorted; s++)
        sorted = strcmp(*s, q->sort) == 0;
    return sorted && owner && q->spec->version &&
           !(h &&
             (h->nextra || h->where || h->order || h->total || h->page || h->members || h->row));
}

/* A list's kept order (list_totals.h): the key of its total then its sort, when the list keeps
 * one: an owner's list without hooks, its total kept at the data version the count read
 * (p->version), sorted by one of list_spec.kept_sorts (every write of the column moves the
 * version), its matches at most 1 in LIST_ORDER_SHARE of the owner's rows and at most
 * LIST_ORDER_MAX. */
static bool kept_order_key(const struct list_plan *p, char key[LIST_TOTALS_KEY])
{
    const struct list_query *q = p->q;
    int64_t share = q->spec->order_share ? q->spec->order_share : LIST_ORDER_SHARE;
    if (!table_may_keep_order(p->owner, q, p->h) || p->version < 0 || p->all <= 0 ||
        p->total <= 0 || p->total > LIST_ORDER_MAX || p->total * share > p->all ||
        !table_totals_key(p->t, q, key))
        return false;
    size_t len = strlen(key);
    int n =
        snprintf(key + len, LIST_TOTALS_KEY - len, "\nsort %s %c", q->sort, q->desc ? 'd' : 'a');
    return n > 0 && (size_t)n < LIST_TOTALS_KEY - len;
}

/* True when p->q is a search alone sorted by a nullable column on an engine whose only way to
 * the matches from the table is the walk of the sort index (store_fulltext_count_fixed:
 * PostgreSQL). With more matches than a kept order takes (kept_order_key) its page is two
 * walks of the sort index (the values, then the NULLs) planned for the words on every request
 * (q=kubernetes&sort=-salary_max at 100,000 jobs: parse 0.3, planning 0.7-1.1 and execution
 * 2-3 ms, 247 + 597 rows read with the words checked in each), so the page itself is kept: its
 * ids under the order's key plus its offset and limit (kept_page_key), read by primary key
 * while the data version is the same. Reading every match in order to keep the whole order
 * cost 55-60 ms of CPU after each write (docs/performance.md, PostgreSQL's search in salary
 * order). */
static bool kept_dense(const struct store_conn *c, const struct list_plan *p)
{
    const struct list_query *q = p->q;
    const struct field *sort = table_field(p->t, q->sort);
    return q->nfilters == 1 && q->filters[0].op == FILTER_FULLTEXT && sort &&
           !(sort->flags & (F_NOTNULL | F_REQUIRED)) && store_fulltext_count_fixed(c, p->t->name);
}

/* A kept page's key (kept_dense): the key of the list's total, its sort, the page's offset and
 * limit; false when the list keeps none (the conditions of kept_order_key but the share). */
static bool kept_page_key(const struct store_conn *c, const struct list_plan *p,
                          char key[LIST_TOTALS_KEY])
{
    const struct list_query *q = p->q;
    if (!table_may_keep_order(p->owner, q, p->h) || p->version < 0 || p->total <= q->offset ||
        !kept_dense(c, p) || !table_totals_key(p->t, q, key))
        return false;
    size_t len = strlen(key);
    int n = snprintf(key + len, LIST_TOTALS_KEY - len, "\nsort %s %c\npage %lld %lld", q->sort,
                     q->desc ? 'd' : 'a', (long long)q->offset, (long long)q->limit);
    return n > 0 && (size_t)n < LIST_TOTALS_KEY - len;
}

/* Keeps the ids of a page read as before (res, its rows in order) under key (kept_page_key)
 * when the data version read now is still the count's (p->version: no write came between the
 * count and this read, so the page is that version's) and the page is whole. Returns 0 or
 * ERR_*. */
int table_kept_page_put(struct store_conn *c, const struct list_plan *p, const char *key,
                        const struct store_result *res, struct arena *a, struct err *e)
{
    const struct list_query *q = p->q;
    size_t rows = store_rows(res);
    int col = store_colindex(res, "id");
    int64_t want = q->limit < p->total - q->offset ? q->limit : p->total - q->offset;
    if (col < 0 || rows != (size_t)want)
        return 0;
    uint32_t *ids = arena_alloc(a, rows * sizeof *ids);
    for (size_t i = 0; i < rows; i++) {
        int64_t id = store_int(res, i, col);
        if (id <= 0 || id > UINT32_MAX)
            return 0;
        ids[i] = (uint32_t)id;
    }
    const struct store_value owner = SV_INT(p->owner);
    struct store_result *v = NULL;
    int rc = store_exec(c, q->spec->version, &owner, 1, &v, e);
    if (rc == 0 && store_rows(v) == 1 && !store_isnull(v, 0, 0) && store_int(v, 0, 0) == p->version)
        list_totals_put(p->owner, key, p->version, p->total, -1, ids, rows * sizeof *ids);
    store_result_free(v);
    return rc;
}

/* Reads the list's ids in order (the page query of p->q over all of its matches, p->total
 * of them), and the data version after them; keeps them under key when that version is the
 * one the count read (p->version: nothing moved it before the ids were read, so they are that
 * version's), and copies ids [from, from + len) into slice. Returns 0, 1 when they are not kept
 * (the version moved, or an id does not fit in 4 bytes), or ERR_*. */
static int kept_order_build(struct store_conn *c, const struct list_plan *p, int pair,
                            const char *key, size_t from, size_t len, uint32_t *slice,
                            struct arena *a, struct err *e)
{
    const struct list_query *q = p->q;
    struct list_query whole = *q;
    whole.limit = p->total;
    whole.offset = 0;
    struct list_plan wp = *p;
    wp.q = &whole;
    struct store_value params[3 * (LIST_MAX_FILTERS + LIST_HOOK_PARAMS) + 8];
    struct buf sql;
    buf_init(&sql);
    int n = 0;
    char sorted[320];
    if (table_fulltext_index_page(c, p->t, p->owner, &whole, NULL, p->total, p->all, sorted,
                                  sizeof sorted)) {
        buf_puts(&sql, sorted);
        params[n++] = SV_INT(p->owner);
        params[n++] = q->filters[0].value;
        params[n++] = SV_INT(whole.limit);
        params[n++] = SV_INT(0);
    } else {
        n = table_page_ids_query(c, &wp, &whole, pair, false, a, &sql, params);
    }
    const struct store_value owner = SV_INT(p->owner);
    const struct store_stmt stmts[2] = {{sql.data, params, n, true},
                                        {q->spec->version, &owner, 1, false}};
    struct store_result *res[2] = {NULL, NULL};
    int rc = store_exec_batch(c, stmts, 2, res, e);
    size_t rows = rc == 0 ? store_rows(res[0]) : 0;
    if (rc == 0 && (rows != (size_t)p->total || store_rows(res[1]) != 1 ||
                    store_int(res[1], 0, 0) != p->version))
        rc = 1; /* the version moved since the count: not this version's order */
    uint32_t *ids = rc == 0 ? arena_alloc(a, rows * sizeof *ids) : NULL;
    for (size_t i = 0; rc == 0 && i < rows; i++) {
        int64_t id = store_int(res[0], i, 0);
        if (id <= 0 || id > UINT32_MAX)
            rc = 1;
        else
            ids[i] = (uint32_t)id;
    }
    if (rc == 0) {
        list_totals_put(p->owner, key, p->version, p->total, -1, ids, rows * sizeof *ids);
        memcpy(slice, ids + from, len * sizeof *ids);
    }
    store_result_free(res[0]);
    store_result_free(res[1]);
    buf_free(&sql);
    return rc;
}

/* The page of p->q from its kept order (kept_order_key): the slice of its ids, kept or read now
 * (kept_order_build), or its kept page (kept_page_key), then those rows by primary key in the
 * list's order (head: the SELECT list and FROM of the page; order: the ORDER BY terms before the
 * id), read only while the data version is still the count's (p->version) in the page's own
 * statement. Returns 0 with *res the page's rows, 1 when the list keeps no order or the version
 * moved (the page is read as before; page_key then holds the key to keep the page under, or is
 * empty), or ERR_*. */
int table_kept_order_page(struct store_conn *c, const struct list_plan *p, int pair,
                          const char *head, const char *order, struct arena *a,
                          struct store_result **res, char page_key[LIST_TOTALS_KEY], struct err *e)
{
    const struct list_query *q = p->q;
    char key[LIST_TOTALS_KEY];
    page_key[0] = '\0';
    bool whole = kept_order_key(p, key);
    if (!whole && !kept_page_key(c, p, key))
        return 1;
    size_t from = (size_t)q->offset;
    size_t len = (size_t)(q->limit < p->total - q->offset ? q->limit : p->total - q->offset);
    uint32_t *slice = arena_alloc(a, len * sizeof *slice);
    if (!whole && !list_totals_slice(p->owner, key, p->version, 0, len * sizeof *slice, slice)) {
        memcpy(page_key, key, LIST_TOTALS_KEY);
        return 1; /* read as before, then kept (table_kept_page_put) */
    }
    if (whole && !list_totals_slice(p->owner, key, p->version, from * sizeof *slice,
                                    len * sizeof *slice, slice)) {
        int rc = kept_order_build(c, p, pair, key, from, len, slice, a, e);
        if (rc)
            return rc;
    }
    struct store_value *params = arena_alloc(a, (len + 3) * sizeof *params);
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "%s WHERE %sid IN (", head, p->prefix);
    int n = 0;
    for (size_t i = 0; i < len; i++) {
        buf_puts(&sql, i ? ", ?" : "?");
        params[n++] = SV_INT(slice[i]);
    }
    /* the owner's column kept from its indexes (SQLite would walk the sort's (owner, column)
     * index rather than look the ids up) */
    buf_printf(&sql, ") AND %s%suser_id = ? AND (%s) = ? ORDER BY %s, %sid %s",
               store_sql_no_index(c), p->prefix, q->spec->version, order, p->prefix,
               q->desc ? "DESC" : "ASC");
    params[n++] = SV_INT(p->owner);
    params[n++] = SV_INT(p->owner);
    params[n++] = SV_INT(p->version);
    int rc = store_exec(c, sql.data, params, n, res, e);
    if (rc == 0 && store_rows(*res) != len) {
        /* a write moved the version since the count: the page as before */
        store_result_free(*res);
        *res = NULL;
        rc = 1;
    }
    buf_free(&sql);
    return rc;
}
