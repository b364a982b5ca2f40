/*
 * This file declares the analysis of a résumé's extracted text, pure logic with no I/O:
 *
 *   - resume_text_clean turns what an extractor produced into tidy text: valid UTF-8 (invalid
 *     bytes become U+FFFD), LF line ends (CR LF, CR, form feed, vertical tab, U+2028/U+2029
 *     become LF), no control characters but tab and LF, no trailing blanks on lines, at most
 *     one empty line in a row, capped at a size (cut at a line or character boundary);
 *   - resume_sections finds section headings ("Experience", "WORK HISTORY", "## Education",
 *     "Skills:", "E X P E R I E N C E") and the byte range each section covers;
 *   - resume_analyse fills a struct resume_analysis: contact details (name, e-mail, phone,
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
#ifndef COPILOT_CORE_RESUME_TEXT_H
#define COPILOT_CORE_RESUME_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct skills_dict;

#define RESUME_MAX_LINKS 8
#define RESUME_MAX_SKILLS 100
#define RESUME_MAX_ENTRIES 20
#define RESUME_MAX_SECTIONS 24

enum resume_section_kind {
    SECTION_HEADER, /* the text before the first heading (name and contact details) */
    SECTION_SUMMARY,
    SECTION_EXPERIENCE,
    SECTION_EDUCATION,
    SECTION_SKILLS,
    SECTION_PROJECTS,
    SECTION_CERTIFICATIONS,
    SECTION_LANGUAGES,
    SECTION_OTHER, /* a recognised heading of no interest (interests, references, awards...) */
};

struct resume_section {
    enum resume_section_kind kind;
    size_t heading; /* byte offset of the heading line (== start for SECTION_HEADER) */
    size_t start;   /* first byte of the body (after the heading line) */
    size_t end;     /* one past the last byte of the body */
};

/* A month: year 0 = none; month 1-12, or 0 when only the year is known. */
struct resume_date {
    int year, month;
};

struct resume_entry {
    char title[256];       /* experience: the role line without its dates; education: the line */
    char institution[160]; /* education: the segment naming the school; "" when none */
    const char *degree;    /* education: "doctorate", "master", "bachelor", "associate",
                              "diploma", "high_school" or NULL */
    struct resume_date start, end;
    bool current; /* the range ends "present" */
};

struct resume_contact {
    char name[128];
    char email[256];
    char phone[64];
    char links[RESUME_MAX_LINKS][512];
    int nlinks;
};

struct resume_analysis {
    struct resume_contact contact;
    const char *skills[RESUME_MAX_SKILLS]; /* canonical names, pointing into the dictionary */
    size_t nskills;
    struct resume_section sections[RESUME_MAX_SECTIONS];
    size_t nsections;
    int years;         /* estimated years of experience, -1 when unknown */
    const char *level; /* "entry" ... "executive", or NULL when unknown */
    struct resume_entry experience[RESUME_MAX_ENTRIES];
    int nexperience;
    struct resume_entry education[RESUME_MAX_ENTRIES];
    int neducation;
    const char *highest_degree; /* the highest degree among the education entries, or NULL */
};

/* Returns a newly allocated (xmalloc; caller frees) clean copy of raw[0..len) as described
 * above, at most max bytes long; *truncated (may be NULL) tells whether text was dropped. */
char *resume_text_clean(const char *raw, size_t len, size_t max, bool *truncated);

/* Finds the sections of clean text: out[0] is always the header (possibly empty), then one per
 * heading, in order. Returns the count (at most max; later headings extend the last section). */
size_t resume_sections(const char *text, struct resume_section *out, size_t max);
/* "header", "summary", "experience", "education", "skills", "projects", "certifications",
 * "languages", "other". */
const char *resume_section_name(enum resume_section_kind kind);
/* The kind of section a line heads, or -1 when it is no heading. Exposed for tests. */
int resume_heading_kind(const char *line, size_t len);

/* Analyses clean text (resume_text_clean's output). dict (may be NULL: no skills) is the skills
 * dictionary; now_year/now_month (1-12) is the current month, which "present" stands for.
 * out is overwritten entirely. */
void resume_analyse(const char *text, const struct skills_dict *dict, int now_year, int now_month,
                    struct resume_analysis *out);

/* ---- the pieces, exposed for tests ---- */

/* Each copies what it found into out (size n) and returns true, or leaves out "" and returns
 * false. */
bool resume_find_email(const char *text, char *out, size_t n);
bool resume_find_phone(const char *text, char *out, size_t n);
bool resume_find_name(const char *text, size_t header_end, char *out, size_t n);
/* Fills up to max links into out; returns how many. */
int resume_find_links(const char *text, char (*out)[512], int max);
/* Finds the first date range in line[0..len): true with *start, *end (year 0 and *current for
 * "present") and the byte span [*from, *to) of the range in the line. */
bool resume_date_range(const char *line, size_t len, int now_year, struct resume_date *start,
                       struct resume_date *end, bool *current, size_t *from, size_t *to);
/* The level for a number of years ("entry" ... "lead"). */
const char *resume_level_for_years(int years);
/* The level a job title names ("entry" ... "executive"), or NULL. */
const char *resume_title_level(const char *title);
/* Rank of a level: entry 0 ... executive 5; -1 for NULL or an unknown name. */
int resume_level_rank(const char *level);

#endif
