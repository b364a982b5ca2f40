/* This file declares the /applications routes: CRUD with pipeline rules, the pipeline itself,
 * the bounded board, follow-ups. */
#ifndef COPILOT_API_APPLICATIONS_H
#define COPILOT_API_APPLICATIONS_H

#include "../http/request.h"
#include "../model/table.h"

/* The reply of GET /applications/pipeline. */
extern const struct table api_applications_pipeline_reply;

/* The query arguments of PATCH /applications/{id} (force: reopen a final state). */
extern const struct table api_applications_update_query;
extern const struct table api_applications_board_query;

int api_applications_list(struct request *req);
int api_applications_create(struct request *req);
int api_applications_get(struct request *req);
int api_applications_update(struct request *req);
int api_applications_delete(struct request *req);
int api_applications_board(struct request *req);
int api_applications_follow_ups(struct request *req);
int api_applications_pipeline(struct request *req);

#endif
