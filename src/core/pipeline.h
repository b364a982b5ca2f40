/*
 * This file implements the application pipeline of SPEC part C as data: the status names
 * (one string table shared by validation, SQL checks and the board), which moves are allowed,
 * which dates a move fills in, and the job statuses that mirror them. Pure functions; the
 * caller loads and stores the application.
 *
 * interested -> applied -> phone_screen -> interview -> technical -> offer -> accepted|declined
 * Forward skips are allowed from applied onward (applied -> interview); interested may only
 * move to applied. Any open status (interested .. offer) may move to rejected, withdrawn or
 * ghosted. accepted and declined are reached only from offer. The final statuses (accepted,
 * declined, rejected, withdrawn, ghosted) allow no move, except that force reopens one to the
 * status it had before. Moving to the current status is an allowed no-op.
 */
#ifndef COPILOT_CORE_PIPELINE_H
#define COPILOT_CORE_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/err.h"

/* In pipeline order (the board's column order); the values index pipeline_status_names. */
enum app_status {
    APP_NONE = -1, /* unknown / not given */
    APP_INTERESTED,
    APP_APPLIED,
    APP_PHONE_SCREEN,
    APP_INTERVIEW,
    APP_TECHNICAL,
    APP_OFFER,
    APP_ACCEPTED,
    APP_DECLINED,
    APP_REJECTED,
    APP_WITHDRAWN,
    APP_GHOSTED,
    APP_STATUS_COUNT
};

/* The dates a move fills in when they are empty (pipeline_dates_for). */
enum {
    PIPELINE_SET_APPLIED = 1 << 0,   /* applications.applied_date (and the job's date_applied) */
    PIPELINE_SET_RESPONSE = 1 << 1,  /* response_date: the company's first answer */
    PIPELINE_SET_INTERVIEW = 1 << 2, /* interview_date */
    PIPELINE_SET_OFFER = 1 << 3,     /* offer_date */
};

#define PIPELINE_JOB_STATUS_COUNT 13

/* Application status names in pipeline order, NULL-terminated (APP_STATUS_COUNT entries). */
extern const char *const pipeline_status_names[APP_STATUS_COUNT + 1];

/* The open statuses (interested .. offer) in pipeline order, NULL-terminated: the values
 * applications.previous_status may hold (migration 0032). */
extern const char *const pipeline_open_status_names[APP_OFFER + 2];

/* Job status names: not_applied, the eleven application statuses, archived; NULL-terminated. */
extern const char *const pipeline_job_status_names[PIPELINE_JOB_STATUS_COUNT + 1];

/* The name of s ("phone_screen"), or NULL when s is not a status. */
const char *pipeline_status_name(enum app_status s);

/* The status called name (exact, case-sensitive), or APP_NONE (also for NULL). */
enum app_status pipeline_status_from_name(const char *name);

/* True when name is one of pipeline_job_status_names. */
bool pipeline_job_status_valid(const char *name);

/* The job status that follows an application in status s (the same name), or NULL. */
const char *pipeline_job_status_for(enum app_status s);

/* accepted, declined, rejected, withdrawn, ghosted. */
bool pipeline_is_final(enum app_status s);

/* interested .. offer: the statuses that can still move. */
bool pipeline_is_open(enum app_status s);
/* Has an application in status s, whose applied_date is set or not, reached "applied" (the
 * candidate applied)? applied .. declined, or a final state entered after applying; an
 * application withdrawn or rejected while "interested" has not. */
bool pipeline_reached_applied(enum app_status s, bool applied_date_set);

/* True when s may be reopened with force (to the open status it had before): every final
 * status. */
bool pipeline_can_reopen(enum app_status s);

/* True when from -> to is an ordinary (unforced) move; from == to is true. */
bool pipeline_can_move(enum app_status from, enum app_status to);

/*
 * Writes the statuses an ordinary move from `from` may reach (from itself excluded) to out,
 * in pipeline order, at most max of them; returns how many there are in all (which may exceed
 * max). A final status has none.
 */
size_t pipeline_allowed_next(enum app_status from, enum app_status *out, size_t max);

/*
 * Checks a status change. Allowed: an ordinary move (pipeline_can_move), or, with force, a
 * final `from` going back to `previous`, the open status it had before it became final (the
 * caller keeps or infers it: pipeline_previous). Returns 0 when allowed; otherwise
 * ERR_INVALID with e (may be NULL) naming field "status", a message, and e->allowed listing
 * the statuses that would have been accepted (the ordinary next statuses, or the previous one
 * when forcing).
 */
int pipeline_check(enum app_status from, enum app_status to, bool force, enum app_status previous,
                   struct err *e);

/*
 * The dates (PIPELINE_SET_* bits) the move from -> to fills in when they are empty:
 * APPLIED for applied and every later stage, and for rejected/withdrawn/ghosted from applied
 * onward (not from interested); RESPONSE for phone_screen and every later stage, and for
 * rejected from applied onward (a rejection is an answer; withdrawn and ghosted are not);
 * INTERVIEW for interview and technical; OFFER for offer, accepted and declined. A no-op
 * (from == to) or a reopening (from is final) sets nothing.
 */
unsigned pipeline_dates_for(enum app_status from, enum app_status to);

/*
 * Best guess at the open status a final application had before, from which of its dates are
 * set (PIPELINE_SET_* bits), for reopening when no history was kept: accepted and declined
 * come only from offer; otherwise offer date -> offer, interview date -> interview, response
 * date -> phone_screen (not for rejected, whose own answer sets it), applied date -> applied,
 * else interested. APP_NONE when final_status is not final.
 */
enum app_status pipeline_previous_from_dates(enum app_status final_status, unsigned dates_set);

/*
 * The open status a final application goes back to with force: `stored`, the status it left
 * (applications.previous_status, kept since migration 0032), when that is an open status; else
 * the guess from its dates (pipeline_previous_from_dates) for rows that became final before the
 * status was kept. APP_NONE when final_status is not final.
 */
enum app_status pipeline_previous(enum app_status final_status, enum app_status stored,
                                  unsigned dates_set);

/*
 * What the kept previous status becomes with the allowed move from -> to, given its value now
 * (`current`, APP_NONE for none): `from` when an open status becomes final; APP_NONE when a
 * final status is reopened; `current` otherwise (no move, or a move between open statuses).
 */
enum app_status pipeline_previous_after(enum app_status from, enum app_status to,
                                        enum app_status current);

#endif
