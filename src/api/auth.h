/*
 * This file declares the authentication routes (register, login, logout) and
 * api_authenticate, the callback the router calls for ROUTE_AUTH routes (and for
 * ROUTE_AUTH_OPTIONAL routes when a token is sent).
 */
#ifndef COPILOT_API_AUTH_H
#define COPILOT_API_AUTH_H

#include "../http/request.h"
#include "../model/table.h"

/* The body of POST /auth/login, and the reply of register, login and the OAuth callback:
 * {user, access_token, token_type, expires_at}. */
extern const struct table api_auth_login_body;
extern const struct table api_auth_session_reply;

/* Reads "Authorization: Bearer TOKEN", finds its live session and sets req->user_id,
 * req->is_admin and req->token_digest. Returns 0 or ERR_UNAUTHORIZED. */
int api_authenticate(struct request *req);

int api_auth_register(struct request *req);
int api_auth_login(struct request *req);
int api_auth_logout(struct request *req);

/* Issues a new session for user_id and writes {access_token, token_type, expires_at} into
 * obj. Shared by register and login. */
int api_issue_token(struct request *req, int64_t user_id, json_t *obj);

#endif
