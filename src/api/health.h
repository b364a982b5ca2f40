/* This file declares the operational routes: /healthz, /readyz and /metrics. */
#ifndef COPILOT_API_HEALTH_H
#define COPILOT_API_HEALTH_H

#include "../http/request.h"
#include "../model/table.h"

/* The bodies of /healthz ({status}) and /readyz ({status, database}). */
extern const struct table api_health_reply;
extern const struct table api_ready_reply;

int api_healthz(struct request *req);
int api_readyz(struct request *req);
int api_metrics(struct request *req);

#endif
