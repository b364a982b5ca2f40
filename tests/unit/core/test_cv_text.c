/* Unit tests for résumé text analysis (src/core/cv_text.c, src/core/cv_history.c):
 * cleaning, headings and sections, e-mail, phone, links, name, date ranges, experience years
 * and level, education, and whole résumés from tests/fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../fixture.h"

#include "core/cv_text.h"
#include "core/skills.h"
#include "core/utf8.h"
#include "lib/buf.h"

#define NOW_YEAR 2025
#define NOW_MONTH 6

/* Cleans raw and analyses it with dict into a new analysis (free() it). */
static struct cv_analysis *analyse(const char *raw, const struct skills_dict *dict)
{
    char *text = cv_text_clean(raw, strlen(raw), 100000, NULL);
    struct cv_analysis *r = malloc(sizeof *r);
    cv_analyse(text, dict, NOW_YEAR, NOW_MONTH, r);
    free(text);
    return r;
}

/* ================================================================ cleaning */

static void expect_clean(const char *raw, size_t len, const char *expected)
{
    bool truncated = true;
    char *text = cv_text_clean(raw, len, 1000, &truncated);
    assert_string_equal(text, expected);
    assert_false(truncated);
    free(text);
}

static void test_clean(void **state)
{
    expect_clean("a\r\nb\rc\fd\ve", 11, "a\nb\nc\nd\ne");
    expect_clean("\xEF\xBB\xBFwith BOM", 11, "with BOM");
    expect_clean("trailing   \t\nkept\tinner  spaces", 32, "trailing\nkept\tinner  spaces");
    expect_clean("\n\n\na\n\n\n\nb\n\n", 11, "a\n\nb");
    expect_clean("nul\0and\x07"
                 "bell",
                 12, "nulandbell");
    expect_clean("bad \xFF byte", 10, "bad \xEF\xBF\xBD byte");
    expect_clean("nb\xC2\xA0sp soft\xC2\xADhyphen", 20, "nb sp softhyphen");
    expect_clean("line\xE2\x80\xA8sep", 10, "line\nsep");
    expect_clean("", 0, "");
    expect_clean("   \n\t\n", 6, "");
}

static void test_clean_truncates(void **state)
{
    bool truncated = false;
    char *text = cv_text_clean("one\ntwo\nthree\n", 14, 7, &truncated);
    assert_string_equal(text, "one\ntwo");
    assert_true(truncated);
    free(text);
    /* a long line is cut at a character boundary, never inside "é" */
    text = cv_text_clean("ab\xC3\xA9\xC3\xA9", 6, 3, &truncated);
    assert_string_equal(text, "ab");
    assert_true(truncated);
    free(text);
    text = cv_text_clean("abc", 3, 3, &truncated);
    assert_string_equal(text, "abc");
    assert_false(truncated);
    free(text);
}

/* ================================================================ headings and sections */

static int heading(const char *line)
{
    return cv_heading_kind(line, strlen(line));
}

static void test_headings(void **state)
{
    static const struct {
        const char *line;
        int kind;
    } cases[] = {
        {"Experience", CV_SECTION_EXPERIENCE},
        {"WORK EXPERIENCE", CV_SECTION_EXPERIENCE},
        {"  Professional Experience:  ", CV_SECTION_EXPERIENCE},
        {"## Employment History", CV_SECTION_EXPERIENCE},
        {"**Work History**", CV_SECTION_EXPERIENCE},
        {"E X P E R I E N C E", CV_SECTION_EXPERIENCE},
        {"W O R K  E X P E R I E N C E", CV_SECTION_EXPERIENCE},
        {"Education", CV_SECTION_EDUCATION},
        {"Education & Training", CV_SECTION_EDUCATION},
        {"Technical Skills", CV_SECTION_SKILLS},
        {"SKILLS", CV_SECTION_SKILLS},
        {"Summary", CV_SECTION_SUMMARY},
        {"About Me", CV_SECTION_SUMMARY},
        {"Projects", CV_SECTION_PROJECTS},
        {"Certifications", CV_SECTION_CERTIFICATIONS},
        {"Languages", CV_SECTION_LANGUAGES},
        {"Volunteer Experience", CV_SECTION_OTHER},
        {"References", CV_SECTION_OTHER},
        {"Experience with Python and Go", -1},
        {"My experience", -1},
        {"", -1},
        {"Software Engineer", -1},
        {"=====", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (heading(cases[i].line) != cases[i].kind)
            fail_msg("\"%s\": %d, expected %d", cases[i].line, heading(cases[i].line),
                     cases[i].kind);
}

static void test_sections(void **state)
{
    const char *text = "Jane Doe\njane@example.com\n\nExperience\n==========\nAcme 2020 - 2021\n"
                       "- Education of customers\n\nEducation\nBSc Physics\nSkills:\nC, Go";
    struct cv_section s[CV_MAX_SECTIONS];
    size_t n = cv_sections(text, s, CV_MAX_SECTIONS);
    assert_int_equal(n, 4);
    assert_int_equal(s[0].kind, CV_SECTION_HEADER);
    assert_int_equal(s[0].start, 0);
    assert_int_equal(s[0].end, strlen("Jane Doe\njane@example.com\n\n"));
    assert_int_equal(s[1].kind, CV_SECTION_EXPERIENCE);
    /* the underline belongs to the heading; a bullet starting with a heading word is body */
    assert_memory_equal(text + s[1].start, "Acme", 4);
    assert_int_equal(s[2].kind, CV_SECTION_EDUCATION);
    assert_memory_equal(text + s[2].start, "BSc Physics\n", s[2].end - s[2].start);
    assert_int_equal(s[3].kind, CV_SECTION_SKILLS);
    assert_string_equal(text + s[3].start, "C, Go");
    assert_int_equal(s[3].end, strlen(text));
    assert_string_equal(cv_section_name(CV_SECTION_EXPERIENCE), "experience");
    assert_string_equal(cv_section_name(CV_SECTION_HEADER), "header");

    /* no headings: one header section; max limits the count */
    n = cv_sections("just text\nmore", s, CV_MAX_SECTIONS);
    assert_int_equal(n, 1);
    assert_int_equal(s[0].end, 14);
    n = cv_sections(text, s, 2);
    assert_int_equal(n, 2);
    assert_int_equal(s[1].end, strlen(text));
}

/* ================================================================ contact */

static void test_email(void **state)
{
    static const struct {
        const char *text, *email;
    } cases[] = {
        {"Contact: jane.doe+cv@mail.example.co.uk, Berlin", "jane.doe+cv@mail.example.co.uk"},
        {"<JOHN_SMITH@Example.ORG>", "JOHN_SMITH@Example.ORG"},
        {"mailto:a@b.io.", "a@b.io"},
        {"first @ second, then x@y.dev", "x@y.dev"},
        {"no address here", ""},
        {"user@localhost", ""},
        {"user@example.c", ""},
        {"@example.com", ""},
        {"user@.example.com", ""},
        {"user@example.123", ""},
    };
    char out[256];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool found = cv_find_email(cases[i].text, out, sizeof out);
        assert_int_equal(found, cases[i].email[0] != '\0');
        assert_string_equal(out, cases[i].email);
    }
}

static void test_phone(void **state)
{
    static const struct {
        const char *text, *phone;
    } cases[] = {
        {"+1 (555) 123-4567", "+1 (555) 123-4567"},
        {"Jane | +49 30 1234 5678 | Berlin", "+49 30 1234 5678"},
        {"(030) 1234-5678", "(030) 1234-5678"},
        {"555.123.4567", "555.123.4567"},
        {"2015 - 2019\nTel: 0301234567", "0301234567"},
        {"Mobile: 1234567", "1234567"},
        {"Phone 555 123 4567 ext. 12", "555 123 4567"},
        /* dates, ranges, years, ids, postcodes are no phone numbers */
        {"Jan 2016 - Dec 2019", ""},
        {"2016 - 2019", ""},
        {"2020-01-15", ""},
        {"07/2019 - 03/2021", ""},
        {"ID 12345678", ""},
        {"10115 Berlin", ""},
        {"version 1.2.3", ""},
        {"abc5551234567", ""},
    };
    char out[64];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cv_find_phone(cases[i].text, out, sizeof out);
        if (strcmp(out, cases[i].phone) != 0)
            fail_msg("\"%s\": got \"%s\", expected \"%s\"", cases[i].text, out, cases[i].phone);
    }
    /* a labelled line wins over an earlier unlabelled number */
    cv_find_phone("+44 20 7946 0000\nPhone: +1 212 555 0100", out, sizeof out);
    assert_string_equal(out, "+1 212 555 0100");
}

static void test_links(void **state)
{
    char links[CV_MAX_LINKS][512];
    int n = cv_find_links(
        "https://github.com/jane, www.jane.dev; linkedin.com/in/jane-doe.\n"
        "[Portfolio](https://jane.dev/work) https://GITHUB.com/jane/ jane@example.com "
        "http://localhost x.com/jane de.linkedin.com/in/other github.com (no path) "
        "ftp://files.example.com",
        links, CV_MAX_LINKS);
    const char *expected[] = {
        "https://github.com/jane", "https://www.jane.dev", "https://linkedin.com/in/jane-doe",
        "https://jane.dev/work",   "https://x.com/jane",   "https://de.linkedin.com/in/other"};
    assert_int_equal(n, 6);
    for (int i = 0; i < n; i++)
        assert_string_equal(links[i], expected[i]);
    /* capped at max */
    n = cv_find_links("https://a.io/1 https://a.io/2 https://a.io/3", links, 2);
    assert_int_equal(n, 2);
}

static void test_name(void **state)
{
    static const struct {
        const char *text, *name;
    } cases[] = {
        {"Jane Doe\nEngineer", "Jane Doe"},
        {"\n\n  María-José Núñez  \n", "María-José Núñez"},
        {"JOHN O'NEIL\nDeveloper", "John O'Neil"},
        {"# Jane Q. Doe", "Jane Q. Doe"},
        {"Curriculum Vitae\nName: Ada Lovelace", "Ada Lovelace"},
        {"Jane Doe | jane@example.com | +1 555", "Jane Doe"},
        {"Jane Doe    Berlin, Germany", "Jane Doe"},
        {"Senior Software Engineer\nJane Doe", "Jane Doe"},
        {"RESUME\nJane Doe", "Jane Doe"},
        {"jane doe\nsomething", ""},
        {"Experience\nAcme Corp 2019", ""},
        {"R2 D2", ""},
        {"Madonna", ""},
    };
    char out[128];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cv_find_name(cases[i].text, strlen(cases[i].text), out, sizeof out);
        if (strcmp(out, cases[i].name) != 0)
            fail_msg("\"%s\": got \"%s\", expected \"%s\"", cases[i].text, out, cases[i].name);
    }
}

/* ================================================================ dates and levels */

static void test_date_ranges(void **state)
{
    static const struct {
        const char *line;
        int sy, sm, ey, em;
        bool current;
        const char *span;
    } cases[] = {
        {"Acme, Jan 2019 - Mar 2021", 2019, 1, 2021, 3, false, "Jan 2019 - Mar 2021"},
        {"January, 2019 \xE2\x80\x93 present", 2019, 1, 0, 0, true,
         "January, 2019 \xE2\x80\x93 present"},
        {"Sept. 2018 to Current", 2018, 9, 0, 0, true, "Sept. 2018 to Current"},
        {"(2016-2019)", 2016, 0, 2019, 0, false, "2016-2019"},
        {"03/2016 - 12/2019 Globex", 2016, 3, 2019, 12, false, "03/2016 - 12/2019"},
        {"3.2016 \xE2\x80\x94 4.2017", 2016, 3, 2017, 4, false, "3.2016 \xE2\x80\x94 4.2017"},
        {"2020-01 - 2021-06", 2020, 1, 2021, 6, false, "2020-01 - 2021-06"},
        {"2020-01-15 until 2021-06-30", 2020, 1, 2021, 6, false, "2020-01-15 until 2021-06-30"},
        {"since 2021", 2021, 0, 0, 0, true, "since 2021"},
        {"Lead (seit 03/2022)", 2022, 3, 0, 0, true, "seit 03/2022"},
        {"2019 \xE2\x86\x92 now", 2019, 0, 0, 0, true, "2019 \xE2\x86\x92 now"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct cv_date s, e;
        bool current;
        size_t from, to;
        const char *line = cases[i].line;
        if (!cv_date_range(line, strlen(line), NOW_YEAR, &s, &e, &current, &from, &to))
            fail_msg("no range in \"%s\"", line);
        assert_int_equal(s.year, cases[i].sy);
        assert_int_equal(s.month, cases[i].sm);
        assert_int_equal(e.year, cases[i].ey);
        assert_int_equal(e.month, cases[i].em);
        assert_int_equal(current, cases[i].current);
        assert_int_equal(to - from, strlen(cases[i].span));
        assert_memory_equal(line + from, cases[i].span, to - from);
    }
    static const char *const none[] = {
        "Python 3 - 2 projects", "2021 - 2019",       "1900 - 1901", "2019",           "Jan - Mar",
        "+1 (555) 123-4567",     "13/2019 - 14/2020", "2019 2020",   "present - 2020", "",
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        struct cv_date s, e;
        bool current;
        size_t from, to;
        if (cv_date_range(none[i], strlen(none[i]), NOW_YEAR, &s, &e, &current, &from, &to))
            fail_msg("a range in \"%s\"", none[i]);
    }
}

static void test_levels(void **state)
{
    static const struct {
        int years;
        const char *level;
    } years[] = {{0, "entry"},  {1, "junior"},  {2, "junior"}, {3, "mid"},  {5, "mid"},
                 {6, "senior"}, {11, "senior"}, {12, "lead"},  {30, "lead"}};
    for (size_t i = 0; i < sizeof years / sizeof *years; i++)
        assert_string_equal(cv_level_for_years(years[i].years), years[i].level);
    static const struct {
        const char *title, *level;
    } titles[] = {
        {"Senior Software Engineer", "senior"},
        {"Sr. Developer", "senior"},
        {"Junior Analyst", "junior"},
        {"Software Engineering Intern", "entry"},
        {"Graduate Trainee", "entry"},
        {"Tech Lead", "lead"},
        {"Staff Engineer", "lead"},
        {"Engineering Manager", "lead"},
        {"Principal Architect", "lead"},
        {"VP of Engineering", "executive"},
        {"Head of Data", "executive"},
        {"Chief Technology Officer", "executive"},
        {"CTO & Co-Founder", "executive"},
        {"Senior Director, Platform", "executive"},
        {"Software Engineer", NULL},
        {"Leadership training", NULL},
        {"Seniority", NULL},
    };
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
        const char *got = cv_title_level(titles[i].title);
        if (titles[i].level == NULL ? got != NULL : got == NULL || strcmp(got, titles[i].level))
            fail_msg("\"%s\": %s", titles[i].title, got ? got : "(none)");
    }
    assert_int_equal(cv_level_rank("entry"), 0);
    assert_int_equal(cv_level_rank("executive"), 5);
    assert_int_equal(cv_level_rank(NULL), -1);
    assert_int_equal(cv_level_rank("boss"), -1);
}

/* ================================================================ whole résumés */

static const char dictionary[] = "Python: py\n!Go: golang\nPostgreSQL: postgres\nDocker\n"
                                 "Kubernetes: k8s\nAWS: amazon web services\nScala\nSQL\n";

static void test_fixture_txt(void **state)
{
    struct skills_dict *d = skills_load(dictionary, strlen(dictionary));
    char *raw = read_fixture("resume.txt", NULL);
    struct cv_analysis *r = analyse(raw, d);
    assert_string_equal(r->contact.name, "Jane Q. Doe");
    assert_string_equal(r->contact.email, "jane.doe@example.com");
    assert_string_equal(r->contact.phone, "+1 (555) 123-4567");
    assert_int_equal(r->contact.nlinks, 2);
    assert_string_equal(r->contact.links[0], "https://linkedin.com/in/janedoe");
    assert_string_equal(r->contact.links[1], "https://github.com/janedoe");
    const char *skills[] = {"Python", "Go", "PostgreSQL", "Docker", "Kubernetes", "AWS"};
    assert_int_equal(r->nskills, 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(r->skills[i], skills[i]);

    assert_int_equal(r->nexperience, 3);
    assert_string_equal(r->experience[0].title, "Senior Software Engineer");
    assert_string_equal(r->experience[0].company, "Acme Corp");
    assert_true(r->experience[0].current);
    assert_int_equal(r->experience[0].start.year, 2020);
    assert_int_equal(r->experience[0].start.month, 1);
    assert_string_equal(r->experience[1].title, "Software Engineer");
    assert_string_equal(r->experience[1].company, "Globex GmbH");
    assert_int_equal(r->experience[1].end.year, 2019);
    assert_int_equal(r->experience[1].end.month, 12);
    /* dates alone on a line: the title is the line above */
    assert_string_equal(r->experience[2].title, "Intern");
    assert_string_equal(r->experience[2].company, "Initech");
    /* the summary states "8+ years of experience", which beats the ranges (2020-01..2025-06,
     * 2016-03..2019-12 and an internship: 9 years) */
    assert_int_equal(r->years, 8);
    assert_string_equal(r->level, "senior");

    assert_int_equal(r->neducation, 2);
    assert_string_equal(r->education[0].degree, "master");
    assert_string_equal(r->education[0].institution, "Technische Universität Berlin");
    assert_string_equal(r->education[0].title,
                        "M.Sc. Computer Science, Technische Universität Berlin");
    assert_int_equal(r->education[0].start.year, 2014);
    assert_int_equal(r->education[0].end.year, 2016);
    assert_string_equal(r->education[1].degree, "bachelor");
    assert_string_equal(r->education[1].institution, "University of Cambridge");
    assert_string_equal(r->highest_degree, "master");
    free(r);
    free(raw);
    skills_free(d);
}

static void test_fixture_md(void **state)
{
    struct skills_dict *d = skills_load(dictionary, strlen(dictionary));
    char *raw = read_fixture("resume.md", NULL);
    struct cv_analysis *r = analyse(raw, d);
    assert_string_equal(r->contact.name, "John Smith");
    assert_string_equal(r->contact.email, "john.smith@example.org");
    assert_string_equal(r->contact.phone, "(030) 1234-5678");
    assert_int_equal(r->contact.nlinks, 1);
    assert_string_equal(r->contact.links[0], "https://github.com/jsmith");
    assert_int_equal(r->nexperience, 2);
    assert_string_equal(r->experience[0].title, "Staff Data Engineer");
    assert_string_equal(r->experience[0].company, "Initrode");
    assert_string_equal(r->experience[1].title, "Data Engineer");
    assert_string_equal(r->experience[1].company, "Hooli");
    /* 2014-01 .. 2025-06, the two ranges overlap in 2019 */
    assert_int_equal(r->years, 11);
    assert_string_equal(r->level, "lead"); /* "Staff" */
    assert_int_equal(r->neducation, 1);
    assert_string_equal(r->education[0].title, "Ph.D. in Computer Science, Stanford University");
    assert_string_equal(r->education[0].degree, "doctorate");
    assert_int_equal(r->education[0].end.year, 2014);
    assert_string_equal(r->highest_degree, "doctorate");
    bool python = false, scala = false;
    for (size_t i = 0; i < r->nskills; i++) {
        python = python || strcmp(r->skills[i], "Python") == 0;
        scala = scala || strcmp(r->skills[i], "Scala") == 0;
    }
    assert_true(python && scala);
    free(r);
    free(raw);
    skills_free(d);
}

static void test_levels_from_text(void **state)
{
    static const struct {
        const char *text, *level;
        int years;
    } cases[] = {
        /* years only */
        {"Experience\nEngineer, Acme   2021 - 2024\n", "mid", 3},
        {"Experience\nEngineer, Acme   Feb 2023 - Jan 2025\n", "junior", 2},
        {"Experience\nEngineer, Acme   2024 - 2024\n", "entry", 0},
        {"Experience\nDeveloper at X, 2015 - 2018\nDeveloper at Y, 2018 - present\n", "senior", 10},
        /* the stated years */
        {"Summary\n12+ years of experience in backend systems.\n", "lead", 12},
        {"Summary\nI have 4 years' professional experience.\n", "mid", 4},
        {"Summary\nFive years of experience in data.\n", "mid", 5},
        /* stated years beat the ranges (issue 13: 5 stated, 6 by the ranges) */
        {"Summary\nMid-level engineer with 5 years of experience.\nExperience\n"
         "Engineer, Acme   Oct 2021 - present\nWorking Student, Beta   Apr 2019 - Sep 2021\n",
         "mid", 5},
        /* a statement about one skill elsewhere is not the whole experience */
        {"Experience\nEngineer, Acme   2010 - 2020\nSkills\n2 years of experience with Go\n",
         "senior", 10},
        /* internships and part-time jobs count half: 24 months are one year */
        {"Experience\nIntern, Acme   Jan 2024 - Dec 2024\nResearch Assistant, Uni (part-time)  "
         "Jan 2023 - Dec 2023\n",
         "entry", 1},
        /* another career does not count; the latest title decides the level */
        {"Experience\nJunior Web Developer, Portico   Feb 2025 - present\n"
         "Mathematics Teacher, Liceo   Sep 2015 - Jun 2024\n",
         "junior", 0},
        /* a title without a level: the years */
        {"Experience\nSite Reliability Engineer, Acme   2018 - present\n", "senior", 7},
        /* the most recent title raises the level */
        {"Experience\nVP Engineering, Acme   2023 - present\nEngineer, Beta   2020 - 2023\n",
         "executive", 5},
        /* an older senior title does not count, the current role is the intern one */
        {"Experience\nIntern, Acme  Jun 2025 - present\n", "entry", 0},
        /* a headline under the name when there is no dated role */
        {"Jane Doe\nSenior Data Scientist\n", "senior", -1},
        /* a student: education and no work section */
        {"Jane Doe\nEducation\nBSc Biology, University of Leeds, 2024\n", "entry", -1},
        /* nothing to go by */
        {"Jane Doe\nLikes hiking.\n", NULL, -1},
        {"", NULL, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct cv_analysis *r = analyse(cases[i].text, NULL);
        if (cases[i].level == NULL ? r->level != NULL
                                   : r->level == NULL || strcmp(r->level, cases[i].level) != 0)
            fail_msg("case %zu: level %s", i, r->level ? r->level : "(none)");
        if (r->years != cases[i].years)
            fail_msg("case %zu: years %d, expected %d", i, r->years, cases[i].years);
        assert_int_equal(r->nskills, 0); /* no dictionary */
        free(r);
    }
}

static bool has_skill(const struct cv_analysis *r, const char *name)
{
    for (size_t i = 0; i < r->nskills; i++)
        if (strcmp(r->skills[i], name) == 0)
            return true;
    return false;
}

/* Issue 13's résumé: "Backend Engineer — Zalando SE, Berlin" was one title; AWS Lambda, RDS,
 * EKS and REST were not skills; the level came out senior for a mid-level engineer with 5
 * years (a working-student job stretched the ranges past 6). */
static void test_issue_13_resume(void **state)
{
    static const char text[] =
        "Maria Keller\nBackend Engineer\n\nSUMMARY\nMid-level backend engineer with 5 years of "
        "experience building payment and logistics services in Python and Go.\n\nEXPERIENCE\n\n"
        "Backend Engineer \xE2\x80\x94 Zalando SE, Berlin\nMar 2021 \xE2\x80\x93 Present\n"
        "- Built the returns-label service in Go on AWS Lambda and RDS (PostgreSQL).\n"
        "- Moved three services to EKS; designed the REST endpoints.\n\n"
        "Working Student, Software Development \xE2\x80\x94 Idealo Internet GmbH, Berlin\n"
        "Apr 2018 \xE2\x80\x93 Feb 2021\n- Wrote data import scripts.\n\n"
        "SKILLS\nCloud: AWS (Lambda, RDS, EKS, S3), Terraform\n";
    struct cv_analysis *r = analyse(text, skills_default());
    assert_int_equal(r->nexperience, 2);
    assert_string_equal(r->experience[0].title, "Backend Engineer");
    assert_string_equal(r->experience[0].company, "Zalando SE");
    assert_string_equal(r->experience[0].location, "Berlin");
    assert_string_equal(r->experience[1].title, "Working Student, Software Development");
    assert_string_equal(r->experience[1].company, "Idealo Internet GmbH");
    assert_int_equal(r->years, 5);
    assert_string_equal(r->level, "mid");
    static const char *const want[] = {"AWS Lambda", "Amazon RDS", "Amazon EKS",
                                       "Amazon S3",  "REST",       "AWS",
                                       "Python",     "Go",         "Terraform"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!has_skill(r, want[i]))
            fail_msg("%s not found", want[i]);
    /* the roles' bullets are their highlights, a wrapped one joined */
    assert_int_equal(r->experience[0].nhighlights, 2);
    assert_string_equal(
        r->experience[0].highlights[0],
        "Built the returns-label service in Go on AWS Lambda and RDS (PostgreSQL).");
    assert_int_equal(r->experience[1].nhighlights, 1);
    /* "logistics services" and the "Cloud:" label are ordinary words */
    assert_false(has_skill(r, "Operations management"));
    assert_false(has_skill(r, "Cloud computing"));
    free(r);
}

/* Ordinary words are not skills; a cloud service names its provider. */
static void test_resume_skills_from_words(void **state)
{
    static const char words[] =
        "Jane Doe\nSummary\nTurned sales data into decisions; forecasting hospital admissions; "
        "wrote UI tests; cut the cloud bill; built the analytics dashboard for Brightline "
        "Analytics; budgeting for the team; logistics services and supply chain software.\n";
    static const char skills[] =
        "Skills\nAWS SageMaker, Azure Functions, UX/UI Designer, A/B test analysis\n";
    struct cv_analysis *r = analyse(words, skills_default());
    static const char *const never[] = {"Sales",         "Financial modeling",
                                        "UI design",     "Cloud computing",
                                        "Data analysis", "Operations management"};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        if (has_skill(r, never[i]))
            fail_msg("%s found in ordinary words", never[i]);
    static const char *const want[] = {"Amazon SageMaker", "AWS",       "Azure Functions",
                                       "Microsoft Azure",  "UX design", "UI design",
                                       "A/B testing"};
    free(r);
    r = analyse(skills, skills_default());
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!has_skill(r, want[i]))
            fail_msg("%s not found", want[i]);
    /* the provider takes its place in dictionary order, once */
    size_t aws = 0;
    for (size_t i = 0; i < r->nskills; i++)
        aws += strcmp(r->skills[i], "AWS") == 0;
    assert_int_equal(aws, 1);
    free(r);
    /* "Sales" as written stays a skill */
    r = analyse("Skills\nSales, Salesforce\n", skills_default());
    assert_true(has_skill(r, "Sales"));
    free(r);
}

/* session 35: skills a résumé names but does not claim (tests/eval/resumes r14, r15) */
static void test_resume_unclaimed_skills(void **state)
{
    static const char text[] =
        "Cara Lind\n\nSummary\nFrontend developer. No Java experience.\n\nSkills\n"
        "JavaScript, React\n\nCurrently learning\nRust, Go\n\nInterests\nKotlin, hiking\n\n"
        "Experience\nFrontend Developer, Baz Ltd, 2020 - present\n";
    struct cv_analysis *r = analyse(text, skills_default());
    static const char *const never[] = {"Java", "Rust", "Go", "Kotlin"};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        if (has_skill(r, never[i]))
            fail_msg("%s found though the résumé does not claim it", never[i]);
    assert_true(has_skill(r, "JavaScript"));
    assert_true(has_skill(r, "React"));
    /* the sections still end the ones before them; the entry is read */
    assert_int_equal(r->nexperience, 1);
    free(r);
    /* "Skills and interests" is a skills section */
    r = analyse("Ann Lee\n\nSkills and interests\nKotlin, chess\n", skills_default());
    assert_true(has_skill(r, "Kotlin"));
    free(r);
}

/* Schools and degrees of the evaluation set's European résumés. */
static void test_education_schools(void **state)
{
    static const char text[] =
        "Education\n"
        "- M.Sc. Physics \xE2\x80\x94 Universidad de Granada (2019)\n"
        "  - Thesis on lattices\n"
        "2013 \xE2\x80\x93 2016\tAbitur, Gymnasium Altona, Hamburg\n"
        "Master in Interaction Design, \xC3\x89"
        "cole de design Nantes Atlantique\n"
        "Laurea Magistrale in Mathematics, Universit\xC3\xA0 di Bologna, 2015\n"
        "B.Sc. Informatics @ Technical University of Munich\t2017 \xE2\x80\x93 2021\n"
        "B.Eng. Information Technology | HAW Hamburg | 2013\xE2\x80\x93"
        "2017\n";
    struct cv_analysis *r = analyse(text, NULL);
    static const struct {
        const char *degree, *institution;
    } want[] = {
        {"master", "Universidad de Granada"},
        {"high_school", "Gymnasium Altona"},
        {"master", "\xC3\x89"
                   "cole de design Nantes Atlantique"},
        {"master", "Universit\xC3\xA0 di Bologna"},
        {"bachelor", "Technical University of Munich"},
        {"bachelor", "HAW Hamburg"},
    };
    assert_int_equal(r->neducation, sizeof want / sizeof want[0]); /* the thesis bullet is none */
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (r->education[i].degree == NULL || strcmp(r->education[i].degree, want[i].degree) ||
            strcmp(r->education[i].institution, want[i].institution))
            fail_msg("%zu: %s / %s", i, r->education[i].degree ? r->education[i].degree : "-",
                     r->education[i].institution);
    }
    free(r);
}

/* Highlights: wrapped bullets, descriptions under the dates, "Company: ..." paragraphs after a
 * table; nothing from other sections. */
static void test_highlights(void **state)
{
    static const char text[] =
        "Experience\n"
        "| Role | Company | Period |\n"
        "| ML Engineer | Sightline AI | 2023-03 \xE2\x80\x93 present |\n"
        "| Data Scientist | Mindful Metrics | 2021-09 \xE2\x80\x93 2023-02 |\n"
        "\n**Sightline AI**: trained and deployed defect-detection models on AWS.\n"
        "\n2017 \xE2\x80\x93 2020      UX Designer, Agence Bleu, Lyon\n"
        "                Websites and prototypes for museums; accessibility audits.\n"
        "Tester, Acme  2015 - 2017\n"
        "- Wrote the first end-to-end tests with Cypress and cut the\n"
        "  release time by half.\n"
        "Skills\n- Python\n";
    struct cv_analysis *r = analyse(text, NULL);
    assert_int_equal(r->nexperience, 4);
    assert_int_equal(r->experience[0].nhighlights, 1);
    assert_string_equal(r->experience[0].highlights[0],
                        "trained and deployed defect-detection models on AWS.");
    assert_int_equal(r->experience[1].nhighlights, 0);
    assert_int_equal(r->experience[2].nhighlights, 1);
    assert_string_equal(r->experience[2].highlights[0],
                        "Websites and prototypes for museums; accessibility audits.");
    assert_int_equal(r->experience[3].nhighlights, 1);
    assert_string_equal(r->experience[3].highlights[0],
                        "Wrote the first end-to-end tests with Cypress and cut the release time "
                        "by half.");
    free(r);
}

/* Found by fuzz/fuzz_pdftext.c: a second experience heading ended the role's bullets but not
 * the "inside a bullet" state, and the next lower-case line read the missing role's
 * highlights through a NULL pointer (a crash of the server on a 40-byte text résumé). */
static void test_heading_ends_bullets(void **state)
{
    struct cv_analysis *r = analyse("EXPERIENCE\n2020-Present\n- u\nEXPERIENCE\nt", NULL);
    assert_int_equal(r->nexperience, 1);
    assert_int_equal(r->experience[0].nhighlights, 1);
    assert_string_equal(r->experience[0].highlights[0], "u");
    free(r);
    r = analyse("Experience\nEngineer, Acme 2019 - 2021\n- shipped it\nProjects\nside work\n"
                "Experience\nlowercase line after the heading\n",
                NULL);
    assert_int_equal(r->experience[0].nhighlights, 1);
    free(r);
}

static void test_education_entries(void **state)
{
    struct cv_analysis *r = analyse("Education\n"
                                    "Massachusetts Institute of Technology, Cambridge, MA\n"
                                    "B.S. in Computer Science, 2010 - 2014\n"
                                    "- GPA 3.9, Dean's list\n"
                                    "High School Diploma, Springfield High School, 2010\n"
                                    "Master's degree in Economics\n"
                                    "London School of Economics | 2016\n"
                                    "Projects\nUniversity robot, 2013\n",
                                    NULL);
    assert_int_equal(r->neducation, 3);
    assert_string_equal(r->education[0].institution, "Massachusetts Institute of Technology");
    assert_string_equal(r->education[0].degree, "bachelor"); /* not "MA" after a city */
    assert_int_equal(r->education[0].start.year, 2010);
    assert_int_equal(r->education[0].end.year, 2014);
    assert_string_equal(r->education[1].degree, "diploma");
    assert_string_equal(r->education[1].institution, "Springfield High School");
    assert_int_equal(r->education[1].end.year, 2010);
    assert_string_equal(r->education[2].degree, "master");
    assert_string_equal(r->education[2].institution, "London School of Economics");
    assert_int_equal(r->education[2].end.year, 2016);
    assert_string_equal(r->highest_degree, "master");
    assert_string_equal(r->level, "entry"); /* education and no work section */
    free(r);
}

/* Every string the analysis returns must be valid UTF-8 (it becomes JSON). */
static void assert_valid_strings(const struct cv_analysis *r)
{
    const struct cv_contact *c = &r->contact;
    assert_true(utf8_valid(c->name, strlen(c->name)));
    assert_true(utf8_valid(c->email, strlen(c->email)));
    assert_true(utf8_valid(c->phone, strlen(c->phone)));
    for (int i = 0; i < c->nlinks; i++)
        assert_true(utf8_valid(c->links[i], strlen(c->links[i])));
    for (int i = 0; i < r->nexperience; i++)
        assert_true(utf8_valid(r->experience[i].title, strlen(r->experience[i].title)));
    for (int i = 0; i < r->neducation; i++) {
        assert_true(utf8_valid(r->education[i].title, strlen(r->education[i].title)));
        assert_true(utf8_valid(r->education[i].institution, strlen(r->education[i].institution)));
    }
}

static void test_long_multibyte_lines(void **state)
{
    /* lines far longer than the fields, made of two- and three-byte characters, so that every
     * cut lands next to a character boundary somewhere */
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "Experience\n");
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < 300; i++)
            buf_puts(&b, k == 1 ? "\xC3\xA9" : "\xE2\x82\xAC");
        buf_puts(&b, "  Jan 2019 - Mar 2020\n");
    }
    buf_puts(&b, "Education\n");
    for (int k = 0; k < 2; k++) {
        buf_puts(&b, "MSc ");
        for (int i = 0; i < 200 + k; i++)
            buf_puts(&b, "\xC3\xBC");
        buf_puts(&b, "\nUniversit\xC3\xA4t ");
        for (int i = 0; i < 150 + k; i++)
            buf_puts(&b, "\xE2\x82\xAC");
        buf_puts(&b, ", 2010\n");
    }
    struct cv_analysis *r = analyse(b.data, NULL);
    assert_int_equal(r->nexperience, 3);
    assert_int_equal(r->neducation, 2);
    assert_valid_strings(r);
    free(r);
    buf_free(&b);
}

static void test_default_dictionary_and_garbage(void **state)
{
    /* the shipped dictionary finds the usual names */
    struct cv_analysis *r =
        analyse("Skills\nPython, PostgreSQL, Docker and k8s\n", skills_default());
    bool python = false, k8s = false;
    for (size_t i = 0; i < r->nskills; i++) {
        python = python || strcmp(r->skills[i], "Python") == 0;
        k8s = k8s || strcmp(r->skills[i], "Kubernetes") == 0;
    }
    assert_true(python && k8s);
    free(r);
    /* arbitrary bytes: cleaned to valid UTF-8 and analysed without reading out of bounds */
    char noise[4096];
    uint32_t x = 12345;
    for (size_t round = 0; round < 50; round++) {
        for (size_t i = 0; i < sizeof noise; i++) {
            x = x * 1103515245u + 12345u;
            noise[i] = (char)(x >> 16);
        }
        char *text = cv_text_clean(noise, sizeof noise, 100000, NULL);
        r = malloc(sizeof *r);
        cv_analyse(text, skills_default(), NOW_YEAR, NOW_MONTH, r);
        assert_valid_strings(r);
        free(r);
        free(text);
    }
    /* a very long line */
    size_t n = 300000;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = "ab 2019 - 2020 @x.io +1 555 "[i % 28];
    big[n] = '\0';
    char *text = cv_text_clean(big, n, 100000, NULL);
    assert_int_equal(strlen(text), 100000);
    r = malloc(sizeof *r);
    cv_analyse(text, skills_default(), NOW_YEAR, NOW_MONTH, r);
    free(r);
    free(text);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_clean_truncates),
        cmocka_unit_test(test_headings),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_phone),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_name),
        cmocka_unit_test(test_date_ranges),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_fixture_txt),
        cmocka_unit_test(test_fixture_md),
        cmocka_unit_test(test_levels_from_text),
        cmocka_unit_test(test_issue_13_resume),
        cmocka_unit_test(test_education_schools),
        cmocka_unit_test(test_highlights),
        cmocka_unit_test(test_heading_ends_bullets),
        cmocka_unit_test(test_resume_skills_from_words),
        cmocka_unit_test(test_resume_unclaimed_skills),
        cmocka_unit_test(test_education_entries),
        cmocka_unit_test(test_long_multibyte_lines),
        cmocka_unit_test(test_default_dictionary_and_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
