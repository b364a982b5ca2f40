/*
 * This file tests src/core/templates.c: every content type in every tone renders from the
 * shipped set (with and without a job, no placeholder or condition left over, deterministic),
 * the values (matched and missing skills, experience phrase, fallbacks), and the template
 * language on a small set of its own (conditions, phrases inside phrases, capitalisation,
 * blank-line collapsing, unknown names).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/templates.h"

#include "../template_context.h"

static void test_every_type_and_tone(void **state)
{
    const struct template_set *s = templates_default();
    struct template_context full = with_job(), bare = {.name = "sam"};
    for (size_t t = 0; templates_content_types[t]; t++) {
        for (size_t k = 0; templates_tones[k]; k++) {
            for (int job = 0; job < 2; job++) {
                const char *used = NULL;
                char *text = templates_render(s, templates_content_types[t], templates_tones[k],
                                              job ? &full : &bare, &used);
                if (text == NULL)
                    fail_msg("%s/%s: no template", templates_content_types[t], templates_tones[k]);
                assert_non_null(used);
                assert_true(strncmp(used, templates_content_types[t],
                                    strlen(templates_content_types[t])) == 0);
                assert_true(strlen(text) > 40);
                if (strchr(text, '{') || strchr(text, '}') || strstr(text, "\n?") ||
                    strstr(text, "\n!") || strstr(text, "\n\n\n") || text[0] == '\n' ||
                    text[strlen(text) - 1] == '\n')
                    fail_msg("%s/%s: leftovers in:\n%s", templates_content_types[t],
                             templates_tones[k], text);
                if (job && strcmp(used, "resume_summary.concise") != 0)
                    assert_non_null(strstr(text, "Acme"));
                else if (!job)
                    assert_null(strstr(text, "Acme"));
                char *again = templates_render(s, templates_content_types[t], templates_tones[k],
                                               job ? &full : &bare, NULL);
                assert_string_equal(text, again);
                free(again);
                free(text);
            }
        }
    }
    assert_null(templates_render(s, "poem", "professional", &full, NULL));
    assert_null(templates_render(s, "cover_letter", "angry", &full, NULL));
    assert_null(templates_render(s, NULL, "casual", &full, NULL));
}

static void test_cover_letter(void **state)
{
    struct template_context ctx = with_job();
    const char *used;
    char *text = templates_render(templates_default(), "cover_letter", "professional", &ctx, &used);
    assert_string_equal(used, "cover_letter.default");
    assert_true(strncmp(text, "Dear Hiring Manager,", 20) == 0);
    assert_non_null(strstr(text, "the Backend Engineer position at Acme"));
    assert_non_null(strstr(text, "The role in Berlin"));
    assert_non_null(strstr(text, "As a senior professional"));
    /* matched: the job's spelling and order, then skills named in its text */
    assert_non_null(strstr(text, "The role asks for Python, SQL and Terraform"));
    assert_non_null(strstr(text, "my knowledge of Kubernetes and Rust"));
    assert_non_null(strstr(text, "how I can contribute to Acme."));
    assert_non_null(strstr(text, "Sincerely,\nAda Lovelace\nada@example.com"));
    char *concise = templates_render(templates_default(), "cover_letter", "concise", &ctx, &used);
    assert_string_equal(used, "cover_letter.concise");
    assert_true(strlen(concise) < strlen(text));
    free(concise);
    free(text);

    struct template_context bare = {.name = "sam"};
    text = templates_render(templates_default(), "cover_letter", "enthusiastic", &bare, NULL);
    assert_non_null(strstr(text, "the open position at your company"));
    assert_non_null(strstr(text, "As a motivated professional with experience in a broad range"));
    assert_null(strstr(text, "The role asks"));
    assert_null(strstr(text, "The role in"));
    assert_non_null(strstr(text, "With excitement,\nsam"));
    free(text);
}

static void test_summary_and_tailoring(void **state)
{
    struct template_context ctx = with_job();
    ctx.experience_level = "entry";
    char *text = templates_render(templates_default(), "resume_summary", "casual", &ctx, NULL);
    assert_true(strncmp(text, "An entry-level professional", 27) == 0);
    free(text);
    ctx.njob_skills = 0;
    ctx.job_text = NULL;
    text = templates_render(templates_default(), "resume_tailoring", "professional", &ctx, NULL);
    assert_non_null(strstr(text, "Put your strongest skills (Python, SQL, Docker, Terraform and "
                                 "Go)"));
    assert_non_null(strstr(text, "No obvious skill gaps"));
    free(text);
}

static void test_matched_skills(void **state)
{
    struct template_context ctx = with_job();
    const char *out[8];
    size_t n = templates_matched_skills(&ctx, out, 8);
    assert_int_equal(n, 3);
    assert_string_equal(out[0], "Python"); /* the candidate's spelling, the job's order */
    assert_string_equal(out[1], "SQL");
    assert_string_equal(out[2], "Terraform"); /* "go" in the text is too short to count */
    assert_int_equal(templates_matched_skills(&ctx, out, 1), 1);
    struct template_context none = {0};
    assert_int_equal(templates_matched_skills(&none, out, 8), 0);
}

static void test_language(void **state)
{
    static const char text[] = "# comment\n"
                               "=== phrases calm\n"
                               "hi = Hello {name}\n"
                               "outer = <{hi}>\n"
                               "self = {self}\n"
                               "=== note default\n"
                               "{outer}\n"
                               "{Hi}, {unknown} {not a key} {}\n"
                               "\n"
                               "\n"
                               "?company At {company}.\n"
                               "!company No company, {company}.\n"
                               "?nothing Dropped.\n"
                               "{self}\n"
                               "\n"
                               "=== note shouty\n"
                               "{hi}!\n"
                               "=== broken\n"
                               "stray line\n";
    struct template_set *s = templates_load(text, sizeof text - 1);
    struct template_context ctx = {.name = "bob"};
    const char *used;
    char *out = templates_render(s, "note", "calm", &ctx, &used);
    assert_string_equal(used, "note.default");
    assert_string_equal(out, "<Hello bob>\n"
                             "Hello bob, {unknown} {not a key} {}\n"
                             "\n"
                             "No company, your company.\n"
                             "{self}");
    free(out);
    ctx.company = "Initech";
    out = templates_render(s, "note", "calm", &ctx, NULL);
    assert_non_null(strstr(out, "\nAt Initech.\n"));
    free(out);
    /* a tone-specific template needs that tone's phrases */
    assert_null(templates_render(s, "note", "shouty", &ctx, NULL));
    templates_free(s);
    templates_free(NULL);
    struct template_set *empty = templates_load("", 0);
    assert_null(templates_render(empty, "note", "calm", &ctx, NULL));
    templates_free(empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_type_and_tone),
        cmocka_unit_test(test_cover_letter),
        cmocka_unit_test(test_summary_and_tailoring),
        cmocka_unit_test(test_matched_skills),
        cmocka_unit_test(test_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
