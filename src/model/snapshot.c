/*
 * This file implements analytics snapshots (snapshot.h): the analytics table descriptor, and
 * storing the current report of a type, computed by model/analytics.c.
 */
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "../core/stats.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "analytics.h"

const char *const snapshot_types[] = {
    "application_summary", "funnel",          "response_rate",
    "weekly_activity",     "goal_progress",   "source_effectiveness",
    "skill_demand",        "salary_insights", NULL};

static const struct field snapshot_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"type", FT_TEXT, 0, snapshot_types},
    {"data", FT_JSON, 0},
    {"generated_at", FT_TIMESTAMP, 0},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table snapshot_table = {"analytics", snapshot_fields, true, "Snapshot"};

static const char *const list_sortable[] = {"generated_at", "id", NULL};
static const struct list_param list_filters[] = {
    {"type", "type", FILTER_EQ},
    {NULL},
};
const struct list_spec snapshot_list_spec = {list_filters, list_sortable, "-generated_at"};

int snapshot_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                  struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    return table_list_params(c, &snapshot_table, &snapshot_list_spec, user_id, p, NULL, a, items,
                             total, e);
}

static const struct field snapshot_body_fields[] = {
    {"type", FT_TEXT, F_WRITE | F_NOTNULL, snapshot_types},
    {NULL},
};
const struct table snapshot_body = {NULL, snapshot_body_fields, false, "SnapshotRequest"};

/* A new object with the members names of from (copied). */
static json_t *pick(json_t *from, const char *const *names)
{
    json_t *o = json_object();
    for (const char *const *n = names; *n; n++) {
        json_t *v = json_object_get(from, *n);
        json_object_set(o, *n, v ? v : json_null());
    }
    return o;
}

/* The report stored for type. */
static int snapshot_data(struct store_conn *c, int64_t user_id, const char *type, struct arena *a,
                         json_t **out, struct err *e)
{
    static const char *const rates[] = {"applied",       "responses",
                                        "interviews",    "offers",
                                        "response_rate", "interview_rate",
                                        "offer_rate",    "average_days_to_first_response",
                                        "benchmarks",    NULL};
    static const char *const goal[] = {
        "date",           "daily_application_goal", "applications_today", "goal_met",
        "goal_remaining", "goal_progress",          "current_streak",     NULL};
    if (strcmp(type, "funnel") == 0)
        return analytics_get_funnel(c, user_id, a, out, e);
    if (strcmp(type, "source_effectiveness") == 0)
        return analytics_get_sources(c, user_id, a, out, e);
    if (strcmp(type, "skill_demand") == 0)
        return analytics_get_skills(c, user_id, 20, a, out, e);
    if (strcmp(type, "salary_insights") == 0)
        return analytics_get_salaries(c, user_id, a, out, e);
    if (strcmp(type, "weekly_activity") == 0) {
        int64_t today = stats_day(time_today_text(a));
        struct analytics_series q = {"applications", STATS_WEEK, stats_week_start(today) - 7 * 11,
                                     today};
        return analytics_get_timeseries(c, user_id, &q, a, out, e);
    }
    json_t *summary;
    int rc = analytics_get_summary(c, user_id, a, &summary, e);
    if (rc)
        return rc;
    if (strcmp(type, "response_rate") == 0) {
        *out = pick(summary, rates);
        json_decref(summary);
    } else if (strcmp(type, "goal_progress") == 0) {
        *out = pick(summary, goal);
        json_decref(summary);
    } else {
        *out = summary; /* application_summary */
    }
    return 0;
}

int snapshot_create(struct store_conn *c, int64_t user_id, const char *type, struct arena *a,
                    json_t **out, struct err *e)
{
    bool known = false;
    for (const char *const *t = snapshot_types; *t && !known; t++)
        known = strcmp(*t, type) == 0;
    if (!known)
        return err_set(e, ERR_INVALID, "type", "unknown analytics type %s", type);
    json_t *data;
    int rc = snapshot_data(c, user_id, type, a, &data, e);
    if (rc)
        return rc;
    const char *text = json_to_text(data, a);
    json_decref(data);
    struct values v = {0};
    values_set(&v, &snapshot_table, "user_id", SV_INT(user_id));
    values_set(&v, &snapshot_table, "type", SV_TEXT(type));
    values_set(&v, &snapshot_table, "data", SV_TEXT(text));
    values_set(&v, &snapshot_table, "generated_at", SV_TEXT(time_now_text(a)));
    return table_insert(c, &snapshot_table, &v, a, out, e);
}
