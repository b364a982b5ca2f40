/*
 * This file declares the recommendation routes: GET /jobs/recommendations and the feedback on
 * one recommended job, /jobs/{id}/recommendation-feedback (POST upserts, GET reads, DELETE
 * removes). Shapes: docs/recommendations.md.
 */
#ifndef COPILOT_API_RECOMMENDATIONS_H
#define COPILOT_API_RECOMMENDATIONS_H

#include "../http/request.h"
#include "../model/table.h"

/* The reply of GET /jobs/recommendations: the list envelope plus excluded. */
extern const struct table api_recommendations_page;

/* ?limit= (1-100, default 20), ?offset=, ?sort=-match_score (default) | match_score:
 * the list envelope of scored jobs plus "excluded". */
int api_recommendations_list(struct request *req);
/* {is_helpful, comment?}: 201 with Location for a first verdict, 200 when it replaces one;
 * 404 when the job is not the caller's. */
int api_recommendations_feedback_put(struct request *req);
int api_recommendations_feedback_get(struct request *req);
int api_recommendations_feedback_delete(struct request *req);

#endif
