/*
 * This file implements the reading of a role of cv_role.h: separators first, then commas, a
 * company's place, and the word lists that tell a title from a company or a place.
 */
#include "cv_role.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "cv_lines.h"

#define PIECES_MAX 8

/* ================================================================ words */

static const char *const role_words[] = {
    "engineer",    "engineering",
    "developer",   "programmer",
    "analyst",     "manager",
    "designer",    "scientist",
    "intern",      "internship",
    "consultant",  "administrator",
    "specialist",  "lead",
    "teacher",     "assistant",
    "architect",   "director",
    "officer",     "researcher",
    "head",        "founder",
    "co-founder",  "cto",
    "ceo",         "cfo",
    "coo",         "vp",
    "student",     "trainee",
    "apprentice",  "coordinator",
    "technician",  "tester",
    "writer",      "editor",
    "accountant",  "owner",
    "president",   "principal",
    "advisor",     "adviser",
    "lecturer",    "professor",
    "nurse",       "representative",
    "executive",   "strategist",
    "marketer",    "recruiter",
    "sre",         "devops",
    "werkstudent", "partner",
    NULL,
};

static const char *const training_words[] = {
    "intern",    "internship",        "working student", "werkstudent",
    "trainee",   "apprentice",        "apprenticeship",  "part-time",
    "part time", "student assistant", "praktikant",      NULL,
};

static const char *const tech_words[] = {
    "engineer",
    "engineering",
    "developer",
    "development",
    "programmer",
    "software",
    "devops",
    "sre",
    "reliability",
    "platform",
    "administrator",
    "sysadmin",
    "it",
    "qa",
    "tester",
    "test",
    "architect",
    "web",
    "frontend",
    "front-end",
    "backend",
    "back-end",
    "full-stack",
    "fullstack",
    "mobile",
    "ios",
    "android",
    "cloud",
    "security",
    "network",
    "systems",
    "technical",
    "cto",
    "data",
    "analyst",
    "scientist",
    "machine learning",
    "ml",
    "ai",
    "bi",
    "intelligence",
    "analytics",
    "designer",
    "ux",
    "ui",
    "ux/ui",
    "ui/ux",
    "product",
    "database",
    "infrastructure",
    "statistics",
    NULL,
};

/* Legal forms that follow a company name after a comma ("Acme, Inc."), never a place. */
static const char *const legal_forms[] = {
    "inc", "inc.", "ltd", "ltd.", "llc",    "llp",  "plc",    "gmbh", "ag",      "se",
    "sa",  "s.a.", "nv",  "n.v.", "bv",     "b.v.", "co",     "co.",  "corp",    "corp.",
    "kg",  "oy",   "ab",  "srl",  "s.r.l.", "spa",  "s.p.a.", "pty",  "pty ltd", NULL,
};

/* Kinds of employment written after a company ("(part-time)"): not a place. */
static const char *const employment_words[] = {
    "part-time",  "part time",     "full-time", "full time",  "contract",
    "contractor", "freelance",     "temporary", "internship", "apprenticeship",
    "volunteer",  "self-employed", NULL,
};

static bool any_word(const char *s, const char *const *words)
{
    size_t len = strlen(s);
    for (const char *const *w = words; *w; w++)
        if (cv_has_word(s, len, *w))
            return true;
    return false;
}

bool cv_role_has_role_word(const char *s)
{
    return any_word(s, role_words);
}

bool cv_role_is_training(const char *s)
{
    return any_word(s, training_words);
}

bool cv_role_is_tech(const char *title)
{
    return any_word(title, tech_words);
}

static bool level_word(const char *w, size_t n)
{
    static const char *const levels[] = {"senior", "junior", "lead",   "principal", "staff",
                                         "chief",  "head",   "intern", "trainee",   NULL};
    for (const char *const *l = levels; *l; l++)
        if (strlen(*l) == n && strncasecmp(w, *l, n) == 0)
            return true;
    return false;
}

bool cv_role_related(const char *a, const char *b)
{
    if (cv_role_is_tech(a) && cv_role_is_tech(b))
        return true;
    size_t blen = strlen(b);
    for (const char *p = a; *p;) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        const char *w = p;
        while (isalpha((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w);
        if (n < 4 || level_word(w, n))
            continue;
        char word[64];
        cv_copy(word, sizeof word, w, n);
        if (cv_has_word(b, blen, word))
            return true;
    }
    return false;
}

/* ================================================================ pieces */

/* Is s[i] the start of a separator to trim: ASCII punctuation, a UTF-8 dash, bullet or middle
 * dot? Returns its length, 0 when not. */
static size_t trim_mark(const char *s, size_t i)
{
    if (strchr(" \t|,;:-*#_", s[i]) && s[i])
        return 1;
    if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB7)
        return 2; /* · */
    if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94 ||
         (unsigned char)s[i + 2] == 0xA2))
        return 3; /* – — • */
    return 0;
}

/* Copies s[a..b) into out (size n) without surrounding separators. */
static void copy_trimmed(const char *s, size_t a, size_t b, char *out, size_t n)
{
    for (size_t k; a < b && (k = trim_mark(s, a)) > 0 && a + k <= b;)
        a += k;
    for (bool more = true; more && b > a;) {
        more = false;
        for (size_t k = 1; k <= 3 && k <= b - a; k++)
            if (trim_mark(s, b - k) == k) {
                b -= k;
                more = true;
                break;
            }
    }
    cv_copy(out, n, s + a, b - a);
}

/* Splits s at every occurrence of sep into at most max trimmed pieces (copied into buf, each
 * sized piece). Returns how many, empty pieces left out. */
static size_t split_at(const char *s, const char *sep, char (*pieces)[256], size_t max)
{
    size_t n = 0, a = 0, len = strlen(s), seplen = strlen(sep);
    while (n < max) {
        const char *hit = strstr(s + a, sep);
        size_t b = hit ? (size_t)(hit - s) : len;
        if (n + 1 == max)
            b = len;
        copy_trimmed(s, a, b, pieces[n], sizeof pieces[n]);
        if (pieces[n][0])
            n++;
        if (hit == NULL || b == len)
            break;
        a = b + seplen;
    }
    return n;
}

static const char *const strong_separators[] = {
    " \xE2\x80\x94 ", " \xE2\x80\x93 ", " | ", " @ ", " at ", " - ", NULL,
};

/* The first strong separator s holds, or NULL. */
static const char *strong_separator(const char *s)
{
    for (const char *const *sep = strong_separators; *sep; sep++)
        if (strstr(s, *sep))
            return *sep;
    return NULL;
}

static bool is_legal_form(const char *s)
{
    for (const char *const *l = legal_forms; *l; l++)
        if (strcasecmp(s, *l) == 0)
            return true;
    return false;
}

/* One to three words, the first capitalised (or non-ASCII), no digit, not a legal form nor a
 * role: "Berlin", "Düsseldorf", "New York", "Remote". */
static bool place_like(const char *s)
{
    if (!*s || is_legal_form(s) || cv_role_has_role_word(s))
        return false;
    if (!(isupper((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80))
        return false;
    size_t words = 1;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p))
            return false;
        words += *p == ' ' && p[1] && p[1] != ' ';
    }
    return words <= 3;
}

/* ================================================================ company and place */

/* A closing "(...)" of the company: the place, or a kind of employment or a date to drop. */
static void closing_bracket(struct cv_role *out)
{
    size_t len = strlen(out->company);
    if (len < 3 || out->company[len - 1] != ')')
        return;
    char *open = strrchr(out->company, '(');
    if (open == NULL || open == out->company)
        return;
    char inside[96];
    copy_trimmed(open + 1, 0, strlen(open + 1) - 1, inside, sizeof inside);
    bool employment = strpbrk(inside, "0123456789") != NULL; /* "(Summer 2015)": a date */
    for (const char *const *w = employment_words; *w && !employment; w++)
        employment = strcasecmp(inside, *w) == 0;
    if (!employment && !place_like(inside) && inside[0])
        return;
    if (!employment && out->location[0] == '\0')
        cv_copy(out->location, sizeof out->location, inside, strlen(inside));
    char company[sizeof out->company];
    copy_trimmed(out->company, 0, (size_t)(open - out->company), company, sizeof company);
    cv_copy(out->company, sizeof out->company, company, strlen(company));
}

void cv_role_company_place(const char *line, struct cv_role *out)
{
    out->company[0] = out->location[0] = '\0';
    static const char *const separators[] = {
        " \xE2\x80\x94 ", " \xE2\x80\x93 ", " | ", " \xC2\xB7 ", " - ", NULL,
    };
    char pieces[PIECES_MAX][256];
    for (const char *const *sep = separators; *sep; sep++) {
        if (strstr(line, *sep) == NULL)
            continue;
        size_t n = split_at(line, *sep, pieces, 2);
        if (n == 0)
            return;
        cv_copy(out->company, sizeof out->company, pieces[0], strlen(pieces[0]));
        if (n == 2)
            cv_copy(out->location, sizeof out->location, pieces[1], strlen(pieces[1]));
        closing_bracket(out);
        return;
    }
    /* "Company, City", "Company, Inc., City", "Company, City, Country" */
    size_t n = split_at(line, ", ", pieces, PIECES_MAX);
    if (n == 0)
        return;
    size_t k = 1;
    char company[256];
    cv_copy(company, sizeof company, pieces[0], strlen(pieces[0]));
    for (; k < n && is_legal_form(pieces[k]); k++) {
        size_t len = strlen(company);
        if (len + 2 + strlen(pieces[k]) < sizeof company)
            strcat(strcat(company, ", "), pieces[k]);
    }
    bool places = k < n;
    for (size_t i = k; i < n; i++)
        places = places && place_like(pieces[i]);
    if (!places) { /* not a place after all: the whole line is the company */
        copy_trimmed(line, 0, strlen(line), company, sizeof company);
        k = n;
    }
    cv_copy(out->company, sizeof out->company, company, strlen(company));
    for (size_t i = k; i < n; i++) {
        size_t len = strlen(out->location);
        if (len + 2 + strlen(pieces[i]) < sizeof out->location) {
            if (len)
                strcat(out->location, ", ");
            strcat(out->location, pieces[i]);
        }
    }
    closing_bracket(out);
}

/* ================================================================ a role line */

/* Company-first layouts: the title holds no role word and the company does. */
static void maybe_swap(struct cv_role *out)
{
    if (!out->company[0] || cv_role_has_role_word(out->title) ||
        !cv_role_has_role_word(out->company))
        return;
    char title[sizeof out->title];
    cv_copy(title, sizeof title, out->title, strlen(out->title));
    cv_copy(out->title, sizeof out->title, out->company, strlen(out->company));
    cv_copy(out->company, sizeof out->company, title, strlen(title));
}

void cv_role_split(const char *line, struct cv_role *out)
{
    memset(out, 0, sizeof *out);
    char pieces[PIECES_MAX][256];
    const char *sep = strong_separator(line);
    size_t n = split_at(line, sep ? sep : ", ", pieces, sep ? 3 : PIECES_MAX);
    if (n == 0)
        return;
    cv_copy(out->title, sizeof out->title, pieces[0], strlen(pieces[0]));
    if (n == 1) {
        maybe_swap(out);
        return;
    }
    if (sep && n == 3) { /* "Title | Company | City" */
        cv_copy(out->company, sizeof out->company, pieces[1], strlen(pieces[1]));
        cv_copy(out->location, sizeof out->location, pieces[2], strlen(pieces[2]));
        closing_bracket(out);
    } else if (sep) { /* "Title — Company, City" */
        cv_role_company_place(pieces[1], out);
    } else { /* "Title, Company[, Inc.][, City]": the company line is what follows the title */
        const char *rest = strstr(line, ", ");
        char tail[512];
        copy_trimmed(rest ? rest + 2 : "", 0, rest ? strlen(rest + 2) : 0, tail, sizeof tail);
        cv_role_company_place(tail, out);
    }
    maybe_swap(out);
}
