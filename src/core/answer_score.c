/*
 * This file implements the answer scoring of answer_score.h. Matching is ASCII
 * case-insensitive and starts at word starts; phrases of five or more characters match as
 * prefixes ("result" finds "results", "resulted"), shorter ones as whole words ("so i" does not
 * find "so it"). Keywords are stemmed ("scale" finds "scaling", "prioritize" "prioritized").
 */
#include "answer_score.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ================================================================ text helpers */

static bool word_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* Is phrase at text[i]? (See the file comment for the boundary rules.) */
static bool phrase_at(const char *text, size_t i, const char *phrase, size_t n)
{
    if (strncasecmp(text + i, phrase, n) != 0)
        return false;
    if (word_char((unsigned char)phrase[0]) && i > 0 && word_char((unsigned char)text[i - 1]))
        return false;
    return n >= 5 || !word_char((unsigned char)phrase[n - 1]) ||
           !word_char((unsigned char)text[i + n]);
}

static bool has_phrase(const char *text, const char *phrase)
{
    size_t n = strlen(phrase);
    for (size_t i = 0; n && text[i]; i++)
        if (phrase_at(text, i, phrase, n))
            return true;
    return false;
}

static bool any_phrase(const char *text, const char *const *phrases)
{
    for (; *phrases; phrases++)
        if (has_phrase(text, *phrases))
            return true;
    return false;
}

struct counts {
    size_t words, numbers, first_person, technical;
};

/* Counts words, words with digits, "I"/"my" and technical-looking tokens (API, std::move). */
static void count_words(const char *text, struct counts *c)
{
    memset(c, 0, sizeof *c);
    for (const char *p = text; *p;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        const char *start = p;
        bool alnum = false, digit = false, symbol = false;
        int upper = 0;
        for (; *p && !isspace((unsigned char)*p); p++) {
            unsigned char ch = (unsigned char)*p;
            alnum |= word_char(ch);
            digit |= isdigit(ch) != 0;
            upper += isupper(ch) != 0;
            symbol |=
                p > start && (strchr("_(:#", ch) || (ch == '.' && isalpha((unsigned char)p[1])));
        }
        size_t len = (size_t)(p - start);
        if (!alnum)
            continue;
        c->words++;
        c->numbers += digit;
        c->technical += upper >= 2 || symbol;
        c->first_person += (len >= 1 && (start[0] == 'I' || start[0] == 'i') &&
                            (len == 1 || !word_char((unsigned char)start[1]))) ||
                           (len >= 2 && strncasecmp(start, "my", 2) == 0 &&
                            (len == 2 || !word_char((unsigned char)start[2])));
    }
}

/* ================================================================ structure */

struct element {
    const char *name;
    const char *missing; /* the improvement when the answer lacks it */
    const char *const *markers;
};

#define MARKERS(...)                                                                               \
    (const char *const[])                                                                          \
    {                                                                                              \
        __VA_ARGS__, NULL                                                                          \
    }

static const struct element star[4] = {
    {"situation", "Set the scene: briefly describe the situation and its context.",
     MARKERS("situation", "context", "background", "at my previous", "at my last", "when i was",
             "we were", "our team", "the project", "at the time", "last year", "in my role",
             "i was working", "i worked at", "while working")},
    {"task", "State the task: what you were responsible for or had to achieve.",
     MARKERS("task", "goal", "my responsib", "i was responsible", "i needed to", "we needed to",
             "i had to", "we had to", "challenge", "objective", "my job was", "my role was",
             "asked to", "the problem was", "aim was")},
    {"action", "Detail your actions: what you did, step by step, in the first person.",
     MARKERS("i decided", "i implemented", "i built", "i created", "i led", "i organi", "i wrote",
             "i worked with", "i proposed", "i set up", "i talked", "i spoke", "i met",
             "i scheduled", "i analy", "i started", "i took", "i reached out", "i designed",
             "i asked", "i suggested", "i introduced", "i focused", "so i", "i then", "first, i",
             "action", "i made", "i helped", "i changed")},
    {"result", "Share the result: the outcome, ideally measured, and what you learned.",
     MARKERS("result", "outcome", "in the end", "ultimately", "led to", "increas", "reduc",
             "improv", "saved", "deliver", "achiev", "learned", "learnt", "finally", "grew", "cut ",
             "success", "impact", "launched", "on time")},
};

static const struct element design[4] = {
    {"requirements", "Start with requirements and scale: users, traffic, data volume.",
     MARKERS("requirement", "users", "scale", "traffic", "requests per", "read-heavy",
             "write-heavy", "functional", "qps", "throughput", "latency", "million")},
    {"components", "Name the main components: APIs, services, storage, caches, queues.",
     MARKERS("api", "service", "server", "load balancer", "cache", "queue", "database", "storage",
             "cdn", "worker", "gateway", "client")},
    {"data", "Describe the data model and how it is stored, indexed or partitioned.",
     MARKERS("schema", "table", "index", "shard", "partition", "replica", "replication",
             "key-value", "data model", "primary key", "store the", "stored")},
    {"trade_offs", "Discuss trade-offs, bottlenecks and what happens when parts fail.",
     MARKERS("trade-off", "tradeoff", "trade off", "bottleneck", "consisten", "availab", "failure",
             "fails", "single point", "however", "instead", "downside", "cost")},
};

static const struct element case_study[4] = {
    {"assumptions", "State your assumptions and clarify the objective first.",
     MARKERS("assum", "clarif", "objective", "goal", "first i would ask", "i would ask",
             "understand", "define")},
    {"structure", "Structure the problem into parts before solving it.",
     MARKERS("framework", "break down", "break it down", "first", "second", "segment", "factors",
             "drivers", "split", "three areas", "categories", "on one side")},
    {"quantification", "Quantify: estimate, calculate or compare with data.",
     MARKERS("estimat", "calculat", "data", "compare", "%", "percent", "per day", "per year",
             "roughly", "about", "approximately", "metric", "revenue", "cost")},
    {"recommendation", "End with a clear recommendation and the next steps.",
     MARKERS("recommend", "suggest", "conclu", "therefore", "next step", "overall", "i would",
             "my advice", "in summary", "the answer is")},
};

static const struct element explanation[4] = {
    {"definition", "Start by defining the concept plainly.",
     MARKERS("is a", "is an", "is the", "means", "refers to", "is when", "are used", "is used",
             "lets you", "allows")},
    {"reasoning", "Explain why, not only what: causes, reasons, consequences.",
     MARKERS("because", "so that", "which means", "therefore", "since", "this is why",
             "as a result", "in order to", "the reason")},
    {"example", "Give a concrete example, ideally from your own work.",
     MARKERS("for example", "for instance", "e.g.", "such as", "in my project", "in my last",
             "i used", "we used", "like when", "example")},
    {"nuance", "Mention limits and trade-offs: when it does not apply, what it costs.",
     MARKERS("however", "but ", "trade-off", "tradeoff", "downside", "depends", "unless",
             "on the other hand", "whereas", "drawback", "limitation", "careful")},
};

/* The structure elements of a question category, and their kind's name. */
static const struct element *elements_for(const char *category, const char **kind)
{
    if (category && (strcmp(category, "behavioral") == 0)) {
        *kind = "star";
        return star;
    }
    if (category && strcmp(category, "system_design") == 0) {
        *kind = "design";
        return design;
    }
    if (category && strcmp(category, "case_study") == 0) {
        *kind = "case";
        return case_study;
    }
    *kind = "explanation";
    return explanation;
}

static void score_structure(const struct answer_input *in, struct answer_result *out)
{
    const struct element *els = elements_for(in->category, &out->structure_kind);
    for (int i = 0; i < 4; i++) {
        if (any_phrase(in->answer, els[i].markers))
            out->found[out->nfound++] = els[i].name;
        else
            out->absent[out->nabsent++] = els[i].name;
    }
    out->structure_score = (int)(out->nfound * 25 + 2) / 4;
}

/* The improvements for the structure elements the answer lacks. */
static void structure_improvements(const struct answer_input *in, struct answer_result *out)
{
    const char *kind;
    const struct element *els = elements_for(in->category, &kind);
    for (int i = 0; i < 4; i++)
        for (size_t j = 0; j < out->nabsent; j++)
            if (strcmp(els[i].name, out->absent[j]) == 0 && out->nimprovements < ANSWER_MAX_NOTES)
                out->improvements[out->nimprovements++] = els[i].missing;
}

/* ================================================================ keywords */

/* Words of five or more letters that say nothing about a question's subject. */
static const char *const stopwords[] = {
    "about",     "after",      "again",     "being",   "between", "could",   "describe",
    "different", "difference", "doing",     "explain", "example", "every",   "first",
    "given",     "handle",     "having",    "other",   "should",  "their",   "there",
    "these",     "thing",      "things",    "those",   "through", "under",   "using",
    "wants",     "where",      "which",     "while",   "would",   "without", "yourself",
    "someone",   "something",  "situation", "works",   "takes",   NULL,
};

static bool stopword(const char *w)
{
    for (const char *const *s = stopwords; *s; s++)
        if (strcmp(*s, w) == 0)
            return true;
    return false;
}

/* Fills out->derived with up to six distinct content words (5+ letters) of the question. */
static size_t derive_keywords(const char *question, struct answer_result *out)
{
    size_t n = 0;
    for (const char *p = question ? question : ""; *p && n < 6;) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        size_t len = 0;
        char word[ANSWER_KEYWORD_LEN];
        for (; isalpha((unsigned char)*p) || *p == '-'; p++)
            if (len + 1 < sizeof word)
                word[len++] = (char)tolower((unsigned char)*p);
        word[len] = '\0';
        if (len < 5 || stopword(word))
            continue;
        bool seen = false;
        for (size_t i = 0; i < n && !seen; i++)
            seen = strcmp(out->derived[i], word) == 0;
        if (!seen)
            memcpy(out->derived[n++], word, len + 1);
    }
    return n;
}

/* The keyword lower-cased with a common English suffix removed (the part answers must have). */
static void stem(const char *keyword, char *out, size_t size)
{
    size_t len = 0;
    for (; keyword[len] && len + 1 < size; len++)
        out[len] = (char)tolower((unsigned char)keyword[len]);
    out[len] = '\0';
    static const char *const suffixes[] = {"ing", "ies", "ed", "es", "s", "e", "y"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t s = strlen(suffixes[i]);
        if (len >= s + 4 && strcmp(out + len - s, suffixes[i]) == 0) {
            out[len - s] = '\0';
            return;
        }
    }
}

static bool mentions(const char *answer, const char *keyword)
{
    char s[ANSWER_KEYWORD_LEN * 2];
    stem(keyword, s, sizeof s);
    size_t n = strlen(s);
    for (size_t i = 0; n && answer[i]; i++)
        if (strncasecmp(answer + i, s, n) == 0 &&
            (i == 0 || !word_char((unsigned char)answer[i - 1]) ||
             !word_char((unsigned char)s[0])) &&
            (n >= 4 || !word_char((unsigned char)answer[i + n])))
            return true;
    return false;
}

static void score_keywords(const struct answer_input *in, struct answer_result *out)
{
    const char *derived[ANSWER_MAX_KEYWORDS];
    const char *const *keywords = in->keywords;
    size_t n = in->keywords ? in->nkeywords : 0;
    if (n == 0) {
        n = derive_keywords(in->question, out);
        for (size_t i = 0; i < n; i++)
            derived[i] = out->derived[i];
        keywords = derived;
    }
    if (n > ANSWER_MAX_KEYWORDS)
        n = ANSWER_MAX_KEYWORDS;
    for (size_t i = 0; i < n; i++) {
        if (mentions(in->answer, keywords[i]))
            out->matched[out->nmatched++] = keywords[i];
        else
            out->missing[out->nmissing++] = keywords[i];
    }
    out->keyword_score = n ? (int)((out->nmatched * 30 + n / 2) / n) : 15;
}

/* ================================================================ length and specificity */

static int length_points(size_t words)
{
    if (words == 0)
        return 0;
    if (words < 15)
        return 5;
    if (words < 40)
        return 12;
    if (words < 80)
        return 20;
    if (words <= 350)
        return 25;
    return words <= 600 ? 20 : 12;
}

static const char *const concrete_markers[] = {
    "for example", "for instance",  "specifically",   "e.g.",       "such as", "%",
    "measured",    "in my project", "at my previous", "at my last", NULL,
};

static void score_specificity(const struct answer_input *in, const struct counts *c,
                              struct answer_result *out)
{
    static const int by_numbers[] = {0, 6, 9, 12};
    int points = by_numbers[c->numbers > 3 ? 3 : c->numbers];
    if (any_phrase(in->answer, concrete_markers))
        points += 4;
    bool behavioral = strcmp(out->structure_kind, "star") == 0;
    if (behavioral ? c->first_person >= 2 : c->technical >= 1)
        points += 4;
    out->specificity_score = points > 20 ? 20 : points;
}

/* ================================================================ feedback */

static void note(const char **list, size_t *n, const char *text)
{
    if (*n < ANSWER_MAX_NOTES)
        list[(*n)++] = text;
}

static const char *structure_strength(const char *kind)
{
    if (strcmp(kind, "star") == 0)
        return "Clear STAR structure: situation, task, action and result.";
    if (strcmp(kind, "design") == 0)
        return "Covers requirements, components, data and trade-offs.";
    if (strcmp(kind, "case") == 0)
        return "Well structured: assumptions, a framework, numbers and a recommendation.";
    return "Well explained: a definition, the reasoning, an example and the limits.";
}

static void feedback(const struct answer_input *in, const struct counts *c,
                     struct answer_result *out)
{
    if (out->length_score == 25)
        note(out->strengths, &out->nstrengths, "Good length: detailed without rambling.");
    if (out->nabsent == 0)
        note(out->strengths, &out->nstrengths, structure_strength(out->structure_kind));
    if (out->nmatched * 10 >= (out->nmatched + out->nmissing) * 7 && out->nmatched > 0)
        note(out->strengths, &out->nstrengths, "Covers the key concepts the question is about.");
    if (c->numbers >= 2)
        note(out->strengths, &out->nstrengths,
             "Specific and measurable: numbers make the impact concrete.");
    if (any_phrase(in->answer, concrete_markers))
        note(out->strengths, &out->nstrengths, "Backs the answer with concrete examples.");

    if (c->words < 40)
        note(out->improvements, &out->nimprovements,
             "Too short: expand with more detail (aim for 80 to 350 words).");
    else if (c->words > 350)
        note(out->improvements, &out->nimprovements,
             "Too long: keep to the essentials (under 350 words).");
    structure_improvements(in, out);
    if (out->nmatched * 2 < out->nmatched + out->nmissing)
        note(out->improvements, &out->nimprovements,
             "Mention the key concepts the question expects (see keywords.missing).");
    if (c->numbers == 0)
        note(out->improvements, &out->nimprovements,
             "Add specifics: numbers, scale or measurable impact.");
}

void answer_score(const struct answer_input *in, struct answer_result *out)
{
    memset(out, 0, sizeof *out);
    struct answer_input input = *in;
    if (input.answer == NULL)
        input.answer = "";
    struct counts c;
    count_words(input.answer, &c);
    score_structure(&input, out);
    score_keywords(&input, out);
    out->words = c.words;
    out->numbers = c.numbers;
    if (c.words == 0) {
        out->structure_score = out->keyword_score = 0;
        note(out->improvements, &out->nimprovements,
             "No answer given: answer the question to get a score.");
        return;
    }
    out->length_score = length_points(c.words);
    score_specificity(&input, &c, out);
    out->score =
        out->length_score + out->structure_score + out->keyword_score + out->specificity_score;
    feedback(&input, &c, out);
}

/* ================================================================ sessions */

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
    out->level = answered == 0      ? "not_answered"
                 : out->score >= 85 ? "excellent"
                 : out->score >= 70 ? "good"
                 : out->score >= 50 ? "fair"
                                    : "needs_work";
    out->nstrengths = most_frequent(strengths, nstrengths, out->strengths, 3);
    out->nimprovements = most_frequent(improvements, nimprovements, out->improvements, 3);
    if (answered < total)
        out->improvements[out->nimprovements++] =
            "Answer every question: unanswered questions get no feedback.";
    if (answered == 0)
        snprintf(out->message, sizeof out->message,
                 "No question was answered, so the session has no score.");
    else
        snprintf(out->message, sizeof out->message,
                 "You answered %zu of %zu questions with an average score of %.1f (%s).", answered,
                 total, out->score,
                 strcmp(out->level, "needs_work") == 0 ? "needs work" : out->level);
}
