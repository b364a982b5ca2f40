/* This file implements the line helpers of cv_lines.h. */
#include "cv_lines.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

bool cv_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

void cv_trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && isspace((unsigned char)s[*a]))
        (*a)++;
    while (*b > *a && isspace((unsigned char)s[*b - 1]))
        (*b)--;
}

/* Bullet markers a line may start with: ASCII ones and the usual Unicode glyphs. */
static const char *const bullets[] = {
    "-",
    "*",
    "+",
    ">",
    "\xE2\x80\xA2" /* • */,
    "\xC2\xB7" /* · */,
    "\xE2\x96\xAA" /* ▪ */,
    "\xE2\x97\xA6" /* ◦ */,
    "\xE2\x80\xA3" /* ‣ */,
    "\xE2\x80\x93" /* – */,
    "\xE2\x97\x8F" /* ● */,
    "\xE2\x96\xA0" /* ■ */,
    "\xE2\x96\xBA" /* ► */,
    "\xE2\x9C\x93" /* ✓ */,
    "\xE2\x97\x8B" /* ○ */,
    "\xEF\x82\xA7" /* Wingdings bullet from PDFs */,
    "\xEF\x82\xB7",
    NULL,
};

bool cv_skip_bullet(const char *s, size_t *a, size_t b)
{
    for (const char *const *m = bullets; *m; m++) {
        size_t n = strlen(*m);
        if (b - *a > n && memcmp(s + *a, *m, n) == 0 && cv_is_blank(s[*a + n])) {
            *a += n;
            while (*a < b && cv_is_blank(s[*a]))
                (*a)++;
            return true;
        }
    }
    return false;
}

void cv_copy(char *out, size_t n, const char *s, size_t len)
{
    if (n == 0)
        return;
    if (len > n - 1) {
        len = n - 1;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--; /* never cut a character in two */
    }
    memcpy(out, s, len);
    out[len] = '\0';
}

bool cv_next_line(const char *text, size_t end, size_t *pos, size_t *ls, size_t *le)
{
    if (*pos >= end)
        return false;
    *ls = *pos;
    const char *nl = memchr(text + *pos, '\n', end - *pos);
    *le = nl ? (size_t)(nl - text) : end;
    *pos = nl ? *le + 1 : end;
    return true;
}

/* True when s[0..len) contains word (ASCII, case-insensitive) as a whole word. */
bool cv_has_word(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= len; i++) {
        if ((i > 0 && isalnum((unsigned char)s[i - 1])) || strncasecmp(s + i, word, n) != 0)
            continue;
        if (i + n == len || !isalnum((unsigned char)s[i + n]))
            return true;
    }
    return false;
}
