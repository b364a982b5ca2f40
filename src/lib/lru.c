/* This file implements the byte-budgeted LRU list of lru.h. */
#include "lru.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void lru_configure(struct lru *l, size_t limit)
{
    pthread_mutex_lock(&l->lock);
    l->limit = limit;
    pthread_mutex_unlock(&l->lock);
}

bool lru_enabled(struct lru *l)
{
    pthread_mutex_lock(&l->lock);
    bool on = l->limit > 0;
    pthread_mutex_unlock(&l->lock);
    return on;
}

/* Drops one reference (lock held); frees the item with the last. */
static void unref(struct lru *l, struct lru_item *x)
{
    if (--x->refs == 0)
        l->free_item(x);
}

/* Takes items[i] off the list (lock held). */
static void drop(struct lru *l, size_t i)
{
    struct lru_item *x = l->items[i];
    l->held -= x->bytes;
    memmove(&l->items[i], &l->items[i + 1], (l->n - i - 1) * sizeof *l->items);
    l->n--;
    unref(l, x);
}

struct lru_item *lru_get(struct lru *l, lru_match_fn match, const void *key)
{
    struct lru_item *found = NULL;
    pthread_mutex_lock(&l->lock);
    for (size_t i = 0; i < l->n; i++) {
        enum lru_match m = match(l->items[i], key);
        if (m == LRU_SKIP)
            continue;
        if (m == LRU_TAKE) {
            found = l->items[i];
            found->refs++;
            memmove(&l->items[i], &l->items[i + 1], (l->n - i - 1) * sizeof *l->items);
            l->items[l->n - 1] = found; /* most recently used */
        } else {
            drop(l, i); /* out of date: of no use any more */
        }
        break;
    }
    pthread_mutex_unlock(&l->lock);
    return found;
}

bool lru_put(struct lru *l, struct lru_item *x, lru_match_fn match, const void *key)
{
    pthread_mutex_lock(&l->lock);
    for (size_t i = 0; i < l->n; i++)
        if (match(l->items[i], key) != LRU_SKIP) {
            drop(l, i);
            break;
        }
    bool listed = x->bytes <= l->limit && l->limit > 0;
    if (listed) {
        while (l->n && l->held + x->bytes > l->limit)
            drop(l, 0);
        if (l->n == l->capacity) {
            l->capacity = l->capacity ? 2 * l->capacity : 16;
            l->items = xrealloc(l->items, l->capacity * sizeof *l->items);
        }
        l->items[l->n++] = x;
        l->held += x->bytes;
        x->refs++;
    }
    pthread_mutex_unlock(&l->lock);
    return listed;
}

void lru_release(struct lru *l, struct lru_item *x)
{
    if (x == NULL)
        return;
    pthread_mutex_lock(&l->lock);
    unref(l, x);
    pthread_mutex_unlock(&l->lock);
}

void lru_resize_locked(struct lru *l, struct lru_item *x, size_t bytes)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i] == x) {
            l->held += bytes - x->bytes; /* a listed item is counted in held */
            break;
        }
    x->bytes = bytes;
}

void lru_clear(struct lru *l)
{
    pthread_mutex_lock(&l->lock);
    while (l->n)
        drop(l, l->n - 1);
    free(l->items);
    l->items = NULL;
    l->capacity = 0;
    pthread_mutex_unlock(&l->lock);
}
