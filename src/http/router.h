/*
 * This file declares the router. A route table (the caller's: src/api/routes.c) maps a method
 * and a path pattern to a handler plus flags that the router checks once, before the handler
 * runs: ROUTE_AUTH (a valid bearer token), ROUTE_AUTH_OPTIONAL (a token is checked when one is
 * sent; without one the request stays anonymous), ROUTE_ADMIN (and is_admin), ROUTE_JSON (a
 * JSON body, parsed into req->json), ROUTE_UPLOAD (the larger body limit), and every route not
 * flagged ROUTE_NO_DB gets its database connection first (503 when the pool has none free in
 * time). Authentication is a
 * callback the server is given, so the transport knows no session table. A handler returns 0
 * after writing its response, or a negative ERR_* code with req->err filled, which the router
 * turns into the error response.
 */
#ifndef COPILOT_HTTP_ROUTER_H
#define COPILOT_HTTP_ROUTER_H

#include "request.h"

enum {
    ROUTE_AUTH = 1 << 0,
    ROUTE_ADMIN = 1 << 1 | ROUTE_AUTH,
    ROUTE_JSON = 1 << 2,
    ROUTE_UPLOAD = 1 << 3, /* body may reach COPILOT_MAX_UPLOAD instead of COPILOT_MAX_BODY */
    ROUTE_AUTH_OPTIONAL = 1 << 4, /* public route: authenticate only when a token is sent */
    /* Slow work: the handler runs on a thread of the work pool (src/lib/workpool.h) with the
     * connection suspended, never on a request thread; the flag names the kind, which has its
     * own cap on how many run at once (docs/security.md "Slow work"). */
    ROUTE_SLOW_MODEL = 1 << 5,  /* waits for the language model */
    ROUTE_SLOW_REMOTE = 1 << 6, /* waits for another service (OAuth token exchange) */
    ROUTE_SLOW_PARSE = 1 << 7,  /* parses a document or a bulk import */
    ROUTE_SLOW = ROUTE_SLOW_MODEL | ROUTE_SLOW_REMOTE | ROUTE_SLOW_PARSE,
    ROUTE_NO_DB = 1 << 8, /* takes no pooled connection up front (health, metrics) */
    /* A streamed export: at most COPILOT_MAX_EXPORTS run at once in the process (429 with
     * Retry-After beyond), each holding a database connection while it streams. */
    ROUTE_EXPORT = 1 << 9,
    /* A GET whose handler only reads and answers in memory (no stream, no slow work): the
     * authentication callback may let it start before the token is confirmed, as long as the
     * runner confirms it before the answer leaves (src/api/auth.c, req->auth_pending). */
    ROUTE_READ_ONLY = 1 << 10,
};

/* The kinds of slow work, one per ROUTE_SLOW_* flag: the work pool's kinds. */
enum route_work { WORK_MODEL, WORK_REMOTE, WORK_PARSE, WORK_KINDS };

/* A handler, and the shape of the authentication callback: 0, or ERR_* with req->err filled.
 * The callback sets req->user_id, req->is_admin and req->token_digest; req->route is the
 * matched route when it runs. */
typedef int (*route_handler)(struct request *req);

/* What the route tells the API document (src/api/routes.h); the transport never reads it. */
struct route_doc;

struct route {
    const char *method;
    const char *pattern; /* "/api/v1/jobs/{id}": each {name} captures one path segment */
    route_handler handler;
    unsigned flags;
    const struct route_doc *doc;
    /* The row this route reads or writes as one object, for optimistic concurrency: opaque to
     * the transport, handed to the runner (the API's src/api/precondition.c reads it as the
     * model's table descriptor). NULL for routes that are not about one versioned object. */
    const void *object;
};

/* What calls a route's handler once the router's checks passed: r->handler(req), with whatever
 * the layer above wraps around it (If-Match). NULL = call the handler directly. */
typedef int (*route_runner)(struct request *req, const struct route *r);

/* Finds the route for req in routes (terminated by an entry whose method is NULL), checks its
 * flags (calling authenticate where they ask for a user), runs it and makes sure a response
 * exists. Paths outside /api/ that match no route fall to the embedded web page.
 * For a ROUTE_SLOW_* route whose checks pass, the handler is not run: req->deferred and
 * req->work_kind are set, no response exists, and the caller runs router_run_deferred on a
 * work-pool thread. run (may be NULL) calls a route's handler, here or deferred. */
void router_dispatch(struct request *req, const struct route *routes, route_handler authenticate,
                     route_runner run);
/* The largest body the route req names (method and path) takes: COPILOT_MAX_UPLOAD for a
 * ROUTE_UPLOAD route, COPILOT_MAX_BODY for the others, and the larger of the two when no route
 * takes the request (it answers 404 or 405 whatever its body). Known from the head, so the
 * server can refuse a body too large before reading it (server.c). */
size_t router_body_limit(struct request *req, const struct route *routes);
/* Gives back the export slot a ROUTE_EXPORT request held (req->export_slot), once its response
 * is done with. */
void router_export_done(struct request *req);
/* Runs the handler router_dispatch deferred and makes sure a response exists, as
 * router_dispatch does for the others. */
void router_run_deferred(struct request *req);

/* Pure matcher, exposed for unit tests: true when path fits pattern; captured segments go to
 * params (pointing into a copy in arena), their count to *nparams. */
bool router_match(const char *pattern, const char *path, struct arena *arena, const char **params,
                  int *nparams);

#endif
