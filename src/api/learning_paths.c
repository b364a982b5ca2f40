/*
 * This file implements the /learning-paths routes of learning_paths.h. Paths, enrollments and the
 * progress rules are model/learning_path.c's (and src/core/progress.c's); this file maps HTTP in
 * and out.
 */
#include "learning_paths.h"

#include <string.h>

#include "../http/list.h"
#include "../http/reply.h"
#include "../model/learning_path.h"

/* The paths page: inactive paths too for an administrator. */
static int paths_page(struct request *req, const struct list_params *p, struct buf *items,
                      int64_t *total)
{
    return learning_path_list(request_db(req), req->is_admin, p, &req->arena, items, total,
                              &req->err);
}

int api_learning_paths_list(struct request *req)
{
    return http_reply_paged(req, paths_page);
}

int api_learning_paths_recommended(struct request *req)
{
    /* a ranked list, paged like every list (limit 1..100, default 20; offset) */
    struct list_params p;
    int rc = http_page_params(req, &p);
    if (rc)
        return rc;
    json_t *body;
    rc = learning_path_recommended(request_db(req), req->user_id, p.limit, p.offset, &req->arena,
                                   &body, &req->err);
    return rc ? rc : http_reply_json(req, 200, body);
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

int api_learning_paths_enrolled(struct request *req)
{
    return http_reply_owner_list(req, learning_path_enrollments);
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
const struct table api_learning_paths_progress_body = {NULL, progress_fields, false,
                                                       "LearningPathProgress"};

int api_learning_paths_progress(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&api_learning_paths_progress_body, req->json, PARSE_PATCH, &req->arena, &v,
                         &req->err);
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
    return http_reply_created_at(req, path, "/api/v1/learning-paths");
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
