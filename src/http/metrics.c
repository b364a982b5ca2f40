/* This file implements the request counters of metrics.h. */
#include "metrics.h"

#include <stdatomic.h>

static const int64_t bucket_us[] = {1000, 5000, 25000, 100000, 500000, 2500000};
#define NBUCKETS (sizeof bucket_us / sizeof bucket_us[0])

static atomic_llong by_class[6]; /* index status / 100 */
static atomic_llong duration_total_us;
static atomic_llong buckets[NBUCKETS];
static atomic_llong count;

void metrics_record(int status, int64_t micros)
{
    int cls = status / 100;
    if (cls < 1 || cls > 5)
        cls = 5;
    atomic_fetch_add(&by_class[cls], 1);
    atomic_fetch_add(&duration_total_us, micros);
    atomic_fetch_add(&count, 1);
    for (size_t i = 0; i < NBUCKETS; i++)
        if (micros <= bucket_us[i])
            atomic_fetch_add(&buckets[i], 1);
}

void metrics_render(struct buf *out)
{
    buf_puts(out, "# HELP copilot_http_requests_total HTTP requests by status class.\n"
                  "# TYPE copilot_http_requests_total counter\n");
    for (int c = 1; c <= 5; c++)
        buf_printf(out, "copilot_http_requests_total{class=\"%dxx\"} %lld\n", c,
                   (long long)atomic_load(&by_class[c]));
    buf_puts(out, "# HELP copilot_http_request_duration_seconds Request handling time.\n"
                  "# TYPE copilot_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i < NBUCKETS; i++)
        buf_printf(out, "copilot_http_request_duration_seconds_bucket{le=\"%g\"} %lld\n",
                   (double)bucket_us[i] / 1e6, (long long)atomic_load(&buckets[i]));
    long long n = atomic_load(&count);
    buf_printf(out, "copilot_http_request_duration_seconds_bucket{le=\"+Inf\"} %lld\n", n);
    buf_printf(out, "copilot_http_request_duration_seconds_sum %.6f\n",
               (double)atomic_load(&duration_total_us) / 1e6);
    buf_printf(out, "copilot_http_request_duration_seconds_count %lld\n", n);
}
