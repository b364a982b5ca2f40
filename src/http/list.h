/*
 * This file declares the list helpers every list route shares: reading ?limit=&offset=
 * (default 20, at most 100), ?sort=field / ?sort=-field over the route's sortable fields, and
 * filters named by query arguments, each validated against the resource field it targets;
 * and writing the SPEC's list envelope {"items", "total", "limit", "offset"}.
 */
#ifndef COPILOT_HTTP_LIST_H
#define COPILOT_HTTP_LIST_H

#include "../model/table.h"
#include "request.h"

struct list_param {
    const char *name;   /* query argument */
    const char *column; /* a field of the resource (its type and allowed values validate the
                           argument); for FILTER_FULLTEXT the table name */
    enum filter_op op;
};

struct list_spec {
    const struct list_param *params; /* terminated by {NULL} */
    const char *const *sortable;     /* NULL-terminated */
    const char *default_sort;        /* "-created_at" style */
};

/* Fills q from req's query arguments. Returns 0 or ERR_INVALID naming the argument. */
int http_list_query(struct request *req, const struct table *r, const struct list_spec *spec,
                    struct list_query *q);
/* Writes the 200 list envelope (items reference stolen). Returns 0. */
int http_reply_list(struct request *req, json_t *items, int64_t total, const struct list_query *q);

#endif
