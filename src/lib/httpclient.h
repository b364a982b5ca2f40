/*
 * This file declares the outgoing HTTP client (libcurl): the few calls the server makes to
 * other services (OAuth token and userinfo endpoints), each with a timeout and a size cap.
 */
#ifndef COPILOT_LIB_HTTPCLIENT_H
#define COPILOT_LIB_HTTPCLIENT_H

#include <stddef.h>

#include "buf.h"

/* Initialises libcurl once per process (call before threads start). */
void httpclient_init(void);

/* POSTs body (already application/x-www-form-urlencoded) to url, or GETs url when body is
 * NULL, with "Authorization: Bearer <bearer>" when bearer is not NULL and Accept: JSON.
 * The response body goes to out (capped at 1 MiB). Returns the HTTP status, or -1 when the
 * request failed (unreachable, timeout of 10 s, too large). */
int httpclient_request(const char *url, const char *body, const char *bearer, struct buf *out);

/* URL-encodes s (RFC 3986 unreserved characters kept) and appends it to out. */
void httpclient_escape(struct buf *out, const char *s);

/* POSTs json (a JSON document) to url with Content-Type: application/json, Accept: JSON and
 * "Authorization: Bearer <bearer>" when bearer is not NULL, giving up after timeout_seconds.
 * The response body goes to out (capped at 1 MiB). Returns the HTTP status, or -1 when the
 * request failed (unreachable, timed out, too large). (The language model client uses it.) */
int httpclient_post_json(const char *url, const char *json, const char *bearer,
                         long timeout_seconds, struct buf *out);

#endif
