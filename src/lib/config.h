/*
 * This file declares the server's configuration: what `copilot serve` reads from the COPILOT_*
 * environment variables (README.md lists them) before its command-line flags apply. It sits in
 * lib/ so that every layer can read it: the transport (host, port, body limits, CORS) and the
 * route handlers (token lifetime, data directory, language model) see the same struct, which
 * cli/serve.c fills once and never changes while the server runs.
 */
#ifndef COPILOT_LIB_CONFIG_H
#define COPILOT_LIB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fetch.h"
#include "llm.h"
#include "netaddr.h"

/* The program's version (copilot version, /metrics, the Debian package). */
#define COPILOT_VERSION "0.1.0"

struct config {
    const char *database_url;
    const char *host;
    int port;
    const char *data_dir; /* the default home of the SQLite file; nothing else lives there */
    int threads;
    int db_pool;                 /* COPILOT_DB_POOL: connections per process (0 = threads) */
    int db_pool_timeout_ms;      /* COPILOT_DB_POOL_TIMEOUT (seconds): wait for one, then 503 */
    int db_statement_timeout_ms; /* COPILOT_DB_STATEMENT_TIMEOUT (seconds, PostgreSQL; 0 = off) */
    const char *metrics_token;   /* COPILOT_METRICS_TOKEN: /metrics for non-loopback clients */
    size_t max_body;
    size_t max_upload;
    int64_t token_ttl;       /* seconds */
    const char *cors_origin; /* NULL = CORS off */
    /* slow work off the request threads (src/lib/workpool.h, docs/security.md) */
    int workers;      /* COPILOT_WORKERS: threads of the work pool (default 8) */
    int work_queue;   /* COPILOT_WORK_QUEUE: jobs waiting or running at most (default 64) */
    int work_timeout; /* COPILOT_WORK_TIMEOUT: seconds a job may wait to start (default 30) */
    int max_exports;  /* COPILOT_MAX_EXPORTS: streamed exports at once per process (default 4) */
    size_t score_cache_bytes;  /* COPILOT_SCORE_CACHE: bytes of scored jobs kept (default 16 MiB) */
    size_t answer_cache_bytes; /* COPILOT_ANSWER_CACHE (or COPILOT_CALENDAR_CACHE): bytes of
                                  whole answers kept, calendar and board (default 4 MiB) */
    /* connections (src/http/conns.h) */
    int header_timeout;       /* COPILOT_HEADER_TIMEOUT: seconds to receive a request head (10) */
    int idle_timeout;         /* COPILOT_IDLE_TIMEOUT: seconds an idle keep-alive connection is
                                 kept after a response (60; at least header_timeout) */
    int max_connections;      /* COPILOT_MAX_CONNECTIONS: open connections at most (default 4096) */
    size_t connection_memory; /* COPILOT_CONNECTION_MEMORY: bytes of libmicrohttpd's memory pool
                                 per connection, the request head's bound (16384; 8192 at least) */

    /* COPILOT_PUBLIC_URL: the address people reach the server at ("https://copilot.example"),
     * for links made outside a page (the calendar feed); NULL = from the request's Host */
    const char *public_url;
    /* the optional OpenAI-compatible chat-completions endpoint (src/lib/llm.h): COPILOT_LLM_URL
     * (NULL = off), _MODEL, _KEY and _TIMEOUT (seconds, default 20) */
    struct llm_config llm;
    /* capture and discovery (docs/capture-and-discovery.md): the addresses besides public ones
     * that a page or feed URL a user gives may reach (COPILOT_CAPTURE_ALLOW_PRIVATE: "1" or a
     * list of networks; src/lib/fetch.h), the discovery interval of `serve` in seconds
     * (COPILOT_DISCOVER_INTERVAL, 0 = off) and the job boards' API base URLs
     * (COPILOT_GREENHOUSE_URL, COPILOT_LEVER_URL, COPILOT_ASHBY_URL) */
    struct fetch_policy capture_policy;
    int64_t discover_interval;
    const char *greenhouse_url, *lever_url, *ashby_url;
    /* login throttling (src/core/throttle.h, docs/security.md): failures per fixed window of
     * seconds, per account (COPILOT_LOGIN_ACCOUNT_LIMIT/_WINDOW, 10 per 900) and per client
     * address (COPILOT_LOGIN_ADDRESS_LIMIT/_WINDOW, 100 per 3600); a limit of 0 is off */
    int login_account_limit, login_account_window;
    int login_address_limit, login_address_window;
    /* COPILOT_TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For names the client
     * (src/lib/netaddr.h); empty by default: the peer is the client */
    struct netaddr_list trusted_proxies;
    /* PDF parsing (src/lib/pdftext.h, docs/security.md): seconds of wall clock and CPU per
     * pdftotext run (COPILOT_PDF_TIMEOUT, 10), its address space in MiB
     * (COPILOT_PDF_MAX_MEMORY, 512, at least 64), runs at once per process (COPILOT_MAX_PARSES,
     * 2) */
    int pdf_timeout, pdf_max_memory_mib, max_parses;
    /* COPILOT_FAULT_INJECTION=1, for tests only: a request's X-Copilot-Fault: N makes the N-th
     * fallible store call of its database connection fail (src/http/request.c,
     * docs/decisions.md "Fault injection"); off (the header ignored) otherwise */
    bool fault_injection;
    /* why a variable cannot be used (NULL when all are fine): `copilot serve` refuses to start */
    const char *error;
    char default_url[1100]; /* storage of the default database_url, sqlite:<data_dir>/copilot.db */
};

/* Fills c from the COPILOT_* environment variables, with the SPEC defaults. A number that is
 * not a non-negative integer is logged and replaced by its default. A variable that cannot be
 * used safely either way (a COPILOT_TRUSTED_PROXIES entry that is not an address or block)
 * sets c->error. */
void config_from_env(struct config *c);

#endif
