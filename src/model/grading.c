/*
 * This file implements the grading of grading.h: the built-in scorer's feedback document, and
 * the language model's grade against the same rubric (the prompt, reading its JSON reply with
 * the same rules the built-in scorer applies: rubric names only, a misconception caps the
 * score), falling back to the built-in scorer with a warning.
 */
#include "grading.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/questions.h"
#include "../core/utf8.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/log.h"

#define PROMPT_ANSWER_MAX 8000 /* bytes of the answer put in a prompt */
#define REPLY_NOTES_MAX 8      /* strengths or improvements kept from a model */
#define REPLY_NOTE_LEN 400     /* bytes of one kept */
#define MISCONCEPTION_CAP 25   /* answer_score.h: a misconception caps the score */

/* The feedback document of a built-in score (a new reference). */
static json_t *builtin_feedback(const struct answer_result *r)
{
    json_t *doc = json_pack(
        "{s:i, s:{s:i, s:i, s:i, s:i, s:i}, s:I, s:{s:s, s:o, s:o}, s:{s:o, s:o}, s:o}", "score",
        r->score, "breakdown", "key_points", r->points_score, "structure", r->structure_score,
        "specificity", r->specificity_score, "length", r->length_score, "penalty", r->penalty,
        "word_count", (json_int_t)r->words, "structure", "kind", r->structure_kind, "found",
        json_from_strings(r->found, r->nfound), "missing", json_from_strings(r->absent, r->nabsent),
        "key_points", "covered", json_from_strings(r->covered, r->ncovered), "missed",
        json_from_strings(r->missed, r->nmissed), "misconceptions",
        json_from_strings(r->misconceptions, r->nmisconceptions));
    json_object_set_new(doc, "form",
                        json_pack("{s:b, s:I, s:b}", "keyword_list", r->keyword_list,
                                  "repeated_sentences", (json_int_t)r->repeated, "padded",
                                  r->padded));
    json_object_set_new(doc, "strengths", json_from_strings(r->strengths, r->nstrengths));
    json_object_set_new(doc, "improvements", json_from_strings(r->improvements, r->nimprovements));
    return doc;
}

/* ================================================================ the prompt */

static void rubric_lines(struct buf *b, const struct rubric_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        buf_printf(b, "- %s (said as:", items[i].name);
        for (size_t j = 0; j < items[i].nphrases; j++)
            buf_printf(b, "%s \"%s\"", j ? "," : "", items[i].phrases[j]);
        buf_puts(b, ")\n");
    }
}

char *grading_prompt(const char *question, const char *category, const struct rubric *rubric,
                     const char *answer)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "Grade this answer to a practice interview question.\n\nQuestion (%s): %s\n",
               category ? category : "general", question);
    if (rubric && rubric->npoints) {
        buf_puts(&b, "\nThe key points a good answer makes (each counts only when the answer "
                     "explains it in sentences; the phrases are examples, not a checklist):\n");
        rubric_lines(&b, rubric->points, rubric->npoints);
        if (rubric->nmisconceptions) {
            buf_puts(&b, "\nMisconceptions that make an answer wrong when it states them (a "
                         "negated one, \"it is not that ...\", does not count):\n");
            rubric_lines(&b, rubric->misconceptions, rubric->nmisconceptions);
        }
    } else
        buf_puts(&b, "\nThere is no rubric: judge whether the answer is right, complete and "
                     "specific for this question.\n");
    if (category && strcmp(category, "behavioral") == 0)
        buf_puts(&b, "\nA behavioral answer is also judged on STAR: situation, task, the "
                     "candidate's own actions, and a result.\n");
    buf_puts(&b, "\nRules: being right matters more than sounding right. A list of terms without "
                 "sentences, repetition and filler earn nothing. An answer that states a "
                 "misconception is wrong: score it 25 or less. Never ask an answer that already "
                 "opens with a definition or a direct answer to start with one.\n");
    buf_printf(&b, "\nAnswer:\n\"\"\"\n%.*s\n\"\"\"\n", (int)utf8_cut(answer, PROMPT_ANSWER_MAX),
               answer);
    buf_puts(&b, "\nReply with one JSON object only: {\"score\": 0-100, \"covered\": [key point "
                 "names], \"missed\": [key point names], \"misconceptions\": [misconception "
                 "names], \"strengths\": [short sentences], \"improvements\": [short "
                 "sentences]}. Use the names exactly as listed above.");
    return buf_steal(&b);
}

static const char system_prompt[] =
    "You are a demanding, fair interviewer who grades practice answers against a rubric and "
    "replies with JSON only.";

/* ================================================================ the reply */

/* The rubric item of items named name (ASCII case ignored), or NULL. */
static const char *rubric_name(const struct rubric_item *items, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(items[i].name, name) == 0)
            return items[i].name;
    return NULL;
}

/* A new array of the strings of v (max of them, each cut to len bytes); with items, only the
 * names of items, spelt as there, once each. NULL when v is present but not an array of
 * strings. */
static json_t *names(json_t *v, const struct rubric_item *items, size_t nitems, size_t max,
                     size_t len)
{
    json_t *out = json_array();
    if (v == NULL)
        return out;
    size_t i;
    json_t *x;
    if (!json_is_array(v))
        goto bad;
    json_array_foreach(v, i, x)
    {
        if (!json_is_string(x))
            goto bad;
        const char *s = json_string_value(x);
        if (items)
            s = rubric_name(items, nitems, s);
        if (s == NULL || *s == '\0' || json_array_size(out) == max || json_has_string(out, s))
            continue;
        json_array_append_new(out, json_stringn(s, utf8_cut(s, len)));
    }
    return out;
bad:
    json_decref(out);
    return NULL;
}

/* The JSON object in reply: the text from the first '{' to the last '}'. */
static json_t *reply_object(const char *reply)
{
    const char *open = strchr(reply, '{'), *close = strrchr(reply, '}');
    if (open == NULL || close == NULL || close < open)
        return NULL;
    json_t *doc = json_loadb(open, (size_t)(close - open) + 1, 0, NULL);
    if (doc && !json_is_object(doc)) {
        json_decref(doc);
        doc = NULL;
    }
    return doc;
}

int grading_parse(const char *reply, const struct rubric *rubric, json_t **feedback, int *score,
                  char *why, size_t n)
{
    *feedback = NULL;
    json_t *doc = reply_object(reply);
    json_t *s = doc ? json_object_get(doc, "score") : NULL;
    if (!json_is_number(s) || json_number_value(s) < 0 || json_number_value(s) > 100) {
        snprintf(why, n, "the language model's grade has no score from 0 to 100");
        json_decref(doc);
        return -1;
    }
    bool has_rubric = rubric && rubric->npoints;
    const struct rubric_item *points = has_rubric ? rubric->points : NULL;
    const struct rubric_item *wrong = has_rubric ? rubric->misconceptions : NULL;
    size_t np = has_rubric ? rubric->npoints : 0, nw = has_rubric ? rubric->nmisconceptions : 0;
    json_t *covered = names(json_object_get(doc, "covered"), points, np, ANSWER_MAX_POINTS, 120);
    json_t *missed = names(json_object_get(doc, "missed"), points, np, ANSWER_MAX_POINTS, 120);
    json_t *misconceptions =
        names(json_object_get(doc, "misconceptions"), wrong, nw, RUBRIC_MAX_MISCONCEPTIONS, 120);
    json_t *strengths =
        names(json_object_get(doc, "strengths"), NULL, 0, REPLY_NOTES_MAX, REPLY_NOTE_LEN);
    json_t *improvements =
        names(json_object_get(doc, "improvements"), NULL, 0, REPLY_NOTES_MAX, REPLY_NOTE_LEN);
    if (!covered || !missed || !misconceptions || !strengths || !improvements) {
        snprintf(why, n,
                 "the language model's grade is malformed (a list is not a list of "
                 "strings)");
        json_decref(covered);
        json_decref(missed);
        json_decref(misconceptions);
        json_decref(strengths);
        json_decref(improvements);
        json_decref(doc);
        return -1;
    }
    if (has_rubric) { /* every point is covered or missed */
        json_array_clear(missed);
        for (size_t i = 0; i < np; i++)
            if (!json_has_string(covered, points[i].name))
                json_array_append_new(missed, json_string(points[i].name));
    }
    *score = (int)lround(json_number_value(s));
    if (json_array_size(misconceptions) && *score > MISCONCEPTION_CAP)
        *score = MISCONCEPTION_CAP;
    *feedback = json_pack("{s:i, s:{s:o, s:o}, s:o, s:o, s:o}", "score", *score, "key_points",
                          "covered", covered, "missed", missed, "misconceptions", misconceptions,
                          "strengths", strengths, "improvements", improvements);
    json_decref(doc);
    return 0;
}

/* ================================================================ grading */

/* Asks the model; 0 with out filled, or -1 with the reason in why. */
static int by_model(const struct llm_config *llm, const char *question, const char *category,
                    const struct rubric *rubric, const char *answer, struct arena *a,
                    struct grading *out, char *why, size_t n)
{
    char *prompt = grading_prompt(question, category, rubric, answer);
    char *reply;
    int rc = llm_chat(llm, system_prompt, prompt, &reply, why, n);
    free(prompt);
    if (rc)
        return rc;
    rc = grading_parse(reply, rubric, &out->feedback, &out->score, why, n);
    free(reply);
    if (rc)
        return rc;
    out->grader = arena_strdup(a, llm_model_name(llm));
    return 0;
}

void grading_grade(const struct llm_config *llm, const char *question, const char *category,
                   const char *answer, struct arena *a, struct grading *out)
{
    memset(out, 0, sizeof *out);
    const struct question *known = questions_find(questions_default(), question);
    const struct rubric *rubric = known ? &known->rubric : NULL;
    if (llm_enabled(llm)) {
        char why[200];
        if (by_model(llm, question, category, rubric, answer, a, out, why, sizeof why) == 0) {
            json_object_set_new(out->feedback, "grader", json_string(out->grader));
            return;
        }
        log_error("interview answer: %s; using the built-in scorer", why);
        out->warning = arena_printf(a, "%s; the built-in score was used", why);
    }
    struct answer_input in = {
        category, question, known ? known->keywords : NULL, known ? known->nkeywords : 0,
        rubric,   answer};
    struct answer_result r;
    answer_score(&in, &r);
    out->score = r.score;
    out->grader = "builtin";
    out->feedback = builtin_feedback(&r);
    json_object_set_new(out->feedback, "grader", json_string(out->grader));
}
