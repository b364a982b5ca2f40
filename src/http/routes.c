/*
 * This file holds the routes[] table: every path the server answers, its handler, and the
 * checks the router makes before calling it. Read it as the API's table of contents.
 */
#include "router.h"

#include "../api/applications.h"
#include "../api/auth.h"
#include "../api/health.h"
#include "../api/jobs.h"
#include "../api/oauth.h"
#include "../api/users.h"
/* more route groups include their api header here, one line each, in alphabetical order */

#define V1 "/api/v1"

const struct route routes[] = {
    {"GET", "/healthz", api_healthz, 0},
    {"GET", "/readyz", api_readyz, 0},
    {"GET", "/metrics", api_metrics, 0},

    {"POST", V1 "/auth/register", api_auth_register, ROUTE_JSON},
    {"POST", V1 "/auth/login", api_auth_login, ROUTE_JSON},
    {"POST", V1 "/auth/logout", api_auth_logout, ROUTE_AUTH},
    {"GET", V1 "/auth/oauth/{provider}/start", api_oauth_start, 0},
    {"GET", V1 "/auth/oauth/{provider}/callback", api_oauth_callback, 0},

    {"GET", V1 "/users/me", api_users_me, ROUTE_AUTH},
    {"PATCH", V1 "/users/me", api_users_update_me, ROUTE_AUTH | ROUTE_JSON},
    {"DELETE", V1 "/users/me", api_users_delete_me, ROUTE_AUTH},
    {"POST", V1 "/users/me/password", api_users_change_password, ROUTE_AUTH | ROUTE_JSON},
    {"GET", V1 "/users/me/export", api_users_export, ROUTE_AUTH},
    {"GET", V1 "/users/me/preferences", api_users_preferences, ROUTE_AUTH},
    {"PUT", V1 "/users/me/preferences", api_users_put_preferences, ROUTE_AUTH | ROUTE_JSON},

    /* recommendations (before /jobs/{id}, which would also match /jobs/recommendations) */

    {"GET", V1 "/jobs", api_jobs_list, ROUTE_AUTH},
    {"POST", V1 "/jobs", api_jobs_create, ROUTE_AUTH | ROUTE_JSON},
    {"POST", V1 "/jobs/import", api_jobs_import, ROUTE_AUTH | ROUTE_UPLOAD},
    {"GET", V1 "/jobs/export", api_jobs_export, ROUTE_AUTH},
    {"GET", V1 "/jobs/{id}", api_jobs_get, ROUTE_AUTH},
    {"PATCH", V1 "/jobs/{id}", api_jobs_update, ROUTE_AUTH | ROUTE_JSON},
    {"PUT", V1 "/jobs/{id}", api_jobs_replace, ROUTE_AUTH | ROUTE_JSON},
    {"DELETE", V1 "/jobs/{id}", api_jobs_delete, ROUTE_AUTH},

    {"GET", V1 "/applications", api_applications_list, ROUTE_AUTH},
    {"POST", V1 "/applications", api_applications_create, ROUTE_AUTH | ROUTE_JSON},
    {"GET", V1 "/applications/board", api_applications_board, ROUTE_AUTH},
    {"GET", V1 "/applications/follow-ups", api_applications_follow_ups, ROUTE_AUTH},
    {"GET", V1 "/applications/{id}", api_applications_get, ROUTE_AUTH},
    {"PATCH", V1 "/applications/{id}", api_applications_update, ROUTE_AUTH | ROUTE_JSON},
    {"DELETE", V1 "/applications/{id}", api_applications_delete, ROUTE_AUTH},

    /* analytics */

    /* feedback */

    /* interviews */

    /* resumes */

    /* content */

    /* career resources and learning paths */

    {"GET", V1 "/admin/users", api_admin_users, ROUTE_ADMIN},
    {"PATCH", V1 "/admin/users/{id}", api_admin_update_user, ROUTE_ADMIN | ROUTE_JSON},
    {"DELETE", V1 "/admin/users/{id}", api_admin_delete_user, ROUTE_ADMIN},

    {NULL, NULL, NULL, 0},
};
