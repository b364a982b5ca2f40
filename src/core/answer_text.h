/*
 * This file declares the reading of an interview answer, the text half of the scorer
 * (answer_score.c): the answer copied with typographic apostrophes and double quotes folded to
 * ASCII, cut into sentences, each marked prose or not, and the phrase matching the rubrics of
 * assets/questions.txt rely on. Pure: no I/O.
 *
 * Sentences end at . ! ? ; followed by white space, and at new lines. A sentence is prose
 * unless it is a list of terms (three or more pieces between commas or semicolons averaging
 * under 3.5 words, fewer than half of them holding an article, pronoun or auxiliary verb), a
 * line of at most five words without a full stop, a piece of one or two words, or a piece of
 * three without an article, pronoun or auxiliary, or a run of ten or more words with under one
 * in twelve an article, pronoun, auxiliary, preposition or conjunction (terms strung together
 * without punctuation); a line that is a list of terms as a whole makes none of its sentences
 * prose.
 *
 * Phrases match ASCII case-insensitively at a word start; one of five or more characters as a
 * prefix ("deadlock" finds "deadlocks"), a shorter one as a whole word; "a & b" needs every
 * part in the sentence. With the negation rule, a match does not count when a negation (not,
 * no, never, nor, without, instead, rather, avoid, myth, misconception, mistake, wrong, false,
 * unlike, nothing, neither, or a word ending in n't) stands before it in its clause (a clause ends
 * at , ; : . ! ? a dash or "but"); for "a & b" the first part decides.
 */
#ifndef COPILOT_CORE_ANSWER_TEXT_H
#define COPILOT_CORE_ANSWER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct answer_sentence {
    size_t start, end; /* byte range in answer_text.s */
    size_t words;
    bool prose;    /* a sentence, not a list of terms, a bullet or a fragment */
    bool repeated; /* set by answer_text_mark_repeats */
};

struct answer_text {
    char *s; /* the answer, folded (owned) */
    size_t len;
    struct answer_sentence *sent; /* owned */
    size_t n;
};

/* Reads answer (NULL reads as "") into t. Free with answer_text_free. */
void answer_text_read(const char *answer, struct answer_text *t);
void answer_text_free(struct answer_text *t);

/* Does sentence x (of eight words or fewer) say nothing about phrase but its name, with words
 * that point at it ("Circular wait is important.", "Retry is key too.")? Its words other than
 * function, joining and empty words are no more than the phrase's. */
bool answer_text_only_names(const struct answer_text *t, const struct answer_sentence *x,
                            const char *phrase);

/* Does phrase occur in sentence x (with the negation rule when negation is set)? */
bool answer_text_has(const struct answer_text *t, const struct answer_sentence *x,
                     const char *phrase, bool negation);
/* Does sentence x make phrase as a claim: an occurrence (of its first part, for "a & b") with
 * no negation before it in its clause and not denied after it there ("X does not help",
 * "Y doesn't matter", "Z has nothing to do with it", "W is not an alternative"; when limit is
 * set, the phrase being one of a point that states a limit, also "V is not limited by it")? */
bool answer_text_affirms(const struct answer_text *t, const struct answer_sentence *x,
                         const char *phrase, bool limit);
/* Does sentence x start with phrase? */
bool answer_text_opens_with(const struct answer_text *t, const struct answer_sentence *x,
                            const char *phrase);
/* Does sentence x mention keyword, stemmed ("scale" finds "scaling": the keyword lower-cased
 * without a common English suffix when four letters remain; a stem under four characters is
 * a whole word)? */
bool answer_text_mentions(const struct answer_text *t, const struct answer_sentence *x,
                          const char *keyword);
/* How many times phrase occurs in the whole text. */
size_t answer_text_occurrences(const struct answer_text *t, const char *phrase);

/* Marks the prose sentences of four or more words whose words of three or more letters are,
 * at 80% or more (Jaccard), those of an earlier prose sentence; returns how many. */
size_t answer_text_mark_repeats(struct answer_text *t);

struct answer_counts {
    size_t words, numbers, first_person, technical;
    size_t joining; /* English articles, pronouns, auxiliaries, prepositions, conjunctions */
    size_t shared;  /* of those, words other languages share ("a", "i", "in", "no", "was") */
    size_t commas;
};
/* Counts in text the words, the words with a digit, "I"/"my", technical-looking tokens (two
 * capitals, or _ ( : # or a dot before a letter inside: API, std::move, os.path), the English
 * words that join others ("the", "is", "of", "because", ...), those of them that are words of
 * other European languages too ("a", "i", "in", "no", "on", "as", "do", "was", "will", "an",
 * "am", "so") and the commas. */
void answer_text_count(const char *text, struct answer_counts *c);

#endif
