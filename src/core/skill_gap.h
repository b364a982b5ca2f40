/*
 * This file declares the skill gap, pure logic with no I/O and no JSON: the skills the jobs that
 * matter to a user ask for, each weighted by how much its jobs matter (src/model/relevance.c
 * gives the weights), with the skills the user has marked. It serves the three readers of one
 * gap: /analytics/skills (every demanded skill, the coverage), recommended career resources and
 * recommended learning paths (the first missing skills, and how well a resource or path covers
 * them).
 *
 * Skills are compared by skills_key and shown by skills_display (src/core/skills.h); the
 * ordering is by weighted demand, then by the number of jobs, then the dictionary's top-150
 * rank (marked skills first, in their order), then by name.
 */
#ifndef COPILOT_CORE_SKILL_GAP_H
#define COPILOT_CORE_SKILL_GAP_H

#include <stdbool.h>
#include <stddef.h>

#include "skills.h"

struct skill_gap_entry {
    char key[SKILLS_KEY_MAX];  /* skills_key: equal keys are one skill */
    char name[SKILLS_KEY_MAX]; /* shown: the canonical name, else the spelling seen that
                                  comes first in byte order (strcmp) */
    int jobs;                  /* jobs asking for it */
    double demand;             /* the sum of those jobs' weights */
    int top;                   /* skills_top_rank, 0 when not among the top skills */
    bool have;                 /* the user has it (set by skill_gap_finish) */
};

/* The gap, built job by job: skill_gap_init, skill_gap_add_job for each job, skill_gap_finish
 * once, then read items[0..n) (in order) or the helpers; skill_gap_free at the end. */
struct skill_gap {
    const struct skills_dict *dict;
    struct skill_gap_entry *items;
    size_t n, cap;
    size_t *slots; /* open-addressing index of items by key (SIZE_MAX: empty) */
    size_t nslots;
    /* while jobs are added: the names seen, as written, with their entry (SIZE_MAX: blank), so
       that a name repeated over thousands of jobs is made a key once; open addressing (NULL
       name: free), dropped by skill_gap_finish and never copied */
    struct skill_gap_name {
        char *name;
        size_t item;
    } * names;
    size_t nnames, names_slots;
    size_t missing;   /* after finish: entries the user lacks */
    size_t respelled; /* distinct names shown otherwise than their entry (a key seen in more
                         than one spelling): its name is then the first in byte order of those
                         seen, which taking a job out (skill_gap_remove_job) does not undo */
};

void skill_gap_init(struct skill_gap *g, const struct skills_dict *dict);
void skill_gap_free(struct skill_gap *g);
/* dst becomes a copy of src (its own memory; dst's former content is not freed). */
void skill_gap_copy(struct skill_gap *dst, const struct skill_gap *src);
/* Counts the n skill names of one job with weight (> 0): each distinct key once per job, blank
 * names ignored. */
void skill_gap_add_job(struct skill_gap *g, const char *const *names, size_t n, double weight);
/* Makes a finished gap editable again (skill_gap_add_job, skill_gap_remove_job), its marks of
 * the user's skills and its count of respelled names cleared; skill_gap_finish again after. */
void skill_gap_reopen(struct skill_gap *g);
/* Takes back what skill_gap_add_job counted for the n names of one job with weight; false
 * (the gap then half changed: drop it) when a name's entry is missing or counts no job. */
bool skill_gap_remove_job(struct skill_gap *g, const char *const *names, size_t n, double weight);
/* Marks the skills the user has (nhave names, compared by key), drops the entries no job asks
 * for and orders the rest (see above). */
void skill_gap_finish(struct skill_gap *g, const char *const *have, size_t nhave);
/* The indexes of the first (at most max) entries the user lacks, in order, into out; returns
 * how many. */
size_t skill_gap_top_missing(const struct skill_gap *g, size_t *out, size_t max);
/* How well something teaching the n skills covers the missing entries listed in idx[0..nidx)
 * (from skill_gap_top_missing): the sum of their demand (0 = no match). The matched positions
 * of idx go to matched (up to max, in idx order) and their number to *nmatched (may be NULL). */
double skill_gap_score(const struct skill_gap *g, const size_t *idx, size_t nidx,
                       const char *const *skills, size_t n, size_t *matched, size_t max,
                       size_t *nmatched);

struct skill_coverage {
    size_t required; /* distinct skills asked for */
    size_t have;     /* of those, how many the user has */
    double coverage; /* have / required * 100, one decimal; 0 when nothing is required */
};

/* The coverage of a finished gap. */
struct skill_coverage skill_gap_coverage(const struct skill_gap *g);

#endif
