/*
 * This file implements how the page of a list is read, chosen from what its count found out
 * (struct list_plan): in one query with its order, from the full-text index's own rows, or its
 * ids first (table_page_ids_query: which index serves the filters and which the order, a
 * nullable sort column read in two parts, a search's matches behind a fence on PostgreSQL).
 */
#include "table_internal.h"

#include <assert.h>
#include <string.h>

#include "../lib/buf.h"

/* The number of the filter of q that has an index with the sort column (a list_pair; an
 * equality before a range), or -1. */
int table_paired_filter(const struct list_query *q)
{
    int found = -1;
    for (int i = 0; q->spec->pairs && i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        if (f->op == FILTER_FULLTEXT || f->op == FILTER_CONTAINS)
            continue;
        for (const struct list_pair *p = q->spec->pairs; p->filter; p++) {
            if (strcmp(p->filter, f->column) || strcmp(p->sort, q->sort))
                continue;
            bool range = f->op == FILTER_GE || f->op == FILTER_LE;
            if (found < 0 || (!range && (q->filters[found].op == FILTER_GE ||
                                         q->filters[found].op == FILTER_LE)))
                found = i;
        }
    }
    return found;
}

/* True when one of q's filters is a full-text search. */
bool table_has_fulltext(const struct list_query *q)
{
    for (int i = 0; i < q->nfilters; i++)
        if (q->filters[i].op == FILTER_FULLTEXT)
            return true;
    return false;
}

/* True when the sort column's index holds every filter's column (list_spec.covers). */
static bool covered(const struct list_query *q)
{
    for (int i = 0; i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        bool found = false;
        if (f->op == FILTER_FULLTEXT || f->op == FILTER_CONTAINS)
            return false;
        for (const struct list_pair *p = q->spec->covers; p && p->filter && !found; p++)
            found = strcmp(p->filter, f->column) == 0 && strcmp(p->sort, q->sort) == 0;
        if (!found)
            return false;
    }
    return q->nfilters > 0;
}

/* True when no row with a NULL sort column can match: a filter (or the hook) excludes them. */
static bool sort_not_null(const struct list_query *q, const struct list_hooks *h)
{
    for (int i = 0; i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        if ((f->op == FILTER_EQ || f->op == FILTER_GE || f->op == FILTER_LE) &&
            strcmp(f->column, q->sort) == 0)
            return true;
    }
    return h && h->sort_not_null;
}

/* True when the page of q, whose filters are ranges with a pair index (owner, column, sort),
 * can be read walking the sort index from table_days_bound: the filters are all on one date column
 * the per-day counters count (table_date_counted), the sort column's index holds that column (so
 * the walk checks it in the index: covered) and no row's sort column is NULL. Dates follow
 * creation, so a walk towards older rows reaches the matches of "to a date" only after every
 * newer row; the bound starts it at the newest match. Measured on SQLite (100,000 jobs, 20,000
 * applications, `applied_to=` 60 days back, descending): 366 us walking from the newest row, 50
 * from the bound; 44 and 44 at a tenth of the data. */
static bool days_bounded(const struct table *t, int64_t owner, const struct list_query *q,
                         const struct list_hooks *h)
{
    const struct field *sort = table_field(t, q->sort);
    return table_date_counted(owner, q, h) && covered(q) &&
           ((sort && (sort->flags & (F_NOTNULL | F_REQUIRED))) || sort_not_null(q, h));
}

/* True when filling the first `rows` rows of a list by walking its sort index over the owner's
 * `all` rows, `total` of which match, reads at most per_match rows per match: the walk reads
 * about rows * all / total rows, against total (all > 0). */
static bool walk_within(int64_t total, int64_t all, int64_t rows, double per_match)
{
    return (double)total * (double)total * per_match >= (double)rows * (double)all;
}

/* True when the page is read in one query, rows and order together, rather than its ids first
 * (WHERE id IN (the page's ids)): on the first page (no row skipped) of a list sorted on a
 * column that is never NULL, with no filter (the sort index gives exactly the page's rows) or
 * with a full-text filter on an engine whose match reads each candidate's row anyway
 * (store_fulltext_reads_row): on a list with counters once the count is known (total and all
 * >= 0) and shows enough matches that walking the sort index fills the page soon (a rare word's
 * matches come from the full-text index, sorted behind a fence: the ids' query,
 * LIST_WALK_PER_MATCH). The ids' query reads only an
 * index where rows are skipped or other filters are checked; elsewhere it saves nothing and
 * costs a second pass of the planner over the table and its indexes (PostgreSQL plans each
 * page for its values: jobs has 22 indexes, and a first page planned 0.36 ms in two passes
 * against 0.18 in one). Called with total < 0 before the count: true when it cannot change the
 * answer. */
bool table_page_in_one_query(const struct store_conn *c, const struct table *t,
                             const struct list_query *q, const struct list_hooks *h, int64_t total,
                             int64_t all)
{
    const struct field *sort = table_field(t, q->sort);
    if (q->offset != 0 || (h && h->where) || !sort || !(sort->flags & (F_NOTNULL | F_REQUIRED)))
        return false;
    for (int i = 0; i < q->nfilters; i++)
        if (q->filters[i].op != FILTER_FULLTEXT || !store_fulltext_reads_row(c))
            return false;
    if (q->nfilters == 0 || !q->spec->counts)
        return true; /* nothing for a count to decide */
    /* a search of a list with counters is read after its count: the count decides its plan (a
     * rare word's matches sorted behind a fence, LIST_WALK_PER_MATCH, where the planner would
     * read the whole sort index); one query when the matches are not rare */
    return total >= 0 && all > 0 && walk_within(total, all, q->limit, LIST_WALK_PER_MATCH);
}

/* True when q, a search alone of an owner's list that counted `total` of its `all` rows, takes
 * its page's ids from the full-text index's own rows (store_sql_fulltext_page, written into out:
 * the owner, the words, the LIMIT and the OFFSET to bind): where the engine's index keeps the sort
 * column and walking the sort index would read LIST_WALK_PER_SORTED rows or more per match. */
bool table_fulltext_index_page(const struct store_conn *c, const struct table *t, int64_t owner,
                               const struct list_query *q, const struct list_hooks *h,
                               int64_t total, int64_t all, char *out, size_t n)
{
    if (!owner || (h && h->where) || q->nfilters != 1 || q->filters[0].op != FILTER_FULLTEXT ||
        all <= 0 || walk_within(total, all, q->limit + q->offset, LIST_WALK_PER_SORTED))
        return false;
    return store_sql_fulltext_page(c, t->name, q->sort, q->desc, out, n) != NULL;
}

/* Appends " LIMIT limit OFFSET offset" to sql: the values bound (returns 2, or 1 with no offset
 * asked: offset < 0), or written in the text when fixed (no OFFSET when it is 0; returns 0). */
static int page_bounds(struct buf *sql, int64_t limit, int64_t offset, bool fixed,
                       struct store_value *params)
{
    if (fixed) {
        buf_puts(sql, " LIMIT ");
        buf_put_int(sql, limit);
        if (offset > 0) {
            buf_puts(sql, " OFFSET ");
            buf_put_int(sql, offset);
        }
        return 0;
    }
    buf_puts(sql, " LIMIT ?");
    params[0] = SV_INT(limit);
    if (offset < 0)
        return 1;
    buf_puts(sql, " OFFSET ?");
    params[1] = SV_INT(offset);
    return 2;
}

/* True when q, without filters, is sorted by one of list_spec.exact_sorts (a nullable column
 * with an index (owner, column, id) on PostgreSQL). */
bool table_exact_sort(const struct list_query *q)
{
    if (q->nfilters != 0)
        return false;
    for (const char *const *s = q->spec->exact_sorts; s && *s; s++)
        if (strcmp(*s, q->sort) == 0)
            return true;
    return false;
}

/* Appends the query of the page's ids in order: a nullable sort column is read in two parts,
 * not NULL then NULL, each in the order of an index on (owner, column), so NULLs come last in
 * both directions without sorting every row. One part when no NULL can match (sort_not_null),
 * or when the engine's own order already puts NULLs last in this direction (store_nulls_last:
 * descending on SQLite, ascending on PostgreSQL), which is the same order: the values, then the
 * NULLs by id in the sort's direction. One part reads a filter's matches once (a search's list
 * of matches is built once, not once per part). Returns the number of values added. */
static int page_ids(struct store_conn *c, const struct table *t, int64_t owner,
                    const struct list_query *q, const struct list_hooks *h, const char *from,
                    const char *prefix, const char *order_prefix, const struct where_style *ws,
                    struct arena *a, struct buf *sql, struct store_value *params)
{
    const char *dir = q->desc ? "DESC" : "ASC";
    const struct field *sort = table_field(t, q->sort);
    bool never_null = (sort && (sort->flags & (F_NOTNULL | F_REQUIRED))) || sort_not_null(q, h);
    bool one_part = never_null || store_nulls_last(c, q->desc);
    /* a value sort's key (table_sort_rank): its rank */
    const char *rank = table_sort_rank(c, t, q, prefix, a);
    const char *key = rank ? rank : arena_printf(a, "%s%s", prefix, q->sort);
    int n = 0;
    if (one_part && ws->sort_matches && !*store_sql_no_index(c)) {
        /* PostgreSQL: OFFSET 0 keeps the subquery whole (a fence), so the planner reads the
         * matches from the filter's index and sorts them instead of reading the sort index */
        buf_printf(sql, "SELECT id FROM (SELECT %sid AS id, %s AS k FROM %s", prefix, key, from);
        n += table_where_clause(c, t, owner, q, h, prefix, ws, a, sql, params + n);
        buf_printf(sql, " OFFSET 0) AS matches ORDER BY k %s, id %s", dir, dir);
        return n + page_bounds(sql, q->limit, q->offset, ws->fixed, params + n);
    }
    if (one_part) {
        buf_printf(sql, "SELECT %sid FROM %s", prefix, from);
        n += table_where_clause(c, t, owner, q, h, prefix, ws, a, sql, params + n);
        if (rank)
            buf_printf(sql, " ORDER BY %s, %sid %s",
                       table_sort_terms(q, rank, order_prefix, prefix, a), prefix, dir);
        else
            buf_printf(sql, " ORDER BY %s%s%s %s, %sid %s", order_prefix, prefix, q->sort, dir,
                       prefix, dir);
        return n + page_bounds(sql, q->limit, q->offset, ws->fixed, params + n);
    }
    assert(rank == NULL); /* the value sorts are never NULL */
    assert(!ws->extra);   /* the parts add their own condition */
    /* PostgreSQL: each part's matches read whole behind a fence and sorted, as above */
    bool fence = ws->sort_matches && !*store_sql_no_index(c);
    struct where_style part = {
        ws->filter_prefix, NULL, ws->owner_prefix, ws->indexed, fence, ws->ids, ws->ids_drive};
    part.fixed = ws->fixed;
    buf_printf(sql,
               "SELECT id FROM (SELECT * FROM (%sSELECT 0 AS nul, %s%s AS k, %sid AS id FROM %s",
               fence ? "SELECT * FROM (" : "", prefix, q->sort, prefix, from);
    part.extra = arena_printf(a, "%s%s IS NOT NULL", prefix, q->sort);
    n += table_where_clause(c, t, owner, q, h, prefix, &part, a, sql, params + n);
    if (fence)
        buf_printf(sql, " OFFSET 0) AS matches1 ORDER BY k %s, id %s", dir, dir);
    else
        buf_printf(sql, " ORDER BY %s%s%s %s, %sid %s", order_prefix, prefix, q->sort, dir, prefix,
                   dir);
    n += page_bounds(sql, q->limit + q->offset, -1, ws->fixed, params + n);
    buf_puts(sql, ") AS part1 UNION ALL ");
    /* the column itself (NULL here) keeps k's type the same in both parts on PostgreSQL */
    buf_printf(sql, "SELECT * FROM (%sSELECT 1 AS nul, %s%s AS k, %sid AS id FROM %s",
               fence ? "SELECT * FROM (" : "", prefix, q->sort, prefix, from);
    part.extra = arena_printf(a, "%s%s IS NULL", prefix, q->sort);
    n += table_where_clause(c, t, owner, q, h, prefix, &part, a, sql, params + n);
    if (fence)
        buf_printf(sql, " OFFSET 0) AS matches2 ORDER BY id %s", dir);
    else if (!*store_sql_no_index(c) &&
             ((q->nfilters > 0 && !table_has_fulltext(q)) || table_exact_sort(q)))
        /* PostgreSQL, beside filters: the column (NULL in every row here) named before the id,
         * so that an index (owner, filter, column, id) read backwards gives this part's order:
         * the planner does not take IS NULL for an equality and would otherwise read every
         * NULL's entry of the filter and sort them (status=applied&sort=-salary_max: 1,333
         * entries for 20). Without a filter, for list_spec.exact_sorts: their first page is
         * planned once for any owner (exact_first_page), and the primary key's walk that reads
         * about 20 rows for the only owner would read every other owner's newer rows for one
         * among many. Not beside a search, where the text's planning and its walk measured no
         * better (docs/performance.md, PostgreSQL's salary-order lists) */
        buf_printf(sql, " ORDER BY %s%s %s, %sid %s", prefix, q->sort, dir, prefix, dir);
    else
        buf_printf(sql, " ORDER BY %sid %s", prefix, dir);
    n += page_bounds(sql, q->limit + q->offset, -1, ws->fixed, params + n);
    buf_printf(sql, ") AS part2) AS parts ORDER BY nul, k %s, id %s", dir, dir);
    return n + page_bounds(sql, q->limit, q->offset, ws->fixed, params + n);
}

/* Appends the query of the ids of q's page (page_ids) to sql, its plan chosen from what the
 * count found out (p: the total, the owner's rows, a search's set of ids) and the filter paired
 * with the sort (pair: table_paired_filter); returns the number of values added. q is p->q, or the
 * whole list of matches in order (kept_order_build). */
int table_page_ids_query(struct store_conn *c, const struct list_plan *p,
                         const struct list_query *q, int pair, bool fixed, struct arena *a,
                         struct buf *sql, struct store_value *params)
{
    const struct table *t = p->t;
    const struct list_hooks *hooks = p->h;
    int64_t owner = p->owner;
    const struct list_plan plan = *p;
    /* With filters and a known row count: when a large share of the rows match, reading
     * the sort index until the page is full costs about (limit + offset) * all / total
     * rows, so the filters are kept from their indexes; when few match, sorting them
     * costs about total, so the order is kept from its index. */
    const char *no_index = store_sql_no_index(c);
    struct where_style ws = {"", NULL};
    ws.ids_drive = plan.ids_drive; /* wherever ws.ids is set below */
    ws.fixed = fixed;
    const char *order_prefix = "";
    int64_t page = q->limit + q->offset;
    bool many = plan.all > 0 && walk_within(plan.total, plan.all, page, 1);
    if (pair >= 0 && q->filters[pair].op != FILTER_GE && q->filters[pair].op != FILTER_LE) {
        /* an equality with its (owner, column, sort) index: the matches in sort order (a
         * search's words asked of its set of ids, when it was read as one) */
        ws.filter_prefix = no_index;
        ws.indexed = pair + 1;
        ws.ids = plan.ids.type == STORE_BLOB ? &plan.ids : NULL;
    } else if (pair >= 0) {
        /* a range with its (owner, column, sort) index. Dates follow creation, so the
         * matches of "from a date" come first in descending order (and those of "to a
         * date" in ascending order): when they are many, reading the sort index fills the
         * page soon. Otherwise (they come last, or a window) the matches' index entries
         * are sorted: a cost bounded by their number, not by the rows read before them. */
        bool ge = false, le = false;
        for (int i = 0; i < q->nfilters; i++) {
            if (strcmp(q->filters[i].column, q->filters[pair].column) == 0) {
                ge |= q->filters[i].op == FILTER_GE;
                le |= q->filters[i].op == FILTER_LE;
            }
        }
        ws.filter_prefix = no_index;
        /* or, when the sort's index holds the filters' columns and many rows match, the
         * sort index is read until the page is full wherever the matches lie: at most the
         * owner's index entries, each checked in the index (list_spec.covers) */
        bool scan = covered(q) && plan.all > 0 &&
                    (double)plan.total * LIST_SCAN_PER_SORT >= (double)plan.all;
        /* or, where the engine takes hints and the matches lie at the walk's far end (a
         * range "to" a date in descending order, "from" one in ascending order, or both),
         * the sort index is walked from a bound that skips the rows before the first
         * match: a cost bounded by the days in the ranges (days_bounded) */
        ws.days_bound = *no_index && (q->desc ? le : ge) && days_bounded(t, owner, q, hooks);
        if (!ws.days_bound && !scan && (!many || ge == le || ge != q->desc)) {
            order_prefix = no_index;
            ws.indexed = pair + 1;
            ws.sort_matches = true;
        }
    } else if (q->nfilters > 0 && plan.all > 0) {
        if (plan.ids.type == STORE_BLOB && q->nfilters == 1 &&
            walk_within(plan.total, plan.all, page, LIST_WALK_PER_ID)) {
            /* the search's matches already read as a set: the sort index is walked and
             * each entry's id looked up in the set, the words' lists not read again */
            ws.ids = &plan.ids;
        } else if (many) {
            ws.filter_prefix = no_index;
            ws.ids = plan.ids.type == STORE_BLOB ? &plan.ids : NULL; /* the walk asks the set */
        } else {
            order_prefix = no_index;
            /* few rows match: a full-text match is the shortest way to them (SQLite would
             * rather walk all of the owner's rows in an (owner, ...) index), or beside
             * filters the counters count, those filters' rows with each id asked of the
             * search's set (fulltext_set_total kept it: they are not many) */
            if (plan.ids.type == STORE_BLOB && q->nfilters > 1)
                ws.ids = &plan.ids;
            else if (table_has_fulltext(q))
                ws.owner_prefix = no_index;
        }
    }
    /* PostgreSQL takes no hint and costs a search as if 1 row in 200 matched: for a rare
     * word it reads the sort index (or a filter's index paired with the sort) to the end,
     * checking the words in each row (5 matches of 100,000 jobs: 0.8 s). When the rows
     * read to fill the page would be LIST_WALK_PER_MATCH times the matches or more (the
     * owner's rows bound those of a filter), the matches come from the full-text index
     * and are sorted behind a fence (0.5 ms). */
    if (!*no_index && table_has_fulltext(q) && plan.all > 0 &&
        !walk_within(plan.total, plan.all, page, LIST_WALK_PER_MATCH))
        ws.sort_matches = true;
    return page_ids(c, t, owner, q, hooks, p->from, p->prefix, order_prefix, &ws, a, sql, params);
}
