/*
 * This file implements the career-resources model of career_resource.h: the catalogue's field table
 * and list query, administrator writes, views, bookmarks, ratings and recommendations. The
 * rules (skill gap, bookmark progress) are src/core/skill_gap.c's and src/core/progress.c's; this
 * file loads and stores. The recommendations are in career_resource_recommend.c, bookmarks in
 * career_resource_bookmark.c, ratings in career_resource_rating.c; career_resource_internal.h
 * declares what they share.
 */
#include "career_resource.h"

#include <ctype.h>
#include <string.h>

#include "../core/progress.h"
#include "../core/skills.h"
#include "../core/validate.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "career_resource_internal.h"
#include "path_membership.h"
#include "relevance.h"

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
/* is_active is a filter for everyone: a caller who is not an administrator sees active
 * resources only, so ?is_active=false gives such a caller an empty list, not the active ones as if
 * the filter were not there (thirty-seventh round) */
static const struct list_param list_filters[] = {
    CATALOGUE_FILTERS, {"is_active", "is_active", FILTER_EQ}, {NULL}};
const struct list_spec career_resource_list_spec = {list_filters, list_sortable, "-rating"};

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
    int rc = table_list_query(c, &career_resource_table, &career_resource_list_spec, p, a, &q, e);
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
        return err_replace(e, ERR_NOT_FOUND, NULL, "no such resource");
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
    if (rc == ERR_CONFLICT)
        err_restate(e, "slug", "a resource with this slug already exists");
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
    int rc = store_exec(c,
                        "INSERT INTO resource_views (user_id, resource_id, source, viewed_at) "
                        "VALUES (?, ?, ?, ?)",
                        p, 4, NULL, e);
    if (rc == ERR_FOREIGN_KEY) { /* the resource was deleted since it was read */
        rc = err_replace(e, ERR_NOT_FOUND, NULL, "no such resource");
    }
    return rc;
}

/* The user's row of r (bookmark or feedback) for resource id, or JSON null; NULL on failure. */
int career_resource_user_row(struct store_conn *c, const struct table *r, int64_t user, int64_t id,
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

int career_resource_own_row(struct store_conn *c, const struct table *r, int64_t user, bool admin,
                            int64_t id, const char *missing, struct arena *a, json_t **resource,
                            json_t **out, struct err *e)
{
    json_t *found;
    *out = NULL;
    if (resource)
        *resource = NULL;
    int rc = career_resource_get(c, id, admin, a, &found, e);
    if (rc)
        return rc;
    rc = career_resource_user_row(c, r, user, id, a, out, e);
    if (rc == 0 && json_is_null(*out))
        rc = err_set(e, ERR_NOT_FOUND, NULL, "%s", missing);
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    if (rc == 0 && resource)
        *resource = found;
    else
        json_decref(found);
    return rc;
}

int career_resource_add_user_state(struct store_conn *c, int64_t user, int64_t id, json_t *obj,
                                   struct arena *a, struct err *e)
{
    json_t *bookmark, *feedback;
    int rc =
        career_resource_user_row(c, &career_resource_bookmark_table, user, id, a, &bookmark, e);
    if (rc)
        return rc;
    rc = career_resource_user_row(c, &career_resource_feedback_table, user, id, a, &feedback, e);
    if (rc) {
        json_decref(bookmark);
        return rc;
    }
    json_object_set_new(obj, "bookmark", bookmark);
    json_object_set_new(obj, "my_feedback", feedback);
    return 0;
}
