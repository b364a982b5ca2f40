/*
 * This file implements the session summary of answer_score.h (answer_summarize): the average
 * score of the answered questions and its level, the most frequent improvements, and the
 * strengths none of them contradicts. answer_score.c scores one answer.
 */
#include "answer_score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/xalloc.h"

/* Up to max of the most frequent distinct strings of items, ties by first appearance. */
static size_t most_frequent(const char *const *items, size_t n, const char **out, size_t max)
{
    size_t count = 0;
    for (size_t k = 0; k < max; k++) {
        const char *best = NULL;
        size_t best_n = 0;
        for (size_t i = 0; i < n; i++) {
            bool taken = false;
            for (size_t j = 0; j < count && !taken; j++)
                taken = strcmp(out[j], items[i]) == 0;
            size_t f = 0;
            for (size_t j = 0; j < n && !taken; j++)
                f += strcmp(items[j], items[i]) == 0;
            if (!taken && f > best_n) {
                best = items[i];
                best_n = f;
            }
        }
        if (best == NULL)
            break;
        out[count++] = best;
    }
    return count;
}

/* Strengths and the improvements that read the same property the other way (by prefix). In
 * one answer's feedback they never meet (strengths() and improvements() of answer_score.c); a
 * session's summary gathers several answers, so it leaves out a strength that one of its
 * improvements contradicts. */
static const char *const contradicted[][6] = {
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
};

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Does one of the n improvements contradict strength? */
static bool contradicts(const char *strength, const char *const *improvements, size_t n)
{
    for (size_t p = 0; p < sizeof contradicted / sizeof contradicted[0]; p++) {
        if (!starts_with(strength, contradicted[p][0]))
            continue;
        for (size_t k = 1; k < 6 && contradicted[p][k]; k++)
            for (size_t j = 0; j < n; j++)
                if (starts_with(improvements[j], contradicted[p][k]))
                    return true;
    }
    return false;
}

void answer_summarize(const double *scores, size_t answered, size_t total,
                      const char *const *strengths, size_t nstrengths,
                      const char *const *improvements, size_t nimprovements,
                      struct answer_summary *out)
{
    memset(out, 0, sizeof *out);
    out->answered = answered;
    out->total = total;
    double sum = 0;
    for (size_t i = 0; i < answered; i++)
        sum += scores[i];
    out->score = answered ? (double)(long)(sum / (double)answered * 10 + 0.5) / 10 : 0;
    /* a rating speaks for the session: only when at least half of it was answered (one
       answer of ten scoring 95 is not an excellent session) */
    out->level = answered == 0          ? "not_answered"
                 : answered * 2 < total ? "incomplete"
                 : out->score >= 85     ? "excellent"
                 : out->score >= 70     ? "good"
                 : out->score >= 50     ? "fair"
                                        : "needs_work";
    out->nimprovements = most_frequent(improvements, nimprovements, out->improvements, 3);
    /* the strengths no chosen improvement contradicts ("Backs the answer with concrete
       examples" of one answer beside "Give a concrete example" of two others) */
    const char **kept = nstrengths ? xmalloc(nstrengths * sizeof *kept) : NULL;
    size_t nkept = 0;
    for (size_t i = 0; i < nstrengths; i++)
        if (!contradicts(strengths[i], out->improvements, out->nimprovements))
            kept[nkept++] = strengths[i];
    out->nstrengths = most_frequent(kept, nkept, out->strengths, 3);
    free(kept);
    if (answered < total)
        out->improvements[out->nimprovements++] =
            "Answer every question: unanswered questions get no feedback.";
    if (answered == 0)
        snprintf(out->message, sizeof out->message,
                 "No question was answered, so the session scores 0.");
    else if (strcmp(out->level, "incomplete") == 0)
        snprintf(out->message, sizeof out->message,
                 "You answered %zu of %zu questions, too few for an overall rating (that needs at "
                 "least %zu); the answered one%s scored %.1f%s.",
                 answered, total, (total + 1) / 2, answered == 1 ? "" : "s", out->score,
                 answered == 1 ? "" : " on average");
    else
        snprintf(out->message, sizeof out->message,
                 "You answered %zu of %zu question%s with an average score of %.1f (%s).", answered,
                 total, total == 1 ? "" : "s", out->score,
                 strcmp(out->level, "needs_work") == 0 ? "needs work" : out->level);
}
