/*
 * This file declares a growable byte buffer, used to build SQL text, CSV output and log lines.
 * Memory comes from xrealloc (aborts on OOM); the owner calls buf_free.
 */
#ifndef COPILOT_LIB_BUF_H
#define COPILOT_LIB_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct buf {
    char *data; /* always NUL-terminated once anything was appended */
    size_t len, cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
/* Makes room for extra more bytes and the NUL (the slow path of the appends below). */
void buf_grow(struct buf *b, size_t extra);
/* The appends are inline: the JSON and row writers call them per character and per member. */
static inline void buf_append(struct buf *b, const void *data, size_t n)
{
    if (b->len + n + 1 > b->cap)
        buf_grow(b, n);
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}
static inline void buf_putc(struct buf *b, char c)
{
    if (b->len + 2 > b->cap)
        buf_grow(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
/* Drops what was appended after the first len bytes (len <= b->len). */
static inline void buf_truncate(struct buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends v in decimal, as "%lld" writes it (without printf: lists write thousands). */
void buf_put_int(struct buf *b, int64_t v);

/* v in decimal as "%lld" writes it, into out (NUL-terminated); returns its length. */
#define BUF_INT_LEN 21
size_t buf_int_text(int64_t v, char out[BUF_INT_LEN]);
/* Hands the data to the caller (free() it) and resets the buffer. */
char *buf_steal(struct buf *b);

#endif
