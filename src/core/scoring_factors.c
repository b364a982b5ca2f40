/*
 * This file implements the factors of scoring.h (scoring_factors): the sentences that explain a
 * job's recommendation score, one per part (skills, location, seniority, salary, recency,
 * preferences, learned), each with its effect, from the result scoring.c recorded.
 */
#include "scoring.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const scoring_factor_names[SCORING_FACTOR_KINDS + 1] = {
    "skills", "location", "seniority", "salary", "recency", "preferences", "learned", NULL};
const char *const scoring_effect_names[4] = {"positive", "negative", "neutral", NULL};

/* "A junior role" etc., by level 0..5 (capitalised: it opens a sentence). */
static const char *const level_roles[] = {"An entry-level role", "A junior role",
                                          "A mid-level role",    "A senior role",
                                          "A lead role",         "An executive role"};

__attribute__((format(printf, 4, 5))) static void add_factor(struct scoring_factor *out, size_t *n,
                                                             enum scoring_factor_kind kind,
                                                             const char *fmt, ...)
{
    /* the effect is set by the caller right after */
    struct scoring_factor *f = &out[(*n)++];
    f->kind = kind;
    f->effect = SCORING_NEUTRAL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->text, sizeof f->text, fmt, ap);
    va_end(ap);
}

/* v with thousands separators ("70,000") into out. */
static const char *amount(int64_t v, char *out, size_t n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? -v : v));
    size_t len = strlen(digits), w = 0;
    if (v < 0 && w + 1 < n)
        out[w++] = '-';
    for (size_t i = 0; i < len && w + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[w++] = ',';
        out[w++] = digits[i];
    }
    out[w] = '\0';
    return out;
}

/* "45,000–55,000 EUR", "up to 55,000", "from 45,000" into out. */
static const char *pay_range(const struct scoring_job *j, char *out, size_t n)
{
    char lo[32], hi[32];
    const char *cur = j->currency ? j->currency : "";
    const char *space = j->currency ? " " : "";
    if (j->has_salary_min && j->has_salary_max && j->salary_min != j->salary_max)
        snprintf(out, n, "%s\u2013%s%s%s", amount(j->salary_min, lo, sizeof lo),
                 amount(j->salary_max, hi, sizeof hi), space, cur);
    else if (j->has_salary_max)
        snprintf(out, n, "up to %s%s%s", amount(j->salary_max, hi, sizeof hi), space, cur);
    else
        snprintf(out, n, "%s%s%s", amount(j->salary_min, lo, sizeof lo), space, cur);
    return out;
}

/* "A, B, C" of the names whose have[] equals want, at most 6, into out. */
static const char *skill_names(const char *const *names, const struct scoring_result *r, bool want,
                               char *out, size_t n)
{
    size_t w = 0, listed = 0, left = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->considered; i++) {
        if (r->have[i] != want)
            continue;
        if (listed == 6) {
            left++;
            continue;
        }
        int k = snprintf(out + w, n - w, "%s%s", listed ? ", " : "", names[i]);
        if (k < 0 || (size_t)k >= n - w)
            break;
        w += (size_t)k, listed++;
    }
    if (left && w + 16 < n)
        snprintf(out + w, n - w, " and %zu more", left);
    return out;
}

static void skills_factor(const struct scoring_profile *p, const char *const *names,
                          const struct scoring_result *r, struct scoring_factor *out, size_t *n)
{
    char list[160];
    if (p->nskills == 0) {
        add_factor(out, n, SCORING_FACTOR_SKILLS, "Add skills to your profile to compare them");
        return;
    }
    if (r->matched > 0) {
        /* "Matches 1 of 1 skill", not "1 skills" (session 35) */
        add_factor(out, n, SCORING_FACTOR_SKILLS, "Matches %zu of %zu skill%s: %s", r->matched,
                   r->considered, r->considered == 1 ? "" : "s",
                   skill_names(names, r, true, list, sizeof list));
        out[*n - 1].effect = SCORING_POSITIVE;
    } else if (r->considered > 0) {
        add_factor(out, n, SCORING_FACTOR_SKILLS, "Shares none of your skills; it asks for %s",
                   skill_names(names, r, false, list, sizeof list));
        out[*n - 1].effect = SCORING_NEGATIVE;
    } else {
        /* the description is not read for skills: say where the ranking looked, or a job whose
           description names the user's stack reads as a wrong answer */
        add_factor(out, n, SCORING_FACTOR_SKILLS,
                   "Names no skills in its tech stack, requirements or title to compare with "
                   "yours");
        out[*n - 1].effect = SCORING_NEGATIVE;
    }
}

static void location_factor(const struct scoring_profile *p, const struct scoring_job *j,
                            const struct scoring_result *r, struct scoring_factor *out, size_t *n)
{
    const char *where = j->location && *j->location ? j->location : NULL;
    const char *mode = r->remote ? "Remote" : r->hybrid ? "Hybrid" : "On-site";
    if (r->location_match && r->remote && scoring_has_phrase(r->location_match, "remote")) {
        add_factor(out, n, SCORING_FACTOR_LOCATION, "Remote, as you prefer");
    } else if (r->location_match) {
        add_factor(out, n, SCORING_FACTOR_LOCATION, "%s in %s, one of your preferred locations",
                   mode, where ? where : r->location_match);
    } else if (r->location > 0) {
        if (r->hybrid && p->prefer_remote)
            add_factor(out, n, SCORING_FACTOR_LOCATION, "Hybrid%s%s; you prefer remote work",
                       where ? " in " : "", where ? where : "");
        else if (r->remote)
            add_factor(out, n, SCORING_FACTOR_LOCATION,
                       "Remote, though you prefer working from your locations");
        else
            add_factor(out, n, SCORING_FACTOR_LOCATION, "%s%s%s; you state no preferred location",
                       mode, where ? " in " : "", where ? where : "");
        out[*n - 1].effect = SCORING_NEUTRAL;
        return;
    } else if (where) {
        add_factor(out, n, SCORING_FACTOR_LOCATION, "%s in %s, not one of your locations", mode,
                   where);
        out[*n - 1].effect = SCORING_NEGATIVE;
        return;
    } else {
        add_factor(out, n, SCORING_FACTOR_LOCATION, "States no location you can work from");
        out[*n - 1].effect = SCORING_NEGATIVE;
        return;
    }
    out[*n - 1].effect = SCORING_POSITIVE;
}

static void seniority_factor(const struct scoring_result *r, struct scoring_factor *out, size_t *n)
{
    if (r->user_level < 0) {
        add_factor(out, n, SCORING_FACTOR_SENIORITY,
                   "Set your experience level to compare seniority");
        return;
    }
    if (r->job_level < 0) {
        add_factor(out, n, SCORING_FACTOR_SENIORITY, "The title states no level");
        return;
    }
    const char *role = level_roles[r->job_level], *mine = scoring_level_name(r->user_level);
    switch (r->fit) {
    case SCORING_FIT_SAME:
        add_factor(out, n, SCORING_FACTOR_SENIORITY, "%s, your level", role);
        out[*n - 1].effect = SCORING_POSITIVE;
        break;
    case SCORING_FIT_NEAR:
        add_factor(out, n, SCORING_FACTOR_SENIORITY, "%s, one step from your level (%s)", role,
                   mine);
        break;
    case SCORING_FIT_MISMATCH:
        add_factor(out, n, SCORING_FACTOR_SENIORITY, "%s; your level is %s", role, mine);
        out[*n - 1].effect = SCORING_NEGATIVE;
        break;
    case SCORING_FIT_UNKNOWN:
        break;
    }
}

static void salary_factor(const struct scoring_profile *p, const struct scoring_job *j,
                          const struct scoring_result *r, struct scoring_factor *out, size_t *n)
{
    char range[96], min[32];
    amount(p->min_salary, min, sizeof min);
    switch (r->prefs[SCORING_PREF_SALARY]) {
    case SCORING_MATCH:
        add_factor(out, n, SCORING_FACTOR_SALARY, "Pays %s, meeting your minimum of %s",
                   pay_range(j, range, sizeof range), min);
        out[*n - 1].effect = SCORING_POSITIVE;
        break;
    case SCORING_MISS:
        add_factor(out, n, SCORING_FACTOR_SALARY, "Pays %s, below your minimum of %s",
                   pay_range(j, range, sizeof range), min);
        out[*n - 1].effect = SCORING_NEGATIVE;
        break;
    case SCORING_UNKNOWN:
        add_factor(out, n, SCORING_FACTOR_SALARY, "Pay not posted; your minimum is %s", min);
        break;
    case SCORING_UNSET:
        break;
    }
}

static void recency_factor(const struct scoring_job *j, struct scoring_factor *out, size_t *n)
{
    long days = j->age_days > 0 ? (long)floor(j->age_days) : 0;
    if (days == 0)
        add_factor(out, n, SCORING_FACTOR_RECENCY, "Added today");
    else
        add_factor(out, n, SCORING_FACTOR_RECENCY, "Added %ld day%s ago", days,
                   days == 1 ? "" : "s");
    out[*n - 1].effect = days < 7                      ? SCORING_POSITIVE
                         : days < SCORING_RECENCY_DAYS ? SCORING_NEUTRAL
                                                       : SCORING_NEGATIVE;
}

/* Job type, companies, sources and keywords (the salary has its own factor). */
static void preferences_factor(const struct scoring_result *r, struct scoring_factor *out,
                               size_t *n)
{
    static const char *const words[] = {"job type", "company", "source", "keywords"};
    char met[96] = "", missed[96] = "";
    int stated = 0, hits = 0;
    for (int i = 0; i < SCORING_PREF_SALARY; i++) {
        if (r->prefs[i] == SCORING_UNSET)
            continue;
        stated++;
        char *list = r->prefs[i] == SCORING_MATCH ? met : missed;
        hits += r->prefs[i] == SCORING_MATCH;
        size_t len = strlen(list);
        snprintf(list + len, sizeof met - len, "%s%s", len ? ", " : "", words[i]);
    }
    if (stated == 0)
        return;
    if (hits == stated) {
        add_factor(out, n, SCORING_FACTOR_PREFERENCES, "Meets your preferences: %s", met);
        out[*n - 1].effect = SCORING_POSITIVE;
    } else if (hits == 0) {
        add_factor(out, n, SCORING_FACTOR_PREFERENCES, "Misses your preferences: %s", missed);
        out[*n - 1].effect = SCORING_NEGATIVE;
    } else {
        add_factor(out, n, SCORING_FACTOR_PREFERENCES, "Meets your preferences for %s, not %s", met,
                   missed);
    }
}

static void learned_factor(const struct scoring_result *r, struct scoring_factor *out, size_t *n)
{
    const struct {
        const char *what;
        double points;
    } parts[] = {{"skills", r->learned_skills},
                 {"company", r->learned_company},
                 {"pay", r->learned_salary},
                 {"seniority", r->learned_seniority},
                 {"location", r->learned_location}};
    if (r->learned == 0)
        return;
    char list[160] = "";
    for (size_t i = 0, len = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (parts[i].points == 0)
            continue;
        snprintf(list + len, sizeof list - len, "%s%s %+g", len ? ", " : "", parts[i].what,
                 parts[i].points);
        len = strlen(list);
    }
    add_factor(out, n, SCORING_FACTOR_LEARNED, "Like jobs you marked %s (%s)",
               r->learned > 0 ? "helpful" : "not helpful", list);
    out[*n - 1].effect = r->learned > 0 ? SCORING_POSITIVE : SCORING_NEGATIVE;
}

size_t scoring_factors(const struct scoring_profile *profile, const struct scoring_job *job,
                       const char *const *names, const struct scoring_result *r,
                       struct scoring_factor *out)
{
    size_t n = 0;
    skills_factor(profile, names, r, out, &n);
    location_factor(profile, job, r, out, &n);
    seniority_factor(r, out, &n);
    salary_factor(profile, job, r, out, &n);
    recency_factor(job, out, &n);
    preferences_factor(r, out, &n);
    learned_factor(r, out, &n);
    assert(n <= SCORING_FACTOR_KINDS);
    return n;
}
