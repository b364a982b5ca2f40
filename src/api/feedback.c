/*
 * This file implements the /feedback routes of feedback.h. The field table is the model's
 * (model/feedback.c); this file adds who may write which field and maps HTTP in and out.
 */
#include "feedback.h"

#include <string.h>

#include "../http/list.h"
#include "../http/reply.h"
#include "../model/feedback.h"

/* Fields only administrators may set (on creation: the first three; afterwards all five). */
static const char *const admin_fields[] = {"status", "admin_response", "admin_notes",
                                           "type",   "priority",       NULL};
#define ADMIN_FIELDS_ON_CREATE 3
/* Fields that describe where the feedback was given: set on creation only. */
static const char *const create_only[] = {"page_url", "user_agent", "extra_data", NULL};

/* Refuses the fields of v the caller may not set: 403 for administrator fields (the first
 * `admin_count` of admin_fields) when not an admin, 422 for creation-only ones on an update. */
static int check_rights(struct request *req, struct values *v, size_t admin_count, bool update)
{
    for (int i = 0; i < v->n; i++) {
        const char *name = v->items[i].field->name;
        for (size_t k = 0; k < admin_count && !req->is_admin; k++)
            if (strcmp(admin_fields[k], name) == 0)
                return err_set(&req->err, ERR_FORBIDDEN, name, "only administrators may set %s",
                               name);
        for (const char *const *k = create_only; update && *k; k++)
            if (strcmp(*k, name) == 0)
                return err_set(&req->err, ERR_INVALID, name,
                               "%s is recorded when the feedback is created and cannot change",
                               name);
    }
    return 0;
}

/* The caller's feedback, or everyone's for an administrator. */
static int feedback_page(struct request *req, const struct list_params *p, struct buf *items,
                         int64_t *total)
{
    return feedback_list(request_db(req), req->user_id, req->is_admin, p, &req->arena, items, total,
                         &req->err);
}

int api_feedback_list(struct request *req)
{
    return http_reply_paged(req, feedback_page);
}

int api_feedback_create(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&feedback_table, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc == 0)
        rc = check_rights(req, &v, ADMIN_FIELDS_ON_CREATE, false);
    if (rc)
        return rc;
    const char *agent = request_user_agent(req);
    if (values_get(&v, "user_agent") == NULL && agent)
        values_set(&v, &feedback_table, "user_agent", SV_TEXT(agent));
    json_t *item;
    rc = feedback_create(request_db(req), req->user_id, req->is_admin, &v, &req->arena, &item,
                         &req->err);
    return rc ? rc : http_reply_created_at(req, item, "/api/v1/feedback");
}

int api_feedback_get(struct request *req)
{
    json_t *item;
    int rc = feedback_get(request_db(req), req->user_id, req->is_admin, request_param_id(req, 0),
                          &req->arena, &item, &req->err);
    return rc ? rc : http_reply_json(req, 200, item);
}

int api_feedback_update(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&feedback_table, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc == 0)
        rc = check_rights(req, &v, sizeof admin_fields / sizeof admin_fields[0] - 1, true);
    if (rc)
        return rc;
    json_t *item;
    rc = feedback_update(request_db(req), req->user_id, req->is_admin, request_param_id(req, 0), &v,
                         &req->arena, &item, &req->err);
    return rc ? rc : http_reply_json(req, 200, item);
}

int api_feedback_delete(struct request *req)
{
    int rc = feedback_delete(request_db(req), req->user_id, req->is_admin, request_param_id(req, 0),
                             &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

static const struct field vote_fields[] = {
    {"vote", FT_INT, F_WRITE | F_REQUIRED, .min = -1, .max = 1},
    {NULL},
};
const struct table api_feedback_vote_body = {NULL, vote_fields, false, "VoteRequest"};

int api_feedback_vote(struct request *req)
{
    struct values v = {0};
    int rc =
        table_parse(&api_feedback_vote_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    int64_t vote = values_get(&v, "vote")->value.i;
    if (vote == 0)
        return err_set(&req->err, ERR_INVALID, "vote", "vote must be 1 or -1");
    json_t *item;
    rc = feedback_vote(request_db(req), req->user_id, req->is_admin, request_param_id(req, 0),
                       (int)vote, &req->arena, &item, &req->err);
    return rc ? rc : http_reply_json(req, 200, item);
}

int api_feedback_unvote(struct request *req)
{
    int rc = feedback_unvote(request_db(req), req->user_id, req->is_admin, request_param_id(req, 0),
                             &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}
