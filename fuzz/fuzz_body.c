/*
 * Fuzzes request body validation: the input is parsed as JSON the way request_parse_json does
 * (jansson, duplicate keys refused) and checked with table_parse (src/model/table.c) against
 * every body descriptor the route table names (DOC .body of every row of api_routes), in both
 * modes (create and patch), and with table_parse_update as a PUT does (create's checks, then
 * every absent nullable field NULL).
 * Properties: the answer is 0, ERR_INVALID naming a field (or the body, for a non-object) and
 * nothing else; an accepted body only sets writable fields of the descriptor, each once, with a
 * value of the field's type inside its limits (characters, range, items, allowed values),
 * text that is valid UTF-8 without NUL, and a create has every required field.
 */
#include "fuzz.h"

#include <jansson.h>
#include <math.h>

#include "api/routes.h"
#include "core/utf8.h"
#include "model/table.h"

#define MAX_TABLES 128

static const struct table *tables[MAX_TABLES];
static size_t ntables;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    for (const struct route *r = api_routes; r->method; r++) {
        const struct table *t = r->doc ? r->doc->body : NULL;
        bool seen = t == NULL;
        for (size_t i = 0; i < ntables && !seen; i++)
            seen = tables[i] == t;
        if (!seen && ntables < MAX_TABLES)
            tables[ntables++] = t;
    }
    FUZZ_CHECK(ntables > 10); /* the route table names its bodies */
    return 0;
}

static void check_value(const struct field *f, const struct field_value *v)
{
    const struct store_value *sv = &v->value;
    FUZZ_CHECK(f->flags & F_WRITE);
    if (sv->type == STORE_NULL) {
        FUZZ_CHECK(!(f->flags & (F_NOTNULL | F_REQUIRED)));
        return;
    }
    switch (f->type) {
    case FT_INT:
        FUZZ_CHECK(sv->type == STORE_INT);
        if (f->min < f->max)
            FUZZ_CHECK(sv->i >= f->min && sv->i <= f->max);
        break;
    case FT_REAL:
        FUZZ_CHECK(sv->type == STORE_REAL && isfinite(sv->d));
        if (f->min < f->max)
            FUZZ_CHECK(sv->d >= (double)f->min && sv->d <= (double)f->max);
        break;
    case FT_BOOL:
        FUZZ_CHECK(sv->type == STORE_BOOL && (sv->i == 0 || sv->i == 1));
        break;
    case FT_TEXT: {
        FUZZ_CHECK(sv->type == STORE_TEXT && sv->s);
        size_t len = strlen(sv->s);
        FUZZ_CHECK(fuzz_utf8_valid(sv->s, len));
        if (f->max > 0)
            FUZZ_CHECK(utf8_count(sv->s, len) <= (size_t)f->max);
        if (f->values) {
            bool allowed = false;
            for (const char *const *a = f->values; *a; a++)
                allowed = allowed || strcmp(*a, sv->s) == 0;
            FUZZ_CHECK(allowed);
        }
        break;
    }
    case FT_DATE:
        FUZZ_CHECK(sv->type == STORE_TEXT && strlen(sv->s) == 10);
        break;
    case FT_TIMESTAMP:
        FUZZ_CHECK(sv->type == STORE_TEXT && strlen(sv->s) == 20 && sv->s[19] == 'Z');
        break;
    case FT_STRINGS:
    case FT_ARRAY:
    case FT_INTS: {
        FUZZ_CHECK(sv->type == STORE_TEXT && v->json && json_is_array(v->json));
        FUZZ_CHECK(json_array_size(v->json) <= table_array_max_items(f));
        size_t i;
        json_t *item;
        json_array_foreach(v->json, i, item)
        {
            if (f->type == FT_INTS) {
                FUZZ_CHECK(json_is_integer(item));
            } else {
                FUZZ_CHECK(json_is_string(item));
                FUZZ_CHECK(utf8_count(json_string_value(item), json_string_length(item)) <=
                           TABLE_ARRAY_ITEM_MAX_CHARS);
            }
        }
        /* the stored text is the JSON of the array */
        json_t *back = json_loads(sv->s, 0, NULL);
        FUZZ_CHECK(back && json_equal(back, v->json));
        json_decref(back);
        break;
    }
    default:
        FUZZ_CHECK(sv->type == STORE_TEXT && sv->s);
    }
}

static void check_parse(const struct table *t, json_t *body, enum parse_mode mode)
{
    struct arena a;
    arena_init(&a);
    struct values v = {0};
    struct err e = {0};
    int rc = table_parse(t, body, mode, &a, &v, &e);
    if (rc) {
        FUZZ_CHECK(rc == ERR_INVALID);
        FUZZ_CHECK(e.message[0] != '\0');
        /* the field is named (a key "" names the empty field) */
        FUZZ_CHECK(e.field[0] != '\0' || !json_is_object(body) || json_object_get(body, ""));
    } else {
        FUZZ_CHECK(json_is_object(body));
        FUZZ_CHECK(v.n >= 0 && (size_t)v.n == json_object_size(body));
        for (int i = 0; i < v.n; i++) {
            const struct field *f = v.items[i].field;
            FUZZ_CHECK(f && table_field(t, f->name) == f);
            for (int k = 0; k < i; k++)
                FUZZ_CHECK(v.items[k].field != f);
            check_value(f, &v.items[i]);
        }
        if (mode == PARSE_CREATE)
            for (const struct field *f = t->fields; f->name; f++)
                if (f->flags & F_REQUIRED)
                    FUZZ_CHECK(values_get(&v, f->name) != NULL);
    }
    arena_free(&a);
}

/* A PUT's body: create's answer, and when accepted every nullable writable field set (the
 * absent ones NULL), within VALUES_MAX. */
static void check_replace(const struct table *t, json_t *body)
{
    struct arena a;
    arena_init(&a);
    struct values v = {0}, created = {0};
    struct err e = {0}, e_created = {0};
    int rc = table_parse_update(t, body, true, &a, &v, &e);
    FUZZ_CHECK(rc == table_parse(t, body, PARSE_CREATE, &a, &created, &e_created));
    if (rc == 0) {
        FUZZ_CHECK(v.n <= VALUES_MAX && v.n >= created.n);
        for (const struct field *f = t->fields; f->name; f++)
            FUZZ_CHECK(!field_null_when_absent(f) || values_get(&v, f->name) != NULL);
    }
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t jerr;
    json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
    if (body == NULL)
        return 0;
    for (size_t i = 0; i < ntables; i++) {
        check_parse(tables[i], body, PARSE_CREATE);
        check_parse(tables[i], body, PARSE_PATCH);
        check_replace(tables[i], body);
    }
    json_decref(body);
    return 0;
}
