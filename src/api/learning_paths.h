/*
 * This file declares the /learning-paths routes: the public list and detail (no token needed;
 * with one, the detail shows the caller's enrollment), the paths recommended for the caller's
 * skill gap, enrolling, recording progress, leaving, the caller's enrollments, and the
 * administrators' create/edit/delete.
 */
#ifndef COPILOT_API_LEARNING_PATHS_H
#define COPILOT_API_LEARNING_PATHS_H

#include "../http/request.h"
#include "../model/table.h"

/* The body of PATCH /learning-paths/{id}/progress. */
extern const struct table api_learning_paths_progress_body;
/* The query arguments of GET /learning-paths/recommended (limit). */

int api_learning_paths_list(struct request *req);
int api_learning_paths_get(struct request *req);
/* GET /learning-paths/recommended: paths for the skills the jobs that matter ask for. */
int api_learning_paths_recommended(struct request *req);
int api_learning_paths_enrolled(struct request *req);
int api_learning_paths_enroll(struct request *req);
int api_learning_paths_unenroll(struct request *req);
int api_learning_paths_progress(struct request *req);
int api_learning_paths_create(struct request *req);
int api_learning_paths_update(struct request *req);
int api_learning_paths_delete(struct request *req);

#endif
