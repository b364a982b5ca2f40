/* Unit tests for the skill gap (src/core/skill_gap.c): skills compared by skills_key through the
 * dictionary and shown in display case, weighted demand, the user's skills marked, the one
 * ordering (demand, jobs, top-150 rank, name), the first missing skills, the scores of what
 * teaches them, and the coverage behind /analytics/skills. */
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

static const char dict_text[] = "Kubernetes: k8s\n"
                                "Docker\n"
                                "Terraform\n"
                                "SQL\n"
                                "Python: py\n"
                                "Google Cloud Platform: gcp, google cloud\n"
                                "Apache Airflow: airflow\n"
                                "Rust\n"
                                "#@top: Python, Kubernetes, Google Cloud Platform, Docker\n";

static void test_gap(void **state)
{
    struct skills_dict *d = skills_load(dict_text, strlen(dict_text));
    struct skill_gap g;
    skill_gap_init(&g, d);
    const char *job1[] = {"kubernetes", "Docker", "K8S", " "};
    const char *job2[] = {"Kubernetes", "Terraform", "sql", "dbt Cloud"};
    const char *job3[] = {"Python", "google cloud", "airflow"};
    skill_gap_add_job(&g, job1, 4, 0.9);
    skill_gap_add_job(&g, job2, 4, 0.5);
    skill_gap_add_job(&g, job3, 3, 0.8);
    skill_gap_add_job(&g, NULL, 0, 1.0);
    const char *have[] = {"py", "Sql", "Rust", NULL};
    skill_gap_finish(&g, have, 4);
    assert_int_equal(g.n, 8);
    assert_int_equal(g.missing, 6);
    /* display case: the canonical name, or the first spelling seen */
    assert_string_equal(g.items[0].name, "Kubernetes");
    assert_int_equal(g.items[0].jobs, 2); /* K8S in job 1 is the same skill, counted once */
    assert_float_equal(g.items[0].demand, 1.4, EPS);
    assert_int_equal(g.items[0].top, 2);
    assert_false(g.items[0].have);
    /* 0.9: Docker; 0.8: Python (held), then Google Cloud Platform, Apache Airflow by top rank */
    assert_string_equal(g.items[1].name, "Docker");
    assert_string_equal(g.items[2].name, "Python");
    assert_true(g.items[2].have);
    assert_string_equal(g.items[3].name, "Google Cloud Platform");
    assert_string_equal(g.items[4].name, "Apache Airflow");
    assert_int_equal(g.items[4].top, 0);
    /* 0.5: SQL (held), Terraform, "dbt Cloud" (outside the dictionary: as written) by name */
    assert_string_equal(g.items[5].name, "SQL");
    assert_string_equal(g.items[6].name, "Terraform");
    assert_string_equal(g.items[7].name, "dbt Cloud");
    assert_string_equal(g.items[7].key, "dbt cloud");

    size_t idx[10];
    size_t n = skill_gap_top_missing(&g, idx, 10);
    assert_int_equal(n, 6);
    assert_int_equal(idx[0], 0);
    assert_int_equal(idx[1], 1);
    assert_int_equal(idx[2], 3); /* Python is held: skipped */
    assert_int_equal(skill_gap_top_missing(&g, idx, 2), 2);

    n = skill_gap_top_missing(&g, idx, 10);
    const char *resource[] = {"DOCKER", "k8s", "go"};
    size_t matched[4], nm;
    assert_float_equal(skill_gap_score(&g, idx, n, resource, 3, matched, 4, &nm), 2.3, EPS);
    assert_int_equal(nm, 2);
    assert_int_equal(matched[0], 0);
    assert_int_equal(matched[1], 1);
    assert_float_equal(skill_gap_score(&g, idx, 1, resource, 3, matched, 4, &nm), 1.4, EPS);
    assert_int_equal(nm, 1);
    const char *held[] = {"python"};
    assert_float_equal(skill_gap_score(&g, idx, n, held, 1, matched, 4, &nm), 0, EPS);
    assert_int_equal(nm, 0);
    const char *lower[] = {"google cloud platform", "DBT CLOUD"}; /* stored forms of old rows */
    assert_float_equal(skill_gap_score(&g, idx, n, lower, 2, NULL, 0, &nm), 1.3, EPS);
    assert_int_equal(nm, 2);
    /* NULL names match nothing; a match past the first 64 names (keyed once each up to there,
       then one at a time) counts the same */
    const char *many[70] = {NULL};
    for (size_t i = 1; i < 69; i++)
        many[i] = "cobol";
    many[69] = "K8S";
    assert_float_equal(skill_gap_score(&g, idx, n, many, 70, matched, 4, &nm), 1.4, EPS);
    assert_int_equal(nm, 1);
    assert_int_equal(matched[0], 0);
    many[2] = "docker";
    assert_float_equal(skill_gap_score(&g, idx, n, many, 70, matched, 4, &nm), 2.3, EPS);
    assert_int_equal(nm, 2);
    assert_int_equal(matched[0], 0);
    assert_int_equal(matched[1], 1);

    struct skill_coverage cov = skill_gap_coverage(&g);
    assert_int_equal(cov.required, 8);
    assert_int_equal(cov.have, 2);
    assert_float_equal(cov.coverage, 25.0, EPS);
    skill_gap_free(&g);
    skills_free(d);
}

static void test_gap_many(void **state)
{
    struct skills_dict *d = skills_load("", 0);
    struct skill_gap g;
    skill_gap_init(&g, d);
    char names[600][16];
    const char *list[600];
    for (size_t i = 0; i < 600; i++) {
        snprintf(names[i], sizeof names[i], "Skill%03zu", i);
        list[i] = names[i];
    }
    for (size_t job = 0; job < 600; job += 6)
        skill_gap_add_job(&g, list + job, 6, 1.0); /* the index grows past its first size */
    skill_gap_add_job(&g, list, 3, 0.5);
    skill_gap_finish(&g, list + 10, 590);
    assert_int_equal(g.n, 600);
    assert_int_equal(g.missing, 10);
    assert_string_equal(g.items[0].name, "Skill000"); /* 1.5 */
    assert_float_equal(g.items[0].demand, 1.5, EPS);
    assert_int_equal(g.items[0].jobs, 2);
    size_t idx[20];
    assert_int_equal(skill_gap_top_missing(&g, idx, 20), 10);
    skill_gap_free(&g);
    /* nothing demanded: an empty gap */
    skill_gap_init(&g, d);
    skill_gap_finish(&g, list, 3);
    assert_int_equal(g.n, 0);
    struct skill_coverage cov = skill_gap_coverage(&g);
    assert_int_equal(cov.required, 0);
    assert_float_equal(cov.coverage, 0.0, EPS);
    skill_gap_free(&g);
    skills_free(d);
}

/* A name repeated over many jobs counts as the first time (each distinct name is made a key
 * once while jobs are added): spellings of one key are one entry shown by the dictionary or the
 * first spelling, blanks are nothing, a copy made while building goes on alone. */
static void test_gap_repeated_names(void **state)
{
    (void)state;
    static const char text[] = "Python: py\n";
    struct skills_dict *d = skills_load(text, strlen(text));
    struct skill_gap g, copy;
    skill_gap_init(&g, d);
    const char *job[] = {"py", "Python", " ", "", "Rust", "  python "}, *other[] = {"rust"};
    for (int i = 0; i < 300; i++)
        skill_gap_add_job(&g, job, 6, 1.0);
    skill_gap_copy(&copy, &g);
    skill_gap_add_job(&g, other, 1, 0.5);
    skill_gap_add_job(&copy, job, 6, 1.0);
    const char *have[] = {"PY"};
    skill_gap_finish(&g, have, 1);
    skill_gap_finish(&copy, have, 1);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.items[0].name, "Rust"); /* 300.5 */
    assert_int_equal(g.items[0].jobs, 301);
    assert_float_equal(g.items[0].demand, 300.5, EPS);
    assert_false(g.items[0].have);
    assert_string_equal(g.items[1].name, "Python");
    assert_int_equal(g.items[1].jobs, 300);
    assert_true(g.items[1].have);
    assert_int_equal(copy.n, 2);
    assert_string_equal(copy.items[0].name, "Python"); /* 301 and 301: the top rank, then name */
    assert_int_equal(copy.items[0].jobs, 301);
    assert_int_equal(copy.items[1].jobs, 301);
    skill_gap_free(&g);
    skill_gap_free(&copy);
    skills_free(d);
}

/* respelled counts the names shown otherwise than the entry of their key (whose name is then
 * the first of its spellings in byte order, whatever the order of the jobs); a dictionary skill
 * is shown by its canonical name whatever its spelling. */
static void test_gap_respelled(void **state)
{
    (void)state;
    static const char text[] = "Python: py\n";
    struct skills_dict *d = skills_load(text, strlen(text));
    struct skill_gap g;
    skill_gap_init(&g, d);
    const char *job[] = {"py", "Python", "  python ", "dbt"}, *again[] = {"dbt", "Python"};
    skill_gap_add_job(&g, job, 4, 1.0);
    skill_gap_add_job(&g, again, 2, 1.0);
    assert_int_equal(g.respelled, 0);
    const char *other[] = {"DBT"};
    skill_gap_add_job(&g, other, 1, 1.0);
    assert_int_equal(g.respelled, 1);
    skill_gap_add_job(&g, other, 1, 1.0); /* a name is counted once */
    assert_int_equal(g.respelled, 1);
    skill_gap_finish(&g, NULL, 0);
    assert_string_equal(g.items[0].name, "DBT"); /* 3 jobs: "DBT" before "dbt" */
    skill_gap_free(&g);

    /* the same jobs the other way round: the same name, respelled the other way */
    skill_gap_init(&g, d);
    skill_gap_add_job(&g, other, 1, 1.0);
    skill_gap_add_job(&g, again, 2, 1.0);
    skill_gap_add_job(&g, job, 4, 1.0);
    assert_int_equal(g.respelled, 1);
    skill_gap_finish(&g, NULL, 0);
    assert_string_equal(g.items[0].name, "DBT");
    skill_gap_free(&g);
    skills_free(d);
}

/* Entry by entry (not memcmp: the bytes after a key's or a name's NUL and the padding are never
 * written, so two equal gaps may differ there). */
static void assert_same_items(const struct skill_gap_entry *a, const struct skill_gap_entry *b,
                              size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(a[i].key, b[i].key);
        assert_string_equal(a[i].name, b[i].name);
        assert_int_equal(a[i].jobs, b[i].jobs);
        assert_float_equal(a[i].demand, b[i].demand, EPS);
        assert_int_equal(a[i].top, b[i].top);
        assert_int_equal(a[i].have, b[i].have);
    }
}

/* A copy has its own memory and the same content, finished or not (the cache of
 * src/model/score_cache.c hands out copies of a kept gap); an empty one copies too. */
static void test_copy(void **state)
{
    (void)state;
    struct skills_dict *d = skills_load(dict_text, strlen(dict_text));
    struct skill_gap g, copy, building;
    skill_gap_init(&g, d);
    const char *job1[] = {"k8s", "SQL"}, *job2[] = {"Kubernetes", "Go"}, *have[] = {"sql"};
    skill_gap_add_job(&g, job1, 2, 1.0);
    skill_gap_copy(&building, &g); /* with its index */
    skill_gap_add_job(&building, job2, 2, 0.5);
    assert_int_equal(g.n, 2);
    assert_int_equal(building.n, 3);
    skill_gap_add_job(&g, job2, 2, 0.5);
    skill_gap_finish(&g, have, 1);
    skill_gap_finish(&building, have, 1);
    skill_gap_copy(&copy, &g);
    assert_ptr_not_equal(copy.items, g.items);
    assert_int_equal(copy.n, g.n);
    assert_int_equal(copy.missing, g.missing);
    assert_same_items(copy.items, g.items, g.n);
    assert_same_items(building.items, g.items, g.n);
    skill_gap_free(&g); /* the copy stands alone */
    assert_string_equal(copy.items[0].name, "Kubernetes");
    assert_float_equal(copy.items[0].demand, 1.5, EPS);
    skill_gap_free(&copy);
    skill_gap_free(&building);
    skill_gap_init(&g, d);
    skill_gap_copy(&copy, &g);
    assert_int_equal(copy.n, 0);
    skill_gap_free(&copy);
    skills_free(d);
}

/* A finished gap reopened, a job taken out (its repeats counted once, as when added) and
 * others added, finished again: the gap built from the remaining jobs, entries no job asks for
 * gone, the user's marks set again; taking out what was never counted is refused. Also over
 * many entries (the index is made again for all of them). */
static void test_reopen_remove(void **state)
{
    (void)state;
    struct skills_dict *d = skills_load(dict_text, strlen(dict_text));
    const char *job1[] = {"k8s", "Kubernetes", "SQL"}, *job2[] = {"Rust", "py"},
               *job3[] = {"Python", "Docker"}, *have[] = {"sql", "docker"};
    struct skill_gap g, fresh;
    skill_gap_init(&g, d);
    skill_gap_add_job(&g, job1, 3, 1.0);
    skill_gap_add_job(&g, job2, 2, 1.0);
    skill_gap_finish(&g, have, 2);
    skill_gap_reopen(&g);
    assert_true(skill_gap_remove_job(&g, job1, 3, 1.0));
    skill_gap_add_job(&g, job3, 2, 1.0);
    skill_gap_finish(&g, have, 2);
    skill_gap_init(&fresh, d);
    skill_gap_add_job(&fresh, job2, 2, 1.0);
    skill_gap_add_job(&fresh, job3, 2, 1.0);
    skill_gap_finish(&fresh, have, 2);
    assert_int_equal(g.n, 3); /* Kubernetes and SQL gone */
    assert_int_equal(g.n, fresh.n);
    assert_int_equal(g.missing, fresh.missing);
    assert_same_items(g.items, fresh.items, g.n);
    skill_gap_reopen(&g);
    const char *never[] = {"Terraform"};
    assert_false(skill_gap_remove_job(&g, never, 1, 1.0));
    skill_gap_free(&g);
    skill_gap_free(&fresh);

    char names[300][24];
    const char *all[300];
    for (int i = 0; i < 300; i++) {
        snprintf(names[i], sizeof names[i], "tool %d", i);
        all[i] = names[i];
    }
    skill_gap_init(&g, d);
    skill_gap_init(&fresh, d);
    for (int i = 0; i < 300; i += 3) {
        skill_gap_add_job(&g, all + i, 3, 1.0);
        if (i != 150)
            skill_gap_add_job(&fresh, all + i, 3, 1.0);
    }
    skill_gap_finish(&g, NULL, 0);
    skill_gap_finish(&fresh, NULL, 0);
    skill_gap_reopen(&g);
    assert_true(skill_gap_remove_job(&g, all + 150, 3, 1.0));
    skill_gap_finish(&g, NULL, 0);
    assert_int_equal(g.n, 297);
    assert_same_items(g.items, fresh.items, g.n);
    skill_gap_free(&g);
    skill_gap_free(&fresh);
    skills_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gap),
        cmocka_unit_test(test_gap_many),
        cmocka_unit_test(test_gap_repeated_names),
        cmocka_unit_test(test_gap_respelled),
        cmocka_unit_test(test_copy),
        cmocka_unit_test(test_reopen_remove),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
