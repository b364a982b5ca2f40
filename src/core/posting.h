/*
 * This file declares the pure rules behind capturing a job posting from a web page and reading
 * the job boards (docs/capture-and-discovery.md): the text of an HTML fragment, employment types
 * and salary units in the words of schema.org and the boards, remote work in free text, the
 * source a posting URL belongs to, amounts written as text, and the split of a page title such
 * as "Acme hiring Backend Engineer in Berlin | LinkedIn" into its parts. No I/O; libxml2 is used
 * as a parser only (no network, no entities beyond HTML's). Returned strings are xmalloc'd and
 * freed by the caller with free(); static strings are said to be static.
 */
#ifndef COPILOT_CORE_POSTING_H
#define COPILOT_CORE_POSTING_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The text of an HTML fragment (or of plain text): tags removed, entities decoded, script and
 * style dropped, block elements (p, div, li, h1-h6, tr, br ...) as line breaks with at most one
 * empty line between paragraphs, list items prefixed "- ", runs of white space (U+00A0 too)
 * made one space, both ends trimmed. HTML that arrives entity-escaped ("&lt;p&gt;Hi&lt;/p&gt;",
 * as many JSON-LD descriptions do) is unescaped and stripped once more. Never NULL.
 */
char *posting_html_text(const char *html, size_t len);

/*
 * The jobs.job_type for an employment type in schema.org's words (FULL_TIME, PART_TIME,
 * CONTRACTOR, TEMPORARY, INTERN, PER_DIEM) or the boards' ("Full-time", "FullTime",
 * "Contract", "Internship", "Freelance" ...): case, spaces, '-' and '_' are ignored. Returns a
 * static string, or NULL when the word names none (VOLUNTEER, OTHER, unknown words).
 */
const char *posting_job_type(const char *employment_type);

/* "remote" when text has the word remote (or telecommute, work from home), "hybrid" when it
 * has the word hybrid (checked first: "Hybrid / remote" is hybrid), "onsite" for on-site /
 * onsite / in-office; NULL otherwise or for NULL. Static strings. */
const char *posting_remote_option(const char *text);

/* A salary's period: how many of them make a year (HOUR 2080, DAY 260, WEEK 52, MONTH 12,
 * YEAR 1) and its word for salary_range ("hour" ... "year"). Accepts schema.org's unitText,
 * Ashby's "1 YEAR" and Lever's "per-year-salary" / "per-hour-wage" forms. */
struct posting_period {
    int per_year; /* 0 when the unit is not known */
    const char *word;
};
struct posting_period posting_salary_period(const char *unit);

/* Reads an amount written as text: "120000", "120,000", "120.000,50", "$85k", "85K" (k =
 * thousand). Returns false when s holds no number. */
bool posting_parse_amount(const char *s, double *out);

/* The jobs.source of a posting URL, from its host: "linkedin" (linkedin.com and its
 * subdomains), "indeed" (indeed.com, indeed.co.uk, de.indeed.com ...), "adzuna", otherwise
 * "other". Static strings. */
const char *posting_source_for_url(const char *url);

/* True when name is a job board's or a tracking system's own name (LinkedIn, Indeed,
 * Glassdoor, Greenhouse, Lever, Workday, Ashby ...), which an og:site_name gives instead of the
 * employer's. */
bool posting_is_board_name(const char *name);

/* True when s starts with a date YYYY-MM-DD (a datePosted such as "2025-11-20T08:00:00Z");
 * the date is copied to out. */
bool posting_date(const char *s, char out[11]);

/* A feed's date as YYYY-MM-DD into out: RFC 3339 / ISO 8601 (Atom's updated, a JSON date) as
 * posting_date reads it, or RFC 822 as RSS writes it ("Tue, 18 Nov 2025 10:00:00 GMT", the day
 * name optional, two-digit years as 20YY). Milliseconds since the epoch are not text: callers
 * convert them. False when s is neither. */
bool posting_feed_date(const char *s, char out[11]);

/*
 * The parts of a page title, as the boards write them:
 *   "Acme hiring Backend Engineer in Berlin, Germany | LinkedIn" -> title, company, location
 *   "Job Application for Backend Engineer at Acme"                 -> title, company
 *   "Backend Engineer at Acme" / "Backend Engineer @ Acme"         -> title, company
 *   "Backend Engineer - Acme - Berlin | Indeed.com"                -> title, company, location
 *   anything else                                                   -> title
 * A trailing " | Site" is dropped first. Members are xmalloc'd or NULL; free with
 * posting_title_free.
 */
struct posting_title {
    char *title, *company, *location;
};
void posting_split_title(const char *text, struct posting_title *out);
void posting_title_free(struct posting_title *t);

#endif
