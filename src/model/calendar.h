/*
 * This file declares the calendar (SPEC part E): the dated events of a user's applications and
 * tasks in a range of days (follow-ups, interviews, offers, open tasks by due date: kept on write
 * in calendar_events, migration 0070, and read in order), and the calendar feed tokens (table
 * calendar_feeds): one read-only feed per user, its token stored only as a digest, rotated by
 * creating it again.
 */
#ifndef COPILOT_MODEL_CALENDAR_H
#define COPILOT_MODEL_CALENDAR_H

#include "table.h"

/* The shapes of one event and of the feed (the API document reads them). */
extern const struct table calendar_event_reply;
extern const struct table calendar_feed_reply;

/* The events of user_id from day `from` to day `to` (YYYY-MM-DD, both included, checked by the
 * caller) as a JSON array, in time order (by day; a timed event after the all-day ones of its
 * day; then follow-up, interview, offer, task; then application id, task id):
 * {"type": "follow_up"|"interview"|"offer"|"task", "date", "datetime" (RFC 3339 or null),
 *  "title", "application_id", "job_id", "task_id" (null but for tasks; a task's application_id
 *  and job_id are its links, the job being its application's for a task linked to one),
 *  "updated_at" (of the row behind it)}. Done tasks are left out. */
int calendar_events(struct store_conn *c, int64_t user_id, const char *from, const char *to,
                    struct arena *a, json_t **out, struct err *e);
/* The same events as the JSON text calendar_events' array dumps to (compact, members in the
 * same order), appended to out: written straight from the rows, without a JSON object per
 * event (a month of a heavy user holds thousands: GET /calendar). */
int calendar_events_text(struct store_conn *c, int64_t user_id, const char *from, const char *to,
                         struct arena *a, struct buf *out, struct err *e);

/* Creates user_id's feed, or replaces its token (digest: the token's, crypto_token_digest).
 * *out receives {"created_at", "last_used_at"}. */
int calendar_feed_create(struct store_conn *c, int64_t user_id, const char *digest, struct arena *a,
                         json_t **out, struct err *e);
/* {"created_at", "last_used_at"} of user_id's feed; ERR_NOT_FOUND when there is none. */
int calendar_feed_get(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                      struct err *e);
/* Revokes user_id's feed; ERR_NOT_FOUND when there is none. */
int calendar_feed_delete(struct store_conn *c, int64_t user_id, struct err *e);
/* The user whose feed token has this digest (*user_id 0 when none), noting the use (at most
 * once a minute). */
int calendar_feed_user(struct store_conn *c, const char *digest, struct arena *a, int64_t *user_id,
                       struct err *e);

#endif
