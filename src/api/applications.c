/*
 * This file implements the /applications routes. The pipeline rules live in
 * src/core/pipeline.c and their effects in src/model/application.c; this file maps HTTP.
 */
#include "applications.h"

#include "../core/pipeline.h"
#include "../http/list.h"
#include "../http/reply.h"
#include "../model/application.h"
#include "answer_reply.h"

int api_applications_list(struct request *req)
{
    return http_reply_owner_list(req, application_list);
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
    bool force;
    struct values v = {0};
    int rc = request_query_bool(req, "force", &force);
    if (rc == 0)
        rc = table_parse(&application_table, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *app = NULL;
    rc = application_update(request_db(req), req->user_id, request_param_id(req, 0), &v, force,
                            &req->arena, &app, &req->err);
    return rc ? rc : http_reply_json(req, 200, app);
}

int api_applications_delete(struct request *req)
{
    int rc = application_delete(request_db(req), req->user_id, request_param_id(req, 0),
                                &req->arena, &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

#define BOARD_PER_COLUMN 50
#define BOARD_PER_COLUMN_MAX 200

static const struct field board_query_fields[] = {
    {"per_column", FT_INT, 0, .min = 1, .max = BOARD_PER_COLUMN_MAX},
    {NULL},
};
const struct table api_applications_board_query = {NULL, board_query_fields, false, "BoardQuery"};

/* The board of per_column (*ctx) newest applications a column (application_board). */
static int board_build(struct request *req, void *ctx, struct buf *body)
{
    return application_board(request_db(req), req->user_id, *(const int64_t *)ctx, &req->arena,
                             body, &req->err);
}

int api_applications_board(struct request *req)
{
    int64_t per_column;
    int rc =
        http_query_count(req, "per_column", BOARD_PER_COLUMN, BOARD_PER_COLUMN_MAX, &per_column);
    if (rc)
        return rc;
    /* SQLite: the version and the board's twelve statements in one read transaction (one WAL
     * read lock and one snapshot where each took its own: copilot CPU per board 0.79-0.91 ->
     * 0.73-0.75 ms at 100,000 jobs); nothing on PostgreSQL, whose statements go in one batch
     * after the version's */
    store_read_scope_begin(request_db(req));
    return api_reply_answer(req, ANSWER_BOARD, "board",
                            arena_printf(&req->arena, "board:%lld", (long long)per_column),
                            board_build, &per_column);
}

int api_applications_follow_ups(struct request *req)
{
    return http_reply_owner_list(req, application_follow_ups);
}

static const struct field next_states_fields[] = {
    {"next", FT_STRINGS, F_NOTNULL, pipeline_status_names},
    {NULL},
};
static const struct table next_states = {NULL, next_states_fields, false, "NextStates"};
static const struct field reopen_fields[] = {
    {"reopen", FT_BOOL, F_NOTNULL},
    {NULL},
};
static const struct table reopen_flag = {NULL, reopen_fields, false, "ReopenFlag"};
static const struct field pipeline_fields[] = {
    {"states", FT_STRINGS, F_NOTNULL, pipeline_status_names, .doc = "in pipeline order"},
    {"open", FT_STRINGS, F_NOTNULL, pipeline_status_names},
    {"final", FT_STRINGS, F_NOTNULL, pipeline_status_names},
    {"transitions", FT_MAP, F_NOTNULL, pipeline_status_names, .of = &next_states,
     .doc = "each state: the states it may move to"},
    {"reopen", FT_MAP, F_NOTNULL, pipeline_status_names, .of = &reopen_flag,
     .doc = "the final states force=true reopens"},
    {NULL},
};
const struct table api_applications_pipeline_reply = {NULL, pipeline_fields, false, "Pipeline"};

/* The pipeline of SPEC part C as data, for the page: generated from src/core/pipeline.c, the
 * one table the server enforces. */
int api_applications_pipeline(struct request *req)
{
    json_t *states = json_array(), *open = json_array(), *final = json_array();
    json_t *transitions = json_object(), *reopen = json_object();
    for (int i = 0; i < APP_STATUS_COUNT; i++) {
        enum app_status s = (enum app_status)i;
        const char *name = pipeline_status_name(s);
        json_array_append_new(states, json_string(name));
        json_array_append_new(pipeline_is_final(s) ? final : open, json_string(name));
        enum app_status next[APP_STATUS_COUNT];
        size_t n = pipeline_allowed_next(s, next, APP_STATUS_COUNT);
        json_t *to = json_array();
        for (size_t k = 0; k < n; k++)
            json_array_append_new(to, json_string(pipeline_status_name(next[k])));
        json_object_set_new(transitions, name, to);
        if (pipeline_can_reopen(s))
            json_object_set_new(reopen, name, json_true());
    }
    return http_reply_json(req, 200,
                           json_pack("{s:o, s:o, s:o, s:o, s:o}", "states", states, "open", open,
                                     "final", final, "transitions", transitions, "reopen", reopen));
}
