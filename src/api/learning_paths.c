/*
 * This file implements the /learning-paths routes of learning_paths.h. Paths, enrollments and the
 * progress rules are model/learning_path.c's (and src/core/progress.c's); this file maps HTTP in
 * and out.
 */
#include "learning_paths.h"

#include <string.h>

#include "../core/skills.h"
#include "../http/list.h"
#include "../http/reply.h"
#include "../model/learning_path.h"

static const char *const path_sortable[] = {"name", "created_at", "updated_at",
                                            "estimated_duration_weeks", NULL};
#define PATH_PARAMS                                                                                \
    {"difficulty", "difficulty", FILTER_EQ}, {"target_role", "target_role", FILTER_IEQ},           \
    {                                                                                              \
        "skill", "skills", FILTER_CONTAINS                                                         \
    }
static const struct list_param public_params[] = {PATH_PARAMS, {NULL}};
static const struct list_param admin_params[] = {
    PATH_PARAMS, {"is_active", "is_active", FILTER_EQ}, {NULL}};
static const struct list_spec public_list = {public_params, path_sortable, "name"};
static const struct list_spec admin_list = {admin_params, path_sortable, "name"};

int api_learning_paths_list(struct request *req)
{
    struct list_query q;
    int rc =
        http_list_query(req, &learning_path_table, req->is_admin ? &admin_list : &public_list, &q);
    if (rc)
        return rc;
    for (int i = 0; i < q.nfilters; i++) { /* skills are stored as lower-case keys */
        if (q.filters[i].op != FILTER_CONTAINS)
            continue;
        char *key = arena_alloc(&req->arena, SKILLS_KEY_MAX);
        q.filters[i].value =
            SV_TEXT(skills_catalogue_key(q.filters[i].value.s, key, SKILLS_KEY_MAX));
    }
    json_t *items;
    int64_t total;
    rc = learning_path_list(request_db(req), &q, req->is_admin, &req->arena, &items, &total,
                            &req->err);
    return rc ? rc : http_reply_list(req, items, total, &q);
}

int api_learning_paths_get(struct request *req)
{
    struct store_conn *db = request_db(req);
    int64_t id = request_param_id(req, 0);
    json_t *path, *enrollment;
    int rc = learning_path_get(db, id, req->is_admin, &req->arena, &path, &req->err);
    if (rc)
        return rc;
    if (req->user_id) {
        rc = learning_path_enrollment(db, req->user_id, id, &req->arena, &enrollment, &req->err);
        if (rc) {
            json_decref(path);
            return rc;
        }
        json_object_set_new(path, "enrollment", enrollment);
    }
    return http_reply_json(req, 200, path);
}

static const char *const enrollment_sortable[] = {"enrolled_at", "last_activity_at",
                                                  "progress_percentage", NULL};
static const struct list_param enrollment_params[] = {
    {"status", "status", FILTER_EQ},
    {NULL},
};
static const struct list_spec enrollment_list = {enrollment_params, enrollment_sortable,
                                                 "-enrolled_at"};

int api_learning_paths_enrolled(struct request *req)
{
    struct list_query q;
    int rc = http_list_query(req, &learning_path_enrollment_table, &enrollment_list, &q);
    if (rc)
        return rc;
    json_t *items;
    int64_t total;
    rc = learning_path_enrollments(request_db(req), req->user_id, &q, &req->arena, &items, &total,
                                   &req->err);
    return rc ? rc : http_reply_list(req, items, total, &q);
}

int api_learning_paths_enroll(struct request *req)
{
    int64_t id = request_param_id(req, 0);
    json_t *enrollment;
    int rc = learning_path_enroll(request_db(req), req->user_id, req->is_admin, id, &req->arena,
                                  &enrollment, &req->err);
    return rc ? rc
              : http_reply_created(req, enrollment, "/api/v1/learning-paths/%lld", (long long)id);
}

int api_learning_paths_unenroll(struct request *req)
{
    int rc =
        learning_path_unenroll(request_db(req), req->user_id, request_param_id(req, 0), &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

static const char *const progress_statuses[] = {"active", "paused", "abandoned", NULL};
static const struct field progress_fields[] = {
    {"completed_resource_ids", FT_JSON, F_WRITE | F_NOTNULL},
    {"status", FT_TEXT, F_WRITE | F_NOTNULL, progress_statuses},
    {NULL},
};
static const struct table progress_body = {NULL, progress_fields, false};

int api_learning_paths_progress(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&progress_body, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    struct field_value *completed = values_get(&v, "completed_resource_ids");
    const char *status = values_text(&v, "status");
    if (completed == NULL && status == NULL)
        return err_set(&req->err, ERR_INVALID, "completed_resource_ids",
                       "completed_resource_ids (or status) is required");
    json_t *enrollment;
    rc = learning_path_progress(request_db(req), req->user_id, request_param_id(req, 0),
                                completed ? completed->json : NULL, status, &req->arena,
                                &enrollment, &req->err);
    return rc ? rc : http_reply_json(req, 200, enrollment);
}

int api_learning_paths_create(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&learning_path_table, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *path;
    rc = learning_path_create(request_db(req), req->user_id, &v, &req->arena, &path, &req->err);
    if (rc)
        return rc;
    return http_reply_created(req, path, "/api/v1/learning-paths/%lld",
                              (long long)json_integer_value(json_object_get(path, "id")));
}

int api_learning_paths_update(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&learning_path_table, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *path = NULL;
    rc = learning_path_update(request_db(req), request_param_id(req, 0), &v, &req->arena, &path,
                              &req->err);
    return rc ? rc : http_reply_json(req, 200, path);
}

int api_learning_paths_delete(struct request *req)
{
    int rc = learning_path_delete(request_db(req), request_param_id(req, 0), &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}
