/*
 * This file implements the recommendations model of recommendation.h. A ranking is four
 * queries whatever the number of jobs: the user's profile, their résumés' skills, their
 * preferences, their feedback (joined to the jobs it is about, for the learned weights), and the
 * candidate jobs with only the columns scoring needs (with the résumé chosen for each); then one
 * more for the full rows of the page shown. A job is matched with the profile's skills and those
 * of the résumé it uses: the one chosen for it, else the primary one (docs/resumes.md). Everything
 * in between is C: skill keys through the dictionary (src/core/skills.c), companies through the
 * fingerprint normaliser, the score and its reasons from src/core/scoring.c.
 */
#include "recommendation.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/fingerprint.h"
#include "../core/scoring.h"
#include "../core/skills.h"
#include "../core/utf8.h"
#include "../lib/buf.h"
#include "../lib/hash.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "job.h"
#include "resume.h"
#include "score_cache.h"
#include "user.h"

static const struct field feedback_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"job_id", FT_INT, 0},
    {"is_helpful", FT_BOOL, 0},
    {"match_score", FT_REAL, 0},
    {"comment", FT_TEXT, 0},
    {"user_skills_at_time", FT_JSON, 0},
    {"job_tech_stack", FT_JSON, 0},
    {"reason", FT_TEXT, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {NULL},
};
const struct table recommendation_feedback_table = {"job_recommendation_feedback", feedback_fields,
                                                    true, "RecommendationFeedback"};

const char *const recommendation_reasons[] = {"skills",  "seniority", "salary", "location",
                                              "company", "other",     NULL};

static const struct field feedback_body_fields[] = {
    {"is_helpful", FT_BOOL, F_WRITE | F_REQUIRED},
    {"comment", FT_TEXT, F_WRITE, .max = 2000},
    {"reason", FT_TEXT, F_WRITE, recommendation_reasons},
    {NULL},
};
const struct table recommendation_feedback_body = {NULL, feedback_body_fields, false,
                                                   "RecommendationMark"};

/* ================================================================ reply shapes */

/* How the job's seniority fits the user's level (fit_name; no fit: null). */
static const char *const fit_names[] = {"same", "near", "mismatch", NULL};

/* What page_text adds to each job (put_reasons, put_breakdown): the API document's shapes. */
static const struct field points_fields[] = {
    {"matched", FT_BOOL, F_NOTNULL},
    {"job_location", FT_TEXT, 0},
    {"preferred", FT_TEXT, 0},
    {"points", FT_REAL, F_NOTNULL},
    {NULL},
};
static const struct table location_reason = {NULL, points_fields, false, "LocationReason"};
static const struct field remote_fields[] = {
    {"remote", FT_BOOL, F_NOTNULL},
    {"hybrid", FT_BOOL, F_NOTNULL},
    {"remote_option", FT_TEXT, 0},
    {"prefer_remote", FT_BOOL, F_NOTNULL},
    {NULL},
};
static const struct table remote_reason = {NULL, remote_fields, false, "RemoteReason"};
static const struct field experience_fields[] = {
    {"user_level", FT_TEXT, 0},
    {"job_level", FT_TEXT, 0},
    {"matched", FT_BOOL, F_NOTNULL},
    {"fit", FT_TEXT, 0, fit_names, .doc = "null when the user or the title states no level"},
    {"points", FT_REAL, F_NOTNULL},
    {"penalty", FT_REAL, F_NOTNULL},
    {NULL},
};
static const struct table experience_reason = {NULL, experience_fields, false, "ExperienceReason"};
static const struct field salary_fields[] = {
    {"min_salary", FT_INT, 0, .doc = "the user's minimum"},
    {"salary_min", FT_INT, 0},
    {"salary_max", FT_INT, 0},
    {"meets_minimum", FT_BOOL, 0, .doc = "null when either side is unknown"},
    {"penalty", FT_REAL, F_NOTNULL},
    {NULL},
};
static const struct table salary_reason = {NULL, salary_fields, false, "SalaryReason"};
static const struct field recency_fields[] = {
    {"age_days", FT_REAL, F_NOTNULL},
    {"points", FT_REAL, F_NOTNULL},
    {NULL},
};
static const struct table recency_reason = {NULL, recency_fields, false, "RecencyReason"};
static const struct field preference_fields[] = {
    {"matched", FT_STRINGS, F_NOTNULL},
    {"missed", FT_STRINGS, F_NOTNULL},
    {"points", FT_REAL, F_NOTNULL},
    {NULL},
};
static const struct table preference_reason = {NULL, preference_fields, false, "PreferenceReason"};
static const struct field learned_fields[] = {
    {"adjustment", FT_REAL, F_NOTNULL},
    {"skills", FT_REAL, F_NOTNULL},
    {"company", FT_REAL, F_NOTNULL},
    {"salary", FT_REAL, F_NOTNULL},
    {"seniority", FT_REAL, F_NOTNULL},
    {"location", FT_REAL, F_NOTNULL},
    {NULL},
};
static const struct table learned_reason = {NULL, learned_fields, false, "LearnedReason"};
static const struct field factor_fields[] = {
    {"kind", FT_TEXT, F_NOTNULL, scoring_factor_names},
    {"effect", FT_TEXT, F_NOTNULL, scoring_effect_names},
    {"text", FT_TEXT, F_NOTNULL},
    {NULL},
};
static const struct table factor_shape = {NULL, factor_fields, false, "RecommendationFactor"};
static const struct field reasons_fields[] = {
    {"matched_skills", FT_STRINGS, F_NOTNULL},
    {"missing_skills", FT_STRINGS, F_NOTNULL},
    {"location", FT_OBJECT, F_NOTNULL, .of = &location_reason},
    {"remote", FT_OBJECT, F_NOTNULL, .of = &remote_reason},
    {"experience", FT_OBJECT, F_NOTNULL, .of = &experience_reason},
    {"salary", FT_OBJECT, F_NOTNULL, .of = &salary_reason},
    {"recency", FT_OBJECT, F_NOTNULL, .of = &recency_reason},
    {"preferences", FT_OBJECT, F_NOTNULL, .of = &preference_reason},
    {"learned", FT_OBJECT, F_NOTNULL, .of = &learned_reason},
    {"shares_skills", FT_BOOL, F_NOTNULL, .doc = "false: the skills gate held the score down"},
    {"summary", FT_STRINGS, F_NOTNULL, .doc = "the reasons in words"},
    {"factors", FT_LIST, F_NOTNULL, .of = &factor_shape},
    {NULL},
};
static const struct table reasons_shape = {NULL, reasons_fields, false, "RecommendationReasons"};
static const struct field breakdown_fields[] = {
    {"skills", FT_REAL, F_NOTNULL, .min = 0, .max = 40},
    {"location", FT_REAL, F_NOTNULL, .min = 0, .max = 20},
    {"experience", FT_REAL, F_NOTNULL, .min = 0, .max = 20},
    {"recency", FT_REAL, F_NOTNULL, .min = 0, .max = 10},
    {"preferences", FT_REAL, F_NOTNULL, .min = 0, .max = 10},
    {"learned", FT_REAL, F_NOTNULL},
    {"penalties", FT_REAL, F_NOTNULL},
    {"gate", FT_REAL, F_NOTNULL},
    {NULL},
};
static const struct table breakdown_shape = {NULL, breakdown_fields, false, "ScoreBreakdown"};
static const struct field recommendation_fields[] = {
    {"match_score", FT_REAL, F_NOTNULL, .min = 0, .max = 100},
    {"reasons", FT_OBJECT, F_NOTNULL, .of = &reasons_shape},
    {"score_breakdown", FT_OBJECT, F_NOTNULL, .of = &breakdown_shape},
    {NULL},
};
const struct table recommendation_reply = {NULL, recommendation_fields, false, "Recommendation",
                                           &job_table};

/* The columns scoring reads, in this order (see prepare). */
#define CANDIDATE_COLUMNS                                                                          \
    "j.id, j.company, j.title, j.location, j.remote_option, j.job_type, j.source, "                \
    "j.salary_min, j.salary_max, j.tech_stack, j.requirements, j.created_at, j.currency, "         \
    "j.resume_id"
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
/* The same columns by name, as the page reads them with the job's own columns (rank). */
static const char *const column_names[C_COUNT] = {
    "id",           "company",    "title",      "location",   "remote_option",
    "job_type",     "source",     "salary_min", "salary_max", "tech_stack",
    "requirements", "created_at", "currency",   "resume_id",  "description"};
/* Where they are in a row of CANDIDATE_COLUMNS (and the description). */
static const int in_order[C_COUNT] = {C_ID,         C_COMPANY, C_TITLE,        C_LOCATION,
                                      C_REMOTE,     C_TYPE,    C_SOURCE,       C_SALARY_MIN,
                                      C_SALARY_MAX, C_STACK,   C_REQUIREMENTS, C_CREATED,
                                      C_CURRENCY,   C_RESUME,  C_DESCRIPTION};

/* ================================================================ string lists */

struct list {
    const char **items;
    size_t n;
};

enum list_kind { LIST_RAW, LIST_SKILLS, LIST_COMPANIES };

/* The strings of the JSON array arr: as given (LIST_RAW), as skill keys, or as normalised
 * companies; empty ones dropped, keys and companies made distinct. Copies live in a. */
static struct list array_list(const json_t *arr, enum list_kind kind, struct arena *a)
{
    struct list l = {0};
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return l;
    l.items = arena_alloc(a, json_array_size(arr) * sizeof *l.items);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        const char *s = json_string_value(v);
        if (s == NULL)
            continue;
        char buf[128];
        const char *item = s;
        if (kind == LIST_SKILLS) {
            item = skills_key(skills_default(), s, buf, sizeof buf);
        } else if (kind == LIST_COMPANIES) {
            char *norm = fingerprint_normalize_company(s);
            snprintf(buf, sizeof buf, "%s", norm);
            free(norm);
            item = buf;
        }
        bool seen = *item == '\0';
        for (size_t k = 0; k < l.n && !seen && kind != LIST_RAW; k++)
            seen = strcmp(l.items[k], item) == 0;
        if (!seen)
            l.items[l.n++] = arena_strdup(a, item);
    }
    return l;
}

/* array_list of the JSON array text (NULL or malformed: an empty list). */
static struct list json_list(const char *text, enum list_kind kind, struct arena *a)
{
    json_t *arr = json_parse_array(text);
    struct list l = array_list(arr, kind, a);
    json_decref(arr);
    return l;
}

/* ================================================================ memo

 * A ranking resolves the same few hundred skill names and companies for every job: each is
 * looked up in the dictionary (or normalised) once per request and remembered here, an
 * open-addressing table in the request's arena. */
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

static size_t memo_hash(const char *s, char kind)
{
    return (size_t)fnv1a_text(FNV1A_SEED ^ (unsigned char)kind, s);
}

static struct memo_entry *memo_slot(struct memo_entry *slots, size_t cap, const char *name,
                                    char kind)
{
    size_t i = memo_hash(name, kind) & (cap - 1);
    while (slots[i].name && (slots[i].kind != kind || strcmp(slots[i].name, name) != 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* The entry of name (a skill name when kind is 's', a company when 'c'), resolved on first use. */
static const struct memo_entry *memo_get(struct memo *m, const char *name, char kind)
{
    struct arena *a = m->a;
    if (m->cap) {
        struct memo_entry *hit = memo_slot(m->slots, m->cap, name, kind);
        if (hit->name)
            return hit;
    }
    if (2 * (m->n + 1) > m->cap) { /* grow: at most half full */
        size_t cap = m->cap ? 2 * m->cap : 256;
        struct memo_entry *slots = arena_alloc(a, cap * sizeof *slots);
        memset(slots, 0, cap * sizeof *slots);
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].name)
                *memo_slot(slots, cap, m->slots[i].name, m->slots[i].kind) = m->slots[i];
        m->slots = slots;
        m->cap = cap;
    }
    struct memo_entry *e = memo_slot(m->slots, m->cap, name, kind);
    e->name = arena_strdup(a, name);
    e->kind = kind;
    if (kind == 's') {
        const struct skills_dict *d = skills_default();
        char key[SKILLS_KEY_MAX], shown[SKILLS_KEY_MAX];
        e->key = arena_strdup(a, skills_key(d, name, key, sizeof key));
        e->shown = arena_strdup(a, skills_display(d, name, shown, sizeof shown));
        e->field = skills_is_field(d, name);
    } else {
        char *company = fingerprint_normalize_company(name);
        e->key = arena_strdup(a, company);
        free(company);
    }
    m->n++;
    return e;
}

/* ================================================================ the user's side */

static bool has_key(const struct scoring_profile *p, const char *key);

/* The profile a job is matched with when it uses one résumé: the user's, with the skills of
 * the résumé added. */
struct resume_profile {
    int64_t resume_id;
    struct scoring_profile profile;
};

struct context {
    struct scoring_profile profile; /* the user's own: the profile's skills */
    struct resume_profile *resumes; /* one per résumé of the user */
    size_t nresumes;
    const struct scoring_profile *primary; /* the primary résumé's, else &profile */
    struct list excluded_companies, excluded_keywords;
    struct scoring_learned learned;
    const char *user_skills; /* users.skills JSON text, for feedback snapshots */
    bool need_text;          /* keywords are involved: read descriptions too */
    struct memo memo;        /* skill names and companies already resolved (memo_get) */
};

static int load_user(struct store_conn *c, int64_t user_id, struct arena *a, struct context *x,
                     struct err *e)
{
    struct user_profile profile;
    int rc = user_profile(c, user_id, a, &profile, e);
    if (rc)
        return rc;
    struct list skills = json_list(profile.skills, LIST_SKILLS, a);
    struct list places = json_list(profile.preferred_locations, LIST_RAW, a);
    x->profile.skills = skills.items;
    x->profile.nskills = skills.n;
    x->profile.locations = places.items;
    x->profile.nlocations = places.n;
    x->profile.experience_level = profile.experience_level;
    x->profile.prefer_remote = profile.prefer_remote_jobs;
    x->user_skills = profile.skills;
    return 0;
}

/* One profile per résumé of the user: the profile's skills and the résumé's (distinct keys). Run
 * after load_user and load_preferences, whose lists every copy shares. */
static int load_resumes(struct store_conn *c, int64_t user_id, struct arena *a, struct context *x,
                        struct err *e)
{
    struct resume_skill_set *sets;
    size_t n;
    int rc = resume_skill_sets(c, user_id, a, &sets, &n, e);
    if (rc)
        return rc;
    x->resumes = arena_alloc(a, (n ? n : 1) * sizeof *x->resumes);
    x->nresumes = n;
    x->primary = &x->profile;
    for (size_t i = 0; i < n; i++) {
        struct list extra = json_list(sets[i].skills, LIST_SKILLS, a);
        const char **keys = arena_alloc(a, (x->profile.nskills + extra.n + 1) * sizeof *keys);
        size_t nkeys = 0;
        for (size_t k = 0; k < x->profile.nskills; k++)
            keys[nkeys++] = x->profile.skills[k];
        for (size_t k = 0; k < extra.n; k++)
            if (!has_key(&x->profile, extra.items[k]))
                keys[nkeys++] = extra.items[k];
        struct resume_profile *rp = &x->resumes[i];
        rp->resume_id = sets[i].id;
        rp->profile = x->profile;
        rp->profile.skills = keys;
        rp->profile.nskills = nkeys;
        if (sets[i].primary)
            x->primary = &rp->profile;
    }
    return 0;
}

/* The profile a job is matched with: the résumé chosen for it (resume_id, 0 for none), else the
 * primary one, else the user's own. */
static const struct scoring_profile *profile_for(const struct context *x, int64_t resume_id)
{
    for (size_t i = 0; resume_id && i < x->nresumes; i++)
        if (x->resumes[i].resume_id == resume_id)
            return &x->resumes[i].profile;
    return x->primary;
}

static int load_preferences(struct store_conn *c, int64_t user_id, struct arena *a,
                            struct context *x, struct err *e)
{
    json_t *prefs; /* the defaults (empty lists, no minimum) when the user never saved any */
    int rc = user_preferences_get(c, user_id, a, &prefs, e);
    if (rc)
        return rc;
    struct list types = array_list(json_object_get(prefs, "preferred_job_types"), LIST_RAW, a);
    struct list companies =
        array_list(json_object_get(prefs, "preferred_companies"), LIST_COMPANIES, a);
    struct list sources = array_list(json_object_get(prefs, "preferred_sources"), LIST_RAW, a);
    struct list keywords = array_list(json_object_get(prefs, "keywords"), LIST_RAW, a);
    x->profile.job_types = types.items, x->profile.njob_types = types.n;
    x->profile.companies = companies.items, x->profile.ncompanies = companies.n;
    x->profile.sources = sources.items, x->profile.nsources = sources.n;
    x->profile.keywords = keywords.items, x->profile.nkeywords = keywords.n;
    x->excluded_companies =
        array_list(json_object_get(prefs, "excluded_companies"), LIST_COMPANIES, a);
    x->excluded_keywords = array_list(json_object_get(prefs, "excluded_keywords"), LIST_RAW, a);
    json_t *min = json_object_get(prefs, "min_salary");
    x->profile.has_min_salary = json_is_integer(min);
    x->profile.min_salary = json_integer_value(min);
    json_decref(prefs);
    x->need_text = x->profile.nkeywords > 0 || x->excluded_keywords.n > 0;
    return 0;
}

struct weights {
    struct scoring_weight *items;
    size_t n, cap;
};

static void weight_add(struct weights *w, const char *key, int net, struct arena *a)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 32;
        struct scoring_weight *bigger = arena_alloc(a, cap * sizeof *bigger);
        if (w->n)
            memcpy(bigger, w->items, w->n * sizeof *bigger);
        w->items = bigger;
        w->cap = cap;
    }
    w->items[w->n++] = (struct scoring_weight){key, net};
}

static int compare_weight(const void *x, const void *y)
{
    return strcmp(((const struct scoring_weight *)x)->key, ((const struct scoring_weight *)y)->key);
}

/* Sums the nets of equal keys so each key appears once. */
static void weights_merge(struct weights *w)
{
    if (w->n == 0)
        return;
    qsort(w->items, w->n, sizeof *w->items, compare_weight);
    size_t m = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (m > 0 && strcmp(w->items[m - 1].key, w->items[i].key) == 0)
            w->items[m - 1].net += w->items[i].net;
        else
            w->items[m++] = w->items[i];
    }
    w->n = m;
}

static bool has_key(const struct scoring_profile *p, const char *key)
{
    for (size_t i = 0; i < p->nskills; i++)
        if (strcmp(p->skills[i], key) == 0)
            return true;
    return false;
}

/* The marks of one feedback row (docs/recommendations.md, "Learning from feedback"): the
 * factor its reason names moves. Without a reason (or "other") the mark teaches what the job
 * adds to the profile: its company and the skills of its snapshot the user does not hold. A
 * held skill is never moved by a reasonless mark (issue 13: "not helpful" on a junior Python
 * job lowered every Python job; "helpful" would lift every job that shares it alike, which
 * the skills part already rewards). Reason "skills" moves all of them, held or not. */
static void learn_row(const struct store_result *r, size_t i, struct context *x,
                      struct weights *skills, struct weights *companies, struct weights *locations,
                      struct scoring_pay_mark *pay, size_t *npay, struct arena *a)
{
    enum { R_HELPFUL, R_STACK, R_COMPANY, R_REASON, R_TITLE, R_LOCATION, R_REMOTE, R_MIN, R_MAX };
    int sign = store_bool(r, i, R_HELPFUL) ? 1 : -1;
    const char *reason = store_text(r, i, R_REASON);
    bool general = reason == NULL || strcmp(reason, "other") == 0;
    struct scoring_job job = {
        .title = store_text(r, i, R_TITLE),
        .location = store_text(r, i, R_LOCATION),
        .remote_option = store_text(r, i, R_REMOTE),
        .has_salary_min = !store_isnull(r, i, R_MIN),
        .salary_min = store_int(r, i, R_MIN),
        .has_salary_max = !store_isnull(r, i, R_MAX),
        .salary_max = store_int(r, i, R_MAX),
    };
    if (general || strcmp(reason, "skills") == 0) {
        struct list stack = json_list(store_text(r, i, R_STACK), LIST_SKILLS, a);
        for (size_t k = 0; k < stack.n; k++)
            if (!general || !has_key(&x->profile, stack.items[k]))
                weight_add(skills, stack.items[k], sign, a);
    }
    if (general || strcmp(reason, "company") == 0) {
        char *company = fingerprint_normalize_company(store_text(r, i, R_COMPANY));
        if (*company)
            weight_add(companies, arena_strdup(a, company), sign, a);
        free(company);
    }
    if (reason && strcmp(reason, "salary") == 0) {
        struct scoring_pay_mark *m = &pay[(*npay)++];
        m->sign = sign;
        m->posted = scoring_job_pay(&job, &m->pay);
    }
    if (reason && strcmp(reason, "seniority") == 0)
        x->learned.levels[scoring_level_slot(&job)] += sign;
    if (reason && strcmp(reason, "location") == 0) {
        const char *key = scoring_is_remote(&job) ? "remote" : job.location;
        if (key && *key)
            weight_add(locations, arena_strdup(a, key), sign, a);
    }
}

/* The learned weights from every feedback row of the user (learn_row). */
static int load_learned(struct store_conn *c, int64_t user_id, struct arena *a, struct context *x,
                        struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT f.is_helpful, f.job_tech_stack, j.company, f.reason, j.title, "
                        "j.location, j.remote_option, j.salary_min, j.salary_max "
                        "FROM job_recommendation_feedback f JOIN jobs j ON j.id = f.job_id "
                        "WHERE f.user_id = ? AND j.user_id = ?",
                        p, 2, &r, e);
    if (rc)
        return rc;
    struct weights skills = {0}, companies = {0}, locations = {0};
    struct scoring_pay_mark *pay = arena_alloc(a, (store_rows(r) + 1) * sizeof *pay);
    size_t npay = 0;
    memset(&x->learned, 0, sizeof x->learned);
    for (size_t i = 0; i < store_rows(r); i++)
        learn_row(r, i, x, &skills, &companies, &locations, pay, &npay, a);
    store_result_free(r);
    weights_merge(&skills);
    weights_merge(&companies);
    weights_merge(&locations);
    x->learned.skills = skills.items, x->learned.nskills = skills.n;
    x->learned.companies = companies.items, x->learned.ncompanies = companies.n;
    x->learned.locations = locations.items, x->learned.nlocations = locations.n;
    x->learned.pay = pay, x->learned.npay = npay;
    return 0;
}

static int load_context(struct store_conn *c, int64_t user_id, struct arena *a, struct context *x,
                        struct err *e)
{
    memset(x, 0, sizeof *x);
    x->memo.a = a;
    x->user_skills = "[]";
    int rc = load_user(c, user_id, a, x, e);
    if (rc == 0)
        rc = load_preferences(c, user_id, a, x, e);
    if (rc == 0)
        rc = load_resumes(c, user_id, a, x, e);
    if (rc == 0)
        rc = load_learned(c, user_id, a, x, e);
    return rc;
}

/* ================================================================ one job */

struct candidate {
    int64_t id;
    const struct scoring_profile *profile; /* the one the job is matched with (profile_for) */
    const char *created_at;
    bool has_created; /* created_at parsed (time_parse_rfc3339) into created */
    time_t created;
    struct scoring_job job;
    const char **names; /* display names, parallel to job.skills */
    struct scoring_result result;
    bool candidate; /* SCOPE_CACHE: a recommendation candidate too */
    bool excluded;  /* score_each: the preferences exclude it (not scored) */
};

/* The skills of one job while they are collected (job_skills). */
struct skill_set {
    const char *keys[SCORING_MAX_SKILLS], *names[SCORING_MAX_SKILLS];
    size_t n;
};

/* Adds a skill (key and display name, both living as long as the request) unless it is there
 * already or the set is full. */
static void add_skill(struct skill_set *set, const char *key, const char *name)
{
    if (*key == '\0' || set->n == SCORING_MAX_SKILLS)
        return;
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->keys[i], key) == 0)
            return;
    set->keys[set->n] = key;
    set->names[set->n++] = name;
}

/* The job's skills: its tech_stack (through the dictionary), the skills its requirements name,
 * and those its title names that the user holds. A title names a role ("Python Developer"): it
 * shows overlap for a Python user but is not a list of requirements. Skills that name a field
 * of work (skills_is_field: "backend development" in a backend job) are left out everywhere:
 * they are neither a match nor a missing skill. Names are resolved through x's memo. */
static void job_skills(struct candidate *cand, struct context *x, const struct scoring_profile *p,
                       const char *stack, const char *title, const char *requirements,
                       struct arena *a)
{
    const struct skills_dict *d = skills_default();
    struct skill_set set;
    set.n = 0;
    const char *names[TABLE_ARRAY_MAX_ITEMS];
    char text[JSON_PLAIN_TEXT_MAX];
    size_t nnames = 0, i;
    if (!json_plain_strings(stack, names, TABLE_ARRAY_MAX_ITEMS, &nnames, text)) { /* jansson */
        nnames = 0;
        json_t *arr = stack ? json_loads(stack, JSON_DECODE_ANY, NULL) : NULL;
        json_t *v;
        json_array_foreach(arr, i, v)
        {
            const char *s = json_string_value(v);
            const struct memo_entry *m = s ? memo_get(&x->memo, s, 's') : NULL;
            if (m && !m->field)
                add_skill(&set, m->key, m->shown);
        }
        json_decref(arr);
    }
    for (i = 0; i < nnames; i++) {
        const struct memo_entry *m = memo_get(&x->memo, names[i], 's');
        if (!m->field)
            add_skill(&set, m->key, m->shown);
    }
    const char *found[SCORING_MAX_SKILLS];
    size_t n = skills_find_in_text(d, requirements, found, SCORING_MAX_SKILLS);
    for (i = 0; i < n; i++) {
        const struct memo_entry *m = memo_get(&x->memo, found[i], 's');
        if (!m->field)
            add_skill(&set, found[i], found[i]);
    }
    n = skills_find_in_text(d, title, found, SCORING_MAX_SKILLS);
    for (i = 0; i < n; i++) {
        const struct memo_entry *m = memo_get(&x->memo, found[i], 's');
        if (has_key(p, found[i]) && !m->field)
            add_skill(&set, found[i], found[i]);
    }
    const char **keys = arena_alloc(a, (set.n ? set.n : 1) * sizeof *keys);
    cand->names = arena_alloc(a, (set.n ? set.n : 1) * sizeof *cand->names);
    memcpy(keys, set.keys, set.n * sizeof *keys);
    memcpy(cand->names, set.names, set.n * sizeof *cand->names);
    cand->job.skills = keys;
    cand->job.nskills = set.n;
}

static const char *text_or_empty(const struct store_result *r, size_t row, int col)
{
    const char *t = store_text(r, row, col);
    return t ? t : "";
}

/* Fills cand from row of r, whose columns col[C_ID] .. col[C_DESCRIPTION] hold CANDIDATE_COLUMNS
 * (and the description when x->need_text). The strings point into r or a. */
static void prepare_at(const struct store_result *r, size_t row, const int *col, struct context *x,
                       time_t now, struct arena *a, struct candidate *cand)
{
    memset(cand, 0, sizeof *cand);
    cand->id = store_int(r, row, col[C_ID]);
    cand->created_at = store_text(r, row, col[C_CREATED]);
    struct scoring_job *j = &cand->job;
    const char *company = store_text(r, row, col[C_COMPANY]);
    j->company = memo_get(&x->memo, company ? company : "", 'c')->key;
    j->title = store_text(r, row, col[C_TITLE]);
    j->location = store_text(r, row, col[C_LOCATION]);
    j->remote_option = store_text(r, row, col[C_REMOTE]);
    j->job_type = store_text(r, row, col[C_TYPE]);
    j->source = store_text(r, row, col[C_SOURCE]);
    j->has_salary_min = !store_isnull(r, row, col[C_SALARY_MIN]);
    j->salary_min = store_int(r, row, col[C_SALARY_MIN]);
    j->has_salary_max = !store_isnull(r, row, col[C_SALARY_MAX]);
    j->salary_max = store_int(r, row, col[C_SALARY_MAX]);
    j->currency = store_text(r, row, col[C_CURRENCY]);
    cand->has_created = cand->created_at && time_parse_rfc3339(cand->created_at, &cand->created);
    j->age_days = cand->has_created ? difftime(now, cand->created) / 86400.0 : 0;
    cand->profile =
        profile_for(x, store_isnull(r, row, col[C_RESUME]) ? 0 : store_int(r, row, col[C_RESUME]));
    job_skills(cand, x, cand->profile, store_text(r, row, col[C_STACK]), j->title,
               store_text(r, row, col[C_REQUIREMENTS]), a);
    if (x->need_text)
        j->text = arena_printf(a, "%s\n%s\n%s", text_or_empty(r, row, col[C_DESCRIPTION]),
                               text_or_empty(r, row, col[C_REQUIREMENTS]),
                               text_or_empty(r, row, col[C_STACK]));
}

/* prepare_at for a row of CANDIDATE_COLUMNS (and the description). */
static void prepare(const struct store_result *r, size_t row, struct context *x, time_t now,
                    struct arena *a, struct candidate *cand)
{
    prepare_at(r, row, in_order, x, now, a, cand);
}

/* ================================================================ reasons

 * The page is written as text: the job's row by table.c's row writer, its score's members here,
 * the bytes json_write_compact gave for the jansson objects this file built before (members in
 * the same order, reals as jansson writes them). What jansson left out is left out: a string
 * that is not UTF-8 (json_string fails) or a real that is not finite (json_real fails) drops
 * its array item, or the whole object json_pack was building (the member it was for). */

/* The text being written, and whether the current item or member can stay (see above). */
struct writer {
    struct buf *out;
    bool ok;
};

static double round1(double v)
{
    return round(v * 10.0) / 10.0;
}

/* Starts an item or member that end_part may take back: its offset in the text. */
static size_t begin_part(struct writer *w)
{
    w->ok = true;
    return w->out->len;
}

/* Ends the part begun at mark: taken back unless every value of it could be written. Returns
 * whether it stayed. */
static bool end_part(struct writer *w, size_t mark)
{
    if (!w->ok)
        buf_truncate(w->out, mark);
    return w->ok;
}

static void put_raw(struct writer *w, const char *text)
{
    buf_puts(w->out, text);
}

static void put_string(struct writer *w, const char *s)
{
    size_t n = strlen(s);
    if (!json_buf_stringn_ascii(w->out, s, n) && !utf8_valid(s, n))
        w->ok = false;
}

static void put_string_or_null(struct writer *w, const char *s)
{
    if (s)
        put_string(w, s);
    else
        put_raw(w, "null");
}

static void put_int_or_null(struct writer *w, bool set, int64_t v)
{
    if (set)
        buf_put_int(w->out, v);
    else
        put_raw(w, "null");
}

static void put_bool(struct writer *w, bool v)
{
    put_raw(w, v ? "true" : "false");
}

static void put_real(struct writer *w, double v)
{
    if (isfinite(v))
        json_buf_real(w->out, v, 15);
    else
        w->ok = false;
}

/* put_real(round1(v)). */
static void put_tenths(struct writer *w, double v)
{
    put_real(w, round1(v));
}

/* The member key: an object of n figures, keys[i] rounded values[i] (one part). */
static void put_figures(struct writer *w, const char *key, const char *const *keys,
                        const double *values, size_t n)
{
    size_t mark = begin_part(w);
    put_raw(w, ",\"");
    put_raw(w, key);
    put_raw(w, "\":{");
    for (size_t i = 0; i < n; i++) {
        put_raw(w, i ? ",\"" : "\"");
        put_raw(w, keys[i]);
        put_raw(w, "\":");
        put_tenths(w, values[i]);
    }
    put_raw(w, "}");
    end_part(w, mark);
}

/* An item of an array of strings, left out alone when it cannot be written; *count says how
 * many were (0 before the first). */
static void put_item(struct writer *w, const char *s, size_t *count)
{
    bool outer = w->ok; /* the part it is in, if any */
    size_t mark = begin_part(w);
    if (*count)
        put_raw(w, ",");
    put_string(w, s);
    *count += end_part(w, mark);
    w->ok = outer;
}

/* Human sentences for the strongest reasons, in score order. */
static void put_summary(struct writer *w, const struct candidate *cand, const struct context *x,
                        struct arena *a)
{
    const struct scoring_result *s = &cand->result;
    size_t n = 0;
    put_raw(w, ",\"summary\":[");
    if (s->considered) { /* always ASCII */
        put_raw(w, "\"Matches ");
        buf_put_int(w->out, (int64_t)s->matched);
        put_raw(w, " of ");
        buf_put_int(w->out, (int64_t)s->considered);
        put_raw(w, " skills\"");
        n++;
    }
    if (s->location_match && strcmp(s->location_match, "remote") == 0)
        put_item(w, "Remote, as you prefer", &n);
    else if (s->location_match)
        put_item(w, arena_printf(a, "In %s, one of your preferred locations", s->location_match),
                 &n);
    if (s->user_level >= 0 && s->user_level == s->job_level)
        put_item(
            w, arena_printf(a, "Seniority fits your level (%s)", scoring_level_name(s->user_level)),
            &n);
    if (s->prefs[SCORING_PREF_SALARY] == SCORING_MATCH)
        put_item(
            w,
            arena_printf(a, "Salary meets your minimum of %lld", (long long)x->profile.min_salary),
            &n);
    if (s->learned > 0)
        put_item(w, "Like jobs you marked helpful", &n);
    else if (s->learned < 0)
        put_item(w, "Like jobs you marked not helpful", &n);
    if (cand->job.age_days < 7)
        put_item(w, "Added this week", &n);
    put_raw(w, "]");
}

static const char *fit_name(enum scoring_fit fit)
{
    return fit == SCORING_FIT_SAME       ? fit_names[0]
           : fit == SCORING_FIT_NEAR     ? fit_names[1]
           : fit == SCORING_FIT_MISMATCH ? fit_names[2]
                                         : NULL;
}

static void put_preferences(struct writer *w, const struct scoring_result *s)
{
    size_t mark = begin_part(w);
    put_raw(w, ",\"preferences\":{\"matched\":[");
    size_t n = 0;
    for (int i = 0; i < SCORING_PREFS; i++)
        if (s->prefs[i] == SCORING_MATCH)
            put_item(w, scoring_pref_names[i], &n);
    put_raw(w, "],\"missed\":[");
    n = 0;
    for (int i = 0; i < SCORING_PREFS; i++)
        if (s->prefs[i] == SCORING_MISS)
            put_item(w, scoring_pref_names[i], &n);
    put_raw(w, "],\"points\":");
    put_tenths(w, s->preferences);
    put_raw(w, "}");
    end_part(w, mark);
}

/* Every factor that moved the score: [{kind, effect, text}] (scoring_factors). */
static void put_factors(struct writer *w, const struct candidate *cand)
{
    struct scoring_factor f[SCORING_FACTOR_KINDS];
    size_t n = scoring_factors(cand->profile, &cand->job, cand->names, &cand->result, f), kept = 0;
    put_raw(w, ",\"factors\":[");
    for (size_t i = 0; i < n; i++) {
        size_t mark = begin_part(w);
        put_raw(w, kept ? ",{\"kind\":" : "{\"kind\":");
        put_string(w, scoring_factor_names[f[i].kind]);
        put_raw(w, ",\"effect\":");
        put_string(w, scoring_effect_names[f[i].effect]);
        put_raw(w, ",\"text\":");
        put_string(w, f[i].text);
        put_raw(w, "}");
        kept += end_part(w, mark);
    }
    put_raw(w, "]");
}

static void put_reasons(struct writer *w, const struct candidate *cand, const struct context *x,
                        struct arena *a)
{
    const struct scoring_result *s = &cand->result;
    const struct scoring_job *j = &cand->job;
    size_t n = 0, mark;
    put_raw(w, ",\"reasons\":{\"matched_skills\":[");
    for (size_t i = 0; i < s->considered; i++)
        if (s->have[i])
            put_item(w, cand->names[i], &n);
    put_raw(w, "],\"missing_skills\":[");
    n = 0;
    for (size_t i = 0; i < s->considered; i++)
        if (!s->have[i])
            put_item(w, cand->names[i], &n);
    put_raw(w, "]");
    mark = begin_part(w);
    put_raw(w, ",\"location\":{\"matched\":");
    put_bool(w, s->location_match != NULL);
    put_raw(w, ",\"job_location\":");
    put_string_or_null(w, j->location);
    put_raw(w, ",\"preferred\":");
    put_string_or_null(w, s->location_match);
    put_raw(w, ",\"points\":");
    put_tenths(w, s->location);
    put_raw(w, "}");
    end_part(w, mark);
    mark = begin_part(w);
    put_raw(w, ",\"remote\":{\"remote\":");
    put_bool(w, s->remote);
    put_raw(w, ",\"hybrid\":");
    put_bool(w, s->hybrid);
    put_raw(w, ",\"remote_option\":");
    put_string_or_null(w, j->remote_option);
    put_raw(w, ",\"prefer_remote\":");
    put_bool(w, x->profile.prefer_remote);
    put_raw(w, "}");
    end_part(w, mark);
    mark = begin_part(w);
    put_raw(w, ",\"experience\":{\"user_level\":");
    put_string_or_null(w, scoring_level_name(s->user_level));
    put_raw(w, ",\"job_level\":");
    put_string_or_null(w, scoring_level_name(s->job_level));
    put_raw(w, ",\"matched\":");
    put_bool(w, s->fit == SCORING_FIT_SAME);
    put_raw(w, ",\"fit\":");
    put_string_or_null(w, fit_name(s->fit));
    put_raw(w, ",\"points\":");
    put_tenths(w, s->experience);
    put_raw(w, ",\"penalty\":");
    put_tenths(w, s->penalty_seniority);
    put_raw(w, "}");
    end_part(w, mark);
    enum scoring_verdict salary = s->prefs[SCORING_PREF_SALARY];
    mark = begin_part(w);
    put_raw(w, ",\"salary\":{\"min_salary\":");
    put_int_or_null(w, x->profile.has_min_salary, x->profile.min_salary);
    put_raw(w, ",\"salary_min\":");
    put_int_or_null(w, j->has_salary_min, j->salary_min);
    put_raw(w, ",\"salary_max\":");
    put_int_or_null(w, j->has_salary_max, j->salary_max);
    put_raw(w, ",\"meets_minimum\":");
    put_raw(w, salary == SCORING_MATCH ? "true" : salary == SCORING_MISS ? "false" : "null");
    put_raw(w, ",\"penalty\":");
    put_tenths(w, s->penalty_salary);
    put_raw(w, "}");
    end_part(w, mark);
    static const char *const recency_keys[] = {"age_days", "points"};
    put_figures(w, "recency", recency_keys, (const double[]){j->age_days, s->recency}, 2);
    put_preferences(w, s);
    static const char *const learned_keys[] = {"adjustment", "skills",    "company",
                                               "salary",     "seniority", "location"};
    put_figures(w, "learned", learned_keys,
                (const double[]){s->learned, s->learned_skills, s->learned_company,
                                 s->learned_salary, s->learned_seniority, s->learned_location},
                6);
    put_raw(w, ",\"shares_skills\":");
    put_bool(w, !s->gated);
    put_summary(w, cand, x, a);
    put_factors(w, cand);
    put_raw(w, "}");
}

/* The parts; with the penalties and the gate they add up to match_score (before clamping). */
static void put_breakdown(struct writer *w, const struct scoring_result *s)
{
    static const char *const keys[] = {"skills",      "location", "experience", "recency",
                                       "preferences", "learned",  "penalties",  "gate"};
    put_figures(w, "score_breakdown", keys,
                (const double[]){s->skills, s->location, s->experience, s->recency, s->preferences,
                                 s->learned, s->penalty_salary + s->penalty_seniority, s->gate},
                8);
}

/* ================================================================ ranking */

/* What the ranking keeps of each candidate (rank): its order. */
struct ranked {
    int64_t id;
    int tenths;      /* the score times 10 */
    int64_t created; /* created_at's place in text order (struct score_cache_job) */
};

/* Best first: the higher score, then the newest, then the higher id. */
static int compare_best(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->tenths != y->tenths)
        return x->tenths > y->tenths ? -1 : 1;
    if (x->created != y->created)
        return x->created > y->created ? -1 : 1;
    return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* Worst first: the lower score, then (as in compare_best) the newest, then the higher id. */
static int compare_worst(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->tenths != y->tenths)
        return x->tenths < y->tenths ? -1 : 1;
    return compare_best(a, b);
}

/* Sifts r[i] down the heap r[0..n) whose root is the last in cmp's order. */
static void sift_down(struct ranked *r, size_t n, size_t i, int (*cmp)(const void *, const void *))
{
    for (;;) {
        size_t last = i, l = 2 * i + 1, rt = l + 1;
        if (l < n && cmp(&r[l], &r[last]) > 0)
            last = l;
        if (rt < n && cmp(&r[rt], &r[last]) > 0)
            last = rt;
        if (last == i)
            return;
        struct ranked t = r[i];
        r[i] = r[last];
        r[last] = t;
        i = last;
    }
}

/* Sifts r[i] up the heap r[0..i] whose root is the last in cmp's order. */
static void sift_up(struct ranked *r, size_t i, int (*cmp)(const void *, const void *))
{
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (cmp(&r[i], &r[parent]) <= 0)
            return;
        struct ranked t = r[i];
        r[i] = r[parent];
        r[parent] = t;
        i = parent;
    }
}

/* Keeps r among the best k so far in out[0..*n) (a heap whose root is the worst kept). */
static void heap_offer(struct ranked *out, size_t *n, size_t k, struct ranked r,
                       int (*cmp)(const void *, const void *))
{
    if (*n < k) {
        out[*n] = r;
        sift_up(out, (*n)++, cmp);
    } else if (cmp(&r, &out[0]) < 0) { /* better than the worst kept */
        out[0] = r;
        sift_down(out, k, 0, cmp);
    }
}

/* The first k candidates of the entry, best first (or worst first when ascending), sorted,
 * into out (room for k); returns how many (fewer when there are fewer candidates). Best first
 * walks the candidates in the order of their scores when the entry was built and stops at the
 * first whose score then is below the worst kept (scores only fall with time); worst first
 * looks at all of them. */
static size_t top_k(const struct score_cache_entry *entry, size_t k, bool ascending,
                    struct ranked *out)
{
    size_t n = 0;
    if (k == 0)
        return 0;
    if (!ascending) {
        for (size_t i = 0; i < entry->nranks; i++) {
            const struct score_cache_rank *rk = &entry->ranks[i];
            if (n == k && rk->bound < out[0].tenths)
                break;
            const struct score_cache_job *j = &entry->jobs[rk->job];
            if (n == k && j->tenths < out[0].tenths)
                continue;
            heap_offer(out, &n, k, (struct ranked){j->id, j->tenths, j->created}, compare_best);
        }
        qsort(out, n, sizeof *out, compare_best);
        return n;
    }
    for (size_t i = 0; i < entry->njobs; i++) {
        const struct score_cache_job *j = &entry->jobs[i];
        if (!(j->flags & SCORE_CACHE_CANDIDATE) || (n == k && j->tenths > out[0].tenths))
            continue;
        heap_offer(out, &n, k, (struct ranked){j->id, j->tenths, j->created}, compare_worst);
    }
    qsort(out, n, sizeof *out, compare_worst);
    return n;
}

/* Appends the page cands[0..n) to out as a JSON array of full job objects (rows of r, the job's
 * columns, by the row writer) with their score, in that order. */
static void page_text(const struct store_result *r, const struct candidate *cands, size_t n,
                      const struct context *x, struct arena *a, struct buf *out)
{
    struct writer w = {out, true};
    struct table_layout layout = {0};
    int id_col = n ? store_colindex(r, "id") : 0;
    size_t items = 0;
    buf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        for (size_t row = 0; row < store_rows(r); row++) {
            if (store_int(r, row, id_col) != cands[i].id)
                continue;
            if (layout.fields == NULL)
                table_text_layout(&job_table, r, a, &layout);
            if (items++)
                buf_putc(out, ',');
            table_row_text_with(&layout, r, row, out);
            buf_truncate(out, out->len - 1); /* the row's '}': the score's members follow */
            size_t mark = begin_part(&w);
            put_raw(&w, ",\"match_score\":");
            put_real(&w, cands[i].result.score);
            end_part(&w, mark);
            put_reasons(&w, &cands[i], x, a);
            put_breakdown(&w, &cands[i].result);
            buf_putc(out, '}');
        }
    }
    buf_putc(out, ']');
}

enum scope {
    SCOPE_CANDIDATES, /* the recommendation list: no application, not_applied or interested */
    SCOPE_CACHE,      /* every job still open (relevance), and whether it is a candidate */
    SCOPE_ONE,        /* one job by id */
};

#define WITH_TEXT ", j.description"
#define WHERE_CANDIDATES                                                                           \
    " FROM jobs j WHERE j.user_id = ? AND j.status IN ('not_applied', 'interested') "              \
    "AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.job_id = j.id)"
#define IS_CANDIDATE                                                                               \
    ", CASE WHEN j.status IN ('not_applied', 'interested') AND NOT EXISTS (SELECT 1 FROM "         \
    "applications a WHERE a.job_id = j.id) THEN 1 ELSE 0 END"
#define WHERE_OPEN                                                                                 \
    " FROM jobs j WHERE j.user_id = ? AND j.status IN ('not_applied', 'interested', 'applied', "   \
    "'phone_screen', 'interview', 'technical', 'offer')"
#define WHERE_ONE " FROM jobs j WHERE j.user_id = ? AND j.id = ?"

static const char *candidate_sql(bool with_text, enum scope scope)
{
    switch (scope) {
    case SCOPE_CANDIDATES:
        return with_text ? "SELECT " CANDIDATE_COLUMNS WITH_TEXT WHERE_CANDIDATES
                         : "SELECT " CANDIDATE_COLUMNS WHERE_CANDIDATES;
    case SCOPE_CACHE:
        return with_text ? "SELECT " CANDIDATE_COLUMNS WITH_TEXT IS_CANDIDATE WHERE_OPEN
                         : "SELECT " CANDIDATE_COLUMNS IS_CANDIDATE WHERE_OPEN;
    case SCOPE_ONE:
        break;
    }
    return with_text ? "SELECT " CANDIDATE_COLUMNS WITH_TEXT WHERE_ONE
                     : "SELECT " CANDIDATE_COLUMNS WHERE_ONE;
}

/* What a scan keeps of one scored candidate (its row's memory is freed after the call). */
typedef void candidate_sink(void *ctx, const struct candidate *cand);

/* Scores the jobs of scope (only those of ids[0..nids) when nids > 0) one row at a time (a
 * cursor: memory follows what sink keeps, not the number of jobs): the ones the preferences
 * exclude are counted in *excluded (and those of them that are candidates in
 * *excluded_candidates, SCOPE_CACHE) and handed to sink unscored (cand->excluded), every other
 * one is scored and handed to sink. Returns 0 or an error. */
static int score_each(struct store_conn *c, int64_t user_id, struct context *x, enum scope scope,
                      time_t now, const int64_t *ids, size_t nids, int64_t *excluded,
                      int64_t *excluded_candidates, candidate_sink *sink, void *ctx, struct err *e)
{
    struct store_value *p = xmalloc((nids + 1) * sizeof *p);
    struct buf sql;
    buf_init(&sql);
    buf_puts(&sql, candidate_sql(x->need_text, scope));
    p[0] = SV_INT(user_id);
    for (size_t i = 0; i < nids; i++) {
        buf_puts(&sql, i ? ", ?" : " AND j.id IN (?");
        p[i + 1] = SV_INT(ids[i]);
    }
    if (nids)
        buf_puts(&sql, ")");
    struct store_cursor *cur;
    int rc = store_cursor_open(c, sql.data, p, (int)nids + 1, &cur, e);
    buf_free(&sql);
    free(p);
    if (rc)
        return rc;
    *excluded = *excluded_candidates = 0;
    int flag_col = x->need_text ? C_DESCRIPTION + 1 : C_DESCRIPTION;
    while ((rc = store_cursor_next(cur, e)) == 1) {
        struct arena scratch; /* the row's skills and text, gone with the row */
        arena_init(&scratch);
        struct candidate cand;
        const struct store_result *row = store_cursor_row(cur);
        prepare(row, 0, x, now, &scratch, &cand);
        cand.candidate =
            scope == SCOPE_CANDIDATES || (scope == SCOPE_CACHE && store_int(row, 0, flag_col) != 0);
        if (scoring_excluded(x->excluded_companies.items, x->excluded_companies.n,
                             x->excluded_keywords.items, x->excluded_keywords.n, &cand.job,
                             NULL) != SCORING_KEEP) {
            (*excluded)++;
            *excluded_candidates += cand.candidate;
            cand.excluded = true;
            sink(ctx, &cand);
        } else {
            scoring_score(cand.profile, &cand.job, &x->learned, &cand.result);
            sink(ctx, &cand);
        }
        arena_free(&scratch);
    }
    store_cursor_close(cur);
    return rc < 0 ? rc : 0;
}

/* ================================================================ the cached scores */

/* A job while the entry is built. */
struct pending {
    int64_t id;
    const char *created; /* "" when unknown */
    int64_t seconds;     /* of created when in the server's form (canonical_seconds) */
    uint32_t skills;     /* into build.ids */
    int16_t tenths;
    uint8_t nskills, flags;
    uint32_t young; /* index into build.young + 1, or 0 */
};

/* The sink of build_entry: every open job the preferences keep, in scan order. Skill names get
 * ids in a table of the request (open addressing over the names' text). */
struct build {
    struct arena *a;
    struct pending *jobs;
    size_t n, cap;
    uint32_t *ids;
    size_t nids, capids;
    struct score_cache_young *young; /* parts: into parts */
    size_t nyoung, capyoung;
    struct score_cache_parts parts;
    const char **slots; /* names by hash (NULL: free) */
    uint32_t *slot_ids;
    size_t nslots;
    const char **names;
    size_t nnames, capnames;
    struct score_cache_excluded *excluded; /* the jobs the preferences exclude */
    size_t nexcluded, capexcluded;
    bool patchable; /* every created_at so far in the server's form: start true */
};

/* The seconds of a created_at in the form the server writes ("YYYY-MM-DDTHH:MM:SSZ", a fixed
 * width, so texts of this form order as their seconds do); false for any other text (raw SQL
 * may store anything). */
static bool canonical_seconds(const char *text, int64_t *out)
{
    time_t t;
    if (text == NULL || !time_parse_canonical(text, &t))
        return false;
    *out = (int64_t)t;
    return true;
}

static uint32_t name_id(struct build *b, const char *name)
{
    if (2 * (b->nnames + 1) > b->nslots) {
        size_t nslots = b->nslots ? 2 * b->nslots : 1024;
        const char **slots = xcalloc(nslots, sizeof *slots);
        uint32_t *ids = xcalloc(nslots, sizeof *ids);
        for (size_t i = 0; i < b->nslots; i++) {
            if (b->slots[i] == NULL)
                continue;
            size_t k = memo_hash(b->slots[i], 's') & (nslots - 1);
            while (slots[k])
                k = (k + 1) & (nslots - 1);
            slots[k] = b->slots[i];
            ids[k] = b->slot_ids[i];
        }
        free(b->slots);
        free(b->slot_ids);
        b->slots = slots;
        b->slot_ids = ids;
        b->nslots = nslots;
    }
    size_t k = memo_hash(name, 's') & (b->nslots - 1);
    while (b->slots[k] && strcmp(b->slots[k], name) != 0)
        k = (k + 1) & (b->nslots - 1);
    if (b->slots[k])
        return b->slot_ids[k];
    if (b->nnames == b->capnames) {
        b->capnames = b->capnames ? 2 * b->capnames : 256;
        b->names = xrealloc(b->names, b->capnames * sizeof *b->names);
    }
    b->slots[k] = b->names[b->nnames] = arena_strdup(b->a, name);
    b->slot_ids[k] = (uint32_t)b->nnames;
    return (uint32_t)b->nnames++;
}

static void keep_built(void *ctx, const struct candidate *cand)
{
    struct build *b = ctx;
    if (cand->excluded) {
        if (b->nexcluded == b->capexcluded) {
            b->capexcluded = b->capexcluded ? 2 * b->capexcluded : 64;
            b->excluded = xrealloc(b->excluded, b->capexcluded * sizeof *b->excluded);
        }
        b->excluded[b->nexcluded++] = (struct score_cache_excluded){cand->id, cand->candidate};
        return;
    }
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 1024;
        b->jobs = xrealloc(b->jobs, b->cap * sizeof *b->jobs);
    }
    size_t n = cand->result.considered;
    if (b->nids + n > b->capids) {
        b->capids = b->capids ? 2 * b->capids : 4096;
        while (b->nids + n > b->capids)
            b->capids *= 2;
        b->ids = xrealloc(b->ids, b->capids * sizeof *b->ids);
    }
    struct pending *p = &b->jobs[b->n];
    *p = (struct pending){
        .id = cand->id,
        .created = arena_strdup(b->a, cand->created_at ? cand->created_at : ""),
        .skills = (uint32_t)b->nids,
        .tenths = (int16_t)lround(cand->result.score * 10.0),
        .nskills = (uint8_t)n,
        .flags = cand->candidate ? SCORE_CACHE_CANDIDATE : 0,
    };
    b->patchable = b->patchable && canonical_seconds(p->created, &p->seconds);
    for (size_t i = 0; i < n; i++)
        b->ids[b->nids++] = name_id(b, cand->names[i]);
    if (cand->has_created && cand->job.age_days < SCORING_RECENCY_DAYS) { /* recency moves */
        if (b->nyoung == b->capyoung) {
            b->capyoung = b->capyoung ? 2 * b->capyoung : 256;
            b->young = xrealloc(b->young, b->capyoung * sizeof *b->young);
        }
        struct score_cache_young *y = &b->young[b->nyoung++];
        y->created = (int64_t)cand->created;
        struct scoring_parts parts;
        scoring_parts_of(&cand->result, cand->profile->nskills > 0, &parts);
        y->parts = score_cache_parts_intern(&b->parts, &parts);
        p->young = (uint32_t)b->nyoung;
    }
    b->n++;
}

/* compare_best for entries whose id is their index into jobs (by id, highest first). */
static int compare_built(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->tenths != y->tenths)
        return x->tenths > y->tenths ? -1 : 1;
    if (x->created != y->created)
        return x->created > y->created ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

static int by_id_desc(const void *x, const void *y)
{
    const struct pending *a = x, *b = y;
    return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

static int excluded_by_id_desc(const void *x, const void *y)
{
    const struct score_cache_excluded *a = x, *b = y;
    return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

/* A job's created_at while the ranks are made: its first 16 bytes as two numbers that order
 * as strcmp orders the text (big-endian, NUL-padded), so most comparisons are two integer
 * compares. */
struct created_key {
    uint64_t head[2];
    const struct pending *job;
};

static struct created_key created_key(const struct pending *p)
{
    struct created_key k = {{0, 0}, p};
    const unsigned char *s = (const unsigned char *)p->created;
    for (size_t i = 0, end = 0; i < 16; i++) {
        end = end || s[i] == '\0';
        k.head[i / 8] = k.head[i / 8] << 8 | (end ? 0 : s[i]);
    }
    return k;
}

static int by_created(const void *x, const void *y)
{
    const struct created_key *a = x, *b = y;
    for (int i = 0; i < 2; i++)
        if (a->head[i] != b->head[i])
            return a->head[i] < b->head[i] ? -1 : 1;
    return strcmp(a->job->created, b->job->created);
}

/* Moves what b collected into entry: jobs by id (highest first), created_at as ranks. */
static void finish_entry(struct build *b, struct score_cache_entry *entry)
{
    if (b->n)
        qsort(b->jobs, b->n, sizeof *b->jobs, by_id_desc);
    int64_t *created = xmalloc((b->n ? b->n : 1) * sizeof *created);
    if (b->patchable) { /* seconds order as the texts do */
        for (size_t i = 0; i < b->n; i++)
            created[i] = b->jobs[i].seconds;
    } else {
        struct created_key *order = xmalloc((b->n ? b->n : 1) * sizeof *order);
        for (size_t i = 0; i < b->n; i++)
            order[i] = created_key(&b->jobs[i]);
        qsort(order, b->n, sizeof *order, by_created);
        int64_t level = 0;
        for (size_t i = 0; i < b->n; i++) {
            if (i > 0 && by_created(&order[i - 1], &order[i]) != 0)
                level++;
            created[order[i].job - b->jobs] = level;
        }
        free(order);
    }
    entry->patchable = b->patchable;
    if (b->nexcluded)
        qsort(b->excluded, b->nexcluded, sizeof *b->excluded, excluded_by_id_desc);
    entry->excluded = b->excluded; /* the entry's now */
    entry->nexcluded = b->nexcluded;
    b->excluded = NULL;
    entry->jobs = xmalloc((b->n ? b->n : 1) * sizeof *entry->jobs);
    score_cache_ids_reserve(&entry->skill_ids, b->nids, b->nnames ? (uint32_t)b->nnames - 1 : 0);
    entry->young = xmalloc((b->nyoung ? b->nyoung : 1) * sizeof *entry->young);
    entry->parts = b->parts; /* the entry's now */
    b->parts = (struct score_cache_parts){0};
    for (size_t i = 0; i < b->n; i++) {
        const struct pending *p = &b->jobs[i];
        entry->jobs[i] = (struct score_cache_job){
            p->id, created[i], (uint32_t)entry->skill_ids.n, p->tenths, p->nskills, p->flags};
        for (size_t k = 0; k < p->nskills; k++)
            score_cache_ids_push(&entry->skill_ids, b->ids[p->skills + k]);
        if (p->young) {
            entry->young[entry->nyoung] = b->young[p->young - 1];
            entry->young[entry->nyoung++].job = (uint32_t)i;
        }
        entry->candidates += (p->flags & SCORE_CACHE_CANDIDATE) != 0;
    }
    free(created);
    entry->njobs = entry->capjobs = b->n;
    entry->capyoung = entry->nyoung;
    entry->ranks =
        xmalloc((entry->candidates ? (size_t)entry->candidates : 1) * sizeof *entry->ranks);
    struct ranked *order_now = xmalloc((b->n ? b->n : 1) * sizeof *order_now);
    size_t m = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct score_cache_job *j = &entry->jobs[i];
        if (j->flags & SCORE_CACHE_CANDIDATE)
            order_now[m++] = (struct ranked){(int64_t)i, j->tenths, j->created};
    }
    qsort(order_now, m, sizeof *order_now, compare_built);
    for (size_t i = 0; i < m; i++)
        entry->ranks[i] =
            (struct score_cache_rank){(uint32_t)order_now[i].id, (int16_t)order_now[i].tenths};
    entry->nranks = m;
    entry->capranks = entry->candidates ? (size_t)entry->candidates : 1;
    free(order_now);
    size_t bytes = 0;
    for (size_t i = 0; i < b->nnames; i++)
        bytes += strlen(b->names[i]) + 1;
    entry->names = xmalloc((b->nnames ? b->nnames : 1) * sizeof *entry->names);
    char *block = entry->names_block = xmalloc(bytes ? bytes : 1);
    for (size_t i = 0; i < b->nnames; i++) {
        size_t len = strlen(b->names[i]) + 1;
        memcpy(block, b->names[i], len);
        entry->names[i] = block;
        block += len;
    }
    entry->nnames = b->nnames;
}

static void build_free(struct build *b)
{
    free(b->jobs);
    free(b->ids);
    free(b->young);
    score_cache_parts_free(&b->parts);
    free(b->slots);
    free(b->slot_ids);
    free(b->names);
    free(b->excluded);
}

/* Scores every open job of the user into entry (one scan, scored as of now). */
static int build_entry(struct store_conn *c, int64_t user_id, struct context *x, time_t now,
                       struct arena *a, struct score_cache_entry *entry, struct err *e)
{
    struct build b = {.a = a, .patchable = true};
    int rc = score_each(c, user_id, x, SCOPE_CACHE, now, NULL, 0, &entry->excluded_open,
                        &entry->excluded_candidates, keep_built, &b, e);
    if (rc == 0)
        finish_entry(&b, entry);
    build_free(&b);
    entry->now = now;
    return rc;
}

/* ================================================================ after a write

 * An entry built at version v is brought to a newer version V by re-reading only the jobs that
 * changed in between: the triggers of migration 0054 log each job written (or whose application
 * or chosen résumé was) as (user, version, job) in score_changes, and move full_version to the
 * version of any write that may move every score (profile, résumés, preferences, feedback). */

#define PATCH_MAX_LOG 1024 /* log rows read at most: more, and the entry is rebuilt */
#define PATCH_MAX_JOBS 256 /* distinct jobs re-read at most */
#define PRUNE_AT 4096      /* log rows of a user kept before a rebuild deletes them */

/* Gives each name of b an id among entry's names (adding the new ones, kept in the entry's
 * arena) into map[0..b->nnames). */
static void map_names(struct score_cache_entry *x, const struct build *b, uint32_t *map)
{
    if (b->nnames == 0)
        return;
    size_t total = x->nnames + b->nnames, nslots = 64;
    while (nslots < 2 * total)
        nslots *= 2;
    uint32_t *slots = xcalloc(nslots, sizeof *slots); /* name index + 1, 0: free */
    x->names = xrealloc(x->names, total * sizeof *x->names);
    for (size_t i = 0; i < x->nnames; i++) { /* the entry's names are distinct */
        size_t k = memo_hash(x->names[i], 's') & (nslots - 1);
        while (slots[k])
            k = (k + 1) & (nslots - 1);
        slots[k] = (uint32_t)i + 1;
    }
    for (size_t i = 0; i < b->nnames; i++) {
        size_t k = memo_hash(b->names[i], 's') & (nslots - 1);
        while (slots[k] && strcmp(x->names[slots[k] - 1], b->names[i]) != 0)
            k = (k + 1) & (nslots - 1);
        if (slots[k] == 0) {
            x->names[x->nnames] = arena_strdup(&x->arena, b->names[i]);
            slots[k] = (uint32_t)++x->nnames;
        }
        map[i] = slots[k] - 1;
    }
    free(slots);
}

static int int64_desc(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? 1 : a > b ? -1 : 0;
}

static bool changed(const int64_t *ids, size_t n, int64_t id)
{
    return bsearch(&id, ids, n, sizeof *ids, int64_desc) != NULL;
}

/* Replaces the jobs ids[0..nids) (sorted, highest first) of x by what b read of them now (the
 * ones still open; a job that is no longer open or no longer the user's is not in b). */
static void merge_patch(struct score_cache_entry *x, struct build *b, const int64_t *ids,
                        size_t nids)
{
    uint32_t *names = xmalloc((b->nnames ? b->nnames : 1) * sizeof *names);
    map_names(x, b, names);
    /* the skills of the new rows go after the others'; unused ones are dropped when they are
       as many as the used ones */
    size_t live = 0;
    for (size_t i = 0; i < x->njobs; i++)
        live += changed(ids, nids, x->jobs[i].id) ? 0 : x->jobs[i].nskills;
    uint32_t max_id = x->nnames ? (uint32_t)x->nnames - 1 : 0;
    if (x->skill_ids.n - live > live + 4096) {
        struct score_cache_ids compact = {0};
        score_cache_ids_reserve(&compact, live + b->nids, max_id);
        for (size_t i = 0; i < x->njobs; i++) {
            struct score_cache_job *j = &x->jobs[i];
            if (changed(ids, nids, j->id))
                continue;
            size_t at = compact.n;
            for (size_t k = 0; k < j->nskills; k++)
                score_cache_ids_push(&compact, score_cache_ids_get(&x->skill_ids, j->skills + k));
            j->skills = (uint32_t)at;
        }
        score_cache_ids_free(&x->skill_ids);
        x->skill_ids = compact;
    } else {
        score_cache_ids_reserve(&x->skill_ids, b->nids, max_id);
    }
    size_t base = x->skill_ids.n;
    for (size_t i = 0; i < b->nids; i++)
        score_cache_ids_push(&x->skill_ids, names[b->ids[i]]);
    free(names);

    /* the jobs, by id (highest first), in place (no copy of the other jobs' array): the changed
       ones taken out, then the new rows merged in from the end; where[]: an old index's new one
       (UINT32_MAX: gone), placed[]: a new row's */
    if (b->n)
        qsort(b->jobs, b->n, sizeof *b->jobs, by_id_desc);
    uint32_t *where = xmalloc((x->njobs + 1) * sizeof *where);
    uint32_t *placed = xmalloc((b->n + 1) * sizeof *placed);
    size_t kept = 0, i, k = 0;
    for (i = 0; i < x->njobs; i++) {
        int64_t id = x->jobs[i].id;
        if (changed(ids, nids, id)) {
            where[i] = UINT32_MAX;
            continue;
        }
        while (k < b->n && b->jobs[k].id > id) /* the new rows that come before it */
            k++;
        where[i] = (uint32_t)(kept + k);
        x->jobs[kept++] = x->jobs[i];
    }
    size_t n = kept + b->n;
    if (n > x->capjobs) {
        x->capjobs = n + PATCH_MAX_JOBS;
        x->jobs = xrealloc(x->jobs, x->capjobs * sizeof *x->jobs);
    }
    for (size_t w = n, old = kept, k2 = b->n; k2 > 0;) {
        const struct pending *p = &b->jobs[k2 - 1];
        if (old > 0 && x->jobs[old - 1].id < p->id) {
            x->jobs[--w] = x->jobs[--old];
        } else {
            x->jobs[--w] = (struct score_cache_job){
                p->id, p->seconds, (uint32_t)(base + p->skills), p->tenths, p->nskills, p->flags};
            placed[--k2] = (uint32_t)w;
        }
    }
    x->njobs = n;

    /* young jobs (in no order), their parts among the entry's */
    uint32_t *parts = xmalloc((b->parts.n + 1) * sizeof *parts);
    for (k = 0; k < b->parts.n; k++)
        parts[k] = score_cache_parts_intern(&x->parts, &b->parts.items[k]);
    size_t ny = 0;
    for (i = 0; i < x->nyoung; i++)
        if (where[x->young[i].job] != UINT32_MAX) {
            x->young[ny] = x->young[i];
            x->young[ny].job = where[x->young[ny].job];
            ny++;
        }
    if (ny + b->nyoung > x->capyoung) {
        x->capyoung = ny + b->nyoung + PATCH_MAX_JOBS;
        x->young = xrealloc(x->young, x->capyoung * sizeof *x->young);
    }
    for (k = 0; k < b->n; k++)
        if (b->jobs[k].young) {
            x->young[ny] = b->young[b->jobs[k].young - 1];
            x->young[ny].parts = parts[x->young[ny].parts];
            x->young[ny++].job = placed[k];
        }
    free(parts);
    x->nyoung = ny;
    if (x->parts.n > 2 * ny + 256) { /* many parts no young job uses any more */
        struct score_cache_parts used = {0};
        for (i = 0; i < ny; i++)
            x->young[i].parts = score_cache_parts_intern(&used, &x->parts.items[x->young[i].parts]);
        score_cache_parts_free(&x->parts);
        x->parts = used;
    }

    /* the candidates by their bound (best first), in place: the old order kept (the gone ones
       taken out), the new ones merged in from the end (a new one goes after the old ones of the
       same bound) */
    struct ranked *fresh = xmalloc((b->n + 1) * sizeof *fresh);
    size_t nfresh = 0;
    for (k = 0; k < b->n; k++)
        if (b->jobs[k].flags & SCORE_CACHE_CANDIDATE)
            fresh[nfresh++] = (struct ranked){placed[k], b->jobs[k].tenths, 0};
    qsort(fresh, nfresh, sizeof *fresh, compare_built);
    size_t nr = 0;
    for (i = 0; i < x->nranks; i++)
        if (where[x->ranks[i].job] != UINT32_MAX) {
            x->ranks[nr] = x->ranks[i];
            x->ranks[nr].job = where[x->ranks[nr].job];
            nr++;
        }
    if (nr + nfresh > x->capranks) {
        x->capranks = nr + nfresh + PATCH_MAX_JOBS;
        x->ranks = xrealloc(x->ranks, x->capranks * sizeof *x->ranks);
    }
    for (size_t w = nr + nfresh, old = nr, k2 = nfresh; k2 > 0;) {
        const struct ranked *f = &fresh[k2 - 1];
        if (old > 0 && f->tenths > x->ranks[old - 1].bound) {
            x->ranks[--w] = x->ranks[--old];
        } else {
            x->ranks[--w] = (struct score_cache_rank){(uint32_t)f->id, (int16_t)f->tenths};
            k2--;
        }
    }
    x->nranks = nr + nfresh;
    free(fresh);
    free(where);
    free(placed);

    /* the excluded ones */
    struct score_cache_excluded *excluded =
        xmalloc((x->nexcluded + b->nexcluded + 1) * sizeof *excluded);
    size_t ne = 0;
    for (i = 0; i < x->nexcluded; i++)
        if (!changed(ids, nids, x->excluded[i].id))
            excluded[ne++] = x->excluded[i];
    for (k = 0; k < b->nexcluded; k++)
        excluded[ne++] = b->excluded[k];
    qsort(excluded, ne, sizeof *excluded, excluded_by_id_desc);
    free(x->excluded);
    x->excluded = excluded;
    x->nexcluded = ne;

    x->candidates = x->excluded_candidates = 0;
    for (i = 0; i < x->njobs; i++)
        x->candidates += (x->jobs[i].flags & SCORE_CACHE_CANDIDATE) != 0;
    for (i = 0; i < x->nexcluded; i++)
        x->excluded_candidates += x->excluded[i].candidate;
    x->excluded_open = (int64_t)x->nexcluded;
    x->moves++; /* the relevant gap is made again from the jobs */
}

/*
 * Brings entry (built at an older version, locked) to version when the change log can say what
 * changed: *patched is false (the entry left as it was, to be rebuilt) when full_version is
 * above the entry's version (or unknown), when more changed than PATCH_MAX_LOG / PATCH_MAX_JOBS,
 * or when a created_at is not in the server's form. The log and full_version are read in one
 * statement (one snapshot): a deletion of old log rows raises full_version in the same
 * transaction. The jobs are read and scored as the scan reads them, for the clock now.
 */
static int patch_entry(struct store_conn *c, int64_t user_id, struct score_cache_entry *x,
                       int64_t version, time_t now, struct arena *a, bool *patched, struct err *e)
{
    *patched = false;
    if (!x->patchable || x->version >= version || x->context == NULL)
        return 0;
    struct store_value p[] = {SV_INT(x->version), SV_INT(user_id), SV_INT(PATCH_MAX_LOG + 1)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT c.job_id, c.stack, v.full_version FROM user_data_versions v "
                        "LEFT JOIN score_changes c ON c.user_id = v.user_id AND c.version > ? "
                        "WHERE v.user_id = ? LIMIT ?",
                        p, 3, &r, e);
    if (rc)
        return rc;
    size_t rows = store_rows(r);
    bool sure = rows > 0 && rows <= PATCH_MAX_LOG && !store_isnull(r, 0, 2) &&
                store_int(r, 0, 2) <= x->version;
    int64_t *ids = arena_alloc(a, (rows ? rows : 1) * sizeof *ids);
    size_t nids = 0;
    bool stack = false;
    for (size_t i = 0; sure && i < rows; i++) {
        if (store_isnull(r, i, 0))
            continue;
        ids[nids++] = store_int(r, i, 0);
        stack = stack || store_bool(r, i, 1);
    }
    store_result_free(r);
    if (!sure)
        return 0;
    qsort(ids, nids, sizeof *ids, int64_desc);
    size_t distinct = 0;
    for (size_t i = 0; i < nids; i++)
        if (distinct == 0 || ids[distinct - 1] != ids[i])
            ids[distinct++] = ids[i];
    if (distinct > PATCH_MAX_JOBS)
        return 0;
    struct build b = {.a = a, .patchable = true};
    int64_t excluded, excluded_candidates;
    if (distinct)
        rc = score_each(c, user_id, x->context, SCOPE_CACHE, now, ids, distinct, &excluded,
                        &excluded_candidates, keep_built, &b, e);
    if (rc == 0 && b.patchable) {
        merge_patch(x, &b, ids, distinct);
        /* the plain gap: kept when no stack changed, or when relevance.c can bring it forward
           from the log of stacks (its version known; its result the same in any order) */
        if (x->have_plain && (!x->plain_any_order || (stack && x->plain_version == INT64_MAX))) {
            skill_gap_free(&x->plain);
            free(x->user_skills);
            free(x->plain_have);
            x->user_skills = x->plain_have = NULL;
            x->have_plain = false;
        } else if (x->have_plain && !stack && x->plain_version != INT64_MAX &&
                   x->plain_version >= x->version && x->plain_version < version) {
            x->plain_version = version; /* no stack changed after it up to the log read */
        }
        *patched = true;
    }
    build_free(&b);
    return rc;
}

/* After a full build at version: when the user's change log holds PRUNE_AT rows or more up to
 * it, deletes them and raises full_version and stack_full_version (migration 0072) to version in
 * one transaction (an entry or a plain gap older than that, on any server, is then rebuilt or read
 * in full). A failure is left for the next build. */
static void prune_log(struct store_conn *c, int64_t user_id, int64_t version)
{
    struct err e = {0};
    struct store_value p[] = {SV_INT(user_id), SV_INT(version), SV_INT(PRUNE_AT)};
    struct store_result *r;
    if (store_exec(c,
                   "SELECT count(*) FROM (SELECT 1 FROM score_changes WHERE user_id = ? AND "
                   "version <= ? LIMIT ?) t",
                   p, 3, &r, &e))
        goto out;
    bool many = store_int(r, 0, 0) >= PRUNE_AT;
    store_result_free(r);
    if (!many || store_begin(c, &e))
        goto out;
    struct store_value q[] = {SV_INT(version), SV_INT(user_id), SV_INT(version)};
    if (store_exec(c,
                   "UPDATE user_data_versions SET full_version = ? WHERE user_id = ? AND "
                   "(full_version IS NULL OR full_version < ?)",
                   q, 3, NULL, &e) == 0 &&
        store_exec(c,
                   "UPDATE user_data_versions SET stack_full_version = ? WHERE user_id = ? AND "
                   "(stack_full_version IS NULL OR stack_full_version < ?)",
                   q, 3, NULL, &e) == 0 &&
        store_exec(c, "DELETE FROM score_changes WHERE user_id = ? AND version <= ?", p, 2, NULL,
                   &e) == 0 &&
        store_commit(c, &e) == 0)
        goto out;
    store_rollback(c);
out:
    err_clear(&e);
}

int recommendation_scores(struct store_conn *c, int64_t user_id, time_t *now, struct arena *a,
                          struct score_cache_entry **out, struct err *e)
{
    int64_t version = 0;
    bool on = score_cache_enabled();
    int rc = on ? score_cache_version(c, user_id, &version, e) : 0;
    if (rc)
        return rc;
    struct score_cache_entry *entry = on ? score_cache_find(user_id) : NULL;
    struct score_cache_plain plain = {0}; /* the plain gap of an entry rebuilt, kept for the new */
    if (entry && entry->version != version) {
        bool patched = false;
        if (*now < entry->now)
            *now = entry->now;
        rc = patch_entry(c, user_id, entry, version, *now, a, &patched, e);
        if (patched)
            score_cache_moved(entry, version);
        if (rc || !patched) {
            if (rc == 0)
                score_cache_take_plain(entry, version, &plain);
            score_cache_release(entry);
            entry = NULL;
        }
        if (rc)
            return rc;
    }
    if (entry == NULL) {
        struct context x, *kept; /* x: the scan's (its memo holds every name); kept: the entry's */
        entry = score_cache_new(user_id, version);
        kept = arena_alloc(&entry->arena, sizeof *kept);
        rc = load_context(c, user_id, a, &x, e);
        if (rc == 0)
            rc = build_entry(c, user_id, &x, *now, a, entry, e);
        if (rc == 0)
            rc = load_context(c, user_id, &entry->arena, kept, e);
        score_cache_give_plain(rc == 0 ? entry : NULL, &plain);
        if (rc) {
            score_cache_release(entry);
            return rc;
        }
        entry->context = kept;
        if (on) {
            score_cache_put(entry);
            prune_log(c, user_id, version);
        }
    }
    if (*now < entry->now) /* another request built or refreshed it a moment later */
        *now = entry->now;
    score_cache_refresh(entry, *now);
    *out = entry;
    return 0;
}

/* Ranks the candidates of the cached scores, keeping the first offset + limit; then the page's
 * jobs are read and scored again for their reasons, with the user's side kept in the entry
 * (locked until the page is made: scoring grows its memo). */
static int rank(struct store_conn *c, int64_t user_id, int64_t limit, int64_t offset,
                bool ascending, struct arena *a, struct buf *items, int64_t *total,
                int64_t *excluded, struct err *e)
{
    time_t now = time(NULL);
    struct score_cache_entry *entry;
    int rc = recommendation_scores(c, user_id, &now, a, &entry, e);
    if (rc)
        return rc;
    struct context *x = entry->context;
    size_t n = (size_t)entry->candidates;
    *excluded = entry->excluded_candidates;
    size_t first = (uint64_t)offset < n ? (size_t)offset : n;
    size_t count = n - first < (uint64_t)limit ? n - first : (size_t)limit;
    struct ranked *list = xmalloc((first + count ? first + count : 1) * sizeof *list);
    top_k(entry, first + count, ascending, list);
    *total = (int64_t)n;
    struct candidate *page = arena_alloc(a, (count ? count : 1) * sizeof *page);
    struct store_result *r = NULL;
    if (count > 0) { /* the page's rows (the job's columns), scored again for their reasons */
        struct buf sql;
        buf_init(&sql);
        buf_printf(&sql,
                   "SELECT %s FROM jobs WHERE user_id = ? AND status IN ('not_applied', "
                   "'interested') AND NOT EXISTS (SELECT 1 FROM applications a WHERE "
                   "a.job_id = jobs.id) AND id IN (",
                   table_columns(&job_table, NULL, a));
        struct store_value *ids = arena_alloc(a, (count + 1) * sizeof *ids);
        ids[0] = SV_INT(user_id);
        for (size_t i = 0; i < count; i++) {
            buf_puts(&sql, i ? ", ?" : "?");
            ids[i + 1] = SV_INT(list[first + i].id);
        }
        buf_puts(&sql, ")");
        rc = store_exec(c, sql.data, ids, (int)count + 1, &r, e);
        buf_free(&sql);
        int col[C_COUNT];
        for (int k = 0; rc == 0 && k < C_COUNT; k++)
            col[k] = store_colindex(r, column_names[k]);
        for (size_t row = 0; rc == 0 && row < store_rows(r); row++) {
            int64_t id = store_int(r, row, col[C_ID]);
            for (size_t i = 0; i < count; i++) {
                if (list[first + i].id != id)
                    continue;
                prepare_at(r, row, col, x, now, a, &page[i]);
                scoring_score(page[i].profile, &page[i].job, &x->learned, &page[i].result);
            }
        }
    }
    free(list);
    if (rc == 0)
        page_text(r, page, count, x, a, items);
    store_result_free(r);
    score_cache_release(entry);
    return rc;
}

static const char *const list_sortable[] = {"match_score", NULL};
const struct list_spec recommendation_list_spec = {NULL, list_sortable, "-match_score"};

int recommendation_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                        struct arena *a, struct buf *items, int64_t *total, int64_t *excluded,
                        struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, NULL, &recommendation_list_spec, p, a, &q, e);
    return rc ? rc : rank(c, user_id, q.limit, q.offset, !q.desc, a, items, total, excluded, e);
}

/* ================================================================ feedback */

static int feedback_row(struct store_conn *c, const char *sql, const struct store_value *p, int n,
                        json_t **out, struct err *e)
{
    struct store_result *r;
    int rc = store_exec(c, sql, p, n, &r, e);
    if (rc)
        return rc;
    *out = store_rows(r) ? table_row_json(&recommendation_feedback_table, r, 0) : NULL;
    store_result_free(r);
    return 0;
}

/* Scores job_id for the user as the list would; ERR_NOT_FOUND when not theirs. *stack gets
 * the job's tech_stack text ("[]" when none). */
static int score_job(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                     struct context *x, double *score, const char **stack, struct err *e)
{
    int rc = load_context(c, user_id, a, x, e);
    if (rc)
        return rc;
    struct store_value p[] = {SV_INT(user_id), SV_INT(job_id)};
    struct store_result *r;
    rc = store_exec(c, candidate_sql(x->need_text, SCOPE_ONE), p, 2, &r, e);
    if (rc)
        return rc;
    if (store_rows(r) == 0) {
        store_result_free(r);
        return err_set(e, ERR_NOT_FOUND, NULL, "no such job");
    }
    struct candidate cand;
    prepare(r, 0, x, time(NULL), a, &cand);
    scoring_score(cand.profile, &cand.job, &x->learned, &cand.result);
    *score = cand.result.score;
    const char *text = store_text(r, 0, C_STACK);
    *stack = arena_strdup(a, text ? text : "[]");
    store_result_free(r);
    return 0;
}

int recommendation_feedback_put(struct store_conn *c, int64_t user_id, int64_t job_id,
                                struct values *v, struct arena *a, json_t **out, bool *created,
                                struct err *e)
{
    struct context x;
    double score = 0;
    const char *stack = "[]";
    int rc = score_job(c, user_id, job_id, a, &x, &score, &stack, e);
    if (rc)
        return rc;
    struct field_value *helpful = values_get(v, "is_helpful");
    const char *comment = values_text(v, "comment"), *reason = values_text(v, "reason");
    const char *now = time_now_text(a),
               *cols = table_columns(&recommendation_feedback_table, NULL, a);
    struct store_value p[] = {helpful->value, SV_TEXT_OR_NULL(comment), SV_TEXT_OR_NULL(reason),
                              SV_REAL(score), SV_TEXT(x.user_skills),   SV_TEXT(stack),
                              SV_TEXT(now),   SV_INT(user_id),          SV_INT(job_id),
                              SV_TEXT(now)};
    const char *update = arena_printf(
        a,
        "UPDATE job_recommendation_feedback SET is_helpful = ?, comment = ?, reason = ?, "
        "match_score = ?, user_skills_at_time = ?, job_tech_stack = ?, updated_at = ? "
        "WHERE user_id = ? AND job_id = ? RETURNING %s",
        cols);
    const char *insert = arena_printf(
        a,
        "INSERT INTO job_recommendation_feedback (is_helpful, comment, reason, match_score, "
        "user_skills_at_time, job_tech_stack, updated_at, user_id, job_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING %s",
        cols);
    for (int attempt = 0; attempt < 2; attempt++) {
        rc = feedback_row(c, update, p, 9, out, e);
        if (rc || *out) {
            *created = false;
            return rc;
        }
        rc = feedback_row(c, insert, p, 10, out, e);
        *created = rc == 0;
        if (rc != ERR_CONFLICT) /* a concurrent first mark wins: update it instead */
            return rc;
        err_clear(e);
    }
    return rc;
}

int recommendation_feedback_get(struct store_conn *c, int64_t user_id, int64_t job_id,
                                struct arena *a, json_t **out, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_INT(job_id)};
    const char *sql = arena_printf(a,
                                   "SELECT %s FROM job_recommendation_feedback "
                                   "WHERE user_id = ? AND job_id = ?",
                                   table_columns(&recommendation_feedback_table, NULL, a));
    int rc = feedback_row(c, sql, p, 2, out, e);
    if (rc == 0 && *out == NULL)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no feedback on this job");
    return rc;
}

int recommendation_feedback_delete(struct store_conn *c, int64_t user_id, int64_t job_id,
                                   struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_INT(job_id)};
    struct store_result *r;
    int rc = store_exec(
        c, "DELETE FROM job_recommendation_feedback WHERE user_id = ? AND job_id = ?", p, 2, &r, e);
    if (rc)
        return rc;
    bool gone = store_changes(r) > 0;
    store_result_free(r);
    return gone ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no feedback on this job");
}
