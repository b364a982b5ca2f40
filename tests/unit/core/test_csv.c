/*
 * This file tests src/core/csv.c: the RFC 4180 cases (quotes, escaped quotes, commas and
 * newlines inside quotes, CRLF, BOM, a last record without newline, empty fields), malformed
 * records reported with their number while the rest is read, a generated 10,000-row file, and
 * the writer, including a write-then-read round trip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/csv.h"

/* Reads every record of text and renders them as "a|b|c\n" lines, malformed ones as
 * "!N\n" (N = record number); returns the rendering (free it). */
static char *render(const char *text, size_t len)
{
    struct csv_reader r;
    csv_reader_init(&r, text, len);
    struct buf out;
    buf_init(&out);
    buf_append(&out, "", 0);
    struct csv_record rec;
    int rc;
    struct err e = {0};
    while ((rc = csv_next_record(&r, &rec, &e)) != 0) {
        if (rc < 0) {
            assert_int_equal(rc, ERR_BAD_REQUEST);
            buf_printf(&out, "!%ld\n", rec.number);
            err_clear(&e);
            continue;
        }
        for (size_t i = 0; i < rec.count; i++) {
            buf_puts(&out, i ? "|" : "");
            buf_append(&out, rec.fields[i], rec.lengths[i]);
        }
        buf_putc(&out, '\n');
    }
    csv_reader_free(&r);
    return buf_steal(&out);
}

static void expect_csv(const char *text, const char *want)
{
    char *got = render(text, strlen(text));
    if (strcmp(got, want) != 0)
        fail_msg("parsing [%s]\ngot  [%s]\nwant [%s]", text, got, want);
    free(got);
}

static void test_simple(void **state)
{
    expect_csv("a,b,c\n1,2,3\n", "a|b|c\n1|2|3\n");
    expect_csv("a,b,c\n1,2,3", "a|b|c\n1|2|3\n"); /* last line without newline */
    expect_csv("single", "single\n");
    expect_csv("", "");
    expect_csv("  spaced , kept  ", "  spaced | kept  \n");
}

static void test_line_ends(void **state)
{
    expect_csv("a,b\r\n1,2\r\n", "a|b\n1|2\n");
    expect_csv("a,b\r1,2\r", "a|b\n1|2\n"); /* old Mac */
    expect_csv("a,b\r\n1,2\n3,4\r5,6", "a|b\n1|2\n3|4\n5|6\n");
    expect_csv("a\n\n\r\n\nb\n", "a\nb\n"); /* blank lines are not records */
}

static void test_empty_fields(void **state)
{
    expect_csv(",,\n", "||\n");
    expect_csv("a,\n", "a|\n");
    expect_csv(",a", "|a\n");
    expect_csv("a,,b", "a||b\n");
    expect_csv("\"\",\"\"\n", "|\n");
}

static void test_quoted(void **state)
{
    expect_csv("\"a\",\"b,c\",d\n", "a|b,c|d\n");
    expect_csv("\"say \"\"hi\"\"\",x\n", "say \"hi\"|x\n");
    expect_csv("\"\"\"\"\n", "\"\n");
    expect_csv("\"line1\nline2\",x\ny,z\n", "line1\nline2|x\ny|z\n");
    expect_csv("\"crlf\r\ninside\",x\r\n", "crlf\r\ninside|x\n");
    expect_csv("\"a\"", "a\n");
    expect_csv("\"a\",", "a|\n");
}

static void test_bom(void **state)
{
    expect_csv("\xEF\xBB\xBFname,title\nAcme,Engineer\n", "name|title\nAcme|Engineer\n");
    expect_csv("\xEF\xBB\xBF", "");
    /* a BOM anywhere else is data */
    expect_csv("a\n\xEF\xBB\xBF"
               "b\n",
               "a\n\xEF\xBB\xBF"
               "b\n");
}

static void test_record_numbers_and_lines(void **state)
{
    const char *text = "h1,h2\n\n\"multi\nline\",x\nlast,y\n";
    struct csv_reader r;
    csv_reader_init(&r, text, strlen(text));
    struct csv_record rec;
    assert_int_equal(csv_next_record(&r, &rec, NULL), 1);
    assert_int_equal(rec.number, 1);
    assert_int_equal(rec.line, 1);
    assert_int_equal(csv_next_record(&r, &rec, NULL), 1);
    assert_int_equal(rec.number, 2);
    assert_int_equal(rec.line, 3);
    assert_int_equal(rec.count, 2);
    assert_string_equal(rec.fields[0], "multi\nline");
    assert_int_equal(rec.lengths[0], 10);
    assert_int_equal(csv_next_record(&r, &rec, NULL), 1);
    assert_int_equal(rec.number, 3);
    assert_int_equal(rec.line, 5);
    assert_int_equal(csv_next_record(&r, &rec, NULL), 0);
    assert_int_equal(csv_next_record(&r, &rec, NULL), 0); /* stays at the end */
    csv_reader_free(&r);
}

static void test_malformed_in_middle(void **state)
{
    /* stray quote, text after quote, then good rows */
    expect_csv("a,b\n1,x\"y\n2,3\n\"q\"z,4\n5,6\n", "a|b\n!2\n2|3\n!4\n5|6\n");
    /* an unclosed quote resumes after the line it opened on */
    expect_csv("a,b\n1,\"open\n2,3\n4,5\n", "a|b\n!2\n2|3\n4|5\n");
    /* a malformed last record without newline */
    expect_csv("a,b\n1,2\"", "a|b\n!2\n");
    /* a malformed first record */
    expect_csv("x\"y\na\n", "!1\na\n");
}

static void test_malformed_messages(void **state)
{
    const char *text = "ok\n\"multi\nline\"junk\nnext\n";
    struct csv_reader r;
    csv_reader_init(&r, text, strlen(text));
    struct csv_record rec;
    struct err e = {0};
    assert_int_equal(csv_next_record(&r, &rec, &e), 1);
    assert_int_equal(csv_next_record(&r, &rec, &e), ERR_BAD_REQUEST);
    assert_int_equal(rec.number, 2);
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.count, 0);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    assert_string_equal(e.message, "record 2 (line 2): text after a closing quote");
    err_clear(&e);
    assert_int_equal(csv_next_record(&r, &rec, &e), 1);
    assert_int_equal(rec.number, 3);
    assert_int_equal(rec.line, 4);
    assert_string_equal(rec.fields[0], "next");
    assert_int_equal(csv_next_record(&r, &rec, &e), 0);
    assert_int_equal(e.code, ERR_OK);
    csv_reader_free(&r);

    text = "a,\"never closed\nb\n";
    csv_reader_init(&r, text, strlen(text));
    assert_int_equal(csv_next_record(&r, &rec, &e), ERR_BAD_REQUEST);
    assert_string_equal(e.message, "record 1 (line 1): quoted field is never closed");
    err_clear(&e);
    assert_int_equal(csv_next_record(&r, &rec, &e), 1);
    assert_string_equal(rec.fields[0], "b");
    assert_int_equal(rec.line, 2);
    csv_reader_free(&r);

    text = "a\"b\n";
    csv_reader_init(&r, text, strlen(text));
    assert_int_equal(csv_next_record(&r, &rec, &e), ERR_BAD_REQUEST);
    assert_string_equal(e.message, "record 1 (line 1): quote inside an unquoted field");
    csv_reader_free(&r);
}

static void test_too_many_fields(void **state)
{
    struct buf text;
    buf_init(&text);
    for (int i = 0; i < CSV_MAX_FIELDS; i++)
        buf_puts(&text, i ? ",x" : "x");
    buf_puts(&text, "\n");
    for (int i = 0; i <= CSV_MAX_FIELDS; i++)
        buf_puts(&text, i ? ",x" : "x");
    buf_puts(&text, "\nend\n");
    struct csv_reader r;
    csv_reader_init(&r, text.data, text.len);
    struct csv_record rec;
    struct err e = {0};
    assert_int_equal(csv_next_record(&r, &rec, &e), 1);
    assert_int_equal(rec.count, CSV_MAX_FIELDS);
    assert_int_equal(csv_next_record(&r, &rec, &e), ERR_BAD_REQUEST);
    assert_string_equal(e.message, "record 2 (line 2): too many fields");
    assert_int_equal(csv_next_record(&r, &rec, &e), 1);
    assert_string_equal(rec.fields[0], "end");
    csv_reader_free(&r);
    buf_free(&text);
}

static void test_nul_byte_in_field(void **state)
{
    static const char text[] = "a\0b,c\n";
    struct csv_reader r;
    csv_reader_init(&r, text, sizeof text - 1);
    struct csv_record rec;
    assert_int_equal(csv_next_record(&r, &rec, NULL), 1);
    assert_int_equal(rec.count, 2);
    assert_int_equal(rec.lengths[0], 3);
    assert_memory_equal(rec.fields[0], "a\0b", 4);
    csv_reader_free(&r);
}

#define BIG_ROWS 10000

/* Row i as the writer should produce and the reader should return it. */
static void big_row(int i, char id[16], char company[64], char notes[64])
{
    snprintf(id, 16, "%d", i);
    snprintf(company, 64, i % 7 == 0 ? "Acme, Inc. #%d" : "Company %d", i);
    snprintf(notes, 64, i % 5 == 0 ? "said \"hi\"\non line %d" : "plain %d", i);
}

static void test_ten_thousand_rows(void **state)
{
    struct buf text;
    buf_init(&text);
    buf_puts(&text, "\xEF\xBB\xBFid,company,notes,empty\r\n");
    for (int i = 0; i < BIG_ROWS; i++) {
        char id[16], company[64], notes[64];
        big_row(i, id, company, notes);
        const char *fields[] = {id, company, notes, ""};
        csv_write_record(&text, fields, NULL, 4);
    }
    struct csv_reader r;
    csv_reader_init(&r, text.data, text.len);
    struct csv_record rec;
    assert_int_equal(csv_next_record(&r, &rec, NULL), 1);
    assert_string_equal(rec.fields[0], "id");
    int rows = 0, rc;
    while ((rc = csv_next_record(&r, &rec, NULL)) == 1) {
        char id[16], company[64], notes[64];
        big_row(rows, id, company, notes);
        assert_int_equal(rec.count, 4);
        assert_string_equal(rec.fields[0], id);
        assert_string_equal(rec.fields[1], company);
        assert_string_equal(rec.fields[2], notes);
        assert_string_equal(rec.fields[3], "");
        assert_int_equal(rec.number, rows + 2);
        rows++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(rows, BIG_ROWS);
    /* every fifth row spans two lines */
    assert_int_equal(r.line, 1 + BIG_ROWS + BIG_ROWS / 5 + 1);
    csv_reader_free(&r);
    buf_free(&text);
}

static void expect_cell(const char *in, enum csv_cell kind, const char *want)
{
    struct buf b;
    buf_init(&b);
    buf_append(&b, "", 0);
    csv_write_field(&b, in, kind);
    buf_append(&b, "", 1);
    assert_string_equal(b.data, want);
    buf_free(&b);
}

static void expect_field(const char *in, const char *want)
{
    expect_cell(in, CSV_TEXT, want);
}

static void test_write_field(void **state)
{
    expect_field("plain", "plain");
    expect_field("", "");
    expect_field(NULL, "");
    expect_field("a,b", "\"a,b\"");
    expect_field("say \"hi\"", "\"say \"\"hi\"\"\"");
    expect_field("two\nlines", "\"two\nlines\"");
    expect_field("cr\rhere", "\"cr\rhere\"");
    expect_field(" lead", "\" lead\"");
    expect_field("trail\t", "\"trail\t\"");
    expect_field("in side", "in side");
    expect_field("Zürich", "Zürich");
}

/* Text that is not valid UTF-8 (raw SQL can leave it in SQLite) is written with U+FFFD for each
 * byte that starts no valid sequence, as the JSON answers read it: the file is valid UTF-8. */
static void test_write_field_invalid_utf8(void **state)
{
    expect_field("f\xFFo", "f\xEF\xBF\xBDo");
    expect_field("Job\xC3", "Job\xEF\xBF\xBD");
    expect_field("no\xC0\xAFt", "no\xEF\xBF\xBD\xEF\xBF\xBDt");
    expect_field("a,\xFF", "\"a,\xEF\xBF\xBD\"");
    expect_field("=\xFF", "'=\xEF\xBF\xBD");
    expect_cell("1\xFF", CSV_NUMBER, "1\xEF\xBF\xBD");
}

/* SPEC part E: a cell starting with = + - @ TAB or CR is written with a ' in front. */
static void test_formula_neutralised(void **state)
{
    expect_field("=HYPERLINK(\"http://evil.example/\",\"x\")",
                 "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"");
    expect_field("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0");
    expect_field("@SUM(1+1)", "'@SUM(1+1)");
    expect_field("-2+3", "'-2+3");
    expect_field("-5 years", "'-5 years");
    expect_field("-5", "'-5"); /* a text cell: always checked */
    expect_field("\tcalc", "\"'\tcalc\"");
    expect_field("\r=1+1", "\"'\r=1+1\"");
    expect_field("=1,2", "\"'=1,2\"");
    /* behind leading spaces or quotes it is still a formula start */
    expect_field(" =1+1", "\"' =1+1\"");
    expect_field("'=1+1", "''=1+1");
    /* harmless cells stay as they are */
    expect_field("a=b", "a=b");
    expect_field("x-1", "x-1");
    expect_field("'quoted'", "'quoted'");
    expect_field("'", "'");
    expect_field("email@example.com", "email@example.com");
    expect_field("[\"=cmd\"]", "\"[\"\"=cmd\"\"]\"");
}

/* Numeric columns: a plain number literal is written as a number, even when negative;
 * anything else in a numeric column is checked like text. */
static void test_number_cells(void **state)
{
    expect_cell("-1", CSV_NUMBER, "-1");
    expect_cell("-12.50", CSV_NUMBER, "-12.50");
    expect_cell("120000", CSV_NUMBER, "120000");
    expect_cell("", CSV_NUMBER, "");
    expect_cell("-1+2", CSV_NUMBER, "'-1+2");
    expect_cell("-", CSV_NUMBER, "'-");
    expect_cell("-1.", CSV_NUMBER, "'-1.");
    expect_cell("+1", CSV_NUMBER, "'+1");
    expect_cell("=1", CSV_NUMBER, "'=1");
    assert_false(csv_formula_risk("-3", CSV_NUMBER));
    assert_true(csv_formula_risk("-3", CSV_TEXT));
}

/* What the importer reads back: exactly the value before neutralisation, for every value. */
static void test_neutralised_roundtrip(void **state)
{
    const char *values[] = {"=1+1", "'=1+1", "''=1+1", "' =x",  "+a", "-b",  "@c", "\td",  "\re",
                            "'",    "''",    "'plain", "plain", "",   " =x", "-5", "a'=b", "'-"};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        struct buf b;
        buf_init(&b);
        const char *fields[] = {values[i], "x"};
        csv_write_record(&b, fields, NULL, 2);
        struct csv_reader r;
        csv_reader_init(&r, b.data, b.len);
        struct csv_record rec;
        assert_int_equal(csv_next_record(&r, &rec, NULL), 1);
        char first = rec.fields[0][0]; /* never a formula start in the file */
        assert_true(first == '\0' || strchr("=+-@\t\r", first) == NULL);
        assert_string_equal(csv_cell_text(rec.fields[0]), values[i]);
        csv_reader_free(&r);
        buf_free(&b);
    }
    /* a cell a person wrote with a quote before a formula loses that one quote */
    assert_string_equal(csv_cell_text("'=x"), "=x");
    assert_string_equal(csv_cell_text("'x"), "'x");
}

static void test_write_read_roundtrip(void **state)
{
    const char *fields[] = {"", "a,b", "\"", "x\r\ny", " pad ", NULL, "last"};
    struct buf b;
    buf_init(&b);
    csv_write_record(&b, fields, NULL, 7);
    csv_write_record(&b, fields, NULL, 1);
    struct csv_reader r;
    csv_reader_init(&r, b.data, b.len);
    struct csv_record rec;
    assert_int_equal(csv_next_record(&r, &rec, NULL), 1);
    assert_int_equal(rec.count, 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(rec.fields[i], fields[i] ? fields[i] : "");
    /* a record of one empty field is written as "", not as a blank line (which is skipped) */
    assert_int_equal(csv_next_record(&r, &rec, NULL), 1);
    assert_int_equal(rec.count, 1);
    assert_string_equal(rec.fields[0], "");
    assert_int_equal(csv_next_record(&r, &rec, NULL), 0);
    csv_reader_free(&r);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_empty_fields),
        cmocka_unit_test(test_quoted),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_record_numbers_and_lines),
        cmocka_unit_test(test_malformed_in_middle),
        cmocka_unit_test(test_malformed_messages),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_nul_byte_in_field),
        cmocka_unit_test(test_ten_thousand_rows),
        cmocka_unit_test(test_write_field),
        cmocka_unit_test(test_write_field_invalid_utf8),
        cmocka_unit_test(test_write_read_roundtrip),
        cmocka_unit_test(test_formula_neutralised),
        cmocka_unit_test(test_number_cells),
        cmocka_unit_test(test_neutralised_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
