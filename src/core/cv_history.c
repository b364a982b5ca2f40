/*
 * This file implements the dated half of the résumé analysis (cv_history.h): date ranges,
 * the experience entries with the years and level they add up to, and the education entries.
 * The dates and levels are read in cv_history_date.c, the education entries in
 * cv_history_education.c; cv_history_internal.h declares what they share.
 */
#include "cv_history.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "cv_history_internal.h"
#include "cv_lines.h"
#include "cv_role.h"

/* ================================================================ experience */

/* Writes line[a..b) without [from, to) into out, trimmed of separators, runs of blanks (layout
 * columns) turned into ", ". */
void cv_history_entry_title(const char *line, size_t a, size_t b, size_t from, size_t to, char *out,
                            size_t n)
{
    char tmp[512] = "";
    size_t w = 0;
    for (size_t i = a; i < b && w + 3 < sizeof tmp; i++) {
        if (i >= from && i < to)
            continue;
        if ((line[i] == '*' || line[i] == '_') && i + 1 < b && line[i + 1] == line[i]) {
            i++; /* Markdown emphasis */
            continue;
        }
        if (line[i] == '(' && i + 1 < b && (line[i + 1] == ')' || (i + 1 >= from && i + 1 < to))) {
            size_t close = i + 1;
            while (close < b && close >= from && close < to)
                close++;
            while (close < b && cv_is_blank(line[close]))
                close++;
            if (close < b && line[close] == ')') {
                i = close; /* the brackets the dates stood in */
                continue;
            }
        }
        if (cv_is_blank(line[i]) && i + 1 < b && cv_is_blank(line[i + 1])) {
            while (i + 1 < b && cv_is_blank(line[i + 1]))
                i++;
            if (w > 0 && tmp[w - 1] != ' ' && tmp[w - 1] != ',')
                tmp[w++] = ',';
            tmp[w++] = ' ';
            continue;
        }
        tmp[w++] = line[i];
    }
    static const char strip[] = " \t|,;:-()[]*#_";
    size_t s = 0, e = w;
    for (bool more = true; more;) {
        more = false;
        while (s < e && tmp[s] && strchr(strip, tmp[s]) &&
               !(tmp[s] == '(' && memchr(tmp + s, ')', e - s)))
            s++, more = true;
        while (e > s && tmp[e - 1] && strchr(strip, tmp[e - 1]) &&
               !(tmp[e - 1] == ')' && memchr(tmp + s, '(', e - s)))
            e--, more = true;
        /* dashes and bullets written as UTF-8 (– — • ·) */
        if (e >= s + 3 && (memcmp(tmp + e - 3, "\xE2\x80\x93", 3) == 0 ||
                           memcmp(tmp + e - 3, "\xE2\x80\x94", 3) == 0 ||
                           memcmp(tmp + e - 3, "\xE2\x80\xA2", 3) == 0))
            e -= 3, more = true;
        if (e >= s + 2 && memcmp(tmp + e - 2, "\xC2\xB7", 2) == 0)
            e -= 2, more = true;
        if (e >= s + 3 &&
            (memcmp(tmp + s, "\xE2\x80\x93", 3) == 0 || memcmp(tmp + s, "\xE2\x80\x94", 3) == 0 ||
             memcmp(tmp + s, "\xE2\x80\xA2", 3) == 0))
            s += 3, more = true;
    }
    cv_copy(out, n, tmp + s, e - s);
}

bool cv_history_in_kind(const struct cv_analysis *r, size_t pos, enum cv_section_kind kind)
{
    for (size_t i = 0; i < r->nsections; i++)
        if (r->sections[i].kind == kind && pos >= r->sections[i].start && pos < r->sections[i].end)
            return true;
    return false;
}

static bool has_kind(const struct cv_analysis *r, enum cv_section_kind kind)
{
    for (size_t i = 0; i < r->nsections; i++)
        if (r->sections[i].kind == kind)
            return true;
    return false;
}

/* True when the line at pos belongs to the experience: an experience section, or, when the
 * résumé has none, any text outside the sections that hold other dated things. */
static bool in_experience(const struct cv_analysis *r, size_t pos, bool has_section)
{
    if (has_section)
        return cv_history_in_kind(r, pos, CV_SECTION_EXPERIENCE);
    return cv_history_in_kind(r, pos, CV_SECTION_HEADER) ||
           cv_history_in_kind(r, pos, CV_SECTION_SUMMARY);
}

/* A number written as a word ("five years"), 0 when s[i] starts none. */
static size_t number_word_at(const char *s, size_t len, size_t i, int *value)
{
    static const char *const words[] = {
        "one",     "two",     "three",     "four",     "five",     "six",      "seven",
        "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",   NULL};
    for (int k = 0; words[k]; k++) {
        size_t n = cv_history_word_at(s, len, i, words[k]);
        if (n) {
            *value = k + 1;
            return n;
        }
    }
    return 0;
}

/* "10+ years of experience", "8 years' experience", "five years of experience" in
 * text[from..to): the largest such number (<= 50), or -1. */
static int stated_years_in(const char *text, size_t from, size_t to)
{
    int best = -1;
    for (size_t i = from; i < to; i++) {
        if (i > 0 && isalnum((unsigned char)text[i - 1]))
            continue;
        int n = 0;
        size_t j = i;
        if (isdigit((unsigned char)text[i])) {
            while (j < to && isdigit((unsigned char)text[j]) && j - i < 3)
                n = n * 10 + (text[j++] - '0');
        } else {
            size_t w = number_word_at(text, to, i, &n);
            if (w == 0)
                continue;
            j = i + w;
        }
        if (j < to && text[j] == '+')
            j++;
        j = cv_history_skip_blanks(text, to, j);
        size_t w = cv_history_word_at(text, to, j, "years");
        if (!w)
            w = cv_history_word_at(text, to, j, "yrs");
        if (!w || n > 50)
            continue;
        size_t window = to - (j + w) < 40 ? to - (j + w) : 40;
        char tail[48];
        cv_copy(tail, sizeof tail, text + j + w, window);
        for (char *p = tail; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (strstr(tail, "experience") && n > best)
            best = n;
    }
    return best;
}

/* The years the résumé states in its header or summary (where people state their whole
 * experience, not one skill's), or -1. */
static int stated_years(const char *text, const struct cv_analysis *r)
{
    int best = -1;
    for (size_t i = 0; i < r->nsections; i++) {
        enum cv_section_kind k = r->sections[i].kind;
        if (k != CV_SECTION_HEADER && k != CV_SECTION_SUMMARY)
            continue;
        int y = stated_years_in(text, r->sections[i].start, r->sections[i].end);
        if (y > best)
            best = y;
    }
    return best;
}

/* A dated role, for the years: months [from, to), and how much they count in halves (2 in
 * full, 1 for training or part-time, 0 for another career). */
struct span {
    int from, to;
    int entry; /* index in the experience entries, -1 when beyond CV_MAX_ENTRIES */
    bool training;
    int weight;
};

#define SPAN_MAX 64
#define MONTHS_MAX 1200 /* a hundred years of months */

/* Months covered by the spans, each month counted by the largest weight covering it. */
static int weighted_months(const struct span *v, int n)
{
    int first = 0, last = 0;
    for (int i = 0; i < n; i++) {
        if (i == 0 || v[i].from < first)
            first = v[i].from;
        if (i == 0 || v[i].to > last)
            last = v[i].to;
    }
    if (n == 0 || last <= first)
        return 0;
    if (last - first > MONTHS_MAX)
        first = last - MONTHS_MAX;
    unsigned char halves[MONTHS_MAX] = {0};
    for (int i = 0; i < n; i++)
        for (int m = v[i].from < first ? first : v[i].from; m < v[i].to; m++)
            if (v[i].weight > halves[m - first])
                halves[m - first] = (unsigned char)v[i].weight;
    int total = 0;
    for (int m = 0; m < last - first; m++)
        total += halves[m];
    return total / 2;
}

/* The text of a date line besides its range is an aside ("*June 2020 – Present* · Remote"):
 * nothing before the range, and a separator (·, |, a comma, a dash) after it. */
static bool aside_only(const char *s, size_t a, size_t b, size_t from, size_t to)
{
    for (size_t i = a; i < from; i++)
        if (!cv_is_blank(s[i]) && !strchr("*_(", s[i]))
            return false;
    size_t i = to;
    while (i < b && (cv_is_blank(s[i]) || strchr("*_)", s[i])))
        i++;
    return i < b && (strchr("|,", s[i]) ||
                     ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB7) ||
                     ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80));
}

/* ================================================================ highlights */

/* Adds line[a..b) (cleaned) as a highlight of e. */
static void add_highlight(struct cv_entry *e, const char *text, size_t a, size_t b)
{
    if (e == NULL || e->nhighlights == CV_MAX_HIGHLIGHTS)
        return;
    char *h = e->highlights[e->nhighlights];
    cv_history_entry_title(text, a, b, 0, 0, h, sizeof e->highlights[0]);
    if (h[0])
        e->nhighlights++;
}

/* Appends line[a..b) to e's last highlight (a wrapped bullet). */
static void continue_highlight(struct cv_entry *e, const char *text, size_t a, size_t b)
{
    char *h = e->highlights[e->nhighlights - 1], more[320];
    cv_history_entry_title(text, a, b, 0, 0, more, sizeof more);
    size_t len = strlen(h);
    if (more[0] && len + 1 + strlen(more) < sizeof e->highlights[0]) {
        h[len] = ' ';
        memcpy(h + len + 1, more, strlen(more) + 1);
    }
}

/* The entry whose company opens line[a..b) as "Company: ..." or "**Company**: ...", with *at
 * set past the colon; NULL when none. */
static struct cv_entry *company_paragraph(struct cv_analysis *r, const char *text, size_t a,
                                          size_t b, size_t *at)
{
    size_t s = a;
    while (s < b && (text[s] == '*' || text[s] == '_'))
        s++;
    for (int i = 0; i < r->nexperience; i++) {
        size_t n = strlen(r->experience[i].company);
        if (n == 0 || s + n >= b || strncasecmp(text + s, r->experience[i].company, n) != 0)
            continue;
        size_t k = s + n;
        while (k < b && (text[k] == '*' || text[k] == '_'))
            k++;
        if (k < b && text[k] == ':') {
            *at = k + 1;
            return &r->experience[i];
        }
    }
    return NULL;
}

/* Is line[a..b) a sentence (six or more words ending with a full stop) rather than a title? */
static bool sentence_line(const char *text, size_t a, size_t b)
{
    size_t words = 1;
    for (size_t i = a; i < b; i++)
        words += text[i] == ' ' && i + 1 < b && text[i + 1] != ' ';
    return b > a && text[b - 1] == '.' && words >= 6;
}

/* A line of the lines above a date line: its byte range. */
struct above {
    size_t a, b;
};

/* The entry's title, company and place from the lines above its date line (the nearest last):
 * "Title" then "Company — City", or one role line. */
static void role_from_above(const char *text, const struct above *v, int n, struct cv_role *role)
{
    char far[256], near[256];
    memset(role, 0, sizeof *role);
    if (n == 0)
        return;
    cv_history_entry_title(text, v[n - 1].a, v[n - 1].b, 0, 0, near, sizeof near);
    if (n == 2) {
        cv_history_entry_title(text, v[0].a, v[0].b, 0, 0, far, sizeof far);
        size_t len = strlen(far), words = 1;
        for (const char *p = far; *p; p++)
            words += *p == ' ';
        struct cv_role probe;
        cv_role_split(far, &probe);
        if (cv_role_has_role_word(far) && probe.company[0] == '\0' && words <= 6 && len &&
            far[len - 1] != '.' && !cv_role_has_role_word(near)) {
            cv_copy(role->title, sizeof role->title, far, len);
            cv_role_company_place(near, role);
            return;
        }
    }
    cv_role_split(near, role);
}

static void experience(const char *text, int now_year, int now_month, struct cv_analysis *r)
{
    bool has_section = has_kind(r, CV_SECTION_EXPERIENCE);
    struct span spans[SPAN_MAX];
    int nspans = 0;
    int now = now_year * 12 + now_month - 1;
    size_t end = strlen(text), pos = 0, ls, le;
    struct above above[2];
    int nabove = 0;
    int latest = -1, latest_entry = -1;
    struct cv_entry *entry = NULL; /* the entry the next bullets belong to */
    bool in_highlight = false, after_dates = false;
    while (cv_next_line(text, end, &pos, &ls, &le)) {
        size_t a = ls, b = le;
        cv_trim(text, &a, &b);
        if (a == b || !in_experience(r, ls, has_section)) {
            nabove = 0;
            if (a != b) {
                entry = NULL; /* another section: its bullets are not the role's */
                in_highlight = false;
            }
            continue;
        }
        bool bullet = cv_skip_bullet(text, &a, b);
        struct cv_date start, stop;
        bool current;
        size_t from, to;
        if (!cv_date_range(text + a, b - a, now_year, &start, &stop, &current, &from, &to)) {
            struct cv_entry *owner;
            size_t at;
            if (bullet) { /* what the role above achieved */
                add_highlight(entry, text, a, b);
                in_highlight = entry != NULL;
                nabove = 0;
            } else if (in_highlight && entry && entry->nhighlights &&
                       islower((unsigned char)text[a])) { /* a wrapped bullet */
                continue_highlight(entry, text, a, b);
            } else if ((owner = company_paragraph(r, text, a, b, &at))) {
                add_highlight(owner, text, at, b); /* "**Sightline AI**: trained ..." */
                in_highlight = false;
                nabove = 0;
            } else if (entry && (in_highlight || after_dates) && sentence_line(text, a, b)) {
                add_highlight(entry, text, a, b); /* a description under the dates */
                in_highlight = true;
                nabove = 0;
            } else {
                in_highlight = false;
                if (nabove == 2)
                    above[0] = above[1];
                above[nabove < 2 ? nabove++ : 1] = (struct above){a, b};
            }
            after_dates = false;
            continue;
        }
        /* a year alone stands for its middle: "2016 - 2019" is three years, not four */
        int first = start.month ? cv_history_month_index(start, false) : start.year * 12 + 6;
        int last = current      ? now
                   : stop.month ? cv_history_month_index(stop, true)
                                : stop.year * 12 + 5;
        if (last < first)
            last = first + 5; /* "2019 - 2019": half a year */
        if (last > now)
            last = now;
        char raw[512];
        cv_copy(raw, sizeof raw, text + a, b - a);
        bool counted = nspans < SPAN_MAX && first <= now;
        if (counted)
            spans[nspans++] = (struct span){first, last + 1, -1, cv_role_is_training(raw), 2};
        if (r->nexperience == CV_MAX_ENTRIES) {
            entry = NULL;
            nabove = 0;
            continue;
        }
        struct cv_entry *e = &r->experience[r->nexperience];
        char rest[256];
        cv_history_entry_title(text, a, b, a + from, a + to, rest, sizeof rest);
        bool aside = aside_only(text, a, b, a + from, a + to);
        struct cv_role role;
        if (rest[0] && !aside)
            cv_role_split(rest, &role);
        else
            role_from_above(text, above, nabove, &role);
        if (aside && role.location[0] == '\0') { /* the place after the dates */
            const char *p = rest;
            if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xB7)
                p += 2;
            while (*p == ' ' || *p == '|' || *p == ',')
                p++;
            cv_copy(role.location, sizeof role.location, p, strlen(p));
        }
        cv_copy(e->title, sizeof e->title, role.title, strlen(role.title));
        cv_copy(e->company, sizeof e->company, role.company, strlen(role.company));
        cv_copy(e->location, sizeof e->location, role.location, strlen(role.location));
        e->start = start;
        e->end = stop;
        e->current = current;
        if (counted) {
            spans[nspans - 1].entry = r->nexperience;
            spans[nspans - 1].training |= cv_role_is_training(e->title);
        }
        if (last > latest) {
            latest = last;
            latest_entry = r->nexperience;
        }
        r->nexperience++;
        entry = e;
        in_highlight = false;
        after_dates = true;
        nabove = 0;
    }

    /* the years: what the résumé states, else the roles, training counting half and another
     * career (a title unrelated to the latest one) not at all */
    const char *latest_title = latest_entry >= 0 ? r->experience[latest_entry].title : "";
    bool judge_fields = cv_role_is_tech(latest_title);
    for (int i = 0; i < nspans; i++) {
        const char *title = spans[i].entry >= 0 ? r->experience[spans[i].entry].title : "";
        if (spans[i].training)
            spans[i].weight = 1;
        if (judge_fields && spans[i].entry >= 0 && !cv_role_related(title, latest_title))
            spans[i].weight = 0;
    }
    int stated = stated_years(text, r);
    r->years = stated >= 0 ? stated : nspans ? weighted_months(spans, nspans) / 12 : -1;

    /* the level: the most recent title's, or the one under the name in the header; else the
     * years' */
    const char *title_level = NULL;
    if (latest_entry >= 0)
        title_level = cv_title_level(r->experience[latest_entry].title);
    if (title_level == NULL) {
        pos = 0;
        int lines = 0;
        while (cv_next_line(text, r->sections[0].end, &pos, &ls, &le) && lines < 6) {
            char line[256];
            cv_copy(line, sizeof line, text + ls, le - ls);
            const char *l = cv_title_level(line);
            if (cv_level_rank(l) > cv_level_rank(title_level))
                title_level = l;
            lines++;
        }
    }
    const char *years_level = r->years >= 0 ? cv_level_for_years(r->years) : NULL;
    r->level = title_level ? title_level : years_level;
    if (r->level == NULL && !has_section && (has_kind(r, CV_SECTION_EDUCATION)))
        r->level = "entry"; /* a student's résumé: education and nothing dated at work */
}

void cv_history(const char *text, int now_year, int now_month, struct cv_analysis *out)
{
    cv_history_education(text, now_year, out);
    experience(text, now_year, now_month, out);
}
