/*
 * This file tests the pure part of src/cli/meter.c, the progress meter of the long commands:
 * the throttle (5 lines a second on a terminal, 1 otherwise, the first and a redraw at once) and
 * the lines (count, total, percentage, rate, ETA; the last line with the time it took), at
 * times given by the test, never read from a clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cli/meter.h"

#define SECOND 1000000

/* The line of m at now (seconds after its start). */
static const char *line_at(struct meter *m, double now, bool final)
{
    static char out[METER_LINE];
    size_t n = meter_format(m, (int64_t)(now * SECOND), final, out, sizeof out);
    assert_int_equal(n, strlen(out));
    return out;
}

static void test_init(void **state)
{
    struct meter m;
    meter_init(&m, "seed", "rows", 1400, true, false, 5 * SECOND);
    assert_string_equal(m.label, "seed");
    assert_int_equal(m.total, 1400);
    assert_int_equal(m.done, 0);
    assert_int_equal(m.started_us, 5 * SECOND);
    assert_true(m.enabled);
    assert_false(m.terminal);
    assert_false(m.line_open);
    meter_init(&m, "export", "rows", -3, false, false, 0);
    assert_int_equal(m.total, 0); /* not known */
    assert_false(m.enabled);
}

static void test_throttle_terminal(void **state)
{
    struct meter m;
    meter_init(&m, "import", "rows", 0, true, true, 0);
    assert_true(meter_due(&m, 0)); /* the first line at once */
    m.redraw = false;
    m.shown_us = 10 * SECOND;
    assert_false(meter_due(&m, 10 * SECOND));
    assert_false(meter_due(&m, 10 * SECOND + METER_TERMINAL_US - 1));
    assert_true(meter_due(&m, 10 * SECOND + METER_TERMINAL_US));
    assert_int_equal(METER_TERMINAL_US, SECOND / 5);
    m.redraw = true; /* after meter_clear */
    assert_true(meter_due(&m, 10 * SECOND + 1));
}

static void test_throttle_pipe(void **state)
{
    struct meter m;
    meter_init(&m, "import", "rows", 0, true, false, 0);
    m.redraw = false;
    m.shown_us = 3 * SECOND;
    assert_false(meter_due(&m, 3 * SECOND + METER_TERMINAL_US));
    assert_false(meter_due(&m, 4 * SECOND - 1));
    assert_true(meter_due(&m, 4 * SECOND));
    assert_true(meter_due(&m, 60 * SECOND));
}

static void test_running_with_total(void **state)
{
    struct meter m;
    meter_init(&m, "import", "rows", 2000, true, false, 0);
    assert_string_equal(line_at(&m, 0, false), "import: 0/2000 rows (0%)");
    m.done = 500;
    assert_string_equal(line_at(&m, 2, false), "import: 500/2000 rows (25%), 250 rows/s, ETA 6 s");
    m.done = 1999;
    assert_string_equal(line_at(&m, 3.998, false),
                        "import: 1999/2000 rows (99%), 500 rows/s, ETA 0 s");
    m.done = 2500; /* more than announced: never past 100% nor a negative ETA */
    assert_string_equal(line_at(&m, 5, false),
                        "import: 2500/2000 rows (100%), 500 rows/s, ETA 0 s");
}

static void test_running_without_total(void **state)
{
    struct meter m;
    meter_init(&m, "export", "rows", 0, true, true, 10 * SECOND);
    assert_string_equal(line_at(&m, 10, false), "export: 0 rows");
    m.done = 1200;
    assert_string_equal(line_at(&m, 12, false), "export: 1200 rows, 600 rows/s");
}

static void test_slow_rates_and_long_etas(void **state)
{
    struct meter m;
    meter_init(&m, "discover", "sources", 10, true, false, 0);
    m.done = 3;
    assert_string_equal(line_at(&m, 2, false),
                        "discover: 3/10 sources (30%), 1.5 sources/s, ETA 5 s");
    meter_init(&m, "seed", "rows", 100000, true, false, 0);
    m.done = 1000;
    /* 8 rows/s, 99,000 left: 12,375 s */
    assert_string_equal(line_at(&m, 125, false),
                        "seed: 1000/100000 rows (1%), 8.0 rows/s, ETA 3h26m");
    m.done = 10000; /* 100 rows/s, 90,000 left: 900 s */
    assert_string_equal(line_at(&m, 100, false),
                        "seed: 10000/100000 rows (10%), 100 rows/s, ETA 15m00s");
    m.done = 50000; /* 400 rows/s: 125 s */
    assert_string_equal(line_at(&m, 125, false),
                        "seed: 50000/100000 rows (50%), 400 rows/s, ETA 2m05s");
}

static void test_final_line(void **state)
{
    struct meter m;
    meter_init(&m, "import", "rows", 2000, true, true, 0);
    m.done = 2000;
    assert_string_equal(line_at(&m, 4, true), "import: 2000/2000 rows in 4.0 s, 500 rows/s");
    meter_init(&m, "export", "rows", 0, true, false, 0);
    assert_string_equal(line_at(&m, 0.5, true), "export: 0 rows in 0.5 s");
    m.done = 84800;
    assert_string_equal(line_at(&m, 42.4, true), "export: 84800 rows in 42 s, 2000 rows/s");
    m.done = 7325;
    assert_string_equal(line_at(&m, 7325, true), "export: 7325 rows in 2h02m, 1.0 rows/s");
    m.done = 125;
    assert_string_equal(line_at(&m, 125, true), "export: 125 rows in 2m05s, 1.0 rows/s");
}

static void test_cut_to_size(void **state)
{
    struct meter m;
    meter_init(&m, "import", "rows", 2000, true, false, 0);
    m.done = 500;
    char out[12];
    memset(out, 'x', sizeof out);
    size_t n = meter_format(&m, 2 * SECOND, false, out, sizeof out);
    assert_int_equal(n, sizeof out - 1);
    assert_string_equal(out, "import: 500");
    assert_int_equal(meter_format(&m, 2 * SECOND, true, out, 0), 0);
    assert_int_equal(meter_format(&m, 2 * SECOND, true, out, 1), 0);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init),
        cmocka_unit_test(test_throttle_terminal),
        cmocka_unit_test(test_throttle_pipe),
        cmocka_unit_test(test_running_with_total),
        cmocka_unit_test(test_running_without_total),
        cmocka_unit_test(test_slow_rates_and_long_etas),
        cmocka_unit_test(test_final_line),
        cmocka_unit_test(test_cut_to_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
