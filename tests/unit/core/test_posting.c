/*
 * This file tests src/core/posting.c: the text of HTML (tags, entities, blocks, lists,
 * entity-escaped markup, hostile input), employment types, remote words, salary periods and
 * amounts, sources from URLs, dates, board names and the page-title patterns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/posting.h"
#include "core/utf8.h"

static void expect_text(const char *html, const char *want)
{
    char *got = posting_html_text(html, html ? strlen(html) : 0);
    if (strcmp(got, want) != 0)
        fail_msg("text of \"%s\":\n got  \"%s\"\n want \"%s\"", html ? html : "(null)", got, want);
    free(got);
}

static void test_html_text_basics(void **state)
{
    expect_text(NULL, "");
    expect_text("", "");
    expect_text("plain words", "plain words");
    expect_text("  spaced \n\t out  ", "spaced out");
    expect_text("<b>bold</b>text", "boldtext");
    expect_text("<p>one</p><p>two</p>", "one\n\ntwo");
    expect_text("a<br>b<br/><br>c", "a\nb\nc");
    expect_text("<div>a</div><div>b</div>", "a\nb");
    expect_text("<h2>About</h2><p>We <em>build</em> robots.</p>", "About\n\nWe build robots.");
    expect_text("<ul><li>Go</li><li>SQL</li></ul><p>End</p>", "- Go\n- SQL\n\nEnd");
    expect_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc");
}

static void test_html_text_entities(void **state)
{
    expect_text("Fish &amp; Chips", "Fish & Chips");
    expect_text("50&nbsp;ms", "50 ms");
    expect_text("caf&eacute; &#8211; &#x263A;", "caf\xC3\xA9 \xE2\x80\x93 \xE2\x98\xBA");
    expect_text("a &lt; b", "a < b");
    /* markup that arrived entity-escaped is stripped too */
    expect_text("&lt;p&gt;Hello&lt;/p&gt;&lt;p&gt;World&lt;/p&gt;", "Hello\n\nWorld");
    expect_text("&lt;strong&gt;Q&amp;amp;A&lt;/strong&gt;", "Q&A");
}

static void test_html_text_dropped_parts(void **state)
{
    expect_text("<p>keep</p><script>alert(1)</script><style>p{}</style><p>this</p>",
                "keep\n\nthis");
    expect_text("<svg><title>icon</title></svg>text", "text");
    expect_text("<p>unclosed <b>bold", "unclosed bold");
    expect_text("</p></div>stray closers", "stray closers");
}

static void test_html_text_hostile(void **state)
{
    /* deep nesting cannot exhaust the stack (libxml2 stops reading past 256 levels) */
    size_t depth = 20000;
    char *deep = malloc(depth * 5 + 16);
    char *p = deep;
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "<div>");
    strcpy(p, "deep");
    char *got = posting_html_text(deep, strlen(deep));
    assert_true(utf8_valid(got, strlen(got)));
    free(got);
    strcpy(deep + 200 * 5, "shallow enough");
    got = posting_html_text(deep, strlen(deep));
    assert_string_equal(got, "shallow enough");
    free(got);
    free(deep);
    /* invalid UTF-8 and NUL bytes never crash; the result is valid UTF-8 */
    const char bad[] = "caf\xE9 \xFF\xFE <p>x\0y</p>";
    got = posting_html_text(bad, sizeof bad - 1);
    assert_true(utf8_valid(got, strlen(got)));
    free(got);
    /* an entity the parser does not know stays as it is: no external entity is ever read */
    expect_text("&xxe; &unknown;", "&xxe; &unknown;");
}

static void test_job_type(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"FULL_TIME", "full-time"},
        {"Full-time", "full-time"},
        {"FullTime", "full-time"},
        {"full time", "full-time"},
        {"PART_TIME", "part-time"},
        {"Part-time", "part-time"},
        {"CONTRACTOR", "contract"},
        {"Contract", "contract"},
        {"TEMPORARY", "temporary"},
        {"PER_DIEM", "temporary"},
        {"INTERN", "internship"},
        {"Internship", "internship"},
        {"Freelance", "freelance"},
        {"VOLUNTEER", NULL},
        {"OTHER", NULL},
        {"", NULL},
        {NULL, NULL},
        {"Full-time and more", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = posting_job_type(cases[i].in);
        if ((got == NULL) != (cases[i].want == NULL) || (got && strcmp(got, cases[i].want) != 0))
            fail_msg("job type of \"%s\": got %s, want %s", cases[i].in ? cases[i].in : "NULL",
                     got ? got : "NULL", cases[i].want ? cases[i].want : "NULL");
    }
}

static void test_remote_option(void **state)
{
    assert_string_equal(posting_remote_option("Remote - USA"), "remote");
    assert_string_equal(posting_remote_option("Berlin (remote)"), "remote");
    assert_string_equal(posting_remote_option("Hybrid / Remote"), "hybrid");
    assert_string_equal(posting_remote_option("London, hybrid"), "hybrid");
    assert_string_equal(posting_remote_option("On-site in Paris"), "onsite");
    assert_null(posting_remote_option("Remoteville, TX")); /* not the word */
    assert_null(posting_remote_option("Berlin"));
    assert_null(posting_remote_option(NULL));
}

static void test_salary_period(void **state)
{
    assert_int_equal(posting_salary_period("HOUR").per_year, 2080);
    assert_string_equal(posting_salary_period("HOUR").word, "hour");
    assert_int_equal(posting_salary_period("DAY").per_year, 260);
    assert_int_equal(posting_salary_period("WEEK").per_year, 52);
    assert_int_equal(posting_salary_period("MONTH").per_year, 12);
    assert_int_equal(posting_salary_period("YEAR").per_year, 1);
    assert_int_equal(posting_salary_period("1 YEAR").per_year, 1);
    assert_int_equal(posting_salary_period("per-hour-wage").per_year, 2080);
    assert_int_equal(posting_salary_period("per-year-salary").per_year, 1);
    assert_int_equal(posting_salary_period("per-month-salary").per_year, 12);
    assert_string_equal(posting_salary_period("annual").word, "year");
    assert_int_equal(posting_salary_period("fortnight").per_year, 0);
    assert_int_equal(posting_salary_period(NULL).per_year, 0);
}

static void test_parse_amount(void **state)
{
    static const struct {
        const char *in;
        double want;
    } cases[] = {
        {"120000", 120000},
        {"120,000", 120000},
        {"120.000", 120000},
        {"120 000", 120000},
        {"120000.50", 120000.5},
        {"120.000,50", 120000.5},
        {"$85k", 85000},
        {"85.5K", 85500},
        {"USD 1,234,567", 1234567},
        {"22", 22},
        {"1.5", 1.5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double got = -1;
        assert_true(posting_parse_amount(cases[i].in, &got));
        if (got != cases[i].want)
            fail_msg("amount \"%s\": got %f, want %f", cases[i].in, got, cases[i].want);
    }
    double x;
    assert_false(posting_parse_amount("competitive", &x));
    assert_false(posting_parse_amount("", &x));
    assert_false(posting_parse_amount(NULL, &x));
}

static void test_source_for_url(void **state)
{
    assert_string_equal(posting_source_for_url("https://www.linkedin.com/jobs/view/1"), "linkedin");
    assert_string_equal(posting_source_for_url("https://de.linkedin.com/jobs/view/1"), "linkedin");
    assert_string_equal(posting_source_for_url("https://www.indeed.com/viewjob?jk=1"), "indeed");
    assert_string_equal(posting_source_for_url("https://uk.indeed.co.uk/viewjob?jk=1"), "indeed");
    assert_string_equal(posting_source_for_url("https://de.indeed.com/Job"), "indeed");
    assert_string_equal(posting_source_for_url("https://www.adzuna.co.uk/jobs/details/1"),
                        "adzuna");
    assert_string_equal(posting_source_for_url("https://notlinkedin.com/x"), "other");
    assert_string_equal(posting_source_for_url("https://linkedin.com.evil.example/x"), "other");
    assert_string_equal(posting_source_for_url("https://user@www.linkedin.com/x"), "linkedin");
    assert_string_equal(posting_source_for_url("https://www.linkedin.com@evil.example/x"), "other");
    assert_string_equal(posting_source_for_url("https://jobs.lever.co/acme/1"), "other");
    assert_string_equal(posting_source_for_url(""), "other");
    assert_string_equal(posting_source_for_url(NULL), "other");
}

static void test_date_and_board_names(void **state)
{
    char date[11];
    assert_true(posting_date("2025-11-20T17:10:44.000Z", date));
    assert_string_equal(date, "2025-11-20");
    assert_true(posting_date("2025-11-03", date));
    assert_false(posting_date("2025-13-01", date));
    assert_false(posting_date("20 Nov 2025", date));
    assert_false(posting_date("2025-11-2", date));
    assert_false(posting_date(NULL, date));
    assert_true(posting_feed_date("Tue, 18 Nov 2025 10:00:00 GMT", date));
    assert_string_equal(date, "2025-11-18");
    assert_true(posting_feed_date("18 Nov 2025 10:00 +0100", date));
    assert_string_equal(date, "2025-11-18");
    assert_true(posting_feed_date("Wed, 3 Dec 25 08:30:00 EST", date));
    assert_string_equal(date, "2025-12-03");
    assert_true(posting_feed_date("  2025-11-20T12:00:00Z", date));
    assert_string_equal(date, "2025-11-20");
    assert_false(posting_feed_date("Tue, 32 Nov 2025", date));
    assert_false(posting_feed_date("Tue, 18 Foo 2025", date));
    assert_false(posting_feed_date("18 Nov", date));
    assert_false(posting_feed_date("yesterday", date));
    assert_false(posting_feed_date(NULL, date));
    assert_true(posting_is_board_name("LinkedIn"));
    assert_true(posting_is_board_name("Indeed.com"));
    assert_true(posting_is_board_name("Built In"));
    assert_false(posting_is_board_name("Hooli Careers"));
    assert_false(posting_is_board_name(NULL));
}

static void expect_title(const char *in, const char *title, const char *company,
                         const char *location)
{
    struct posting_title t;
    posting_split_title(in, &t);
    const char *want[] = {title, company, location};
    char *got[] = {t.title, t.company, t.location};
    for (int i = 0; i < 3; i++)
        if ((want[i] == NULL) != (got[i] == NULL) || (got[i] && strcmp(got[i], want[i]) != 0))
            fail_msg("split \"%s\", part %d: got \"%s\", want \"%s\"", in, i,
                     got[i] ? got[i] : "NULL", want[i] ? want[i] : "NULL");
    posting_title_free(&t);
}

static void test_split_title(void **state)
{
    expect_title("Initech hiring QA Analyst in Austin, TX | LinkedIn", "QA Analyst", "Initech",
                 "Austin, TX");
    expect_title("Initech hiring QA Analyst | LinkedIn", "QA Analyst", "Initech", NULL);
    expect_title("Job Application for Senior Backend Engineer at Acme Robotics",
                 "Senior Backend Engineer", "Acme Robotics", NULL);
    expect_title("Product Designer at Hooli", "Product Designer", "Hooli", NULL);
    expect_title("Staff ML Engineer @ Lumen Labs", "Staff ML Engineer", "Lumen Labs", NULL);
    expect_title("Barista Trainer - Umbrella Coffee - Denver, CO | Indeed.com", "Barista Trainer",
                 "Umbrella Coffee", "Denver, CO");
    /* without Indeed's suffix, dashes are part of the title */
    expect_title("Engineer - Backend - Payments", "Engineer - Backend - Payments", NULL, NULL);
    expect_title("Careers | Hooli", "Careers", NULL, NULL);
    expect_title("Data Engineer", "Data Engineer", NULL, NULL);
    expect_title(" at Hooli", "at Hooli", NULL, NULL);
    expect_title("Hiring hiring  | x", "Hiring hiring", NULL, NULL);
    expect_title("X hiring | LinkedIn", "X hiring", NULL, NULL);
    expect_title("", NULL, NULL, NULL);
    expect_title(NULL, NULL, NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_text_basics),
        cmocka_unit_test(test_html_text_entities),
        cmocka_unit_test(test_html_text_dropped_parts),
        cmocka_unit_test(test_html_text_hostile),
        cmocka_unit_test(test_job_type),
        cmocka_unit_test(test_remote_option),
        cmocka_unit_test(test_salary_period),
        cmocka_unit_test(test_parse_amount),
        cmocka_unit_test(test_source_for_url),
        cmocka_unit_test(test_date_and_board_names),
        cmocka_unit_test(test_split_title),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
