/*
 * This file implements how the PostgreSQL backend reads a result: a PGresult becomes a struct
 * store_result whose cells point into it (no copy), except those converted so that both
 * engines read alike (copies): bool -> "1"/"0", timestamp(tz) -> RFC 3339 UTC, text[] and
 * varchar[] -> JSON array, bytea -> its bytes.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "store_pg_internal.h"

/* Type OIDs from PostgreSQL's catalog/pg_type.h (stable across versions). */
enum {
    OID_BOOL = 16,
    OID_BYTEA = 17,
    OID_TIMESTAMP = 1114,
    OID_TIMESTAMPTZ = 1184,
    OID_TEXT_ARRAY = 1009,
    OID_VARCHAR_ARRAY = 1015,
};

/* ================================================================ results */

/* Rewrites PostgreSQL's "YYYY-MM-DD HH:MM:SS[.ffffff][+00]" as RFC 3339 UTC
 * ("YYYY-MM-DDTHH:MM:SSZ", fractional seconds dropped) in out. False for any other text
 * (infinity, BC or five-digit years, an offset other than UTC), which is passed through. */
static bool rfc3339_from_pg(const char *v, char out[TIME_RFC3339_LEN])
{
    static const char shape[] = "dddd-dd-dd dd:dd:dd";
    for (int i = 0; shape[i]; i++) {
        bool ok = shape[i] == 'd' ? v[i] >= '0' && v[i] <= '9' : v[i] == shape[i];
        if (!ok)
            return false;
    }
    const char *rest = v + sizeof shape - 1;
    if (*rest == '.')
        rest += 1 + strspn(rest + 1, "0123456789");
    if (*rest != '\0' && strcmp(rest, "+00") != 0)
        return false;
    memcpy(out, v, sizeof shape - 1);
    out[10] = 'T';
    out[19] = 'Z';
    out[20] = '\0';
    return true;
}

/* Appends n bytes of s to out as the inside of a JSON string. */
static void json_escape(struct buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            buf_printf(out, "\\%c", ch);
        else if (ch < 0x20)
            buf_printf(out, "\\u%04x", ch);
        else
            buf_putc(out, (char)ch);
    }
}

/* Appends the array element at s (bare, or double-quoted with backslash escapes) to out as a
 * JSON string, or null for a bare NULL. Returns the position after the element, or NULL when
 * a quoted element is not terminated. */
static const char *array_element(const char *s, struct buf *out)
{
    if (*s != '"') {
        size_t n = strcspn(s, ",}");
        if (n == 4 && strncasecmp(s, "NULL", 4) == 0) {
            buf_puts(out, "null");
        } else {
            buf_putc(out, '"');
            json_escape(out, s, n);
            buf_putc(out, '"');
        }
        return s + n;
    }
    buf_putc(out, '"');
    for (s++; *s != '"'; s++) {
        if (*s == '\\')
            s++;
        if (*s == '\0')
            return NULL;
        json_escape(out, s, 1);
    }
    buf_putc(out, '"');
    return s + 1;
}

/* Appends the array literal s ("{a,\"b c\",NULL}") to out as a JSON array of strings; nested
 * braces become nested arrays. Returns 0, or -1 when s is not an array literal of that form
 * (out then holds a partial result). */
static int json_from_pg_array(const char *s, struct buf *out)
{
    if (*s != '{')
        return -1;
    int depth = 0;
    for (;;) {
        switch (*s) {
        case '{':
            buf_putc(out, '[');
            depth++;
            s++;
            break;
        case '}':
            buf_putc(out, ']');
            s++;
            if (--depth == 0)
                return *s == '\0' ? 0 : -1;
            break;
        case ',':
            buf_putc(out, ',');
            s++;
            break;
        case '\0':
            return -1;
        default:
            s = array_element(s, out);
            if (s == NULL)
                return -1;
        }
    }
}

/* Sets cell col of r's last row from the text value v (len bytes) of a column of type oid,
 * converted where the engines differ. scratch is a reusable buffer. */
void store_pg_set_cell(struct store_result *r, int col, Oid oid, const char *v, int len,
                       bool borrow, struct buf *scratch)
{
    char stamp[TIME_RFC3339_LEN];
    switch (oid) {
    case OID_BOOL:
        (borrow ? store_result_borrow : store_result_set)(r, col, v[0] == 't' ? "1" : "0", 1);
        return;
    case OID_TIMESTAMP:
    case OID_TIMESTAMPTZ:
        if (rfc3339_from_pg(v, stamp)) {
            store_result_set(r, col, stamp, TIME_RFC3339_LEN - 1);
            return;
        }
        break;
    case OID_BYTEA: {
        size_t n = 0;
        unsigned char *bytes = PQunescapeBytea((const unsigned char *)v, &n);
        if (bytes) {
            store_result_set(r, col, (const char *)bytes, n);
            PQfreemem(bytes);
            return;
        }
        break;
    }
    case OID_TEXT_ARRAY:
    case OID_VARCHAR_ARRAY:
        buf_reset(scratch);
        if (json_from_pg_array(v, scratch) == 0) {
            store_result_set(r, col, scratch->data, scratch->len);
            return;
        }
        break;
    }
    (borrow ? store_result_borrow : store_result_set)(r, col, v, (size_t)len);
}

static void release_result(void *res)
{
    PQclear(res);
}

/* Makes res a new result, which takes res over (freed with it): cells that need no conversion
 * point into res's own memory (PQgetvalue's text stays until PQclear), the converted ones
 * (bool, timestamps, arrays, bytea) are copies. changes is the row count of INSERT, UPDATE,
 * DELETE (with or without RETURNING); 0 for SELECT and the rest. */
struct store_result *store_pg_materialise(PGresult *res)
{
    int ncols = PQnfields(res), nrows = PQntuples(res);
    const char **names = xcalloc((size_t)(ncols ? ncols : 1), sizeof *names);
    for (int i = 0; i < ncols; i++)
        names[i] = PQfname(res, i);
    struct store_result *r = store_result_new(ncols, names);
    free(names);
    store_result_keep(r, res, release_result);
    struct buf scratch;
    buf_init(&scratch);
    for (int row = 0; row < nrows; row++) {
        store_result_add_row(r);
        for (int col = 0; col < ncols; col++) {
            if (PQgetisnull(res, row, col))
                continue;
            store_pg_set_cell(r, col, PQftype(res, col), PQgetvalue(res, row, col),
                              PQgetlength(res, row, col), true, &scratch);
        }
    }
    buf_free(&scratch);
    bool counts = strncmp(PQcmdStatus(res), "SELECT", 6) != 0;
    store_result_set_changes(r, counts ? strtoll(PQcmdTuples(res), NULL, 10) : 0);
    return r;
}
