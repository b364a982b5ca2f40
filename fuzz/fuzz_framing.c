/*
 * Fuzzes the message-framing check (framing_check, src/http/framing.c) on header lists made
 * from the input: the first byte says HTTP/1.1 or 1.0, then one header per line, the name up to
 * the first ':' and the value after it with its blanks trimmed as libmicrohttpd hands it over.
 * Properties: a head is accepted only when it has at most one Content-Length made of digits,
 * at most one Transfer-Encoding equal to chunked (never both, never on 1.0), exactly one Host on
 * HTTP/1.1, and token field names; a refusal is ERR_BAD_REQUEST with a message.
 */
#include "fuzz.h"

#include <strings.h>

#include "http/framing.h"

#define MAX_HEADERS 64

static bool digits(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static bool token(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  strchr("!#$%&'*+-.^_`|~", c);
        if (!ok || c == '\0')
            return false;
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    bool http11 = fuzz_byte(&in) & 1;
    struct framing_header h[MAX_HEADERS];
    char *lines[MAX_HEADERS];
    size_t n = 0;
    while (in.n && n < MAX_HEADERS) {
        char *line = fuzz_piece(&in, '\n', NULL);
        lines[n] = line;
        char *colon = strchr(line, ':');
        char *value = "";
        if (colon) {
            *colon = '\0';
            value = colon + 1;
            while (*value == ' ' || *value == '\t')
                value++;
            size_t vl = strlen(value);
            while (vl && (value[vl - 1] == ' ' || value[vl - 1] == '\t' || value[vl - 1] == '\r'))
                value[--vl] = '\0';
        }
        h[n].name = line;
        h[n].value = value;
        n++;
    }
    struct err e = {0};
    int rc = framing_check(h, n, http11, &e);

    int lengths = 0, encodings = 0, hosts = 0;
    bool sound = true;
    for (size_t i = 0; i < n; i++) {
        sound = sound && token(h[i].name);
        if (strcasecmp(h[i].name, "Content-Length") == 0)
            sound = sound && ++lengths == 1 && digits(h[i].value);
        else if (strcasecmp(h[i].name, "Transfer-Encoding") == 0)
            sound = sound && ++encodings == 1 && strcasecmp(h[i].value, "chunked") == 0;
        else if (strcasecmp(h[i].name, "Host") == 0)
            hosts++;
    }
    sound = sound && !(lengths && encodings) && !(encodings && !http11) && !(http11 && hosts != 1);
    FUZZ_CHECK((rc == 0) == sound);
    if (rc)
        FUZZ_CHECK(rc == ERR_BAD_REQUEST && e.message[0] != '\0');
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    return 0;
}
