/* Unit tests for DOCX text extraction (src/core/docx.c): the WordprocessingML walk over XML
 * buffers (runs, paragraphs, tabs, breaks, deleted text, alternate content, namespaces,
 * entities, malformed input, the output cap) and whole archives from tests/fixtures (a real
 * document, broken XML, a zip bomb, a ZIP without a document, every truncation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../fixture.h"

#include "core/docx.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* Walks xml and compares the text with expected (rc 0 expected). */
static void expect_text(const char *xml, const char *expected)
{
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    assert_int_equal(docx_xml_text(xml, strlen(xml), &out, &e), 0);
    assert_string_equal(out.data ? out.data : "", expected);
    buf_free(&out);
}

static int walk_rc(const char *xml)
{
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    int rc = docx_xml_text(xml, strlen(xml), &out, &e);
    if (rc)
        assert_true(strlen(e.message) > 0);
    buf_free(&out);
    return rc;
}

static void test_runs_and_paragraphs(void **state)
{
    expect_text("<w:document " W "><w:body>"
                "<w:p><w:r><w:t>Jane</w:t></w:r><w:r><w:t xml:space=\"preserve\"> Q. </w:t></w:r>"
                "<w:r><w:rPr><w:b/></w:rPr><w:t>Doe</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>Line</w:t><w:br/><w:t>break</w:t><w:tab/><w:t>tab</w:t></w:r></w:p>"
                "<w:p/>"
                "<w:p><w:r><w:t>non</w:t><w:noBreakHyphen/><w:t>breaking</w:t><w:cr/></w:r></w:p>"
                "</w:body></w:document>",
                "Jane Q. Doe\nLine\nbreak\ttab\n\nnon-breaking\n\n");
}

static void test_left_out(void **state)
{
    /* deleted text, field codes, properties and the fallback copy of alternate content */
    expect_text(
        "<w:document " W
        " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>"
        "<w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:t>kept</w:t></w:r></w:p>"
        "<w:p><w:r><w:instrText> HYPERLINK \"x\" "
        "</w:instrText></w:r><w:r><w:t>link</w:t></w:r></w:p>"
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent><w:p><w:r>"
        "<w:t>box</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:pict><w:p><w:r>"
        "<w:t>box again</w:t></w:r></w:p></w:pict></mc:Fallback></mc:AlternateContent>"
        "<w:t>after</w:t></w:r></w:p>"
        "<w:p><w:r><mc:Fallback/><w:t>empty fallback</w:t></w:r></w:p>"
        "</w:body></w:document>",
        "kept\nlink\nbox\nafter\nempty fallback\n");
}

static void test_namespaces(void **state)
{
    /* the prefix does not matter, the namespace does; strict OOXML is read too */
    expect_text("<x:document xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
                "main\"><x:body><x:p><x:r><x:t>prefix x</x:t></x:r></x:p></x:body></x:document>",
                "prefix x\n");
    expect_text("<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\">"
                "<w:body><w:p><w:r><w:t>strict</w:t></w:r></w:p></w:body></w:document>",
                "strict\n");
    expect_text("<w:document xmlns:w=\"urn:other\"><w:p><w:t>elsewhere</w:t></w:p></w:document>",
                "");
    expect_text("<document><p><t>no namespace</t></p></document>", "");
}

static void test_entities_and_encoding(void **state)
{
    expect_text("<w:document " W "><w:p><w:r><w:t>R&amp;D &lt;C&gt; &#8211; caf&#xE9;"
                "</w:t></w:r></w:p></w:document>",
                "R&D <C> \xE2\x80\x93 caf\xC3\xA9\n");
    expect_text("<w:document " W "><w:p><w:r><w:t><![CDATA[a < b]]></w:t></w:r></w:p>"
                "</w:document>",
                "a < b\n");
    /* no external entity is ever loaded */
    char xml[512];
    snprintf(xml, sizeof xml,
             "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
             "<w:document " W "><w:p><w:r><w:t>a&x;b</w:t></w:r></w:p></w:document>");
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    docx_xml_text(xml, strlen(xml), &out, &e);
    assert_null(out.data ? strstr(out.data, "root:") : NULL);
    buf_free(&out);
    /* nor are internal entities expanded into a billion laughs */
    const char *laughs = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">"
                         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c "
                         "\"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                         "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e "
                         "\"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                         "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g "
                         "\"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
                         "]><w:document " W "><w:p><w:r><w:t>&g;</w:t></w:r></w:p></w:document>";
    buf_init(&out);
    docx_xml_text(laughs, strlen(laughs), &out, &e);
    assert_true(out.len < 4096);
    buf_free(&out);
}

static void test_malformed(void **state)
{
    assert_int_equal(walk_rc("<w:document " W "><w:p><w:t>open"), ERR_INVALID);
    assert_int_equal(walk_rc("<w:document " W "></w:p></w:document>"), ERR_INVALID);
    assert_int_equal(walk_rc("not xml at all"), ERR_INVALID);
    assert_int_equal(walk_rc(""), ERR_INVALID);
    assert_int_equal(walk_rc("<a>\xFF\xFE</a>"), ERR_INVALID);
}

static void test_text_cap(void **state)
{
    /* one run longer than DOCX_MAX_TEXT: the text stops at the cap, without an error */
    size_t n = DOCX_MAX_TEXT + 1000;
    const char *head = "<w:document " W "><w:p><w:r><w:t>";
    const char *tail = "</w:t></w:r></w:p><w:p><w:r><w:t>more</w:t></w:r></w:p></w:document>";
    size_t len = strlen(head) + n + strlen(tail);
    char *xml = malloc(len + 1);
    strcpy(xml, head);
    memset(xml + strlen(head), 'x', n);
    strcpy(xml + strlen(head) + n, tail);
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    assert_int_equal(docx_xml_text(xml, len, &out, &e), 0);
    assert_true(out.len <= DOCX_MAX_TEXT);
    buf_free(&out);
    free(xml);
}

static void test_archives(void **state)
{
    size_t len;
    char *docx = read_fixture("resume.docx", &len);
    struct buf out;
    buf_init(&out);
    struct err e = {0};
    assert_int_equal(docx_extract_text(docx, len, &out, &e), 0);
    assert_non_null(strstr(out.data, "Jane Q. Doe\nSenior Backend Engineer\n"));
    assert_non_null(strstr(out.data, "jane.doe@example.com\t+1 (555) 123-4567\nlinkedin"));
    assert_non_null(strstr(out.data, "Jan 2020 \xE2\x80\x93 Present"));
    assert_non_null(strstr(out.data, "on Kubernetes and AWS."));
    assert_null(strstr(out.data, "deleted words"));
    assert_non_null(strstr(out.data, "M.Sc. Computer Science\nTechnical University of Berlin"));
    buf_free(&out);

    /* every truncation fails cleanly (the central directory is at the end) */
    for (size_t n = 0; n < len; n += 7) {
        buf_init(&out);
        struct err te = {0};
        assert_int_equal(docx_extract_text(docx, n, &out, &te), ERR_INVALID);
        buf_free(&out);
    }
    free(docx);

    static const struct {
        const char *name, *message;
    } bad[] = {
        {"broken.docx", "malformed"},
        {"bomb.docx", "larger than 20 MiB"},
        {"plain.zip", "no word/document.xml"},
        {"resume.pdf", "DOCX archive"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *data = read_fixture(bad[i].name, &len);
        buf_init(&out);
        struct err be = {0};
        assert_int_equal(docx_extract_text(data, len, &out, &be), ERR_INVALID);
        if (strstr(be.message, bad[i].message) == NULL)
            fail_msg("%s: %s", bad[i].name, be.message);
        buf_free(&out);
        free(data);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_and_paragraphs),
        cmocka_unit_test(test_left_out),
        cmocka_unit_test(test_namespaces),
        cmocka_unit_test(test_entities_and_encoding),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_text_cap),
        cmocka_unit_test(test_archives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
