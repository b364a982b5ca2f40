/*
 * This file implements the analytics model's system-wide figures (analytics_get_system, for
 * administrators): users, jobs, applications and recommendation feedback across every user,
 * read from the aggregates the triggers keep wherever one exists.
 */

#include "../core/pipeline.h"
#include "../lib/timeutil.h"
#include "analytics.h"
#include "analytics_internal.h"
#include "job.h"

/* clang-format off */

static const char system_users_sql[] =
    "SELECT COUNT(*), " COUNT_IF("is_admin") ", " COUNT_IF("created_at >= ?") ", "
    COUNT_IF("created_at >= ?") " FROM users";
/* The system's jobs without reading them (docs/performance.md "Edges (eighteenth round)"): the
 * total and the users with jobs from each user's total row of job_value_counts (below; a user
 * without jobs has none), the jobs created in the 7- and 30-day windows counted per such user
 * on jobs_user_created_at_idx (user_id, created_at), a range of the index's entries each, where
 * one COUNT over jobs read every row of every user. */
static const char system_jobs_sql[] =
    "SELECT COALESCE(SUM(v.n), 0), "
    "COALESCE(SUM((SELECT COUNT(*) FROM jobs j WHERE j.user_id = v.user_id "
    "AND j.created_at >= ?)), 0), "
    "COALESCE(SUM((SELECT COUNT(*) FROM jobs j WHERE j.user_id = v.user_id "
    "AND j.created_at >= ?)), 0), "
    "COUNT(*) FROM job_value_counts v WHERE v.kind = '' AND v.value = ''";
/* The system's applications from the per-user aggregates the triggers keep (migrations 0030
 * and 0035; tests/store's contract checks them against a recount): a row per user and status,
 * and per user and job source with the stage counts, where both statements read every
 * application. */
static const char system_application_counts_sql[] =
    "SELECT status, SUM(n) FROM application_counts GROUP BY status";
static const char system_application_stages_sql[] =
    "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(applied), 0), COALESCE(SUM(responses), 0), "
    "COALESCE(SUM(interviews), 0), COALESCE(SUM(offers), 0) FROM application_stages";
/* A user counts as active who has a session used, or a job or an application changed, since
 * the moment: one probe per user of each of sessions_user_id_idx, jobs_user_updated_at_idx and
 * applications_user_updated_at_idx (a user_id in those tables is always a user's: their
 * foreign keys cascade), where the UNION of three scans read every job and application. */
static const char active_users_sql[] =
    "SELECT COUNT(*) FROM users u WHERE "
    "EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id "
    "AND COALESCE(s.last_used_at, s.created_at) >= ?) "
    "OR EXISTS (SELECT 1 FROM jobs j WHERE j.user_id = u.id AND j.updated_at >= ?) "
    "OR EXISTS (SELECT 1 FROM applications a WHERE a.user_id = u.id AND a.updated_at >= ?)";

static const char system_job_sources_sql[] =
    "SELECT COALESCE(NULLIF(value, ''), 'unknown'), SUM(n) FROM job_value_counts "
    "WHERE kind = 'source' GROUP BY 1";
static const char system_feedback_sql[] =
    "SELECT COUNT(*), " COUNT_IF("is_helpful") ", (SELECT COUNT(*) FROM analytics) "
    "FROM job_recommendation_feedback";

/* clang-format on */

/* The job sources system_jobs counts (a job without one counts as unknown). */
static const char *const sources[] = {JOB_SOURCE_VALUES, "unknown", NULL};

static const struct field system_users_fields[] = {
    {"total", FT_INT, F_NOTNULL},
    {"admins", FT_INT, F_NOTNULL},
    {"new_last_7_days", FT_INT, F_NOTNULL},
    {"new_last_30_days", FT_INT, F_NOTNULL},
    {"active_last_7_days", FT_INT, F_NOTNULL},
    {"active_last_30_days", FT_INT, F_NOTNULL},
    {NULL},
};
static const struct table system_users_shape = {NULL, system_users_fields, false, "SystemUsers"};
static const struct field system_jobs_fields[] = {
    {"total", FT_INT, F_NOTNULL},
    {"created_last_7_days", FT_INT, F_NOTNULL},
    {"created_last_30_days", FT_INT, F_NOTNULL},
    {"users_with_jobs", FT_INT, F_NOTNULL},
    {"by_source", FT_COUNTS, F_NOTNULL, sources},
    {NULL},
};
static const struct table system_jobs_shape = {NULL, system_jobs_fields, false, "SystemJobs"};
static const struct field system_applications_fields[] = {
    {"total", FT_INT, F_NOTNULL},
    {"by_status", FT_COUNTS, F_NOTNULL, pipeline_status_names},
    STAGE_FIELDS,
    {NULL},
};
static const struct table system_applications_shape = {NULL, system_applications_fields, false,
                                                       "SystemApplications"};
static const struct field system_marks_fields[] = {
    {"total", FT_INT, F_NOTNULL},
    {"helpful", FT_INT, F_NOTNULL},
    {"unhelpful", FT_INT, F_NOTNULL},
    {NULL},
};
static const struct table system_marks = {NULL, system_marks_fields, false, "SystemMarks"};
static const struct field system_fields[] = {
    {"users", FT_OBJECT, F_NOTNULL, .of = &system_users_shape},
    {"jobs", FT_OBJECT, F_NOTNULL, .of = &system_jobs_shape},
    {"applications", FT_OBJECT, F_NOTNULL, .of = &system_applications_shape},
    {"recommendation_feedback", FT_OBJECT, F_NOTNULL, .of = &system_marks},
    {"snapshots", FT_INT, F_NOTNULL},
    {"generated_at", FT_TIMESTAMP, F_NOTNULL},
    {NULL},
};
const struct table analytics_system_reply = {NULL, system_fields, false, "SystemFigures"};

/* ================================================================ system-wide */

/* Users who signed in, or changed a job or application, since `since`. */
static int active_users(struct store_conn *c, const char *since, int64_t *out, struct err *e)
{
    struct store_value p[] = {SV_TEXT(since), SV_TEXT(since), SV_TEXT(since)};
    struct store_result *r;
    int rc = store_exec(c, active_users_sql, p, 3, &r, e);
    if (rc == 0)
        *out = store_int(r, 0, 0);
    store_result_free(r);
    return rc;
}

static int system_users(struct store_conn *c, struct arena *a, json_t *out, struct err *e)
{
    const char *week = analytics_days_ago(7, a), *month = analytics_days_ago(30, a);
    struct store_value p[] = {SV_TEXT(week), SV_TEXT(month)};
    struct store_result *r;
    int rc = store_exec(c, system_users_sql, p, 2, &r, e);
    if (rc)
        return rc;
    json_t *users =
        json_pack("{s:I, s:I, s:I, s:I}", "total", (json_int_t)store_int(r, 0, 0), "admins",
                  (json_int_t)store_int(r, 0, 1), "new_last_7_days", (json_int_t)store_int(r, 0, 2),
                  "new_last_30_days", (json_int_t)store_int(r, 0, 3));
    store_result_free(r);
    json_object_set_new(out, "users", users);
    int64_t active7 = 0, active30 = 0;
    rc = active_users(c, week, &active7, e);
    if (rc == 0)
        rc = active_users(c, month, &active30, e);
    json_object_set_new(users, "active_last_7_days", json_integer(active7));
    json_object_set_new(users, "active_last_30_days", json_integer(active30));
    return rc;
}

static int system_jobs(struct store_conn *c, struct arena *a, json_t *out, struct err *e)
{
    struct store_value p[] = {SV_TEXT(analytics_days_ago(7, a)),
                              SV_TEXT(analytics_days_ago(30, a))};
    struct store_result *r;
    int rc = store_exec(c, system_jobs_sql, p, 2, &r, e);
    if (rc)
        return rc;
    json_t *jobs = json_pack("{s:I, s:I, s:I, s:I}", "total", (json_int_t)store_int(r, 0, 0),
                             "created_last_7_days", (json_int_t)store_int(r, 0, 1),
                             "created_last_30_days", (json_int_t)store_int(r, 0, 2),
                             "users_with_jobs", (json_int_t)store_int(r, 0, 3));
    store_result_free(r);
    json_object_set_new(out, "jobs", jobs);
    json_t *by_source;
    rc = analytics_named_counts(c, system_job_sources_sql, NULL, 0, sources, &by_source, e);
    if (rc == 0)
        json_object_set_new(jobs, "by_source", by_source);
    return rc;
}

static int system_applications(struct store_conn *c, json_t *out, struct err *e)
{
    json_t *by_status;
    int rc = analytics_named_counts(c, system_application_counts_sql, NULL, 0,
                                    pipeline_status_names, &by_status, e);
    if (rc)
        return rc;
    struct store_result *r;
    rc = store_exec(c, system_application_stages_sql, NULL, 0, &r, e);
    if (rc) {
        json_decref(by_status);
        return rc;
    }
    struct stages s = analytics_read_stages(r, 0, 1);
    json_t *apps =
        json_pack("{s:I, s:o}", "total", (json_int_t)store_int(r, 0, 0), "by_status", by_status);
    store_result_free(r);
    analytics_add_stages(apps, &s);
    json_object_set_new(out, "applications", apps);
    return 0;
}

static int system_feedback(struct store_conn *c, json_t *out, struct err *e)
{
    struct store_result *r;
    int rc = store_exec(c, system_feedback_sql, NULL, 0, &r, e);
    if (rc)
        return rc;
    int64_t total = store_int(r, 0, 0), helpful = store_int(r, 0, 1);
    json_object_set_new(out, "recommendation_feedback",
                        json_pack("{s:I, s:I, s:I}", "total", (json_int_t)total, "helpful",
                                  (json_int_t)helpful, "unhelpful", (json_int_t)(total - helpful)));
    json_object_set_new(out, "snapshots", json_integer(store_int(r, 0, 2)));
    store_result_free(r);
    return 0;
}

int analytics_get_system(struct store_conn *c, struct arena *a, json_t **out, struct err *e)
{
    json_t *o = json_object();
    int rc = system_users(c, a, o, e);
    if (rc == 0)
        rc = system_jobs(c, a, o, e);
    if (rc == 0)
        rc = system_applications(c, o, e);
    if (rc == 0)
        rc = system_feedback(c, o, e);
    if (rc) {
        json_decref(o);
        return rc;
    }
    json_object_set_new(o, "generated_at", json_string(time_now_text(a)));
    *out = o;
    return 0;
}
