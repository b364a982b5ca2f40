/* Unit tests for the language-model prompt of generated content (src/model/content.c): the
 * résumé's facts, the missing skills with their prohibition, the place, length per type. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/content.h"

#include "../template_context.h"

static void test_prompt(void **state)
{
    struct template_context ctx = with_job();
    char *p = content_prompt("cover_letter", "friendly", &ctx, "Keep it short.");
    assert_non_null(strstr(p, "Write a cover letter for Ada Lovelace. Tone: friendly.\n"));
    assert_non_null(strstr(p, "Contact e-mail (the only one to use): ada@example.com.\n"));
    assert_non_null(strstr(p, "Current role: Data Engineer at Initech.\n"));
    assert_non_null(strstr(p, "Years of experience: 7.\n"));
    assert_non_null(strstr(p, "- Initech: Cut the nightly SQL load from 6 hours to 40 minutes"));
    assert_non_null(strstr(p, "- Globex: Leads the Terraform rollout"));
    assert_non_null(strstr(p, "Candidate's skills (the only skills the text may claim): Python, "
                              "SQL, Docker, Terraform, Go.\n"));
    assert_non_null(strstr(p, "Job: Backend Engineer at Acme in Berlin (hybrid).\n"));
    assert_non_null(strstr(p, "Job's tech stack: Kubernetes, python, SQL, Rust.\n"));
    assert_non_null(strstr(p, "does not have (never claim them): Kubernetes, Rust.\n"));
    assert_null(strstr(p, "Of those, the candidate's instructions name"));
    assert_non_null(strstr(p, "never claim a skill, employer, figure or achievement"));
    assert_non_null(strstr(p, "not a place (\"in Remote\")"));
    assert_non_null(strstr(p, "Length and form: About 200 to 300 words"));
    assert_non_null(strstr(p, "About the job:\nYou know Terraform"));
    assert_non_null(strstr(p, "Instructions from the candidate: Keep it short.\n"));
    free(p);
    ctx.instructions = "Say I am learning Rust.";
    p = content_prompt("linkedin_message", "casual", &ctx, ctx.instructions);
    assert_non_null(strstr(p, "Of those, the candidate's instructions name (say only that they "
                              "are learning it): Rust.\n"));
    assert_non_null(strstr(p, "At most 600 characters"));
    free(p);
    struct template_context bare = {.years = -1};
    p = content_prompt("follow_up", NULL, &bare, NULL);
    assert_non_null(strstr(p, "for the candidate. Tone: professional.\n"));
    assert_null(strstr(p, "Job:"));
    assert_null(strstr(p, "Instructions"));
    free(p);
    assert_null(content_prompt("poem", "casual", &ctx, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prompt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
