/*
 * This file declares what the files of the capture share (capture.c: a JobPosting to job
 * fields, extract, fetch, save; capture_page.c: the walk over the parsed page): what the walk
 * found and the calls that read and free it. Only those files see it.
 */
#ifndef COPILOT_MODEL_CAPTURE_INTERNAL_H
#define COPILOT_MODEL_CAPTURE_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "../lib/err.h"

/* What the walk over the page found. */
struct page {
    json_t *jsonld;    /* JobPosting objects from JSON-LD, in page order */
    json_t *microdata; /* JobPosting microdata items as JSON-LD-like objects */
    char *og_title, *og_description, *og_site_name, *meta_description, *title;
};

/* capture_page.c: parses html (in encoding, or one guessed: UTF-8 when valid) and walks it into
 * p (a page nothing can be read from leaves p empty); 0, or ERR_INVALID when html is too large
 * to parse */
int capture_read_page(const char *html, size_t len, const char *encoding, const char *url,
                      struct page *p, struct err *e);
void capture_page_free(struct page *p);

#endif
