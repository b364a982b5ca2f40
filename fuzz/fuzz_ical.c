/*
 * Fuzzes the iCalendar writer (src/core/ical.c): a calendar named by the first line with one
 * event whose stamp, date or time, summary, description and URL come from the input (one piece
 * per line; the summary and description may hold any byte but NUL; the URL is kept to what the
 * writer's contract allows: no control character).
 * Properties: the output is CRLF-terminated lines only (no bare CR or LF), each at most 75
 * octets; a continuation line starts with one space; a fold never splits a UTF-8 sequence of
 * valid text; the text properties hold no control characters; an event with a malformed date
 * or time writes nothing.
 */
#include "fuzz.h"

#include "core/ical.h"

static void check_calendar(const char *s, size_t len, bool text_valid)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\r') {
            FUZZ_CHECK(i + 1 < len && s[i + 1] == '\n');
            size_t line = i - start;
            FUZZ_CHECK(line <= ICAL_LINE_OCTETS);
            if (text_valid && i + 2 < len && s[i + 2] == ' ' && i + 3 < len)
                FUZZ_CHECK(((unsigned char)s[i + 3] & 0xC0) != 0x80);
            for (size_t k = start; k < i; k++)
                FUZZ_CHECK((unsigned char)s[k] >= 0x20 && s[k] != 0x7F);
            i++;
            start = i + 1;
        } else {
            FUZZ_CHECK(s[i] != '\n');
        }
    }
    FUZZ_CHECK(start == len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    char *name = fuzz_piece(&in, '\n', NULL);
    char *stamp = fuzz_piece(&in, '\n', NULL);
    char *when = fuzz_piece(&in, '\n', NULL);
    char *url = fuzz_piece(&in, '\n', NULL);
    char *summary = fuzz_piece(&in, '\x01', NULL);
    char *description = fuzz_rest(&in, NULL);
    for (char *p = url; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = '_';
    bool valid = fuzz_utf8_valid(name, strlen(name)) && fuzz_utf8_valid(url, strlen(url)) &&
                 fuzz_utf8_valid(summary, strlen(summary)) &&
                 fuzz_utf8_valid(description, strlen(description));

    struct buf out;
    buf_init(&out);
    ical_begin(&out, name);
    size_t before = out.len;
    bool timed = strlen(when) > 10;
    struct ical_event ev = {
        .uid = "application-1-interview@career-copilot",
        .stamp = stamp,
        .date = timed ? NULL : when,
        .datetime = timed ? when : NULL,
        .summary = summary,
        .description = description[0] ? description : NULL,
        .url = url[0] ? url : NULL,
    };
    if (!ical_event(&out, &ev))
        FUZZ_CHECK(out.len == before);
    ical_end(&out);
    check_calendar(out.data, out.len, valid);
    buf_free(&out);

    /* the two parts on their own */
    struct buf esc;
    buf_init(&esc);
    ical_escape(&esc, description);
    for (size_t i = 0; i < esc.len; i++)
        FUZZ_CHECK((unsigned char)esc.data[i] >= 0x20 && esc.data[i] != 0x7F);
    struct buf folded;
    buf_init(&folded);
    ical_line(&folded, esc.data ? esc.data : "", esc.len);
    check_calendar(folded.data, folded.len, fuzz_utf8_valid(description, strlen(description)));
    buf_free(&folded);
    buf_free(&esc);

    free(name);
    free(stamp);
    free(when);
    free(url);
    free(summary);
    free(description);
    return 0;
}
