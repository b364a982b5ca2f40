/*
 * Fuzzes the DOCX text walker (src/core/docx.c). An input that starts with "PK" is a whole
 * archive for docx_extract_text (libzip from memory, the size caps, then the XML); any other
 * input is a word/document.xml for docx_xml_text, libxml2's reader over WordprocessingML.
 * Properties: the answer is 0 or ERR_INVALID with a message; the text never passes
 * DOCX_MAX_TEXT bytes; nothing is read from outside the input (no DTD, no entities, no network:
 * libxml2 never asks its external entity loader for anything, seed "xxe" included).
 */
#include "fuzz.h"

#include <libxml/parserInternals.h>

#include "core/docx.h"

/* libxml2's loader of whatever lies outside the document (an external DTD or entity, by file or
 * network): the harness's own counts the calls and loads nothing. A content check ("the text of
 * /etc/passwd never appears") cannot be exact: the fuzzer joined "root" and ":" from two text
 * runs of an input that holds no "root:". */
static unsigned outside_loads;

static xmlParserInputPtr load_nothing(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url, (void)id, (void)ctxt;
    outside_loads++;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xmlSetExternalEntityLoader(load_nothing);
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    int rc;
    if (size >= 2 && data[0] == 'P' && data[1] == 'K')
        rc = docx_extract_text((const char *)data, size, &out, &e);
    else
        rc = docx_xml_text((const char *)data, size, &out, &e);
    FUZZ_CHECK(rc == 0 || (rc == ERR_INVALID && e.message[0] != '\0'));
    FUZZ_CHECK(out.len <= DOCX_MAX_TEXT + 8);
    FUZZ_CHECK(outside_loads == 0);
    buf_free(&out);
    return 0;
}
