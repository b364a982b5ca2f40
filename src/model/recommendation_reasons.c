/*
 * This file implements the score's members of a recommendation in the reply: their shapes for
 * the API document (recommendation_reply), and the page written as text
 * (recommendation_page_text: each job's row by the row writer, then its score, its reasons and
 * its breakdown written here).
 */
#include "recommendation.h"

#include <math.h>
#include <string.h>

#include "../core/utf8.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "job.h"
#include "recommendation_internal.h"

/* ================================================================ reply shapes */

/* How the job's seniority fits the user's level (fit_name; no fit: null). */
static const char *const fit_names[] = {"same", "near", "mismatch", NULL};

/* What recommendation_page_text adds to each job (put_reasons, put_breakdown): the API document's
 * shapes. */
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

/* ================================================================ reasons

 * The page is written as text: the job's row by table_json.c's row writer, its score's members
 here,
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

/* Appends the page cands[0..n) to out as a JSON array of full job objects (rows of r, the job's
 * columns, by the row writer) with their score, in that order. */
void recommendation_page_text(const struct store_result *r, const struct candidate *cands, size_t n,
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
