/* This file implements the error channel declared in err.h. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Writes fmt with ap as e's message and, when given, field as its field. */
static void write_message(struct err *e, const char *field, const char *fmt, va_list ap)
{
    char message[sizeof e->message]; /* written apart: e->message may be an argument */
    vsnprintf(message, sizeof message, fmt, ap);
    memcpy(e->message, message, sizeof message);
    if (field)
        snprintf(e->field, sizeof e->field, "%s", field);
}

int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
{
    if (e == NULL || e->code != ERR_OK)
        return code;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    write_message(e, field, fmt, ap);
    va_end(ap);
    return code;
}

void err_restate(struct err *e, const char *field, const char *fmt, ...)
{
    if (e == NULL || e->code == ERR_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    write_message(e, field, fmt, ap);
    va_end(ap);
}

int err_replace(struct err *e, int code, const char *field, const char *fmt, ...)
{
    if (e == NULL)
        return code;
    char kept[sizeof e->field] = ""; /* field may be e->field, which the clear empties */
    if (field)
        snprintf(kept, sizeof kept, "%s", field);
    struct err fresh = {.code = code};
    va_list ap;
    va_start(ap, fmt);
    write_message(&fresh, kept, fmt, ap); /* e->message may be an argument: read before cleared */
    va_end(ap);
    *e = fresh;
    return code;
}

void err_clear(struct err *e)
{
    if (e)
        memset(e, 0, sizeof *e);
}

const char *err_code_name(int code)
{
    switch (code) {
    case ERR_OK:
        return "ok";
    case ERR_INVALID:
        return "validation_failed";
    case ERR_BAD_REQUEST:
        return "bad_request";
    case ERR_NOT_FOUND:
        return "not_found";
    case ERR_CONFLICT:
        return "conflict";
    case ERR_FOREIGN_KEY:
        return "validation_failed";
    case ERR_CHECK:
        return "validation_failed";
    case ERR_UNAUTHORIZED:
        return "unauthorized";
    case ERR_FORBIDDEN:
        return "forbidden";
    case ERR_TOO_LARGE:
        return "payload_too_large";
    case ERR_UNSUPPORTED:
        return "unsupported_media_type";
    case ERR_RATE_LIMITED:
        return "rate_limited";
    case ERR_METHOD:
        return "method_not_allowed";
    case ERR_BUSY:
        return "busy";
    case ERR_PRECONDITION:
        return "precondition_failed";
    case ERR_UNAVAILABLE:
        return "unavailable";
    default:
        return "internal";
    }
}
