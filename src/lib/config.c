/* This file implements config_from_env (config.h): environment variables and their defaults. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static long long env_number(const char *name, long long fallback)
{
    const char *v = getenv(name);
    if (v == NULL || *v == '\0')
        return fallback;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end != '\0' || n < 0) {
        log_error("ignoring %s=%s: not a non-negative number", name, v);
        return fallback;
    }
    return n;
}

/* env_number for a count or a number of seconds: at most a billion (a limit that large is
 * as good as none, and the arithmetic on it stays within int). */
static int env_count(const char *name, int fallback)
{
    long long n = env_number(name, fallback);
    return n > 1000000000 ? 1000000000 : (int)n;
}

/* A number of seconds from name as milliseconds, at most a day. */
static int env_seconds_ms(const char *name, long long fallback)
{
    long long seconds = env_number(name, fallback);
    return (int)(seconds > 86400 ? 86400 * 1000 : seconds * 1000);
}

void config_from_env(struct config *c)
{
    memset(c, 0, sizeof *c);
    c->data_dir = env_or("COPILOT_DATA_DIR", "./data");
    c->database_url = env_or("COPILOT_DATABASE_URL", NULL);
    if (c->database_url == NULL) {
        snprintf(c->default_url, sizeof c->default_url, "sqlite:%s/copilot.db", c->data_dir);
        c->database_url = c->default_url;
    }
    c->host = env_or("COPILOT_HOST", "127.0.0.1");
    c->port = (int)env_number("COPILOT_PORT", 8080);
    c->threads = (int)env_number("COPILOT_THREADS", 0);
    c->db_pool = (int)env_number("COPILOT_DB_POOL", 0);
    c->db_pool_timeout_ms = env_seconds_ms("COPILOT_DB_POOL_TIMEOUT", 5);
    c->db_statement_timeout_ms = env_seconds_ms("COPILOT_DB_STATEMENT_TIMEOUT", 30);
    c->metrics_token = env_or("COPILOT_METRICS_TOKEN", NULL);
    c->max_body = (size_t)env_number("COPILOT_MAX_BODY", 1 << 20);
    c->max_upload = (size_t)env_number("COPILOT_MAX_UPLOAD", 10 << 20);
    c->token_ttl = env_number("COPILOT_TOKEN_TTL", 7 * 24 * 3600);
    c->cors_origin = getenv("COPILOT_CORS_ORIGIN");
    c->workers = (int)env_number("COPILOT_WORKERS", 8);
    c->work_queue = (int)env_number("COPILOT_WORK_QUEUE", 64);
    c->work_timeout = (int)env_number("COPILOT_WORK_TIMEOUT", 30);
    c->max_exports = (int)env_number("COPILOT_MAX_EXPORTS", 4);
    c->score_cache_bytes = (size_t)env_number("COPILOT_SCORE_CACHE", (long long)16 << 20);
    /* COPILOT_CALENDAR_CACHE: the name it had while only the calendar's answers were kept */
    c->answer_cache_bytes = (size_t)env_number(
        "COPILOT_ANSWER_CACHE", env_number("COPILOT_CALENDAR_CACHE", (long long)4 << 20));
    c->header_timeout = (int)env_number("COPILOT_HEADER_TIMEOUT", 10);
    c->idle_timeout = (int)env_count("COPILOT_IDLE_TIMEOUT", 60);
    c->max_connections = (int)env_number("COPILOT_MAX_CONNECTIONS", 4096);
    /* libmicrohttpd 0.9.75 zeroes its whole pool after every request and the read buffer's
     * unused half once the head is read: 48 KB a request at its default of 32 KiB
     * (docs/performance.md, "libmicrohttpd's memory pool (thirty-eighth round)") */
    long long memory = env_number("COPILOT_CONNECTION_MEMORY", 16384);
    c->connection_memory = (size_t)(memory < 8192 ? 8192 : memory > (64 << 20) ? 64 << 20 : memory);

    c->public_url = env_or("COPILOT_PUBLIC_URL", NULL);
    c->llm.url = env_or("COPILOT_LLM_URL", NULL);
    c->llm.model = env_or("COPILOT_LLM_MODEL", NULL);
    c->llm.key = env_or("COPILOT_LLM_KEY", NULL);
    c->llm.timeout_seconds = (long)env_number("COPILOT_LLM_TIMEOUT", 20);
    struct err e = {0};
    if (fetch_policy_parse(getenv("COPILOT_CAPTURE_ALLOW_PRIVATE"), &c->capture_policy, &e) != 0) {
        log_error("ignoring COPILOT_CAPTURE_ALLOW_PRIVATE: %s", e.message);
        memset(&c->capture_policy, 0, sizeof c->capture_policy);
    }
    c->discover_interval = env_number("COPILOT_DISCOVER_INTERVAL", 0);
    c->greenhouse_url = env_or("COPILOT_GREENHOUSE_URL", "https://boards-api.greenhouse.io");
    c->lever_url = env_or("COPILOT_LEVER_URL", "https://api.lever.co");
    c->ashby_url = env_or("COPILOT_ASHBY_URL", "https://api.ashbyhq.com");
    c->login_account_limit = env_count("COPILOT_LOGIN_ACCOUNT_LIMIT", 10);
    c->login_account_window = env_count("COPILOT_LOGIN_ACCOUNT_WINDOW", 15 * 60);
    c->login_address_limit = env_count("COPILOT_LOGIN_ADDRESS_LIMIT", 100);
    c->login_address_window = env_count("COPILOT_LOGIN_ADDRESS_WINDOW", 60 * 60);
    c->pdf_timeout = env_count("COPILOT_PDF_TIMEOUT", 10);
    c->pdf_max_memory_mib = env_count("COPILOT_PDF_MAX_MEMORY", 512);
    if (c->pdf_max_memory_mib < 64) { /* below that pdftotext cannot load its libraries */
        log_error("COPILOT_PDF_MAX_MEMORY=%d is below 64 (MiB): using 64", c->pdf_max_memory_mib);
        c->pdf_max_memory_mib = 64;
    }
    c->max_parses = env_count("COPILOT_MAX_PARSES", 2);
    const char *fault = getenv("COPILOT_FAULT_INJECTION");
    c->fault_injection = fault && strcmp(fault, "1") == 0;
    static char bad_proxy[160];
    char bad[64];
    if (!netaddr_parse_list(getenv("COPILOT_TRUSTED_PROXIES"), &c->trusted_proxies, bad,
                            sizeof bad)) {
        snprintf(bad_proxy, sizeof bad_proxy,
                 "COPILOT_TRUSTED_PROXIES: '%s' is not an address or CIDR block (or more than %d "
                 "entries)",
                 bad, NETADDR_LIST_MAX);
        c->error = bad_proxy;
    }
}
