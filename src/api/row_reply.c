/*
 * This file implements the replies of the routes that change or delete one of the user's own
 * rows by the path's {id} (row_reply.h): one place for what the contacts, tasks, résumés, job
 * sources, jobs and snapshots route groups each wrote.
 */
#include "row_reply.h"

#include "../http/reply.h"

int api_reply_row_update(struct request *req, const struct table *body, bool replace,
                         api_row_update update)
{
    struct values v = {0};
    int rc = table_parse_update(body, req->json, replace, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *row;
    rc = update(request_db(req), req->user_id, request_param_id(req, 0), &v, &req->arena, &row,
                &req->err);
    return rc ? rc : http_reply_json(req, 200, row);
}

int api_reply_row_delete(struct request *req, const struct table *table)
{
    int rc =
        table_delete(request_db(req), table, req->user_id, request_param_id(req, 0), &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}
