/*
 * This file declares the per-user cache of scored open jobs (issue 9: a user with 100,000 jobs):
 * what the recommendation ranking, the skill gap and the learning advice derive from every open
 * job of a user, kept in memory in a compact form and reused while the user's data version is
 * unchanged. The version lives in the database (user_data_versions, migration 0033, bumped by
 * triggers on every row that feeds a score or a gap), so several servers on one database never
 * serve each other's stale results. A score moves with time only through its recency part:
 * the cache keeps the other parts of each job younger than SCORING_RECENCY_DAYS and recomputes
 * its score for the request's clock (scoring_score_at), so answers are those of a fresh scan.
 *
 * COPILOT_SCORE_CACHE: the bytes the cache may hold (default 16 MiB; entries least recently used
 * are dropped beyond it); 0 turns it off (every request scans, as a reference for tests).
 */
#ifndef COPILOT_MODEL_SCORE_CACHE_H
#define COPILOT_MODEL_SCORE_CACHE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "../core/scoring.h"
#include "../core/skill_gap.h"
#include "../lib/arena.h"
#include "../lib/err.h"
#include "../lib/lru.h"

struct store_conn;

#define SCORE_CACHE_CANDIDATE 1 /* a recommendation candidate (no application, not yet applied) */

/* One open job the preferences keep. */
struct score_cache_job {
    int64_t id;
    int64_t created; /* created_at's place in text order among the entry's jobs (equal = equal):
                        its seconds when the entry is patchable, else its rank */
    uint32_t skills; /* its skills: skill_ids' ids [skills .. skills + nskills) */
    int16_t tenths;  /* the score times 10, for the clock of the last request (exact) */
    uint8_t nskills;
    uint8_t flags;
};

/* A job in the order of the scores when the entry was built (best first): the ranking walks it
 * and stops once no later job can enter the page, as scores only fall with time. */
struct score_cache_rank {
    uint32_t job;  /* index into jobs */
    int16_t bound; /* its tenths when built: at least its tenths now */
};

/* An open job the preferences exclude (counted, not scored). */
struct score_cache_excluded {
    int64_t id;
    bool candidate;
};

/* A young job: its score is recomputed for another clock from what it is made of. */
struct score_cache_young {
    uint32_t job;    /* index into jobs */
    uint32_t parts;  /* index into the entry's parts */
    int64_t created; /* seconds since the epoch */
};

/* The distinct struct scoring_parts of an entry's young jobs (a user's share few: 129 among the
 * 24,396 young jobs of the seeded heavy user), each kept once; equal means equal bits. */
struct score_cache_parts {
    struct scoring_parts *items;
    size_t n, cap;
    uint32_t *slots; /* open addressing over items: index + 1, 0 for free */
    size_t nslots;
};

/* The index of p in s, added when new. */
uint32_t score_cache_parts_intern(struct score_cache_parts *s, const struct scoring_parts *p);
void score_cache_parts_free(struct score_cache_parts *s);

/* Skill ids (into an entry's names) in as few bytes each as the largest needs: 1 below 256, 2
 * below 65,536, else 4 (the seeded heavy user's jobs name 99 distinct skills, 6 a job). */
struct score_cache_ids {
    unsigned char *data;
    size_t n, cap;  /* ids held, room for (ids of the current width) */
    unsigned width; /* bytes per id: 1, 2 or 4 (0 while empty) */
};

/* Makes room for more ids (amortised), each up to max_id (the array widened when
 * needed, its ids kept). */
void score_cache_ids_reserve(struct score_cache_ids *v, size_t more, uint32_t max_id);
/* Appends id (room reserved for it, with a max_id of at least id). */
static inline void score_cache_ids_push(struct score_cache_ids *v, uint32_t id)
{
    unsigned char *at = v->data + v->n++ * v->width;
    if (v->width == 1) {
        *at = (unsigned char)id;
    } else if (v->width == 2) {
        uint16_t x = (uint16_t)id;
        memcpy(at, &x, 2);
    } else {
        memcpy(at, &id, 4);
    }
}
static inline uint32_t score_cache_ids_get(const struct score_cache_ids *v, size_t i)
{
    if (v->width == 1)
        return v->data[i];
    if (v->width == 2) {
        uint16_t x;
        memcpy(&x, v->data + 2 * i, 2);
        return x;
    }
    uint32_t x;
    memcpy(&x, v->data + 4 * i, 4);
    return x;
}
void score_cache_ids_free(struct score_cache_ids *v);

/* What relevance.c makes of an entry's jobs (its struct relevance), kept with its gap. */
struct score_cache_summary {
    size_t n, with_skills;
    int64_t open, excluded, below;
    bool fallback;
};

struct score_cache_entry {
    struct lru_item item;     /* first: its bytes and references (lib/lru.h) */
    int64_t user_id, version; /* version: guarded by the cache's lock */
    pthread_mutex_t lock;     /* held while a request reads or refreshes the entry */
    /* jobs, ranks and young have room for cap* of them (a patch merges into them in place) */
    struct score_cache_job *jobs; /* by id, highest first */
    size_t njobs, capjobs;
    struct score_cache_rank *ranks; /* the candidates, best first when built */
    size_t nranks, capranks;
    struct score_cache_young *young;
    size_t nyoung, capyoung;
    struct score_cache_parts parts; /* what the young jobs' scores are made of */
    time_t now;                     /* the clock the tenths are for */
    uint64_t moves; /* how many times young scores changed since the entry was built */
    /* the jobs' skills (a patch appends; the jobs it replaced leave theirs unused) */
    struct score_cache_ids skill_ids;
    const char **names; /* the skills as shown: into names_block, then (a patch) the arena */
    char *names_block;
    size_t nnames;
    struct score_cache_excluded *excluded; /* by id, highest first */
    size_t nexcluded;
    /* every created_at is "YYYY-MM-DDTHH:MM:SSZ": created holds seconds, so a patch can place a
       job among the others without their text (recommendation_cache.c, patch_entry) */
    bool patchable;
    int64_t candidates, excluded_candidates, excluded_open;
    struct arena arena; /* what the builder keeps for later requests: */
    void *context;      /* the user's side of the scores (recommendation_internal.h's struct
                           context) */
    /* filled on first use, reused while moves is unchanged (the relevant gap) or always */
    bool have_relevant;
    uint64_t relevant_moves;
    struct score_cache_summary relevant_summary;
    struct skill_gap relevant; /* finished */
    bool have_plain;
    struct skill_gap plain; /* finished */
    size_t plain_jobs;
    bool plain_any_order;  /* plain is the same whatever order its jobs come in (relevance.c): a
                              patch that changes no tech_stack keeps it */
    int64_t plain_version; /* the data version plain counts (read with it), INT64_MAX when
                              unknown; relevance.c brings it forward from the log of stacks */
    char *plain_have;      /* users.skills as plain's marks read it (JSON text, may be NULL) */
    char *user_skills;     /* the user's skills as shown (JSON text) */
};

#define SCORE_CACHE_DEFAULT_BYTES ((size_t)16 << 20)

/* Sets the bytes the cache may hold (struct config's score_cache_bytes, COPILOT_SCORE_CACHE;
 * SCORE_CACHE_DEFAULT_BYTES until called); 0 turns it off. */
void score_cache_configure(size_t bytes);

/* Whether the cache is on (its size is not 0). */
bool score_cache_enabled(void);

/* The statement reading a user's data version: one '?', the user's id (also the jobs list's
 * list_spec.version: the triggers move it on every write of a searched column too). */
#define SCORE_CACHE_VERSION_SQL "SELECT version FROM user_data_versions WHERE user_id = ?"

/* The data version of user_id (0 when no row). */
int score_cache_version(struct store_conn *c, int64_t user_id, int64_t *version, struct err *e);

/* The entry of (user_id, version), locked and referenced, or NULL. */
struct score_cache_entry *score_cache_get(int64_t user_id, int64_t version);
/* The entry of user_id whatever its version (to be patched to a newer one), locked and
 * referenced, or NULL. */
struct score_cache_entry *score_cache_find(int64_t user_id);
/* Records that a patch brought entry (locked and referenced by the caller) to version, and its
 * new size. */
void score_cache_moved(struct score_cache_entry *entry, int64_t version);

/* A new, empty entry (locked and referenced by the caller); the builder fills it, then calls
 * score_cache_put. */
struct score_cache_entry *score_cache_new(int64_t user_id, int64_t version);
/* Offers a filled entry to the cache (it stays locked and referenced by the caller); an older
 * entry of the same user is dropped; entries are dropped, least recently used first, while the
 * cache holds more than its cap. */
void score_cache_put(struct score_cache_entry *entry);
/* Unlocks and releases an entry from score_cache_get or score_cache_new. */
void score_cache_release(struct score_cache_entry *entry);

/* Brings the young jobs' tenths to the clock now (entry locked); moves counts the changes. */
void score_cache_refresh(struct score_cache_entry *entry, time_t now);

/* The plain skill gap of an entry while the entry is rebuilt (a profile, résumé, preference or
 * feedback change moves every score, not the jobs' stacks the plain gap counts): relevance.c
 * brings it forward from the log of stacks and reads the user's skills again (patch_plain). */
struct score_cache_plain {
    bool have;
    struct skill_gap gap; /* finished */
    size_t jobs;
    int64_t version;
    char *have_text, *user_skills; /* as plain_have and user_skills */
};

/* Moves entry's plain gap into *out when it can be brought forward to version (its result the
 * same in any order, its version known and at most version); else *out stays empty. */
void score_cache_take_plain(struct score_cache_entry *entry, int64_t version,
                            struct score_cache_plain *out);
/* Gives *p's gap (if any) to entry (NULL: drops it); *p is left empty. */
void score_cache_give_plain(struct score_cache_entry *entry, struct score_cache_plain *p);

/* Drops every entry (tests and shutdown). */
void score_cache_clear(void);

#endif
