/*
 * Fuzzes the job identity (src/core/fingerprint.c) and the URL rules around it: the normalised
 * company, title and location, the fingerprint, the URL key (fingerprint_normalize_url), the
 * URL validators (validate_url, validate_page_url in src/core/validate.c) and the source of a
 * posting URL (posting_source_for_url). The input is three lines (company, title, location)
 * and a URL.
 * Properties: normalised text is valid UTF-8 with single spaces and no blank at either end;
 * the fingerprint is 64 lower-case hex digits and the same for the raw and the normalised
 * fields; a URL key is valid UTF-8 when the URL is, has no scheme, query or fragment and no
 * trailing slash; a URL validate_url accepts starts with http:// or https:// (any case), holds
 * no blank or control byte and is at most 2,048 bytes.
 */
#include "fuzz.h"

#include <strings.h>

#include "core/fingerprint.h"
#include "core/posting.h"
#include "core/validate.h"

static void check_normalised(const char *s)
{
    size_t len = strlen(s);
    FUZZ_CHECK(fuzz_utf8_valid(s, len));
    if (len) {
        FUZZ_CHECK(s[0] != ' ' && s[len - 1] != ' ');
        FUZZ_CHECK(strstr(s, "  ") == NULL);
    }
}

static bool hex64(const char *s)
{
    if (strlen(s) != 64)
        return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    char *company = fuzz_piece(&in, '\n', NULL);
    char *title = fuzz_piece(&in, '\n', NULL);
    char *location = fuzz_piece(&in, '\n', NULL);
    char *url = fuzz_rest(&in, NULL);

    char *nc = fingerprint_normalize_company(company);
    char *nt = fingerprint_normalize_title(title);
    char *nl = fingerprint_normalize_location(location);
    check_normalised(nc);
    check_normalised(nt);
    check_normalised(nl);
    char fp[FINGERPRINT_LEN], fp2[FINGERPRINT_LEN];
    fingerprint_job(company, title, location, fp);
    fingerprint_job_normalized(nc, nt, nl, fp2);
    FUZZ_CHECK(hex64(fp) && strcmp(fp, fp2) == 0);
    /* location normalising is idempotent */
    char *nl2 = fingerprint_normalize_location(nl);
    FUZZ_CHECK(strcmp(nl, nl2) == 0);
    free(nl2);

    char *key = fingerprint_normalize_url(url);
    if (key) {
        size_t klen = strlen(key);
        FUZZ_CHECK(klen > 0);
        if (fuzz_utf8_valid(url, strlen(url)))
            FUZZ_CHECK(fuzz_utf8_valid(key, klen));
        FUZZ_CHECK(strchr(key, '?') == NULL && strchr(key, '#') == NULL);
        FUZZ_CHECK(key[klen - 1] != '/' || klen == 1);
        free(key);
    }

    struct err e = {0};
    if (validate_url("url", url, &e) == 0) {
        FUZZ_CHECK(strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
        FUZZ_CHECK(strlen(url) <= 2048);
        for (const char *p = url; *p; p++)
            FUZZ_CHECK((unsigned char)*p > 0x20 && *p != 0x7F);
    } else {
        FUZZ_CHECK(strcmp(e.field, "url") == 0);
    }
    err_clear(&e);
    if (validate_page_url("page_url", url, &e) == 0)
        FUZZ_CHECK(url[0] == '/' ? url[1] != '/' && url[1] != '\\'
                                 : strncasecmp(url, "http", 4) == 0);
    const char *source = posting_source_for_url(url);
    FUZZ_CHECK(source != NULL);

    free(nc);
    free(nt);
    free(nl);
    free(company);
    free(title);
    free(location);
    free(url);
    return 0;
}
