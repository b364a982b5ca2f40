/*
 * This file declares the totals of recent searches kept in memory (issue 9, docs/performance.md
 * "Search on PostgreSQL (eighth round)"). An exact search total reads every match's row on
 * PostgreSQL (12,497 rows of jobs_search for a common word of 100,000 jobs, about 2 ms); every
 * page of the same search and every repeat of it has the same total while the owner's rows are
 * unchanged. A total is kept with the owner's data version read in the same statement
 * (list_spec.version: user_data_versions, migration 0033, moved by triggers in the transaction
 * of every write of a searched column), and the statement that counts compares the version it
 * reads now with the kept one and counts again only when it moved: so the total stays exact,
 * and several servers on one database agree.
 *
 * A fixed table of SEARCH_TOTALS_SLOTS slots under one lock; a slot holds one (owner, table,
 * words) and is overwritten by the next search hashed to it.
 */
#ifndef COPILOT_MODEL_SEARCH_TOTALS_H
#define COPILOT_MODEL_SEARCH_TOTALS_H

#include <stdbool.h>
#include <stdint.h>

#define SEARCH_TOTALS_SLOTS 1024
#define SEARCH_TOTALS_KEY 200 /* the longest table name and words kept, with their separator */

/* The total, the owner's row count (all; -1: not kept) and the version they were read at, kept
 * for the owner's search of `words` (the store_fulltext_arg text) in `table`: true and *version,
 * *total, *all set, or false. */
bool search_totals_get(int64_t owner, const char *table, const char *words, int64_t *version,
                       int64_t *total, int64_t *all);
/* Keeps the total and all read at version (a key too long to keep is not kept). */
void search_totals_put(int64_t owner, const char *table, const char *words, int64_t version,
                       int64_t total, int64_t all);

#endif
