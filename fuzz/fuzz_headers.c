/*
 * Fuzzes the request-header readers of the web page server (src/http/static.c):
 * http_accepts_gzip over an Accept-Encoding value and http_etag_matches over an If-None-Match
 * value (the first line) against an entity tag (the second line, quoted as the server makes
 * them).
 * Properties: "*" and a list naming the tag match; a value without the tag's text never
 * matches (other than "*"); gzip is accepted only by a value that names gzip or "*".
 */
#include "fuzz.h"

#include <strings.h>

#include "http/static.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    char *value = fuzz_piece(&in, '\n', NULL);
    char *tag_text = fuzz_rest(&in, NULL);
    for (char *p = tag_text; *p; p++)
        if (*p == '"' || *p == ',' || (unsigned char)*p <= ' ')
            *p = 'x';
    size_t tl = strlen(tag_text);
    char *etag = malloc(tl + 3);
    FUZZ_CHECK(etag != NULL);
    snprintf(etag, tl + 3, "\"%s\"", tag_text);

    bool match = http_etag_matches(value, etag);
    if (match && strcmp(value, "*") != 0 && !strchr(value, '*'))
        FUZZ_CHECK(strstr(value, tag_text) != NULL);
    FUZZ_CHECK(http_etag_matches(etag, etag));
    FUZZ_CHECK(http_etag_matches("*", etag));
    size_t ll = strlen(value) + 2 * strlen(etag) + 16;
    char *list = malloc(ll);
    FUZZ_CHECK(list != NULL);
    snprintf(list, ll, "\"zz\", W/%s", etag);
    FUZZ_CHECK(http_etag_matches(list, etag));

    if (http_accepts_gzip(value))
        FUZZ_CHECK(strcasestr(value, "gzip") != NULL || strchr(value, '*') != NULL);
    FUZZ_CHECK(http_accepts_gzip("gzip"));

    free(list);
    free(etag);
    free(value);
    free(tag_text);
    return 0;
}
