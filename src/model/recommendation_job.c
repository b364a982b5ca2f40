/*
 * This file implements a job's side of a recommendation: the columns scoring reads, a row of
 * them made a candidate matched with the profile it uses (recommendation_prepare: its skills
 * through the memo, its times, its salary), and the scan that scores the jobs of a scope one
 * row at a time (recommendation_score_each).
 */
#include "recommendation.h"

#include <stdlib.h>
#include <string.h>

#include "../core/skills.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "recommendation_internal.h"

/* The columns scoring reads, in this order (see recommendation_prepare). */
#define CANDIDATE_COLUMNS                                                                          \
    "j.id, j.company, j.title, j.location, j.remote_option, j.job_type, j.source, "                \
    "j.salary_min, j.salary_max, j.tech_stack, j.requirements, j.created_at, j.currency, "         \
    "j.resume_id"

/* Where they are in a row of CANDIDATE_COLUMNS (and the description). */
static const int in_order[C_COUNT] = {C_ID,         C_COMPANY, C_TITLE,        C_LOCATION,
                                      C_REMOTE,     C_TYPE,    C_SOURCE,       C_SALARY_MIN,
                                      C_SALARY_MAX, C_STACK,   C_REQUIREMENTS, C_CREATED,
                                      C_CURRENCY,   C_RESUME,  C_DESCRIPTION};

/* ================================================================ one job */

/* The skills of one job while they are collected (job_skills). */
struct skill_set {
    const char *keys[SCORING_MAX_SKILLS], *names[SCORING_MAX_SKILLS];
    size_t n;
};

/* Adds a skill (key and display name, both living as long as the request) unless it is there
 * already or the set is full. */
static void add_skill(struct skill_set *set, const char *key, const char *name)
{
    if (*key == '\0' || set->n == SCORING_MAX_SKILLS)
        return;
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->keys[i], key) == 0)
            return;
    set->keys[set->n] = key;
    set->names[set->n++] = name;
}

/* The job's skills: its tech_stack (through the dictionary), the skills its requirements name,
 * and those its title names that the user holds. A title names a role ("Python Developer"): it
 * shows overlap for a Python user but is not a list of requirements. Skills that name a field
 * of work (skills_is_field: "backend development" in a backend job) are left out everywhere:
 * they are neither a match nor a missing skill. Names are resolved through x's memo. */
static void job_skills(struct candidate *cand, struct context *x, const struct scoring_profile *p,
                       const char *stack, const char *title, const char *requirements,
                       struct arena *a)
{
    const struct skills_dict *d = skills_default();
    struct skill_set set;
    set.n = 0;
    const char *names[TABLE_ARRAY_MAX_ITEMS];
    char text[JSON_PLAIN_TEXT_MAX];
    size_t nnames = 0, i;
    if (!json_plain_strings(stack, names, TABLE_ARRAY_MAX_ITEMS, &nnames, text)) { /* jansson */
        nnames = 0;
        json_t *arr = stack ? json_loads(stack, JSON_DECODE_ANY, NULL) : NULL;
        json_t *v;
        json_array_foreach(arr, i, v)
        {
            const char *s = json_string_value(v);
            const struct memo_entry *m = s ? recommendation_memo_get(&x->memo, s, 's') : NULL;
            if (m && !m->field)
                add_skill(&set, m->key, m->shown);
        }
        json_decref(arr);
    }
    for (i = 0; i < nnames; i++) {
        const struct memo_entry *m = recommendation_memo_get(&x->memo, names[i], 's');
        if (!m->field)
            add_skill(&set, m->key, m->shown);
    }
    const char *found[SCORING_MAX_SKILLS];
    size_t n = skills_find_asked(d, requirements, found, SCORING_MAX_SKILLS);
    for (i = 0; i < n; i++) {
        const struct memo_entry *m = recommendation_memo_get(&x->memo, found[i], 's');
        if (!m->field)
            add_skill(&set, found[i], found[i]);
    }
    n = skills_find_in_text(d, title, found, SCORING_MAX_SKILLS);
    for (i = 0; i < n; i++) {
        const struct memo_entry *m = recommendation_memo_get(&x->memo, found[i], 's');
        if (recommendation_has_key(p, found[i]) && !m->field)
            add_skill(&set, found[i], found[i]);
    }
    const char **keys = arena_alloc(a, (set.n ? set.n : 1) * sizeof *keys);
    cand->names = arena_alloc(a, (set.n ? set.n : 1) * sizeof *cand->names);
    memcpy(keys, set.keys, set.n * sizeof *keys);
    memcpy(cand->names, set.names, set.n * sizeof *cand->names);
    cand->job.skills = keys;
    cand->job.nskills = set.n;
}

static const char *text_or_empty(const struct store_result *r, size_t row, int col)
{
    const char *t = store_text(r, row, col);
    return t ? t : "";
}

/* Fills cand from row of r, whose columns col[C_ID] .. col[C_DESCRIPTION] hold CANDIDATE_COLUMNS
 * (and the description when x->need_text). The strings point into r or a. */
void recommendation_prepare_at(const struct store_result *r, size_t row, const int *col,
                               struct context *x, time_t now, struct arena *a,
                               struct candidate *cand)
{
    memset(cand, 0, sizeof *cand);
    cand->id = store_int(r, row, col[C_ID]);
    cand->created_at = store_text(r, row, col[C_CREATED]);
    struct scoring_job *j = &cand->job;
    const char *company = store_text(r, row, col[C_COMPANY]);
    j->company = recommendation_memo_get(&x->memo, company ? company : "", 'c')->key;
    j->title = store_text(r, row, col[C_TITLE]);
    j->location = store_text(r, row, col[C_LOCATION]);
    j->remote_option = store_text(r, row, col[C_REMOTE]);
    j->job_type = store_text(r, row, col[C_TYPE]);
    j->source = store_text(r, row, col[C_SOURCE]);
    j->has_salary_min = !store_isnull(r, row, col[C_SALARY_MIN]);
    j->salary_min = store_int(r, row, col[C_SALARY_MIN]);
    j->has_salary_max = !store_isnull(r, row, col[C_SALARY_MAX]);
    j->salary_max = store_int(r, row, col[C_SALARY_MAX]);
    j->currency = store_text(r, row, col[C_CURRENCY]);
    cand->has_created = cand->created_at && time_parse_rfc3339(cand->created_at, &cand->created);
    j->age_days = cand->has_created ? difftime(now, cand->created) / 86400.0 : 0;
    cand->profile = recommendation_profile_for(
        x, store_isnull(r, row, col[C_RESUME]) ? 0 : store_int(r, row, col[C_RESUME]));
    job_skills(cand, x, cand->profile, store_text(r, row, col[C_STACK]), j->title,
               store_text(r, row, col[C_REQUIREMENTS]), a);
    if (x->need_text)
        j->text = arena_printf(a, "%s\n%s\n%s", text_or_empty(r, row, col[C_DESCRIPTION]),
                               text_or_empty(r, row, col[C_REQUIREMENTS]),
                               text_or_empty(r, row, col[C_STACK]));
}

/* recommendation_prepare_at for a row of CANDIDATE_COLUMNS (and the description). */
void recommendation_prepare(const struct store_result *r, size_t row, struct context *x, time_t now,
                            struct arena *a, struct candidate *cand)
{
    recommendation_prepare_at(r, row, in_order, x, now, a, cand);
}

#define WITH_TEXT ", j.description"
#define WHERE_CANDIDATES                                                                           \
    " FROM jobs j WHERE j.user_id = ? AND j.status IN ('not_applied', 'interested') "              \
    "AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.job_id = j.id)"
#define IS_CANDIDATE                                                                               \
    ", CASE WHEN j.status IN ('not_applied', 'interested') AND NOT EXISTS (SELECT 1 FROM "         \
    "applications a WHERE a.job_id = j.id) THEN 1 ELSE 0 END"
/* A whole build (SCOPE_CACHE, no ids) reads the rows in the order of jobs_user_status_idx
 * (status, then id), the table's own order within each status on SQLite, rather than at random
 * through (user_id, status, created_at): see store_sql_table_order and docs/performance.md, "A
 * heavy user's first requests (thirty-fifth round)". */
#define WHERE_OPEN                                                                                 \
    " FROM jobs j WHERE j.user_id = ? AND j.status IN ('not_applied', 'interested', 'applied', "   \
    "'phone_screen', 'interview', 'technical', 'offer')"
#define OPEN_ORDER " ORDER BY j.status, j.id"
#define WHERE_ONE " FROM jobs j WHERE j.user_id = ? AND j.id = ?"

const char *recommendation_candidate_sql(bool with_text, enum scope scope)
{
    switch (scope) {
    case SCOPE_CANDIDATES:
        return with_text ? "SELECT " CANDIDATE_COLUMNS WITH_TEXT WHERE_CANDIDATES
                         : "SELECT " CANDIDATE_COLUMNS WHERE_CANDIDATES;
    case SCOPE_CACHE:
        return with_text ? "SELECT " CANDIDATE_COLUMNS WITH_TEXT IS_CANDIDATE WHERE_OPEN
                         : "SELECT " CANDIDATE_COLUMNS IS_CANDIDATE WHERE_OPEN;
    case SCOPE_ONE:
        break;
    }
    return with_text ? "SELECT " CANDIDATE_COLUMNS WITH_TEXT WHERE_ONE
                     : "SELECT " CANDIDATE_COLUMNS WHERE_ONE;
}

/* Scores the jobs of scope (only those of ids[0..nids) when nids > 0) one row at a time (a
 * cursor: memory follows what sink keeps, not the number of jobs): the ones the preferences
 * exclude are counted in *excluded (and those of them that are candidates in
 * *excluded_candidates, SCOPE_CACHE) and handed to sink unscored (cand->excluded), every other
 * one is scored and handed to sink. Returns 0 or an error. */
int recommendation_score_each(struct store_conn *c, int64_t user_id, struct context *x,
                              enum scope scope, time_t now, const int64_t *ids, size_t nids,
                              int64_t *excluded, int64_t *excluded_candidates, candidate_sink *sink,
                              void *ctx, struct err *e)
{
    struct store_value *p = xmalloc((nids + 1) * sizeof *p);
    struct buf sql;
    buf_init(&sql);
    buf_puts(&sql, recommendation_candidate_sql(x->need_text, scope));
    p[0] = SV_INT(user_id);
    for (size_t i = 0; i < nids; i++) {
        buf_puts(&sql, i ? ", ?" : " AND j.id IN (?");
        p[i + 1] = SV_INT(ids[i]);
    }
    if (nids)
        buf_puts(&sql, ")");
    else if (scope == SCOPE_CACHE)
        buf_puts(&sql, store_sql_table_order(c, OPEN_ORDER)); /* a whole build */
    struct store_cursor *cur;
    int rc = store_cursor_open(c, sql.data, p, (int)nids + 1, &cur, e);
    buf_free(&sql);
    free(p);
    if (rc)
        return rc;
    *excluded = *excluded_candidates = 0;
    int flag_col = x->need_text ? C_DESCRIPTION + 1 : C_DESCRIPTION;
    while ((rc = store_cursor_next(cur, e)) == 1) {
        struct arena scratch; /* the row's skills and text, gone with the row */
        arena_init(&scratch);
        struct candidate cand;
        const struct store_result *row = store_cursor_row(cur);
        recommendation_prepare(row, 0, x, now, &scratch, &cand);
        cand.candidate =
            scope == SCOPE_CANDIDATES || (scope == SCOPE_CACHE && store_int(row, 0, flag_col) != 0);
        if (scoring_excluded(x->excluded_companies.items, x->excluded_companies.n,
                             x->excluded_keywords.items, x->excluded_keywords.n, &cand.job,
                             NULL) != SCORING_KEEP) {
            (*excluded)++;
            *excluded_candidates += cand.candidate;
            cand.excluded = true;
            sink(ctx, &cand);
        } else {
            scoring_score(cand.profile, &cand.job, &x->learned, &cand.result);
            sink(ctx, &cand);
        }
        arena_free(&scratch);
    }
    store_cursor_close(cur);
    return rc < 0 ? rc : 0;
}
