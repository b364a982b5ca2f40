/*
 * This file declares the OAuth 2 / OpenID Connect routes: GET /auth/providers (the sign-in
 * options), GET /auth/oauth/{provider}/start and /auth/oauth/{provider}/callback
 * (authorization-code flow with state and PKCE S256).
 */
#ifndef COPILOT_API_OAUTH_H
#define COPILOT_API_OAUTH_H

#include "../http/request.h"
#include "../model/table.h"

/* The query arguments of the callback, and the body of the start redirect. */
extern const struct table api_oauth_callback_query;
extern const struct table api_oauth_start_reply;
/* The reply of GET /auth/providers: {password, oauth: [{name, start_url}]}. */
extern const struct table api_oauth_providers_reply;

/* GET /auth/providers: {"password": true, "oauth": [{"name", "start_url"}]} for the providers
 * configured (every setting present), by name. */
int api_oauth_providers(struct request *req);
int api_oauth_start(struct request *req);
int api_oauth_callback(struct request *req);

#endif
