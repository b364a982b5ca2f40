/*
 * This file declares the progress meter of the long commands (import, export, seed, copy-db,
 * discover): one line on stderr with the count, the rate and, when the total is known, the
 * percentage and the time left ("import: 500/2000 rows (25%), 410 rows/s, ETA 4 s"). On a
 * terminal the line is rewritten in place at most 5 times a second; when stderr is not a
 * terminal nothing is written unless the command was given --progress, and then a line at most
 * once a second. A last line gives the count and the time it took
 * ("import: 2000/2000 rows in 4.9 s, 410 rows/s").
 *
 * meter_init, meter_due and meter_format are pure (the time is an argument); the
 * others read the clock and write to stderr.
 */
#ifndef COPILOT_CLI_METER_H
#define COPILOT_CLI_METER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define METER_TERMINAL_US 200000 /* between two lines on a terminal */
#define METER_PIPE_US 1000000    /* between two lines otherwise (--progress) */
#define METER_LINE 160           /* the longest line, with its terminal codes */

struct meter {
    const char *label; /* the command: "import" */
    const char *unit;  /* what is counted: "rows" */
    int64_t total;     /* 0: not known */
    int64_t done;
    int64_t started_us, shown_us;
    bool enabled;   /* a terminal, or --progress */
    bool terminal;  /* rewrite one line in place rather than print lines */
    bool line_open; /* a line without its newline is on the terminal */
    bool redraw;    /* show the next update whatever the time */
};

/* Sets p up at now_us; nothing is written. */
void meter_init(struct meter *p, const char *label, const char *unit, int64_t total, bool enabled,
                bool terminal, int64_t now_us);
/* Whether an update at now_us is shown (the throttle). */
bool meter_due(const struct meter *p, int64_t now_us);
/* The line for p's count at now_us, without "\r" or newline: the running line, or the last one
 * when final. Returns its length (cut to size - 1). */
size_t meter_format(const struct meter *p, int64_t now_us, bool final, char *out, size_t size);

/* meter_init at the clock's time, enabled when stderr is a terminal or forced (--progress),
 * and shows the first line ("0/N rows") at once. */
void meter_start(struct meter *p, const char *label, const char *unit, int64_t total, bool forced);
/* Sets the total once it is known. */
void meter_set_total(struct meter *p, int64_t total);
/* Records the count done and shows it when it is time. */
void meter_update(struct meter *p, int64_t done);
/* Erases the line from the terminal before the command writes something else there; the next
 * update draws it again. */
void meter_clear(struct meter *p);
/* The last line when ok; otherwise only ends the terminal's line (the command says what went
 * wrong). Nothing when p was never started or is not enabled. */
void meter_finish(struct meter *p, bool ok);
/* Seconds since meter_start. */
double meter_seconds(const struct meter *p);

#endif
