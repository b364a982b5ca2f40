/*
 * This file declares the interview question bank and the deterministic question selection of
 * interview practice. The bank is a text file (assets/questions.txt, format in its header):
 * questions with a category (behavioral, system_design, case_study, general, or a technical
 * topic such as sql or language:python), a difficulty, the keywords a good answer mentions and
 * a rubric (the key points a good answer makes and the misconceptions that mark it wrong, each
 * with the phrases that say it); and topic lines naming the tech-stack words that select each
 * technical topic.
 *
 * questions_select picks the questions of a session from the interview type, the job's tech
 * stack and text, and a difficulty (one level, or a mix); the same request always gives the
 * same questions in the same order (the shuffle is seeded by the request itself).
 * Pure functions: no I/O, no JSON.
 */
#ifndef COPILOT_CORE_QUESTIONS_H
#define COPILOT_CORE_QUESTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QUESTIONS_MAX 20          /* most questions in one session */
#define QUESTIONS_MAX_KEYWORDS 12 /* keywords kept per question */
#define QUESTIONS_MAX_TOPICS 8    /* technical topics taken from one job */
#define RUBRIC_MAX_POINTS 6       /* key points kept per question */
#define RUBRIC_MAX_MISCONCEPTIONS 4
#define RUBRIC_MAX_PHRASES 12 /* phrases kept per rubric line */

/* One rubric line: "+ name: phrase, phrase" (a key point) or "! name: phrase" (a misconception).
 * A phrase "a & b" needs every part in one sentence (matching rules: answer_score.h). */
struct rubric_item {
    const char *name;
    const char *phrases[RUBRIC_MAX_PHRASES];
    size_t nphrases;
};

/* What a good answer to one question makes, and what marks it wrong. */
struct rubric {
    struct rubric_item points[RUBRIC_MAX_POINTS];
    size_t npoints;
    struct rubric_item misconceptions[RUBRIC_MAX_MISCONCEPTIONS];
    size_t nmisconceptions;
};

struct question {
    const char *category;   /* "behavioral", "sql", "language:c", ... */
    const char *difficulty; /* "easy", "medium" or "hard" */
    const char *text;
    const char *keywords[QUESTIONS_MAX_KEYWORDS];
    size_t nkeywords;
    struct rubric rubric; /* empty (0 points) when the file gives none */
};

struct question_bank;

/* Parses a bank from text (len bytes, copied). Never NULL; malformed lines (wrong field count,
 * unknown difficulty, empty text, a text already present) are skipped. A trimmed line starting
 * with '+' or '!' is a rubric line of the question line just above it (comments may sit
 * between): split at the first ':' into the name and the comma-separated phrases, each
 * trimmed; it is skipped when the name or every phrase is empty, when no question line came
 * before it, when that question line was skipped, when a topic line came after it, or when the
 * question already has RUBRIC_MAX_POINTS points (RUBRIC_MAX_MISCONCEPTIONS misconceptions).
 * Phrases beyond RUBRIC_MAX_PHRASES are dropped. Free with questions_free. */
struct question_bank *questions_load(const char *text, size_t len);
void questions_free(struct question_bank *b);
/* The bank built once from the embedded assets/questions.txt (thread-safe, never freed). */
const struct question_bank *questions_default(void);

size_t questions_count(const struct question_bank *b);
/* Question i (< questions_count). Points into the bank. */
const struct question *questions_at(const struct question_bank *b, size_t i);
/* Number of questions of category. */
size_t questions_in_category(const struct question_bank *b, const char *category);
/* The question whose text is exactly text, or NULL. */
const struct question *questions_find(const struct question_bank *b, const char *text);

/* The five interview types (NULL-terminated), as SPEC lists them. */
extern const char *const questions_interview_types[];
/* The accepted difficulty requests (NULL-terminated): easy, medium, hard, mixed. */
extern const char *const questions_difficulties[];

/* The technical topics of a job, at most max, into out (pointers into the bank): first those
 * named by its tech stack entries (in their order), then those whose names (three characters
 * or more) appear as whole words in text (in bank order). skills and text may be NULL. */
size_t questions_topics(const struct question_bank *b, const char *const *skills, size_t nskills,
                        const char *text, const char **out, size_t max);

struct question_request {
    const char *interview_type; /* one of questions_interview_types */
    const char *const *skills;  /* the job's tech stack; may be NULL */
    size_t nskills;
    const char *text;       /* the job's title, requirements and description; may be NULL */
    const char *difficulty; /* easy, medium, hard; NULL or "mixed" for a mix */
    size_t total;           /* 1..QUESTIONS_MAX */
    uint64_t seed;          /* extra variation chosen by the caller (0 = none) */
    /* questions asked in the user's recent sessions, most recent first (texts; may be NULL):
     * taken only when the tier has no other question left, the least recently asked first */
    const char *const *asked;
    size_t nasked;
};

/* Selects r->total questions into out (size >= r->total), without repeats:
 *   - from the categories of the type (technical: the job's topics taken in turn, then
 *     algorithms and general technical questions; the others their own category), falling
 *     back to related categories (general, behavioral) only when those run out;
 *   - inside each tier, questions not in r->asked first; asked ones only when the tier has
 *     nothing else, the least recently asked first;
 *   - a mix is about 30% easy, 50% medium, 20% hard, ordered easy to hard; one level takes
 *     that level first, then the nearest ones.
 * Deterministic: the same request gives the same list. Returns how many were selected (less
 * than total only when the bank is too small); 0 for an unknown type. */
size_t questions_select(const struct question_bank *b, const struct question_request *r,
                        const struct question **out);

/* True for easy, medium and hard (not for mixed or anything else). */
bool questions_is_level(const char *difficulty);
/* The difficulty of each of total positions for a session whose questions come from elsewhere
 * (the language model): the same mix or level questions_select aims for, easy first. */
void questions_difficulty_plan(const char *difficulty, size_t total, const char **out);

/* Splits a language model's answer into questions: one per line, list markers ("1.", "2)",
 * "-", "*", "Q3:") and surrounding quotes or bold markers removed, blank lines and headings
 * (ending with ':') skipped, lines shorter than 8 characters skipped. Modifies text in place;
 * out points into it. Returns how many (at most max). */
size_t questions_parse_lines(char *text, const char **out, size_t max);

#endif
