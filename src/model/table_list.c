/*
 * This file implements the list helper of table.h: the list parameters checked against a list
 * spec (table_list_query), the WHERE clause of a list (table_where_clause, written for the
 * count and the page alike), and table_list (list_run), which reads a list's count
 * (table_list_count.c), chooses how its page is read (table_list_page.c, or a kept order:
 * table_list_kept.c) and writes the page as the text of a JSON array.
 */
#include "table_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"

/* ================================================================ lists */

/* Points q at the sortable name asked for (or the spec's default). */
static int list_sort(const struct list_spec *spec, const struct list_params *p,
                     struct list_query *q, struct err *e)
{
    const char *name = p->sort;
    q->desc = p->desc;
    if (name == NULL) {
        const char *v = spec->default_sort;
        if (spec->filter_default_param && list_params_get(p, spec->filter_default_param))
            v = spec->filter_default_sort;
        q->desc = v[0] == '-';
        name = v[0] == '-' || v[0] == '+' ? v + 1 : v;
    }
    for (const char *const *s = spec->sortable; *s; s++) {
        if (strcmp(*s, name) == 0) {
            q->sort = *s;
            return 0;
        }
    }
    int rc = err_set(e, ERR_INVALID, "sort", "cannot sort by %s", name);
    for (const char *const *s = spec->sortable; e && *s && e->nallowed < 16; s++)
        e->allowed[e->nallowed++] = *s;
    return rc;
}

/* Validates one filter argument against the field it targets and adds it to q. */
static int list_filter(struct store_conn *c, const struct table *t, const struct list_param *p,
                       const char *value, struct arena *a, struct list_query *q, struct err *e)
{
    struct list_filter *f = &q->filters[q->nfilters];
    f->column = p->column;
    f->op = p->op;
    if (p->op == FILTER_FULLTEXT) {
        char *arg = store_fulltext_arg(c, value);
        if (arg == NULL)
            return 0; /* nothing searchable: no filter */
        f->value = SV_TEXT(arena_strdup(a, arg));
        free(arg);
        q->nfilters++;
        return 0;
    }
    const struct field *field = table_field(t, p->column);
    assert(field != NULL);          /* a list spec names fields of its table */
    if (p->op == FILTER_CONTAINS) { /* any text: an element of the array column */
        f->value = SV_TEXT(value);
        q->nfilters++;
        return 0;
    }
    time_t when;
    char *end;
    switch (field->type) {
    case FT_INT: {
        long long n = strtoll(value, &end, 10);
        if (*value == '\0' || *end != '\0')
            return err_set(e, ERR_INVALID, p->name, "%s must be an integer", p->name);
        f->value = SV_INT(n);
        break;
    }
    case FT_BOOL:
        if (strcmp(value, "true") && strcmp(value, "false"))
            return err_set(e, ERR_INVALID, p->name, "%s must be true or false", p->name);
        f->value = SV_BOOL(strcmp(value, "true") == 0);
        break;
    case FT_DATE:
        if (!time_parse_date(value, &when))
            return err_set(e, ERR_INVALID, p->name, "%s must be a date (YYYY-MM-DD)", p->name);
        f->value = SV_TEXT(value);
        break;
    default:
        if (field->values) {
            bool ok = false;
            for (const char *const *v = field->values; *v && !ok; v++)
                ok = strcmp(*v, value) == 0;
            if (!ok) {
                int rc = err_set(e, ERR_INVALID, p->name, "%s is not an allowed value", p->name);
                for (const char *const *v = field->values; e && *v && e->nallowed < 16; v++)
                    e->allowed[e->nallowed++] = *v;
                return rc;
            }
        }
        f->value = SV_TEXT(value);
    }
    q->nfilters++;
    return 0;
}

int table_list_query(struct store_conn *c, const struct table *t, const struct list_spec *spec,
                     const struct list_params *p, struct arena *a, struct list_query *q,
                     struct err *e)
{
    assert(p->limit >= 1 && p->limit <= LIST_MAX_LIMIT && p->offset >= 0);
    memset(q, 0, sizeof *q);
    q->limit = p->limit;
    q->offset = p->offset;
    q->spec = spec;
    int rc = list_sort(spec, p, q, e);
    for (const struct list_param *lp = spec->params; rc == 0 && lp && lp->name; lp++) {
        const char *value = list_params_get(p, lp->name);
        if (value && q->nfilters < LIST_MAX_FILTERS)
            rc = list_filter(c, t, lp, value, a, q, e);
    }
    return rc;
}

/* Appends " WHERE ..." for owner, filters, the hook's conditions and ws->extra to sql and their
 * values to params; prefix ("f.") qualifies the table's own columns. */
int table_where_clause(struct store_conn *c, const struct table *t, int64_t owner,
                       const struct list_query *q, const struct list_hooks *h, const char *prefix,
                       const struct where_style *ws, struct arena *a, struct buf *sql,
                       struct store_value *params)
{
    int n = 0;
    const char *glue = " WHERE ";
    const char *np = ws ? ws->filter_prefix : "";
    if (owner) {
        buf_puts(sql, glue);
        buf_puts(sql, ws && ws->owner_prefix ? ws->owner_prefix : "");
        buf_puts(sql, prefix);
        buf_puts(sql, "user_id = ?");
        params[n++] = SV_INT(owner);
        glue = " AND ";
    }
    for (int i = 0; i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        char cond[192], column[96];
        if (ws && ws->indexed == i + 1)
            np = "";
        else if (ws)
            np = ws->filter_prefix;
        snprintf(column, sizeof column, "%s%s%s", np, prefix, f->column);
        switch (f->op) {
        case FILTER_EQ:
            buf_printf(sql, "%s%s = ?", glue, column);
            break;
        case FILTER_IEQ:
            buf_printf(sql, "%s%slower(%s%s) = lower(?)", glue, np, prefix, f->column);
            break;
        case FILTER_GE:
            buf_printf(sql, "%s%s >= ?", glue, column);
            break;
        case FILTER_LE:
            buf_printf(sql, "%s%s <= ?", glue, column);
            break;
        case FILTER_FULLTEXT:
            if (ws && ws->ids) {
                snprintf(column, sizeof column, "%sid", prefix);
                buf_printf(sql, "%s%s", glue,
                           store_sql_in_ids(c, column, ws->ids_drive, cond, sizeof cond));
                params[n++] = *ws->ids;
                glue = " AND ";
                continue;
            }
            buf_printf(sql, "%s%s%s", glue, np,
                       ws && ws->sort_matches
                           ? store_sql_fulltext_matches(c, t->name, cond, sizeof cond)
                           : store_sql_fulltext(c, t->name, cond, sizeof cond));
            break;
        case FILTER_CONTAINS:
            buf_printf(sql, "%s%s", glue, store_sql_array_contains(c, column, cond, sizeof cond));
            break;
        }
        params[n++] = f->value;
        glue = " AND ";
    }
    if (h && h->where)
        n += h->where(h->ctx, c, a, sql, &glue, params + n);
    if (ws && ws->extra) {
        buf_printf(sql, "%s%s", glue, ws->extra);
        glue = " AND ";
    }
    if (ws && ws->days_bound)
        n += table_days_bound(t, owner, q, prefix, glue, sql, params + n);
    return n;
}

const char *table_like_pattern(const char *text, struct arena *a)
{
    char *out = arena_alloc(a, 2 * strlen(text) + 3), *o = out;
    *o++ = '%';
    for (const char *p = text; *p; p++) {
        if (*p == '\\' || *p == '%' || *p == '_')
            *o++ = '\\';
        *o++ = *p;
    }
    *o++ = '%';
    *o = '\0';
    return out;
}

/* The ORDER BY terms before the id: NULLs last in both directions, the same on both engines;
 * the extra term is left out for columns that are never NULL, so an index on
 * (user_id, column) can serve the order; a value sort's rank first (table_sort_rank). */
static const char *default_order(const struct table *t, const struct list_query *q,
                                 const char *prefix, const char *rank, struct arena *a)
{
    const char *dir = q->desc ? "DESC" : "ASC";
    const struct field *sort = table_field(t, q->sort);
    if (rank)
        return table_sort_terms(q, rank, "", prefix, a);
    if (sort && (sort->flags & (F_NOTNULL | F_REQUIRED)))
        return arena_printf(a, "%s%s %s", prefix, q->sort, dir);
    return arena_printf(a, "(%s%s IS NULL), %s%s %s", prefix, q->sort, prefix, q->sort, dir);
}

const char *table_values_rank(const struct table *t, const char *column, const char *prefix,
                              struct arena *a)
{
    const struct field *f = table_field(t, column);
    if (f == NULL || f->type != FT_TEXT || f->values == NULL)
        return NULL;
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "CASE %s%s", prefix, column);
    for (int i = 0; f->values[i]; i++) /* constants of the server's own, no quote in them */
        buf_printf(&b, " WHEN '%s' THEN %d", f->values[i], i);
    buf_puts(&b, " END");
    const char *out = arena_strdup(a, b.data);
    buf_free(&b);
    return out;
}

/* The rank of q's sort (table_values_rank, prefix before the column) when the list sorts by it:
 * the sort is one of list_spec.value_sorts, the engine sorts the column by name
 * (store_enum_order) and no equality filter on the column makes its value one for every match
 * (then the column's own order, and its (owner, column) index, serve); else NULL. */
const char *table_sort_rank(const struct store_conn *c, const struct table *t,
                            const struct list_query *q, const char *prefix, struct arena *a)
{
    bool listed = false;
    for (const char *const *s = q->spec->value_sorts; s && *s && !listed; s++)
        listed = strcmp(*s, q->sort) == 0;
    if (!listed || store_enum_order(c))
        return NULL;
    for (int i = 0; i < q->nfilters; i++)
        if (q->filters[i].op == FILTER_EQ && strcmp(q->filters[i].column, q->sort) == 0)
            return NULL;
    return table_values_rank(t, q->sort, prefix, a);
}

/* The ORDER BY terms before the id of a sort by rank (table_sort_rank): the rank, then the
 * column itself (one rank per value, so it changes no order, but an index (owner, rank, column)
 * then gives the rows in order with the id after them, without reading the table), each after
 * lead (the store's no-index prefix, or ""). */
const char *table_sort_terms(const struct list_query *q, const char *rank, const char *lead,
                             const char *prefix, struct arena *a)
{
    const char *dir = q->desc ? "DESC" : "ASC";
    return arena_printf(a, "%s%s %s, %s%s%s %s", lead, rank, dir, lead, prefix, q->sort, dir);
}

const char *table_order_by_values(const struct table *t, const struct list_query *q,
                                  struct arena *a)
{
    const char *rank = table_values_rank(t, q->sort, "", a);
    if (rank == NULL)
        return default_order(t, q, "", NULL, a);
    return arena_printf(a, "%s %s", rank, q->desc ? "DESC" : "ASC");
}

/* Appends the rest of a page read in one query (table_page_in_one_query, or a hook's own order) to
 * sql, which holds its SELECT list and FROM: the conditions, the order and the page's bounds.
 * Returns the number of values added. */
static int one_query_tail(struct store_conn *c, const struct table *t, int64_t owner,
                          const struct list_query *q, const struct list_hooks *h,
                          const char *prefix, const char *order, bool fixed, struct arena *a,
                          struct buf *sql, struct store_value *params)
{
    int n = table_where_clause(c, t, owner, q, h, prefix, NULL, a, sql, params);
    buf_puts(sql, " ORDER BY "); /* appends, not buf_printf: every page of a list runs this */
    buf_puts(sql, order);
    buf_puts(sql, ", ");
    buf_puts(sql, prefix);
    buf_puts(sql, q->desc ? "id DESC" : "id ASC");
    if (fixed) { /* fixed_page */
        buf_puts(sql, " LIMIT ");
        buf_put_int(sql, q->limit);
        return n;
    }
    buf_puts(sql, " LIMIT ? OFFSET ?");
    params[n++] = SV_INT(q->limit);
    params[n++] = SV_INT(q->offset);
    return n;
}

/* The first page of a list with no filter, read in one query in the order of a column that is
 * never NULL (table_page_in_one_query) and no order of a hook's own: its LIMIT is written in the
 * text and the statement is not planned for its values (store_exec_custom), so PostgreSQL may keep
 * a generic plan, which is then the custom one (LIMIT known, nothing else to estimate but the
 * owner's rows): planning it was 0.17 of the statement's 0.22 ms (the plan is the same; one
 * statement per page size and sort per connection, of the statement cache's CACHE_MAX). */
static bool fixed_page(const struct list_query *q, const struct list_hooks *h)
{
    return q->offset == 0 && q->nfilters == 0 && !(h && (h->where || h->order));
}

/* True when the first page of q, read through its ids' query, is the same plan whatever the
 * values bound (so it is not planned for them: its LIMIT is written in the text, and PostgreSQL
 * keeps a generic plan after five runs, as for fixed_page): no filter, sorted by one of
 * list_spec.exact_sorts (table_exact_sort), or one equality filter with an index (owner, column,
 * sort column, id) that gives both the matches and their order (list_spec.pairs and exact_pairs),
 * on an engine that plans a statement for its values only when asked (PostgreSQL; SQLite's
 * statements are prepared once whatever they say, and keep their texts). Each part of a nullable
 * sort then reads its rows from that index (page_ids: the NULLs' part names the column in its
 * order), so the generic plan is right for an owner of any size. Planning the page of
 * status=applied&sort=-salary_max was 0.8-0.9 ms of its request at 100,000 jobs, its generic
 * plan 0.04 ms (docs/performance.md, PostgreSQL's salary-order lists); planning the page of
 * /applications?sort=-applied_date 0.5-1.9 ms against 0.24-0.34 ms of execution (PostgreSQL's
 * date-sorted application pages). */
static bool exact_first_page(const struct store_conn *c, const struct list_query *q,
                             const struct list_hooks *h)
{
    if (*store_sql_no_index(c) || q->offset != 0 || q->nfilters > 1 ||
        (h && (h->nextra || h->where || h->order || h->total)))
        return false;
    if (q->nfilters == 0)
        return table_exact_sort(q);
    if (q->filters[0].op != FILTER_EQ && q->filters[0].op != FILTER_IEQ)
        return false;
    const struct list_pair *lists[2] = {q->spec->pairs, q->spec->exact_pairs};
    for (int i = 0; i < 2; i++)
        for (const struct list_pair *p = lists[i]; p && p->filter; p++)
            if (strcmp(p->filter, q->filters[0].column) == 0 && strcmp(p->sort, q->sort) == 0)
                return true;
    return false;
}

/* The (id, row_version) pairs of the page res for at (list_run): room for each row, or
 * NULL when t has no row_version. */
static int64_t *page_pairs(const struct table *t, const struct store_result *res, struct arena *a,
                           int cols[2])
{
    cols[0] = store_colindex(res, "id");
    cols[1] = store_colindex(res, VERSION);
    if (!table_versioned(t) || cols[0] < 0 || cols[1] < 0)
        return NULL;
    return arena_alloc(a, (2 * store_rows(res) + 1) * sizeof(int64_t));
}

/* Keeps row i of res as the next pair; false (nothing kept) when either value is NULL. */
static bool page_pair(const struct store_result *res, size_t i, const int cols[2], int64_t *pairs,
                      size_t n)
{
    if (store_isnull(res, i, cols[0]) || store_isnull(res, i, cols[1]))
        return false;
    pairs[2 * n] = store_int(res, i, cols[0]);
    pairs[2 * n + 1] = store_int(res, i, cols[1]);
    return true;
}

/* table_list, and in *at (when not NULL) the version and the rows' pairs (struct list_at). */
static int list_run(struct store_conn *c, const struct table *t, int64_t owner,
                    const struct list_query *q, const struct list_hooks *hooks, struct arena *a,
                    struct buf *items, int64_t *total, struct list_at *at, struct err *e)
{
    assert(t->name && q->sort && q->limit >= 1);
    assert(!hooks || hooks->nextra <= LIST_HOOK_PARAMS);
    const char *alias = hooks && hooks->alias ? hooks->alias : NULL;
    const char *prefix = alias ? arena_printf(a, "%s.", alias) : "";
    const char *from = alias ? arena_printf(a, "%s %s", t->name, alias) : t->name;
    /* the owner's row count steers the plan below (the share of rows that match) where the
     * engine takes hints (SQLite's no-index prefix) or a range has its pair index; elsewhere
     * (PostgreSQL's search and other filters) the count's extra read of the counters is saved
     * (the counters of a user with 100,000 jobs: 884 pages after seeding, 0.6 ms), and so on
     * SQLite where an equality with its pair index decides the plan alone and no search needs
     * the count (`company=`: the sum of 1,133 counter rows, 71 us at 100,000 jobs, was most of
     * its count) */
    int pair = table_paired_filter(q);
    bool pair_range =
        pair >= 0 && (q->filters[pair].op == FILTER_GE || q->filters[pair].op == FILTER_LE);
    bool want_all =
        !(hooks && hooks->order) && ((*store_sql_no_index(c) && (pair < 0 || pair_range)) ||
                                     table_has_fulltext(q) || pair_range);
    struct store_value params[3 * (LIST_MAX_FILTERS + LIST_HOOK_PARAMS) + 8];
    struct buf sql;
    buf_init(&sql);
    buf_grow(&sql, 2048); /* the column list alone is 700 bytes for jobs: one block, not five */
    int n = 0;
    buf_puts(&sql, "SELECT "); /* written in place: buf_printf of this text was 1% of a list */
    table_columns_into(&sql, t, alias ? prefix : NULL);
    if (hooks && hooks->extra_columns) {
        buf_printf(&sql, ", %s", hooks->extra_columns);
        for (int i = 0; i < hooks->nextra; i++)
            params[n++] = hooks->extra_params[i];
    }
    buf_puts(&sql, " FROM ");
    buf_puts(&sql, from);
    const char *order = hooks && hooks->order
                            ? hooks->order(hooks->ctx, q, a)
                            : default_order(t, q, prefix, table_sort_rank(c, t, q, prefix, a), a);
    const char *dir = q->desc ? "DESC" : "ASC";
    /* an order of the hook's own, or a page read in one query (table_page_in_one_query) whatever
     * the count: its text does not depend on the count, so both go in one batch (one round trip on
     * PostgreSQL) */
    bool one_query = (hooks && hooks->order) || table_page_in_one_query(c, t, q, hooks, -1, -1);
    bool fixed = one_query && fixed_page(q, hooks);
    if (one_query)
        n += one_query_tail(c, t, owner, q, hooks, prefix, order, fixed, a, &sql, params + n);
    /* planned for the values: a generic plan knows neither the LIMIT nor how many rows the
     * filters match (for the first page of 100k jobs it scans them all: 214 ms, not 0.2);
     * but for a fixed_page */
    struct store_stmt page_stmt = {sql.data, params, n, !fixed};
    struct store_result *res = NULL;
    bool batched = one_query && !(hooks && hooks->total);
    /* the count, and what it tells the page (a search read as a set of ids, when the engine
     * can and the page is read after the count: table_list_total) */
    struct list_plan plan = {.t = t,
                             .owner = owner,
                             .q = q,
                             .h = hooks,
                             .from = from,
                             .prefix = prefix,
                             .want_all = want_all,
                             .want_ids = !one_query,
                             .all = -1,
                             .ids = SV_NULL,
                             .version = -1};
    int rc = hooks && hooks->total
                 ? hooks->total(hooks->ctx, c, owner, &plan.total, e)
                 : table_list_total(c, &plan, batched ? &page_stmt : NULL, &res, a, e);
    if (rc == 0)
        *total = plan.total;
    if (at)
        *at = (struct list_at){rc == 0 ? plan.version : -1, NULL, 0};
    /* nothing on this page: no need to look (a batched page's rows, read in a statement of its
     * own, are left unread as they would have been) */
    bool look = rc == 0 && plan.total > q->offset;
    /* a sparse search whose order is kept beside its total: the page is a slice of it; or a
     * dense one's kept page (kept_page_key), else its key to keep the page read below under */
    bool kept = false;
    char page_key[LIST_TOTALS_KEY] = "";
    if (look && !one_query) {
        rc = table_kept_order_page(c, &plan, pair, sql.data, order, a, &res, page_key, e);
        kept = rc == 0;
        if (rc == 1)
            rc = 0;
        look = rc == 0;
    }
    char sorted[320];
    bool index_page = look && !one_query && !kept &&
                      table_fulltext_index_page(c, t, owner, q, hooks, plan.total, plan.all, sorted,
                                                sizeof sorted);
    if (index_page) {
        /* the page's ids from the full-text index's own rows, then those rows of the table */
        buf_printf(&sql, " WHERE %sid IN (%s) ORDER BY %s, %sid %s", prefix, sorted, order, prefix,
                   dir);
        params[n++] = SV_INT(owner);
        params[n++] = q->filters[0].value;
        params[n++] = SV_INT(q->limit);
        params[n++] = SV_INT(q->offset);
    }
    bool after_count = look && !one_query && !index_page && !kept &&
                       table_page_in_one_query(c, t, q, hooks, plan.total, plan.all);
    /* a search's first page read in one query once its count showed many matches: on an engine
     * whose only way to the matches from the table is the walk of the sort index (the words'
     * index in a side table: store_fulltext_count_fixed), one plan whatever the words, so it is
     * planned once per connection (as fixed_page): parse and planning were 0.6-0.8 ms of
     * `q=kubernetes` on PostgreSQL at 100,000 jobs */
    bool after_fixed =
        after_count && q->offset == 0 && !hooks && store_fulltext_count_fixed(c, t->name);
    if (after_count)
        n += one_query_tail(c, t, owner, q, hooks, prefix, order, after_fixed, a, &sql, params + n);
    bool exact =
        look && !one_query && !after_count && !index_page && !kept && exact_first_page(c, q, hooks);
    if (look && !one_query && !after_count && !index_page && !kept) {
        buf_printf(&sql, " WHERE %sid IN (", prefix);
        n += table_page_ids_query(c, &plan, q, pair, exact, a, &sql, params + n);
        buf_printf(&sql, ") ORDER BY %s, %sid %s", order, prefix, dir);
    }
    if (look && !batched && !kept)
        rc = fixed || exact || after_fixed ? store_exec(c, sql.data, params, n, &res, e)
                                           : store_exec_custom(c, sql.data, params, n, &res, e);
    if (look && rc == 0 && !kept && page_key[0])
        rc = table_kept_page_put(c, &plan, page_key, res, a, e);
    buf_free(&sql);
    if (look && rc == 0 && hooks && hooks->page)
        rc = hooks->page(hooks->ctx, c, res, a, e);
    if (rc || !look) {
        store_result_free(res);
        if (rc == 0)
            buf_puts(items, "[]"); /* nothing on this page */
        if (rc == 0 && at && table_versioned(t))
            at->pairs = arena_alloc(a, sizeof *at->pairs); /* none */
        return rc;
    }
    /* the rows as text (table_row_text), their columns' fields looked up once */
    struct table_layout layout;
    table_text_layout(t, res, a, &layout);
    size_t written = 0;
    int cols[2] = {-1, -1};
    int64_t *pairs = at ? page_pairs(t, res, a, cols) : NULL;
    buf_putc(items, '[');
    for (size_t i = 0; i < store_rows(res); i++) {
        json_t *obj = hooks && hooks->row ? hooks->row(hooks->ctx, res, i) : NULL;
        if (hooks && hooks->row && obj == NULL)
            continue; /* as json_array_append_new(array, NULL): no item */
        if (pairs && !page_pair(res, i, cols, pairs, written))
            pairs = NULL;
        buf_puts(items, written++ ? "," : "");
        if (obj) {
            json_write_compact(items, obj, 15);
            json_decref(obj);
            continue;
        }
        buf_putc(items, '{');
        table_row_members(layout.fields, layout.keys, res, i, items);
        if (hooks && hooks->members)
            hooks->members(hooks->ctx, res, i, items);
        buf_putc(items, '}');
    }
    buf_putc(items, ']');
    store_result_free(res);
    if (at) {
        at->pairs = pairs;
        at->rows = pairs ? written : 0;
    }
    return 0;
}

int table_list(struct store_conn *c, const struct table *t, int64_t owner,
               const struct list_query *q, const struct list_hooks *hooks, struct arena *a,
               struct buf *items, int64_t *total, struct err *e)
{
    return list_run(c, t, owner, q, hooks, a, items, total, NULL, e);
}

int table_list_params(struct store_conn *c, const struct table *t, const struct list_spec *spec,
                      int64_t owner, const struct list_params *p, const struct list_hooks *hooks,
                      struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    return table_list_params_at(c, t, spec, owner, p, hooks, a, items, total, NULL, e);
}

int table_list_params_at(struct store_conn *c, const struct table *t, const struct list_spec *spec,
                         int64_t owner, const struct list_params *p, const struct list_hooks *hooks,
                         struct arena *a, struct buf *items, int64_t *total, struct list_at *at,
                         struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, t, spec, p, a, &q, e);
    return rc ? rc : list_run(c, t, owner, &q, hooks, a, items, total, at, e);
}
