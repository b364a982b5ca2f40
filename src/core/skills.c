/*
 * This file implements the skills dictionary of skills.h. A dictionary is a list of canonical
 * skills plus one table of lookup keys (every canonical name and alias, normalised: trimmed,
 * inner whitespace collapsed to one space, case-folded). Two views of that table serve the two
 * questions asked of it:
 *   - sorted by key, for skills_canonical (binary search);
 *   - grouped by their first two bytes (case-folded), for skills_find_in_text, which walks the
 *     text once and at every word start tries only the keys beginning with the two bytes there
 *     (plus the one-byte keys, and the keys whose second byte is a space when whitespace
 *     follows), keeping the longest that ends on a word boundary ("c++" wins over "c",
 *     "machine learning" over nothing).
 * Word boundaries: letters, digits, '_', '+', '#', '&' and every non-ASCII byte are word
 * characters; '.' is one too when a letter or digit follows it ("node.js", "vue.js") or
 * precedes it at a key's start ("asp.net" does not contain ".net"). For one-letter names
 * (C, R) a '-' between it and a letter or digit also joins ("C-level").
 * One space in a key matches any run of whitespace in the text.
 */
#include "skills.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/embedded.h"
#include "../lib/hash.h"
#include "../lib/xalloc.h"
#include "utf8.h"

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

/* ================================================================ normalising */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Writes s trimmed, inner whitespace collapsed, case-folded (Unicode simple folding) into out
 * (size n). Returns the length, or SIZE_MAX when it does not fit. */
static size_t normalize(const char *s, char *out, size_t n)
{
    size_t len = strlen(s), pos = 0, w = 0;
    bool pending_space = false;
    while (pos < len) {
        if (is_space((unsigned char)s[pos])) {
            pending_space = w > 0;
            pos++;
            continue;
        }
        char bytes[UTF8_MAX_BYTES];
        size_t k = utf8_encode(utf8_fold(utf8_next(s, len, &pos)), bytes);
        if (w + k + (pending_space ? 1 : 0) + 1 > n)
            return SIZE_MAX;
        if (pending_space)
            out[w++] = ' ';
        pending_space = false;
        memcpy(out + w, bytes, k);
        w += k;
    }
    out[w] = '\0';
    return w;
}

/* ================================================================ loading */

static int compare_keys(const void *a, const void *b)
{
    return strcmp(((const struct key *)a)->text, ((const struct key *)b)->text);
}

/* The group of a key: its first byte and its (ASCII-folded) second byte, 0 for a one-byte key. */
static unsigned group_of(const struct key *k)
{
    return (unsigned)(unsigned char)k->text[0] * 256u + (unsigned)tolower(k->second);
}

/* Groups by the first two bytes, longest key first within a group. */
static int compare_pair(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    unsigned gx = group_of(x), gy = group_of(y);
    if (gx != gy)
        return gx < gy ? -1 : 1;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return strcmp(x->text, y->text);
}

/* Adds name (raw) as a key of skill; exact is the case-sensitive spelling or NULL.
 * Keys that are empty, too long or already taken by an earlier skill are dropped. */
static void add_key(struct skills_dict *d, size_t *cap, const char *name, size_t skill,
                    const char *exact)
{
    char folded[KEY_MAX];
    size_t len = normalize(name, folded, sizeof folded);
    if (len == 0 || len == SIZE_MAX)
        return;
    for (size_t i = 0; i < d->nkeys; i++) /* load time only: a linear check is fine */
        if (strcmp(d->keys[i].text, folded) == 0)
            return;
    if (d->nkeys == *cap) {
        *cap = *cap ? *cap * 2 : 256;
        d->keys = xrealloc(d->keys, *cap * sizeof *d->keys);
    }
    const char *spelled = exact ? exact : folded;
    unsigned char second = strlen(spelled) > 1 ? (unsigned char)spelled[1] : 0;
    d->keys[d->nkeys++] = (struct key){xstrdup(folded), len, exact, skill, second};
}

/* Trims s in place and returns it. */
static char *trim(char *s)
{
    while (is_space((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Remembers the names of a "#@top:" (kind 't') or "#@field:" (kind 'f') line, resolved once
 * the skills are known. */
static void add_mark_line(struct skills_dict *d, char kind, char *names)
{
    for (char *name = strtok(names, ","); name; name = strtok(NULL, ",")) {
        size_t old = d->mark_names ? strlen(d->mark_names) : 0, len = strlen(name);
        d->mark_names = xrealloc(d->mark_names, old + len + 3);
        d->mark_names[old] = kind;
        memcpy(d->mark_names + old + 1, name, len);
        d->mark_names[old + len + 1] = '\n';
        d->mark_names[old + len + 2] = '\0';
    }
}

/* Parses one line ("[!]Canonical: alias, alias", or a "#@top: Name, Name" mark) into d. */
static void parse_line(struct skills_dict *d, size_t *skill_cap, size_t *key_cap, char *line)
{
    line = trim(line);
    if (strncmp(line, "#@top:", 6) == 0 || strncmp(line, "#@field:", 8) == 0) {
        add_mark_line(d, line[2], strchr(line, ':') + 1);
        return;
    }
    if (*line == '\0' || *line == '#')
        return;
    bool exact = *line == '!';
    if (exact)
        line++;
    char *aliases = strchr(line, ':');
    if (aliases)
        *aliases++ = '\0';
    char *name = trim(line);
    char check[KEY_MAX];
    size_t len = normalize(name, check, sizeof check);
    if (len == 0 || len == SIZE_MAX)
        return;
    if (d->nskills == *skill_cap) {
        *skill_cap = *skill_cap ? *skill_cap * 2 : 128;
        d->skills = xrealloc(d->skills, *skill_cap * sizeof *d->skills);
    }
    size_t skill = d->nskills++;
    d->skills[skill] = xstrdup(name);
    add_key(d, key_cap, name, skill, exact ? d->skills[skill] : NULL);
    for (char *alias = aliases ? strtok(aliases, ",") : NULL; alias; alias = strtok(NULL, ","))
        add_key(d, key_cap, trim(alias), skill, NULL);
}

static size_t lookup(const struct skills_dict *d, const char *name);

/* Marks the skills the "#@top:" lines name (exact canonical spelling; other names and repeats
 * are ignored) with their rank, in the order the lines list them, and those the "#@field:"
 * lines name as fields. */
static void resolve_marks(struct skills_dict *d)
{
    d->top = xcalloc(d->nskills ? d->nskills : 1, sizeof *d->top);
    d->field = xcalloc(d->nskills ? d->nskills : 1, sizeof *d->field);
    for (char *mark = d->mark_names, *next; mark && *mark; mark = next) {
        next = strchr(mark, '\n');
        *next++ = '\0';
        char *name = trim(mark + 1);
        size_t i = lookup(d, name);
        if (i == SIZE_MAX || strcmp(d->skills[i], name) != 0)
            continue;
        if (*mark == 't' && d->top[i] == 0)
            d->top[i] = (int)++d->ntop;
        else if (*mark == 'f')
            d->field[i] = true;
    }
    free(d->mark_names);
    d->mark_names = NULL;
}

/* The head of a key: its leading ASCII lowercase letters and digits ("machine" of "machine
 * learning", "c" of "c++", all of "python"; empty for ".net"). A key can match at a word start
 * only where the text's run of ASCII letters and digits, lowercased, is its head: the byte after
 * the head (if any) is not a letter or digit, and must match a byte that is not either. So
 * skills_find_in_text tries only the keys whose head is that run (by_head, found through
 * heads), and the keys without a head by their first two bytes (by_pair). */
static size_t head_len(const struct key *k)
{
    size_t n = 0;
    while (n < k->len &&
           ((k->text[n] >= 'a' && k->text[n] <= 'z') || (k->text[n] >= '0' && k->text[n] <= '9')))
        n++;
    return n;
}

static size_t head_hash(const char *s, size_t n)
{
    return (size_t)fnv1a_bytes(FNV1A_SEED, s, n);
}

/* Heads, then longest first. */
static int compare_head(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    size_t hx = head_len(x), hy = head_len(y);
    int c = memcmp(x->text, y->text, hx < hy ? hx : hy);
    if (c != 0 || hx != hy)
        return c != 0 ? c : hx < hy ? -1 : 1;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return strcmp(x->text, y->text);
}

/* The keys whose head is s[0..n): *count of them from by_head[*first]; false when none. */
static bool head_find(const struct skills_dict *d, const char *s, size_t n, uint32_t *first,
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

/* Builds the two views of the keys skills_find_in_text uses (see head_len). */
static void index_keys(struct skills_dict *d)
{
    size_t nhead = 0, nother = 0;
    d->by_head = xmalloc((d->nkeys ? d->nkeys : 1) * sizeof *d->by_head);
    d->by_pair = xmalloc((d->nkeys ? d->nkeys : 1) * sizeof *d->by_pair);
    for (size_t i = 0; i < d->nkeys; i++) {
        if (head_len(&d->keys[i]) > 0)
            d->by_head[nhead++] = d->keys[i];
        else
            d->by_pair[nother++] = d->keys[i];
    }
    if (nhead)
        qsort(d->by_head, nhead, sizeof *d->by_head, compare_head);
    d->nhead_slots = 16;
    while (d->nhead_slots < 2 * nhead)
        d->nhead_slots *= 2;
    d->heads = xcalloc(d->nhead_slots, sizeof *d->heads);
    for (size_t i = 0; i < nhead;) {
        const struct key *k = &d->by_head[i];
        size_t n = head_len(k), end = i + 1;
        while (end < nhead && head_len(&d->by_head[end]) == n &&
               memcmp(d->by_head[end].text, k->text, n) == 0)
            end++;
        size_t slot = head_hash(k->text, n) & (d->nhead_slots - 1);
        while (d->heads[slot].count)
            slot = (slot + 1) & (d->nhead_slots - 1);
        d->heads[slot] = (struct head_slot){(uint32_t)i, (uint32_t)(end - i)};
        unsigned pair = (unsigned char)k->text[0] * 256u + (n > 1 ? (unsigned char)k->text[1] : 0);
        d->head_starts[pair / 64] |= (uint64_t)1 << (pair % 64);
        if (n > d->head_max)
            d->head_max = n;
        i = end;
    }
    if (nother)
        qsort(d->by_pair, nother, sizeof *d->by_pair, compare_pair);
    d->pair_start = xmalloc((256 * 256 + 1) * sizeof *d->pair_start);
    uint32_t k = 0;
    for (unsigned g = 0; g < 256 * 256; g++) {
        d->pair_start[g] = k;
        while (k < nother && group_of(&d->by_pair[k]) == g)
            k++;
    }
    d->pair_start[256 * 256] = k;
}

struct skills_dict *skills_load(const char *text, size_t len)
{
    struct skills_dict *d = xcalloc(1, sizeof *d);
    char *copy = xstrndup(text ? text : "", text ? len : 0);
    size_t skill_cap = 0, key_cap = 0;
    for (char *line = copy, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        parse_line(d, &skill_cap, &key_cap, line);
    }
    free(copy);
    if (d->nkeys)
        qsort(d->keys, d->nkeys, sizeof *d->keys, compare_keys);
    resolve_marks(d);
    index_keys(d);
    return d;
}

void skills_free(struct skills_dict *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->nkeys; i++)
        free(d->keys[i].text);
    for (size_t i = 0; i < d->nskills; i++)
        free(d->skills[i]);
    free(d->keys);
    free(d->by_pair);
    free(d->pair_start);
    free(d->by_head);
    free(d->heads);
    free(d->skills);
    free(d->top);
    free(d->field);
    free(d->mark_names);
    free(d);
}

static void *parse_dict(const char *text, size_t len)
{
    return skills_load(text, len);
}

static struct embedded_asset default_asset = EMBEDDED_ASSET("assets/skills.txt", parse_dict);

const struct skills_dict *skills_default(void)
{
    return embedded_asset(&default_asset);
}

size_t skills_count(const struct skills_dict *d)
{
    return d->nskills;
}

const char *skills_name(const struct skills_dict *d, size_t i)
{
    return i < d->nskills ? d->skills[i] : NULL;
}

/* ================================================================ lookups */

/* The index of the skill name names (itself or an alias, any case), or SIZE_MAX. */
static size_t lookup(const struct skills_dict *d, const char *name)
{
    char folded[KEY_MAX];
    if (name == NULL || d->nkeys == 0 || normalize(name, folded, sizeof folded) == SIZE_MAX)
        return SIZE_MAX;
    struct key probe = {.text = folded};
    const struct key *k = bsearch(&probe, d->keys, d->nkeys, sizeof *d->keys, compare_keys);
    return k ? k->skill : SIZE_MAX;
}

const char *skills_canonical(const struct skills_dict *d, const char *name)
{
    size_t i = lookup(d, name);
    return i == SIZE_MAX ? NULL : d->skills[i];
}

int skills_top_rank(const struct skills_dict *d, const char *name)
{
    size_t i = lookup(d, name);
    return i == SIZE_MAX ? 0 : d->top[i];
}

size_t skills_top_count(const struct skills_dict *d)
{
    return d->ntop;
}

bool skills_is_field(const struct skills_dict *d, const char *name)
{
    size_t i = lookup(d, name);
    return i != SIZE_MAX && d->field[i];
}

/* Copies s into out (size n >= 1), cut at n - 1 bytes on a UTF-8 character boundary and
 * without the spaces such a cut leaves at the end (so that a key is its own key). */
static const char *copy_cut(const char *s, char *out, size_t n)
{
    size_t len = strlen(s);
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--; /* s[len] would be the first byte left out: never split a character */
        while (len > 0 && s[len - 1] == ' ')
            len--;
    }
    memcpy(out, s, len);
    out[len] = '\0';
    return out;
}

const char *skills_key(const struct skills_dict *d, const char *name, char *out, size_t n)
{
    if (n == 0)
        return "";
    const char *canonical = skills_canonical(d, name);
    if (canonical)
        return copy_cut(canonical, out, n);
    /* outside the dictionary: folded; a name too long to fold whole is cut first */
    char cut[KEY_MAX * 2], folded[KEY_MAX * 4];
    if (normalize(copy_cut(name ? name : "", cut, sizeof cut), folded, sizeof folded) == SIZE_MAX)
        folded[0] = '\0';
    return copy_cut(folded, out, n);
}

const char *skills_display(const struct skills_dict *d, const char *name, char *out, size_t n)
{
    if (n == 0)
        return "";
    const char *canonical = skills_canonical(d, name);
    if (canonical)
        return copy_cut(canonical, out, n);
    /* as written: trimmed, inner whitespace collapsed, case kept */
    char spaced[KEY_MAX * 4];
    size_t w = 0;
    bool pending = false;
    for (const char *p = name ? name : ""; *p && w + 2 < sizeof spaced; p++) {
        if (is_space((unsigned char)*p)) {
            pending = w > 0;
            continue;
        }
        if (pending)
            spaced[w++] = ' ';
        pending = false;
        spaced[w++] = *p;
    }
    spaced[w] = '\0';
    return copy_cut(spaced, out, n);
}

size_t skills_parts(const struct skills_dict *d, const char *name, const char **out, size_t max)
{
    if (name == NULL || strpbrk(name, "/,") == NULL || skills_canonical(d, name) != NULL)
        return 0;
    const char *found[16]; /* out is written only when every part is a skill */
    size_t n = 0;
    for (const char *p = name;;) {
        size_t len = strcspn(p, "/,");
        char part[SKILLS_KEY_MAX];
        if (len == 0 || len >= sizeof part || n == sizeof found / sizeof *found)
            return 0;
        memcpy(part, p, len);
        part[len] = '\0';
        const char *skill = skills_canonical(d, part);
        if (skill == NULL)
            return 0;
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = found[k] == skill;
        if (!seen)
            found[n++] = skill;
        if (p[len] == '\0')
            break;
        p += len + 1;
    }
    n = n < max ? n : max;
    memcpy(out, found, n * sizeof *out);
    return n;
}

/* ================================================================ finding skills in text */

/* isalnum in the C locale (the server never sets another), without the call. */
static bool ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool word_byte(unsigned char c)
{
    return ascii_alnum(c) || c == '_' || c == '+' || c == '#' || c == '&' || c >= 0x80;
}

static bool alnum_at(const char *t, size_t len, size_t i)
{
    return i < len && (ascii_alnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80);
}

/* True when a match may start at i (the text before it ends a word). */
static bool starts_word(const char *t, size_t i)
{
    if (i == 0)
        return true;
    unsigned char prev = (unsigned char)t[i - 1];
    if (word_byte(prev))
        return false;
    if (prev == '.' && i >= 2 && word_byte((unsigned char)t[i - 2]))
        return false;
    return true;
}

/* True when a match of t[start..end) is a whole word: what follows cannot continue it, and a
 * one-letter name is not glued to a word by a hyphen. */
static bool ends_word(const char *t, size_t len, size_t start, size_t end)
{
    if (end - start == 1 && start >= 2 && t[start - 1] == '-' && alnum_at(t, len, start - 2))
        return false; /* "X-C" */
    if (end == len)
        return true;
    unsigned char next = (unsigned char)t[end];
    if (word_byte(next))
        return false;
    if (next == '.' && alnum_at(t, len, end + 1))
        return false; /* "node.js" is not "node" */
    if (end - start == 1 && next == '-' && alnum_at(t, len, end + 1))
        return false; /* "C-level" */
    return true;
}

/* Matches key k at t[i..]; returns the end offset or 0. A space in the key matches any run of
 * whitespace; letters compare ASCII case-insensitively unless k is exact. */
static size_t match_at(const char *t, size_t len, size_t i, const struct key *k)
{
    if (k->exact) {
        size_t n = strlen(k->exact);
        return i + n <= len && memcmp(t + i, k->exact, n) == 0 ? i + n : 0;
    }
    size_t p = i;
    for (size_t j = 0; j < k->len; j++) {
        if (p >= len)
            return 0;
        if (k->text[j] == ' ') {
            if (!is_space((unsigned char)t[p]))
                return 0;
            while (p < len && is_space((unsigned char)t[p]))
                p++;
            continue;
        }
        if (tolower((unsigned char)t[p]) != (unsigned char)k->text[j])
            return 0;
        p++;
    }
    return p;
}

/* c lowercased when it is an ASCII letter or digit, else 0 (what tolower makes of it in the C
 * locale, which the server keeps). */
static int ascii_lower_alnum(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 'a';
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : 0;
}

/* The longest key matching as a whole word at i: its skill in *skill and the end, or 0. The
 * keys with a head (head_len) are tried when their head is the text's run of letters and digits
 * at i; the others, when no letter or digit is at i, if the bytes there can start them
 * (by_pair). (Two keys never match the
 * same span: their folded texts differ.) */
static size_t longest_at(const struct skills_dict *d, const char *t, size_t len, size_t i,
                         size_t *skill)
{
    size_t best = 0;
    char run[KEY_MAX];
    size_t n = 0;
    int c0 = ascii_lower_alnum(t[i]), c1 = i + 1 < len ? ascii_lower_alnum(t[i + 1]) : 0;
    unsigned pair = (unsigned)c0 * 256u + (unsigned)c1;
    if (c0 && (d->head_starts[pair / 64] >> (pair % 64) & 1)) /* a head may start here */
        for (; i + n < len && n < sizeof run; n++) {
            int c = ascii_lower_alnum(t[i + n]);
            if (c == 0)
                break;
            run[n] = (char)c;
        }
    uint32_t from, count;
    if (n && head_find(d, run, n, &from, &count))
        for (uint32_t k = from; k < from + count; k++) {
            size_t end = match_at(t, len, i, &d->by_head[k]);
            if (end > best && ends_word(t, len, i, end)) {
                best = end;
                *skill = d->by_head[k].skill;
            }
        }
    if (c0) /* a key without a head starts with a byte that is not a letter or digit */
        return best;
    unsigned first = (unsigned)tolower((unsigned char)t[i]);
    unsigned char raw = i + 1 < len ? (unsigned char)t[i + 1] : 0;
    /* the keys whose second byte is the text's, the one-byte keys, and the keys with a space
       second when whitespace follows (a space in a key matches any run of it) */
    const unsigned groups[3] = {first * 256u + (unsigned)tolower(raw), first * 256u,
                                first * 256u + ' '};
    size_t ngroups = raw == 0 ? 2 : is_space(raw) && raw != ' ' ? 3 : 2;
    for (size_t g = raw == 0 ? 1 : 0; g < ngroups; g++) {
        for (uint32_t k = d->pair_start[groups[g]]; k < d->pair_start[groups[g] + 1]; k++) {
            const struct key *key = &d->by_pair[k];
            size_t end = match_at(t, len, i, key);
            if (end > best && ends_word(t, len, i, end)) {
                best = end;
                *skill = key->skill;
            }
        }
    }
    return best;
}

/* ================================================================ asked or ruled out */

/* Is the word [i, end) of t one that rules out what follows in its clause ("no", "not",
 * "without", "never", "nor", "neither", "none", or one ending in "n't")? */
static inline bool negation_word(const char *t, size_t i, size_t end)
{
    static const char *const words[] = {"no",  "not",     "without", "never",
                                        "nor", "neither", "none",    NULL};
    size_t n = end - i;
    unsigned char first = (unsigned char)(t[i] | 0x20);
    if (first != 'n' && first != 'w' && (t[end - 1] | 0x20) != 't')
        return false; /* most words: no negation starts or ends that way */
    if (n >= 3 && strncasecmp(t + end - 3, "n't", 3) == 0)
        return true;
    for (const char *const *w = words; *w; w++)
        if (strlen(*w) == n && strncasecmp(t + i, *w, n) == 0)
            return true;
    return false;
}

/* Does the negation ending at i go on with "only" or "just" ("not only Python but also Go")? */
static inline bool not_only(const char *t, size_t len, size_t i)
{
    while (i < len && t[i] == ' ')
        i++;
    for (const char *w = "only"; w; w = strcmp(w, "only") == 0 ? "just" : NULL)
        if (i + 4 <= len && strncasecmp(t + i, w, 4) == 0 &&
            (i + 4 == len || !word_byte((unsigned char)t[i + 4])))
            return true;
    return false;
}

/* Does t at i (after a skill in the clause) say it is not asked for: "not required", "not
 * needed", "not necessary", "not mandatory", "not a must"? */
static inline bool ruled_out_after(const char *t, size_t len, size_t i)
{
    static const char *const phrases[] = {"not required",  "not needed", "not necessary",
                                          "not mandatory", "not a must", NULL};
    for (const char *const *p = phrases; *p; p++) {
        size_t n = strlen(*p);
        if (i + n <= len && strncasecmp(t + i, *p, n) == 0 &&
            (i + n == len || !word_byte((unsigned char)t[i + n])))
            return true;
    }
    return false;
}

/* "but" (ending at i) ends a clause, unless "not required" and the like follow it: "Kafka is a
 * plus but not required" rules out the skills before it (session 35: Kafka was a missing skill
 * to learn). */
static inline void but_ends(const char *t, size_t len, size_t i, size_t nclause, bool *ends,
                            bool *dropped)
{
    while (i < len && t[i] == ' ')
        i++;
    if (nclause > 0 && ruled_out_after(t, len, i))
        *dropped = true;
    else
        *ends = true;
}

/* Is the word [i, end) of t one that joins the items of a list: "or", "and", "nor", "&"? */
static bool list_word(const char *t, size_t i, size_t end)
{
    static const char *const words[] = {"or", "and", "nor", "&", NULL};
    for (const char *const *w = words; *w; w++)
        if (strlen(*w) == end - i && strncasecmp(t + i, *w, end - i) == 0)
            return true;
    return false;
}

/* Does the comma at i join the items of one list, so that a negation before it or a "not
 * required" after it covers them all ("No Java, Kotlin or Scala", "Kafka, Flink and Spark are
 * not required"; session 35: the comma ended the clause and left Kotlin and Scala claimed)? It
 * does when a skill ends right before it (skill_end) and two more skills follow it, joined by
 * commas, slashes, "or", "and", "nor" or "&" (so "No Java, Python daily" and "Docker, and no
 * Kubernetes" end their clause at the comma), or one that "or" or "nor" or "not required"
 * and the like follow ("without Kafka, RabbitMQ or NATS", "Kafka, Flink (not required)"). *list_end
 * keeps the end of the last list found, so that its later commas join without looking again. */
static bool comma_joins(const struct skills_dict *d, const char *t, size_t len, size_t i,
                        size_t skill_end, bool negated, size_t *list_end, size_t *next_not)
{
    if (i < *list_end)
        return true;
    size_t k = i;
    while (k > skill_end && t[k - 1] == ' ')
        k--;
    if (skill_end == 0 || k != skill_end)
        return false;
    if (!negated) { /* only a "not" later can rule out the list: most texts have none */
        if (*next_not < i)
            for (*next_not = i; *next_not + 3 <= len; ++*next_not)
                if ((t[*next_not] | 0x20) == 'n' && (t[*next_not + 1] | 0x20) == 'o' &&
                    (t[*next_not + 2] | 0x20) == 't')
                    break;
        if (*next_not + 3 > len)
            return false;
    }
    size_t items = 0, last = 0;
    bool or_next = false; /* "or" or "nor" follows the last skill */
    for (i++;;) {
        while (i < len && t[i] == ' ')
            i++;
        size_t w = i;
        while (w < len && word_byte((unsigned char)t[w]))
            w++;
        bool joined = w > i && list_word(t, i, w);
        or_next = joined && (t[i] | 0x20) != 'a' && t[i] != '&';
        if (joined)
            for (i = w; i < len && t[i] == ' ';)
                i++;
        size_t skill, end = i < len && starts_word(t, i) ? longest_at(d, t, len, i, &skill) : 0;
        if (end == 0)
            break;
        items++;
        for (last = i = end; i < len && t[i] == ' ';)
            i++;
        if (i < len && (t[i] == ',' || t[i] == '/'))
            i++;
    }
    if (items == 0)
        return false;
    /* one skill: "without Kafka, RabbitMQ or NATS" (a name the dictionary does not know),
       "Kafka, Flink (not required)" */
    if (items == 1 && !or_next) {
        for (i = last; i < len && (t[i] == ' ' || t[i] == '(');)
            i++;
        if (i + 4 <= len && strncasecmp(t + i, "are ", 4) == 0)
            i += 4;
        else if (i + 3 <= len && strncasecmp(t + i, "is ", 3) == 0)
            i += 3;
        if (!ruled_out_after(t, len, i))
            return false;
    }
    *list_end = last;
    return true;
}

/* Does the byte c at i of t end a clause: , ; : ! ? ) a new line, a full stop before white
 * space or the end, or a dash between spaces ("No Java - Kotlin and Scala instead")? */
static inline bool clause_end(const char *t, size_t len, size_t i, unsigned char c)
{
    return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == '\n' ||
           (c == '.' && (i + 1 == len || isspace((unsigned char)t[i + 1]))) ||
           (c == '-' && i > 0 && t[i - 1] == ' ' && i + 1 < len && t[i + 1] == ' ');
}

/* A set of the dictionary's skills, one bit each (on the stack for a dictionary of up to 4,096
   skills): what skills_find_asked and skills_find_in_text collect. */
struct skill_set {
    uint64_t local[64], *bits;
    size_t words;
};

static void skill_set_init(struct skill_set *s, const struct skills_dict *d)
{
    s->words = (d->nskills + 63) / 64;
    s->bits = s->local;
    if (s->words > sizeof s->local / sizeof *s->local)
        s->bits = xcalloc(s->words, sizeof *s->bits);
    else
        memset(s->local, 0, s->words * sizeof *s->local);
}

static inline void skill_set_add(struct skill_set *s, size_t skill)
{
    s->bits[skill / 64] |= (uint64_t)1 << (skill % 64);
}

/* Writes at most max of the set's skills to out, in the dictionary's order, frees the set and
   returns how many it wrote. */
static size_t skill_set_take(struct skill_set *s, const struct skills_dict *d, const char **out,
                             size_t max)
{
    size_t n = 0;
    for (size_t w = 0; w < s->words && n < max; w++)
        for (uint64_t bits = s->bits[w]; bits && n < max; bits &= bits - 1)
            out[n++] = d->skills[w * 64 + (size_t)__builtin_ctzll(bits)];
    if (s->bits != s->local)
        free(s->bits);
    return n;
}

#define CLAUSE_SKILLS 16

/* Is the word [w, i) of t one that, in a résumé, says what follows in its clause is not yet the
 * writer's skill: "learn" ("want to learn Go"), "interests", "interested", "hobbies", "hobby",
 * or "learning" opening its clause ("Learning: Rust") or after currently, now, still, am, 'm,
 * actively, presently or also ("currently learning Kubernetes")? words counts the words of the
 * clause before it and [prev, prev_end) is the one right before (when words > 0). */
static bool not_yet_word(const char *t, size_t w, size_t i, size_t words, size_t prev,
                         size_t prev_end)
{
    static const char *const words_alone[] = {"learn",   "interests", "interested",
                                              "hobbies", "hobby",     NULL};
    static const char *const before_learning[] = {"currently", "now",       "still", "am", "m",
                                                  "actively",  "presently", "also",  NULL};
    size_t n = i - w;
    for (const char *const *x = words_alone; *x; x++)
        if (strlen(*x) == n && strncasecmp(t + w, *x, n) == 0)
            return true;
    if (n != 8 || strncasecmp(t + w, "learning", 8) != 0)
        return false;
    if (words == 0)
        return true;
    for (size_t k = prev; k < prev_end; k++)
        if (t[k] == '\'') /* "I'm": its "m" */
            prev = k + 1;
    for (const char *const *x = before_learning; *x; x++)
        if (strlen(*x) == prev_end - prev && strncasecmp(t + prev, *x, prev_end - prev) == 0)
            return true;
    return false;
}

size_t skills_find_asked(const struct skills_dict *d, const char *text, const char **out,
                         size_t max)
{
    if (text == NULL || d->nskills == 0)
        return 0;
    size_t len = strlen(text);
    struct skill_set found;
    skill_set_init(&found, d);
    /* the skills of the clause being read, kept when it ends unless something after them
       ruled them out; a negation before a skill keeps it from the clause at all */
    size_t clause[CLAUSE_SKILLS], nclause = 0;
    bool negated = false, dropped = false, ends = false;
    /* where the last skill and the last list end, and the next "not" (if at i or after) */
    size_t skill_end = 0, list_end = 0, next_not = 0;
    for (size_t i = 0; i <= len;) {
        if (ends || i == len) { /* a clause ends: keep its skills unless ruled out */
            for (size_t k = 0; k < nclause && !dropped; k++)
                skill_set_add(&found, clause[k]);
            nclause = 0;
            negated = dropped = ends = false;
            if (i == len)
                break;
        }
        size_t skill, end = starts_word(text, i) ? longest_at(d, text, len, i, &skill) : 0;
        unsigned char c = (unsigned char)text[i];
        if (end) {
            if (!negated && nclause < CLAUSE_SKILLS)
                clause[nclause++] = skill;
            else if (!negated) /* a long clause: keep what does not fit at once */
                skill_set_add(&found, skill);
            i = skill_end = end;
        } else if (word_byte(c)) {
            size_t w = i;
            while (++i < len && (word_byte((unsigned char)text[i]) || text[i] == '\''))
                ;
            unsigned char first = (unsigned char)(c | 0x20),
                          last = (unsigned char)(text[i - 1] | 0x20);
            if ((first == 'n' || first == 'w' || first == 'b' || last == 't') &&
                starts_word(text, w)) {
                if (first == 'b' && i - w == 3 && strncasecmp(text + w, "but", 3) == 0)
                    but_ends(text, len, i, nclause, &ends, &dropped);
                else if (negation_word(text, w, i) && !not_only(text, len, i)) {
                    if (nclause > 0 && ruled_out_after(text, len, w))
                        dropped = true;
                    else
                        negated = true;
                }
            }
        } else {
            ends = clause_end(text, len, i, c) &&
                   !(c == ',' &&
                     comma_joins(d, text, len, i, skill_end, negated, &list_end, &next_not));
            i++;
        }
    }
    return skill_set_take(&found, d, out, max);
}

/* skills_find_asked's walk with what a résumé adds (skills.h); a walk of its own, so that the
 * posting's, which the ranking runs over every job, stays the code it was. */
size_t skills_find_claimed(const struct skills_dict *d, const char *text, const char **out,
                           size_t max)
{
    if (text == NULL || d->nskills == 0)
        return 0;
    size_t len = strlen(text);
    struct skill_set found;
    skill_set_init(&found, d);
    /* the skills of the clause being read, kept when it ends unless something after them
       ruled them out; a negation before a skill keeps it from the clause at all */
    size_t clause[CLAUSE_SKILLS], nclause = 0;
    bool negated = false, dropped = false, ends = false;
    /* where the last skill and the last list end, and the next "not" (if at i or after) */
    size_t skill_end = 0, list_end = 0, next_not = 0;
    /* the words of the clause so far, the last of them, whether a word said what follows
       is not yet a skill, and a label that did ("Interests: Rust, chess") ruling out the rest of
       its line */
    size_t words = 0, prev = 0, prev_end = 0;
    bool not_yet = false, label = false;
    for (size_t i = 0; i <= len;) {
        if (ends || i == len) { /* a clause ends: keep its skills unless ruled out */
            for (size_t k = 0; k < nclause && !dropped; k++)
                skill_set_add(&found, clause[k]);
            bool keep = label || (not_yet && i > 0 && text[i - 1] == ':');
            nclause = 0;
            dropped = ends = not_yet = false;
            words = 0;
            if (i == len)
                break;
            label = keep && text[i - 1] != '\n';
            negated = label; /* a label's line goes on ruled out */
        }
        size_t skill, end = starts_word(text, i) ? longest_at(d, text, len, i, &skill) : 0;
        unsigned char c = (unsigned char)text[i];
        if (end) {
            if (!negated && nclause < CLAUSE_SKILLS)
                clause[nclause++] = skill;
            else if (!negated) /* a long clause: keep what does not fit at once */
                skill_set_add(&found, skill);
            prev = i;
            prev_end = end;
            words++;
            i = skill_end = end;
        } else if (word_byte(c)) {
            size_t w = i;
            while (++i < len && (word_byte((unsigned char)text[i]) || text[i] == '\''))
                ;
            unsigned char first = (unsigned char)(c | 0x20),
                          last = (unsigned char)(text[i - 1] | 0x20);
            if ((first == 'n' || first == 'w' || first == 'b' || last == 't') &&
                starts_word(text, w)) {
                if (first == 'b' && i - w == 3 && strncasecmp(text + w, "but", 3) == 0)
                    but_ends(text, len, i, nclause, &ends, &dropped);
                else if (negation_word(text, w, i) && !not_only(text, len, i)) {
                    if (nclause > 0 && ruled_out_after(text, len, w))
                        dropped = true;
                    else
                        negated = true;
                }
            }
            if ((first == 'l' || first == 'i' || first == 'h') && starts_word(text, w) &&
                not_yet_word(text, w, i, words, prev, prev_end))
                negated = not_yet = true;
            if (starts_word(text, w)) {
                prev = w;
                prev_end = i;
                words++;
            }
        } else {
            ends = clause_end(text, len, i, c) &&
                   !(c == ',' &&
                     comma_joins(d, text, len, i, skill_end, negated, &list_end, &next_not));
            i++;
        }
    }
    return skill_set_take(&found, d, out, max);
}

size_t skills_find_in_text(const struct skills_dict *d, const char *text, const char **out,
                           size_t max)
{
    if (text == NULL || d->nskills == 0)
        return 0;
    size_t len = strlen(text);
    struct skill_set found;
    skill_set_init(&found, d);
    for (size_t i = 0; i < len;) {
        size_t skill, end = starts_word(text, i) ? longest_at(d, text, len, i, &skill) : 0;
        if (end) {
            skill_set_add(&found, skill);
            i = end;
        } else if (word_byte((unsigned char)text[i])) {
            /* no word starts before the end of this one: every byte until then follows a word
               byte (starts_word) */
            while (++i < len && word_byte((unsigned char)text[i]))
                ;
        } else {
            i++;
        }
    }
    return skill_set_take(&found, d, out, max);
}
