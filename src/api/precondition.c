/* This file implements the API's route runner of precondition.h: If-Match on object routes, and
 * the refusal of fields sent to a route that takes none. */
#include "precondition.h"

#include <stdlib.h>
#include <string.h>

#include "../lib/log.h"
#include "../model/table.h"
#include "../store/store.h"
#include "auth.h"
#include "route_doc.h"

int api_parse_if_match(const char *value, int64_t *versions, int max)
{
    const char *p = value;
    while (*p == ' ' || *p == '\t')
        p++;
    if (p[0] == '*') {
        const char *q = p + 1;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q == '\0')
            return -1;
    }
    int n = 0;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '\0')
            break;
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        /* a strong tag of ours is "digits" with no leading zero; "0" is the version of an
         * object not stored yet (the preferences before their first save) */
        bool ours =
            len >= 3 && len <= 20 && p[0] == '"' && p[len - 1] == '"' && (p[1] != '0' || len == 3);
        for (size_t i = 1; ours && i + 1 < len; i++)
            ours = p[i] >= '0' && p[i] <= '9';
        if (ours && n < max)
            versions[n++] = strtoll(p + 1, NULL, 10);
        if (end == NULL)
            break;
        p = end + 1;
    }
    return n;
}

static bool is_write(const char *method)
{
    return strcmp(method, "PATCH") == 0 || strcmp(method, "PUT") == 0 ||
           strcmp(method, "DELETE") == 0;
}

/* SPEC part B: unknown fields in a request body are 422 naming the field. A POST, PUT or
 * PATCH route that takes no body (an action such as /start) knows no field, so a JSON object
 * with members names its first; no body, a blank one or {} is what such a route expects. */
static int no_fields(struct request *req, const struct route *r)
{
    if ((r->flags & (ROUTE_JSON | ROUTE_UPLOAD)) || r->doc == NULL || r->doc->body ||
        r->doc->upload || req->body.len == 0)
        return 0;
    if (strcmp(req->method, "POST") && strcmp(req->method, "PUT") && strcmp(req->method, "PATCH"))
        return 0;
    int rc = request_parse_json(req, true);
    if (rc || req->json == NULL)
        return rc;
    const char *first =
        json_is_object(req->json) ? json_object_iter_key(json_object_iter(req->json)) : NULL;
    if (first)
        return err_set(&req->err, ERR_INVALID, first, "unknown field: %s", first);
    if (!json_is_object(req->json))
        return err_set(&req->err, ERR_INVALID, NULL, "the body must be a JSON object");
    return 0;
}

/* The handler, with what api_run wraps around it. */
static int run_route(struct request *req, const struct route *r)
{
    int refused = no_fields(req, r);
    if (refused)
        return refused;
    const char *if_match = request_header(req, "If-Match");
    if (r->object == NULL || if_match == NULL || !is_write(req->method))
        return r->handler(req);
    int64_t versions[TABLE_EXPECT_MAX];
    int n = api_parse_if_match(if_match, versions, TABLE_EXPECT_MAX);
    if (n < 0) /* "*": any current version; the handler answers 404 when there is none */
        return r->handler(req);
    /* the object is the row the path's first parameter names, or the caller's own (/users/me,
     * and the rows a user has one of, keyed by owner) */
    int64_t id = req->nparams > 0 ? request_param_id(req, 0) : req->user_id;
    table_expect(r->object, id, versions, n);
    int rc = r->handler(req);
    bool used = table_expect_end();
    if (rc == 0 && !used) {
        /* a route that names an object must write it through the expectation: a bug, which the
         * API tests of every object route catch; in service it is logged and answered 500 (the
         * precondition could not be guaranteed), never a crash */
        log_error("%s %s: If-Match was not applied to the write", req->method, r->pattern);
        return err_set(&req->err, ERR_INTERNAL, NULL, "If-Match was not applied");
    }
    return rc;
}

int api_run(struct request *req, const struct route *r)
{
    int rc = run_route(req, r);
    if (req->db)
        store_read_scope_end(req->db); /* before the answer is sent (api_authenticate) */
    if (req->auth_pending && (rc = api_authenticate_confirm(req, rc)) == API_AUTH_AGAIN)
        rc = run_route(req, r);
    return rc;
}
