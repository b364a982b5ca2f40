/*
 * This file implements the PostgreSQL backend's error mapping: a failed result's SQLSTATE to an
 * ERR_* code (a lost session or a read-only server is ERR_UNAVAILABLE and marks the connection
 * broken), with the constraint or the unique columns named in err.constraint.
 */
#include <stdio.h>
#include <string.h>

#include "store_pg_internal.h"

/* ================================================================ errors */

/* SQLSTATEs that are not ERR_DB. Invalid input (a bad enum value, malformed JSON, a number out
 * of range, text too long) is a refusal by the schema like a CHECK, so it maps the same way. */
static const struct {
    const char *sqlstate;
    int code;
} sqlstate_codes[] = {
    {"23505", ERR_CONFLICT},    /* unique_violation */
    {"23503", ERR_FOREIGN_KEY}, /* foreign_key_violation */
    {"23514", ERR_CHECK},       /* check_violation */
    {"23502", ERR_CHECK},       /* not_null_violation */
    {"23P01", ERR_CHECK},       /* exclusion_violation */
    {"22P02", ERR_CHECK},       /* invalid_text_representation: bad enum value, bad number */
    {"22023", ERR_CHECK},       /* invalid_parameter_value */
    {"22001", ERR_CHECK},       /* string_data_right_truncation: too long for varchar(n) */
    {"22003", ERR_CHECK},       /* numeric_value_out_of_range */
    {"22007", ERR_CHECK},       /* invalid_datetime_format */
    {"22008", ERR_CHECK},       /* datetime_field_overflow */
};

/* SQLSTATEs after which this session cannot go on writing: the server is shutting down or
 * crashed (57P01-57P03), the connection failed (class 08), or the server only reads (25006: a
 * standby, or a primary that was demoted). The connection is dropped and reopened, which finds
 * the primary when the URL names several hosts with target_session_attrs=read-write. */
static bool session_lost(const char *sqlstate)
{
    return sqlstate && (strncmp(sqlstate, "08", 2) == 0 || strcmp(sqlstate, "57P01") == 0 ||
                        strcmp(sqlstate, "57P02") == 0 || strcmp(sqlstate, "57P03") == 0 ||
                        strcmp(sqlstate, "25006") == 0);
}

static int code_for_sqlstate(const char *sqlstate)
{
    for (size_t i = 0; sqlstate && i < sizeof sqlstate_codes / sizeof *sqlstate_codes; i++)
        if (strcmp(sqlstate, sqlstate_codes[i].sqlstate) == 0)
            return sqlstate_codes[i].code;
    /* statement_timeout (57014), and transactions the server gave up on (serialization
     * failure, deadlock): the request may succeed when tried again */
    if (session_lost(sqlstate) ||
        (sqlstate && (strcmp(sqlstate, "57014") == 0 || strcmp(sqlstate, "40001") == 0 ||
                      strcmp(sqlstate, "40P01") == 0)))
        return ERR_UNAVAILABLE;
    return ERR_DB;
}

/* Writes "table.col1, table.col2" into out from a unique violation's detail
 * ("Key (col1, col2)=(...) already exists."): the same text SQLite reports, so callers can
 * tell which unique rule failed without knowing the engine. False when the detail has another
 * shape (an expression index, a translated server message). */
static bool unique_columns(const char *table, const char *detail, char *out, size_t size)
{
    if (table == NULL || detail == NULL || strncmp(detail, "Key (", 5) != 0)
        return false;
    const char *cols = detail + 5;
    const char *end = strstr(cols, ")=(");
    if (end == NULL || memchr(cols, '(', (size_t)(end - cols)))
        return false; /* an expression index: the caller falls back to the index name */
    size_t used = 0;
    out[0] = '\0';
    while (cols < end && used < size) {
        const char *comma = memchr(cols, ',', (size_t)(end - cols));
        const char *stop = comma ? comma : end;
        /* keywords such as "position" come quoted: drop the quotes */
        const char *name = cols;
        size_t len = (size_t)(stop - cols);
        if (len >= 2 && name[0] == '"' && name[len - 1] == '"')
            name++, len -= 2;
        int n =
            snprintf(out + used, size - used, "%s%s.%.*s", used ? ", " : "", table, (int)len, name);
        used += n > 0 ? (size_t)n : 0;
        cols = comma ? comma + 1 + (comma[1] == ' ') : end;
    }
    return true;
}

/* Fills e->constraint: "table.column" for a not-null violation, "table.col, ..." for a unique
 * violation (see unique_columns), else the constraint name the server gives, if any. */
static void fill_constraint(struct err *e, const PGresult *res)
{
    const char *table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
    const char *column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME);
    const char *name = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    const char *sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (table && column) {
        snprintf(e->constraint, sizeof e->constraint, "%s.%s", table, column);
    } else if (sqlstate && strcmp(sqlstate, "23505") == 0 &&
               unique_columns(table, PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL), e->constraint,
                              sizeof e->constraint)) {
        /* filled */
    } else if (name) {
        snprintf(e->constraint, sizeof e->constraint, "%s", name);
    }
}

/* Maps a failed result (res may be NULL: no memory or no connection) to an ERR_* code, fills e
 * unless it already holds an error, and marks c broken when the connection is gone.
 * Returns the code. */
int store_pg_map_error(struct pg_conn *c, const PGresult *res, struct err *e)
{
    const char *sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    int code = res ? code_for_sqlstate(sqlstate) : ERR_UNAVAILABLE;
    if (PQstatus(c->pg) == CONNECTION_BAD || session_lost(sqlstate)) {
        c->base.broken = true;
        code = ERR_UNAVAILABLE;
    }
    if (e == NULL || e->code != ERR_OK)
        return code;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (msg == NULL)
        msg = PQerrorMessage(c->pg);
    err_set(e, code, NULL, "%s", msg);
    e->message[strcspn(e->message, "\n")] = '\0';
    if (res)
        fill_constraint(e, res);
    return code;
}
