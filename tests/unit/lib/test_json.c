/* Unit tests for the JSON helpers (src/lib/json.c): members, arrays to C and back, column text
 * parsing, serialising into an arena, and the compact writer against json_dumps. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* json_plain_strings reads the plain form itself and turns everything else away; what it reads
 * is what jansson reads. */
static void test_plain_strings(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool plain;
        size_t n;
    } cases[] = {
        {"[]", true, 0},
        {" [ \"Go\" ,\n\t\"SQL\" ] \n", true, 2},
        {"[\"\", \"a b/c++#\"]", true, 2},
        {"[\"Go\",]", false, 0},
        {"[\"Go\" \"SQL\"]", false, 0},
        {"[\"G\\u006f\"]", false, 0},
        {"[\"Caf\xc3\xa9\"]", false, 0},
        {"[\"tab\there\"]", false, 0},
        {"[1]", false, 0},
        {"[\"Go\", null]", false, 0},
        {"{\"a\": \"b\"}", false, 0},
        {"[\"Go\"] x", false, 0},
        {"[\"Go\"", false, 0},
        {"", false, 0},
        {NULL, false, 0},
    };
    const char *out[8];
    char buf[JSON_PLAIN_TEXT_MAX];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = 99;
        bool plain = json_plain_strings(cases[i].text, out, 8, &n, buf);
        assert_int_equal(plain, cases[i].plain);
        if (!plain)
            continue;
        assert_int_equal(n, cases[i].n);
        json_t *v = json_parse_array(cases[i].text); /* jansson reads the same */
        assert_int_equal(json_array_size(v), n);
        for (size_t k = 0; k < n; k++)
            assert_string_equal(out[k], json_string_value(json_array_get(v, k)));
        json_decref(v);
    }
    size_t n;
    assert_false(json_plain_strings("[\"a\", \"b\", \"c\"]", out, 2, &n, buf)); /* too many */
    assert_true(json_plain_strings("[\"a\", \"b\"]", out, 2, &n, buf));
    static char big[JSON_PLAIN_TEXT_MAX + 8]; /* one string longer than buf */
    big[0] = '[', big[1] = '"';
    memset(big + 2, 'x', JSON_PLAIN_TEXT_MAX);
    memcpy(big + 2 + JSON_PLAIN_TEXT_MAX, "\"]", 3);
    assert_false(json_plain_strings(big, out, 8, &n, buf));
}

/* json_plain_strings_compact accepts exactly the plain form without blanks or with PostgreSQL's
 * one blank after each comma, and there json_plain_strings_put writes what json_write_compact
 * writes for what json_loads reads from it. */
static void test_plain_strings_compact(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool compact;
    } cases[] = {
        {"[]", true},
        {"[\"\"]", true},
        {"[\"Go\",\"SQL\",\"a b/c++#~\"]", true},
        {"[ ]", false},
        {"[\"Go\", \"SQL\"]", true}, /* PostgreSQL's jsonb text */
        {"[\"Go\", \"SQL, C\", \"a b\", \" \"]", true},
        {"[\"Go\",  \"SQL\"]", false},
        {"[\"Go\" , \"SQL\"]", false},
        {"[\"Go\",\t\"SQL\"]", false},
        {"[ \"Go\"]", false},
        {"[\"Go\", ]", false},
        {"[\"Go\" ]", false},
        {" [\"Go\"]", false},
        {"[\"Go\"] ", false},
        {"[\"Go\",]", false},
        {"[\"Go\"\"SQL\"]", false},
        {"[\"G\\u006f\"]", false},
        {"[\"a\\/b\"]", false},
        {"[\"Caf\xc3\xa9\"]", false},
        {"[\"tab\there\"]", false},
        {"[\"del\x7f\"]", false},
        {"[1]", false},
        {"[\"Go\",null]", false},
        {"[[\"Go\"]]", false},
        {"{\"a\":\"b\"}", false},
        {"[\"Go\"]x", false},
        {"[\"Go\"", false},
        {"[\"Go", false},
        {"[", false},
        {"", false},
        {NULL, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *text = cases[i].text;
        size_t len = json_plain_strings_compact(text);
        assert_int_equal(len > 0, cases[i].compact);
        if (!len)
            continue;
        assert_int_equal(len, strlen(text));
        json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
        assert_non_null(v);
        struct buf out, put;
        buf_init(&out);
        buf_init(&put);
        json_write_compact(&out, v, 15);
        buf_putc(&out, '\0');
        json_plain_strings_put(&put, text, len);
        buf_putc(&put, '\0');
        assert_string_equal(put.data, out.data);
        buf_free(&out);
        buf_free(&put);
        json_decref(v);
    }
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

/* Streams doc (an object of scalars, objects and arrays of objects) the way the exports do and
 * checks the bytes against json_dumps of the whole. */
static void expect_streamed_like_dumps(json_t *doc, size_t flags)
{
    struct buf out;
    buf_init(&out);
    buf_putc(&out, '{');
    size_t i = 0;
    const char *key;
    json_t *value;
    json_object_foreach(doc, key, value)
    {
        json_stream_key(&out, key, i++, flags, 1);
        if (!json_is_array(value)) {
            json_stream_value(&out, value, flags, 1);
            continue;
        }
        buf_putc(&out, '[');
        size_t k;
        json_t *item;
        json_array_foreach(value, k, item)
        {
            json_stream_key(&out, NULL, k, flags, 2);
            json_stream_value(&out, item, flags, 2);
        }
        json_stream_close(&out, ']', json_array_size(value), flags, 2);
    }
    json_stream_close(&out, '}', i, flags, 1);
    char *whole = json_dumps(doc, flags);
    buf_putc(&out, '\0');
    assert_string_equal(out.data, whole);
    free(whole);
    buf_free(&out);
}

static void test_stream(void **state)
{
    json_t *doc = json_loads(
        "{\"exported_at\": \"2026-11-28T00:00:00Z\", \"user\": {\"id\": 1, \"name\": \"a \\\"q\\\" "
        "\\n b\", "
        "\"skills\": [\"C\", \"Go\"], \"nested\": {\"x\": []}}, \"empty\": [], \"jobs\": [{\"id\": "
        "1, "
        "\"tags\": [1, 2.5, null], \"o\": {}}, {\"id\": 2, \"t\": \"Z\\u00fcrich\"}], \"n\": null}",
        0, NULL);
    assert_non_null(doc);
    expect_streamed_like_dumps(doc, JSON_COMPACT);
    expect_streamed_like_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15));
    expect_streamed_like_dumps(doc, JSON_INDENT(2));
    expect_streamed_like_dumps(doc, JSON_INDENT(4));
    json_decref(doc);
}

/* json_buf_string writes s as json_dumps writes it. */
static void assert_string_as_jansson(const char *s)
{
    struct buf out;
    buf_init(&out);
    json_buf_string(&out, s);
    buf_putc(&out, '\0');
    json_t *v = json_string(s);
    char *dumped = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    assert_string_equal(out.data, dumped);
    free(dumped);
    json_decref(v);
    buf_free(&out);
}

/* json_buf_string writes what json_dumps writes for the same string: every ASCII byte between
 * two letters, and UTF-8 text (kept as it is, U+2028 included). */
static void test_buf_string(void **state)
{
    (void)state;
    char text[8];
    const char *samples[] = {"",    "Z\xc3\xbcrich", "\xe2\x80\xa8 \xe6\x97\xa5",
                             "a/b", "\"\\\"",        NULL};
    for (int ch = 0; ch < 128 + 5; ch++) {
        const char *s = text;
        if (ch == 0)
            continue;
        if (ch < 128)
            snprintf(text, sizeof text, "a%cb", ch);
        else
            s = samples[ch - 128];
        assert_string_as_jansson(s);
    }
}

/* Strings for the writer's 32-, 16-, eight-bytes-at-a-time and last-word scans: every ASCII
 * character (and two that are not) at every position of plain runs of 1 to 70 bytes, alone,
 * twice or three times, written as json_dumps writes them. */
static void test_buf_string_runs(void **state)
{
    (void)state;
    static const char *const others[] = {"\xc3\xa9", "\xe2\x80\xa8"};
    char text[80];
    for (size_t len = 1; len <= 70; len++) {
        for (size_t at = 0; at < len; at++) {
            for (int ch = 1; ch < 128 + 2; ch++) {
                memset(text, 'x', len);
                text[len] = '\0';
                if (ch < 128) {
                    text[at] = (char)ch;
                    if (at + 9 < len)
                        text[at + 9] = (char)ch;
                    if (at + 41 < len)
                        text[at + 41] = (char)ch;
                } else {
                    const char *o = others[ch - 128];
                    memcpy(text + at, o, strlen(o));
                    text[at + strlen(o) > len ? at + strlen(o) : len] = '\0';
                }
                assert_string_as_jansson(text);
            }
        }
    }
}

/* json_buf_stringn_ascii writes what json_buf_stringn writes and tells whether every byte was
 * ASCII, whatever the scan (32, 16, eight or one byte at a time) meets it in: a byte with its
 * high bit (alone, or in a UTF-8 sequence) at every position of runs of 1 to 70 bytes, with
 * and without an escape before it, and ASCII runs with escapes. */
static void test_buf_string_ascii(void **state)
{
    (void)state;
    static const char *const highs[] = {"\x80", "\xff", "\xc3\xa9", "\xe2\x80\xa8", NULL};
    char text[80];
    for (size_t len = 1; len <= 70; len++) {
        for (size_t at = 0; at < len; at++) {
            for (int k = 0; k < 8; k++) {
                memset(text, 'x', len);
                const char *h = k < 4 ? highs[k] : NULL; /* NULL: ASCII, escapes only */
                size_t end = len;
                if (h) {
                    memcpy(text + at, h, strlen(h));
                    end = at + strlen(h) > len ? at + strlen(h) : len;
                } else {
                    text[at] = "\"\\\n\x01"[k - 4];
                }
                if ((k & 1) && at > 2)
                    text[at / 2] = '"'; /* an escape before the high byte */
                struct buf a, b;
                buf_init(&a);
                buf_init(&b);
                bool ascii = json_buf_stringn_ascii(&a, text, end);
                json_buf_stringn(&b, text, end);
                assert_int_equal(a.len, b.len);
                assert_memory_equal(a.data, b.data, a.len);
                assert_int_equal(ascii, h == NULL);
                buf_free(&a);
                buf_free(&b);
            }
        }
    }
    struct buf out; /* the empty string is ASCII */
    buf_init(&out);
    assert_true(json_buf_stringn_ascii(&out, "", 0));
    assert_string_equal(out.data, "\"\"");
    buf_free(&out);
}

/* ---------------------------------------------------------------- the compact writer */

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned next_rand(void) /* xorshift64: the same documents every run */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state >> 11);
}

/* A string of pieces that exercise every escape: control characters, quote, backslash, slash,
 * DEL, multi-byte UTF-8 (2, 3 and 4 bytes, U+2028), plain ASCII runs and embedded NULs. */
static json_t *random_string(void)
{
    static const char *const pieces[] = {"a",
                                         "plain words ",
                                         "\"",
                                         "\\",
                                         "/",
                                         "\x7f",
                                         "\n",
                                         "\r",
                                         "\t",
                                         "\b",
                                         "\f",
                                         "\x01",
                                         "\x1f",
                                         "\x0b",
                                         "é",
                                         "€",
                                         "\xf0\x9f\x98\x80",
                                         "\xe2\x80\xa8",
                                         "<>&'"};
    char text[256];
    size_t n = 0;
    unsigned count = next_rand() % 12;
    for (unsigned i = 0; i < count; i++) {
        if (next_rand() % 16 == 0) { /* an embedded NUL */
            text[n++] = '\0';
            continue;
        }
        const char *p = pieces[next_rand() % (sizeof pieces / sizeof pieces[0])];
        size_t len = strlen(p);
        memcpy(text + n, p, len);
        n += len;
    }
    return json_stringn(text, n);
}

static json_t *random_real(void)
{
    static const double reals[] = {0.0,           -0.0,  1.0,       -1.5,
                                   0.1,           100.0, 1e21,      1e-7,
                                   123456789.125, 1e300, -2.5e-300, 3.141592653589793,
                                   1.0 / 3.0,     5e15,  1e16};
    unsigned pick = next_rand() % 4;
    if (pick == 0)
        return json_real(reals[next_rand() % (sizeof reals / sizeof reals[0])]);
    if (pick ==
        1) { /* whole tenths, as the replies' one-decimal figures (written without printf) */
        double v = ((double)next_rand() - 2e9) / (double)(1 + next_rand() % 1000);
        return json_real(round(v * 10.0) / 10.0);
    }
    return json_real(((double)next_rand() - 2e9) / (double)(1 + next_rand() % 100000));
}

static json_t *random_value(int depth)
{
    unsigned kind = next_rand() % (depth > 3 ? 6 : 8);
    switch (kind) {
    case 0:
        return json_null();
    case 1:
        return json_boolean(next_rand() % 2);
    case 2: {
        static const json_int_t ints[] = {0, -1, 42, INT64_MAX, INT64_MIN, 1000000007};
        return json_integer(next_rand() % 2 ? ints[next_rand() % 6] : (json_int_t)next_rand());
    }
    case 3:
        return random_real();
    case 4:
    case 5:
        return random_string();
    case 6: {
        json_t *array = json_array();
        for (unsigned i = next_rand() % 5; i > 0; i--)
            json_array_append_new(array, random_value(depth + 1));
        return array;
    }
    default: {
        json_t *obj = json_object();
        for (unsigned i = next_rand() % 6; i > 0; i--) {
            json_t *key = random_string();
            json_object_setn_new(obj, json_string_value(key), json_string_length(key),
                                 random_value(depth + 1));
            json_decref(key);
        }
        return obj;
    }
    }
}

static void expect_same_as_dumps(json_t *v, int precision)
{
    size_t flags =
        JSON_COMPACT | JSON_ENCODE_ANY | (precision ? JSON_REAL_PRECISION(precision) : 0);
    char *want = json_dumps(v, flags);
    assert_non_null(want);
    struct buf got;
    buf_init(&got);
    json_write_compact(&got, v, precision);
    if (strcmp(got.data, want) != 0)
        fail_msg("json_write_compact: %s\njson_dumps:         %s", got.data, want);
    if (precision == 0) { /* json_to_text writes the same bytes */
        struct arena a;
        arena_init(&a);
        assert_string_equal(json_to_text(v, &a), want);
        arena_free(&a);
    }
    buf_free(&got);
    free(want);
}

/* json_buf_real as json_dumps writes the real, around the printf-free path's edges: whole
 * tenths up to 1e9, the ones just past them, -0.0, and the precisions it takes or leaves. */
static void test_buf_real(void **state)
{
    static const double edges[] = {0.0,
                                   -0.0,
                                   0.1,
                                   -0.1,
                                   0.05,
                                   -0.05,
                                   0.25,
                                   1e9 - 0.1,
                                   -1e9 + 0.1,
                                   1e9,
                                   -1e9,
                                   999999999.95,
                                   123456.7,
                                   -4.4,
                                   100.0,
                                   1e-300,
                                   0.30000000000000004,
                                   2.675,
                                   1e15 + 0.5};
    static const int precisions[] = {0, 6, 9, 10, 15, 17};
    for (int i = 0; i < 50000; i++) {
        double v = i < (int)(sizeof edges / sizeof edges[0]) ? edges[i]
                   : i % 3 ? (double)((long long)next_rand() - 2147483648LL) / 10.0
                           : round(((double)next_rand() - 2e9) / 997.0 * 10.0) / 10.0;
        for (size_t k = 0; k < sizeof precisions / sizeof precisions[0]; k++) {
            json_t *r = json_real(v);
            size_t flags =
                JSON_ENCODE_ANY | (precisions[k] ? JSON_REAL_PRECISION(precisions[k]) : 0);
            char *want = json_dumps(r, flags);
            struct buf got;
            buf_init(&got);
            json_buf_real(&got, v, precisions[k]);
            if (strcmp(got.data, want) != 0)
                fail_msg("json_buf_real(%.17g, %d): %s, json_dumps: %s", v, precisions[k], got.data,
                         want);
            buf_free(&got);
            free(want);
            json_decref(r);
        }
    }
}

static void test_write_compact(void **state)
{
    json_t *fixed = json_loads("{\"b\":1,\"a\":[true,false,null,{},[]],\"\":\"\\u0000x\"}",
                               JSON_ALLOW_NUL, NULL);
    assert_non_null(fixed);
    expect_same_as_dumps(fixed, 15);
    struct buf out;
    buf_init(&out);
    json_write_compact(&out, fixed, 15); /* members in insertion order, not sorted */
    assert_string_equal(out.data, "{\"b\":1,\"a\":[true,false,null,{},[]],\"\":\"\\u0000x\"}");
    buf_free(&out);
    json_decref(fixed);
    for (int i = 0; i < 3000; i++) {
        json_t *v = random_value(0);
        expect_same_as_dumps(v, 15);
        expect_same_as_dumps(v, 0);
        expect_same_as_dumps(v, 6);
        json_decref(v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_string),
        cmocka_unit_test(test_buf_string_runs),
        cmocka_unit_test(test_buf_string_ascii),
        cmocka_unit_test(test_get),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_plain_strings),
        cmocka_unit_test(test_plain_strings_compact),
        cmocka_unit_test(test_build),
        cmocka_unit_test(test_stream),
        cmocka_unit_test(test_buf_real),
        cmocka_unit_test(test_write_compact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
