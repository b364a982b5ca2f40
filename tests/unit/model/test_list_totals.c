/*
 * Unit tests of the kept list totals (src/model/list_totals.c) without a database: a total is
 * found only for its owner and key, with the version and owner's row count it was kept with; a
 * newer one replaces it; a key too long to keep is never found; slots shared by many lists give
 * each only its own total or nothing; a set of ids is given back as kept (a copy), a slot kept
 * without one is not found when a set is wanted, and the sets of all slots stay within
 * LIST_TOTALS_IDS_BYTES, the oldest giving way; a slice of a kept set (a kept order's page) is
 * given only at the version it was kept at, for its owner and key, and only within the set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "model/list_totals.h"

static void test_found_for_its_key_only(void **state)
{
    (void)state;
    int64_t version = 0, total = 0, all = 0;
    assert_false(
        list_totals_get(7, "jobs\nkubernetes:*", &version, &total, &all, NULL, NULL, NULL));
    list_totals_put(7, "jobs\nkubernetes:*", 41, 12497, 100000, NULL, 0);
    assert_true(list_totals_get(7, "jobs\nkubernetes:*", &version, &total, &all, NULL, NULL, NULL));
    assert_int_equal(version, 41);
    assert_int_equal(total, 12497);
    assert_int_equal(all, 100000);
    assert_false(
        list_totals_get(8, "jobs\nkubernetes:*", &version, &total, &all, NULL, NULL, NULL));
    assert_false(
        list_totals_get(7, "contacts\nkubernetes:*", &version, &total, &all, NULL, NULL, NULL));
    assert_false(
        list_totals_get(7, "jobs\nkubernetes:* & go:*", &version, &total, &all, NULL, NULL, NULL));
    /* a newer version's total replaces it */
    list_totals_put(7, "jobs\nkubernetes:*", 42, 12498, -1, NULL, 0);
    assert_true(list_totals_get(7, "jobs\nkubernetes:*", &version, &total, &all, NULL, NULL, NULL));
    assert_int_equal(version, 42);
    assert_int_equal(total, 12498);
    assert_int_equal(all, -1);
}

static void test_long_key_not_kept(void **state)
{
    (void)state;
    char key[LIST_TOTALS_KEY + 10];
    memset(key, 'a', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    list_totals_put(1, key, 1, 5, 5, NULL, 0);
    int64_t version = 0, total = 0, all = 0;
    assert_false(list_totals_get(1, key, &version, &total, &all, NULL, NULL, NULL));
    /* the longest that fits: the key and its end */
    key[LIST_TOTALS_KEY - 1] = '\0';
    list_totals_put(1, key, 1, 5, 5, NULL, 0);
    assert_true(list_totals_get(1, key, &version, &total, &all, NULL, NULL, NULL));
    assert_int_equal(total, 5);
}

/* More lists than slots: each is either its own total or not found, never another's. */
static void test_shared_slots(void **state)
{
    (void)state;
    char key[32];
    for (int64_t i = 0; i < 4 * LIST_TOTALS_SLOTS; i++) {
        snprintf(key, sizeof key, "jobs\nw%lld:*", (long long)i);
        list_totals_put(i % 5, key, i, i * 3, i * 7, NULL, 0);
    }
    int found = 0;
    for (int64_t i = 0; i < 4 * LIST_TOTALS_SLOTS; i++) {
        int64_t version = -1, total = -1, all = -1;
        snprintf(key, sizeof key, "jobs\nw%lld:*", (long long)i);
        if (list_totals_get(i % 5, key, &version, &total, &all, NULL, NULL, NULL)) {
            found++;
            assert_int_equal(version, i);
            assert_int_equal(total, i * 3);
            assert_int_equal(all, i * 7);
        }
        assert_false(list_totals_get(i % 5 + 1, key, &version, &total, &all, NULL, NULL, NULL));
    }
    assert_true(found > 0 && found <= LIST_TOTALS_SLOTS);
}

/* A set of ids comes back as it was kept, as a copy; a total kept without a set is not found
 * when one is wanted, and is when none is. */
static void test_ids(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    int64_t ids[5] = {3, 9, 27, 81, 243}, version = 0, total = 0, all = 0;
    const void *got = NULL;
    size_t len = 0;
    list_totals_put(2, "jobs\nset", 5, 5, 400, ids, sizeof ids);
    ids[0] = 4; /* the kept set is the server's own copy */
    assert_true(list_totals_get(2, "jobs\nset", &version, &total, &all, &a, &got, &len));
    assert_int_equal(len, sizeof ids);
    assert_int_equal(((const int64_t *)got)[0], 3);
    assert_memory_equal((const int64_t *)got + 1, ids + 1, sizeof ids - sizeof ids[0]);
    assert_int_equal(total, 5);
    list_totals_put(2, "jobs\nset", 6, 5, 400, NULL, 0);
    assert_false(list_totals_get(2, "jobs\nset", &version, &total, &all, &a, &got, &len));
    assert_true(list_totals_get(2, "jobs\nset", &version, &total, &all, NULL, NULL, NULL));
    assert_int_equal(version, 6);
    arena_free(&a);
}

/* A slice of a kept order: only at its version, for its owner and key, within the set. */
static void test_slice(void **state)
{
    (void)state;
    uint32_t ids[6] = {60, 50, 40, 30, 20, 10}, out[3] = {0, 0, 0};
    list_totals_put(3, "jobs\norder", 41, 6, 200, ids, sizeof ids);
    assert_true(list_totals_slice(3, "jobs\norder", 41, 2 * sizeof *ids, 3 * sizeof *ids, out));
    assert_memory_equal(out, ids + 2, sizeof out);
    assert_true(list_totals_slice(3, "jobs\norder", 41, 5 * sizeof *ids, sizeof *ids, out));
    assert_int_equal(out[0], 10);
    assert_true(list_totals_slice(3, "jobs\norder", 41, 6 * sizeof *ids, 0, out));
    assert_false(list_totals_slice(3, "jobs\norder", 42, 0, sizeof *ids, out));  /* moved */
    assert_false(list_totals_slice(4, "jobs\norder", 41, 0, sizeof *ids, out));  /* owner */
    assert_false(list_totals_slice(3, "jobs\norder2", 41, 0, sizeof *ids, out)); /* key */
    assert_false(list_totals_slice(3, "jobs\norder", 41, 4 * sizeof *ids, 3 * sizeof *ids, out));
    assert_false(list_totals_slice(3, "jobs\norder", 41, 7 * sizeof *ids, 0, out));
    list_totals_put(3, "jobs\norder", 43, 6, 200, NULL, 0); /* kept without its order */
    assert_false(list_totals_slice(3, "jobs\norder", 43, 0, sizeof *ids, out));
}

/* Sets of a quarter of the budget each: at most four are kept at once, the newest always. */
static void test_ids_bounded(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    size_t size = LIST_TOTALS_IDS_BYTES / 4;
    char *set = calloc(1, size);
    assert_non_null(set);
    char key[32];
    for (int i = 0; i < 12; i++) {
        snprintf(key, sizeof key, "jobs\nbig %d", i);
        set[0] = (char)i;
        list_totals_put(3, key, i, i, -1, set, size);
        int kept = 0;
        for (int j = 0; j <= i; j++) {
            int64_t version = 0, total = 0, all = 0;
            const void *got = NULL;
            size_t len = 0;
            snprintf(key, sizeof key, "jobs\nbig %d", j);
            if (list_totals_get(3, key, &version, &total, &all, &a, &got, &len)) {
                kept++;
                assert_int_equal(len, size);
                assert_int_equal(((const char *)got)[0], (char)j);
            } else {
                assert_true(j != i); /* the newest is kept */
            }
        }
        assert_true(kept >= 1 && kept <= 4);
    }
    /* a set larger than the budget is not kept, its total is */
    char *huge = calloc(1, LIST_TOTALS_IDS_BYTES + 8);
    assert_non_null(huge);
    list_totals_put(3, "jobs\nhuge", 1, 9, -1, huge, LIST_TOTALS_IDS_BYTES + 8);
    int64_t version = 0, total = 0, all = 0;
    const void *got = NULL;
    size_t len = 0;
    assert_false(list_totals_get(3, "jobs\nhuge", &version, &total, &all, &a, &got, &len));
    assert_true(list_totals_get(3, "jobs\nhuge", &version, &total, &all, NULL, NULL, NULL));
    assert_int_equal(total, 9);
    free(huge);
    free(set);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_found_for_its_key_only),
        cmocka_unit_test(test_long_key_not_kept),
        cmocka_unit_test(test_shared_slots),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_slice),
        cmocka_unit_test(test_ids_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
