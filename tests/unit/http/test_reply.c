/* Unit tests for the one status mapper (src/http/reply.c) and the error code names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/reply.h"

static void test_status_mapping(void **state)
{
    assert_int_equal(http_status_for(ERR_INVALID), 422);
    assert_int_equal(http_status_for(ERR_CHECK), 422);
    assert_int_equal(http_status_for(ERR_FOREIGN_KEY), 422);
    assert_int_equal(http_status_for(ERR_BAD_REQUEST), 400);
    assert_int_equal(http_status_for(ERR_NOT_FOUND), 404);
    assert_int_equal(http_status_for(ERR_CONFLICT), 409);
    assert_int_equal(http_status_for(ERR_UNAUTHORIZED), 401);
    assert_int_equal(http_status_for(ERR_FORBIDDEN), 403);
    assert_int_equal(http_status_for(ERR_TOO_LARGE), 413);
    assert_int_equal(http_status_for(ERR_UNSUPPORTED), 415);
    assert_int_equal(http_status_for(ERR_RATE_LIMITED), 429);
    assert_int_equal(http_status_for(ERR_INTERNAL), 500);
    assert_string_equal(err_code_name(ERR_INVALID), "validation_failed");
    assert_string_equal(err_code_name(ERR_TOO_LARGE), "payload_too_large");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_mapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
