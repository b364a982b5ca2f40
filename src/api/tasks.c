/*
 * This file implements the /tasks routes (SPEC part E, "Contacts and tasks"). The rules are
 * src/model/task.c's; this file maps HTTP in and out.
 */
#include "tasks.h"

#include "../http/list.h"
#include "../http/reply.h"
#include "../model/task.h"

int api_tasks_list(struct request *req)
{
    return http_reply_owner_list(req, task_list);
}

int api_tasks_create(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&task_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    json_t *task = NULL;
    if (rc == 0)
        rc = task_create(request_db(req), req->user_id, &v, &req->arena, &task, &req->err);
    return rc ? rc : http_reply_created_at(req, task, "/api/v1/tasks");
}

int api_tasks_get(struct request *req)
{
    json_t *task;
    int rc = task_get(request_db(req), req->user_id, request_param_id(req, 0), &req->arena, &task,
                      &req->err);
    return rc ? rc : http_reply_json(req, 200, task);
}

static int update(struct request *req, bool replace)
{
    struct values v = {0};
    int rc = table_parse_update(&task_body, req->json, replace, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *task;
    rc = task_update(request_db(req), req->user_id, request_param_id(req, 0), &v, &req->arena,
                     &task, &req->err);
    return rc ? rc : http_reply_json(req, 200, task);
}

int api_tasks_update(struct request *req)
{
    return update(req, false);
}

int api_tasks_replace(struct request *req)
{
    return update(req, true);
}

int api_tasks_delete(struct request *req)
{
    int rc = table_delete(request_db(req), &task_table, req->user_id, request_param_id(req, 0),
                          &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}
