/*
 * This file implements the user's bookmarks of career resources: put (with the bookmark rule
 * of src/core/progress.c), get, delete, and the list of bookmarks with their resources.
 */

#include "../core/progress.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "career_resource.h"
#include "career_resource_internal.h"

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

/* One attempt at the put of career_resource_bookmark_put, in its own transaction. */
static int put_once(struct store_conn *c, int64_t user, int64_t id, struct values *v,
                    struct arena *a, json_t **row, bool *created, struct err *e)
{
    json_t *existing = NULL;
    int rc = store_begin(c, e);
    if (rc == 0)
        rc =
            career_resource_user_row(c, &career_resource_bookmark_table, user, id, a, &existing, e);
    if (rc == 0)
        rc = bookmark_rule(v, existing, a, e);
    if (rc == 0) {
        *created = json_is_null(existing);
        if (*created) {
            const char *now = time_now_text(a);
            values_set(v, &career_resource_bookmark_table, "user_id", SV_INT(user));
            values_set(v, &career_resource_bookmark_table, "resource_id", SV_INT(id));
            values_set(v, &career_resource_bookmark_table, "created_at", SV_TEXT(now));
            values_set(v, &career_resource_bookmark_table, "updated_at", SV_TEXT(now));
            rc = table_insert(c, &career_resource_bookmark_table, v, a, row, e);
            if (rc == ERR_FOREIGN_KEY) { /* the resource was deleted since it was read */
                rc = err_replace(e, ERR_NOT_FOUND, NULL, "no such resource");
            }
        } else {
            int64_t bookmark = json_get_int(existing, "id");
            rc = table_update(c, &career_resource_bookmark_table, user, bookmark, v, a, row, e);
        }
    }
    if (rc == 0)
        rc = store_commit(c, e);
    if (rc) {
        store_rollback(c);
        json_decref(*row);
        *row = NULL;
    }
    json_decref(existing);
    return rc;
}

int career_resource_bookmark_put(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct values *v, struct arena *a, json_t **out, bool *created,
                                 struct err *e)
{
    json_t *resource = NULL, *row = NULL;
    int rc = career_resource_get(c, id, admin, a, &resource, e);
    if (rc)
        return rc;
    /* Two puts of a new bookmark at once (PostgreSQL, two requests or two servers) both find
       none and both insert: the second's insert meets the first's row in the unique index
       (user_id, resource_id) and failed with 409 and the index's name, where a put one after
       the other updates the bookmark. That put is run again, and finds the row. */
    struct values given = *v;
    rc = put_once(c, user, id, v, a, &row, created, e);
    if (rc == ERR_CONFLICT) {
        err_clear(e);
        *v = given;
        rc = put_once(c, user, id, v, a, &row, created, e);
    }
    if (rc) {
        json_decref(resource);
        return rc;
    }
    json_object_set_new(row, "resource", resource);
    *out = row;
    return 0;
}

int career_resource_bookmark_get(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct arena *a, json_t **out, struct err *e)
{
    json_t *resource, *row;
    int rc = career_resource_own_row(c, &career_resource_bookmark_table, user, admin, id,
                                     "this resource is not bookmarked", a, &resource, &row, e);
    if (rc)
        return rc;
    json_object_set_new(row, "resource", resource);
    *out = row;
    return 0;
}

int career_resource_bookmark_delete(struct store_conn *c, int64_t user, int64_t id, struct err *e)
{
    struct store_value p[] = {SV_INT(user), SV_INT(id)};
    bool gone;
    int rc = store_exec_matched(
        c, "DELETE FROM resource_bookmarks WHERE user_id = ? AND resource_id = ?", p, 2, &gone, e);
    if (rc == 0 && !gone)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "this resource is not bookmarked");
    return rc;
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
