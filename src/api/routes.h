/*
 * This file declares the API's route table. cli/serve.c passes api_routes and the
 * authentication callback api_authenticate (src/api/auth.h) to http_server_start.
 */
#ifndef COPILOT_API_ROUTES_H
#define COPILOT_API_ROUTES_H

#include "../http/router.h"

/* Every route, terminated by {NULL}. */
extern const struct route api_routes[];

#endif
