/*
 * This file declares the reply of a route whose whole answer is kept (src/model/answer_cache.h:
 * GET /calendar, GET /applications/board): the user's version of the route's rows read first,
 * its ETag and 304 on If-None-Match, the kept answer sent without a copy, or the answer built,
 * kept and sent.
 */
#ifndef COPILOT_API_ANSWER_REPLY_H
#define COPILOT_API_ANSWER_REPLY_H

#include "../http/request.h"
#include "../lib/buf.h"
#include "../model/answer_cache.h"

/* Appends the answer's JSON text to body (req's rows read in the request's connection). */
typedef int (*answer_build)(struct request *req, void *ctx, struct buf *body);

/* Replies 200 with the answer of (req's user, key) at the user's version of which, from the
 * cache or built by build(req, ctx, body) (then kept), or 304 when If-None-Match names its
 * ETag ("<name>-<user>-<version>", or "<name>-<digest>" when the user has no version). */
int api_reply_answer(struct request *req, enum answer_version which, const char *name,
                     const char *key, answer_build build, void *ctx);

#endif
