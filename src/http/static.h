/*
 * This file declares the web page server: the files under web/ are embedded in the binary at
 * build time and answered for GET requests outside /api/ ("/" is web/index.html).
 */
#ifndef COPILOT_HTTP_STATIC_H
#define COPILOT_HTTP_STATIC_H

#include "request.h"

/* Answers req with the embedded file its path names. Returns 0, or ERR_NOT_FOUND (nothing
 * written) when there is no such file or the method is not GET/HEAD. */
int http_static_serve(struct request *req);

#endif
