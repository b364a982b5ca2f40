/* Unit tests for the route matcher and the route table (src/http/router.c, src/api/routes.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/routes.h"
#include "http/reply.h"
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

/* Literal routes must come before the {id} route that would also match them. */
static void test_table_order(void **state)
{
    struct arena a;
    arena_init(&a);
    const char *params[REQUEST_MAX_PARAMS];
    int n;
    const char *literal[] = {"/api/v1/jobs/import", "/api/v1/jobs/export",
                             "/api/v1/applications/board", "/api/v1/applications/follow-ups"};
    for (size_t i = 0; i < sizeof literal / sizeof literal[0]; i++) {
        const struct route *first = NULL;
        for (const struct route *r = api_routes; r->method && !first; r++)
            if (router_match(r->pattern, literal[i], &a, params, &n) &&
                strchr(r->pattern, '{') == NULL)
                first = r;
        assert_non_null(first);
        for (const struct route *r = api_routes; r != first; r++)
            assert_false(router_match(r->pattern, literal[i], &a, params, &n) &&
                         strcmp(r->method, first->method) == 0);
    }
    arena_free(&a);
}

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
        cmocka_unit_test(test_match_literal),
        cmocka_unit_test(test_match_params),
        cmocka_unit_test(test_table_order),
        cmocka_unit_test(test_status_mapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
