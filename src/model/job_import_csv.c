/*
 * This file implements the CSV half of the import of job_import.h: a text's header mapped to the
 * job's fields (server-owned columns ignored), each record's cells turned into a JSON object
 * the way the JSON rows are written, and every row handed to the same batches
 * (job_import_row; a record refused as read is reported in its place, job_refused_record).
 */
#include "job_import.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../core/csv.h"
#include "../core/utf8.h"
#include "job.h"
#include "job_import_internal.h"

/* ================================================================ CSV */

/* A CSV cell as the JSON value its field expects; NULL (with e filled) when it cannot be.
 * A cell the exporter neutralised ('=...) reads back as the value it stands for. */
static json_t *cell_value(const struct field *f, const char *text, struct err *e)
{
    text = csv_cell_text(text);
    if (f->type == FT_INT) {
        char *end;
        long long n = strtoll(text, &end, 10);
        if (*end != '\0') {
            err_set(e, ERR_INVALID, f->name, "%s must be an integer", f->name);
            return NULL;
        }
        return json_integer(n);
    }
    if (f->type == FT_STRINGS) {
        if (text[0] == '[') {
            json_t *v = json_loads(text, 0, NULL);
            if (v == NULL)
                err_set(e, ERR_INVALID, f->name, "%s is not a valid JSON array", f->name);
            return v;
        }
        json_t *list = json_array(); /* "C; Go; SQL" or "C, Go, SQL" */
        const char *sep = strchr(text, ';') ? ";" : ",";
        char *copy = strdup(text), *save = NULL;
        for (char *tok = strtok_r(copy, sep, &save); tok; tok = strtok_r(NULL, sep, &save)) {
            while (isspace((unsigned char)*tok))
                tok++;
            size_t n = strlen(tok);
            while (n && isspace((unsigned char)tok[n - 1]))
                tok[--n] = '\0';
            if (n)
                json_array_append_new(list, json_string(tok));
        }
        free(copy);
        return list;
    }
    return json_string(text);
}

/* Maps header names to fields: NULL entries are ignored columns, listed in the report unless
 * they name a column the server sets (id, job_fingerprint, row_version, resume_id ...: every
 * column of the CSV export that a client cannot write), so that an export imports back with
 * nothing to report (until the thirty-seventh round a fixed list left row_version and
 * resume_id, added to the export since, in ignored_columns). */
static int read_header(struct import *im, const struct csv_record *rec, const struct field **map,
                       json_t *ignored, struct err *e)
{
    for (size_t i = 0; i < rec->count; i++) {
        char *name = arena_strdup(im->a, rec->fields[i]);
        for (char *p = name; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        const struct field *f = table_field(&job_table, name);
        map[i] = f && (f->flags & F_WRITE) ? f : NULL;
        if (f == NULL)
            json_array_append_new(ignored, json_string(rec->fields[i]));
    }
    if (table_field(&job_table, "company") == NULL)
        return err_set(e, ERR_INTERNAL, NULL, "job fields missing");
    return 0;
}

int job_import_csv(struct import *im, const char *data, size_t len, json_t *ignored, struct err *e)
{
    struct csv_reader reader;
    csv_reader_init(&reader, data, len);
    struct csv_record rec;
    const struct field **map = NULL;
    size_t columns = 0;
    long row = 0;
    int rc = 0;
    for (;;) {
        struct err rec_err = {0};
        int got = csv_next_record(&reader, &rec, &rec_err);
        if (got == 0)
            break;
        if (map == NULL && got < 0) { /* no header, no row can be read: none is imported */
            /* (until the thirty-third round the next record was taken as the header, and rows
             * were read under a data row's names: second hostile probe) */
            rc = err_set(e, ERR_INVALID, NULL, "the CSV file's header row cannot be read: %s",
                         rec_err.message);
            break;
        }
        if (map == NULL && got == 1) {
            columns = rec.count;
            map = arena_alloc(im->a, columns * sizeof *map);
            rc = read_header(im, &rec, map, ignored, e);
            if (rc)
                break;
            continue;
        }
        row++;
        if (got < 0) {
            job_refused_record(im, row, &rec_err);
            continue;
        }
        json_t *obj = json_object();
        struct err cell_err = {0};
        bool bad = false;
        for (size_t i = 0; i < rec.count && i < columns && !bad; i++) {
            if (map[i] == NULL || rec.lengths[i] == 0)
                continue;
            if (!utf8_valid(rec.fields[i], rec.lengths[i])) {
                err_set(&cell_err, ERR_INVALID, map[i]->name, "%s is not valid UTF-8",
                        map[i]->name);
                bad = true;
                break;
            }
            if (memchr(rec.fields[i], '\0', rec.lengths[i])) { /* read as a C string: cut there */
                err_set(&cell_err, ERR_INVALID, map[i]->name, "%s holds a NUL byte", map[i]->name);
                bad = true;
                break;
            }
            json_t *v = cell_value(map[i], rec.fields[i], &cell_err);
            bad = v == NULL;
            if (v)
                json_object_set_new(obj, map[i]->name, v);
        }
        if (!bad && rec.count != columns) {
            err_set(&cell_err, ERR_INVALID, NULL, "row has %zu fields, the header has %zu",
                    rec.count, columns);
            bad = true;
        }
        if (bad)
            job_refused_record(im, row, &cell_err);
        else
            rc = job_import_row(im, row, obj, e);
        json_decref(obj);
        if (rc)
            break;
    }
    if (rc == 0 && map == NULL)
        rc = err_set(e, ERR_INVALID, NULL, "the CSV file has no header row");
    csv_reader_free(&reader);
    return rc;
}
