/*
 * This file implements the learning-paths model of learning_path.h: the field tables, the
 * resource_ids rule, enrollment and progress (decided by src/core/progress.c), and the
 * recomputation of everyone's progress when a path's resources change.
 */
#include "learning_path.h"

#include <stdlib.h>
#include <string.h>

#include "../core/progress.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "career_resource.h"
#include "relevance.h"

#define PATH_MAX_RESOURCES 200

static const char *const difficulties[] = {"beginner", "intermediate", "advanced", NULL};
static const char *const enrollment_statuses[] = {"active", "paused", "completed", "abandoned",
                                                  NULL};

static const struct field path_fields[] = {
    {"id", FT_INT, 0},
    {"name", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 255},
    {"description", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 100000},
    {"target_role", FT_TEXT, F_WRITE, .max = 255},
    {"difficulty", FT_TEXT, F_WRITE | F_REQUIRED, difficulties},
    {"estimated_duration_weeks", FT_INT, F_WRITE, .min = 0, .max = 520},
    {"skills", FT_ARRAY, F_WRITE},
    {"resource_ids", FT_JSON, F_WRITE | F_NOTNULL},
    {"milestones", FT_JSON, F_WRITE},
    {"is_active", FT_BOOL, F_WRITE | F_NOTNULL},
    {"created_by_user_id", FT_INT, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table learning_path_table = {"learning_paths", path_fields, false, "LearningPath"};

static const struct field enrollment_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"learning_path_id", FT_INT, 0},
    {"status", FT_TEXT, 0, enrollment_statuses},
    {"current_resource_index", FT_INT, 0},
    {"completed_resource_ids", FT_JSON, 0},
    {"progress_percentage", FT_INT, 0},
    {"enrolled_at", FT_TIMESTAMP, 0},
    {"last_activity_at", FT_TIMESTAMP, 0},
    {"completed_at", FT_TIMESTAMP, 0},
    {NULL},
};
const struct table learning_path_enrollment_table = {"learning_path_enrollments", enrollment_fields,
                                                     true, "Enrollment"};

/* ================================================================ reply shapes */

static const struct field item_fields[] = {
    {"resource_count", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table learning_path_item_reply = {NULL, item_fields, false, "LearningPathItem",
                                               &learning_path_table};
static const struct field detail_fields[] = {
    {"resources", FT_LIST, F_NOTNULL, .of = &career_resource_table, .doc = "in path order"},
    {"enrollment", FT_OBJECT, F_OPTIONAL, .of = &learning_path_enrollment_table,
     .doc = "signed in only: the caller's enrollment, or null"},
    {NULL},
};
const struct table learning_path_detail_reply = {NULL, detail_fields, false, "LearningPathDetail",
                                                 &learning_path_item_reply};
static const struct field brief_fields[] = {
    {"milestones", FT_JSON, F_HIDDEN},
    {NULL},
};
static const struct table path_brief = {NULL, brief_fields, false, "LearningPathBrief",
                                        &learning_path_item_reply};
static const struct field enrollment_reply_fields[] = {
    {"learning_path", FT_OBJECT, F_NOTNULL, .of = &path_brief},
    {NULL},
};
const struct table learning_path_enrollment_reply = {
    NULL, enrollment_reply_fields, false, "EnrollmentWithPath", &learning_path_enrollment_table};

static const struct table recommended_path = {NULL, relevance_ranked_fields, false,
                                              "RecommendedLearningPath", &learning_path_item_reply};
static const char *const recommended_bases[] = {"missing_skills", NULL};
static const struct field recommended_fields[] = {
    {"items", FT_LIST, F_NOTNULL, .of = &recommended_path},
    {"total", FT_INT, F_NOTNULL},
    {"limit", FT_INT, F_NOTNULL},
    {"offset", FT_INT, F_NOTNULL},
    {"basis", FT_TEXT, F_NOTNULL, recommended_bases},
    {"missing_skills", FT_LIST, F_NOTNULL, .of = &relevance_missing_reply},
    {"relevance", FT_OBJECT, F_NOTNULL, .of = &relevance_summary_reply},
    {NULL},
};
const struct table learning_path_recommended_reply = {NULL, recommended_fields, false,
                                                      "RecommendedLearningPaths"};

/* ================================================================ helpers */

/* Refuses anything but an array of positive integers (at most `max`, each once when
 * distinct) in ids; field names the error. */
static int check_id_array(json_t *ids, const char *field, size_t max, bool distinct, struct err *e)
{
    if (!json_is_array(ids))
        return err_set(e, ERR_INVALID, field, "%s must be an array of resource ids", field);
    if (json_array_size(ids) > max)
        return err_set(e, ERR_INVALID, field, "%s may hold at most %zu ids", field, max);
    size_t i;
    json_t *item;
    for (i = 0; i < json_array_size(ids) && (item = json_array_get(ids, i)); i++) {
        if (!json_is_integer(item) || json_integer_value(item) < 1)
            return err_set(e, ERR_INVALID, field, "%s must hold positive integer ids", field);
        for (size_t k = 0; k < i && distinct; k++)
            if (json_integer_value(json_array_get(ids, k)) == json_integer_value(item))
                return err_set(e, ERR_INVALID, field, "%s lists resource %lld twice", field,
                               (long long)json_integer_value(item));
    }
    return 0;
}

/* resource_ids must name existing resources, each once. */
static int check_resource_ids(struct store_conn *c, json_t *ids, struct arena *a, struct err *e)
{
    int rc = check_id_array(ids, "resource_ids", PATH_MAX_RESOURCES, true, e);
    if (rc)
        return rc;
    int64_t wanted[PATH_MAX_RESOURCES];
    size_t n = json_get_ints(ids, wanted, PATH_MAX_RESOURCES);
    json_t *found;
    rc = career_resource_by_ids(c, wanted, n, a, &found, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && rc == 0; i++) {
        bool there = false;
        size_t k;
        json_t *r;
        for (k = 0; k < json_array_size(found) && (r = json_array_get(found, k)); k++) {
            there = there || json_get_int(r, "id") == wanted[i];
        }
        if (!there)
            rc = err_set(e, ERR_INVALID, "resource_ids", "no such resource: %lld",
                         (long long)wanted[i]);
    }
    json_decref(found);
    return rc;
}

/* A path's resource_count: the items of its resource_ids when that is an array, else 0. */
static json_int_t resource_count(const json_t *ids)
{
    return json_is_array(ids) ? (json_int_t)json_array_size(ids) : 0;
}

static json_t *with_count(json_t *path)
{
    json_object_set_new(path, "resource_count",
                        json_integer(resource_count(json_object_get(path, "resource_ids"))));
    return path;
}

/* A listed path's resource_count, as with_count adds it to the path's object. */
static void count_member(void *ctx, const struct store_result *res, size_t i, struct buf *out)
{
    (void)ctx;
    int col = store_colindex(res, "resource_ids");
    const char *text = col < 0 ? NULL : store_text(res, i, col);
    json_t *ids = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
    buf_printf(out, ",\"resource_count\":%lld", (long long)resource_count(ids));
    json_decref(ids);
}

/* Reads path id (with resource_count); inactive paths only with include_inactive. */
static int path_row(struct store_conn *c, int64_t id, bool include_inactive, struct arena *a,
                    json_t **out, struct err *e)
{
    int rc = table_get(c, &learning_path_table, 0, id, a, out, e);
    if (rc == ERR_NOT_FOUND ||
        (rc == 0 && !include_inactive && !json_is_true(json_object_get(*out, "is_active")))) {
        if (rc == 0)
            json_decref(*out);
        *out = NULL;
        return err_replace(e, ERR_NOT_FOUND, NULL, "no such learning path");
    }
    if (rc == 0)
        with_count(*out);
    return rc;
}

/* ================================================================ paths */

static const char *const path_sortable[] = {"name", "created_at", "updated_at",
                                            "estimated_duration_weeks", NULL};
#define PATH_FILTERS                                                                               \
    {"difficulty", "difficulty", FILTER_EQ}, {"target_role", "target_role", FILTER_IEQ},           \
    {                                                                                              \
        "skill", "skills", FILTER_CONTAINS                                                         \
    }
/* is_active is a filter for everyone: a caller who is not an administrator sees active paths
 * only, so ?is_active=false gives such a caller an empty list (as the catalogue does) */
static const struct list_param list_filters[] = {
    PATH_FILTERS, {"is_active", "is_active", FILTER_EQ}, {NULL}};
const struct list_spec learning_path_list_spec = {list_filters, path_sortable, "name"};

int learning_path_list(struct store_conn *c, bool include_inactive, const struct list_params *p,
                       struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, &learning_path_table, &learning_path_list_spec, p, a, &q, e);
    if (rc)
        return rc;
    career_resource_fold_keys(&q, a); /* skills are stored as skills_key */
    if (!include_inactive && q.nfilters < LIST_MAX_FILTERS)
        q.filters[q.nfilters++] = (struct list_filter){"is_active", FILTER_EQ, SV_BOOL(true)};
    const struct list_hooks hooks = {.members = count_member};
    return table_list(c, &learning_path_table, 0, &q, &hooks, a, items, total, e);
}

/* ================================================================ recommendations */

/* Equally relevant paths: by name. */
static int path_tie(const json_t *x, const json_t *y)
{
    return strcmp(json_string_value(json_object_get(x, "name")),
                  json_string_value(json_object_get(y, "name")));
}

int learning_path_recommended(struct store_conn *c, int64_t user, int64_t limit, int64_t offset,
                              struct arena *a, json_t **out, struct err *e)
{
    struct relevance r;
    struct skill_gap g;
    int rc = relevance_skill_gap(c, user, a, &r, &g, NULL, e);
    size_t idx[RELEVANCE_GAP_SKILLS], nidx = 0;
    json_t *items = json_array(), *rows = NULL;
    int64_t total = 0;
    if (rc == 0)
        nidx = skill_gap_top_missing(&g, idx, RELEVANCE_GAP_SKILLS);
    if (rc == 0 && nidx) {
        /* active paths teaching a missing skill, except those the user completed */
        struct store_value params[3];
        int n = 0;
        struct buf sql;
        buf_init(&sql);
        char cond[160];
        buf_printf(&sql, "SELECT %s FROM learning_paths WHERE is_active = ? AND %s",
                   table_columns(&learning_path_table, NULL, a),
                   store_sql_array_overlaps(c, "skills", cond, sizeof cond));
        params[n++] = SV_BOOL(true);
        params[n++] = SV_TEXT(relevance_missing_keys(&g, idx, nidx, a));
        buf_puts(&sql, " AND id NOT IN (SELECT learning_path_id FROM learning_path_enrollments "
                       "WHERE user_id = ? AND status = 'completed') ORDER BY id");
        params[n++] = SV_INT(user);
        struct store_result *res;
        rc = store_exec(c, sql.data, params, n, &res, e);
        buf_free(&sql);
        if (rc == 0) {
            rows = json_array();
            for (size_t i = 0; i < store_rows(res); i++)
                json_array_append_new(rows,
                                      with_count(table_row_json(&learning_path_table, res, i)));
            store_result_free(res);
            total =
                (int64_t)relevance_rank_rows(&g, idx, nidx, rows, path_tie, limit, offset, items);
        }
    }
    if (rc == 0)
        *out = json_pack("{s:o, s:I, s:I, s:I, s:s, s:o, s:o}", "items", items, "total",
                         (json_int_t)total, "limit", (json_int_t)limit, "offset",
                         (json_int_t)offset, "basis", "missing_skills", "missing_skills",
                         relevance_missing_json(&g, idx, nidx), "relevance", relevance_json(&r));
    else
        json_decref(items);
    json_decref(rows);
    skill_gap_free(&g);
    return rc;
}

int learning_path_get(struct store_conn *c, int64_t id, bool include_inactive, struct arena *a,
                      json_t **out, struct err *e)
{
    int rc = path_row(c, id, include_inactive, a, out, e);
    if (rc)
        return rc;
    int64_t ids[PATH_MAX_RESOURCES];
    size_t n = json_get_ints(json_object_get(*out, "resource_ids"), ids, PATH_MAX_RESOURCES);
    json_t *resources;
    rc = career_resource_by_ids(c, ids, n, a, &resources, e);
    if (rc) {
        json_decref(*out);
        return rc;
    }
    json_object_set_new(*out, "resources", resources);
    return 0;
}

static int name_conflict(int rc, struct err *e)
{
    if (rc == ERR_CONFLICT)
        err_restate(e, "name", "a learning path with this name already exists");
    return rc;
}

int learning_path_create(struct store_conn *c, int64_t author, struct values *v, struct arena *a,
                         json_t **out, struct err *e)
{
    struct field_value *ids = values_get(v, "resource_ids");
    int rc = ids ? check_resource_ids(c, ids->json, a, e) : 0;
    if (rc)
        return rc;
    if (ids == NULL)
        values_set(v, &learning_path_table, "resource_ids", SV_TEXT("[]"));
    career_resource_skill_keys(v, &learning_path_table, a);
    const char *now = time_now_text(a);
    values_set(v, &learning_path_table, "created_by_user_id", SV_INT(author));
    values_set(v, &learning_path_table, "created_at", SV_TEXT(now));
    values_set(v, &learning_path_table, "updated_at", SV_TEXT(now));
    rc = table_insert(c, &learning_path_table, v, a, out, e);
    if (rc == 0)
        with_count(*out);
    return name_conflict(rc, e);
}

/* Recomputes every enrollment in path id against its new resource list ids (n of them):
 * marks of resources no longer on the path are dropped, and completion follows. */
static int recompute(struct store_conn *c, int64_t id, const int64_t *ids, size_t n,
                     struct arena *a, struct err *e)
{
    struct store_value p[] = {SV_INT(id)};
    struct store_result *res;
    int rc = store_exec(c,
                        "SELECT id, user_id, status, completed_resource_ids FROM "
                        "learning_path_enrollments WHERE learning_path_id = ?",
                        p, 1, &res, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < store_rows(res) && rc == 0; i++) {
        const char *text = store_text(res, i, 3), *old = store_text(res, i, 2);
        json_t *marks = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
        int64_t done[PATH_MAX_RESOURCES], kept[PATH_MAX_RESOURCES];
        size_t ndone = json_get_ints(marks, done, PATH_MAX_RESOURCES);
        json_decref(marks);
        struct progress prog;
        progress_compute(ids, n, done, ndone, false, kept, &prog);
        const char *status = progress_enrollment_status(old, NULL, prog.complete);
        json_t *list = json_from_ints(kept, prog.ncompleted);
        const char *list_text = json_to_text(list, a);
        json_decref(list);
        struct values v = {0};
        const struct table *r = &learning_path_enrollment_table;
        values_set(&v, r, "status", SV_TEXT(status));
        values_set(&v, r, "completed_resource_ids", SV_TEXT(list_text));
        values_set(&v, r, "progress_percentage", SV_INT(prog.percentage));
        values_set(&v, r, "current_resource_index", SV_INT((int64_t)prog.current));
        bool was_done = old && strcmp(old, "completed") == 0;
        if (prog.complete != was_done)
            values_set(&v, r, "completed_at", prog.complete ? SV_TEXT(time_now_text(a)) : SV_NULL);
        rc = table_update(c, r, store_int(res, i, 1), store_int(res, i, 0), &v, a, NULL, e);
    }
    store_result_free(res);
    return rc;
}

int learning_path_update(struct store_conn *c, int64_t id, struct values *v, struct arena *a,
                         json_t **out, struct err *e)
{
    *out = NULL;
    struct field_value *ids = values_get(v, "resource_ids");
    int rc = ids ? check_resource_ids(c, ids->json, a, e) : 0;
    if (rc)
        return rc;
    career_resource_skill_keys(v, &learning_path_table, a);
    rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = table_update(c, &learning_path_table, 0, id, v, a, out, e);
    if (rc == 0 && ids) {
        int64_t list[PATH_MAX_RESOURCES];
        size_t n = json_get_ints(ids->json, list, PATH_MAX_RESOURCES);
        rc = recompute(c, id, list, n, a, e);
    }
    rc = table_finish(c, rc, out, e);
    if (rc)
        return name_conflict(rc, e);
    with_count(*out);
    return 0;
}

int learning_path_delete(struct store_conn *c, int64_t id, struct err *e)
{
    return table_delete(c, &learning_path_table, 0, id, e);
}

/* ================================================================ enrollments */

/* Embeds path (reference stolen) in enrollment as "learning_path", without its milestones;
 * returns enrollment. */
static json_t *with_path(json_t *enrollment, json_t *path)
{
    json_object_del(path, "milestones");
    json_object_set_new(enrollment, "learning_path", path);
    return enrollment;
}

int learning_path_enroll(struct store_conn *c, int64_t user, bool admin, int64_t id,
                         struct arena *a, json_t **out, struct err *e)
{
    json_t *path;
    int rc = path_row(c, id, admin, a, &path, e);
    if (rc)
        return rc;
    static const struct table_conflict once = {"user_id, learning_path_id", NULL};
    const struct table *t = &learning_path_enrollment_table;
    const char *now = time_now_text(a);
    struct values v = {0};
    values_set(&v, t, "user_id", SV_INT(user));
    values_set(&v, t, "learning_path_id", SV_INT(id));
    values_set(&v, t, "status", SV_TEXT("active"));
    values_set(&v, t, "current_resource_index", SV_INT(0));
    values_set(&v, t, "completed_resource_ids", SV_TEXT("[]"));
    values_set(&v, t, "progress_percentage", SV_INT(0));
    values_set(&v, t, "enrolled_at", SV_TEXT(now));
    values_set(&v, t, "last_activity_at", SV_TEXT(now));
    json_t *row = NULL;
    rc = table_upsert(c, t, &v, &once, a, &row, e);
    if (rc == ERR_FOREIGN_KEY) { /* the path was deleted since it was read */
        rc = err_replace(e, ERR_NOT_FOUND, NULL, "no such learning path");
    }
    if (rc == 0 && json_is_null(row))
        rc = err_set(e, ERR_CONFLICT, NULL, "already enrolled in this learning path");
    if (rc) {
        json_decref(row);
        json_decref(path);
        return rc;
    }
    *out = with_path(row, path);
    return 0;
}

int learning_path_unenroll(struct store_conn *c, int64_t user, int64_t id, struct err *e)
{
    struct store_value p[] = {SV_INT(user), SV_INT(id)};
    bool gone;
    int rc = store_exec_matched(c,
                                "DELETE FROM learning_path_enrollments WHERE user_id = ? AND "
                                "learning_path_id = ?",
                                p, 2, &gone, e);
    if (rc == 0 && !gone)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "not enrolled in this learning path");
    return rc;
}

int learning_path_enrollment(struct store_conn *c, int64_t user, int64_t id, struct arena *a,
                             json_t **out, struct err *e)
{
    const char *sql = arena_printf(a,
                                   "SELECT %s FROM learning_path_enrollments WHERE user_id = ? "
                                   "AND learning_path_id = ?",
                                   table_columns(&learning_path_enrollment_table, NULL, a));
    struct store_value p[] = {SV_INT(user), SV_INT(id)};
    struct store_result *res;
    int rc = store_exec(c, sql, p, 2, &res, e);
    if (rc)
        return rc;
    *out = store_rows(res) ? table_row_json(&learning_path_enrollment_table, res, 0) : json_null();
    store_result_free(res);
    return 0;
}

/* Computes the new progress values of enrollment (stored row) into v. */
static int progress_values(json_t *path, json_t *enrollment, json_t *completed, const char *status,
                           struct arena *a, struct values *v, struct err *e)
{
    int64_t ids[PATH_MAX_RESOURCES], done[PATH_MAX_RESOURCES], kept[PATH_MAX_RESOURCES];
    size_t n = json_get_ints(json_object_get(path, "resource_ids"), ids, PATH_MAX_RESOURCES);
    json_t *marks = completed ? completed : json_object_get(enrollment, "completed_resource_ids");
    size_t ndone = json_get_ints(marks, done, PATH_MAX_RESOURCES);
    struct progress prog;
    long bad = progress_compute(ids, n, done, ndone, completed != NULL, kept, &prog);
    if (bad >= 0)
        return err_set(e, ERR_INVALID, "completed_resource_ids",
                       "resource %lld is not part of this learning path", (long long)done[bad]);
    const char *old = json_string_value(json_object_get(enrollment, "status"));
    const char *now_status =
        progress_enrollment_status(old, status ? status : "active", prog.complete);
    json_t *list = json_from_ints(kept, prog.ncompleted);
    const struct table *r = &learning_path_enrollment_table;
    values_set(v, r, "completed_resource_ids", SV_TEXT(json_to_text(list, a)));
    json_decref(list);
    values_set(v, r, "status", SV_TEXT(now_status));
    values_set(v, r, "progress_percentage", SV_INT(prog.percentage));
    values_set(v, r, "current_resource_index", SV_INT((int64_t)prog.current));
    const char *now = time_now_text(a);
    values_set(v, r, "last_activity_at", SV_TEXT(now));
    bool was_done = old && strcmp(old, "completed") == 0;
    if (prog.complete && !was_done)
        values_set(v, r, "completed_at", SV_TEXT(now));
    else if (!prog.complete)
        values_set(v, r, "completed_at", SV_NULL);
    return 0;
}

int learning_path_progress(struct store_conn *c, int64_t user, int64_t id, json_t *completed,
                           const char *status, struct arena *a, json_t **out, struct err *e)
{
    if (completed) {
        int rc = check_id_array(completed, "completed_resource_ids", PATH_MAX_RESOURCES, false, e);
        if (rc)
            return rc;
    }
    json_t *path = NULL, *enrollment = NULL;
    *out = NULL;
    int rc = store_begin(c, e);
    if (rc == 0)
        rc = path_row(c, id, true, a, &path, e); /* progress continues on a deactivated path */
    if (rc == 0)
        rc = learning_path_enrollment(c, user, id, a, &enrollment, e);
    if (rc == 0 && json_is_null(enrollment))
        rc = err_set(e, ERR_NOT_FOUND, NULL, "not enrolled in this learning path");
    struct values v = {0};
    if (rc == 0)
        rc = progress_values(path, enrollment, completed, status, a, &v, e);
    if (rc == 0)
        rc = table_update(c, &learning_path_enrollment_table, user, json_get_int(enrollment, "id"),
                          &v, a, out, e);
    json_decref(enrollment);
    rc = table_finish(c, rc, out, e);
    if (rc) {
        json_decref(path);
        return rc;
    }
    with_path(*out, path);
    return 0;
}

static const char *const enrollment_sortable[] = {"enrolled_at", "last_activity_at",
                                                  "progress_percentage", NULL};
static const struct list_param enrollment_filters[] = {
    {"status", "status", FILTER_EQ},
    {NULL},
};
const struct list_spec learning_path_enrollment_spec = {enrollment_filters, enrollment_sortable,
                                                        "-enrolled_at"};

/* The paths of a page of enrollments, read before its rows are written. */
struct enrollment_page {
    json_t **paths; /* one per row */
    size_t n;
};

static int enrollment_paths(void *ctx, struct store_conn *c, const struct store_result *res,
                            struct arena *a, struct err *e)
{
    struct enrollment_page *x = ctx;
    size_t rows = store_rows(res);
    const int64_t *ids = table_column_ints(res, "learning_path_id", a);
    x->paths = arena_alloc(a, (rows + 1) * sizeof *x->paths);
    for (x->n = 0; x->n < rows; x->n++) {
        int rc = path_row(c, ids[x->n], true, a, &x->paths[x->n], e);
        if (rc)
            return rc;
    }
    return 0;
}

/* An enrollment's learning_path, as with_path embeds it. */
static void enrollment_path(void *ctx, const struct store_result *res, size_t i, struct buf *out)
{
    (void)res;
    struct enrollment_page *x = ctx;
    json_object_del(x->paths[i], "milestones");
    buf_puts(out, ",\"learning_path\":");
    json_write_compact(out, x->paths[i], 15);
}

int learning_path_enrollments(struct store_conn *c, int64_t user, const struct list_params *p,
                              struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    struct enrollment_page x = {0};
    const struct list_hooks hooks = {
        .page = enrollment_paths, .members = enrollment_path, .ctx = &x};
    int rc = table_list_params(c, &learning_path_enrollment_table, &learning_path_enrollment_spec,
                               user, p, &hooks, a, items, total, e);
    for (size_t i = 0; i < x.n; i++)
        json_decref(x.paths[i]);
    return rc;
}
