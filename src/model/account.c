/* This file implements the whole-account operations of account.h. The export maps every table
 * through its model's descriptor, owner's view: what the routes show the owner, nothing more. */
#include "account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
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

/* Times account_delete tries its transaction when the database gives up on it. */
#define DELETE_ATTEMPTS 4

/* One attempt at account_delete, in a transaction: the user's jobs locked first, in the order
 * of their ids, then the user's row deleted with everything it owns by cascade. */
static int delete_once(struct store_conn *c, int64_t id, struct err *e)
{
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    struct store_value p[] = {SV_INT(id)};
    char sql[96];
    /* FOR NO KEY UPDATE (PostgreSQL): the lock a job's writers wait for, but not the inserts
       whose foreign key names a job (a task, a generated text), which hold the user's row by
       their other key and would wait for the deletion while it waits for them */
    snprintf(sql, sizeof sql, "SELECT id FROM jobs WHERE user_id = ? ORDER BY id%s",
             *store_sql_for_update(c) ? " FOR NO KEY UPDATE" : "");
    rc = store_exec(c, sql, p, 1, NULL, e);
    if (rc == 0)
        rc = table_delete(c, &user_table, 0, id, e);
    return table_finish(c, rc, NULL, e);
}

int account_delete(struct store_conn *c, int64_t id, struct err *e)
{
    /* The user's own requests, on this server or another, lock a job and then its owner (every
     * write of a job or of an application does), while the cascade of the user's row locked the
     * owner first and then the jobs: PostgreSQL broke the deadlock by failing one of them, and a
     * deletion racing its account's writes failed with 503 in 9 of 25 rounds (the writers in 8
     * more). Locking the jobs first takes the writers' order. What may still deadlock (another
     * table's rows) is tried again: nothing of a failed attempt remains. A writer that comes
     * after finds its account gone (src/http/router.c). */
    int rc = delete_once(c, id, e);
    for (int attempt = 1; rc == ERR_UNAVAILABLE && attempt < DELETE_ATTEMPTS; attempt++) {
        err_clear(e);
        rc = delete_once(c, id, e);
    }
    return rc;
}

int account_register(struct store_conn *c, const struct account_new *n, struct arena *a,
                     json_t **user, struct err *e)
{
    *user = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = user_create(c, n->username, n->email, n->password_hash, false, a, user, e);
    if (rc == 0)
        rc = session_create(c, json_get_int(*user, "id"), n->token_digest, n->expires_at,
                            n->user_agent, a, e);
    return table_finish(c, rc, user, e);
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
    return table_finish(c, rc, NULL, e);
}

/* The document the export writes, in order: three members read at the start, then one list per
 * table in the owner's view (table_row_json: VIEW_OWNER), exactly as the routes show them; the
 * API document reads the same list (account_export_reply). */
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

#define EXPORT_HEAD 3 /* exported_at, user, preferences */
#define EXPORT_MEMBERS (sizeof export_fields / sizeof export_fields[0] - 1)

/* How the rows of table t belong to the user (one '?', the user's id). */
static const char *owned_by(const struct table *t)
{
    if (t == &interview_question_table)
        return "session_id IN (SELECT id FROM interview_sessions WHERE user_id = ?)";
    if (t == &content_version_table)
        return "content_generation_id IN (SELECT id FROM content_generations WHERE user_id = ?)";
    return "user_id = ?";
}

/* The order of table t's rows in the export (by id unless the table has none). */
static const char *order_of(const struct table *t)
{
    if (t == &application_contact_table)
        return "application_id, contact_id";
    return "id";
}
#define EXPORT_PART (32 * 1024) /* bytes account_export_next aims for */

struct account_export {
    struct store_conn *c;
    int64_t id;
    size_t flags;
    struct arena arena;
    json_t *head;              /* exported_at, user, preferences: small, written first */
    size_t member;             /* the list being written (index in export_fields) */
    struct store_cursor *rows; /* its rows, NULL between tables */
    size_t count;              /* rows written of this table */
    int64_t written;           /* rows written of every table */
    bool started, finished;
};

int account_export_open(struct store_conn *c, int64_t id, size_t flags, struct account_export **out,
                        struct err *e)
{
    struct account_export *x = xcalloc(1, sizeof *x);
    arena_init(&x->arena);
    x->c = c;
    x->id = id;
    x->flags = flags;
    json_t *user, *prefs;
    int rc = table_get(c, &user_table, 0, id, &x->arena, &user, e);
    if (rc == 0) {
        x->head = json_pack("{s:s, s:o}", "exported_at", time_now_text(&x->arena), "user", user);
        rc = user_preferences_get(c, id, &x->arena, &prefs, e);
        if (rc == 0)
            json_object_set_new(x->head, "preferences", prefs);
    }
    if (rc) {
        account_export_close(x);
        return rc;
    }
    *out = x;
    return 0;
}

/* Starts the cursor over the rows of the list x->member. */
static int start_table(struct account_export *x, struct err *e)
{
    const struct table *t = export_fields[x->member].of;
    const char *sql =
        arena_printf(&x->arena, "SELECT %s FROM %s WHERE %s ORDER BY %s",
                     table_columns(t, NULL, &x->arena), t->name, owned_by(t), order_of(t));
    struct store_value p[] = {SV_INT(x->id)};
    x->count = 0;
    return store_cursor_open(x->c, sql, p, 1, &x->rows, e);
}

int account_export_next(struct account_export *x, struct buf *out, struct err *e)
{
    if (x->finished)
        return 0;
    if (!x->started) { /* {"exported_at", "user", "preferences" as json_dumps writes them */
        x->started = true;
        buf_putc(out, '{');
        size_t i = 0;
        const char *key;
        json_t *value;
        json_object_foreach(x->head, key, value)
        {
            json_stream_key(out, key, i++, x->flags, 1);
            json_stream_value(out, value, x->flags, 1);
        }
        x->member = EXPORT_HEAD;
    }
    while (x->member < EXPORT_MEMBERS && out->len < EXPORT_PART) {
        const struct field *f = &export_fields[x->member];
        if (x->rows == NULL) {
            json_stream_key(out, f->name, x->member, x->flags, 1);
            buf_putc(out, '[');
            int rc = start_table(x, e);
            if (rc)
                return rc;
        }
        int rc = store_cursor_next(x->rows, e);
        if (rc < 0)
            return rc;
        if (rc == 1) {
            json_t *row = table_row_json_as(f->of, store_cursor_row(x->rows), 0, VIEW_OWNER);
            json_stream_key(out, NULL, x->count++, x->flags, 2);
            x->written++;
            json_stream_value(out, row, x->flags, 2);
            json_decref(row);
            continue;
        }
        store_cursor_close(x->rows);
        x->rows = NULL;
        json_stream_close(out, ']', x->count, x->flags, 2);
        x->member++;
    }
    if (x->member < EXPORT_MEMBERS)
        return 1;
    json_stream_close(out, '}', EXPORT_MEMBERS, x->flags, 1);
    x->finished = true;
    return 0;
}

int64_t account_export_rows(const struct account_export *x)
{
    return x->written;
}

void account_export_close(struct account_export *x)
{
    if (x == NULL)
        return;
    store_cursor_close(x->rows);
    json_decref(x->head);
    arena_free(&x->arena);
    free(x);
}
