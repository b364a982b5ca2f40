/* UTC time helpers (lib/timeutil.h): the parsers against timegm and the formatter, the canonical
 * form against formatting back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/timeutil.h"

/* timegm of the fields, the reference the parsers' arithmetic must equal */
static time_t reference(int y, int mon, int d, int h, int min, int s)
{
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mon - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = min,
                    .tm_sec = s};
    return timegm(&tm);
}

static uint64_t next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static void test_parse_against_timegm(void **state)
{
    (void)state;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    uint64_t x = 88172645463325252ULL;
    int years[] = {1900, 1901, 1969, 1970, 1999, 2000, 2024, 2100, 2400, 9999};
    for (int i = 0; i < 200000; i++) {
        int y = i < 10 * 12 ? years[i / 12] : 1900 + (int)(next(&x) % 8100);
        int m = i < 10 * 12 ? i % 12 + 1 : 1 + (int)(next(&x) % 12);
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        int max = days[m - 1] + (m == 2 && leap);
        int d = i < 10 * 12 ? max : 1 + (int)(next(&x) % (uint64_t)max);
        int h = (int)(next(&x) % 24), min = (int)(next(&x) % 60), s = (int)(next(&x) % 61);
        char text[64];
        time_t got;
        snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
        assert_true(time_parse_date(text, &got));
        assert_int_equal(got, reference(y, m, d, 0, 0, 0));
        snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, h, min, s);
        assert_true(time_parse_rfc3339(text, &got));
        assert_int_equal(got, reference(y, m, d, h, min, s));
        snprintf(text, sizeof text, "%04d-%02d-%02dt%02d:%02d:%02d.5-01:30", y, m, d, h, min, s);
        time_t utc = reference(y, m, d, h, min, s) + 5400;
        if (utc <= reference(9999, 12, 31, 23, 59, 59)) {
            assert_true(time_parse_rfc3339(text, &got));
            assert_int_equal(got, utc);
        } else { /* 9999-12-31 late in the day: year 10000 in UTC */
            assert_false(time_parse_rfc3339(text, &got));
        }
    }
    time_t got;
    assert_false(time_parse_date("2023-02-29", &got));
    assert_false(time_parse_rfc3339("1899-12-31T00:00:00Z", &got));
    assert_false(time_parse_rfc3339("2024-01-01T24:00:00Z", &got));
}

/* The time in UTC stays within 1900-9999: an offset or a leap second that carries it out is
 * refused (the last second of 9999 plus one was stored as year 10000 by PostgreSQL, and its
 * text, one byte too long, left time_format_rfc3339's buffer without a NUL); offsets are
 * RFC 3339's, hours 00-23 and minutes 00-59. */
static void test_parse_bounds(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "9999-12-31T23:59:60Z",      "9999-12-31T23:59:59-00:01", "9999-12-31T23:00:00-23:59",
        "1900-01-01T00:00:00+00:01", "1900-01-01T00:59:59+01:00", "2026-01-01T10:00:00+99:99",
        "2026-01-01T10:00:00+24:00", "2026-01-01T10:00:00-00:60",
    };
    time_t got;
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
        if (time_parse_rfc3339(refused[i], &got))
            fail_msg("%s was taken", refused[i]);
    assert_true(time_parse_rfc3339("9999-12-31T23:59:59Z", &got));
    assert_int_equal(got, reference(9999, 12, 31, 23, 59, 59));
    assert_true(time_parse_rfc3339("9999-12-31T23:59:59+23:59", &got));
    assert_true(time_parse_rfc3339("1900-01-01T00:00:00Z", &got));
    assert_int_equal(got, reference(1900, 1, 1, 0, 0, 0));
    assert_true(time_parse_rfc3339("1900-01-01T00:00:00-00:01", &got));
    assert_true(time_parse_rfc3339("2026-01-01T10:00:00+23:59", &got));
    assert_int_equal(got, reference(2026, 1, 1, 10, 0, 0) - (23 * 60 + 59) * 60);
    /* the formatters write at most the span's last second, always with their NUL */
    char text[TIME_RFC3339_LEN + 8], day[TIME_DATE_LEN + 8];
    memset(text, 'x', sizeof text);
    memset(day, 'x', sizeof day);
    time_format_rfc3339(reference(9999, 12, 31, 23, 59, 59) + 1, text);
    assert_string_equal(text, "9999-12-31T23:59:59Z");
    time_format_date(reference(9999, 12, 31, 23, 59, 59) + 86400, day);
    assert_string_equal(day, "9999-12-31");
    time_format_rfc3339(reference(1900, 1, 1, 0, 0, 0) - 1, text);
    assert_string_equal(text, "1900-01-01T00:00:00Z");
}

/* canonical exactly when formatting the parsed time gives the text back */
static void check_canonical(const char *text)
{
    time_t t, c;
    bool plain = time_parse_rfc3339(text, &t);
    bool expect = false;
    if (plain && strlen(text) == TIME_RFC3339_LEN - 1) {
        char again[TIME_RFC3339_LEN];
        time_format_rfc3339(t, again);
        expect = strcmp(again, text) == 0;
    }
    bool got = time_parse_canonical(text, &c);
    if (got != expect)
        fail_msg("%s: canonical %d, expected %d", text, got, expect);
    if (got)
        assert_int_equal(c, t);
}

static void test_canonical_against_format(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "2024-05-06T07:08:09Z",
        "2024-05-06t07:08:09Z",
        "2024-05-06T07:08:09z",
        "2024-05-06 07:08:09Z",
        "2024-05-06T07:08:60Z",
        "2024-12-31T23:59:60Z",
        "2024-05-06T07:08:09.5Z",
        "2024-05-06T07:08:09+00:00",
        "2024-05-06",
        "2024-05-06T07:08:9Z",
        "2024-02-29T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "1900-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "2024-05-06T07:08:09ZZ",
        "",
        "garbage-text-of-20ch",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        check_canonical(texts[i]);
    /* random bytes in the shape, drawn from digits, separators and their look-alikes */
    static const char alphabet[] = "0123456789TtZz :-.+60";
    uint64_t x = 2463534242ULL;
    char text[TIME_RFC3339_LEN];
    for (int i = 0; i < 200000; i++) {
        snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", 1900 + (int)(next(&x) % 8100),
                 1 + (int)(next(&x) % 12), 1 + (int)(next(&x) % 31), (int)(next(&x) % 25),
                 (int)(next(&x) % 61), (int)(next(&x) % 62));
        text[TIME_RFC3339_LEN - 1] = '\0';
        if (next(&x) % 2) /* one byte changed */
            text[next(&x) % (TIME_RFC3339_LEN - 1)] = alphabet[next(&x) % (sizeof alphabet - 1)];
        check_canonical(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_against_timegm),
        cmocka_unit_test(test_parse_bounds),
        cmocka_unit_test(test_canonical_against_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
