/*
 * This file implements the count of a list (table_list_total): a total read from the counters
 * (per value, per combination, per day), or counted over the matches and kept at the owner's
 * data version (list_totals.h), a search's matches read as a set of ids on SQLite, and the
 * bound on the sort column that the per-day counters give a date range (table_days_bound).
 */
#include "table_internal.h"

#include <stdio.h>
#include <string.h>

#include "../lib/buf.h"

/* True when the total can be read from the counters: an owner, no hook conditions, and every
 * filter an equality on one of the counters' columns. */
static bool counted(int64_t owner, const struct list_query *q, const struct list_hooks *h)
{
    if (!owner || !q->spec->counts || (h && h->where))
        return false;
    for (int i = 0; i < q->nfilters; i++) {
        bool found = false;
        for (const char *const *col = q->spec->counts->columns; *col && !found; col++)
            found = q->filters[i].op == FILTER_EQ && strcmp(*col, q->filters[i].column) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* The column whose per-day counters give the total of q (every filter a range or an equality
 * on it, an owner, no hook conditions), or NULL. */
const char *table_date_counted(int64_t owner, const struct list_query *q,
                               const struct list_hooks *h)
{
    if (!owner || !q->spec->date_counts || (h && h->where) || q->nfilters == 0)
        return NULL;
    const char *column = NULL;
    for (const char *const *col = q->spec->date_counts->columns; *col && !column; col++)
        if (strcmp(*col, q->filters[0].column ? q->filters[0].column : "") == 0)
            column = *col;
    for (int i = 0; column && i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        if ((f->op != FILTER_EQ && f->op != FILTER_GE && f->op != FILTER_LE) ||
            strcmp(f->column, column) != 0)
            return NULL;
    }
    return column;
}

/* Appends to sql " AND day op ?" for each of q's filters (all on one date column:
 * table_date_counted) and their values to params, day naming the per-day counters' day column;
 * returns the number of values added. */
static int day_conditions(struct buf *sql, const struct list_query *q, const char *day,
                          struct store_value *params)
{
    for (int i = 0; i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        const char *op = f->op == FILTER_EQ ? "=" : f->op == FILTER_GE ? ">=" : "<=";
        buf_printf(sql, " AND %s %s ?", day, op);
        params[i] = f->value;
    }
    return q->nfilters;
}

/* Appends to sql (after glue) a bound on q's sort column that every row matching q's date
 * ranges keeps (q as table_date_counted tells, sorted on a column that is never NULL, with a pair
 * index (owner, date column, sort column)): at most the newest sort value of the matches in a
 * descending list, at least the oldest in an ascending one. The days the ranges hold come from
 * the per-day counters (list_spec.date_counts, one row per day) and each day's newest (oldest)
 * value from the pair index in one step, so a walk of the sort index starts at the first
 * match instead of passing every row on the far side of the ranges: a cost bounded by the days,
 * not by the rows (days_bounded). Returns the number of values added to params. */
int table_days_bound(const struct table *t, int64_t owner, const struct list_query *q,
                     const char *prefix, const char *glue, struct buf *sql,
                     struct store_value *params)
{
    const char *column = q->filters[0].column, *dir = q->desc ? "DESC" : "ASC";
    int n = 0;
    buf_printf(sql,
               "%s%s%s %s (SELECT %s((SELECT bound_row.%s FROM %s bound_row "
               "WHERE bound_row.user_id = bound_day.user_id AND bound_row.%s = bound_day.day "
               "ORDER BY bound_row.%s %s LIMIT 1)) FROM %s bound_day "
               "WHERE bound_day.user_id = ? AND bound_day.kind = ?",
               glue, prefix, q->sort, q->desc ? "<=" : ">=", q->desc ? "MAX" : "MIN", q->sort,
               t->name, column, q->sort, dir, q->spec->date_counts->table);
    params[n++] = SV_INT(owner);
    params[n++] = SV_TEXT(column);
    n += day_conditions(sql, q, "bound_day.day", params + n);
    buf_putc(sql, ')');
    return n;
}

/* Appends to sql a scalar subquery: the owner's rows that the equality filters (on counted
 * columns) match, every one but the skip-th (-1: none skipped), from the counters, and its
 * values to params; returns the number of values added. With per-value counters
 * (list_counts.values) and one such filter or none, one row of those read by key; else the sum
 * of the owner's counter rows of the combinations that match (1,133 rows for 100,000 jobs). */
static int counted_rows(struct buf *sql, const struct list_counts *counts,
                        const struct list_filter *filters, int nfilters, int skip, int64_t owner,
                        struct store_value *params)
{
    int n = 0, used = 0, only = -1;
    for (int i = 0; i < nfilters; i++)
        if (i != skip) {
            used++;
            only = i;
        }
    params[n++] = SV_INT(owner);
    if (counts->values && used == 0) {
        buf_printf(sql,
                   "COALESCE((SELECT n FROM %s WHERE user_id = ? AND kind = '' AND value = ''), 0)",
                   counts->values);
        return n;
    }
    if (counts->values && used == 1) {
        buf_printf(sql,
                   "COALESCE((SELECT n FROM %s WHERE user_id = ? AND kind = ? AND value = ?), 0)",
                   counts->values);
        params[n++] = SV_TEXT(filters[only].column);
        params[n++] = filters[only].value;
        return n;
    }
    buf_printf(sql, "(SELECT COALESCE(SUM(n), 0) FROM %s WHERE user_id = ?", counts->table);
    for (int i = 0; i < nfilters; i++) {
        if (i == skip)
            continue;
        buf_printf(sql, " AND %s = ?", filters[i].column);
        params[n++] = filters[i].value;
    }
    buf_putc(sql, ')');
    return n;
}

/* Appends to sql the select-list item ", the owner's row count" (counted_rows of no filter) and
 * its values to params; returns the number of values added. */
static int owner_rows_item(struct buf *sql, const char *before, const struct list_query *q,
                           int64_t owner, struct store_value *params)
{
    buf_puts(sql, before);
    return counted_rows(sql, q->spec->counts, NULL, 0, -1, owner, params);
}

/* The number of q's full-text filter when each of its other filters (one at least) is an
 * equality the counters count (so the counters tell how many rows the others match), else -1. */
static int fulltext_beside_counted(int64_t owner, const struct list_query *q,
                                   const struct list_hooks *h)
{
    if (!owner || !q->spec->counts || (h && h->where) || q->nfilters < 2)
        return -1;
    int fi = -1;
    for (int i = 0; i < q->nfilters; i++) {
        bool found = false;
        if (q->filters[i].op == FILTER_FULLTEXT && fi < 0) {
            fi = i;
            continue;
        }
        for (const char *const *col = q->spec->counts->columns; *col && !found; col++)
            found = q->filters[i].op == FILTER_EQ && strcmp(*col, q->filters[i].column) == 0;
        if (!found)
            return -1;
    }
    return fi;
}

/* Appends ", (the list spec's version) AS v" to sql and its value to params (1 value). */
static int version_item(struct buf *sql, const struct list_query *q, int64_t owner,
                        struct store_value *params)
{
    buf_printf(sql, ", (%s) AS v", q->spec->version);
    params[0] = SV_INT(owner);
    return 1;
}

/* The key of q's total in the kept totals (list_totals.h): t's name, then each filter (in the
 * list spec's order, as list_filter adds them) with its column, operator and value, a text
 * value after its length; false when it does not fit in LIST_TOTALS_KEY or a value is neither
 * text nor an integer. */
bool table_totals_key(const struct table *t, const struct list_query *q, char key[LIST_TOTALS_KEY])
{
    int len = snprintf(key, LIST_TOTALS_KEY, "%s", t->name);
    for (int i = 0; i < q->nfilters && len >= 0 && len < LIST_TOTALS_KEY; i++) {
        const struct list_filter *f = &q->filters[i];
        size_t room = LIST_TOTALS_KEY - (size_t)len;
        const char *column = f->column ? f->column : "";
        if (f->value.type == STORE_TEXT)
            len += snprintf(key + len, room, "\n%s %d %zu:%s", column, (int)f->op,
                            strlen(f->value.s), f->value.s);
        else if (f->value.type == STORE_INT)
            len += snprintf(key + len, room, "\n%s %d i%lld", column, (int)f->op,
                            (long long)f->value.i);
        else
            return false;
    }
    return len >= 0 && len < LIST_TOTALS_KEY;
}

/* A total being counted that may be kept at the owner's data version (list_totals.h): what is
 * kept for its key, and (kept_check) whether the version read beside the count is the kept
 * one. The counting statement reads the version as kv.v. */
struct kept_total {
    bool keep;    /* the total is kept (it has a key and the list spec a version) */
    bool found;   /* one is kept: version, total, all (and ids) */
    bool hit;     /* the version read now is the kept one: the kept total is this snapshot's */
    bool hit_all; /* and the kept owner's rows too */
    int64_t version, total, all;
    const void *ids; /* the kept set of ids (a copy in the arena), when asked for */
    size_t ids_len;
    char key[LIST_TOTALS_KEY];
};

/* Looks q's kept total up when keep (and q has a key), with its set of ids when ids. */
static void kept_find(struct kept_total *k, bool keep, int64_t owner, const struct table *t,
                      const struct list_query *q, struct arena *a, bool ids)
{
    *k = (struct kept_total){.all = -1};
    k->keep = keep && q->spec->version && table_totals_key(t, q, k->key);
    k->found = k->keep && list_totals_get(owner, k->key, &k->version, &k->total, &k->all, a,
                                          ids ? &k->ids : NULL, &k->ids_len);
}

/* Appends "WHEN kv.v = ? THEN NULL " (the count's CASE arm that skips it while the version is
 * the kept one) to sql and its value to params; returns 1. */
static int kept_when(const struct kept_total *k, struct buf *sql, struct store_value *params)
{
    buf_puts(sql, "WHEN kv.v = ? THEN NULL ");
    params[0] = k->found ? SV_INT(k->version) : SV_NULL;
    return 1;
}

/* Appends ", the owner's row count" (owner_rows_item) to sql, skipped as kept_when does when it
 * is kept; returns the number of values added to params. */
static int kept_all_item(const struct kept_total *k, struct buf *sql, const struct list_query *q,
                         int64_t owner, struct store_value *params)
{
    if (!k->keep)
        return owner_rows_item(sql, ", ", q, owner, params);
    buf_puts(sql, ", CASE WHEN kv.v = ? THEN NULL ELSE ");
    params[0] = k->found && k->all >= 0 ? SV_INT(k->version) : SV_NULL;
    int n = 1 + owner_rows_item(sql, "", q, owner, params + 1);
    buf_puts(sql, " END");
    return n;
}

/* Reads the version the statement read (column vcol of res) against the kept one. */
static void kept_check(struct kept_total *k, const struct store_result *res, int vcol)
{
    k->hit = k->found && !store_isnull(res, 0, vcol) && store_int(res, 0, vcol) == k->version;
    k->hit_all = k->hit && k->all >= 0;
}

/* Keeps total and all (and the set ids[0..len)) at the version res read (column vcol), unless
 * what is kept was already all of it (want_all: the owner's rows were asked for). */
static void kept_put(const struct kept_total *k, int64_t owner, const struct store_result *res,
                     int vcol, bool want_all, int64_t total, int64_t all, const void *ids,
                     size_t len)
{
    if (k->keep && !store_isnull(res, 0, vcol) && !(k->hit && (k->hit_all || !want_all)))
        list_totals_put(owner, k->key, store_int(res, 0, vcol), total, all, ids, len);
}

/* The total of a search beside other filters the counters count (fulltext_beside_counted: fi),
 * when the engine reads a search as a set of ids: the set first (the search alone,
 * table_list_total), then the rows matching the other filters counted from their index, each id
 * looked up in the set, while those rows are at most LIST_SET_PER_ROW times the matches (the
 * counters tell how many they are); past that (a rare word beside a broad filter) the matches drive
 * the count as before. Fills p's ids, ids_drive, total and all (as table_list_total). Returns 1
 * when the engine has no sets (nothing done), else 0 or ERR_*. */
static int fulltext_set_total(struct store_conn *c, struct list_plan *p, int fi, struct arena *a,
                              struct err *e)
{
    const struct table *t = p->t;
    const struct list_query *q = p->q;
    int64_t owner = p->owner;
    const char *prefix = p->prefix;
    char probe[256];
    if (!store_sql_fulltext_ids(c, t->name, false, probe, sizeof probe))
        return 1; /* no sets on this engine (PostgreSQL): nothing read */
    struct list_query words = *q;
    words.filters[0] = q->filters[fi];
    words.nfilters = 1;
    /* the search alone: its set of matches, and their number */
    struct list_plan alone = *p;
    alone.q = &words;
    alone.h = NULL;
    alone.want_all = false;
    alone.all = -1;
    int rc = table_list_total(c, &alone, NULL, NULL, a, e);
    if (rc)
        return rc;
    p->ids = alone.ids;
    int64_t matches = alone.total;
    if (matches == 0) { /* nothing matches the words: nothing matches them all */
        p->total = 0;
        p->all = -1;
        return 0;
    }
    struct store_value params[3 * LIST_MAX_FILTERS + 10];
    int n = 0;
    struct buf sql;
    buf_init(&sql);
    /* the total kept at the owner's version now (list_totals.h), as table_list_total's */
    struct kept_total k;
    kept_find(&k, true, owner, t, q, a, false);
    bool want_all = p->want_all && q->spec->counts;
    buf_puts(&sql, "SELECT CASE ");
    if (k.keep)
        n += kept_when(&k, &sql, params + n);
    /* the other filters' rows (from the counters) decide, and come back beside the total */
    buf_printf(&sql, "WHEN rows <= ? THEN (SELECT COUNT(*) FROM %s", p->from);
    int64_t bound = matches * LIST_SET_PER_ROW;
    params[n++] = SV_INT(bound);
    struct where_style ws = {"", NULL, NULL, 0, false, &p->ids};
    n += table_where_clause(c, t, owner, q, NULL, prefix, &ws, a, &sql, params + n);
    buf_printf(&sql, ") ELSE (SELECT COUNT(*) FROM %s", p->from);
    struct where_style drive = {"", NULL, NULL, 0, false, &p->ids, true};
    n += table_where_clause(c, t, owner, q, NULL, prefix, &drive, a, &sql, params + n);
    buf_puts(&sql, ") END, rows");
    if (want_all)
        n += kept_all_item(&k, &sql, q, owner, params + n);
    if (k.keep)
        buf_puts(&sql, ", kv.v");
    buf_puts(&sql, " FROM (SELECT ");
    n += counted_rows(&sql, q->spec->counts, q->filters, q->nfilters, fi, owner, params + n);
    buf_puts(&sql, " AS rows");
    if (k.keep) {
        buf_printf(&sql, ", (%s) AS v", q->spec->version);
        params[n++] = SV_INT(owner);
    }
    buf_puts(&sql, ") AS kv");
    struct store_result *res = NULL;
    rc = store_exec_custom(c, sql.data, params, n, &res, e);
    int vcol = want_all ? 3 : 2;
    if (rc == 0) {
        kept_check(&k, res, vcol);
        p->total = k.hit ? k.total : store_int(res, 0, 0);
        p->all = !want_all ? -1 : k.hit_all ? k.all : store_int(res, 0, 2);
        p->ids_drive = store_int(res, 0, 1) > bound; /* so the page too */
        /* kept only when the set was read at the same version (a statement of its own: a
         * write may have come between them outside a read transaction) */
        if (!store_isnull(res, 0, vcol) && store_int(res, 0, vcol) == alone.version)
            kept_put(&k, owner, res, vcol, want_all, p->total, p->all, NULL, 0);
    }
    store_result_free(res);
    buf_free(&sql);
    return rc;
}

/* p->total (the rows matching p->q) and p->all (the owner's rows; -1 when no counters tell it,
 * or when p->want_all is false and telling it would cost a read of its own). When page is not
 * NULL it is run in the same batch as the count (store_exec_batch: one round trip on
 * PostgreSQL) and *page_rows receives its result. When p->want_ids and q is a search the
 * engine can answer as a set of ids (store_sql_fulltext_ids), the matches are read as that
 * set, counted by its size, and p->ids receives it (a BLOB in a), for the page to ask instead
 * of walking the words' lists again; also beside filters the counters count
 * (fulltext_set_total), where p->ids_drive tells the page to list the set's ids when its
 * matches are few beside those filters' rows. Else p->ids is left as it is.
 * A total that reads the matches (a search, or filters the counters do not hold) is kept with
 * the owner's data version where the list spec has one (list_totals.h), with the set of a
 * search read as one: the statement reads the version and counts only when it moved. */
int table_list_total(struct store_conn *c, struct list_plan *p, const struct store_stmt *page,
                     struct store_result **page_rows, struct arena *a, struct err *e)
{
    const struct table *t = p->t;
    const struct list_query *q = p->q;
    const struct list_hooks *h = p->h;
    int64_t owner = p->owner;
    const char *from = p->from, *prefix = p->prefix;
    int fi = p->want_ids && !page ? fulltext_beside_counted(owner, q, h) : -1;
    if (fi >= 0) {
        int rc = fulltext_set_total(c, p, fi, a, e);
        if (rc != 1)
            return rc;
        p->ids = SV_NULL; /* no sets on this engine: counted below */
    }
    struct store_value params[LIST_MAX_FILTERS + LIST_HOOK_PARAMS + 8];
    struct buf sql;
    buf_init(&sql);
    int n = 0;
    bool from_counts = counted(owner, q, h);
    bool want_all = p->want_all && owner && q->spec->counts;
    const char *day_column = NULL;
    /* the full-text statements, written in the block below and read after it: fts_count and
     * every_count point into them */
    // cppcheck-suppress variableScope ; the pointers into them outlive the block
    char fts[256], fts_every[256];
    const char *fts_count = NULL, *every_count = NULL;
    bool as_ids = false;
    if (owner && !(h && h->where) && q->nfilters == 1 && q->filters[0].op == FILTER_FULLTEXT) {
        /* the same statements either way: a count of the matches or the set of them */
        as_ids = p->want_ids && store_sql_fulltext_ids(c, t->name, false, fts, sizeof fts);
        fts_count = as_ids ? fts : store_sql_fulltext_count(c, t->name, false, fts, sizeof fts);
        if (fts_count && q->spec->counts)
            every_count =
                as_ids ? store_sql_fulltext_ids(c, t->name, true, fts_every, sizeof fts_every)
                       : store_sql_fulltext_count(c, t->name, true, fts_every, sizeof fts_every);
    }
    if (!fts_count)
        day_column = table_date_counted(owner, q, h);
    /* a total from the counters, of a list that may keep its order (kept_order_key): the
     * version is read in the same statement, as a kept total's is */
    bool order_version = !fts_count && q->nfilters > 0 && (day_column ? want_all : from_counts) &&
                         p->want_ids && table_may_keep_order(owner, q, h);
    /* a total that reads the matches, kept at the owner's version now (list_totals.h):
     * counted only when none is kept or the version moved */
    struct kept_total k;
    kept_find(&k,
              owner && !(h && h->where) && q->nfilters > 0 &&
                  (fts_count || !(day_column || from_counts)),
              owner, t, q, a, as_ids);
    if (fts_count || !(day_column || from_counts)) {
        if (k.keep) {
            buf_puts(&sql, "SELECT CASE ");
            n += kept_when(&k, &sql, params + n);
            buf_puts(&sql, "ELSE (");
        } else {
            buf_puts(&sql, "SELECT (");
        }
        if (every_count) {
            /* the search alone, and the counters tell whether anyone else owns a row (a
             * counter row exists for each owner with a row): if not, every owner's matches are
             * the owner's, counted without the owner's list (a database of one user) */
            buf_printf(&sql,
                       "SELECT CASE WHEN EXISTS (SELECT 1 FROM %s WHERE user_id < ? OR user_id > "
                       "?) THEN (%s) ELSE (%s) END",
                       q->spec->counts->table, fts_count, every_count);
            params[n++] = SV_INT(owner);
            params[n++] = SV_INT(owner);
            params[n++] = SV_INT(owner);
            params[n++] = q->filters[0].value;
            params[n++] = q->filters[0].value;
        } else if (fts_count) { /* the search alone: the index counts the owner's matches */
            buf_puts(&sql, fts_count);
            params[n++] = SV_INT(owner);
            params[n++] = q->filters[0].value;
        } else {
            /* every match counted: a full-text filter found through its index */
            const struct where_style count_style = {"", NULL, NULL, 0, true};
            buf_printf(&sql, "SELECT COUNT(*) FROM %s", from);
            n += table_where_clause(c, t, owner, q, h, prefix, &count_style, a, &sql, params + n);
        }
        buf_puts(&sql, k.keep ? ") END" : ")");
        if (want_all)
            n += kept_all_item(&k, &sql, q, owner, params + n);
        if (k.keep) {
            buf_printf(&sql, ", kv.v FROM (SELECT (%s) AS v) AS kv", q->spec->version);
            params[n++] = SV_INT(owner);
        }
    } else if (day_column) {
        /* ranges of one date column: the days' counters (a row per day, not per match) */
        buf_printf(&sql, "SELECT COALESCE(SUM(n), 0)");
        if (want_all)
            n += owner_rows_item(&sql, ", ", q, owner, params + n);
        if (order_version)
            n += version_item(&sql, q, owner, params + n);
        buf_printf(&sql, " FROM %s WHERE user_id = ? AND kind = ?", q->spec->date_counts->table);
        params[n++] = SV_INT(owner);
        params[n++] = SV_TEXT(day_column);
        n += day_conditions(&sql, q, "day", params + n);
    } else if (q->spec->counts->values && q->nfilters <= 1) {
        /* one filter at most: its value's row and the owner's row of the per-value counters
         * (two lookups by key, not a sum over every combination) */
        const char *values = q->spec->counts->values;
        if (q->nfilters == 1) {
            buf_printf(&sql,
                       "SELECT COALESCE((SELECT n FROM %s WHERE user_id = ? AND kind = ? AND "
                       "value = ?), 0), ",
                       values);
            params[n++] = SV_INT(owner);
            params[n++] = SV_TEXT(q->filters[0].column);
            params[n++] = q->filters[0].value;
        } else {
            buf_puts(&sql, "SELECT all_rows, ");
        }
        buf_puts(&sql, "all_rows");
        if (order_version)
            n += version_item(&sql, q, owner, params + n);
        buf_printf(&sql,
                   " FROM (SELECT COALESCE((SELECT n FROM %s WHERE user_id = ? AND kind = '' AND "
                   "value = ''), 0) AS all_rows) AS owner_rows",
                   values);
        params[n++] = SV_INT(owner);
    } else {
        buf_puts(&sql, "SELECT COALESCE(SUM(CASE WHEN 1 = 1");
        for (int i = 0; i < q->nfilters; i++) {
            buf_printf(&sql, " AND %s = ?", q->filters[i].column);
            params[n++] = q->filters[i].value;
        }
        buf_puts(&sql, " THEN n END), 0), COALESCE(SUM(n), 0)");
        if (order_version)
            n += version_item(&sql, q, owner, params + n);
        buf_puts(&sql, " FROM ");
        buf_puts(&sql, q->spec->counts->table);
        buf_puts(&sql, " WHERE user_id = ?");
        params[n++] = SV_INT(owner);
    }
    /* a count over the rows is planned for the filters' values (how many rows they match
     * decides the plan); the counts tables' rows of the owner are a lookup by key, and so is a
     * search's count whose plan cannot depend on them (store_fulltext_count_fixed: its 0.14 ms
     * of planning on every PostgreSQL search, kept total or not, was a tenth of the request) */
    bool fixed_count =
        fts_count && !as_ids && !every_count && store_fulltext_count_fixed(c, t->name);
    struct store_stmt stmts[2] = {
        {sql.data, params, n, !fixed_count && (fts_count || !(from_counts || day_column))}};
    struct store_result *results[2] = {NULL, NULL};
    if (page)
        stmts[1] = *page;
    int rc = store_exec_batch(c, stmts, page ? 2 : 1, results, e);
    struct store_result *res = results[0];
    if (page)
        *page_rows = results[1];
    int vcol = want_all ? 2 : 1;
    if (rc == 0) {
        /* the version read now is the kept one: the total (and the set) kept are this
         * snapshot's */
        kept_check(&k, res, vcol);
        p->version = k.keep && !store_isnull(res, 0, vcol) ? store_int(res, 0, vcol) : -1;
        /* a total from the counters, the version read beside it (its last column) */
        int ocol = store_cols(res) - 1;
        if (order_version && !store_isnull(res, 0, ocol))
            p->version = store_int(res, 0, ocol);
        if (k.hit)
            p->total = k.total;
        else
            p->total = as_ids ? store_ids_count(res, 0, 0) : store_int(res, 0, 0);
        if (from_counts || (day_column && want_all))
            p->all = store_int(res, 0, 1);
        else if (day_column)
            p->all = 0;
        else if (want_all)
            p->all = k.hit_all ? k.all : store_int(res, 0, 1);
        else
            p->all = -1;
    }
    if (rc == 0 && as_ids && k.hit) {
        p->ids = SV_BLOB(k.ids, k.ids_len);
    } else if (rc == 0 && as_ids) {
        size_t len = store_length(res, 0, 0);
        char *copy = arena_alloc(a, len ? len : 1);
        memcpy(copy, store_text(res, 0, 0), len);
        p->ids = SV_BLOB(copy, len);
    }
    if (rc == 0)
        kept_put(&k, owner, res, vcol, want_all, p->total, p->all, as_ids ? p->ids.s : NULL,
                 as_ids ? p->ids.n : 0);
    store_result_free(res);
    buf_free(&sql);
    return rc;
}
