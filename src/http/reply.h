/*
 * This file declares the response writers. Handlers build their response through these and
 * nothing else; http_reply_error is the ONE place that maps an ERR_* code to an HTTP status
 * and the SPEC's error body {"error": {"code", "message", "field"?, ...}}.
 */
#ifndef COPILOT_HTTP_REPLY_H
#define COPILOT_HTTP_REPLY_H

#include <jansson.h>
#include <stddef.h>

#include "request.h"

/* Serialises body (reference stolen) as the JSON response with status. A successful object
 * with an integer member row_version (the row's version, src/model/table.h) also gets
 * ETag: "<row_version>", the value If-Match sends back. Returns 0. */
int http_reply_json(struct request *req, int status, json_t *body);
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
/* Adds a response header (both strings must live as long as the request). */
void http_add_header(struct request *req, const char *name, const char *value);
/* Writes the error response for code (negative ERR_*) and the details in e. */
void http_reply_error(struct request *req, int code, const struct err *e);
/* The HTTP status an ERR_* code maps to. */
int http_status_for(int code);

#endif
