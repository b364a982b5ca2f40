/*
 * This file declares the byte-budgeted, least-recently-used list that the in-memory caches
 * share (the score cache, src/model/score_cache.c; whole answers of the calendar and the board,
 * src/model/answer_cache.c): a short list of items under one lock, each counted by its bytes
 * against a limit, the least recently used dropped first beyond it, and each referenced while
 * a request uses it, so that dropping an item never frees it under a reader. What an item is,
 * how it is found and how it is freed belong to the cache; the list only orders, counts and
 * references. Linear search: the caches hold tens of items.
 */
#ifndef COPILOT_LIB_LRU_H
#define COPILOT_LIB_LRU_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

/* The list's part of an item: the first member of a cache's own struct. */
struct lru_item {
    size_t bytes;  /* what the item holds, counted against the limit while listed */
    unsigned refs; /* one for the list while listed, one per user; under the list's lock */
};

struct lru {
    pthread_mutex_t lock;
    struct lru_item **items; /* most recently used last */
    size_t n, capacity;
    size_t held;                          /* bytes of the items listed */
    size_t limit;                         /* 0: the cache is off (nothing is kept) */
    void (*free_item)(struct lru_item *); /* frees an item with its last reference */
};

#define LRU_INIT(limit, free_item)                                                                 \
    {                                                                                              \
        PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0, 0, (limit), (free_item)                             \
    }

/* What a cache's match function says of an item for a key. */
enum lru_match {
    LRU_SKIP, /* not the key's: look further */
    LRU_TAKE, /* the key's: the answer */
    LRU_DROP, /* the key's but out of date: drop it from the list, and stop looking */
};
typedef enum lru_match (*lru_match_fn)(const struct lru_item *item, const void *key);

/* Sets the limit in bytes (items beyond it are dropped at the next lru_put); 0 turns it off. */
void lru_configure(struct lru *l, size_t limit);
/* Whether the limit is not 0. */
bool lru_enabled(struct lru *l);

/* The first item (from the least recently used) that match takes for key, referenced and made
 * the most recently used; NULL when none (an item match drops is taken off the list, and the
 * search ends there). The caller gives the reference back with lru_release. */
struct lru_item *lru_get(struct lru *l, lru_match_fn match, const void *key);

/* Offers item (referenced by the caller, bytes set) to the list: the item match takes or drops
 * for key (an older one of the same key) leaves the list first; then, when item fits the
 * limit, the least recently used are dropped until it fits beside them and it is listed (the
 * list's own reference added). The caller keeps its reference. Returns whether it was listed. */
bool lru_put(struct lru *l, struct lru_item *item, lru_match_fn match, const void *key);

/* Gives back one reference; the last frees the item (free_item). */
void lru_release(struct lru *l, struct lru_item *item);

/* Records an item's new size (a cache that grows an entry in place); call with l->lock held,
 * as the cache changes what its match reads at the same time. */
void lru_resize_locked(struct lru *l, struct lru_item *item, size_t bytes);

/* Drops every item (tests and shutdown). */
void lru_clear(struct lru *l);

#endif
