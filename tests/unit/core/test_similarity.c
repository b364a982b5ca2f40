/*
 * This file tests src/core/similarity.c: Levenshtein distances and ratios with known values,
 * code points rather than bytes, the length cap, and the near-duplicate rule of SPEC part C at
 * and around each threshold.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/fingerprint.h"
#include "core/similarity.h"

#define CLOSE(a, b) (fabs((a) - (b)) < 1e-12)

static void expect_ratio(const char *a, const char *b, size_t distance, double ratio)
{
    size_t d = similarity_distance(a, b);
    double r = similarity_ratio(a, b);
    if (d != distance || !CLOSE(r, ratio))
        fail_msg("\"%s\" vs \"%s\": distance %zu ratio %.6f, want %zu %.6f", a ? a : "(null)",
                 b ? b : "(null)", d, r, distance, ratio);
    /* symmetric */
    assert_int_equal(similarity_distance(b, a), d);
    assert_true(CLOSE(similarity_ratio(b, a), r));
}

static void test_known_ratios(void **state)
{
    expect_ratio("kitten", "sitting", 3, 1.0 - 3.0 / 7.0);
    expect_ratio("flaw", "lawn", 2, 0.5);
    expect_ratio("saturday", "sunday", 3, 1.0 - 3.0 / 8.0);
    expect_ratio("abc", "abc", 0, 1.0);
    expect_ratio("abc", "xyz", 3, 0.0);
    expect_ratio("abc", "", 3, 0.0);
    expect_ratio("", "", 0, 1.0);
    expect_ratio(NULL, NULL, 0, 1.0);
    expect_ratio(NULL, "ab", 2, 0.0);
    expect_ratio("stripe", "stripe payments", 9, 1.0 - 9.0 / 15.0);
    expect_ratio("senior software engineer", "senior software engineer ii", 3, 1.0 - 3.0 / 27.0);
    expect_ratio("google", "gogle", 1, 1.0 - 1.0 / 6.0);
}

static void test_code_points_not_bytes(void **state)
{
    expect_ratio("café", "cafe", 1, 0.75); /* é is 2 bytes but one edit */
    expect_ratio("москва", "москва", 0, 1.0);
    expect_ratio("москва", "масква", 1, 1.0 - 1.0 / 6.0);
    expect_ratio("東京", "京都", 2, 0.0);
    expect_ratio("😀a", "a", 1, 0.5);
}

static void test_length_cap(void **state)
{
    char a[600], b[600];
    memset(a, 'a', 300);
    a[300] = '\0';
    memset(b, 'a', 300);
    strcpy(b + 300, "bbbb");
    /* only the first SIMILARITY_MAX_CODEPOINTS code points are compared */
    expect_ratio(a, b, 0, 1.0);
    memset(b, 'b', 300);
    b[300] = '\0';
    expect_ratio(a, b, SIMILARITY_MAX_CODEPOINTS, 0.0);
    b[10] = 'a';
    expect_ratio(a, b, SIMILARITY_MAX_CODEPOINTS - 1, 1.0 / SIMILARITY_MAX_CODEPOINTS);
}

static bool dup(const char *c1, const char *t1, const char *l1, const char *c2, const char *t2,
                const char *l2, double *sim)
{
    struct similarity_keys a = {c1, t1, l1}, b = {c2, t2, l2};
    return similarity_possible_duplicate(&a, &b, sim);
}

static void test_duplicate_identical(void **state)
{
    double sim = -1;
    assert_true(
        dup("acme", "backend engineer", "berlin", "acme", "backend engineer", "berlin", &sim));
    assert_true(CLOSE(sim, 1.0));
    assert_true(dup(NULL, NULL, NULL, "", "", "", NULL));
}

static void test_duplicate_company_threshold(void **state)
{
    double sim;
    /* "abcde" vs "abcdx": 1 - 1/5 = 0.8, exactly the threshold */
    assert_true(dup("abcde", "engineer", "", "abcdx", "engineer", "", &sim));
    assert_true(CLOSE(sim, 0.9));
    /* "abcd" vs "abcx": 0.75 < 0.8 */
    assert_false(dup("abcd", "engineer", "", "abcx", "engineer", "", &sim));
    assert_true(CLOSE(sim, (0.75 + 1.0) / 2));
}

static void test_duplicate_title_threshold(void **state)
{
    double sim;
    /* 20 code points, 3 edits: 0.85, at the threshold */
    assert_true(dup("acme", "abcdefghijklmnopqrst", "", "acme", "abcdefghijklmnopqxyz", "", &sim));
    assert_true(CLOSE(sim, (1.0 + 0.85) / 2));
    /* 4 edits: 0.8 */
    assert_false(dup("acme", "abcdefghijklmnopqrst", "", "acme", "abcdefghijklmnopwxyz", "", &sim));
    assert_true(CLOSE(sim, 0.9));
}

static void test_duplicate_locations(void **state)
{
    /* both set and clearly different */
    assert_false(dup("acme", "engineer", "berlin", "acme", "engineer", "new york", NULL));
    /* one side empty: not clearly different */
    assert_true(dup("acme", "engineer", "berlin", "acme", "engineer", "", NULL));
    assert_true(dup("acme", "engineer", NULL, "acme", "engineer", "tokyo", NULL));
    /* exactly 0.5 is not "< 0.5" */
    assert_true(dup("acme", "engineer", "abcd", "acme", "engineer", "abxy", NULL));
    assert_false(dup("acme", "engineer", "abcd", "acme", "engineer", "axyz", NULL));
    /* similar spellings of one place */
    assert_true(
        dup("acme", "engineer", "munich germany", "acme", "engineer", "münchen germany", NULL));
}

static void test_duplicate_on_normalised_postings(void **state)
{
    char *c1 = fingerprint_normalize_company("Stripe, Inc."),
         *c2 = fingerprint_normalize_company("Stripe");
    char *t1 = fingerprint_normalize_title("Senior Backend Engineer (Remote)");
    char *t2 = fingerprint_normalize_title("Senior Backend Engineers");
    char *l1 = fingerprint_normalize_location("San Francisco, CA");
    char *l2 = fingerprint_normalize_location("San Francisco - CA");
    double sim;
    struct similarity_keys a = {c1, t1, l1}, b = {c2, t2, l2};
    assert_true(similarity_possible_duplicate(&a, &b, &sim));
    assert_true(sim > 0.95 && sim < 1.0);
    char *t3 = fingerprint_normalize_title("Frontend Engineer");
    b.title = t3;
    assert_false(similarity_possible_duplicate(&a, &b, &sim));
    free(t3), free(l2), free(l1), free(t2), free(t1), free(c2), free(c1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_ratios),
        cmocka_unit_test(test_code_points_not_bytes),
        cmocka_unit_test(test_length_cap),
        cmocka_unit_test(test_duplicate_identical),
        cmocka_unit_test(test_duplicate_company_threshold),
        cmocka_unit_test(test_duplicate_title_threshold),
        cmocka_unit_test(test_duplicate_locations),
        cmocka_unit_test(test_duplicate_on_normalised_postings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
