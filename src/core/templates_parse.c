/*
 * This file implements the parsing of templates.h: the sections of
 * assets/content_templates.txt (tone phrases and templates) read into a template set, and the
 * embedded default set. templates.c fills the templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/embedded.h"
#include "../lib/xalloc.h"
#include "templates_internal.h"

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
