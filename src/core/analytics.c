/*
 * This file implements the analytics formulas of analytics.h. Dates are handled as day numbers
 * (days since 1970-01-01, proleptic Gregorian) with the civil-calendar conversions of Howard
 * Hinnant's "chrono-compatible low-level date algorithms", so no time zone or libc state is
 * involved and every engine gives the same answer.
 */
#include "analytics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/xalloc.h"

const struct analytics_benchmark analytics_benchmarks[ANALYTICS_RATES] = {
    [ANALYTICS_RESPONSE] = {"response_rate", 15.0, 25.0, 40.0},
    [ANALYTICS_INTERVIEW] = {"interview_rate", 5.0, 10.0, 20.0},
    [ANALYTICS_OFFER] = {"offer_rate", 1.0, 3.0, 8.0},
};

const char *const analytics_funnel_names[ANALYTICS_FUNNEL_STAGES] = {
    "applications", "applied", "interview", "offer", "accepted"};

/* ================================================================ rates */

double analytics_round1(double x)
{
    return round(x * 10.0) / 10.0;
}

double analytics_rate(int64_t part, int64_t whole)
{
    if (whole <= 0)
        return 0.0;
    return analytics_round1((double)part * 100.0 / (double)whole);
}

const char *analytics_rate_level(double rate, const struct analytics_benchmark *b)
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

int analytics_funnel(const int64_t counts[ANALYTICS_FUNNEL_STAGES],
                     struct analytics_stage out[ANALYTICS_FUNNEL_STAGES])
{
    int worst = -1;
    for (int i = 0; i < ANALYTICS_FUNNEL_STAGES; i++) {
        struct analytics_stage *s = &out[i];
        s->name = analytics_funnel_names[i];
        s->count = counts[i];
        s->rate_from_first = analytics_rate(counts[i], counts[0]);
        s->rate_from_previous =
            i == 0 ? (counts[0] > 0 ? 100.0 : 0.0) : analytics_rate(counts[i], counts[i - 1]);
        /* compared unrounded so 19.96% is still below 20% */
        s->bottleneck =
            i > 0 && counts[i - 1] > 0 &&
            (double)counts[i] * 100.0 < ANALYTICS_BOTTLENECK_PERCENT * (double)counts[i - 1];
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

int64_t analytics_day(const char *date)
{
    if (date == NULL || strlen(date) < 10 || date[4] != '-' || date[7] != '-')
        return ANALYTICS_NO_DAY;
    int y = digits(date, 4), m = digits(date + 5, 2), d = digits(date + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1)
        return ANALYTICS_NO_DAY;
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > month_days[m - 1] + (m == 2 && leap))
        return ANALYTICS_NO_DAY;
    return days_from_civil(y, m, d);
}

void analytics_day_text(int64_t day, char out[11])
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

int64_t analytics_week_start(int64_t day)
{
    /* 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7 */
    int64_t weekday = ((day + 3) % 7 + 7) % 7;
    return day - weekday;
}

int64_t analytics_month_start(int64_t day)
{
    int64_t y, m, d;
    civil_from_days(day, &y, &m, &d);
    return days_from_civil(y, m, 1);
}

/* ================================================================ goal streak, response time */

static int compare_day_desc(const void *a, const void *b)
{
    const struct analytics_day_count *x = a, *y = b;
    return x->day < y->day ? 1 : x->day > y->day ? -1 : 0;
}

int64_t analytics_streak(const struct analytics_day_count *days, size_t n, int64_t today,
                         int64_t goal)
{
    if (goal <= 0 || n == 0)
        return 0;
    struct analytics_day_count *sorted = xmalloc(n * sizeof *sorted);
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

bool analytics_average_days(const struct analytics_span_count *spans, size_t n, double *out)
{
    int64_t total = 0, count = 0;
    for (size_t i = 0; i < n; i++) {
        if (spans[i].to_day < spans[i].from_day || spans[i].count <= 0)
            continue;
        total += (spans[i].to_day - spans[i].from_day) * spans[i].count;
        count += spans[i].count;
    }
    if (count == 0)
        return false;
    *out = analytics_round1((double)total / (double)count);
    return true;
}

/* ================================================================ time series */

int64_t analytics_bucket_count(int64_t from, int64_t to, enum analytics_interval interval)
{
    if (interval == ANALYTICS_DAY)
        return to - from + 1;
    return (analytics_week_start(to) - analytics_week_start(from)) / 7 + 1;
}

int64_t analytics_bucket_start(int64_t from, int64_t i, enum analytics_interval interval)
{
    return interval == ANALYTICS_DAY ? from + i : analytics_week_start(from) + 7 * i;
}

int64_t analytics_fill_buckets(const struct analytics_day_count *days, size_t n, int64_t from,
                               int64_t to, enum analytics_interval interval, int64_t *buckets,
                               size_t nbuckets)
{
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (days[i].day < from || days[i].day > to)
            continue;
        int64_t b = interval == ANALYTICS_DAY
                        ? days[i].day - from
                        : (analytics_week_start(days[i].day) - analytics_week_start(from)) / 7;
        if (b < 0 || (size_t)b >= nbuckets)
            continue;
        buckets[b] += days[i].count;
        total += days[i].count;
    }
    return total;
}

/* ================================================================ skill gap */

static int compare_key(const void *a, const void *b)
{
    return strcmp(((const struct analytics_skill *)a)->skill,
                  ((const struct analytics_skill *)b)->skill);
}

static int compare_demand(const void *a, const void *b)
{
    const struct analytics_skill *x = a, *y = b;
    if (x->jobs != y->jobs)
        return x->jobs > y->jobs ? -1 : 1;
    return strcmp(x->skill, y->skill);
}

size_t analytics_skill_gap(struct analytics_skill *items, size_t n, struct analytics_gap *gap)
{
    size_t m = 0;
    if (n > 0) {
        qsort(items, n, sizeof *items, compare_key);
        for (size_t i = 0; i < n; i++) {
            if (m > 0 && strcmp(items[m - 1].skill, items[i].skill) == 0) {
                items[m - 1].jobs += items[i].jobs;
                items[m - 1].have = items[m - 1].have || items[i].have;
            } else {
                items[m++] = items[i];
            }
        }
        qsort(items, m, sizeof *items, compare_demand);
    }
    gap->required = m;
    gap->have = 0;
    for (size_t i = 0; i < m; i++)
        gap->have += items[i].have;
    gap->coverage = m ? analytics_round1((double)gap->have * 100.0 / (double)m) : 0.0;
    return m;
}
