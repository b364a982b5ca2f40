/* Unit tests for the iCalendar writer (src/core/ical.c): folding at 75 octets without splitting
 * a UTF-8 character, TEXT escaping, all-day and timed events, and the calendar frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/ical.h"

/* Checks that text is CRLF-terminated lines of at most 75 octets, that no continuation begins
 * inside a UTF-8 sequence, and returns the unfolded text (malloc'd; lines joined by '\n'). */
static char *check_and_unfold(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(n + 1);
    size_t o = 0;
    const char *p = text;
    while (*p) {
        const char *crlf = strstr(p, "\r\n");
        assert_non_null(crlf); /* every line ends in CRLF */
        size_t len = (size_t)(crlf - p);
        assert_true(len <= ICAL_LINE_OCTETS);
        assert_null(memchr(p, '\n', len)); /* no bare LF inside */
        if (*p == ' ') {                   /* a continuation: joined to the line before */
            assert_true(o > 0);
            assert_true(((unsigned char)p[1] & 0xC0) != 0x80); /* not mid-character */
            o--;                                               /* drop the '\n' added before */
            memcpy(out + o, p + 1, len - 1);
            o += len - 1;
        } else {
            memcpy(out + o, p, len);
            o += len;
        }
        out[o++] = '\n';
        p = crlf + 2;
    }
    out[o] = '\0';
    return out;
}

static char *line_of(const char *s)
{
    struct buf b;
    buf_init(&b);
    ical_line(&b, s, strlen(s));
    buf_putc(&b, '\0');
    return buf_steal(&b);
}

static void test_folding(void **state)
{
    char text[400];
    /* exactly 75 octets: one line */
    memset(text, 'a', 75);
    text[75] = '\0';
    char *out = line_of(text);
    assert_int_equal(strlen(out), 77);
    assert_string_equal(out + 75, "\r\n");
    free(out);
    /* 76 octets: 75, then a continuation of one */
    text[75] = 'b';
    text[76] = '\0';
    out = line_of(text);
    assert_memory_equal(out + 75, "\r\n b\r\n", 6);
    free(out);
    /* long ASCII: continuations carry 74 octets after their space */
    memset(text, 'x', 300);
    text[300] = '\0';
    out = line_of(text);
    char *back = check_and_unfold(out);
    assert_int_equal(strlen(back), 301);
    assert_memory_equal(back, text, 300);
    assert_memory_equal(out + 77, " ", 1);
    assert_int_equal(strstr(out + 77, "\r\n") - (out + 77), 75);
    free(back);
    free(out);
}

static void test_folding_utf8(void **state)
{
    /* 74 ASCII octets then "é" (2 octets): the é would straddle octet 75, so the line ends at 74 */
    char text[200];
    memset(text, 'a', 74);
    strcpy(text + 74, "\xC3\xA9tude");
    char *out = line_of(text);
    assert_memory_equal(out + 74, "\r\n \xC3\xA9tude\r\n", 12);
    free(out);
    /* every offset of 3- and 4-octet characters round-trips and never splits */
    for (int pad = 0; pad < 8; pad++) {
        char s[400];
        memset(s, 'z', (size_t)pad);
        s[pad] = '\0';
        for (int i = 0; i < 40; i++)
            strcat(s, i % 2 ? "\xE2\x82\xAC" : "\xF0\x9F\x98\x80"); /* € and 😀 */
        out = line_of(s);
        char *back = check_and_unfold(out);
        assert_int_equal(strlen(back), strlen(s) + 1);
        assert_memory_equal(back, s, strlen(s));
        free(back);
        free(out);
    }
}

static void test_escape(void **state)
{
    struct buf b;
    buf_init(&b);
    ical_escape(&b, "a\\b;c,d\ne\r\nf\rg\th\x01i");
    buf_putc(&b, '\0');
    assert_string_equal(b.data, "a\\\\b\\;c\\,d\\ne\\nf\\ng hi");
    buf_free(&b);
}

static void test_events(void **state)
{
    struct buf b;
    buf_init(&b);
    ical_begin(&b, "Career Copilot, jobs");
    struct ical_event day = {
        .uid = "application-7-follow_up@career-copilot",
        .stamp = "2025-11-24T20:19:44Z",
        .date = "2024-12-31",
        .summary = "Follow up: Engineer, Backend; Acme",
        .description = "Line one\nLine two",
        .url = "https://copilot.example/#/jobs/3",
    };
    assert_true(ical_event(&b, &day));
    struct ical_event timed = {
        .uid = "application-7-interview@career-copilot",
        .stamp = "2025-11-24T20:19:44Z",
        .date = "2025-01-02",
        .datetime = "2025-01-02T09:30:00Z",
        .summary = "Interview",
    };
    assert_true(ical_event(&b, &timed));
    struct ical_event leap = day;
    leap.date = "2024-02-28";
    assert_true(ical_event(&b, &leap));
    struct ical_event plain = day;
    plain.date = "2023-02-28";
    assert_true(ical_event(&b, &plain));
    ical_end(&b);
    buf_putc(&b, '\0');
    char *text = check_and_unfold(b.data);
    assert_non_null(strstr(text, "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:"));
    assert_non_null(strstr(text, "X-WR-CALNAME:Career Copilot\\, jobs\n"));
    assert_non_null(strstr(text, "BEGIN:VEVENT\nUID:application-7-follow_up@career-copilot\n"
                                 "DTSTAMP:20251124T201944Z\nDTSTART;VALUE=DATE:20241231\n"
                                 "DTEND;VALUE=DATE:20250101\n"
                                 "SUMMARY:Follow up: Engineer\\, Backend\\; Acme\n"
                                 "DESCRIPTION:Line one\\nLine two\n"
                                 "URL:https://copilot.example/#/jobs/3\n"));
    assert_non_null(strstr(text, "DTSTART:20250102T093000Z\nDURATION:PT60M\nSUMMARY:Interview\n"));
    assert_non_null(strstr(text, "DTSTART;VALUE=DATE:20240228\nDTEND;VALUE=DATE:20240229\n"));
    assert_non_null(strstr(text, "DTSTART;VALUE=DATE:20230228\nDTEND;VALUE=DATE:20230301\n"));
    assert_true(strlen(text) > 20 && strcmp(text + strlen(text) - 14, "END:VCALENDAR\n") == 0);
    /* every BEGIN has its END */
    int begins = 0, ends = 0;
    for (const char *p = text; (p = strstr(p, "BEGIN:VEVENT")); p++)
        begins++;
    for (const char *p = text; (p = strstr(p, "END:VEVENT")); p++)
        ends++;
    assert_int_equal(begins, 4);
    assert_int_equal(ends, 4);
    free(text);
    buf_free(&b);
}

static void test_malformed(void **state)
{
    struct buf b;
    buf_init(&b);
    struct ical_event ev = {
        .uid = "u", .stamp = "2025-11-24T20:19:44Z", .date = "2025-1-02", .summary = "s"};
    assert_false(ical_event(&b, &ev));
    ev.date = NULL;
    assert_false(ical_event(&b, &ev));
    ev.date = "2025-01-02";
    ev.stamp = "2025-11-24 20:19:44";
    assert_false(ical_event(&b, &ev));
    ev.stamp = "2025-11-24T20:19:44Z";
    ev.datetime = "2025-01-02T09:30:00+01:00";
    assert_false(ical_event(&b, &ev));
    assert_int_equal(b.len, 0); /* nothing written for a refused event */
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folding),   cmocka_unit_test(test_folding_utf8),
        cmocka_unit_test(test_escape),    cmocka_unit_test(test_events),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
