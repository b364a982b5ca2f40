/*
 * This file declares the /analytics routes (summary, funnel, timeseries, sources, skills,
 * salaries, snapshots) and GET /admin/analytics. Shapes: docs/analytics.md.
 */
#ifndef COPILOT_API_ANALYTICS_H
#define COPILOT_API_ANALYTICS_H

#include "../http/request.h"
#include "../model/table.h"

/* The query arguments of GET /analytics/timeseries and GET /analytics/skills. */
extern const struct table api_analytics_timeseries_query;
extern const struct table api_analytics_skills_query;

/* Each handler answers 200 with the report as JSON, or returns an ERR_* code with req->err
 * filled (422 naming the faulty query argument or body field). */
int api_analytics_summary(struct request *req);
int api_analytics_funnel(struct request *req);
/* ?metric=applications|jobs|responses|interviews|offers&interval=day|week&from=&to= */
int api_analytics_timeseries(struct request *req);
int api_analytics_sources(struct request *req);
/* ?limit=1..100 (default 20) for the demanded and missing lists */
int api_analytics_skills(struct request *req);
int api_analytics_salaries(struct request *req);
/* POST: optional body {type}; 201 with the stored row and Location. */
int api_analytics_snapshot_create(struct request *req);
/* GET list (?type=, limit, offset, sort=generated_at|id), GET one, DELETE one (204). */
int api_analytics_snapshot_list(struct request *req);
int api_analytics_snapshot_get(struct request *req);
int api_analytics_snapshot_delete(struct request *req);
/* Administrators: system-wide figures. */
int api_admin_analytics(struct request *req);

#endif
