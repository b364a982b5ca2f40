/* This file implements the JSON helpers of json.h. */
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "arena.h"

int64_t json_get_int(const json_t *obj, const char *name)
{
    return json_integer_value(json_object_get(obj, name));
}

size_t json_get_strings(const json_t *array, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(array) && n < max; i++) {
        const char *s = json_string_value(json_array_get(array, i));
        if (s)
            out[n++] = s;
    }
    return n;
}

size_t json_get_ints(const json_t *array, int64_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(array) && n < max; i++) {
        const json_t *item = json_array_get(array, i);
        if (json_is_integer(item))
            out[n++] = json_integer_value(item);
    }
    return n;
}

bool json_has_string(const json_t *array, const char *s)
{
    for (size_t i = 0; i < json_array_size(array); i++) {
        const char *item = json_string_value(json_array_get(array, i));
        if (item && strcmp(item, s) == 0)
            return true;
    }
    return false;
}

json_t *json_parse_array(const char *text)
{
    json_t *v = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
    if (!json_is_array(v)) {
        json_decref(v);
        v = json_array();
    }
    return v;
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* A character of a plain string: printable ASCII, no escape (the closing '"' aside) */
static bool plain_char(char c)
{
    return c >= 0x20 && c <= 0x7e && c != '\\';
}

size_t json_plain_strings_compact(const char *text)
{
    const char *p = text;
    if (text == NULL || *p++ != '[')
        return 0;
    if (*p != ']') {
        for (;;) {
            if (*p++ != '"')
                return 0;
            for (; *p != '"'; p++)
                if (!plain_char(*p))
                    return 0;
            if (*++p == ']')
                break;
            if (*p++ != ',')
                return 0;
            if (*p == ' ') /* PostgreSQL's jsonb text */
                p++;
        }
    }
    return p[1] == '\0' ? (size_t)(p + 1 - text) : 0;
}

void json_plain_strings_put(struct buf *out, const char *text, size_t len)
{
    const char *blank = memchr(text, ' ', len);
    if (blank == NULL) { /* compact already */
        buf_append(out, text, len);
        return;
    }
    bool in_string = false; /* plain strings hold no escaped quote */
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"')
            in_string = !in_string;
        if (in_string || text[i] != ' ')
            buf_putc(out, text[i]);
    }
}

bool json_plain_strings(const char *text, const char **out, size_t max, size_t *n, char *buf)
{
    *n = 0;
    if (text == NULL)
        return false;
    size_t used = 0;
    const char *p = skip_ws(text);
    if (*p++ != '[')
        return false;
    p = skip_ws(p);
    if (*p == ']')
        return *skip_ws(p + 1) == '\0';
    for (;;) {
        if (*p++ != '"' || *n == max)
            return false;
        out[(*n)++] = buf + used;
        for (; *p != '"'; p++) {
            if (!plain_char(*p) || used + 1 >= JSON_PLAIN_TEXT_MAX)
                return false;
            buf[used++] = *p;
        }
        buf[used++] = '\0';
        p = skip_ws(p + 1);
        if (*p == ']')
            return *skip_ws(p + 1) == '\0';
        if (*p++ != ',')
            return false;
        p = skip_ws(p);
    }
}

const char **json_parse_strings(const char *text, struct arena *a, size_t *n)
{
    json_t *array = json_parse_array(text);
    const char **list = arena_alloc(a, (json_array_size(array) + 1) * sizeof *list);
    *n = 0;
    for (size_t i = 0; i < json_array_size(array); i++) {
        const char *s = json_string_value(json_array_get(array, i));
        if (s)
            list[(*n)++] = arena_strdup(a, s);
    }
    list[*n] = NULL;
    json_decref(array);
    return list;
}

json_t *json_from_strings(const char *const *items, size_t n)
{
    json_t *array = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_string(items[i]);
        if (s)
            json_array_append_new(array, s);
    }
    return array;
}

json_t *json_from_ints(const int64_t *items, size_t n)
{
    json_t *array = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(array, json_integer(items[i]));
    return array;
}

json_t *json_text_or_null(const char *s)
{
    json_t *v = s && *s ? json_string(s) : NULL;
    return v ? v : json_null();
}

const char *json_to_text(const json_t *v, struct arena *a)
{
    struct buf text;
    buf_init(&text);
    json_write_compact(&text, v, 0); /* json_dumps's bytes, without its allocations */
    const char *copy = arena_strndup(a, text.data, text.len);
    buf_free(&text);
    return copy;
}

/* ================================================================ compact writer */

/* True when one of the eight bytes of w needs an escape: below 0x20, '"' or '\\' (exact
 * tests for a byte below a bound and for a zero byte, one word at a time). */
static bool word_needs_escape(uint64_t w)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
            ((backslash - ones) & ~backslash)) &
           highs;
}

/* Writes the n bytes at s as a JSON string; returns true when none of them has its high bit
 * (ASCII: valid UTF-8 whatever it holds), told by the same scan. */
static bool write_string(struct buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    buf_putc(out, '"');
    size_t run = 0;    /* start of the bytes not yet copied */
    uint64_t high = 0; /* the bytes scanned, or-ed: a high bit says not ASCII */
#ifdef __SSE2__
    __m128i high_v = _mm_setzero_si128();
#endif
    for (size_t i = 0; i < n; i++) {
#ifdef __SSE2__
        /* 32 bytes at a time (two vectors), then sixteen, up to the first that needs an
         * escape */
        const __m128i below = _mm_set1_epi8(0x1F); /* v <= 0x1F: max(v, 0x1F) == 0x1F */
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
#define ESCAPES(v)                                                                                 \
    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),             \
                 _mm_cmpeq_epi8(_mm_max_epu8(v, below), below))
        while (n - i >= 32) {
            const __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            const __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
            high_v = _mm_or_si128(high_v, _mm_or_si128(a, b)); /* bytes of s: or-ed once more */
            if (_mm_movemask_epi8(_mm_or_si128(ESCAPES(a), ESCAPES(b))))
                break;
            i += 32;
        }
        while (n - i >= 16) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned mask = (unsigned)_mm_movemask_epi8(ESCAPES(v));
            high_v = _mm_or_si128(high_v, v);
            if (mask) {
                i += (size_t)__builtin_ctz(mask);
                break;
            }
            i += 16;
        }
#undef ESCAPES
#endif
        uint64_t w; /* eight bytes at a time while none needs an escape */
        while (n - i >= sizeof w && (memcpy(&w, s + i, sizeof w), high |= w, !word_needs_escape(w)))
            i += sizeof w;
        if (i == n)
            break;
        unsigned char c = (unsigned char)s[i];
        high |= c;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        buf_append(out, s + run, i - run);
        run = i + 1;
        char esc[7] = {'\\', 0};
        size_t len = 2;
        switch (c) {
        case '"':
            esc[1] = '"';
            break;
        case '\\':
            esc[1] = '\\';
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default: /* the other control characters, as jansson writes them */
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
        }
        buf_append(out, esc, len);
    }
    buf_append(out, s + run, n - run);
    buf_putc(out, '"');
#ifdef __SSE2__
    if (_mm_movemask_epi8(high_v))
        return false;
#endif
    return (high & UINT64_C(0x8080808080808080)) == 0;
}

/* A real as jansson's jsonp_dtostr writes it: %.*g, ".0" when it would read back as an
 * integer, no '+' nor leading zeros in the exponent. A whole number of tenths below 1e9 (the
 * replies' one-decimal figures) is written without printf when precision is at most 15 (and
 * at least 10, for the 10 digits it may have): value is then the double nearest to k / 10,
 * within 2^-53 of it relatively, far less than half a unit of the 15th digit, so %.*g prints
 * k / 10 itself, whose trailing ".0" %g drops and the ".0" rule puts back. */
static void write_real(struct buf *out, double value, int precision)
{
    if (precision >= 10 && precision <= 15 && value > -1e9 && value < 1e9) {
        long long k = llround(value * 10.0);
        if ((double)k / 10.0 == value) {
            char text[BUF_INT_LEN + 3];
            uint64_t u = k < 0 ? -(uint64_t)k : (uint64_t)k;
            size_t n = 0;
            if (signbit(value)) /* -0.0 too: "%g" writes "-0" */
                text[n++] = '-';
            n += buf_int_text((int64_t)(u / 10), text + n);
            text[n++] = '.';
            text[n++] = (char)('0' + u % 10);
            return buf_append(out, text, n);
        }
    }
    char text[64];
    int n = snprintf(text, sizeof text, "%.*g", precision ? precision : 17, value);
    if (n < 0 || (size_t)n >= sizeof text - 3)
        return buf_puts(out, "null");
    if (strchr(text, '.') == NULL && strchr(text, 'e') == NULL) {
        memcpy(text + n, ".0", 3);
    }
    char *start = strchr(text, 'e');
    if (start) {
        start++;
        char *end = start + 1;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start)
            memmove(start, end, strlen(end) + 1);
    }
    buf_puts(out, text);
}

static void write_value(struct buf *out, const json_t *v, int precision)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        buf_putc(out, '{');
        for (void *it = json_object_iter((json_t *)v); it;
             it = json_object_iter_next((json_t *)v, it)) {
            if (it != json_object_iter((json_t *)v))
                buf_putc(out, ',');
            /* keys may hold NULs (json_object_setn): their length, not strlen */
            write_string(out, json_object_iter_key(it), json_object_iter_key_len(it));
            buf_putc(out, ':');
            write_value(out, json_object_iter_value(it), precision);
        }
        buf_putc(out, '}');
        return;
    }
    case JSON_ARRAY:
        buf_putc(out, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i)
                buf_putc(out, ',');
            write_value(out, json_array_get(v, i), precision);
        }
        buf_putc(out, ']');
        return;
    case JSON_STRING:
        write_string(out, json_string_value(v), json_string_length(v));
        return;
    case JSON_INTEGER:
        buf_put_int(out, json_integer_value(v));
        return;
    case JSON_REAL:
        write_real(out, json_real_value(v), precision);
        return;
    case JSON_TRUE:
        buf_puts(out, "true");
        return;
    case JSON_FALSE:
        buf_puts(out, "false");
        return;
    case JSON_NULL:
        buf_puts(out, "null");
        return;
    }
}

void json_buf_real(struct buf *out, double v, int precision)
{
    write_real(out, v, precision);
}

void json_write_compact(struct buf *out, const json_t *v, int precision)
{
    if (v == NULL)
        return buf_puts(out, "null");
    write_value(out, v, precision);
}

/* ================================================================ streaming */

static int indent_of(size_t flags)
{
    return (int)(flags & 0x1F); /* JSON_INDENT(n) keeps n in the low five bits */
}

static void newline_indent(struct buf *out, int spaces)
{
    buf_putc(out, '\n');
    for (int i = 0; i < spaces; i++)
        buf_putc(out, ' ');
}

void json_stream_value(struct buf *out, json_t *v, size_t flags, int depth)
{
    char *text = json_dumps(v, flags | JSON_ENCODE_ANY);
    const char *p = text ? text : "null";
    int extra = indent_of(flags) * depth;
    for (; *p; p++) { /* strings never hold a raw newline: each one is layout */
        buf_putc(out, *p);
        for (int i = 0; *p == '\n' && i < extra; i++)
            buf_putc(out, ' ');
    }
    free(text);
}

void json_stream_key(struct buf *out, const char *key, size_t index, size_t flags, int depth)
{
    if (index > 0)
        buf_putc(out, ',');
    if (indent_of(flags))
        newline_indent(out, indent_of(flags) * depth);
    if (key == NULL)
        return;
    json_t *k = json_string(key);
    json_stream_value(out, k, flags & ~(size_t)0x1F, 0);
    json_decref(k);
    buf_puts(out, (flags & JSON_COMPACT) ? ":" : ": ");
}

void json_stream_close(struct buf *out, char closer, size_t count, size_t flags, int depth)
{
    if (count > 0 && indent_of(flags))
        newline_indent(out, indent_of(flags) * (depth - 1));
    buf_putc(out, closer);
}

void json_buf_string(struct buf *out, const char *s)
{
    write_string(out, s, strlen(s));
}

void json_buf_stringn(struct buf *out, const char *s, size_t n)
{
    write_string(out, s, n);
}

bool json_buf_stringn_ascii(struct buf *out, const char *s, size_t n)
{
    return write_string(out, s, n);
}
