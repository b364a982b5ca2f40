/* Unit tests for recognising résumé files by content (src/core/filetype.c): magic numbers, the
 * ZIP central directory walk (also over every truncation of a real DOCX), text and Markdown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../fixture.h"

#include "core/filetype.h"

static enum filetype detect(const char *text, const char *name)
{
    return filetype_detect(text, strlen(text), name);
}

static void test_pdf(void **state)
{
    assert_int_equal(detect("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", "a.pdf"), FILETYPE_PDF);
    assert_int_equal(detect("%PDF-", NULL), FILETYPE_PDF);
    assert_int_equal(detect("%PDF-1.4", "resume.txt"), FILETYPE_PDF); /* content wins */
    assert_int_equal(detect("%PDF", "a.pdf"), FILETYPE_TXT);          /* too short: text */
    assert_int_equal(detect(" %PDF-1.4", "a.pdf"), FILETYPE_TXT);     /* not at the start */
    size_t len;
    char *pdf = read_fixture("resume.pdf", &len);
    assert_int_equal(filetype_detect(pdf, len, "x"), FILETYPE_PDF);
    free(pdf);
}

static void test_docx(void **state)
{
    size_t len;
    char *docx = read_fixture("resume.docx", &len);
    assert_int_equal(filetype_detect(docx, len, "resume.pdf"), FILETYPE_DOCX);
    assert_true(filetype_zip_has_entry(docx, len, "word/document.xml"));
    assert_true(filetype_zip_has_entry(docx, len, "[Content_Types].xml"));
    assert_false(filetype_zip_has_entry(docx, len, "word/document.xm"));
    assert_false(filetype_zip_has_entry(docx, len, "word/document.xml2"));
    /* every truncation: no read outside the buffer, never a DOCX (the directory is at the end) */
    for (size_t n = 0; n < len; n++)
        assert_int_not_equal(filetype_detect(docx, n, NULL), FILETYPE_DOCX);
    free(docx);

    char *zip = read_fixture("plain.zip", &len);
    assert_false(filetype_zip_has_entry(zip, len, "word/document.xml"));
    assert_true(filetype_zip_has_entry(zip, len, "readme.txt"));
    assert_int_equal(filetype_detect(zip, len, "resume.docx"), FILETYPE_UNKNOWN);
    free(zip);
}

/* A hand-made archive: one directory entry, then the end record (with an optional comment). */
static size_t make_zip(unsigned char *z, const char *name, uint32_t dir_offset, uint16_t entries,
                       const char *comment)
{
    size_t n = strlen(name), pos = 0;
    memcpy(z, "PK\3\4", 4); /* a local header magic is all the detector reads up front */
    memset(z + 4, 0, 26);
    pos = 30;
    size_t dir = pos;
    memset(z + pos, 0, 46);
    memcpy(z + pos, "PK\1\2", 4);
    z[pos + 28] = (unsigned char)n;
    memcpy(z + pos + 46, name, n);
    pos += 46 + n;
    size_t dir_size = pos - dir;
    memset(z + pos, 0, 22);
    memcpy(z + pos, "PK\5\6", 4);
    z[pos + 10] = (unsigned char)entries;
    z[pos + 12] = (unsigned char)dir_size;
    uint32_t off = dir_offset == UINT32_MAX ? UINT32_MAX : (uint32_t)dir + dir_offset;
    z[pos + 16] = off & 0xFF;
    z[pos + 17] = (off >> 8) & 0xFF;
    z[pos + 18] = (off >> 16) & 0xFF;
    z[pos + 19] = (off >> 24) & 0xFF;
    size_t c = comment ? strlen(comment) : 0;
    z[pos + 20] = (unsigned char)c;
    memcpy(z + pos + 22, comment ? comment : "", c);
    return pos + 22 + c;
}

static void test_zip_walk(void **state)
{
    unsigned char z[512];
    size_t n = make_zip(z, "word/document.xml", 0, 1, NULL);
    assert_int_equal(filetype_detect((char *)z, n, NULL), FILETYPE_DOCX);
    n = make_zip(z, "word/document.xml", 0, 1, "a comment after the end record");
    assert_int_equal(filetype_detect((char *)z, n, NULL), FILETYPE_DOCX);
    /* the directory claims more entries than it holds */
    n = make_zip(z, "other.xml", 0, 5, NULL);
    assert_int_equal(filetype_detect((char *)z, n, NULL), FILETYPE_UNKNOWN);
    /* offsets pointing past the end record, ZIP64 markers */
    n = make_zip(z, "word/document.xml", 200, 1, NULL);
    assert_int_equal(filetype_detect((char *)z, n, NULL), FILETYPE_UNKNOWN);
    n = make_zip(z, "word/document.xml", UINT32_MAX, 1, NULL);
    assert_int_equal(filetype_detect((char *)z, n, NULL), FILETYPE_UNKNOWN);
    /* a name length running past the directory */
    n = make_zip(z, "word/document.xml", 0, 1, NULL);
    z[30 + 28] = 200;
    assert_int_equal(filetype_detect((char *)z, n, NULL), FILETYPE_UNKNOWN);
    assert_int_equal(detect("PK\3\4", NULL), FILETYPE_UNKNOWN);
    assert_false(filetype_zip_has_entry("", 0, "x"));
}

static void test_text(void **state)
{
    assert_int_equal(detect("Jane Doe\nEngineer\n", "cv.txt"), FILETYPE_TXT);
    assert_int_equal(detect("Jane Doe\r\nEngineer\r\n\tTabs\fpage\v", NULL), FILETYPE_TXT);
    assert_int_equal(detect("\xEF\xBB\xBFWith a BOM", NULL), FILETYPE_TXT);
    assert_int_equal(detect("Ünïcödé ✓ 日本語", NULL), FILETYPE_TXT);
    assert_int_equal(detect("Jane Doe", "photo.png"), FILETYPE_TXT);
    /* not text */
    assert_int_equal(filetype_detect("a\0b", 3, NULL), FILETYPE_UNKNOWN);
    assert_int_equal(detect("R\xE9sum\xE9", NULL), FILETYPE_UNKNOWN); /* Latin-1 */
    assert_int_equal(detect("bell\x07", NULL), FILETYPE_UNKNOWN);
    assert_int_equal(detect("esc\x1B[0m", NULL), FILETYPE_UNKNOWN);
    assert_int_equal(detect("del\x7F", NULL), FILETYPE_UNKNOWN);
    assert_int_equal(detect("\x89PNG\r\n\x1A\n", NULL), FILETYPE_UNKNOWN);
    assert_int_equal(detect("\xED\xA0\x80", NULL), FILETYPE_UNKNOWN); /* a surrogate */
    assert_int_equal(detect("", "a.txt"), FILETYPE_UNKNOWN);
    assert_true(filetype_is_text("", 0));
}

static void test_markdown(void **state)
{
    assert_int_equal(detect("# Jane Doe\nEngineer", NULL), FILETYPE_MD);
    assert_int_equal(detect("Intro\n### Experience\n", NULL), FILETYPE_MD);
    assert_int_equal(detect("See [my site](https://example.com)", NULL), FILETYPE_MD);
    assert_int_equal(detect("code:\n```\nx\n```\n", NULL), FILETYPE_MD);
    assert_int_equal(detect("plain", "CV.MD"), FILETYPE_MD);
    assert_int_equal(detect("plain", "cv.markdown"), FILETYPE_MD);
    /* not Markdown */
    assert_int_equal(detect("#hashtag\nC# and F#", NULL), FILETYPE_TXT);
    assert_int_equal(detect("####### seven", NULL), FILETYPE_TXT);
    assert_int_equal(detect("- a bullet\n* another\n", NULL), FILETYPE_TXT);
    assert_int_equal(detect("see [1] (2020)", NULL), FILETYPE_TXT);
    assert_int_equal(detect("plain", "md"), FILETYPE_TXT);
    assert_int_equal(detect("plain", ".md"), FILETYPE_TXT);
}

static void test_names(void **state)
{
    static const struct {
        enum filetype t;
        const char *name, *media;
    } cases[] = {
        {FILETYPE_PDF, "pdf", "application/pdf"},
        {FILETYPE_DOCX, "docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {FILETYPE_TXT, "txt", "text/plain; charset=utf-8"},
        {FILETYPE_MD, "md", "text/markdown; charset=utf-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_string_equal(filetype_name(cases[i].t), cases[i].name);
        assert_int_equal(filetype_from_name(cases[i].name), cases[i].t);
        assert_string_equal(filetype_media_type(cases[i].t), cases[i].media);
    }
    assert_null(filetype_name(FILETYPE_UNKNOWN));
    assert_int_equal(filetype_from_name("exe"), FILETYPE_UNKNOWN);
    assert_int_equal(filetype_from_name(NULL), FILETYPE_UNKNOWN);
    assert_string_equal(filetype_media_type(FILETYPE_UNKNOWN), "application/octet-stream");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf),      cmocka_unit_test(test_docx),
        cmocka_unit_test(test_zip_walk), cmocka_unit_test(test_text),
        cmocka_unit_test(test_markdown), cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
