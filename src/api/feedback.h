/*
 * This file declares the /feedback routes: list, create, read, edit and delete feedback items,
 * and vote on them (one vote per user and item, changeable). Owners edit title and
 * description; administrators also set type, status, priority, admin_response and admin_notes
 * (another user sending those gets 403 naming the field).
 */
#ifndef COPILOT_API_FEEDBACK_H
#define COPILOT_API_FEEDBACK_H

#include "../http/request.h"
#include "../model/table.h"

/* The body of POST /feedback/{id}/vote. */
extern const struct table api_feedback_vote_body;

int api_feedback_list(struct request *req);
int api_feedback_create(struct request *req);
int api_feedback_get(struct request *req);
int api_feedback_update(struct request *req);
int api_feedback_delete(struct request *req);
int api_feedback_vote(struct request *req);
int api_feedback_unvote(struct request *req);

#endif
