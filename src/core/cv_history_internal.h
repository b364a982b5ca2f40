/*
 * This file declares what the files of the dated résumé analysis share (cv_history.c: the
 * experience entries, years and level; cv_history_date.c: dates, date ranges and levels;
 * cv_history_education.c: the education entries): the helpers one file defines for another.
 * Only those files see it.
 */
#ifndef COPILOT_CORE_CV_HISTORY_INTERNAL_H
#define COPILOT_CORE_CV_HISTORY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "cv_history.h"

/* cv_history_date.c */
size_t cv_history_word_at(const char *s, size_t len, size_t i, const char *word);
size_t cv_history_skip_blanks(const char *s, size_t len, size_t i);
bool cv_history_digits_at(const char *s, size_t len, size_t i, size_t n, int *value);
bool cv_history_plausible_year(int year, int now_year);
int cv_history_month_index(struct cv_date d, bool end);

/* cv_history.c */
void cv_history_entry_title(const char *line, size_t a, size_t b, size_t from, size_t to, char *out,
                            size_t n);
bool cv_history_in_kind(const struct cv_analysis *r, size_t pos, enum cv_section_kind kind);

/* cv_history_education.c */
void cv_history_education(const char *text, int now_year, struct cv_analysis *r);

#endif
