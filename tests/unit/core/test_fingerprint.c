/*
 * This file tests src/core/fingerprint.c and the UTF-8 layer under it (src/core/utf8.c):
 * decoding and validation, case folding and character classes, each normalisation rule of
 * SPEC part C with its examples, the fingerprint itself, and URL normalisation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/fingerprint.h"
#include "core/utf8.h"

/* ------------------------------------------------------------------ helpers */

static void expect_norm(char *(*fn)(const char *), const char *in, const char *want)
{
    char *got = fn(in);
    if (strcmp(got, want) != 0)
        fail_msg("normalising \"%s\": got \"%s\", want \"%s\"", in ? in : "(null)", got, want);
    free(got);
}

static void expect_company(const char *in, const char *want)
{
    expect_norm(fingerprint_normalize_company, in, want);
}

static void expect_title(const char *in, const char *want)
{
    expect_norm(fingerprint_normalize_title, in, want);
}

static void expect_location(const char *in, const char *want)
{
    expect_norm(fingerprint_normalize_location, in, want);
}

static void expect_url(const char *in, const char *want)
{
    char *got = fingerprint_normalize_url(in);
    if (want == NULL && got != NULL)
        fail_msg("url \"%s\": got \"%s\", want NULL", in ? in : "(null)", got);
    if (want != NULL && (got == NULL || strcmp(got, want) != 0))
        fail_msg("url \"%s\": got \"%s\", want \"%s\"", in, got ? got : "(null)", want);
    free(got);
}

static void expect_fold(const char *in, const char *want)
{
    char *got = utf8_fold_string(in, strlen(in));
    assert_string_equal(got, want);
    free(got);
}

/* ------------------------------------------------------------------ utf8 */

static void test_utf8_decode_valid(void **state)
{
    uint32_t cp = 0;
    assert_int_equal(utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2); /* é */
    assert_int_equal(cp, 0xE9);
    assert_int_equal(utf8_decode("\xE2\x82\xAC", 3, &cp), 3); /* € */
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4); /* U+1F600 */
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4); /* U+10FFFF */
    assert_int_equal(cp, 0x10FFFF);
    assert_int_equal(utf8_decode("\xEF\xBF\xBF", 3, &cp), 3); /* U+FFFF is a scalar value */
}

static void test_utf8_decode_invalid(void **state)
{
    static const char *bad[] = {
        "\x80",             /* stray continuation */
        "\xC0\x80",         /* overlong NUL */
        "\xC1\xBF",         /* overlong */
        "\xE0\x80\x80",     /* overlong 3-byte */
        "\xE0\x9F\xBF",     /* overlong U+07FF */
        "\xF0\x80\x80\x80", /* overlong 4-byte */
        "\xF0\x8F\xBF\xBF", /* overlong U+FFFF */
        "\xED\xA0\x80",     /* surrogate U+D800 */
        "\xED\xBF\xBF",     /* surrogate U+DFFF */
        "\xF4\x90\x80\x80", /* U+110000 */
        "\xF5\x80\x80\x80", /* lead byte past F4 */
        "\xFF",             /* never valid */
        "\xC3",             /* truncated */
        "\xE2\x82",         /* truncated */
        "\xC3\x28",         /* bad continuation */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t cp = 0x1234;
        if (utf8_decode(bad[i], strlen(bad[i]), &cp) != 0)
            fail_msg("case %zu decoded", i);
        assert_int_equal(cp, 0x1234);
        assert_false(utf8_valid(bad[i], strlen(bad[i])));
    }
    uint32_t cp;
    assert_int_equal(utf8_decode("", 0, &cp), 0);
}

static void test_utf8_valid_and_count(void **state)
{
    assert_true(utf8_valid("", 0));
    assert_true(utf8_valid("plain ascii", 11));
    const char *mixed = "Zürich – 東京 – Москва 😀";
    assert_true(utf8_valid(mixed, strlen(mixed)));
    assert_int_equal(utf8_count(mixed, strlen(mixed)), 22);
    assert_true(utf8_valid("a\0b", 3)); /* NUL is a valid code point */
    assert_false(utf8_valid("ok\xC3", 3));
    assert_int_equal(utf8_count("a\xFF"
                                "b",
                                3),
                     3); /* the bad byte counts once */
    size_t pos = 1;
    assert_int_equal(utf8_next("a\xFF"
                               "b",
                               3, &pos),
                     UTF8_REPLACEMENT);
    assert_int_equal(pos, 2);
}

/* utf8_valid reads runs of ASCII 32 and eight bytes at a time: the same verdict as decoding every
 * character, whatever the offset of a bad or non-ASCII byte in a run (random strings of ASCII
 * with one or two other bytes, valid sequences or not, at every position). */
static void test_utf8_valid_ascii_runs(void **state)
{
    static const char *const inserts[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xFF",
                                          "\xC3",     "\xED\xA0\x80", "\xC0\xAF",         "\x80"};
    srand(7);
    for (int round = 0; round < 20000; round++) {
        char text[128];
        size_t len = (size_t)(rand() % 100);
        for (size_t i = 0; i < len; i++)
            text[i] = (char)(rand() % 128);
        for (int k = rand() % 3; k > 0 && len > 0; k--) {
            const char *in = inserts[rand() % 8];
            size_t at = (size_t)rand() % len, n = strlen(in);
            memmove(text + at + n, text + at, len - at);
            memcpy(text + at, in, n);
            len += n;
        }
        bool expected = true;
        for (size_t pos = 0; pos < len && expected;) {
            uint32_t cp;
            size_t n = utf8_decode(text + pos, len - pos, &cp);
            expected = n > 0;
            pos += n;
        }
        for (size_t from = 0; from < 8 && from <= len; from++) { /* every alignment */
            bool tail = true;
            for (size_t pos = from; pos < len && tail;) {
                uint32_t cp;
                size_t n = utf8_decode(text + from + (pos - from), len - pos, &cp);
                tail = n > 0;
                pos += n;
            }
            assert_int_equal(utf8_valid(text + from, len - from), tail);
        }
        assert_int_equal(utf8_valid(text, len), expected);
    }
}

/* utf8_repair: what the error replies quote (found by tests/api/hostile.test.mjs: a sort
 * argument that was not UTF-8 made the error message vanish from the answer). */
static void test_utf8_repair(void **state)
{
    char *s = utf8_repair("cannot sort by \xFF\xFE", 17);
    assert_string_equal(s, "cannot sort by \xEF\xBF\xBD\xEF\xBF\xBD");
    free(s);
    s = utf8_repair("caf\xC3\xA9 \xE2\x82", 8); /* cut inside the euro sign */
    assert_string_equal(s, "caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD");
    assert_true(utf8_valid(s, strlen(s)));
    free(s);
    s = utf8_repair("", 0);
    assert_string_equal(s, "");
    free(s);
    s = utf8_repair("\xF0\x9F\x98\x80 ok", 7);
    assert_string_equal(s, "\xF0\x9F\x98\x80 ok");
    free(s);
}

static void test_utf8_encode_roundtrip(void **state)
{
    static const uint32_t cps[] = {0,      0x41,   0x7F,    0x80,    0x7FF,   0x800,
                                   0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char enc[UTF8_MAX_BYTES];
        size_t n = utf8_encode(cps[i], enc);
        assert_true(n >= 1 && n <= 4);
        uint32_t back;
        assert_int_equal(utf8_decode(enc, n, &back), n);
        assert_int_equal(back, cps[i]);
    }
    char enc[UTF8_MAX_BYTES];
    assert_int_equal(utf8_encode(0xD800, enc), 0);
    assert_int_equal(utf8_encode(0x110000, enc), 0);
}

static void test_utf8_fold(void **state)
{
    expect_fold("ÉCOLE", "école");
    expect_fold("ΑΘΗΝΑ", "αθηνα");
    expect_fold("МОСКВА", "москва");
    expect_fold("ÀÁÂÃÄÅÆÇÈÌÑÒÖØÙÜÝÞ", "àáâãäåæçèìñòöøùüýþ");
    expect_fold("×÷ß", "×÷ß"); /* not letters / no simple fold */
    expect_fold("ĀĂĄĆČĎĐĒĘĚĞĢĪĮİĶĹĻĽŁŃŇŊŌŐŒŔŘŚŞŠŢŤŦŪŮŰŲŴŶŸŹŻŽ",
                "āăąćčďđēęěğģīįiķĺļľłńňŋōőœŕřśşšţťŧūůűųŵŷÿźżž");
    expect_fold("ſµẞ", "sμß");             /* fold-only pairs */
    expect_fold("ȘȚǍƠƯẠẾỸ", "șțǎơưạếỹ");   /* Romanian, Vietnamese */
    expect_fold("ΆΈΉΊΌΎΏΣς", "άέήίόύώσσ"); /* tonos, final sigma */
    expect_fold("ЁЂЄІЇЈЉЊЋЎЏЖЩЯҐӘӨҮ", "ёђєіїјљњћўџжщяґәөү");
    expect_fold("ԱՐՄԵՆԻԱ", "արմենիա");
    expect_fold("ＡＢＣ", "ａｂｃ");
    expect_fold("東京 123 😀", "東京 123 😀");
    expect_fold("bad\xFFz", "bad\xEF\xBF\xBDz"); /* invalid byte -> U+FFFD */
    expect_fold("", "");
}

/* Every code point folds to a scalar value, folding is idempotent, and letters stay letters. */
static void test_utf8_fold_exhaustive(void **state)
{
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        uint32_t f = utf8_fold(cp);
        char enc[UTF8_MAX_BYTES];
        if (utf8_encode(f, enc) == 0)
            fail_msg("U+%04X folds to U+%04X", cp, f);
        if (utf8_fold(f) != f)
            fail_msg("fold of U+%04X is not stable", cp);
        if (utf8_is_letter(cp) != utf8_is_letter(f))
            fail_msg("U+%04X and its fold U+%04X differ in class", cp, f);
    }
}

/* The ASCII shortcuts of utf8_fold and utf8_is_space (and of the normalisers' decoding) give
 * what the C locale's rules do; each code point normalised alone, twice in a row, gives its fold
 * twice or nothing when it breaks words, whatever its encoded length. */
static void test_ascii_shortcuts_and_every_code_point(void **state)
{
    for (uint32_t c = 0; c < 0x80; c++) {
        assert_int_equal(utf8_fold(c), (uint32_t)(c >= 'A' && c <= 'Z' ? c + 32 : c));
        assert_int_equal(utf8_is_space(c), c == ' ' || (c >= '\t' && c <= '\r'));
    }
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char in[2 * UTF8_MAX_BYTES + 1], want[2 * UTF8_MAX_BYTES + 2] = "";
        size_t n = utf8_encode(cp, in);
        memcpy(in + n, in, n);
        in[2 * n] = '\0';
        if (!(utf8_is_space(cp) || cp == ',' || cp == '-')) {
            size_t f = utf8_encode(utf8_fold(cp), want);
            memcpy(want + f, want, f);
            want[2 * f] = '\0';
        }
        char *got = fingerprint_normalize_location(in);
        if (strcmp(got, want) != 0)
            fail_msg("U+%04X: \"%s\", want \"%s\"", cp, got, want);
        free(got);
    }
}

/* The normalisers' output is at most three times the input: every byte invalid (each becomes
 * the 3-byte U+FFFD), and the same with word breaks between them. */
static void test_output_bound(void **state)
{
    char in[301], want[901];
    for (size_t n = 0; n <= 100; n++) {
        memset(in, 0x80 + (int)(n % 64), n);
        in[n] = '\0';
        want[0] = '\0';
        for (size_t i = 0; i < n; i++)
            strcat(want, "\xEF\xBF\xBD");
        expect_location(in, want);
        expect_company(in, want);
    }
    expect_location("\xFF,\xFE-\xFD", "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD");
}

static void test_utf8_classes(void **state)
{
    static const uint32_t letters[] = {'a',    'Z',    0xAA,   0xE9,   0xC0,    0xFF,   0x100,
                                       0x17F,  0x3B1,  0x3A9,  0x416,  0x44F,   0x5D0,  0x634,
                                       0x915,  0xE01,  0x10D0, 0x1EA1, 0x3042,  0x30A2, 0x30FC,
                                       0x4E2D, 0xAC00, 0xD55C, 0xFF21, 0x20000, 0x301};
    static const uint32_t not_letters[] = {
        '0',    '-',    '_',    ' ',    '(',     0xD7,  0xF7,  0xB7,  0xA9,  0x20AC, 0x2013,
        0x2022, 0x3001, 0x3002, 0xFF08, 0x1F600, 0x37E, 0x387, 0x5BE, 0x60C, 0x964,  0x30FB};
    for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
        if (!utf8_is_letter(letters[i]) || !utf8_is_alnum(letters[i]))
            fail_msg("U+%04X should be a letter", letters[i]);
    for (size_t i = 0; i < sizeof not_letters / sizeof not_letters[0]; i++)
        if (utf8_is_letter(not_letters[i]))
            fail_msg("U+%04X should not be a letter", not_letters[i]);
    assert_true(utf8_is_digit('7'));
    assert_true(utf8_is_digit(0x663)); /* Arabic-Indic three */
    assert_true(utf8_is_digit(0xFF19));
    assert_false(utf8_is_digit('a'));
    assert_false(utf8_is_letter('7'));
    assert_true(utf8_is_alnum('7'));
    static const uint32_t spaces[] = {' ',    '\t',   '\n',   '\r',   0x0B,   0x0C,   0x85,  0xA0,
                                      0x1680, 0x2003, 0x200A, 0x2028, 0x202F, 0x205F, 0x3000};
    for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++)
        if (!utf8_is_space(spaces[i]))
            fail_msg("U+%04X should be whitespace", spaces[i]);
    assert_false(utf8_is_space(0x200B)); /* zero width space is not White_Space */
    assert_false(utf8_is_space('x'));
}

/* ------------------------------------------------------------------ company */

static void test_company_spec_examples(void **state)
{
    expect_company("Tech-Company, Inc.", "tech");
    expect_company("Stripe, LLC", "stripe");
    expect_company("Acme GmbH", "acme");
    expect_company("", "");
    expect_company(NULL, "");
}

static void test_company_case_whitespace_punctuation(void **state)
{
    expect_company("ACME", "acme");
    expect_company("  Acme \t  Widgets\n", "acme widgets");
    expect_company("Acme\xC2\xA0Widgets", "acme widgets"); /* no-break space */
    expect_company("A.B.C; Holdings: North_East", "a b c holdings north east");
    expect_company("...,,,", "");
    expect_company("Procter & Gamble", "procter & gamble"); /* & is not in the list */
    expect_company("AT&T", "at&t");
}

static void test_company_every_suffix(void **state)
{
    static const char *suffixes[] = {
        "inc",     "incorporated", "corp", "corporation", "llc", "ltd", "limited", "co",
        "company", "gmbh",         "ag",   "sa",          "nv",  "bv",  "plc",     "llp"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char in[96], upper[32];
        snprintf(in, sizeof in, "Globex %s", suffixes[i]);
        expect_company(in, "globex");
        size_t n = strlen(suffixes[i]);
        for (size_t j = 0; j <= n; j++)
            upper[j] = (char)(suffixes[i][j] >= 'a' && suffixes[i][j] <= 'z' ? suffixes[i][j] - 32
                                                                             : suffixes[i][j]);
        snprintf(in, sizeof in, "Globex, %s.", upper);
        expect_company(in, "globex");
    }
}

static void test_company_suffix_rules(void **state)
{
    expect_company("Acme Co Inc", "acme");      /* inc, then co: both in list order */
    expect_company("Acme Inc Co", "acme inc");  /* co comes after inc in the list: once */
    expect_company("Acme Inc Inc", "acme inc"); /* each suffix once */
    expect_company("Incorporated Widgets", "incorporated widgets"); /* only the last word */
    expect_company("Cisco", "cisco");                               /* whole words only */
    expect_company("Bank Sa", "bank");
    expect_company("Company", "company"); /* never empties a name */
    expect_company("Inc.", "inc");
    expect_company("The Company Company", "the company");
    expect_company("Société Générale SA", "société générale");
}

/* ------------------------------------------------------------------ title */

static void test_title_spec_example(void **state)
{
    expect_title("Senior Software Engineer - Backend (m/f/d)", "senior software engineer backend");
    expect_title("", "");
    expect_title(NULL, "");
}

static void test_title_groups(void **state)
{
    expect_title("Engineer [Remote] (Berlin)", "engineer");
    expect_title("Engineer (Backend (Go)) II", "engineer ii");
    expect_title("Engineer(m/w/d)Backend", "engineer backend");
    expect_title("Engineer (Backend", "engineer backend"); /* unclosed: only punctuation */
    expect_title("Engineer) Backend]", "engineer backend");
    expect_title("Data [Analyst (Senior]) x", "data x"); /* crossed groups both go */
}

static void test_title_decoration_words(void **state)
{
    expect_title("Full-Time Remote Data Scientist [Urgent]", "data scientist");
    expect_title("Part time barista", "barista");
    expect_title("URGENT: Apply Now - Nurse (Contract)", "nurse");
    expect_title("Hybrid / Onsite Permanent Temporary Immediate Hire", "hire");
    expect_title("Full Stack Developer", "full stack developer");
    expect_title("Time Keeper full", "time keeper full");
    expect_title("Remote", "");
    expect_title("Remotely Applied Scientist", "remotely applied scientist");
}

static void test_title_punctuation_and_case(void **state)
{
    expect_title("  C++/C# Developer!!  ", "c c developer");
    expect_title("Sr. Engineer, Front-End", "sr engineer front end");
    expect_title("DevOps_Engineer", "devops engineer");
    expect_title("Engineer\xE2\x80\x93Platform", "engineer platform"); /* en dash */
    expect_title("Engineer 2 — Level 3", "engineer 2 level 3");
}

static void test_title_non_latin(void **state)
{
    expect_title("ПРОГРАММИСТ (удалённо)", "программист");
    expect_title("Ведущий разработчик C++", "ведущий разработчик c");
    expect_title("ΜΗΧΑΝΙΚΟΣ ΛΟΓΙΣΜΙΚΟΥ", "μηχανικοσ λογισμικου");
    expect_title("ΜΗΧΑΝΙΚΌΣ λογισμικού", "μηχανικόσ λογισμικού"); /* tonos kept */
    expect_title("软件工程师", "软件工程师");
    expect_title("ソフトウェアエンジニア・バックエンド", "ソフトウェアエンジニア バックエンド");
    expect_title("소프트웨어 엔지니어", "소프트웨어 엔지니어");
    expect_title("مهندس برمجيات", "مهندس برمجيات");
    expect_title("מהנדס תוכנה", "מהנדס תוכנה");
    expect_title("Ingénieur Logiciel", "ingénieur logiciel");
}

/* ------------------------------------------------------------------ location */

static void test_location(void **state)
{
    expect_location("Remote - USA", "remote usa");
    expect_location("  Berlin,   Germany ", "berlin germany");
    expect_location("New York, NY", "new york ny");
    expect_location("São Paulo", "são paulo");
    expect_location("MÜNCHEN", "münchen");
    expect_location("Санкт-Петербург", "санкт петербург");
    expect_location("Paris (Hybrid)", "paris (hybrid)"); /* only , and - are breaks */
    expect_location("", "");
    expect_location(NULL, "");
}

/* ------------------------------------------------------------------ fingerprint */

static void test_fingerprint_known_values(void **state)
{
    char fp[FINGERPRINT_LEN];
    fingerprint_job("Tech-Company, Inc.", "Senior Software Engineer - Backend (m/f/d)",
                    "Remote - USA", fp);
    assert_string_equal(fp, "b765320e11891a4f12c8d2b3120dcf489d294fd5c236c681c88ab82f3a6c1ddf");
    fingerprint_job(NULL, NULL, NULL, fp);
    assert_string_equal(fp, "565d240f5343e625ae579a4d45a770f1f02c6368b5ed4d06da4fbe6f47c28866");
    fingerprint_job("", "", "", fp);
    assert_string_equal(fp, "565d240f5343e625ae579a4d45a770f1f02c6368b5ed4d06da4fbe6f47c28866");
    fingerprint_job_normalized("stripe", "backend engineer", "san francisco ca", fp);
    assert_string_equal(fp, "acb8f8baf518eac2b424576c7b788f969cb030d4e8b61bbc6f938f27f82ad643");
    assert_int_equal(strlen(fp), 64);
    for (size_t i = 0; i < 64; i++)
        assert_non_null(strchr("0123456789abcdef", fp[i]));
}

static void test_fingerprint_equivalences(void **state)
{
    char a[FINGERPRINT_LEN], b[FINGERPRINT_LEN];
    fingerprint_job("Stripe, LLC", "Backend Engineer (Remote)", "San Francisco, CA", a);
    fingerprint_job("  STRIPE  ", "backend   engineer", "san francisco - ca", b);
    assert_string_equal(a, b);
    fingerprint_job("Acme", "Engineer", "Paris", a);
    fingerprint_job("Acme", "Engineer", "", b);
    assert_string_not_equal(a, b);
    /* the separator keeps fields apart */
    fingerprint_job("ab", "c", "", a);
    fingerprint_job("a", "bc", "", b);
    assert_string_not_equal(a, b);
    /* punctuation is not identity: "C#" and "C" are the same word (a known limit) */
    fingerprint_job("Acme", "C# Developer", "", a);
    fingerprint_job("Acme", "C Developer", "", b);
    assert_string_equal(a, b);
    /* Greek final sigma and capital sigma fold together */
    fingerprint_job("ΟΔΟΣ", "ΜΗΧΑΝΙΚΟΣ", "ΑΘΗΝΑ", a);
    fingerprint_job("οδος", "μηχανικος", "αθηνα", b);
    assert_string_equal(a, b);
}

static void test_fingerprint_accents_kept(void **state)
{
    char a[FINGERPRINT_LEN], b[FINGERPRINT_LEN], c[FINGERPRINT_LEN];
    fingerprint_job("Café Central", "Barista", "Wien", a);
    fingerprint_job("Cafe Central", "Barista", "Wien", b);
    fingerprint_job("CAFÉ CENTRAL", "BARISTA", "WIEN", c);
    assert_string_not_equal(a, b);
    assert_string_equal(a, c);
}

static void test_fingerprint_invalid_utf8(void **state)
{
    char a[FINGERPRINT_LEN], b[FINGERPRINT_LEN];
    fingerprint_job("Bad\xFF\xFE", "Title\xC3", "\x80", a);
    fingerprint_job("Bad\xFF\xFE", "Title\xC3", "\x80", b);
    assert_string_equal(a, b);
    expect_company("Bad\xFF", "bad\xEF\xBF\xBD");
    expect_title("Bad\xFFTitle", "bad title"); /* U+FFFD is not a letter */
}

struct posting {
    const char *company, *title, *location;
};

static const struct posting postings[] = {
    {"Stripe, Inc.", "Backend Engineer", "San Francisco, CA"},
    {"Stripe, Inc.", "Backend Engineer", "Dublin, Ireland"},
    {"Stripe, Inc.", "Frontend Engineer", "San Francisco, CA"},
    {"Stripe, Inc.", "Senior Backend Engineer", "San Francisco, CA"},
    {"Shopify", "Staff Developer (Ruby)", "Remote - Canada"},
    {"Shopify", "Senior Data Scientist", "Ottawa, ON"},
    {"Google LLC", "Software Engineer III, Infrastructure", "Mountain View, CA"},
    {"Google LLC", "Software Engineer II, Infrastructure", "Mountain View, CA"},
    {"Google LLC", "Site Reliability Engineer", "Zürich, Switzerland"},
    {"Microsoft Corporation", "Principal Program Manager", "Redmond, WA"},
    {"Amazon.com Services LLC", "SDE II - AWS Lambda", "Seattle, WA"},
    {"Amazon.com Services LLC", "SDE I - AWS Lambda", "Seattle, WA"},
    {"Meta Platforms, Inc.", "Research Scientist, AI", "Menlo Park, CA"},
    {"Netflix", "Senior Software Engineer - Playback", "Los Gatos, CA"},
    {"Spotify AB", "Backend Engineer - Payments", "Stockholm, Sweden"},
    {"SAP SE", "Developer Associate", "Walldorf, Germany"},
    {"Siemens AG", "Embedded Software Engineer (m/w/d)", "München"},
    {"Siemens AG", "Embedded Software Engineer (m/w/d)", "Erlangen"},
    {"Zalando SE", "Engineering Manager", "Berlin"},
    {"N26 GmbH", "iOS Engineer", "Berlin"},
    {"N26 GmbH", "Android Engineer", "Berlin"},
    {"Adyen N.V.", "Java Engineer", "Amsterdam, Netherlands"},
    {"Booking.com B.V.", "Data Engineer", "Amsterdam, Netherlands"},
    {"ASML Holding N.V.", "Software Architect", "Veldhoven"},
    {"Revolut Ltd", "Product Owner", "London, UK"},
    {"Monzo Bank Limited", "Backend Engineer", "London, UK"},
    {"Deliveroo PLC", "Machine Learning Engineer", "London, UK"},
    {"BlaBlaCar", "Ingénieur Logiciel Backend", "Paris, France"},
    {"Doctolib", "Développeur Full Stack", "Paris, France"},
    {"Criteo S.A.", "Développeur Full Stack", "Grenoble, France"},
    {"Mercado Libre", "Desarrollador Backend Sr", "Buenos Aires, Argentina"},
    {"Nubank", "Engenheiro de Software", "São Paulo, Brasil"},
    {"Rakuten Group, Inc.", "ソフトウェアエンジニア", "東京"},
    {"LINE Yahoo Corporation", "バックエンドエンジニア", "東京"},
    {"Alibaba Group", "软件工程师", "杭州"},
    {"Tencent", "后端开发工程师", "深圳"},
    {"Naver Corp.", "백엔드 개발자", "성남"},
    {"Kakao Corp.", "백엔드 개발자", "제주"},
    {"Yandex LLC", "Разработчик Go", "Москва"},
    {"Yandex LLC", "Разработчик Python", "Москва"},
    {"Skroutz S.A.", "Μηχανικός Λογισμικού", "Αθήνα"},
    {"Wix.com Ltd.", "מפתח Full Stack", "תל אביב"},
    {"Careem", "مهندس برمجيات", "دبي"},
    {"Infosys Limited", "Technology Analyst", "Bengaluru, India"},
    {"Atlassian", "Senior Frontend Engineer", "Sydney, Australia"},
    {"Canva", "Frontend Engineer", "Sydney, Australia"},
    {"GitLab Inc.", "Backend Engineer, Verify", "Remote"},
    {"GitLab Inc.", "Backend Engineer, Create", "Remote"},
    {"Basecamp", "Programmer", ""},
    {"Basecamp", "Programmer", "Chicago, IL"},
    {"", "Programmer", "Chicago, IL"},
    {"Acme Co.", "C Developer", "Chicago, IL"},
};

static void test_fingerprint_no_collisions(void **state)
{
    size_t n = sizeof postings / sizeof postings[0];
    char(*fps)[FINGERPRINT_LEN] = calloc(n, sizeof *fps);
    assert_non_null(fps);
    for (size_t i = 0; i < n; i++)
        fingerprint_job(postings[i].company, postings[i].title, postings[i].location, fps[i]);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(fps[i], fps[j]) == 0)
                fail_msg("postings %zu and %zu share a fingerprint", i, j);
    free(fps);
}

static void test_fingerprint_non_latin_not_empty(void **state)
{
    for (size_t i = 0; i < sizeof postings / sizeof postings[0]; i++) {
        char *t = fingerprint_normalize_title(postings[i].title);
        if (t[0] == '\0')
            fail_msg("title \"%s\" normalised to nothing", postings[i].title);
        free(t);
    }
}

/* ------------------------------------------------------------------ URL */

static void test_url(void **state)
{
    expect_url("https://Jobs.Example.com:443/a/b/?utm=x#top", "jobs.example.com/a/b");
    expect_url("http://jobs.example.com/a/b", "jobs.example.com/a/b");
    expect_url("jobs.example.com/a/b/", "jobs.example.com/a/b");
    expect_url("//jobs.example.com/a/b", "jobs.example.com/a/b");
    expect_url("  https://user:pw@Example.COM:80/Path/Case  ", "example.com/Path/Case");
    expect_url("https://example.com:8443/x", "example.com:8443/x");
    expect_url("https://www.linkedin.com/jobs/view/12345/", "www.linkedin.com/jobs/view/12345");
    expect_url("https://example.com", "example.com");
    expect_url("https://example.com/", "example.com");
    expect_url("https://example.com/?a=/b", "example.com");
    expect_url("https://example.com#frag/x", "example.com");
    expect_url("HTTPS://EXAMPLE.COM/A", "example.com/A");
    expect_url("git+ssh://host/repo", "host/repo");
    expect_url("https://", NULL);
    expect_url("", NULL);
    expect_url("   ", NULL);
    expect_url("?q=1", NULL);
    expect_url(NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_decode_valid),
        cmocka_unit_test(test_utf8_decode_invalid),
        cmocka_unit_test(test_utf8_valid_and_count),
        cmocka_unit_test(test_utf8_valid_ascii_runs),
        cmocka_unit_test(test_utf8_repair),
        cmocka_unit_test(test_utf8_encode_roundtrip),
        cmocka_unit_test(test_utf8_fold),
        cmocka_unit_test(test_utf8_fold_exhaustive),
        cmocka_unit_test(test_utf8_classes),
        cmocka_unit_test(test_ascii_shortcuts_and_every_code_point),
        cmocka_unit_test(test_output_bound),
        cmocka_unit_test(test_company_spec_examples),
        cmocka_unit_test(test_company_case_whitespace_punctuation),
        cmocka_unit_test(test_company_every_suffix),
        cmocka_unit_test(test_company_suffix_rules),
        cmocka_unit_test(test_title_spec_example),
        cmocka_unit_test(test_title_groups),
        cmocka_unit_test(test_title_decoration_words),
        cmocka_unit_test(test_title_punctuation_and_case),
        cmocka_unit_test(test_title_non_latin),
        cmocka_unit_test(test_location),
        cmocka_unit_test(test_fingerprint_known_values),
        cmocka_unit_test(test_fingerprint_equivalences),
        cmocka_unit_test(test_fingerprint_accents_kept),
        cmocka_unit_test(test_fingerprint_invalid_utf8),
        cmocka_unit_test(test_fingerprint_no_collisions),
        cmocka_unit_test(test_fingerprint_non_latin_not_empty),
        cmocka_unit_test(test_url),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
