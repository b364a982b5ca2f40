/* Unit tests for If-Match parsing (src/api/precondition.c) and the model's expectation it arms
 * (src/model/table_sql.c): which write carries the condition, once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/precondition.h"
#include "model/application.h"
#include "model/job.h"

static void test_parse_if_match(void **state)
{
    int64_t v[4];
    assert_int_equal(api_parse_if_match("*", v, 4), -1);
    assert_int_equal(api_parse_if_match("  *  ", v, 4), -1);
    assert_int_equal(api_parse_if_match("\"7\"", v, 4), 1);
    assert_int_equal(v[0], 7);
    assert_int_equal(api_parse_if_match("\"3\", \"12\",\"5\"", v, 4), 3);
    assert_int_equal(v[0], 3);
    assert_int_equal(v[1], 12);
    assert_int_equal(v[2], 5);
    /* at most max are kept */
    assert_int_equal(api_parse_if_match("\"1\", \"2\", \"3\"", v, 2), 2);
    /* "0": an object not stored yet (the preferences before their first save) */
    assert_int_equal(api_parse_if_match("\"0\"", v, 4), 1);
    assert_int_equal(v[0], 0);
    /* not ours: weak, unquoted, not digits, leading zero, empty, too long */
    static const char *const foreign[] = {
        "W/\"3\"", "3",   "\"abc\"",  "\"03\"", "\"00\"",
        "\"\"",    "",    ", ,",      "\"-1\"", "\"123456789012345678901\"",
        "\"3",     "3\"", "* , \"x\""};
    for (size_t i = 0; i < sizeof foreign / sizeof *foreign; i++)
        assert_int_equal(api_parse_if_match(foreign[i], v, 4), 0);
    /* a list mixing foreign and ours keeps ours */
    assert_int_equal(api_parse_if_match("W/\"3\", \"4\"", v, 4), 1);
    assert_int_equal(v[0], 4);
}

/* The clause goes to the first write of the expected row only, and the expectation reports it
 * was used. */
static void test_expectation(void **state)
{
    struct buf sql;
    struct store_value params[8];
    int n = 0;
    int64_t versions[] = {3, 5};
    buf_init(&sql);

    /* nothing armed: no clause */
    assert_false(table_expect_clause(&job_table, 9, NULL, &sql, params, &n));
    assert_int_equal(sql.len, 0);
    assert_false(table_expect_end());

    table_expect(&job_table, 9, versions, 2);
    /* another row, another table: no clause */
    assert_false(table_expect_clause(&job_table, 8, NULL, &sql, params, &n));
    assert_false(table_expect_clause(&application_table, 9, NULL, &sql, params, &n));
    assert_true(table_expect_clause(&job_table, 9, "j.", &sql, params, &n));
    assert_string_equal(sql.data, " AND j.row_version IN (?, ?)");
    assert_int_equal(n, 2);
    assert_int_equal(params[0].i, 3);
    assert_int_equal(params[1].i, 5);
    /* used up: a second write of the row is unconditional */
    assert_false(table_expect_clause(&job_table, 9, NULL, &sql, params, &n));
    assert_true(table_expect_end());
    assert_false(table_expect_end());

    /* an If-Match naming no version of ours matches nothing */
    buf_reset(&sql);
    n = 0;
    table_expect(&job_table, 9, NULL, 0);
    assert_true(table_expect_clause(&job_table, 9, NULL, &sql, params, &n));
    assert_string_equal(sql.data, " AND 1 = 0");
    assert_int_equal(n, 0);
    assert_true(table_expect_end());

    /* the check of a locked read: the row's current version passes, another fails; either uses
     * it; a row not stored yet (NULL) is version 0 */
    struct err e = {0};
    json_t *v5 = json_pack("{s:i}", "row_version", 5), *v4 = json_pack("{s:i}", "row_version", 4);
    table_expect(&job_table, 9, versions, 2);
    assert_int_equal(table_expect_row(&job_table, 9, v5, &e), 0);
    assert_int_equal(table_expect_row(&job_table, 9, v4, &e), 0); /* used: nothing to check */
    assert_true(table_expect_end());
    table_expect(&job_table, 9, versions, 2);
    assert_int_equal(table_expect_row(&job_table, 8, v4, &e), 0); /* another row */
    assert_int_equal(table_expect_row(&job_table, 9, v4, &e), ERR_PRECONDITION);
    assert_int_equal(e.code, ERR_PRECONDITION);
    assert_true(table_expect_end());
    const int64_t unsaved[] = {0};
    table_expect(&job_table, 9, unsaved, 1);
    assert_int_equal(table_expect_row(&job_table, 9, NULL, &e), 0);
    assert_true(table_expect_end());
    table_expect(&job_table, 9, versions, 2);
    assert_int_equal(table_expect_row(&job_table, 9, NULL, &e), ERR_PRECONDITION);
    assert_true(table_expect_end());
    json_decref(v5);
    json_decref(v4);
    buf_free(&sql);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_if_match),
        cmocka_unit_test(test_expectation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
