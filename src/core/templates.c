/*
 * This file implements the template renderer of templates.h on the sets templates_parse.c
 * reads from assets/content_templates.txt (tone phrases and templates): computing the values of
 * a context (the candidate's skills, the ones the job asks for, the gaps, an experience
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
#include "../lib/xalloc.h"
#include "templates_internal.h"

const char *const templates_content_types[] = {
    "cover_letter",     "resume_summary", "resume_tailoring", "email_template",
    "linkedin_message", "thank_you_note", "follow_up",        NULL,
};
const char *const templates_tones[] = {"professional", "casual",  "enthusiastic",
                                       "friendly",     "concise", NULL};

/* ================================================================ skills */

static const char *present(const char *s)
{
    return s && *s ? s : NULL;
}

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

size_t templates_missing_skills(const struct template_context *ctx, const char **out, size_t max)
{
    const char *have[MAX_SKILLS];
    size_t nhave = templates_candidate_skills(ctx, have, MAX_SKILLS), n = 0;
    for (size_t i = 0; i < ctx->njob_skills && n < max; i++)
        if (ctx->job_skills[i] && !listed(have, nhave, ctx->job_skills[i]) &&
            !listed(out, n, ctx->job_skills[i]))
            out[n++] = ctx->job_skills[i];
    return n;
}

/* ================================================================ facts */

/* Does text name skill as a word (case ignored; a name under three characters, "Go", "R",
 * only as written)? */
static bool names_skill(const char *text, const char *skill)
{
    size_t n = strlen(skill);
    if (n >= 3)
        return contains_word(text, skill);
    for (const char *p = strstr(text, skill); n && p; p = strstr(p + 1, skill))
        if ((p == text || !word_char((unsigned char)p[-1])) && !word_char((unsigned char)p[n]))
            return true;
    return false;
}

/* Does the clause [p, p + n) say the candidate learns something: a word starting with "learn",
 * "stud", "course", "train", "practi", "tutorial" or "bootcamp", and no negation ("not", "no",
 * "never", "nor", "without", "avoid", "stop", "instead", a word ending in "n't" or "dont")? */
static bool clause_learns(const char *p, size_t n)
{
    static const char *const learns[] = {"learn",  "stud",     "course",   "train",
                                         "practi", "tutorial", "bootcamp", NULL};
    static const char *const negations[] = {"not",   "no",   "never",   "nor",  "without",
                                            "avoid", "stop", "instead", "dont", NULL};
    bool learning = false;
    for (size_t i = 0; i < n;) {
        while (i < n && !isalpha((unsigned char)p[i]))
            i++;
        size_t w = i;
        while (i < n && (isalpha((unsigned char)p[i]) || p[i] == '\''))
            i++;
        size_t len = i - w;
        if (len == 0)
            continue;
        if (len >= 3 && strncasecmp(p + i - 3, "n't", 3) == 0)
            return false;
        for (const char *const *x = negations; *x; x++)
            if (strlen(*x) == len && strncasecmp(p + w, *x, len) == 0)
                return false;
        for (const char *const *x = learns; *x && !learning; x++)
            learning = len >= strlen(*x) && strncasecmp(p + w, *x, strlen(*x)) == 0;
    }
    return learning;
}

/* Do the instructions ask to name skill as something the candidate is learning? In one clause
 * (cut at . , ; : ! ? a new line or "but") they must name it and say they learn it, without a
 * negation: "Say that I am learning Kafka" does; "Do not mention Kafka", "Never say I am
 * learning Kafka" and "Say I have 10 years of Kafka experience" do not. */
static bool asks_to_learn(const char *instructions, const char *skill)
{
    char clause[512];
    for (const char *p = instructions; *p;) {
        size_t n = 0;
        while (p[n] && !strchr(".,;:!?\n", p[n]) &&
               !(n > 0 && !word_char((unsigned char)p[n - 1]) &&
                 strncasecmp(p + n, "but", 3) == 0 && !word_char((unsigned char)p[n + 3])))
            n++;
        size_t copy = n < sizeof clause - 1 ? n : sizeof clause - 1;
        memcpy(clause, p, copy);
        clause[copy] = '\0';
        bool named = strlen(skill) >= 3 ? contains_word(clause, skill) : names_skill(clause, skill);
        if (named && clause_learns(clause, copy))
            return true;
        p += n;
        p += *p == '\0' ? 0 : strchr(".,;:!?\n", *p) ? 1 : 3; /* the mark, or "but" */
    }
    return false;
}

size_t templates_learning_skills(const struct template_context *ctx, const char **out, size_t max)
{
    const char *missing[MAX_SKILLS];
    size_t nmissing = templates_missing_skills(ctx, missing, MAX_SKILLS), n = 0;
    for (size_t i = 0; ctx->instructions && i < nmissing && n < max; i++)
        if (asks_to_learn(ctx->instructions, missing[i]))
            out[n++] = missing[i];
    return n;
}

size_t templates_achievements(const struct template_context *ctx,
                              const struct template_highlight **out, size_t max)
{
    const char *matched[MAX_SKILLS];
    size_t nmatched = templates_matched_skills(ctx, matched, MAX_SKILLS), n = 0;
    for (int pass = 0; pass < 2; pass++) /* with a figure first, then without */
        for (size_t i = 0; i < ctx->nhighlights && n < max; i++) {
            const struct template_highlight *h = &ctx->highlights[i];
            bool figure = strpbrk(h->text, "0123456789") != NULL, stack = false;
            for (size_t k = 0; k < nmatched && !stack; k++)
                stack = names_skill(h->text, matched[k]);
            bool taken = false;
            for (size_t k = 0; k < n && !taken; k++)
                taken = out[k] == h;
            if (stack && !taken && figure == (pass == 0))
                out[n++] = h;
        }
    return n;
}

/* The base form of the verb word (n bytes) an achievement opens with ("Cut", "Led", "Leads",
 * "Built", "Moved"), lower-cased into out; false when it does not open with a verb. */
static bool opening_verb(const char *word, size_t n, char *out, size_t size)
{
    static const char *const irregular[] = {
        "built",   "cut",    "led",     "ran",        "wrote",   "made",    "took",     "drove",
        "grew",    "set",    "won",     "taught",     "rebuilt", "brought", "kept",     "sold",
        "began",   "found",  "gave",    "held",       "rewrote", "split",   "shut",     "put",
        "lead",    "run",    "manage",  "own",        "build",   "design",  "develop",  "maintain",
        "write",   "mentor", "drive",   "create",     "deliver", "migrate", "automate", "improve",
        "operate", "teach",  "support", "coordinate", "ship",    NULL,
    };
    if (n == 0 || n + 1 >= size || !isalpha((unsigned char)word[0]))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!isalpha((unsigned char)word[i]) || (i > 0 && isupper((unsigned char)word[i])))
            return false; /* "iOS", "AWS", "SQL": names, not verbs */
        out[i] = (char)tolower((unsigned char)word[i]);
    }
    out[n] = '\0';
    if (n > 4 && strcmp(out + n - 2, "ed") == 0)
        return true;
    for (const char *const *v = irregular; *v; v++)
        if (strcmp(out, *v) == 0)
            return true;
    if (n > 3 && out[n - 1] == 's') { /* "Leads", "Owns": a third person of the list */
        out[n - 1] = '\0';
        for (const char *const *v = irregular; *v; v++)
            if (strcmp(out, *v) == 0)
                return true;
    }
    return false;
}

void templates_achievement_sentence(const struct template_highlight *h, int again, char *out,
                                    size_t n)
{
    char text[400];
    snprintf(text, sizeof text, "%s", h->text);
    char *t = trim(text);
    size_t len = strlen(t);
    while (len && (t[len - 1] == '.' || t[len - 1] == ';'))
        t[--len] = '\0';
    size_t w = 0;
    while (t[w] && !isspace((unsigned char)t[w]))
        w++;
    char verb[32];
    bool has_company = h->company && *h->company;
    if (opening_verb(t, w, verb, sizeof verb)) {
        if (again)
            snprintf(out, n, "I also %s%s.", verb, t + w);
        else if (has_company)
            snprintf(out, n, "At %s, I %s%s.", h->company, verb, t + w);
        else
            snprintf(out, n, "I %s%s.", verb, t + w);
    } else if (again) {
        snprintf(out, n, "My work there also included %s.", t);
    } else if (has_company) {
        snprintf(out, n, "At %s, my work included %s.", h->company, t);
    } else {
        snprintf(out, n, "My work included %s.", t);
    }
}

/* The first comma piece of s ("Berlin, Germany" -> "Berlin") into out. */
static void city(const char *s, char *out, size_t n)
{
    snprintf(out, n, "%s", s ? s : "");
    char *comma = strchr(out, ',');
    if (comma)
        *comma = '\0';
    char *t = trim(out);
    memmove(out, t, strlen(t) + 1);
}

void templates_place(const struct template_context *ctx, char *out, size_t n)
{
    const char *where = present(ctx->location), *kind = present(ctx->remote_option);
    bool remote = kind ? strcmp(kind, "remote") == 0 : where && contains_word(where, "remote");
    out[0] = '\0';
    if (remote) {
        /* "Remote - EU", "Remote (Europe)": the region after the word */
        char region[128] = "";
        const char *r = where ? strcasestr(where, "remote") : NULL;
        if (r) {
            snprintf(region, sizeof region, "%s", r + 6);
            char *t = region;
            while (*t && (isspace((unsigned char)*t) || strchr("-,:()/|", *t) ||
                          (unsigned char)*t >= 0x80))
                t++;
            size_t len = strlen(t);
            while (len && (isspace((unsigned char)t[len - 1]) || strchr(")", t[len - 1])))
                t[--len] = '\0';
            memmove(region, t, len + 1);
        } else if (where) {
            city(where, region, sizeof region);
        }
        snprintf(out, n, region[0] ? " (remote, %s)" : " (remote)", region);
        return;
    }
    if (where == NULL)
        return;
    char town[128];
    city(where, town, sizeof town);
    if (kind && strcmp(kind, "hybrid") == 0)
        snprintf(out, n, " in %s (hybrid)", town);
    else
        snprintf(out, n, " in %s", town);
}

/* A sentence on where the job is, when it fits what the candidate wants: remote work they
 * prefer, or a city among their preferred places. "" otherwise (nothing is claimed). */
static void place_sentence(const struct template_context *ctx, char *out, size_t n)
{
    out[0] = '\0';
    const char *kind = present(ctx->remote_option), *where = present(ctx->location);
    bool remote = kind ? strcmp(kind, "remote") == 0 : where && contains_word(where, "remote");
    if (remote) {
        if (ctx->prefer_remote)
            snprintf(out, n, "Working remotely is how I work best, so the setup suits me well.");
        return;
    }
    char town[128];
    city(where, town, sizeof town);
    for (size_t i = 0; town[0] && i < ctx->npreferred_locations; i++) {
        char want[128];
        city(ctx->preferred_locations[i], want, sizeof want);
        if (strcasecmp(want, town) == 0) {
            snprintf(out, n, "%s is where I want to work, so the %s role suits me well.", town,
                     kind && strcmp(kind, "hybrid") == 0 ? "hybrid" : "office-based");
            return;
        }
    }
}

/* "a" or "an" before word. */
static const char *article(const char *word)
{
    return word && strchr("AEIOaeio", word[0]) ? "an" : "a";
}

/* What the candidate does now, in one sentence: "I am a Backend Engineer at Parcelpoint, with
 * 5 years of experience." and its variants; "" when the résumé says nothing. */
static void role_sentence(const struct template_context *ctx, char *out, size_t n)
{
    const char *title = present(ctx->role_title), *company = present(ctx->role_company);
    char years[64] = "";
    if (ctx->years > 0)
        snprintf(years, sizeof years, "%d year%s of experience", ctx->years,
                 ctx->years == 1 ? "" : "s");
    char role[384] = "";
    if (title && company)
        snprintf(role, sizeof role, "%s %s at %s", article(title), title, company);
    else if (title)
        snprintf(role, sizeof role, "%s %s", article(title), title);
    if (role[0] && ctx->role_current)
        snprintf(out, n, years[0] ? "I am %s, with %s." : "I am %s.", role, years);
    else if (role[0])
        snprintf(out, n,
                 years[0] ? "Most recently I worked as %s, and I have %s."
                          : "Most recently I worked as %s.",
                 role, years);
    else if (years[0])
        snprintf(out, n, "I have %s.", years);
    else
        out[0] = '\0';
}

/* The start of a summary line: "Backend Engineer with 5 years of experience". Without a role
 * or years, an entry-level profile (a student, a graduate) is an "Early-career candidate" and
 * any other has none: "Professional" was a title nothing in the profile gave (thirty-seventh
 * round). */
static void headline(const struct template_context *ctx, char *out, size_t n)
{
    const char *title = present(ctx->role_title);
    if (title && ctx->years > 0)
        snprintf(out, n, "%s with %d year%s of experience", title, ctx->years,
                 ctx->years == 1 ? "" : "s");
    else if (title)
        snprintf(out, n, "%s", title);
    else if (ctx->years > 0)
        snprintf(out, n, "Professional with %d year%s of experience", ctx->years,
                 ctx->years == 1 ? "" : "s");
    else if (ctx->experience_level && strcmp(ctx->experience_level, "entry") == 0)
        snprintf(out, n, "Early-career candidate");
    else
        out[0] = '\0';
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
    V_ROLE,
    V_EMPLOYER,
    V_ACHIEVEMENT,
    V_ACHIEVEMENT_NEXT,
    V_PLACE,
    V_PLACE_SENTENCE,
    V_LEARNING,
    V_HEADLINE,
    V_MATCHED_WHICH,
    V_MATCHED_THEM,
    V_MISSING_THEM,
    V_COUNT
};

struct value {
    const char *key, *value, *fallback;
};

struct context_values {
    struct value v[V_COUNT];
    char skills[512], matched[512], missing[512], job_skills[512], learning[256];
    char role[512], achievement[2][512], place[160], place_sentence[256], headline[320];
    char title[256];
};

/* Is [p, end) a German posting's gender marker: letters m, w, f, d, x between slashes ("m/w/d",
 * "w/m/d", "m/f/d", "f/m/x"), or "all genders"? */
static bool gender_marker(const char *p, const char *end)
{
    if (end - p == 11 && strncasecmp(p, "all genders", 11) == 0)
        return true;
    size_t letters = 0;
    for (const char *q = p; q < end; q++) {
        char c = (char)tolower((unsigned char)*q);
        bool letter = c == 'm' || c == 'w' || c == 'f' || c == 'd' || c == 'x';
        if (letter != ((q - p) % 2 == 0) || (!letter && c != '/'))
            return false;
        letters += letter;
    }
    return letters >= 2 && (end - p) % 2 == 1;
}

/* The job's title for a letter without its gender marker (session 36: "the Softwareentwickler
 * (m/w/d) Python position"): "Softwareentwickler Python". */
static void letter_title(const char *title, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = title; *p && k + 1 < n;) {
        const char *close = *p == '(' ? strchr(p, ')') : NULL;
        if (close && gender_marker(p + 1, close)) {
            while (k > 0 && out[k - 1] == ' ')
                k--;
            p = close + 1;
            if (k > 0 && *p == ' ')
                out[k++] = ' ';
            while (*p == ' ')
                p++;
            continue;
        }
        out[k++] = *p++;
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
}

/* Computes every value of ctx. {skills} lists the matched skills first, five at most. */
static void compute_values(const struct template_context *ctx, struct context_values *out)
{
    const char *have[MAX_SKILLS], *matched[4], *missing[4], *top[5], *learning[4];
    size_t nhave = templates_candidate_skills(ctx, have, MAX_SKILLS);
    size_t nmatched = templates_matched_skills(ctx, matched, 4);
    size_t nmissing = templates_missing_skills(ctx, missing, 4), ntop = 0;
    size_t nlearning = templates_learning_skills(ctx, learning, 4);
    for (size_t i = 0; i < nmatched && ntop < 5; i++)
        top[ntop++] = matched[i];
    for (size_t i = 0; i < nhave && ntop < 5; i++)
        if (!listed(top, ntop, have[i]))
            top[ntop++] = have[i];
    join(top, ntop, out->skills, sizeof out->skills);
    join(matched, nmatched, out->matched, sizeof out->matched);
    join(missing, nmissing, out->missing, sizeof out->missing);
    join(learning, nlearning, out->learning, sizeof out->learning);
    join(ctx->job_skills, ctx->njob_skills < 6 ? ctx->njob_skills : 6, out->job_skills,
         sizeof out->job_skills);
    role_sentence(ctx, out->role, sizeof out->role);
    const struct template_highlight *best[2];
    size_t nbest = ctx->company ? templates_achievements(ctx, best, 2) : 0;
    for (size_t i = 0; i < 2; i++) {
        out->achievement[i][0] = '\0';
        if (i < nbest)
            templates_achievement_sentence(best[i],
                                           i > 0 && best[0]->company && best[i]->company &&
                                               strcmp(best[0]->company, best[i]->company) == 0,
                                           out->achievement[i], sizeof out->achievement[i]);
    }
    templates_place(ctx, out->place, sizeof out->place);
    place_sentence(ctx, out->place_sentence, sizeof out->place_sentence);
    headline(ctx, out->headline, sizeof out->headline);
    out->title[0] = '\0';
    if (ctx->title)
        letter_title(ctx->title, out->title, sizeof out->title);
    const struct value v[V_COUNT] = {
        {"name", present(ctx->name), ""},
        {"email", present(ctx->email), ""},
        {"company", present(ctx->company), "your company"},
        {"title", present(out->title), "open"},
        {"location", present(ctx->location), ""},
        {"skills", present(out->skills), "a broad range of technologies"},
        {"top_skill", ntop ? top[0] : NULL, "software development"},
        {"matched_skills", present(out->matched), ""},
        {"missing_skills", present(out->missing), ""},
        {"job_skills", present(out->job_skills), ""},
        {"experience", templates_experience_phrase(ctx->experience_level), "a motivated"},
        {"role", present(out->role), ""},
        {"employer", present(ctx->role_company), ""},
        {"achievement", present(out->achievement[0]), ""},
        {"achievement_next", present(out->achievement[1]), ""},
        {"place", present(out->place), ""},
        {"place_sentence", present(out->place_sentence), ""},
        {"learning", present(out->learning), ""},
        {"headline", present(out->headline), ""},
        {"matched_which",
         nmatched ? nmatched == 1   ? "which"
                    : nmatched == 2 ? "both of which"
                                    : "all of which"
                  : NULL,
         ""},
        {"matched_them", nmatched ? nmatched == 1 ? "it" : "them" : NULL, ""},
        /* "The posting mentions Tableau. If you have worked with it" (session 37: "them") */
        {"missing_them", nmissing ? nmissing == 1 ? "it" : "them" : NULL, ""},
    };
    memcpy(out->v, v, sizeof v);
}

static const struct value *find_value(const struct context_values *vals, const char *key)
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
    const struct context_values *values;
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
        size_t before = out->len;
        expand_key(r, key, out, depth);
        p = close + 1;
        /* a value that ends a sentence itself ("Acme, Inc.") takes the template's full stop:
           "... to Acme, Inc." rather than "Acme, Inc.." */
        if (out->len > before && out->data[out->len - 1] == '.' && p[0] == '.' && p[1] != '.')
            p++;
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
    /* another condition may follow: "!role ?skills I bring experience with {skills}." */
    return line_text(r, *p == ' ' ? p + 1 : p);
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
    struct context_values vals;
    compute_values(ctx, &vals);
    struct render r = {s, tone, &vals};
    struct buf out, line;
    buf_init(&out);
    buf_init(&line);
    bool blank = false;
    for (size_t i = 0; i < t->nlines; i++) {
        /* "+" continues the line before in the same paragraph, a space between them */
        bool continued = t->lines[i][0] == '+';
        const char *text = line_text(&r, t->lines[i] + continued);
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
            buf_puts(&out, blank ? "\n\n" : continued ? " " : "\n");
        buf_append(&out, line.data, line.len);
        blank = false;
    }
    buf_free(&line);
    if (template_used)
        *template_used = t->name;
    return out.data ? buf_steal(&out) : xstrdup("");
}
