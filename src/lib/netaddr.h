/*
 * This file declares client addresses and trusted proxies (issue 8 item 6): parsing IPv4 and
 * IPv6 addresses and CIDR lists, finding the client behind trusted reverse proxies from
 * X-Forwarded-For, and the key under which an address is throttled. Pure: no I/O.
 *
 * The client of a request is its peer, unless the peer is a trusted proxy
 * (COPILOT_TRUSTED_PROXIES): then X-Forwarded-For is read from the right — each proxy appends
 * the address it received the request from — skipping trusted hops, and the first untrusted
 * one is the client (the "rightmost untrusted hop"). Entries left of it were written by the
 * client and are never believed. When every hop is trusted the leftmost is the client; an
 * entry that is not an address stops the walk at the hop to its right.
 */
#ifndef COPILOT_LIB_NETADDR_H
#define COPILOT_LIB_NETADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define NETADDR_TEXT_LEN 64 /* enough for any address or key below, with its NUL */

struct netaddr {
    int family;              /* 4 or 6; 0 = none */
    unsigned char bytes[16]; /* network order; IPv4 in the first 4 */
};

struct netaddr_cidr {
    struct netaddr addr;
    int prefix; /* bits */
};

#define NETADDR_LIST_MAX 32
struct netaddr_list {
    struct netaddr_cidr items[NETADDR_LIST_MAX];
    int n;
};

/* Parses text[0..len): an IPv4 or IPv6 address, optionally with a port ("1.2.3.4:80",
 * "[::1]:80") or in brackets, with spaces around. An IPv4-mapped IPv6 address (::ffff:a.b.c.d)
 * becomes IPv4. Returns false when it is not an address. */
bool netaddr_parse(const char *text, size_t len, struct netaddr *out);

/* Parses one address or CIDR block ("10.0.0.0/8", "::1", "[fd00::]/8"; an address alone is a
 * block of one) from text[0..len). Returns false when it is not one. */
bool netaddr_parse_cidr(const char *text, size_t len, struct netaddr_cidr *out);

/* Parses a list of addresses and CIDR blocks separated by commas or white space
 * ("10.0.0.0/8, 127.0.0.1 ::1") into out (empty text: an empty list). Returns false, with the
 * faulty entry in bad (size badlen), for an entry that is not one, or beyond NETADDR_LIST_MAX
 * entries. COPILOT_TRUSTED_PROXIES and COPILOT_CAPTURE_ALLOW_PRIVATE (lib/fetch.h) use it. */
bool netaddr_parse_list(const char *text, struct netaddr_list *out, char *bad, size_t badlen);

/* The address of sa (AF_INET or AF_INET6; an IPv4-mapped IPv6 address becomes IPv4). Returns
 * false, with out->family 0, for another family. */
bool netaddr_from_sockaddr(const struct sockaddr *sa, struct netaddr *out);

/* True when a is inside one of l's blocks. */
bool netaddr_list_contains(const struct netaddr_list *l, const struct netaddr *a);

/* The client behind peer (see above): xff is the X-Forwarded-For value (all its header lines
 * joined by commas; NULL when absent), trusted the proxies whose word is taken. */
struct netaddr netaddr_client(const struct netaddr *peer, const char *xff,
                              const struct netaddr_list *trusted);

/* The usual text of a (e.g. "192.0.2.1", "2001:db8::1"); "unknown" for family 0. */
void netaddr_format(const struct netaddr *a, char out[NETADDR_TEXT_LEN]);

/* The key an address is throttled under: an IPv4 address itself; for IPv6 its /64 network
 * ("2001:db8:1:2::/64"), since one subscriber usually holds a whole /64. */
void netaddr_throttle_key(const struct netaddr *a, char out[NETADDR_TEXT_LEN]);

#endif
