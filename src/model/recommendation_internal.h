/*
 * This file declares what the files of the recommendations module share and nothing outside it
 * uses (recommendation.c, recommendation_profile.c, recommendation_job.c,
 * recommendation_reasons.c, recommendation_cache.c): the user's side of a ranking (struct
 * context, with its string lists and memo), a job being scored (struct candidate), the
 * candidate columns, what the ranking keeps of each job, the scope of a scan, and the helpers one
 * of those files defines for another. Each is described where it is defined.
 */
#ifndef COPILOT_MODEL_RECOMMENDATION_INTERNAL_H
#define COPILOT_MODEL_RECOMMENDATION_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../core/scoring.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/err.h"
#include "../store/store.h"

/* Where each candidate column is in a row of CANDIDATE_COLUMNS (recommendation_job.c), then
 * the description. */
enum {
    C_ID,
    C_COMPANY,
    C_TITLE,
    C_LOCATION,
    C_REMOTE,
    C_TYPE,
    C_SOURCE,
    C_SALARY_MIN,
    C_SALARY_MAX,
    C_STACK,
    C_REQUIREMENTS,
    C_CREATED,
    C_CURRENCY,
    C_RESUME,
    C_DESCRIPTION,
    C_COUNT
};

/* A list of strings (recommendation_profile.c: array_list, json_list). */
struct list {
    const char **items;
    size_t n;
};

enum list_kind { LIST_RAW, LIST_SKILLS, LIST_COMPANIES };

/* The memo of skill names and companies already resolved (recommendation_memo_get). */
struct memo_entry {
    const char *name;  /* as written in the job (NULL: a free slot) */
    char kind;         /* 's' a skill name, 'c' a company */
    const char *key;   /* 's': skills_key; 'c': the normalised company */
    const char *shown; /* 's': skills_display */
    bool field;        /* 's': skills_is_field */
};

struct memo {
    struct memo_entry *slots;
    size_t cap, n;   /* cap: a power of two, or 0 */
    struct arena *a; /* the request's: entries outlive any scratch arena */
};

/* The profile a job is matched with when it uses one résumé: the user's, with the skills of
 * the résumé added. */
struct resume_profile {
    int64_t resume_id;
    struct scoring_profile profile;
};

/* The user's side of a ranking (recommendation_load_context). */
struct context {
    struct scoring_profile profile; /* the user's own: the profile's skills */
    struct resume_profile *resumes; /* one per résumé of the user */
    size_t nresumes;
    const struct scoring_profile *primary; /* the primary résumé's, else &profile */
    struct list excluded_companies, excluded_keywords;
    struct scoring_learned learned;
    const char *user_skills; /* users.skills JSON text, for feedback snapshots */
    bool need_text;          /* keywords are involved: read descriptions too */
    struct memo memo;        /* skill names and companies already resolved */
};

/* One job being scored (recommendation_prepare). */
struct candidate {
    int64_t id;
    /* the profile the job is matched with (recommendation_profile_for) */
    const struct scoring_profile *profile;
    const char *created_at;
    bool has_created; /* created_at parsed (time_parse_rfc3339) into created */
    time_t created;
    struct scoring_job job;
    const char **names; /* display names, parallel to job.skills */
    struct scoring_result result;
    bool candidate; /* SCOPE_CACHE: a recommendation candidate too */
    bool excluded;  /* recommendation_score_each: the preferences exclude it (not scored) */
};

/* What the ranking keeps of each candidate (rank): its order. */
struct ranked {
    int64_t id;
    int tenths;      /* the score times 10 */
    int64_t created; /* created_at's place in text order (struct score_cache_job) */
};

/* The jobs a scan scores (recommendation_score_each). */
enum scope {
    SCOPE_CANDIDATES, /* the recommendation list: no application, not_applied or interested */
    SCOPE_CACHE,      /* every job still open (relevance), and whether it is a candidate */
    SCOPE_ONE,        /* one job by id */
};

/* What a scan keeps of one scored candidate (its row's memory is freed after the call). */
typedef void candidate_sink(void *ctx, const struct candidate *cand);

/* recommendation_profile.c: the user's side, the memo */
int recommendation_load_context(struct store_conn *c, int64_t user_id, struct arena *a,
                                struct context *x, struct err *e);
const struct scoring_profile *recommendation_profile_for(const struct context *x,
                                                         int64_t resume_id);
bool recommendation_has_key(const struct scoring_profile *p, const char *key);
size_t recommendation_memo_hash(const char *s, char kind);
const struct memo_entry *recommendation_memo_get(struct memo *m, const char *name, char kind);

/* recommendation_job.c: a row made a candidate, the scan of the jobs */
void recommendation_prepare_at(const struct store_result *r, size_t row, const int *col,
                               struct context *x, time_t now, struct arena *a,
                               struct candidate *cand);
void recommendation_prepare(const struct store_result *r, size_t row, struct context *x, time_t now,
                            struct arena *a, struct candidate *cand);
const char *recommendation_candidate_sql(bool with_text, enum scope scope);
int recommendation_score_each(struct store_conn *c, int64_t user_id, struct context *x,
                              enum scope scope, time_t now, const int64_t *ids, size_t nids,
                              int64_t *excluded, int64_t *excluded_candidates, candidate_sink *sink,
                              void *ctx, struct err *e);

/* recommendation_reasons.c: the page written as text */
void recommendation_page_text(const struct store_result *r, const struct candidate *cands, size_t n,
                              const struct context *x, struct arena *a, struct buf *out);

#endif
