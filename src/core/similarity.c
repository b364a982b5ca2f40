/*
 * This file implements the similarity ratio and near-duplicate rule of similarity.h: the
 * classic two-row Levenshtein dynamic programme over code points decoded into stack arrays,
 * and its banded form (Ukkonen's cut-off) for the rule, which only needs to know whether a
 * distance is within the threshold and its exact value when it is.
 */
#include "similarity.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/xalloc.h"
#include "fingerprint.h"
#include "utf8.h"

#define EPSILON 1e-9

/* Decodes up to SIMILARITY_MAX_CODEPOINTS code points of s (NULL: "") into out. */
static void decode_capped(const char *s, struct similarity_text *out)
{
    out->n = 0;
    if (s == NULL)
        return;
    size_t len = strlen(s), pos = 0, n = 0;
    while (pos < len && n < SIMILARITY_MAX_CODEPOINTS) {
        unsigned char c = (unsigned char)s[pos];
        if (c < 0x80) /* ASCII: what utf8_next yields, without the call */
            out->cp[n++] = c, pos++;
        else
            out->cp[n++] = utf8_next(s, len, &pos);
    }
    out->n = n;
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

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

/*
 * A lower bound of the Levenshtein distance of a[0..n) and b[0..m): the bag distance of their
 * code points below 256, the larger of the surplus counts of either side (an edit lowers each
 * side's surplus by one at most, and leaving code points out only lowers both). Linear, where
 * the banded walk below is about (2 max + 1) cells a row.
 */
static size_t bag_distance_low(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
    int16_t count[256] = {0}; /* n, m <= SIMILARITY_MAX_CODEPOINTS */
    for (size_t i = 0; i < n; i++)
        if (a[i] < 256)
            count[a[i]]++;
    for (size_t j = 0; j < m; j++)
        if (b[j] < 256)
            count[b[j]]--;
    size_t surplus_a = 0, surplus_b = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] < 256 && count[a[i]] > 0) {
            surplus_a += (size_t)count[a[i]];
            count[a[i]] = 0;
        }
    for (size_t j = 0; j < m; j++)
        if (b[j] < 256 && count[b[j]] < 0) {
            surplus_b += (size_t)-count[b[j]];
            count[b[j]] = 0;
        }
    return surplus_a > surplus_b ? surplus_a : surplus_b;
}

/*
 * min(Levenshtein distance, max + 1) of a[0..n) and b[0..m): only the cells within max of the
 * diagonal are computed (a path through any other cell costs more than max), each capped at
 * max + 1, and the walk stops as soon as a whole row exceeds max (rows never get cheaper).
 */
static size_t levenshtein_within(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
                                 size_t max)
{
    size_t over = max + 1;
    if ((n > m ? n - m : m - n) > max)
        return over; /* each surplus code point costs one edit */
    if (bag_distance_low(a, n, b, m) > max)
        return over;
    if (max >= (n > m ? n : m))
        return levenshtein(n >= m ? a : b, n >= m ? n : m, n >= m ? b : a, n >= m ? m : n);
    /* row[j] is the cell (i, j); cells right of the band keep their "over" from the start */
    size_t row[SIMILARITY_MAX_CODEPOINTS + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j <= max ? j : over;
    for (size_t i = 1; i <= n; i++) {
        size_t lo = i > max ? i - max : 1, hi = min_size(m, i + max);
        size_t diagonal = row[lo - 1];
        /* the cell left of the band: (i, 0) = i on the edge, else outside the band */
        size_t left = lo == 1 && i <= max ? i : over;
        row[lo - 1] = left;
        size_t row_min = left;
        for (size_t j = lo; j <= hi; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (left + 1 < best)
                best = left + 1;
            if (best > over)
                best = over;
            row[j] = left = best;
            diagonal = above;
            if (best < row_min)
                row_min = best;
        }
        if (row_min > max)
            return over;
    }
    return row[m];
}

/* Distance plus the longer capped length, the two numbers a ratio needs. */
static size_t distance_and_max(const char *a, const char *b, size_t *longest)
{
    struct similarity_text ca, cb;
    decode_capped(a, &ca);
    decode_capped(b, &cb);
    *longest = ca.n > cb.n ? ca.n : cb.n;
    if (ca.n >= cb.n)
        return levenshtein(ca.cp, ca.n, cb.cp, cb.n);
    return levenshtein(cb.cp, cb.n, ca.cp, ca.n);
}

size_t similarity_distance(const char *a, const char *b)
{
    size_t longest;
    return distance_and_max(a, b, &longest);
}

size_t similarity_distance_within(const char *a, const char *b, size_t max)
{
    struct similarity_text ca, cb;
    decode_capped(a, &ca);
    decode_capped(b, &cb);
    return levenshtein_within(ca.cp, ca.n, cb.cp, cb.n, max);
}

/* The ratio of a distance over the longer length, as similarity_ratio computes it. */
static double ratio_of(size_t distance, size_t longest)
{
    if (longest == 0)
        return 1.0;
    return 1.0 - (double)distance / (double)longest;
}

double similarity_ratio(const char *a, const char *b)
{
    size_t longest;
    size_t distance = distance_and_max(a, b, &longest);
    return ratio_of(distance, longest);
}

/*
 * The largest distance whose ratio over longest is not below min (with the rule's EPSILON),
 * found with the very expression the rule compares, so the cut-off decides exactly as it would.
 */
static size_t max_distance(size_t longest, double min)
{
    size_t d = (size_t)((1.0 - min + EPSILON) * (double)longest);
    if (d > longest)
        d = longest;
    while (d < longest && !(ratio_of(d + 1, longest) < min - EPSILON))
        d++;
    while (d > 0 && ratio_of(d, longest) < min - EPSILON)
        d--;
    return d;
}

/*
 * The ratio of a and b when it is at least min (true), else false: the distance is only
 * computed up to the largest one min allows.
 */
static bool ratio_at_least(const struct similarity_text *a, const struct similarity_text *b,
                           double min, double *ratio)
{
    size_t longest = a->n > b->n ? a->n : b->n;
    size_t max = max_distance(longest, min);
    size_t d = levenshtein_within(a->cp, a->n, b->cp, b->n, max);
    if (d > max)
        return false;
    *ratio = ratio_of(d, longest);
    return true;
}

static bool is_set(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* The fields of the other job: normalised already, or raw and normalised on first use. */
struct other {
    const char *field[3]; /* company, title, location */
    bool raw;
};
static char *(*const normalizers[3])(const char *) = {
    fingerprint_normalize_company, fingerprint_normalize_title, fingerprint_normalize_location};

/* Decodes field k of b into out; true when it is set (non-empty once normalised). */
static bool decode_other(const struct other *b, int k, struct similarity_text *out)
{
    if (!b->raw) {
        decode_capped(b->field[k], out);
        return is_set(b->field[k]);
    }
    char *s = normalizers[k](b->field[k]);
    decode_capped(s, out);
    bool set = is_set(s);
    free(s);
    return set;
}

/* The first step of the rule: true with the company ratio when it passes. */
static bool company_passes(const struct similarity_matcher *m, const struct other *b,
                           double *company)
{
    struct similarity_text theirs;
    decode_other(b, 0, &theirs);
    return ratio_at_least(&m->company, &theirs, SIMILARITY_COMPANY_MIN, company);
}

/*
 * Whether the raw title can still pass against m's title without normalising it: false when
 * a lower bound of their distance is over the most the title's threshold could allow.
 * Normalising a title (fingerprint_normalize_title) only leaves code points out, folds each
 * of the others to one code point (utf8_fold, as read by utf8_next) and writes a run of breaks
 * as one space. So every code point of the normalised title but its spaces is the fold of one
 * of the raw title's: the surplus of m's title over the raw title's folded code points (those
 * below 256, spaces left out) is at most their bag distance, itself at most their distance
 * (bag_distance_low). The normalised title has at most as many code points as the raw one,
 * so the threshold allows at most max_distance of the longer of m's title and the raw one.
 */
static bool raw_title_may_pass(struct similarity_matcher *m, const char *raw)
{
    /* the counts of m's title by slot (title_slot): only the slots in use are copied, and a
     * code point without one (0) never matches, its count being 0 */
    int16_t count[256];
    memcpy(count, m->title_counts, m->title_slots * sizeof count[0]);
    const unsigned char *s = (const unsigned char *)(raw ? raw : "");
    size_t matched = 0, len = 0, pos = 0, n = 0;
    for (unsigned char c; (c = s[pos]) != '\0'; n++) {
        size_t slot;
        if (c < 0x80) { /* ASCII: ascii_slot folds it, without utf8_next and utf8_fold */
            slot = m->ascii_slot[c];
            pos++;
        } else {
            if (len == 0) /* the length is only needed to decode past ASCII */
                len = pos + strlen(raw + pos);
            uint32_t cp = utf8_fold(utf8_next(raw, len, &pos));
            slot = cp < 256 ? m->title_slot[cp] : 0;
        }
        if (count[slot] > 0)
            count[slot]--, matched++;
    }
    size_t theirs = min_size(n, SIMILARITY_MAX_CODEPOINTS); /* read capped once normalised */
    size_t longest = m->title.n > theirs ? m->title.n : theirs;
    if (m->title_max[longest] == UINT16_MAX) /* candidates' lengths repeat: computed once each */
        m->title_max[longest] = (uint16_t)max_distance(longest, SIMILARITY_TITLE_MIN);
    return m->title_counted - matched <= m->title_max[longest];
}

/* The rest of the rule once the company passed with ratio company: title, then location. */
static bool title_and_location_pass(struct similarity_matcher *m, const struct other *b,
                                    double company, double *similarity)
{
    struct similarity_text theirs;
    double title, location;
    if (b->raw && !raw_title_may_pass(m, b->field[1]))
        return false;
    decode_other(b, 1, &theirs);
    if (!ratio_at_least(&m->title, &theirs, SIMILARITY_TITLE_MIN, &title))
        return false;
    if (m->location_set && decode_other(b, 2, &theirs) &&
        !ratio_at_least(&m->location, &theirs, SIMILARITY_LOCATION_MIN, &location))
        return false;
    if (similarity != NULL)
        *similarity = (company + title) / 2.0;
    return true;
}

void similarity_matcher_init(struct similarity_matcher *m, const struct similarity_keys *a)
{
    decode_capped(a->company, &m->company);
    decode_capped(a->title, &m->title);
    decode_capped(a->location, &m->location);
    m->location_set = is_set(a->location);
    memset(m->title_slot, 0, sizeof m->title_slot);
    m->title_counts[0] = 0;
    m->title_slots = 1;
    m->title_counted = 0;
    for (size_t i = 0; i < m->title.n; i++) {
        uint32_t cp = m->title.cp[i];
        if (cp >= 256 || cp == ' ')
            continue;
        if (m->title_slot[cp] == 0) { /* at most 255 code points: the slots fit a byte */
            m->title_slot[cp] = (uint8_t)m->title_slots;
            m->title_counts[m->title_slots++] = 0;
        }
        m->title_counts[m->title_slot[cp]]++, m->title_counted++;
    }
    for (uint32_t c = 0; c < 128; c++)
        m->ascii_slot[c] = m->title_slot[utf8_fold(c)];
    memset(m->title_max, 0xff, sizeof m->title_max);
    m->known = 0;
    m->next = 0;
}

bool similarity_matcher_test(struct similarity_matcher *m, const char *company, const char *title,
                             const char *location, double *similarity)
{
    struct other b = {{company, title, location}, true};
    const char *key = company ? company : "";
    struct similarity_company *seen = NULL;
    for (size_t i = 0; i < m->known && seen == NULL; i++)
        if (strcmp(m->companies[i].raw, key) == 0)
            seen = &m->companies[i];
    if (seen == NULL) { /* decide the company once, and remember it in the oldest slot */
        seen = &m->companies[m->next];
        if (m->next < m->known)
            free(seen->raw);
        else
            m->known++;
        m->next = (m->next + 1) % SIMILARITY_COMPANIES_KEPT;
        seen->raw = xstrdup(key);
        seen->passes = company_passes(m, &b, &seen->ratio);
    }
    return seen->passes && title_and_location_pass(m, &b, seen->ratio, similarity);
}

void similarity_matcher_free(struct similarity_matcher *m)
{
    for (size_t i = 0; i < m->known; i++)
        free(m->companies[i].raw);
    m->known = 0;
}

bool similarity_possible_duplicate(const struct similarity_keys *a, const struct similarity_keys *b,
                                   double *similarity)
{
    struct similarity_matcher m;
    similarity_matcher_init(&m, a);
    struct other o = {{b->company, b->title, b->location}, false};
    double company;
    return company_passes(&m, &o, &company) && title_and_location_pass(&m, &o, company, similarity);
}
