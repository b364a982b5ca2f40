/*
 * This file implements the table descriptor code of table.h that reads a request: a row's
 * fields and values (table_field, values_*) and the validation of a JSON request body against
 * the field tables (table_parse). The rest of the module, each file one idea: the rows written
 * as JSON (table_json.c), the SQL of one row and its version (table_sql.c), and the lists
 * (table_list.c, with table_list_count.c, table_list_page.c and table_list_kept.c);
 * table_internal.h declares what those files share.
 */
#include "table.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "../core/utf8.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"

/* ================================================================ fields and values */

const struct field *table_field(const struct table *r, const char *name)
{
    for (const struct field *f = r->fields; f->name; f++)
        if (f->name[0] == name[0] && strcmp(f->name, name) == 0) /* as values_get */
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

/* Sets (adds or replaces) field f's value in v; a replaced value's request JSON is forgotten. */
static struct field_value *values_put(struct values *v, const struct field *f,
                                      struct store_value value)
{
    struct field_value *fv = values_get(v, f->name);
    if (fv == NULL)
        return values_append(v, f, value);
    fv->value = value;
    fv->json = NULL;
    return fv;
}

void values_set(struct values *v, const struct table *r, const char *name, struct store_value value)
{
    const struct field *f = table_field(r, name);
    if (f == NULL)
        abort();
    values_put(v, f, value);
}

bool field_null_when_absent(const struct field *f)
{
    return (f->flags & F_WRITE) && !(f->flags & (F_NOTNULL | F_REQUIRED));
}

/* PUT's rule: every writable, nullable field of r that v lacks set to NULL. */
static void null_absent(struct values *v, const struct table *r)
{
    for (const struct field *f = r->fields; f->name; f++)
        if (field_null_when_absent(f) && values_get(v, f->name) == NULL)
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

/* The characters of the len bytes at s: the bytes that do not continue a character (10xxxxxx),
 * counted eight at a time (the import's descriptions are most of what it validates). */
static size_t utf8_length(const char *s, size_t len)
{
    const uint64_t highs = UINT64_C(0x8080808080808080), ones = UINT64_C(0x0101010101010101);
    size_t n = len, i = 0;
    for (; len - i >= sizeof(uint64_t); i += sizeof(uint64_t)) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        /* a byte's bit 7 set and bit 6 clear, moved to bit 0 of each byte, then summed */
        uint64_t continues = ((w & ~(w << 1) & highs) >> 7);
        n -= (size_t)((continues * ones) >> 56);
    }
    for (; i < len; i++)
        n -= ((unsigned char)s[i] & 0xC0) == 0x80;
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

/* Whether s is one of f's allowed values (f->values set). */
static bool allowed_value(const struct field *f, const char *s)
{
    for (const char *const *v = f->values; *v; v++)
        if (strcmp(*v, s) == 0)
            return true;
    return false;
}

/* Lists f's allowed values in e->allowed (the error's "allowed" member). */
static void allowed_list(const struct field *f, struct err *e)
{
    for (const char *const *v = f->values; *v && e && e->nallowed < 16; v++)
        e->allowed[e->nallowed++] = *v;
}

static int check_text(const struct field *f, const char *s, struct arena *a,
                      struct store_value *out, struct err *e)
{
    size_t bytes = strlen(s), len = utf8_length(s, bytes);
    if (f->max > 0 && (len < (size_t)f->min || len > (size_t)f->max)) {
        if (f->min > 0)
            return err_set(e, ERR_INVALID, f->name, "%s must be %lld to %lld characters", f->name,
                           (long long)f->min, (long long)f->max);
        return err_set(e, ERR_INVALID, f->name, "%s must be at most %lld characters", f->name,
                       (long long)f->max);
    }
    if ((f->flags & F_REQUIRED) && blank(s))
        return err_set(e, ERR_INVALID, f->name, "%s must not be empty", f->name);
    if (f->values && !allowed_value(f, s)) {
        int rc = err_set(e, ERR_INVALID, f->name, "%s must be one of the allowed values", f->name);
        allowed_list(f, e);
        return rc;
    }
    char *copy = arena_strndup(a, s, bytes);
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
        if (f->values && json_is_string(item) && !allowed_value(f, json_string_value(item))) {
            int rc = err_set(e, ERR_INVALID, f->name,
                             "each item of %s must be one of the allowed values (item %zu is not)",
                             f->name, i + 1);
            allowed_list(f, e);
            return rc;
        }
    }
    return 0;
}

/* Converts one JSON value for field f into a bound value. */
/* True when j is an array whose items are all of type (JSON_STRING, JSON_INTEGER). */
static bool array_of(const json_t *j, json_type type)
{
    if (!json_is_array(j))
        return false;
    size_t i;
    json_t *item;
    json_array_foreach(j, i, item)
    {
        if (json_typeof(item) != type)
            return false;
    }
    return true;
}

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
    case FT_ARRAY:
        ok = array_of(j, JSON_STRING);
        break;
    case FT_INTS:
        ok = array_of(j, JSON_INTEGER);
        break;
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
    default:
        *out = SV_TEXT(json_to_text(j, a));
        return 0;
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
        struct store_value value = SV_NULL; /* parse_value sets it when it returns 0 */
        int rc = parse_value(f, j, a, &value, e);
        if (rc)
            return rc;
        values_put(out, f, value)->json = j;
    }
    if (mode == PARSE_CREATE) {
        for (const struct field *f = r->fields; f->name; f++)
            if ((f->flags & F_REQUIRED) && values_get(out, f->name) == NULL)
                return err_set(e, ERR_INVALID, f->name, "%s is required", f->name);
    }
    return 0;
}

int table_parse_update(const struct table *r, json_t *body, bool replace, struct arena *a,
                       struct values *out, struct err *e)
{
    int rc = table_parse(r, body, replace ? PARSE_CREATE : PARSE_PATCH, a, out, e);
    if (rc == 0 && replace)
        null_absent(out, r);
    return rc;
}
