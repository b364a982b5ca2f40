/*
 * This file declares the reading of a role in a résumé's experience: splitting a role line
 * ("Backend Engineer — Zalando SE, Berlin", "Engineer | Northwind Traders", "iOS Developer @
 * Appetito", "Data Science Intern at Mindful Metrics, London", "Pennine Retail Group, Data
 * Analyst", "Senior Product Designer, Kiezwerk, Berlin") or a company line ("Coolblue —
 * Rotterdam", "Studio Portico | Bologna", "Nimbus Labs (Remote)") into title, company and
 * place; and what a title says about the work (a role word, training, the field). The lines
 * come cleaned by cv_history.c (dates and Markdown emphasis removed). Pure byte work.
 *
 * Rules, in order:
 *   - a strong separator splits the title from the rest: " — ", " – ", " | ", " @ ", " at ",
 *     " - " (the first of these the line holds, every occurrence of it); the rest is the
 *     company, then the place (a third piece, or split from the company as below);
 *   - without one, commas split: title, company, place (two pieces: title and company);
 *   - a company splits from its place at " — ", " – ", " | ", " · ", " - ", or at the first
 *     comma when what follows reads as a place (one to three capitalised words, no digits, not
 *     a legal form such as "Inc.", "GmbH", "N.V."); a closing "(Remote)" is the place, "(part-
 *     time)", other kinds of employment and what holds a digit ("(Summer 2015)") are dropped;
 *   - when the title holds no role word (engineer, developer, analyst, manager, intern, ...)
 *     and the company does, they are swapped (the company-first layout).
 */
#ifndef COPILOT_CORE_CV_ROLE_H
#define COPILOT_CORE_CV_ROLE_H

#include <stdbool.h>
#include <stddef.h>

struct cv_role {
    char title[256];
    char company[160];
    char location[96];
};

/* Splits a role line into out (each part trimmed; "" when absent). */
void cv_role_split(const char *line, struct cv_role *out);
/* Splits a company line ("Company — City") into out->company and out->location. */
void cv_role_company_place(const char *line, struct cv_role *out);
/* Does s name a role (engineer, developer, analyst, manager, designer, intern, teacher, ...)? */
bool cv_role_has_role_word(const char *s);
/* Is s a training or part-time position (intern, working student, trainee, apprentice,
 * part-time)? */
bool cv_role_is_training(const char *s);
/* Does title belong to software, data, design or IT work? */
bool cv_role_is_tech(const char *title);
/* Are two titles in the same line of work: both tech, or sharing a word of four or more
 * letters that is not a level ("Mathematics Teacher" and "Junior Web Developer" are not)? */
bool cv_role_related(const char *a, const char *b);

#endif
