/*
 * This file declares the feedback model: feedback items (bug reports, feature requests, ...)
 * and the votes on them. A user sees, edits, deletes and votes on their own items; an
 * administrator on every item. Every item read through this module carries vote_score (the
 * sum of its votes, 0 without any) and my_vote (the viewer's vote: 1, -1 or null); admin_notes
 * (F_ADMIN) is left out unless the viewer is an administrator. resolved_at follows the status
 * (progress_feedback_resolution in src/core/progress.h).
 */
#ifndef COPILOT_MODEL_FEEDBACK_H
#define COPILOT_MODEL_FEEDBACK_H

#include "table.h"

/* The feedback table. Writable: type, priority, title, description, page_url, user_agent,
 * extra_data, status, admin_response, admin_notes; who may write which is the API's rule. */
extern const struct table feedback_table;
/* An item as the routes answer it: the row with vote_score and my_vote (admin_notes for
 * administrators only). */
extern const struct table feedback_item_reply;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec feedback_list_spec;
/* feedback_votes: one vote (1 or -1) per user and item, changeable; written by feedback_vote. */
extern const struct table feedback_vote_table;

/* Lists the items the viewer may see (admin: all) matching p (filters type, status,
 * priority, user_id; sort created_at (default newest first), updated_at, vote_score (or
 * votes), priority). The page is appended to items as JSON text, *total receives the count
 * before paging (table_list). */
int feedback_list(struct store_conn *c, int64_t viewer, bool admin, const struct list_params *p,
                  struct arena *a, struct buf *items, int64_t *total, struct err *e);
/* Reads item id as the viewer sees it. ERR_NOT_FOUND when absent or not visible. */
int feedback_get(struct store_conn *c, int64_t viewer, bool admin, int64_t id, struct arena *a,
                 json_t **out, struct err *e);
/* Creates an item owned by viewer from the parsed values v (status defaults to open, priority
 * to medium; resolved_at is set when v's status is resolved or closed). *out as feedback_get. */
int feedback_create(struct store_conn *c, int64_t viewer, bool admin, struct values *v,
                    struct arena *a, json_t **out, struct err *e);
/* Updates item id with v (already checked against the caller's rights) and moves resolved_at
 * with the status. ERR_NOT_FOUND when not visible. */
int feedback_update(struct store_conn *c, int64_t viewer, bool admin, int64_t id, struct values *v,
                    struct arena *a, json_t **out, struct err *e);
/* Deletes item id (its votes go by cascade). ERR_NOT_FOUND when not visible. */
int feedback_delete(struct store_conn *c, int64_t viewer, bool admin, int64_t id, struct err *e);
/* Records (or changes) the viewer's vote (1 or -1) on item id; *out is the item afterwards.
 * ERR_NOT_FOUND when not visible. */
int feedback_vote(struct store_conn *c, int64_t viewer, bool admin, int64_t id, int vote,
                  struct arena *a, json_t **out, struct err *e);
/* Withdraws the viewer's vote on item id. ERR_NOT_FOUND when the item is not visible or the
 * viewer has not voted on it. */
int feedback_unvote(struct store_conn *c, int64_t viewer, bool admin, int64_t id, struct err *e);

#endif
