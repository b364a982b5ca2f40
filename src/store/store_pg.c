/*
 * This file implements the PostgreSQL backend of the store (the struct store_ops declared in
 * store_backend.h) on libpq. Each pooled connection is one PGconn whose session runs in UTC
 * with UTF-8 text and ISO dates.
 *
 * SQL arrives with '?' placeholders; the first time a connection sees a SQL text it rewrites the
 * placeholders as $1, $2, ... and prepares it under a name of its own ("s1", "s2", ...), kept in
 * a hash table keyed by the original text, so later calls cost one round trip and no planning.
 * Parameters travel as text and the server infers their types. A result becomes a struct
 * store_result of text cells that point into the PGresult it keeps (no copy), except those
 * converted so that both engines read alike (copies):
 * bool -> "1"/"0", timestamp(tz) -> RFC 3339 UTC, text[]/varchar[] -> JSON array. Errors are
 * mapped by SQLSTATE; a lost connection marks the store_conn broken so the pool reopens it.
 */
#include <assert.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/buf.h"
#include "../lib/hash.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "store.h"
#include "store_backend.h"

#define CACHE_BUCKETS 256
/* Past this many prepared statements per connection, new SQL texts run unprepared. */
#define CACHE_MAX 1024
#define FULLTEXT_MAX_WORDS 16
#define MIGRATION_LOCK_KEY "727274"

/* Type OIDs from PostgreSQL's catalog/pg_type.h (stable across versions). */
enum {
    OID_BOOL = 16,
    OID_BYTEA = 17,
    OID_TIMESTAMP = 1114,
    OID_TIMESTAMPTZ = 1184,
    OID_TEXT_ARRAY = 1009,
    OID_VARCHAR_ARRAY = 1015,
};

static const char SESSION_SQL[] = "SET client_encoding = 'UTF8';"
                                  "SET TIME ZONE 'UTC';"
                                  "SET DateStyle = 'ISO, YMD';"
                                  /* a prepared statement's plan may turn generic (lookups by
                                   * key skip the planner); store_exec_custom plans each run
                                   * with its values where that matters */
                                  "SET plan_cache_mode = auto";

struct pg_stmt {
    char *sql; /* the '?' text, the cache key */
    uint32_t hash;
    int nparams; /* placeholders found by the translation */
    char name[16];
    struct pg_stmt *next;
};

struct pg_conn {
    struct store_conn base;
    PGconn *pg; /* NULL while not open */
    int statement_timeout_ms;
    struct pg_stmt *buckets[CACHE_BUCKETS];
    int ncached;
    unsigned next_id;
};

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
static int map_error(struct pg_conn *c, const PGresult *res, struct err *e)
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

/* ================================================================ connecting */

/* Server notices ("relation already exists, skipping") are not errors; keep them off stderr. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg, (void)message;
}

/* Frees the statement cache (the server's statements die with the session). */
static void drop_cache(struct pg_conn *c)
{
    for (int i = 0; i < CACHE_BUCKETS; i++) {
        struct pg_stmt *s = c->buckets[i];
        while (s) {
            struct pg_stmt *next = s->next;
            free(s->sql);
            free(s);
            s = next;
        }
        c->buckets[i] = NULL;
    }
    c->ncached = 0;
    c->next_id = 0;
}

static struct store_conn *pg_create(void)
{
    struct pg_conn *c = xcalloc(1, sizeof *c);
    c->base.ops = &store_pg_ops;
    c->base.broken = true;
    return &c->base;
}

/* Connects to the conninfo URL url->path (10 s connect timeout unless the URL sets
 * connect_timeout) and sets up the session, replacing whatever c held. Returns 0, or ERR_DB
 * with e filled (c stays broken). */
static int pg_open(struct store_conn *base, const struct store_url *url, struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    drop_cache(c);
    PQfinish(c->pg);
    c->pg = NULL;
    c->base.broken = true;
    /* Defaults first: the URL's own parameters, expanded from dbname, override them. Without a
     * timeout an unreachable host would hold the caller for the kernel's TCP timeout. */
    static const char *const keys[] = {"connect_timeout", "application_name", "dbname", NULL};
    const char *const values[] = {"10", "copilot", url->path, NULL};
    PGresult *res = NULL;
    PGconn *pg = PQconnectdbParams(keys, values, 1);
    if (pg == NULL)
        return err_set(e, ERR_DB, NULL, "cannot connect to PostgreSQL: out of memory");
    if (PQstatus(pg) != CONNECTION_OK) {
        err_set(e, ERR_DB, NULL, "cannot connect to PostgreSQL: %s", PQerrorMessage(pg));
        goto fail;
    }
    PQsetNoticeProcessor(pg, ignore_notice, NULL);
    char session[sizeof SESSION_SQL + 64];
    snprintf(session, sizeof session, "%s;SET statement_timeout = %d", SESSION_SQL,
             url->statement_timeout_ms);
    res = PQexec(pg, session);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        err_set(e, ERR_DB, NULL, "cannot set up the PostgreSQL session: %s", PQerrorMessage(pg));
        goto fail;
    }
    PQclear(res);
    c->pg = pg;
    c->statement_timeout_ms = url->statement_timeout_ms;
    c->base.broken = false;
    return 0;
fail:
    if (e)
        e->message[strcspn(e->message, "\n")] = '\0';
    PQclear(res);
    PQfinish(pg);
    return ERR_DB;
}

/* Before a statement is sent: an idle connection has nothing to read unless the server spoke
 * first, which for a pooled connection means it is going away (a shutdown or termination
 * message, then end of file). Reading that input tells; a connection found dead is marked
 * broken so that store_exec reopens it before anything is sent. */
static bool pg_alive(struct store_conn *base)
{
    struct pg_conn *c = (struct pg_conn *)base;
    if (c->pg == NULL || PQstatus(c->pg) != CONNECTION_OK) {
        c->base.broken = true;
        return false;
    }
    struct pollfd p = {.fd = PQsocket(c->pg), .events = POLLIN};
    for (int i = 0; i < 4 && poll(&p, 1, 0) > 0; i++) {
        if (!PQconsumeInput(c->pg) || PQstatus(c->pg) != CONNECTION_OK) {
            c->base.broken = true;
            return false;
        }
        PGnotify *n;
        while ((n = PQnotifies(c->pg)) != NULL)
            PQfreemem(n);
    }
    return true;
}

/* Closes the connection (the server drops its prepared statements) and frees c. */
static void pg_disconnect(struct store_conn *base)
{
    struct pg_conn *c = (struct pg_conn *)base;
    drop_cache(c);
    PQfinish(c->pg);
    free(c);
}

/* ================================================================ placeholders */

/* See store_backend.h. A doubled quote inside a literal closes and reopens it, which comes to
 * the same. E'...' escapes are not understood: a \' inside one would end the literal early,
 * and PostgreSQL's jsonb operators ?, ?| and ?& cannot be written (use jsonb_exists()). */
char *store_pg_translate(const char *sql, int *count)
{
    struct buf b;
    buf_init(&b);
    int n = 0;
    const char *close = NULL; /* what ends the quote or comment we are in, NULL in plain SQL */
    for (const char *p = sql; *p; p++) {
        if (close) {
            size_t closer = strlen(close);
            if (strncmp(p, close, closer) == 0) { /* the whole closer: its end opens nothing */
                buf_append(&b, p, closer);
                p += closer - 1;
                close = NULL;
                continue;
            }
        } else if (*p == '\'') {
            close = "'";
        } else if (*p == '"') {
            close = "\"";
        } else if (p[0] == '-' && p[1] == '-') {
            close = "\n";
        } else if (p[0] == '/' && p[1] == '*') {
            buf_append(&b, p++, 1); /* so the '*' of the opener cannot also close */
            close = "*/";
        } else if (*p == '?') {
            buf_printf(&b, "$%d", ++n);
            continue;
        }
        buf_append(&b, p, 1);
    }
    *count = n;
    return buf_steal(&b);
}

/* ================================================================ statement cache */

/* FNV-1a: cheap, and good enough to spread a few hundred SQL texts over the buckets. */
static uint32_t hash_text(const char *s)
{
    return (uint32_t)fnv1a_text(FNV1A_SEED, s);
}

static struct pg_stmt *cache_find(struct pg_conn *c, const char *sql, uint32_t hash)
{
    for (struct pg_stmt *s = c->buckets[hash % CACHE_BUCKETS]; s; s = s->next)
        if (s->hash == hash && strcmp(s->sql, sql) == 0)
            return s;
    return NULL;
}

/* Drops s from the cache. Its server-side statement stays until the connection closes (it
 * cannot be deallocated inside an aborted transaction); the name is never reused. */
static void cache_evict(struct pg_conn *c, struct pg_stmt *s)
{
    struct pg_stmt **link = &c->buckets[s->hash % CACHE_BUCKETS];
    while (*link != s)
        link = &(*link)->next;
    *link = s->next;
    c->ncached--;
    free(s->sql);
    free(s);
}

/* Prepares the translated text under a new name and caches it under sql. Returns 0 with *out
 * set, or the mapped error (the statement does not compile). */
static int prepare(struct pg_conn *c, const char *sql, uint32_t hash, const char *text, int nparams,
                   struct pg_stmt **out, struct err *e)
{
    struct pg_stmt *s = xcalloc(1, sizeof *s);
    snprintf(s->name, sizeof s->name, "s%u", ++c->next_id);
    PGresult *res = PQprepare(c->pg, s->name, text, nparams, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        int rc = map_error(c, res, e);
        PQclear(res);
        free(s);
        return rc;
    }
    PQclear(res);
    s->sql = xstrdup(sql);
    s->hash = hash;
    s->nparams = nparams;
    s->next = c->buckets[hash % CACHE_BUCKETS];
    c->buckets[hash % CACHE_BUCKETS] = s;
    c->ncached++;
    *out = s;
    return 0;
}

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
static void set_cell(struct store_result *r, int col, Oid oid, const char *v, int len, bool borrow,
                     struct buf *scratch)
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
static struct store_result *materialise(PGresult *res)
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
            set_cell(r, col, PQftype(res, col), PQgetvalue(res, row, col),
                     PQgetlength(res, row, col), true, &scratch);
        }
    }
    buf_free(&scratch);
    bool counts = strncmp(PQcmdStatus(res), "SELECT", 6) != 0;
    store_result_set_changes(r, counts ? strtoll(PQcmdTuples(res), NULL, 10) : 0);
    return r;
}

/* ================================================================ running SQL */

/* What libpq sends for the parameters: values[i] points at the caller's text or bytes, at static
 * "true"/"false", into the number area, or is NULL for SQL NULL; bytes (STORE_BLOB) go in
 * binary format with their length, everything else as text. */
struct encoded {
    const char **values;
    int *lengths;
    int *formats;
    char (*numbers)[32];
};

/* Fills p for params[0..n) in one allocation (p->values NULL when n is 0); free(p->values). */
static void encode_params(const struct store_value *params, int n, struct encoded *p)
{
    memset(p, 0, sizeof *p);
    if (n == 0)
        return;
    size_t each = sizeof *p->values + 2 * sizeof(int) + 32;
    char *block = xcalloc((size_t)n, each);
    p->values = (const char **)block;
    p->lengths = (int *)(block + (size_t)n * sizeof *p->values);
    p->formats = p->lengths + n;
    p->numbers = (char(*)[32])(p->formats + n);
    for (int i = 0; i < n; i++) {
        const struct store_value *v = &params[i];
        switch (v->type) {
        case STORE_INT:
            snprintf(p->numbers[i], sizeof p->numbers[i], "%lld", (long long)v->i);
            p->values[i] = p->numbers[i];
            break;
        case STORE_REAL:
            snprintf(p->numbers[i], sizeof p->numbers[i], "%.17g", v->d);
            p->values[i] = p->numbers[i];
            break;
        case STORE_BOOL:
            p->values[i] = v->i ? "true" : "false";
            break;
        case STORE_TEXT:
            p->values[i] = v->s;
            break;
        case STORE_BLOB:
            assert(v->n <= INT32_MAX);
            p->values[i] = v->s ? v->s : "";
            p->lengths[i] = (int)v->n;
            p->formats[i] = 1;
            break;
        default:
            p->values[i] = NULL;
        }
    }
}

/* Finds or prepares the statement for sql. Sets *stmt, or leaves it NULL and sets *text to the
 * translated SQL (malloc'd) when the cache is full or the statement is to be planned for its
 * values (store_exec_custom: the unnamed statement). *nexpected gets the placeholder count.
 * Returns 0 or the mapped error of the prepare. */
static int statement_for(struct pg_conn *c, const char *sql, struct pg_stmt **stmt, char **text,
                         int *nexpected, struct err *e)
{
    if (c->base.custom_plan) {
        *text = store_pg_translate(sql, nexpected);
        return 0;
    }
    uint32_t hash = hash_text(sql);
    *stmt = cache_find(c, sql, hash);
    if (*stmt) {
        *nexpected = (*stmt)->nparams;
        return 0;
    }
    char *translated = store_pg_translate(sql, nexpected);
    if (c->ncached >= CACHE_MAX) {
        *text = translated;
        return 0;
    }
    int rc = prepare(c, sql, hash, translated, *nexpected, stmt, e);
    free(translated);
    return rc;
}

/* Returned by exec_once instead of an error when a retry will do (see pg_exec). */
#define RETRY 1

/* Runs sql once with params. A cached statement failing with 0A000 ("cached plan must not
 * change result type": a migration altered a table it reads with SELECT *) is evicted, and
 * when may_retry is set the failure is not reported: exec_once returns RETRY.
 * Otherwise as store_exec. */
static int exec_once(struct pg_conn *c, const char *sql, const struct store_value *params,
                     int nparams, struct store_result **out, bool may_retry, struct err *e)
{
    struct pg_stmt *stmt = NULL;
    char *text = NULL;
    struct encoded enc = {0};
    PGresult *res = NULL;
    int nexpected = 0;
    int rc = statement_for(c, sql, &stmt, &text, &nexpected, e);
    if (rc)
        return rc;
    if (nexpected != nparams) {
        rc = err_set(e, ERR_INTERNAL, NULL, "statement takes %d parameters, %d given: %.120s",
                     nexpected, nparams, sql);
        goto done;
    }
    encode_params(params, nparams, &enc);
    c->base.sent = true;
    if (stmt)
        res = PQexecPrepared(c->pg, stmt->name, nparams, enc.values, enc.lengths, enc.formats, 0);
    else
        res = PQexecParams(c->pg, text, nparams, NULL, enc.values, enc.lengths, enc.formats, 0);
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        const char *sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        bool stale = stmt && sqlstate && strcmp(sqlstate, "0A000") == 0;
        if (stale)
            cache_evict(c, stmt);
        rc = stale && may_retry ? RETRY : map_error(c, res, e);
        goto done;
    }
    /* COMMIT of a transaction that an earlier error aborted "succeeds" as a ROLLBACK. */
    if (strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
        rc = err_set(e, ERR_DB, NULL, "transaction rolled back: a statement in it had failed");
        goto done;
    }
    if (out) {
        *out = materialise(res); /* which keeps res */
        res = NULL;
    }
done:
    PQclear(res);
    free(enc.values);
    free(text);
    return rc;
}

/* store_ops.exec: see store_exec in store.h. A statement gone stale under a migration is
 * prepared afresh and run again when no transaction is open (inside one, the error has
 * aborted the transaction and is reported). */
static int pg_exec(struct store_conn *base, const char *sql, const struct store_value *params,
                   int nparams, struct store_result **out, struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    int rc = exec_once(c, sql, params, nparams, out, !base->in_transaction, e);
    if (rc == RETRY)
        rc = exec_once(c, sql, params, nparams, out, false, e);
    return rc;
}

/* Most statements one batch may hold (store_exec_batch's callers send two or three). */
#define BATCH_MAX 8

/* Reads what is left of a pipeline up to its sync point and leaves pipeline mode. False when
 * the connection failed meanwhile (c is then marked broken). */
static bool pipeline_end(struct pg_conn *c)
{
    for (int nulls = 0; nulls <= BATCH_MAX + 1;) {
        PGresult *res = PQgetResult(c->pg);
        if (res == NULL) {
            if (PQstatus(c->pg) != CONNECTION_OK)
                break;
            nulls++;
            continue;
        }
        bool sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
        PQclear(res);
        if (sync)
            return PQexitPipelineMode(c->pg) == 1;
    }
    c->base.broken = true;
    return false;
}

/* store_ops.exec_batch: every statement sent (Bind and Execute of its prepared statement, or
 * Parse, Bind and Execute of the unnamed one for a statement planned for its values), then one
 * Sync, then the results read in order. The statements are prepared first when new, each in a
 * round trip of its own, as pg_exec does. A statement that fails makes the server skip the
 * rest up to the Sync; the first failure is reported. */
static int pg_exec_batch(struct store_conn *base, const struct store_stmt *stmts, int n,
                         struct store_result **out, struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    if (n > BATCH_MAX || base->in_transaction)
        return STORE_BATCH_ONE_BY_ONE; /* a failure inside one would abort it: keep it simple */
    struct pg_stmt *prepared[BATCH_MAX] = {0};
    char *text[BATCH_MAX] = {0};
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        int nexpected = 0;
        base->custom_plan = stmts[i].custom;
        rc = statement_for(c, stmts[i].sql, &prepared[i], &text[i], &nexpected, e);
        base->custom_plan = false;
        if (rc == 0 && nexpected != stmts[i].nparams)
            rc = err_set(e, ERR_INTERNAL, NULL, "statement takes %d parameters, %d given: %.120s",
                         nexpected, stmts[i].nparams, stmts[i].sql);
    }
    if (rc == 0 && !PQenterPipelineMode(c->pg))
        rc = STORE_BATCH_ONE_BY_ONE;
    int sent = 0;
    for (; rc == 0 && sent < n; sent++) {
        const struct store_stmt *st = &stmts[sent];
        struct encoded enc;
        encode_params(st->params, st->nparams, &enc);
        base->sent = true;
        int ok = prepared[sent] ? PQsendQueryPrepared(c->pg, prepared[sent]->name, st->nparams,
                                                      enc.values, enc.lengths, enc.formats, 0)
                                : PQsendQueryParams(c->pg, text[sent], st->nparams, NULL,
                                                    enc.values, enc.lengths, enc.formats, 0);
        free(enc.values);
        if (!ok)
            rc = map_error(c, NULL, e);
    }
    bool stale = false;
    if (sent > 0 && PQpipelineSync(c->pg) != 1 && rc == 0)
        rc = map_error(c, NULL, e);
    for (int i = 0; i < sent && !base->broken; i++) {
        PGresult *res = PQgetResult(c->pg);
        bool had = res != NULL;
        ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
            if (rc == 0) {
                out[i] = materialise(res); /* which keeps res */
                res = NULL;
            }
        } else if (status != PGRES_PIPELINE_ABORTED && rc == 0) {
            const char *sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
            stale = prepared[i] && sqlstate && strcmp(sqlstate, "0A000") == 0;
            if (stale) {
                cache_evict(c, prepared[i]);
                prepared[i] = NULL;
            }
            rc = stale ? STORE_BATCH_ONE_BY_ONE : map_error(c, res, e);
        }
        PQclear(res);
        while (had && (res = PQgetResult(c->pg)) != NULL) /* the end of this statement's results */
            PQclear(res);
    }
    if (sent > 0 && !base->broken && !pipeline_end(c) && (rc == 0 || rc == STORE_BATCH_ONE_BY_ONE))
        rc = err_set(e, ERR_UNAVAILABLE, NULL, "the database connection was lost");
    else if (PQpipelineStatus(c->pg) != PQ_PIPELINE_OFF && !base->broken)
        PQexitPipelineMode(c->pg);
    for (int i = 0; i < n; i++)
        free(text[i]);
    return rc;
}

/* ================================================================ statement_timeout */

static int pg_exec_script(struct store_conn *base, const char *sql, struct err *e);

/* Sets the session's statement_timeout to ms (0: none). */
static int set_statement_timeout(struct store_conn *base, int ms, struct err *e)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SET statement_timeout = %d", ms);
    return pg_exec_script(base, sql, e);
}

/* ================================================================ cursors */

/* A cursor is one query sent in single-row mode: the server streams the rows and libpq hands
 * them out one PGresult at a time, so the client never holds more than one row. It runs
 * without statement_timeout: the query lasts as long as its reader takes (a streamed export
 * to a slow client waits for the socket), so the caller bounds it instead (COPILOT_MAX_EXPORTS
 * and the connection's silence timeout for exports); closing the cursor sets the session's
 * timeout again. */
struct pg_cursor {
    bool done; /* every result of the query has been read */
    struct buf scratch;
};

/* Reads and drops what is left of the query's results. */
static void drain(struct pg_conn *c)
{
    PGresult *res;
    while ((res = PQgetResult(c->pg)) != NULL)
        PQclear(res);
}

/* The result shaped like res's columns, with no rows. */
static struct store_result *shape_of(const PGresult *res)
{
    int ncols = PQnfields(res);
    const char **names = xcalloc((size_t)(ncols ? ncols : 1), sizeof *names);
    for (int i = 0; i < ncols; i++)
        names[i] = PQfname(res, i);
    struct store_result *r = store_result_new(ncols, names);
    free(names);
    return r;
}

static int pg_cursor_open(struct store_conn *base, const char *sql,
                          const struct store_value *params, int nparams, void **state,
                          struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    int nexpected = 0;
    char *text = store_pg_translate(sql, &nexpected);
    int rc = 0;
    if (nexpected != nparams) {
        rc = err_set(e, ERR_INTERNAL, NULL, "statement takes %d parameters, %d given: %.120s",
                     nexpected, nparams, sql);
        free(text);
        return rc;
    }
    if (c->statement_timeout_ms > 0 && (rc = set_statement_timeout(base, 0, e)) != 0) {
        free(text);
        return rc;
    }
    struct encoded enc;
    encode_params(params, nparams, &enc);
    c->base.sent = true;
    if (!PQsendQueryParams(c->pg, text, nparams, NULL, enc.values, enc.lengths, enc.formats, 0))
        rc = map_error(c, NULL, e);
    else if (!PQsetSingleRowMode(c->pg)) {
        drain(c);
        rc = err_set(e, ERR_DB, NULL, "cannot read the rows one at a time");
    }
    free(enc.values);
    free(text);
    if (rc) {
        struct err ignored = {0};
        if (c->statement_timeout_ms > 0 && !base->broken)
            set_statement_timeout(base, c->statement_timeout_ms, &ignored);
        return rc;
    }
    struct pg_cursor *cur = xcalloc(1, sizeof *cur);
    buf_init(&cur->scratch);
    *state = cur;
    return 0;
}

static int pg_cursor_next(struct store_conn *base, void *state, struct store_result **row,
                          struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    struct pg_cursor *cur = state;
    PGresult *res = PQgetResult(c->pg);
    if (res == NULL) {
        cur->done = true;
        return 0;
    }
    ExecStatusType status = PQresultStatus(res);
    int rc;
    if (status == PGRES_SINGLE_TUPLE) {
        if (*row == NULL)
            *row = shape_of(res);
        store_result_clear(*row);
        store_result_add_row(*row);
        for (int col = 0; col < PQnfields(res) && col < store_cols(*row); col++)
            if (!PQgetisnull(res, 0, col))
                set_cell(*row, col, PQftype(res, col), PQgetvalue(res, 0, col),
                         PQgetlength(res, 0, col), false, &cur->scratch);
        rc = 1;
    } else if (status == PGRES_TUPLES_OK) { /* the end: no row in this one */
        if (*row == NULL)
            *row = shape_of(res);
        rc = 0;
    } else {
        rc = map_error(c, res, e);
    }
    PQclear(res);
    if (rc <= 0) {
        drain(c);
        cur->done = true;
    }
    return rc;
}

static void pg_cursor_close(struct store_conn *base, void *state)
{
    struct pg_conn *c = (struct pg_conn *)base;
    struct pg_cursor *cur = state;
    if (!cur->done) { /* closed early: stop the server sending the rest */
        PGcancel *cancel = PQgetCancel(c->pg);
        char why[256];
        if (cancel) {
            PQcancel(cancel, why, sizeof why);
            PQfreeCancel(cancel);
        }
        drain(c);
    }
    buf_free(&cur->scratch);
    free(cur);
    struct err ignored = {0}; /* a lost session is reopened with the timeout anyway */
    if (c->statement_timeout_ms > 0 && !base->broken)
        set_statement_timeout(base, c->statement_timeout_ms, &ignored);
}

/* store_ops.exec_script: runs sql through the simple query protocol, which accepts several
 * statements; they run as one implicit transaction unless the script has its own. */
static int pg_exec_script(struct store_conn *base, const char *sql, struct err *e)
{
    struct pg_conn *c = (struct pg_conn *)base;
    c->base.sent = true;
    PGresult *res = PQexec(c->pg, sql);
    ExecStatusType status = PQresultStatus(res);
    int rc = 0;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
        rc = map_error(c, res, e);
    PQclear(res);
    return rc;
}

/* ================================================================ migrations lock */

/* Session-level advisory lock: concurrent `copilot migrate` / `serve` processes queue here. A
 * migration may rewrite a large table, so statement_timeout is off while the lock is held. */
static int pg_lock_migrations(struct store_conn *c, struct err *e)
{
    int rc = set_statement_timeout(c, 0, e);
    return rc ? rc
              : pg_exec(c, "SELECT pg_advisory_lock(" MIGRATION_LOCK_KEY ")", NULL, 0, NULL, e);
}

static void pg_unlock_migrations(struct store_conn *base)
{
    struct pg_conn *c = (struct pg_conn *)base;
    struct err ignored = {0};
    pg_exec(base, "SELECT pg_advisory_unlock(" MIGRATION_LOCK_KEY ")", NULL, 0, NULL, &ignored);
    set_statement_timeout(base, c->statement_timeout_ms, &ignored);
}

/* ================================================================ full-text search */

/* The table that holds table's full-text index, when it is not table itself: jobs' vectors are
 * indexed in jobs_search (migration 0053), a narrow table (about 100 bytes a row, the vector
 * stored out of line) kept by triggers, so that a count through the index reads the matches'
 * rows there (1,235 pages for 100,000 jobs) instead of on jobs (7,811 pages for 12,497 matches). */
static const char *pg_search_table(const char *table)
{
    return strcmp(table, "jobs") == 0 ? "jobs_search" : NULL;
}

/* The tsquery of a search's argument (pg_fulltext_arg) where the GIN index is asked: for jobs,
 * jobs_search_query (migration 0062), which writes a prefix term covering 1 to 3 words of the
 * vectors as those words, so that the index reads them with its fast scan instead of merging
 * every covered word's posting list first ('payments':* & 'go':* at 100,000 jobs: the page's
 * statement 0.93 -> 0.55 ms; the same matches); other tables keep no list of their words. */
static const char *pg_index_query(const char *table)
{
    return pg_search_table(table) ? "jobs_search_query(?)" : "to_tsquery('simple', ?)";
}

/* The migrations give the table a generated tsvector column search_vector ('simple'
 * configuration); the condition reads it from the row being filtered. */
static void pg_sql_fulltext(const char *table, char *out, size_t n)
{
    (void)table;
    snprintf(out, n, "search_vector @@ to_tsquery('simple', ?)");
}

/* The matches found through the index: for a table indexed in a table of its own, their ids
 * read there through its GIN index (the tsquery a sub-select, as in pg_sql_fulltext_count:
 * with the value in sight the planner scans jobs_search for a common word, taking its 1,235
 * pages for cheap, and reads every vector out of line: 300,000 buffers, 150-200 ms); otherwise
 * the row's own vector, whose GIN index is on the table. */
static void pg_sql_fulltext_matches(const char *table, char *out, size_t n)
{
    const char *index = pg_search_table(table);
    if (index)
        snprintf(out, n, "id IN (SELECT job_id FROM %s WHERE search_vector @@ (SELECT %s))", index,
                 pg_index_query(table));
    else
        pg_sql_fulltext(table, out, n);
}

/* The owner's matches, always through the GIN index: the tsquery is a sub-select, so the planner
 * cannot see how many rows it matches and keeps the index. With the value in sight it costs @@
 * like an integer comparison (ts_match_vq has procost 1) and, for a word in 1 job of 8 of a
 * user with 10,000 jobs, scans the whole table (2,000 pages, 11 ms) where the GIN index and the
 * matches' pages take 0.6 ms; even a prefix every row matches is read faster through the index
 * (a recheck-free bitmap never evaluates @@: 10,000 of 10,000 rows, 8.4 against 12.6 ms).
 * For jobs, counted in jobs_search (pg_search_table). every_owner is not offered (the owner is a
 * column checked in the table anyway). */
static bool pg_sql_fulltext_count(const char *table, bool every_owner, char *out, size_t n)
{
    if (every_owner)
        return false;
    const char *index = pg_search_table(table);
    snprintf(out, n, "SELECT COUNT(*) FROM %s WHERE user_id = ? AND search_vector @@ (SELECT %s)",
             index ? index : table, pg_index_query(table));
    return true;
}

/* The page of the owner's matches in created_at order from jobs_search alone (migration 0055
 * keeps each job's created_at there): the matches through the GIN index (the tsquery a
 * sub-select, as in pg_sql_fulltext_count), their narrow rows sorted, the first kept. */
static bool pg_sql_fulltext_page(const char *table, const char *sort, bool desc, char *out,
                                 size_t n)
{
    const char *index = pg_search_table(table);
    if (!index || strcmp(sort, "created_at") != 0)
        return false;
    const char *dir = desc ? "DESC" : "ASC";
    snprintf(out, n,
             "SELECT job_id FROM %s WHERE user_id = ? AND search_vector @@ (SELECT %s) "
             "ORDER BY created_at %s, job_id %s LIMIT ? OFFSET ?",
             index, pg_index_query(table), dir, dir);
    return true;
}

/* A tsquery: each word of q lower-cased (ASCII) as a prefix term, all required
 * ("word:* & word:*"). Only word bytes are kept, so nothing can read as a tsquery operator.
 * Returns malloc'd text, or NULL when q has no word. At most FULLTEXT_MAX_WORDS words. */
static char *pg_fulltext_arg(const char *q)
{
    struct buf b;
    buf_init(&b);
    int words = 0;
    const char *p = q, *start;
    size_t len;
    while (words < FULLTEXT_MAX_WORDS && (len = store_next_word(&p, &start)) > 0) {
        if (words++)
            buf_puts(&b, " & ");
        for (size_t i = 0; i < len; i++)
            buf_putc(&b,
                     (char)(start[i] >= 'A' && start[i] <= 'Z' ? start[i] - 'A' + 'a' : start[i]));
        buf_puts(&b, ":*");
    }
    if (words == 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}

const struct store_ops store_pg_ops = {
    .create = pg_create,
    .open = pg_open,
    .alive = pg_alive,
    .disconnect = pg_disconnect,
    .exec = pg_exec,
    .exec_batch = pg_exec_batch,
    .exec_script = pg_exec_script,
    .begin_sql = "BEGIN",
    .begin_snapshot_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .read_only_sql =
        "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'",
    .lock_migrations = pg_lock_migrations,
    .unlock_migrations = pg_unlock_migrations,
    .sql_fulltext = pg_sql_fulltext,
    .sql_fulltext_matches = pg_sql_fulltext_matches,
    .search_table = pg_search_table,
    .fulltext_arg = pg_fulltext_arg,
    .sql_fulltext_count = pg_sql_fulltext_count,
    .sql_fulltext_page = pg_sql_fulltext_page,
    .cursor_open = pg_cursor_open,
    .cursor_next = pg_cursor_next,
    .cursor_close = pg_cursor_close,
    .array_param = "ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb)))",
    .array_contains = "? = ANY(%s)",
    .array_overlaps = "%s && ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb)))",
    /* an array of the keys: the index is searched for each (= ANY), whatever the count */
    .in_texts = "%s = ANY(ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb))))",
    .for_update = " FOR UPDATE",
    .no_index = "",             /* the planner chooses from its statistics */
    .nulls_low = false,         /* NULLS LAST in ascending order, its indexes' default too */
    .fulltext_reads_row = true, /* search_vector is a column of the table */
    .lateral = true,
    .overlaps_native = true,
    /* what autovacuum does a minute later: statistics, the visibility map, and the GIN
     * indexes' pending lists merged (a search reads a pending list in full); SKIP_LOCKED:
     * never waits for an autovacuum already at work on the table */
    .refresh_stats = "VACUUM (ANALYZE, SKIP_LOCKED) %s",
    .compact = "VACUUM FULL %s", /* then refresh_stats: store_compact */
};
