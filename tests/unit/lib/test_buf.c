/* Unit tests for the growable buffer (src/lib/buf.c): appends, printf, and the integer writer
 * against printf's "%lld" at the edges (zero, signs, every power of ten, INT64_MIN/MAX). */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/buf.h"

static void test_append(void **state)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "ab");
    buf_putc(&b, 'c');
    buf_append(&b, "def", 2);
    buf_printf(&b, "[%d:%s]", 42, "x");
    assert_string_equal(b.data, "abcde[42:x]");
    assert_int_equal(b.len, 11);
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    buf_free(&b);
}

static void expect_int(int64_t v)
{
    char want[32];
    snprintf(want, sizeof want, "%" PRId64, v);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "x");
    buf_put_int(&b, v);
    assert_string_equal(b.data + 1, want);
    assert_int_equal(b.len, 1 + strlen(want));
    buf_free(&b);
    char text[BUF_INT_LEN];
    memset(text, 'z', sizeof text);
    assert_int_equal(buf_int_text(v, text), strlen(want));
    assert_string_equal(text, want);
}

static void test_put_int(void **state)
{
    expect_int(0);
    expect_int(INT64_MAX);
    expect_int(INT64_MIN);
    expect_int(INT64_MIN + 1);
    int64_t p = 1;
    /* 1, 10, ..., 10^18 and their neighbours (no step past 10^18: it would overflow) */
    for (int i = 0; i < 19; i++, p = i < 19 ? p * 10 : p)
        for (int64_t d = -1; d <= 1; d++) {
            expect_int(p + d);
            expect_int(-(p + d));
        }
    uint64_t x = 88172645463325252u; /* xorshift: a spread of magnitudes */
    for (int i = 0; i < 10000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t v = (int64_t)((x >> (x % 64)) >> 1); /* 0 .. INT64_MAX */
        expect_int((x & 1) ? -v : v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append),
        cmocka_unit_test(test_put_int),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
