/*
 * Fuzzes request routing and list parameters: the first line of the input is a path, matched
 * with router_match (src/http/router.c) against the pattern of every row of api_routes, and its
 * captured segments read as ids (request_param_id); the rest is a query string, split into
 * arguments the way libmicrohttpd hands them over (after its decoding), read into struct
 * list_params as src/http/list.c does (http_list_parse for limit, offset and sort; every other
 * name once, the first value; list_params_get) and checked against the list spec of every list
 * route (table_list_query, src/model/table_list.c) with the full-text argument built by both
 * engines' backends.
 * Properties: a match captures one non-empty segment without '/' per {name} of the pattern, and
 * the pattern with its captures put back is the path; an id is positive or 0; a list request
 * that is accepted has 1 <= limit <= 100, offset >= 0, a sort the spec lists and at most
 * LIST_MAX_FILTERS filters, each on a column of the table.
 */
#include "fuzz.h"

#include "api/routes.h"
#include "http/list.h"
#include "http/request.h"
#include "http/router.h"
#include "lib/list_params.h"
#include "model/table.h"
#include "store/store_backend.h"

#define MAX_ARGS 32

static void check_match(const struct route *r, const char *path, struct arena *a)
{
    const char *params[REQUEST_MAX_PARAMS];
    int n = -1;
    if (!router_match(r->pattern, path, a, params, &n))
        return;
    int braces = 0;
    for (const char *p = r->pattern; *p; p++)
        braces += *p == '{';
    FUZZ_CHECK(n == braces);
    /* put the captures back into the pattern: the path again */
    struct buf b;
    buf_init(&b);
    int k = 0;
    for (const char *p = r->pattern; *p; p++) {
        if (*p == '{') {
            FUZZ_CHECK(params[k][0] != '\0' && strchr(params[k], '/') == NULL);
            buf_puts(&b, params[k++]);
            p = strchr(p, '}');
        } else {
            buf_putc(&b, *p);
        }
    }
    FUZZ_CHECK(b.len == strlen(path) && memcmp(b.data, path, b.len) == 0);
    buf_free(&b);
    struct request req = {.nparams = n};
    for (int i = 0; i < n; i++)
        req.params[i] = params[i];
    for (int i = 0; i < n; i++) {
        int64_t id = request_param_id(&req, i);
        FUZZ_CHECK(id >= 0);
        if (id > 0) {
            char again[32];
            snprintf(again, sizeof again, "%lld", (long long)id);
            FUZZ_CHECK(strcmp(again, params[i]) == 0);
        }
    }
}

/* The descriptor a list route's filters name: its list_table, else the stored table the shape
 * of its list is built on (the shape itself, or its base: "ApplicationWithJob" is the
 * applications table and more). */
static const struct table *list_table_of(const struct route_doc *d)
{
    if (d->list_table)
        return d->list_table;
    for (int i = 0; i < ROUTE_DOC_REPLIES; i++) {
        const struct table *t = d->replies[i].kind == RK_LIST ? d->replies[i].shape : NULL;
        while (t && t->name == NULL && t->base)
            t = t->base;
        if (t)
            return t;
    }
    return NULL;
}

static void check_list(const struct route *r, const struct list_params *p, struct arena *a)
{
    const struct route_doc *d = r->doc;
    if (d == NULL || d->list == NULL)
        return;
    const struct table *t = list_table_of(d);
    static const struct store_conn engines[] = {{&store_sqlite_ops}, {&store_pg_ops}};
    for (size_t k = 0; k < sizeof engines / sizeof *engines; k++) {
        struct list_query q;
        struct err e = {0};
        int rc = table_list_query((struct store_conn *)&engines[k], t, d->list, p, a, &q, &e);
        if (rc) {
            FUZZ_CHECK(rc == ERR_INVALID && e.field[0] != '\0');
            continue;
        }
        FUZZ_CHECK(q.limit == p->limit && q.offset == p->offset);
        bool listed = false;
        for (const char *const *s = d->list->sortable; *s; s++)
            listed = listed || q.sort == *s;
        FUZZ_CHECK(listed);
        FUZZ_CHECK(q.nfilters >= 0 && q.nfilters <= LIST_MAX_FILTERS);
        for (int i = 0; i < q.nfilters; i++)
            FUZZ_CHECK(q.filters[i].op == FILTER_FULLTEXT ||
                       (t && table_field(t, q.filters[i].column) != NULL));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    char *path = fuzz_piece(&in, '\n', NULL);
    struct arena a;
    arena_init(&a);
    for (const struct route *r = api_routes; r->method; r++)
        check_match(r, path, &a);

    /* the query: name=value pairs separated by '&' */
    char *names[MAX_ARGS], *values[MAX_ARGS];
    size_t n = 0;
    while (in.n && n < MAX_ARGS) {
        char *arg = fuzz_piece(&in, '&', NULL);
        char *eq = strchr(arg, '=');
        names[n] = arg;
        values[n] = eq ? eq + 1 : "";
        if (eq)
            *eq = '\0';
        n++;
    }
    const char *limit = NULL, *offset = NULL, *sort = NULL;
    struct list_arg args[MAX_ARGS];
    size_t nargs = 0;
    for (size_t i = 0; i < n; i++) {
        const char **special = strcmp(names[i], "limit") == 0    ? &limit
                               : strcmp(names[i], "offset") == 0 ? &offset
                               : strcmp(names[i], "sort") == 0   ? &sort
                                                                 : NULL;
        if (special) {
            if (*special == NULL)
                *special = values[i];
            continue;
        }
        bool seen = false;
        for (size_t k = 0; k < nargs; k++)
            seen = seen || strcmp(args[k].name, names[i]) == 0;
        if (!seen)
            args[nargs++] = (struct list_arg){names[i], values[i]};
    }
    struct list_params p = {0};
    struct err e = {0};
    int rc = http_list_parse(limit, offset, sort, &p, &e);
    if (rc == 0) {
        FUZZ_CHECK(p.limit >= 1 && p.limit <= LIST_MAX_LIMIT && p.offset >= 0);
        p.args = args;
        p.nargs = nargs;
        for (size_t k = 0; k < nargs; k++)
            FUZZ_CHECK(list_params_get(&p, args[k].name) == args[k].value);
        for (const struct route *r = api_routes; r->method; r++)
            check_list(r, &p, &a);
    } else {
        FUZZ_CHECK(rc == ERR_INVALID);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    arena_free(&a);
    free(path);
    return 0;
}
