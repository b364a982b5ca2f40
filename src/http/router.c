/*
 * This file implements the router: matching a request against a route table, the checks that
 * route flags ask for (body size, authentication through the caller's callback, admin, JSON
 * body), the call of the handler and the error response when it fails. Paths outside /api/
 * fall to the web page.
 */
#include "router.h"

#include <assert.h>
#include <string.h>

#include "../lib/config.h"
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

static int check_and_run(struct request *req, const struct route *r, route_handler authenticate)
{
    size_t limit = (r->flags & ROUTE_UPLOAD) ? req->config->max_upload : req->config->max_body;
    if (req->body_too_large || req->body.len > limit)
        return err_set(&req->err, ERR_TOO_LARGE, NULL, "request body exceeds %zu bytes", limit);
    bool wants_user = (r->flags & ROUTE_AUTH) ||
                      ((r->flags & ROUTE_AUTH_OPTIONAL) && request_header(req, "Authorization"));
    if (wants_user) {
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
    return r->handler(req);
}

void router_dispatch(struct request *req, const struct route *routes, route_handler authenticate)
{
    assert(routes && authenticate);
    const struct route *found = NULL;
    bool path_known = false;
    for (const struct route *r = routes; r->method; r++) {
        assert(r->handler && r->pattern[0] == '/');
        if (!router_match(r->pattern, req->path, &req->arena, req->params, &req->nparams))
            continue;
        path_known = true;
        if (strcmp(r->method, req->method) == 0 ||
            (strcmp(r->method, "GET") == 0 && strcmp(req->method, "HEAD") == 0)) {
            found = r;
            break;
        }
    }
    int rc;
    if (found)
        rc = check_and_run(req, found, authenticate);
    else if (path_known)
        rc = err_set(&req->err, ERR_METHOD, NULL, "method %s not allowed here", req->method);
    else if (strncmp(req->path, "/api/", 5) != 0 && http_static_serve(req) == 0)
        rc = 0;
    else
        rc = err_set(&req->err, ERR_NOT_FOUND, NULL, "no such path: %s", req->path);
    if (rc == 0 && req->status == 0)
        rc = err_set(&req->err, ERR_INTERNAL, NULL, "handler wrote no response");
    if (rc)
        http_reply_error(req, rc, &req->err);
    assert(req->status >= 100 && req->status <= 599);
}
