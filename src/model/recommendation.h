/*
 * This file declares the recommendations model: ranking the user's own jobs that have no
 * application yet by the score of src/core/scoring.c (profile, preferences and the learned
 * adjustment from the user's feedback), and the job_recommendation_feedback rows that teach
 * it. Only the caller's jobs are ever read or scored. Rules and shapes: docs/recommendations.md.
 */
#ifndef COPILOT_MODEL_RECOMMENDATION_H
#define COPILOT_MODEL_RECOMMENDATION_H

#include <time.h>

#include "table.h"

/* The job_recommendation_feedback table. */
extern const struct table recommendation_feedback_table;
/* The body of POST /jobs/{id}/recommendation-feedback: {is_helpful (required), comment?,
 * reason?}. */
extern const struct table recommendation_feedback_body;
/* One ranked job: the job's fields, match_score, reasons and score_breakdown. */
extern const struct table recommendation_reply;
/* what its list routes accept (the API document reads them too) */
extern const struct list_spec recommendation_list_spec;
/* The reasons a verdict may give (the factor the user judged): "skills", "seniority",
 * "salary", "location", "company", "other"; NULL-terminated. */
extern const char *const recommendation_reasons[];

/*
 * Ranks user_id's candidate jobs: no application, status not_applied or interested, not
 * removed by the excluded companies / keywords of the user's preferences. Sorted by
 * match_score (?sort=-match_score, the default, best first; ?sort=match_score worst first),
 * then newest first. The page p asks for is appended to items as the text of a JSON array
 * (compact, reals to 15 digits: as the replies dump them), each a full job object plus
 * match_score, reasons and score_breakdown (nothing appended on an error); *total the number
 * of candidates, *excluded how many the preferences removed.
 */
int recommendation_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                        struct arena *a, struct buf *items, int64_t *total, int64_t *excluded,
                        struct err *e);

struct score_cache_entry;

/*
 * The scores of every job of user_id that is still open (status not_applied, interested,
 * applied, phone_screen, interview, technical or offer; applied to or not) and that the
 * preferences do not exclude, exactly as the ranking scores them (learned marks included) for
 * the clock *now, from the per-user cache (src/model/score_cache.h) while the user's data version
 * is unchanged, else from one scan of the jobs. A clock behind the entry's (another request
 * refreshed it a moment later) is moved up to it: *now is the clock the scores are for. *out is
 * locked and referenced: give it back with score_cache_release. For the ranking and
 * src/model/relevance.c.
 */
int recommendation_scores(struct store_conn *c, int64_t user_id, time_t *now, struct arena *a,
                          struct score_cache_entry **out, struct err *e);

/*
 * Records the user's verdict on job_id (values v from recommendation_feedback_body), replacing
 * an earlier one: the row keeps the job's current match_score and snapshots of the user's
 * skills and the job's tech_stack. *created tells whether the row is new. ERR_NOT_FOUND when
 * the job is not the user's.
 */
int recommendation_feedback_put(struct store_conn *c, int64_t user_id, int64_t job_id,
                                struct values *v, struct arena *a, json_t **out, bool *created,
                                struct err *e);
/* The user's feedback on job_id, or ERR_NOT_FOUND. */
int recommendation_feedback_get(struct store_conn *c, int64_t user_id, int64_t job_id,
                                struct arena *a, json_t **out, struct err *e);
/* Deletes the user's feedback on job_id, or ERR_NOT_FOUND. */
int recommendation_feedback_delete(struct store_conn *c, int64_t user_id, int64_t job_id,
                                   struct err *e);

#endif
