/*
 * This file implements the analytics model of analytics.h. Each report is a handful of
 * aggregate queries (never one query per row) whose counts go through the formulas of
 * src/core/stats.c. The pipeline stages a rate counts are SQL conditions, defined once
 * below (and in migration 0035's triggers, the same text) so that the summary, the funnel,
 * the sources and the system figures agree:
 *   applied     = applied_date set, or a status from applied onward on the main path;
 *   responded   = applied, and response_date set or a status from phone_screen onward or
 *                 rejected (a rejection after applying is an answer);
 *   interviewed = applied, and interview_date or offer_date set or a status from interview
 *                 onward (an offer straight after applying reached "interview or later");
 *   offered     = applied, and offer_date set or offer, accepted, declined.
 * One user's reports read the aggregates that triggers keep in the writing transaction
 * (migrations 0035, 0036, 0078: per job source, per day, per currency, per value of a job
 * column), so they cost the same at 100,000 jobs as at 100; windows that depend on today are
 * summed from per-day rows when asked. Days there are stats_day numbers (days since
 * 1970-01-01, UTC). The system figures still count every row but the jobs per source.
 * Timestamps are compared as RFC 3339 text, which both engines read as their column types.
 * The system-wide figures are analytics_system.c's; analytics_internal.h declares what the two
 * files share.
 */
#include "analytics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/pipeline.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "analytics_internal.h"
#include "job.h"
#include "relevance.h"
#include "user.h"

#define AFTER_APPLIED                                                                              \
    "'applied', 'phone_screen', 'interview', 'technical', 'offer', 'accepted', 'declined'"
#define APPLIED(p) "(" p "applied_date IS NOT NULL OR " p "status IN (" AFTER_APPLIED "))"
#define INTERVIEWED(p)                                                                             \
    "(" APPLIED(p) " AND (" p "interview_date IS NOT NULL OR " p "offer_date IS NOT NULL OR " p    \
                   "status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))"
#define OFFERED(p)                                                                                 \
    "(" APPLIED(p) " AND (" p "offer_date IS NOT NULL OR " p "status IN ('offer', 'accepted', "    \
                   "'declined')))"

#define FUNNEL_DAYS 90

/* The composed statements, kept readable. */
/* clang-format off */
/* The reports of one user read the aggregates of migration 0035, which its triggers keep with
 * the stage conditions above (the same text in SQL): application_stages (per job source),
 * application_days (the funnel's counts per day of created_at), activity_days (per metric
 * and day). Days there are stats_day numbers. */
static const char summary_sql[] =
    "SELECT SUM(n), SUM(applied), SUM(responses), SUM(interviews), SUM(offers), SUM(timed), "
    "SUM(response_days) FROM application_stages WHERE user_id = ?";
/* the answers dated after today (a typo, or a day the user expects), which the average of days
 * to a first response leaves out until the day comes: over applications_user_response_idx, and
 * usually no row */
static const char future_responses_sql[] =
    "SELECT applied_date, response_date FROM applications WHERE user_id = ? AND response_date > ? "
    "AND applied_date IS NOT NULL AND response_date >= applied_date";
static const char sent_days_sql[] =
    "SELECT day, n FROM activity_days WHERE user_id = ? AND metric = 'applications' "
    "AND day >= ? AND day <= ?";
/* the days after the one the window starts in, then that day's rows from `since` on */
static const char funnel_sql[] =
    "SELECT SUM(n), SUM(applied), SUM(interviews), SUM(offers), SUM(accepted) FROM ("
    "SELECT n, applied, interviews, offers, accepted FROM application_days "
    "WHERE user_id = ? AND day > ? "
    "UNION ALL SELECT COUNT(*), " COUNT_IF(APPLIED("")) ", " COUNT_IF(INTERVIEWED("")) ", "
    COUNT_IF(OFFERED("")) ", " COUNT_IF("status = 'accepted'")
    " FROM applications WHERE user_id = ? AND created_at >= ? AND created_at < ?) AS days";
static const char source_stages_sql[] =
    "SELECT COALESCE(NULLIF(source, ''), 'unknown'), n, applied, responses, interviews, offers "
    "FROM application_stages WHERE user_id = ?";
static const char series_sql[] =
    "SELECT day, n FROM activity_days WHERE user_id = ? AND metric = ? AND day >= ? AND day <= ?";
/* the jobs with a salary per currency (migration 0036), the most first */
static const char salaries_sql[] =
    "SELECT COALESCE(NULLIF(currency, ''), 'unknown'), jobs, lowest_min, highest_max, "
    "min_sum, min_count, max_sum, max_count, applied_jobs FROM salary_counts WHERE user_id = ? "
    "ORDER BY 2 DESC, 1";

/* The jobs per status and per source read from the per-value counters of migration 0078
 * (job_value_counts: a row per value of the column a user has, '' for NULL, kept by triggers in
 * the writing transaction), a handful of rows where job_counts has one per combination of
 * status, source, job type and remote option (1,133 for 100,000 jobs) and the system figures
 * read every job. A job's source is NULL or one of jobs_source_check's values (never '' nor
 * 'unknown'), so '' is the NULL the reports call unknown. */
static const char job_status_counts_sql[] =
    "SELECT value, n FROM job_value_counts WHERE user_id = ? AND kind = 'status'";
static const char job_source_counts_sql[] =
    "SELECT COALESCE(NULLIF(value, ''), 'unknown'), n FROM job_value_counts "
    "WHERE user_id = ? AND kind = 'source'";

/* clang-format on */

const char *const analytics_metrics[] = {"applications", "jobs",   "responses",
                                         "interviews",   "offers", NULL};

static const char *const rate_levels[] = {"below_low", "low", "typical", "strong", NULL};

/* ================================================================ reply shapes */

/* What the reports below build, for the API document (src/api/openapi.c). */

static const struct field benchmark_fields[] = {
    {"rate", FT_REAL, F_NOTNULL},   {"level", FT_TEXT, F_NOTNULL, rate_levels},
    {"low", FT_REAL, F_NOTNULL},    {"typical", FT_REAL, F_NOTNULL},
    {"strong", FT_REAL, F_NOTNULL}, {NULL},
};
static const struct table benchmark = {NULL, benchmark_fields, false, "Benchmark"};
static const struct field benchmarks_fields[] = {
    {"response_rate", FT_OBJECT, F_NOTNULL, .of = &benchmark},
    {"interview_rate", FT_OBJECT, F_NOTNULL, .of = &benchmark},
    {"offer_rate", FT_OBJECT, F_NOTNULL, .of = &benchmark},
    {NULL},
};
static const struct table benchmarks = {NULL, benchmarks_fields, false, "Benchmarks"};
static const struct field summary_fields[] = {
    {"date", FT_DATE, F_NOTNULL, .doc = "today (UTC)"},
    {"total_jobs", FT_INT, F_NOTNULL},
    {"jobs_by_status", FT_COUNTS, F_NOTNULL, job_statuses},
    {"counts_by_status", FT_COUNTS, F_NOTNULL, pipeline_status_names,
     .doc = "applications per status"},
    {"total_applications", FT_INT, F_NOTNULL},
    STAGE_FIELDS,
    {"applications_this_week", FT_INT, F_NOTNULL},
    {"applications_this_month", FT_INT, F_NOTNULL},
    {"week_start", FT_DATE, F_NOTNULL},
    {"month_start", FT_DATE, F_NOTNULL},
    {"applications_today", FT_INT, F_NOTNULL},
    {"average_days_to_first_response", FT_REAL, 0},
    {"daily_application_goal", FT_INT, F_NOTNULL},
    {"goal_met", FT_BOOL, F_NOTNULL},
    {"goal_remaining", FT_INT, F_NOTNULL},
    {"goal_progress", FT_REAL, F_NOTNULL, .min = 0, .max = 100},
    {"current_streak", FT_INT, F_NOTNULL, .doc = "days in a row up to today meeting the goal"},
    {"benchmarks", FT_OBJECT, F_NOTNULL, .of = &benchmarks},
    {NULL},
};
const struct table analytics_summary_reply = {NULL, summary_fields, false, "AnalyticsSummary"};

static const struct field stage_fields[] = {
    {"stage", FT_TEXT, F_NOTNULL},           {"count", FT_INT, F_NOTNULL},
    {"rate_from_first", FT_REAL, F_NOTNULL}, {"rate_from_previous", FT_REAL, F_NOTNULL},
    {"bottleneck", FT_BOOL, F_NOTNULL},      {NULL},
};
static const struct table funnel_stage = {NULL, stage_fields, false, "FunnelStage"};
static const struct field funnel_fields[] = {
    {"from", FT_TIMESTAMP, F_NOTNULL},
    {"to", FT_TIMESTAMP, F_NOTNULL},
    {"days", FT_INT, F_NOTNULL},
    {"stages", FT_LIST, F_NOTNULL, .of = &funnel_stage},
    {"bottleneck", FT_TEXT, 0, .doc = "the stage below the threshold share of the one before"},
    {"bottleneck_threshold", FT_REAL, F_NOTNULL},
    {NULL},
};
const struct table analytics_funnel_reply = {NULL, funnel_fields, false, "Funnel"};

static const struct field bucket_fields[] = {
    {"date", FT_DATE, F_NOTNULL, .doc = "the first day of the bucket"},
    {"count", FT_INT, F_NOTNULL},
    {NULL},
};
static const struct table bucket = {NULL, bucket_fields, false, "SeriesBucket"};
static const struct field series_fields[] = {
    {"metric", FT_TEXT, F_NOTNULL, analytics_metrics},
    {"interval", FT_TEXT, F_NOTNULL},
    {"from", FT_DATE, F_NOTNULL},
    {"to", FT_DATE, F_NOTNULL},
    {"items", FT_LIST, F_NOTNULL, .of = &bucket},
    {"total", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table analytics_series_reply = {NULL, series_fields, false, "TimeSeries"};

static const struct field source_fields[] = {
    {"source", FT_TEXT, F_NOTNULL},
    {"jobs", FT_INT, F_NOTNULL},
    {"applications", FT_INT, F_NOTNULL},
    STAGE_FIELDS,
    {NULL},
};
static const struct table source_row_shape = {NULL, source_fields, false, "SourceFigures"};
static const struct field sources_fields[] = {
    {"items", FT_LIST, F_NOTNULL, .of = &source_row_shape},
    {"total", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table analytics_sources_reply = {NULL, sources_fields, false, "Sources"};

static const struct field demand_fields[] = {
    {"skill", FT_TEXT, F_NOTNULL},
    {"jobs", FT_INT, F_NOTNULL},
    {"share", FT_REAL, F_NOTNULL},
    {"demand", FT_REAL, F_NOTNULL},
    {"in_demand", FT_BOOL, F_NOTNULL},
    {"have", FT_BOOL, F_NOTNULL | F_OPTIONAL, .doc = "in items only"},
    {NULL},
};
static const struct table demand = {NULL, demand_fields, false, "SkillDemand"};
/* one skill gap: SPEC part C's over every own job (the report itself), or the one of the jobs
 * that matter (its member "relevant", with "relevance") */
#define GAP_FIELDS                                                                                 \
    {"jobs_analyzed", FT_INT, F_NOTNULL, .doc = "jobs naming at least one skill"},                 \
        {"required_count", FT_INT, F_NOTNULL}, {"have_count", FT_INT, F_NOTNULL},                  \
        {"missing_count", FT_INT, F_NOTNULL},                                                      \
        {"coverage", FT_REAL, F_NOTNULL, .min = 0, .max = 100},                                    \
        {"items", FT_LIST, F_NOTNULL, .of = &demand},                                              \
    {                                                                                              \
        "missing", FT_LIST, F_NOTNULL, .of = &demand                                               \
    }
static const struct field relevant_gap_fields[] = {
    GAP_FIELDS,
    {"relevance", FT_OBJECT, F_NOTNULL, .of = &relevance_summary_reply},
    {NULL},
};
static const struct table relevant_gap = {NULL, relevant_gap_fields, false, "RelevantSkillGap"};
static const struct field skills_fields[] = {
    GAP_FIELDS,
    {"user_skills", FT_STRINGS, F_NOTNULL},
    {"relevant", FT_OBJECT, F_NOTNULL, .of = &relevant_gap,
     .doc = "the same over the jobs that matter (docs/analytics.md), weighted by their score"},
    {NULL},
};
#undef GAP_FIELDS
const struct table analytics_skills_reply = {NULL, skills_fields, false, "SkillsReport"};

static const struct field salary_fields[] = {
    {"currency", FT_TEXT, F_NOTNULL},    {"jobs", FT_INT, F_NOTNULL},
    {"applied_jobs", FT_INT, F_NOTNULL}, {"lowest_min", FT_INT, 0},
    {"highest_max", FT_INT, 0},          {"average_min", FT_REAL, 0},
    {"average_max", FT_REAL, 0},         {NULL},
};
static const struct table salary_row = {NULL, salary_fields, false, "SalaryFigures"};
static const struct field salaries_fields[] = {
    {"jobs_with_salary", FT_INT, F_NOTNULL},
    {"items", FT_LIST, F_NOTNULL, .of = &salary_row},
    {NULL},
};
const struct table analytics_salaries_reply = {NULL, salaries_fields, false, "Salaries"};

/* ================================================================ helpers */

struct stages analytics_read_stages(const struct store_result *r, size_t row, int col)
{
    return (struct stages){store_int(r, row, col), store_int(r, row, col + 1),
                           store_int(r, row, col + 2), store_int(r, row, col + 3)};
}

/* {"applied", "responses", "interviews", "offers", three rates} added to obj. */
void analytics_add_stages(json_t *obj, const struct stages *s)
{
    json_object_set_new(obj, "applied", json_integer(s->applied));
    json_object_set_new(obj, "responses", json_integer(s->responses));
    json_object_set_new(obj, "interviews", json_integer(s->interviews));
    json_object_set_new(obj, "offers", json_integer(s->offers));
    json_object_set_new(obj, "response_rate", json_real(stats_rate(s->responses, s->applied)));
    json_object_set_new(obj, "interview_rate", json_real(stats_rate(s->interviews, s->applied)));
    json_object_set_new(obj, "offer_rate", json_real(stats_rate(s->offers, s->applied)));
}

/* {"response_rate": {rate, level, low, typical, strong}, ...} for the rates in obj. */
static json_t *benchmarks_json(json_t *obj)
{
    json_t *out = json_object();
    for (int i = 0; i < STATS_RATES; i++) {
        const struct stats_benchmark *b = &stats_benchmarks[i];
        double rate = json_real_value(json_object_get(obj, b->rate));
        json_object_set_new(out, b->rate,
                            json_pack("{s:f, s:s, s:f, s:f, s:f}", "rate", rate, "level",
                                      stats_rate_level(rate, b), "low", b->low, "typical",
                                      b->typical, "strong", b->strong));
    }
    return out;
}

/* {name: 0 for every name} with the (name, count) rows of r filled in. */
static json_t *counts_by_name(const struct store_result *r, const char *const *names)
{
    json_t *out = json_object();
    for (const char *const *n = names; *n; n++)
        json_object_set_new(out, *n, json_integer(0));
    for (size_t i = 0; i < store_rows(r); i++)
        if (store_text(r, i, 0))
            json_object_set_new(out, store_text(r, i, 0), json_integer(store_int(r, i, 1)));
    return out;
}

/* Runs sql with params and returns (name, count) rows as counts_by_name. */
int analytics_named_counts(struct store_conn *c, const char *sql, const struct store_value *p,
                           int n, const char *const *names, json_t **out, struct err *e)
{
    struct store_result *r;
    int rc = store_exec(c, sql, p, n, &r, e);
    if (rc)
        return rc;
    *out = counts_by_name(r, names);
    store_result_free(r);
    return 0;
}

static const char *day_text(int64_t day, struct arena *a)
{
    char *text = arena_alloc(a, TIME_DATE_LEN);
    stats_day_text(day, text);
    return text;
}

/* Midnight UTC of day as RFC 3339 text. */
static const char *day_start(int64_t day, struct arena *a)
{
    return arena_printf(a, "%sT00:00:00Z", day_text(day, a));
}

/* RFC 3339 text of now minus days. */
const char *analytics_days_ago(int days, struct arena *a)
{
    char *text = arena_alloc(a, TIME_RFC3339_LEN);
    time_format_rfc3339(time(NULL) - (time_t)days * 86400, text);
    return text;
}

/* sum / count rounded to one decimal, or null when count is 0 (as SQL's AVG of no value): the
 * averages the aggregates keep as a sum and a count. */
static json_t *average_json(int64_t sum, int64_t count)
{
    return count > 0 ? json_real(stats_round1((double)sum / (double)count)) : json_null();
}

static int64_t today_day(struct arena *a)
{
    return stats_day(time_today_text(a));
}

/* ================================================================ summary */

/* Totals and stages of every application, and the average days to a first response (into
 * *average, a number or null): the application_stages rows of the user (one per job source,
 * migration 0035) added up, less the answers dated after today (session 36: a response_date
 * in the future, a typo or a plan, entered the average; the triggers cannot take it out when
 * the day comes, so the read does until then). */
static int summary_totals(struct store_conn *c, int64_t user_id, int64_t today, json_t *out,
                          json_t **average, struct arena *a, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c, summary_sql, p, 1, &r, e);
    if (rc)
        return rc;
    struct stages s = analytics_read_stages(r, 0, 1);
    json_object_set_new(out, "total_applications", json_integer(store_int(r, 0, 0)));
    analytics_add_stages(out, &s);
    int64_t timed = store_int(r, 0, 5), days = store_int(r, 0, 6);
    store_result_free(r);
    struct store_value f[] = {SV_INT(user_id), SV_TEXT(day_text(today, a))};
    rc = store_exec(c, future_responses_sql, f, 2, &r, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < store_rows(r); i++) {
        timed--;
        days -= stats_day(store_text(r, i, 1)) - stats_day(store_text(r, i, 0));
    }
    store_result_free(r);
    *average = average_json(days, timed);
    return 0;
}

/* The days of activity_days' metric "applications" (applications sent per day). */
struct sent_days {
    struct stats_day_count *days;
    size_t n, cap;
};

/* Appends the user's days from `from` to `to` (both included) to d. */
static int read_sent_days(struct store_conn *c, int64_t user_id, int64_t from, int64_t to,
                          struct sent_days *d, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_INT(from), SV_INT(to)};
    struct store_result *r;
    int rc = store_exec(c, sent_days_sql, p, 3, &r, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < store_rows(r); i++) {
        if (d->n == d->cap) {
            d->cap = d->cap ? 2 * d->cap : 64;
            d->days = xrealloc(d->days, d->cap * sizeof *d->days);
        }
        d->days[d->n++] = (struct stats_day_count){store_int(r, i, 0), store_int(r, i, 1)};
    }
    store_result_free(r);
    return 0;
}

/* The days a streak needs are read a window at a time, newest first, until it breaks. */
#define STREAK_WINDOW 366

/* this week / month / today, and the goal: daily_application_goal, goal_met, current_streak.
 * One read of the sent days from the earliest window start (at least a month back) to today
 * serves the windows and any streak shorter than that; a longer streak reads further back. */
static int summary_days(struct store_conn *c, int64_t user_id, int64_t today, json_t *average,
                        json_t *out, struct arena *a, struct err *e)
{
    struct user_profile profile;
    int rc = user_profile(c, user_id, a, &profile, e);
    if (rc)
        return rc;
    int64_t goal = profile.daily_application_goal;
    int64_t week = stats_week_start(today), month = stats_month_start(today);
    int64_t from = today - 31;
    from = week < from ? week : from;
    from = month < from ? month : from;
    struct sent_days d = {0};
    rc = read_sent_days(c, user_id, from, today, &d, e);
    int64_t this_week = 0, this_month = 0, done = 0, streak = 0;
    for (size_t i = 0; i < d.n; i++) {
        this_week += d.days[i].day >= week ? d.days[i].count : 0;
        this_month += d.days[i].day >= month ? d.days[i].count : 0;
        done += d.days[i].day == today ? d.days[i].count : 0;
    }
    while (rc == 0) {
        streak = stats_streak(d.days, d.n, today, goal);
        int64_t last = goal > 0 && done >= goal ? today : today - 1; /* where it ends */
        if (streak == 0 || last - streak + 1 > from)
            break;
        rc = read_sent_days(c, user_id, from - STREAK_WINDOW, from - 1, &d, e);
        from -= STREAK_WINDOW;
    }
    free(d.days);
    if (rc)
        return rc;
    json_object_set_new(out, "applications_this_week", json_integer(this_week));
    json_object_set_new(out, "applications_this_month", json_integer(this_month));
    json_object_set_new(out, "week_start", json_string(day_text(week, a)));
    json_object_set_new(out, "month_start", json_string(day_text(month, a)));
    json_object_set_new(out, "applications_today", json_integer(done));
    json_object_set_new(out, "average_days_to_first_response", json_incref(average));
    json_object_set_new(out, "daily_application_goal", json_integer(goal));
    json_object_set_new(out, "goal_met", json_boolean(goal > 0 && done >= goal));
    json_object_set_new(out, "goal_remaining", json_integer(done >= goal ? 0 : goal - done));
    json_object_set_new(out, "goal_progress",
                        json_real(goal > 0 ? stats_rate(done < goal ? done : goal, goal) : 0.0));
    json_object_set_new(out, "current_streak", json_integer(streak));
    return 0;
}

int analytics_get_summary(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                          struct err *e)
{
    int64_t today = today_day(a);
    json_t *o = json_object(), *by_status = NULL, *jobs = NULL;
    struct store_value p[] = {SV_INT(user_id)};
    /* the counters the triggers keep: application_counts (migration 0030) and the status rows
     * of job_value_counts (0078: a row per status the user has, not job_counts' row per
     * combination of four columns) */
    int rc = analytics_named_counts(c, "SELECT status, n FROM application_counts WHERE user_id = ?",
                                    p, 1, pipeline_status_names, &by_status, e);
    if (rc == 0)
        rc = analytics_named_counts(c, job_status_counts_sql, p, 1, job_statuses, &jobs, e);
    if (rc)
        goto fail;
    json_object_set_new(o, "date", json_string(day_text(today, a)));
    int64_t total_jobs = 0;
    const char *key;
    json_t *v;
    json_object_foreach(jobs, key, v) total_jobs += json_integer_value(v);
    json_object_set_new(o, "total_jobs", json_integer(total_jobs));
    json_object_set_new(o, "jobs_by_status", jobs);
    json_object_set_new(o, "counts_by_status", by_status);
    jobs = by_status = NULL;
    json_t *average = NULL;
    rc = summary_totals(c, user_id, today, o, &average, a, e);
    if (rc == 0)
        rc = summary_days(c, user_id, today, average, o, a, e);
    json_decref(average);
    if (rc)
        goto fail;
    json_object_set_new(o, "benchmarks", benchmarks_json(o));
    *out = o;
    return 0;
fail:
    json_decref(jobs);
    json_decref(by_status);
    json_decref(o);
    return rc;
}

/* ================================================================ funnel */

int analytics_get_funnel(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                         struct err *e)
{
    const char *since = analytics_days_ago(FUNNEL_DAYS, a);
    int64_t first = stats_day(since);
    struct store_value p[] = {SV_INT(user_id), SV_INT(first), SV_INT(user_id), SV_TEXT(since),
                              SV_TEXT(day_start(first + 1, a))};
    struct store_result *r;
    int rc = store_exec(c, funnel_sql, p, 5, &r, e);
    if (rc)
        return rc;
    int64_t counts[STATS_FUNNEL_STAGES];
    for (int i = 0; i < STATS_FUNNEL_STAGES; i++)
        counts[i] = store_int(r, 0, i);
    store_result_free(r);
    struct stats_stage stages[STATS_FUNNEL_STAGES];
    int worst = stats_funnel(counts, stages);
    json_t *list = json_array();
    for (int i = 0; i < STATS_FUNNEL_STAGES; i++)
        json_array_append_new(list, json_pack("{s:s, s:I, s:f, s:f, s:b}", "stage", stages[i].name,
                                              "count", (json_int_t)stages[i].count,
                                              "rate_from_first", stages[i].rate_from_first,
                                              "rate_from_previous", stages[i].rate_from_previous,
                                              "bottleneck", stages[i].bottleneck));
    *out = json_pack("{s:s, s:s, s:i, s:o, s:o, s:f}", "from", since, "to", time_now_text(a),
                     "days", FUNNEL_DAYS, "stages", list, "bottleneck",
                     worst >= 0 ? json_string(stages[worst].name) : json_null(),
                     "bottleneck_threshold", STATS_BOTTLENECK_PERCENT);
    return 0;
}

/* ================================================================ time series */

/* The zero-filled buckets of q as [{date, count}] from the (day, count) rows of r. */
static json_t *series_items(const struct store_result *r, const struct analytics_series *q,
                            struct arena *a, int64_t *total)
{
    size_t n = store_rows(r);
    struct stats_day_count *days = xmalloc((n ? n : 1) * sizeof *days);
    for (size_t i = 0; i < n; i++)
        days[i] = (struct stats_day_count){store_int(r, i, 0), store_int(r, i, 1)};
    size_t nbuckets = (size_t)stats_bucket_count(q->from, q->to, q->interval);
    int64_t *buckets = xcalloc(nbuckets, sizeof *buckets);
    *total = stats_fill_buckets(days, n, q->from, q->to, q->interval, buckets, nbuckets);
    json_t *items = json_array();
    for (size_t i = 0; i < nbuckets; i++)
        json_array_append_new(
            items, json_pack("{s:s, s:I}", "date",
                             day_text(stats_bucket_start(q->from, (int64_t)i, q->interval), a),
                             "count", (json_int_t)buckets[i]));
    free(buckets);
    free(days);
    return items;
}

int analytics_get_timeseries(struct store_conn *c, int64_t user_id,
                             const struct analytics_series *q, struct arena *a, json_t **out,
                             struct err *e)
{
    size_t m = 0;
    while (analytics_metrics[m] && strcmp(analytics_metrics[m], q->metric))
        m++;
    if (analytics_metrics[m] == NULL)
        return err_set(e, ERR_INVALID, "metric", "unknown metric %s", q->metric);
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(analytics_metrics[m]), SV_INT(q->from),
                              SV_INT(q->to)};
    struct store_result *r;
    int rc = store_exec(c, series_sql, p, 4, &r, e);
    if (rc)
        return rc;
    int64_t total;
    json_t *items = series_items(r, q, a, &total);
    store_result_free(r);
    *out = json_pack("{s:s, s:s, s:s, s:s, s:o, s:I}", "metric", analytics_metrics[m], "interval",
                     q->interval == STATS_DAY ? "day" : "week", "from", day_text(q->from, a), "to",
                     day_text(q->to, a), "items", items, "total", (json_int_t)total);
    return 0;
}

/* ================================================================ sources */

#define SOURCES_MAX 16

struct source_row {
    const char *source;
    int64_t jobs, applications;
    struct stages stages;
};

static struct source_row *source_slot(struct source_row *rows, size_t *n, const char *name,
                                      struct arena *a)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(rows[i].source, name) == 0)
            return &rows[i];
    if (*n == SOURCES_MAX)
        return NULL;
    rows[*n] = (struct source_row){.source = arena_strdup(a, name)};
    return &rows[(*n)++];
}

static int compare_sources(const void *x, const void *y)
{
    const struct source_row *a = x, *b = y;
    if (a->jobs != b->jobs)
        return a->jobs > b->jobs ? -1 : 1;
    return strcmp(a->source, b->source);
}

int analytics_get_sources(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                          struct err *e)
{
    struct source_row rows[SOURCES_MAX];
    size_t n = 0;
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c, job_source_counts_sql, p, 1, &r, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < store_rows(r); i++) {
        struct source_row *s = source_slot(rows, &n, store_text(r, i, 0), a);
        if (s)
            s->jobs += store_int(r, i, 1);
    }
    store_result_free(r);
    rc = store_exec(c, source_stages_sql, p, 1, &r, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < store_rows(r); i++) {
        struct source_row *s = source_slot(rows, &n, store_text(r, i, 0), a);
        if (s) {
            s->applications = store_int(r, i, 1);
            s->stages = analytics_read_stages(r, i, 2);
        }
    }
    store_result_free(r);
    qsort(rows, n, sizeof *rows, compare_sources);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *item =
            json_pack("{s:s, s:I, s:I}", "source", rows[i].source, "jobs", (json_int_t)rows[i].jobs,
                      "applications", (json_int_t)rows[i].applications);
        analytics_add_stages(item, &rows[i].stages);
        json_array_append_new(items, item);
    }
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
    return 0;
}

/* ================================================================ skills */

static json_t *skill_json(const struct skill_gap_entry *s, size_t jobs, bool with_have)
{
    json_t *o = json_pack("{s:s, s:i, s:f, s:f, s:b}", "skill", s->name, "jobs", s->jobs, "share",
                          stats_rate(s->jobs, (int64_t)jobs), "demand",
                          round(s->demand * 100.0) / 100.0, "in_demand", s->top > 0);
    if (with_have)
        json_object_set_new(o, "have", json_boolean(s->have));
    return o;
}

/* The figures and lists of one finished gap over jobs jobs: {jobs_analyzed, required_count,
 * have_count, missing_count, coverage, items, missing}, lists cut at limit. */
static json_t *gap_json(const struct skill_gap *g, size_t jobs, size_t limit)
{
    json_t *items = json_array(), *missing = json_array();
    for (size_t i = 0; i < g->n; i++) {
        const struct skill_gap_entry *s = &g->items[i];
        if (json_array_size(items) < limit)
            json_array_append_new(items, skill_json(s, jobs, true));
        if (!s->have && json_array_size(missing) < limit)
            json_array_append_new(missing, skill_json(s, jobs, false));
    }
    struct skill_coverage cov = skill_gap_coverage(g);
    return json_pack("{s:I, s:I, s:I, s:I, s:f, s:o, s:o}", "jobs_analyzed", (json_int_t)jobs,
                     "required_count", (json_int_t)cov.required, "have_count", (json_int_t)cov.have,
                     "missing_count", (json_int_t)(cov.required - cov.have), "coverage",
                     cov.coverage, "items", items, "missing", missing);
}

int analytics_get_skills(struct store_conn *c, int64_t user_id, size_t limit, struct arena *a,
                         json_t **out, struct err *e)
{
    struct skill_gap plain = {0}, relevant = {0}; /* both freed when either fails */
    struct relevance r;
    size_t plain_jobs = 0;
    json_t *user = NULL;
    int rc = relevance_plain_skill_gap(c, user_id, a, &plain, &plain_jobs, &user, e);
    if (rc == 0)
        rc = relevance_skill_gap(c, user_id, a, &r, &relevant, NULL, e);
    if (rc) {
        json_decref(user);
        skill_gap_free(&plain);
        skill_gap_free(&relevant);
        return rc;
    }
    json_t *inner = gap_json(&relevant, r.with_skills, limit);
    json_object_set_new(inner, "relevance", relevance_json(&r));
    *out = gap_json(&plain, plain_jobs, limit);
    json_object_set_new(*out, "user_skills", user);
    json_object_set_new(*out, "relevant", inner);
    skill_gap_free(&plain);
    skill_gap_free(&relevant);
    return 0;
}

/* ================================================================ salaries */

int analytics_get_salaries(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                           struct err *e)
{
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c, salaries_sql, p, 1, &r, e);
    if (rc)
        return rc;
    json_t *items = json_array();
    int64_t total = 0;
    for (size_t i = 0; i < store_rows(r); i++) {
        json_t *item = json_pack("{s:s, s:I, s:I}", "currency", store_text(r, i, 0), "jobs",
                                 (json_int_t)store_int(r, i, 1), "applied_jobs",
                                 (json_int_t)store_int(r, i, 8));
        json_object_set_new(item, "lowest_min",
                            store_isnull(r, i, 2) ? json_null() : json_integer(store_int(r, i, 2)));
        json_object_set_new(item, "highest_max",
                            store_isnull(r, i, 3) ? json_null() : json_integer(store_int(r, i, 3)));
        json_object_set_new(item, "average_min",
                            average_json(store_int(r, i, 4), store_int(r, i, 5)));
        json_object_set_new(item, "average_max",
                            average_json(store_int(r, i, 6), store_int(r, i, 7)));
        total += store_int(r, i, 1);
        json_array_append_new(items, item);
    }
    store_result_free(r);
    *out = json_pack("{s:I, s:o}", "jobs_with_salary", (json_int_t)total, "items", items);
    return 0;
}
