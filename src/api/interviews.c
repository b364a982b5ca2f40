/*
 * This file implements the /interviews routes. Questions come from the configured language
 * model when there is one, else (and whenever the model fails) from the built-in bank
 * (src/core/questions.c); the response of POST /interviews says which in "generator", and
 * "fallback"/"warning" when the model failed. Sessions and answers are the model's
 * (src/model/interview.c); this file maps HTTP in and out.
 */
#include "interviews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/questions.h"
#include "../http/list.h"
#include "../http/reply.h"
#include "../lib/config.h"
#include "../lib/json.h"
#include "../lib/llm.h"
#include "../lib/log.h"
#include "../model/interview.h"

static const char system_prompt[] =
    "You are an experienced interviewer who writes realistic practice questions for job "
    "candidates.";

#define DEFAULT_QUESTIONS 5

/* ================================================================ generating questions */

struct generated {
    struct interview_new_question q[QUESTIONS_MAX];
    size_t n;
    const char *generator; /* "builtin" or the model's name */
    const char *warning;   /* why the model was not used, when it failed */
};

static void from_bank(const struct question_request *r, struct generated *g)
{
    const struct question *picked[QUESTIONS_MAX];
    g->n = questions_select(questions_default(), r, picked);
    for (size_t i = 0; i < g->n; i++)
        g->q[i] = (struct interview_new_question){picked[i]->text, picked[i]->category,
                                                  picked[i]->difficulty};
    g->generator = "builtin";
}

/* A copy of s in a, cut to at most max bytes without splitting a UTF-8 sequence. */
static char *copy_cut(struct arena *a, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    return arena_strndup(a, s, n);
}

/* Asks the model for the questions. Returns 0 with g filled, or -1 with the reason in why. */
static int from_model(struct request *req, const struct llm_config *llm,
                      const struct question_request *r, const struct interview_job *job,
                      struct generated *g, char *why, size_t n)
{
    char *prompt = questions_prompt(r, job ? job->company : NULL, job ? job->title : NULL);
    char *text;
    int rc = llm_chat(llm, system_prompt, prompt, &text, why, n);
    free(prompt);
    if (rc)
        return rc;
    const char *lines[QUESTIONS_MAX], *plan[QUESTIONS_MAX];
    size_t got = questions_parse_lines(text, lines, QUESTIONS_MAX);
    if (got < r->total) {
        snprintf(why, n, "the language model gave %zu usable questions of %zu", got, r->total);
        free(text);
        return -1;
    }
    questions_difficulty_plan(r->difficulty, r->total, plan);
    for (size_t i = 0; i < r->total; i++)
        g->q[i] = (struct interview_new_question){copy_cut(&req->arena, lines[i], 2000),
                                                  r->interview_type, plan[i]};
    g->n = r->total;
    g->generator = arena_strdup(&req->arena, llm_model_name(llm));
    free(text);
    return 0;
}

static void generate(struct request *req, const struct question_request *r,
                     const struct interview_job *job, struct generated *g)
{
    const struct llm_config *llm = &req->config->llm;
    if (llm_enabled(llm)) {
        char why[200];
        if (from_model(req, llm, r, job, g, why, sizeof why) == 0)
            return;
        log_error("interview questions: %s; using the built-in bank", why);
        g->warning = arena_printf(&req->arena, "%s; the built-in question bank was used", why);
    }
    from_bank(r, g);
}

/* ================================================================ routes */

int api_interviews_list(struct request *req)
{
    struct list_params p;
    int rc = http_list_params(req, &p);
    if (rc)
        return rc;
    json_t *items;
    int64_t total;
    rc = interview_list(request_db(req), req->user_id, &p, &req->arena, &items, &total, &req->err);
    return rc ? rc : http_reply_list(req, items, total, &p);
}

static int64_t int_value(struct values *v, const char *name, int64_t fallback)
{
    struct field_value *fv = values_get(v, name);
    return fv && fv->value.type == STORE_INT ? fv->value.i : fallback;
}

int api_interviews_create(struct request *req)
{
    struct values v = {0};
    int rc =
        table_parse(&interview_create_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    int64_t job_id = int_value(&v, "job_id", 0);
    struct interview_job job = {0};
    if (job_id && (rc = interview_job_load(request_db(req), req->user_id, job_id, &req->arena, &job,
                                           &req->err)))
        return rc;
    struct question_request r = {values_text(&v, "interview_type"),
                                 job.skills,
                                 job.nskills,
                                 job.text,
                                 values_text(&v, "difficulty"),
                                 (size_t)int_value(&v, "total_questions", DEFAULT_QUESTIONS),
                                 (uint64_t)int_value(&v, "seed", 0)};
    struct generated g = {0};
    generate(req, &r, job_id ? &job : NULL, &g);
    if (g.n == 0)
        return err_set(&req->err, ERR_INTERNAL, NULL, "no questions could be generated");
    json_t *session;
    rc = interview_create(request_db(req), req->user_id, job_id, r.interview_type, g.q, g.n,
                          &req->arena, &session, &req->err);
    if (rc)
        return rc;
    json_object_set_new(session, "generator", json_string(g.generator));
    json_object_set_new(session, "fallback", json_boolean(g.warning != NULL));
    if (g.warning)
        json_object_set_new(session, "warning", json_string(g.warning));
    return http_reply_created(req, session, "/api/v1/interviews/%lld",
                              (long long)json_get_int(session, "id"));
}

int api_interviews_get(struct request *req)
{
    json_t *session;
    int rc = interview_get(request_db(req), req->user_id, request_param_id(req, 0), &req->arena,
                           &session, &req->err);
    return rc ? rc : http_reply_json(req, 200, session);
}

int api_interviews_delete(struct request *req)
{
    int rc = table_delete(request_db(req), &interview_table, req->user_id, request_param_id(req, 0),
                          &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

typedef int (*session_change)(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                              json_t **out, struct err *e);

static int change(struct request *req, session_change fn)
{
    json_t *session;
    int rc = fn(request_db(req), req->user_id, request_param_id(req, 0), &req->arena, &session,
                &req->err);
    return rc ? rc : http_reply_json(req, 200, session);
}

int api_interviews_start(struct request *req)
{
    return change(req, interview_start);
}

int api_interviews_cancel(struct request *req)
{
    return change(req, interview_cancel);
}

int api_interviews_complete(struct request *req)
{
    return change(req, interview_complete);
}

int api_interviews_answer(struct request *req)
{
    struct values v = {0};
    int rc =
        table_parse(&interview_answer_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *question;
    rc = interview_answer(request_db(req), req->user_id, request_param_id(req, 0),
                          request_param_id(req, 1), values_text(&v, "answer"), &req->arena,
                          &question, &req->err);
    return rc ? rc : http_reply_json(req, 200, question);
}
