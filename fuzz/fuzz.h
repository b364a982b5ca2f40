/*
 * This file holds what the libFuzzer harnesses of fuzz/ share: reading the fuzzer's bytes as a
 * sequence of pieces (a byte, a line, the rest), NUL-terminated copies, and the checks a harness
 * makes beyond "no crash" (FUZZ_CHECK aborts, which libFuzzer reports as a crash with the
 * input). Every harness frees what it allocates: the runs have leak detection on.
 *
 * Build and run: `make fuzz` (FUZZ_SECONDS each, default 60) and `scripts/fuzz`; HACKING.md
 * "Fuzzing" says how to add a harness and reproduce a crash.
 */
#ifndef COPILOT_FUZZ_H
#define COPILOT_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Aborts with a message when cond is false: a property the harness checks. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);            \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The input, consumed from the front. */
struct fuzz_input {
    const char *p;
    size_t n;
};

static inline struct fuzz_input fuzz_input(const uint8_t *data, size_t size)
{
    return (struct fuzz_input){(const char *)data, size};
}

/* The next byte (0 when the input is used up). */
static inline unsigned fuzz_byte(struct fuzz_input *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return (unsigned char)*in->p++;
}

/* A malloc'd NUL-terminated copy of p[0..n). */
static inline char *fuzz_strndup(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s == NULL)
        abort();
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* The next piece up to (not including) the byte sep, or the rest: a malloc'd copy; *len (may
 * be NULL) gets its length (the copy may hold NUL bytes before its end). */
static inline char *fuzz_piece(struct fuzz_input *in, char sep, size_t *len)
{
    const char *end = in->n ? memchr(in->p, sep, in->n) : NULL;
    size_t n = end ? (size_t)(end - in->p) : in->n;
    char *s = fuzz_strndup(in->p, n);
    in->p += n;
    in->n -= n;
    if (end) {
        in->p++;
        in->n--;
    }
    if (len)
        *len = n;
    return s;
}

/* The rest of the input as a malloc'd NUL-terminated copy (*len its length). */
static inline char *fuzz_rest(struct fuzz_input *in, size_t *len)
{
    char *s = fuzz_strndup(in->p, in->n);
    if (len)
        *len = in->n;
    in->p += in->n;
    in->n = 0;
    return s;
}

/* True when s[0..len) is valid UTF-8 by the same strict rules as core/utf8.c (the property
 * checks use their own copy so that a bug there cannot hide itself). */
static inline bool fuzz_utf8_valid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = u[i];
        size_t need;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3, cp = c & 0x07;
        } else {
            return false;
        }
        if (len - i <= need) /* the sequence is cut off */
            return false;
        for (size_t k = 1; k <= need; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (u[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += need + 1;
    }
    return true;
}

#endif
