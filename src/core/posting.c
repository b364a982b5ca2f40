/* This file implements the posting rules of posting.h; HTML is read with libxml2's parser. */
#include "posting.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/buf.h"
#include "../lib/xalloc.h"
#include "utf8.h"

/* ================================================================ HTML to text */

static pthread_once_t html_once = PTHREAD_ONCE_INIT;

static void init_html(void)
{
    xmlInitParser();
}

/* The text being written: breaks are held back until text follows, so no output starts or
 * ends with white space and no two breaks add up to more than one empty line. */
struct text_out {
    struct buf b;
    int pending; /* line breaks owed before the next character (0-2) */
    bool space;  /* a space is owed */
};

static void text_break(struct text_out *t, int n)
{
    if (n > t->pending)
        t->pending = n;
    t->space = false;
}

static void text_put(struct text_out *t, const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        size_t start = pos;
        uint32_t cp = utf8_next(s, len, &pos);
        if (utf8_is_space(cp) || cp < 0x20) {
            if (t->pending == 0 && t->b.len)
                t->space = true;
            continue;
        }
        if (t->b.len && t->pending) {
            buf_append(&t->b, "\n\n", (size_t)t->pending);
        } else if (t->b.len && t->space) {
            buf_putc(&t->b, ' ');
        }
        t->pending = 0;
        t->space = false;
        if (cp == UTF8_REPLACEMENT && pos - start == 1)
            buf_puts(&t->b, "\xEF\xBF\xBD");
        else
            buf_append(&t->b, s + start, pos - start);
    }
}

static bool name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(name, *list) == 0)
            return true;
    return false;
}

static const char *const skipped[] = {"script", "style",  "noscript", "template", "head",
                                      "svg",    "iframe", "object",   "button",   NULL};
static const char *const paragraphs[] = {
    "p",   "h1",         "h2",      "h3",      "h4",     "h5",     "h6", "ul", "ol",     "table",
    "pre", "blockquote", "section", "article", "header", "footer", "dl", "hr", "figure", NULL};
static const char *const lines[] = {"br", "div", "li", "tr", "dt", "dd", "caption", NULL};

static void text_space(struct text_out *t)
{
    if (t->pending == 0 && t->b.len)
        t->space = true;
}

/* What opening node writes; true when it is an element whose content counts. */
static bool enter(xmlNodePtr node, struct text_out *t)
{
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content)
            text_put(t, (const char *)node->content, strlen((const char *)node->content));
        return false;
    }
    const char *name = (const char *)node->name;
    if (node->type != XML_ELEMENT_NODE || name == NULL || name_in(name, skipped))
        return false;
    if (name_in(name, paragraphs))
        text_break(t, 2);
    else if (name_in(name, lines))
        text_break(t, 1);
    else if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0)
        text_space(t);
    if (strcasecmp(name, "li") == 0)
        text_put(t, "- ", 2);
    return true;
}

/* What closing an entered element writes. */
static void leave(xmlNodePtr node, struct text_out *t)
{
    const char *name = (const char *)node->name;
    if (name_in(name, paragraphs))
        text_break(t, 2);
    else if (name_in(name, lines))
        text_break(t, 1);
    else if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0)
        text_space(t); /* inline elements add nothing: "<b>a</b>b" stays "ab" */
}

/* Writes the text under root, walking the tree without recursion (a deep document cannot
 * exhaust the stack). */
static void node_text(xmlNodePtr root, struct text_out *t)
{
    xmlNodePtr node = root->children;
    while (node) {
        if (enter(node, t)) {
            if (node->children) {
                node = node->children;
                continue;
            }
            leave(node, t);
        }
        while (node != root && node->next == NULL) {
            node = node->parent;
            if (node != root)
                leave(node, t);
        }
        if (node == root)
            break;
        node = node->next;
    }
}

/* One pass: the text of html as a document body. */
static char *strip_once(const char *html, size_t len)
{
    pthread_once(&html_once, init_html);
    struct text_out t = {0};
    buf_init(&t.b);
    if (len > 0 && len < (size_t)INT32_MAX) {
        int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                      HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED;
        /* a fragment: wrapped so that leading text is kept in a body */
        struct buf doc;
        buf_init(&doc);
        buf_puts(&doc, "<html><body>");
        buf_append(&doc, html, len);
        buf_puts(&doc, "</body></html>");
        htmlDocPtr d = htmlReadMemory(doc.data, (int)doc.len, NULL, "UTF-8", options);
        buf_free(&doc);
        if (d) {
            xmlNodePtr root = xmlDocGetRootElement(d);
            if (root)
                node_text(root, &t);
            xmlFreeDoc(d);
        }
    }
    if (t.b.data == NULL)
        buf_puts(&t.b, "");
    return buf_steal(&t.b);
}

/* True when s holds something that looks like a tag: '<' then a letter, '/' or '!', and a
 * '>' later. */
static bool looks_like_markup(const char *s)
{
    for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<'))
        if ((isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!') && strchr(p, '>'))
            return true;
    return false;
}

char *posting_html_text(const char *html, size_t len)
{
    if (html == NULL)
        return xstrdup("");
    char *text = strip_once(html, len);
    if (looks_like_markup(text)) { /* the markup was entity-escaped: once more */
        char *again = strip_once(text, strlen(text));
        free(text);
        text = again;
    }
    return text;
}

/* ================================================================ words */

/* s lower-cased with spaces, '-' and '_' removed, into out (cut to size). */
static void squeeze(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; s && *s && n + 1 < size; s++)
        if (!isspace((unsigned char)*s) && *s != '-' && *s != '_')
            out[n++] = (char)tolower((unsigned char)*s);
    out[n] = '\0';
}

const char *posting_job_type(const char *employment_type)
{
    static const struct {
        const char *word, *type;
    } map[] = {
        {"fulltime", "full-time"},  {"permanent", "full-time"},  {"parttime", "part-time"},
        {"contractor", "contract"}, {"contract", "contract"},    {"contracttohire", "contract"},
        {"temporary", "temporary"}, {"temp", "temporary"},       {"perdiem", "temporary"},
        {"seasonal", "temporary"},  {"intern", "internship"},    {"internship", "internship"},
        {"freelance", "freelance"}, {"freelancer", "freelance"}, {"selfemployed", "freelance"},
    };
    char word[32];
    squeeze(employment_type, word, sizeof word);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(word, map[i].word) == 0)
            return map[i].type;
    return NULL;
}

/* True when text has word as a whole word, ignoring ASCII case. */
static bool has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; (p = strcasestr(p, word)) != NULL; p++) {
        bool start = p == text || !isalnum((unsigned char)p[-1]);
        bool end = !isalnum((unsigned char)p[n]);
        if (start && end)
            return true;
    }
    return false;
}

const char *posting_remote_option(const char *text)
{
    if (text == NULL)
        return NULL;
    if (has_word(text, "hybrid"))
        return "hybrid";
    if (has_word(text, "remote") || has_word(text, "telecommute") ||
        has_word(text, "work from home") || has_word(text, "wfh"))
        return "remote";
    if (has_word(text, "onsite") || has_word(text, "on-site") || has_word(text, "in-office") ||
        has_word(text, "on site"))
        return "onsite";
    return NULL;
}

struct posting_period posting_salary_period(const char *unit)
{
    static const struct posting_period_word {
        const char *match;
        struct posting_period period;
    } units[] = {
        {"hour", {2080, "hour"}}, {"daily", {260, "day"}},  {"day", {260, "day"}},
        {"week", {52, "week"}},   {"month", {12, "month"}}, {"year", {1, "year"}},
        {"annual", {1, "year"}},  {"annum", {1, "year"}},
    };
    struct posting_period none = {0, NULL};
    if (unit == NULL)
        return none;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcasestr(unit, units[i].match))
            return units[i].period;
    return none;
}

bool posting_parse_amount(const char *s, double *out)
{
    if (s == NULL)
        return false;
    /* the digits with their separators, then an optional k */
    const char *p = s;
    while (*p && !isdigit((unsigned char)*p))
        p++;
    if (*p == '\0')
        return false;
    char digits[64];
    size_t n = 0;
    int last_sep = -1; /* index in digits of the last '.' or ',' seen */
    const char *q = p;
    for (; *q && n + 1 < sizeof digits; q++) {
        if (isdigit((unsigned char)*q)) {
            digits[n++] = *q;
        } else if ((*q == '.' || *q == ',') && isdigit((unsigned char)q[1])) {
            last_sep = (int)n;
            digits[n++] = *q;
        } else if (*q == ' ' && isdigit((unsigned char)q[1]) && n > 0) {
            continue; /* "120 000" */
        } else {
            break;
        }
    }
    digits[n] = '\0';
    /* the last separator is a decimal point when one or two digits follow it; every other
     * separator groups thousands */
    bool decimal = last_sep >= 0 && n - (size_t)last_sep - 1 <= 2;
    char plain[64];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (digits[i] == '.' || digits[i] == ',') {
            if (decimal && (int)i == last_sep)
                plain[m++] = '.';
            continue;
        }
        plain[m++] = digits[i];
    }
    plain[m] = '\0';
    double value = strtod(plain, NULL);
    while (*q == ' ')
        q++;
    if (*q == 'k' || *q == 'K')
        value *= 1000;
    *out = value;
    return true;
}

/* ================================================================ URLs and dates */

/* The host of url, lower-cased, into out; false when url has none. */
static bool url_host(const char *url, char *out, size_t size)
{
    if (url == NULL)
        return false;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    const char *at = NULL;
    for (const char *q = p; *q && *q != '/' && *q != '?' && *q != '#'; q++)
        if (*q == '@')
            at = q;
    if (at)
        p = at + 1;
    size_t n = 0;
    for (; *p && *p != '/' && *p != ':' && *p != '?' && *p != '#' && n + 1 < size; p++)
        out[n++] = (char)tolower((unsigned char)*p);
    out[n] = '\0';
    return n > 0;
}

/* True when host is domain or ends in "." domain. */
static bool host_is(const char *host, const char *domain)
{
    size_t h = strlen(host), d = strlen(domain);
    return h == d ? strcmp(host, domain) == 0
                  : h > d && host[h - d - 1] == '.' && strcmp(host + h - d, domain) == 0;
}

/* True when a label of host (split on '.') is label: indeed.co.uk, de.indeed.com. */
static bool host_has_label(const char *host, const char *label)
{
    size_t n = strlen(label);
    for (const char *p = host; p; p = strchr(p, '.')) {
        if (*p == '.')
            p++;
        if (strncmp(p, label, n) == 0 && (p[n] == '.' || p[n] == '\0'))
            return true;
    }
    return false;
}

const char *posting_source_for_url(const char *url)
{
    char host[256];
    if (!url_host(url, host, sizeof host))
        return "other";
    if (host_is(host, "linkedin.com"))
        return "linkedin";
    if (host_has_label(host, "indeed"))
        return "indeed";
    if (host_has_label(host, "adzuna"))
        return "adzuna";
    return "other";
}

bool posting_is_board_name(const char *name)
{
    static const char *const boards[] = {"linkedin",     "indeed",
                                         "glassdoor",    "greenhouse",
                                         "lever",        "workday",
                                         "ashby",        "monster",
                                         "ziprecruiter", "builtin",
                                         "stepstone",    "xing",
                                         "adzuna",       "smartrecruiters",
                                         "workable",     "welcometothejungle",
                                         "otta",         NULL};
    char word[64];
    squeeze(name, word, sizeof word);
    char *dot = strchr(word, '.'); /* "indeed.com" */
    if (dot)
        *dot = '\0';
    for (const char *const *b = boards; *b; b++)
        if (strcmp(word, *b) == 0)
            return true;
    return false;
}

bool posting_date(const char *s, char out[11])
{
    if (s == NULL)
        return false;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return false;
    }
    int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    if (s[10] != '\0' && s[10] != 'T' && s[10] != ' ')
        return false;
    memcpy(out, s, 10);
    out[10] = '\0';
    return true;
}

bool posting_feed_date(const char *s, char out[11])
{
    if (s == NULL)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    if (posting_date(s, out))
        return true;
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    const char *comma = strchr(s, ',');
    if (comma && comma - s <= 10)
        s = comma + 1; /* "Tue," */
    char *end;
    long day = strtol(s, &end, 10);
    if (end == s || day < 1 || day > 31)
        return false;
    s = end;
    while (isspace((unsigned char)*s))
        s++;
    int month = 0;
    for (int i = 0; i < 12 && !month; i++)
        if (strncasecmp(s, months[i], 3) == 0)
            month = i + 1;
    if (!month)
        return false;
    while (*s && !isspace((unsigned char)*s))
        s++;
    while (isspace((unsigned char)*s))
        s++;
    long year = strtol(s, &end, 10);
    if (end == s || (end - s > 4))
        return false;
    if (year < 100)
        year += 2000;
    if (year < 1970 || year > 9999)
        return false;
    char text[48]; /* room for any int, so that no compiler sees a truncation */
    snprintf(text, sizeof text, "%04ld-%02d-%02ld", year, month, day);
    memcpy(out, text, 10);
    out[10] = '\0';
    return true;
}

/* ================================================================ titles */

/* A trimmed copy of s[0..n), or NULL when nothing is left. */
static char *trimmed(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return n ? xstrndup(s, n) : NULL;
}

/* The last occurrence of needle in s[0..n) (case-insensitive), or NULL. */
static const char *last_of(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
        if (strncasecmp(s + i, needle, k) == 0)
            return s + i;
    return NULL;
}

/* The end of s[0..n) as a pointer. */
#define END(s, n) ((s) + (n))

/* "Company hiring Title in Location" */
static bool split_hiring(const char *s, size_t n, struct posting_title *out)
{
    const char *hiring = strcasestr(s, " hiring ");
    if (hiring == NULL || hiring + 8 > END(s, n))
        return false;
    const char *after = hiring + 8;
    size_t rest = (size_t)(END(s, n) - after);
    const char *in = last_of(after, rest, " in ");
    out->company = trimmed(s, (size_t)(hiring - s));
    out->title = trimmed(after, in ? (size_t)(in - after) : rest);
    if (in)
        out->location = trimmed(in + 4, (size_t)(END(s, n) - (in + 4)));
    if (out->title && out->company)
        return true;
    posting_title_free(out);
    return false;
}

/* "Title - Company - Location" */
static bool split_dashes(const char *s, size_t n, struct posting_title *out)
{
    const char *first = last_of(s, n, " - ");
    if (first == NULL)
        return false;
    const char *second = first;
    first = last_of(s, (size_t)(second - s), " - ");
    if (first == NULL)
        return false;
    out->title = trimmed(s, (size_t)(first - s));
    out->company = trimmed(first + 3, (size_t)(second - (first + 3)));
    out->location = trimmed(second + 3, (size_t)(END(s, n) - (second + 3)));
    if (out->title && out->company)
        return true;
    posting_title_free(out);
    return false;
}

/* "Title at Company", "Title @ Company" */
static bool split_at(const char *s, size_t n, struct posting_title *out)
{
    static const char *const words[] = {" at ", " @ "};
    for (size_t i = 0; i < 2; i++) {
        const char *at = last_of(s, n, words[i]);
        if (at == NULL || at == s)
            continue;
        size_t k = strlen(words[i]);
        out->title = trimmed(s, (size_t)(at - s));
        out->company = trimmed(at + k, (size_t)(END(s, n) - (at + k)));
        if (out->title && out->company)
            return true;
        posting_title_free(out);
    }
    return false;
}

void posting_split_title(const char *text, struct posting_title *out)
{
    memset(out, 0, sizeof *out);
    if (text == NULL)
        return;
    size_t n = strlen(text);
    bool indeed = false;
    const char *bar = last_of(text, n, " | ");
    if (bar && bar > text) {
        indeed = strcasestr(bar, "indeed") != NULL;
        n = (size_t)(bar - text);
    }
    const char *s = text;
    static const char application[] = "job application for ";
    if (n > sizeof application && strncasecmp(s, application, sizeof application - 1) == 0) {
        s += sizeof application - 1;
        n -= sizeof application - 1;
    }
    if (split_hiring(s, n, out) || (indeed && split_dashes(s, n, out)) || split_at(s, n, out))
        return;
    out->title = trimmed(s, n);
}

void posting_title_free(struct posting_title *t)
{
    free(t->title);
    free(t->company);
    free(t->location);
    memset(t, 0, sizeof *t);
}
