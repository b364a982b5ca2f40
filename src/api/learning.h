/*
 * This file declares the /learning-paths routes: the public list and detail (no token needed;
 * with one, the detail shows the caller's enrollment), enrolling, recording progress, leaving,
 * the caller's enrollments, and the administrators' create/edit/delete.
 */
#ifndef COPILOT_API_LEARNING_H
#define COPILOT_API_LEARNING_H

#include "../http/request.h"

int api_learning_list(struct request *req);
int api_learning_get(struct request *req);
int api_learning_enrolled(struct request *req);
int api_learning_enroll(struct request *req);
int api_learning_unenroll(struct request *req);
int api_learning_progress(struct request *req);
int api_learning_create(struct request *req);
int api_learning_update(struct request *req);
int api_learning_delete(struct request *req);

#endif
