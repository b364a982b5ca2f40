/*
 * This file implements the template renderer of templates.h: parsing the sections of
 * assets/content_templates.txt (tone phrases and templates), computing the values of a
 * context (the candidate's skills, the ones the job asks for, the gaps, an experience
 * phrase), and filling a template line by line: conditional lines first, then {placeholders}
 * (values, or the tone's phrases, which may hold placeholders themselves).
 */
#include "templates.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/buf.h"
#include "../lib/embedded.h"
#include "../lib/xalloc.h"

const char *const templates_content_types[] = {
    "cover_letter",     "resume_summary", "resume_tailoring", "email_template",
    "linkedin_message", "thank_you_note", "follow_up",        NULL,
};
const char *const templates_tones[] = {"professional", "casual",  "enthusiastic",
                                       "friendly",     "concise", NULL};

struct phrase {
    const char *tone, *key, *value;
};

struct template
{
    const char *type, *tone;
    char name[80];
    const char **lines;
    size_t nlines, cap;
};

struct template_set {
    char *text;
    struct phrase *phrases;
    size_t nphrases, pcap;
    struct template *templates;
    size_t ntemplates, tcap;
};

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

static void add_phrase(struct template_set *s, const char *tone, char *line)
{
    char *eq = strchr(line, '=');
    if (eq == NULL)
        return;
    *eq = '\0';
    if (s->nphrases == s->pcap) {
        s->pcap = s->pcap ? s->pcap * 2 : 64;
        s->phrases = xrealloc(s->phrases, s->pcap * sizeof *s->phrases);
    }
    s->phrases[s->nphrases++] = (struct phrase){tone, trim(line), trim(eq + 1)};
}

static void add_line(struct template *t, const char *line)
{
    if (t->nlines == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->lines = xrealloc(t->lines, t->cap * sizeof *t->lines);
    }
    t->lines[t->nlines++] = line;
}

/* "=== kind name": a phrases section (returns NULL, *tone set) or a new template. */
static struct template *open_section(struct template_set *s, char *header, const char **tone)
{
    char *kind = trim(header + 3), *name = kind;
    while (*name && !isspace((unsigned char)*name))
        name++;
    if (*name)
        *name++ = '\0';
    name = trim(name);
    *tone = NULL;
    if (*kind == '\0' || *name == '\0')
        return NULL;
    if (strcmp(kind, "phrases") == 0) {
        *tone = name;
        return NULL;
    }
    if (s->ntemplates == s->tcap) {
        s->tcap = s->tcap ? s->tcap * 2 : 16;
        s->templates = xrealloc(s->templates, s->tcap * sizeof *s->templates);
    }
    struct template *t = &s->templates[s->ntemplates++];
    memset(t, 0, sizeof *t);
    t->type = kind;
    t->tone = name;
    snprintf(t->name, sizeof t->name, "%s.%s", kind, name);
    return t;
}

struct template_set *templates_load(const char *text, size_t len)
{
    struct template_set *s = xcalloc(1, sizeof *s);
    s->text = xmalloc(len + 1);
    memcpy(s->text, text, len);
    s->text[len] = '\0';
    ptrdiff_t current = -1; /* index of the open template (the array may move) */
    const char *tone = NULL;
    for (char *line = s->text; line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[n - 1] = '\0';
        if (strncmp(line, "===", 3) == 0) {
            struct template *t = open_section(s, line, &tone);
            current = t ? t - s->templates : -1;
        } else if (line[0] != '#' && tone) {
            if (*trim(line))
                add_phrase(s, tone, line);
        } else if (line[0] != '#' && current >= 0) {
            add_line(&s->templates[current], line);
        }
        line = next;
    }
    return s;
}

void templates_free(struct template_set *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->ntemplates; i++)
        free(s->templates[i].lines);
    free(s->templates);
    free(s->phrases);
    free(s->text);
    free(s);
}

static void *parse_set(const char *text, size_t len)
{
    return templates_load(text, len);
}

static struct embedded_asset default_asset =
    EMBEDDED_ASSET("assets/content_templates.txt", parse_set);

const struct template_set *templates_default(void)
{
    return embedded_asset(&default_asset);
}

/* ================================================================ skills */

/* Equal ignoring ASCII case and surrounding spaces. */
static bool same_skill(const char *a, const char *b)
{
    while (isspace((unsigned char)*a))
        a++;
    while (isspace((unsigned char)*b))
        b++;
    size_t la = strlen(a), lb = strlen(b);
    while (la && isspace((unsigned char)a[la - 1]))
        la--;
    while (lb && isspace((unsigned char)b[lb - 1]))
        lb--;
    return la == lb && la > 0 && strncasecmp(a, b, la) == 0;
}

static bool word_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '+' || c == '#' || c >= 0x80;
}

static bool contains_word(const char *text, const char *word)
{
    while (isspace((unsigned char)*word))
        word++;
    size_t n = strlen(word);
    while (n && isspace((unsigned char)word[n - 1]))
        n--;
    for (const char *p = text; n >= 3 && *p; p++)
        if (strncasecmp(p, word, n) == 0 && (p == text || !word_char((unsigned char)p[-1])) &&
            !word_char((unsigned char)p[n]))
            return true;
    return false;
}

static bool listed(const char *const *list, size_t n, const char *skill)
{
    for (size_t i = 0; i < n; i++)
        if (same_skill(list[i], skill))
            return true;
    return false;
}

#define MAX_SKILLS 64

size_t templates_candidate_skills(const struct template_context *ctx, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < ctx->nskills && n < max; i++)
        if (ctx->skills[i] && !listed(out, n, ctx->skills[i]))
            out[n++] = ctx->skills[i];
    for (size_t i = 0; i < ctx->nresume_skills && n < max; i++)
        if (ctx->resume_skills[i] && !listed(out, n, ctx->resume_skills[i]))
            out[n++] = ctx->resume_skills[i];
    return n;
}

size_t templates_matched_skills(const struct template_context *ctx, const char **out, size_t max)
{
    const char *have[MAX_SKILLS];
    size_t nhave = templates_candidate_skills(ctx, have, MAX_SKILLS), n = 0;
    for (size_t i = 0; i < ctx->njob_skills && n < max; i++)
        for (size_t j = 0; ctx->job_skills[i] && j < nhave; j++)
            if (same_skill(have[j], ctx->job_skills[i]) && !listed(out, n, have[j]))
                out[n++] = have[j];
    for (size_t i = 0; ctx->job_text && i < nhave && n < max; i++)
        if (!listed(out, n, have[i]) && contains_word(ctx->job_text, have[i]))
            out[n++] = have[i];
    return n;
}

/* The job's skills the candidate lacks, at most max. */
static size_t missing_skills(const struct template_context *ctx, const char **out, size_t max)
{
    const char *have[MAX_SKILLS];
    size_t nhave = templates_candidate_skills(ctx, have, MAX_SKILLS), n = 0;
    for (size_t i = 0; i < ctx->njob_skills && n < max; i++)
        if (ctx->job_skills[i] && !listed(have, nhave, ctx->job_skills[i]) &&
            !listed(out, n, ctx->job_skills[i]))
            out[n++] = ctx->job_skills[i];
    return n;
}

/* ================================================================ values */

/* "A", "A and B", "A, B and C" into out (truncated to size). */
static void join(const char *const *items, size_t n, char *out, size_t size)
{
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        char item[128];
        snprintf(item, sizeof item, "%s", items[i]);
        buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", trim(item));
    }
    snprintf(out, size, "%s", b.data ? b.data : "");
    buf_free(&b);
}

const char *templates_experience_phrase(const char *level)
{
    static const char *const phrases[][2] = {
        {"entry", "an entry-level"}, {"junior", "a junior"}, {"mid", "a mid-level"},
        {"senior", "a senior"},      {"lead", "a lead"},     {"executive", "an executive"},
    };
    for (size_t i = 0; level && i < sizeof phrases / sizeof phrases[0]; i++)
        if (strcmp(level, phrases[i][0]) == 0)
            return phrases[i][1];
    return NULL;
}

enum {
    V_NAME,
    V_EMAIL,
    V_COMPANY,
    V_TITLE,
    V_LOCATION,
    V_SKILLS,
    V_TOP_SKILL,
    V_MATCHED,
    V_MISSING,
    V_JOB_SKILLS,
    V_EXPERIENCE,
    V_COUNT
};

struct value {
    const char *key, *value, *fallback;
};

struct values {
    struct value v[V_COUNT];
    char skills[512], matched[512], missing[512], job_skills[512];
};

static const char *present(const char *s)
{
    return s && *s ? s : NULL;
}

/* Computes every value of ctx. {skills} lists the matched skills first, five at most. */
static void compute_values(const struct template_context *ctx, struct values *out)
{
    const char *have[MAX_SKILLS], *matched[4], *missing[4], *top[5];
    size_t nhave = templates_candidate_skills(ctx, have, MAX_SKILLS);
    size_t nmatched = templates_matched_skills(ctx, matched, 4);
    size_t nmissing = missing_skills(ctx, missing, 4), ntop = 0;
    for (size_t i = 0; i < nmatched && ntop < 5; i++)
        top[ntop++] = matched[i];
    for (size_t i = 0; i < nhave && ntop < 5; i++)
        if (!listed(top, ntop, have[i]))
            top[ntop++] = have[i];
    join(top, ntop, out->skills, sizeof out->skills);
    join(matched, nmatched, out->matched, sizeof out->matched);
    join(missing, nmissing, out->missing, sizeof out->missing);
    join(ctx->job_skills, ctx->njob_skills < 6 ? ctx->njob_skills : 6, out->job_skills,
         sizeof out->job_skills);
    const struct value v[V_COUNT] = {
        {"name", present(ctx->name), ""},
        {"email", present(ctx->email), ""},
        {"company", present(ctx->company), "your company"},
        {"title", present(ctx->title), "open"},
        {"location", present(ctx->location), ""},
        {"skills", present(out->skills), "a broad range of technologies"},
        {"top_skill", ntop ? top[0] : NULL, "software development"},
        {"matched_skills", present(out->matched), ""},
        {"missing_skills", present(out->missing), ""},
        {"job_skills", present(out->job_skills), ""},
        {"experience", templates_experience_phrase(ctx->experience_level), "a motivated"},
    };
    memcpy(out->v, v, sizeof v);
}

static const struct value *find_value(const struct values *vals, const char *key)
{
    for (int i = 0; i < V_COUNT; i++)
        if (strcmp(vals->v[i].key, key) == 0)
            return &vals->v[i];
    return NULL;
}

static const char *find_phrase(const struct template_set *s, const char *tone, const char *key)
{
    for (size_t i = 0; i < s->nphrases; i++)
        if (strcmp(s->phrases[i].tone, tone) == 0 && strcmp(s->phrases[i].key, key) == 0)
            return s->phrases[i].value;
    return NULL;
}

/* ================================================================ rendering */

struct render {
    const struct template_set *set;
    const char *tone;
    const struct values *values;
};

static void expand(const struct render *r, const char *text, struct buf *out, int depth);

/* Appends the value or phrase called key (a capital first letter capitalises the result), or
 * the placeholder itself when nothing has that name. */
static void expand_key(const struct render *r, const char *key, struct buf *out, int depth)
{
    char lower[32];
    snprintf(lower, sizeof lower, "%s", key);
    lower[0] = (char)tolower((unsigned char)lower[0]);
    struct buf piece;
    buf_init(&piece);
    const struct value *v = find_value(r->values, lower);
    const char *phrase = v ? NULL : find_phrase(r->set, r->tone, lower);
    if (v)
        buf_puts(&piece, v->value ? v->value : v->fallback);
    else if (phrase && depth < 3)
        expand(r, phrase, &piece, depth + 1);
    else
        buf_printf(&piece, "{%s}", key);
    if (piece.len && isupper((unsigned char)key[0]))
        piece.data[0] = (char)toupper((unsigned char)piece.data[0]);
    if (piece.len)
        buf_append(out, piece.data, piece.len);
    buf_free(&piece);
}

static void expand(const struct render *r, const char *text, struct buf *out, int depth)
{
    for (const char *p = text; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        size_t len = close ? (size_t)(close - p - 1) : 0;
        bool name = len > 0 && len < 32;
        for (size_t i = 1; name && i <= len; i++)
            name = isalpha((unsigned char)p[i]) || p[i] == '_';
        if (!name) {
            buf_putc(out, *p++);
            continue;
        }
        char key[32];
        memcpy(key, p + 1, len);
        key[len] = '\0';
        expand_key(r, key, out, depth);
        p = close + 1;
    }
}

/* The text of line to render, or NULL when its "?key"/"!key" condition drops it. */
static const char *line_text(const struct render *r, const char *line)
{
    if ((line[0] != '?' && line[0] != '!') || !isalpha((unsigned char)line[1]))
        return line;
    char key[32];
    size_t n = 0;
    const char *p = line + 1;
    for (; (isalpha((unsigned char)*p) || *p == '_') && n + 1 < sizeof key; p++)
        key[n++] = *p;
    key[n] = '\0';
    const struct value *v = find_value(r->values, key);
    bool has = v && v->value;
    if (v == NULL || has != (line[0] == '?'))
        return NULL;
    return *p == ' ' ? p + 1 : p;
}

static const struct template *find_template(const struct template_set *s, const char *type,
                                            const char *tone)
{
    const struct template *fallback = NULL;
    for (size_t i = 0; i < s->ntemplates; i++) {
        const struct template *t = &s->templates[i];
        if (strcmp(t->type, type) != 0)
            continue;
        if (strcmp(t->tone, tone) == 0)
            return t;
        if (strcmp(t->tone, "default") == 0)
            fallback = t;
    }
    return fallback;
}

static bool known_tone(const struct template_set *s, const char *tone)
{
    for (size_t i = 0; i < s->nphrases; i++)
        if (strcmp(s->phrases[i].tone, tone) == 0)
            return true;
    return false;
}

char *templates_render(const struct template_set *s, const char *content_type, const char *tone,
                       const struct template_context *ctx, const char **template_used)
{
    const struct template *t = content_type && tone ? find_template(s, content_type, tone) : NULL;
    if (t == NULL || !known_tone(s, tone))
        return NULL;
    struct values vals;
    compute_values(ctx, &vals);
    struct render r = {s, tone, &vals};
    struct buf out, line;
    buf_init(&out);
    buf_init(&line);
    bool blank = false;
    for (size_t i = 0; i < t->nlines; i++) {
        const char *text = line_text(&r, t->lines[i]);
        if (text == NULL)
            continue;
        buf_reset(&line);
        expand(&r, text, &line, 0);
        while (line.len && isspace((unsigned char)line.data[line.len - 1]))
            line.data[--line.len] = '\0';
        if (line.len == 0) {
            blank = out.len > 0; /* blank lines between paragraphs collapse into one */
            continue;
        }
        if (out.len)
            buf_puts(&out, blank ? "\n\n" : "\n");
        buf_append(&out, line.data, line.len);
        blank = false;
    }
    buf_free(&line);
    if (template_used)
        *template_used = t->name;
    return out.data ? buf_steal(&out) : xstrdup("");
}
