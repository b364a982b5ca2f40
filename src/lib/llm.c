/*
 * This file implements the language model client of llm.h over httpclient_post_json: the
 * request document, the endpoint URL, and reading choices[0].message.content.
 */
#include "llm.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "httpclient.h"
#include "xalloc.h"

#define DEFAULT_TIMEOUT 20

bool llm_enabled(const struct llm_config *c)
{
    return c && c->url && *c->url;
}

const char *llm_model_name(const struct llm_config *c)
{
    return c && c->model && *c->model ? c->model : "default";
}

/* The endpoint: url itself when it names .../chat/completions, else url + "/chat/completions". */
static void endpoint(const char *url, struct buf *out)
{
    static const char suffix[] = "/chat/completions";
    size_t len = strlen(url);
    while (len && url[len - 1] == '/')
        len--;
    buf_append(out, url, len);
    if (len < sizeof suffix - 1 ||
        strncmp(url + len - (sizeof suffix - 1), suffix, sizeof suffix - 1) != 0)
        buf_puts(out, suffix);
}

static char *request_body(const struct llm_config *c, const char *system, const char *user)
{
    json_t *doc = json_pack("{s:s, s:[{s:s, s:s}, {s:s, s:s}], s:f}", "model", llm_model_name(c),
                            "messages", "role", "system", "content", system, "role", "user",
                            "content", user, "temperature", 0.2);
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    return text;
}

/* The trimmed text of choices[0].message.content in the response, or NULL. */
static char *answer_text(const char *response, size_t len)
{
    json_t *doc = json_loadb(response ? response : "", len, 0, NULL);
    json_t *choice = json_array_get(json_object_get(doc, "choices"), 0);
    const char *content =
        json_string_value(json_object_get(json_object_get(choice, "message"), "content"));
    char *text = NULL;
    if (content) {
        while (isspace((unsigned char)*content))
            content++;
        size_t n = strlen(content);
        while (n && isspace((unsigned char)content[n - 1]))
            n--;
        if (n)
            text = xstrndup(content, n);
    }
    json_decref(doc);
    return text;
}

int llm_chat(const struct llm_config *c, const char *system, const char *user, char **out,
             char *error, size_t n)
{
    *out = NULL;
    if (!llm_enabled(c)) {
        snprintf(error, n, "no language model is configured");
        return -1;
    }
    char *body = request_body(c, system, user);
    if (body == NULL) {
        snprintf(error, n, "the prompt could not be encoded");
        return -1;
    }
    struct buf url, response;
    buf_init(&url);
    buf_init(&response);
    endpoint(c->url, &url);
    long timeout = c->timeout_seconds > 0 ? c->timeout_seconds : DEFAULT_TIMEOUT;
    int status = httpclient_post_json(url.data, body, c->key, timeout, &response);
    int rc = -1;
    if (status < 0)
        snprintf(error, n, "the language model did not answer (unreachable or timed out)");
    else if (status < 200 || status > 299)
        snprintf(error, n, "the language model answered HTTP %d", status);
    else if ((*out = answer_text(response.data, response.len)) == NULL)
        snprintf(error, n, "the language model gave a malformed or empty answer");
    else
        rc = 0;
    buf_free(&response);
    buf_free(&url);
    free(body);
    return rc;
}
