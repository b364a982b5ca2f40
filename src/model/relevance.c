/*
 * This file implements the jobs that matter of relevance.h: the open jobs as the ranking
 * scores them (recommendation_scores, cached per user), kept above the threshold with their
 * weight, and the skill gap built from them (kept in the same cache entry while no score moved).
 */
#include "relevance.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/utf8.h"
#include "../lib/json.h"
#include "../lib/xalloc.h"
#include "recommendation.h"
#include "score_cache.h"
#include "user.h"

/* The jobs that matter among the entry's (locked, refreshed for the request's clock): r's
 * counts, and their indexes into entry->jobs, best first (score, then the higher id), into
 * order (room for entry->njobs). */
static void choose(const struct score_cache_entry *entry, struct relevance *r, uint32_t *order)
{
    memset(r, 0, sizeof *r);
    size_t n = entry->njobs;
    r->excluded = entry->excluded_open;
    r->open = (int64_t)n + r->excluded;
    for (size_t i = 0; i < n; i++)
        r->below += entry->jobs[i].tenths / 10.0 < RELEVANCE_THRESHOLD;
    r->fallback = n > 0 && r->below == (int64_t)n;
    /* a counting sort by score of the jobs (already by id, highest first) */
    enum { SLOTS = 1001 }; /* tenths 0 .. 1000 */
    size_t *start = calloc(SLOTS + 1, sizeof *start);
    for (size_t i = 0; i < n; i++) {
        double score = entry->jobs[i].tenths / 10.0;
        if (r->fallback ? score > 0 : score >= RELEVANCE_THRESHOLD)
            start[SLOTS - entry->jobs[i].tenths]++;
    }
    size_t sum = 0;
    for (size_t k = 0; k <= SLOTS; k++) {
        size_t count = start[k];
        start[k] = sum;
        sum += count;
    }
    for (size_t i = 0; i < n; i++) {
        double score = entry->jobs[i].tenths / 10.0;
        if (r->fallback ? score > 0 : score >= RELEVANCE_THRESHOLD) {
            order[start[SLOTS - entry->jobs[i].tenths]++] = (uint32_t)i;
            r->with_skills += entry->jobs[i].nskills > 0;
        }
    }
    r->n = sum;
    free(start);
}

/* The user's skills (the JSON text of users.skills) as the gap marks them: the names of
 * distinct keys, in their order, into *names (in a), their count into *n; *shown_skills (may be
 * NULL) as in the header. */
static void have_names(const struct skills_dict *d, const char *text, struct arena *a,
                       const char ***names_out, size_t *n_out, json_t **shown_skills)
{
    json_t *have = json_parse_array(text);
    size_t count = json_array_size(have);
    enum { PARTS = 8 }; /* a compound ("C/C++") counts as its skills (skills_parts) */
    const char **names = arena_alloc(a, (count ? count : 1) * PARTS * sizeof *names);
    json_t *shown = json_array();
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        const char *typed = json_string_value(json_array_get(have, i)), *parts[PARTS];
        size_t nparts = skills_parts(d, typed, parts, PARTS);
        if (nparts == 0)
            parts[nparts++] = typed;
        for (size_t j = 0; j < nparts; j++) {
            const char *s = parts[j];
            char key[SKILLS_KEY_MAX], name[SKILLS_KEY_MAX];
            if (s == NULL || *skills_key(d, s, key, sizeof key) == '\0')
                continue;
            bool seen = false;
            for (size_t k = 0; k < n && !seen; k++) {
                char other[SKILLS_KEY_MAX];
                seen = strcmp(skills_key(d, names[k], other, sizeof other), key) == 0;
            }
            if (seen)
                continue;
            names[n++] = arena_strdup(a, s);
            json_array_append_new(shown, json_string(skills_display(d, s, name, sizeof name)));
        }
    }
    json_decref(have);
    *names_out = names;
    *n_out = n;
    if (shown_skills)
        *shown_skills = shown;
    else
        json_decref(shown);
}

/* Marks the user's skills in g and finishes it; *shown_skills (may be NULL) as in the header;
 * *skills_text (may be NULL) receives the users.skills text read (in a). */
static int finish_with_user_skills(struct store_conn *c, int64_t user_id, struct arena *a,
                                   struct skill_gap *g, json_t **shown_skills,
                                   const char **skills_text, struct err *e)
{
    const char *text;
    int rc = user_skills(c, user_id, a, &text, e);
    if (rc)
        return rc;
    const char **names;
    size_t n;
    have_names(g->dict, text, a, &names, &n, shown_skills);
    skill_gap_finish(g, names, n);
    if (skills_text)
        *skills_text = text;
    return 0;
}

int relevance_skill_gap(struct store_conn *c, int64_t user_id, struct arena *a, struct relevance *r,
                        struct skill_gap *g, json_t **shown_skills, struct err *e)
{
    skill_gap_init(g, skills_default());
    memset(r, 0, sizeof *r);
    struct score_cache_entry *entry;
    time_t now = time(NULL);
    int rc = recommendation_scores(c, user_id, &now, a, &entry, e);
    if (rc)
        return rc;
    if (entry->have_relevant && entry->relevant_moves == entry->moves && shown_skills == NULL) {
        const struct score_cache_summary *k = &entry->relevant_summary;
        *r = (struct relevance){k->n, k->with_skills, k->open, k->excluded, k->below, k->fallback};
        skill_gap_copy(g, &entry->relevant);
        score_cache_release(entry);
        return 0;
    }
    uint32_t *order = malloc((entry->njobs ? entry->njobs : 1) * sizeof *order);
    choose(entry, r, order);
    for (size_t i = 0; i < r->n; i++) {
        const struct score_cache_job *job = &entry->jobs[order[i]];
        const char *names[SCORING_MAX_SKILLS];
        for (size_t k = 0; k < job->nskills; k++)
            names[k] = entry->names[score_cache_ids_get(&entry->skill_ids, job->skills + k)];
        skill_gap_add_job(g, names, job->nskills, job->tenths / 10.0 / 100.0);
    }
    free(order);
    rc = finish_with_user_skills(c, user_id, a, g, shown_skills, NULL, e);
    if (rc == 0) {
        skill_gap_free(&entry->relevant);
        skill_gap_copy(&entry->relevant, g);
        entry->relevant_summary = (struct score_cache_summary){
            r->n, r->with_skills, r->open, r->excluded, r->below, r->fallback};
        entry->relevant_moves = entry->moves;
        entry->have_relevant = true;
    }
    score_cache_release(entry);
    return rc;
}

/* The skill names of one tech_stack text (nonblank strings, at most TABLE_ARRAY_MAX_ITEMS) into
 * names, pointing into text_buf (room for JSON_PLAIN_TEXT_MAX) or *parsed (to be decref'd; NULL
 * when the plain form was read without jansson); returns how many. */
static size_t stack_names(const char *stack_text, const char **names, char *text_buf,
                          json_t **parsed)
{
    const char *plain[TABLE_ARRAY_MAX_ITEMS];
    size_t n = 0, nplain;
    *parsed = NULL;
    if (json_plain_strings(stack_text, plain, TABLE_ARRAY_MAX_ITEMS, &nplain, text_buf)) {
        for (size_t k = 0; k < nplain; k++)
            if (*plain[k])
                names[n++] = plain[k];
    } else {
        *parsed = json_parse_array(stack_text);
        for (size_t k = 0; k < json_array_size(*parsed) && n < TABLE_ARRAY_MAX_ITEMS; k++) {
            const char *name = json_string_value(json_array_get(*parsed, k));
            if (name && *name)
                names[n++] = name;
        }
    }
    return n;
}

/* The plain gap from every own job's tech_stack (no cache); *version gets the user's data
 * version in the same statement's snapshot (-1 when the user has no such job, or no version). */
static int plain_gap(struct store_conn *c, int64_t user_id, struct arena *a, struct skill_gap *g,
                     size_t *jobs, int64_t *version, json_t **shown_skills,
                     const char **skills_text, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_INT(user_id)};
    struct store_result *res;
    char sql[256]; /* every job's stack, in the table's order (store_sql_table_order) */
    snprintf(sql, sizeof sql,
             "SELECT tech_stack, (SELECT version FROM user_data_versions WHERE user_id = ?) FROM "
             "jobs WHERE user_id = ? AND tech_stack IS NOT NULL%s",
             store_sql_table_order(c, " ORDER BY status, id"));
    int rc = store_exec(c, sql, p, 2, &res, e);
    if (rc)
        return rc;
    *version = store_rows(res) && !store_isnull(res, 0, 1) ? store_int(res, 0, 1) : -1;
    const char *names[TABLE_ARRAY_MAX_ITEMS];
    char text[JSON_PLAIN_TEXT_MAX];
    for (size_t i = 0; i < store_rows(res); i++) {
        json_t *stack;
        size_t n = stack_names(store_text(res, i, 0), names, text, &stack);
        if (n > 0) {
            skill_gap_add_job(g, names, n, 1.0);
            (*jobs)++;
        }
        json_decref(stack);
    }
    store_result_free(res);
    return finish_with_user_skills(c, user_id, a, g, shown_skills, skills_text, e);
}

/* Whether the finished gap g may be brought forward job by job and stay what a new read would
 * give, whatever the order of the rows (the plain gap's query has none, and the rows' order
 * follows whichever index the engine walks, which a write may change): each entry's name is
 * the only spelling seen of its key (of several, the entry shows the first in byte order, which
 * a job taken out would not undo), and no two entries share a name (ties would be left in the
 * order of their keys' first appearance). The counts and, with weight 1, the demands are sums
 * of integers. */
static bool any_order(const struct skill_gap *g)
{
    for (size_t i = 1; i < g->n; i++)
        if (strcmp(g->items[i - 1].name, g->items[i].name) == 0)
            return false;
    return g->respelled == 0;
}

struct stack_change {
    int64_t job, version;
    const char *before, *now; /* tech_stack texts (NULL: none counted) */
};

static int by_job_then_version(const void *x, const void *y)
{
    const struct stack_change *a = x, *b = y;
    if (a->job != b->job)
        return a->job < b->job ? -1 : 1;
    return a->version < b->version ? -1 : a->version > b->version;
}

/* Applies the stack of one job: taken out (add false) or counted (add true); false when the gap
 * does not hold what it should. */
static bool apply_stack(struct skill_gap *g, const char *text, bool add, size_t *jobs)
{
    if (text == NULL)
        return true;
    const char *names[TABLE_ARRAY_MAX_ITEMS];
    char buf[JSON_PLAIN_TEXT_MAX];
    json_t *stack;
    size_t n = stack_names(text, names, buf, &stack);
    bool ok = true;
    if (n > 0 && add) {
        skill_gap_add_job(g, names, n, 1.0);
        (*jobs)++;
    } else if (n > 0) {
        ok = *jobs > 0 && skill_gap_remove_job(g, names, n, 1.0);
        *jobs -= ok;
    }
    json_decref(stack);
    return ok;
}

#define PLAIN_PATCH_MAX_ROWS 1024 /* log rows read at most: more, and the gap is read again */

/*
 * Brings the entry's plain gap (locked, counted at x->plain_version) to the user's current
 * version from the jobs whose stack the log (migration 0068) says may have changed since: the
 * first such row of a job after the gap's version holds the stack the gap counted
 * (stack_before), the job's row the one to count now; the user's skills (read again: a profile
 * change leaves the log of stacks whole) mark it. The log, stack_full_version (migration 0072),
 * the version, the jobs and the skills are read in one statement (one snapshot). *done is false
 * (the gap dropped, to be read again) when stack_full_version is above the gap's version or
 * unknown (the log may miss writes: a pruned log, a long PostgreSQL transaction), when the log
 * is long, or when
 * the result could depend on the order of the rows (a name shown otherwise than its entry, two
 * entries of one name).
 */
static int patch_plain(struct store_conn *c, int64_t user_id, struct arena *a,
                       struct score_cache_entry *x, bool *done, struct err *e)
{
    *done = false;
    struct store_value p[] = {SV_INT(x->plain_version), SV_INT(user_id),
                              SV_INT(PLAIN_PATCH_MAX_ROWS + 1)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT v.version, v.stack_full_version, c.job_id, c.version, "
                        "c.stack_before, j.tech_stack, (SELECT u.skills FROM users u WHERE u.id = "
                        "v.user_id) FROM user_data_versions v "
                        "LEFT JOIN score_changes c ON c.user_id = v.user_id AND c.version > ? "
                        "AND c.stack LEFT JOIN jobs j ON j.id = c.job_id AND j.user_id = v.user_id "
                        "WHERE v.user_id = ? LIMIT ?",
                        p, 3, &r, e);
    if (rc)
        return rc;
    size_t rows = store_rows(r);
    bool sure = rows > 0 && rows <= PLAIN_PATCH_MAX_ROWS && !store_isnull(r, 0, 1) &&
                store_int(r, 0, 1) <= x->plain_version;
    int64_t version = sure ? store_int(r, 0, 0) : 0;
    const char *have = sure && !store_isnull(r, 0, 6) ? arena_strdup(a, store_text(r, 0, 6)) : NULL;
    struct stack_change *changes = arena_alloc(a, (rows ? rows : 1) * sizeof *changes);
    size_t n = 0;
    for (size_t i = 0; sure && i < rows; i++) {
        if (store_isnull(r, i, 2))
            continue;
        changes[n++] = (struct stack_change){
            store_int(r, i, 2), store_int(r, i, 3),
            store_isnull(r, i, 4) ? NULL : arena_strdup(a, store_text(r, i, 4)),
            store_isnull(r, i, 5) ? NULL : arena_strdup(a, store_text(r, i, 5))};
    }
    store_result_free(r);
    if (!sure)
        return 0;
    qsort(changes, n, sizeof *changes, by_job_then_version);
    struct skill_gap *g = &x->plain;
    size_t jobs = x->plain_jobs;
    skill_gap_reopen(g);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        if (i > 0 && changes[i - 1].job == changes[i].job)
            continue; /* the first row after the gap's version says what it counted */
        ok = apply_stack(g, changes[i].before, false, &jobs) &&
             apply_stack(g, changes[i].now, true, &jobs);
    }
    const char **names;
    size_t nnames;
    json_t *shown;
    have_names(g->dict, have, a, &names, &nnames, &shown);
    skill_gap_finish(g, names, nnames);
    if (ok && any_order(g)) {
        x->plain_jobs = jobs;
        x->plain_version = version;
        free(x->plain_have);
        free(x->user_skills);
        x->plain_have = have ? xstrdup(have) : NULL;
        x->user_skills = json_dumps(shown, JSON_COMPACT);
        *done = true;
    }
    json_decref(shown);
    return 0;
}

/* Drops the entry's plain gap. */
static void drop_plain(struct score_cache_entry *x)
{
    skill_gap_free(&x->plain);
    free(x->user_skills);
    free(x->plain_have);
    x->user_skills = x->plain_have = NULL;
    x->have_plain = false;
}

int relevance_plain_skill_gap(struct store_conn *c, int64_t user_id, struct arena *a,
                              struct skill_gap *g, size_t *jobs, json_t **shown_skills,
                              struct err *e)
{
    skill_gap_init(g, skills_default());
    *jobs = 0;
    struct score_cache_entry *entry;
    time_t now = time(NULL);
    int rc = recommendation_scores(c, user_id, &now, a, &entry, e);
    if (rc)
        return rc;
    if (entry->have_plain && entry->plain_version < entry->version) {
        bool done = false;
        rc = patch_plain(c, user_id, a, entry, &done, e);
        if (rc || !done)
            drop_plain(entry);
        if (rc) {
            score_cache_release(entry);
            return rc;
        }
    }
    if (!entry->have_plain) {
        json_t *shown = NULL;
        const char *skills_text = NULL;
        int64_t version;
        rc = plain_gap(c, user_id, a, g, jobs, &version, &shown, &skills_text, e);
        if (rc == 0) {
            skill_gap_copy(&entry->plain, g);
            entry->plain_jobs = *jobs;
            entry->plain_any_order = any_order(g);
            entry->user_skills = json_dumps(shown, JSON_COMPACT);
            entry->plain_have = skills_text ? xstrdup(skills_text) : NULL;
            /* unknown: brought forward by no patch (recommendation_cache.c drops it on a stack
               change) */
            entry->plain_version = version >= 0 ? version : INT64_MAX;
            entry->have_plain = true;
        }
        if (rc == 0 && shown_skills)
            *shown_skills = shown;
        else
            json_decref(shown);
    } else {
        skill_gap_copy(g, &entry->plain);
        *jobs = entry->plain_jobs;
        if (shown_skills)
            *shown_skills = json_loads(entry->user_skills, 0, NULL);
    }
    score_cache_release(entry);
    return rc;
}

/* The shapes of relevance_json, relevance_missing_json and what relevance_rank_rows adds to a
 * row (the API document reads them). */
static const char *const relevance_bases[] = {"threshold", "all_open_jobs", NULL};
static const struct field summary_fields[] = {
    {"threshold", FT_REAL, F_NOTNULL, .doc = "the recommendation score a job needs"},
    {"open_jobs", FT_INT, F_NOTNULL},
    {"excluded", FT_INT, F_NOTNULL},
    {"below_threshold", FT_INT, F_NOTNULL},
    {"relevant_jobs", FT_INT, F_NOTNULL},
    {"basis", FT_TEXT, F_NOTNULL, relevance_bases,
     .doc = "all_open_jobs when no job reaches the threshold"},
    {NULL},
};
const struct table relevance_summary_reply = {NULL, summary_fields, false, "RelevanceSummary"};
static const struct field missing_fields[] = {
    {"skill", FT_TEXT, F_NOTNULL},
    {"jobs", FT_INT, F_NOTNULL, .doc = "how many of the relevant jobs ask for it"},
    {"demand", FT_REAL, F_NOTNULL},
    {"in_demand", FT_BOOL, F_NOTNULL},
    {NULL},
};
const struct table relevance_missing_reply = {NULL, missing_fields, false, "MissingSkill"};
const struct field relevance_ranked_fields[] = {
    {"matched_skills", FT_STRINGS, F_NOTNULL, .doc = "the missing skills it teaches"},
    {"relevance", FT_REAL, F_NOTNULL},
    {NULL},
};

json_t *relevance_json(const struct relevance *r)
{
    return json_pack("{s:f, s:I, s:I, s:I, s:I, s:s}", "threshold", RELEVANCE_THRESHOLD,
                     "open_jobs", (json_int_t)r->open, "excluded", (json_int_t)r->excluded,
                     "below_threshold", (json_int_t)r->below, "relevant_jobs", (json_int_t)r->n,
                     "basis", r->fallback ? "all_open_jobs" : "threshold");
}

/* ================================================================ learning advice */

struct ranked {
    json_t *obj;
    double score;
};

static int by_relevance(const void *a, const void *b, void *context)
{
    const struct ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    relevance_tie *const *tie = context; /* a function's address cannot travel as a void * */
    return (*tie)(x->obj, y->obj);
}

static double round2(double v)
{
    return round(v * 100.0) / 100.0;
}

/* Whether s is the key of one of the entries idx[0..nidx) of g. */
static bool is_missing_key(const struct skill_gap *g, const size_t *idx, size_t nidx, const char *s)
{
    for (size_t i = 0; i < nidx; i++)
        if (strcmp(s, g->items[idx[i]].key) == 0)
            return true;
    return false;
}

double relevance_match_text(const struct skill_gap *g, const size_t *idx, size_t nidx,
                            const char *skills_text, size_t *matched, size_t *nmatched,
                            bool *listed)
{
    /* the names json_get_strings reads from the column's value (table_row_json: json_loads),
       without jansson when the text is in the plain form */
    enum { MAX_NAMES = 256 };
    const char *names[MAX_NAMES];
    char text[JSON_PLAIN_TEXT_MAX];
    size_t nnames = 0;
    json_t *parsed = NULL;
    if (skills_text && !json_plain_strings(skills_text, names, MAX_NAMES, &nnames, text)) {
        parsed = json_loads(skills_text, JSON_DECODE_ANY, NULL);
        nnames = json_get_strings(parsed, names, MAX_NAMES);
    }
    *listed = false;
    if (parsed) /* every string, also past the first MAX_NAMES */
        for (size_t k = 0; k < json_array_size(parsed) && !*listed; k++) {
            const char *s = json_string_value(json_array_get(parsed, k));
            *listed = s && is_missing_key(g, idx, nidx, s);
        }
    else
        for (size_t k = 0; k < nnames && !*listed; k++)
            *listed = is_missing_key(g, idx, nidx, names[k]);
    double score = 0; /* a row not listed is not read further */
    *nmatched = 0;
    if (*listed)
        score =
            skill_gap_score(g, idx, nidx, names, nnames, matched, RELEVANCE_GAP_SKILLS, nmatched);
    json_decref(parsed);
    return score;
}

bool relevance_all_known(const struct skills_dict *d, const char *skills_text,
                         const char *const *known, size_t nknown)
{
    enum { MAX_NAMES = 256 };
    const char *names[MAX_NAMES];
    char text[JSON_PLAIN_TEXT_MAX];
    size_t nnames = 0;
    json_t *parsed = NULL;
    if (skills_text == NULL || nknown == 0)
        return false;
    if (!json_plain_strings(skills_text, names, MAX_NAMES, &nnames, text)) {
        parsed = json_loads(skills_text, JSON_DECODE_ANY, NULL);
        nnames = json_get_strings(parsed, names, MAX_NAMES);
    }
    bool all = nnames > 0;
    for (size_t k = 0; k < nnames && all; k++) {
        char key[SKILLS_KEY_MAX];
        skills_key(d, names[k], key, sizeof key);
        bool have = false;
        for (size_t j = 0; j < nknown && !have; j++)
            have = strcmp(key, known[j]) == 0;
        all = have;
    }
    json_decref(parsed);
    return all;
}

void relevance_put_ranked(struct buf *out, const struct skill_gap *g, const size_t *idx,
                          const size_t *matched, size_t nmatched, double score)
{
    buf_puts(out, ",\"matched_skills\":[");
    size_t items = 0;
    for (size_t k = 0; k < nmatched; k++) {
        const char *name = g->items[idx[matched[k]]].name;
        if (!utf8_valid(name, strlen(name)))
            continue; /* json_string refuses it: the array is without it */
        if (items++)
            buf_putc(out, ',');
        json_buf_string(out, name);
    }
    buf_puts(out, "],\"relevance\":");
    json_buf_real(out, round2(score), 15);
}

size_t relevance_rank_rows(const struct skill_gap *g, const size_t *idx, size_t nidx, json_t *rows,
                           relevance_tie *tie, int64_t limit, int64_t offset, json_t *items)
{
    size_t nrows = json_array_size(rows), count = 0;
    struct ranked *list = calloc(nrows ? nrows : 1, sizeof *list);
    for (size_t i = 0; i < nrows; i++) {
        json_t *row = json_array_get(rows, i);
        const char *names[256];
        size_t nnames = json_get_strings(json_object_get(row, "skills"), names, 256);
        size_t matched[RELEVANCE_GAP_SKILLS], nmatched;
        double score =
            skill_gap_score(g, idx, nidx, names, nnames, matched, RELEVANCE_GAP_SKILLS, &nmatched);
        if (nmatched == 0)
            continue;
        json_t *shown = json_array();
        for (size_t k = 0; k < nmatched; k++)
            json_array_append_new(shown, json_string(g->items[idx[matched[k]]].name));
        json_object_set_new(row, "matched_skills", shown);
        json_object_set_new(row, "relevance", json_real(round2(score)));
        list[count++] = (struct ranked){row, score};
    }
    qsort_r(list, count, sizeof *list, by_relevance, &tie);
    for (size_t k = 0; k < count && (int64_t)k < offset + limit; k++)
        if ((int64_t)k >= offset)
            json_array_append(items, list[k].obj);
    free(list);
    return count;
}

const char *relevance_missing_keys(const struct skill_gap *g, const size_t *idx, size_t nidx,
                                   struct arena *a)
{
    json_t *keys = json_array();
    for (size_t i = 0; i < nidx; i++)
        json_array_append_new(keys, json_string(g->items[idx[i]].key));
    char *text = json_dumps(keys, JSON_COMPACT);
    const char *out = arena_strdup(a, text);
    free(text);
    json_decref(keys);
    return out;
}

json_t *relevance_missing_json(const struct skill_gap *g, const size_t *idx, size_t nidx)
{
    json_t *out = json_array();
    for (size_t i = 0; i < nidx; i++) {
        const struct skill_gap_entry *s = &g->items[idx[i]];
        json_array_append_new(out,
                              json_pack("{s:s, s:i, s:f, s:b}", "skill", s->name, "jobs", s->jobs,
                                        "demand", round2(s->demand), "in_demand", s->top > 0));
    }
    return out;
}
