/*
 * This file declares the analysis of a résumé's extracted text, pure logic with no I/O:
 *
 *   - cv_text_clean turns what an extractor produced into tidy text: valid UTF-8 (invalid
 *     bytes become U+FFFD), LF line ends (CR LF, CR, form feed, vertical tab, U+2028/U+2029
 *     become LF), no control characters but tab and LF, no trailing blanks on lines, at most
 *     one empty line in a row, capped at a size (cut at a line or character boundary);
 *   - cv_sections finds section headings ("Experience", "WORK HISTORY", "## Education",
 *     "Skills:", "E X P E R I E N C E") and the byte range each section covers;
 *   - cv_analyse fills a struct cv_analysis: contact details (name, e-mail, phone,
 *     links), skills (through the skills dictionary), the experience entries with their date
 *     ranges, the years of experience and the estimated level (entry … executive), and the
 *     education entries with the highest degree.
 *
 * The heuristics, in short (docs/resumes.md has the details):
 *   - name: the first line of the header (the text before the first heading, first 8 lines)
 *     that reads like 2–5 capitalised words without digits, job-title words or a heading;
 *   - e-mail: the first address anywhere; phone: the first 7–15-digit number on a line that
 *     says phone/tel/mobile, else the first one anywhere, never a date or a year range;
 *   - links: http(s):// and www. addresses and bare linkedin.com/github.com/... paths, in
 *     order, without duplicates, schemeless ones given https://;
 *   - years: the union of the experience date ranges ("Jan 2019 – Present", "2016-2019",
 *     "03/2018 to 06/2020", "since 2021"), or an explicit "N+ years of experience", whichever
 *     is larger; level: the higher of the level for the years (< 1 entry, < 3 junior, < 6 mid,
 *     < 12 senior, else lead) and the level named in the most recent role's title (intern →
 *     entry, junior, senior, lead/principal/staff/manager/architect → lead, director/head
 *     of/VP/chief/C-level/founder → executive); an education-only résumé is entry; no clue
 *     at all leaves the level unknown.
 * Every output string is a copy inside the analysis (fixed-size fields, cut at a UTF-8
 * boundary) or a static string; nothing to free.
 */
#ifndef COPILOT_CORE_CV_TEXT_H
#define COPILOT_CORE_CV_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "cv_analysis.h"
#include "cv_history.h"

struct skills_dict;

/* Returns a newly allocated (xmalloc; caller frees) clean copy of raw[0..len) as described
 * above, at most max bytes long; *truncated (may be NULL) tells whether text was dropped. */
char *cv_text_clean(const char *raw, size_t len, size_t max, bool *truncated);

/* Finds the sections of clean text: out[0] is always the header (possibly empty), then one per
 * heading, in order. Returns the count (at most max; later headings extend the last section). */
size_t cv_sections(const char *text, struct cv_section *out, size_t max);
/* "header", "summary", "experience", "education", "skills", "projects", "certifications",
 * "languages", "other". */
const char *cv_section_name(enum cv_section_kind kind);
/* The kind of section a line heads, or -1 when it is no heading. Exposed for tests. */
int cv_heading_kind(const char *line, size_t len);

/* Analyses clean text (cv_text_clean's output). dict (may be NULL: no skills) is the skills
 * dictionary; now_year/now_month (1-12) is the current month, which "present" stands for.
 * out is overwritten entirely. */
void cv_analyse(const char *text, const struct skills_dict *dict, int now_year, int now_month,
                struct cv_analysis *out);

/* ---- the pieces, exposed for tests ---- */

/* Each copies what it found into out (size n) and returns true, or leaves out "" and returns
 * false. */
bool cv_find_email(const char *text, char *out, size_t n);
bool cv_find_phone(const char *text, char *out, size_t n);
bool cv_find_name(const char *text, size_t header_end, char *out, size_t n);
/* Fills up to max links into out; returns how many. */
int cv_find_links(const char *text, char (*out)[512], int max);
#endif
