/* This file implements the UTC time helpers of timeutil.h. */
#include "timeutil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"

void time_format_rfc3339(time_t t, char out[TIME_RFC3339_LEN])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, TIME_RFC3339_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_format_date(time_t t, char out[TIME_DATE_LEN])
{
    struct tm tm;
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

bool time_parse_date(const char *s, time_t *out)
{
    struct tm tm;
    if (strlen(s) != 10 || !parse_ymd(s, &tm))
        return false;
    *out = timegm(&tm);
    return true;
}

bool time_parse_rfc3339(const char *s, time_t *out)
{
    struct tm tm;
    size_t n = strlen(s);
    if (n == 10)
        return time_parse_date(s, out);
    if (n < 20 || !parse_ymd(s, &tm) || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
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
    long offset = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        if (!digits(p + 1, 2) || p[3] != ':' || !digits(p + 4, 2))
            return false;
        offset = (number(p + 1, 2) * 60 + number(p + 4, 2)) * 60L;
        if (*p == '-')
            offset = -offset;
        p += 6;
    } else {
        return false;
    }
    if (*p != '\0')
        return false;
    *out = timegm(&tm) - offset;
    return true;
}

int64_t time_monotonic_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
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
