/*
 * This file implements the operational routes: liveness (/healthz: the process answers),
 * readiness (/readyz: the database answers a round trip) and Prometheus metrics (/metrics).
 */
#include "health.h"

#include "../http/metrics.h"
#include "../http/reply.h"
#include "../store/store.h"

static const char *const health_statuses[] = {"ok", NULL};
static const struct field health_fields[] = {
    {"status", FT_TEXT, F_NOTNULL, health_statuses},
    {NULL},
};
const struct table api_health_reply = {NULL, health_fields, false, "Health"};

static const char *const ready_statuses[] = {"ok", "unavailable", NULL};
static const char *const ready_databases[] = {"sqlite", "postgresql", "unreachable", NULL};
static const struct field ready_fields[] = {
    {"status", FT_TEXT, F_NOTNULL, ready_statuses},
    {"database", FT_TEXT, F_NOTNULL, ready_databases},
    {NULL},
};
const struct table api_ready_reply = {NULL, ready_fields, false, "Readiness"};

int api_healthz(struct request *req)
{
    return http_reply_json(req, 200, json_pack("{s:s}", "status", "ok"));
}

int api_readyz(struct request *req)
{
    struct err e = {0};
    if (store_ping(request_db(req), &e) != 0)
        return http_reply_json(
            req, 503, json_pack("{s:s, s:s}", "status", "unavailable", "database", "unreachable"));
    const char *engine = store_engine(req->store) == STORE_SQLITE ? "sqlite" : "postgresql";
    return http_reply_json(req, 200, json_pack("{s:s, s:s}", "status", "ok", "database", engine));
}

int api_metrics(struct request *req)
{
    struct buf out;
    buf_init(&out);
    metrics_render(&out);
    char *text = arena_strndup(&req->arena, out.data, out.len);
    size_t len = out.len;
    buf_free(&out);
    return http_reply_bytes(req, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
}
