/*
 * This file declares a job's stage: the one question the jobs model asks about applications
 * (SPEC part E: while a job has applications, its status is the status of the most recently
 * updated one). It sits apart from model/application.c, which itself writes jobs through
 * model/job.c, so that neither model includes the other both ways.
 */
#ifndef COPILOT_MODEL_JOB_STAGE_H
#define COPILOT_MODEL_JOB_STAGE_H

#include "table.h"

/* The status and applied_date (arena copies; either may be NULL) of the most recently updated
 * application of job_id (of user_id): latest updated_at, then highest id. *status is NULL when
 * the job has no application. */
int job_stage_latest(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                     const char **status, const char **applied_date, struct err *e);

#endif
