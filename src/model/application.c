/*
 * This file implements the applications model of application.h. The pipeline decisions are
 * src/core/pipeline.c's; here they become SQL: dates filled when empty, the job following its
 * application, all in one transaction.
 */
#include "application.h"

#include <string.h>

#include "../core/pipeline.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "job.h"

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
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {"updated_at", FT_TIMESTAMP, F_NOTNULL},
    {NULL},
};
const struct table application_table = {"applications", application_fields, true};

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
    {NULL},
};
const struct list_spec application_list_spec = {list_filters, list_sortable, "-created_at"};

int application_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                     struct arena *a, json_t **items, int64_t *total, struct err *e)
{
    return table_list_params(c, &application_table, &application_list_spec, user_id, p, a, items,
                             total, e);
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

/* The job follows its application: same status, date_applied from applied_date. */
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
    int64_t job_id = values_get(v, "job_id")->value.i;
    bool owned;
    int rc = job_owned(c, user_id, job_id, &owned, e);
    if (rc)
        return rc;
    if (!owned)
        return err_set(e, ERR_NOT_FOUND, "job_id", "no such job: %lld", (long long)job_id);
    const char *status = values_text(v, "status");
    if (status == NULL)
        values_set(v, &application_table, "status", SV_TEXT(status = "interested"));
    fill_dates(v, NULL, APP_INTERESTED, pipeline_status_from_name(status), a);
    const char *now = time_now_text(a);
    values_set(v, &application_table, "user_id", SV_INT(user_id));
    values_set(v, &application_table, "created_at", SV_TEXT(now));
    values_set(v, &application_table, "updated_at", SV_TEXT(now));
    rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = table_insert(c, &application_table, v, a, out, e);
    if (rc == 0)
        rc = follow(c, user_id, *out, a, e);
    if (rc == 0)
        rc = store_commit(c, e);
    if (rc) {
        store_rollback(c);
        if (*out) {
            json_decref(*out);
            *out = NULL;
        }
    }
    return rc;
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
    enum app_status previous = pipeline_previous_from_dates(from, dates_present(existing));
    int rc = pipeline_check(from, to, force, previous, e);
    if (rc == 0)
        fill_dates(v, existing, from, to, a);
    return rc;
}

int application_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                       bool force, struct arena *a, json_t **out, struct err *e)
{
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    json_t *existing = NULL;
    rc = table_get(c, &application_table, user_id, id, a, &existing, e);
    if (rc)
        goto out;
    struct field_value *job = values_get(v, "job_id");
    if (job && job->value.i != json_get_int(existing, "job_id")) {
        rc = err_set(e, ERR_INVALID, "job_id", "an application cannot move to another job");
        goto out;
    }
    rc = check_move(existing, v, force, a, e);
    if (rc == 0)
        rc = table_update(c, &application_table, user_id, id, v, a, out, e);
    if (rc == 0 && values_get(v, "status"))
        rc = follow(c, user_id, *out, a, e);
    if (rc == 0)
        rc = store_commit(c, e);
out:
    json_decref(existing);
    if (rc) {
        store_rollback(c);
        if (*out) {
            json_decref(*out);
            *out = NULL;
        }
    }
    return rc;
}

/* Runs sql (one user_id parameter, then extra) and returns application rows with job fields. */
static int rows_with_job(struct store_conn *c, const char *sql, const struct store_value *params,
                         int n, json_t **rows, struct err *e)
{
    struct store_result *r;
    int rc = store_exec(c, sql, params, n, &r, e);
    if (rc)
        return rc;
    *rows = json_array();
    for (size_t i = 0; i < store_rows(r); i++)
        json_array_append_new(*rows, table_row_json(&application_table, r, i));
    store_result_free(r);
    return 0;
}

int application_board(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                      struct err *e)
{
    const char *sql = arena_printf(a,
                                   "SELECT %s, j.title AS job_title, j.company AS company "
                                   "FROM applications a JOIN jobs j ON j.id = a.job_id "
                                   "WHERE a.user_id = ? ORDER BY a.updated_at DESC, a.id DESC",
                                   table_columns(&application_table, "a.", a));
    struct store_value p[] = {SV_INT(user_id)};
    json_t *rows;
    int rc = rows_with_job(c, sql, p, 1, &rows, e);
    if (rc)
        return rc;
    json_t *columns = json_object(), *counts = json_object();
    for (int s = 0; s < APP_STATUS_COUNT; s++)
        json_object_set_new(columns, pipeline_status_names[s], json_array());
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        json_t *column =
            json_object_get(columns, json_string_value(json_object_get(row, "status")));
        if (column)
            json_array_append(column, row);
    }
    for (int s = 0; s < APP_STATUS_COUNT; s++)
        json_object_set_new(counts, pipeline_status_names[s],
                            json_integer((json_int_t)json_array_size(
                                json_object_get(columns, pipeline_status_names[s]))));
    *out = json_pack("{s:o, s:o, s:I}", "columns", columns, "counts", counts, "total",
                     (json_int_t)json_array_size(rows));
    json_decref(rows);
    return 0;
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

int application_follow_ups(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                           struct err *e)
{
    const char *today = time_today_text(a);
    const char *sql = arena_printf(
        a,
        "SELECT %s, j.title AS job_title, j.company AS company "
        "FROM applications a JOIN jobs j ON j.id = a.job_id "
        "WHERE a.user_id = ? AND a.follow_up_date IS NOT NULL AND a.follow_up_date <= ? "
        "AND a.status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted') "
        "ORDER BY a.follow_up_date, a.id",
        table_columns(&application_table, "a.", a));
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(today)};
    json_t *rows;
    int rc = rows_with_job(c, sql, p, 2, &rows, e);
    if (rc)
        return rc;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        const char *due = json_string_value(json_object_get(row, "follow_up_date"));
        json_object_set_new(row, "overdue", json_boolean(due && strcmp(due, today) < 0));
    }
    *out = json_pack("{s:o, s:I, s:s}", "items", rows, "total", (json_int_t)json_array_size(rows),
                     "today", today);
    return 0;
}
