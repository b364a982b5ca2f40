/* This file implements `copilot import jobs FILE.csv|FILE.json [--user ID|USERNAME] [--progress]`:
 * without --user the jobs go to the only user of the database. Progress (meter.h) counts the
 * rows read, out of the JSON array's length or the CSV file's records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/csv.h"
#include "../lib/buf.h"
#include "../model/job_import.h"
#include "../model/user.h"
#include "cli.h"
#include "meter.h"

/* Reads the file (or standard input) whole into out. A regular file's bytes go straight into
 * a buffer of its size, one fread: no 64 KiB copies through the stack and no reallocation as
 * the text grows (a 10.7 MB file took 8 reallocations and 10.7 MB of copies). */
static int read_file(const char *path, struct buf *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL)
        return -1;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        buf_grow(out, (size_t)st.st_size + 1); /* room for one more byte: the end seen at once */
    for (;;) {
        if (out->cap - out->len < 2)
            buf_grow(out, 65536);
        size_t room = out->cap - out->len - 1, n = fread(out->data + out->len, 1, room, f);
        out->len += n;
        out->data[out->len] = '\0';
        if (n < room)
            break;
    }
    int failed = ferror(f);
    if (f != stdin)
        fclose(f);
    return failed ? -1 : 0;
}

struct import_job {
    const char *user; /* id or username; NULL for the only user */
    enum import_format format;
    const struct buf *data;
    bool force_progress; /* --progress */
};

/* The records of a CSV file after its header (each one a row of the import, read or not). */
static int64_t csv_rows(const char *data, size_t len)
{
    struct csv_reader reader;
    csv_reader_init(&reader, data, len);
    struct csv_record rec;
    struct err e = {0};
    int64_t records = 0;
    bool header = false;
    for (int got; (got = csv_next_record(&reader, &rec, &e)) != 0;) {
        if (!header && got == 1)
            header = true;
        else
            records++;
    }
    csv_reader_free(&reader);
    return records;
}

/* job_import_observed's callback: the total comes with the rows for JSON. */
static void on_row(void *ctx, int64_t rows, int64_t total)
{
    struct meter *p = ctx;
    if (total > 0 && p->total != total)
        meter_set_total(p, total);
    meter_update(p, rows);
}

static int import_file(struct store_conn *c, struct arena *a, void *ctx, struct err *e)
{
    const struct import_job *job = ctx;
    int64_t user;
    int rc = user_resolve(c, job->user, &user, e);
    if (rc)
        return rc;
    const char *data = job->data->data ? job->data->data : "";
    struct meter p;
    meter_start(&p, "import", "rows",
                job->format == IMPORT_CSV ? csv_rows(data, job->data->len) : 0,
                job->force_progress);
    json_t *report;
    rc = job_import_observed(c, user, data, job->data->len, job->format, on_row, &p, a, &report, e);
    meter_finish(&p, rc == 0);
    if (rc == 0)
        cli_print_json(report);
    return rc;
}

int cli_import(int argc, char **argv)
{
    const char *file = NULL, *user = NULL;
    bool force_progress = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--user") == 0 && i + 1 < argc && argv[i + 1][0] != '\0') {
            user = argv[++i];
        } else if (strcmp(argv[i], "--progress") == 0) {
            force_progress = true;
        } else if (file == NULL && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)) {
            file = argv[i];
        } else {
            return cli_usage(false);
        }
    }
    if (argc < 2 || strcmp(argv[1], "jobs") != 0 || file == NULL) {
        fputs("usage: copilot import jobs FILE.csv|FILE.json [--user ID|USERNAME] [--progress]\n",
              stderr);
        return 2;
    }
    size_t n = strlen(file);
    enum import_format format =
        n > 4 && strcmp(file + n - 4, ".csv") == 0 ? IMPORT_CSV : IMPORT_JSON;
    struct buf data;
    buf_init(&data);
    if (read_file(file, &data) != 0) {
        perror(file);
        buf_free(&data);
        return 1;
    }
    struct import_job job = {user, format, &data, force_progress};
    struct err e = {0};
    int rc = cli_with_store(import_file, &job, &e);
    if (rc)
        fprintf(stderr, "copilot import: %s\n", e.message);
    buf_free(&data);
    return rc ? 1 : 0;
}
