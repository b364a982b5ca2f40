/*
 * This file implements the résumé text analysis of cv_text.h: cleaning, section headings,
 * contact details and skills. Dates, experience and education are in cv_history*.c.
 */
#include "cv_text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/buf.h"
#include "../lib/xalloc.h"
#include "cv_history.h"
#include "cv_lines.h"
#include "skills.h"
#include "utf8.h"

/* ================================================================ cleaning */

/* Appends the pending line to out (trailing blanks trimmed) under the size cap. */
static void flush_line(struct buf *out, struct buf *line, bool *pending_blank, size_t max,
                       bool *full)
{
    size_t n = line->len;
    while (n > 0 && cv_is_blank(line->data[n - 1]))
        n--;
    if (n == 0) {
        *pending_blank = out->len > 0;
    } else if (!*full) {
        size_t need = (out->len ? 1 : 0) + (*pending_blank ? 1 : 0);
        if (out->len + need + n > max) {
            *full = true;
            size_t room = max > out->len + need ? max - out->len - need : 0;
            while (room > 0 && room < n && ((unsigned char)line->data[room] & 0xC0) == 0x80)
                room--;
            n = room < n ? room : n;
        }
        if (n > 0) {
            if (out->len)
                buf_putc(out, '\n');
            if (*pending_blank)
                buf_putc(out, '\n');
            buf_append(out, line->data, n);
        }
        *pending_blank = false;
    }
    buf_reset(line);
}

char *cv_text_clean(const char *raw, size_t len, size_t max, bool *truncated)
{
    struct buf out, line;
    buf_init(&out);
    buf_init(&line);
    bool pending_blank = false, full = false;
    size_t pos = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (pos < len && !full) {
        uint32_t cp;
        size_t k = utf8_decode(raw + pos, len - pos, &cp);
        if (k == 0) {
            cp = UTF8_REPLACEMENT;
            k = 1;
        }
        pos += k;
        if (cp == '\r' && pos < len && raw[pos] == '\n')
            continue; /* the LF ends the line */
        if (cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x85 || cp == 0x2028 ||
            cp == 0x2029) {
            flush_line(&out, &line, &pending_blank, max, &full);
            continue;
        }
        if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || cp == 0xFEFF)
            continue;
        if (cp == 0xA0)
            cp = ' ';
        char bytes[UTF8_MAX_BYTES];
        size_t nbytes = utf8_encode(cp, bytes);
        buf_append(&line, bytes, nbytes);
    }
    flush_line(&out, &line, &pending_blank, max, &full);
    buf_free(&line);
    if (truncated)
        *truncated = full || pos < len;
    if (out.data == NULL)
        buf_puts(&out, "");
    return buf_steal(&out);
}

/* ================================================================ headings and sections */

/* unclaimed: what the section lists is not yet the writer's skill (interests, hobbies, what she is
   learning); its skills are not read */
static const struct {
    const char *name;
    enum cv_section_kind kind;
    bool unclaimed;
} headings[] = {
    {"summary", CV_SECTION_SUMMARY},
    {"professional summary", CV_SECTION_SUMMARY},
    {"profile", CV_SECTION_SUMMARY},
    {"professional profile", CV_SECTION_SUMMARY},
    {"about", CV_SECTION_SUMMARY},
    {"about me", CV_SECTION_SUMMARY},
    {"objective", CV_SECTION_SUMMARY},
    {"career objective", CV_SECTION_SUMMARY},
    {"career summary", CV_SECTION_SUMMARY},
    {"personal statement", CV_SECTION_SUMMARY},
    {"overview", CV_SECTION_SUMMARY},
    {"executive summary", CV_SECTION_SUMMARY},
    {"experience", CV_SECTION_EXPERIENCE},
    {"work experience", CV_SECTION_EXPERIENCE},
    {"professional experience", CV_SECTION_EXPERIENCE},
    {"relevant experience", CV_SECTION_EXPERIENCE},
    {"employment", CV_SECTION_EXPERIENCE},
    {"employment history", CV_SECTION_EXPERIENCE},
    {"work history", CV_SECTION_EXPERIENCE},
    {"career history", CV_SECTION_EXPERIENCE},
    {"professional background", CV_SECTION_EXPERIENCE},
    {"career", CV_SECTION_EXPERIENCE},
    {"industry experience", CV_SECTION_EXPERIENCE},
    {"technical experience", CV_SECTION_EXPERIENCE},
    {"internships", CV_SECTION_EXPERIENCE},
    {"internship experience", CV_SECTION_EXPERIENCE},
    {"experience and employment", CV_SECTION_EXPERIENCE},
    {"work", CV_SECTION_EXPERIENCE},
    {"berufserfahrung", CV_SECTION_EXPERIENCE},
    {"education", CV_SECTION_EDUCATION},
    {"education and training", CV_SECTION_EDUCATION},
    {"academic background", CV_SECTION_EDUCATION},
    {"academic history", CV_SECTION_EDUCATION},
    {"academic qualifications", CV_SECTION_EDUCATION},
    {"qualifications", CV_SECTION_EDUCATION},
    {"educational background", CV_SECTION_EDUCATION},
    {"studies", CV_SECTION_EDUCATION},
    {"education and certifications", CV_SECTION_EDUCATION},
    {"ausbildung", CV_SECTION_EDUCATION},
    {"skills", CV_SECTION_SKILLS},
    {"technical skills", CV_SECTION_SKILLS},
    {"core skills", CV_SECTION_SKILLS},
    {"key skills", CV_SECTION_SKILLS},
    {"core competencies", CV_SECTION_SKILLS},
    {"competencies", CV_SECTION_SKILLS},
    {"technologies", CV_SECTION_SKILLS},
    {"tech stack", CV_SECTION_SKILLS},
    {"technical proficiencies", CV_SECTION_SKILLS},
    {"tools", CV_SECTION_SKILLS},
    {"tools and technologies", CV_SECTION_SKILLS},
    {"skills and tools", CV_SECTION_SKILLS},
    {"expertise", CV_SECTION_SKILLS},
    {"areas of expertise", CV_SECTION_SKILLS},
    {"programming languages", CV_SECTION_SKILLS},
    {"skills summary", CV_SECTION_SKILLS},
    {"skill set", CV_SECTION_SKILLS},
    {"skillset", CV_SECTION_SKILLS},
    {"skills and interests", CV_SECTION_SKILLS},
    {"kenntnisse", CV_SECTION_SKILLS},
    {"projects", CV_SECTION_PROJECTS},
    {"personal projects", CV_SECTION_PROJECTS},
    {"selected projects", CV_SECTION_PROJECTS},
    {"side projects", CV_SECTION_PROJECTS},
    {"open source", CV_SECTION_PROJECTS},
    {"key projects", CV_SECTION_PROJECTS},
    {"portfolio", CV_SECTION_PROJECTS},
    {"certifications", CV_SECTION_CERTIFICATIONS},
    {"certificates", CV_SECTION_CERTIFICATIONS},
    {"licenses", CV_SECTION_CERTIFICATIONS},
    {"licenses and certifications", CV_SECTION_CERTIFICATIONS},
    {"certifications and licenses", CV_SECTION_CERTIFICATIONS},
    {"courses", CV_SECTION_CERTIFICATIONS},
    {"training", CV_SECTION_CERTIFICATIONS},
    {"languages", CV_SECTION_LANGUAGES},
    {"spoken languages", CV_SECTION_LANGUAGES},
    {"language skills", CV_SECTION_LANGUAGES},
    {"interests", CV_SECTION_OTHER, true},
    {"hobbies", CV_SECTION_OTHER, true},
    {"hobbies and interests", CV_SECTION_OTHER, true},
    {"interests and hobbies", CV_SECTION_OTHER, true},
    {"personal interests", CV_SECTION_OTHER, true},
    {"learning", CV_SECTION_OTHER, true},
    {"currently learning", CV_SECTION_OTHER, true},
    {"learning goals", CV_SECTION_OTHER, true},
    {"goals", CV_SECTION_OTHER, true},
    {"references", CV_SECTION_OTHER},
    {"awards", CV_SECTION_OTHER},
    {"honors", CV_SECTION_OTHER},
    {"honours", CV_SECTION_OTHER},
    {"awards and honors", CV_SECTION_OTHER},
    {"publications", CV_SECTION_OTHER},
    {"volunteering", CV_SECTION_OTHER},
    {"volunteer experience", CV_SECTION_OTHER},
    {"volunteer work", CV_SECTION_OTHER},
    {"activities", CV_SECTION_OTHER},
    {"achievements", CV_SECTION_OTHER},
    {"accomplishments", CV_SECTION_OTHER},
    {"memberships", CV_SECTION_OTHER},
    {"additional information", CV_SECTION_OTHER},
    {"contact", CV_SECTION_OTHER},
    {"contact information", CV_SECTION_OTHER},
    {"personal information", CV_SECTION_OTHER},
    {"personal details", CV_SECTION_OTHER},
    {"leadership", CV_SECTION_OTHER},
    {"extracurricular activities", CV_SECTION_OTHER},
    {NULL, CV_SECTION_OTHER},
};

const char *cv_section_name(enum cv_section_kind kind)
{
    static const char *const names[] = {"header",         "summary",   "experience",
                                        "education",      "skills",    "projects",
                                        "certifications", "languages", "other"};
    return (unsigned)kind < sizeof names / sizeof *names ? names[kind] : "other";
}

/* The index in headings of the heading line[0..len) is, or -1. */
static int heading_index(const char *line, size_t len)
{
    size_t a = 0, b = len;
    cv_trim(line, &a, &b);
    while (a < b && line[a] == '#')
        a++;
    /* markdown emphasis and rules around a heading, a colon after it */
    while (a < b && (line[a] == '*' || line[a] == '_' || line[a] == '=' || cv_is_blank(line[a])))
        a++;
    while (b > a && (line[b - 1] == '*' || line[b - 1] == '_' || line[b - 1] == '=' ||
                     line[b - 1] == ':' || cv_is_blank(line[b - 1])))
        b--;
    if (b == a || b - a > 64)
        return -1;
    /* lower-case, '&' read as "and", single spaces; letter-spaced "E X P E R I E N C E" joined */
    char norm[160] = "";
    size_t n = 0;
    bool spaced = true;
    for (size_t i = a; i < b; i++)
        if (!cv_is_blank(line[i]) &&
            ((i > a && !cv_is_blank(line[i - 1])) || (i + 1 < b && !cv_is_blank(line[i + 1]))))
            spaced = false;
    for (size_t i = a; i < b && n + 5 < sizeof norm; i++) {
        char c = line[i];
        if (cv_is_blank(c)) {
            if (spaced && !(i + 1 < b && cv_is_blank(line[i + 1]) && !cv_is_blank(line[i - 1])))
                continue; /* inside a letter-spaced word; a double blank separates words */
            if (n > 0 && norm[n - 1] != ' ')
                norm[n++] = ' ';
        } else if (c == '&') {
            if (n > 0 && norm[n - 1] != ' ')
                norm[n++] = ' ';
            memcpy(norm + n, "and", 3);
            n += 3;
        } else {
            norm[n++] = (char)tolower((unsigned char)c);
        }
    }
    while (n > 0 && norm[n - 1] == ' ')
        n--;
    norm[n] = '\0';
    for (size_t i = 0; headings[i].name; i++)
        if (strcmp(norm, headings[i].name) == 0)
            return (int)i;
    return -1;
}

int cv_heading_kind(const char *line, size_t len)
{
    int i = heading_index(line, len);
    return i < 0 ? -1 : (int)headings[i].kind;
}

/* True when line[0..len) is a rule under a heading ("=====" or "-----"). */
static bool is_underline(const char *line, size_t len)
{
    size_t a = 0, b = len;
    cv_trim(line, &a, &b);
    if (b - a < 3)
        return false;
    for (size_t i = a; i < b; i++)
        if (line[i] != '=' && line[i] != '-')
            return false;
    return true;
}

size_t cv_sections(const char *text, struct cv_section *out, size_t max)
{
    size_t end = strlen(text);
    if (max == 0)
        return 0;
    out[0] = (struct cv_section){CV_SECTION_HEADER, 0, 0, end};
    size_t count = 1, pos = 0, ls, le;
    while (cv_next_line(text, end, &pos, &ls, &le)) {
        size_t a = ls, b = le;
        cv_trim(text, &a, &b);
        if (a == b || cv_skip_bullet(text, &a, b))
            continue;
        int kind = cv_heading_kind(text + ls, le - ls);
        if (kind < 0 || count == max)
            continue;
        out[count - 1].end = ls;
        size_t body = pos;
        size_t p2 = pos, ls2, le2; /* a setext rule under the heading belongs to it */
        if (cv_next_line(text, end, &p2, &ls2, &le2) && is_underline(text + ls2, le2 - ls2))
            body = pos = p2;
        out[count++] = (struct cv_section){(enum cv_section_kind)kind, ls, body, end};
    }
    return count;
}

/* ================================================================ e-mail */

static bool local_char(char c)
{
    return isalnum((unsigned char)c) || strchr("._%+-", c) != NULL;
}

static bool domain_char(char c)
{
    return isalnum((unsigned char)c) || c == '.' || c == '-';
}

/* The address around the '@' at text[at], as [*from, *to); false when it is none. */
static bool email_at(const char *text, size_t len, size_t at, size_t *from, size_t *to)
{
    size_t a = at, b = at + 1;
    while (a > 0 && local_char(text[a - 1]))
        a--;
    while (b < len && domain_char(text[b]))
        b++;
    while (b > at + 1 && (text[b - 1] == '.' || text[b - 1] == '-'))
        b--;
    while (a < at && text[a] == '.')
        a++;
    if (a == at || text[at - 1] == '.' || b == at + 1)
        return false;
    const char *dot = NULL;
    for (size_t i = at + 1; i < b; i++)
        if (text[i] == '.')
            dot = text + i;
    if (dot == NULL || text[at + 1] == '.' || text[at + 1] == '-')
        return false;
    size_t tld = (size_t)(text + b - dot - 1);
    if (tld < 2)
        return false;
    for (const char *p = dot + 1; p < text + b; p++)
        if (!isalpha((unsigned char)*p))
            return false;
    *from = a;
    *to = b;
    return true;
}

bool cv_find_email(const char *text, char *out, size_t n)
{
    size_t len = strlen(text), from, to;
    for (const char *p = strchr(text, '@'); p; p = strchr(p + 1, '@')) {
        if (email_at(text, len, (size_t)(p - text), &from, &to)) {
            cv_copy(out, n, text + from, to - from);
            return true;
        }
    }
    cv_copy(out, n, "", 0);
    return false;
}

/* ================================================================ phone */

static bool is_year_group(const char *s, size_t n)
{
    if (n != 4)
        return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return y >= 1900 && y <= 2099;
}

/* A phone number starting at text[i] within [a, b): its span, or false. Labelled lines accept
 * shorter unseparated numbers. */
static bool phone_at(const char *text, size_t i, size_t b, bool labelled, size_t *to)
{
    bool plus = text[i] == '+', paren = text[i] == '(';
    size_t j = i + (plus || paren ? 1 : 0);
    if (j >= b || !isdigit((unsigned char)text[j]))
        return false;
    while (j < b) {
        char c = text[j];
        if (isdigit((unsigned char)c) || c == '-' || c == '.' || c == '(' || c == ')' || c == '/')
            j++;
        else if (c == ' ' && j + 1 < b && text[j + 1] != ' ')
            j++;
        else
            break;
    }
    while (j > i && !isdigit((unsigned char)text[j - 1]))
        j--;
    if (j < b && isalpha((unsigned char)text[j]))
        return false;
    int digits = 0, groups = 0;
    bool separated = false, year_group = false;
    for (size_t k = i; k < j;) {
        if (!isdigit((unsigned char)text[k])) {
            separated = true;
            k++;
            continue;
        }
        size_t g = k;
        while (k < j && isdigit((unsigned char)text[k]))
            k++;
        digits += (int)(k - g);
        groups++;
        year_group = year_group || is_year_group(text + g, k - g);
    }
    if (digits < 7 || digits > 15)
        return false;
    if (!plus && !paren && year_group)
        return false; /* "2016 - 2019", "2020-01-15", "07/2019 - 03/2021" */
    if (!plus && !separated && digits < 10 && !labelled)
        return false; /* a bare 7-9 digit run is more likely an id or a postcode */
    *to = j;
    return true;
}

static bool find_phone_in(const char *text, size_t a, size_t b, bool labelled, char *out, size_t n)
{
    for (size_t i = a; i < b; i++) {
        if (i > a && (isalnum((unsigned char)text[i - 1]) || text[i - 1] == '/' ||
                      text[i - 1] == '.' || text[i - 1] == '-' || text[i - 1] == '+'))
            continue;
        size_t to;
        if (phone_at(text, i, b, labelled, &to)) {
            cv_copy(out, n, text + i, to - i);
            return true;
        }
    }
    return false;
}

bool cv_find_phone(const char *text, char *out, size_t n)
{
    static const char *const labels[] = {"phone", "tel",   "telephone", "mobile",   "cell",
                                         "mob",   "handy", "telefon",   "whatsapp", NULL};
    size_t end = strlen(text), pos = 0, ls, le;
    while (cv_next_line(text, end, &pos, &ls, &le)) {
        for (const char *const *l = labels; *l; l++)
            if (cv_has_word(text + ls, le - ls, *l) && find_phone_in(text, ls, le, true, out, n))
                return true;
    }
    pos = 0;
    while (cv_next_line(text, end, &pos, &ls, &le))
        if (find_phone_in(text, ls, le, false, out, n))
            return true;
    cv_copy(out, n, "", 0);
    return false;
}

/* ================================================================ links */

static bool link_delimiter(char c)
{
    return isspace((unsigned char)c) || (unsigned char)c >= 0x80 || strchr("<>()[]{}\"'|,;", c);
}

static const char *const known_hosts[] = {
    "linkedin.com/",
    "github.com/",
    "gitlab.com/",
    "bitbucket.org/",
    "stackoverflow.com/",
    "twitter.com/",
    "x.com/",
    "medium.com/",
    "behance.net/",
    "dribbble.com/",
    "kaggle.com/",
    "codepen.io/",
    "dev.to/",
    "youtube.com/",
    "huggingface.co/",
    NULL,
};

/* True when token (lower-cased) is a known profile host path, possibly with a subdomain. */
static bool known_host_path(const char *token)
{
    for (const char *const *h = known_hosts; *h; h++) {
        const char *p = strstr(token, *h);
        if (p && (p == token || (p[-1] == '.' && strchr(token, '/') > p)))
            return strlen(p) > strlen(*h); /* a path after the host */
    }
    return false;
}

/* The comparable form of a link: lower-case, no scheme, no trailing slash. */
static void link_key(const char *link, char *out, size_t n)
{
    if (strncasecmp(link, "https://", 8) == 0)
        link += 8;
    else if (strncasecmp(link, "http://", 7) == 0)
        link += 7;
    if (strncasecmp(link, "www.", 4) == 0)
        link += 4;
    size_t i = 0;
    for (; link[i] && i + 1 < n; i++)
        out[i] = (char)tolower((unsigned char)link[i]);
    while (i > 0 && out[i - 1] == '/')
        i--;
    out[i] = '\0';
}

int cv_find_links(const char *text, char (*out)[512], int max)
{
    int count = 0;
    size_t len = strlen(text), i = 0;
    while (i < len && count < max) {
        while (i < len && link_delimiter(text[i]))
            i++;
        size_t a = i;
        while (i < len && !link_delimiter(text[i]))
            i++;
        size_t b = i;
        while (b > a && strchr(".:!?", text[b - 1]))
            b--;
        if (b < a + 6 || b > a + 400)
            continue;
        char token[512];
        cv_copy(token, sizeof token, text + a, b - a);
        char lower[512];
        for (size_t k = 0; k <= strlen(token); k++)
            lower[k] = (char)tolower((unsigned char)token[k]);
        bool scheme = strncmp(lower, "http://", 7) == 0 || strncmp(lower, "https://", 8) == 0;
        const char *at = strchr(lower, '@'), *slash = strchr(lower + (scheme ? 8 : 0), '/');
        if (at && (slash == NULL || at < slash))
            continue; /* an e-mail address (or credentials in a URL) */
        char link[512];
        if (scheme) {
            const char *host = lower + (lower[4] == 's' ? 8 : 7);
            if (strchr(host, '.') == NULL)
                continue;
            snprintf(link, sizeof link, "%s", token);
        } else if (strncmp(lower, "www.", 4) == 0 || known_host_path(lower)) {
            snprintf(link, sizeof link, "https://%.500s", token);
        } else {
            continue;
        }
        char key[512], other[512];
        link_key(link, key, sizeof key);
        bool seen = false;
        for (int k = 0; k < count && !seen; k++) {
            link_key(out[k], other, sizeof other);
            seen = strcmp(key, other) == 0;
        }
        if (!seen)
            snprintf(out[count++], 512, "%s", link);
    }
    return count;
}

/* ================================================================ name */

/* Words that make a line a job title or a label rather than a person's name. */
static const char *const not_name_words[] = {
    "resume",        "curriculum", "vitae",     "cv",       "profile",  "summary",
    "contact",       "engineer",   "developer", "manager",  "designer", "analyst",
    "consultant",    "scientist",  "architect", "director", "intern",   "specialist",
    "administrator", "lead",       "senior",    "junior",   "officer",  "programmer",
    "student",       "street",     "road",      "avenue",   "email",    "phone",
    "address",       "portfolio",  "page",      NULL,
};

/* True when text[a..b) reads like a person's name: 2-5 words, each starting with a capital
 * letter, letters and . ' ’ - only. */
static bool looks_like_name(const char *text, size_t a, size_t b)
{
    if (b - a < 3 || b - a > 80 || cv_heading_kind(text + a, b - a) >= 0)
        return false;
    int words = 0;
    size_t pos = a;
    bool word_start = true;
    while (pos < b) {
        if (cv_is_blank(text[pos])) {
            word_start = true;
            pos++;
            continue;
        }
        uint32_t cp = utf8_next(text, b, &pos);
        if (word_start) {
            words++;
            if (!utf8_is_letter(cp) || utf8_fold(cp) == cp)
                return false; /* a word must start with a capital letter */
            word_start = false;
        } else if (!utf8_is_letter(cp) && cp != '.' && cp != '\'' && cp != '-' && cp != 0x2019) {
            return false;
        }
    }
    if (words < 2 || words > 5)
        return false;
    for (const char *const *w = not_name_words; *w; w++)
        if (cv_has_word(text + a, b - a, *w))
            return false;
    return true;
}

/* Writes text[a..b) to out, in title case when it is written all in capitals. */
static void copy_name(const char *text, size_t a, size_t b, char *out, size_t n)
{
    bool has_lower = false;
    for (size_t pos = a; pos < b;) {
        uint32_t cp = utf8_next(text, b, &pos);
        has_lower = has_lower || (utf8_is_letter(cp) && utf8_fold(cp) == cp && cp != '.');
    }
    if (has_lower) {
        cv_copy(out, n, text + a, b - a);
        return;
    }
    struct buf name;
    buf_init(&name);
    bool word_start = true;
    for (size_t pos = a; pos < b;) {
        uint32_t cp = utf8_next(text, b, &pos);
        char bytes[UTF8_MAX_BYTES];
        size_t nbytes = utf8_encode(word_start ? cp : utf8_fold(cp), bytes);
        buf_append(&name, bytes, nbytes);
        word_start = cp == ' ' || cp == '-' || cp == '\'';
    }
    cv_copy(out, n, name.data, name.len);
    buf_free(&name);
}

/* The first segment of a header line: up to a separator (| • · , tab, two blanks, " - "). */
static size_t first_segment(const char *text, size_t a, size_t b)
{
    static const char *const separators[] = {
        "|",   "\xE2\x80\xA2",   "\xC2\xB7",       ",", "\t", "  ",
        " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};
    size_t end = b;
    for (const char *const *s = separators; *s; s++) {
        size_t n = strlen(*s);
        for (size_t i = a; i + n <= end; i++)
            if (memcmp(text + i, *s, n) == 0) {
                end = i;
                break;
            }
    }
    return end;
}

bool cv_find_name(const char *text, size_t header_end, char *out, size_t n)
{
    size_t end = strlen(text), pos = 0, ls, le;
    int lines = 0;
    while (cv_next_line(text, end, &pos, &ls, &le) && lines < 8) {
        size_t a = ls, b = le;
        cv_trim(text, &a, &b);
        if (a == b)
            continue;
        if (ls >= header_end && lines >= 3)
            break;
        lines++;
        while (a < b && (text[a] == '#' || text[a] == '*' || cv_is_blank(text[a])))
            a++;
        while (b > a && (text[b - 1] == '*' || cv_is_blank(text[b - 1])))
            b--;
        if (b > a + 5 && strncasecmp(text + a, "name:", 5) == 0) {
            a += 5;
            cv_trim(text, &a, &b);
        }
        b = first_segment(text, a, b);
        cv_trim(text, &a, &b);
        if (looks_like_name(text, a, b)) {
            copy_name(text, a, b, out, n);
            return true;
        }
    }
    cv_copy(out, n, "", 0);
    return false;
}

/* ================================================================ the whole analysis */

/* The position of canonical name in the dictionary (names point into it). */
static size_t dictionary_rank(const struct skills_dict *dict, const char *name)
{
    size_t i = 0;
    while (i < skills_count(dict) && skills_name(dict, i) != name)
        i++;
    return i;
}

/* True when the section's heading says it lists no skill of the writer's yet ("Interests",
 * "Currently learning"). */
static bool unclaimed_section(const char *text, const struct cv_section *sec)
{
    if (sec->kind != CV_SECTION_OTHER || sec->start <= sec->heading)
        return false;
    int i = heading_index(text + sec->heading, sec->start - sec->heading);
    return i >= 0 && headings[i].unclaimed;
}

/* Blanks in text the addresses cv_find_links would take for links (a profile's path,
 * "linkedin.com/in/ana-ux", names no skill of hers). */
static void blank_links(char *text)
{
    size_t len = strlen(text), i = 0;
    while (i < len) {
        while (i < len && link_delimiter(text[i]))
            i++;
        size_t a = i;
        while (i < len && !link_delimiter(text[i]))
            i++;
        char lower[512];
        cv_copy(lower, sizeof lower, text + a, i - a);
        for (char *p = lower; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        const char *at = strchr(lower, '@'), *slash = strchr(lower, '/');
        if (at && (slash == NULL || at < slash))
            continue; /* an e-mail address: its words may be a name, never a skill */
        if (strstr(lower, "://") || strncmp(lower, "www.", 4) == 0 || known_host_path(lower))
            memset(text + a, ' ', i - a);
    }
}

/* The skills claimed in text (skills_find_claimed): links and the bodies of unclaimed sections
 * blanked. */
static size_t claimed_skills(const char *text, const struct skills_dict *dict,
                             const struct cv_section *secs, size_t nsecs, const char **out,
                             size_t max)
{
    char *copy = xstrdup(text);
    blank_links(copy);
    for (size_t k = 1; k < nsecs; k++)
        if (unclaimed_section(text, &secs[k]))
            for (size_t i = secs[k].start; i < secs[k].end; i++)
                if (copy[i] != '\n')
                    copy[i] = ' ';
    size_t n = skills_find_claimed(dict, copy, out, max);
    free(copy);
    return n;
}

/* A cloud provider's service names its provider too ("AWS SageMaker" is AWS experience): the
 * provider is added, in dictionary order, when the dictionary knows it. */
static void add_providers(const struct skills_dict *dict, struct cv_analysis *out)
{
    static const struct {
        const char *prefix, *provider;
    } providers[] = {
        {"AWS ", "AWS"},
        {"Amazon ", "AWS"},
        {"Azure ", "Microsoft Azure"},
        {"Google Cloud ", "Google Cloud Platform"},
        {"Google Kubernetes Engine", "Google Cloud Platform"},
    };
    for (size_t p = 0; p < sizeof providers / sizeof providers[0]; p++) {
        const char *provider = skills_canonical(dict, providers[p].provider);
        bool named = false, service = false;
        for (size_t i = 0; provider && i < out->nskills; i++) {
            named |= strcmp(out->skills[i], provider) == 0;
            service |=
                strncmp(out->skills[i], providers[p].prefix, strlen(providers[p].prefix)) == 0;
        }
        if (provider == NULL || named || !service || out->nskills == CV_MAX_SKILLS)
            continue;
        /* keep dictionary order: before the first skill the dictionary lists after it */
        size_t at = 0, rank = dictionary_rank(dict, provider);
        while (at < out->nskills && dictionary_rank(dict, out->skills[at]) < rank)
            at++;
        memmove(out->skills + at + 1, out->skills + at, (out->nskills - at) * sizeof *out->skills);
        out->skills[at] = provider;
        out->nskills++;
    }
}

void cv_analyse(const char *text, const struct skills_dict *dict, int now_year, int now_month,
                struct cv_analysis *out)
{
    memset(out, 0, sizeof *out);
    out->nsections = cv_sections(text, out->sections, CV_MAX_SECTIONS);
    struct cv_contact *c = &out->contact;
    cv_find_name(text, out->sections[0].end, c->name, sizeof c->name);
    cv_find_email(text, c->email, sizeof c->email);
    cv_find_phone(text, c->phone, sizeof c->phone);
    c->nlinks = cv_find_links(text, c->links, CV_MAX_LINKS);
    if (dict) {
        out->nskills =
            claimed_skills(text, dict, out->sections, out->nsections, out->skills, CV_MAX_SKILLS);
        add_providers(dict, out);
    }
    cv_history(text, now_year, now_month, out);
}
