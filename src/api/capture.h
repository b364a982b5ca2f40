/* This file declares POST /jobs/capture: a job drafted from a web page, and saved on request. */
#ifndef COPILOT_API_CAPTURE_H
#define COPILOT_API_CAPTURE_H

#include "../http/request.h"
#include "../model/table.h"

/* The body {url, html?, job?}, the query (save) and the reply {job, extracted_from, missing}. */
extern const struct table api_capture_body;
extern const struct table api_capture_query;
extern const struct table api_capture_reply;

int api_capture_job(struct request *req);

#endif
