/*
 * This file tests the pure half of src/model/capture.c, capture_extract: every page of
 * tests/fixtures/postings against expected.json (the tests run from the repository root), then
 * the JSON-LD, microdata, Open Graph and <title> rules one by one on small pages: types,
 * @graph, mainEntity, wrappers and raw line breaks, salaries, lengths, character sets and
 * pages with nothing to take.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define FIXTURE_DIR "tests/fixtures/postings/"
#include "../fixture.h"

#include "model/capture.h"

static void expect_json(const char *what, json_t *got, json_t *want)
{
    if (!json_equal(got, want)) {
        char *g = json_dumps(got, JSON_INDENT(2) | JSON_SORT_KEYS);
        char *w = json_dumps(want, JSON_INDENT(2) | JSON_SORT_KEYS);
        fail_msg("%s:\ngot  %s\nwant %s", what, g, w);
    }
}

static void test_fixtures(void **state)
{
    size_t len;
    char *text = read_fixture("expected.json", &len);
    json_error_t jerr;
    json_t *expected = json_loads(text, 0, &jerr);
    free(text);
    assert_non_null(expected);
    json_t *cases = json_object_get(expected, "cases");
    assert_true(json_array_size(cases) >= 10);
    size_t i;
    json_t *c;
    json_array_foreach(cases, i, c)
    {
        const char *name = json_string_value(json_object_get(c, "name"));
        char *page = read_fixture(json_string_value(json_object_get(c, "file")), &len);
        struct capture_draft d;
        struct err e = {0};
        int rc =
            capture_extract(page, len, NULL, json_string_value(json_object_get(c, "url")), &d, &e);
        if (rc)
            fail_msg("%s: %s", name, e.message);
        assert_string_equal(d.extracted_from,
                            json_string_value(json_object_get(c, "extracted_from")));
        expect_json(name, d.job, json_object_get(c, "job"));
        expect_json(name, d.missing, json_object_get(c, "missing"));
        /* the same page sent as text (the bookmarklet's way) gives the same draft */
        struct capture_draft again;
        assert_int_equal(capture_extract(page, len, "UTF-8",
                                         json_string_value(json_object_get(c, "url")), &again, &e),
                         0);
        expect_json(name, again.job, d.job);
        capture_draft_free(&again);
        capture_draft_free(&d);
        free(page);
    }
    json_decref(expected);
}

/* Extracts from html at url and returns the job (the draft's other parts in *from). */
static json_t *extract(const char *html, const char *url, const char **from)
{
    struct capture_draft d;
    struct err e = {0};
    int rc = capture_extract(html, strlen(html), NULL, url, &d, &e);
    if (rc)
        fail_msg("extract failed: %s\n%s", e.message, html);
    json_t *job = json_incref(d.job);
    if (from)
        *from = d.extracted_from;
    capture_draft_free(&d);
    return job;
}

static const char *str(json_t *job, const char *name)
{
    return json_string_value(json_object_get(job, name));
}

#define LD(json) "<html><head><script type=\"application/ld+json\">" json "</script></head></html>"

static void test_jsonld_shapes(void **state)
{
    const char *from;
    json_t *job = extract(LD("{\"@type\":[\"Thing\",\"schema:JobPosting\"],\"title\":\"A\","
                             "\"hiringOrganization\":\"Org\"}"),
                          "https://x.example/1", &from);
    assert_string_equal(from, "json-ld");
    assert_string_equal(str(job, "title"), "A");
    assert_string_equal(str(job, "company"), "Org");
    json_decref(job);
    job = extract(LD("{\"@type\":\"WebPage\",\"mainEntity\":{\"@type\":\"http://schema.org/"
                     "JobPosting\",\"name\":\"From name\"}}"),
                  "https://x.example/1", NULL);
    assert_string_equal(str(job, "title"), "From name");
    json_decref(job);
    /* an application/ld+json with charset, wrapped in a comment, with raw line breaks */
    job = extract("<script type=\"application/ld+json; charset=utf-8\"><!--\n"
                  "{\"@type\":\"JobPosting\",\"title\":\"Line\nbreak\"}\n--></script>",
                  "https://x.example/1", NULL);
    assert_string_equal(str(job, "title"), "Line break");
    json_decref(job);
    job = extract(LD("//<![CDATA[\n{\"@type\":\"JobPosting\",\"title\":\"Cdata\"}\n//]]>"),
                  "https://x.example/1", NULL);
    assert_string_equal(str(job, "title"), "Cdata");
    json_decref(job);
    /* a type that only ends like JobPosting is not one */
    job = extract(LD("{\"@type\":\"NotAJobPosting\",\"title\":\"No\"}") "<title>Yes</title>",
                  "https://x.example/1", &from);
    assert_string_equal(from, "title");
    assert_string_equal(str(job, "title"), "Yes");
    json_decref(job);
}

static void test_jsonld_fields(void **state)
{
    json_t *job = extract(
        LD("{\"@type\":\"JobPosting\",\"title\":\"T &amp; <b>U</b>\","
           "\"hiringOrganization\":[{\"@type\":\"Organization\",\"legalName\":\"Legal Ltd\"}],"
           "\"jobLocationType\":[\"TELECOMMUTE\"],"
           "\"jobLocation\":[{\"address\":{\"addressLocality\":\"Oslo\",\"addressCountry\":"
           "{\"@type\":\"Country\",\"name\":\"Norway\"}}},{\"address\":\"Remote\"},"
           "{\"address\":{\"addressLocality\":\"Oslo\",\"addressCountry\":\"Norway\"}}],"
           "\"employmentType\":\"VOLUNTEER, PART_TIME\","
           "\"baseSalary\":{\"currency\":\"nok\",\"value\":{\"minValue\":\"700,000\","
           "\"maxValue\":500000}},"
           "\"skills\":\"C, SQL , PostgreSQL\","
           "\"qualifications\":\"<p>5 years</p>\",\"experienceRequirements\":{\"description\":"
           "\"Backend\"},\"responsibilities\":\"Ship\","
           "\"url\":\"https://x.example/apply\",\"datePosted\":\"yesterday\"}"),
        "https://x.example/1", NULL);
    assert_string_equal(str(job, "title"), "T & U");
    assert_string_equal(str(job, "company"), "Legal Ltd");
    assert_string_equal(str(job, "location"), "Oslo, Norway; Remote");
    assert_string_equal(str(job, "remote_option"), "remote");
    assert_string_equal(str(job, "job_type"), "part-time");
    /* reversed bounds are put right; the currency is upper-cased */
    assert_int_equal(json_integer_value(json_object_get(job, "salary_min")), 500000);
    assert_int_equal(json_integer_value(json_object_get(job, "salary_max")), 700000);
    assert_string_equal(str(job, "currency"), "NOK");
    assert_string_equal(str(job, "salary_range"), "500000\xE2\x80\x93"
                                                  "700000 NOK per year");
    json_t *stack = json_object_get(job, "tech_stack");
    assert_int_equal(json_array_size(stack), 3);
    assert_string_equal(json_string_value(json_array_get(stack, 1)), "SQL");
    assert_string_equal(str(job, "requirements"), "5 years\n\nBackend");
    assert_string_equal(str(job, "responsibilities"), "Ship");
    assert_string_equal(str(job, "application_url"), "https://x.example/apply");
    assert_null(json_object_get(job, "notes")); /* "yesterday" is no date */
    json_decref(job);
}

static void test_salaries(void **state)
{
    /* per month, a single value, a bad currency, a plain number */
    json_t *job = extract(LD("{\"@type\":\"JobPosting\",\"title\":\"T\",\"baseSalary\":{"
                             "\"currency\":\"euro\",\"value\":{\"value\":5000,\"unitText\":"
                             "\"MONTH\"}}}"),
                          "https://x.example/1", NULL);
    assert_int_equal(json_integer_value(json_object_get(job, "salary_min")), 60000);
    assert_int_equal(json_integer_value(json_object_get(job, "salary_max")), 60000);
    assert_null(json_object_get(job, "currency"));
    assert_string_equal(str(job, "salary_range"), "5000 per month");
    json_decref(job);
    job = extract(LD("{\"@type\":\"JobPosting\",\"title\":\"T\",\"baseSalary\":{\"currency\":"
                     "\"USD\",\"value\":42.5,\"unitText\":\"HOUR\"}}"),
                  "https://x.example/1", NULL);
    assert_int_equal(json_integer_value(json_object_get(job, "salary_min")), 88400);
    assert_string_equal(str(job, "salary_range"), "42.50 USD per hour");
    json_decref(job);
    /* nonsense amounts are left out rather than stored */
    job = extract(LD("{\"@type\":\"JobPosting\",\"title\":\"T\",\"baseSalary\":{\"value\":{"
                     "\"minValue\":-5,\"maxValue\":1e15}}}"),
                  "https://x.example/1", NULL);
    assert_null(json_object_get(job, "salary_min"));
    assert_null(json_object_get(job, "salary_max"));
    json_decref(job);
    /* estimatedSalary when there is no baseSalary */
    job = extract(LD("{\"@type\":\"JobPosting\",\"title\":\"T\",\"estimatedSalary\":[{"
                     "\"currency\":\"USD\",\"value\":{\"minValue\":1,\"maxValue\":2,"
                     "\"unitText\":\"YEAR\"}}]}"),
                  "https://x.example/1", NULL);
    assert_int_equal(json_integer_value(json_object_get(job, "salary_max")), 2);
    json_decref(job);
}

static void test_microdata(void **state)
{
    const char *from;
    json_t *job =
        extract("<div itemscope itemtype=\"https://schema.org/JobPosting\">"
                "<h1 itemprop=\"title name\">Cook</h1>"
                "<div itemprop=\"hiringOrganization\" itemscope itemtype=\"https://schema.org/"
                "Organization\"><span itemprop=\"name\">Diner</span>"
                "<span itemprop=\"title\">not the job's title</span></div>"
                "<a itemprop=\"url\" href=\"https://diner.example/jobs/cook\">link</a>"
                "<time itemprop=\"datePosted\" datetime=\"2025-01-02\">2 Jan</time>"
                "<p itemprop=\"description\">Grill <b>and</b> fry.</p></div>",
                "https://diner.example/jobs/cook", &from);
    assert_string_equal(from, "microdata");
    assert_string_equal(str(job, "title"), "Cook");
    assert_string_equal(str(job, "company"), "Diner");
    assert_string_equal(str(job, "description"), "Grill and fry.");
    assert_string_equal(str(job, "application_url"), "https://diner.example/jobs/cook");
    assert_string_equal(str(job, "notes"), "Posted on 2025-01-02.");
    json_decref(job);
}

static void test_fallbacks(void **state)
{
    const char *from;
    /* <title> only; remote read from the title */
    json_t *job = extract("<title>Backend Engineer (Remote) at Pied Piper</title>",
                          "https://piedpiper.example/jobs", &from);
    assert_string_equal(from, "title");
    assert_string_equal(str(job, "title"), "Backend Engineer (Remote)");
    assert_string_equal(str(job, "company"), "Pied Piper");
    assert_string_equal(str(job, "remote_option"), "remote");
    assert_string_equal(str(job, "source"), "other");
    json_decref(job);
    /* og:site_name names the employer unless it is a board */
    job = extract("<meta property=\"og:title\" content=\"Welder\">"
                  "<meta property=\"og:site_name\" content=\"Glassdoor\">"
                  "<meta name=\"description\" content=\"Weld things.\">",
                  "https://www.glassdoor.com/job-listing/1", &from);
    assert_string_equal(from, "opengraph");
    assert_null(json_object_get(job, "company"));
    assert_string_equal(str(job, "description"), "Weld things.");
    json_decref(job);
    job = extract("<meta property=\"og:title\" content=\"Welder\">"
                  "<meta property=\"og:site_name\" content=\"Krusty Krab\">",
                  "https://krusty.example/1", NULL);
    assert_string_equal(str(job, "company"), "Krusty Krab");
    json_decref(job);
    /* an SVG title is not the page's */
    job = extract("<body><svg><title>icon</title></svg></body><title>Real</title>",
                  "https://x.example/1", NULL);
    assert_string_equal(str(job, "title"), "Real");
    json_decref(job);
}

static void test_nothing_to_take(void **state)
{
    static const char *const pages[] = {
        "",
        "<html><body><p>No posting here.</p></body></html>",
        "\x01\x02\x03",
        LD("{\"@type\":\"JobPosting\"}"),
        "<title>   </title>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        struct capture_draft d;
        struct err e = {0};
        assert_int_equal(
            capture_extract(pages[i], strlen(pages[i]), NULL, "https://x.example/", &d, &e),
            ERR_INVALID);
        assert_string_equal(e.field, "html");
        assert_null(d.job);
    }
}

static void test_lengths_and_encodings(void **state)
{
    /* a title longer than jobs allow is cut on a character boundary */
    char html[2048] = "<title>";
    for (int i = 0; i < 300; i++)
        strcat(html, "\xC3\xA9");
    strcat(html, "</title>");
    json_t *job = extract(html, "https://x.example/1", NULL);
    assert_int_equal(strlen(str(job, "title")), 254); /* 127 two-byte characters */
    json_decref(job);
    /* Latin-1 bytes read through the page's own <meta charset> */
    job = extract("<meta charset=\"iso-8859-1\"><title>Koch in Z\xFCrich</title>",
                  "https://x.example/1", NULL);
    assert_string_equal(str(job, "title"), "Koch in Z\xC3\xBCrich");
    json_decref(job);
    /* text that arrived as UTF-8 keeps it whatever the meta says */
    struct capture_draft d;
    struct err e = {0};
    const char *utf8 = "<meta charset=\"iso-8859-1\"><title>Koch in Z\xC3\xBCrich</title>";
    assert_int_equal(capture_extract(utf8, strlen(utf8), "UTF-8", "https://x.example/1", &d, &e),
                     0);
    assert_string_equal(str(d.job, "title"), "Koch in Z\xC3\xBCrich");
    capture_draft_free(&d);
    /* a URL that is not http(s) gives no source_url */
    job = extract("<title>T</title>", "ftp://x.example/1", NULL);
    assert_null(json_object_get(job, "source_url"));
    json_decref(job);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),        cmocka_unit_test(test_jsonld_shapes),
        cmocka_unit_test(test_jsonld_fields),   cmocka_unit_test(test_salaries),
        cmocka_unit_test(test_microdata),       cmocka_unit_test(test_fallbacks),
        cmocka_unit_test(test_nothing_to_take), cmocka_unit_test(test_lengths_and_encodings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
