/* Unit tests for the route matcher (src/http/router.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/router.h"

static void test_match_literal(void **state)
{
    struct arena a;
    arena_init(&a);
    const char *params[REQUEST_MAX_PARAMS];
    int n;
    assert_true(router_match("/api/v1/jobs", "/api/v1/jobs", &a, params, &n));
    assert_int_equal(n, 0);
    assert_false(router_match("/api/v1/jobs", "/api/v1/jobs/", &a, params, &n));
    assert_false(router_match("/api/v1/jobs", "/api/v1/job", &a, params, &n));
    assert_false(router_match("/api/v1/jobs", "/api/v1/jobsx", &a, params, &n));
    arena_free(&a);
}

static void test_match_params(void **state)
{
    struct arena a;
    arena_init(&a);
    const char *params[REQUEST_MAX_PARAMS];
    int n;
    assert_true(router_match("/api/v1/jobs/{id}", "/api/v1/jobs/42", &a, params, &n));
    assert_int_equal(n, 1);
    assert_string_equal(params[0], "42");
    assert_true(router_match("/i/{id}/questions/{position}/answer", "/i/7/questions/3/answer", &a,
                             params, &n));
    assert_int_equal(n, 2);
    assert_string_equal(params[0], "7");
    assert_string_equal(params[1], "3");
    assert_false(router_match("/api/v1/jobs/{id}", "/api/v1/jobs/", &a, params, &n));
    assert_false(router_match("/api/v1/jobs/{id}", "/api/v1/jobs/1/2", &a, params, &n));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_literal),
        cmocka_unit_test(test_match_params),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
