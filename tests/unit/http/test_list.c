/* Unit tests for the transport's half of list routes (src/http/list.c): paging and sort
 * arguments into struct list_params, with the 422 details the API promises; the list envelope
 * written around the items' text as jansson wrote the envelope it replaced. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/list.h"
#include "http/reply.h"
#include "lib/json.h"

static void test_defaults(void **state)
{
    struct list_params p = {0};
    struct err e = {0};
    assert_int_equal(http_list_parse(NULL, NULL, NULL, &p, &e), 0);
    assert_int_equal(p.limit, LIST_DEFAULT_LIMIT);
    assert_int_equal(p.offset, 0);
    assert_null(p.sort);
    assert_false(p.desc);
}

static void test_paging(void **state)
{
    struct list_params p = {0};
    struct err e = {0};
    assert_int_equal(http_list_parse("1", "0", NULL, &p, &e), 0);
    assert_int_equal(p.limit, 1);
    assert_int_equal(http_list_parse("100", "12345", NULL, &p, &e), 0);
    assert_int_equal(p.limit, 100);
    assert_int_equal(p.offset, 12345);
    /* the largest offset there is, and leading zeros */
    assert_int_equal(http_list_parse("007", "9223372036854775807", NULL, &p, &e), 0);
    assert_int_equal(p.limit, 7);
    assert_int_equal(p.offset, INT64_MAX);
    /* a sign, blanks and numbers beyond int64 are refused (tests/api/hostile.test.mjs found
     * ?offset=99999999999999999999 read as 9223372036854775807, and ?limit=+5 as 5) */
    static const char *const bad_limits[] = {
        "0",  "101", "-1", "",     "ten", "5x", "1.5",
        "+5", " 5",  "5 ", "0x10", "1e2", "-0", "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad_limits / sizeof bad_limits[0]; i++) {
        struct err bad = {0};
        assert_int_equal(http_list_parse(bad_limits[i], NULL, NULL, &p, &bad), ERR_INVALID);
        assert_string_equal(bad.field, "limit");
        assert_string_equal(bad.message, "limit must be an integer from 1 to 100");
    }
    static const char *const bad_offsets[] = {"-1",
                                              "",
                                              "x",
                                              "+5",
                                              " 5",
                                              "\t5",
                                              "-0",
                                              "1e400",
                                              "9223372036854775808",
                                              "99999999999999999999",
                                              "-9223372036854775809"};
    for (size_t i = 0; i < sizeof bad_offsets / sizeof bad_offsets[0]; i++) {
        struct err bad = {0};
        assert_int_equal(http_list_parse(NULL, bad_offsets[i], NULL, &p, &bad), ERR_INVALID);
        assert_string_equal(bad.field, "offset");
        assert_string_equal(bad.message, "offset must be a non-negative integer");
    }
    /* limit is checked before offset */
    struct err both = {0};
    assert_int_equal(http_list_parse("0", "-1", NULL, &p, &both), ERR_INVALID);
    assert_string_equal(both.field, "limit");
}

static void test_sort(void **state)
{
    struct list_params p = {0};
    struct err e = {0};
    assert_int_equal(http_list_parse(NULL, NULL, "title", &p, &e), 0);
    assert_string_equal(p.sort, "title");
    assert_false(p.desc);
    assert_int_equal(http_list_parse(NULL, NULL, "-created_at", &p, &e), 0);
    assert_string_equal(p.sort, "created_at");
    assert_true(p.desc);
    assert_int_equal(http_list_parse(NULL, NULL, "+company", &p, &e), 0);
    assert_string_equal(p.sort, "company");
    assert_false(p.desc);
    /* the name is the model's to check: anything passes here */
    assert_int_equal(http_list_parse(NULL, NULL, "", &p, &e), 0);
    assert_string_equal(p.sort, "");
}

static void test_arguments(void **state)
{
    static const struct list_arg args[] = {{"status", "applied"}, {"q", NULL}, {"company", ""}};
    struct list_params p = {.limit = 20, .args = args, .nargs = 3};
    assert_string_equal(list_params_get(&p, "status"), "applied");
    assert_null(list_params_get(&p, "q"));
    assert_string_equal(list_params_get(&p, "company"), "");
    assert_null(list_params_get(&p, "source"));
}

/* http_reply_list gives the bytes http_reply_json gave the envelope built in jansson around
 * the same items, with the same status and content type, and no ETag. */
static void test_envelope(void **state)
{
    static const char *const items[] = {"[]", "[{\"id\":1,\"title\":\"\\u0001 \u00e9\"}]",
                                        "[{\"id\":1},{\"id\":2,\"x\":[1.5,null,{}]}]"};
    static const int64_t numbers[][3] = {
        {0, 1, 0}, {12345, 20, 40}, {INT64_MAX, 100, INT64_MAX}, {7, 100, 0}};
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        for (size_t k = 0; k < sizeof numbers / sizeof *numbers; k++) {
            struct list_params p = {.limit = numbers[k][1], .offset = numbers[k][2]};
            struct request old, now;
            memset(&old, 0, sizeof old);
            arena_init(&old.arena);
            json_t *array = json_loads(items[i], 0, NULL);
            assert_non_null(array);
            http_reply_json(&old, 200,
                            json_pack("{s:o, s:I, s:I, s:I}", "items", array, "total",
                                      (json_int_t)numbers[k][0], "limit", (json_int_t)p.limit,
                                      "offset", (json_int_t)p.offset));
            /* begun by http_list_items_begin, the buffer taken by the reply */
            memset(&now, 0, sizeof now);
            arena_init(&now.arena);
            struct buf text;
            http_list_items_begin(&text, &p);
            buf_puts(&text, items[i]);
            assert_int_equal(http_reply_list(&now, &text, numbers[k][0], &p), 0);
            assert_int_equal(text.len, 0);
            buf_free(&text);
            assert_int_equal(now.status, 200);
            assert_string_equal(now.content_type, old.content_type);
            assert_int_equal(now.response_len, old.response_len);
            assert_memory_equal(now.response, old.response, old.response_len);
            assert_int_equal(now.nheaders, 0);
            assert_true(now.response == now.response_owned);
            free(now.response_owned);
            arena_free(&now.arena);
            arena_free(&old.arena);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults), cmocka_unit_test(test_paging),
        cmocka_unit_test(test_sort),     cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_envelope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
