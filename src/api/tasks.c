/*
 * This file implements the /tasks routes (SPEC part E, "Contacts and tasks"). The rules are
 * src/model/task.c's; this file maps HTTP in and out.
 */
#include "tasks.h"

#include "../http/list.h"
#include "../http/reply.h"
#include "../model/task.h"
#include "row_reply.h"

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

int api_tasks_update(struct request *req)
{
    return api_reply_row_update(req, &task_body, false, task_update);
}

int api_tasks_replace(struct request *req)
{
    return api_reply_row_update(req, &task_body, true, task_update);
}

int api_tasks_delete(struct request *req)
{
    return api_reply_row_delete(req, &task_table);
}
