/*
 * This file tests src/core/similarity.c: Levenshtein distances and ratios with known values,
 * code points rather than bytes, the length cap, the near-duplicate rule of SPEC part C at
 * and around each threshold, and the banded distance and the rule's cut-offs against the plain
 * distance and ratios: exhaustively over short strings, and on random ones.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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
    /* "abcd" vs "abcx": 0.75 < 0.8; a false verdict leaves the similarity alone */
    sim = -1;
    assert_false(dup("abcd", "engineer", "", "abcx", "engineer", "", &sim));
    assert_true(sim == -1);
}

static void test_duplicate_title_threshold(void **state)
{
    double sim;
    /* 20 code points, 3 edits: 0.85, at the threshold */
    assert_true(dup("acme", "abcdefghijklmnopqrst", "", "acme", "abcdefghijklmnopqxyz", "", &sim));
    assert_true(CLOSE(sim, (1.0 + 0.85) / 2));
    /* 4 edits: 0.8 */
    sim = -1;
    assert_false(dup("acme", "abcdefghijklmnopqrst", "", "acme", "abcdefghijklmnopwxyz", "", &sim));
    assert_true(sim == -1);
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

/* ------------------------------------------------------------------ banded against plain */

static void expect_within(const char *a, const char *b)
{
    size_t d = similarity_distance(a, b);
    for (size_t max = 0; max <= d + 2; max++) {
        size_t want = d <= max ? d : max + 1, got = similarity_distance_within(a, b, max);
        if (got != want)
            fail_msg("\"%s\" vs \"%s\" within %zu: %zu, want %zu (distance %zu)", a, b, max, got,
                     want, d);
    }
}

/* Every string over {a, b, c} of up to 5 letters against every other. */
static void test_within_exhaustive(void **state)
{
    enum { MAXLEN = 5 };
    static char all[364][MAXLEN + 1]; /* 3^0 + ... + 3^5 */
    size_t count = 0;
    for (size_t len = 0; len <= MAXLEN; len++) {
        size_t total = 1;
        for (size_t k = 0; k < len; k++)
            total *= 3;
        for (size_t code = 0; code < total; code++, count++) {
            size_t c = code;
            for (size_t k = 0; k < len; k++, c /= 3)
                all[count][k] = (char)('a' + c % 3);
            all[count][len] = '\0';
        }
    }
    assert_int_equal(count, 364);
    for (size_t i = 0; i < count; i++)
        for (size_t j = 0; j < count; j++)
            expect_within(all[i], all[j]);
}

/* A random string of n code points from a small alphabet (shared letters make near matches),
 * some of them two-byte ones (below and above U+00FF). */
static void random_text(char *out, size_t n, int alphabet)
{
    static const char *const letters[] = {"a", "b", "c", "d", " ", "é", "e", "ł", "ü", "g"};
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(out, letters[rand() % alphabet]);
}

/* b: a with a few random edits, so that distances fall around every cut-off. */
static void mutate(const char *a, char *b, int edits)
{
    strcpy(b, a);
    for (int e = 0; e < edits; e++) {
        size_t len = strlen(b), at = len ? (size_t)rand() % len : 0;
        while (at > 0 && ((unsigned char)b[at] & 0xC0) == 0x80)
            at--; /* at a code point's start */
        size_t cp = at < len ? ((unsigned char)b[at] < 0x80 ? 1 : 2) : 0;
        switch (rand() % 3) {
        case 0: /* delete */
            memmove(b + at, b + at + cp, len - at - cp + 1);
            break;
        case 1: /* insert */
            memmove(b + at + 1, b + at, len - at + 1);
            b[at] = (char)('a' + rand() % 6);
            break;
        default: /* substitute */
            if (cp) {
                memmove(b + at + 1, b + at + cp, len - at - cp + 1);
                b[at] = (char)('a' + rand() % 6);
            }
        }
    }
}

static void test_within_random(void **state)
{
    srand(20261128);
    static char a[2048], b[2048];
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)rand() % (round % 50 == 0 ? 320 : 40); /* some beyond the cap */
        random_text(a, n, 2 + rand() % 9);
        if (rand() % 4 == 0)
            random_text(b, (size_t)rand() % 40, 2 + rand() % 9);
        else
            mutate(a, b, rand() % 12);
        expect_within(a, b);
    }
}

/* The rule as SPEC part C states it, from the plain ratios: the reference for the cut-offs. */
static bool plain_rule(const struct similarity_keys *a, const struct similarity_keys *b,
                       double *similarity)
{
    double company = similarity_ratio(a->company, b->company);
    double title = similarity_ratio(a->title, b->title);
    *similarity = (company + title) / 2.0;
    if (company < SIMILARITY_COMPANY_MIN - 1e-9 || title < SIMILARITY_TITLE_MIN - 1e-9)
        return false;
    bool a_set = a->location && a->location[0], b_set = b->location && b->location[0];
    return !(a_set && b_set &&
             similarity_ratio(a->location, b->location) < SIMILARITY_LOCATION_MIN - 1e-9);
}

/* A company name among 40 spellings close to one another ("Acme Labs", "ACME Lab 3, Inc."...):
 * more than a matcher remembers, so that it forgets and decides again. */
static void random_company(char *out)
{
    static const char *const names[] = {"Acme Labs", "ACME Lab", "Acne Labs", "Acme", "Globex"};
    static const char *const tails[] = {"", ", Inc.", " 3", " GmbH", " Labz", " (EU)", " Ltd", "s"};
    snprintf(out, 64, "%s%s", names[rand() % 5], tails[rand() % 8]);
}

/* Random postings whose fields sit around each threshold: the same verdict as the plain rule,
 * and the same similarity to the bit when true; a matcher given the raw fields of many
 * candidates (normalising inside, remembering companies) agrees with both. */
static void test_rule_against_plain(void **state)
{
    srand(7);
    static char ta[256], tb[256], la[64], lb[64], ca[64], cb[64];
    size_t trues = 0, falses = 0;
    for (int round = 0; round < 1000; round++) {
        random_text(ta, 5 + (size_t)rand() % 30, 4 + rand() % 6);
        random_text(la, (size_t)rand() % 8, 3);
        random_company(ca);
        char *c1 = fingerprint_normalize_company(ca), *t1 = fingerprint_normalize_title(ta),
             *l1 = fingerprint_normalize_location(la);
        struct similarity_keys a = {c1, t1, l1};
        struct similarity_matcher m;
        similarity_matcher_init(&m, &a);
        for (int candidate = 0; candidate < 40; candidate++) {
            mutate(ta, tb, rand() % 6);
            if (rand() % 3)
                mutate(la, lb, rand() % 5);
            else
                lb[0] = '\0';
            random_company(cb);
            char *c2 = fingerprint_normalize_company(cb), *t2 = fingerprint_normalize_title(tb),
                 *l2 = fingerprint_normalize_location(lb);
            struct similarity_keys b = {c2, t2, l2};
            double want, got = -1, got_raw = -1;
            bool verdict = plain_rule(&a, &b, &want);
            assert_true(similarity_possible_duplicate(&a, &b, &got) == verdict);
            assert_true(similarity_matcher_test(&m, cb, tb, lb, &got_raw) == verdict);
            if (verdict) {
                assert_true(got == want && got_raw == want); /* the same double, not just close */
                trues++;
            } else {
                assert_true(got == -1 && got_raw == -1);
                falses++;
            }
            free(l2), free(t2), free(c2);
        }
        similarity_matcher_free(&m);
        free(l1), free(t1), free(c1);
    }
    /* both verdicts well represented */
    assert_true(trues > 1000 && falses > 1000);
}

/* A raw title built from pieces that normalising changes: case, punctuation and runs of
 * breaks, bracketed groups (nested, unclosed), decoration words and pairs, letters that fold
 * to ASCII or below U+0100 (K, ſ, É), others above it, invalid UTF-8 and over-long titles. */
static void random_raw_title(char *out, size_t cap)
{
    static const char *const pieces[] = {"Backend",
                                         "backend",
                                         "BACKEND",
                                         "Engineer",
                                         "engineer",
                                         "Engineers",
                                         "Dev",
                                         "dev",
                                         " ",
                                         "  ",
                                         "-",
                                         "/",
                                         ", ",
                                         "(Remote)",
                                         "[EU] ",
                                         "(a (b) c)",
                                         "(",
                                         ")",
                                         "remote",
                                         "Hybrid",
                                         "full",
                                         "time",
                                         "Full-Time ",
                                         "part",
                                         "\xe2\x84\xaa",
                                         "\xc5\xbf",
                                         "\xc3\x89",
                                         "\xc5\x82",
                                         "\xe4\xb8\xad",
                                         "\xc3",
                                         "\xff",
                                         "Sr.",
                                         "II",
                                         "3",
                                         "x",
                                         "y",
                                         "z",
                                         "ops",
                                         "Ops ",
                                         "Data"};
    size_t n = (size_t)rand() % 14, len = 0;
    out[0] = '\0';
    if (rand() % 20 == 0)
        n = 150; /* past SIMILARITY_MAX_CODEPOINTS once normalised, often */
    for (size_t i = 0; i < n; i++) {
        const char *p = pieces[rand() % (int)(sizeof pieces / sizeof pieces[0])];
        size_t k = strlen(p);
        if (len + k + 1 > cap)
            break;
        memcpy(out + len, p, k + 1);
        len += k;
    }
}

/* The matcher's shortcut on raw titles (a bound from their code points, before normalising)
 * never changes a verdict nor a similarity: raw titles with everything normalising removes or
 * folds, against the plain rule on the normalised fields. */
static void test_raw_titles_against_plain(void **state)
{
    (void)state;
    srand(11);
    static char ta[1024], tb[1024];
    size_t trues = 0, falses = 0;
    for (int round = 0; round < 400; round++) {
        random_raw_title(ta, sizeof ta);
        char *t1 = fingerprint_normalize_title(ta);
        struct similarity_keys a = {"acme", t1, ""};
        struct similarity_matcher m;
        similarity_matcher_init(&m, &a);
        for (int candidate = 0; candidate < 60; candidate++) {
            if (candidate % 3 == 0)
                random_raw_title(tb, sizeof tb);
            else
                mutate(ta, tb, rand() % 4); /* near a, so that some pass */
            char *t2 = fingerprint_normalize_title(tb);
            struct similarity_keys b = {"acme", t2, ""};
            double want, got = -1;
            bool verdict = plain_rule(&a, &b, &want);
            assert_true(similarity_matcher_test(&m, "Acme", tb, NULL, &got) == verdict);
            if (verdict) {
                assert_true(got == want);
                trues++;
            } else {
                assert_true(got == -1);
                falses++;
            }
            free(t2);
        }
        similarity_matcher_free(&m);
        free(t1);
    }
    assert_true(trues > 1000 && falses > 1000);
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
        cmocka_unit_test(test_within_exhaustive),
        cmocka_unit_test(test_within_random),
        cmocka_unit_test(test_rule_against_plain),
        cmocka_unit_test(test_raw_titles_against_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
