/*
 * This file tests src/core/stats.c with known numbers: rates and rounding, the benchmark
 * levels of SPEC part C, the funnel's rates and bottleneck, calendar helpers (leap years, ISO
 * weeks, months), the goal streak (today in progress, gaps, unsorted input, no goal), the
 * time-series buckets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/stats.h"

#define EPS 1e-9

static void test_rates(void **state)
{
    assert_float_equal(stats_rate(1, 3), 33.3, EPS);
    assert_float_equal(stats_rate(2, 3), 66.7, EPS);
    assert_float_equal(stats_rate(1, 8), 12.5, EPS);
    assert_float_equal(stats_rate(5, 5), 100.0, EPS);
    assert_float_equal(stats_rate(3, 0), 0.0, EPS);
    assert_float_equal(stats_rate(0, 7), 0.0, EPS);
    assert_float_equal(stats_round1(2.449), 2.4, EPS);
    assert_float_equal(stats_round1(2.45), 2.5, EPS);
}

static void test_benchmarks(void **state)
{
    const struct stats_benchmark *r = &stats_benchmarks[STATS_RESPONSE];
    const struct stats_benchmark *i = &stats_benchmarks[STATS_INTERVIEW];
    const struct stats_benchmark *o = &stats_benchmarks[STATS_OFFER];
    assert_string_equal(r->rate, "response_rate");
    assert_float_equal(r->low, 15, EPS);
    assert_float_equal(r->typical, 25, EPS);
    assert_float_equal(r->strong, 40, EPS);
    assert_float_equal(i->low, 5, EPS);
    assert_float_equal(i->typical, 10, EPS);
    assert_float_equal(i->strong, 20, EPS);
    assert_float_equal(o->low, 1, EPS);
    assert_float_equal(o->typical, 3, EPS);
    assert_float_equal(o->strong, 8, EPS);
    assert_string_equal(stats_rate_level(14.9, r), "below_low");
    assert_string_equal(stats_rate_level(15.0, r), "low");
    assert_string_equal(stats_rate_level(24.9, r), "low");
    assert_string_equal(stats_rate_level(25.0, r), "typical");
    assert_string_equal(stats_rate_level(40.0, r), "strong");
    assert_string_equal(stats_rate_level(100.0, r), "strong");
    assert_string_equal(stats_rate_level(0.0, o), "below_low");
    assert_string_equal(stats_rate_level(3.0, o), "typical");
    assert_string_equal(stats_rate_level(12.5, i), "typical");
}

static void test_funnel(void **state)
{
    struct stats_stage s[STATS_FUNNEL_STAGES];
    /* 100 applications, 80 applied, 10 interviews (12.5% of 80: bottleneck), 5 offers, 1 accepted
     * (20% of 5: exactly 20 is not below 20) */
    int64_t counts[] = {100, 80, 10, 5, 1};
    assert_int_equal(stats_funnel(counts, s), 2);
    assert_string_equal(s[0].name, "applications");
    assert_string_equal(s[4].name, "accepted");
    assert_float_equal(s[0].rate_from_first, 100.0, EPS);
    assert_float_equal(s[0].rate_from_previous, 100.0, EPS);
    assert_false(s[0].bottleneck);
    assert_float_equal(s[1].rate_from_first, 80.0, EPS);
    assert_float_equal(s[1].rate_from_previous, 80.0, EPS);
    assert_false(s[1].bottleneck);
    assert_float_equal(s[2].rate_from_first, 10.0, EPS);
    assert_float_equal(s[2].rate_from_previous, 12.5, EPS);
    assert_true(s[2].bottleneck);
    assert_float_equal(s[3].rate_from_previous, 50.0, EPS);
    assert_false(s[3].bottleneck);
    assert_float_equal(s[4].rate_from_first, 1.0, EPS);
    assert_float_equal(s[4].rate_from_previous, 20.0, EPS);
    assert_false(s[4].bottleneck);

    /* two flagged stages: the lower conversion is reported */
    int64_t two[] = {100, 15, 3, 0, 0};
    assert_int_equal(stats_funnel(two, s), 3);
    assert_true(s[1].bottleneck);  /* 15% */
    assert_false(s[2].bottleneck); /* 20% */
    assert_true(s[3].bottleneck);  /* 0% */
    assert_false(s[4].bottleneck); /* after an empty stage */

    int64_t empty[] = {0, 0, 0, 0, 0};
    assert_int_equal(stats_funnel(empty, s), -1);
    for (int i = 0; i < STATS_FUNNEL_STAGES; i++) {
        assert_float_equal(s[i].rate_from_first, 0.0, EPS);
        assert_float_equal(s[i].rate_from_previous, 0.0, EPS);
        assert_false(s[i].bottleneck);
    }
    /* 19.96% rounds to 20.0 for display but is still below 20% */
    int64_t edge[] = {5010, 1000, 1000, 1000, 1000};
    assert_int_equal(stats_funnel(edge, s), 1);
    assert_float_equal(s[1].rate_from_previous, 20.0, EPS);
}

static void test_calendar(void **state)
{
    assert_int_equal(stats_day("1970-01-01"), 0);
    assert_int_equal(stats_day("1970-01-02"), 1);
    assert_int_equal(stats_day("1969-12-31"), -1);
    assert_int_equal(stats_day("2000-03-01") - stats_day("2000-02-28"), 2);
    assert_int_equal(stats_day("1900-03-01") - stats_day("1900-02-28"), 1);
    assert_int_equal(stats_day("2025-11-24T20:19:44Z"), stats_day("2025-11-24"));
    assert_int_equal(stats_day("2025-02-29"), STATS_NO_DAY);
    assert_int_equal(stats_day("2024-02-30"), STATS_NO_DAY);
    assert_int_equal(stats_day("2025-13-01"), STATS_NO_DAY);
    assert_int_equal(stats_day("2025-1-01"), STATS_NO_DAY);
    assert_int_equal(stats_day("yesterday"), STATS_NO_DAY);
    assert_int_equal(stats_day(NULL), STATS_NO_DAY);
    char text[11];
    stats_day_text(stats_day("2024-02-29"), text);
    assert_string_equal(text, "2024-02-29");
    stats_day_text(0, text);
    assert_string_equal(text, "1970-01-01");
    for (int64_t d = -1000; d < 30000; d += 37) { /* round trip */
        stats_day_text(d, text);
        assert_int_equal(stats_day(text), d);
    }
    /* 2025-11-24 is a Monday, 2025-11-30 a Sunday */
    int64_t monday = stats_day("2025-11-24");
    assert_int_equal(stats_week_start(monday), monday);
    assert_int_equal(stats_week_start(stats_day("2025-11-30")), monday);
    assert_int_equal(stats_week_start(stats_day("2025-12-01")), monday + 7);
    assert_int_equal(stats_week_start(0), stats_day("1969-12-29"));
    assert_int_equal(stats_month_start(stats_day("2025-11-30")), stats_day("2025-11-01"));
    assert_int_equal(stats_month_start(stats_day("2024-03-01")), stats_day("2024-03-01"));
}

static void test_streak(void **state)
{
    int64_t t = stats_day("2025-11-25");
    struct stats_day_count days[] = {
        {t - 3, 2}, {t, 1}, {t - 1, 2}, {t - 2, 3}, {t - 5, 9}, {t + 1, 9},
    };
    /* today 1 < 2: still in progress; yesterday, -2, -3 meet the goal; -4 is missing */
    assert_int_equal(stats_streak(days, 6, t, 2), 3);
    /* goal 1: today counts too */
    assert_int_equal(stats_streak(days, 6, t, 1), 4);
    /* goal 3: yesterday (2) breaks it at once */
    assert_int_equal(stats_streak(days, 6, t, 3), 0);
    assert_int_equal(stats_streak(days, 6, t, 0), 0);
    assert_int_equal(stats_streak(NULL, 0, t, 2), 0);
    /* the same day twice adds up */
    struct stats_day_count split[] = {{t, 1}, {t, 1}, {t - 1, 2}};
    assert_int_equal(stats_streak(split, 3, t, 2), 2);
    /* nothing today or yesterday: 0 */
    struct stats_day_count old[] = {{t - 2, 5}};
    assert_int_equal(stats_streak(old, 1, t, 1), 0);
    struct stats_day_count only_today[] = {{t, 10}};
    assert_int_equal(stats_streak(only_today, 1, t, 10), 1);
}

static void test_buckets(void **state)
{
    int64_t from = stats_day("2025-11-20"), to = stats_day("2025-12-02"); /* Thu..Tue */
    assert_int_equal(stats_bucket_count(from, to, STATS_DAY), 13);
    assert_int_equal(stats_bucket_count(from, from, STATS_DAY), 1);
    /* weeks of 11-17, 11-24, 12-01 */
    assert_int_equal(stats_bucket_count(from, to, STATS_WEEK), 3);
    assert_int_equal(stats_bucket_start(from, 0, STATS_WEEK), stats_day("2025-11-17"));
    assert_int_equal(stats_bucket_start(from, 2, STATS_WEEK), stats_day("2025-12-01"));
    assert_int_equal(stats_bucket_start(from, 4, STATS_DAY), stats_day("2025-11-24"));
    struct stats_day_count days[] = {
        {stats_day("2025-11-19"), 7}, /* before from: left out */
        {stats_day("2025-11-20"), 1}, {stats_day("2025-11-23"), 2}, {stats_day("2025-11-24"), 3},
        {stats_day("2025-12-02"), 4}, {stats_day("2025-12-03"), 9}, /* after to: left out */
    };
    int64_t weeks[3] = {0};
    assert_int_equal(stats_fill_buckets(days, 6, from, to, STATS_WEEK, weeks, 3), 10);
    assert_int_equal(weeks[0], 3);
    assert_int_equal(weeks[1], 3);
    assert_int_equal(weeks[2], 4);
    int64_t daily[13] = {0};
    assert_int_equal(stats_fill_buckets(days, 6, from, to, STATS_DAY, daily, 13), 10);
    assert_int_equal(daily[0], 1);
    assert_int_equal(daily[3], 2);
    assert_int_equal(daily[4], 3);
    assert_int_equal(daily[12], 4);
    assert_int_equal(daily[1], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rates),    cmocka_unit_test(test_benchmarks),
        cmocka_unit_test(test_streak),   cmocka_unit_test(test_funnel),
        cmocka_unit_test(test_calendar), cmocka_unit_test(test_buckets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
