/*
 * Unit tests of the kept search totals (src/model/search_totals.c) without a database: a total
 * is found only for its owner, table and words, with the version and owner's row count it was
 * kept with; a newer one replaces it; a key too long to keep is never found; slots shared by
 * many searches give each only its own total or nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/search_totals.h"

static void test_found_for_its_key_only(void **state)
{
    (void)state;
    int64_t version = 0, total = 0, all = 0;
    assert_false(search_totals_get(7, "jobs", "kubernetes:*", &version, &total, &all));
    search_totals_put(7, "jobs", "kubernetes:*", 41, 12497, 100000);
    assert_true(search_totals_get(7, "jobs", "kubernetes:*", &version, &total, &all));
    assert_int_equal(version, 41);
    assert_int_equal(total, 12497);
    assert_int_equal(all, 100000);
    assert_false(search_totals_get(8, "jobs", "kubernetes:*", &version, &total, &all));
    assert_false(search_totals_get(7, "contacts", "kubernetes:*", &version, &total, &all));
    assert_false(search_totals_get(7, "jobs", "kubernetes:* & go:*", &version, &total, &all));
    /* a newer version's total replaces it */
    search_totals_put(7, "jobs", "kubernetes:*", 42, 12498, -1);
    assert_true(search_totals_get(7, "jobs", "kubernetes:*", &version, &total, &all));
    assert_int_equal(version, 42);
    assert_int_equal(total, 12498);
    assert_int_equal(all, -1);
}

static void test_long_key_not_kept(void **state)
{
    (void)state;
    char words[SEARCH_TOTALS_KEY + 10];
    memset(words, 'a', sizeof words - 1);
    words[sizeof words - 1] = '\0';
    search_totals_put(1, "jobs", words, 1, 5, 5);
    int64_t version = 0, total = 0, all = 0;
    assert_false(search_totals_get(1, "jobs", words, &version, &total, &all));
    /* the longest that fits: the table, its separator, the words and their end */
    words[SEARCH_TOTALS_KEY - strlen("jobs") - 2] = '\0';
    search_totals_put(1, "jobs", words, 1, 5, 5);
    assert_true(search_totals_get(1, "jobs", words, &version, &total, &all));
    assert_int_equal(total, 5);
}

/* More searches than slots: each is either its own total or not found, never another's. */
static void test_shared_slots(void **state)
{
    (void)state;
    char words[32];
    for (int64_t i = 0; i < 4 * SEARCH_TOTALS_SLOTS; i++) {
        snprintf(words, sizeof words, "w%lld:*", (long long)i);
        search_totals_put(i % 5, "jobs", words, i, i * 3, i * 7);
    }
    int found = 0;
    for (int64_t i = 0; i < 4 * SEARCH_TOTALS_SLOTS; i++) {
        int64_t version = -1, total = -1, all = -1;
        snprintf(words, sizeof words, "w%lld:*", (long long)i);
        if (search_totals_get(i % 5, "jobs", words, &version, &total, &all)) {
            found++;
            assert_int_equal(version, i);
            assert_int_equal(total, i * 3);
            assert_int_equal(all, i * 7);
        }
        assert_false(search_totals_get(i % 5 + 1, "jobs", words, &version, &total, &all));
    }
    assert_true(found > 0 && found <= SEARCH_TOTALS_SLOTS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_found_for_its_key_only),
        cmocka_unit_test(test_long_key_not_kept),
        cmocka_unit_test(test_shared_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
