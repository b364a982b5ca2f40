/* This file implements discovery (discovery.h): one source's fetch, and the scheduler's pass. */
#include "discovery.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/job_board.h"
#include "../lib/config.h"
#include "../lib/fetch.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "feed.h"
#include "job_import.h"
#include "job_source.h"
#include "table.h"

/* now + seconds as RFC 3339, in a. */
static const char *time_after(struct arena *a, int64_t seconds)
{
    char *out = arena_alloc(a, TIME_RFC3339_LEN);
    time_format_rfc3339(time(NULL) + (time_t)seconds, out);
    return out;
}

static const char *base_of(const struct config *cfg, const char *kind)
{
    if (strcmp(kind, "greenhouse") == 0)
        return cfg->greenhouse_url;
    if (strcmp(kind, "lever") == 0)
        return cfg->lever_url;
    if (strcmp(kind, "ashby") == 0)
        return cfg->ashby_url;
    return NULL;
}

/* GETs url: the board's answer in out (fetch_response_free it). Feeds are addresses users
 * gave, so they go through the address rule; the boards' base URLs are the operator's. */
static int get(const char *url, const struct fetch_policy *policy, const char *what,
               struct fetch_response *out, struct err *e)
{
    struct fetch_request r = {
        .url = url,
        .policy = policy,
        .max_bytes = DISCOVERY_MAX_BYTES,
        .timeout_ms = DISCOVERY_TIMEOUT_MS,
        .max_redirects = 5,
        .accept = "application/json, application/rss+xml, application/atom+xml, "
                  "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    };
    int rc = fetch_url(&r, out, e);
    if (rc == 0 && (out->status < 200 || out->status > 299)) {
        bool board = strcmp(what, "board") == 0;
        rc = err_set(e, ERR_INVALID, NULL, "the %s answered HTTP %ld%s", what, out->status,
                     out->status == 404 && board ? ": is the identifier right?" : "");
        fetch_response_free(out);
    }
    return rc;
}

/* The employer to name on postings that do not: the source's name, else the board's own
 * (Greenhouse's board name, a feed's title: also put in *board_name, an arena copy, for
 * record_fetch to store as the source's name), else for Lever and Ashby the identifier.
 * Malloc'd or NULL. */
static char *employer(const struct config *cfg, json_t *source, const struct fetch_response *answer,
                      struct arena *a, const char **board_name)
{
    const char *name = json_string_value(json_object_get(source, "name"));
    if (name)
        return strdup(name);
    const char *kind = json_string_value(json_object_get(source, "kind"));
    const char *identifier = json_string_value(json_object_get(source, "identifier"));
    char *found = NULL;
    if (strcmp(kind, "greenhouse") == 0) {
        char *url = job_board_greenhouse_board_url(cfg->greenhouse_url, identifier);
        struct fetch_response board;
        struct err ignored = {0};
        if (get(url, NULL, "board", &board, &ignored) == 0) {
            found = feed_greenhouse_name(board.body.data ? board.body.data : "", board.body.len);
            fetch_response_free(&board);
        }
        free(url);
    } else if (strcmp(kind, "rss") == 0) {
        found = feed_title(answer->body.data ? answer->body.data : "", answer->body.len);
    }
    if (found) {
        *board_name = arena_strdup(a, found);
        return found;
    }
    return strcmp(kind, "rss") == 0 ? NULL : strdup(identifier);
}

/* Fetches and reads source: *jobs the postings found, *board_name the board's own name when
 * the source has none and the board says it (else left NULL); the message of a failure in
 * error. */
static int read_source(const struct config *cfg, json_t *source, struct arena *a, json_t **jobs,
                       const char **board_name, struct err *error)
{
    const char *kind = json_string_value(json_object_get(source, "kind"));
    const char *identifier = json_string_value(json_object_get(source, "identifier"));
    bool feed = strcmp(kind, "rss") == 0;
    char *url = job_board_api_url(kind, feed ? NULL : base_of(cfg, kind), identifier);
    struct fetch_response answer;
    int rc = get(url, feed ? &cfg->capture_policy : NULL, feed ? "feed" : "board", &answer, error);
    free(url);
    if (rc)
        return rc;
    char *company = employer(cfg, source, &answer, a, board_name);
    rc = feed_parse(kind, answer.body.data ? answer.body.data : "", answer.body.len, company, jobs,
                    error);
    free(company);
    fetch_response_free(&answer);
    return rc;
}

/* The record of one fetch, stored in one transaction with what it found (or alone when the
 * board failed): the source finished, its run added, the source read back fresh. */
struct fetch_record {
    struct store_conn *c;
    struct arena *a;
    struct job_source_run run;
    const char *board_name;  /* the board's own name, stored when the source has none, or NULL */
    json_t *run_row, *fresh; /* what it stored and read (NULL until then) */
};

static int record_fetch(void *ctx, int64_t created, int64_t duplicates, size_t errors,
                        struct err *e)
{
    struct fetch_record *f = ctx;
    f->run.finished_at = time_now_text(f->a);
    f->run.created = created;
    f->run.duplicates = duplicates;
    f->run.errors = f->run.error ? 1 : (int64_t)errors;
    int rc = job_source_name_if_empty(f->c, f->run.source_id, f->board_name, e);
    if (rc == 0)
        rc = job_source_finish(f->c, f->run.source_id, f->run.finished_at, f->run.error, e);
    if (rc == 0)
        rc = job_source_add_run(f->c, &f->run, f->a, &f->run_row, e);
    if (rc == ERR_FOREIGN_KEY) { /* the source was deleted during the fetch: as if before it */
        rc = err_replace(e, ERR_NOT_FOUND, NULL, "not found");
    }
    if (rc == 0)
        rc = job_source_get(f->c, 0, f->run.source_id, f->a, &f->fresh, e);
    return rc;
}

/* One fetch of source (a row of job_sources, lease taken). The postings found and the record of
 * the fetch are stored together (job_import_rows runs record_fetch before its last commit): a
 * database failure leaves neither, frees the lease and is the answer (503), not the board's
 * failure. */
static int run_source(struct store_conn *c, const struct config *cfg, json_t *source,
                      const char *started_by, struct arena *a, json_t **result, struct err *e)
{
    const char *kind = json_string_value(json_object_get(source, "kind"));
    struct err failure = {0};
    json_t *jobs = NULL, *report = NULL, *created = json_array();
    struct fetch_record f = {
        .c = c,
        .a = a,
        .run = {.user_id = json_get_int(source, "user_id"),
                .source_id = json_get_int(source, "id"),
                .started_by = started_by,
                .started_at = time_now_text(a),
                .jobs = created},
    };
    int rc = read_source(cfg, source, a, &jobs, &f.board_name, &failure);
    f.run.found = (int64_t)json_array_size(jobs);
    if (rc == 0) {
        rc = job_import_rows(c, f.run.user_id, jobs, strcmp(kind, "rss") == 0 ? "rss" : "api", a,
                             &report, created, record_fetch, &f, e);
    } else {
        f.run.error = arena_strdup(a, failure.message);
        report = json_pack("{s:i, s:i, s:[{s:s}]}", "created", 0, "duplicates", 0, "errors",
                           "message", f.run.error);
        rc = store_begin(c, e);
        if (rc == 0)
            rc = record_fetch(&f, 0, 0, 1, e);
        rc = table_finish(c, rc, NULL, e);
    }
    if (rc == 0) {
        json_object_set_new(report, "found", json_integer(f.run.found));
        json_object_set_new(report, "source", f.fresh);
        json_object_set_new(report, "run", f.run_row);
        *result = report;
        report = NULL;
    } else { /* the database failed: free the lease, say so */
        job_source_release(c, f.run.source_id, NULL);
        json_decref(f.run_row);
        json_decref(f.fresh);
    }
    json_decref(report);
    json_decref(jobs);
    json_decref(created);
    return rc;
}

int discovery_run(struct store_conn *c, const struct config *cfg, int64_t user_id, int64_t id,
                  const char *started_by, struct arena *a, json_t **result, struct err *e)
{
    json_t *source;
    int rc = job_source_get(c, user_id, id, a, &source, e);
    if (rc)
        return rc;
    bool taken;
    rc = job_source_lease(c, id, time_now_text(a), time_after(a, DISCOVERY_LEASE_SECONDS), NULL,
                          &taken, e);
    if (rc == 0 && !taken)
        rc = err_set(e, ERR_CONFLICT, NULL,
                     "a fetch of this source is running already; try again in a moment");
    if (rc == 0)
        rc = run_source(c, cfg, source, started_by, a, result, e);
    json_decref(source);
    return rc;
}

int discovery_run_due(struct store_conn *c, const struct config *cfg, int64_t interval, int *ran,
                      struct err *e)
{
    *ran = 0;
    struct arena a;
    arena_init(&a);
    const char *now = time_now_text(&a);
    const char *due_before = time_after(&a, -interval);
    int64_t ids[DISCOVERY_DUE_BATCH];
    size_t n;
    int rc = job_source_due(c, now, due_before, ids, DISCOVERY_DUE_BATCH, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct arena one;
        arena_init(&one);
        bool taken = false;
        json_t *source = NULL, *result = NULL;
        rc = job_source_lease(c, ids[i], time_now_text(&one),
                              time_after(&one, DISCOVERY_LEASE_SECONDS), due_before, &taken, e);
        if (rc == 0 && taken) {
            rc = job_source_get(c, 0, ids[i], &one, &source, e);
            if (rc == ERR_NOT_FOUND) { /* deleted since: nothing to do */
                err_clear(e);
                taken = false;
                rc = 0;
            }
        }
        if (rc == 0 && taken)
            rc = run_source(c, cfg, source, "schedule", &one, &result, e);
        if (rc == 0 && taken)
            (*ran)++;
        json_decref(source);
        json_decref(result);
        arena_free(&one);
    }
    arena_free(&a);
    return rc;
}
