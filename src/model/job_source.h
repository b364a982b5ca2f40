/*
 * This file declares the job_sources and job_source_runs model (SPEC part E, "Discovery from
 * public job boards"; migrations 0040): the boards and feeds a user follows, their state
 * (last fetch, last error, failures in a row, paused), the lease that lets one server of several
 * fetch a source at a time, and the record of what each fetch brought. Fetching itself is
 * src/model/discovery.c's.
 */
#ifndef COPILOT_MODEL_JOB_SOURCE_H
#define COPILOT_MODEL_JOB_SOURCE_H

#include "table.h"

struct fetch_policy; /* lib/fetch.h */

#define JOB_SOURCE_PAUSE_AFTER 5 /* failures in a row that pause a source (enabled = false) */
#define JOB_SOURCE_RUNS_KEPT 20  /* runs kept per source */

extern const struct table job_source_table;
/* A source with page_url, as the routes answer it. */
extern const struct table job_source_reply;
extern const struct table job_source_run_table;
/* POST /job-sources: {url} or {kind, identifier}, and name, enabled. */
extern const struct table job_source_create_body;
/* PATCH /job-sources/{id}: name, enabled. */
extern const struct table job_source_patch_body;
extern const struct list_spec job_source_list_spec;
extern const struct list_spec job_source_run_list_spec;

/* Lists user_id's sources: filters kind, enabled; sort created_at (default newest first),
 * name, kind, last_fetched_at. Each item has page_url (the board's page for people). */
int job_source_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                    struct arena *a, struct buf *items, int64_t *total, struct err *e);

/* Creates a source of user_id from body (checked against job_source_create_body): a pasted
 * url is recognised (src/core/job_board.c), or kind and identifier are checked and normalised.
 * ERR_INVALID naming the field, also for a feed whose host is an IP address that policy
 * (COPILOT_CAPTURE_ALLOW_PRIVATE, lib/fetch.h) would not let the fetch reach (a host name is not
 * resolved here); ERR_CONFLICT with e->existing_id when the user follows it already. *out
 * receives the row. */
int job_source_create(struct store_conn *c, int64_t user_id, json_t *body,
                      const struct fetch_policy *policy, struct arena *a, json_t **out,
                      struct err *e);

/* One of user_id's sources (ERR_NOT_FOUND otherwise), with page_url. user_id 0: any user's. */
int job_source_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
                   struct err *e);

/* Changes name and enabled (v from job_source_patch_body). Enabling a source starts its count
 * of failures again. */
int job_source_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                      struct arena *a, json_t **out, struct err *e);

/* ---- the lease: one fetch of a source at a time, whichever server runs it ---- */

/*
 * Takes the lease of source id until `until` (RFC 3339) when it is free at `now`: *taken says
 * whether it was. With due_before (RFC 3339; NULL for a fetch asked now), only when the source
 * is enabled and was not fetched since due_before either, so two servers that both found it due
 * run it once. One UPDATE: atomic on both engines.
 */
int job_source_lease(struct store_conn *c, int64_t id, const char *now, const char *until,
                     const char *due_before, bool *taken, struct err *e);

/* Ends a fetch: sets last_fetched_at to now, frees the lease and, when error is NULL, clears
 * last_error and the failures in a row; otherwise stores error, counts the failure and pauses
 * the source (enabled = false) at JOB_SOURCE_PAUSE_AFTER failures in a row. */
int job_source_finish(struct store_conn *c, int64_t id, const char *now, const char *error,
                      struct err *e);

/* Frees the lease of a fetch the database failed: nothing of the fetch is recorded (the board
 * did not fail: the source is not paused for it, nor its last error set). */
int job_source_release(struct store_conn *c, int64_t id, struct err *e);

/* Sets the source's name when it has none (the board's or feed's own name, read at a fetch). */
int job_source_name_if_empty(struct store_conn *c, int64_t id, const char *name, struct err *e);

/* The ids of enabled sources not fetched since due_before whose lease is free at now, least
 * recently fetched first, at most max (*n of them). */
int job_source_due(struct store_conn *c, const char *now, const char *due_before, int64_t *ids,
                   size_t max, size_t *n, struct err *e);

/* The ids of the enabled sources of user_id (every user's with 0), by id, at most max. */
int job_source_enabled(struct store_conn *c, int64_t user_id, int64_t *ids, size_t max, size_t *n,
                       struct err *e);

/* ---- runs ---- */

struct job_source_run {
    int64_t user_id, source_id;
    const char *started_by; /* "manual", "schedule" or "command" */
    const char *started_at, *finished_at;
    int64_t found, created, duplicates, errors;
    const char *error; /* NULL when the fetch itself worked */
    json_t *jobs;      /* [{id, title, company}] of the jobs created (borrowed) */
};

/* Records a run and keeps the source's last JOB_SOURCE_RUNS_KEPT. *out (may be NULL) receives
 * the row. */
int job_source_add_run(struct store_conn *c, const struct job_source_run *run, struct arena *a,
                       json_t **out, struct err *e);

/* Lists the runs of user_id's source id, newest first (ERR_NOT_FOUND when not the user's). */
int job_source_runs(struct store_conn *c, int64_t user_id, int64_t id, const struct list_params *p,
                    struct arena *a, struct buf *items, int64_t *total, struct err *e);

#endif
