/*
 * This file implements the /job-sources routes (SPEC part E, "Discovery from public job
 * boards"). The rules are src/model/job_source.c's, the fetch src/model/discovery.c's; this file
 * maps HTTP in and out.
 */
#include "job_sources.h"

#include <stdlib.h>

#include "../core/job_board.h"
#include "../http/list.h"
#include "../http/reply.h"
#include "../lib/config.h"
#include "../model/discovery.h"
#include "../model/job_source.h"
#include "row_reply.h"

static const struct field recognise_query_fields[] = {
    {"url", FT_TEXT, F_REQUIRED, .min = 1, .max = JOB_BOARD_URL_MAX},
    {NULL},
};
const struct table api_job_sources_recognise_query = {NULL, recognise_query_fields, false,
                                                      "JobSourceRecogniseQuery"};

static const struct field recognise_reply_fields[] = {
    {"kind", FT_TEXT, F_NOTNULL, job_board_kinds},
    {"identifier", FT_TEXT, F_NOTNULL},
    {"page_url", FT_TEXT, F_NOTNULL},
    {NULL},
};
const struct table api_job_sources_recognise_reply = {NULL, recognise_reply_fields, false,
                                                      "JobSourceRecognised"};

static const struct field fetch_reply_fields[] = {
    {"found", FT_INT, F_NOTNULL},
    {"created", FT_INT, F_NOTNULL},
    {"duplicates", FT_INT, F_NOTNULL},
    {"errors", FT_JSON, F_NOTNULL},
    {"source", FT_OBJECT, F_NOTNULL},
    {"run", FT_OBJECT, F_NOTNULL},
    {NULL},
};
const struct table api_job_sources_fetch_reply = {NULL, fetch_reply_fields, false,
                                                  "JobSourceFetch"};

int api_job_sources_list(struct request *req)
{
    return http_reply_owner_list(req, job_source_list);
}

int api_job_sources_create(struct request *req)
{
    json_t *source;
    int rc = job_source_create(request_db(req), req->user_id, req->json,
                               &req->config->capture_policy, &req->arena, &source, &req->err);
    return rc ? rc : http_reply_created_at(req, source, "/api/v1/job-sources");
}

int api_job_sources_recognise(struct request *req)
{
    const char *url = request_query(req, "url");
    if (url == NULL)
        return err_set(&req->err, ERR_INVALID, "url", "url is required");
    struct job_board_ref ref;
    int rc = job_board_recognise(url, &ref, &req->err);
    if (rc)
        return rc;
    char *page = job_board_page_url(ref.kind, ref.identifier);
    json_t *reply = json_pack("{s:s, s:s, s:s}", "kind", ref.kind, "identifier", ref.identifier,
                              "page_url", page);
    free(page);
    job_board_ref_free(&ref);
    return http_reply_json(req, 200, reply);
}

int api_job_sources_get(struct request *req)
{
    json_t *source;
    int rc = job_source_get(request_db(req), req->user_id, request_param_id(req, 0), &req->arena,
                            &source, &req->err);
    return rc ? rc : http_reply_json(req, 200, source);
}

int api_job_sources_update(struct request *req)
{
    return api_reply_row_update(req, &job_source_patch_body, false, job_source_update);
}

int api_job_sources_delete(struct request *req)
{
    return api_reply_row_delete(req, &job_source_table);
}

int api_job_sources_fetch(struct request *req)
{
    json_t *result;
    int rc = discovery_run(request_db(req), req->config, req->user_id, request_param_id(req, 0),
                           "manual", &req->arena, &result, &req->err);
    return rc ? rc : http_reply_json(req, 200, result);
}

/* The runs of the job source in the path. */
static int runs_page(struct request *req, const struct list_params *p, struct buf *items,
                     int64_t *total)
{
    return job_source_runs(request_db(req), req->user_id, request_param_id(req, 0), p, &req->arena,
                           items, total, &req->err);
}

int api_job_sources_runs(struct request *req)
{
    return http_reply_paged(req, runs_page);
}
