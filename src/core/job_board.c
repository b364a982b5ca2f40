/* This file implements the job board addresses of job_board.h. */
#include "job_board.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/buf.h"
#include "../lib/xalloc.h"

const char *const job_board_kinds[] = {"greenhouse", "lever", "ashby", "rss", NULL};

static bool identifier_char(char c)
{
    return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-';
}

static bool is_kind(const char *kind, const char *name)
{
    return kind && strcmp(kind, name) == 0;
}

/* The address's parts after the scheme: host (lower case), path (without the leading '/'),
 * query (without '?'); pointers into a copy the caller frees. */
struct address {
    char *copy;
    const char *host, *path, *query;
    bool had_scheme;
};

static bool split_address(const char *text, struct address *a)
{
    memset(a, 0, sizeof *a);
    while (isspace((unsigned char)*text))
        text++;
    const char *rest = text;
    if (strncasecmp(text, "https://", 8) == 0)
        rest = text + 8, a->had_scheme = true;
    else if (strncasecmp(text, "http://", 7) == 0)
        rest = text + 7, a->had_scheme = true;
    else if (strstr(text, "://"))
        return false;
    a->copy = xstrdup(rest);
    size_t n = strlen(a->copy);
    while (n && isspace((unsigned char)a->copy[n - 1]))
        a->copy[--n] = '\0';
    char *hash = strchr(a->copy, '#');
    if (hash)
        *hash = '\0';
    char *query = strchr(a->copy, '?');
    if (query) {
        *query = '\0';
        a->query = query + 1;
    }
    char *slash = strchr(a->copy, '/');
    if (slash) {
        *slash = '\0';
        a->path = slash + 1;
    } else {
        a->path = "";
    }
    for (char *p = a->copy; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    char *port = strchr(a->copy, ':');
    if (port)
        *port = '\0';
    a->host = a->copy;
    return a->host[0] != '\0';
}

/* The path segment number index (0-based) as a new string, or NULL. */
static char *segment(const char *path, int index)
{
    const char *p = path;
    for (int i = 0; i < index; i++) {
        p = strchr(p, '/');
        if (p == NULL)
            return NULL;
        p++;
    }
    size_t n = strcspn(p, "/");
    return n ? xstrndup(p, n) : NULL;
}

/* The value of name in a query string, or NULL. */
static char *query_value(const char *query, const char *name)
{
    size_t k = strlen(name);
    for (const char *p = query; p && *p; p = strchr(p, '&') ? strchr(p, '&') + 1 : NULL) {
        if (strncmp(p, name, k) == 0 && p[k] == '=') {
            size_t n = strcspn(p + k + 1, "&");
            return n ? xstrndup(p + k + 1, n) : NULL;
        }
    }
    return NULL;
}

/* Which board a host and path name, and its identifier (or NULL). */
static const char *board_of(const struct address *a, char **identifier)
{
    *identifier = NULL;
    const char *h = a->host;
    if (strcmp(h, "boards.greenhouse.io") == 0 || strcmp(h, "job-boards.greenhouse.io") == 0 ||
        strcmp(h, "boards.eu.greenhouse.io") == 0 ||
        strcmp(h, "job-boards.eu.greenhouse.io") == 0) {
        char *first = segment(a->path, 0);
        if (first && strcmp(first, "embed") == 0) {
            free(first);
            *identifier = a->query ? query_value(a->query, "for") : NULL;
        } else {
            *identifier = first;
        }
        return "greenhouse";
    }
    if (strcmp(h, "boards-api.greenhouse.io") == 0) {
        *identifier = segment(a->path, 2); /* v1/boards/<token>/... */
        return "greenhouse";
    }
    if (strcmp(h, "jobs.lever.co") == 0 || strcmp(h, "jobs.eu.lever.co") == 0) {
        *identifier = segment(a->path, 0);
        return "lever";
    }
    if (strcmp(h, "api.lever.co") == 0 || strcmp(h, "api.eu.lever.co") == 0) {
        *identifier = segment(a->path, 2); /* v0/postings/<site> */
        return "lever";
    }
    if (strcmp(h, "jobs.ashbyhq.com") == 0) {
        *identifier = segment(a->path, 0);
        return "ashby";
    }
    if (strcmp(h, "api.ashbyhq.com") == 0) {
        *identifier = segment(a->path, 2); /* posting-api/job-board/<name> */
        return "ashby";
    }
    return NULL;
}

int job_board_recognise(const char *text, struct job_board_ref *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    struct address a = {0};
    if (text == NULL || !split_address(text, &a)) {
        free(a.copy);
        return err_set(e, ERR_INVALID, "url",
                       "give the address of a job board (boards.greenhouse.io/..., "
                       "jobs.lever.co/..., jobs.ashbyhq.com/...) or of an RSS or Atom feed");
    }
    char *identifier;
    const char *kind = board_of(&a, &identifier);
    int rc = 0;
    if (kind) {
        if (identifier == NULL || job_board_check(kind, identifier, NULL) != 0)
            rc = err_set(e, ERR_INVALID, "url",
                         "the address names %s but no board: paste the board's own address, "
                         "e.g. %s",
                         kind,
                         is_kind(kind, "greenhouse") ? "boards.greenhouse.io/acme"
                         : is_kind(kind, "lever")    ? "jobs.lever.co/acme"
                                                     : "jobs.ashbyhq.com/acme");
        if (rc == 0) {
            out->kind = kind;
            out->identifier = job_board_normalise(kind, identifier);
        }
        free(identifier);
    } else if (!a.had_scheme) {
        rc = err_set(e, ERR_INVALID, "url", "a feed's address starts with http:// or https://");
    } else {
        while (isspace((unsigned char)*text))
            text++;
        char *url = xstrdup(text);
        size_t n = strlen(url);
        while (n && isspace((unsigned char)url[n - 1]))
            url[--n] = '\0';
        if (job_board_check("rss", url, NULL) != 0) {
            rc = err_set(e, ERR_INVALID, "url", "the feed's address is not a valid http(s) URL");
        } else {
            out->kind = "rss";
            out->identifier = job_board_normalise("rss", url);
        }
        free(url);
    }
    free(a.copy);
    return rc;
}

void job_board_ref_free(struct job_board_ref *ref)
{
    free(ref->identifier);
    memset(ref, 0, sizeof *ref);
}

int job_board_check(const char *kind, const char *identifier, struct err *e)
{
    size_t n = identifier ? strlen(identifier) : 0;
    if (is_kind(kind, "rss")) {
        bool scheme = n && (strncasecmp(identifier, "http://", 7) == 0 ||
                            strncasecmp(identifier, "https://", 8) == 0);
        const char *host = scheme ? strstr(identifier, "://") + 3 : NULL;
        bool ok = scheme && n <= JOB_BOARD_URL_MAX && *host && *host != '/';
        for (const char *p = identifier; ok && *p; p++)
            ok = (unsigned char)*p > ' ' && *p != 0x7f;
        return ok ? 0
                  : err_set(e, ERR_INVALID, "identifier",
                            "a feed's identifier is its http(s) address (at most %d bytes)",
                            JOB_BOARD_URL_MAX);
    }
    bool ok = n >= 1 && n <= JOB_BOARD_IDENTIFIER_MAX;
    for (const char *p = identifier; ok && *p; p++)
        ok = identifier_char(*p);
    return ok ? 0
              : err_set(e, ERR_INVALID, "identifier",
                        "a board's identifier is 1 to %d letters, digits, '.', '_' or '-'",
                        JOB_BOARD_IDENTIFIER_MAX);
}

char *job_board_normalise(const char *kind, const char *identifier)
{
    char *copy = xstrdup(identifier);
    if (is_kind(kind, "greenhouse") || is_kind(kind, "lever")) {
        for (char *p = copy; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    } else if (is_kind(kind, "rss")) {
        for (char *p = copy; *p && *p != ':'; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    return copy;
}

/* base without its trailing slashes, then the printf-style rest. */
static char *under(const char *base, const char *fmt, const char *identifier)
{
    struct buf b;
    buf_init(&b);
    size_t n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    buf_append(&b, base, n);
    buf_printf(&b, fmt, identifier);
    return buf_steal(&b);
}

char *job_board_api_url(const char *kind, const char *base, const char *identifier)
{
    if (is_kind(kind, "greenhouse"))
        return under(base, "/v1/boards/%s/jobs?content=true", identifier);
    if (is_kind(kind, "lever"))
        return under(base, "/v0/postings/%s?mode=json", identifier);
    if (is_kind(kind, "ashby"))
        return under(base, "/posting-api/job-board/%s?includeCompensation=true", identifier);
    return xstrdup(identifier);
}

char *job_board_greenhouse_board_url(const char *base, const char *identifier)
{
    return under(base, "/v1/boards/%s", identifier);
}

char *job_board_page_url(const char *kind, const char *identifier)
{
    if (is_kind(kind, "greenhouse"))
        return under("https://boards.greenhouse.io", "/%s", identifier);
    if (is_kind(kind, "lever"))
        return under("https://jobs.lever.co", "/%s", identifier);
    if (is_kind(kind, "ashby"))
        return under("https://jobs.ashbyhq.com", "/%s", identifier);
    return xstrdup(identifier);
}
