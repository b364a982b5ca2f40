/*
 * This file contains the bench's bare libmicrohttpd server (bench/run builds it with cc, it is
 * not part of copilot): the HTTP layer's own ceiling that copilot's GET /healthz is compared
 * with in the same run (issue 9, "every route >= 50x FastAPI with 1 worker").
 *
 *   mhd_hello PORT THREADS     serves GET /healthz on 127.0.0.1:PORT until SIGINT or SIGTERM
 *
 * The daemon is started as src/http/server.c starts copilot's: the same flags (an internal
 * polling thread per pool thread, poll rather than epoll, TURBO, suspend/resume allowed), a
 * thread pool of THREADS (copilot's default is twice the CPUs: src/cli/serve.c), the same
 * connection timeout (COPILOT_IDLE_TIMEOUT + COPILOT_HEADER_TIMEOUT by default, 70 s), the
 * connection limit (COPILOT_MAX_CONNECTIONS, 4096, with the open-file limit raised for it as
 * conns_fit_fd_limit does), listen backlog (1024) and per-connection memory pool
 * (COPILOT_CONNECTION_MEMORY's default, 16 KiB: the library clears the whole pool after every
 * request, so a bare server left at its 32 KiB would do more than copilot). Left out: the callbacks
 * that hook copilot's own code in (the completion and connection notices, the unescape callback).
 * The access handler is copilot's two-call pattern (the first call only sees the head, the
 * answer is queued on the last), and every request gets the bytes copilot's /healthz sends:
 * the same status, headers (X-Request-Id 16 hex digits, here a counter) and body, in a
 * response made and destroyed per request as copilot does. Nothing else: no arena, no router,
 * no log, no metrics, no framing check.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define BODY "{\"status\":\"ok\"}"
#define CONNECTIONS 4096u    /* COPILOT_MAX_CONNECTIONS's default */
#define RESERVE 268u         /* conns_fit_fd_limit's reserve: 256 + threads + workers */
#define SILENCE 70u          /* COPILOT_IDLE_TIMEOUT (60) + COPILOT_HEADER_TIMEOUT (10) */
#define POOL ((size_t)16384) /* COPILOT_CONNECTION_MEMORY's default */

static atomic_ulong served;
static int headers_seen; /* the first call's mark (its address only) */

static enum MHD_Result on_access(void *cls, struct MHD_Connection *connection, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **state)
{
    (void)cls, (void)version, (void)upload_data;
    if (*state == NULL) { /* first call: headers only */
        *state = &headers_seen;
        return MHD_YES;
    }
    if (*upload_data_size) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    int ok = strcmp(method, "GET") == 0 && strcmp(url, "/healthz") == 0;
    static const char missing[] = "{\"error\":\"not found\"}";
    struct MHD_Response *response =
        ok ? MHD_create_response_from_buffer(sizeof BODY - 1, (void *)BODY, MHD_RESPMEM_PERSISTENT)
           : MHD_create_response_from_buffer(sizeof missing - 1, (void *)missing,
                                             MHD_RESPMEM_PERSISTENT);
    if (response == NULL)
        return MHD_NO;
    char id[17];
    snprintf(id, sizeof id, "%016lx", atomic_fetch_add(&served, 1) + 1);
    MHD_add_response_header(response, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(response, "X-Request-Id", id);
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(response, "Cache-Control", "no-store");
    MHD_add_response_header(response, "Keep-Alive", "timeout=10");
    enum MHD_Result rc = MHD_queue_response(connection, ok ? 200 : 404, response);
    MHD_destroy_response(response);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mhd_hello PORT THREADS\n");
        return 2;
    }
    int port = atoi(argv[1]), threads = atoi(argv[2]);
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < CONNECTIONS + RESERVE) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= CONNECTIONS + RESERVE
                          ? CONNECTIONS + RESERVE
                          : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_TURBO | MHD_ALLOW_SUSPEND_RESUME,
        (uint16_t)port, NULL, NULL, &on_access, NULL, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)threads, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_CONNECTION_TIMEOUT, SILENCE,
        MHD_OPTION_CONNECTION_LIMIT, CONNECTIONS, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, POOL, MHD_OPTION_END);
    if (daemon == NULL) {
        fprintf(stderr, "mhd_hello: cannot listen on 127.0.0.1:%d\n", port);
        return 1;
    }
    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(daemon);
    fprintf(stderr, "mhd_hello: %lu requests\n", atomic_load(&served));
    return 0;
}
