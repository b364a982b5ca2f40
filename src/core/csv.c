/*
 * This file implements the CSV reader and writers of csv.h. The reader is a small state
 * machine run one field at a time: a field is quoted or unquoted, and what follows it decides
 * whether the record goes on (comma), ends (newline or end of data) or is malformed. The field
 * bytes of a record go into one reusable buffer; pointers into it are fixed up only when the
 * record is complete, because the buffer may move while it grows.
 */
#include "csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/xalloc.h"
#include "utf8.h"

/* What happened after one field. */
enum step {
    STEP_NEXT_FIELD,
    STEP_RECORD_END,
    STEP_STRAY_QUOTE,      /* a quote inside an unquoted field */
    STEP_TEXT_AFTER_QUOTE, /* "abc"x */
    STEP_UNTERMINATED,     /* a quote never closed */
    STEP_TOO_MANY_FIELDS,
};

/* ------------------------------------------------------------------ reader set-up */

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
    memset(r, 0, sizeof *r);
    r->data = data;
    r->len = len;
    r->line = 1;
    buf_init(&r->text);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
}

void csv_reader_free(struct csv_reader *r)
{
    buf_free(&r->text);
    free(r->offsets);
    free(r->lengths);
    free(r->fields);
    r->offsets = r->lengths = NULL;
    r->fields = NULL;
    r->count = r->cap = 0;
}

/* ------------------------------------------------------------------ low-level scanning */

static bool at_newline(const struct csv_reader *r)
{
    return r->pos < r->len && (r->data[r->pos] == '\n' || r->data[r->pos] == '\r');
}

/* Consumes one CRLF, LF or lone CR at pos. */
static void consume_newline(struct csv_reader *r)
{
    if (r->data[r->pos] == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n')
        r->pos++;
    r->pos++;
    r->line++;
}

/* Counts the line ends (CRLF, LF, lone CR) in s[0..n), a stretch of quoted field text. */
static long count_lines(const char *s, size_t n)
{
    long lines = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
            lines++;
    return lines;
}

/* Moves pos past the end of the current physical line (or to the end of the data). */
static void skip_line(struct csv_reader *r)
{
    while (r->pos < r->len && !at_newline(r))
        r->pos++;
    if (r->pos < r->len)
        consume_newline(r);
}

/* ------------------------------------------------------------------ fields */

static void begin_field(struct csv_reader *r)
{
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->offsets = xrealloc(r->offsets, r->cap * sizeof *r->offsets);
        r->lengths = xrealloc(r->lengths, r->cap * sizeof *r->lengths);
        r->fields = xrealloc(r->fields, r->cap * sizeof *r->fields);
    }
    r->offsets[r->count] = r->text.len;
}

static void end_field(struct csv_reader *r)
{
    r->lengths[r->count] = r->text.len - r->offsets[r->count];
    buf_append(&r->text, "", 1); /* the NUL that ends the field */
    r->count++;
}

/* Decides what follows a field at pos: a comma, a record end, or (malformed) anything else. */
static enum step after_field(struct csv_reader *r)
{
    if (r->pos >= r->len)
        return STEP_RECORD_END;
    if (r->data[r->pos] == ',') {
        r->pos++;
        return STEP_NEXT_FIELD;
    }
    if (at_newline(r)) {
        consume_newline(r);
        return STEP_RECORD_END;
    }
    return STEP_TEXT_AFTER_QUOTE;
}

static bool ends_unquoted(char c)
{
    return c == ',' || c == '\r' || c == '\n' || c == '"';
}

static enum step unquoted_field(struct csv_reader *r)
{
    size_t start = r->pos;
    while (r->pos < r->len && !ends_unquoted(r->data[r->pos]))
        r->pos++;
    buf_append(&r->text, r->data + start, r->pos - start);
    if (r->pos < r->len && r->data[r->pos] == '"')
        return STEP_STRAY_QUOTE;
    return after_field(r);
}

/* pos is at the opening quote. */
static enum step quoted_field(struct csv_reader *r)
{
    r->pos++;
    for (;;) {
        const char *quote = memchr(r->data + r->pos, '"', r->len - r->pos);
        if (quote == NULL)
            return STEP_UNTERMINATED;
        size_t n = (size_t)(quote - (r->data + r->pos));
        buf_append(&r->text, r->data + r->pos, n);
        r->line += count_lines(r->data + r->pos, n);
        r->pos += n + 1;
        if (r->pos < r->len && r->data[r->pos] == '"') {
            buf_putc(&r->text, '"');
            r->pos++;
            continue;
        }
        return after_field(r);
    }
}

/* ------------------------------------------------------------------ records */

static const char *step_message(enum step step)
{
    switch (step) {
    case STEP_STRAY_QUOTE:
        return "quote inside an unquoted field";
    case STEP_TEXT_AFTER_QUOTE:
        return "text after a closing quote";
    case STEP_UNTERMINATED:
        return "quoted field is never closed";
    case STEP_TOO_MANY_FIELDS:
        return "too many fields";
    default:
        return "malformed record";
    }
}

/* Reports a malformed record and moves the reader to where the next record can start. */
static int fail_record(struct csv_reader *r, struct csv_record *rec, struct err *e, enum step step,
                       size_t field_pos, long field_line)
{
    err_set(e, ERR_BAD_REQUEST, NULL, "record %ld (line %ld): %s", rec->number, rec->line,
            step_message(step));
    if (step == STEP_UNTERMINATED) {
        r->pos = field_pos;
        r->line = field_line;
    }
    skip_line(r);
    rec->fields = NULL;
    rec->lengths = NULL;
    rec->count = 0;
    return ERR_BAD_REQUEST;
}

static void finish_record(struct csv_reader *r, struct csv_record *rec)
{
    for (size_t i = 0; i < r->count; i++)
        r->fields[i] = r->text.data + r->offsets[i];
    rec->fields = r->fields;
    rec->lengths = r->lengths;
    rec->count = r->count;
}

int csv_next_record(struct csv_reader *r, struct csv_record *rec, struct err *e)
{
    while (at_newline(r))
        consume_newline(r); /* blank lines are not records */
    if (r->pos >= r->len)
        return 0;
    rec->number = ++r->records;
    rec->line = r->line;
    r->count = 0;
    buf_reset(&r->text);
    for (;;) {
        size_t field_pos = r->pos;
        long field_line = r->line;
        begin_field(r);
        bool quoted = r->pos < r->len && r->data[r->pos] == '"';
        enum step step = quoted ? quoted_field(r) : unquoted_field(r);
        end_field(r);
        if (step == STEP_NEXT_FIELD && r->count >= CSV_MAX_FIELDS)
            step = STEP_TOO_MANY_FIELDS;
        if (step == STEP_RECORD_END)
            break;
        if (step != STEP_NEXT_FIELD)
            return fail_record(r, rec, e, step, field_pos, field_line);
    }
    finish_record(r, rec);
    return 1;
}

/* ------------------------------------------------------------------ writing */

/* The first character that can start a formula in a spreadsheet. */
static bool formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* -?DIGITS(.DIGITS)? */
static bool number_literal(const char *s)
{
    if (*s == '-')
        s++;
    if (*s < '0' || *s > '9')
        return false;
    while (*s >= '0' && *s <= '9')
        s++;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* True when s, after its leading quotes and spaces, starts a formula. */
static bool risky_text(const char *s)
{
    while (*s == '\'' || *s == ' ')
        s++;
    return formula_start(*s);
}

bool csv_formula_risk(const char *s, enum csv_cell kind)
{
    if (kind == CSV_NUMBER && number_literal(s))
        return false;
    return risky_text(s);
}

const char *csv_cell_text(const char *s)
{
    return s[0] == '\'' && risky_text(s + 1) ? s + 1 : s;
}

static bool needs_quotes(const char *s, size_t n)
{
    if (n == 0)
        return false;
    if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
        return true;
    return strpbrk(s, ",\"\r\n") != NULL;
}

void csv_write_field(struct buf *b, const char *s, enum csv_cell kind)
{
    if (s == NULL)
        s = "";
    size_t n = strlen(s);
    if (!utf8_valid(s, n)) { /* raw SQL's bytes: each invalid one as U+FFFD, as the JSON reads it */
        char *repaired = utf8_repair(s, n);
        csv_write_field(b, repaired, kind);
        free(repaired);
        return;
    }
    bool prefix = csv_formula_risk(s, kind);
    if (!needs_quotes(s, n)) { /* the prefix cannot make quotes necessary: it is not a space */
        if (prefix)
            buf_putc(b, '\'');
        buf_append(b, s, n);
        return;
    }
    buf_putc(b, '"');
    if (prefix)
        buf_putc(b, '\'');
    for (const char *p = s; *p != '\0'; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

void csv_write_record(struct buf *b, const char *const *fields, const enum csv_cell *kinds,
                      size_t n)
{
    if (n == 1 && (fields[0] == NULL || fields[0][0] == '\0')) {
        buf_puts(b, "\"\"\r\n"); /* a bare empty line would read back as no record */
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            buf_putc(b, ',');
        csv_write_field(b, fields[i], kinds ? kinds[i] : CSV_TEXT);
    }
    buf_puts(b, "\r\n");
}
