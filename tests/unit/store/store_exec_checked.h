/* The two store tests' shared checks of a statement (test_store_url.c, test_store_pool.c):
 * must_exec runs one and fails the test unless it succeeds; scalar reads the one integer a query
 * returns. Include after <cmocka.h> and the store's header. */
#ifndef COPILOT_TESTS_STORE_EXEC_CHECKED_H
#define COPILOT_TESTS_STORE_EXEC_CHECKED_H

/* Runs sql and fails the test unless it succeeds. Returns the result (caller frees). */
static inline struct store_result *must_exec(struct store_conn *c, const char *sql,
                                             const struct store_value *params, int n)
{
    struct err e = {0};
    struct store_result *r = NULL;
    if (store_exec(c, sql, params, n, &r, &e) != 0)
        fail_msg("%s: %s", sql, e.message);
    return r;
}

/* The one integer a query returns. */
static inline int64_t scalar(struct store_conn *c, const char *sql)
{
    struct store_result *r = must_exec(c, sql, NULL, 0);
    assert_int_equal(store_rows(r), 1);
    int64_t v = store_int(r, 0, 0);
    store_result_free(r);
    return v;
}

#endif
