/*
 * This file declares the career-resources model: the resource catalogue (career_resources),
 * the user's bookmarks, ratings (resource_feedback, whose average becomes the resource's
 * rating), views, and the resources recommended for the skills the user's jobs ask for and
 * the user lacks among the jobs that matter (src/model/relevance.h). Skills are stored by
 * skills_key (canonical names in display case, else folded) and tags in lower case, so that
 * the array-contains filter and the recommendations compare like with like. Inactive
 * resources are seen
 * only by administrators (include_inactive); everyone else gets ERR_NOT_FOUND.
 */
#ifndef COPILOT_MODEL_CAREER_RESOURCE_H
#define COPILOT_MODEL_CAREER_RESOURCE_H

#include "table.h"

/* career_resources: slug, title, description, type, provider, url, skills, tags,
 * prerequisites, learning_outcomes, difficulty, duration_minutes, price, is_active are
 * writable; rating is derived. */
extern const struct table career_resource_table;
/* resource_bookmarks: notes, priority, status, progress_percentage are writable. */
extern const struct table career_resource_bookmark_table;
/* resource_feedback: is_helpful (required), rating, completed, would_recommend, notes. */
extern const struct table career_resource_feedback_table;
/* The replies built from them: a resource with the caller's state, the recommendations, a
 * bookmark with its resource, a saved rating with the new average. */
extern const struct table career_resource_detail_reply;
extern const struct table career_resource_recommended_reply;
extern const struct table career_resource_bookmark_reply;
extern const struct table career_resource_rating_reply;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec career_resource_list_spec;
extern const struct list_spec career_resource_bookmark_spec;
/* the catalogue list's own arguments: q (a substring of title, description or provider) and
 * price (free or paid) */
extern const struct table career_resource_list_query;
/* resource_views: one row per view of a resource (written by career_resource_record_view). */
extern const struct table career_resource_view_table;

/* Lists the catalogue: filters type, difficulty, skill (through the dictionary) and tag (any
 * case),
 * provider (any case), is_active (administrators only), q (a substring of title, description
 * or provider, any case) and price (free or paid: ERR_INVALID otherwise); sort rating (default,
 * best first; unrated last, equal ratings by title), title, created_at, updated_at,
 * duration_minutes. Inactive resources are listed only with include_inactive. */
int career_resource_list(struct store_conn *c, bool include_inactive, const struct list_params *p,
                         struct arena *a, struct buf *items, int64_t *total, struct err *e);
/* Replaces the values of q's FILTER_CONTAINS filters by the form their column stores: skills by
 * skills_key (canonical names, "?skill=postgres" finds PostgreSQL), tags in ASCII lower case. */
void career_resource_fold_keys(struct list_query *q, struct arena *a);
/* Rewrites the "skills" array of v (when set) as the distinct skills_key of its names, the one
 * form career resources and learning paths (table t) store skills in. */
void career_resource_skill_keys(struct values *v, const struct table *t, struct arena *a);
/* The id of the resource called slug; 0 when there is none. */
int career_resource_id_by_slug(struct store_conn *c, const char *slug, int64_t *id, struct err *e);
/* Reads resource id. ERR_NOT_FOUND when absent, or inactive and !include_inactive. */
int career_resource_get(struct store_conn *c, int64_t id, bool include_inactive, struct arena *a,
                        json_t **out, struct err *e);
/* The resources with the n ids, in the order of ids (unknown ids are skipped; n <= 500),
 * as a new JSON array. */
int career_resource_by_ids(struct store_conn *c, const int64_t *ids, size_t n, struct arena *a,
                           json_t **out, struct err *e);

/* Administrators: create (a taken slug is ERR_CONFLICT naming slug), update, delete.
 * Deleting a resource that a learning path lists is ERR_CONFLICT (deactivate it instead). */
int career_resource_create(struct store_conn *c, struct values *v, struct arena *a, json_t **out,
                           struct err *e);
int career_resource_update(struct store_conn *c, int64_t id, struct values *v, struct arena *a,
                           json_t **out, struct err *e);
int career_resource_delete(struct store_conn *c, int64_t id, struct arena *a, struct err *e);

/* Records that user viewed resource id; source is NULL or one of search, recommendation,
 * bookmark, learning_path (checked by the caller). */
int career_resource_record_view(struct store_conn *c, int64_t user, int64_t id, const char *source,
                                struct arena *a, struct err *e);
/* Adds to the resource object obj the user's "bookmark" and "my_feedback" (each null when
 * there is none). */
int career_resource_add_user_state(struct store_conn *c, int64_t user, int64_t id, json_t *obj,
                                   struct arena *a, struct err *e);

/* The recommendation body for user: {items, total, limit, offset, basis, missing_skills,
 * relevance}. basis "missing_skills": active resources teaching the most demanded skills the
 * user lacks among the jobs that matter to the user (src/model/relevance.h: the first
 * RELEVANCE_GAP_SKILLS of the weighted gap), each with matched_skills and relevance (the
 * weighted demand they cover); basis "top_rated" when nothing is missing or nothing matches:
 * the best rated resources. Resources the user has completed (bookmark status completed) are
 * left out. A page of limit items after offset, like every list. Appended to out as the text the
 * replies dump the JSON object as (compact, reals to 15 digits), written without building it;
 * nothing appended on error. */
int career_resource_recommended(struct store_conn *c, int64_t user, int64_t limit, int64_t offset,
                                struct arena *a, struct buf *out, struct err *e);

/* Creates or updates the user's bookmark of resource id with v (any of notes, priority,
 * status, progress_percentage; progress_bookmark_apply decides status, progress and
 * completed_at). *created tells which; *out is the bookmark with its "resource" embedded.
 * ERR_INVALID (progress_percentage) for status completed with a progress below 100. */
int career_resource_bookmark_put(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct values *v, struct arena *a, json_t **out, bool *created,
                                 struct err *e);
/* The user's bookmark of resource id with its "resource" embedded, as the put answers it;
 * ERR_NOT_FOUND when the resource (as the caller may see it) or the bookmark does not exist. */
int career_resource_bookmark_get(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct arena *a, json_t **out, struct err *e);
/* Removes the user's bookmark of resource id; ERR_NOT_FOUND when there is none. */
int career_resource_bookmark_delete(struct store_conn *c, int64_t user, int64_t id, struct err *e);
/* Lists the user's bookmarks, each with its "resource" embedded: filters status, priority;
 * sort created_at (default newest first), updated_at, progress_percentage. */
int career_resource_bookmarks(struct store_conn *c, int64_t user, const struct list_params *p,
                              struct arena *a, struct buf *items, int64_t *total, struct err *e);

/* Creates or replaces the user's feedback on resource id with v (absent fields become null,
 * completed false) and recomputes the resource's rating as the average of all ratings
 * (rounded to 2 decimals; null when none). *out is the feedback with resource_rating and
 * ratings_count added; *created tells whether it is new. */
int career_resource_feedback_put(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct values *v, struct arena *a, json_t **out, bool *created,
                                 struct err *e);

/* The user's feedback on resource id with resource_rating and ratings_count, as the put
 * answers it; ERR_NOT_FOUND when the resource or the feedback does not exist. */
int career_resource_feedback_get(struct store_conn *c, int64_t user, bool admin, int64_t id,
                                 struct arena *a, json_t **out, struct err *e);

#endif
