/*
 * This file implements the store's calls that ask the backend for what differs by engine: the
 * SQLite database file as a whole (backup, exclusive lock, restore), the migrations lock, and
 * the dialect's SQL (full-text search, sets of ids, row locks, NULL order, arrays) with the
 * words of a search both backends' full-text arguments are built from (store_fulltext_words).
 */
#include <assert.h>
#include <stdio.h>
#include <sys/file.h>

#include "../lib/buf.h"
#include "store_internal.h"

/* ================================================================ the file as a whole */

int store_backup(struct store_conn *c, const char *path, struct err *e)
{
    if (c->ops->backup_to == NULL)
        return err_set(e, ERR_UNSUPPORTED, NULL, "backups of PostgreSQL are made with pg_dump");
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = store_ensure_open(c, e);
    return rc ? rc : c->ops->backup_to(c, path, e);
}

int store_lock_exclusive(struct store *s, struct err *e)
{
    if (s->file_fd < 0)
        return err_set(e, ERR_UNSUPPORTED, NULL, "only an SQLite database file can be locked");
    if (flock(s->file_fd, LOCK_EX | LOCK_NB) != 0)
        return err_set(e, ERR_CONFLICT, NULL,
                       "%s is in use by another process (a running copilot server?)", s->url.path);
    return 0;
}

int store_restore(struct store_conn *c, const char *path, int newest_known, struct err *e)
{
    if (c->ops->restore_from == NULL)
        return err_set(e, ERR_UNSUPPORTED, NULL,
                       "PostgreSQL databases are restored with pg_restore");
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = store_ensure_open(c, e);
    return rc ? rc : c->ops->restore_from(c, path, newest_known, e);
}

int store_lock_migrations(struct store_conn *c, struct err *e)
{
    int rc = store_fault_point(c, e);
    if (rc == 0)
        rc = store_ensure_open(c, e);
    if (rc == 0 && c->ops->lock_migrations)
        rc = c->ops->lock_migrations(c, e);
    return rc;
}

void store_unlock_migrations(struct store_conn *c)
{
    if (c->ops->unlock_migrations && !c->broken)
        c->ops->unlock_migrations(c);
}

const char *store_sql_fulltext(const struct store_conn *c, const char *table, char *out, size_t n)
{
    assert(table && *table && n > 0);
    c->ops->sql_fulltext(table, out, n);
    return out;
}

const char *store_sql_fulltext_matches(const struct store_conn *c, const char *table, char *out,
                                       size_t n)
{
    assert(table && *table && n > 0);
    (c->ops->sql_fulltext_matches ? c->ops->sql_fulltext_matches : c->ops->sql_fulltext)(table, out,
                                                                                         n);
    return out;
}

const char *store_sql_fulltext_count(const struct store_conn *c, const char *table,
                                     bool every_owner, char *out, size_t n)
{
    assert(table && *table && n > 0);
    return c->ops->sql_fulltext_count && c->ops->sql_fulltext_count(table, every_owner, out, n)
               ? out
               : NULL;
}

const char *store_sql_fulltext_ids(const struct store_conn *c, const char *table, bool every_owner,
                                   char *out, size_t n)
{
    assert(table && *table && n > 0);
    return c->ops->sql_fulltext_ids && c->ops->in_ids &&
                   c->ops->sql_fulltext_ids(table, every_owner, out, n)
               ? out
               : NULL;
}

const char *store_sql_fulltext_page(const struct store_conn *c, const char *table, const char *sort,
                                    bool desc, char *out, size_t n)
{
    assert(table && *table && sort && *sort && n > 0);
    return c->ops->sql_fulltext_page && c->ops->sql_fulltext_page(table, sort, desc, out, n) ? out
                                                                                             : NULL;
}

const char *store_sql_in_ids(const struct store_conn *c, const char *column, bool drive, char *out,
                             size_t n)
{
    assert(c->ops->in_ids && c->ops->ids_drive && column && n > 0);
    snprintf(out, n, drive ? c->ops->ids_drive : c->ops->in_ids, column);
    return out;
}

int64_t store_ids_count(const struct store_result *r, size_t row, int col)
{
    return (int64_t)(store_length(r, row, col) / sizeof(int64_t));
}

char *store_fulltext_arg(const struct store_conn *c, const char *q)
{
    return c->ops->fulltext_arg(q);
}

const char *store_sql_for_update(const struct store_conn *c)
{
    return c->ops->for_update;
}

const char *store_sql_table_order(const struct store_conn *c, const char *order_by)
{
    return c->ops->seeks_in_index_order ? order_by : "";
}

const char *store_sql_no_index(const struct store_conn *c)
{
    return c->ops->no_index;
}

const char *store_sql_row_stamp(const struct store_conn *c)
{
    return c->ops->row_stamp;
}

bool store_nulls_last(const struct store_conn *c, bool desc)
{
    return c->ops->nulls_low == desc;
}

bool store_enum_order(const struct store_conn *c)
{
    return c->ops->enum_types;
}

bool store_fulltext_reads_row(const struct store_conn *c)
{
    return c->ops->fulltext_reads_row;
}

bool store_fulltext_count_fixed(const struct store_conn *c, const char *table)
{
    return c->ops->search_table && c->ops->search_table(table) != NULL;
}

bool store_array_overlaps_native(const struct store_conn *c)
{
    return c->ops->overlaps_native;
}

bool store_sql_lateral(const struct store_conn *c)
{
    return c->ops->lateral;
}

const char *store_sql_array_param(const struct store_conn *c)
{
    return c->ops->array_param;
}

const char *store_sql_array_contains(const struct store_conn *c, const char *column, char *out,
                                     size_t n)
{
    snprintf(out, n, c->ops->array_contains, column);
    return out;
}

const char *store_sql_array_overlaps(const struct store_conn *c, const char *column, char *out,
                                     size_t n)
{
    snprintf(out, n, c->ops->array_overlaps, column);
    return out;
}

const char *store_sql_in_texts(const struct store_conn *c, const char *column, char *out, size_t n)
{
    snprintf(out, n, c->ops->in_texts, column);
    return out;
}

static bool is_word_byte(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           ch >= 0x80;
}

/* Skips to the next word of *p (letters, digits, and every byte of a multi-byte UTF-8 sequence),
 * sets *start and returns its length, 0 at the end. Advances *p past the word. */
static size_t next_word(const char **p, const char **start)
{
    const char *s = *p ? *p : "";
    while (*s && !is_word_byte((unsigned char)*s))
        s++;
    *start = s;
    while (is_word_byte((unsigned char)*s))
        s++;
    *p = s;
    return (size_t)(s - *start);
}

char *store_fulltext_words(const char *q,
                           void (*put_word)(struct buf *b, const char *word, size_t len, int nth))
{
    struct buf b;
    buf_init(&b);
    int words = 0;
    const char *p = q, *start;
    size_t len;
    while (words < FULLTEXT_MAX_WORDS && (len = next_word(&p, &start)) > 0)
        put_word(&b, start, len, words++);
    if (words == 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}
