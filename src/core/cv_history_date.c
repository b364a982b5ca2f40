/*
 * This file implements the dates of the résumé analysis (cv_history.h): a month and year, a
 * year alone or "present" read from a line, a date range between two of them, and the
 * seniority levels (by name, by years of experience, in a job title).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "cv_history_internal.h"
#include "cv_lines.h"

/* ================================================================ dates */

static const struct {
    const char *name;
    int month;
} months[] = {
    {"january", 1},   {"february", 2},  {"march", 3},  {"april", 4},     {"may", 5},
    {"june", 6},      {"july", 7},      {"august", 8}, {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"sept", 9},   {"jan", 1},       {"feb", 2},
    {"mar", 3},       {"apr", 4},       {"jun", 6},    {"jul", 7},       {"aug", 8},
    {"sep", 9},       {"oct", 10},      {"nov", 11},   {"dec", 12},      {NULL, 0},
};

static const char *const present_words[] = {"present", "current", "now",   "today",
                                            "ongoing", "date",    "heute", NULL};

/* Length of the word at s[i] when it is word (case-insensitive, ends at a non-letter); 0 if
 * not. */
size_t cv_history_word_at(const char *s, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    if (i + n > len || strncasecmp(s + i, word, n) != 0)
        return 0;
    return i + n == len || !isalpha((unsigned char)s[i + n]) ? n : 0;
}

size_t cv_history_skip_blanks(const char *s, size_t len, size_t i)
{
    while (i < len && cv_is_blank(s[i]))
        i++;
    return i;
}

/* Reads a run of exactly n digits at s[i] (not followed by another digit) into *value. */
bool cv_history_digits_at(const char *s, size_t len, size_t i, size_t n, int *value)
{
    if (i + n > len || (i + n < len && isdigit((unsigned char)s[i + n])))
        return false;
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        if (!isdigit((unsigned char)s[i + k]))
            return false;
        v = v * 10 + (s[i + k] - '0');
    }
    *value = v;
    return true;
}

bool cv_history_plausible_year(int year, int now_year)
{
    return year >= 1950 && year <= now_year + 6;
}

/* Parses one date at s[i]: "present" (sets *present), "Jan 2020", "January, 2020", "01/2020",
 * "1.2020", "2020-01", "2020". Returns the index after it, or 0 when there is none. */
static size_t date_at(const char *s, size_t len, size_t i, int now_year, struct cv_date *d,
                      bool *present)
{
    *present = false;
    *d = (struct cv_date){0, 0};
    for (const char *const *w = present_words; *w; w++) {
        size_t n = cv_history_word_at(s, len, i, *w);
        if (n) {
            *present = true;
            return i + n;
        }
    }
    for (size_t m = 0; months[m].name; m++) {
        size_t n = cv_history_word_at(s, len, i, months[m].name);
        if (n == 0)
            continue;
        size_t j = i + n;
        if (j < len && s[j] == '.')
            j++;
        j = cv_history_skip_blanks(s, len, j);
        if (j < len && (s[j] == ',' || s[j] == '\''))
            j = cv_history_skip_blanks(s, len, j + 1);
        int year;
        if (!cv_history_digits_at(s, len, j, 4, &year) ||
            !cv_history_plausible_year(year, now_year))
            return 0;
        *d = (struct cv_date){year, months[m].month};
        return j + 4;
    }
    int first, second;
    for (size_t n = 1; n <= 2; n++) { /* MM/YYYY, M.YYYY, MM-YYYY */
        if (cv_history_digits_at(s, len, i, n, &first) && i + n < len && strchr("/.-", s[i + n]) &&
            cv_history_digits_at(s, len, i + n + 1, 4, &second) && first >= 1 && first <= 12 &&
            cv_history_plausible_year(second, now_year)) {
            *d = (struct cv_date){second, first};
            return i + n + 5;
        }
    }
    if (!cv_history_digits_at(s, len, i, 4, &first) || !cv_history_plausible_year(first, now_year))
        return 0;
    if (i + 4 < len && strchr("-/.", s[i + 4]) && cv_history_digits_at(s, len, i + 5, 2, &second) &&
        second >= 1 && second <= 12) { /* YYYY-MM, and a day after it is skipped */
        *d = (struct cv_date){first, second};
        size_t j = i + 7;
        int day;
        if (j < len && s[j] == s[i + 4] && cv_history_digits_at(s, len, j + 1, 2, &day))
            j += 3;
        return j;
    }
    *d = (struct cv_date){first, 0};
    return i + 4;
}

/* The separator between two dates: a dash, "to", "until"...; returns the index after it or 0. */
static size_t range_separator(const char *s, size_t len, size_t i)
{
    static const char *const symbols[] = {
        "->", "-", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x88\x92", "\xE2\x86\x92", "~", NULL};
    static const char *const words[] = {"to", "until", "till", "through", "thru", "bis", NULL};
    i = cv_history_skip_blanks(s, len, i);
    for (const char *const *sym = symbols; *sym; sym++) {
        size_t n = strlen(*sym);
        if (i + n <= len && memcmp(s + i, *sym, n) == 0)
            return cv_history_skip_blanks(s, len, i + n);
    }
    for (const char *const *w = words; *w; w++) {
        size_t n = cv_history_word_at(s, len, i, *w);
        if (n)
            return cv_history_skip_blanks(s, len, i + n);
    }
    return 0;
}

int cv_history_month_index(struct cv_date d, bool end)
{
    return d.year * 12 + (d.month ? d.month - 1 : (end ? 11 : 0));
}

bool cv_date_range(const char *line, size_t len, int now_year, struct cv_date *start,
                   struct cv_date *end, bool *current, size_t *from, size_t *to)
{
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && isalnum((unsigned char)line[i - 1]))
            continue;
        size_t since = cv_history_word_at(line, len, i, "since");
        if (!since)
            since = cv_history_word_at(line, len, i, "seit");
        bool present;
        if (since) { /* "since 2021": to the present */
            size_t j = date_at(line, len, cv_history_skip_blanks(line, len, i + since), now_year,
                               start, &present);
            if (j && !present) {
                *end = (struct cv_date){0, 0};
                *current = true;
                *from = i;
                *to = j;
                return true;
            }
            continue;
        }
        size_t j = date_at(line, len, i, now_year, start, &present);
        if (j == 0 || present)
            continue;
        size_t k = range_separator(line, len, j);
        if (k == 0)
            continue;
        size_t l = date_at(line, len, k, now_year, end, current);
        if (l == 0)
            continue;
        if (!*current && cv_history_month_index(*end, true) < cv_history_month_index(*start, false))
            continue;
        if (*current)
            *end = (struct cv_date){0, 0};
        *from = i;
        *to = l;
        return true;
    }
    return false;
}

/* ================================================================ levels */

static const char *const level_names[] = {"entry", "junior",    "mid", "senior",
                                          "lead",  "executive", NULL};

int cv_level_rank(const char *level)
{
    for (int i = 0; level && level_names[i]; i++)
        if (strcmp(level, level_names[i]) == 0)
            return i;
    return -1;
}

const char *cv_level_for_years(int years)
{
    if (years < 1)
        return "entry";
    if (years < 3)
        return "junior";
    if (years < 6)
        return "mid";
    return years < 12 ? "senior" : "lead";
}

const char *cv_title_level(const char *title)
{
    static const struct {
        const char *word;
        const char *level;
    } words[] = {
        {"chief", "executive"},
        {"ceo", "executive"},
        {"cto", "executive"},
        {"cio", "executive"},
        {"cfo", "executive"},
        {"coo", "executive"},
        {"cpo", "executive"},
        {"ciso", "executive"},
        {"vp", "executive"},
        {"vice president", "executive"},
        {"president", "executive"},
        {"head of", "executive"},
        {"director", "executive"},
        {"founder", "executive"},
        {"co-founder", "executive"},
        {"evp", "executive"},
        {"svp", "executive"},
        {"lead", "lead"},
        {"principal", "lead"},
        {"staff", "lead"},
        {"manager", "lead"},
        {"architect", "lead"},
        {"senior", "senior"},
        {"sr", "senior"},
        {"junior", "junior"},
        {"jr", "junior"},
        {"intern", "entry"},
        {"internship", "entry"},
        {"trainee", "entry"},
        {"apprentice", "entry"},
        {"graduate", "entry"},
        {"working student", "entry"},
        {"entry level", "entry"},
        {"entry-level", "entry"},
        {"mid-level", "mid"},
        {"mid level", "mid"},
        {NULL, NULL},
    };
    const char *best = NULL;
    size_t len = strlen(title);
    for (size_t i = 0; words[i].word; i++)
        if (cv_has_word(title, len, words[i].word) &&
            cv_level_rank(words[i].level) > cv_level_rank(best))
            best = words[i].level;
    return best;
}
