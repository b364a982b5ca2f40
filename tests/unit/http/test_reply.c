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
    assert_int_equal(http_status_for(ERR_PRECONDITION), 412);
    assert_string_equal(err_code_name(ERR_PRECONDITION), "precondition_failed");
    assert_string_equal(err_code_name(ERR_INVALID), "validation_failed");
    assert_string_equal(err_code_name(ERR_TOO_LARGE), "payload_too_large");
}

/* The ETag of an object is its row_version; lists, errors and objects without one get none. */
static const char *etag_of(int status, json_t *body)
{
    static char etag[64];
    struct request req;
    memset(&req, 0, sizeof req);
    arena_init(&req.arena);
    http_reply_json(&req, status, body);
    const char *found = NULL;
    for (int i = 0; i < req.nheaders; i++)
        if (strcmp(req.header_names[i], "ETag") == 0)
            found = strcpy(etag, req.header_values[i]);
    arena_free(&req.arena);
    return found;
}

static void test_etag(void **state)
{
    assert_string_equal(etag_of(200, json_pack("{s:i, s:i}", "id", 4, "row_version", 17)),
                        "\"17\"");
    assert_string_equal(etag_of(201, json_pack("{s:i, s:i}", "id", 4, "row_version", 1)), "\"1\"");
    assert_null(etag_of(200, json_pack("{s:i}", "id", 4)));
    assert_null(etag_of(200, json_pack("{s:[], s:i}", "items", "total", 0)));
    assert_null(etag_of(200, json_pack("{s:s}", "row_version", "3")));
    assert_null(etag_of(412, json_pack("{s:i}", "row_version", 3)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_mapping),
        cmocka_unit_test(test_etag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
