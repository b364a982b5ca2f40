/* Unit tests for the pure parts of the web page server (src/http/static.c): which
 * Accept-Encoding values take gzip, and which If-None-Match values name an entity tag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/static.h"

static void test_accepts_gzip(void **state)
{
    static const char *const yes[] = {"gzip",
                                      "GZIP",
                                      "gzip, deflate, br",
                                      "br;q=1.0, gzip;q=0.8",
                                      "*",
                                      "deflate, *;q=0.1",
                                      "x-gzip",
                                      " gzip ; q=1"};
    static const char *const no[] = {
        "", "identity", "br", "gzip;q=0", "gzip; q=0.0", "gzipped", "deflate, br;q=0.5", "*;q=0"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!http_accepts_gzip(yes[i]))
            fail_msg("\"%s\" accepts gzip", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (http_accepts_gzip(no[i]))
            fail_msg("\"%s\" does not accept gzip", no[i]);
    assert_false(http_accepts_gzip(NULL));
}

static void test_etag_matches(void **state)
{
    const char *tag = "\"0123456789abcdef\"";
    assert_true(http_etag_matches("\"0123456789abcdef\"", tag));
    assert_true(http_etag_matches("W/\"0123456789abcdef\"", tag)); /* weak comparison */
    assert_true(http_etag_matches("\"x\", \"0123456789abcdef\"", tag));
    assert_true(http_etag_matches("*", tag));
    assert_false(http_etag_matches(NULL, tag));
    assert_false(http_etag_matches("", tag));
    assert_false(http_etag_matches("\"0123456789abcdef-gz\"", tag));
    assert_false(http_etag_matches("\"0123456789abcde\"", tag));
    assert_false(http_etag_matches("0123456789abcdef", tag));
}

static void test_version(void **state)
{
    const char *v = http_static_version();
    assert_int_equal(strlen(v), 16);
    for (const char *p = v; *p; p++)
        assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
    assert_ptr_equal(http_static_version(), v); /* prepared once */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepts_gzip),
        cmocka_unit_test(test_etag_matches),
        cmocka_unit_test(test_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
