/*
 * This file implements the /interviews routes. Question generation (the configured language
 * model, or the built-in bank when there is none or it fails), sessions and answers are the
 * model's (src/model/interview.c); the response of POST /interviews says which generator wrote
 * the questions in "generator", and "fallback"/"warning" when the model failed; the answer
 * route says the same of the grading. This file maps HTTP in and out.
 */
#include "interviews.h"

#include <string.h>

#include "../core/questions.h"
#include "../http/list.h"
#include "../http/reply.h"
#include "../lib/config.h"
#include "../model/interview.h"

/* ================================================================ routes */

int api_interviews_list(struct request *req)
{
    return http_reply_owner_list(req, interview_list);
}

#define DEFAULT_QUESTIONS 5

static int64_t int_value(struct values *v, const char *name, int64_t fallback)
{
    struct field_value *fv = values_get(v, name);
    return fv && fv->value.type == STORE_INT ? fv->value.i : fallback;
}

static const struct field created_fields[] = {
    {"generator", FT_TEXT, F_NOTNULL, .doc = "builtin, or the language model's name"},
    {"fallback", FT_BOOL, F_NOTNULL,
     .doc = "the language model failed: the built-in bank was used"},
    {"warning", FT_TEXT, F_OPTIONAL, .doc = "why the fallback was used"},
    {NULL},
};
const struct table api_interviews_created_reply = {NULL, created_fields, false, "CreatedInterview",
                                                   &interview_session_reply};

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
    const char *type = values_text(&v, "interview_type");
    const char **asked;
    size_t nasked;
    if ((rc = interview_recent_questions(request_db(req), req->user_id, type, &req->arena, &asked,
                                         &nasked, &req->err)))
        return rc;
    struct question_request r = {type,
                                 job.skills,
                                 job.nskills,
                                 job.text,
                                 values_text(&v, "difficulty"),
                                 (size_t)int_value(&v, "total_questions", DEFAULT_QUESTIONS),
                                 (uint64_t)int_value(&v, "seed", 0),
                                 asked,
                                 nasked};
    struct interview_questions g;
    interview_generate(&req->config->llm, &r, job_id ? &job : NULL, &req->arena, &g);
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
    return http_reply_created_at(req, session, "/api/v1/interviews");
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

static const struct field graded_fields[] = {
    {"generator", FT_TEXT, F_NOTNULL, .doc = "builtin, or the language model that graded"},
    {"fallback", FT_BOOL, F_NOTNULL, .doc = "the language model failed: the built-in score"},
    {"warning", FT_TEXT, F_OPTIONAL, .doc = "why the fallback was used"},
    {NULL},
};
const struct table api_interviews_graded_reply = {NULL, graded_fields, false, "GradedAnswer",
                                                  &interview_question_table};

int api_interviews_answer(struct request *req)
{
    struct values v = {0};
    int rc =
        table_parse(&interview_answer_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *question;
    struct interview_grade g;
    rc = interview_answer(request_db(req), &req->config->llm, req->user_id,
                          request_param_id(req, 0), request_param_id(req, 1),
                          values_text(&v, "answer"), &req->arena, &question, &g, &req->err);
    if (rc)
        return rc;
    json_object_set_new(question, "generator", json_string(g.grader));
    json_object_set_new(question, "fallback", json_boolean(g.warning != NULL));
    if (g.warning)
        json_object_set_new(question, "warning", json_string(g.warning));
    return http_reply_json(req, 200, question);
}
