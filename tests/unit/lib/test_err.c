/* The error record (lib/err.h): the first failure is kept, a later one never overwrites it, and
 * a NULL record is accepted by err_set, err_replace and err_clear alike (job_source_create
 * replaces the record it was given on a conflict; a NULL one crashed err_clear). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/err.h"

static void test_first_failure_kept(void **state)
{
    struct err e = {0};
    assert_int_equal(err_set(&e, ERR_INVALID, "email", "bad %s", "address"), ERR_INVALID);
    assert_int_equal(err_set(&e, ERR_CONFLICT, "name", "taken"), ERR_CONFLICT);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.message, "bad address");
    assert_string_equal(e.field, "email");
    err_clear(&e);
    assert_int_equal(e.code, ERR_OK);
    assert_string_equal(e.message, "");
    assert_int_equal(err_set(&e, ERR_CONFLICT, NULL, "taken"), ERR_CONFLICT);
    assert_string_equal(e.field, "");
}

static void test_null_record(void **state)
{
    assert_int_equal(err_set(NULL, ERR_NOT_FOUND, "id", "no such thing"), ERR_NOT_FOUND);
    err_restate(NULL, "id", "again");
    assert_int_equal(err_replace(NULL, ERR_NOT_FOUND, NULL, "gone"), ERR_NOT_FOUND);
    err_clear(NULL);
}

/* err_restate words the failure held again: message and field replaced, code and constraint
 * kept; a clear record stays clear, a NULL field leaves the field. */
static void test_restate(void **state)
{
    struct err e = {0};
    err_restate(&e, "slug", "taken");
    assert_int_equal(e.code, ERR_OK);
    assert_string_equal(e.message, "");
    assert_string_equal(e.field, "");
    err_set(&e, ERR_CONFLICT, NULL, "UNIQUE constraint failed");
    snprintf(e.constraint, sizeof e.constraint, "career_resources_slug_key");
    err_restate(&e, "slug", "a resource with this %s already exists", "slug");
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_string_equal(e.message, "a resource with this slug already exists");
    assert_string_equal(e.field, "slug");
    assert_string_equal(e.constraint, "career_resources_slug_key");
    err_restate(&e, NULL, "again");
    assert_string_equal(e.message, "again");
    assert_string_equal(e.field, "slug");
}

/* err_restate may be handed the message it replaces: prepended to, appended to, moved to another
 * field, and cut at the message's size as a message written in place would be. */
static void test_restate_own_message(void **state)
{
    struct err e = {0};
    err_set(&e, ERR_INVALID, "title", "title is required");
    err_restate(&e, NULL, "%s entry %d: %s", "resources.json", 3, e.message);
    assert_string_equal(e.message, "resources.json entry 3: title is required");
    err_restate(&e, NULL, "%s (table %s)", e.message, "jobs");
    assert_string_equal(e.message, "resources.json entry 3: title is required (table jobs)");
    err_restate(&e, "url", "%s", e.message);
    assert_string_equal(e.message, "resources.json entry 3: title is required (table jobs)");
    assert_string_equal(e.field, "url");
    assert_int_equal(e.code, ERR_INVALID);
    char longer[400];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    err_restate(&e, NULL, "%s", longer);
    err_restate(&e, NULL, "%s; more", e.message);
    assert_int_equal(strlen(e.message), sizeof e.message - 1);
    assert_int_equal(e.message[sizeof e.message - 2], 'x');
}

/* err_replace turns the failure held into another, as err_clear then err_set did at each site:
 * code, message and field are the new ones (a NULL field: none), and what went with the old
 * failure (constraint, existing_id, reason, allowed values, retry_after) is gone. */
static void test_replace(void **state)
{
    struct err e = {0};
    err_set(&e, ERR_FOREIGN_KEY, "job_id", "FOREIGN KEY constraint failed");
    snprintf(e.constraint, sizeof e.constraint, "tasks_job_fkey");
    snprintf(e.reason, sizeof e.reason, "url");
    e.existing_id = 7;
    e.allowed[0] = "open";
    e.nallowed = 1;
    e.retry_after = 3;
    assert_int_equal(err_replace(&e, ERR_NOT_FOUND, "resume_id", "no such résumé: %d", 4),
                     ERR_NOT_FOUND);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    assert_string_equal(e.message, "no such résumé: 4");
    assert_string_equal(e.field, "resume_id");
    assert_string_equal(e.constraint, "");
    assert_string_equal(e.reason, "");
    assert_int_equal(e.existing_id, 0);
    assert_int_equal(e.nallowed, 0);
    assert_null(e.allowed[0]);
    assert_int_equal(e.retry_after, 0);
    assert_int_equal(err_replace(&e, ERR_CONFLICT, NULL, "taken"), ERR_CONFLICT);
    assert_string_equal(e.message, "taken");
    assert_string_equal(e.field, "");
    /* a clear record is filled as err_set would fill it */
    struct err clear = {0};
    assert_int_equal(err_replace(&clear, ERR_NOT_FOUND, NULL, "not found"), ERR_NOT_FOUND);
    assert_int_equal(clear.code, ERR_NOT_FOUND);
    assert_string_equal(clear.message, "not found");
}

/* err_replace may be handed the message it replaces: the same failure said without its field
 * (a path, not a body, named it), or said with more around it. */
static void test_replace_own_message(void **state)
{
    struct err e = {0};
    err_set(&e, ERR_NOT_FOUND, "contact_id", "no such contact: 9");
    err_replace(&e, ERR_NOT_FOUND, NULL, "%s", e.message);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    assert_string_equal(e.message, "no such contact: 9");
    assert_string_equal(e.field, "");
    err_replace(&e, ERR_UNAUTHORIZED, e.field[0] ? e.field : "id", "%s (account %s)", e.message,
                "gone");
    assert_string_equal(e.message, "no such contact: 9 (account gone)");
    assert_string_equal(e.field, "id");
    err_replace(&e, ERR_INVALID, e.field, "%s", "again");
    assert_string_equal(e.field, "id");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_failure_kept),
        cmocka_unit_test(test_null_record),
        cmocka_unit_test(test_restate),
        cmocka_unit_test(test_restate_own_message),
        cmocka_unit_test(test_replace),
        cmocka_unit_test(test_replace_own_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
