/*
 * This file declares the response writers. Handlers build their response through these and
 * nothing else; http_reply_error is the ONE place that maps an ERR_* code to an HTTP status
 * and the SPEC's error body {"error": {"code", "message", "field"?, ...}}.
 */
#ifndef COPILOT_HTTP_REPLY_H
#define COPILOT_HTTP_REPLY_H

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

#include "request.h"

/* The producer of a streamed body: appends the next part to out (some tens of KiB) and
 * returns 1, 0 when the body is complete (out may hold its last part), or a negative ERR_*
 * with e filled when it failed. */
typedef int (*http_stream_next)(void *ctx, struct buf *out, struct err *e);
/* Frees what ctx holds; called once, when the response is done with (sent, failed or the
 * client gone). */
typedef void (*http_stream_close)(void *ctx);

/* A streamed body being sent (http_reply_stream); the server reads it through
 * http_stream_read and frees it with http_stream_free. */
struct reply_stream {
    http_stream_next next;
    http_stream_close close;
    void *ctx;
    struct store *store;
    struct store_conn *db; /* the request's connection, released when the stream ends */
    struct buf pending;    /* the part being sent */
    size_t sent;           /* bytes of pending already handed out */
    size_t *sent_total;    /* the request's response_len, counting what went out (for the
                              access log); only touched while libmicrohttpd reads the body,
                              which ends before the request completes */
    bool done;
    char request_id[40];
};

/* The Content-Type of every JSON response. */
#define HTTP_JSON_TYPE "application/json; charset=utf-8"

/* Serialises body (reference stolen) as the JSON response with status. A successful object
 * with an integer member row_version (the row's version, src/model/table.h) also gets
 * ETag: "<row_version>", the value If-Match sends back. Returns 0. */
int http_reply_json(struct request *req, int status, json_t *body);
/* A JSON response whose text is already written in b (compact, as http_reply_json would have
 * written it), handed over without a copy (the request frees it when it ends; b is left
 * empty): for the large answers (the board, the calendar). Returns 0. */
int http_reply_json_buf(struct request *req, int status, struct buf *b);
/* A JSON response whose text is shared with others (a cache's answer, src/model/answer_cache.h):
 * data (len bytes) must stay as it is until release(shared) is called, once, when the request
 * ends (or its reply is replaced). built: this request made the text (a cache's miss), so it
 * counts as the request's own answer for the server's trim after a large one (server.c); false
 * for text made by an earlier request. Returns 0. */
int http_reply_json_shared(struct request *req, int status, const char *data, size_t len,
                           void (*release)(void *), void *shared, bool built);
/* A JSON response whose text (len bytes, a row's object written by the caller; copied) is
 * already written, with the ETag http_reply_json gives the object: version is its
 * row_version's text ("%lld"), or NULL for none. Returns 0. */
int http_reply_row_text(struct request *req, int status, const char *text, size_t len,
                        const char *version);
/* http_reply_row_text with text shared as http_reply_json_shared shares it (not copied). */
int http_reply_row_shared(struct request *req, int status, const char *text, size_t len,
                          const char *version, void (*release)(void *), void *shared, bool built);
/* A 201 with body (reference stolen) and a Location header of printf-style path. */
int http_reply_created(struct request *req, json_t *body, const char *location_fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A 201 with body (reference stolen), a JSON object with an integer "id", and the Location
 * "<collection>/<id>": the reply of every POST that creates a row. */
int http_reply_created_at(struct request *req, json_t *body, const char *collection);
/* The reply of a PUT-like route that creates or replaces one row: 201 with the Location of
 * printf-style path when created, else 200; body reference stolen. */
int http_reply_saved(struct request *req, bool created, json_t *body, const char *location_fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* An empty response (204 and the like). */
int http_reply_empty(struct request *req, int status);
/* A response of len bytes from data (must live in req->arena or be static). */
int http_reply_bytes(struct request *req, int status, const char *content_type, const char *data,
                     size_t len);
/* A response whose body is produced while it goes out (chunked on HTTP/1.1), a part at a time,
 * so its size never sits in memory: libmicrohttpd asks for the next part when the socket can
 * take it. The stream takes over the request's database connection (req->db) until it ends,
 * since ctx reads through it; ctx must not live in req->arena (the request may end first).
 * When next fails mid-body the connection is closed, so the client sees a truncated transfer,
 * never a body that looks complete. Returns 0. */
int http_reply_stream(struct request *req, int status, const char *content_type,
                      http_stream_next next, http_stream_close close, void *ctx);

/* What http_stream_read returns besides a byte count. */
#define HTTP_STREAM_END (-1)
#define HTTP_STREAM_FAILED (-2)
/* Copies up to max bytes of the body into out, producing the next part when the last one is
 * out: the count (> 0), HTTP_STREAM_END or HTTP_STREAM_FAILED (logged). */
ssize_t http_stream_read(struct reply_stream *s, char *out, size_t max);
/* Closes the producer, gives the database connection back and frees s (NULL is fine). */
void http_stream_free(struct reply_stream *s);

/* Adds a response header (both strings must live as long as the request). */
void http_add_header(struct request *req, const char *name, const char *value);
/* Writes the error response for code (negative ERR_*) and the details in e. */
void http_reply_error(struct request *req, int code, const struct err *e);
/* Forgets the response a handler built (status, body, headers, error; a stream is closed and
 * its database connection returned to the request), as if it had not run. */
void http_reply_reset(struct request *req);
/* The HTTP status an ERR_* code maps to. */
int http_status_for(int code);

#endif
