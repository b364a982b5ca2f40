/*
 * This file is the store contract suite: one set of tests run against whichever engine the
 * environment variable STORE_TEST_URL names ("sqlite:PATH" or "postgresql://..."; the suite
 * fails when it is missing). scripts/run-tests runs it on a fresh SQLite file and on a fresh
 * PostgreSQL database. Through store.h and migrate.h only, it checks that the migrations give
 * both engines the database of SPEC part A:
 *
 *   migrations   up, down to zero and up again leave an identical catalogue, and down leaves
 *                nothing but schema_migrations; on SQLite no CHECK builds a temporary B-tree
 *                for an IN list (0084, 0085: written as comparisons joined by OR);
 *   constraints  every rule of part A refuses a row that breaks it with the documented code
 *                (ERR_CONFLICT, ERR_FOREIGN_KEY, ERR_CHECK) and constraint name, and every
 *                listed value of every enum-like column, and NULL in every nullable column,
 *                is accepted;
 *   defaults     a row given only its required columns gets the documented defaults;
 *   types        timestamps, dates, booleans and arrays read back alike on both engines;
 *   cascades     deleting a user leaves no orphan; SET NULL rows survive with NULL; deleting
 *                a job, a feedback item, a session, a résumé... takes its children along;
 *   fulltext     jobs search finds words and prefixes, and follows inserts, updates, deletes;
 *   throttles    login_throttles (part E): one subject per row, unique per subject, bounds,
 *                and the rows of a deleted user go with it.
 *   files        résumé bytes (resume_files) keep every byte, match their row's file_size,
 *                one per résumé, and go with it.
 *
 * The schema is transcribed from SPEC part A as data (tables[] below). Most constraint cases
 * are generated from it (NULL in a NOT NULL column, a value outside a value list, malformed
 * JSON, a dangling reference...); the rules that involve more than one column or a specific
 * bound are listed by hand in manual_cases[]. Each case runs in a transaction that is rolled
 * back, over a fixture loaded once per group.
 */
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "lib/embedded.h"
#include "lib/xalloc.h"
#include "store/migrate.h"
#include "store/store.h"

/* ================================================================ schema, as data */

/* Column flags. */
enum {
    NN = 1 << 0,   /* NOT NULL */
    TS = 1 << 1,   /* timestamp */
    DATE = 1 << 2, /* date */
    JSON = 1 << 3, /* any JSON value */
    JARR = 1 << 4, /* JSON, an array */
    JOBJ = 1 << 5, /* JSON, an object */
    BOOL = 1 << 6, /* boolean */
    TARR = 1 << 7, /* spec "array": text[] on PostgreSQL, a JSON array on SQLite */
    ENUM = 1 << 8, /* spec "enum": a PostgreSQL enum type (CHECK on SQLite) */
};

/* clang-format off */
#define T(x) {.type = STORE_TEXT, .s = (x)}
#define I(x) {.type = STORE_INT, .i = (x)}
#define R(x) {.type = STORE_REAL, .d = (x)}
#define B(x) {.type = STORE_BOOL, .i = (x)}
#define NUL {.type = STORE_NULL}
#define STAMP "2025-11-24T20:19:44Z"
#define DAY "2025-11-24"
/* Marks a default of "the current time" in column.def. */
#define NOW "now"
/* clang-format on */

struct column {
    const char *name;
    unsigned flags;
    struct store_value value;  /* a valid value: the base row of the table */
    const char *const *values; /* the value list of an enum-like column, NULL-terminated */
    const char *fk;            /* references another table: the constraint name PostgreSQL
                                  reports, or "" when more than one may (composite keys) */
    const char *def;           /* the default read back (NOW: the current time), or NULL */
};

#define MAX_COLS 28
struct table {
    const char *name;
    struct column cols[MAX_COLS]; /* up to the first with name NULL */
};

/* clang-format off */
static const char *const experience_levels[] = {"entry", "junior", "mid", "senior", "lead",
                                                "executive", NULL};
static const char *const job_types[] = {"full-time", "part-time", "contract", "internship",
                                        "temporary", "freelance", NULL};
static const char *const remote_options[] = {"onsite", "hybrid", "remote", NULL};
static const char *const job_sources[] = {"manual", "import", "linkedin", "indeed", "adzuna",
                                          "rss", "api", "other", NULL};
static const char *const job_statuses[] = {"not_applied", "interested", "applied", "phone_screen",
                                           "interview", "technical", "offer", "accepted",
                                           "declined", "rejected", "withdrawn", "ghosted",
                                           "archived", NULL};
static const char *const application_statuses[] = {"interested", "applied", "phone_screen",
                                                   "interview", "technical", "offer", "accepted",
                                                   "declined", "rejected", "withdrawn",
                                                   "ghosted", NULL};
/* applications.previous_status (migration 0032): an open status or NULL */
static const char *const open_statuses[] = {"interested", "applied", "phone_screen", "interview",
                                            "technical", "offer", NULL};
static const char *const analytics_types[] = {"application_summary", "funnel", "response_rate",
                                              "weekly_activity", "goal_progress",
                                              "source_effectiveness", "skill_demand",
                                              "salary_insights", NULL};
static const char *const feedback_types[] = {"bug_report", "feature_request", "improvement",
                                             "general", "job_recommendation",
                                             "skill_gap_suggestion", "content_generation",
                                             "interview_practice", NULL};
static const char *const feedback_priorities[] = {"low", "medium", "high", "critical", NULL};
static const char *const recommendation_reasons[] = {"skills", "seniority", "salary", "location",
                                                     "company", "other", NULL};
static const char *const feedback_statuses[] = {"open", "in_review", "planned", "in_progress",
                                                "resolved", "closed", NULL};
static const char *const interview_types[] = {"behavioral", "technical", "system_design",
                                              "case_study", "general", NULL};
static const char *const interview_statuses[] = {"started", "in_progress", "completed",
                                                 "cancelled", NULL};
static const char *const question_difficulties[] = {"easy", "medium", "hard", NULL};
static const char *const file_types[] = {"pdf", "docx", "txt", "md", NULL};
static const char *const parsing_statuses[] = {"pending", "processing", "completed", "failed",
                                               NULL};
static const char *const content_types[] = {"cover_letter", "resume_summary", "resume_tailoring",
                                            "email_template", "linkedin_message",
                                            "thank_you_note", "follow_up", NULL};
static const char *const tones[] = {"professional", "casual", "enthusiastic", "friendly",
                                    "concise", NULL};
static const char *const content_statuses[] = {"generated", "modified", "approved", "used", NULL};
static const char *const resource_types[] = {"course", "article", "video", "book", "tutorial",
                                             "certification", "tool", "podcast", NULL};
static const char *const difficulties[] = {"beginner", "intermediate", "advanced", NULL};
static const char *const bookmark_priorities[] = {"low", "medium", "high", NULL};
static const char *const bookmark_statuses[] = {"to_learn", "in_progress", "completed",
                                                "archived", NULL};
static const char *const view_sources[] = {"search", "recommendation", "bookmark",
                                           "learning_path", NULL};
static const char *const enrollment_statuses[] = {"active", "paused", "completed", "abandoned",
                                                  NULL};
static const char *const run_starters[] = {"manual", "schedule", "command", NULL};
static const char *const contact_relations[] = {"recruiter", "hiring_manager", "interviewer",
                                                "referrer", "other", NULL};
static const char *const task_priorities[] = {"low", "normal", "high", NULL};
/* clang-format on */

#define CREATED_UPDATED                                                                            \
    {"created_at", NN | TS, T(STAMP), .def = NOW},                                                 \
    {                                                                                              \
        "updated_at", NN | TS, T(STAMP), .def = NOW                                                \
    }

/* calendar feed token digests: 64 lower-case hex digits */
#define HEX64_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HEX64_NEW "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* clang-format off */
/* Fixture ids (see load_fixture): users 1001 (alice) and 1002 (bob); jobs 2001 and 2003 of
 * alice, 2002 of bob; feedback 3001, interview session 4001, résumé 5001, content 6001,
 * resource 7001, learning path 8001, job source 9001 (greenhouse acme), all alice's; job
 * source 9002 (greenhouse acme) of bob; applications 2101 (alice, job 2001) and 2102 (bob, job
 * 2002); contacts 9101 and 9102 of alice, 9103 of bob; the link (2101, 9101) with its relation;
 * task 9201 of alice; résumé 5002 of bob (not primary, labelled "data"); job 2001's chosen
 * résumé 5001. The base rows below do
 * not collide with it. */
static const struct table tables[] = {
    {"users",
     {{"username", NN, T("carol")},
      {"email", NN, T("carol@example.com")},
      {"hashed_password", 0, T("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA")},
      {"skills", JARR, T("[\"c\",\"sql\"]"), .def = "[]"},
      {"preferred_locations", JARR, T("[\"Berlin\"]"), .def = "[]"},
      {"experience_level", 0, T("mid"), .values = experience_levels},
      {"daily_application_goal", NN, I(5), .def = "10"},
      {"is_admin", NN | BOOL, B(1), .def = "0"},
      {"prefer_remote_jobs", NN | BOOL, B(1), .def = "0"},
      {"oauth_provider", 0, T("gitlab")},
      {"oauth_id", 0, T("77")},
      {"profile_picture_url", 0, T("https://example.com/carol.png")},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"jobs",
     {{"user_id", NN, I(1001), .fk = "jobs_user_id_fkey"},
      {"company", NN, T("Acme")},
      {"title", NN, T("Engineer")},
      {"location", 0, T("Berlin")},
      {"description", 0, T("Build things")},
      {"requirements", 0, T("C, SQL")},
      {"salary_range", 0, T("100-120k")},
      {"salary_min", 0, I(100000)},
      {"salary_max", 0, I(120000)},
      {"currency", 0, T("EUR")},
      {"job_type", 0, T("full-time"), .values = job_types},
      {"remote_option", 0, T("hybrid"), .values = remote_options},
      {"tech_stack", JARR, T("[\"c\"]")},
      {"responsibilities", 0, T("Ship")},
      {"documents_required", JARR, T("[\"cv\"]")},
      {"application_url", 0, T("https://acme.example/jobs/1/apply")},
      {"source_url", 0, T("https://acme.example/jobs/1")},
      {"source", 0, T("manual"), .values = job_sources},
      {"status", NN, T("interested"), .values = job_statuses, .def = "not_applied"},
      {"notes", 0, T("call Tom")},
      {"date_applied", DATE, T(DAY)},
      {"job_fingerprint", 0, T("fp-new")},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"applications",
     {{"user_id", NN, I(1001), .fk = ""},
      {"job_id", NN, I(2001), .fk = ""},
      {"status", NN | ENUM, T("applied"), .values = application_statuses, .def = "interested"},
      {"applied_date", DATE, T(DAY)},
      {"response_date", DATE, T(DAY)},
      {"interview_date", TS, T(STAMP)},
      {"offer_date", DATE, T(DAY)},
      {"follow_up_date", DATE, T(DAY)},
      {"notes", 0, T("went well")},
      {"interview_feedback", JOBJ, T("{\"rating\":4}")},
      {"previous_status", 0, T("interview"), .values = open_statuses},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"analytics",
     {{"user_id", 0, I(1001), .fk = "analytics_user_id_fkey"},
      {"type", NN, T("funnel"), .values = analytics_types},
      {"data", NN | JSON, T("{\"total\":3}")},
      {"generated_at", NN | TS, T(STAMP), .def = NOW},
      {"row_version", NN, I(3), .def = "1"}}},
    {"feedback",
     {{"user_id", 0, I(1001), .fk = "feedback_user_id_fkey"},
      {"type", NN | ENUM, T("bug_report"), .values = feedback_types},
      {"priority", NN | ENUM, T("high"), .values = feedback_priorities, .def = "medium"},
      {"status", NN | ENUM, T("planned"), .values = feedback_statuses, .def = "open"},
      {"title", NN, T("Crash on save")},
      {"description", NN, T("It crashes")},
      {"page_url", 0, T("/jobs")},
      {"user_agent", 0, T("curl/8")},
      {"extra_data", JSON, T("{\"browser\":\"firefox\"}")},
      {"admin_response", 0, T("Thanks")},
      {"admin_notes", 0, T("dup of 12")},
      {"resolved_at", TS, T(STAMP)},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"feedback_votes",
     {{"feedback_id", NN, I(3001), .fk = "feedback_votes_feedback_id_fkey"},
      {"user_id", NN, I(1002), .fk = "feedback_votes_user_id_fkey"},
      {"vote", NN, I(1)},
      {"created_at", NN | TS, T(STAMP), .def = NOW}}},
    {"job_recommendation_feedback",
     {{"user_id", NN, I(1002), .fk = ""},
      {"job_id", NN, I(2002), .fk = ""},
      {"is_helpful", NN | BOOL, B(1)},
      {"match_score", 0, R(75.5)},
      {"comment", 0, T("good match")},
      {"user_skills_at_time", JSON, T("[\"c\"]")},
      {"job_tech_stack", JSON, T("[\"c\"]")},
      {"reason", 0, T("salary"), .values = recommendation_reasons},
      CREATED_UPDATED}},
    {"interview_sessions",
     {{"user_id", NN, I(1001), .fk = "interview_sessions_user_id_fkey"},
      {"job_id", 0, I(2001), .fk = "interview_sessions_job_id_fkey"},
      {"interview_type", NN | ENUM, T("technical"), .values = interview_types},
      {"status", NN | ENUM, T("in_progress"), .values = interview_statuses, .def = "started"},
      {"total_questions", 0, I(5)},
      {"score", 0, R(80)},
      {"feedback", JSON, T("{\"summary\":\"ok\"}")},
      {"started_at", TS, T(STAMP)},
      {"completed_at", TS, T(STAMP)},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"interview_questions",
     {{"session_id", NN, I(4001), .fk = "interview_questions_session_id_fkey"},
      {"position", NN, I(2)},
      {"question_text", NN, T("Why C?")},
      {"question_type", 0, T("language:c")},
      {"difficulty", 0, T("easy"), .values = question_difficulties},
      {"answer_text", 0, T("Because.")},
      {"score", 0, R(50)},
      {"feedback", JSON, T("{}")},
      {"answered_at", TS, T(STAMP)},
      CREATED_UPDATED}},
    {"resume_uploads",
     {{"user_id", NN, I(1002), .fk = "resume_uploads_user_id_fkey"},
      {"filename", NN, T("cv.pdf")},
      {"file_path", NN, T("/data/resumes/new.pdf")},
      {"file_size", NN, I(1234)},
      {"file_type", NN, T("pdf"), .values = file_types},
      {"parsing_status", NN | ENUM, T("completed"), .values = parsing_statuses, .def = "pending"},
      {"parsed_data", JOBJ, T("{\"text\":\"Bob\"}")},
      {"extracted_skills", JARR, T("[\"c\"]")},
      {"extracted_experience", 0, T("senior"), .values = experience_levels},
      {"extracted_contact_info", JOBJ, T("{\"email\":\"bob@example.com\"}")},
      {"parsing_error", 0, T("none")},
      {"is_primary", NN | BOOL, B(1), .def = "0"},
      {"label", 0, T("backend")},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"user_job_preferences",
     {{"user_id", NN, I(1002), .fk = "user_job_preferences_user_id_fkey"},
      {"preferred_sources", JARR, T("[\"linkedin\"]")},
      {"disabled_sources", JARR, T("[]")},
      {"preferred_job_types", JARR, T("[\"full-time\"]")},
      {"preferred_companies", JARR, T("[]")},
      {"excluded_companies", JARR, T("[\"Initech\"]")},
      {"min_salary", 0, I(50000)},
      {"keywords", JARR, T("[\"c\"]")},
      {"excluded_keywords", JARR, T("[]")},
      {"notify_new_matches", BOOL, B(0), .def = "1"},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"content_generations",
     {{"user_id", NN, I(1001), .fk = "content_generations_user_id_fkey"},
      {"job_id", 0, I(2001), .fk = "content_generations_job_id_fkey"},
      {"content_type", NN | ENUM, T("cover_letter"), .values = content_types},
      {"generated_content", NN, T("Dear Acme,")},
      {"user_modifications", 0, T("Dear team,")},
      {"generation_prompt", 0, T("be brief")},
      {"tone", 0, T("professional"), .values = tones},
      {"template_used", 0, T("classic")},
      {"generator", 0, T("builtin")},
      {"status", NN | ENUM, T("approved"), .values = content_statuses, .def = "generated"},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"content_versions",
     {{"content_generation_id", NN, I(6001), .fk = "content_versions_content_generation_id_fkey"},
      {"version_number", NN, I(2)},
      {"content", NN, T("Dear team,")},
      {"change_note", 0, T("warmer")},
      {"created_at", NN | TS, T(STAMP), .def = NOW}}},
    {"career_resources",
     {{"slug", NN, T("res-new")},
      {"title", NN, T("The C Book")},
      {"description", NN, T("All of C")},
      {"type", NN | ENUM, T("book"), .values = resource_types},
      {"provider", NN, T("K&R")},
      {"url", NN, T("https://example.com/c")},
      {"skills", TARR, NUL},
      {"tags", TARR, NUL},
      {"prerequisites", TARR, NUL},
      {"learning_outcomes", TARR, NUL},
      {"difficulty", NN, T("beginner"), .values = difficulties},
      {"duration_minutes", 0, I(60)},
      {"price", 0, T("free")},
      {"rating", 0, R(4.5)},
      {"is_active", NN | BOOL, B(0), .def = "1"},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"resource_bookmarks",
     {{"user_id", NN, I(1002), .fk = "resource_bookmarks_user_id_fkey"},
      {"resource_id", NN, I(7001), .fk = "resource_bookmarks_resource_id_fkey"},
      {"notes", 0, T("chapter 5")},
      {"priority", 0, T("high"), .values = bookmark_priorities, .def = "medium"},
      {"status", 0, T("in_progress"), .values = bookmark_statuses, .def = "to_learn"},
      {"progress_percentage", 0, I(40), .def = "0"},
      {"completed_at", TS, T(STAMP)},
      CREATED_UPDATED}},
    {"resource_feedback",
     {{"user_id", NN, I(1002), .fk = "resource_feedback_user_id_fkey"},
      {"resource_id", NN, I(7001), .fk = "resource_feedback_resource_id_fkey"},
      {"is_helpful", NN | BOOL, B(1)},
      {"completed", NN | BOOL, B(1), .def = "0"},
      {"rating", 0, I(4)},
      {"would_recommend", BOOL, B(1)},
      {"notes", 0, T("dense")},
      CREATED_UPDATED}},
    {"resource_views",
     {{"user_id", NN, I(1002), .fk = "resource_views_user_id_fkey"},
      {"resource_id", NN, I(7001), .fk = "resource_views_resource_id_fkey"},
      {"source", 0, T("search"), .values = view_sources},
      {"clicked_through", BOOL, B(1), .def = "0"},
      {"viewed_at", NN | TS, T(STAMP), .def = NOW}}},
    {"learning_paths",
     {{"name", NN, T("path-new")},
      {"description", NN, T("From zero to systems programmer")},
      {"target_role", 0, T("Systems engineer")},
      {"difficulty", NN, T("intermediate"), .values = difficulties},
      {"estimated_duration_weeks", 0, I(6)},
      {"skills", TARR, NUL},
      {"resource_ids", JARR, T("[7001]")},
      {"milestones", JSON, T("[{\"week\":1,\"goal\":\"pointers\"}]")},
      {"is_active", NN | BOOL, B(0), .def = "1"},
      {"created_by_user_id", 0, I(1001), .fk = "learning_paths_created_by_user_id_fkey"},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"learning_path_enrollments",
     {{"user_id", NN, I(1002), .fk = "learning_path_enrollments_user_id_fkey"},
      {"learning_path_id", NN, I(8001), .fk = "learning_path_enrollments_learning_path_id_fkey"},
      {"status", NN | ENUM, T("paused"), .values = enrollment_statuses, .def = "active"},
      {"current_resource_index", 0, I(1), .def = "0"},
      {"completed_resource_ids", JARR, T("[7001]")},
      {"progress_percentage", 0, I(10), .def = "0"},
      {"enrolled_at", NN | TS, T(STAMP), .def = NOW},
      {"last_activity_at", TS, T(STAMP)},
      {"completed_at", TS, T(STAMP)}}},
    {"sessions",
     {{"user_id", NN, I(1001), .fk = "sessions_user_id_fkey"},
      {"token_hash", NN, T("tok-new")},
      {"created_at", NN | TS, T(STAMP), .def = NOW},
      {"expires_at", NN | TS, T(STAMP)},
      {"last_used_at", TS, T(STAMP)},
      {"user_agent", 0, T("curl/8")}}},
    /* part E: discovery (migration 0040) */
    {"job_sources",
     {{"user_id", NN, I(1001), .fk = "job_sources_user_id_fkey"},
      {"kind", NN, T("lever")}, /* values: in manual_cases (each needs its identifier) */
      {"identifier", NN, T("newboard")},
      {"name", 0, T("New Board")},
      {"enabled", NN | BOOL, B(0), .def = "1"},
      {"last_fetched_at", TS, T(STAMP)},
      {"last_error", 0, T("the board answered HTTP 404")},
      {"consecutive_failures", NN, I(2), .def = "0"},
      {"lease_until", TS, T(STAMP)},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"job_source_runs",
     {{"user_id", NN, I(1001), .fk = ""},
      {"source_id", NN, I(9001), .fk = ""},
      {"started_by", NN, T("schedule"), .values = run_starters},
      {"started_at", NN | TS, T("2024-01-01T00:00:00Z")},
      {"finished_at", NN | TS, T(STAMP)},
      {"found", NN, I(3), .def = "0"},
      {"created", NN, I(1), .def = "0"},
      {"duplicates", NN, I(1), .def = "0"},
      {"errors", NN, I(1), .def = "0"},
      {"error", 0, T("row 3: title is required")},
      {"jobs", NN | JARR, T("[{\"id\":1,\"title\":\"T\",\"company\":\"C\"}]"), .def = "[]"},
      {"created_at", NN | TS, T(STAMP), .def = NOW}}},
    /* part E: contacts and tasks (migrations 0045, 0046) */
    {"contacts",
     {{"user_id", NN, I(1001), .fk = "contacts_user_id_fkey"},
      {"name", NN, T("Sam Recruiter")},
      {"email", 0, T("sam@acme.example")},
      {"phone", 0, T("+49 30 1234567")},
      {"company", 0, T("Acme")},
      {"role", 0, T("Recruiter")},
      {"linkedin_url", 0, T("https://www.linkedin.com/in/sam")},
      {"notes", 0, T("Met at the meetup")},
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    {"application_contacts",
     {{"application_id", NN, I(2101), .fk = ""},
      {"contact_id", NN, I(9102), .fk = ""},
      {"user_id", NN, I(1001), .fk = ""},
      {"relation", NN, T("hiring_manager"), .values = contact_relations, .def = "other"},
      {"created_at", NN | TS, T(STAMP), .def = NOW}}},
    {"tasks",
     {{"user_id", NN, I(1001), .fk = ""},
      {"title", NN, T("Send the portfolio")},
      {"notes", 0, T("the PDF")},
      {"due_date", DATE, T(DAY)},
      {"done_at", TS, T(STAMP)},
      {"priority", NN, T("high"), .values = task_priorities, .def = "normal"},
      {"application_id", 0, I(2101), .fk = ""},
      {"job_id", 0, NUL}, /* with an application: the link CHECK; cases in manual_cases */
      CREATED_UPDATED,
      {"row_version", NN, I(3), .def = "1"}}},
    /* résumé versions (migration 0047) */
    {"job_resumes",
     {{"job_id", NN, I(2003), .fk = ""},
      {"user_id", NN, I(1001), .fk = ""},
      {"resume_id", NN, I(5001), .fk = ""},
      {"created_at", NN | TS, T(STAMP), .def = NOW}}},
    {"calendar_feeds",
     {{"user_id", NN, I(1002), .fk = "calendar_feeds_user_id_fkey"},
      {"token_hash", NN, T(HEX64_NEW)},
      {"created_at", NN | TS, T(STAMP), .def = NOW},
      {"last_used_at", TS, T(STAMP)}}},
};
#define NTABLES (sizeof tables / sizeof *tables)

/* Every foreign key, for the orphan check; set_null marks ON DELETE SET NULL. */
static const struct foreign_key {
    const char *child, *column, *parent;
    bool set_null;
} foreign_keys[] = {
    {"jobs", "user_id", "users", false},
    {"applications", "user_id", "users", false},
    {"applications", "job_id", "jobs", false},
    {"analytics", "user_id", "users", true},
    {"feedback", "user_id", "users", true},
    {"feedback_votes", "feedback_id", "feedback", false},
    {"feedback_votes", "user_id", "users", false},
    {"job_recommendation_feedback", "user_id", "users", false},
    {"job_recommendation_feedback", "job_id", "jobs", false},
    {"interview_sessions", "user_id", "users", false},
    {"interview_sessions", "job_id", "jobs", true},
    {"interview_questions", "session_id", "interview_sessions", false},
    {"resume_uploads", "user_id", "users", false},
    {"resume_files", "resume_id", "resume_uploads", false},
    {"user_job_preferences", "user_id", "users", false},
    {"content_generations", "user_id", "users", false},
    {"content_generations", "job_id", "jobs", true},
    {"content_versions", "content_generation_id", "content_generations", false},
    {"resource_bookmarks", "user_id", "users", false},
    {"resource_bookmarks", "resource_id", "career_resources", false},
    {"resource_feedback", "user_id", "users", false},
    {"resource_feedback", "resource_id", "career_resources", false},
    {"resource_views", "user_id", "users", false},
    {"resource_views", "resource_id", "career_resources", false},
    {"learning_paths", "created_by_user_id", "users", true},
    {"learning_path_enrollments", "user_id", "users", false},
    {"learning_path_enrollments", "learning_path_id", "learning_paths", false},
    {"sessions", "user_id", "users", false},
    {"login_throttles", "user_id", "users", false},
    {"job_sources", "user_id", "users", false},
    {"job_source_runs", "user_id", "users", false},
    {"job_source_runs", "source_id", "job_sources", false},
    {"calendar_feeds", "user_id", "users", false},
    {"contacts", "user_id", "users", false},
    {"application_contacts", "application_id", "applications", false},
    {"application_contacts", "contact_id", "contacts", false},
    {"application_contacts", "user_id", "users", false},
    {"tasks", "user_id", "users", false},
    {"tasks", "application_id", "applications", false},
    {"tasks", "job_id", "jobs", false},
    {"job_resumes", "job_id", "jobs", false},
    {"job_resumes", "user_id", "users", false},
    {"job_resumes", "resume_id", "resume_uploads", false},
};
/* clang-format on */

/* ================================================================ the store under test */

static struct store *store;
static struct store_conn *conn;
static enum store_engine engine;

static const char *code_name(int code)
{
    switch (code) {
    case 0:
        return "accepted";
    case ERR_CONFLICT:
        return "ERR_CONFLICT";
    case ERR_FOREIGN_KEY:
        return "ERR_FOREIGN_KEY";
    case ERR_CHECK:
        return "ERR_CHECK";
    case ERR_DB:
        return "ERR_DB";
    case ERR_INTERNAL:
        return "ERR_INTERNAL";
    case ERR_INVALID:
        return "ERR_INVALID";
    default:
        return "another code";
    }
}

/* Runs sql, which must succeed; *out (may be NULL) receives the result. */
static void run(const char *sql, const struct store_value *params, int n, struct store_result **out)
{
    struct err e = {0};
    int rc = store_exec(conn, sql, params, n, out, &e);
    if (rc != 0)
        fail_msg("%s failed (%s): %s", sql, code_name(rc), e.message);
}

/* The first cell of the first row of sql, as an integer (0 when there is no row). */
static int64_t query_int(const char *sql, const struct store_value *params, int n)
{
    struct store_result *r = NULL;
    run(sql, params, n, &r);
    int64_t v = store_rows(r) ? store_int(r, 0, 0) : 0;
    store_result_free(r);
    return v;
}

/* The first cell of the first row of sql, as malloc'd text ("" when there is no row). */
static char *query_text(const char *sql, const struct store_value *params, int n)
{
    struct store_result *r = NULL;
    run(sql, params, n, &r);
    char *v = xstrdup(store_rows(r) && !store_isnull(r, 0, 0) ? store_text(r, 0, 0) : "");
    store_result_free(r);
    return v;
}

static void begin(void)
{
    struct err e = {0};
    if (store_begin(conn, &e) != 0)
        fail_msg("BEGIN failed: %s", e.message);
}

static void commit(void)
{
    struct err e = {0};
    if (store_commit(conn, &e) != 0)
        fail_msg("COMMIT failed: %s", e.message);
}

/* ---- a growable string ---- */

struct text {
    char *data;
    size_t len, cap;
};

static void text_add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_add(struct text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->data = realloc(t->data, t->cap);
        assert_non_null(t->data);
    }
    va_start(ap, fmt);
    vsnprintf(t->data + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* ---- rows built from the schema description ---- */

struct override {
    const char *column;
    struct store_value value;
};
#define MAX_SET 12 /* overrides per row; the list ends at the first NULL column */

#define MAX_PARAMS 32
struct statement {
    char sql[2048];
    struct store_value params[MAX_PARAMS];
    int n;
};

static const struct table *table_named(const char *name)
{
    for (size_t i = 0; i < NTABLES; i++)
        if (strcmp(tables[i].name, name) == 0)
            return &tables[i];
    fail_msg("no table %s in the schema description", name);
    return NULL;
}

static const struct override *override_for(const struct override *set, const char *column)
{
    for (int i = 0; set && i < MAX_SET && set[i].column; i++)
        if (strcmp(set[i].column, column) == 0)
            return &set[i];
    return NULL;
}

static bool required(const struct column *c)
{
    return (c->flags & NN) && c->def == NULL;
}

/* Builds "INSERT INTO table (...) VALUES (?, ...)" for the base row of table with set applied
 * (set may name columns outside the description, such as id). minimal keeps only the columns
 * that have to be given (NOT NULL without a default) and those of set. returning (may be NULL)
 * is appended as "RETURNING <returning>". */
static void build_insert(const char *table, const struct override *set, bool minimal,
                         const char *returning, struct statement *st)
{
    const struct table *t = table_named(table);
    struct text cols = {0}, marks = {0};
    st->n = 0;
    for (int i = 0; i < MAX_COLS && t->cols[i].name; i++) {
        const struct column *c = &t->cols[i];
        const struct override *o = override_for(set, c->name);
        if (o == NULL && minimal && !required(c))
            continue;
        assert_true(st->n < MAX_PARAMS);
        st->params[st->n++] = o ? o->value : c->value;
        text_add(&cols, "%s%s", st->n > 1 ? ", " : "", c->name);
        text_add(&marks, "%s?", st->n > 1 ? ", " : "");
    }
    for (int i = 0; set && i < MAX_SET && set[i].column; i++) {
        bool described = false;
        for (int k = 0; k < MAX_COLS && t->cols[k].name; k++)
            described = described || strcmp(t->cols[k].name, set[i].column) == 0;
        if (described)
            continue;
        st->params[st->n++] = set[i].value;
        text_add(&cols, "%s%s", st->n > 1 ? ", " : "", set[i].column);
        text_add(&marks, "%s?", st->n > 1 ? ", " : "");
    }
    int len =
        snprintf(st->sql, sizeof st->sql, "INSERT INTO %s (%s) VALUES (%s)%s%s", table, cols.data,
                 marks.data, returning ? " RETURNING " : "", returning ? returning : "");
    assert_true(len > 0 && (size_t)len < sizeof st->sql);
    free(cols.data);
    free(marks.data);
}

/* Inserts the base row of table with set applied; returns the new id. */
static int64_t insert_row(const char *table, const struct override *set)
{
    struct statement st;
    build_insert(table, set, false, "id", &st);
    return query_int(st.sql, st.params, st.n);
}

/* Shorthand for an override list given inline. */
#define SET(...) ((const struct override[MAX_SET]){__VA_ARGS__})

/* ================================================================ fixture */

static const char *const delete_order[] = {
    "job_resumes",
    "tasks",
    "application_contacts",
    "contacts",
    "login_throttles",
    "job_source_runs",
    "job_sources",
    "calendar_feeds",
    "sessions",
    "learning_path_enrollments",
    "learning_paths",
    "resource_views",
    "resource_feedback",
    "resource_bookmarks",
    "career_resources",
    "content_versions",
    "content_generations",
    "user_job_preferences",
    "resume_files",
    "resume_uploads",
    "interview_questions",
    "interview_sessions",
    "job_recommendation_feedback",
    "feedback_votes",
    "feedback",
    "analytics",
    "applications",
    "jobs",
    "users",
};

static void wipe(void)
{
    char sql[128];
    for (size_t i = 0; i < sizeof delete_order / sizeof *delete_order; i++) {
        snprintf(sql, sizeof sql, "DELETE FROM %s", delete_order[i]);
        run(sql, NULL, 0, NULL);
    }
}

/* The rows the constraint cases collide with or refer to (ids in the comment of tables[]). */
static void load_fixture(void)
{
    insert_row("users",
               SET({"id", I(1001)}, {"username", T("alice")}, {"email", T("alice@example.com")},
                   {"oauth_provider", T("github")}, {"oauth_id", T("1001")}));
    insert_row("users", SET({"id", I(1002)}, {"username", T("bob")},
                            {"email", T("bob@example.com")}, {"oauth_provider", NUL}));
    insert_row("jobs", SET({"id", I(2001)}, {"job_fingerprint", T("fp-a")}));
    insert_row("jobs", SET({"id", I(2002)}, {"user_id", I(1002)}, {"job_fingerprint", T("fp-b")}));
    insert_row("jobs", SET({"id", I(2003)}, {"job_fingerprint", NUL}));
    insert_row("applications", SET({"id", I(2101)}));
    insert_row("applications", SET({"id", I(2102)}, {"user_id", I(1002)}, {"job_id", I(2002)}));
    insert_row("analytics", NULL);
    insert_row("feedback", SET({"id", I(3001)}));
    insert_row("feedback_votes", SET({"user_id", I(1001)}));
    insert_row("job_recommendation_feedback", SET({"user_id", I(1001)}, {"job_id", I(2001)}));
    insert_row("interview_sessions", SET({"id", I(4001)}));
    insert_row("interview_questions", SET({"position", I(1)}));
    insert_row("resume_uploads", SET({"id", I(5001)}, {"user_id", I(1001)}, {"label", NUL},
                                     {"file_path", T("/data/resumes/5001.pdf")}));
    insert_row("user_job_preferences", SET({"user_id", I(1001)}));
    insert_row("content_generations", SET({"id", I(6001)}));
    insert_row("content_versions", SET({"version_number", I(1)}));
    insert_row("career_resources", SET({"id", I(7001)}, {"slug", T("res-a")}));
    insert_row("resource_bookmarks", SET({"user_id", I(1001)}));
    insert_row("resource_feedback", SET({"user_id", I(1001)}));
    insert_row("resource_views", SET({"user_id", I(1001)}));
    insert_row("learning_paths", SET({"id", I(8001)}, {"name", T("path-a")}));
    insert_row("learning_path_enrollments", SET({"user_id", I(1001)}));
    insert_row("sessions", SET({"token_hash", T("tok-a")}));
    insert_row("job_sources",
               SET({"id", I(9001)}, {"kind", T("greenhouse")}, {"identifier", T("acme")}));
    insert_row("job_sources", SET({"id", I(9002)}, {"user_id", I(1002)}, {"kind", T("greenhouse")},
                                  {"identifier", T("acme")}));
    insert_row("job_source_runs", NULL);
    insert_row("calendar_feeds", SET({"user_id", I(1001)}, {"token_hash", T(HEX64_A)}));
    insert_row("contacts", SET({"id", I(9101)}));
    insert_row("contacts", SET({"id", I(9102)}));
    insert_row("contacts", SET({"id", I(9103)}, {"user_id", I(1002)}));
    struct statement st;
    build_insert("application_contacts", SET({"contact_id", I(9101)}), false, NULL, &st);
    run(st.sql, st.params, st.n, NULL);
    insert_row("tasks", SET({"id", I(9201)}));
    insert_row("resume_uploads",
               SET({"id", I(5002)}, {"user_id", I(1002)}, {"is_primary", B(0)},
                   {"label", T("data")}, {"file_path", T("/data/resumes/5002.pdf")}));
    insert_row("job_resumes", SET({"job_id", I(2001)}));
}

static int group_setup(void **state)
{
    (void)state;
    struct err e = {0};
    if (migrate_up(store, NULL, &e) != 0) /* in case a migrations test failed half-way */
        fail_msg("migrate up: %s", e.message);
    conn = store_acquire(store);
    wipe();
    load_fixture();
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    store_release(store, conn);
    conn = NULL;
    return 0;
}

/* ================================================================ constraint cases */

/* Case flags. */
enum {
    NAME_SQLITE = 1 << 0, /* the constraint name is reported by SQLite only (PostgreSQL refuses
                             through the column's type: enum, jsonb, date, boolean...) */
    NAME_PG = 1 << 1,     /* reported by PostgreSQL only (SQLite names no foreign key) */
    ONLY_SQLITE = 1 << 2, /* the case is about SQLite's representation; PostgreSQL's type
                             accepts or converts the value */
    ONLY_PG = 1 << 3,
};

struct manual_case {
    const char *name;
    const char *table;
    struct override set[MAX_SET];
    int code;               /* 0: must be accepted */
    const char *constraint; /* expected err.constraint, or NULL */
    unsigned flags;
};

#define LONG51 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define LONG50 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define X64 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define TITLE255 X64 X64 X64 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define TITLE256 TITLE255 "x"
#define X50 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define NAME200 X50 X50 X50 X50
#define NAME201 NAME200 "x"
#define TITLE300 NAME200 X50 X50
#define TITLE301 TITLE300 "x"

/* row_version of a table: 0 and -1 refused by <table>_row_version_check, 1 accepted */
#define ROW_VERSION_CASES(t)                                                                       \
    {t ": row_version 0", t, {{"row_version", I(0)}}, ERR_CHECK, t "_row_version_check"},          \
        {t ": row_version -1", t, {{"row_version", I(-1)}}, ERR_CHECK, t "_row_version_check"},    \
    {                                                                                              \
        t ": row_version 1", t, {{"row_version", I(1)}}, 0                                         \
    }

/* clang-format off */
/* The rules the generated cases cannot express: unique keys, bounds, multi-column checks. */
static const struct manual_case manual_cases[] = {
    /* users */
    {"users: duplicate username", "users", {{"username", T("alice")}}, ERR_CONFLICT,
     "users.username"},
    {"users: duplicate email", "users", {{"email", T("alice@example.com")}}, ERR_CONFLICT,
     "users.email"},
    {"users: upper-case email", "users", {{"email", T("Carol@Example.com")}}, ERR_CHECK,
     "users_email_check"},
    {"users: username of 2 characters", "users", {{"username", T("ab")}}, ERR_CHECK,
     "users_username_check"},
    {"users: username of 51 characters", "users", {{"username", T(LONG51)}}, ERR_CHECK,
     "users_username_check"},
    {"users: username of 3 characters", "users", {{"username", T("abc")}}, 0},
    {"users: username of 50 characters", "users", {{"username", T(LONG50)}}, 0},
    {"users: duplicate (oauth_provider, oauth_id)", "users",
     {{"oauth_provider", T("github")}, {"oauth_id", T("1001")}}, ERR_CONFLICT,
     "users.oauth_provider, users.oauth_id"},
    {"users: same oauth_id, other provider", "users",
     {{"oauth_provider", T("gitlab")}, {"oauth_id", T("1001")}}, 0},
    {"users: oauth_id without provider again", "users",
     {{"oauth_provider", NUL}, {"oauth_id", NUL}}, 0},
    {"users: daily_application_goal -1", "users", {{"daily_application_goal", I(-1)}}, ERR_CHECK,
     "users_daily_application_goal_check"},
    {"users: daily_application_goal 101", "users", {{"daily_application_goal", I(101)}},
     ERR_CHECK, "users_daily_application_goal_check"},
    {"users: daily_application_goal 0", "users", {{"daily_application_goal", I(0)}}, 0},
    {"users: daily_application_goal 100", "users", {{"daily_application_goal", I(100)}}, 0},
    /* jobs */
    {"jobs: duplicate (user_id, job_fingerprint)", "jobs", {{"job_fingerprint", T("fp-a")}},
     ERR_CONFLICT, "jobs.user_id, jobs.job_fingerprint"},
    {"jobs: same fingerprint for another user", "jobs",
     {{"user_id", I(1002)}, {"job_fingerprint", T("fp-a")}}, 0},
    {"jobs: a second NULL fingerprint", "jobs", {{"job_fingerprint", NUL}}, 0},
    {"jobs: salary_min > salary_max", "jobs", {{"salary_min", I(200)}, {"salary_max", I(100)}},
     ERR_CHECK, "jobs_salary_range_check"},
    {"jobs: salary_min = salary_max", "jobs", {{"salary_min", I(100)}, {"salary_max", I(100)}},
     0},
    {"jobs: salary_min alone", "jobs", {{"salary_min", I(200)}, {"salary_max", NUL}}, 0},
    {"jobs: negative salary_min", "jobs", {{"salary_min", I(-1)}}, ERR_CHECK,
     "jobs_salary_min_check"},
    {"jobs: negative salary_max", "jobs", {{"salary_min", NUL}, {"salary_max", I(-1)}},
     ERR_CHECK, "jobs_salary_max_check"},
    {"jobs: lower-case currency", "jobs", {{"currency", T("eur")}}, ERR_CHECK,
     "jobs_currency_check"},
    {"jobs: 2-letter currency", "jobs", {{"currency", T("EU")}}, ERR_CHECK,
     "jobs_currency_check"},
    {"jobs: 4-letter currency", "jobs", {{"currency", T("EURO")}}, ERR_CHECK,
     "jobs_currency_check"},
    {"jobs: currency with a digit", "jobs", {{"currency", T("E1R")}}, ERR_CHECK,
     "jobs_currency_check"},
    {"jobs: currency USD", "jobs", {{"currency", T("USD")}}, 0},
    /* applications */
    {"applications: job of another user", "applications", {{"job_id", I(2002)}},
     ERR_FOREIGN_KEY, "applications_job_user_fkey", NAME_PG},
    {"applications: a second job of the same user", "applications", {{"job_id", I(2003)}}, 0},
    /* migration 0032: previous_status is the open status a final one left, never a final one */
    {"applications: previous_status rejected", "applications",
     {{"status", T("rejected")}, {"previous_status", T("rejected")}}, ERR_CHECK,
     "applications_previous_status_check"},
    {"applications: previous_status accepted", "applications",
     {{"status", T("declined")}, {"previous_status", T("accepted")}}, ERR_CHECK,
     "applications_previous_status_check"},
    {"applications: previous_status Applied", "applications", {{"previous_status", T("Applied")}},
     ERR_CHECK, "applications_previous_status_check"},
    {"applications: rejected from phone_screen", "applications",
     {{"status", T("rejected")}, {"previous_status", T("phone_screen")}}, 0},
    /* feedback */
    {"feedback: title of 256 characters", "feedback", {{"title", T(TITLE256)}}, ERR_CHECK,
     "feedback_title_check"},
    {"feedback: title of 255 characters", "feedback", {{"title", T(TITLE255)}}, 0},
    {"feedback_votes: second vote of a user", "feedback_votes", {{"user_id", I(1001)}},
     ERR_CONFLICT, "feedback_votes.feedback_id, feedback_votes.user_id"},
    {"feedback_votes: vote 2", "feedback_votes", {{"vote", I(2)}}, ERR_CHECK,
     "feedback_votes_vote_check"},
    {"feedback_votes: vote 0", "feedback_votes", {{"vote", I(0)}}, ERR_CHECK,
     "feedback_votes_vote_check"},
    {"feedback_votes: vote -2", "feedback_votes", {{"vote", I(-2)}}, ERR_CHECK,
     "feedback_votes_vote_check"},
    {"feedback_votes: vote -1", "feedback_votes", {{"vote", I(-1)}}, 0},
    /* job_recommendation_feedback */
    {"job_recommendation_feedback: second feedback on a job", "job_recommendation_feedback",
     {{"user_id", I(1001)}, {"job_id", I(2001)}}, ERR_CONFLICT,
     "job_recommendation_feedback.user_id, job_recommendation_feedback.job_id"},
    {"job_recommendation_feedback: job of another user", "job_recommendation_feedback",
     {{"job_id", I(2001)}}, ERR_FOREIGN_KEY, "job_recommendation_feedback_job_user_fkey",
     NAME_PG},
    {"job_recommendation_feedback: match_score 100.5", "job_recommendation_feedback",
     {{"match_score", R(100.5)}}, ERR_CHECK, "job_recommendation_feedback_match_score_check"},
    {"job_recommendation_feedback: match_score -1", "job_recommendation_feedback",
     {{"match_score", R(-1)}}, ERR_CHECK, "job_recommendation_feedback_match_score_check"},
    {"job_recommendation_feedback: match_score 100", "job_recommendation_feedback",
     {{"match_score", R(100)}}, 0},
    /* interviews */
    {"interview_sessions: score 100.5", "interview_sessions", {{"score", R(100.5)}}, ERR_CHECK,
     "interview_sessions_score_check"},
    {"interview_sessions: score -0.5", "interview_sessions", {{"score", R(-0.5)}}, ERR_CHECK,
     "interview_sessions_score_check"},
    {"interview_sessions: score 0", "interview_sessions", {{"score", R(0)}}, 0},
    {"interview_sessions: score 100", "interview_sessions", {{"score", R(100)}}, 0},
    {"interview_sessions: total_questions -1", "interview_sessions",
     {{"total_questions", I(-1)}}, ERR_CHECK, "interview_sessions_total_questions_check"},
    {"interview_questions: duplicate (session_id, position)", "interview_questions",
     {{"position", I(1)}}, ERR_CONFLICT,
     "interview_questions.session_id, interview_questions.position"},
    {"interview_questions: score 101", "interview_questions", {{"score", R(101)}}, ERR_CHECK,
     "interview_questions_score_check"},
    {"interview_questions: score -1", "interview_questions", {{"score", R(-1)}}, ERR_CHECK,
     "interview_questions_score_check"},
    {"interview_questions: position -1", "interview_questions", {{"position", I(-1)}},
     ERR_CHECK, "interview_questions_position_check"},
    /* resume_uploads */
    {"resume_uploads: a second primary résumé", "resume_uploads", {{"user_id", I(1001)}},
     ERR_CONFLICT, "resume_uploads.user_id"},
    {"resume_uploads: a second, non-primary résumé", "resume_uploads",
     {{"user_id", I(1001)}, {"is_primary", B(0)}}, 0},
    {"resume_uploads: duplicate file_path", "resume_uploads",
     {{"file_path", T("/data/resumes/5001.pdf")}}, ERR_CONFLICT, "resume_uploads.file_path"},
    {"resume_uploads: negative file_size", "resume_uploads", {{"file_size", I(-1)}}, ERR_CHECK,
     "resume_uploads_file_size_check"},
    /* user_job_preferences */
    {"user_job_preferences: a second row for a user", "user_job_preferences",
     {{"user_id", I(1001)}}, ERR_CONFLICT, "user_job_preferences.user_id"},
    {"user_job_preferences: negative min_salary", "user_job_preferences",
     {{"min_salary", I(-1)}}, ERR_CHECK, "user_job_preferences_min_salary_check"},
    /* content */
    {"content_versions: duplicate version number", "content_versions",
     {{"version_number", I(1)}}, ERR_CONFLICT,
     "content_versions.content_generation_id, content_versions.version_number"},
    {"content_versions: version 0", "content_versions", {{"version_number", I(0)}}, ERR_CHECK,
     "content_versions_version_number_check"},
    /* career resources */
    {"career_resources: duplicate slug", "career_resources", {{"slug", T("res-a")}},
     ERR_CONFLICT, "career_resources.slug"},
    {"career_resources: rating 5.5", "career_resources", {{"rating", R(5.5)}}, ERR_CHECK,
     "career_resources_rating_check"},
    {"career_resources: rating -0.5", "career_resources", {{"rating", R(-0.5)}}, ERR_CHECK,
     "career_resources_rating_check"},
    {"career_resources: rating 0", "career_resources", {{"rating", R(0)}}, 0},
    {"career_resources: rating 5", "career_resources", {{"rating", R(5)}}, 0},
    {"career_resources: negative duration", "career_resources", {{"duration_minutes", I(-1)}},
     ERR_CHECK, "career_resources_duration_minutes_check"},
    {"resource_bookmarks: duplicate (user_id, resource_id)", "resource_bookmarks",
     {{"user_id", I(1001)}}, ERR_CONFLICT,
     "resource_bookmarks.user_id, resource_bookmarks.resource_id"},
    {"resource_bookmarks: progress 101", "resource_bookmarks", {{"progress_percentage", I(101)}},
     ERR_CHECK, "resource_bookmarks_progress_percentage_check"},
    {"resource_bookmarks: progress -1", "resource_bookmarks", {{"progress_percentage", I(-1)}},
     ERR_CHECK, "resource_bookmarks_progress_percentage_check"},
    {"resource_bookmarks: progress 0", "resource_bookmarks", {{"progress_percentage", I(0)}}, 0},
    {"resource_bookmarks: progress 100", "resource_bookmarks", {{"progress_percentage", I(100)}},
     0},
    {"resource_feedback: duplicate (user_id, resource_id)", "resource_feedback",
     {{"user_id", I(1001)}}, ERR_CONFLICT,
     "resource_feedback.user_id, resource_feedback.resource_id"},
    {"resource_feedback: rating 6", "resource_feedback", {{"rating", I(6)}}, ERR_CHECK,
     "resource_feedback_rating_check"},
    {"resource_feedback: rating 0", "resource_feedback", {{"rating", I(0)}}, ERR_CHECK,
     "resource_feedback_rating_check"},
    {"resource_feedback: rating 1", "resource_feedback", {{"rating", I(1)}}, 0},
    {"resource_feedback: rating 5", "resource_feedback", {{"rating", I(5)}}, 0},
    {"resource_views: many views of one resource", "resource_views", {{"user_id", I(1001)}}, 0},
    /* learning paths */
    {"learning_paths: duplicate name", "learning_paths", {{"name", T("path-a")}}, ERR_CONFLICT,
     "learning_paths.name"},
    {"learning_paths: negative duration", "learning_paths",
     {{"estimated_duration_weeks", I(-1)}}, ERR_CHECK,
     "learning_paths_estimated_duration_weeks_check"},
    {"learning_path_enrollments: duplicate (user_id, learning_path_id)",
     "learning_path_enrollments", {{"user_id", I(1001)}}, ERR_CONFLICT,
     "learning_path_enrollments.user_id, learning_path_enrollments.learning_path_id"},
    {"learning_path_enrollments: progress 101", "learning_path_enrollments",
     {{"progress_percentage", I(101)}}, ERR_CHECK,
     "learning_path_enrollments_progress_percentage_check"},
    {"learning_path_enrollments: progress -1", "learning_path_enrollments",
     {{"progress_percentage", I(-1)}}, ERR_CHECK,
     "learning_path_enrollments_progress_percentage_check"},
    {"learning_path_enrollments: resource index -1", "learning_path_enrollments",
     {{"current_resource_index", I(-1)}}, ERR_CHECK,
     "learning_path_enrollments_current_resource_index_check"},
    /* sessions */
    {"sessions: duplicate token_hash", "sessions", {{"token_hash", T("tok-a")}}, ERR_CONFLICT,
     "sessions.token_hash"},
    /* job_sources and job_source_runs (part E, migration 0040) */
    {"job_sources: kind greenhouse", "job_sources", {{"kind", T("greenhouse")}}, 0},
    {"job_sources: kind lever", "job_sources", {{"kind", T("lever")}}, 0},
    {"job_sources: kind ashby", "job_sources", {{"kind", T("ashby")}}, 0},
    {"job_sources: kind rss", "job_sources",
     {{"kind", T("rss")}, {"identifier", T("http://jobs.example.org/feed.xml")}}, 0},
    {"job_sources: another kind", "job_sources", {{"kind", T("workday")}}, ERR_CHECK,
     "job_sources_kind_check"},
    {"job_sources: an empty kind", "job_sources", {{"kind", T("")}}, ERR_CHECK,
     "job_sources_kind_check"},
    {"job_sources: the same board twice for a user", "job_sources",
     {{"kind", T("greenhouse")}, {"identifier", T("acme")}}, ERR_CONFLICT,
     "job_sources.user_id, job_sources.kind, job_sources.identifier"},
    {"job_sources: the same identifier on another kind", "job_sources",
     {{"kind", T("lever")}, {"identifier", T("acme")}}, 0},
    {"job_sources: the same board for another user", "job_sources",
     {{"user_id", I(1002)}, {"kind", T("lever")}, {"identifier", T("acme")}}, 0},
    {"job_sources: a board identifier with a space", "job_sources", {{"identifier", T("a b")}},
     ERR_CHECK, "job_sources_identifier_check"},
    {"job_sources: a board identifier with a slash", "job_sources",
     {{"identifier", T("acme/jobs")}}, ERR_CHECK, "job_sources_identifier_check"},
    {"job_sources: a board identifier of 101 characters", "job_sources",
     {{"identifier", T(X64 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}}, ERR_CHECK,
     "job_sources_identifier_check"},
    {"job_sources: a board identifier of 100 characters", "job_sources",
     {{"identifier", T(X64 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}}, 0},
    {"job_sources: an empty identifier", "job_sources", {{"identifier", T("")}}, ERR_CHECK,
     "job_sources_identifier_check"},
    {"job_sources: a feed that is not an address", "job_sources",
     {{"kind", T("rss")}, {"identifier", T("jobs.example.org/feed")}}, ERR_CHECK,
     "job_sources_identifier_check"},
    {"job_sources: a file: feed", "job_sources",
     {{"kind", T("rss")}, {"identifier", T("file:///etc/passwd")}}, ERR_CHECK,
     "job_sources_identifier_check"},
    {"job_sources: an https feed", "job_sources",
     {{"kind", T("rss")}, {"identifier", T("https://jobs.example.org/feed?q=a b")}}, 0},
    {"job_sources: an address as a board identifier", "job_sources",
     {{"identifier", T("https://jobs.lever.co/acme")}}, ERR_CHECK,
     "job_sources_identifier_check"},
    {"job_sources: an empty name", "job_sources", {{"name", T("")}}, ERR_CHECK,
     "job_sources_name_check"},
    {"job_sources: negative consecutive_failures", "job_sources",
     {{"consecutive_failures", I(-1)}}, ERR_CHECK, "job_sources_consecutive_failures_check"},
    {"job_source_runs: finished before it started", "job_source_runs",
     {{"started_at", T("2025-11-24T20:19:45Z")}}, ERR_CHECK, "job_source_runs_finished_check"},
    {"job_source_runs: finished as it started", "job_source_runs", {{"started_at", T(STAMP)}},
     0},
    {"job_source_runs: a source of another user", "job_source_runs", {{"source_id", I(9002)}},
     ERR_FOREIGN_KEY, "job_source_runs_source_user_fkey", NAME_PG},
    {"job_source_runs: the other user's run of their source", "job_source_runs",
     {{"user_id", I(1002)}, {"source_id", I(9002)}}, 0},
    {"job_source_runs: negative created", "job_source_runs", {{"created", I(-1)}}, ERR_CHECK,
     "job_source_runs_created_check"},
    {"job_source_runs: negative found", "job_source_runs", {{"found", I(-1)}}, ERR_CHECK,
     "job_source_runs_found_check"},
    {"job_source_runs: negative duplicates", "job_source_runs", {{"duplicates", I(-1)}},
     ERR_CHECK, "job_source_runs_duplicates_check"},
    {"job_source_runs: negative errors", "job_source_runs", {{"errors", I(-1)}}, ERR_CHECK,
     "job_source_runs_errors_check"},
    /* contacts (part E, migration 0045) */
    {"contacts: an empty name", "contacts", {{"name", T("")}}, ERR_CHECK, "contacts_name_check"},
    {"contacts: a blank name", "contacts", {{"name", T("   ")}}, ERR_CHECK, "contacts_name_check"},
    {"contacts: a name of 201 characters", "contacts", {{"name", T(NAME201)}}, ERR_CHECK,
     "contacts_name_check"},
    {"contacts: a name of 200 characters", "contacts", {{"name", T(NAME200)}}, 0},
    {"contacts: an e-mail without @", "contacts", {{"email", T("sam.acme.example")}}, ERR_CHECK,
     "contacts_email_check"},
    {"contacts: an e-mail starting with @", "contacts", {{"email", T("@acme.example")}}, ERR_CHECK,
     "contacts_email_check"},
    {"contacts: an empty phone", "contacts", {{"phone", T("")}}, ERR_CHECK, "contacts_phone_check"},
    {"contacts: an empty company", "contacts", {{"company", T("")}}, ERR_CHECK,
     "contacts_company_check"},
    {"contacts: an empty role", "contacts", {{"role", T("")}}, ERR_CHECK, "contacts_role_check"},
    {"contacts: a javascript: LinkedIn address", "contacts",
     {{"linkedin_url", T("javascript:alert(1)")}}, ERR_CHECK, "contacts_linkedin_url_check"},
    {"contacts: an ftp: LinkedIn address", "contacts",
     {{"linkedin_url", T("ftp://linkedin.example/in/sam")}}, ERR_CHECK,
     "contacts_linkedin_url_check"},
    {"contacts: a bare https://", "contacts", {{"linkedin_url", T("https://")}}, ERR_CHECK,
     "contacts_linkedin_url_check"},
    {"contacts: an upper-case scheme", "contacts",
     {{"linkedin_url", T("HTTPS://www.linkedin.com/in/sam")}}, 0},
    {"contacts: the same name twice", "contacts", {{"name", T("Sam Recruiter")}}, 0},
    {"application_contacts: the same contact twice on an application", "application_contacts",
     {{"contact_id", I(9101)}}, ERR_CONFLICT,
     "application_contacts.application_id, application_contacts.contact_id"},
    {"application_contacts: another user's contact", "application_contacts",
     {{"contact_id", I(9103)}}, ERR_FOREIGN_KEY, "application_contacts_contact_user_fkey",
     NAME_PG},
    {"application_contacts: another user's application", "application_contacts",
     {{"application_id", I(2102)}}, ERR_FOREIGN_KEY,
     "application_contacts_application_user_fkey", NAME_PG},
    {"application_contacts: both of another user, as that user", "application_contacts",
     {{"application_id", I(2102)}, {"contact_id", I(9103)}, {"user_id", I(1002)}}, 0},
    {"application_contacts: both of another user, as the first user", "application_contacts",
     {{"application_id", I(2102)}, {"contact_id", I(9103)}}, ERR_FOREIGN_KEY, NULL},
    /* tasks (part E, migration 0046) */
    {"tasks: an empty title", "tasks", {{"title", T("")}}, ERR_CHECK, "tasks_title_check"},
    {"tasks: a blank title", "tasks", {{"title", T("  ")}}, ERR_CHECK, "tasks_title_check"},
    {"tasks: a title of 301 characters", "tasks", {{"title", T(TITLE301)}}, ERR_CHECK,
     "tasks_title_check"},
    {"tasks: a title of 300 characters", "tasks", {{"title", T(TITLE300)}}, 0},
    {"tasks: linked to an application and a job", "tasks", {{"job_id", I(2001)}}, ERR_CHECK,
     "tasks_link_check"},
    {"tasks: linked to nothing", "tasks", {{"application_id", NUL}}, 0},
    {"tasks: linked to an own job", "tasks", {{"application_id", NUL}, {"job_id", I(2001)}}, 0},
    {"tasks: another user's job", "tasks", {{"application_id", NUL}, {"job_id", I(2002)}},
     ERR_FOREIGN_KEY, "tasks_job_user_fkey", NAME_PG},
    {"tasks: a missing job", "tasks", {{"application_id", NUL}, {"job_id", I(999999)}},
     ERR_FOREIGN_KEY, NULL},
    {"tasks: another user's application", "tasks", {{"application_id", I(2102)}},
     ERR_FOREIGN_KEY, "tasks_application_user_fkey", NAME_PG},
    {"tasks: another user's application, as that user", "tasks",
     {{"application_id", I(2102)}, {"user_id", I(1002)}}, 0},
    /* résumé versions (migration 0047) */
    {"resume_uploads: a label another résumé of the user has", "resume_uploads",
     {{"is_primary", B(0)}, {"label", T("data")}}, ERR_CONFLICT,
     "resume_uploads.user_id, resume_uploads.label"},
    {"resume_uploads: the same label for another user", "resume_uploads",
     {{"user_id", I(1001)}, {"is_primary", B(0)}, {"label", T("data")}}, 0},
    {"resume_uploads: an empty label", "resume_uploads", {{"label", T("")}}, ERR_CHECK,
     "resume_uploads_label_check"},
    {"resume_uploads: a label with a leading space", "resume_uploads", {{"label", T(" data")}},
     ERR_CHECK, "resume_uploads_label_check"},
    {"resume_uploads: a label of 51 characters", "resume_uploads", {{"label", T(LONG51)}},
     ERR_CHECK, "resume_uploads_label_check"},
    {"resume_uploads: a label of 50 characters", "resume_uploads", {{"label", T(LONG50)}}, 0},
    {"job_resumes: a second choice for a job", "job_resumes", {{"job_id", I(2001)}},
     ERR_CONFLICT, "job_resumes.job_id"},
    {"job_resumes: another user's résumé", "job_resumes", {{"resume_id", I(5002)}},
     ERR_FOREIGN_KEY, "job_resumes_resume_user_fkey", NAME_PG},
    {"job_resumes: another user's job", "job_resumes", {{"job_id", I(2002)}}, ERR_FOREIGN_KEY,
     "job_resumes_job_user_fkey", NAME_PG},
    {"job_resumes: the other user's job and résumé, as that user", "job_resumes",
     {{"job_id", I(2002)}, {"resume_id", I(5002)}, {"user_id", I(1002)}}, 0},
    ROW_VERSION_CASES("contacts"), ROW_VERSION_CASES("tasks"),
    /* row versions (migration 0010): start at 1, never below */
    ROW_VERSION_CASES("users"), ROW_VERSION_CASES("jobs"), ROW_VERSION_CASES("applications"),
    ROW_VERSION_CASES("analytics"), ROW_VERSION_CASES("feedback"),
    ROW_VERSION_CASES("interview_sessions"), ROW_VERSION_CASES("resume_uploads"),
    ROW_VERSION_CASES("user_job_preferences"), ROW_VERSION_CASES("content_generations"),
    ROW_VERSION_CASES("career_resources"), ROW_VERSION_CASES("learning_paths"),
    ROW_VERSION_CASES("job_sources"), /* migration 0041 */
    /* calendar feeds (migration 0012): one per user, a digest of 64 lower-case hex digits */
    {"calendar_feeds: a second feed of a user", "calendar_feeds", {{"user_id", I(1001)}},
     ERR_CONFLICT, "calendar_feeds.user_id"},
    {"calendar_feeds: duplicate token_hash", "calendar_feeds", {{"token_hash", T(HEX64_A)}},
     ERR_CONFLICT, "calendar_feeds.token_hash"},
    {"calendar_feeds: upper-case digest", "calendar_feeds",
     {{"token_hash", T("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")}},
     ERR_CHECK, "calendar_feeds_token_hash_check"},
    {"calendar_feeds: 63 digits", "calendar_feeds",
     {{"token_hash", T("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")}},
     ERR_CHECK, "calendar_feeds_token_hash_check"},
    {"calendar_feeds: 65 digits", "calendar_feeds", {{"token_hash", T(HEX64_NEW "0")}}, ERR_CHECK,
     "calendar_feeds_token_hash_check"},
    {"calendar_feeds: not hex", "calendar_feeds",
     {{"token_hash", T("g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")}},
     ERR_CHECK, "calendar_feeds_token_hash_check"},
    {"calendar_feeds: the raw token instead of its digest", "calendar_feeds",
     {{"token_hash", T("q3bL0yJcS4m1Kf8X1nV0o2bT8vJ7wZr6uYp5eD4cB3a")}}, ERR_CHECK,
     "calendar_feeds_token_hash_check"},
};
/* clang-format on */

/* One case as run: a manual case, or one generated from a column. */
struct check_case {
    char name[192];
    const char *table;
    struct override set[MAX_SET];
    int code;
    char constraint[96];
    unsigned flags;
};

struct case_list {
    struct check_case *items;
    size_t count, cap;
};

/* Appends a case with one override (column = value) unless flags exclude the engine. */
static void add_case(struct case_list *l, const char *table, const char *column,
                     struct store_value value, int code, const char *constraint, unsigned flags,
                     const char *what)
{
    if (((flags & ONLY_SQLITE) && engine != STORE_SQLITE) ||
        ((flags & ONLY_PG) && engine != STORE_POSTGRES))
        return;
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
        assert_non_null(l->items);
    }
    struct check_case *k = &l->items[l->count++];
    memset(k, 0, sizeof *k);
    snprintf(k->name, sizeof k->name, "%s.%s: %s", table, column, what);
    k->table = table;
    k->set[0] = (struct override){column, value};
    k->code = code;
    snprintf(k->constraint, sizeof k->constraint, "%s", constraint ? constraint : "");
    k->flags = flags;
}

/* Text values of the engine's array type (career_resources.skills...): a valid one, and one
 * that is valid for the column type but breaks the column's CHECK. */
static struct store_value array_value(bool valid)
{
    if (engine == STORE_SQLITE)
        return (struct store_value)T(valid ? "[\"c\",\"sql\"]" : "{\"c\":1}");
    return (struct store_value)T(valid ? "{c,sql}" : "{{c},{sql}}");
}

/* The cases every column of t implies, from its flags, value list and reference. */
static void generate_column_cases(struct case_list *l, const struct table *t,
                                  const struct column *c)
{
    char check[96], notnull[96];
    snprintf(check, sizeof check, "%s_%s_check", t->name, c->name);
    snprintf(notnull, sizeof notnull, "%s.%s", t->name, c->name);
    const char *tn = t->name, *cn = c->name;
    if (c->flags & NN)
        add_case(l, tn, cn, (struct store_value)NUL, ERR_CHECK, notnull, 0, "NULL refused");
    else
        add_case(l, tn, cn, (struct store_value)NUL, 0, NULL, 0, "NULL accepted");
    if (c->values) {
        char what[96];
        for (int i = 0; c->values[i]; i++) {
            snprintf(what, sizeof what, "'%s' accepted", c->values[i]);
            add_case(l, tn, cn, (struct store_value)T(c->values[i]), 0, NULL, 0, what);
        }
        unsigned name_flag = (c->flags & ENUM) ? NAME_SQLITE : 0;
        add_case(l, tn, cn, (struct store_value)T("bogus"), ERR_CHECK, check, name_flag,
                 "value outside the list refused");
        add_case(l, tn, cn, (struct store_value)T(""), ERR_CHECK, check, name_flag,
                 "empty string refused");
    }
    if (c->flags & TS) {
        add_case(l, tn, cn, (struct store_value)T("2025-13-45T99:00:00Z"), ERR_CHECK, check,
                 NAME_SQLITE, "impossible timestamp refused");
        add_case(l, tn, cn, (struct store_value)T("yesterday-ish"), ERR_CHECK, check, NAME_SQLITE,
                 "non-timestamp refused");
        add_case(l, tn, cn, (struct store_value)T("2025-11-24 20:19:44"), ERR_CHECK, check,
                 NAME_SQLITE | ONLY_SQLITE, "timestamp without T and Z refused");
        add_case(l, tn, cn, (struct store_value)T("2025-11-24T21:19:44+01:00"), ERR_CHECK, check,
                 NAME_SQLITE | ONLY_SQLITE, "timestamp with an offset refused");
        add_case(l, tn, cn, (struct store_value)T("2025-11-24T20:19:44.250Z"), ERR_CHECK, check,
                 NAME_SQLITE | ONLY_SQLITE, "timestamp with fractional seconds refused");
        add_case(l, tn, cn, (struct store_value)T("2024-02-29T23:59:59Z"), 0, NULL, 0,
                 "RFC 3339 UTC accepted");
    }
    if (c->flags & DATE) {
        add_case(l, tn, cn, (struct store_value)T("2025-02-30"), ERR_CHECK, check, NAME_SQLITE,
                 "impossible date refused");
        add_case(l, tn, cn, (struct store_value)T("not a date"), ERR_CHECK, check, NAME_SQLITE,
                 "non-date refused");
        add_case(l, tn, cn, (struct store_value)T("2025-11-24T10:00:00Z"), ERR_CHECK, check,
                 NAME_SQLITE | ONLY_SQLITE, "timestamp in a date column refused");
        add_case(l, tn, cn, (struct store_value)T("2024-02-29"), 0, NULL, 0, "leap day accepted");
    }
    if (c->flags & (JSON | JARR | JOBJ)) {
        add_case(l, tn, cn, (struct store_value)T("{\"a\":"), ERR_CHECK, check, NAME_SQLITE,
                 "malformed JSON refused");
        add_case(l, tn, cn, (struct store_value)T("not json"), ERR_CHECK, check, NAME_SQLITE,
                 "plain text refused");
    }
    if (c->flags & JARR) {
        add_case(l, tn, cn, (struct store_value)T("{\"a\":1}"), ERR_CHECK, check, 0,
                 "JSON object refused (array required)");
        add_case(l, tn, cn, (struct store_value)T("\"c\""), ERR_CHECK, check, 0,
                 "JSON string refused (array required)");
        add_case(l, tn, cn, (struct store_value)T("[]"), 0, NULL, 0, "empty array accepted");
    }
    if (c->flags & JOBJ) {
        add_case(l, tn, cn, (struct store_value)T("[1]"), ERR_CHECK, check, 0,
                 "JSON array refused (object required)");
        add_case(l, tn, cn, (struct store_value)T("{}"), 0, NULL, 0, "empty object accepted");
    }
    if (c->flags & BOOL) {
        add_case(l, tn, cn, (struct store_value)T("maybe"), ERR_CHECK, check, NAME_SQLITE,
                 "'maybe' refused");
        add_case(l, tn, cn, (struct store_value)I(2), ERR_CHECK, check, NAME_SQLITE, "2 refused");
        add_case(l, tn, cn, (struct store_value)B(0), 0, NULL, 0, "false accepted");
        add_case(l, tn, cn, (struct store_value)B(1), 0, NULL, 0, "true accepted");
    }
    if (c->flags & TARR) {
        add_case(l, tn, cn, array_value(true), 0, NULL, 0, "array accepted");
        add_case(l, tn, cn, array_value(false), ERR_CHECK, check, 0, "non-flat array refused");
        add_case(l, tn, cn, (struct store_value)T("{c,NULL}"), ERR_CHECK, check, ONLY_PG,
                 "array with a NULL element refused");
        add_case(l, tn, cn, (struct store_value)T("[\"c\""), ERR_CHECK, check, ONLY_SQLITE,
                 "malformed JSON refused");
    }
    if (c->fk)
        add_case(l, tn, cn, (struct store_value)I(999999), ERR_FOREIGN_KEY, c->fk[0] ? c->fk : NULL,
                 NAME_PG, "dangling reference refused");
}

static void build_cases(struct case_list *l)
{
    for (size_t i = 0; i < NTABLES; i++) {
        add_case(l, tables[i].name, "*", (struct store_value)NUL, 0, NULL, 0, "base row accepted");
        l->items[l->count - 1].set[0].column = NULL;
        for (int k = 0; k < MAX_COLS && tables[i].cols[k].name; k++)
            generate_column_cases(l, &tables[i], &tables[i].cols[k]);
    }
    for (size_t i = 0; i < sizeof manual_cases / sizeof *manual_cases; i++) {
        const struct manual_case *m = &manual_cases[i];
        if (((m->flags & ONLY_SQLITE) && engine != STORE_SQLITE) ||
            ((m->flags & ONLY_PG) && engine != STORE_POSTGRES))
            continue;
        add_case(l, m->table, "", (struct store_value)NUL, m->code, m->constraint, m->flags, "");
        struct check_case *k = &l->items[l->count - 1];
        snprintf(k->name, sizeof k->name, "%s", m->name);
        memcpy(k->set, m->set, sizeof k->set);
    }
}

/* Runs one case in a transaction that is rolled back, so the fixture stays as loaded. */
static void test_constraint_case(void **state)
{
    const struct check_case *k = *state;
    struct statement st;
    build_insert(k->table, k->set, false, NULL, &st);
    struct err e = {0};
    begin();
    int rc = store_exec(conn, st.sql, st.params, st.n, NULL, &e);
    store_rollback(conn);
    if (rc != k->code)
        fail_msg("%s: expected %s, got %s (%s)", k->name, code_name(k->code), code_name(rc),
                 rc ? e.message : "no error");
    bool compare = k->constraint[0] && !((k->flags & NAME_SQLITE) && engine != STORE_SQLITE) &&
                   !((k->flags & NAME_PG) && engine != STORE_POSTGRES);
    if (compare && strcmp(e.constraint, k->constraint) != 0)
        fail_msg("%s: expected constraint \"%s\", got \"%s\" (%s)", k->name, k->constraint,
                 e.constraint, e.message);
}

/* ================================================================ row versions */

/* Migration 0010's rule on both engines: every UPDATE of a versioned row leaves row_version one
 * higher than before, whether the statement leaves it alone, sets it to anything, or bumps it
 * itself as table_update does. */
static void test_row_version_bumps(void **state)
{
    (void)state;
    static const char *const versioned[] = {"users",
                                            "jobs",
                                            "applications",
                                            "analytics",
                                            "feedback",
                                            "interview_sessions",
                                            "resume_uploads",
                                            "user_job_preferences",
                                            "content_generations",
                                            "career_resources",
                                            "learning_paths",
                                            "job_sources",
                                            "contacts",
                                            "tasks",
                                            NULL};
    for (const char *const *t = versioned; *t; t++) {
        char sql[160];
        begin();
        snprintf(sql, sizeof sql, "SELECT id FROM %s ORDER BY id LIMIT 1", *t);
        struct store_value id[] = {SV_INT(query_int(sql, NULL, 0))};
        snprintf(sql, sizeof sql, "SELECT row_version FROM %s WHERE id = ?", *t);
        char get[160];
        snprintf(get, sizeof get, "%s", sql);
        int64_t v0 = query_int(get, id, 1);
        static const char *const updates[] = {
            "UPDATE %s SET id = id WHERE id = ?",                       /* leaves it alone */
            "UPDATE %s SET row_version = 42 WHERE id = ?",              /* sets something else */
            "UPDATE %s SET row_version = 1 WHERE id = ?",               /* tries to go back */
            "UPDATE %s SET row_version = row_version + 1 WHERE id = ?", /* as table_update */
        };
        for (size_t i = 0; i < sizeof updates / sizeof *updates; i++) {
            snprintf(sql, sizeof sql, updates[i], *t);
            run(sql, id, 1, NULL);
            int64_t v = query_int(get, id, 1);
            if (v != v0 + (int64_t)i + 1)
                fail_msg("%s: after \"%s\" row_version is %" PRId64 ", expected %" PRId64, *t, sql,
                         v, v0 + (int64_t)i + 1);
        }
        store_rollback(conn);
    }
}

/* ================================================================ defaults and types */

static bool is_rfc3339(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (s == NULL || strlen(s) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
            return false;
    return true;
}

/* Inserts a row of the table named by *state with only its required columns and checks every
 * column: the documented default, the current time, or NULL. */
static void test_defaults(void **state)
{
    const struct table *t = *state;
    struct statement st;
    build_insert(t->name, NULL, true, "*", &st);
    struct store_result *r = NULL;
    begin();
    run(st.sql, st.params, st.n, &r);
    store_rollback(conn);
    assert_int_equal(store_rows(r), 1);
    const char *stamp = NULL;
    for (int i = 0; i < MAX_COLS && t->cols[i].name; i++) {
        const struct column *c = &t->cols[i];
        int col = store_colindex(r, c->name);
        if (col < 0)
            fail_msg("%s.%s: no such column", t->name, c->name);
        const char *got = store_text(r, 0, col);
        if (required(c))
            continue;
        if (c->def && strcmp(c->def, NOW) == 0) {
            if (!is_rfc3339(got))
                fail_msg("%s.%s: default \"%s\" is not RFC 3339 UTC", t->name, c->name,
                         got ? got : "NULL");
            if (stamp && strcmp(stamp, got) != 0)
                fail_msg("%s.%s: %s differs from the row's other timestamp %s", t->name, c->name,
                         got, stamp);
            stamp = got;
        } else if (c->def) {
            if (got == NULL || strcmp(got, c->def) != 0)
                fail_msg("%s.%s: default expected \"%s\", got \"%s\"", t->name, c->name, c->def,
                         got ? got : "NULL");
        } else if (got != NULL) {
            fail_msg("%s.%s: expected NULL, got \"%s\"", t->name, c->name, got);
        }
    }
    store_result_free(r);
}

/* Values written as the API writes them read back identically on both engines. */
static void test_types_read_back(void **state)
{
    (void)state;
    begin();
    int64_t id = insert_row("applications", SET({"applied_date", T("2025-11-03")},
                                                {"interview_date", T("2025-11-24T09:05:00Z")}));
    struct store_value p[] = {SV_INT(id)};
    struct store_result *r = NULL;
    run("SELECT applied_date, interview_date, created_at FROM applications WHERE id = ?", p, 1, &r);
    assert_string_equal(store_text(r, 0, 0), "2025-11-03");
    assert_string_equal(store_text(r, 0, 1), "2025-11-24T09:05:00Z");
    assert_string_equal(store_text(r, 0, 2), STAMP);
    store_result_free(r);

    int64_t res =
        insert_row("career_resources",
                   SET({"skills", array_value(true)},
                       {"tags", T(engine == STORE_SQLITE ? "[]" : "{}")}, {"is_active", B(1)}));
    struct store_value q[] = {SV_INT(res)};
    run("SELECT skills, tags, is_active, prerequisites FROM career_resources WHERE id = ?", q, 1,
        &r);
    assert_string_equal(store_text(r, 0, 0), "[\"c\",\"sql\"]");
    assert_string_equal(store_text(r, 0, 1), "[]");
    assert_string_equal(store_text(r, 0, 2), "1");
    assert_true(store_bool(r, 0, 2));
    assert_null(store_text(r, 0, 3));
    store_result_free(r);

    /* integers come back as "%lld" writes them, from a column and from a bound value
     * (SQLite's are written by the store, not converted by SQLite; test_cursor_rows compares a
     * cursor's rows with these) */
    const int64_t ints[] = {0, 7, -7, 1000000000000, -1000000000000, INT64_MAX, INT64_MIN};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        struct store_value v[] = {SV_INT(ints[i]), SV_INT(id)};
        run("SELECT CAST(? AS BIGINT), id, NULL FROM applications WHERE id = ?", v, 2, &r);
        char want[32], id_text[32];
        snprintf(want, sizeof want, "%lld", (long long)ints[i]);
        snprintf(id_text, sizeof id_text, "%lld", (long long)id);
        assert_string_equal(store_text(r, 0, 0), want);
        assert_int_equal(store_int(r, 0, 0), ints[i]);
        assert_string_equal(store_text(r, 0, 1), id_text);
        assert_null(store_text(r, 0, 2));
        store_result_free(r);
    }

    /* text comes back byte for byte: empty (not NULL), multi-byte, and on SQLite bytes that
     * are not UTF-8 and an embedded NUL, which raw SQL can store (read without conversion) */
    run("SELECT '', 'z\u00fcrich \u2028 \U0001F600', NULL", NULL, 0, &r);
    assert_string_equal(store_text(r, 0, 0), "");
    assert_int_equal(store_length(r, 0, 0), 0);
    assert_string_equal(store_text(r, 0, 1), "z\u00fcrich \u2028 \U0001F600");
    assert_null(store_text(r, 0, 2));
    size_t len = 99; /* store_text_len: both in one call, NULL and 0 for NULL or no cell */
    assert_ptr_equal(store_text_len(r, 0, 1, &len), store_text(r, 0, 1));
    assert_int_equal(len, store_length(r, 0, 1));
    assert_null(store_text_len(r, 0, 2, &len));
    assert_int_equal(len, 0);
    len = 99;
    assert_null(store_text_len(r, 1, 0, &len));
    assert_int_equal(len, 0);
    len = 99;
    assert_null(store_text_len(r, 0, 3, &len));
    assert_int_equal(len, 0);
    store_result_free(r);
    /* a result of 70 rows (its rows' array grown past 8 and 32) holds every row */
    run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70) "
        "SELECT i, 'r' || i FROM n ORDER BY i",
        NULL, 0, &r);
    assert_int_equal(store_rows(r), 70);
    for (size_t i = 0; i < 70; i++) {
        char want[16];
        snprintf(want, sizeof want, "r%zu", i + 1);
        assert_int_equal(store_int(r, i, 0), (int64_t)i + 1);
        assert_string_equal(store_text_len(r, i, 1, &len), want);
        assert_int_equal(len, strlen(want));
        /* store_row_texts: the row's cells at once, as store_text and store_length give them */
        const char *texts[2];
        size_t lens[2];
        store_row_texts(r, i, texts, lens);
        assert_ptr_equal(texts[0], store_text(r, i, 0));
        assert_int_equal(lens[0], store_length(r, i, 0));
        assert_ptr_equal(texts[1], store_text(r, i, 1));
        assert_int_equal(lens[1], strlen(want));
    }
    store_result_free(r);
    run("SELECT NULL, '', 'x'", NULL, 0, &r); /* NULL stays NULL, empty text is not */
    {
        const char *texts[3];
        size_t lens[3] = {9, 9, 9};
        store_row_texts(r, 0, texts, lens);
        assert_null(texts[0]);
        assert_int_equal(lens[0], 0);
        assert_string_equal(texts[1], "");
        assert_int_equal(lens[1], 0);
        assert_string_equal(texts[2], "x");
        assert_int_equal(lens[2], 1);
    }
    store_result_free(r);
    if (engine == STORE_SQLITE) {
        run("SELECT CAST(X'61FF62C0' AS TEXT), CAST(X'410042' AS TEXT)", NULL, 0, &r);
        assert_int_equal(store_length(r, 0, 0), 4);
        assert_memory_equal(store_text(r, 0, 0),
                            "a\xff"
                            "b\xc0",
                            5);
        assert_int_equal(store_length(r, 0, 1), 3);
        assert_memory_equal(store_text(r, 0, 1), "A\0B", 4);
        store_result_free(r);
    }

    /* Booleans compare with bound booleans on both engines. */
    struct store_value b[] = {SV_INT(res), SV_BOOL(true)};
    assert_int_equal(query_int("SELECT count(*) FROM career_resources WHERE id = ? AND "
                               "is_active = ?",
                               b, 2),
                     1);
    /* Timestamps compare with bound RFC 3339 text on both engines. */
    struct store_value ts[] = {SV_INT(id), SV_TEXT("2025-11-24T09:00:00Z")};
    assert_int_equal(query_int("SELECT count(*) FROM applications WHERE id = ? AND "
                               "interview_date > ?",
                               ts, 2),
                     1);
    store_rollback(conn);
}

/* ================================================================ cascades */

/* Ids of the rows one user owns in the cascade test. */
struct owned {
    int64_t user, job1, job2, analytics, feedback, session, content, path;
    int64_t app1, app2, resume, contact, task; /* part E rows */
};

/* Inserts n bytes (NULs among them) as the file of résumé resume_id. */
static void insert_file(int64_t resume_id, size_t n)
{
    char *bytes = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++)
        bytes[i] = (char)(i % 7 == 0 ? 0 : i);
    struct store_value p[] = {SV_INT(resume_id), SV_BLOB(bytes, n)};
    run("INSERT INTO resume_files (resume_id, data) VALUES (?, ?)", p, 2, NULL);
    free(bytes);
}

/* Gives user tag a row in every table, on resource res. */
static void populate(const char *tag, int64_t res, struct owned *o)
{
    char name[64], email[64], fp1[64], fp2[64], path[64], token[64];
    snprintf(name, sizeof name, "%s", tag);
    snprintf(email, sizeof email, "%s@example.com", tag);
    snprintf(fp1, sizeof fp1, "%s-1", tag);
    snprintf(fp2, sizeof fp2, "%s-2", tag);
    snprintf(path, sizeof path, "/data/resumes/%s.pdf", tag);
    snprintf(token, sizeof token, "token-%s", tag);
    o->user = insert_row(
        "users", SET({"username", T(name)}, {"email", T(email)}, {"oauth_provider", T(tag)}));
    struct store_value u = SV_INT(o->user);
    o->job1 = insert_row("jobs", SET({"user_id", u}, {"job_fingerprint", T(fp1)}));
    o->job2 = insert_row("jobs", SET({"user_id", u}, {"job_fingerprint", T(fp2)}));
    struct store_value j1 = SV_INT(o->job1), j2 = SV_INT(o->job2);
    o->app1 = insert_row("applications", SET({"user_id", u}, {"job_id", j1}));
    o->app2 = insert_row("applications", SET({"user_id", u}, {"job_id", j2}));
    o->analytics = insert_row("analytics", SET({"user_id", u}));
    o->feedback = insert_row("feedback", SET({"user_id", u}));
    insert_row("feedback_votes", SET({"feedback_id", SV_INT(o->feedback)}, {"user_id", u}));
    insert_row("job_recommendation_feedback", SET({"user_id", u}, {"job_id", j1}));
    o->session = insert_row("interview_sessions", SET({"user_id", u}, {"job_id", j1}));
    insert_row("interview_questions", SET({"session_id", SV_INT(o->session)}, {"position", I(1)}));
    insert_row("interview_questions", SET({"session_id", SV_INT(o->session)}, {"position", I(2)}));
    o->resume = insert_row("resume_uploads", SET({"user_id", u}, {"file_path", T(path)}));
    insert_file(o->resume, 1234); /* the base row's file_size */
    insert_row("user_job_preferences", SET({"user_id", u}));
    o->content = insert_row("content_generations", SET({"user_id", u}, {"job_id", j1}));
    insert_row("content_versions",
               SET({"content_generation_id", SV_INT(o->content)}, {"version_number", I(1)}));
    insert_row("content_versions",
               SET({"content_generation_id", SV_INT(o->content)}, {"version_number", I(2)}));
    struct store_value r = SV_INT(res);
    insert_row("resource_bookmarks", SET({"user_id", u}, {"resource_id", r}));
    insert_row("resource_feedback", SET({"user_id", u}, {"resource_id", r}));
    insert_row("resource_views", SET({"user_id", u}, {"resource_id", r}));
    insert_row("resource_views", SET({"user_id", u}, {"resource_id", r}));
    o->path = insert_row("learning_paths", SET({"name", T(tag)}, {"created_by_user_id", u}));
    insert_row("learning_path_enrollments",
               SET({"user_id", u}, {"learning_path_id", SV_INT(o->path)}));
    insert_row("sessions", SET({"user_id", u}, {"token_hash", T(token)}));
    struct store_value t[] = {u, T(STAMP), T(STAMP)};
    run("INSERT INTO login_throttles (user_id, failures, window_start, last_failure_at) "
        "VALUES (?, 3, ?, ?)",
        t, 3, NULL);
    int64_t source = insert_row("job_sources", SET({"user_id", u}, {"identifier", T(tag)}));
    insert_row("job_source_runs", SET({"user_id", u}, {"source_id", SV_INT(source)}));
    char digest[65];
    for (int i = 0; i < 64; i++)
        digest[i] = "0123456789abcdef"[(tag[i % strlen(tag)] + i) & 15];
    digest[64] = '\0';
    insert_row("calendar_feeds", SET({"user_id", u}, {"token_hash", T(digest)}));
    /* contacts, tasks and résumé choices (migrations 0045-0047) */
    o->contact = insert_row("contacts", SET({"user_id", u}));
    struct statement st;
    build_insert("application_contacts",
                 SET({"application_id", SV_INT(o->app1)}, {"contact_id", SV_INT(o->contact)},
                     {"user_id", u}),
                 false, NULL, &st);
    run(st.sql, st.params, st.n, NULL);
    build_insert("application_contacts",
                 SET({"application_id", SV_INT(o->app2)}, {"contact_id", SV_INT(o->contact)},
                     {"user_id", u}),
                 false, NULL, &st);
    run(st.sql, st.params, st.n, NULL);
    o->task = insert_row("tasks", SET({"user_id", u}, {"application_id", SV_INT(o->app1)}));
    insert_row("tasks", SET({"user_id", u}, {"application_id", NUL}, {"job_id", j2}));
    insert_row("tasks", SET({"user_id", u}, {"application_id", NUL}));
    insert_row("job_resumes",
               SET({"user_id", u}, {"job_id", j1}, {"resume_id", SV_INT(o->resume)}));
}

/* Rows of child whose column holds id. */
static int64_t count_where(const char *child, const char *column, int64_t id)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s = ?", child, column);
    struct store_value p[] = {SV_INT(id)};
    return query_int(sql, p, 1);
}

/* Asserts that no row anywhere refers to a missing parent. */
static void assert_no_orphans(void)
{
    char sql[512];
    for (size_t i = 0; i < sizeof foreign_keys / sizeof *foreign_keys; i++) {
        const struct foreign_key *f = &foreign_keys[i];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM %s c WHERE c.%s IS NOT NULL AND NOT EXISTS "
                 "(SELECT 1 FROM %s p WHERE p.id = c.%s)",
                 f->child, f->column, f->parent, f->column);
        int64_t n = query_int(sql, NULL, 0);
        if (n != 0)
            fail_msg("%" PRId64 " orphan rows in %s.%s", n, f->child, f->column);
    }
    assert_int_equal(query_int("SELECT count(*) FROM applications a WHERE NOT EXISTS (SELECT 1 "
                               "FROM jobs j WHERE j.id = a.job_id AND j.user_id = a.user_id)",
                               NULL, 0),
                     0);
}

/* Cascading foreign keys whose parent is users (what a user owns). */
static bool owned_by_user(const struct foreign_key *f)
{
    return strcmp(f->parent, "users") == 0 && !f->set_null;
}

static void test_delete_user_cascades(void **state)
{
    (void)state;
    int64_t res = insert_row("career_resources", SET({"slug", T("cascade-resource")}));
    struct owned victim, survivor;
    populate("victim", res, &victim);
    populate("survivor", res, &survivor);
    /* Rows across the two users: they vote on and enrol in each other's things. */
    insert_row("feedback_votes", SET({"feedback_id", SV_INT(victim.feedback)},
                                     {"user_id", SV_INT(survivor.user)}, {"vote", I(-1)}));
    insert_row("feedback_votes",
               SET({"feedback_id", SV_INT(survivor.feedback)}, {"user_id", SV_INT(victim.user)}));
    insert_row("learning_path_enrollments",
               SET({"user_id", SV_INT(survivor.user)}, {"learning_path_id", SV_INT(victim.path)}));
    insert_row("learning_path_enrollments",
               SET({"user_id", SV_INT(victim.user)}, {"learning_path_id", SV_INT(survivor.path)}));
    int64_t before[sizeof foreign_keys / sizeof *foreign_keys] = {0};
    for (size_t i = 0; i < sizeof foreign_keys / sizeof *foreign_keys; i++) {
        if (!owned_by_user(&foreign_keys[i]))
            continue;
        before[i] = count_where(foreign_keys[i].child, foreign_keys[i].column, survivor.user);
        assert_true(before[i] > 0);
        assert_true(count_where(foreign_keys[i].child, foreign_keys[i].column, victim.user) > 0);
    }

    struct store_value v[] = {SV_INT(victim.user)};
    struct store_result *r = NULL;
    run("DELETE FROM users WHERE id = ?", v, 1, &r);
    assert_int_equal(store_changes(r), 1);
    store_result_free(r);

    for (size_t i = 0; i < sizeof foreign_keys / sizeof *foreign_keys; i++) {
        const struct foreign_key *f = &foreign_keys[i];
        if (strcmp(f->parent, "users") != 0)
            continue;
        if (count_where(f->child, f->column, victim.user) != 0)
            fail_msg("%s.%s still refers to the deleted user", f->child, f->column);
        if (owned_by_user(f) && count_where(f->child, f->column, survivor.user) != before[i])
            fail_msg("%s: the other user's rows changed", f->child);
    }
    /* Grandchildren went with their parents; the survivor's stayed. */
    assert_int_equal(count_where("interview_questions", "session_id", victim.session), 0);
    assert_int_equal(count_where("interview_questions", "session_id", survivor.session), 2);
    assert_int_equal(count_where("content_versions", "content_generation_id", victim.content), 0);
    assert_int_equal(count_where("content_versions", "content_generation_id", survivor.content), 2);
    assert_int_equal(count_where("applications", "job_id", victim.job1), 0);
    assert_int_equal(count_where("jobs", "id", victim.job1), 0);
    /* SET NULL rows outlive their author. */
    assert_int_equal(count_where("analytics", "id", victim.analytics), 1);
    assert_int_equal(count_where("feedback", "id", victim.feedback), 1);
    assert_int_equal(count_where("learning_paths", "id", victim.path), 1);
    struct store_value a[] = {SV_INT(victim.analytics)};
    assert_int_equal(
        query_int("SELECT count(*) FROM analytics WHERE id = ? AND user_id IS NULL", a, 1), 1);
    struct store_value f[] = {SV_INT(victim.feedback)};
    assert_int_equal(
        query_int("SELECT count(*) FROM feedback WHERE id = ? AND user_id IS NULL", f, 1), 1);
    struct store_value p[] = {SV_INT(victim.path)};
    assert_int_equal(query_int("SELECT count(*) FROM learning_paths WHERE id = ? AND "
                               "created_by_user_id IS NULL",
                               p, 1),
                     1);
    /* ...and keep what other users attached to them. */
    assert_int_equal(count_where("feedback_votes", "feedback_id", victim.feedback), 1);
    assert_int_equal(count_where("learning_path_enrollments", "learning_path_id", victim.path), 1);
    assert_int_equal(count_where("feedback_votes", "feedback_id", survivor.feedback), 1);
    assert_no_orphans();
}

static void test_delete_job_cascades_and_sets_null(void **state)
{
    (void)state;
    int64_t res = insert_row("career_resources", SET({"slug", T("job-resource")}));
    struct owned o;
    populate("jobowner", res, &o);
    struct store_value j[] = {SV_INT(o.job1)};
    run("DELETE FROM jobs WHERE id = ?", j, 1, NULL);
    assert_int_equal(count_where("applications", "job_id", o.job1), 0);
    assert_int_equal(count_where("applications", "job_id", o.job2), 1);
    assert_int_equal(count_where("job_recommendation_feedback", "job_id", o.job1), 0);
    struct store_value s[] = {SV_INT(o.session)};
    assert_int_equal(query_int("SELECT count(*) FROM interview_sessions WHERE id = ? AND job_id "
                               "IS NULL",
                               s, 1),
                     1);
    assert_int_equal(count_where("interview_questions", "session_id", o.session), 2);
    struct store_value c[] = {SV_INT(o.content)};
    assert_int_equal(query_int("SELECT count(*) FROM content_generations WHERE id = ? AND "
                               "job_id IS NULL",
                               c, 1),
                     1);
    assert_int_equal(count_where("content_versions", "content_generation_id", o.content), 2);
    assert_no_orphans();
}

/* Deleting any other parent takes its children along. */
static void test_delete_parents_cascade(void **state)
{
    (void)state;
    int64_t res = insert_row("career_resources", SET({"slug", T("parent-resource")}));
    struct owned o;
    populate("parents", res, &o);
    static const struct {
        const char *parent, *child, *column;
        int which; /* 0 feedback, 1 session, 2 content, 3 path, 4 resource, 5 résumé */
    } cases[] = {
        {"resume_uploads", "resume_files", "resume_id", 5},
        {"feedback", "feedback_votes", "feedback_id", 0},
        {"interview_sessions", "interview_questions", "session_id", 1},
        {"content_generations", "content_versions", "content_generation_id", 2},
        {"learning_paths", "learning_path_enrollments", "learning_path_id", 3},
        {"career_resources", "resource_bookmarks", "resource_id", 4},
    };
    const int64_t parents[] = {o.feedback, o.session, o.content, o.path, res, o.resume};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int64_t id = parents[cases[i].which];
        assert_true(count_where(cases[i].child, cases[i].column, id) > 0);
        char sql[128];
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?", cases[i].parent);
        struct store_value p[] = {SV_INT(id)};
        run(sql, p, 1, NULL);
        if (count_where(cases[i].child, cases[i].column, id) != 0)
            fail_msg("deleting %s %" PRId64 " left rows in %s", cases[i].parent, id,
                     cases[i].child);
    }
    assert_int_equal(count_where("resource_feedback", "resource_id", res), 0);
    assert_int_equal(count_where("resource_views", "resource_id", res), 0);
    assert_no_orphans();
}

/* The links of part E go with either end; the other end stays (migrations 0045-0047). */
static void test_delete_links_cascade(void **state)
{
    (void)state;
    int64_t res = insert_row("career_resources", SET({"slug", T("links-resource")}));
    struct owned o;
    populate("links", res, &o);
    struct store_value app1[] = {SV_INT(o.app1)}, contact[] = {SV_INT(o.contact)};
    /* an application: its contacts' links and its tasks; the contact stays */
    assert_int_equal(count_where("application_contacts", "application_id", o.app1), 1);
    assert_int_equal(count_where("tasks", "application_id", o.app1), 1);
    run("DELETE FROM applications WHERE id = ?", app1, 1, NULL);
    assert_int_equal(count_where("application_contacts", "application_id", o.app1), 0);
    assert_int_equal(count_where("tasks", "id", o.task), 0);
    assert_int_equal(count_where("contacts", "id", o.contact), 1);
    assert_int_equal(count_where("application_contacts", "contact_id", o.contact), 1);
    /* a contact: its links; the application stays */
    run("DELETE FROM contacts WHERE id = ?", contact, 1, NULL);
    assert_int_equal(count_where("application_contacts", "contact_id", o.contact), 0);
    assert_int_equal(count_where("applications", "id", o.app2), 1);
    /* a résumé: the choices of it; the job stays (and uses the primary one again) */
    assert_int_equal(count_where("job_resumes", "resume_id", o.resume), 1);
    struct store_value resume[] = {SV_INT(o.resume)};
    run("DELETE FROM resume_uploads WHERE id = ?", resume, 1, NULL);
    assert_int_equal(count_where("job_resumes", "resume_id", o.resume), 0);
    assert_int_equal(count_where("jobs", "id", o.job1), 1);
    /* a job: its tasks and those of its applications */
    assert_int_equal(count_where("tasks", "job_id", o.job2), 1);
    struct store_value job2[] = {SV_INT(o.job2)};
    run("DELETE FROM jobs WHERE id = ?", job2, 1, NULL);
    assert_int_equal(count_where("tasks", "job_id", o.job2), 0);
    assert_int_equal(count_where("tasks", "user_id", o.user), 1); /* the unlinked one */
    assert_no_orphans();
}

/* ================================================================ login throttles */

#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HASH_B "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* Inserts a login_throttles row (NULL-able subject columns) in a rolled-back transaction and
 * checks the outcome: code 0 or the error and, when given, the constraint. */
static void throttle_case(const char *what, struct store_value user, struct store_value name,
                          struct store_value address, struct store_value failures,
                          struct store_value start, int code, const char *constraint,
                          unsigned flags)
{
    if (((flags & ONLY_SQLITE) && engine != STORE_SQLITE) ||
        ((flags & ONLY_PG) && engine != STORE_POSTGRES))
        return;
    struct store_value p[] = {user, name, address, failures, start, SV_TEXT(STAMP)};
    struct err e = {0};
    begin();
    int rc = store_exec(conn,
                        "INSERT INTO login_throttles (user_id, name_hash, address, failures, "
                        "window_start, last_failure_at) VALUES (?, ?, ?, ?, ?, ?)",
                        p, 6, NULL, &e);
    store_rollback(conn);
    if (rc != code)
        fail_msg("login_throttles: %s: expected %s, got %s (%s)", what, code_name(code),
                 code_name(rc), rc ? e.message : "no error");
    bool compare = constraint && !((flags & NAME_SQLITE) && engine != STORE_SQLITE) &&
                   !((flags & NAME_PG) && engine != STORE_POSTGRES);
    if (compare && strcmp(e.constraint, constraint) != 0)
        fail_msg("login_throttles: %s: expected constraint \"%s\", got \"%s\" (%s)", what,
                 constraint, e.constraint, e.message);
}

static void test_login_throttles(void **state)
{
    (void)state;
    const struct store_value nul = SV_NULL, one = SV_INT(1), stamp = SV_TEXT(STAMP);
    /* one row of each kind of subject, kept for the unique cases below */
    struct store_value rows[][3] = {{SV_INT(1001), SV_NULL, SV_NULL},
                                    {SV_NULL, SV_TEXT(HASH_A), SV_NULL},
                                    {SV_NULL, SV_NULL, SV_TEXT("192.0.2.1")}};
    for (size_t i = 0; i < 3; i++) {
        struct store_value p[] = {rows[i][0], rows[i][1],     rows[i][2],
                                  SV_INT(2),  SV_TEXT(STAMP), SV_TEXT(STAMP)};
        run("INSERT INTO login_throttles (user_id, name_hash, address, failures, window_start, "
            "last_failure_at) VALUES (?, ?, ?, ?, ?, ?)",
            p, 6, NULL);
    }
    /* exactly one subject */
    throttle_case("an account", SV_INT(1002), nul, nul, one, stamp, 0, NULL, 0);
    throttle_case("a name", nul, SV_TEXT(HASH_B), nul, one, stamp, 0, NULL, 0);
    throttle_case("an IPv6 network", nul, nul, SV_TEXT("2001:db8:1:2::/64"), one, stamp, 0, NULL,
                  0);
    throttle_case("no subject", nul, nul, nul, one, stamp, ERR_CHECK,
                  "login_throttles_subject_check", 0);
    throttle_case("account and address", SV_INT(1002), nul, SV_TEXT("192.0.2.9"), one, stamp,
                  ERR_CHECK, "login_throttles_subject_check", 0);
    throttle_case("name and address", nul, SV_TEXT(HASH_B), SV_TEXT("192.0.2.9"), one, stamp,
                  ERR_CHECK, "login_throttles_subject_check", 0);
    throttle_case("all three", SV_INT(1002), SV_TEXT(HASH_B), SV_TEXT("192.0.2.9"), one, stamp,
                  ERR_CHECK, "login_throttles_subject_check", 0);
    /* one counter per subject */
    throttle_case("a second row for an account", SV_INT(1001), nul, nul, one, stamp, ERR_CONFLICT,
                  "login_throttles.user_id", 0);
    throttle_case("a second row for a name", nul, SV_TEXT(HASH_A), nul, one, stamp, ERR_CONFLICT,
                  "login_throttles.name_hash", 0);
    throttle_case("a second row for an address", nul, nul, SV_TEXT("192.0.2.1"), one, stamp,
                  ERR_CONFLICT, "login_throttles.address", 0);
    /* references and bounds */
    throttle_case("a user that does not exist", SV_INT(999999), nul, nul, one, stamp,
                  ERR_FOREIGN_KEY, "login_throttles_user_id_fkey", NAME_PG);
    throttle_case("0 failures", SV_INT(1002), nul, nul, SV_INT(0), stamp, ERR_CHECK,
                  "login_throttles_failures_check", 0);
    throttle_case("NULL failures", SV_INT(1002), nul, nul, nul, stamp, ERR_CHECK,
                  "login_throttles.failures", 0);
    throttle_case("NULL window_start", SV_INT(1002), nul, nul, one, nul, ERR_CHECK,
                  "login_throttles.window_start", 0);
    throttle_case("a name that is no hex digest", nul, SV_TEXT("erin@example.com"), nul, one, stamp,
                  ERR_CHECK, "login_throttles_name_hash_check", 0);
    throttle_case("an upper-case digest", nul,
                  SV_TEXT("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), nul,
                  one, stamp, ERR_CHECK, "login_throttles_name_hash_check", 0);
    throttle_case("a digest of 63 digits", nul, SV_TEXT(HASH_B + 1), nul, one, stamp, ERR_CHECK,
                  "login_throttles_name_hash_check", 0);
    throttle_case("an empty address", nul, nul, SV_TEXT(""), one, stamp, ERR_CHECK,
                  "login_throttles_address_check", 0);
    throttle_case("an address of 65 characters", nul, nul, SV_TEXT(X64 "x"), one, stamp, ERR_CHECK,
                  "login_throttles_address_check", 0);
    throttle_case("a timestamp that is none", SV_INT(1002), nul, nul, one, SV_TEXT("soon"),
                  ERR_CHECK, "login_throttles_window_start_check", NAME_SQLITE);
    throttle_case("a timestamp with an offset", SV_INT(1002), nul, nul, one,
                  SV_TEXT("2025-11-24T21:19:44+01:00"), ERR_CHECK,
                  "login_throttles_window_start_check", NAME_SQLITE | ONLY_SQLITE);

    /* the counter of a deleted user goes with it; names and addresses stay */
    struct store_value u[] = {SV_INT(1001)};
    run("DELETE FROM users WHERE id = ?", u, 1, NULL);
    assert_int_equal(count_where("login_throttles", "user_id", 1001), 0);
    assert_int_equal(query_int("SELECT count(*) FROM login_throttles", NULL, 0), 2);
    assert_no_orphans();
}

/* ================================================================ files */

/* Runs an INSERT into resume_files that must fail with code (and constraint, unless NULL). */
static void expect_file_refused(const char *what, const struct store_value *p, int code,
                                const char *constraint)
{
    struct err e = {0};
    begin();
    int rc = store_exec(conn, "INSERT INTO resume_files (resume_id, data) VALUES (?, ?)", p, 2,
                        NULL, &e);
    store_rollback(conn);
    if (rc != code)
        fail_msg("%s: expected %s, got %s (%s)", what, code_name(code), code_name(rc), e.message);
    if (constraint && strcmp(e.constraint, constraint) != 0)
        fail_msg("%s: expected constraint %s, got \"%s\" (%s)", what, constraint, e.constraint,
                 e.message);
}

static void test_resume_files(void **state)
{
    (void)state;
    int64_t id = insert_row("resume_uploads", SET({"user_id", I(1002)}, {"file_size", I(6)},
                                                  {"file_path", T("db:files-test.pdf")}));
    static const char bytes[6] = {'%', 0, 'P', (char)0xff, 0, '\\'};
    struct store_value ok[] = {SV_INT(id), SV_BLOB(bytes, 6)};
    struct store_value short_one[] = {SV_INT(id), SV_BLOB(bytes, 5)};
    struct store_value none[] = {SV_INT(id), SV_NULL};
    struct store_value dangling[] = {SV_INT(999999), SV_BLOB(bytes, 6)};
    expect_file_refused("bytes of another size than file_size", short_one, ERR_CHECK,
                        "resume_files_size_check");
    expect_file_refused("no bytes", none, ERR_CHECK, NULL);
    expect_file_refused("a résumé that does not exist", dangling, ERR_FOREIGN_KEY, NULL);
    if (engine == STORE_SQLITE) { /* PostgreSQL's bytea takes text as bytes */
        struct store_value text[] = {SV_INT(id), SV_TEXT("abcdef")};
        expect_file_refused("text instead of bytes", text, ERR_CHECK, NULL);
    }
    run("INSERT INTO resume_files (resume_id, data) VALUES (?, ?)", ok, 2, NULL);
    expect_file_refused("a second file for the résumé", ok, ERR_CONFLICT, NULL);
    struct store_value p[] = {SV_INT(id)};
    struct store_result *r = NULL;
    run("SELECT data FROM resume_files WHERE resume_id = ?", p, 1, &r);
    assert_int_equal(store_length(r, 0, 0), 6);
    assert_memory_equal(store_text(r, 0, 0), bytes, 6);
    store_result_free(r);
    /* an update must keep the size too */
    struct err e = {0};
    struct store_value upd[] = {SV_BLOB(bytes, 2), SV_INT(id)};
    begin();
    int rc =
        store_exec(conn, "UPDATE resume_files SET data = ? WHERE resume_id = ?", upd, 2, NULL, &e);
    store_rollback(conn);
    assert_int_equal(rc, ERR_CHECK);
    run("DELETE FROM resume_uploads WHERE id = ?", p, 1, NULL);
    assert_int_equal(count_where("resume_files", "resume_id", id), 0);
}

/* ================================================================ full-text search */

static void dump(struct text *t, const char *sql);

/* The ids of jobs (of user, or of everyone when user is 0) matching q, as "1,2,3", through
 * the condition written for rows read in another order (matches false: store_sql_fulltext) or
 * for the matches found through the index (store_sql_fulltext_matches). */
static char *search_with(int64_t user, const char *q, bool matches)
{
    char *arg = store_fulltext_arg(conn, q);
    if (arg == NULL)
        fail_msg("store_fulltext_arg(\"%s\") found no word", q);
    char cond_text[192];
    const char *cond = matches
                           ? store_sql_fulltext_matches(conn, "jobs", cond_text, sizeof cond_text)
                           : store_sql_fulltext(conn, "jobs", cond_text, sizeof cond_text);
    assert_non_null(cond);
    char sql[512];
    struct store_value p[2];
    int n = 0;
    if (user) {
        snprintf(sql, sizeof sql, "SELECT id FROM jobs WHERE user_id = ? AND %s ORDER BY id", cond);
        p[n++] = SV_INT(user);
    } else {
        snprintf(sql, sizeof sql, "SELECT id FROM jobs WHERE %s ORDER BY id", cond);
    }
    p[n++] = SV_TEXT(arg);
    struct store_result *r = NULL;
    run(sql, p, n, &r);
    struct text t = {0};
    text_add(&t, "%s", "");
    for (size_t i = 0; i < store_rows(r); i++)
        text_add(&t, "%s%s", i ? "," : "", store_text(r, 0 + i, 0));
    /* the owner's count from the index alone, where the engine offers one, agrees */
    char count_text[256];
    const char *count =
        user ? store_sql_fulltext_count(conn, "jobs", false, count_text, sizeof count_text) : NULL;
    if (count && query_int(count, p, 2) != (int64_t)store_rows(r))
        fail_msg("search \"%s\": %zu rows, counted %" PRId64, q, store_rows(r),
                 query_int(count, p, 2));
    store_result_free(r);
    free(arg);
    return t.data;
}

/* The same through both conditions, which must agree. */
static char *search(int64_t user, const char *q)
{
    char *rows = search_with(user, q, false), *matches = search_with(user, q, true);
    if (strcmp(rows, matches) != 0)
        fail_msg("search \"%s\": [%s] from the rows, [%s] from the index", q, rows, matches);
    free(matches);
    return rows;
}

/* Asserts that searching q finds exactly the ids in expected ("" for none). */
static void expect_search(int64_t user, const char *q, const char *expected)
{
    char *got = search(user, q);
    if (strcmp(got, expected) != 0)
        fail_msg("search \"%s\": expected [%s], got [%s]", q, expected, got);
    free(got);
}

static char *ids(int64_t a, int64_t b)
{
    static char out[64];
    if (b)
        snprintf(out, sizeof out, "%" PRId64 ",%" PRId64, a, b);
    else
        snprintf(out, sizeof out, "%" PRId64, a);
    return out;
}

/* The full-text index agrees with the jobs table: SQLite's external-content index checked by
 * FTS5, PostgreSQL's jobs_search (migration 0053) compared row by row with the jobs' own
 * vectors, owners and creation times (0055). */
static void assert_fts_consistent(void)
{
    if (engine == STORE_SQLITE) {
        run("INSERT INTO jobs_fts (jobs_fts) VALUES ('integrity-check')", NULL, 0, NULL);
        return;
    }
    struct text kept = {0}, recount = {0};
    text_add(&kept, "%s", "");
    text_add(&recount, "%s", "");
    dump(&kept, "SELECT job_id, user_id, search_vector::text, created_at::text FROM jobs_search "
                "ORDER BY 1");
    dump(&recount,
         "SELECT id, user_id, search_vector::text, created_at::text FROM jobs ORDER BY 1");
    if (strcmp(kept.data, recount.data) != 0)
        fail_msg("jobs_search differs from jobs:\n--- jobs_search:\n%s--- jobs:\n%s", kept.data,
                 recount.data);
    free(kept.data);
    free(recount.data);
    /* every word of every vector is in jobs_search_lexemes (migration 0062: a superset) */
    struct text missing = {0};
    text_add(&missing, "%s", "");
    dump(&missing, "SELECT DISTINCT w FROM jobs_search, unnest(tsvector_to_array(search_vector)) "
                   "AS w WHERE NOT EXISTS (SELECT 1 FROM jobs_search_lexemes l WHERE l.lexeme = w) "
                   "ORDER BY 1");
    if (missing.data[0])
        fail_msg("words of jobs_search missing from jobs_search_lexemes:\n%s", missing.data);
    free(missing.data);
}

static void test_fulltext(void **state)
{
    (void)state;
    int64_t u =
        insert_row("users", SET({"username", T("searcher")}, {"email", T("searcher@example.com")},
                                {"oauth_provider", NUL}));
    int64_t other =
        insert_row("users", SET({"username", T("other")}, {"email", T("other@example.com")},
                                {"oauth_provider", NUL}));
    struct store_value us = SV_INT(u);
    int64_t j1 =
        insert_row("jobs", SET({"user_id", us}, {"company", T("Acme Robotics")},
                               {"title", T("Senior Embedded Engineer")},
                               {"description", T("Write firmware in C for robots")},
                               {"requirements", T("Rust, Linux")}, {"job_fingerprint", T("s1")}));
    int64_t j2 = insert_row("jobs", SET({"user_id", us}, {"company", T("Globex")},
                                        {"title", T("Data Analyst")},
                                        {"description", T("SQL dashboards, Python notebooks")},
                                        {"requirements", NUL}, {"job_fingerprint", T("s2")}));
    int64_t j3 = insert_row("jobs", SET({"user_id", us}, {"company", T("Initech")},
                                        {"title", T("Backend Developer")}, {"description", NUL},
                                        {"requirements", T("Go, PostgreSQL")},
                                        {"job_fingerprint", T("s3")}));
    int64_t j4 = insert_row("jobs", SET({"user_id", us}, {"company", T("Société Générale")},
                                        {"title", T("Analyste")}, {"description", T("Café")},
                                        {"requirements", NUL}, {"job_fingerprint", T("s4")}));
    int64_t o1 = insert_row("jobs", SET({"user_id", SV_INT(other)},
                                        {"description", T("Kubernetes clusters")},
                                        {"job_fingerprint", T("o1")}));
    assert_fts_consistent();

    expect_search(u, "firmware", ids(j1, 0));       /* a word of the description */
    expect_search(u, "robotics", ids(j1, 0));       /* of the company */
    expect_search(u, "embedded", ids(j1, 0));       /* of the title */
    expect_search(u, "postgresql", ids(j3, 0));     /* of the requirements */
    expect_search(u, "engin", ids(j1, 0));          /* a prefix */
    expect_search(u, "ROBOTS", ids(j1, 0));         /* any case */
    expect_search(u, "firmware linux", ids(j1, 0)); /* every word required */
    expect_search(u, "firmware python", "");
    expect_search(u, "zebra", "");
    expect_search(u, "sql", ids(j2, 0)); /* prefix of a word, not inside one */
    expect_search(u, "société", ids(j4, 0));
    expect_search(u, "café", ids(j4, 0));
    if (engine == STORE_SQLITE) /* remove_diacritics; PostgreSQL's 'simple' keeps accents */
        expect_search(u, "societe", ids(j4, 0));
    /* Operators in the user's text are neutralised rather than failing. */
    char *got = search(u, "\"firm* OR -(ware) AND NOT: ^x");
    free(got);
    assert_null(store_fulltext_arg(conn, "  -- ** () "));
    assert_null(store_fulltext_arg(conn, ""));

    /* Updates move the index along. */
    struct store_value upd[] = {SV_TEXT("Kubernetes operators"), SV_INT(j2)};
    run("UPDATE jobs SET description = ? WHERE id = ?", upd, 2, NULL);
    expect_search(u, "dashboards", "");
    expect_search(u, "kubernetes", ids(j2, 0));
    struct store_value st[] = {SV_TEXT("applied"), SV_INT(j2)};
    run("UPDATE jobs SET status = ? WHERE id = ?", st, 2, NULL);
    expect_search(u, "kubernetes", ids(j2, 0));
    struct store_value ti[] = {SV_TEXT("Platform Engineer"), SV_INT(j3)};
    run("UPDATE jobs SET title = ? WHERE id = ?", ti, 2, NULL);
    expect_search(u, "engineer", ids(j1, j3));
    expect_search(u, "backend", "");
    assert_fts_consistent();

    /* Deletes too, directly or through the owner. */
    struct store_value d[] = {SV_INT(j1)};
    run("DELETE FROM jobs WHERE id = ?", d, 1, NULL);
    expect_search(u, "firmware", "");
    expect_search(0, "firmware", "");
    assert_int_equal(query_int("SELECT count(*) FROM jobs WHERE user_id = ?", &us, 1), 3);
    assert_fts_consistent();
    expect_search(0, "kubernetes", ids(j2, o1));
    run("DELETE FROM users WHERE id = ?", &us, 1, NULL);
    expect_search(0, "kubernetes", ids(o1, 0));
    expect_search(0, "firmware", "");
    assert_fts_consistent();
    if (engine == STORE_SQLITE) {
        struct store_value m[] = {SV_TEXT("kubernetes")};
        assert_int_equal(query_int("SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH ?", m, 1),
                         1); /* only the other user's job */
    }
}

/* ======================================== counters (migrations 0030, 0035, 0036) */

/* The stages of an application (src/model/analytics.c), written again here for the recount. */
#define AFTER_APPLIED                                                                              \
    "('applied', 'phone_screen', 'interview', 'technical', 'offer', 'accepted', 'declined')"
#define APPLIED "(a.applied_date IS NOT NULL OR a.status IN " AFTER_APPLIED ")"
#define FLAG(cond) "SUM(CASE WHEN " cond " THEN 1 ELSE 0 END)"
/* an open application (src/core/pipeline.c: not a final status) */
#define OPEN "status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted')"
#define RESPONDED                                                                                  \
    APPLIED " AND (a.response_date IS NOT NULL OR a.status IN ('phone_screen', 'interview', "      \
            "'technical', 'offer', 'accepted', 'declined', 'rejected'))"
#define INTERVIEWED                                                                                \
    APPLIED " AND (a.interview_date IS NOT NULL OR a.offer_date IS NOT NULL OR a.status IN "       \
            "('interview', 'technical', 'offer', 'accepted', 'declined'))"
#define OFFERED                                                                                    \
    APPLIED " AND (a.offer_date IS NOT NULL OR a.status IN ('offer', 'accepted', 'declined'))"

/* Appends sql to t with every "DAY(x)" replaced by the engine's day number (days since
 * 1970-01-01, UTC) of the date or timestamp x, computed otherwise than the triggers do. */
static void dump_days(struct text *t, const char *sql)
{
    struct text q = {0};
    text_add(&q, "%s", "");
    const char *p = sql, *d;
    while ((d = strstr(p, "DAY(")) != NULL) {
        const char *end = strchr(d, ')');
        text_add(&q, "%.*s", (int)(d - p), p);
        if (engine == STORE_SQLITE)
            text_add(&q, "(CAST(strftime('%%s', substr(%.*s, 1, 10)) AS INTEGER) / 86400)",
                     (int)(end - d - 4), d + 4);
        else
            text_add(&q, "CAST(floor(EXTRACT(EPOCH FROM %.*s) / 86400) AS bigint)",
                     (int)(end - d - 4), d + 4);
        p = end + 1;
    }
    text_add(&q, "%s", p);
    dump(t, q.data);
    free(q.data);
}

/* The counters' and aggregates' rows and a GROUP BY recount of the rows they count, as text. */
static void assert_counters_match(const char *when)
{
    struct text kept = {0}, recount = {0};
    text_add(&kept, "%s", "");
    text_add(&recount, "%s", "");
    dump(&kept, "SELECT user_id, status, source, job_type, remote_option, n FROM job_counts "
                "ORDER BY 1, 2, 3, 4, 5");
    dump(&recount, "SELECT user_id, status, COALESCE(source, ''), COALESCE(job_type, ''), "
                   "COALESCE(remote_option, ''), COUNT(*) FROM jobs GROUP BY 1, 2, 3, 4, 5 "
                   "ORDER BY 1, 2, 3, 4, 5");
    /* the per-value counters (migration 0078): a row per value of each counted column and
     * one for all of a user's jobs */
    dump(&kept, "SELECT user_id, kind, value, n FROM job_value_counts ORDER BY 1, 2, 3");
    dump(&recount, "SELECT user_id, kind, value, COUNT(*) FROM ("
                   "SELECT user_id, '' AS kind, '' AS value FROM jobs UNION ALL "
                   "SELECT user_id, 'status', status FROM jobs UNION ALL "
                   "SELECT user_id, 'source', COALESCE(source, '') FROM jobs UNION ALL "
                   "SELECT user_id, 'job_type', COALESCE(job_type, '') FROM jobs UNION ALL "
                   "SELECT user_id, 'remote_option', COALESCE(remote_option, '') FROM jobs) "
                   "AS jv GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    dump(&kept, "SELECT user_id, status, n FROM application_counts ORDER BY 1, 2");
    dump(&recount, "SELECT user_id, status, COUNT(*) FROM applications GROUP BY 1, 2 "
                   "ORDER BY 1, 2");
    dump(&kept, "SELECT 'stages', user_id, source, n, applied, responses, interviews, offers, "
                "timed, response_days FROM application_stages ORDER BY 2, 3");
    dump_days(
        &recount,
        "SELECT 'stages', a.user_id, COALESCE(j.source, ''), COUNT(*), " FLAG(APPLIED) ", " FLAG(
            RESPONDED) ", " FLAG(INTERVIEWED) ", " FLAG(OFFERED) ", " FLAG("a.response_date >= "
                                                                           "a.applied_date") ", "
                                                                                             "SUM("
                                                                                             "CASE "
                                                                                             "WHEN "
                                                                                             "a."
                                                                                             "respo"
                                                                                             "nse_"
                                                                                             "date "
                                                                                             ">= "
                                                                                             "a."
                                                                                             "appli"
                                                                                             "ed_"
                                                                                             "date "
                                                                                             "THEN "
                                                                                             "DAY("
                                                                                             "a."
                                                                                             "respo"
                                                                                             "nse_"
                                                                                             "date)"
                                                                                             " - "
                                                                                             "DAY("
                                                                                             "a."
                                                                                             "appli"
                                                                                             "ed_"
                                                                                             "date)"
                                                                                             " ELSE"
                                                                                             " 0 "
                                                                                             "END) "
                                                                                             "FROM "
                                                                                             "appli"
                                                                                             "catio"
                                                                                             "ns a "
                                                                                             "JOIN "
                                                                                             "jobs "
                                                                                             "j ON "
                                                                                             "j.id "
                                                                                             "= "
                                                                                             "a."
                                                                                             "job_"
                                                                                             "id "
                                                                                             "GROUP"
                                                                                             " BY "
                                                                                             "2, 3 "
                                                                                             "ORDER"
                                                                                             " BY "
                                                                                             "2, "
                                                                                             "3");
    dump(&kept, "SELECT 'days', user_id, day, n, applied, interviews, offers, accepted "
                "FROM application_days ORDER BY 2, 3");
    dump_days(
        &recount,
        "SELECT 'days', a.user_id, DAY(a.created_at), COUNT(*), " FLAG(APPLIED) ", " FLAG(
            INTERVIEWED) ", " FLAG(OFFERED) ", " FLAG("a.status = 'accepted'") " FROM applications "
                                                                               "a GROUP BY 2, 3 "
                                                                               "ORDER BY 2, 3");
    dump(&kept, "SELECT user_id, metric, day, n FROM activity_days ORDER BY 1, 2, 3");
    dump_days(&recount, "SELECT user_id, metric, day, COUNT(*) FROM ("
                        "SELECT user_id, 'applications' AS metric, DAY(applied_date) AS day "
                        "FROM applications WHERE applied_date IS NOT NULL UNION ALL "
                        "SELECT user_id, 'responses', DAY(response_date) FROM applications "
                        "WHERE response_date IS NOT NULL UNION ALL "
                        "SELECT user_id, 'interviews', DAY(interview_date) FROM applications "
                        "WHERE interview_date IS NOT NULL UNION ALL "
                        "SELECT user_id, 'offers', DAY(offer_date) FROM applications "
                        "WHERE offer_date IS NOT NULL UNION ALL "
                        "SELECT user_id, 'jobs', DAY(created_at) FROM jobs) AS days "
                        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    dump(&kept, "SELECT user_id, kind, day, n, n_open FROM application_date_counts "
                "ORDER BY 1, 2, 3");
    dump(&recount,
         "SELECT user_id, kind, day, COUNT(*), " FLAG(
             OPEN) " FROM ("
                   "SELECT user_id, 'applied_date' AS kind, applied_date AS day, status "
                   "FROM applications WHERE applied_date IS NOT NULL UNION ALL "
                   "SELECT user_id, 'follow_up_date', follow_up_date, status FROM applications "
                   "WHERE follow_up_date IS NOT NULL) AS dated GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    dump(&kept, "SELECT user_id, currency, jobs, applied_jobs, min_count, min_sum, max_count, "
                "max_sum, lowest_min, highest_max FROM salary_counts ORDER BY 1, 2");
    dump(&recount, "SELECT user_id, COALESCE(currency, ''), COUNT(*), "
                   "SUM(CASE WHEN date_applied IS NULL THEN 0 ELSE 1 END), COUNT(salary_min), "
                   "COALESCE(SUM(salary_min), 0), COUNT(salary_max), "
                   "COALESCE(SUM(salary_max), 0), MIN(salary_min), MAX(salary_max) FROM jobs "
                   "WHERE salary_min IS NOT NULL OR salary_max IS NOT NULL "
                   "GROUP BY 1, 2 ORDER BY 1, 2");
    if (strcmp(kept.data, recount.data) != 0)
        fail_msg("counters differ from a recount %s:\n--- counters:\n%s--- recount:\n%s", when,
                 kept.data, recount.data);
    free(kept.data);
    free(recount.data);
}

static uint64_t counter_random(uint64_t *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return *state >> 33;
}

/* A value of values[] (NULL stands for SQL NULL). */
static struct store_value counter_value(uint64_t *st, const char *const *values, size_t n)
{
    const char *v = values[counter_random(st) % n];
    return v ? SV_TEXT(v) : SV_NULL;
}

/* The values each written column takes (NULL stands for SQL NULL); few, so that rows meet in
 * the same groups and days. Every salary_min is at most every salary_max (a CHECK). */
static const char *const job_statuses_[] = {"not_applied", "interested", "applied", "rejected",
                                            "archived"};
static const char *const sources_[] = {"linkedin", "indeed", "manual", NULL};
static const char *const job_types_[] = {"full-time", "contract", NULL};
static const char *const remotes_[] = {"remote", "onsite", NULL};
static const char *const currencies_[] = {"EUR", "USD", NULL};
static const char *const salary_mins_[] = {"1000", "3000", "5000", NULL};
static const char *const salary_maxes_[] = {"5000", "6000", "9000", NULL};
static const char *const app_statuses_[] = {"interested", "applied",  "phone_screen",
                                            "interview",  "offer",    "accepted",
                                            "declined",   "rejected", "ghosted"};
static const char *const days_[] = {"2026-11-20", "2026-11-23", "2026-11-27", "2026-11-28", NULL};
/* around a UTC midnight, and an hour that is another day in most time zones */
static const char *const stamps_[] = {"2026-11-20T10:00:00Z", "2026-11-27T23:59:59Z",
                                      "2026-11-28T00:00:00Z", "2026-11-28T23:30:00Z", NULL};

/* A written column and the values it takes (n of them; NULL ones last, dropped when notnull). */
struct counted_column {
    const char *name;
    const char *const *values;
    size_t n;
    bool notnull;
};

#define COLUMN(name, values, notnull)                                                              \
    {                                                                                              \
        name, values, sizeof values / sizeof *values, notnull                                      \
    }
static const struct counted_column job_columns[] = {
    COLUMN("status", job_statuses_, true),      COLUMN("source", sources_, false),
    COLUMN("job_type", job_types_, false),      COLUMN("remote_option", remotes_, false),
    COLUMN("currency", currencies_, false),     COLUMN("salary_min", salary_mins_, false),
    COLUMN("salary_max", salary_maxes_, false), COLUMN("date_applied", days_, false),
    COLUMN("created_at", stamps_, true),
};
static const struct counted_column app_columns[] = {
    COLUMN("status", app_statuses_, true),  COLUMN("applied_date", days_, false),
    COLUMN("response_date", days_, false),  COLUMN("interview_date", stamps_, false),
    COLUMN("offer_date", days_, false),     COLUMN("created_at", stamps_, true),
    COLUMN("follow_up_date", days_, false),
};
#undef COLUMN

static struct store_value column_value(uint64_t *st, const struct counted_column *c)
{
    return counter_value(st, c->values, c->notnull ? c->n - 1 : c->n);
}

/* Sets a random column of cols (ncols of them) to a random value in the rows of table that
 * where (with the two parameters a and b) selects. */
static void update_column(uint64_t *st, const char *table, const struct counted_column *cols,
                          size_t ncols, const char *where, struct store_value a,
                          struct store_value b)
{
    const struct counted_column *c = &cols[counter_random(st) % ncols];
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE %s SET %s = ? WHERE %s", table, c->name, where);
    struct store_value p[] = {column_value(st, c), a, b};
    run(sql, p, 3, NULL);
}

/* Inserts n users named <prefix>0, <prefix>1, ... into users[]. */
static void insert_users(const char *prefix, int64_t *users, int n)
{
    char name[32], email[48];
    for (int u = 0; u < n; u++) {
        snprintf(name, sizeof name, "%s%d", prefix, u);
        snprintf(email, sizeof email, "%s%d@example.com", prefix, u);
        users[u] = insert_row(
            "users", SET({"username", T(name)}, {"email", T(email)}, {"oauth_provider", NUL}));
    }
}

/* Random inserts, updates (each counted or aggregated column, the owner, an application's
 * job), deletes (rows, several rows in one statement, and a user with everything it owns) and
 * transactions rolled back; the counters and the analytics aggregates must equal a recount
 * after each round, on both engines. */
static void test_counters_match_recount(void **state)
{
    (void)state;
    uint64_t st = 20261128;
    int64_t users[4];
    insert_users("counter", users, 4);
    assert_counters_match("at the start");
    int fingerprint = 0;
    const size_t njob = sizeof job_columns / sizeof *job_columns;
    const size_t napp = sizeof app_columns / sizeof *app_columns;
    for (int round = 0; round < 16; round++) {
        bool rollback = round % 5 == 4;
        if (rollback)
            begin();
        for (int op = 0; op < 40; op++) {
            int64_t user = users[counter_random(&st) % (round < 13 ? 4 : 3)];
            struct store_value u = SV_INT(user);
            char fp[32];
            snprintf(fp, sizeof fp, "counter-fp-%d", fingerprint++);
            switch (counter_random(&st) % 13) {
            case 0:
            case 1: /* a job */
                insert_row("jobs", SET({"user_id", u}, {"job_fingerprint", T(fp)},
                                       {"status", column_value(&st, &job_columns[0])},
                                       {"source", column_value(&st, &job_columns[1])},
                                       {"job_type", column_value(&st, &job_columns[2])},
                                       {"remote_option", column_value(&st, &job_columns[3])},
                                       {"currency", column_value(&st, &job_columns[4])},
                                       {"salary_min", column_value(&st, &job_columns[5])},
                                       {"salary_max", column_value(&st, &job_columns[6])},
                                       {"date_applied", column_value(&st, &job_columns[7])},
                                       {"created_at", column_value(&st, &job_columns[8])}));
                break;
            case 2: /* one column of a job changes */
                update_column(&st, "jobs", job_columns, njob,
                              "id = (SELECT MIN(id) FROM jobs WHERE user_id = ? AND id % 3 = ?)", u,
                              SV_INT((int64_t)(counter_random(&st) % 3)));
                break;
            case 3: { /* a job without applications moves to another user */
                struct store_value p[] = {SV_INT(users[counter_random(&st) % 3]), u};
                run("UPDATE jobs SET user_id = ? WHERE id = (SELECT MAX(id) FROM jobs j WHERE "
                    "user_id = ? AND NOT EXISTS (SELECT 1 FROM applications a "
                    "WHERE a.job_id = j.id))",
                    p, 2, NULL);
                break;
            }
            case 4: { /* an application on one of the user's jobs */
                struct store_value p[] = {u, u};
                int64_t job = query_int("SELECT MAX(id) FROM jobs j WHERE user_id = ? AND NOT "
                                        "EXISTS (SELECT 1 FROM applications a WHERE "
                                        "a.job_id = j.id AND a.user_id = ?)",
                                        p, 2);
                if (job)
                    insert_row("applications",
                               SET({"user_id", u}, {"job_id", SV_INT(job)},
                                   {"status", column_value(&st, &app_columns[0])},
                                   {"applied_date", column_value(&st, &app_columns[1])},
                                   {"response_date", column_value(&st, &app_columns[2])},
                                   {"interview_date", column_value(&st, &app_columns[3])},
                                   {"offer_date", column_value(&st, &app_columns[4])},
                                   {"created_at", column_value(&st, &app_columns[5])}));
                break;
            }
            case 5: /* one column of an application changes */
                update_column(&st, "applications", app_columns, napp,
                              "id = (SELECT MIN(id) FROM applications WHERE user_id = ? "
                              "AND id % 2 = ?)",
                              u, SV_INT((int64_t)(counter_random(&st) % 2)));
                break;
            case 6: { /* a job goes, with its applications */
                struct store_value p[] = {u};
                run("DELETE FROM jobs WHERE id = (SELECT MIN(id) FROM jobs WHERE user_id = ?)", p,
                    1, NULL);
                break;
            }
            case 7: { /* an application goes */
                struct store_value p[] = {u};
                run("DELETE FROM applications WHERE id = (SELECT MAX(id) FROM applications "
                    "WHERE user_id = ?)",
                    p, 1, NULL);
                break;
            }
            case 8: { /* an application moves to another of the user's jobs */
                struct store_value p[] = {u, u};
                run("UPDATE applications SET job_id = (SELECT MAX(id) FROM jobs WHERE "
                    "user_id = ?) WHERE id = (SELECT MIN(id) FROM applications WHERE user_id = ?)",
                    p, 2, NULL);
                break;
            }
            case 9: /* several rows in one statement (PostgreSQL fires row triggers after it) */
                if (counter_random(&st) % 2)
                    update_column(&st, "jobs", job_columns, njob, "user_id = ? AND id % 4 = ?", u,
                                  SV_INT((int64_t)(counter_random(&st) % 4)));
                else
                    update_column(&st, "applications", app_columns, napp,
                                  "user_id = ? AND id % 3 = ?", u,
                                  SV_INT((int64_t)(counter_random(&st) % 3)));
                break;
            case 11: { /* several jobs come in one statement (PostgreSQL counts them at once) */
                char suffix[32];
                snprintf(suffix, sizeof suffix, "-copy-%d", fingerprint++);
                struct store_value p[] = {T(suffix), u, SV_INT((int64_t)(counter_random(&st) % 3))};
                run("INSERT INTO jobs (user_id, job_fingerprint, company, title, status, source, "
                    "job_type, remote_option, currency, salary_min, salary_max, date_applied, "
                    "created_at) SELECT user_id, job_fingerprint || ?, company, title, status, "
                    "source, job_type, remote_option, currency, salary_min, salary_max, "
                    "date_applied, created_at FROM jobs "
                    "WHERE user_id = ? AND id % 3 = ? ORDER BY id LIMIT 6",
                    p, 3, NULL);
                break;
            }
            case 12: { /* several applications come in one statement */
                struct store_value p[] = {u};
                run("INSERT INTO applications (user_id, job_id, status, applied_date, "
                    "response_date, interview_date, offer_date, created_at) "
                    "SELECT j.user_id, j.id, a.status, a.applied_date, a.response_date, "
                    "a.interview_date, a.offer_date, a.created_at FROM jobs j JOIN applications a "
                    "ON a.id = (SELECT MAX(id) FROM applications WHERE user_id = j.user_id) "
                    "WHERE j.user_id = ? AND NOT EXISTS (SELECT 1 FROM applications x "
                    "WHERE x.job_id = j.id AND x.user_id = j.user_id) ORDER BY j.id LIMIT 6",
                    p, 1, NULL);
                break;
            }
            default: { /* several jobs go in one statement */
                struct store_value p[] = {u, SV_INT((int64_t)(counter_random(&st) % 9))};
                run("DELETE FROM jobs WHERE user_id = ? AND id % 9 = ?", p, 2, NULL);
            }
            }
        }
        if (rollback)
            store_rollback(conn);
        if (round == 13) { /* the last user goes, with everything it owns */
            struct store_value p[] = {SV_INT(users[3])};
            run("DELETE FROM users WHERE id = ?", p, 1, NULL);
        }
        char when[48];
        snprintf(when, sizeof when, "after round %d", round);
        assert_counters_match(when);
    }
    /* A user made and deleted in one transaction, with jobs sharing a source, a currency and a
     * day (the rows the user's deletion updates were inserted by the same transaction). */
    begin();
    int64_t brief = insert_row("users", SET({"username", T("counter-brief")},
                                            {"email", T("counter-brief@example.com")},
                                            {"oauth_provider", NUL}));
    for (int j = 0; j < 3; j++) {
        char fp[32];
        snprintf(fp, sizeof fp, "counter-brief-%d", j);
        int64_t job = insert_row("jobs", SET({"user_id", SV_INT(brief)}, {"job_fingerprint", T(fp)},
                                             {"source", T("indeed")}, {"currency", T("EUR")},
                                             {"salary_min", T(salary_mins_[j])},
                                             {"created_at", T(stamps_[0])}));
        insert_row("applications",
                   SET({"user_id", SV_INT(brief)}, {"job_id", SV_INT(job)}, {"status", T("offer")},
                       {"applied_date", T(days_[0])}, {"response_date", T(days_[1])},
                       {"created_at", T(stamps_[0])}));
    }
    struct store_value b[] = {SV_INT(brief)};
    run("DELETE FROM users WHERE id = ?", b, 1, NULL);
    struct err e = {0};
    if (store_commit(conn, &e) != 0)
        fail_msg("COMMIT failed: %s", e.message);
    assert_counters_match("after a user made and deleted in one transaction");
    static const char *const kept[] = {
        "job_counts",       "job_value_counts", "application_counts", "application_stages",
        "application_days", "activity_days",    "salary_counts",      "application_date_counts"};
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", kept[i]);
        if (query_int(sql, NULL, 0) < 3)
            fail_msg("%s has fewer than 3 rows after the rounds: the test writes too little",
                     kept[i]);
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE user_id = ?", kept[i]);
        struct store_value gone[] = {SV_INT(users[3])};
        assert_int_equal(query_int(sql, gone, 1), 0);
    }
}

/* ================================================================ data versions (0033, 0048) */

static int64_t data_version(int64_t user)
{
    struct store_value p[] = {SV_INT(user)};
    return query_int("SELECT version FROM user_data_versions WHERE user_id = ?", p, 1);
}

/* Runs sql (its parameters p[0..n)) and checks that it moved the data version of user, or left
 * it alone (bump false), and never moved other's. */
static void expect_version(bool bump, int64_t user, int64_t other, const char *sql,
                           const struct store_value *p, int n)
{
    int64_t before = data_version(user), other_before = data_version(other);
    run(sql, p, n, NULL);
    int64_t after = data_version(user);
    if (bump && after <= before)
        fail_msg("the data version of %lld stayed at %lld after: %s", (long long)user,
                 (long long)before, sql);
    if (!bump && after != before)
        fail_msg("the data version of %lld moved (%lld -> %lld) after: %s", (long long)user,
                 (long long)before, (long long)after, sql);
    if (data_version(other) != other_before)
        fail_msg("another user's data version moved after: %s", sql);
}
#define BUMPS(user, other, sql, ...)                                                               \
    expect_version(                                                                                \
        true, user, other, sql, (const struct store_value[]){__VA_ARGS__},                         \
        (int)(sizeof((const struct store_value[]){__VA_ARGS__}) / sizeof(struct store_value)))
#define KEEPS(user, other, sql, ...)                                                               \
    expect_version(                                                                                \
        false, user, other, sql, (const struct store_value[]){__VA_ARGS__},                        \
        (int)(sizeof((const struct store_value[]){__VA_ARGS__}) / sizeof(struct store_value)))

/* Every kind of write to a row that feeds a user's recommendation scores or skill gaps moves
 * that user's data version in the same transaction (src/model/score_cache.h relies on it),
 * whether the write is the API's, raw SQL or a cascade; a rolled-back one does not; nor does a
 * column no score reads. */
static void test_data_versions_bump(void **state)
{
    (void)state;
    int64_t users[2];
    for (int u = 0; u < 2; u++) {
        char name[32], email[48];
        snprintf(name, sizeof name, "versioned%d", u);
        snprintf(email, sizeof email, "versioned%d@example.com", u);
        users[u] = insert_row(
            "users", SET({"username", T(name)}, {"email", T(email)}, {"oauth_provider", NUL}));
        assert_true(data_version(users[u]) != 0); /* a new user has a row */
    }
    int64_t u = users[0], o = users[1];
    int64_t o_first = data_version(o);
    struct store_value U = SV_INT(u), O = SV_INT(o);
    /* the profile columns of users; not the others */
    BUMPS(u, o, "UPDATE users SET skills = '[\"go\"]' WHERE id = ?", U);
    BUMPS(u, o, "UPDATE users SET preferred_locations = '[\"Paris\"]' WHERE id = ?", U);
    BUMPS(u, o, "UPDATE users SET experience_level = 'senior' WHERE id = ?", U);
    BUMPS(u, o, "UPDATE users SET prefer_remote_jobs = ? WHERE id = ?", SV_BOOL(false), U);
    KEEPS(u, o, "UPDATE users SET daily_application_goal = 3 WHERE id = ?", U);
    /* jobs: insert, each scored column, the owner, delete */
    int64_t before = data_version(u);
    int64_t job = insert_row("jobs", SET({"user_id", U}, {"job_fingerprint", T("dv-1")}));
    assert_true(data_version(u) > before);
    struct store_value J = SV_INT(job);
    static const char *const scored[] = {
        "company = 'Initech'",   "title = 'Senior Engineer'",
        "location = 'Paris'",    "remote_option = 'remote'",
        "job_type = 'contract'", "source = 'linkedin'",
        "salary_min = 1",        "salary_max = 2",
        "currency = 'USD'",      "tech_stack = '[\"rust\"]'",
        "requirements = 'Go'",   "description = 'Go'",
        "status = 'applied'",    "created_at = '2026-01-02T03:04:05Z'"};
    for (size_t i = 0; i < sizeof scored / sizeof *scored; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "UPDATE jobs SET %s WHERE id = ?", scored[i]);
        BUMPS(u, o, sql, J);
    }
    KEEPS(u, o, "UPDATE jobs SET notes = 'call Tom' WHERE id = ?", J);
    /* applications, the résumé chosen for a job, résumés, preferences, feedback */
    before = data_version(u);
    int64_t app = insert_row("applications", SET({"user_id", U}, {"job_id", J}));
    assert_true(data_version(u) > before);
    int64_t job2 = insert_row("jobs", SET({"user_id", U}, {"job_fingerprint", T("dv-2")}));
    BUMPS(u, o, "UPDATE applications SET job_id = ? WHERE id = ?", SV_INT(job2), SV_INT(app));
    KEEPS(u, o, "UPDATE applications SET notes = 'x' WHERE id = ?", SV_INT(app));
    BUMPS(u, o, "DELETE FROM applications WHERE id = ?", SV_INT(app));
    before = data_version(u);
    int64_t resume = insert_row("resume_uploads", SET({"user_id", U}));
    assert_true(data_version(u) > before);
    BUMPS(u, o, "UPDATE resume_uploads SET extracted_skills = '[\"kotlin\"]' WHERE id = ?",
          SV_INT(resume));
    BUMPS(u, o, "UPDATE resume_uploads SET is_primary = ? WHERE id = ?", SV_BOOL(false),
          SV_INT(resume));
    before = data_version(u);
    insert_row("job_resumes", SET({"user_id", U}, {"job_id", J}, {"resume_id", SV_INT(resume)}));
    assert_true(data_version(u) > before);
    BUMPS(u, o, "DELETE FROM job_resumes WHERE job_id = ?", J);
    before = data_version(u);
    insert_row("job_resumes", SET({"user_id", U}, {"job_id", J}, {"resume_id", SV_INT(resume)}));
    assert_true(data_version(u) > before);
    BUMPS(u, o, "DELETE FROM resume_uploads WHERE id = ?", SV_INT(resume)); /* cascades too */
    before = data_version(u);
    insert_row("user_job_preferences", SET({"user_id", U}));
    assert_true(data_version(u) > before);
    BUMPS(u, o, "UPDATE user_job_preferences SET keywords = '[\"go\"]' WHERE user_id = ?", U);
    BUMPS(u, o, "DELETE FROM user_job_preferences WHERE user_id = ?", U);
    before = data_version(u);
    insert_row("job_recommendation_feedback", SET({"user_id", U}, {"job_id", J}));
    assert_true(data_version(u) > before);
    BUMPS(u, o, "UPDATE job_recommendation_feedback SET is_helpful = ? WHERE job_id = ?",
          SV_BOOL(false), J);
    BUMPS(u, o, "DELETE FROM job_recommendation_feedback WHERE job_id = ?", J);
    insert_row("job_recommendation_feedback", SET({"user_id", U}, {"job_id", J}));
    insert_row("applications", SET({"user_id", U}, {"job_id", J}));
    BUMPS(u, o, "DELETE FROM jobs WHERE id = ?", J); /* with its feedback and application */
    /* a job changes owner: both move */
    int64_t ob = data_version(o);
    BUMPS(u, 0, "UPDATE jobs SET user_id = ? WHERE id = ?", O, SV_INT(job2));
    assert_true(data_version(o) > ob);
    /* a rolled-back write moves nothing */
    before = data_version(u);
    begin();
    run("UPDATE users SET skills = '[\"c\"]' WHERE id = ?", &U, 1, NULL);
    store_rollback(conn);
    assert_int_equal(data_version(u), before);
    /* several writes in one transaction: the version has moved after the first, and the
     * commit leaves it moved (PostgreSQL moves it once per user and transaction, 0033); a
     * savepoint rolled back takes its bump back and the next write moves the version again
     * (the marker that skips the later bumps goes with the savepoint); another user written
     * in between moves too */
    before = data_version(u);
    begin();
    run("UPDATE users SET skills = '[\"c\"]' WHERE id = ?", &U, 1, NULL);
    int64_t first = data_version(u);
    assert_true(first > before);
    int64_t o_mid = data_version(o);
    run("UPDATE users SET skills = '[\"c\"]' WHERE id = ?", &O, 1, NULL);
    assert_true(data_version(o) > o_mid);
    run("UPDATE users SET skills = '[\"d\"]' WHERE id = ?", &U, 1, NULL);
    assert_true(data_version(u) >= first);
    commit();
    assert_true(data_version(u) > before);
    before = data_version(u);
    begin();
    run("SAVEPOINT dv", NULL, 0, NULL);
    run("UPDATE users SET skills = '[\"e\"]' WHERE id = ?", &U, 1, NULL);
    assert_true(data_version(u) > before);
    run("ROLLBACK TO SAVEPOINT dv", NULL, 0, NULL);
    assert_int_equal(data_version(u), before);
    struct store_value J2 = SV_INT(job2);
    run("UPDATE jobs SET title = 'after the savepoint' WHERE id = ?", &J2, 1, NULL);
    assert_int_equal(data_version(u), before); /* job2 is o's now */
    run("UPDATE users SET skills = '[\"f\"]' WHERE id = ?", &U, 1, NULL);
    assert_true(data_version(u) > before);
    commit();
    assert_true(data_version(u) > before);
    /* a user deleted and given its id again in one transaction, after a bump, has its row */
    int64_t w =
        insert_row("users", SET({"username", T("versioned-w")},
                                {"email", T("versioned-w@example.com")}, {"oauth_provider", NUL}));
    struct store_value W = SV_INT(w);
    begin();
    run("UPDATE users SET skills = '[\"g\"]' WHERE id = ?", &W, 1, NULL);
    run("DELETE FROM users WHERE id = ?", &W, 1, NULL);
    insert_row("users", SET({"id", W}, {"username", T("versioned-w2")},
                            {"email", T("versioned-w2@example.com")}, {"oauth_provider", NUL}));
    commit();
    assert_true(data_version(w) != 0);
    /* a user goes with everything, its version row too (the bumps of the cascades skip it);
     * the same id given again starts elsewhere (a random start), so a version number the
     * former user had is not met again */
    int64_t last = data_version(o);
    run("DELETE FROM users WHERE id = ?", &O, 1, NULL);
    assert_int_equal(query_int("SELECT COUNT(*) FROM user_data_versions WHERE user_id = ?", &O, 1),
                     0);
    insert_row("users", SET({"id", O}, {"username", T("versioned-again")},
                            {"email", T("versioned-again@example.com")}, {"oauth_provider", NUL}));
    assert_true(data_version(o) != 0);
    assert_true(data_version(o) < o_first || data_version(o) > last);
    /* every user has a row: the ones of the fixture too */
    assert_int_equal(query_int("SELECT COUNT(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM "
                               "user_data_versions v WHERE v.user_id = u.id)",
                               NULL, 0),
                     0);
}

/* The counters' own rules, broken with raw SQL: no negative count, no unknown user. */
static void test_counters_constraints(void **state)
{
    (void)state;
    struct err e = {0};
    struct store_value neg[] = {SV_INT(1001)};
    int rc = store_exec(conn,
                        "INSERT INTO application_counts (user_id, status, n) VALUES "
                        "(?, 'ghosted', -1)",
                        neg, 1, NULL, &e);
    assert_int_equal(rc, ERR_CHECK);
    struct store_value missing[] = {SV_INT(999999)};
    rc = store_exec(conn,
                    "INSERT INTO job_counts (user_id, status, source, job_type, remote_option, n) "
                    "VALUES (?, 'applied', '', '', '', 1)",
                    missing, 1, NULL, &e);
    assert_int_equal(rc, ERR_FOREIGN_KEY);
    rc = store_exec(conn,
                    "INSERT INTO job_counts (user_id, status, source, job_type, remote_option, n) "
                    "VALUES (?, 'applied', '', '', '', -2)",
                    neg, 1, NULL, &e);
    assert_int_equal(rc, ERR_CHECK);
    /* the days' counters (migration 0049): no empty day, no more open than all, no other
     * column, no unknown user */
    static const char *const bad[] = {
        "INSERT INTO application_date_counts (user_id, kind, day, n, n_open) "
        "VALUES (?, 'applied_date', '1999-01-01', 0, 0)",
        "INSERT INTO application_date_counts (user_id, kind, day, n, n_open) "
        "VALUES (?, 'follow_up_date', '1999-01-01', 1, 2)",
        "INSERT INTO application_date_counts (user_id, kind, day, n, n_open) "
        "VALUES (?, 'follow_up_date', '1999-01-01', 1, -1)",
        "INSERT INTO application_date_counts (user_id, kind, day, n, n_open) "
        "VALUES (?, 'offer_date', '1999-01-01', 1, 1)",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(store_exec(conn, bad[i], neg, 1, NULL, &e), ERR_CHECK);
    rc = store_exec(conn,
                    "INSERT INTO application_date_counts (user_id, kind, day, n, n_open) "
                    "VALUES (?, 'applied_date', '1999-01-01', 1, 1)",
                    missing, 1, NULL, &e);
    assert_int_equal(rc, ERR_FOREIGN_KEY);
}

/* A random text of the searched words (NULL sometimes: a column may be empty). */
static const char *fulltext_words(uint64_t *st, char *out, size_t n)
{
    static const char *const words[] = {"kubernetes", "kube",  "payments",  "go",
                                        "golang",     "rust",  "hooli",     "zeta",
                                        "go-getter",  "gopay", "kubelet's", "payment"};
    uint64_t pick = counter_random(st);
    if (pick % 5 == 0)
        return NULL;
    snprintf(out, n, "%s %s", words[pick % 12], words[(pick / 12) % 12]);
    return out;
}

/* Random writes to the searched columns and around them (several rows in one statement, the
 * owner changed, rows deleted one or several at a time, a user with its jobs, a transaction
 * rolled back): after each round the full-text index equals the jobs' own text
 * (assert_fts_consistent: on PostgreSQL jobs_search against jobs, migration 0053), and every
 * search finds the same jobs from the rows, from the index, and as many as its count. */
static void test_fulltext_random_writes(void **state)
{
    (void)state;
    uint64_t st = 20261128;
    int64_t users[3];
    insert_users("ftsrand", users, 3);
    static const char *const columns[] = {"title", "company", "description", "requirements"};
    /* prefixes of one to many words (jobs_search_query writes those of 1 to 3 as the words) */
    static const char *const queries[] = {
        "kube", "kubernetes", "go",      "payments go", "hooli rust", "zeta", "k",        "ku",
        "g",    "gol",        "p",       "pay go",      "kube go",    "ze",   "r",        "go g",
        "gop",  "getter",     "payment", "kubelet",     "kubelet s",  "h z",  "go-getter"};
    int fingerprint = 0;
    for (int round = 0; round < 12; round++) {
        bool rollback = round % 4 == 3;
        if (rollback)
            begin();
        for (int op = 0; op < 30; op++) {
            int64_t user = users[counter_random(&st) % (round < 10 ? 3 : 2)];
            struct store_value u = SV_INT(user);
            char fp[32], w[4][40];
            const char *v[4];
            for (int i = 0; i < 4; i++)
                v[i] = fulltext_words(&st, w[i], sizeof w[i]);
            snprintf(fp, sizeof fp, "fts-fp-%d", fingerprint++);
            switch (counter_random(&st) % 8) {
            case 0:
            case 1: /* a job */
                insert_row("jobs", SET({"user_id", u}, {"job_fingerprint", T(fp)},
                                       {"title", SV_TEXT(v[0] ? v[0] : "untitled")},
                                       {"company", SV_TEXT(v[1] ? v[1] : "nobody")},
                                       {"description", v[2] ? SV_TEXT(v[2]) : SV_NULL},
                                       {"requirements", v[3] ? SV_TEXT(v[3]) : SV_NULL}));
                break;
            case 2: { /* one searched column of a job changes */
                char sql[160];
                const char *col = columns[counter_random(&st) % 4];
                snprintf(sql, sizeof sql,
                         "UPDATE jobs SET %s = ? WHERE id = (SELECT MIN(id) FROM jobs WHERE "
                         "user_id = ? AND id %% 3 = ?)",
                         col);
                bool not_null = strcmp(col, "title") == 0 || strcmp(col, "company") == 0;
                struct store_value p[] = {v[0]       ? SV_TEXT(v[0])
                                          : not_null ? SV_TEXT("blank")
                                                     : SV_NULL,
                                          u, SV_INT((int64_t)(counter_random(&st) % 3))};
                run(sql, p, 3, NULL);
                break;
            }
            case 3: { /* a column not searched changes (nothing to do for the index) */
                struct store_value p[] = {u};
                run("UPDATE jobs SET status = 'applied' WHERE user_id = ? AND id % 2 = 0", p, 1,
                    NULL);
                break;
            }
            case 4: { /* a job moves to another user */
                struct store_value p[] = {
                    SV_INT(users[counter_random(&st) % (round <= 10 ? 3 : 2)]), u};
                run("UPDATE jobs SET user_id = ? WHERE id = (SELECT MAX(id) FROM jobs "
                    "WHERE user_id = ?)",
                    p, 2, NULL);
                break;
            }
            case 5: { /* several jobs come in one statement */
                char suffix[32];
                snprintf(suffix, sizeof suffix, "-copy-%d", fingerprint++);
                struct store_value p[] = {SV_TEXT(suffix), u};
                run("INSERT INTO jobs (user_id, job_fingerprint, company, title, description, "
                    "requirements) SELECT user_id, job_fingerprint || ?, company, title, "
                    "description, requirements FROM jobs WHERE user_id = ? ORDER BY id LIMIT 5",
                    p, 2, NULL);
                break;
            }
            case 6: { /* several searched columns of several jobs in one statement */
                struct store_value p[] = {v[1] ? SV_TEXT(v[1]) : SV_NULL, u};
                run("UPDATE jobs SET description = ?, title = title || ' x' WHERE user_id = ? "
                    "AND id % 4 = 1",
                    p, 2, NULL);
                break;
            }
            default: { /* a job goes, or several */
                struct store_value p[] = {u};
                run(counter_random(&st) % 2
                        ? "DELETE FROM jobs WHERE id = (SELECT MIN(id) FROM jobs WHERE user_id = ?)"
                        : "DELETE FROM jobs WHERE user_id = ? AND id % 5 = 0",
                    p, 1, NULL);
            }
            }
        }
        if (rollback)
            store_rollback(conn);
        if (round == 10) { /* the third user goes with everything it owns */
            struct store_value p[] = {SV_INT(users[2])};
            run("DELETE FROM users WHERE id = ?", p, 1, NULL);
        }
        assert_fts_consistent();
        for (int k = 0; k < 3; k++)
            for (size_t q = 0; q < sizeof queries / sizeof *queries; q++)
                free(search(k < 2 ? users[k] : 0, queries[q]));
    }
    assert_true(query_int("SELECT COUNT(*) FROM jobs", NULL, 0) > 20);
}

/* PostgreSQL's jobs_search (migration 0053) is the jobs' own: a row for a job that does not
 * exist, for another owner than the job's, a second row for a job, or a padding of its own are
 * refused; a job's row goes with the job. SQLite: jobs_fts, checked by FTS5 itself. */
static void test_fulltext_index_constraints(void **state)
{
    (void)state;
    if (engine == STORE_SQLITE) {
        skip();
        return;
    }
    int64_t u = insert_row("users", SET({"username", T("ftsowner")},
                                        {"email", T("ftso@example.com")}, {"oauth_provider", NUL}));
    int64_t o = insert_row("users", SET({"username", T("ftsother")},
                                        {"email", T("ftsx@example.com")}, {"oauth_provider", NUL}));
    int64_t j = insert_row("jobs", SET({"user_id", SV_INT(u)}, {"description", T("kubernetes")},
                                       {"job_fingerprint", T("fts-own")}));
    struct err e = {0};
    struct store_value other[] = {SV_INT(j), SV_INT(o), SV_INT(j)},
                       same[] = {SV_INT(j), SV_INT(u), SV_INT(j)},
                       none[] = {SV_INT(j + 1000), SV_INT(u), SV_INT(j)};
    const char *ins = "INSERT INTO jobs_search (job_id, user_id, search_vector, created_at) "
                      "SELECT ?, ?, to_tsvector('simple', 'forged'), created_at FROM jobs "
                      "WHERE id = ?";
    assert_int_equal(store_exec(conn, ins, same, 3, NULL, &e), ERR_CONFLICT);
    assert_int_equal(store_exec(conn, ins, none, 3, NULL, &e), ERR_FOREIGN_KEY);
    /* the job's row taken out by hand: put back under another owner, refused */
    run("DELETE FROM jobs_search WHERE job_id = ?", same, 1, NULL);
    assert_int_equal(store_exec(conn, ins, other, 3, NULL, &e), ERR_FOREIGN_KEY);
    /* nor with another creation time than the job's (migration 0055) */
    assert_int_equal(store_exec(conn,
                                "INSERT INTO jobs_search (job_id, user_id, search_vector, "
                                "created_at) SELECT id, user_id, search_vector, created_at + "
                                "interval '1 second' FROM jobs WHERE id = ?",
                                same, 1, NULL, &e),
                     ERR_FOREIGN_KEY);
    run("INSERT INTO jobs_search (job_id, user_id, search_vector, created_at) SELECT id, "
        "user_id, search_vector, created_at FROM jobs WHERE id = ?",
        same, 1, NULL);
    assert_int_equal(store_exec(conn,
                                "UPDATE jobs_search SET created_at = created_at - interval '1 day' "
                                "WHERE job_id = ?",
                                same, 1, NULL, &e),
                     ERR_FOREIGN_KEY);
    assert_int_equal(store_exec(conn, "UPDATE jobs_search SET user_id = ? WHERE job_id = ?",
                                (struct store_value[]){SV_INT(o), SV_INT(j)}, 2, NULL, &e),
                     ERR_FOREIGN_KEY);
    assert_int_not_equal(store_exec(conn, "UPDATE jobs_search SET pad = 'x' WHERE job_id = ?",
                                    (struct store_value[]){SV_INT(j)}, 1, NULL, &e),
                         0);
    /* the owner follows the job, and the row goes with it */
    run("UPDATE jobs SET user_id = ? WHERE id = ?", (struct store_value[]){SV_INT(o), SV_INT(j)}, 2,
        NULL);
    assert_int_equal(query_int("SELECT user_id FROM jobs_search WHERE job_id = ?",
                               (struct store_value[]){SV_INT(j)}, 1),
                     o);
    assert_fts_consistent();
    /* and so does its creation time */
    run("UPDATE jobs SET created_at = created_at - interval '3 days' WHERE id = ?",
        (struct store_value[]){SV_INT(j)}, 1, NULL);
    assert_fts_consistent();
    run("DELETE FROM jobs WHERE id = ?", (struct store_value[]){SV_INT(j)}, 1, NULL);
    assert_int_equal(query_int("SELECT COUNT(*) FROM jobs_search WHERE job_id = ?",
                               (struct store_value[]){SV_INT(j)}, 1),
                     0);
    /* a vector over the row's target size, stored out of line, is the job's own too */
    insert_row("jobs", SET({"user_id", SV_INT(u)},
                           {"description", T("alpha bravo charlie delta echo foxtrot golf hotel "
                                             "india juliett kilo lima mike november oscar papa "
                                             "quebec romeo sierra tango uniform victor whiskey")},
                           {"job_fingerprint", T("fts-narrow")}));
    free(search(u, "whiskey"));
    assert_fts_consistent();
}

/* PostgreSQL's jobs_search_lexemes (migration 0062): the words of the vectors, written with them
 * however they are written (a job inserted, its text changed, a jobs_search row by hand), never
 * taken out; jobs_search_query writes a prefix covering 1 to 3 of them as those words and keeps
 * the prefix otherwise, and a search through it finds what the prefix finds in the rows. */
static void test_fulltext_lexemes(void **state)
{
    (void)state;
    if (engine == STORE_SQLITE) {
        skip();
        return;
    }
    int64_t u = insert_row("users", SET({"username", T("lexowner")},
                                        {"email", T("lex@example.com")}, {"oauth_provider", NUL}));
    struct store_value us = SV_INT(u);
    const char *as_text = "SELECT jobs_search_query(?)::text";
    char *got;
#define EXPECT_QUERY(arg, want)                                                                    \
    do {                                                                                           \
        struct store_value a_[] = {SV_TEXT(arg)};                                                  \
        got = query_text(as_text, a_, 1);                                                          \
        if (strcmp(got, want) != 0)                                                                \
            fail_msg("jobs_search_query(%s): %s, expected %s", arg, got, want);                    \
        free(got);                                                                                 \
    } while (0)
    EXPECT_QUERY("zzqqx:*", "'zzqqx':*"); /* no word: the prefix */
    int64_t j1 = insert_row("jobs", SET({"user_id", us}, {"description", T("Zzqqxa kubernetes")},
                                        {"job_fingerprint", T("lex-1")}));
    EXPECT_QUERY("zzqqx:*", "'zzqqxa'");
    EXPECT_QUERY("zzqqx:* & kubernetes:*", "'zzqqxa' & 'kubernetes'");
    expect_search(u, "zzqqx", ids(j1, 0));
    int64_t j2 = insert_row("jobs", SET({"user_id", us}, {"description", T("zzqqxb zzqqxc")},
                                        {"job_fingerprint", T("lex-2")}));
    EXPECT_QUERY("zzqqx:*", "'zzqqxa' | 'zzqqxb' | 'zzqqxc'");
    expect_search(u, "zzqqx", ids(j1, j2));
    expect_search(u, "zzqqxb", ids(j2, 0));
    /* a fourth word: the prefix again */
    run("UPDATE jobs SET title = 'zzqqxd' WHERE id = ?", (struct store_value[]){SV_INT(j1)}, 1,
        NULL);
    EXPECT_QUERY("zzqqx:*", "'zzqqx':*");
    expect_search(u, "zzqqx", ids(j1, j2));
    /* not a letter then letters and digits: to_tsquery's own reading */
    EXPECT_QUERY("café:*", "'café':*");
    EXPECT_QUERY("12e5x:*", "'12e5':* <-> 'x':*");
    /* a word with a quote and a backslash, written into jobs_search by hand, is added and
     * quoted; the row is put back afterwards */
    run("UPDATE jobs_search SET search_vector = array_to_tsvector(ARRAY['zzqqy''s', 'zzqqy\\b']) "
        "WHERE job_id = ?",
        (struct store_value[]){SV_INT(j2)}, 1, NULL);
    EXPECT_QUERY("zzqqy:*", "'zzqqy''s' | 'zzqqy\\\\b'"); /* output doubles a backslash */
    char count_text[256];
    const char *count =
        store_sql_fulltext_count(conn, "jobs", false, count_text, sizeof count_text);
    assert_int_equal(query_int(count, (struct store_value[]){us, SV_TEXT("zzqqy:*")}, 2), 1);
    run("UPDATE jobs_search s SET search_vector = j.search_vector FROM jobs j "
        "WHERE j.id = s.job_id AND s.job_id = ?",
        (struct store_value[]){SV_INT(j2)}, 1, NULL);
    assert_fts_consistent();
    /* a deleted job's words stay: the search finds nothing, through the words or the rows */
    run("DELETE FROM jobs WHERE id = ?", (struct store_value[]){SV_INT(j2)}, 1, NULL);
    EXPECT_QUERY("zzqqxb:*", "'zzqqxb'");
    expect_search(u, "zzqqxb", "");
    expect_search(u, "zzqqx", ids(j1, 0));
    assert_fts_consistent();
    /* planned once for any argument (migration 0063), whatever the session's plan_cache_mode */
    got = query_text("SELECT array_to_string(proconfig, ',') FROM pg_proc "
                     "WHERE proname = 'jobs_search_query'",
                     NULL, 0);
    assert_string_equal(got, "plan_cache_mode=force_generic_plan");
    free(got);
#undef EXPECT_QUERY
}

/* ================================================================ migrations */

/* Appends every row of sql to t, cells separated by '|'. */
static void dump(struct text *t, const char *sql)
{
    struct store_result *r = NULL;
    run(sql, NULL, 0, &r);
    for (size_t i = 0; i < store_rows(r); i++) {
        for (int c = 0; c < store_cols(r); c++) {
            const char *v = store_text(r, i, c);
            text_add(t, "%s%s", c ? "|" : "", v ? v : "NULL");
        }
        text_add(t, "\n");
    }
    store_result_free(r);
}

/* The whole catalogue of the database as text (malloc'd). */
static char *catalogue(void)
{
    struct text t = {0};
    text_add(&t, "%s", "");
    conn = store_acquire(store);
    if (engine == STORE_SQLITE) {
        dump(&t, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
    } else {
        dump(&t, "SELECT table_name, column_name, ordinal_position, data_type, udt_name, "
                 "is_nullable, column_default, is_generated, generation_expression, is_identity "
                 "FROM information_schema.columns WHERE table_schema = 'public' "
                 "ORDER BY table_name, ordinal_position");
        dump(&t, "SELECT tablename, indexname, indexdef FROM pg_indexes "
                 "WHERE schemaname = 'public' ORDER BY tablename, indexname");
        dump(&t, "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) "
                 "FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
                 "ORDER BY 1, 2");
        dump(&t, "SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) "
                 "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid "
                 "WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname ORDER BY 1");
        dump(&t, "SELECT event_object_table, trigger_name, action_timing, event_manipulation, "
                 "action_statement FROM information_schema.triggers "
                 "WHERE trigger_schema = 'public' ORDER BY 1, 2, 4");
    }
    store_release(store, conn);
    conn = NULL;
    return t.data;
}

/* What is left after migrating down to zero: names of tables and types (malloc'd). */
static char *leftovers(void)
{
    struct text t = {0};
    text_add(&t, "%s", "");
    conn = store_acquire(store);
    if (engine == STORE_SQLITE) {
        dump(&t, "SELECT type, name FROM sqlite_master ORDER BY type, name");
    } else {
        dump(&t, "SELECT relkind, relname FROM pg_class WHERE relnamespace = "
                 "'public'::regnamespace AND relkind IN ('r', 'v', 'm', 'S', 'f', 'p') "
                 "ORDER BY relname");
        dump(&t, "SELECT 'type', typname FROM pg_type WHERE typnamespace = "
                 "'public'::regnamespace AND typtype IN ('e', 'd', 'r') ORDER BY 2");
    }
    store_release(store, conn);
    conn = NULL;
    return t.data;
}

/* Reports where two catalogue texts first differ. */
static void assert_same_text(const char *what, const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return;
    size_t i = 0;
    while (a[i] && a[i] == b[i])
        i++;
    size_t from = i > 120 ? i - 120 : 0;
    fail_msg("%s differs at byte %zu:\n--- before: ...%.240s\n--- after:  ...%.240s", what, i,
             a + from, b + from);
}

static int migration_count(void)
{
    struct migration_status st[256];
    int count = 0;
    struct err e = {0};
    if (migrate_status(store, st, 256, &count, &e) != 0)
        fail_msg("migrate_status: %s", e.message);
    return count;
}

static void test_migrate_status(void **state)
{
    (void)state;
    struct migration_status st[256];
    int count = 0;
    struct err e = {0};
    assert_int_equal(migrate_status(store, st, 256, &count, &e), 0);
    assert_true(count >= 2);
    /* too little room is an error, never a shortened list */
    int short_count = 0;
    assert_int_equal(migrate_status(store, st, count - 1, &short_count, &e), ERR_INTERNAL);
    assert_int_equal(st[0].version, 1);
    assert_string_equal(st[0].name, "init");
    for (int i = 0; i < count; i++) {
        assert_true(st[i].applied);
        assert_true(is_rfc3339(st[i].applied_at));
        if (i)
            assert_true(st[i].version > st[i - 1].version);
    }
    assert_int_equal(migrate_current_version(store, &e), st[count - 1].version);
}

static void test_migrate_roundtrip(void **state)
{
    (void)state;
    int count = migration_count();
    char *before = catalogue();
    struct err e = {0};
    int reverted = 0, applied = 0;
    if (migrate_down(store, INT_MAX, &reverted, &e) != 0)
        fail_msg("migrate down: %s", e.message);
    assert_int_equal(reverted, count);
    assert_int_equal(migrate_current_version(store, &e), 0);
    char *left = leftovers();
    const char *expected =
        engine == STORE_SQLITE ? "table|schema_migrations\n" : "r|schema_migrations\n";
    assert_same_text("what migrating down to zero leaves", expected, left);
    free(left);
    /* Down again with nothing applied is a no-op. */
    assert_int_equal(migrate_down(store, 1, &reverted, &e), 0);
    assert_int_equal(reverted, 0);
    if (migrate_up(store, &applied, &e) != 0)
        fail_msg("migrate up: %s", e.message);
    assert_int_equal(applied, count);
    char *after = catalogue();
    assert_same_text("catalogue after down and up", before, after);
    /* Up again with everything applied is a no-op. */
    assert_int_equal(migrate_up(store, &applied, &e), 0);
    assert_int_equal(applied, 0);
    free(before);
    free(after);
}

/* Each migration step down and back up, one at a time, also round-trips. */
static void test_migrate_step_by_step(void **state)
{
    (void)state;
    int count = migration_count();
    char *before = catalogue();
    struct err e = {0};
    for (int i = 0; i < count; i++) {
        int n = 0;
        if (migrate_down(store, 1, &n, &e) != 0)
            fail_msg("migrate down 1: %s", e.message);
        assert_int_equal(n, 1);
        assert_int_equal(migrate_current_version(store, &e) < 0, 0);
    }
    assert_int_equal(migrate_current_version(store, &e), 0);
    int applied = 0;
    if (migrate_up(store, &applied, &e) != 0)
        fail_msg("migrate up: %s", e.message);
    assert_int_equal(applied, count);
    char *after = catalogue();
    assert_same_text("catalogue after stepping down and up", before, after);
    free(before);
    free(after);
}

/* Migrates down until the schema version is below version (the migrator takes its own
 * connection: none is held). */
static void migrate_below(int64_t version)
{
    struct err e = {0};
    while (migrate_current_version(store, &e) >= version) {
        int n = 0;
        if (migrate_down(store, 1, &n, &e) != 0)
            fail_msg("migrate down: %s", e.message);
    }
}

/* Migrates up again after migrate_below (at least one migration applied). */
static void migrate_back_up(void)
{
    struct err e = {0};
    int applied = 0;
    if (migrate_up(store, &applied, &e) != 0)
        fail_msg("migrate up: %s", e.message);
    assert_true(applied >= 1);
}

/* Takes conn, empties the tables and adds the user alice (1001). */
static void only_alice(void)
{
    conn = store_acquire(store);
    wipe();
    insert_row("users",
               SET({"id", I(1001)}, {"username", T("alice")}, {"email", T("alice@example.com")}));
}

/* 0028: jobs without a source were added by hand; migrating up gives them source 'manual'
 * (and leaves other sources alone). */
static void test_migrate_jobs_source_backfill(void **state)
{
    (void)state;
    only_alice();
    insert_row("jobs", SET({"id", I(2001)}, {"source", NUL}, {"job_fingerprint", T("fp-a")}));
    insert_row("jobs",
               SET({"id", I(2002)}, {"source", T("indeed")}, {"job_fingerprint", T("fp-b")}));
    store_release(store, conn); /* the migrator takes its own connection */
    migrate_below(28);
    conn = store_acquire(store);
    assert_int_equal(query_int("SELECT COUNT(*) FROM jobs WHERE source IS NULL", NULL, 0), 1);
    store_release(store, conn);
    migrate_back_up();
    conn = store_acquire(store);
    assert_int_equal(
        query_int("SELECT COUNT(*) FROM jobs WHERE id = 2001 AND source = 'manual'", NULL, 0), 1);
    assert_int_equal(
        query_int("SELECT COUNT(*) FROM jobs WHERE id = 2002 AND source = 'indeed'", NULL, 0), 1);
    wipe();
    store_release(store, conn);
    conn = NULL;
}

/* The count sqlite_sql (on SQLite) or pg_sql (on PostgreSQL) reads from the engine's catalogue,
 * on a connection of its own (the migration tests' own questions about the schema). */
static int64_t engine_count(const char *sqlite_sql, const char *pg_sql)
{
    conn = store_acquire(store);
    int64_t n = query_int(engine == STORE_SQLITE ? sqlite_sql : pg_sql, NULL, 0);
    store_release(store, conn);
    conn = NULL;
    return n;
}

/* Migration 0057 drops two indexes of 0001 that no statement reads; down puts them back. */
static int64_t unread_job_indexes(void)
{
    return engine_count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name "
                        "IN ('jobs_status_idx', 'jobs_job_fingerprint_idx')",
                        "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'jobs' AND "
                        "indexname IN ('jobs_status_idx', 'jobs_job_fingerprint_idx')");
}

static void test_migrate_unread_job_indexes(void **state)
{
    (void)state;
    assert_int_equal(unread_job_indexes(), 0);
    migrate_below(57);
    assert_int_equal(unread_job_indexes(), 2);
    migrate_back_up();
    assert_int_equal(unread_job_indexes(), 0);
}

/* Migration 0068: score_changes.stack_before, the tech_stack a job had before a write that may
 * change it (the plain skill gap's patch, src/model/relevance.c); down drops it with the job
 * triggers that write it, up brings both back. */
static int64_t stack_before_column(void)
{
    return engine_count("SELECT COUNT(*) FROM pragma_table_info('score_changes') WHERE "
                        "name = 'stack_before'",
                        "SELECT COUNT(*) FROM information_schema.columns WHERE "
                        "table_name = 'score_changes' AND column_name = 'stack_before'");
}

static void test_migrate_stack_before(void **state)
{
    (void)state;
    assert_int_equal(stack_before_column(), 1);
    migrate_below(68);
    assert_int_equal(stack_before_column(), 0);
    only_alice(); /* the triggers of 0054 still log the job, without its stack */
    run("INSERT INTO jobs (id, user_id, company, title, tech_stack) VALUES (2001, 1001, 'c', 't', "
        "'[\"Go\"]')",
        NULL, 0, NULL);
    run("UPDATE jobs SET tech_stack = '[\"Rust\"]' WHERE id = 2001", NULL, 0, NULL);
    assert_int_equal(query_int("SELECT COUNT(*) FROM score_changes WHERE job_id = 2001", NULL, 0),
                     2);
    wipe();
    store_release(store, conn);
    conn = NULL;
    migrate_back_up();
    assert_int_equal(stack_before_column(), 1);
    only_alice();
    run("INSERT INTO jobs (id, user_id, company, title, tech_stack) VALUES (2001, 1001, 'c', 't', "
        "'[\"Go\"]')",
        NULL, 0, NULL);
    run("UPDATE jobs SET title = 'u' WHERE id = 2001", NULL, 0, NULL);
    run("UPDATE jobs SET tech_stack = '[\"Rust\"]' WHERE id = 2001", NULL, 0, NULL);
    run("DELETE FROM jobs WHERE id = 2001", NULL, 0, NULL);
    char *logged = query_text(
        engine == STORE_SQLITE
            ? "SELECT group_concat(coalesce(stack_before, '-'), ' ') FROM (SELECT stack_before "
              "FROM score_changes WHERE job_id = 2001 ORDER BY version)"
            : "SELECT string_agg(coalesce(stack_before::text, '-'), ' ' ORDER BY version) FROM "
              "score_changes WHERE job_id = 2001",
        NULL, 0);
    assert_string_equal(logged, "- - [\"Go\"] [\"Rust\"]");
    free(logged);
    wipe();
    store_release(store, conn);
    conn = NULL;
}

/* Migration 0072: user_data_versions.stack_full_version, full_version for the plain skill gap
 * (src/model/relevance.c): set with it when a user is created and (PostgreSQL) when a
 * transaction's log reaches its cap, left alone by a profile change; down drops it, up brings it
 * back equal to full_version. */
static int64_t stack_full_version_column(void)
{
    return engine_count("SELECT COUNT(*) FROM pragma_table_info('user_data_versions') "
                        "WHERE name = 'stack_full_version'",
                        "SELECT COUNT(*) FROM information_schema.columns WHERE "
                        "table_name = 'user_data_versions' AND column_name = "
                        "'stack_full_version'");
}

static void test_migrate_stack_full_version(void **state)
{
    (void)state;
    assert_int_equal(stack_full_version_column(), 1);
    only_alice();
    const char *at_version = "SELECT COUNT(*) FROM user_data_versions WHERE user_id = 1001 AND "
                             "stack_full_version = version AND full_version = version";
    assert_int_equal(query_int(at_version, NULL, 0), 1);
    run("UPDATE users SET skills = '[\"Go\"]' WHERE id = 1001", NULL, 0, NULL);
    assert_int_equal(query_int("SELECT COUNT(*) FROM user_data_versions WHERE user_id = 1001 AND "
                               "stack_full_version = version - 1 AND full_version = version",
                               NULL, 0),
                     1);
    if (engine == STORE_POSTGRES) { /* 257 jobs in one transaction: the log's cap */
        run("INSERT INTO jobs (user_id, company, title) SELECT 1001, 'c', 't' || n FROM "
            "generate_series(1, 257) n",
            NULL, 0, NULL);
        assert_int_equal(query_int(at_version, NULL, 0), 1);
    }
    wipe();
    store_release(store, conn);
    conn = NULL;
    migrate_below(72);
    assert_int_equal(stack_full_version_column(), 0);
    only_alice(); /* the users' trigger of 0054 */
    assert_int_equal(query_int("SELECT COUNT(*) FROM user_data_versions WHERE user_id = 1001 AND "
                               "full_version = version",
                               NULL, 0),
                     1);
    store_release(store, conn);
    conn = NULL;
    migrate_back_up();
    assert_int_equal(stack_full_version_column(), 1);
    conn = store_acquire(store);
    assert_int_equal(query_int("SELECT COUNT(*) FROM user_data_versions WHERE user_id = 1001 AND "
                               "stack_full_version IS NOT DISTINCT FROM full_version",
                               NULL, 0),
                     1);
    wipe();
    store_release(store, conn);
    conn = NULL;
}

/* Migrations 0084 and 0085 (SQLite): no CHECK constraint evaluates an IN list of three or more
 * constants, for which SQLite 3.40 builds a temporary B-tree (OP_OpenEphemeral) at every check;
 * they are written as comparisons joined by OR, in place in the tables' text. */

/* The number of `x IN (...)` lists of three or more constants (quoted text or numbers) in sql. */
static int long_in_lists(const char *sql)
{
    int lists = 0;
    for (const char *p = sql; *p; p++) {
        if (strncasecmp(p, " IN", 3) != 0)
            continue;
        const char *q = p + 3 + strspn(p + 3, " \n\t");
        if (*q++ != '(')
            continue;
        int items = 0;
        for (;;) {
            q += strspn(q, " \n\t");
            if (*q == '\'') {
                for (q++; *q && !(q[0] == '\'' && q[1] != '\''); q += q[0] == '\'' ? 2 : 1)
                    ;
                if (*q == '\0')
                    break;
                q++;
            } else if (*q == '-' || (*q >= '0' && *q <= '9')) {
                q += 1 + strspn(q + 1, "0123456789.");
            } else {
                break; /* a subquery or an expression: not a list of constants */
            }
            items++;
            q += strspn(q, " \n\t");
            if (*q != ',')
                break;
            q++;
        }
        if (*q == ')' && items >= 3)
            lists++;
    }
    return lists;
}

/* The temporary B-trees (OpenEphemeral) in the program of an INSERT into table, with its CHECK
 * constraints or without them (PRAGMA ignore_check_constraints: SQLite then compiles none, also
 * in the triggers' programs). The two statements differ in text, as the connection caches
 * statements by their text. */
static int64_t ephemeral_tables(const char *table, bool checks)
{
    char sql[160];
    snprintf(sql, sizeof sql, "EXPLAIN INSERT INTO %s DEFAULT VALUES%s", table,
             checks ? "" : " /* CHECKs ignored */");
    if (!checks)
        run("PRAGMA ignore_check_constraints = ON", NULL, 0, NULL);
    struct store_result *r = NULL;
    run(sql, NULL, 0, &r);
    if (!checks)
        run("PRAGMA ignore_check_constraints = OFF", NULL, 0, NULL);
    int64_t n = 0;
    for (size_t i = 0; i < store_rows(r); i++)
        n += strcmp(store_text(r, i, 1), "OpenEphemeral") == 0;
    store_result_free(r);
    return n;
}

/* Appends to t what is wrong with table's CHECK lists: `lists` long IN lists expected in its
 * text, each one temporary B-tree more in an insert than without its CHECKs. */
static void check_lists(struct text *t, const char *table, int lists)
{
    char *sql = query_text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                           (struct store_value[]){SV_TEXT(table)}, 1);
    int found = long_in_lists(sql);
    free(sql);
    if (lists >= 0 && found != lists)
        text_add(t, "%s: %d IN lists of three or more constants, %d expected\n", table, found,
                 lists);
    int64_t with = ephemeral_tables(table, true), without = ephemeral_tables(table, false);
    if (with != without + found)
        text_add(t,
                 "%s: %" PRId64 " temporary B-trees in an insert, %" PRId64
                 " without its CHECKs (%d lists)\n",
                 table, with, without, found);
}

/* PRAGMA integrity_check's verdict appended to t unless "ok". */
static void check_integrity(struct text *t)
{
    char *verdict = query_text("PRAGMA integrity_check", NULL, 0);
    if (strcmp(verdict, "ok") != 0)
        text_add(t, "integrity_check: %s\n", verdict);
    free(verdict);
}

/* What two rewritten constraints answer to values near their lists, written to t (one line a
 * value: "ok" or the code and constraint): the same before 0085 and after it. Takes conn, with
 * alice only; leaves the tables empty. */
static void probe_lists(struct text *t)
{
    static const struct store_value values[] = {T("senior"),   T("Senior"),  T("SENIOR"),
                                                T("senior "),  T(" senior"), T(""),
                                                T("senior\n"), I(1),         NUL};
    only_alice();
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        static const char *const sql[] = {
            "UPDATE users SET experience_level = ? WHERE id = 1001",
            "INSERT INTO tasks (user_id, title, priority) VALUES (1001, 't', replace(?, 'senior', "
            "'high'))"};
        for (size_t k = 0; k < sizeof sql / sizeof *sql; k++) {
            struct err e = {0};
            int rc = store_exec(conn, sql[k], &values[i], 1, NULL, &e);
            text_add(t, "%zu.%zu %s %s\n", i, k, rc ? code_name(rc) : "ok", rc ? e.constraint : "");
        }
    }
    wipe();
    store_release(store, conn);
    conn = NULL;
}

static void test_migrate_checks_without_in_lists(void **state)
{
    (void)state;
    if (engine != STORE_SQLITE) { /* a no-op there: it migrates down and up, nothing else */
        migrate_below(85);
        migrate_back_up();
        return;
    }
    static const struct {
        const char *table;
        int lists;
    } rewritten[] = {/* by 0085: 28 lists on 18 tables */
                     {"users", 1},
                     {"applications", 2},
                     {"analytics", 1},
                     {"feedback", 3},
                     {"job_recommendation_feedback", 1},
                     {"interview_sessions", 2},
                     {"interview_questions", 1},
                     {"resume_uploads", 3},
                     {"content_generations", 3},
                     {"career_resources", 2},
                     {"resource_bookmarks", 2},
                     {"resource_views", 1},
                     {"learning_paths", 1},
                     {"learning_path_enrollments", 1},
                     {"job_sources", 1},
                     {"job_source_runs", 1},
                     {"application_contacts", 1},
                     {"tasks", 1}};
    char *before = catalogue();
    struct text up = {0}, down = {0};
    text_add(&up, "%s", "");
    text_add(&down, "%s", "");
    probe_lists(&up);
    /* Failures are gathered and reported with the connection released (the suite's pool has
     * one, which the next test would wait for). */
    struct text wrong = {0};
    text_add(&wrong, "%s", "");
    conn = store_acquire(store);
    /* up: every table with a CHECK, none with a long list, nor a temporary B-tree for its
     * CHECKs (nor those of the tables its triggers write) */
    struct store_result *r = NULL;
    run("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%' ORDER BY name",
        NULL, 0, &r);
    if (store_rows(r) < 40)
        text_add(&wrong, "only %zu tables with a CHECK\n", store_rows(r));
    for (size_t i = 0; i < store_rows(r); i++)
        check_lists(&wrong, store_text(r, i, 0), 0);
    store_result_free(r);
    check_integrity(&wrong);
    store_release(store, conn);
    conn = NULL;
    if (wrong.len)
        fail_msg("after 0085 up:\n%s", wrong.data);
    /* down: the lists back, each a temporary B-tree in an insert again */
    migrate_below(85);
    conn = store_acquire(store);
    for (size_t i = 0; i < sizeof rewritten / sizeof *rewritten; i++)
        check_lists(&wrong, rewritten[i].table, rewritten[i].lists);
    check_integrity(&wrong);
    store_release(store, conn);
    conn = NULL;
    probe_lists(&down);
    migrate_back_up();
    if (wrong.len)
        fail_msg("after 0085 down:\n%s", wrong.data);
    free(wrong.data);
    /* the same constraints: the same answers; the listed value accepted and NULL where the
     * column takes it, every other refused by the list's constraint */
    assert_same_text("the answers of users' and tasks' lists after 0085 down", up.data, down.data);
    struct text expected = {0};
    for (int i = 0; i < 9; i++) {
        text_add(&expected, "%d.0 %s\n", i,
                 i == 0 || i == 8 ? "ok " : "ERR_CHECK users_experience_level_check");
        text_add(&expected, "%d.1 %s\n", i,
                 i == 0   ? "ok "
                 : i == 8 ? "ERR_CHECK tasks.priority"
                          : "ERR_CHECK tasks_priority_check");
    }
    assert_same_text("the answers of users' and tasks' lists", expected.data, up.data);
    free(expected.data);
    free(up.data);
    free(down.data);
    /* up again: the text is the one before, byte for byte (every other table's too) */
    char *after = catalogue();
    assert_same_text("the catalogue after 0085 down and up", before, after);
    free(before);
    free(after);
}

/* Migration 0086 (SQLite): the triggers of application_date_counts build no temporary B-tree:
 * their NOT IN lists of the final statuses written as comparisons joined by OR, their DELETE
 * and UPDATE of both days as one statement a day. The same counts, written by the same random
 * writes, before and after it. */

/* The temporary B-trees (OpenEphemeral) in the programs of the triggers whose names start with
 * trigger that sql runs, on the side of migration (its number) that up says: EXPLAIN lists each
 * trigger's program after the statement's, from an Init whose P4 names the trigger. */
static int64_t trigger_ephemeral_tables(const char *sql, const char *trigger, const char *migration,
                                        bool up)
{
    /* A statement's text of its own on each side of the migration: EXPLAIN runs no
     * transaction, so a statement the connection cached would list the programs of the schema
     * it was prepared on. */
    char explain[256], prefix[80];
    snprintf(explain, sizeof explain, "EXPLAIN %s /* %s %s */", sql, up ? "after" : "before",
             migration);
    int prefix_len = snprintf(prefix, sizeof prefix, "-- TRIGGER %s", trigger);
    struct store_result *r = NULL;
    run(explain, NULL, 0, &r);
    int64_t n = 0;
    bool in_trigger = false;
    for (size_t i = 0; i < store_rows(r); i++) {
        const char *op = store_text(r, i, 1);
        if (strcmp(op, "Init") == 0) {
            const char *p4 = store_text(r, i, 5); /* NULL when NULL */
            in_trigger = p4 != NULL && strncmp(p4, prefix, (size_t)prefix_len) == 0;
        }
        n += in_trigger && strcmp(op, "OpenEphemeral") == 0;
    }
    store_result_free(r);
    return n;
}

/* Writes of applications the triggers follow; before 0086 each one's triggers built temporary
 * B-trees (SQLite 3.40, foreign keys on: one for each NOT IN list, the keys matched by the OR
 * of both days, a table for each INSERT ... SELECT after that). */
static const char *const date_count_writes[] = {
    "INSERT INTO applications (user_id, job_id, status) VALUES (1001, 1, 'applied')",
    "UPDATE applications SET status = 'rejected' WHERE id = 1",
    "UPDATE applications SET follow_up_date = '2026-12-01' WHERE id = 1",
    "DELETE FROM applications WHERE id = 1",
};

/* Appends to t what is wrong with the triggers: `lists` IN lists of three or more constants
 * expected in their text in all; a text other than the one the migration (0086, or 0049 before
 * it) wrote; a temporary B-tree in a write's programs after 0086 (up), or none before it. */
static void check_date_count_triggers(struct text *t, int lists, bool up)
{
    const struct embedded_file *f =
        embedded_find(up ? "migrations/sqlite/0086_date_count_triggers_without_in_lists.up.sql"
                         : "migrations/sqlite/0049_follow_up_range_indexes.up.sql");
    assert_non_null(f);
    struct store_result *r = NULL;
    run("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
        "'application_date_counts_%' ORDER BY name",
        NULL, 0, &r);
    int found = 0;
    for (size_t i = 0; i < store_rows(r); i++) {
        found += long_in_lists(store_text(r, i, 1));
        if (strstr((const char *)f->data, store_text(r, i, 1)) == NULL)
            text_add(t, "%s: not the text of %s\n", store_text(r, i, 0), f->path);
    }
    if (store_rows(r) != 3 || found != lists)
        text_add(t, "%zu triggers of application_date_counts, %d IN lists (%d expected)\n",
                 store_rows(r), found, lists);
    store_result_free(r);
    for (size_t i = 0; i < sizeof date_count_writes / sizeof *date_count_writes; i++) {
        int64_t n =
            trigger_ephemeral_tables(date_count_writes[i], "application_date_counts_", "0086", up);
        if (up ? n != 0 : n == 0)
            text_add(t, "%s: %" PRId64 " temporary B-trees in the triggers\n", date_count_writes[i],
                     n);
    }
}

/* Runs a write of date_count_random_writes; a failure (a trigger's CHECK, say) is written to
 * kept, which then differs from the recount: reported with the connection released, which the
 * next test would wait for otherwise. */
static void date_count_write(struct text *kept, const char *sql, const struct store_value *p, int n)
{
    struct err e = {0};
    if (store_exec(conn, sql, p, n, NULL, &e) != 0)
        text_add(kept, "%s failed: %s\n", sql, e.message);
}

/* wipe(), with its failures written to kept (a write the triggers refuse shows in the text the
 * test compares, not as a stop of the whole run). */
static void wipe_into(struct text *kept)
{
    char sql[128];
    for (size_t i = 0; i < sizeof delete_order / sizeof *delete_order; i++) {
        snprintf(sql, sizeof sql, "DELETE FROM %s", delete_order[i]);
        date_count_write(kept, sql, NULL, 0);
    }
}

/* Random writes of applications (inserts with and without dates, each followed column changed,
 * deletes), the same ones for a given seed, for alice; appends application_date_counts to kept
 * and its GROUP BY recount to recount. Takes conn, leaves the tables empty and conn released. */
static void date_count_random_writes(uint64_t st, struct text *kept, struct text *recount)
{
    static const struct counted_column followed[] = {
        {"status", app_statuses_, sizeof app_statuses_ / sizeof *app_statuses_, true},
        {"applied_date", days_, sizeof days_ / sizeof *days_, false},
        {"follow_up_date", days_, sizeof days_ / sizeof *days_, false},
    };
    only_alice();
    for (int op = 0; op < 120; op++) {
        struct store_value which = SV_INT((int64_t)(counter_random(&st) % 3));
        switch (counter_random(&st) % 4) {
        case 0:
        case 1: {
            char fp[32];
            snprintf(fp, sizeof fp, "date-count-fp-%d", op);
            struct store_value p[] = {
                SV_INT(insert_row("jobs", SET({"user_id", I(1001)}, {"job_fingerprint", T(fp)}))),
                column_value(&st, &followed[0]), column_value(&st, &followed[1]),
                column_value(&st, &followed[2])};
            date_count_write(kept,
                             "INSERT INTO applications (user_id, job_id, status, applied_date, "
                             "follow_up_date) VALUES (1001, ?, ?, ?, ?)",
                             p, 4);
            break;
        }
        case 2: {
            const struct counted_column *c = &followed[counter_random(&st) % 3];
            char sql[160];
            snprintf(sql, sizeof sql,
                     "UPDATE applications SET %s = ? WHERE id = (SELECT MIN(id) FROM "
                     "applications WHERE user_id = 1001 AND id %% 3 = ?)",
                     c->name);
            struct store_value p[] = {column_value(&st, c), which};
            date_count_write(kept, sql, p, 2);
            break;
        }
        default: {
            struct store_value p[] = {which};
            date_count_write(kept,
                             "DELETE FROM applications WHERE id = (SELECT MAX(id) FROM "
                             "applications WHERE user_id = 1001 AND id % 3 = ?)",
                             p, 1);
        }
        }
    }
    dump(kept, "SELECT user_id, kind, day, n, n_open FROM application_date_counts "
               "ORDER BY 1, 2, 3");
    dump(recount,
         "SELECT user_id, kind, day, COUNT(*), " FLAG(
             OPEN) " FROM ("
                   "SELECT user_id, 'applied_date' AS kind, applied_date AS day, status "
                   "FROM applications WHERE applied_date IS NOT NULL UNION ALL "
                   "SELECT user_id, 'follow_up_date', follow_up_date, status FROM applications "
                   "WHERE follow_up_date IS NOT NULL) AS dated GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    wipe_into(kept);
    store_release(store, conn);
    conn = NULL;
}

/* What the random writes of a trigger migration's test leave on each side of it, [up] (1 after
 * the migration, 0 before): the counts kept by the triggers, their recount, and the versions. */
struct trigger_texts {
    struct text kept[2], recount[2], versions[2];
};

/* A test of a migration that rewrites triggers on SQLite (on PostgreSQL it only migrates down and
 * up): after the migration, check(wrong, true) on a connection of its own, then writes(ctx,
 * true); below it, check(wrong, false) and writes(ctx, false); then up again. Fails with what the
 * checks found wrong (under what), and unless the whole catalogue is the one before, byte for
 * byte. Returns false when nothing was run (not SQLite): the caller has nothing to compare. */
static bool triggers_round_trip(int version, const char *what,
                                void (*check)(struct text *wrong, bool up),
                                void (*writes)(void *ctx, bool up), void *ctx)
{
    if (engine != STORE_SQLITE) { /* a no-op there: it migrates down and up, nothing else */
        migrate_below(version);
        migrate_back_up();
        return false;
    }
    char *before = catalogue();
    struct text wrong = {0};
    text_add(&wrong, "%s", "");
    conn = store_acquire(store);
    check(&wrong, true);
    store_release(store, conn);
    conn = NULL;
    writes(ctx, true);
    migrate_below(version);
    conn = store_acquire(store);
    check(&wrong, false);
    store_release(store, conn);
    conn = NULL;
    writes(ctx, false);
    migrate_back_up();
    if (wrong.len)
        fail_msg("%s:\n%s", what, wrong.data);
    free(wrong.data);
    /* up again: the whole catalogue is the one before, byte for byte */
    char *after = catalogue();
    char name[64];
    snprintf(name, sizeof name, "the catalogue after %04d down and up", version);
    assert_same_text(name, before, after);
    free(before);
    free(after);
    return true;
}

/* The counts the triggers kept equal their recount on both sides of migration version, and
 * are the same on both sides (counts names them in the failures). */
static void assert_counts_kept(const struct trigger_texts *t, const char *counts, int version)
{
    static const char *const side[] = {"before", "after"};
    char name[160];
    for (int up = 0; up < 2; up++) {
        snprintf(name, sizeof name, "%s and their recount %s %04d", counts, side[up], version);
        assert_same_text(name, t->recount[up].data, t->kept[up].data);
    }
    snprintf(name, sizeof name, "%s before and after %04d", counts, version);
    assert_same_text(name, t->kept[0].data, t->kept[1].data);
}

static void trigger_texts_free(struct trigger_texts *t)
{
    for (int up = 0; up < 2; up++) {
        free(t->kept[up].data);
        free(t->recount[up].data);
        free(t->versions[up].data);
    }
}

/* 0086's checks: no IN list after it, 0049's 2 + 1 + 5 NOT IN lists before it. */
static void date_count_check(struct text *wrong, bool up)
{
    check_date_count_triggers(wrong, up ? 0 : 8, up);
}

static void date_count_side(void *ctx, bool up)
{
    struct trigger_texts *t = ctx;
    text_add(&t->kept[up], "%s", "");
    text_add(&t->recount[up], "%s", "");
    date_count_random_writes(20261202, &t->kept[up], &t->recount[up]);
}

static void test_migrate_date_count_triggers(void **state)
{
    (void)state;
    struct trigger_texts t = {0};
    if (!triggers_round_trip(86, "application_date_counts' triggers", date_count_check,
                             date_count_side, &t))
        return;
    const char *kept_up = t.kept[1].data;
    /* the counts equal a recount, and those of the triggers before 0086; the writes reached
     * both kinds of day, open and closed applications */
    assert_counts_kept(&t, "application_date_counts", 86);
    assert_non_null(strstr(kept_up, "|applied_date|"));
    assert_non_null(strstr(kept_up, "|follow_up_date|"));
    int open = 0, closed = 0;
    for (const char *line = kept_up; *line; line = strchr(line, '\n') + 1) {
        long n = 0, n_open = 0; /* user_id|kind|day|n|n_open */
        if (sscanf(line, "%*[^|]|%*[^|]|%*[^|]|%ld|%ld", &n, &n_open) == 2) {
            open += n_open > 0;
            closed += n_open < n;
        }
    }
    assert_true(open > 0 && closed > 0);
    trigger_texts_free(&t);
}

/* Migration 0087 (SQLite): the triggers of job_value_counts that a job's update and delete run
 * (0078) without row-value IN lists and without the scan for zeros, one DELETE and one UPDATE a
 * kind on the whole primary key, and jobs_application_copies (0060) asking in its WHEN that the
 * job has an application before its UPDATE of applications opens a temporary table. The same
 * counts and copies, written by the same random writes, before and after it. */

/* What EXPLAIN of sql shows of the temporary B-trees (OpenEphemeral) of the triggers 0087
 * rewrites: the number in job_value_counts' programs, and whether jobs_application_copies'
 * program opens one before it has read the index applications_job_id_idx (its root page
 * job_index): at every run, applications or none. EXPLAIN lists each trigger's program after the
 * statement's, from an Init whose P4 names the trigger. */
static int64_t job_trigger_ephemeral_tables(const char *sql, bool up, int64_t job_index)
{
    /* a statement's text of its own on each side of 0087: EXPLAIN runs no transaction, so a
     * statement the connection cached would list the programs of the schema it was prepared on */
    char explain[256];
    snprintf(explain, sizeof explain, "EXPLAIN %s /* %s 0087 */", sql, up ? "after" : "before");
    struct store_result *r = NULL;
    run(explain, NULL, 0, &r);
    static const char counts[] = "-- TRIGGER job_value_counts_", copies[] =
                                                                     "-- TRIGGER jobs_application_"
                                                                     "copies";
    int64_t n = 0;
    enum { OTHER, COUNTS, COPIES } in = OTHER;
    bool index_read = false;
    for (size_t i = 0; i < store_rows(r); i++) {
        const char *op = store_text(r, i, 1);
        if (strcmp(op, "Init") == 0) {
            const char *p4 = store_text(r, i, 5); /* NULL when NULL */
            in = p4 == NULL                                    ? OTHER
                 : strncmp(p4, counts, sizeof counts - 1) == 0 ? COUNTS
                 : strcmp(p4, copies) == 0                     ? COPIES
                                                               : OTHER;
            index_read = false;
        }
        if (in == COPIES && strcmp(op, "OpenRead") == 0 &&
            strtoll(store_text(r, i, 3), NULL, 10) == job_index)
            index_read = true;
        n += strcmp(op, "OpenEphemeral") == 0 && (in == COUNTS || (in == COPIES && !index_read));
    }
    store_result_free(r);
    return n;
}

/* Writes of jobs the triggers follow; before 0087 each one's programs built temporary B-trees
 * (SQLite 3.40, foreign keys on): the IN list and the zeros' keys in job_value_counts', with a
 * table for the INSERT ... SELECT after them, or the copies' table. */
static const char *const job_trigger_writes[] = {
    "UPDATE jobs SET status = 'applied' WHERE id = 1",
    "UPDATE jobs SET source = NULL, job_type = 'contract' WHERE id = 1",
    "UPDATE jobs SET user_id = 1002 WHERE id = 1",
    "UPDATE jobs SET title = 'Lead' WHERE id = 1",
    "DELETE FROM jobs WHERE id = 1",
};

/* The files whose text each trigger has, after 0087 (up) or before it. */
static const char *job_trigger_source(const char *name, bool up)
{
    if (up)
        return "migrations/sqlite/0087_job_triggers_without_temp_btrees.up.sql";
    return strcmp(name, "jobs_application_copies") == 0
               ? "migrations/sqlite/0060_application_job_copies.up.sql"
               : "migrations/sqlite/0078_job_value_counts.up.sql";
}

/* Appends to t what is wrong with the three triggers: a text other than the one its migration
 * wrote (0087, or 0078 and 0060 before it); row-value IN lists in job_value_counts' (2 before
 * 0087: `(kind, value) IN (`), a scan for zeros (`AND n = 0`); a temporary B-tree in a write's
 * programs after 0087 (up), or none before it. */
static void check_job_triggers(struct text *t, bool up)
{
    struct store_result *r = NULL;
    run("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        "('job_value_counts_after_delete', 'job_value_counts_after_update', "
        "'jobs_application_copies') ORDER BY name",
        NULL, 0, &r);
    int row_lists = 0, zero_scans = 0;
    for (size_t i = 0; i < store_rows(r); i++) {
        const char *name = store_text(r, i, 0), *sql = store_text(r, i, 1);
        const struct embedded_file *f = embedded_find(job_trigger_source(name, up));
        assert_non_null(f);
        if (strstr((const char *)f->data, sql) == NULL)
            text_add(t, "%s: not the text of %s\n", name, f->path);
        row_lists += strstr(sql, "(kind, value) IN (") != NULL;
        zero_scans += strstr(sql, "AND n = 0") != NULL;
    }
    if (store_rows(r) != 3 || row_lists != (up ? 0 : 2) || zero_scans != (up ? 0 : 2))
        text_add(t, "%zu triggers, %d with a row-value IN list, %d scanning for zeros\n",
                 store_rows(r), row_lists, zero_scans);
    store_result_free(r);
    int64_t job_index = query_int("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND "
                                  "name = 'applications_job_id_idx'",
                                  NULL, 0);
    for (size_t i = 0; i < sizeof job_trigger_writes / sizeof *job_trigger_writes; i++) {
        int64_t n = job_trigger_ephemeral_tables(job_trigger_writes[i], up, job_index);
        if (up ? n != 0 : n == 0)
            text_add(t, "%s: %" PRId64 " temporary B-trees in the triggers\n",
                     job_trigger_writes[i], n);
    }
}

/* Random writes of jobs for alice (1001) and bob (1002): inserts with every counted column
 * random, NULLs included; one or two columns changed, titles and companies too; owner changes;
 * applications (so that the copies follow renames); deletes (with their applications). Appends
 * job_value_counts and the applications' copies to kept, their recount from jobs to recount, and
 * when versions is not NULL user_data_versions and score_changes to versions.
 * A failed write is written to kept (date_count_write). Takes conn, leaves the tables empty and
 * conn released. */
static void job_trigger_random_writes(uint64_t st, struct text *kept, struct text *recount,
                                      struct text *versions)
{
    static const char *const titles_[] = {"Engineer", "Designer", "Lead", NULL};
    static const char *const companies_[] = {"Acme", "Initech", NULL};
    static const struct counted_column changed[] = {
        {"status", job_statuses_, sizeof job_statuses_ / sizeof *job_statuses_, true},
        {"source", sources_, sizeof sources_ / sizeof *sources_, false},
        {"job_type", job_types_, sizeof job_types_ / sizeof *job_types_, false},
        {"remote_option", remotes_, sizeof remotes_ / sizeof *remotes_, false},
        {"title", titles_, sizeof titles_ / sizeof *titles_, true},
        {"company", companies_, sizeof companies_ / sizeof *companies_, true},
    };
    const size_t nchanged = sizeof changed / sizeof *changed;
    only_alice();
    insert_row("users", SET({"id", I(1002)}, {"username", T("bob")},
                            {"email", T("bob@example.com")}, {"oauth_provider", NUL}));
    /* versions of their own, so that every later one is the same on each side of a migration
     * (a user's first is random) */
    run("INSERT INTO user_data_versions (user_id, version) VALUES (1001, 1000), (1002, 5000) "
        "ON CONFLICT (user_id) DO UPDATE SET version = excluded.version",
        NULL, 0, NULL);
    for (int op = 0; op < 400; op++) {
        struct store_value user = SV_INT(1001 + (int64_t)(counter_random(&st) % 2));
        struct store_value which = SV_INT((int64_t)(counter_random(&st) % 3));
        switch (counter_random(&st) % 8) {
        case 0:
        case 1: {
            char fp[32];
            snprintf(fp, sizeof fp, "job-trigger-fp-%d", op);
            insert_row("jobs", SET({"user_id", user}, {"job_fingerprint", T(fp)},
                                   {"status", column_value(&st, &changed[0])},
                                   {"source", column_value(&st, &changed[1])},
                                   {"job_type", column_value(&st, &changed[2])},
                                   {"remote_option", column_value(&st, &changed[3])},
                                   {"title", column_value(&st, &changed[4])},
                                   {"company", column_value(&st, &changed[5])}));
            break;
        }
        case 2:
        case 3: { /* one column, or two */
            const struct counted_column *a = &changed[counter_random(&st) % nchanged];
            const struct counted_column *b = &changed[counter_random(&st) % nchanged];
            char sql[200];
            snprintf(sql, sizeof sql,
                     "UPDATE jobs SET %s = ?, %s = ? WHERE id = (SELECT MIN(id) FROM jobs "
                     "WHERE user_id = ? AND id %% 3 = ?)",
                     a->name, a == b ? a->name : b->name);
            struct store_value p[] = {column_value(&st, a), column_value(&st, b), user, which};
            if (a == b)
                p[1] = p[0];
            date_count_write(kept, sql, p, 4);
            break;
        }
        case 4: { /* another owner, with a column changed or not (a job without applications) */
            const struct counted_column *c = &changed[counter_random(&st) % nchanged];
            bool set = counter_random(&st) % 2;
            char sql[256];
            snprintf(sql, sizeof sql,
                     "UPDATE jobs SET user_id = 2003 - user_id%s%s%s WHERE id = (SELECT MAX(id) "
                     "FROM jobs j WHERE user_id = ? AND id %% 3 = ? AND NOT EXISTS (SELECT 1 FROM "
                     "applications a WHERE a.job_id = j.id))",
                     set ? ", " : "", set ? c->name : "", set ? " = ?" : "");
            struct store_value p[] = {column_value(&st, c), user, which};
            date_count_write(kept, sql, set ? p : p + 1, set ? 3 : 2);
            break;
        }
        case 5: { /* an application on the user's newest job without one */
            struct store_value p[] = {user};
            int64_t job = query_int("SELECT MAX(id) FROM jobs j WHERE user_id = ? AND NOT EXISTS "
                                    "(SELECT 1 FROM applications a WHERE a.job_id = j.id)",
                                    p, 1);
            if (job)
                insert_row("applications", SET({"user_id", user}, {"job_id", I(job)}));
            break;
        }
        default: {
            struct store_value p[] = {user, which};
            date_count_write(kept,
                             "DELETE FROM jobs WHERE id = (SELECT MAX(id) FROM jobs WHERE "
                             "user_id = ? AND id % 3 = ?)",
                             p, 2);
        }
        }
    }
    dump(kept, "SELECT user_id, kind, value, n FROM job_value_counts ORDER BY 1, 2, 3");
    dump(recount, "SELECT user_id, kind, value, COUNT(*) FROM ("
                  "SELECT user_id, '' AS kind, '' AS value FROM jobs UNION ALL "
                  "SELECT user_id, 'status', status FROM jobs UNION ALL "
                  "SELECT user_id, 'source', COALESCE(source, '') FROM jobs UNION ALL "
                  "SELECT user_id, 'job_type', COALESCE(job_type, '') FROM jobs UNION ALL "
                  "SELECT user_id, 'remote_option', COALESCE(remote_option, '') FROM jobs"
                  ") AS v GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    dump(kept, "SELECT id, user_id, job_id, job_title, job_company FROM applications ORDER BY id");
    dump(recount, "SELECT a.id, a.user_id, a.job_id, j.title, j.company FROM applications a "
                  "JOIN jobs j ON j.id = a.job_id ORDER BY a.id");
    if (versions) {
        dump(versions, "SELECT user_id, version FROM user_data_versions ORDER BY 1");
        dump(versions, "SELECT user_id, version, job_id, stack, stack_before FROM score_changes "
                       "ORDER BY 1, 2, 3");
    }
    wipe_into(kept);
    store_release(store, conn);
    conn = NULL;
}

static void job_side(void *ctx, bool up)
{
    struct trigger_texts *t = ctx;
    text_add(&t->kept[up], "%s", "");
    text_add(&t->recount[up], "%s", "");
    job_trigger_random_writes(20261202, &t->kept[up], &t->recount[up], NULL);
}

static void test_migrate_job_triggers(void **state)
{
    (void)state;
    struct trigger_texts t = {0};
    if (!triggers_round_trip(87, "jobs' triggers", check_job_triggers, job_side, &t))
        return;
    const char *kept_up = t.kept[1].data;
    /* the counts and copies equal a recount, and those of the triggers before 0087 */
    assert_counts_kept(&t, "job_value_counts and copies", 87);
    /* the writes left both users jobs, NULLs counted as '', and applications renamed */
    assert_non_null(strstr(kept_up, "1001||"));
    assert_non_null(strstr(kept_up, "1002||"));
    assert_non_null(strstr(kept_up, "|source||"));
    assert_non_null(strstr(kept_up, "|Lead|"));
    trigger_texts_free(&t);
}

/* Migration 0088 (SQLite): user_data_versions_jobs_update without the two statements of an owner
 * change, which user_data_versions_jobs_owner runs, only then. The same versions and change log,
 * written by the same random writes, before and after it. */

/* Appends to t what is wrong with the triggers: user_data_versions_jobs_update's text other than
 * 0088's (up) or 0068's; user_data_versions_jobs_owner missing after 0088 or there before it;
 * temporary B-trees in the programs of an update that keeps the owner other than 1 (0088) or 3
 * (0068: each INSERT ... SELECT after the first statement). */
static void check_data_version_triggers(struct text *t, bool up)
{
    const struct embedded_file *f =
        embedded_find(up ? "migrations/sqlite/0088_data_version_owner_trigger.up.sql"
                         : "migrations/sqlite/0068_score_changes_stack_before.up.sql");
    assert_non_null(f);
    struct store_result *r = NULL;
    run("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        "('user_data_versions_jobs_update', 'user_data_versions_jobs_owner') ORDER BY name",
        NULL, 0, &r);
    for (size_t i = 0; i < store_rows(r); i++)
        if (strstr((const char *)f->data, store_text(r, i, 1)) == NULL)
            text_add(t, "%s: not the text of %s\n", store_text(r, i, 0), f->path);
    if (store_rows(r) != (up ? 2 : 1))
        text_add(t, "%zu of the two triggers\n", store_rows(r));
    store_result_free(r);
    static const char *const keeps_owner[] = {
        "UPDATE jobs SET status = 'applied' WHERE id = 1",
        "UPDATE jobs SET title = 'Lead', tech_stack = '[\"C\"]' WHERE id = 1",
    };
    for (size_t i = 0; i < sizeof keeps_owner / sizeof *keeps_owner; i++) {
        int64_t n =
            trigger_ephemeral_tables(keeps_owner[i], "user_data_versions_jobs_", "0088", up);
        if (n != (up ? 1 : 3))
            text_add(t, "%s: %" PRId64 " temporary B-trees in the triggers\n", keeps_owner[i], n);
    }
}

/* 0088's writes: one text of counts and recount for both sides, the versions of each. */
static void data_version_side(void *ctx, bool up)
{
    struct trigger_texts *t = ctx;
    if (up) {
        text_add(&t->kept[0], "%s", "");
        text_add(&t->recount[0], "%s", "");
    }
    text_add(&t->versions[up], "%s", "");
    job_trigger_random_writes(20261203, &t->kept[0], &t->recount[0], &t->versions[up]);
}

static void test_migrate_data_version_owner_trigger(void **state)
{
    (void)state;
    struct trigger_texts t = {0};
    if (!triggers_round_trip(88, "user_data_versions' triggers on jobs",
                             check_data_version_triggers, data_version_side, &t))
        return;
    assert_same_text("the writes' counts and their recount", t.recount[0].data, t.kept[0].data);
    /* the same versions and log rows before and after 0088 */
    assert_same_text("user_data_versions and score_changes before and after 0088",
                     t.versions[0].data, t.versions[1].data);
    assert_int_equal(strncmp(t.versions[1].data, "1001|1", 6), 0); /* 1000 and its bumps */
    assert_non_null(strstr(t.versions[1].data, "\n1002|5"));
    trigger_texts_free(&t);
}

/* Migration 0060: each application's job_title and job_company are its job's title and company:
 * filled on insert (whatever the INSERT gave), following the job's rename and a change of
 * job_id, refused when written otherwise; following a rename leaves row_version alone, every
 * other UPDATE moves it. Down removes them, up fills them again. */
static int64_t copies_wrong(void)
{
    return query_int("SELECT COUNT(*) FROM applications a JOIN jobs j ON j.id = a.job_id "
                     "WHERE a.job_title IS DISTINCT FROM j.title "
                     "OR a.job_company IS DISTINCT FROM j.company "
                     "OR a.job_title IS NULL",
                     NULL, 0);
}

static int64_t app_version(int64_t id)
{
    struct store_value p[] = {SV_INT(id)};
    return query_int("SELECT row_version FROM applications WHERE id = ?", p, 1);
}

static void test_application_job_copies(void **state)
{
    (void)state;
    struct err e = {0};
    only_alice();
    insert_row("jobs", SET({"id", I(2001)}, {"title", T("Engineer")}, {"company", T("Acme")},
                           {"job_fingerprint", T("fp-a")}));
    insert_row("jobs", SET({"id", I(2002)}, {"title", T("Designer")}, {"company", T("Initech")},
                           {"job_fingerprint", T("fp-b")}));
    insert_row("applications", SET({"id", I(2101)}, {"job_id", I(2001)}));
    /* copies given by the INSERT are replaced by the job's */
    insert_row("applications", SET({"id", I(2102)}, {"job_id", I(2002)}, {"job_title", T("wrong")},
                                   {"job_company", T("wrong")}));
    assert_int_equal(copies_wrong(), 0);
    const int64_t v1 = app_version(2101), v2 = app_version(2102); /* the base rows' */

    /* a rename is followed, and is not a change of the application */
    run("UPDATE jobs SET title = 'Staff Engineer', company = 'Acme, Inc.' WHERE id = 2001", NULL, 0,
        NULL);
    assert_int_equal(copies_wrong(), 0);
    assert_int_equal(query_int("SELECT COUNT(*) FROM applications WHERE id = 2101 AND "
                               "job_title = 'Staff Engineer' AND job_company = 'Acme, Inc.'",
                               NULL, 0),
                     1);
    assert_int_equal(app_version(2101), v1);
    run("UPDATE jobs SET notes = 'x' WHERE id = 2002", NULL, 0, NULL);
    assert_int_equal(app_version(2102), v2);

    /* any other UPDATE moves row_version, as before */
    run("UPDATE applications SET notes = 'n' WHERE id = 2101", NULL, 0, NULL);
    assert_int_equal(app_version(2101), v1 + 1);
    run("UPDATE applications SET notes = notes WHERE id = 2101", NULL, 0, NULL);
    assert_int_equal(app_version(2101), v1 + 2);
    /* a move to another job takes that job's copies, and is a change */
    run("UPDATE applications SET job_id = 2002 WHERE id = 2101", NULL, 0, NULL);
    assert_int_equal(copies_wrong(), 0);
    assert_int_equal(app_version(2101), v1 + 3);
    run("UPDATE applications SET job_id = 2001 WHERE id = 2101", NULL, 0, NULL);
    assert_int_equal(copies_wrong(), 0);
    assert_int_equal(app_version(2101), v1 + 4);
    /* the right values written again: allowed, a change like any other */
    run("UPDATE applications SET job_title = 'Staff Engineer' WHERE id = 2101", NULL, 0, NULL);
    assert_int_equal(app_version(2101), v1 + 5);

    /* anything else written into a copy is refused */
    const char *const wrong[] = {
        "UPDATE applications SET job_title = 'Boss' WHERE id = 2101",
        "UPDATE applications SET job_company = NULL WHERE id = 2101",
        "UPDATE applications SET notes = 'm', job_company = 'Other' WHERE id = 2102",
    };
    for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
        struct store_result *r = NULL;
        assert_int_not_equal(store_exec(conn, wrong[i], NULL, 0, &r, &e), 0);
        store_result_free(r);
    }
    assert_int_equal(copies_wrong(), 0);
    assert_int_equal(app_version(2101), v1 + 5);
    store_release(store, conn);

    migrate_below(60);
    conn = store_acquire(store);
    struct store_result *r = NULL;
    assert_int_not_equal(store_exec(conn, "SELECT job_title FROM applications", NULL, 0, &r, &e),
                         0);
    store_result_free(r);
    run("UPDATE applications SET notes = 'o' WHERE id = 2101", NULL, 0, NULL); /* 0010's trigger */
    assert_int_equal(app_version(2101), v1 + 6);
    run("UPDATE jobs SET title = 'Principal Engineer' WHERE id = 2001", NULL, 0, NULL);
    store_release(store, conn);
    migrate_back_up();
    conn = store_acquire(store);
    assert_int_equal(copies_wrong(), 0); /* filled from the jobs as they are now */
    assert_int_equal(app_version(2101), v1 + 6);
    assert_int_equal(query_int("SELECT COUNT(*) FROM applications WHERE id = 2101 AND "
                               "job_title = 'Principal Engineer'",
                               NULL, 0),
                     1);
    wipe();
    store_release(store, conn);
    conn = NULL;
}

/* ================================================================ running */

static int run_constraint_group(void)
{
    struct case_list cases = {0};
    build_cases(&cases);
    struct CMUnitTest *tests = calloc(cases.count, sizeof *tests);
    assert_non_null(tests);
    for (size_t i = 0; i < cases.count; i++)
        tests[i] = (struct CMUnitTest){.name = cases.items[i].name,
                                       .test_func = test_constraint_case,
                                       .initial_state = &cases.items[i]};
    int failed =
        _cmocka_run_group_tests("constraints", tests, cases.count, group_setup, group_teardown);
    free(tests);
    free(cases.items);
    return failed;
}

static int run_defaults_group(void)
{
    struct CMUnitTest tests[NTABLES + 1];
    static char names[NTABLES][64];
    for (size_t i = 0; i < NTABLES; i++) {
        snprintf(names[i], sizeof names[i], "defaults: %s", tables[i].name);
        tests[i] = (struct CMUnitTest){
            .name = names[i], .test_func = test_defaults, .initial_state = (void *)&tables[i]};
    }
    tests[NTABLES] =
        (struct CMUnitTest){.name = "types read back alike", .test_func = test_types_read_back};
    return _cmocka_run_group_tests("defaults and types", tests, NTABLES + 1, group_setup,
                                   group_teardown);
}

/* ================================================================ cursors */

/* The cursor gives the rows store_exec gives, one at a time, with the same text per cell. */
static void expect_cursor_matches(const char *sql)
{
    struct err e = {0};
    struct store_result *all;
    if (store_exec(conn, sql, NULL, 0, &all, &e) != 0)
        fail_msg("%s: %s", sql, e.message);
    struct store_cursor *cur;
    if (store_cursor_open(conn, sql, NULL, 0, &cur, &e) != 0)
        fail_msg("cursor %s: %s", sql, e.message);
    size_t n = 0;
    int rc;
    while ((rc = store_cursor_next(cur, &e)) == 1) {
        const struct store_result *row = store_cursor_row(cur);
        assert_int_equal(store_rows(row), 1);
        assert_int_equal(store_cols(row), store_cols(all));
        for (int col = 0; col < store_cols(all); col++) {
            assert_string_equal(store_colname(row, col), store_colname(all, col));
            const char *a = store_text(all, n, col), *b = store_text(row, 0, col);
            if (a == NULL || b == NULL)
                assert_true(a == b);
            else
                assert_string_equal(a, b);
            assert_int_equal(store_length(row, 0, col), store_length(all, n, col));
        }
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, store_rows(all));
    assert_int_equal(store_rows(store_cursor_row(cur)), 0);
    assert_int_equal(store_cursor_next(cur, &e), 0); /* stays at the end */
    store_cursor_close(cur);
    store_result_free(all);
}

static void test_cursor_rows(void **state)
{
    (void)state;
    expect_cursor_matches("SELECT * FROM users ORDER BY id"); /* timestamps, booleans */
    expect_cursor_matches("SELECT * FROM jobs ORDER BY id");  /* arrays, JSON, NULLs */
    expect_cursor_matches("SELECT * FROM applications ORDER BY id");
    /* a cell's buffer is reused by the next row's: values that grow past it, shrink, turn NULL
       and empty, row after row */
    expect_cursor_matches(
        "WITH RECURSIVE n(i, s) AS (SELECT 1, CAST('a' AS TEXT) UNION ALL SELECT i + 1, CASE "
        "WHEN i % 9 = 0 THEN 'z' ELSE s || 'abcdefghijabcdefghij' END FROM n WHERE i < 400) "
        "SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE s END AS s, CASE WHEN i % 2 = 0 THEN '' "
        "ELSE s END AS t FROM n ORDER BY i");
    struct err e = {0};
    struct store_value limit = SV_INT(5000);
    struct store_cursor *cur;
    const char *series = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < ?) SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'row ' || i "
                         "END AS label FROM n ORDER BY i";
    assert_int_equal(store_cursor_open(conn, series, &limit, 1, &cur, &e), 0);
    int64_t expected = 1;
    while (store_cursor_next(cur, &e) == 1) {
        const struct store_result *row = store_cursor_row(cur);
        assert_int_equal(store_int(row, 0, 0), expected);
        assert_true(store_isnull(row, 0, 1) == (expected % 7 == 0));
        expected++;
    }
    assert_int_equal(expected, 5001);
    store_cursor_close(cur);
}

/* ================================================================ rows handed one by one */

/* What expect_each_matches' callback checks each row against: store_exec's result. */
struct each_check {
    const struct store_result *all;
    size_t n;
};

static void each_row(void *arg, const struct store_result *r, size_t i)
{
    struct each_check *x = arg;
    assert_true(x->n < store_rows(x->all));
    assert_int_equal(store_cols(r), store_cols(x->all));
    for (int col = 0; col < store_cols(r); col++) {
        assert_string_equal(store_colname(r, col), store_colname(x->all, col));
        const char *a = store_text(x->all, x->n, col), *b = store_text(r, i, col);
        if (a == NULL || b == NULL)
            assert_true(a == b);
        else
            assert_string_equal(a, b);
        assert_int_equal(store_length(r, i, col), store_length(x->all, x->n, col));
    }
    x->n++;
}

/* store_exec_each hands the rows store_exec gives, in order, with the same text per cell. */
static void expect_each_matches(const char *sql, const struct store_value *p, int n)
{
    struct err e = {0};
    struct store_result *all;
    if (store_exec(conn, sql, p, n, &all, &e) != 0)
        fail_msg("%s: %s", sql, e.message);
    struct each_check x = {all, 0};
    /* twice: the statement is cached between runs, and rows borrowed from it must not outlive
       a step */
    for (int round = 0; round < 2; round++, x.n = 0) {
        if (store_exec_each(conn, sql, p, n, each_row, &x, &e) != 0)
            fail_msg("each %s: %s", sql, e.message);
        assert_int_equal(x.n, store_rows(all));
    }
    store_result_free(all);
}

static void count_row(void *arg, const struct store_result *r, size_t i)
{
    (void)r, (void)i;
    (*(size_t *)arg)++;
}

static void test_exec_each_rows(void **state)
{
    (void)state;
    expect_each_matches("SELECT * FROM users ORDER BY id", NULL, 0); /* timestamps, booleans */
    expect_each_matches("SELECT * FROM jobs ORDER BY id", NULL, 0);  /* arrays, JSON, NULLs */
    expect_each_matches("SELECT * FROM applications ORDER BY id", NULL, 0);
    /* texts growing, shrinking, NULL and empty row after row; integers, real numbers */
    struct store_value limit = SV_INT(3000);
    expect_each_matches(
        "WITH RECURSIVE n(i, s) AS (SELECT 1, CAST('a' AS TEXT) UNION ALL SELECT i + 1, CASE "
        "WHEN i % 9 = 0 THEN 'z' ELSE s || 'abcdefghijabcdefghij' END FROM n WHERE i < ?) "
        "SELECT i, -CAST(i AS BIGINT) * 1000003 AS big, i / 4.0 AS r, CASE WHEN i % 7 = 0 THEN "
        "NULL ELSE s END "
        "AS s, CASE WHEN i % 2 = 0 THEN '' ELSE s END AS t FROM n ORDER BY i",
        &limit, 1);
    expect_each_matches("SELECT id FROM users WHERE id < 0", NULL, 0); /* no row */
    /* an error: no row handed, the error returned, and the connection goes on */
    struct err e = {0};
    size_t n = 0;
    assert_int_equal(
        store_exec_each(conn, "SELECT no_such_column FROM users", NULL, 0, count_row, &n, &e),
        ERR_DB);
    assert_int_equal(n, 0);
    struct err e2 = {0};
    assert_int_equal(
        store_exec_each(conn, "SELECT 1 UNION ALL SELECT 2", NULL, 0, count_row, &n, &e2), 0);
    assert_int_equal(n, 2);
}

/* Asserts that a and b hold the same columns and cells. */
static void assert_same_result(const struct store_result *a, const struct store_result *b)
{
    assert_int_equal(store_rows(a), store_rows(b));
    assert_int_equal(store_cols(a), store_cols(b));
    for (int col = 0; col < store_cols(a); col++)
        assert_string_equal(store_colname(a, col), store_colname(b, col));
    for (size_t r = 0; r < store_rows(a); r++)
        for (int col = 0; col < store_cols(a); col++) {
            const char *x = store_text(a, r, col), *y = store_text(b, r, col);
            if (x == NULL || y == NULL)
                assert_true(x == y);
            else
                assert_string_equal(x, y);
        }
}

/* store_exec_custom reads what store_exec reads, maps errors the same way, and on PostgreSQL
 * goes through the unnamed statement: no named prepared statement is left for it. */
static void test_exec_custom(void **state)
{
    (void)state;
    const char *sql = "SELECT * FROM jobs WHERE id > ? ORDER BY id";
    struct store_value zero = SV_INT(0);
    struct err e = {0};
    struct store_result *a, *b, *n0, *n1;
    const char *count = "SELECT count(*) FROM pg_prepared_statements";
    if (engine == STORE_POSTGRES)
        assert_int_equal(store_exec(conn, count, NULL, 0, &n0, &e), 0);
    assert_int_equal(store_exec_custom(conn, sql, &zero, 1, &b, &e), 0);
    if (engine == STORE_POSTGRES) {
        assert_int_equal(store_exec(conn, count, NULL, 0, &n1, &e), 0);
        assert_int_equal(store_int(n1, 0, 0), store_int(n0, 0, 0));
        store_result_free(n0);
        store_result_free(n1);
    }
    assert_int_equal(store_exec(conn, sql, &zero, 1, &a, &e), 0);
    assert_true(store_rows(a) > 0);
    assert_same_result(a, b);
    store_result_free(a);
    store_result_free(b);
    /* a duplicate username: the same error and constraint as store_exec gives */
    struct store_result *u;
    assert_int_equal(
        store_exec(conn, "SELECT username FROM users ORDER BY id LIMIT 1", NULL, 0, &u, &e), 0);
    struct store_value dup[] = {SV_TEXT(store_text(u, 0, 0)), SV_TEXT("custom@example.com")};
    struct err e1 = {0}, e2 = {0};
    const char *insert = "INSERT INTO users (username, email) VALUES (?, ?)";
    assert_int_equal(store_exec(conn, insert, dup, 2, NULL, &e1), ERR_CONFLICT);
    assert_int_equal(store_exec_custom(conn, insert, dup, 2, NULL, &e2), ERR_CONFLICT);
    assert_string_equal(e1.constraint, e2.constraint);
    store_result_free(u);
    /* a wrong parameter count is refused before anything is sent */
    assert_int_equal(store_exec_custom(conn, sql, NULL, 0, NULL, &e), ERR_INTERNAL);
}

/* store_sql_lateral tells exactly whether the engine runs a LATERAL join (the board's one arm
 * per counter row, src/model/application.c): the statement runs and joins each outer row to
 * its own bounded subquery where it says so, and is refused where it does not. */
static void test_sql_lateral(void **state)
{
    (void)state;
    struct err e = {0};
    struct store_value two = SV_INT(2);
    struct store_result *r = NULL;
    int rc =
        store_exec(conn,
                   "SELECT o.n, i.n FROM (SELECT 1 AS n UNION ALL SELECT 3) AS o "
                   "CROSS JOIN LATERAL (SELECT o.n * 10 + k.n AS n FROM (SELECT 1 AS n "
                   "UNION ALL SELECT 2 UNION ALL SELECT 3) AS k ORDER BY k.n DESC LIMIT ?) AS i "
                   "ORDER BY o.n, i.n DESC",
                   &two, 1, &r, &e);
    assert_int_equal(store_sql_lateral(conn), engine == STORE_POSTGRES);
    if (!store_sql_lateral(conn)) {
        assert_int_not_equal(rc, 0);
        return;
    }
    assert_int_equal(rc, 0);
    const int64_t expected[][2] = {{1, 13}, {1, 12}, {3, 33}, {3, 32}};
    assert_int_equal(store_rows(r), 4);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(store_int(r, i, 0), expected[i][0]);
        assert_int_equal(store_int(r, i, 1), expected[i][1]);
    }
    store_result_free(r);
    /* Without an outer ORDER BY (the board's statement, application_board): each outer row's
     * rows come out together, in the arm's own order, here one the rows' storage does not
     * have (ids ascending, read by the descending order of the other column). */
    run("CREATE TEMPORARY TABLE lateral_arms (id INTEGER PRIMARY KEY, arm INTEGER NOT NULL, "
        "k INTEGER NOT NULL)",
        NULL, 0, NULL);
    for (int id = 1; id <= 60; id++) {
        struct store_value p[] = {SV_INT(id), SV_INT(id % 3), SV_INT((id * 37) % 11)};
        run("INSERT INTO lateral_arms (id, arm, k) VALUES (?, ?, ?)", p, 3, NULL);
    }
    run("CREATE INDEX lateral_arms_idx ON lateral_arms (arm, k, id)", NULL, 0, NULL);
    run("SELECT o.arm, i.k, i.id FROM (SELECT 2 AS arm UNION ALL SELECT 0 UNION ALL SELECT 1) "
        "AS o CROSS JOIN LATERAL (SELECT t.k, t.id FROM lateral_arms t WHERE t.arm = o.arm "
        "ORDER BY t.k DESC, t.id DESC LIMIT 7) AS i",
        NULL, 0, &r);
    assert_int_equal(store_rows(r), 21);
    for (size_t i = 0; i < 21; i++) {
        int64_t arm = store_int(r, i, 0), k = store_int(r, i, 1), id = store_int(r, i, 2);
        assert_int_equal(arm, i < 7 ? 2 : i < 14 ? 0 : 1);
        struct store_value p[] = {SV_INT(arm), SV_INT(k), SV_INT(id)};
        /* its rank in its arm: the rows before it in (k DESC, id DESC) order */
        assert_int_equal(query_int("SELECT COUNT(*) FROM lateral_arms WHERE arm = ? AND (k > ? OR "
                                   "(k = ? AND id > ?))",
                                   (struct store_value[]){p[0], p[1], p[1], p[2]}, 4),
                         (int64_t)(i % 7));
    }
    store_result_free(r);
    run("DROP TABLE lateral_arms", NULL, 0, NULL);
}

/* store_sql_row_stamp names a column that every committed write of a row moves and nothing
 * else does (a kept job's answer is sent while its stamp reads the same: src/api/jobs.c): on
 * PostgreSQL xmin, moved by an UPDATE whatever it changes or fires (also one no trigger sees,
 * session_replication_role = replica) and by a DELETE and an INSERT of the same id and
 * columns; the same after a read, a row lock or another row's write. SQLite has none. */
static void test_row_stamp(void **state)
{
    (void)state;
    const char *stamp = store_sql_row_stamp(conn);
    if (engine != STORE_POSTGRES) {
        assert_null(stamp);
        return;
    }
    assert_non_null(stamp);
    char get[160];
    snprintf(get, sizeof get, "SELECT %s FROM jobs WHERE id = ?", stamp);
    struct store_value id[] = {SV_INT(query_int("SELECT MIN(id) FROM jobs", NULL, 0))};
    struct store_value other[] = {SV_INT(query_int("SELECT MAX(id) FROM jobs", NULL, 0))};
    assert_true(id[0].i != other[0].i);
    int64_t s0 = query_int(get, id, 1);
    run("SELECT * FROM jobs WHERE id = ?", id, 1, NULL);
    begin();
    run("SELECT id FROM jobs WHERE id = ? FOR UPDATE", id, 1, NULL);
    store_commit(conn, NULL);
    run("UPDATE jobs SET notes = 'another row' WHERE id = ?", other, 1, NULL);
    assert_int_equal(query_int(get, id, 1), s0); /* read, locked, another row written */
    int64_t last = s0;
    static const char *const writes[] = {
        "UPDATE jobs SET id = id WHERE id = ?", /* changes nothing */
        "UPDATE jobs SET notes = 'stamped' WHERE id = ?",
        "SET session_replication_role = replica", /* then a write no trigger sees */
        "UPDATE jobs SET notes = 'behind the triggers' WHERE id = ?",
        "SET session_replication_role = DEFAULT",
    };
    for (size_t i = 0; i < sizeof writes / sizeof *writes; i++) {
        bool setting = strncmp(writes[i], "SET", 3) == 0;
        run(writes[i], id, setting ? 0 : 1, NULL);
        if (setting)
            continue;
        int64_t now = query_int(get, id, 1);
        if (now == last)
            fail_msg("the stamp did not move after \"%s\"", writes[i]);
        last = now;
    }
    /* deleted and written again with the same id, owner, times and row version (rolled back) */
    static const char columns[] =
        "id, user_id, company, title, status, job_fingerprint, created_at, updated_at, row_version";
    char sql[400];
    begin();
    snprintf(sql, sizeof sql,
             "CREATE TEMPORARY TABLE stamp_copy AS SELECT %s FROM jobs WHERE id = ?", columns);
    run(sql, id, 1, NULL);
    run("DELETE FROM jobs WHERE id = ?", id, 1, NULL);
    snprintf(sql, sizeof sql, "INSERT INTO jobs (%s) SELECT %s FROM stamp_copy", columns, columns);
    run(sql, NULL, 0, NULL);
    assert_int_equal(query_int("SELECT COUNT(*) FROM jobs WHERE id = ?", id, 1), 1);
    assert_int_not_equal(query_int(get, id, 1), last);
    store_rollback(conn);
}

/* store_exec_batch gives what each statement gives alone (prepared, planned for its values,
 * no rows), reports the first failure with its constraint and no results, refuses a wrong
 * parameter count before anything is sent, runs inside a transaction, and leaves the
 * connection ready for the next statement (PostgreSQL: out of pipeline mode) every time. */
static void test_exec_batch(void **state)
{
    (void)state;
    struct err e = {0};
    struct store_value zero = SV_INT(0), none = SV_INT(-1);
    struct store_stmt stmts[] = {
        {"SELECT * FROM jobs WHERE id > ? ORDER BY id", &zero, 1, false},
        {"SELECT id, title FROM jobs WHERE id > ? ORDER BY id DESC LIMIT 3", &zero, 1, true},
        {"SELECT id FROM jobs WHERE id = ?", &none, 1, false},
    };
    for (int round = 0; round < 3; round++) { /* new statements, then prepared ones */
        if (round == 2)
            assert_int_equal(store_begin_snapshot(conn, &e), 0);
        struct store_result *out[3], *alone;
        assert_int_equal(store_exec_batch(conn, stmts, 3, out, &e), 0);
        for (int i = 0; i < 3; i++) {
            assert_non_null(out[i]);
            assert_int_equal(
                stmts[i].custom
                    ? store_exec_custom(conn, stmts[i].sql, stmts[i].params, 1, &alone, &e)
                    : store_exec(conn, stmts[i].sql, stmts[i].params, 1, &alone, &e),
                0);
            assert_same_result(alone, out[i]);
            store_result_free(alone);
            store_result_free(out[i]);
        }
        if (round == 2)
            assert_int_equal(store_commit(conn, &e), 0);
    }
    /* a failure in the middle: store_exec's code and constraint, no results, and the
     * statements after it not run */
    struct store_result *u;
    assert_int_equal(
        store_exec(conn, "SELECT username FROM users ORDER BY id LIMIT 1", NULL, 0, &u, &e), 0);
    struct store_value dup[] = {SV_TEXT(store_text(u, 0, 0)), SV_TEXT("batch@example.com")};
    struct store_value fresh[] = {SV_TEXT("batch_fresh_user"), SV_TEXT("fresh@example.com")};
    const char *insert = "INSERT INTO users (username, email) VALUES (?, ?)";
    struct err e1 = {0}, e2 = {0};
    assert_int_equal(store_exec(conn, insert, dup, 2, NULL, &e1), ERR_CONFLICT);
    struct store_stmt failing[] = {
        {"SELECT COUNT(*) FROM users", NULL, 0, false},
        {insert, dup, 2, false},
        {insert, fresh, 2, true},
    };
    struct store_result *out[3] = {(void *)1, (void *)1, (void *)1};
    assert_int_equal(store_exec_batch(conn, failing, 3, out, &e2), ERR_CONFLICT);
    assert_string_equal(e1.constraint, e2.constraint);
    for (int i = 0; i < 3; i++)
        assert_null(out[i]);
    struct store_result *left;
    struct store_value fresh_name = SV_TEXT("batch_fresh_user");
    assert_int_equal(store_exec(conn, "SELECT COUNT(*) FROM users WHERE username = ?", &fresh_name,
                                1, &left, &e),
                     0);
    assert_int_equal(store_int(left, 0, 0), 0);
    store_result_free(left);
    store_result_free(u);
    /* a wrong parameter count is refused before anything is sent */
    struct store_stmt wrong[] = {stmts[0], {stmts[1].sql, NULL, 0, true}};
    struct err e3 = {0};
    assert_int_equal(store_exec_batch(conn, wrong, 2, out, &e3), ERR_INTERNAL);
    assert_null(out[0]);
    assert_null(out[1]);
    /* one statement is store_exec */
    assert_int_equal(store_exec_batch(conn, stmts, 1, out, &e), 0);
    assert_true(store_rows(out[0]) > 0);
    store_result_free(out[0]);
}

/* A guard's verify: passes when its statement found the user named in ctx; counts its calls. */
struct guard_probe {
    const char *username;
    int calls;
};
static int verify_probe(void *ctx, const struct store_result *r, struct err *e)
{
    struct guard_probe *p = ctx;
    p->calls++;
    if (store_rows(r) == 1 && strcmp(store_text(r, 0, 0), p->username) == 0)
        return 0;
    return err_set(e, ERR_UNAUTHORIZED, NULL, "probe failed");
}

/* store_guard_set: results pass only with the guard's verdict (riding in one batch where the
 * engine pipelines, alone first otherwise), a failed guard lets no statement out and nothing
 * through, a write never goes out before the guard passed, and store_guard_end runs a guard no
 * statement took along. */
static void test_guard(void **state)
{
    (void)state;
    struct err e = {0};
    struct store_result *u, *r, *out[2];
    assert_int_equal(
        store_exec(conn, "SELECT username FROM users ORDER BY id LIMIT 1", NULL, 0, &u, &e), 0);
    const char *name = store_text(u, 0, 0);
    struct store_value who = SV_TEXT(name), nobody = SV_TEXT("no such user");
    const char *lookup = "SELECT username FROM users WHERE username = ?";
    const char *count = "SELECT COUNT(*) FROM users";
    struct store_stmt two[] = {{count, NULL, 0, false}, {lookup, &who, 1, true}};
    for (int pass = 0; pass < 2; pass++) {
        struct guard_probe ok = {name, 0}, bad = {name, 0};
        struct store_guard g_ok = {{lookup, &who, 1, false}, verify_probe, &ok};
        struct store_guard g_bad = {{lookup, &nobody, 1, pass == 1}, verify_probe, &bad};
        /* passes: a single statement and then a batch, the same results as without a guard */
        store_guard_set(conn, &g_ok);
        assert_int_equal(pass ? store_exec_batch(conn, two, 2, out, &e)
                              : store_exec(conn, count, NULL, 0, &out[0], &e),
                         0);
        assert_int_equal(ok.calls, 1);
        assert_int_equal(store_exec(conn, count, NULL, 0, &r, &e), 0);
        assert_int_equal(store_int(r, 0, 0), store_int(out[0], 0, 0));
        if (pass) {
            assert_string_equal(store_text(out[1], 0, 0), name);
            store_result_free(out[1]);
        }
        store_result_free(out[0]);
        store_result_free(r);
        assert_int_equal(store_guard_end(conn, &e), 0);
        assert_int_equal(ok.calls, 1); /* ran once */
        /* fails: nothing handed out, every later call refused, no write goes out */
        store_guard_set(conn, &g_bad);
        struct err why = {0};
        out[0] = out[1] = (void *)1;
        assert_int_equal(pass ? store_exec_batch(conn, two, 2, out, &why)
                              : store_exec(conn, count, NULL, 0, &out[0], &why),
                         ERR_UNAUTHORIZED);
        assert_string_equal(why.message, "probe failed");
        assert_null(out[0]);
        if (pass)
            assert_null(out[1]);
        struct store_value renamed[] = {SV_TEXT("guard_renamed"), SV_TEXT(name)};
        assert_int_equal(store_exec(conn, "UPDATE users SET username = ? WHERE username = ?",
                                    renamed, 2, NULL, &e),
                         ERR_UNAUTHORIZED);
        assert_int_equal(store_begin(conn, &e), ERR_UNAUTHORIZED);
        assert_false(store_in_transaction(conn));
        assert_int_equal(store_guard_end(conn, &why), ERR_UNAUTHORIZED);
        assert_int_equal(bad.calls, 1);
        /* a write with a guard pending: the guard alone first, and the write only after it
         * passed (here it fails: the row keeps its name) */
        bad.calls = 0;
        store_guard_set(conn, &g_bad);
        assert_int_equal(store_exec(conn, "UPDATE users SET username = ? WHERE username = ?",
                                    renamed, 2, NULL, &e),
                         ERR_UNAUTHORIZED);
        assert_int_equal(store_guard_end(conn, &e), ERR_UNAUTHORIZED);
        assert_int_equal(bad.calls, 1);
        assert_int_equal(store_exec(conn, lookup, &who, 1, &r, &e), 0);
        assert_int_equal(store_rows(r), 1);
        store_result_free(r);
        /* no statement: store_guard_end runs it */
        ok.calls = 0;
        store_guard_set(conn, &g_ok);
        assert_int_equal(store_guard_end(conn, &e), 0);
        assert_int_equal(ok.calls, 1);
        /* a write after a guard that passed goes out as usual */
        store_guard_set(conn, &g_ok);
        struct store_value same[] = {SV_TEXT(name), SV_TEXT(name)};
        assert_int_equal(
            store_exec(conn, "UPDATE users SET username = ? WHERE username = ?", same, 2, &r, &e),
            0);
        assert_int_equal(store_changes(r), 1);
        store_result_free(r);
        assert_int_equal(store_guard_end(conn, &e), 0);
    }
    store_result_free(u);
}

static int64_t count_users(struct store_conn *c)
{
    struct err e = {0};
    struct store_result *r;
    assert_int_equal(store_exec(c, "SELECT COUNT(*) FROM users", NULL, 0, &r, &e), 0);
    int64_t n = store_int(r, 0, 0);
    store_result_free(r);
    return n;
}

static void add_user(struct store_conn *c, const char *name)
{
    struct err e = {0};
    char email[64];
    snprintf(email, sizeof email, "%s@example.com", name);
    struct store_value v[] = {SV_TEXT(name), SV_TEXT(email)};
    assert_int_equal(
        store_exec(c, "INSERT INTO users (username, email) VALUES (?, ?)", v, 2, NULL, &e), 0);
}

/* store_read_scope_begin: on SQLite the reads see one snapshot (another connection's write after
 * the first read is not seen until the scope ends); a write, or store_begin, ends it first, so
 * it never meets a snapshot it would have to upgrade (SQLITE_BUSY_SNAPSHOT); nothing changes on
 * PostgreSQL. */
static void test_read_scope(void **state)
{
    (void)state;
    struct err e = {0};
    struct store *second;
    assert_int_equal(store_open(getenv("STORE_TEST_URL"), 1, &second, &e), 0);
    struct store_conn *other = store_acquire(second);
    bool snapshot = store_engine(store) == STORE_SQLITE;
    int64_t n = count_users(conn);
    store_read_scope_begin(conn);
    assert_int_equal(count_users(conn), n);
    add_user(other, "scope_one");
    assert_int_equal(count_users(conn), snapshot ? n : n + 1);
    store_read_scope_end(conn);
    assert_int_equal(count_users(conn), n + 1);
    /* a write in the scope, after another connection wrote */
    store_read_scope_begin(conn);
    assert_int_equal(count_users(conn), n + 1);
    add_user(other, "scope_two");
    struct store_value v[] = {SV_TEXT("scope_one")};
    assert_int_equal(
        store_exec(conn, "UPDATE users SET is_admin = is_admin WHERE username = ?", v, 1, NULL, &e),
        0);
    assert_int_equal(count_users(conn), n + 2); /* the scope ended with the write */
    store_read_scope_end(conn);
    /* store_begin in the scope */
    store_read_scope_begin(conn);
    assert_int_equal(count_users(conn), n + 2);
    add_user(other, "scope_three");
    assert_int_equal(store_begin(conn, &e), 0);
    add_user(conn, "scope_four");
    assert_int_equal(store_commit(conn, &e), 0);
    assert_int_equal(count_users(conn), n + 4);
    store_read_scope_end(conn);
    /* released with a scope open: the next user of the connection finds none */
    store_read_scope_begin(other);
    assert_int_equal(count_users(other), n + 4);
    store_release(second, other);
    other = store_acquire(second);
    add_user(conn, "scope_five");
    assert_int_equal(count_users(other), n + 5);
    assert_int_equal(store_exec(conn,
                                "DELETE FROM users WHERE username IN ('scope_one', 'scope_two', "
                                "'scope_three', 'scope_four', 'scope_five')",
                                NULL, 0, NULL, &e),
                     0);
    assert_int_equal(count_users(conn), n);
    store_release(second, other);
    store_close(second);
}

/* store_sql_in_texts: a column equal to any text of a bound JSON array (none for an empty one;
 * quotes and non-ASCII text are values, never SQL). */
static void test_in_texts(void **state)
{
    (void)state;
    struct err e = {0};
    struct store_result *u, *r;
    assert_int_equal(
        store_exec(conn, "SELECT username FROM users ORDER BY id LIMIT 2", NULL, 0, &u, &e), 0);
    assert_int_equal(store_rows(u), 2);
    char cond[160], sql[256], list[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM users WHERE %s",
             store_sql_in_texts(conn, "username", cond, sizeof cond));
    snprintf(list, sizeof list, "[\"%s\", \"nobody's \u00e9\", \"%s\", \"%s\"]",
             store_text(u, 0, 0), store_text(u, 1, 0), store_text(u, 0, 0));
    const char *lists[] = {list, "[]", "[\"x') OR (1=1\"]"};
    const int64_t counts[] = {2, 0, 0};
    for (int i = 0; i < 3; i++) {
        struct store_value p = SV_TEXT(lists[i]);
        assert_int_equal(store_exec_custom(conn, sql, &p, 1, &r, &e), 0);
        assert_int_equal(store_int(r, 0, 0), counts[i]);
        store_result_free(r);
    }
    store_result_free(u);
}

/* store_compact keeps every row (PostgreSQL: VACUUM FULL, then VACUUM (ANALYZE); nothing on
 * SQLite). */
static void test_compact(void **state)
{
    (void)state;
    struct err e = {0};
    struct store_result *before, *after;
    const char *sum = "SELECT count(*), COALESCE(SUM(n), 0) FROM job_counts";
    assert_int_equal(store_exec(conn, sum, NULL, 0, &before, &e), 0);
    assert_int_equal(store_compact(conn, "job_counts", &e), 0);
    assert_int_equal(store_exec(conn, sum, NULL, 0, &after, &e), 0);
    assert_int_equal(store_int(after, 0, 0), store_int(before, 0, 0));
    assert_int_equal(store_int(after, 0, 1), store_int(before, 0, 1));
    store_result_free(before);
    store_result_free(after);
}

/* store_refresh_stats with a column list takes the statistics of those columns only, and without
 * one of every column (PostgreSQL: VACUUM (ANALYZE) t (cols); nothing on SQLite); with a
 * statistics target, coarser ones for that refresh only. The probe table
 * keeps autovacuum off, so only the calls here analyse it. */
static void test_refresh_stats_columns(void **state)
{
    (void)state;
    struct err e = {0};
    assert_int_equal(store_exec_script(conn,
                                       engine == STORE_POSTGRES
                                           ? "CREATE TABLE refresh_probe (a integer, b text) "
                                             "WITH (autovacuum_enabled = false); "
                                             "INSERT INTO refresh_probe SELECT i, 'row ' || i "
                                             "FROM generate_series(1, 200) i"
                                           : "CREATE TABLE refresh_probe (a integer, b text); "
                                             "INSERT INTO refresh_probe VALUES (1, 'row 1')",
                                       &e),
                     0);
    const char *analysed = "SELECT string_agg(attname, ',' ORDER BY attname) FROM pg_stats "
                           "WHERE tablename = 'refresh_probe'";
    const char *expect[] = {"a", "a,b"};
    const char *columns[] = {"a", NULL};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(store_refresh_stats(conn, "refresh_probe", columns[i], 0, &e), 0);
        if (engine != STORE_POSTGRES)
            continue;
        struct store_result *r;
        assert_int_equal(store_exec(conn, analysed, NULL, 0, &r, &e), 0);
        assert_string_equal(store_text(r, 0, 0), expect[i]);
        store_result_free(r);
    }
    /* a statistics target for this refresh only: column a's 200 distinct values in 11
     * histogram bounds (10 buckets) instead of 101, and the session's default back after */
    assert_int_equal(store_refresh_stats(conn, "refresh_probe", "a", 10, &e), 0);
    if (engine == STORE_POSTGRES) {
        struct store_result *r;
        assert_int_equal(store_exec(conn,
                                    "SELECT array_length(histogram_bounds::text::text[], 1), "
                                    "current_setting('default_statistics_target') FROM pg_stats "
                                    "WHERE tablename = 'refresh_probe' AND attname = 'a'",
                                    NULL, 0, &r, &e),
                         0);
        assert_string_equal(store_text(r, 0, 0), "11");
        assert_string_equal(store_text(r, 0, 1), "100");
        store_result_free(r);
    }
    /* a column the table lacks: an error, not a crash (the import ignores it); the target set
     * for it is put back all the same */
    int rc = store_refresh_stats(conn, "refresh_probe", "missing", 10, &e);
    if (engine == STORE_POSTGRES) {
        assert_int_not_equal(rc, 0);
        struct store_result *r;
        assert_int_equal(store_exec(conn, "SELECT current_setting('default_statistics_target')",
                                    NULL, 0, &r, &e),
                         0);
        assert_string_equal(store_text(r, 0, 0), "100");
        store_result_free(r);
    } else {
        assert_int_equal(rc, 0);
    }
    assert_int_equal(store_exec_script(conn, "DROP TABLE refresh_probe", &e), 0);
}

static void test_cursor_edges(void **state)
{
    (void)state;
    struct err e = {0};
    struct store_cursor *cur;
    /* no row: the end at once, the columns still named */
    assert_int_equal(
        store_cursor_open(conn, "SELECT id, username FROM users WHERE id < 0", NULL, 0, &cur, &e),
        0);
    assert_int_equal(store_cursor_next(cur, &e), 0);
    assert_int_equal(store_cols(store_cursor_row(cur)), 2);
    assert_string_equal(store_colname(store_cursor_row(cur), 1), "username");
    store_cursor_close(cur);
    /* closed after one row of many: the connection works on */
    struct store_value limit = SV_INT(100000);
    assert_int_equal(store_cursor_open(conn,
                                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                       "FROM n WHERE i < ?) SELECT i FROM n",
                                       &limit, 1, &cur, &e),
                     0);
    assert_int_equal(store_cursor_next(cur, &e), 1);
    store_cursor_close(cur);
    struct store_result *r;
    assert_int_equal(store_exec(conn, "SELECT 42", NULL, 0, &r, &e), 0);
    assert_int_equal(store_int(r, 0, 0), 42);
    store_result_free(r);
    /* a statement that fails: at the open or at the first step, never a row */
    int rc = store_cursor_open(conn, "SELECT no_such_column FROM users", NULL, 0, &cur, &e);
    if (rc == 0) {
        rc = store_cursor_next(cur, &e);
        store_cursor_close(cur);
    }
    assert_true(rc < 0);
    assert_true(e.message[0] != '\0');
    err_clear(&e);
    assert_int_equal(store_exec(conn, "SELECT 1", NULL, 0, NULL, &e), 0);
}

int main(void)
{
    const char *url = getenv("STORE_TEST_URL");
    if (url == NULL || *url == '\0') {
        fprintf(stderr, "store_contract: set STORE_TEST_URL to sqlite:PATH or "
                        "postgresql://... (a database the suite may wipe)\n");
        return 1;
    }
    struct err e = {0};
    if (store_open(url, 1, &store, &e) != 0) {
        fprintf(stderr, "store_contract: cannot open %s: %s\n", url, e.message);
        return 1;
    }
    engine = store_engine(store);
    int reverted = 0, applied = 0;
    if (migrate_down(store, INT_MAX, &reverted, &e) != 0 || migrate_up(store, &applied, &e) != 0) {
        fprintf(stderr, "store_contract: cannot migrate %s: %s\n", url, e.message);
        store_close(store);
        return 1;
    }
    printf("store_contract on %s (%s): %d migrations reverted, %d applied\n", url,
           engine == STORE_SQLITE ? "SQLite" : "PostgreSQL", reverted, applied);

    const struct CMUnitTest migrations[] = {
        cmocka_unit_test(test_migrate_status),
        cmocka_unit_test(test_migrate_roundtrip),
        cmocka_unit_test(test_migrate_step_by_step),
        cmocka_unit_test(test_migrate_jobs_source_backfill),
        cmocka_unit_test(test_migrate_unread_job_indexes),
        cmocka_unit_test(test_migrate_stack_before),
        cmocka_unit_test(test_migrate_stack_full_version),
        cmocka_unit_test(test_migrate_checks_without_in_lists),
        cmocka_unit_test(test_migrate_date_count_triggers),
        cmocka_unit_test(test_migrate_job_triggers),
        cmocka_unit_test(test_migrate_data_version_owner_trigger),
        cmocka_unit_test(test_application_job_copies),
    };
    const struct CMUnitTest cascades[] = {
        cmocka_unit_test(test_resume_files),
        cmocka_unit_test(test_delete_user_cascades),
        cmocka_unit_test(test_delete_job_cascades_and_sets_null),
        cmocka_unit_test(test_delete_parents_cascade),
        cmocka_unit_test(test_delete_links_cascade),
    };
    const struct CMUnitTest fulltext[] = {
        cmocka_unit_test(test_fulltext),
        cmocka_unit_test(test_fulltext_random_writes),
        cmocka_unit_test(test_fulltext_index_constraints),
        cmocka_unit_test(test_fulltext_lexemes),
    };
    const struct CMUnitTest throttles[] = {
        cmocka_unit_test(test_login_throttles),
    };
    const struct CMUnitTest versions[] = {
        cmocka_unit_test(test_row_version_bumps),
    };
    const struct CMUnitTest cursors[] = {
        cmocka_unit_test(test_cursor_rows),
        cmocka_unit_test(test_cursor_edges),
        cmocka_unit_test(test_exec_each_rows),
        cmocka_unit_test(test_exec_custom),
        cmocka_unit_test(test_exec_batch),
        cmocka_unit_test(test_guard),
        cmocka_unit_test(test_read_scope),
        cmocka_unit_test(test_sql_lateral),
        cmocka_unit_test(test_row_stamp), /* the kept job's (src/api/jobs.c) */
        cmocka_unit_test(test_in_texts),
        cmocka_unit_test(test_compact),
        cmocka_unit_test(test_refresh_stats_columns),
    };
    const struct CMUnitTest data_versions[] = {
        cmocka_unit_test(test_data_versions_bump),
    };
    const struct CMUnitTest counters[] = {
        cmocka_unit_test(test_counters_match_recount),
        cmocka_unit_test(test_counters_constraints),
    };
    int failed = 0;
    failed += cmocka_run_group_tests_name("migrations", migrations, NULL, NULL);
    failed += run_constraint_group();
    failed += run_defaults_group();
    failed += cmocka_run_group_tests_name("cascades", cascades, group_setup, group_teardown);
    failed += cmocka_run_group_tests_name("fulltext", fulltext, group_setup, group_teardown);
    failed +=
        cmocka_run_group_tests_name("login throttles", throttles, group_setup, group_teardown);
    failed += cmocka_run_group_tests_name("row versions", versions, group_setup, group_teardown);
    failed += cmocka_run_group_tests_name("cursors", cursors, group_setup, group_teardown);
    failed += cmocka_run_group_tests_name("counters", counters, group_setup, group_teardown);
    failed +=
        cmocka_run_group_tests_name("data versions", data_versions, group_setup, group_teardown);
    store_close(store);
    return failed ? 1 : 0;
}
