/*
 * This file declares UTC time helpers. Timestamps travel as RFC 3339 text with a Z suffix
 * ("2025-11-24T20:19:44Z"), dates as YYYY-MM-DD; both compare correctly as strings.
 */
#ifndef COPILOT_LIB_TIMEUTIL_H
#define COPILOT_LIB_TIMEUTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct arena;

#define TIME_RFC3339_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */
#define TIME_DATE_LEN 11    /* "YYYY-MM-DD" + NUL */

/* Writes t as RFC 3339 UTC into out (TIME_RFC3339_LEN bytes); a time before 1900 or after 9999
 * is written as the first or the last second of that span. */
void time_format_rfc3339(time_t t, char out[TIME_RFC3339_LEN]);
/* Writes the UTC calendar date of t into out (TIME_DATE_LEN bytes), within the same span. */
void time_format_date(time_t t, char out[TIME_DATE_LEN]);
/* Parses "YYYY-MM-DD" strictly (real calendar date); true on success, *out = midnight UTC. */
bool time_parse_date(const char *s, time_t *out);
/* Parses RFC 3339 ("YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM)"), the same without an offset (read as
 * UTC: the API's times are all UTC) or a plain date (midnight UTC); true on success. The year
 * is 1900-9999 and so is the time in UTC (an offset or a leap second never crosses out). */
bool time_parse_rfc3339(const char *s, time_t *out);
/* time_parse_rfc3339 of s when s is exactly what time_format_rfc3339 writes for the time it
 * parses to ("YYYY-MM-DDTHH:MM:SSZ", upper case, no fraction or offset, second below 60); false
 * (and *out unspecified) for any other text. */
bool time_parse_canonical(const char *s, time_t *out);
/* The current time as RFC 3339 UTC text, allocated in a (for created_at and the like). */
const char *time_now_text(struct arena *a);
/* Today's UTC date as YYYY-MM-DD text, allocated in a. */
const char *time_today_text(struct arena *a);
/* Microseconds from a monotonic clock, for durations. */
int64_t time_monotonic_us(void);
/* Microseconds of CPU the calling thread has used (user and system), for the work of a request
 * as opposed to its waits. */
int64_t time_thread_cpu_us(void);

#endif
