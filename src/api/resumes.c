/*
 * This file implements the /resumes routes: the multipart part "file" in (size checked here,
 * type, storage and parsing in model/resume.c), the rows out, and the download with its
 * Content-Disposition. docs/resumes.md describes the shapes and choices.
 */
#include "resumes.h"

#include <string.h>

#include "../core/filetype.h"
#include "../core/skills.h"
#include "../core/utf8.h"
#include "../http/list.h"
#include "../http/reply.h"
#include "../http/upload.h"
#include "../lib/buf.h"
#include "../lib/config.h"
#include "../model/resume.h"
#include "../model/user.h"
#include "row_reply.h"

/* Content-Disposition for a download: an ASCII fallback name (anything outside
 * [A-Za-z0-9 ._()-] becomes '_') and the exact name as RFC 5987 filename*. */
static const char *content_disposition(struct arena *a, const char *filename, const char *type)
{
    struct buf ascii, encoded;
    buf_init(&ascii);
    buf_init(&encoded);
    size_t len = strlen(filename);
    for (size_t pos = 0; pos < len;) {
        size_t start = pos;
        uint32_t cp = utf8_next(filename, len, &pos);
        bool plain = cp < 0x80 && (strchr(" ._()-", (int)cp) || (cp >= '0' && cp <= '9') ||
                                   ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
        if (ascii.len > 0 || cp != '.')
            buf_putc(&ascii, plain ? (char)cp : '_');
        for (size_t k = start; k < pos; k++) {
            unsigned char c = (unsigned char)filename[k];
            if (c < 0x80 && (strchr("!#$&+-.^_`|~", c) || (c >= '0' && c <= '9') ||
                             ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
                buf_putc(&encoded, (char)c);
            else
                buf_printf(&encoded, "%%%02X", c);
        }
    }
    const char *value = ascii.len
                            ? arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
                                           ascii.data, encoded.data)
                            : arena_printf(a, "attachment; filename=\"resume.%s\"", type);
    buf_free(&ascii);
    buf_free(&encoded);
    return value;
}

/* ================================================================ routes */

int api_resumes_list(struct request *req)
{
    return http_reply_owner_list(req, resume_list);
}

int api_resumes_create(struct request *req)
{
    struct upload up;
    int rc = http_upload_file(req, "file", &up);
    if (rc)
        return rc;
    if (up.len == 0)
        return err_set(&req->err, ERR_INVALID, "file", "the file is empty");
    if (up.len > req->config->max_upload)
        return err_set(&req->err, ERR_TOO_LARGE, "file", "the file exceeds %zu bytes",
                       req->config->max_upload);
    struct resume_upload file = {up.data, up.len, up.filename};
    json_t *resume;
    rc = resume_upload(request_db(req), req->user_id, &file, &req->arena, &resume, &req->err);
    return rc ? rc : http_reply_created_at(req, resume, "/api/v1/resumes");
}

int api_resumes_get(struct request *req)
{
    json_t *resume;
    int rc = table_get(request_db(req), &resume_table, req->user_id, request_param_id(req, 0),
                       &req->arena, &resume, &req->err);
    return rc ? rc : http_reply_json(req, 200, resume);
}

int api_resumes_update(struct request *req)
{
    return api_reply_row_update(req, &resume_patch_body, false, resume_update);
}

int api_resumes_file(struct request *req)
{
    const char *data, *type, *filename;
    size_t len;
    int rc = resume_download(request_db(req), req->user_id, request_param_id(req, 0), &req->arena,
                             &data, &len, &type, &filename, &req->err);
    if (rc)
        return rc;
    http_add_header(req, "Content-Disposition", content_disposition(&req->arena, filename, type));
    /* X-Content-Type-Options: nosniff comes with every response (src/http/server.c) */
    return http_reply_bytes(req, 200, filetype_media_type(filetype_from_name(type)), data, len);
}

int api_resumes_set_primary(struct request *req)
{
    json_t *resume;
    int rc = resume_set_primary(request_db(req), req->user_id, request_param_id(req, 0),
                                &req->arena, &resume, &req->err);
    return rc ? rc : http_reply_json(req, 200, resume);
}

int api_resumes_delete(struct request *req)
{
    int rc = resume_delete(request_db(req), req->user_id, request_param_id(req, 0), &req->arena,
                           &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

static const struct field applied_fields[] = {
    {"added", FT_STRINGS, F_NOTNULL, .doc = "the skills the profile did not have"},
    {"suggested_experience_level", FT_TEXT, 0,
     .doc = "the level the résumé suggests (experience_level is the user's to set), or null"},
    {NULL},
};
const struct table api_resumes_applied_reply = {NULL, applied_fields, false, "SkillsApplied",
                                                &user_table};

int api_resumes_apply_skills(struct request *req)
{
    json_t *user, *added;
    const char *level;
    int rc = resume_apply_skills(request_db(req), req->user_id, request_param_id(req, 0),
                                 skills_default(), &req->arena, &user, &added, &level, &req->err);
    if (rc)
        return rc;
    json_object_set_new(user, "added", added);
    /* the résumé's level is only a suggestion: experience_level is the user's to set */
    json_object_set_new(user, "suggested_experience_level",
                        level ? json_string(level) : json_null());
    return http_reply_json(req, 200, user);
}
