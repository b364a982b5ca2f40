/*
 * This file declares the grading of one interview answer: by the configured language model
 * against the question's rubric (the key points and misconceptions of the bank, or the
 * question alone for a question the model wrote), with the built-in scorer
 * (src/core/answer_score.c) as the fallback when there is no model or it fails. Either way the
 * result is the feedback document stored on the question: score, key points covered and
 * missed, misconceptions found, strengths, improvements, and "grader" ("builtin" or the model).
 */
#ifndef COPILOT_MODEL_GRADING_H
#define COPILOT_MODEL_GRADING_H

#include <jansson.h>

#include "../core/answer_score.h"
#include "../lib/llm.h"

struct arena;

/* What grading one answer gave. */
struct grading {
    int score;           /* 0-100 */
    json_t *feedback;    /* a new reference: the document stored on the question */
    const char *grader;  /* "builtin" or the language model's name (static or in the arena) */
    const char *warning; /* why the model was not used, when it failed; else NULL */
};

/* Grades answer to the question text of category (a question of the built-in bank brings its
 * keywords and rubric): by llm when it is enabled and answers with a usable grade, else (with
 * a warning when the model failed) by the built-in scorer. */
void grading_grade(const struct llm_config *llm, const char *question, const char *category,
                   const char *answer, struct arena *a, struct grading *out);

/* The prompt asking a model to grade answer (malloc'd, caller frees): the question, its
 * category (behavioral questions are also judged on STAR), the rubric's key points and
 * misconceptions with their phrases when rubric has points, the rules the built-in scorer
 * applies (points count when explained in sentences, a stated misconception makes the answer
 * wrong, lists of terms and padding earn nothing), the answer (cut to 8,000 bytes) and the
 * JSON reply expected. */
char *grading_prompt(const char *question, const char *category, const struct rubric *rubric,
                     const char *answer);

/* Reads a model's reply (a JSON object, possibly inside a code fence or text): score 0-100
 * (required), covered, missed, misconceptions, strengths, improvements (arrays of strings,
 * optional). With a rubric, point and misconception names not in it are dropped and the
 * points not covered are the missed ones; a misconception caps the score at 25, as the
 * built-in scorer does. Returns 0 with *feedback (a new reference, "grader" not set) and
 * *score, or -1 with a reason in why (size n). */
int grading_parse(const char *reply, const struct rubric *rubric, json_t **feedback, int *score,
                  char *why, size_t n);

#endif
