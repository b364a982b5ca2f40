/*
 * This file implements the SQLite backend's side of searching: sets of ids (the SQL functions
 * copilot_ids, copilot_in_ids, copilot_ids_json and copilot_fts_not_owner, registered on each
 * connection) and the full-text SQL over the FTS5 indexes with its MATCH argument.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "store_sqlite_internal.h"

/* ================================================================ sets of ids */

/* A set of rowids as SQL sees it: a BLOB of int64 in ascending order, no repeat (native byte
 * order; it never leaves the process). Built by the aggregate copilot_ids(id), asked by
 * copilot_in_ids(set, id): a search's matches walked once for both its count and its page
 * (store_sql_fulltext_ids, store_sql_in_ids). */
struct id_set {
    sqlite3_int64 *ids;
    size_t n, cap;
    bool unsorted;
    bool failed;
};

static int compare_ids(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return (x > y) - (x < y);
}

static void ids_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct id_set *s = sqlite3_aggregate_context(ctx, sizeof *s);
    if (s == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (s->failed || sqlite3_value_type(argv[0]) != SQLITE_INTEGER)
        return; /* a NULL rowid cannot be: nothing to add */
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        sqlite3_int64 *ids = sqlite3_realloc64(s->ids, cap * sizeof *ids);
        if (ids == NULL) {
            s->failed = true;
            return;
        }
        s->ids = ids;
        s->cap = cap;
    }
    sqlite3_int64 id = sqlite3_value_int64(argv[0]);
    s->unsorted |= s->n > 0 && id <= s->ids[s->n - 1];
    s->ids[s->n++] = id;
}

static void ids_final(sqlite3_context *ctx)
{
    struct id_set *s = sqlite3_aggregate_context(ctx, 0);
    if (s && s->failed) {
        sqlite3_free(s->ids);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (s == NULL || s->n == 0) {
        if (s)
            sqlite3_free(s->ids);
        sqlite3_result_zeroblob(ctx, 0); /* the empty set: an empty BLOB, not NULL */
        return;
    }
    if (s->unsorted) { /* FTS5 gives rowids in ascending order; anything else is sorted here */
        qsort(s->ids, s->n, sizeof *s->ids, compare_ids);
        size_t w = 1;
        for (size_t r = 1; r < s->n; r++)
            if (s->ids[r] != s->ids[w - 1])
                s->ids[w++] = s->ids[r];
        s->n = w;
    }
    sqlite3_result_blob64(ctx, s->ids, s->n * sizeof *s->ids, sqlite3_free);
}

/* copilot_in_ids(set, id): 1 when id is in the set (a binary search), else 0; NULL for a NULL
 * id. The set is a bound parameter: SQLite hands the caller's bytes, not a copy, to each call. */
static void in_ids(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return;
    const sqlite3_int64 *ids = sqlite3_value_blob(argv[0]);
    size_t lo = 0, hi = (size_t)sqlite3_value_bytes(argv[0]) / sizeof *ids;
    sqlite3_int64 id = sqlite3_value_int64(argv[1]);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        sqlite3_int64 v;
        memcpy(&v, ids + mid, sizeof v); /* a bound BLOB need not be aligned */
        if (v < id)
            lo = mid + 1;
        else if (v > id)
            hi = mid;
        else {
            sqlite3_result_int(ctx, 1);
            return;
        }
    }
    sqlite3_result_int(ctx, 0);
}

/* copilot_fts_not_owner(words): the FTS5 query of a search (store_sqlite_fulltext_arg: quoted
 * phrases) for an index that also holds the owner's id as its column user_id (migration 0038):
 * the words themselves when each phrase holds an ASCII letter, else the words kept out of that
 * column ("- user_id : (words)"). The column holds one token, the owner's id in digits; a phrase
 * with a letter is a token with a letter, or two tokens or more, and matches no such column, so
 * the filter, which makes FTS5 read each match's columns (0.07-0.1 ms at 12,497 matches), is
 * left out only where it cannot change the matches. */
static void fts_not_owner(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *words = (const char *)sqlite3_value_text(argv[0]);
    if (words == NULL)
        return;
    bool quoted = false, letter = false, every = true;
    for (const char *p = words; *p && every; p++) {
        if (*p == '"') {
            every = !quoted || letter;
            quoted = !quoted;
            letter = false;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
            letter = true;
        }
    }
    if (every && !quoted) {
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    char *out = sqlite3_mprintf("- user_id : (%s)", words);
    if (out == NULL)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_text(ctx, out, -1, sqlite3_free);
}

/* copilot_ids_json(set): the ids of a set as a JSON array, for json_each to list them (a set
 * that drives a statement: a few matches whose rows are looked up). */
static void ids_json(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const sqlite3_int64 *ids = sqlite3_value_blob(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]) / sizeof *ids;
    char *out = sqlite3_malloc64(n * 21 + 3), *o = out;
    if (out == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    *o++ = '[';
    for (size_t i = 0; i < n; i++) {
        sqlite3_int64 v;
        memcpy(&v, ids + i, sizeof v);
        o += sprintf(o, i ? ",%lld" : "%lld", (long long)v);
    }
    *o++ = ']';
    sqlite3_result_text64(ctx, out, (sqlite3_uint64)(o - out), sqlite3_free, SQLITE_UTF8);
}

/* Registers copilot_ids, copilot_in_ids, copilot_ids_json and copilot_fts_not_owner on db. */
int store_sqlite_add_id_sets(sqlite3 *db)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function(db, "copilot_ids", 1, flags, NULL, NULL, ids_step, ids_final);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "copilot_in_ids", 2, flags, NULL, in_ids, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "copilot_ids_json", 1, flags, NULL, ids_json, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "copilot_fts_not_owner", 1, flags, NULL, fts_not_owner,
                                     NULL, NULL);
    return rc;
}

/* ================================================================ full-text search */

/* The tables whose FTS5 index also holds the owner, as its column user_id (migration 0038): a
 * search leaves that column out, and an owner's matches are counted in the index alone. */
static bool fts_has_owner(const char *table)
{
    return strcmp(table, "jobs") == 0;
}

/* The migrations keep an FTS5 index <table>_fts over the table (content='<table>',
 * content_rowid='id'), maintained by triggers. */
void store_sqlite_sql_fulltext(const char *table, char *out, size_t n)
{
    if (fts_has_owner(table)) /* the words in any column but the owner's */
        snprintf(out, n,
                 "id IN (SELECT rowid FROM %s_fts WHERE %s_fts MATCH copilot_fts_not_owner(?))",
                 table, table);
    else
        snprintf(out, n, "id IN (SELECT rowid FROM %s_fts WHERE %s_fts MATCH ?)", table, table);
}

/* The owner's matches: the owner's id, the one token of the user_id column, intersected with
 * the words in the other columns, without reading a row. The cost follows the shorter of the
 * owner's list and the words' lists (FTS5 skips through the longer one), where checking each
 * match's owner in the table follows the matches of every owner: 12,497 of 100,000 jobs,
 * 1.9 ms against 7.9 ms; a rare word among many jobs costs a little more (617: 1.2 against
 * 0.7 ms). every_owner: the matches of every owner, the words' lists alone (one '?'): for a
 * database where the owner holds every row, the same count without the owner's list (12,497
 * matches: 0.48 against 1.34 ms). */
static bool fulltext_select(const char *what, const char *table, bool every_owner, char *out,
                            size_t n)
{
    if (!fts_has_owner(table))
        return false;
    if (every_owner)
        snprintf(out, n, "SELECT %s FROM %s_fts WHERE %s_fts MATCH copilot_fts_not_owner(?)", what,
                 table, table);
    else
        snprintf(out, n,
                 "SELECT %s FROM %s_fts WHERE %s_fts MATCH "
                 "'user_id : \"' || ? || '\" AND (' || copilot_fts_not_owner(?) || ')'",
                 what, table, table);
    return true;
}

bool store_sqlite_sql_fulltext_count(const char *table, bool every_owner, char *out, size_t n)
{
    return fulltext_select("COUNT(*)", table, every_owner, out, n);
}

/* The same matches as a set of ids (copilot_ids): walked once, counted by their number and
 * asked by the page (copilot_in_ids) instead of walked again into an IN list. */
bool store_sqlite_sql_fulltext_ids(const char *table, bool every_owner, char *out, size_t n)
{
    return fulltext_select("copilot_ids(rowid)", table, every_owner, out, n);
}

/* One word of an FTS5 query: a quoted prefix phrase, after a space (FTS5's implicit AND). */
static void put_prefix_phrase(struct buf *b, const char *word, size_t len, int nth)
{
    buf_printf(b, "%s\"%.*s\"*", nth ? " " : "", (int)len, word);
}

/* An FTS5 query: each word of q as a quoted prefix phrase ("word"*), all of them required
 * (FTS5's implicit AND). Quoting leaves nothing of q for FTS5 to read as an operator. Returns
 * malloc'd text, or NULL when q has no word. At most FULLTEXT_MAX_WORDS words are kept. */
char *store_sqlite_fulltext_arg(const char *q)
{
    return store_fulltext_words(q, put_prefix_phrase);
}
