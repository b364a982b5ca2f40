/*
 * This file declares the recommendation score of SPEC part C: how well one of the user's jobs
 * fits the user, 0-100, with the parts that explain it. docs/recommendations.md explains every
 * rule with a worked example.
 *
 * The parts (SPEC part C's weights are the frame):
 *   skills       40  half for the share of the job's skills the user has, half for the depth
 *                    of the overlap (shared skills out of SCORING_DEPTH_SKILLS, or of all the
 *                    user's skills when they have fewer): 40 x (share + depth) / 2. The job's
 *                    skills are its tech_stack plus the dictionary skills its title and
 *                    requirements name. 20 when the user states no skills (nothing to compare).
 *   location     20  a preferred location matches the job's (whole words, either way round), or
 *                    the job is remote and the user prefers remote; 10 for a hybrid job when the
 *                    user prefers remote, for a remote job otherwise, or when the user states no
 *                    location preference at all; else 0
 *   experience   20  the user's level against the seniority words of the title on
 *                    entry < junior < mid < senior < lead < executive: the same level 20, one
 *                    step ("near") 12, a mismatch 0; 15 when the title names no level, 10 when
 *                    the user has none. A mismatch is two or more steps either way, or an
 *                    entry/junior role for a user at mid level or above.
 *   recency      10  10 for a job created now, falling linearly to 0 at 30 days
 *   preferences  10  share of the stated preferences the job meets (job types, companies,
 *                    sources, keywords, min_salary; an unknown salary counts half); 5 when the
 *                    user states none
 *   learned  -15..+15  from the user's feedback (struct scoring_learned), factor by factor:
 *                    skills 3 points per net mark of each of the job's skills (a skill's net
 *                    clamped to +-3, the sum to +-10); company, pay, seniority and location 5
 *                    points per net mark that applies to the job (each net clamped to +-2, so
 *                    +-10); together at most +-15
 * Penalties, on top (each a negative reason):
 *   salary      -15  the posted pay (salary_max, else salary_min) is below min_salary
 *   seniority   -15  a seniority mismatch (above)
 * The skills gate, last: when the user states skills, a job sharing none of them keeps only
 * SCORING_GATE_FACTOR of its total, and a job sharing at least one scores at least
 * SCORING_GATE_FLOOR. Without skills a job can total at most 75 (20 + 20 + 10 + 10 + 15), a
 * quarter of which is below the floor, so a job with no skill overlap never outranks one with.
 * The total is clamped to 0-100, gated and rounded to one decimal. Skill names are compared as
 * keys made by skills_key (canonical names through the dictionary's aliases), companies as
 * normalised by fingerprint_normalize_company; the caller prepares both. Pure: no I/O, no
 * allocation; the score of a job depends only on (profile, job, learned weights).
 */
#ifndef COPILOT_CORE_SCORING_H
#define COPILOT_CORE_SCORING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCORING_MAX_SKILLS 64 /* skills of one job considered (the rest are ignored) */

#define SCORING_SKILLS_POINTS 40.0
#define SCORING_LOCATION_POINTS 20.0
#define SCORING_EXPERIENCE_POINTS 20.0
#define SCORING_RECENCY_POINTS 10.0
#define SCORING_PREFERENCES_POINTS 10.0
#define SCORING_RECENCY_DAYS 30.0
#define SCORING_LEARNED_MAX 15.0
#define SCORING_DEPTH_SKILLS 3         /* shared skills that earn the whole depth half */
#define SCORING_SALARY_PENALTY 15.0    /* pay below min_salary */
#define SCORING_SENIORITY_PENALTY 15.0 /* a seniority mismatch */
#define SCORING_GATE_FLOOR 25.0        /* a job sharing a skill scores at least this */
#define SCORING_GATE_FACTOR 0.25       /* a job sharing none keeps this share of its total */

/* What the user brings. Lists may be empty (n = 0, pointer NULL). */
struct scoring_profile {
    const char *const *skills; /* skill keys */
    size_t nskills;
    const char *const *locations; /* preferred locations as typed */
    size_t nlocations;
    bool prefer_remote;
    const char *experience_level; /* users.experience_level, or NULL */
    /* user_job_preferences */
    const char *const *job_types;
    size_t njob_types;
    const char *const *companies; /* normalised */
    size_t ncompanies;
    const char *const *sources;
    size_t nsources;
    const char *const *keywords;
    size_t nkeywords;
    bool has_min_salary;
    int64_t min_salary;
};

/* One job as scored. */
struct scoring_job {
    const char *const *skills; /* distinct skill keys, at most SCORING_MAX_SKILLS used */
    size_t nskills;
    const char *company;                                              /* normalised */
    const char *title, *location, *remote_option, *job_type, *source; /* each may be NULL */
    const char *text; /* searchable text for keywords (title, description, requirements,
                         tech stack...), may be NULL */
    bool has_salary_min, has_salary_max;
    int64_t salary_min, salary_max;
    const char *currency; /* of the salary, or NULL */
    double age_days;      /* since the job was created */
};

/* Net feedback marks per skill key, per normalised company, per location. */
struct scoring_weight {
    const char *key;
    int net; /* helpful marks minus unhelpful marks */
};

/* A mark on pay: a "not helpful" (sign -1) applies to jobs paying at most pay, a "helpful"
 * (+1) to jobs paying at least pay; a mark on a job without posted pay (posted false) applies
 * to jobs without posted pay. Pay is the top of a job's range (salary_max, else salary_min). */
struct scoring_pay_mark {
    bool posted;
    int64_t pay;
    int sign;
};

#define SCORING_LEVEL_SLOTS 7 /* levels 0..5, and slot 6 for titles that state none */

/* What the user's feedback taught, factor by factor (the model turns feedback rows into
 * marks; docs/recommendations.md). Any list may be empty. */
struct scoring_learned {
    const struct scoring_weight *skills; /* skill keys */
    size_t nskills;
    const struct scoring_weight *companies; /* normalised companies */
    size_t ncompanies;
    const struct scoring_weight *locations; /* "remote" or a location as written */
    size_t nlocations;
    const struct scoring_pay_mark *pay;
    size_t npay;
    int levels[SCORING_LEVEL_SLOTS]; /* net marks per title level */
};

enum scoring_pref {
    SCORING_PREF_JOB_TYPE,
    SCORING_PREF_COMPANY,
    SCORING_PREF_SOURCE,
    SCORING_PREF_KEYWORDS,
    SCORING_PREF_SALARY,
    SCORING_PREFS
};
/* "job_type", "company", "source", "keywords", "min_salary". */
extern const char *const scoring_pref_names[SCORING_PREFS];

enum scoring_verdict {
    SCORING_UNSET,   /* the user states no such preference */
    SCORING_MATCH,   /* the job meets it */
    SCORING_MISS,    /* the job does not */
    SCORING_UNKNOWN, /* the job does not say (salary) */
};

/* How the title's level relates to the user's. */
enum scoring_fit {
    SCORING_FIT_UNKNOWN,  /* the user or the title states no level */
    SCORING_FIT_SAME,     /* the same level */
    SCORING_FIT_NEAR,     /* one step away */
    SCORING_FIT_MISMATCH, /* two or more steps, or an entry/junior role for mid and above */
};

struct scoring_result {
    double score; /* 0-100, one decimal */
    /* the parts, before clamping the total (learned and penalties may be negative) */
    double skills, location, experience, recency, preferences, learned;
    double penalty_salary, penalty_seniority; /* 0 or minus the penalty */
    double gate;                   /* what the skills gate changed (final - clamped total) */
    bool gated;                    /* the job shares none of the user's (stated) skills */
    bool have[SCORING_MAX_SKILLS]; /* have[i]: the user has job->skills[i] */
    size_t considered;             /* job skills looked at: min(nskills, SCORING_MAX_SKILLS) */
    size_t matched;                /* how many of them the user has */
    bool remote, hybrid;           /* what the job offers */
    const char *location_match;    /* the preferred location that matched (profile string),
                                      "remote" when matched through prefer_remote, or NULL */
    int user_level, job_level;     /* 0 (entry) .. 5 (executive), -1 unknown */
    enum scoring_fit fit;
    enum scoring_verdict prefs[SCORING_PREFS];
    /* the parts of learned, each before the total is clamped to +-SCORING_LEARNED_MAX */
    double learned_skills, learned_company, learned_salary, learned_seniority, learned_location;
};

/* Scores job for profile with the learned weights (may be NULL). */
void scoring_score(const struct scoring_profile *profile, const struct scoring_job *job,
                   const struct scoring_learned *learned, struct scoring_result *out);

/* What a score is made of besides its recency, the only part that moves with time: a score
 * kept for later (src/model/score_cache.c) is recomputed at another age with
 * scoring_score_at, which gives exactly what scoring_score gives at that age. */
enum scoring_gate_kind { SCORING_GATE_OFF, SCORING_GATE_GATED, SCORING_GATE_FLOORED };
struct scoring_parts {
    double head; /* skills + location + experience, summed in that order */
    double preferences, learned, penalty_salary, penalty_seniority;
    enum scoring_gate_kind gate; /* OFF: the user states no skills; GATED: no overlap;
                                    FLOORED: the floor applies */
};
/* The parts of r, a result of scoring_score; gate: the profile states skills. */
void scoring_parts_of(const struct scoring_result *r, bool gate, struct scoring_parts *out);
/* The score (0-100, one decimal) of parts for a job age_days old. */
double scoring_score_at(const struct scoring_parts *parts, double age_days);

/* One reason of a score, as the user reads it (reasons.factors of the API). */
enum scoring_factor_kind {
    SCORING_FACTOR_SKILLS,
    SCORING_FACTOR_LOCATION,
    SCORING_FACTOR_SENIORITY,
    SCORING_FACTOR_SALARY,
    SCORING_FACTOR_RECENCY,
    SCORING_FACTOR_PREFERENCES,
    SCORING_FACTOR_LEARNED,
    SCORING_FACTOR_KINDS
};
enum scoring_effect { SCORING_POSITIVE, SCORING_NEGATIVE, SCORING_NEUTRAL };
/* "skills", "location", "seniority", "salary", "recency", "preferences", "learned". */
extern const char *const scoring_factor_names[SCORING_FACTOR_KINDS + 1]; /* NULL-terminated */
/* "positive", "negative", "neutral". */
extern const char *const scoring_effect_names[4]; /* NULL-terminated */

#define SCORING_FACTOR_TEXT 256

struct scoring_factor {
    enum scoring_factor_kind kind;
    enum scoring_effect effect;
    char text[SCORING_FACTOR_TEXT]; /* one sentence, never empty */
};

/*
 * The factors that moved the score r of job for profile (from scoring_score), at most one per
 * kind, in kind order, into out (room for SCORING_FACTOR_KINDS); returns how many. names are
 * the display names of job->skills (parallel to it). The negative ones are exactly: a job
 * sharing none of the user's skills (the gate), a location giving no points, a seniority
 * mismatch, pay below min_salary, a posting 30 days old or more, preferences none of which is
 * met, and a negative learned adjustment. Salary and seniority are negative only then: a job
 * that meets the minimum or posts no pay, and a title at the user's level, one step away or
 * naming no level, never carry those.
 */
size_t scoring_factors(const struct scoring_profile *profile, const struct scoring_job *job,
                       const char *const *names, const struct scoring_result *r,
                       struct scoring_factor *out);

/* Why a job is removed from recommendations. */
enum scoring_exclusion { SCORING_KEEP, SCORING_EXCLUDED_COMPANY, SCORING_EXCLUDED_KEYWORD };

/* Whether the user's exclusions remove job: a company whose normalised name holds an excluded
 * (normalised) company as whole words, or an excluded keyword found as whole words in the
 * job's title, company or text (case-insensitive). *which (may be NULL) receives the matching
 * exclusion. */
enum scoring_exclusion scoring_excluded(const char *const *companies, size_t ncompanies,
                                        const char *const *keywords, size_t nkeywords,
                                        const struct scoring_job *job, const char **which);

/* 0..5 for "entry".."executive", -1 otherwise (also NULL). */
int scoring_level(const char *name);
/* The name of level 0..5, or NULL. */
const char *scoring_level_name(int level);
/* The seniority a title states, 0..5, or -1 when it names none: the highest of its words
 * (intern, trainee, graduate, apprentice, entry -> entry; junior, jr, associate, I -> junior;
 * mid, intermediate, II -> mid; senior, sr, III -> senior; lead, staff, principal, architect,
 * manager, IV -> lead; head, director, vp, chief, cto... -> executive). "Executive" alone is
 * not a level ("Sales Executive"). */
int scoring_title_level(const char *title);
/* How job_level relates to user_level (either -1: unknown), as in the experience part. */
enum scoring_fit scoring_fit(int user_level, int job_level);
/* True when job is remote: remote_option "remote" or "remote" in its location. */
bool scoring_is_remote(const struct scoring_job *job);
/* The top of a job's posted pay range (salary_max, else salary_min) in *pay; false when it
 * posts none. */
bool scoring_job_pay(const struct scoring_job *job, int64_t *pay);
/* The slot of job's title level in scoring_learned.levels. */
int scoring_level_slot(const struct scoring_job *job);
/* True when phrase occurs in text as whole words, ASCII case-insensitively. Words are runs of
 * letters, digits, '+' and '#' ("c++" is not "c"); a run of other characters in phrase matches
 * any such run in text ("san francisco" is in "San Francisco, CA"; "berlin, germany" in
 * "Berlin - Germany"). False for NULL or a phrase without words. */
bool scoring_has_phrase(const char *text, const char *phrase);

#endif
