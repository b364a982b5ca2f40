/*
 * This file holds api_routes[]: every path the server answers, its handler, the checks the
 * router (src/http/router.c) makes before calling it, and what the route tells the API
 * document (DOC: tag, summary, body descriptor, list spec, replies, errors; src/api/route_doc.h
 * says what each member means and what is derived). Read it as the API's table of contents.
 * cli/serve.c hands the table to the HTTP server; src/api/openapi.c makes the OpenAPI document
 * from it. Within a group, literal paths come before the {id} pattern that would also match
 * them (tests/unit/api/test_routes.c checks it).
 */
#include "routes.h"

#include "analytics.h"
#include "applications.h"
#include "auth.h"
#include "calendar.h"
#include "capture.h"
#include "career_resources.h"
#include "contacts.h"
#include "content.h"
#include "feedback.h"
#include "health.h"
#include "interviews.h"
#include "job_sources.h"
#include "jobs.h"
#include "learning_paths.h"
#include "oauth.h"
#include "openapi.h"
#include "recommendations.h"
#include "resumes.h"
#include "tasks.h"
#include "users.h"

#include "../model/account.h"
#include "../model/analytics.h"
#include "../model/application.h"
#include "../model/calendar.h"
#include "../model/career_resource.h"
#include "../model/contact.h"
#include "../model/content.h"
#include "../model/feedback.h"
#include "../model/interview.h"
#include "../model/job.h"
#include "../model/job_import.h"
#include "../model/job_source.h"
#include "../model/learning_path.h"
#include "../model/recommendation.h"
#include "../model/resume.h"
#include "../model/snapshot.h"
#include "../model/task.h"
#include "../model/user.h"

#define V1 "/api/v1"
/* An object with its version: the ETag that If-Match sends back (src/api/precondition.h). */
#define VERSIONED(shape)                                                                           \
    {                                                                                              \
        200, RK_OBJECT, (shape), NULL, RH_ETAG                                                     \
    }

/* The query of a ranked list that pages like every list but takes no sort or filter (read by
 * http_page_params). */
static const struct field page_query_fields[] = {
    {"limit", FT_INT, 0, .min = 1, .max = LIST_MAX_LIMIT, .doc = "default 20, as every list"},
    {"offset", FT_INT, 0, .min = 0, .max = INT64_MAX},
    {NULL},
};
static const struct table page_query = {NULL, page_query_fields, false, "PageQuery"};

const struct api_tag api_tags[] = {
    {"Health", "Liveness, readiness and metrics for the operator (no token)."},
    {"Meta", "The API's own description: this document and its reference page."},
    {"Auth", "Accounts, sessions and sign-in with OAuth providers."},
    {"Account", "The signed-in user: profile, password, preferences, export, deletion."},
    {"Jobs", "Job postings the user tracks, with de-duplication, import and export."},
    {"Recommendations", "The user's own jobs ranked against the profile, and feedback on them."},
    {"Applications", "Applications to jobs and their pipeline (board, follow-ups)."},
    {"Calendar", "Follow-ups, interviews, offers and tasks by date, and the iCalendar feed."},
    {"Contacts", "People met along the way, linked to applications."},
    {"Tasks", "To-dos, optionally tied to an application or a job."},
    {"Job sources", "Public job boards the server reads new postings from."},
    {"Analytics", "Reports over the user's jobs and applications, and stored snapshots."},
    {"Feedback", "Feedback on the product: items, votes, administrators' answers."},
    {"Interviews", "Interview practice sessions: questions, scored answers, summaries."},
    {"Resumes", "Uploaded résumés: parsing, download, primary résumé, skills."},
    {"Content", "Generated documents (cover letters, messages) and their versions."},
    {"Resources", "The public catalogue of learning resources, bookmarks and ratings."},
    {"Learning paths", "Ordered paths through the catalogue, enrollments and progress."},
    {"Admin", "Administrators only: users and system-wide figures."},
    {NULL, NULL},
};

static const char *const provider_param[] = {"provider", NULL};

const struct route api_routes[] = {
    {"GET", "/healthz", api_healthz, ROUTE_NO_DB,
     DOC(.tag = "Health", .summary = "Liveness: the process answers",
         .replies = {OBJECT(&api_health_reply)})},
    {"GET", "/readyz", api_readyz, ROUTE_NO_DB,
     DOC(.tag = "Health", .summary = "Readiness: a database that accepts writes answers",
         .replies = {OBJECT(&api_ready_reply),
                     {503, RK_OBJECT, &api_ready_reply,
                      .description =
                          "no writable database (down, a standby, no free connection)"}})},
    {"GET", "/metrics", api_metrics, ROUTE_NO_DB,
     DOC(.tag = "Health",
         .summary = "Requests, latency by route group, database pool: Prometheus text",
         .description = "Served to loopback clients, or with `Authorization: Bearer "
                        "$COPILOT_METRICS_TOKEN`; 403 otherwise.",
         .replies = {{200, RK_TEXT, .media = "text/plain; version=0.0.4"}}, .errors = E403)},

    {"GET", V1 "/openapi.json", api_openapi_document, 0,
     DOC(.tag = "Meta", .summary = "This OpenAPI 3.1 document",
         .description = "Generated at start-up from the route table and the field descriptors "
                        "that route and validate requests. `If-None-Match` with the `ETag` "
                        "answers 304.",
         .replies = {{200, RK_OBJECT, &api_openapi_reply, .headers = RH_ETAG},
                     {304, RK_EMPTY, .headers = RH_ETAG,
                      .description = "Not modified: the document has the ETag sent"}})},

    {"GET", "/api/docs", api_openapi_docs, 0,
     DOC(.tag = "Meta", .summary = "The API reference page (Redoc) rendering this document",
         .replies = {{200, RK_TEXT, .media = "text/html"}})},

    {"POST", V1 "/auth/register", api_auth_register, ROUTE_JSON,
     DOC(.tag = "Auth", .summary = "Create an account and sign in",
         .description = "A taken username or e-mail answers 409 naming the field.",
         .body = &register_body, .replies = {CREATED(&api_auth_session_reply)}, .errors = E409)},
    {"POST", V1 "/auth/login", api_auth_login, ROUTE_JSON,
     DOC(.tag = "Auth", .summary = "Sign in with a username or e-mail and a password",
         .description = "Send the account as `username`, `email` or `login`. Wrong credentials "
                        "answer 401 whether the account exists or not; repeated failures for "
                        "one account or from one address answer 429 with `Retry-After`.",
         .body = &api_auth_login_body, .body_mode = PARSE_PATCH,
         .replies = {OBJECT(&api_auth_session_reply)}, .errors = E401 | E429)},
    {"POST", V1 "/auth/logout", api_auth_logout, ROUTE_AUTH,
     DOC(.tag = "Auth", .summary = "Revoke the token of this request", .replies = {NO_CONTENT})},
    {"GET", V1 "/auth/providers", api_oauth_providers, 0,
     DOC(.tag = "Auth", .summary = "The ways to sign in: password, and the OAuth providers",
         .description = "No token needed: the login page shows a button per provider, which "
                        "opens `start_url`.",
         .replies = {OBJECT(&api_oauth_providers_reply)})},
    {"GET", V1 "/auth/oauth/{provider}/start", api_oauth_start, 0,
     DOC(.tag = "Auth", .summary = "Start signing in with an OAuth provider",
         .description = "Redirects to the provider's authorization page (state and PKCE S256). "
                        "An unknown or unconfigured provider answers 404.",
         .text_params = provider_param, .replies = {{302, RK_REDIRECT, &api_oauth_start_reply}})},
    {"GET", V1 "/auth/oauth/{provider}/callback", api_oauth_callback, ROUTE_SLOW_REMOTE,
     DOC(.tag = "Auth", .summary = "Finish signing in with an OAuth provider",
         .description = "Exchanges the code, links or creates the account by the provider's "
                        "identity and issues a token.",
         .text_params = provider_param, .query = &api_oauth_callback_query,
         .replies = {OBJECT(&api_auth_session_reply)}, .errors = E400 | E401 | E409)},

    {"GET", V1 "/users/me", api_users_me, ROUTE_AUTH,
     DOC(.tag = "Account", .summary = "The signed-in user", .replies = {VERSIONED(&user_table)})},
    {"PATCH", V1 "/users/me", api_users_update_me, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Account", .summary = "Change the profile", .body = &user_table,
         .body_mode = PARSE_PATCH, .replies = {VERSIONED(&user_table)}, .errors = E409 | E412),
     .object = &user_table},
    {"DELETE", V1 "/users/me", api_users_delete_me, ROUTE_AUTH,
     DOC(.tag = "Account", .summary = "Delete the account and everything it owns",
         .replies = {NO_CONTENT}, .errors = E412),
     .object = &user_table},
    {"POST", V1 "/users/me/password", api_users_change_password, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Account", .summary = "Change the password (signs the other sessions out)",
         .body = &api_users_password_body, .replies = {NO_CONTENT})},
    {"GET", V1 "/users/me/export", api_users_export, ROUTE_AUTH | ROUTE_EXPORT,
     DOC(.tag = "Account", .summary = "Download all own data as one JSON document",
         .replies = {{200, RK_FILE, &account_export_reply, "application/json"}})},
    {"GET", V1 "/users/me/preferences", api_users_preferences, ROUTE_AUTH,
     DOC(.tag = "Account", .summary = "Job preferences used by recommendations",
         .replies = {VERSIONED(&user_preferences_table)})},
    {"PUT", V1 "/users/me/preferences", api_users_put_preferences, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Account", .summary = "Replace the job preferences",
         .body = &user_preferences_table, .replies = {VERSIONED(&user_preferences_table)},
         .errors = E412),
     .object = &user_preferences_table},

    /* recommendations (before /jobs/{id}, which would also match /jobs/recommendations) */
    {"GET", V1 "/jobs/recommendations", api_recommendations_list, ROUTE_AUTH,
     DOC(.tag = "Recommendations", .summary = "Own jobs not applied to, ranked for the user",
         .description = "Each job carries `match_score` (0-100), `reasons` and "
                        "`score_breakdown`; `excluded` counts the jobs the preferences removed.",
         .list = &recommendation_list_spec, .replies = {OBJECT(&api_recommendations_page)})},
    {"POST", V1 "/jobs/{id}/recommendation-feedback", api_recommendations_feedback_put,
     ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Recommendations", .summary = "Mark a recommended job helpful or not",
         .description = "One mark per job: a second one replaces the first (200).",
         .body = &recommendation_feedback_body,
         .replies = {OBJECT(&recommendation_feedback_table),
                     CREATED(&recommendation_feedback_table)})},
    {"GET", V1 "/jobs/{id}/recommendation-feedback", api_recommendations_feedback_get, ROUTE_AUTH,
     DOC(.tag = "Recommendations", .summary = "The user's mark on a job",
         .replies = {OBJECT(&recommendation_feedback_table)})},
    {"DELETE", V1 "/jobs/{id}/recommendation-feedback", api_recommendations_feedback_delete,
     ROUTE_AUTH,
     DOC(.tag = "Recommendations", .summary = "Remove the user's mark on a job",
         .replies = {NO_CONTENT})},

    {"GET", V1 "/jobs", api_jobs_list, ROUTE_AUTH | ROUTE_READ_ONLY,
     DOC(.tag = "Jobs", .summary = "List own jobs",
         .description = "`q` searches title, company, description and requirements.",
         .list = &job_list_spec, .replies = {LIST(&job_table)})},
    {"POST", V1 "/jobs", api_jobs_create, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Jobs", .summary = "Track a job",
         .description = "The same posting (same normalised company, title and location, or "
                        "the same application or source URL) answers 409 with `existing_id` "
                        "and `reason`; similar ones are listed in `possible_duplicates`.",
         .body = &job_table, .replies = {CREATED(&job_created_reply)}, .errors = E409)},
    {"POST", V1 "/jobs/import", api_jobs_import, ROUTE_AUTH | ROUTE_UPLOAD | ROUTE_SLOW_PARSE,
     DOC(.tag = "Jobs", .summary = "Import jobs from a JSON array or CSV",
         .description = "A JSON array of jobs, a CSV body, or a multipart upload whose part "
                        "`file` holds either. Duplicates are counted, not imported; invalid "
                        "rows are reported by row number.",
         .body = &job_table, .body_array = true,
         .upload = "application/json, text/csv, multipart/form-data",
         .replies = {OBJECT(&job_import_report)})},
    {"GET", V1 "/jobs/export", api_jobs_export, ROUTE_AUTH | ROUTE_EXPORT,
     DOC(.tag = "Jobs", .summary = "Download own jobs as JSON or CSV",
         .query = &api_jobs_export_query,
         .replies = {{200, RK_FILE, &job_table, "application/json, text/csv", .array = true}})},
    {"POST", V1 "/jobs/capture", api_capture_job,
     ROUTE_AUTH | ROUTE_JSON | ROUTE_UPLOAD | ROUTE_SLOW_REMOTE,
     DOC(.tag = "Jobs", .summary = "Draft a job from a posting page, and save it on request",
         .description = "`html` is the page as the browser shows it (the bookmarklet's way, "
                        "also behind a login; up to `COPILOT_MAX_UPLOAD`); without it the "
                        "server fetches `url` itself (http/https, public addresses only, 5 "
                        "redirects, 10 s, 5 MiB). The job comes from JSON-LD `JobPosting`, "
                        "microdata, Open Graph or `<title>`, in that order (`extracted_from`); "
                        "`missing` names the fields the page did not give. `job` replaces "
                        "fields of the draft. With `save=true` the job is created as by `POST "
                        "/jobs` (201, or 409 with `existing_id`).",
         .body = &api_capture_body, .upload = "application/json", .query = &api_capture_query,
         .replies = {OBJECT(&api_capture_reply), CREATED(&api_capture_reply)}, .errors = E409)},
    {"GET", V1 "/jobs/{id}", api_jobs_get, ROUTE_AUTH | ROUTE_READ_ONLY,
     DOC(.tag = "Jobs", .summary = "One own job", .replies = {VERSIONED(&job_table)})},
    {"PATCH", V1 "/jobs/{id}", api_jobs_update, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Jobs", .summary = "Change some fields of a job", .body = &job_table,
         .body_mode = PARSE_PATCH, .replies = {VERSIONED(&job_table)}, .errors = E409 | E412),
     .object = &job_table},
    {"PUT", V1 "/jobs/{id}", api_jobs_replace, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Jobs", .summary = "Replace a job",
         .description = "Fields left out become null (those that cannot be null keep their "
                        "value).",
         .body = &job_table, .replies = {VERSIONED(&job_table)}, .errors = E409 | E412),
     .object = &job_table},
    {"DELETE", V1 "/jobs/{id}", api_jobs_delete, ROUTE_AUTH,
     DOC(.tag = "Jobs", .summary = "Delete a job with its applications", .replies = {NO_CONTENT},
         .errors = E412),
     .object = &job_table},
    {"PUT", V1 "/jobs/{id}/resume", api_jobs_choose_resume, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Jobs", .summary = "Choose the résumé a job is matched and written with",
         .description = "`resume_id` names one of the user's résumés (another user's answers "
                        "404 naming `resume_id`); null goes back to the primary one. The job "
                        "shows the choice as `resume_id` and gets a new version.",
         .body = &job_resume_body, .replies = {VERSIONED(&job_table)}, .errors = E412),
     .object = &job_table},

    {"GET", V1 "/applications", api_applications_list, ROUTE_AUTH | ROUTE_READ_ONLY,
     DOC(.tag = "Applications", .summary = "List own applications", .list = &application_list_spec,
         .replies = {LIST(&application_with_job_reply)})},
    {"POST", V1 "/applications", api_applications_create, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Applications", .summary = "Apply to (or note interest in) an own job",
         .description = "A `job_id` that is not one of the user's jobs answers 404 naming it.",
         .body = &application_table, .replies = {CREATED(&application_table)},
         .errors = E404 | E409)},
    {"GET", V1 "/applications/pipeline", api_applications_pipeline, ROUTE_AUTH,
     DOC(.tag = "Applications", .summary = "The pipeline: states, allowed moves, reopening",
         .description = "Generated from the one table the server enforces: `states` in pipeline "
                        "order, `open`, `final`, `transitions` (the states each one may move to) "
                        "and `reopen` (the final states `force=true` reopens).",
         .replies = {OBJECT(&api_applications_pipeline_reply)})},
    {"GET", V1 "/applications/board", api_applications_board, ROUTE_AUTH | ROUTE_READ_ONLY,
     DOC(.tag = "Applications", .summary = "The pipeline as columns, for a kanban view",
         .description = "One column per status in pipeline order, `{status, count, items}`, with "
                        "the `per_column` most recently updated applications of each; more "
                        "through `GET /applications?status=S&sort=-updated_at&offset=`. The "
                        "`ETag` names the user's applications as they are (it changes with "
                        "every application written); `If-None-Match` with it answers 304 while "
                        "nothing changed.",
         .query = &api_applications_board_query,
         .replies = {{200, RK_OBJECT, &application_board_reply, .headers = RH_ETAG},
                     {304, RK_EMPTY, .headers = RH_ETAG,
                      .description = "Not modified: the board has the ETag sent"}})},
    {"GET", V1 "/applications/follow-ups", api_applications_follow_ups, ROUTE_AUTH,
     DOC(.tag = "Applications", .summary = "Open applications whose follow-up is due",
         .list = &application_follow_up_spec, .list_table = &application_table,
         .replies = {LIST(&application_follow_up_reply)})},
    {"GET", V1 "/applications/{id}", api_applications_get, ROUTE_AUTH | ROUTE_READ_ONLY,
     DOC(.tag = "Applications", .summary = "One own application",
         .replies = {VERSIONED(&application_table)})},
    {"PATCH", V1 "/applications/{id}", api_applications_update, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Applications", .summary = "Change an application or move it in the pipeline",
         .description = "A move the pipeline does not allow answers 422 with the allowed "
                        "next states in `allowed`; `force=true` reopens a final state to the "
                        "one before it.",
         .body = &application_table, .body_mode = PARSE_PATCH,
         .query = &api_applications_update_query, .replies = {VERSIONED(&application_table)},
         .errors = E412),
     .object = &application_table},
    {"DELETE", V1 "/applications/{id}", api_applications_delete, ROUTE_AUTH,
     DOC(.tag = "Applications", .summary = "Delete an application", .replies = {NO_CONTENT},
         .errors = E412),
     .object = &application_table},

    /* the contacts of an application (SPEC part E, "Contacts and tasks") */
    {"GET", V1 "/applications/{id}/contacts", api_application_contacts_list, ROUTE_AUTH,
     DOC(.tag = "Contacts", .summary = "The contacts linked to an application",
         .description = "Each contact carries `relation` and `linked_at`.",
         .list = &linked_contact_list_spec, .list_table = &contact_table,
         .replies = {LIST(&linked_contact_reply)})},
    {"POST", V1 "/applications/{id}/contacts", api_application_contacts_link,
     ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Contacts", .summary = "Link a contact to an application, or change its relation",
         .description = "201 for a new link, 200 when the contact was linked already (its "
                        "`relation` changes when given). Another user's contact answers 404 "
                        "naming `contact_id`.",
         .body = &application_contact_body,
         .replies = {CREATED(&linked_contact_reply), OBJECT(&linked_contact_reply)})},
    {"GET", V1 "/applications/{id}/contacts/{contact_id}", api_application_contacts_get, ROUTE_AUTH,
     DOC(.tag = "Contacts", .summary = "A contact as linked to an application",
         .replies = {OBJECT(&linked_contact_reply)})},
    {"DELETE", V1 "/applications/{id}/contacts/{contact_id}", api_application_contacts_unlink,
     ROUTE_AUTH,
     DOC(.tag = "Contacts", .summary = "Unlink a contact from an application (both stay)",
         .replies = {NO_CONTENT})},

    /* contacts */
    {"GET", V1 "/contacts", api_contacts_list, ROUTE_AUTH,
     DOC(.tag = "Contacts", .summary = "List own contacts",
         .description = "`q` searches name, e-mail, company, role and notes; `company` matches "
                        "in any case. Each item carries `application_count`.",
         .list = &contact_list_spec, .replies = {LIST(&contact_table)})},
    {"POST", V1 "/contacts", api_contacts_create, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Contacts", .summary = "Add a contact", .body = &contact_table,
         .replies = {CREATED(&contact_reply)})},
    {"GET", V1 "/contacts/{id}", api_contacts_get, ROUTE_AUTH,
     DOC(.tag = "Contacts", .summary = "One contact with the applications it is linked to",
         .replies = {VERSIONED(&contact_reply)})},
    {"PATCH", V1 "/contacts/{id}", api_contacts_update, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Contacts", .summary = "Change some fields of a contact", .body = &contact_table,
         .body_mode = PARSE_PATCH, .replies = {VERSIONED(&contact_reply)}, .errors = E412),
     .object = &contact_table},
    {"PUT", V1 "/contacts/{id}", api_contacts_replace, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Contacts", .summary = "Replace a contact",
         .description = "Fields left out become null (the name keeps its value).",
         .body = &contact_table, .replies = {VERSIONED(&contact_reply)}, .errors = E412),
     .object = &contact_table},
    {"DELETE", V1 "/contacts/{id}", api_contacts_delete, ROUTE_AUTH,
     DOC(.tag = "Contacts", .summary = "Delete a contact (and its links; the applications stay)",
         .replies = {NO_CONTENT}, .errors = E412),
     .object = &contact_table},

    /* tasks */
    {"GET", V1 "/tasks", api_tasks_list, ROUTE_AUTH,
     DOC(.tag = "Tasks", .summary = "List own tasks",
         .description = "`done=true|false`; `due_before=YYYY-MM-DD` (due strictly before that "
                        "day); `job_id` takes the job's own tasks and those of its "
                        "applications; `q` searches title and notes. Sorted by due date "
                        "(undated last) unless `sort` says otherwise; `priority` sorts by "
                        "weight (`-priority`: high first).",
         .list = &task_list_spec, .list_table = &task_table, .query = &task_list_query,
         .replies = {LIST(&task_reply)})},
    {"POST", V1 "/tasks", api_tasks_create, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Tasks", .summary = "Add a task",
         .description = "Linked to at most one of `application_id` and `job_id`; another "
                        "user's (or a missing) one answers 404 naming the field. `done: true` "
                        "sets `done_at`.",
         .body = &task_body, .replies = {CREATED(&task_reply)}, .errors = E404)},
    {"GET", V1 "/tasks/{id}", api_tasks_get, ROUTE_AUTH,
     DOC(.tag = "Tasks", .summary = "One own task", .replies = {VERSIONED(&task_reply)})},
    {"PATCH", V1 "/tasks/{id}", api_tasks_update, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Tasks", .summary = "Change a task, or mark it done",
         .description = "`done: true` sets `done_at` to now (kept when the task was done "
                        "already); `done: false` clears it. Setting one link clears the other.",
         .body = &task_body, .body_mode = PARSE_PATCH, .replies = {VERSIONED(&task_reply)},
         .errors = E412),
     .object = &task_table},
    {"PUT", V1 "/tasks/{id}", api_tasks_replace, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Tasks", .summary = "Replace a task",
         .description = "Fields left out become null (title, priority and done keep their "
                        "value).",
         .body = &task_body, .replies = {VERSIONED(&task_reply)}, .errors = E412),
     .object = &task_table},
    {"DELETE", V1 "/tasks/{id}", api_tasks_delete, ROUTE_AUTH,
     DOC(.tag = "Tasks", .summary = "Delete a task", .replies = {NO_CONTENT}, .errors = E412),
     .object = &task_table},

    /* job sources (discovery) */
    {"GET", V1 "/job-sources", api_job_sources_list, ROUTE_AUTH,
     DOC(.tag = "Job sources", .summary = "List own job sources", .list = &job_source_list_spec,
         .replies = {LIST(&job_source_reply)})},
    {"POST", V1 "/job-sources", api_job_sources_create, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Job sources", .summary = "Follow a job board or feed",
         .description = "Either `url` (a board's address such as boards.greenhouse.io/acme, "
                        "jobs.lever.co/acme, jobs.ashbyhq.com/acme, or a feed's) or `kind` "
                        "and `identifier`. Following the same one twice answers 409 with "
                        "`existing_id`. A feed whose host is an IP address written out that "
                        "the server would not fetch (loopback, private, link-local, unless "
                        "COPILOT_CAPTURE_ALLOW_PRIVATE allows it) is refused with 422; a host "
                        "name is checked when the feed is fetched.",
         .body = &job_source_create_body, .replies = {CREATED(&job_source_reply)}, .errors = E409)},
    {"GET", V1 "/job-sources/recognise", api_job_sources_recognise, ROUTE_AUTH,
     DOC(.tag = "Job sources", .summary = "What a pasted address is recognised as",
         .query = &api_job_sources_recognise_query,
         .replies = {OBJECT(&api_job_sources_recognise_reply)})},
    {"GET", V1 "/job-sources/{id}", api_job_sources_get, ROUTE_AUTH,
     DOC(.tag = "Job sources", .summary = "One own job source",
         .replies = {VERSIONED(&job_source_reply)})},
    {"PATCH", V1 "/job-sources/{id}", api_job_sources_update, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Job sources", .summary = "Rename, pause or resume a job source",
         .description = "Enabling a source starts its count of failures in a row afresh.",
         .body = &job_source_patch_body, .body_mode = PARSE_PATCH,
         .replies = {VERSIONED(&job_source_reply)}, .errors = E412),
     .object = &job_source_table},
    {"DELETE", V1 "/job-sources/{id}", api_job_sources_delete, ROUTE_AUTH,
     DOC(.tag = "Job sources", .summary = "Stop following a job source (its jobs stay)",
         .replies = {NO_CONTENT}, .errors = E412),
     .object = &job_source_table},
    {"POST", V1 "/job-sources/{id}/fetch", api_job_sources_fetch, ROUTE_AUTH | ROUTE_SLOW_REMOTE,
     DOC(.tag = "Job sources", .summary = "Fetch a job source now",
         .description = "New postings become jobs through the same duplicate rules as `POST "
                        "/jobs`. A failed fetch is reported in `errors`, the source's "
                        "`last_error` and the run; 5 failures in a row pause the source. 409 "
                        "when a fetch of it is running already.",
         .replies = {OBJECT(&api_job_sources_fetch_reply)}, .errors = E409)},
    {"GET", V1 "/job-sources/{id}/runs", api_job_sources_runs, ROUTE_AUTH,
     DOC(.tag = "Job sources", .summary = "What the last fetches of a source brought",
         .list = &job_source_run_list_spec, .replies = {LIST(&job_source_run_table)})},
    /* calendar; the feed is read with its token, not a bearer */
    {"GET", V1 "/calendar", api_calendar_events, ROUTE_AUTH | ROUTE_READ_ONLY,
     DOC(.tag = "Calendar",
         .summary = "Follow-ups, interviews, offers and open tasks of a range of days",
         .description = "`from` and `to` (YYYY-MM-DD, both included) may span at most 366 days. "
                        "A task is an event on its due date until it is done. The `ETag` "
                        "names the user's calendar as it is (it changes with every event "
                        "written); `If-None-Match` with it answers 304 while nothing changed.",
         .query = &api_calendar_query,
         .replies = {{200, RK_OBJECT, &api_calendar_events_reply, .headers = RH_ETAG},
                     {304, RK_EMPTY, .headers = RH_ETAG,
                      .description = "Not modified: the calendar has the ETag sent"}})},
    {"GET", V1 "/calendar/feed", api_calendar_feed_get, ROUTE_AUTH,
     DOC(.tag = "Calendar", .summary = "Whether the calendar feed exists, and when it was read",
         .description = "Never the token: it is shown once, when the feed is created.",
         .replies = {OBJECT(&calendar_feed_reply)}, .errors = E404)},
    {"POST", V1 "/calendar/feed", api_calendar_feed_create, ROUTE_AUTH,
     DOC(.tag = "Calendar", .summary = "Create the calendar feed, or rotate its token",
         .description = "Answers the feed's `url` with a new token; the previous URL stops "
                        "working at once.",
         .replies = {CREATED(&api_calendar_created_feed_reply)})},
    {"DELETE", V1 "/calendar/feed", api_calendar_feed_delete, ROUTE_AUTH,
     DOC(.tag = "Calendar", .summary = "Revoke the calendar feed", .replies = {NO_CONTENT},
         .errors = E404)},
    {"GET", V1 "/calendar.ics", api_calendar_ics, 0,
     DOC(.tag = "Calendar", .summary = "The calendar feed (RFC 5545) for calendar programs",
         .description = "No bearer: the `token` of the feed's URL is the key; a bad one is 404.",
         .query = &api_calendar_ics_query, .replies = {{200, RK_TEXT, .media = "text/calendar"}},
         .errors = E404)},

    /* analytics */
    {"GET", V1 "/analytics/summary", api_analytics_summary, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "Counts, rates with benchmarks, goal and streak",
         .replies = {OBJECT(&analytics_summary_reply)})},
    {"GET", V1 "/analytics/funnel", api_analytics_funnel, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "The application funnel of the last 90 days",
         .replies = {OBJECT(&analytics_funnel_reply)})},
    {"GET", V1 "/analytics/timeseries", api_analytics_timeseries, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "A metric per day or week",
         .query = &api_analytics_timeseries_query, .replies = {OBJECT(&analytics_series_reply)})},
    {"GET", V1 "/analytics/sources", api_analytics_sources, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "Jobs and outcomes per source",
         .replies = {OBJECT(&analytics_sources_reply)})},
    {"GET", V1 "/analytics/skills", api_analytics_skills, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "Skills the user's jobs ask for, and those missing",
         .query = &api_analytics_skills_query, .replies = {OBJECT(&analytics_skills_reply)})},
    {"GET", V1 "/analytics/salaries", api_analytics_salaries, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "Salary ranges of the user's jobs per currency",
         .replies = {OBJECT(&analytics_salaries_reply)})},
    {"POST", V1 "/analytics/snapshots", api_analytics_snapshot_create, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "Store a report as a snapshot",
         .description = "The optional JSON body names the report (`application_summary` "
                        "without one).",
         .body = &snapshot_body, .body_mode = PARSE_PATCH, .body_optional = true,
         .replies = {CREATED(&snapshot_table)})},
    {"GET", V1 "/analytics/snapshots", api_analytics_snapshot_list, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "List own snapshots", .list = &snapshot_list_spec,
         .replies = {LIST(&snapshot_table)})},
    {"GET", V1 "/analytics/snapshots/{id}", api_analytics_snapshot_get, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "One own snapshot",
         .replies = {VERSIONED(&snapshot_table)})},
    {"DELETE", V1 "/analytics/snapshots/{id}", api_analytics_snapshot_delete, ROUTE_AUTH,
     DOC(.tag = "Analytics", .summary = "Delete a snapshot", .replies = {NO_CONTENT},
         .errors = E412),
     .object = &snapshot_table},
    {"GET", V1 "/admin/analytics", api_admin_analytics, ROUTE_ADMIN,
     DOC(.tag = "Admin", .summary = "System-wide figures",
         .replies = {OBJECT(&analytics_system_reply)})},

    /* feedback */
    {"GET", V1 "/feedback", api_feedback_list, ROUTE_AUTH,
     DOC(.tag = "Feedback", .summary = "List own feedback items (all of them for administrators)",
         .list = &feedback_list_spec, .list_table = &feedback_table,
         .replies = {LIST(&feedback_item_reply)})},
    {"POST", V1 "/feedback", api_feedback_create, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Feedback", .summary = "Give feedback",
         .description = "`status`, `admin_response` and `admin_notes` are for administrators "
                        "(403 naming the field otherwise).",
         .body = &feedback_table, .replies = {CREATED(&feedback_item_reply)}, .errors = E403)},
    {"GET", V1 "/feedback/{id}", api_feedback_get, ROUTE_AUTH,
     DOC(.tag = "Feedback", .summary = "One feedback item",
         .replies = {VERSIONED(&feedback_item_reply)})},
    {"PATCH", V1 "/feedback/{id}", api_feedback_update, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Feedback", .summary = "Edit a feedback item",
         .description = "Owners edit title and description; administrators also set type, "
                        "status, priority, admin_response and admin_notes (403 naming the "
                        "field otherwise).",
         .body = &feedback_table, .body_mode = PARSE_PATCH,
         .replies = {VERSIONED(&feedback_item_reply)}, .errors = E403 | E412),
     .object = &feedback_table},
    {"DELETE", V1 "/feedback/{id}", api_feedback_delete, ROUTE_AUTH,
     DOC(.tag = "Feedback", .summary = "Delete a feedback item", .replies = {NO_CONTENT},
         .errors = E412),
     .object = &feedback_table},
    {"POST", V1 "/feedback/{id}/vote", api_feedback_vote, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Feedback", .summary = "Vote for (1) or against (-1) an item",
         .body = &api_feedback_vote_body, .replies = {OBJECT(&feedback_item_reply)})},
    {"DELETE", V1 "/feedback/{id}/vote", api_feedback_unvote, ROUTE_AUTH,
     DOC(.tag = "Feedback", .summary = "Take back the user's vote", .replies = {NO_CONTENT})},

    /* interviews */
    {"GET", V1 "/interviews", api_interviews_list, ROUTE_AUTH,
     DOC(.tag = "Interviews", .summary = "List own practice sessions", .list = &interview_list_spec,
         .replies = {LIST(&interview_table)})},
    {"POST", V1 "/interviews", api_interviews_create, ROUTE_AUTH | ROUTE_JSON | ROUTE_SLOW_MODEL,
     DOC(.tag = "Interviews", .summary = "Start a practice session with generated questions",
         .description = "A `job_id` that is not one of the user's jobs answers 404 naming it.",
         .body = &interview_create_body, .replies = {CREATED(&api_interviews_created_reply)},
         .errors = E404)},
    {"GET", V1 "/interviews/{id}", api_interviews_get, ROUTE_AUTH,
     DOC(.tag = "Interviews", .summary = "One session with its questions",
         .replies = {VERSIONED(&interview_session_reply)})},
    {"DELETE", V1 "/interviews/{id}", api_interviews_delete, ROUTE_AUTH,
     DOC(.tag = "Interviews", .summary = "Delete a session", .replies = {NO_CONTENT},
         .errors = E412),
     .object = &interview_table},
    {"POST", V1 "/interviews/{id}/start", api_interviews_start, ROUTE_AUTH,
     DOC(.tag = "Interviews", .summary = "Mark a session started",
         .description = "A session that is completed or cancelled answers 409.",
         .replies = {OBJECT(&interview_session_reply)}, .errors = E409)},
    {"POST", V1 "/interviews/{id}/cancel", api_interviews_cancel, ROUTE_AUTH,
     DOC(.tag = "Interviews", .summary = "Cancel a session",
         .description = "A session that is completed or cancelled answers 409.",
         .replies = {OBJECT(&interview_session_reply)}, .errors = E409)},
    {"POST", V1 "/interviews/{id}/complete", api_interviews_complete, ROUTE_AUTH,
     DOC(.tag = "Interviews", .summary = "Complete a session: overall score and feedback",
         .description = "A session that is completed or cancelled answers 409.",
         .replies = {OBJECT(&interview_session_reply)}, .errors = E409)},
    {"POST", V1 "/interviews/{id}/questions/{position}/answer", api_interviews_answer,
     ROUTE_AUTH | ROUTE_JSON | ROUTE_SLOW_MODEL,
     DOC(.tag = "Interviews", .summary = "Answer a question: its score and feedback",
         .description = "A session that is completed or cancelled answers 409.",
         .body = &interview_answer_body, .replies = {OBJECT(&api_interviews_graded_reply)},
         .errors = E409)},

    /* resumes */
    {"GET", V1 "/resumes", api_resumes_list, ROUTE_AUTH,
     DOC(.tag = "Resumes", .summary = "List own résumés", .list = &resume_list_spec,
         .replies = {LIST(&resume_table)})},
    {"POST", V1 "/resumes", api_resumes_create, ROUTE_AUTH | ROUTE_UPLOAD | ROUTE_SLOW_PARSE,
     DOC(.tag = "Resumes", .summary = "Upload a résumé (PDF, DOCX, text or Markdown)",
         .description = "The type is recognised by content, not by name; the text, contact "
                        "details, skills, experience and education are extracted.",
         .upload = "multipart/form-data", .replies = {CREATED(&resume_table)})},
    {"GET", V1 "/resumes/{id}", api_resumes_get, ROUTE_AUTH,
     DOC(.tag = "Resumes", .summary = "One résumé with what was extracted",
         .replies = {VERSIONED(&resume_table)})},
    {"PATCH", V1 "/resumes/{id}", api_resumes_update, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Resumes", .summary = "Label a résumé version (\"backend\", \"data\")",
         .description = "`label` (1-50 characters, no surrounding space) names the version; null "
                        "removes it. A label another of the user's résumés has answers 409 with "
                        "`existing_id`.",
         .body = &resume_patch_body, .body_mode = PARSE_PATCH,
         .replies = {VERSIONED(&resume_table)}, .errors = E409 | E412),
     .object = &resume_table},
    {"DELETE", V1 "/resumes/{id}", api_resumes_delete, ROUTE_AUTH,
     DOC(.tag = "Resumes", .summary = "Delete a résumé and its file", .replies = {NO_CONTENT},
         .errors = E412),
     .object = &resume_table},
    {"GET", V1 "/resumes/{id}/file", api_resumes_file, ROUTE_AUTH,
     DOC(.tag = "Resumes", .summary = "Download the uploaded file",
         .replies = {DOWNLOAD("application/pdf, "
                              "application/vnd.openxmlformats-officedocument.wordprocessingml."
                              "document, text/plain, text/markdown")})},
    {"POST", V1 "/resumes/{id}/primary", api_resumes_set_primary, ROUTE_AUTH,
     DOC(.tag = "Resumes", .summary = "Make a résumé the primary one",
         .replies = {OBJECT(&resume_table)})},
    {"POST", V1 "/resumes/{id}/apply-skills", api_resumes_apply_skills, ROUTE_AUTH,
     DOC(.tag = "Resumes", .summary = "Add the résumé's skills to the profile",
         .replies = {OBJECT(&api_resumes_applied_reply)})},

    /* content */
    {"GET", V1 "/content", api_content_list, ROUTE_AUTH,
     DOC(.tag = "Content", .summary = "List own generated documents", .list = &content_list_spec,
         .replies = {LIST(&content_table)})},
    {"POST", V1 "/content", api_content_create, ROUTE_AUTH | ROUTE_JSON | ROUTE_SLOW_MODEL,
     DOC(.tag = "Content", .summary = "Generate a document (version 1)",
         .description = "A `job_id` that is not one of the user's jobs answers 404 naming it.",
         .body = &content_create_body, .replies = {CREATED(&api_content_created_reply)},
         .errors = E404)},
    {"GET", V1 "/content/{id}", api_content_get, ROUTE_AUTH,
     DOC(.tag = "Content", .summary = "One document with its versions",
         .replies = {VERSIONED(&content_document_reply)})},
    {"PATCH", V1 "/content/{id}", api_content_update, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Content", .summary = "Save an edited text as a new version, or set the status",
         .body = &content_patch_body, .body_mode = PARSE_PATCH,
         .replies = {VERSIONED(&content_document_reply)}, .errors = E412),
     .object = &content_table},
    {"DELETE", V1 "/content/{id}", api_content_delete, ROUTE_AUTH,
     DOC(.tag = "Content", .summary = "Delete a document with its versions",
         .replies = {NO_CONTENT}, .errors = E412),
     .object = &content_table},
    {"POST", V1 "/content/{id}/versions/{n}/restore", api_content_restore, ROUTE_AUTH,
     DOC(.tag = "Content", .summary = "Restore version n as a new version",
         .replies = {OBJECT(&content_document_reply)})},

    /* career resources and learning paths */
    /* the public catalogue: anyone may read it; a token, when sent, must be valid and shows the
       caller's own state. The literal paths come before /resources/{id} and
       /learning-paths/{id}, which would match them */
    {"GET", V1 "/resources", api_career_resources_list, ROUTE_AUTH_OPTIONAL,
     DOC(.tag = "Resources", .summary = "Browse the catalogue",
         .description = "Others than administrators see active resources only: `is_active=false` "
                        "gives them an empty list.",
         .list = &career_resource_list_spec, .query = &career_resource_list_query,
         .replies = {LIST(&career_resource_table)})},
    {"POST", V1 "/resources", api_career_resources_create, ROUTE_ADMIN | ROUTE_JSON,
     DOC(.tag = "Resources", .summary = "Add a resource to the catalogue",
         .body = &career_resource_table, .replies = {CREATED(&career_resource_table)},
         .errors = E409)},
    {"GET", V1 "/resources/recommended", api_career_resources_recommended, ROUTE_AUTH,
     DOC(.tag = "Resources", .summary = "Resources for the skills the user's relevant jobs ask for",
         .query = &page_query, .replies = {OBJECT(&career_resource_recommended_reply)})},
    {"GET", V1 "/resources/bookmarks", api_career_resources_bookmarks, ROUTE_AUTH,
     DOC(.tag = "Resources", .summary = "List own bookmarks",
         .list = &career_resource_bookmark_spec, .list_table = &career_resource_bookmark_table,
         .replies = {LIST(&career_resource_bookmark_reply)})},
    {"GET", V1 "/resources/{id}", api_career_resources_get, ROUTE_AUTH_OPTIONAL,
     DOC(.tag = "Resources", .summary = "One resource (records a view when signed in)",
         .query = &api_career_resources_get_query,
         .replies = {VERSIONED(&career_resource_detail_reply)})},
    {"PATCH", V1 "/resources/{id}", api_career_resources_update, ROUTE_ADMIN | ROUTE_JSON,
     DOC(.tag = "Resources", .summary = "Edit a resource", .body = &career_resource_table,
         .body_mode = PARSE_PATCH, .replies = {VERSIONED(&career_resource_table)},
         .errors = E409 | E412),
     .object = &career_resource_table},
    {"DELETE", V1 "/resources/{id}", api_career_resources_delete, ROUTE_ADMIN,
     DOC(.tag = "Resources", .summary = "Remove a resource", .replies = {NO_CONTENT},
         .errors = E409 | E412),
     .object = &career_resource_table},
    {"POST", V1 "/resources/{id}/bookmark", api_career_resources_bookmark, ROUTE_AUTH,
     DOC(.tag = "Resources", .summary = "Bookmark a resource, or change the bookmark",
         .body = &career_resource_bookmark_table, .body_mode = PARSE_PATCH, .body_optional = true,
         .replies = {OBJECT(&career_resource_bookmark_reply),
                     CREATED(&career_resource_bookmark_reply)})},
    {"GET", V1 "/resources/{id}/bookmark", api_career_resources_get_bookmark, ROUTE_AUTH,
     DOC(.tag = "Resources", .summary = "Own bookmark of a resource (404 when there is none)",
         .replies = {OBJECT(&career_resource_bookmark_reply)})},
    {"DELETE", V1 "/resources/{id}/bookmark", api_career_resources_unbookmark, ROUTE_AUTH,
     DOC(.tag = "Resources", .summary = "Remove a bookmark", .replies = {NO_CONTENT})},
    {"GET", V1 "/resources/{id}/feedback", api_career_resources_get_feedback, ROUTE_AUTH,
     DOC(.tag = "Resources", .summary = "Own rating of a resource (404 when there is none)",
         .replies = {OBJECT(&career_resource_rating_reply)})},
    {"PUT", V1 "/resources/{id}/feedback", api_career_resources_feedback, ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Resources", .summary = "Rate a resource (replaces the user's earlier rating)",
         .body = &career_resource_feedback_table,
         .replies = {OBJECT(&career_resource_rating_reply),
                     CREATED(&career_resource_rating_reply)})},
    {"GET", V1 "/learning-paths", api_learning_paths_list, ROUTE_AUTH_OPTIONAL,
     DOC(.tag = "Learning paths", .summary = "Browse the learning paths",
         .description = "Others than administrators see active paths only: `is_active=false` "
                        "gives them an empty list.",
         .list = &learning_path_list_spec, .list_table = &learning_path_table,
         .replies = {LIST(&learning_path_item_reply)})},
    {"POST", V1 "/learning-paths", api_learning_paths_create, ROUTE_ADMIN | ROUTE_JSON,
     DOC(.tag = "Learning paths", .summary = "Create a learning path", .body = &learning_path_table,
         .replies = {CREATED(&learning_path_item_reply)}, .errors = E409)},
    {"GET", V1 "/learning-paths/recommended", api_learning_paths_recommended, ROUTE_AUTH,
     DOC(.tag = "Learning paths",
         .summary = "Paths for the skills the user's relevant jobs ask for", .query = &page_query,
         .replies = {OBJECT(&learning_path_recommended_reply)})},
    {"GET", V1 "/learning-paths/enrolled", api_learning_paths_enrolled, ROUTE_AUTH,
     DOC(.tag = "Learning paths", .summary = "List own enrollments",
         .list = &learning_path_enrollment_spec, .list_table = &learning_path_enrollment_table,
         .replies = {LIST(&learning_path_enrollment_reply)})},
    {"GET", V1 "/learning-paths/{id}", api_learning_paths_get, ROUTE_AUTH_OPTIONAL,
     DOC(.tag = "Learning paths", .summary = "One path with its resources",
         .replies = {VERSIONED(&learning_path_detail_reply)})},
    {"PATCH", V1 "/learning-paths/{id}", api_learning_paths_update, ROUTE_ADMIN | ROUTE_JSON,
     DOC(.tag = "Learning paths", .summary = "Edit a learning path", .body = &learning_path_table,
         .body_mode = PARSE_PATCH, .replies = {VERSIONED(&learning_path_item_reply)},
         .errors = E409 | E412),
     .object = &learning_path_table},
    {"DELETE", V1 "/learning-paths/{id}", api_learning_paths_delete, ROUTE_ADMIN,
     DOC(.tag = "Learning paths", .summary = "Delete a learning path", .replies = {NO_CONTENT},
         .errors = E412),
     .object = &learning_path_table},
    {"POST", V1 "/learning-paths/{id}/enroll", api_learning_paths_enroll, ROUTE_AUTH,
     DOC(.tag = "Learning paths", .summary = "Enroll in a path",
         .replies = {CREATED(&learning_path_enrollment_reply)}, .errors = E409)},
    {"DELETE", V1 "/learning-paths/{id}/enroll", api_learning_paths_unenroll, ROUTE_AUTH,
     DOC(.tag = "Learning paths", .summary = "Leave a path", .replies = {NO_CONTENT})},
    {"PATCH", V1 "/learning-paths/{id}/progress", api_learning_paths_progress,
     ROUTE_AUTH | ROUTE_JSON,
     DOC(.tag = "Learning paths", .summary = "Record progress along a path",
         .description = "Progress percentage and status are computed from "
                        "`completed_resource_ids`.",
         .body = &api_learning_paths_progress_body, .body_mode = PARSE_PATCH,
         .replies = {OBJECT(&learning_path_enrollment_reply)})},

    {"GET", V1 "/admin/users", api_admin_users, ROUTE_ADMIN,
     DOC(.tag = "Admin", .summary = "List the users", .list = &user_list_spec,
         .query = &user_list_query, .replies = {LIST(&user_table)})},
    {"PATCH", V1 "/admin/users/{id}", api_admin_update_user, ROUTE_ADMIN | ROUTE_JSON,
     DOC(.tag = "Admin", .summary = "Grant or revoke administrator rights",
         .body = &api_users_admin_body, .replies = {VERSIONED(&user_table)}, .errors = E412),
     .object = &user_table},
    {"DELETE", V1 "/admin/users/{id}", api_admin_delete_user, ROUTE_ADMIN,
     DOC(.tag = "Admin", .summary = "Delete a user and everything they own",
         .replies = {NO_CONTENT}, .errors = E412),
     .object = &user_table},

    {NULL, NULL, NULL, 0, NULL},
};
