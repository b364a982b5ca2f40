/* This file implements the response writers of reply.h, including the one error mapper. */
#include "reply.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"
#include "../lib/json.h"
#include "../lib/log.h"
#include "../lib/xalloc.h"
#include "../store/store.h"

/* ETag: "<version>" on a success (the value If-Match sends back) */
static void add_etag(struct request *req, int status, const char *version)
{
    if (status < 300 && version)
        http_add_header(req, "ETag", arena_printf(&req->arena, "\"%s\"", version));
}

int http_reply_json(struct request *req, int status, json_t *body)
{
    json_t *version = json_is_object(body) ? json_object_get(body, "row_version") : NULL;
    if (json_is_integer(version))
        add_etag(req, status,
                 arena_printf(&req->arena, "%lld", (long long)json_integer_value(version)));
    /* the bytes json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(15)) gives, written in
     * runs rather than character by character (lib/json.h) */
    struct buf text;
    buf_init(&text);
    json_write_compact(&text, body, 15);
    json_decref(body);
    size_t len = text.len;
    char *copy = arena_strndup(&req->arena, text.data, len);
    buf_free(&text);
    return http_reply_bytes(req, status, HTTP_JSON_TYPE, copy, len);
}

int http_reply_json_buf(struct request *req, int status, struct buf *b)
{
    size_t len = b->len;
    free(req->response_owned); /* a reply replaced (an error after a first answer) */
    req->response_owned = buf_steal(b);
    return http_reply_bytes(req, status, HTTP_JSON_TYPE, req->response_owned, len);
}

/* Lets go of a shared body the request held (a reply replaced, or the request's end). */
static void release_shared(struct request *req)
{
    if (req->response_release)
        req->response_release(req->response_shared);
    req->response_release = NULL;
    req->response_shared = NULL;
    req->response_built = false;
}

int http_reply_json_shared(struct request *req, int status, const char *data, size_t len,
                           void (*release)(void *), void *shared, bool built)
{
    release_shared(req);
    req->response_release = release;
    req->response_shared = shared;
    req->response_built = built;
    return http_reply_bytes(req, status, HTTP_JSON_TYPE, data, len);
}

int http_reply_row_text(struct request *req, int status, const char *text, size_t len,
                        const char *version)
{
    add_etag(req, status, version);
    return http_reply_bytes(req, status, HTTP_JSON_TYPE, arena_strndup(&req->arena, text, len),
                            len);
}

int http_reply_row_shared(struct request *req, int status, const char *text, size_t len,
                          const char *version, void (*release)(void *), void *shared, bool built)
{
    add_etag(req, status, version);
    return http_reply_json_shared(req, status, text, len, release, shared, built);
}

/* A 201 with body and the Location made from fmt and ap. */
static int reply_created(struct request *req, json_t *body, const char *fmt, va_list ap)
{
    http_add_header(req, "Location", arena_vprintf(&req->arena, fmt, ap));
    return http_reply_json(req, 201, body);
}

int http_reply_created(struct request *req, json_t *body, const char *location_fmt, ...)
{
    va_list ap;
    va_start(ap, location_fmt);
    int rc = reply_created(req, body, location_fmt, ap);
    va_end(ap);
    return rc;
}

int http_reply_saved(struct request *req, bool created, json_t *body, const char *location_fmt, ...)
{
    if (!created)
        return http_reply_json(req, 200, body);
    va_list ap;
    va_start(ap, location_fmt);
    int rc = reply_created(req, body, location_fmt, ap);
    va_end(ap);
    return rc;
}

int http_reply_created_at(struct request *req, json_t *body, const char *collection)
{
    assert(json_is_integer(json_object_get(body, "id")));
    return http_reply_created(req, body, "%s/%lld", collection,
                              (long long)json_get_int(body, "id"));
}

int http_reply_stream(struct request *req, int status, const char *content_type,
                      http_stream_next next, http_stream_close close, void *ctx)
{
    assert(req->stream == NULL && next && close);
    request_fault_collect(req); /* the body's calls come after the head: not faulted */
    struct reply_stream *s = xcalloc(1, sizeof *s);
    *s = (struct reply_stream){.next = next,
                               .close = close,
                               .ctx = ctx,
                               .store = req->store,
                               .db = req->db,
                               .sent_total = &req->response_len};
    snprintf(s->request_id, sizeof s->request_id, "%s", req->id);
    buf_init(&s->pending);
    req->db = NULL; /* the stream's now */
    req->stream = s;
    return http_reply_bytes(req, status, content_type, "", 0);
}

ssize_t http_stream_read(struct reply_stream *s, char *out, size_t max)
{
    while (s->sent == s->pending.len) {
        if (s->done)
            return HTTP_STREAM_END;
        buf_reset(&s->pending);
        s->sent = 0;
        struct err e = {0};
        int rc = s->next(s->ctx, &s->pending, &e);
        if (rc < 0) {
            log_error("request %s: the streamed body failed: %s", s->request_id, e.message);
            return HTTP_STREAM_FAILED;
        }
        if (rc == 0)
            s->done = true;
    }
    size_t n = s->pending.len - s->sent < max ? s->pending.len - s->sent : max;
    memcpy(out, s->pending.data + s->sent, n);
    s->sent += n;
    *s->sent_total += n;
    return (ssize_t)n;
}

void http_stream_free(struct reply_stream *s)
{
    if (s == NULL)
        return;
    s->close(s->ctx);
    if (s->db)
        store_release(s->store, s->db);
    buf_free(&s->pending);
    free(s);
}

int http_reply_empty(struct request *req, int status)
{
    return http_reply_bytes(req, status, NULL, "", 0);
}

int http_reply_bytes(struct request *req, int status, const char *content_type, const char *data,
                     size_t len)
{
    req->status = status;
    req->content_type = content_type;
    req->response = data;
    req->response_len = len;
    return 0;
}

void http_add_header(struct request *req, const char *name, const char *value)
{
    if (req->nheaders == REQUEST_MAX_HEADERS)
        return;
    req->header_names[req->nheaders] = name;
    req->header_values[req->nheaders++] = value;
}

int http_status_for(int code)
{
    switch (code) {
    case ERR_INVALID:
    case ERR_CHECK:
    case ERR_FOREIGN_KEY:
        return 422;
    case ERR_BAD_REQUEST:
        return 400;
    case ERR_NOT_FOUND:
        return 404;
    case ERR_CONFLICT:
        return 409;
    case ERR_UNAUTHORIZED:
        return 401;
    case ERR_FORBIDDEN:
        return 403;
    case ERR_TOO_LARGE:
        return 413;
    case ERR_UNSUPPORTED:
        return 415;
    case ERR_RATE_LIMITED:
        return 429;
    case ERR_METHOD:
        return 405;
    case ERR_PRECONDITION:
        return 412;
    case ERR_DB:
    case ERR_BUSY:
    case ERR_UNAVAILABLE:
        return 503;
    default:
        return 500;
    }
}

static const char *default_message(int code)
{
    switch (code) {
    case ERR_NOT_FOUND:
        return "not found";
    case ERR_UNAUTHORIZED:
        return "authentication required";
    case ERR_FORBIDDEN:
        return "forbidden";
    case ERR_CONFLICT:
        return "already exists";
    case ERR_TOO_LARGE:
        return "request body too large";
    case ERR_UNSUPPORTED:
        return "unsupported media type";
    case ERR_RATE_LIMITED:
        return "too many requests";
    case ERR_METHOD:
        return "method not allowed";
    case ERR_BUSY:
        return "the server is busy; retry later";
    case ERR_PRECONDITION:
        return "the object was changed since you read it";
    default:
        return "internal error";
    }
}

void http_reply_error(struct request *req, int code, const struct err *e)
{
    int status = http_status_for(code);
    json_t *error = json_object();
    json_object_set_new(error, "code", json_string(err_code_name(code)));
    const char *message = e && e->message[0] ? e->message : default_message(code);
    /* database and internal details stay in the log, never in the answer */
    if (status >= 500 && code != ERR_BUSY) {
        log_error("request %s failed: %s", req->id, message);
        message = status == 503 ? "database unavailable" : "internal error";
    }
    /* a message may quote what a client sent, or be cut inside a character: always text */
    char *text = utf8_repair(message, strlen(message));
    json_object_set_new(error, "message", json_string(text));
    free(text);
    if (e && e->field[0]) {
        text = utf8_repair(e->field, strlen(e->field));
        json_object_set_new(error, "field", json_string(text));
        free(text);
    }
    if (e && e->existing_id)
        json_object_set_new(error, "existing_id", json_integer(e->existing_id));
    if (e && e->reason[0])
        json_object_set_new(error, "reason", json_string(e->reason));
    if (e && e->nallowed) {
        json_t *allowed = json_array();
        for (int i = 0; i < e->nallowed; i++)
            json_array_append_new(allowed, json_string(e->allowed[i]));
        json_object_set_new(error, "allowed", allowed);
    }
    if (code == ERR_RATE_LIMITED || code == ERR_BUSY)
        http_add_header(req, "Retry-After",
                        arena_printf(&req->arena, "%d",
                                     e && e->retry_after ? e->retry_after
                                     : code == ERR_BUSY  ? 5
                                                         : 60));
    /* RFC 9110 section 11.6.1: a 401 names the scheme that would be accepted */
    if (code == ERR_UNAUTHORIZED)
        http_add_header(req, "WWW-Authenticate", "Bearer");
    /* a failover or a restart of the database takes seconds: come back soon */
    if (code == ERR_UNAVAILABLE)
        http_add_header(req, "Retry-After",
                        arena_printf(&req->arena, "%d", e && e->retry_after ? e->retry_after : 1));
    http_reply_json(req, status, json_pack("{s:o}", "error", error));
}

void http_reply_reset(struct request *req)
{
    if (req->stream) {
        req->db = req->stream->db; /* the connection goes back to the request */
        req->stream->db = NULL;
        http_stream_free(req->stream);
        req->stream = NULL;
    }
    req->status = 0;
    req->content_type = NULL;
    req->response = NULL;
    req->response_len = 0;
    free(req->response_owned);
    req->response_owned = NULL;
    release_shared(req);
    req->nheaders = 0;
    req->err = (struct err){0};
}
