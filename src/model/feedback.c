/*
 * This file implements the feedback model of feedback.h: the field table, reads that add the
 * vote sum and the viewer's own vote, visibility (own items, or all for administrators),
 * resolved_at following the status, and the vote upsert.
 */
#include "feedback.h"

#include <string.h>

#include "../core/progress.h"
#include "../core/validate.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"

static const char *const types[] = {"bug_report",
                                    "feature_request",
                                    "improvement",
                                    "general",
                                    "job_recommendation",
                                    "skill_gap_suggestion",
                                    "content_generation",
                                    "interview_practice",
                                    NULL};
static const char *const priorities[] = {"low", "medium", "high", "critical", NULL};
static const char *const statuses[] = {"open",     "in_review", "planned", "in_progress",
                                       "resolved", "closed",    NULL};

#define LONG_TEXT .max = 100000

static const struct field feedback_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"type", FT_TEXT, F_WRITE | F_REQUIRED, types},
    {"priority", FT_TEXT, F_WRITE | F_NOTNULL, priorities},
    {"status", FT_TEXT, F_WRITE | F_NOTNULL, statuses},
    {"title", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 255},
    {"description", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, LONG_TEXT},
    {"page_url", FT_TEXT, F_WRITE, .max = 2048, .check = validate_page_url},
    {"user_agent", FT_TEXT, F_WRITE, .max = 1024},
    {"extra_data", FT_OBJECT, F_WRITE},
    {"admin_response", FT_TEXT, F_WRITE, LONG_TEXT},
    {"admin_notes", FT_TEXT, F_WRITE | F_ADMIN, LONG_TEXT},
    {"resolved_at", FT_TIMESTAMP, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table feedback_table = {"feedback", feedback_fields, true, "Feedback"};

static const struct field item_fields[] = {

    {"vote_score", FT_INT, F_NOTNULL, .doc = "the sum of the votes"},
    {"my_vote", FT_INT, 0, .min = -1, .max = 1, .doc = "the caller's vote, null when none"},
    {NULL},
};
const struct table feedback_item_reply = {NULL, item_fields, false, "FeedbackItem",
                                          &feedback_table};

static const struct field vote_fields[] = {
    {"id", FT_INT, 0},   {"feedback_id", FT_INT, 0},      {"user_id", FT_INT, 0},
    {"vote", FT_INT, 0}, {"created_at", FT_TIMESTAMP, 0}, {NULL},
};
const struct table feedback_vote_table = {"feedback_votes", vote_fields, true, "FeedbackVote"};

/* The vote sum of the row f, as an SQL expression (also the vote_score sort key). */
#define VOTE_SCORE                                                                                 \
    "COALESCE((SELECT SUM(v.vote) FROM feedback_votes v WHERE v.feedback_id = f.id), 0)"

/* The viewer's own vote on the row f: its one '?' is the viewer's id. */
#define MY_VOTE "(SELECT m.vote FROM feedback_votes m WHERE m.feedback_id = f.id AND m.user_id = ?)"

/* SELECT list with the vote sum and the viewer's vote: its one '?' is the viewer's id. */
static const char *select_list(struct arena *a)
{
    return arena_printf(a,
                        "SELECT %s, " VOTE_SCORE " AS vote_score, " MY_VOTE " AS my_vote "
                        "FROM feedback f",
                        table_columns(&feedback_table, "f.", a));
}

/* Row i of res as the viewer sees it: typed vote columns, the F_ADMIN fields (admin_notes)
 * only for admins. */
static json_t *row_json(const struct store_result *res, size_t i, bool admin)
{
    json_t *obj = table_row_json_as(&feedback_table, res, i, admin ? VIEW_ADMIN : VIEW_OWNER);
    int score = store_colindex(res, "vote_score"), mine = store_colindex(res, "my_vote");
    json_object_set_new(obj, "vote_score", json_integer(store_int(res, i, score)));
    json_object_set_new(obj, "my_vote",
                        store_isnull(res, i, mine) ? json_null()
                                                   : json_integer(store_int(res, i, mine)));
    return obj;
}

/* ================================================================ lists */

static const char *const list_sortable[] = {"created_at", "updated_at", "vote_score",
                                            "votes",      "priority",   NULL};
static const struct list_param list_filters[] = {
    {"type", "type", FILTER_EQ},
    {"status", "status", FILTER_EQ},
    {"priority", "priority", FILTER_EQ},
    {"user_id", "user_id", FILTER_EQ},
    {NULL},
};
const struct list_spec feedback_list_spec = {list_filters, list_sortable, "-created_at"};

/* The ORDER BY key for a sortable name. */
static const char *sort_key(const char *name)
{
    if (strcmp(name, "vote_score") == 0 || strcmp(name, "votes") == 0)
        return VOTE_SCORE;
    if (strcmp(name, "priority") == 0)
        return "CASE f.priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 "
               "ELSE 3 END";
    if (strcmp(name, "updated_at") == 0)
        return "f.updated_at";
    return "f.created_at";
}

static const char *on_order(void *ctx, const struct list_query *q, struct arena *a)
{
    return arena_printf(a, "%s %s", sort_key(q->sort), q->desc ? "DESC" : "ASC");
}

static json_t *on_row(void *ctx, const struct store_result *res, size_t i)
{
    return row_json(res, i, *(const bool *)ctx);
}

int feedback_list(struct store_conn *c, int64_t viewer, bool admin, const struct list_params *p,
                  struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, &feedback_table, &feedback_list_spec, p, a, &q, e);
    if (rc)
        return rc;
    struct store_value me = SV_INT(viewer);
    const struct list_hooks hooks = {
        .alias = "f",
        .extra_columns = VOTE_SCORE " AS vote_score, " MY_VOTE " AS my_vote",
        .extra_params = &me,
        .nextra = 1,
        .order = on_order,
        .row = on_row,
        .ctx = &admin,
    };
    return table_list(c, &feedback_table, admin ? 0 : viewer, &q, &hooks, a, items, total, e);
}

int feedback_get(struct store_conn *c, int64_t viewer, bool admin, int64_t id, struct arena *a,
                 json_t **out, struct err *e)
{
    const char *sql =
        arena_printf(a, "%s WHERE f.id = ?%s", select_list(a), admin ? "" : " AND f.user_id = ?");
    struct store_value p[] = {SV_INT(viewer), SV_INT(id), SV_INT(viewer)};
    struct store_result *res;
    int rc = store_exec(c, sql, p, admin ? 2 : 3, &res, e);
    if (rc)
        return rc;
    if (store_rows(res) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no such feedback");
    else
        *out = row_json(res, 0, admin);
    store_result_free(res);
    return rc;
}

/* Checks that the viewer may see item id; *status (may be NULL) receives its status (arena). */
static int visible(struct store_conn *c, int64_t viewer, bool admin, int64_t id, struct arena *a,
                   const char **status, struct err *e)
{
    struct store_value p[] = {SV_INT(id)};
    struct store_result *res;
    int rc = store_exec(c, "SELECT user_id, status FROM feedback WHERE id = ?", p, 1, &res, e);
    if (rc)
        return rc;
    bool ok = store_rows(res) == 1 &&
              (admin || (!store_isnull(res, 0, 0) && store_int(res, 0, 0) == viewer));
    if (ok && status)
        *status = arena_strdup(a, store_text(res, 0, 1));
    store_result_free(res);
    return ok ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no such feedback");
}

/* Sets or clears resolved_at in v as the status moves from old (NULL: new item). */
static void follow_status(struct values *v, const char *old, struct arena *a)
{
    switch (progress_feedback_resolution(old, values_text(v, "status"))) {
    case PROGRESS_STAMP_SET:
        values_set(v, &feedback_table, "resolved_at", SV_TEXT(time_now_text(a)));
        break;
    case PROGRESS_STAMP_CLEAR:
        values_set(v, &feedback_table, "resolved_at", SV_NULL);
        break;
    case PROGRESS_STAMP_KEEP:
        break;
    }
}

/* After a write of item id (rc its result) inside the transaction the caller began: reads the
 * item as viewer sees it into *out and commits, or rolls back on failure. The read is part of
 * the transaction, so that a failed read undoes the write rather than answer an error for it. */
static int read_back(struct store_conn *c, int rc, int64_t viewer, bool admin, int64_t id,
                     struct arena *a, json_t **out, struct err *e)
{
    *out = NULL;
    if (rc == 0)
        rc = feedback_get(c, viewer, admin, id, a, out, e);
    return table_finish(c, rc, out, e);
}

int feedback_create(struct store_conn *c, int64_t viewer, bool admin, struct values *v,
                    struct arena *a, json_t **out, struct err *e)
{
    const char *now = time_now_text(a);
    values_set(v, &feedback_table, "user_id", SV_INT(viewer));
    values_set(v, &feedback_table, "created_at", SV_TEXT(now));
    values_set(v, &feedback_table, "updated_at", SV_TEXT(now));
    follow_status(v, NULL, a);
    *out = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    json_t *row = NULL;
    rc = table_insert(c, &feedback_table, v, a, &row, e);
    int64_t id = rc ? 0 : json_get_int(row, "id");
    json_decref(row);
    return read_back(c, rc, viewer, admin, id, a, out, e);
}

int feedback_update(struct store_conn *c, int64_t viewer, bool admin, int64_t id, struct values *v,
                    struct arena *a, json_t **out, struct err *e)
{
    const char *status;
    *out = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = visible(c, viewer, admin, id, a, &status, e);
    if (rc == 0) {
        follow_status(v, status, a);
        rc = table_update(c, &feedback_table, 0, id, v, a, NULL, e);
    }
    return read_back(c, rc, viewer, admin, id, a, out, e);
}

int feedback_delete(struct store_conn *c, int64_t viewer, bool admin, int64_t id, struct err *e)
{
    int rc = visible(c, viewer, admin, id, NULL, NULL, e);
    return rc ? rc : table_delete(c, &feedback_table, 0, id, e);
}

int feedback_vote(struct store_conn *c, int64_t viewer, bool admin, int64_t id, int vote,
                  struct arena *a, json_t **out, struct err *e)
{
    *out = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = visible(c, viewer, admin, id, NULL, NULL, e);
    if (rc)
        return read_back(c, rc, viewer, admin, id, a, out, e); /* rolls back */
    static const char *const changed[] = {"vote", NULL};
    static const struct table_conflict conflict = {"feedback_id, user_id", changed};
    struct values v = {0};
    values_set(&v, &feedback_vote_table, "feedback_id", SV_INT(id));
    values_set(&v, &feedback_vote_table, "user_id", SV_INT(viewer));
    values_set(&v, &feedback_vote_table, "vote", SV_INT(vote));
    values_set(&v, &feedback_vote_table, "created_at", SV_TEXT(time_now_text(a)));
    rc = table_insert_rows(c, &feedback_vote_table, &v, 1, &conflict, "", a, NULL, e);
    if (rc == ERR_FOREIGN_KEY) { /* the item was deleted since visible() read it */
        rc = err_replace(e, ERR_NOT_FOUND, NULL, "no such feedback");
    }
    return read_back(c, rc, viewer, admin, id, a, out, e);
}

int feedback_unvote(struct store_conn *c, int64_t viewer, bool admin, int64_t id, struct err *e)
{
    int rc = visible(c, viewer, admin, id, NULL, NULL, e);
    if (rc)
        return rc;
    struct store_value p[] = {SV_INT(id), SV_INT(viewer)};
    bool gone;
    rc = store_exec_matched(c, "DELETE FROM feedback_votes WHERE feedback_id = ? AND user_id = ?",
                            p, 2, &gone, e);
    if (rc == 0 && !gone)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "you have not voted on this feedback");
    return rc;
}
