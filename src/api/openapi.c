/*
 * This file implements the OpenAPI 3.1 document of openapi.h. Every schema comes from a field
 * descriptor (struct table, src/model/table.h): a stored row or a reply becomes "<Schema>"
 * (every visible member, required unless F_OPTIONAL, null allowed unless F_NOTNULL or
 * F_REQUIRED, readOnly when the client cannot write it, no other member); the body a handler
 * parses becomes "<Schema>Input" (create: F_REQUIRED members required) or "<Schema>Patch"
 * (nothing required). Allowed values, lengths, ranges and item counts are the ones table_parse
 * enforces. Each route's parameters, security, body and error responses follow from its flags
 * and DOC (src/api/route_doc.h); error bodies list the codes http_reply_error gives each status.
 */
#include "openapi.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/validate.h"
#include "../http/reply.h"
#include "../http/static.h"
#include "../lib/crypto.h"
#include "../lib/list_params.h"

/* ================================================================ generator state */

enum variant { V_REPLY, V_INPUT, V_PATCH, V_LIST };

#define MAX_SCHEMAS 256

struct gen {
    json_t *schemas;   /* components.schemas */
    json_t *responses; /* components.responses */
    json_t *headers;   /* components.headers */
    struct {
        const char *name;
        const struct table *table;
        enum variant variant;
    } seen[MAX_SCHEMAS];
    int nseen;
    char *problem;
    size_t problem_len;
    bool failed;
};

__attribute__((format(printf, 2, 3))) static void fail(struct gen *g, const char *fmt, ...)
{
    if (g->failed)
        return; /* the first problem wins */
    g->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->problem, g->problem_len, fmt, ap);
    va_end(ap);
}

static json_t *ref(const char *section, const char *name)
{
    char path[160];
    snprintf(path, sizeof path, "#/components/%s/%s", section, name);
    return json_pack("{s:s}", "$ref", path);
}

/* ================================================================ schemas from fields */

static json_t *schema_ref(struct gen *g, const struct table *t, enum variant v);
static json_t *field_schema(struct gen *g, const struct field *f, bool nullable);
static bool may_be_null(const struct field *f);

/* Adds "null" to the schema s (a type, an enum, or a reference). */
static json_t *or_null(json_t *s)
{
    json_t *type = json_object_get(s, "type");
    if (json_object_get(s, "$ref") || json_object_get(s, "const")) {
        json_t *any = json_pack("{s:[o, {s:s}]}", "anyOf", s, "type", "null");
        return any;
    }
    if (json_is_string(type))
        json_object_set_new(s, "type", json_pack("[s, s]", json_string_value(type), "null"));
    json_t *values = json_object_get(s, "enum");
    if (values)
        json_array_append_new(values, json_null());
    return s;
}

static json_t *string_list(const char *const *values)
{
    json_t *list = json_array();
    for (const char *const *v = values; *v; v++)
        json_array_append_new(list, json_string(*v));
    return list;
}

static void set_int(json_t *s, const char *key, int64_t v)
{
    json_object_set_new(s, key, json_integer((json_int_t)v));
}

/* The schema of one value of f (never null: or_null adds that). */
static json_t *value_schema(struct gen *g, const struct field *f)
{
    json_t *s = json_object();
    switch (f->type) {
    case FT_INT:
    case FT_REAL:
        json_object_set_new(s, "type", json_string(f->type == FT_INT ? "integer" : "number"));
        if (f->min < f->max) {
            set_int(s, "minimum", f->min);
            set_int(s, "maximum", f->max);
        }
        break;
    case FT_BOOL:
        json_object_set_new(s, "type", json_string("boolean"));
        break;
    case FT_TEXT:
        json_object_set_new(s, "type", json_string("string"));
        if (f->values)
            json_object_set_new(s, "enum", string_list(f->values));
        if (f->max > 0) {
            if (f->min > 0)
                set_int(s, "minLength", f->min);
            set_int(s, "maxLength", f->max);
        }
        if (f->check == validate_email)
            json_object_set_new(s, "format", json_string("email"));
        else if (f->check == validate_url)
            json_object_set_new(s, "format", json_string("uri"));
        break;
    case FT_DATE:
    case FT_TIMESTAMP:
        json_object_set_new(s, "type", json_string("string"));
        json_object_set_new(s, "format", json_string(f->type == FT_DATE ? "date" : "date-time"));
        break;
    case FT_STRINGS:
    case FT_ARRAY:
    case FT_INTS:
        json_object_set_new(s, "type", json_string("array"));
        json_object_set_new(s, "items",
                            json_pack("{s:s}", "type", f->type == FT_INTS ? "integer" : "string"));
        if (f->values && f->type != FT_INTS) /* each item one of the allowed values */
            json_object_set_new(json_object_get(s, "items"), "enum", string_list(f->values));
        if (f->flags & F_WRITE) { /* the caps table_parse enforces */
            if (f->max > 0 && f->min > 0)
                set_int(s, "minItems", f->min);
            set_int(s, "maxItems", (int64_t)table_array_max_items(f));
            if (f->type != FT_INTS)
                set_int(json_object_get(s, "items"), "maxLength", TABLE_ARRAY_ITEM_MAX_CHARS);
        }
        break;
    case FT_OBJECT:
        if (f->of) {
            json_decref(s);
            return schema_ref(g, f->of, V_REPLY);
        }
        json_object_set_new(s, "type", json_string("object"));
        break;
    case FT_LIST:
        if (f->of == NULL)
            fail(g, "field %s is FT_LIST without .of", f->name);
        json_object_set_new(s, "type", json_string("array"));
        json_object_set_new(s, "items", f->of ? schema_ref(g, f->of, V_REPLY) : json_object());
        break;
    case FT_COUNTS: {
        json_object_set_new(s, "type", json_string("object"));
        json_t *count = json_pack("{s:s, s:i}", "type", "integer", "minimum", 0);
        if (f->values == NULL) {
            json_object_set_new(s, "additionalProperties", count);
            break;
        }
        json_t *props = json_object(), *required = json_array();
        for (const char *const *v = f->values; *v; v++) {
            json_object_set(props, *v, count);
            json_array_append_new(required, json_string(*v));
        }
        json_decref(count);
        json_object_set_new(s, "properties", props);
        json_object_set_new(s, "required", required);
        json_object_set_new(s, "additionalProperties", json_false());
        break;
    }
    case FT_MAP:
        json_object_set_new(s, "type", json_string("object"));
        if (f->values)
            json_object_set_new(s, "propertyNames",
                                json_pack("{s:o}", "enum", string_list(f->values)));
        if (f->of == NULL || f->of->fields[0].name == NULL) {
            fail(g, "field %s is FT_MAP without .of naming the members' field", f->name);
            break;
        }
        json_object_set_new(s, "additionalProperties",
                            field_schema(g, &f->of->fields[0], may_be_null(&f->of->fields[0])));
        break;
    case FT_JSON:
        break; /* any value */
    }
    if (f->doc && !json_object_get(s, "$ref"))
        json_object_set_new(s, "description", json_string(f->doc));
    return s;
}

static json_t *field_schema(struct gen *g, const struct field *f, bool nullable)
{
    json_t *s = value_schema(g, f);
    return nullable && f->type != FT_JSON ? or_null(s) : s;
}

static bool may_be_null(const struct field *f)
{
    return !(f->flags & (F_NOTNULL | F_REQUIRED));
}

static void unrequire(json_t *required, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(required, i, v)
    {
        if (strcmp(json_string_value(v), name) == 0) {
            json_array_remove(required, i);
            return;
        }
    }
}

/* Sets name -> schema in props (replacing a member of the base), and name in required unless
 * optional. */
static void add_member(json_t *props, json_t *required, const char *name, json_t *schema,
                       bool optional)
{
    bool known = json_object_get(props, name) != NULL;
    json_object_set_new(props, name, schema);
    if (known && optional)
        unrequire(required, name);
    else if (!known && !optional)
        json_array_append_new(required, json_string(name));
}

/* The object schema of t's reply shape: the base's visible members, then t's own (which
 * replace the base's members of the same name; F_HIDDEN there removes one). */
static void reply_members(struct gen *g, const struct table *t, json_t *props, json_t *required)
{
    if (t->base)
        reply_members(g, t->base, props, required);
    for (const struct field *f = t->fields; f->name; f++) {
        if (f->flags & F_HIDDEN) {
            json_object_del(props, f->name);
            unrequire(required, f->name);
            continue;
        }
        json_t *s = field_schema(g, f, may_be_null(f));
        if (t->name && !(f->flags & F_WRITE) && json_is_object(s) && !json_object_get(s, "$ref"))
            json_object_set_new(s, "readOnly", json_true());
        if ((f->flags & F_ADMIN) && json_is_object(s) && !json_object_get(s, "$ref"))
            json_object_set_new(s, "description", json_string("administrators only"));
        add_member(props, required, f->name, s, f->flags & (F_OPTIONAL | F_ADMIN));
    }
}

static json_t *object_schema(json_t *props, json_t *required, const char *description)
{
    json_t *s = json_pack("{s:s, s:o}", "type", "object", "properties", props);
    if (json_array_size(required))
        json_object_set_new(s, "required", required);
    else
        json_decref(required);
    json_object_set_new(s, "additionalProperties", json_false());
    if (description)
        json_object_set_new(s, "description", json_string(description));
    return s;
}

static json_t *build_schema(struct gen *g, const struct table *t, enum variant v)
{
    json_t *props = json_object(), *required = json_array();
    switch (v) {
    case V_REPLY:
        reply_members(g, t, props, required);
        return object_schema(props, required, NULL);
    case V_INPUT:
    case V_PATCH:
        for (const struct field *f = t->fields; f->name; f++) {
            if (!(f->flags & F_WRITE))
                continue;
            json_object_set_new(props, f->name, field_schema(g, f, may_be_null(f)));
            if (v == V_INPUT && (f->flags & F_REQUIRED))
                json_array_append_new(required, json_string(f->name));
        }
        return object_schema(props, required, NULL);
    case V_LIST:
        json_decref(props);
        json_decref(required);
        return json_pack("{s:s, s:[s, s, s, s], s:{s:{s:s, s:o}, s:{s:s, s:i}, s:{s:s, s:i, s:i}, "
                         "s:{s:s, s:i}}, s:b}",
                         "type", "object", "required", "items", "total", "limit", "offset",
                         "properties", "items", "type", "array", "items", schema_ref(g, t, V_REPLY),
                         "total", "type", "integer", "minimum", 0, "limit", "type", "integer",
                         "minimum", 1, "maximum", LIST_MAX_LIMIT, "offset", "type", "integer",
                         "minimum", 0, "additionalProperties", 0);
    }
    return NULL;
}

static bool has_required(const struct table *t)
{
    for (const struct field *f = t->fields; f->name; f++)
        if (f->flags & F_REQUIRED)
            return true;
    return false;
}

/* A reference to the schema of t in variant v, made (once) in components.schemas. */
static json_t *schema_ref(struct gen *g, const struct table *t, enum variant v)
{
    if (t->schema == NULL) {
        fail(g, "a descriptor (%s, first field %s) has no .schema name",
             t->name ? t->name : "a body", t->fields[0].name ? t->fields[0].name : "none");
        return json_object();
    }
    /* a body with nothing required reads the same in both modes */
    if (v == V_PATCH && t->name == NULL && !has_required(t))
        v = V_INPUT;
    const char *suffix = v == V_LIST    ? "List"
                         : v == V_PATCH ? "Patch"
                         : v == V_INPUT ? (t->name ? "Input" : "")
                                        : "";
    char name[128];
    snprintf(name, sizeof name, "%s%s", t->schema, suffix);
    for (int i = 0; i < g->nseen; i++) {
        if (strcmp(g->seen[i].name, name) != 0)
            continue;
        if (g->seen[i].table != t || g->seen[i].variant != v)
            fail(g, "two descriptors are called %s", name);
        return ref("schemas", name);
    }
    if (g->nseen == MAX_SCHEMAS) {
        fail(g, "more than %d schemas", MAX_SCHEMAS);
        return ref("schemas", name);
    }
    g->seen[g->nseen].name = strdup(name);
    g->seen[g->nseen].table = t;
    g->seen[g->nseen].variant = v;
    g->nseen++;
    json_object_set_new(g->schemas, name, json_null()); /* reserve: recursion sees it */
    json_object_set_new(g->schemas, name, build_schema(g, t, v));
    return ref("schemas", name);
}

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
        return ref("responses", error_statuses[i].name);
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
        fail(g, "no error code answers %d (src/http/reply.c http_status_for)", status);
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
                  "application/json", "schema", ref("schemas", schema_name));
    if (status == 429)
        json_object_set_new(response, "headers",
                            json_pack("{s:o}", "Retry-After", header_ref(g, "RetryAfter")));
    if (status == 503) /* busy and unavailable say when to retry; another database failure not */
        json_object_set_new(response, "headers",
                            json_pack("{s:{s:s, s:{s:s, s:i}}}", "Retry-After", "description",
                                      "with codes busy and unavailable: seconds to wait", "schema",
                                      "type", "integer", "minimum", 1));
    json_object_set_new(g->responses, error_statuses[i].name, response);
    return ref("responses", error_statuses[i].name);
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
    return ref("headers", name);
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
    json_array_append_new(params, ref("parameters", "limit"));
    json_array_append_new(params, ref("parameters", "offset"));
    const struct list_spec *spec = d->list;
    json_t *sorts = json_array();
    for (const char *const *s = spec->sortable; s && *s; s++) {
        json_array_append_new(sorts, json_string(*s));
        json_array_append_new(sorts, json_sprintf("-%s", *s));
    }
    json_t *sort = json_pack("{s:s, s:o}", "type", "string", "enum", sorts);
    if (spec->default_sort)
        json_object_set_new(sort, "default", json_string(spec->default_sort));
    json_array_append_new(
        params, query_param(g, "sort", sort, "The order: a field name, `-` first for descending"));
    for (const struct list_param *p = spec->params; p && p->name; p++) {
        json_t *schema;
        if (p->op == FILTER_FULLTEXT || p->op == FILTER_CONTAINS) {
            schema = json_pack("{s:s}", "type", "string");
        } else {
            const struct field *f = api_openapi_list_field(d, p->column);
            if (f == NULL) {
                fail(g, "%s: filter %s names %s, not a field of the list's descriptor", what,
                     p->name, p->column);
                continue;
            }
            schema = value_schema(g, f);
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
        fail(g, "%s documents status %d twice", what, status);
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

/* media: "a, b, c" -> content {a: {schema}, b: ...}: the JSON types get json (copied; may be
 * NULL), the others a string. json is released. */
static json_t *content_of(const char *media, json_t *json)
{
    json_t *content = json_object();
    while (media && *media) {
        size_t len = strcspn(media, ",");
        char type[160];
        snprintf(type, sizeof type, "%.*s", (int)len, media);
        bool is_json = strncmp(type, "application/json", 16) == 0;
        json_t *schema = is_json && json ? json_incref(json)
                                         : json_pack("{s:s, s:s}", "type", "string", "description",
                                                     is_json ? "JSON" : "the bytes, as sent");
        json_object_set_new(content, type, json_pack("{s:o}", "schema", schema));
        media += len;
        while (*media == ',' || *media == ' ')
            media++;
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
            fail(g, "%s: the %d reply names no shape", what, rep->status);
            break;
        }
        body = schema_ref(g, rep->shape, rep->kind == RK_LIST ? V_LIST : V_REPLY);
        json_object_set_new(response, "content", content_of("application/json", body));
        break;
    case RK_FILE:
        json_object_set_new(headers, "Content-Disposition", header_ref(g, "ContentDisposition"));
        /* fall through */
    case RK_TEXT:
        body = rep->shape ? schema_ref(g, rep->shape, V_REPLY) : NULL;
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
                                   d->body ? schema_ref(g, d->body, V_INPUT) : json_object());
            else if (strcmp(type, "application/json") == 0)
                schema = d->body ? schema_ref(g, d->body,
                                              d->body_mode == PARSE_PATCH ? V_PATCH : V_INPUT)
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
    json_t *schema = schema_ref(g, d->body, d->body_mode == PARSE_PATCH ? V_PATCH : V_INPUT);
    return json_pack("{s:b, s:{s:{s:o}}}", "required", !d->body_optional, "content",
                     "application/json", "schema", schema);
}

static json_t *operation(struct gen *g, const struct route *r, json_t *operation_ids)
{
    char what[200];
    snprintf(what, sizeof what, "%s %s", r->method, r->pattern);
    const struct route_doc *d = r->doc;
    if (d == NULL) {
        fail(g, "%s has no DOC(...) (src/api/route_doc.h)", what);
        return json_object();
    }
    char id[160];
    operation_id(r, id, sizeof id);
    if (json_object_get(operation_ids, id))
        fail(g, "%s: operationId %s is taken", what, id);
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
            json_array_append_new(params, query_param(g, f->name, value_schema(g, f), NULL));
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
        fail(g, "%s documents no reply", what);
    for (size_t i = 0; i < NERRORS; i++)
        if (errors & error_statuses[i].bit)
            add_response(g, what, responses, error_statuses[i].status, error_ref(g, i));
    json_object_set_new(op, "responses", responses);
    return op;
}

/* ================================================================ the document */

static const char *const description =
    "The JSON API of Career Copilot, a job-search tracker: jobs, applications and their "
    "pipeline, analytics, résumés, generated documents, interview practice and a learning "
    "catalogue.\n\n"
    "This document is generated by the server at start-up from the same route table and field "
    "descriptors that route and validate requests, so it cannot drift from what the server "
    "does; the test suite checks every response it receives against it.\n\n"
    "**Conventions.** Bodies are JSON (`application/json; charset=utf-8`) except uploads "
    "(`multipart/form-data`) and downloads. Send the token of `POST /api/v1/auth/login` as "
    "`Authorization: Bearer <token>`. Errors are `{\"error\": {\"code\", \"message\", "
    "\"field\"?}}` with the status; another user's row answers 404. Lists take `limit` (1-100, "
    "default 20), `offset`, `sort` (`name` or `-name`) and filters, and answer `{\"items\", "
    "\"total\", \"limit\", \"offset\"}`. Timestamps are RFC 3339 UTC (`...Z`), dates "
    "`YYYY-MM-DD`. Request bodies reject unknown fields and fields the server owns with 422 "
    "naming the field. Every response carries `X-Request-Id`.";

json_t *api_openapi_build(const struct route *routes, const struct api_tag *tags,
                          const char *version, char *problem, size_t problem_len)
{
    struct gen g = {.schemas = json_object(),
                    .responses = json_object(),
                    .headers = json_object(),
                    .problem = problem,
                    .problem_len = problem_len};
    if (problem_len)
        problem[0] = '\0';
    json_t *paths = json_object(), *operation_ids = json_object(), *used_tags = json_object();
    for (const struct route *r = routes; r->method; r++) {
        json_t *item = json_object_get(paths, r->pattern);
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        char method[16];
        size_t n = 0;
        for (; r->method[n] && n + 1 < sizeof method; n++)
            method[n] = (char)tolower((unsigned char)r->method[n]);
        method[n] = '\0';
        if (json_object_get(item, method))
            fail(&g, "%s %s is in the table twice", r->method, r->pattern);
        json_object_set_new(item, method, operation(&g, r, operation_ids));
        if (r->doc && r->doc->tag)
            json_object_set_new(used_tags, r->doc->tag, json_true());
    }
    json_t *tag_list = json_array();
    for (const struct api_tag *t = tags; t->name; t++) {
        if (json_object_get(used_tags, t->name)) {
            json_array_append_new(
                tag_list, json_pack("{s:s, s:s}", "name", t->name, "description", t->description));
            json_object_del(used_tags, t->name);
        }
    }
    const char *unknown;
    json_t *unused;
    json_object_foreach(used_tags, unknown, unused)
    {
        fail(&g, "tag %s is not in api_tags[] (src/api/routes.c)", unknown);
        break;
    }
    json_decref(used_tags);
    json_decref(operation_ids);

    json_t *parameters = json_pack(
        "{s:{s:s, s:s, s:s, s:{s:s, s:i, s:i, s:i}}, s:{s:s, s:s, s:s, s:{s:s, s:i, s:i}}}",
        "limit", "name", "limit", "in", "query", "description", "How many items (at most)",
        "schema", "type", "integer", "minimum", 1, "maximum", LIST_MAX_LIMIT, "default",
        LIST_DEFAULT_LIMIT, "offset", "name", "offset", "in", "query", "description",
        "How many items to skip", "schema", "type", "integer", "minimum", 0, "default", 0);
    json_t *doc = json_pack(
        "{s:s, s:{s:s, s:s, s:s, s:{s:s, s:s}}, s:[{s:s, s:s}], s:o, s:o, "
        "s:{s:o, s:o, s:o, s:o, s:{s:{s:s, s:s, s:s}}}}",
        "openapi", "3.1.0", "info", "title", "Career Copilot API", "version", version,
        "description", description, "license", "name", "MIT", "identifier", "MIT", "servers", "url",
        "/", "description", "the server that serves this document", "tags", tag_list, "paths",
        paths, "components", "schemas", g.schemas, "responses", g.responses, "parameters",
        parameters, "headers", g.headers, "securitySchemes", "bearerAuth", "type", "http", "scheme",
        "bearer", "description",
        "The access_token of login, register or an OAuth callback. Operations that name the role "
        "admin in their security requirement answer 403 to other users.");
    for (int i = 0; i < g.nseen; i++)
        free((char *)g.seen[i].name);
    if (g.failed || doc == NULL) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

/* ================================================================ serving */

static const struct field document_fields[] = {
    {"openapi", FT_TEXT, F_NOTNULL},
    {"info", FT_OBJECT, F_NOTNULL},
    {"servers", FT_JSON, F_NOTNULL},
    {"tags", FT_JSON, F_NOTNULL},
    {"paths", FT_OBJECT, F_NOTNULL},
    {"components", FT_OBJECT, F_NOTNULL},
    {NULL},
};
const struct table api_openapi_reply = {NULL, document_fields, false, "OpenApiDocument"};

static char *document; /* compact JSON text */
static size_t document_len;
static char etag[72];

int api_openapi_init(const struct route *routes, const struct api_tag *tags, const char *version)
{
    char problem[512];
    json_t *doc = api_openapi_build(routes, tags, version, problem, sizeof problem);
    if (doc == NULL) {
        fprintf(stderr, "copilot: the API document cannot be made: %s\n", problem);
        return -1;
    }
    document = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (document == NULL)
        return -1;
    document_len = strlen(document);
    char digest[CRYPTO_DIGEST_LEN];
    crypto_sha256_hex(document, document_len, digest);
    snprintf(etag, sizeof etag, "\"%.32s\"", digest);
    return 0;
}

void api_openapi_shutdown(void)
{
    free(document);
    document = NULL;
    document_len = 0;
}

/* GET /api/docs: Redoc (web/vendor/redoc.standalone.js, pinned; docs/api.md) renders the
 * document. The page finds <redoc spec-url> by itself: no inline script. */
static const char docs_page[] =
    "<!doctype html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>Career Copilot API reference</title>\n"
    "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n"
    "</head>\n"
    "<body>\n"
    "<redoc spec-url=\"/api/v1/openapi.json\"></redoc>\n"
    "<script src=\"/vendor/redoc.standalone.js\"></script>\n"
    "</body>\n"
    "</html>\n";

int api_openapi_docs(struct request *req)
{
    http_add_header(req, "Content-Security-Policy", API_DOCS_CSP);
    http_add_header(req, "Cache-Control", "no-cache");
    return http_reply_bytes(req, 200, "text/html; charset=utf-8", docs_page, sizeof docs_page - 1);
}

int api_openapi_document(struct request *req)
{
    if (document == NULL)
        return err_set(&req->err, ERR_INTERNAL, NULL, "the API document was not made");
    http_add_header(req, "ETag", etag);
    http_add_header(req, "Cache-Control", "no-cache"); /* kept, and revalidated by its ETag */
    if (http_etag_matches(request_header(req, "If-None-Match"), etag))
        return http_reply_empty(req, 304);
    return http_reply_bytes(req, 200, "application/json; charset=utf-8", document, document_len);
}
