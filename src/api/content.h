/*
 * This file declares the /content routes: generated documents (cover letters, e-mails,
 * summaries...) from the built-in templates or the configured language model, their list, and
 * their version history (edit, restore).
 */
#ifndef COPILOT_API_CONTENT_H
#define COPILOT_API_CONTENT_H

#include "../http/request.h"
#include "../model/table.h"

/* The reply of POST /content: the document and whether the templates stood in. */
extern const struct table api_content_created_reply;

int api_content_list(struct request *req);
int api_content_create(struct request *req);
int api_content_get(struct request *req);
int api_content_update(struct request *req);
int api_content_delete(struct request *req);
int api_content_restore(struct request *req);

#endif
