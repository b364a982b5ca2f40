/* This file implements fetch.h: the address rule, and a libcurl fetch that follows redirects
 * itself so that it can check every hop's address before connecting to it. */
#include "fetch.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "timeutil.h"
#include "xalloc.h"

/* ================================================================ the address rule */

struct v4_range {
    uint32_t net;
    int bits;
    const char *what;
};

/* IPv4 ranges that are not public unicast (RFC 6890 and friends). */
static const struct v4_range v4_refused[] = {
    {0x00000000, 8, "an unspecified address"},
    {0x0A000000, 8, "a private address"},
    {0x64400000, 10, "a shared (carrier-grade NAT) address"},
    {0x7F000000, 8, "a loopback address"},
    {0xA9FE0000, 16, "a link-local address"},
    {0xAC100000, 12, "a private address"},
    {0xC0000000, 24, "a reserved address"},
    {0xC0000200, 24, "a documentation address"},
    {0xC0586300, 24, "a reserved address"},
    {0xC0A80000, 16, "a private address"},
    {0xC6120000, 15, "a reserved address"},
    {0xC6336400, 24, "a documentation address"},
    {0xCB007100, 24, "a documentation address"},
    {0xE0000000, 4, "a multicast address"},
    {0xF0000000, 4, "a reserved address"},
};

static const char *v4_refusal(uint32_t a)
{
    for (size_t i = 0; i < sizeof v4_refused / sizeof v4_refused[0]; i++) {
        uint32_t mask = v4_refused[i].bits ? 0xFFFFFFFFu << (32 - v4_refused[i].bits) : 0;
        if ((a & mask) == v4_refused[i].net)
            return v4_refused[i].what;
    }
    return NULL;
}

static uint32_t v4_at(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static bool all_zero(const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

/* Why an IPv6 address may not be fetched, or NULL when it is public. IPv6 forms that carry an
 * IPv4 address are judged by that address. */
static const char *v6_refusal(const unsigned char *b)
{
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    static const unsigned char nat64[12] = {0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};
    if (all_zero(b, 15))
        return b[15] == 1 ? "a loopback address" : "an unspecified address"; /* ::1, :: */
    if (all_zero(b, 12) || memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0)
        return v4_refusal(v4_at(b + 12)); /* ::a.b.c.d, ::ffff:a.b.c.d, 64:ff9b::a.b.c.d */
    if (b[0] == 0x20 && b[1] == 0x02)
        return v4_refusal(v4_at(b + 2)); /* 6to4 */
    if (b[0] == 0xFF)
        return "a multicast address";
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        return "a link-local address";
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)
        return "a site-local address";
    if ((b[0] & 0xFE) == 0xFC)
        return "a private (unique local) address";
    if ((b[0] & 0xE0) != 0x20)
        return "a reserved address"; /* outside 2000::/3, global unicast */
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        return "a Teredo address";
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        return "a documentation address";
    return NULL;
}

/* Why sa may not be fetched under the public rule, or NULL. */
static const char *refusal(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return v4_refusal(ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr));
    if (sa->sa_family == AF_INET6)
        return v6_refusal(((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr);
    return "not an internet address";
}

bool fetch_address_public(const struct sockaddr *sa)
{
    return refusal(sa) == NULL;
}

bool fetch_address_allowed(const struct fetch_policy *p, const struct sockaddr *sa)
{
    if (fetch_address_public(sa) || (p && p->allow_all))
        return true;
    struct netaddr a; /* an IPv4-mapped IPv6 address matches the IPv4 networks */
    return p && netaddr_from_sockaddr(sa, &a) && netaddr_list_contains(&p->nets, &a);
}

int fetch_policy_parse(const char *text, struct fetch_policy *p, struct err *e)
{
    memset(p, 0, sizeof *p);
    if (text == NULL)
        return 0;
    char *copy = xstrdup(text), *save = NULL;
    int rc = 0;
    for (char *item = strtok_r(copy, ", \t", &save); item && rc == 0;
         item = strtok_r(NULL, ", \t", &save)) {
        if (strcmp(item, "1") == 0)
            p->allow_all = true;
        else if (p->nets.n == NETADDR_LIST_MAX)
            rc = err_set(e, ERR_INVALID, NULL, "at most %d networks may be allowed",
                         NETADDR_LIST_MAX);
        else if (!netaddr_parse_cidr(item, strlen(item), &p->nets.items[p->nets.n]))
            rc = err_set(e, ERR_INVALID, NULL,
                         "\"%s\" is neither 1 nor an address or network (10.0.0.0/8)", item);
        else
            p->nets.n++;
    }
    free(copy);
    return rc;
}

/* ================================================================ one hop */

struct hop {
    const struct fetch_policy *policy; /* NULL: no rule */
    struct buf *body;
    size_t max_bytes;
    bool too_large;
    char refused[160]; /* set by on_open_socket when it refused an address */
};

static size_t on_data(char *data, size_t size, size_t n, void *cls)
{
    struct hop *h = cls;
    size_t len = size * n;
    if (h->body->len + len > h->max_bytes) {
        h->too_large = true;
        return 0; /* CURLE_WRITE_ERROR */
    }
    buf_append(h->body, data, len);
    return len;
}

static void address_text(const struct sockaddr *sa, char *out, size_t size)
{
    const void *addr = sa->sa_family == AF_INET
                           ? (const void *)&((const struct sockaddr_in *)sa)->sin_addr
                           : (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr;
    if (inet_ntop(sa->sa_family, addr, out, (socklen_t)size) == NULL)
        snprintf(out, size, "?");
}

/* libcurl's socket: the last check, on the very address it is about to connect to. */
static curl_socket_t on_open_socket(void *cls, curlsocktype purpose, struct curl_sockaddr *address)
{
    struct hop *h = cls;
    if (h->policy && !fetch_address_allowed(h->policy, &address->addr)) {
        char text[INET6_ADDRSTRLEN];
        address_text(&address->addr, text, sizeof text);
        snprintf(h->refused, sizeof h->refused, "%s is %s", text, refusal(&address->addr));
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

/* The scheme, host (without IPv6 brackets) and port of url, checked: http or https only. */
struct target {
    char *url; /* normalised by libcurl (curl_free) */
    char *host;
    char *port;
    bool literal; /* the host is an IP address */
};

static void target_free(struct target *t)
{
    curl_free(t->url);
    curl_free(t->host);
    curl_free(t->port);
    memset(t, 0, sizeof *t);
}

static int parse_target(const char *url, struct target *t, struct err *e)
{
    memset(t, 0, sizeof *t);
    CURLU *u = curl_url();
    char *scheme = NULL;
    int rc = 0;
    if (u == NULL)
        return err_set(e, ERR_INTERNAL, "url", "out of memory");
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
        rc = err_set(e, ERR_INVALID, "url", "the address is not a valid URL");
        goto out;
    }
    if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0) {
        rc = err_set(e, ERR_INVALID, "url",
                     "only http and https addresses can be fetched, not %s:", scheme);
        goto out;
    }
    if (curl_url_get(u, CURLUPART_HOST, &t->host, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PORT, &t->port, CURLU_DEFAULT_PORT) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_URL, &t->url, 0) != CURLUE_OK || t->host[0] == '\0') {
        rc = err_set(e, ERR_INVALID, "url", "the address has no host");
        goto out;
    }
    size_t n = strlen(t->host);
    if (n >= 2 && t->host[0] == '[' && t->host[n - 1] == ']') {
        memmove(t->host, t->host + 1, n - 2);
        t->host[n - 2] = '\0';
        char *zone = strchr(t->host, '%');
        if (zone)
            *zone = '\0';
    }
    unsigned char probe[16];
    t->literal =
        inet_pton(AF_INET, t->host, probe) == 1 || inet_pton(AF_INET6, t->host, probe) == 1;
out:
    curl_free(scheme);
    curl_url_cleanup(u);
    if (rc)
        target_free(t);
    return rc;
}

int fetch_check_literal_host(const char *url, const struct fetch_policy *p, struct err *e)
{
    struct target t;
    if (parse_target(url, &t, NULL) != 0)
        return 0;
    struct addrinfo hints = {.ai_flags = AI_NUMERICHOST, .ai_socktype = SOCK_STREAM};
    struct addrinfo *list = NULL;
    int rc = 0;
    if (getaddrinfo(t.host, t.port, &hints, &list) == 0) {
        for (const struct addrinfo *ai = list; ai && rc == 0; ai = ai->ai_next) {
            if (!fetch_address_allowed(p, ai->ai_addr)) {
                char text[INET6_ADDRSTRLEN] = "";
                address_text(ai->ai_addr, text, sizeof text);
                rc = err_set(e, ERR_INVALID, "url", "%s is %s, which the server does not fetch",
                             text, refusal(ai->ai_addr));
            }
        }
        freeaddrinfo(list);
    }
    target_free(&t);
    return rc;
}

/* Resolves t's host and picks the first address the policy allows (any address without one).
 * Writes the CURLOPT_RESOLVE entry pinning it to resolve. */
static int pick_address(const struct target *t, const struct fetch_policy *policy, char *resolve,
                        size_t size, struct err *e)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *list = NULL;
    int gai = getaddrinfo(t->host, t->port, &hints, &list);
    if (gai != 0)
        return err_set(e, ERR_INVALID, "url", "the host %s cannot be resolved (%s)", t->host,
                       gai_strerror(gai));
    int rc = 0;
    const struct addrinfo *chosen = NULL;
    const char *why = NULL;
    char text[INET6_ADDRSTRLEN] = "";
    for (const struct addrinfo *ai = list; ai && !chosen; ai = ai->ai_next) {
        if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
            continue;
        if (policy == NULL || fetch_address_allowed(policy, ai->ai_addr)) {
            chosen = ai;
        } else if (why == NULL) {
            why = refusal(ai->ai_addr);
            address_text(ai->ai_addr, text, sizeof text);
        }
    }
    if (chosen == NULL) {
        if (why && t->literal)
            rc = err_set(e, ERR_INVALID, "url", "%s is %s, which the server does not fetch", text,
                         why);
        else if (why)
            rc = err_set(e, ERR_INVALID, "url",
                         "the address of %s (%s) is %s, which the server does not fetch", t->host,
                         text, why);
        else
            rc = err_set(e, ERR_INVALID, "url", "the host %s has no internet address", t->host);
    } else {
        address_text(chosen->ai_addr, text, sizeof text);
        if (chosen->ai_family == AF_INET6)
            snprintf(resolve, size, "%s:%s:[%s]", t->host, t->port, text);
        else
            snprintf(resolve, size, "%s:%s:%s", t->host, t->port, text);
    }
    freeaddrinfo(list);
    return rc;
}

/* Runs one request to t. *redirect receives the next address (malloc'd) on a 3xx with a
 * Location, else NULL. */
static int one_hop(const struct fetch_request *r, const struct target *t, int64_t deadline_us,
                   struct fetch_response *out, char **redirect, struct err *e)
{
    *redirect = NULL;
    char resolve_entry[512] = "";
    int rc = pick_address(t, r->policy, resolve_entry, sizeof resolve_entry, e);
    if (rc)
        return rc;
    if (t->literal)
        resolve_entry[0] = '\0'; /* libcurl connects to the literal itself: nothing to pin */
    int64_t left_ms = (deadline_us - time_monotonic_us()) / 1000;
    if (left_ms <= 0)
        return err_set(e, ERR_INVALID, "url", "the page did not answer within %ld s",
                       r->timeout_ms / 1000);
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return err_set(e, ERR_INTERNAL, "url", "libcurl cannot start");
    buf_reset(&out->body);
    struct hop h = {.policy = r->policy, .body = &out->body, .max_bytes = r->max_bytes};
    struct curl_slist *resolve = resolve_entry[0] ? curl_slist_append(NULL, resolve_entry) : NULL;
    struct curl_slist *headers = NULL;
    if (r->accept) { /* curl_slist_append keeps a copy */
        char accept[256];
        snprintf(accept, sizeof accept, "Accept: %s", r->accept);
        headers = curl_slist_append(headers, accept);
    }
    curl_easy_setopt(curl, CURLOPT_URL, t->url);
    curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &h);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROXY, ""); /* never a proxy from the environment */
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)left_ms);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)r->max_bytes);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "Mozilla/5.0 (compatible; CareerCopilot/1.0)");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &h);
    CURLcode code = curl_easy_perform(curl);
    if (h.refused[0]) {
        rc = err_set(e, ERR_INVALID, "url", "the address %s, which the server does not fetch",
                     h.refused);
    } else if (h.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        rc = err_set(e, ERR_INVALID, "url", "the page is larger than %zu MiB", r->max_bytes >> 20);
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
        rc = err_set(e, ERR_INVALID, "url", "the page did not answer within %ld s",
                     r->timeout_ms / 1000);
    } else if (code != CURLE_OK) {
        rc = err_set(e, ERR_INVALID, "url", "the page could not be fetched: %s",
                     curl_easy_strerror(code));
    } else {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out->status);
        char *type = NULL, *location = NULL;
        curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
        snprintf(out->content_type, sizeof out->content_type, "%s", type ? type : "");
        curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
        if (out->status >= 300 && out->status < 400 && location)
            *redirect = xstrdup(location);
        free(out->url);
        out->url = xstrdup(t->url);
    }
    curl_slist_free_all(headers);
    curl_slist_free_all(resolve);
    curl_easy_cleanup(curl);
    return rc;
}

int fetch_url(const struct fetch_request *r, struct fetch_response *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    buf_init(&out->body);
    int64_t deadline = time_monotonic_us() + (int64_t)r->timeout_ms * 1000;
    char *url = xstrdup(r->url);
    int rc = 0;
    for (int hops = 0;; hops++) {
        struct target t;
        rc = parse_target(url, &t, e);
        if (rc)
            break;
        char *next = NULL;
        rc = one_hop(r, &t, deadline, out, &next, e);
        target_free(&t);
        if (rc || next == NULL)
            break;
        if (hops == r->max_redirects) {
            free(next);
            rc = err_set(e, ERR_INVALID, "url", "the page redirects more than %d times",
                         r->max_redirects);
            break;
        }
        free(url);
        url = next;
    }
    free(url);
    if (rc)
        fetch_response_free(out);
    return rc;
}

void fetch_response_free(struct fetch_response *out)
{
    buf_free(&out->body);
    free(out->url);
    out->url = NULL;
}
