/*
 * This file declares the deterministic scoring of interview answers (0-100) with feedback,
 * and the summary of a whole session. The score rewards being right over sounding right:
 *
 *   key points   0-60  the share of the question's key points (its rubric, or its keywords
 *                      when it has none) the answer makes in sentences: a point named only in
 *                      a list of terms, a bullet or a fragment does not count
 *   structure    0-15  four elements, by question category: STAR (situation, task, action,
 *                      result) for behavioral questions; requirements, components, data and
 *                      trade-offs for system design; assumptions, structure, quantification and
 *                      recommendation for case studies; a direct answer, reasoning, an example
 *                      and nuance for everything else
 *   specificity  0-10  numbers, concrete examples, first-person ownership or technical terms
 *   length       0-15  about 80-350 words is best; very short or rambling answers lose points
 *
 * An answer written in sentences with hardly an English word that joins others ("the", "is",
 * "of": under one in twelve, 15 words or more, two sentences of six words or more, few commas)
 * is not English: the rubric phrases cannot be found in it, its feedback says so instead of
 * calling it a list of terms or off topic, and it scores what its parts give (little).
 * An answer that makes none of the key points is off topic (an answer to another question,
 * however well told), and so is a design answer that never names a content word of the
 * question ("url", "shortening": a design rubric's points are generic): it keeps a fifth of
 * its points, its feedback says so and praises nothing.
 *
 * A point named only in negated clauses ("never rolls back one of them") or denied after it
 * ("same order does not prevent it") counts, unless the answer does that to two or more points
 * and to more than it makes plainly: then it denies them, they count as missed, its feedback
 * names them and it scores at most 25, as with a misconception.
 *
 * minus penalties: 25 for each misconception of the rubric the answer states (a negated one
 * does not count), and an answer with one scores at most 25; 5 for each sentence that repeats
 * an earlier one (at most 15); for padding (three or more filler phrases, one in 40 words or
 * denser) 5 for each filler past the second (at most 20); and an answer that is mostly a list
 * of terms scores at most 25. Under 40 words of prose the key points part shrinks in
 * proportion (a dozen words cannot explain five points). Feedback names the key points missed and
 * the misconceptions found. Same answer, same result. Pure: no I/O, no JSON.
 *
 * Matching (rubric phrases, structure markers): ASCII case-insensitive, starting at a word
 * start; a phrase of five or more characters matches as a prefix ("deadlock" finds
 * "deadlocks"), a shorter one only as a whole word; "a & b" needs every part in one sentence;
 * typographic apostrophes are read as "'". A sentence ends at . ! ? ; followed by white space,
 * or at a new line. A misconception phrase does not count when a negation (not, no, never, nor,
 * without, instead, rather, avoid, myth, misconception, mistake, wrong, false, unlike, or a
 * word ending in n't) stands before it in the same clause (a clause ends at , ; : . ! ? a dash
 * or "but"); for "a & b" the first part decides.
 */
#ifndef COPILOT_CORE_ANSWER_SCORE_H
#define COPILOT_CORE_ANSWER_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "questions.h"

#define ANSWER_MAX_KEYWORDS 12
#define ANSWER_MAX_POINTS 12 /* rubric points or keywords, whichever the question has */
#define ANSWER_MAX_NOTES 12
#define ANSWER_KEYWORD_LEN 40

/* The improvement given when an explanation does not open with the answer itself (a
 * definition or a direct statement); an answer whose first sentence defines the concept never
 * receives it. */
extern const char answer_direct_answer_advice[];

struct answer_input {
    const char *category;        /* the question_type: "behavioral", "system_design", "sql", ... */
    const char *question;        /* the question text */
    const char *const *keywords; /* expected keywords; NULL/0 = derive from the question */
    size_t nkeywords;
    const struct rubric *rubric; /* the bank question's rubric; NULL or no points = keywords */
    const char *answer;
};

struct answer_result {
    int score;             /* 0-100: the four parts minus penalty */
    int points_score;      /* 0-60 */
    int structure_score;   /* 0-15 */
    int specificity_score; /* 0-10 */
    int length_score;      /* 0-15 */
    int penalty;           /* >= 0 */
    size_t words;          /* words in the answer */
    size_t prose_words;    /* words in sentences (not in lists of terms or fragments) */
    size_t numbers;        /* words holding a digit */
    size_t repeated;       /* sentences that repeat an earlier one */
    size_t fillers;        /* filler phrases */
    bool keyword_list;     /* mostly a list of terms, not sentences */
    bool padded;           /* enough filler to be penalised */
    bool off_topic;        /* makes none of the key points (there are some) */
    bool not_english;      /* sentences, but hardly an English joining word: not judged */
    bool subject_missed;   /* a design answer that never names what it designs */
    char subject[2 * ANSWER_KEYWORD_LEN]; /* the design question's first subject words */
    const char *structure_kind;           /* "star", "design", "case" or "explanation" */
    const char *found[4], *absent[4];     /* structure elements by name */
    size_t nfound, nabsent;
    /* key points by name (the rubric's, or the keywords) */
    const char *covered[ANSWER_MAX_POINTS], *missed[ANSWER_MAX_POINTS];
    size_t ncovered, nmissed;
    /* points the answer names only to deny them, when it denies most of what it names (they
       are among missed) */
    const char *denied[ANSWER_MAX_POINTS];
    size_t ndenied;
    const char *misconceptions[RUBRIC_MAX_MISCONCEPTIONS]; /* by name, in rubric order */
    size_t nmisconceptions;
    const char *strengths[ANSWER_MAX_NOTES], *improvements[ANSWER_MAX_NOTES];
    size_t nstrengths, nimprovements;
    /* storage: keywords derived from the question, and feedback that names points */
    char derived[ANSWER_MAX_KEYWORDS][ANSWER_KEYWORD_LEN];
    char notes[RUBRIC_MAX_MISCONCEPTIONS + 3][512]; /* misconceptions, subject, denied, missed */
    size_t nnotes;
};

/* Scores in->answer (NULL or blank scores 0 with one improvement). Every string in out is
 * static, points into in (keywords, rubric), or into out itself (derived, notes): out must not
 * be copied by value while those pointers are in use. */
void answer_score(const struct answer_input *in, struct answer_result *out);

struct answer_summary {
    double score; /* average of the answered questions' scores, one decimal; 0 when none */
    size_t answered, total;
    const char *level; /* "excellent" >= 85, "good" >= 70, "fair" >= 50, "needs_work";
                          "incomplete" when under half of the questions were answered (the
                          message says how many, and gives no rating), "not_answered" when
                          none was */
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
