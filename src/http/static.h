/*
 * This file declares the web page server: the files under web/ are embedded in the binary at
 * build time and answered for GET requests outside /api/ ("/" is web/index.html). On first use
 * the files are prepared once: each gets a gzip copy (served when the client accepts gzip and
 * it is smaller) and an ETag (a digest of the bytes sent; If-None-Match answers 304), and all
 * of them together a version, the digest of every file. The same files are also served under
 * /v/<version>/..., which may be cached for a year (immutable: a new build is a new version);
 * index.html refers to its script, style and icon under that prefix, so the relative imports of
 * the modules stay inside it, and is itself served with no-cache (revalidated by ETag). Paths
 * without the prefix, or with another version, are revalidated every time.
 */
#ifndef COPILOT_HTTP_STATIC_H
#define COPILOT_HTTP_STATIC_H

#include <stdbool.h>
#include <stddef.h>

#include "request.h"

/* Answers req with the embedded file its path names. Returns 0, or ERR_NOT_FOUND (nothing
 * written) when there is no such file or the method is not GET/HEAD. */
int http_static_serve(struct request *req);

/* The version of the embedded web files (16 hex digits), as in the /v/ prefix. */
const char *http_static_version(void);

/* Pure parts, exposed for unit tests. */
/* True when an Accept-Encoding value accepts gzip (by name or "*", with a q above 0). */
bool http_accepts_gzip(const char *accept_encoding);
/* True when an If-None-Match value ("*", or a list of entity tags, weak ones compared weakly)
 * names etag (a quoted strong tag). */
bool http_etag_matches(const char *if_none_match, const char *etag);

#endif
