/*
 * This file declares the HTTP server: libmicrohttpd in thread-pool + epoll mode, the
 * application context every request can reach (configuration and the store), and start/stop.
 */
#ifndef COPILOT_HTTP_SERVER_H
#define COPILOT_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct ratelimit;

struct config {
    const char *database_url;
    const char *host;
    int port;
    const char *data_dir;
    int threads;
    size_t max_body;
    size_t max_upload;
    int64_t token_ttl; /* seconds */
    const char *cors_origin; /* NULL = CORS off */
    /* optional OpenAI-compatible chat-completions endpoint (src/lib/llm.h); NULL url = off */
    const char *llm_url, *llm_model, *llm_key;
    long llm_timeout; /* seconds, COPILOT_LLM_TIMEOUT (default 20) */
};

/* Shared by every request (read-only after start, except the thread-safe members). */
struct app {
    struct config config;
    struct store *store;
    struct ratelimit *account_limits; /* failed logins per account */
    struct ratelimit *address_limits; /* failed logins per client address */
};

/* Fills c from the COPILOT_* environment variables, with the SPEC defaults. */
void config_from_env(struct config *c);

struct http_server;

/* Starts serving app on its configured host/port. Returns NULL and prints why on failure. */
struct http_server *http_server_start(struct app *app);
/* Stops accepting, lets in-flight requests finish, and frees the server. */
void http_server_stop(struct http_server *server);
/* The port actually bound (useful with port 0). */
int http_server_port(const struct http_server *server);

#endif
