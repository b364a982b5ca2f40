/*
 * This file declares the logger: one line per event on stderr, plain text by default or
 * JSON lines when COPILOT_LOG=json. Safe to call from any thread.
 */
#ifndef COPILOT_LIB_LOG_H
#define COPILOT_LIB_LOG_H

#include <stdbool.h>
#include <stddef.h>

/* Reads COPILOT_LOG once; call before the first log line. */
void log_init(void);
/* Sets the format directly (tests). */
void log_set_json(bool json);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The one escaper of logged text, for both formats: copies s into out (size n) with quotes
 * and backslashes escaped (\" and \\) and every control character (below 0x20, and DEL) as
 * \u00XX, so a logged value can never end a line, start a forged one or move the terminal;
 * a byte that is not part of valid UTF-8 is written \ufffd, so the result is also the inside
 * of a valid JSON string whatever a client sent. Truncates before an escape or a character
 * that would not fit. Returns out. */
char *log_escape(const char *s, char *out, size_t n);

/* One access-log line. */
struct log_access {
    const char *method;
    const char *path;
    int status;
    size_t bytes;
    long long micros;
    const char *request_id;
};
/* Formats the access line of a into out (size n) in the current format (text: "METHOD PATH
 * STATUS BYTES USus ID"; JSON: one object), newline included, every text field through
 * log_escape. Returns out. */
char *log_format_access(const struct log_access *a, char *out, size_t n);
/* Writes the access line of a. */
void log_access(const struct log_access *a);

#endif
