/*
 * This file implements the similarity ratio and near-duplicate rule of similarity.h with the
 * classic two-row Levenshtein dynamic programme, over code points decoded into stack arrays.
 */
#include "similarity.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

#define EPSILON 1e-9

/* Decodes up to SIMILARITY_MAX_CODEPOINTS code points of s into out; returns how many. */
static size_t decode_capped(const char *s, uint32_t out[SIMILARITY_MAX_CODEPOINTS])
{
    if (s == NULL)
        return 0;
    size_t len = strlen(s), pos = 0, n = 0;
    while (pos < len && n < SIMILARITY_MAX_CODEPOINTS)
        out[n++] = utf8_next(s, len, &pos);
    return n;
}

/* Levenshtein distance of a[0..n) and b[0..m) with m <= n, using one row of m + 1 cells. */
static size_t levenshtein(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
    size_t row[SIMILARITY_MAX_CODEPOINTS + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diagonal = row[0]; /* the cell above-left of row[j], before it is overwritten */
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[m];
}

/* Distance plus the longer capped length, the two numbers a ratio needs. */
static size_t distance_and_max(const char *a, const char *b, size_t *longest)
{
    uint32_t ca[SIMILARITY_MAX_CODEPOINTS], cb[SIMILARITY_MAX_CODEPOINTS];
    size_t n = decode_capped(a, ca), m = decode_capped(b, cb);
    *longest = n > m ? n : m;
    if (n >= m)
        return levenshtein(ca, n, cb, m);
    return levenshtein(cb, m, ca, n);
}

size_t similarity_distance(const char *a, const char *b)
{
    size_t longest;
    return distance_and_max(a, b, &longest);
}

double similarity_ratio(const char *a, const char *b)
{
    size_t longest;
    size_t distance = distance_and_max(a, b, &longest);
    if (longest == 0)
        return 1.0;
    return 1.0 - (double)distance / (double)longest;
}

static bool is_set(const char *s)
{
    return s != NULL && s[0] != '\0';
}

bool similarity_possible_duplicate(const struct similarity_keys *a, const struct similarity_keys *b,
                                   double *similarity)
{
    double company = similarity_ratio(a->company, b->company);
    double title = similarity_ratio(a->title, b->title);
    if (similarity != NULL)
        *similarity = (company + title) / 2.0;
    if (company < SIMILARITY_COMPANY_MIN - EPSILON || title < SIMILARITY_TITLE_MIN - EPSILON)
        return false;
    if (is_set(a->location) && is_set(b->location) &&
        similarity_ratio(a->location, b->location) < SIMILARITY_LOCATION_MIN - EPSILON)
        return false;
    return true;
}
