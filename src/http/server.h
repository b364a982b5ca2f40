/*
 * This file declares the HTTP server: libmicrohttpd in thread-pool + poll mode, started with
 * what the transport needs to know and nothing more: the configuration (host, port, body
 * limits, CORS), the store each request may borrow a connection from, the route table and the
 * authentication callback the router calls for routes that ask for a user. The routes and the
 * callback come from the layer above (src/api/routes.c, api_authenticate); the server never
 * names a handler.
 */
#ifndef COPILOT_HTTP_SERVER_H
#define COPILOT_HTTP_SERVER_H

#include "router.h"

struct config;
struct store;

/* The Content-Security-Policy of the page (every HTML response carries it): its own script,
 * style, images and API only; no inline script or style, no plugins, no framing. The browser
 * tests run the page under it, so a violation fails them. */
#define HTTP_PAGE_CSP                                                                              \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "        \
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "                 \
    "frame-ancestors 'none'"

/* With CORS configured (COPILOT_CORS_ORIGIN), the response headers a page on that origin may
 * read besides the CORS-safelisted ones: the ETag it sends back in If-Match (SPEC part E), the
 * Location of a 201, Retry-After of a 429/503, WWW-Authenticate of a 401, the request id, an
 * export's file name. */
#define HTTP_CORS_EXPOSE                                                                           \
    "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id, Content-Disposition"

struct http_service {
    const struct config *config;   /* read-only while the server runs */
    struct store *store;           /* thread-safe pool */
    const struct route *routes;    /* terminated by an entry whose method is NULL */
    route_handler on_authenticate; /* for ROUTE_AUTH and ROUTE_AUTH_OPTIONAL routes */
    route_runner run;              /* calls a route's handler (NULL: directly) */
};

struct http_server;

/* Starts serving on service->config's host/port (service is copied; what it points to must
 * outlive the server). Returns NULL and logs why on failure. */
struct http_server *http_server_start(const struct http_service *service);
/* Stops accepting, lets in-flight requests finish, and frees the server. */
void http_server_stop(struct http_server *server);
/* The port actually bound (useful with port 0). */
int http_server_port(const struct http_server *server);

#endif
