/* This file implements DOCX text extraction from memory (docx.h) with libzip and libxml2. */
#include "docx.h"

#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <zip.h>

static const char *const word_namespaces[] = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
    NULL,
};
static const char markup_compatibility[] =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* libxml2 must be initialised once before threads use it. */
static void init_xml(void)
{
    xmlInitParser();
}

/* Keeps libxml2 quiet: a malformed document is reported through the return value. */
static void on_xml_error(void *ctx, xmlErrorPtr error) {}

static bool in_word_namespace(const xmlChar *uri)
{
    for (const char *const *ns = word_namespaces; uri && *ns; ns++)
        if (strcmp((const char *)uri, *ns) == 0)
            return true;
    return false;
}

/* Appends s[0..n) to out unless that would pass DOCX_MAX_TEXT. Returns false once full. */
static bool put(struct buf *out, const char *s, size_t n)
{
    if (out->len + n > DOCX_MAX_TEXT)
        return false;
    buf_append(out, s, n);
    return true;
}

/* What an opening Word element contributes to the text: "" for none, or its character. */
static const char *element_text(const char *name)
{
    if (strcmp(name, "tab") == 0)
        return "\t";
    if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0)
        return "\n";
    if (strcmp(name, "noBreakHyphen") == 0)
        return "-";
    return "";
}

int docx_xml_text(const char *xml, size_t len, struct buf *out, struct err *e)
{
    pthread_once(&xml_once, init_xml);
    if (len > (size_t)INT32_MAX)
        return err_set(e, ERR_INVALID, NULL, "the document is too large");
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    xmlTextReaderPtr reader = xmlReaderForMemory(xml, (int)len, NULL, NULL, options);
    if (reader == NULL)
        return err_set(e, ERR_INVALID, NULL, "the document XML cannot be read");
    xmlTextReaderSetStructuredErrorHandler(reader, on_xml_error, NULL);
    int text_depth = -1; /* depth of the open w:t element, -1 outside one */
    int skip_depth = -1; /* depth of the mc:Fallback being skipped, -1 when none */
    bool room = true;
    int ret = 1;
    while (room && (ret = xmlTextReaderRead(reader)) == 1) {
        int type = xmlTextReaderNodeType(reader);
        int depth = xmlTextReaderDepth(reader);
        const char *name = (const char *)xmlTextReaderConstLocalName(reader);
        const xmlChar *uri = xmlTextReaderConstNamespaceUri(reader);
        if (skip_depth >= 0) {
            if (type == XML_READER_TYPE_END_ELEMENT && depth == skip_depth)
                skip_depth = -1;
            continue;
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            bool empty = xmlTextReaderIsEmptyElement(reader);
            if (uri && name && strcmp((const char *)uri, markup_compatibility) == 0 &&
                strcmp(name, "Fallback") == 0) {
                if (!empty)
                    skip_depth = depth;
                continue;
            }
            if (!in_word_namespace(uri) || name == NULL)
                continue;
            if (strcmp(name, "t") == 0 && !empty)
                text_depth = depth;
            else if (strcmp(name, "p") == 0 && empty)
                room = put(out, "\n", 1);
            else
                room = put(out, element_text(name), strlen(element_text(name)));
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (!in_word_namespace(uri) || name == NULL)
                continue;
            if (strcmp(name, "t") == 0)
                text_depth = -1;
            else if (strcmp(name, "p") == 0)
                room = put(out, "\n", 1);
        } else if (text_depth >= 0 &&
                   (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE)) {
            const char *value = (const char *)xmlTextReaderConstValue(reader);
            if (value)
                room = put(out, value, strlen(value));
        }
    }
    int rc = 0;
    if (room && ret != 0)
        rc = err_set(e, ERR_INVALID, NULL, "the document XML is malformed");
    xmlFreeTextReader(reader);
    return rc;
}

/* Reads the archive's word/document.xml into xml (at most DOCX_MAX_XML bytes). */
static int read_document(zip_t *archive, struct buf *xml, struct err *e)
{
    zip_int64_t index = zip_name_locate(archive, "word/document.xml", 0);
    if (index < 0)
        return err_set(e, ERR_INVALID, NULL, "the archive has no word/document.xml");
    zip_stat_t st;
    if (zip_stat_index(archive, (zip_uint64_t)index, 0, &st) != 0)
        return err_set(e, ERR_INVALID, NULL, "word/document.xml cannot be read");
    if ((st.valid & ZIP_STAT_SIZE) && st.size > DOCX_MAX_XML)
        return err_set(e, ERR_INVALID, NULL, "word/document.xml is larger than %u MiB",
                       DOCX_MAX_XML >> 20);
    zip_file_t *file = zip_fopen_index(archive, (zip_uint64_t)index, 0);
    if (file == NULL)
        return err_set(e, ERR_INVALID, NULL, "word/document.xml cannot be opened (encrypted?)");
    int rc = 0;
    char chunk[65536];
    for (;;) {
        zip_int64_t n = zip_fread(file, chunk, sizeof chunk);
        if (n < 0) {
            rc = err_set(e, ERR_INVALID, NULL, "word/document.xml is damaged");
            break;
        }
        if (n == 0)
            break;
        if (xml->len + (size_t)n > DOCX_MAX_XML) {
            rc = err_set(e, ERR_INVALID, NULL, "word/document.xml is larger than %u MiB",
                         DOCX_MAX_XML >> 20);
            break;
        }
        buf_append(xml, chunk, (size_t)n);
    }
    zip_fclose(file);
    return rc;
}

int docx_extract_text(const char *data, size_t len, struct buf *out, struct err *e)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *source = zip_source_buffer_create(data, len, 0, &zerr);
    if (source == NULL) {
        zip_error_fini(&zerr);
        return err_set(e, ERR_INVALID, NULL, "the DOCX archive cannot be read");
    }
    zip_t *archive = zip_open_from_source(source, ZIP_RDONLY, &zerr);
    if (archive == NULL) {
        zip_source_free(source);
        zip_error_fini(&zerr);
        return err_set(e, ERR_INVALID, NULL, "the DOCX archive is damaged");
    }
    struct buf xml;
    buf_init(&xml);
    int rc = read_document(archive, &xml, e);
    if (rc == 0)
        rc = docx_xml_text(xml.data ? xml.data : "", xml.len, out, e);
    buf_free(&xml);
    zip_discard(archive); /* frees the source too */
    zip_error_fini(&zerr);
    return rc;
}
