/*
 * This file declares analytics snapshots: rows of the analytics table (SPEC part A), each a
 * report of model/analytics.c frozen at generated_at, of one of the SPEC's analytics types.
 * Rows belong to their user (user_id; NULL only after the user is deleted, or for system-wide
 * rows, which no route creates yet).
 */
#ifndef COPILOT_MODEL_SNAPSHOT_H
#define COPILOT_MODEL_SNAPSHOT_H

#include "table.h"

/* The analytics table (id, user_id, type, data, generated_at), read-only to clients. */
extern const struct table snapshot_table;

/* Lists user_id's snapshots: filter type; sort generated_at (default newest first), id. */
int snapshot_list(
    struct store_conn *c, int64_t user_id, const struct list_params *p, struct arena *a,
    struct buf *items, int64_t *total,
    struct err *e); /* The body of POST /analytics/snapshots: {"type"?} (one of snapshot_types). */
extern const struct table snapshot_body;
/* application_summary, funnel, response_rate, weekly_activity, goal_progress,
 * source_effectiveness, skill_demand, salary_insights; NULL-terminated. */
extern const char *const snapshot_types[];
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec snapshot_list_spec;

/* Computes the report of type (one of snapshot_types) for user_id and stores it as a new row;
 * *out receives the row. ERR_INVALID (field type) for an unknown type; store errors as
 * store_exec. Which report each type stores is listed in docs/analytics.md. */
int snapshot_create(struct store_conn *c, int64_t user_id, const char *type, struct arena *a,
                    json_t **out, struct err *e);

#endif
