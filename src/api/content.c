/*
 * This file implements the /content routes. Generation (the configured language model, or the
 * built-in templates when there is none or it fails) and storage with versions are the
 * model's (src/model/content.c); POST answers which generator wrote the text in "generator",
 * with "fallback": true and a "warning" when the model failed.
 */
#include "content.h"

#include <string.h>

#include "../http/list.h"
#include "../http/reply.h"
#include "../lib/config.h"
#include "../model/content.h"

int api_content_list(struct request *req)
{
    return http_reply_owner_list(req, content_list);
}

static const struct field created_fields[] = {
    {"fallback", FT_BOOL, F_NOTNULL, .doc = "the language model failed: templates were used"},
    {"warning", FT_TEXT, F_OPTIONAL, .doc = "why the fallback was used"},
    {NULL},
};
const struct table api_content_created_reply = {NULL, created_fields, false, "CreatedContent",
                                                &content_document_reply};

int api_content_create(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&content_create_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    struct field_value *job = values_get(&v, "job_id");
    struct content_new n = {values_text(&v, "content_type"), values_text(&v, "tone"),
                            job && job->value.type == STORE_INT ? job->value.i : 0};
    if (n.tone == NULL)
        n.tone = "professional";
    struct template_context ctx;
    rc = content_context_load(request_db(req), req->user_id, n.content_type, n.job_id,
                              values_text(&v, "instructions"), &req->arena, &ctx, &req->err);
    if (rc)
        return rc;
    const char *warning;
    rc = content_generate(&req->config->llm, &n, &ctx, values_text(&v, "instructions"), &req->arena,
                          &warning, &req->err);
    if (rc)
        return rc;
    json_t *content;
    rc = content_create(request_db(req), req->user_id, &n, &req->arena, &content, &req->err);
    if (rc)
        return rc;
    json_object_set_new(content, "fallback", json_boolean(warning != NULL));
    if (warning)
        json_object_set_new(content, "warning", json_string(warning));
    return http_reply_created_at(req, content, "/api/v1/content");
}

int api_content_get(struct request *req)
{
    json_t *content;
    int rc = content_get(request_db(req), req->user_id, request_param_id(req, 0), &req->arena,
                         &content, &req->err);
    return rc ? rc : http_reply_json(req, 200, content);
}

int api_content_update(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&content_patch_body, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    const char *text = values_text(&v, "content");
    if (values_get(&v, "change_note") && text == NULL)
        return err_set(&req->err, ERR_INVALID, "change_note",
                       "change_note describes a new content: send content with it");
    json_t *content;
    rc = content_update(request_db(req), req->user_id, request_param_id(req, 0), text,
                        values_text(&v, "change_note"), values_text(&v, "status"), &req->arena,
                        &content, &req->err);
    return rc ? rc : http_reply_json(req, 200, content);
}

int api_content_delete(struct request *req)
{
    int rc = table_delete(request_db(req), &content_table, req->user_id, request_param_id(req, 0),
                          &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

int api_content_restore(struct request *req)
{
    json_t *content;
    int rc = content_restore(request_db(req), req->user_id, request_param_id(req, 0),
                             request_param_id(req, 1), &req->arena, &content, &req->err);
    return rc ? rc : http_reply_json(req, 200, content);
}
