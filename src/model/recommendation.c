/*
 * This file implements the recommendations model of recommendation.h. A ranking is four
 * queries whatever the number of jobs: the user's profile, their résumés' skills, their
 * preferences, their feedback (joined to the jobs it is about, for the learned weights), and the
 * candidate jobs with only the columns scoring needs (with the résumé chosen for each); then one
 * more for the full rows of the page shown. A job is matched with the profile's skills and those
 * of the résumé it uses: the one chosen for it, else the primary one (docs/resumes.md). Everything
 * in between is C: skill keys through the dictionary (src/core/skills.c), companies through the
 * fingerprint normaliser, the score and its reasons from src/core/scoring.c.
 * Here: the list (the cached scores ranked, the page's jobs read and scored again) and the
 * feedback on a recommendation. The rest of the module, each file one idea: the user's side
 * (recommendation_profile.c), one job's side and the scan of the jobs (recommendation_job.c),
 * the reasons written into the reply (recommendation_reasons.c), the scores of the open jobs
 * kept per user and patched after a write (recommendation_cache.c); recommendation_internal.h
 * declares what they share.
 */
#include "recommendation.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/scoring.h"
#include "../lib/buf.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "job.h"
#include "recommendation_internal.h"
#include "score_cache.h"

static const struct field feedback_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"job_id", FT_INT, 0},
    {"is_helpful", FT_BOOL, 0},
    {"match_score", FT_REAL, 0},
    {"comment", FT_TEXT, 0},
    {"user_skills_at_time", FT_JSON, 0},
    {"job_tech_stack", FT_JSON, 0},
    {"reason", FT_TEXT, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {NULL},
};
const struct table recommendation_feedback_table = {"job_recommendation_feedback", feedback_fields,
                                                    true, "RecommendationFeedback"};

const char *const recommendation_reasons[] = {"skills",  "seniority", "salary", "location",
                                              "company", "other",     NULL};

static const struct field feedback_body_fields[] = {
    {"is_helpful", FT_BOOL, F_WRITE | F_REQUIRED},
    {"comment", FT_TEXT, F_WRITE, .max = 2000},
    {"reason", FT_TEXT, F_WRITE, recommendation_reasons},
    {NULL},
};
const struct table recommendation_feedback_body = {NULL, feedback_body_fields, false,
                                                   "RecommendationMark"};

/* The same columns by name, as the page reads them with the job's own columns (rank). */
static const char *const column_names[C_COUNT] = {
    "id",           "company",    "title",      "location",   "remote_option",
    "job_type",     "source",     "salary_min", "salary_max", "tech_stack",
    "requirements", "created_at", "currency",   "resume_id",  "description"};

/* ================================================================ ranking */

/* Best first: the higher score, then the newest, then the higher id. */
static int compare_best(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->tenths != y->tenths)
        return x->tenths > y->tenths ? -1 : 1;
    if (x->created != y->created)
        return x->created > y->created ? -1 : 1;
    return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* Worst first: the lower score, then (as in compare_best) the newest, then the higher id. */
static int compare_worst(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->tenths != y->tenths)
        return x->tenths < y->tenths ? -1 : 1;
    return compare_best(a, b);
}

/* Sifts r[i] down the heap r[0..n) whose root is the last in cmp's order. */
static void sift_down(struct ranked *r, size_t n, size_t i, int (*cmp)(const void *, const void *))
{
    for (;;) {
        size_t last = i, l = 2 * i + 1, rt = l + 1;
        if (l < n && cmp(&r[l], &r[last]) > 0)
            last = l;
        if (rt < n && cmp(&r[rt], &r[last]) > 0)
            last = rt;
        if (last == i)
            return;
        struct ranked t = r[i];
        r[i] = r[last];
        r[last] = t;
        i = last;
    }
}

/* Sifts r[i] up the heap r[0..i] whose root is the last in cmp's order. */
static void sift_up(struct ranked *r, size_t i, int (*cmp)(const void *, const void *))
{
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (cmp(&r[i], &r[parent]) <= 0)
            return;
        struct ranked t = r[i];
        r[i] = r[parent];
        r[parent] = t;
        i = parent;
    }
}

/* Keeps r among the best k so far in out[0..*n) (a heap whose root is the worst kept). */
static void heap_offer(struct ranked *out, size_t *n, size_t k, struct ranked r,
                       int (*cmp)(const void *, const void *))
{
    if (*n < k) {
        out[*n] = r;
        sift_up(out, (*n)++, cmp);
    } else if (cmp(&r, &out[0]) < 0) { /* better than the worst kept */
        out[0] = r;
        sift_down(out, k, 0, cmp);
    }
}

/* The first k candidates of the entry, best first (or worst first when ascending), sorted,
 * into out (room for k); returns how many (fewer when there are fewer candidates). Best first
 * walks the candidates in the order of their scores when the entry was built and stops at the
 * first whose score then is below the worst kept (scores only fall with time); worst first
 * looks at all of them. */
static size_t top_k(const struct score_cache_entry *entry, size_t k, bool ascending,
                    struct ranked *out)
{
    size_t n = 0;
    if (k == 0)
        return 0;
    if (!ascending) {
        for (size_t i = 0; i < entry->nranks; i++) {
            const struct score_cache_rank *rk = &entry->ranks[i];
            if (n == k && rk->bound < out[0].tenths)
                break;
            const struct score_cache_job *j = &entry->jobs[rk->job];
            if (n == k && j->tenths < out[0].tenths)
                continue;
            heap_offer(out, &n, k, (struct ranked){j->id, j->tenths, j->created}, compare_best);
        }
        qsort(out, n, sizeof *out, compare_best);
        return n;
    }
    for (size_t i = 0; i < entry->njobs; i++) {
        const struct score_cache_job *j = &entry->jobs[i];
        if (!(j->flags & SCORE_CACHE_CANDIDATE) || (n == k && j->tenths > out[0].tenths))
            continue;
        heap_offer(out, &n, k, (struct ranked){j->id, j->tenths, j->created}, compare_worst);
    }
    qsort(out, n, sizeof *out, compare_worst);
    return n;
}

/* Ranks the candidates of the cached scores, keeping the first offset + limit; then the page's
 * jobs are read and scored again for their reasons, with the user's side kept in the entry
 * (locked until the page is made: scoring grows its memo). */
static int rank(struct store_conn *c, int64_t user_id, int64_t limit, int64_t offset,
                bool ascending, struct arena *a, struct buf *items, int64_t *total,
                int64_t *excluded, struct err *e)
{
    time_t now = time(NULL);
    struct score_cache_entry *entry;
    int rc = recommendation_scores(c, user_id, &now, a, &entry, e);
    if (rc)
        return rc;
    struct context *x = entry->context;
    size_t n = (size_t)entry->candidates;
    *excluded = entry->excluded_candidates;
    size_t first = (uint64_t)offset < n ? (size_t)offset : n;
    size_t count = n - first < (uint64_t)limit ? n - first : (size_t)limit;
    struct ranked *list = xmalloc((first + count > 0 ? first + count : 1) * sizeof *list);
    top_k(entry, first + count, ascending, list);
    *total = (int64_t)n;
    struct candidate *page = arena_alloc(a, (count ? count : 1) * sizeof *page);
    struct store_result *r = NULL;
    if (count > 0) { /* the page's rows (the job's columns), scored again for their reasons */
        struct buf sql;
        buf_init(&sql);
        buf_printf(&sql,
                   "SELECT %s FROM jobs WHERE user_id = ? AND status IN ('not_applied', "
                   "'interested') AND NOT EXISTS (SELECT 1 FROM applications a WHERE "
                   "a.job_id = jobs.id) AND id IN (",
                   table_columns(&job_table, NULL, a));
        struct store_value *ids = arena_alloc(a, (count + 1) * sizeof *ids);
        ids[0] = SV_INT(user_id);
        for (size_t i = 0; i < count; i++) {
            buf_puts(&sql, i ? ", ?" : "?");
            ids[i + 1] = SV_INT(list[first + i].id);
        }
        buf_puts(&sql, ")");
        rc = store_exec(c, sql.data, ids, (int)count + 1, &r, e);
        buf_free(&sql);
        int col[C_COUNT];
        for (int k = 0; rc == 0 && k < C_COUNT; k++)
            col[k] = store_colindex(r, column_names[k]);
        for (size_t row = 0; rc == 0 && row < store_rows(r); row++) {
            int64_t id = store_int(r, row, col[C_ID]);
            for (size_t i = 0; i < count; i++) {
                if (list[first + i].id != id)
                    continue;
                recommendation_prepare_at(r, row, col, x, now, a, &page[i]);
                scoring_score(page[i].profile, &page[i].job, &x->learned, &page[i].result);
            }
        }
    }
    free(list);
    if (rc == 0)
        recommendation_page_text(r, page, count, x, a, items);
    store_result_free(r);
    score_cache_release(entry);
    return rc;
}

static const char *const list_sortable[] = {"match_score", NULL};
const struct list_spec recommendation_list_spec = {NULL, list_sortable, "-match_score"};

int recommendation_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                        struct arena *a, struct buf *items, int64_t *total, int64_t *excluded,
                        struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, NULL, &recommendation_list_spec, p, a, &q, e);
    return rc ? rc : rank(c, user_id, q.limit, q.offset, !q.desc, a, items, total, excluded, e);
}

/* ================================================================ feedback */

static int feedback_row(struct store_conn *c, const char *sql, const struct store_value *p, int n,
                        json_t **out, struct err *e)
{
    struct store_result *r;
    int rc = store_exec(c, sql, p, n, &r, e);
    if (rc)
        return rc;
    *out = store_rows(r) ? table_row_json(&recommendation_feedback_table, r, 0) : NULL;
    store_result_free(r);
    return 0;
}

/* Scores job_id for the user as the list would; ERR_NOT_FOUND when not theirs. *stack gets
 * the job's tech_stack text ("[]" when none). */
static int score_job(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                     struct context *x, double *score, const char **stack, struct err *e)
{
    int rc = recommendation_load_context(c, user_id, a, x, e);
    if (rc)
        return rc;
    struct store_value p[] = {SV_INT(user_id), SV_INT(job_id)};
    struct store_result *r;
    rc = store_exec(c, recommendation_candidate_sql(x->need_text, SCOPE_ONE), p, 2, &r, e);
    if (rc)
        return rc;
    if (store_rows(r) == 0) {
        store_result_free(r);
        return err_set(e, ERR_NOT_FOUND, NULL, "no such job");
    }
    struct candidate cand;
    recommendation_prepare(r, 0, x, time(NULL), a, &cand);
    scoring_score(cand.profile, &cand.job, &x->learned, &cand.result);
    *score = cand.result.score;
    const char *text = store_text(r, 0, C_STACK);
    *stack = arena_strdup(a, text ? text : "[]");
    store_result_free(r);
    return 0;
}

int recommendation_feedback_put(struct store_conn *c, int64_t user_id, int64_t job_id,
                                struct values *v, struct arena *a, json_t **out, bool *created,
                                struct err *e)
{
    struct context x;
    double score = 0;
    const char *stack = "[]";
    int rc = score_job(c, user_id, job_id, a, &x, &score, &stack, e);
    if (rc)
        return rc;
    struct field_value *helpful = values_get(v, "is_helpful");
    const char *comment = values_text(v, "comment"), *reason = values_text(v, "reason");
    const char *now = time_now_text(a),
               *cols = table_columns(&recommendation_feedback_table, NULL, a);
    struct store_value p[] = {helpful->value, SV_TEXT_OR_NULL(comment), SV_TEXT_OR_NULL(reason),
                              SV_REAL(score), SV_TEXT(x.user_skills),   SV_TEXT(stack),
                              SV_TEXT(now),   SV_INT(user_id),          SV_INT(job_id),
                              SV_TEXT(now)};
    const char *update = arena_printf(
        a,
        "UPDATE job_recommendation_feedback SET is_helpful = ?, comment = ?, reason = ?, "
        "match_score = ?, user_skills_at_time = ?, job_tech_stack = ?, updated_at = ? "
        "WHERE user_id = ? AND job_id = ? RETURNING %s",
        cols);
    const char *insert = arena_printf(
        a,
        "INSERT INTO job_recommendation_feedback (is_helpful, comment, reason, match_score, "
        "user_skills_at_time, job_tech_stack, updated_at, user_id, job_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING %s",
        cols);
    for (int attempt = 0; attempt < 2; attempt++) {
        rc = feedback_row(c, update, p, 9, out, e);
        if (rc || *out) {
            *created = false;
            return rc;
        }
        rc = feedback_row(c, insert, p, 10, out, e);
        if (rc == ERR_FOREIGN_KEY) { /* the job was deleted since it was scored */
            return err_replace(e, ERR_NOT_FOUND, NULL, "no such job");
        }
        *created = rc == 0;
        if (rc != ERR_CONFLICT) /* a concurrent first mark wins: update it instead */
            return rc;
        err_clear(e);
    }
    return rc;
}

int recommendation_feedback_get(struct store_conn *c, int64_t user_id, int64_t job_id,
                                struct arena *a, json_t **out, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_INT(job_id)};
    const char *sql = arena_printf(a,
                                   "SELECT %s FROM job_recommendation_feedback "
                                   "WHERE user_id = ? AND job_id = ?",
                                   table_columns(&recommendation_feedback_table, NULL, a));
    int rc = feedback_row(c, sql, p, 2, out, e);
    if (rc == 0 && *out == NULL)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no feedback on this job");
    return rc;
}

int recommendation_feedback_delete(struct store_conn *c, int64_t user_id, int64_t job_id,
                                   struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_INT(job_id)};
    struct store_result *r;
    int rc = store_exec(
        c, "DELETE FROM job_recommendation_feedback WHERE user_id = ? AND job_id = ?", p, 2, &r, e);
    if (rc)
        return rc;
    bool gone = store_changes(r) > 0;
    store_result_free(r);
    return gone ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no feedback on this job");
}
