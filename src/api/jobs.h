/* This file declares the /jobs routes: CRUD, list with filters and search, import, export, the
 * résumé a job uses. */
#ifndef COPILOT_API_JOBS_H
#define COPILOT_API_JOBS_H

#include "../http/request.h"
#include "../model/table.h"

/* The query arguments of GET /jobs/export (format). */
extern const struct table api_jobs_export_query;

int api_jobs_list(struct request *req);
int api_jobs_create(struct request *req);
int api_jobs_get(struct request *req);
int api_jobs_update(struct request *req);
int api_jobs_replace(struct request *req);
int api_jobs_delete(struct request *req);
int api_jobs_choose_resume(struct request *req);
int api_jobs_import(struct request *req);
int api_jobs_export(struct request *req);

#endif
