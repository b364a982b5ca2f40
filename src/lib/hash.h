/*
 * FNV-1a, the one string hash of the code base: the in-memory tables (the statement caches,
 * the skill index, the score cache's memo and parts, the kept search totals, the session
 * guesses) and the interview questions' seed. Cheap and the same on every platform; not for
 * anything an attacker could aim at (no secret key), and never stored.
 */
#ifndef COPILOT_LIB_HASH_H
#define COPILOT_LIB_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A_SEED 0xcbf29ce484222325ULL /* the 64-bit offset basis */
#define FNV1A_PRIME 0x100000001b3ULL

/* h carried on over the n bytes at p. */
static inline uint64_t fnv1a_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * FNV1A_PRIME;
    return h;
}

/* h carried on over the text s (up to its NUL). */
static inline uint64_t fnv1a_text(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * FNV1A_PRIME;
    return h;
}

#endif
