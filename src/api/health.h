/* This file declares the operational routes: /healthz, /readyz and /metrics. */
#ifndef COPILOT_API_HEALTH_H
#define COPILOT_API_HEALTH_H

#include "../http/request.h"

int api_healthz(struct request *req);
int api_readyz(struct request *req);
int api_metrics(struct request *req);

#endif
