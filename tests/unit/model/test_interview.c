/* Unit tests for the language-model prompt of interview questions (src/model/interview.c):
 * type, count, difficulty, job, the cut of long text, and the questions asked recently. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/interview.h"

static void test_prompt(void **state)
{
    const char *const stack[] = {"Rust", "Go"};
    char text[2100];
    memset(text, 'a', 1999);
    memcpy(text + 1999, "\xc3\xa9tail", 7); /* a two-byte character across the 2,000 cut */
    struct question_request r = {"system_design", stack, 2, text, "hard", 4, 0};
    char *p = interview_prompt(&r, "Globex", "SRE");
    assert_non_null(strstr(p, "Write 4 system design interview questions for the SRE position "
                              "at Globex.\n"));
    assert_non_null(strstr(p, "Difficulty: hard.\n"));
    assert_non_null(strstr(p, "Tech stack: Rust, Go.\n"));
    assert_non_null(strstr(p, "aaa\nAnswer with the questions only, one per line"));
    assert_null(strstr(p, "\xc3")); /* cut before the character, never inside it */
    free(p);
    struct question_request bare = {"case_study", NULL, 0, NULL, NULL, 2, 0};
    p = interview_prompt(&bare, NULL, NULL);
    assert_non_null(strstr(p, "Write 2 case study interview questions for a job candidate.\n"));
    assert_non_null(strstr(p, "Difficulty: a mix, from easy to hard.\n"));
    assert_null(strstr(p, "Tech stack"));
    assert_null(strstr(p, "About the job"));
    assert_null(strstr(p, "asked these recently"));
    free(p);
    /* recently asked questions are named so the model asks different ones */
    const char *const asked[] = {"What is a closure?", "Explain the event loop."};
    struct question_request again = {"technical", NULL, 0, NULL, NULL, 3, 0, asked, 2};
    p = interview_prompt(&again, NULL, NULL);
    assert_non_null(strstr(p, "The candidate was asked these recently; ask different ones:\n"
                              "- What is a closure?\n- Explain the event loop.\n"));
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prompt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
