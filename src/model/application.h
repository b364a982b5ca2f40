/*
 * This file declares the applications model: the table descriptor, and create/update that
 * apply the pipeline rules of SPEC part C (src/core/pipeline.c decides; this file fills the
 * dates and makes the job's status follow, in one transaction), delete, the bounded kanban board
 * and the follow-up list of SPEC part E.
 */
#ifndef COPILOT_MODEL_APPLICATION_H
#define COPILOT_MODEL_APPLICATION_H

#include "table.h"

extern const struct table application_table;
/* The replies of application_board and application_follow_ups. */
extern const struct table application_board_reply;
/* An application with its job's title and company (every list), and a follow-up (overdue). */
extern const struct table application_with_job_reply;
extern const struct table application_follow_up_reply;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec application_list_spec;
extern const struct list_spec application_follow_up_spec;

/* Lists user_id's applications, each with its job's job_title and company: filters status, job_id,
 * applied_from/_to and follow_up_from/_to (dates); sort created_at (default newest first),
 * updated_at, applied_date, status, follow_up_date, interview_date, response_date. */
int application_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                     struct arena *a, struct buf *items, int64_t *total, struct err *e);
/* Creates an application of user_id from v. ERR_NOT_FOUND (field job_id) when the job is not
 * the user's. Dates of the initial status are filled; the job's status follows. */
int application_create(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
                       json_t **out, struct err *e);
/* Updates application id. A status change must be allowed by the pipeline (force reopens a
 * final state to the one before it); ERR_INVALID lists the allowed next states in e. The check
 * and the write are atomic (the job is locked first), and the job's status follows. */
int application_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                       bool force, struct arena *a, json_t **out, struct err *e);
/* Deletes application id; the job then follows its most recently updated remaining
 * application, or goes back to JOB_STATUS_UNTRACKED when none is left (one transaction). */
int application_delete(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                       struct err *e);
/* The bounded board (SPEC part E): {"columns": [{status, count, items}...], "total",
 * "per_column"}: one column per status in pipeline order, each with the count of the user's
 * applications in it and the per_column most recently updated ones (with job_title, company).
 * Appended to out as the reply's JSON text (compact), written from the rows (table_row_text):
 * up to 13 * 200 applications, without an object per row. */
int application_board(struct store_conn *c, int64_t user_id, int64_t per_column, struct arena *a,
                      struct buf *out, struct err *e);
/* 0 when application id is user_id's, else ERR_NOT_FOUND (e names no field: the caller knows
 * where the id came from). */
int application_exists(struct store_conn *c, int64_t user_id, int64_t id, struct err *e);
/* Sets *reached when user_id has an application for job_id that reached "applied"
 * (pipeline_reached_applied); false when there is none. */
int application_reached_applied(struct store_conn *c, int64_t user_id, int64_t job_id,
                                bool *reached, struct err *e);
/* The paged list of open applications whose follow_up_date is today or earlier (sort
 * follow_up_date, oldest first by default), each with job_title, company and overdue (before
 * today). */
int application_follow_ups(struct store_conn *c, int64_t user_id, const struct list_params *p,
                           struct arena *a, struct buf *items, int64_t *total, struct err *e);

#endif
