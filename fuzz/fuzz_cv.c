/*
 * Fuzzes the résumé text analysis (src/core/cv_text.c, cv_history.c, cv_role.c, cv_lines.c):
 * the input is cleaned (cv_text_clean) with a size cap from its first byte, cut into sections,
 * analysed with the shipped skills dictionary (contact details, skills, experience and
 * education entries, years, level), and every line goes through the role splitter, the date
 * range reader and the heading reader on its own.
 * Properties: clean text is valid UTF-8 within its cap, with LF line ends only, no control
 * character but tab and LF and no trailing blank on a line; sections start with the header,
 * lie inside the text, in order and without overlap; every string of the analysis is valid
 * UTF-8 and NUL-terminated inside its array; counts stay within their maxima; a date range has
 * months 0-12 and a span inside its line; role parts are valid UTF-8.
 */
#include "fuzz.h"

#include "core/cv_history.h"
#include "core/cv_role.h"
#include "core/cv_text.h"
#include "core/skills.h"

static void check_entry(const struct cv_entry *x)
{
    FUZZ_CHECK(memchr(x->title, '\0', sizeof x->title) != NULL);
    FUZZ_CHECK(fuzz_utf8_valid(x->title, strlen(x->title)));
    FUZZ_CHECK(fuzz_utf8_valid(x->company, strnlen(x->company, sizeof x->company)));
    FUZZ_CHECK(memchr(x->company, '\0', sizeof x->company) != NULL);
    FUZZ_CHECK(memchr(x->location, '\0', sizeof x->location) != NULL);
    FUZZ_CHECK(fuzz_utf8_valid(x->location, strlen(x->location)));
    FUZZ_CHECK(memchr(x->institution, '\0', sizeof x->institution) != NULL);
    FUZZ_CHECK(fuzz_utf8_valid(x->institution, strlen(x->institution)));
    FUZZ_CHECK(x->nhighlights >= 0 && x->nhighlights <= CV_MAX_HIGHLIGHTS);
    for (int i = 0; i < x->nhighlights; i++) {
        FUZZ_CHECK(memchr(x->highlights[i], '\0', sizeof x->highlights[i]) != NULL);
        FUZZ_CHECK(fuzz_utf8_valid(x->highlights[i], strlen(x->highlights[i])));
    }
    FUZZ_CHECK(x->start.month >= 0 && x->start.month <= 12);
    FUZZ_CHECK(x->end.month >= 0 && x->end.month <= 12);
}

static void check_string(const char *s, size_t cap)
{
    FUZZ_CHECK(memchr(s, '\0', cap) != NULL);
    FUZZ_CHECK(fuzz_utf8_valid(s, strlen(s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    size_t max = 64 + (size_t)fuzz_byte(&in) * 64;
    bool truncated = false;
    char *text = cv_text_clean(in.p, in.n, max, &truncated);
    size_t len = strlen(text);
    FUZZ_CHECK(len <= max);
    FUZZ_CHECK(fuzz_utf8_valid(text, len));
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n');
        FUZZ_CHECK(c != 0x7F);
        if (c == '\n' && i > 0)
            FUZZ_CHECK(text[i - 1] != ' ' && text[i - 1] != '\t');
    }

    struct cv_section sections[CV_MAX_SECTIONS];
    size_t n = cv_sections(text, sections, CV_MAX_SECTIONS);
    FUZZ_CHECK(n >= 1 && n <= CV_MAX_SECTIONS);
    FUZZ_CHECK(sections[0].kind == CV_SECTION_HEADER);
    size_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(sections[i].heading <= sections[i].start);
        FUZZ_CHECK(sections[i].start <= sections[i].end && sections[i].end <= len);
        FUZZ_CHECK(sections[i].heading >= prev);
        prev = sections[i].end;
        FUZZ_CHECK(cv_section_name(sections[i].kind) != NULL);
    }

    struct cv_analysis *r = malloc(sizeof *r);
    FUZZ_CHECK(r != NULL);
    cv_analyse(text, skills_default(), 2025, 11, r);
    check_string(r->contact.name, sizeof r->contact.name);
    check_string(r->contact.email, sizeof r->contact.email);
    check_string(r->contact.phone, sizeof r->contact.phone);
    FUZZ_CHECK(r->contact.nlinks >= 0 && r->contact.nlinks <= CV_MAX_LINKS);
    for (int i = 0; i < r->contact.nlinks; i++)
        check_string(r->contact.links[i], sizeof r->contact.links[i]);
    FUZZ_CHECK(r->nskills <= CV_MAX_SKILLS);
    FUZZ_CHECK(r->nsections >= 1 && r->nsections <= CV_MAX_SECTIONS);
    FUZZ_CHECK(r->nexperience >= 0 && r->nexperience <= CV_MAX_ENTRIES);
    FUZZ_CHECK(r->neducation >= 0 && r->neducation <= CV_MAX_ENTRIES);
    for (int i = 0; i < r->nexperience; i++)
        check_entry(&r->experience[i]);
    for (int i = 0; i < r->neducation; i++)
        check_entry(&r->education[i]);
    FUZZ_CHECK(r->years >= -1 && r->years < 200);
    free(r);

    /* each line on its own */
    size_t pos = 0;
    while (pos < len) {
        const char *nl = strchr(text + pos, '\n');
        size_t end = nl ? (size_t)(nl - text) : len;
        char *line = fuzz_strndup(text + pos, end - pos);
        struct cv_role role;
        cv_role_split(line, &role);
        check_string(role.title, sizeof role.title);
        check_string(role.company, sizeof role.company);
        check_string(role.location, sizeof role.location);
        cv_role_company_place(line, &role);
        check_string(role.company, sizeof role.company);
        check_string(role.location, sizeof role.location);
        (void)cv_role_has_role_word(line);
        (void)cv_role_is_training(line);
        (void)cv_role_is_tech(line);
        (void)cv_title_level(line);
        (void)cv_heading_kind(line, end - pos);
        struct cv_date start, stop;
        bool current = false;
        size_t from = 0, to = 0;
        if (cv_date_range(line, end - pos, 2025, &start, &stop, &current, &from, &to)) {
            FUZZ_CHECK(start.month >= 0 && start.month <= 12);
            FUZZ_CHECK(stop.month >= 0 && stop.month <= 12);
            FUZZ_CHECK(from <= to && to <= end - pos);
        }
        free(line);
        pos = end + 1;
    }
    free(text);
    return 0;
}
