/*
 * This file implements the recommendation score of scoring.h: one function per part of the
 * score, each returning its points and recording why in the result, then the penalties and the
 * skills gate; and the whole-word phrase matcher used for locations, keywords and exclusions.
 * The factors, the sentences that explain a score, are scoring_factors.c's.
 */
#include "scoring.h"

#include <assert.h>
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

/* isalnum in the C locale (the server never sets another) without the call, or any byte of a
 * multibyte character. */
static bool alnum(char c)
{
    unsigned char u = (unsigned char)c;
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80;
}

/* tolower in the C locale, without the call. */
static unsigned char lower(char c)
{
    unsigned char u = (unsigned char)c;
    return u >= 'A' && u <= 'Z' ? (unsigned char)(u - 'A' + 'a') : u;
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
        if (lower(*t) != lower(*p))
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
        {"manager", 4},  {"head", 5},         {"director", 5},    {"vp", 5},
        {"chief", 5},    {"cto", 5},          {"ceo", 5},         {"cio", 5},
        {"cfo", 5},      {"coo", 5},          {"president", 5},
    };
    /* every level word starts with one of these letters and is at most 12 bytes: most words of
       a title are turned away before the table is searched */
    if (strchr("iatgesjmlphdvc", w[0]) == NULL || w[0] == '\0' || strlen(w) > 12)
        return -1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (w[0] == words[i].word[0] && strcmp(w, words[i].word) == 0)
            return words[i].level;
    return -1;
}

/* Is the n bytes at word (any case) one of list (NULL-terminated)? */
static bool word_in(const char *word, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncasecmp(word, *list, n) == 0)
            return true;
    return false;
}

/* Words that make "manager" a job of its own, not the head of a team: a product, project or
 * account manager is an individual contributor at any level ("Associate Product Manager" is a
 * beginner's job, "Senior Product Manager" a senior's). */
static const char *const ic_managers[] = {
    "product", "project", "program", "programme", "account", "office",   "community", "case",
    "success", "content", "partner", "media",     "brand",   "category", "campaign",  NULL,
};

/* Words after "staff" that make it a plain job, not a level above senior ("Staff Accountant",
 * "Staff Nurse"): "staff" ranks engineers, scientists and designers. */
static const char *const staff_jobs[] = {
    "accountant", "nurse",     "auditor",   "writer", "pharmacist", "attorney",
    "accounting", "physician", "assistant", "member", NULL,
};

int scoring_title_level(const char *title)
{
    if (title == NULL)
        return -1;
    int best = -1;
    char token[32];
    const char *prev = title; /* the word before, in title */
    size_t nprev = 0;
    for (const char *p = title; *p;) {
        while (*p && !alnum(*p))
            p++;
        const char *start = p;
        size_t n = 0;
        while (*p && alnum(*p)) {
            if (n + 1 < sizeof token)
                token[n++] = (char)lower(*p);
            p++;
        }
        token[n] = '\0';
        int level = n ? word_level(token) : -1;
        if (level == 4 && token[0] == 'm' && word_in(prev, nprev, ic_managers))
            level = -1; /* "Product Manager" */
        if (level == 4 && token[0] == 's') {
            /* the next word decides: "Staff Engineer" is a level, "Staff Accountant" is not */
            const char *q = p;
            while (*q && !alnum(*q))
                q++;
            size_t m = 0;
            while (alnum(q[m]))
                m++;
            if (word_in(q, m, staff_jobs))
                level = -1;
        }
        if (level > best)
            best = level;
        prev = start;
        nprev = (size_t)(p - start);
    }
    return best;
}

enum scoring_fit scoring_fit(int user_level, int job_level)
{
    if (user_level < 0 || job_level < 0)
        return SCORING_FIT_UNKNOWN;
    int distance = abs(user_level - job_level);
    if (distance == 0)
        return SCORING_FIT_SAME;
    /* an entry or junior role is a step back for anyone at mid level or above: it pays and
       reads as a beginner's job (issue 13's junior Python job for a mid-level engineer) */
    if (distance >= 2 || (job_level <= 1 && user_level >= 2))
        return SCORING_FIT_MISMATCH;
    return SCORING_FIT_NEAR;
}

int scoring_level_slot(const struct scoring_job *job)
{
    int level = scoring_title_level(job->title);
    return level >= 0 ? level : SCORING_LEVEL_SLOTS - 1;
}

bool scoring_is_remote(const struct scoring_job *job)
{
    return (job->remote_option && strcmp(job->remote_option, "remote") == 0) ||
           scoring_has_phrase(job->location, "remote");
}

bool scoring_job_pay(const struct scoring_job *job, int64_t *pay)
{
    if (!job->has_salary_min && !job->has_salary_max)
        return false;
    *pay = job->has_salary_max ? job->salary_max : job->salary_min;
    return true;
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

/* Half share (matched / the job's skills), half depth (matched out of SCORING_DEPTH_SKILLS,
 * or of all the user's skills when fewer): a job naming ten skills of which the user has
 * three is a better lead than one naming two of which the user has one. */
static double score_skills(const struct scoring_profile *p, const struct scoring_job *j,
                           struct scoring_result *r)
{
    r->considered = j->nskills < SCORING_MAX_SKILLS ? j->nskills : SCORING_MAX_SKILLS;
    r->matched = 0;
    for (size_t i = 0; i < r->considered; i++) {
        r->have[i] = contains(p->skills, p->nskills, j->skills[i]);
        r->matched += r->have[i];
    }
    if (p->nskills == 0)
        return SCORING_SKILLS_POINTS / 2; /* nothing to compare: neutral */
    if (r->considered == 0)
        return 0;
    size_t depth_of = p->nskills;
    if (depth_of > SCORING_DEPTH_SKILLS)
        depth_of = SCORING_DEPTH_SKILLS;
    double share = (double)r->matched / (double)r->considered;
    double depth = (double)(r->matched < depth_of ? r->matched : depth_of) / (double)depth_of;
    return SCORING_SKILLS_POINTS * (share + depth) / 2;
}

static double score_location(const struct scoring_profile *p, const struct scoring_job *j,
                             struct scoring_result *r)
{
    r->remote = scoring_is_remote(j);
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
    r->user_level = scoring_level(p->experience_level);
    r->job_level = scoring_title_level(j->title);
    r->fit = scoring_fit(r->user_level, r->job_level);
    if (r->user_level < 0)
        return 10;
    switch (r->fit) {
    case SCORING_FIT_SAME:
        return SCORING_EXPERIENCE_POINTS;
    case SCORING_FIT_NEAR:
        return 12;
    case SCORING_FIT_MISMATCH:
        return 0;
    case SCORING_FIT_UNKNOWN:
        break;
    }
    return 15; /* the title names no level */
}

static double score_recency(double age_days)
{
    double age = age_days < 0 ? 0 : age_days;
    return clamp(SCORING_RECENCY_POINTS * (1.0 - age / SCORING_RECENCY_DAYS), 0,
                 SCORING_RECENCY_POINTS);
}

static enum scoring_verdict salary_verdict(const struct scoring_profile *p,
                                           const struct scoring_job *j)
{
    int64_t best;
    if (!p->has_min_salary)
        return SCORING_UNSET;
    if (!scoring_job_pay(j, &best))
        return SCORING_UNKNOWN;
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

/* Net marks of the locations that match the job's ("remote" matches a remote job; others as
 * whole words either way round, like the location part). */
static int location_net(const struct scoring_learned *l, const struct scoring_job *j, bool remote)
{
    int net = 0;
    for (size_t i = 0; i < l->nlocations; i++) {
        const char *key = l->locations[i].key;
        if (key == NULL)
            continue;
        bool hit = strcmp(key, "remote") == 0 ? remote
                                              : !remote && (scoring_has_phrase(j->location, key) ||
                                                            scoring_has_phrase(key, j->location));
        if (hit)
            net += l->locations[i].net;
    }
    return net;
}

/* Net pay marks that apply to the job (struct scoring_pay_mark). */
static int pay_net(const struct scoring_learned *l, const struct scoring_job *j)
{
    int64_t pay = 0;
    bool posted = scoring_job_pay(j, &pay);
    int net = 0;
    for (size_t i = 0; i < l->npay; i++) {
        const struct scoring_pay_mark *m = &l->pay[i];
        bool applies = !m->posted    ? !posted
                       : !posted     ? false
                       : m->sign < 0 ? pay <= m->pay
                                     : pay >= m->pay;
        if (applies)
            net += m->sign;
    }
    return net;
}

/* The learned part: factor by factor, each net of marks clamped, then the total (scoring.h). */
static double score_learned(const struct scoring_learned *l, const struct scoring_job *j,
                            struct scoring_result *r)
{
    r->learned_skills = r->learned_company = r->learned_salary = 0;
    r->learned_seniority = r->learned_location = 0;
    if (l == NULL)
        return 0;
    double skills = 0;
    for (size_t i = 0; i < r->considered; i++)
        skills += 3.0 * clamp(net_of(l->skills, l->nskills, j->skills[i]), -3, 3);
    r->learned_skills = clamp(skills, -10, 10);
    r->learned_company = 5.0 * clamp(net_of(l->companies, l->ncompanies, j->company), -2, 2);
    r->learned_salary = 5.0 * clamp(pay_net(l, j), -2, 2);
    /* the title's level slot (scoring_level_slot) from the experience part's reading of it */
    int slot = r->job_level >= 0 ? r->job_level : SCORING_LEVEL_SLOTS - 1;
    r->learned_seniority = 5.0 * clamp(l->levels[slot], -2, 2);
    r->learned_location = 5.0 * clamp(location_net(l, j, r->remote), -2, 2);
    double total = r->learned_skills + r->learned_company + r->learned_salary +
                   r->learned_seniority + r->learned_location;
    return clamp(total, -SCORING_LEARNED_MAX, SCORING_LEARNED_MAX);
}

/* Without skill points a job totals at most this, and the gate must keep it under the floor. */
#define SCORING_MAX_WITHOUT_SKILLS                                                                 \
    (SCORING_LOCATION_POINTS + SCORING_EXPERIENCE_POINTS + SCORING_RECENCY_POINTS +                \
     SCORING_PREFERENCES_POINTS + SCORING_LEARNED_MAX)

/* The clamped total of parts with recency added (in the order of the sum scoring_score has
 * always made: skills, location, experience, recency, preferences, learned, penalties) and the
 * score after the gate, before rounding. scoring_score and scoring_score_at share it, so a score
 * recomputed at another age is the one scoring_score gives at that age, bit for bit. */
static void finish(const struct scoring_parts *p, double recency, double *total, double *final)
{
    *total = clamp(p->head + recency + p->preferences + p->learned + p->penalty_salary +
                       p->penalty_seniority,
                   0, 100);
    *final = p->gate == SCORING_GATE_GATED ? *total * SCORING_GATE_FACTOR
             : p->gate == SCORING_GATE_OFF ? *total
             : *total < SCORING_GATE_FLOOR ? SCORING_GATE_FLOOR
                                           : *total;
}

void scoring_score(const struct scoring_profile *profile, const struct scoring_job *job,
                   const struct scoring_learned *learned, struct scoring_result *out)
{
    /* an assertion, not _Static_assert: C17 has no floating-point constant expressions (gcc
     * folds them as an extension, clang refuses) */
    assert(SCORING_MAX_WITHOUT_SKILLS * SCORING_GATE_FACTOR < SCORING_GATE_FLOOR &&
           "the skills gate must keep every job without overlap under the floor");
    memset(out, 0, sizeof *out);
    out->skills = score_skills(profile, job, out);
    out->location = score_location(profile, job, out);
    out->experience = score_experience(profile, job, out);
    out->recency = score_recency(job->age_days);
    out->preferences = score_preferences(profile, job, out);
    out->learned = score_learned(learned, job, out);
    if (out->prefs[SCORING_PREF_SALARY] == SCORING_MISS)
        out->penalty_salary = -SCORING_SALARY_PENALTY;
    if (out->fit == SCORING_FIT_MISMATCH)
        out->penalty_seniority = -SCORING_SENIORITY_PENALTY;
    if (profile->nskills > 0)
        out->gated = out->matched == 0;
    struct scoring_parts parts;
    scoring_parts_of(out, profile->nskills > 0, &parts);
    double total, final;
    finish(&parts, out->recency, &total, &final);
    out->gate = final - total;
    out->score = round(final * 10.0) / 10.0;
}

void scoring_parts_of(const struct scoring_result *r, bool gate, struct scoring_parts *out)
{
    out->head = r->skills + r->location + r->experience;
    out->preferences = r->preferences;
    out->learned = r->learned;
    out->penalty_salary = r->penalty_salary;
    out->penalty_seniority = r->penalty_seniority;
    out->gate = !gate ? SCORING_GATE_OFF : r->gated ? SCORING_GATE_GATED : SCORING_GATE_FLOORED;
}

double scoring_score_at(const struct scoring_parts *parts, double age_days)
{
    double total, final;
    finish(parts, score_recency(age_days), &total, &final);
    return round(final * 10.0) / 10.0;
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
