/*
 * This file declares the deterministic scoring of interview answers (0-100) with feedback,
 * and the summary of a whole session. An answer earns points for
 *   length       0-25  about 80-350 words is best; very short or rambling answers lose points
 *   structure    0-25  four elements, by question category: STAR (situation, task, action,
 *                      result) for behavioral questions; requirements, components, data and
 *                      trade-offs for system design; assumptions, structure, quantification and
 *                      recommendation for case studies; definition, reasoning, example and
 *                      nuance for everything else
 *   keywords     0-30  the share of the question's expected keywords the answer mentions
 *                      (derived from the question text when the question has none)
 *   specificity  0-20  numbers, concrete examples, first-person ownership or technical terms
 * plus lists of strengths and improvements. Same answer, same result. Pure: no I/O, no JSON.
 */
#ifndef COPILOT_CORE_ANSWER_SCORE_H
#define COPILOT_CORE_ANSWER_SCORE_H

#include <stddef.h>

#define ANSWER_MAX_KEYWORDS 12
#define ANSWER_MAX_NOTES 8
#define ANSWER_KEYWORD_LEN 40

struct answer_input {
    const char *category;        /* the question_type: "behavioral", "system_design", "sql", ... */
    const char *question;        /* the question text */
    const char *const *keywords; /* expected keywords; NULL/0 = derive from the question */
    size_t nkeywords;
    const char *answer;
};

struct answer_result {
    int score;                        /* 0-100, the sum of the four parts */
    int length_score;                 /* 0-25 */
    int structure_score;              /* 0-25 */
    int keyword_score;                /* 0-30 */
    int specificity_score;            /* 0-20 */
    size_t words, numbers;            /* words in the answer; words holding a digit */
    const char *structure_kind;       /* "star", "design", "case" or "explanation" */
    const char *found[4], *absent[4]; /* structure elements by name */
    size_t nfound, nabsent;
    const char *matched[ANSWER_MAX_KEYWORDS], *missing[ANSWER_MAX_KEYWORDS];
    size_t nmatched, nmissing;
    const char *strengths[ANSWER_MAX_NOTES], *improvements[ANSWER_MAX_NOTES];
    size_t nstrengths, nimprovements;
    /* storage for keywords derived from the question (matched/missing may point here) */
    char derived[ANSWER_MAX_KEYWORDS][ANSWER_KEYWORD_LEN];
};

/* Scores in->answer (NULL or blank scores 0 with one improvement). Every string in out is
 * static, points into in->keywords, or into out->derived: out must not be copied by value
 * while those pointers are in use. */
void answer_score(const struct answer_input *in, struct answer_result *out);

struct answer_summary {
    double score; /* average of the answered questions' scores, one decimal; 0 when none */
    size_t answered, total;
    const char *level; /* "excellent" >= 85, "good" >= 70, "fair" >= 50, "needs_work", or
                          "not_answered" when no question was answered */
    /* the most frequent (ties by first seen); improvements end with a reminder to answer
     * every question when some were left unanswered */
    const char *strengths[3], *improvements[4];
    size_t nstrengths, nimprovements;
    char message[256]; /* one sentence for people */
};

/* Summarises a session: scores of the answered questions (answered of total), and every
 * strength and improvement the answers received (strings compared by content; out points to
 * them). */
void answer_summarize(const double *scores, size_t answered, size_t total,
                      const char *const *strengths, size_t nstrengths,
                      const char *const *improvements, size_t nimprovements,
                      struct answer_summary *out);

#endif
