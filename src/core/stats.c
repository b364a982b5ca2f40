/*
 * This file implements the analytics formulas of analytics.h. Dates are handled as day numbers
 * (days since 1970-01-01, proleptic Gregorian) with the civil-calendar conversions of Howard
 * Hinnant's "chrono-compatible low-level date algorithms", so no time zone or libc state is
 * involved and every engine gives the same answer.
 */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/xalloc.h"

const struct stats_benchmark stats_benchmarks[STATS_RATES] = {
    [STATS_RESPONSE] = {"response_rate", 15.0, 25.0, 40.0},
    [STATS_INTERVIEW] = {"interview_rate", 5.0, 10.0, 20.0},
    [STATS_OFFER] = {"offer_rate", 1.0, 3.0, 8.0},
};

static const char *const funnel_names[STATS_FUNNEL_STAGES] = {"applications", "applied",
                                                              "interview", "offer", "accepted"};

/* ================================================================ rates */

double stats_round1(double x)
{
    return round(x * 10.0) / 10.0;
}

double stats_rate(int64_t part, int64_t whole)
{
    if (whole <= 0)
        return 0.0;
    return stats_round1((double)part * 100.0 / (double)whole);
}

const char *stats_rate_level(double rate, const struct stats_benchmark *b)
{
    if (rate >= b->strong)
        return "strong";
    if (rate >= b->typical)
        return "typical";
    if (rate >= b->low)
        return "low";
    return "below_low";
}

/* ================================================================ funnel */

int stats_funnel(const int64_t counts[STATS_FUNNEL_STAGES],
                 struct stats_stage out[STATS_FUNNEL_STAGES])
{
    int worst = -1;
    for (int i = 0; i < STATS_FUNNEL_STAGES; i++) {
        struct stats_stage *s = &out[i];
        s->name = funnel_names[i];
        s->count = counts[i];
        s->rate_from_first = stats_rate(counts[i], counts[0]);
        s->rate_from_previous =
            i == 0 ? (counts[0] > 0 ? 100.0 : 0.0) : stats_rate(counts[i], counts[i - 1]);
        /* compared unrounded so 19.96% is still below 20% */
        s->bottleneck =
            i > 0 && counts[i - 1] > 0 &&
            (double)counts[i] * 100.0 < STATS_BOTTLENECK_PERCENT * (double)counts[i - 1];
        if (s->bottleneck && (worst < 0 || s->rate_from_previous < out[worst].rate_from_previous))
            worst = i;
    }
    return worst;
}

/* ================================================================ calendar */

/* Days since 1970-01-01 of y-m-d (Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int64_t stats_day(const char *date)
{
    if (date == NULL || strlen(date) < 10 || date[4] != '-' || date[7] != '-')
        return STATS_NO_DAY;
    int y = digits(date, 4), m = digits(date + 5, 2), d = digits(date + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1)
        return STATS_NO_DAY;
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > month_days[m - 1] + (m == 2 && leap))
        return STATS_NO_DAY;
    return days_from_civil(y, m, d);
}

void stats_day_text(int64_t day, char out[11])
{
    int64_t y, m, d;
    civil_from_days(day, &y, &m, &d);
    unsigned year = (unsigned)((y % 10000 + 10000) % 10000);
    out[0] = (char)('0' + year / 1000);
    out[1] = (char)('0' + year / 100 % 10);
    out[2] = (char)('0' + year / 10 % 10);
    out[3] = (char)('0' + year % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int64_t stats_week_start(int64_t day)
{
    /* 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7 */
    int64_t weekday = ((day + 3) % 7 + 7) % 7;
    return day - weekday;
}

int64_t stats_month_start(int64_t day)
{
    int64_t y, m, d;
    civil_from_days(day, &y, &m, &d);
    return days_from_civil(y, m, 1);
}

/* ================================================================ goal streak, response time */

static int compare_day_desc(const void *a, const void *b)
{
    const struct stats_day_count *x = a, *y = b;
    return x->day < y->day ? 1 : x->day > y->day ? -1 : 0;
}

int64_t stats_streak(const struct stats_day_count *days, size_t n, int64_t today, int64_t goal)
{
    if (goal <= 0 || n == 0)
        return 0;
    struct stats_day_count *sorted = xmalloc(n * sizeof *sorted);
    memcpy(sorted, days, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, compare_day_desc);
    /* merge duplicates, keep days up to today, newest first */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (sorted[i].day > today)
            continue;
        if (m > 0 && sorted[m - 1].day == sorted[i].day)
            sorted[m - 1].count += sorted[i].count;
        else
            sorted[m++] = sorted[i];
    }
    int64_t expect = today, streak = 0;
    size_t i = 0;
    if (m > 0 && sorted[0].day == today && sorted[0].count < goal)
        i = 1; /* today is not over yet: it neither counts nor breaks the streak */
    if (i == 1 || m == 0 || sorted[0].day != today)
        expect = today - 1;
    for (; i < m && sorted[i].day == expect && sorted[i].count >= goal; i++, expect--)
        streak++;
    free(sorted);
    return streak;
}

/* ================================================================ time series */

int64_t stats_bucket_count(int64_t from, int64_t to, enum stats_interval interval)
{
    if (interval == STATS_DAY)
        return to - from + 1;
    return (stats_week_start(to) - stats_week_start(from)) / 7 + 1;
}

int64_t stats_bucket_start(int64_t from, int64_t i, enum stats_interval interval)
{
    return interval == STATS_DAY ? from + i : stats_week_start(from) + 7 * i;
}

int64_t stats_fill_buckets(const struct stats_day_count *days, size_t n, int64_t from, int64_t to,
                           enum stats_interval interval, int64_t *buckets, size_t nbuckets)
{
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (days[i].day < from || days[i].day > to)
            continue;
        int64_t b = interval == STATS_DAY
                        ? days[i].day - from
                        : (stats_week_start(days[i].day) - stats_week_start(from)) / 7;
        if (b < 0 || (size_t)b >= nbuckets)
            continue;
        buckets[b] += days[i].count;
        total += days[i].count;
    }
    return total;
}
