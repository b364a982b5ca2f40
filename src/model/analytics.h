/*
 * This file declares the analytics model: the figures behind /analytics and /admin/analytics,
 * gathered with aggregate SQL (GROUP BY, SUM(CASE ...)) written once for both engines and
 * turned into JSON with the formulas of src/core/stats.c. Every query but the system-wide
 * one is scoped to one user. Stored snapshots of these reports are model/snapshot.c's.
 * Response shapes are documented in docs/analytics.md.
 */
#ifndef COPILOT_MODEL_ANALYTICS_H
#define COPILOT_MODEL_ANALYTICS_H

#include "../core/stats.h"
#include "table.h"

/* Each of the following builds one report for user_id into *out (a new JSON object) and
 * returns 0, or an ERR_* code from the store with e filled. */

/* Counts by status, totals, this week/month, rates with benchmarks, average days to a first
 * response, today's applications against the daily goal and the current streak. */
int analytics_get_summary(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                          struct err *e);
/* The funnel of the applications created in the last 90 days. */
int analytics_get_funnel(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                         struct err *e);

struct analytics_series {
    const char *metric; /* one of analytics_metrics */
    enum stats_interval interval;
    int64_t from, to; /* day numbers, from <= to, at most STATS_MAX_BUCKETS buckets */
};
/* "applications", "jobs", "responses", "interviews", "offers", NULL-terminated. */
extern const char *const analytics_metrics[];
/* The shapes of the reports (the API document reads them). */
extern const struct table analytics_summary_reply;
extern const struct table analytics_funnel_reply;
extern const struct table analytics_series_reply;
extern const struct table analytics_sources_reply;
extern const struct table analytics_skills_reply;
extern const struct table analytics_salaries_reply;
extern const struct table analytics_system_reply;
/* Zero-filled counts of metric per day or ISO week between from and to. ERR_INVALID when the
 * metric is unknown (the caller validates first). */
int analytics_get_timeseries(struct store_conn *c, int64_t user_id,
                             const struct analytics_series *q, struct arena *a, json_t **out,
                             struct err *e);
/* Per job source: jobs, applications, applied, responses, interviews, offers and rates. */
int analytics_get_sources(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                          struct err *e);
/* Skill demand across the jobs that matter to the user (src/model/relevance.h: open, not
 * excluded, scored at least the threshold, weighted by the score) against the user's skills:
 * coverage, the top `limit` demanded skills and the top `limit` missing ones, in display case. */
int analytics_get_skills(struct store_conn *c, int64_t user_id, size_t limit, struct arena *a,
                         json_t **out, struct err *e);
/* Salary figures of the user's jobs per currency. */
int analytics_get_salaries(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                           struct err *e);
/* System-wide figures for administrators (users, activity, jobs, applications, feedback). */
int analytics_get_system(struct store_conn *c, struct arena *a, json_t **out, struct err *e);

#endif
