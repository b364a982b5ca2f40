/*
 * Fuzzes the scoring of an interview answer, text a user types (src/core/answer_text.c and
 * answer_score.c): the answer is read into sentences and scored against a question of the
 * shipped bank picked by the first byte (with its rubric), and against the same question by
 * its keywords only.
 * Properties: sentences are byte ranges inside the folded text, in order; the score and its
 * parts stay within their bounds (0-100; points 0-60, structure 0-15, specificity 0-10,
 * length 0-15); the lists of covered and missed points and notes stay within their maxima and
 * hold strings.
 */
#include "fuzz.h"

#include "core/answer_score.h"
#include "core/answer_text.h"
#include "core/questions.h"

static void check_result(const struct answer_result *r)
{
    FUZZ_CHECK(r->score >= 0 && r->score <= 100);
    FUZZ_CHECK(r->points_score >= 0 && r->points_score <= 60);
    FUZZ_CHECK(r->structure_score >= 0 && r->structure_score <= 15);
    FUZZ_CHECK(r->specificity_score >= 0 && r->specificity_score <= 10);
    FUZZ_CHECK(r->length_score >= 0 && r->length_score <= 15);
    FUZZ_CHECK(r->penalty >= 0);
    FUZZ_CHECK(r->ncovered <= ANSWER_MAX_POINTS && r->nmissed <= ANSWER_MAX_POINTS);
    FUZZ_CHECK(r->nstrengths <= ANSWER_MAX_NOTES && r->nimprovements <= ANSWER_MAX_NOTES);
    FUZZ_CHECK(r->nmisconceptions <= RUBRIC_MAX_MISCONCEPTIONS);
    for (size_t i = 0; i < r->ncovered; i++)
        FUZZ_CHECK(r->covered[i] != NULL);
    for (size_t i = 0; i < r->nmissed; i++)
        FUZZ_CHECK(r->missed[i] != NULL);
    for (size_t i = 0; i < r->nstrengths; i++)
        FUZZ_CHECK(r->strengths[i] && strlen(r->strengths[i]) > 0);
    for (size_t i = 0; i < r->nimprovements; i++)
        FUZZ_CHECK(r->improvements[i] && strlen(r->improvements[i]) > 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    const struct question_bank *bank = questions_default();
    const struct question *q = questions_at(bank, fuzz_byte(&in) % questions_count(bank));
    char *answer = fuzz_rest(&in, NULL);

    struct answer_text t;
    answer_text_read(answer, &t);
    size_t prev = 0;
    for (size_t i = 0; i < t.n; i++) {
        FUZZ_CHECK(t.sent[i].start <= t.sent[i].end && t.sent[i].end <= t.len);
        FUZZ_CHECK(t.sent[i].start >= prev);
        prev = t.sent[i].end;
    }
    (void)answer_text_mark_repeats(&t);
    answer_text_free(&t);

    struct answer_result *r = malloc(sizeof *r);
    FUZZ_CHECK(r != NULL);
    struct answer_input with_rubric = {q->category,  q->text,    q->keywords,
                                       q->nkeywords, &q->rubric, answer};
    answer_score(&with_rubric, r);
    check_result(r);
    struct answer_input keywords_only = {q->category, q->text, NULL, 0, NULL, answer};
    answer_score(&keywords_only, r);
    check_result(r);
    free(r);
    free(answer);
    return 0;
}
