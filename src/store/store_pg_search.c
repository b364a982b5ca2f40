/*
 * This file implements the PostgreSQL backend's full-text search: the conditions on the
 * tsvector columns and the GIN indexes (jobs' in jobs_search), an owner's matches counted or
 * paged through the index, and the tsquery argument built from a search's words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg_internal.h"

/* ================================================================ full-text search */

/* The table that holds table's full-text index, when it is not table itself: jobs' vectors are
 * indexed in jobs_search (migration 0053), a narrow table (about 100 bytes a row, the vector
 * stored out of line) kept by triggers, so that a count through the index reads the matches'
 * rows there (1,235 pages for 100,000 jobs) instead of on jobs (7,811 pages for 12,497 matches). */
const char *store_pg_search_table(const char *table)
{
    return strcmp(table, "jobs") == 0 ? "jobs_search" : NULL;
}

/* The tsquery of a search's argument (store_pg_fulltext_arg) where the GIN index is asked: for
 * jobs, jobs_search_query (migration 0062), which writes a prefix term covering 1 to 3 words of the
 * vectors as those words, so that the index reads them with its fast scan instead of merging
 * every covered word's posting list first ('payments':* & 'go':* at 100,000 jobs: the page's
 * statement 0.93 -> 0.55 ms; the same matches); other tables keep no list of their words. */
static const char *pg_index_query(const char *table)
{
    return store_pg_search_table(table) ? "jobs_search_query(copilot_search_query(?))"
                                        : "to_tsquery('simple', copilot_search_query(?))";
}

/* The migrations give the table a generated tsvector column search_vector ('simple'
 * configuration of the text folded as FTS5 reads it, copilot_search_text, migration 0091); the
 * condition reads it from the row being filtered. */
void store_pg_sql_fulltext(const char *table, char *out, size_t n)
{
    (void)table;
    snprintf(out, n, "search_vector @@ to_tsquery('simple', copilot_search_query(?))");
}

/* The matches found through the index: for a table indexed in a table of its own, their ids
 * read there through its GIN index (the tsquery a sub-select, as in store_pg_sql_fulltext_count:
 * with the value in sight the planner scans jobs_search for a common word, taking its 1,235
 * pages for cheap, and reads every vector out of line: 300,000 buffers, 150-200 ms); otherwise
 * the row's own vector, whose GIN index is on the table. */
void store_pg_sql_fulltext_matches(const char *table, char *out, size_t n)
{
    const char *index = store_pg_search_table(table);
    if (index)
        snprintf(out, n, "id IN (SELECT job_id FROM %s WHERE search_vector @@ (SELECT %s))", index,
                 pg_index_query(table));
    else
        store_pg_sql_fulltext(table, out, n);
}

/* The owner's matches, always through the GIN index: the tsquery is a sub-select, so the planner
 * cannot see how many rows it matches and keeps the index. With the value in sight it costs @@
 * like an integer comparison (ts_match_vq has procost 1) and, for a word in 1 job of 8 of a
 * user with 10,000 jobs, scans the whole table (2,000 pages, 11 ms) where the GIN index and the
 * matches' pages take 0.6 ms; even a prefix every row matches is read faster through the index
 * (a recheck-free bitmap never evaluates @@: 10,000 of 10,000 rows, 8.4 against 12.6 ms).
 * For jobs, counted in jobs_search (store_pg_search_table). every_owner is not offered (the owner
 * is a column checked in the table anyway). */
bool store_pg_sql_fulltext_count(const char *table, bool every_owner, char *out, size_t n)
{
    if (every_owner)
        return false;
    const char *index = store_pg_search_table(table);
    snprintf(out, n, "SELECT COUNT(*) FROM %s WHERE user_id = ? AND search_vector @@ (SELECT %s)",
             index ? index : table, pg_index_query(table));
    return true;
}

/* The page of the owner's matches in created_at order from jobs_search alone (migration 0055
 * keeps each job's created_at there): the matches through the GIN index (the tsquery a
 * sub-select, as in store_pg_sql_fulltext_count), their narrow rows sorted, the first kept. */
bool store_pg_sql_fulltext_page(const char *table, const char *sort, bool desc, char *out, size_t n)
{
    const char *index = store_pg_search_table(table);
    if (!index || strcmp(sort, "created_at") != 0)
        return false;
    const char *dir = desc ? "DESC" : "ASC";
    snprintf(out, n,
             "SELECT job_id FROM %s WHERE user_id = ? AND search_vector @@ (SELECT %s) "
             "ORDER BY created_at %s, job_id %s LIMIT ? OFFSET ?",
             index, pg_index_query(table), dir, dir);
    return true;
}

/* One word of a search after a space, its ASCII capitals lower-cased (so that a search's kept
 * total, list_totals, is one for "Go" and "go"): copilot_search_query (migration 0091) folds the
 * rest as FTS5's unicode61 tokenizer would and writes it as a prefix term of the tsquery. */
static void put_word(struct buf *b, const char *word, size_t len, int nth)
{
    if (nth)
        buf_putc(b, ' ');
    for (size_t i = 0; i < len; i++)
        buf_putc(b, (char)(word[i] >= 'A' && word[i] <= 'Z' ? word[i] - 'A' + 'a' : word[i]));
}

/* A search's words separated by spaces, for copilot_search_query to make the tsquery of: each
 * word folded (accents, capitals), a prefix term, all required ("word:* & word:*"); a word FTS5
 * cuts in several tokens a phrase, a word with no token left out (migration 0091 says how). Only
 * word bytes are kept (letters, digits, every byte of a multi-byte character), and the function
 * turns every other character into a separator, so nothing can read as a tsquery operator.
 * Returns malloc'd text, or NULL when q has no word. At most FULLTEXT_MAX_WORDS words. */
char *store_pg_fulltext_arg(const char *q)
{
    return store_fulltext_words(q, put_word);
}
