/*
 * This file implements the router: matching a request against a route table, the checks that
 * route flags ask for (body size, authentication through the caller's callback, admin, JSON
 * body), the call of the handler and the error response when it fails. Paths outside /api/
 * fall to the web page.
 */
#include "router.h"

#include <assert.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "../lib/config.h"
#include "../store/store.h"
#include "reply.h"
#include "static.h"

bool router_match(const char *pattern, const char *path, struct arena *arena, const char **params,
                  int *nparams)
{
    assert(pattern && path && arena && params && nparams);
    *nparams = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            assert(close != NULL); /* a pattern's braces are balanced */
            const char *end = strchr(s, '/');
            size_t len = end ? (size_t)(end - s) : strlen(s);
            if (len == 0 || *nparams == REQUEST_MAX_PARAMS)
                return false;
            params[(*nparams)++] = arena_strndup(arena, s, len);
            p = close + 1;
            s += len;
            continue;
        }
        if (*p != *s)
            return false;
        p++, s++;
    }
    return *p == '\0' && *s == '\0';
}

/* The metrics group of a route pattern: the first segment after "/api/v1/" ("jobs" for
 * "/api/v1/jobs/{id}"), or "ops" for a pattern outside the API. Written into out (size n). */
static const char *route_group(const char *pattern, char *out, size_t n)
{
    static const char api[] = "/api/v1/";
    assert(pattern && n > 0);
    if (strncmp(pattern, api, sizeof api - 1) != 0) {
        snprintf(out, n, "ops");
        return out;
    }
    const char *name = pattern + sizeof api - 1;
    size_t len = strcspn(name, "/");
    snprintf(out, n, "%.*s", (int)len, name);
    return out;
}

/* The largest body route r takes: COPILOT_MAX_UPLOAD for an upload, else COPILOT_MAX_BODY. */
static size_t body_cap(const struct config *config, const struct route *r)
{
    return (r->flags & ROUTE_UPLOAD) ? config->max_upload : config->max_body;
}

/* Streamed exports running in the process (ROUTE_EXPORT). */
static atomic_int exports_running;

static bool export_take(int max)
{
    int now = atomic_load(&exports_running);
    do {
        if (now >= (max > 0 ? max : 1))
            return false;
    } while (!atomic_compare_exchange_weak(&exports_running, &now, now + 1));
    return true;
}

void router_export_done(struct request *req)
{
    if (!req->export_slot)
        return;
    req->export_slot = false;
    atomic_fetch_sub(&exports_running, 1);
}

static int check_and_run(struct request *req, const struct route *r, route_handler authenticate,
                         route_runner run)
{
    char group[32];
    req->route_group = arena_strdup(&req->arena, route_group(r->pattern, group, sizeof group));
    size_t limit = body_cap(req->config, r);
    if (req->body_too_large || req->body.len > limit)
        return err_set(&req->err, ERR_TOO_LARGE, NULL, "request body exceeds %zu bytes", limit);
    if (!(r->flags & ROUTE_NO_DB)) {
        int rc = request_open_db(req);
        if (rc)
            return rc;
    }
    bool wants_user = (r->flags & ROUTE_AUTH) ||
                      ((r->flags & ROUTE_AUTH_OPTIONAL) && request_header(req, "Authorization"));
    if (wants_user) {
        req->route = r;
        int rc = authenticate(req);
        if (rc)
            return rc;
        assert(req->user_id > 0); /* a callback that says yes names the user */
    }
    if ((r->flags & ROUTE_ADMIN) == ROUTE_ADMIN && !req->is_admin)
        return err_set(&req->err, ERR_FORBIDDEN, NULL, "administrator rights required");
    if (r->flags & ROUTE_JSON) {
        int rc = request_parse_json(req, false);
        if (rc)
            return rc;
    }
    if (r->flags & ROUTE_EXPORT) {
        if (!export_take(req->config->max_exports)) {
            int rc = err_set(&req->err, ERR_RATE_LIMITED, NULL,
                             "too many exports are running already (at most %d at once); "
                             "retry in a few seconds",
                             req->config->max_exports);
            req->err.retry_after = 5;
            return rc;
        }
        req->export_slot = true;
    }
    if (r->flags & ROUTE_SLOW) {
        req->deferred = r->handler;
        req->route = r;
        req->runner = run;
        req->work_kind = (r->flags & ROUTE_SLOW_MODEL)    ? WORK_MODEL
                         : (r->flags & ROUTE_SLOW_REMOTE) ? WORK_REMOTE
                                                          : WORK_PARSE;
        return 0;
    }
    return run ? run(req, r) : r->handler(req);
}

/* True when the signed-in user of req no longer exists: their account was deleted (on this
 * server or another) after the request was authenticated. On PostgreSQL the row is read FOR KEY
 * SHARE, which waits for a deletion still running: a write that lost a deadlock to its account's
 * deletion learns the deletion's outcome (hostile_races.test.mjs saw 503 when the check read
 * the row before the deletion committed). */
static bool owner_gone(struct request *req)
{
    if (req->user_id <= 0 || req->db == NULL || store_in_transaction(req->db) ||
        strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)
        return false; /* reads refuse nothing for a missing owner */
    struct store_value p[] = {SV_INT(req->user_id)};
    bool found = true;
    struct err ignored = {0};
    const char *sql = *store_sql_for_update(req->db)
                          ? "SELECT 1 FROM users WHERE id = ? FOR KEY SHARE"
                          : "SELECT 1 FROM users WHERE id = ?";
    return store_exec_matched(req->db, sql, p, 1, &found, &ignored) == 0 && !found;
}

/* After a handler (or the checks) returned rc: the error response, or the check that a
 * response exists. A write refused because its owner is gone (the foreign key to users, its
 * row or the row it names deleted by the cascade, or the database failing it in a deadlock
 * with the deletion) is answered as its token now is, 401, not 422 with the constraint's text,
 * 404 or 503. */
static void finish(struct request *req, int rc)
{
    if ((rc == ERR_FOREIGN_KEY || rc == ERR_UNAVAILABLE || rc == ERR_NOT_FOUND) &&
        owner_gone(req)) {
        rc = err_replace(&req->err, ERR_UNAUTHORIZED, NULL,
                         "the account was deleted while the request ran");
    }
    if (rc == 0 && req->status == 0)
        rc = err_set(&req->err, ERR_INTERNAL, NULL, "handler wrote no response");
    if (rc)
        http_reply_error(req, rc, &req->err);
    assert(req->status >= 100 && req->status <= 599);
}

void router_run_deferred(struct request *req)
{
    assert(req->deferred != NULL && req->status == 0);
    /* the request thread gave its connection back before the work was queued */
    int rc = request_open_db(req);
    if (rc == 0)
        rc = req->runner ? req->runner(req, req->route) : req->deferred(req);
    finish(req, rc);
}

/* Appends method to the ", "-separated list in b (size n) unless it is there already. */
static void add_method(char *b, size_t n, const char *method)
{
    size_t len = strlen(method);
    for (const char *p = b; (p = strstr(p, method)) != NULL; p += len)
        if ((p == b || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
            return;
    size_t used = strlen(b);
    snprintf(b + used, n - used, "%s%s", used ? ", " : "", method);
}

/* The methods the routes answer on req->path (HEAD with GET; OPTIONS when CORS is on), as the
 * value of Allow; NULL when no route has this path. */
static const char *allowed_methods(struct request *req, const struct route *routes)
{
    char list[128] = "";
    const char *params[REQUEST_MAX_PARAMS];
    int nparams, fewest = REQUEST_MAX_PARAMS + 1;
    for (const struct route *r = routes; r->method; r++)
        if (router_match(r->pattern, req->path, &req->arena, params, &nparams) && nparams < fewest)
            fewest = nparams;
    for (const struct route *r = routes; r->method; r++) {
        /* only the path's own routes: /applications/board is not /applications/{id} */
        if (!router_match(r->pattern, req->path, &req->arena, params, &nparams) || nparams > fewest)
            continue;
        add_method(list, sizeof list, r->method);
        if (strcmp(r->method, "GET") == 0)
            add_method(list, sizeof list, "HEAD");
    }
    if (list[0] == '\0')
        return NULL;
    if (req->config->cors_origin)
        add_method(list, sizeof list, "OPTIONS");
    return arena_strdup(&req->arena, list);
}

/* The answer to a method no route of the path takes: a CORS preflight (OPTIONS while CORS is
 * configured) gets 204 with what may be sent; anything else 405. Both carry the methods. */
static int method_not_routed(struct request *req, const char *allow)
{
    if (strcmp(req->method, "OPTIONS") == 0 && req->config->cors_origin) {
        http_add_header(req, "Access-Control-Allow-Methods", allow);
        http_add_header(req, "Access-Control-Allow-Headers",
                        "Authorization, Content-Type, If-Match, X-Request-Id");
        http_add_header(req, "Access-Control-Max-Age", "600");
        http_add_header(req, "Allow", allow);
        return http_reply_empty(req, 204);
    }
    http_add_header(req, "Allow", allow);
    return err_set(&req->err, ERR_METHOD, NULL, "method %s not allowed here (allowed: %s)",
                   req->method, allow);
}

/* req->path as the routes see it: one trailing slash on an API path is the path without it
 * (/api/v1/jobs/ is /api/v1/jobs): no route ends in one, and a client that adds it means the
 * same resource. */
static void normalise_path(struct request *req)
{
    size_t len = strlen(req->path);
    if (len > 5 && req->path[len - 1] == '/' && req->path[len - 2] != '/' &&
        strncmp(req->path, "/api/", 5) == 0)
        req->path = arena_strndup(&req->arena, req->path, len - 1);
}

/* The route of req's method and path (HEAD takes GET's), its path parameters in params. A
 * segment a pattern spells out is that route's path, not a value of another pattern's
 * parameter: DELETE /applications/board is no DELETE /applications/{id} of an application
 * "board" but a method the board does not take (405 with its Allow). The table lists such
 * literal routes before the parametric ones of the same prefix, so a route that needs more
 * parameters than a route already matched on the path is skipped (allowed_methods applies the
 * same rule to the whole table). */
static const struct route *find_route(struct request *req, const struct route *routes,
                                      const char **params, int *nparams)
{
    int fewest = REQUEST_MAX_PARAMS + 1;
    for (const struct route *r = routes; r->method; r++) {
        assert(r->handler && r->pattern[0] == '/');
        if (!router_match(r->pattern, req->path, &req->arena, params, nparams))
            continue;
        if (*nparams > fewest)
            continue;
        fewest = *nparams;
        if (strcmp(r->method, req->method) == 0 ||
            (strcmp(r->method, "GET") == 0 && strcmp(req->method, "HEAD") == 0))
            return r;
    }
    return NULL;
}

size_t router_body_limit(struct request *req, const struct route *routes)
{
    const struct config *config = req->config;
    normalise_path(req);
    const char *params[REQUEST_MAX_PARAMS];
    int nparams;
    const struct route *r = find_route(req, routes, params, &nparams);
    if (r == NULL)
        return config->max_body > config->max_upload ? config->max_body : config->max_upload;
    return body_cap(config, r);
}

void router_dispatch(struct request *req, const struct route *routes, route_handler authenticate,
                     route_runner run)
{
    assert(routes && authenticate);
    normalise_path(req);
    const struct route *found = find_route(req, routes, req->params, &req->nparams);
    const char *allow = found ? NULL : allowed_methods(req, routes);
    int rc;
    req->route_group = "none"; /* no route: a 404 or 405 */
    if (found) {
        rc = check_and_run(req, found, authenticate, run);
    } else if (allow) {
        rc = method_not_routed(req, allow);
    } else if (strncmp(req->path, "/api/", 5) != 0 && http_static_serve(req) == 0) {
        req->route_group = "static";
        rc = 0;
    } else {
        rc = err_set(&req->err, ERR_NOT_FOUND, NULL, "no such path: %s", req->path);
    }
    if (rc == 0 && req->deferred)
        return; /* the caller runs it off the request thread */
    req->deferred = NULL;
    finish(req, rc);
}
