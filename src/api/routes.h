/*
 * This file declares the API's route table: cli/serve.c passes api_routes and the
 * authentication callback api_authenticate (src/api/auth.h) to http_server_start, and
 * api_routes with api_tags to api_openapi_init (src/api/openapi.c), which makes the OpenAPI
 * document from the same rows. What a row's DOC(...) holds: src/api/route_doc.h.
 */
#ifndef COPILOT_API_ROUTES_H
#define COPILOT_API_ROUTES_H

#include "route_doc.h"

/* Every route, terminated by {NULL}. */
extern const struct route api_routes[];
/* Every tag, terminated by {NULL}, in the order the document lists them. */
extern const struct api_tag api_tags[];

#endif
