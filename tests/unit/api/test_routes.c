/* Unit tests for the route table (src/api/routes.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/routes.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
