/*
 * This file declares capturing a job posting from a web page (SPEC part E, "Capture a
 * posting"; docs/capture-and-discovery.md). capture_extract is pure (bytes in, fields out, no
 * I/O) so that it can be fuzzed: it reads the page with libxml2's HTML parser (recovering from
 * broken markup, no network, no entities beyond HTML's) and takes the job from, in order of
 * trust, schema.org JobPosting in JSON-LD (also in arrays and @graph), JobPosting microdata, Open
 * Graph and <title>; a later source only fills what the earlier ones left out. capture_save
 * creates the job through the same validation and duplicate rules as POST /jobs.
 */
#ifndef COPILOT_MODEL_CAPTURE_H
#define COPILOT_MODEL_CAPTURE_H

#include "../lib/fetch.h"
#include "table.h"

/* What the server fetches itself (SPEC part E): at most 5 MiB, within 10 s, following at most
 * 5 redirects. */
#define CAPTURE_MAX_PAGE (5u << 20)
#define CAPTURE_TIMEOUT_MS 10000L
#define CAPTURE_MAX_REDIRECTS 5

struct capture_draft {
    json_t *job;                /* the job fields, as POST /jobs takes them (owned) */
    const char *extracted_from; /* "json-ld", "microdata", "opengraph" or "title" (static) */
    json_t *missing;            /* names of the fields the page did not give (owned) */
};

/*
 * Extracts a job from html[0..len). encoding is the page's character set when known (the
 * charset of a Content-Type, or "UTF-8" for text that arrived in JSON); NULL lets the page's
 * own <meta charset> decide, UTF-8 when the bytes are valid UTF-8. url is the page's address:
 * it becomes source_url, gives source (linkedin, indeed, adzuna or other) and, on a page with
 * several postings, picks the one whose url is the page's (else the first).
 * Returns 0 with *out filled (free with capture_draft_free), or ERR_INVALID (field "html")
 * when the page has no posting and no title at all.
 */
int capture_extract(const char *html, size_t len, const char *encoding, const char *url,
                    struct capture_draft *out, struct err *e);
void capture_draft_free(struct capture_draft *d);

/* ---- the field rules capture shares with the job boards' readers (src/model/feed.c) ---- */

#define CAPTURE_SHORT_MAX 255   /* bytes of company, title, location, salary_range */
#define CAPTURE_TEXT_MAX 100000 /* bytes of description, requirements, responsibilities, notes */

/* A salary as a posting gives it: bounds (either may be missing), currency, period ("YEAR",
 * "HOUR", "1 YEAR", "per-hour-wage"...; NULL: a year). */
struct capture_salary {
    double min, max;
    bool has_min, has_max;
    const char *currency, *unit;
};

/* Sets salary_min / salary_max (per year: hours, days, weeks and months multiplied out),
 * currency (when three letters) and salary_range (as written) on job, unless job has a salary
 * already. Bounds that are not positive or exceed a billion are left out; reversed ones are
 * swapped. */
void capture_job_salary(json_t *job, const struct capture_salary *pay);

/* Sets job's member name to the text of text (HTML or plain, posting_html_text), cut to max
 * bytes on a character boundary, unless job has it or the text is empty. */
void capture_job_text(json_t *job, const char *name, const char *text, size_t max);

/*
 * Fetches url under the address rule policy (src/lib/fetch.h; at most 5 redirects, 10 s,
 * CAPTURE_MAX_PAGE bytes) and extracts the draft as capture_extract does, in the character set
 * the Content-Type names. ERR_INVALID naming the field url when the fetch is refused or fails,
 * the page answers other than 2xx, is not HTML, or holds no posting.
 */
int capture_fetch(const char *url, const struct fetch_policy *policy, struct capture_draft *out,
                  struct err *e);

/* Puts the members of corrections (job fields the user changed in the draft, already checked
 * against the job fields; may be NULL) in place of the extracted ones, and says again what is
 * missing. */
void capture_correct(struct capture_draft *d, json_t *corrections);

/*
 * Creates the drafted job for user_id through table_parse, job_check_salary and job_create, as
 * POST /jobs does: validation errors name the field (ERR_INVALID), a duplicate is ERR_CONFLICT
 * with e->existing_id and e->reason. *job receives the created row, *possible the near duplicates.
 */
int capture_save(struct store_conn *c, int64_t user_id, const struct capture_draft *d,
                 struct arena *a, json_t **job, json_t **possible, struct err *e);

#endif
