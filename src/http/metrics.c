/* This file implements the metrics of metrics.h. */
#include "metrics.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "../lib/config.h"
#include "../store/store.h"

/* Upper bounds of the latency buckets, in microseconds (Prometheus's defaults, 1 ms to 10 s). */
static const int64_t bucket_us[] = {1000,   2500,   5000,    10000,   25000,   50000,   100000,
                                    250000, 500000, 1000000, 2500000, 5000000, 10000000};
#define NBUCKETS (sizeof bucket_us / sizeof bucket_us[0])
/* More groups than the route table has, plus "static", "none" and "other". */
#define MAX_GROUPS 64

struct group {
    char name[32];
    atomic_llong by_class[6]; /* index status / 100 */
    atomic_llong buckets[NBUCKETS];
    atomic_llong count;
    atomic_llong total_us;
};

static struct group groups[MAX_GROUPS];
static atomic_int ngroups; /* entries [0, ngroups) have their name set */
static pthread_mutex_t adding = PTHREAD_MUTEX_INITIALIZER;

/* The group called name, added on first sight; the last slot ("other") when the table is full. */
static struct group *group_named(const char *name)
{
    int n = atomic_load(&ngroups);
    for (int i = 0; i < n; i++)
        if (strcmp(groups[i].name, name) == 0)
            return &groups[i];
    pthread_mutex_lock(&adding);
    n = atomic_load(&ngroups);
    struct group *g = NULL;
    for (int i = 0; i < n && g == NULL; i++)
        if (strcmp(groups[i].name, name) == 0)
            g = &groups[i];
    if (g == NULL) {
        g = &groups[n];
        snprintf(g->name, sizeof g->name, "%s", n == MAX_GROUPS - 1 ? "other" : name);
        if (n < MAX_GROUPS - 1)
            atomic_store(&ngroups, n + 1);
        else if (n == MAX_GROUPS - 1)
            atomic_store(&ngroups, MAX_GROUPS);
    }
    pthread_mutex_unlock(&adding);
    return g;
}

void metrics_record(const char *group, int status, int64_t micros)
{
    struct group *g = group_named(group ? group : "none");
    int cls = status / 100;
    if (cls < 1 || cls > 5)
        cls = 5;
    atomic_fetch_add(&g->by_class[cls], 1);
    atomic_fetch_add(&g->total_us, micros);
    atomic_fetch_add(&g->count, 1);
    for (size_t i = 0; i < NBUCKETS; i++)
        if (micros <= bucket_us[i])
            atomic_fetch_add(&g->buckets[i], 1);
}

static void render_requests(struct buf *out)
{
    int n = atomic_load(&ngroups);
    buf_puts(out, "# HELP copilot_http_requests_total HTTP requests by route group and status "
                  "class.\n# TYPE copilot_http_requests_total counter\n");
    for (int i = 0; i < n; i++)
        for (int c = 1; c <= 5; c++)
            buf_printf(out, "copilot_http_requests_total{group=\"%s\",class=\"%dxx\"} %lld\n",
                       groups[i].name, c, (long long)atomic_load(&groups[i].by_class[c]));
    buf_puts(out, "# HELP copilot_http_request_duration_seconds Request handling time by route "
                  "group.\n# TYPE copilot_http_request_duration_seconds histogram\n");
    for (int i = 0; i < n; i++) {
        const struct group *g = &groups[i];
        for (size_t b = 0; b < NBUCKETS; b++)
            buf_printf(
                out, "copilot_http_request_duration_seconds_bucket{group=\"%s\",le=\"%g\"} %lld\n",
                g->name, (double)bucket_us[b] / 1e6, (long long)atomic_load(&g->buckets[b]));
        long long count = atomic_load(&g->count);
        buf_printf(out,
                   "copilot_http_request_duration_seconds_bucket{group=\"%s\",le=\"+Inf\"} %lld\n",
                   g->name, count);
        buf_printf(out, "copilot_http_request_duration_seconds_sum{group=\"%s\"} %.6f\n", g->name,
                   (double)atomic_load(&g->total_us) / 1e6);
        buf_printf(out, "copilot_http_request_duration_seconds_count{group=\"%s\"} %lld\n", g->name,
                   count);
    }
}

static void render_pool(struct buf *out, struct store *store)
{
    struct store_stats st;
    store_stats(store, &st);
    buf_printf(
        out,
        "# HELP copilot_db_pool_size Database connections this process may open.\n"
        "# TYPE copilot_db_pool_size gauge\ncopilot_db_pool_size %d\n"
        "# HELP copilot_db_pool_in_use Database connections held by requests now.\n"
        "# TYPE copilot_db_pool_in_use gauge\ncopilot_db_pool_in_use %d\n"
        "# HELP copilot_db_pool_waiting Requests waiting for a database connection now.\n"
        "# TYPE copilot_db_pool_waiting gauge\ncopilot_db_pool_waiting %d\n"
        "# HELP copilot_db_pool_timeouts_total Requests that found no free connection in "
        "time (answered 503).\n"
        "# TYPE copilot_db_pool_timeouts_total counter\ncopilot_db_pool_timeouts_total %lld\n"
        "# HELP copilot_db_reconnects_total Database connections reopened after one was "
        "lost.\n"
        "# TYPE copilot_db_reconnects_total counter\ncopilot_db_reconnects_total %lld\n",
        st.size, st.in_use, st.waiting, (long long)st.acquire_timeouts, (long long)st.reconnects);
}

void metrics_render(struct buf *out, struct store *store)
{
    render_requests(out);
    render_pool(out, store);
    buf_printf(out,
               "# HELP copilot_build_info The running version and database engine.\n"
               "# TYPE copilot_build_info gauge\n"
               "copilot_build_info{version=\"%s\",engine=\"%s\"} 1\n",
               COPILOT_VERSION, store_engine(store) == STORE_SQLITE ? "sqlite" : "postgresql");
}
