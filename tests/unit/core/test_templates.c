/*
 * This file tests src/core/templates.c: every content type in every tone renders from the
 * shipped set (with and without a job, no placeholder or condition left over, deterministic),
 * letters from facts (the résumé's role, years and achievements; places; no missing skill
 * claimed, unless the instructions ask to name it as learning; sign-offs and length per type),
 * the values (matched skills, fallbacks), and the template language on a small set of its own
 * (conditions, continued lines, phrases inside phrases, capitalisation, blank-line
 * collapsing, unknown names).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/templates.h"

#include "../template_context.h"

static void test_every_type_and_tone(void **state)
{
    const struct template_set *s = templates_default();
    struct template_context full = with_job(), bare = {.name = "sam"};
    for (size_t t = 0; templates_content_types[t]; t++) {
        for (size_t k = 0; templates_tones[k]; k++) {
            for (int job = 0; job < 2; job++) {
                const char *used = NULL;
                char *text = templates_render(s, templates_content_types[t], templates_tones[k],
                                              job ? &full : &bare, &used);
                if (text == NULL)
                    fail_msg("%s/%s: no template", templates_content_types[t], templates_tones[k]);
                assert_non_null(used);
                assert_true(strncmp(used, templates_content_types[t],
                                    strlen(templates_content_types[t])) == 0);
                /* a summary of a profile without skills or résumé says only what to add
                   (session 36: it claimed "a broad range of technologies"; session 37:
                   "Professional.") */
                assert_true(strlen(text) > 40 ||
                            (!job && strcmp(templates_content_types[t], "resume_summary") == 0));
                if (strchr(text, '{') || strchr(text, '}') || strstr(text, "\n?") ||
                    strstr(text, "\n!") || strstr(text, "\n\n\n") || text[0] == '\n' ||
                    text[strlen(text) - 1] == '\n')
                    fail_msg("%s/%s: leftovers in:\n%s", templates_content_types[t],
                             templates_tones[k], text);
                if (job && strcmp(used, "resume_summary.concise") != 0)
                    assert_non_null(strstr(text, "Acme"));
                else if (!job)
                    assert_null(strstr(text, "Acme"));
                char *again = templates_render(s, templates_content_types[t], templates_tones[k],
                                               job ? &full : &bare, NULL);
                assert_string_equal(text, again);
                free(again);
                free(text);
            }
        }
    }
    assert_null(templates_render(s, "poem", "professional", &full, NULL));
    assert_null(templates_render(s, "cover_letter", "angry", &full, NULL));
    assert_null(templates_render(s, NULL, "casual", &full, NULL));
}

/* Issue 13: letters used nothing from the résumé but the name, read "The role in Remote" and
 * "I work as a mid-level professional", claimed learning the profile never states, signed a
 * LinkedIn note "Sincerely" and used the account's e-mail. */
static void test_cover_letter(void **state)
{
    struct template_context ctx = with_job();
    const char *used;
    char *text = templates_render(templates_default(), "cover_letter", "professional", &ctx, &used);
    assert_string_equal(used, "cover_letter.default");
    assert_true(strncmp(text, "Dear Hiring Manager,", 20) == 0);
    assert_non_null(strstr(text, "the Backend Engineer position at Acme in Berlin (hybrid). Berlin "
                                 "is where I want to work, so the hybrid role suits me well."));
    /* the résumé's facts: latest role, employer, years, achievements naming the job's stack */
    assert_non_null(strstr(text, "I am a Data Engineer at Initech, with 7 years of experience."));
    assert_non_null(strstr(text, "At Initech, I cut the nightly SQL load from 6 hours to 40 "
                                 "minutes with Python. At Globex, I lead the Terraform rollout "
                                 "for 30 services."));
    assert_null(strstr(text, "summer party"));
    /* matched: the job's spelling and order, then skills named in its text */
    assert_non_null(strstr(text, "The role asks for Python, SQL and Terraform, all of which I have "
                                 "worked with."));
    /* never a missing skill, never a level label as prose */
    assert_null(strstr(text, "Kubernetes"));
    assert_null(strstr(text, "Rust"));
    assert_null(strstr(text, "professional with"));
    assert_null(strstr(text, "senior"));
    assert_non_null(strstr(text, "how I can contribute to Acme."));
    assert_non_null(strstr(text, "Sincerely,\nAda Lovelace\nada@example.com"));
    char *concise = templates_render(templates_default(), "cover_letter", "concise", &ctx, &used);
    assert_string_equal(used, "cover_letter.concise");
    assert_true(strlen(concise) < strlen(text));
    free(concise);
    free(text);

    /* a missing skill may be named as something to learn when the instructions ask for it */
    ctx.instructions = "Please mention that I am learning Rust at the moment.";
    text = templates_render(templates_default(), "cover_letter", "professional", &ctx, NULL);
    assert_non_null(strstr(text, "I am also learning Rust."));
    assert_null(strstr(text, "Kubernetes"));
    free(text);
    /* session 34: instructions that name the skill without saying it is being learnt, or that
       refuse it, made the letter say "I am also learning Rust." all the same */
    static const char *const not_learning[] = {
        "Do not mention Rust.",       "Never say I am learning Rust",
        "I have no interest in Rust", "Say I have 10 years of Rust experience",
        "I don't want to learn Rust", NULL};
    for (const char *const *ins = not_learning; *ins; ins++) {
        ctx.instructions = *ins;
        text = templates_render(templates_default(), "cover_letter", "professional", &ctx, NULL);
        if (strstr(text, "Rust"))
            fail_msg("\"%s\": %s", *ins, text);
        free(text);
    }
    static const char *const learning[] = {"I'm not an expert, but I am learning Rust",
                                           "Mention my Rust course.",
                                           "I study Rust in the evenings", NULL};
    for (const char *const *ins = learning; *ins; ins++) {
        ctx.instructions = *ins;
        text = templates_render(templates_default(), "cover_letter", "professional", &ctx, NULL);
        if (!strstr(text, "I am also learning Rust."))
            fail_msg("\"%s\": %s", *ins, text);
        free(text);
    }

    /* session 34: a company that ends with a full stop ended its sentence twice ("how I can
       contribute to Acme, Inc..") in the cover letter, summary, e-mail and thank-you note */
    {
        struct template_context inc = ctx;
        inc.company = "Acme, Inc.";
        inc.instructions = NULL;
        static const char *const types[] = {"cover_letter",   "resume_summary",   "email_template",
                                            "thank_you_note", "linkedin_message", NULL};
        for (const char *const *type = types; *type; type++) {
            text = templates_render(templates_default(), *type, "professional", &inc, NULL);
            assert_non_null(text);
            if (strstr(text, "Inc..") || !strstr(text, "Acme, Inc."))
                fail_msg("%s: %s", *type, text);
            free(text);
        }
    }

    struct template_context bare = {.name = "sam", .years = -1};
    text = templates_render(templates_default(), "cover_letter", "enthusiastic", &bare, NULL);
    assert_non_null(strstr(text, "the open position at your company."));
    /* session 36: no skill, no claim of "a broad range of technologies" */
    assert_null(strstr(text, "broad range"));
    assert_null(strstr(text, "I bring experience"));
    assert_null(strstr(text, "The role asks"));
    assert_null(strstr(text, "I am a"));
    assert_non_null(strstr(text, "With excitement,\nsam"));
    free(text);
}

static void test_linkedin_message(void **state)
{
    struct template_context ctx = with_job();
    for (size_t k = 0; templates_tones[k]; k++) {
        char *text = templates_render(templates_default(), "linkedin_message", templates_tones[k],
                                      &ctx, NULL);
        if (strlen(text) > 600 || strstr(text, "Sincerely") || !strstr(text, "Acme") ||
            !strstr(text, "Ada Lovelace") || strstr(text, "Kubernetes"))
            fail_msg("%s:\n%s", templates_tones[k], text);
        free(text);
    }
    char *text =
        templates_render(templates_default(), "linkedin_message", "professional", &ctx, NULL);
    assert_non_null(strstr(text, "Best regards,\nAda Lovelace"));
    assert_null(strstr(text, "ada@example.com"));
    free(text);
}

static void test_places(void **state)
{
    static const struct {
        const char *location, *remote_option, *place;
    } cases[] = {
        {"Remote - EU", "remote", " (remote, EU)"},
        {"Remote", "remote", " (remote)"},
        {"Remote (Germany)", NULL, " (remote, Germany)"},
        {"Berlin, Germany", "remote", " (remote, Berlin)"},
        {"Berlin, Germany", "hybrid", " in Berlin (hybrid)"},
        {"Hamburg, Germany", "onsite", " in Hamburg"},
        {"Munich", NULL, " in Munich"},
        {NULL, "hybrid", ""},
        {NULL, NULL, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct template_context ctx = {.location = cases[i].location,
                                       .remote_option = cases[i].remote_option};
        char place[160];
        templates_place(&ctx, place, sizeof place);
        if (strcmp(place, cases[i].place) != 0)
            fail_msg("%s/%s: \"%s\"", cases[i].location, cases[i].remote_option, place);
    }
    /* a remote job suits a candidate who prefers remote work; nothing is claimed otherwise */
    struct template_context ctx = with_job();
    ctx.location = "Remote - EU";
    ctx.remote_option = "remote";
    char *text = templates_render(templates_default(), "cover_letter", "professional", &ctx, NULL);
    assert_null(strstr(text, "in Remote"));
    assert_null(strstr(text, "remotely"));
    free(text);
    ctx.prefer_remote = 1;
    text = templates_render(templates_default(), "cover_letter", "professional", &ctx, NULL);
    assert_non_null(strstr(text, "(remote, EU). Working remotely is how I work best"));
    free(text);
    /* an office in a city the candidate does not want: no claim either */
    ctx = with_job();
    ctx.location = "Hamburg";
    ctx.remote_option = "onsite";
    text = templates_render(templates_default(), "cover_letter", "professional", &ctx, NULL);
    assert_non_null(strstr(text, "position at Acme in Hamburg.\n"));
    assert_null(strstr(text, "suits me"));
    free(text);
}

static void test_achievements(void **state)
{
    struct template_context ctx = with_job();
    const struct template_highlight *best[4];
    assert_int_equal(templates_achievements(&ctx, best, 4), 2); /* the party names no skill */
    assert_ptr_equal(best[0], &ctx.highlights[1]);
    assert_ptr_equal(best[1], &ctx.highlights[2]);
    static const struct {
        const char *text, *company;
        int again;
        const char *sentence;
    } cases[] = {
        {"Cut the p95 latency from 420 ms to 90 ms.", "Parcelpoint", 0,
         "At Parcelpoint, I cut the p95 latency from 420 ms to 90 ms."},
        {"Moved 12 services to Kubernetes", "Parcelpoint", 1,
         "I also moved 12 services to Kubernetes."},
        {"Leads design for the booking product.", "Kiezwerk", 0,
         "At Kiezwerk, I lead design for the booking product."},
        {"trained and deployed models on AWS SageMaker", "Sightline AI", 0,
         "At Sightline AI, I trained and deployed models on AWS SageMaker."},
        {"Python (Django) services for price ingestion.", "Trivago", 0,
         "At Trivago, my work included Python (Django) services for price ingestion."},
        {"AWS cost reviews every month.", "Acme", 1,
         "My work there also included AWS cost reviews every month."},
        {"Built the API.", NULL, 0, "I built the API."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct template_highlight h = {cases[i].text, cases[i].company};
        char out[400];
        templates_achievement_sentence(&h, cases[i].again, out, sizeof out);
        if (strcmp(out, cases[i].sentence) != 0)
            fail_msg("%zu: \"%s\"", i, out);
    }
}

/* session 34: a letter for a job sharing none of the candidate's skills (a Rust and Kafka role
 * for a Python developer) still said "I am confident that my background makes me a strong fit
 * for this position." ("My experience matches the role." in the concise tone) */
static void test_no_fit_claimed_without_a_shared_skill(void **state)
{
    static const char *const claims[] = {"strong fit",  "lines up well",    "eager to bring",
                                         "fit in well", "matches the role", NULL};
    static const char *const types[] = {"cover_letter", "email_template", NULL};
    static const char *const rust[] = {"Rust", "Kafka"};
    for (int shared = 0; shared < 2; shared++)
        for (const char *const *type = types; *type; type++)
            for (size_t k = 0; templates_tones[k]; k++) {
                struct template_context ctx = with_job();
                if (!shared) {
                    ctx.job_skills = rust;
                    ctx.njob_skills = 2;
                    ctx.job_text = "Build streaming services in Rust on Kafka.";
                }
                char *text =
                    templates_render(templates_default(), *type, templates_tones[k], &ctx, NULL);
                bool claimed = false;
                for (const char *const *c = claims; *c; c++)
                    claimed |= strstr(text, *c) != NULL;
                /* without a shared skill no tone claims a fit; with one, the professional
                   letter still does */
                if (shared ? !claimed && strcmp(templates_tones[k], "professional") == 0 : claimed)
                    fail_msg("%s/%s, %s shared skill: %s", *type, templates_tones[k],
                             shared ? "a" : "no", text);
                free(text);
            }
}

static void test_summary_and_tailoring(void **state)
{
    struct template_context ctx = with_job();
    char *text = templates_render(templates_default(), "resume_summary", "casual", &ctx, NULL);
    assert_true(
        strncmp(text, "Data Engineer with 7 years of experience, working with Python", 61) == 0);
    assert_null(strstr(text, "professional"));
    free(text);
    ctx.njob_skills = 0;
    ctx.job_text = NULL;
    text = templates_render(templates_default(), "resume_tailoring", "professional", &ctx, NULL);
    assert_non_null(strstr(text, "Put your strongest skills (Python, SQL, Docker, Terraform and "
                                 "Go)"));
    assert_non_null(strstr(text, "No obvious skill gaps"));
    free(text);
    struct template_context bare = {.name = "sam", .years = -1};
    text = templates_render(templates_default(), "resume_summary", "professional", &bare, NULL);
    /* session 37: no title is invented ("Professional." before) */
    assert_string_equal(text, "Add your skills, your latest role or a résumé to your profile: "
                              "the summary is written from them.");
    free(text);
    /* ... and a student's reads as an early career's, with their skills */
    static const char *const student_skills[] = {"Python", "SQL"};
    struct template_context student = {
        .years = -1, .experience_level = "entry", .skills = student_skills, .nskills = 2};
    text = templates_render(templates_default(), "resume_summary", "professional", &student, NULL);
    assert_string_equal(text, "Early-career candidate, working with Python and SQL.");
    free(text);
    student.experience_level = NULL;
    text = templates_render(templates_default(), "resume_summary", "professional", &student, NULL);
    assert_string_equal(text, "Works with Python and SQL.");
    free(text);
    /* session 37: without a résumé's name, no name line (a username is no signature) */
    struct template_context unnamed = with_job();
    unnamed.name = NULL;
    for (const char *const *type = templates_content_types; *type; type++) {
        text = templates_render(templates_default(), *type, "professional", &unnamed, NULL);
        if (strstr(text, " - \n") || strstr(text, "position -") || strstr(text, "application -") ||
            strstr(text, "\n\n\n") || (strlen(text) && text[strlen(text) - 1] == '\n'))
            fail_msg("%s: %s", *type, text);
        free(text);
    }
    text = templates_render(templates_default(), "email_template", "professional", &unnamed, NULL);
    assert_true(strncmp(text, "Subject: Application for the Backend Engineer position\n\n",
                        strlen("Subject: Application for the Backend Engineer position\n\n")) == 0);
    free(text);
    unnamed.name = "Sam Lee";
    text = templates_render(templates_default(), "email_template", "professional", &unnamed, NULL);
    assert_non_null(strstr(text, "Subject: Application for the Backend Engineer position - "
                                 "Sam Lee\n"));
    free(text);
    /* session 36: no summary, tailoring advice, e-mail or note claims what the profile lacks */
    static const char *const types[] = {"resume_summary",   "resume_tailoring", "email_template",
                                        "linkedin_message", "cover_letter",     NULL};
    static const char *const tones[] = {"professional", "casual",  "enthusiastic",
                                        "friendly",     "concise", NULL};
    for (const char *const *type = types; *type; type++)
        for (const char *const *tone = tones; *tone; tone++) {
            text = templates_render(templates_default(), *type, *tone, &bare, NULL);
            if (strstr(text, "broad range") || strstr(text, "Known for") ||
                strstr(text, "fits the role") || strstr(text, "I work with"))
                fail_msg("%s %s: %s", *type, *tone, text);
            free(text);
        }
}

/* session 36: a German posting's gender marker is not part of the title a letter names, and one
 * skill in common is "it", not "them" */
static void test_title_marker_and_pronoun(void **state)
{
    static const char *const one[] = {"Python"};
    static const char *const stack[] = {"Python", "Django"};
    struct template_context ctx = {.name = "Mia Schulz",
                                   .years = -1,
                                   .company = "Bayernsoft GmbH",
                                   .skills = one,
                                   .nskills = 1,
                                   .job_skills = stack,
                                   .njob_skills = 2};
    static const char *const titles[][2] = {
        {"Softwareentwickler (m/w/d) Python", "the Softwareentwickler Python position"},
        {"Data Engineer (w/m/d)", "the Data Engineer position at"},
        {"Backend Developer (all genders)", "the Backend Developer position at"},
        {"Engineer (m/f/x), Payments", "the Engineer, Payments position"},
        {"Engineer (Go/Rust)", "the Engineer (Go/Rust) position"},
        {"Lead (m/w/d)", "the Lead position"},
    };
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
        ctx.title = titles[i][0];
        char *text =
            templates_render(templates_default(), "cover_letter", "enthusiastic", &ctx, NULL);
        if (!strstr(text, titles[i][1]) || !strstr(text, "and I have worked with it!"))
            fail_msg("%s: %s", titles[i][0], text);
        free(text);
    }
}

static void test_matched_skills(void **state)
{
    struct template_context ctx = with_job();
    const char *out[8];
    size_t n = templates_matched_skills(&ctx, out, 8);
    assert_int_equal(n, 3);
    assert_string_equal(out[0], "Python"); /* the candidate's spelling, the job's order */
    assert_string_equal(out[1], "SQL");
    assert_string_equal(out[2], "Terraform"); /* "go" in the text is too short to count */
    assert_int_equal(templates_matched_skills(&ctx, out, 1), 1);
    struct template_context none = {0};
    assert_int_equal(templates_matched_skills(&none, out, 8), 0);
}

static void test_language(void **state)
{
    static const char text[] = "# comment\n"
                               "=== phrases calm\n"
                               "hi = Hello {name}\n"
                               "outer = <{hi}>\n"
                               "self = {self}\n"
                               "=== note default\n"
                               "{outer}\n"
                               "{Hi}, {unknown} {not a key} {}\n"
                               "\n"
                               "\n"
                               "?company At {company}.\n"
                               "+?company Still {company}.\n"
                               "!company No company, {company}.\n"
                               "?nothing Dropped.\n"
                               "{self}\n"
                               "\n"
                               "=== note shouty\n"
                               "{hi}!\n"
                               "=== broken\n"
                               "stray line\n";
    struct template_set *s = templates_load(text, sizeof text - 1);
    struct template_context ctx = {.name = "bob"};
    const char *used;
    char *out = templates_render(s, "note", "calm", &ctx, &used);
    assert_string_equal(used, "note.default");
    assert_string_equal(out, "<Hello bob>\n"
                             "Hello bob, {unknown} {not a key} {}\n"
                             "\n"
                             "No company, your company.\n"
                             "{self}");
    free(out);
    ctx.company = "Initech";
    out = templates_render(s, "note", "calm", &ctx, NULL);
    assert_non_null(strstr(out, "\nAt Initech. Still Initech.\n"));
    free(out);
    /* a tone-specific template needs that tone's phrases */
    assert_null(templates_render(s, "note", "shouty", &ctx, NULL));
    templates_free(s);
    templates_free(NULL);
    struct template_set *empty = templates_load("", 0);
    assert_null(templates_render(empty, "note", "calm", &ctx, NULL));
    templates_free(empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_type_and_tone),
        cmocka_unit_test(test_cover_letter),
        cmocka_unit_test(test_linkedin_message),
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_achievements),
        cmocka_unit_test(test_no_fit_claimed_without_a_shared_skill),
        cmocka_unit_test(test_summary_and_tailoring),
        cmocka_unit_test(test_matched_skills),
        cmocka_unit_test(test_title_marker_and_pronoun),
        cmocka_unit_test(test_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
