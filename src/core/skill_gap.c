/*
 * This file implements the skill gap of skill_gap.h: the gap behind recommended resources
 * (counted job by job, catalogue keys) and the coverage behind /analytics/skills.
 */
#include "skill_gap.h"

#include <stdlib.h>
#include <string.h>

#include "skills.h"
#include "stats.h"

/* ================================================================ the gap */

static struct skill_gap_entry *gap_find(struct skill_gap *g, const char *key)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->items[i].key, key) == 0)
            return &g->items[i];
    return NULL;
}

void skill_gap_add_job(struct skill_gap *g, const char *const *skills, size_t n)
{
    /* a job's own duplicates count once: remember which entries this job already bumped */
    bool bumped[SKILL_GAP_MAX] = {false};
    for (size_t i = 0; i < n; i++) {
        char key[SKILLS_KEY_MAX];
        if (skills[i] == NULL || *skills_catalogue_key(skills[i], key, sizeof key) == '\0')
            continue;
        struct skill_gap_entry *item = gap_find(g, key);
        if (item == NULL) {
            if (g->n == SKILL_GAP_MAX)
                continue;
            item = &g->items[g->n++];
            memcpy(item->key, key, sizeof key);
            item->jobs = 0;
        }
        size_t index = (size_t)(item - g->items);
        if (!bumped[index]) {
            bumped[index] = true;
            item->jobs++;
        }
    }
}

static int by_demand(const void *a, const void *b)
{
    const struct skill_gap_entry *x = a, *y = b;
    if (x->jobs != y->jobs)
        return x->jobs > y->jobs ? -1 : 1;
    return strcmp(x->key, y->key);
}

void skill_gap_finish(struct skill_gap *g, const char *const *have, size_t nhave)
{
    for (size_t i = 0; i < nhave; i++) {
        char key[SKILLS_KEY_MAX];
        if (have[i] == NULL)
            continue;
        struct skill_gap_entry *item = gap_find(g, skills_catalogue_key(have[i], key, sizeof key));
        if (item) {
            *item = g->items[--g->n];
        }
    }
    qsort(g->items, g->n, sizeof g->items[0], by_demand);
}

int skill_gap_score(const struct skill_gap *g, size_t top, const char *const *skills, size_t n,
                    size_t *matched, size_t max, size_t *nmatched)
{
    int score = 0;
    size_t count = 0;
    if (top > g->n)
        top = g->n;
    for (size_t i = 0; i < top; i++) {
        bool hit = false;
        for (size_t j = 0; j < n && !hit; j++) {
            char key[SKILLS_KEY_MAX];
            hit = skills[j] &&
                  strcmp(skills_catalogue_key(skills[j], key, sizeof key), g->items[i].key) == 0;
        }
        if (!hit)
            continue;
        score += g->items[i].jobs;
        if (matched && count < max)
            matched[count++] = i;
    }
    if (nmatched)
        *nmatched = count;
    return score;
}

/* ================================================================ coverage */

static int compare_key(const void *a, const void *b)
{
    return strcmp(((const struct skill_demand *)a)->skill, ((const struct skill_demand *)b)->skill);
}

static int compare_demand(const void *a, const void *b)
{
    const struct skill_demand *x = a, *y = b;
    if (x->jobs != y->jobs)
        return x->jobs > y->jobs ? -1 : 1;
    return strcmp(x->skill, y->skill);
}

size_t skill_gap_coverage(struct skill_demand *items, size_t n, struct skill_coverage *gap)
{
    size_t m = 0;
    if (n > 0) {
        qsort(items, n, sizeof *items, compare_key);
        for (size_t i = 0; i < n; i++) {
            if (m > 0 && strcmp(items[m - 1].skill, items[i].skill) == 0) {
                items[m - 1].jobs += items[i].jobs;
                items[m - 1].have = items[m - 1].have || items[i].have;
            } else {
                items[m++] = items[i];
            }
        }
        qsort(items, m, sizeof *items, compare_demand);
    }
    gap->required = m;
    gap->have = 0;
    for (size_t i = 0; i < m; i++)
        gap->have += items[i].have;
    gap->coverage = m ? stats_round1((double)gap->have * 100.0 / (double)m) : 0.0;
    return m;
}
