/*
 * This file declares the line helpers shared by the two halves of the résumé analysis
 * (cv_text.c: cleaning, sections, contact, skills; cv_history*.c: dates, experience,
 * education): blanks, trimming, bullets, copying at a character boundary, walking lines,
 * finding whole words. Pure byte work; it knows nothing of the analysis.
 */
#ifndef COPILOT_CORE_CV_LINES_H
#define COPILOT_CORE_CV_LINES_H

#include <stdbool.h>
#include <stddef.h>

/* Space or tab. */
bool cv_is_blank(char c);
/* Narrows [*a, *b) of s to drop surrounding ASCII whitespace. */
void cv_trim(const char *s, size_t *a, size_t *b);
/* Moves *a past a bullet marker and the blanks after it; true when there was one. */
bool cv_skip_bullet(const char *s, size_t *a, size_t b);
/* Copies s[0..len) into out (size n), NUL-terminated, cut at a UTF-8 character boundary. */
void cv_copy(char *out, size_t n, const char *s, size_t len);
/* Iterates the lines of text[*pos..end): [*ls, *le) without the LF. False at the end. */
bool cv_next_line(const char *text, size_t end, size_t *pos, size_t *ls, size_t *le);
/* True when s[0..len) holds word as a whole word (ASCII, case-insensitive). */
bool cv_has_word(const char *s, size_t len, const char *word);

#endif
