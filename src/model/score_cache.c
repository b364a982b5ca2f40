/*
 * This file implements the per-user cache of score_cache.h: entries on the byte-budgeted LRU
 * list of lib/lru.h (referenced while a request reads one, so dropping one never frees it under
 * a reader), at most one per user; and the recomputation of young jobs' scores for a new clock.
 */
#include "score_cache.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/hash.h"
#include "../lib/xalloc.h"
#include "../store/store.h"

static void entry_free(struct lru_item *item);
static struct lru cache = LRU_INIT(SCORE_CACHE_DEFAULT_BYTES, entry_free);

void score_cache_configure(size_t bytes)
{
    lru_configure(&cache, bytes);
}

bool score_cache_enabled(void)
{
    return lru_enabled(&cache);
}

int score_cache_version(struct store_conn *c, int64_t user_id, int64_t *version, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c, SCORE_CACHE_VERSION_SQL, p, 1, &r, e);
    if (rc)
        return rc;
    *version = store_rows(r) ? store_int(r, 0, 0) : 0;
    store_result_free(r);
    return 0;
}

static void entry_free(struct lru_item *item)
{
    struct score_cache_entry *x = (struct score_cache_entry *)item;
    free(x->jobs);
    free(x->ranks);
    free(x->young);
    score_cache_parts_free(&x->parts);
    score_cache_ids_free(&x->skill_ids);
    free(x->names_block);
    free(x->names);
    free(x->excluded);
    skill_gap_free(&x->relevant);
    skill_gap_free(&x->plain);
    free(x->user_skills);
    free(x->plain_have);
    arena_free(&x->arena);
    pthread_mutex_destroy(&x->lock);
    free(x);
}

/* The key of a lookup: the user, and the version wanted (any with ANY_VERSION). */
struct key {
    int64_t user_id, version;
};
#define ANY_VERSION INT64_MIN

/* One entry per user: the user's at the version wanted, dropped at another. */
static enum lru_match match(const struct lru_item *item, const void *k)
{
    const struct score_cache_entry *x = (const struct score_cache_entry *)item;
    const struct key *key = k;
    if (x->user_id != key->user_id)
        return LRU_SKIP;
    return key->version == ANY_VERSION || x->version == key->version ? LRU_TAKE : LRU_DROP;
}

struct score_cache_entry *score_cache_get(int64_t user_id, int64_t version)
{
    struct key key = {user_id, version};
    struct score_cache_entry *found = (struct score_cache_entry *)lru_get(&cache, match, &key);
    if (found)
        pthread_mutex_lock(&found->lock);
    return found;
}

struct score_cache_entry *score_cache_find(int64_t user_id)
{
    return score_cache_get(user_id, ANY_VERSION);
}

struct score_cache_entry *score_cache_new(int64_t user_id, int64_t version)
{
    struct score_cache_entry *x = xcalloc(1, sizeof *x);
    x->user_id = user_id;
    x->version = version;
    x->item.refs = 1;
    pthread_mutex_init(&x->lock, NULL);
    pthread_mutex_lock(&x->lock);
    return x;
}

static size_t room(size_t n, size_t cap)
{
    return cap > n ? cap : n;
}

/* What x holds, in bytes. */
static size_t entry_bytes(const struct score_cache_entry *x)
{
    size_t bytes = sizeof *x + room(x->njobs, x->capjobs) * sizeof *x->jobs +
                   room(x->nranks, x->capranks) * sizeof *x->ranks +
                   room(x->nyoung, x->capyoung) * sizeof *x->young +
                   x->parts.n * sizeof *x->parts.items + x->parts.nslots * sizeof *x->parts.slots +
                   x->skill_ids.cap * x->skill_ids.width + x->nexcluded * sizeof *x->excluded;
    for (size_t i = 0; i < x->nnames; i++)
        bytes += sizeof *x->names + strlen(x->names[i]) + 1;
    return bytes + arena_bytes(&x->arena);
}

void score_cache_moved(struct score_cache_entry *x, int64_t version)
{
    size_t bytes = entry_bytes(x);
    pthread_mutex_lock(&cache.lock);
    x->version = version; /* what match reads */
    lru_resize_locked(&cache, &x->item, bytes);
    pthread_mutex_unlock(&cache.lock);
}

void score_cache_put(struct score_cache_entry *x)
{
    x->item.bytes = entry_bytes(x);
    struct key key = {x->user_id, ANY_VERSION}; /* an older entry of the user leaves */
    lru_put(&cache, &x->item, match, &key);
}

void score_cache_release(struct score_cache_entry *x)
{
    if (x == NULL)
        return;
    pthread_mutex_unlock(&x->lock);
    lru_release(&cache, &x->item);
}

void score_cache_refresh(struct score_cache_entry *x, time_t now)
{
    if (now == x->now)
        return;
    bool moved = false;
    for (size_t i = 0; i < x->nyoung; i++) {
        const struct score_cache_young *y = &x->young[i];
        double age = difftime(now, (time_t)y->created) / 86400.0;
        int16_t tenths = (int16_t)lround(scoring_score_at(&x->parts.items[y->parts], age) * 10.0);
        if (tenths != x->jobs[y->job].tenths) {
            x->jobs[y->job].tenths = tenths;
            moved = true;
        }
    }
    x->moves += moved;
    x->now = now;
}

/* The bits of p's numbers, to compare and hash (0.0 and -0.0 differ, as they may print so). */
static void parts_bits(const struct scoring_parts *p, uint64_t out[6])
{
    const double d[5] = {p->head, p->preferences, p->learned, p->penalty_salary,
                         p->penalty_seniority};
    memcpy(out, d, sizeof d);
    out[5] = (uint64_t)p->gate;
}

static size_t parts_hash(const uint64_t bits[6])
{
    uint64_t h = FNV1A_SEED;
    for (int i = 0; i < 6; i++) {
        h = (h ^ bits[i]) * FNV1A_PRIME;
        h ^= h >> 29;
    }
    return (size_t)h;
}

uint32_t score_cache_parts_intern(struct score_cache_parts *s, const struct scoring_parts *p)
{
    if (2 * (s->n + 1) > s->nslots) { /* at most half full */
        size_t nslots = s->nslots ? 2 * s->nslots : 64;
        uint32_t *slots = xcalloc(nslots, sizeof *slots);
        for (size_t i = 0; i < s->n; i++) {
            uint64_t bits[6];
            parts_bits(&s->items[i], bits);
            size_t k = parts_hash(bits) & (nslots - 1);
            while (slots[k])
                k = (k + 1) & (nslots - 1);
            slots[k] = (uint32_t)i + 1;
        }
        free(s->slots);
        s->slots = slots;
        s->nslots = nslots;
    }
    uint64_t bits[6], other[6];
    parts_bits(p, bits);
    size_t k = parts_hash(bits) & (s->nslots - 1);
    for (; s->slots[k]; k = (k + 1) & (s->nslots - 1)) {
        parts_bits(&s->items[s->slots[k] - 1], other);
        if (memcmp(bits, other, sizeof bits) == 0)
            return s->slots[k] - 1;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->items = xrealloc(s->items, s->cap * sizeof *s->items);
    }
    s->items[s->n] = *p;
    s->slots[k] = (uint32_t)++s->n;
    return (uint32_t)(s->n - 1);
}

void score_cache_parts_free(struct score_cache_parts *s)
{
    free(s->items);
    free(s->slots);
    *s = (struct score_cache_parts){0};
}

static unsigned ids_width(uint32_t max_id)
{
    return max_id <= UINT8_MAX ? 1 : max_id <= UINT16_MAX ? 2 : 4;
}

void score_cache_ids_reserve(struct score_cache_ids *v, size_t more, uint32_t max_id)
{
    unsigned width = ids_width(max_id);
    if (width < v->width)
        width = v->width;
    size_t cap = v->cap; /* exact when first made (a build knows its size), then by an eighth */
    if (v->n + more > cap || cap == 0)
        cap = cap == 0 ? more : v->n + more + (v->n + more) / 8;
    if (cap == 0)
        cap = 1;
    if (width == v->width) {
        if (cap != v->cap)
            v->data = xrealloc(v->data, cap * width);
    } else { /* wider: every id moved to its new place */
        unsigned char *data = xmalloc(cap * width);
        struct score_cache_ids wide = {data, 0, cap, width};
        for (size_t i = 0; i < v->n; i++)
            score_cache_ids_push(&wide, score_cache_ids_get(v, i));
        free(v->data);
        v->data = data;
    }
    v->cap = cap;
    v->width = width;
}

void score_cache_ids_free(struct score_cache_ids *v)
{
    free(v->data);
    *v = (struct score_cache_ids){0};
}

void score_cache_take_plain(struct score_cache_entry *x, int64_t version,
                            struct score_cache_plain *out)
{
    memset(out, 0, sizeof *out);
    if (!x->have_plain || !x->plain_any_order || x->plain_version == INT64_MAX ||
        x->plain_version > version)
        return;
    *out = (struct score_cache_plain){true,          x->plain,      x->plain_jobs, x->plain_version,
                                      x->plain_have, x->user_skills};
    memset(&x->plain, 0, sizeof x->plain);
    x->plain_have = x->user_skills = NULL;
    x->have_plain = false;
}

void score_cache_give_plain(struct score_cache_entry *x, struct score_cache_plain *p)
{
    if (x && p->have) {
        x->plain = p->gap;
        x->plain_jobs = p->jobs;
        x->plain_version = p->version;
        x->plain_have = p->have_text;
        x->user_skills = p->user_skills;
        x->plain_any_order = x->have_plain = true;
    } else if (p->have) {
        skill_gap_free(&p->gap);
        free(p->have_text);
        free(p->user_skills);
    }
    memset(p, 0, sizeof *p);
}

void score_cache_clear(void)
{
    lru_clear(&cache);
}
