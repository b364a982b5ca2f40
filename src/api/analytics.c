/*
 * This file implements the /analytics routes and GET /admin/analytics: query arguments are
 * read with request.h's readers and checked together here (422 naming the argument), the
 * figures come from model/analytics.c and the stored snapshots from model/snapshot.c.
 */
#include "analytics.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../http/list.h"
#include "../http/reply.h"
#include "../lib/timeutil.h"
#include "../model/analytics.h"
#include "../model/snapshot.h"
#include "row_reply.h"

#define SERIES_DAYS 30  /* default range of a daily series */
#define SERIES_WEEKS 12 /* default range of a weekly series */

/* A report of the user's own data (analytics_get_summary, ...): built into *out or ERR_*. */
typedef int (*user_report)(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                           struct err *e);

/* Answers 200 with the caller's report as report builds it. */
static int reply_report(struct request *req, user_report report)
{
    json_t *out;
    int rc = report(request_db(req), req->user_id, &req->arena, &out, &req->err);
    return rc ? rc : http_reply_json(req, 200, out);
}

int api_analytics_summary(struct request *req)
{
    return reply_report(req, analytics_get_summary);
}

int api_analytics_funnel(struct request *req)
{
    return reply_report(req, analytics_get_funnel);
}

int api_analytics_sources(struct request *req)
{
    return reply_report(req, analytics_get_sources);
}

int api_analytics_salaries(struct request *req)
{
    return reply_report(req, analytics_get_salaries);
}

int api_admin_analytics(struct request *req)
{
    json_t *out;
    int rc = analytics_get_system(request_db(req), &req->arena, &out, &req->err);
    return rc ? rc : http_reply_json(req, 200, out);
}

/* ================================================================ query arguments */

/* ?name=YYYY-MM-DD (request_query_date) as a day number (*out untouched when absent). */
static int day_arg(struct request *req, const char *name, int64_t *out)
{
    const char *text = NULL;
    time_t t;
    int rc = request_query_date(req, name, false, &text, &t);
    if (rc == 0 && text)
        *out = stats_day(text);
    return rc;
}

static const char *const intervals[] = {"day", "week", NULL};
static const struct field timeseries_query_fields[] = {
    {"metric", FT_TEXT, 0, analytics_metrics},
    {"interval", FT_TEXT, 0, intervals},
    {"from", FT_DATE, 0},
    {"to", FT_DATE, 0},
    {NULL},
};
const struct table api_analytics_timeseries_query = {NULL, timeseries_query_fields, false,
                                                     "TimeseriesQuery"};

int api_analytics_timeseries(struct request *req)
{
    struct analytics_series q;
    const char *interval;
    int rc = request_query_enum(req, "metric", analytics_metrics, "applications", &q.metric);
    if (rc == 0)
        rc = request_query_enum(req, "interval", intervals, "day", &interval);
    if (rc)
        return rc;
    q.interval = strcmp(interval, "week") == 0 ? STATS_WEEK : STATS_DAY;
    int64_t today = stats_day(time_today_text(&req->arena));
    q.from = STATS_NO_DAY;
    q.to = today;
    rc = day_arg(req, "from", &q.from);
    if (rc == 0)
        rc = day_arg(req, "to", &q.to);
    if (rc)
        return rc;
    if (q.from == STATS_NO_DAY)
        q.from = q.interval == STATS_DAY ? q.to - (SERIES_DAYS - 1)
                                         : stats_week_start(q.to) - 7 * (SERIES_WEEKS - 1);
    if (q.from > q.to)
        return err_set(&req->err, ERR_INVALID, "from", "from must not be after to");
    if (stats_bucket_count(q.from, q.to, q.interval) > STATS_MAX_BUCKETS)
        return err_set(&req->err, ERR_INVALID, "from", "the range holds more than %d %ss",
                       STATS_MAX_BUCKETS, interval);
    json_t *out;
    rc = analytics_get_timeseries(request_db(req), req->user_id, &q, &req->arena, &out, &req->err);
    return rc ? rc : http_reply_json(req, 200, out);
}

#define SKILLS_LIMIT 20
#define SKILLS_LIMIT_MAX 100
static const struct field skills_query_fields[] = {
    {"limit", FT_INT, 0, .min = 1, .max = SKILLS_LIMIT_MAX},
    {NULL},
};
const struct table api_analytics_skills_query = {NULL, skills_query_fields, false, "SkillsQuery"};

int api_analytics_skills(struct request *req)
{
    int64_t limit;
    int rc = http_query_count(req, "limit", SKILLS_LIMIT, SKILLS_LIMIT_MAX, &limit);
    if (rc)
        return rc;
    json_t *out;
    rc = analytics_get_skills(request_db(req), req->user_id, (size_t)limit, &req->arena, &out,
                              &req->err);
    return rc ? rc : http_reply_json(req, 200, out);
}

/* ================================================================ snapshots */

/* The type asked for in the optional body (application_summary without one). */
static int snapshot_type(struct request *req, const char **type)
{
    *type = "application_summary";
    int rc = request_parse_json(req, true); /* the body is optional */
    if (rc || req->json == NULL)
        return rc;
    struct values v = {0};
    rc = table_parse(&snapshot_body, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc == 0 && values_text(&v, "type"))
        *type = values_text(&v, "type");
    return rc;
}

int api_analytics_snapshot_create(struct request *req)
{
    const char *type;
    int rc = snapshot_type(req, &type);
    if (rc)
        return rc;
    json_t *row;
    rc = snapshot_create(request_db(req), req->user_id, type, &req->arena, &row, &req->err);
    if (rc)
        return rc;
    return http_reply_created_at(req, row, "/api/v1/analytics/snapshots");
}

int api_analytics_snapshot_list(struct request *req)
{
    return http_reply_owner_list(req, snapshot_list);
}

int api_analytics_snapshot_get(struct request *req)
{
    json_t *row;
    int rc = table_get(request_db(req), &snapshot_table, req->user_id, request_param_id(req, 0),
                       &req->arena, &row, &req->err);
    return rc ? rc : http_reply_json(req, 200, row);
}

int api_analytics_snapshot_delete(struct request *req)
{
    return api_reply_row_delete(req, &snapshot_table);
}
