/*
 * This file declares the API as the server sees it: the route table and the calls that set up
 * and tear down the API's own state (the login rate limiters). cli/serve.c passes api_routes
 * and api_authenticate (src/api/auth.h) to http_server_start.
 */
#ifndef COPILOT_API_ROUTES_H
#define COPILOT_API_ROUTES_H

#include "../http/router.h"

/* Every route, terminated by {NULL}. */
extern const struct route api_routes[];

/* Creates the state the handlers share (call once before the server starts). */
void api_init(void);
/* Frees it (after the server has stopped). */
void api_shutdown(void);

#endif
