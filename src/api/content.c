/*
 * This file implements the /content routes. The text comes from the configured language model
 * when there is one, else (and whenever the model fails) from the built-in templates
 * (src/core/templates.c), which give the same text for the same profile, résumé, job, type and
 * tone. POST answers which in "generator", with "fallback": true and a "warning" when the
 * model failed. Storage and versions are the model's (src/model/content.c).
 */
#include "content.h"

#include <stdlib.h>
#include <string.h>

#include "../http/list.h"
#include "../http/reply.h"
#include "../lib/config.h"
#include "../lib/json.h"
#include "../lib/llm.h"
#include "../lib/log.h"
#include "../model/content.h"

static const char system_prompt[] =
    "You are a careful career coach who writes job-search documents for candidates. You never "
    "invent facts that are not in the prompt.";

int api_content_list(struct request *req)
{
    struct list_params p;
    int rc = http_list_params(req, &p);
    if (rc)
        return rc;
    json_t *items;
    int64_t total;
    rc = content_list(request_db(req), req->user_id, &p, &req->arena, &items, &total, &req->err);
    return rc ? rc : http_reply_list(req, items, total, &p);
}

/* A copy of s in a, cut to at most max bytes without splitting a UTF-8 sequence. */
static char *copy_cut(struct arena *a, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    return arena_strndup(a, s, n);
}

/* Tries the language model: 0 with n->text and n->generator set, or -1 with *warning set. */
static int from_model(struct request *req, struct content_new *n, const char **warning)
{
    const struct llm_config *llm = &req->config->llm;
    if (!llm_enabled(llm))
        return -1;
    char *text, why[200];
    if (llm_chat(llm, system_prompt, n->prompt, &text, why, sizeof why)) {
        log_error("content generation: %s; using the built-in templates", why);
        *warning = arena_printf(&req->arena, "%s; the built-in template was used", why);
        return -1;
    }
    n->text = copy_cut(&req->arena, text, 100000);
    n->generator = arena_strdup(&req->arena, llm_model_name(llm));
    free(text);
    return 0;
}

static void from_templates(struct request *req, struct content_new *n,
                           const struct template_context *ctx)
{
    char *text =
        templates_render(templates_default(), n->content_type, n->tone, ctx, &n->template_used);
    n->text = arena_strdup(&req->arena, text ? text : "");
    n->generator = "builtin";
    free(text);
}

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
    rc =
        content_context_load(request_db(req), req->user_id, n.job_id, &req->arena, &ctx, &req->err);
    if (rc)
        return rc;
    char *prompt = templates_prompt(n.content_type, n.tone, &ctx, values_text(&v, "instructions"));
    n.prompt = arena_strdup(&req->arena, prompt ? prompt : "");
    free(prompt);
    const char *warning = NULL;
    if (from_model(req, &n, &warning))
        from_templates(req, &n, &ctx);
    if (*n.text == '\0')
        return err_set(&req->err, ERR_INTERNAL, NULL, "no template for %s", n.content_type);
    json_t *content;
    rc = content_create(request_db(req), req->user_id, &n, &req->arena, &content, &req->err);
    if (rc)
        return rc;
    json_object_set_new(content, "fallback", json_boolean(warning != NULL));
    if (warning)
        json_object_set_new(content, "warning", json_string(warning));
    return http_reply_created(req, content, "/api/v1/content/%lld",
                              (long long)json_get_int(content, "id"));
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
