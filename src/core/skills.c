/*
 * This file implements the skills dictionary of skills.h. A dictionary is a list of canonical
 * skills plus one table of lookup keys (every canonical name and alias, normalised: trimmed,
 * inner whitespace collapsed to one space, case-folded). Two views of that table serve the two
 * questions asked of it:
 *   - sorted by key, for skills_canonical (binary search);
 *   - grouped by their first two bytes (case-folded), for skills_find_in_text (skills_find.c,
 *     with the clause walks; skills_internal.h holds what both files use), which walks the
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
#include "skills_internal.h"
#include "utf8.h"

/* ================================================================ normalising */

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
