/*
 * This file implements the jobs model of job.h: the field table, and create/update with the
 * duplicate rules (src/core/fingerprint.c computes the keys, src/core/similarity.c scores
 * near duplicates). The duplicate rules are job_duplicate.c's; job_internal.h declares what
 * the two files share.
 */
#include "job.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/validate.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "job_internal.h"
#include "job_stage.h"
#include "score_cache.h"

const char *const job_type_values[] = {"full-time", "part-time", "contract", "internship",
                                       "temporary", "freelance", NULL};
static const char *const remote_options[] = {"onsite", "hybrid", "remote", NULL};
const char *const job_source_values[] = {JOB_SOURCE_VALUES, NULL};
const char *const job_statuses[] = {
    "not_applied", "interested", "applied",  "phone_screen", "interview", "technical", "offer",
    "accepted",    "declined",   "rejected", "withdrawn",    "ghosted",   "archived",  NULL};

#define SHORT_TEXT .min = 1, .max = 255
#define LONG_TEXT .max = 100000

static const struct field job_fields[] = {
    {"id", FT_INT, F_NOTNULL},
    {"user_id", FT_INT, 0},
    {"company", FT_TEXT, F_WRITE | F_REQUIRED, SHORT_TEXT},
    {"title", FT_TEXT, F_WRITE | F_REQUIRED, SHORT_TEXT},
    {"location", FT_TEXT, F_WRITE, .max = 255},
    {"description", FT_TEXT, F_WRITE, LONG_TEXT},
    {"requirements", FT_TEXT, F_WRITE, LONG_TEXT},
    {"salary_range", FT_TEXT, F_WRITE, .max = 255},
    {"salary_min", FT_INT, F_WRITE, .min = 0, .max = 1000000000},
    {"salary_max", FT_INT, F_WRITE, .min = 0, .max = 1000000000},
    {"currency", FT_TEXT, F_WRITE, .check = validate_currency},
    {"job_type", FT_TEXT, F_WRITE, job_type_values},
    {"remote_option", FT_TEXT, F_WRITE, remote_options},
    {"tech_stack", FT_STRINGS, F_WRITE},
    {"responsibilities", FT_TEXT, F_WRITE, LONG_TEXT},
    {"documents_required", FT_STRINGS, F_WRITE},
    {"application_url", FT_TEXT, F_WRITE, .max = 2048, .check = validate_url},
    {"source_url", FT_TEXT, F_WRITE, .max = 2048, .check = validate_url},
    {"source", FT_TEXT, F_WRITE, job_source_values},
    {"status", FT_TEXT, F_WRITE | F_NOTNULL, job_statuses},
    {"notes", FT_TEXT, F_WRITE, LONG_TEXT},
    {"date_applied", FT_DATE, F_WRITE},
    {"job_fingerprint", FT_TEXT, 0},
    /* the résumé chosen for the job (job_resume_choose); null: the primary one. A copy of
     * job_resumes' row kept by its triggers (migration 0081), so a get reads one table */
    {"resume_id", FT_INT, 0},
    {"application_url_key", FT_TEXT, F_HIDDEN},
    {"source_url_key", FT_TEXT, F_HIDDEN},
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {"updated_at", FT_TIMESTAMP, F_NOTNULL},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table job_table = {"jobs", job_fields, true, "Job"};

static const struct field job_resume_fields[] = {
    {"id", FT_INT, F_NOTNULL},
    {"job_id", FT_INT, F_NOTNULL},
    {"user_id", FT_INT, 0},
    {"resume_id", FT_INT, F_NOTNULL},
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {NULL},
};
const struct table job_resume_table = {"job_resumes", job_resume_fields, true, "JobResume"};

static const struct field job_resume_body_fields[] = {
    {"resume_id", FT_INT, F_WRITE, .min = 1, .max = INT64_MAX}, /* required, may be null */
    {NULL},
};
const struct table job_resume_body = {NULL, job_resume_body_fields, false, "JobResumeChoice"};

static const char *const sortable[] = {"created_at", "updated_at",   "company", "title",
                                       "salary_max", "date_applied", "status",  NULL};
static const struct list_param filters[] = {
    {"status", "status", FILTER_EQ},
    {"company", "company", FILTER_IEQ},
    {"source", "source", FILTER_EQ},
    {"job_type", "job_type", FILTER_EQ},
    {"remote_option", "remote_option", FILTER_EQ},
    {"q", NULL, FILTER_FULLTEXT},
    {NULL},
};
static const char *const counted_columns[] = {"status", "source", "job_type", "remote_option",
                                              NULL};
static const struct list_counts counts = {"job_counts", counted_columns, "job_value_counts"};
/* the (user_id, column, created_at) indexes of migration 0037 (company: lower(company)) */
static const struct list_pair pairs[] = {
    {"status", "created_at"}, {"source", "created_at"}, {"company", "created_at"}, {NULL}};
/* a total that reads the matches (a search, `company=`, a search beside other filters) kept
 * while the user's data version stays (list_totals.h): the version's triggers on jobs
 * (migration 0033, 0054) cover inserts, deletes and updates of the owner, of the searched
 * columns (title, company, description, requirements) and of every filtered one (status,
 * company, source, job_type, remote_option) */
/* the sorts whose columns the same triggers cover (not updated_at, which every write moves,
 * nor date_applied): a sparse search sorted by one keeps its ordered ids (LIST_ORDER_SHARE) */
static const char *const kept_sorts[] = {"created_at", "company", "title",
                                         "salary_max", "status",  NULL};
/* PostgreSQL's jobs_user_status_salary_idx (migration 0075), jobs_user_job_type_created_idx and
 * jobs_user_remote_created_idx (0079) */
static const struct list_pair exact_pairs[] = {
    {"status", "salary_max"}, {"job_type", "created_at"}, {"remote_option", "created_at"}, {NULL}};
/* the nullable sorts with an index (user_id, column, id) on PostgreSQL (migration 0030) */
static const char *const exact_sorts[] = {"salary_max", "date_applied", NULL};
const struct list_spec job_list_spec = {
    .params = filters,
    .sortable = sortable,
    .default_sort = "-created_at",
    .counts = &counts,
    .pairs = pairs,
    .version = SCORE_CACHE_VERSION_SQL,
    .kept_sorts = kept_sorts,
    .exact_pairs = exact_pairs,
    .exact_sorts = exact_sorts,
};

int job_list(struct store_conn *c, int64_t user_id, const struct list_params *p, struct arena *a,
             struct buf *items, int64_t *total, struct list_at *at, struct err *e)
{
    return table_list_params_at(c, &job_table, &job_list_spec, user_id, p, NULL, a, items, total,
                                at, e);
}

bool job_search_keeps(const struct list_params *p)
{
    const char *q = list_params_get(p, "q");
    if (q == NULL || *q == '\0')
        return false;
    if (p->sort == NULL)
        return true;
    for (const char *const *s = kept_sorts; *s; s++)
        if (strcmp(*s, p->sort) == 0)
            return true;
    return false;
}

int job_rows_versions(struct store_conn *c, int64_t user_id, const int64_t *ids, size_t n,
                      int64_t *version, bool *known, int64_t *found_rows, size_t *found,
                      struct err *e)
{
    /* the version beside the rows (a LEFT JOIN: read with none of them left); the owner's
     * column kept from its indexes on SQLite, so the ids are looked up by primary key */
    struct store_value *params = xcalloc(n + 2, sizeof *params);
    struct buf sql;
    buf_init(&sql);
    buf_puts(&sql, "SELECT kv.v, j.id, j.row_version FROM (SELECT (" SCORE_CACHE_VERSION_SQL
                   ") AS v) AS kv LEFT JOIN jobs AS j ON ");
    buf_puts(&sql, store_sql_no_index(c));
    buf_puts(&sql, "j.user_id = ? AND j.id IN (");
    size_t m = 0;
    params[m++] = SV_INT(user_id);
    params[m++] = SV_INT(user_id);
    for (size_t i = 0; i < n; i++) {
        buf_puts(&sql, i ? ", ?" : "?");
        params[m++] = SV_INT(ids[i]);
    }
    buf_puts(&sql, n ? ") ORDER BY j.id" : "NULL)");
    struct store_result *r;
    int rc = store_exec(c, sql.data, params, (int)m, &r, e);
    buf_free(&sql);
    free(params);
    if (rc)
        return rc;
    size_t rows = store_rows(r);
    *known = rows > 0 && !store_isnull(r, 0, 0);
    *version = *known ? store_int(r, 0, 0) : 0;
    *found = 0;
    for (size_t i = 0; *known && i < rows && *found < n; i++) {
        if (store_isnull(r, i, 1))
            continue;
        found_rows[2 * *found] = store_int(r, i, 1);
        found_rows[2 * *found + 1] = store_int(r, i, 2);
        ++*found;
    }
    store_result_free(r);
    return 0;
}

int job_list_stamp(struct store_conn *c, int64_t user_id, int64_t limit, int64_t *version,
                   bool *known, struct buf *stamp, struct err *e)
{
    /* the list's default order (-created_at, then the newest id first); the version's and the
     * counters' subqueries run once (the total as the list counts it, the owner's row of
     * job_value_counts: a raw write of it moves no version) */
    /* the LIMIT written in the text: one plan whatever the values, so PostgreSQL keeps its
     * generic plan (with the LIMIT a parameter the plan made for 20 rows is costed far below the
     * generic one, which assumes a tenth of the owner's rows, and is made again on every run) */
    struct store_value p[] = {SV_INT(user_id), SV_INT(user_id), SV_INT(user_id)};
    char sql[400];
    snprintf(
        sql, sizeof sql,
        "SELECT id, row_version, (" SCORE_CACHE_VERSION_SQL "), "
        "COALESCE((SELECT n FROM job_value_counts WHERE user_id = ? AND kind = '' AND "
        "value = ''), 0) FROM jobs WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT %lld",
        (long long)limit);
    struct store_result *r;
    int rc = store_exec(c, sql, p, 3, &r, e);
    if (rc)
        return rc;
    size_t rows = store_rows(r);
    *known = rows > 0 && !store_isnull(r, 0, 2);
    *version = *known ? store_int(r, 0, 2) : 0;
    if (*known) { /* the total first */
        size_t len;
        const char *total = store_text_len(r, 0, 3, &len);
        buf_append(stamp, total, len);
        buf_putc(stamp, ';');
    }
    for (size_t i = 0; *known && i < rows; i++) {
        size_t len;
        const char *id = store_text_len(r, i, 0, &len);
        buf_append(stamp, id, len);
        buf_putc(stamp, ':');
        const char *row_version = store_text_len(r, i, 1, &len);
        buf_append(stamp, row_version, len);
        buf_putc(stamp, ',');
    }
    buf_putc(stamp, '\n');
    store_result_free(r);
    return 0;
}

/* ================================================================ create / update */

static const struct field possible_fields[] = {
    {"id", FT_INT, F_NOTNULL},
    {"company", FT_TEXT, F_NOTNULL},
    {"title", FT_TEXT, F_NOTNULL},
    {"similarity", FT_REAL, F_NOTNULL, .min = 0, .max = 1},
    {NULL},
};
static const struct table possible_duplicate = {NULL, possible_fields, false, "PossibleDuplicate"};
static const struct field created_fields[] = {
    {"possible_duplicates", FT_LIST, F_NOTNULL, .of = &possible_duplicate,
     .doc = "own jobs that look like this one (similar company and title)"},
    {NULL},
};
const struct table job_created_reply = {NULL, created_fields, false, "CreatedJob", &job_table};

/* The values the server sets on a new job of user_id, created at now. */
static void server_values(struct values *v, int64_t user_id, const char *now)
{
    values_set(v, &job_table, "user_id", SV_INT(user_id));
    values_set(v, &job_table, "created_at", SV_TEXT(now));
    values_set(v, &job_table, "updated_at", SV_TEXT(now));
    if (values_get(v, "status") == NULL)
        values_set(v, &job_table, "status", SV_TEXT("not_applied"));
    if (values_get(v, "source") == NULL) /* not imported nor captured: added by hand */
        values_set(v, &job_table, "source", SV_TEXT("manual"));
}

int job_create_checked(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
                       json_t **out, struct err *e)
{
    server_values(v, user_id, time_now_text(a));
    /* without out, no RETURNING: the row is not read back (an import that reports no jobs) */
    int rc = out ? table_insert(c, &job_table, v, a, out, e)
                 : table_insert_rows(c, &job_table, v, 1, NULL, "", a, NULL, e);
    if (rc == ERR_CONFLICT) { /* a concurrent insert won the race: report it like the check */
        err_clear(e);
        rc = job_find_duplicate(c, user_id, v, 0, e);
        return rc ? rc : err_set(e, ERR_CONFLICT, NULL, "this job is already tracked");
    }
    return rc;
}

/* ---- many checked jobs in multi-row statements (the import) */

#define JOB_FIELDS (sizeof job_fields / sizeof *job_fields - 1)

/* Gives the new job v the columns of every other: each writable nullable field and URL key it
 * lacks as NULL (the columns' default: none of them has another), in job_fields' order. One pass
 * over the fields, each item found by its field's place in job_fields (no lookup by name per
 * field, no sort). */
static void insert_shape(struct values *v, const struct field *app_key, const struct field *src_key)
{
    const struct field_value *at[JOB_FIELDS] = {0};
    for (int i = 0; i < v->n; i++) {
        uintptr_t f = (uintptr_t)v->items[i].field, first = (uintptr_t)job_fields;
        /* every item is a field of job_table (table_parse, values_set) */
        assert(f >= first && f < (uintptr_t)(job_fields + JOB_FIELDS));
        at[(f - first) / sizeof *job_fields] = &v->items[i];
    }
    struct field_value out[VALUES_MAX];
    int n = 0;
    for (size_t k = 0; k < JOB_FIELDS; k++) {
        const struct field *f = &job_fields[k];
        if (at[k])
            out[n++] = *at[k];
        else if (field_null_when_absent(f) || f == app_key || f == src_key)
            out[n++] = (struct field_value){.field = f, .value = SV_NULL};
    }
    memcpy(v->items, out, (size_t)n * sizeof *out);
    v->n = n;
}

static bool same_columns(const struct values *x, const struct values *y)
{
    if (x->n != y->n)
        return false;
    for (int i = 0; i < x->n; i++)
        if (x->items[i].field != y->items[i].field)
            return false;
    return true;
}

static int by_id(const void *x, const void *y)
{
    int64_t i = *(const int64_t *)x, j = *(const int64_t *)y;
    return i < j ? -1 : i > j;
}

int job_create_many(struct store_conn *c, int64_t user_id, struct values *const *vs, size_t n,
                    struct arena *a, int64_t *ids, struct err *e)
{
    const struct field *app_key = table_field(&job_table, "application_url_key"),
                       *src_key = table_field(&job_table, "source_url_key");
    const char *now = time_now_text(a); /* one clock reading: the second the rows are stored in */
    for (size_t i = 0; i < n; i++) {
        server_values(vs[i], user_id, now);
        insert_shape(vs[i], app_key, src_key);
    }
    struct values *rows = xmalloc((n && n < JOB_INSERT_ROWS ? n : JOB_INSERT_ROWS) * sizeof *rows);
    int rc = 0;
    for (size_t done = 0; rc == 0 && done < n;) {
        /* JOB_INSERT_ROWS rows a statement, the rest in powers of two: few statement texts */
        size_t want = JOB_INSERT_ROWS, k = 1;
        while (want > n - done)
            want /= 2;
        rows[0] = *vs[done];
        while (k < want && same_columns(vs[done + k], vs[done])) {
            rows[k] = *vs[done + k];
            k++;
        }
        struct store_result *res = NULL;
        rc = table_insert_rows(c, &job_table, rows, k, NULL, ids ? "id" : "", a, ids ? &res : NULL,
                               e);
        if (rc == 0 && ids) {
            if (store_rows(res) != k)
                rc = err_set(e, ERR_INTERNAL, NULL, "INSERT returned %zu rows of %zu",
                             store_rows(res), k);
            /* ids are drawn in the order of the rows; RETURNING's order is the engine's */
            for (size_t r = 0; rc == 0 && r < k; r++)
                ids[done + r] = store_int(res, r, 0);
            if (rc == 0)
                qsort(ids + done, k, sizeof *ids, by_id);
        }
        store_result_free(res);
        done += k;
    }
    free(rows);
    return rc;
}

int job_check_salary(struct values *v, struct err *e)
{
    struct field_value *lo = values_get(v, "salary_min"), *hi = values_get(v, "salary_max");
    if (lo && hi && lo->value.type == STORE_INT && hi->value.type == STORE_INT &&
        lo->value.i > hi->value.i)
        return err_set(e, ERR_INVALID, "salary_min", JOB_SALARY_ORDER);
    return 0;
}

int job_create(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
               json_t **out, json_t **possible, struct err *e)
{
    if (possible)
        *possible = NULL;
    job_compute_keys(v, NULL, a);
    int rc = job_find_duplicate(c, user_id, v, 0, e);
    /* near duplicates first: an error in either step then leaves nothing stored */
    if (rc == 0 && possible)
        rc = job_near_duplicates(c, user_id, v, possible, e);
    if (rc == 0)
        rc = job_create_checked(c, user_id, v, a, out, e);
    if (rc && possible) {
        json_decref(*possible);
        *possible = NULL;
    }
    return rc;
}

/* SPEC part E: a job with applications takes its status from them; a different status in v is
 * refused (ERR_INVALID naming status). Its date_applied follows them too (SPEC part B): a write
 * that would leave it empty (a PUT without it) keeps the latest application's applied_date. */
static int follow_applications(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                               json_t *existing, struct arena *a, struct err *e)
{
    const char *wanted = values_text(v, "status");
    const char *current = json_string_value(json_object_get(existing, "status"));
    struct field_value *date = values_get(v, "date_applied");
    bool clears_date = date && date->value.type == STORE_NULL;
    bool other_status = wanted && !(current && strcmp(wanted, current) == 0);
    if (!other_status && !clears_date)
        return 0;
    const char *stage, *applied;
    int rc = job_stage_latest(c, user_id, id, a, &stage, &applied, e);
    if (rc || stage == NULL)
        return rc;
    if (other_status)
        return err_set(e, ERR_INVALID, "status",
                       "this job's status follows its application (%s): change the status on "
                       "the application instead",
                       stage);
    if (applied)
        values_set(v, &job_table, "date_applied", SV_TEXT(applied));
    return 0;
}

/* Begins the transaction of a change to user_id's job id: the job locked into *existing (an
 * application written meanwhile cannot slip between the check and the write) and an If-Match
 * checked against the locked row's version. On success the caller frees *existing and ends the
 * transaction with table_finish; on failure nothing is left open and *existing is NULL. */
static int begin_change(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                        json_t **existing, struct err *e)
{
    *existing = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = table_lock(c, &job_table, user_id, id, a, existing, e);
    if (rc == 0)
        rc = table_expect_row(&job_table, id, *existing, e);
    if (rc) {
        json_decref(*existing);
        *existing = NULL;
        store_rollback(c);
    }
    return rc;
}

int job_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v, struct arena *a,
               json_t **out, struct err *e)
{
    *out = NULL;
    json_t *existing;
    int rc = begin_change(c, user_id, id, a, &existing, e);
    if (rc)
        return rc;
    rc = follow_applications(c, user_id, id, v, existing, a, e);
    bool keys_change = values_get(v, "company") || values_get(v, "title") ||
                       values_get(v, "location") || values_get(v, "application_url") ||
                       values_get(v, "source_url");
    if (rc == 0 && keys_change) {
        job_compute_keys(v, existing, a);
        rc = job_find_duplicate(c, user_id, v, id, e);
    }
    if (rc == 0)
        rc = table_update(c, &job_table, user_id, id, v, a, out, e);
    json_decref(existing);
    return table_finish(c, rc, out, e);
}

/* ================================================================ the résumé of a job */

int job_resume_choice(struct store_conn *c, int64_t user_id, int64_t id, int64_t *resume_id,
                      struct err *e)
{
    *resume_id = 0;
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c, "SELECT resume_id FROM job_resumes WHERE job_id = ? AND user_id = ?", p,
                        2, &r, e);
    if (rc)
        return rc;
    if (store_rows(r))
        *resume_id = store_int(r, 0, 0);
    store_result_free(r);
    return 0;
}

/* Inside the job's transaction: replaces its choice with resume_id (0: none). */
static int write_choice(struct store_conn *c, int64_t user_id, int64_t id, int64_t resume_id,
                        struct arena *a, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    int rc =
        store_exec(c, "DELETE FROM job_resumes WHERE job_id = ? AND user_id = ?", p, 2, NULL, e);
    if (rc || resume_id == 0)
        return rc;
    struct values v = {0};
    values_set(&v, &job_resume_table, "job_id", SV_INT(id));
    values_set(&v, &job_resume_table, "user_id", SV_INT(user_id));
    values_set(&v, &job_resume_table, "resume_id", SV_INT(resume_id));
    values_set(&v, &job_resume_table, "created_at", SV_TEXT(time_now_text(a)));
    rc = table_insert_rows(c, &job_resume_table, &v, 1, NULL, "", a, NULL, e);
    if (rc == ERR_FOREIGN_KEY) { /* the job is locked: the résumé is not the user's */
        rc = err_replace(e, ERR_NOT_FOUND, "resume_id", "no such résumé: %lld",
                         (long long)resume_id);
    }
    return rc;
}

int job_resume_choose(struct store_conn *c, int64_t user_id, int64_t id, int64_t resume_id,
                      struct arena *a, json_t **out, struct err *e)
{
    *out = NULL;
    json_t *existing;
    int rc = begin_change(c, user_id, id, a, &existing, e);
    if (rc)
        return rc;
    rc = write_choice(c, user_id, id, resume_id, a, e);
    struct values v = {0}; /* the job changes: a new version (updated_at set by table_update) */
    if (rc == 0)
        rc = table_update(c, &job_table, user_id, id, &v, a, out, e);
    json_decref(existing);
    return table_finish(c, rc, out, e);
}

int job_lock(struct store_conn *c, int64_t user_id, int64_t id, struct err *e)
{
    assert(store_in_transaction(c));
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT 1 FROM jobs WHERE id = ? AND user_id = ?%s",
             store_sql_for_update(c));
    bool found;
    int rc = store_exec_matched(c, sql, p, 2, &found, e);
    if (rc == 0 && !found)
        rc = err_set(e, ERR_NOT_FOUND, "job_id", "no such job: %lld", (long long)id);
    return rc;
}

static const char *copy_or_null(struct arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

int job_brief(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
              struct job_brief *out, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT company, title, location, requirements, description, tech_stack, "
                        "remote_option FROM jobs WHERE id = ? AND user_id = ?",
                        p, 2, &r, e);
    if (rc)
        return rc;
    if (store_rows(r) == 0) {
        store_result_free(r);
        return err_set(e, ERR_NOT_FOUND, "job_id", "no such job: %lld", (long long)id);
    }
    out->company = copy_or_null(a, store_text(r, 0, 0));
    out->title = copy_or_null(a, store_text(r, 0, 1));
    out->location = copy_or_null(a, store_text(r, 0, 2));
    out->requirements = copy_or_null(a, store_text(r, 0, 3));
    out->description = copy_or_null(a, store_text(r, 0, 4));
    out->tech_stack = store_text(r, 0, 5) ? arena_strdup(a, store_text(r, 0, 5)) : "[]";
    out->remote_option = copy_or_null(a, store_text(r, 0, 6));
    store_result_free(r);
    return 0;
}

int job_follow_application(struct store_conn *c, int64_t user_id, int64_t id, const char *status,
                           const char *date_applied, struct arena *a, struct err *e)
{
    struct store_value p[] = {SV_TEXT(status ? status : JOB_STATUS_UNTRACKED),
                              SV_TEXT_OR_NULL(date_applied), SV_TEXT(time_now_text(a)), SV_INT(id),
                              SV_INT(user_id)};
    return store_exec(c,
                      "UPDATE jobs SET status = ?, date_applied = COALESCE(?, date_applied), "
                      "updated_at = ?, row_version = row_version + 1 WHERE id = ? AND user_id = ?",
                      p, 5, NULL, e);
}
