/* This file implements the iCalendar writer of ical.h. */
#include "ical.h"

#include <stdio.h>
#include <string.h>

void ical_escape(struct buf *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\\' || c == ';' || c == ',') {
            buf_putc(out, '\\');
            buf_putc(out, (char)c);
        } else if (c == '\r' && p[1] == '\n') {
            continue; /* the \n that follows is the line break */
        } else if (c == '\n' || c == '\r') {
            buf_puts(out, "\\n");
        } else if (c < 0x20 || c == 0x7f) {
            if (c == '\t')
                buf_putc(out, ' ');
            /* other control characters are not allowed in TEXT: dropped */
        } else {
            buf_putc(out, (char)c);
        }
    }
}

/* True for a UTF-8 continuation byte (10xxxxxx). */
static bool continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

void ical_line(struct buf *out, const char *line, size_t len)
{
    size_t room = ICAL_LINE_OCTETS; /* the first line has 75 octets, each continuation 74 after
                                       its leading space */
    while (len > room) {
        size_t cut = room;
        while (cut > 0 && continuation((unsigned char)line[cut]))
            cut--; /* never split a character: end the line before it */
        if (cut == 0)
            cut = room; /* not UTF-8 at all: cut where the octets say */
        buf_append(out, line, cut);
        buf_puts(out, "\r\n ");
        line += cut;
        len -= cut;
        room = ICAL_LINE_OCTETS - 1;
    }
    buf_append(out, line, len);
    buf_puts(out, "\r\n");
}

/* Writes "NAME:value" (value already in iCalendar form) as a folded line. */
static void property(struct buf *out, const char *name, const char *value)
{
    struct buf line;
    buf_init(&line);
    buf_printf(&line, "%s:%s", name, value);
    ical_line(out, line.data, line.len);
    buf_free(&line);
}

/* Writes "NAME:escaped text" as a folded line. */
static void text_property(struct buf *out, const char *name, const char *text)
{
    struct buf line;
    buf_init(&line);
    buf_printf(&line, "%s:", name);
    ical_escape(&line, text);
    ical_line(out, line.data, line.len);
    buf_free(&line);
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* "YYYY-MM-DD" -> "YYYYMMDD" (out: 9 octets). */
static bool basic_date(const char *date, char *out)
{
    if (date == NULL || strlen(date) != 10 || date[4] != '-' || date[7] != '-' ||
        !digits(date, 4) || !digits(date + 5, 2) || !digits(date + 8, 2))
        return false;
    memcpy(out, date, 4);
    memcpy(out + 4, date + 5, 2);
    memcpy(out + 6, date + 8, 2);
    out[8] = '\0';
    return true;
}

/* "YYYY-MM-DDTHH:MM:SSZ" -> "YYYYMMDDTHHMMSSZ" (out: 17 octets). */
static bool basic_time(const char *stamp, char *out)
{
    if (stamp == NULL || strlen(stamp) != 20 || stamp[10] != 'T' || stamp[13] != ':' ||
        stamp[16] != ':' || stamp[19] != 'Z' || !digits(stamp + 11, 2) || !digits(stamp + 14, 2) ||
        !digits(stamp + 17, 2))
        return false;
    char day[11];
    memcpy(day, stamp, 10);
    day[10] = '\0';
    if (!basic_date(day, out))
        return false;
    out[8] = 'T';
    memcpy(out + 9, stamp + 11, 2);
    memcpy(out + 11, stamp + 14, 2);
    memcpy(out + 13, stamp + 17, 2);
    out[15] = 'Z';
    out[16] = '\0';
    return true;
}

/* The day after "YYYYMMDD" (proleptic Gregorian), in place. */
static void next_day(char *ymd)
{
    int y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 + (ymd[3] - '0');
    int m = (ymd[4] - '0') * 10 + (ymd[5] - '0');
    int d = (ymd[6] - '0') * 10 + (ymd[7] - '0');
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int last = m >= 1 && m <= 12 ? days[m - 1] + (m == 2 && leap) : 31;
    if (++d > last) {
        d = 1;
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    char tmp[9];
    for (int i = 3, v = y; i >= 0; i--, v /= 10)
        tmp[i] = (char)('0' + v % 10);
    tmp[4] = (char)('0' + m / 10);
    tmp[5] = (char)('0' + m % 10);
    tmp[6] = (char)('0' + d / 10);
    tmp[7] = (char)('0' + d % 10);
    tmp[8] = '\0';
    memcpy(ymd, tmp, 9);
}

void ical_begin(struct buf *out, const char *name)
{
    property(out, "BEGIN", "VCALENDAR");
    property(out, "VERSION", "2.0");
    property(out, "PRODID", "-//Career Copilot//Calendar feed//EN");
    property(out, "CALSCALE", "GREGORIAN");
    property(out, "METHOD", "PUBLISH");
    text_property(out, "X-WR-CALNAME", name);
    property(out, "REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
    property(out, "X-PUBLISHED-TTL", "PT1H");
}

bool ical_event(struct buf *out, const struct ical_event *ev)
{
    char stamp[17], start[17];
    if (!basic_time(ev->stamp, stamp))
        return false;
    bool timed = ev->datetime != NULL;
    if (timed ? !basic_time(ev->datetime, start) : !basic_date(ev->date, start))
        return false;
    property(out, "BEGIN", "VEVENT");
    property(out, "UID", ev->uid);
    property(out, "DTSTAMP", stamp);
    if (timed) {
        property(out, "DTSTART", start);
        char duration[16];
        snprintf(duration, sizeof duration, "PT%dM", ICAL_TIMED_MINUTES);
        property(out, "DURATION", duration);
    } else {
        char end[9];
        memcpy(end, start, 9);
        next_day(end);
        property(out, "DTSTART;VALUE=DATE", start);
        property(out, "DTEND;VALUE=DATE", end);
    }
    text_property(out, "SUMMARY", ev->summary);
    if (ev->description)
        text_property(out, "DESCRIPTION", ev->description);
    if (ev->url)
        property(out, "URL", ev->url);
    property(out, "TRANSP", "TRANSPARENT");
    property(out, "END", "VEVENT");
    return true;
}

void ical_end(struct buf *out)
{
    property(out, "END", "VCALENDAR");
}
