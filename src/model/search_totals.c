/*
 * This file implements the kept search totals of search_totals.h: a fixed table of slots
 * chosen by a hash of (owner, table, words), under one lock.
 */
#include "search_totals.h"

#include <pthread.h>
#include <string.h>

#include "../lib/hash.h"

struct slot {
    int64_t owner, version, total, all;
    bool used;
    char key[SEARCH_TOTALS_KEY]; /* table '\n' words */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[SEARCH_TOTALS_SLOTS];

/* Writes table '\n' words into key; false when it does not fit. */
static bool make_key(const char *table, const char *words, char key[SEARCH_TOTALS_KEY])
{
    size_t lt = strlen(table), lw = strlen(words);
    if (lt + 1 + lw + 1 > SEARCH_TOTALS_KEY)
        return false;
    memcpy(key, table, lt);
    key[lt] = '\n';
    memcpy(key + lt + 1, words, lw + 1);
    return true;
}

static struct slot *slot_of(int64_t owner, const char *key)
{
    return &slots[fnv1a_text(FNV1A_SEED ^ (uint64_t)owner, key) % SEARCH_TOTALS_SLOTS];
}

bool search_totals_get(int64_t owner, const char *table, const char *words, int64_t *version,
                       int64_t *total, int64_t *all)
{
    char key[SEARCH_TOTALS_KEY];
    if (!make_key(table, words, key))
        return false;
    pthread_mutex_lock(&lock);
    const struct slot *s = slot_of(owner, key);
    bool found = s->used && s->owner == owner && strcmp(s->key, key) == 0;
    if (found) {
        *version = s->version;
        *total = s->total;
        *all = s->all;
    }
    pthread_mutex_unlock(&lock);
    return found;
}

void search_totals_put(int64_t owner, const char *table, const char *words, int64_t version,
                       int64_t total, int64_t all)
{
    char key[SEARCH_TOTALS_KEY];
    if (!make_key(table, words, key))
        return;
    pthread_mutex_lock(&lock);
    struct slot *s = slot_of(owner, key);
    s->owner = owner;
    s->version = version;
    s->total = total;
    s->all = all;
    s->used = true;
    memcpy(s->key, key, strlen(key) + 1);
    pthread_mutex_unlock(&lock);
}
