/*
 * This file declares the recognition of uploaded résumé files by their content, never by their
 * name: a PDF starts with the magic "%PDF-"; a DOCX is a ZIP archive (local file header magic
 * "PK\3\4") whose central directory lists "word/document.xml"; plain text is valid UTF-8 (an
 * optional byte order mark) with no NUL byte and no control character other than tab, line
 * feed, vertical tab, form feed and carriage return. Text is Markdown when the name ends in .md
 * or .markdown, or when the content has Markdown structure (an ATX heading "# Title" at the
 * start of a line, a link "[text](http...", or a fenced code block). Anything else is
 * FILETYPE_UNKNOWN, which the API answers with 415. Pure functions over a buffer, no I/O.
 */
#ifndef COPILOT_CORE_FILETYPE_H
#define COPILOT_CORE_FILETYPE_H

#include <stdbool.h>
#include <stddef.h>

enum filetype { FILETYPE_UNKNOWN, FILETYPE_PDF, FILETYPE_DOCX, FILETYPE_TXT, FILETYPE_MD };

/* The type of data[0..len). filename (may be NULL) only tells Markdown from plain text. An empty
 * buffer is FILETYPE_UNKNOWN. */
enum filetype filetype_detect(const char *data, size_t len, const char *filename);

/* The stored name of a type ("pdf", "docx", "txt", "md"), also the file extension; NULL for
 * FILETYPE_UNKNOWN. */
const char *filetype_name(enum filetype t);
/* The type called name ("pdf"...), or FILETYPE_UNKNOWN. */
enum filetype filetype_from_name(const char *name);
/* The media type to serve the file with ("application/pdf", "text/plain; charset=utf-8"...). */
const char *filetype_media_type(enum filetype t);

/* True when the ZIP archive in data[0..len) has an entry called name in its central directory.
 * Bounds-checked walk of the end-of-central-directory record and the directory entries; a
 * truncated or inconsistent archive answers false. Exposed for tests. */
bool filetype_zip_has_entry(const char *data, size_t len, const char *name);

/* True when data[0..len) is text as defined above (valid UTF-8, no NUL, no stray control
 * characters). Exposed for tests. */
bool filetype_is_text(const char *data, size_t len);

#endif
