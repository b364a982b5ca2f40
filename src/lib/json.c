/* This file implements the JSON helpers of json.h. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

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
    char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    const char *copy = arena_strdup(a, text ? text : "null");
    free(text);
    return copy;
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
    buf_putc(out, '"');
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        buf_append(out, run, (size_t)(p - run));
        run = p + 1;
        switch (ch) {
        case '"':
            buf_puts(out, "\\\"");
            break;
        case '\\':
            buf_puts(out, "\\\\");
            break;
        case '\b':
            buf_puts(out, "\\b");
            break;
        case '\f':
            buf_puts(out, "\\f");
            break;
        case '\n':
            buf_puts(out, "\\n");
            break;
        case '\r':
            buf_puts(out, "\\r");
            break;
        case '\t':
            buf_puts(out, "\\t");
            break;
        default:
            buf_printf(out, "\\u%04X", ch);
        }
    }
    buf_puts(out, run);
    buf_putc(out, '"');
}
