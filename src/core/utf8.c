/*
 * This file implements the UTF-8 decoding, case folding and character classes of utf8.h.
 * Folding and classes are data: sorted tables of code point ranges searched by bisection.
 * The tables cover the scripts job postings are written in; they are approximations of the
 * Unicode data files, not copies of them (docs/domain.md says what that means in practice).
 */
#include "utf8.h"

#include <assert.h>
#include <string.h>

#include "../lib/buf.h"

/* ------------------------------------------------------------------ decoding and encoding */

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    if (len == 0)
        return 0;
    const unsigned char *p = (const unsigned char *)s;
    unsigned char c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1Fu, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07u, min = 0x10000;
    } else {
        return 0; /* continuation byte, C0/C1 (always overlong) or F5..FF */
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

uint32_t utf8_next(const char *s, size_t len, size_t *pos)
{
    assert(*pos < len);
    uint32_t cp;
    size_t n = utf8_decode(s + *pos, len - *pos, &cp);
    if (n == 0) {
        *pos += 1;
        return UTF8_REPLACEMENT;
    }
    *pos += n;
    return cp;
}

size_t utf8_encode(uint32_t cp, char out[UTF8_MAX_BYTES])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return 0;
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool utf8_valid(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        /* ASCII, the common case of the rows a reply writes (utf8_decode takes such a byte
         * alone): 32 bytes at a time while none has its high bit (four words tested as one),
         * then eight, then one at a time */
        uint64_t word;
        while (len - pos >= 4 * sizeof word) {
            uint64_t w[4];
            memcpy(w, s + pos, sizeof w);
            if ((w[0] | w[1] | w[2] | w[3]) & UINT64_C(0x8080808080808080))
                break;
            pos += sizeof w;
        }
        while (len - pos >= sizeof word) {
            memcpy(&word, s + pos, sizeof word);
            if (word & UINT64_C(0x8080808080808080))
                break;
            pos += sizeof word;
        }
        while (pos < len && (unsigned char)s[pos] < 0x80)
            pos++;
        if (pos == len)
            break;
        uint32_t cp;
        size_t n = utf8_decode(s + pos, len - pos, &cp);
        if (n == 0)
            return false;
        pos += n;
    }
    return true;
}

size_t utf8_count(const char *s, size_t len)
{
    size_t pos = 0, count = 0;
    while (pos < len) {
        utf8_next(s, len, &pos);
        count++;
    }
    return count;
}

/* ------------------------------------------------------------------ case folding */

enum fold_kind {
    FOLD_SHIFT, /* every code point in the range moves by arg */
    FOLD_EVEN,  /* upper case at even code points, its lower case right after */
    FOLD_ODD,   /* upper case at odd code points, its lower case right after */
    FOLD_TO,    /* a single code point that folds to arg */
};

struct fold_range {
    uint32_t lo, hi;
    enum fold_kind kind;
    int32_t arg;
};

/* Sorted by lo, non-overlapping. */
static const struct fold_range fold_table[] = {
    {0x0041, 0x005A, FOLD_SHIFT, 32},   {0x00B5, 0x00B5, FOLD_TO, 0x03BC},
    {0x00C0, 0x00D6, FOLD_SHIFT, 32},   {0x00D8, 0x00DE, FOLD_SHIFT, 32},
    {0x0100, 0x012F, FOLD_EVEN, 0},     {0x0130, 0x0130, FOLD_TO, 0x0069},
    {0x0132, 0x0137, FOLD_EVEN, 0},     {0x0139, 0x0148, FOLD_ODD, 0},
    {0x014A, 0x0177, FOLD_EVEN, 0},     {0x0178, 0x0178, FOLD_TO, 0x00FF},
    {0x0179, 0x017E, FOLD_ODD, 0},      {0x017F, 0x017F, FOLD_TO, 0x0073},
    {0x01A0, 0x01A5, FOLD_EVEN, 0},     {0x01AF, 0x01AF, FOLD_TO, 0x01B0},
    {0x01CD, 0x01DC, FOLD_ODD, 0},      {0x01DE, 0x01EF, FOLD_EVEN, 0},
    {0x01F4, 0x01F5, FOLD_EVEN, 0},     {0x01F8, 0x021F, FOLD_EVEN, 0},
    {0x0222, 0x0233, FOLD_EVEN, 0},     {0x0370, 0x0373, FOLD_EVEN, 0},
    {0x0376, 0x0377, FOLD_EVEN, 0},     {0x037F, 0x037F, FOLD_TO, 0x03F3},
    {0x0386, 0x0386, FOLD_TO, 0x03AC},  {0x0388, 0x038A, FOLD_SHIFT, 37},
    {0x038C, 0x038C, FOLD_TO, 0x03CC},  {0x038E, 0x038F, FOLD_SHIFT, 63},
    {0x0391, 0x03A1, FOLD_SHIFT, 32},   {0x03A3, 0x03AB, FOLD_SHIFT, 32},
    {0x03C2, 0x03C2, FOLD_TO, 0x03C3},  {0x03CF, 0x03CF, FOLD_TO, 0x03D7},
    {0x03D0, 0x03D0, FOLD_TO, 0x03B2},  {0x03D1, 0x03D1, FOLD_TO, 0x03B8},
    {0x03D5, 0x03D5, FOLD_TO, 0x03C6},  {0x03D6, 0x03D6, FOLD_TO, 0x03C0},
    {0x03D8, 0x03EF, FOLD_EVEN, 0},     {0x03F0, 0x03F0, FOLD_TO, 0x03BA},
    {0x03F1, 0x03F1, FOLD_TO, 0x03C1},  {0x03F4, 0x03F4, FOLD_TO, 0x03B8},
    {0x03F5, 0x03F5, FOLD_TO, 0x03B5},  {0x03F7, 0x03F7, FOLD_TO, 0x03F8},
    {0x03F9, 0x03F9, FOLD_TO, 0x03F2},  {0x03FA, 0x03FA, FOLD_TO, 0x03FB},
    {0x03FD, 0x03FF, FOLD_SHIFT, -130}, {0x0400, 0x040F, FOLD_SHIFT, 80},
    {0x0410, 0x042F, FOLD_SHIFT, 32},   {0x0460, 0x0481, FOLD_EVEN, 0},
    {0x048A, 0x04BF, FOLD_EVEN, 0},     {0x04C0, 0x04C0, FOLD_TO, 0x04CF},
    {0x04C1, 0x04CE, FOLD_ODD, 0},      {0x04D0, 0x052F, FOLD_EVEN, 0},
    {0x0531, 0x0556, FOLD_SHIFT, 48},   {0x1E00, 0x1E95, FOLD_EVEN, 0},
    {0x1E9E, 0x1E9E, FOLD_TO, 0x00DF},  {0x1EA0, 0x1EFF, FOLD_EVEN, 0},
    {0xFF21, 0xFF3A, FOLD_SHIFT, 32},
};

uint32_t utf8_fold(uint32_t cp)
{
    if (cp < 0x80) /* ASCII: the table's first range, A-Z, without the search */
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    size_t lo = 0, hi = sizeof fold_table / sizeof fold_table[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct fold_range *r = &fold_table[mid];
        if (cp < r->lo) {
            hi = mid;
        } else if (cp > r->hi) {
            lo = mid + 1;
        } else {
            switch (r->kind) {
            case FOLD_SHIFT:
                return (uint32_t)((int32_t)cp + r->arg);
            case FOLD_EVEN:
                return (cp % 2 == 0) ? cp + 1 : cp;
            case FOLD_ODD:
                return (cp % 2 == 1) ? cp + 1 : cp;
            case FOLD_TO:
                return (uint32_t)r->arg;
            }
            return cp;
        }
    }
    return cp;
}

char *utf8_fold_string(const char *s, size_t len)
{
    struct buf out;
    buf_init(&out);
    buf_append(&out, "", 0); /* an empty input still yields "" */
    size_t pos = 0;
    while (pos < len) {
        char enc[UTF8_MAX_BYTES];
        size_t n = utf8_encode(utf8_fold(utf8_next(s, len, &pos)), enc);
        buf_append(&out, enc, n);
    }
    return buf_steal(&out);
}

char *utf8_repair(const char *s, size_t len)
{
    struct buf out;
    buf_init(&out);
    buf_append(&out, "", 0);
    size_t pos = 0;
    while (pos < len) {
        char enc[UTF8_MAX_BYTES];
        size_t n = utf8_encode(utf8_next(s, len, &pos), enc);
        buf_append(&out, enc, n);
    }
    return buf_steal(&out);
}

/* ------------------------------------------------------------------ character classes */

struct cp_range {
    uint32_t lo, hi;
};

static bool in_ranges(const struct cp_range *table, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < table[mid].lo)
            hi = mid;
        else if (cp > table[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

/* Letters (and combining marks) above U+007F, by block; sorted and non-overlapping. */
static const struct cp_range letter_table[] = {
    {0x00AA, 0x00AA}, {0x00B5, 0x00B5}, {0x00BA, 0x00BA},   {0x00C0, 0x00D6},   {0x00D8, 0x00F6},
    {0x00F8, 0x02C1}, {0x02C6, 0x02D1}, {0x02E0, 0x02E4},   {0x02EC, 0x02EC},   {0x02EE, 0x02EE},
    {0x0300, 0x0374}, {0x0376, 0x037D}, {0x037F, 0x037F},   {0x0386, 0x0386},   {0x0388, 0x0481},
    {0x0483, 0x052F}, {0x0531, 0x0556}, {0x0559, 0x0559},   {0x0560, 0x0588},   {0x0591, 0x05BD},
    {0x05BF, 0x05BF}, {0x05C1, 0x05C2}, {0x05C4, 0x05C5},   {0x05C7, 0x05C7},   {0x05D0, 0x05EA},
    {0x05EF, 0x05F2}, {0x0610, 0x061A}, {0x0620, 0x065F},   {0x066E, 0x06D3},   {0x06D5, 0x06DC},
    {0x06DF, 0x06E8}, {0x06EA, 0x06EF}, {0x06FA, 0x06FC},   {0x06FF, 0x06FF},   {0x0710, 0x074A},
    {0x074D, 0x07B1}, {0x08A0, 0x08FF}, {0x0900, 0x0963},   {0x0971, 0x0DF3},   {0x0E01, 0x0E3A},
    {0x0E40, 0x0E4E}, {0x0E81, 0x0EDF}, {0x0F40, 0x0FBC},   {0x1000, 0x109F},   {0x10A0, 0x10FA},
    {0x10FC, 0x135F}, {0x1380, 0x138F}, {0x13A0, 0x13FD},   {0x1401, 0x166C},   {0x166F, 0x167F},
    {0x1780, 0x17D3}, {0x1820, 0x1878}, {0x1AB0, 0x1AFF},   {0x1D00, 0x1FBC},   {0x1FBE, 0x1FBE},
    {0x1FC2, 0x1FCC}, {0x1FD0, 0x1FDB}, {0x1FE0, 0x1FEC},   {0x1FF2, 0x1FFC},   {0x2071, 0x2071},
    {0x207F, 0x207F}, {0x2090, 0x209C}, {0x20D0, 0x20F0},   {0x2C00, 0x2CE4},   {0x2CEB, 0x2CF3},
    {0x2D00, 0x2D25}, {0x2D27, 0x2D27}, {0x2D2D, 0x2D2D},   {0x2D30, 0x2D67},   {0x2D6F, 0x2D6F},
    {0x2D80, 0x2DDE}, {0x2DE0, 0x2DFF}, {0x3005, 0x3007},   {0x3021, 0x302F},   {0x3031, 0x3035},
    {0x3038, 0x303C}, {0x3041, 0x3096}, {0x3099, 0x309F},   {0x30A1, 0x30FA},   {0x30FC, 0x30FF},
    {0x3105, 0x312F}, {0x3131, 0x318E}, {0x31A0, 0x31BF},   {0x31F0, 0x31FF},   {0x3400, 0x4DBF},
    {0x4E00, 0xA48C}, {0xA4D0, 0xA4FD}, {0xA500, 0xA60C},   {0xA610, 0xA62B},   {0xA640, 0xA672},
    {0xA674, 0xA67D}, {0xA67F, 0xA6EF}, {0xA717, 0xA71F},   {0xA722, 0xA788},   {0xA78B, 0xA7FF},
    {0xAB30, 0xAB5A}, {0xAB5C, 0xAB69}, {0xAB70, 0xABEA},   {0xAC00, 0xD7A3},   {0xD7B0, 0xD7C6},
    {0xD7CB, 0xD7FB}, {0xF900, 0xFAFF}, {0xFB00, 0xFB06},   {0xFB13, 0xFB17},   {0xFB1D, 0xFB28},
    {0xFB2A, 0xFD3D}, {0xFD50, 0xFDFB}, {0xFE20, 0xFE2F},   {0xFE70, 0xFEFC},   {0xFF21, 0xFF3A},
    {0xFF41, 0xFF5A}, {0xFF66, 0xFFDC}, {0x20000, 0x2FA1F}, {0x30000, 0x323AF},
};

static const struct cp_range digit_table[] = {
    {0x0030, 0x0039}, {0x0660, 0x0669}, {0x06F0, 0x06F9},
    {0x0966, 0x096F}, {0x0E50, 0x0E59}, {0xFF10, 0xFF19},
};

static const struct cp_range space_table[] = {
    {0x0009, 0x000D}, {0x0020, 0x0020}, {0x0085, 0x0085}, {0x00A0, 0x00A0}, {0x1680, 0x1680},
    {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool utf8_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return in_ranges(letter_table, COUNT(letter_table), cp);
}

bool utf8_is_digit(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return in_ranges(digit_table, COUNT(digit_table), cp);
}

bool utf8_is_alnum(uint32_t cp)
{
    return utf8_is_letter(cp) || utf8_is_digit(cp);
}

bool utf8_is_space(uint32_t cp)
{
    if (cp < 0x80) /* ASCII: the table's first two ranges, without the search */
        return (cp >= 0x09 && cp <= 0x0D) || cp == ' ';
    return in_ranges(space_table, COUNT(space_table), cp);
}

size_t utf8_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}
