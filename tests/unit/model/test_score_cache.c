/*
 * Unit tests of the per-user cache of scored open jobs (src/model/score_cache.c) without a
 * database: an entry is found only for its user and version, a newer version drops the older
 * one, the byte cap drops the least recently used first and never keeps an entry larger than
 * itself, an entry dropped while a request holds it lives until released, and refreshing for
 * another clock gives the young jobs the scores scoring_score_at gives (and counts the moves);
 * the packing of an entry: young jobs' parts kept once each, skill ids as narrow as they fit.
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
    uint32_t k = score_cache_parts_intern(&x->parts, &parts);
    x->young[0] = (struct score_cache_young){.job = 0, .parts = k, .created = built};
    x->young[1] = (struct score_cache_young){.job = 2, .parts = k, .created = built - 86400 * 10};
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
    score_cache_refresh(x, later + 1);        /* a second later: the same tenths, no move */
    assert_int_equal(x->moves, 1);
    score_cache_release(x);
}

/* Parts are kept once each: equal bits give the same index, any field that differs (-0.0
 * against 0.0 included) a new one; the table grows past its first slots and still finds
 * every one. */
static void test_parts_intern(void **state)
{
    (void)state;
    struct score_cache_parts s = {0};
    struct scoring_parts a = {
        .head = 9.166666666666666, .preferences = 5, .gate = SCORING_GATE_FLOORED};
    struct scoring_parts b = a;
    assert_int_equal(score_cache_parts_intern(&s, &a), 0);
    assert_int_equal(score_cache_parts_intern(&s, &b), 0);
    b.gate = SCORING_GATE_GATED;
    assert_int_equal(score_cache_parts_intern(&s, &b), 1);
    b = a;
    b.learned = -0.0;
    assert_int_equal(score_cache_parts_intern(&s, &b), 2); /* a.learned is 0.0 */
    b = a;
    b.penalty_seniority = 1e-300;
    assert_int_equal(score_cache_parts_intern(&s, &b), 3);
    for (int i = 0; i < 1000; i++) {
        struct scoring_parts p = a;
        p.head = i / 7.0;
        p.penalty_salary = i % 3;
        assert_int_equal(score_cache_parts_intern(&s, &p), 4 + i);
    }
    assert_int_equal(s.n, 1004);
    for (int i = 999; i >= 0; i--) {
        struct scoring_parts p = a;
        p.head = i / 7.0;
        p.penalty_salary = i % 3;
        assert_int_equal(score_cache_parts_intern(&s, &p), 4 + i);
        assert_memory_equal(&s.items[4 + i], &p, sizeof p);
    }
    assert_int_equal(score_cache_parts_intern(&s, &a), 0);
    assert_int_equal(s.n, 1004);
    score_cache_parts_free(&s);
    assert_null(s.items);
}

/* Ids take one byte each while the largest is below 256, two below 65,536, else four; widening
 * keeps every id already there, and a reserve never narrows. */
static void test_ids_width(void **state)
{
    (void)state;
    struct score_cache_ids v = {0};
    score_cache_ids_reserve(&v, 3, 255);
    assert_int_equal(v.width, 1);
    score_cache_ids_push(&v, 0);
    score_cache_ids_push(&v, 255);
    score_cache_ids_push(&v, 7);
    score_cache_ids_reserve(&v, 2000, 256); /* wider, and past the first capacity */
    assert_int_equal(v.width, 2);
    assert_true(v.cap >= 2003);
    for (uint32_t i = 0; i < 2000; i++)
        score_cache_ids_push(&v, i % 257);
    score_cache_ids_reserve(&v, 1, 3); /* never narrower */
    assert_int_equal(v.width, 2);
    score_cache_ids_push(&v, 65535);
    score_cache_ids_reserve(&v, 2, 65536);
    assert_int_equal(v.width, 4);
    score_cache_ids_push(&v, 65536);
    score_cache_ids_push(&v, UINT32_MAX);
    assert_int_equal(v.n, 2006);
    assert_int_equal(score_cache_ids_get(&v, 0), 0);
    assert_int_equal(score_cache_ids_get(&v, 1), 255);
    assert_int_equal(score_cache_ids_get(&v, 2), 7);
    for (uint32_t i = 0; i < 2000; i++)
        assert_int_equal(score_cache_ids_get(&v, 3 + i), i % 257);
    assert_int_equal(score_cache_ids_get(&v, 2003), 65535);
    assert_int_equal(score_cache_ids_get(&v, 2004), 65536);
    assert_int_equal(score_cache_ids_get(&v, 2005), UINT32_MAX);
    score_cache_ids_free(&v);
    assert_int_equal(v.n, 0);
    score_cache_ids_reserve(&v, 0, 0); /* room for nothing yet: allocated, one byte wide */
    assert_int_equal(v.width, 1);
    score_cache_ids_free(&v);
}

int main(void)
{
    score_cache_configure(100000);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions_and_cap), cmocka_unit_test(test_dropped_while_held),
        cmocka_unit_test(test_find_and_moved),   cmocka_unit_test(test_refresh),
        cmocka_unit_test(test_parts_intern),     cmocka_unit_test(test_ids_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
