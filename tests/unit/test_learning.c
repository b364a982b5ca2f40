/* Unit tests for the pure rules of the feedback, resources and learning-paths group
 * (src/core/learning.c): skill keys, the skill gap and resource scores, path progress, the
 * enrollment status, the bookmark rule and feedback resolution; and for the shipped catalogue
 * (src/model/catalogue.c): every entry of assets/resources.json and assets/learning_paths.json
 * loads into a fresh SQLite database, and loading again adds nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/learning.h"
#include "lib/embedded.h"
#include "model/catalogue.h"
#include "store/migrate.h"

/* ================================================================ skill keys */

static void test_skill_key(void **state)
{
    char key[LEARNING_KEY_MAX];
    assert_string_equal(learning_skill_key("  Node.js ", key, sizeof key), "node.js");
    assert_string_equal(learning_skill_key("Machine \t  Learning", key, sizeof key),
                        "machine learning");
    assert_string_equal(learning_skill_key("C++", key, sizeof key), "c++");
    assert_string_equal(learning_skill_key("ÉCOLE", key, sizeof key), "École");
    assert_string_equal(learning_skill_key("   ", key, sizeof key), "");
    assert_string_equal(learning_skill_key("", key, sizeof key), "");
    char small[5];
    /* "abcé" is 5 bytes: cut at 4 would split é, so the whole character goes */
    assert_string_equal(learning_skill_key("abc\xc3\xa9", small, sizeof small), "abc");
    assert_string_equal(learning_skill_key("ab \xc3\xa9", small, sizeof small), "ab");
    assert_string_equal(learning_skill_key("ABCDEFG", small, sizeof small), "abcd");
    assert_string_equal(learning_skill_key("a  b", small, sizeof small), "a b");
}

/* ================================================================ the gap */

static void test_gap(void **state)
{
    struct learning_gap *g = calloc(1, sizeof *g);
    const char *job1[] = {"Kubernetes", "Docker", "kubernetes", " "};
    const char *job2[] = {"kubernetes", "Terraform", "SQL"};
    const char *job3[] = {"Python"};
    learning_gap_add_job(g, job1, 4);
    learning_gap_add_job(g, job2, 3);
    learning_gap_add_job(g, job3, 1);
    learning_gap_add_job(g, NULL, 0);
    const char *have[] = {"python", "Sql", "Rust"};
    learning_gap_finish(g, have, 3);
    assert_int_equal(g->n, 3);
    assert_string_equal(g->items[0].key, "kubernetes");
    assert_int_equal(g->items[0].jobs, 2);
    assert_string_equal(g->items[1].key, "docker"); /* ties by key */
    assert_int_equal(g->items[1].jobs, 1);
    assert_string_equal(g->items[2].key, "terraform");

    const char *resource[] = {"DOCKER", "kubernetes", "go"};
    size_t matched[4], n;
    assert_int_equal(learning_gap_score(g, 3, resource, 3, matched, 4, &n), 3);
    assert_int_equal(n, 2);
    assert_int_equal(matched[0], 0);
    assert_int_equal(matched[1], 1);
    assert_int_equal(learning_gap_score(g, 1, resource, 3, matched, 4, &n), 2);
    assert_int_equal(n, 1);
    assert_int_equal(learning_gap_score(g, 10, resource, 3, NULL, 0, NULL), 3);
    const char *other[] = {"python"};
    assert_int_equal(learning_gap_score(g, 3, other, 1, matched, 4, &n), 0);
    assert_int_equal(n, 0);
    free(g);
}

static void test_gap_limits(void **state)
{
    struct learning_gap *g = calloc(1, sizeof *g);
    char names[LEARNING_GAP_MAX + 50][16];
    const char *list[LEARNING_GAP_MAX + 50];
    for (size_t i = 0; i < LEARNING_GAP_MAX + 50; i++) {
        snprintf(names[i], sizeof names[i], "skill%zu", i);
        list[i] = names[i];
    }
    learning_gap_add_job(g, list, LEARNING_GAP_MAX + 50);
    assert_int_equal(g->n, LEARNING_GAP_MAX);
    learning_gap_finish(g, list, 10);
    assert_int_equal(g->n, LEARNING_GAP_MAX - 10);
    /* nothing demanded: an empty gap */
    struct learning_gap *empty = calloc(1, sizeof *empty);
    learning_gap_finish(empty, list, 3);
    assert_int_equal(empty->n, 0);
    free(empty);
    free(g);
}

/* ================================================================ progress */

static void test_progress(void **state)
{
    const int64_t path[] = {10, 20, 30};
    int64_t completed[3];
    struct learning_progress p;
    const int64_t some[] = {30, 10, 10};
    assert_int_equal(learning_progress(path, 3, some, 3, true, completed, &p), -1);
    assert_int_equal(p.ncompleted, 2);
    assert_int_equal(completed[0], 10);
    assert_int_equal(completed[1], 30);
    assert_int_equal(p.percentage, 66);
    assert_int_equal(p.current, 1);
    assert_false(p.complete);

    const int64_t all[] = {20, 30, 10};
    learning_progress(path, 3, all, 3, true, completed, &p);
    assert_int_equal(p.percentage, 100);
    assert_int_equal(p.current, 3);
    assert_true(p.complete);

    learning_progress(path, 3, NULL, 0, true, completed, &p);
    assert_int_equal(p.percentage, 0);
    assert_int_equal(p.current, 0);
    assert_int_equal(p.ncompleted, 0);

    const int64_t stray[] = {10, 40, 50};
    assert_int_equal(learning_progress(path, 3, stray, 3, true, completed, &p), 1);
    assert_int_equal(learning_progress(path, 3, stray, 3, false, completed, &p), -1);
    assert_int_equal(p.ncompleted, 1); /* unknown ids dropped */
    assert_int_equal(p.percentage, 33);

    learning_progress(NULL, 0, stray, 3, false, completed, &p);
    assert_int_equal(p.percentage, 0);
    assert_false(p.complete);
    assert_int_equal(p.current, 0);

    const int64_t seven[] = {1, 2, 3, 4, 5, 6, 7};
    int64_t out[7];
    const int64_t six[] = {1, 2, 3, 4, 5, 6};
    learning_progress(seven, 7, six, 6, true, out, &p);
    assert_int_equal(p.percentage, 85); /* floor: 100 only when all are done */
    assert_int_equal(p.current, 6);
}

static void test_enrollment_status(void **state)
{
    assert_string_equal(learning_enrollment_status("active", NULL, true), "completed");
    assert_string_equal(learning_enrollment_status("paused", "paused", true), "completed");
    assert_string_equal(learning_enrollment_status("completed", NULL, false), "active");
    assert_string_equal(learning_enrollment_status("completed", "paused", false), "paused");
    assert_string_equal(learning_enrollment_status("paused", NULL, false), "paused");
    assert_string_equal(learning_enrollment_status("abandoned", NULL, false), "abandoned");
    assert_string_equal(learning_enrollment_status("paused", "active", false), "active");
    assert_string_equal(learning_enrollment_status("active", "completed", false), "active");
    assert_string_equal(learning_enrollment_status(NULL, NULL, false), "active");
    assert_string_equal(learning_enrollment_status("weird", NULL, false), "active");
}

/* ================================================================ bookmarks */

static void test_bookmark(void **state)
{
    static const struct {
        const char *old_status; /* NULL: a new bookmark */
        int old_progress;
        const char *status;
        int progress;
        int rc;
        const char *want_status;
        int want_progress;
        enum learning_stamp want_when;
    } cases[] = {
        {NULL, 0, NULL, -1, 0, "to_learn", 0, LEARNING_STAMP_CLEAR},
        {NULL, 0, NULL, 30, 0, "in_progress", 30, LEARNING_STAMP_CLEAR},
        {NULL, 0, NULL, 100, 0, "completed", 100, LEARNING_STAMP_SET},
        {NULL, 0, "completed", -1, 0, "completed", 100, LEARNING_STAMP_SET},
        {NULL, 0, "completed", 50, -1, NULL, 0, LEARNING_STAMP_KEEP},
        {NULL, 0, "archived", -1, 0, "archived", 0, LEARNING_STAMP_KEEP},
        {"to_learn", 0, NULL, 0, 0, "to_learn", 0, LEARNING_STAMP_CLEAR},
        {"in_progress", 40, NULL, 60, 0, "in_progress", 60, LEARNING_STAMP_CLEAR},
        {"in_progress", 40, NULL, -1, 0, "in_progress", 40, LEARNING_STAMP_CLEAR},
        {"completed", 100, NULL, -1, 0, "completed", 100, LEARNING_STAMP_KEEP},
        {"completed", 100, "completed", -1, 0, "completed", 100, LEARNING_STAMP_KEEP},
        {"completed", 100, NULL, 80, 0, "in_progress", 80, LEARNING_STAMP_CLEAR},
        {"completed", 100, NULL, 0, 0, "to_learn", 0, LEARNING_STAMP_CLEAR},
        {"completed", 100, "archived", -1, 0, "archived", 100, LEARNING_STAMP_KEEP},
        {"completed", 100, "in_progress", -1, 0, "in_progress", 100, LEARNING_STAMP_CLEAR},
        {"archived", 20, NULL, 100, 0, "completed", 100, LEARNING_STAMP_SET},
        {"archived", 20, NULL, 50, 0, "archived", 50, LEARNING_STAMP_KEEP},
        {"to_learn", 0, "to_learn", 100, 0, "to_learn", 100, LEARNING_STAMP_CLEAR},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct learning_bookmark old = {cases[i].old_status, cases[i].old_progress}, out = {0};
        enum learning_stamp when = LEARNING_STAMP_KEEP;
        int rc = learning_bookmark_apply(cases[i].old_status ? &old : NULL, cases[i].status,
                                         cases[i].progress, &out, &when);
        if (rc != cases[i].rc)
            fail_msg("case %zu: rc %d, want %d", i, rc, cases[i].rc);
        if (rc)
            continue;
        if (strcmp(out.status, cases[i].want_status) != 0 ||
            out.progress != cases[i].want_progress || when != cases[i].want_when)
            fail_msg("case %zu: got %s/%d/%d, want %s/%d/%d", i, out.status, out.progress, when,
                     cases[i].want_status, cases[i].want_progress, cases[i].want_when);
    }
    assert_string_equal(learning_bookmark_statuses[0], "to_learn");
    assert_null(learning_bookmark_statuses[4]);
}

/* ================================================================ feedback */

static void test_feedback_resolution(void **state)
{
    assert_int_equal(learning_feedback_resolution(NULL, NULL), LEARNING_STAMP_KEEP);
    assert_int_equal(learning_feedback_resolution(NULL, "open"), LEARNING_STAMP_KEEP);
    assert_int_equal(learning_feedback_resolution(NULL, "resolved"), LEARNING_STAMP_SET);
    assert_int_equal(learning_feedback_resolution("open", "closed"), LEARNING_STAMP_SET);
    assert_int_equal(learning_feedback_resolution("in_progress", "resolved"), LEARNING_STAMP_SET);
    assert_int_equal(learning_feedback_resolution("resolved", "closed"), LEARNING_STAMP_KEEP);
    assert_int_equal(learning_feedback_resolution("closed", "closed"), LEARNING_STAMP_KEEP);
    assert_int_equal(learning_feedback_resolution("closed", "open"), LEARNING_STAMP_CLEAR);
    assert_int_equal(learning_feedback_resolution("resolved", "planned"), LEARNING_STAMP_CLEAR);
    assert_int_equal(learning_feedback_resolution("open", "planned"), LEARNING_STAMP_KEEP);
    assert_int_equal(learning_feedback_resolution("resolved", NULL), LEARNING_STAMP_KEEP);
}

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
    /* every path lists existing resources; skills are stored as lower-case keys */
    assert_int_equal(count(c, "SELECT COUNT(*) FROM learning_paths p, json_each(p.resource_ids) j "
                              "WHERE j.value NOT IN (SELECT id FROM career_resources)"),
                     0);
    assert_true(count(c, "SELECT COUNT(*) FROM learning_paths p, json_each(p.resource_ids)") >=
                (int64_t)want_paths * 4);
    assert_int_equal(count(c, "SELECT COUNT(*) FROM career_resources r, json_each(r.skills) j "
                              "WHERE j.value <> lower(j.value)"),
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
        cmocka_unit_test(test_skill_key),           cmocka_unit_test(test_gap),
        cmocka_unit_test(test_gap_limits),          cmocka_unit_test(test_progress),
        cmocka_unit_test(test_enrollment_status),   cmocka_unit_test(test_bookmark),
        cmocka_unit_test(test_feedback_resolution), cmocka_unit_test(test_catalogue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
