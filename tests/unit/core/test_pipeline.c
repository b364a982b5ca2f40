/*
 * This file tests src/core/pipeline.c: every one of the 11 x 11 status pairs against a table of
 * expected verdicts, the allowed-next lists and error details, forced reopening, the dates a
 * move fills in, and the name tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/pipeline.h"

/*
 * Expected verdicts of ordinary moves: row = from, column = to, both in pipeline order
 * (interested applied phone_screen interview technical offer accepted declined rejected
 * withdrawn ghosted). '1' allowed, '.' refused. The diagonal (no-op) is allowed.
 */
static const char *const expected[APP_STATUS_COUNT] = {
    /*       IAPVTOadrwg */
    /* I */ "11......111",
    /* A */ ".11111..111",
    /* P */ "..1111..111",
    /* V */ "...111..111",
    /* T */ "....11..111",
    /* O */ ".....111111",
    /* a */ "......1....",
    /* d */ ".......1...",
    /* r */ "........1..",
    /* w */ ".........1.",
    /* g */ "..........1",
};

static void test_every_transition(void **state)
{
    int allowed = 0;
    for (int from = 0; from < APP_STATUS_COUNT; from++) {
        assert_int_equal(strlen(expected[from]), APP_STATUS_COUNT);
        for (int to = 0; to < APP_STATUS_COUNT; to++) {
            bool want = expected[from][to] == '1';
            bool got = pipeline_can_move(from, to);
            if (got != want)
                fail_msg("%s -> %s: got %d, want %d", pipeline_status_names[from],
                         pipeline_status_names[to], got, want);
            struct err e = {0};
            int rc = pipeline_check(from, to, false, APP_NONE, &e);
            assert_int_equal(rc, want ? 0 : ERR_INVALID);
            assert_int_equal(e.code, want ? ERR_OK : ERR_INVALID);
            /* force changes nothing without a previous status */
            assert_int_equal(pipeline_check(from, to, true, APP_NONE, NULL), rc);
            allowed += want;
        }
    }
    assert_int_equal(allowed, 11 + 31); /* 11 no-ops and 31 real moves */
}

static void test_allowed_next_lists(void **state)
{
    for (int from = 0; from < APP_STATUS_COUNT; from++) {
        enum app_status out[APP_STATUS_COUNT];
        size_t n = pipeline_allowed_next(from, out, APP_STATUS_COUNT);
        size_t k = 0;
        for (int to = 0; to < APP_STATUS_COUNT; to++) {
            if (to == from || expected[from][to] != '1')
                continue;
            assert_true(k < n);
            assert_int_equal(out[k], to); /* in pipeline order */
            k++;
        }
        assert_int_equal(k, n);
        assert_int_equal(n == 0, pipeline_is_final(from));
    }
    enum app_status two[2];
    assert_int_equal(pipeline_allowed_next(APP_APPLIED, two, 2), 7); /* total, not just stored */
    assert_int_equal(two[0], APP_PHONE_SCREEN);
    assert_int_equal(two[1], APP_INTERVIEW);
}

static void test_refusal_details(void **state)
{
    struct err e = {0};
    assert_int_equal(pipeline_check(APP_INTERESTED, APP_OFFER, false, APP_NONE, &e), ERR_INVALID);
    assert_string_equal(e.field, "status");
    assert_string_equal(e.message,
                        "cannot move from interested to offer; allowed: applied, rejected, "
                        "withdrawn, ghosted");
    assert_int_equal(e.nallowed, 4);
    assert_string_equal(e.allowed[0], "applied");
    assert_string_equal(e.allowed[3], "ghosted");

    err_clear(&e);
    assert_int_equal(pipeline_check(APP_REJECTED, APP_APPLIED, false, APP_APPLIED, &e),
                     ERR_INVALID);
    assert_int_equal(e.nallowed, 0);
    assert_string_equal(e.message,
                        "status rejected is final: no move is allowed; ?force=true reopens it to "
                        "applied");

    err_clear(&e);
    assert_int_equal(pipeline_check(APP_INTERVIEW, APP_APPLIED, false, APP_NONE, &e),
                     ERR_INVALID); /* no moving back */
    assert_int_equal(e.nallowed, 5);

    err_clear(&e);
    assert_int_equal(pipeline_check(APP_STATUS_COUNT, APP_APPLIED, false, APP_NONE, &e),
                     ERR_INVALID);
    assert_int_equal(pipeline_check(APP_APPLIED, APP_NONE, false, APP_NONE, NULL), ERR_INVALID);
    assert_false(pipeline_can_move(APP_NONE, APP_APPLIED));
}

static void test_force_reopen(void **state)
{
    struct err e = {0};
    /* a final status goes back to the status it had before */
    assert_int_equal(pipeline_check(APP_REJECTED, APP_INTERVIEW, true, APP_INTERVIEW, &e), 0);
    assert_int_equal(pipeline_check(APP_WITHDRAWN, APP_INTERESTED, true, APP_INTERESTED, &e), 0);
    assert_int_equal(pipeline_check(APP_GHOSTED, APP_APPLIED, true, APP_APPLIED, &e), 0);
    assert_int_equal(pipeline_check(APP_ACCEPTED, APP_OFFER, true, APP_OFFER, &e), 0);
    assert_int_equal(pipeline_check(APP_DECLINED, APP_OFFER, true, APP_OFFER, &e), 0);
    assert_int_equal(e.code, ERR_OK);
    /* ... and nowhere else */
    assert_int_equal(pipeline_check(APP_REJECTED, APP_OFFER, true, APP_INTERVIEW, &e), ERR_INVALID);
    assert_int_equal(e.nallowed, 1);
    assert_string_equal(e.allowed[0], "interview");
    assert_string_equal(e.message, "cannot move from rejected to offer; allowed: interview");
    /* not without force */
    err_clear(&e);
    assert_int_equal(pipeline_check(APP_REJECTED, APP_INTERVIEW, false, APP_INTERVIEW, &e),
                     ERR_INVALID);
    /* not to a final previous status */
    assert_int_equal(pipeline_check(APP_REJECTED, APP_GHOSTED, true, APP_GHOSTED, NULL),
                     ERR_INVALID);
    /* force does not widen the rules of open statuses */
    assert_int_equal(pipeline_check(APP_INTERVIEW, APP_APPLIED, true, APP_APPLIED, NULL),
                     ERR_INVALID);
    assert_int_equal(pipeline_check(APP_INTERESTED, APP_OFFER, true, APP_OFFER, NULL), ERR_INVALID);
    /* forcing to the same status is the ordinary no-op */
    assert_int_equal(pipeline_check(APP_REJECTED, APP_REJECTED, true, APP_APPLIED, NULL), 0);
}

static void test_previous_from_dates(void **state)
{
    const unsigned A = PIPELINE_SET_APPLIED, R = PIPELINE_SET_RESPONSE, I = PIPELINE_SET_INTERVIEW,
                   O = PIPELINE_SET_OFFER;
    assert_int_equal(pipeline_previous_from_dates(APP_ACCEPTED, 0), APP_OFFER);
    assert_int_equal(pipeline_previous_from_dates(APP_DECLINED, A), APP_OFFER);
    assert_int_equal(pipeline_previous_from_dates(APP_REJECTED, 0), APP_INTERESTED);
    assert_int_equal(pipeline_previous_from_dates(APP_REJECTED, A | R), APP_APPLIED);
    assert_int_equal(pipeline_previous_from_dates(APP_WITHDRAWN, A | R), APP_PHONE_SCREEN);
    assert_int_equal(pipeline_previous_from_dates(APP_GHOSTED, A), APP_APPLIED);
    assert_int_equal(pipeline_previous_from_dates(APP_REJECTED, A | R | I), APP_INTERVIEW);
    assert_int_equal(pipeline_previous_from_dates(APP_WITHDRAWN, A | R | I | O), APP_OFFER);
    assert_int_equal(pipeline_previous_from_dates(APP_APPLIED, A), APP_NONE);
}

/* The kept previous status (migration 0032) wins over the guess from the dates; rows without
 * one fall back to the guess. */
static void test_previous_kept(void **state)
{
    const unsigned A = PIPELINE_SET_APPLIED, R = PIPELINE_SET_RESPONSE, I = PIPELINE_SET_INTERVIEW;
    /* applied -> phone_screen -> rejected: the dates say applied, the kept status phone_screen */
    assert_int_equal(pipeline_previous(APP_REJECTED, APP_PHONE_SCREEN, A | R), APP_PHONE_SCREEN);
    assert_int_equal(pipeline_previous(APP_REJECTED, APP_NONE, A | R), APP_APPLIED);
    /* technical -> rejected: the dates say interview */
    assert_int_equal(pipeline_previous(APP_REJECTED, APP_TECHNICAL, A | R | I), APP_TECHNICAL);
    assert_int_equal(pipeline_previous(APP_REJECTED, APP_NONE, A | R | I), APP_INTERVIEW);
    assert_int_equal(pipeline_previous(APP_DECLINED, APP_OFFER, A), APP_OFFER);
    /* a final kept status is no previous one: the dates decide */
    assert_int_equal(pipeline_previous(APP_GHOSTED, APP_REJECTED, A), APP_APPLIED);
    /* an open application has nothing to go back to */
    assert_int_equal(pipeline_previous(APP_APPLIED, APP_INTERESTED, A), APP_NONE);
    assert_int_equal(pipeline_previous(APP_NONE, APP_APPLIED, A), APP_NONE);
    /* the message of a wrong reopening names the kept status */
    struct err e = {0};
    enum app_status prev = pipeline_previous(APP_REJECTED, APP_PHONE_SCREEN, A | R);
    assert_int_equal(pipeline_check(APP_REJECTED, APP_APPLIED, true, prev, &e), ERR_INVALID);
    assert_int_equal(e.nallowed, 1);
    assert_string_equal(e.allowed[0], "phone_screen");
    assert_string_equal(e.message, "cannot move from rejected to applied; allowed: phone_screen");
    assert_int_equal(pipeline_check(APP_REJECTED, APP_PHONE_SCREEN, true, prev, NULL), 0);
}

/* What previous_status becomes with each move. */
static void test_previous_after(void **state)
{
    /* open -> final keeps the status left, whatever was kept before */
    assert_int_equal(pipeline_previous_after(APP_PHONE_SCREEN, APP_REJECTED, APP_NONE),
                     APP_PHONE_SCREEN);
    assert_int_equal(pipeline_previous_after(APP_TECHNICAL, APP_WITHDRAWN, APP_APPLIED),
                     APP_TECHNICAL);
    assert_int_equal(pipeline_previous_after(APP_OFFER, APP_DECLINED, APP_NONE), APP_OFFER);
    assert_int_equal(pipeline_previous_after(APP_INTERESTED, APP_GHOSTED, APP_NONE),
                     APP_INTERESTED);
    /* reopening clears it */
    assert_int_equal(pipeline_previous_after(APP_REJECTED, APP_PHONE_SCREEN, APP_PHONE_SCREEN),
                     APP_NONE);
    assert_int_equal(pipeline_previous_after(APP_ACCEPTED, APP_OFFER, APP_NONE), APP_NONE);
    /* staying put and open moves leave it alone */
    assert_int_equal(pipeline_previous_after(APP_REJECTED, APP_REJECTED, APP_INTERVIEW),
                     APP_INTERVIEW);
    assert_int_equal(pipeline_previous_after(APP_APPLIED, APP_INTERVIEW, APP_NONE), APP_NONE);
    assert_int_equal(pipeline_previous_after(APP_NONE, APP_REJECTED, APP_NONE), APP_NONE);
    /* every final status, from every open one */
    for (int from = APP_INTERESTED; from <= APP_OFFER; from++)
        for (int to = APP_ACCEPTED; to < APP_STATUS_COUNT; to++)
            assert_int_equal(pipeline_previous_after(from, to, APP_NONE), from);
}

static void test_dates_for(void **state)
{
    static const struct {
        enum app_status from, to;
        unsigned want;
    } cases[] = {
        {APP_INTERESTED, APP_APPLIED, PIPELINE_SET_APPLIED},
        {APP_INTERESTED, APP_REJECTED, 0},
        {APP_INTERESTED, APP_WITHDRAWN, 0},
        {APP_INTERESTED, APP_GHOSTED, 0},
        {APP_APPLIED, APP_PHONE_SCREEN, PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE},
        {APP_APPLIED, APP_INTERVIEW,
         PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE | PIPELINE_SET_INTERVIEW},
        {APP_APPLIED, APP_REJECTED, PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE},
        {APP_APPLIED, APP_GHOSTED, PIPELINE_SET_APPLIED},
        {APP_APPLIED, APP_WITHDRAWN, PIPELINE_SET_APPLIED},
        {APP_PHONE_SCREEN, APP_TECHNICAL,
         PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE | PIPELINE_SET_INTERVIEW},
        {APP_TECHNICAL, APP_OFFER,
         PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE | PIPELINE_SET_OFFER},
        {APP_OFFER, APP_ACCEPTED,
         PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE | PIPELINE_SET_OFFER},
        {APP_OFFER, APP_DECLINED,
         PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE | PIPELINE_SET_OFFER},
        {APP_OFFER, APP_REJECTED, PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE},
        {APP_INTERVIEW, APP_INTERVIEW, 0},
        {APP_REJECTED, APP_INTERVIEW, 0}, /* reopening records no new event */
        {APP_NONE, APP_APPLIED, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned got = pipeline_dates_for(cases[i].from, cases[i].to);
        if (got != cases[i].want)
            fail_msg("case %zu: got %#x, want %#x", i, got, cases[i].want);
    }
    /* every forward move out of applied sets applied_date (when empty) and response_date */
    for (int to = APP_PHONE_SCREEN; to <= APP_OFFER; to++)
        assert_int_equal(pipeline_dates_for(APP_APPLIED, to) &
                             (PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE),
                         PIPELINE_SET_APPLIED | PIPELINE_SET_RESPONSE);
}

/* A follow-up needs an application that reached "applied" (issue 13). */
static void test_reached_applied(void **state)
{
    assert_false(pipeline_reached_applied(APP_INTERESTED, false));
    assert_false(pipeline_reached_applied(APP_INTERESTED, true));
    for (enum app_status s = APP_APPLIED; s <= APP_DECLINED; s++)
        assert_true(pipeline_reached_applied(s, false));
    /* the exits: only after applying */
    assert_false(pipeline_reached_applied(APP_WITHDRAWN, false));
    assert_false(pipeline_reached_applied(APP_REJECTED, false));
    assert_true(pipeline_reached_applied(APP_REJECTED, true));
    assert_true(pipeline_reached_applied(APP_GHOSTED, true));
    assert_false(pipeline_reached_applied(APP_NONE, true));
}

static void test_names(void **state)
{
    for (int s = 0; s < APP_STATUS_COUNT; s++) {
        const char *name = pipeline_status_name(s);
        assert_non_null(name);
        assert_int_equal(pipeline_status_from_name(name), s);
        assert_true(pipeline_job_status_valid(name));
        assert_string_equal(pipeline_job_status_for(s), name);
        assert_true(pipeline_is_final(s) != pipeline_is_open(s));
        /* every final status, and only they, may be reopened (GET /applications/pipeline) */
        assert_true(pipeline_can_reopen(s) == pipeline_is_final(s));
    }
    assert_false(pipeline_can_reopen(APP_NONE));
    assert_null(pipeline_status_names[APP_STATUS_COUNT]);
    assert_null(pipeline_job_status_names[PIPELINE_JOB_STATUS_COUNT]);
    assert_string_equal(pipeline_status_names[APP_PHONE_SCREEN], "phone_screen");
    assert_int_equal(pipeline_status_from_name("Applied"), APP_NONE);
    assert_int_equal(pipeline_status_from_name("not_applied"), APP_NONE);
    assert_int_equal(pipeline_status_from_name(NULL), APP_NONE);
    assert_null(pipeline_status_name(APP_NONE));
    assert_null(pipeline_status_name(APP_STATUS_COUNT));
    assert_true(pipeline_job_status_valid("not_applied"));
    assert_true(pipeline_job_status_valid("archived"));
    assert_false(pipeline_job_status_valid("open"));
    assert_false(pipeline_job_status_valid(NULL));
    assert_true(pipeline_is_open(APP_OFFER));
    assert_false(pipeline_is_open(APP_ACCEPTED));
    assert_false(pipeline_is_final(APP_NONE));
    assert_false(pipeline_is_open(APP_NONE));
    /* the open names are the open statuses, in order (previous_status's value list) */
    for (int s = 0; s <= APP_OFFER; s++) {
        assert_true(pipeline_is_open(s));
        assert_string_equal(pipeline_open_status_names[s], pipeline_status_names[s]);
    }
    assert_false(pipeline_is_open(APP_OFFER + 1));
    assert_null(pipeline_open_status_names[APP_OFFER + 1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_transition),   cmocka_unit_test(test_reached_applied),
        cmocka_unit_test(test_allowed_next_lists), cmocka_unit_test(test_refusal_details),
        cmocka_unit_test(test_force_reopen),       cmocka_unit_test(test_previous_from_dates),
        cmocka_unit_test(test_previous_kept),      cmocka_unit_test(test_previous_after),
        cmocka_unit_test(test_dates_for),          cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
