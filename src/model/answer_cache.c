/* This file implements the cache of whole answers of answer_cache.h on lib/lru.h. */
#include "answer_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/xalloc.h"

int answer_version(struct store_conn *c, int64_t user_id, enum answer_version which,
                   int64_t *version, bool *known, struct err *e)
{
    static const char *const sql[] = {
        [ANSWER_CALENDAR] = "SELECT calendar_version FROM user_data_versions WHERE user_id = ?",
        [ANSWER_BOARD] = "SELECT board_version FROM user_data_versions WHERE user_id = ?",
    };
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c, sql[which], p, 1, &r, e);
    if (rc)
        return rc;
    *known = store_rows(r) > 0 && !store_isnull(r, 0, 0);
    *version = *known ? store_int(r, 0, 0) : 0;
    store_result_free(r);
    return 0;
}

static void answer_free(struct lru_item *item)
{
    struct answer *x = (struct answer *)item;
    free(x->body);
    free(x);
}

static struct lru cache = LRU_INIT(ANSWER_CACHE_DEFAULT_BYTES, answer_free);

void answer_cache_configure(size_t bytes)
{
    lru_configure(&cache, bytes);
}

bool answer_cache_enabled(void)
{
    return lru_enabled(&cache);
}

/* Whether the key fits an answer's (a longer text is never kept: no two keys may share one). */
static bool fits(const char *key)
{
    return strlen(key) < sizeof((struct answer *)0)->key;
}

/* An answer's key and version (what a lookup compares). */
struct key {
    int64_t user_id, version;
    const char *key;
};

/* The answer of the key is taken at its version, dropped at another. */
static enum lru_match match(const struct lru_item *item, const void *k)
{
    const struct answer *x = (const struct answer *)item;
    const struct key *key = k;
    if (x->user_id != key->user_id || strcmp(x->key, key->key) != 0)
        return LRU_SKIP;
    return x->version == key->version ? LRU_TAKE : LRU_DROP;
}

struct answer *answer_cache_get(int64_t user_id, int64_t version, const char *key)
{
    if (!fits(key))
        return NULL;
    struct key k = {user_id, version, key};
    return (struct answer *)lru_get(&cache, match, &k);
}

/* The answer of the key is taken whatever its version. */
static enum lru_match match_any(const struct lru_item *item, const void *k)
{
    const struct answer *x = (const struct answer *)item;
    const struct key *key = k;
    return x->user_id == key->user_id && strcmp(x->key, key->key) == 0 ? LRU_TAKE : LRU_SKIP;
}

struct answer *answer_cache_peek(int64_t user_id, const char *key)
{
    if (!fits(key))
        return NULL;
    struct key k = {user_id, 0, key};
    return (struct answer *)lru_get(&cache, match_any, &k);
}

struct answer *answer_cache_put(int64_t user_id, int64_t version, const char *key, char *body,
                                size_t len)
{
    struct answer *x = xcalloc(1, sizeof *x);
    x->item.refs = 1; /* the caller's */
    x->item.bytes = sizeof *x + len;
    x->user_id = user_id;
    x->version = version;
    snprintf(x->key, sizeof x->key, "%s", key);
    x->body = body;
    x->len = len;
    struct key k = {user_id, version, key};
    if (fits(key))
        lru_put(&cache, &x->item, match, &k);
    return x;
}

void answer_cache_release(void *answer)
{
    lru_release(&cache, answer);
}
