/*
 * This file declares what the files of the jobs model share (job.c: the field table, lists,
 * create and update; job_duplicate.c: the duplicate rules): the duplicate checks create and
 * update run. Only those files see it.
 */
#ifndef COPILOT_MODEL_JOB_INTERNAL_H
#define COPILOT_MODEL_JOB_INTERNAL_H

#include <jansson.h>
#include <stdint.h>

#include "../lib/arena.h"
#include "../lib/err.h"
#include "../store/store.h"
#include "table.h"

/* job_duplicate.c: sets job_fingerprint and the URL keys in v from the merged fields */
void job_compute_keys(struct values *v, json_t *existing, struct arena *a);
/* finds another own job (not exclude_id) with the same fingerprint or URL key */
int job_find_duplicate(struct store_conn *c, int64_t user_id, struct values *v, int64_t exclude_id,
                       struct err *e);
/* the user's jobs that look like the one about to be stored from v */
int job_near_duplicates(struct store_conn *c, int64_t user_id, struct values *v, json_t **out,
                        struct err *e);

#endif
