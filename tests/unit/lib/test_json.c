/* Unit tests for the JSON helpers (src/lib/json.c): members, arrays to C and back, column text
 * parsing and serialising into an arena. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/json.h"

static void test_get(void **state)
{
    json_t *obj = json_pack("{s:I, s:s, s:f}", "id", (json_int_t)42, "name", "x", "real", 1.5);
    assert_int_equal(json_get_int(obj, "id"), 42);
    assert_int_equal(json_get_int(obj, "name"), 0); /* not an integer */
    assert_int_equal(json_get_int(obj, "real"), 0);
    assert_int_equal(json_get_int(obj, "missing"), 0);
    assert_int_equal(json_get_int(NULL, "id"), 0);
    json_decref(obj);

    json_t *mixed = json_loads("[\"a\", 1, null, \"b\", 2, {}, \"c\", -3]", 0, NULL);
    const char *names[8];
    assert_int_equal(json_get_strings(mixed, names, 8), 3);
    assert_string_equal(names[0], "a");
    assert_string_equal(names[2], "c");
    assert_int_equal(json_get_strings(mixed, names, 2), 2); /* capped */
    assert_int_equal(json_get_strings(NULL, names, 8), 0);
    int64_t ids[8];
    assert_int_equal(json_get_ints(mixed, ids, 8), 3);
    assert_int_equal(ids[0], 1);
    assert_int_equal(ids[2], -3);
    assert_int_equal(json_get_ints(mixed, ids, 1), 1);
    assert_true(json_has_string(mixed, "b"));
    assert_false(json_has_string(mixed, "d"));
    assert_false(json_has_string(NULL, "a"));
    json_decref(mixed);
}

static void test_parse(void **state)
{
    struct arena a;
    arena_init(&a);
    size_t n;
    const char **list = json_parse_strings("[\"Go\", 7, \"SQL\"]", &a, &n);
    assert_int_equal(n, 2);
    assert_string_equal(list[0], "Go");
    assert_string_equal(list[1], "SQL");
    assert_null(list[2]);
    assert_int_equal(json_parse_strings(NULL, &a, &n)[0] == NULL, 1);
    assert_int_equal(n, 0);
    json_parse_strings("{\"not\": \"an array\"}", &a, &n);
    assert_int_equal(n, 0);
    json_parse_strings("[broken", &a, &n);
    assert_int_equal(n, 0);

    json_t *v = json_parse_array("[1, 2]");
    assert_int_equal(json_array_size(v), 2);
    json_decref(v);
    static const char *const bad[] = {NULL, "", "{}", "\"text\"", "[1,"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = json_parse_array(bad[i]);
        assert_true(json_is_array(v));
        assert_int_equal(json_array_size(v), 0);
        json_decref(v);
    }
    arena_free(&a);
}

static void test_build(void **state)
{
    struct arena a;
    arena_init(&a);
    const char *items[] = {"a", "b\"c", "\xff", "d"};
    json_t *strings = json_from_strings(items, 4);
    assert_string_equal(json_to_text(strings, &a), "[\"a\",\"b\\\"c\",\"d\"]"); /* \xff dropped */
    json_decref(strings);
    int64_t ids[] = {3, 1, 2};
    json_t *numbers = json_from_ints(ids, 3);
    assert_string_equal(json_to_text(numbers, &a), "[3,1,2]");
    json_decref(numbers);
    json_t *none = json_from_ints(NULL, 0);
    assert_string_equal(json_to_text(none, &a), "[]");
    json_decref(none);
    json_t *s = json_text_or_null("x");
    assert_string_equal(json_to_text(s, &a), "\"x\"");
    json_decref(s);
    assert_true(json_is_null(json_text_or_null("")));
    assert_true(json_is_null(json_text_or_null(NULL)));
    assert_true(json_is_null(json_text_or_null("\xc3")));
    json_t *obj = json_pack("{s:i}", "k", 1);
    assert_string_equal(json_to_text(obj, &a), "{\"k\":1}");
    json_decref(obj);
    assert_string_equal(json_to_text(json_null(), &a), "null");
    assert_string_equal(json_to_text(NULL, &a), "null");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_build),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
