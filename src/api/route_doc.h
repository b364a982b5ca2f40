/*
 * This file declares what a route tells the API document: the DOC(...) of each row of
 * api_routes[] (src/api/routes.c) and the route groups (tags). A row is {method, pattern,
 * handler, flags, DOC(...)}. The router reads the first four; src/api/openapi.c reads all five
 * and derives what the router already knows: the path parameters from the pattern, the
 * security from ROUTE_AUTH / ROUTE_AUTH_OPTIONAL / ROUTE_ADMIN, a JSON request body from
 * ROUTE_JSON, an upload from ROUTE_UPLOAD, and the errors those checks answer (401, 403,
 * 400/413/415/422, 404 for a path with parameters, 422 for a list or query arguments, 503 busy
 * for the ROUTE_SLOW_* routes). The doc adds what only the route knows: its tag and summary,
 * the body's descriptor (the one the handler gives table_parse), the list spec, other query
 * arguments, the replies per status and the errors beyond the derived ones. docs/api.md
 * explains it with examples; tests/unit/api/test_routes.c refuses a row without the metadata
 * the document needs.
 */
#ifndef COPILOT_API_ROUTE_DOC_H
#define COPILOT_API_ROUTE_DOC_H

#include "../http/router.h"
#include "../model/table.h"

/* What a route answers on success. */
enum reply_kind {
    RK_OBJECT,   /* a JSON object of .shape (status 200 unless given) */
    RK_CREATED,  /* 201 with Location and a JSON object of .shape */
    RK_LIST,     /* the list envelope {items: [.shape...], total, limit, offset} */
    RK_EMPTY,    /* no body (204) */
    RK_FILE,     /* a download: bytes of .media (one or more media types, ", "-separated), with
                    Content-Disposition */
    RK_TEXT,     /* bytes of .media shown, not downloaded (metrics) */
    RK_REDIRECT, /* 302 with Location; a JSON object of .shape */
};

/* Response headers a reply carries beyond those its kind implies (Location on 201 and 302,
 * Content-Disposition on RK_FILE, Retry-After on 429). */
enum {
    RH_ETAG = 1 << 0, /* ETag: the object's version */
};

struct reply_doc {
    int status; /* 0 = the end of the list */
    enum reply_kind kind;
    const struct table *shape; /* RK_FILE / RK_TEXT: of the JSON media type only (may be NULL) */
    const char *media;
    unsigned headers;        /* RH_* */
    const char *description; /* optional: when this status is given */
    bool array;              /* the JSON body is an array of .shape objects */
};

#define OBJECT(shape)                                                                              \
    {                                                                                              \
        200, RK_OBJECT, (shape)                                                                    \
    }
#define CREATED(shape)                                                                             \
    {                                                                                              \
        201, RK_CREATED, (shape)                                                                   \
    }
#define LIST(shape)                                                                                \
    {                                                                                              \
        200, RK_LIST, (shape)                                                                      \
    }
#define NO_CONTENT                                                                                 \
    {                                                                                              \
        204, RK_EMPTY                                                                              \
    }
#define DOWNLOAD(media)                                                                            \
    {                                                                                              \
        200, RK_FILE, NULL, (media)                                                                \
    }

/* Error statuses a route may answer beyond the derived ones (see above). 500 is never
 * documented: it is a bug. */
enum {
    E400 = 1 << 0,  /* bad_request: a malformed query or body */
    E401 = 1 << 1,  /* unauthorized */
    E403 = 1 << 2,  /* forbidden */
    E404 = 1 << 3,  /* not_found */
    E409 = 1 << 4,  /* conflict, with existing_id where a row is duplicated */
    E412 = 1 << 5,  /* precondition_failed: If-Match no longer matches */
    E413 = 1 << 6,  /* payload_too_large */
    E415 = 1 << 7,  /* unsupported_media_type */
    E422 = 1 << 8,  /* validation_failed, with field (and allowed) */
    E429 = 1 << 9,  /* rate_limited, with Retry-After */
    E503 = 1 << 10, /* the database is unavailable */
};

#define ROUTE_DOC_REPLIES 4

struct route_doc {
    const char *tag;         /* the route group: one of api_tags[] */
    const char *summary;     /* one line, imperative-free: "List own jobs" */
    const char *description; /* optional, Markdown */
    /* ROUTE_JSON: the descriptor table_parse checks the body against, and the mode (create:
     * F_REQUIRED fields required; patch: none). ROUTE_JSON without one: the body is any JSON. */
    const struct table *body;
    enum parse_mode body_mode;
    bool body_optional; /* the handler accepts an empty body */
    bool body_array;    /* the JSON body is an array of .body objects (an import) */
    /* ROUTE_UPLOAD: the media types accepted, ", "-separated ("multipart/form-data" takes one
     * part called file) */
    const char *upload;
    /* a list route: the spec table_list_query checks the arguments against, and the descriptor
     * its filters name (NULL: the shape of the RK_LIST reply) */
    const struct list_spec *list;
    const struct table *list_table;
    /* other query arguments, described as fields (type, allowed values, range) */
    const struct table *query;
    /* path parameters that are text (every other one is a positive integer: an id, a version
     * or a position) */
    const char *const *text_params;
    struct reply_doc replies[ROUTE_DOC_REPLIES]; /* success statuses */
    unsigned errors;                             /* E* beyond the derived ones */
};

/* The doc of one row: DOC(.tag = "jobs", .summary = "...", .replies = {OBJECT(&job_table)}) */
#define DOC(...) (&(const struct route_doc){__VA_ARGS__})

/* A route group: the tag its routes name. */
struct api_tag {
    const char *name;
    const char *description;
};

#endif
