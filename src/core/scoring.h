/*
 * This file declares the recommendation score of SPEC part C: how well one of the user's jobs
 * fits the user, 0-100, with the parts that explain it.
 *
 *   skills       40  share of the job's skills (tech_stack + skills named in its requirements)
 *                    the user has; 20 when the job names none
 *   location     20  a preferred location matches the job's (whole words, either way round), or
 *                    the job is remote and the user prefers remote; 10 for a hybrid job when the
 *                    user prefers remote, for a remote job otherwise, or when the user states no
 *                    location preference at all; else 0
 *   experience   20  the user's level against the seniority words of the title, by distance
 *                    on entry < junior < mid < senior < lead < executive: 20, 12, 5, then 0;
 *                    15 when the title names no level, 10 when the user has none
 *   recency      10  10 for a job created now, falling linearly to 0 at 30 days
 *   preferences  10  share of the stated preferences the job meets (job types, companies,
 *                    sources, keywords, min_salary; an unknown salary counts half); 5 when the
 *                    user states none
 *   learned  -15..+15  from the user's feedback: each skill's and company's net marks (helpful
 *                    +1, unhelpful -1) clamped to +-3 / +-2; skills add 2 points per net mark
 *                    over the job's skills (at most +-10), the company 5 per mark (at most
 *                    +-10), together at most +-15
 * The total is clamped to 0-100 and rounded to one decimal. Skill names are compared as keys
 * made by skills_key (canonical names through the dictionary's aliases), companies as
 * normalised by fingerprint_normalize_company; the caller prepares both. Pure: no I/O, no
 * allocation.
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
    double age_days; /* since the job was created */
};

/* Net feedback marks per skill key and per normalised company. */
struct scoring_weight {
    const char *key;
    int net; /* helpful marks minus unhelpful marks */
};

struct scoring_learned {
    const struct scoring_weight *skills;
    size_t nskills;
    const struct scoring_weight *companies;
    size_t ncompanies;
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

struct scoring_result {
    double score; /* 0-100, one decimal */
    /* the parts, before clamping the total (learned may be negative) */
    double skills, location, experience, recency, preferences, learned;
    bool have[SCORING_MAX_SKILLS]; /* have[i]: the user has job->skills[i] */
    size_t considered;             /* job skills looked at: min(nskills, SCORING_MAX_SKILLS) */
    size_t matched;                /* how many of them the user has */
    bool remote, hybrid;           /* what the job offers */
    const char *location_match;    /* the preferred location that matched (profile string),
                                      "remote" when matched through prefer_remote, or NULL */
    int user_level, job_level;     /* 0 (entry) .. 5 (executive), -1 unknown */
    enum scoring_verdict prefs[SCORING_PREFS];
    double learned_skills, learned_company; /* the two parts of learned */
};

/* Scores job for profile with the learned weights (may be NULL). */
void scoring_score(const struct scoring_profile *profile, const struct scoring_job *job,
                   const struct scoring_learned *learned, struct scoring_result *out);

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
 * (intern, trainee, graduate, entry -> entry; junior, jr, associate, I -> junior; mid,
 * intermediate, II -> mid; senior, sr, III -> senior; lead, staff, principal, architect, IV ->
 * lead; head, director, vp, chief, cto... -> executive). */
int scoring_title_level(const char *title);
/* True when phrase occurs in text as whole words, ASCII case-insensitively. Words are runs of
 * letters, digits, '+' and '#' ("c++" is not "c"); a run of other characters in phrase matches
 * any such run in text ("san francisco" is in "San Francisco, CA"; "berlin, germany" in
 * "Berlin - Germany"). False for NULL or a phrase without words. */
bool scoring_has_phrase(const char *text, const char *phrase);

#endif
