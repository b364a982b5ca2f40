/*
 * This file implements the libmicrohttpd glue: the access handler that gathers a request
 * (headers on the first call, body chunks on the next ones, dispatch on the last one, which is
 * also the only moment a response may be queued or keep-alive is lost), the completion callback
 * that logs the access line and frees the request, and server start/stop. The routes and the
 * authentication callback are the caller's (struct http_service); this file only passes them
 * to the router.
 */
#include "server.h"

#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../lib/config.h"
#include "../lib/crypto.h"
#include "../lib/log.h"
#include "../lib/timeutil.h"
#include "../lib/workpool.h"
#include "../lib/xalloc.h"
#include "../store/store.h"
#include "conns.h"
#include "framing.h"
#include "metrics.h"
#include "reply.h"
#include "router.h"

struct http_server {
    struct MHD_Daemon *daemon;
    struct http_service service;
    struct workpool *pool; /* slow work (ROUTE_SLOW_*), off the request threads */
    struct conns *conns;   /* the deadline for request heads */
    atomic_int open;       /* connections open now (the trim when the last closes) */
    atomic_bool stopping;  /* http_server_stop began: answers no longer wait for the syncer */
    int port;
};

/* ================================================================ per request */

#define STREAM_PART (32 * 1024) /* bytes libmicrohttpd asks a streamed body for at a time */

static void set_request_id(struct request *req)
{
    const char *given =
        MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, "X-Request-Id");
    if (given) {
        size_t n = strlen(given);
        bool ok = n > 0 && n < sizeof req->id;
        for (size_t i = 0; ok && i < n; i++)
            ok = (given[i] >= '0' && given[i] <= '9') || (given[i] >= 'a' && given[i] <= 'z') ||
                 (given[i] >= 'A' && given[i] <= 'Z') || given[i] == '-' || given[i] == '_';
        if (ok) {
            memcpy(req->id, given, n + 1);
            return;
        }
    }
    crypto_random_hex(req->id, 8);
}

static struct request *request_new(const struct http_service *service,
                                   struct MHD_Connection *connection, const char *method,
                                   const char *url)
{
    struct request *req = xcalloc(1, sizeof *req);
    arena_init(&req->arena);
    buf_init(&req->body);
    req->config = service->config;
    req->store = service->store;
    req->connection = connection;
    req->method = arena_strdup(&req->arena, method);
    req->path = arena_strdup(&req->arena, url);
    req->started_us = time_monotonic_us();
    set_request_id(req);
    return req;
}

static void request_free(struct request *req)
{
    router_export_done(req);
    http_stream_free(req->stream); /* a stream never queued */
    request_close_db(req);
    if (req->json)
        json_decref(req->json);
    buf_free(&req->body);
    free(req->response_owned);
    if (req->response_release) /* a shared body (http_reply_json_shared): sent, let go */
        req->response_release(req->response_shared);
    arena_free(&req->arena);
    free(req);
}

/* The cap of req's route (router_body_limit), found when a body is announced or arrives: a
 * request without one, most of them, is not matched against the routes twice. */
static size_t body_limit(struct request *req, const struct http_service *service)
{
    if (req->body_limit == 0)
        req->body_limit = router_body_limit(req, service->routes);
    return req->body_limit;
}

static void add_body(struct request *req, const struct http_service *service, const char *data,
                     size_t size)
{
    if (req->body_too_large) {
        req->discarded += size;
        return;
    }
    if (req->body.len + size > body_limit(req, service)) {
        req->body_too_large = true;
        buf_free(&req->body);
        return;
    }
    buf_append(&req->body, data, size);
}

/* SPEC part E "Responses of the page and the API": on every response, no MIME sniffing and no
 * Referer sent on; on HTML, the page's Content-Security-Policy unless the handler gave the
 * response a narrower one of its own (GET /api/docs, src/api/openapi.c); JSON, and every
 * answer of the API whatever its type (a CSV export, a résumé's file: the user's data as much
 * as the JSON), is never stored by a cache unless the handler said otherwise. */
static void add_security_headers(struct MHD_Response *response, const char *type, bool api,
                                 bool cache_set, bool csp_set)
{
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
    if (type && strncmp(type, "text/html", 9) == 0 && !csp_set)
        MHD_add_response_header(response, "Content-Security-Policy", HTTP_PAGE_CSP);
    if ((api || (type && strncmp(type, "application/json", 16) == 0)) && !cache_set)
        MHD_add_response_header(response, "Cache-Control", "no-store");
}

static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max)
{
    ssize_t n = http_stream_read(cls, buf, max);
    return n == HTTP_STREAM_END      ? MHD_CONTENT_READER_END_OF_STREAM
           : n == HTTP_STREAM_FAILED ? MHD_CONTENT_READER_END_WITH_ERROR
                                     : n;
}

static void free_stream(void *cls)
{
    http_stream_free(cls);
}

static enum MHD_Result queue(struct request *req)
{
    struct MHD_Response *response;
    if (req->stream) { /* the body is produced as it goes out; the response owns the stream */
        response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_PART, read_stream,
                                                     req->stream, free_stream);
        if (response == NULL)
            return MHD_NO; /* request_free frees the stream */
        req->stream = NULL;
    } else {
        response = MHD_create_response_from_buffer(req->response_len, (void *)req->response,
                                                   MHD_RESPMEM_PERSISTENT);
    }
    if (response == NULL)
        return MHD_NO;
    if (req->content_type)
        MHD_add_response_header(response, "Content-Type", req->content_type);
    MHD_add_response_header(response, "X-Request-Id", req->id);
    if (req->fault_fired) /* a test's fault (request_open_db) */
        MHD_add_response_header(response, "X-Copilot-Fault-Fired", "1");
    bool cache_set = false, csp_set = false;
    for (int i = 0; i < req->nheaders; i++) {
        MHD_add_response_header(response, req->header_names[i], req->header_values[i]);
        cache_set |= strcasecmp(req->header_names[i], "Cache-Control") == 0;
        csp_set |= strcasecmp(req->header_names[i], "Content-Security-Policy") == 0;
    }
    add_security_headers(response, req->content_type, strncmp(req->path, "/api/", 5) == 0,
                         cache_set, csp_set);
    if (req->config->cors_origin) {
        MHD_add_response_header(response, "Access-Control-Allow-Origin", req->config->cors_origin);
        MHD_add_response_header(response, "Access-Control-Expose-Headers", HTTP_CORS_EXPOSE);
    }
    /* how long the connection may stay idle at least (conns.h: the server keeps an idle one
     * until COPILOT_IDLE_TIMEOUT, later than this): a client that reads it (Node's fetch,
     * browsers) stops reusing the connection well before the server closes it instead of
     * sending a request onto a connection being closed */
    if (req->config->header_timeout > 0) {
        char keep_alive[32];
        snprintf(keep_alive, sizeof keep_alive, "timeout=%d", req->config->header_timeout);
        MHD_add_response_header(response, "Keep-Alive", keep_alive);
    }
    enum MHD_Result rc = MHD_queue_response(req->connection, (unsigned)req->status, response);
    MHD_destroy_response(response);
    return rc;
}

/* ================================================================ framing */

#define FRAMING_MAX_HEADERS 128

struct header_list {
    struct framing_header items[FRAMING_MAX_HEADERS];
    size_t n;
    bool overflow;
    struct arena *arena;
};

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    struct header_list *list = cls;
    if (list->n == FRAMING_MAX_HEADERS) {
        list->overflow = true;
        return MHD_NO;
    }
    /* the value without the blanks around it (RFC 9110 OWS) */
    const char *v = value ? value : "";
    while (*v == ' ' || *v == '\t')
        v++;
    size_t len = strlen(v);
    while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
        len--;
    list->items[list->n++] = (struct framing_header){key, arena_strndup(list->arena, v, len)};
    return MHD_YES;
}

/* The framing check of framing.h on the header lines libmicrohttpd parsed, in order. */
static int check_framing(struct request *req, const char *version)
{
    struct header_list list = {.arena = &req->arena};
    MHD_get_connection_values(req->connection, MHD_HEADER_KIND, collect_header, &list);
    if (list.overflow)
        return err_set(&req->err, ERR_BAD_REQUEST, NULL, "more than %d header lines",
                       FRAMING_MAX_HEADERS);
    bool http11 = version && strcmp(version, MHD_HTTP_VERSION_1_1) == 0;
    return framing_check(list.items, list.n, http11, &req->err);
}

/* Writes req's error answer (http_reply_error made it) straight onto the socket with
 * "Connection: close", status line status, and shuts the socket for writing: for answers
 * libmicrohttpd cannot send in time (below). */
static void send_now(struct request *req, const char *status)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(req->connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (info == NULL)
        return;
    char head[1024];
    int n = snprintf(
        head, sizeof head,
        "HTTP/1.1 %s\r\nConnection: close\r\nContent-Type: %s\r\n"
        "Content-Length: %zu\r\nX-Request-Id: %s\r\n"
        "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
        "Cache-Control: no-store\r\n%s%s%s%s\r\n",
        status, req->content_type, req->response_len, req->id,
        req->config->cors_origin ? "Access-Control-Allow-Origin: " : "",
        req->config->cors_origin ? req->config->cors_origin : "",
        req->config->cors_origin ? "\r\n" : "",
        req->config->cors_origin ? "Access-Control-Expose-Headers: " HTTP_CORS_EXPOSE "\r\n" : "");
    if (n <= 0 || (size_t)n >= sizeof head)
        return;
    /* a fresh socket's send buffer holds this whole; if not, the client sees only the close */
    if (send(info->connect_fd, head, (size_t)n, MSG_NOSIGNAL | MSG_MORE) == n)
        send(info->connect_fd, req->response, req->response_len, MSG_NOSIGNAL);
    shutdown(info->connect_fd, SHUT_WR);
}

/* Answers a request whose framing was refused: the 400 goes straight onto the socket and the
 * caller returns MHD_NO, which makes libmicrohttpd close the connection without reading
 * anything more. libmicrohttpd itself cannot send it: it only answers once it has read the
 * body whose length is in doubt, which for a refused Transfer-Encoding never ends, and it would
 * read the bytes after that body as the next request. */
static void refuse_framing(struct request *req)
{
    http_reply_error(req, ERR_BAD_REQUEST, &req->err);
    send_now(req, "400 Bad Request");
}

/* A Content-Length beyond the route's cap (framing_check made sure it is one plain decimal
 * number): the body is refused before a byte of it is kept. */
static bool announced_too_large(struct request *req, const struct http_service *service)
{
    const char *length =
        MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, "Content-Length");
    if (length == NULL)
        return false;
    errno = 0;
    unsigned long long n = strtoull(length, NULL, 10);
    return errno == ERANGE || n > body_limit(req, service);
}

/* How much of a refused body is read and dropped before the connection is closed anyway. */
#define BODY_DRAIN_MAX ((size_t)256 << 20)

/* Answers 413 for a body beyond its route's cap as soon as that is known: from the head when
 * its Content-Length says so, or when a chunked body passes the cap. Until the thirty-third
 * round the whole body was read (and dropped) first, and a client that sent
 * "Expect: 100-continue" with 100 MB was even told to go on.
 * - The client waits for "100 Continue" (it has sent no body yet): the 413 is queued from the
 *   head, so libmicrohttpd sends no "100 Continue", reads nothing and closes after the answer.
 * - Otherwise the client is sending already: the 413 goes straight onto the socket (as
 *   refuse_framing's 400), the rest of the body is read and dropped (up to BODY_DRAIN_MAX),
 *   then the connection is closed. Closing at once would reset it under a client still
 *   sending, which then never reads the answer (Node's fetch: ECONNRESET). */
static enum MHD_Result refuse_too_large(struct request *req)
{
    req->body_too_large = true;
    err_set(&req->err, ERR_TOO_LARGE, NULL, "request body exceeds %zu bytes", req->body_limit);
    http_reply_error(req, ERR_TOO_LARGE, &req->err);
    const char *expect = MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, "Expect");
    if (req->body.len == 0 && req->discarded == 0 && expect &&
        strcasecmp(expect, "100-continue") == 0)
        return queue(req);
    req->answered_early = true;
    send_now(req, "413 Content Too Large");
    return MHD_YES;
}

/* ================================================================ connections */

static struct conn_watch *watch_of(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

static void trim_at_close(bool last);

static void on_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct http_server *server = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        atomic_fetch_add(&server->open, 1);
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = info ? conns_opened(server->conns, info->connect_fd) : NULL;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        conns_closed(server->conns, *socket_context);
        *socket_context = NULL;
        trim_at_close(atomic_fetch_sub(&server->open, 1) == 1);
    }
}

/* ================================================================ slow work */

/* A job of the work pool: runs the deferred handler (or answers that it waited too long),
 * gives the database connection back and resumes the connection, whose access handler then
 * queues the response. req belongs to libmicrohttpd's thread again once resumed: nothing here
 * touches it after MHD_resume_connection. */
static void run_deferred(void *arg, bool expired)
{
    struct request *req = arg;
    if (expired) {
        err_set(&req->err, ERR_BUSY, NULL, "the server is busy: the request waited too long");
        http_reply_error(req, ERR_BUSY, &req->err);
    } else {
        int64_t cpu = time_thread_cpu_us();
        router_run_deferred(req);
        req->work_cpu_us += time_thread_cpu_us() - cpu;
    }
    request_close_db(req);
    req->work_done = true;
    MHD_resume_connection(req->connection);
}

/* Hands a deferred handler to the pool with the connection suspended; when the pool is full,
 * answers 503 busy instead (through the same resume, so there is one path). */
static void defer(struct http_server *s, struct request *req)
{
    MHD_suspend_connection(req->connection);
    const struct config *config = req->config;
    int64_t wait_ms = (int64_t)config->work_timeout * 1000;
    if (workpool_submit(s->pool, req->work_kind, run_deferred, req, wait_ms) == 0)
        return;
    err_set(&req->err, ERR_BUSY, NULL, "the server is busy with slow requests; retry later");
    req->err.retry_after = 5;
    http_reply_error(req, ERR_BUSY, &req->err);
    req->work_done = true;
    MHD_resume_connection(req->connection);
}

/* Connections suspended until a sync of the WAL covers their commit (http_server_stop waits
 * for them: libmicrohttpd must not stop with a connection suspended). */
static atomic_int unsynced_answers;

/* store_when_synced's callback: the commit is durable (or its sync failed: the answer becomes
 * an error, the commit is not acknowledged); the access handler queues the answer once resumed.
 * On the store's syncer thread: nothing here touches req after MHD_resume_connection. */
static void synced(void *arg, int rc)
{
    struct request *req = arg;
    if (rc) {
        http_reply_reset(req);
        req->nheaders = 0;
        err_set(&req->err, rc, NULL, "the write could not be made durable (WAL sync failed)");
        http_reply_error(req, rc, &req->err);
    }
    req->work_done = true;
    MHD_resume_connection(req->connection);
    atomic_fetch_sub(&unsynced_answers, 1);
}

/* A handler that committed without the WAL's sync (store_defer_sync: POST /jobs): takes the
 * commit from its connection db before it goes back (store_take_unsynced) and counts the answer
 * as waiting. Returns false when nothing waits, or when the server is stopping: then the
 * connection's release syncs the commit (store_release) before the answer is queued. The count
 * is raised before stopping is read, and http_server_stop sets stopping before it waits for the
 * count, so an answer that starts to wait is always waited for. */
static bool hold_for_sync(struct http_server *server, struct store_conn *db,
                          struct store_unsynced *commit)
{
    atomic_fetch_add(&unsynced_answers, 1);
    if (!atomic_load(&server->stopping) && store_take_unsynced(db, commit))
        return true;
    atomic_fetch_sub(&unsynced_answers, 1);
    return false;
}

/* The answer of a commit hold_for_sync took: the connection is suspended and the answer waits
 * for the store's syncer, while this request thread serves its other connections
 * (docs/decisions.md, "SQLite's commits are durable"). */
static void answer_when_synced(struct request *req, const struct store_unsynced *commit)
{
    MHD_suspend_connection(req->connection);
    store_when_synced(commit, synced, req);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *connection, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **state)
{
    struct http_server *server = cls;
    const struct http_service *service = &server->service;
    struct request *req = *state;
    if (req == NULL) { /* first call: headers only; queueing now would cost keep-alive */
        *state = req = request_new(service, connection, method, url);
        conns_head_received(server->conns, watch_of(connection));
        if (check_framing(req, version)) {
            refuse_framing(req);
            return MHD_NO;
        }
        if (announced_too_large(req, service))
            return refuse_too_large(req);
        return MHD_YES;
    }
    if (*upload_data_size) {
        add_body(req, service, upload_data, *upload_data_size);
        *upload_data_size = 0;
        if (req->body_too_large && !req->answered_early)
            return refuse_too_large(req); /* a chunked body past the cap */
        /* a body that goes on and on: closed (the client may see a reset) */
        return req->discarded > BODY_DRAIN_MAX ? MHD_NO : MHD_YES;
    }
    if (req->answered_early) /* the 413 is out and the body read: close */
        return MHD_NO;
    if (req->body_too_large && req->status) /* refused from the head: answered already */
        return MHD_YES;
    if (req->work_done) /* resumed after slow work: the response is ready */
        return queue(req);
    int64_t cpu = time_thread_cpu_us();
    router_dispatch(req, service->routes, service->on_authenticate, service->run);
    req->work_cpu_us += time_thread_cpu_us() - cpu;
    struct store_unsynced commit;
    bool waits = req->db && !req->deferred && hold_for_sync(server, req->db, &commit);
    request_close_db(req); /* the connection goes back before the response goes out */
    if (req->deferred) {
        defer(server, req);
        return MHD_YES;
    }
    if (waits) {
        answer_when_synced(req, &commit);
        return MHD_YES;
    }
    return queue(req);
}

/* Private memory (issue 9: RssAnon under load): glibc keeps what a request freed in the arena
 * of the thread that freed it and gives back only the top of the main heap. A request that
 * worked long or answered much (the board, recommendations, analytics at 100,000 jobs) built
 * megabytes of rows and JSON; after one, malloc_trim returns the free pages of every arena to
 * the kernel (131 MiB of RssAnon down to 9 MiB after the heavy routes from 4 clients at once).
 * "Worked long" is the CPU its handler used (req->work_cpu_us, 10 ms: building rows is what it
 * spent it on), not the time it took (20 ms until the fifteenth round): under load every request
 * waits (wrk's 32 connections on POST /jobs: 20 ms and more, in the write lock and the WAL's
 * sync), and trimming after each refaulted the pages it gave back
 * (docs/performance.md, "Sustained writes on SQLite (fifteenth round)"). After such a request
 * at most one trim per TRIM_EVERY_US, so a loaded server does not trim after each: one skipped
 * is owed and paid by the next request to end after the interval, heavy or not; after a large
 * answer always (also one built and kept for other requests: the calendar's month and agenda
 * when their cache misses; a kept answer sent again frees nothing and never trims). The fast
 * routes alone pay it at most four times a second under load (TRIM_UNDER_LOAD) and when connections
 * close after many of them (trim_at_close): what a load of small requests left free goes back
 * while it goes on and once it ends (docs/performance.md, "Connections and memory (sixteenth
 * round)", "Private memory (twenty-eighth round)"). */
#define TRIM_AFTER_CPU_US 10000       /* a request whose handler used this much CPU */
#define TRIM_AFTER_BYTES (256 * 1024) /* or answered at least this much */
#define TRIM_EVERY_US 10000
/* When a connection closes: a trim if this many requests ended since the last one (a load's
 * connections close: wrk's run ends), or if it was the last connection open (the server goes
 * idle: a browser's connections time out) and a few did or one is owed. The many small
 * requests of a load (wrk's POST /jobs: never 10 ms of CPU, but 2 to 3 MiB of free pages left
 * in the arenas of the threads that served it) are given back once, as it ends; keep-alive
 * connections close rarely, and a client opening one per request pays a trim per
 * TRIM_AT_LAST_CLOSE requests at most. */
#define TRIM_AT_CLOSE 1024
#define TRIM_AT_LAST_CLOSE 64
/* Under a load of small requests, at most one trim per TRIM_UNDER_LOAD_US once this many ended
 * since the last: what a load's requests free in the heaps (the list's rows, POST /jobs's
 * duplicate scans) goes back while the load goes on, not only when its connections close. Four
 * a second is nothing beside a trim per request (the fifteenth round's refaults): one
 * malloc_trim against tens to thousands of requests; once a second left up to 4 MiB freed since
 * the last trim in half the runs under the bench's POST /jobs (docs/performance.md, "Private
 * memory (twenty-eighth round)"). */
#define TRIM_UNDER_LOAD 64
#define TRIM_UNDER_LOAD_US 250000

static _Atomic int64_t last_trim_us;
static atomic_bool owed;
static atomic_long untrimmed; /* requests ended since the last trim */

static void trim(void)
{
    atomic_store(&owed, false);
    atomic_store(&untrimmed, 0);
    malloc_trim(0);
}

static void trim_after(size_t response_len, int64_t cpu_us)
{
    long ended = atomic_fetch_add(&untrimmed, 1) + 1;
    bool large = response_len >= TRIM_AFTER_BYTES; /* rare and costly anyway: always */
    if (!large && cpu_us < TRIM_AFTER_CPU_US && !atomic_load(&owed)) {
        if (ended < TRIM_UNDER_LOAD)
            return;
        int64_t now = time_monotonic_us(), last = atomic_load(&last_trim_us);
        if (now - last >= TRIM_UNDER_LOAD_US &&
            atomic_compare_exchange_strong(&last_trim_us, &last, now))
            trim();
        return;
    }
    int64_t now = time_monotonic_us(), last = atomic_load(&last_trim_us);
    if (!large && (now - last < TRIM_EVERY_US ||
                   !atomic_compare_exchange_strong(&last_trim_us, &last, now))) {
        atomic_store(&owed, true);
        return;
    }
    trim();
}

static void trim_at_close(bool last)
{
    long n = atomic_load(&untrimmed);
    bool due = n >= TRIM_AT_CLOSE || (last && (n >= TRIM_AT_LAST_CLOSE || atomic_load(&owed)));
    /* the connections of a load close together: one of them trims */
    if (due && atomic_compare_exchange_strong(&untrimmed, &n, 0)) {
        atomic_store(&last_trim_us, time_monotonic_us());
        trim();
    }
}

static void on_completed(void *cls, struct MHD_Connection *connection, void **state,
                         enum MHD_RequestTerminationCode toe)
{
    struct http_server *server = cls;
    if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
        conns_waiting(server->conns, watch_of(connection)); /* for the next head */
    struct request *req = *state;
    if (req == NULL)
        return;
    int64_t micros = time_monotonic_us() - req->started_us;
    metrics_record(req->route_group, req->status, micros);
    log_access(&(struct log_access){req->method, req->path, req->status, req->response_len,
                                    (long long)micros, req->id});
    /* a shared body (a cached answer) sent again was not made for this request: nothing to give
     * back; one it built and kept (a cache's miss) left its rows freed, as any large answer */
    size_t response_len = req->response_release && !req->response_built ? 0 : req->response_len;
    int64_t cpu_us = req->work_cpu_us;
    request_free(req);
    *state = NULL;
    trim_after(response_len, cpu_us);
}

/* ================================================================ start / stop */

/* Paths and query arguments are unescaped without turning %00 into a NUL (request.h). */
static size_t on_unescape(void *cls, struct MHD_Connection *connection, char *s)
{
    return request_unescape(s);
}

struct http_server *http_server_start(const struct http_service *service)
{
    assert(service->config && service->store && service->routes && service->on_authenticate);
    const struct config *config = service->config;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)config->port)};
    if (inet_pton(AF_INET, config->host, &addr.sin_addr) != 1) {
        log_error("COPILOT_HOST %s is not an IPv4 address", config->host);
        return NULL;
    }
    int threads = config->threads > 0 ? config->threads : 4;
    struct http_server *s = xcalloc(1, sizeof *s);
    s->service = *service;
    int workers = config->workers > 0 ? config->workers : 1;
    int caps[WORK_KINDS];
    for (int k = 0; k < WORK_KINDS; k++)
        caps[k] = (workers + 1) / 2; /* one kind never takes every worker from the others */
    s->pool =
        workpool_start(workers, config->work_queue > 0 ? config->work_queue : 1, WORK_KINDS, caps);
    s->conns = conns_start(config->header_timeout, config->idle_timeout);
    /* libmicrohttpd's own timeout (silence) must not close an idle connection the watch keeps */
    int silence = config->idle_timeout + config->header_timeout;
    /* files besides the connections: the database pool, pdftotext pipes, the log, libcurl */
    int connections = conns_fit_fd_limit(config->max_connections > 0 ? config->max_connections : 1,
                                         256 + threads + workers);
    /* MHD_OPTION_CONNECTION_MEMORY_LIMIT: the pool a connection's request head, headers and
     * reply head live in; the library clears all of it after every request, so a smaller pool
     * is less to clear (COPILOT_CONNECTION_MEMORY, 16 KiB by default against the library's 32)
     *
     * poll, not epoll: libmicrohttpd 0.9.75's epoll loop, finding exactly 128 events (its
     * MAX_EVENTS), waits in a second epoll_wait for the next connection timeout before serving
     * them (docs/decisions.md, "The request threads' event loop"; connections.test.mjs) */
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_TURBO | MHD_ALLOW_SUSPEND_RESUME,
        (uint16_t)config->port, NULL, NULL, &on_access, s, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, &on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, &on_connection, s, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(silence > 60 ? silence : 60),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)connections, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
        MHD_OPTION_UNESCAPE_CALLBACK, &on_unescape, NULL, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        config->connection_memory, MHD_OPTION_END);
    if (s->daemon == NULL) {
        log_error("cannot listen on %s:%d", config->host, config->port);
        workpool_stop(s->pool);
        conns_stop(s->conns);
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : config->port;
    /* what the start-up freed (the migrations' check, the catalogue, the OpenAPI document: 2.4
     * MiB of the main heap's 5.2) goes back before the first request rather than at the first
     * trim (docs/performance.md, "Private memory (nineteenth round)") */
    malloc_trim(0);
    return s;
}

void http_server_stop(struct http_server *s)
{
    if (s == NULL)
        return;
    /* stop accepting; in-flight requests go on. The listening socket is now the caller's:
     * libmicrohttpd's stop does not close it */
    MHD_socket listener = MHD_quiesce_daemon(s->daemon);
    atomic_store(&s->stopping, true);
    workpool_stop(s->pool);                    /* slow work finishes and resumes its connections */
    while (atomic_load(&unsynced_answers) > 0) /* and the answers waiting for a sync */
        usleep(1000);
    MHD_stop_daemon(s->daemon);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    conns_stop(s->conns);
    free(s);
}

int http_server_port(const struct http_server *s)
{
    return s->port;
}
