/*
 * This file implements the "near duplicate" test of SPEC part C: a similarity ratio between
 * two strings (1 - Levenshtein distance / length of the longer, over Unicode code points) and
 * the rule that decides whether two jobs of one user look like the same posting. The inputs are
 * the normalised fields of fingerprint.h; nothing here allocates except the normalising of
 * similarity_possible_duplicate_raw.
 */
#ifndef COPILOT_CORE_SIMILARITY_H
#define COPILOT_CORE_SIMILARITY_H

#include <stdbool.h>
#include <stddef.h>

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

/*
 * The same rule against a job given by its raw fields (NULL is ""): each is normalised
 * (fingerprint_normalize_company, _title, _location) only when the fields before it passed,
 * so most candidates cost one company normalisation.
 */
bool similarity_possible_duplicate_raw(const struct similarity_keys *a, const char *company,
                                       const char *title, const char *location,
                                       double *similarity);

#endif
