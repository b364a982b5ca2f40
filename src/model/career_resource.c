/*
 * This file implements the career-resources model of career_resource.h: the catalogue's field table
 * and list query, administrator writes, views, bookmarks, ratings and recommendations. The
 * rules (skill gap, bookmark progress) are src/core/skill_gap.c's and src/core/progress.c's; this
 * file loads and stores.
 */
#include "career_resource.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/progress.h"
#include "../core/skill_gap.h"
#include "../core/skills.h"
#include "../core/validate.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "job.h"
#include "path_membership.h"
#include "relevance.h"
#include "user.h"

/* ================================================================ field tables */

static const char *const types[] = {"course",        "article", "video",   "book", "tutorial",
                                    "certification", "tool",    "podcast", NULL};
static const char *const difficulties[] = {"beginner", "intermediate", "advanced", NULL};
static const char *const priorities[] = {"low", "medium", "high", NULL};

/* Lower-case letters, digits and inner hyphens: a stable name usable in URLs. */
static int check_slug(const char *field, const char *value, struct err *e)
{
    bool ok = *value && *value != '-';
    for (const char *p = value; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
    return ok ? 0
              : err_set(e, ERR_INVALID, field, "%s must be lower-case letters, digits and hyphens",
                        field);
}

/* "free", or an amount with its currency ("49 USD", "USD 39/month"): anything with a digit. */
static int check_price(const char *field, const char *value, struct err *e)
{
    if (strcmp(value, "free") == 0)
        return 0;
    for (const char *p = value; *p; p++)
        if (isdigit((unsigned char)*p))
            return 0;
    return err_set(e, ERR_INVALID, field,
                   "%s must be \"free\" or an amount with its currency, e.g. \"49 USD\"", field);
}

#define LONG_TEXT .max = 100000

static const struct field career_fields[] = {
    {"id", FT_INT, 0},
    {"slug", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 100, .check = check_slug},
    {"title", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 255},
    {"description", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, LONG_TEXT},
    {"type", FT_TEXT, F_WRITE | F_REQUIRED, types},
    {"provider", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 255},
    {"url", FT_TEXT, F_WRITE | F_REQUIRED, .max = 2048, .check = validate_url},
    {"skills", FT_ARRAY, F_WRITE},
    {"tags", FT_ARRAY, F_WRITE},
    {"prerequisites", FT_ARRAY, F_WRITE},
    {"learning_outcomes", FT_ARRAY, F_WRITE},
    {"difficulty", FT_TEXT, F_WRITE | F_REQUIRED, difficulties},
    {"duration_minutes", FT_INT, F_WRITE, .min = 0, .max = 1000000},
    {"price", FT_TEXT, F_WRITE, .max = 50, .check = check_price},
    {"rating", FT_REAL, 0},
    {"is_active", FT_BOOL, F_WRITE | F_NOTNULL},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table career_resource_table = {"career_resources", career_fields, false, "Resource"};

static const struct field bookmark_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"resource_id", FT_INT, 0},
    {"notes", FT_TEXT, F_WRITE, LONG_TEXT},
    {"priority", FT_TEXT, F_WRITE | F_NOTNULL, priorities},
    {"status", FT_TEXT, F_WRITE | F_NOTNULL, progress_bookmark_statuses},
    {"progress_percentage", FT_INT, F_WRITE | F_NOTNULL, .min = 0, .max = 100},
    {"completed_at", FT_TIMESTAMP, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {NULL},
};
const struct table career_resource_bookmark_table = {"resource_bookmarks", bookmark_fields, true,
                                                     "Bookmark"};

static const struct field feedback_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"resource_id", FT_INT, 0},
    {"is_helpful", FT_BOOL, F_WRITE | F_REQUIRED},
    {"rating", FT_INT, F_WRITE, .min = 1, .max = 5},
    {"completed", FT_BOOL, F_WRITE | F_NOTNULL},
    {"would_recommend", FT_BOOL, F_WRITE},
    {"notes", FT_TEXT, F_WRITE, LONG_TEXT},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {NULL},
};
const struct table career_resource_feedback_table = {"resource_feedback", feedback_fields, true,
                                                     "ResourceRating"};

/* ================================================================ reply shapes */

static const struct field detail_fields[] = {
    {"bookmark", FT_OBJECT, F_OPTIONAL, .of = &career_resource_bookmark_table,
     .doc = "signed in only: the caller's bookmark, or null"},
    {"my_feedback", FT_OBJECT, F_OPTIONAL, .of = &career_resource_feedback_table,
     .doc = "signed in only: the caller's rating, or null"},
    {NULL},
};
const struct table career_resource_detail_reply = {NULL, detail_fields, false, "ResourceDetail",
                                                   &career_resource_table};
static const struct field recommended_item_fields[] = {
    {"matched_skills", FT_STRINGS, F_NOTNULL | F_OPTIONAL,
     .doc = "the missing skills it teaches (basis missing_skills)"},
    {"relevance", FT_REAL, F_NOTNULL | F_OPTIONAL},
    {NULL},
};
static const struct table recommended_item = {NULL, recommended_item_fields, false,
                                              "RecommendedResource", &career_resource_table};

static const char *const bases[] = {"missing_skills", "top_rated", NULL};
static const struct field recommended_fields[] = {
    {"items", FT_LIST, F_NOTNULL, .of = &recommended_item},
    {"total", FT_INT, F_NOTNULL},
    {"limit", FT_INT, F_NOTNULL},
    {"offset", FT_INT, F_NOTNULL},
    {"basis", FT_TEXT, F_NOTNULL, bases,
     .doc = "missing_skills, or top_rated when nothing teaches them"},
    {"missing_skills", FT_LIST, F_NOTNULL, .of = &relevance_missing_reply},
    {"relevance", FT_OBJECT, F_NOTNULL, .of = &relevance_summary_reply},
    {NULL},
};
const struct table career_resource_recommended_reply = {NULL, recommended_fields, false,
                                                        "RecommendedResources"};
static const struct field bookmark_reply_fields[] = {
    {"resource", FT_OBJECT, F_NOTNULL, .of = &career_resource_table},
    {NULL},
};
const struct table career_resource_bookmark_reply = {
    NULL, bookmark_reply_fields, false, "BookmarkWithResource", &career_resource_bookmark_table};
static const struct field rating_reply_fields[] = {
    {"resource_rating", FT_REAL, 0, .min = 0, .max = 5, .doc = "the resource's new average"},
    {"ratings_count", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table career_resource_rating_reply = {NULL, rating_reply_fields, false, "RatingSaved",
                                                   &career_resource_feedback_table};

static const struct field view_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"resource_id", FT_INT, 0},
    {"source", FT_TEXT, 0},
    {"clicked_through", FT_BOOL, 0},
    {"viewed_at", FT_TIMESTAMP, 0},
    {NULL},
};
const struct table career_resource_view_table = {"resource_views", view_fields, true,
                                                 "ResourceView"};

/* ================================================================ reading */

static int rows_json(struct store_conn *c, const struct table *r, const char *sql,
                     const struct store_value *p, int n, json_t **out, struct err *e)
{
    struct store_result *res;
    int rc = store_exec(c, sql, p, n, &res, e);
    if (rc)
        return rc;
    *out = json_array();
    for (size_t i = 0; i < store_rows(res); i++)
        json_array_append_new(*out, table_row_json(r, res, i));
    store_result_free(res);
    return 0;
}

/* ================================================================ the catalogue list */

static const char *const list_sortable[] = {"rating",           "title", "created_at", "updated_at",
                                            "duration_minutes", NULL};
#define CATALOGUE_FILTERS                                                                          \
    {"type", "type", FILTER_EQ}, {"difficulty", "difficulty", FILTER_EQ},                          \
        {"skill", "skills", FILTER_CONTAINS}, {"tag", "tags", FILTER_CONTAINS},                    \
    {                                                                                              \
        "provider", "provider", FILTER_IEQ                                                         \
    }
static const struct list_param public_filters[] = {CATALOGUE_FILTERS, {NULL}};
static const struct list_param admin_filters[] = {
    CATALOGUE_FILTERS, {"is_active", "is_active", FILTER_EQ}, {NULL}};
const struct list_spec career_resource_public_spec = {public_filters, list_sortable, "-rating"};
const struct list_spec career_resource_admin_spec = {admin_filters, list_sortable, "-rating"};

enum price { PRICE_ANY, PRICE_FREE, PRICE_PAID };

/* What the catalogue adds to the column filters. */
struct catalogue_query {
    const char *search; /* ?q=: a substring of title, description or provider, or NULL */
    enum price price;
    bool include_inactive;
};

void career_resource_fold_keys(struct list_query *q, struct arena *a)
{
    for (int i = 0; i < q->nfilters; i++) {
        struct list_filter *f = &q->filters[i];
        if (f->op != FILTER_CONTAINS || f->value.type != STORE_TEXT)
            continue;
        if (strcmp(f->column, "skills") == 0) {
            char *key = arena_alloc(a, SKILLS_KEY_MAX);
            f->value = SV_TEXT(skills_key(skills_default(), f->value.s, key, SKILLS_KEY_MAX));
        } else { /* tags: ASCII lower case, as values_lower_array stores them */
            char *tag = arena_strdup(a, f->value.s);
            for (char *p = tag; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            f->value = SV_TEXT(tag);
        }
    }
}

void career_resource_skill_keys(struct values *v, const struct table *t, struct arena *a)
{
    struct field_value *fv = values_get(v, "skills");
    if (fv == NULL || fv->value.type != STORE_TEXT)
        return;
    json_t *in = json_parse_array(fv->value.s), *out = json_array();
    const struct skills_dict *d = skills_default();
    size_t i;
    json_t *item;
    json_array_foreach(in, i, item)
    {
        char key[SKILLS_KEY_MAX];
        if (!json_is_string(item) || *skills_key(d, json_string_value(item), key, sizeof key) == 0)
            continue;
        if (!json_has_string(out, key))
            json_array_append_new(out, json_string(key));
    }
    values_set(v, t, "skills", SV_TEXT(json_to_text(out, a)));
    json_decref(in);
    json_decref(out);
}

/* Appends the catalogue's own conditions (active, search, price) to sql. */
static int on_where(void *ctx, struct store_conn *c, struct arena *a, struct buf *sql,
                    const char **glue, struct store_value *params)
{
    const struct catalogue_query *cq = ctx;
    int n = 0;
    if (!cq->include_inactive) {
        buf_printf(sql, "%sis_active = ?", *glue);
        params[n++] = SV_BOOL(true);
        *glue = " AND ";
    }
    if (cq->search) {
        buf_printf(sql,
                   "%s(lower(title) LIKE lower(?) ESCAPE '\\' OR lower(description) LIKE "
                   "lower(?) ESCAPE '\\' OR lower(provider) LIKE lower(?) ESCAPE '\\')",
                   *glue);
        const char *pattern = table_like_pattern(cq->search, a);
        for (int k = 0; k < 3; k++)
            params[n++] = SV_TEXT(pattern);
        *glue = " AND ";
    }
    if (cq->price == PRICE_FREE) {
        buf_printf(sql, "%sprice = 'free'", *glue);
        *glue = " AND ";
    } else if (cq->price == PRICE_PAID) {
        buf_printf(sql, "%s(price IS NOT NULL AND price <> 'free')", *glue);
        *glue = " AND ";
    }
    return n;
}

/* Unrated resources last in both directions; equal ratings by title. */
static const char *on_order(void *ctx, const struct list_query *q, struct arena *a)
{
    const char *dir = q->desc ? "DESC" : "ASC", *col = q->sort;
    return arena_printf(a, "(%s IS NULL), %s %s%s", col, col, dir,
                        strcmp(col, "rating") == 0 ? ", title ASC" : "");
}

static const char *const prices[] = {"free", "paid", NULL};
static const struct field list_query_fields[] = {
    {"q", FT_TEXT, 0},
    {"price", FT_TEXT, 0, prices},
    {NULL},
};
const struct table career_resource_list_query = {NULL, list_query_fields, false, "CatalogueQuery"};

/* Reads ?q= and ?price= into cq. */
static int catalogue_args(const struct list_params *p, struct catalogue_query *cq, struct err *e)
{
    const char *search = list_params_get(p, "q");
    if (search && strspn(search, " \t") < strlen(search))
        cq->search = search;
    const char *price = list_params_get(p, "price");
    if (price && strcmp(price, "free") == 0)
        cq->price = PRICE_FREE;
    else if (price && strcmp(price, "paid") == 0)
        cq->price = PRICE_PAID;
    else if (price) {
        int rc = err_set(e, ERR_INVALID, "price", "price must be free or paid");
        for (e->nallowed = 0; prices[e->nallowed]; e->nallowed++)
            e->allowed[e->nallowed] = prices[e->nallowed];
        return rc;
    }
    return 0;
}

int career_resource_list(struct store_conn *c, bool include_inactive, const struct list_params *p,
                         struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    struct list_query q;
    struct catalogue_query cq = {.include_inactive = include_inactive};
    int rc = table_list_query(
        c, &career_resource_table,
        include_inactive ? &career_resource_admin_spec : &career_resource_public_spec, p, a, &q, e);
    if (rc == 0)
        rc = catalogue_args(p, &cq, e);
    if (rc)
        return rc;
    career_resource_fold_keys(&q, a);
    const struct list_hooks hooks = {.where = on_where, .order = on_order, .ctx = &cq};
    return table_list(c, &career_resource_table, 0, &q, &hooks, a, items, total, e);
}

int career_resource_id_by_slug(struct store_conn *c, const char *slug, int64_t *id, struct err *e)
{
    struct store_value p[] = {SV_TEXT(slug)};
    struct store_result *res;
    int rc = store_exec(c, "SELECT id FROM career_resources WHERE slug = ?", p, 1, &res, e);
    if (rc)
        return rc;
    *id = store_rows(res) ? store_int(res, 0, 0) : 0;
    store_result_free(res);
    return 0;
}

int career_resource_get(struct store_conn *c, int64_t id, bool include_inactive, struct arena *a,
                        json_t **out, struct err *e)
{
    int rc = table_get(c, &career_resource_table, 0, id, a, out, e);
    if (rc == ERR_NOT_FOUND ||
        (rc == 0 && !include_inactive && !json_is_true(json_object_get(*out, "is_active")))) {
        if (rc == 0)
            json_decref(*out);
        *out = NULL;
        err_clear(e);
        return err_set(e, ERR_NOT_FOUND, NULL, "no such resource");
    }
    return rc;
}

int career_resource_by_ids(struct store_conn *c, const int64_t *ids, size_t n, struct arena *a,
                           json_t **out, struct err *e)
{
    *out = json_array();
    if (n == 0)
        return 0;
    if (n > 500)
        n = 500;
    struct store_value *params = arena_alloc(a, n * sizeof *params);
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SELECT %s FROM career_resources WHERE id IN (",
               table_columns(&career_resource_table, NULL, a));
    for (size_t i = 0; i < n; i++) {
        buf_puts(&sql, i ? ", ?" : "?");
        params[i] = SV_INT(ids[i]);
    }
    buf_puts(&sql, ")");
    json_t *found;
    int rc = rows_json(c, &career_resource_table, sql.data, params, (int)n, &found, e);
    buf_free(&sql);
    if (rc) { /* nothing to give back: the callers return at once */
        json_decref(*out);
        *out = NULL;
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        size_t k;
        json_t *item;
        for (k = 0; k < json_array_size(found) && (item = json_array_get(found, k)); k++) {
            if (json_get_int(item, "id") == ids[i]) {
                json_array_append(*out, item);
                break;
            }
        }
    }
    json_decref(found);
    return 0;
}

/* ================================================================ administrators */

/* Names the field behind a unique violation (slug is the catalogue's only unique column). */
static int name_conflict(int rc, struct err *e)
{
    if (rc == ERR_CONFLICT) {
        snprintf(e->field, sizeof e->field, "slug");
        snprintf(e->message, sizeof e->message, "a resource with this slug already exists");
    }
    return rc;
}

int career_resource_create(struct store_conn *c, struct values *v, struct arena *a, json_t **out,
                           struct err *e)
{
    career_resource_skill_keys(v, &career_resource_table, a);
    values_lower_array(v, &career_resource_table, "tags", a);
    const char *now = time_now_text(a);
    values_set(v, &career_resource_table, "created_at", SV_TEXT(now));
    values_set(v, &career_resource_table, "updated_at", SV_TEXT(now));
    return name_conflict(table_insert(c, &career_resource_table, v, a, out, e), e);
}

int career_resource_update(struct store_conn *c, int64_t id, struct values *v, struct arena *a,
                           json_t **out, struct err *e)
{
    career_resource_skill_keys(v, &career_resource_table, a);
    values_lower_array(v, &career_resource_table, "tags", a);
    return name_conflict(table_update(c, &career_resource_table, 0, id, v, a, out, e), e);
}

int career_resource_delete(struct store_conn *c, int64_t id, struct arena *a, struct err *e)
{
    const char *path;
    int rc = store_begin(c, e);
    if (rc == 0)
        rc = path_membership_first(c, id, a, &path, e);
    if (rc == 0 && path)
        rc = err_set(e, ERR_CONFLICT, NULL,
                     "the learning path \"%s\" lists this resource: remove it from the path or "
                     "deactivate the resource (is_active false)",
                     path);
    if (rc == 0)
        rc = table_delete(c, &career_resource_table, 0, id, e);
    return table_finish(c, rc, NULL, e);
}

/* ================================================================ views and user state */

int career_resource_record_view(struct store_conn *c, int64_t user, int64_t id, const char *source,
                                struct arena *a, struct err *e)
{
    struct store_value p[] = {SV_INT(user), SV_INT(id), SV_TEXT_OR_NULL(source),
                              SV_TEXT(time_now_text(a))};
    struct store_result *res;
    int rc = store_exec(c,
                        "INSERT INTO resource_views (user_id, resource_id, source, viewed_at) "
                        "VALUES (?, ?, ?, ?)",
                        p, 4, &res, e);
    if (rc == 0)
        store_result_free(res);
    return rc;
}

/* The user's row of r (bookmark or feedback) for resource id, or JSON null; NULL on failure. */
static int user_row(struct store_conn *c, const struct table *r, int64_t user, int64_t id,
                    struct arena *a, json_t **out, struct err *e)
{
    const char *sql = arena_printf(a, "SELECT %s FROM %s WHERE user_id = ? AND resource_id = ?",
                                   table_columns(r, NULL, a), r->name);
    struct store_value p[] = {SV_INT(user), SV_INT(id)};
    json_t *rows;
    *out = NULL; /* on failure too: the callers drop it */
    int rc = rows_json(c, r, sql, p, 2, &rows, e);
    if (rc)
        return rc;
    *out = json_array_size(rows) ? json_incref(json_array_get(rows, 0)) : json_null();
    json_decref(rows);
    return 0;
}

int career_resource_add_user_state(struct store_conn *c, int64_t user, int64_t id, json_t *obj,
                                   struct arena *a, struct err *e)
{
    json_t *bookmark, *feedback;
    int rc = user_row(c, &career_resource_bookmark_table, user, id, a, &bookmark, e);
    if (rc)
        return rc;
    rc = user_row(c, &career_resource_feedback_table, user, id, a, &feedback, e);
    if (rc) {
        json_decref(bookmark);
        return rc;
    }
    json_object_set_new(obj, "bookmark", bookmark);
    json_object_set_new(obj, "my_feedback", feedback);
    return 0;
}

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

/* ================================================================ bookmarks */

/* Applies the bookmark rule to v given the stored bookmark (JSON null when new). */
static int bookmark_rule(struct values *v, json_t *existing, struct arena *a, struct err *e)
{
    struct progress_bookmark old = {0}, now;
    bool exists = !json_is_null(existing);
    if (exists) {
        old.status = json_string_value(json_object_get(existing, "status"));
        old.progress = (int)json_get_int(existing, "progress_percentage");
    }
    struct field_value *given = values_get(v, "progress_percentage");
    enum progress_stamp when;
    if (progress_bookmark_apply(exists ? &old : NULL, values_text(v, "status"),
                                given ? (int)given->value.i : -1, &now, &when))
        return err_set(e, ERR_INVALID, "progress_percentage",
                       "progress_percentage must be 100 when status is completed");
    values_set(v, &career_resource_bookmark_table, "status", SV_TEXT(now.status));
    values_set(v, &career_resource_bookmark_table, "progress_percentage", SV_INT(now.progress));
    if (when == PROGRESS_STAMP_SET)
        values_set(v, &career_resource_bookmark_table, "completed_at", SV_TEXT(time_now_text(a)));
    else if (when == PROGRESS_STAMP_CLEAR && exists)
        values_set(v, &career_resource_bookmark_table, "completed_at", SV_NULL);
    return 0;
}

int career_resource_bookmark_put(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct values *v, struct arena *a, json_t **out, bool *created,
                                 struct err *e)
{
    json_t *resource = NULL, *existing = NULL, *row = NULL;
    int rc = career_resource_get(c, id, admin, a, &resource, e);
    if (rc == 0)
        rc = store_begin(c, e);
    if (rc == 0)
        rc = user_row(c, &career_resource_bookmark_table, user, id, a, &existing, e);
    if (rc == 0)
        rc = bookmark_rule(v, existing, a, e);
    if (rc)
        goto fail;
    *created = json_is_null(existing);
    if (*created) {
        const char *now = time_now_text(a);
        values_set(v, &career_resource_bookmark_table, "user_id", SV_INT(user));
        values_set(v, &career_resource_bookmark_table, "resource_id", SV_INT(id));
        values_set(v, &career_resource_bookmark_table, "created_at", SV_TEXT(now));
        values_set(v, &career_resource_bookmark_table, "updated_at", SV_TEXT(now));
        rc = table_insert(c, &career_resource_bookmark_table, v, a, &row, e);
    } else {
        int64_t bookmark = json_get_int(existing, "id");
        rc = table_update(c, &career_resource_bookmark_table, user, bookmark, v, a, &row, e);
    }
    if (rc == 0)
        rc = store_commit(c, e);
    if (rc)
        goto fail;
    json_object_set_new(row, "resource", resource);
    json_decref(existing);
    *out = row;
    return 0;
fail:
    store_rollback(c);
    json_decref(row);
    json_decref(existing);
    json_decref(resource);
    return rc;
}

int career_resource_bookmark_get(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct arena *a, json_t **out, struct err *e)
{
    json_t *resource, *row;
    int rc = career_resource_get(c, id, admin, a, &resource, e);
    if (rc)
        return rc;
    rc = user_row(c, &career_resource_bookmark_table, user, id, a, &row, e);
    if (rc == 0 && json_is_null(row))
        rc = err_set(e, ERR_NOT_FOUND, NULL, "this resource is not bookmarked");
    if (rc) {
        json_decref(resource);
        return rc;
    }
    json_object_set_new(row, "resource", resource);
    *out = row;
    return 0;
}

int career_resource_bookmark_delete(struct store_conn *c, int64_t user, int64_t id, struct err *e)
{
    struct store_value p[] = {SV_INT(user), SV_INT(id)};
    struct store_result *res;
    int rc = store_exec(c, "DELETE FROM resource_bookmarks WHERE user_id = ? AND resource_id = ?",
                        p, 2, &res, e);
    if (rc)
        return rc;
    bool gone = store_changes(res) > 0;
    store_result_free(res);
    return gone ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "this resource is not bookmarked");
}

static const char *const bookmark_sortable[] = {"created_at", "updated_at", "progress_percentage",
                                                NULL};
static const struct list_param bookmark_filters[] = {
    {"status", "status", FILTER_EQ},
    {"priority", "priority", FILTER_EQ},
    {NULL},
};
const struct list_spec career_resource_bookmark_spec = {bookmark_filters, bookmark_sortable,
                                                        "-created_at"};

/* The resources of a page of bookmarks, read before its rows are written. */
struct bookmark_page {
    int64_t *ids; /* each row's resource_id */
    json_t *resources;
};

static int bookmark_resources(void *ctx, struct store_conn *c, const struct store_result *res,
                              struct arena *a, struct err *e)
{
    struct bookmark_page *x = ctx;
    x->ids = table_column_ints(res, "resource_id", a);
    return career_resource_by_ids(c, x->ids, store_rows(res), a, &x->resources, e);
}

/* A bookmark's resource, when found. */
static void bookmark_resource(void *ctx, const struct store_result *res, size_t i, struct buf *out)
{
    (void)res;
    const struct bookmark_page *x = ctx;
    const json_t *found = NULL, *r;
    size_t k;
    json_array_foreach(x->resources, k, r)
    {
        if (json_get_int(r, "id") == x->ids[i])
            found = r;
    }
    if (found) {
        buf_puts(out, ",\"resource\":");
        json_write_compact(out, found, 15);
    }
}

int career_resource_bookmarks(struct store_conn *c, int64_t user, const struct list_params *p,
                              struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    struct bookmark_page x = {0};
    const struct list_hooks hooks = {
        .page = bookmark_resources, .members = bookmark_resource, .ctx = &x};
    int rc = table_list_params(c, &career_resource_bookmark_table, &career_resource_bookmark_spec,
                               user, p, &hooks, a, items, total, e);
    json_decref(x.resources);
    return rc;
}

/* ================================================================ ratings */

/* Upserts the feedback row from v; *row receives it. */
static int upsert_feedback(struct store_conn *c, int64_t user, int64_t id, struct values *v,
                           struct arena *a, json_t **row, struct err *e)
{
    /* a new verdict replaces every answer of the old one: absent fields become null */
    static const char *const replaced[] = {"is_helpful", "completed",  "rating", "would_recommend",
                                           "notes",      "updated_at", NULL};
    static const struct table_conflict conflict = {"user_id, resource_id", replaced};
    const struct table *t = &career_resource_feedback_table;
    const char *now = time_now_text(a);
    struct values row_values = {0};
    values_set(&row_values, t, "user_id", SV_INT(user));
    values_set(&row_values, t, "resource_id", SV_INT(id));
    for (const char *const *name = replaced; strcmp(*name, "updated_at") != 0; name++) {
        struct field_value *fv = values_get(v, *name);
        values_set(&row_values, t, *name, fv ? fv->value : SV_NULL);
    }
    if (values_get(&row_values, "completed")->value.type == STORE_NULL)
        values_set(&row_values, t, "completed", SV_BOOL(false)); /* NOT NULL DEFAULT false */
    values_set(&row_values, t, "created_at", SV_TEXT(now));
    values_set(&row_values, t, "updated_at", SV_TEXT(now));
    return table_upsert(c, t, &row_values, &conflict, a, row, e);
}

/* Adds the resource's rating and the number of ratings to row as resource_rating and
 * ratings_count. */
static int add_rating(struct store_conn *c, int64_t id, json_t *row, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(id)};
    struct store_result *res;
    int rc = store_exec(c,
                        "SELECT rating, (SELECT COUNT(rating) FROM resource_feedback WHERE "
                        "resource_id = ?) FROM career_resources WHERE id = ?",
                        p, 2, &res, e);
    if (rc)
        return rc;
    json_object_set_new(row, "resource_rating",
                        store_isnull(res, 0, 0) ? json_null() : json_real(store_real(res, 0, 0)));
    json_object_set_new(row, "ratings_count", json_integer(store_int(res, 0, 1)));
    store_result_free(res);
    return 0;
}

/* Recomputes the resource's rating and adds resource_rating and ratings_count to row. */
static int rerate(struct store_conn *c, int64_t id, json_t *row, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(id)};
    struct store_result *res;
    int rc = store_exec(c,
                        "UPDATE career_resources SET rating = (SELECT ROUND(AVG(rating), 2) FROM "
                        "resource_feedback WHERE resource_id = ?) WHERE id = ?",
                        p, 2, &res, e);
    if (rc)
        return rc;
    store_result_free(res);
    return add_rating(c, id, row, e);
}

int career_resource_feedback_get(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct arena *a, json_t **out, struct err *e)
{
    json_t *resource, *row;
    int rc = career_resource_get(c, id, admin, a, &resource, e);
    if (rc)
        return rc;
    json_decref(resource);
    rc = user_row(c, &career_resource_feedback_table, user, id, a, &row, e);
    if (rc == 0 && json_is_null(row))
        rc = err_set(e, ERR_NOT_FOUND, NULL, "you have not rated this resource");
    if (rc == 0)
        rc = add_rating(c, id, row, e);
    if (rc) {
        json_decref(row);
        return rc;
    }
    *out = row;
    return 0;
}

int career_resource_feedback_put(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct values *v, struct arena *a, json_t **out, bool *created,
                                 struct err *e)
{
    json_t *resource = NULL, *existing = NULL, *row = NULL;
    int rc = career_resource_get(c, id, admin, a, &resource, e);
    if (rc)
        return rc;
    json_decref(resource);
    rc = store_begin(c, e);
    if (rc)
        return rc;
    /* lock the resource row first (PostgreSQL), so concurrent ratings average in turn */
    struct store_value p[] = {SV_INT(id)};
    struct store_result *res;
    rc = store_exec(c, "UPDATE career_resources SET rating = rating WHERE id = ?", p, 1, &res, e);
    if (rc)
        goto fail;
    store_result_free(res);
    rc = user_row(c, &career_resource_feedback_table, user, id, a, &existing, e);
    if (rc == 0)
        rc = upsert_feedback(c, user, id, v, a, &row, e);
    if (rc == 0)
        rc = rerate(c, id, row, e);
    if (rc == 0)
        rc = store_commit(c, e);
    if (rc)
        goto fail;
    *created = json_is_null(existing);
    json_decref(existing);
    *out = row;
    return 0;
fail:
    store_rollback(c);
    json_decref(existing);
    json_decref(row);
    return rc;
}
