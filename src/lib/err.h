/*
 * This file declares the one result-code family and error channel used by every layer.
 * Fallible functions return 0 (ERR_OK) or a negative code and fill a caller-supplied
 * struct err with a human message and, where one field is at fault, its name. Exactly one
 * function (http_reply_error in src/http/reply.c) turns a code into an HTTP status.
 */
#ifndef COPILOT_LIB_ERR_H
#define COPILOT_LIB_ERR_H

#include <stdint.h>

enum {
    ERR_OK = 0,
    ERR_INVALID = -1,       /* well-formed input with a bad value (422 validation_failed) */
    ERR_BAD_REQUEST = -2,   /* malformed JSON or query (400) */
    ERR_NOT_FOUND = -3,     /* no such row, or not the caller's (404) */
    ERR_CONFLICT = -4,      /* unique violation (409) */
    ERR_FOREIGN_KEY = -5,   /* dangling reference (422) */
    ERR_CHECK = -6,         /* CHECK / NOT NULL / enum / JSON validity violated (422) */
    ERR_UNAUTHORIZED = -7,  /* 401 */
    ERR_FORBIDDEN = -8,     /* 403 */
    ERR_TOO_LARGE = -9,     /* 413 */
    ERR_UNSUPPORTED = -10,  /* 415 */
    ERR_RATE_LIMITED = -11, /* 429 */
    ERR_DB = -12,           /* unexpected database failure (503) */
    ERR_INTERNAL = -13,     /* a bug (500) */
    ERR_METHOD = -14,       /* path exists, method does not (405) */
    ERR_BUSY = -15,         /* the server's queue for slow work is full (503, with Retry-After) */
    ERR_PRECONDITION = -16, /* If-Match names a version the row no longer has (412) */
    ERR_UNAVAILABLE = -17,  /* the database is unreachable, read-only, lost the connection
                               mid-write or is too slow, or the pool is exhausted: 503 with
                               Retry-After; the client may try again */
};

/* Filled by whoever fails first; later failures never overwrite an earlier message. */
struct err {
    int code;
    char message[256];
    char field[64];
    char constraint[96]; /* database constraint or index name, when the engine reports one */
    int64_t existing_id; /* conflicts that point at an existing row (duplicate job); 0 = none */
    char reason[32]; /* short machine reason that goes with existing_id ("url", "fingerprint") */
    const char *allowed[16]; /* static strings: the values that would have been accepted */
    int nallowed;
    int retry_after; /* seconds, with ERR_RATE_LIMITED, ERR_BUSY, ERR_UNAVAILABLE (0: default) */
};

/* Records code, field (may be NULL) and a printf-style message in e (may be NULL); returns code. */
int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Says again, in words a user can act on, the failure e already holds (a unique violation the
 * engine reported, named as the field a user can change): its field (NULL: left as it was) and
 * a printf-style message replace e's, which keeps its code and the rest (constraint,
 * existing_id). The arguments may include e->message itself, to say it again with more around
 * it ("%s (table %s)", or "%s" to name another field). Does nothing when e is NULL or holds no
 * failure. */
void err_restate(struct err *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Turns the failure e holds (or none) into another: code, field (NULL: none) and a printf-style
 * message, as err_clear then err_set would; what went with the old failure (constraint,
 * existing_id, reason, allowed, retry_after) is cleared, for the caller to set again. The
 * arguments may include e->message and e->field themselves ("%s" with e->message and a NULL
 * field: the same failure without its field). Returns code; e may be NULL. To keep the code and
 * the rest and reword only, err_restate; to try again after a failure, err_clear. */
int err_replace(struct err *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Clears e (may be NULL, as err_set's) to ERR_OK. */
void err_clear(struct err *e);

/* The stable machine name of a code ("validation_failed", "not_found", ...). */
const char *err_code_name(int code);

#endif
