/*
 * This file declares a growable byte buffer, used to build SQL text, CSV output and log lines.
 * Memory comes from xrealloc (aborts on OOM); the owner calls buf_free.
 */
#ifndef COPILOT_LIB_BUF_H
#define COPILOT_LIB_BUF_H

#include <stddef.h>
#include <stdint.h>

struct buf {
    char *data; /* always NUL-terminated once anything was appended */
    size_t len, cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends v in decimal, as "%lld" writes it (without printf: lists write thousands). */
void buf_put_int(struct buf *b, int64_t v);
/* Hands the data to the caller (free() it) and resets the buffer. */
char *buf_steal(struct buf *b);

#endif
