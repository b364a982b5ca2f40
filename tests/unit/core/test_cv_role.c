/*
 * This file tests src/core/cv_role.c: role lines in every layout of the résumé evaluation set
 * (issue 13: "Backend Engineer — Zalando SE, Berlin" came back as one title), company lines
 * with their place, legal forms, brackets, the company-first swap, and what titles say
 * (role words, training, tech, related careers).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/cv_role.h"

static void test_role_lines(void **state)
{
    static const struct {
        const char *line, *title, *company, *location;
    } cases[] = {
        /* issue 13 */
        {"Backend Engineer \xE2\x80\x94 Zalando SE, Berlin", "Backend Engineer", "Zalando SE",
         "Berlin"},
        {"Software Engineer \xE2\x80\x94 Trivago N.V., D\xC3\xBCsseldorf", "Software Engineer",
         "Trivago N.V.", "D\xC3\xBCsseldorf"},
        {"Working Student, Software Development \xE2\x80\x94 Idealo Internet GmbH, Berlin",
         "Working Student, Software Development", "Idealo Internet GmbH", "Berlin"},
        {"Engineer | Northwind Traders", "Engineer", "Northwind Traders", ""},
        {"Senior Platform Engineer | Helio Energy | Hamburg", "Senior Platform Engineer",
         "Helio Energy", "Hamburg"},
        {"Pennine Retail Group, Data Analyst", "Data Analyst", "Pennine Retail Group", ""},
        {"Office for National Statistics, Statistics Intern", "Statistics Intern",
         "Office for National Statistics", ""},
        {"Senior Software Engineer at Lumen Health", "Senior Software Engineer", "Lumen Health",
         ""},
        {"Data Science Intern at Mindful Metrics, London", "Data Science Intern", "Mindful Metrics",
         "London"},
        {"Research Assistant at University of Leeds (, part-time)", "Research Assistant",
         "University of Leeds", ""},
        {"iOS Developer @ Appetito", "iOS Developer", "Appetito", ""},
        {"Senior Product Designer, Kiezwerk, Berlin", "Senior Product Designer", "Kiezwerk",
         "Berlin"},
        {"IT Specialist (apprenticeship), Stadtwerke Kiel, Kiel", "IT Specialist (apprenticeship)",
         "Stadtwerke Kiel", "Kiel"},
        {"Lead Frontend Engineer, Nimbus Labs (Remote)", "Lead Frontend Engineer", "Nimbus Labs",
         "Remote"},
        {"Team Lead, Backend \xE2\x80\x94 Coinpurse, London", "Team Lead, Backend", "Coinpurse",
         "London"},
        {"Engineering Manager \xE2\x80\x93 Brightwave - London", "Engineering Manager",
         "Brightwave", "London"},
        {"Developer, Acme, Inc., New York", "Developer", "Acme, Inc.", "New York"},
        {"Consultant, Acme, Inc.", "Consultant", "Acme, Inc.", ""},
        {"Developer, Acme Widgets and Tools for Everyone", "Developer",
         "Acme Widgets and Tools for Everyone", ""},
        {"Intern, Initech (Summer 2015)", "Intern", "Initech", ""},
        {"Software Engineer", "Software Engineer", "", ""},
        {"", "", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cv_role r;
        cv_role_split(cases[i].line, &r);
        if (strcmp(r.title, cases[i].title) || strcmp(r.company, cases[i].company) ||
            strcmp(r.location, cases[i].location))
            fail_msg("\"%s\": [%s] [%s] [%s]", cases[i].line, r.title, r.company, r.location);
    }
}

static void test_company_lines(void **state)
{
    static const struct {
        const char *line, *company, *location;
    } cases[] = {
        {"Brightline Analytics \xE2\x80\x94 Amsterdam", "Brightline Analytics", "Amsterdam"},
        {"Studio Portico | Bologna", "Studio Portico", "Bologna"},
        {"Coolblue \xC2\xB7 Rotterdam", "Coolblue", "Rotterdam"},
        {"Zalando SE, Berlin, Germany", "Zalando SE", "Berlin, Germany"},
        {"Acme GmbH", "Acme GmbH", ""},
        {"Nimbus Labs (Remote)", "Nimbus Labs", "Remote"},
        {"Nimbus Labs (contract)", "Nimbus Labs", ""},
        {"Foo (Bar Baz Qux Quux)", "Foo (Bar Baz Qux Quux)", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cv_role r = {{0}};
        cv_role_company_place(cases[i].line, &r);
        if (strcmp(r.company, cases[i].company) || strcmp(r.location, cases[i].location))
            fail_msg("\"%s\": [%s] [%s]", cases[i].line, r.company, r.location);
    }
}

static void test_titles(void **state)
{
    assert_true(cv_role_has_role_word("Data Analyst"));
    assert_true(cv_role_has_role_word("Mathematics Teacher"));
    assert_false(cv_role_has_role_word("Pennine Retail Group"));
    assert_false(cv_role_has_role_word("Brightline Analytics"));
    assert_true(cv_role_is_training("Working Student, Software Development"));
    assert_true(cv_role_is_training("Statistics Intern"));
    assert_true(cv_role_is_training("IT Specialist (apprenticeship)"));
    assert_true(
        cv_role_is_training("Research Assistant at Leeds (Oct 2024 - May 2025, part-time)"));
    assert_false(cv_role_is_training("Internal Tools Engineer"));
    assert_true(cv_role_is_tech("Junior Web Developer"));
    assert_true(cv_role_is_tech("UX/UI Designer"));
    assert_false(cv_role_is_tech("Mathematics Teacher"));
    assert_false(cv_role_related("Mathematics Teacher", "Junior Web Developer"));
    assert_true(cv_role_related("IT Specialist", "Site Reliability Engineer"));
    assert_true(cv_role_related("Senior Nurse", "Nurse Practitioner"));
    assert_false(cv_role_related("Senior Nurse", "Senior Accountant")); /* a level is no field */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_role_lines),
        cmocka_unit_test(test_company_lines),
        cmocka_unit_test(test_titles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
