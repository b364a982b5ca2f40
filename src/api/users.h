/*
 * This file declares the account routes under /users/me (profile, password, deletion, export,
 * preferences) and the administrator's /admin/users routes.
 */
#ifndef COPILOT_API_USERS_H
#define COPILOT_API_USERS_H

#include "../http/request.h"
#include "../model/table.h"

/* The bodies of POST /users/me/password and PATCH /admin/users/{id}. */
extern const struct table api_users_password_body;
extern const struct table api_users_admin_body;

int api_users_me(struct request *req);
int api_users_update_me(struct request *req);
int api_users_change_password(struct request *req);
int api_users_delete_me(struct request *req);
int api_users_export(struct request *req);
int api_users_preferences(struct request *req);
int api_users_put_preferences(struct request *req);

int api_admin_users(struct request *req);
int api_admin_update_user(struct request *req);
int api_admin_delete_user(struct request *req);

#endif
