/* This file implements the logger of log.h. */
#include "log.h"
#include "timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static bool json_mode;

void log_init(void)
{
    const char *v = getenv("COPILOT_LOG");
    json_mode = v && strcmp(v, "json") == 0;
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

static void vlog(const char *level, const char *fmt, va_list ap)
{
    char msg[1024], line[2300], ts[TIME_RFC3339_LEN];
    vsnprintf(msg, sizeof msg, fmt, ap);
    time_format_rfc3339(time(NULL), ts);
    if (json_mode) {
        /* messages are our own text; escape the two characters that could break the line */
        char esc[2100];
        size_t j = 0;
        for (size_t i = 0; msg[i] && j < sizeof esc - 3; i++) {
            if (msg[i] == '"' || msg[i] == '\\')
                esc[j++] = '\\';
            esc[j++] = (msg[i] == '\n') ? ' ' : msg[i];
        }
        esc[j] = '\0';
        snprintf(line, sizeof line, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":\"%s\"}\n", ts, level,
                 esc);
    } else {
        snprintf(line, sizeof line, "%s %s %s\n", ts, level, msg);
    }
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
