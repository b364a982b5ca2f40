/* This file declares the /tasks routes: a user's to-dos (list with filters, CRUD; marking one
 * done is PATCH {"done": true}). */
#ifndef COPILOT_API_TASKS_H
#define COPILOT_API_TASKS_H

#include "../http/request.h"

int api_tasks_list(struct request *req);
int api_tasks_create(struct request *req);
int api_tasks_get(struct request *req);
int api_tasks_update(struct request *req);
int api_tasks_replace(struct request *req);
int api_tasks_delete(struct request *req);

#endif
