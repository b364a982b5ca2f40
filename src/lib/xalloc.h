/*
 * This file declares allocation wrappers that abort on out-of-memory: we are an application,
 * not a library, and no caller has a better answer to OOM than stopping.
 */
#ifndef COPILOT_LIB_XALLOC_H
#define COPILOT_LIB_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
