/*
 * This file declares the list totals kept in memory (issue 9, docs/performance.md "Search on
 * PostgreSQL (eighth round)" and "Kept totals (ninth round)"). An exact total that is not read
 * from the counters tables reads every match (a search's 12,497 matches of 100,000 jobs, the
 * 2,500 rows of `company=Hooli`); every page of the same list and every repeat of it has the
 * same total while the owner's rows are unchanged. A total is kept with the owner's data version
 * read in the same statement (list_spec.version: user_data_versions, migration 0033, moved by
 * triggers in the transaction of every write of a filtered or searched column), and the statement
 * that counts compares the version it reads now with the kept one and counts again only when it
 * moved: so the total stays exact, and several servers on one database agree.
 *
 * A total is kept under (owner, key), the key a canonical form of the list's table and filters
 * (table_list_count.c: the filters in the list spec's order, each with its column, operator and
 * value). Beside the total: the owner's row count (all; -1: not kept) and, where the engine reads a
 * search as a set of ids (SQLite), that set, so that a kept search's page asks it without
 * reading the words' lists again; the sets of all slots together are bounded by
 * LIST_TOTALS_IDS_BYTES (a new set drops other slots' sets, in turn, until it fits). A list's
 * ORDERED ids are kept the same way, under a key that adds the sort (table_list_kept.c,
 * table_kept_order_page: a sparse search's page is then a slice of them read by primary key).
 *
 * A fixed table of LIST_TOTALS_SLOTS slots under one lock; a slot holds one (owner, key) and is
 * overwritten by the next list hashed to it.
 */
#ifndef COPILOT_MODEL_LIST_TOTALS_H
#define COPILOT_MODEL_LIST_TOTALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/arena.h"

#define LIST_TOTALS_SLOTS 1024
#define LIST_TOTALS_KEY 256 /* the longest key kept, with its terminating NUL */
/* the kept sets of ids, all slots together (12,497 matches: 100 kB) */
#define LIST_TOTALS_IDS_BYTES (512 * 1024)

/* The total, the owner's row count (all; -1: not kept) and the version they were read at, kept
 * for (owner, key): true and *version, *total, *all set, or false. When ids is not NULL a set is
 * wanted too: false when none is kept, else a copy of it in a (*ids, *ids_len). */
bool list_totals_get(int64_t owner, const char *key, int64_t *version, int64_t *total, int64_t *all,
                     struct arena *a, const void **ids, size_t *ids_len);
/* Keeps the total and all read at version, and the set ids[0..ids_len) when ids is not NULL (a
 * key too long to keep is not kept, nor a set larger than LIST_TOTALS_IDS_BYTES). */
void list_totals_put(int64_t owner, const char *key, int64_t version, int64_t total, int64_t all,
                     const void *ids, size_t ids_len);
/* Copies bytes [from, from + len) of the set kept for (owner, key) into out when one is kept at
 * version and holds them: true, else false (a kept order's page: table_list_kept.c,
 * table_kept_order_page). */
bool list_totals_slice(int64_t owner, const char *key, int64_t version, size_t from, size_t len,
                       void *out);

#endif
