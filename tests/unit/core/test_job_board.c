/*
 * This file tests src/core/job_board.c: recognising pasted board and feed addresses, checking
 * and normalising identifiers, and the API and page addresses of each kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/job_board.h"

static void expect_board(const char *text, const char *kind, const char *identifier)
{
    struct job_board_ref ref;
    struct err e = {0};
    if (job_board_recognise(text, &ref, &e) != 0)
        fail_msg("\"%s\" not recognised: %s", text, e.message);
    if (strcmp(ref.kind, kind) != 0 || strcmp(ref.identifier, identifier) != 0)
        fail_msg("\"%s\": got %s \"%s\", want %s \"%s\"", text, ref.kind, ref.identifier, kind,
                 identifier);
    job_board_ref_free(&ref);
}

static void expect_refused(const char *text)
{
    struct job_board_ref ref;
    struct err e = {0};
    if (job_board_recognise(text, &ref, &e) != ERR_INVALID)
        fail_msg("\"%s\" should be refused, got %s \"%s\"", text ? text : "NULL",
                 ref.kind ? ref.kind : "-", ref.identifier ? ref.identifier : "-");
    assert_string_equal(e.field, "url");
    assert_null(ref.identifier);
}

static void test_recognise_boards(void **state)
{
    expect_board("https://boards.greenhouse.io/AcmeRobotics", "greenhouse", "acmerobotics");
    expect_board("https://boards.greenhouse.io/acme/jobs/4012345?gh_src=abc", "greenhouse", "acme");
    expect_board("http://job-boards.greenhouse.io/acme#top", "greenhouse", "acme");
    expect_board("boards.greenhouse.io/acme", "greenhouse", "acme");
    expect_board("  https://boards.eu.greenhouse.io/acme  ", "greenhouse", "acme");
    expect_board("https://boards.greenhouse.io/embed/job_board?for=acme&b=https://x", "greenhouse",
                 "acme");
    expect_board("https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true", "greenhouse",
                 "acme");
    expect_board("https://BOARDS.GREENHOUSE.IO:443/acme", "greenhouse", "acme");
    expect_board("https://jobs.lever.co/Northwind", "lever", "northwind");
    expect_board("https://jobs.lever.co/northwind/7c6a4e2d/apply", "lever", "northwind");
    expect_board("jobs.eu.lever.co/northwind", "lever", "northwind");
    expect_board("https://api.lever.co/v0/postings/northwind?mode=json", "lever", "northwind");
    expect_board("https://jobs.ashbyhq.com/Lumen", "ashby", "Lumen");
    expect_board("https://jobs.ashbyhq.com/lumen/5d2c8f1e/application", "ashby", "lumen");
    expect_board("https://api.ashbyhq.com/posting-api/job-board/lumen?includeCompensation=true",
                 "ashby", "lumen");
}

static void test_recognise_feeds(void **state)
{
    expect_board("https://jobs.example.org/feed.xml", "rss", "https://jobs.example.org/feed.xml");
    expect_board("HTTP://Jobs.Example.org/Feed?q=C", "rss", "http://Jobs.Example.org/Feed?q=C");
    /* other hosts of the boards' companies are feeds as far as we know */
    expect_board("https://www.greenhouse.io/blog/rss", "rss", "https://www.greenhouse.io/blog/rss");
    expect_board("https://greenhouse.io.evil.example/acme", "rss",
                 "https://greenhouse.io.evil.example/acme");
}

static void test_recognise_refused(void **state)
{
    expect_refused(NULL);
    expect_refused("");
    expect_refused("   ");
    expect_refused("ftp://jobs.example.org/feed");
    expect_refused("file:///etc/passwd");
    expect_refused("javascript://alert(1)");
    expect_refused("jobs.example.org/feed"); /* a feed needs its scheme */
    expect_refused("https://boards.greenhouse.io/");
    expect_refused("https://boards.greenhouse.io/embed/job_board");
    expect_refused("https://jobs.lever.co");
    expect_refused("https://jobs.lever.co/a%20b");
    expect_refused("https://jobs.ashbyhq.com/x'y");
    expect_refused("https://api.lever.co/v0/");
    expect_refused("https://");
    expect_refused("https:// spaced.example/feed");
}

static void test_check_and_normalise(void **state)
{
    struct err e = {0};
    assert_int_equal(job_board_check("greenhouse", "acme-robotics_2.0", &e), 0);
    assert_int_equal(job_board_check("lever", "", &e), ERR_INVALID);
    assert_string_equal(e.field, "identifier");
    char long_id[102];
    memset(long_id, 'a', 101);
    long_id[101] = '\0';
    assert_int_equal(job_board_check("ashby", long_id, NULL), ERR_INVALID);
    long_id[100] = '\0';
    assert_int_equal(job_board_check("ashby", long_id, NULL), 0);
    assert_int_equal(job_board_check("greenhouse", "a/b", NULL), ERR_INVALID);
    assert_int_equal(job_board_check("greenhouse", NULL, NULL), ERR_INVALID);
    assert_int_equal(job_board_check("rss", "https://x.example/f", NULL), 0);
    assert_int_equal(job_board_check("rss", "https://", NULL), ERR_INVALID);
    assert_int_equal(job_board_check("rss", "https://x.example/a b", NULL), ERR_INVALID);
    assert_int_equal(job_board_check("rss", "gopher://x.example/", NULL), ERR_INVALID);
    char *n = job_board_normalise("greenhouse", "AcMe");
    assert_string_equal(n, "acme");
    free(n);
    n = job_board_normalise("ashby", "AcMe");
    assert_string_equal(n, "AcMe");
    free(n);
    n = job_board_normalise("rss", "HTTPS://X.example/Feed");
    assert_string_equal(n, "https://X.example/Feed");
    free(n);
}

static void expect_url(char *got, const char *want)
{
    assert_string_equal(got, want);
    free(got);
}

static void test_addresses(void **state)
{
    expect_url(job_board_api_url("greenhouse", "https://boards-api.greenhouse.io", "acme"),
               "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true");
    expect_url(job_board_api_url("greenhouse", "http://127.0.0.1:9/greenhouse//", "acme"),
               "http://127.0.0.1:9/greenhouse/v1/boards/acme/jobs?content=true");
    expect_url(job_board_api_url("lever", "https://api.lever.co", "acme"),
               "https://api.lever.co/v0/postings/acme?mode=json");
    expect_url(job_board_api_url("ashby", "https://api.ashbyhq.com", "Acme"),
               "https://api.ashbyhq.com/posting-api/job-board/Acme?includeCompensation=true");
    expect_url(job_board_api_url("rss", NULL, "https://x.example/f"), "https://x.example/f");
    expect_url(job_board_greenhouse_board_url("https://boards-api.greenhouse.io/", "acme"),
               "https://boards-api.greenhouse.io/v1/boards/acme");
    expect_url(job_board_page_url("greenhouse", "acme"), "https://boards.greenhouse.io/acme");
    expect_url(job_board_page_url("lever", "acme"), "https://jobs.lever.co/acme");
    expect_url(job_board_page_url("ashby", "Acme"), "https://jobs.ashbyhq.com/Acme");
    expect_url(job_board_page_url("rss", "https://x.example/f"), "https://x.example/f");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recognise_boards),  cmocka_unit_test(test_recognise_feeds),
        cmocka_unit_test(test_recognise_refused), cmocka_unit_test(test_check_and_normalise),
        cmocka_unit_test(test_addresses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
