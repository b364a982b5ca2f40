/*
 * This file declares what the files of the table module share and nothing outside it uses
 * (table.c, table_json.c, table_sql.c, table_list.c, table_list_count.c, table_list_page.c,
 * table_list_kept.c): the row version's column, the style of a list's WHERE clause, a list's
 * plan, and the helpers one of those files defines for another. Each is described where it is
 * defined.
 */
#ifndef COPILOT_MODEL_TABLE_INTERNAL_H
#define COPILOT_MODEL_TABLE_INTERNAL_H

#include "list_totals.h"
#include "table.h"

#define VERSION "row_version"

/* How the filters are written: plain, or kept from their indexes (the page is read in the sort
 * index's order and the filters checked row by row). */
struct where_style {
    const char *filter_prefix; /* before each filter's column ("" or the store's no-index "+") */
    const char *extra;         /* one more condition, or NULL */
    const char *owner_prefix;  /* before the owner's column (NULL: "") */
    int indexed;               /* 1 + the number of a filter written plain whatever
                                  filter_prefix says (its pair's index serves it); 0: none */
    bool sort_matches;         /* the matches are read whole (counted, or sorted: the sort
                                  index not read; on an engine without a no-index prefix, a fence
                                  says so): a full-text filter is written to find them through
                                  its index (store_sql_fulltext_matches) */
    const struct store_value *ids; /* the search's matches as a set of ids (table_list_total),
                                      asked for each row instead of the words; or NULL */
    bool ids_drive;                /* the set's ids listed and looked up (store_sql_in_ids) */
    bool days_bound;               /* the sort column bounded from the days of q's date ranges
                                      (table_days_bound) */
    bool fixed;                    /* the page's bounds written in the text (exact_first_page) */
};

/* A list's plan (table_list): the list read, what its count is asked for, and what the count
 * finds out that decides how the page is read (table_list_total fills the last four). */
struct list_plan {
    const struct table *t;
    int64_t owner; /* 0: every owner's rows */
    const struct list_query *q;
    const struct list_hooks *h; /* or NULL */
    const char *from;           /* the table, with its alias if any */
    const char *prefix;         /* "alias." or "": before the table's own columns */
    bool want_all;              /* the owner's rows wanted even when telling them costs a read of
                                   their own */
    bool want_ids;              /* a search may be read as a set of ids (not for a page read in
                                   one query with its count) */
    int64_t total;              /* the rows matching q */
    int64_t all;                /* the owner's rows; -1 when the count did not tell them */
    struct store_value ids;     /* the search's matches as a set of ids (a BLOB in the arena), or
                                   SV_NULL */
    bool ids_drive;             /* the set's ids listed for the planner to look up
                                   (store_sql_in_ids): few matches beside many rows of the other
                                   filters */
    int64_t version;            /* the owner's data version the count read beside a kept total
                                   (list_totals.h), or -1 */
};

/* table_json.c: a row's members, the column list of a SELECT */
void table_row_members(const struct field *const *fields, const struct member_key *keys,
                       const struct store_result *res, size_t row, struct buf *out);
void table_columns_into(struct buf *b, const struct table *r, const char *alias);

/* table_sql.c: whether a table has a row version */
bool table_versioned(const struct table *t);

/* table_list.c: the WHERE clause of a list */
int table_where_clause(struct store_conn *c, const struct table *t, int64_t owner,
                       const struct list_query *q, const struct list_hooks *h, const char *prefix,
                       const struct where_style *ws, struct arena *a, struct buf *sql,
                       struct store_value *params);

/* table_list.c: the rank of a value sort (list_spec.value_sorts) where the list sorts by it */
const char *table_sort_rank(const struct store_conn *c, const struct table *t,
                            const struct list_query *q, const char *prefix, struct arena *a);
const char *table_sort_terms(const struct list_query *q, const char *rank, const char *lead,
                             const char *prefix, struct arena *a);

/* table_list_count.c: the count, the counters' date ranges, the key of a kept total */
int table_list_total(struct store_conn *c, struct list_plan *p, const struct store_stmt *page,
                     struct store_result **page_rows, struct arena *a, struct err *e);
const char *table_date_counted(int64_t owner, const struct list_query *q,
                               const struct list_hooks *h);
int table_days_bound(const struct table *t, int64_t owner, const struct list_query *q,
                     const char *prefix, const char *glue, struct buf *sql,
                     struct store_value *params);
bool table_totals_key(const struct table *t, const struct list_query *q, char key[LIST_TOTALS_KEY]);

/* table_list_page.c: how the page is read */
int table_paired_filter(const struct list_query *q);
bool table_has_fulltext(const struct list_query *q);
bool table_exact_sort(const struct list_query *q);
bool table_page_in_one_query(const struct store_conn *c, const struct table *t,
                             const struct list_query *q, const struct list_hooks *h, int64_t total,
                             int64_t all);
bool table_fulltext_index_page(const struct store_conn *c, const struct table *t, int64_t owner,
                               const struct list_query *q, const struct list_hooks *h,
                               int64_t total, int64_t all, char *out, size_t n);
int table_page_ids_query(struct store_conn *c, const struct list_plan *p,
                         const struct list_query *q, int pair, bool fixed, struct arena *a,
                         struct buf *sql, struct store_value *params);

/* table_list_kept.c: the kept orders and pages */
bool table_may_keep_order(int64_t owner, const struct list_query *q, const struct list_hooks *h);
int table_kept_order_page(struct store_conn *c, const struct list_plan *p, int pair,
                          const char *head, const char *order, struct arena *a,
                          struct store_result **res, char page_key[LIST_TOTALS_KEY], struct err *e);
int table_kept_page_put(struct store_conn *c, const struct list_plan *p, const char *key,
                        const struct store_result *res, struct arena *a, struct err *e);

#endif
