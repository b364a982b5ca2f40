/*
 * This file implements the "near duplicate" test of SPEC part C: a similarity ratio between
 * two strings (1 - Levenshtein distance / length of the longer, over Unicode code points) and
 * the rule that decides whether two jobs of one user look like the same posting. The inputs are
 * the normalised fields of fingerprint.h; nothing here allocates except the matcher (it
 * normalises raw fields and remembers companies).
 */
#ifndef COPILOT_CORE_SIMILARITY_H
#define COPILOT_CORE_SIMILARITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Only this many leading code points of each input are compared (bounds the time per pair). */
#define SIMILARITY_MAX_CODEPOINTS 256

/* The thresholds of similarity_possible_duplicate (SPEC part C). */
#define SIMILARITY_COMPANY_MIN 0.8
#define SIMILARITY_TITLE_MIN 0.85
#define SIMILARITY_LOCATION_MIN 0.5

/*
 * Levenshtein distance (insertions, deletions, substitutions each cost 1) between the first
 * SIMILARITY_MAX_CODEPOINTS code points of a and b. NULL is "". Invalid UTF-8 bytes count as
 * one U+FFFD each. O(len(a) * len(b)) time, O(min(len)) memory on the stack.
 */
size_t similarity_distance(const char *a, const char *b);

/*
 * min(similarity_distance(a, b), max + 1), computing only the cells within max of the diagonal
 * and stopping once a whole row exceeds max: O(min(len) * max) time at most.
 */
size_t similarity_distance_within(const char *a, const char *b, size_t max);

/*
 * 1 - distance / max(code points of a, code points of b), in [0, 1] (both over the capped
 * lengths); two empty strings are 1.0. No case folding here: pass normalised text.
 */
double similarity_ratio(const char *a, const char *b);

/* The normalised fields of one job (job_normalize_*); NULL is "". Borrowed, never freed. */
struct similarity_keys {
    const char *company;
    const char *title;
    const char *location;
};

/*
 * True when b is a possible duplicate of a: company ratio >= 0.8 and title ratio >= 0.85, and
 * the locations are not clearly different (clearly different = both non-empty and location
 * ratio < 0.5). Comparisons allow 1e-9 of rounding. When the verdict is true and similarity is
 * not NULL, it receives the combined similarity (company ratio + title ratio) / 2 (a false
 * verdict leaves it alone). The fields are compared in that order, each distance only up to
 * the largest its threshold allows (similarity_distance_within): the verdict and the
 * similarity are exactly those of the ratios of similarity_ratio.
 */
bool similarity_possible_duplicate(const struct similarity_keys *a, const struct similarity_keys *b,
                                   double *similarity);

/* Up to SIMILARITY_MAX_CODEPOINTS code points of one string, decoded. */
struct similarity_text {
    uint32_t cp[SIMILARITY_MAX_CODEPOINTS];
    size_t n;
};

/* How many companies a matcher remembers its verdict on. */
#define SIMILARITY_COMPANIES_KEPT 16

/* One company seen by a matcher (raw, as given) and the rule's first step on it. */
struct similarity_company {
    char *raw;
    bool passes;
    double ratio;
};

/*
 * One job compared with many others (the near-duplicate candidates of a new job): its
 * normalised fields decoded once, and the verdict on each of the last SIMILARITY_COMPANIES_KEPT
 * companies seen (candidates share a company prefix, and most often the company itself).
 * About 5 KiB: a local variable is fine.
 */
struct similarity_matcher {
    struct similarity_text company, title, location;
    bool location_set;
    /* the code points below 256 but ' ' of title, for the bound on raw titles: each distinct
     * one has a slot (1, 2, ...; 0 for any other code point), title_counts[slot] tells how often
     * it is in title (title_counts[0] stays 0), title_counted their sum */
    uint8_t title_slot[256]; /* by code point */
    uint8_t ascii_slot[128]; /* by raw ASCII byte: title_slot of its fold */
    int16_t title_counts[256];
    size_t title_slots; /* slots in use, 0 included */
    size_t title_counted;
    /* the largest title distance the threshold allows, by the longer length (UINT16_MAX until
     * computed): the raw titles of the candidates have few lengths */
    uint16_t title_max[SIMILARITY_MAX_CODEPOINTS + 1];
    struct similarity_company companies[SIMILARITY_COMPANIES_KEPT];
    size_t known, next;
};

/* Sets m up for the job a (normalised fields, NULL is ""; not kept). */
void similarity_matcher_init(struct similarity_matcher *m, const struct similarity_keys *a);

/*
 * similarity_possible_duplicate(a, b) for the job b given by its raw fields (NULL is ""): each
 * is normalised (fingerprint_normalize_company, _title, _location) only when the fields before
 * it passed, and a company seen lately is not normalised nor compared again. The same verdict
 * and similarity as similarity_possible_duplicate on the normalised fields.
 */
bool similarity_matcher_test(struct similarity_matcher *m, const char *company, const char *title,
                             const char *location, double *similarity);

/* Frees what the matcher remembers (it can then be set up again). */
void similarity_matcher_free(struct similarity_matcher *m);

#endif
