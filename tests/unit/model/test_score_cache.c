/*
 * Unit tests of the per-user cache of scored open jobs (src/model/score_cache.c) without a
 * database: an entry is found only for its user and version, a newer version drops the older
 * one, the byte cap drops the least recently used first and never keeps an entry larger than
 * itself, an entry dropped while a request holds it lives until released, and refreshing for
 * another clock gives the young jobs the scores scoring_score_at gives (and counts the moves).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/xalloc.h"
#include "model/score_cache.h"

/* An entry of user with version holding njobs jobs (about 24 bytes each). */
static struct score_cache_entry *filled(int64_t user, int64_t version, size_t njobs)
{
    struct score_cache_entry *x = score_cache_new(user, version);
    x->jobs = xcalloc(njobs ? njobs : 1, sizeof *x->jobs);
    x->njobs = njobs;
    for (size_t i = 0; i < njobs; i++)
        x->jobs[i] = (struct score_cache_job){.id = (int64_t)(njobs - i), .tenths = 500};
    return x;
}

static bool cached(int64_t user, int64_t version)
{
    struct score_cache_entry *x = score_cache_get(user, version);
    score_cache_release(x);
    return x != NULL;
}

static void test_versions_and_cap(void **state)
{
    (void)state;
    assert_true(score_cache_enabled()); /* main() set a cap of 100,000 bytes */
    struct score_cache_entry *x = filled(1, 7, 1000);
    score_cache_put(x);
    score_cache_release(x);
    assert_true(cached(1, 7));
    assert_false(cached(2, 7)); /* another user */
    assert_false(cached(1, 8)); /* a newer version drops it */
    assert_false(cached(1, 7));
    /* four users of ~24 KB each fit in 100 KB; a fifth drops the least recently used */
    for (int64_t u = 1; u <= 3; u++) {
        x = filled(u, 1, 1000);
        score_cache_put(x);
        score_cache_release(x);
    }
    assert_true(cached(1, 1)); /* user 1 is now the most recently used */
    for (int64_t u = 4; u <= 5; u++) {
        x = filled(u, 1, 1000);
        score_cache_put(x);
        score_cache_release(x);
    }
    assert_true(cached(1, 1));
    assert_false(cached(2, 1));
    assert_true(cached(5, 1));
    /* larger than the cap: used once, never kept */
    x = filled(9, 1, 10000);
    score_cache_put(x);
    score_cache_release(x);
    assert_false(cached(9, 1));
    score_cache_clear();
    assert_false(cached(1, 1));
}

static void test_dropped_while_held(void **state)
{
    (void)state;
    struct score_cache_entry *x = filled(3, 1, 10);
    score_cache_put(x);
    score_cache_release(x);
    struct score_cache_entry *held = score_cache_get(3, 1);
    assert_non_null(held);
    pthread_mutex_unlock(&held->lock); /* as if another thread asked meanwhile: */
    assert_false(cached(3, 2));        /* a newer version drops it from the list */
    pthread_mutex_lock(&held->lock);
    assert_int_equal(held->jobs[0].id, 10); /* still readable (ASan would tell) */
    score_cache_release(held);
    score_cache_clear();
}

/* score_cache_find hands out a user's entry whatever its version (to be patched) and makes it
 * the most recently used; score_cache_moved gives it the patched version and counts its new
 * size against the cap. */
static void test_find_and_moved(void **state)
{
    (void)state;
    for (int64_t u = 1; u <= 4; u++) {
        struct score_cache_entry *x = filled(u, 1, 1000);
        score_cache_put(x);
        score_cache_release(x);
    }
    struct score_cache_entry *x = score_cache_find(1);
    assert_non_null(x);
    assert_int_equal(x->version, 1);
    assert_null(score_cache_find(7));
    /* patched: three times the jobs, at version 2 */
    x->jobs = xrealloc(x->jobs, 3000 * sizeof *x->jobs);
    for (size_t i = 1000; i < 3000; i++)
        x->jobs[i] = (struct score_cache_job){.id = (int64_t)(5000 - i), .tenths = 400};
    x->njobs = 3000;
    score_cache_moved(x, 2);
    score_cache_release(x);
    assert_true(cached(1, 2));
    /* 72 KB + 3 x 24 KB > 100 KB: the next entry put drops the least recently used ones (2 and
       3), not user 1, found last */
    x = filled(5, 1, 1000);
    score_cache_put(x);
    score_cache_release(x);
    assert_false(cached(2, 1));
    assert_true(cached(1, 2));
    assert_true(cached(5, 1));
    score_cache_clear();
}

static void test_refresh(void **state)
{
    (void)state;
    struct score_cache_entry *x = filled(4, 1, 3);
    x->young = xcalloc(2, sizeof *x->young);
    x->nyoung = 2;
    struct scoring_parts parts = {.head = 60, .preferences = 5, .gate = SCORING_GATE_FLOORED};
    time_t built = 1800000000;
    x->young[0] = (struct score_cache_young){.job = 0, .created = built, .parts = parts};
    x->young[1] = (struct score_cache_young){.job = 2, .created = built - 86400 * 10, .parts = parts};
    x->jobs[0].tenths = (int16_t)(scoring_score_at(&parts, 0) * 10 + 0.5);
    x->jobs[2].tenths = (int16_t)(scoring_score_at(&parts, 10) * 10 + 0.5);
    x->now = built;
    score_cache_refresh(x, built); /* the same clock: nothing to do */
    assert_int_equal(x->moves, 0);
    time_t later = built + 86400 * 3;
    score_cache_refresh(x, later);
    assert_int_equal(x->moves, 1);
    assert_int_equal(x->jobs[0].tenths, (int)(scoring_score_at(&parts, 3) * 10 + 0.5));
    assert_int_equal(x->jobs[2].tenths, (int)(scoring_score_at(&parts, 13) * 10 + 0.5));
    assert_int_equal(x->jobs[1].tenths, 500); /* not young: untouched */
    assert_true(x->jobs[0].tenths < 750);     /* 60 + 10 + 5 at first, falling */
    score_cache_refresh(x, later + 1); /* a second later: the same tenths, no move */
    assert_int_equal(x->moves, 1);
    score_cache_release(x);
}

int main(void)
{
    score_cache_configure(100000);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions_and_cap),
        cmocka_unit_test(test_dropped_while_held),
        cmocka_unit_test(test_find_and_moved),
        cmocka_unit_test(test_refresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
