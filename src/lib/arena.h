/*
 * This file declares the per-request memory arena: a chain of blocks that is freed as a whole
 * when the request ends. Handlers allocate from it and never free by hand.
 */
#ifndef COPILOT_LIB_ARENA_H
#define COPILOT_LIB_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;
};

/* Initialises an empty arena (no allocation until first use). */
void arena_init(struct arena *a);
/* The bytes of the arena's blocks (what it holds in memory). */
size_t arena_bytes(const struct arena *a);
/* Frees every block; the arena can be reused afterwards. */
void arena_free(struct arena *a);
/* Returns n bytes aligned for any type, zeroed; aborts on OOM. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

#endif
