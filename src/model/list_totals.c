/*
 * This file implements the kept list totals of list_totals.h: a fixed table of slots chosen by
 * a hash of (owner, key), under one lock; the kept sets of ids are copies on the heap, counted
 * against LIST_TOTALS_IDS_BYTES.
 */
#include "list_totals.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/hash.h"

struct slot {
    int64_t owner, version, total, all;
    bool used;
    void *ids; /* or NULL */
    size_t ids_len;
    char key[LIST_TOTALS_KEY];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[LIST_TOTALS_SLOTS];
static size_t ids_bytes; /* the kept sets' bytes */
static size_t evict_at;  /* the next slot whose set gives way to a new one */

/* Drops other slots' sets, in turn, until len more bytes fit (the lock held). */
static void make_room(size_t len)
{
    for (size_t i = 0; i < LIST_TOTALS_SLOTS && ids_bytes + len > LIST_TOTALS_IDS_BYTES; i++) {
        struct slot *s = &slots[evict_at];
        evict_at = (evict_at + 1) % LIST_TOTALS_SLOTS;
        if (s->ids) {
            free(s->ids);
            ids_bytes -= s->ids_len;
            s->ids = NULL;
            s->ids_len = 0;
        }
    }
}

static struct slot *slot_of(int64_t owner, const char *key)
{
    return &slots[fnv1a_text(FNV1A_SEED ^ (uint64_t)owner, key) % LIST_TOTALS_SLOTS];
}

bool list_totals_get(int64_t owner, const char *key, int64_t *version, int64_t *total, int64_t *all,
                     struct arena *a, const void **ids, size_t *ids_len)
{
    if (strlen(key) >= LIST_TOTALS_KEY)
        return false;
    pthread_mutex_lock(&lock);
    const struct slot *s = slot_of(owner, key);
    bool found = s->used && s->owner == owner && strcmp(s->key, key) == 0 && (!ids || s->ids);
    if (found) {
        *version = s->version;
        *total = s->total;
        *all = s->all;
        if (ids) {
            void *copy = arena_alloc(a, s->ids_len ? s->ids_len : 1);
            memcpy(copy, s->ids, s->ids_len);
            *ids = copy;
            *ids_len = s->ids_len;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

void list_totals_put(int64_t owner, const char *key, int64_t version, int64_t total, int64_t all,
                     const void *ids, size_t ids_len)
{
    size_t len = strlen(key);
    if (len >= LIST_TOTALS_KEY)
        return;
    /* the copy is made outside the lock (a set is up to LIST_TOTALS_IDS_BYTES) */
    void *copy = ids && ids_len <= LIST_TOTALS_IDS_BYTES ? malloc(ids_len ? ids_len : 1) : NULL;
    if (copy)
        memcpy(copy, ids, ids_len);
    void *old = NULL;
    pthread_mutex_lock(&lock);
    struct slot *s = slot_of(owner, key);
    old = s->ids;
    ids_bytes -= s->ids_len;
    s->ids = NULL;
    s->ids_len = 0;
    if (copy)
        make_room(ids_len);
    if (copy && ids_bytes + ids_len <= LIST_TOTALS_IDS_BYTES) {
        s->ids = copy;
        s->ids_len = ids_len;
        ids_bytes += ids_len;
        copy = NULL;
    }
    s->owner = owner;
    s->version = version;
    s->total = total;
    s->all = all;
    s->used = true;
    memcpy(s->key, key, len + 1);
    pthread_mutex_unlock(&lock);
    free(old);
    free(copy);
}

bool list_totals_slice(int64_t owner, const char *key, int64_t version, size_t from, size_t len,
                       void *out)
{
    if (strlen(key) >= LIST_TOTALS_KEY)
        return false;
    pthread_mutex_lock(&lock);
    const struct slot *s = slot_of(owner, key);
    bool found = s->used && s->owner == owner && strcmp(s->key, key) == 0 && s->ids &&
                 s->version == version && from <= s->ids_len && len <= s->ids_len - from;
    if (found)
        memcpy(out, (const char *)s->ids + from, len);
    pthread_mutex_unlock(&lock);
    return found;
}
