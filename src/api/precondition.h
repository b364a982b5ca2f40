/*
 * This file declares the runner the router calls every handler through (struct
 * http_service.run): optimistic concurrency for the routes that name an object (route.object,
 * a model table descriptor with row_version). A PATCH, PUT or DELETE with If-Match arms the
 * model's expectation (table_expect, src/model/table.h) for the row the path names, runs the
 * handler, and disarms it; the model's write carries the condition, so the check and the write
 * are one atomic statement and a stale If-Match answers 412 precondition_failed. Without
 * If-Match the last write wins. The ETag of a read is the reply layer's (src/http/reply.c).
 * A POST, PUT or PATCH route that takes no body refuses a JSON object with members (422
 * naming the first: SPEC's unknown fields).
 */
#ifndef COPILOT_API_PRECONDITION_H
#define COPILOT_API_PRECONDITION_H

#include <stdint.h>

#include "../http/router.h"

/* The route_runner of the API. */
int api_run(struct request *req, const struct route *r);

/* Pure part, exposed for unit tests: reads an If-Match value into versions (at most max):
 * "*" gives -1 (any version; nothing to check), a list of strong ETags "N" gives how many it
 * holds (0 when none of them is a version of ours, which no row matches: weak W/"N" tags never
 * match an If-Match, RFC 9110 section 13.1.1). */
int api_parse_if_match(const char *value, int64_t *versions, int max);

#endif
