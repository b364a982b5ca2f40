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
 * A comment line "#@top: Name, Name, ..." (several allowed) marks the most in-demand skills by
 * their exact canonical names, in order (skills_top_rank); "#@field: Name, ..." marks skills
 * that name a field of work rather than something a job requires ("Back-end development":
 * skills_is_field). Other names in them are ignored.
 *
 * One notion of a skill everywhere: two names are the same skill when their skills_key is
 * equal (profiles, jobs, career resources and learning paths alike), and a skill is shown by
 * skills_display: its canonical name in display case ("PostgreSQL", "CI/CD") when the
 * dictionary knows it, else the spelling the user wrote.
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
/* The skills a compound name stands for when it is no skill itself but its parts separated by
 * '/' or ',' all are ("C/C++" is C and C++, "Docker, Kubernetes" Docker and Kubernetes; "CI/CD"
 * is a skill, "TCP/IP" names none): their canonical names, each once, up to max into out
 * (pointers into the dictionary). Returns how many; 0 when name is not such a compound (NULL, a
 * skill, no separator, a part that is no skill). A user's profile is read through it (session
 * 35: "C/C++" typed in the profile was neither C nor C++ for the gap and the ranking). */
size_t skills_parts(const struct skills_dict *d, const char *name, const char **out, size_t max);
/* The comparison key of name: its canonical name when the dictionary knows it, else name
 * trimmed, inner whitespace collapsed and case-folded, so that names outside the dictionary
 * still compare case-insensitively. Two names are the same skill when their keys are equal
 * (strcmp). It is also the form career resources and learning paths store their skills in.
 * Written into out (size n, cut on a character boundary when too small; SKILLS_KEY_MAX is the
 * size the callers use); returns out (or "" when n is 0). */
const char *skills_key(const struct skills_dict *d, const char *name, char *out, size_t n);
/* How name is shown: its canonical name when the dictionary knows it, else name as written
 * (trimmed, inner whitespace collapsed, case kept: "dbt Cloud" stays "dbt Cloud"). Into out
 * (size n, cut on a character boundary); returns out ("" when n is 0 or name NULL). */
const char *skills_display(const struct skills_dict *d, const char *name, char *out, size_t n);
/* The rank of name's skill among the "#@top:" marks (1 = listed first), or 0 when unmarked or
 * unknown. Any spelling or alias of the skill works. */
int skills_top_rank(const struct skills_dict *d, const char *name);
/* How many skills the "#@top:" marks name (150 in assets/skills.txt). */
size_t skills_top_count(const struct skills_dict *d);
/* True when name's skill is marked by a "#@field:" line: the ranking and the skill gap do not
 * count it (a "Backend Engineer" ad saying "backend development" names her field, not a skill
 * she lacks). */
bool skills_is_field(const struct skills_dict *d, const char *name);
/* The canonical skills mentioned in text (NUL-terminated, may be NULL) as whole words or
 * phrases (case-insensitive, aliases included; at each word start the longest name wins, so
 * "c++" is C++ and not C, and "going" holds no "go"), each once, in dictionary order; up to
 * max of them into out (pointers into the dictionary). Returns how many were stored. */
size_t skills_find_in_text(const struct skills_dict *d, const char *text, const char **out,
                           size_t max);

/* skills_find_in_text for a posting's requirements: the skills it asks for, leaving out those
 * it rules out. A skill is left out when a negation ("no", "not", "without", "never", "nor", a
 * word ending in "n't") stands before it in its clause ("No Kafka experience needed", "Python,
 * not Java") or "not required", "not needed", "not necessary", "not mandatory" or "not a must"
 * follows it there ("Kafka is not required", also after "but": "Kafka is a plus but not
 * required"); a clause ends at , ; : ! ? a new line, a full stop before white space, or "but". A
 * skill asked for in another clause is found. */
size_t skills_find_asked(const struct skills_dict *d, const char *text, const char **out,
                         size_t max);

/* skills_find_asked for a résumé: the skills its writer claims. Besides what a negation rules
 * out ("No Java experience", "never used Vue", "without Docker"), a clause is no claim after
 * "learn" ("I want to learn Python"), "interests", "interested", "hobbies" or "hobby", or after
 * "learning" opening it or following currently, now, still, am, 'm, actively, presently or also
 * ("Currently learning Kubernetes"); such a clause ending in ':' ("Interests: Rust, chess",
 * "Learning: Go") rules out the rest of its line. A skill claimed in another clause is found. */
size_t skills_find_claimed(const struct skills_dict *d, const char *text, const char **out,
                           size_t max);

#define SKILLS_KEY_MAX 64 /* bytes of a skill key or display name, NUL included */

#endif
