/*
 * This file declares the process's operational metrics, exported at /metrics in the Prometheus
 * text format: HTTP requests by route group and status class, request latency histograms by
 * route group, the database pool (size, in use, waiting, reconnections, acquire timeouts) and
 * copilot_build_info{version, engine}. Recording is lock-free (atomics) once a group has been
 * seen; groups come from the route table (src/http/router.c), so their number is bounded.
 */
#ifndef COPILOT_HTTP_METRICS_H
#define COPILOT_HTTP_METRICS_H

#include <stdint.h>

#include "../lib/buf.h"

struct store;

/* Counts one request of route group `group` (NULL: "none") that answered status after micros
 * microseconds. */
void metrics_record(const char *group, int status, int64_t micros);
/* Appends the exposition text to out: the request metrics, store's pool and the build. */
void metrics_render(struct buf *out, struct store *store);

#endif
