/*
 * Fuzzes the interview question bank parser (questions_load, src/core/questions.c) on text in
 * the format of assets/questions.txt (question lines with category, difficulty, keywords and
 * text; rubric lines "+ point: phrases" and "! misconception: phrases"; topic lines), then
 * selects a session from the bank it built (an interview type and difficulty the input
 * picks), finds
 * topics in the input, and splits the input as a language model's list of questions.
 * Properties: the parser never fails; every question has a category, a known difficulty, a
 * non-empty text, at most the kept keywords and rubric lines; questions_find finds each text;
 * a selection has no repeats, at most the number asked for, only questions of the bank; the
 * split lines point into the text and are at least 8 characters long.
 */
#include "fuzz.h"

#include "core/questions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct question_bank *b = questions_load((const char *)data, size);
    FUZZ_CHECK(b != NULL);
    size_t count = questions_count(b);
    for (size_t i = 0; i < count; i++) {
        const struct question *q = questions_at(b, i);
        FUZZ_CHECK(q && q->category && q->text && q->text[0]);
        FUZZ_CHECK(questions_is_level(q->difficulty));
        FUZZ_CHECK(q->nkeywords <= QUESTIONS_MAX_KEYWORDS);
        FUZZ_CHECK(q->rubric.npoints <= RUBRIC_MAX_POINTS);
        FUZZ_CHECK(q->rubric.nmisconceptions <= RUBRIC_MAX_MISCONCEPTIONS);
        for (size_t k = 0; k < q->rubric.npoints; k++)
            FUZZ_CHECK(q->rubric.points[k].nphrases <= RUBRIC_MAX_PHRASES);
        FUZZ_CHECK(questions_find(b, q->text) == q);
        (void)questions_in_category(b, q->category);
    }

    char *text = fuzz_strndup((const char *)data, size);
    const char *topics[QUESTIONS_MAX_TOPICS];
    const char *skills[] = {"python", "sql", text};
    size_t nt = questions_topics(b, skills, 3, text, topics, QUESTIONS_MAX_TOPICS);
    FUZZ_CHECK(nt <= QUESTIONS_MAX_TOPICS);

    /* one session a run (the type and difficulty from the input's length and last byte):
     * selecting is the slow part */
    size_t types = 0, levels = 0;
    while (questions_interview_types[types])
        types++;
    while (questions_difficulties[levels])
        levels++;
    unsigned pick = size ? data[size - 1] : 0;
    const struct question *out[QUESTIONS_MAX];
    const char *asked[] = {count ? questions_at(b, 0)->text : "none", text};
    struct question_request r = {
        .interview_type = questions_interview_types[pick % types],
        .skills = skills,
        .nskills = 3,
        .text = text,
        .difficulty = questions_difficulties[(pick / types) % levels],
        .total = 1 + size % QUESTIONS_MAX,
        .seed = size,
        .asked = asked,
        .nasked = 2,
    };
    size_t n = questions_select(b, &r, out);
    FUZZ_CHECK(n <= r.total);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(questions_find(b, out[i]->text) == out[i]);
        for (size_t k = 0; k < i; k++)
            FUZZ_CHECK(out[k] != out[i]);
    }
    const char *plan[QUESTIONS_MAX];
    questions_difficulty_plan(text, 1 + size % QUESTIONS_MAX, plan);

    const char *lines[QUESTIONS_MAX];
    size_t nl = questions_parse_lines(text, lines, QUESTIONS_MAX);
    FUZZ_CHECK(nl <= QUESTIONS_MAX);
    for (size_t i = 0; i < nl; i++) {
        FUZZ_CHECK(lines[i] >= text && lines[i] <= text + size);
        FUZZ_CHECK(strlen(lines[i]) >= 8);
    }
    free(text);
    questions_free(b);
    return 0;
}
