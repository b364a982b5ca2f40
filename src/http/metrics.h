/*
 * This file declares the process-wide request counters exported at /metrics in the
 * Prometheus text format. Recording is lock-free (atomics).
 */
#ifndef COPILOT_HTTP_METRICS_H
#define COPILOT_HTTP_METRICS_H

#include <stdint.h>

#include "../lib/buf.h"

void metrics_record(int status, int64_t micros);
/* Appends the exposition text to out. */
void metrics_render(struct buf *out);

#endif
