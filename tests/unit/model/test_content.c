/* Unit tests for the language-model prompt of generated content (src/model/content.c). */
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
    assert_non_null(strstr(p, "Experience level: senior.\n"));
    assert_non_null(strstr(p, "Candidate's skills: Python, SQL, Docker, Terraform, Go.\n"));
    assert_non_null(strstr(p, "Job: Backend Engineer at Acme, Berlin.\n"));
    assert_non_null(strstr(p, "Job's tech stack: Kubernetes, python, SQL, Rust.\n"));
    assert_non_null(strstr(p, "About the job:\nYou know Terraform"));
    assert_non_null(strstr(p, "Instructions from the candidate: Keep it short.\n"));
    free(p);
    struct template_context bare = {0};
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
