/*
 * This file declares the skills dictionary: canonical skill names with their aliases
 * ("javascript: js, ecmascript"), loaded from the embedded text file assets/skills.txt.
 * It matches skill names case-insensitively through the aliases (recommendation scoring,
 * skill gaps) and finds the skills mentioned in free text (résumé parsing).
 * Format of the file: one skill per line, "Canonical Name: alias, alias"; a line whose first
 * non-blank character is '#' is a comment ('#' elsewhere is data: "C#", "F#"). A line starting
 * with '!' marks a canonical name that is also an everyday word ("!Go: golang"): in free text
 * that name (not its aliases) is found only in exactly the listed spelling ("Go", not "go").
 * Names are compared after trimming, collapsing inner whitespace and case folding; the first
 * skill to claim an alias keeps it. See src/core/skills.c for the word-boundary rules.
 */
#ifndef COPILOT_CORE_SKILLS_H
#define COPILOT_CORE_SKILLS_H

#include <stdbool.h>
#include <stddef.h>

struct skills_dict;

/* Parses a dictionary from text (copied). Never NULL; malformed lines are skipped. */
struct skills_dict *skills_load(const char *text, size_t len);
void skills_free(struct skills_dict *d);
/* The process-wide dictionary built from the embedded assets/skills.txt (made once,
 * thread-safe, never freed). */
const struct skills_dict *skills_default(void);
/* Number of canonical skills. */
size_t skills_count(const struct skills_dict *d);
/* The canonical name of skill i (dictionary order), or NULL when i >= skills_count. */
const char *skills_name(const struct skills_dict *d, size_t i);

/* The canonical name of name (itself or an alias, any case, surrounding spaces ignored), or
 * NULL when the dictionary does not know it. Points into the dictionary. */
const char *skills_canonical(const struct skills_dict *d, const char *name);
/* The comparison key of name: its canonical name when the dictionary knows it, else name
 * trimmed, inner whitespace collapsed and case-folded, so that names outside the dictionary
 * still compare case-insensitively. Two names are the same skill when their keys are equal
 * (strcmp). Written into out (size n, truncated when too small); returns out (or "" when n is
 * 0). */
const char *skills_key(const struct skills_dict *d, const char *name, char *out, size_t n);
/* The canonical skills mentioned in text (NUL-terminated, may be NULL) as whole words or
 * phrases (case-insensitive, aliases included; at each word start the longest name wins, so
 * "c++" is C++ and not C, and "going" holds no "go"), each once, in dictionary order; up to
 * max of them into out (pointers into the dictionary). Returns how many were stored. */
size_t skills_find_in_text(const struct skills_dict *d, const char *text, const char **out,
                           size_t max);

#define SKILLS_KEY_MAX 64 /* bytes of a catalogue key, NUL included */

/* The catalogue key of skill name, without the dictionary: ASCII letters lower-cased,
 * surrounding whitespace dropped, inner runs of whitespace collapsed to one space (other bytes,
 * UTF-8 included, are kept as they are; the key is cut at n - 1 bytes on a character boundary).
 * It is how career resources and learning paths store their skills and tags (lower-cased
 * ASCII, src/model/table.c values_lower_array), so filters and the skill gap compare with what
 * is stored; skills_key, which folds through the dictionary, is for profiles and jobs.
 * Writes into out (size n >= 1) and returns it; an all-blank name gives "". */
char *skills_catalogue_key(const char *name, char *out, size_t n);

#endif
