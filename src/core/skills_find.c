/*
 * The text finders of skills.h over a dictionary skills.c loaded (skills_internal.h):
 * skills_find_in_text, which walks the text once and at every word start tries only the keys
 * that can start there (see skills.c's head comment on the two views and the word boundaries),
 * and the clause walks skills_find_asked (a posting's requirements) and skills_find_claimed (a
 * résumé), which leave out the skills the text rules out.
 */
#include "skills.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/xalloc.h"
#include "skills_internal.h"

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

/* Is the word [i, i + n) of t word (ASCII case folded)? */
static inline bool word_is(const char *t, size_t i, size_t n, const char *word)
{
    return strlen(word) == n && strncasecmp(t + i, word, n) == 0;
}

/* Is the word [i, i + n) of t one of the NULL-terminated words (ASCII case folded)? */
static bool word_in(const char *t, size_t i, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (word_is(t, i, n, *words))
            return true;
    return false;
}

/* Is the word at i of t (after spaces) one of words, as a whole word? */
static bool next_word_in(const char *t, size_t len, size_t i, const char *const *words)
{
    while (i < len && t[i] == ' ')
        i++;
    size_t w = i;
    while (w < len && word_byte((unsigned char)t[w]))
        w++;
    return word_in(t, i, w - i, words);
}

/* Does "zero" ending at i say none of what follows: "zero experience in Rust", "zero Kafka
 * experience" (session 36)? Only before a word that means having a skill, or a skill and one
 * such word: "zero-downtime deploys with Kubernetes" and "zero downtime on Kubernetes" claim
 * Kubernetes. */
static bool zero_of(const struct skills_dict *d, const char *t, size_t len, size_t i)
{
    static const char *const having[] = {"experience", "exposure",   "knowledge", "familiarity",
                                         "years",      "prior",      "hands",     "professional",
                                         "commercial", "production", NULL};
    if (i >= len || t[i] != ' ')
        return false; /* "zero-copy" */
    if (next_word_in(t, len, i, having))
        return true;
    while (i < len && t[i] == ' ')
        i++;
    size_t skill, end = longest_at(d, t, len, i, &skill);
    return end > 0 && next_word_in(t, len, end, having);
}

/* Is the word [i, i + n) of t, which starts with the letter first, a negation of German,
 * French, Spanish or Italian (thirty-eighth round: "Keine Erfahrung mit Scala", "Pas de Java",
 * "Sin experiencia en Scala", "senza esperienza di Kotlin" claimed the skill)? kein, keine,
 * keiner, keinen, keinem, keines, ohne; aucun, aucune, pas, sans, jamais; sin, ningún, ninguna,
 * ninguno, nunca; senza, nessun, nessuna, nessuno (foreign_negation leaves out the idioms).
 * Dispatched on the first letter and the length, so that an English word costs a switch and a
 * comparison or two. */
static bool foreign_negation_word(const char *t, size_t i, size_t n, unsigned char first)
{
    switch (first) {
    case 'a':
        return (n == 5 || n == 6) && strncasecmp(t + i, "aucun", 5) == 0 &&
               (n == 5 || (t[i + 5] | 0x20) == 'e');
    case 'j':
        return word_is(t, i, n, "jamais");
    case 'k':
        return n >= 4 && n <= 6 && strncasecmp(t + i, "kein", 4) == 0 &&
               (n == 4 ||
                ((t[i + 4] | 0x20) == 'e' && (n == 5 || strchr("rnms", t[i + 5] | 0x20) != NULL)));
    case 'o':
        return word_is(t, i, n, "ohne");
    case 'p':
        return word_is(t, i, n, "pas");
    case 's':
        return word_is(t, i, n, "sin") || word_is(t, i, n, "sans") || word_is(t, i, n, "senza");
    case 'n':
        if (n == 5)
            return strncasecmp(t + i, "nunca", 5) == 0;
        if (n == 6)
            return strncasecmp(t + i, "nessun", 6) == 0 || strncasecmp(t + i, "ningun", 6) == 0;
        return n == 7 &&
               (((strncasecmp(t + i, "nessun", 6) == 0 || strncasecmp(t + i, "ningun", 6) == 0) &&
                 ((t[i + 6] | 0x20) == 'a' || (t[i + 6] | 0x20) == 'o')) ||
                (strncasecmp(t + i, "ning", 4) == 0 && (unsigned char)t[i + 4] == 0xc3 &&
                 ((unsigned char)t[i + 5] | 0x20) == 0xba && (t[i + 6] | 0x20) == 'n'));
    default:
        return false;
    }
}

/* Does the word after a foreign negation ending at i (t is NUL-terminated) make an idiom that
 * negates nothing: "pas mal de Python" (a fair amount), "sans faille", "sans doute", "sin
 * embargo", "sin duda", "senza dubbio", "ohne Zweifel"? */
static bool foreign_idiom(const char *t, size_t i)
{
    static const char *const next[] = {"mal",  "faille", "doute",   "embargo",
                                       "duda", "dubbio", "zweifel", NULL};
    if (t[i] != ' ')
        return false;
    size_t e = ++i;
    while (word_byte((unsigned char)t[e]))
        e++;
    return word_in(t, i, e - i, next);
}

/* A negation of another language (foreign_negation_word) that is no idiom (foreign_idiom). */
static bool foreign_negation(const char *t, size_t i, size_t n, unsigned char first)
{
    return foreign_negation_word(t, i, n, first) && !foreign_idiom(t, i + n);
}

/* Is the word [i, end) of t one that rules out what follows in its clause ("no", "not",
 * "without", "never", "nor", "neither", "none", one ending in "n't", "unfamiliar" before "with"
 * or "to", "zero" as zero_of says, or a negation of another language, foreign_negation)? */
static inline bool negation_word(const struct skills_dict *d, const char *t, size_t len, size_t i,
                                 size_t end)
{
    static const char *const words[] = {"no",  "not",     "without", "never",
                                        "nor", "neither", "none",    NULL};
    static const char *const with[] = {"with", "to", NULL};
    size_t n = end - i;
    unsigned char first = (unsigned char)(t[i] | 0x20);
    if (first == 'u')
        return n == 10 && strncasecmp(t + i, "unfamiliar", 10) == 0 &&
               next_word_in(t, len, end, with);
    if (first == 'z')
        return n == 4 && strncasecmp(t + i, "zero", 4) == 0 && zero_of(d, t, len, end);
    if (n >= 3 && (t[end - 1] | 0x20) == 't' && strncasecmp(t + end - 3, "n't", 3) == 0)
        return true;
    if (first != 'n' && first != 'w')
        return foreign_negation(t, i, n, first);
    return word_in(t, i, n, words) || (first == 'n' && foreign_negation(t, i, n, first));
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

/* Does the word [i, end) of t join the items of a list: 1 for "and", "&" (German "und", French
 * "et", Spanish "y", Italian "e"), 2 for "or", "nor" ("oder", "ou", "o"), 0 when it does not? */
static int list_word(const char *t, size_t i, size_t end)
{
    static const char *const words[] = {"and", "&", "und", "et", "y", "e", NULL};
    static const char *const or_words[] = {"or", "nor", "oder", "ou", "o", NULL};
    return word_in(t, i, end - i, words) ? 1 : word_in(t, i, end - i, or_words) ? 2 : 0;
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
        int joins = w > i ? list_word(t, i, w) : 0;
        bool joined = joins != 0;
        or_next = joins == 2;
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

/* The state of skills_find_asked's and skills_find_claimed's walk: the skills of the clause
 * being read, kept when it ends unless something after them ruled them out (dropped); a
 * negation before a skill keeps it from the clause at all (negated); where the last skill and
 * the last list end, and the next "not" (if at i or after). */
struct clause_walk {
    struct skill_set found;
    size_t clause[CLAUSE_SKILLS], nclause;
    bool negated, dropped, ends;
    size_t skill_end, list_end, next_not;
};

/* Starts a walk over a text (not zeroing the whole struct: a text is often a few words). */
static inline void walk_init(struct clause_walk *c, const struct skills_dict *d)
{
    skill_set_init(&c->found, d);
    c->nclause = 0;
    c->negated = c->dropped = c->ends = false;
    c->skill_end = c->list_end = c->next_not = 0;
}

/* A clause ends: keeps its skills unless ruled out and starts the next one. */
static inline void walk_clause_ends(struct clause_walk *c)
{
    for (size_t k = 0; k < c->nclause && !c->dropped; k++)
        skill_set_add(&c->found, c->clause[k]);
    c->nclause = 0;
    c->negated = c->dropped = c->ends = false;
}

/* A skill read, ending at end: in the clause unless a negation came before it. */
static inline void walk_skill(struct clause_walk *c, size_t skill, size_t end)
{
    if (!c->negated && c->nclause < CLAUSE_SKILLS)
        c->clause[c->nclause++] = skill;
    else if (!c->negated) /* a long clause: keep what does not fit at once */
        skill_set_add(&c->found, skill);
    c->skill_end = end;
}

/* The word before [w, ...) of t: its start into *start, its length (0 when none). */
static size_t word_before(const char *t, size_t w, size_t *start)
{
    size_t e = w;
    while (e > 0 && t[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > 0 && (word_byte((unsigned char)t[b - 1]) || t[b - 1] == '\''))
        b--;
    *start = b;
    return e - b;
}

/* Does the word [w, i) of t start a new clause, as "but" does (thirty-seventh round: "The team
 * was unfamiliar with Go so I taught them Go" claimed nothing)? "so" (not "so far", "so much",
 * "so many", "so well", "so long", nor after a negation: "not so familiar with Rust"), "then"
 * after "and", "whereas"; "but" of other languages (thirty-eighth round): "aber", "sondern",
 * "mais", "pero". */
static bool clause_word(const char *t, size_t len, size_t w, size_t i)
{
    size_t n = i - w, b;
    if (n == 7)
        return strncasecmp(t + w, "whereas", 7) == 0 || strncasecmp(t + w, "sondern", 7) == 0;
    if (n == 4 && (strncasecmp(t + w, "aber", 4) == 0 || strncasecmp(t + w, "mais", 4) == 0 ||
                   strncasecmp(t + w, "pero", 4) == 0))
        return true; /* "but" in German, French, Spanish */
    if (n == 4 && strncasecmp(t + w, "then", 4) == 0)
        return word_before(t, w, &b) == 3 && strncasecmp(t + b, "and", 3) == 0;
    if (n != 2 || strncasecmp(t + w, "so", 2) != 0)
        return false;
    static const char *const adverb[] = {"far", "much", "many", "well", "long", NULL};
    if (next_word_in(t, len, i, adverb))
        return false;
    size_t m = word_before(t, w, &b);
    return !((m == 2 && strncasecmp(t + b, "no", 2) == 0) ||
             (m == 3 && strncasecmp(t + b, "not", 3) == 0) ||
             (m == 5 && strncasecmp(t + b, "never", 5) == 0) ||
             (m >= 3 && strncasecmp(t + b + m - 3, "n't", 3) == 0));
}

/* A word that is no skill, from w: returns its end, after reading what it does to the clause:
 * "but" ends it (but_ends), and so do "so", "and then" and "whereas" (clause_word); a negation
 * rules out what follows it or, as "not required" after skills, the clause's skills before
 * it. */
static inline size_t walk_word(struct clause_walk *c, const struct skills_dict *d, const char *t,
                               size_t len, size_t w)
{
    size_t i = w;
    while (++i < len && (word_byte((unsigned char)t[i]) || t[i] == '\''))
        ;
        /* per first letter, the lengths (bit n, up to 15) of the words that do something here:
           "but", "so", "then", "whereas" and the negations (English, and those of other languages:
           foreign_negation, clause_word); a word ending in "n't" is one too. Most words are
           neither, at the cost of two lookups. */
#define L(n) (1u << (n))
    static const uint16_t cue_len[26] = {
        [0] = /* a */ L(4) | L(5) | L(6),
        [1] = /* b */ L(3),
        [9] = /* j */ L(6),
        [10] = /* k */ L(4) | L(5) | L(6),
        [12] = /* m */ L(4),
        [13] = /* n */ L(2) | L(3) | L(4) | L(5) | L(6) | L(7),
        [14] = /* o */ L(4),
        [15] = /* p */ L(3) | L(4),
        [18] = /* s */ L(2) | L(3) | L(4) | L(5) | L(7),
        [19] = /* t */ L(4),
        [20] = /* u */ L(10),
        [22] = /* w */ L(7),
        [25] = /* z */ L(4),
    };
#undef L
    size_t n = i - w;
    unsigned char first = (unsigned char)(t[w] | 0x20);
    unsigned letter = (unsigned)first - 'a';
    if (((letter < 26 && n < 16 && (cue_len[letter] >> n & 1)) ||
         (n >= 3 && t[i - 2] == '\'' && (t[i - 1] | 0x20) == 't')) &&
        starts_word(t, w)) {
        if (first == 'b' && i - w == 3 && strncasecmp(t + w, "but", 3) == 0)
            but_ends(t, len, i, c->nclause, &c->ends, &c->dropped);
        else if ((first == 's' || first == 't' || first == 'w' || first == 'a' || first == 'm' ||
                  first == 'p') &&
                 clause_word(t, len, w, i))
            c->ends = true;
        else if (negation_word(d, t, len, w, i) && !not_only(t, len, i)) {
            if (c->nclause > 0 && ruled_out_after(t, len, w))
                c->dropped = true;
            else
                c->negated = true;
        }
    }
    return i;
}

/* Any other byte ch at i: does it end the clause (clause_end, unless a comma joins a list)? */
static inline void walk_punct(struct clause_walk *c, const struct skills_dict *d, const char *t,
                              size_t len, size_t i, unsigned char ch)
{
    c->ends = clause_end(t, len, i, ch) &&
              !(ch == ',' &&
                comma_joins(d, t, len, i, c->skill_end, c->negated, &c->list_end, &c->next_not));
}

size_t skills_find_asked(const struct skills_dict *d, const char *text, const char **out,
                         size_t max)
{
    if (text == NULL || d->nskills == 0)
        return 0;
    size_t len = strlen(text);
    struct clause_walk c;
    walk_init(&c, d);
    for (size_t i = 0; i <= len;) {
        if (c.ends || i == len) {
            walk_clause_ends(&c);
            if (i == len)
                break;
        }
        size_t skill, end = starts_word(text, i) ? longest_at(d, text, len, i, &skill) : 0;
        unsigned char ch = (unsigned char)text[i];
        if (end) {
            walk_skill(&c, skill, end);
            i = end;
        } else if (word_byte(ch)) {
            i = walk_word(&c, d, text, len, i);
        } else {
            walk_punct(&c, d, text, len, i, ch);
            i++;
        }
    }
    return skill_set_take(&c.found, d, out, max);
}

/* Is the word [w, i) of t one that, in a résumé, says what follows in its clause is not yet the
 * writer's skill: "learn" ("want to learn Go"), "interests", "interested", "hobbies", "hobby",
 * or "learning" opening its clause ("Learning: Rust") or after currently, now, still, am, 'm,
 * actively, presently or also ("currently learning Kubernetes")? words counts the words of the
 * clause before it and [prev, prev_end) is the one right before (when words > 0). */
static bool not_yet_word(const char *t, size_t w, size_t i, size_t words, size_t prev,
                         size_t prev_end)
{
    static const char *const words_alone[] = {
        "learn", "interests", "interested", "hobbies", "hobby",
        /* thirty-eighth round: "Ich lerne Rust", "Aprendiendo Go", "J'apprends Rust", "Sto
           imparando Go" */
        "lerne", "lernen", "aprendiendo", "aprendo", "apprends", "imparando", "imparo", NULL};
    static const char *const before_learning[] = {"currently", "now",       "still", "am", "m",
                                                  "actively",  "presently", "also",  NULL};
    for (size_t k = w; k + 1 < i; k++)
        if (t[k] == '\'') /* "J'apprends": its "apprends" */
            w = k + 1;
    size_t n = i - w;
    if (word_in(t, w, n, words_alone))
        return true;
    if (n != 8 || strncasecmp(t + w, "learning", 8) != 0)
        return false;
    if (words == 0)
        return true;
    for (size_t k = prev; k < prev_end; k++)
        if (t[k] == '\'') /* "I'm": its "m" */
            prev = k + 1;
    return word_in(t, prev, prev_end - prev, before_learning);
}

/* Does the parenthesis at i of t say the skill before it is being learnt: "Rust (beginner,
 * learning)", "Go (learning)", "Zig (currently learning)" (session 36), "Rust (lerne ich
 * gerade)", "Go (aprendiendo)", "Rust (j'apprends)", "Go (sto imparando)" (thirty-eighth
 * round)? Its text up to ")" or the line's end holds one of the words below. */
static bool learning_note(const char *t, size_t len, size_t i)
{
    static const char *const words[] = {"learning", "learners",  "learner",     "learn",
                                        "lerne",    "lernen",    "aprendiendo", "aprendo",
                                        "apprends", "imparando", "imparo",      NULL};
    for (size_t k = i + 1; k < len && k < i + 64 && t[k] != ')' && t[k] != '\n'; k++) {
        unsigned char first = (unsigned char)(t[k] | 0x20);
        if ((first != 'l' && first != 'a' && first != 'i') ||
            !(starts_word(t, k) || (k > 0 && t[k - 1] == '\'')))
            continue;
        size_t e = k;
        while (e < len && word_byte((unsigned char)t[e]))
            e++;
        if (word_in(t, k, e - k, words))
            return true;
    }
    return false;
}

/* Does the cell that starts at i of t (after a table's separator: '|', a tab, ':', a dash
 * between spaces) deny the skills of the cell before it: does it open with a negation and name
 * no skill and at most two more words up to its end, besides "at", "all", "yet", "so", "far",
 * "really" ("Kotlin - No experience at all", "Rust | None (learning)", "| Java, C# | Not used
 * |"; thirty-eighth round)? "Python - no Django" is about Django, "AWS: no certification, 4
 * years hands-on" and "Node.js - no framework, plain http" about more than their skill: they
 * claim it. The cell ends at '|', a tab, a new line, ';' or a full stop. */
static bool negated_cell(const struct skills_dict *d, const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    size_t w = i;
    while (w < len && (word_byte((unsigned char)t[w]) || t[w] == '\''))
        w++;
    if (w == i || !negation_word(d, t, len, i, w) || not_only(t, len, w))
        return false;
    static const char *const fillers[] = {"at", "all", "yet", "so", "far", "really", NULL};
    size_t words = 0;
    for (size_t k = w; k < len; k++) {
        char ch = t[k];
        if (ch == '|' || ch == '\t' || ch == '\n' || ch == ';' ||
            (ch == '.' && (k + 1 == len || isspace((unsigned char)t[k + 1]))))
            break;
        size_t skill;
        if (starts_word(t, k) && longest_at(d, t, len, k, &skill))
            return false;
        if (word_byte((unsigned char)ch) && !word_byte((unsigned char)t[k - 1]) &&
            !next_word_in(t, len, k, fillers) && ++words > 2)
            return false; /* "AWS: no certification, 4 years hands-on" is about something else */
    }
    return true;
}

/* Is the byte at i of t a table's cell separator: '|', a tab, ':', or a dash (-, – or —)
 * between spaces? Its length in bytes, 0 when not. */
static size_t cell_separator(const char *t, size_t len, size_t i)
{
    if (t[i] == '|' || t[i] == '\t' || t[i] == ':')
        return 1;
    if (i == 0 || t[i - 1] != ' ')
        return 0;
    if (t[i] == '-' && i + 1 < len && t[i + 1] == ' ')
        return 1;
    if ((unsigned char)t[i] == 0xe2 && i + 3 < len && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x93 || (unsigned char)t[i + 2] == 0x94) && t[i + 3] == ' ')
        return 3;
    return 0;
}

/* Is the skill [i, end) of t a company's legal form, not the skill of that name: "Rhône
 * Digital SAS" (thirty-eighth round: read as SAS, the analytics product)? The skill's name is
 * one (of the catalogue's only SAS; AG, SA, GmbH, SE and the like if it gains them) and it
 * follows a capitalised word, one space before it, that is no skill and not one of the words
 * that qualify a skill ("Base SAS", "Advanced SAS", "Used SAS"). */
static bool legal_form(const struct skills_dict *d, const char *t, size_t i, size_t skill)
{
    static const char *const forms[] = {"SAS", "AG",  "SA",  "GmbH", "SE",  "SARL", "SpA",
                                        "SRL", "SL",  "BV",  "NV",   "AB",  "KG",   "Ltd",
                                        "Inc", "LLC", "PLC", "Oy",   "ApS", "AS",   NULL};
    static const char *const qualifiers[] = {
        "base",      "basic",  "advanced", "certified", "intermediate", "expert",      "enterprise",
        "using",     "used",   "use",      "with",      "and",          "or",          "in",
        "also",      "strong", "solid",    "good",      "excellent",    "proficient",  "plus",
        "including", "tools",  "skills",   "knowledge", "experience",   "programming", NULL};
    const char *name = d->skills[skill];
    bool form = false;
    for (const char *const *f = forms; *f && !form; f++)
        form = strcmp(name, *f) == 0;
    if (!form || i < 3 || t[i - 1] != ' ' || t[i - 2] == ' ')
        return false;
    size_t b;
    size_t n = word_before(t, i, &b);
    unsigned char c = (unsigned char)t[b];
    if (n == 0 || !((c >= 'A' && c <= 'Z') || c >= 0xc0))
        return false;
    for (const char *const *q = qualifiers; *q; q++)
        if (word_is(t, b, n, *q))
            return false;
    size_t other;
    return longest_at(d, t, b + n, b, &other) == 0;
}

#define CELL_SKILLS 32

/* The skills a table's cell added to the walk's set (the cell since the last separator, line
 * or sentence), so that a cell after it that denies them (negated_cell) can take them back; a
 * skill the set held before the cell stays. */
struct cell {
    size_t added[CELL_SKILLS], nadded;
    bool denied; /* the next cell denies this one's skills */
};

/* walk_clause_ends for a résumé: the skills the clause adds are the cell's too; a denied cell's
 * are taken back. */
static void claimed_clause_ends(struct clause_walk *c, struct cell *cell, bool cell_ends)
{
    for (size_t k = 0; k < c->nclause && !c->dropped; k++) {
        size_t skill = c->clause[k];
        uint64_t bit = (uint64_t)1 << (skill % 64);
        if (!(c->found.bits[skill / 64] & bit) && cell->nadded < CELL_SKILLS)
            cell->added[cell->nadded++] = skill;
    }
    walk_clause_ends(c);
    if (cell->denied)
        for (size_t k = 0; k < cell->nadded; k++)
            c->found.bits[cell->added[k] / 64] &= ~((uint64_t)1 << (cell->added[k] % 64));
    if (cell_ends || cell->denied)
        cell->nadded = 0;
    cell->denied = false;
}

/* skills_find_asked's walk with what a résumé adds (skills.h); a walk of its own, so that the
 * posting's, which the ranking runs over every job, stays the code it was. */
size_t skills_find_claimed(const struct skills_dict *d, const char *text, const char **out,
                           size_t max)
{
    if (text == NULL || d->nskills == 0)
        return 0;
    size_t len = strlen(text);
    struct clause_walk c;
    walk_init(&c, d);
    struct cell cell = {.nadded = 0, .denied = false};
    /* the words of the clause so far, the last of them, whether a word said what follows
       is not yet a skill, and a label that did ("Interests: Rust, chess") ruling out the rest of
       its line; whether the byte that ended the clause also ends a table's cell */
    size_t words = 0, prev = 0, prev_end = 0;
    bool not_yet = false, label = false, cell_ends = false;
    for (size_t i = 0; i <= len;) {
        if (c.ends || i == len) {
            bool keep = label || (not_yet && i > 0 && text[i - 1] == ':');
            claimed_clause_ends(&c, &cell, cell_ends);
            cell_ends = false;
            not_yet = false;
            words = 0;
            if (i == len)
                break;
            label = keep && text[i - 1] != '\n';
            c.negated = label; /* a label's line goes on ruled out */
        }
        size_t skill, end = starts_word(text, i) ? longest_at(d, text, len, i, &skill) : 0;
        unsigned char ch = (unsigned char)text[i];
        if (end && legal_form(d, text, i, skill)) { /* "Rhône Digital SAS": a word */
            end = 0;
            ch = 'A';
        }
        if (end) {
            walk_skill(&c, skill, end);
            prev = i;
            prev_end = end;
            words++;
            i = end;
        } else if (word_byte(ch)) {
            size_t w = i;
            size_t sep = ch == 0xe2 ? cell_separator(text, len, w) : 0;
            i = sep ? w + sep : walk_word(&c, d, text, len, w);
            unsigned char first = (unsigned char)(ch | 0x20);
            if ((first == 'l' || first == 'i' || first == 'h' || first == 'a' || first == 'j') &&
                starts_word(text, w) && not_yet_word(text, w, i, words, prev, prev_end))
                c.negated = not_yet = true;
            if (sep) { /* "Kotlin – No experience" */
                cell.denied = negated_cell(d, text, len, i);
                c.ends = cell_ends = true;
            } else if (starts_word(text, w)) {
                prev = w;
                prev_end = i;
                words++;
            }
        } else {
            /* "Rust (learning)": the skill right before is not claimed */
            if (ch == '(' && !c.negated && c.nclause > 0 && c.nclause < CLAUSE_SKILLS &&
                c.skill_end == prev_end && learning_note(text, len, i)) {
                size_t k = i;
                while (k > c.skill_end && text[k - 1] == ' ')
                    k--;
                if (k == c.skill_end)
                    c.nclause--;
            }
            walk_punct(&c, d, text, len, i, ch);
            if (cell_separator(text, len, i)) { /* "Rust | None (learning)" */
                cell.denied = negated_cell(d, text, len, i + 1);
                c.ends = cell_ends = true;
            } else if (c.ends && ch != ',' && ch != ')') {
                cell_ends = true; /* a new line, a sentence */
            }
            i++;
        }
    }
    return skill_set_take(&c.found, d, out, max);
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
