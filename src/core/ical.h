/*
 * This file declares the iCalendar writer of the calendar feed (RFC 5545): a VCALENDAR of
 * VEVENTs, written into a buffer. Pure: the caller gives the events and the time stamps as text.
 *   - content lines end in CRLF and are folded at 75 octets (a CRLF and one space start each
 *     continuation), never inside a UTF-8 sequence;
 *   - TEXT values (SUMMARY, DESCRIPTION, X-WR-CALNAME) are escaped: backslash, semicolon and
 *     comma get a backslash, a line break becomes \n, other control characters are dropped;
 *   - an event with a date only is all-day (DTSTART;VALUE=DATE and DTEND the day after); one
 *     with a time is timed, in UTC, for ICAL_TIMED_MINUTES.
 */
#ifndef COPILOT_CORE_ICAL_H
#define COPILOT_CORE_ICAL_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/buf.h"

#define ICAL_LINE_OCTETS 75   /* the longest content line, CRLF excluded (RFC 5545 3.1) */
#define ICAL_TIMED_MINUTES 60 /* the length given to a timed event (an interview) */

struct ical_event {
    const char *uid;      /* globally unique and stable across feeds: "application-3-offer@..." */
    const char *stamp;    /* DTSTAMP, RFC 3339 UTC ("2025-11-24T20:19:44Z") */
    const char *date;     /* "YYYY-MM-DD": the day of an all-day event (used when no datetime) */
    const char *datetime; /* RFC 3339 UTC, or NULL: the start of a timed event */
    const char *summary;  /* text */
    const char *description; /* text, or NULL */
    const char *url;         /* a URI (not escaped: it must hold no control character), or NULL */
};

/* Opens the calendar: BEGIN:VCALENDAR, VERSION, PRODID, CALSCALE, METHOD:PUBLISH and the
 * calendar's name (X-WR-CALNAME) and refresh interval (one hour). */
void ical_begin(struct buf *out, const char *name);
/* Writes one VEVENT. Returns false (nothing written) when a date or time is malformed. */
bool ical_event(struct buf *out, const struct ical_event *ev);
/* Closes the calendar. */
void ical_end(struct buf *out);

/* The parts, exposed for unit tests. */
/* Appends text escaped as an iCalendar TEXT value. */
void ical_escape(struct buf *out, const char *text);
/* Appends one content line (len octets, no line break) folded at ICAL_LINE_OCTETS, with its
 * CRLF. */
void ical_line(struct buf *out, const char *line, size_t len);

#endif
