/* Unit tests for the progress rules (src/core/progress.c): path progress, the enrollment
 * status, the bookmark rule and feedback resolution. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/progress.h"

/* ================================================================ progress */

static void test_progress(void **state)
{
    const int64_t path[] = {10, 20, 30};
    int64_t completed[3];
    struct progress p;
    const int64_t some[] = {30, 10, 10};
    assert_int_equal(progress_compute(path, 3, some, 3, true, completed, &p), -1);
    assert_int_equal(p.ncompleted, 2);
    assert_int_equal(completed[0], 10);
    assert_int_equal(completed[1], 30);
    assert_int_equal(p.percentage, 66);
    assert_int_equal(p.current, 1);
    assert_false(p.complete);

    const int64_t all[] = {20, 30, 10};
    progress_compute(path, 3, all, 3, true, completed, &p);
    assert_int_equal(p.percentage, 100);
    assert_int_equal(p.current, 3);
    assert_true(p.complete);

    progress_compute(path, 3, NULL, 0, true, completed, &p);
    assert_int_equal(p.percentage, 0);
    assert_int_equal(p.current, 0);
    assert_int_equal(p.ncompleted, 0);

    const int64_t stray[] = {10, 40, 50};
    assert_int_equal(progress_compute(path, 3, stray, 3, true, completed, &p), 1);
    assert_int_equal(progress_compute(path, 3, stray, 3, false, completed, &p), -1);
    assert_int_equal(p.ncompleted, 1); /* unknown ids dropped */
    assert_int_equal(p.percentage, 33);

    progress_compute(NULL, 0, stray, 3, false, completed, &p);
    assert_int_equal(p.percentage, 0);
    assert_false(p.complete);
    assert_int_equal(p.current, 0);

    const int64_t seven[] = {1, 2, 3, 4, 5, 6, 7};
    int64_t out[7];
    const int64_t six[] = {1, 2, 3, 4, 5, 6};
    progress_compute(seven, 7, six, 6, true, out, &p);
    assert_int_equal(p.percentage, 85); /* floor: 100 only when all are done */
    assert_int_equal(p.current, 6);
}

static void test_enrollment_status(void **state)
{
    assert_string_equal(progress_enrollment_status("active", NULL, true), "completed");
    assert_string_equal(progress_enrollment_status("paused", "paused", true), "completed");
    assert_string_equal(progress_enrollment_status("completed", NULL, false), "active");
    assert_string_equal(progress_enrollment_status("completed", "paused", false), "paused");
    assert_string_equal(progress_enrollment_status("paused", NULL, false), "paused");
    assert_string_equal(progress_enrollment_status("abandoned", NULL, false), "abandoned");
    assert_string_equal(progress_enrollment_status("paused", "active", false), "active");
    assert_string_equal(progress_enrollment_status("active", "completed", false), "active");
    assert_string_equal(progress_enrollment_status(NULL, NULL, false), "active");
    assert_string_equal(progress_enrollment_status("weird", NULL, false), "active");
}

/* ================================================================ bookmarks */

static void test_bookmark(void **state)
{
    static const struct {
        const char *old_status; /* NULL: a new bookmark */
        int old_progress;
        const char *status;
        int progress;
        int rc;
        const char *want_status;
        int want_progress;
        enum progress_stamp want_when;
    } cases[] = {
        {NULL, 0, NULL, -1, 0, "to_learn", 0, PROGRESS_STAMP_CLEAR},
        {NULL, 0, NULL, 30, 0, "in_progress", 30, PROGRESS_STAMP_CLEAR},
        {NULL, 0, NULL, 100, 0, "completed", 100, PROGRESS_STAMP_SET},
        {NULL, 0, "completed", -1, 0, "completed", 100, PROGRESS_STAMP_SET},
        {NULL, 0, "completed", 50, -1, NULL, 0, PROGRESS_STAMP_KEEP},
        {NULL, 0, "archived", -1, 0, "archived", 0, PROGRESS_STAMP_KEEP},
        {"to_learn", 0, NULL, 0, 0, "to_learn", 0, PROGRESS_STAMP_CLEAR},
        {"in_progress", 40, NULL, 60, 0, "in_progress", 60, PROGRESS_STAMP_CLEAR},
        {"in_progress", 40, NULL, -1, 0, "in_progress", 40, PROGRESS_STAMP_CLEAR},
        {"completed", 100, NULL, -1, 0, "completed", 100, PROGRESS_STAMP_KEEP},
        {"completed", 100, "completed", -1, 0, "completed", 100, PROGRESS_STAMP_KEEP},
        {"completed", 100, NULL, 80, 0, "in_progress", 80, PROGRESS_STAMP_CLEAR},
        {"completed", 100, NULL, 0, 0, "to_learn", 0, PROGRESS_STAMP_CLEAR},
        {"completed", 100, "archived", -1, 0, "archived", 100, PROGRESS_STAMP_KEEP},
        {"completed", 100, "in_progress", -1, 0, "in_progress", 100, PROGRESS_STAMP_CLEAR},
        {"archived", 20, NULL, 100, 0, "completed", 100, PROGRESS_STAMP_SET},
        {"archived", 20, NULL, 50, 0, "archived", 50, PROGRESS_STAMP_KEEP},
        {"to_learn", 0, "to_learn", 100, 0, "to_learn", 100, PROGRESS_STAMP_CLEAR},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct progress_bookmark old = {cases[i].old_status, cases[i].old_progress}, out = {0};
        enum progress_stamp when = PROGRESS_STAMP_KEEP;
        int rc = progress_bookmark_apply(cases[i].old_status ? &old : NULL, cases[i].status,
                                         cases[i].progress, &out, &when);
        if (rc != cases[i].rc)
            fail_msg("case %zu: rc %d, want %d", i, rc, cases[i].rc);
        if (rc)
            continue;
        if (strcmp(out.status, cases[i].want_status) != 0 ||
            out.progress != cases[i].want_progress || when != cases[i].want_when)
            fail_msg("case %zu: got %s/%d/%d, want %s/%d/%d", i, out.status, out.progress, when,
                     cases[i].want_status, cases[i].want_progress, cases[i].want_when);
    }
    assert_string_equal(progress_bookmark_statuses[0], "to_learn");
    assert_null(progress_bookmark_statuses[4]);
}

/* ================================================================ feedback */

static void test_feedback_resolution(void **state)
{
    assert_int_equal(progress_feedback_resolution(NULL, NULL), PROGRESS_STAMP_KEEP);
    assert_int_equal(progress_feedback_resolution(NULL, "open"), PROGRESS_STAMP_KEEP);
    assert_int_equal(progress_feedback_resolution(NULL, "resolved"), PROGRESS_STAMP_SET);
    assert_int_equal(progress_feedback_resolution("open", "closed"), PROGRESS_STAMP_SET);
    assert_int_equal(progress_feedback_resolution("in_progress", "resolved"), PROGRESS_STAMP_SET);
    assert_int_equal(progress_feedback_resolution("resolved", "closed"), PROGRESS_STAMP_KEEP);
    assert_int_equal(progress_feedback_resolution("closed", "closed"), PROGRESS_STAMP_KEEP);
    assert_int_equal(progress_feedback_resolution("closed", "open"), PROGRESS_STAMP_CLEAR);
    assert_int_equal(progress_feedback_resolution("resolved", "planned"), PROGRESS_STAMP_CLEAR);
    assert_int_equal(progress_feedback_resolution("open", "planned"), PROGRESS_STAMP_KEEP);
    assert_int_equal(progress_feedback_resolution("resolved", NULL), PROGRESS_STAMP_KEEP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_enrollment_status),
        cmocka_unit_test(test_bookmark),
        cmocka_unit_test(test_feedback_resolution),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
