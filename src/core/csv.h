/*
 * This file implements RFC 4180 CSV over a memory buffer: a reader for imports that reports a
 * malformed record with its number and carries on with the next one, and field/record writers
 * for exports. The reader is byte-transparent (it does not check UTF-8; callers that need text
 * run utf8_valid on the fields) and allocates only its own reusable storage.
 *
 * What the reader accepts: an optional UTF-8 byte order mark at the very start; fields
 * separated by commas; records ended by CRLF, LF or a lone CR, the last one optionally without
 * an end; quoted fields with "" for a quote and commas, CR and LF inside; empty fields
 * ("a,,b", "a," has two fields). Lines with no characters at all are skipped and are not
 * records. Malformed: a quote inside an unquoted field, text after a closing quote, a quote
 * that is never closed, or more than CSV_MAX_FIELDS fields.
 */
#ifndef COPILOT_CORE_CSV_H
#define COPILOT_CORE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/buf.h"
#include "../lib/err.h"

#define CSV_MAX_FIELDS 1024 /* per record; more is reported as malformed (bounds memory) */

/* One parsed record: a view into its reader, valid until the next csv_next_record call or
 * csv_reader_free. */
struct csv_record {
    const char *const *fields; /* count entries, each NUL-terminated */
    const size_t *lengths;     /* byte length of each field (a field may hold NUL bytes) */
    size_t count;              /* >= 1 for a parsed record; 0 after an error */
    long number;               /* 1-based record number (the header, if any, is record 1) */
    long line;                 /* 1-based physical line the record starts on */
};

/* Reader state; the fields are private to csv.c. */
struct csv_reader {
    const char *data; /* borrowed; must outlive the reader */
    size_t len, pos;
    long records;    /* records started so far, good or malformed */
    long line;       /* physical line at pos */
    struct buf text; /* the current record's field bytes, each followed by a NUL */
    size_t *offsets; /* start of each field in text */
    size_t *lengths;
    const char **fields;
    size_t count, cap;
};

/* Starts reading data[0..len) (skipping a leading UTF-8 BOM). data is borrowed. */
void csv_reader_init(struct csv_reader *r, const char *data, size_t len);

/* Releases the reader's storage; every record it returned becomes invalid. */
void csv_reader_free(struct csv_reader *r);

/*
 * Reads the next record into rec. Returns 1 when a record was read, 0 at the end of the data,
 * or ERR_BAD_REQUEST when the next record is malformed: then rec->number and rec->line say
 * which one, rec->count is 0, e (may be NULL) holds "record N (line L): <what>", and the
 * reader has already moved on, so the caller may report it and call again. Recovery resumes
 * after the line on which the error was found; for a quote that is never closed, after the line
 * on which it opened. err_set never overwrites an earlier error, so err_clear(e) between
 * records to collect one message per malformed record.
 */
int csv_next_record(struct csv_reader *r, struct csv_record *rec, struct err *e);

/*
 * Spreadsheet formulas (SPEC part E). A spreadsheet that opens a CSV file runs a cell that
 * starts with '=', '+', '-' or '@' as a formula (and a leading tab or CR can hide one), so
 * every cell the project writes goes through csv_write_field, which neutralises such a cell by
 * prefixing a single quote: "=HYPERLINK(...)" is written '=HYPERLINK(...). The rule, exactly:
 *
 *   a text cell is risky when, after any leading single quotes and spaces, its first
 *   character is one of = + - @ TAB CR; a risky cell is written with one more ' in front.
 *
 * The quotes and spaces are skipped so that the prefix can be undone without loss: the
 * importer calls csv_cell_text, which removes one leading ' exactly when the rest of the cell
 * is risky, so export then import gives back every value unchanged (a value that itself
 * starts with '= is written ''= and reads back as '=).
 *
 * Numbers: a CSV_NUMBER cell that is a plain decimal literal (-?DIGITS, optionally .DIGITS) is
 * written as it is, so a negative amount stays a number in the spreadsheet; such a cell
 * cannot run anything. Any other CSV_NUMBER cell is treated as text. Text cells are always
 * checked, so a text "-5 years" (or "-5") is written '-5 years.
 */
enum csv_cell {
    CSV_TEXT,   /* any text: neutralised when risky */
    CSV_NUMBER, /* a numeric column: a plain number literal is written as it is */
};

/* True when a cell of this kind holding s (not NULL) would be prefixed with '. */
bool csv_formula_risk(const char *s, enum csv_cell kind);

/* The value a CSV cell written by csv_write_field stands for: s + 1 when s is a neutralised
 * cell (one ' before a risky text), s otherwise. The import side of the rule above. */
const char *csv_cell_text(const char *s);

/*
 * Appends s (NULL is "") to b as one CSV field of the given kind: first neutralised (a ' in
 * front when csv_formula_risk), then quoted, with quotes doubled, when it contains a comma,
 * quote, CR or LF or begins or ends with a space or tab; verbatim otherwise. Text that is not
 * valid UTF-8 is written through utf8_repair (each byte that starts no valid sequence as
 * U+FFFD), so the file is always valid UTF-8. The one writer of a cell: every CSV the project
 * produces goes through it.
 */
void csv_write_field(struct buf *b, const char *s, enum csv_cell kind);

/* Appends the n fields (NULL entries are "") separated by commas and ended by CRLF; kinds[i]
 * is field i's kind (kinds NULL: all CSV_TEXT). A record of one empty field is written as ""
 * so that it does not read back as a skipped blank line. */
void csv_write_record(struct buf *b, const char *const *fields, const enum csv_cell *kinds,
                      size_t n);

#endif
