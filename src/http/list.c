/* This file implements the shared list helpers of list.h. */
#include "list.h"

#include <stdlib.h>
#include <string.h>

#include "../lib/timeutil.h"
#include "../store/store.h"
#include "reply.h"

static int parse_count(struct request *req, const char *name, int64_t fallback, int64_t max,
                       int64_t *out)
{
    const char *v = request_query(req, name);
    if (v == NULL) {
        *out = fallback;
        return 0;
    }
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n < 0 || (max && n > max) || (max && n < 1))
        return max ? err_set(&req->err, ERR_INVALID, name, "%s must be an integer from 1 to %lld",
                             name, (long long)max)
                   : err_set(&req->err, ERR_INVALID, name, "%s must be a non-negative integer",
                             name);
    *out = n;
    return 0;
}

static int parse_sort(struct request *req, const struct list_spec *spec, struct list_query *q)
{
    const char *v = request_query(req, "sort");
    if (v == NULL)
        v = spec->default_sort;
    q->desc = v[0] == '-';
    const char *name = v[0] == '-' || v[0] == '+' ? v + 1 : v;
    for (const char *const *s = spec->sortable; *s; s++) {
        if (strcmp(*s, name) == 0) {
            q->sort = *s;
            return 0;
        }
    }
    int rc = err_set(&req->err, ERR_INVALID, "sort", "cannot sort by %s", name);
    for (const char *const *s = spec->sortable; *s && req->err.nallowed < 16; s++)
        req->err.allowed[req->err.nallowed++] = *s;
    return rc;
}

/* Validates one filter argument against the field it targets and adds it to q. */
static int add_filter(struct request *req, const struct table *r, const struct list_param *p,
                      const char *value, struct list_query *q)
{
    struct list_filter *f = &q->filters[q->nfilters];
    f->column = p->column;
    f->op = p->op;
    if (p->op == FILTER_FULLTEXT) {
        char *arg = store_fulltext_arg(request_db(req), value);
        if (arg == NULL)
            return 0; /* nothing searchable: no filter */
        f->value = SV_TEXT(arena_strdup(&req->arena, arg));
        free(arg);
        q->nfilters++;
        return 0;
    }
    const struct field *field = table_field(r, p->column);
    if (p->op == FILTER_CONTAINS) { /* any text: an element of the array column */
        f->value = SV_TEXT(value);
        q->nfilters++;
        return 0;
    }
    time_t t;
    char *end;
    switch (field->type) {
    case FT_INT: {
        long long n = strtoll(value, &end, 10);
        if (*value == '\0' || *end != '\0')
            return err_set(&req->err, ERR_INVALID, p->name, "%s must be an integer", p->name);
        f->value = SV_INT(n);
        break;
    }
    case FT_BOOL:
        if (strcmp(value, "true") && strcmp(value, "false"))
            return err_set(&req->err, ERR_INVALID, p->name, "%s must be true or false", p->name);
        f->value = SV_BOOL(strcmp(value, "true") == 0);
        break;
    case FT_DATE:
        if (!time_parse_date(value, &t))
            return err_set(&req->err, ERR_INVALID, p->name, "%s must be a date (YYYY-MM-DD)",
                           p->name);
        f->value = SV_TEXT(value);
        break;
    default:
        if (field->values) {
            bool ok = false;
            for (const char *const *v = field->values; *v && !ok; v++)
                ok = strcmp(*v, value) == 0;
            if (!ok) {
                int rc =
                    err_set(&req->err, ERR_INVALID, p->name, "%s is not an allowed value", p->name);
                for (const char *const *v = field->values; *v && req->err.nallowed < 16; v++)
                    req->err.allowed[req->err.nallowed++] = *v;
                return rc;
            }
        }
        f->value = SV_TEXT(value);
    }
    q->nfilters++;
    return 0;
}

int http_list_query(struct request *req, const struct table *r, const struct list_spec *spec,
                    struct list_query *q)
{
    memset(q, 0, sizeof *q);
    int rc = parse_count(req, "limit", 20, 100, &q->limit);
    if (rc == 0)
        rc = parse_count(req, "offset", 0, 0, &q->offset);
    if (rc == 0)
        rc = parse_sort(req, spec, q);
    for (const struct list_param *p = spec->params; rc == 0 && p && p->name; p++) {
        const char *value = request_query(req, p->name);
        if (value && q->nfilters < LIST_MAX_FILTERS)
            rc = add_filter(req, r, p, value, q);
    }
    return rc;
}

int http_reply_list(struct request *req, json_t *items, int64_t total, const struct list_query *q)
{
    return http_reply_json(req, 200,
                           json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total",
                                     (json_int_t)total, "limit", (json_int_t)q->limit, "offset",
                                     (json_int_t)q->offset));
}
