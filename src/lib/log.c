/* This file implements the logger of log.h. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "timeutil.h"

static bool json_mode;

void log_init(void)
{
    const char *v = getenv("COPILOT_LOG");
    json_mode = v && strcmp(v, "json") == 0;
}

void log_set_json(bool json)
{
    json_mode = json;
}

/* Writes a pre-formatted line (with its own newline) atomically. */
static void write_line(const char *line)
{
    /* one write(2) per line keeps lines whole when several threads log at once */
    size_t n = strlen(line);
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, line, n);
        if (w <= 0)
            return;
        line += w;
        n -= (size_t)w;
    }
}

/* The length of the valid UTF-8 sequence (shortest form, no surrogate, at most U+10FFFF) at
 * the start of s, NUL-terminated; 0 when s does not start one. The strict rule of
 * core/utf8.c, which lib/ cannot include: a logged value is often what a client sent. */
static size_t sequence_length(const unsigned char *s)
{
    size_t need;
    unsigned lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        need = 1;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        need = 2, lo = s[0] == 0xE0 ? 0xA0 : 0x80, hi = s[0] == 0xED ? 0x9F : 0xBF;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        need = 3, lo = s[0] == 0xF0 ? 0x90 : 0x80, hi = s[0] == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i <= need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return need + 1;
}

char *log_escape(const char *s, char *out, size_t n)
{
    size_t j = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p && j + 7 < n) {
        unsigned char c = *p;
        size_t len;
        if (c == '"' || c == '\\') {
            out[j++] = '\\';
            out[j++] = (char)c;
            p++;
        } else if (c < 0x20 || c == 0x7f) {
            j += (size_t)snprintf(out + j, n - j, "\\u%04x", c);
            p++;
        } else if (c < 0x80) {
            out[j++] = (char)c;
            p++;
        } else if ((len = sequence_length(p)) > 0) {
            memcpy(out + j, p, len); /* whole characters only: fits, as j + 7 < n */
            j += len;
            p += len;
        } else {
            /* a byte that is not UTF-8: the JSON line must stay valid JSON */
            j += (size_t)snprintf(out + j, n - j, "\\ufffd");
            p++;
        }
    }
    if (n > 0)
        out[j < n ? j : n - 1] = '\0';
    return out;
}

char *log_format_access(const struct log_access *a, char *out, size_t n)
{
    char method[64], path[1200], id[96];
    log_escape(a->method, method, sizeof method);
    log_escape(a->path, path, sizeof path);
    log_escape(a->request_id, id, sizeof id);
    if (json_mode)
        snprintf(out, n,
                 "{\"method\":\"%s\",\"path\":\"%s\",\"status\":%d,\"bytes\":%zu,"
                 "\"us\":%lld,\"request_id\":\"%s\"}\n",
                 method, path, a->status, a->bytes, a->micros, id);
    else
        snprintf(out, n, "%s %s %d %zu %lldus %s\n", method, path, a->status, a->bytes, a->micros,
                 id);
    return out;
}

void log_access(const struct log_access *a)
{
    char line[1600];
    write_line(log_format_access(a, line, sizeof line));
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
    char msg[1024], esc[2100], line[2300], ts[TIME_RFC3339_LEN];
    vsnprintf(msg, sizeof msg, fmt, ap);
    time_format_rfc3339(time(NULL), ts);
    log_escape(msg, esc, sizeof esc); /* a message may quote what a client sent */
    if (json_mode)
        snprintf(line, sizeof line, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":\"%s\"}\n", ts, level,
                 esc);
    else
        snprintf(line, sizeof line, "%s %s %s\n", ts, level, esc);
    write_line(line);
}

void log_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog("info", fmt, ap);
    va_end(ap);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog("error", fmt, ap);
    va_end(ap);
}
