/* This file declares the /job-sources routes: the boards and feeds a user follows (CRUD), what
 * an address is recognised as, fetching one now, and what each fetch brought. */
#ifndef COPILOT_API_JOB_SOURCES_H
#define COPILOT_API_JOB_SOURCES_H

#include "../http/request.h"
#include "../model/table.h"

/* The query of GET /job-sources/recognise (url), its reply {kind, identifier, page_url}, and
 * the reply of POST /job-sources/{id}/fetch. */
extern const struct table api_job_sources_recognise_query;
extern const struct table api_job_sources_recognise_reply;
extern const struct table api_job_sources_fetch_reply;

int api_job_sources_list(struct request *req);
int api_job_sources_create(struct request *req);
int api_job_sources_recognise(struct request *req);
int api_job_sources_get(struct request *req);
int api_job_sources_update(struct request *req);
int api_job_sources_delete(struct request *req);
int api_job_sources_fetch(struct request *req);
int api_job_sources_runs(struct request *req);

#endif
