/*
 * This file implements the job identity rules of SPEC part C: the normalised company, title
 * and location of a posting, the fingerprint (SHA-256 of the three) under which a user tracks a
 * posting once, and the normalised URL that catches the same posting saved twice from its link.
 * docs/domain.md lists the rules step by step. Every function takes NULL as "" and never fails;
 * every returned string is xmalloc'd (abort on OOM) and freed by the caller with free().
 * Inputs should be valid UTF-8; an invalid byte is read as U+FFFD and never crashes anything.
 */
#ifndef COPILOT_CORE_FINGERPRINT_H
#define COPILOT_CORE_FINGERPRINT_H

#define FINGERPRINT_LEN 65 /* 64 lower-case hex digits + NUL */

/*
 * Company: case-fold, turn whitespace and each of , . ; : - _ into word breaks, then walk the
 * legal-form suffixes (inc, incorporated, corp, corporation, llc, ltd, limited, co, company,
 * gmbh, ag, sa, nv, bv, plc, llp) in that order, dropping each once when it is the last word
 * and another word precedes it; words are joined by single spaces.
 * "Tech-Company, Inc." -> "tech", "Stripe, LLC" -> "stripe", "Acme GmbH" -> "acme".
 */
char *fingerprint_normalize_company(const char *company);

/*
 * Title: case-fold, remove complete ( ... ) and [ ... ] groups (nesting allowed), turn every
 * character that is not a letter, digit or whitespace into a word break, drop the words
 * remote, hybrid, onsite, contract, permanent, temporary, urgent, immediate, apply, now and the
 * pairs "full time" and "part time", join with single spaces.
 * "Senior Software Engineer - Backend (m/f/d)" -> "senior software engineer backend".
 */
char *fingerprint_normalize_title(const char *title);

/* Location: case-fold, turn whitespace, ',' and '-' into word breaks, join with single spaces.
 * "Remote - USA" -> "remote usa". */
char *fingerprint_normalize_location(const char *location);

/*
 * Writes the fingerprint of a posting to out: lower-case hex SHA-256 of
 * "<company>|<title>|<location>" over the three normalised fields.
 */
void fingerprint_job(const char *company, const char *title, const char *location,
                     char out[FINGERPRINT_LEN]);

/* The same, for fields the caller has already normalised with the functions above. */
void fingerprint_job_normalized(const char *company, const char *title, const char *location,
                                char out[FINGERPRINT_LEN]);

/*
 * URL identity "host/path": surrounding whitespace, the scheme ("https://", also a bare "//"),
 * user info, the default ports :80 and :443, the query, the fragment and trailing slashes are
 * removed and the host is lower-cased (the path keeps its case).
 * "https://Jobs.Example.com:443/a/b/?utm=x#top" -> "jobs.example.com/a/b".
 * Returns NULL when nothing is left (NULL, empty or scheme-only input).
 */
char *fingerprint_normalize_url(const char *url);

#endif
