/*
 * This file declares the /content routes: generated documents (cover letters, e-mails,
 * summaries...) from the built-in templates or the configured language model, their list, and
 * their version history (edit, restore).
 */
#ifndef COPILOT_API_CONTENT_H
#define COPILOT_API_CONTENT_H

#include "../http/request.h"

int api_content_list(struct request *req);
int api_content_create(struct request *req);
int api_content_get(struct request *req);
int api_content_update(struct request *req);
int api_content_delete(struct request *req);
int api_content_restore(struct request *req);

#endif
