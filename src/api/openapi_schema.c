/*
 * This file implements the OpenAPI document's schemas, made from the field descriptors
 * (struct table, src/model/table.h): a stored row or a reply becomes "<Schema>", the body a
 * handler parses "<Schema>Input" or "<Schema>Patch", with the allowed values, lengths, ranges
 * and item counts table_parse enforces; each schema is built once and referred to.
 */
#include <stdio.h>
#include <string.h>

#include "../core/validate.h"
#include "openapi_internal.h"

/* ================================================================ schemas from fields */

json_t *api_openapi_schema_ref(struct gen *g, const struct table *t, enum variant v);
static json_t *field_schema(struct gen *g, const struct field *f, bool nullable);
static bool may_be_null(const struct field *f);

/* Adds "null" to the schema s (a type, an enum, or a reference). */
/* validate_url's rule (src/core/validate.c), said as a pattern: http or https in any case, a host
 * part, no space or control character; non-ASCII kept as given (docs/decisions.md, "URLs as a
 * browser gives them"). */
#define URL_PATTERN "^[Hh][Tt][Tt][Pp][Ss]?://[^/\\u0000-\\u0020\\u007f][^\\u0000-\\u0020\\u007f]*$"

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
json_t *api_openapi_value_schema(struct gen *g, const struct field *f)
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
        else if (f->check == validate_url) /* as a browser gives it: not format uri (an IRI) */
            json_object_set_new(s, "pattern", json_string(URL_PATTERN));
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
            return api_openapi_schema_ref(g, f->of, V_REPLY);
        }
        json_object_set_new(s, "type", json_string("object"));
        break;
    case FT_LIST:
        if (f->of == NULL)
            api_openapi_fail(g, "field %s is FT_LIST without .of", f->name);
        json_object_set_new(s, "type", json_string("array"));
        json_object_set_new(s, "items",
                            f->of ? api_openapi_schema_ref(g, f->of, V_REPLY) : json_object());
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
            api_openapi_fail(g, "field %s is FT_MAP without .of naming the members' field",
                             f->name);
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
    json_t *s = api_openapi_value_schema(g, f);
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
        return json_pack(
            "{s:s, s:[s, s, s, s], s:{s:{s:s, s:o}, s:{s:s, s:i}, s:{s:s, s:i, s:i}, "
            "s:{s:s, s:i}}, s:b}",
            "type", "object", "required", "items", "total", "limit", "offset", "properties",
            "items", "type", "array", "items", api_openapi_schema_ref(g, t, V_REPLY), "total",
            "type", "integer", "minimum", 0, "limit", "type", "integer", "minimum", 1, "maximum",
            LIST_MAX_LIMIT, "offset", "type", "integer", "minimum", 0, "additionalProperties", 0);
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
json_t *api_openapi_schema_ref(struct gen *g, const struct table *t, enum variant v)
{
    if (t->schema == NULL) {
        api_openapi_fail(g, "a descriptor (%s, first field %s) has no .schema name",
                         t->name ? t->name : "a body",
                         t->fields[0].name ? t->fields[0].name : "none");
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
            api_openapi_fail(g, "two descriptors are called %s", name);
        return api_openapi_ref("schemas", name);
    }
    if (g->nseen == MAX_SCHEMAS) {
        api_openapi_fail(g, "more than %d schemas", MAX_SCHEMAS);
        return api_openapi_ref("schemas", name);
    }
    g->seen[g->nseen].name = strdup(name);
    g->seen[g->nseen].table = t;
    g->seen[g->nseen].variant = v;
    g->nseen++;
    json_object_set_new(g->schemas, name, json_null()); /* reserve: recursion sees it */
    json_object_set_new(g->schemas, name, build_schema(g, t, v));
    return api_openapi_ref("schemas", name);
}
