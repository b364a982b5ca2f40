/* This file implements client addresses and trusted proxies (netaddr.h). */
#include "netaddr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool netaddr_parse(const char *text, size_t len, struct netaddr *out)
{
    memset(out, 0, sizeof *out);
    while (len > 0 && (*text == ' ' || *text == '\t')) {
        text++;
        len--;
    }
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    char buf[NETADDR_TEXT_LEN];
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *s = buf;
    if (*s == '[') { /* [v6] or [v6]:port */
        char *close = strchr(s, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':'))
            return false;
        *close = '\0';
        s++;
    } else {
        char *colon = strchr(s, ':');
        if (colon && strchr(colon + 1, ':') == NULL) /* one colon: v4:port */
            *colon = '\0';
    }
    unsigned char bytes[16];
    if (inet_pton(AF_INET, s, bytes) == 1) {
        out->family = 4;
        memcpy(out->bytes, bytes, 4);
        return true;
    }
    if (inet_pton(AF_INET6, s, bytes) == 1) {
        if (memcmp(bytes, mapped_prefix, sizeof mapped_prefix) == 0) {
            out->family = 4;
            memcpy(out->bytes, bytes + 12, 4);
        } else {
            out->family = 6;
            memcpy(out->bytes, bytes, 16);
        }
        return true;
    }
    return false;
}

bool netaddr_from_sockaddr(const struct sockaddr *sa, struct netaddr *out)
{
    memset(out, 0, sizeof *out);
    if (sa->sa_family == AF_INET) {
        out->family = 4;
        memcpy(out->bytes, &((const struct sockaddr_in *)sa)->sin_addr, 4);
        return true;
    }
    if (sa->sa_family != AF_INET6)
        return false;
    const unsigned char *b = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
    if (memcmp(b, mapped_prefix, sizeof mapped_prefix) == 0) {
        out->family = 4;
        memcpy(out->bytes, b + 12, 4);
    } else {
        out->family = 6;
        memcpy(out->bytes, b, 16);
    }
    return true;
}

bool netaddr_parse_cidr(const char *text, size_t len, struct netaddr_cidr *out)
{
    const char *slash = memchr(text, '/', len);
    size_t addr_len = slash ? (size_t)(slash - text) : len;
    if (!netaddr_parse(text, addr_len, &out->addr))
        return false;
    int bits = out->addr.family == 4 ? 32 : 128;
    out->prefix = bits;
    if (slash == NULL)
        return true;
    char digits[8];
    size_t n = len - addr_len - 1;
    while (n > 0 && (slash[n] == ' ' || slash[n] == '\t'))
        n--;
    if (n == 0 || n >= sizeof digits)
        return false;
    memcpy(digits, slash + 1, n);
    digits[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (digits[i] < '0' || digits[i] > '9')
            return false;
    int prefix = atoi(digits);
    if (prefix > bits)
        return false;
    out->prefix = prefix;
    return true;
}

static bool separator(char c)
{
    return c == ',' || c == ' ' || c == '\t';
}

bool netaddr_parse_list(const char *text, struct netaddr_list *out, char *bad, size_t badlen)
{
    memset(out, 0, sizeof *out);
    if (bad && badlen)
        bad[0] = '\0';
    const char *p = text ? text : "";
    for (;;) {
        while (separator(*p))
            p++;
        if (*p == '\0')
            return true;
        size_t n = 0;
        while (p[n] && !separator(p[n]))
            n++;
        if (out->n == NETADDR_LIST_MAX || !netaddr_parse_cidr(p, n, &out->items[out->n])) {
            if (bad && badlen)
                snprintf(bad, badlen, "%.*s", (int)(n < 60 ? n : 60), p);
            return false;
        }
        out->n++;
        p += n;
    }
}

static bool in_block(const struct netaddr_cidr *c, const struct netaddr *a)
{
    if (a->family != c->addr.family)
        return false;
    int full = c->prefix / 8, rest = c->prefix % 8;
    if (memcmp(a->bytes, c->addr.bytes, (size_t)full) != 0)
        return false;
    if (rest == 0)
        return true;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (a->bytes[full] & mask) == (c->addr.bytes[full] & mask);
}

bool netaddr_list_contains(const struct netaddr_list *l, const struct netaddr *a)
{
    for (int i = 0; i < l->n; i++)
        if (in_block(&l->items[i], a))
            return true;
    return false;
}

struct netaddr netaddr_client(const struct netaddr *peer, const char *xff,
                              const struct netaddr_list *trusted)
{
    struct netaddr client = *peer;
    if (xff == NULL || !netaddr_list_contains(trusted, &client))
        return client;
    /* walk the entries from the right while the hop we stand on is trusted */
    size_t end = strlen(xff);
    while (netaddr_list_contains(trusted, &client)) {
        while (end > 0 && (xff[end - 1] == ' ' || xff[end - 1] == '\t'))
            end--;
        if (end == 0)
            break; /* every hop trusted: the leftmost is the client */
        size_t start = end;
        while (start > 0 && xff[start - 1] != ',')
            start--;
        struct netaddr hop;
        if (start == end) {  /* an empty entry ("a,,b" or a trailing comma): skip it */
            end = start - 1; /* start == end, not 0 (above) */
            continue;
        }
        if (!netaddr_parse(xff + start, end - start, &hop))
            break; /* not an address: believe nothing further left */
        client = hop;
        end = start > 0 ? start - 1 : 0;
    }
    return client;
}

void netaddr_format(const struct netaddr *a, char out[NETADDR_TEXT_LEN])
{
    if (a->family == 4)
        inet_ntop(AF_INET, a->bytes, out, NETADDR_TEXT_LEN);
    else if (a->family == 6)
        inet_ntop(AF_INET6, a->bytes, out, NETADDR_TEXT_LEN);
    else
        snprintf(out, NETADDR_TEXT_LEN, "unknown");
}

void netaddr_throttle_key(const struct netaddr *a, char out[NETADDR_TEXT_LEN])
{
    if (a->family != 6) {
        netaddr_format(a, out);
        return;
    }
    struct netaddr net = *a;
    memset(net.bytes + 8, 0, 8);
    char text[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, net.bytes, text, sizeof text);
    snprintf(out, NETADDR_TEXT_LEN, "%s/64", text);
}
