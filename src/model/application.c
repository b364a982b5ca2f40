/*
 * This file implements the applications model of application.h. The pipeline decisions are
 * src/core/pipeline.c's; here they become SQL: dates filled when empty, the job following its
 * application, all in one transaction.
 */
#include "application.h"

#include <assert.h>
#include <string.h>

#include "../core/pipeline.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "job.h"
#include "job_stage.h"

#define LONG_TEXT .max = 100000

static const struct field application_fields[] = {
    {"id", FT_INT, F_NOTNULL},
    {"user_id", FT_INT, 0},
    {"job_id", FT_INT, F_WRITE | F_REQUIRED, .min = 1, .max = INT64_MAX},
    {"status", FT_TEXT, F_WRITE | F_NOTNULL, pipeline_status_names},
    {"applied_date", FT_DATE, F_WRITE},
    {"response_date", FT_DATE, F_WRITE},
    {"interview_date", FT_TIMESTAMP, F_WRITE},
    {"offer_date", FT_DATE, F_WRITE},
    {"follow_up_date", FT_DATE, F_WRITE},
    {"notes", FT_TEXT, F_WRITE, LONG_TEXT},
    {"interview_feedback", FT_OBJECT, F_WRITE},
    {"previous_status", FT_TEXT, 0, pipeline_open_status_names,
     .doc = "while the status is final: the open status it left, the one ?force=true reopens "
            "to (null for applications closed before it was kept)"},
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {"updated_at", FT_TIMESTAMP, F_NOTNULL},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table application_table = {"applications", application_fields, true, "Application"};

static const char *const list_sortable[] = {
    "created_at",     "updated_at",     "applied_date",  "status",
    "follow_up_date", "interview_date", "response_date", NULL};
static const struct list_param list_filters[] = {
    {"status", "status", FILTER_EQ},
    {"job_id", "job_id", FILTER_EQ},
    {"applied_from", "applied_date", FILTER_GE},
    {"applied_to", "applied_date", FILTER_LE},
    {"follow_up_from", "follow_up_date", FILTER_GE},
    {"follow_up_to", "follow_up_date", FILTER_LE},
    /* by column, as SPEC part B has lists filter (one day), and the ranges under the
       columns' own names too */
    {"applied_date", "applied_date", FILTER_EQ},
    {"response_date", "response_date", FILTER_EQ},
    {"offer_date", "offer_date", FILTER_EQ},
    {"follow_up_date", "follow_up_date", FILTER_EQ},
    {"applied_date_from", "applied_date", FILTER_GE},
    {"applied_date_to", "applied_date", FILTER_LE},
    {"follow_up_date_from", "follow_up_date", FILTER_GE},
    {"follow_up_date_to", "follow_up_date", FILTER_LE},
    {NULL},
};
static const char *const counted_columns[] = {"status", NULL};
static const struct list_counts app_counts = {"application_counts", counted_columns};
/* the applications per day of these dates (migration 0049) */
static const char *const dated_columns[] = {"applied_date", "follow_up_date", NULL};
static const struct list_counts date_counts = {"application_date_counts", dated_columns};
/* the (user_id, column, sort column) indexes of migration 0037, and the board's (0051): a
 * status's list most recently updated first (its default, filter_default_sort) */
static const struct list_pair pairs[] = {
    {"status", "created_at"},       {"status", "updated_at"},         {"status", "applied_date"},
    {"applied_date", "created_at"}, {"follow_up_date", "created_at"}, {NULL}};
/* the dates in the created_at index (migration 0049) */
static const struct list_pair covers[] = {
    {"applied_date", "created_at"}, {"follow_up_date", "created_at"}, {NULL}};
/* the sorts every write of which moves application_list_versions (migration 0064): a list
 * sorted by one keeps its ordered ids (table_kept_order_page) up to half of the owner's rows
 * (`status=ghosted`: 22%, `applied_to=` 60 days ago: 44%; such a page sorted by another column
 * than its filter's reads every match to sort them); not updated_at (every write moves it) */
static const char *const kept_sorts[] = {
    "created_at",     "applied_date",  "status", "follow_up_date",
    "interview_date", "response_date", NULL};
/* the nullable sorts with an index (user_id, column, id) on PostgreSQL (migrations 0030, 0083) */
static const char *const exact_sorts[] = {"applied_date", "follow_up_date", "interview_date",
                                          "response_date", NULL};
/* the status in the pipeline's order on both engines: PostgreSQL's enum type declares it so,
 * SQLite sorts its position in pipeline_status_names, served by the index of migration 0092 */
static const char *const value_sorts[] = {"status", NULL};
const struct list_spec application_list_spec = {
    .params = list_filters,
    .sortable = list_sortable,
    .default_sort = "-created_at",
    .filter_default_param = "status",
    .filter_default_sort = "-updated_at",
    .counts = &app_counts,
    .pairs = pairs,
    .covers = covers,
    .date_counts = &date_counts,
    .version = "SELECT version FROM application_list_versions WHERE user_id = ?",
    .kept_sorts = kept_sorts,
    .order_share = 2,
    .exact_sorts = exact_sorts,
    .value_sorts = value_sorts,
};

/* Every list of applications carries its job's title and company (board, list, follow-ups):
 * the application's own copies of them (migration 0060), so no row looks its job up. */
#define JOB_COLUMNS "a.job_title AS job_title, a.job_company AS company"

/* Such a row, and a follow-up (the API document reads them). */
static const struct field with_job_fields[] = {
    {"job_title", FT_TEXT, F_NOTNULL},
    {"company", FT_TEXT, F_NOTNULL},
    {NULL},
};
const struct table application_with_job_reply = {NULL, with_job_fields, false, "ApplicationWithJob",
                                                 &application_table};
static const struct field follow_up_fields[] = {
    {"overdue", FT_BOOL, F_NOTNULL, .doc = "the follow-up date is before today"},
    {NULL},
};
const struct table application_follow_up_reply = {NULL, follow_up_fields, false, "FollowUp",
                                                  &application_with_job_reply};

int application_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                     struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, &application_table, &application_list_spec, p, a, &q, e);
    if (rc)
        return rc;
    struct list_hooks hooks = {.alias = "a", .extra_columns = JOB_COLUMNS};
    return table_list(c, &application_table, user_id, &q, &hooks, a, items, total, e);
}

static const struct {
    unsigned bit;
    const char *column;
    bool timestamp;
} date_columns[] = {
    {PIPELINE_SET_APPLIED, "applied_date", false},
    {PIPELINE_SET_RESPONSE, "response_date", false},
    {PIPELINE_SET_INTERVIEW, "interview_date", true},
    {PIPELINE_SET_OFFER, "offer_date", false},
};

/* Is column set, in the new values v or else in the stored row existing (may be NULL)? */
static bool date_set(struct values *v, json_t *existing, const char *column)
{
    struct field_value *fv = values_get(v, column);
    if (fv)
        return fv->value.type != STORE_NULL;
    return existing && json_is_string(json_object_get(existing, column));
}

/* Fills, in v, the dates the move from -> to sets when they are still empty. */
static void fill_dates(struct values *v, json_t *existing, enum app_status from, enum app_status to,
                       struct arena *a)
{
    unsigned bits = pipeline_dates_for(from, to);
    for (size_t i = 0; i < sizeof date_columns / sizeof date_columns[0]; i++) {
        if (!(bits & date_columns[i].bit) || date_set(v, existing, date_columns[i].column))
            continue;
        const char *now = date_columns[i].timestamp ? time_now_text(a) : time_today_text(a);
        values_set(v, &application_table, date_columns[i].column, SV_TEXT(now));
    }
}

/* The job follows its application (just written, so its most recently updated one): same
 * status, date_applied from applied_date. */
static int follow(struct store_conn *c, int64_t user_id, json_t *app, struct arena *a,
                  struct err *e)
{
    const char *status = json_string_value(json_object_get(app, "status"));
    const char *applied = json_string_value(json_object_get(app, "applied_date"));
    int64_t job_id = json_get_int(app, "job_id");
    enum app_status s = pipeline_status_from_name(status);
    return job_follow_application(c, user_id, job_id, pipeline_job_status_for(s), applied, a, e);
}

int application_create(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
                       json_t **out, struct err *e)
{
    *out = NULL;
    int64_t job_id = values_get(v, "job_id")->value.i;
    const char *status = values_text(v, "status");
    if (status == NULL)
        values_set(v, &application_table, "status", SV_TEXT(status = "interested"));
    fill_dates(v, NULL, APP_INTERESTED, pipeline_status_from_name(status), a);
    const char *now = time_now_text(a);
    values_set(v, &application_table, "user_id", SV_INT(user_id));
    values_set(v, &application_table, "created_at", SV_TEXT(now));
    values_set(v, &application_table, "updated_at", SV_TEXT(now));
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = job_lock(c, user_id, job_id, e); /* the user's job, and its applications serialised */
    if (rc == 0)
        rc = table_insert(c, &application_table, v, a, out, e);
    if (rc == 0)
        rc = follow(c, user_id, *out, a, e);
    return table_finish(c, rc, out, e);
}

/* The PIPELINE_SET_* bits of the dates the stored application has. */
static unsigned dates_present(json_t *existing)
{
    unsigned bits = 0;
    for (size_t i = 0; i < sizeof date_columns / sizeof date_columns[0]; i++)
        if (json_is_string(json_object_get(existing, date_columns[i].column)))
            bits |= date_columns[i].bit;
    return bits;
}

static int check_move(json_t *existing, struct values *v, bool force, struct arena *a,
                      struct err *e)
{
    const char *to_name = values_text(v, "status");
    if (to_name == NULL)
        return 0;
    enum app_status from =
        pipeline_status_from_name(json_string_value(json_object_get(existing, "status")));
    enum app_status to = pipeline_status_from_name(to_name);
    enum app_status kept =
        pipeline_status_from_name(json_string_value(json_object_get(existing, "previous_status")));
    enum app_status previous = pipeline_previous(from, kept, dates_present(existing));
    int rc = pipeline_check(from, to, force, previous, e);
    if (rc)
        return rc;
    fill_dates(v, existing, from, to, a);
    /* in the same write: the status left when closing, none once reopened */
    enum app_status after = pipeline_previous_after(from, to, kept);
    if (after != kept)
        values_set(v, &application_table, "previous_status",
                   after == APP_NONE ? SV_NULL : SV_TEXT(pipeline_status_name(after)));
    return 0;
}

/*
 * Inside a transaction: finds the job of application id of user_id and locks it. Every write
 * of an application locks its job first, so writes of one job's applications run one after the
 * other on both engines: what a write reads next (the application's current state, the job's
 * latest application) is what the previous write committed, and the check-and-write of a move
 * cannot interleave with another (no lost update). Always job first, then application: no
 * deadlock between two writers.
 */
static int lock_for_write(struct store_conn *c, int64_t user_id, int64_t id, int64_t *job_id,
                          struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    struct store_result *r;
    int rc =
        store_exec(c, "SELECT job_id FROM applications WHERE id = ? AND user_id = ?", p, 2, &r, e);
    if (rc)
        return rc;
    *job_id = store_rows(r) ? store_int(r, 0, 0) : 0;
    store_result_free(r);
    if (*job_id == 0)
        return err_set(e, ERR_NOT_FOUND, NULL, "not found");
    rc = job_lock(c, user_id, *job_id, e);
    return rc == ERR_NOT_FOUND ? err_set(e, ERR_NOT_FOUND, NULL, "not found") : rc;
}

int application_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                       bool force, struct arena *a, json_t **out, struct err *e)
{
    *out = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    int64_t job_id;
    json_t *existing = NULL;
    rc = lock_for_write(c, user_id, id, &job_id, e);
    if (rc == 0) /* read after the lock: the state every earlier write left */
        rc = table_get(c, &application_table, user_id, id, a, &existing, e);
    if (rc == 0)
        rc = table_expect_row(&application_table, id, existing, e);
    struct field_value *job = values_get(v, "job_id");
    if (rc == 0 && job && job->value.i != job_id)
        rc = err_set(e, ERR_INVALID, "job_id", "an application cannot move to another job");
    if (rc == 0)
        rc = check_move(existing, v, force, a, e);
    if (rc == 0)
        rc = table_update(c, &application_table, user_id, id, v, a, out, e);
    if (rc == 0) /* any write makes it the job's most recently updated application */
        rc = follow(c, user_id, *out, a, e);
    json_decref(existing);
    return table_finish(c, rc, out, e);
}

int application_delete(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                       struct err *e)
{
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    int64_t job_id;
    rc = lock_for_write(c, user_id, id, &job_id, e);
    if (rc == 0)
        rc = table_delete(c, &application_table, user_id, id, e);
    const char *status = NULL, *applied = NULL;
    if (rc == 0)
        rc = job_stage_latest(c, user_id, job_id, a, &status, &applied, e);
    if (rc == 0) /* the job follows the application now most recent, or none */
        rc = job_follow_application(c, user_id, job_id, status, applied, a, e);
    return table_finish(c, rc, NULL, e);
}

/* The board's shape (the API document reads it). */

static const struct field column_fields[] = {
    {"status", FT_TEXT, F_NOTNULL, pipeline_status_names},
    {"count", FT_INT, F_NOTNULL, .doc = "all the applications of this status"},
    {"items", FT_LIST, F_NOTNULL, .of = &application_with_job_reply,
     .doc = "the per_column most recently updated"},
    {NULL},
};
static const struct table board_column = {NULL, column_fields, false, "BoardColumn"};
static const struct field board_fields[] = {
    {"columns", FT_LIST, F_NOTNULL, .of = &board_column,
     .doc = "one per status, in pipeline order"},
    {"total", FT_INT, F_NOTNULL},
    {"per_column", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table application_board_reply = {NULL, board_fields, false, "Board"};

int application_board(struct store_conn *c, int64_t user_id, int64_t per_column, struct arena *a,
                      struct buf *out, struct err *e)
{
    /* The counts: the counters the triggers keep (migration 0030). Each column: its per_column
     * newest applications, an index range read backwards of (user_id, status, updated_at, id)
     * (migration 0051) that stops after per_column rows, with the job's title and company from
     * the application's own copies (migration 0060: no lookup of the job per row, 0.6 of the
     * 1.5 ms of PostgreSQL's statement for 550 rows). Every statement goes in one batch (one
     * round trip on PostgreSQL).
     * - PostgreSQL: one statement, one arm joined LATERAL to the user's counter rows (the
     *   statuses that have applications), planned once per run where an arm per status was
     *   planned eleven times (100,000 jobs, 20,000 applications: 0.8 -> 0.15 ms of planning).
     *   Its LIMIT is written in the text (one statement per per_column, 50 unless asked) and it
     *   is a prepared statement: PostgreSQL keeps the generic plan, the same plan as for the
     *   values, planned once per connection (planning 0.15-0.3 ms per run before). With a bound
     *   LIMIT it would assume a tenth of each column's rows and plan every run. No outer ORDER
     *   BY: the nested loop runs each arm's LIMIT in turn, so each arm's rows come out in the
     *   arm's order (the store contract's test_sql_lateral holds it), which is all the columns
     *   below need; sorting the 550 rows again cost 0.15-0.3 of 1.2-1.5 ms (pgbench).
     * - SQLite (no LATERAL): one statement per status, each in the order of its index. One
     *   statement of eleven arms (UNION ALL) made SQLite copy every arm's rows into a temporary
     *   b-tree to sort them for the outer ORDER BY: 1.6 against 0.7 ms for the same rows. */
    struct store_value count_params[] = {SV_INT(user_id)};
    struct store_value params[3 * APP_STATUS_COUNT];
    struct store_stmt stmts[1 + APP_STATUS_COUNT] = {
        {"SELECT status, n FROM application_counts WHERE user_id = ?", count_params, 1, false}};
    int nstmts = 1;
    const char *columns = table_columns(&application_table, "a.", a);
    if (store_sql_lateral(c)) {
        params[0] = SV_INT(user_id);
        stmts[nstmts++] = (struct store_stmt){
            arena_printf(
                a,
                "SELECT c.* FROM application_counts s CROSS JOIN LATERAL (SELECT %s, " JOB_COLUMNS
                " FROM applications a WHERE a.user_id = s.user_id "
                "AND a.status = s.status ORDER BY a.updated_at DESC, a.id DESC "
                "LIMIT %lld) AS c WHERE s.user_id = ?",
                columns, (long long)per_column),
            params, 1, false};
    } else {
        const char *sql = arena_printf(a,
                                       "SELECT %s, " JOB_COLUMNS " FROM applications a "
                                       "WHERE a.user_id = ? AND a.status = ? "
                                       "ORDER BY a.updated_at DESC, a.id DESC LIMIT ?",
                                       columns);
        for (int s = 0; s < APP_STATUS_COUNT; s++) {
            struct store_value *p = &params[3 * s];
            p[0] = SV_INT(user_id);
            p[1] = SV_TEXT(pipeline_status_names[s]);
            p[2] = SV_INT(per_column);
            stmts[nstmts++] = (struct store_stmt){sql, p, 3, false};
        }
    }
    struct store_result *res[1 + APP_STATUS_COUNT];
    /* (on SQLite the twelve run in the request's read scope: one read lock and one snapshot,
     * api_applications_board) */
    int rc = store_exec_batch(c, stmts, nstmts, res, e);
    if (rc)
        return rc;
    int64_t counts[APP_STATUS_COUNT] = {0}, total = 0;
    for (size_t i = 0; i < store_rows(res[0]); i++) {
        enum app_status s = pipeline_status_from_name(store_text(res[0], i, 0));
        if (s != APP_NONE)
            counts[s] = store_int(res[0], i, 1);
        total += store_int(res[0], i, 1);
    }
    /* every row's status, in the order of its result (each result in each column's order) */
    size_t rows = 0;
    for (int k = 1; k < nstmts; k++)
        rows += store_rows(res[k]);
    struct board_row {
        const struct store_result *r;
        size_t row;
        enum app_status status;
    } *all = arena_alloc(a, (rows ? rows : 1) * sizeof *all);
    struct table_layout layout = {NULL, NULL};
    size_t n = 0;
    for (int k = 1; k < nstmts; k++) {
        int status_col = store_colindex(res[k], "status");
        for (size_t i = 0; i < store_rows(res[k]); i++)
            all[n++] = (struct board_row){
                res[k], i, pipeline_status_from_name(store_text(res[k], i, status_col))};
        if (layout.fields == NULL) /* every result has the same columns */
            table_text_layout(&application_table, res[k], a, &layout);
    }
    buf_puts(out, "{\"columns\":[");
    for (int s = 0; s < APP_STATUS_COUNT; s++) {
        buf_puts(out, s ? ",{\"status\":" : "{\"status\":");
        json_buf_string(out, pipeline_status_names[s]);
        buf_printf(out, ",\"count\":%lld,\"items\":[", (long long)counts[s]);
        bool first = true;
        for (size_t i = 0; i < n; i++) {
            if (all[i].status != (enum app_status)s)
                continue;
            if (!first)
                buf_putc(out, ',');
            first = false;
            table_row_text_with(&layout, all[i].r, all[i].row, out);
        }
        buf_puts(out, "]}");
    }
    for (int k = 0; k < nstmts; k++)
        store_result_free(res[k]);
    buf_printf(out, "],\"total\":%lld,\"per_column\":%lld}", (long long)total,
               (long long)per_column);
    return 0;
}

int application_exists(struct store_conn *c, int64_t user_id, int64_t id, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    bool found;
    int rc = store_exec_matched(c, "SELECT 1 FROM applications WHERE id = ? AND user_id = ?", p, 2,
                                &found, e);
    if (rc == 0 && !found)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no such application");
    return rc;
}

int application_reached_applied(struct store_conn *c, int64_t user_id, int64_t job_id,
                                bool *reached, struct err *e)
{
    *reached = false;
    struct store_value p[] = {SV_INT(user_id), SV_INT(job_id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT status, applied_date FROM applications WHERE user_id = ? AND "
                        "job_id = ?",
                        p, 2, &r, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < store_rows(r) && !*reached; i++)
        *reached = pipeline_reached_applied(pipeline_status_from_name(store_text(r, i, 0)),
                                            !store_isnull(r, i, 1));
    store_result_free(r);
    return 0;
}

/* ---- follow-ups: a paged list through table_list's hooks ---- */

struct follow_up_query {
    const char *today;
};

static int follow_up_where(void *ctx, struct store_conn *c, struct arena *a, struct buf *sql,
                           const char **glue, struct store_value *params)
{
    const struct follow_up_query *q = ctx;
    /* open applications only: the final statuses, from the pipeline's table, written as
     * constants (names of the pipeline, no user input) so that the planner proves the predicate
     * of the index of the open applications (migration 0049, the same list in the same order) */
    buf_printf(sql,
               "%sa.follow_up_date IS NOT NULL AND a.follow_up_date <= ? AND a.status NOT IN (",
               *glue);
    params[0] = SV_TEXT(q->today);
    const char *sep = "";
    for (int s = 0; s < APP_STATUS_COUNT; s++) {
        if (!pipeline_is_final((enum app_status)s))
            continue;
        assert(strspn(pipeline_status_names[s], "abcdefghijklmnopqrstuvwxyz_") ==
               strlen(pipeline_status_names[s]));
        buf_printf(sql, "%s'%s'", sep, pipeline_status_names[s]);
        sep = ", ";
    }
    buf_putc(sql, ')');
    *glue = " AND ";
    return 1;
}

/* The follow-ups' total: the open applications of the days due by today, from the counters. */
static int follow_up_total(void *ctx, struct store_conn *c, int64_t owner, int64_t *total,
                           struct err *e)
{
    const struct follow_up_query *q = ctx;
    struct store_value p[] = {SV_INT(owner), SV_TEXT(q->today)};
    struct store_result *r = NULL;
    int rc = store_exec(c,
                        "SELECT COALESCE(SUM(n_open), 0) FROM application_date_counts "
                        "WHERE user_id = ? AND kind = 'follow_up_date' AND day <= ?",
                        p, 2, &r, e);
    if (rc == 0)
        *total = store_int(r, 0, 0);
    store_result_free(r);
    return rc;
}

/* A follow-up's overdue: its date is before today. */
static void follow_up_members(void *ctx, const struct store_result *res, size_t i, struct buf *out)
{
    const struct follow_up_query *q = ctx;
    const char *due = table_row_string(res, i, "follow_up_date");
    buf_puts(out, due && strcmp(due, q->today) < 0 ? ",\"overdue\":true" : ",\"overdue\":false");
}

static const char *const follow_up_sortable[] = {"follow_up_date", NULL};
const struct list_spec application_follow_up_spec = {NULL, follow_up_sortable, "follow_up_date",
                                                     &app_counts};

int application_follow_ups(struct store_conn *c, int64_t user_id, const struct list_params *p,
                           struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, &application_table, &application_follow_up_spec, p, a, &q, e);
    if (rc)
        return rc;
    struct follow_up_query ctx = {time_today_text(a)};
    struct list_hooks hooks = {
        .alias = "a",
        .extra_columns = JOB_COLUMNS,
        .where = follow_up_where,
        .sort_not_null = true, /* follow_up_date IS NOT NULL */
        .total = follow_up_total,
        .members = follow_up_members,
        .ctx = &ctx,
    };
    return table_list(c, &application_table, user_id, &q, &hooks, a, items, total, e);
}
