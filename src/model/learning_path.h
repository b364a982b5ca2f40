/*
 * This file declares the learning-paths model: paths (an ordered list of career resources,
 * resource_ids, each of which must exist), enrollments in them, and progress through them
 * (progress_percentage, current_resource_index and status are computed by progress_compute
 * and progress_enrollment_status in src/core/progress.h). Inactive paths are seen only by
 * administrators (include_inactive); everyone else gets ERR_NOT_FOUND. Every path read
 * through this module carries resource_count.
 */
#ifndef COPILOT_MODEL_LEARNING_PATH_H
#define COPILOT_MODEL_LEARNING_PATH_H

#include "table.h"

/* learning_paths: name, description, target_role, difficulty, estimated_duration_weeks,
 * skills, resource_ids, milestones, is_active are writable. */
extern const struct table learning_path_table;
/* learning_path_enrollments: every column is the server's. */
extern const struct table learning_path_enrollment_table;
/* The replies: a path with resource_count (lists, writes), with its resources and the
 * caller's enrollment (detail), an enrollment with its path. */
extern const struct table learning_path_item_reply;
extern const struct table learning_path_detail_reply;
extern const struct table learning_path_enrollment_reply;
extern const struct table learning_path_recommended_reply;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec learning_path_list_spec;
extern const struct list_spec learning_path_enrollment_spec;

/* Lists paths: filters difficulty, target_role (any case), skill (through the dictionary) and
 * is_active (administrators only); sort name (default), created_at, updated_at,
 * estimated_duration_weeks. Active ones only unless include_inactive. */
int learning_path_list(struct store_conn *c, bool include_inactive, const struct list_params *p,
                       struct arena *a, struct buf *items, int64_t *total, struct err *e);
/* Reads path id with its "resources" in path order. */
int learning_path_get(struct store_conn *c, int64_t id, bool include_inactive, struct arena *a,
                      json_t **out, struct err *e);
/* Administrators. resource_ids must be an array of distinct ids of existing resources
 * (ERR_INVALID naming resource_ids); a taken name is ERR_CONFLICT naming name. Changing a
 * path's resource_ids recomputes the progress of everyone enrolled in it. */
int learning_path_create(struct store_conn *c, int64_t author, struct values *v, struct arena *a,
                         json_t **out, struct err *e);
int learning_path_update(struct store_conn *c, int64_t id, struct values *v, struct arena *a,
                         json_t **out, struct err *e);
int learning_path_delete(struct store_conn *c, int64_t id, struct err *e);

/* Enrolls user in path id (ERR_CONFLICT when already enrolled). *out is the enrollment with
 * its "learning_path" embedded. */
int learning_path_enroll(struct store_conn *c, int64_t user, bool admin, int64_t id,
                         struct arena *a, json_t **out, struct err *e);
/* Ends the enrollment (ERR_NOT_FOUND when not enrolled). */
int learning_path_unenroll(struct store_conn *c, int64_t user, int64_t id, struct err *e);
/* Records progress in path id: completed (a JSON array of resource ids of the path, or NULL
 * to keep the stored ones) and status (active, paused or abandoned, or NULL). With completed
 * given and no status, the enrollment becomes active. ERR_INVALID naming
 * completed_resource_ids for an id that is not on the path or not a positive integer. */
int learning_path_progress(struct store_conn *c, int64_t user, int64_t id, json_t *completed,
                           const char *status, struct arena *a, json_t **out, struct err *e);
/* Lists the user's enrollments, each with its "learning_path" embedded: filter status; sort
 * enrolled_at (default newest first), last_activity_at, progress_percentage. */
int learning_path_enrollments(struct store_conn *c, int64_t user, const struct list_params *p,
                              struct arena *a, struct buf *items, int64_t *total, struct err *e);
/* The learning paths for the skills the user lacks among the jobs that matter to the user
 * (src/model/relevance.h), as career_resource_recommended does for resources:
 * {items (paths with resource_count, matched_skills, relevance), total, limit, offset,
 * basis: "missing_skills", missing_skills, relevance}: a page of limit items after offset.
 * Active paths only; those the user completed are left out. */
int learning_path_recommended(struct store_conn *c, int64_t user, int64_t limit, int64_t offset,
                              struct arena *a, json_t **out, struct err *e);
/* The user's enrollment in path id, or JSON null. */
int learning_path_enrollment(struct store_conn *c, int64_t user, int64_t id, struct arena *a,
                             json_t **out, struct err *e);

#endif
