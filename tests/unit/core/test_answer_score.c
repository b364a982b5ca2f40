/*
 * This file tests src/core/answer_score.c: each scoring part on its own (length bands, STAR and
 * the other structures, keyword stems and derived keywords, specificity), the feedback lists,
 * blank answers, determinism and bounds, and the session summary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/answer_score.h"

static const char *const conflict_keywords[] = {"conflict", "disagree", "listen", "compromise",
                                                "resolve"};

static const char star_answer[] =
    "At my previous company our team was migrating a billing service and I disagreed with a "
    "colleague about the rollout plan. My responsibility was to ship the migration without "
    "downtime for 40,000 customers. I decided to listen to his concerns first, then I proposed a "
    "compromise: a staged rollout behind a feature flag with a rollback script. I wrote the "
    "runbook and I scheduled 2 rehearsals with the team. As a result we resolved the conflict, "
    "finished two weeks early and reduced billing errors by 30%. I learned that asking questions "
    "before arguing saves time.";

static bool has(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

static void test_strong_star_answer(void **state)
{
    struct answer_input in = {"behavioral", "Tell me about a time you disagreed with a teammate.",
                              conflict_keywords, 5, star_answer};
    struct answer_result r;
    answer_score(&in, &r);
    assert_string_equal(r.structure_kind, "star");
    assert_int_equal(r.nfound, 4);
    assert_int_equal(r.structure_score, 25);
    assert_int_equal(r.nmatched, 5); /* "disagreed", "resolved": stems */
    assert_int_equal(r.keyword_score, 30);
    assert_int_equal(r.length_score, 25);
    assert_true(r.numbers >= 3);
    assert_int_equal(r.specificity_score, 20);
    assert_int_equal(r.score, 100);
    assert_int_equal(r.nimprovements, 0);
    assert_true(has(r.strengths, r.nstrengths,
                    "Clear STAR structure: situation, task, action and result."));
    /* the same input gives the same result */
    struct answer_result again;
    answer_score(&in, &again);
    assert_int_equal(again.score, r.score);
    assert_int_equal(again.nstrengths, r.nstrengths);
}

static void test_weak_answers(void **state)
{
    struct answer_input in = {"behavioral", "Tell me about a time you disagreed with a teammate.",
                              conflict_keywords, 5, "We talked and it was fine."};
    struct answer_result r;
    answer_score(&in, &r);
    assert_int_equal(r.length_score, 5);
    assert_int_equal(r.words, 6);
    assert_true(r.score < 30);
    assert_true(has(r.improvements, r.nimprovements,
                    "Too short: expand with more detail (aim for 80 to 350 words)."));
    assert_true(has(r.improvements, r.nimprovements,
                    "Add specifics: numbers, scale or measurable impact."));
    assert_true(has(r.improvements, r.nimprovements,
                    "Share the result: the outcome, ideally measured, and what you learned."));
    assert_int_equal(r.nmissing, 5);

    /* blank and missing answers score 0 with one improvement */
    const char *blank[] = {"", "   \n\t ", NULL};
    for (int i = 0; i < 3; i++) {
        in.answer = blank[i];
        answer_score(&in, &r);
        assert_int_equal(r.score, 0);
        assert_int_equal(r.structure_score + r.keyword_score + r.length_score, 0);
        assert_int_equal(r.nstrengths, 0);
        assert_int_equal(r.nimprovements, 1);
    }
}

static void test_length_bands(void **state)
{
    static const struct {
        size_t words;
        int points;
    } bands[] = {{1, 5},   {14, 5},   {15, 12},  {39, 12},  {40, 20}, {79, 20},
                 {80, 25}, {350, 25}, {351, 20}, {600, 20}, {601, 12}};
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        char text[8192] = "";
        for (size_t w = 0; w < bands[i].words; w++)
            strcat(text, "word ");
        struct answer_input in = {"general", "Tell me about yourself.", NULL, 0, text};
        struct answer_result r;
        answer_score(&in, &r);
        assert_int_equal(r.words, bands[i].words);
        if (r.length_score != bands[i].points)
            fail_msg("%zu words: %d points, want %d", bands[i].words, r.length_score,
                     bands[i].points);
        assert_true(r.score >= 0 && r.score <= 100);
    }
}

static void test_other_structures(void **state)
{
    struct answer_result r;
    struct answer_input design = {
        "system_design", "Design a URL shortening service like bit.ly.", NULL, 0,
        "Requirements first: 100 million users and a read-heavy load. An API service behind a "
        "load balancer writes to a key-value database; a cache serves hot links. The schema is "
        "a table keyed by a hash. The trade-off is consistency against latency."};
    answer_score(&design, &r);
    assert_string_equal(r.structure_kind, "design");
    assert_int_equal(r.nfound, 4);
    struct answer_input kase = {"case_study", "Should a grocery chain launch delivery?", NULL, 0,
                                "It depends."};
    answer_score(&kase, &r);
    assert_string_equal(r.structure_kind, "case");
    assert_int_equal(r.nfound, 0);
    assert_int_equal(r.nabsent, 4);
    assert_int_equal(r.structure_score, 0);
    assert_true(has(r.improvements, r.nimprovements,
                    "End with a clear recommendation and the next steps."));
    struct answer_input tech = {
        "sql",
        "What is the difference between indexes and scans, and how do they speed up "
        "queries?",
        NULL, 0,
        "An index is a sorted copy of some columns, because then a lookup skips the full scan "
        "and queries speed up. For example CREATE INDEX ON users(email) makes login fast. "
        "However every index costs time on each write."};
    answer_score(&tech, &r);
    assert_string_equal(r.structure_kind, "explanation");
    assert_int_equal(r.nfound, 4);
    assert_int_equal(r.structure_score, 25);
    /* derived keywords: content words of the question, stop words left out */
    assert_int_equal(r.nmatched, 4);
    assert_true(has(r.matched, r.nmatched, "indexes"));
    assert_true(has(r.matched, r.nmatched, "queries"));
    assert_false(has(r.matched, r.nmatched, "difference"));
    assert_int_equal(r.nmissing, 0);
    /* short markers match whole words only: "so it" is not "so i", "is a" not "is an..." */
    struct answer_input whole = {"behavioral", "x", NULL, 0, "so it goes"};
    answer_score(&whole, &r);
    assert_false(has(r.found, r.nfound, "action"));
}

static void test_keywords_and_specificity(void **state)
{
    static const char *const keywords[] = {"scale", "token bucket", "lru", "o(1)"};
    struct answer_input in = {"technical", "q", keywords, 4,
                              "Scaling needs token buckets; an LRU gives O(1) access."};
    struct answer_result r;
    answer_score(&in, &r);
    assert_int_equal(r.nmatched, 4);
    assert_int_equal(r.keyword_score, 30);
    in.answer = "An lrucache helps."; /* short keywords are whole words */
    answer_score(&in, &r);
    assert_false(has(r.matched, r.nmatched, "lru"));
    assert_int_equal(r.keyword_score, 0);
    /* specificity: numbers 0/1/2/3+ give 0/6/9/12, examples +4, technical terms +4 */
    in.answer = "It took 3 days and 2 people, 5 reviews and 9 tests, for example with an API.";
    answer_score(&in, &r);
    assert_int_equal(r.numbers, 4);
    assert_int_equal(r.specificity_score, 20);
    in.answer = "plain words only";
    answer_score(&in, &r);
    assert_int_equal(r.specificity_score, 0);
    /* keyword list longer than the maximum is cut, never overflows */
    const char *many[20];
    for (int i = 0; i < 20; i++)
        many[i] = "word";
    struct answer_input big = {"general", "q", many, 20, "word"};
    answer_score(&big, &r);
    assert_int_equal(r.nmatched, ANSWER_MAX_KEYWORDS);
}

static void test_summary(void **state)
{
    struct answer_summary s;
    const double scores[] = {80, 65, 71};
    const char *const strengths[] = {"A", "B", "A", "C", "D"};
    const char *const improvements[] = {"X", "Y", "Y", "Z", "Y", "X", "W"};
    answer_summarize(scores, 3, 5, strengths, 5, improvements, 7, &s);
    assert_true(s.score > 71.9 && s.score < 72.1);
    assert_string_equal(s.level, "good");
    assert_int_equal(s.answered, 3);
    assert_int_equal(s.total, 5);
    assert_int_equal(s.nstrengths, 3);
    assert_string_equal(s.strengths[0], "A");
    assert_string_equal(s.strengths[1], "B");
    assert_string_equal(s.strengths[2], "C");
    assert_string_equal(s.improvements[0], "Y");
    assert_string_equal(s.improvements[1], "X");
    assert_string_equal(s.improvements[2], "Z");
    assert_int_equal(s.nimprovements, 4); /* 2 of 5 unanswered */
    assert_string_equal(s.improvements[3],
                        "Answer every question: unanswered questions get no feedback.");
    assert_non_null(strstr(s.message, "3 of 5"));
    assert_non_null(strstr(s.message, "72.0"));

    const double high[] = {90, 85};
    answer_summarize(high, 2, 2, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "excellent");
    assert_int_equal(s.nstrengths, 0);
    assert_int_equal(s.nimprovements, 0);
    const double low[] = {10};
    answer_summarize(low, 1, 3, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "needs_work");
    const double mid[] = {50, 51};
    answer_summarize(mid, 2, 3, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "fair");
    assert_true(s.score > 50.4 && s.score < 50.6);
    answer_summarize(NULL, 0, 4, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "not_answered");
    assert_true(s.score == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strong_star_answer),
        cmocka_unit_test(test_weak_answers),
        cmocka_unit_test(test_length_bands),
        cmocka_unit_test(test_other_structures),
        cmocka_unit_test(test_keywords_and_specificity),
        cmocka_unit_test(test_summary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
