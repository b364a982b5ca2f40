/*
 * This file declares the job boards discovery reads (SPEC part E, "Discovery from public job
 * boards"; docs/capture-and-discovery.md): recognising the kind and identifier of a pasted board
 * address, checking an identifier, and the address of a board's public API under a base URL.
 * Pure string work; returned strings are xmalloc'd (free with free()).
 */
#ifndef COPILOT_CORE_JOB_BOARD_H
#define COPILOT_CORE_JOB_BOARD_H

#include <stdbool.h>

#include "../lib/err.h"

#define JOB_BOARD_IDENTIFIER_MAX 100 /* a board token, site or board name */
#define JOB_BOARD_URL_MAX 2048       /* a feed's address */

/* The kinds of job_sources.kind, NULL-terminated. */
extern const char *const job_board_kinds[];

struct job_board_ref {
    const char *kind; /* static: "greenhouse", "lever", "ashby" or "rss" */
    char *identifier; /* xmalloc'd */
};

/*
 * Recognises a pasted address:
 *   boards.greenhouse.io/acme, job-boards.greenhouse.io/acme/jobs/1, boards.eu.greenhouse.io/acme,
 *   boards.greenhouse.io/embed/job_board?for=acme, boards-api.greenhouse.io/v1/boards/acme/jobs
 *                                                             -> greenhouse, "acme" (lower case)
 *   jobs.lever.co/acme[/...], jobs.eu.lever.co/acme, api.lever.co/v0/postings/acme -> lever, "acme"
 *   jobs.ashbyhq.com/Acme[/...], api.ashbyhq.com/posting-api/job-board/Acme -> ashby, "Acme"
 *   any other http(s) address                                 -> rss, the address (trimmed; the
 *                                                                scheme lower-cased)
 * The scheme may be left out for the three boards ("jobs.lever.co/acme"). Returns 0, or
 * ERR_INVALID (field "url") when text is none of these or names a board without its identifier.
 */
int job_board_recognise(const char *text, struct job_board_ref *out, struct err *e);
void job_board_ref_free(struct job_board_ref *ref);

/* Checks identifier for kind (a kind of job_board_kinds): 1-100 of [A-Za-z0-9._-] for the
 * boards, an http(s) URL of at most 2048 bytes for rss. ERR_INVALID naming "identifier". */
int job_board_check(const char *kind, const char *identifier, struct err *e);

/* The identifier as stored: lower case for greenhouse and lever (their tokens are), as given for
 * ashby, the scheme lower-cased for rss. xmalloc'd. */
char *job_board_normalise(const char *kind, const char *identifier);

/* The address discovery reads for a board under base (no trailing slash needed):
 *   greenhouse: <base>/v1/boards/<id>/jobs?content=true
 *   lever:      <base>/v0/postings/<id>?mode=json
 *   ashby:      <base>/posting-api/job-board/<id>?includeCompensation=true
 *   rss:        the identifier itself
 * xmalloc'd. */
char *job_board_api_url(const char *kind, const char *base, const char *identifier);

/* Greenhouse's board name: <base>/v1/boards/<id> (its "name" is the employer's). xmalloc'd. */
char *job_board_greenhouse_board_url(const char *base, const char *identifier);

/* The address of the board's public page, for people: boards.greenhouse.io/<id>,
 * jobs.lever.co/<id>, jobs.ashbyhq.com/<id>, the feed itself. xmalloc'd. */
char *job_board_page_url(const char *kind, const char *identifier);

#endif
