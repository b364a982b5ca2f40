/*
 * This file implements `copilot discover [--user ID] [--progress]` (every enabled job source
 * fetched now, one after the other, progress (meter.h) counting the sources) and the scheduler
 * `copilot serve` starts when COPILOT_DISCOVER_INTERVAL is set: a thread that every so often runs
 * the sources not fetched for that many seconds (src/model/discovery.c; the sources' leases keep
 * several servers from fetching one source twice).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/config.h"
#include "../lib/httpclient.h"
#include "../lib/json.h"
#include "../lib/log.h"
#include "../model/discovery.h"
#include "../model/job_source.h"
#include "cli.h"
#include "meter.h"

#define MAX_SOURCES 100000 /* fetched by one `copilot discover` */

/* ================================================================ copilot discover */

struct discover_job {
    struct config config;
    long long user;
    bool force_progress; /* --progress */
    int failed;
};

/* One line for a source's result: "greenhouse acme: 12 found, 3 new, 9 already tracked". */
static void report(json_t *result)
{
    json_t *source = json_object_get(result, "source");
    const char *error = json_string_value(json_object_get(json_object_get(result, "run"), "error"));
    printf("%s %s: ", json_string_value(json_object_get(source, "kind")),
           json_string_value(json_object_get(source, "identifier")));
    if (error) {
        printf("failed: %s%s\n", error,
               json_is_false(json_object_get(source, "enabled")) ? " (paused)" : "");
        return;
    }
    printf("%lld found, %lld new, %lld already tracked, %zu not readable\n",
           (long long)json_get_int(result, "found"), (long long)json_get_int(result, "created"),
           (long long)json_get_int(result, "duplicates"),
           json_array_size(json_object_get(result, "errors")));
}

static int discover_all(struct store_conn *c, struct arena *a, void *ctx, struct err *e)
{
    struct discover_job *job = ctx;
    int64_t *ids = malloc(MAX_SOURCES * sizeof *ids);
    if (ids == NULL)
        return err_set(e, ERR_INTERNAL, NULL, "out of memory");
    size_t n;
    int rc = job_source_enabled(c, job->user, ids, MAX_SOURCES, &n, e);
    int64_t created = 0, duplicates = 0;
    struct meter p = {0};
    if (rc == 0)
        meter_start(&p, "discover", "sources", (int64_t)n, job->force_progress);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct arena one;
        arena_init(&one);
        json_t *result = NULL;
        struct err why = {0};
        int r = discovery_run(c, &job->config, 0, ids[i], "command", &one, &result, &why);
        meter_clear(&p); /* this source's line goes where the progress was */
        if (r == 0) {
            report(result);
            created += json_get_int(result, "created");
            duplicates += json_get_int(result, "duplicates");
            if (json_object_get(json_object_get(result, "run"), "error") &&
                !json_is_null(json_object_get(json_object_get(result, "run"), "error")))
                job->failed++;
        } else if (r == ERR_CONFLICT || r == ERR_NOT_FOUND) {
            printf("source %lld: skipped: %s\n", (long long)ids[i], why.message);
        } else {
            rc = err_set(e, r, NULL, "%s", why.message);
        }
        fflush(stdout);
        json_decref(result);
        arena_free(&one);
        meter_update(&p, (int64_t)i + 1);
    }
    meter_finish(&p, rc == 0);
    if (rc == 0)
        printf("%zu source%s: %lld new job%s, %lld already tracked, %d failed\n", n,
               n == 1 ? "" : "s", (long long)created, created == 1 ? "" : "s",
               (long long)duplicates, job->failed);
    free(ids);
    (void)a;
    return rc;
}

int cli_discover(int argc, char **argv)
{
    struct discover_job job = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--user") == 0 && i + 1 < argc) {
            char *end;
            job.user = strtoll(argv[++i], &end, 10);
            if (*end != '\0' || job.user <= 0) {
                fprintf(stderr, "copilot discover: --user takes a user id\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--progress") == 0) {
            job.force_progress = true;
        } else {
            fputs("usage: copilot discover [--user ID] [--progress]\n", stderr);
            return 2;
        }
    }
    config_from_env(&job.config);
    httpclient_init();
    struct err e = {0};
    int rc = cli_with_store(discover_all, &job, &e);
    if (rc)
        fprintf(stderr, "copilot discover: %s\n", e.message);
    return rc ? 1 : 0;
}

/* ================================================================ the scheduler of serve */

struct discover_scheduler {
    const struct config *config;
    struct store *store;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
};

static void *scheduler_main(void *arg)
{
    struct discover_scheduler *s = arg;
    int64_t interval = s->config->discover_interval;
    /* look every interval seconds, at least once a minute, for sources that became due */
    int64_t tick = interval < 60 ? interval : 60;
    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        pthread_mutex_unlock(&s->lock);
        struct store_conn *c = store_acquire(s->store);
        struct err e = {0};
        int ran = 0;
        if (discovery_run_due(c, s->config, interval, &ran, &e) != 0)
            log_error("discovery: %s", e.message);
        else if (ran)
            log_info("discovery: fetched %d source%s", ran, ran == 1 ? "" : "s");
        store_release(s->store, c);
        pthread_mutex_lock(&s->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)tick;
        while (!s->stop && pthread_cond_timedwait(&s->wake, &s->lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

struct discover_scheduler *cli_discover_start(const struct config *config, struct store *store)
{
    if (config->discover_interval <= 0)
        return NULL;
    struct discover_scheduler *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->config = config;
    s->store = store;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    if (pthread_create(&s->thread, NULL, scheduler_main, s) != 0) {
        log_error("discovery: cannot start the scheduler thread");
        pthread_cond_destroy(&s->wake);
        pthread_mutex_destroy(&s->lock);
        free(s);
        return NULL;
    }
    log_info("discovery: job sources are fetched every %lld s",
             (long long)config->discover_interval);
    return s;
}

void cli_discover_stop(struct discover_scheduler *s)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    s->stop = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
