/* This file implements the reply of a kept answer of answer_reply.h. */
#include "answer_reply.h"

#include "../http/reply.h"
#include "../http/static.h"
#include "../lib/crypto.h"

/* Sends etag with the answer; true when If-None-Match names it (answer 304). */
static bool not_modified(struct request *req, const char *etag)
{
    http_add_header(req, "ETag", etag);
    return http_etag_matches(request_header(req, "If-None-Match"), etag);
}

int api_reply_answer(struct request *req, enum answer_version which, const char *name,
                     const char *key, answer_build build, void *ctx)
{
    /* the version first: an answer built below is kept under a version no newer than its
     * rows (one read transaction on SQLite; on PostgreSQL the rows' statements see at least
     * what this one saw) */
    struct store_conn *db = request_db(req);
    int64_t version;
    bool known;
    int rc = answer_version(db, req->user_id, which, &version, &known, &req->err);
    if (rc)
        return rc;
    if (known) {
        /* the same bytes for the same user, arguments and version (docs/decisions.md) */
        const char *etag = arena_printf(&req->arena, "\"%s-%lld-%lld\"", name,
                                        (long long)req->user_id, (long long)version);
        if (not_modified(req, etag))
            return http_reply_empty(req, 304);
    }
    bool keep = known && answer_cache_enabled();
    struct answer *answer = keep ? answer_cache_get(req->user_id, version, key) : NULL;
    if (answer)
        return http_reply_json_shared(req, 200, answer->body, answer->len, answer_cache_release,
                                      answer, false);
    struct buf body;
    buf_init(&body);
    rc = build(req, ctx, &body);
    if (rc == 0 && keep) {
        size_t len = body.len;
        answer = answer_cache_put(req->user_id, version, key, buf_steal(&body), len);
        return http_reply_json_shared(req, 200, answer->body, answer->len, answer_cache_release,
                                      answer, true);
    }
    if (rc == 0 && !known) { /* no version (no row in user_data_versions): the bytes' digest */
        char digest[CRYPTO_DIGEST_LEN];
        crypto_sha256_hex(body.data, body.len, digest);
        if (not_modified(req, arena_printf(&req->arena, "\"%s-%.32s\"", name, digest)))
            rc = http_reply_empty(req, 304);
        else
            rc = http_reply_json_buf(req, 200, &body);
    } else if (rc == 0) {
        rc = http_reply_json_buf(req, 200, &body);
    }
    buf_free(&body);
    return rc;
}
