/* This file implements the whole-account operations of account.h. The export maps every table
 * through its model's descriptor, owner's view: what the routes show the owner, nothing more. */
#include "account.h"

#include <string.h>

#include "../lib/timeutil.h"
#include "application.h"
#include "career_resource.h"
#include "contact.h"
#include "content.h"
#include "feedback.h"
#include "interview.h"
#include "job.h"
#include "job_source.h"
#include "learning_path.h"
#include "recommendation.h"
#include "resume.h"
#include "session.h"
#include "snapshot.h"
#include "task.h"
#include "user.h"

int account_delete(struct store_conn *c, int64_t id, struct err *e)
{
    return table_delete(c, &user_table, 0, id, e);
}

int account_set_password(struct store_conn *c, int64_t id, const char *hash,
                         const char *keep_digest, struct arena *a, struct err *e)
{
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = user_set_password(c, id, hash, a, e);
    if (rc == 0)
        rc = session_revoke_others(c, id, keep_digest, e);
    if (rc == 0)
        rc = store_commit(c, e);
    store_rollback(c); /* after a commit: nothing to undo */
    return rc;
}

/* One table of the export: its descriptor decides the columns and the fields the owner sees
 * (table_row_json: VIEW_OWNER), exactly as the routes do; there is no other list. */
struct export_table {
    const char *key;
    const struct table *t;
    const char *where; /* how the table belongs to the user */
    const char *order; /* the rows' order (NULL: by id) */
};

static int export_one(struct store_conn *c, const struct export_table *x, int64_t id,
                      struct arena *a, json_t *doc, struct err *e)
{
    const char *sql =
        arena_printf(a, "SELECT %s FROM %s WHERE %s ORDER BY %s", table_columns(x->t, NULL, a),
                     x->t->name, x->where, x->order ? x->order : "id");
    struct store_value p[] = {SV_INT(id)};
    struct store_result *r;
    int rc = store_exec(c, sql, p, 1, &r, e);
    if (rc)
        return rc;
    json_t *rows = json_array();
    for (size_t i = 0; i < store_rows(r); i++)
        json_array_append_new(rows, table_row_json_as(x->t, r, i, VIEW_OWNER));
    store_result_free(r);
    json_object_set_new(doc, x->key, rows);
    return 0;
}

/* The document account_export makes: one list per table of tables[] below, in the owner's
 * view (the API document reads it). */
static const struct field export_fields[] = {
    {"exported_at", FT_TIMESTAMP, F_NOTNULL},
    {"user", FT_OBJECT, F_NOTNULL, .of = &user_table},
    {"preferences", FT_OBJECT, F_NOTNULL, .of = &user_preferences_table},
    {"jobs", FT_LIST, F_NOTNULL, .of = &job_table},
    {"applications", FT_LIST, F_NOTNULL, .of = &application_table},
    {"analytics", FT_LIST, F_NOTNULL, .of = &snapshot_table},
    {"feedback", FT_LIST, F_NOTNULL, .of = &feedback_table},
    {"feedback_votes", FT_LIST, F_NOTNULL, .of = &feedback_vote_table},
    {"job_recommendation_feedback", FT_LIST, F_NOTNULL, .of = &recommendation_feedback_table},
    {"interview_sessions", FT_LIST, F_NOTNULL, .of = &interview_table},
    {"interview_questions", FT_LIST, F_NOTNULL, .of = &interview_question_table},
    {"resume_uploads", FT_LIST, F_NOTNULL, .of = &resume_table},
    {"content_generations", FT_LIST, F_NOTNULL, .of = &content_table},
    {"content_versions", FT_LIST, F_NOTNULL, .of = &content_version_table},
    {"resource_bookmarks", FT_LIST, F_NOTNULL, .of = &career_resource_bookmark_table},
    {"resource_feedback", FT_LIST, F_NOTNULL, .of = &career_resource_feedback_table},
    {"resource_views", FT_LIST, F_NOTNULL, .of = &career_resource_view_table},
    {"learning_path_enrollments", FT_LIST, F_NOTNULL, .of = &learning_path_enrollment_table},
    {"job_sources", FT_LIST, F_NOTNULL, .of = &job_source_table},
    {"job_source_runs", FT_LIST, F_NOTNULL, .of = &job_source_run_table},
    {"contacts", FT_LIST, F_NOTNULL, .of = &contact_table},
    {"application_contacts", FT_LIST, F_NOTNULL, .of = &application_contact_table},
    {"tasks", FT_LIST, F_NOTNULL, .of = &task_table},
    {"job_resumes", FT_LIST, F_NOTNULL, .of = &job_resume_table},
    {NULL},
};
const struct table account_export_reply = {NULL, export_fields, false, "AccountExport"};

int account_export(struct store_conn *c, int64_t id, struct arena *a, json_t **out, struct err *e)
{
    static const struct export_table tables[] = {
        {"jobs", &job_table, "user_id = ?"},
        {"applications", &application_table, "user_id = ?"},
        {"analytics", &snapshot_table, "user_id = ?"},
        {"feedback", &feedback_table, "user_id = ?"},
        {"feedback_votes", &feedback_vote_table, "user_id = ?"},
        {"job_recommendation_feedback", &recommendation_feedback_table, "user_id = ?"},
        {"interview_sessions", &interview_table, "user_id = ?"},
        {"interview_questions", &interview_question_table,
         "session_id IN (SELECT id FROM interview_sessions WHERE user_id = ?)"},
        {"resume_uploads", &resume_table, "user_id = ?"},
        {"content_generations", &content_table, "user_id = ?"},
        {"content_versions", &content_version_table,
         "content_generation_id IN (SELECT id FROM content_generations WHERE user_id = ?)"},
        {"resource_bookmarks", &career_resource_bookmark_table, "user_id = ?"},
        {"resource_feedback", &career_resource_feedback_table, "user_id = ?"},
        {"resource_views", &career_resource_view_table, "user_id = ?"},
        {"learning_path_enrollments", &learning_path_enrollment_table, "user_id = ?"},
        {"job_sources", &job_source_table, "user_id = ?"},
        {"job_source_runs", &job_source_run_table, "user_id = ?"},
        {"contacts", &contact_table, "user_id = ?"},
        {"application_contacts", &application_contact_table, "user_id = ?",
         "application_id, contact_id"},
        {"tasks", &task_table, "user_id = ?"},
        {"job_resumes", &job_resume_table, "user_id = ?"},
    };
    json_t *user;
    int rc = table_get(c, &user_table, 0, id, a, &user, e);
    if (rc)
        return rc;
    json_t *doc = json_pack("{s:s, s:o}", "exported_at", time_now_text(a), "user", user);
    json_t *prefs;
    rc = user_preferences_get(c, id, a, &prefs, e);
    if (rc)
        goto fail;
    json_object_set_new(doc, "preferences", prefs);
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        rc = export_one(c, &tables[i], id, a, doc, e);
        if (rc)
            goto fail;
    }
    *out = doc;
    return 0;
fail:
    json_decref(doc);
    return rc;
}
