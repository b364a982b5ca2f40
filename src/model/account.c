/* This file implements the whole-account operations of account.h. */
#include "account.h"

#include <string.h>

#include "../lib/timeutil.h"
#include "application.h"
#include "job.h"
#include "session.h"
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

/* Rows of a table without a table descriptor yet: JSON-looking text is parsed back. */
static json_t *raw_rows(const struct store_result *r)
{
    json_t *rows = json_array();
    for (size_t i = 0; i < store_rows(r); i++) {
        json_t *obj = json_object();
        for (int col = 0; col < store_cols(r); col++) {
            const char *text = store_text(r, i, col);
            json_t *v = NULL;
            if (text && (text[0] == '[' || text[0] == '{'))
                v = json_loads(text, 0, NULL);
            if (v == NULL)
                v = text ? json_string(text) : json_null();
            json_object_set_new(obj, store_colname(r, col), v);
        }
        json_array_append_new(rows, obj);
    }
    return rows;
}

struct export_table {
    const char *key;
    const char *table;
    const struct table *descriptor; /* NULL: raw rows */
    const char *where;              /* how the table belongs to the user */
};

static int export_one(struct store_conn *c, const struct export_table *t, int64_t id,
                      struct arena *a, json_t *doc, struct err *e)
{
    const char *columns = t->descriptor ? table_columns(t->descriptor, NULL, a) : "*";
    const char *sql =
        arena_printf(a, "SELECT %s FROM %s WHERE %s ORDER BY id", columns, t->table, t->where);
    struct store_value p[] = {SV_INT(id)};
    struct store_result *r;
    int rc = store_exec(c, sql, p, 1, &r, e);
    if (rc)
        return rc;
    json_t *rows;
    if (t->descriptor) {
        rows = json_array();
        for (size_t i = 0; i < store_rows(r); i++)
            json_array_append_new(rows, table_row_json(t->descriptor, r, i));
    } else {
        rows = raw_rows(r);
    }
    store_result_free(r);
    json_object_set_new(doc, t->key, rows);
    return 0;
}

int account_export(struct store_conn *c, int64_t id, struct arena *a, json_t **out, struct err *e)
{
    static const struct export_table tables[] = {
        {"jobs", "jobs", &job_table, "user_id = ?"},
        {"applications", "applications", &application_table, "user_id = ?"},
        {"analytics", "analytics", NULL, "user_id = ?"},
        {"feedback", "feedback", NULL, "user_id = ?"},
        {"feedback_votes", "feedback_votes", NULL, "user_id = ?"},
        {"job_recommendation_feedback", "job_recommendation_feedback", NULL, "user_id = ?"},
        {"interview_sessions", "interview_sessions", NULL, "user_id = ?"},
        {"interview_questions", "interview_questions", NULL,
         "session_id IN (SELECT id FROM interview_sessions WHERE user_id = ?)"},
        {"resume_uploads", "resume_uploads", NULL, "user_id = ?"},
        {"content_generations", "content_generations", NULL, "user_id = ?"},
        {"content_versions", "content_versions", NULL,
         "content_generation_id IN (SELECT id FROM content_generations WHERE user_id = ?)"},
        {"resource_bookmarks", "resource_bookmarks", NULL, "user_id = ?"},
        {"resource_feedback", "resource_feedback", NULL, "user_id = ?"},
        {"resource_views", "resource_views", NULL, "user_id = ?"},
        {"learning_path_enrollments", "learning_path_enrollments", NULL, "user_id = ?"},
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
