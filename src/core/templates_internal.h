/*
 * This file declares what the files of the template renderer share (templates_parse.c: the
 * parsing of assets/content_templates.txt into a set; templates.c: the values of a context and
 * the filling): the set's structures, and trim. Only those files see it.
 */
#ifndef COPILOT_CORE_TEMPLATES_INTERNAL_H
#define COPILOT_CORE_TEMPLATES_INTERNAL_H

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "templates.h"

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

/* s without its leading and trailing white space (the trailing cut in place). */
static inline char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

#endif
