/* This file implements multipart/form-data access (upload.h) with MHD's post processor. */
#include "upload.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#include "../lib/buf.h"

struct part_search {
    struct request *req;
    const char *field;
    struct buf data;
    bool found, repeated;
    const char *filename, *content_type;
    const char *unknown; /* the first part called anything else */
};

/* libmicrohttpd hands each part in pieces, off counting within the part: a piece at off 0
 * after bytes of the field were kept starts a second part of that name. */
static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    struct part_search *s = cls;
    if (key == NULL)
        return MHD_YES;
    if (strcmp(key, s->field) != 0) {
        if (s->unknown == NULL)
            s->unknown = arena_strdup(&s->req->arena, key);
        return MHD_YES;
    }
    if (s->found && off == 0 && s->data.len > 0)
        s->repeated = true;
    if (s->repeated)
        return MHD_YES;
    if (!s->found) {
        s->found = true;
        s->filename = filename ? arena_strdup(&s->req->arena, filename) : NULL;
        s->content_type = content_type ? arena_strdup(&s->req->arena, content_type) : NULL;
    }
    buf_append(&s->data, data, size);
    return MHD_YES;
}

/* Whether body holds the close delimiter of the boundary the Content-Type names (RFC 2046:
 * CRLF "--" boundary "--"). libmicrohttpd's post processor does not tell a body that ends
 * there from one cut short: it hands over what it read of the last part (all of it but the
 * bytes it held back in case they began a delimiter) and says yes, so a truncated upload was
 * stored as a shorter file, "hello" as "h" (second hostile probe, thirty-third round).
 * A body that is the close delimiter alone ("--" boundary "--", no CRLF before it: what a
 * client's empty form data encodes) is complete too: an upload without any part, answered as
 * one without the file (422 naming it), not as a truncated one (thirty-fifth round). */
static bool has_close_delimiter(struct request *req)
{
    const char *type = request_header(req, "Content-Type");
    const char *b = type ? strcasestr(type, "boundary=") : NULL;
    if (b == NULL)
        return false;
    b += strlen("boundary=");
    bool quoted = *b == '"';
    b += quoted;
    size_t n = quoted ? strcspn(b, "\"") : strcspn(b, " \t;");
    if (n == 0 || n > req->body.len)
        return false;
    const char *close = arena_printf(&req->arena, "\r\n--%.*s--", (int)n, b);
    size_t close_len = strlen(close);
    if (req->body.len >= close_len - 2 && memcmp(req->body.data, close + 2, close_len - 2) == 0)
        return true;
    return memmem(req->body.data, req->body.len, close, close_len) != NULL;
}

int http_upload_file(struct request *req, const char *field, struct upload *out)
{
    if (!request_content_type_is(req, "multipart/form-data"))
        return err_set(&req->err, ERR_UNSUPPORTED, NULL, "expected a multipart/form-data upload");
    struct part_search s = {.req = req, .field = field};
    buf_init(&s.data);
    struct MHD_PostProcessor *pp = MHD_create_post_processor(req->connection, 65536, on_part, &s);
    if (pp == NULL) {
        buf_free(&s.data);
        return err_set(&req->err, ERR_BAD_REQUEST, NULL, "malformed multipart body");
    }
    enum MHD_Result ok = MHD_post_process(pp, req->body.data ? req->body.data : "", req->body.len);
    MHD_destroy_post_processor(pp);
    int rc = 0;
    if (ok != MHD_YES)
        rc = err_set(&req->err, ERR_BAD_REQUEST, NULL, "malformed multipart body");
    else if (!has_close_delimiter(req))
        rc = err_set(&req->err, ERR_BAD_REQUEST, NULL,
                     "malformed multipart body: it ends before its closing boundary "
                     "(a truncated upload)");
    else if (!s.found) /* first: a part under another name is most often the file misnamed */
        rc = err_set(&req->err, ERR_INVALID, field, "the upload has no part called %s", field);
    else if (s.unknown) /* as an unknown member of a JSON body (SPEC part B) */
        rc = err_set(&req->err, ERR_INVALID, s.unknown, "unknown field: %s", s.unknown);
    else if (s.repeated)
        rc = err_set(&req->err, ERR_INVALID, field,
                     "the upload has more than one part called %s: send one file", field);
    if (rc == 0) {
        out->len = s.data.len;
        out->data = arena_strndup(&req->arena, s.data.data ? s.data.data : "", s.data.len);
        out->filename = s.filename;
        out->content_type = s.content_type;
    }
    buf_free(&s.data);
    return rc;
}
