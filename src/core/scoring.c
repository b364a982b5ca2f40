/*
 * This file implements the recommendation score of scoring.h: one function per part of the
 * score, each returning its points and recording why in the result, and the whole-word phrase
 * matcher used for locations, keywords and exclusions.
 */
#include "scoring.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const scoring_pref_names[SCORING_PREFS] = {"job_type", "company", "source", "keywords",
                                                       "min_salary"};

static const char *const level_names[] = {"entry", "junior", "mid", "senior", "lead", "executive"};

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* ================================================================ words and phrases */

static bool alnum(char c)
{
    return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* Phrase words are runs of letters, digits, '+' and '#' ("c++" and "c" differ). */
static bool word(char c)
{
    return alnum(c) || c == '+' || c == '#';
}

/* Matches phrase[p..p_end) against text at t; returns the end in text or NULL. A run of
 * separators in the phrase matches a run of separators in the text. */
static const char *phrase_at(const char *t, const char *p, const char *p_end)
{
    while (p < p_end) {
        if (!word(*p)) {
            while (p < p_end && !word(*p))
                p++;
            if (*t == '\0' || word(*t))
                return NULL;
            while (*t && !word(*t))
                t++;
            continue;
        }
        if (tolower((unsigned char)*t) != tolower((unsigned char)*p))
            return NULL;
        t++, p++;
    }
    return t;
}

bool scoring_has_phrase(const char *text, const char *phrase)
{
    if (text == NULL || phrase == NULL)
        return false;
    while (*phrase && !word(*phrase))
        phrase++;
    const char *end = phrase + strlen(phrase);
    while (end > phrase && !word(end[-1]))
        end--;
    if (end == phrase)
        return false;
    for (const char *t = text; *t; t++) {
        if (!word(*t) || (t > text && word(t[-1])))
            continue; /* not a word start */
        const char *stop = phrase_at(t, phrase, end);
        if (stop && !word(*stop))
            return true;
    }
    return false;
}

/* ================================================================ levels */

int scoring_level(const char *name)
{
    for (int i = 0; name && i < 6; i++)
        if (strcmp(name, level_names[i]) == 0)
            return i;
    return -1;
}

const char *scoring_level_name(int level)
{
    return level >= 0 && level < 6 ? level_names[level] : NULL;
}

static int word_level(const char *w)
{
    static const struct {
        const char *word;
        int level;
    } words[] = {
        {"intern", 0},   {"internship", 0},   {"trainee", 0},     {"apprentice", 0},
        {"graduate", 0}, {"grad", 0},         {"entry", 0},       {"student", 0},
        {"junior", 1},   {"jr", 1},           {"associate", 1},   {"i", 1},
        {"mid", 2},      {"intermediate", 2}, {"ii", 2},          {"senior", 3},
        {"sr", 3},       {"iii", 3},          {"experienced", 3}, {"lead", 4},
        {"staff", 4},    {"principal", 4},    {"architect", 4},   {"iv", 4},
        {"head", 5},     {"director", 5},     {"vp", 5},          {"chief", 5},
        {"cto", 5},      {"ceo", 5},          {"cio", 5},         {"cfo", 5},
        {"coo", 5},      {"president", 5},    {"executive", 5},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(w, words[i].word) == 0)
            return words[i].level;
    return -1;
}

int scoring_title_level(const char *title)
{
    if (title == NULL)
        return -1;
    int best = -1;
    char token[32];
    for (const char *p = title; *p;) {
        while (*p && !alnum(*p))
            p++;
        size_t n = 0;
        while (*p && alnum(*p)) {
            if (n + 1 < sizeof token)
                token[n++] = (char)tolower((unsigned char)*p);
            p++;
        }
        token[n] = '\0';
        int level = n ? word_level(token) : -1;
        if (level > best)
            best = level;
    }
    return best;
}

/* ================================================================ the parts */

static bool contains(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (list[i] && strcmp(list[i], s) == 0)
            return true;
    return false;
}

static bool contains_folded(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (list[i] && strcasecmp(list[i], s) == 0)
            return true;
    return false;
}

static double score_skills(const struct scoring_profile *p, const struct scoring_job *j,
                           struct scoring_result *r)
{
    r->considered = j->nskills < SCORING_MAX_SKILLS ? j->nskills : SCORING_MAX_SKILLS;
    r->matched = 0;
    for (size_t i = 0; i < r->considered; i++) {
        r->have[i] = contains(p->skills, p->nskills, j->skills[i]);
        r->matched += r->have[i];
    }
    if (r->considered == 0)
        return SCORING_SKILLS_POINTS / 2;
    return SCORING_SKILLS_POINTS * (double)r->matched / (double)r->considered;
}

static double score_location(const struct scoring_profile *p, const struct scoring_job *j,
                             struct scoring_result *r)
{
    r->remote = (j->remote_option && strcmp(j->remote_option, "remote") == 0) ||
                scoring_has_phrase(j->location, "remote");
    r->hybrid = !r->remote && ((j->remote_option && strcmp(j->remote_option, "hybrid") == 0) ||
                               scoring_has_phrase(j->location, "hybrid"));
    r->location_match = NULL;
    for (size_t i = 0; i < p->nlocations; i++) {
        const char *want = p->locations[i];
        bool remote_wish = scoring_has_phrase(want, "remote");
        if ((remote_wish && r->remote) || scoring_has_phrase(j->location, want) ||
            scoring_has_phrase(want, j->location)) {
            r->location_match = want;
            return SCORING_LOCATION_POINTS;
        }
    }
    if (r->remote && p->prefer_remote) {
        r->location_match = "remote";
        return SCORING_LOCATION_POINTS;
    }
    if ((r->hybrid && p->prefer_remote) || r->remote || (p->nlocations == 0 && !p->prefer_remote))
        return SCORING_LOCATION_POINTS / 2;
    return 0;
}

static double score_experience(const struct scoring_profile *p, const struct scoring_job *j,
                               struct scoring_result *r)
{
    static const double by_distance[] = {20, 12, 5};
    r->user_level = scoring_level(p->experience_level);
    r->job_level = scoring_title_level(j->title);
    if (r->user_level < 0)
        return 10;
    if (r->job_level < 0)
        return 15;
    int distance = abs(r->user_level - r->job_level);
    return distance < 3 ? by_distance[distance] : 0;
}

static double score_recency(const struct scoring_job *j)
{
    double age = j->age_days < 0 ? 0 : j->age_days;
    return clamp(SCORING_RECENCY_POINTS * (1.0 - age / SCORING_RECENCY_DAYS), 0,
                 SCORING_RECENCY_POINTS);
}

static enum scoring_verdict salary_verdict(const struct scoring_profile *p,
                                           const struct scoring_job *j)
{
    if (!p->has_min_salary)
        return SCORING_UNSET;
    if (!j->has_salary_min && !j->has_salary_max)
        return SCORING_UNKNOWN;
    int64_t best = j->has_salary_max ? j->salary_max : j->salary_min;
    return best >= p->min_salary ? SCORING_MATCH : SCORING_MISS;
}

static enum scoring_verdict keyword_verdict(const struct scoring_profile *p,
                                            const struct scoring_job *j)
{
    if (p->nkeywords == 0)
        return SCORING_UNSET;
    for (size_t i = 0; i < p->nkeywords; i++)
        if (scoring_has_phrase(j->title, p->keywords[i]) ||
            scoring_has_phrase(j->text, p->keywords[i]))
            return SCORING_MATCH;
    return SCORING_MISS;
}

static enum scoring_verdict list_verdict(const char *const *list, size_t n, const char *value,
                                         bool folded)
{
    if (n == 0)
        return SCORING_UNSET;
    bool hit = folded ? contains_folded(list, n, value) : contains(list, n, value);
    return hit ? SCORING_MATCH : SCORING_MISS;
}

static double score_preferences(const struct scoring_profile *p, const struct scoring_job *j,
                                struct scoring_result *r)
{
    r->prefs[SCORING_PREF_JOB_TYPE] = list_verdict(p->job_types, p->njob_types, j->job_type, true);
    r->prefs[SCORING_PREF_COMPANY] = list_verdict(p->companies, p->ncompanies, j->company, false);
    r->prefs[SCORING_PREF_SOURCE] = list_verdict(p->sources, p->nsources, j->source, true);
    r->prefs[SCORING_PREF_KEYWORDS] = keyword_verdict(p, j);
    r->prefs[SCORING_PREF_SALARY] = salary_verdict(p, j);
    double stated = 0, met = 0;
    for (int i = 0; i < SCORING_PREFS; i++) {
        stated += r->prefs[i] != SCORING_UNSET;
        met += r->prefs[i] == SCORING_MATCH ? 1.0 : r->prefs[i] == SCORING_UNKNOWN ? 0.5 : 0.0;
    }
    return stated > 0 ? SCORING_PREFERENCES_POINTS * met / stated : SCORING_PREFERENCES_POINTS / 2;
}

static int net_of(const struct scoring_weight *w, size_t n, const char *key)
{
    int net = 0;
    for (size_t i = 0; key && i < n; i++)
        if (w[i].key && strcmp(w[i].key, key) == 0)
            net += w[i].net;
    return net;
}

static double score_learned(const struct scoring_learned *l, const struct scoring_job *j,
                            const struct scoring_result *partial, struct scoring_result *r)
{
    r->learned_skills = r->learned_company = 0;
    if (l == NULL)
        return 0;
    double skills = 0;
    for (size_t i = 0; i < partial->considered; i++)
        skills += 2.0 * clamp(net_of(l->skills, l->nskills, j->skills[i]), -3, 3);
    r->learned_skills = clamp(skills, -10, 10);
    r->learned_company =
        clamp(5.0 * clamp(net_of(l->companies, l->ncompanies, j->company), -2, 2), -10, 10);
    return clamp(r->learned_skills + r->learned_company, -SCORING_LEARNED_MAX, SCORING_LEARNED_MAX);
}

void scoring_score(const struct scoring_profile *profile, const struct scoring_job *job,
                   const struct scoring_learned *learned, struct scoring_result *out)
{
    memset(out, 0, sizeof *out);
    out->skills = score_skills(profile, job, out);
    out->location = score_location(profile, job, out);
    out->experience = score_experience(profile, job, out);
    out->recency = score_recency(job);
    out->preferences = score_preferences(profile, job, out);
    out->learned = score_learned(learned, job, out, out);
    double total = out->skills + out->location + out->experience + out->recency + out->preferences +
                   out->learned;
    out->score = round(clamp(total, 0, 100) * 10.0) / 10.0;
}

enum scoring_exclusion scoring_excluded(const char *const *companies, size_t ncompanies,
                                        const char *const *keywords, size_t nkeywords,
                                        const struct scoring_job *job, const char **which)
{
    for (size_t i = 0; i < ncompanies; i++) {
        if (companies[i] && *companies[i] && scoring_has_phrase(job->company, companies[i])) {
            if (which)
                *which = companies[i];
            return SCORING_EXCLUDED_COMPANY;
        }
    }
    for (size_t i = 0; i < nkeywords; i++) {
        if (scoring_has_phrase(job->title, keywords[i]) ||
            scoring_has_phrase(job->company, keywords[i]) ||
            scoring_has_phrase(job->text, keywords[i])) {
            if (which)
                *which = keywords[i];
            return SCORING_EXCLUDED_KEYWORD;
        }
    }
    return SCORING_KEEP;
}
