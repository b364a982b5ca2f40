/*
 * This file declares the /resumes routes: upload (multipart, parsed in the request), list,
 * get, label (PATCH), download of the stored file, primary flag, delete, and applying the
 * extracted skills to the profile. docs/resumes.md describes the shapes and choices.
 */
#ifndef COPILOT_API_RESUMES_H
#define COPILOT_API_RESUMES_H

#include "../http/request.h"
#include "../model/table.h"

/* The reply of POST /resumes/{id}/apply-skills: the user and the skills added. */
extern const struct table api_resumes_applied_reply;

int api_resumes_list(struct request *req);
int api_resumes_create(struct request *req);
int api_resumes_get(struct request *req);
int api_resumes_update(struct request *req);
int api_resumes_file(struct request *req);
int api_resumes_set_primary(struct request *req);
int api_resumes_delete(struct request *req);
int api_resumes_apply_skills(struct request *req);

#endif
