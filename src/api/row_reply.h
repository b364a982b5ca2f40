/*
 * This file declares the replies of the routes that change or delete one of the user's own rows,
 * the row the path's {id} names (PATCH, PUT, DELETE /contacts/{id}, /tasks/{id}, ...): the body
 * parsed against the route's body descriptor, the model's change called, the row answered; or
 * the row deleted and 204.
 */
#ifndef COPILOT_API_ROW_REPLY_H
#define COPILOT_API_ROW_REPLY_H

#include <stdbool.h>

#include "../http/request.h"
#include "../model/table.h"

/* A model's change to user_id's row id with the values v (contact_update, task_update, ...):
 * fills *out with the changed row (a new reference), or returns ERR_* with e filled. */
typedef int (*api_row_update)(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                              struct arena *a, json_t **out, struct err *e);

/* PATCH (replace false) or PUT (replace true) of the user's row the path's first parameter
 * names: req->json parsed against body (table_parse_update), update called, the row answered
 * 200. Returns 0, or the parse's or update's code with req->err filled (nothing answered). */
int api_reply_row_update(struct request *req, const struct table *body, bool replace,
                         api_row_update update);

/* DELETE of the user's row of table the path's first parameter names (table_delete, with an
 * If-Match armed by the runner): 204. Returns 0, or table_delete's code (ERR_NOT_FOUND,
 * ERR_PRECONDITION, ...) with req->err filled. */
int api_reply_row_delete(struct request *req, const struct table *table);

#endif
