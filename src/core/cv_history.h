/*
 * This file declares the dated half of the résumé analysis: date ranges, the experience entries
 * with the years and the level they add up to, and the education entries with the highest
 * degree (the heuristics are listed in cv_text.h). Pure logic, no I/O.
 */
#ifndef COPILOT_CORE_CV_HISTORY_H
#define COPILOT_CORE_CV_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "cv_analysis.h"

/* Fills the experience, education, years, level and highest degree of out from clean text
 * whose sections out already holds; now_year/now_month is the month "present" stands for. */
void cv_history(const char *text, int now_year, int now_month, struct cv_analysis *out);

/* Finds the first date range in line[0..len): true with *start, *end (year 0 and *current for
 * "present") and the byte span [*from, *to) of the range in the line. */
bool cv_date_range(const char *line, size_t len, int now_year, struct cv_date *start,
                   struct cv_date *end, bool *current, size_t *from, size_t *to);
/* The level for a number of years ("entry" ... "lead"). */
const char *cv_level_for_years(int years);
/* The level a job title names ("entry" ... "executive"), or NULL. */
const char *cv_title_level(const char *title);
/* Rank of a level: entry 0 ... executive 5; -1 for NULL or an unknown name. */
int cv_level_rank(const char *level);

#endif
