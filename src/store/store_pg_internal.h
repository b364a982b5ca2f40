/*
 * This file declares what the files of the PostgreSQL backend share (store_pg.c: connections,
 * placeholders, the statement cache, running SQL, cursors and the vtable; store_pg_error.c:
 * SQLSTATEs to ERR_* codes; store_pg_result.c: results read as the store's text cells;
 * store_pg_search.c: full-text search): the connection and the helpers one file defines for
 * another. Only those files see it.
 */
#ifndef COPILOT_STORE_STORE_PG_INTERNAL_H
#define COPILOT_STORE_STORE_PG_INTERNAL_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/buf.h"
#include "store.h"
#include "store_backend.h"

#define CACHE_BUCKETS 256

struct pg_stmt {
    char *sql; /* the '?' text, the cache key */
    uint32_t hash;
    int nparams; /* placeholders found by the translation */
    char name[16];
    struct pg_stmt *next;
};

struct pg_conn {
    struct store_conn base;
    PGconn *pg; /* NULL while not open */
    int statement_timeout_ms;
    struct pg_stmt *buckets[CACHE_BUCKETS];
    int ncached;
    unsigned next_id;
};

/* store_pg_error.c */
int store_pg_map_error(struct pg_conn *c, const PGresult *res, struct err *e);

/* store_pg_result.c */
void store_pg_set_cell(struct store_result *r, int col, Oid oid, const char *v, int len,
                       bool borrow, struct buf *scratch);
struct store_result *store_pg_materialise(PGresult *res);

/* store_pg_search.c */
const char *store_pg_search_table(const char *table);
void store_pg_sql_fulltext(const char *table, char *out, size_t n);
void store_pg_sql_fulltext_matches(const char *table, char *out, size_t n);
bool store_pg_sql_fulltext_count(const char *table, bool every_owner, char *out, size_t n);
bool store_pg_sql_fulltext_page(const char *table, const char *sort, bool desc, char *out,
                                size_t n);
char *store_pg_fulltext_arg(const char *q);

#endif
