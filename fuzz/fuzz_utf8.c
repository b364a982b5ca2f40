/*
 * Fuzzes the UTF-8 helpers (src/core/utf8.c) on any bytes: decoding, validation, counting,
 * case folding, classes and utf8_cut. Properties: utf8_valid agrees with an independent
 * validator; decoding a valid string step by step consumes it exactly and encoding each code
 * point gives the same bytes back; utf8_next always advances; folding gives valid UTF-8;
 * utf8_cut never passes max and never splits a sequence of valid text.
 */
#include "fuzz.h"

#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    bool valid = utf8_valid(s, size);
    FUZZ_CHECK(valid == fuzz_utf8_valid(s, size));

    /* decode / encode round trip over the valid prefix */
    size_t pos = 0, points = 0;
    while (pos < size) {
        uint32_t cp = 0;
        size_t n = utf8_decode(s + pos, size - pos, &cp);
        if (n == 0)
            break;
        FUZZ_CHECK(n >= 1 && n <= 4 && pos + n <= size);
        char out[UTF8_MAX_BYTES];
        FUZZ_CHECK(utf8_encode(cp, out) == n);
        FUZZ_CHECK(memcmp(out, s + pos, n) == 0);
        (void)utf8_fold(cp);
        (void)utf8_is_letter(cp);
        (void)utf8_is_digit(cp);
        (void)utf8_is_alnum(cp);
        (void)utf8_is_space(cp);
        pos += n;
        points++;
    }
    FUZZ_CHECK(valid == (pos == size));

    /* utf8_next always makes progress, and counts as utf8_count does */
    size_t count = 0;
    for (pos = 0; pos < size; count++) {
        size_t before = pos;
        uint32_t cp = utf8_next(s, size, &pos);
        FUZZ_CHECK(pos > before && pos <= size);
        FUZZ_CHECK(cp <= 0x10FFFF);
    }
    FUZZ_CHECK(count == utf8_count(s, size));
    if (valid)
        FUZZ_CHECK(count == points);

    char *folded = utf8_fold_string(s, size);
    FUZZ_CHECK(fuzz_utf8_valid(folded, strlen(folded)));
    free(folded);

    /* utf8_cut works on a NUL-terminated string */
    char *z = fuzz_strndup(s, size);
    size_t zlen = strlen(z);
    for (size_t max = 0; max <= zlen + 1 && max < 64; max++) {
        size_t cut = utf8_cut(z, max);
        FUZZ_CHECK(cut <= max || (cut == zlen && zlen <= max));
        FUZZ_CHECK(cut <= zlen);
        if (fuzz_utf8_valid(z, zlen))
            FUZZ_CHECK(fuzz_utf8_valid(z, cut));
    }
    free(z);
    return 0;
}
