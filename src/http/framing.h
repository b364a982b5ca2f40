/*
 * This file declares the message-framing check that runs on the raw header list of every
 * request before anything else reads it (SPEC part E, RFC 9112 sections 3.2 and 6): a request
 * whose body length could be read two ways, or whose head is malformed in a way that lets two
 * parsers disagree, is refused with 400 and its connection closed, so no leftover bytes can
 * ever be read as a second request. The check is pure (it sees the header lines as given, in
 * order) so that it can be unit-tested without a socket; src/http/server.c feeds it the list
 * libmicrohttpd parsed and answers the refusal.
 */
#ifndef COPILOT_HTTP_FRAMING_H
#define COPILOT_HTTP_FRAMING_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/err.h"

struct framing_header {
    const char *name;  /* as received */
    const char *value; /* leading and trailing blanks already removed */
};

/* Checks one request head: http11 says the request line named HTTP/1.1 (else 1.0).
 * Refused (ERR_BAD_REQUEST with a message in e) when:
 *   - a field name is not an RFC 9110 token (white space before the colon, a control byte);
 *   - there is more than one Content-Length, or one that is not a plain non-negative decimal
 *     integer (digits only: no sign, no blanks, no list);
 *   - there is more than one Transfer-Encoding line, or one whose value is not exactly
 *     "chunked" (case-insensitive), or Transfer-Encoding on an HTTP/1.0 request;
 *   - Content-Length and Transfer-Encoding are both present;
 *   - an HTTP/1.1 request has no Host, or more than one.
 * Returns 0 when the framing is sound. */
int framing_check(const struct framing_header *headers, size_t n, bool http11, struct err *e);

#endif
