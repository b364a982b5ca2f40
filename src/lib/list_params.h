/*
 * This file declares the parameters of a list request as the transport hands them to the
 * model, in no one's vocabulary but their own: paging (limit, offset), the sort asked for (a
 * name and a direction) and every other query argument as raw text. src/http/list.c fills it
 * from the query string (and checks the paging numbers); src/model/table_list.c checks the sort
 * name and the filter arguments against a table's list spec and fields, and builds the SQL.
 */
#ifndef COPILOT_LIB_LIST_PARAMS_H
#define COPILOT_LIB_LIST_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LIST_DEFAULT_LIMIT 20
#define LIST_MAX_LIMIT 100

/* One query argument: value NULL for "?name" without '='. */
struct list_arg {
    const char *name;
    const char *value;
};

struct list_params {
    int64_t limit;    /* 1..LIST_MAX_LIMIT, LIST_DEFAULT_LIMIT when not given */
    int64_t offset;   /* >= 0, 0 when not given */
    const char *sort; /* the name asked for without its sign, or NULL: the list's default */
    bool desc;        /* ?sort=-name */
    const struct list_arg *args; /* the other arguments, in order, each name once (the first) */
    size_t nargs;
};

/* The value of argument name, or NULL when it was not given (or given without a value). */
const char *list_params_get(const struct list_params *p, const char *name);

#endif
