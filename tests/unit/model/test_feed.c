/*
 * This file tests src/model/feed.c, the readers of what discovery fetches: Greenhouse, Lever and
 * Ashby answers and RSS/Atom feeds from tests/fixtures/boards (the tests run from the repository
 * root) mapped to job bodies, and answers that are not what the board sends: not JSON, the wrong
 * shape, not XML, a feed declaring entities (billion laughs, external entities).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define FIXTURE_DIR "tests/fixtures/boards/"
#include "../fixture.h"

#include "model/feed.h"

static json_t *parse(const char *kind, const char *file, const char *company)
{
    size_t len;
    char *data = read_fixture(file, &len);
    json_t *jobs;
    struct err e = {0};
    if (feed_parse(kind, data, len, company, &jobs, &e) != 0)
        fail_msg("%s: %s", file, e.message);
    free(data);
    return jobs;
}

static const char *str(json_t *job, const char *name)
{
    return json_string_value(json_object_get(job, name));
}

static json_int_t num(json_t *job, const char *name)
{
    return json_integer_value(json_object_get(job, name));
}

static void test_greenhouse(void **state)
{
    json_t *jobs = parse("greenhouse", "greenhouse-acmerobotics.json", "Acme Robotics");
    assert_int_equal(json_array_size(jobs), 3);
    json_t *a = json_array_get(jobs, 0);
    assert_string_equal(str(a, "title"), "Senior Backend Engineer");
    assert_string_equal(str(a, "company"), "Acme Robotics");
    assert_string_equal(str(a, "location"), "Berlin, Germany");
    assert_string_equal(str(a, "description"),
                        "We build the software that runs 4,000 warehouse robots.\n\n"
                        "- Go & PostgreSQL");
    assert_string_equal(str(a, "source_url"),
                        "https://boards.greenhouse.io/acmerobotics/jobs/4012345");
    assert_string_equal(str(a, "source"), "api");
    assert_string_equal(str(a, "notes"), "Posted on 2025-11-20.");
    assert_null(json_object_get(a, "remote_option"));
    assert_string_equal(str(json_array_get(jobs, 1), "remote_option"), "remote");
    assert_null(json_object_get(json_array_get(jobs, 2), "title")); /* left for validation */
    json_decref(jobs);
    size_t len;
    char *board = read_fixture("greenhouse-acmerobotics-board.json", &len);
    char *name = feed_greenhouse_name(board, len);
    assert_string_equal(name, "Acme Robotics");
    free(name);
    free(board);
    assert_null(feed_greenhouse_name("[]", 2));
    assert_null(feed_greenhouse_name("nope", 4));
}

static void test_lever(void **state)
{
    json_t *jobs = parse("lever", "lever-northwind.json", "Northwind Traders");
    assert_int_equal(json_array_size(jobs), 2);
    json_t *a = json_array_get(jobs, 0), *b = json_array_get(jobs, 1);
    assert_string_equal(str(a, "title"), "Platform Engineer");
    assert_string_equal(str(a, "company"), "Northwind Traders");
    assert_string_equal(str(a, "job_type"), "full-time");
    assert_string_equal(str(a, "remote_option"), "remote");
    assert_int_equal(num(a, "salary_min"), 150000);
    assert_int_equal(num(a, "salary_max"), 185000);
    assert_string_equal(str(a, "currency"), "USD");
    assert_string_equal(str(a, "notes"), "Posted on 2025-10-28.");
    assert_string_equal(
        str(a, "application_url"),
        "https://jobs.lever.co/northwind/7c6a4e2d-1b3f-4a5c-9d8e-2f1a0b9c8d7e/apply");
    assert_non_null(strstr(str(a, "description"), "What you bring\n\n- 5 years with Go\n\nWe are"));
    assert_string_equal(str(b, "remote_option"), "onsite");
    assert_string_equal(str(b, "job_type"), "part-time");
    assert_int_equal(num(b, "salary_min"), 21 * 2080);
    assert_string_equal(str(b, "salary_range"), "21\xE2\x80\x93"
                                                "24 USD per hour");
    assert_string_equal(str(b, "location"), "Seattle, WA");
    json_decref(jobs);
}

static void test_ashby(void **state)
{
    json_t *jobs = parse("ashby", "ashby-lumen.json", "Lumen Labs");
    assert_int_equal(json_array_size(jobs), 2); /* the unlisted one is left out */
    json_t *a = json_array_get(jobs, 0), *b = json_array_get(jobs, 1);
    assert_string_equal(str(a, "location"), "Toronto; New York");
    assert_string_equal(str(a, "remote_option"), "remote");
    assert_string_equal(str(a, "job_type"), "full-time");
    assert_int_equal(num(a, "salary_min"), 210000);
    assert_string_equal(str(a, "currency"), "CAD");
    assert_string_equal(str(a, "description"),
                        "About the role\n\nLead our ranking models from research to production.");
    assert_string_equal(str(b, "job_type"), "contract");
    assert_string_equal(str(b, "remote_option"), "hybrid");
    assert_null(json_object_get(b, "salary_min"));
    json_decref(jobs);
}

static void test_rss_and_atom(void **state)
{
    json_t *jobs = parse("rss", "feed-rss.xml", NULL);
    assert_int_equal(json_array_size(jobs), 3);
    assert_string_equal(str(json_array_get(jobs, 0), "title"), "Embedded C Developer");
    assert_string_equal(str(json_array_get(jobs, 0), "company"), "Initrode");
    assert_string_equal(str(json_array_get(jobs, 0), "description"),
                        "Firmware for medical pumps. Remote within the EU.");
    assert_string_equal(str(json_array_get(jobs, 0), "source"), "rss");
    assert_string_equal(str(json_array_get(jobs, 1), "description"),
                        "Linux drivers. Hybrid in Austin."); /* content:encoded first */
    assert_string_equal(str(json_array_get(jobs, 2), "company"), "Remote C jobs");
    assert_string_equal(str(json_array_get(jobs, 2), "source_url"),
                        "https://jobs.example.org/c/1043-compiler-engineer"); /* the guid */
    json_decref(jobs);
    jobs = parse("rss", "feed-atom.xml", "Hooli");
    assert_int_equal(json_array_size(jobs), 2);
    assert_string_equal(str(json_array_get(jobs, 0), "source_url"),
                        "https://careers.hooli.example/jobs/42-product-designer");
    assert_string_equal(str(json_array_get(jobs, 0), "company"), "Hooli");
    assert_string_equal(str(json_array_get(jobs, 0), "notes"), "Posted on 2025-11-19.");
    assert_string_equal(str(json_array_get(jobs, 1), "description"), "Keep Nucleus up.");
    json_decref(jobs);
    size_t len;
    char *data = read_fixture("feed-atom.xml", &len);
    char *title = feed_title(data, len);
    assert_string_equal(title, "Hooli Careers");
    free(title);
    free(data);
}

static void expect_refused(const char *kind, const char *data, const char *words)
{
    json_t *jobs = (json_t *)1;
    struct err e = {0};
    assert_int_equal(feed_parse(kind, data, strlen(data), NULL, &jobs, &e), ERR_INVALID);
    assert_null(jobs);
    if (strstr(e.message, words) == NULL)
        fail_msg("%s \"%.40s\": \"%s\" does not say \"%s\"", kind, data, e.message, words);
}

static void test_refused(void **state)
{
    expect_refused("greenhouse", "<html>", "did not answer JSON");
    expect_refused("greenhouse", "[]", "no jobs list");
    expect_refused("greenhouse", "{\"jobs\": {}}", "no jobs list");
    expect_refused("lever", "{\"postings\": []}", "not a list of postings");
    expect_refused("ashby", "{}", "no jobs list");
    expect_refused("rss", "", "not XML");
    expect_refused("rss", "{\"json\": true}", "not XML");
    expect_refused("rss", "<html><body>a page</body></html>", "neither an RSS nor an Atom");
    expect_refused("rss",
                   "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
                   "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                   "<rss><channel><item><title>&b;</title></item></channel></rss>",
                   "declares entities");
    expect_refused("rss",
                   "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
                   "\"file:///etc/passwd\">]><rss><channel><item><title>&x;</title></item>"
                   "</channel></rss>",
                   "declares entities");
    expect_refused("workday", "{}", "unknown kind");
    /* members of the wrong type are skipped, not trusted */
    json_t *jobs;
    struct err e = {0};
    const char *odd = "{\"jobs\": [1, \"x\", {\"title\": 5, \"absolute_url\": \"javascript:x\"}]}";
    assert_int_equal(feed_parse("greenhouse", odd, strlen(odd), "C", &jobs, &e), 0);
    assert_int_equal(json_array_size(jobs), 1);
    assert_null(json_object_get(json_array_get(jobs, 0), "title"));
    assert_null(json_object_get(json_array_get(jobs, 0), "source_url"));
    json_decref(jobs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_greenhouse), cmocka_unit_test(test_lever),
        cmocka_unit_test(test_ashby),      cmocka_unit_test(test_rss_and_atom),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
