/* Unit tests for the validation rules of src/core/validate.c: labels without surrounding space
 * (résumé versions), and the e-mail and URL rules the contacts reuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/validate.h"

static void test_trimmed(void **state)
{
    (void)state;
    struct err e = {0};
    assert_int_equal(validate_trimmed("label", "backend", &e), 0);
    assert_int_equal(validate_trimmed("label", "data science", &e), 0);
    assert_int_equal(validate_trimmed("label", "x", &e), 0);
    static const char *const refused[] = {"",       "  ",     " backend",  "backend ",
                                          "\tdata", "data\n", " \n\r\v\f "};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        err_clear(&e);
        assert_int_equal(validate_trimmed("label", refused[i], &e), ERR_INVALID);
        assert_string_equal(e.field, "label");
    }
    err_clear(&e);
    validate_trimmed("label", "", &e);
    assert_non_null(strstr(e.message, "label must not be empty"));
    err_clear(&e);
    validate_trimmed("label", " data", &e);
    assert_non_null(strstr(e.message, "must not begin or end with a space"));
}

static void test_email_and_url(void **state)
{
    (void)state;
    struct err e = {0};
    assert_int_equal(validate_email("email", "sam@acme.example", &e), 0);
    assert_int_equal(validate_email("email", "sam@acme", &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(validate_email("email", "not an address", &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(validate_url("linkedin_url", "https://www.linkedin.com/in/sam", &e), 0);
    assert_int_equal(validate_url("linkedin_url", "javascript:alert(1)", &e), ERR_INVALID);
    assert_string_equal(e.field, "linkedin_url");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trimmed),
        cmocka_unit_test(test_email_and_url),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
