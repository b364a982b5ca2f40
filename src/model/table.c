/*
 * This file implements the table descriptor code of table.h: body validation driven by the
 * field tables, SQL text built from field names (values always bound), and row-to-JSON mapping.
 */
#include "table.h"

#include <assert.h>
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/utf8.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "list_totals.h"

#define VERSION "row_version"

static bool versioned(const struct table *t);

/* ================================================================ fields and values */

const struct field *table_field(const struct table *r, const char *name)
{
    for (const struct field *f = r->fields; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

struct field_value *values_get(struct values *v, const char *name)
{
    for (int i = 0; i < v->n; i++) {
        const char *f = v->items[i].field->name;
        if (f[0] == name[0] && strcmp(f, name) == 0) /* most names differ in their first byte */
            return &v->items[i];
    }
    return NULL;
}

/* Appends field f's value to v (the caller knows v lacks it). */
static struct field_value *values_append(struct values *v, const struct field *f,
                                         struct store_value value)
{
    if (v->n == VALUES_MAX)
        abort(); /* a table has fewer columns than VALUES_MAX: a programming error */
    struct field_value *fv = &v->items[v->n++];
    *fv = (struct field_value){.field = f, .value = value};
    return fv;
}

void values_set(struct values *v, const struct table *r, const char *name, struct store_value value)
{
    struct field_value *fv = values_get(v, name);
    if (fv != NULL) {
        fv->value = value;
        fv->json = NULL;
        return;
    }
    const struct field *f = table_field(r, name);
    if (f == NULL)
        abort();
    values_append(v, f, value);
}

void values_null_absent(struct values *v, const struct table *r)
{
    for (const struct field *f = r->fields; f->name; f++)
        if ((f->flags & F_WRITE) && !(f->flags & (F_NOTNULL | F_REQUIRED)) &&
            values_get(v, f->name) == NULL)
            values_append(v, f, SV_NULL);
}

const char *values_text(struct values *v, const char *name)
{
    struct field_value *fv = values_get(v, name);
    return fv && fv->value.type == STORE_TEXT ? fv->value.s : NULL;
}

void values_lower_array(struct values *v, const struct table *r, const char *name, struct arena *a)
{
    struct field_value *fv = values_get(v, name);
    if (fv == NULL || fv->value.type != STORE_TEXT)
        return;
    /* JSON text of an array of strings: lower-casing ASCII letters keeps it valid (escapes
     * are lower-case letters or hex digits, whose case does not matter) */
    char *text = arena_strdup(a, fv->value.s);
    for (char *p = text; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    values_set(v, r, name, SV_TEXT(text));
}

/* ================================================================ validation */

static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* True when s holds nothing but ASCII whitespace. */
static bool blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
        s++;
    return *s == '\0';
}

static const char *type_name(enum field_type t)
{
    static const char *names[] = {"an integer",
                                  "a number",
                                  "a boolean",
                                  "a string",
                                  "a date (YYYY-MM-DD)",
                                  "an RFC 3339 timestamp",
                                  "an array of strings",
                                  "an array of strings",
                                  "an object",
                                  "a JSON value",
                                  "an array of integers",
                                  "an array of objects",
                                  "an object of counts",
                                  "an object"};
    return names[t];
}

static int check_text(const struct field *f, const char *s, struct arena *a,
                      struct store_value *out, struct err *e)
{
    size_t len = utf8_length(s);
    if (f->max > 0 && (len < (size_t)f->min || len > (size_t)f->max)) {
        if (f->min > 0)
            return err_set(e, ERR_INVALID, f->name, "%s must be %lld to %lld characters", f->name,
                           (long long)f->min, (long long)f->max);
        return err_set(e, ERR_INVALID, f->name, "%s must be at most %lld characters", f->name,
                       (long long)f->max);
    }
    if ((f->flags & F_REQUIRED) && blank(s))
        return err_set(e, ERR_INVALID, f->name, "%s must not be empty", f->name);
    if (f->values) {
        bool ok = false;
        for (const char *const *v = f->values; *v && !ok; v++)
            ok = strcmp(*v, s) == 0;
        if (!ok) {
            int rc =
                err_set(e, ERR_INVALID, f->name, "%s must be one of the allowed values", f->name);
            for (const char *const *v = f->values; *v && e && e->nallowed < 16; v++)
                e->allowed[e->nallowed++] = *v;
            return rc;
        }
    }
    char *copy = arena_strdup(a, s);
    if (f->flags & F_LOWER)
        for (char *p = copy; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    if (f->check) {
        int rc = f->check(f->name, copy, e);
        if (rc)
            return rc;
    }
    *out = SV_TEXT(copy);
    return 0;
}

static int check_range(const struct field *f, double v, struct err *e)
{
    if (f->min < f->max && (v < (double)f->min || v > (double)f->max))
        return err_set(e, ERR_INVALID, f->name, "%s must be between %lld and %lld", f->name,
                       (long long)f->min, (long long)f->max);
    return 0;
}

size_t table_array_max_items(const struct field *f)
{
    return f->max > 0 ? (size_t)f->max : TABLE_ARRAY_MAX_ITEMS;
}

/* The caps of an array field (table.h): min..max items, each string item at most
 * TABLE_ARRAY_ITEM_MAX_CHARS characters. The item types were checked already. */
static int check_array(const struct field *f, json_t *j, struct err *e)
{
    size_t n = json_array_size(j), most = table_array_max_items(f);
    if (f->max > 0 && n < (size_t)f->min)
        return err_set(e, ERR_INVALID, f->name, "%s must hold %lld to %lld items", f->name,
                       (long long)f->min, (long long)f->max);
    if (n > most)
        return err_set(e, ERR_INVALID, f->name, "%s must hold at most %zu items", f->name, most);
    size_t i;
    json_t *item;
    json_array_foreach(j, i, item)
    {
        if (json_is_string(item) && utf8_count(json_string_value(item), json_string_length(item)) >
                                        TABLE_ARRAY_ITEM_MAX_CHARS)
            return err_set(e, ERR_INVALID, f->name,
                           "each item of %s must be at most %d characters (item %zu is longer)",
                           f->name, TABLE_ARRAY_ITEM_MAX_CHARS, i + 1);
    }
    return 0;
}

/* Converts one JSON value for field f into a bound value. */
static int parse_value(const struct field *f, json_t *j, struct arena *a, struct store_value *out,
                       struct err *e)
{
    if (json_is_null(j)) {
        if (f->flags & (F_NOTNULL | F_REQUIRED))
            return err_set(e, ERR_INVALID, f->name, "%s must not be null", f->name);
        *out = SV_NULL;
        return 0;
    }
    bool ok;
    switch (f->type) {
    case FT_INT:
        ok = json_is_integer(j);
        break;
    case FT_REAL:
        ok = json_is_number(j);
        break;
    case FT_BOOL:
        ok = json_is_boolean(j);
        break;
    case FT_TEXT:
    case FT_DATE:
    case FT_TIMESTAMP:
        ok = json_is_string(j);
        break;
    case FT_STRINGS:
    case FT_ARRAY: {
        ok = json_is_array(j);
        size_t i;
        json_t *item;
        json_array_foreach(j, i, item) ok = ok && json_is_string(item);
        break;
    }
    case FT_INTS: {
        ok = json_is_array(j);
        size_t i;
        json_t *item;
        json_array_foreach(j, i, item) ok = ok && json_is_integer(item);
        break;
    }
    case FT_OBJECT:
        ok = json_is_object(j);
        break;
    default:
        ok = true;
    }
    if (!ok)
        return err_set(e, ERR_INVALID, f->name, "%s must be %s", f->name, type_name(f->type));
    if (f->type == FT_STRINGS || f->type == FT_ARRAY || f->type == FT_INTS) {
        int rc = check_array(f, j, e);
        if (rc)
            return rc;
    }
    time_t t;
    switch (f->type) {
    case FT_INT:
        *out = SV_INT(json_integer_value(j));
        return check_range(f, (double)out->i, e);
    case FT_REAL:
        *out = SV_REAL(json_number_value(j));
        return check_range(f, out->d, e);
    case FT_BOOL:
        *out = SV_BOOL(json_is_true(j));
        return 0;
    case FT_TEXT:
        return check_text(f, json_string_value(j), a, out, e);
    case FT_DATE:
        if (!time_parse_date(json_string_value(j), &t))
            return err_set(e, ERR_INVALID, f->name, "%s must be a date (YYYY-MM-DD)", f->name);
        *out = SV_TEXT(arena_strdup(a, json_string_value(j)));
        return 0;
    case FT_TIMESTAMP: {
        if (!time_parse_rfc3339(json_string_value(j), &t))
            return err_set(e, ERR_INVALID, f->name, "%s must be an RFC 3339 timestamp", f->name);
        char *text = arena_alloc(a, TIME_RFC3339_LEN);
        time_format_rfc3339(t, text);
        *out = SV_TEXT(text);
        return 0;
    }
    default: {
        *out = SV_TEXT(json_to_text(j, a));
        return 0;
    }
    }
}

int table_parse(const struct table *r, json_t *body, enum parse_mode mode, struct arena *a,
                struct values *out, struct err *e)
{
    if (!json_is_object(body))
        return err_set(e, ERR_INVALID, NULL, "the body must be a JSON object");
    const char *key;
    json_t *j;
    json_object_foreach(body, key, j)
    {
        const struct field *f = table_field(r, key);
        if (f == NULL)
            return err_set(e, ERR_INVALID, key, "unknown field: %s", key);
        if (!(f->flags & F_WRITE))
            return err_set(e, ERR_INVALID, key, "%s is set by the server", key);
        struct store_value value;
        int rc = parse_value(f, j, a, &value, e);
        if (rc)
            return rc;
        values_set(out, r, key, value);
        values_get(out, key)->json = j;
    }
    if (mode == PARSE_CREATE) {
        for (const struct field *f = r->fields; f->name; f++)
            if ((f->flags & F_REQUIRED) && values_get(out, f->name) == NULL)
                return err_set(e, ERR_INVALID, f->name, "%s is required", f->name);
    }
    return 0;
}

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

/* The value of a JSON column's text: parsed, or the text as a string when it is not JSON; a
 * text not valid UTF-8 is read with U+FFFD for its invalid bytes. */
static json_t *json_column_value(const char *text)
{
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
    if (v == NULL && !utf8_valid(text, strlen(text))) {
        char *repaired = utf8_repair(text, strlen(text));
        v = json_loads(repaired, JSON_DECODE_ANY, NULL);
        if (v == NULL)
            v = json_string(repaired);
        free(repaired);
    }
    return v ? v : json_string(text);
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
        fields[col] = next && next->name && strcmp(next->name, name) == 0 ? next
                                                                          : table_field(r, name);
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
static void row_members(const struct field *const *fields, const struct member_key *keys,
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
    row_members(l->fields, l->keys, res, row, out);
    buf_putc(out, '}');
}

void table_row_text(const struct table *r, const struct store_result *res, size_t row,
                    struct buf *out)
{
    const struct field **fields = xcalloc((size_t)store_cols(res) + 1, sizeof *fields);
    result_fields(r, res, fields);
    buf_putc(out, '{');
    row_members(fields, NULL, res, row, out);
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
static void columns_into(struct buf *b, const struct table *r, const char *alias)
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

/* ================================================================ texts built once */

/* The statement texts of a stored table that depend on the table alone (and the engine's row
 * lock), never on a request: built once per process by texts_build, the one place that writes
 * them, and kept for the life of the process (descriptors are static; the entries stay
 * reachable from texts_buckets, so leak checkers count them as still reachable). Every get by
 * id looks its text up here: before, row_sql walked the fields and printed the ~1 KB SELECT of
 * a job on every request (about 20,000 instructions, a quarter of SQLite's GET /jobs/{id}).
 * Descriptors are spread over the model files with no list of them, so there is no start-up
 * point to build them all (pthread_once): a descriptor's entry is built on its first use under
 * texts_lock and published with a release store; readers find it with an acquire load and no
 * lock, and an entry never changes once published. */
struct texts {
    const struct table *table;
    const char *lock;    /* the row-lock suffix of row[]: store_sql_for_update's, or "" */
    const char *columns; /* table_columns(table, NULL) */
    const char *row[2];  /* row_sql: the SELECT of row id; [1] of an owner's row */
    struct texts *next;  /* the bucket's older entries */
};

#define TEXT_BUCKETS 64
static _Atomic(struct texts *) texts_buckets[TEXT_BUCKETS];
static pthread_mutex_t texts_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct texts *texts_find(const struct texts *x, const struct table *r,
                                      const char *lock)
{
    for (; x; x = x->next)
        if (x->table == r && strcmp(x->lock, lock) == 0)
            return x;
    return NULL;
}

/* Writes the texts of r with row lock lock (malloc'd, never freed). */
static struct texts *texts_build(const struct table *r, const char *lock)
{
    struct texts *x = xcalloc(1, sizeof *x);
    x->table = r;
    x->lock = xstrdup(lock);
    struct buf b;
    buf_init(&b);
    columns_into(&b, r, NULL);
    x->columns = xstrdup(b.data ? b.data : "");
    for (int owned = 0; r->name && owned < 2; owned++) { /* a body has no row to read */
        buf_truncate(&b, 0);
        buf_puts(&b, "SELECT ");
        buf_puts(&b, x->columns);
        buf_puts(&b, " FROM ");
        buf_puts(&b, r->name);
        buf_puts(&b, owned ? " WHERE id = ? AND user_id = ?" : " WHERE id = ?");
        buf_puts(&b, lock);
        x->row[owned] = xstrdup(b.data);
    }
    buf_free(&b);
    return x;
}

/* The texts of r with row lock lock ("" for none), built on the first call. */
static const struct texts *texts_of(const struct table *r, const char *lock)
{
    _Atomic(struct texts *) *bucket = &texts_buckets[((uintptr_t)r >> 4) % TEXT_BUCKETS];
    const struct texts *x = texts_find(atomic_load_explicit(bucket, memory_order_acquire), r, lock);
    if (x)
        return x;
    pthread_mutex_lock(&texts_lock);
    struct texts *head = atomic_load_explicit(bucket, memory_order_relaxed);
    x = texts_find(head, r, lock); /* built by another thread since the first look */
    if (x == NULL) {
        struct texts *made = texts_build(r, lock);
        made->next = head;
        atomic_store_explicit(bucket, made, memory_order_release);
        x = made;
    }
    pthread_mutex_unlock(&texts_lock);
    return x;
}

const char *table_columns(const struct table *r, const char *alias, struct arena *a)
{
    if (alias == NULL)
        return texts_of(r, "")->columns;
    struct buf b;
    buf_init(&b);
    columns_into(&b, r, alias);
    const char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}

static int one_row(struct store_conn *c, const struct table *r, const char *sql,
                   const struct store_value *params, int n, json_t **out, struct err *e)
{
    struct store_result *res;
    int rc = store_exec(c, sql, params, n, &res, e);
    if (rc)
        return rc;
    if (store_rows(res) == 0) {
        store_result_free(res);
        return err_set(e, ERR_NOT_FOUND, NULL, "not found");
    }
    if (out)
        *out = table_row_json(r, res, 0);
    store_result_free(res);
    return 0;
}

/* ================================================================ SQL */

/* The placeholder for a value: '?', or the engine's array expression for FT_ARRAY. */
static const char *placeholder(const struct store_conn *c, const struct field_value *fv)
{
    return fv->field->type == FT_ARRAY && fv->value.type != STORE_NULL ? store_sql_array_param(c)
                                                                       : "?";
}

int table_insert_rows(struct store_conn *c, const struct table *t, const struct values *rows,
                      size_t n, const struct table_conflict *conflict, const char *returning,
                      struct arena *a, struct store_result **out, struct err *e)
{
    assert(t->name && n >= 1 && rows[0].n >= 1);
    const struct values *first = &rows[0];
    size_t width = (size_t)first->n;
    struct store_value *params = arena_alloc(a, n * width * sizeof *params);
    struct buf sql;
    buf_init(&sql);
    /* appends, not printf: a request's statement text is built on every call (POST /jobs,
     * each imported row) before the statement cache finds it */
    buf_puts(&sql, "INSERT INTO ");
    buf_puts(&sql, t->name);
    buf_puts(&sql, " (");
    for (size_t i = 0; i < width; i++) {
        if (i)
            buf_puts(&sql, ", ");
        buf_puts(&sql, first->items[i].field->name);
    }
    buf_puts(&sql, ") VALUES ");
    for (size_t r = 0; r < n; r++) {
        const struct values *v = &rows[r];
        assert((size_t)v->n == width); /* every row names the same columns, in order */
        buf_puts(&sql, r ? ", (" : "(");
        for (size_t i = 0; i < width; i++) {
            assert(v->items[i].field == first->items[i].field);
            if (i)
                buf_puts(&sql, ", ");
            buf_puts(&sql, placeholder(c, &v->items[i]));
            params[r * width + i] = v->items[i].value;
        }
        buf_putc(&sql, ')');
    }
    if (conflict) {
        buf_printf(&sql, " ON CONFLICT (%s) DO ", conflict->target);
        if (conflict->update == NULL)
            buf_puts(&sql, "NOTHING");
        for (const char *const *u = conflict->update; u && *u; u++)
            buf_printf(&sql, "%s%s = excluded.%s", u == conflict->update ? "UPDATE SET " : ", ", *u,
                       *u);
    }
    if (returning == NULL)
        returning = table_columns(t, NULL, a);
    if (*returning) {
        buf_puts(&sql, " RETURNING ");
        buf_puts(&sql, returning);
    }
    int rc = store_exec(c, sql.data, params, (int)(n * width), out, e);
    buf_free(&sql);
    return rc;
}

int table_upsert(struct store_conn *c, const struct table *t, struct values *v,
                 const struct table_conflict *conflict, struct arena *a, json_t **out,
                 struct err *e)
{
    struct store_result *res;
    int rc = table_insert_rows(c, t, v, 1, conflict, NULL, a, &res, e);
    if (rc)
        return rc;
    if (store_rows(res) == 0 && conflict == NULL)
        rc = err_set(e, ERR_INTERNAL, NULL, "INSERT returned no row");
    else if (out)
        *out = store_rows(res) ? table_row_json(t, res, 0) : json_null();
    store_result_free(res);
    return rc;
}

int table_insert(struct store_conn *c, const struct table *t, struct values *v, struct arena *a,
                 json_t **out, struct err *e)
{
    return table_upsert(c, t, v, NULL, a, out, e);
}

int table_finish(struct store_conn *c, int rc, json_t **out, struct err *e)
{
    if (rc == 0)
        rc = store_commit(c, e);
    if (rc) {
        store_rollback(c);
        if (out && *out) {
            json_decref(*out);
            *out = NULL;
        }
    }
    return rc;
}

int table_update(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                 struct values *v, struct arena *a, json_t **out, struct err *e)
{
    if (table_field(r, "updated_at") && values_get(v, "updated_at") == NULL)
        values_set(v, r, "updated_at", SV_TEXT(time_now_text(a)));
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "UPDATE %s SET ", r->name);
    struct store_value params[VALUES_MAX + 2 + TABLE_EXPECT_MAX];
    int n = 0;
    for (int i = 0; i < v->n; i++) {
        buf_printf(&sql, "%s%s = %s", i ? ", " : "", v->items[i].field->name,
                   placeholder(c, &v->items[i]));
        params[n++] = v->items[i].value;
    }
    if (versioned(r) && values_get(v, VERSION) == NULL)
        buf_puts(&sql, ", " VERSION " = " VERSION " + 1");
    buf_puts(&sql, " WHERE id = ?");
    params[n++] = SV_INT(id);
    if (owner) {
        buf_puts(&sql, " AND user_id = ?");
        params[n++] = SV_INT(owner);
    }
    bool conditions = table_expect_clause(r, id, NULL, &sql, params, &n);
    buf_printf(&sql, " RETURNING %s", table_columns(r, NULL, a));
    int rc = one_row(c, r, sql.data, params, n, out, e);
    buf_free(&sql);
    if (rc == ERR_NOT_FOUND && conditions) {
        err_clear(e);
        rc = table_missing(c, r, owner, id, e);
    }
    return rc;
}

/* The statement of row id of owner (0 = any) with row lock lock (store_sql_for_update, or ""):
 * parameters id, then owner when not 0. Built once per table (texts_of). */
static const char *row_sql(const struct table *r, int64_t owner, const char *lock)
{
    return texts_of(r, lock)->row[owner != 0];
}

static int get_row(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                   const char *lock, json_t **out, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(owner)};
    return one_row(c, r, row_sql(r, owner, lock), p, owner ? 2 : 1, out, e);
}

int table_get(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
              struct arena *a, json_t **out, struct err *e)
{
    return get_row(c, r, owner, id, "", out, e);
}

int table_get_text(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                   struct arena *a, struct buf *out, const char **version, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(owner)};
    struct store_result *res;
    *version = NULL;
    int rc = store_exec(c, row_sql(r, owner, ""), p, owner ? 2 : 1, &res, e);
    if (rc == 0 && store_rows(res) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "not found");
    if (rc == 0) {
        table_row_text(r, res, 0, out);
        /* as table_row_json holds it: an integer when it is a shown integer field */
        const struct field *f = table_field(r, "row_version");
        int col = f && f->type == FT_INT && table_field_shown(f, VIEW_OWNER)
                      ? store_colindex(res, "row_version")
                      : -1;
        const char *text = col < 0 ? NULL : store_text(res, 0, col);
        if (text) { /* without printf: 2,700 instructions, 5% of a get */
            char *v = arena_alloc(a, BUF_INT_LEN);
            buf_int_text(strtoll(text, NULL, 10), v);
            *version = v;
        }
    }
    store_result_free(res);
    return rc;
}

int table_lock(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
               struct arena *a, json_t **out, struct err *e)
{
    assert(store_in_transaction(c));
    return get_row(c, r, owner, id, store_sql_for_update(c), out, e);
}

int table_delete(struct store_conn *c, const struct table *r, int64_t owner, int64_t id,
                 struct err *e)
{
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "DELETE FROM %s WHERE id = ?%s", r->name, owner ? " AND user_id = ?" : "");
    struct store_value p[2 + TABLE_EXPECT_MAX] = {SV_INT(id), SV_INT(owner)};
    int n = owner ? 2 : 1;
    bool conditions = table_expect_clause(r, id, NULL, &sql, p, &n);
    struct store_result *res;
    int rc = store_exec(c, sql.data, p, n, &res, e);
    buf_free(&sql);
    if (rc)
        return rc;
    bool gone = store_changes(res) > 0;
    store_result_free(res);
    if (gone)
        return 0;
    return conditions ? table_missing(c, r, owner, id, e)
                      : err_set(e, ERR_NOT_FOUND, NULL, "not found");
}

/* ================================================================ optimistic concurrency */

/* The expectation of the request on this thread (armed by table_expect). */
static _Thread_local struct {
    const struct table *table;
    int64_t id;
    int64_t versions[TABLE_EXPECT_MAX];
    int n;
    bool armed, used;
} expected;

static bool versioned(const struct table *t)
{
    return table_field(t, VERSION) != NULL;
}

void table_expect(const struct table *t, int64_t id, const int64_t *versions, int n)
{
    assert(t && versioned(t) && n >= 0 && n <= TABLE_EXPECT_MAX);
    expected.table = t;
    expected.id = id;
    for (int i = 0; i < n; i++)
        expected.versions[i] = versions[i];
    expected.n = n;
    expected.armed = true;
    expected.used = false;
}

bool table_expect_end(void)
{
    bool used = expected.used;
    memset(&expected, 0, sizeof expected);
    return used;
}

/* The armed expectation when it is about row id of t and no write has used it yet. */
static bool expecting(const struct table *t, int64_t id)
{
    return expected.armed && !expected.used && expected.table == t && expected.id == id;
}

static int precondition_failed(struct err *e)
{
    return err_set(e, ERR_PRECONDITION, NULL,
                   "this was changed since you read it (If-Match no longer matches); read it "
                   "again to see the latest version");
}

int table_expect_row(const struct table *t, int64_t id, const json_t *row, struct err *e)
{
    if (!expecting(t, id))
        return 0;
    expected.used = true;
    int64_t current = row ? json_get_int(row, VERSION) : 0;
    for (int i = 0; i < expected.n; i++)
        if (expected.versions[i] == current)
            return 0;
    return precondition_failed(e);
}

bool table_expect_clause(const struct table *t, int64_t id, const char *alias, struct buf *sql,
                         struct store_value *params, int *nparams)
{
    if (!expecting(t, id))
        return false;
    expected.used = true;
    if (expected.n == 0) { /* an If-Match naming no version of ours: nothing can match */
        buf_puts(sql, " AND 1 = 0");
        return true;
    }
    buf_printf(sql, " AND %s" VERSION " IN (", alias ? alias : "");
    for (int i = 0; i < expected.n; i++) {
        buf_puts(sql, i ? ", ?" : "?");
        params[(*nparams)++] = SV_INT(expected.versions[i]);
    }
    buf_putc(sql, ')');
    return true;
}

int table_missing(struct store_conn *c, const struct table *t, int64_t owner, int64_t id,
                  struct err *e)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?%s", t->name,
             owner ? " AND user_id = ?" : "");
    struct store_value p[] = {SV_INT(id), SV_INT(owner)};
    struct store_result *res;
    int rc = store_exec(c, sql, p, owner ? 2 : 1, &res, e);
    if (rc)
        return rc;
    bool exists = store_rows(res) > 0;
    store_result_free(res);
    return exists ? precondition_failed(e) : err_set(e, ERR_NOT_FOUND, NULL, "not found");
}

/* ================================================================ lists */

/* Points q at the sortable name asked for (or the spec's default). */
static int list_sort(const struct list_spec *spec, const struct list_params *p,
                     struct list_query *q, struct err *e)
{
    const char *name = p->sort;
    q->desc = p->desc;
    if (name == NULL) {
        const char *v = spec->default_sort;
        q->desc = v[0] == '-';
        name = v[0] == '-' || v[0] == '+' ? v + 1 : v;
    }
    for (const char *const *s = spec->sortable; *s; s++) {
        if (strcmp(*s, name) == 0) {
            q->sort = *s;
            return 0;
        }
    }
    int rc = err_set(e, ERR_INVALID, "sort", "cannot sort by %s", name);
    for (const char *const *s = spec->sortable; e && *s && e->nallowed < 16; s++)
        e->allowed[e->nallowed++] = *s;
    return rc;
}

/* Validates one filter argument against the field it targets and adds it to q. */
static int list_filter(struct store_conn *c, const struct table *t, const struct list_param *p,
                       const char *value, struct arena *a, struct list_query *q, struct err *e)
{
    struct list_filter *f = &q->filters[q->nfilters];
    f->column = p->column;
    f->op = p->op;
    if (p->op == FILTER_FULLTEXT) {
        char *arg = store_fulltext_arg(c, value);
        if (arg == NULL)
            return 0; /* nothing searchable: no filter */
        f->value = SV_TEXT(arena_strdup(a, arg));
        free(arg);
        q->nfilters++;
        return 0;
    }
    const struct field *field = table_field(t, p->column);
    assert(field != NULL);          /* a list spec names fields of its table */
    if (p->op == FILTER_CONTAINS) { /* any text: an element of the array column */
        f->value = SV_TEXT(value);
        q->nfilters++;
        return 0;
    }
    time_t when;
    char *end;
    switch (field->type) {
    case FT_INT: {
        long long n = strtoll(value, &end, 10);
        if (*value == '\0' || *end != '\0')
            return err_set(e, ERR_INVALID, p->name, "%s must be an integer", p->name);
        f->value = SV_INT(n);
        break;
    }
    case FT_BOOL:
        if (strcmp(value, "true") && strcmp(value, "false"))
            return err_set(e, ERR_INVALID, p->name, "%s must be true or false", p->name);
        f->value = SV_BOOL(strcmp(value, "true") == 0);
        break;
    case FT_DATE:
        if (!time_parse_date(value, &when))
            return err_set(e, ERR_INVALID, p->name, "%s must be a date (YYYY-MM-DD)", p->name);
        f->value = SV_TEXT(value);
        break;
    default:
        if (field->values) {
            bool ok = false;
            for (const char *const *v = field->values; *v && !ok; v++)
                ok = strcmp(*v, value) == 0;
            if (!ok) {
                int rc = err_set(e, ERR_INVALID, p->name, "%s is not an allowed value", p->name);
                for (const char *const *v = field->values; e && *v && e->nallowed < 16; v++)
                    e->allowed[e->nallowed++] = *v;
                return rc;
            }
        }
        f->value = SV_TEXT(value);
    }
    q->nfilters++;
    return 0;
}

int table_list_query(struct store_conn *c, const struct table *t, const struct list_spec *spec,
                     const struct list_params *p, struct arena *a, struct list_query *q,
                     struct err *e)
{
    assert(p->limit >= 1 && p->limit <= LIST_MAX_LIMIT && p->offset >= 0);
    memset(q, 0, sizeof *q);
    q->limit = p->limit;
    q->offset = p->offset;
    q->spec = spec;
    int rc = list_sort(spec, p, q, e);
    for (const struct list_param *lp = spec->params; rc == 0 && lp && lp->name; lp++) {
        const char *value = list_params_get(p, lp->name);
        if (value && q->nfilters < LIST_MAX_FILTERS)
            rc = list_filter(c, t, lp, value, a, q, e);
    }
    return rc;
}

/* How the filters are written: plain, or kept from their indexes (the page is read in the sort
 * index's order and the filters checked row by row). */
struct where_style {
    const char *filter_prefix; /* before each filter's column ("" or the store's no-index "+") */
    const char *extra;         /* one more condition, or NULL */
    const char *owner_prefix;  /* before the owner's column (NULL: "") */
    int indexed;               /* 1 + the number of a filter written plain whatever
                                  filter_prefix says (its pair's index serves it); 0: none */
    bool sort_matches;         /* the matches are read whole (counted, or sorted: the sort
                                  index not read; on an engine without a no-index prefix, a fence
                                  says so): a full-text filter is written to find them through
                                  its index (store_sql_fulltext_matches) */
    const struct store_value *ids; /* the search's matches as a set of ids (list_total), asked
                                      for each row instead of the words; or NULL */
    bool ids_drive;                /* the set's ids listed and looked up (store_sql_in_ids) */
    bool days_bound;               /* the sort column bounded from the days of q's date ranges
                                      (days_bound) */
    bool fixed;                    /* the page's bounds written in the text (exact_first_page) */
};

static int days_bound(const struct table *t, int64_t owner, const struct list_query *q,
                      const char *prefix, const char *glue, struct buf *sql,
                      struct store_value *params);

/* Appends " WHERE ..." for owner, filters, the hook's conditions and ws->extra to sql and their
 * values to params; prefix ("f.") qualifies the table's own columns. */
static int where_clause(struct store_conn *c, const struct table *t, int64_t owner,
                        const struct list_query *q, const struct list_hooks *h, const char *prefix,
                        const struct where_style *ws, struct arena *a, struct buf *sql,
                        struct store_value *params)
{
    int n = 0;
    const char *glue = " WHERE ";
    const char *np = ws ? ws->filter_prefix : "";
    if (owner) {
        buf_puts(sql, glue);
        buf_puts(sql, ws && ws->owner_prefix ? ws->owner_prefix : "");
        buf_puts(sql, prefix);
        buf_puts(sql, "user_id = ?");
        params[n++] = SV_INT(owner);
        glue = " AND ";
    }
    for (int i = 0; i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        char cond[192], column[96];
        if (ws && ws->indexed == i + 1)
            np = "";
        else if (ws)
            np = ws->filter_prefix;
        snprintf(column, sizeof column, "%s%s%s", np, prefix, f->column);
        switch (f->op) {
        case FILTER_EQ:
            buf_printf(sql, "%s%s = ?", glue, column);
            break;
        case FILTER_IEQ:
            buf_printf(sql, "%s%slower(%s%s) = lower(?)", glue, np, prefix, f->column);
            break;
        case FILTER_GE:
            buf_printf(sql, "%s%s >= ?", glue, column);
            break;
        case FILTER_LE:
            buf_printf(sql, "%s%s <= ?", glue, column);
            break;
        case FILTER_FULLTEXT:
            if (ws && ws->ids) {
                snprintf(column, sizeof column, "%sid", prefix);
                buf_printf(sql, "%s%s", glue,
                           store_sql_in_ids(c, column, ws->ids_drive, cond, sizeof cond));
                params[n++] = *ws->ids;
                glue = " AND ";
                continue;
            }
            buf_printf(sql, "%s%s%s", glue, np,
                       ws && ws->sort_matches
                           ? store_sql_fulltext_matches(c, t->name, cond, sizeof cond)
                           : store_sql_fulltext(c, t->name, cond, sizeof cond));
            break;
        case FILTER_CONTAINS:
            buf_printf(sql, "%s%s", glue, store_sql_array_contains(c, column, cond, sizeof cond));
            break;
        }
        params[n++] = f->value;
        glue = " AND ";
    }
    if (h && h->where)
        n += h->where(h->ctx, c, a, sql, &glue, params + n);
    if (ws && ws->extra) {
        buf_printf(sql, "%s%s", glue, ws->extra);
        glue = " AND ";
    }
    if (ws && ws->days_bound)
        n += days_bound(t, owner, q, prefix, glue, sql, params + n);
    return n;
}

const char *table_like_pattern(const char *text, struct arena *a)
{
    char *out = arena_alloc(a, 2 * strlen(text) + 3), *o = out;
    *o++ = '%';
    for (const char *p = text; *p; p++) {
        if (*p == '\\' || *p == '%' || *p == '_')
            *o++ = '\\';
        *o++ = *p;
    }
    *o++ = '%';
    *o = '\0';
    return out;
}

/* The ORDER BY terms before the id: NULLs last in both directions, the same on both engines;
 * the extra term is left out for columns that are never NULL, so an index on
 * (user_id, column) can serve the order. */
static const char *default_order(const struct table *t, const struct list_query *q,
                                 const char *prefix, struct arena *a)
{
    const char *dir = q->desc ? "DESC" : "ASC";
    const struct field *sort = table_field(t, q->sort);
    if (sort && (sort->flags & (F_NOTNULL | F_REQUIRED)))
        return arena_printf(a, "%s%s %s", prefix, q->sort, dir);
    return arena_printf(a, "(%s%s IS NULL), %s%s %s", prefix, q->sort, prefix, q->sort, dir);
}

/* True when the total can be read from the counters: an owner, no hook conditions, and every
 * filter an equality on one of the counters' columns. */
static bool counted(int64_t owner, const struct list_query *q, const struct list_hooks *h)
{
    if (!owner || !q->spec->counts || (h && h->where))
        return false;
    for (int i = 0; i < q->nfilters; i++) {
        bool found = false;
        for (const char *const *col = q->spec->counts->columns; *col && !found; col++)
            found = q->filters[i].op == FILTER_EQ && strcmp(*col, q->filters[i].column) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* The column whose per-day counters give the total of q (every filter a range or an equality
 * on it, an owner, no hook conditions), or NULL. */
static const char *date_counted(int64_t owner, const struct list_query *q,
                                const struct list_hooks *h)
{
    if (!owner || !q->spec->date_counts || (h && h->where) || q->nfilters == 0)
        return NULL;
    const char *column = NULL;
    for (const char *const *col = q->spec->date_counts->columns; *col && !column; col++)
        if (strcmp(*col, q->filters[0].column ? q->filters[0].column : "") == 0)
            column = *col;
    for (int i = 0; column && i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        if ((f->op != FILTER_EQ && f->op != FILTER_GE && f->op != FILTER_LE) ||
            strcmp(f->column, column) != 0)
            return NULL;
    }
    return column;
}

/* Appends to sql " AND day op ?" for each of q's filters (all on one date column: date_counted)
 * and their values to params, day naming the per-day counters' day column; returns the number
 * of values added. */
static int day_conditions(struct buf *sql, const struct list_query *q, const char *day,
                          struct store_value *params)
{
    for (int i = 0; i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        const char *op = f->op == FILTER_EQ ? "=" : f->op == FILTER_GE ? ">=" : "<=";
        buf_printf(sql, " AND %s %s ?", day, op);
        params[i] = f->value;
    }
    return q->nfilters;
}

/* Appends to sql (after glue) a bound on q's sort column that every row matching q's date
 * ranges keeps (q as date_counted tells, sorted on a column that is never NULL, with a pair
 * index (owner, date column, sort column)): at most the newest sort value of the matches in a
 * descending list, at least the oldest in an ascending one. The days the ranges hold come from
 * the per-day counters (list_spec.date_counts, one row per day) and each day's newest (oldest)
 * value from the pair index in one step, so a walk of the sort index starts at the first
 * match instead of passing every row on the far side of the ranges: a cost bounded by the days,
 * not by the rows (days_bounded). Returns the number of values added to params. */
static int days_bound(const struct table *t, int64_t owner, const struct list_query *q,
                      const char *prefix, const char *glue, struct buf *sql,
                      struct store_value *params)
{
    const char *column = q->filters[0].column, *dir = q->desc ? "DESC" : "ASC";
    int n = 0;
    buf_printf(sql,
               "%s%s%s %s (SELECT %s((SELECT bound_row.%s FROM %s bound_row "
               "WHERE bound_row.user_id = bound_day.user_id AND bound_row.%s = bound_day.day "
               "ORDER BY bound_row.%s %s LIMIT 1)) FROM %s bound_day "
               "WHERE bound_day.user_id = ? AND bound_day.kind = ?",
               glue, prefix, q->sort, q->desc ? "<=" : ">=", q->desc ? "MAX" : "MIN", q->sort,
               t->name, column, q->sort, dir, q->spec->date_counts->table);
    params[n++] = SV_INT(owner);
    params[n++] = SV_TEXT(column);
    n += day_conditions(sql, q, "bound_day.day", params + n);
    buf_putc(sql, ')');
    return n;
}

/* Appends to sql a scalar subquery: the owner's rows that the equality filters (on counted
 * columns) match, every one but the skip-th (-1: none skipped), from the counters, and its
 * values to params; returns the number of values added. With per-value counters
 * (list_counts.values) and one such filter or none, one row of those read by key; else the sum
 * of the owner's counter rows of the combinations that match (1,133 rows for 100,000 jobs). */
static int counted_rows(struct buf *sql, const struct list_counts *counts,
                        const struct list_filter *filters, int nfilters, int skip, int64_t owner,
                        struct store_value *params)
{
    int n = 0, counted = 0, only = -1;
    for (int i = 0; i < nfilters; i++)
        if (i != skip) {
            counted++;
            only = i;
        }
    params[n++] = SV_INT(owner);
    if (counts->values && counted == 0) {
        buf_printf(sql,
                   "COALESCE((SELECT n FROM %s WHERE user_id = ? AND kind = '' AND value = ''), 0)",
                   counts->values);
        return n;
    }
    if (counts->values && counted == 1) {
        buf_printf(sql,
                   "COALESCE((SELECT n FROM %s WHERE user_id = ? AND kind = ? AND value = ?), 0)",
                   counts->values);
        params[n++] = SV_TEXT(filters[only].column);
        params[n++] = filters[only].value;
        return n;
    }
    buf_printf(sql, "(SELECT COALESCE(SUM(n), 0) FROM %s WHERE user_id = ?", counts->table);
    for (int i = 0; i < nfilters; i++) {
        if (i == skip)
            continue;
        buf_printf(sql, " AND %s = ?", filters[i].column);
        params[n++] = filters[i].value;
    }
    buf_putc(sql, ')');
    return n;
}

/* Appends to sql the select-list item ", the owner's row count" (counted_rows of no filter) and
 * its values to params; returns the number of values added. */
static int owner_rows_item(struct buf *sql, const char *before, const struct list_query *q,
                           int64_t owner, struct store_value *params)
{
    buf_puts(sql, before);
    return counted_rows(sql, q->spec->counts, NULL, 0, -1, owner, params);
}

/* The number of q's full-text filter when each of its other filters (one at least) is an
 * equality the counters count (so the counters tell how many rows the others match), else -1. */
static int fulltext_beside_counted(int64_t owner, const struct list_query *q,
                                   const struct list_hooks *h)
{
    if (!owner || !q->spec->counts || (h && h->where) || q->nfilters < 2)
        return -1;
    int fi = -1;
    for (int i = 0; i < q->nfilters; i++) {
        bool found = false;
        if (q->filters[i].op == FILTER_FULLTEXT && fi < 0) {
            fi = i;
            continue;
        }
        for (const char *const *col = q->spec->counts->columns; *col && !found; col++)
            found = q->filters[i].op == FILTER_EQ && strcmp(*col, q->filters[i].column) == 0;
        if (!found)
            return -1;
    }
    return fi;
}

/* A list's plan (table_list): the list read, what its count is asked for, and what the count
 * finds out that decides how the page is read (list_total fills the last four). */
struct list_plan {
    const struct table *t;
    int64_t owner; /* 0: every owner's rows */
    const struct list_query *q;
    const struct list_hooks *h; /* or NULL */
    const char *from;           /* the table, with its alias if any */
    const char *prefix;         /* "alias." or "": before the table's own columns */
    bool want_all;              /* the owner's rows wanted even when telling them costs a read of
                                   their own */
    bool want_ids;              /* a search may be read as a set of ids (not for a page read in
                                   one query with its count) */
    int64_t total;              /* the rows matching q */
    int64_t all;                /* the owner's rows; -1 when the count did not tell them */
    struct store_value ids;     /* the search's matches as a set of ids (a BLOB in the arena), or
                                   SV_NULL */
    bool ids_drive;             /* the set's ids listed for the planner to look up
                                   (store_sql_in_ids): few matches beside many rows of the other
                                   filters */
    int64_t version;            /* the owner's data version the count read beside a kept total
                                   (list_totals.h), or -1 */
};

static int list_total(struct store_conn *c, struct list_plan *p, const struct store_stmt *page,
                      struct store_result **page_rows, struct arena *a, struct err *e);
static bool may_keep_order(int64_t owner, const struct list_query *q, const struct list_hooks *h);

/* Appends ", (the list spec's version) AS v" to sql and its value to params (1 value). */
static int version_item(struct buf *sql, const struct list_query *q, int64_t owner,
                        struct store_value *params)
{
    buf_printf(sql, ", (%s) AS v", q->spec->version);
    params[0] = SV_INT(owner);
    return 1;
}

/* The key of q's total in the kept totals (list_totals.h): t's name, then each filter (in the
 * list spec's order, as list_filter adds them) with its column, operator and value, a text
 * value after its length; false when it does not fit in LIST_TOTALS_KEY or a value is neither
 * text nor an integer. */
static bool totals_key(const struct table *t, const struct list_query *q, char key[LIST_TOTALS_KEY])
{
    int len = snprintf(key, LIST_TOTALS_KEY, "%s", t->name);
    for (int i = 0; i < q->nfilters && len >= 0 && len < LIST_TOTALS_KEY; i++) {
        const struct list_filter *f = &q->filters[i];
        size_t room = LIST_TOTALS_KEY - (size_t)len;
        const char *column = f->column ? f->column : "";
        if (f->value.type == STORE_TEXT)
            len += snprintf(key + len, room, "\n%s %d %zu:%s", column, (int)f->op,
                            strlen(f->value.s), f->value.s);
        else if (f->value.type == STORE_INT)
            len += snprintf(key + len, room, "\n%s %d i%lld", column, (int)f->op,
                            (long long)f->value.i);
        else
            return false;
    }
    return len >= 0 && len < LIST_TOTALS_KEY;
}

/* A total being counted that may be kept at the owner's data version (list_totals.h): what is
 * kept for its key, and (kept_check) whether the version read beside the count is the kept
 * one. The counting statement reads the version as kv.v. */
struct kept_total {
    bool keep;    /* the total is kept (it has a key and the list spec a version) */
    bool found;   /* one is kept: version, total, all (and ids) */
    bool hit;     /* the version read now is the kept one: the kept total is this snapshot's */
    bool hit_all; /* and the kept owner's rows too */
    int64_t version, total, all;
    const void *ids; /* the kept set of ids (a copy in the arena), when asked for */
    size_t ids_len;
    char key[LIST_TOTALS_KEY];
};

/* Looks q's kept total up when keep (and q has a key), with its set of ids when ids. */
static void kept_find(struct kept_total *k, bool keep, int64_t owner, const struct table *t,
                      const struct list_query *q, struct arena *a, bool ids)
{
    *k = (struct kept_total){.all = -1};
    k->keep = keep && q->spec->version && totals_key(t, q, k->key);
    k->found = k->keep && list_totals_get(owner, k->key, &k->version, &k->total, &k->all, a,
                                          ids ? &k->ids : NULL, &k->ids_len);
}

/* Appends "WHEN kv.v = ? THEN NULL " (the count's CASE arm that skips it while the version is
 * the kept one) to sql and its value to params; returns 1. */
static int kept_when(const struct kept_total *k, struct buf *sql, struct store_value *params)
{
    buf_puts(sql, "WHEN kv.v = ? THEN NULL ");
    params[0] = k->found ? SV_INT(k->version) : SV_NULL;
    return 1;
}

/* Appends ", the owner's row count" (owner_rows_item) to sql, skipped as kept_when does when it
 * is kept; returns the number of values added to params. */
static int kept_all_item(const struct kept_total *k, struct buf *sql, const struct list_query *q,
                         int64_t owner, struct store_value *params)
{
    if (!k->keep)
        return owner_rows_item(sql, ", ", q, owner, params);
    buf_puts(sql, ", CASE WHEN kv.v = ? THEN NULL ELSE ");
    params[0] = k->found && k->all >= 0 ? SV_INT(k->version) : SV_NULL;
    int n = 1 + owner_rows_item(sql, "", q, owner, params + 1);
    buf_puts(sql, " END");
    return n;
}

/* Reads the version the statement read (column vcol of res) against the kept one. */
static void kept_check(struct kept_total *k, const struct store_result *res, int vcol)
{
    k->hit = k->found && !store_isnull(res, 0, vcol) && store_int(res, 0, vcol) == k->version;
    k->hit_all = k->hit && k->all >= 0;
}

/* Keeps total and all (and the set ids[0..len)) at the version res read (column vcol), unless
 * what is kept was already all of it (want_all: the owner's rows were asked for). */
static void kept_put(const struct kept_total *k, int64_t owner, const struct store_result *res,
                     int vcol, bool want_all, int64_t total, int64_t all, const void *ids,
                     size_t len)
{
    if (k->keep && !store_isnull(res, 0, vcol) && !(k->hit && (k->hit_all || !want_all)))
        list_totals_put(owner, k->key, store_int(res, 0, vcol), total, all, ids, len);
}

/* The total of a search beside other filters the counters count (fulltext_beside_counted: fi),
 * when the engine reads a search as a set of ids: the set first (the search alone, list_total),
 * then the rows matching the other filters counted from their index, each id looked up in the
 * set, while those rows are at most LIST_SET_PER_ROW times the matches (the counters tell how
 * many they are); past that (a rare word beside a broad filter) the matches drive the count
 * as before. Fills p's ids, ids_drive, total and all (as list_total). Returns 1 when the
 * engine has no sets (nothing done), else 0 or ERR_*. */
static int fulltext_set_total(struct store_conn *c, struct list_plan *p, int fi, struct arena *a,
                              struct err *e)
{
    const struct table *t = p->t;
    const struct list_query *q = p->q;
    int64_t owner = p->owner;
    const char *prefix = p->prefix;
    char probe[256];
    if (!store_sql_fulltext_ids(c, t->name, false, probe, sizeof probe))
        return 1; /* no sets on this engine (PostgreSQL): nothing read */
    struct list_query words = *q;
    words.filters[0] = q->filters[fi];
    words.nfilters = 1;
    /* the search alone: its set of matches, and their number */
    struct list_plan alone = *p;
    alone.q = &words;
    alone.h = NULL;
    alone.want_all = false;
    alone.all = -1;
    int rc = list_total(c, &alone, NULL, NULL, a, e);
    if (rc)
        return rc;
    p->ids = alone.ids;
    int64_t matches = alone.total;
    if (matches == 0) { /* nothing matches the words: nothing matches them all */
        p->total = 0;
        p->all = -1;
        return 0;
    }
    struct store_value params[3 * LIST_MAX_FILTERS + 10];
    int n = 0;
    struct buf sql;
    buf_init(&sql);
    /* the total kept at the owner's version now (list_totals.h), as list_total's */
    struct kept_total k;
    kept_find(&k, true, owner, t, q, a, false);
    bool want_all = p->want_all && q->spec->counts;
    buf_puts(&sql, "SELECT CASE ");
    if (k.keep)
        n += kept_when(&k, &sql, params + n);
    /* the other filters' rows (from the counters) decide, and come back beside the total */
    buf_printf(&sql, "WHEN rows <= ? THEN (SELECT COUNT(*) FROM %s", p->from);
    int64_t bound = matches * LIST_SET_PER_ROW;
    params[n++] = SV_INT(bound);
    struct where_style ws = {"", NULL, NULL, 0, false, &p->ids};
    n += where_clause(c, t, owner, q, NULL, prefix, &ws, a, &sql, params + n);
    buf_printf(&sql, ") ELSE (SELECT COUNT(*) FROM %s", p->from);
    struct where_style drive = {"", NULL, NULL, 0, false, &p->ids, true};
    n += where_clause(c, t, owner, q, NULL, prefix, &drive, a, &sql, params + n);
    buf_puts(&sql, ") END, rows");
    if (want_all)
        n += kept_all_item(&k, &sql, q, owner, params + n);
    if (k.keep)
        buf_puts(&sql, ", kv.v");
    buf_puts(&sql, " FROM (SELECT ");
    n += counted_rows(&sql, q->spec->counts, q->filters, q->nfilters, fi, owner, params + n);
    buf_puts(&sql, " AS rows");
    if (k.keep) {
        buf_printf(&sql, ", (%s) AS v", q->spec->version);
        params[n++] = SV_INT(owner);
    }
    buf_puts(&sql, ") AS kv");
    struct store_result *res = NULL;
    rc = store_exec_custom(c, sql.data, params, n, &res, e);
    int vcol = want_all ? 3 : 2;
    if (rc == 0) {
        kept_check(&k, res, vcol);
        p->total = k.hit ? k.total : store_int(res, 0, 0);
        p->all = !want_all ? -1 : k.hit_all ? k.all : store_int(res, 0, 2);
        p->ids_drive = store_int(res, 0, 1) > bound; /* so the page too */
        /* kept only when the set was read at the same version (a statement of its own: a
         * write may have come between them outside a read transaction) */
        if (!store_isnull(res, 0, vcol) && store_int(res, 0, vcol) == alone.version)
            kept_put(&k, owner, res, vcol, want_all, p->total, p->all, NULL, 0);
    }
    store_result_free(res);
    buf_free(&sql);
    return rc;
}

/* p->total (the rows matching p->q) and p->all (the owner's rows; -1 when no counters tell it,
 * or when p->want_all is false and telling it would cost a read of its own). When page is not
 * NULL it is run in the same batch as the count (store_exec_batch: one round trip on
 * PostgreSQL) and *page_rows receives its result. When p->want_ids and q is a search the
 * engine can answer as a set of ids (store_sql_fulltext_ids), the matches are read as that
 * set, counted by its size, and p->ids receives it (a BLOB in a), for the page to ask instead
 * of walking the words' lists again; also beside filters the counters count
 * (fulltext_set_total), where p->ids_drive tells the page to list the set's ids when its
 * matches are few beside those filters' rows. Else p->ids is left as it is.
 * A total that reads the matches (a search, or filters the counters do not hold) is kept with
 * the owner's data version where the list spec has one (list_totals.h), with the set of a
 * search read as one: the statement reads the version and counts only when it moved. */
static int list_total(struct store_conn *c, struct list_plan *p, const struct store_stmt *page,
                      struct store_result **page_rows, struct arena *a, struct err *e)
{
    const struct table *t = p->t;
    const struct list_query *q = p->q;
    const struct list_hooks *h = p->h;
    int64_t owner = p->owner;
    const char *from = p->from, *prefix = p->prefix;
    int fi = p->want_ids && !page ? fulltext_beside_counted(owner, q, h) : -1;
    if (fi >= 0) {
        int rc = fulltext_set_total(c, p, fi, a, e);
        if (rc != 1)
            return rc;
        p->ids = SV_NULL; /* no sets on this engine: counted below */
    }
    struct store_value params[LIST_MAX_FILTERS + LIST_HOOK_PARAMS + 8];
    struct buf sql;
    buf_init(&sql);
    int n = 0;
    bool from_counts = counted(owner, q, h);
    bool want_all = p->want_all && owner && q->spec->counts;
    const char *day_column = NULL;
    char fts[256], fts_every[256];
    const char *fts_count = NULL, *every_count = NULL;
    bool as_ids = false;
    if (owner && !(h && h->where) && q->nfilters == 1 && q->filters[0].op == FILTER_FULLTEXT) {
        /* the same statements either way: a count of the matches or the set of them */
        as_ids = p->want_ids && store_sql_fulltext_ids(c, t->name, false, fts, sizeof fts);
        fts_count = as_ids ? fts : store_sql_fulltext_count(c, t->name, false, fts, sizeof fts);
        if (fts_count && q->spec->counts)
            every_count =
                as_ids ? store_sql_fulltext_ids(c, t->name, true, fts_every, sizeof fts_every)
                       : store_sql_fulltext_count(c, t->name, true, fts_every, sizeof fts_every);
    }
    if (!fts_count)
        day_column = date_counted(owner, q, h);
    /* a total from the counters, of a list that may keep its order (kept_order_key): the
     * version is read in the same statement, as a kept total's is */
    bool order_version = !fts_count && q->nfilters > 0 && (day_column ? want_all : from_counts) &&
                         p->want_ids && may_keep_order(owner, q, h);
    /* a total that reads the matches, kept at the owner's version now (list_totals.h):
     * counted only when none is kept or the version moved */
    struct kept_total k;
    kept_find(&k,
              owner && !(h && h->where) && q->nfilters > 0 &&
                  (fts_count || !(day_column || from_counts)),
              owner, t, q, a, as_ids);
    if (fts_count || !(day_column || from_counts)) {
        if (k.keep) {
            buf_puts(&sql, "SELECT CASE ");
            n += kept_when(&k, &sql, params + n);
            buf_puts(&sql, "ELSE (");
        } else {
            buf_puts(&sql, "SELECT (");
        }
        if (every_count) {
            /* the search alone, and the counters tell whether anyone else owns a row (a
             * counter row exists for each owner with a row): if not, every owner's matches are
             * the owner's, counted without the owner's list (a database of one user) */
            buf_printf(&sql,
                       "SELECT CASE WHEN EXISTS (SELECT 1 FROM %s WHERE user_id < ? OR user_id > "
                       "?) THEN (%s) ELSE (%s) END",
                       q->spec->counts->table, fts_count, every_count);
            params[n++] = SV_INT(owner);
            params[n++] = SV_INT(owner);
            params[n++] = SV_INT(owner);
            params[n++] = q->filters[0].value;
            params[n++] = q->filters[0].value;
        } else if (fts_count) { /* the search alone: the index counts the owner's matches */
            buf_puts(&sql, fts_count);
            params[n++] = SV_INT(owner);
            params[n++] = q->filters[0].value;
        } else {
            /* every match counted: a full-text filter found through its index */
            const struct where_style count_style = {"", NULL, NULL, 0, true};
            buf_printf(&sql, "SELECT COUNT(*) FROM %s", from);
            n += where_clause(c, t, owner, q, h, prefix, &count_style, a, &sql, params + n);
        }
        buf_puts(&sql, k.keep ? ") END" : ")");
        if (want_all)
            n += kept_all_item(&k, &sql, q, owner, params + n);
        if (k.keep) {
            buf_printf(&sql, ", kv.v FROM (SELECT (%s) AS v) AS kv", q->spec->version);
            params[n++] = SV_INT(owner);
        }
    } else if (day_column) {
        /* ranges of one date column: the days' counters (a row per day, not per match) */
        buf_printf(&sql, "SELECT COALESCE(SUM(n), 0)");
        if (want_all)
            n += owner_rows_item(&sql, ", ", q, owner, params + n);
        if (order_version)
            n += version_item(&sql, q, owner, params + n);
        buf_printf(&sql, " FROM %s WHERE user_id = ? AND kind = ?", q->spec->date_counts->table);
        params[n++] = SV_INT(owner);
        params[n++] = SV_TEXT(day_column);
        n += day_conditions(&sql, q, "day", params + n);
    } else if (q->spec->counts->values && q->nfilters <= 1) {
        /* one filter at most: its value's row and the owner's row of the per-value counters
         * (two lookups by key, not a sum over every combination) */
        const char *values = q->spec->counts->values;
        if (q->nfilters == 1) {
            buf_printf(&sql,
                       "SELECT COALESCE((SELECT n FROM %s WHERE user_id = ? AND kind = ? AND "
                       "value = ?), 0), ",
                       values);
            params[n++] = SV_INT(owner);
            params[n++] = SV_TEXT(q->filters[0].column);
            params[n++] = q->filters[0].value;
        } else {
            buf_puts(&sql, "SELECT all_rows, ");
        }
        buf_puts(&sql, "all_rows");
        if (order_version)
            n += version_item(&sql, q, owner, params + n);
        buf_printf(&sql,
                   " FROM (SELECT COALESCE((SELECT n FROM %s WHERE user_id = ? AND kind = '' AND "
                   "value = ''), 0) AS all_rows) AS owner_rows",
                   values);
        params[n++] = SV_INT(owner);
    } else {
        buf_puts(&sql, "SELECT COALESCE(SUM(CASE WHEN 1 = 1");
        for (int i = 0; i < q->nfilters; i++) {
            buf_printf(&sql, " AND %s = ?", q->filters[i].column);
            params[n++] = q->filters[i].value;
        }
        buf_puts(&sql, " THEN n END), 0), COALESCE(SUM(n), 0)");
        if (order_version)
            n += version_item(&sql, q, owner, params + n);
        buf_puts(&sql, " FROM ");
        buf_puts(&sql, q->spec->counts->table);
        buf_puts(&sql, " WHERE user_id = ?");
        params[n++] = SV_INT(owner);
    }
    /* a count over the rows is planned for the filters' values (how many rows they match
     * decides the plan); the counts tables' rows of the owner are a lookup by key, and so is a
     * search's count whose plan cannot depend on them (store_fulltext_count_fixed: its 0.14 ms
     * of planning on every PostgreSQL search, kept total or not, was a tenth of the request) */
    bool fixed_count =
        fts_count && !as_ids && !every_count && store_fulltext_count_fixed(c, t->name);
    struct store_stmt stmts[2] = {
        {sql.data, params, n, !fixed_count && (fts_count || !(from_counts || day_column))}};
    struct store_result *results[2] = {NULL, NULL};
    if (page)
        stmts[1] = *page;
    int rc = store_exec_batch(c, stmts, page ? 2 : 1, results, e);
    struct store_result *res = results[0];
    if (page)
        *page_rows = results[1];
    int vcol = want_all ? 2 : 1;
    if (rc == 0) {
        /* the version read now is the kept one: the total (and the set) kept are this
         * snapshot's */
        kept_check(&k, res, vcol);
        p->version = k.keep && !store_isnull(res, 0, vcol) ? store_int(res, 0, vcol) : -1;
        /* a total from the counters, the version read beside it (its last column) */
        int ocol = store_cols(res) - 1;
        if (order_version && !store_isnull(res, 0, ocol))
            p->version = store_int(res, 0, ocol);
        if (k.hit)
            p->total = k.total;
        else
            p->total = as_ids ? store_ids_count(res, 0, 0) : store_int(res, 0, 0);
        if (from_counts || (day_column && want_all))
            p->all = store_int(res, 0, 1);
        else if (day_column)
            p->all = 0;
        else if (want_all)
            p->all = k.hit_all ? k.all : store_int(res, 0, 1);
        else
            p->all = -1;
    }
    if (rc == 0 && as_ids && k.hit) {
        p->ids = SV_BLOB(k.ids, k.ids_len);
    } else if (rc == 0 && as_ids) {
        size_t len = store_length(res, 0, 0);
        char *copy = arena_alloc(a, len ? len : 1);
        memcpy(copy, store_text(res, 0, 0), len);
        p->ids = SV_BLOB(copy, len);
    }
    if (rc == 0)
        kept_put(&k, owner, res, vcol, want_all, p->total, p->all, as_ids ? p->ids.s : NULL,
                 as_ids ? p->ids.n : 0);
    store_result_free(res);
    buf_free(&sql);
    return rc;
}

/* The number of the filter of q that has an index with the sort column (a list_pair; an
 * equality before a range), or -1. */
static int paired_filter(const struct list_query *q)
{
    int found = -1;
    for (int i = 0; q->spec->pairs && i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        if (f->op == FILTER_FULLTEXT || f->op == FILTER_CONTAINS)
            continue;
        for (const struct list_pair *p = q->spec->pairs; p->filter; p++) {
            if (strcmp(p->filter, f->column) || strcmp(p->sort, q->sort))
                continue;
            bool range = f->op == FILTER_GE || f->op == FILTER_LE;
            if (found < 0 || (!range && (q->filters[found].op == FILTER_GE ||
                                         q->filters[found].op == FILTER_LE)))
                found = i;
        }
    }
    return found;
}

/* True when one of q's filters is a full-text search. */
static bool has_fulltext(const struct list_query *q)
{
    for (int i = 0; i < q->nfilters; i++)
        if (q->filters[i].op == FILTER_FULLTEXT)
            return true;
    return false;
}

/* True when the sort column's index holds every filter's column (list_spec.covers). */
static bool covered(const struct list_query *q)
{
    for (int i = 0; i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        bool found = false;
        if (f->op == FILTER_FULLTEXT || f->op == FILTER_CONTAINS)
            return false;
        for (const struct list_pair *p = q->spec->covers; p && p->filter && !found; p++)
            found = strcmp(p->filter, f->column) == 0 && strcmp(p->sort, q->sort) == 0;
        if (!found)
            return false;
    }
    return q->nfilters > 0;
}

/* True when no row with a NULL sort column can match: a filter (or the hook) excludes them. */
static bool sort_not_null(const struct list_query *q, const struct list_hooks *h)
{
    for (int i = 0; i < q->nfilters; i++) {
        const struct list_filter *f = &q->filters[i];
        if ((f->op == FILTER_EQ || f->op == FILTER_GE || f->op == FILTER_LE) &&
            strcmp(f->column, q->sort) == 0)
            return true;
    }
    return h && h->sort_not_null;
}

/* True when the page of q, whose filters are ranges with a pair index (owner, column, sort),
 * can be read walking the sort index from days_bound: the filters are all on one date column
 * the per-day counters count (date_counted), the sort column's index holds that column (so the
 * walk checks it in the index: covered) and no row's sort column is NULL. Dates follow
 * creation, so a walk towards older rows reaches the matches of "to a date" only after every
 * newer row; the bound starts it at the newest match. Measured on SQLite (100,000 jobs, 20,000
 * applications, `applied_to=` 60 days back, descending): 366 us walking from the newest row, 50
 * from the bound; 44 and 44 at a tenth of the data. */
static bool days_bounded(const struct table *t, int64_t owner, const struct list_query *q,
                         const struct list_hooks *h)
{
    const struct field *sort = table_field(t, q->sort);
    return date_counted(owner, q, h) && covered(q) &&
           ((sort && (sort->flags & (F_NOTNULL | F_REQUIRED))) || sort_not_null(q, h));
}

/* True when filling the first `rows` rows of a list by walking its sort index over the owner's
 * `all` rows, `total` of which match, reads at most per_match rows per match: the walk reads
 * about rows * all / total rows, against total (all > 0). */
static bool walk_within(int64_t total, int64_t all, int64_t rows, double per_match)
{
    return (double)total * (double)total * per_match >= (double)rows * (double)all;
}

/* True when the page is read in one query, rows and order together, rather than its ids first
 * (WHERE id IN (the page's ids)): on the first page (no row skipped) of a list sorted on a
 * column that is never NULL, with no filter (the sort index gives exactly the page's rows) or
 * with a full-text filter on an engine whose match reads each candidate's row anyway
 * (store_fulltext_reads_row): on a list with counters once the count is known (total and all
 * >= 0) and shows enough matches that walking the sort index fills the page soon (a rare word's
 * matches come from the full-text index, sorted behind a fence: the ids' query,
 * LIST_WALK_PER_MATCH). The ids' query reads only an
 * index where rows are skipped or other filters are checked; elsewhere it saves nothing and
 * costs a second pass of the planner over the table and its indexes (PostgreSQL plans each
 * page for its values: jobs has 22 indexes, and a first page planned 0.36 ms in two passes
 * against 0.18 in one). Called with total < 0 before the count: true when it cannot change the
 * answer. */
static bool page_in_one_query(const struct store_conn *c, const struct table *t,
                              const struct list_query *q, const struct list_hooks *h,
                              int64_t total, int64_t all)
{
    const struct field *sort = table_field(t, q->sort);
    if (q->offset != 0 || (h && h->where) || !sort || !(sort->flags & (F_NOTNULL | F_REQUIRED)))
        return false;
    for (int i = 0; i < q->nfilters; i++)
        if (q->filters[i].op != FILTER_FULLTEXT || !store_fulltext_reads_row(c))
            return false;
    if (q->nfilters == 0 || !q->spec->counts)
        return true; /* nothing for a count to decide */
    /* a search of a list with counters is read after its count: the count decides its plan (a
     * rare word's matches sorted behind a fence, LIST_WALK_PER_MATCH, where the planner would
     * read the whole sort index); one query when the matches are not rare */
    return total >= 0 && all > 0 && walk_within(total, all, q->limit, LIST_WALK_PER_MATCH);
}

/* True when q, a search alone of an owner's list that counted `total` of its `all` rows, takes
 * its page's ids from the full-text index's own rows (store_sql_fulltext_page, written into out:
 * the owner, the words, the LIMIT and the OFFSET to bind): where the engine's index keeps the sort
 * column and walking the sort index would read LIST_WALK_PER_SORTED rows or more per match. */
static bool fulltext_index_page(const struct store_conn *c, const struct table *t, int64_t owner,
                                const struct list_query *q, const struct list_hooks *h,
                                int64_t total, int64_t all, char *out, size_t n)
{
    if (!owner || (h && h->where) || q->nfilters != 1 || q->filters[0].op != FILTER_FULLTEXT ||
        all <= 0 || walk_within(total, all, q->limit + q->offset, LIST_WALK_PER_SORTED))
        return false;
    return store_sql_fulltext_page(c, t->name, q->sort, q->desc, out, n) != NULL;
}

/* Appends " LIMIT limit OFFSET offset" to sql: the values bound (returns 2, or 1 with no offset
 * asked: offset < 0), or written in the text when fixed (no OFFSET when it is 0; returns 0). */
static int page_bounds(struct buf *sql, int64_t limit, int64_t offset, bool fixed,
                       struct store_value *params)
{
    if (fixed) {
        buf_puts(sql, " LIMIT ");
        buf_put_int(sql, limit);
        if (offset > 0) {
            buf_puts(sql, " OFFSET ");
            buf_put_int(sql, offset);
        }
        return 0;
    }
    buf_puts(sql, " LIMIT ?");
    params[0] = SV_INT(limit);
    if (offset < 0)
        return 1;
    buf_puts(sql, " OFFSET ?");
    params[1] = SV_INT(offset);
    return 2;
}

/* True when q, without filters, is sorted by one of list_spec.exact_sorts (a nullable column
 * with an index (owner, column, id) on PostgreSQL). */
static bool exact_sort(const struct list_query *q)
{
    if (q->nfilters != 0)
        return false;
    for (const char *const *s = q->spec->exact_sorts; s && *s; s++)
        if (strcmp(*s, q->sort) == 0)
            return true;
    return false;
}

/* Appends the query of the page's ids in order: a nullable sort column is read in two parts,
 * not NULL then NULL, each in the order of an index on (owner, column), so NULLs come last in
 * both directions without sorting every row. One part when no NULL can match (sort_not_null),
 * or when the engine's own order already puts NULLs last in this direction (store_nulls_last:
 * descending on SQLite, ascending on PostgreSQL), which is the same order: the values, then the
 * NULLs by id in the sort's direction. One part reads a filter's matches once (a search's list
 * of matches is built once, not once per part). Returns the number of values added. */
static int page_ids(struct store_conn *c, const struct table *t, int64_t owner,
                    const struct list_query *q, const struct list_hooks *h, const char *from,
                    const char *prefix, const char *order_prefix, const struct where_style *ws,
                    struct arena *a, struct buf *sql, struct store_value *params)
{
    const char *dir = q->desc ? "DESC" : "ASC";
    const struct field *sort = table_field(t, q->sort);
    bool never_null = (sort && (sort->flags & (F_NOTNULL | F_REQUIRED))) || sort_not_null(q, h);
    bool one_part = never_null || store_nulls_last(c, q->desc);
    int n = 0;
    if (one_part && ws->sort_matches && !*store_sql_no_index(c)) {
        /* PostgreSQL: OFFSET 0 keeps the subquery whole (a fence), so the planner reads the
         * matches from the filter's index and sorts them instead of reading the sort index */
        buf_printf(sql, "SELECT id FROM (SELECT %sid AS id, %s%s AS k FROM %s", prefix, prefix,
                   q->sort, from);
        n += where_clause(c, t, owner, q, h, prefix, ws, a, sql, params + n);
        buf_printf(sql, " OFFSET 0) AS matches ORDER BY k %s, id %s", dir, dir);
        return n + page_bounds(sql, q->limit, q->offset, ws->fixed, params + n);
    }
    if (one_part) {
        buf_printf(sql, "SELECT %sid FROM %s", prefix, from);
        n += where_clause(c, t, owner, q, h, prefix, ws, a, sql, params + n);
        buf_printf(sql, " ORDER BY %s%s%s %s, %sid %s", order_prefix, prefix, q->sort, dir, prefix,
                   dir);
        return n + page_bounds(sql, q->limit, q->offset, ws->fixed, params + n);
    }
    assert(!ws->extra); /* the parts add their own condition */
    /* PostgreSQL: each part's matches read whole behind a fence and sorted, as above */
    bool fence = ws->sort_matches && !*store_sql_no_index(c);
    struct where_style part = {ws->filter_prefix, NULL,    ws->owner_prefix, ws->indexed,
                               fence,             ws->ids, ws->ids_drive};
    part.fixed = ws->fixed;
    buf_printf(sql,
               "SELECT id FROM (SELECT * FROM (%sSELECT 0 AS nul, %s%s AS k, %sid AS id FROM %s",
               fence ? "SELECT * FROM (" : "", prefix, q->sort, prefix, from);
    part.extra = arena_printf(a, "%s%s IS NOT NULL", prefix, q->sort);
    n += where_clause(c, t, owner, q, h, prefix, &part, a, sql, params + n);
    if (fence)
        buf_printf(sql, " OFFSET 0) AS matches1 ORDER BY k %s, id %s", dir, dir);
    else
        buf_printf(sql, " ORDER BY %s%s%s %s, %sid %s", order_prefix, prefix, q->sort, dir, prefix,
                   dir);
    n += page_bounds(sql, q->limit + q->offset, -1, ws->fixed, params + n);
    buf_puts(sql, ") AS part1 UNION ALL ");
    /* the column itself (NULL here) keeps k's type the same in both parts on PostgreSQL */
    buf_printf(sql, "SELECT * FROM (%sSELECT 1 AS nul, %s%s AS k, %sid AS id FROM %s",
               fence ? "SELECT * FROM (" : "", prefix, q->sort, prefix, from);
    part.extra = arena_printf(a, "%s%s IS NULL", prefix, q->sort);
    n += where_clause(c, t, owner, q, h, prefix, &part, a, sql, params + n);
    if (fence)
        buf_printf(sql, " OFFSET 0) AS matches2 ORDER BY id %s", dir);
    else if (!*store_sql_no_index(c) && ((q->nfilters > 0 && !has_fulltext(q)) || exact_sort(q)))
        /* PostgreSQL, beside filters: the column (NULL in every row here) named before the id,
         * so that an index (owner, filter, column, id) read backwards gives this part's order:
         * the planner does not take IS NULL for an equality and would otherwise read every
         * NULL's entry of the filter and sort them (status=applied&sort=-salary_max: 1,333
         * entries for 20). Without a filter, for list_spec.exact_sorts: their first page is
         * planned once for any owner (exact_first_page), and the primary key's walk that reads
         * about 20 rows for the only owner would read every other owner's newer rows for one
         * among many. Not beside a search, where the text's planning and its walk measured no
         * better (docs/performance.md, PostgreSQL's salary-order lists) */
        buf_printf(sql, " ORDER BY %s%s %s, %sid %s", prefix, q->sort, dir, prefix, dir);
    else
        buf_printf(sql, " ORDER BY %sid %s", prefix, dir);
    n += page_bounds(sql, q->limit + q->offset, -1, ws->fixed, params + n);
    buf_printf(sql, ") AS part2) AS parts ORDER BY nul, k %s, id %s", dir, dir);
    return n + page_bounds(sql, q->limit, q->offset, ws->fixed, params + n);
}

/* Appends the query of the ids of q's page (page_ids) to sql, its plan chosen from what the
 * count found out (p: the total, the owner's rows, a search's set of ids) and the filter paired
 * with the sort (pair: paired_filter); returns the number of values added. q is p->q, or the
 * whole list of matches in order (kept_order_build). */
static int page_ids_query(struct store_conn *c, const struct list_plan *p,
                          const struct list_query *q, int pair, bool fixed, struct arena *a,
                          struct buf *sql, struct store_value *params)
{
    const struct table *t = p->t;
    const struct list_hooks *hooks = p->h;
    int64_t owner = p->owner;
    const struct list_plan plan = *p;
    /* With filters and a known row count: when a large share of the rows match, reading
     * the sort index until the page is full costs about (limit + offset) * all / total
     * rows, so the filters are kept from their indexes; when few match, sorting them
     * costs about total, so the order is kept from its index. */
    const char *no_index = store_sql_no_index(c);
    struct where_style ws = {"", NULL};
    ws.ids_drive = plan.ids_drive; /* wherever ws.ids is set below */
    ws.fixed = fixed;
    const char *order_prefix = "";
    int64_t page = q->limit + q->offset;
    bool many = plan.all > 0 && walk_within(plan.total, plan.all, page, 1);
    if (pair >= 0 && q->filters[pair].op != FILTER_GE && q->filters[pair].op != FILTER_LE) {
        /* an equality with its (owner, column, sort) index: the matches in sort order (a
         * search's words asked of its set of ids, when it was read as one) */
        ws.filter_prefix = no_index;
        ws.indexed = pair + 1;
        ws.ids = plan.ids.type == STORE_BLOB ? &plan.ids : NULL;
    } else if (pair >= 0) {
        /* a range with its (owner, column, sort) index. Dates follow creation, so the
         * matches of "from a date" come first in descending order (and those of "to a
         * date" in ascending order): when they are many, reading the sort index fills the
         * page soon. Otherwise (they come last, or a window) the matches' index entries
         * are sorted: a cost bounded by their number, not by the rows read before them. */
        bool ge = false, le = false;
        for (int i = 0; i < q->nfilters; i++) {
            if (strcmp(q->filters[i].column, q->filters[pair].column) == 0) {
                ge |= q->filters[i].op == FILTER_GE;
                le |= q->filters[i].op == FILTER_LE;
            }
        }
        ws.filter_prefix = no_index;
        /* or, when the sort's index holds the filters' columns and many rows match, the
         * sort index is read until the page is full wherever the matches lie: at most the
         * owner's index entries, each checked in the index (list_spec.covers) */
        bool scan = covered(q) && plan.all > 0 &&
                    (double)plan.total * LIST_SCAN_PER_SORT >= (double)plan.all;
        /* or, where the engine takes hints and the matches lie at the walk's far end (a
         * range "to" a date in descending order, "from" one in ascending order, or both),
         * the sort index is walked from a bound that skips the rows before the first
         * match: a cost bounded by the days in the ranges (days_bounded) */
        ws.days_bound = *no_index && (q->desc ? le : ge) && days_bounded(t, owner, q, hooks);
        if (!ws.days_bound && !scan && (!many || ge == le || ge != q->desc)) {
            order_prefix = no_index;
            ws.indexed = pair + 1;
            ws.sort_matches = true;
        }
    } else if (q->nfilters > 0 && plan.all > 0) {
        if (plan.ids.type == STORE_BLOB && q->nfilters == 1 &&
            walk_within(plan.total, plan.all, page, LIST_WALK_PER_ID)) {
            /* the search's matches already read as a set: the sort index is walked and
             * each entry's id looked up in the set, the words' lists not read again */
            ws.ids = &plan.ids;
        } else if (many) {
            ws.filter_prefix = no_index;
            ws.ids = plan.ids.type == STORE_BLOB ? &plan.ids : NULL; /* the walk asks the set */
        } else {
            order_prefix = no_index;
            /* few rows match: a full-text match is the shortest way to them (SQLite would
             * rather walk all of the owner's rows in an (owner, ...) index), or beside
             * filters the counters count, those filters' rows with each id asked of the
             * search's set (fulltext_set_total kept it: they are not many) */
            if (plan.ids.type == STORE_BLOB && q->nfilters > 1)
                ws.ids = &plan.ids;
            else if (has_fulltext(q))
                ws.owner_prefix = no_index;
        }
    }
    /* PostgreSQL takes no hint and costs a search as if 1 row in 200 matched: for a rare
     * word it reads the sort index (or a filter's index paired with the sort) to the end,
     * checking the words in each row (5 matches of 100,000 jobs: 0.8 s). When the rows
     * read to fill the page would be LIST_WALK_PER_MATCH times the matches or more (the
     * owner's rows bound those of a filter), the matches come from the full-text index
     * and are sorted behind a fence (0.5 ms). */
    if (!*no_index && has_fulltext(q) && plan.all > 0 &&
        !walk_within(plan.total, plan.all, page, LIST_WALK_PER_MATCH))
        ws.sort_matches = true;
    return page_ids(c, t, owner, q, hooks, p->from, p->prefix, order_prefix, &ws, a, sql, params);
}

/* Whether owner's list q with hooks h may keep its order (kept_order_key): sorted by one of
 * list_spec.kept_sorts, no hooks but an alias and extra columns without values (the page's
 * head is the list's own SELECT). */
static bool may_keep_order(int64_t owner, const struct list_query *q, const struct list_hooks *h)
{
    bool sorted = false;
    for (const char *const *s = q->spec->kept_sorts; s && *s && !sorted; s++)
        sorted = strcmp(*s, q->sort) == 0;
    return sorted && owner && q->spec->version &&
           !(h && (h->nextra || h->where || h->order || h->total || h->page || h->members ||
                   h->row));
}

/* A list's kept order (list_totals.h): the key of its total then its sort, when the list keeps
 * one: an owner's list without hooks, its total kept at the data version the count read
 * (p->version), sorted by one of list_spec.kept_sorts (every write of the column moves the
 * version), its matches at most 1 in LIST_ORDER_SHARE of the owner's rows and at most
 * LIST_ORDER_MAX. */
static bool kept_order_key(const struct list_plan *p, char key[LIST_TOTALS_KEY])
{
    const struct list_query *q = p->q;
    int64_t share = q->spec->order_share ? q->spec->order_share : LIST_ORDER_SHARE;
    if (!may_keep_order(p->owner, q, p->h) || p->version < 0 || p->all <= 0 || p->total <= 0 ||
        p->total > LIST_ORDER_MAX || p->total * share > p->all || !totals_key(p->t, q, key))
        return false;
    size_t len = strlen(key);
    int n = snprintf(key + len, LIST_TOTALS_KEY - len, "\nsort %s %c", q->sort, q->desc ? 'd' : 'a');
    return n > 0 && (size_t)n < LIST_TOTALS_KEY - len;
}

/* True when p->q is a search alone sorted by a nullable column on an engine whose only way to
 * the matches from the table is the walk of the sort index (store_fulltext_count_fixed:
 * PostgreSQL). With more matches than a kept order takes (kept_order_key) its page is two
 * walks of the sort index (the values, then the NULLs) planned for the words on every request
 * (q=kubernetes&sort=-salary_max at 100,000 jobs: parse 0.3, planning 0.7-1.1 and execution
 * 2-3 ms, 247 + 597 rows read with the words checked in each), so the page itself is kept: its
 * ids under the order's key plus its offset and limit (kept_page_key), read by primary key
 * while the data version is the same. Reading every match in order to keep the whole order
 * cost 55-60 ms of CPU after each write (docs/performance.md, PostgreSQL's search in salary
 * order). */
static bool kept_dense(const struct store_conn *c, const struct list_plan *p)
{
    const struct list_query *q = p->q;
    const struct field *sort = table_field(p->t, q->sort);
    return q->nfilters == 1 && q->filters[0].op == FILTER_FULLTEXT && sort &&
           !(sort->flags & (F_NOTNULL | F_REQUIRED)) && store_fulltext_count_fixed(c, p->t->name);
}

/* A kept page's key (kept_dense): the key of the list's total, its sort, the page's offset and
 * limit; false when the list keeps none (the conditions of kept_order_key but the share). */
static bool kept_page_key(const struct store_conn *c, const struct list_plan *p,
                          char key[LIST_TOTALS_KEY])
{
    const struct list_query *q = p->q;
    if (!may_keep_order(p->owner, q, p->h) || p->version < 0 || p->total <= q->offset ||
        !kept_dense(c, p) || !totals_key(p->t, q, key))
        return false;
    size_t len = strlen(key);
    int n = snprintf(key + len, LIST_TOTALS_KEY - len, "\nsort %s %c\npage %lld %lld", q->sort,
                     q->desc ? 'd' : 'a', (long long)q->offset, (long long)q->limit);
    return n > 0 && (size_t)n < LIST_TOTALS_KEY - len;
}

/* Keeps the ids of a page read as before (res, its rows in order) under key (kept_page_key)
 * when the data version read now is still the count's (p->version: no write came between the
 * count and this read, so the page is that version's) and the page is whole. Returns 0 or
 * ERR_*. */
static int kept_page_put(struct store_conn *c, const struct list_plan *p, const char *key,
                         const struct store_result *res, struct arena *a, struct err *e)
{
    const struct list_query *q = p->q;
    size_t rows = store_rows(res);
    int col = store_colindex(res, "id");
    int64_t want = q->limit < p->total - q->offset ? q->limit : p->total - q->offset;
    if (col < 0 || rows != (size_t)want)
        return 0;
    uint32_t *ids = arena_alloc(a, rows * sizeof *ids);
    for (size_t i = 0; i < rows; i++) {
        int64_t id = store_int(res, i, col);
        if (id <= 0 || id > UINT32_MAX)
            return 0;
        ids[i] = (uint32_t)id;
    }
    const struct store_value owner = SV_INT(p->owner);
    struct store_result *v = NULL;
    int rc = store_exec(c, q->spec->version, &owner, 1, &v, e);
    if (rc == 0 && store_rows(v) == 1 && !store_isnull(v, 0, 0) && store_int(v, 0, 0) == p->version)
        list_totals_put(p->owner, key, p->version, p->total, -1, ids, rows * sizeof *ids);
    store_result_free(v);
    return rc;
}

/* Reads the list's ids in order (the page query of p->q over all of its matches, p->total
 * of them), and the data version after them; keeps them under key when that version is the
 * one the count read (p->version: nothing moved it before the ids were read, so they are that
 * version's), and copies ids [from, from + len) into slice. Returns 0, 1 when they are not kept
 * (the version moved, or an id does not fit in 4 bytes), or ERR_*. */
static int kept_order_build(struct store_conn *c, const struct list_plan *p, int pair,
                            const char *key, size_t from, size_t len, uint32_t *slice,
                            struct arena *a, struct err *e)
{
    const struct list_query *q = p->q;
    struct list_query whole = *q;
    whole.limit = p->total;
    whole.offset = 0;
    struct list_plan wp = *p;
    wp.q = &whole;
    struct store_value params[3 * (LIST_MAX_FILTERS + LIST_HOOK_PARAMS) + 8];
    struct buf sql;
    buf_init(&sql);
    int n = 0;
    char sorted[320];
    if (fulltext_index_page(c, p->t, p->owner, &whole, NULL, p->total, p->all, sorted,
                            sizeof sorted)) {
        buf_puts(&sql, sorted);
        params[n++] = SV_INT(p->owner);
        params[n++] = q->filters[0].value;
        params[n++] = SV_INT(whole.limit);
        params[n++] = SV_INT(0);
    } else {
        n = page_ids_query(c, &wp, &whole, pair, false, a, &sql, params);
    }
    const struct store_value owner = SV_INT(p->owner);
    const struct store_stmt stmts[2] = {{sql.data, params, n, true},
                                        {q->spec->version, &owner, 1, false}};
    struct store_result *res[2] = {NULL, NULL};
    int rc = store_exec_batch(c, stmts, 2, res, e);
    size_t rows = rc == 0 ? store_rows(res[0]) : 0;
    if (rc == 0 && (rows != (size_t)p->total || store_rows(res[1]) != 1 ||
                    store_int(res[1], 0, 0) != p->version))
        rc = 1; /* the version moved since the count: not this version's order */
    uint32_t *ids = rc == 0 ? arena_alloc(a, rows * sizeof *ids) : NULL;
    for (size_t i = 0; rc == 0 && i < rows; i++) {
        int64_t id = store_int(res[0], i, 0);
        if (id <= 0 || id > UINT32_MAX)
            rc = 1;
        else
            ids[i] = (uint32_t)id;
    }
    if (rc == 0) {
        list_totals_put(p->owner, key, p->version, p->total, -1, ids, rows * sizeof *ids);
        memcpy(slice, ids + from, len * sizeof *ids);
    }
    store_result_free(res[0]);
    store_result_free(res[1]);
    buf_free(&sql);
    return rc;
}

/* The page of p->q from its kept order (kept_order_key): the slice of its ids, kept or read now
 * (kept_order_build), or its kept page (kept_page_key), then those rows by primary key in the
 * list's order (head: the SELECT list and FROM of the page; order: the ORDER BY terms before the
 * id), read only while the data version is still the count's (p->version) in the page's own
 * statement. Returns 0 with *res the page's rows, 1 when the list keeps no order or the version
 * moved (the page is read as before; page_key then holds the key to keep the page under, or is
 * empty), or ERR_*. */
static int kept_order_page(struct store_conn *c, const struct list_plan *p, int pair,
                           const char *head, const char *order, struct arena *a,
                           struct store_result **res, char page_key[LIST_TOTALS_KEY],
                           struct err *e)
{
    const struct list_query *q = p->q;
    char key[LIST_TOTALS_KEY];
    page_key[0] = '\0';
    bool whole = kept_order_key(p, key);
    if (!whole && !kept_page_key(c, p, key))
        return 1;
    size_t from = (size_t)q->offset;
    size_t len = (size_t)(q->limit < p->total - q->offset ? q->limit : p->total - q->offset);
    uint32_t *slice = arena_alloc(a, len * sizeof *slice);
    if (!whole && !list_totals_slice(p->owner, key, p->version, 0, len * sizeof *slice, slice)) {
        memcpy(page_key, key, LIST_TOTALS_KEY);
        return 1; /* read as before, then kept (kept_page_put) */
    }
    if (whole && !list_totals_slice(p->owner, key, p->version, from * sizeof *slice,
                                    len * sizeof *slice, slice)) {
        int rc = kept_order_build(c, p, pair, key, from, len, slice, a, e);
        if (rc)
            return rc;
    }
    struct store_value *params = arena_alloc(a, (len + 3) * sizeof *params);
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "%s WHERE %sid IN (", head, p->prefix);
    int n = 0;
    for (size_t i = 0; i < len; i++) {
        buf_puts(&sql, i ? ", ?" : "?");
        params[n++] = SV_INT(slice[i]);
    }
    /* the owner's column kept from its indexes (SQLite would walk the sort's (owner, column)
     * index rather than look the ids up) */
    buf_printf(&sql, ") AND %s%suser_id = ? AND (%s) = ? ORDER BY %s, %sid %s",
               store_sql_no_index(c), p->prefix, q->spec->version, order, p->prefix,
               q->desc ? "DESC" : "ASC");
    params[n++] = SV_INT(p->owner);
    params[n++] = SV_INT(p->owner);
    params[n++] = SV_INT(p->version);
    int rc = store_exec(c, sql.data, params, n, res, e);
    if (rc == 0 && store_rows(*res) != len) {
        /* a write moved the version since the count: the page as before */
        store_result_free(*res);
        *res = NULL;
        rc = 1;
    }
    buf_free(&sql);
    return rc;
}

/* Appends the rest of a page read in one query (page_in_one_query, or a hook's own order) to
 * sql, which holds its SELECT list and FROM: the conditions, the order and the page's bounds.
 * Returns the number of values added. */
static int one_query_tail(struct store_conn *c, const struct table *t, int64_t owner,
                          const struct list_query *q, const struct list_hooks *h,
                          const char *prefix, const char *order, bool fixed, struct arena *a,
                          struct buf *sql, struct store_value *params)
{
    int n = where_clause(c, t, owner, q, h, prefix, NULL, a, sql, params);
    buf_puts(sql, " ORDER BY "); /* appends, not buf_printf: every page of a list runs this */
    buf_puts(sql, order);
    buf_puts(sql, ", ");
    buf_puts(sql, prefix);
    buf_puts(sql, q->desc ? "id DESC" : "id ASC");
    if (fixed) { /* fixed_page */
        buf_puts(sql, " LIMIT ");
        buf_put_int(sql, q->limit);
        return n;
    }
    buf_puts(sql, " LIMIT ? OFFSET ?");
    params[n++] = SV_INT(q->limit);
    params[n++] = SV_INT(q->offset);
    return n;
}

/* The first page of a list with no filter, read in one query in the order of a column that is
 * never NULL (page_in_one_query) and no order of a hook's own: its LIMIT is written in the text
 * and the statement is not planned for its values (store_exec_custom), so PostgreSQL may keep
 * a generic plan, which is then the custom one (LIMIT known, nothing else to estimate but the
 * owner's rows): planning it was 0.17 of the statement's 0.22 ms (the plan is the same; one
 * statement per page size and sort per connection, of the statement cache's CACHE_MAX). */
static bool fixed_page(const struct list_query *q, const struct list_hooks *h)
{
    return q->offset == 0 && q->nfilters == 0 && !(h && (h->where || h->order));
}

/* True when the first page of q, read through its ids' query, is the same plan whatever the
 * values bound (so it is not planned for them: its LIMIT is written in the text, and PostgreSQL
 * keeps a generic plan after five runs, as for fixed_page): no filter, sorted by one of
 * list_spec.exact_sorts (exact_sort), or one equality filter with an index (owner, column, sort
 * column, id) that gives both the matches and their order (list_spec.pairs and exact_pairs), on
 * an engine that plans a statement for its values only when asked (PostgreSQL; SQLite's
 * statements are prepared once whatever they say, and keep their texts). Each part of a nullable
 * sort then reads its rows from that index (page_ids: the NULLs' part names the column in its
 * order), so the generic plan is right for an owner of any size. Planning the page of
 * status=applied&sort=-salary_max was 0.8-0.9 ms of its request at 100,000 jobs, its generic
 * plan 0.04 ms (docs/performance.md, PostgreSQL's salary-order lists); planning the page of
 * /applications?sort=-applied_date 0.5-1.9 ms against 0.24-0.34 ms of execution (PostgreSQL's
 * date-sorted application pages). */
static bool exact_first_page(const struct store_conn *c, const struct list_query *q,
                             const struct list_hooks *h)
{
    if (*store_sql_no_index(c) || q->offset != 0 || q->nfilters > 1 ||
        (h && (h->nextra || h->where || h->order || h->total)))
        return false;
    if (q->nfilters == 0)
        return exact_sort(q);
    if (q->filters[0].op != FILTER_EQ && q->filters[0].op != FILTER_IEQ)
        return false;
    const struct list_pair *lists[2] = {q->spec->pairs, q->spec->exact_pairs};
    for (int i = 0; i < 2; i++)
        for (const struct list_pair *p = lists[i]; p && p->filter; p++)
            if (strcmp(p->filter, q->filters[0].column) == 0 && strcmp(p->sort, q->sort) == 0)
                return true;
    return false;
}

int table_list(struct store_conn *c, const struct table *t, int64_t owner,
               const struct list_query *q, const struct list_hooks *hooks, struct arena *a,
               struct buf *items, int64_t *total, struct err *e)
{
    return table_list_at(c, t, owner, q, hooks, a, items, total, NULL, e);
}

/* The (id, row_version) pairs of the page res for at (table_list_at): room for each row, or
 * NULL when t has no row_version. */
static int64_t *page_pairs(const struct table *t, const struct store_result *res, struct arena *a,
                           int cols[2])
{
    cols[0] = store_colindex(res, "id");
    cols[1] = store_colindex(res, VERSION);
    if (!versioned(t) || cols[0] < 0 || cols[1] < 0)
        return NULL;
    return arena_alloc(a, (2 * store_rows(res) + 1) * sizeof(int64_t));
}

/* Keeps row i of res as the next pair; false (nothing kept) when either value is NULL. */
static bool page_pair(const struct store_result *res, size_t i, const int cols[2], int64_t *pairs,
                      size_t n)
{
    if (store_isnull(res, i, cols[0]) || store_isnull(res, i, cols[1]))
        return false;
    pairs[2 * n] = store_int(res, i, cols[0]);
    pairs[2 * n + 1] = store_int(res, i, cols[1]);
    return true;
}

int table_list_at(struct store_conn *c, const struct table *t, int64_t owner,
                  const struct list_query *q, const struct list_hooks *hooks, struct arena *a,
                  struct buf *items, int64_t *total, struct list_at *at, struct err *e)
{
    assert(t->name && q->sort && q->limit >= 1);
    assert(!hooks || hooks->nextra <= LIST_HOOK_PARAMS);
    const char *alias = hooks && hooks->alias ? hooks->alias : NULL;
    const char *prefix = alias ? arena_printf(a, "%s.", alias) : "";
    const char *from = alias ? arena_printf(a, "%s %s", t->name, alias) : t->name;
    /* the owner's row count steers the plan below (the share of rows that match) where the
     * engine takes hints (SQLite's no-index prefix) or a range has its pair index; elsewhere
     * (PostgreSQL's search and other filters) the count's extra read of the counters is saved
     * (the counters of a user with 100,000 jobs: 884 pages after seeding, 0.6 ms), and so on
     * SQLite where an equality with its pair index decides the plan alone and no search needs
     * the count (`company=`: the sum of 1,133 counter rows, 71 us at 100,000 jobs, was most of
     * its count) */
    int pair = paired_filter(q);
    bool pair_range =
        pair >= 0 && (q->filters[pair].op == FILTER_GE || q->filters[pair].op == FILTER_LE);
    bool want_all = !(hooks && hooks->order) &&
                    ((*store_sql_no_index(c) && (pair < 0 || pair_range)) || has_fulltext(q) ||
                     pair_range);
    struct store_value params[3 * (LIST_MAX_FILTERS + LIST_HOOK_PARAMS) + 8];
    struct buf sql;
    buf_init(&sql);
    buf_grow(&sql, 2048); /* the column list alone is 700 bytes for jobs: one block, not five */
    int n = 0;
    buf_puts(&sql, "SELECT "); /* written in place: buf_printf of this text was 1% of a list */
    columns_into(&sql, t, alias ? prefix : NULL);
    if (hooks && hooks->extra_columns) {
        buf_printf(&sql, ", %s", hooks->extra_columns);
        for (int i = 0; i < hooks->nextra; i++)
            params[n++] = hooks->extra_params[i];
    }
    buf_puts(&sql, " FROM ");
    buf_puts(&sql, from);
    const char *order =
        hooks && hooks->order ? hooks->order(hooks->ctx, q, a) : default_order(t, q, prefix, a);
    const char *dir = q->desc ? "DESC" : "ASC";
    /* an order of the hook's own, or a page read in one query (page_in_one_query) whatever the
     * count: its text does not depend on the count, so both go in one batch (one round trip on
     * PostgreSQL) */
    bool one_query = (hooks && hooks->order) || page_in_one_query(c, t, q, hooks, -1, -1);
    bool fixed = one_query && fixed_page(q, hooks);
    if (one_query)
        n += one_query_tail(c, t, owner, q, hooks, prefix, order, fixed, a, &sql, params + n);
    /* planned for the values: a generic plan knows neither the LIMIT nor how many rows the
     * filters match (for the first page of 100k jobs it scans them all: 214 ms, not 0.2);
     * but for a fixed_page */
    struct store_stmt page_stmt = {sql.data, params, n, !fixed};
    struct store_result *res = NULL;
    bool batched = one_query && !(hooks && hooks->total);
    /* the count, and what it tells the page (a search read as a set of ids, when the engine
     * can and the page is read after the count: list_total) */
    struct list_plan plan = {.t = t,
                             .owner = owner,
                             .q = q,
                             .h = hooks,
                             .from = from,
                             .prefix = prefix,
                             .want_all = want_all,
                             .want_ids = !one_query,
                             .all = -1,
                             .ids = SV_NULL,
                             .version = -1};
    int rc = hooks && hooks->total ? hooks->total(hooks->ctx, c, owner, &plan.total, e)
                                   : list_total(c, &plan, batched ? &page_stmt : NULL, &res, a, e);
    if (rc == 0)
        *total = plan.total;
    if (at)
        *at = (struct list_at){rc == 0 ? plan.version : -1, NULL, 0};
    /* nothing on this page: no need to look (a batched page's rows, read in a statement of its
     * own, are left unread as they would have been) */
    bool look = rc == 0 && plan.total > q->offset;
    /* a sparse search whose order is kept beside its total: the page is a slice of it; or a
     * dense one's kept page (kept_page_key), else its key to keep the page read below under */
    bool kept = false;
    char page_key[LIST_TOTALS_KEY] = "";
    if (look && !one_query) {
        rc = kept_order_page(c, &plan, pair, sql.data, order, a, &res, page_key, e);
        kept = rc == 0;
        if (rc == 1)
            rc = 0;
        look = rc == 0;
    }
    char sorted[320];
    bool index_page = look && !one_query && !kept &&
                      fulltext_index_page(c, t, owner, q, hooks, plan.total, plan.all, sorted,
                                          sizeof sorted);
    if (index_page) {
        /* the page's ids from the full-text index's own rows, then those rows of the table */
        buf_printf(&sql, " WHERE %sid IN (%s) ORDER BY %s, %sid %s", prefix, sorted, order, prefix,
                   dir);
        params[n++] = SV_INT(owner);
        params[n++] = q->filters[0].value;
        params[n++] = SV_INT(q->limit);
        params[n++] = SV_INT(q->offset);
    }
    bool after_count = look && !one_query && !index_page && !kept &&
                       page_in_one_query(c, t, q, hooks, plan.total, plan.all);
    /* a search's first page read in one query once its count showed many matches: on an engine
     * whose only way to the matches from the table is the walk of the sort index (the words'
     * index in a side table: store_fulltext_count_fixed), one plan whatever the words, so it is
     * planned once per connection (as fixed_page): parse and planning were 0.6-0.8 ms of
     * `q=kubernetes` on PostgreSQL at 100,000 jobs */
    bool after_fixed =
        after_count && q->offset == 0 && !hooks && store_fulltext_count_fixed(c, t->name);
    if (after_count)
        n += one_query_tail(c, t, owner, q, hooks, prefix, order, after_fixed, a, &sql,
                            params + n);
    bool exact =
        look && !one_query && !after_count && !index_page && !kept && exact_first_page(c, q, hooks);
    if (look && !one_query && !after_count && !index_page && !kept) {
        buf_printf(&sql, " WHERE %sid IN (", prefix);
        n += page_ids_query(c, &plan, q, pair, exact, a, &sql, params + n);
        buf_printf(&sql, ") ORDER BY %s, %sid %s", order, prefix, dir);
    }
    if (look && !batched && !kept)
        rc = fixed || exact || after_fixed ? store_exec(c, sql.data, params, n, &res, e)
                            : store_exec_custom(c, sql.data, params, n, &res, e);
    if (look && rc == 0 && !kept && page_key[0])
        rc = kept_page_put(c, &plan, page_key, res, a, e);
    buf_free(&sql);
    if (look && rc == 0 && hooks && hooks->page)
        rc = hooks->page(hooks->ctx, c, res, a, e);
    if (rc || !look) {
        store_result_free(res);
        if (rc == 0)
            buf_puts(items, "[]"); /* nothing on this page */
        if (rc == 0 && at && versioned(t))
            at->pairs = arena_alloc(a, sizeof *at->pairs); /* none */
        return rc;
    }
    /* the rows as text (table_row_text), their columns' fields looked up once */
    struct table_layout layout;
    table_text_layout(t, res, a, &layout);
    size_t written = 0;
    int cols[2] = {-1, -1};
    int64_t *pairs = at ? page_pairs(t, res, a, cols) : NULL;
    buf_putc(items, '[');
    for (size_t i = 0; i < store_rows(res); i++) {
        json_t *obj = hooks && hooks->row ? hooks->row(hooks->ctx, res, i) : NULL;
        if (hooks && hooks->row && obj == NULL)
            continue; /* as json_array_append_new(array, NULL): no item */
        if (pairs && !page_pair(res, i, cols, pairs, written))
            pairs = NULL;
        buf_puts(items, written++ ? "," : "");
        if (obj) {
            json_write_compact(items, obj, 15);
            json_decref(obj);
            continue;
        }
        buf_putc(items, '{');
        row_members(layout.fields, layout.keys, res, i, items);
        if (hooks && hooks->members)
            hooks->members(hooks->ctx, res, i, items);
        buf_putc(items, '}');
    }
    buf_putc(items, ']');
    store_result_free(res);
    if (at) {
        at->pairs = pairs;
        at->rows = pairs ? written : 0;
    }
    return 0;
}

int table_list_params(struct store_conn *c, const struct table *t, const struct list_spec *spec,
                      int64_t owner, const struct list_params *p, const struct list_hooks *hooks,
                      struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    return table_list_params_at(c, t, spec, owner, p, hooks, a, items, total, NULL, e);
}

int table_list_params_at(struct store_conn *c, const struct table *t,
                         const struct list_spec *spec, int64_t owner, const struct list_params *p,
                         const struct list_hooks *hooks, struct arena *a, struct buf *items,
                         int64_t *total, struct list_at *at, struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, t, spec, p, a, &q, e);
    return rc ? rc : table_list_at(c, t, owner, &q, hooks, a, items, total, at, e);
}
