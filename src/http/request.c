/* This file implements the request accessors of request.h. */
#include "request.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/utf8.h"
#include "../lib/buf.h"
#include "../lib/config.h"
#include "../lib/timeutil.h"
#include "../store/store.h"

/* ---- the database connection, and the fault point armed on it ---- */

/* The N of X-Copilot-Fault: N (1 to 100000), or 0 when it is absent or not such a number. */
static int fault_asked(const struct request *req)
{
    const char *v = request_header(req, "X-Copilot-Fault");
    if (v == NULL || *v < '1' || *v > '9' || strlen(v) > 6)
        return 0;
    char *end;
    long n = strtol(v, &end, 10);
    return *end == '\0' && n <= 100000 ? (int)n : 0;
}

int request_open_db(struct request *req)
{
    if (req->db)
        return 0;
    int rc = store_acquire_timed(req->store, &req->db, &req->err);
    if (rc || !req->config->fault_injection)
        return rc;
    if (!req->fault_read) {
        req->fault_left = fault_asked(req);
        req->fault_read = true;
    }
    if (req->fault_left > 0)
        store_fault_arm(req->db, req->fault_left);
    return 0;
}

void request_fault_collect(struct request *req)
{
    if (req->db == NULL || req->fault_left == 0)
        return;
    req->fault_fired = req->fault_fired || store_fault_fired(req->db);
    req->fault_left = store_fault_disarm(req->db);
}

void request_close_db(struct request *req)
{
    if (req->db == NULL)
        return;
    request_fault_collect(req);
    store_release(req->store, req->db);
    req->db = NULL;
}

struct store_conn *request_db(struct request *req)
{
    if (req->db == NULL)
        req->db = store_acquire(req->store);
    return req->db;
}

const char *request_param(const struct request *req, int i)
{
    return i >= 0 && i < req->nparams ? req->params[i] : NULL;
}

int64_t request_param_id(const struct request *req, int i)
{
    const char *p = request_param(req, i);
    if (p == NULL || *p < '1' || *p > '9' || strlen(p) > 18)
        return 0;
    char *end;
    long long v = strtoll(p, &end, 10);
    return *end == '\0' ? v : 0;
}

const char *request_query(const struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_GET_ARGUMENT_KIND, name);
}

int request_query_bool(struct request *req, const char *name, bool *out)
{
    const char *v = request_query(req, name);
    *out = v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
    if (v && !*out && strcmp(v, "false") != 0 && strcmp(v, "0") != 0)
        return err_set(&req->err, ERR_INVALID, name, "%s must be true or false", name);
    return 0;
}

int request_query_enum(struct request *req, const char *name, const char *const *values,
                       const char *fallback, const char **out)
{
    const char *v = request_query(req, name);
    *out = fallback;
    if (v == NULL)
        return 0;
    for (const char *const *s = values; *s; s++) {
        if (strcmp(*s, v) == 0) {
            *out = *s;
            return 0;
        }
    }
    /* the words of a list filter's refusal (src/model/table_list.c), which the page turns into
     * "<label> must be one of: ..." */
    int rc = err_set(&req->err, ERR_INVALID, name, "%s is not an allowed value", name);
    for (const char *const *s = values; *s && req->err.nallowed < 16; s++)
        req->err.allowed[req->err.nallowed++] = *s;
    return rc;
}

int request_query_date(struct request *req, const char *name, bool required, const char **text,
                       time_t *t)
{
    const char *v = request_query(req, name);
    if (v == NULL || (required && *v == '\0')) {
        if (required)
            return err_set(&req->err, ERR_INVALID, name, "%s is required (YYYY-MM-DD)", name);
        return 0;
    }
    time_t when;
    if (!time_parse_date(v, &when))
        return err_set(&req->err, ERR_INVALID, name, "%s must be a date (YYYY-MM-DD)", name);
    *text = v;
    *t = when;
    return 0;
}

const char *request_header(const struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, name);
}

const char *request_cookie(const struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_COOKIE_KIND, name);
}

bool request_https(struct request *req)
{
    const char *public_url = req->config->public_url;
    if (public_url && strncasecmp(public_url, "https://", 8) == 0)
        return true;
    const char *proto = request_header(req, "X-Forwarded-Proto");
    if (proto == NULL || strcasecmp(proto, "https") != 0 || req->config->trusted_proxies.n == 0)
        return false;
    struct netaddr peer = {0};
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(req->connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info && info->client_addr && netaddr_from_sockaddr(info->client_addr, &peer) &&
           netaddr_list_contains(&req->config->trusted_proxies, &peer);
}

const char *request_user_agent(const struct request *req)
{
    const char *agent = request_header(req, "User-Agent");
    size_t n = agent ? strlen(agent) : 0;
    return n > 0 && n <= REQUEST_USER_AGENT_MAX && utf8_valid(agent, n) ? agent : NULL;
}

/* Appends each X-Forwarded-For line to the buffer in cls (comma-separated), in order. */
static enum MHD_Result gather_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
                                        const char *value)
{
    struct buf *b = cls;
    if (strcasecmp(key, "X-Forwarded-For") == 0 && value && b->len < 4096) {
        if (b->len)
            buf_putc(b, ',');
        buf_puts(b, value);
    }
    return MHD_YES;
}

struct netaddr request_client(struct request *req)
{
    struct netaddr peer = {0};
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(req->connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info && info->client_addr)
        netaddr_from_sockaddr(info->client_addr, &peer);
    const struct netaddr_list *trusted = &req->config->trusted_proxies;
    if (trusted->n == 0 || !netaddr_list_contains(trusted, &peer))
        return peer;
    struct buf xff;
    buf_init(&xff);
    MHD_get_connection_values(req->connection, MHD_HEADER_KIND, gather_forwarded, &xff);
    struct netaddr client = netaddr_client(&peer, xff.len ? xff.data : NULL, trusted);
    buf_free(&xff);
    return client;
}

const char *request_client_address(struct request *req)
{
    struct netaddr client = request_client(req);
    char text[NETADDR_TEXT_LEN];
    netaddr_format(&client, text);
    return arena_strdup(&req->arena, text);
}

bool request_content_type_is(const struct request *req, const char *type)
{
    const char *ct = request_header(req, "Content-Type");
    if (ct == NULL)
        return false;
    while (*ct == ' ')
        ct++;
    size_t n = strlen(type);
    return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* The name of the member whose value holds byte offset pos of the JSON text data: a member of
 * the top-level object, or of an object at the top level of an array (a row of the import), as
 * written (escapes kept), cut to fit out; empty when pos is in no member. Strings are skipped
 * whole, so braces, brackets, colons and commas inside them count for nothing. */
static void member_at(const char *data, size_t len, size_t pos, char *out, size_t n)
{
    int depth = 0, level = 1; /* the depth of the objects whose members are named */
    size_t str = 0, str_len = 0, key = 0, key_len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < pos && i < len; i++) {
        char c = data[i];
        if (c == '"') {
            str = ++i;
            while (i < len && data[i] != '"')
                i += data[i] == '\\' ? 2 : 1;
            str_len = (i < len ? i : len) - str;
        } else if (c == '{' || c == '[') {
            if (depth++ == 0 && c == '[')
                level = 2;
        } else if (c == '}' || c == ']') {
            if (depth-- == level)
                key_len = 0;
        } else if (c == ':' && depth == level) {
            key = str, key_len = str_len;
        } else if (c == ',' && depth == level) {
            key_len = 0;
        }
    }
    if (key_len > 0)
        snprintf(out, n, "%.*s", (int)(key_len < n ? key_len : n - 1), data + key);
}

int request_parse_json(struct request *req, bool optional)
{
    const char *data = req->body.data ? req->body.data : "";
    size_t blank = 0;
    while (blank < req->body.len && strchr(" \t\r\n", data[blank]) && data[blank])
        blank++;
    if (optional && blank == req->body.len)
        return 0;
    if (!request_content_type_is(req, "application/json"))
        return err_set(&req->err, ERR_UNSUPPORTED, NULL,
                       "the body must be JSON (Content-Type: application/json)");
    json_error_t jerr;
    req->json = json_loadb(data, req->body.len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    /* a number that does not fit (an integer beyond 64 bits, a real beyond a double's range) is
     * well-formed JSON with a value out of range: 422 naming the member, as SPEC has it for a
     * well-formed but invalid value (no field takes such a number) */
    if (req->json == NULL && json_error_code(&jerr) == json_error_numeric_overflow) {
        char field[sizeof req->err.field];
        member_at(data, req->body.len, (size_t)jerr.position, field, sizeof field);
        if (field[0])
            return err_set(&req->err, ERR_INVALID, field, "%s is out of range", field);
        return err_set(&req->err, ERR_INVALID, NULL, "a number in the body is out of range");
    }
    if (req->json == NULL)
        return err_set(&req->err, ERR_BAD_REQUEST, NULL, "malformed JSON: %s (line %d)", jerr.text,
                       jerr.line);
    /* well-formed JSON that no route takes (a string, number, boolean or null): 422, as SPEC
     * has it for a well-formed but invalid value */
    if (!json_is_object(req->json) && !json_is_array(req->json)) {
        json_decref(req->json);
        req->json = NULL;
        return err_set(&req->err, ERR_INVALID, NULL, "the body must be a JSON object");
    }
    return 0;
}

static int hex_value(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

size_t request_unescape(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        int hi = r[0] == '%' ? hex_value(r[1]) : -1, lo = hi >= 0 ? hex_value(r[2]) : -1;
        if (lo >= 0 && (hi | lo) != 0) {
            *w++ = (char)(hi << 4 | lo);
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

struct each_ctx {
    int (*fn)(void *, const char *, const char *);
    void *ctx;
    int rc;
};

static enum MHD_Result on_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    struct each_ctx *c = cls;
    c->rc = c->fn(c->ctx, key, value ? value : "");
    return c->rc ? MHD_NO : MHD_YES;
}

int request_each_query(const struct request *req,
                       int (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
    struct each_ctx c = {fn, ctx, 0};
    MHD_get_connection_values(req->connection, MHD_GET_ARGUMENT_KIND, on_query_arg, &c);
    return c.rc;
}
