/*
 * This file declares what the files of the jobs' import share and nothing outside them uses
 * (job_import.c, job_import_csv.c): an import under way (struct import) and its rows not stored
 * yet (struct pending), how a row is taken into the batches (job_import_row: one row object,
 * unlike job_import_rows of job_import.h, a whole import) and how a CSV record refused as read
 * is reported (job_refused_record), and the CSV reader (job_import_csv). Each is described where
 * it is defined.
 */
#ifndef COPILOT_MODEL_JOB_IMPORT_INTERNAL_H
#define COPILOT_MODEL_JOB_IMPORT_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/arena.h"
#include "../lib/err.h"
#include "../store/store.h"
#include "job_import.h"

/* A row read and not stored yet: the rows of a batch are stored once the batch is read. */
struct pending {
    long row;
    json_t *obj;   /* the row object (a reference), or NULL: a CSV record refused as read, or a
                      row the feed validated already (items or error) */
    json_t *error; /* its item of the report's errors, when refused (as read or by validation) */
    const struct field_value *items; /* the row's values as the feed parsed them, with the keys
                                        of the duplicate check (nitems; in a feed_batch) */
    int nitems;
    struct values *v; /* the parsed row (flush_batch) */
    bool duplicate;   /* a duplicate of a job of the user's or of the batch (flush_batch) */
};

struct feed_batch;

struct import {
    struct store_conn *c;
    int64_t user_id;
    struct arena *a;
    /* what a batch's statements allocate (their parameters, about 100 KB a statement of
     * JOB_INSERT_ROWS rows), freed once the batch is stored: in `a` it grew by about 12 MB
     * over 10,000 rows, every page of it new (a fault and zeroing each), and all freed at
     * the end (docs/performance.md, the import, nineteenth round) */
    struct arena batch_arena;
    json_t *errors;
    int64_t created, duplicates;
    /* the rows read since the last batch, in order; `queued` of them are row objects, and a
     * batch is BATCH_ROWS of those (CSV records refused as read come along, uncounted) */
    struct pending *pending;
    size_t npending, pending_cap, queued;
    struct values *values; /* room for a batch's parsed rows, and pointers to the valid ones */
    struct values **valid;
    size_t values_cap;
    const char *source;           /* for rows without one: "import" unless the caller says */
    json_t *created_jobs;         /* when not NULL: {id, title, company} of each job created */
    job_import_progress progress; /* when not NULL: told after each row */
    void *progress_ctx;
    job_import_finish finish; /* when not NULL: run before the last commit */
    void *finish_ctx;
    int64_t total;            /* rows, when known (a JSON array's length) */
    struct feed *feed;        /* a JSON text's rows, read beside the import (import_json) */
    struct feed_batch **held; /* the feed's batches whose rows wait in pending (their values) */
    size_t nheld, held_cap;
    int uncommitted; /* batches stored and not committed while the feed reads */
    int64_t *ids;    /* room for a batch's new ids (created_jobs) */
    /* A batch's new jobs are stored without a savepoint per row (on PostgreSQL each one is a
     * subtransaction and two round trips), in multi-row statements: when one of them fails
     * inside the database, the batch rolls back to its own savepoint and stores its rows again
     * one by one, each with a savepoint. */
};

/* job_import.c: the batches */
int job_import_row(struct import *im, long row, json_t *obj, struct err *e);
void job_refused_record(struct import *im, long row, const struct err *e);

/* job_import_csv.c: the CSV reader */
int job_import_csv(struct import *im, const char *data, size_t len, json_t *ignored, struct err *e);

#endif
