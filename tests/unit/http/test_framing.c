/* Unit tests for the framing check (src/http/framing.c): RFC 9112's rules on Content-Length,
 * Transfer-Encoding, Host and field names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/framing.h"

#define H(name, value) ((struct framing_header){name, value})
#define CHECK(http11, ...)                                                                         \
    check((const struct framing_header[]){__VA_ARGS__},                                            \
          sizeof((const struct framing_header[]){__VA_ARGS__}) / sizeof(struct framing_header),    \
          http11)

static int check(const struct framing_header *h, size_t n, bool http11)
{
    struct err e = {0};
    int rc = framing_check(h, n, http11, &e);
    if (rc)
        assert_true(e.message[0] != '\0');
    return rc;
}

static void test_sound(void **state)
{
    assert_int_equal(CHECK(true, H("Host", "x")), 0);
    assert_int_equal(CHECK(true, H("host", "x"), H("Content-Length", "0")), 0);
    assert_int_equal(CHECK(true, H("Host", "x"), H("content-length", "0042")), 0);
    assert_int_equal(CHECK(true, H("Host", "x"), H("Transfer-Encoding", "chunked")), 0);
    assert_int_equal(CHECK(true, H("Host", "x"), H("transfer-encoding", "Chunked")), 0);
    assert_int_equal(CHECK(false, H("Content-Length", "3")), 0); /* 1.0 needs no Host */
    assert_int_equal(framing_check(NULL, 0, false, NULL), 0);
}

static void test_content_length(void **state)
{
    assert_int_equal(
        CHECK(true, H("Host", "x"), H("Content-Length", "2"), H("Content-Length", "45")),
        ERR_BAD_REQUEST);
    assert_int_equal(
        CHECK(true, H("Host", "x"), H("Content-Length", "2"), H("content-length", "2")),
        ERR_BAD_REQUEST);
    const char *bad[] = {"-1", "+2", "0x2", "2 2", "2,2", "", "1e3", " 2"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(CHECK(true, H("Host", "x"), H("Content-Length", bad[i])), ERR_BAD_REQUEST);
}

static void test_transfer_encoding(void **state)
{
    const char *bad[] = {"chunked, identity", "gzip",        "identity",
                         "gzip, chunked",     "chunked;x=1", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(CHECK(true, H("Host", "x"), H("Transfer-Encoding", bad[i])),
                         ERR_BAD_REQUEST);
    assert_int_equal(CHECK(true, H("Host", "x"), H("Transfer-Encoding", "chunked"),
                           H("Transfer-Encoding", "chunked")),
                     ERR_BAD_REQUEST);
    assert_int_equal(
        CHECK(true, H("Host", "x"), H("Content-Length", "7"), H("Transfer-Encoding", "chunked")),
        ERR_BAD_REQUEST);
    assert_int_equal(
        CHECK(true, H("Transfer-Encoding", "chunked"), H("Host", "x"), H("Content-Length", "7")),
        ERR_BAD_REQUEST);
    assert_int_equal(CHECK(false, H("Transfer-Encoding", "chunked")), ERR_BAD_REQUEST);
}

static void test_host_and_names(void **state)
{
    assert_int_equal(CHECK(true, H("Accept", "*/*")), ERR_BAD_REQUEST);
    assert_int_equal(CHECK(true, H("Host", "a"), H("Host", "b")), ERR_BAD_REQUEST);
    assert_int_equal(CHECK(true, H("Host", "x"), H("Content-Length ", "5")), ERR_BAD_REQUEST);
    assert_int_equal(CHECK(true, H("Host", "x"), H("X\tY", "5")), ERR_BAD_REQUEST);
    assert_int_equal(CHECK(true, H("Host", "x"), H("", "5")), ERR_BAD_REQUEST);
    assert_int_equal(CHECK(true, H("Host", "x"), H("X-Ok_Name.1~", "5")), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sound),
        cmocka_unit_test(test_content_length),
        cmocka_unit_test(test_transfer_encoding),
        cmocka_unit_test(test_host_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
