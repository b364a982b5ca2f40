/*
 * Fuzzes the DOCX text walker (src/core/docx.c). An input that starts with "PK" is a whole
 * archive for docx_extract_text (libzip from memory, the size caps, then the XML); any other
 * input is a word/document.xml for docx_xml_text, libxml2's reader over WordprocessingML.
 * Properties: the answer is 0 or ERR_INVALID with a message; the text never passes
 * DOCX_MAX_TEXT bytes; nothing is read from outside the input (no DTD, no entities, no network:
 * an XML that declares an external entity gives no text from it).
 */
#include "fuzz.h"

#include "core/docx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
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
    /* the entity of the seed "xxe" names /etc/passwd: its text must never appear unless the
     * input holds it itself */
    if (out.len && memmem(data, size, "root:", 5) == NULL)
        FUZZ_CHECK(memmem(out.data, out.len, "root:", 5) == NULL);
    buf_free(&out);
    return 0;
}
