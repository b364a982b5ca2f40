/*
 * This file declares the skills dictionary: canonical skill names with their aliases
 * ("javascript: js, ecmascript"), loaded from the embedded text file assets/skills.txt.
 * It matches skill names case-insensitively through the aliases (recommendation scoring,
 * skill gaps) and finds the skills mentioned in free text (résumé parsing).
 * Format of the file: one skill per line, "canonical name: alias, alias"; '#' starts a comment.
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

/* The canonical name of name (itself or an alias, any case, surrounding spaces ignored), or
 * NULL when the dictionary does not know it. Points into the dictionary. */
const char *skills_canonical(const struct skills_dict *d, const char *name);
/* Like skills_canonical, but an unknown name comes back case-folded into out (size n) so that
 * names outside the dictionary still compare case-insensitively. Returns the key. */
const char *skills_key(const struct skills_dict *d, const char *name, char *out, size_t n);
/* The canonical skills mentioned in text as whole words or phrases (case-insensitive, aliases
 * included), each once, in dictionary order; up to max into out. Returns how many. */
size_t skills_find_in_text(const struct skills_dict *d, const char *text, const char **out,
                           size_t max);

#endif
