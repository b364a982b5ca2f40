/* This file implements the libcurl-based client of httpclient.h. */
#include "httpclient.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#define MAX_RESPONSE (1 << 20)

void httpclient_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t on_data(char *data, size_t size, size_t n, void *cls)
{
    struct buf *out = cls;
    size_t len = size * n;
    if (out->len + len > MAX_RESPONSE)
        return 0; /* makes curl fail with CURLE_WRITE_ERROR */
    buf_append(out, data, len);
    return len;
}

/* The one request both calls make: body POSTed with content_type (a GET when body is NULL),
 * Accept: JSON, the bearer token when not NULL, giving up after timeout seconds. */
static int perform(const char *url, const char *body, const char *content_type, const char *bearer,
                   long timeout, struct buf *out)
{
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return -1;
    struct curl_slist *headers = curl_slist_append(NULL, "Accept: application/json");
    char line[1024];
    if (content_type) {
        snprintf(line, sizeof line, "Content-Type: %s", content_type);
        headers = curl_slist_append(headers, line);
    }
    if (bearer) {
        snprintf(line, sizeof line, "Authorization: Bearer %s", bearer);
        headers = curl_slist_append(headers, line);
    }
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout < 10 ? timeout : 10L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "copilot");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    if (body)
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    long status = -1;
    if (curl_easy_perform(curl) == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return (int)status;
}

int httpclient_request(const char *url, const char *body, const char *bearer, struct buf *out)
{
    return perform(url, body, NULL, bearer, 10L, out);
}

void httpclient_escape(struct buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            strchr("-._~", c)) {
            buf_putc(out, (char)c);
        } else {
            buf_putc(out, '%');
            buf_putc(out, hex[c >> 4]);
            buf_putc(out, hex[c & 15]);
        }
    }
}

int httpclient_post_json(const char *url, const char *json, const char *bearer,
                         long timeout_seconds, struct buf *out)
{
    return perform(url, json, "application/json", bearer, timeout_seconds, out);
}
