/*
 * This file tests src/core/scoring.c with known inputs: each part of the recommendation score
 * (skills, location, experience, recency, preferences, learned), the penalties and the skills
 * gate, the total and its bounds, the factors (reasons) and their truth, the exclusions, title
 * seniority and the whole-word phrase matcher. The issue 13 cases use its mid-level backend
 * engineer (Python, Go, PostgreSQL, Kubernetes, AWS; remote; at least 70,000).
 */
#include <ctype.h>
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

/* Every byte against the C locale's classes: a word byte (isalnum, '+', '#', or any byte of
 * 0x80 and above) joins the words around it, any other separates them; letters compare without
 * case (tolower), only the ASCII ones. */
static void test_phrase_bytes(void **state)
{
    for (int b = 1; b < 256; b++) {
        bool word = isalnum(b) || b == '+' || b == '#' || b >= 0x80;
        char text[4] = {'a', (char)b, 'b', '\0'};
        assert_int_equal(scoring_has_phrase(text, "a b"), !word);
        assert_int_equal(scoring_has_phrase(text, "b"), !word);
        if (word) {
            char one[2] = {(char)b, '\0'}, folded[2] = {(char)tolower(b), '\0'};
            assert_true(scoring_has_phrase(one, folded));
            char upper[2] = {(char)toupper(b), '\0'};
            assert_true(scoring_has_phrase(upper, one) == (toupper(b) == b || isalpha(b)));
        }
    }
    /* the level words through every case and separator */
    assert_int_equal(scoring_title_level("SENIOR\x01ENGINEER"), 3);
    assert_int_equal(scoring_title_level("SeNiOr\xc3\xa9"), -1); /* a word byte joins */
    assert_int_equal(scoring_title_level("Lead+Dev"),
                     4); /* a title's words are letters and digits */
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
    /* the quick turn-away of words that cannot be levels (first letter, length) */
    assert_int_equal(scoring_title_level("INTERMEDIATE Analyst"), 2);
    assert_int_equal(scoring_title_level("Experienced Internationalization Engineer"), 3);
    assert_int_equal(scoring_title_level("Internationalization Engineer"), -1);
    assert_int_equal(scoring_title_level("Bookkeeper, CFO office"), 5);
    assert_int_equal(scoring_title_level("Zookeeper I"), 1);
    assert_int_equal(scoring_title_level(NULL), -1);
    /* issue 13: management titles state a level; "executive" alone does not */
    assert_int_equal(scoring_title_level("Engineering Manager, Backend"), 4);
    assert_int_equal(scoring_title_level("Head of Engineering"), 5);
    assert_int_equal(scoring_title_level("Director of Engineering, Web"), 5);
    assert_int_equal(scoring_title_level("Principal Engineer, Distributed Storage"), 4);
    assert_int_equal(scoring_title_level("Staff Software Engineer"), 4);
    assert_int_equal(scoring_title_level("Field Sales Executive"), -1);
    assert_int_equal(scoring_title_level("Graduate Software Engineer Programme"), 0);
    assert_int_equal(scoring_title_level("Data Analyst Apprentice"), 0);
    /* session 34: "Product Manager" was a lead role (a mid-level product manager was told "A
       lead role; your level is mid" and lost 15 points on every product manager job), and
       "Staff Accountant" too; the other words of the title still count */
    assert_int_equal(scoring_title_level("Product Manager"), -1);
    assert_int_equal(scoring_title_level("Senior Product Manager"), 3);
    assert_int_equal(scoring_title_level("Associate Product Manager"), 1);
    assert_int_equal(scoring_title_level("Technical Program Manager"), -1);
    assert_int_equal(scoring_title_level("Account Manager, DACH"), -1);
    assert_int_equal(scoring_title_level("Staff Accountant"), -1);
    assert_int_equal(scoring_title_level("Staff Nurse"), -1);
    assert_int_equal(scoring_title_level("Marketing Manager"), 4);
    assert_int_equal(scoring_title_level("Product Engineering Manager"), 4);
}

static void test_fit(void **state)
{
    int mid = scoring_level("mid"), junior = scoring_level("junior");
    assert_int_equal(scoring_fit(mid, mid), SCORING_FIT_SAME);
    assert_int_equal(scoring_fit(mid, scoring_level("senior")), SCORING_FIT_NEAR);
    assert_int_equal(scoring_fit(mid, scoring_level("lead")), SCORING_FIT_MISMATCH);
    assert_int_equal(scoring_fit(mid, scoring_level("executive")), SCORING_FIT_MISMATCH);
    /* an entry or junior role is a mismatch for mid and above, though one step down */
    assert_int_equal(scoring_fit(mid, junior), SCORING_FIT_MISMATCH);
    assert_int_equal(scoring_fit(mid, scoring_level("entry")), SCORING_FIT_MISMATCH);
    assert_int_equal(scoring_fit(scoring_level("senior"), mid), SCORING_FIT_NEAR);
    assert_int_equal(scoring_fit(scoring_level("senior"), scoring_level("lead")), SCORING_FIT_NEAR);
    assert_int_equal(scoring_fit(scoring_level("senior"), junior), SCORING_FIT_MISMATCH);
    /* a junior may step either way by one */
    assert_int_equal(scoring_fit(junior, scoring_level("entry")), SCORING_FIT_NEAR);
    assert_int_equal(scoring_fit(junior, mid), SCORING_FIT_NEAR);
    assert_int_equal(scoring_fit(junior, scoring_level("senior")), SCORING_FIT_MISMATCH);
    assert_int_equal(scoring_fit(-1, mid), SCORING_FIT_UNKNOWN);
    assert_int_equal(scoring_fit(mid, -1), SCORING_FIT_UNKNOWN);
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
    /* 2 of the job's 4 (share 1/2), 2 of the 3 needed for depth (2/3): 40 x (1/2 + 2/3) / 2 */
    assert_float_equal(r.skills, 40.0 * (0.5 + 2.0 / 3.0) / 2, 1e-6);
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
    assert_float_equal(r.penalty_salary + r.penalty_seniority + r.gate, 0.0, EPS);
    assert_false(r.gated);
    assert_float_equal(r.score, 78.3, EPS);

    j.age_days = 15; /* recency halves */
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.recency, 5.0, EPS);
    assert_float_equal(r.score, 73.3, EPS);
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

    p.experience_level = "junior"; /* senior title: distance 2, a mismatch */
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.experience, 0.0, EPS);
    assert_float_equal(r.penalty_seniority, -SCORING_SENIORITY_PENALTY, EPS);
    p.experience_level = "mid";
    scoring_score(&p, &j, NULL, &r);
    assert_float_equal(r.experience, 12.0, EPS);
    assert_float_equal(r.penalty_seniority, 0.0, EPS); /* one step up is near, no penalty */
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
    assert_float_equal(r.learned_skills, 6.0, EPS);
    assert_float_equal(r.learned_company, 5.0, EPS);
    assert_float_equal(r.learned, 11.0, EPS);
    assert_float_equal(r.score, plain.score + 11.0, EPS);

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

/* ================================================================ issue 13 */

/* The mid-level backend engineer. */
static const char *const engineer_skills[] = {"Python", "Go", "PostgreSQL", "Kubernetes", "AWS"};
static struct scoring_profile engineer(void)
{
    return (struct scoring_profile){.skills = engineer_skills,
                                    .nskills = N(engineer_skills),
                                    .prefer_remote = true,
                                    .experience_level = "mid",
                                    .has_min_salary = true,
                                    .min_salary = 70000};
}

/* A remote job posted today paying min..max (0: not posted). */
static struct scoring_job remote_job(const char *title, const char *const *skills, size_t n,
                                     int64_t min, int64_t max)
{
    return (struct scoring_job){.skills = skills,
                                .nskills = n,
                                .company = "acme",
                                .title = title,
                                .location = "Remote",
                                .remote_option = "remote",
                                .has_salary_min = min > 0,
                                .salary_min = min,
                                .has_salary_max = max > 0,
                                .salary_max = max,
                                .currency = "EUR"};
}

/* The factor of kind among the n of f, or NULL. */
static const struct scoring_factor *factor(const struct scoring_factor *f, size_t n,
                                           enum scoring_factor_kind kind)
{
    for (size_t i = 0; i < n; i++)
        if (f[i].kind == kind)
            return &f[i];
    return NULL;
}

static size_t factors_of(const struct scoring_profile *p, const struct scoring_job *j,
                         const struct scoring_result *r, struct scoring_factor *f)
{
    return scoring_factors(p, j, j->skills, r, f);
}

/* Issue 13: "Senior Ruby on Rails Developer" with 0 of 4 skills scored 52. The gate keeps a job
 * without overlap below every job with overlap, however poor the latter. */
static void test_skills_gate(void **state)
{
    struct scoring_profile p = engineer();
    const char *rails_skills[] = {"Ruby", "Ruby on Rails", "MySQL", "Sidekiq"};
    struct scoring_job rails =
        remote_job("Senior Ruby on Rails Developer", rails_skills, N(rails_skills), 80000, 100000);
    struct scoring_result r, weak;
    scoring_score(&p, &rails, NULL, &r);
    assert_true(r.gated);
    assert_int_equal(r.matched, 0);
    assert_true(r.score < SCORING_GATE_FLOOR);
    assert_float_equal(r.gate, -r.score * (1 / SCORING_GATE_FACTOR - 1), 0.051);
    struct scoring_factor f[SCORING_FACTOR_KINDS];
    size_t n = factors_of(&p, &rails, &r, f);
    const struct scoring_factor *skills = factor(f, n, SCORING_FACTOR_SKILLS);
    assert_non_null(skills);
    assert_int_equal(skills->effect, SCORING_NEGATIVE);
    assert_string_equal(skills->text,
                        "Shares none of your skills; it asks for Ruby, Ruby on Rails, MySQL, "
                        "Sidekiq");

    /* the poorest job with overlap: one skill of eight, onsite elsewhere, a junior role, pay
       below the minimum, two months old, marked down by feedback */
    const char *one[] = {"Python", "Java", "Spring", "Kafka", "Oracle", "SAP", "COBOL", "PHP"};
    struct scoring_job poor = remote_job("Junior Developer", one, N(one), 30000, 40000);
    poor.remote_option = "onsite";
    poor.location = "Tokyo";
    poor.age_days = 60;
    struct scoring_weight hated[] = {{"acme", -5}};
    struct scoring_learned bad = {.companies = hated, .ncompanies = 1};
    scoring_score(&p, &poor, &bad, &weak);
    assert_false(weak.gated);
    assert_float_equal(weak.score, SCORING_GATE_FLOOR, EPS);
    assert_true(weak.gate > 0);
    assert_true(weak.score > r.score);
    /* and the best a job without overlap can do (learned +15) stays under the floor */
    struct scoring_weight loved[] = {{"acme", 5}};
    struct scoring_learned good = {.companies = loved, .ncompanies = 1};
    rails.title = "Backend Developer";
    rails.has_salary_min = rails.has_salary_max = false;
    scoring_score(&p, &rails, &good, &r);
    assert_true(r.gated);
    assert_true(r.score < SCORING_GATE_FLOOR);
    /* a job naming no skills has no overlap either */
    struct scoring_job bare = remote_job("Warehouse Operative", NULL, 0, 23000, 25000);
    scoring_score(&p, &bare, NULL, &r);
    assert_true(r.gated);
    n = factors_of(&p, &bare, &r, f);
    assert_int_equal(factor(f, n, SCORING_FACTOR_SKILLS)->effect, SCORING_NEGATIVE);
    /* session 34: it said "Names no skills to compare with yours" of a job whose description
       names Python and PostgreSQL (the description is not read): it says where it looked */
    assert_non_null(strstr(factor(f, n, SCORING_FACTOR_SKILLS)->text,
                           "in its tech stack, requirements or title"));
    /* without stated skills there is no gate */
    struct scoring_profile none = engineer();
    none.nskills = 0;
    scoring_score(&none, &bare, NULL, &r);
    assert_false(r.gated);
    assert_float_equal(r.skills, SCORING_SKILLS_POINTS / 2, EPS);
    assert_float_equal(r.gate, 0, EPS);
}

/* Issue 13: "Head of Engineering" scored 80 for a mid-level engineer; seniority mismatches in
 * either direction lower the score and carry a negative reason; near levels do not. */
static void test_seniority_mismatch(void **state)
{
    struct scoring_profile p = engineer();
    const char *stack[] = {"Python", "Go", "AWS", "Kubernetes"};
    struct scoring_job head = remote_job("Head of Engineering", stack, N(stack), 130000, 160000);
    struct scoring_job plain = remote_job("Backend Engineer", stack, N(stack), 130000, 160000);
    struct scoring_result r, base;
    scoring_score(&p, &plain, NULL, &base);
    struct scoring_factor f[SCORING_FACTOR_KINDS];
    const char *mismatches[] = {"Head of Engineering",
                                "Engineering Manager, Backend",
                                "Principal Engineer",
                                "Staff Software Engineer",
                                "Director of Engineering",
                                "Junior Python Developer",
                                "Graduate Software Engineer Programme"};
    for (size_t i = 0; i < N(mismatches); i++) {
        head.title = mismatches[i];
        scoring_score(&p, &head, NULL, &r);
        assert_int_equal(r.fit, SCORING_FIT_MISMATCH);
        assert_float_equal(r.penalty_seniority, -SCORING_SENIORITY_PENALTY, EPS);
        assert_float_equal(r.experience, 0, EPS);
        assert_true(base.score - r.score >= 30.0); /* 15 experience + 15 penalty */
        size_t n = factors_of(&p, &head, &r, f);
        const struct scoring_factor *s = factor(f, n, SCORING_FACTOR_SENIORITY);
        assert_int_equal(s->effect, SCORING_NEGATIVE);
        assert_non_null(strstr(s->text, "your level is mid"));
    }
    head.title = "Head of Engineering";
    scoring_score(&p, &head, NULL, &r);
    assert_true(r.score <= 65.0);
    /* one step up (senior for a mid), the same level and no level: never a negative reason */
    const char *fine[] = {"Senior Backend Engineer", "Backend Engineer (Mid-level)",
                          "Software Engineer II", "Site Reliability Engineer",
                          "Field Sales Executive"};
    for (size_t i = 0; i < N(fine); i++) {
        head.title = fine[i];
        scoring_score(&p, &head, NULL, &r);
        assert_float_equal(r.penalty_seniority, 0, EPS);
        size_t n = factors_of(&p, &head, &r, f);
        assert_int_not_equal(factor(f, n, SCORING_FACTOR_SENIORITY)->effect, SCORING_NEGATIVE);
    }
}

/* Issue 13: "Junior Python Developer" paying 45-55k, below the 70k minimum, tied the best
 * remote match at 87. Pay below the minimum is a penalty and a negative reason; pay at the
 * minimum or not posted never is. */
static void test_salary_below_minimum(void **state)
{
    struct scoring_profile p = engineer();
    const char *junior_stack[] = {"Python", "Django", "PostgreSQL", "AWS"};
    const char *best_stack[] = {"Python", "Go", "PostgreSQL", "gRPC", "Kubernetes"};
    struct scoring_job junior =
        remote_job("Junior Python Developer", junior_stack, N(junior_stack), 45000, 55000);
    struct scoring_job best =
        remote_job("Backend Engineer (Python/Go)", best_stack, N(best_stack), 70000, 88000);
    struct scoring_result rj, rb;
    scoring_score(&p, &junior, NULL, &rj);
    scoring_score(&p, &best, NULL, &rb);
    assert_float_equal(rj.penalty_salary, -SCORING_SALARY_PENALTY, EPS);
    assert_float_equal(rb.penalty_salary, 0, EPS);
    assert_true(rb.score - rj.score >= 40.0);
    struct scoring_factor f[SCORING_FACTOR_KINDS];
    size_t n = factors_of(&p, &junior, &rj, f);
    const struct scoring_factor *pay = factor(f, n, SCORING_FACTOR_SALARY);
    assert_int_equal(pay->effect, SCORING_NEGATIVE);
    assert_string_equal(pay->text, "Pays 45,000\u2013"
                                   "55,000 EUR, below your minimum of 70,000");
    assert_int_equal(factor(f, n, SCORING_FACTOR_SENIORITY)->effect, SCORING_NEGATIVE);
    n = factors_of(&p, &best, &rb, f);
    pay = factor(f, n, SCORING_FACTOR_SALARY);
    assert_int_equal(pay->effect, SCORING_POSITIVE); /* 88,000 at the top meets 70,000 */

    /* the top of the range decides; exactly the minimum meets it */
    struct scoring_job edge = remote_job("Backend Engineer", best_stack, 3, 60000, 70000);
    scoring_score(&p, &edge, NULL, &rb);
    assert_float_equal(rb.penalty_salary, 0, EPS);
    edge.has_salary_max = false; /* only salary_min posted: it is the top */
    scoring_score(&p, &edge, NULL, &rb);
    assert_float_equal(rb.penalty_salary, -SCORING_SALARY_PENALTY, EPS);
    n = factors_of(&p, &edge, &rb, f);
    assert_string_equal(factor(f, n, SCORING_FACTOR_SALARY)->text,
                        "Pays 60,000 EUR, below your minimum of 70,000");
    edge.has_salary_min = false; /* not posted: neutral, never a penalty */
    scoring_score(&p, &edge, NULL, &rb);
    assert_float_equal(rb.penalty_salary, 0, EPS);
    n = factors_of(&p, &edge, &rb, f);
    assert_int_equal(factor(f, n, SCORING_FACTOR_SALARY)->effect, SCORING_NEUTRAL);
    /* no minimum stated: no salary factor at all */
    p.has_min_salary = false;
    scoring_score(&p, &junior, NULL, &rj);
    n = factors_of(&p, &junior, &rj, f);
    assert_null(factor(f, n, SCORING_FACTOR_SALARY));
    assert_float_equal(rj.penalty_salary, 0, EPS);
}

/* Every factor has a text; the positive ones of a strong match; the breakdown adds up. */
static void test_factors(void **state)
{
    struct scoring_profile p = engineer();
    const char *stack[] = {"Go", "PostgreSQL", "Kubernetes", "AWS", "Kafka"};
    struct scoring_job j = remote_job("Backend Engineer, Payments", stack, N(stack), 85000, 110000);
    struct scoring_result r;
    scoring_score(&p, &j, NULL, &r);
    struct scoring_factor f[SCORING_FACTOR_KINDS];
    size_t n = factors_of(&p, &j, &r, f);
    assert_int_equal(n, 5); /* skills, location, seniority, salary, recency */
    for (size_t i = 0; i < n; i++) {
        assert_true(strlen(f[i].text) > 0);
        assert_int_not_equal(f[i].effect, SCORING_NEGATIVE);
    }
    assert_string_equal(factor(f, n, SCORING_FACTOR_SKILLS)->text,
                        "Matches 4 of 5 skills: Go, PostgreSQL, Kubernetes, AWS");
    assert_string_equal(factor(f, n, SCORING_FACTOR_LOCATION)->text, "Remote, as you prefer");
    assert_string_equal(factor(f, n, SCORING_FACTOR_SENIORITY)->text, "The title states no level");
    /* session 35: one skill is "1 skill" */
    const char *one[] = {"Go"};
    struct scoring_job j1 = remote_job("Backend Engineer", one, N(one), 85000, 110000);
    scoring_score(&p, &j1, NULL, &r);
    size_t n1 = factors_of(&p, &j1, &r, f);
    assert_string_equal(factor(f, n1, SCORING_FACTOR_SKILLS)->text, "Matches 1 of 1 skill: Go");
    scoring_score(&p, &j, NULL, &r);
    n = factors_of(&p, &j, &r, f);
    assert_string_equal(factor(f, n, SCORING_FACTOR_RECENCY)->text, "Added today");
    assert_string_equal(scoring_factor_names[SCORING_FACTOR_SENIORITY], "seniority");
    assert_string_equal(scoring_effect_names[SCORING_NEGATIVE], "negative");
    double sum = r.skills + r.location + r.experience + r.recency + r.preferences + r.learned +
                 r.penalty_salary + r.penalty_seniority + r.gate;
    assert_float_equal(sum, r.score, 0.051);
    /* onsite elsewhere and old: negative location and recency */
    j.remote_option = "onsite";
    j.location = "Amsterdam, Netherlands";
    j.age_days = 45;
    scoring_score(&p, &j, NULL, &r);
    n = factors_of(&p, &j, &r, f);
    assert_int_equal(factor(f, n, SCORING_FACTOR_LOCATION)->effect, SCORING_NEGATIVE);
    assert_string_equal(factor(f, n, SCORING_FACTOR_LOCATION)->text,
                        "On-site in Amsterdam, Netherlands, not one of your locations");
    assert_int_equal(factor(f, n, SCORING_FACTOR_RECENCY)->effect, SCORING_NEGATIVE);
}

/* Issue 13: marking the junior job "not helpful" (for its pay and level) lowered every Python
 * job. Marks now move the factor they name (struct scoring_learned); the model never turns a
 * reasonless mark into a lower weight for a skill the user holds (tests/api). */
static void test_learned_by_factor(void **state)
{
    struct scoring_profile p = engineer();
    const char *stack[] = {"Python", "PostgreSQL"};
    struct scoring_job cheap = remote_job("Backend Engineer", stack, N(stack), 45000, 55000);
    struct scoring_job rich = remote_job("Backend Engineer", stack, N(stack), 80000, 95000);
    struct scoring_job unposted = remote_job("Backend Engineer", stack, N(stack), 0, 0);
    struct scoring_result r;
    /* "not helpful: salary" on a job paying up to 55,000 */
    struct scoring_pay_mark low = {.posted = true, .pay = 55000, .sign = -1};
    struct scoring_learned l = {.pay = &low, .npay = 1};
    scoring_score(&p, &cheap, &l, &r);
    assert_float_equal(r.learned_salary, -5.0, EPS);
    assert_float_equal(r.learned_skills, 0, EPS);
    scoring_score(&p, &rich, &l, &r);
    assert_float_equal(r.learned, 0, EPS); /* better pay, same skills: untouched */
    scoring_score(&p, &unposted, &l, &r);
    assert_float_equal(r.learned, 0, EPS);
    /* "helpful: salary" at 80,000 lifts jobs paying at least that */
    struct scoring_pay_mark high = {.posted = true, .pay = 80000, .sign = 1};
    l = (struct scoring_learned){.pay = &high, .npay = 1};
    scoring_score(&p, &rich, &l, &r);
    assert_float_equal(r.learned_salary, 5.0, EPS);
    scoring_score(&p, &cheap, &l, &r);
    assert_float_equal(r.learned_salary, 0, EPS);
    /* a mark on a job without posted pay applies to such jobs only */
    struct scoring_pay_mark blank = {.posted = false, .sign = -1};
    l = (struct scoring_learned){.pay = &blank, .npay = 1};
    scoring_score(&p, &unposted, &l, &r);
    assert_float_equal(r.learned_salary, -5.0, EPS);
    scoring_score(&p, &rich, &l, &r);
    assert_float_equal(r.learned_salary, 0, EPS);

    /* "not helpful: seniority" on a junior title lowers junior titles only */
    l = (struct scoring_learned){0};
    l.levels[scoring_level("junior")] = -1;
    struct scoring_job junior = remote_job("Junior Python Developer", stack, 2, 80000, 90000);
    scoring_score(&p, &junior, &l, &r);
    assert_float_equal(r.learned_seniority, -5.0, EPS);
    scoring_score(&p, &rich, &l, &r); /* no level stated: slot 6 */
    assert_float_equal(r.learned, 0, EPS);
    l.levels[SCORING_LEVEL_SLOTS - 1] = 3;
    scoring_score(&p, &rich, &l, &r);
    assert_float_equal(r.learned_seniority, 10.0, EPS); /* clamped to two marks */

    /* "not helpful: location" */
    struct scoring_weight places[] = {{"Amsterdam, Netherlands", -1}, {"remote", 1}};
    l = (struct scoring_learned){.locations = places, .nlocations = 2};
    struct scoring_job office = rich;
    office.remote_option = "onsite";
    office.location = "Amsterdam";
    scoring_score(&p, &office, &l, &r);
    assert_float_equal(r.learned_location, -5.0, EPS);
    scoring_score(&p, &rich, &l, &r);
    assert_float_equal(r.learned_location, 5.0, EPS);
    office.location = "Berlin";
    scoring_score(&p, &office, &l, &r);
    assert_float_equal(r.learned_location, 0, EPS);

    /* the factor names the parts */
    l = (struct scoring_learned){.pay = &low, .npay = 1};
    scoring_score(&p, &cheap, &l, &r);
    struct scoring_factor f[SCORING_FACTOR_KINDS];
    size_t n = factors_of(&p, &cheap, &r, f);
    const struct scoring_factor *learned = factor(f, n, SCORING_FACTOR_LEARNED);
    assert_int_equal(learned->effect, SCORING_NEGATIVE);
    assert_string_equal(learned->text, "Like jobs you marked not helpful (pay -5)");
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

/* A score recomputed at another age from its parts (scoring_score_at, what the score cache
 * keeps) is the one scoring_score gives at that age, bit for bit: with and without the user's
 * skills, gated, floored, clamped at 0 and 100, penalised, for ages from the future to past the
 * recency window. */
static void test_score_at_another_age(void **state)
{
    (void)state;
    const char *all[] = {"python", "sql", "go", "docker"}, *none[] = {"cobol"}, *one[] = {"go"};
    const char *places[] = {"Berlin"};
    struct scoring_profile profiles[] = {
        {.skills = all,
         .nskills = 4,
         .locations = places,
         .nlocations = 1,
         .experience_level = "senior",
         .has_min_salary = true,
         .min_salary = 50000},
        {.skills = none, .nskills = 1, .experience_level = "junior"},                /* gated */
        {.skills = one, .nskills = 1, .has_min_salary = true, .min_salary = 900000}, /* floor */
        {.nskills = 0}, /* no skills: no gate */
    };
    const char *stack[] = {"python", "sql", "go", "docker"};
    struct scoring_weight up[] = {{"python", 3}, {"sql", 3}, {"go", 3}, {"docker", 3}};
    struct scoring_learned loves = {.skills = up, .nskills = 4};
    const struct scoring_learned *learned[] = {NULL, &loves};
    size_t checked = 0, moved = 0;
    for (size_t p = 0; p < sizeof profiles / sizeof *profiles; p++) {
        for (size_t l = 0; l < 2; l++) {
            struct scoring_job j = base_job();
            j.skills = stack;
            j.nskills = 4;
            j.has_salary_max = true;
            j.salary_max = 60000;
            j.age_days = 0;
            struct scoring_result at_build;
            scoring_score(&profiles[p], &j, learned[l], &at_build);
            struct scoring_parts parts;
            scoring_parts_of(&at_build, profiles[p].nskills > 0, &parts);
            for (double age = -2.0; age < 35.0; age += 0.0137) {
                j.age_days = age;
                struct scoring_result fresh;
                scoring_score(&profiles[p], &j, learned[l], &fresh);
                double again = scoring_score_at(&parts, age);
                if (memcmp(&again, &fresh.score, sizeof again) != 0)
                    fail_msg("profile %zu, learned %zu, age %.4f: %.17g recomputed, %.17g fresh", p,
                             l, age, again, fresh.score);
                checked++;
                moved += fresh.score != at_build.score;
            }
        }
    }
    assert_true(checked > 10000);
    assert_true(moved > 1000); /* the ages did move the scores */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_phrase_bytes),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_full_score),
        cmocka_unit_test(test_score_at_another_age),
        cmocka_unit_test(test_skills_and_experience),
        cmocka_unit_test(test_location),
        cmocka_unit_test(test_preferences),
        cmocka_unit_test(test_learned),
        cmocka_unit_test(test_exclusions),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_skills_gate),
        cmocka_unit_test(test_seniority_mismatch),
        cmocka_unit_test(test_salary_below_minimum),
        cmocka_unit_test(test_factors),
        cmocka_unit_test(test_learned_by_factor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
