/*
 * This file implements the reading of an interview answer declared in answer_text.h: the
 * answer is copied with typographic apostrophes and quotes folded to ASCII, cut into
 * sentences (each prose or not: a list of terms, a bullet, a fragment), and searched for
 * phrases with the rubric's matching rules and the negation rule of misconceptions.
 */
#include "answer_text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/xalloc.h"

#define ANSWER_KEYWORD_LEN 40

/* ================================================================ reading */

static bool word_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* Copies answer with typographic apostrophes and double quotes folded to ASCII. */
static char *fold(const char *answer, size_t *len)
{
    size_t n = strlen(answer);
    char *s = xmalloc(n + 1), *o = s;
    for (const char *p = answer; *p;) {
        if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x98 || (unsigned char)p[2] == 0x99)) {
            *o++ = '\'';
            p += 3;
        } else if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
                   ((unsigned char)p[2] == 0x9c || (unsigned char)p[2] == 0x9d)) {
            *o++ = '"';
            p += 3;
        } else
            *o++ = *p++;
    }
    *o = '\0';
    *len = (size_t)(o - s);
    return s;
}

static size_t count_range_words(const char *s, size_t from, size_t to)
{
    size_t n = 0;
    bool in = false;
    for (size_t i = from; i < to; i++) {
        bool w = word_char((unsigned char)s[i]);
        n += w && !in;
        in = w ? true : (isspace((unsigned char)s[i]) ? false : in);
    }
    return n;
}

/* Words that hold a sentence together (articles, pronouns, auxiliaries): a list of terms
 * rarely has them, a sentence almost always does. */
static const char *const function_words[] = {
    "a",     "an",   "the",   "is",     "are",   "was", "were",  "be",   "been",
    "being", "am",   "it",    "its",    "i",     "we",  "you",   "they", "he",
    "she",   "this", "that",  "these",  "those", "my",  "our",   "your", "their",
    "his",   "her",  "do",    "does",   "did",   "has", "have",  "had",  "will",
    "would", "can",  "could", "should", "must",  "may", "might", "to",   NULL,
};

/* The words that join the terms of a sentence: the function words above and these. */
static const char *const joining_words[] = {
    "of", "in",   "on",   "at",   "for",   "with", "by",      "from", "as",   "and",
    "or", "but",  "how",  "what", "why",   "when", "if",      "so",   "than", "not",
    "no", "into", "each", "then", "which", "who",  "because", "only", "all",  NULL,
};

/* Joining words that are words of other European languages too ("a", "i" and "in" in Italian,
 * "no" in Spanish, "do" and "as" in Portuguese, "was", "will", "an" and "am" in German): they
 * do not tell that a text is English. */
static const char *const shared_words[] = {
    "a", "i", "in", "no", "on", "as", "do", "was", "will", "an", "am", "so", NULL,
};

/* How many words of list [from, to) holds. */
static size_t listed_words(const char *s, size_t from, size_t to, const char *const *list)
{
    size_t n = 0;
    for (size_t i = from; i < to;) {
        if (!isalpha((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t w = i;
        while (i < to && isalpha((unsigned char)s[i]))
            i++;
        if (w > from && (s[w - 1] == '\'' || word_char((unsigned char)s[w - 1])))
            continue; /* the tail of "that's" or of "I/O" is not a word of its own */
        for (const char *const *f = list; *f; f++)
            if (strlen(*f) == i - w && strncasecmp(s + w, *f, i - w) == 0) {
                n++;
                break;
            }
    }
    return n;
}

static bool has_function_word(const char *s, size_t from, size_t to)
{
    return listed_words(s, from, to, function_words) > 0;
}

/* The length of "and" or "or" as a word at s[i] (i < to), else 0. */
static size_t and_or_at(const char *s, size_t from, size_t to, size_t i)
{
    if (i > from && word_char((unsigned char)s[i - 1]))
        return 0;
    size_t n = i + 3 <= to && strncasecmp(s + i, "and", 3) == 0  ? 3
               : i + 2 <= to && strncasecmp(s + i, "or", 2) == 0 ? 2
                                                                 : 0;
    return n && (i + n == to || !word_char((unsigned char)s[i + n])) ? n : 0;
}

/* True when [from, to) is a list of terms: three or more pieces separated by , ; or a sentence
 * end, averaging under 3.5 words, fewer than half of them with a function word ("Deadlock,
 * circular wait, row locks, retry"). With four or more "and"/"or", those separate pieces too
 * (session 36: "The answer is global interpreter lock and cpython and one thread and cpu-bound
 * and ..." covered every key point of the GIL question). */
static bool list_shaped(const char *s, size_t from, size_t to)
{
    static const char *const and_or[] = {"and", "or", NULL};
    bool chained = listed_words(s, from, to, and_or) >= 4;
    size_t pieces = 0, words = 0, joined = 0, piece_start = from;
    for (size_t i = from; i <= to; i++) {
        size_t skip = chained && i < to ? and_or_at(s, from, to, i) : 0;
        bool cut = i == to || s[i] == ',' || s[i] == ';' || skip ||
                   (strchr(".!?", s[i]) && (i + 1 >= to || isspace((unsigned char)s[i + 1])));
        if (!cut)
            continue;
        size_t w = count_range_words(s, piece_start, i);
        pieces += w > 0;
        words += w;
        joined += w > 0 && has_function_word(s, piece_start, i);
        piece_start = i + (skip ? skip : 1);
        i += skip ? skip - 1 : 0;
    }
    return pieces >= 3 && words * 2 < pieces * 7 && joined * 2 < pieces;
}

static void add_sentence(struct answer_text *t, size_t *cap, size_t from, size_t to,
                         bool terminated, bool list_line)
{
    size_t words = count_range_words(t->s, from, to);
    if (words == 0)
        return;
    if (t->n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        t->sent = xrealloc(t->sent, *cap * sizeof *t->sent);
    }
    /* a run of ten or more words with under one function or joining word in twelve is terms
       strung together without punctuation ("big o upper bound growth input size worst case
       ..."), not a sentence */
    bool prose = !list_line && words >= 3 && !(!terminated && words <= 5) &&
                 (words >= 4 || has_function_word(t->s, from, to)) &&
                 !(words >= 10 && (listed_words(t->s, from, to, function_words) +
                                   listed_words(t->s, from, to, joining_words)) *
                                          12 <
                                      words) &&
                 !list_shaped(t->s, from, to);
    t->sent[t->n++] = (struct answer_sentence){from, to, words, prose, false};
}

/* Cuts t->s into sentences: at . ! ? ; followed by white space, and at new lines. A line that
 * is a list of terms makes none of its sentences prose. */
static void split_sentences(struct answer_text *t)
{
    size_t cap = 0;
    for (size_t line = 0; line < t->len;) {
        size_t eol = line;
        while (eol < t->len && t->s[eol] != '\n')
            eol++;
        bool list_line = list_shaped(t->s, line, eol);
        size_t from = line;
        for (size_t i = line; i < eol; i++)
            if (strchr(".!?;", t->s[i]) && (i + 1 == eol || isspace((unsigned char)t->s[i + 1]))) {
                add_sentence(t, &cap, from, i + 1, true, list_line);
                from = i + 1;
            }
        add_sentence(t, &cap, from, eol, false, list_line);
        line = eol + 1;
    }
}

/* ================================================================ matching */

/* Is phrase (n bytes) at s[i]? (See the file comment for the boundary rules.) */
static bool phrase_at(const char *s, size_t i, const char *phrase, size_t n)
{
    if (strncasecmp(s + i, phrase, n) != 0)
        return false;
    if (word_char((unsigned char)phrase[0]) && i > 0 && word_char((unsigned char)s[i - 1]))
        return false;
    return n >= 5 || !word_char((unsigned char)phrase[n - 1]) ||
           !word_char((unsigned char)s[i + n]);
}

static const char *const negations[] = {
    "not",           "no",      "never", "nor",   "without", "instead", "rather",  "avoid", "myth",
    "misconception", "mistake", "wrong", "false", "unlike",  "nothing", "neither", NULL,
};

static bool negation_word(const char *w, size_t n)
{
    if (n >= 3 && strncasecmp(w + n - 3, "n't", 3) == 0)
        return true;
    for (const char *const *x = negations; *x; x++)
        if (strlen(*x) == n && strncasecmp(w, *x, n) == 0)
            return true;
    return false;
}

/* Does a clause end at s[i] (see negated)? Not at the point of a number ("3.13": thirty-eighth
 * round, "Free-threaded builds such as 3.13 are not a real thing" affirmed them). */
static bool clause_end(const char *s, size_t from, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '.' && i > from && isdigit((unsigned char)s[i - 1]) &&
        isdigit((unsigned char)s[i + 1]))
        return false;
    return strchr(",;:.!?", c) || (c == '-' && i > from && s[i - 1] == ' ' && s[i + 1] == ' ') ||
           (c == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94));
}

/* Does a negation stand before s[at] in its clause (which starts at from or after the last
 * , ; : . ! ? dash or "but" before at)? */
static bool negated(const char *s, size_t from, size_t at)
{
    bool neg = false;
    for (size_t i = from; i < at;) {
        unsigned char c = (unsigned char)s[i];
        if (clause_end(s, from, i)) {
            neg = false;
            i++;
            continue;
        }
        if (!isalpha(c) && c != '\'') {
            i++;
            continue;
        }
        size_t w = i;
        while (i < at && (isalpha((unsigned char)s[i]) || s[i] == '\''))
            i++;
        if (i - w == 3 && strncasecmp(s + w, "but", 3) == 0)
            neg = false;
        else if (negation_word(s + w, i - w))
            neg = true;
    }
    return neg;
}

/* Verbs that, negated after a point, deny it ("same order does not prevent it", "retries
 * don't help", "status codes do not matter"), and nouns that do after a negation and
 * denial_fillers (thirty-eighth round: "multiprocessing is not an alternative", "asyncio is no
 * option", "free-threaded builds are not a real thing"). */
static const char *const denied_verbs[] = {
    "help",      "helps",      "matter",      "matters",      "prevent", "prevents", "work",
    "works",     "apply",      "applies",     "exist",        "exists",  "fix",      "fixes",
    "solve",     "solves",     "alternative", "alternatives", "option",  "options",  "solution",
    "solutions", "substitute", "thing",       NULL,
};

/* What, negated after a point that states a limit ("cpu-bound threads don't scale"), denies it:
 * "CPU-bound threads are not limited by it", "... are not affected", "... not slowed down"
 * (thirty-eighth round). After any other point it may be the point itself ("multiprocessing is
 * not limited by the GIL", "I/O-bound threads are not affected"). */
static const char *const denied_limits[] = {
    "limited", "affected", "slowed", "restricted", "constrained", "held", NULL,
};

/* Words between a negation and what it denies that keep it going: "not really", "not
 * actually", "not an alternative", "not a real thing", "no real option". */
static const char *const denial_fillers[] = {
    "really", "actually", "a", "an", "any", "the", "real", "good", "valid", "true", NULL,
};

/* Is the word [w, w + n) one of the NULL-terminated words (ASCII case folded)? */
static bool word_listed(const char *w, size_t n, const char *const *words)
{
    for (const char *const *x = words; *x; x++)
        if (strlen(*x) == n && strncasecmp(w, *x, n) == 0)
            return true;
    return false;
}

/* Is what stands before s[at] denied after it, in the rest of its clause (up to to): a
 * negation ("not", "n't", "never", "no") followed by one of denied_verbs (after
 * denial_fillers), or "has nothing to do" ("X does not help", "Y doesn't matter", "Z has
 * nothing to do with it", "W is not an alternative")? */
static bool denied_after(const char *s, size_t at, size_t to, bool limit)
{
    bool neg = false;
    for (size_t i = at; i < to;) {
        if (clause_end(s, at, i))
            return false;
        if (!isalpha((unsigned char)s[i]) && s[i] != '\'') {
            i++;
            continue;
        }
        size_t w = i;
        while (i < to && (isalpha((unsigned char)s[i]) || s[i] == '\''))
            i++;
        size_t n = i - w;
        if (neg && (word_listed(s + w, n, denied_verbs) ||
                    (limit && word_listed(s + w, n, denied_limits))))
            return true;
        if (n == 7 && strncasecmp(s + w, "nothing", 7) == 0)
            return i + 6 <= to && strncasecmp(s + i, " to do", 6) == 0;
        if ((n == 3 && strncasecmp(s + w, "not", 3) == 0) ||
            (n == 5 && strncasecmp(s + w, "never", 5) == 0) ||
            (n == 2 && strncasecmp(s + w, "no", 2) == 0) ||
            (n >= 3 && strncasecmp(s + w + n - 3, "n't", 3) == 0))
            neg = true;
        else if (neg && !word_listed(s + w, n, denial_fillers))
            neg = false;
    }
    return false;
}

/* Does [p, p+n) occur in sentence x (not negated there, when negation is set; not denied
 * after it either, when affirmed is set)? */
static bool part_at(const struct answer_text *t, const struct answer_sentence *x, const char *p,
                    size_t n, bool negation, bool affirmed, bool limit)
{
    for (size_t i = x->start; n && i + n <= x->end; i++)
        if (phrase_at(t->s, i, p, n) && !(negation && negated(t->s, x->start, i)) &&
            !(affirmed && denied_after(t->s, i + n, x->end, limit)))
            return true;
    return false;
}

static bool part_in(const struct answer_text *t, const struct answer_sentence *x, const char *p,
                    size_t n, bool negation)
{
    return part_at(t, x, p, n, negation, false, false);
}

/* Words that praise or point at a term without saying anything about it ("Retry is
 * important too."). */
static const char *const empty_words[] = {
    "important", "crucial", "essential", "key",   "relevant",   "matters", "matter",
    "good",      "great",   "useful",    "thing", "things",     "concept", "topic",
    "factor",    "aspect",  "too",       "also",  "very",       "really",  "definitely",
    "always",    "big",     "part",      "worth", "mentioning", "note",    NULL,
};

/* The words of [from, to) that are neither function, joining nor empty words. */
static size_t content_words(const char *s, size_t from, size_t to)
{
    size_t n = count_range_words(s, from, to);
    size_t other = listed_words(s, from, to, function_words) +
                   listed_words(s, from, to, joining_words) +
                   listed_words(s, from, to, empty_words);
    return n > other ? n - other : 0;
}

bool answer_text_only_names(const struct answer_text *t, const struct answer_sentence *x,
                            const char *phrase)
{
    if (x->words > 8)
        return false;
    return content_words(t->s, x->start, x->end) <= content_words(phrase, 0, strlen(phrase));
}

bool answer_text_has(const struct answer_text *t, const struct answer_sentence *x,
                     const char *phrase, bool negation)
{
    for (bool first = true;; first = false) {
        const char *amp = strstr(phrase, " & ");
        size_t n = amp ? (size_t)(amp - phrase) : strlen(phrase);
        if (!part_in(t, x, phrase, n, negation && first))
            return false;
        if (amp == NULL)
            return true;
        phrase = amp + 3;
    }
}

bool answer_text_affirms(const struct answer_text *t, const struct answer_sentence *x,
                         const char *phrase, bool limit)
{
    for (bool first = true;; first = false) {
        const char *amp = strstr(phrase, " & ");
        size_t n = amp ? (size_t)(amp - phrase) : strlen(phrase);
        if (!part_at(t, x, phrase, n, first, first, limit && first))
            return false;
        if (amp == NULL)
            return true;
        phrase = amp + 3;
    }
}

/* Does any phrase of item occur in a sentence of t (prose ones only when prose_only)? */
/* ================================================================ counting */

void answer_text_count(const char *text, struct answer_counts *c)
{
    memset(c, 0, sizeof *c);
    size_t total = strlen(text);
    c->joining =
        listed_words(text, 0, total, function_words) + listed_words(text, 0, total, joining_words);
    c->shared = listed_words(text, 0, total, shared_words);
    for (const char *p = text; (p = strchr(p, ',')) != NULL; p++)
        c->commas++;
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

/* ================================================================ repetition */

#define SENTENCE_MAX_WORDS 64

/* The distinct words of three or more letters of sentence x (ranges into t->s). */
static size_t sentence_words(const struct answer_text *t, const struct answer_sentence *x,
                             size_t (*w)[2])
{
    size_t n = 0;
    for (size_t i = x->start; i < x->end && n < SENTENCE_MAX_WORDS;) {
        if (!isalnum((unsigned char)t->s[i])) {
            i++;
            continue;
        }
        size_t from = i;
        while (i < x->end && isalnum((unsigned char)t->s[i]))
            i++;
        if (i - from < 3)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = w[k][1] == i - from && strncasecmp(t->s + w[k][0], t->s + from, i - from) == 0;
        if (!seen) {
            w[n][0] = from;
            w[n++][1] = i - from;
        }
    }
    return n;
}

size_t answer_text_mark_repeats(struct answer_text *t)
{
    size_t count = 0;
    size_t(*a)[2] = xmalloc(SENTENCE_MAX_WORDS * sizeof *a);
    size_t(*b)[2] = xmalloc(SENTENCE_MAX_WORDS * sizeof *b);
    for (size_t i = 1; i < t->n; i++) {
        if (!t->sent[i].prose || t->sent[i].words < 4)
            continue;
        size_t na = sentence_words(t, &t->sent[i], a);
        for (size_t j = 0; j < i && na >= 3 && !t->sent[i].repeated; j++) {
            if (!t->sent[j].prose)
                continue;
            size_t nb = sentence_words(t, &t->sent[j], b), both = 0;
            for (size_t x = 0; x < na; x++)
                for (size_t y = 0; y < nb; y++)
                    both += a[x][1] == b[y][1] &&
                            strncasecmp(t->s + a[x][0], t->s + b[y][0], a[x][1]) == 0;
            if (both * 5 >= (na + nb - both) * 4) {
                t->sent[i].repeated = true;
                count++;
            }
        }
    }
    free(a);
    free(b);
    return count;
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
        size_t n = strlen(suffixes[i]);
        if (len >= n + 4 && strcmp(out + len - n, suffixes[i]) == 0) {
            out[len - n] = '\0';
            return;
        }
    }
}

bool answer_text_mentions(const struct answer_text *t, const struct answer_sentence *x,
                          const char *keyword)
{
    char st[ANSWER_KEYWORD_LEN * 2];
    stem(keyword, st, sizeof st);
    size_t n = strlen(st);
    for (size_t i = x->start; n && i + n <= x->end; i++)
        if (strncasecmp(t->s + i, st, n) == 0 &&
            (i == 0 || !word_char((unsigned char)t->s[i - 1]) ||
             !word_char((unsigned char)st[0])) &&
            (n >= 4 || !word_char((unsigned char)t->s[i + n])))
            return true;
    return false;
}

/* ================================================================ the rest of the contract */

void answer_text_read(const char *answer, struct answer_text *t)
{
    memset(t, 0, sizeof *t);
    t->s = fold(answer ? answer : "", &t->len);
    split_sentences(t);
}

void answer_text_free(struct answer_text *t)
{
    free(t->sent);
    free(t->s);
    memset(t, 0, sizeof *t);
}

bool answer_text_opens_with(const struct answer_text *t, const struct answer_sentence *x,
                            const char *phrase)
{
    size_t n = strlen(phrase);
    return x->start + n <= x->end && phrase_at(t->s, x->start, phrase, n);
}

size_t answer_text_occurrences(const struct answer_text *t, const char *phrase)
{
    size_t n = strlen(phrase), count = 0;
    for (size_t i = 0; n && i + n <= t->len; i++)
        count += phrase_at(t->s, i, phrase, n);
    return count;
}
