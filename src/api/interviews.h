/*
 * This file declares the /interviews routes: practice sessions with generated questions
 * (built-in bank or the configured language model), their life cycle, answers with scores and
 * feedback, and the session summary.
 */
#ifndef COPILOT_API_INTERVIEWS_H
#define COPILOT_API_INTERVIEWS_H

#include "../http/request.h"
#include "../model/table.h"

/* The reply of POST /interviews: the session with its questions and how they were made. */
extern const struct table api_interviews_created_reply;
/* The reply of POST /interviews/{id}/questions/{position}/answer: the question, scored. */
extern const struct table api_interviews_graded_reply;

int api_interviews_list(struct request *req);
int api_interviews_create(struct request *req);
int api_interviews_get(struct request *req);
int api_interviews_delete(struct request *req);
int api_interviews_start(struct request *req);
int api_interviews_cancel(struct request *req);
int api_interviews_complete(struct request *req);
int api_interviews_answer(struct request *req);

#endif
