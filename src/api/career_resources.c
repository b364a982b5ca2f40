/*
 * This file implements the /resources routes of career_resources.h. Validation is the field tables
 * of model/career_resource.c; this file reads the query, decides who sees what (inactive resources
 * for administrators only) and maps HTTP in and out.
 */
#include "career_resources.h"

#include <stdlib.h>
#include <string.h>

#include "../http/list.h"
#include "../http/reply.h"
#include "../model/career_resource.h"

/* ================================================================ the catalogue */

/* The catalogue page: inactive resources too for an administrator. */
static int catalogue_page(struct request *req, const struct list_params *p, struct buf *items,
                          int64_t *total)
{
    return career_resource_list(request_db(req), req->is_admin, p, &req->arena, items, total,
                                &req->err);
}

int api_career_resources_list(struct request *req)
{
    return http_reply_paged(req, catalogue_page);
}

static const char *const view_sources[] = {"search", "recommendation", "bookmark", "learning_path",
                                           NULL};
static const struct field get_query_fields[] = {
    {"source", FT_TEXT, 0, view_sources},
    {NULL},
};
const struct table api_career_resources_get_query = {NULL, get_query_fields, false,
                                                     "ResourceViewQuery"};

int api_career_resources_get(struct request *req)
{
    const char *source;
    int rc = request_query_enum(req, "source", view_sources, NULL, &source);
    if (rc)
        return rc;
    struct store_conn *db = request_db(req);
    int64_t id = request_param_id(req, 0);
    json_t *resource;
    rc = career_resource_get(db, id, req->is_admin, &req->arena, &resource, &req->err);
    if (rc)
        return rc;
    if (req->user_id) {
        rc = career_resource_record_view(db, req->user_id, id, source, &req->arena, &req->err);
        if (rc == 0)
            rc = career_resource_add_user_state(db, req->user_id, id, resource, &req->arena,
                                                &req->err);
    }
    if (rc) {
        json_decref(resource);
        return rc;
    }
    return http_reply_json(req, 200, resource);
}

int api_career_resources_recommended(struct request *req)
{
    /* a ranked list, paged like every list (limit 1..100, default 20; offset) */
    struct list_params p;
    int rc = http_page_params(req, &p);
    if (rc)
        return rc;
    struct buf body; /* written as text: the page's rows only, no jansson object per resource */
    buf_init(&body);
    rc = career_resource_recommended(request_db(req), req->user_id, p.limit, p.offset, &req->arena,
                                     &body, &req->err);
    if (rc) {
        buf_free(&body);
        return rc;
    }
    return http_reply_json_buf(req, 200, &body);
}

/* ================================================================ bookmarks and ratings */

int api_career_resources_bookmarks(struct request *req)
{
    return http_reply_owner_list(req, career_resource_bookmarks);
}

int api_career_resources_bookmark(struct request *req)
{
    struct values v = {0};
    int rc = request_parse_json(req, true); /* the body is optional */
    if (rc == 0 && req->json)
        rc = table_parse(&career_resource_bookmark_table, req->json, PARSE_PATCH, &req->arena, &v,
                         &req->err);
    if (rc)
        return rc;
    json_t *bookmark;
    bool created;
    int64_t id = request_param_id(req, 0);
    rc = career_resource_bookmark_put(request_db(req), req->user_id, req->is_admin, id, &v,
                                      &req->arena, &bookmark, &created, &req->err);
    return rc ? rc
              : http_reply_saved(req, created, bookmark, "/api/v1/resources/%lld/bookmark",
                                 (long long)id);
}

int api_career_resources_get_bookmark(struct request *req)
{
    json_t *bookmark;
    int rc =
        career_resource_bookmark_get(request_db(req), req->user_id, req->is_admin,
                                     request_param_id(req, 0), &req->arena, &bookmark, &req->err);
    return rc ? rc : http_reply_json(req, 200, bookmark);
}

int api_career_resources_get_feedback(struct request *req)
{
    json_t *feedback;
    int rc =
        career_resource_feedback_get(request_db(req), req->user_id, req->is_admin,
                                     request_param_id(req, 0), &req->arena, &feedback, &req->err);
    return rc ? rc : http_reply_json(req, 200, feedback);
}

int api_career_resources_unbookmark(struct request *req)
{
    int rc = career_resource_bookmark_delete(request_db(req), req->user_id,
                                             request_param_id(req, 0), &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

int api_career_resources_feedback(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&career_resource_feedback_table, req->json, PARSE_CREATE, &req->arena, &v,
                         &req->err);
    if (rc)
        return rc;
    json_t *feedback;
    bool created;
    int64_t id = request_param_id(req, 0);
    rc = career_resource_feedback_put(request_db(req), req->user_id, req->is_admin, id, &v,
                                      &req->arena, &feedback, &created, &req->err);
    return rc ? rc
              : http_reply_saved(req, created, feedback, "/api/v1/resources/%lld/feedback",
                                 (long long)id);
}

/* ================================================================ administrators */

int api_career_resources_create(struct request *req)
{
    struct values v = {0};
    int rc =
        table_parse(&career_resource_table, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *resource;
    rc = career_resource_create(request_db(req), &v, &req->arena, &resource, &req->err);
    if (rc)
        return rc;
    return http_reply_created_at(req, resource, "/api/v1/resources");
}

int api_career_resources_update(struct request *req)
{
    struct values v = {0};
    int rc =
        table_parse(&career_resource_table, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *resource;
    rc = career_resource_update(request_db(req), request_param_id(req, 0), &v, &req->arena,
                                &resource, &req->err);
    return rc ? rc : http_reply_json(req, 200, resource);
}

int api_career_resources_delete(struct request *req)
{
    int rc =
        career_resource_delete(request_db(req), request_param_id(req, 0), &req->arena, &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}
