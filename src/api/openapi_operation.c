/*
 * This file implements the OpenAPI document's operations: each route's parameters (path, list
 * query with its filters), security, request body, replies and error responses, from its flags
 * and DOC (src/api/route_doc.h); the error responses list the codes http_reply_error gives each
 * status, and the response headers are components of their own.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../http/reply.h"
#include "../lib/list_params.h"
#include "openapi_internal.h"

/* ================================================================ errors */

static const struct {
    unsigned bit;
    int status;
    const char *name; /* components.responses */
    const char *description;
} error_statuses[] = {
    {E400, 400, "BadRequest", "Malformed JSON, multipart body or query"},
    {E401, 401, "Unauthorized", "No valid bearer token (or wrong credentials)"},
    {E403, 403, "Forbidden",
     "Not allowed to the caller (administrators only, or a field only "
     "administrators may set)"},
    {E404, 404, "NotFound", "No such row, or not the caller's"},
    {E409, 409, "Conflict", "Already exists: `existing_id` and `reason` name a duplicate row"},
    {E412, 412, "PreconditionFailed", "`If-Match` no longer matches the object's ETag"},
    {E413, 413, "PayloadTooLarge",
     "The body exceeds COPILOT_MAX_BODY (COPILOT_MAX_UPLOAD for "
     "uploads)"},
    {E415, 415, "UnsupportedMediaType", "The body is not of a media type the route takes"},
    {E422, 422, "ValidationFailed",
     "A well-formed request with an invalid value: `field` names "
     "it, `allowed` lists the values that would do"},
    {E429, 429, "RateLimited", "Too many attempts: retry after `Retry-After` seconds"},
    {E503, 503, "ServiceUnavailable",
     "The server is busy with slow requests (`busy`), or the database is unavailable "
     "(`unavailable`: unreachable, read-only during a failover, no pooled connection free in "
     "time, a statement past its timeout; `internal`: another database failure); `busy` and "
     "`unavailable` say when to retry in `Retry-After`"},
};
#define NERRORS (sizeof error_statuses / sizeof error_statuses[0])

static json_t *header_ref(struct gen *g, const char *name);

/* A reference to components.responses.<name> for error i, made on first use: the error body
 * with the codes http_reply_error gives its status. */
static json_t *error_ref(struct gen *g, size_t i)
{
    if (json_object_get(g->responses, error_statuses[i].name))
        return api_openapi_ref("responses", error_statuses[i].name);
    int status = error_statuses[i].status;
    json_t *codes = json_array();
    for (int code = -1; code > -64; code--) {
        if (http_status_for(code) != status)
            continue;
        const char *name = err_code_name(code);
        bool known = false;
        size_t k;
        json_t *c;
        json_array_foreach(codes, k, c) known = known || strcmp(json_string_value(c), name) == 0;
        if (!known)
            json_array_append_new(codes, json_string(name));
    }
    if (json_array_size(codes) == 0)
        api_openapi_fail(g, "no error code answers %d (src/http/reply.c http_status_for)", status);
    json_t *props = json_pack("{s:{s:o}, s:{s:s, s:i}, s:{s:s, s:s}}", "code", "enum", codes,
                              "message", "type", "string", "minLength", 1, "field", "type",
                              "string", "description", "the field or argument at fault");
    if (status == 409) {
        json_object_set_new(props, "existing_id",
                            json_pack("{s:s, s:i, s:s}", "type", "integer", "minimum", 1,
                                      "description", "the row this one duplicates"));
        json_object_set_new(props, "reason",
                            json_pack("{s:s, s:s}", "type", "string", "description",
                                      "why it is a duplicate (url, fingerprint)"));
    }
    if (status == 422 || status == 415)
        json_object_set_new(props, "allowed",
                            json_pack("{s:s, s:{s:s}, s:s}", "type", "array", "items", "type",
                                      "string", "description", "the values that would do"));
    char schema_name[64];
    snprintf(schema_name, sizeof schema_name, "%sError", error_statuses[i].name);
    json_object_set_new(g->schemas, schema_name,
                        json_pack("{s:s, s:[s], s:{s:{s:s, s:[s, s], s:o, s:b}}, s:b}", "type",
                                  "object", "required", "error", "properties", "error", "type",
                                  "object", "required", "code", "message", "properties", props,
                                  "additionalProperties", 0, "additionalProperties", 0));
    json_t *response =
        json_pack("{s:s, s:{s:{s:o}}}", "description", error_statuses[i].description, "content",
                  "application/json", "schema", api_openapi_ref("schemas", schema_name));
    if (status == 401)
        json_object_set_new(
            response, "headers",
            json_pack("{s:o}", "WWW-Authenticate", header_ref(g, "WWWAuthenticate")));
    if (status == 429)
        json_object_set_new(response, "headers",
                            json_pack("{s:o}", "Retry-After", header_ref(g, "RetryAfter")));
    if (status == 503) /* busy and unavailable say when to retry; another database failure not */
        json_object_set_new(response, "headers",
                            json_pack("{s:{s:s, s:{s:s, s:i}}}", "Retry-After", "description",
                                      "with codes busy and unavailable: seconds to wait", "schema",
                                      "type", "integer", "minimum", 1));
    json_object_set_new(g->responses, error_statuses[i].name, response);
    return api_openapi_ref("responses", error_statuses[i].name);
}

/* The response headers the document uses, made on first use. */
static const struct {
    const char *name, *description;
    bool integer;
} header_docs[] = {
    {"Location", "The path of the object", false},
    {"RetryAfter", "Seconds to wait before trying again", true},
    {"ETag",
     "The version of the answer: send it back in If-Match to write the object, or in "
     "If-None-Match where the route says so (304 while unchanged)",
     false},
    {"ContentDisposition", "attachment, with the file's name", false},
    {"WWWAuthenticate", "`Bearer`: the scheme the API takes", false},
};

static json_t *header_ref(struct gen *g, const char *name)
{
    if (json_object_get(g->headers, name) == NULL) {
        size_t i = 0;
        while (strcmp(header_docs[i].name, name) != 0)
            i++;
        json_t *schema = header_docs[i].integer
                             ? json_pack("{s:s, s:i}", "type", "integer", "minimum", 1)
                             : json_pack("{s:s}", "type", "string");
        json_object_set_new(g->headers, name,
                            json_pack("{s:s, s:b, s:o}", "description", header_docs[i].description,
                                      "required", 1, "schema", schema));
    }
    return api_openapi_ref("headers", name);
}

/* ================================================================ operations */

static bool has_path_params(const char *pattern)
{
    return strchr(pattern, '{') != NULL;
}

static bool is_text_param(const struct route_doc *d, const char *name, size_t len)
{
    for (const char *const *t = d->text_params; t && *t; t++)
        if (strlen(*t) == len && strncmp(*t, name, len) == 0)
            return true;
    return false;
}

/* "GET /api/v1/jobs/{id}/recommendation-feedback" -> "getJobsByIdRecommendationFeedback" */
static void operation_id(const struct route *r, char *out, size_t size)
{
    size_t n = 0;
    for (const char *m = r->method; *m && n + 1 < size; m++)
        out[n++] = (char)tolower((unsigned char)*m);
    const char *p = r->pattern;
    if (strncmp(p, "/api/v1", 7) == 0)
        p += 7;
    bool upper = true;
    for (; *p && n + 3 < size; p++) {
        if (*p == '/' || *p == '-' || *p == '.' || *p == '_') {
            upper = true;
        } else if (*p == '{') {
            out[n++] = 'B';
            out[n++] = 'y';
            upper = true;
        } else if (*p != '}') {
            out[n++] = upper ? (char)toupper((unsigned char)*p) : *p;
            upper = false;
        }
    }
    out[n] = '\0';
}

static json_t *query_param(struct gen *g, const char *name, json_t *schema, const char *doc)
{
    json_t *p = json_pack("{s:s, s:s, s:o}", "name", name, "in", "query", "schema", schema);
    if (doc)
        json_object_set_new(p, "description", json_string(doc));
    return p;
}

static const char *filter_doc(enum filter_op op)
{
    switch (op) {
    case FILTER_EQ:
        return "Only the rows with this value";
    case FILTER_IEQ:
        return "Only the rows with this value, compared without regard to case";
    case FILTER_GE:
        return "Only the rows whose value is this or later (greater)";
    case FILTER_LE:
        return "Only the rows whose value is this or earlier (smaller)";
    case FILTER_FULLTEXT:
        return "Words to search for";
    case FILTER_CONTAINS:
        return "Only the rows whose list holds this value";
    }
    return NULL;
}

const struct field *api_openapi_list_field(const struct route_doc *d, const char *column)
{
    const struct table *t = d->list_table;
    for (int i = 0; t == NULL && i < ROUTE_DOC_REPLIES && d->replies[i].status; i++)
        if (d->replies[i].kind == RK_LIST)
            t = d->replies[i].shape;
    for (; t; t = t->base) {
        const struct field *f = t->fields ? table_field(t, column) : NULL;
        if (f)
            return f;
    }
    return NULL;
}

static void list_params(struct gen *g, const char *what, const struct route_doc *d, json_t *params)
{
    json_array_append_new(params, api_openapi_ref("parameters", "limit"));
    json_array_append_new(params, api_openapi_ref("parameters", "offset"));
    const struct list_spec *spec = d->list;
    json_t *sorts = json_array();
    for (const char *const *s = spec->sortable; s && *s; s++) {
        json_array_append_new(sorts, json_string(*s));
        json_array_append_new(sorts, json_sprintf("-%s", *s));
    }
    json_t *sort = json_pack("{s:s, s:o}", "type", "string", "enum", sorts);
    if (spec->default_sort)
        json_object_set_new(sort, "default", json_string(spec->default_sort));
    char sort_doc[200] = "The order: a field name, `-` first for descending";
    if (spec->filter_default_param) /* the default while a filter is given (list_spec) */
        snprintf(sort_doc + strlen(sort_doc), sizeof sort_doc - strlen(sort_doc),
                 "; `%s` by default while `%s` is given", spec->filter_default_sort,
                 spec->filter_default_param);
    json_array_append_new(params, query_param(g, "sort", sort, sort_doc));
    for (const struct list_param *p = spec->params; p && p->name; p++) {
        json_t *schema;
        if (p->op == FILTER_FULLTEXT || p->op == FILTER_CONTAINS) {
            schema = json_pack("{s:s}", "type", "string");
        } else {
            const struct field *f = api_openapi_list_field(d, p->column);
            if (f == NULL) {
                api_openapi_fail(g, "%s: filter %s names %s, not a field of the list's descriptor",
                                 what, p->name, p->column);
                continue;
            }
            schema = api_openapi_value_schema(g, f);
            json_object_del(schema, "readOnly");
            json_object_del(schema, "description");
            json_object_del(schema, "minLength"); /* a filter matches, it does not store */
            json_object_del(schema, "maxLength");
        }
        json_array_append_new(params, query_param(g, p->name, schema, filter_doc(p->op)));
    }
}

/* Adds status -> response to responses; a status given twice is a problem. */
static void add_response(struct gen *g, const char *what, json_t *responses, int status,
                         json_t *response)
{
    char key[8];
    snprintf(key, sizeof key, "%d", status);
    if (json_object_get(responses, key))
        api_openapi_fail(g, "%s documents status %d twice", what, status);
    json_object_set_new(responses, key, response);
}

static const char *default_description(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created: `Location` names the new object";
    case 204:
        return "Done; no content";
    case 302:
        return "Redirect: `Location` names where to go";
    case 304:
        return "Not modified";
    default:
        return "Answer";
    }
}

/* media: "a, b, c" (NULL: none) -> content {a: {schema}, b: ...}: the JSON types get json
 * (copied; may be NULL), the others a string. json is released. */
static json_t *content_of(const char *media, json_t *json)
{
    json_t *content = json_object();
    for (const char *p = media ? media : ""; *p;) {
        size_t len = strcspn(p, ",");
        char type[160];
        snprintf(type, sizeof type, "%.*s", (int)len, p);
        bool is_json = strncmp(type, "application/json", 16) == 0;
        json_t *schema = is_json && json ? json_incref(json)
                                         : json_pack("{s:s, s:s}", "type", "string", "description",
                                                     is_json ? "JSON" : "the bytes, as sent");
        json_object_set_new(content, type, json_pack("{s:o}", "schema", schema));
        p += len;
        while (*p == ',' || *p == ' ')
            p++;
    }
    json_decref(json);
    return content;
}

static json_t *reply_response(struct gen *g, const char *what, const struct reply_doc *rep)
{
    json_t *response =
        json_pack("{s:s}", "description",
                  rep->description ? rep->description : default_description(rep->status));
    json_t *headers = json_object();
    json_t *body = NULL;
    switch (rep->kind) {
    case RK_OBJECT:
    case RK_CREATED:
    case RK_REDIRECT:
    case RK_LIST:
        if (rep->shape == NULL) {
            api_openapi_fail(g, "%s: the %d reply names no shape", what, rep->status);
            break;
        }
        body = api_openapi_schema_ref(g, rep->shape, rep->kind == RK_LIST ? V_LIST : V_REPLY);
        json_object_set_new(response, "content", content_of("application/json", body));
        break;
    case RK_FILE:
        json_object_set_new(headers, "Content-Disposition", header_ref(g, "ContentDisposition"));
        /* fall through */
    case RK_TEXT:
        body = rep->shape ? api_openapi_schema_ref(g, rep->shape, V_REPLY) : NULL;
        if (body && rep->array)
            body = json_pack("{s:s, s:o}", "type", "array", "items", body);
        json_object_set_new(response, "content", content_of(rep->media, body));
        break;
    case RK_EMPTY:
        break;
    }
    if (rep->kind == RK_CREATED || rep->kind == RK_REDIRECT)
        json_object_set_new(headers, "Location", header_ref(g, "Location"));
    if (rep->headers & RH_ETAG)
        json_object_set_new(headers, "ETag", header_ref(g, "ETag"));
    if (json_object_size(headers))
        json_object_set_new(response, "headers", headers);
    else
        json_decref(headers);
    return response;
}

static json_t *request_body(struct gen *g, const struct route_doc *d)
{
    if (d->upload) {
        json_t *content = json_object();
        const char *media = d->upload;
        while (*media) {
            size_t len = strcspn(media, ",");
            char type[96];
            snprintf(type, sizeof type, "%.*s", (int)len, media);
            json_t *schema;
            if (strcmp(type, "multipart/form-data") == 0)
                schema = json_pack("{s:s, s:[s], s:{s:{s:s, s:s, s:s}}}", "type", "object",
                                   "required", "file", "properties", "file", "type", "string",
                                   "contentMediaType", "application/octet-stream", "description",
                                   "the file, as one part called file");
            else if (strcmp(type, "application/json") == 0 && d->body_array)
                schema = json_pack("{s:s, s:o}", "type", "array", "items",
                                   d->body ? api_openapi_schema_ref(g, d->body, V_INPUT)
                                           : json_object());
            else if (strcmp(type, "application/json") == 0)
                schema = d->body ? api_openapi_schema_ref(
                                       g, d->body, d->body_mode == PARSE_PATCH ? V_PATCH : V_INPUT)
                                 : json_object();
            else
                schema = json_pack("{s:s}", "type", "string");
            json_object_set_new(content, type, json_pack("{s:o}", "schema", schema));
            media += len;
            while (*media == ',' || *media == ' ')
                media++;
        }
        return json_pack("{s:b, s:o}", "required", 1, "content", content);
    }
    if (d->body == NULL)
        return NULL;
    json_t *schema =
        api_openapi_schema_ref(g, d->body, d->body_mode == PARSE_PATCH ? V_PATCH : V_INPUT);
    return json_pack("{s:b, s:{s:{s:o}}}", "required", !d->body_optional, "content",
                     "application/json", "schema", schema);
}

json_t *api_openapi_operation(struct gen *g, const struct route *r, json_t *operation_ids)
{
    char what[200];
    snprintf(what, sizeof what, "%s %s", r->method, r->pattern);
    const struct route_doc *d = r->doc;
    if (d == NULL) {
        api_openapi_fail(g, "%s has no DOC(...) (src/api/route_doc.h)", what);
        return json_object();
    }
    char id[160];
    operation_id(r, id, sizeof id);
    if (json_object_get(operation_ids, id))
        api_openapi_fail(g, "%s: operationId %s is taken", what, id);
    json_object_set_new(operation_ids, id, json_true());
    json_t *op = json_pack("{s:[s], s:s, s:s}", "tags", d->tag ? d->tag : "", "summary",
                           d->summary ? d->summary : "", "operationId", id);
    if (d->description)
        json_object_set_new(op, "description", json_string(d->description));

    unsigned errors = d->errors;
    bool admin = (r->flags & ROUTE_ADMIN) == ROUTE_ADMIN;
    if (admin) /* the role the route needs (OpenAPI 3.1: role names for non-OAuth schemes) */
        json_object_set_new(op, "security", json_pack("[{s:[s]}]", "bearerAuth", "admin"));
    else if (r->flags & ROUTE_AUTH)
        json_object_set_new(op, "security", json_pack("[{s:[]}]", "bearerAuth"));
    else if (r->flags & ROUTE_AUTH_OPTIONAL)
        json_object_set_new(op, "security", json_pack("[{}, {s:[]}]", "bearerAuth"));
    else
        json_object_set_new(op, "security", json_array());
    if (r->flags & (ROUTE_AUTH | ROUTE_AUTH_OPTIONAL))
        errors |= E401;
    if (admin)
        errors |= E403;
    /* slow work can find its queue full; every route that takes a database connection can find
     * the database away (a failover) or the pool exhausted */
    if ((r->flags & ROUTE_SLOW) || !(r->flags & ROUTE_NO_DB))
        errors |= E503;
    if (r->flags & ROUTE_EXPORT)
        errors |= E429; /* COPILOT_MAX_EXPORTS are running */

    json_t *params = json_array();
    for (const char *p = strchr(r->pattern, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        size_t len = (size_t)(close - p - 1);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)len, p + 1);
        json_t *schema = is_text_param(d, p + 1, len)
                             ? json_pack("{s:s}", "type", "string")
                             : json_pack("{s:s, s:i}", "type", "integer", "minimum", 1);
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:o}", "name", name, "in", "path",
                                                "required", 1, "schema", schema));
    }
    if (has_path_params(r->pattern))
        errors |= E404;
    if (d->list) {
        list_params(g, what, d, params);
        errors |= E422;
    }
    if (d->query) {
        for (const struct field *f = d->query->fields; f->name; f++)
            json_array_append_new(params,
                                  query_param(g, f->name, api_openapi_value_schema(g, f), NULL));
        errors |= E422;
    }
    if (json_array_size(params))
        json_object_set_new(op, "parameters", params);
    else
        json_decref(params);

    json_t *body = request_body(g, d);
    if (body) {
        json_object_set_new(op, "requestBody", body);
        errors |= E400 | E413 | E415 | E422;
    } else if (strcmp(r->method, "POST") == 0 || strcmp(r->method, "PUT") == 0 ||
               strcmp(r->method, "PATCH") == 0) {
        errors |= E400 | E415 | E422; /* a body sent anyway: fields are refused (api_run) */
    }

    json_t *responses = json_object();
    for (int i = 0; i < ROUTE_DOC_REPLIES && d->replies[i].status; i++)
        add_response(g, what, responses, d->replies[i].status,
                     reply_response(g, what, &d->replies[i]));
    if (json_object_size(responses) == 0)
        api_openapi_fail(g, "%s documents no reply", what);
    for (size_t i = 0; i < NERRORS; i++)
        if (errors & error_statuses[i].bit)
            add_response(g, what, responses, error_statuses[i].status, error_ref(g, i));
    json_object_set_new(op, "responses", responses);
    return op;
}
