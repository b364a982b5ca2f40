/* This file implements the framing check of framing.h. */
#include "framing.h"

#include <string.h>
#include <strings.h>

/* RFC 9110 section 5.6.2: tchar. */
static bool is_tchar(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static bool is_token(const char *s)
{
    if (s == NULL || *s == '\0')
        return false;
    for (; *s; s++)
        if (!is_tchar((unsigned char)*s))
            return false;
    return true;
}

static bool is_digits(const char *s)
{
    if (s == NULL || *s == '\0')
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

int framing_check(const struct framing_header *headers, size_t n, bool http11, struct err *e)
{
    int lengths = 0, encodings = 0, hosts = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = headers[i].name, *value = headers[i].value ? headers[i].value : "";
        if (!is_token(name))
            return err_set(e, ERR_BAD_REQUEST, NULL,
                           "malformed header field name (RFC 9112: no white space before the "
                           "colon)");
        if (strcasecmp(name, "Content-Length") == 0) {
            if (++lengths > 1)
                return err_set(e, ERR_BAD_REQUEST, NULL, "more than one Content-Length");
            if (!is_digits(value))
                return err_set(e, ERR_BAD_REQUEST, NULL,
                               "Content-Length must be a non-negative decimal integer");
        } else if (strcasecmp(name, "Transfer-Encoding") == 0) {
            if (++encodings > 1)
                return err_set(e, ERR_BAD_REQUEST, NULL, "more than one Transfer-Encoding");
            if (strcasecmp(value, "chunked") != 0)
                return err_set(e, ERR_BAD_REQUEST, NULL,
                               "Transfer-Encoding must be exactly chunked");
        } else if (strcasecmp(name, "Host") == 0) {
            hosts++;
        }
    }
    if (lengths && encodings)
        return err_set(e, ERR_BAD_REQUEST, NULL,
                       "Content-Length and Transfer-Encoding must not be sent together");
    if (encodings && !http11)
        return err_set(e, ERR_BAD_REQUEST, NULL, "Transfer-Encoding needs HTTP/1.1");
    if (http11 && hosts != 1)
        return err_set(e, ERR_BAD_REQUEST, NULL,
                       hosts ? "more than one Host header" : "an HTTP/1.1 request needs Host");
    return 0;
}
