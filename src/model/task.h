/*
 * This file declares the tasks model (SPEC part E, "Contacts and tasks"; migration 0046): a
 * user's to-dos with an optional due date and priority, linked to at most one application or
 * job of theirs (composite foreign keys), done when done_at is set. The body carries `done`
 * (true sets done_at to now unless the task is done already, false clears it); done_at itself
 * is the server's. Every function is scoped to an owner: another user's task is ERR_NOT_FOUND,
 * and another user's application or job in a body is ERR_NOT_FOUND naming the field.
 */
#ifndef COPILOT_MODEL_TASK_H
#define COPILOT_MODEL_TASK_H

#include "table.h"

/* The tasks table. Rows carry done, and the job the task is about (linked_job_id: job_id, or
 * the job of its application) with its job_title and company. */
extern const struct table task_table;
/* A task as the routes answer it: the row and overdue (not done, due before today, UTC). */
extern const struct table task_reply;
/* The body of POST, PATCH and PUT /tasks: title, notes, due_date, priority, application_id,
 * job_id, done. */
extern const struct table task_body;
/* The query arguments a task list takes beyond its list spec: done, due_before. */
extern const struct table task_list_query;
extern const struct list_spec task_list_spec;
extern const char *const task_priorities[];

/* Lists user_id's tasks: filters done (true|false), due_before (a date: due strictly before
 * it), application_id, job_id (the job's own tasks and those of its applications), priority,
 * q (full text over title and notes); sort due_date (default, soonest first, undated last),
 * priority (high first with -priority), title, created_at, updated_at, done_at. */
int task_list(struct store_conn *c, int64_t user_id, const struct list_params *p, struct arena *a,
              struct buf *items, int64_t *total, struct err *e);
/* Creates a task of user_id from body values v (parsed against task_body, PARSE_CREATE). */
int task_create(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
                json_t **out, struct err *e);
/* Task id of user_id; ERR_NOT_FOUND otherwise. */
int task_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
             struct err *e);
/* Updates task id with body values v (PARSE_PATCH; for PUT the caller nulls the absent fields
 * first). Setting application_id sets job_id to null and the other way round. */
int task_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                struct arena *a, json_t **out, struct err *e);

#endif
