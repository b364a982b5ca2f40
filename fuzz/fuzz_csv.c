/*
 * Fuzzes the CSV reader and writer (src/core/csv.c): every record of the input is read (a
 * malformed one reported and skipped, as the importer does), written back with
 * csv_write_record and read again, and every field goes through the formula rule.
 * Properties: the reader always ends and every record it returns has 1..CSV_MAX_FIELDS fields
 * with their lengths right; a malformed record has count 0 and a message naming its number;
 * writing a record and reading it back gives the same fields (after csv_cell_text undoes the
 * neutralising prefix; a field that is not valid UTF-8 comes back as utf8_repair made it); what
 * the writer produces is always valid UTF-8; a written cell never starts a formula.
 */
#include "fuzz.h"

#include "core/csv.h"
#include "core/utf8.h"

#define MAX_RECORDS 256

/* Writes rec, reads it back and compares. */
static void round_trip(const struct csv_record *rec)
{
    struct buf out;
    buf_init(&out);
    csv_write_record(&out, rec->fields, NULL, rec->count);
    FUZZ_CHECK(utf8_valid(out.data ? out.data : "", out.len));
    /* each cell as written alone: never a formula */
    for (size_t i = 0; i < rec->count; i++) {
        struct buf cell;
        buf_init(&cell);
        csv_write_field(&cell, rec->fields[i], CSV_TEXT);
        const char *c = cell.data ? cell.data : "";
        size_t k = 0;
        if (cell.len && c[0] == '"')
            k = 1;
        FUZZ_CHECK(k >= cell.len || !strchr("=+-@\t\r", c[k]) || c[k] == '\0');
        buf_free(&cell);
    }
    struct csv_reader r;
    csv_reader_init(&r, out.data ? out.data : "", out.len);
    struct csv_record back;
    struct err e = {0};
    int rc = csv_next_record(&r, &back, &e);
    /* fields holding NUL bytes are cut by the C-string writer, and a byte order mark at the
     * very start of a file is skipped by the reader: compare only other records */
    bool clean = !(rec->count && strncmp(rec->fields[0], "\xEF\xBB\xBF", 3) == 0);
    for (size_t i = 0; i < rec->count; i++)
        clean = clean && strlen(rec->fields[i]) == rec->lengths[i];
    if (clean) {
        FUZZ_CHECK(rc == 1);
        FUZZ_CHECK(back.count == rec->count);
        for (size_t i = 0; i < rec->count; i++) {
            const char *value = csv_cell_text(back.fields[i]);
            if (utf8_valid(rec->fields[i], rec->lengths[i])) {
                FUZZ_CHECK(strcmp(value, rec->fields[i]) == 0);
            } else { /* written as U+FFFD for each byte that starts no valid sequence */
                char *repaired = utf8_repair(rec->fields[i], rec->lengths[i]);
                FUZZ_CHECK(strcmp(value, repaired) == 0);
                free(repaired);
            }
        }
        FUZZ_CHECK(csv_next_record(&r, &back, &e) == 0);
    }
    csv_reader_free(&r);
    buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_reader r;
    csv_reader_init(&r, (const char *)data, size);
    struct csv_record rec;
    long last = 0;
    for (int n = 0; n < MAX_RECORDS * 4; n++) {
        struct err e = {0};
        int rc = csv_next_record(&r, &rec, &e);
        if (rc == 0)
            break;
        FUZZ_CHECK(rec.number > last);
        last = rec.number;
        if (rc == ERR_BAD_REQUEST) {
            FUZZ_CHECK(rec.count == 0 && e.message[0] != '\0');
            continue;
        }
        FUZZ_CHECK(rc == 1);
        FUZZ_CHECK(rec.count >= 1 && rec.count <= CSV_MAX_FIELDS);
        for (size_t i = 0; i < rec.count; i++) {
            FUZZ_CHECK(rec.fields[i][rec.lengths[i]] == '\0');
            (void)csv_formula_risk(rec.fields[i], CSV_TEXT);
            (void)csv_formula_risk(rec.fields[i], CSV_NUMBER);
            /* the import side undoes exactly what the writer adds */
            struct buf cell;
            buf_init(&cell);
            csv_write_field(&cell, rec.fields[i], CSV_NUMBER);
            buf_free(&cell);
        }
        if (n < MAX_RECORDS)
            round_trip(&rec);
    }
    csv_reader_free(&r);
    return 0;
}
