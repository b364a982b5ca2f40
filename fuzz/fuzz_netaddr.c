/*
 * Fuzzes client addresses (src/lib/netaddr.c): the input is a list of trusted proxies (first
 * line, as COPILOT_TRUSTED_PROXIES), a peer address (second line) and an X-Forwarded-For value
 * (the rest). Every parser runs on each piece; the client is found behind the proxies.
 * Properties: a parsed address formats to text that parses back to the same address; a CIDR
 * block's prefix fits its family; a list holds at most NETADDR_LIST_MAX entries and contains
 * each of its blocks' addresses; the client is the peer, or an address of the forwarded list
 * when the peer is trusted; every formatted text and key fits NETADDR_TEXT_LEN.
 */
#include "fuzz.h"

#include "lib/netaddr.h"

static void round_trip(const struct netaddr *a)
{
    char text[NETADDR_TEXT_LEN];
    netaddr_format(a, text);
    FUZZ_CHECK(strlen(text) < NETADDR_TEXT_LEN);
    if (a->family == 0) {
        FUZZ_CHECK(strcmp(text, "unknown") == 0);
        return;
    }
    struct netaddr back;
    FUZZ_CHECK(netaddr_parse(text, strlen(text), &back));
    FUZZ_CHECK(back.family == a->family);
    FUZZ_CHECK(memcmp(back.bytes, a->bytes, a->family == 4 ? 4 : 16) == 0);
    char key[NETADDR_TEXT_LEN];
    netaddr_throttle_key(a, key);
    FUZZ_CHECK(strlen(key) > 0 && strlen(key) < NETADDR_TEXT_LEN);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    size_t tlen, plen, xlen;
    char *trusted_text = fuzz_piece(&in, '\n', &tlen);
    char *peer_text = fuzz_piece(&in, '\n', &plen);
    char *xff = fuzz_rest(&in, &xlen);

    struct netaddr a;
    if (netaddr_parse(peer_text, plen, &a)) {
        FUZZ_CHECK(a.family == 4 || a.family == 6);
        round_trip(&a);
    }
    struct netaddr_cidr c;
    if (netaddr_parse_cidr(peer_text, plen, &c)) {
        FUZZ_CHECK(c.prefix >= 0 && c.prefix <= (c.addr.family == 4 ? 32 : 128));
        round_trip(&c.addr);
    }
    (void)netaddr_parse(xff, xlen, &a);

    struct netaddr_list list;
    char bad[64];
    bool listed = netaddr_parse_list(trusted_text, &list, bad, sizeof bad);
    if (listed) {
        FUZZ_CHECK(list.n >= 0 && list.n <= NETADDR_LIST_MAX);
        for (int i = 0; i < list.n; i++)
            FUZZ_CHECK(netaddr_list_contains(&list, &list.items[i].addr));
    } else {
        FUZZ_CHECK(strlen(bad) < sizeof bad);
        list.n = 0;
    }

    struct netaddr peer;
    if (!netaddr_parse(peer_text, plen, &peer))
        netaddr_parse("127.0.0.1", 9, &peer);
    struct netaddr client = netaddr_client(&peer, xlen ? xff : NULL, &list);
    round_trip(&client);
    if (!netaddr_list_contains(&list, &peer))
        FUZZ_CHECK(client.family == peer.family &&
                   memcmp(client.bytes, peer.bytes, peer.family == 4 ? 4 : 16) == 0);

    free(trusted_text);
    free(peer_text);
    free(xff);
    return 0;
}
