/*
 * This file implements the recommendation routes: paging arguments in, the ranked jobs of
 * model/recommendation.c out; feedback bodies validated by their field table.
 */
#include "recommendations.h"

#include "../http/list.h"
#include "../http/reply.h"
#include "../model/recommendation.h"

static const struct field page_fields[] = {
    {"items", FT_LIST, F_NOTNULL, .of = &recommendation_reply},
    {"total", FT_INT, F_NOTNULL},
    {"limit", FT_INT, F_NOTNULL},
    {"offset", FT_INT, F_NOTNULL},
    {"excluded", FT_INT, F_NOTNULL,
     .doc = "jobs the preferences (excluded companies or keywords) "
            "left out"},
    {NULL},
};
const struct table api_recommendations_page = {NULL, page_fields, false, "RecommendationPage"};

int api_recommendations_list(struct request *req)
{
    struct list_params p;
    int rc = http_list_params(req, &p);
    if (rc)
        return rc;
    int64_t total, excluded;
    struct buf out; /* the page's text, written as the rows are (no jansson objects) */
    buf_init(&out);
    buf_puts(&out, "{\"items\":");
    rc = recommendation_list(request_db(req), req->user_id, &p, &req->arena, &out, &total,
                             &excluded, &req->err);
    if (rc) {
        buf_free(&out);
        return rc;
    }
    const int64_t tail[] = {total, p.limit, p.offset, excluded};
    static const char *const names[] = {
        ",\"total\":", ",\"limit\":", ",\"offset\":", ",\"excluded\":"};
    for (int i = 0; i < 4; i++) {
        buf_puts(&out, names[i]);
        buf_put_int(&out, tail[i]);
    }
    buf_putc(&out, '}');
    return http_reply_json_buf(req, 200, &out);
}

int api_recommendations_feedback_put(struct request *req)
{
    int64_t job_id = request_param_id(req, 0);
    struct values v = {0};
    int rc = table_parse(&recommendation_feedback_body, req->json, PARSE_CREATE, &req->arena, &v,
                         &req->err);
    if (rc)
        return rc;
    json_t *row;
    bool created;
    rc = recommendation_feedback_put(request_db(req), req->user_id, job_id, &v, &req->arena, &row,
                                     &created, &req->err);
    return rc ? rc
              : http_reply_saved(req, created, row, "/api/v1/jobs/%lld/recommendation-feedback",
                                 (long long)job_id);
}

int api_recommendations_feedback_get(struct request *req)
{
    json_t *row;
    int rc = recommendation_feedback_get(request_db(req), req->user_id, request_param_id(req, 0),
                                         &req->arena, &row, &req->err);
    return rc ? rc : http_reply_json(req, 200, row);
}

int api_recommendations_feedback_delete(struct request *req)
{
    int rc = recommendation_feedback_delete(request_db(req), req->user_id, request_param_id(req, 0),
                                            &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}
