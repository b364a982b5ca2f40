/* Unit tests for the login throttling decisions (src/core/throttle.c): the account's budget,
 * the address's slower, higher budget that stops only accounts under attack, windows that end,
 * Retry-After values, and budgets turned off. Times are plain numbers: no clock is read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/throttle.h"

static const struct throttle_policy policy = {10, 900, 100, 3600};
#define T0 1000000 /* a moment; windows start here */

static struct throttle_count count(int failures, time_t start)
{
    return (struct throttle_count){failures, start};
}

static const struct throttle_count none = {0, 0};

static void test_current(void **state)
{
    assert_int_equal(throttle_current(count(4, T0), 900, T0), 4);
    assert_int_equal(throttle_current(count(4, T0), 900, T0 + 899), 4);
    assert_int_equal(throttle_current(count(4, T0), 900, T0 + 900), 0); /* the window ended */
    assert_int_equal(throttle_current(none, 900, T0), 0);
    /* a start a little ahead (another server's clock) still counts; far ahead does not */
    assert_int_equal(throttle_current(count(4, T0 + 5), 900, T0), 4);
    assert_int_equal(throttle_current(count(4, T0 + 5000), 900, T0), 0);
}

static void test_account_budget(void **state)
{
    /* nine failures: the tenth attempt goes ahead; ten: the next waits for the window's end */
    assert_int_equal(throttle_check(&policy, count(9, T0), none, T0 + 60), 0);
    assert_int_equal(throttle_check(&policy, count(10, T0), none, T0 + 60), 840);
    assert_int_equal(throttle_check(&policy, count(10, T0), none, T0 + 899), 1);
    assert_int_equal(throttle_check(&policy, count(10, T0), none, T0 + 900), 0);
    /* the address does not matter when the account's own budget is spent */
    assert_int_equal(throttle_check(&policy, count(12, T0), count(1, T0), T0), 900);
}

static void test_address_budget_spares_accounts_not_under_attack(void **state)
{
    struct throttle_count spent = count(100, T0);
    /* the address spent its budget: an account with no or few failures is still tried */
    assert_int_equal(throttle_check(&policy, none, spent, T0 + 10), 0);
    assert_int_equal(throttle_check(&policy, count(THROTTLE_UNDER_ATTACK - 1, T0), spent, T0 + 10),
                     0);
    /* an account under attack waits for the first window to end (the account's here) */
    assert_int_equal(throttle_check(&policy, count(THROTTLE_UNDER_ATTACK, T0), spent, T0 + 10),
                     890);
    /* ... or the address's, when that ends first */
    assert_int_equal(
        throttle_check(&policy, count(THROTTLE_UNDER_ATTACK, T0 + 3500), spent, T0 + 3550), 50);
    /* below the address's limit nothing waits */
    assert_int_equal(throttle_check(&policy, count(9, T0), count(99, T0), T0 + 10), 0);
    /* the account's failures of an older window do not make it under attack */
    assert_int_equal(throttle_check(&policy, count(9, T0 - 900), spent, T0 + 10), 0);
}

static void test_counted(void **state)
{
    /* counted attempts within the budget go ahead; one past it (a concurrent race) waits */
    assert_int_equal(throttle_counted(&policy, count(1, T0), T0), 0);
    assert_int_equal(throttle_counted(&policy, count(10, T0), T0 + 5), 0);
    assert_int_equal(throttle_counted(&policy, count(11, T0), T0 + 5), 895);
    assert_int_equal(throttle_counted(&policy, count(11, T0), T0 + 900), 0);
}

static void test_budgets_off(void **state)
{
    const struct throttle_policy off = {0, 900, 0, 3600};
    assert_int_equal(throttle_check(&off, count(1000, T0), count(1000, T0), T0), 0);
    assert_int_equal(throttle_counted(&off, count(1000, T0), T0), 0);
    const struct throttle_policy account_only = {10, 900, 0, 3600};
    assert_int_equal(throttle_check(&account_only, count(5, T0), count(1000, T0), T0), 0);
    assert_int_equal(throttle_check(&account_only, count(10, T0), none, T0), 900);
}

static void test_from_config(void **state)
{
    struct config c = {0};
    c.login_account_limit = 10;
    c.login_account_window = 900;
    c.login_address_limit = 100;
    c.login_address_window = 3600;
    struct throttle_policy p = throttle_policy_from_config(&c);
    assert_int_equal(p.account_limit, 10);
    assert_int_equal(p.account_window, 900);
    assert_int_equal(p.address_limit, 100);
    assert_int_equal(p.address_window, 3600);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_current),
        cmocka_unit_test(test_account_budget),
        cmocka_unit_test(test_address_budget_spares_accounts_not_under_attack),
        cmocka_unit_test(test_counted),
        cmocka_unit_test(test_budgets_off),
        cmocka_unit_test(test_from_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
