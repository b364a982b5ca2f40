/* Unit tests for the shipped catalogue (src/model/catalogue.c): every entry of
 * assets/resources.json and assets/learning_paths.json loads into a fresh SQLite database,
 * loading again adds nothing, and skills stored in the old lower-case form are rewritten by
 * skill key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/embedded.h"
#include "model/catalogue.h"
#include "store/migrate.h"

/* ================================================================ the catalogue */

/* Number of entries in the embedded JSON array at path. */
static size_t shipped(const char *path)
{
    const struct embedded_file *f = embedded_find(path);
    assert_non_null(f);
    json_t *list = json_loadb((const char *)f->data, f->len, 0, NULL);
    assert_true(json_is_array(list));
    size_t n = json_array_size(list);
    json_decref(list);
    return n;
}

static int64_t count(struct store_conn *c, const char *sql)
{
    struct store_result *res;
    struct err e = {0};
    if (store_exec(c, sql, NULL, 0, &res, &e) != 0)
        fail_msg("%s: %s", sql, e.message);
    int64_t n = store_int(res, 0, 0);
    store_result_free(res);
    return n;
}

static void test_catalogue(void **state)
{
    char dir[] = "/tmp/copilot-learning-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char url[96], path[80];
    snprintf(path, sizeof path, "%s/c.db", dir);
    snprintf(url, sizeof url, "sqlite:%s", path);
    struct store *s;
    struct err e = {0};
    if (store_open(url, 1, &s, &e) != 0 || migrate_up(s, NULL, &e) != 0)
        fail_msg("store: %s", e.message);
    struct store_conn *c = store_acquire(s);
    struct arena a;
    arena_init(&a);

    int resources = -1, paths = -1;
    if (catalogue_load(c, &a, &resources, &paths, &e) != 0)
        fail_msg("catalogue: %s", e.message);
    size_t want_resources = shipped("assets/resources.json");
    size_t want_paths = shipped("assets/learning_paths.json");
    assert_true(want_resources >= 40);
    assert_true(want_paths >= 6);
    assert_int_equal(resources, want_resources);
    assert_int_equal(paths, want_paths);

    /* again: nothing new, nothing changed */
    assert_int_equal(catalogue_load(c, &a, &resources, &paths, &e), 0);
    assert_int_equal(resources, 0);
    assert_int_equal(paths, 0);
    assert_int_equal(count(c, "SELECT COUNT(*) FROM career_resources"), want_resources);
    assert_int_equal(count(c, "SELECT COUNT(*) FROM learning_paths"), want_paths);
    /* every path lists existing resources; skills are stored by skill key (canonical names) */
    assert_int_equal(count(c, "SELECT COUNT(*) FROM learning_paths p, json_each(p.resource_ids) j "
                              "WHERE j.value NOT IN (SELECT id FROM career_resources)"),
                     0);
    assert_true(count(c, "SELECT COUNT(*) FROM learning_paths p, json_each(p.resource_ids)") >=
                (int64_t)want_paths * 4);
    assert_int_equal(count(c,
                           "SELECT COUNT(*) FROM career_resources r, json_each(r.skills) j "
                           "WHERE r.slug = 'postgresql-docs-tutorial' AND j.value = 'PostgreSQL'"),
                     1);

    /* rows written before skills were stored by skill key held lower-case ASCII keys: the next
       start rewrites them to the one form, which the filters and the gap compare with */
    struct store_result *res;
    if (store_exec(c,
                   "UPDATE career_resources SET skills = lower(skills) "
                   "WHERE slug IN ('postgresql-docs-tutorial', 'python-official-tutorial')",
                   NULL, 0, &res, &e) != 0)
        fail_msg("%s", e.message);
    store_result_free(res);
    if (store_exec(c, "UPDATE learning_paths SET skills = lower(skills)", NULL, 0, &res, &e) != 0)
        fail_msg("%s", e.message);
    store_result_free(res);
    assert_int_equal(count(c,
                           "SELECT COUNT(*) FROM career_resources r, json_each(r.skills) j "
                           "WHERE r.slug = 'postgresql-docs-tutorial' AND j.value = 'PostgreSQL'"),
                     0);
    assert_int_equal(catalogue_load(c, &a, &resources, &paths, &e), 0);
    assert_int_equal(resources, 0);
    assert_int_equal(count(c,
                           "SELECT COUNT(*) FROM career_resources r, json_each(r.skills) j "
                           "WHERE r.slug = 'postgresql-docs-tutorial' AND j.value = 'PostgreSQL'"),
                     1);
    assert_int_equal(count(c, "SELECT COUNT(*) FROM learning_paths p, json_each(p.skills) j "
                              "WHERE p.name = 'Cloud Engineer on Google Cloud' "
                              "AND j.value = 'Google Cloud Platform'"),
                     1);
    /* and nothing is left lower-cased that has a canonical name in display case */
    assert_int_equal(count(c, "SELECT COUNT(*) FROM learning_paths p, json_each(p.skills) j "
                              "WHERE j.value IN ('kubernetes', 'python', 'sql')"),
                     0);
    assert_int_equal(count(c, "SELECT COUNT(*) FROM career_resources WHERE slug IN "
                              "('python-official-tutorial', 'mdn-javascript-guide', "
                              "'postgresql-docs-tutorial', 'system-design-primer')"),
                     4);

    arena_free(&a);
    store_release(s, c);
    store_close(s);
    unlink(path);
    char wal[96];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
