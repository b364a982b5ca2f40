/* This file implements the transport's half of list routes (list.h). */
#include "list.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"
#include "reply.h"

static int parse_count(const char *v, const char *name, int64_t fallback, int64_t max, int64_t *out,
                       struct err *e)
{
    if (v == NULL) {
        *out = fallback;
        return 0;
    }
    /* digits only (strtoll alone would take a sign and leading blanks), within int64 (it
     * clamps to LLONG_MAX with ERANGE, which would read ?offset=99999999999999999999 as
     * 9223372036854775807) */
    size_t digits = strspn(v, "0123456789");
    errno = 0;
    long long n = digits > 0 && v[digits] == '\0' ? strtoll(v, NULL, 10) : -1;
    if (n < 0 || errno == ERANGE || (max && n > max) || (max && n < 1))
        return max ? err_set(e, ERR_INVALID, name, "%s must be an integer from 1 to %lld", name,
                             (long long)max)
                   : err_set(e, ERR_INVALID, name, "%s must be a non-negative integer", name);
    *out = n;
    return 0;
}

int http_list_parse(const char *limit, const char *offset, const char *sort, struct list_params *p,
                    struct err *e)
{
    int rc = parse_count(limit, "limit", LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT, &p->limit, e);
    if (rc == 0)
        rc = parse_count(offset, "offset", 0, 0, &p->offset, e);
    if (rc)
        return rc;
    p->desc = sort && sort[0] == '-';
    p->sort = sort && (sort[0] == '-' || sort[0] == '+') ? sort + 1 : sort;
    return 0;
}

int http_query_count(struct request *req, const char *name, int64_t fallback, int64_t max,
                     int64_t *out)
{
    assert(max >= 1 && fallback >= 1 && fallback <= max);
    return parse_count(request_query(req, name), name, fallback, max, out, &req->err);
}

int http_page_params(struct request *req, struct list_params *p)
{
    /* a ranked list has no field to sort by: ?sort= is refused as an unknown sort field is on
     * every other list (422 naming sort), not ignored while the answer keeps its ranking */
    const char *sort = request_query(req, "sort");
    if (sort != NULL)
        return err_set(&req->err, ERR_INVALID, "sort",
                       "cannot sort by %s: this list is ranked and takes no sort", sort);
    return http_list_parse(request_query(req, "limit"), request_query(req, "offset"), NULL, p,
                           &req->err);
}

struct collect {
    struct request *req;
    struct list_arg *args;
    size_t n, cap;
};

/* Keeps each argument name once, with the value request_query gives for it (the first). */
static int on_argument(void *ctx, const char *key, const char *value)
{
    struct collect *c = ctx;
    if (strcmp(key, "limit") == 0 || strcmp(key, "offset") == 0 || strcmp(key, "sort") == 0)
        return 0;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->args[i].name, key) == 0)
            return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        struct list_arg *bigger = arena_alloc(&c->req->arena, cap * sizeof *bigger);
        if (c->n)
            memcpy(bigger, c->args, c->n * sizeof *bigger);
        c->args = bigger;
        c->cap = cap;
    }
    const char *first = request_query(c->req, key);
    c->args[c->n++] = (struct list_arg){arena_strdup(&c->req->arena, key),
                                        first ? arena_strdup(&c->req->arena, first) : NULL};
    return 0;
}

int http_list_params(struct request *req, struct list_params *p)
{
    memset(p, 0, sizeof *p);
    int rc = http_list_parse(request_query(req, "limit"), request_query(req, "offset"),
                             request_query(req, "sort"), p, &req->err);
    if (rc)
        return rc;
    struct collect c = {.req = req};
    request_each_query(req, on_argument, &c);
    p->args = c.args;
    p->nargs = c.n;
    /* filters reach the database as text: bytes that are not UTF-8 are refused here (the
     * sort name is checked against the list's own names) */
    for (size_t i = 0; i < c.n; i++) {
        const char *name = c.args[i].name, *value = c.args[i].value ? c.args[i].value : "";
        if (!utf8_valid(name, strlen(name)) || !utf8_valid(value, strlen(value)))
            return err_set(&req->err, ERR_INVALID, name, "%s must be UTF-8 text", name);
    }
    return 0;
}

static const char list_head[] = "{\"items\":";
#define LIST_HEAD_LEN (sizeof list_head - 1)
#define LIST_ROW_RESERVE 1024 /* bytes per row reserved up front (a job is about 1.4 KB) */

void http_list_items_begin(struct buf *items, const struct list_params *p)
{
    assert(p->limit >= 1 && p->limit <= LIST_MAX_LIMIT);
    buf_init(items);
    buf_grow(items, LIST_HEAD_LEN + 64 + (size_t)p->limit * LIST_ROW_RESERVE);
    buf_append(items, list_head, LIST_HEAD_LEN);
}

void http_list_items_end(struct buf *items, int64_t total, const struct list_params *p)
{
    assert(p->limit >= 1 && p->limit <= LIST_MAX_LIMIT && p->offset >= 0);
    assert(items->len >= LIST_HEAD_LEN + 2 && memcmp(items->data, list_head, LIST_HEAD_LEN) == 0 &&
           items->data[LIST_HEAD_LEN] == '[' && items->data[items->len - 1] == ']');
    /* the members in json_pack's order, the integers as jansson writes them ("%lld") */
    char tail[96];
    int n = snprintf(tail, sizeof tail, ",\"total\":%lld,\"limit\":%lld,\"offset\":%lld}",
                     (long long)total, (long long)p->limit, (long long)p->offset);
    assert(n > 0 && (size_t)n < sizeof tail);
    buf_append(items, tail, (size_t)n);
}

int http_reply_list(struct request *req, struct buf *items, int64_t total,
                    const struct list_params *p)
{
    http_list_items_end(items, total, p);
    return http_reply_json_buf(req, 200, items);
}

/* The page of p from page, or from owner for the caller's rows, in the 200 envelope. */
static int reply_page(struct request *req, const struct list_params *p, page_fn page,
                      owner_list_fn owner)
{
    struct buf items;
    http_list_items_begin(&items, p);
    int64_t total;
    int rc;
    if (page) {
        rc = page(req, p, &items, &total);
    } else {
        assert(owner);
        rc = owner(request_db(req), req->user_id, p, &req->arena, &items, &total, &req->err);
    }
    if (rc == 0)
        rc = http_reply_list(req, &items, total, p);
    buf_free(&items);
    return rc;
}

int http_reply_owner_list(struct request *req, owner_list_fn list)
{
    struct list_params p;
    int rc = http_list_params(req, &p);
    return rc ? rc : reply_page(req, &p, NULL, list);
}

int http_reply_paged(struct request *req, page_fn page)
{
    struct list_params p;
    int rc = http_list_params(req, &p);
    return rc ? rc : reply_page(req, &p, page, NULL);
}

int http_reply_page(struct request *req, const struct list_params *p, page_fn page)
{
    return reply_page(req, p, page, NULL);
}
