/*
 * This file implements the account routes: GET/PATCH/DELETE /users/me, POST /users/me/password,
 * GET /users/me/export, GET/PUT /users/me/preferences, and the /admin/users routes.
 */
#include "users.h"

#include <string.h>

#include "../core/validate.h"
#include "../http/list.h"
#include "../http/reply.h"
#include "../lib/crypto.h"
#include "../model/account.h"
#include "../model/user.h"

int api_users_me(struct request *req)
{
    json_t *user;
    int rc =
        table_get(request_db(req), &user_table, 0, req->user_id, &req->arena, &user, &req->err);
    return rc ? rc : http_reply_json(req, 200, user);
}

int api_users_update_me(struct request *req)
{
    struct values v = {0};
    int rc = table_parse(&user_table, req->json, PARSE_PATCH, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *user;
    rc = table_update(request_db(req), &user_table, 0, req->user_id, &v, &req->arena, &user,
                      &req->err);
    if (rc == ERR_CONFLICT)
        err_restate(&req->err, "email", "email is already taken");
    return rc ? rc : http_reply_json(req, 200, user);
}

static const struct field password_fields[] = {
    {"current_password", FT_TEXT, F_WRITE | F_REQUIRED},
    {"new_password", FT_TEXT, F_WRITE | F_REQUIRED, .check = validate_password},
    {NULL},
};
const struct table api_users_password_body = {NULL, password_fields, false, "PasswordChange"};

int api_users_change_password(struct request *req)
{
    struct values v = {0};
    int rc =
        table_parse(&api_users_password_body, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    struct store_conn *db = request_db(req);
    const char *hash;
    rc = user_password_hash(db, req->user_id, &req->arena, &hash, &req->err);
    if (rc)
        return rc;
    /* OAuth-only accounts have no password yet: they may set one without a current one */
    if (hash && !crypto_password_verify(hash, values_text(&v, "current_password")))
        return err_set(&req->err, ERR_INVALID, "current_password",
                       "current_password is not correct");
    char new_hash[CRYPTO_PWHASH_LEN];
    if (crypto_password_hash(values_text(&v, "new_password"), new_hash) != 0)
        return err_set(&req->err, ERR_INTERNAL, NULL, "cannot hash the password");
    rc =
        account_set_password(db, req->user_id, new_hash, req->token_digest, &req->arena, &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

/* Deletes account id with everything it owns (its résumés' files too), by cascade. */
static int delete_account(struct request *req, int64_t id)
{
    int rc = account_delete(request_db(req), id, &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

int api_users_delete_me(struct request *req)
{
    return delete_account(req, req->user_id);
}

static int export_next(void *x, struct buf *out, struct err *e)
{
    return account_export_next(x, out, e);
}

static void export_close(void *x)
{
    account_export_close(x);
}

int api_users_export(struct request *req)
{
    struct account_export *x;
    /* the bytes http_reply_json would send for the whole document */
    int rc = account_export_open(request_db(req), req->user_id,
                                 JSON_COMPACT | JSON_REAL_PRECISION(15), &x, &req->err);
    if (rc)
        return rc;
    http_add_header(req, "Content-Disposition", "attachment; filename=\"copilot-export.json\"");
    return http_reply_stream(req, 200, "application/json; charset=utf-8", export_next, export_close,
                             x);
}

int api_users_preferences(struct request *req)
{
    json_t *prefs;
    int rc = user_preferences_get(request_db(req), req->user_id, &req->arena, &prefs, &req->err);
    return rc ? rc : http_reply_json(req, 200, prefs);
}

int api_users_put_preferences(struct request *req)
{
    struct values v = {0};
    int rc =
        table_parse(&user_preferences_table, req->json, PARSE_CREATE, &req->arena, &v, &req->err);
    if (rc)
        return rc;
    json_t *prefs;
    rc = user_preferences_put(request_db(req), req->user_id, &v, &req->arena, &prefs, &req->err);
    return rc ? rc : http_reply_json(req, 200, prefs);
}

/* ================================================================ administrators */

/* The administrators' page of every user. */
static int users_page(struct request *req, const struct list_params *p, struct buf *items,
                      int64_t *total)
{
    return user_list(request_db(req), p, &req->arena, items, total, &req->err);
}

int api_admin_users(struct request *req)
{
    return http_reply_paged(req, users_page);
}

static const struct field admin_fields[] = {
    {"is_admin", FT_BOOL, F_WRITE | F_REQUIRED},
    {NULL},
};
const struct table api_users_admin_body = {NULL, admin_fields, false, "AdminUserPatch"};

int api_admin_update_user(struct request *req)
{
    int64_t id = request_param_id(req, 0);
    if (id == 0)
        return err_set(&req->err, ERR_NOT_FOUND, NULL, "no such user");
    struct values body = {0};
    int rc =
        table_parse(&api_users_admin_body, req->json, PARSE_CREATE, &req->arena, &body, &req->err);
    if (rc)
        return rc;
    struct values v = {0};
    values_set(&v, &user_table, "is_admin", values_get(&body, "is_admin")->value);
    json_t *user;
    rc = table_update(request_db(req), &user_table, 0, id, &v, &req->arena, &user, &req->err);
    return rc ? rc : http_reply_json(req, 200, user);
}

int api_admin_delete_user(struct request *req)
{
    int64_t id = request_param_id(req, 0);
    if (id == 0)
        return err_set(&req->err, ERR_NOT_FOUND, NULL, "no such user");
    return delete_account(req, id);
}
