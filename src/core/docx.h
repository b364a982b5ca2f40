/*
 * This file declares DOCX text extraction over a memory buffer, with no file or network I/O:
 * libzip opens the archive from memory and inflates word/document.xml (refused when its size,
 * declared or actual, passes DOCX_MAX_XML: a zip bomb stops there), and the libxml2 xmlReader
 * walks the WordprocessingML: the text of w:t runs, a line feed at the end of every paragraph
 * (w:p) and for w:br / w:cr, a tab for w:tab, '-' for w:noBreakHyphen. Deleted text
 * (w:delText), field codes (w:instrText) and the fallback copies of alternate content
 * (mc:Fallback, which repeat the text of text boxes) are left out. Both the transitional and
 * the strict WordprocessingML namespaces are read. The reader never loads a DTD, never
 * substitutes entities and never touches the network.
 */
#ifndef COPILOT_CORE_DOCX_H
#define COPILOT_CORE_DOCX_H

#include <stddef.h>

#include "../lib/buf.h"
#include "../lib/err.h"

#define DOCX_MAX_XML (20u << 20) /* largest word/document.xml inflated (bytes) */
#define DOCX_MAX_TEXT (4u << 20) /* text beyond this many bytes is dropped */

/* Appends the text of the .docx archive data[0..len) to out (the caller owns and frees out).
 * Returns 0, or ERR_INVALID with a message in e when the archive cannot be read, has no
 * word/document.xml, holds a larger one than DOCX_MAX_XML, or the XML is malformed. On error
 * out may hold a partial text. */
int docx_extract_text(const char *data, size_t len, struct buf *out, struct err *e);

/* Appends the text of the WordprocessingML document xml[0..len) to out as described above.
 * Returns 0 or ERR_INVALID (malformed XML) with e filled. Exposed for tests and fuzzing. */
int docx_xml_text(const char *xml, size_t len, struct buf *out, struct err *e);

#endif
