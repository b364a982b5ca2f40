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

bool log_json(void)
{
    return json_mode;
}

void log_line(const char *line)
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

char *log_escape(const char *s, char *out, size_t n)
{
    size_t j = 0;
    for (; s && *s && j + 7 < n; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            out[j++] = '\\';
            out[j++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            j += (size_t)snprintf(out + j, n - j, "\\u%04x", c);
        } else {
            out[j++] = (char)c;
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
    log_line(log_format_access(a, line, sizeof line));
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
    log_line(line);
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
