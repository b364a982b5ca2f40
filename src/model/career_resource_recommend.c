/*
 * This file implements the recommended career resources: the resources teaching the skills the
 * user's saved jobs ask for and the user lacks (src/core/skill_gap.c), ranked by relevance and
 * rating, else the top-rated ones, with the user's bookmark and rating on each.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/skill_gap.h"
#include "../core/skills.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "career_resource.h"
#include "career_resource_internal.h"
#include "relevance.h"
#include "user.h"

/* ================================================================ recommendations */

#define RECOMMEND_CANDIDATES 500

/* A candidate that teaches a missing skill, ranked on what its row holds (no JSON object until
 * it is on the page). */
struct ranked_resource {
    size_t row;   /* in the candidates' result */
    double score; /* the demand it covers */
    double rating;
    bool rated; /* rating not NULL (and finite: jansson holds no other) */
    const char *title;
    int64_t id;
    size_t matched[RELEVANCE_GAP_SKILLS], nmatched;
};

/* More relevant first; equally relevant: rated before unrated, better rated first, then title,
 * id. */
static int by_relevance(const void *a, const void *b)
{
    const struct ranked_resource *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->rated != y->rated)
        return x->rated ? -1 : 1;
    double dx = x->rated ? x->rating : 0, dy = y->rated ? y->rating : 0;
    if (dx != dy)
        return dx > dy ? -1 : 1;
    int t = strcmp(x->title, y->title);
    if (t)
        return t;
    return x->id < y->id ? -1 : x->id > y->id;
}

#define NOT_COMPLETED                                                                              \
    "id NOT IN (SELECT resource_id FROM resource_bookmarks WHERE user_id = ? AND "                 \
    "status = 'completed')"

/* The resources the user completed on her learning paths (the enrollments'
 * completed_resource_ids), sorted, into *ids (in a): left out like a bookmark marked completed
 * (session 35: a finished path's "Docker: Get started" was still recommended). */
struct done_ids {
    int64_t *ids;
    size_t n;
};

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int path_done_ids(struct store_conn *c, int64_t user, struct arena *a, struct done_ids *out,
                         struct err *e)
{
    struct store_value p[] = {SV_INT(user)};
    struct store_result *res;
    int rc = store_exec(c,
                        "SELECT completed_resource_ids FROM learning_path_enrollments WHERE "
                        "user_id = ?",
                        p, 1, &res, e);
    if (rc)
        return rc;
    size_t cap = 0, rows = store_rows(res);
    json_t **lists = arena_alloc(a, (rows ? rows : 1) * sizeof *lists);
    for (size_t i = 0; i < rows; i++) {
        lists[i] = json_parse_array(store_text(res, i, 0));
        cap += json_array_size(lists[i]);
    }
    out->ids = arena_alloc(a, (cap ? cap : 1) * sizeof *out->ids);
    out->n = 0;
    for (size_t i = 0; i < rows; i++) {
        out->n += json_get_ints(lists[i], out->ids + out->n, cap - out->n);
        json_decref(lists[i]);
    }
    store_result_free(res);
    qsort(out->ids, out->n, sizeof *out->ids, cmp_id);
    return 0;
}

static bool is_done(const struct done_ids *d, int64_t id)
{
    return d->n && bsearch(&id, d->ids, d->n, sizeof id, cmp_id) != NULL;
}

/* Appends the rows of res listed in order (by the caller's ranking; else rows[0..n), or NULL:
 * every row, in turn), n of them, as a JSON array of resources; with ranks, each with its
 * matched_skills and relevance. */
static void items_text(const struct store_result *res, const struct ranked_resource *ranks,
                       const size_t *rows, size_t n, const struct skill_gap *g, const size_t *idx,
                       struct arena *a, struct buf *out)
{
    struct table_layout layout;
    if (n)
        table_text_layout(&career_resource_table, res, a, &layout);
    buf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(out, ',');
        table_row_text_with(&layout, res, ranks ? ranks[i].row : rows ? rows[i] : i, out);
        if (ranks == NULL)
            continue;
        buf_truncate(out, out->len - 1); /* the row's '}': the ranking's members follow */
        relevance_put_ranked(out, g, idx, ranks[i].matched, ranks[i].nmatched, ranks[i].score);
        buf_putc(out, '}');
    }
    buf_putc(out, ']');
}

/* Active resources teaching any of the missing skills idx[0..nidx) of g (a stored skill is one
 * of their keys: the first RECOMMEND_CANDIDATES by id), ranked on their rows' columns; the page
 * (limit after offset) appended to out as the items' array, *total gets how many matched (0:
 * nothing appended). The skills are compared here (relevance_match_text), and also in the
 * statement only where the engine compares arrays natively (store_array_overlaps_native):
 * SQLite's json_each of each row's skills against the keys' array cost more than the rest of
 * the request, and PostgreSQL's backend spent more sending every row than filtering them
 * (docs/performance.md, thirteenth round). */
static int skill_matches(struct store_conn *c, int64_t user, const struct done_ids *done,
                         const struct skill_gap *g, const size_t *idx, size_t nidx, int64_t limit,
                         int64_t offset, struct arena *a, struct buf *out, int64_t *total,
                         struct err *e)
{
    struct store_value params[3] = {SV_BOOL(true)};
    int n = 1;
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SELECT %s FROM career_resources WHERE is_active = ? AND ",
               table_columns(&career_resource_table, NULL, a));
    if (store_array_overlaps_native(c)) {
        char cond[160];
        buf_printf(&sql, "%s AND ", store_sql_array_overlaps(c, "skills", cond, sizeof cond));
        params[n++] = SV_TEXT(relevance_missing_keys(g, idx, nidx, a));
    }
    buf_puts(&sql, NOT_COMPLETED " ORDER BY id");
    params[n++] = SV_INT(user);
    struct store_result *res;
    int rc = store_exec(c, sql.data, params, n, &res, e);
    buf_free(&sql);
    if (rc)
        return rc;
    size_t rows = store_rows(res), count = 0, candidates = 0;
    int skills = store_colindex(res, "skills"), rating = store_colindex(res, "rating"),
        title = store_colindex(res, "title"), id = store_colindex(res, "id");
    struct ranked_resource *ranks = arena_alloc(a, (rows ? rows : 1) * sizeof *ranks);
    for (size_t i = 0; i < rows && candidates < RECOMMEND_CANDIDATES; i++) {
        struct ranked_resource *r = &ranks[count];
        bool listed;
        if (is_done(done, store_int(res, i, id)))
            continue;
        r->score = relevance_match_text(g, idx, nidx, store_text(res, i, skills), r->matched,
                                        &r->nmatched, &listed);
        candidates += listed;
        if (!listed || r->nmatched == 0)
            continue;
        const char *rating_text = store_text(res, i, rating);
        r->row = i;
        r->rating = rating_text ? strtod(rating_text, NULL) : 0;
        r->rated = rating_text && isfinite(r->rating);
        r->title = store_text(res, i, title);
        r->title = r->title ? r->title : "";
        r->id = store_int(res, i, id);
        count++;
    }
    qsort(ranks, count, sizeof *ranks, by_relevance);
    *total = (int64_t)count;
    if (count) {
        int64_t from = offset > 0 ? offset : 0, to = offset + limit;
        from = from < (int64_t)count ? from : (int64_t)count;
        to = to < (int64_t)count ? to : (int64_t)count;
        items_text(res, ranks + from, NULL, to > from ? (size_t)(to - from) : 0, g, idx, a, out);
    }
    store_result_free(res);
    return 0;
}

/* The best rated active resources the user has not completed, appended to out as the items'
 * array, leaving out those that teach only skills the user has (the keys known[0..nknown);
 * session 35: a Python developer with nothing to learn was sent to "30 Days of Python"). */
static int top_rated(struct store_conn *c, int64_t user, const struct done_ids *done,
                     const struct skills_dict *d, const char *const *known, size_t nknown,
                     int64_t limit, int64_t offset, struct arena *a, struct buf *out,
                     int64_t *total, struct err *e)
{
    /* the order and the skills of every candidate, then the page's rows (the catalogue's
       descriptions are read for the page only) */
    struct store_value p[] = {SV_BOOL(true), SV_INT(user)};
    struct store_result *res;
    int rc =
        store_exec(c,
                   "SELECT id, skills FROM career_resources WHERE is_active = ? AND " NOT_COMPLETED
                   " ORDER BY (rating IS NULL), rating DESC, title ASC, id ASC",
                   p, 2, &res, e);
    if (rc)
        return rc;
    size_t rows = store_rows(res), kept = 0;
    int64_t *ids = arena_alloc(a, (rows ? rows : 1) * sizeof *ids);
    for (size_t i = 0; i < rows; i++)
        if (!is_done(done, store_int(res, i, 0)) &&
            !relevance_all_known(d, store_text(res, i, 1), known, nknown))
            ids[kept++] = store_int(res, i, 0);
    store_result_free(res);
    *total = (int64_t)kept;
    int64_t from = offset > 0 ? offset : 0, to = offset + limit;
    from = from < (int64_t)kept ? from : (int64_t)kept;
    to = to < (int64_t)kept ? to : (int64_t)kept;
    size_t n = to > from ? (size_t)(to - from) : 0;
    if (n == 0) {
        buf_puts(out, "[]");
        return 0;
    }
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SELECT %s FROM career_resources WHERE id IN (",
               table_columns(&career_resource_table, NULL, a));
    struct store_value *params = arena_alloc(a, n * sizeof *params);
    for (size_t i = 0; i < n; i++) {
        buf_puts(&sql, i ? ",?" : "?");
        params[i] = SV_INT(ids[from + (int64_t)i]);
    }
    buf_putc(&sql, ')');
    rc = store_exec(c, sql.data, params, (int)n, &res, e);
    buf_free(&sql);
    if (rc)
        return rc;
    /* the page's rows in the order chosen above */
    size_t *order = arena_alloc(a, n * sizeof *order), found = 0;
    int id = store_colindex(res, "id");
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < store_rows(res); r++)
            if (store_int(res, r, id) == ids[from + (int64_t)i]) {
                order[found++] = r;
                break;
            }
    items_text(res, NULL, order, found, NULL, NULL, a, out);
    store_result_free(res);
    return 0;
}

/* The keys (skills_key) of the user's skills (users.skills) into *keys (in a), their number
 * into *n. Read only for the fallback: the gap above comes from the scores' cache. */
static int known_keys(struct store_conn *c, int64_t user, const struct skills_dict *d,
                      struct arena *a, const char ***keys, size_t *n, struct err *e)
{
    const char *text;
    int rc = user_skills(c, user, a, &text, e);
    if (rc)
        return rc;
    json_t *mine = json_parse_array(text);
    size_t count = json_array_size(mine);
    enum { PARTS = 8 }; /* a compound ("C/C++") stands for its skills (skills_parts) */
    *keys = arena_alloc(a, (count ? count : 1) * PARTS * sizeof **keys);
    *n = 0;
    for (size_t i = 0; i < count; i++) {
        const char *parts[PARTS] = {json_string_value(json_array_get(mine, i))};
        if (parts[0] == NULL)
            continue;
        size_t nparts = skills_parts(d, parts[0], parts, PARTS);
        for (size_t j = 0; j < (nparts ? nparts : 1); j++) {
            char *key = arena_alloc(a, SKILLS_KEY_MAX);
            (*keys)[(*n)++] = skills_key(d, parts[j], key, SKILLS_KEY_MAX);
        }
    }
    json_decref(mine);
    return 0;
}

int career_resource_recommended(struct store_conn *c, int64_t user, int64_t limit, int64_t offset,
                                struct arena *a, struct buf *out, struct err *e)
{
    struct relevance r;
    struct skill_gap g;
    int rc = relevance_skill_gap(c, user, a, &r, &g, NULL, e);
    size_t idx[RELEVANCE_GAP_SKILLS], nidx = 0;
    int64_t total = 0;
    size_t start = out->len;
    buf_puts(out, "{\"items\":");
    struct done_ids done = {NULL, 0};
    if (rc == 0) {
        nidx = skill_gap_top_missing(&g, idx, RELEVANCE_GAP_SKILLS);
        rc = path_done_ids(c, user, a, &done, e);
    }
    if (rc == 0 && nidx)
        rc = skill_matches(c, user, &done, &g, idx, nidx, limit, offset, a, out, &total, e);
    const char *basis = "missing_skills";
    if (rc == 0 && total == 0) {
        basis = "top_rated";
        const char **known;
        size_t nknown;
        rc = known_keys(c, user, g.dict, a, &known, &nknown, e);
        if (rc == 0)
            rc = top_rated(c, user, &done, g.dict, known, nknown, limit, offset, a, out, &total, e);
    }
    if (rc == 0) {
        const int64_t numbers[] = {total, limit, offset};
        static const char *const names[] = {",\"total\":", ",\"limit\":", ",\"offset\":"};
        for (int i = 0; i < 3; i++) {
            buf_puts(out, names[i]);
            buf_put_int(out, numbers[i]);
        }
        buf_puts(out, ",\"basis\":");
        json_buf_string(out, basis);
        /* the two small parts as jansson builds them, written by the replies' writer */
        json_t *missing = relevance_missing_json(&g, idx, nidx), *summary = relevance_json(&r);
        buf_puts(out, ",\"missing_skills\":");
        json_write_compact(out, missing, 15);
        buf_puts(out, ",\"relevance\":");
        json_write_compact(out, summary, 15);
        buf_putc(out, '}');
        json_decref(missing);
        json_decref(summary);
    } else {
        buf_truncate(out, start);
    }
    skill_gap_free(&g);
    return rc;
}
