/*
 * This file declares the skill gap, pure logic with no I/O and no JSON, in its two uses:
 *   - the gap behind recommended career resources: the skills demanded by the user's jobs
 *     minus the user's skills, compared by catalogue key (skills_catalogue_key), ranked by how
 *     many jobs ask for them, and the score of a career resource against it;
 *   - the coverage behind /analytics/skills: demand entries keyed by the caller (skills_key)
 *     merged, ordered by demand, and the share of them the user has.
 */
#ifndef COPILOT_CORE_SKILL_GAP_H
#define COPILOT_CORE_SKILL_GAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "skills.h"

/* ================================================================ the gap */

#define SKILL_GAP_MAX 256 /* distinct demanded skills kept */

struct skill_gap_entry {
    char key[SKILLS_KEY_MAX];
    int jobs; /* how many jobs ask for it */
};

/* The skill gap, built job by job. Zero-initialise, then skill_gap_add_job for each job,
 * then skill_gap_finish once. */
struct skill_gap {
    struct skill_gap_entry items[SKILL_GAP_MAX];
    size_t n;
};

/* Counts the n skills of one job (each distinct key once per job; blank names ignored). Keys
 * beyond SKILL_GAP_MAX distinct ones are dropped. */
void skill_gap_add_job(struct skill_gap *g, const char *const *skills, size_t n);
/* Removes the skills the user has (nhave names, compared by key) and sorts what is left: most
 * demanded first, then by key. */
void skill_gap_finish(struct skill_gap *g, const char *const *have, size_t nhave);
/* How well a career resource with the n skills covers the first `top` entries of a finished gap:
 * the sum of their job counts (0 = no match). The matched gap entries' indexes go to matched (up to
 * max, in gap order) and their number to *nmatched (may be NULL). */
int skill_gap_score(const struct skill_gap *g, size_t top, const char *const *skills, size_t n,
                    size_t *matched, size_t max, size_t *nmatched);

/* ================================================================ coverage */

struct skill_demand {
    const char *skill; /* comparison key (skills_key); equal keys are one skill */
    int64_t jobs;      /* jobs asking for it */
    bool have;         /* the user has it */
};

struct skill_coverage {
    size_t required; /* distinct skills asked for */
    size_t have;     /* of those, how many the user has */
    double coverage; /* have / required * 100, one decimal; 0 when nothing is required */
};

/*
 * Merges entries with equal keys in place (jobs add up, have is true when any says so), then
 * orders them by jobs (most first), then by key. Returns the number of distinct skills left at
 * the front of items and fills *out.
 */
size_t skill_gap_coverage(struct skill_demand *items, size_t n, struct skill_coverage *out);

#endif
