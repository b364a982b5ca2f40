/* Unit tests for body validation and rules (src/model/table.c, src/core/validate.c,
 * src/lib/timeutil.c): everything that decides 422 before SQL runs; and the rows as JSON text
 * (table_json.c) and the statement texts built once per table (table_sql.c). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/validate.h"
#include "lib/embedded.h"
#include "lib/timeutil.h"
#include "model/application.h"
#include "model/career_resource.h"
#include "model/feedback.h"
#include "model/job.h"
#include "model/learning_path.h"
#include "model/user.h"
#include "store/migrate.h"
#include "store/store.h"

/* Parses text against r; returns the code and leaves the faulty field in field_out. */
static int parse(const struct table *r, const char *text, enum parse_mode mode, char *field_out)
{
    struct arena a;
    arena_init(&a);
    json_t *body = json_loads(text, 0, NULL);
    assert_non_null(body);
    struct values v = {0};
    struct err e = {0};
    int rc = table_parse(r, body, mode, &a, &v, &e);
    strcpy(field_out, e.field);
    json_decref(body);
    arena_free(&a);
    return rc;
}

static void test_job_bodies(void **state)
{
    char field[64];
    static const struct {
        const char *body;
        enum parse_mode mode;
        int rc;
        const char *field;
    } cases[] = {
        {"{\"company\":\"A\",\"title\":\"B\"}", PARSE_CREATE, 0, ""},
        {"{\"title\":\"B\"}", PARSE_CREATE, ERR_INVALID, "company"},
        {"{\"company\":\"\",\"title\":\"B\"}", PARSE_CREATE, ERR_INVALID, "company"},
        {"{\"company\":\"A\",\"title\":null}", PARSE_CREATE, ERR_INVALID, "title"},
        {"{\"company\":\"A\",\"title\":\"B\",\"colour\":1}", PARSE_CREATE, ERR_INVALID, "colour"},
        {"{\"company\":\"A\",\"title\":\"B\",\"id\":1}", PARSE_CREATE, ERR_INVALID, "id"},
        {"{\"company\":\"A\",\"title\":\"B\",\"user_id\":2}", PARSE_CREATE, ERR_INVALID, "user_id"},
        {"{\"job_fingerprint\":\"x\"}", PARSE_PATCH, ERR_INVALID, "job_fingerprint"},
        {"{\"created_at\":\"2025-01-01T00:00:00Z\"}", PARSE_PATCH, ERR_INVALID, "created_at"},
        {"{\"job_type\":\"full-time\"}", PARSE_PATCH, 0, ""},
        {"{\"job_type\":\"fulltime\"}", PARSE_PATCH, ERR_INVALID, "job_type"},
        {"{\"remote_option\":\"moon\"}", PARSE_PATCH, ERR_INVALID, "remote_option"},
        {"{\"source\":\"linkedin\"}", PARSE_PATCH, 0, ""},
        {"{\"status\":\"archived\"}", PARSE_PATCH, 0, ""},
        {"{\"status\":null}", PARSE_PATCH, ERR_INVALID, "status"},
        {"{\"salary_min\":\"10\"}", PARSE_PATCH, ERR_INVALID, "salary_min"},
        {"{\"salary_min\":-1}", PARSE_PATCH, ERR_INVALID, "salary_min"},
        {"{\"salary_min\":1.5}", PARSE_PATCH, ERR_INVALID, "salary_min"},
        {"{\"currency\":\"eur\"}", PARSE_PATCH, ERR_INVALID, "currency"},
        {"{\"currency\":\"EUR\"}", PARSE_PATCH, 0, ""},
        {"{\"tech_stack\":[\"C\",2]}", PARSE_PATCH, ERR_INVALID, "tech_stack"},
        {"{\"tech_stack\":\"C\"}", PARSE_PATCH, ERR_INVALID, "tech_stack"},
        {"{\"tech_stack\":[]}", PARSE_PATCH, 0, ""},
        {"{\"date_applied\":\"2025-02-30\"}", PARSE_PATCH, ERR_INVALID, "date_applied"},
        {"{\"date_applied\":\"2024-02-29\"}", PARSE_PATCH, 0, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = parse(&job_table, cases[i].body, cases[i].mode, field);
        if (rc != cases[i].rc || strcmp(field, cases[i].field) != 0)
            fail_msg("%s: got %d/%s, want %d/%s", cases[i].body, rc, field, cases[i].rc,
                     cases[i].field);
    }
}

static void test_user_bodies(void **state)
{
    char field[64];
    assert_int_equal(parse(&user_table, "{\"daily_application_goal\":101}", PARSE_PATCH, field),
                     ERR_INVALID);
    assert_string_equal(field, "daily_application_goal");
    assert_int_equal(parse(&user_table, "{\"daily_application_goal\":0}", PARSE_PATCH, field), 0);
    assert_int_equal(parse(&user_table, "{\"experience_level\":\"guru\"}", PARSE_PATCH, field),
                     ERR_INVALID);
    assert_int_equal(parse(&user_table, "{\"username\":\"bob\"}", PARSE_PATCH, field), ERR_INVALID);
    assert_int_equal(parse(&user_table, "{\"is_admin\":true}", PARSE_PATCH, field), ERR_INVALID);
    assert_int_equal(parse(&user_table, "{\"hashed_password\":\"x\"}", PARSE_PATCH, field),
                     ERR_INVALID);
    assert_int_equal(parse(&register_body,
                           "{\"username\":\"ab\",\"email\":\"a@b.co\",\"password\":\"12345678\"}",
                           PARSE_CREATE, field),
                     ERR_INVALID);
    assert_string_equal(field, "username");
    assert_int_equal(parse(&register_body,
                           "{\"username\":\"abc\",\"email\":\"a@b.co\",\"password\":\"1234567\"}",
                           PARSE_CREATE, field),
                     ERR_INVALID);
    assert_string_equal(field, "password");
    assert_int_equal(parse(&application_table, "{\"job_id\":0}", PARSE_CREATE, field), ERR_INVALID);
    assert_int_equal(
        parse(&application_table, "{\"job_id\":3,\"status\":\"hired\"}", PARSE_CREATE, field),
        ERR_INVALID);
    assert_string_equal(field, "status");
}

static void test_rules(void **state)
{
    static const char *good_users[] = {"abc", "a.b-c_d", "ABC123",
                                       "12345678901234567890123456789012345678901234567890"};
    static const char *bad_users[] = {"ab", "a b", "a@b", "ümlaut",
                                      "123456789012345678901234567890123456789012345678901"};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(validate_username("u", good_users[i], NULL), 0);
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(validate_username("u", bad_users[i], NULL), ERR_INVALID);
    assert_int_equal(validate_email("e", "a@b.co", NULL), 0);
    assert_int_equal(validate_email("e", "first.last+tag@sub.example.org", NULL), 0);
    static const char *bad_mail[] = {"",         "a",     "a@b",  "@b.co",  "a@b@c.co",
                                     "a b@c.co", "a@.co", "a@b.", "a@b..co"};
    for (size_t i = 0; i < sizeof bad_mail / sizeof *bad_mail; i++)
        if (validate_email("e", bad_mail[i], NULL) == 0)
            fail_msg("accepted e-mail %s", bad_mail[i]);
    assert_int_equal(validate_password("p", "12345678", NULL), 0);
    assert_int_equal(validate_password("p", "1234567", NULL), ERR_INVALID);
    assert_int_equal(validate_password("p", "éééééééé", NULL), 0); /* 8 characters, 16 bytes */
    assert_int_equal(validate_url("u", "https://example.com/x", NULL), 0);
    assert_int_equal(validate_url("u", "ftp://example.com", NULL), ERR_INVALID);
    /* issue 8 item 7: only http and https, whatever the case or disguise */
    static const char *bad_urls[] = {"javascript:alert(1)",
                                     "JavaScript:alert(1)",
                                     " javascript:alert(1)",
                                     "data:text/html,<script>alert(1)</script>",
                                     "vbscript:msgbox(1)",
                                     "file:///etc/passwd",
                                     "//evil.example/x",
                                     "/relative",
                                     "http://",
                                     "http:///x",
                                     "https://exa mple.com",
                                     "https://example.com/\x7f",
                                     "https://example.com/\n",
                                     "example.com"};
    for (size_t i = 0; i < sizeof bad_urls / sizeof *bad_urls; i++)
        if (validate_url("u", bad_urls[i], NULL) != ERR_INVALID)
            fail_msg("accepted %s", bad_urls[i]);
    assert_int_equal(validate_url("u", "HTTP://Example.com", NULL), 0);
    /* page_url: a URL as above, or a path on this site */
    assert_int_equal(validate_page_url("p", "/jobs?x=1", NULL), 0);
    assert_int_equal(validate_page_url("p", "https://example.com/jobs", NULL), 0);
    assert_int_equal(validate_page_url("p", "//evil.example/", NULL), ERR_INVALID);
    assert_int_equal(validate_page_url("p", "/\\evil.example/", NULL), ERR_INVALID);
    assert_int_equal(validate_page_url("p", "javascript:alert(1)", NULL), ERR_INVALID);
    assert_int_equal(validate_page_url("p", "/a b", NULL), ERR_INVALID);
}

/* Builds {"name": [count items of item]} (caller frees). */
static char *array_body(const char *name, size_t count, const char *item)
{
    size_t cap = strlen(name) + 16 + count * (strlen(item) + 3);
    char *text = malloc(cap), *p = text;
    p += sprintf(p, "{\"%s\":[", name);
    for (size_t i = 0; i < count; i++)
        p += sprintf(p, "%s\"%s\"", i ? "," : "", item);
    strcpy(p, "]}");
    return text;
}

/* Issue 8 item 7: every array field a client writes holds at most TABLE_ARRAY_MAX_ITEMS items
 * of at most TABLE_ARRAY_ITEM_MAX_CHARS characters; beyond, 422 naming the field. */
static void test_array_caps(void **state)
{
    static const struct {
        const struct table *t;
        const char *field;
    } arrays[] = {
        {&user_table, "skills"},
        {&user_table, "preferred_locations"},
        {&job_table, "tech_stack"},
        {&job_table, "documents_required"},
        {&user_preferences_table, "keywords"},
        {&user_preferences_table, "excluded_keywords"},
        {&user_preferences_table, "preferred_companies"},
        {&career_resource_table, "skills"},
        {&career_resource_table, "tags"},
        {&career_resource_table, "learning_outcomes"},
        {&learning_path_table, "skills"},
    };
    char field[64];
    char item100[TABLE_ARRAY_ITEM_MAX_CHARS + 2], item101[TABLE_ARRAY_ITEM_MAX_CHARS + 2];
    memset(item100, 'x', TABLE_ARRAY_ITEM_MAX_CHARS);
    item100[TABLE_ARRAY_ITEM_MAX_CHARS] = '\0';
    memcpy(item101, item100, sizeof item100);
    strcat(item101, "y");
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) {
        const char *name = arrays[i].field;
        char *body = array_body(name, TABLE_ARRAY_MAX_ITEMS, item100);
        if (parse(arrays[i].t, body, PARSE_PATCH, field) != 0)
            fail_msg("%s: %d items of %d characters refused", name, TABLE_ARRAY_MAX_ITEMS,
                     TABLE_ARRAY_ITEM_MAX_CHARS);
        free(body);
        body = array_body(name, TABLE_ARRAY_MAX_ITEMS + 1, "C");
        if (parse(arrays[i].t, body, PARSE_PATCH, field) != ERR_INVALID || strcmp(field, name))
            fail_msg("%s: %d items accepted (or another field named: %s)", name,
                     TABLE_ARRAY_MAX_ITEMS + 1, field);
        free(body);
        body = array_body(name, 1, item101);
        if (parse(arrays[i].t, body, PARSE_PATCH, field) != ERR_INVALID || strcmp(field, name))
            fail_msg("%s: an item of %d characters accepted", name, TABLE_ARRAY_ITEM_MAX_CHARS + 1);
        free(body);
    }
    /* characters, not bytes: 100 two-byte letters fit */
    char wide[2 * TABLE_ARRAY_ITEM_MAX_CHARS + 1] = "";
    for (int i = 0; i < TABLE_ARRAY_ITEM_MAX_CHARS; i++)
        strcat(wide, "\xc3\xa9");
    char *body = array_body("skills", 1, wide);
    assert_int_equal(parse(&user_table, body, PARSE_PATCH, field), 0);
    free(body);
    /* every writable array field of these descriptors is capped: none is left out above */
    const struct table *all[] = {&user_table, &job_table, &user_preferences_table,
                                 &career_resource_table, &learning_path_table};
    for (size_t t = 0; t < sizeof all / sizeof *all; t++)
        for (const struct field *f = all[t]->fields; f->name; f++)
            if ((f->flags & F_WRITE) && (f->type == FT_STRINGS || f->type == FT_ARRAY))
                assert_int_equal(table_array_max_items(f), TABLE_ARRAY_MAX_ITEMS);
}

/* An array field with values (the preferences' job types and sources) takes only those, item
 * by item, and names the field with the allowed values as a text field's enum does. */
static void test_array_values(void **state)
{
    char field[64];
    assert_int_equal(parse(&user_preferences_table,
                           "{\"preferred_job_types\": [\"contract\", \"full-time\"], "
                           "\"preferred_sources\": [\"linkedin\"], \"disabled_sources\": []}",
                           PARSE_PATCH, field),
                     0);
    static const char *const refused[][2] = {
        {"{\"preferred_job_types\": [\"contract\", \"Contract\"]}", "preferred_job_types"},
        {"{\"preferred_sources\": [\"twitter\"]}", "preferred_sources"},
        {"{\"disabled_sources\": [\"rss\", \"greenhouse\"]}", "disabled_sources"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        assert_int_equal(parse(&user_preferences_table, refused[i][0], PARSE_PATCH, field),
                         ERR_INVALID);
        assert_string_equal(field, refused[i][1]);
    }
    /* the error lists what would do */
    struct arena a;
    arena_init(&a);
    json_t *body = json_loads("{\"preferred_job_types\": [\"gig\"]}", 0, NULL);
    struct values v = {0};
    struct err e = {0};
    assert_int_equal(table_parse(&user_preferences_table, body, PARSE_PATCH, &a, &v, &e),
                     ERR_INVALID);
    assert_int_equal(e.nallowed, 6);
    assert_string_equal(e.allowed[0], "full-time");
    json_decref(body);
    arena_free(&a);
}

/* Issue 8 item 7: the URL fields of the descriptors take http(s) only. */
static void test_url_fields(void **state)
{
    char field[64];
    static const struct {
        const struct table *t;
        const char *field;
    } urls[] = {
        {&job_table, "application_url"},      {&job_table, "source_url"},
        {&user_table, "profile_picture_url"}, {&career_resource_table, "url"},
        {&feedback_table, "page_url"},
    };
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
        const char *name = urls[i].field;
        for (const char *const *bad =
                 (const char *const[]){"javascript:alert(document.cookie)",
                                       "data:text/html;base64,PHNjcmlwdD4=", "JAVASCRIPT:x", NULL};
             *bad; bad++) {
            char body[256];
            snprintf(body, sizeof body, "{\"%s\":\"%s\"}", name, *bad);
            if (parse(urls[i].t, body, PARSE_PATCH, field) != ERR_INVALID || strcmp(field, name))
                fail_msg("%s accepted %s", name, *bad);
        }
        char body[256];
        snprintf(body, sizeof body, "{\"%s\":\"https://example.com/a?b=c\"}", name);
        if (parse(urls[i].t, body, PARSE_PATCH, field) != 0)
            fail_msg("%s refused an https URL", name);
    }
}

static void test_time(void **state)
{
    time_t t;
    char out[TIME_RFC3339_LEN];
    assert_true(time_parse_rfc3339("2025-11-24T20:19:44Z", &t));
    time_format_rfc3339(t, out);
    assert_string_equal(out, "2025-11-24T20:19:44Z");
    assert_true(time_parse_rfc3339("2025-11-24T22:19:44.123+02:00", &t));
    time_format_rfc3339(t, out);
    assert_string_equal(out, "2025-11-24T20:19:44Z");
    /* without an offset: UTC (docs/decisions.md, "Timestamps in requests") */
    assert_true(time_parse_rfc3339("2025-11-24T20:19:44", &t));
    time_format_rfc3339(t, out);
    assert_string_equal(out, "2025-11-24T20:19:44Z");
    assert_true(time_parse_rfc3339("2025-11-24 20:19:44.5", &t));
    time_format_rfc3339(t, out);
    assert_string_equal(out, "2025-11-24T20:19:44Z");
    assert_false(time_parse_rfc3339("2025-11-24T20:19", &t));
    assert_false(time_parse_rfc3339("2025-11-24T20:19:44+0200", &t));
    assert_false(time_parse_rfc3339("2025-11-24T20:19:44 ", &t));
    assert_false(time_parse_rfc3339("2025-13-01T00:00:00Z", &t));
    assert_false(time_parse_date("2023-02-29", &t));
    assert_true(time_parse_date("2000-02-29", &t));
    assert_false(time_parse_date("1900-02-29", &t));
}

/* List parameters against a spec and a table's fields (no query runs: no full-text filter). */
static void test_list_query(void **state)
{
    static const char *const sortable[] = {"created_at", "title", NULL};
    static const struct list_param filters[] = {
        {"status", "status", FILTER_EQ},
        {"company", "company", FILTER_IEQ},
        {"min_salary", "salary_min", FILTER_GE},
        {"applied", "date_applied", FILTER_LE},
        {NULL},
    };
    static const struct list_spec spec = {filters, sortable, "-created_at"};
    struct arena a;
    arena_init(&a);
    struct list_query q;
    struct err e = {0};

    struct list_params p = {.limit = 20, .offset = 40};
    assert_int_equal(table_list_query(NULL, &job_table, &spec, &p, &a, &q, &e), 0);
    assert_string_equal(q.sort, "created_at"); /* the default, newest first */
    assert_true(q.desc);
    assert_int_equal(q.limit, 20);
    assert_int_equal(q.offset, 40);
    assert_int_equal(q.nfilters, 0);

    static const struct list_arg good[] = {{"status", "applied"},
                                           {"company", "ACME"},
                                           {"min_salary", "1000"},
                                           {"applied", "2025-02-28"},
                                           {"unrelated", "ignored"}};
    p = (struct list_params){.limit = 5, .sort = "title", .args = good, .nargs = 5};
    assert_int_equal(table_list_query(NULL, &job_table, &spec, &p, &a, &q, &e), 0);
    assert_string_equal(q.sort, "title");
    assert_false(q.desc);
    assert_int_equal(q.nfilters, 4);
    assert_int_equal(q.filters[2].value.type, STORE_INT);
    assert_int_equal(q.filters[2].value.i, 1000);
    assert_int_equal(q.filters[1].op, FILTER_IEQ);

    p = (struct list_params){.limit = 5, .sort = "salary"};
    assert_int_equal(table_list_query(NULL, &job_table, &spec, &p, &a, &q, &e), ERR_INVALID);
    assert_string_equal(e.field, "sort");
    assert_int_equal(e.nallowed, 2);
    assert_string_equal(e.allowed[1], "title");

    static const struct {
        struct list_arg arg;
        const char *message;
    } bad[] = {
        {{"status", "hired"}, "status is not an allowed value"},
        {{"min_salary", "lots"}, "min_salary must be an integer"},
        {{"applied", "2025-02-30"}, "applied must be a date (YYYY-MM-DD)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct err one = {0};
        p = (struct list_params){.limit = 5, .args = &bad[i].arg, .nargs = 1};
        assert_int_equal(table_list_query(NULL, &job_table, &spec, &p, &a, &q, &one), ERR_INVALID);
        assert_string_equal(one.field, bad[i].arg.name);
        assert_string_equal(one.message, bad[i].message);
    }
    arena_free(&a);
}

/* table_row_text writes what json_dumps (the replies' flags) writes for table_row_json of the
 * same row: every kind of column, escapes, UTF-8, NULLs, a hidden field, a column that is no
 * field, text not UTF-8 (written with U+FFFD for each invalid byte, in text and JSON columns
 * alike) and the values jansson refuses (a real that is no number: the member is left out). */
/* A store on a new SQLite file in dir (a mkdtemp template, filled in) and a connection of it. */
static struct store_conn *temp_store(char *dir, struct store **s)
{
    char url[96];
    assert_non_null(mkdtemp(dir));
    snprintf(url, sizeof url, "sqlite:%s/t.db", dir);
    struct err e = {0};
    assert_int_equal(store_open(url, 1, s, &e), 0);
    return store_acquire(*s);
}

/* Gives back what temp_store opened and removes dir. */
static void temp_store_end(const char *dir, struct store *s, struct store_conn *c)
{
    store_release(s, c);
    store_close(s);
    char path[128];
    snprintf(path, sizeof path, "rm -rf %s", dir);
    assert_int_equal(system(path), 0);
}

static void test_row_text(void **state)
{
    (void)state;
    static const struct field fields[] = {
        {"id", FT_INT, F_NOTNULL}, {"title", FT_TEXT, 0},         {"score", FT_REAL, 0},
        {"flag", FT_BOOL, 0},      {"meta", FT_OBJECT, 0},        {"tags", FT_STRINGS, 0},
        {"day", FT_DATE, 0},       {"secret", FT_TEXT, F_HIDDEN}, {NULL},
    };
    static const struct table t = {"t", fields, false, "T"};
    char dir[] = "/tmp/copilot-rowtext-XXXXXX";
    struct store *s;
    struct store_conn *c = temp_store(dir, &s);
    struct err e = {0};
    assert_int_equal(
        store_exec_script(
            c,
            "CREATE TABLE t (id INTEGER, title TEXT, score REAL, flag INTEGER, "
            "meta TEXT, tags TEXT, day TEXT, secret TEXT, extra TEXT);"
            "INSERT INTO t VALUES (1, 'Plain', 2.5, 1, '{\"a\": [1, 2.25, null]}', "
            "'[\"C\", \"Go\"]', '2026-11-28', 'x', 'more');"
            "INSERT INTO t VALUES (2, 'Tab\tquote\" back\\ Z\xc3\xbcrich / '"
            " || char(1) || char(31), 0.1, 0, 'not json', '[]', NULL, NULL, NULL);"
            "INSERT INTO t VALUES (3, NULL, 1e300, NULL, NULL, NULL, NULL, NULL, '');"
            "INSERT INTO t VALUES (-4, CAST(X'ff41' AS TEXT), 3, 1, '\"s\"', "
            "'[1]', '2026-01-01', NULL, CAST(X'c328' AS TEXT));"
            /* integers written as they are, or through strtoll when not in
               its form: text, leading zeros, signs, 19 digits */
            "INSERT INTO t (id) VALUES (9223372036854775807), "
            "(-9223372036854775807 - 1), (123456789012345678), (0), (-7), "
            "('12abc'), ('007x'), (' 5'), ('-'), ('+3'), ('-0x'), ('');"
            /* reals that are no JSON number (the member is left out), a
               real in an integer column */
            "INSERT INTO t (id, score) VALUES (2.5, 'inf'), (3, '1e400'),"
            " (4, '-nan'), (5, 'abc');"
            /* arrays of strings: copied as they are when already in the form
               jansson writes, else through jansson (escapes, blanks, control
               characters, bad UTF-8, an embedded NUL, what is no JSON) */
            "INSERT INTO t (id, tags) VALUES (6, '[\"a\",\"b c\",\"\"]'), "
            "(7, '[\"a\\u00e9\\/\"]'), (8, '[\"x\" ]'), (9, '[ \"x\"]'), "
            "(10, '[\"a\",]'), (11, '[\"a\"]x'), (12, '[\"a\"] '), "
            "(13, '[\"a' || char(9) || '\"]'), (14, '[\"a' || char(127) || '\"]'), "
            "(15, CAST(X'5B22FF225D' AS TEXT)), (16, '[\"a\",\"b\"'), "
            "(17, '[\"\xc3\xa9\xf0\x9f\x98\x80\"]'), (18, CAST(X'5B226122005D' AS TEXT)), "
            "(19, '[\"a\"\"b\"]'), (20, '[\"a\",1]'), (21, '['), (22, '[\"]'), "
            "(23, CAST(X'5B22EDA080225D' AS TEXT)), (24, '[[\"a\"]]');"
            /* text not UTF-8 where the writer's scan meets it 32, 16, eight
               or one byte at a time, beside valid text that is not ASCII */
            "INSERT INTO t (id, title, extra) VALUES "
            "(25, 'abcdefghijklmnopqrstuvwxyz0123456789' || CAST(X'ff' AS TEXT), "
            "'ok \xc3\xa9'), "
            "(26, 'abcdefghijklmnopqrstuvwxyz0123456789\xc3\xa9"
            "abcdefghij', "
            "'abcdefghij' || CAST(X'c3' AS TEXT)), "
            "(27, 'abcdefghijklmnop\"' || CAST(X'eda080' AS TEXT), "
            "CAST(X'f4908080' AS TEXT) || 'abcdefghijklmnopqrstuvwxyz0123456789'), "
            "(28, CAST(X'80' AS TEXT), CAST(X'e282' AS TEXT));",
            &e),
        0);
    struct arena a;
    arena_init(&a);
    /* every column, then the text first: a first member left out (no comma before the next) */
    static const char *const queries[] = {
        "SELECT id, title, score, flag, meta, tags, day, secret, extra FROM t ORDER BY rowid",
        "SELECT title, extra, id FROM t ORDER BY rowid"};
    struct store_result *res;
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        assert_int_equal(store_exec(c, queries[q], NULL, 0, &res, &e), 0);
        assert_int_equal(store_rows(res), 43);
        struct table_layout layout;
        table_text_layout(&t, res, &a, &layout);
        for (size_t i = 0; i < store_rows(res); i++) {
            json_t *row = table_row_json(&t, res, i);
            char *dumped = json_dumps(row, JSON_COMPACT | JSON_REAL_PRECISION(15));
            struct buf out;
            buf_init(&out);
            table_row_text(&t, res, i, &out);
            buf_putc(&out, '\0');
            assert_string_equal(out.data, dumped);
            out.len = 0; /* the same with the columns' fields looked up once */
            table_row_text_with(&layout, res, i, &out);
            buf_putc(&out, '\0');
            assert_string_equal(out.data, dumped);
            free(dumped);
            json_decref(row);
            buf_free(&out);
        }
        store_result_free(res);
    }
    /* the invalid bytes as U+FFFD, every member there */
    assert_int_equal(
        store_exec(c, "SELECT id, title, tags, extra FROM t WHERE id IN (-4, 15) ORDER BY id", NULL,
                   0, &res, &e),
        0);
    static const char *const repaired[] = {
        "{\"id\":-4,\"title\":\"\xef\xbf\xbd"
        "A\",\"tags\":[1],\"extra\":\"\xef\xbf\xbd(\"}",
        "{\"id\":15,\"title\":null,\"tags\":[\"\xef\xbf\xbd\"],\"extra\":null}"};
    for (size_t i = 0; i < 2; i++) {
        struct buf out;
        buf_init(&out);
        table_row_text(&t, res, i, &out);
        assert_string_equal(out.data, repaired[i]);
        buf_free(&out);
    }
    store_result_free(res);
    /* table_get_text: the bytes of table_get's object, and the version its ETag takes */
    static const struct field vfields[] = {
        {"id", FT_INT, F_NOTNULL},
        {"user_id", FT_INT, 0},
        {"tags", FT_STRINGS, 0},
        {"row_version", FT_INT, F_NOTNULL},
        {NULL},
    };
    static const struct table vt = {"v", vfields, false, "V"};
    assert_int_equal(store_exec_script(c,
                                       "CREATE TABLE v (id INTEGER, user_id INTEGER, tags TEXT, "
                                       "row_version INTEGER);"
                                       "INSERT INTO v VALUES (1, 7, '[\"a\",\"b\"]', 12), "
                                       "(2, 7, '[ \"x\" ]', '0012');",
                                       &e),
                     0);
    for (int64_t id = 1; id <= 3; id++) {
        for (int k = 0; k < 2; k++) { /* v has row_version, t has none */
            const struct table *tt = k ? &t : &vt;
            struct buf text;
            buf_init(&text);
            const char *version = "unset";
            json_t *obj = NULL;
            struct err e1 = {0}, e2 = {0};
            int rc1 = table_get_text(c, tt, k ? 0 : 7, id, &a, &text, &version, &e1);
            int rc2 = table_get(c, tt, k ? 0 : 7, id, &a, &obj, &e2);
            assert_int_equal(rc1, rc2);
            if (rc2 == 0) {
                char *dumped = json_dumps(obj, JSON_COMPACT | JSON_REAL_PRECISION(15));
                buf_putc(&text, '\0');
                assert_string_equal(text.data, dumped);
                free(dumped);
                json_t *rv = json_object_get(obj, "row_version");
                if (json_is_integer(rv))
                    assert_int_equal(strtoll(version, NULL, 10), json_integer_value(rv));
                else
                    assert_null(version);
            }
            json_decref(obj);
            buf_free(&text);
        }
    }
    assert_int_equal(table_get_text(c, &vt, 8, 1, &a, &(struct buf){0}, &(const char *){0}, &e),
                     ERR_NOT_FOUND); /* another owner's */
    arena_free(&a);
    temp_store_end(dir, s, c);
}

/* table_json_string: a JSON string as json_buf_stringn writes it, U+FFFD for each byte that
 * starts no valid UTF-8 sequence (stray, truncated, overlong, surrogate, above U+10FFFF). */
static void test_json_string(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        const char *out;
    } cases[] = {
        {"", 0, "\"\""},
        {"plain \"q\"\n", 10, "\"plain \\\"q\\\"\\n\""},
        {"Z\xc3\xbcrich", 7, "\"Z\xc3\xbcrich\""},
        {"f\xffo", 3, "\"f\xef\xbf\xbdo\""},
        {"Job\xc3", 4, "\"Job\xef\xbf\xbd\""},
        {"\xc0\xaf\"", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\\\"\""},
        {"\xed\xa0\x80", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
        {"abcdefghijklmnopqrstuvwxyz0123456789\xf4\x90\x80\x80", 40,
         "\"abcdefghijklmnopqrstuvwxyz0123456789"
         "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf out;
        buf_init(&out);
        buf_puts(&out, "[");
        table_json_string(&out, cases[i].in, cases[i].len);
        assert_string_equal(out.data + 1, cases[i].out);
        buf_free(&out);
    }
}

/* The texts built once per table (table_sql.c's texts_of): the column list without an alias is
 * the same text on every call and the one an alias of "" prints; a row's SELECT is the descriptor's
 * own (two descriptors of one table name each read their own columns), with and without an
 * owner and under a row lock; and threads that ask for a new descriptor's texts at once all get
 * the one copy built. */
static const struct field shared_fields[] = {{"id", FT_INT, F_NOTNULL},
                                             {"user_id", FT_INT, 0},
                                             {"title", FT_TEXT, 0},
                                             {"note", FT_TEXT, 0},
                                             {NULL}};
static const struct table shared_table = {"s", shared_fields, true, "S"};

static void *columns_thread(void *arg)
{
    pthread_barrier_t *start = arg;
    pthread_barrier_wait(start);
    return (void *)table_columns(&shared_table, NULL, NULL);
}

static void test_texts_once(void **state)
{
    (void)state;
    enum { THREADS = 8 };
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, THREADS);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, columns_thread, &start), 0);
    void *seen[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_join(threads[i], &seen[i]), 0);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < THREADS; i++)
        assert_ptr_equal(seen[i], seen[0]);
    assert_string_equal(seen[0], "id, user_id, title, note");

    struct arena a;
    arena_init(&a);
    const char *jobs = table_columns(&job_table, NULL, &a);
    assert_ptr_equal(table_columns(&job_table, NULL, &a), jobs);
    assert_string_equal(table_columns(&job_table, "", &a), jobs);
    assert_true(strncmp(table_columns(&job_table, "j.", &a), "j.id, j.", 8) == 0);
    assert_ptr_not_equal(table_columns(&application_table, NULL, &a), jobs);
    assert_string_not_equal(table_columns(&application_table, NULL, &a), jobs);

    static const struct field narrow_fields[] = {
        {"id", FT_INT, F_NOTNULL}, {"title", FT_TEXT, 0}, {NULL}};
    static const struct table narrow_table = {"s", narrow_fields, true, "S"};
    char dir[] = "/tmp/copilot-texts-XXXXXX";
    struct store *s;
    struct store_conn *c = temp_store(dir, &s);
    struct err e = {0};
    assert_int_equal(store_exec_script(c,
                                       "CREATE TABLE s (id INTEGER, user_id INTEGER, title TEXT, "
                                       "note TEXT);"
                                       "INSERT INTO s VALUES (1, 7, 'A', 'n'), (2, 8, 'B', NULL);",
                                       &e),
                     0);
    static const struct {
        const struct table *t;
        int64_t owner, id;
        int rc;
        const char *row;
    } cases[] = {
        {&shared_table, 7, 1, 0, "{\"id\":1,\"user_id\":7,\"title\":\"A\",\"note\":\"n\"}"},
        {&narrow_table, 7, 1, 0, "{\"id\":1,\"title\":\"A\"}"},
        {&shared_table, 0, 2, 0, "{\"id\":2,\"user_id\":8,\"title\":\"B\",\"note\":null}"},
        {&narrow_table, 0, 2, 0, "{\"id\":2,\"title\":\"B\"}"},
        {&shared_table, 7, 2, ERR_NOT_FOUND, NULL}, /* another owner's */
        {&narrow_table, 8, 1, ERR_NOT_FOUND, NULL},
        {&narrow_table, 0, 3, ERR_NOT_FOUND, NULL},
    };
    for (int round = 0; round < 2; round++) { /* the texts' first use, then their reuse */
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
            for (int locked = 0; locked < 2; locked++) {
                json_t *row = NULL;
                struct err e1 = {0};
                int rc;
                if (locked) {
                    assert_int_equal(store_begin(c, &e), 0);
                    rc = table_lock(c, cases[i].t, cases[i].owner, cases[i].id, &a, &row, &e1);
                    store_rollback(c);
                } else {
                    rc = table_get(c, cases[i].t, cases[i].owner, cases[i].id, &a, &row, &e1);
                }
                assert_int_equal(rc, cases[i].rc);
                if (rc == 0) {
                    char *dumped = json_dumps(row, JSON_COMPACT);
                    assert_string_equal(dumped, cases[i].row);
                    free(dumped);
                }
                json_decref(row);
            }
        }
    }
    arena_free(&a);
    temp_store_end(dir, s, c);
}

/* The applications' status sorted in the pipeline's order on SQLite (thirty-seventh round): the
 * list sorts by table_values_rank's CASE, made from pipeline_status_names, and SQLite reads that
 * order from an index only when the index's expression is the same (migration 0092, whose text
 * is the one other copy of the positions): the migration holds that CASE (spaces aside), and a
 * page in that order of a migrated database is read from the index, without a sort. */
static void test_pipeline_rank_index(void **state)
{
    struct arena a;
    arena_init(&a);
    const char *rank = table_values_rank(&application_table, "status", "", &a);
    assert_non_null(rank);
    assert_non_null(strstr(rank, "WHEN 'interested' THEN 0 WHEN 'applied' THEN 1 "));
    assert_non_null(strstr(rank, "WHEN 'ghosted' THEN 10 END"));
    assert_null(table_values_rank(&application_table, "notes", "", &a));
    const struct embedded_file *f =
        embedded_find("migrations/sqlite/0092_applications_pipeline_order.up.sql");
    assert_non_null(f);
    /* the migration's statements, comments left out and every run of spaces made one space */
    char *sql = arena_alloc(&a, f->len + 1), *o = sql;
    for (const char *p = (const char *)f->data; *p; p++) {
        if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
            if (*p == '\0')
                break;
        }
        bool space = *p == ' ' || *p == '\n' || *p == '\t';
        if (space && (o == sql || o[-1] == ' '))
            continue;
        *o++ = space ? ' ' : *p;
    }
    *o = '\0';
    char *want = arena_printf(&a, "(%s)", rank);
    if (strstr(sql, want) == NULL)
        fail_msg("migration 0092 does not hold the server's rank:\n%s\nnot in\n%s", want, sql);

    char dir[] = "/tmp/copilot-rank-XXXXXX", url[96];
    assert_non_null(mkdtemp(dir));
    snprintf(url, sizeof url, "sqlite:%s/t.db", dir);
    struct store *s;
    struct err e = {0};
    if (store_open(url, 1, &s, &e) != 0 || migrate_up(s, NULL, &e) != 0)
        fail_msg("store: %s", e.message);
    struct store_conn *c = store_acquire(s); /* after the migrations, which take one */
    for (int desc = 0; desc < 2; desc++) {
        const char *dir_sql = desc ? "DESC" : "ASC";
        const char *plan_sql = arena_printf(
            &a,
            "EXPLAIN QUERY PLAN SELECT a.id FROM applications a WHERE a.user_id = ? "
            "ORDER BY %s %s, a.status %s, a.id %s LIMIT 20 OFFSET 5000",
            table_values_rank(&application_table, "status", "a.", &a), dir_sql, dir_sql, dir_sql);
        const struct store_value owner = SV_INT(1);
        struct store_result *r = NULL;
        if (store_exec(c, plan_sql, &owner, 1, &r, &e) != 0)
            fail_msg("plan: %s", e.message);
        int detail = store_colindex(r, "detail");
        assert_true(detail >= 0);
        assert_int_equal(store_rows(r), 1);
        const char *step = store_text(r, 0, detail);
        assert_non_null(strstr(step, "COVERING INDEX applications_user_pipeline_idx"));
        store_result_free(r);
    }
    temp_store_end(dir, s, c);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_job_bodies),   cmocka_unit_test(test_user_bodies),
        cmocka_unit_test(test_rules),        cmocka_unit_test(test_time),
        cmocka_unit_test(test_list_query),   cmocka_unit_test(test_array_caps),
        cmocka_unit_test(test_url_fields),   cmocka_unit_test(test_row_text),
        cmocka_unit_test(test_json_string),  cmocka_unit_test(test_texts_once),
        cmocka_unit_test(test_array_values), cmocka_unit_test(test_pipeline_rank_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
