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
 * req->is_admin and req->token_digest. Returns 0 or ERR_UNAUTHORIZED. For a ROUTE_READ_ONLY
 * route on PostgreSQL, with a token seen before, the lookup is sent with the handler's first
 * statements instead (req->auth_pending set; see auth.c): the runner then calls
 * api_authenticate_confirm after the handler. */
int api_authenticate(struct request *req);
/* After the handler of a request with req->auth_pending returned rc: rc when the session was
 * as guessed; else the handler's answer is dropped and the result is the error a lookup before
 * the handler would have given (ERR_UNAUTHORIZED, or the database's error), or API_AUTH_AGAIN
 * with the session now looked up as before: the runner runs the handler again. */
#define API_AUTH_AGAIN 1
int api_authenticate_confirm(struct request *req, int rc);

int api_auth_register(struct request *req);
int api_auth_login(struct request *req);
int api_auth_logout(struct request *req);

/* Issues a new session for the user whose row is user (taken over) and answers the sign-in's
 * body {user, access_token, token_type, expires_at} in *body (NULL on failure). Shared by
 * register, login and the OAuth callback. */
int api_session_body(struct request *req, json_t *user, json_t **body);

#endif
