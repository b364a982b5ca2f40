/*
 * This file implements the job normalisation and fingerprint rules of fingerprint.h.
 * Every normaliser has the same shape: case-fold and cut the text into words at the characters
 * the rule treats as breaks (fold_words), then drop words by rule and join the rest with one
 * space. Working on the joined string keeps each rule a few lines and leaves no empty words.
 */
#include "fingerprint.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/crypto.h"
#include "../lib/xalloc.h"
#include "utf8.h"

/* ------------------------------------------------------------------ shared helpers */

/*
 * Case-folds s[0..len) and returns (xmalloc'd) its words joined by single spaces, where a word
 * is a run of code points for which is_break is false. No leading or trailing space.
 * The output is written into one allocation of 3 * len + 1 bytes: an input byte yields at most
 * 3 (an invalid byte becomes the 3-byte U+FFFD, ASCII folds to ASCII, a sequence of 2 to 4
 * bytes folds to at most 4), and each space stands for at least one break that yielded
 * nothing.
 */
static char *fold_words(const char *s, size_t len, bool (*is_break)(uint32_t))
{
    char *out = xmalloc(3 * len + 1);
    size_t n = 0;
    bool pending_space = false;
    size_t pos = 0;
    while (pos < len) {
        unsigned char c = (unsigned char)s[pos];
        uint32_t cp;
        if (c < 0x80) /* ASCII: what utf8_next yields, without the call */
            cp = utf8_fold(c), pos++;
        else
            cp = utf8_fold(utf8_next(s, len, &pos));
        if (is_break(cp)) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space)
            out[n++] = ' ';
        pending_space = false;
        if (cp < 0x80)
            out[n++] = (char)cp;
        else
            n += utf8_encode(cp, out + n);
    }
    out[n] = '\0';
    return out;
}

/* Removes the last word of the joined string s when it equals word and is not the only word. */
static void drop_last_word(char *s, const char *word)
{
    char *space = strrchr(s, ' ');
    if (space != NULL && strcmp(space + 1, word) == 0)
        *space = '\0';
}

static bool word_in(const char *word, size_t len, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strlen(*list) == len && memcmp(*list, word, len) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------------ company */

static const char *const company_suffixes[] = {
    "inc",  "incorporated", "corp", "corporation", "llc", "ltd", "limited", "co", "company",
    "gmbh", "ag",           "sa",   "nv",          "bv",  "plc", "llp",     NULL,
};

static bool company_break(uint32_t cp)
{
    return utf8_is_space(cp) || (cp != 0 && cp < 0x80 && strchr(",.;:-_", (int)cp) != NULL);
}

char *fingerprint_normalize_company(const char *company)
{
    if (company == NULL)
        company = "";
    char *s = fold_words(company, strlen(company), company_break);
    for (const char *const *suffix = company_suffixes; *suffix != NULL; suffix++)
        drop_last_word(s, *suffix);
    return s;
}

/* ------------------------------------------------------------------ title */

/*
 * Marks in del[0..len) every byte inside a complete ( ... ) or [ ... ] group, brackets
 * included. One stack per bracket kind matches nested groups in a single pass; a difference
 * array turns the matched pairs into marks without rescanning nested ranges.
 */
static void mark_groups(const char *s, size_t len, bool *del)
{
    size_t *stack = xmalloc((len + 1) * sizeof *stack);
    int *diff = xcalloc(len + 1, sizeof *diff);
    static const char kinds[2][2] = {{'(', ')'}, {'[', ']'}};
    for (int k = 0; k < 2; k++) {
        size_t depth = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == kinds[k][0]) {
                stack[depth++] = i;
            } else if (s[i] == kinds[k][1] && depth > 0) {
                diff[stack[--depth]]++;
                diff[i + 1]--;
            }
        }
    }
    int open = 0;
    for (size_t i = 0; i < len; i++) {
        open += diff[i];
        del[i] = open > 0;
    }
    free(diff);
    free(stack);
}

/* Returns (xmalloc'd) s with each maximal run of grouped bytes replaced by one space. */
static char *strip_groups(const char *s, size_t len)
{
    bool *del = xmalloc(len + 1);
    mark_groups(s, len, del);
    struct buf out;
    buf_init(&out);
    buf_append(&out, "", 0);
    for (size_t i = 0; i < len; i++) {
        if (!del[i])
            buf_putc(&out, s[i]);
        else if (i == 0 || !del[i - 1])
            buf_putc(&out, ' '); /* so the words either side of the group do not merge */
    }
    free(del);
    return buf_steal(&out);
}

static bool title_break(uint32_t cp)
{
    return !utf8_is_alnum(cp);
}

static const char *const title_noise[] = {
    "remote", "hybrid",    "onsite", "contract", "permanent", "temporary",
    "urgent", "immediate", "apply",  "now",      NULL,
};

static const char *const title_pair_first[] = {"full", "part", NULL};

/* Copies the words of s to out, leaving out the decoration words and pairs. */
static void drop_title_noise(const char *s, struct buf *out)
{
    const char *p = s;
    while (*p != '\0') {
        size_t n = strcspn(p, " ");
        const char *next = p[n] == ' ' ? p + n + 1 : p + n;
        size_t next_len = strcspn(next, " ");
        bool pair =
            word_in(p, n, title_pair_first) && next_len == 4 && memcmp(next, "time", 4) == 0;
        if (pair) {
            p = next + next_len + (next[next_len] == ' ');
            continue;
        }
        if (!word_in(p, n, title_noise)) {
            if (out->len > 0)
                buf_putc(out, ' ');
            buf_append(out, p, n);
        }
        p = next;
    }
}

char *fingerprint_normalize_title(const char *title)
{
    if (title == NULL)
        title = "";
    /* without an opening bracket there is no group: strip_groups would copy the title */
    char *grouped = strpbrk(title, "([") ? strip_groups(title, strlen(title)) : NULL;
    const char *text = grouped ? grouped : title;
    char *words = fold_words(text, strlen(text), title_break);
    struct buf out;
    buf_init(&out);
    buf_append(&out, "", 0);
    drop_title_noise(words, &out);
    free(words);
    free(grouped);
    return buf_steal(&out);
}

/* ------------------------------------------------------------------ location */

static bool location_break(uint32_t cp)
{
    return utf8_is_space(cp) || cp == ',' || cp == '-';
}

char *fingerprint_normalize_location(const char *location)
{
    if (location == NULL)
        location = "";
    return fold_words(location, strlen(location), location_break);
}

/* ------------------------------------------------------------------ fingerprint */

void fingerprint_job_normalized(const char *company, const char *title, const char *location,
                                char out[FINGERPRINT_LEN])
{
    struct buf key;
    buf_init(&key);
    buf_puts(&key, company ? company : "");
    buf_putc(&key, '|');
    buf_puts(&key, title ? title : "");
    buf_putc(&key, '|');
    buf_puts(&key, location ? location : "");
    crypto_sha256_hex(key.data, key.len, out);
    buf_free(&key);
}

void fingerprint_job(const char *company, const char *title, const char *location,
                     char out[FINGERPRINT_LEN])
{
    char *c = fingerprint_normalize_company(company);
    char *t = fingerprint_normalize_title(title);
    char *l = fingerprint_normalize_location(location);
    fingerprint_job_normalized(c, t, l, out);
    free(l);
    free(t);
    free(c);
}

/* ------------------------------------------------------------------ URL */

static bool is_scheme_char(char c)
{
    return isalnum((unsigned char)c) || c == '+' || c == '.' || c == '-';
}

/* Length of a leading "scheme://" (RFC 3986 scheme) or "//", else 0. */
static size_t scheme_length(const char *s, size_t len)
{
    if (len >= 2 && s[0] == '/' && s[1] == '/')
        return 2;
    if (len == 0 || !isalpha((unsigned char)s[0]))
        return 0;
    size_t i = 1;
    while (i < len && is_scheme_char(s[i]))
        i++;
    if (i + 3 <= len && memcmp(s + i, "://", 3) == 0)
        return i + 3;
    return 0;
}

static bool ends_with(const char *s, size_t len, const char *tail)
{
    size_t n = strlen(tail);
    return len >= n && memcmp(s + len - n, tail, n) == 0;
}

char *fingerprint_normalize_url(const char *url)
{
    if (url == NULL)
        return NULL;
    size_t start = 0, end = strlen(url);
    while (start < end && isspace((unsigned char)url[start]))
        start++;
    while (end > start && isspace((unsigned char)url[end - 1]))
        end--;
    start += scheme_length(url + start, end - start);
    end = start + strcspn(url + start, "?#");
    while (end > start && isspace((unsigned char)url[end - 1]))
        end--;

    size_t path = start + strcspn(url + start, "/");
    if (path > end)
        path = end;
    const char *at = memrchr(url + start, '@', path - start);
    size_t host = at ? (size_t)(at - url) + 1 : start;
    size_t host_end = path;
    if (ends_with(url + host, host_end - host, ":80"))
        host_end -= 3;
    else if (ends_with(url + host, host_end - host, ":443"))
        host_end -= 4;
    while (end > path && url[end - 1] == '/')
        end--;
    if (host_end == host && end == path)
        return NULL;

    struct buf out;
    buf_init(&out);
    for (size_t i = host; i < host_end; i++)
        buf_putc(&out, (char)tolower((unsigned char)url[i]));
    buf_append(&out, url + path, end - path);
    return buf_steal(&out);
}
