/*
 * This file declares struct request, the one object a request handler sees: what arrived
 * (method, path, path parameters, query, headers, body), who sent it (the authenticated user),
 * the per-request arena, the lazily acquired database connection, and the response being built.
 * It also carries what the transport was started with: the configuration and the store.
 * Everything allocated for a request comes from req->arena and is freed when the request
 * completes; handlers never free by hand.
 */
#ifndef COPILOT_HTTP_REQUEST_H
#define COPILOT_HTTP_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/err.h"
#include "../lib/netaddr.h"

struct MHD_Connection;
struct reply_stream;
struct config;
struct store;
struct store_conn;
struct route;

#define REQUEST_MAX_PARAMS 4
#define REQUEST_MAX_HEADERS 8

struct request {
    struct arena arena;
    const struct config *config; /* the server's, read-only (src/lib/config.h) */
    struct store *store;         /* the pool request_db borrows from */
    struct MHD_Connection *connection;
    const char *method;
    const char *path; /* without the query string */
    char id[40];      /* X-Request-Id */
    int64_t started_us;
    int64_t work_cpu_us; /* CPU its handler used, here and on the work pool (server.c's trim) */

    /* body, capped at the configured maximum */
    struct buf body;
    size_t body_limit; /* the route's (router_body_limit) once a body is announced, else 0 */
    bool body_too_large;
    /* the 413 went straight onto the socket (server.c refuse_too_large): the rest of the body
     * is read and dropped (discarded counts it), then the connection is closed */
    bool answered_early;
    size_t discarded;
    json_t *json; /* parsed body for JSON_BODY routes (owned; released at completion) */

    /* filled by the router */
    const char *params[REQUEST_MAX_PARAMS];
    int nparams;
    int64_t user_id; /* 0 = anonymous */
    bool is_admin;
    const char *token_digest; /* digest of the bearer token that authenticated the request */
    void *auth_pending; /* the authentication callback's state while the token is not confirmed
                           yet (ROUTE_READ_ONLY), for the runner; NULL once it is */

    struct store_conn *db; /* acquired by the router (request_open_db) or on first use by
                              request_db, released after the handler (request_close_db) */
    /* fault injection (COPILOT_FAULT_INJECTION): the fallible store calls left before the fault
     * X-Copilot-Fault asked for (0: none, or it fired), whether the header was read, whether
     * the fault fired */
    int fault_left;
    bool fault_read, fault_fired;
    const char *route_group; /* for the metrics: the matched route's group, "static", "none" */

    /* slow work (router.h ROUTE_SLOW_*): the handler to run on the work pool, its kind, and
     * whether it has run (the response is then ready to queue) */
    int (*deferred)(struct request *req);
    const struct route *route; /* the deferred handler's route, and what runs it (router.h) */
    int (*runner)(struct request *req, const struct route *r);
    int work_kind;
    bool work_done;
    bool export_slot; /* holds one of COPILOT_MAX_EXPORTS (ROUTE_EXPORT), freed at completion */

    /* response */
    int status;
    const char *content_type;
    const char *response;
    size_t response_len;
    char *response_owned; /* the response's bytes when the request frees them (malloc'ed) */
    /* the response's bytes when shared (http_reply_json_shared): release is called with
     * response_shared when the request ends */
    void (*response_release)(void *);
    void *response_shared;
    bool response_built;         /* the shared body was made by this request (server.c's trim) */
    struct reply_stream *stream; /* a body produced while it is sent (http_reply_stream) */
    const char *header_names[REQUEST_MAX_HEADERS];
    const char *header_values[REQUEST_MAX_HEADERS];
    int nheaders;

    struct err err; /* the error channel handlers fill and return */
};

/* Acquires the request's database connection, waiting at most the pool's timeout: 0, or
 * ERR_UNAVAILABLE with req->err filled (answer 503). The router calls it before every route
 * that is not ROUTE_NO_DB, so handlers find the connection there. With COPILOT_FAULT_INJECTION=1
 * and a header X-Copilot-Fault: N (1 to 100000), the connection is armed to fail the N-th
 * fallible call of the request (store_fault_arm), counted across the connections it takes. */
int request_open_db(struct request *req);
/* Gives the request's database connection back to the pool (nothing when it holds none).
 * With fault injection on, what is left of the request's fault goes back to the request first
 * (the next request_open_db arms it again), and a fault that fired sets req->fault_fired (the
 * answer then carries X-Copilot-Fault-Fired: 1, server.c). */
void request_close_db(struct request *req);
/* The end of the fault point for this request (a streamed body takes its connection: its
 * failures cannot change the head already sent): the countdown taken back from req->db and
 * disarmed, as request_close_db does, without releasing the connection. */
void request_fault_collect(struct request *req);
/* The database connection of this request: the one request_open_db took, else one acquired
 * now, waiting as long as it takes (only routes flagged ROUTE_NO_DB get here). */
struct store_conn *request_db(struct request *req);
/* Path parameter i (0-based, in pattern order) as text. */
const char *request_param(const struct request *req, int i);
/* Path parameter i as a positive id; 0 when it is not a positive integer (answer 404). */
int64_t request_param_id(const struct request *req, int i);
/* The query argument name, or NULL. */
const char *request_query(const struct request *req, const char *name);
/* The query argument name as a flag into *out: true or 1, false or 0; absent is false. Returns 0,
 * or ERR_INVALID naming name ("<name> must be true or false") for any other value. */
int request_query_bool(struct request *req, const char *name, bool *out);
/* The query argument name as one of values (NULL-terminated: the list the route's query table
 * gives the OpenAPI document as the argument's enum) into *out, the list's own string; fallback
 * when absent. Returns 0, or ERR_INVALID naming name ("<name> is not an allowed value", as a list
 * filter says, with values as the error's allowed) for any other value, empty included. */
int request_query_enum(struct request *req, const char *name, const char *const *values,
                       const char *fallback, const char **out);
/* The query argument name as a date YYYY-MM-DD (time_parse_date: a real day, years 1900 to
 * 9999, as every date of the API) into *text (the query's string) and *t (its midnight, UTC);
 * both untouched when it is absent and not required. Returns 0, or ERR_INVALID naming name:
 * "<name> is required (YYYY-MM-DD)" when required and absent or empty, "<name> must be a date
 * (YYYY-MM-DD)" for any other text, as a list filter on a date says. */
int request_query_date(struct request *req, const char *name, bool required, const char **text,
                       time_t *t);
/* A request header, or NULL. */
const char *request_header(const struct request *req, const char *name);
/* The cookie name of the Cookie header, or NULL. */
const char *request_cookie(const struct request *req, const char *name);
/* True when the client reached the server over https: COPILOT_PUBLIC_URL is an https address,
 * or the peer is one of COPILOT_TRUSTED_PROXIES and says so in X-Forwarded-Proto. */
bool request_https(struct request *req);
/* The User-Agent header as text fit to store (sessions, feedback): NULL when it is absent,
 * empty, longer than REQUEST_USER_AGENT_MAX bytes or not UTF-8 (headers may carry any byte). */
#define REQUEST_USER_AGENT_MAX 1024
const char *request_user_agent(const struct request *req);
/* The client: the peer, or, when the peer is one of COPILOT_TRUSTED_PROXIES, the rightmost
 * untrusted hop of X-Forwarded-For (src/lib/netaddr.h). family 0 when unknown. */
struct netaddr request_client(struct request *req);
/* request_client as text (for logs), in the arena; "unknown" when unknown. */
const char *request_client_address(struct request *req);
/* True when the Content-Type's media type is type (parameters such as charset ignored). */
bool request_content_type_is(const struct request *req, const char *type);

/* Parses the body as JSON into req->json (released with the request): ERR_UNSUPPORTED when the
 * Content-Type is not application/json, ERR_BAD_REQUEST when the JSON is malformed (duplicate
 * keys included). With optional, a body of nothing but JSON whitespace is no body: 0 with
 * req->json NULL. The router calls it for ROUTE_JSON routes; routes whose body is optional call
 * it themselves. */
int request_parse_json(struct request *req, bool optional);

/* Decodes the %XX escapes of s in place, as libmicrohttpd's own unescaper does, except %00,
 * which stays the three characters "%00": a NUL would cut the path or argument short, so that
 * /jobs/1%00/x would be read as /jobs/1. The server's unescape callback for paths and query
 * arguments (src/http/server.c). Returns the new length. */
size_t request_unescape(char *s);

/* Each visits every query argument, in order; stops early when fn returns non-zero and
 * returns that value. */
int request_each_query(const struct request *req,
                       int (*fn)(void *ctx, const char *key, const char *value), void *ctx);

#endif
