/*
 * This file implements the question bank of questions.h: parsing the line format of
 * assets/questions.txt, matching a job's tech stack and text to technical topics, and the
 * seeded selection. Selection works in tiers (the type's own categories first, then related
 * ones); inside a tier each category is shuffled with a generator seeded from the request and
 * the categories are taken in turn, so a job with Python and SQL gets both. Difficulty quotas
 * are filled first, then the nearest levels.
 */
#include "questions.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/buf.h"
#include "../lib/embedded.h"
#include "../lib/hash.h"
#include "../lib/xalloc.h"

#define TOPIC_MAX_NAMES 24
#define TIER_MAX_CATEGORIES (QUESTIONS_MAX_TOPICS + 2)

struct topic {
    const char *category;
    const char *names[TOPIC_MAX_NAMES];
    size_t nnames;
};

struct question_bank {
    char *text; /* owned copy the questions point into */
    struct question *questions;
    size_t n, cap;
    struct topic *topics;
    size_t ntopics, tcap;
    /* while parsing: the question the next rubric lines belong to (index + 1; 0 = none) */
    size_t rubric_owner;
};

const char *const questions_interview_types[] = {"behavioral", "technical", "system_design",
                                                 "case_study", "general",   NULL};
const char *const questions_difficulties[] = {"easy", "medium", "hard", "mixed", NULL};
static const char *const levels[] = {"easy", "medium", "hard"};

/* ================================================================ parsing */

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

static int level_index(const char *difficulty)
{
    for (int i = 0; i < 3; i++)
        if (difficulty && strcmp(difficulty, levels[i]) == 0)
            return i;
    return -1;
}

bool questions_is_level(const char *difficulty)
{
    return level_index(difficulty) >= 0;
}

/* Splits s at each sep into at most max trimmed, non-empty pieces; returns how many. */
static size_t split(char *s, char sep, const char **out, size_t max)
{
    size_t n = 0;
    while (s && n < max) {
        char *next = strchr(s, sep);
        if (next)
            *next++ = '\0';
        char *piece = trim(s);
        if (*piece)
            out[n++] = piece;
        s = next;
    }
    return n;
}

/* "@topic category = name, name" */
static void parse_topic(struct question_bank *b, char *line)
{
    char *eq = strchr(line, '=');
    if (eq == NULL)
        return;
    *eq = '\0';
    char *category = trim(line + strlen("@topic"));
    if (*category == '\0')
        return;
    if (b->ntopics == b->tcap) {
        b->tcap = b->tcap ? b->tcap * 2 : 32;
        b->topics = xrealloc(b->topics, b->tcap * sizeof *b->topics);
    }
    struct topic *t = &b->topics[b->ntopics++];
    t->category = category;
    t->nnames = split(eq + 1, ',', t->names, TOPIC_MAX_NAMES);
}

/* "+ name: phrase, phrase" or "! name: phrase, phrase", for the question above it. */
static void parse_rubric(struct question_bank *b, char *line)
{
    if (b->rubric_owner == 0)
        return;
    struct rubric *r = &b->questions[b->rubric_owner - 1].rubric;
    bool point = line[0] == '+';
    size_t *n = point ? &r->npoints : &r->nmisconceptions;
    if (*n == (point ? RUBRIC_MAX_POINTS : RUBRIC_MAX_MISCONCEPTIONS))
        return;
    char *colon = strchr(line + 1, ':');
    if (colon == NULL)
        return;
    *colon = '\0';
    struct rubric_item item = {.name = trim(line + 1)};
    item.nphrases = split(colon + 1, ',', item.phrases, RUBRIC_MAX_PHRASES);
    if (*item.name == '\0' || item.nphrases == 0)
        return;
    (point ? r->points : r->misconceptions)[(*n)++] = item;
}

/* "category | difficulty | keywords | question" */
static void parse_question(struct question_bank *b, char *line)
{
    const char *fields[5];
    char *keywords = NULL;
    size_t n = 0;
    for (char *s = line; s && n < 5; n++) {
        char *next = strchr(s, '|');
        if (next)
            *next++ = '\0';
        if (n == 2)
            keywords = s; /* split below, after the field count is known */
        fields[n] = trim(s);
        s = next;
    }
    b->rubric_owner = 0;
    if (n != 4 || *fields[0] == '\0' || level_index(fields[1]) < 0 || *fields[3] == '\0' ||
        questions_find(b, fields[3]))
        return;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 128;
        b->questions = xrealloc(b->questions, b->cap * sizeof *b->questions);
    }
    struct question *q = &b->questions[b->n++];
    memset(q, 0, sizeof *q);
    q->category = fields[0];
    q->difficulty = levels[level_index(fields[1])];
    q->text = fields[3];
    q->nkeywords = split(keywords, ',', q->keywords, QUESTIONS_MAX_KEYWORDS);
    b->rubric_owner = b->n;
}

struct question_bank *questions_load(const char *text, size_t len)
{
    struct question_bank *b = xcalloc(1, sizeof *b);
    b->text = xmalloc(len + 1);
    memcpy(b->text, text, len);
    b->text[len] = '\0';
    for (char *line = b->text; line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *s = trim(line);
        if (strncmp(s, "@topic", 6) == 0 && isspace((unsigned char)s[6])) {
            parse_topic(b, s);
            b->rubric_owner = 0;
        } else if (*s == '+' || *s == '!')
            parse_rubric(b, s);
        else if (*s && *s != '#')
            parse_question(b, s);
        line = next;
    }
    return b;
}

void questions_free(struct question_bank *b)
{
    if (b == NULL)
        return;
    free(b->questions);
    free(b->topics);
    free(b->text);
    free(b);
}

static void *parse_bank(const char *text, size_t len)
{
    return questions_load(text, len);
}

static struct embedded_asset default_asset = EMBEDDED_ASSET("assets/questions.txt", parse_bank);

const struct question_bank *questions_default(void)
{
    return embedded_asset(&default_asset);
}

size_t questions_count(const struct question_bank *b)
{
    return b->n;
}

const struct question *questions_at(const struct question_bank *b, size_t i)
{
    return i < b->n ? &b->questions[i] : NULL;
}

size_t questions_in_category(const struct question_bank *b, const char *category)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++)
        n += strcmp(b->questions[i].category, category) == 0;
    return n;
}

const struct question *questions_find(const struct question_bank *b, const char *text)
{
    for (size_t i = 0; text && i < b->n; i++)
        if (strcmp(b->questions[i].text, text) == 0)
            return &b->questions[i];
    return NULL;
}

/* ================================================================ topics */

static bool word_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* True when word occurs in text (ASCII case ignored) with no word character on either side. */
static bool contains_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; n && *p; p++)
        if (strncasecmp(p, word, n) == 0 && (p == text || !word_char((unsigned char)p[-1])) &&
            !word_char((unsigned char)p[n]))
            return true;
    return false;
}

/* Does a tech stack entry name topic t? The whole entry, or a long name as a word in it. */
static bool entry_names(const struct topic *t, const char *entry)
{
    char copy[256];
    size_t len = strlen(entry);
    if (len >= sizeof copy)
        return false;
    memcpy(copy, entry, len + 1);
    const char *e = trim(copy);
    for (size_t i = 0; i < t->nnames; i++)
        if (strcasecmp(e, t->names[i]) == 0 ||
            (strlen(t->names[i]) >= 3 && contains_word(e, t->names[i])))
            return true;
    return false;
}

static bool text_names(const struct topic *t, const char *text)
{
    for (size_t i = 0; i < t->nnames; i++)
        if (strlen(t->names[i]) >= 3 && contains_word(text, t->names[i]))
            return true;
    return false;
}

static size_t add_unique(const char **out, size_t n, size_t max, const char *category)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(out[i], category) == 0)
            return n;
    if (n < max)
        out[n++] = category;
    return n;
}

size_t questions_topics(const struct question_bank *b, const char *const *skills, size_t nskills,
                        const char *text, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t s = 0; skills && s < nskills; s++)
        for (size_t t = 0; skills[s] && t < b->ntopics; t++)
            if (entry_names(&b->topics[t], skills[s]))
                n = add_unique(out, n, max, b->topics[t].category);
    for (size_t t = 0; text && t < b->ntopics; t++)
        if (text_names(&b->topics[t], text))
            n = add_unique(out, n, max, b->topics[t].category);
    return n;
}

/* ================================================================ selection */

static uint64_t fnv1a(uint64_t h, const char *s)
{
    h = s ? fnv1a_text(h, s) : h;
    return (h ^ 0xff) * FNV1A_PRIME; /* a separator, so "ab","c" differs from "a","bc" */
}

/* The request's own seed: every input that shapes the session. */
static uint64_t request_seed(const struct question_request *r)
{
    uint64_t h = FNV1A_SEED;
    h = fnv1a(h, r->interview_type);
    h = fnv1a(h, r->difficulty ? r->difficulty : "mixed");
    for (size_t i = 0; r->skills && i < r->nskills; i++)
        h = fnv1a(h, r->skills[i]);
    h = fnv1a(h, r->text);
    return h ^ (r->total * 0x9e3779b97f4a7c15ULL) ^ (r->seed * 0xbf58476d1ce4e5b9ULL);
}

/* splitmix64: small, fast and the same on every platform. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Writes into order the bank indices of the categories cats, each category shuffled, taken in
 * turn (one of each, then the second of each...). Returns how many. */
static size_t tier_order(const struct question_bank *b, const char *const *cats, size_t ncats,
                         uint64_t *rng, size_t *order)
{
    size_t *lists = xmalloc((ncats ? ncats : 1) * (b->n + 1) * sizeof *lists);
    size_t counts[TIER_MAX_CATEGORIES] = {0}, longest = 0, n = 0;
    for (size_t c = 0; c < ncats; c++) {
        size_t *list = lists + c * (b->n + 1);
        for (size_t i = 0; i < b->n; i++)
            if (strcmp(b->questions[i].category, cats[c]) == 0)
                list[counts[c]++] = i;
        for (size_t i = counts[c]; i > 1; i--) { /* Fisher-Yates */
            size_t j = (size_t)(next_random(rng) % i), tmp = list[i - 1];
            list[i - 1] = list[j];
            list[j] = tmp;
        }
        if (counts[c] > longest)
            longest = counts[c];
    }
    for (size_t k = 0; k < longest; k++)
        for (size_t c = 0; c < ncats; c++)
            if (k < counts[c])
                order[n++] = lists[c * (b->n + 1) + k];
    free(lists);
    return n;
}

struct picking {
    const struct question_bank *b;
    const struct question **out;
    size_t n, total;
    bool *used;
    size_t *asked; /* per bank question: 0 = not asked recently, else 1 + its age (0 newest) */
    size_t quota[3];
    int fill[3]; /* levels to fill with, nearest first */
};

static void take(struct picking *p, size_t index)
{
    p->used[index] = true;
    p->out[p->n++] = &p->b->questions[index];
}

/* Takes from order: first what the quotas ask for, then the nearest levels. */
static void pick_levels(struct picking *p, const size_t *order, size_t n)
{
    for (size_t i = 0; i < n && p->n < p->total; i++) {
        int level = level_index(p->b->questions[order[i]].difficulty);
        if (!p->used[order[i]] && p->quota[level] > 0) {
            p->quota[level]--;
            take(p, order[i]);
        }
    }
    for (int f = 0; f < 3; f++)
        for (size_t i = 0; i < n && p->n < p->total; i++)
            if (!p->used[order[i]] &&
                level_index(p->b->questions[order[i]].difficulty) == p->fill[f])
                take(p, order[i]);
}

/* Takes from a tier's order: the questions not asked recently, then (when the tier has no
 * other left) the asked ones, the least recently asked first. */
static void pick_from(struct picking *p, const size_t *order, size_t n)
{
    size_t *fresh = xmalloc((n ? n : 1) * sizeof *fresh),
           *stale = xmalloc((n ? n : 1) * sizeof *stale);
    size_t nfresh = 0, nstale = 0;
    for (size_t i = 0; i < n; i++) {
        if (p->asked[order[i]] == 0) {
            fresh[nfresh++] = order[i];
            continue;
        }
        size_t j = nstale++; /* insertion by age, oldest first; stable for equal ages */
        for (; j > 0 && p->asked[stale[j - 1]] < p->asked[order[i]]; j--)
            stale[j] = stale[j - 1];
        stale[j] = order[i];
    }
    pick_levels(p, fresh, nfresh);
    pick_levels(p, stale, nstale);
    free(fresh);
    free(stale);
}

/* Marks in p->asked the bank questions of r->asked (texts unknown to the bank are ignored). */
static void mark_asked(struct picking *p, const struct question_request *r)
{
    for (size_t i = 0; r->asked && i < r->nasked; i++) {
        const struct question *q = questions_find(p->b, r->asked[i]);
        size_t index = q ? (size_t)(q - p->b->questions) : 0;
        if (q && p->asked[index] == 0)
            p->asked[index] = i + 1;
    }
}

/* The categories of tier 0..2 of the request's type (technical tier 0: the job's topics). */
static size_t tier_categories(const struct question_bank *b, const struct question_request *r,
                              int tier, const char **cats)
{
    const char *type = r->interview_type;
    if (strcmp(type, "technical") == 0) {
        if (tier == 0)
            return questions_topics(b, r->skills, r->nskills, r->text, cats, QUESTIONS_MAX_TOPICS);
        cats[0] = tier == 1 ? "algorithms" : "general";
        cats[1] = "technical";
        return tier == 1 ? 2 : 1;
    }
    static const char *const tiers[][3] = {
        {"behavioral", "general", "case_study"},
        {"system_design", "general", "behavioral"},
        {"case_study", "general", "behavioral"},
        {"general", "behavioral", "case_study"},
    };
    for (size_t i = 0; i < sizeof tiers / sizeof tiers[0]; i++)
        if (strcmp(type, tiers[i][0]) == 0) {
            cats[0] = tiers[i][tier];
            return 1;
        }
    return 0;
}

/* Quotas of a mix (about 30% easy, 20% hard, the rest medium) or of one level. */
static void plan_quotas(const char *difficulty, size_t total, size_t quota[3], int fill[3])
{
    static const int nearest[4][3] = {{0, 1, 2}, {1, 0, 2}, {2, 1, 0}, {1, 0, 2}};
    int level = level_index(difficulty);
    if (level >= 0) {
        quota[0] = quota[1] = quota[2] = 0;
        quota[level] = total;
    } else {
        quota[0] = (total * 3 + 5) / 10;
        quota[2] = (total * 2 + 5) / 10;
        quota[1] = total - quota[0] - quota[2];
    }
    memcpy(fill, nearest[level >= 0 ? level : 3], sizeof nearest[0]);
}

/* Stable insertion sort by level, easy first. */
static void sort_by_level(const struct question **q, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        const struct question *x = q[i];
        size_t j = i;
        for (; j > 0 && level_index(q[j - 1]->difficulty) > level_index(x->difficulty); j--)
            q[j] = q[j - 1];
        q[j] = x;
    }
}

size_t questions_select(const struct question_bank *b, const struct question_request *r,
                        const struct question **out)
{
    size_t total = r->total > QUESTIONS_MAX ? QUESTIONS_MAX : r->total;
    struct picking p = {.b = b, .out = out, .total = total};
    if (r->interview_type == NULL || total == 0 || b->n == 0)
        return 0;
    plan_quotas(r->difficulty, total, p.quota, p.fill);
    p.used = xcalloc(b->n, sizeof *p.used);
    p.asked = xcalloc(b->n, sizeof *p.asked);
    mark_asked(&p, r);
    size_t *order = xmalloc(b->n * sizeof *order);
    uint64_t rng = request_seed(r);
    for (int tier = 0; tier < 3 && p.n < total; tier++) {
        const char *cats[TIER_MAX_CATEGORIES];
        size_t ncats = tier_categories(b, r, tier, cats);
        if (tier == 0 && ncats == 0 && strcmp(r->interview_type, "technical") != 0)
            break; /* unknown type */
        pick_from(&p, order, tier_order(b, cats, ncats, &rng, order));
    }
    free(order);
    free(p.asked);
    free(p.used);
    sort_by_level(out, p.n);
    return p.n;
}

void questions_difficulty_plan(const char *difficulty, size_t total, const char **out)
{
    size_t quota[3];
    int fill[3];
    plan_quotas(difficulty, total, quota, fill);
    size_t n = 0;
    for (int level = 0; level < 3; level++)
        for (size_t i = 0; i < quota[level]; i++)
            out[n++] = levels[level];
}

/* ================================================================ language model answers */

/* Skips list markers and bold markers at the start of s: "-", "*", "#", "•", "1.", "12)",
 * "3:", "Q4.", "**5.**" and so on, however nested. */
static char *skip_markers(char *s)
{
    for (;;) {
        char *start = s;
        while (*s == '-' || *s == '*' || *s == '+' || *s == '#' || *s == '>' ||
               isspace((unsigned char)*s))
            s++;
        if (strncmp(s, "\xe2\x80\xa2", 3) == 0) /* a bullet */
            s += 3;
        char *p = s;
        if ((*p == 'Q' || *p == 'q') && isdigit((unsigned char)p[1]))
            p++;
        if (isdigit((unsigned char)*p)) {
            while (isdigit((unsigned char)*p))
                p++;
            if (*p == '.' || *p == ')' || *p == ':')
                s = p + 1;
        }
        if (s == start)
            return s;
    }
}

/* Removes trailing bold markers and matching quotes around s. */
static char *unwrap(char *s)
{
    size_t len = strlen(s);
    while (len && (s[len - 1] == '*' || s[len - 1] == '_'))
        s[--len] = '\0';
    static const char quotes[] = "\"'`";
    if (len > 2 && strchr(quotes, s[0]) && s[len - 1] == s[0]) {
        s[len - 1] = '\0';
        s++;
    }
    return trim(s);
}

size_t questions_parse_lines(char *text, const char **out, size_t max)
{
    size_t n = 0;
    for (char *line = text; line && n < max;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *s = trim(line);
        s = unwrap(skip_markers(s));
        size_t len = strlen(s);
        if (len >= 8 && s[len - 1] != ':')
            out[n++] = s;
        line = next;
    }
    return n;
}
