/*
 * This file declares discovery (SPEC part E, "Discovery from public job boards";
 * docs/capture-and-discovery.md): fetching a job source's board or feed, reading it
 * (src/model/feed.c), creating the new postings through the same path as POST /jobs/import
 * (job_import_rows: table_parse and job_create, so duplicates are found exactly as POST /jobs
 * finds them), and recording what the fetch brought and the source's state. Every fetch first
 * takes the source's lease (src/model/job_source.c), so among several servers and the command
 * line one fetch of a source runs at a time. No transaction is open while a board is fetched;
 * the postings found and the record of the fetch are then stored in one (a database failure
 * leaves neither, frees the lease and is not counted as the board's failure).
 */
#ifndef COPILOT_MODEL_DISCOVERY_H
#define COPILOT_MODEL_DISCOVERY_H

#include "table.h"

struct config;

#define DISCOVERY_MAX_BYTES (16u << 20) /* of one answer */
#define DISCOVERY_TIMEOUT_MS 30000L     /* for one fetch, every redirect included */
#define DISCOVERY_LEASE_SECONDS 120     /* longer than any fetch and import */
#define DISCOVERY_DUE_BATCH 20          /* sources run per scheduler pass */

/*
 * Fetches source id of user_id (any user's with 0) now, as started_by ("manual" for the route,
 * "command" for `copilot discover`). *result receives {created, duplicates, errors, found,
 * source, run}: a failed fetch is not an error of the call (it is in errors, the source's
 * last_error and the run). ERR_NOT_FOUND for another user's source, ERR_CONFLICT when a fetch of
 * it is running already, ERR_DB.
 */
int discovery_run(struct store_conn *c, const struct config *cfg, int64_t user_id, int64_t id,
                  const char *started_by, struct arena *a, json_t **result, struct err *e);

/*
 * The scheduler's pass: runs each enabled source not fetched for interval seconds whose lease is
 * free (at most DISCOVERY_DUE_BATCH, least recently fetched first). A source another server took
 * meanwhile is skipped. *ran receives how many were fetched.
 */
int discovery_run_due(struct store_conn *c, const struct config *cfg, int64_t interval, int *ran,
                      struct err *e);

#endif
