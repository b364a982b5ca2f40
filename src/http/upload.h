/*
 * This file declares access to multipart/form-data uploads. The body has already been read
 * (and capped) by the server; libmicrohttpd's post processor splits it into parts.
 */
#ifndef COPILOT_HTTP_UPLOAD_H
#define COPILOT_HTTP_UPLOAD_H

#include <stddef.h>

#include "request.h"

struct upload {
    const char *data; /* in req->arena, NUL-terminated (len excludes the NUL) */
    size_t len;
    const char *filename;     /* as the client named it, or NULL */
    const char *content_type; /* the part's declared type, or NULL */
};

/* Finds the part called field in a multipart/form-data request, which must hold that one part
 * and no other. Returns 0, ERR_UNSUPPORTED when the request is not multipart, or ERR_INVALID
 * naming the field: the part missing (first: a misnamed file), a part called anything else
 * (as an unknown member of a JSON body), or the part sent twice. */
int http_upload_file(struct request *req, const char *field, struct upload *out);

#endif
