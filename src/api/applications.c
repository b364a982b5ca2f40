/*
 * This file implements the /applications routes. The pipeline rules live in
 * src/core/pipeline.c and their effects in src/model/application.c; this file maps HTTP.
 */
#include "applications.h"

#include <string.h>

#include "../http/list.h"
#include "../http/reply.h"
#include "../model/application.h"

int api_applications_list(struct request *req)
{
    struct list_params p;
    int rc = http_list_params(req, &p);
    if (rc)
        return rc;
    json_t *items;
    int64_t total;
    rc =
        application_list(request_db(req), req->user_id, &p, &req->arena, &items, &total, &req->err);
    return rc ? rc : http_reply_list(req, items, total, &p);
}

int api_applications_create(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&application_table, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *app = NULL;
    rc = application_create(request_db(req), req->user_id, &v, &req->arena, &app, &req->err);
    if (rc)
        return rc;
    return http_reply_created_at(req, app, "/api/v1/applications");
}

int api_applications_get(struct request *req)
{
    json_t *app;
    int rc = table_get(request_db(req), &application_table, req->user_id, request_param_id(req, 0),
                       &req->arena, &app, &req->err);
    return rc ? rc : http_reply_json(req, 200, app);
}

static const struct field update_query_fields[] = {
    {"force", FT_BOOL, 0},
    {NULL},
};
const struct table api_applications_update_query = {NULL, update_query_fields, false,
                                                    "ApplicationUpdateQuery"};

int api_applications_update(struct request *req)
{
    const char *force = request_query(req, "force");
    if (force && strcmp(force, "true") && strcmp(force, "false") && strcmp(force, "1") &&
        strcmp(force, "0"))
        return err_set(&req->err, ERR_INVALID, "force", "force must be true or false");
    struct values v = {0};
    int rc = table_parse(&application_table, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *app = NULL;
    rc = application_update(request_db(req), req->user_id, request_param_id(req, 0), &v,
                            force && (strcmp(force, "true") == 0 || strcmp(force, "1") == 0),
                            &req->arena, &app, &req->err);
    return rc ? rc : http_reply_json(req, 200, app);
}

int api_applications_delete(struct request *req)
{
    int rc = table_delete(request_db(req), &application_table, req->user_id,
                          request_param_id(req, 0), &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

int api_applications_board(struct request *req)
{
    json_t *board;
    int rc = application_board(request_db(req), req->user_id, &req->arena, &board, &req->err);
    return rc ? rc : http_reply_json(req, 200, board);
}

int api_applications_follow_ups(struct request *req)
{
    json_t *list;
    int rc = application_follow_ups(request_db(req), req->user_id, &req->arena, &list, &req->err);
    return rc ? rc : http_reply_json(req, 200, list);
}
