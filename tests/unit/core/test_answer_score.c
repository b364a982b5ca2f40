/*
 * This file tests src/core/answer_score.c: key points counted in sentences only (rubric phrases
 * with their matching rules: prefixes, whole words, "a & b" in one sentence, typographic
 * apostrophes), misconceptions with the negation rule and their cap, lists of terms,
 * repetition, padding, short answers, the structure elements (STAR, design, case, the direct
 * answer of an explanation), length bands, keywords for questions without a rubric,
 * specificity, blank answers, determinism and bounds, the feedback that names points and
 * misconceptions, and the session summary. The observations of issue 13 (a wrong answer full
 * of the right words scored 100 with "Well explained"; a definition-first answer told to start
 * with a definition) each have a test here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/answer_score.h"
#include "core/questions.h"

static bool has(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

/* True when one of the n notes contains part. */
static bool mentions(const char *const *list, size_t n, const char *part)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(list[i], part))
            return true;
    return false;
}

static const struct question *bank_question(const char *text)
{
    const struct question *q = questions_find(questions_default(), text);
    if (q == NULL)
        fail_msg("not in the bank: %s", text);
    return q;
}

static void score_bank(const char *question, const char *answer, struct answer_result *r)
{
    const struct question *q = bank_question(question);
    struct answer_input in = {q->category, q->text, q->keywords, q->nkeywords, &q->rubric, answer};
    answer_score(&in, r);
}

/* ================================================================ issue 13: deadlocks */

static const char deadlock_q[] = "What causes deadlocks in a database and how do you prevent them?";

/* The wrong answer: every keyword, and wrong. */
static const char deadlock_wrong[] =
    "Deadlocks are a classic database performance problem. A deadlock means the server's disk "
    "is full, so transactions cannot write their locks, every row lock just hangs and the "
    "queries pile up in a cycle with other concurrent transactions. The database will detect "
    "the deadlock eventually, but the real fix is hardware: buy more RAM so the buffer pool can "
    "hold all the locks, and add faster disks. I would also raise the lock timeout and just wait "
    "longer, because most deadlocks resolve themselves if you wait. With enough memory you "
    "basically never see a deadlock again, so I treat it as capacity planning. For example, on "
    "our order service we doubled the RAM and the deadlock graphs went flat within 2 weeks.";

/* A right answer that opens with a definition, negates two misconceptions on the way. */
static const char deadlock_right[] =
    "A deadlock is when two transactions each hold a lock that the other one needs, so they wait "
    "for each other forever. For example, transaction A updates account 1 and then wants "
    "account 2, while transaction B has locked account 2 and wants account 1: that is a cycle. "
    "The database runs a deadlock detector that finds the cycle, picks one transaction as the "
    "victim and rolls it back, so the other can finish. It's not that the disk is full or the "
    "server is out of memory; it is about the order in which locks are taken. To prevent it, "
    "every code path takes locks in the same order, for instance rows sorted by primary key. I "
    "keep transactions short and use SELECT ... FOR UPDATE up front. Since deadlocks can still "
    "happen under load, the application catches the error and retries the transaction.";

static void test_wrong_answer_full_of_keywords(void **state)
{
    struct answer_result bad, good;
    score_bank(deadlock_q, deadlock_wrong, &bad);
    score_bank(deadlock_q, deadlock_right, &good);
    assert_true(bad.score <= 25);
    assert_true(good.score >= 85);
    assert_true(good.score > bad.score);
    /* the misconception is named, in the list and in the improvements */
    assert_true(has(bad.misconceptions, bad.nmisconceptions, "blames resources, not locks"));
    assert_true(mentions(bad.improvements, bad.nimprovements,
                         "Misconception: blames resources, not locks."));
    assert_true(bad.penalty > 0);
    assert_int_equal(bad.score, bad.points_score + bad.structure_score + bad.specificity_score +
                                    bad.length_score - bad.penalty);
    /* no praise for a wrong answer */
    assert_false(mentions(bad.strengths, bad.nstrengths, "Well explained"));
    assert_false(mentions(bad.strengths, bad.nstrengths, "key points"));
    /* the right answer: its negated misconceptions do not count, every point is covered */
    assert_int_equal(good.nmisconceptions, 0);
    assert_int_equal(good.nmissed, 0);
    assert_int_equal(good.points_score, 60);
    assert_false(mentions(good.improvements, good.nimprovements, "Misconception"));
}

static void test_definition_first_is_not_told_to_define(void **state)
{
    struct answer_result r;
    score_bank(deadlock_q, deadlock_right, &r);
    assert_string_equal(r.structure_kind, "explanation");
    assert_true(has(r.found, r.nfound, "direct_answer"));
    assert_false(has(r.improvements, r.nimprovements, answer_direct_answer_advice));
    for (size_t i = 0; i < r.nimprovements; i++)
        assert_null(strstr(r.improvements[i], "defining the concept"));
    /* an answer that opens with filler and a story is asked for the answer first */
    score_bank(deadlock_q,
               "Great question, I have seen a lot of these over the years. In my last job the "
               "orders table had many of them and we had to restart things. Two transactions "
               "wait for each other because each holds a lock the other wants, and the database "
               "rolls back one of them.",
               &r);
    assert_true(has(r.absent, r.nabsent, "direct_answer"));
    assert_true(has(r.improvements, r.nimprovements, answer_direct_answer_advice));
}

/* ================================================================ matching rules */

/* A one-question bank whose rubric exercises every matching rule of the docs' table. */
static const char rules_bank[] = "sql | easy | lock | Rules?\n"
                                 "  + prefix: deadlock\n"
                                 "  + short word: lock\n"
                                 "  + one sentence: one of them & rolled back\n"
                                 "  + literal: 2>&1\n"
                                 "  ! full disk: disk is full, out of memory\n"
                                 "  ! cards stored: store card numbers\n";

static struct answer_result rules(const char *answer)
{
    static struct question_bank *b;
    if (b == NULL)
        b = questions_load(rules_bank, sizeof rules_bank - 1);
    const struct question *q = questions_at(b, 0);
    struct answer_input in = {q->category, q->text, q->keywords, q->nkeywords, &q->rubric, answer};
    struct answer_result r;
    answer_score(&in, &r);
    return r;
}

static bool covers(const char *answer, const char *point)
{
    struct answer_result r = rules(answer);
    return has(r.covered, r.ncovered, point);
}

static bool wrong(const char *answer, const char *misconception)
{
    struct answer_result r = rules(answer);
    return has(r.misconceptions, r.nmisconceptions, misconception);
}

static void test_matching_rules(void **state)
{
    assert_true(covers("Deadlocks happen when work waits here.", "prefix"));
    assert_false(covers("We take locks in a fixed order every time.", "short word"));
    assert_true(covers("We take a lock in a fixed order every time.", "short word"));
    assert_true(covers("The database picks one of them and it is rolled back.", "one sentence"));
    assert_true(covers("It is rolled back, and it was one of them.", "one sentence"));
    assert_false(covers("One of them waits a while. It is rolled back then.", "one sentence"));
    assert_true(covers("Redirect with cmd > file 2>&1 so it works.", "literal"));
    /* negation */
    assert_false(
        wrong("It is not that the disk is full or the server is out of memory.", "full disk"));
    assert_true(
        wrong("A deadlock means the server\xe2\x80\x99s disk is full, so buy RAM.", "full disk"));
    assert_true(wrong("This is not a bug, but the disk is full again.", "full disk"));
    assert_true(wrong("This isn't a bug - the disk is full again.", "full disk"));
    assert_false(wrong("so we never store card numbers at all in our systems", "cards stored"));
    assert_false(
        wrong("We don\xe2\x80\x99t store card numbers in the database here.", "cards stored"));
    assert_true(wrong("Simple: we store card numbers encrypted in the database.", "cards stored"));
    /* a misconception counts even inside a list of terms */
    assert_true(wrong("locks, disk is full, retry", "full disk"));
}

/* ================================================================ lists, repetition, filler */

static void test_lists_of_terms_earn_nothing(void **state)
{
    static const char *const lists[] = {
        "Deadlock, circular wait, row locks, exclusive locks, concurrent transactions, deadlock "
        "detection, victim, rollback, lock ordering, same order, short transactions, retry",
        "Deadlock\ncircular wait\nrow locks\ndeadlock detection\nvictim\nrollback\nlock "
        "ordering\nsame order\nretry",
        "- circular wait\n- each holds a lock\n- deadlock detection\n- rolls back one\n- same "
        "order\n- retry",
        "Deadlock; circular wait; row locks; victim; rollback; same order; short transactions",
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        struct answer_result r;
        score_bank(deadlock_q, lists[i], &r);
        if (!r.keyword_list || r.ncovered != 0 || r.score > 25)
            fail_msg("list %zu: keyword_list %d, covered %zu, score %d", i, r.keyword_list,
                     r.ncovered, r.score);
        assert_true(has(r.improvements, r.nimprovements,
                        "Answer in sentences: a list of terms does not show how they fit "
                        "together."));
        assert_int_equal(r.prose_words, 0);
    }
    /* prose with commas and an enumeration is not a list */
    struct answer_result r;
    score_bank(deadlock_q,
               "Basically, to be honest, deadlocks are when two transactions wait for each "
               "other, and the database rolls back one of them, the victim.",
               &r);
    assert_false(r.keyword_list);
    assert_true(r.ncovered >= 2);
}

static void test_repetition_and_padding(void **state)
{
    struct answer_result once, again;
    const char *base = "A deadlock is when two transactions wait for each other. The database "
                       "detects the cycle and rolls back one of them as the victim. Always "
                       "take locks in the same order, keep transactions short and retry.";
    score_bank(deadlock_q, base, &once);
    char text[2048];
    snprintf(text, sizeof text, "%s %s %s", base,
             "A deadlock is when two transactions wait for each other.",
             "A deadlock is when the two transactions wait for each other.");
    score_bank(deadlock_q, text, &again);
    assert_int_equal(once.repeated, 0);
    assert_int_equal(again.repeated, 2);
    assert_true(again.score < once.score);
    assert_true(has(again.improvements, again.nimprovements,
                    "Avoid repeating yourself: say each point once."));

    struct answer_result padded;
    score_bank(deadlock_q,
               "Basically, to be honest, a deadlock is when two transactions wait for each "
               "other, you know. Honestly, at the end of the day, the database rolls back one "
               "of them, sort of. Basically you keep transactions short, literally, and take "
               "locks in the same order and stuff like that.",
               &padded);
    assert_true(padded.padded);
    assert_true(padded.fillers >= 6);
    assert_true(padded.penalty >= 20);
    assert_true(has(padded.improvements, padded.nimprovements,
                    "Cut the filler: every sentence should add a point, a reason or an "
                    "example."));
}

static void test_short_answers_earn_less_for_points(void **state)
{
    struct answer_result terse, full;
    score_bank(deadlock_q,
               "Transactions wait for each other, so the database rolls back one of them.", &terse);
    score_bank(deadlock_q, deadlock_right, &full);
    assert_int_equal(terse.ncovered, 2);              /* circular wait, the database breaks it */
    assert_true(terse.points_score < 60 * 2 / 5 / 2); /* 13 words of 40: a third */
    assert_true(terse.score < full.score);
}

/* ================================================================ STAR and structures */

static const char star_answer[] =
    "At my previous company our team was migrating a billing service and I disagreed with a "
    "colleague about the rollout plan. My responsibility was to ship the migration without "
    "downtime for 40,000 customers. I decided to listen to his concerns first and asked why he "
    "preferred a big-bang release, then I proposed a compromise: a staged rollout behind a "
    "feature flag, and a benchmark to compare both plans with data. I wrote the runbook and I "
    "scheduled 2 rehearsals with the team. As a result we agreed on the plan, finished two weeks "
    "early and reduced billing errors by 30%. We still work well together, and I learned that "
    "asking questions before arguing saves time.";

static const char conflict_q[] =
    "Tell me about a time you disagreed with a teammate. How did you resolve it?";

static void test_strong_star_answer(void **state)
{
    struct answer_result r;
    score_bank(conflict_q, star_answer, &r);
    assert_string_equal(r.structure_kind, "star");
    assert_int_equal(r.nfound, 4);
    assert_int_equal(r.structure_score, 15);
    assert_int_equal(r.length_score, 15);
    assert_int_equal(r.specificity_score, 10);
    assert_int_equal(r.nmisconceptions, 0);
    assert_true(r.score >= 90);
    assert_true(has(r.strengths, r.nstrengths,
                    "Clear STAR structure: situation, task, action and result."));
    /* the same input gives the same result */
    struct answer_result again;
    score_bank(conflict_q, star_answer, &again);
    assert_int_equal(again.score, r.score);
    assert_int_equal(again.nstrengths, r.nstrengths);
    /* a red flag of the rubric is named as one */
    score_bank(conflict_q,
               "At my last job our team disagreed on a database. My task was to decide. I "
               "proved them wrong in front of everyone and went over their head to our "
               "director. As a result we shipped on time.",
               &r);
    assert_true(r.nmisconceptions >= 1);
    assert_true(mentions(r.improvements, r.nimprovements, "Red flag: "));
    assert_true(r.score <= 25);
}

static void test_weak_and_blank_answers(void **state)
{
    struct answer_result r;
    score_bank(conflict_q, "We talked and it was fine.", &r);
    assert_int_equal(r.length_score, 2);
    assert_int_equal(r.words, 6);
    assert_true(r.score < 30);
    assert_true(has(r.improvements, r.nimprovements,
                    "Too short: expand with more detail (aim for 80 to 350 words)."));
    assert_true(has(r.improvements, r.nimprovements,
                    "Add specifics: numbers, scale or measurable impact."));
    assert_true(has(r.improvements, r.nimprovements,
                    "Share the result: the outcome, ideally measured, and what you learned."));
    assert_true(mentions(r.improvements, r.nimprovements, "Key points missed: "));
    assert_true(r.nmissed >= 3);

    /* blank and missing answers score 0 with one improvement */
    const char *blank[] = {"", "   \n\t ", NULL};
    for (int i = 0; i < 3; i++) {
        const struct question *q = bank_question(conflict_q);
        struct answer_input in = {q->category, q->text, NULL, 0, &q->rubric, blank[i]};
        answer_score(&in, &r);
        assert_int_equal(r.score, 0);
        assert_int_equal(r.structure_score + r.points_score + r.length_score, 0);
        assert_int_equal(r.nstrengths, 0);
        assert_int_equal(r.nimprovements, 1);
        assert_int_equal(r.nmissed, q->rubric.npoints);
    }
}

/* session 34: a well-told answer to another question scored 51 (Big-O asked, the deadlocks
 * answer given) to 40 with "Good length" and "Clear STAR structure" as strengths */
static void test_answer_to_another_question(void **state)
{
    static const char big_o_q[] =
        "Explain Big-O notation and give the complexity of binary search.";
    struct answer_result right, other;
    score_bank(conflict_q, star_answer, &right);
    assert_false(right.off_topic);
    /* the conflict story, told as well, answers the Big-O question not at all */
    score_bank(big_o_q, star_answer, &other);
    assert_true(other.off_topic);
    assert_int_equal(other.ncovered, 0);
    assert_true(other.score <= 15);
    assert_int_equal(other.nstrengths, 0);
    assert_true(mentions(other.improvements, other.nimprovements, "Answer the question asked"));
    /* the question copied back is no answer either */
    score_bank(big_o_q, big_o_q, &other);
    assert_true(other.off_topic);
    assert_true(other.score <= 5);
    /* one key point made is not off topic */
    score_bank(big_o_q,
               "Binary search is logarithmic because it halves the range at every step, and I "
               "have used it many times in my projects at work for sorted data.",
               &other);
    assert_false(other.off_topic);
    assert_false(mentions(other.improvements, other.nimprovements, "Answer the question asked"));
}

/* session 34: a STAR story with no result ("My task was to deliver ...", "I decided to cut the
 * scope ...") was praised "Clear STAR structure: situation, task, action and result.", and a
 * story told well ("In my last role ...", "I was the lead developer", "I planned ...") was
 * told to set the scene, state the task and detail its actions */
static void test_star_elements_are_read_right(void **state)
{
    static const char deadline_q[] = "Describe a situation where you had to meet a tight deadline.";
    struct answer_result r;
    score_bank(deadline_q,
               "At my last job our team was building a new billing page and the launch date was "
               "fixed by a partner contract. My task was to deliver the invoice export in two "
               "weeks instead of five. I decided to cut the scope to the three formats customers "
               "used, I talked to the product manager, and I set up daily check-ins with QA.",
               &r);
    assert_true(has(r.absent, r.nabsent, "result"));
    assert_true(has(r.improvements, r.nimprovements,
                    "Share the result: the outcome, ideally measured, and what you learned."));
    assert_false(mentions(r.strengths, r.nstrengths, "Clear STAR structure"));
    score_bank(deadline_q,
               "In my last role, a client contract required a data export within three weeks. I "
               "was the lead developer for it. I planned the critical path and set up a short "
               "daily check-in. We delivered two days before the deadline.",
               &r);
    assert_int_equal(r.nfound, 4);
    /* an outcome reached "to" a result still counts with a figure */
    score_bank(deadline_q,
               "At my last job the release was due on Friday. My task was to ship the export. I "
               "planned the work with QA. We were able to reduce the remaining bugs to 2.",
               &r);
    assert_true(has(r.found, r.nfound, "result"));
}

/* session 34: confidently wrong answers the rubric did not list scored 79-94 with "Well
 * explained": binary search in O(n^2), "has linear complexity", O(1); an INNER JOIN as the
 * Cartesian product; a hash map that keeps its keys sorted */
static void test_confidently_wrong_answers(void **state)
{
    static const struct {
        const char *question, *answer, *misconception;
    } cases[] = {
        {"Explain Big-O notation and give the complexity of binary search.",
         "Big-O describes how the running time grows with the input size, as an upper bound, and "
         "we drop constants. Binary search runs in O(n^2) time because it compares every pair. "
         "For example a million items need a trillion steps.",
         "wrong binary search"},
        {"Explain Big-O notation and give the complexity of binary search.",
         "Big-O describes the growth of running time with input size, dropping constants. Binary "
         "search has linear complexity because it checks each element in turn.",
         "wrong binary search"},
        {"Explain Big-O notation and give the complexity of binary search.",
         "Big-O describes the growth of running time with input size, dropping constants. Binary "
         "search is O(1) because it jumps straight to the middle element.",
         "wrong binary search"},
        {"What is the difference between an INNER JOIN and a LEFT JOIN?",
         "An INNER JOIN returns every row from both tables, the Cartesian product. A LEFT JOIN "
         "returns only the rows of the left table that have no match, with NULL nowhere.",
         "wrong semantics"},
        {"When would you use a hash map instead of an array or a linked list?",
         "I use a hash map for lookup by key because a hash map keeps its keys sorted. A linked "
         "list gives constant-time random access by index, for example in caches.",
         "wrong complexities"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct answer_result r;
        score_bank(cases[i].question, cases[i].answer, &r);
        if (!has(r.misconceptions, r.nmisconceptions, cases[i].misconception))
            fail_msg("case %zu: no \"%s\" (score %d)", i, cases[i].misconception, r.score);
        assert_true(r.score <= 25);
    }
}

/* session 34: a correct answer in German was told "Answer in sentences: a list of terms does
 * not show how they fit together." and that it missed every key point */
static void test_answer_in_another_language(void **state)
{
    static const char big_o_q[] =
        "Explain Big-O notation and give the complexity of binary search.";
    struct answer_result r;
    score_bank(big_o_q,
               "Die Big-O-Notation beschreibt, wie die Laufzeit eines Algorithmus mit der "
               "Eingabegr\xc3\xb6\xc3\x9f"
               "e w\xc3\xa4\x63hst. Konstanten und Terme niedrigerer "
               "Ordnung werden weggelassen. Die bin\xc3\xa4re Suche hat die Komplexit\xc3\xa4t "
               "O(log n), weil sie den sortierten Bereich in jedem Schritt halbiert.",
               &r);
    assert_true(r.not_english);
    assert_true(mentions(r.improvements, r.nimprovements, "Answer in English"));
    assert_false(mentions(r.improvements, r.nimprovements, "Answer in sentences"));
    assert_int_equal(r.nstrengths, 0);
    /* English, terse or technical, is English */
    score_bank(big_o_q,
               "Big-O describes how running time grows with input size, as an upper bound, "
               "ignoring constants. Binary search is O(log n) because it halves the sorted range "
               "each step, with O(1) space.",
               &r);
    assert_false(r.not_english);
    score_bank(big_o_q,
               "Deadlock, circular wait, row locks, exclusive locks, concurrent transactions, "
               "deadlock detection, victim, rollback, lock ordering, same order, retry",
               &r);
    assert_false(r.not_english);
}

/* session 34: a design rubric's points are generic (scale, retries, a database, a cache): the
 * ticket-booking design answer scored 85 on the URL shortener question with "Covers
 * requirements, components, data and trade-offs" */
static void test_design_answer_names_its_subject(void **state)
{
    static const char url_q[] = "Design a URL shortening service like bit.ly.";
    static const char seats[] =
        "First the requirements: about a million users at peak and reads far above writes. The "
        "service has an API, a database and a cache in front of it. Each seat is a row with a "
        "unique constraint on the event and seat, so a second hold fails and the client can "
        "retry with another seat. However, the cache must never decide availability: the "
        "database does, which costs latency at peak.";
    struct answer_result r;
    score_bank(url_q, seats, &r);
    assert_true(r.subject_missed);
    assert_true(r.score <= 25);
    assert_int_equal(r.nstrengths, 0);
    assert_true(mentions(r.improvements, r.nimprovements, "never names what it is to design"));
    /* the same text about short links names it */
    score_bank(url_q,
               "First the requirements: about a million users at peak and reads far above "
               "writes. The service has an API, a database and a cache; each short URL is a row "
               "with a unique constraint, so a collision fails and we retry.",
               &r);
    assert_false(r.subject_missed);
    /* leniently: "Redis in front of the database" answers the caching layer question */
    score_bank("Design a caching layer in front of a slow database.",
               "I'd put Redis in front of the database and store results with an expiry.", &r);
    assert_false(r.subject_missed);
}

/* session 34: a 557-word answer whose repeated sentences kept its counted words under 350 was
 * praised "Good length: detailed without rambling." and told "Too long" in the same feedback */
static void test_rambling_is_not_praised_for_length(void **state)
{
    char answer[8192] = "";
    strcat(answer, star_answer);
    for (int i = 0; i < 8; i++)
        strcat(answer, " I also remember that in my last job we had many long discussions about "
                       "performance, testing, reviews, teamwork and communication with other teams "
                       "and stakeholders, which matters in any engineering organisation.");
    struct answer_result r;
    score_bank(conflict_q, answer, &r);
    assert_true(r.words > 350);
    assert_true(mentions(r.improvements, r.nimprovements, "Too long"));
    assert_false(mentions(r.strengths, r.nstrengths, "Good length"));
}

/* session 34: feedback that praised and advised the same property at once, seen on the web
 * page ("What worked: Backs the answer with concrete examples" and "To improve: Give a concrete
 * example"); each strength is now exclusive with the improvement that reads its property */
static void test_feedback_does_not_contradict_itself(void **state)
{
    (void)state;
    struct answer_result r;
    /* examples: the concrete markers and the explanation's example element */
    score_bank("What are your greatest strengths?",
               "I am good at debugging hard production problems. Specifically, at my previous "
               "company I found a memory leak that cut our crash rate by 40%.",
               &r);
    assert_true(mentions(r.strengths, r.nstrengths, "Backs the answer with concrete examples"));
    assert_false(mentions(r.improvements, r.nimprovements, "Give a concrete example"));
    score_bank("Explain Big-O notation and give the complexity of binary search.",
               "Big-O describes how running time grows with input size, as an upper bound. "
               "Binary search is O(log n) because it halves a sorted range at each step, so 40% "
               "of the work is never the point.",
               &r);
    assert_false(mentions(r.strengths, r.nstrengths, "Backs the answer") &&
                 mentions(r.improvements, r.nimprovements, "Give a concrete example"));
    /* key points: "Covers the key points" only when none is missed */
    score_bank("Tell me about yourself.",
               "Currently I am a backend developer with five years of experience in Python "
               "services. At my last job I built the billing export, for example the nightly job "
               "that reconciles invoices, and cut its run time by 40%.",
               &r);
    assert_true(mentions(r.improvements, r.nimprovements, "Key point missed: why this role"));
    assert_false(mentions(r.strengths, r.nstrengths, "Covers the key points"));
    assert_true(mentions(r.strengths, r.nstrengths, "Covers most of the key points"));
    /* length: "without rambling" is not said of an answer told to stop repeating itself */
    score_bank(
        "What are your greatest strengths?",
        "My greatest strength is that I am good at untangling messy problems calmly. For "
        "example, when our checkout service kept timing out, I traced the requests through "
        "three systems, found a lock held across a network call, and moved the call outside the "
        "transaction, which removed the timeouts within a day. I stay calm under pressure and "
        "keep a clear log of what I tried. I stay calm under pressure and keep a clear log of "
        "what I tried. That habit is relevant to this role, because the job description "
        "mentions on-call duty for payment systems, and in that work a calm, methodical person "
        "is useful here. I also explain what I found to the team afterwards so the same problem "
        "does not come back.",
        &r);
    assert_true(mentions(r.improvements, r.nimprovements, "Avoid repeating yourself"));
    assert_false(mentions(r.strengths, r.nstrengths, "Good length"));
}

static void test_length_bands(void **state)
{
    static const struct {
        size_t words;
        int points;
    } bands[] = {{1, 2},   {14, 2},   {15, 6},   {39, 6},   {40, 11}, {79, 11},
                 {80, 15}, {350, 15}, {351, 11}, {600, 11}, {601, 5}};
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        char text[8192] = "";
        for (size_t w = 0; w < bands[i].words; w++)
            strcat(text, w % 12 == 11 ? "word. " : "word ");
        struct answer_input in = {"general", "Tell me about yourself.", NULL, 0, NULL, text};
        struct answer_result r;
        answer_score(&in, &r);
        assert_int_equal(r.words, bands[i].words);
        if (r.length_score != bands[i].points)
            fail_msg("%zu words: %d points, want %d", bands[i].words, r.length_score,
                     bands[i].points);
        assert_true(r.score >= 0 && r.score <= 100);
    }
}

static void test_other_structures(void **state)
{
    struct answer_result r;
    struct answer_input design = {
        "system_design",
        "Design a URL shortening service like bit.ly.",
        NULL,
        0,
        NULL,
        "Requirements first: 100 million users and a read-heavy load. An API service behind a "
        "load balancer writes to a key-value database; a cache serves hot links. The schema is "
        "a table keyed by a hash. The trade-off is consistency against latency."};
    answer_score(&design, &r);
    assert_string_equal(r.structure_kind, "design");
    assert_int_equal(r.nfound, 4);
    struct answer_input kase = {
        "case_study", "Should a grocery chain launch delivery?", NULL, 0, NULL, "It depends."};
    answer_score(&kase, &r);
    assert_string_equal(r.structure_kind, "case");
    assert_int_equal(r.nfound, 0);
    assert_int_equal(r.nabsent, 4);
    assert_int_equal(r.structure_score, 0);
    assert_true(has(r.improvements, r.nimprovements,
                    "End with a clear recommendation and the next steps."));
    struct answer_input tech = {
        "sql",
        "What is the difference between indexes and scans, and how do they speed up "
        "queries?",
        NULL,
        0,
        NULL,
        "An index is a sorted copy of some columns, because then a lookup skips the full scan "
        "and queries speed up. For example CREATE INDEX ON users(email) makes login fast. "
        "However every index costs time on each write."};
    answer_score(&tech, &r);
    assert_string_equal(r.structure_kind, "explanation");
    assert_int_equal(r.nfound, 4);
    assert_int_equal(r.structure_score, 15);
    /* derived keywords: content words of the question, stop words left out */
    assert_int_equal(r.ncovered, 4);
    assert_true(has(r.covered, r.ncovered, "indexes"));
    assert_true(has(r.covered, r.ncovered, "queries"));
    assert_false(has(r.covered, r.ncovered, "difference"));
    assert_int_equal(r.nmissed, 0);
    /* short markers match whole words only: "so it" is not "so i" */
    struct answer_input whole = {"behavioral", "x", NULL, 0, NULL, "so it goes on and on"};
    answer_score(&whole, &r);
    assert_false(has(r.found, r.nfound, "action"));
}

static void test_keywords_and_specificity(void **state)
{
    static const char *const keywords[] = {"scale", "token bucket", "lru", "o(1)"};
    struct answer_input in = {"technical",
                              "q",
                              keywords,
                              4,
                              NULL,
                              "Scaling needs token buckets; an LRU cache gives O(1) access to "
                              "the hot keys, which is why we use it."};
    struct answer_result r;
    answer_score(&in, &r);
    assert_int_equal(r.ncovered, 4);
    in.answer = "An lrucache helps here with all of the traffic we get.";
    answer_score(&in, &r); /* short keywords are whole words */
    assert_false(has(r.covered, r.ncovered, "lru"));
    assert_int_equal(r.points_score, 0);
    /* specificity: numbers 0/1/2+ give 0/3/5, examples +3, technical terms +2 */
    in.answer = "It took 3 days and 2 people, 5 reviews and 9 tests, for example with an API.";
    answer_score(&in, &r);
    assert_int_equal(r.numbers, 4);
    assert_int_equal(r.specificity_score, 10);
    in.answer = "plain words only here";
    answer_score(&in, &r);
    assert_int_equal(r.specificity_score, 0);
    /* a keyword list longer than the maximum is cut, never overflows */
    const char *many[20];
    for (int i = 0; i < 20; i++)
        many[i] = "word";
    struct answer_input big = {"general", "q", many, 20, NULL, "the word is a word we use"};
    answer_score(&big, &r);
    assert_int_equal(r.ncovered, ANSWER_MAX_KEYWORDS);
}

/* Every question of the bank: a rubric, and scores within bounds for a few shapes of answer. */
static void test_bank_rubrics_and_bounds(void **state)
{
    const struct question_bank *b = questions_default();
    for (size_t i = 0; i < questions_count(b); i++) {
        const struct question *q = questions_at(b, i);
        const char *answers[] = {q->text, "", "a, b, c, d", "Yes. Yes. Yes. Yes. Yes."};
        for (size_t k = 0; k < 4; k++) {
            struct answer_input in = {q->category,  q->text,    q->keywords,
                                      q->nkeywords, &q->rubric, answers[k]};
            struct answer_result r;
            answer_score(&in, &r);
            assert_true(r.score >= 0 && r.score <= 100);
            assert_int_equal(r.ncovered + r.nmissed, q->rubric.npoints);
        }
    }
}

/* ================================================================ sessions */

static void test_summary(void **state)
{
    struct answer_summary s;
    const double scores[] = {80, 65, 71};
    const char *const strengths[] = {"A", "B", "A", "C", "D"};
    const char *const improvements[] = {"X", "Y", "Y", "Z", "Y", "X", "W"};
    answer_summarize(scores, 3, 5, strengths, 5, improvements, 7, &s);
    assert_true(s.score > 71.9 && s.score < 72.1);
    assert_string_equal(s.level, "good");
    assert_int_equal(s.answered, 3);
    assert_int_equal(s.total, 5);
    assert_int_equal(s.nstrengths, 3);
    assert_string_equal(s.strengths[0], "A");
    assert_string_equal(s.strengths[1], "B");
    assert_string_equal(s.strengths[2], "C");
    assert_string_equal(s.improvements[0], "Y");
    assert_string_equal(s.improvements[1], "X");
    assert_string_equal(s.improvements[2], "Z");
    assert_int_equal(s.nimprovements, 4); /* 2 of 5 unanswered */
    assert_string_equal(s.improvements[3],
                        "Answer every question: unanswered questions get no feedback.");
    assert_non_null(strstr(s.message, "3 of 5"));
    assert_non_null(strstr(s.message, "72.0"));

    const double high[] = {90, 85};
    answer_summarize(high, 2, 2, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "excellent");
    assert_int_equal(s.nstrengths, 0);
    assert_int_equal(s.nimprovements, 0);
    const double low[] = {10};
    answer_summarize(low, 1, 2, NULL, 0, NULL, 0, &s); /* half answered: rated */
    assert_string_equal(s.level, "needs_work");
    assert_non_null(strstr(s.message, "1 of 2 questions"));
    /* under half answered: the average stays the score, but no rating claims the session */
    const double one[] = {95};
    answer_summarize(one, 1, 10, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "incomplete");
    assert_true(s.score > 94.9 && s.score < 95.1);
    assert_string_equal(s.message, "You answered 1 of 10 questions, too few for an overall rating "
                                   "(that needs at least 5); the answered one scored 95.0.");
    const double two[] = {90, 85};
    answer_summarize(two, 2, 5, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "incomplete");
    assert_null(strstr(s.message, "excellent"));
    assert_non_null(strstr(s.message, "2 of 5 questions"));
    assert_non_null(strstr(s.message, "at least 3); the answered ones scored 87.5 on average"));
    answer_summarize(two, 2, 4, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "excellent");
    /* answers praised and advised the other way on one property: the summary keeps the advice
       and leaves the praise out (the next strength takes its place) */
    const char *const praise[] = {"Backs the answer with concrete examples.",
                                  "Backs the answer with concrete examples.",
                                  "Good length: detailed without rambling.",
                                  "Specific and measurable: numbers make the answer concrete."};
    const char *const advice[] = {"Give a concrete example, ideally from your own work.",
                                  "Explain why, not only what: causes, reasons, consequences."};
    answer_summarize(two, 2, 2, praise, 4, advice, 2, &s);
    assert_int_equal(s.nstrengths, 2);
    assert_string_equal(s.strengths[0], "Good length: detailed without rambling.");
    assert_string_equal(s.strengths[1],
                        "Specific and measurable: numbers make the answer concrete.");
    assert_int_equal(s.nimprovements, 2);
    assert_string_equal(s.improvements[0], advice[0]);
    answer_summarize(low, 1, 1, NULL, 0, NULL, 0, &s); /* one question: no plural */
    assert_string_equal(s.message,
                        "You answered 1 of 1 question with an average score of 10.0 (needs work).");
    const double mid[] = {50, 51};
    answer_summarize(mid, 2, 3, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "fair");
    assert_true(s.score > 50.4 && s.score < 50.6);
    answer_summarize(NULL, 0, 4, NULL, 0, NULL, 0, &s);
    assert_string_equal(s.level, "not_answered");
    assert_true(s.score == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrong_answer_full_of_keywords),
        cmocka_unit_test(test_definition_first_is_not_told_to_define),
        cmocka_unit_test(test_matching_rules),
        cmocka_unit_test(test_lists_of_terms_earn_nothing),
        cmocka_unit_test(test_repetition_and_padding),
        cmocka_unit_test(test_short_answers_earn_less_for_points),
        cmocka_unit_test(test_strong_star_answer),
        cmocka_unit_test(test_weak_and_blank_answers),
        cmocka_unit_test(test_answer_to_another_question),
        cmocka_unit_test(test_rambling_is_not_praised_for_length),
        cmocka_unit_test(test_star_elements_are_read_right),
        cmocka_unit_test(test_confidently_wrong_answers),
        cmocka_unit_test(test_answer_in_another_language),
        cmocka_unit_test(test_design_answer_names_its_subject),
        cmocka_unit_test(test_feedback_does_not_contradict_itself),
        cmocka_unit_test(test_length_bands),
        cmocka_unit_test(test_other_structures),
        cmocka_unit_test(test_keywords_and_specificity),
        cmocka_unit_test(test_bank_rubrics_and_bounds),
        cmocka_unit_test(test_summary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
