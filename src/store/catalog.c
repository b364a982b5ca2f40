/*
 * This file implements the catalogue half of the store (store.h, "the schema as the database
 * tells it"): the tables, columns, primary keys and foreign keys of a database read from the
 * engine's own catalogue (SQLite's table-valued pragmas, PostgreSQL's information_schema and
 * pg_catalog), and moving a table's id sequence past its rows. With the backends, it is the
 * only place that knows each engine's catalogue; copy-db drives its table list from here, so a
 * table a migration adds is copied without anyone keeping a list.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/xalloc.h"
#include "store.h"
#include "store_backend.h"

/* Tables that are not data: the migrator's own, and SQLite's internal ones. */
static bool skipped(const char *name)
{
    return strcmp(name, "schema_migrations") == 0 || strncmp(name, "sqlite_", 7) == 0;
}

/* The kind of a column from SQLite's declared type (the migrations declare INTEGER, REAL,
 * TEXT, BLOB and BOOLEAN). */
static enum store_column_kind sqlite_kind(const char *declared)
{
    char up[64];
    snprintf(up, sizeof up, "%s", declared ? declared : "");
    for (char *p = up; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    if (strstr(up, "BOOL"))
        return STORE_COL_BOOL;
    if (strstr(up, "INT"))
        return STORE_COL_INT;
    if (strstr(up, "REAL") || strstr(up, "FLOA") || strstr(up, "DOUB"))
        return STORE_COL_REAL;
    if (strstr(up, "BLOB"))
        return STORE_COL_BYTES;
    return STORE_COL_TEXT;
}

/* The kind of a column from PostgreSQL's information_schema.columns.data_type. */
static enum store_column_kind pg_kind(const char *type)
{
    static const struct {
        const char *type;
        enum store_column_kind kind;
    } kinds[] = {
        {"bigint", STORE_COL_INT},
        {"integer", STORE_COL_INT},
        {"smallint", STORE_COL_INT},
        {"real", STORE_COL_REAL},
        {"double precision", STORE_COL_REAL},
        {"numeric", STORE_COL_REAL},
        {"boolean", STORE_COL_BOOL},
        {"jsonb", STORE_COL_JSON},
        {"json", STORE_COL_JSON},
        {"ARRAY", STORE_COL_ARRAY},
        {"bytea", STORE_COL_BYTES},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(type, kinds[i].type) == 0)
            return kinds[i].kind;
    return STORE_COL_TEXT; /* text, dates, timestamps, enum types */
}

static void add_column(struct store_table *t, const char *name, enum store_column_kind kind,
                       bool generated, bool primary_key)
{
    t->columns = xrealloc(t->columns, (size_t)(t->ncolumns + 1) * sizeof *t->columns);
    struct store_column *c = &t->columns[t->ncolumns++];
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    c->kind = kind;
    c->generated = generated;
    c->primary_key = primary_key;
}

static void add_parent(struct store_table *t, const char *parent)
{
    if (strcmp(parent, t->name) == 0)
        return; /* a table referring to itself orders nothing */
    for (int i = 0; i < t->nparents; i++)
        if (strcmp(t->parents[i], parent) == 0)
            return;
    t->parents = xrealloc(t->parents, (size_t)(t->nparents + 1) * sizeof *t->parents);
    snprintf(t->parents[t->nparents++], sizeof *t->parents, "%s", parent);
}

/* Runs sql with one text parameter (or none when arg is NULL). */
static int query(struct store_conn *c, const char *sql, const char *arg, struct store_result **r,
                 struct err *e)
{
    struct store_value p[] = {SV_TEXT(arg)};
    return store_exec(c, sql, p, arg ? 1 : 0, r, e);
}

/* ================================================================ SQLite */

static int describe_sqlite(struct store_conn *c, struct store_table *t, struct err *e)
{
    struct store_result *r = NULL;
    /* hidden: 2 and 3 are generated columns (virtual, stored) */
    int rc = query(c, "SELECT name, type, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid",
                   t->name, &r, e);
    for (size_t i = 0; rc == 0 && i < store_rows(r); i++)
        add_column(t, store_text(r, i, 0), sqlite_kind(store_text(r, i, 1)),
                   store_int(r, i, 3) >= 2, store_int(r, i, 2) > 0);
    store_result_free(r);
    r = NULL;
    if (rc == 0)
        rc = query(c, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)", t->name, &r, e);
    for (size_t i = 0; rc == 0 && i < store_rows(r); i++)
        add_parent(t, store_text(r, i, 0));
    store_result_free(r);
    /* an INTEGER PRIMARY KEY gives the next row max(id) + 1 by itself (AUTOINCREMENT tables
     * follow the ids inserted too): nothing to move afterwards */
    t->sequence[0] = '\0';
    return rc;
}

static const char SQLITE_TABLES[] =
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name";

/* ================================================================ PostgreSQL */

static int describe_pg(struct store_conn *c, struct store_table *t, struct err *e)
{
    struct store_result *keys = NULL, *r = NULL;
    int rc = query(c,
                   "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                   "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                   "WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary",
                   t->name, &keys, e);
    if (rc == 0)
        rc = query(c,
                   "SELECT column_name, data_type, is_generated = 'ALWAYS', "
                   "pg_get_serial_sequence(table_name, column_name) "
                   "FROM information_schema.columns "
                   "WHERE table_schema = current_schema() AND table_name = ? "
                   "ORDER BY ordinal_position",
                   t->name, &r, e);
    for (size_t i = 0; rc == 0 && i < store_rows(r); i++) {
        const char *name = store_text(r, i, 0);
        bool pk = false;
        for (size_t k = 0; k < store_rows(keys); k++)
            pk = pk || strcmp(store_text(keys, k, 0), name) == 0;
        add_column(t, name, pg_kind(store_text(r, i, 1)), store_bool(r, i, 2), pk);
        if (!store_isnull(r, i, 3))
            snprintf(t->sequence, sizeof t->sequence, "%s", name);
    }
    store_result_free(keys);
    store_result_free(r);
    r = NULL;
    if (rc == 0)
        rc = query(c,
                   "SELECT DISTINCT p.relname FROM pg_constraint k "
                   "JOIN pg_class p ON p.oid = k.confrelid "
                   "WHERE k.contype = 'f' AND k.conrelid = CAST(? AS regclass)",
                   t->name, &r, e);
    for (size_t i = 0; rc == 0 && i < store_rows(r); i++)
        add_parent(t, store_text(r, i, 0));
    store_result_free(r);
    return rc;
}

/* The triggers that fire on an INSERT, each with its table and its text: SQLite's CREATE
 * TRIGGER statement, the body of the function a PostgreSQL trigger runs. */
static const char SQLITE_INSERT_TRIGGERS[] =
    "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
    "AND upper(sql) LIKE '% INSERT ON %'";
static const char PG_INSERT_TRIGGERS[] =
    "SELECT c.relname, p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
    "WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND (t.tgtype & 4) <> 0";

/* Whether text (a trigger's) holds "INSERT INTO table" (any case and spacing). */
static bool inserts_into(const char *text, const char *table)
{
    size_t n = strlen(table);
    for (const char *p = text; (p = strcasestr(p, "insert")) != NULL; p++) {
        const char *q = p + 6;
        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        if (!isspace((unsigned char)*q))
            continue;
        while (isspace((unsigned char)*q))
            q++;
        if (strncasecmp(q, "into", 4) != 0 || !isspace((unsigned char)q[4]))
            continue;
        q += 4;
        while (isspace((unsigned char)*q))
            q++;
        if (strncasecmp(q, table, n) == 0 && !isalnum((unsigned char)q[n]) && q[n] != '_')
            return true;
    }
    return false;
}

/* Marks the tables a trigger on inserts into another table writes (store_table.derived). */
static int mark_derived(struct store_conn *c, bool sqlite, struct store_schema *s, struct err *e)
{
    struct store_result *r = NULL;
    int rc = query(c, sqlite ? SQLITE_INSERT_TRIGGERS : PG_INSERT_TRIGGERS, NULL, &r, e);
    for (size_t i = 0; rc == 0 && i < store_rows(r); i++) {
        const char *on = store_text(r, i, 0), *text = store_text(r, i, 1);
        for (int k = 0; text && k < s->ntables; k++)
            if (strcmp(s->tables[k].name, on) != 0 && inserts_into(text, s->tables[k].name))
                s->tables[k].derived = true;
    }
    store_result_free(r);
    return rc;
}

static const char PG_TABLES[] = "SELECT table_name FROM information_schema.tables "
                                "WHERE table_schema = current_schema() "
                                "AND table_type = 'BASE TABLE' ORDER BY table_name";

/* ================================================================ public */

/* Orders s->tables so that every table comes after the tables it refers to. ERR_INTERNAL when
 * the references go round in a circle. */
static int order_by_references(struct store_schema *s, struct err *e)
{
    struct store_table *sorted = xcalloc((size_t)(s->ntables ? s->ntables : 1), sizeof *sorted);
    bool *placed = xcalloc((size_t)(s->ntables ? s->ntables : 1), sizeof *placed);
    int n = 0;
    while (n < s->ntables) {
        int before = n;
        for (int i = 0; i < s->ntables; i++) {
            if (placed[i])
                continue;
            bool ready = true;
            for (int p = 0; p < s->tables[i].nparents && ready; p++)
                for (int k = 0; k < s->ntables; k++)
                    if (!placed[k] && strcmp(s->tables[k].name, s->tables[i].parents[p]) == 0)
                        ready = false;
            if (ready) {
                sorted[n++] = s->tables[i];
                placed[i] = true;
            }
        }
        if (n == before) {
            free(sorted);
            free(placed);
            return err_set(e, ERR_INTERNAL, NULL, "the foreign keys between tables form a cycle");
        }
    }
    free(s->tables);
    free(placed);
    s->tables = sorted;
    return 0;
}

int store_describe(struct store_conn *c, struct store_schema **out, struct err *e)
{
    bool sqlite = c->ops == &store_sqlite_ops;
    struct store_schema *s = xcalloc(1, sizeof *s);
    struct store_result *r = NULL;
    int rc = query(c, sqlite ? SQLITE_TABLES : PG_TABLES, NULL, &r, e);
    for (size_t i = 0; rc == 0 && i < store_rows(r); i++) {
        const char *name = store_text(r, i, 0);
        if (skipped(name))
            continue;
        s->tables = xrealloc(s->tables, (size_t)(s->ntables + 1) * sizeof *s->tables);
        struct store_table *t = &s->tables[s->ntables++];
        memset(t, 0, sizeof *t);
        snprintf(t->name, sizeof t->name, "%s", name);
        rc = sqlite ? describe_sqlite(c, t, e) : describe_pg(c, t, e);
    }
    store_result_free(r);
    if (rc == 0)
        rc = mark_derived(c, sqlite, s, e);
    if (rc == 0)
        rc = order_by_references(s, e);
    if (rc) {
        store_schema_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

void store_schema_free(struct store_schema *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < s->ntables; i++) {
        free(s->tables[i].columns);
        free(s->tables[i].parents);
    }
    free(s->tables);
    free(s);
}

const struct store_table *store_schema_table(const struct store_schema *s, const char *name)
{
    for (int i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i].name, name) == 0)
            return &s->tables[i];
    return NULL;
}

const struct store_column *store_table_column(const struct store_table *t, const char *name)
{
    for (int i = 0; i < t->ncolumns; i++)
        if (strcmp(t->columns[i].name, name) == 0)
            return &t->columns[i];
    return NULL;
}

int store_move_sequence(struct store_conn *c, const struct store_table *t, struct err *e)
{
    if (t->sequence[0] == '\0')
        return 0;
    /* the next value is max + 1; an empty table starts again at 1 */
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT setval(pg_get_serial_sequence(?, ?), "
             "COALESCE((SELECT max(%s) FROM %s), 1), (SELECT max(%s) FROM %s) IS NOT NULL)",
             t->sequence, t->name, t->sequence, t->name);
    struct store_value p[] = {SV_TEXT(t->name), SV_TEXT(t->sequence)};
    return store_exec(c, sql, p, 2, NULL, e);
}

int store_after_load(struct store_conn *c, struct err *e)
{
    struct store_schema *s = NULL;
    int rc = store_describe(c, &s, e);
    for (int i = 0; rc == 0 && i < s->ntables; i++)
        rc = s->tables[i].derived ? store_compact(c, s->tables[i].name, e)
                                  : store_refresh_stats(c, s->tables[i].name, NULL, 0, e);
    store_schema_free(s);
    return rc;
}
