/* Unit tests for body validation and rules (src/model/table.c, src/core/validate.c,
 * src/lib/timeutil.c): everything that decides 422 before SQL runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/validate.h"
#include "lib/timeutil.h"
#include "model/application.h"
#include "model/job.h"
#include "model/user.h"

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
    assert_false(time_parse_rfc3339("2025-11-24T20:19:44", &t));
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_job_bodies), cmocka_unit_test(test_user_bodies),
        cmocka_unit_test(test_rules),      cmocka_unit_test(test_time),
        cmocka_unit_test(test_list_query),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
