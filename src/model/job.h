/*
 * This file declares the jobs model: the jobs table descriptor, creation and update with the
 * duplicate rules of SPEC part C (fingerprint and normalised URL are duplicates, 409; similar
 * company and title are listed as possible duplicates), and the job status that follows an
 * application.
 */
#ifndef COPILOT_MODEL_JOB_H
#define COPILOT_MODEL_JOB_H

#include "table.h"

extern const struct table job_table;
extern const char *const job_statuses[];
/* the values of job_type and of source (NULL-terminated); the preferences' lists of job types
 * and sources take the same ones */
extern const char *const job_type_values[];
extern const char *const job_source_values[];
/* job_source_values' items, for a list that adds to them (the system figures' "unknown") */
#define JOB_SOURCE_VALUES "manual", "import", "linkedin", "indeed", "adzuna", "rss", "api", "other"
/* The reply of POST /jobs: the job and possible_duplicates [{id, company, title, similarity}]. */
extern const struct table job_created_reply;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec job_list_spec;

/* Lists user_id's jobs: filters status, company (any case), source, job_type, remote_option
 * and q (full text over title, company, description, requirements); sort created_at (default
 * newest first), updated_at, company, title, salary_max, date_applied, status. *at (may be
 * NULL) as table_list_params_at's: the version and the page's (id, row_version) pairs. */
int job_list(struct store_conn *c, int64_t user_id, const struct list_params *p, struct arena *a,
             struct buf *items, int64_t *total, struct list_at *at, struct err *e);
/* Whether the answer of the list p, a search, may be kept at the user's data version (the
 * version of job_list's *at, which it reads before the page): p has a q and is sorted by
 * default or by a column whose every write moves the version (list_spec.kept_sorts), and every
 * filter's column moves it too (job_list_spec), so at one version the page's ids, their order
 * and the total are one; each row's other columns move its row_version (job_rows_versions). */
bool job_search_keeps(const struct list_params *p);
/* Reads user_id's data version (*known false when none) and the row_version of each of its
 * jobs among ids[0..n): in found_rows, (id, row_version) of each found, ascending by id, *found of
 * them (at most n). One statement (on PostgreSQL it may ride with the session's lookup). */
int job_rows_versions(struct store_conn *c, int64_t user_id, const int64_t *ids, size_t n,
                      int64_t *version, bool *known, int64_t *found_rows, size_t *found,
                      struct err *e);
/* What user_id's first page of the plain list (no filter, the default sort, no offset) is made
 * of, for keeping its answer (api/jobs.c, src/model/answer_cache.h): *version, the user's data
 * version (user_data_versions.version, moved by triggers on every insert and delete of the
 * user's jobs, on the columns the list counts and on job_resumes, migrations 0033, 0054), and in
 * stamp the list's total from the counters ("N;") and the page's ids with their row_version
 * ("id:version," each), then a newline (no other newline), read in one statement. Two states give
 * the same version and stamp only when the page is the same: every update of a job moves its
 * row_version (the jobs_row_version trigger), and both only grow. *known is false when nothing may
 * be kept (no version, or no job). */
int job_list_stamp(struct store_conn *c, int64_t user_id, int64_t limit, int64_t *version,
                   bool *known, struct buf *stamp, struct err *e);
/* What a job's salaries must keep, the one message for it. */
#define JOB_SALARY_ORDER "salary_min must not be greater than salary_max"
/* Refuses salary_min > salary_max when v (a body, parsed) gives both: ERR_INVALID naming
 * salary_min with JOB_SALARY_ORDER; else 0 (the database's CHECK covers a value given alone). */
int job_check_salary(struct values *v, struct err *e);
/* Creates a job of user_id from the client values v (validated by table_parse); status
 * defaults to not_applied and source to manual (a job that names no source was added by
 * hand). Computes the fingerprint and URL keys; a duplicate answers ERR_CONFLICT with
 * e->existing_id and e->reason ("fingerprint" or "url"). *out receives the job; when possible is
 * not NULL it receives the possible duplicates [{id, company, title, similarity}], looked for
 * before the insert (an error in either step stores nothing). */
int job_create(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
               json_t **out, json_t **possible, struct err *e);
/* ---- many new jobs at once (the import): the duplicate check of job_create for a batch of
 * jobs in one statement ----
 * The keys that make a new job a duplicate: those of the user's jobs that share a key with the
 * batch (job_keys_load), then those of the batch's jobs as they are created (job_keys_add).
 * A job is a duplicate of another exactly when find_duplicate would say so: the same
 * fingerprint, or one of its URL keys equal to either URL key of the other. */
struct job_keys {
    json_t *fingerprints, *urls; /* sets: object keys, the values unused */
};
/* Computes the fingerprint and URL keys of the new job v into v, as job_create does. */
void job_new_keys(struct values *v, struct arena *a);
/* Fills *keys with the keys of user_id's jobs that share a key with one of the n new jobs vs
 * (keys computed by job_new_keys): one statement. Free with job_keys_free (also after an
 * error). */
int job_keys_load(struct store_conn *c, int64_t user_id, struct values *const *vs, size_t n,
                  struct job_keys *keys, struct err *e);
/* True when the new job v shares a key with a job in keys. */
bool job_keys_duplicate(const struct job_keys *keys, struct values *v);
/* Adds v's keys (a job just created). */
void job_keys_add(struct job_keys *keys, struct values *v);
void job_keys_free(struct job_keys *keys);
/* job_create without its duplicate check and possible duplicates: for a job whose keys the
 * caller computed and checked (job_keys_*). A unique index that refuses it all the same (a job
 * created meanwhile by another connection) answers ERR_CONFLICT as job_create does. out may be
 * NULL: the row is then stored without being read back. */
int job_create_checked(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
                       json_t **out, struct err *e);
/* Rows a statement of job_create_many holds at most (about 30 bound values each: far below
 * SQLite's 32,766 and PostgreSQL's 65,535). bench/bare_insert.c inserts as many. */
#define JOB_INSERT_ROWS 128
/* job_create_checked for the n new jobs vs (keys checked by the caller, none a duplicate of
 * another), in order, in multi-row INSERTs of at most JOB_INSERT_ROWS rows (then powers of two):
 * a statement writes the counters its triggers keep once (PostgreSQL's per-statement
 * triggers), not once per job. ids (may be NULL) receives the jobs' ids in the order of vs.
 * Sets the server's values in each of vs. On an error (a unique index's refusal too) some
 * statements may have been run: the caller rolls back (to a savepoint). */
int job_create_many(struct store_conn *c, int64_t user_id, struct values *const *vs, size_t n,
                    struct arena *a, int64_t *ids, struct err *e);
/* Updates job id of user_id with v in one transaction, the job locked, recomputing fingerprint
 * and URL keys (ERR_CONFLICT when the result duplicates another own job; ERR_NOT_FOUND when not
 * the user's job). A job with applications keeps the status they give it: another status in v
 * is ERR_INVALID naming status. */
int job_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v, struct arena *a,
               json_t **out, struct err *e);
/* What other models read of one of the user's jobs (strings in the arena). */
struct job_brief {
    const char *company, *title, *location; /* location may be NULL */
    const char *requirements, *description; /* NULL when empty */
    const char *tech_stack;                 /* JSON array text; "[]" when none */
    const char *remote_option;              /* remote, hybrid, onsite, or NULL */
};
/* Loads job id of user_id into *out. ERR_NOT_FOUND naming the field job_id when it is not the
 * user's. */
int job_brief(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
              struct job_brief *out, struct err *e);
/* The status of a job that has no application any more (its last one was deleted). */
#define JOB_STATUS_UNTRACKED "not_applied"
/* Inside a transaction, locks job id of user_id until it ends, so that every write of its
 * applications (and their effect on its status) is serialised. ERR_NOT_FOUND naming job_id when
 * the job is not the user's. */
int job_lock(struct store_conn *c, int64_t user_id, int64_t id, struct err *e);
/* ---- the résumé a job is matched and written with (job_resumes, migration 0047) ----
 * A job uses the résumé chosen for it, else the user's primary one: src/model/resume.c reads
 * its facts (resume_facts), src/model/recommendation_profile.c its skills. The job object shows the
 * choice as resume_id (null: the primary one). */
extern const struct table job_resume_table;
/* PUT /jobs/{id}/resume: {resume_id}; null goes back to the primary résumé. */
extern const struct table job_resume_body;
/* The résumé chosen for job id of user_id into *resume_id (0: none chosen). */
int job_resume_choice(struct store_conn *c, int64_t user_id, int64_t id, int64_t *resume_id,
                      struct err *e);
/* Chooses résumé resume_id (0: none, back to the primary one) for job id of user_id, in one
 * transaction with the job locked (If-Match on the job); the job gets a new version. *out
 * receives the job. ERR_NOT_FOUND for another user's job, naming resume_id for another user's
 * résumé. */
int job_resume_choose(struct store_conn *c, int64_t user_id, int64_t id, int64_t resume_id,
                      struct arena *a, json_t **out, struct err *e);
/* Sets the job's status to its most recently updated application's (JOB_STATUS_UNTRACKED when
 * status is NULL: no application left), and date_applied to that application's applied_date
 * when it has one (SPEC part B: the job's date_applied follows the application; without one
 * the job's own date stays). */
int job_follow_application(struct store_conn *c, int64_t user_id, int64_t id, const char *status,
                           const char *date_applied, struct arena *a, struct err *e);

#endif
