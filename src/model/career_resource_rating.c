/*
 * This file implements the user's ratings of career resources (resource_feedback): get, and put
 * with the resource's rating kept as the ratings change.
 */
#include <string.h>

#include "../lib/timeutil.h"
#include "career_resource.h"
#include "career_resource_internal.h"

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
    json_t *row;
    int rc = career_resource_own_row(c, &career_resource_feedback_table, user, admin, id,
                                     "you have not rated this resource", a, NULL, &row, e);
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
    rc = career_resource_user_row(c, &career_resource_feedback_table, user, id, a, &existing, e);
    if (rc == 0)
        rc = upsert_feedback(c, user, id, v, a, &row, e);
    if (rc == ERR_FOREIGN_KEY) { /* the resource was deleted since it was read */
        rc = err_replace(e, ERR_NOT_FOUND, NULL, "no such resource");
    }
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
