/*
 * This file tests src/lib/fetch.c without the network: the address rule on every range it
 * refuses (and the IPv6 forms that carry an IPv4 address), the allow list of
 * COPILOT_CAPTURE_ALLOW_PRIVATE, fetch_url refusing schemes and addresses before any
 * connection is made, and fetch_check_literal_host refusing an address written out in a URL.
 * tests/api/capture.test.mjs fetches from real local servers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>

#include <cmocka.h>

#include "lib/fetch.h"

/* text as a socket address (IPv4 or IPv6). */
static struct sockaddr_storage address(const char *text)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, text, &v4->sin_addr) == 1)
        v4->sin_family = AF_INET;
    else if (inet_pton(AF_INET6, text, &v6->sin6_addr) == 1)
        v6->sin6_family = AF_INET6;
    else
        fail_msg("not an address: %s", text);
    return ss;
}

static bool is_public(const char *text)
{
    struct sockaddr_storage ss = address(text);
    return fetch_address_public((struct sockaddr *)&ss);
}

static void test_refused_ranges(void **state)
{
    static const char *const refused[] = {
        "127.0.0.1",
        "127.255.255.254",
        "0.0.0.0",
        "10.0.0.1",
        "10.255.255.255",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "100.64.0.1",
        "100.127.255.255",
        "169.254.169.254",
        "169.254.0.1",
        "224.0.0.1",
        "239.255.255.250",
        "255.255.255.255",
        "240.0.0.1",
        "192.0.2.1",
        "198.51.100.7",
        "203.0.113.9",
        "198.18.0.1",
        "::",
        "::1",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "febf::1",
        "fec0::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::1",
        "2002:c0a8:101::1",
        "2001:0:4136::1",
        "2001:db8::1",
        "100::1",
        "::ffff:0.0.0.0",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (is_public(refused[i]))
            fail_msg("%s should be refused", refused[i]);
}

static void test_public_addresses(void **state)
{
    static const char *const public[] = {
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "172.15.255.255",
        "172.32.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "169.253.0.1",
        "11.0.0.1",
        "223.255.255.254",
        "2606:2800:220:1:248:1893:25c8:1946",
        "2a00:1450:4001:82a::200e",
        "::ffff:93.184.216.34",
        "64:ff9b::808:808",
        "2002:5db8:d822::1",
    };
    for (size_t i = 0; i < sizeof public / sizeof public[0]; i++)
        if (!is_public(public[i]))
            fail_msg("%s should be public", public[i]);
}

static bool allowed(const char *policy, const char *text)
{
    struct fetch_policy p;
    struct err e = {0};
    assert_int_equal(fetch_policy_parse(policy, &p, &e), 0);
    struct sockaddr_storage ss = address(text);
    return fetch_address_allowed(&p, (struct sockaddr *)&ss);
}

static void test_policy(void **state)
{
    assert_false(allowed(NULL, "127.0.0.1"));
    assert_false(allowed("", "127.0.0.1"));
    assert_true(allowed("", "8.8.8.8"));
    assert_true(allowed("1", "127.0.0.1"));
    assert_true(allowed("1", "::1"));
    assert_true(allowed("127.0.0.1", "127.0.0.1"));
    assert_false(allowed("127.0.0.1", "127.0.0.2"));
    assert_false(allowed("127.0.0.1", "::1"));
    assert_true(allowed("127.0.0.1", "::ffff:127.0.0.1"));
    assert_true(allowed("10.1.0.0/16, fd00::/8", "10.1.200.3"));
    assert_false(allowed("10.1.0.0/16, fd00::/8", "10.2.0.1"));
    assert_true(allowed("10.1.0.0/16 fd00::/8", "fd12::1"));
    assert_false(allowed("10.1.0.0/16,fd00::/8", "fc00::1"));
    assert_true(allowed("[::1]", "::1"));
    assert_true(allowed("172.16.0.0/13", "172.23.1.1"));
    assert_false(allowed("172.16.0.0/13", "172.24.1.1"));
    struct fetch_policy p;
    struct err e = {0};
    assert_int_equal(fetch_policy_parse("yes", &p, &e), ERR_INVALID);
    assert_int_equal(fetch_policy_parse("10.0.0.0/33", &p, &e), ERR_INVALID);
    assert_int_equal(fetch_policy_parse("10.0.0.0/", &p, &e), ERR_INVALID);
    assert_int_equal(fetch_policy_parse("::1/129", &p, &e), ERR_INVALID);
}

/* fetch_url refuses before connecting: the message says why. */
static void expect_refused(const char *url, const char *words)
{
    struct fetch_policy none = {0};
    struct fetch_request r = {
        .url = url, .policy = &none, .max_bytes = 1 << 20, .timeout_ms = 2000, .max_redirects = 5};
    struct fetch_response out;
    struct err e = {0};
    assert_int_equal(fetch_url(&r, &out, &e), ERR_INVALID);
    assert_string_equal(e.field, "url");
    if (strstr(e.message, words) == NULL)
        fail_msg("%s: \"%s\" does not say \"%s\"", url, e.message, words);
}

static void test_fetch_refusals(void **state)
{
    expect_refused("file:///etc/passwd", "only http and https");
    expect_refused("gopher://127.0.0.1:70/_GET", "only http and https");
    expect_refused("ftp://example.com/", "only http and https");
    expect_refused("javascript:alert(1)", "not a valid URL");
    expect_refused("not a url", "not a valid URL");
    expect_refused("http://127.0.0.1:9/", "loopback");
    expect_refused("http://localhost:9/", "loopback");
    expect_refused("http://[::1]:9/", "loopback");
    expect_refused("http://[::ffff:127.0.0.1]:9/", "loopback");
    expect_refused("http://10.0.0.1/", "private");
    expect_refused("http://169.254.169.254/latest/meta-data/", "link-local");
    expect_refused("http://2130706433/", "loopback"); /* 127.0.0.1 as one number */
    expect_refused("http://0x7f.1/", "loopback");
    expect_refused("https://[fe80::1%25eth0]/", "link-local");
}

/* fetch_check_literal_host: an address written out in the URL is refused as fetch_url would
 * refuse it, with no name resolved (a host name passes: the fetch checks what it resolves to). */
static void expect_literal(const char *policy, const char *url, const char *words)
{
    struct fetch_policy p;
    struct err e = {0};
    assert_int_equal(fetch_policy_parse(policy, &p, &e), 0);
    int rc = fetch_check_literal_host(url, &p, &e);
    if (words == NULL) {
        if (rc != 0)
            fail_msg("%s: refused (%s)", url, e.message);
        return;
    }
    if (rc != ERR_INVALID)
        fail_msg("%s: not refused", url);
    assert_string_equal(e.field, "url");
    if (strstr(e.message, words) == NULL)
        fail_msg("%s: \"%s\" does not say \"%s\"", url, e.message, words);
}

static void test_literal_host(void **state)
{
    expect_literal(NULL, "http://127.0.0.1/feed.xml", "loopback");
    expect_literal(NULL, "http://127.1/", "loopback");
    expect_literal(NULL, "http://2130706433/", "loopback");
    expect_literal(NULL, "http://0x7f.1/", "loopback");
    expect_literal(NULL, "https://[::1]:8443/", "loopback");
    expect_literal(NULL, "http://[::ffff:192.168.1.1]/", "private");
    expect_literal(NULL, "http://10.0.0.1/feed.xml", "private");
    expect_literal(NULL, "http://169.254.169.254/latest/meta-data/", "link-local");
    expect_literal(NULL, "http://93.184.216.34/feed.xml", NULL);
    expect_literal(NULL, "http://localhost/feed.xml", NULL); /* a name: checked when fetched */
    expect_literal(NULL, "https://example.com/jobs.rss", NULL);
    expect_literal(NULL, "not a url", NULL); /* fetch_url says why when it is fetched */
    expect_literal(NULL, "file:///etc/passwd", NULL);
    expect_literal("127.0.0.1", "http://127.0.0.1:8080/feed.xml", NULL);
    expect_literal("127.0.0.1", "http://127.0.0.2/", "loopback");
    expect_literal("1", "http://10.0.0.1/", NULL);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refused_ranges), cmocka_unit_test(test_public_addresses),
        cmocka_unit_test(test_policy),         cmocka_unit_test(test_fetch_refusals),
        cmocka_unit_test(test_literal_host),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return failed;
}
