/*
 * This file is the runner of the interview evaluation set (tests/eval/interview/README.md):
 * it scores every labelled answer of answers.json with the built-in scorer against the shipped
 * bank (questions_default(): the question's category, keywords and rubric, as
 * POST /interviews/{id}/questions/{n}/answer does for a bank question) and checks
 *   1. correct beats wrong_fluent and keyword_list, for every question;
 *   2. the pairwise order agrees with the labels in at least 90% of the pairs (correct >
 *      partial, wrong_fluent, keyword_list; partial > wrong_fluent, keyword_list; a tie
 *      disagrees);
 *   3. no correct answer is told to open with the answer itself (answer_direct_answer_advice,
 *      which replaced "Start by defining the concept plainly.");
 *   4. every wrong_fluent answer's feedback names a misconception of its rubric, and no
 *      correct answer's does.
 *   5. every answer of attacks.json (beside answers.json; the adversarial answers of session
 *      34's judge pass: another question's answer, the question copied back, a confidently
 *      wrong one, ...) meets its expectation: a score of at most "at_most" and at least
 *      "at_least", an improvement containing "improvement", no improvement containing
 *      "no_improvement", no strength containing "no_strength" (each optional, one at least).
 *   6. no feedback contradicts itself, over every answer of both files: no strength next to an
 *      improvement that reads the same property the other way ("Backs the answer with concrete
 *      examples." and "Give a concrete example, ..."; the pairs are in contradictions[], kept
 *      here apart from the scorer's code).
 * Prints one summary line, then one line per failure; with -v also every question's scores.
 * Exit status 0 when all six pass, 1 when one does not, 2 when the data is broken.
 * Deterministic: no language model, no clock, no randomness.
 *
 *   build/tests/interview_eval [-v] [answers.json [attacks.json]]
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/answer_score.h"
#include "core/questions.h"

enum { CORRECT, PARTIAL, WRONG, LIST, NLABELS };
static const char *const labels[NLABELS] = {"correct", "partial", "wrong_fluent", "keyword_list"};
/* the ordered pairs of check 2: the first must score strictly higher */
static const int pairs[][2] = {
    {CORRECT, PARTIAL}, {CORRECT, WRONG}, {CORRECT, LIST}, {PARTIAL, WRONG}, {PARTIAL, LIST}};
#define NPAIRS (sizeof pairs / sizeof pairs[0])
#define MAX_FAILURES 400

/* Check 6: a strength starting with the first string contradicts an improvement starting with
 * one of the others ("" starts every strength). */
static const char *const contradictions[][6] = {
    {"Backs the answer with concrete examples", "Give a concrete example"},
    {"Good length", "Too short", "Too long", "Avoid repeating yourself", "Cut the filler"},
    {"Covers the key points", "Key point missed", "Key points missed"},
    {"Specific and measurable", "Add specifics"},
    {"Clear STAR structure", "Set the scene", "State the task", "Detail your actions",
     "Share the result"},
    {"Covers requirements, components", "Start with requirements", "Name the main components",
     "Describe the data model", "Discuss trade-offs"},
    {"Well structured", "State your assumptions", "Structure the problem", "Quantify",
     "End with a clear recommendation"},
    {"Well explained", "Open with the answer itself", "Explain why", "Give a concrete example",
     "Mention limits"},
    {"", "Answer the question asked", "Answer in English", "Answer in sentences"},
};

struct tally {
    size_t questions, pairs_agree, correct_wins, advice, wrong_named, correct_named;
    size_t attacks, attacks_met;
    size_t answers, contradicting; /* check 6 */
    char failures[MAX_FAILURES][400];
    size_t nfailures;
};

/* Records "FAIL <what> <question>"; what is formatted from fmt and its arguments. */
__attribute__((format(printf, 3, 4))) static void failure(struct tally *t, const char *question,
                                                          const char *fmt, ...)
{
    if (t->nfailures == MAX_FAILURES)
        return;
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(t->failures[t->nfailures++], sizeof t->failures[0], "eval interview: FAIL %s %s", what,
             question);
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Check 6 on one answer's feedback: counts it and records the first contradiction. */
static void contradiction(struct tally *t, const char *question, const char *label,
                          const struct answer_result *r)
{
    t->answers++;
    for (size_t p = 0; p < sizeof contradictions / sizeof contradictions[0]; p++)
        for (size_t i = 0; i < r->nstrengths; i++) {
            if (!starts(r->strengths[i], contradictions[p][0]))
                continue;
            for (size_t k = 1; k < 6 && contradictions[p][k]; k++)
                for (size_t j = 0; j < r->nimprovements; j++)
                    if (starts(r->improvements[j], contradictions[p][k])) {
                        t->contradicting++;
                        failure(t, question,
                                "contradicting feedback in %s: \"%.40s\" and \"%.40s\"", label,
                                r->strengths[i], r->improvements[j]);
                        return;
                    }
        }
}

static bool gave_advice(const struct answer_result *r)
{
    for (size_t i = 0; i < r->nimprovements; i++)
        if (strcmp(r->improvements[i], answer_direct_answer_advice) == 0 ||
            strcmp(r->improvements[i], "Start by defining the concept plainly.") == 0)
            return true;
    return false;
}

/* Scores the four answers of one element; returns 0, or 2 when the element is broken. */
static int judge(const struct question_bank *bank, json_t *item, size_t index, bool verbose,
                 struct tally *t)
{
    const char *text = json_string_value(json_object_get(item, "question"));
    const char *category = json_string_value(json_object_get(item, "category"));
    json_t *answers = json_object_get(item, "answers");
    const struct question *q = text ? questions_find(bank, text) : NULL;
    if (q == NULL || category == NULL || strcmp(category, q->category) != 0) {
        fprintf(stderr, "eval interview: element %zu: %s \"%s\"\n", index,
                q ? "category differs from the bank's" : "question not in the bank",
                text ? text : "(no question)");
        return 2;
    }
    int score[NLABELS];
    struct answer_result r;
    for (int k = 0; k < NLABELS; k++) {
        const char *answer = json_string_value(json_object_get(answers, labels[k]));
        if (answer == NULL) {
            fprintf(stderr, "eval interview: element %zu: no %s answer\n", index, labels[k]);
            return 2;
        }
        struct answer_input in = {q->category,  q->text,    q->keywords,
                                  q->nkeywords, &q->rubric, answer};
        answer_score(&in, &r);
        score[k] = r.score;
        contradiction(t, q->text, labels[k], &r);
        if (k == CORRECT && gave_advice(&r)) {
            t->advice++;
            failure(t, q->text, "definition advice to correct (%d)", r.score);
        }
        if (k == CORRECT && r.nmisconceptions > 0) {
            t->correct_named++;
            failure(t, q->text, "misconception named in correct: \"%s\"", r.misconceptions[0]);
        }
        if (k == WRONG && r.nmisconceptions > 0)
            t->wrong_named++;
        else if (k == WRONG)
            failure(t, q->text, "no misconception named in wrong_fluent (%d)", r.score);
    }
    t->questions++;
    if (score[CORRECT] > score[WRONG] && score[CORRECT] > score[LIST])
        t->correct_wins++;
    for (int k = WRONG; k <= LIST; k++)
        if (score[CORRECT] <= score[k])
            failure(t, q->text, "correct<=%s %d<=%d", labels[k], score[CORRECT], score[k]);
    for (size_t p = 0; p < NPAIRS; p++) {
        int a = pairs[p][0], b = pairs[p][1];
        if (score[a] > score[b])
            t->pairs_agree++;
        else if (a != CORRECT || b == PARTIAL)
            failure(t, q->text, "pair %s<=%s %d<=%d", labels[a], labels[b], score[a], score[b]);
    }
    if (verbose)
        printf("%3d %3d %3d %3d  %s\n", score[CORRECT], score[PARTIAL], score[WRONG], score[LIST],
               q->text);
    return 0;
}

static bool noted(const char *const *list, size_t n, const char *part)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(list[i], part))
            return true;
    return false;
}

/* Scores one attack (check 5); returns 0, or 2 when the element is broken. */
static int attack(const struct question_bank *bank, json_t *item, size_t index, bool verbose,
                  struct tally *t)
{
    const char *text = json_string_value(json_object_get(item, "question"));
    const char *what = json_string_value(json_object_get(item, "attack"));
    const char *answer = json_string_value(json_object_get(item, "answer"));
    json_t *at_most = json_object_get(item, "at_most"),
           *at_least = json_object_get(item, "at_least");
    const char *improvement = json_string_value(json_object_get(item, "improvement"));
    const char *no_improvement = json_string_value(json_object_get(item, "no_improvement"));
    const char *no_strength = json_string_value(json_object_get(item, "no_strength"));
    const struct question *q = text ? questions_find(bank, text) : NULL;
    if (q == NULL || what == NULL || answer == NULL ||
        !(at_most || at_least || improvement || no_improvement || no_strength)) {
        fprintf(stderr, "eval interview: attack %zu: %s \"%s\"\n", index,
                q ? "needs attack, answer and an expectation" : "question not in the bank",
                text ? text : "(no question)");
        return 2;
    }
    static struct answer_result r;
    struct answer_input in = {q->category, q->text, q->keywords, q->nkeywords, &q->rubric, answer};
    answer_score(&in, &r);
    t->attacks++;
    contradiction(t, q->text, what, &r);
    size_t failed = t->nfailures;
    if (at_most && r.score > json_integer_value(at_most))
        failure(t, q->text, "attack \"%s\" %d>%d", what, r.score, (int)json_integer_value(at_most));
    if (at_least && r.score < json_integer_value(at_least))
        failure(t, q->text, "attack \"%s\" %d<%d", what, r.score,
                (int)json_integer_value(at_least));
    if (improvement && !noted(r.improvements, r.nimprovements, improvement))
        failure(t, q->text, "attack \"%s\" no improvement \"%s\"", what, improvement);
    if (no_improvement && noted(r.improvements, r.nimprovements, no_improvement))
        failure(t, q->text, "attack \"%s\" improvement \"%s\"", what, no_improvement);
    if (no_strength && noted(r.strengths, r.nstrengths, no_strength))
        failure(t, q->text, "attack \"%s\" strength \"%s\"", what, no_strength);
    t->attacks_met += t->nfailures == failed;
    if (verbose)
        printf("%3d  attack \"%s\"  %s\n", r.score, what, q->text);
    return 0;
}

int main(int argc, char **argv)
{
    bool verbose = false;
    const char *path = "tests/eval/interview/answers.json";
    const char *attacks_path = "tests/eval/interview/attacks.json";
    for (int i = 1, files = 0; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = true;
        else if (files++ == 0)
            path = argv[i];
        else
            attacks_path = argv[i];
    }
    json_error_t error;
    json_t *set = json_load_file(path, 0, &error);
    if (!json_is_array(set) || json_array_size(set) == 0) {
        fprintf(stderr, "eval interview: %s: %s\n", path,
                set ? "not a non-empty array" : error.text);
        json_decref(set);
        return 2;
    }
    static struct tally t;
    const struct question_bank *bank = questions_default();
    size_t i;
    json_t *item;
    json_array_foreach(set, i, item)
    {
        if (judge(bank, item, i, verbose, &t)) {
            json_decref(set);
            return 2;
        }
    }
    json_decref(set);
    set = json_load_file(attacks_path, 0, &error);
    if (!json_is_array(set)) {
        fprintf(stderr, "eval interview: %s: %s\n", attacks_path,
                set ? "not an array" : error.text);
        json_decref(set);
        return 2;
    }
    json_array_foreach(set, i, item)
    {
        if (attack(bank, item, i, verbose, &t)) {
            json_decref(set);
            return 2;
        }
    }
    json_decref(set);
    size_t npairs = t.questions * NPAIRS;
    double agree = 100.0 * (double)t.pairs_agree / (double)npairs;
    bool pass = agree >= 90.0 && t.correct_wins == t.questions && t.advice == 0 &&
                t.wrong_named == t.questions && t.correct_named == 0 &&
                t.attacks_met == t.attacks && t.contradicting == 0;
    printf("eval interview: pairs %.1f%% (\u226590%%), correct>wrong %zu/%zu, definition advice "
           "%zu/%zu, misconceptions named %zu/%zu (in correct answers %zu), attacks met %zu/%zu, "
           "contradicting feedback %zu/%zu -> %s\n",
           agree, t.correct_wins, t.questions, t.advice, t.questions, t.wrong_named, t.questions,
           t.correct_named, t.attacks_met, t.attacks, t.contradicting, t.answers,
           pass ? "PASS" : "FAIL");
    for (size_t k = 0; k < t.nfailures; k++)
        printf("%s\n", t.failures[k]);
    return pass ? 0 : 1;
}
