/* Unit tests for the route table (src/api/routes.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/openapi.h"
#include "api/routes.h"

/* Literal routes must come before the {id} route that would also match them. */
static void test_table_order(void **state)
{
    struct arena a;
    arena_init(&a);
    const char *params[REQUEST_MAX_PARAMS];
    int n;
    const char *literal[] = {"/api/v1/jobs/import",           "/api/v1/jobs/export",
                             "/api/v1/applications/board",    "/api/v1/applications/follow-ups",
                             "/api/v1/job-sources/recognise",

                             "/api/v1/applications/pipeline"};
    for (size_t i = 0; i < sizeof literal / sizeof literal[0]; i++) {
        const struct route *first = NULL;
        for (const struct route *r = api_routes; r->method && !first; r++)
            if (router_match(r->pattern, literal[i], &a, params, &n) &&
                strchr(r->pattern, '{') == NULL)
                first = r;
        assert_non_null(first);
        for (const struct route *r = api_routes; r != first; r++)
            assert_false(router_match(r->pattern, literal[i], &a, params, &n) &&
                         strcmp(r->method, first->method) == 0);
    }
    arena_free(&a);
}

static int count_params(const char *pattern)
{
    int n = 0;
    for (const char *p = pattern; (p = strchr(p, '{')) != NULL; p++)
        n++;
    return n;
}

/* The rule router.c's find_route relies on in one pass (a path a route spells out is never
 * another route's parameter: DELETE /applications/board is 405, not the DELETE of
 * /applications/{id}): no route is preceded by one that matches its path with more
 * parameters. Each pattern is matched as a path, its "{id}" a segment like any other. */
static void test_fewer_parameters_first(void **state)
{
    struct arena a;
    arena_init(&a);
    const char *params[REQUEST_MAX_PARAMS];
    int n;
    for (const struct route *r = api_routes; r->method; r++)
        for (const struct route *q = api_routes; q != r; q++)
            if (router_match(q->pattern, r->pattern, &a, params, &n) &&
                n > count_params(r->pattern))
                fail_msg("%s %s comes before %s %s, which it would shadow", q->method, q->pattern,
                         r->method, r->pattern);
    arena_free(&a);
}

static bool is_tag(const char *name)
{
    for (const struct api_tag *t = api_tags; t->name; t++)
        if (strcmp(t->name, name) == 0)
            return true;
    return false;
}

/* Every route tells the document what it needs (src/api/routes.h): a known tag, a summary,
 * at least one reply, a body descriptor for a JSON body, the accepted media types of an
 * upload, a list spec behind every list reply, and filters the document can type. A route
 * added without them fails here, naming itself. */
static void test_every_route_is_documented(void **state)
{
    for (const struct route *r = api_routes; r->method; r++) {
        const struct route_doc *d = r->doc;
        char what[160];
        snprintf(what, sizeof what, "%s %s", r->method, r->pattern);
        if (d == NULL)
            fail_msg("%s has no DOC(...)", what);
        if (d->tag == NULL || !is_tag(d->tag))
            fail_msg("%s: tag %s is not in api_tags[]", what, d->tag ? d->tag : "(none)");
        if (d->summary == NULL || d->summary[0] == '\0')
            fail_msg("%s has no summary", what);
        if (d->replies[0].status == 0)
            fail_msg("%s documents no reply", what);
        if ((r->flags & ROUTE_JSON) && d->body == NULL)
            fail_msg("%s takes JSON (ROUTE_JSON) but names no .body descriptor", what);
        if (d->body && !(r->flags & ROUTE_JSON) && !d->body_optional && !d->upload)
            fail_msg("%s names a .body but is not ROUTE_JSON (nor .body_optional)", what);
        if (((r->flags & ROUTE_UPLOAD) != 0) != (d->upload != NULL))
            fail_msg("%s: ROUTE_UPLOAD and .upload go together", what);
        for (int i = 0; i < ROUTE_DOC_REPLIES && d->replies[i].status; i++) {
            const struct reply_doc *rep = &d->replies[i];
            if (rep->kind == RK_LIST && d->list == NULL)
                fail_msg("%s answers a list but names no .list spec", what);
            if ((rep->kind == RK_FILE || rep->kind == RK_TEXT) && rep->media == NULL)
                fail_msg("%s: a download names its .media", what);
            if (rep->kind == RK_CREATED && rep->status != 201)
                fail_msg("%s: CREATED is 201", what);
        }
        if (d->list) {
            for (const struct list_param *p = d->list->params; p && p->name; p++)
                if (p->op != FILTER_FULLTEXT && api_openapi_list_field(d, p->column) == NULL)
                    fail_msg("%s: filter %s names column %s, which the document cannot type "
                             "(set .list_table)",
                             what, p->name, p->column);
        }
        /* path parameters are positive integers unless .text_params names them */
        for (const char *const *t = d->text_params; t && *t; t++) {
            char braced[64];
            snprintf(braced, sizeof braced, "{%s}", *t);
            if (strstr(r->pattern, braced) == NULL)
                fail_msg("%s: .text_params names %s, which is not in the path", what, *t);
        }
    }
}

/* Optimistic concurrency covers every object: a PATCH, PUT or DELETE on a path whose GET answers
 * one object names that object (route.object), so If-Match is honoured there. The exceptions are
 * the recommendation feedback of a job, a small sub-row keyed by its job, the caller's bookmark
 * and rating of a resource, sub-rows keyed by their resource, the link of a contact to an
 * application, a sub-row keyed by its two ends (written by POST, removed by DELETE), and the
 * calendar feed, a token rather than an object: none is versioned. */
static void test_objects(void **state)
{
    int checked = 0;
    for (const struct route *w = api_routes; w->method; w++) {
        if (strcmp(w->method, "PATCH") && strcmp(w->method, "PUT") && strcmp(w->method, "DELETE"))
            continue;
        if (strstr(w->pattern, "/recommendation-feedback") ||
            strstr(w->pattern, "/resources/{id}/bookmark") ||
            strstr(w->pattern, "/resources/{id}/feedback") ||
            strstr(w->pattern, "/contacts/{contact_id}") || strstr(w->pattern, "/calendar/feed"))
            continue;
        bool has_get = false;
        for (const struct route *g = api_routes; g->method; g++)
            has_get |= strcmp(g->method, "GET") == 0 && strcmp(g->pattern, w->pattern) == 0;
        if (has_get) {
            if (w->object == NULL)
                fail_msg("%s %s writes an object without route.object", w->method, w->pattern);
            if (!(w->doc->errors & E412))
                fail_msg("%s %s honours If-Match but does not document 412", w->method, w->pattern);
            checked++;
        }
    }
    assert_true(checked >= 19);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_order),
        cmocka_unit_test(test_fewer_parameters_first),
        cmocka_unit_test(test_every_route_is_documented),
        cmocka_unit_test(test_objects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
