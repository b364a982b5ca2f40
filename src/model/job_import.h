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

/* The same for rows already parsed (a JSON array of job objects: what discovery read from a
 * board): every row through table_parse and job_create, source (e.g. "api") set on rows without
 * one. *report is {created, duplicates, errors}; when created_jobs is not NULL, {id, title,
 * company} of each job created is appended to it. */
int job_import_rows(struct store_conn *c, int64_t user_id, json_t *rows, const char *source,
                    struct arena *a, json_t **report, json_t *created_jobs, struct err *e);

/* Writes all of user_id's jobs as CSV (header row of the visible fields; arrays as JSON text;
 * every cell through csv_write_field, so formulas are neutralised) or as a JSON array. *data
 * lives in a. */
int job_export(struct store_conn *c, int64_t user_id, enum import_format format, struct arena *a,
               char **data, size_t *len, struct err *e);

/* How the CSV export writes the job column called column: CSV_NUMBER for the numeric fields
 * (salary_min, salary_max, id ...), CSV_TEXT for everything else (core/csv.h says what each
 * means for formula neutralisation). */
enum csv_cell job_csv_kind(const char *column);

#endif
