/* Unit tests for the logger's escaping (src/lib/log.c): one escaper for both formats, so no
 * logged field can end a line or forge one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <jansson.h>
#include <cmocka.h>

#include "lib/log.h"

static void test_escape(void **state)
{
    char out[128];
    assert_string_equal(log_escape("/plain/path?x=1", out, sizeof out), "/plain/path?x=1");
    assert_string_equal(log_escape("a\nb\rc\td\x1b[31m\x7f", out, sizeof out),
                        "a\\u000ab\\u000dc\\u0009d\\u001b[31m\\u007f");
    assert_string_equal(log_escape("say \"hi\" \\o/", out, sizeof out), "say \\\"hi\\\" \\\\o/");
    assert_string_equal(log_escape("caf\xc3\xa9", out, sizeof out), "caf\xc3\xa9"); /* UTF-8 kept */
    assert_string_equal(log_escape(NULL, out, sizeof out), "");
    char small[10];
    log_escape("abc\ndefghij", small, sizeof small); /* an escape that does not fit is dropped */
    assert_true(strlen(small) < sizeof small);
    assert_null(strchr(small, '\n'));
}

/* Found by fuzz/fuzz_log.c: bytes that are not UTF-8 (a path such as /%FF, a request id with
 * 0xFF, a cut sequence) made the JSON access line invalid JSON; they are written \ufffd, and a
 * character that does not fit whole is left out. */
static void test_escape_invalid_utf8(void **state)
{
    char out[128];
    assert_string_equal(log_escape("/caf\xc3\xa9/\xff\xe2\x82", out, sizeof out),
                        "/caf\xc3\xa9/\\ufffd\\ufffd\\ufffd");
    assert_string_equal(log_escape("\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80", out, sizeof out),
                        "\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd");
    assert_string_equal(log_escape("\xf0\x9f\x98\x80", out, sizeof out), "\xf0\x9f\x98\x80");
    char small[11]; /* room for 7 more bytes is needed to start a character: never split */
    log_escape("abcd\xf0\x9f\x98\x80", small, sizeof small);
    assert_string_equal(small, "abcd");
    char fits[12];
    log_escape("abcd\xf0\x9f\x98\x80", fits, sizeof fits);
    assert_string_equal(fits, "abcd\xf0\x9f\x98\x80");
    struct log_access a = {"GET\xff", "/x\xff\xe2\x82", 404, 1, 2, "id\xff"};
    char line[512];
    log_set_json(true);
    log_format_access(&a, line, sizeof line);
    json_t *doc = json_loads(line, 0, NULL);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "path")),
                        "/x\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    json_decref(doc);
    log_set_json(false);
}

static void test_access_line(void **state)
{
    char line[512];
    struct log_access a = {"GET", "/x\n2026-11-28T00:00:00Z info FAKE admin login\r", 404, 12, 34,
                           "abc"};
    log_set_json(false);
    log_format_access(&a, line, sizeof line);
    assert_string_equal(line, "GET /x\\u000a2026-11-28T00:00:00Z info FAKE admin login\\u000d 404 "
                              "12 34us abc\n");
    log_set_json(true);
    log_format_access(&a, line, sizeof line);
    assert_int_equal(strchr(line, '\n') - line, (long)strlen(line) - 1); /* one line */
    json_t *doc = json_loads(line, 0, NULL);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "path")), a.path);
    assert_int_equal(json_integer_value(json_object_get(doc, "status")), 404);
    json_decref(doc);
    log_set_json(false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_escape_invalid_utf8),
        cmocka_unit_test(test_access_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
