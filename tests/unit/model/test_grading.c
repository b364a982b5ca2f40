/*
 * Unit tests for src/model/grading.c: the prompt that asks a language model to grade an answer
 * against the bank's rubric (and without one), reading the model's reply (code fences, rubric
 * names only, missed points derived, the misconception cap, malformed replies), and the
 * built-in grading with no model configured.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/questions.h"
#include "lib/arena.h"
#include "lib/json.h"
#include "model/grading.h"

static const char deadlock_q[] = "What causes deadlocks in a database and how do you prevent them?";

static const struct rubric *deadlock_rubric(void)
{
    const struct question *q = questions_find(questions_default(), deadlock_q);
    assert_non_null(q);
    return &q->rubric;
}

static void test_prompt_carries_the_rubric(void **state)
{
    char *p = grading_prompt(deadlock_q, "sql", deadlock_rubric(), "Two transactions wait.");
    assert_non_null(strstr(p, "Question (sql): What causes deadlocks"));
    assert_non_null(strstr(p, "- consistent lock order (said as: \"same order\""));
    assert_non_null(strstr(p, "Misconceptions that make an answer wrong"));
    assert_non_null(strstr(p, "- blames resources, not locks (said as: \"disk is full\""));
    assert_non_null(strstr(p, "score it 25 or less"));
    assert_non_null(strstr(p, "\"\"\"\nTwo transactions wait.\n\"\"\""));
    assert_non_null(strstr(p, "Reply with one JSON object only"));
    assert_null(strstr(p, "STAR"));
    free(p);
    /* a behavioral question asks for STAR; a question without a rubric says so */
    p = grading_prompt("Model question about your work?", "behavioral", NULL, "I did it.");
    assert_non_null(strstr(p, "There is no rubric"));
    assert_non_null(strstr(p, "STAR"));
    assert_null(strstr(p, "Misconceptions"));
    free(p);
}

static void test_parse_reply(void **state)
{
    const struct rubric *r = deadlock_rubric();
    json_t *f;
    int score;
    char why[200];
    const char *reply =
        "Here is my grade:\n```json\n{\"score\": 71.6, \"covered\": [\"Circular Wait\", \"not a "
        "point\", \"circular wait\"], \"missed\": [\"anything\"], \"misconceptions\": [], "
        "\"strengths\": [\"Clear.\"], \"improvements\": [\"Name the lock order.\"]}\n```";
    assert_int_equal(grading_parse(reply, r, &f, &score, why, sizeof why), 0);
    assert_int_equal(score, 72);
    assert_int_equal(json_get_int(f, "score"), 72);
    json_t *covered = json_object_get(json_object_get(f, "key_points"), "covered");
    assert_int_equal(json_array_size(covered), 1); /* rubric names only, once, as spelt there */
    assert_string_equal(json_string_value(json_array_get(covered, 0)), "circular wait");
    json_t *missed = json_object_get(json_object_get(f, "key_points"), "missed");
    assert_int_equal(json_array_size(missed), r->npoints - 1);
    assert_string_equal(json_string_value(json_array_get(json_object_get(f, "improvements"), 0)),
                        "Name the lock order.");
    json_decref(f);

    /* a misconception caps the score, as the built-in scorer does */
    reply = "{\"score\": 90, \"misconceptions\": [\"blames resources, not locks\"]}";
    assert_int_equal(grading_parse(reply, r, &f, &score, why, sizeof why), 0);
    assert_int_equal(score, 25);
    assert_int_equal(json_array_size(json_object_get(f, "misconceptions")), 1);
    json_decref(f);
    /* without a rubric, names are kept as the model wrote them */
    reply = "{\"score\": 40, \"covered\": [\"scale\"], \"missed\": [\"cost\"]}";
    assert_int_equal(grading_parse(reply, NULL, &f, &score, why, sizeof why), 0);
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(json_object_get(f, "key_points"), "missed"), 0)),
                        "cost");
    json_decref(f);

    /* malformed replies */
    static const char *const bad[] = {
        "no json here",
        "{\"covered\": []}",
        "{\"score\": 101}",
        "{\"score\": -1}",
        "{\"score\": \"80\"}",
        "{\"score\": 80, \"covered\": \"all\"}",
        "{\"score\": 80, \"strengths\": [1, 2]}",
        "[1, 2]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why[0] = '\0';
        if (grading_parse(bad[i], r, &f, &score, why, sizeof why) != -1)
            fail_msg("accepted: %s", bad[i]);
        assert_null(f);
        assert_true(strlen(why) > 10);
    }
}

static void test_builtin_without_a_model(void **state)
{
    struct llm_config none = {0};
    struct arena arena, *a = &arena;
    arena_init(a);
    struct grading g;
    grading_grade(&none, deadlock_q, "sql",
                  "Deadlock, circular wait, row locks, victim, rollback, same order, retry", a, &g);
    assert_string_equal(g.grader, "builtin");
    assert_null(g.warning);
    assert_true(g.score <= 25);
    assert_string_equal(json_string_value(json_object_get(g.feedback, "grader")), "builtin");
    assert_true(json_is_true(json_object_get(json_object_get(g.feedback, "form"), "keyword_list")));
    assert_int_equal(json_get_int(g.feedback, "score"), g.score);
    json_decref(g.feedback);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prompt_carries_the_rubric),
        cmocka_unit_test(test_parse_reply),
        cmocka_unit_test(test_builtin_without_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
