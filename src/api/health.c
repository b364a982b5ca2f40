/*
 * This file implements the operational routes: liveness (/healthz: the process answers),
 * readiness (/readyz: a pooled connection reaches a database that accepts writes) and
 * Prometheus metrics (/metrics, for loopback clients or with COPILOT_METRICS_TOKEN).
 */
#include "health.h"

#include <string.h>

#include "../http/metrics.h"
#include "../http/reply.h"
#include "../lib/config.h"
#include "../lib/crypto.h"
#include "../store/store.h"

static const char *const health_statuses[] = {"ok", NULL};
static const struct field health_fields[] = {
    {"status", FT_TEXT, F_NOTNULL, health_statuses},
    {NULL},
};
const struct table api_health_reply = {NULL, health_fields, false, "Health"};

static const char *const ready_statuses[] = {"ok", "unavailable", NULL};
static const char *const ready_databases[] = {"sqlite", "postgresql", NULL};
/* why a 503: no connection could be reached, the server reached only reads (a standby during a
 * failover), or every pooled connection stayed busy (details are not given out: the route is
 * public) */
static const char *const ready_reasons[] = {"unreachable", "read_only", "busy", NULL};
static const struct field ready_fields[] = {
    {"status", FT_TEXT, F_NOTNULL, ready_statuses},
    {"database", FT_TEXT, F_NOTNULL, ready_databases},
    {"reason", FT_TEXT, F_OPTIONAL | F_NOTNULL, ready_reasons},
    {NULL},
};
const struct table api_ready_reply = {NULL, ready_fields, false, "Readiness"};

int api_healthz(struct request *req)
{
    return http_reply_json(req, 200, json_pack("{s:s}", "status", "ok"));
}

/* 503 while the pool has no connection to spare, the database cannot be reached, or it only
 * reads (a PostgreSQL standby during a failover): a load balancer then sends nothing here. */
int api_readyz(struct request *req)
{
    const char *engine = store_engine(req->store) == STORE_SQLITE ? "sqlite" : "postgresql";
    struct err e = {0};
    const char *reason = NULL;
    if (request_open_db(req) != 0)
        reason = "busy";
    else if (store_ping(req->db, &e) != 0)
        reason = strstr(e.message, "read-only") ? "read_only" : "unreachable";
    if (reason) {
        http_add_header(req, "Retry-After", "1");
        return http_reply_json(req, 503,
                               json_pack("{s:s, s:s, s:s}", "status", "unavailable", "database",
                                         engine, "reason", reason));
    }
    return http_reply_json(req, 200, json_pack("{s:s, s:s}", "status", "ok", "database", engine));
}

/* True for a client on this machine that did not come through a proxy (a proxy on loopback,
 * such as nginx, adds X-Forwarded-For or X-Real-IP for the real client). */
static bool local_client(struct request *req)
{
    if (request_header(req, "X-Forwarded-For") || request_header(req, "X-Real-IP") ||
        request_header(req, "Forwarded"))
        return false;
    const char *address = request_client_address(req);
    return strncmp(address, "127.", 4) == 0 || strcmp(address, "::1") == 0 ||
           strncmp(address, "::ffff:127.", 11) == 0;
}

/* True when the request carries "Authorization: Bearer <COPILOT_METRICS_TOKEN>". */
static bool has_metrics_token(struct request *req)
{
    const char *token = req->config->metrics_token;
    const char *auth = request_header(req, "Authorization");
    if (token == NULL || auth == NULL || strncmp(auth, "Bearer ", 7) != 0)
        return false;
    return crypto_equal_text(auth + 7, token);
}

int api_metrics(struct request *req)
{
    if (!local_client(req) && !has_metrics_token(req))
        return err_set(&req->err, ERR_FORBIDDEN, NULL,
                       "metrics are served to this machine or with COPILOT_METRICS_TOKEN");
    struct buf out;
    buf_init(&out);
    metrics_render(&out, req->store);
    char *text = arena_strndup(&req->arena, out.data, out.len);
    size_t len = out.len;
    buf_free(&out);
    return http_reply_bytes(req, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
}
