/*
 * This file declares what the files of the OpenAPI document share (openapi.c: the generator's
 * state, the document, serving it; openapi_schema.c: schemas from the field descriptors;
 * openapi_operation.c: each route's operation and the error responses): the generator's state
 * and the helpers one file defines for another. Only those files see it.
 */
#ifndef COPILOT_API_OPENAPI_INTERNAL_H
#define COPILOT_API_OPENAPI_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "openapi.h"

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

/* openapi.c: records the generator's first problem (the document is then refused) */
__attribute__((format(printf, 2, 3))) void api_openapi_fail(struct gen *g, const char *fmt, ...);
/* {"$ref": "#/components/<section>/<name>"} */
json_t *api_openapi_ref(const char *section, const char *name);

/* openapi_schema.c */
json_t *api_openapi_value_schema(struct gen *g, const struct field *f);
json_t *api_openapi_schema_ref(struct gen *g, const struct table *t, enum variant v);

/* openapi_operation.c */
json_t *api_openapi_operation(struct gen *g, const struct route *r, json_t *operation_ids);

#endif
