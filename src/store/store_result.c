/*
 * This file implements the materialised result both backends fill (struct store_result: cells
 * of text kept in a few slabs of their own, a cursor's row in buffers reused) and its readers
 * (store_text, store_int, ...).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/xalloc.h"
#include "store.h"
#include "store_backend.h"

/* ================================================================ results */

struct cell {
    char *text; /* NULL = SQL NULL; NUL-terminated, also after bytes that hold NULs */
    size_t len;
    size_t size; /* bytes allocated for text; 0 for a cell borrowed from the result's owner */
};

struct store_result {
    int ncols;
    char **names;
    size_t nrows, cap;
    struct cell *cells; /* nrows * ncols */
    int64_t changes;
    /* a cursor's row (store_result_clear before each): the last row's buffers, per column,
       taken again by the next row's cells that fit (a scan of 100,000 rows otherwise allocates
       and frees every cell of every row) */
    struct cell *spare; /* ncols, or NULL */
    /* what borrowed cells point into (store_result_borrow), released with the result */
    void *owner;
    void (*release)(void *owner);
    /* the cells of a result that is not a cursor's row, in a few blocks rather than one
       malloc each (a page of 20 jobs is 600 cells); freed with the result */
    struct slab *slab;
    size_t slab_left;
};

struct slab {
    struct slab *next;
    size_t size;
    char data[];
};

#define SLAB_MIN 4096
#define SLAB_MAX (256 * 1024)

/* Adds a slab to r for at least n more bytes. */
static void slab_grow(struct store_result *r, size_t n)
{
    size_t size = r->slab ? r->slab->size * 2 : SLAB_MIN;
    if (size > SLAB_MAX)
        size = SLAB_MAX;
    if (size < n)
        size = n;
    struct slab *b = xmalloc(sizeof *b + size);
    b->next = r->slab;
    b->size = size;
    r->slab = b;
    r->slab_left = size;
}

/* n bytes from r's slab (a cell owned by the result: its size stays 0, as a borrowed one's);
 * inline, the slab's growth apart: a page of 20 jobs takes 540 of them */
static inline char *slab_take(struct store_result *r, size_t n)
{
    if (r->slab == NULL || r->slab_left < n)
        slab_grow(r, n);
    char *p = r->slab->data + (r->slab->size - r->slab_left);
    r->slab_left -= n;
    return p;
}

struct store_result *store_result_new(int ncols, const char *const *names)
{
    assert(ncols >= 0 && (ncols == 0 || names != NULL));
    struct store_result *r = xcalloc(1, sizeof *r);
    r->ncols = ncols;
    /* the array and the names in one block */
    size_t bytes = (size_t)(ncols ? ncols : 1) * sizeof *r->names;
    for (int i = 0; i < ncols; i++)
        bytes += strlen(names[i]) + 1;
    r->names = xmalloc(bytes);
    char *text = (char *)(r->names + (ncols ? ncols : 1));
    for (int i = 0; i < ncols; i++) {
        size_t n = strlen(names[i]) + 1;
        r->names[i] = memcpy(text, names[i], n);
        text += n;
    }
    return r;
}

void store_result_add_row(struct store_result *r)
{
    if (r->nrows == r->cap) {
        /* 8, then 32 (a page of 20 or 25 rows grows once), then doubling */
        r->cap = r->cap ? (r->cap < 32 ? 32 : r->cap * 2) : 8;
        r->cells = xrealloc(r->cells, r->cap * (size_t)r->ncols * sizeof *r->cells);
    }
    memset(r->cells + r->nrows * (size_t)r->ncols, 0, (size_t)r->ncols * sizeof *r->cells);
    r->nrows++;
}

void store_result_keep(struct store_result *r, void *owner, void (*release)(void *owner))
{
    assert(r->owner == NULL && r->spare == NULL);
    r->owner = owner;
    r->release = release;
}

void store_result_borrow(struct store_result *r, int col, const char *text, size_t len)
{
    assert(r->nrows > 0 && col >= 0 && col < r->ncols && r->owner && text && text[len] == '\0');
    struct cell *cell = &r->cells[(r->nrows - 1) * (size_t)r->ncols + (size_t)col];
    if (cell->size)
        free(cell->text);
    cell->text = (char *)text;
    cell->len = len;
    cell->size = 0;
}

void store_result_set(struct store_result *r, int col, const char *text, size_t len)
{
    assert(r->nrows > 0 && col >= 0 && col < r->ncols);
    struct cell *cell = &r->cells[(r->nrows - 1) * (size_t)r->ncols + (size_t)col];
    if (r->spare == NULL) {
        /* not a cursor's row: every cell is in the slab or borrowed (size 0, nothing to
         * free), the common case of a page's 540 cells */
        assert(cell->size == 0);
        if (text == NULL) {
            *cell = (struct cell){NULL, 0, 0};
            return;
        }
        char *copy = slab_take(r, len + 1);
        memcpy(copy, text, len);
        copy[len] = '\0';
        *cell = (struct cell){copy, len, 0};
        return;
    }
    if (cell->size)
        free(cell->text);
    cell->text = NULL;
    cell->len = cell->size = 0;
    if (text) {
        struct cell *spare = r->spare && r->nrows == 1 ? &r->spare[col] : NULL;
        if (spare && spare->text && spare->size > len) {
            *cell = *spare;
            spare->text = NULL;
        } else if (r->spare == NULL) { /* not a cursor's row (those are cleared first) */
            cell->text = slab_take(r, len + 1);
        } else {
            /* a cursor's cells are rounded up, so that the next rows' values fit */
            cell->size = (len + 64) & ~(size_t)63;
            cell->text = xmalloc(cell->size);
        }
        memcpy(cell->text, text, len);
        cell->text[len] = '\0';
        cell->len = len;
    }
}

void store_result_set_changes(struct store_result *r, int64_t changes)
{
    r->changes = changes;
}

void store_result_rewind(struct store_result *r)
{
    assert(r->spare == NULL); /* every cell is in the slab or borrowed: none to free */
    r->nrows = 0;
    if (r->slab == NULL)
        return;
    for (struct slab *b = r->slab->next, *next; b; b = next) { /* the newest is the largest */
        next = b->next;
        free(b);
    }
    r->slab->next = NULL;
    r->slab_left = r->slab->size;
}

void store_result_clear(struct store_result *r)
{
    if (r == NULL)
        return;
    assert(r->owner == NULL); /* a cursor's row owns its cells */
    if (r->spare == NULL && r->ncols > 0)
        r->spare = xcalloc((size_t)r->ncols, sizeof *r->spare);
    for (size_t i = 0; i < r->nrows * (size_t)r->ncols; i++) {
        struct cell *cell = &r->cells[i], *spare = i < (size_t)r->ncols ? &r->spare[i] : NULL;
        if (cell->size == 0) { /* a slab's or a borrowed cell: not the cell's to free */
        } else if (spare && (spare->text == NULL || spare->size < cell->size)) {
            free(spare->text);
            *spare = *cell; /* kept for the next row */
        } else {
            free(cell->text);
        }
        cell->text = NULL;
    }
    r->nrows = 0;
}

void store_result_free(struct store_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->nrows * (size_t)r->ncols; i++)
        if (r->cells[i].size)
            free(r->cells[i].text);
    if (r->release)
        r->release(r->owner);
    for (struct slab *b = r->slab, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    for (int i = 0; r->spare && i < r->ncols; i++)
        free(r->spare[i].text);
    free(r->spare);
    free(r->names);
    free(r->cells);
    free(r);
}

size_t store_rows(const struct store_result *r)
{
    return r ? r->nrows : 0;
}

int store_cols(const struct store_result *r)
{
    return r ? r->ncols : 0;
}

const char *store_colname(const struct store_result *r, int col)
{
    return col >= 0 && col < r->ncols ? r->names[col] : NULL;
}

int store_colindex(const struct store_result *r, const char *name)
{
    for (int i = 0; r && i < r->ncols; i++)
        if (strcmp(r->names[i], name) == 0)
            return i;
    return -1;
}

int64_t store_changes(const struct store_result *r)
{
    return r ? r->changes : 0;
}

const char *store_text(const struct store_result *r, size_t row, int col)
{
    if (r == NULL || row >= r->nrows || col < 0 || col >= r->ncols)
        return NULL;
    return r->cells[row * (size_t)r->ncols + (size_t)col].text;
}

size_t store_length(const struct store_result *r, size_t row, int col)
{
    if (r == NULL || row >= r->nrows || col < 0 || col >= r->ncols)
        return 0;
    return r->cells[row * (size_t)r->ncols + (size_t)col].len;
}

const char *store_text_len(const struct store_result *r, size_t row, int col, size_t *len)
{
    if (r == NULL || row >= r->nrows || col < 0 || col >= r->ncols) {
        *len = 0;
        return NULL;
    }
    const struct cell *cell = &r->cells[row * (size_t)r->ncols + (size_t)col];
    *len = cell->len;
    return cell->text;
}

void store_row_texts(const struct store_result *r, size_t row, const char **texts, size_t *lens)
{
    assert(r != NULL && row < r->nrows);
    const struct cell *cells = &r->cells[row * (size_t)r->ncols];
    for (int col = 0; col < r->ncols; col++) {
        texts[col] = cells[col].text;
        lens[col] = cells[col].len;
    }
}

bool store_isnull(const struct store_result *r, size_t row, int col)
{
    return store_text(r, row, col) == NULL;
}

int64_t store_int(const struct store_result *r, size_t row, int col)
{
    const char *t = store_text(r, row, col);
    return t ? strtoll(t, NULL, 10) : 0;
}

double store_real(const struct store_result *r, size_t row, int col)
{
    const char *t = store_text(r, row, col);
    return t ? strtod(t, NULL) : 0.0;
}

bool store_bool(const struct store_result *r, size_t row, int col)
{
    const char *t = store_text(r, row, col);
    return t && (strcmp(t, "1") == 0 || strcmp(t, "t") == 0 || strcmp(t, "true") == 0);
}
