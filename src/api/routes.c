/*
 * This file holds api_routes[]: every path the server answers, its handler, and the checks the
 * router (src/http/router.c) makes before calling it. Read it as the API's table of contents.
 * cli/serve.c hands the table to the HTTP server. Within a group, literal paths come before the
 * {id} pattern that would also match them (tests/unit/api/test_routes.c checks it).
 */
#include "routes.h"

#include "analytics.h"
#include "applications.h"
#include "auth.h"
#include "career_resources.h"
#include "content.h"
#include "feedback.h"
#include "health.h"
#include "interviews.h"
#include "jobs.h"
#include "learning_paths.h"
#include "oauth.h"
#include "recommendations.h"
#include "resumes.h"
#include "users.h"

#define V1 "/api/v1"

const struct route api_routes[] = {
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
    {"GET", V1 "/jobs/recommendations", api_recommendations_list, ROUTE_AUTH},
    {"POST", V1 "/jobs/{id}/recommendation-feedback", api_recommendations_feedback_put,
     ROUTE_AUTH | ROUTE_JSON},
    {"GET", V1 "/jobs/{id}/recommendation-feedback", api_recommendations_feedback_get, ROUTE_AUTH},
    {"DELETE", V1 "/jobs/{id}/recommendation-feedback", api_recommendations_feedback_delete,
     ROUTE_AUTH},

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
    {"GET", V1 "/analytics/summary", api_analytics_summary, ROUTE_AUTH},
    {"GET", V1 "/analytics/funnel", api_analytics_funnel, ROUTE_AUTH},
    {"GET", V1 "/analytics/timeseries", api_analytics_timeseries, ROUTE_AUTH},
    {"GET", V1 "/analytics/sources", api_analytics_sources, ROUTE_AUTH},
    {"GET", V1 "/analytics/skills", api_analytics_skills, ROUTE_AUTH},
    {"GET", V1 "/analytics/salaries", api_analytics_salaries, ROUTE_AUTH},
    {"POST", V1 "/analytics/snapshots", api_analytics_snapshot_create, ROUTE_AUTH},
    {"GET", V1 "/analytics/snapshots", api_analytics_snapshot_list, ROUTE_AUTH},
    {"GET", V1 "/analytics/snapshots/{id}", api_analytics_snapshot_get, ROUTE_AUTH},
    {"DELETE", V1 "/analytics/snapshots/{id}", api_analytics_snapshot_delete, ROUTE_AUTH},
    {"GET", V1 "/admin/analytics", api_admin_analytics, ROUTE_ADMIN},

    /* feedback */
    {"GET", V1 "/feedback", api_feedback_list, ROUTE_AUTH},
    {"POST", V1 "/feedback", api_feedback_create, ROUTE_AUTH | ROUTE_JSON},
    {"GET", V1 "/feedback/{id}", api_feedback_get, ROUTE_AUTH},
    {"PATCH", V1 "/feedback/{id}", api_feedback_update, ROUTE_AUTH | ROUTE_JSON},
    {"DELETE", V1 "/feedback/{id}", api_feedback_delete, ROUTE_AUTH},
    {"POST", V1 "/feedback/{id}/vote", api_feedback_vote, ROUTE_AUTH | ROUTE_JSON},
    {"DELETE", V1 "/feedback/{id}/vote", api_feedback_unvote, ROUTE_AUTH},

    /* interviews */
    {"GET", V1 "/interviews", api_interviews_list, ROUTE_AUTH},
    {"POST", V1 "/interviews", api_interviews_create, ROUTE_AUTH | ROUTE_JSON},
    {"GET", V1 "/interviews/{id}", api_interviews_get, ROUTE_AUTH},
    {"DELETE", V1 "/interviews/{id}", api_interviews_delete, ROUTE_AUTH},
    {"POST", V1 "/interviews/{id}/start", api_interviews_start, ROUTE_AUTH},
    {"POST", V1 "/interviews/{id}/cancel", api_interviews_cancel, ROUTE_AUTH},
    {"POST", V1 "/interviews/{id}/complete", api_interviews_complete, ROUTE_AUTH},
    {"POST", V1 "/interviews/{id}/questions/{position}/answer", api_interviews_answer,
     ROUTE_AUTH | ROUTE_JSON},

    /* resumes */
    {"GET", V1 "/resumes", api_resumes_list, ROUTE_AUTH},
    {"POST", V1 "/resumes", api_resumes_create, ROUTE_AUTH | ROUTE_UPLOAD},
    {"GET", V1 "/resumes/{id}", api_resumes_get, ROUTE_AUTH},
    {"DELETE", V1 "/resumes/{id}", api_resumes_delete, ROUTE_AUTH},
    {"GET", V1 "/resumes/{id}/file", api_resumes_file, ROUTE_AUTH},
    {"POST", V1 "/resumes/{id}/primary", api_resumes_set_primary, ROUTE_AUTH},
    {"POST", V1 "/resumes/{id}/apply-skills", api_resumes_apply_skills, ROUTE_AUTH},

    /* content */
    {"GET", V1 "/content", api_content_list, ROUTE_AUTH},
    {"POST", V1 "/content", api_content_create, ROUTE_AUTH | ROUTE_JSON},
    {"GET", V1 "/content/{id}", api_content_get, ROUTE_AUTH},
    {"PATCH", V1 "/content/{id}", api_content_update, ROUTE_AUTH | ROUTE_JSON},
    {"DELETE", V1 "/content/{id}", api_content_delete, ROUTE_AUTH},
    {"POST", V1 "/content/{id}/versions/{n}/restore", api_content_restore, ROUTE_AUTH},

    /* career resources and learning paths */
    /* the public catalogue: anyone may read it; a token, when sent, must be valid and shows the
       caller's own state. The literal paths come before /resources/{id} and
       /learning-paths/{id}, which would match them */
    {"GET", V1 "/resources", api_career_resources_list, ROUTE_AUTH_OPTIONAL},
    {"POST", V1 "/resources", api_career_resources_create, ROUTE_ADMIN | ROUTE_JSON},
    {"GET", V1 "/resources/recommended", api_career_resources_recommended, ROUTE_AUTH},
    {"GET", V1 "/resources/bookmarks", api_career_resources_bookmarks, ROUTE_AUTH},
    {"GET", V1 "/resources/{id}", api_career_resources_get, ROUTE_AUTH_OPTIONAL},
    {"PATCH", V1 "/resources/{id}", api_career_resources_update, ROUTE_ADMIN | ROUTE_JSON},
    {"DELETE", V1 "/resources/{id}", api_career_resources_delete, ROUTE_ADMIN},
    {"POST", V1 "/resources/{id}/bookmark", api_career_resources_bookmark, ROUTE_AUTH},
    {"DELETE", V1 "/resources/{id}/bookmark", api_career_resources_unbookmark, ROUTE_AUTH},
    {"PUT", V1 "/resources/{id}/feedback", api_career_resources_feedback, ROUTE_AUTH | ROUTE_JSON},
    {"GET", V1 "/learning-paths", api_learning_paths_list, ROUTE_AUTH_OPTIONAL},
    {"POST", V1 "/learning-paths", api_learning_paths_create, ROUTE_ADMIN | ROUTE_JSON},
    {"GET", V1 "/learning-paths/enrolled", api_learning_paths_enrolled, ROUTE_AUTH},
    {"GET", V1 "/learning-paths/{id}", api_learning_paths_get, ROUTE_AUTH_OPTIONAL},
    {"PATCH", V1 "/learning-paths/{id}", api_learning_paths_update, ROUTE_ADMIN | ROUTE_JSON},
    {"DELETE", V1 "/learning-paths/{id}", api_learning_paths_delete, ROUTE_ADMIN},
    {"POST", V1 "/learning-paths/{id}/enroll", api_learning_paths_enroll, ROUTE_AUTH},
    {"DELETE", V1 "/learning-paths/{id}/enroll", api_learning_paths_unenroll, ROUTE_AUTH},
    {"PATCH", V1 "/learning-paths/{id}/progress", api_learning_paths_progress,
     ROUTE_AUTH | ROUTE_JSON},

    {"GET", V1 "/admin/users", api_admin_users, ROUTE_ADMIN},
    {"PATCH", V1 "/admin/users/{id}", api_admin_update_user, ROUTE_ADMIN | ROUTE_JSON},
    {"DELETE", V1 "/admin/users/{id}", api_admin_delete_user, ROUTE_ADMIN},

    {NULL, NULL, NULL, 0},
};
