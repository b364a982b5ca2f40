/*
 * This file implements the export of job_import.h: a user's jobs streamed as a JSON array or
 * a CSV text, a part of about EXPORT_PART bytes at a time from a cursor
 * (job_export_open/next/close).
 */
#include "job_import.h"

#include <stdlib.h>

#include "../core/csv.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/xalloc.h"
#include "job.h"

#define EXPORT_PART (32 * 1024) /* bytes job_export_next aims for */

struct job_export {
    struct store_conn *c;
    enum import_format format;
    struct arena arena;
    struct store_cursor *rows;
    const char **cells;   /* CSV: one record's cells */
    enum csv_cell *kinds; /* CSV: each column's kind */
    bool *json;           /* CSV: each column's a JSON column (tech_stack ...) */
    int ncols;            /* CSV: 0 until the header is written */
    size_t count;         /* rows written */
    bool started, finished;
};

int job_export_open(struct store_conn *c, int64_t user_id, enum import_format format,
                    struct job_export **out, struct err *e)
{
    struct job_export *x = xcalloc(1, sizeof *x);
    arena_init(&x->arena);
    x->c = c;
    x->format = format;
    const char *sql = arena_printf(&x->arena, "SELECT %s FROM jobs WHERE user_id = ? ORDER BY id",
                                   table_columns(&job_table, NULL, &x->arena));
    struct store_value p[] = {SV_INT(user_id)};
    int rc = store_cursor_open(c, sql, p, 1, &x->rows, e);
    if (rc) {
        job_export_close(x);
        return rc;
    }
    *out = x;
    return 0;
}

/* The CSV header, from the columns of the cursor's result. */
static void csv_header(struct job_export *x, const struct store_result *r, struct buf *out)
{
    x->ncols = store_cols(r);
    x->cells = arena_alloc(&x->arena, (size_t)(x->ncols ? x->ncols : 1) * sizeof *x->cells);
    x->kinds = arena_alloc(&x->arena, (size_t)(x->ncols ? x->ncols : 1) * sizeof *x->kinds);
    x->json = arena_alloc(&x->arena, (size_t)(x->ncols ? x->ncols : 1) * sizeof *x->json);
    for (int col = 0; col < x->ncols; col++) {
        x->cells[col] = store_colname(r, col);
        x->kinds[col] = job_csv_kind(store_colname(r, col));
        const struct field *f = table_field(&job_table, store_colname(r, col));
        x->json[col] = f && (f->type == FT_STRINGS || f->type == FT_ARRAY || f->type == FT_OBJECT ||
                             f->type == FT_JSON || f->type == FT_INTS || f->type == FT_LIST);
    }
    csv_write_record(out, x->cells, NULL, (size_t)x->ncols);
}

int job_export_next(struct job_export *x, struct buf *out, struct err *e)
{
    if (x->finished)
        return 0;
    if (!x->started && x->format == IMPORT_JSON)
        buf_putc(out, '[');
    x->started = true;
    while (out->len < EXPORT_PART) {
        int rc = store_cursor_next(x->rows, e);
        if (rc < 0)
            return rc;
        const struct store_result *r = store_cursor_row(x->rows);
        if (x->format == IMPORT_CSV && x->ncols == 0)
            csv_header(x, r, out);
        if (rc == 0)
            break;
        if (x->format == IMPORT_CSV) {
            /* a JSON column's text as jansson writes it compactly: PostgreSQL's jsonb gives
             * ["Go", "SQL"] where SQLite keeps the ["Go","SQL"] written (engines_agree) */
            char *compact_small[8], **compact = compact_small;
            if (x->ncols > 8)
                compact = xcalloc((size_t)x->ncols, sizeof *compact);
            for (int col = 0; col < x->ncols; col++) {
                const char *text = store_text(r, 0, col);
                json_t *v = text && x->json[col] ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
                compact[col] = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
                json_decref(v);
                x->cells[col] = compact[col] ? compact[col] : text;
            }
            csv_write_record(out, x->cells, x->kinds, (size_t)x->ncols);
            for (int col = 0; col < x->ncols; col++)
                free(compact[col]);
            if (compact != compact_small)
                free(compact);
        } else {
            json_t *row = table_row_json(&job_table, r, 0);
            json_stream_key(out, NULL, x->count, JSON_COMPACT, 1);
            json_stream_value(out, row, JSON_COMPACT, 1);
            json_decref(row);
        }
        x->count++;
    }
    if (out->len >= EXPORT_PART)
        return 1;
    if (x->format == IMPORT_JSON)
        json_stream_close(out, ']', x->count, JSON_COMPACT, 1);
    x->finished = true;
    return 0;
}

void job_export_close(struct job_export *x)
{
    if (x == NULL)
        return;
    store_cursor_close(x->rows);
    arena_free(&x->arena);
    free(x);
}
