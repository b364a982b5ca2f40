/*
 * This file tests src/core/answer_text.c: folding typographic quotes, cutting sentences (full
 * stops, semicolons, new lines, "3.5" and "e.g." inside), which sentences are prose (lists of
 * terms by commas or by lines, bullets, fragments, prose with many commas), phrase matching
 * (prefixes, whole words, "a & b", the negation rule with its clause ends), stemmed keywords,
 * occurrences, repeated sentences and the word counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/answer_text.h"

/* Reads text and returns its sentence k's prose flag (fails when there is no sentence k). */
static bool prose(const char *text, size_t k)
{
    struct answer_text t;
    answer_text_read(text, &t);
    if (k >= t.n)
        fail_msg("\"%s\" has %zu sentences", text, t.n);
    bool p = t.sent[k].prose;
    answer_text_free(&t);
    return p;
}

static size_t sentences(const char *text)
{
    struct answer_text t;
    answer_text_read(text, &t);
    size_t n = t.n;
    answer_text_free(&t);
    return n;
}

/* Does phrase occur in any sentence of text? */
static bool has(const char *text, const char *phrase, bool negation)
{
    struct answer_text t;
    answer_text_read(text, &t);
    bool found = false;
    for (size_t k = 0; k < t.n && !found; k++)
        found = answer_text_has(&t, &t.sent[k], phrase, negation);
    answer_text_free(&t);
    return found;
}

static void test_sentences(void **state)
{
    assert_int_equal(sentences("One two three. Four five six! Seven? Eight; nine"), 5);
    assert_int_equal(sentences("It costs 3.5 ms, e.g.the cache."), 1);
    assert_int_equal(sentences("line one\nline two\n\n   \nline three"), 3);
    assert_int_equal(sentences(""), 0);
    assert_int_equal(sentences(NULL), 0);
    assert_int_equal(sentences("... -- !!"), 0); /* no words, no sentence */
    /* typographic apostrophes read as ASCII ones */
    assert_true(has("We don\xe2\x80\x99t store card numbers here at all.", "don't", false));
}

static void test_prose_or_not(void **state)
{
    assert_true(prose("A deadlock is when two transactions wait for each other.", 0));
    assert_true(prose("Scaling needs token buckets.", 0));
    assert_true(prose("That's a cycle.", 0));
    assert_false(prose("Deadlocks happen.", 0));        /* two words */
    assert_false(prose("Deadlock: circular wait.", 0)); /* three, none holds it together */
    assert_false(prose("Deadlock, circular wait, row locks, victim, rollback, retry", 0));
    assert_false(prose("Deadlock; circular wait; row locks; victim", 1));
    assert_false(prose("circular wait\nrow locks held\nsame lock order", 1));
    assert_false(prose("- all rows from left table\n- IS NULL", 0));
    /* prose with many commas, and an enumeration inside a sentence, stay prose */
    assert_true(prose("Basically, to be honest, deadlocks are, you know, a classic thing.", 0));
    assert_true(prose("I wrote a one-page comparison of dependencies, incident history and "
                      "rollback risk, and we reviewed it together.",
                      0));
    /* session 34: terms strung together without punctuation were a sentence, and scored 42
       on the Big-O question with "Covers the key points" */
    assert_false(prose("big o upper bound growth input size worst case drop constants dominant "
                       "term log n binary search sorted halving space complexity",
                       0));
    /* terse prose with few function words stays prose */
    assert_true(prose("Big-O describes how running time grows with input size, as an upper "
                      "bound, ignoring constants.",
                      0));
    assert_true(prose("Binary search halves the sorted range each step: logarithmic time overall "
                      "for large arrays.",
                      0));
}

/* Does some sentence of text make phrase as a claim (answer_text_affirms)? */
static bool affirms(const char *text, const char *phrase, bool limit)
{
    struct answer_text t;
    answer_text_read(text, &t);
    bool found = false;
    for (size_t k = 0; k < t.n && !found; k++)
        found = answer_text_affirms(&t, &t.sent[k], phrase, limit);
    answer_text_free(&t);
    return found;
}

static void test_matching(void **state)
{
    assert_true(has("Deadlocks happen here and there.", "deadlock", false));
    assert_false(has("We take locks in order here.", "lock", false));
    assert_true(has("We take a lock in order here.", "lock", false));
    assert_false(has("It was unlocked by then.", "lock", false)); /* word start only */
    assert_true(has("Then one of them is rolled back here.", "rolled back & one of them", false));
    assert_false(has("One of them waits. It is rolled back.", "one of them & rolled back", false));
    assert_true(has("Use cmd > file 2>&1 for that.", "2>&1", false));
    /* the negation rule */
    assert_false(has("It is not that the disk is full here.", "disk is full", true));
    assert_true(has("It is not that the disk is full here.", "disk is full", false));
    assert_true(has("Not a bug, the disk is full again.", "disk is full", true));
    assert_true(has("Not a bug: the disk is full again.", "disk is full", true));
    assert_true(has("This is not a bug but the disk is full.", "disk is full", true));
    assert_true(has("Not a bug \xe2\x80\x94 the disk is full.", "disk is full", true));
    assert_true(has("Not a bug - the disk is full.", "disk is full", true));
    assert_false(has("We never store card numbers in logs.", "store card numbers", true));
    assert_false(has("A myth says the disk is full then.", "disk is full", true));
    assert_false(has("It isn't because the disk is full.", "disk is full", true));
    assert_true(has("Notably the disk is full here.", "disk is full", true)); /* "notably" */
    /* thirty-eighth round: a point denied after it in words the rule did not read */
    assert_false(affirms("CPU-bound threads are not limited by it.", "cpu-bound", true));
    assert_false(affirms("CPU-bound threads aren't really affected.", "cpu-bound", true));
    assert_false(affirms("Multiprocessing is not an alternative.", "multiprocessing", false));
    assert_false(affirms("Asyncio is no real option here.", "asyncio", false));
    assert_false(affirms("Free-threaded builds are not a real thing.", "free-threaded", false));
    assert_false(affirms("Builds such as 3.13 are not a real thing.", "builds", false));
    /* ... and a point made with a negation after it is still made: "not limited" denies only
       a point that states a limit */
    assert_true(affirms("CPU-bound threads do not run in parallel.", "cpu-bound", true));
    assert_true(affirms("Multiprocessing is not limited by the GIL.", "multiprocessing", false));
    assert_true(affirms("I/O-bound threads are not affected much.", "i/o-bound", false));
    assert_true(affirms("Use multiprocessing, not threads.", "multiprocessing", false));
    /* with "a & b" the first part decides */
    assert_false(
        has("Not when the disk is full and the server waits.", "disk is full & server", true));
    assert_true(has("The disk is full so the server is not ok.", "disk is full & server", true));
}

static void test_keywords_and_occurrences(void **state)
{
    struct answer_text t;
    answer_text_read("Scaling is hard; prioritized work helps; LRU caches too.", &t);
    assert_true(answer_text_mentions(&t, &t.sent[0], "scale"));
    assert_true(answer_text_mentions(&t, &t.sent[1], "prioritize"));
    assert_true(answer_text_mentions(&t, &t.sent[2], "lru"));
    assert_false(answer_text_mentions(&t, &t.sent[0], "lru"));
    assert_true(answer_text_opens_with(&t, &t.sent[0], "scaling is"));
    assert_false(answer_text_opens_with(&t, &t.sent[1], "work"));
    answer_text_free(&t);
    answer_text_read("Basically it works, basically. BASICALLY!", &t);
    assert_int_equal(answer_text_occurrences(&t, "basically"), 3);
    answer_text_free(&t);
}

static void test_repeats_and_counts(void **state)
{
    struct answer_text t;
    answer_text_read("A deadlock is when two transactions wait for each other. Retry it. "
                     "A deadlock is when the two transactions wait for each other. "
                     "The database rolls back one of the two transactions.",
                     &t);
    assert_int_equal(answer_text_mark_repeats(&t), 1);
    assert_false(t.sent[0].repeated);
    assert_true(t.sent[2].repeated);
    assert_false(t.sent[3].repeated);
    answer_text_free(&t);
    struct answer_counts c;
    answer_text_count("I cut it by 30% in 2 weeks; my std::move and API work. i", &c);
    assert_int_equal(c.words, 14);
    assert_int_equal(c.numbers, 2);
    assert_int_equal(c.first_person, 3);
    assert_int_equal(c.technical, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentences),          cmocka_unit_test(test_prose_or_not),
        cmocka_unit_test(test_matching),           cmocka_unit_test(test_keywords_and_occurrences),
        cmocka_unit_test(test_repeats_and_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
