/*
 * This file declares bulk import and export of jobs, shared by POST /jobs/import,
 * GET /jobs/export and `copilot import jobs`. Imports run one transaction per batch of rows and
 * report, per row, what went wrong, while the valid rows are kept.
 */
#ifndef COPILOT_MODEL_JOB_IMPORT_H
#define COPILOT_MODEL_JOB_IMPORT_H

#include "../core/csv.h"
#include "table.h"

enum import_format { IMPORT_JSON, IMPORT_CSV };

/* The report job_import makes (the API document reads it). */
extern const struct table job_import_report;

/* Imports data (a JSON array of job objects, or CSV whose header names job fields) for user_id.
 * *report receives {created, duplicates, errors: [{row, message, field?}], ignored_columns}.
 * Rows are numbered from 1 (for CSV, the first record after the header is row 1).
 * Returns 0, ERR_BAD_REQUEST (data is not a JSON array / CSV has no header) or ERR_DB. */
int job_import(struct store_conn *c, int64_t user_id, const char *data, size_t len,
               enum import_format format, struct arena *a, json_t **report, struct err *e);
/* The same, calling progress(ctx, rows, total) after each row read: rows so far, and the number
 * of rows when it is known (a JSON array's length; 0 for CSV). progress may be NULL. */
typedef void (*job_import_progress)(void *ctx, int64_t rows, int64_t total);
int job_import_observed(struct store_conn *c, int64_t user_id, const char *data, size_t len,
                        enum import_format format, job_import_progress progress, void *ctx,
                        struct arena *a, json_t **report, struct err *e);

/* What must be stored with an import's rows or not at all (discovery's record of the run),
 * run on the import's connection inside its last transaction, before the commit, with the
 * import's counts: nonzero fails the import, that transaction rolled back. */
typedef int (*job_import_finish)(void *ctx, int64_t created, int64_t duplicates, size_t errors,
                                 struct err *e);

/* The same for rows already parsed (a JSON array of job objects: what discovery read from a
 * board): every row through table_parse and job_create, source (e.g. "api") set on rows without
 * one. *report is {created, duplicates, errors}; when created_jobs is not NULL, {id, title,
 * company} of each job created is appended to it; when finish is not NULL, it runs before the
 * last commit (job_import_finish). */
int job_import_rows(struct store_conn *c, int64_t user_id, json_t *rows, const char *source,
                    struct arena *a, json_t **report, json_t *created_jobs,
                    job_import_finish finish, void *finish_ctx, struct err *e);

/* The export of all of user_id's jobs, streamed from a cursor (store.h) in constant memory:
 * CSV (a header row of the visible fields, then one record per job, every cell through
 * csv_write_field; arrays as JSON text) or a JSON array, the bytes json_dumps(array,
 * JSON_COMPACT) would give. Nothing else may run on c until the export is closed.
 * job_export_next appends the next part (some tens of KiB) to out and returns 1, 0 once the
 * export is complete, or ERR_* with e filled; job_export_close frees it (NULL is fine). */
struct job_export;
int job_export_open(struct store_conn *c, int64_t user_id, enum import_format format,
                    struct job_export **out, struct err *e);
int job_export_next(struct job_export *x, struct buf *out, struct err *e);
void job_export_close(struct job_export *x);

/* How the CSV export writes the job column called column: CSV_NUMBER for the numeric fields
 * (salary_min, salary_max, id ...), CSV_TEXT for everything else (core/csv.h says what each
 * means for formula neutralisation). */
enum csv_cell job_csv_kind(const char *column);

#endif
