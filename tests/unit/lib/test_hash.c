/* FNV-1a (lib/hash.h): the published 64-bit test vectors, and bytes against text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/hash.h"

static void test_vectors(void **state)
{
    (void)state;
    assert_int_equal(fnv1a_text(FNV1A_SEED, ""), 0xcbf29ce484222325ULL);
    assert_int_equal(fnv1a_text(FNV1A_SEED, "a"), 0xaf63dc4c8601ec8cULL);
    assert_int_equal(fnv1a_text(FNV1A_SEED, "foobar"), 0x85944171f73967e8ULL);
}

static void test_bytes_and_text_agree(void **state)
{
    (void)state;
    assert_int_equal(fnv1a_bytes(FNV1A_SEED, "foobar", 6), fnv1a_text(FNV1A_SEED, "foobar"));
    /* carried on: two parts hash as the whole */
    assert_int_equal(fnv1a_text(fnv1a_text(FNV1A_SEED, "foo"), "bar"),
                     fnv1a_text(FNV1A_SEED, "foobar"));
    /* bytes past a NUL count */
    assert_true(fnv1a_bytes(FNV1A_SEED, "a\0b", 3) != fnv1a_bytes(FNV1A_SEED, "a", 1));
    assert_int_equal(fnv1a_bytes(FNV1A_SEED, "", 0), FNV1A_SEED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_bytes_and_text_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
