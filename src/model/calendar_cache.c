/* This file implements the cache of calendar answers of calendar_cache.h on lib/lru.h. */
#include "calendar_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/xalloc.h"

static void answer_free(struct lru_item *item)
{
    struct calendar_answer *x = (struct calendar_answer *)item;
    free(x->body);
    free(x);
}

static struct lru cache = LRU_INIT(CALENDAR_CACHE_DEFAULT_BYTES, answer_free);

void calendar_cache_configure(size_t bytes)
{
    lru_configure(&cache, bytes);
}

bool calendar_cache_enabled(void)
{
    return lru_enabled(&cache);
}

/* Whether the range's days fit an answer's key (a longer text is never kept: no two ranges may
 * share one). */
static bool fits(const char *from, const char *to)
{
    return strlen(from) < sizeof((struct calendar_answer *)0)->from &&
           strlen(to) < sizeof((struct calendar_answer *)0)->to;
}

/* An answer's range and version (what a lookup compares). */
struct key {
    int64_t user_id, version;
    const char *from, *to;
};

/* The answer of the key's range is taken at its version, dropped at another. */
static enum lru_match match(const struct lru_item *item, const void *k)
{
    const struct calendar_answer *x = (const struct calendar_answer *)item;
    const struct key *key = k;
    if (x->user_id != key->user_id || strcmp(x->from, key->from) != 0 ||
        strcmp(x->to, key->to) != 0)
        return LRU_SKIP;
    return x->version == key->version ? LRU_TAKE : LRU_DROP;
}

struct calendar_answer *calendar_cache_get(int64_t user_id, int64_t version, const char *from,
                                           const char *to)
{
    if (!fits(from, to))
        return NULL;
    struct key key = {user_id, version, from, to};
    return (struct calendar_answer *)lru_get(&cache, match, &key);
}

struct calendar_answer *calendar_cache_put(int64_t user_id, int64_t version, const char *from,
                                           const char *to, char *body, size_t len)
{
    struct calendar_answer *x = xcalloc(1, sizeof *x);
    x->item.refs = 1; /* the caller's */
    x->item.bytes = sizeof *x + len;
    x->user_id = user_id;
    x->version = version;
    snprintf(x->from, sizeof x->from, "%s", from);
    snprintf(x->to, sizeof x->to, "%s", to);
    x->body = body;
    x->len = len;
    struct key key = {user_id, version, from, to};
    if (fits(from, to))
        lru_put(&cache, &x->item, match, &key);
    return x;
}

void calendar_cache_release(void *answer)
{
    lru_release(&cache, answer);
}

void calendar_cache_clear(void)
{
    lru_clear(&cache);
}
