/* Unit tests for the skill gap (src/core/skill_gap.c): the gap behind recommended resources
 * (counted by catalogue key, ranked by demand, resource scores, limits) and the coverage behind
 * /analytics/skills. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/skill_gap.h"

#define EPS 1e-9

/* ================================================================ the gap */

static void test_gap(void **state)
{
    struct skill_gap *g = calloc(1, sizeof *g);
    const char *job1[] = {"Kubernetes", "Docker", "kubernetes", " "};
    const char *job2[] = {"kubernetes", "Terraform", "SQL"};
    const char *job3[] = {"Python"};
    skill_gap_add_job(g, job1, 4);
    skill_gap_add_job(g, job2, 3);
    skill_gap_add_job(g, job3, 1);
    skill_gap_add_job(g, NULL, 0);
    const char *have[] = {"python", "Sql", "Rust"};
    skill_gap_finish(g, have, 3);
    assert_int_equal(g->n, 3);
    assert_string_equal(g->items[0].key, "kubernetes");
    assert_int_equal(g->items[0].jobs, 2);
    assert_string_equal(g->items[1].key, "docker"); /* ties by key */
    assert_int_equal(g->items[1].jobs, 1);
    assert_string_equal(g->items[2].key, "terraform");

    const char *resource[] = {"DOCKER", "kubernetes", "go"};
    size_t matched[4], n;
    assert_int_equal(skill_gap_score(g, 3, resource, 3, matched, 4, &n), 3);
    assert_int_equal(n, 2);
    assert_int_equal(matched[0], 0);
    assert_int_equal(matched[1], 1);
    assert_int_equal(skill_gap_score(g, 1, resource, 3, matched, 4, &n), 2);
    assert_int_equal(n, 1);
    assert_int_equal(skill_gap_score(g, 10, resource, 3, NULL, 0, NULL), 3);
    const char *other[] = {"python"};
    assert_int_equal(skill_gap_score(g, 3, other, 1, matched, 4, &n), 0);
    assert_int_equal(n, 0);
    free(g);
}

static void test_gap_limits(void **state)
{
    struct skill_gap *g = calloc(1, sizeof *g);
    char names[SKILL_GAP_MAX + 50][16];
    const char *list[SKILL_GAP_MAX + 50];
    for (size_t i = 0; i < SKILL_GAP_MAX + 50; i++) {
        snprintf(names[i], sizeof names[i], "skill%zu", i);
        list[i] = names[i];
    }
    skill_gap_add_job(g, list, SKILL_GAP_MAX + 50);
    assert_int_equal(g->n, SKILL_GAP_MAX);
    skill_gap_finish(g, list, 10);
    assert_int_equal(g->n, SKILL_GAP_MAX - 10);
    /* nothing demanded: an empty gap */
    struct skill_gap *empty = calloc(1, sizeof *empty);
    skill_gap_finish(empty, list, 3);
    assert_int_equal(empty->n, 0);
    free(empty);
    free(g);
}

/* ================================================================ coverage */

static void test_skill_gap(void **state)
{
    struct skill_demand items[] = {
        {"Python", 3, true}, {"Go", 2, false},   {"SQL", 1, false},
        {"Go", 2, false},    {"Rust", 1, false}, {"Python", 1, true},
    };
    struct skill_coverage gap;
    size_t n = skill_gap_coverage(items, 6, &gap);
    assert_int_equal(n, 4);
    assert_int_equal(gap.required, 4);
    assert_int_equal(gap.have, 1);
    assert_float_equal(gap.coverage, 25.0, EPS);
    assert_string_equal(items[0].skill, "Go"); /* 4 jobs, tie with Python broken by name */
    assert_int_equal(items[0].jobs, 4);
    assert_false(items[0].have);
    assert_string_equal(items[1].skill, "Python");
    assert_int_equal(items[1].jobs, 4);
    assert_true(items[1].have);
    assert_string_equal(items[2].skill, "Rust");
    assert_string_equal(items[3].skill, "SQL");

    struct skill_demand three[] = {{"a", 1, true}, {"b", 1, true}, {"c", 1, false}};
    skill_gap_coverage(three, 3, &gap);
    assert_float_equal(gap.coverage, 66.7, EPS);
    assert_int_equal(skill_gap_coverage(NULL, 0, &gap), 0);
    assert_int_equal(gap.required, 0);
    assert_float_equal(gap.coverage, 0.0, EPS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gap),
        cmocka_unit_test(test_gap_limits),
        cmocka_unit_test(test_skill_gap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
