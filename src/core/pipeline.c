/*
 * This file implements the application pipeline rules of pipeline.h. The enum order is the
 * pipeline order, so "forward" is a comparison of values; the rules that are not about order
 * (final statuses, the exits, the offer outcomes) are spelled out in pipeline_can_move.
 */
#include "pipeline.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

const char *const pipeline_status_names[APP_STATUS_COUNT + 1] = {
    "interested", "applied",  "phone_screen", "interview", "technical", "offer",
    "accepted",   "declined", "rejected",     "withdrawn", "ghosted",   NULL,
};

const char *const pipeline_open_status_names[APP_OFFER + 2] = {
    "interested", "applied", "phone_screen", "interview", "technical", "offer", NULL,
};

const char *const pipeline_job_status_names[PIPELINE_JOB_STATUS_COUNT + 1] = {
    "not_applied", "interested", "applied",  "phone_screen", "interview", "technical", "offer",
    "accepted",    "declined",   "rejected", "withdrawn",    "ghosted",   "archived",  NULL,
};

static bool valid(enum app_status s)
{
    return s >= APP_INTERESTED && s < APP_STATUS_COUNT;
}

const char *pipeline_status_name(enum app_status s)
{
    return valid(s) ? pipeline_status_names[s] : NULL;
}

enum app_status pipeline_status_from_name(const char *name)
{
    if (name == NULL)
        return APP_NONE;
    for (int i = 0; i < APP_STATUS_COUNT; i++)
        if (strcmp(pipeline_status_names[i], name) == 0)
            return (enum app_status)i;
    return APP_NONE;
}

bool pipeline_job_status_valid(const char *name)
{
    if (name == NULL)
        return false;
    for (int i = 0; i < PIPELINE_JOB_STATUS_COUNT; i++)
        if (strcmp(pipeline_job_status_names[i], name) == 0)
            return true;
    return false;
}

const char *pipeline_job_status_for(enum app_status s)
{
    return pipeline_status_name(s);
}

bool pipeline_is_final(enum app_status s)
{
    return s >= APP_ACCEPTED && s < APP_STATUS_COUNT;
}

bool pipeline_is_open(enum app_status s)
{
    return s >= APP_INTERESTED && s <= APP_OFFER;
}

bool pipeline_reached_applied(enum app_status s, bool applied_date_set)
{
    return (s >= APP_APPLIED && s <= APP_DECLINED) || (s > APP_INTERESTED && applied_date_set);
}

bool pipeline_can_reopen(enum app_status s)
{
    return pipeline_is_final(s);
}

static bool is_exit(enum app_status s)
{
    return s == APP_REJECTED || s == APP_WITHDRAWN || s == APP_GHOSTED;
}

bool pipeline_can_move(enum app_status from, enum app_status to)
{
    if (!valid(from) || !valid(to))
        return false;
    if (from == to)
        return true;
    if (pipeline_is_final(from))
        return false;
    if (is_exit(to))
        return true;
    if (to == APP_ACCEPTED || to == APP_DECLINED)
        return from == APP_OFFER;
    if (from == APP_INTERESTED)
        return to == APP_APPLIED; /* no skipping past applied */
    return to > from;             /* forward, skipping allowed */
}

size_t pipeline_allowed_next(enum app_status from, enum app_status *out, size_t max)
{
    assert(out != NULL || max == 0);
    size_t n = 0;
    for (int to = 0; to < APP_STATUS_COUNT; to++) {
        if (to == (int)from || !pipeline_can_move(from, (enum app_status)to))
            continue;
        if (n < max)
            out[n] = (enum app_status)to;
        n++;
    }
    return n;
}

/* Fills e->allowed with the statuses in list and appends them to msg ("a, b, c"). */
static void list_allowed(struct err *e, const enum app_status *list, size_t n, char *msg,
                         size_t size)
{
    size_t used = strlen(msg);
    for (size_t i = 0; i < n; i++) {
        assert(valid(list[i]));
        const char *name = pipeline_status_names[list[i]];
        if (e->nallowed < (int)(sizeof e->allowed / sizeof e->allowed[0]))
            e->allowed[e->nallowed++] = name;
        int w = snprintf(msg + used, size - used, "%s%s", i ? ", " : "", name);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

/* Reports a refused move: message plus the statuses that would have been accepted. From a
 * final status (n 0) the message names the one way out: ?force=true back to previous. */
static int refuse(enum app_status from, enum app_status to, const enum app_status *allowed,
                  size_t n, enum app_status previous, struct err *e)
{
    assert(valid(from) && valid(to));
    if (e == NULL || e->code != ERR_OK)
        return ERR_INVALID;
    char msg[200];
    if (n == 0 && pipeline_is_open(previous))
        snprintf(msg, sizeof msg,
                 "status %s is final: no move is allowed; ?force=true reopens it to %s",
                 pipeline_status_names[from], pipeline_status_names[previous]);
    else if (n == 0)
        snprintf(msg, sizeof msg, "status %s is final: no move is allowed",
                 pipeline_status_names[from]);
    else
        snprintf(msg, sizeof msg,
                 "cannot move from %s to %s; allowed: ", pipeline_status_names[from],
                 pipeline_status_names[to]);
    e->nallowed = 0;
    if (n > 0)
        list_allowed(e, allowed, n, msg, sizeof msg);
    return err_set(e, ERR_INVALID, "status", "%s", msg);
}

int pipeline_check(enum app_status from, enum app_status to, bool force, enum app_status previous,
                   struct err *e)
{
    if (!valid(from) || !valid(to))
        return err_set(e, ERR_INVALID, "status", "unknown application status");
    if (pipeline_can_move(from, to))
        return 0;
    assert(pipeline_can_move(from, from)); /* staying put is always allowed */
    if (force && pipeline_is_final(from) && pipeline_is_open(previous)) {
        if (to == previous)
            return 0;
        return refuse(from, to, &previous, 1, previous, e);
    }
    enum app_status next[APP_STATUS_COUNT];
    size_t n = pipeline_allowed_next(from, next, APP_STATUS_COUNT);
    return refuse(from, to, next, n, previous, e);
}

unsigned pipeline_dates_for(enum app_status from, enum app_status to)
{
    if (!valid(from) || !valid(to) || from == to || pipeline_is_final(from))
        return 0;
    bool past_interested = from >= APP_APPLIED;
    unsigned set = 0;
    if ((to >= APP_APPLIED && to <= APP_DECLINED) || (is_exit(to) && past_interested))
        set |= PIPELINE_SET_APPLIED;
    if ((to >= APP_PHONE_SCREEN && to <= APP_DECLINED) || (to == APP_REJECTED && past_interested))
        set |= PIPELINE_SET_RESPONSE;
    if (to == APP_INTERVIEW || to == APP_TECHNICAL)
        set |= PIPELINE_SET_INTERVIEW;
    if (to >= APP_OFFER && to <= APP_DECLINED)
        set |= PIPELINE_SET_OFFER;
    return set;
}

enum app_status pipeline_previous_from_dates(enum app_status final_status, unsigned dates_set)
{
    if (!pipeline_is_final(final_status))
        return APP_NONE;
    if (final_status == APP_ACCEPTED || final_status == APP_DECLINED)
        return APP_OFFER;
    if (dates_set & PIPELINE_SET_OFFER)
        return APP_OFFER;
    if (dates_set & PIPELINE_SET_INTERVIEW)
        return APP_INTERVIEW;
    if ((dates_set & PIPELINE_SET_RESPONSE) && final_status != APP_REJECTED)
        return APP_PHONE_SCREEN;
    if (dates_set & PIPELINE_SET_APPLIED)
        return APP_APPLIED;
    return APP_INTERESTED;
}

enum app_status pipeline_previous(enum app_status final_status, enum app_status stored,
                                  unsigned dates_set)
{
    if (!pipeline_is_final(final_status))
        return APP_NONE;
    if (pipeline_is_open(stored))
        return stored;
    return pipeline_previous_from_dates(final_status, dates_set);
}

enum app_status pipeline_previous_after(enum app_status from, enum app_status to,
                                        enum app_status current)
{
    if (!valid(from) || !valid(to) || from == to)
        return current;
    if (pipeline_is_open(from) && pipeline_is_final(to))
        return from;
    if (pipeline_is_final(from))
        return APP_NONE;
    return current;
}
