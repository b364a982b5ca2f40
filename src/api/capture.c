/*
 * This file implements POST /jobs/capture (SPEC part E, "Capture a posting"): the page comes
 * in the body (the bookmarklet sends what the browser shows, also behind a login) or is fetched
 * by the server under the address rules; the draft is answered, or saved like POST /jobs with
 * ?save=true. The extraction and the fetch are src/model/capture.c's.
 */
#include "capture.h"

#include <string.h>

#include "../core/validate.h"
#include "../http/reply.h"
#include "../lib/config.h"
#include "../lib/json.h"
#include "../model/capture.h"
#include "../model/job.h"

static const struct field body_fields[] = {
    {"url", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 2048, .check = validate_url},
    {"html", FT_TEXT, F_WRITE},
    {"job", FT_OBJECT, F_WRITE},
    {NULL},
};
const struct table api_capture_body = {NULL, body_fields, false, "CaptureRequest"};

static const struct field query_fields[] = {
    {"save", FT_BOOL, 0},
    {NULL},
};
const struct table api_capture_query = {NULL, query_fields, false, "CaptureQuery"};

static const char *const sources[] = {"json-ld", "microdata", "opengraph", "title", NULL};
static const struct field reply_fields[] = {
    {"job", FT_OBJECT, F_NOTNULL},
    {"extracted_from", FT_TEXT, F_NOTNULL, sources},
    {"missing", FT_STRINGS, F_NOTNULL},
    {NULL},
};
const struct table api_capture_reply = {NULL, reply_fields, false, "CaptureDraft"};

int api_capture_job(struct request *req)
{
    bool save;
    struct values v = {0};
    int rc = request_query_bool(req, "save", &save);
    if (rc == 0)
        rc = table_parse(&api_capture_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    json_t *corrections = json_object_get(req->json, "job");
    struct values checked = {0}; /* the corrections must be job fields, as PATCH takes them */
    if (rc == 0 && corrections)
        rc = table_parse(&job_table, corrections, PARSE_PATCH, &req->arena, &checked, &req->err);
    if (rc)
        return rc;
    const char *url = values_text(&v, "url"), *html = values_text(&v, "html");
    struct capture_draft draft;
    rc = html ? capture_extract(html, strlen(html), "UTF-8", url, &draft, &req->err)
              : capture_fetch(url, &req->config->capture_policy, &draft, &req->err);
    if (rc)
        return rc;
    capture_correct(&draft, corrections);
    json_t *job = NULL, *possible = NULL;
    if (save) {
        rc = capture_save(request_db(req), req->user_id, &draft, &req->arena, &job, &possible,
                          &req->err);
        if (rc) {
            capture_draft_free(&draft);
            return rc;
        }
        json_object_set_new(job, "possible_duplicates", possible);
    }
    json_t *reply = json_pack("{s:O, s:s, s:O}", "job", job ? job : draft.job, "extracted_from",
                              draft.extracted_from, "missing", draft.missing);
    capture_draft_free(&draft);
    if (!save)
        return http_reply_json(req, 200, reply);
    long long id = (long long)json_get_int(job, "id");
    json_decref(job);
    return http_reply_created(req, reply, "/api/v1/jobs/%lld", id);
}
