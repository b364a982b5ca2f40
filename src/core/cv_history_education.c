/*
 * This file implements the education entries of the résumé analysis (cv_history.h): the
 * degree a line names, the institution and the years, and the highest degree of all.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cv_history_internal.h"
#include "cv_lines.h"

/* ================================================================ education */

static const struct {
    const char *token; /* lower-case, dots removed */
    const char *degree;
    bool needs_mark; /* only with dots or in capitals: "M.S.", "MS" but not "ms" or "as" */
} degrees[] = {
    {"phd", "doctorate", false},
    {"doctorate", "doctorate", false},
    {"dphil", "doctorate", false},
    {"doctor", "doctorate", false},
    {"master", "master", false},
    {"masters", "master", false},
    {"msc", "master", false},
    {"meng", "master", false},
    {"mba", "master", false},
    {"mphil", "master", false},
    {"mres", "master", false},
    {"mtech", "master", false},
    {"llm", "master", false},
    {"ms", "master", true},
    {"ma", "master", true},
    {"bachelor", "bachelor", false},
    {"bachelors", "bachelor", false},
    {"bsc", "bachelor", false},
    {"beng", "bachelor", false},
    {"btech", "bachelor", false},
    {"bba", "bachelor", false},
    {"llb", "bachelor", false},
    {"bs", "bachelor", true},
    {"ba", "bachelor", true},
    {"associate", "associate", false},
    {"aa", "associate", true},
    {"as", "associate", true},
    {"aas", "associate", true},
    {"diploma", "diploma", false},
    {"laurea", "bachelor", false},
    {"magistrale", "master", false},
    {"abitur", "high_school", false},
    {"ged", "high_school", true},
    {NULL, NULL, false},
};

static const char *const degree_order[] = {"high_school", "diploma",   "associate", "bachelor",
                                           "master",      "doctorate", NULL};

static int degree_rank(const char *degree)
{
    for (int i = 0; degree && degree_order[i]; i++)
        if (strcmp(degree, degree_order[i]) == 0)
            return i;
    return -1;
}

/* The highest degree named by a word of line[0..len) ("BSc", "Master's", "Ph.D."), or NULL. */
static const char *degree_word(const char *line, size_t len)
{
    const char *best = NULL;
    for (size_t i = 0; i < len;) {
        while (i < len && !isalpha((unsigned char)line[i]))
            i++;
        size_t a = i;
        while (i < len && (isalpha((unsigned char)line[i]) || line[i] == '.' || line[i] == '\'' ||
                           (unsigned char)line[i] >= 0x80))
            i++;
        char token[32];
        size_t n = 0;
        bool dotted = false, capitals = true;
        for (size_t k = a; k < i && n + 1 < sizeof token; k++) {
            if (line[k] == '.') {
                dotted = true;
                continue;
            }
            if (line[k] == '\'' || (unsigned char)line[k] >= 0x80)
                break; /* "master's", "Master’s" */
            capitals = capitals && isupper((unsigned char)line[k]);
            token[n++] = (char)tolower((unsigned char)line[k]);
        }
        token[n] = '\0';
        bool after_comma = a >= 2 && line[a - 1] == ' ' && line[a - 2] == ',';
        for (size_t d = 0; degrees[d].token; d++) {
            if (strcmp(token, degrees[d].token) != 0)
                continue;
            if (degrees[d].needs_mark && !(dotted || (capitals && !after_comma)))
                continue; /* "ms", "as"; ", MA" after a city is Massachusetts */
            if (degree_rank(degrees[d].degree) > degree_rank(best))
                best = degrees[d].degree;
        }
    }
    return best;
}

/* The highest degree named in line[0..len), words or phrases ("high school"), or NULL. */
static const char *line_degree(const char *line, size_t len)
{
    const char *best = degree_word(line, len);
    if (best == NULL &&
        (cv_has_word(line, len, "high school") || cv_has_word(line, len, "secondary school") ||
         cv_has_word(line, len, "a-levels") || cv_has_word(line, len, "a levels")))
        best = "high_school";
    return best;
}

/* The segment of line[a..b) that names a school, copied into out; false when none does.
 * A segment that also holds a degree word ("High School Diploma") is taken only when no
 * other segment names a school. */
static bool line_institution(const char *line, size_t a, size_t b, char *out, size_t n)
{
    bool found = false;
    static const char *const schools[] = {
        "universit",
        "college",
        "institut",
        "school",
        "academy",
        "akademie",
        "polytechn",
        "hochschule",
        "ecole",
        "\xC3\xA9"
        "cole",
        "\xC3\x89"
        "cole",
        "universidad",
        "gymnasium",
        "lyc\xC3\xA9"
        "e",
        "haw ",
        NULL,
    };
    size_t s = a;
    while (s < b) {
        size_t e = s;
        while (e < b && line[e] != ',' && line[e] != '|' && line[e] != ';' && line[e] != '\t' &&
               line[e] != '(' && line[e] != ')' && line[e] != '@' &&
               !(cv_is_blank(line[e]) && e + 1 < b && cv_is_blank(line[e + 1])) &&
               !(e + 2 < b && line[e] == ' ' && line[e + 1] == '-' && line[e + 2] == ' ') &&
               !(e + 4 < b && line[e] == ' ' && (unsigned char)line[e + 1] == 0xE2))
            e++;
        char seg[256];
        size_t sa = s, sb = e;
        cv_trim(line, &sa, &sb);
        cv_copy(seg, sizeof seg, line + sa, sb - sa);
        for (char *p = seg; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        for (const char *const *k = schools; *k; k++) {
            if (strstr(seg, *k) == NULL)
                continue;
            bool degree = degree_word(line + sa, sb - sa) != NULL;
            if (!found || !degree)
                cv_copy(out, n, line + sa, sb - sa);
            found = true;
            if (!degree)
                return true;
            break;
        }
        s = e + 1;
        while (s < b && (cv_is_blank(line[s]) || line[s] == '-' ||
                         ((unsigned char)line[s] == 0xE2 && s + 2 < b &&
                          (unsigned char)line[s + 1] == 0x80))) /* – — • */
            s += (unsigned char)line[s] == 0xE2 ? 3 : 1;
    }
    return found;
}

/* The years in a line: a range, or the first and last plausible single years. */
static bool line_years(const char *line, size_t len, int now_year, struct cv_date *start,
                       struct cv_date *end, bool *current, size_t *from, size_t *to)
{
    if (cv_date_range(line, len, now_year, start, end, current, from, to))
        return true;
    for (size_t i = 0; i + 4 <= len; i++) {
        int y;
        if ((i == 0 || !isalnum((unsigned char)line[i - 1])) &&
            cv_history_digits_at(line, len, i, 4, &y) && cv_history_plausible_year(y, now_year)) {
            *start = (struct cv_date){0, 0};
            *end = (struct cv_date){y, 0};
            *current = false;
            *from = i;
            *to = i + 4;
            return true;
        }
    }
    return false;
}

void cv_history_education(const char *text, int now_year, struct cv_analysis *r)
{
    size_t end = strlen(text), pos = 0, ls, le;
    struct cv_entry *cur = NULL;
    bool cur_from_previous_line = false;
    while (cv_next_line(text, end, &pos, &ls, &le)) {
        size_t a = ls, b = le;
        cv_trim(text, &a, &b);
        if (a == b || !cv_history_in_kind(r, ls, CV_SECTION_EDUCATION)) {
            cur_from_previous_line = false;
            continue;
        }
        bool bullet = cv_skip_bullet(text, &a, b);
        const char *degree = line_degree(text + a, b - a);
        char school[160] = "";
        bool has_school = line_institution(text, a, b, school, sizeof school);
        struct cv_date start, stop;
        bool current;
        size_t from = 0, to = 0;
        bool dated = line_years(text + a, b - a, now_year, &start, &stop, &current, &from, &to);
        /* a bullet is a detail of the entry above, unless it names both a degree and a school
         * ("- M.Sc. Physics — Universidad de Granada (2019)") */
        if ((degree || has_school) && (!bullet || (degree && has_school))) {
            bool merge = cur && cur_from_previous_line &&
                         ((cur->degree == NULL && degree && !has_school) ||
                          (cur->institution[0] == '\0' && has_school && !degree));
            if (!merge) {
                if (r->neducation == CV_MAX_ENTRIES)
                    break;
                cur = &r->education[r->neducation++];
            }
            char line[256];
            cv_history_entry_title(text, a, b, dated ? a + from : 0, dated ? a + to : 0, line,
                                   sizeof line);
            if (merge && cur->title[0]) {
                char joined[sizeof cur->title + sizeof line + 8];
                snprintf(joined, sizeof joined, "%s, %s", cur->title, line);
                cv_copy(cur->title, sizeof cur->title, joined, strlen(joined));
            } else {
                cv_copy(cur->title, sizeof cur->title, line, strlen(line));
            }
            if (degree)
                cur->degree = degree;
            if (has_school)
                cv_copy(cur->institution, sizeof cur->institution, school, strlen(school));
            cur_from_previous_line = true;
        } else {
            cur_from_previous_line = false;
        }
        if (dated && cur && cur->end.year == 0 && !cur->current) {
            cur->start = start;
            cur->end = stop;
            cur->current = current;
        }
    }
    for (int i = 0; i < r->neducation; i++)
        if (degree_rank(r->education[i].degree) > degree_rank(r->highest_degree))
            r->highest_degree = r->education[i].degree;
}
