/* This file implements the progress meter of the long commands (meter.h). */
#include "meter.h"

#include <stdio.h>
#include <unistd.h>

#include "../lib/timeutil.h"

void meter_init(struct meter *p, const char *label, const char *unit, int64_t total, bool enabled,
                bool terminal, int64_t now_us)
{
    *p = (struct meter){.label = label,
                        .unit = unit,
                        .total = total > 0 ? total : 0,
                        .started_us = now_us,
                        .shown_us = now_us,
                        .enabled = enabled,
                        .terminal = terminal,
                        .redraw = true};
}

bool meter_due(const struct meter *p, int64_t now_us)
{
    if (p->redraw)
        return true;
    return now_us - p->shown_us >= (p->terminal ? METER_TERMINAL_US : METER_PIPE_US);
}

/* "4.9 s" (tenths) or "5 s" under a minute, "2m05s" under an hour, "1h02m" beyond. */
static void duration(double seconds, bool tenths, char *out, size_t size)
{
    if (seconds < 0)
        seconds = 0;
    long long whole = (long long)(seconds + 0.5);
    if (tenths && seconds < 9.95)
        snprintf(out, size, "%.1f s", seconds);
    else if (whole < 60)
        snprintf(out, size, "%lld s", whole);
    else if (whole < 3600)
        snprintf(out, size, "%lldm%02llds", whole / 60, whole % 60);
    else
        snprintf(out, size, "%lldh%02lldm", whole / 3600, whole / 60 % 60);
}

/* "410" or, under 10, "2.5". */
static void rate_text(double rate, char *out, size_t size)
{
    snprintf(out, size, rate < 9.95 ? "%.1f" : "%.0f", rate);
}

size_t meter_format(const struct meter *p, int64_t now_us, bool final, char *out, size_t size)
{
    if (size == 0)
        return 0;
    double seconds = (double)(now_us - p->started_us) / 1e6;
    double rate = seconds > 0 && p->done > 0 ? (double)p->done / seconds : 0;
    char rate_s[32], time_s[32];
    rate_text(rate, rate_s, sizeof rate_s);
    int n;
    if (p->total > 0)
        n = snprintf(out, size, "%s: %lld/%lld %s", p->label, (long long)p->done,
                     (long long)p->total, p->unit);
    else
        n = snprintf(out, size, "%s: %lld %s", p->label, (long long)p->done, p->unit);
    size_t len = n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
    if (final) {
        duration(seconds, true, time_s, sizeof time_s);
        n = rate > 0 ? snprintf(out + len, size - len, " in %s, %s %s/s", time_s, rate_s, p->unit)
                     : snprintf(out + len, size - len, " in %s", time_s);
    } else {
        n = 0;
        if (p->total > 0) {
            int64_t percent = p->done >= p->total ? 100 : p->done * 100 / p->total;
            n = snprintf(out + len, size - len, " (%lld%%)", (long long)percent);
        }
        size_t at = len + (n < 0 ? 0 : (size_t)n);
        if (rate > 0 && at < size) {
            n = snprintf(out + at, size - at, ", %s %s/s", rate_s, p->unit);
            at += n < 0 ? 0 : (size_t)n;
            if (p->total > 0 && at < size) {
                int64_t left = p->total > p->done ? p->total - p->done : 0;
                duration((double)left / rate, false, time_s, sizeof time_s);
                n = snprintf(out + at, size - at, ", ETA %s", time_s);
                at += n < 0 ? 0 : (size_t)n;
            }
        }
        n = (int)(at - len);
    }
    len += n < 0 ? 0 : (size_t)n;
    return len < size ? len : size - 1;
}

/* Writes p's line at now_us (the last one when final). */
static void show(struct meter *p, int64_t now_us, bool final)
{
    char line[METER_LINE];
    meter_format(p, now_us, final, line, sizeof line);
    if (p->terminal)
        fprintf(stderr, "\r%s\033[K%s", line, final ? "\n" : "");
    else
        fprintf(stderr, "%s\n", line);
    fflush(stderr);
    p->line_open = p->terminal && !final;
    p->shown_us = now_us;
    p->redraw = false;
}

void meter_start(struct meter *p, const char *label, const char *unit, int64_t total, bool forced)
{
    bool terminal = isatty(STDERR_FILENO);
    meter_init(p, label, unit, total, terminal || forced, terminal, time_monotonic_us());
    if (p->enabled)
        show(p, p->started_us, false);
}

void meter_set_total(struct meter *p, int64_t total)
{
    p->total = total > 0 ? total : 0;
}

void meter_update(struct meter *p, int64_t done)
{
    p->done = done;
    if (!p->enabled)
        return;
    int64_t now = time_monotonic_us();
    if (meter_due(p, now))
        show(p, now, false);
}

void meter_clear(struct meter *p)
{
    if (!p->enabled || !p->line_open)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->line_open = false;
    p->redraw = true;
}

void meter_finish(struct meter *p, bool ok)
{
    if (!p->enabled)
        return;
    if (ok) {
        show(p, time_monotonic_us(), true);
    } else if (p->line_open) {
        fputc('\n', stderr);
        p->line_open = false;
    }
    p->enabled = false; /* once */
}

double meter_seconds(const struct meter *p)
{
    return (double)(time_monotonic_us() - p->started_us) / 1e6;
}
