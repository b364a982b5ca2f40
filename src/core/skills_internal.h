/*
 * What the two halves of the skills dictionary share (a module's internal header): the
 * dictionary's layout, filled by skills.c (the loader and the lookups by name) and read by
 * skills_find.c (the text finders: skills_find_in_text, skills_find_asked,
 * skills_find_claimed), and the helpers both use.
 */
#ifndef COPILOT_CORE_SKILLS_INTERNAL_H
#define COPILOT_CORE_SKILLS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../lib/hash.h"

#define KEY_MAX 256 /* longest name or alias considered, in bytes */

struct key {
    char *text; /* normalised, folded */
    size_t len;
    const char *exact;    /* in free text match only this spelling (case-sensitive), or NULL */
    size_t skill;         /* index into skills */
    unsigned char second; /* the second byte a match needs (exact's or text's), 0 for one byte */
};

struct skills_dict {
    char **skills; /* canonical names */
    size_t nskills;
    int *top;         /* per skill: its rank among the "#@top:" marks (1 = first), 0 if not */
    size_t ntop;      /* marked skills */
    bool *field;      /* per skill: marked by a "#@field:" line */
    char *mark_names; /* the marks' names while loading, then NULL: "t" or "f" and the name,
                         '\n'-separated */
    struct key *keys; /* sorted by text */
    size_t nkeys;
    /* the keys without a head (head_len) grouped by (first byte, folded second byte or 0), each
       group longest first; group g holds by_pair[pair_start[g] .. pair_start[g + 1]),
       g = first * 256 + second */
    struct key *by_pair;
    uint32_t *pair_start;
    /* the keys with a head, by head and longest first; heads: the runs by_head holds, by their
       text (open addressing, nhead_slots a power of two; count 0: free) */
    struct key *by_head;
    struct head_slot {
        uint32_t first, count;
    } * heads;
    size_t nhead_slots;
    size_t head_max; /* the longest head */
    /* the heads' first two bytes (one-byte heads: second byte 0), one bit each: most word
       starts need no lookup */
    uint64_t head_starts[256 * 256 / 64];
};

static inline bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The head of a key: its leading ASCII lowercase letters and digits ("machine" of "machine
 * learning", "c" of "c++", all of "python"; empty for ".net"). A key can match at a word start
 * only where the text's run of ASCII letters and digits, lowercased, is its head: the byte after
 * the head (if any) is not a letter or digit, and must match a byte that is not either. So
 * skills_find_in_text tries only the keys whose head is that run (by_head, found through
 * heads), and the keys without a head by their first two bytes (by_pair). */
static inline size_t head_len(const struct key *k)
{
    size_t n = 0;
    while (n < k->len &&
           ((k->text[n] >= 'a' && k->text[n] <= 'z') || (k->text[n] >= '0' && k->text[n] <= '9')))
        n++;
    return n;
}

static inline size_t head_hash(const char *s, size_t n)
{
    return (size_t)fnv1a_bytes(FNV1A_SEED, s, n);
}

/* The keys whose head is s[0..n): *count of them from by_head[*first]; false when none. */
static inline bool head_find(const struct skills_dict *d, const char *s, size_t n, uint32_t *first,
                             uint32_t *count)
{
    if (d->nhead_slots == 0 || n > d->head_max)
        return false;
    for (size_t i = head_hash(s, n) & (d->nhead_slots - 1);; i = (i + 1) & (d->nhead_slots - 1)) {
        const struct head_slot *h = &d->heads[i];
        if (h->count == 0)
            return false;
        const struct key *k = &d->by_head[h->first];
        if (head_len(k) == n && memcmp(k->text, s, n) == 0) {
            *first = h->first;
            *count = h->count;
            return true;
        }
    }
}

#endif
