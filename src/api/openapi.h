/*
 * This file declares the OpenAPI 3.1 document of the API: made from the route table
 * (api_routes, src/api/routes.c: method, path, flags and each row's DOC, route_doc.h) and the field
 * descriptors of the model (types, allowed values, lengths, ranges, nullability, required and
 * server-owned fields), so the document, the router and the validation read the same data.
 * It is built once at start-up, served as cached bytes with an ETag by GET
 * /api/v1/openapi.json, and printed by `copilot openapi`. docs/api.md explains the rules.
 */
#ifndef COPILOT_API_OPENAPI_H
#define COPILOT_API_OPENAPI_H

#include <jansson.h>
#include <stddef.h>

#include "../http/request.h"
#include "route_doc.h"

/* Builds the document of routes (terminated by {NULL}) and tags for version. Returns a new
 * object, or NULL with why (naming the route or descriptor at fault) in problem: a route
 * without DOC, an unknown tag, a descriptor without a schema name, two descriptors with one
 * name, a reply status given twice. */
json_t *api_openapi_build(const struct route *routes, const struct api_tag *tags,
                          const char *version, char *problem, size_t problem_len);

/* The field a filter of route d's list names (column), where the document looks for it to type
 * the filter: in the list's descriptor (.list_table, else the shape of the LIST reply) or its
 * bases. NULL when there is none. */
const struct field *api_openapi_list_field(const struct route_doc *d, const char *column);

/* Builds the document of routes and tags (cli/serve.c passes api_routes and api_tags) once and
 * keeps its compact text and ETag for api_openapi_document. Returns 0, or -1 after printing the
 * problem to stderr. */
int api_openapi_init(const struct route *routes, const struct api_tag *tags, const char *version);
/* Releases what api_openapi_init kept. */
void api_openapi_shutdown(void);

/* The reply's shape (an OpenAPI document's top-level members). */
extern const struct table api_openapi_reply;

/* The Content-Security-Policy of GET /api/docs, narrower than the page's in all but two
 * things Redoc needs: style-src 'unsafe-inline' (its styled-components write <style> elements
 * at run time; scripts stay 'self' only, no inline script), and worker-src blob: (its search
 * index runs in a Worker made from a blob: URL). Everything is served by this server. */
#define API_DOCS_CSP                                                                               \
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "                    \
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src blob:; "          \
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/* GET /api/docs: the reference page, under API_DOCS_CSP. */
int api_openapi_docs(struct request *req);

/* GET /api/v1/openapi.json: the kept document, 304 when If-None-Match names its ETag. */
int api_openapi_document(struct request *req);

#endif
