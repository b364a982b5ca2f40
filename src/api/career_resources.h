/*
 * This file declares the /resources routes: the public catalogue (list and read, no token
 * needed; a token, when given, records views and shows the caller's bookmark and rating),
 * recommendations for the caller's missing skills, bookmarks, ratings, and the administrators'
 * create/edit/delete.
 */
#ifndef COPILOT_API_CAREER_RESOURCES_H
#define COPILOT_API_CAREER_RESOURCES_H

#include "../http/request.h"
#include "../model/table.h"

/* The query arguments of GET /resources/{id} (source of the view). */
extern const struct table api_career_resources_get_query;

int api_career_resources_list(struct request *req);
int api_career_resources_get(struct request *req);
int api_career_resources_recommended(struct request *req);
int api_career_resources_bookmarks(struct request *req);
int api_career_resources_bookmark(struct request *req);
int api_career_resources_get_bookmark(struct request *req);
int api_career_resources_unbookmark(struct request *req);
int api_career_resources_get_feedback(struct request *req);
int api_career_resources_feedback(struct request *req);
int api_career_resources_create(struct request *req);
int api_career_resources_update(struct request *req);
int api_career_resources_delete(struct request *req);

#endif
