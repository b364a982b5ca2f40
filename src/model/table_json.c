/*
 * This file implements the rows to JSON of table.h: a row as a jansson object
 * (table_row_json), the one row writer that writes rows straight into a reply's text
 * (table_row_text, its layout made once per result: table_text_layout), a database text as a
 * JSON string (table_json_string), and the column list of a SELECT (table_columns_into).
 */
#include "table_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/xalloc.h"

/* ================================================================ rows to JSON */

bool table_field_shown(const struct field *f, enum table_view view)
{
    if (f->flags & F_HIDDEN)
        return false;
    return view == VIEW_ADMIN || !(f->flags & F_ADMIN);
}

/* text as a JSON string, each byte of it that starts no valid UTF-8 sequence written as U+FFFD
 * (raw SQL may leave such bytes in a SQLite TEXT column; the server never writes them). */
static json_t *json_string_repaired(const char *text, size_t len)
{
    json_t *v = json_stringn(text, len);
    if (v == NULL) {
        char *repaired = utf8_repair(text, len);
        v = json_string(repaired);
        free(repaired);
    }
    return v;
}

/* text with ".0" after each number outside strings that is all digits and longer than 18 of
 * them, or NULL when it has none: PostgreSQL's jsonb writes the real 1e+21 the server stored
 * as 1000000000000000000000, an integer too large for jansson, which then refused the whole
 * text; read as a real it is the 1e+21 SQLite's copy of the same text gives (engines_agree). */
static char *long_integers_as_reals(const char *text)
{
    struct buf out;
    buf_init(&out);
    bool in_string = false, changed = false;
    for (const char *p = text; *p;) {
        if (in_string) {
            if (*p == '\\' && p[1])
                buf_putc(&out, *p++);
            else if (*p == '"')
                in_string = false;
            buf_putc(&out, *p++);
        } else if (*p >= '0' && *p <= '9') {
            size_t n = strspn(p, "0123456789");
            buf_append(&out, p, n);
            if (n > 18 && p[n] != '.' && p[n] != 'e' && p[n] != 'E') {
                buf_append(&out, ".0", 2);
                changed = true;
            }
            p += n;
        } else {
            in_string = *p == '"';
            buf_putc(&out, *p++);
        }
    }
    if (!changed) {
        buf_free(&out);
        return NULL;
    }
    return buf_steal(&out);
}

/* The value of a JSON column's text as jansson reads it (json_column_value). */
static json_t *json_column_parsed(const char *text)
{
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
    char *reals = v == NULL ? long_integers_as_reals(text) : NULL;
    if (reals) {
        v = json_loads(reals, JSON_DECODE_ANY, NULL);
        free(reals);
    }
    if (v == NULL && !utf8_valid(text, strlen(text))) {
        char *repaired = utf8_repair(text, strlen(text));
        v = json_loads(repaired, JSON_DECODE_ANY, NULL);
        if (v == NULL)
            v = json_string(repaired);
        free(repaired);
    }
    return v ? v : json_string(text);
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* v (whose reference this takes) with the members of each of its objects in the order of
 * their names (strcmp), nested ones too: PostgreSQL's jsonb keeps an object's members in its
 * own order (shorter names first), SQLite's text in the order they were written; read back in
 * one order, a JSON column answers alike on both engines (engines_agree). */
static json_t *keys_sorted(json_t *v)
{
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            json_t *item = json_array_get(v, i);
            if (json_is_object(item) || json_is_array(item))
                json_array_set_new(v, i, keys_sorted(json_incref(item)));
        }
        return v;
    }
    if (!json_is_object(v) || json_object_size(v) == 0)
        return v;
    size_t n = json_object_size(v), i = 0;
    const char **keys = xcalloc(n, sizeof *keys);
    const char *key;
    json_t *member;
    json_object_foreach(v, key, member) keys[i++] = key;
    qsort(keys, n, sizeof *keys, key_cmp);
    json_t *out = json_object();
    for (i = 0; i < n; i++)
        json_object_set_new(out, keys[i], keys_sorted(json_incref(json_object_get(v, keys[i]))));
    free(keys);
    json_decref(v);
    return out;
}

/* The value of a JSON column's text: parsed, or the text as a string when it is not JSON; a
 * text not valid UTF-8 is read with U+FFFD for its invalid bytes. Objects come with their
 * members in the order of their names (keys_sorted). */
static json_t *json_column_value(const char *text)
{
    return keys_sorted(json_column_parsed(text));
}

void table_json_string(struct buf *out, const char *s, size_t n)
{
    size_t mark = out->len;
    /* checked for UTF-8 only when the writer's scan saw a byte that is not ASCII */
    if (json_buf_stringn_ascii(out, s, n) || utf8_valid(s, n))
        return;
    buf_truncate(out, mark);
    char *repaired = utf8_repair(s, n);
    json_buf_string(out, repaired);
    free(repaired);
}

json_t *table_row_json(const struct table *r, const struct store_result *res, size_t row)
{
    return table_row_json_as(r, res, row, VIEW_OWNER);
}

json_t *table_row_json_as(const struct table *r, const struct store_result *res, size_t row,
                          enum table_view view)
{
    json_t *obj = json_object();
    for (int col = 0; col < store_cols(res); col++) {
        const char *name = store_colname(res, col);
        const struct field *f = table_field(r, name);
        if (f && !table_field_shown(f, view))
            continue;
        const char *text = store_text(res, row, col);
        json_t *v;
        if (text == NULL) {
            v = json_null();
        } else if (f == NULL || f->type == FT_TEXT || f->type == FT_DATE ||
                   f->type == FT_TIMESTAMP) {
            v = json_string_repaired(text, strlen(text));
        } else if (f->type == FT_INT) {
            v = json_integer(strtoll(text, NULL, 10));
        } else if (f->type == FT_REAL) {
            v = json_real(strtod(text, NULL));
        } else if (f->type == FT_BOOL) {
            v = json_boolean(store_bool(res, row, col));
        } else {
            v = json_column_value(text);
        }
        json_object_set_new(obj, name, v);
    }
    return obj;
}

/* The field of r each column of res is (NULL: none), into fields (store_cols(res) of them). */
static void result_fields(const struct table *r, const struct store_result *res,
                          const struct field **fields)
{
    /* the columns usually come in the table's order: try the field after the last one found
     * before scanning them all */
    const struct field *next = r->fields;
    for (int col = 0; col < store_cols(res); col++) {
        const char *name = store_colname(res, col);
        fields[col] =
            next && next->name && strcmp(next->name, name) == 0 ? next : table_field(r, name);
        next = fields[col] ? fields[col] + 1 : NULL;
    }
}

/* Appends the integer text as "%lld" of strtoll writes it: copied when it is already that
 * (an optional '-', no leading zero, at most 18 digits: no overflow), else through strtoll. */
static void int_text(struct buf *out, const char *text, size_t len)
{
    size_t digits = len - (text[0] == '-');
    const char *d = text + (text[0] == '-');
    bool canonical = digits >= 1 && digits <= 18 && (d[0] != '0' || (digits == 1 && len == 1));
    for (size_t i = 0; canonical && i < digits; i++)
        canonical = d[i] >= '0' && d[i] <= '9';
    if (canonical)
        buf_append(out, text, len);
    else
        buf_put_int(out, strtoll(text, NULL, 10));
}

/* A member's name as written before its value: "name": */
struct member_key {
    const char *text;
    size_t len;
};

/* The keys of res's columns, written once for a page of rows. */
static const struct member_key *member_keys(const struct store_result *res, struct arena *a)
{
    int cols = store_cols(res);
    struct member_key *keys = arena_alloc(a, ((size_t)cols + 1) * sizeof *keys);
    size_t *starts = arena_alloc(a, ((size_t)cols + 1) * sizeof *starts);
    struct buf b; /* every key one after the other, copied into a once */
    buf_init(&b);
    for (int col = 0; col < cols; col++) {
        const char *name = store_colname(res, col);
        size_t n = 0;
        while ((name[n] >= 'a' && name[n] <= 'z') || (name[n] >= '0' && name[n] <= '9') ||
               name[n] == '_')
            n++;
        starts[col] = b.len;
        if (name[n] == '\0') { /* a plain column name: nothing to escape */
            buf_putc(&b, '"');
            buf_append(&b, name, n);
            buf_append(&b, "\":", 2);
        } else {
            json_buf_string(&b, name);
            buf_putc(&b, ':');
        }
    }
    starts[cols] = b.len;
    char *text = arena_alloc(a, b.len + 1);
    memcpy(text, b.data ? b.data : "", b.len + (b.data != NULL));
    for (int col = 0; col < cols; col++)
        keys[col] = (struct member_key){text + starts[col], starts[col + 1] - starts[col]};
    buf_free(&b);
    return keys;
}

/* The members of row as table_row_text_with writes them, without the braces; keys from
 * member_keys, or NULL to write each name here. */
void table_row_members(const struct field *const *fields, const struct member_key *keys,
                       const struct store_result *res, size_t row, struct buf *out)
{
    size_t members = 0;
    int cols = store_cols(res);
    /* the row's cells in one call; the lengths as the store read them (text never holds a
     * NUL: bound C strings) */
    const char *texts_small[32], **texts = texts_small;
    size_t lens_small[32], *lens = lens_small;
    if (cols > 32) {
        texts = xcalloc((size_t)cols, sizeof *texts);
        lens = xcalloc((size_t)cols, sizeof *lens);
    }
    if (cols > 0)
        store_row_texts(res, row, texts, lens);
    for (int col = 0; col < cols; col++) {
        const struct field *f = fields[col];
        if (f && !table_field_shown(f, VIEW_OWNER))
            continue;
        size_t len = lens[col];
        const char *text = texts[col];
        bool plain =
            f == NULL || f->type == FT_TEXT || f->type == FT_DATE || f->type == FT_TIMESTAMP;
        /* as json_object_set_new: a value jansson refuses (a real that is no number) leaves
         * the member out; text not valid UTF-8 is written with U+FFFD for its invalid bytes */
        json_t *value = NULL; /* reals and JSON columns: through jansson, one value */
        if (text && !plain && f->type != FT_INT && f->type != FT_BOOL &&
            // cppcheck-suppress redundantInitialization ; the other columns read lens[col]
            (f->type == FT_REAL || (len = json_plain_strings_compact(text)) == 0)) {
            json_t *v;
            if (f->type == FT_REAL)
                v = json_real(strtod(text, NULL));
            else
                v = json_column_value(text);
            if (v == NULL)
                continue;
            value = v;
        }
        if (members++)
            buf_putc(out, ',');
        if (keys) {
            buf_append(out, keys[col].text, keys[col].len);
        } else {
            json_buf_string(out, store_colname(res, col));
            buf_putc(out, ':');
        }
        if (text == NULL)
            buf_puts(out, "null");
        else if (plain)
            table_json_string(out, text, len);
        else if (f->type == FT_INT)
            int_text(out, text, len);
        else if (f->type == FT_BOOL)
            buf_puts(out, store_bool(res, row, col) ? "true" : "false");
        else if (value)
            json_write_compact(out, value, 15);
        else
            json_plain_strings_put(out, text, len);
        json_decref(value);
    }
    if (texts != texts_small) {
        free(texts);
        free(lens);
    }
}

void table_text_layout(const struct table *r, const struct store_result *res, struct arena *a,
                       struct table_layout *out)
{
    const struct field **fields = arena_alloc(a, ((size_t)store_cols(res) + 1) * sizeof *fields);
    result_fields(r, res, fields);
    *out = (struct table_layout){fields, member_keys(res, a)};
}

void table_row_text_with(const struct table_layout *l, const struct store_result *res, size_t row,
                         struct buf *out)
{
    buf_putc(out, '{');
    table_row_members(l->fields, l->keys, res, row, out);
    buf_putc(out, '}');
}

void table_row_text(const struct table *r, const struct store_result *res, size_t row,
                    struct buf *out)
{
    const struct field **fields = xcalloc((size_t)store_cols(res) + 1, sizeof *fields);
    result_fields(r, res, fields);
    buf_putc(out, '{');
    table_row_members(fields, NULL, res, row, out);
    buf_putc(out, '}');
    free(fields);
}

const char *table_row_string(const struct store_result *res, size_t row, const char *name)
{
    int col = store_colindex(res, name);
    const char *text = col < 0 ? NULL : store_text(res, row, col);
    return text && utf8_valid(text, strlen(text)) ? text : NULL;
}

int64_t *table_column_ints(const struct store_result *res, const char *name, struct arena *a)
{
    size_t n = store_rows(res);
    int col = store_colindex(res, name);
    int64_t *out = arena_alloc(a, (n + 1) * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        const char *text = col < 0 ? NULL : store_text(res, i, col);
        out[i] = text ? strtoll(text, NULL, 10) : 0;
    }
    return out;
}

/* Appends table_columns's text to b. */
void table_columns_into(struct buf *b, const struct table *r, const char *alias)
{
    bool first = true;
    for (const struct field *f = r->fields; f->name; f++) {
        if (f->flags & F_HIDDEN)
            continue;
        if (!first)
            buf_puts(b, ", ");
        first = false;
        if (f->expr) {
            buf_puts(b, f->expr);
            buf_puts(b, " AS ");
        } else if (alias) {
            buf_puts(b, alias);
        }
        buf_puts(b, f->name);
    }
}
