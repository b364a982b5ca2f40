/* Unit tests for client addresses and trusted proxies (src/lib/netaddr.c): parsing addresses
 * and CIDR lists, the rightmost untrusted hop of X-Forwarded-For, spoofed and malformed
 * entries, and the throttling key (IPv6 by /64). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/netaddr.h"

static struct netaddr addr(const char *text)
{
    struct netaddr a;
    if (!netaddr_parse(text, strlen(text), &a))
        fail_msg("cannot parse %s", text);
    return a;
}

static void expect_text(const struct netaddr *a, const char *want)
{
    char text[NETADDR_TEXT_LEN];
    netaddr_format(a, text);
    assert_string_equal(text, want);
}

static void test_parse(void **state)
{
    struct netaddr a;
    expect_text((a = addr("192.0.2.7"), &a), "192.0.2.7");
    expect_text((a = addr("  192.0.2.7 "), &a), "192.0.2.7");
    expect_text((a = addr("192.0.2.7:8080"), &a), "192.0.2.7");
    expect_text((a = addr("2001:db8::1"), &a), "2001:db8::1");
    expect_text((a = addr("[2001:db8::1]"), &a), "2001:db8::1");
    expect_text((a = addr("[2001:db8::1]:443"), &a), "2001:db8::1");
    expect_text((a = addr("::ffff:192.0.2.7"), &a), "192.0.2.7"); /* mapped: IPv4 */
    assert_int_equal(addr("::ffff:192.0.2.7").family, 4);
    static const char *bad[] = {"",
                                " ",
                                "unknown",
                                "192.0.2",
                                "192.0.2.256",
                                "1.2.3.4.5",
                                "[::1",
                                "[::1]x",
                                "2001:db8::g",
                                "192.0.2.7:80:80x",
                                "a very long string that is certainly not an address at all!!"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (netaddr_parse(bad[i], strlen(bad[i]), &a))
            fail_msg("parsed %s", bad[i]);
    struct netaddr none = {0};
    expect_text(&none, "unknown");
}

static void test_lists(void **state)
{
    struct netaddr_list l;
    char bad[64];
    assert_true(
        netaddr_parse_list("10.0.0.0/8, 127.0.0.1 ,::1, 2001:db8::/32", &l, bad, sizeof bad));
    assert_int_equal(l.n, 4);
    struct netaddr a;
    assert_true(netaddr_list_contains(&l, (a = addr("10.200.3.4"), &a)));
    assert_true(netaddr_list_contains(&l, (a = addr("127.0.0.1"), &a)));
    assert_false(netaddr_list_contains(&l, (a = addr("127.0.0.2"), &a)));
    assert_false(netaddr_list_contains(&l, (a = addr("11.0.0.1"), &a)));
    assert_true(netaddr_list_contains(&l, (a = addr("::1"), &a)));
    assert_true(netaddr_list_contains(&l, (a = addr("2001:db8:ffff::1"), &a)));
    assert_false(netaddr_list_contains(&l, (a = addr("2001:db9::1"), &a)));
    /* a mapped address is matched as IPv4 */
    assert_true(netaddr_list_contains(&l, (a = addr("::ffff:10.1.1.1"), &a)));
    /* prefixes that do not fall on a byte boundary */
    assert_true(netaddr_parse_list("192.168.4.0/22", &l, bad, sizeof bad));
    assert_true(netaddr_list_contains(&l, (a = addr("192.168.7.255"), &a)));
    assert_false(netaddr_list_contains(&l, (a = addr("192.168.8.0"), &a)));
    assert_true(netaddr_parse_list("0.0.0.0/0", &l, bad, sizeof bad));
    assert_true(netaddr_list_contains(&l, (a = addr("8.8.8.8"), &a)));
    assert_false(netaddr_list_contains(&l, (a = addr("::1"), &a)));
    /* empty: nothing trusted */
    assert_true(netaddr_parse_list("", &l, bad, sizeof bad));
    assert_int_equal(l.n, 0);
    assert_true(netaddr_parse_list(NULL, &l, bad, sizeof bad));
    assert_true(netaddr_parse_list(" , ", &l, bad, sizeof bad));
    assert_int_equal(l.n, 0);
    /* white space separates as commas do */
    assert_true(netaddr_parse_list("10.1.0.0/16 fd00::/8\t[::1]", &l, bad, sizeof bad));
    assert_int_equal(l.n, 3);
    assert_true(netaddr_list_contains(&l, (a = addr("fd12::1"), &a)));
    /* refused, naming the entry */
    assert_false(netaddr_parse_list("10.0.0.0/8, proxy.example", &l, bad, sizeof bad));
    assert_string_equal(bad, "proxy.example");
    assert_false(netaddr_parse_list("10.0.0.0/33", &l, bad, sizeof bad));
    assert_false(netaddr_parse_list("10.0.0.0/", &l, bad, sizeof bad));
    assert_false(netaddr_parse_list("10.0.0.0/8x", &l, bad, sizeof bad));
    assert_false(netaddr_parse_list("::1/129", &l, bad, sizeof bad));
}

static void expect_client(const char *peer, const char *xff, const char *trusted, const char *want)
{
    struct netaddr_list l;
    assert_true(netaddr_parse_list(trusted, &l, NULL, 0));
    struct netaddr p = addr(peer);
    struct netaddr c = netaddr_client(&p, xff, &l);
    char text[NETADDR_TEXT_LEN];
    netaddr_format(&c, text);
    if (strcmp(text, want) != 0)
        fail_msg("peer %s, X-Forwarded-For %s, trusted %s: got %s, want %s", peer,
                 xff ? xff : "(none)", trusted, text, want);
}

static void test_client(void **state)
{
    /* no trusted proxies (the default): X-Forwarded-For is never believed */
    expect_client("203.0.113.9", "1.1.1.1", "", "203.0.113.9");
    /* an untrusted peer: its header is ignored */
    expect_client("203.0.113.9", "1.1.1.1", "127.0.0.1", "203.0.113.9");
    /* one trusted proxy: the hop it appended */
    expect_client("127.0.0.1", "198.51.100.4", "127.0.0.1", "198.51.100.4");
    /* the client forged entries on the left: the rightmost untrusted hop wins */
    expect_client("127.0.0.1", "6.6.6.6, 198.51.100.4", "127.0.0.1", "198.51.100.4");
    /* two trusted proxies in a chain */
    expect_client("10.0.0.2", "6.6.6.6, 198.51.100.4, 10.0.0.1", "10.0.0.0/8", "198.51.100.4");
    /* every hop trusted: the leftmost */
    expect_client("10.0.0.2", "10.0.0.5, 10.0.0.1", "10.0.0.0/8", "10.0.0.5");
    /* a trusted peer without the header: the peer */
    expect_client("127.0.0.1", NULL, "127.0.0.1", "127.0.0.1");
    expect_client("127.0.0.1", "", "127.0.0.1", "127.0.0.1");
    /* garbage stops the walk at the hop to its right */
    expect_client("127.0.0.1", "198.51.100.4, not-an-ip", "127.0.0.1", "127.0.0.1");
    expect_client("10.0.0.2", "junk, 10.0.0.1", "10.0.0.0/8", "10.0.0.1");
    /* empty entries, ports, brackets, IPv6 */
    expect_client("127.0.0.1", "198.51.100.4,, ", "127.0.0.1", "198.51.100.4");
    expect_client("127.0.0.1", "198.51.100.4:5555", "127.0.0.1", "198.51.100.4");
    expect_client("::1", "[2001:db8::7]:1234", "::1", "2001:db8::7");
    /* header lines joined by commas read the same as one line */
    expect_client("127.0.0.1", "6.6.6.6,198.51.100.4", "127.0.0.1", "198.51.100.4");
}

static void test_from_sockaddr(void **state)
{
    struct sockaddr_in v4 = {.sin_family = AF_INET};
    inet_pton(AF_INET, "192.0.2.7", &v4.sin_addr);
    struct netaddr a;
    assert_true(netaddr_from_sockaddr((struct sockaddr *)&v4, &a));
    expect_text(&a, "192.0.2.7");
    struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
    inet_pton(AF_INET6, "::ffff:192.0.2.7", &v6.sin6_addr);
    assert_true(netaddr_from_sockaddr((struct sockaddr *)&v6, &a));
    assert_int_equal(a.family, 4);
    expect_text(&a, "192.0.2.7");
    inet_pton(AF_INET6, "2001:db8::5", &v6.sin6_addr);
    assert_true(netaddr_from_sockaddr((struct sockaddr *)&v6, &a));
    expect_text(&a, "2001:db8::5");
    struct sockaddr other = {.sa_family = AF_UNIX};
    assert_false(netaddr_from_sockaddr(&other, &a));
    assert_int_equal(a.family, 0);
}

static void test_throttle_key(void **state)
{
    char key[NETADDR_TEXT_LEN];
    struct netaddr a = addr("192.0.2.7");
    netaddr_throttle_key(&a, key);
    assert_string_equal(key, "192.0.2.7");
    a = addr("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    netaddr_throttle_key(&a, key);
    assert_string_equal(key, "2001:db8:1:2::/64");
    struct netaddr b = addr("2001:db8:1:2::99");
    char other[NETADDR_TEXT_LEN];
    netaddr_throttle_key(&b, other);
    assert_string_equal(key, other); /* one /64, one budget */
    struct netaddr none = {0};
    netaddr_throttle_key(&none, key);
    assert_string_equal(key, "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_client),       cmocka_unit_test(test_from_sockaddr),
        cmocka_unit_test(test_throttle_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
