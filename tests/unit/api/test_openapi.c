/* Unit tests for the OpenAPI document (src/api/openapi.c): made from the real route table, it
 * holds exactly one operation per route and no other, its schemas carry the descriptors' rules,
 * and a table missing what the document needs is refused with the culprit named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/openapi.h"
#include "api/routes.h"
#include "model/job.h"

static json_t *build(const struct route *routes, char *problem, size_t len)
{
    return api_openapi_build(routes, api_tags, "test", problem, len);
}

static json_t *real_document(void)
{
    char problem[512];
    json_t *doc = build(api_routes, problem, sizeof problem);
    if (doc == NULL)
        fail_msg("the document of api_routes cannot be made: %s", problem);
    return doc;
}

static void lower(const char *in, char *out, size_t size)
{
    size_t i = 0;
    for (; in[i] && i + 1 < size; i++)
        out[i] = (char)(in[i] >= 'A' && in[i] <= 'Z' ? in[i] - 'A' + 'a' : in[i]);
    out[i] = '\0';
}

/* Both ways: each route is an operation, and each operation a route. */
static void test_operations_are_the_routes(void **state)
{
    json_t *doc = real_document();
    json_t *paths = json_object_get(doc, "paths");
    size_t routes = 0;
    for (const struct route *r = api_routes; r->method; r++, routes++) {
        char method[16];
        lower(r->method, method, sizeof method);
        json_t *op = json_object_get(json_object_get(paths, r->pattern), method);
        if (op == NULL)
            fail_msg("%s %s has no operation", r->method, r->pattern);
        assert_string_equal(json_string_value(json_object_get(op, "summary")), r->doc->summary);
    }
    size_t operations = 0;
    const char *path;
    json_t *item;
    json_object_foreach(paths, path, item)
    {
        const char *method;
        json_t *op;
        json_object_foreach(item, method, op)
        {
            bool found = false;
            for (const struct route *r = api_routes; r->method && !found; r++) {
                char m[16];
                lower(r->method, m, sizeof m);
                found = strcmp(r->pattern, path) == 0 && strcmp(m, method) == 0;
            }
            if (!found)
                fail_msg("operation %s %s is no route", method, path);
            operations++;
        }
    }
    assert_int_equal(operations, routes);
    json_decref(doc);
}

static json_t *schema(json_t *doc, const char *name)
{
    json_t *s =
        json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"), name);
    if (s == NULL)
        fail_msg("no schema %s", name);
    return s;
}

static bool has_string(json_t *array, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(array, i, v) if (json_is_string(v) &&
                                        strcmp(json_string_value(v), s) == 0) return true;
    return false;
}

/* The job descriptor's rules reach its schemas: required on create, enums from the same C
 * table, lengths, server-owned fields absent from the input and read-only in the reply. */
static void test_schemas_follow_the_descriptors(void **state)
{
    json_t *doc = real_document();
    json_t *input = schema(doc, "JobInput"), *patch = schema(doc, "JobPatch"),
           *job = schema(doc, "Job");
    json_t *required = json_object_get(input, "required");
    assert_true(has_string(required, "company"));
    assert_true(has_string(required, "title"));
    assert_null(json_object_get(patch, "required"));
    assert_true(json_is_false(json_object_get(input, "additionalProperties")));
    json_t *props = json_object_get(input, "properties");
    assert_null(json_object_get(props, "id"));
    assert_null(json_object_get(props, "job_fingerprint"));
    json_t *status = json_object_get(json_object_get(props, "status"), "enum");
    size_t n = 0;
    for (const char *const *s = job_statuses; *s; s++, n++)
        assert_true(has_string(status, *s));
    assert_int_equal(json_array_size(status), n); /* not null: F_NOTNULL */
    json_t *company = json_object_get(props, "company");
    assert_int_equal(json_integer_value(json_object_get(company, "maxLength")), 255);
    assert_int_equal(json_integer_value(json_object_get(company, "minLength")), 1);
    json_t *reply = json_object_get(job, "properties");
    assert_true(json_is_true(json_object_get(json_object_get(reply, "id"), "readOnly")));
    assert_null(json_object_get(reply, "application_url_key")); /* F_HIDDEN */
    assert_true(has_string(json_object_get(job, "required"), "updated_at"));
    /* a nullable text field admits null */
    assert_true(has_string(json_object_get(json_object_get(reply, "location"), "type"), "null"));
    json_decref(doc);
}

/* Errors: the derived statuses are there, each with the code http_reply_error gives it. */
static void test_errors_are_derived(void **state)
{
    json_t *doc = real_document();
    json_t *op = json_object_get(
        json_object_get(json_object_get(doc, "paths"), "/api/v1/jobs/{id}"), "patch");
    json_t *responses = json_object_get(op, "responses");
    const char *expected[] = {"200", "400", "401", "404", "409", "412", "413", "415", "422", "503"};
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (json_object_get(responses, expected[i]) == NULL)
            fail_msg("PATCH /jobs/{id} lacks %s", expected[i]);
    assert_int_equal(json_object_size(responses), sizeof expected / sizeof expected[0]);
    json_t *error =
        json_object_get(json_object_get(schema(doc, "NotFoundError"), "properties"), "error");
    json_t *codes =
        json_object_get(json_object_get(json_object_get(error, "properties"), "code"), "enum");
    assert_int_equal(json_array_size(codes), 1);
    assert_true(has_string(codes, "not_found"));
    json_t *security = json_object_get(op, "security");
    assert_non_null(json_object_get(json_array_get(security, 0), "bearerAuth"));
    assert_int_equal(json_array_size(json_object_get(json_array_get(security, 0), "bearerAuth")),
                     0);
    /* an administrators' route names the role (tests/api/authz_matrix.test.mjs reads it) */
    json_t *admin = json_object_get(
        json_object_get(json_object_get(doc, "paths"), "/api/v1/admin/users/{id}"), "patch");
    json_t *roles =
        json_object_get(json_array_get(json_object_get(admin, "security"), 0), "bearerAuth");
    assert_int_equal(json_array_size(roles), 1);
    assert_string_equal(json_string_value(json_array_get(roles, 0)), "admin");
    assert_non_null(json_object_get(json_object_get(admin, "responses"), "403"));
    json_decref(doc);
}

static int handler(struct request *req)
{
    (void)req;
    return 0;
}

static const struct field nameless_fields[] = {{"a", FT_INT, 0}, {NULL}};
static const struct table nameless = {NULL, nameless_fields, false};
static const struct table twin_a = {NULL, nameless_fields, false, "Twin"};
static const struct field other_fields[] = {{"b", FT_INT, 0}, {NULL}};
static const struct table twin_b = {NULL, other_fields, false, "Twin"};

static void expect_refused(const struct route *routes, const char *culprit)
{
    char problem[512];
    json_t *doc = build(routes, problem, sizeof problem);
    if (doc)
        fail_msg("a broken table was documented (expected a problem naming %s)", culprit);
    if (strstr(problem, culprit) == NULL)
        fail_msg("the problem \"%s\" does not name %s", problem, culprit);
}

/* What the generator refuses, naming the culprit: the guard behind every route added later. */
static void test_broken_tables_are_refused(void **state)
{
    const struct route no_doc[] = {{"GET", "/api/v1/x", handler, 0, NULL}, {NULL}};
    expect_refused(no_doc, "GET /api/v1/x");
    const struct route bad_tag[] = {
        {"GET", "/api/v1/x", handler, 0,
         DOC(.tag = "Nowhere", .summary = "x", .replies = {OBJECT(&job_table)})},
        {NULL}};
    expect_refused(bad_tag, "Nowhere");
    const struct route no_shape[] = {
        {"GET", "/api/v1/x", handler, 0,
         DOC(.tag = "Jobs", .summary = "x", .replies = {OBJECT(NULL)})},
        {NULL}};
    expect_refused(no_shape, "GET /api/v1/x");
    const struct route no_reply[] = {
        {"GET", "/api/v1/x", handler, 0, DOC(.tag = "Jobs", .summary = "x")}, {NULL}};
    expect_refused(no_reply, "GET /api/v1/x");
    const struct route no_name[] = {
        {"GET", "/api/v1/x", handler, 0,
         DOC(.tag = "Jobs", .summary = "x", .replies = {OBJECT(&nameless)})},
        {NULL}};
    expect_refused(no_name, ".schema");
    const struct route twins[] = {
        {"GET", "/api/v1/x", handler, 0,
         DOC(.tag = "Jobs", .summary = "x", .replies = {OBJECT(&twin_a)})},
        {"GET", "/api/v1/y", handler, 0,
         DOC(.tag = "Jobs", .summary = "y", .replies = {OBJECT(&twin_b)})},
        {NULL}};
    expect_refused(twins, "Twin");
    const struct route twice[] = {
        {"GET", "/api/v1/x", handler, 0,
         DOC(.tag = "Jobs", .summary = "x", .replies = {OBJECT(&job_table), OBJECT(&job_table)})},
        {NULL}};
    expect_refused(twice, "200 twice");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operations_are_the_routes),
        cmocka_unit_test(test_schemas_follow_the_descriptors),
        cmocka_unit_test(test_errors_are_derived),
        cmocka_unit_test(test_broken_tables_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
