/*
 * This file implements `copilot copy-db --to URL [--replace-invalid-utf8] [--progress]`: every
 * table of the database of COPILOT_DATABASE_URL copied into the empty database at URL, SQLite
 * to PostgreSQL or back (or to the same engine), with ids, timestamps and résumé files as they
 * are. Both databases are migrated to this binary's schema first; the target must then hold no
 * row at all. The source is read in one snapshot (servers may keep running on it, though their
 * later writes are not copied) and the target written in one transaction, so a failure leaves
 * it empty. On PostgreSQL every id sequence is then moved past the largest id copied.
 *
 * Text is copied only as valid UTF-8 (SQLite keeps any bytes in TEXT that raw SQL wrote there;
 * PostgreSQL refuses them): a value that is not stops the copy before anything is committed,
 * and the command names the table, row and column of each (up to INVALID_SHOWN) after reading
 * the rest of the source for them; with --replace-invalid-utf8 each such value is written with
 * every byte that starts no valid sequence replaced by U+FFFD (utf8_repair) and the number of
 * values changed is told per table and column.
 *
 * A NUL byte inside text (SQLite keeps one raw SQL wrote there) is copied as it is to SQLite
 * (the value bound with its length), and refused, with its place named the same way, when the
 * target is PostgreSQL, whose text cannot hold it: never cut there (docs/decisions.md).
 *
 * A table that triggers fill as other tables' rows are inserted (the per-user counters,
 * store_table.derived) is not copied: the target's triggers rebuild it, and its row count is
 * checked against the source's.
 *
 * The table list and the columns come from the two catalogues (store_describe), not from a
 * list kept here: a table a migration adds is copied without a change to this file, and a
 * difference between the two schemas stops the copy before anything is written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"
#include "../lib/buf.h"
#include "../lib/xalloc.h"
#include "../store/migrate.h"
#include "cli.h"
#include "meter.h"

/* Rows read from the source per statement; fewer for tables holding files. Rows are written
 * up to BATCH_ROWS per INSERT: one round trip per row would make a copy to a PostgreSQL server
 * across a network take minutes for a few thousand jobs. */
#define PAGE_ROWS 500
#define PAGE_ROWS_BYTES 8
#define BATCH_ROWS 50
#define INVALID_SHOWN 10 /* values not valid UTF-8 named one by one at most */

/* What copy-db does with text that is not valid UTF-8, and what it found. */
struct utf8_check {
    bool replace;          /* --replace-invalid-utf8: write it with U+FFFD; else refuse the copy */
    bool no_nul;           /* the target is PostgreSQL: text holding a NUL byte is refused */
    int64_t invalid;       /* values found (refused or replaced) in every table so far */
    int64_t nul;           /* values holding a NUL byte refused (no_nul) so far */
    int64_t shown;         /* lines in refused */
    struct buf refused;    /* the first INVALID_SHOWN refused values' places, a line each */
    struct buf replaced;   /* a line per table with values replaced: the count, per column */
    struct buf tables;     /* a refusal's count per table: "jobs 3, applications 1" */
    struct buf nul_tables; /* the same for the values holding a NUL byte */
};

/* ================================================================ checks */

/* The columns a row is copied through: the target's written columns, each of which the source
 * has too. Fails when the two tables differ in anything but generated columns. */
static int check_columns(const struct store_table *from, const struct store_table *to,
                         struct err *e)
{
    for (int i = 0; i < to->ncolumns; i++) {
        if (to->columns[i].generated)
            continue;
        const struct store_column *c = store_table_column(from, to->columns[i].name);
        if (c == NULL || c->generated)
            return err_set(e, ERR_INVALID, NULL, "the source's %s has no column %s", to->name,
                           to->columns[i].name);
    }
    for (int i = 0; i < from->ncolumns; i++) {
        if (from->columns[i].generated)
            continue;
        const struct store_column *c = store_table_column(to, from->columns[i].name);
        if (c == NULL || c->generated)
            return err_set(e, ERR_INVALID, NULL, "the target's %s has no column %s", from->name,
                           from->columns[i].name);
    }
    return 0;
}

/* The two databases have the same tables with the same columns. */
static int check_schemas(const struct store_schema *from, const struct store_schema *to,
                         struct err *e)
{
    for (int i = 0; i < from->ntables; i++)
        if (store_schema_table(to, from->tables[i].name) == NULL)
            return err_set(e, ERR_INVALID, NULL, "the target has no table %s",
                           from->tables[i].name);
    for (int i = 0; i < to->ntables; i++) {
        const struct store_table *t = store_schema_table(from, to->tables[i].name);
        if (t == NULL)
            return err_set(e, ERR_INVALID, NULL, "the source has no table %s", to->tables[i].name);
        int rc = check_columns(t, &to->tables[i], e);
        if (rc)
            return rc;
    }
    return 0;
}

/* Leaves out of s the tables that triggers fill (store_table.derived) and that other lacks: an
 * engine's own index kept in a table (PostgreSQL's jobs_search, migration 0053), which the
 * target's triggers rebuild when it has one. */
static void drop_engine_own(struct store_schema *s, const struct store_schema *other)
{
    int kept = 0;
    for (int i = 0; i < s->ntables; i++) {
        if (s->tables[i].derived && store_schema_table(other, s->tables[i].name) == NULL) {
            free(s->tables[i].columns);
            free(s->tables[i].parents);
            continue;
        }
        s->tables[kept++] = s->tables[i];
    }
    s->ntables = kept;
}

static int64_t count_rows(struct store_conn *c, const char *table, struct err *e, int *rc)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    struct store_result *r = NULL;
    *rc = store_exec(c, sql, NULL, 0, &r, e);
    int64_t n = *rc ? 0 : store_int(r, 0, 0);
    store_result_free(r);
    return n;
}

/* ================================================================ one table */

/* The SQL that reads one page of t's rows (after the last key, or at an offset when the
 * primary key is not one integer column), and the two parts of an INSERT of several rows: the
 * head ("INSERT INTO t (a, b) VALUES ") and one row's placeholders ("(?, ?)"). */
struct table_sql {
    struct buf select, insert, tuple;
    const struct store_column *key; /* the single integer key the pages follow, or NULL */
    int key_col;                    /* its position among cols */
    int ncols;
    const struct store_column *cols[128];
    int64_t invalid[128]; /* values of each column not valid UTF-8 */
    int64_t nul;          /* values of the table holding a NUL byte (refused) */
};

static void build_sql(struct store_conn *target, const struct store_table *t, struct table_sql *q)
{
    buf_init(&q->select);
    buf_init(&q->insert);
    buf_init(&q->tuple);
    q->key = NULL;
    q->ncols = 0;
    q->nul = 0;
    memset(q->invalid, 0, sizeof q->invalid);
    int nkeys = 0;
    for (int i = 0; i < t->ncolumns; i++) {
        if (t->columns[i].primary_key) {
            nkeys++;
            q->key = &t->columns[i];
        }
        if (!t->columns[i].generated && q->ncols < 128)
            q->cols[q->ncols++] = &t->columns[i];
    }
    if (nkeys != 1 || q->key->kind != STORE_COL_INT || q->key->generated)
        q->key = NULL;
    for (int i = 0; q->key && i < q->ncols; i++)
        if (q->cols[i] == q->key)
            q->key_col = i;
    buf_puts(&q->select, "SELECT ");
    buf_printf(&q->insert, "INSERT INTO %s (", t->name);
    for (int i = 0; i < q->ncols; i++) {
        buf_printf(&q->select, "%s%s", i ? ", " : "", q->cols[i]->name);
        buf_printf(&q->insert, "%s%s", i ? ", " : "", q->cols[i]->name);
    }
    buf_printf(&q->select, " FROM %s ", t->name);
    buf_puts(&q->insert, ") VALUES ");
    buf_puts(&q->tuple, "(");
    for (int i = 0; i < q->ncols; i++)
        buf_printf(&q->tuple, "%s%s", i ? ", " : "",
                   q->cols[i]->kind == STORE_COL_ARRAY ? store_sql_array_param(target) : "?");
    buf_puts(&q->tuple, ")");
    /* pages: by key, or by the primary key's order (every column when there is none) */
    if (q->key) {
        buf_printf(&q->select, "WHERE %s > ? ORDER BY %s LIMIT ?", q->key->name, q->key->name);
        return;
    }
    buf_puts(&q->select, "ORDER BY ");
    int n = 0;
    for (int i = 0; i < t->ncolumns; i++)
        if (t->columns[i].primary_key || (nkeys == 0 && !t->columns[i].generated))
            buf_printf(&q->select, "%s%s", n++ ? ", " : "", t->columns[i].name);
    buf_puts(&q->select, " LIMIT ? OFFSET ?");
}

/* The value of cell (row, col) of r for a target column of kind (NULL stays NULL). */
static struct store_value value_for(const struct store_result *r, size_t row, int col,
                                    enum store_column_kind kind)
{
    const char *text = store_text(r, row, col);
    if (text == NULL)
        return SV_NULL;
    switch (kind) {
    case STORE_COL_INT:
        return SV_INT(strtoll(text, NULL, 10));
    case STORE_COL_REAL:
        return SV_REAL(strtod(text, NULL));
    case STORE_COL_BOOL:
        return SV_BOOL(store_bool(r, row, col));
    case STORE_COL_BYTES:
        return SV_BLOB(text, store_length(r, row, col));
    default: /* with its length: a NUL byte inside stays (SQLite; PostgreSQL's is refused) */
        return SV_TEXTN(text, store_length(r, row, col));
    }
}

/* Appends how the row of r is found again: its primary key's columns and values, or its place
 * in the copy's order (offset rows before the page) when the table has none. */
static void row_place(const struct table_sql *q, const struct store_result *r, size_t row,
                      int64_t offset, struct buf *out)
{
    int n = 0;
    for (int i = 0; i < q->ncols; i++) {
        if (!q->cols[i]->primary_key)
            continue;
        const char *v = store_text(r, row, i);
        buf_printf(out, "%s%s %s", n++ ? ", " : "", q->cols[i]->name, v ? v : "NULL");
    }
    if (n == 0)
        buf_printf(out, "row %lld", (long long)(offset + (int64_t)row + 1));
}

/* The text cells of rows [first, first + n) of the page r that are not valid UTF-8: counted
 * per column, their places kept for the message (refused) or, with check->replace, their
 * repaired copies put in values (n rows of q->ncols) and in fixed, for the caller to free. */
static void check_utf8(const struct store_table *t, struct table_sql *q,
                       const struct store_result *r, size_t first, int n, int64_t offset,
                       struct store_value *values, char **fixed, struct utf8_check *check)
{
    for (int k = 0; k < n; k++) {
        size_t row = first + (size_t)k;
        for (int col = 0; col < q->ncols; col++) {
            enum store_column_kind kind = q->cols[col]->kind;
            if (kind == STORE_COL_INT || kind == STORE_COL_REAL || kind == STORE_COL_BOOL ||
                kind == STORE_COL_BYTES)
                continue;
            const char *text = store_text(r, row, col);
            size_t len = text ? store_length(r, row, col) : 0;
            if (text && check->no_nul && memchr(text, '\0', len)) {
                if (check->shown++ < INVALID_SHOWN) {
                    buf_printf(&check->refused, "copilot copy-db: %s (", t->name);
                    row_place(q, r, row, offset, &check->refused);
                    buf_printf(&check->refused,
                               "), column %s: holds a NUL byte, which PostgreSQL text cannot "
                               "hold\n",
                               q->cols[col]->name);
                }
                q->nul++;
                check->nul++;
                continue;
            }
            if (text == NULL || utf8_valid(text, len))
                continue;
            q->invalid[col]++;
            if (check->replace) {
                char *repaired = utf8_repair(text, len);
                fixed[k * q->ncols + col] = repaired;
                values[k * q->ncols + col] = SV_TEXT(repaired);
            } else if (check->shown++ < INVALID_SHOWN) {
                buf_printf(&check->refused, "copilot copy-db: %s (", t->name);
                row_place(q, r, row, offset, &check->refused);
                buf_printf(&check->refused, "), column %s: not valid UTF-8\n", q->cols[col]->name);
            }
            check->invalid++;
        }
    }
}

/* Writes rows [first, first + n) of the page r (offset rows after the table's first) into dst
 * with one INSERT; once a value not valid UTF-8 is refused, only looks for more. */
static int insert_rows(struct store_conn *dst, const struct store_table *t, struct table_sql *q,
                       const struct store_result *r, size_t first, int n, int64_t offset,
                       struct utf8_check *check, struct err *e)
{
    size_t cells = (size_t)n * (size_t)q->ncols;
    struct store_value *values = xcalloc(cells, sizeof *values);
    char **fixed = xcalloc(cells, sizeof *fixed);
    for (int k = 0; k < n; k++)
        for (int col = 0; col < q->ncols; col++)
            values[k * q->ncols + col] = value_for(r, first + (size_t)k, col, q->cols[col]->kind);
    check_utf8(t, q, r, first, n, offset, values, fixed, check);
    int rc = 0;
    if (check->nul == 0 && (check->replace || check->invalid == 0)) {
        struct buf sql;
        buf_init(&sql);
        buf_append(&sql, q->insert.data, q->insert.len);
        for (int k = 0; k < n; k++)
            buf_printf(&sql, "%s%s", k ? ", " : "", q->tuple.data);
        rc = store_exec(dst, sql.data, values, n * q->ncols, NULL, e);
        buf_free(&sql);
    }
    for (size_t i = 0; i < cells; i++)
        free(fixed[i]);
    free(fixed);
    free(values);
    return rc;
}

/* Tells what check_utf8 found in table t: a line of replaced values per column, or the
 * table's count for the refusal. */
static void report_utf8(const struct store_table *t, const struct table_sql *q,
                        struct utf8_check *check)
{
    if (q->nul)
        buf_printf(&check->nul_tables, "%s%s %lld", check->nul_tables.len ? ", " : "", t->name,
                   (long long)q->nul);
    int64_t total = 0;
    for (int i = 0; i < q->ncols; i++)
        total += q->invalid[i];
    if (total == 0)
        return;
    if (!check->replace) {
        buf_printf(&check->tables, "%s%s %lld", check->tables.len ? ", " : "", t->name,
                   (long long)total);
        return;
    }
    buf_printf(&check->replaced, "replaced invalid UTF-8 with U+FFFD in %lld value%s of %s (",
               (long long)total, total == 1 ? "" : "s", t->name);
    int n = 0;
    for (int i = 0; i < q->ncols; i++)
        if (q->invalid[i])
            buf_printf(&check->replaced, "%s%s %lld", n++ ? ", " : "", q->cols[i]->name,
                       (long long)q->invalid[i]);
    buf_puts(&check->replaced, ")\n");
}

/* Copies every row of the target's table to (the source has the same columns). */
static int copy_table(struct store_conn *src, struct store_conn *dst, const struct store_table *to,
                      struct meter *p, struct utf8_check *check, struct err *e)
{
    struct table_sql q;
    build_sql(dst, to, &q);
    bool has_bytes = false;
    for (int i = 0; i < q.ncols; i++)
        has_bytes = has_bytes || q.cols[i]->kind == STORE_COL_BYTES;
    int64_t page = has_bytes ? PAGE_ROWS_BYTES : PAGE_ROWS;
    int batch = q.ncols > 0 && BATCH_ROWS * q.ncols > 30000 ? 30000 / q.ncols : BATCH_ROWS;
    int64_t last_key = INT64_MIN, offset = 0;
    int rc = 0;
    for (;;) {
        struct store_value args[2];
        if (q.key) {
            args[0] = SV_INT(last_key);
            args[1] = SV_INT(page);
        } else {
            args[0] = SV_INT(page);
            args[1] = SV_INT(offset);
        }
        struct store_result *r = NULL;
        rc = store_exec(src, q.select.data, args, 2, &r, e);
        if (rc)
            break;
        size_t rows = store_rows(r);
        for (size_t row = 0; rc == 0 && row < rows; row += (size_t)batch) {
            int n = rows - row < (size_t)batch ? (int)(rows - row) : batch;
            rc = insert_rows(dst, to, &q, r, row, n, offset, check, e);
            meter_update(p, p->done + n);
        }
        if (rc == 0 && q.key && rows > 0)
            last_key = store_int(r, rows - 1, q.key_col);
        store_result_free(r);
        offset += (int64_t)rows;
        if (rc || (int64_t)rows < page)
            break;
    }
    report_utf8(to, &q, check);
    buf_free(&q.select);
    buf_free(&q.insert);
    buf_free(&q.tuple);
    if (rc && e->message[0])
        err_restate(e, NULL, "%s (table %s)", e->message, to->name);
    return rc;
}

/* ================================================================ the command */

struct copy {
    struct store *from, *to;
    struct store_conn *src, *dst;
    struct store_schema *from_schema, *to_schema;
    struct meter progress;  /* rows copied */
    bool force_progress;    /* --progress */
    struct utf8_check utf8; /* text not valid UTF-8 */
};

/* The target holds no row in any table. */
static int check_empty(struct copy *c, struct err *e)
{
    for (int i = 0; i < c->to_schema->ntables; i++) {
        int rc;
        int64_t n = count_rows(c->dst, c->to_schema->tables[i].name, e, &rc);
        if (rc)
            return rc;
        if (n > 0)
            return err_set(e, ERR_CONFLICT, NULL,
                           "the target database is not empty (%s has %lld rows); copy-db only "
                           "fills an empty database",
                           c->to_schema->tables[i].name, (long long)n);
    }
    return 0;
}

/* The derived tables that log changes rather than count rows: their rows follow how the writes
 * were grouped into transactions (on PostgreSQL a transaction logs at most 256 jobs of a user,
 * then moves user_data_versions.full_version: migration 0054), and the copy is one
 * transaction, so their count is not the source's. Only the score cache reads them, and a
 * copy's target has no cache yet. Also the words of PostgreSQL's search vectors
 * (jobs_search_lexemes, migration 0062): a superset that keeps the words of deleted jobs, so the
 * source may hold more than the target's triggers write. And the applications' list versions
 * (application_list_versions, migration 0064): a user's row stays after its last application
 * is deleted, and the target makes rows only for the applications copied. */
static const char *const change_logs[] = {"score_changes", "jobs_search_lexemes",
                                          "application_list_versions", NULL};

/* A table the target's triggers filled as the rows of others arrived (store_table.derived)
 * holds as many rows as the source's, but for a log of changes. */
static int check_derived(struct copy *c, const struct store_table *t, struct err *e)
{
    for (int i = 0; change_logs[i]; i++)
        if (strcmp(t->name, change_logs[i]) == 0)
            return 0;
    int rc;
    int64_t want = count_rows(c->src, t->name, e, &rc);
    int64_t got = rc ? 0 : count_rows(c->dst, t->name, e, &rc);
    if (rc == 0 && got != want)
        rc = err_set(e, ERR_INVALID, NULL,
                     "%s, which the target's triggers keep, has %lld rows after the copy and "
                     "%lld in the source",
                     t->name, (long long)got, (long long)want);
    return rc;
}

/* Everything between the two open stores: schemas, emptiness, the copy in one transaction. */
static int run_copy(struct copy *c, struct err *e)
{
    int vf = migrate_current_version(c->from, e), vt = migrate_current_version(c->to, e);
    if (vf < 0 || vt < 0)
        return vf < 0 ? vf : vt;
    if (vf != vt)
        return err_set(e, ERR_INVALID, NULL,
                       "the source has schema version %d and the target %d; both must be at "
                       "this copilot's",
                       vf, vt);
    c->src = store_acquire(c->from);
    c->dst = store_acquire(c->to);
    int rc = store_describe(c->src, &c->from_schema, e);
    if (rc == 0)
        rc = store_describe(c->dst, &c->to_schema, e);
    if (rc == 0) {
        drop_engine_own(c->from_schema, c->to_schema);
        drop_engine_own(c->to_schema, c->from_schema);
        rc = check_schemas(c->from_schema, c->to_schema, e);
    }
    if (rc == 0)
        rc = store_begin_snapshot(c->src, e);
    if (rc == 0)
        rc = store_begin(c->dst, e);
    if (rc == 0)
        rc = check_empty(c, e);
    int64_t total = 0;
    for (int i = 0; rc == 0 && i < c->to_schema->ntables; i++)
        if (!c->to_schema->tables[i].derived)
            total += count_rows(c->src, c->to_schema->tables[i].name, e, &rc);
    if (rc == 0)
        meter_start(&c->progress, "copy-db", "rows", total, c->force_progress);
    for (int i = 0; rc == 0 && i < c->to_schema->ntables; i++)
        if (!c->to_schema->tables[i].derived)
            rc = copy_table(c->src, c->dst, &c->to_schema->tables[i], &c->progress, &c->utf8, e);
    if (rc == 0 && c->utf8.nul)
        rc = err_set(e, ERR_INVALID, NULL,
                     "%lld value%s a NUL byte (%s), which PostgreSQL text cannot hold; nothing "
                     "was copied",
                     (long long)c->utf8.nul, c->utf8.nul == 1 ? " holds" : "s hold",
                     c->utf8.nul_tables.data);
    if (rc == 0 && c->utf8.invalid && !c->utf8.replace)
        rc = err_set(e, ERR_INVALID, NULL,
                     "%lld value%s not valid UTF-8 (%s); nothing was copied: "
                     "--replace-invalid-utf8 copies them with U+FFFD for each invalid byte",
                     (long long)c->utf8.invalid, c->utf8.invalid == 1 ? " is" : "s are",
                     c->utf8.tables.data);
    for (int i = 0; rc == 0 && i < c->to_schema->ntables; i++)
        if (c->to_schema->tables[i].derived)
            rc = check_derived(c, &c->to_schema->tables[i], e);
    for (int i = 0; rc == 0 && i < c->to_schema->ntables; i++)
        rc = store_move_sequence(c->dst, &c->to_schema->tables[i], e);
    if (rc == 0)
        rc = store_commit(c->dst, e);
    store_rollback(c->dst);
    store_rollback(c->src); /* a read-only snapshot: nothing to keep */
    if (rc == 0)
        rc = store_after_load(c->dst, e);
    return rc;
}

int cli_copy_db(int argc, char **argv)
{
    const char *to = NULL;
    bool force_progress = false, replace = false;
    bool bad = false;
    for (int i = 1; i < argc && !bad; i++) {
        if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
            to = argv[++i];
        else if (strcmp(argv[i], "--progress") == 0)
            force_progress = true;
        else if (strcmp(argv[i], "--replace-invalid-utf8") == 0)
            replace = true;
        else
            bad = true;
    }
    if (to == NULL || bad) {
        fputs("usage: copilot copy-db --to URL [--replace-invalid-utf8] [--progress]\n", stderr);
        return 2;
    }
    struct config config;
    config_from_env(&config);
    struct store_url a, b;
    struct err e = {0};
    if (store_parse_url(config.database_url, &a, &e) != 0 || store_parse_url(to, &b, &e) != 0) {
        fprintf(stderr, "copilot copy-db: %s\n", e.message);
        return 2;
    }
    if (a.engine == b.engine && strcmp(a.path, b.path) == 0) {
        fputs("copilot copy-db: the target is the source database\n", stderr);
        return 2;
    }
    struct copy c = {.force_progress = force_progress, .utf8 = {.replace = replace}};
    buf_init(&c.utf8.refused);
    buf_init(&c.utf8.replaced);
    buf_init(&c.utf8.tables);
    buf_init(&c.utf8.nul_tables);
    struct store_options one = {.pool_size = 1};
    c.from = cli_open_store_with(&config, &one, true);
    if (c.from == NULL)
        return 1;
    int rc = store_open(to, 1, &c.to, &e);
    c.utf8.no_nul = rc == 0 && store_engine(c.to) == STORE_POSTGRES;
    if (rc == 0)
        rc = migrate_up(c.to, NULL, &e);
    if (rc == 0)
        rc = run_copy(&c, &e);
    meter_finish(&c.progress, rc == 0);
    if (rc == 0) {
        printf("copied %lld rows of %d tables in %.1f s\n", (long long)c.progress.done,
               c.to_schema->ntables, meter_seconds(&c.progress));
        if (c.utf8.replaced.len)
            fputs(c.utf8.replaced.data, stdout);
    } else {
        if (c.utf8.refused.len)
            fputs(c.utf8.refused.data, stderr);
        fprintf(stderr, "copilot copy-db: %s\n", e.message);
    }
    buf_free(&c.utf8.refused);
    buf_free(&c.utf8.replaced);
    buf_free(&c.utf8.tables);
    buf_free(&c.utf8.nul_tables);
    if (c.src)
        store_release(c.from, c.src);
    if (c.dst)
        store_release(c.to, c.dst);
    store_schema_free(c.from_schema);
    store_schema_free(c.to_schema);
    store_close(c.to);
    store_close(c.from);
    return rc ? 1 : 0;
}
