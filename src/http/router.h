/*
 * This file declares the router: the routes[] table (src/http/routes.c) maps a method and a
 * path pattern to a handler plus flags that the router checks once, before the handler runs:
 * ROUTE_AUTH (a valid bearer token), ROUTE_ADMIN (and is_admin), ROUTE_JSON (a JSON body,
 * parsed into req->json). A handler returns 0 after writing its response, or a negative ERR_*
 * code with req->err filled, which the router turns into the error response.
 */
#ifndef COPILOT_HTTP_ROUTER_H
#define COPILOT_HTTP_ROUTER_H

#include "request.h"

enum {
    ROUTE_AUTH = 1 << 0,
    ROUTE_ADMIN = 1 << 1 | ROUTE_AUTH,
    ROUTE_JSON = 1 << 2,
    ROUTE_UPLOAD = 1 << 3, /* body may reach COPILOT_MAX_UPLOAD instead of COPILOT_MAX_BODY */
};

typedef int (*route_handler)(struct request *req);

struct route {
    const char *method;
    const char *pattern; /* "/api/v1/jobs/{id}": each {name} captures one path segment */
    route_handler handler;
    unsigned flags;
};

extern const struct route routes[];

/* Finds the route for req, checks its flags, runs it and makes sure a response exists. */
void router_dispatch(struct request *req);

/* Pure matcher, exposed for unit tests: true when path fits pattern; captured segments go to
 * params (pointing into a copy in arena), their count to *nparams. */
bool router_match(const char *pattern, const char *path, struct arena *arena, const char **params,
                  int *nparams);

#endif
