/*
 * This file declares the pure formulas behind /analytics (SPEC part C): rates in percent and
 * the benchmarks shown beside them, the funnel with its bottleneck flag, the daily-goal streak,
 * calendar helpers for buckets (day numbers, ISO weeks, months). No I/O, no JSON: the model
 * gathers the counts with SQL and hands them here; docs/analytics.md shows the results as the API
 * returns them.
 */
#ifndef COPILOT_CORE_STATS_H
#define COPILOT_CORE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- rates and benchmarks */

/* Thresholds in percent for one rate (SPEC part C). */
struct stats_benchmark {
    const char *rate; /* "response_rate", "interview_rate", "offer_rate" */
    double low, typical, strong;
};

enum { STATS_RESPONSE, STATS_INTERVIEW, STATS_OFFER, STATS_RATES };

/* response 15/25/40, interview 5/10/20, offer 1/3/8, indexed by STATS_RESPONSE.. */
extern const struct stats_benchmark stats_benchmarks[STATS_RATES];

/* part / whole in percent, rounded to one decimal (1/3 -> 33.3); 0 when whole <= 0. */
double stats_rate(int64_t part, int64_t whole);

/* Where rate stands against b: "strong" (>= strong), "typical" (>= typical), "low" (>= low)
 * or "below_low". A static string. */
const char *stats_rate_level(double rate, const struct stats_benchmark *b);

/* Rounds x to one decimal (for percentages and averages in responses). */
double stats_round1(double x);

/* ---------------------------------------------------------------- funnel */

#define STATS_FUNNEL_STAGES 5
/* A stage whose count is below this percentage of the stage before it is a bottleneck. */
#define STATS_BOTTLENECK_PERCENT 20.0

struct stats_stage {
    const char *name; /* "applications", "applied", "interview", "offer", "accepted" (static) */
    int64_t count;
    double rate_from_first;    /* percent of the first stage (100 for the first itself) */
    double rate_from_previous; /* percent of the stage before (100 for the first) */
    bool bottleneck;           /* below 20% of the stage before (never the first stage, nor a
                                  stage after an empty one) */
};

/* Fills out from the stage counts (each meant to be <= the one before). Returns the index of
 * the bottleneck to report, the flagged stage with the lowest rate_from_previous (the earliest
 * on a tie), or -1 when no stage is flagged. When the first stage is 0 every rate is 0. */
int stats_funnel(const int64_t counts[STATS_FUNNEL_STAGES],
                 struct stats_stage out[STATS_FUNNEL_STAGES]);

/* ---------------------------------------------------------------- calendar */

#define STATS_NO_DAY INT64_MIN

/* Days since 1970-01-01 of a "YYYY-MM-DD" date (only the first 10 characters are read, so a
 * timestamp works too), or STATS_NO_DAY when it is not a real date. */
int64_t stats_day(const char *date);
/* Writes day as "YYYY-MM-DD" into out (11 bytes). */
void stats_day_text(int64_t day, char out[11]);
/* The Monday on or before day (ISO weeks start on Monday). */
int64_t stats_week_start(int64_t day);
/* The first day of day's calendar month. */
int64_t stats_month_start(int64_t day);

/* ---------------------------------------------------------------- goal streak, response time */

struct stats_day_count {
    int64_t day;
    int64_t count;
};

/*
 * The current streak: consecutive days meeting goal (count >= goal) ending today, or ending
 * yesterday when today has not met the goal yet (today is still in progress, so it does not
 * break the streak). days may be in any order; a day listed twice adds up. A goal <= 0 means
 * no goal: the streak is 0. Days after today are ignored.
 */
int64_t stats_streak(const struct stats_day_count *days, size_t n, int64_t today, int64_t goal);

/* ---------------------------------------------------------------- time series */

enum stats_interval { STATS_DAY, STATS_WEEK };
#define STATS_MAX_BUCKETS 1000

/* The number of buckets covering from..to (both days, from <= to): days, or ISO weeks counted
 * from the Monday on or before from. */
int64_t stats_bucket_count(int64_t from, int64_t to, enum stats_interval interval);
/* The first day of bucket i. */
int64_t stats_bucket_start(int64_t from, int64_t i, enum stats_interval interval);
/* Adds the day counts that fall within from..to into buckets (nbuckets of them, zeroed by the
 * caller), each into the bucket holding its day. Returns the total added. */
int64_t stats_fill_buckets(const struct stats_day_count *days, size_t n, int64_t from, int64_t to,
                           enum stats_interval interval, int64_t *buckets, size_t nbuckets);

#endif
