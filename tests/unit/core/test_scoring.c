/*
 * This file tests src/core/scoring.c with known inputs: each part of the recommendation score
 * (skills, location, experience, recency, preferences, learned), the total and its bounds, the
 * exclusions, title seniority and the whole-word phrase matcher.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/scoring.h"

#define EPS 1e-9
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_phrases(void **state)
{
    assert_true(scoring_has_phrase("Berlin, Germany", "berlin"));
    assert_true(scoring_has_phrase("San Francisco, CA", "san francisco"));
    assert_true(scoring_has_phrase("Berlin - Germany", "Berlin, Germany"));
    assert_false(scoring_has_phrase("Berlingen", "berlin"));
    assert_false(scoring_has_phrase("JavaScript developer", "java"));
    assert_true(scoring_has_phrase("Java/Kotlin developer", "java"));
    assert_true(scoring_has_phrase("Modern C++ shop", "c++"));
    assert_false(scoring_has_phrase("Modern C++ shop", "c"));
    assert_false(scoring_has_phrase("C# team", "c"));
    assert_true(scoring_has_phrase("gambling, betting", "  Gambling "));
    assert_false(scoring_has_phrase("text", ""));
    assert_false(scoring_has_phrase("text", " , "));
    assert_false(scoring_has_phrase(NULL, "x"));
    assert_false(scoring_has_phrase("x", NULL));
    assert_true(scoring_has_phrase("Remote (EU)", "remote"));
}

static void test_levels(void **state)
{
    assert_int_equal(scoring_level("entry"), 0);
    assert_int_equal(scoring_level("senior"), 3);
    assert_int_equal(scoring_level("executive"), 5);
    assert_int_equal(scoring_level("Senior"), -1);
    assert_int_equal(scoring_level(NULL), -1);
    assert_string_equal(scoring_level_name(4), "lead");
    assert_null(scoring_level_name(6));
    assert_int_equal(scoring_title_level("Senior Software Engineer"), 3);
    assert_int_equal(scoring_title_level("Sr. Backend Dev"), 3);
    assert_int_equal(scoring_title_level("Software Engineer"), -1);
    assert_int_equal(scoring_title_level("Software Engineer II"), 2);
    assert_int_equal(scoring_title_level("Junior Developer"), 1);
    assert_int_equal(scoring_title_level("Software Engineering Intern"), 0);
    assert_int_equal(scoring_title_level("Senior Staff Engineer"), 4);
    assert_int_equal(scoring_title_level("Head of Data"), 5);
    assert_int_equal(scoring_title_level("VP, Engineering"), 5);
    assert_int_equal(scoring_title_level("Leadership coach"), -1); /* whole words only */
    assert_int_equal(scoring_title_level(NULL), -1);
}

/* A job 0 days old in Berlin with skills Python, Go, SQL, Rust. */
static const char *const job_skills[] = {"Python", "Go", "SQL", "Rust"};
static struct scoring_job base_job(void)
{
    return (struct scoring_job){
        .skills = job_skills,
        .nskills = N(job_skills),
        .company = "acme",
        .title = "Senior Backend Engineer",
        .location = "Berlin, Germany",
        .remote_option = "onsite",
        .job_type = "full-time",
        .source = "linkedin",
        .text = "We build payment systems",
        .age_days = 0,
    };
}

static void test_full_score(void **state)
{
    const char *skills[] = {"Python", "SQL", "Haskell"};
    const char *locations[] = {"Berlin"};
    struct scoring_profile p = {.skills = skills,
                                .nskills = 3,
                                .locations = locations,
                                .nlocations = 1,
                                .experience_level = "senior"};
    struct scoring_job j = base_job();
    struct scoring_result r;
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.skills, 20.0, EPS); /* 2 of 4 */
    assert_int_equal(r.matched, 2);
    assert_int_equal(r.considered, 4);
    assert_true(r.have[0]);
    assert_false(r.have[1]);
    assert_true(r.have[2]);
    assert_false(r.have[3]);
    assert_float_equal(r.location, 20.0, EPS);
    assert_string_equal(r.location_match, "Berlin");
    assert_false(r.remote);
    assert_float_equal(r.experience, 20.0, EPS);
    assert_int_equal(r.user_level, 3);
    assert_int_equal(r.job_level, 3);
    assert_float_equal(r.recency, 10.0, EPS);
    assert_float_equal(r.preferences, 5.0, EPS); /* none stated */
    assert_float_equal(r.learned, 0.0, EPS);
    assert_float_equal(r.score, 75.0, EPS);

    j.age_days = 15; /* recency halves */
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.recency, 5.0, EPS);
    assert_float_equal(r.score, 70.0, EPS);
    j.age_days = 45;
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.recency, 0.0, EPS);
    j.age_days = -2; /* clock skew: treated as new */
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.recency, 10.0, EPS);
}

static void test_skills_and_experience(void **state)
{
    struct scoring_profile p = {0};
    struct scoring_job j = base_job();
    struct scoring_result r;
    j.nskills = 0;
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.skills, 20.0, EPS);     /* no skills named: neutral */
    assert_float_equal(r.experience, 10.0, EPS); /* user level unknown */
    assert_float_equal(r.location, 10.0, EPS);   /* no location preference */

    p.experience_level = "junior"; /* senior title: distance 2 */
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.experience, 5.0, EPS);
    p.experience_level = "mid";
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.experience, 12.0, EPS);
    p.experience_level = "entry";
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.experience, 0.0, EPS);
    j.title = "Backend Engineer"; /* no level in the title */
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.experience, 15.0, EPS);
    assert_int_equal(r.job_level, -1);

    const char *all[] = {"Rust", "Go", "SQL", "Python"};
    p.skills = all;
    p.nskills = 4;
    j.nskills = 4;
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.skills, 40.0, EPS);
}

static void test_location(void **state)
{
    struct scoring_profile p = {0};
    struct scoring_job j = base_job();
    struct scoring_result r;
    const char *munich[] = {"Munich"};
    p.locations = munich;
    p.nlocations = 1;
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.location, 0.0, EPS);
    assert_null(r.location_match);

    j.remote_option = "remote"; /* remote but the user does not ask for it */
    scoring_score(&p, &j, NULL, &r);
    assert_true(r.remote);
    assert_float_equal(r.location, 10.0, EPS);
    p.prefer_remote = true;
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.location, 20.0, EPS);
    assert_string_equal(r.location_match, "remote");

    j.remote_option = "hybrid";
    scoring_score(&p, &j, NULL, &r);
    assert_true(r.hybrid);
    assert_float_equal(r.location, 10.0, EPS);

    j.remote_option = NULL;
    j.location = "Remote - USA";
    const char *remote[] = {"Remote"};
    p.prefer_remote = false;
    p.locations = remote;
    scoring_score(&p, &j, NULL, &r);
    assert_true(r.remote);
    assert_float_equal(r.location, 20.0, EPS);
    assert_string_equal(r.location_match, "Remote");

    j.location = "Berlin";
    const char *long_form[] = {"Berlin, Germany"};
    p.locations = long_form;
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.location, 20.0, EPS);
}

static void test_preferences(void **state)
{
    const char *types[] = {"Full-Time"};
    const char *companies[] = {"acme"};
    const char *sources[] = {"indeed"};
    const char *keywords[] = {"payment systems"};
    struct scoring_profile p = {.job_types = types,
                                .njob_types = 1,
                                .companies = companies,
                                .ncompanies = 1,
                                .sources = sources,
                                .nsources = 1,
                                .keywords = keywords,
                                .nkeywords = 1,
                                .has_min_salary = true,
                                .min_salary = 80000};
    struct scoring_job j = base_job();
    struct scoring_result r;
    /* job type, company, keywords met; source missed; salary unknown (half): 3.5 of 5 */
    scoring_score(&p, &j, NULL, &r);
    assert_int_equal(r.prefs[SCORING_PREF_JOB_TYPE], SCORING_MATCH);
    assert_int_equal(r.prefs[SCORING_PREF_COMPANY], SCORING_MATCH);
    assert_int_equal(r.prefs[SCORING_PREF_SOURCE], SCORING_MISS);
    assert_int_equal(r.prefs[SCORING_PREF_KEYWORDS], SCORING_MATCH);
    assert_int_equal(r.prefs[SCORING_PREF_SALARY], SCORING_UNKNOWN);
    assert_float_equal(r.preferences, 7.0, EPS);
    j.has_salary_max = true;
    j.salary_max = 90000;
    scoring_score(&p, &j, NULL, &r);
    assert_int_equal(r.prefs[SCORING_PREF_SALARY], SCORING_MATCH);
    assert_float_equal(r.preferences, 8.0, EPS);
    j.salary_max = 70000;
    j.has_salary_min = true;
    j.salary_min = 100000; /* max wins when both are set */
    scoring_score(&p, &j, NULL, &r);
    assert_int_equal(r.prefs[SCORING_PREF_SALARY], SCORING_MISS);
    assert_float_equal(r.preferences, 6.0, EPS);
    /* only min_salary stated */
    struct scoring_profile only = {.has_min_salary = true, .min_salary = 50000};
    j.has_salary_max = false;
    scoring_score(&only, &j, NULL, &r);
    assert_int_equal(r.prefs[SCORING_PREF_JOB_TYPE], SCORING_UNSET);
    assert_float_equal(r.preferences, 10.0, EPS);
    assert_string_equal(scoring_pref_names[SCORING_PREF_SALARY], "min_salary");
}

static void test_learned(void **state)
{
    struct scoring_profile p = {0};
    struct scoring_job j = base_job();
    struct scoring_result plain, r;
    scoring_score(&p, &j, NULL, &plain);
    struct scoring_weight liked[] = {{"Python", 1}, {"Go", 1}, {"Elixir", -1}};
    struct scoring_weight company[] = {{"acme", 1}};
    struct scoring_learned l = {liked, N(liked), company, 1};
    scoring_score(&p, &j, &l, &r);
    assert_float_equal(r.learned_skills, 4.0, EPS);
    assert_float_equal(r.learned_company, 5.0, EPS);
    assert_float_equal(r.learned, 9.0, EPS);
    assert_float_equal(r.score, plain.score + 9.0, EPS);

    /* bounded: many marks never move a job more than 15 points */
    struct scoring_weight many[] = {{"Python", 9}, {"Go", 9}, {"SQL", 9}, {"Rust", 9}};
    struct scoring_weight loved[] = {{"acme", 7}};
    struct scoring_learned big = {many, N(many), loved, 1};
    scoring_score(&p, &j, &big, &r);
    assert_float_equal(r.learned_skills, 10.0, EPS);
    assert_float_equal(r.learned_company, 10.0, EPS);
    assert_float_equal(r.learned, 15.0, EPS);
    struct scoring_weight hated[] = {{"Python", -9}, {"Go", -9}, {"SQL", -9}, {"Rust", -9}};
    struct scoring_weight dropped[] = {{"acme", -1}, {"acme", -1}, {"acme", -1}};
    struct scoring_learned bad = {hated, N(hated), dropped, N(dropped)};
    scoring_score(&p, &j, &bad, &r);
    assert_float_equal(r.learned_company, -10.0, EPS);
    assert_float_equal(r.learned, -15.0, EPS);
    assert_float_equal(r.score, plain.score - 15.0, EPS);

    /* the total stays within 0..100 */
    const char *all[] = {"Python", "Go", "SQL", "Rust"};
    const char *where[] = {"Berlin"};
    struct scoring_profile best = {.skills = all,
                                   .nskills = 4,
                                   .locations = where,
                                   .nlocations = 1,
                                   .experience_level = "senior"};
    scoring_score(&best, &j, &big, &r);
    assert_float_equal(r.score, 100.0, EPS);
    struct scoring_profile worst = {.locations = (const char *[]){"Tokyo"},
                                    .nlocations = 1,
                                    .experience_level = "executive",
                                    .sources = (const char *[]){"rss"},
                                    .nsources = 1};
    j.age_days = 90;
    j.title = "Junior Engineer";
    scoring_score(&worst, &j, &bad, &r);
    assert_float_equal(r.score, 0.0, EPS);
}

static void test_exclusions(void **state)
{
    struct scoring_job j = base_job();
    j.company = "google cloud";
    j.text = "Ad tech and gambling products";
    const char *companies[] = {"google"};
    const char *keywords[] = {"gambling"};
    const char *which = NULL;
    assert_int_equal(scoring_excluded(companies, 1, NULL, 0, &j, &which), SCORING_EXCLUDED_COMPANY);
    assert_string_equal(which, "google");
    assert_int_equal(scoring_excluded(NULL, 0, keywords, 1, &j, &which), SCORING_EXCLUDED_KEYWORD);
    assert_string_equal(which, "gambling");
    const char *other[] = {"goo"};
    const char *words[] = {"gamble", "Backend"};
    assert_int_equal(scoring_excluded(other, 1, words, 1, &j, NULL), SCORING_KEEP);
    assert_int_equal(scoring_excluded(NULL, 0, words, 2, &j, &which), SCORING_EXCLUDED_KEYWORD);
    assert_string_equal(which, "Backend"); /* found in the title */
    const char *empty[] = {""};
    assert_int_equal(scoring_excluded(empty, 1, empty, 1, &j, NULL), SCORING_KEEP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phrases),    cmocka_unit_test(test_levels),
        cmocka_unit_test(test_full_score), cmocka_unit_test(test_skills_and_experience),
        cmocka_unit_test(test_location),   cmocka_unit_test(test_preferences),
        cmocka_unit_test(test_learned),    cmocka_unit_test(test_exclusions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
