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

/* The ETag of an object is its row_version; lists, errors and objects without one get none.
 * With a version (text), the reply is a row written as text (http_reply_row_text). */
static const char *etag_of_reply(int status, json_t *body, const char *version)
{
    static char etag[64];
    struct request req;
    memset(&req, 0, sizeof req);
    arena_init(&req.arena);
    if (body)
        http_reply_json(&req, status, body);
    else
        http_reply_row_text(&req, status, "{}", 2, version);
    const char *found = NULL;
    for (int i = 0; i < req.nheaders; i++)
        if (strcmp(req.header_names[i], "ETag") == 0)
            found = strcpy(etag, req.header_values[i]);
    arena_free(&req.arena);
    return found;
}

static const char *etag_of(int status, json_t *body)
{
    return etag_of_reply(status, body, NULL);
}

static void test_etag(void **state)
{
    assert_string_equal(etag_of_reply(200, NULL, "17"), "\"17\"");
    assert_null(etag_of_reply(200, NULL, NULL));
    assert_null(etag_of_reply(412, NULL, "3"));
    assert_string_equal(etag_of(200, json_pack("{s:i, s:i}", "id", 4, "row_version", 17)),
                        "\"17\"");
    assert_string_equal(etag_of(201, json_pack("{s:i, s:i}", "id", 4, "row_version", 1)), "\"1\"");
    assert_null(etag_of(200, json_pack("{s:i}", "id", 4)));
    assert_null(etag_of(200, json_pack("{s:[], s:i}", "items", "total", 0)));
    assert_null(etag_of(200, json_pack("{s:s}", "row_version", "3")));
    assert_null(etag_of(412, json_pack("{s:i}", "row_version", 3)));
}

/* Found by tests/api/hostile.test.mjs: GET /jobs?sort=%FF answered 422 without a message (the
 * message quoted bytes that are not UTF-8, and jansson refuses such a string). The error body
 * always has its message and field, as valid UTF-8. */
static void test_error_text_is_utf8(void **state)
{
    struct request req;
    memset(&req, 0, sizeof req);
    arena_init(&req.arena);
    struct err e = {0};
    err_set(&e, ERR_INVALID, "so\xFFrt", "cannot sort by \xFF\xFE\xE2\x82");
    http_reply_error(&req, ERR_INVALID, &e);
    assert_int_equal(req.status, 422);
    json_t *body = json_loadb(req.response, req.response_len, 0, NULL);
    assert_non_null(body);
    json_t *error = json_object_get(body, "error");
    assert_string_equal(json_string_value(json_object_get(error, "code")), "validation_failed");
    assert_string_equal(json_string_value(json_object_get(error, "message")),
                        "cannot sort by \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_string_equal(json_string_value(json_object_get(error, "field")), "so\xEF\xBF\xBDrt");
    json_decref(body);
    arena_free(&req.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_mapping),
        cmocka_unit_test(test_etag),
        cmocka_unit_test(test_error_text_is_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
