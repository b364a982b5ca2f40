/*
 * This file implements `copilot serve`: read the configuration, open and migrate the store,
 * start the HTTP server with the API's routes and authentication callback, and wait for
 * SIGINT/SIGTERM to shut down gracefully (stop accepting, finish in-flight requests, close the
 * database).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../api/auth.h"
#include "../api/openapi.h"
#include "../api/precondition.h"
#include "../api/routes.h"
#include "../core/throttle.h"
#include "../http/server.h"
#include "../lib/config.h"
#include "../lib/httpclient.h"
#include "../lib/log.h"
#include "../lib/pdftext.h"
#include "../model/answer_cache.h"
#include "../model/catalogue.h"
#include "../model/login_throttle.h"
#include "../model/score_cache.h"
#include "../model/session.h"
#include "cli.h"

/* Applies the command-line flags over the environment's configuration. */
static int parse_flags(int argc, char **argv, struct config *c, bool *migrate)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--no-migrate") == 0) {
            *migrate = false;
        } else if ((strcmp(a, "--port") == 0 || strcmp(a, "--host") == 0) && i + 1 < argc) {
            const char *v = argv[++i];
            if (a[2] == 'h') {
                c->host = v;
                continue;
            }
            char *end;
            long port = strtol(v, &end, 10);
            if (*v == '\0' || *end != '\0' || port < 0 || port > 65535) {
                fprintf(stderr, "copilot serve: bad port '%s'\n", v);
                return 2;
            }
            c->port = (int)port;
        } else {
            fprintf(stderr, "copilot serve: unknown option '%s'\n", a);
            return cli_usage(false);
        }
    }
    return 0;
}

/* Deletes what has expired: sessions, and login throttling rows whose windows are over. */
static void purge_expired(struct store *s, const struct config *config)
{
    struct store_conn *c = store_acquire(s);
    struct arena a;
    arena_init(&a);
    struct err e = {0};
    if (session_purge_expired(c, &a, &e) != 0)
        log_error("cannot purge expired sessions: %s", e.message);
    struct err e2 = {0};
    struct throttle_policy policy = throttle_policy_from_config(config);
    if (login_throttle_purge(c, &policy, time(NULL), &e2) != 0)
        log_error("cannot purge login throttling rows: %s", e2.message);
    arena_free(&a);
    store_release(s, c);
}

int cli_serve(int argc, char **argv)
{
    struct config config;
    config_from_env(&config);
    if (config.error) {
        fprintf(stderr, "copilot serve: %s\n", config.error);
        return 2;
    }
    bool migrate = true;
    int rc = parse_flags(argc, argv, &config, &migrate);
    if (rc)
        return rc;
    if (config.threads <= 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        config.threads = cpus > 0 ? (int)(cpus * 2) : 4;
    }
    /* the limits of every PDF extraction, before any thread can start one (0 keeps a default) */
    pdftext_configure(&(struct pdftext_limits){(int64_t)config.pdf_timeout * 1000,
                                               (size_t)config.pdf_max_memory_mib << 20, 0,
                                               config.max_parses});
    score_cache_configure(config.score_cache_bytes);
    answer_cache_configure(config.answer_cache_bytes);
    httpclient_init();

    /* signals are taken by sigwait below: block them before any thread starts */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* by default a connection for each request thread and each work-pool thread, so that slow
     * work never makes a request thread wait for one, and one for the discovery scheduler */
    int workers = config.workers > 0 ? config.workers : 1;
    struct store_options opts = {
        .pool_size = config.db_pool > 0 ? config.db_pool
                                        : config.threads + workers + (config.discover_interval > 0),
        .acquire_timeout_ms = config.db_pool_timeout_ms,
        .statement_timeout_ms = config.db_statement_timeout_ms,
        /* SQLite's default 2 MiB page cache per pooled connection, not the bulk commands' 16:
         * with the memory map it holds little a request reads again, and a long scan (the
         * export) left 16 MiB filled per connection (docs/performance.md) */
        .page_cache_kib = 2048,
        /* SQLite: the WAL checkpointed and restarted off the request threads, so a commit's
         * frames overwrite the WAL rather than extend it (docs/performance.md, "POST /jobs and
         * the WAL (sixteenth round)") */
        .background_checkpoint = true,
    };
    if (config.fault_injection) /* before the first request can be served */
        log_error("warning: COPILOT_FAULT_INJECTION=1: a request's X-Copilot-Fault header makes "
                  "its database calls fail on purpose; for tests only, never in production");
    struct store *store = cli_open_store_with(&config, &opts, migrate);
    if (store == NULL)
        return 1;
    purge_expired(store, &config);
    catalogue_install(store); /* the shipped resources and learning paths */
    if (api_openapi_init(api_routes, api_tags, COPILOT_VERSION) != 0) {
        store_close(store);
        return 1;
    }
    struct http_service service = {&config, store, api_routes, api_authenticate, api_run};
    struct http_server *server = http_server_start(&service);
    if (server == NULL) {
        rc = 1;
        goto out;
    }
    log_info("copilot %s listening on http://%s:%d (%s, %d threads, %d database connections)",
             COPILOT_VERSION, config.host, http_server_port(server),
             store_engine(store) == STORE_SQLITE ? "sqlite" : "postgresql", config.threads,
             opts.pool_size);
    struct discover_scheduler *discovery = cli_discover_start(&config, store);
    int sig = 0;
    sigwait(&stop, &sig);
    log_info("received %s, shutting down", sig == SIGINT ? "SIGINT" : "SIGTERM");
    cli_discover_stop(discovery);
    http_server_stop(server);
out:
    api_openapi_shutdown();
    store_close(store);
    return rc;
}
