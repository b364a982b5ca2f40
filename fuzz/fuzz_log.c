/*
 * Fuzzes the log escaper (log_escape, src/lib/log.c) and the access line built with it
 * (log_format_access) in both formats, on a method, path and request id from the input (the
 * parts a client chooses). Properties: the escaped text holds no control character and no
 * unescaped quote, so a logged value can neither end the line nor forge another; each format
 * gives exactly one line; the JSON line parses as JSON and gives back the path the client sent
 * when it fits and is text (valid UTF-8 without NUL).
 */
#include "fuzz.h"

#include <jansson.h>

#include "lib/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    unsigned small = fuzz_byte(&in);
    char *method = fuzz_piece(&in, '\n', NULL);
    char *id = fuzz_piece(&in, '\n', NULL);
    size_t plen;
    char *path = fuzz_rest(&in, &plen);

    char out[4096];
    size_t n = 1 + small % 64; /* a small buffer too: truncation must stay well formed */
    log_escape(path, out, n);
    FUZZ_CHECK(strlen(out) < n);
    for (const char *p = out; *p; p++) {
        unsigned char c = (unsigned char)*p;
        FUZZ_CHECK(c >= 0x20 && c != 0x7F);
        if (c == '\\') {
            FUZZ_CHECK(p[1] == '\\' || p[1] == '"' || p[1] == 'u');
            p++;
        } else {
            FUZZ_CHECK(c != '"');
        }
    }

    struct log_access a = {method, path, 200, 12, 345, id};
    for (int json = 0; json <= 1; json++) {
        log_set_json(json);
        char line[8192];
        log_format_access(&a, line, sizeof line);
        size_t len = strlen(line);
        FUZZ_CHECK(len > 0 && line[len - 1] == '\n');
        FUZZ_CHECK(memchr(line, '\n', len - 1) == NULL && strchr(line, '\r') == NULL);
        if (json) {
            json_error_t jerr;
            json_t *obj = json_loadb(line, len, 0, &jerr);
            FUZZ_CHECK(obj != NULL);
            const char *got = json_string_value(json_object_get(obj, "path"));
            if (strlen(path) == plen && plen < 190 && fuzz_utf8_valid(path, plen) &&
                strlen(method) < 64 && strlen(id) < 64)
                FUZZ_CHECK(got && strcmp(got, path) == 0);
            json_decref(obj);
        }
    }
    log_set_json(false);
    free(method);
    free(id);
    free(path);
    return 0;
}
