/*
 * This file tests src/core/questions.c: the shipped bank (sizes per category, well-formed
 * entries, a rubric on every question with every rubric line of the file kept), parsing of
 * malformed lines and of rubric lines, topic matching from tech stacks and free text, the
 * seeded selection (determinism, counts, no repeats, categories, difficulty mix and levels,
 * fallbacks, questions asked recently taken last) and the parsing of a language model's list
 * of questions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/questions.h"
#include "lib/embedded.h"

static size_t select_n(const char *type, const char *const *skills, size_t nskills,
                       const char *text, const char *difficulty, size_t total, uint64_t seed,
                       const struct question **out)
{
    struct question_request r = {type, skills, nskills, text, difficulty, total, seed};
    return questions_select(questions_default(), &r, out);
}

static bool in_list(const struct question *const *q, size_t n, const struct question *x)
{
    for (size_t i = 0; i < n; i++)
        if (q[i] == x)
            return true;
    return false;
}

static void test_default_bank(void **state)
{
    const struct question_bank *b = questions_default();
    /* the bank of issue 13: 332 questions, each with a rubric */
    assert_true(questions_count(b) >= 300);
    assert_true(questions_in_category(b, "behavioral") >= 25);
    assert_true(questions_in_category(b, "system_design") >= 20);
    assert_true(questions_in_category(b, "case_study") >= 16);
    assert_true(questions_in_category(b, "general") >= 18);
    static const char *const topics[] = {
        "sql",
        "language:python",
        "language:javascript",
        "language:typescript",
        "language:java",
        "language:c",
        "language:c++",
        "language:go",
        "language:rust",
        "language:c#",
        "language:kotlin",
        "language:swift",
        "react",
        "frontend",
        "docker",
        "kubernetes",
        "aws",
        "gcp",
        "azure",
        "terraform",
        "ci_cd",
        "git",
        "linux",
        "apis",
        "graphql",
        "kafka",
        "redis",
        "mongodb",
        "spark",
        "airflow",
        "data_engineering",
        "machine_learning",
        "security",
        "testing",
        "algorithms",
        "technical",
        "role:product_manager",
        "role:data_scientist",
        "role:data_analyst",
        "role:engineering_manager",
        "role:qa",
        "role:devops_sre",
    };
    for (size_t i = 0; i < sizeof topics / sizeof topics[0]; i++)
        if (questions_in_category(b, topics[i]) < 5)
            fail_msg("topic %s has fewer than 5 questions", topics[i]);
    size_t points = 0, misconceptions = 0;
    for (size_t i = 0; i < questions_count(b); i++) {
        const struct question *q = questions_at(b, i);
        assert_true(q->nkeywords >= 1);
        assert_true(strlen(q->text) >= 10);
        assert_ptr_equal(questions_find(b, q->text), q); /* texts are unique */
        if (q->rubric.npoints < 3 || q->rubric.nmisconceptions < 1)
            fail_msg("%s: %zu points, %zu misconceptions", q->text, q->rubric.npoints,
                     q->rubric.nmisconceptions);
        for (size_t k = 0; k < q->rubric.npoints; k++)
            assert_true(q->rubric.points[k].nphrases >= 2);
        points += q->rubric.npoints;
        misconceptions += q->rubric.nmisconceptions;
    }
    assert_null(questions_at(b, questions_count(b)));
    /* every rubric line of the shipped file is kept (none beyond the limits, none dropped) */
    const struct embedded_file *f = embedded_find("assets/questions.txt");
    assert_non_null(f);
    size_t plus = 0, bang = 0;
    for (const char *line = (const char *)f->data; line; line = strchr(line, '\n')) {
        line += *line == '\n';
        while (*line == ' ')
            line++;
        plus += *line == '+';
        bang += *line == '!';
    }
    assert_int_equal(points, plus);
    assert_int_equal(misconceptions, bang);
    assert_true(points >= 1400);
}

static void test_rubric_parsing(void **state)
{
    static const char text[] = "+ orphan: before any question\n"
                               "sql | easy | a | First?\n"
                               "  + point one: alpha, beta ,, gamma\n"
                               "# a comment between rubric lines\n"
                               "  ! wrong idea: delta & epsilon, 2>&1\n"
                               "  + : no name\n"
                               "  + no phrases:  , \n"
                               "  + no colon here\n"
                               "  + two: a: b, c\n"
                               "@topic sql = sql\n"
                               "  + after topic: dropped\n"
                               "sql | extreme | a | Skipped?\n"
                               "  + skipped: with its question\n"
                               "sql | easy | a | Second?\n"
                               "  + p1: x, y\n  + p2: x, y\n  + p3: x, y\n  + p4: x, y\n"
                               "  + p5: x, y\n  + p6: x, y\n  + p7: over the limit\n"
                               "  ! m1: x\n  ! m2: x\n  ! m3: x\n  ! m4: x\n  ! m5: over\n"
                               "  + many: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14\n";
    struct question_bank *b = questions_load(text, sizeof text - 1);
    assert_int_equal(questions_count(b), 2);
    const struct rubric *r = &questions_at(b, 0)->rubric;
    assert_int_equal(r->npoints, 2);
    assert_string_equal(r->points[0].name, "point one");
    assert_int_equal(r->points[0].nphrases, 3);
    assert_string_equal(r->points[0].phrases[0], "alpha");
    assert_string_equal(r->points[0].phrases[1], "beta");
    assert_string_equal(r->points[0].phrases[2], "gamma");
    assert_string_equal(r->points[1].name, "two"); /* split at the first ':' */
    assert_string_equal(r->points[1].phrases[0], "a: b");
    assert_int_equal(r->nmisconceptions, 1);
    assert_string_equal(r->misconceptions[0].name, "wrong idea");
    assert_string_equal(r->misconceptions[0].phrases[0], "delta & epsilon");
    assert_string_equal(r->misconceptions[0].phrases[1], "2>&1");
    r = &questions_at(b, 1)->rubric;
    assert_int_equal(r->npoints, RUBRIC_MAX_POINTS);
    assert_string_equal(r->points[5].name, "p6");
    assert_int_equal(r->nmisconceptions, RUBRIC_MAX_MISCONCEPTIONS);
    assert_string_equal(r->misconceptions[3].name, "m4");
    questions_free(b);
    /* phrases beyond the limit are dropped, the line is kept */
    static const char many[] = "sql | easy | a | Q?\n"
                               "  + many: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14\n";
    b = questions_load(many, sizeof many - 1);
    assert_int_equal(questions_at(b, 0)->rubric.npoints, 1);
    assert_int_equal(questions_at(b, 0)->rubric.points[0].nphrases, RUBRIC_MAX_PHRASES);
    assert_string_equal(questions_at(b, 0)->rubric.points[0].phrases[11], "12");
    questions_free(b);
}

static void test_parsing(void **state)
{
    static const char text[] = "# comment\n"
                               "@topic sql = sql, postgres\n"
                               "behavioral | easy | a, b ,, c | Question one?\n"
                               "behavioral | extreme | a | Bad difficulty?\n"
                               "behavioral | easy | a | Question one?\n" /* duplicate */
                               "behavioral | easy | a\n"                 /* 3 fields */
                               "behavioral | easy | a | b | c\n"         /* 5 fields */
                               " | easy | a | No category?\n"
                               "sql|hard||  Spaced text?  \r\n";
    struct question_bank *b = questions_load(text, sizeof text - 1);
    assert_int_equal(questions_count(b), 2);
    const struct question *q = questions_at(b, 0);
    assert_int_equal(q->rubric.npoints, 0);
    assert_string_equal(q->category, "behavioral");
    assert_string_equal(q->difficulty, "easy");
    assert_string_equal(q->text, "Question one?");
    assert_int_equal(q->nkeywords, 3);
    assert_string_equal(q->keywords[2], "c");
    q = questions_at(b, 1);
    assert_string_equal(q->text, "Spaced text?");
    assert_int_equal(q->nkeywords, 0);
    const char *topics[4];
    const char *const skills[] = {" Postgres "};
    assert_int_equal(questions_topics(b, skills, 1, NULL, topics, 4), 1);
    assert_string_equal(topics[0], "sql");
    questions_free(b);
    questions_free(NULL);
}

static void test_topics(void **state)
{
    const struct question_bank *b = questions_default();
    const char *out[QUESTIONS_MAX_TOPICS];
    const char *const stack[] = {"Python", "PostgreSQL 15", "Go", "C", "k8s"};
    size_t n = questions_topics(b, stack, 5, NULL, out, QUESTIONS_MAX_TOPICS);
    assert_int_equal(n, 5);
    assert_string_equal(out[0], "language:python");
    assert_string_equal(out[1], "sql");
    assert_string_equal(out[2], "language:go");
    assert_string_equal(out[3], "language:c");
    assert_string_equal(out[4], "kubernetes");

    /* free text: long names as whole words only; short ones (c, go, js) never */
    n = questions_topics(b, NULL, 0, "Experience with Kubernetes and AWS; JavaScript a plus", out,
                         QUESTIONS_MAX_TOPICS);
    assert_int_equal(n, 3);
    assert_string_equal(out[0], "language:javascript");
    assert_string_equal(out[1], "kubernetes");
    assert_string_equal(out[2], "aws");
    n = questions_topics(b, NULL, 0, "Report to C-level; go the extra mile with the rest of us",
                         out, QUESTIONS_MAX_TOPICS);
    assert_int_equal(n, 0);
    n = questions_topics(b, NULL, 0, "javascripting", out, QUESTIONS_MAX_TOPICS);
    assert_int_equal(n, 0);
    /* a stack entry and the text naming the same topic count once; max is respected */
    const char *const one[] = {"react"};
    n = questions_topics(b, one, 1, "React and Docker", out, 1);
    assert_int_equal(n, 1);
    assert_string_equal(out[0], "react");
}

static int level(const struct question *q)
{
    return strcmp(q->difficulty, "easy") == 0 ? 0 : strcmp(q->difficulty, "medium") == 0 ? 1 : 2;
}

static void assert_no_repeats(const struct question **q, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_ptr_not_equal(q[i], q[j]);
}

static void test_select_deterministic(void **state)
{
    const struct question *a[QUESTIONS_MAX], *b[QUESTIONS_MAX], *c[QUESTIONS_MAX];
    const char *const stack[] = {"Python", "SQL"};
    size_t na = select_n("technical", stack, 2, "Backend engineer", NULL, 8, 0, a);
    size_t nb = select_n("technical", stack, 2, "Backend engineer", NULL, 8, 0, b);
    assert_int_equal(na, 8);
    assert_int_equal(nb, 8);
    assert_memory_equal(a, b, 8 * sizeof a[0]);
    /* another seed or other inputs give another selection */
    size_t nc = select_n("technical", stack, 2, "Backend engineer", NULL, 8, 42, c);
    assert_int_equal(nc, 8);
    assert_true(memcmp(a, c, 8 * sizeof a[0]) != 0);
    bool python = false, sql = false;
    for (size_t i = 0; i < na; i++) {
        python |= strcmp(a[i]->category, "language:python") == 0;
        sql |= strcmp(a[i]->category, "sql") == 0;
        assert_true(strcmp(a[i]->category, "language:python") == 0 ||
                    strcmp(a[i]->category, "sql") == 0);
    }
    assert_true(python && sql);
}

static void test_select_counts_and_categories(void **state)
{
    const struct question *q[QUESTIONS_MAX];
    for (size_t t = 0; questions_interview_types[t]; t++) {
        const char *type = questions_interview_types[t];
        for (size_t total = 1; total <= QUESTIONS_MAX; total++) {
            for (size_t d = 0; questions_difficulties[d]; d++) {
                size_t n = select_n(type, NULL, 0, NULL, questions_difficulties[d], total, 0, q);
                if (n != total)
                    fail_msg("%s/%s/%zu gave %zu", type, questions_difficulties[d], total, n);
                assert_no_repeats(q, n);
                for (size_t i = 1; i < n; i++)
                    assert_true(level(q[i - 1]) <= level(q[i])); /* easy first */
            }
        }
        /* the type's own category while it lasts */
        size_t n = select_n(type, NULL, 0, NULL, NULL, 8, 0, q);
        for (size_t i = 0; i < n && strcmp(type, "technical") != 0; i++)
            assert_string_equal(q[i]->category, type);
    }
    /* technical without a job: algorithms and general technical questions */
    size_t n = select_n("technical", NULL, 0, NULL, NULL, 10, 0, q);
    for (size_t i = 0; i < n; i++)
        assert_true(strcmp(q[i]->category, "algorithms") == 0 ||
                    strcmp(q[i]->category, "technical") == 0);
    assert_int_equal(select_n("astrology", NULL, 0, NULL, NULL, 5, 0, q), 0);
    assert_int_equal(select_n("behavioral", NULL, 0, NULL, NULL, 0, 0, q), 0);
    assert_int_equal(select_n(NULL, NULL, 0, NULL, NULL, 3, 0, q), 0);
}

static void test_select_difficulty(void **state)
{
    const struct question *q[QUESTIONS_MAX];
    size_t n = select_n("behavioral", NULL, 0, NULL, NULL, 5, 0, q);
    assert_int_equal(n, 5);
    int counts[3] = {0};
    for (size_t i = 0; i < n; i++)
        counts[level(q[i])]++;
    assert_int_equal(counts[0], 2);
    assert_int_equal(counts[1], 2);
    assert_int_equal(counts[2], 1);
    n = select_n("behavioral", NULL, 0, NULL, "hard", 5, 0, q);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(q[i]->difficulty, "hard");
    /* more hard questions than the category has: hard first, then the nearest (medium) */
    size_t hard = 0;
    for (size_t i = 0; i < questions_count(questions_default()); i++) {
        const struct question *x = questions_at(questions_default(), i);
        hard += strcmp(x->category, "system_design") == 0 && strcmp(x->difficulty, "hard") == 0;
    }
    n = select_n("system_design", NULL, 0, NULL, "hard", 12, 0, q);
    assert_int_equal(n, 12);
    size_t got_hard = 0;
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(q[i]->category, "system_design");
        got_hard += strcmp(q[i]->difficulty, "hard") == 0;
        if (strcmp(q[i]->difficulty, "hard") != 0)
            assert_string_equal(q[i]->difficulty, "medium");
    }
    assert_int_equal(got_hard, hard);
    /* a category too small for 20: falls back to general questions only at the end */
    n = select_n("case_study", NULL, 0, NULL, NULL, 20, 0, q);
    assert_int_equal(n, 20);
    size_t own = 0;
    for (size_t i = 0; i < n; i++)
        own += strcmp(q[i]->category, "case_study") == 0;
    assert_int_equal(own, questions_in_category(questions_default(), "case_study"));
}

/* Sessions after the first prefer questions the recent ones did not ask (issue 13: a second
 * session for the same job asked the same three questions). */
static void test_select_prefers_questions_not_asked(void **state)
{
    const struct question_bank *b = questions_default();
    const char *const stack[] = {"Python", "PostgreSQL"};
    const char *asked[QUESTIONS_MAX * 8];
    size_t nasked = 0;
    const struct question *first[QUESTIONS_MAX], *q[QUESTIONS_MAX];
    struct question_request r = {"technical", stack, 2, "Backend engineer", NULL, 3, 0};
    assert_int_equal(questions_select(b, &r, first), 3);
    /* the same request with the first session's questions as history: three new ones */
    for (size_t i = 0; i < 3; i++)
        asked[nasked++] = first[i]->text;
    r.asked = asked;
    r.nasked = nasked;
    assert_int_equal(questions_select(b, &r, q), 3);
    for (size_t i = 0; i < 3; i++) {
        assert_false(in_list(first, 3, q[i]));
        assert_true(strcmp(q[i]->category, "language:python") == 0 ||
                    strcmp(q[i]->category, "sql") == 0);
    }
    /* deterministic for the same inputs */
    const struct question *again[QUESTIONS_MAX];
    assert_int_equal(questions_select(b, &r, again), 3);
    assert_memory_equal(q, again, 3 * sizeof q[0]);

    /* behavioral sessions: every question fresh until the category runs out, then the least
     * recently asked first, never another category while behavioral ones remain */
    size_t total = questions_in_category(b, "behavioral");
    struct question_request br = {"behavioral", NULL, 0, NULL, NULL, 5, 0};
    const char *history[QUESTIONS_MAX * 8]; /* most recent first */
    size_t nhistory = 0, sessions = total / 5;
    for (size_t s = 0; s < sessions; s++) {
        br.asked = history;
        br.nasked = nhistory;
        assert_int_equal(questions_select(b, &br, q), 5);
        for (size_t i = 0; i < 5; i++) {
            assert_string_equal(q[i]->category, "behavioral");
            for (size_t k = 0; k < nhistory; k++)
                if (strcmp(history[k], q[i]->text) == 0)
                    fail_msg("session %zu repeats \"%s\"", s + 1, q[i]->text);
        }
        memmove(history + 5, history, nhistory * sizeof history[0]);
        for (size_t i = 0; i < 5; i++)
            history[i] = q[i]->text;
        nhistory += 5;
    }
    /* the category is nearly used up: the fresh ones first, then the oldest asked */
    br.asked = history;
    br.nasked = nhistory;
    size_t left = total - nhistory;
    assert_true(left < 5);
    assert_int_equal(questions_select(b, &br, q), 5);
    size_t fresh = 0, oldest = 0;
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(q[i]->category, "behavioral");
        bool seen = false;
        for (size_t k = 0; k < nhistory; k++)
            if (strcmp(history[k], q[i]->text) == 0) {
                seen = true;
                oldest += k >= nhistory - 5; /* asked in the first session */
            }
        fresh += !seen;
    }
    assert_int_equal(fresh, left);
    assert_int_equal(fresh + oldest, 5);
    /* texts the bank does not know are ignored */
    const char *unknown[] = {"Not a question of the bank?"};
    br.asked = unknown;
    br.nasked = 1;
    assert_int_equal(questions_select(b, &br, q), 5);
}

static void test_difficulty_plan(void **state)
{
    const char *plan[QUESTIONS_MAX];
    questions_difficulty_plan(NULL, 5, plan);
    assert_string_equal(plan[0], "easy");
    assert_string_equal(plan[1], "easy");
    assert_string_equal(plan[2], "medium");
    assert_string_equal(plan[3], "medium");
    assert_string_equal(plan[4], "hard");
    questions_difficulty_plan("mixed", 1, plan);
    assert_string_equal(plan[0], "medium");
    questions_difficulty_plan("hard", 3, plan);
    for (int i = 0; i < 3; i++)
        assert_string_equal(plan[i], "hard");
    questions_difficulty_plan(NULL, 20, plan);
    assert_string_equal(plan[5], "easy");
    assert_string_equal(plan[6], "medium");
    assert_string_equal(plan[15], "medium");
    assert_string_equal(plan[16], "hard");
}

static void test_parse_lines(void **state)
{
    char text[] = "Here are your questions:\n"
                  "\n"
                  "1. What is a closure in JavaScript?\n"
                  "2) How would you design a cache?\n"
                  "- Tell me about a conflict you resolved.\n"
                  "* \"Why do you want this job?\"\n"
                  "**5.** Explain the event loop.**\n"
                  "Q6: Describe a time you failed.\n"
                  "\xe2\x80\xa2 What is your biggest strength?\n"
                  "   7.   Too short\n"
                  "ok?\n"
                  "3 engineers disagree on a design: what do you do?";
    const char *out[16];
    size_t n = questions_parse_lines(text, out, 16);
    assert_int_equal(n, 9);
    assert_string_equal(out[0], "What is a closure in JavaScript?");
    assert_string_equal(out[1], "How would you design a cache?");
    assert_string_equal(out[2], "Tell me about a conflict you resolved.");
    assert_string_equal(out[3], "Why do you want this job?");
    assert_string_equal(out[4], "Explain the event loop.");
    assert_string_equal(out[5], "Describe a time you failed.");
    assert_string_equal(out[6], "What is your biggest strength?");
    assert_string_equal(out[7], "Too short");
    assert_string_equal(out[8], "3 engineers disagree on a design: what do you do?");
    char more[] = "a question that is long enough\nanother question here\nthird one is here";
    assert_int_equal(questions_parse_lines(more, out, 2), 2);
    char empty[] = "";
    assert_int_equal(questions_parse_lines(empty, out, 2), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_bank),
        cmocka_unit_test(test_parsing),
        cmocka_unit_test(test_rubric_parsing),
        cmocka_unit_test(test_topics),
        cmocka_unit_test(test_select_deterministic),
        cmocka_unit_test(test_select_counts_and_categories),
        cmocka_unit_test(test_select_difficulty),
        cmocka_unit_test(test_select_prefers_questions_not_asked),
        cmocka_unit_test(test_difficulty_plan),
        cmocka_unit_test(test_parse_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
