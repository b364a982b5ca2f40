/*
 * This file declares the table descriptor every model file uses (struct table): a table and
 * its fields as data ({name, type, flags, allowed values, range, extra rule}), and the generic
 * code driven by it, written once for every table. A request body that is not a row (a
 * password change, an answer) is described the same way, with no table name (a "body"):
 *   - table_parse validates a JSON request body against the fields (unknown or server-owned
 *     fields, types, lengths, ranges, enum values, required fields) and turns it into bound
 *     values, naming the faulty field in the error;
 *   - table_get / _update / _delete run the SQL of one row (text built from the field names,
 *     never from input; every value bound) and map rows back to JSON objects;
 *   - the insert builder, table_insert_rows / table_upsert / table_insert, writes one or many
 *     rows with an optional ON CONFLICT clause;
 *   - the list helper, table_list_query + table_list, checks list parameters against a list
 *     spec and runs the count and the page, with hooks for joins, extra conditions and order.
 * Every query is scoped to an owner (user_id) unless the caller passes owner 0 explicitly for
 * an administrator's view or a table without owners.
 */
#ifndef COPILOT_MODEL_TABLE_H
#define COPILOT_MODEL_TABLE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/err.h"
#include "../lib/list_params.h"
#include "../store/store.h"

enum field_type {
    FT_INT,       /* JSON integer */
    FT_REAL,      /* JSON number */
    FT_BOOL,      /* JSON true/false */
    FT_TEXT,      /* JSON string */
    FT_DATE,      /* "YYYY-MM-DD" */
    FT_TIMESTAMP, /* RFC 3339, stored normalised to UTC "...Z" */
    FT_STRINGS,   /* JSON array of strings (a json column) */
    FT_ARRAY,     /* array of strings in a SPEC "array" column (text[] / JSON array) */
    FT_OBJECT,    /* JSON object; with .of, exactly the members of that descriptor */
    FT_JSON,      /* any JSON value */
    /* shapes of JSON columns and of replies built in code (the API document reads them) */
    FT_INTS,   /* JSON array of integers (ids) */
    FT_LIST,   /* JSON array of objects, each exactly the members of .of */
    FT_COUNTS, /* JSON object of integers: one member per name in .values (all present), or any
              names when .values is NULL */
    FT_MAP,    /* JSON object whose member names are among .values (any when NULL) and whose
                  member values are each described by the first field of .of */
};

enum {
    F_WRITE = 1 << 0,    /* the client may set it */
    F_REQUIRED = 1 << 1, /* must be present and not null on create */
    F_HIDDEN = 1 << 2,   /* never returned */
    F_NOTNULL = 1 << 3,  /* never NULL: the client may not set it so, lists sort without a
                            NULLs-last term */
    F_LOWER = 1 << 4,    /* text is lower-cased (ASCII) before it is stored */
    F_OPTIONAL = 1 << 5, /* a reply member that may be absent (every other member is always
                            there, null when not F_NOTNULL) */
    F_ADMIN = 1 << 6,    /* returned only in an administrator's view (VIEW_ADMIN): the owner's
                            view, which the account export shows too, leaves it out */
};

/* Caps on every array field a client writes (FT_STRINGS, FT_ARRAY, FT_INTS), checked by
 * table_parse: at most TABLE_ARRAY_MAX_ITEMS items (a field's own max, when set, replaces
 * it), each string item at most TABLE_ARRAY_ITEM_MAX_CHARS characters; beyond, 422 naming
 * the field. They bound what recommendations, analytics and exports later loop over
 * (issue 8 item 7; docs/security.md). */
#define TABLE_ARRAY_MAX_ITEMS 200
#define TABLE_ARRAY_ITEM_MAX_CHARS 100

/* Who a row is shown to. The field flags are the one place that decides which fields each
 * view holds: F_HIDDEN fields are in none (never even selected), F_ADMIN fields only in
 * VIEW_ADMIN, every other field in both. The routes and the account export (model/account.c)
 * map rows through the same descriptors, so an export shows the owner what the API does. */
enum table_view { VIEW_OWNER, VIEW_ADMIN };

struct field {
    const char *name;
    enum field_type type;
    unsigned flags;
    const char *const *values; /* FT_TEXT, and each item of FT_STRINGS / FT_ARRAY: NULL-
                                  terminated list of allowed values, or NULL */
    int64_t min, max;          /* FT_INT/FT_REAL: range when min < max; FT_TEXT: length in
                                  characters, arrays: number of items (max 0 = unlimited) */
    /* extra rule for FT_TEXT values; returns 0 or fills e (with field) and returns ERR_INVALID */
    int (*check)(const char *field, const char *value, struct err *e);
    const char *expr;       /* read-only computed column: selected as "expr AS name" */
    const struct table *of; /* FT_OBJECT / FT_LIST: the descriptor of the object(s) */
    const char *doc;        /* optional: one line for the API document */
};

struct table {
    const char *name; /* the SQL table; NULL for a request body that is not stored as such */
    const struct field *fields; /* terminated by {NULL} */
    bool owned;                 /* has a user_id column scoping every query */
    /* the API document (src/api/openapi.c): the schema's name ("Job"), and for a reply built
     * in code, the descriptor whose visible fields come before these ones (may be NULL; a
     * field here of the same name replaces the base's, F_HIDDEN removes it) */
    const char *schema;
    const struct table *base;
};

/* One value taken from a body (or set by the server) for a column. */
struct field_value {
    const struct field *field;
    struct store_value value; /* JSON types hold their serialised text (arena) */
    json_t *json;             /* borrowed from the body; NULL for server-set values */
};

#define VALUES_MAX 48
struct values {
    struct field_value items[VALUES_MAX];
    int n;
};

enum parse_mode { PARSE_CREATE, PARSE_PATCH };

/* The most items array field f accepts: its max when set, else TABLE_ARRAY_MAX_ITEMS. */
size_t table_array_max_items(const struct field *f);

/* The field called name, or NULL. */
const struct field *table_field(const struct table *r, const char *name);

/* Validates body against r's writable fields and appends the values to out (not reset).
 * PARSE_CREATE also requires the F_REQUIRED fields. Text is copied into a.
 * Returns 0, ERR_INVALID (e->field names the field) or ERR_BAD_REQUEST (body not an object). */
int table_parse(const struct table *r, json_t *body, enum parse_mode mode, struct arena *a,
                struct values *out, struct err *e);
/* table_parse of the body of a change to a row: PATCH (replace false) takes the fields given
 * (PARSE_PATCH); PUT (replace true), a full replacement, checks the body as PARSE_CREATE does,
 * then sets every writable, nullable field of r the body left out to NULL (fields that may not
 * be null, F_NOTNULL and F_REQUIRED, keep their stored value). Returns as table_parse. */
int table_parse_update(const struct table *r, json_t *body, bool replace, struct arena *a,
                       struct values *out, struct err *e);
/* True for a writable field that may be null (not F_NOTNULL nor F_REQUIRED): the fields a full
 * replacement or a new row gives NULL when the body leaves them out. */
bool field_null_when_absent(const struct field *f);
/* The value for column name in v, or NULL. */
struct field_value *values_get(struct values *v, const char *name);
/* Sets (adds or replaces) column name to value; name must be a field of r. */
void values_set(struct values *v, const struct table *r, const char *name,
                struct store_value value);
/* Text of column name in v: NULL when absent or null. */
const char *values_text(struct values *v, const char *name);
/* Lower-cases (ASCII) the JSON array text of column name in v, when present (the tags of career
 * resources, compared in any case). */
void values_lower_array(struct values *v, const struct table *r, const char *name, struct arena *a);

/* Whether field f is shown in view. */
bool table_field_shown(const struct field *f, enum table_view view);
/* Maps row of res (columns named like r's fields) to a new JSON object as view shows it:
 * the fields view does not show are left out (columns that are no field of r are kept). */
json_t *table_row_json_as(const struct table *r, const struct store_result *res, size_t row,
                          enum table_view view);
/* table_row_json_as(r, res, row, VIEW_OWNER). */
json_t *table_row_json(const struct table *r, const struct store_result *res, size_t row);
/* Appends to out the text of table_row_json(r, res, row) as the replies dump it (compact,
 * reals to 15 digits), written from the row without building the object: for replies of many
 * rows (the board). JSON columns and reals still go through jansson, one value at a time. */
void table_row_text(const struct table *r, const struct store_result *res, size_t row,
                    struct buf *out);
/* The columns of a result as the row writer writes them: each one's field of the table (NULL:
 * none) and its "name": text, looked up and written once for all the rows of a result
 * (table_text_layout), for table_row_text_with. */
struct member_key;
struct table_layout {
    const struct field **fields;
    const struct member_key *keys;
};
/* The layout of res's columns as fields of r, in a (also for another result of the same
 * columns: the same statement's). */
void table_text_layout(const struct table *r, const struct store_result *res, struct arena *a,
                       struct table_layout *out);
/* table_row_text with the layout of res's columns from table_text_layout. */
void table_row_text_with(const struct table_layout *l, const struct store_result *res, size_t row,
                         struct buf *out);
/* Appends the n bytes at s as a JSON string (json_buf_stringn), each byte of them that starts
 * no valid UTF-8 sequence written as U+FFFD: text read from the database, which raw SQL may
 * have left so in SQLite. The members table_row_json and table_row_text write are so. */
void table_json_string(struct buf *out, const char *s, size_t n);
/* The text column name of row, for a hook that adds members from it (a date, a kind): NULL
 * when res has no such column, or the value is NULL or not UTF-8. */
const char *table_row_string(const struct store_result *res, size_t row, const char *name);
/* The integer column name of every row of res as the rows' JSON objects hold it (0 when the
 * value is NULL or res has no such column), in an array of store_rows(res) in a: the ids a
 * list's page refers to, for a page hook. */
int64_t *table_column_ints(const struct store_result *res, const char *name, struct arena *a);
/* The comma-separated list of r's visible columns, prefixed by alias ("j.") when not NULL (the
 * text is in a). Without an alias the text is built once per process and lives as long (a is
 * not used): r must be a descriptor that lives as long (every one is static). */
const char *table_columns(const struct table *r, const char *alias, struct arena *a);

/* INSERT the values; *out (may be NULL) receives the new row as JSON. Constraint errors as
 * store_exec. */
int table_insert(struct store_conn *c, const struct table *r, struct values *v, struct arena *a,
                 json_t **out, struct err *e);
/* An ON CONFLICT clause for the insert builder. */
struct table_conflict {
    const char *target;        /* the unique columns: "user_id, resource_id" */
    const char *const *update; /* the columns the new row overwrites (excluded.*),
                                  NULL-terminated; NULL = DO NOTHING */
};
/* The insert builder: INSERTs rows[0..n) (n >= 1, every row with the same columns in the same
 * order) in one statement, with conflict (may be NULL) and RETURNING returning (NULL: t's
 * visible columns; "": nothing). *out (may be NULL) receives the result: the rows returned,
 * and in store_changes the rows written. Constraint errors as store_exec. */
int table_insert_rows(struct store_conn *c, const struct table *t, const struct values *rows,
                      size_t n, const struct table_conflict *conflict, const char *returning,
                      struct arena *a, struct store_result **out, struct err *e);
/* One row with conflict (may be NULL); *out (may be NULL) receives the row written as JSON,
 * or JSON null when ON CONFLICT DO NOTHING skipped it. */
int table_upsert(struct store_conn *c, const struct table *t, struct values *v,
                 const struct table_conflict *conflict, struct arena *a, json_t **out,
                 struct err *e);
/* UPDATE row id (of owner, unless owner is 0) with v, setting updated_at (and row_version one
 * higher) too. ERR_NOT_FOUND when no such row; ERR_PRECONDITION when the row is expected at
 * another version (table_expect). *out (may be NULL) receives the updated row. */
int table_update(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                 struct values *v, struct arena *a, json_t **out, struct err *e);
/* Ends a write's transaction: commits when rc is 0; when rc or the commit failed, rolls back
 * and drops *out (out may be NULL). Returns the outcome. */
int table_finish(struct store_conn *c, int rc, json_t **out, struct err *e);
/* Reads row id of owner (0 = any). ERR_NOT_FOUND when absent or not the owner's. */
int table_get(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
              struct arena *a, json_t **out, struct err *e);
/* table_get written as the text of the row's JSON object (table_row_text: the bytes
 * table_get's object dumps to) appended to out; *version is the row's row_version as the
 * object holds it ("%lld"), or NULL when the table has none (the reply's ETag). */
int table_get_text(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                   struct arena *a, struct buf *out, const char **version, struct err *e);
/* table_get_text on an engine with a row stamp (store_sql_row_stamp), with the row's stamp in
 * *stamp: while table_row_stamp reads the same stamp, the row's text is the same. */
int table_get_text_stamped(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                           struct arena *a, struct buf *out, const char **version, int64_t *stamp,
                           struct err *e);
/* The row stamp (store_sql_row_stamp) and row_version (0 when r has none) of row id of owner
 * (0 = any), without the row: *found false when absent or not the owner's. */
int table_row_stamp(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                    bool *found, int64_t *stamp, int64_t *version, struct err *e);
/* table_get inside a transaction, locking the row until it ends (SELECT ... FOR UPDATE on
 * PostgreSQL; SQLite's BEGIN IMMEDIATE already holds the lock): a read-check-write on it is
 * atomic. */
int table_lock(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
               struct arena *a, json_t **out, struct err *e);
/* Deletes row id of owner (0 = any). ERR_NOT_FOUND when absent; ERR_PRECONDITION when it is
 * expected at another version (table_expect). */
int table_delete(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                 struct err *e);

/* ---- optimistic concurrency (SPEC part E) ----
 * A table a client reads and writes as one object has the column row_version (a field
 * {"row_version", FT_INT, F_NOTNULL} in its descriptor; migration 0010): every UPDATE leaves it
 * one higher (table_update sets it, a trigger corrects any other statement), so it is the
 * object's version and its ETag is "<row_version>" (the reply layer adds the header to any
 * object that carries the member).
 *
 * A request's If-Match is an expectation about one row, armed for the request being handled on
 * this thread (src/api/precondition.c arms it from the route and clears it afterwards). The
 * first table_update or table_delete of that row then adds "AND row_version IN (...)" to its one
 * statement, so the check and the write are atomic: of two writers sending the same If-Match,
 * exactly one changes the row, and the other gets ERR_PRECONDITION. A table keyed by its owner
 * (user_job_preferences) is expected by owner id instead of row id. */

#define TABLE_EXPECT_MAX 4

/* Arms the expectation: row id of t must have one of versions[0..n) (1 <= n <= TABLE_EXPECT_MAX);
 * n 0 arms an expectation nothing satisfies (an If-Match naming no version of ours). */
void table_expect(const struct table *t, int64_t id, const int64_t *versions, int n);
/* Disarms it; true when a write used it (table_update, table_delete, table_expect_clause). */
bool table_expect_end(void);
/* For a model that reads the row under a lock (table_lock, or a lock its writes all take) before
 * writing it, or that reads it and will not write it: ERR_PRECONDITION (with e) when row id of t
 * is expected at another version than the row's, else 0. row is the row as read (table_get,
 * table_lock, table_row_json: its row_version member), or NULL when it is not stored yet
 * (version 0: the preferences before their first save). Uses the expectation up: the check was
 * the atomic one, the write need not repeat it. */
int table_expect_row(const struct table *t, int64_t id, const json_t *row, struct err *e);
/* For a model that writes the expected row with its own statement: when row id of t is
 * expected, appends " AND <alias>row_version IN (?...)" (alias "a." or NULL) to sql, the versions
 * to params[*nparams...] (at most TABLE_EXPECT_MAX, *nparams advanced), uses the expectation up
 * and returns true; false (nothing added) when nothing is expected. */
bool table_expect_clause(const struct table *t, int64_t id, const char *alias, struct buf *sql,
                         struct store_value *params, int *nparams);
/* After a write that carried the condition changed no row: ERR_PRECONDITION when row id (of
 * owner, 0 = any) still exists, else ERR_NOT_FOUND. */
int table_missing(struct store_conn *c, const struct table *t, int64_t owner, int64_t id,
                  struct err *e);

/* ---- lists ---- */

/* FILTER_CONTAINS: an FT_ARRAY column holds the value. FILTER_FULLTEXT: the table's full-text
 * index (declared by the migrations, see store_sql_fulltext) matches the words. */
enum filter_op { FILTER_EQ, FILTER_IEQ, FILTER_GE, FILTER_LE, FILTER_FULLTEXT, FILTER_CONTAINS };

/* A query argument a list accepts as a filter. */
struct list_param {
    const char *name;   /* query argument */
    const char *column; /* the field it targets: its type and allowed values validate the
                           argument (unused for FILTER_FULLTEXT) */
    enum filter_op op;
};

/* Per-owner counters of a table kept by triggers (migration 0030): a table (user_id, the
 * columns, n) with one row per combination of the columns' values an owner has ('' for NULL).
 * A list whose filters are all equalities on these columns reads its total from them; any
 * list of the table learns the owner's row count from them to choose its plan. */
struct list_counts {
    const char *table;
    const char *const *columns; /* NULL-terminated */
    /* a table (user_id, kind, value, n) kept by the same writes (migration 0078): one row per
     * value ('' for NULL) of each of the columns the owner has, kind the column's name, and one
     * with kind '' (value '') for all of the owner's rows; a list with at most one filter reads
     * its total and the owner's rows there (two rows, not every combination); may be NULL */
    const char *values;
};

/* An index the migrations keep on (owner, filter column, sort column[, id]) (migration 0037): a
 * list filtered on filter and sorted by sort reads its page from the rows that match, in index
 * order (an equality), or sorts the matches' index entries (a range: its matches are seldom
 * spread over the sort order, as dates follow creation). On SQLite a range of a column with
 * per-day counters (date_counts) also finds each day's first sort value in it: the bound from
 * which the sort index is walked (table_days_bound in table_list_count.c; migration 0052). */
struct list_pair {
    const char *filter, *sort; /* column names; {NULL} ends a list of pairs */
};
/* list_spec.covers names pairs the other way round: the sort column's index (owner, sort[, id])
 * also holds the filter column (migration 0049), so reading the page in sort order checks the
 * filter in the index without reading a row. A range filtered so and matching a large share of
 * the owner's rows is read that way: at most the owner's index entries, each cheaper than
 * sorting one match (LIST_SCAN_PER_SORT). */
#define LIST_SCAN_PER_SORT 4
/* On PostgreSQL (no hints), a search whose page would read at least this many rows of the sort
 * index per match (checking the words in each) reads its matches from the full-text index and
 * sorts them instead: a match fetched and sorted costs about 6 rows read and checked (5 matches
 * of 100,000 jobs: 0.5 ms against 0.8 s; 617: 5.7 ms against 2.2, kept the walk). */
#define LIST_WALK_PER_MATCH 16
/* On PostgreSQL, where the full-text index's own rows keep the sort column
 * (store_sql_fulltext_page: jobs' created_at), a search alone whose page would read at least this
 * many rows of the sort index per match chooses its page from those rows instead: a match read
 * there and sorted costs about 2 rows of jobs read and checked (617 matches of 100,000 jobs:
 * 1.1 ms against 2.5 for the walk's 2,900 rows). */
#define LIST_WALK_PER_SORTED 2
/* On SQLite, a search whose matches were read as a set of ids (store_sql_fulltext_ids) fills
 * its page by walking the sort index and looking each entry's id up in the set while that reads
 * at most this many entries per match; past it (a rarer word) the matches are read from the
 * full-text index again and sorted. */
#define LIST_WALK_PER_ID 8
/* On SQLite, a search beside filters the counters count is counted from those filters' rows,
 * each id looked up in the search's set of ids, while they are at most this many times its
 * matches (a lookup costs about a twentieth of a match's seek into the filters' index). */
#define LIST_SET_PER_ROW 16
/* A list whose total is kept at the owner's data version (list_totals.h) and whose matches are
 * at most 1 in LIST_ORDER_SHARE of the owner's rows and at most LIST_ORDER_MAX (4 bytes each:
 * 64 KiB, within LIST_TOTALS_IDS_BYTES), sorted by one of list_spec.kept_sorts, keeps its ids in
 * the page's order and reads each page as their slice by primary key: the page of a sparse
 * search no longer walks the sort index past the rows that do not match (docs/performance.md,
 * "Kept pages (tenth round)"). */
#define LIST_ORDER_SHARE 16
#define LIST_ORDER_MAX 16384

/* What a list route accepts, declared as data beside the table it lists. */
struct list_spec {
    const struct list_param *params;  /* terminated by {NULL}; may be NULL */
    const char *const *sortable;      /* NULL-terminated */
    const char *default_sort;         /* "-created_at" style */
    const struct list_counts *counts; /* may be NULL */
    const struct list_pair *pairs;    /* may be NULL */
    const struct list_pair *covers;   /* may be NULL */
    /* per-owner counters of the rows per day of date columns (migration 0049): a table
     * (user_id, kind = the column's name, day, n); a list whose filters are all ranges or
     * equalities on one of these columns sums its total from them; may be NULL */
    const struct list_counts *date_counts;
    /* SQL with one '?' (the owner) reading a number that every write of the owner's rows that
     * can change what a search or a filter matches moves in its own transaction
     * (user_data_versions, migration 0033; the applications' application_list_versions, 0064):
     * a total that reads the matches (not the counters) is kept with it (list_totals.h) and
     * counted again only once it moved, and a counted total reads it for a kept order; may be
     * NULL */
    const char *version;
    /* the sort columns every write of which moves `version` too (NULL-terminated; may be NULL):
     * a sparse search sorted by one of them keeps its ordered ids beside its total
     * (LIST_ORDER_SHARE) and reads a page as their slice by primary key */
    const char *const *kept_sorts;
    /* a list keeps its order when its matches are at most 1 in this many of the owner's rows
     * (0: LIST_ORDER_SHARE) */
    int order_share;
    /* (filter, sort) pairs besides `pairs` that an index (owner, filter column, sort column, id)
     * serves where the engine's planner finds it alone (PostgreSQL; SQLite's hints name only
     * `pairs`): with `pairs`, the lists whose first page is the same plan whatever the values
     * (exact_first_page in table_list.c); may be NULL */
    const struct list_pair *exact_pairs;
    /* nullable sort columns with an index (owner, column, id) on PostgreSQL: the first page of
     * the owner's rows in one of them (no filter) reads each part in that index's order,
     * whatever the owner, so it is planned once (exact_first_page in table_list.c); may be NULL */
    const char *const *exact_sorts;
    /* the default sort instead while this filter argument is given (both NULL: none): the
     * applications of one status come most recently updated first, so that
     * `?status=S&offset=N` goes on from the board's column of N (SPEC part E) */
    const char *filter_default_param;
    const char *filter_default_sort;
    /* sortable enumerated columns listed in the order of their values (struct field.values; the
     * applications' status: the pipeline's, src/core/pipeline.c), as PostgreSQL sorts its enum
     * types: where the engine sorts such a column by name (store_enum_order), by the value's
     * position and then the column (table_values_rank), which an index (owner, that position,
     * column) of the same text serves (migration 0092); NULL-terminated, may be NULL */
    const char *const *value_sorts;
};

struct list_filter {
    const char *column;
    enum filter_op op;
    struct store_value value;
};

#define LIST_MAX_FILTERS 12
/* A checked list request: what table_list runs. */
struct list_query {
    int64_t limit, offset;
    const char *sort; /* one of the spec's sortable names */
    bool desc;
    struct list_filter filters[LIST_MAX_FILTERS];
    int nfilters;
    const struct list_spec *spec; /* its counters and indexes steer the plan */
};

/* Checks the list parameters p (src/lib/list_params.h) against spec and the fields of t and
 * fills q: the sort must be one of spec->sortable (else ERR_INVALID naming sort, with the
 * allowed names), each filter argument given must fit its field (ERR_INVALID naming the
 * argument). t may be NULL when spec has no params. c makes the full-text argument. */
int table_list_query(struct store_conn *c, const struct table *t, const struct list_spec *spec,
                     const struct list_params *p, struct arena *a, struct list_query *q,
                     struct err *e);

/* How a list departs from "SELECT the columns FROM the table": every member may be 0/NULL. */
struct list_hooks {
    const char *alias; /* the table's alias ("f"): columns, owner and filters are prefixed */
    /* more select-list items after the columns, with their parameters (bound first) */
    const char *extra_columns;
    const struct store_value *extra_params;
    int nextra;
    /* appends more conditions to sql (each starting with *glue, which it then sets to
     * " AND ") and their values to params; returns how many values it added */
    int (*where)(void *ctx, struct store_conn *c, struct arena *a, struct buf *sql,
                 const char **glue, struct store_value *params);
    /* the ORDER BY terms before the id tie-break (default: NULLs last, then the column) */
    const char *(*order)(void *ctx, const struct list_query *q, struct arena *a);
    /* the conditions of where leave out the rows whose sort column is NULL: the page is read
     * in one part */
    bool sort_not_null;
    /* sets *total to the number of rows matching where (from counters: the count over the rows
     * is not run); NULL: counted over the rows */
    int (*total)(void *ctx, struct store_conn *c, int64_t owner, int64_t *total, struct err *e);
    /* called once with the page's rows before any is written (to load what they refer to);
     * a failure (non-zero, e filled) fails the list */
    int (*page)(void *ctx, struct store_conn *c, const struct store_result *res, struct arena *a,
                struct err *e);
    /* appends more members to row i after its columns, each as ,"name":value (a row always
     * holds its id before them); the row itself is written by table_row_text */
    void (*members)(void *ctx, const struct store_result *res, size_t i, struct buf *out);
    /* maps row i to a JSON object written in its place (a row built in jansson; NULL leaves
     * the item out); replaces the row text and members */
    json_t *(*row)(void *ctx, const struct store_result *res, size_t i);
    void *ctx;
};
#define LIST_HOOK_PARAMS 8 /* at most this many values from extra_params and where together */

/* Lists the rows of owner (0 = everyone) matching q: the page is appended to items as the text
 * of a JSON array (each row as table_row_text writes it, then hooks->members; compact, as the
 * replies dump JSON: the bytes of the jansson array of table_row_json objects it replaced),
 * *total receives the count before paging. On failure items is left as it was. Ties in the
 * sort order are broken by id; NULLs sort last in both directions. hooks may be NULL.
 * The cost follows the page, not the owner's row count, given an index (owner, column) per
 * sortable column: the page's ids are found first (a nullable column in two parts, not NULL
 * then NULL, each read in index order), then only their rows are read. With filters, a filter
 * paired with the sort (list_pair) is served by its index; otherwise the counted total chooses
 * between reading the sort index until the page is full (a large share of the rows match) and
 * reading the matching rows and sorting them (few match). */
int table_list(struct store_conn *c, const struct table *t, int64_t owner,
               const struct list_query *q, const struct list_hooks *hooks, struct arena *a,
               struct buf *items, int64_t *total, struct err *e);
/* What table_list_params_at tells beside the page, for keeping its answer (src/api/jobs.c). */
struct list_at {
    /* the owner's data version (list_spec.version) the count read before the page, where it
     * read one (a kept total's key: a search, filters the counters do not hold), else -1: the
     * page's matches and order are those of that version */
    int64_t version;
    /* (id, row_version) of each row written, in the page's order (2 * rows values, in the
     * arena), read from the page's result; NULL when a row has a NULL id or row_version or the
     * table has no row_version (nothing to keep the page by) */
    int64_t *pairs;
    size_t rows;
};
/* The ORDER BY terms of q's sort for a list_hooks.order of t's own (no alias): a column with a
 * value list (struct field.values) in the order of its values, as PostgreSQL sorts its enum
 * types (declared in that order), written alike for both engines (SQLite's CHECKed text sorts by
 * name otherwise); any other column as the lists sort it without a hook. */
const char *table_order_by_values(const struct table *t, const struct list_query *q,
                                  struct arena *a);
/* The position of the value of t's column (a field with a value list) in that list, as SQL
 * (arena a): "CASE <prefix><column> WHEN 'v0' THEN 0 WHEN 'v1' THEN 1 ... END", the text an
 * expression index must repeat for SQLite to use it (migration 0092 for the applications'
 * status; tests/unit/model/test_table.c compares them); NULL when the column has no value
 * list. */
const char *table_values_rank(const struct table *t, const char *column, const char *prefix,
                              struct arena *a);
/* A LIKE pattern (arena a) matching text anywhere: text with backslash, % and _ escaped by a
 * backslash, wrapped in %...%, for lower(column) LIKE lower(?) ESCAPE '\' (a search that no
 * full-text index serves). */
const char *table_like_pattern(const char *text, struct arena *a);
/* table_list_query then table_list with hooks (may be NULL): the whole of a list route whose
 * query needs nothing more than the spec. */
int table_list_params(struct store_conn *c, const struct table *t, const struct list_spec *spec,
                      int64_t owner, const struct list_params *p, const struct list_hooks *hooks,
                      struct arena *a, struct buf *items, int64_t *total, struct err *e);
/* table_list_params, and in *at (when not NULL) the version and the rows' pairs above. */
int table_list_params_at(struct store_conn *c, const struct table *t, const struct list_spec *spec,
                         int64_t owner, const struct list_params *p, const struct list_hooks *hooks,
                         struct arena *a, struct buf *items, int64_t *total, struct list_at *at,
                         struct err *e);

#endif
