/*
 * This file implements the /resumes routes. An upload is taken from the multipart part "file",
 * recognised by its content (core/filetype.c: 415 for anything but PDF, DOCX, text and
 * Markdown), stored under a name the server chooses ($COPILOT_DATA_DIR/uploads/<user id>/
 * <32 random hex digits>.<type>; the client's filename is kept for display only), and parsed
 * in the request: text from pdftotext (lib/pdftext.c), the DOCX reader (core/docx.c) or the
 * bytes themselves, then cleaned and analysed (core/cv_text.c). A file that cannot be read
 * is still stored, with parsing_status "failed" and the reason in parsing_error.
 */
#include "resumes.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/cv_text.h"
#include "../core/docx.h"
#include "../core/filetype.h"
#include "../core/skills.h"
#include "../core/utf8.h"
#include "../http/list.h"
#include "../http/reply.h"
#include "../http/upload.h"
#include "../lib/config.h"
#include "../lib/crypto.h"
#include "../lib/fs.h"
#include "../lib/json.h"
#include "../lib/log.h"
#include "../lib/pdftext.h"
#include "../model/resume.h"

#define RESUME_TEXT_MAX 100000 /* bytes of cleaned text kept in parsed_data and analysed */
#define FILENAME_MAX_CHARS 255

/* ================================================================ file names and paths */

/* The client's filename fit for display: the last path component, control characters
 * dropped, invalid UTF-8 replaced, trimmed, at most FILENAME_MAX_CHARS characters; a fallback
 * "resume.<type>" when nothing usable is left. Never used to build a path. */
static const char *display_filename(struct arena *a, const char *client, enum filetype type)
{
    const char *base = client ? client : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    size_t len = strlen(base), pos = 0, chars = 0;
    struct buf out;
    buf_init(&out);
    while (pos < len && chars < FILENAME_MAX_CHARS) {
        uint32_t cp = utf8_next(base, len, &pos);
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (out.len == 0 && cp == ' '))
            continue;
        char bytes[UTF8_MAX_BYTES];
        buf_append(&out, bytes, utf8_encode(cp, bytes));
        chars++;
    }
    while (out.len > 0 && out.data[out.len - 1] == ' ')
        out.len--;
    const char *name;
    if (out.len == 0 || (out.len == 1 && out.data[0] == '.') ||
        (out.len == 2 && memcmp(out.data, "..", 2) == 0))
        name = arena_printf(a, "resume.%s", filetype_name(type));
    else
        name = arena_strndup(a, out.data, out.len);
    buf_free(&out);
    return name;
}

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

/* True when path is one this server chose for user: uploads/<user>/<hex>.<type>. */
static bool own_upload_path(const char *path, int64_t user_id)
{
    char prefix[48];
    int n = snprintf(prefix, sizeof prefix, "uploads/%lld/", (long long)user_id);
    if (strncmp(path, prefix, (size_t)n) != 0)
        return false;
    const char *name = path + n, *dot = strchr(name, '.');
    if (dot == NULL || dot == name || filetype_from_name(dot + 1) == FILETYPE_UNKNOWN)
        return false;
    for (const char *p = name; p < dot; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static const char *absolute(struct request *req, const char *relative)
{
    return arena_printf(&req->arena, "%s/%s", req->config->data_dir, relative);
}

/* Writes data under a new random name in the user's upload directory; *relative receives the
 * path relative to the data directory. */
static int store_file(struct request *req, const char *data, size_t len, enum filetype type,
                      const char **relative)
{
    char name[33];
    crypto_random_hex(name, 16);
    const char *dir = arena_printf(&req->arena, "uploads/%lld", (long long)req->user_id);
    *relative = arena_printf(&req->arena, "%s/%s.%s", dir, name, filetype_name(type));
    if (fs_mkdirs(absolute(req, dir)) != 0) {
        log_error("cannot create %s: %s", absolute(req, dir), strerror(errno));
        return err_set(&req->err, ERR_INTERNAL, NULL, "cannot store the file");
    }
    const char *path = absolute(req, *relative);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0) {
        log_error("cannot create %s: %s", path, strerror(errno));
        return err_set(&req->err, ERR_INTERNAL, NULL, "cannot store the file");
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    if (close(fd) != 0 || done < len) {
        log_error("cannot write %s: %s", path, strerror(errno));
        unlink(path);
        return err_set(&req->err, ERR_INTERNAL, NULL, "cannot store the file");
    }
    return 0;
}

/* Reads the whole file at path into the arena. */
static int read_file(struct request *req, const char *path, const char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        log_error("résumé file %s cannot be read: %s", path, strerror(errno));
        return err_set(&req->err, ERR_NOT_FOUND, NULL, "the résumé's file is missing");
    }
    char *buf = arena_alloc(&req->arena, (size_t)st.st_size + 1);
    size_t done = 0;
    while (done < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    close(fd);
    *data = buf;
    *len = done;
    return 0;
}

/* ================================================================ parsing */

/* Extracts, cleans and analyses the upload, filling the parse columns of row. Never fails:
 * a file that cannot be read gives parsing_status "failed" with the reason. */
static void parse_upload(struct request *req, enum filetype type, const char *path,
                         const struct upload *up, struct resume_row *row)
{
    struct buf raw;
    buf_init(&raw);
    struct err e = {0};
    bool cut = false;
    int rc = 0;
    if (type == FILETYPE_PDF)
        rc = pdftext_extract(path, &raw, &cut, &e);
    else if (type == FILETYPE_DOCX)
        rc = docx_extract_text(up->data, up->len, &raw, &e);
    else
        buf_append(&raw, up->data, up->len);
    if (rc == ERR_INTERNAL)
        log_error("résumé %s: %s", path, e.message);

    bool truncated = false;
    char *text =
        rc ? NULL : cv_text_clean(raw.data ? raw.data : "", raw.len, RESUME_TEXT_MAX, &truncated);
    buf_free(&raw);
    row->extracted_skills = "[]";
    if (rc == 0 && text[0] == '\0')
        rc = err_set(&e, ERR_INVALID, NULL, "the file holds no text (a scanned image?)");
    if (rc) {
        row->parsing_status = "failed";
        row->parsing_error = arena_strdup(&req->arena, e.message);
        free(text);
        return;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    struct cv_analysis *r = arena_alloc(&req->arena, sizeof *r);
    cv_analyse(text, skills_default(), tm.tm_year + 1900, tm.tm_mon + 1, r);

    json_t *parsed = resume_parsed_json(r, text, truncated || cut);
    json_t *skills = resume_skills_json(r), *contact = resume_contact_json(&r->contact);
    char *p = json_dumps(parsed, JSON_COMPACT), *s = json_dumps(skills, JSON_COMPACT),
         *c = json_dumps(contact, JSON_COMPACT);
    row->parsing_status = "completed";
    row->parsed_data = arena_strdup(&req->arena, p);
    row->extracted_skills = arena_strdup(&req->arena, s);
    row->extracted_contact_info = arena_strdup(&req->arena, c);
    row->extracted_experience = r->level;
    free(p);
    free(s);
    free(c);
    json_decref(parsed);
    json_decref(skills);
    json_decref(contact);
    free(text);
}

/* ================================================================ routes */

int api_resumes_list(struct request *req)
{
    struct list_params p;
    int rc = http_list_params(req, &p);
    if (rc)
        return rc;
    json_t *items;
    int64_t total;
    rc = resume_list(request_db(req), req->user_id, &p, &req->arena, &items, &total, &req->err);
    return rc ? rc : http_reply_list(req, items, total, &p);
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
    enum filetype type = filetype_detect(up.data, up.len, up.filename);
    if (type == FILETYPE_UNKNOWN) {
        rc = err_set(&req->err, ERR_UNSUPPORTED, "file",
                     "the file is not a PDF, DOCX, plain-text or Markdown document");
        static const char *const accepted[] = {"pdf", "docx", "txt", "md"};
        for (size_t i = 0; i < 4; i++)
            req->err.allowed[req->err.nallowed++] = accepted[i];
        return rc;
    }
    struct resume_row row = {
        .filename = display_filename(&req->arena, up.filename, type),
        .file_size = (int64_t)up.len,
        .file_type = filetype_name(type),
    };
    rc = store_file(req, up.data, up.len, type, &row.file_path);
    if (rc)
        return rc;
    const char *path = absolute(req, row.file_path);
    parse_upload(req, type, path, &up, &row);
    json_t *resume;
    rc = resume_create(request_db(req), req->user_id, &row, &req->arena, &resume, &req->err);
    if (rc) {
        unlink(path);
        return rc;
    }
    return http_reply_created(req, resume, "/api/v1/resumes/%lld",
                              (long long)json_get_int(resume, "id"));
}

int api_resumes_get(struct request *req)
{
    json_t *resume;
    int rc = table_get(request_db(req), &resume_table, req->user_id, request_param_id(req, 0),
                       &req->arena, &resume, &req->err);
    return rc ? rc : http_reply_json(req, 200, resume);
}

int api_resumes_file(struct request *req)
{
    const char *path, *type, *filename;
    int rc = resume_file(request_db(req), req->user_id, request_param_id(req, 0), &req->arena,
                         &path, &type, &filename, &req->err);
    if (rc)
        return rc;
    if (!own_upload_path(path, req->user_id)) {
        log_error("résumé file path refused: %s", path);
        return err_set(&req->err, ERR_NOT_FOUND, NULL, "the résumé's file is missing");
    }
    const char *data = NULL;
    size_t len = 0;
    rc = read_file(req, absolute(req, path), &data, &len);
    if (rc)
        return rc;
    http_add_header(req, "Content-Disposition", content_disposition(&req->arena, filename, type));
    http_add_header(req, "X-Content-Type-Options", "nosniff");
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
    const char *path;
    int rc = resume_delete(request_db(req), req->user_id, request_param_id(req, 0), &req->arena,
                           &path, &req->err);
    if (rc)
        return rc;
    if (own_upload_path(path, req->user_id)) {
        const char *file = absolute(req, path);
        if (unlink(file) != 0 && errno != ENOENT)
            log_error("cannot remove %s: %s", file, strerror(errno));
    }
    return http_reply_empty(req, 204);
}

int api_resumes_apply_skills(struct request *req)
{
    json_t *user, *added;
    int rc = resume_apply_skills(request_db(req), req->user_id, request_param_id(req, 0),
                                 skills_default(), &req->arena, &user, &added, &req->err);
    if (rc)
        return rc;
    json_object_set_new(user, "added", added);
    return http_reply_json(req, 200, user);
}
