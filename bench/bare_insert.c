/*
 * This file contains the bench's bare insert loop (bench/run builds it with cc, it is not part
 * of copilot): the ceiling an import is compared with (issue 9, "import >= 90% of a bare
 * insert loop into the same schema and triggers").
 *
 *   bare_insert dump SOURCE_URL FILE    the jobs of SOURCE (a database `copilot import jobs`
 *                                       filled) into FILE, in the order of their ids
 *   bare_insert load FILE TARGET_URL    FILE's rows inserted into TARGET, an empty database of
 *                                       the same schema with the same user (`copilot migrate
 *                                       up` and `copilot user create`)
 *
 * bench/run dumps once (untimed) and times each load as a whole process, exactly as it times
 * `copilot import jobs`: from exec to exit, wall and CPU, so both sides hold the same things
 * (the start, the database opened and closed: SQLite's last close checkpoints the WAL into the
 * database file, which the loop's own clock used to leave out while the import's window held
 * it). The load reads FILE into memory first, then inserts with the statements the import runs,
 * in the same shape: a transaction per BATCH_ROWS rows (the import's BATCH_ROWS,
 * src/model/job_import.c), each batch in prepared multi-row INSERTs of every stored column,
 * JOB_INSERT_ROWS rows each and the rest in powers of two (job_create_many, src/model/job.h).
 * The same rows through the same table, indexes, constraints and triggers (per-statement ones
 * fire as often), with nothing around them (no parsing, no validation, no duplicate lookup, no
 * savepoints): the ratio is our import against its own statements. The load prints the
 * seconds of its loop alone and the rows.
 * URLs are sqlite:PATH or postgresql://...
 * FILE: "BARE1\n", the column count, each name, the row count, then every cell row by row: a
 * 64-bit length (-1 for SQL NULL) and that many bytes and a NUL (native byte order: the same
 * machine writes and reads it).
 */
#define _POSIX_C_SOURCE 200809L
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_COLUMNS 64
#define BATCH_ROWS 1000     /* rows per transaction: src/model/job_import.c */
#define JOB_INSERT_ROWS 128 /* rows per statement at most: src/model/job.h */
#define SIZES 8             /* statement sizes: 128, 64, ..., 1 */

/* The rows of the statement that begins at row of a batch of rows [row, end). */
static size_t statement_rows(size_t row, size_t end)
{
    size_t want = JOB_INSERT_ROWS;
    while (want > end - row)
        want /= 2;
    return want;
}

/* The index of a statement size (a power of two up to JOB_INSERT_ROWS) among SIZES. */
static int size_index(size_t k)
{
    int i = 0;
    while (((size_t)1 << i) < k)
        i++;
    return i;
}

struct rows {
    int ncols;
    char *names[MAX_COLUMNS];
    size_t nrows;
    char **cells; /* nrows * ncols, NULL for SQL NULL, text form */
};

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bare_insert: %s: %s\n", what, why);
    exit(1);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *dup_or_null(const char *s)
{
    if (s == NULL)
        return NULL;
    char *d = strdup(s);
    if (d == NULL)
        die("strdup", "out of memory");
    return d;
}

static bool is_sqlite(const char *url)
{
    return strncmp(url, "sqlite:", 7) == 0;
}

/* The stored columns of jobs but id: PostgreSQL's generated ones cannot be inserted. */
static const char COLUMNS_PG[] =
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
    "AND table_name = 'jobs' AND column_name <> 'id' AND is_generated = 'NEVER' "
    "ORDER BY ordinal_position";

/* ================================================================ reading the source */

static void read_sqlite(const char *path, struct rows *out)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        die(path, sqlite3_errmsg(db));
    if (sqlite3_prepare_v2(db,
                           "SELECT name FROM pragma_table_info('jobs') WHERE name <> 'id' "
                           "ORDER BY cid",
                           -1, &st, NULL) != SQLITE_OK)
        die("columns", sqlite3_errmsg(db));
    while (sqlite3_step(st) == SQLITE_ROW && out->ncols < MAX_COLUMNS)
        out->names[out->ncols++] = dup_or_null((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    char sql[4096] = "SELECT ";
    for (int i = 0; i < out->ncols; i++) {
        strcat(sql, i ? ", " : "");
        strcat(sql, out->names[i]);
    }
    strcat(sql, " FROM jobs ORDER BY id");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die("select", sqlite3_errmsg(db));
    size_t cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (out->nrows == cap) {
            cap = cap ? 2 * cap : 1024;
            out->cells = realloc(out->cells, cap * (size_t)out->ncols * sizeof *out->cells);
            if (out->cells == NULL)
                die("realloc", "out of memory");
        }
        for (int i = 0; i < out->ncols; i++)
            out->cells[out->nrows * (size_t)out->ncols + (size_t)i] =
                dup_or_null((const char *)sqlite3_column_text(st, i));
        out->nrows++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void read_pg(const char *url, struct rows *out)
{
    PGconn *pg = PQconnectdb(url);
    if (PQstatus(pg) != CONNECTION_OK)
        die(url, PQerrorMessage(pg));
    PGresult *r = PQexec(pg, COLUMNS_PG);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        die("columns", PQerrorMessage(pg));
    for (int i = 0; i < PQntuples(r) && out->ncols < MAX_COLUMNS; i++)
        out->names[out->ncols++] = dup_or_null(PQgetvalue(r, i, 0));
    PQclear(r);
    char sql[4096] = "SELECT ";
    for (int i = 0; i < out->ncols; i++) {
        strcat(sql, i ? ", " : "");
        strcat(sql, out->names[i]);
    }
    strcat(sql, " FROM jobs ORDER BY id");
    r = PQexec(pg, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        die("select", PQerrorMessage(pg));
    out->nrows = (size_t)PQntuples(r);
    out->cells = calloc(out->nrows * (size_t)out->ncols + 1, sizeof *out->cells);
    if (out->cells == NULL)
        die("calloc", "out of memory");
    for (size_t row = 0; row < out->nrows; row++)
        for (int i = 0; i < out->ncols; i++)
            out->cells[row * (size_t)out->ncols + (size_t)i] =
                PQgetisnull(r, (int)row, i) ? NULL : dup_or_null(PQgetvalue(r, (int)row, i));
    PQclear(r);
    PQfinish(pg);
}

/* ================================================================ the loop */

/* INSERT INTO jobs (a, b, ...) VALUES (P1, P2, ...), ... of k rows with "?" or "$n"
 * placeholders (malloc'd). */
static char *insert_sql(const struct rows *rows, size_t k, bool dollar)
{
    size_t size = 4096 + k * (size_t)rows->ncols * 10, n;
    char *sql = malloc(size);
    if (sql == NULL)
        die("malloc", "out of memory");
    n = (size_t)snprintf(sql, size, "INSERT INTO jobs (");
    for (int i = 0; i < rows->ncols; i++)
        n += (size_t)snprintf(sql + n, size - n, "%s%s", i ? ", " : "", rows->names[i]);
    n += (size_t)snprintf(sql + n, size - n, ") VALUES ");
    for (size_t r = 0; r < k; r++) {
        n += (size_t)snprintf(sql + n, size - n, "%s(", r ? ", " : "");
        for (int i = 0; i < rows->ncols; i++) {
            if (dollar)
                n += (size_t)snprintf(sql + n, size - n, "%s$%zu", i ? ", " : "",
                                      r * (size_t)rows->ncols + (size_t)i + 1);
            else
                n += (size_t)snprintf(sql + n, size - n, "%s?", i ? ", " : "");
        }
        n += (size_t)snprintf(sql + n, size - n, ")");
    }
    return sql;
}

static double insert_sqlite(const char *path, const struct rows *rows)
{
    sqlite3 *db;
    sqlite3_stmt *st[SIZES] = {0};
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        die(path, sqlite3_errmsg(db));
    /* copilot's own connection settings (src/store/store_sqlite.c) */
    sqlite3_exec(db,
                 "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
                 "PRAGMA synchronous=FULL; PRAGMA cache_size=-16384;",
                 NULL, NULL, NULL);
    double t0 = now_s();
    for (size_t batch = 0; batch < rows->nrows; batch += BATCH_ROWS) {
        size_t end = batch + BATCH_ROWS < rows->nrows ? batch + BATCH_ROWS : rows->nrows;
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
        for (size_t row = batch, k; row < end; row += k) {
            k = statement_rows(row, end);
            sqlite3_stmt **s = &st[size_index(k)];
            if (*s == NULL) { /* prepared once per size, as copilot's statement cache keeps them */
                char *sql = insert_sql(rows, k, false);
                if (sqlite3_prepare_v2(db, sql, -1, s, NULL) != SQLITE_OK)
                    die("insert", sqlite3_errmsg(db));
                free(sql);
            }
            for (size_t r = 0; r < k; r++)
                for (int i = 0; i < rows->ncols; i++) {
                    const char *v = rows->cells[(row + r) * (size_t)rows->ncols + (size_t)i];
                    int p = (int)(r * (size_t)rows->ncols) + i + 1;
                    if (v)
                        sqlite3_bind_text(*s, p, v, -1, SQLITE_STATIC);
                    else
                        sqlite3_bind_null(*s, p);
                }
            if (sqlite3_step(*s) != SQLITE_DONE)
                die("insert", sqlite3_errmsg(db));
            sqlite3_reset(*s);
        }
        if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            die("commit", sqlite3_errmsg(db));
    }
    double t = now_s() - t0;
    for (int i = 0; i < SIZES; i++)
        sqlite3_finalize(st[i]);
    sqlite3_close(db);
    return t;
}

static void pg_ok(PGconn *pg, PGresult *r, const char *what)
{
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        die(what, PQerrorMessage(pg));
    PQclear(r);
}

static double insert_pg(const char *url, const struct rows *rows)
{
    bool prepared[SIZES] = {false};
    PGconn *pg = PQconnectdb(url);
    if (PQstatus(pg) != CONNECTION_OK)
        die(url, PQerrorMessage(pg));
    pg_ok(pg, PQexec(pg, "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"), "set");
    double t0 = now_s();
    for (size_t batch = 0; batch < rows->nrows; batch += BATCH_ROWS) {
        size_t end = batch + BATCH_ROWS < rows->nrows ? batch + BATCH_ROWS : rows->nrows;
        pg_ok(pg, PQexec(pg, "BEGIN"), "begin");
        for (size_t row = batch, k; row < end; row += k) {
            k = statement_rows(row, end);
            int size = size_index(k);
            char name[16];
            snprintf(name, sizeof name, "ins%d", size);
            if (!prepared[size]) { /* prepared once per size, as copilot's statement cache */
                char *sql = insert_sql(rows, k, true);
                pg_ok(pg, PQprepare(pg, name, sql, (int)k * rows->ncols, NULL), "prepare");
                free(sql);
                prepared[size] = true;
            }
            /* the rows' cells are consecutive: row-major, ncols each */
            pg_ok(pg,
                  PQexecPrepared(pg, name, (int)k * rows->ncols,
                                 (const char *const *)&rows->cells[row * (size_t)rows->ncols], NULL,
                                 NULL, 0),
                  "insert");
        }
        pg_ok(pg, PQexec(pg, "COMMIT"), "commit");
    }
    double t = now_s() - t0;
    PQfinish(pg);
    return t;
}

/* ================================================================ the dump file */

static void put(FILE *f, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, f) != n)
        die("dump", "cannot write");
}

static void put_text(FILE *f, const char *s)
{
    int64_t n = s ? (int64_t)strlen(s) : -1;
    put(f, &n, sizeof n);
    if (s)
        put(f, s, (size_t)n + 1);
}

static void dump(const struct rows *rows, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        die(path, "cannot create");
    put(f, "BARE1\n", 6);
    int64_t n = rows->ncols;
    put(f, &n, sizeof n);
    for (int i = 0; i < rows->ncols; i++)
        put_text(f, rows->names[i]);
    n = (int64_t)rows->nrows;
    put(f, &n, sizeof n);
    for (size_t c = 0; c < rows->nrows * (size_t)rows->ncols; c++)
        put_text(f, rows->cells[c]);
    if (fclose(f) != 0)
        die(path, "cannot write");
}

/* The next text of the dump at *at (its bytes stay in the buffer: NUL-terminated there). */
static char *take_text(char *buf, size_t len, size_t *at)
{
    int64_t n;
    if (len - *at < sizeof n)
        die("load", "the dump is cut short");
    memcpy(&n, buf + *at, sizeof n);
    *at += sizeof n;
    if (n < 0)
        return NULL;
    if ((uint64_t)n >= len - *at)
        die("load", "the dump is cut short");
    char *s = buf + *at;
    *at += (size_t)n + 1;
    return s;
}

static void load(const char *path, struct rows *rows)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0)
        die(path, "cannot read");
    long size = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)size + 1);
    if (size < 6 + 16 || buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size ||
        memcmp(buf, "BARE1\n", 6) != 0)
        die(path, "not a bare_insert dump");
    fclose(f);
    size_t len = (size_t)size, at = 6;
    int64_t n;
    memcpy(&n, buf + at, sizeof n);
    at += sizeof n;
    if (n < 1 || n > MAX_COLUMNS)
        die(path, "not a bare_insert dump");
    rows->ncols = (int)n;
    for (int i = 0; i < rows->ncols; i++)
        if ((rows->names[i] = take_text(buf, len, &at)) == NULL)
            die(path, "a column without a name");
    if (len - at < sizeof n)
        die(path, "the dump is cut short");
    memcpy(&n, buf + at, sizeof n);
    at += sizeof n;
    rows->nrows = (size_t)n;
    rows->cells = malloc((rows->nrows * (size_t)rows->ncols + 1) * sizeof *rows->cells);
    if (rows->cells == NULL)
        die("malloc", "out of memory");
    for (size_t c = 0; c < rows->nrows * (size_t)rows->ncols; c++)
        rows->cells[c] = take_text(buf, len, &at);
}

int main(int argc, char **argv)
{
    bool dumping = argc == 4 && strcmp(argv[1], "dump") == 0;
    bool loading = argc == 4 && strcmp(argv[1], "load") == 0;
    if (!dumping && !loading) {
        fputs("usage: bare_insert dump SOURCE_URL FILE | bare_insert load FILE TARGET_URL\n"
              "(URLs sqlite:PATH or postgresql://...)\n",
              stderr);
        return 2;
    }
    struct rows rows = {0};
    if (dumping) {
        if (is_sqlite(argv[2]))
            read_sqlite(argv[2] + 7, &rows);
        else
            read_pg(argv[2], &rows);
        dump(&rows, argv[3]);
        printf("%zu\n", rows.nrows);
        return 0;
    }
    load(argv[2], &rows);
    double t = is_sqlite(argv[3]) ? insert_sqlite(argv[3] + 7, &rows) : insert_pg(argv[3], &rows);
    printf("%.3f %zu\n", t, rows.nrows);
    return 0;
}
