/*
 * This file implements bulk import and export of jobs (job_import.h). Both formats become a
 * list of JSON objects that go through the same validation (table_parse) and the same
 * create path (job_create) as POST /jobs; a row that fails in the database never spoils its
 * batch (the batch is replayed with a savepoint per row, see struct import). Rows are read a
 * batch ahead: the batch's duplicates are looked up with one statement (job_keys_load) before
 * its rows are stored, instead of one lookup per row (a round trip each on PostgreSQL), and
 * its new jobs are stored with multi-row INSERTs (job_create_many): PostgreSQL's per-statement
 * triggers then write the user's counters once per statement, not once per job (updating the
 * same row once per job in one transaction grows quadratic there; docs/performance.md). A JSON
 * text's items are read and validated by a thread of their own while the rows before are
 * stored (struct feed).
 * Here: the batches and the JSON text's feed; the CSV reader is job_import_csv.c, the export
 * job_import_export.c, and job_import_internal.h declares what job_import.c and
 * job_import_csv.c share.
 */
#include "job_import.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/xalloc.h"
#include "job.h"
#include "job_import_internal.h"

/* Rows per transaction: a batch holds SQLite's write lock for about this many inserts, and a
 * row that fails inside the database costs a replay of at most this many. */
#define BATCH_ROWS 1000

/* Batches an import stores in one transaction at most while its JSON text is still read
 * (feed): then it waits for the text's end. The write lock is held that much longer (SQLite's
 * other writers wait up to busy_timeout, 5 s): 4 batches of 10k bench rows are about 1 s. */
#define FEED_BATCHES 4

/* An import that created at least this many jobs refreshes the table's planner statistics
 * (store_refresh_stats): on PostgreSQL, until autovacuum comes by, the planner would take the
 * new rows for a few and a search would read the GIN index's pending list in full (10,000
 * imported jobs: GET /jobs?q=word 117 -> ~900 req/s; docs/performance.md). */
#define REFRESH_ROWS 1000

/* The columns of jobs whose statistics that refresh takes (PostgreSQL's ANALYZE with a column
 * list): every column a read filters, sorts, groups or joins on, or tests for NULL. Left out: the
 * wide texts only ever read out or searched through jobs_search (location, description,
 * requirements, salary_range, responsibilities, documents_required, application_url, source_url,
 * notes, search_vector), whose statistics were 0.1 s of the 10,000-job import's 0.5 s refresh;
 * and with a list, the index expressions (lower(company)): autovacuum's next ANALYZE takes those
 * (docs/performance.md, the import's closing VACUUM, twentieth round). */
/* The statistics target of that refresh (store_refresh_stats): 3,000 rows sampled instead of
 * 30,000, at most 10 common values and histogram buckets a column. ANALYZE copies each sampled
 * row whole, so the sample is most of its cost (10,000 imported jobs: the refresh's backend CPU
 * about halved); the plans of the reads right after an import stay the same (docs/performance.md,
 * the import on PostgreSQL, twenty-eighth round), and autovacuum's next ANALYZE takes the default
 * target again. */
#define REFRESH_STATS_TARGET 10

static const char refresh_columns[] =
    "id, user_id, company, title, salary_min, salary_max, currency, job_type, remote_option, "
    "tech_stack, source, status, date_applied, job_fingerprint, created_at, updated_at, "
    "application_url_key, source_url_key, row_version, resume_id";

static bool feed_done(struct import *im);

/* Tells the caller that row (1-based) was read: once the JSON text's rows are counted (the
 * text read in full), as when it was read before the rows were taken. */
static void row_done(struct import *im, long row)
{
    if (im->progress && (im->feed == NULL || feed_done(im)))
        im->progress(im->progress_ctx, row, im->total);
}

static const struct field row_error_fields[] = {
    {"row", FT_INT, F_NOTNULL,
     .doc = "1-based: the JSON array's item, or the CSV record after "
            "the header"},
    {"message", FT_TEXT, F_NOTNULL},
    {"field", FT_TEXT, F_OPTIONAL},
    {NULL},
};
static const struct table row_error_shape = {NULL, row_error_fields, false, "ImportRowError"};
static const struct field report_fields[] = {
    {"created", FT_INT, F_NOTNULL},
    {"duplicates", FT_INT, F_NOTNULL},
    {"errors", FT_LIST, F_NOTNULL, .of = &row_error_shape},
    {"ignored_columns", FT_STRINGS, F_NOTNULL, .doc = "CSV columns that are not job fields"},
    {NULL},
};
const struct table job_import_report = {NULL, report_fields, false, "ImportReport"};

static json_t *error_item(long row, const struct err *e)
{
    json_t *item = json_pack("{s:i, s:s}", "row", (int)row, "message", e->message);
    if (e->field[0])
        json_object_set_new(item, "field", json_string(e->field));
    return item;
}

static void row_error(struct import *im, long row, const struct err *e)
{
    json_array_append_new(im->errors, error_item(row, e));
}

/* Opens a batch: its savepoint. */
static int batch_open(struct import *im, struct err *e)
{
    return store_exec(im->c, "SAVEPOINT import_batch", NULL, 0, NULL, e);
}

static void feed_wait(struct import *im);

/* Ends the batch: commits and opens the next one. While the feed still reads the JSON text,
 * nothing is committed (a text found malformed further on must leave no row, as when it was
 * read whole first): the batch's savepoint is released and the next one opened in the same
 * transaction, at most FEED_BATCHES of them, then the import waits for the text's end. */
static int batch_next(struct import *im, struct err *e)
{
    if (im->feed && !feed_done(im) && ++im->uncommitted < FEED_BATCHES) {
        int rc = store_exec(im->c, "RELEASE SAVEPOINT import_batch", NULL, 0, NULL, e);
        return rc ? rc : batch_open(im, e);
    }
    if (im->feed)
        feed_wait(im);
    if (im->feed && !feed_done(im)) { /* the text is malformed: import_json undoes the rows */
        int rc = store_exec(im->c, "RELEASE SAVEPOINT import_batch", NULL, 0, NULL, e);
        return rc ? rc : batch_open(im, e);
    }
    int rc = store_commit(im->c, e);
    if (rc == 0)
        rc = store_begin(im->c, e);
    return rc ? rc : batch_open(im, e);
}

/* Validates obj into *v, its text copied into a; rows without a source get source (NULL:
 * "import"). 0, or the error in row_err (nothing was sent to the database). No database and
 * nothing of struct import: the feed's thread runs it too. */
static int parse_row(const char *source, json_t *obj, struct arena *a, struct values *v,
                     struct err *row_err)
{
    v->n = 0;
    int rc = table_parse(&job_table, obj, PARSE_CREATE, a, v, row_err);
    struct field_value *lo = values_get(v, "salary_min"), *hi = values_get(v, "salary_max");
    if (rc == 0 && lo && hi && lo->value.type == STORE_INT && hi->value.type == STORE_INT &&
        lo->value.i > hi->value.i)
        rc = err_set(row_err, ERR_INVALID, "salary_min",
                     "salary_min must not be greater than salary_max");
    if (rc == 0 && values_get(v, "source") == NULL)
        values_set(v, &job_table, "source", SV_TEXT(source ? source : "import"));
    return rc;
}

/* parse_row, then the keys of the duplicate check (job_new_keys) of a valid row. */
static int prepare_row(const char *source, json_t *obj, struct arena *a, struct values *v,
                       struct err *row_err)
{
    int rc = parse_row(source, obj, a, v, row_err);
    if (rc == 0)
        job_new_keys(v, a);
    return rc;
}

/* The values of a row the feed parsed, into *v. */
static void values_from(struct values *v, const struct pending *p)
{
    memcpy(v->items, p->items, (size_t)p->nitems * sizeof *p->items);
    v->n = p->nitems;
}

/* Creates the job of the parsed row v (job_create: its duplicate check included). The job's
 * summary goes to created_jobs. */
static int store_row(struct import *im, struct values *v, struct err *row_err)
{
    json_t *job = NULL;
    /* the stored row is read back only for created_jobs */
    json_t **out = im->created_jobs ? &job : NULL;
    int rc = job_create(im->c, im->user_id, v, &im->batch_arena, out, NULL, row_err);
    if (rc == 0 && im->created_jobs)
        json_array_append_new(im->created_jobs,
                              json_pack("{s:O, s:O, s:O}", "id", json_object_get(job, "id"),
                                        "title", json_object_get(job, "title"), "company",
                                        json_object_get(job, "company")));
    json_decref(job);
    return rc;
}

/* Validates p's row (unless the feed did) and creates its job: 0, or the error in row_err
 * (a row refused by validation never reaches the database). */
static int create_row(struct import *im, const struct pending *p, struct err *row_err)
{
    struct values v;
    int rc = 0;
    if (p->obj)
        rc = parse_row(im->source, p->obj, im->a, &v, row_err);
    else
        values_from(&v, p);
    return rc ? rc : store_row(im, &v, row_err);
}

/* Stores p's row with a savepoint of its own (a batch replayed), its duplicate check one
 * statement of its own; row-level problems go to the report. */
static int careful_row(struct import *im, const struct pending *p, struct err *e)
{
    struct err row_err = {0};
    int rc = store_exec(im->c, "SAVEPOINT job_import_row", NULL, 0, NULL, e);
    if (rc)
        return rc;
    rc = create_row(im, p, &row_err);
    if (rc == 0) {
        im->created++;
        rc = store_exec(im->c, "RELEASE SAVEPOINT job_import_row", NULL, 0, NULL, e);
    } else if (rc == ERR_DB) {
        err_set(e, ERR_DB, NULL, "%s", row_err.message);
    } else {
        if (rc == ERR_CONFLICT)
            im->duplicates++;
        else
            row_error(im, p->row, &row_err);
        rc = store_exec(im->c, "ROLLBACK TO SAVEPOINT job_import_row", NULL, 0, NULL, e);
    }
    return rc;
}

/* Stores the batch's new jobs (the valid rows that are no duplicates: job_create_many) and
 * reports its rows in order. 1 when a statement failed inside the database (nothing of the
 * batch is then reported: the caller replays it). */
static int fast_batch(struct import *im, struct job_keys *keys)
{
    size_t nnew = 0;
    for (size_t i = 0; i < im->npending; i++) {
        struct pending *p = &im->pending[i];
        if (p->error)
            continue;
        /* a duplicate of a job of the batch is one too (its keys are added as it is taken) */
        p->duplicate = job_keys_duplicate(keys, p->v);
        if (!p->duplicate) {
            job_keys_add(keys, p->v);
            im->valid[nnew++] = p->v;
        }
    }
    struct err row_err = {0};
    if (job_create_many(im->c, im->user_id, im->valid, nnew, &im->batch_arena,
                        im->created_jobs ? im->ids : NULL, &row_err))
        return 1; /* a unique index's refusal too: SQLite undid its statement, not the batch */
    for (size_t i = 0, k = 0; i < im->npending; i++) {
        struct pending *p = &im->pending[i];
        if (p->error) {
            json_array_append(im->errors, p->error);
        } else if (p->duplicate) {
            im->duplicates++;
        } else {
            im->created++;
            if (im->created_jobs) /* the values stored: as the row reads back */
                json_array_append_new(im->created_jobs,
                                      json_pack("{s:I, s:s, s:s}", "id", (json_int_t)im->ids[k],
                                                "title", values_text(p->v, "title"), "company",
                                                values_text(p->v, "company")));
            k++;
        }
        row_done(im, p->row);
    }
    return 0;
}

/* Stores the batch again from its savepoint, a row at a time with a savepoint each. */
static int careful_batch(struct import *im, struct err *e)
{
    int rc = store_exec(im->c, "ROLLBACK TO SAVEPOINT import_batch", NULL, 0, NULL, e);
    for (size_t i = 0; rc == 0 && i < im->npending; i++) {
        struct pending *p = &im->pending[i];
        if (p->error)
            json_array_append(im->errors, p->error);
        else
            rc = careful_row(im, p, e);
        if (rc == 0)
            row_done(im, p->row);
    }
    return rc;
}

static void feed_batch_free(struct feed_batch *b);

/* Forgets the rows read since the last batch (stored, reported or undone), and the feed's
 * batches that held their values. */
static void pending_clear(struct import *im)
{
    for (size_t i = 0; i < im->npending; i++) {
        json_decref(im->pending[i].obj);
        json_decref(im->pending[i].error);
    }
    im->npending = im->queued = 0;
    for (size_t i = 0; i < im->nheld; i++)
        feed_batch_free(im->held[i]);
    im->nheld = 0;
}

/* Stores the rows read since the last batch, in order: validates them, looks up their
 * duplicates among the user's jobs with one statement, then creates them (a duplicate of a
 * job created earlier in the batch is found too). Row-level problems go to the report. */
static int flush_batch(struct import *im, struct err *e)
{
    if (im->queued > im->values_cap) {
        im->values_cap = im->queued;
        free(im->values);
        free(im->valid);
        free(im->ids);
        im->values = xmalloc(im->values_cap * sizeof *im->values);
        im->valid = xmalloc(im->values_cap * sizeof *im->valid);
        im->ids = xmalloc(im->values_cap * sizeof *im->ids);
    }
    size_t nvalid = 0;
    for (size_t i = 0; i < im->npending; i++) {
        struct pending *p = &im->pending[i];
        if (p->error) /* refused as read, or by the feed's validation */
            continue;
        struct err row_err = {0};
        p->v = &im->values[nvalid];
        if (p->obj == NULL) {
            values_from(p->v, p);
        } else if (prepare_row(im->source, p->obj, im->a, p->v, &row_err)) {
            p->error = error_item(p->row, &row_err);
            continue;
        }
        im->valid[nvalid++] = p->v;
    }
    struct job_keys keys;
    int rc = job_keys_load(im->c, im->user_id, im->valid, nvalid, &keys, e);
    if (rc == 0 && fast_batch(im, &keys))
        rc = careful_batch(im, e);
    job_keys_free(&keys);
    pending_clear(im);
    arena_free(&im->batch_arena);
    return rc;
}

/* Takes row p into the batch: a row counts towards BATCH_ROWS when counted (a CSV record
 * refused as read comes along uncounted). */
static void queue_row(struct import *im, struct pending p, bool counted)
{
    if (im->npending == im->pending_cap) {
        im->pending_cap = im->pending_cap ? 2 * im->pending_cap : 64;
        im->pending = xrealloc(im->pending, im->pending_cap * sizeof *im->pending);
    }
    if (p.obj)
        json_incref(p.obj);
    im->pending[im->npending++] = p;
    if (counted)
        im->queued++;
}

/* Stores the batch once it is full, then commits (batch_next). */
static int batch_full(struct import *im, struct err *e)
{
    if (im->queued < BATCH_ROWS)
        return 0;
    int rc = flush_batch(im, e);
    return rc ? rc : batch_next(im, e);
}

/* Takes row object obj into the batch; a full batch is stored and committed. */
int job_import_row(struct import *im, long row, json_t *obj, struct err *e)
{
    queue_row(im, (struct pending){.row = row, .obj = obj}, true);
    return batch_full(im, e);
}

/* A CSV record refused as read: reported in its place among the rows. */
void job_refused_record(struct import *im, long row, const struct err *e)
{
    queue_row(im, (struct pending){.row = row, .error = error_item(row, e)}, false);
}

/* ================================================================ JSON */

static int import_array(struct import *im, json_t *rows, struct err *e)
{
    if (!json_is_array(rows))
        return err_set(e, ERR_INVALID, NULL, "the body must be a JSON array of jobs");
    size_t i;
    json_t *obj;
    im->total = (int64_t)json_array_size(rows);
    json_array_foreach(rows, i, obj)
    {
        int rc = job_import_row(im, (long)i + 1, obj, e);
        if (rc)
            return rc;
    }
    return 0;
}

/* The JSON text read whole, then its rows taken. */
static int import_whole(struct import *im, const char *data, size_t len, struct err *e)
{
    json_error_t jerr;
    json_t *rows = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (rows == NULL)
        return err_set(e, ERR_BAD_REQUEST, NULL, "malformed JSON: %s (line %d)", jerr.text,
                       jerr.line);
    int rc = import_array(im, rows, e);
    json_decref(rows);
    return rc;
}

/* A JSON text's rows read and validated by a thread of their own while the import stores the
 * rows read before: jansson reading the text, then validating each row and computing its
 * duplicate keys, are about a third of the import's instructions, and a second core takes
 * them off the import's way (docs/performance.md, "The import (seventeenth round)" and
 * "(eighteenth round)"). Each item of the array is one json_loadb with JSON_DISABLE_EOF_CHECK
 * (which tells where the item ended); between items the thread only steps over whitespace, one
 * comma, and the closing bracket. Anything else, an item jansson refuses, or an item nested
 * deeper than FEED_MAX_DEPTH fails the feed: the import then undoes what it stored (nothing
 * was committed) and reads the text whole with one json_loadb as before, for the same answer.
 * The rows go to the import a batch (BATCH_ROWS rows) at a time, each batch with the memory of
 * its rows' values (its arena): the import frees it once those rows are stored. */
struct feed {
    pthread_mutex_t lock;
    pthread_cond_t more;
    const char *data;
    size_t len;
    const char *source;          /* the rows' default source (parse_row) */
    struct feed_batch **batches; /* the batches read, in order; taken (and owned) by the import */
    size_t n, cap;
    size_t rows; /* in the batches */
    bool stop;   /* the import ended early: stop reading */
    enum { FEED_READING, FEED_DONE, FEED_FAILED } state;
};

/* A row the feed read: its values (table_parse's, with the duplicate check's keys and the
 * default source: what flush_batch would have made of it), or its error item when validation
 * refused it. The row's JSON object is gone by then (the values hold copies of its text). */
struct feed_row {
    struct field_value *items; /* NULL when refused */
    int nitems;
    json_t *error;
};

struct feed_batch {
    struct arena arena; /* the rows' values */
    size_t n;
    struct feed_row rows[BATCH_ROWS];
};

static void feed_batch_free(struct feed_batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        json_decref(b->rows[i].error);
    arena_free(&b->arena);
    free(b);
}

/* Items nested this deep are left to the whole text's json_loadb (whose depth limit counts the
 * array too). */
#define FEED_MAX_DEPTH 512

static size_t skip_space(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

static bool too_deep(json_t *v, int depth)
{
    if (depth >= FEED_MAX_DEPTH)
        return true;
    json_t *x;
    if (json_is_object(v)) {
        const char *key;
        json_object_foreach(v, key, x)
        {
            if ((json_is_object(x) || json_is_array(x)) && too_deep(x, depth + 1))
                return true;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_array_foreach(v, i, x)
        {
            if ((json_is_object(x) || json_is_array(x)) && too_deep(x, depth + 1))
                return true;
        }
    }
    return false;
}

/* Validates item, the text's row number row, into the next row of b: what flush_batch does with
 * a row object, here on the feed's thread, into b's arena. Takes item's reference. */
static void feed_row(const struct feed *f, struct feed_batch *b, long row, json_t *item)
{
    struct feed_row *r = &b->rows[b->n++];
    *r = (struct feed_row){0};
    struct values v;
    struct err row_err = {0};
    if (prepare_row(f->source, item, &b->arena, &v, &row_err)) {
        r->error = error_item(row, &row_err);
    } else {
        r->nitems = v.n;
        r->items = arena_alloc(&b->arena, (size_t)v.n * sizeof *r->items);
        for (int i = 0; i < v.n; i++) {
            r->items[i] = v.items[i];
            r->items[i].json = NULL; /* borrowed from item */
        }
    }
    json_decref(item);
}

/* Hands batch b to the import; false when the import stopped (b is then freed). */
static bool feed_push(struct feed *f, struct feed_batch *b)
{
    pthread_mutex_lock(&f->lock);
    bool stop = f->stop;
    if (!stop) {
        if (f->n == f->cap) {
            f->cap = f->cap ? 2 * f->cap : 64;
            f->batches = xrealloc(f->batches, f->cap * sizeof *f->batches);
        }
        f->batches[f->n++] = b;
        f->rows += b->n;
        pthread_cond_signal(&f->more);
    }
    pthread_mutex_unlock(&f->lock);
    if (stop)
        feed_batch_free(b);
    return !stop;
}

static struct feed_batch *feed_batch_new(void)
{
    struct feed_batch *b = xmalloc(sizeof *b);
    arena_init(&b->arena);
    b->n = 0;
    return b;
}

static void *feed_read(void *arg)
{
    struct feed *f = arg;
    const char *s = f->data;
    size_t len = f->len, i = skip_space(s, len, 0);
    struct feed_batch *b = NULL;
    bool ok = i < len && s[i] == '[';
    if (ok)
        i = skip_space(s, len, i + 1);
    if (ok && !(i < len && s[i] == ']')) {
        long row = 0;
        for (;;) {
            json_error_t jerr;
            json_t *item = json_loadb(
                s + i, len - i, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES,
                &jerr);
            if (item == NULL || jerr.position <= 0 || too_deep(item, 1)) {
                json_decref(item);
                ok = false;
                break;
            }
            if (b == NULL)
                b = feed_batch_new();
            feed_row(f, b, ++row, item);
            if (b->n == BATCH_ROWS) {
                bool taken = feed_push(f, b);
                b = NULL;
                if (!taken)
                    break;
            }
            i = skip_space(s, len, i + (size_t)jerr.position);
            if (i < len && s[i] == ',') {
                i++;
                continue;
            }
            ok = i < len && s[i] == ']';
            break;
        }
    }
    if (ok)
        ok = skip_space(s, len, i + 1) == len;
    if (b && ok)
        feed_push(f, b); /* the last rows */
    else if (b)
        feed_batch_free(b);
    pthread_mutex_lock(&f->lock);
    f->state = ok ? FEED_DONE : FEED_FAILED;
    pthread_cond_broadcast(&f->more);
    pthread_mutex_unlock(&f->lock);
    return NULL;
}

/* Whether the feed read the whole text; then the rows' number is known. */
static bool feed_done(struct import *im)
{
    struct feed *f = im->feed;
    pthread_mutex_lock(&f->lock);
    bool done = f->state == FEED_DONE;
    if (done)
        im->total = (int64_t)f->rows;
    pthread_mutex_unlock(&f->lock);
    return done;
}

/* Waits until the feed has read the whole text or failed. */
static void feed_wait(struct import *im)
{
    struct feed *f = im->feed;
    pthread_mutex_lock(&f->lock);
    while (f->state == FEED_READING)
        pthread_cond_wait(&f->more, &f->lock);
    pthread_mutex_unlock(&f->lock);
}

/* The next batch (*k counts the batches taken), or NULL at the text's end or when it failed. */
static struct feed_batch *feed_take(struct feed *f, size_t *k)
{
    pthread_mutex_lock(&f->lock);
    while (*k == f->n && f->state == FEED_READING)
        pthread_cond_wait(&f->more, &f->lock);
    struct feed_batch *b = f->state != FEED_FAILED && *k < f->n ? f->batches[(*k)++] : NULL;
    pthread_mutex_unlock(&f->lock);
    return b;
}

/* Takes the feed's batch b into the import, its rows in order (full batches are stored);
 * b is freed once its rows are. */
static int import_batch(struct import *im, struct feed_batch *b, long *row, struct err *e)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < b->n; i++) {
        struct feed_row *r = &b->rows[i];
        ++*row;
        queue_row(im,
                  (struct pending){.row = *row,
                                   .error = r->error ? json_incref(r->error) : NULL,
                                   .items = r->items,
                                   .nitems = r->nitems},
                  true);
        rc = batch_full(im, e);
    }
    if (im->npending == 0) { /* its rows stored (or, after an error, forgotten) */
        feed_batch_free(b);
        return rc;
    }
    if (im->nheld == im->held_cap) {
        im->held_cap = im->held_cap ? 2 * im->held_cap : 4;
        im->held = xrealloc(im->held, im->held_cap * sizeof *im->held);
    }
    im->held[im->nheld++] = b; /* freed with the rows (pending_clear) */
    return rc;
}

/* Forgets what a failed attempt stored and reported, in a new transaction. */
static int import_restart(struct import *im, struct err *e)
{
    store_rollback(im->c);
    json_array_clear(im->errors);
    im->created = im->duplicates = im->total = 0;
    pending_clear(im);
    int rc = store_begin(im->c, e);
    return rc ? rc : batch_open(im, e);
}

static int import_json(struct import *im, const char *data, size_t len, struct err *e)
{
    struct feed f = {.data = data, .len = len, .source = im->source};
    pthread_mutex_init(&f.lock, NULL);
    pthread_cond_init(&f.more, NULL);
    pthread_t reader;
    if (pthread_create(&reader, NULL, feed_read, &f) != 0) {
        pthread_mutex_destroy(&f.lock);
        pthread_cond_destroy(&f.more);
        return import_whole(im, data, len, e);
    }
    im->feed = &f;
    int rc = 0;
    size_t k = 0;
    long row = 0;
    for (struct feed_batch *b; rc == 0 && (b = feed_take(&f, &k)) != NULL;)
        rc = import_batch(im, b, &row, e);
    pthread_mutex_lock(&f.lock);
    f.stop = true;
    pthread_mutex_unlock(&f.lock);
    pthread_join(reader, NULL);
    for (size_t i = k; i < f.n; i++)
        feed_batch_free(f.batches[i]);
    free(f.batches);
    pthread_mutex_destroy(&f.lock);
    pthread_cond_destroy(&f.more);
    im->feed = NULL;
    if (rc == 0 && f.state == FEED_DONE)
        im->total = (int64_t)f.rows; /* the last batch's progress (run_import stores it) */
    else if (rc == 0 && (rc = import_restart(im, e)) == 0) /* FEED_FAILED */
        rc = import_whole(im, data, len, e);               /* as before: the text read whole */
    return rc;
}

/* ================================================================ entry points */

enum csv_cell job_csv_kind(const char *column)
{
    const struct field *f = table_field(&job_table, column);
    return f && (f->type == FT_INT || f->type == FT_REAL) ? CSV_NUMBER : CSV_TEXT;
}

/* Frees what the import holds but its report. */
static void import_free(struct import *im)
{
    pending_clear(im);
    arena_free(&im->batch_arena);
    free(im->pending);
    free(im->held);
    free(im->values);
    free(im->valid);
    free(im->ids);
}

/* Runs the import in one transaction (committed every BATCH_ROWS rows) and builds the report.
 * Exactly one of rows (a parsed array) and data (JSON or CSV text) is given. */
static int run_import(struct import *im, json_t *rows, const char *data, size_t len,
                      enum import_format format, json_t **report, struct err *e)
{
    im->errors = json_array();
    json_t *ignored = json_array();
    int rc = store_begin(im->c, e);
    if (rc == 0)
        rc = batch_open(im, e);
    if (rc)
        goto fail;
    rc = rows                   ? import_array(im, rows, e)
         : format == IMPORT_CSV ? job_import_csv(im, data, len, ignored, e)
                                : import_json(im, data, len, e);
    if (rc == 0)
        rc = flush_batch(im, e); /* the last batch */
    if (rc == 0 && im->finish)
        rc =
            im->finish(im->finish_ctx, im->created, im->duplicates, json_array_size(im->errors), e);
    if (rc)
        goto fail;
    rc = store_commit(im->c, e);
    if (rc)
        goto fail;
    if (im->created >= REFRESH_ROWS) {
        struct err not_done = {0}; /* the rows are in: autovacuum would do it later */
        store_refresh_stats(im->c, "jobs", refresh_columns, REFRESH_STATS_TARGET, &not_done);
    }
    *report = json_pack("{s:I, s:I, s:o}", "created", (json_int_t)im->created, "duplicates",
                        (json_int_t)im->duplicates, "errors", im->errors);
    if (rows == NULL)
        json_object_set_new(*report, "ignored_columns", ignored);
    else
        json_decref(ignored);
    import_free(im);
    return 0;
fail:
    store_rollback(im->c);
    json_decref(im->errors);
    json_decref(ignored);
    import_free(im);
    return rc;
}

int job_import(struct store_conn *c, int64_t user_id, const char *data, size_t len,
               enum import_format format, struct arena *a, json_t **report, struct err *e)
{
    return job_import_observed(c, user_id, data, len, format, NULL, NULL, a, report, e);
}

int job_import_observed(struct store_conn *c, int64_t user_id, const char *data, size_t len,
                        enum import_format format, job_import_progress progress, void *ctx,
                        struct arena *a, json_t **report, struct err *e)
{
    struct import im = {
        .c = c, .user_id = user_id, .a = a, .progress = progress, .progress_ctx = ctx};
    return run_import(&im, NULL, data, len, format, report, e);
}

int job_import_rows(struct store_conn *c, int64_t user_id, json_t *rows, const char *source,
                    struct arena *a, json_t **report, json_t *created_jobs,
                    job_import_finish finish, void *finish_ctx, struct err *e)
{
    struct import im = {.c = c,
                        .user_id = user_id,
                        .a = a,
                        .source = source,
                        .created_jobs = created_jobs,
                        .finish = finish,
                        .finish_ctx = finish_ctx};
    return run_import(&im, rows, NULL, 0, IMPORT_JSON, report, e);
}
