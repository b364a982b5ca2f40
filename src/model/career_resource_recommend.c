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

/* Appends the rows of res listed in order (by the caller's ranking; NULL: every row, in turn),
 * n of them, as a JSON array of resources; with ranks, each with its matched_skills and
 * relevance. */
static void items_text(const struct store_result *res, const struct ranked_resource *ranks,
                       size_t n, const struct skill_gap *g, const size_t *idx, struct arena *a,
                       struct buf *out)
{
    struct table_layout layout;
    if (n)
        table_text_layout(&career_resource_table, res, a, &layout);
    buf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(out, ',');
        table_row_text_with(&layout, res, ranks ? ranks[i].row : i, out);
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
static int skill_matches(struct store_conn *c, int64_t user, const struct skill_gap *g,
                         const size_t *idx, size_t nidx, int64_t limit, int64_t offset,
                         struct arena *a, struct buf *out, int64_t *total, struct err *e)
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
        items_text(res, ranks + from, to > from ? (size_t)(to - from) : 0, g, idx, a, out);
    }
    store_result_free(res);
    return 0;
}

/* The best rated active resources the user has not completed, appended to out as the items'
 * array. */
static int top_rated(struct store_conn *c, int64_t user, int64_t limit, int64_t offset,
                     struct arena *a, struct buf *out, int64_t *total, struct err *e)
{
    struct store_value p[] = {SV_BOOL(true), SV_INT(user), SV_INT(limit), SV_INT(offset)};
    struct store_result *res;
    int rc = store_exec(
        c, "SELECT COUNT(*) FROM career_resources WHERE is_active = ? AND " NOT_COMPLETED, p, 2,
        &res, e);
    if (rc)
        return rc;
    *total = store_int(res, 0, 0);
    store_result_free(res);
    const char *sql =
        arena_printf(a,
                     "SELECT %s FROM career_resources WHERE is_active = ? AND " NOT_COMPLETED
                     " ORDER BY (rating IS NULL), rating DESC, "
                     "title ASC, id ASC LIMIT ? OFFSET ?",
                     table_columns(&career_resource_table, NULL, a));
    rc = store_exec(c, sql, p, 4, &res, e);
    if (rc)
        return rc;
    items_text(res, NULL, store_rows(res), NULL, NULL, a, out);
    store_result_free(res);
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
    if (rc == 0)
        nidx = skill_gap_top_missing(&g, idx, RELEVANCE_GAP_SKILLS);
    if (rc == 0 && nidx)
        rc = skill_matches(c, user, &g, idx, nidx, limit, offset, a, out, &total, e);
    const char *basis = "missing_skills";
    if (rc == 0 && total == 0) {
        basis = "top_rated";
        rc = top_rated(c, user, limit, offset, a, out, &total, e);
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
