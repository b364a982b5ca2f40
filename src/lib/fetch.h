/*
 * This file declares fetching an address a user gave (a posting page, a feed) under the
 * address rules of SPEC part E (docs/capture-and-discovery.md, "Server-side fetch"): http and
 * https only; the host resolved here and every address it has checked; loopback, private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), link-local (169.254/16,
 * fe80::/10), multicast, unspecified, reserved and documentation ranges refused, also when
 * written as IPv4-mapped, IPv4-compatible, NAT64, 6to4 or Teredo IPv6; libcurl then connects to
 * exactly the address that was checked (CURLOPT_RESOLVE, and the socket callback checks it once
 * more), so a second DNS answer cannot move the connection elsewhere; redirects are followed
 * here, one hop at a time, each new address checked the same way; proxies from the environment
 * are ignored; the body is capped, the whole fetch (every hop) has one deadline.
 */
#ifndef COPILOT_LIB_FETCH_H
#define COPILOT_LIB_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "buf.h"
#include "err.h"
#include "netaddr.h"

/* What the address rule lets through besides public addresses: nothing (the default), every
 * address ("1"), or a list of networks ("127.0.0.1", "10.1.0.0/16, fd00::/8"; at most
 * NETADDR_LIST_MAX, lib/netaddr.h). COPILOT_CAPTURE_ALLOW_PRIVATE holds it. */
struct fetch_policy {
    bool allow_all;
    struct netaddr_list nets;
};

/* Reads text (NULL or "" = public addresses only; "1" = every address; otherwise addresses and
 * CIDR networks separated by commas or spaces) into p. ERR_INVALID naming the bad entry. */
int fetch_policy_parse(const char *text, struct fetch_policy *p, struct err *e);

/* True when sa (AF_INET or AF_INET6) is a public unicast address by the rules above. */
bool fetch_address_public(const struct sockaddr *sa);

/* True when p lets sa be fetched: public, or allowed by p. */
bool fetch_address_allowed(const struct fetch_policy *p, const struct sockaddr *sa);

/* Checks url's host when it is an IP address written out ("10.0.0.1", "[::1]", also the forms
 * curl and inet_aton read, such as "127.1"), without resolving any name: ERR_INVALID (field
 * "url") saying why when p does not let that address be fetched. 0 for a host name (fetch_url
 * checks the addresses it resolves to, and every redirect's) and for an address that is no
 * http(s) URL here (fetch_url says why when it is fetched). For checking an address when it is
 * stored, before any fetch. */
int fetch_check_literal_host(const char *url, const struct fetch_policy *p, struct err *e);

struct fetch_request {
    const char *url;
    /* the address rule; NULL = none (an address the operator configured, such as a job
     * board's API base URL) */
    const struct fetch_policy *policy;
    size_t max_bytes;   /* body cap */
    long timeout_ms;    /* for the whole fetch, every hop included */
    int max_redirects;  /* redirects followed; one more is an error */
    const char *accept; /* the Accept header, or NULL for any */
};

struct fetch_response {
    long status;            /* the last hop's HTTP status */
    char content_type[128]; /* its Content-Type ("" when none) */
    char *url;              /* the last hop's address (malloc'd) */
    struct buf body;        /* its body */
};

/*
 * Fetches r->url. Returns 0 with *out filled (whatever the status: the caller judges it; free
 * with fetch_response_free), or ERR_INVALID (field "url") with a message saying why: a scheme
 * other than http/https, a malformed address, a host that does not resolve, an address the
 * rule refuses, too many redirects, a body over the cap, the deadline, a failed connection.
 */
int fetch_url(const struct fetch_request *r, struct fetch_response *out, struct err *e);
void fetch_response_free(struct fetch_response *out);

#endif
