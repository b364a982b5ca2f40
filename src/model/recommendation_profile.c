/*
 * This file implements the user's side of a recommendation: what is read once per ranking
 * (recommendation_load_context: the profile's and each résumé's skills, the preferences, the
 * weights learned from the feedback), the string lists it holds, and the memo that resolves
 * each skill name and company once per request (recommendation_memo_get).
 */
#include "recommendation.h"

#include <stdlib.h>
#include <string.h>

#include "../core/fingerprint.h"
#include "../core/skills.h"
#include "../lib/buf.h"
#include "../lib/hash.h"
#include "../lib/json.h"
#include "recommendation_internal.h"
#include "resume.h"
#include "user.h"

/* ================================================================ string lists */

/* The strings of the JSON array arr: as given (LIST_RAW), as skill keys, or as normalised
 * companies; empty ones dropped, keys and companies made distinct. Copies live in a. */
static struct list array_list(const json_t *arr, enum list_kind kind, struct arena *a)
{
    struct list l = {0};
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return l;
    enum { PARTS = 8 }; /* a compound skill ("C/C++") stands for its skills (skills_parts) */
    l.items =
        arena_alloc(a, json_array_size(arr) * (kind == LIST_SKILLS ? PARTS : 1) * sizeof *l.items);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        const char *parts[PARTS] = {json_string_value(v)};
        if (parts[0] == NULL)
            continue;
        size_t nparts = 1;
        if (kind == LIST_SKILLS) {
            nparts = skills_parts(skills_default(), parts[0], parts, PARTS);
            nparts = nparts ? nparts : 1;
        }
        for (size_t j = 0; j < nparts; j++) {
            char buf[128];
            const char *item = parts[j];
            if (kind == LIST_SKILLS) {
                item = skills_key(skills_default(), parts[j], buf, sizeof buf);
            } else if (kind == LIST_COMPANIES) {
                char *norm = fingerprint_normalize_company(parts[j]);
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
size_t recommendation_memo_hash(const char *s, char kind)
{
    return (size_t)fnv1a_text(FNV1A_SEED ^ (unsigned char)kind, s);
}

static struct memo_entry *memo_slot(struct memo_entry *slots, size_t cap, const char *name,
                                    char kind)
{
    size_t i = recommendation_memo_hash(name, kind) & (cap - 1);
    while (slots[i].name && (slots[i].kind != kind || strcmp(slots[i].name, name) != 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* The entry of name (a skill name when kind is 's', a company when 'c'), resolved on first use. */
const struct memo_entry *recommendation_memo_get(struct memo *m, const char *name, char kind)
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
            if (!recommendation_has_key(&x->profile, extra.items[k]))
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
const struct scoring_profile *recommendation_profile_for(const struct context *x, int64_t resume_id)
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

bool recommendation_has_key(const struct scoring_profile *p, const char *key)
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
            if (!general || !recommendation_has_key(&x->profile, stack.items[k]))
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

int recommendation_load_context(struct store_conn *c, int64_t user_id, struct arena *a,
                                struct context *x, struct err *e)
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
