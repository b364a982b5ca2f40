/* This file implements the tasks model of task.h. */
#include "task.h"

#include <stdlib.h>
#include <string.h>

#include "../lib/json.h"
#include "../lib/timeutil.h"

const char *const task_priorities[] = {"low", "normal", "high", NULL};

/* The job a task is about: its own, or its application's. */
#define LINKED_JOB                                                                                 \
    "COALESCE(tasks.job_id, (SELECT a.job_id FROM applications a "                                 \
    "WHERE a.id = tasks.application_id))"

static const struct field task_fields[] = {
    {"id", FT_INT, F_NOTNULL},
    {"user_id", FT_INT, 0},
    {"title", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 300},
    {"notes", FT_TEXT, F_WRITE, .max = 100000},
    {"due_date", FT_DATE, F_WRITE},
    {"done_at", FT_TIMESTAMP, 0},
    {"priority", FT_TEXT, F_WRITE | F_NOTNULL, task_priorities},
    {"application_id", FT_INT, F_WRITE, .min = 1, .max = INT64_MAX},
    {"job_id", FT_INT, F_WRITE, .min = 1, .max = INT64_MAX},
    {"done", FT_BOOL, F_NOTNULL, .expr = "(tasks.done_at IS NOT NULL)"},
    {"linked_job_id", FT_INT, 0, .expr = LINKED_JOB},
    {"job_title", FT_TEXT, 0, .expr = "(SELECT j.title FROM jobs j WHERE j.id = " LINKED_JOB ")"},
    {"company", FT_TEXT, 0, .expr = "(SELECT j.company FROM jobs j WHERE j.id = " LINKED_JOB ")"},
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {"updated_at", FT_TIMESTAMP, F_NOTNULL},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table task_table = {"tasks", task_fields, true, "Task"};

static const struct field reply_fields[] = {
    {"overdue", FT_BOOL, F_NOTNULL},
    {NULL},
};
const struct table task_reply = {NULL, reply_fields, false, "TaskWithOverdue", &task_table};

static const struct field body_fields[] = {
    {"title", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 300},
    {"notes", FT_TEXT, F_WRITE, .max = 100000},
    {"due_date", FT_DATE, F_WRITE},
    {"priority", FT_TEXT, F_WRITE | F_NOTNULL, task_priorities},
    {"application_id", FT_INT, F_WRITE, .min = 1, .max = INT64_MAX},
    {"job_id", FT_INT, F_WRITE, .min = 1, .max = INT64_MAX},
    {"done", FT_BOOL, F_WRITE | F_NOTNULL},
    {NULL},
};
const struct table task_body = {NULL, body_fields, false, "TaskWrite"};

static const struct field query_fields[] = {
    {"done", FT_BOOL, 0},
    {"due_before", FT_DATE, 0},
    {"job_id", FT_INT, 0, .min = 1, .max = INT64_MAX,
     .doc = "the job's own tasks and those of its applications"},
    {NULL},
};
const struct table task_list_query = {NULL, query_fields, false, "TaskListQuery"};

static const char *const list_sortable[] = {"due_date",   "priority", "title", "created_at",
                                            "updated_at", "done_at",  NULL};
static const struct list_param list_filters[] = {
    {"application_id", "application_id", FILTER_EQ},
    {"priority", "priority", FILTER_EQ},
    {"q", NULL, FILTER_FULLTEXT},
    {NULL},
};
const struct list_spec task_list_spec = {list_filters, list_sortable, "due_date"};

/* ================================================================ rows */

/* Adds overdue to a task row: not done and due before today (UTC). */
static void add_overdue(json_t *task, const char *today)
{
    const char *due = json_string_value(json_object_get(task, "due_date"));
    bool done = json_is_true(json_object_get(task, "done"));
    json_object_set_new(task, "overdue", json_boolean(!done && due && strcmp(due, today) < 0));
}

struct list_ctx {
    const char *today;
    int done;               /* -1 any, 0 open, 1 done */
    const char *due_before; /* or NULL */
    int64_t job_id;         /* 0: any */
};

/* A listed task's overdue, as add_overdue adds it to the row's object. */
static void on_members(void *ctx, const struct store_result *res, size_t i, struct buf *out)
{
    const struct list_ctx *x = ctx;
    const char *due = table_row_string(res, i, "due_date");
    int done = store_colindex(res, "done");
    bool is_done = done >= 0 && !store_isnull(res, i, done) && store_bool(res, i, done);
    buf_puts(out, !is_done && due && strcmp(due, x->today) < 0 ? ",\"overdue\":true"
                                                               : ",\"overdue\":false");
}

static int on_where(void *ctx, struct store_conn *c, struct arena *a, struct buf *sql,
                    const char **glue, struct store_value *params)
{
    const struct list_ctx *x = ctx;
    int n = 0;
    if (x->done >= 0) {
        buf_printf(sql, "%sdone_at IS %s", *glue, x->done ? "NOT NULL" : "NULL");
        *glue = " AND ";
    }
    if (x->due_before) {
        buf_printf(sql, "%sdue_date < ?", *glue);
        params[n++] = SV_TEXT(x->due_before);
        *glue = " AND ";
    }
    if (x->job_id) { /* the job's own tasks and those of its applications */
        buf_printf(sql,
                   "%s(job_id = ? OR application_id IN (SELECT a.id FROM applications a "
                   "WHERE a.job_id = ?))",
                   *glue);
        params[n++] = SV_INT(x->job_id);
        params[n++] = SV_INT(x->job_id);
        *glue = " AND ";
    }
    return n;
}

static const char *on_order(void *ctx, const struct list_query *q, struct arena *a)
{
    const char *dir = q->desc ? "DESC" : "ASC";
    if (strcmp(q->sort, "priority") == 0) /* by weight, not by name */
        return arena_printf(a,
                            "CASE priority WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END %s, "
                            "(due_date IS NULL), due_date ASC",
                            dir);
    if (strcmp(q->sort, "due_date") == 0 || strcmp(q->sort, "done_at") == 0)
        return arena_printf(a, "(%s IS NULL), %s %s", q->sort, q->sort, dir);
    return arena_printf(a, "%s %s", q->sort, dir);
}

/* Reads the arguments table_list_query does not know (done, due_before, job_id) into x. */
static int list_arguments(const struct list_params *p, struct list_ctx *x, struct err *e)
{
    const char *done = list_params_get(p, "done");
    x->done = -1;
    if (done) {
        if (strcmp(done, "true") && strcmp(done, "false"))
            return err_set(e, ERR_INVALID, "done", "done must be true or false");
        x->done = strcmp(done, "true") == 0;
    }
    x->due_before = list_params_get(p, "due_before");
    time_t t;
    if (x->due_before && !time_parse_date(x->due_before, &t))
        return err_set(e, ERR_INVALID, "due_before", "due_before must be a date (YYYY-MM-DD)");
    const char *job = list_params_get(p, "job_id");
    if (job) {
        char *end;
        long long id = strtoll(job, &end, 10);
        if (*job == '\0' || *end != '\0')
            return err_set(e, ERR_INVALID, "job_id", "job_id must be an integer");
        x->job_id = id;
        if (id == 0) /* no job has id 0: nothing matches */
            x->job_id = -1;
    }
    return 0;
}

int task_list(struct store_conn *c, int64_t user_id, const struct list_params *p, struct arena *a,
              struct buf *items, int64_t *total, struct err *e)
{
    struct list_query q;
    struct list_ctx x = {.today = time_today_text(a)};
    int rc = table_list_query(c, &task_table, &task_list_spec, p, a, &q, e);
    if (rc == 0)
        rc = list_arguments(p, &x, e);
    if (rc)
        return rc;
    struct list_hooks hooks = {
        .where = on_where, .order = on_order, .members = on_members, .ctx = &x};
    return table_list(c, &task_table, user_id, &q, &hooks, a, items, total, e);
}

int task_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
             struct err *e)
{
    int rc = table_get(c, &task_table, user_id, id, a, out, e);
    if (rc == 0)
        add_overdue(*out, time_today_text(a));
    return rc;
}

/* ================================================================ writes */

/* The columns of body values in into out (task_table), done becoming done_at: set to now when
 * done is true and the task is not done yet (stored: its done_at, NULL when open or new),
 * cleared when false. A link given replaces the other one. */
static int to_columns(struct values *in, const char *stored_done_at, struct arena *a,
                      struct values *out, struct err *e)
{
    struct field_value *app = values_get(in, "application_id"), *job = values_get(in, "job_id");
    if (app && job && app->value.type != STORE_NULL && job->value.type != STORE_NULL)
        return err_set(e, ERR_INVALID, "application_id",
                       "link a task to an application or to a job, not both (an application "
                       "names its job)");
    for (int i = 0; i < in->n; i++) {
        const struct field_value *fv = &in->items[i];
        if (strcmp(fv->field->name, "done") == 0) {
            bool done = fv->value.i != 0;
            values_set(out, &task_table, "done_at",
                       !done            ? SV_NULL
                       : stored_done_at ? SV_TEXT(stored_done_at)
                                        : SV_TEXT(time_now_text(a)));
        } else {
            values_set(out, &task_table, fv->field->name, fv->value);
        }
    }
    if (app && app->value.type != STORE_NULL && job == NULL)
        values_set(out, &task_table, "job_id", SV_NULL);
    if (job && job->value.type != STORE_NULL && app == NULL)
        values_set(out, &task_table, "application_id", SV_NULL);
    return 0;
}

/* A composite foreign key refused the link: the application or job is not the user's. */
static int not_yours(int rc, struct values *v, struct err *e)
{
    if (rc != ERR_FOREIGN_KEY)
        return rc;
    const char *field =
        values_get(v, "application_id") && values_get(v, "application_id")->value.type != STORE_NULL
            ? "application_id"
            : "job_id";
    return err_replace(e, ERR_NOT_FOUND, field, "no such %s",
                       strcmp(field, "job_id") == 0 ? "job" : "application");
}

int task_create(struct store_conn *c, int64_t user_id, struct values *in, struct arena *a,
                json_t **out, struct err *e)
{
    *out = NULL;
    struct values v = {0};
    int rc = to_columns(in, NULL, a, &v, e);
    if (rc)
        return rc;
    const char *now = time_now_text(a);
    values_set(&v, &task_table, "user_id", SV_INT(user_id));
    values_set(&v, &task_table, "created_at", SV_TEXT(now));
    values_set(&v, &task_table, "updated_at", SV_TEXT(now));
    rc = not_yours(table_insert(c, &task_table, &v, a, out, e), &v, e);
    if (rc == 0)
        add_overdue(*out, time_today_text(a));
    return rc;
}

int task_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *in,
                struct arena *a, json_t **out, struct err *e)
{
    *out = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    json_t *existing = NULL;
    struct values v = {0};
    rc = table_lock(c, &task_table, user_id, id, a, &existing, e); /* done_at as it stands */
    if (rc == 0) {
        const char *done_at = json_string_value(json_object_get(existing, "done_at"));
        rc = to_columns(in, done_at ? arena_strdup(a, done_at) : NULL, a, &v, e);
    }
    if (rc == 0)
        rc = not_yours(table_update(c, &task_table, user_id, id, &v, a, out, e), &v, e);
    json_decref(existing);
    rc = table_finish(c, rc, out, e);
    if (rc)
        return rc;
    add_overdue(*out, time_today_text(a));
    return 0;
}
