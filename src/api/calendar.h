/*
 * This file declares the calendar routes (SPEC part E): GET /calendar?from=&to= (the events of a
 * range of at most 366 days), GET/POST/DELETE /calendar/feed (the read-only feed's token: show,
 * create or rotate, revoke), and GET /calendar.ics?token= (the feed itself, RFC 5545, no
 * bearer: the token is the key).
 */
#ifndef COPILOT_API_CALENDAR_H
#define COPILOT_API_CALENDAR_H

#include "../http/request.h"
#include "../model/table.h"

/* the query arguments, for the API document */
extern const struct table api_calendar_query;
extern const struct table api_calendar_ics_query;
/* The replies of GET /calendar and POST /calendar/feed. */
extern const struct table api_calendar_events_reply;
extern const struct table api_calendar_created_feed_reply;

int api_calendar_events(struct request *req);
int api_calendar_feed_get(struct request *req);
int api_calendar_feed_create(struct request *req);
int api_calendar_feed_delete(struct request *req);
int api_calendar_ics(struct request *req);

#endif
