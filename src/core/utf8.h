/*
 * This file implements the small slice of Unicode the server needs without a Unicode library:
 * strict UTF-8 decoding and validation (no overlong forms, no surrogates, nothing above
 * U+10FFFF), simple case folding for ASCII, Latin-1, Latin Extended-A/B (the common pairs),
 * Latin Extended Additional, Greek, Cyrillic, Armenian and full-width Latin, and letter / digit /
 * whitespace classes that approximate the Unicode properties closely enough for normalising
 * job postings (see docs/domain.md). Pure functions, no allocation except utf8_fold_string.
 */
#ifndef COPILOT_CORE_UTF8_H
#define COPILOT_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT                                                                           \
    0xFFFDu /* what utf8_next yields for a byte that starts no valid sequence */
#define UTF8_MAX_BYTES 4

/*
 * Decodes the code point at the start of s[0..len). On success stores it in *cp and returns the
 * number of bytes it used (1-4). Returns 0 (and leaves *cp alone) when len is 0 or the bytes are
 * not a valid, shortest-form encoding of a Unicode scalar value: stray continuation byte,
 * truncated sequence, overlong form, surrogate (U+D800-U+DFFF) or a value above U+10FFFF.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * Returns the code point at s[*pos] (pos < len) and advances *pos past it. An invalid byte
 * yields UTF8_REPLACEMENT and advances by exactly one byte, so every input makes progress.
 */
uint32_t utf8_next(const char *s, size_t len, size_t *pos);

/*
 * Writes the UTF-8 form of cp to out and returns its length (1-4), or 0 when cp is a surrogate
 * or above U+10FFFF (nothing written).
 */
size_t utf8_encode(uint32_t cp, char out[UTF8_MAX_BYTES]);

/* True when s[0..len) is entirely valid UTF-8 (an empty string is). NUL bytes are allowed. */
bool utf8_valid(const char *s, size_t len);

/* Number of code points in s[0..len); each invalid byte counts as one (as utf8_next sees it). */
size_t utf8_count(const char *s, size_t len);

/*
 * Simple case folding of one code point (upper case to lower case, plus the fold-only pairs
 * such as final sigma to sigma, long s to s, micro sign to mu). U+0130 (capital I with dot)
 * folds to plain i. Code points outside the covered blocks are returned unchanged.
 */
uint32_t utf8_fold(uint32_t cp);

/*
 * Returns a newly allocated (xmalloc; caller frees) NUL-terminated copy of s[0..len) with every
 * code point case-folded; invalid bytes become U+FFFD. Never returns NULL.
 */
char *utf8_fold_string(const char *s, size_t len);

/*
 * Returns a newly allocated (xmalloc; caller frees) NUL-terminated copy of s[0..len) in which
 * every byte that starts no valid sequence is U+FFFD: valid UTF-8 whatever s holds (text a
 * client sent, quoted in an answer, or a message cut inside a character). Never returns NULL.
 */
char *utf8_repair(const char *s, size_t len);

/*
 * Letter: ASCII letters, and above U+007F an approximation of the Unicode Alphabetic property
 * by blocks (Latin-1 letters except U+00D7 and U+00F7, Latin extensions, IPA, Greek, Cyrillic,
 * Armenian, Hebrew, Arabic, Indic scripts, Thai, Georgian, Hangul, kana, CJK ideographs,
 * full-width Latin...), with the blocks' punctuation left out. Combining marks count as letters
 * so that decomposed accents stay attached to their word.
 */
bool utf8_is_letter(uint32_t cp);

/* Decimal digit: ASCII 0-9, Arabic-Indic, extended Arabic-Indic, Devanagari, Thai, full-width. */
bool utf8_is_digit(uint32_t cp);

/* utf8_is_letter || utf8_is_digit. */
bool utf8_is_alnum(uint32_t cp);

/*
 * Unicode White_Space: ASCII tab, LF, VT, FF, CR and space, U+0085, U+00A0, U+1680,
 * U+2000-U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
 */
bool utf8_is_space(uint32_t cp);

/* The length in bytes of s cut to at most max bytes without splitting a UTF-8 sequence (the
 * whole of s when it is not longer). */
size_t utf8_cut(const char *s, size_t max);

#endif
