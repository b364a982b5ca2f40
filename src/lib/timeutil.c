/* This file implements the UTC time helpers of timeutil.h. */
#include "timeutil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"

/* The first and the last second the parsers take (1900-01-01T00:00:00Z, 9999-12-31T23:59:59Z):
 * the years of four digits that the formats below write in full. */
#define TIME_FIRST ((time_t)-2208988800LL)
#define TIME_LAST ((time_t)253402300799LL)

/* t within [TIME_FIRST, TIME_LAST]: beyond, strftime's year has more than four digits (or a
 * sign), its text does not fit and glibc leaves the buffer without its NUL. */
static time_t clamped(time_t t)
{
    return t < TIME_FIRST ? TIME_FIRST : t > TIME_LAST ? TIME_LAST : t;
}

void time_format_rfc3339(time_t t, char out[TIME_RFC3339_LEN])
{
    struct tm tm;
    t = clamped(t);
    gmtime_r(&t, &tm);
    strftime(out, TIME_RFC3339_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_format_date(time_t t, char out[TIME_DATE_LEN])
{
    struct tm tm;
    t = clamped(t);
    gmtime_r(&t, &tm);
    strftime(out, TIME_DATE_LEN, "%Y-%m-%d", &tm);
}

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

static int number(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool parse_ymd(const char *s, struct tm *tm)
{
    if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
        return false;
    int y = number(s, 4), m = number(s + 5, 2), d = number(s + 8, 2);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap);
    if (d > max)
        return false;
    memset(tm, 0, sizeof *tm);
    tm->tm_year = y - 1900;
    tm->tm_mon = m - 1;
    tm->tm_mday = d;
    return true;
}

/* timegm of a tm whose fields parse_ymd and time_parse_rfc3339 checked (year 1900..9999, a real
 * date, hour 0..23, minute 0..59, second 0..60) as plain arithmetic: the days since the epoch of
 * the proleptic Gregorian date (March-based years), then the seconds. timegm takes the time
 * zone lock and normalises every field for the same answer. */
static time_t seconds_of(const struct tm *tm)
{
    int64_t y = tm->tm_year + 1900, m = tm->tm_mon + 1;
    y -= m <= 2;
    int64_t era = y / 400, yoe = y - era * 400; /* y >= 1899: no negative division */
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + tm->tm_mday - 1;
    int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return (time_t)(days * 86400 + tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec);
}

bool time_parse_date(const char *s, time_t *out)
{
    struct tm tm;
    if (strlen(s) != 10 || !parse_ymd(s, &tm))
        return false;
    *out = seconds_of(&tm);
    return true;
}

bool time_parse_rfc3339(const char *s, time_t *out)
{
    struct tm tm;
    size_t n = strlen(s);
    if (n == 10)
        return time_parse_date(s, out);
    if (n < 19 || !parse_ymd(s, &tm) || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
        return false;
    const char *p = s + 11;
    if (!digits(p, 2) || p[2] != ':' || !digits(p + 3, 2) || p[5] != ':' || !digits(p + 6, 2))
        return false;
    tm.tm_hour = number(p, 2);
    tm.tm_min = number(p + 3, 2);
    tm.tm_sec = number(p + 6, 2);
    if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return false;
    p += 8;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    long offset = 0; /* no offset at all: the time is UTC, as every time of the API */
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        if (!digits(p + 1, 2) || p[3] != ':' || !digits(p + 4, 2) || number(p + 1, 2) > 23 ||
            number(p + 4, 2) > 59)
            return false; /* RFC 3339's time-numoffset: hours 00-23, minutes 00-59 */
        offset = (number(p + 1, 2) * 60 + number(p + 4, 2)) * 60L;
        if (*p == '-')
            offset = -offset;
        p += 6;
    }
    if (*p != '\0')
        return false;
    /* the time in UTC stays within the years the text may name: an offset or a leap second
       must not carry 9999-12-31 into year 10000 (stored by PostgreSQL as such, and too long
       for time_format_rfc3339) nor 1900-01-01 back into 1899 (a time no parser takes back) */
    time_t t = seconds_of(&tm) - offset;
    if (t < TIME_FIRST || t > TIME_LAST)
        return false;
    *out = t;
    return true;
}

bool time_parse_canonical(const char *s, time_t *out)
{
    /* of the texts time_parse_rfc3339 takes, time_format_rfc3339 writes back exactly those of
       TIME_RFC3339_LEN - 1 bytes (no fraction, no offset) with an upper-case 'T' and 'Z' and a
       second below 60 (60 is the next minute's 00) */
    return strlen(s) == TIME_RFC3339_LEN - 1 && s[10] == 'T' && s[19] == 'Z' &&
           !(s[17] == '6' && s[18] == '0') && time_parse_rfc3339(s, out);
}

int64_t time_monotonic_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t time_thread_cpu_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

const char *time_now_text(struct arena *a)
{
    char *text = arena_alloc(a, TIME_RFC3339_LEN);
    time_format_rfc3339(time(NULL), text);
    return text;
}

const char *time_today_text(struct arena *a)
{
    char *text = arena_alloc(a, TIME_DATE_LEN);
    time_format_date(time(NULL), text);
    return text;
}
