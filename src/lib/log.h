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
bool log_json(void);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Copies s into out (size n) escaped for a JSON string (quotes, backslashes, control
 * characters), truncating whole characters when out is too small. Returns out. */
char *log_escape_json(const char *s, char *out, size_t n);
/* Writes a pre-formatted line (with its own newline) atomically. */
void log_line(const char *line);

#endif
