/*
 * This file implements the /jobs routes. Validation is the job field table (model/job.c);
 * duplicates and fingerprints are the model's; this file maps HTTP in and out.
 */
#include "jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../http/list.h"
#include "../http/reply.h"
#include "../http/upload.h"
#include "../lib/hash.h"
#include "../model/answer_cache.h"
#include "../model/job.h"
#include "../model/job_import.h"
#include "../store/store.h"
#include "row_reply.h"

/* Names the field behind a salary CHECK violation raised by the database: salary_min, or
 * salary_max when the body (a PATCH) gave that one alone, the field the client sent. */
static int name_salary_error(struct request *req, struct values *v, int rc)
{
    if (rc == ERR_CHECK && strstr(req->err.constraint, "salary")) {
        if (values_get(v, "salary_max") && !values_get(v, "salary_min"))
            err_restate(&req->err, "salary_max",
                        "salary_max must not be less than the job's salary_min");
        else
            err_restate(&req->err, "salary_min", JOB_SALARY_ORDER);
    }
    return rc;
}

/* The largest page kept whole (a page of long descriptions is not). */
#define LIST_KEEP_MAX ((size_t)256 * 1024)

/* Replies with a kept answer's body from byte skip on (what it was kept behind before it). */
static int reply_kept(struct request *req, struct answer *answer, size_t skip)
{
    return http_reply_json_shared(req, 200, answer->body + skip, answer->len - skip,
                                  answer_cache_release, answer, false);
}

/* Reads the page p of the caller's jobs (job_list, which fills *at when at is not NULL) as the
 * whole answer, written into items (begun here; the caller frees it, whatever the result). */
static int read_answer(struct request *req, const struct list_params *p, struct list_at *at,
                       struct buf *items)
{
    http_list_items_begin(items, p);
    int64_t total;
    int rc = job_list(request_db(req), req->user_id, p, &req->arena, items, &total, at, &req->err);
    if (rc == 0)
        http_list_items_end(items, total, p);
    return rc;
}

/* Replies with the whole answer items (read_answer's; the caller still frees it), after keeping
 * head then items as the answer of key at version (one copy; head is taken) when keep is true. */
static int reply_answer(struct request *req, bool keep, int64_t version, const char *key,
                        struct buf *head, struct buf *items)
{
    if (!keep)
        return http_reply_json_buf(req, 200, items);
    buf_grow(head, items->len);
    buf_append(head, items->data, items->len);
    size_t len = head->len;
    struct answer *answer = answer_cache_put(req->user_id, version, key, buf_steal(head), len);
    return http_reply_json_shared(req, 200, answer->body + (len - items->len), items->len,
                                  answer_cache_release, answer, true);
}

/* GET /jobs's plain first page (no filter, the default sort, no offset): its answer kept whole
 * in the answer cache (src/model/answer_cache.h, key "jobs:LIMIT") at the user's data version,
 * behind the stamp of the rows it was built from (job_list_stamp); a request whose version and
 * stamp are those sends it without reading or writing a row (about 580k -> 250k instructions a
 * request at 10,000 jobs on SQLite, docs/performance.md). On PostgreSQL the stamp rides in the
 * session's round trip (api/auth.c) in place of the count and the page: a kept page is one round
 * trip of 20 short rows, one not kept (the first after a write) a second round trip for them. */
static int list_kept(struct request *req, const struct list_params *p)
{
    struct buf stamp;
    buf_init(&stamp);
    int64_t version;
    bool known;
    int rc = job_list_stamp(request_db(req), req->user_id, p->limit, &version, &known, &stamp,
                            &req->err);
    if (rc) {
        buf_free(&stamp);
        return rc;
    }
    char key[40];
    snprintf(key, sizeof key, "jobs:%lld", (long long)p->limit);
    struct answer *answer = known ? answer_cache_get(req->user_id, version, key) : NULL;
    if (answer && (answer->len < stamp.len || memcmp(answer->body, stamp.data, stamp.len) != 0)) {
        answer_cache_release(answer); /* the same version, other rows (updated): built again */
        answer = NULL;
    }
    if (answer) {
        size_t skip = stamp.len;
        buf_free(&stamp);
        return reply_kept(req, answer, skip);
    }
    struct buf items;
    rc = read_answer(req, p, NULL, &items);
    if (rc == 0)
        rc = reply_answer(req, known && stamp.len + items.len <= LIST_KEEP_MAX, version, key,
                          &stamp, &items);
    buf_free(&items);
    buf_free(&stamp);
    return rc;
}

/* ---- a search's answer kept (docs/performance.md, PostgreSQL search page kept) ----
 * A search job_search_keeps allows is kept whole in the answer cache at the data version its
 * count read before its page (job_list's *version), behind a head: the number n of the page's
 * rows, the length of the request's text (search_text), the page's (id, row_version) pairs
 * ascending by id (int64_t each), then that text. A request of the same text reads the version
 * and those rows' row_version by primary key (job_rows_versions: one statement, which rides in
 * the session's round trip on PostgreSQL) and sends the kept answer while both are the same: at
 * one version the page's ids, order and total are one, and every write of a row moves its
 * row_version. Otherwise (nothing kept, or a write since) the search runs as before and its
 * answer is kept again; the key is a digest of the text, which the head holds whole, so two
 * texts never share an answer. */
struct search_head {
    int64_t rows, text_len;
};

/* The text of the request p (its paging, sort and every argument, each length-prefixed). */
static void search_text(const struct list_params *p, struct buf *out)
{
    buf_printf(out, "%lld %lld %s%s\n", (long long)p->limit, (long long)p->offset,
               p->desc ? "-" : "", p->sort ? p->sort : "");
    for (size_t i = 0; i < p->nargs; i++) {
        const char *value = p->args[i].value;
        buf_printf(out, "%zu:%s=", strlen(p->args[i].name), p->args[i].name);
        if (value)
            buf_printf(out, "%zu:%s", strlen(value), value);
        buf_putc(out, '\n');
    }
}

static int cmp_pair(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Writes the head for text and the page's pairs at->pairs (job_list's, in page order: sorted
 * here) into head: false when the page gave none (nothing kept then). */
static bool search_head(const struct list_at *at, const struct buf *text, struct buf *head)
{
    if (at->pairs == NULL)
        return false;
    qsort(at->pairs, at->rows, 2 * sizeof *at->pairs, cmp_pair);
    struct search_head h = {(int64_t)at->rows, (int64_t)text->len};
    buf_append(head, &h, sizeof h);
    buf_append(head, at->pairs, 2 * at->rows * sizeof *at->pairs);
    buf_append(head, text->data, text->len);
    return true;
}

/* The kept answer's head when it is that of text, and *skip the bytes before the body; else
 * NULL. */
static const int64_t *search_kept_pairs(const struct answer *answer, const struct buf *text,
                                        int64_t *rows, size_t *skip)
{
    struct search_head h;
    if (answer->len < sizeof h)
        return NULL;
    memcpy(&h, answer->body, sizeof h);
    size_t pairs = 2 * (size_t)h.rows * sizeof(int64_t);
    *skip = sizeof h + pairs + (size_t)h.text_len;
    if (h.rows < 0 || (size_t)h.text_len != text->len || answer->len < *skip ||
        memcmp(answer->body + sizeof h + pairs, text->data, text->len) != 0)
        return NULL;
    *rows = h.rows;
    return (const int64_t *)(answer->body + sizeof h); /* malloc'ed: aligned */
}

/* True when the user's rows are still those the kept answer was built from. */
static int search_still(struct request *req, const struct answer *answer, const int64_t *pairs,
                        int64_t rows, bool *same)
{
    int64_t *ids = arena_alloc(&req->arena, ((size_t)rows + 1) * sizeof *ids);
    int64_t *now = arena_alloc(&req->arena, (2 * (size_t)rows + 1) * sizeof *now);
    for (int64_t i = 0; i < rows; i++)
        ids[i] = pairs[2 * i];
    int64_t version;
    bool known;
    size_t found;
    int rc = job_rows_versions(request_db(req), req->user_id, ids, (size_t)rows, &version, &known,
                               now, &found, &req->err);
    *same = rc == 0 && known && version == answer->version && found == (size_t)rows &&
            memcmp(now, pairs, 2 * (size_t)rows * sizeof *now) == 0;
    return rc;
}

static int search_kept(struct request *req, const struct list_params *p)
{
    struct buf text;
    buf_init(&text);
    search_text(p, &text);
    char key[40];
    snprintf(key, sizeof key, "jobsq:%016llx",
             (unsigned long long)fnv1a_bytes(FNV1A_SEED, text.data, text.len));
    struct answer *answer = answer_cache_peek(req->user_id, key);
    int rc = 0;
    if (answer) {
        int64_t rows;
        size_t skip;
        const int64_t *pairs = search_kept_pairs(answer, &text, &rows, &skip);
        bool same = false;
        if (pairs)
            rc = search_still(req, answer, pairs, rows, &same);
        if (same) {
            buf_free(&text);
            return reply_kept(req, answer, skip);
        }
        answer_cache_release(answer);
        if (rc) {
            buf_free(&text);
            return rc;
        }
    }
    struct buf items, head;
    buf_init(&head);
    struct list_at at = {-1, NULL, 0};
    rc = read_answer(req, p, &at, &items);
    if (rc == 0) {
        bool keep = at.version >= 0 && items.len + text.len <= LIST_KEEP_MAX &&
                    search_head(&at, &text, &head);
        rc = reply_answer(req, keep, at.version, key, &head, &items);
    }
    buf_free(&items);
    buf_free(&head);
    buf_free(&text);
    return rc;
}

/* A page of the caller's jobs that is not kept (any other page, sort, filter or search). */
static int jobs_page(struct request *req, const struct list_params *p, struct buf *items,
                     int64_t *total)
{
    return job_list(request_db(req), req->user_id, p, &req->arena, items, total, NULL, &req->err);
}

int api_jobs_list(struct request *req)
{
    struct list_params p;
    int rc = http_list_params(req, &p);
    if (rc)
        return rc;
    if (p.offset == 0 && p.sort == NULL && p.nargs == 0 && answer_cache_enabled())
        return list_kept(req, &p);
    if (answer_cache_enabled() && job_search_keeps(&p))
        return search_kept(req, &p);
    return http_reply_page(req, &p, jobs_page);
}

int api_jobs_create(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&job_table, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc == 0)
        rc = job_check_salary(&v, &req->err);
    if (rc)
        return rc;
    json_t *job, *possible;
    /* the commit returns before its WAL sync: the request thread goes on to other connections
     * and the server sends this answer once a sync covers it (server.c, answer_when_synced) */
    (void)store_defer_sync(request_db(req));
    rc = job_create(request_db(req), req->user_id, &v, &req->arena, &job, &possible, &req->err);
    if (rc)
        return name_salary_error(req, &v, rc);
    json_object_set_new(job, "possible_duplicates", possible);
    return http_reply_created_at(req, job, "/api/v1/jobs");
}

/* ---- a job's answer kept behind its row stamp (docs/performance.md, "PostgreSQL's requests
 * against their floor (thirty-seventh round)") ----
 * On an engine with a row stamp (store_sql_row_stamp: PostgreSQL's xmin, which every write of
 * the row moves, triggers or not), GET /jobs/{id}'s answer is kept whole in the answer cache
 * (key "job:ID", at the stamp as its version) behind a head of the stamp and the row_version it
 * was written from. A job kept is asked for its stamp and row_version alone (table_row_stamp:
 * two short cells, riding in the session's round trip as the row did) and the kept answer is
 * sent while both read the same, without the row's 27 cells read, parsed and written as JSON.
 * A job with nothing kept is read as before, its stamp a last column of the same statement
 * (one round trip), and kept; one kept and written since costs a second round trip for the row.
 * No answer is kept or served across users (the key holds the user, the statements the owner),
 * and every request reads the stamp in the database: several servers on one database never
 * serve each other's old rows. SQLite has no row stamp (a rowid may be written again by a
 * delete and an insert) and reads the row in-process, where a round trip saves nothing. */
struct job_head {
    int64_t stamp, version;
    int64_t versioned; /* the answer had a version (its ETag) */
};

static int job_get_kept(struct request *req)
{
    struct store_conn *db = request_db(req);
    int64_t id = request_param_id(req, 0);
    char key[40];
    snprintf(key, sizeof key, "job:%lld", (long long)id);
    struct answer *answer = answer_cache_peek(req->user_id, key);
    if (answer) {
        bool found;
        int64_t stamp, version;
        int rc =
            table_row_stamp(db, &job_table, req->user_id, id, &found, &stamp, &version, &req->err);
        struct job_head h;
        memcpy(&h, answer->body, sizeof h);
        if (rc == 0 && found && stamp == h.stamp && version == h.version) {
            char *v = NULL;
            if (h.versioned) {
                v = arena_alloc(&req->arena, BUF_INT_LEN);
                buf_int_text(h.version, v);
            }
            return http_reply_row_shared(req, 200, answer->body + sizeof h, answer->len - sizeof h,
                                         v, answer_cache_release, answer, false);
        }
        answer_cache_release(answer);
        if (rc)
            return rc;
        if (!found)
            return err_set(&req->err, ERR_NOT_FOUND, NULL, "not found");
    }
    struct buf text;
    buf_init(&text);
    struct job_head h = {0};
    buf_append(&text, &h, sizeof h); /* filled once read */
    const char *version;
    int rc = table_get_text_stamped(db, &job_table, req->user_id, id, &req->arena, &text, &version,
                                    &h.stamp, &req->err);
    if (rc) {
        buf_free(&text);
        return rc;
    }
    h.versioned = version != NULL;
    h.version = version ? strtoll(version, NULL, 10) : 0;
    memcpy(text.data, &h, sizeof h);
    size_t len = text.len;
    answer = answer_cache_put(req->user_id, h.stamp, key, buf_steal(&text), len);
    return http_reply_row_shared(req, 200, answer->body + sizeof h, len - sizeof h, version,
                                 answer_cache_release, answer, true);
}

int api_jobs_get(struct request *req)
{
    if (store_sql_row_stamp(request_db(req)) && answer_cache_enabled())
        return job_get_kept(req);
    struct buf text; /* the row written as text, as the list writes it */
    buf_init(&text);
    const char *version;
    int rc = table_get_text(request_db(req), &job_table, req->user_id, request_param_id(req, 0),
                            &req->arena, &text, &version, &req->err);
    if (rc == 0)
        rc = http_reply_row_text(req, 200, text.data, text.len, version);
    buf_free(&text);
    return rc;
}

/* PATCH changes the fields given; PUT replaces the job (absent nullable fields become null). */
static int update(struct request *req, bool replace)
{
    struct values v = {0};
    int rc = table_parse_update(&job_table, req->json, replace, &req->arena, &v, &req->err);
    if (rc == 0)
        rc = job_check_salary(&v, &req->err);
    if (rc)
        return rc;
    json_t *job;
    rc = job_update(request_db(req), req->user_id, request_param_id(req, 0), &v, &req->arena, &job,
                    &req->err);
    return rc ? name_salary_error(req, &v, rc) : http_reply_json(req, 200, job);
}

int api_jobs_update(struct request *req)
{
    return update(req, false);
}

int api_jobs_replace(struct request *req)
{
    return update(req, true);
}

int api_jobs_delete(struct request *req)
{
    return api_reply_row_delete(req, &job_table);
}

/* PUT /jobs/{id}/resume {resume_id}: the résumé the job is matched and written with; null
 * goes back to the primary one. */
int api_jobs_choose_resume(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&job_resume_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    struct field_value *chosen = values_get(&v, "resume_id");
    if (chosen == NULL)
        return err_set(&req->err, ERR_INVALID, "resume_id",
                       "resume_id is required (null for the primary résumé)");
    json_t *job;
    rc = job_resume_choose(request_db(req), req->user_id, request_param_id(req, 0),
                           chosen->value.type == STORE_NULL ? 0 : chosen->value.i, &req->arena,
                           &job, &req->err);
    return rc ? rc : http_reply_json(req, 200, job);
}

/* The import body: a JSON array, a CSV body, or a multipart upload whose part "file" is CSV
 * (or JSON when it is named *.json or declared application/json). */
int api_jobs_import(struct request *req)
{
    const char *data = req->body.data ? req->body.data : "";
    size_t len = req->body.len;
    enum import_format format;
    if (request_content_type_is(req, "multipart/form-data")) {
        struct upload file;
        int rc = http_upload_file(req, "file", &file);
        if (rc)
            return rc;
        size_t n = file.filename ? strlen(file.filename) : 0;
        bool json = (n > 5 && strcmp(file.filename + n - 5, ".json") == 0) ||
                    (file.content_type && strncmp(file.content_type, "application/json", 16) == 0);
        format = json ? IMPORT_JSON : IMPORT_CSV;
        data = file.data;
        len = file.len;
    } else if (request_content_type_is(req, "text/csv")) {
        format = IMPORT_CSV;
    } else if (request_content_type_is(req, "application/json")) {
        format = IMPORT_JSON;
    } else {
        return err_set(&req->err, ERR_UNSUPPORTED, NULL,
                       "send a JSON array (application/json), a CSV body (text/csv) or a "
                       "multipart/form-data upload with a part called file");
    }
    json_t *report;
    int rc = job_import(request_db(req), req->user_id, data, len, format, &req->arena, &report,
                        &req->err);
    return rc ? rc : http_reply_json(req, 200, report);
}

static const char *const export_formats[] = {"json", "csv", NULL};
static const struct field export_query_fields[] = {
    {"format", FT_TEXT, 0, export_formats},
    {NULL},
};
const struct table api_jobs_export_query = {NULL, export_query_fields, false, "JobExportQuery"};

static int export_next(void *x, struct buf *out, struct err *e)
{
    return job_export_next(x, out, e);
}

static void export_close(void *x)
{
    job_export_close(x);
}

int api_jobs_export(struct request *req)
{
    const char *format;
    int rc = request_query_enum(req, "format", export_formats, export_formats[0], &format);
    if (rc)
        return rc;
    bool csv = strcmp(format, "csv") == 0;
    struct job_export *x;
    rc = job_export_open(request_db(req), req->user_id, csv ? IMPORT_CSV : IMPORT_JSON, &x,
                         &req->err);
    if (rc)
        return rc;
    http_add_header(req, "Content-Disposition",
                    csv ? "attachment; filename=\"jobs.csv\""
                        : "attachment; filename=\"jobs.json\"");
    return http_reply_stream(req, 200,
                             csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
                             export_next, export_close, x);
}
