/*
 * This file implements the skill gap of skill_gap.h: entries found by key through a small
 * open-addressing table (a user with many jobs names a few hundred distinct skills, each job a
 * handful), weighted demand, the user's skills marked, one ordering, and the scores of what
 * teaches the missing skills.
 */
#include "skill_gap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/hash.h"
#include "../lib/xalloc.h"
#include "stats.h"

void skill_gap_init(struct skill_gap *g, const struct skills_dict *dict)
{
    memset(g, 0, sizeof *g);
    g->dict = dict;
}

/* Drops the names seen while adding jobs. */
static void forget_names(struct skill_gap *g)
{
    for (size_t i = 0; i < g->names_slots; i++)
        free(g->names[i].name);
    free(g->names);
    g->names = NULL;
    g->nnames = g->names_slots = 0;
}

void skill_gap_free(struct skill_gap *g)
{
    free(g->items);
    free(g->slots);
    forget_names(g);
    memset(g, 0, sizeof *g);
}

void skill_gap_copy(struct skill_gap *dst, const struct skill_gap *src)
{
    *dst = *src;
    dst->names = NULL;
    dst->nnames = dst->names_slots = 0;
    dst->items = src->cap ? xmalloc(src->cap * sizeof *dst->items) : NULL;
    if (src->n)
        memcpy(dst->items, src->items, src->n * sizeof *dst->items);
    dst->slots = src->nslots ? xmalloc(src->nslots * sizeof *dst->slots) : NULL;
    if (src->nslots)
        memcpy(dst->slots, src->slots, src->nslots * sizeof *dst->slots);
}

/* ================================================================ the index */

static size_t hash(const char *s)
{
    return (size_t)fnv1a_text(FNV1A_SEED, s);
}

/* The slot of key: where it is, or the empty slot where it would go. */
static size_t slot_of(const struct skill_gap *g, const char *key)
{
    size_t i = hash(key) & (g->nslots - 1);
    while (g->slots[i] != SIZE_MAX && strcmp(g->items[g->slots[i]].key, key) != 0)
        i = (i + 1) & (g->nslots - 1);
    return i;
}

/* Keeps the table at most half full. */
static void grow_index(struct skill_gap *g)
{
    if (g->nslots && 2 * (g->n + 1) <= g->nslots)
        return;
    free(g->slots);
    g->nslots = g->nslots ? g->nslots * 2 : 64;
    while (2 * (g->n + 1) > g->nslots) /* a finished gap reopened */
        g->nslots *= 2;
    g->slots = xmalloc(g->nslots * sizeof *g->slots);
    for (size_t i = 0; i < g->nslots; i++)
        g->slots[i] = SIZE_MAX;
    for (size_t k = 0; k < g->n; k++)
        g->slots[slot_of(g, g->items[k].key)] = k;
}

/* The slot of name among the names seen: where it is, or the free slot where it would go. */
static size_t name_slot(const struct skill_gap *g, const char *name)
{
    size_t i = hash(name) & (g->names_slots - 1);
    while (g->names[i].name && strcmp(g->names[i].name, name) != 0)
        i = (i + 1) & (g->names_slots - 1);
    return i;
}

static struct skill_gap_entry *entry_of_key(struct skill_gap *g, const char *name);

/* The entry of name's key, added (with name shown) when new; NULL for a blank name. Each
 * distinct name is made a key once (g->names). */
static struct skill_gap_entry *entry(struct skill_gap *g, const char *name)
{
    if (name == NULL)
        return NULL;
    if (2 * (g->nnames + 1) > g->names_slots) { /* at most half full */
        struct skill_gap old = *g;
        g->names_slots = g->names_slots ? 2 * g->names_slots : 256;
        g->names = xcalloc(g->names_slots, sizeof *g->names);
        for (size_t i = 0; i < old.names_slots; i++)
            if (old.names[i].name)
                g->names[name_slot(g, old.names[i].name)] = old.names[i];
        free(old.names);
    }
    size_t s = name_slot(g, name);
    if (g->names[s].name == NULL) {
        struct skill_gap_entry *e = entry_of_key(g, name);
        char shown[SKILLS_KEY_MAX];
        int order = e ? strcmp(skills_display(g->dict, name, shown, sizeof shown), e->name) : 0;
        if (order != 0)
            g->respelled++;
        if (order < 0) /* the first spelling in byte order, whatever the order of the jobs */
            memcpy(e->name, shown, sizeof e->name);
        g->names[s] = (struct skill_gap_name){xstrdup(name), e ? (size_t)(e - g->items) : SIZE_MAX};
        g->nnames++;
    }
    return g->names[s].item == SIZE_MAX ? NULL : &g->items[g->names[s].item];
}

/* entry without the names seen. */
static struct skill_gap_entry *entry_of_key(struct skill_gap *g, const char *name)
{
    char key[SKILLS_KEY_MAX];
    if (*skills_key(g->dict, name, key, sizeof key) == '\0')
        return NULL;
    grow_index(g);
    size_t s = slot_of(g, key);
    if (g->slots[s] != SIZE_MAX)
        return &g->items[g->slots[s]];
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->items = xrealloc(g->items, g->cap * sizeof *g->items);
    }
    struct skill_gap_entry *e = &g->items[g->n];
    memset(e, 0, sizeof *e);
    memcpy(e->key, key, sizeof key);
    skills_display(g->dict, name, e->name, sizeof e->name);
    e->top = skills_top_rank(g->dict, name);
    g->slots[s] = g->n++;
    return e;
}

/* ================================================================ building */

/* The entries one job counted so far (the first 64). */
struct seen {
    size_t index[64], n;
};

/* Whether one job has not counted entry index yet (then it is remembered). */
static bool first_time(struct seen *seen, size_t index)
{
    for (size_t k = 0; k < seen->n; k++)
        if (seen->index[k] == index)
            return false;
    if (seen->n < sizeof seen->index / sizeof seen->index[0])
        seen->index[seen->n++] = index;
    return true;
}

void skill_gap_add_job(struct skill_gap *g, const char *const *names, size_t n, double weight)
{
    /* a job's own duplicates count once: remember the entries this job already counted */
    struct seen seen = {.n = 0};
    for (size_t i = 0; i < n; i++) {
        struct skill_gap_entry *e = entry(g, names[i]);
        if (e == NULL || !first_time(&seen, (size_t)(e - g->items)))
            continue;
        e->jobs++;
        e->demand += weight;
    }
}

void skill_gap_reopen(struct skill_gap *g)
{
    for (size_t i = 0; i < g->n; i++)
        g->items[i].have = false;
    g->respelled = 0;
    free(g->slots);
    g->slots = NULL;
    g->nslots = 0;
    grow_index(g);
}

bool skill_gap_remove_job(struct skill_gap *g, const char *const *names, size_t n, double weight)
{
    /* what skill_gap_add_job counted for these names, taken back the same way */
    struct seen seen = {.n = 0};
    for (size_t i = 0; i < n; i++) {
        char key[SKILLS_KEY_MAX];
        if (names[i] == NULL || *skills_key(g->dict, names[i], key, sizeof key) == '\0')
            continue;
        if (g->nslots == 0)
            return false;
        size_t s = slot_of(g, key);
        if (g->slots[s] == SIZE_MAX)
            return false;
        size_t index = g->slots[s];
        if (!first_time(&seen, index))
            continue;
        struct skill_gap_entry *e = &g->items[index];
        if (e->jobs <= 0)
            return false;
        e->jobs--;
        e->demand -= weight;
    }
    return true;
}

static int by_demand(const void *a, const void *b)
{
    const struct skill_gap_entry *x = a, *y = b;
    if (x->demand != y->demand)
        return x->demand > y->demand ? -1 : 1;
    if (x->jobs != y->jobs)
        return x->jobs > y->jobs ? -1 : 1;
    if ((x->top != 0) != (y->top != 0))
        return x->top ? -1 : 1;
    if (x->top != y->top)
        return x->top < y->top ? -1 : 1;
    return strcmp(x->name, y->name);
}

void skill_gap_finish(struct skill_gap *g, const char *const *have, size_t nhave)
{
    forget_names(g); /* the entries are sorted below: their indexes change */
    char key[SKILLS_KEY_MAX];
    for (size_t i = 0; i < nhave && g->n; i++) {
        if (have[i] == NULL || *skills_key(g->dict, have[i], key, sizeof key) == '\0')
            continue;
        size_t s = slot_of(g, key);
        if (g->slots[s] != SIZE_MAX)
            g->items[g->slots[s]].have = true;
    }
    size_t kept = 0; /* entries no job asks for any more (skill_gap_remove_job) go */
    for (size_t i = 0; i < g->n; i++)
        if (g->items[i].jobs > 0)
            g->items[kept++] = g->items[i];
    g->n = kept;
    if (g->n)
        qsort(g->items, g->n, sizeof *g->items, by_demand);
    g->missing = 0;
    for (size_t i = 0; i < g->n; i++)
        g->missing += !g->items[i].have;
    free(g->slots); /* the order changed: the index is stale, and no longer needed */
    g->slots = NULL;
    g->nslots = 0;
}

/* ================================================================ reading */

size_t skill_gap_top_missing(const struct skill_gap *g, size_t *out, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i < g->n && count < max; i++)
        if (!g->items[i].have)
            out[count++] = i;
    return count;
}

double skill_gap_score(const struct skill_gap *g, const size_t *idx, size_t nidx,
                       const char *const *skills, size_t n, size_t *matched, size_t max,
                       size_t *nmatched)
{
    double score = 0;
    size_t count = 0;
    /* each skill made a key once (the first KEPT of them), not once per missing entry */
    enum { KEPT = 64 };
    char keys[KEPT][SKILLS_KEY_MAX];
    size_t nkept = n;
    if (nkept > KEPT)
        nkept = KEPT;
    for (size_t j = 0; j < nkept; j++)
        if (skills[j])
            skills_key(g->dict, skills[j], keys[j], sizeof keys[j]);
    for (size_t i = 0; i < nidx; i++) {
        const struct skill_gap_entry *e = &g->items[idx[i]];
        bool hit = false;
        for (size_t j = 0; j < n && !hit; j++) {
            char key[SKILLS_KEY_MAX];
            hit = skills[j] &&
                  strcmp(j < nkept ? keys[j] : skills_key(g->dict, skills[j], key, sizeof key),
                         e->key) == 0;
        }
        if (!hit)
            continue;
        score += e->demand;
        if (matched && count < max)
            matched[count++] = i;
        else if (!matched)
            count++;
    }
    if (nmatched)
        *nmatched = count;
    return score;
}

struct skill_coverage skill_gap_coverage(const struct skill_gap *g)
{
    struct skill_coverage c = {g->n, g->n - g->missing, 0};
    c.coverage = c.required ? stats_round1((double)c.have * 100.0 / (double)c.required) : 0.0;
    return c;
}
