/* This file implements the calendar routes of calendar.h. */
#include "calendar.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

#include "../core/ical.h"
#include "../http/reply.h"
#include "../http/static.h"
#include "../lib/config.h"
#include "../lib/crypto.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "../model/calendar.h"
#include "answer_reply.h"

#define CALENDAR_MAX_DAYS 366 /* GET /calendar: the longest range, both days included */
#define FEED_DAYS_BEFORE 180  /* the feed: from half a year ago ... */
#define FEED_DAYS_AFTER 365   /* ... to a year ahead */
#define FEED_PATH "/api/v1/calendar.ics"

static const struct field range_fields[] = {
    {"from", FT_DATE, F_REQUIRED},
    {"to", FT_DATE, F_REQUIRED},
    {NULL},
};
const struct table api_calendar_query = {NULL, range_fields, false, "CalendarQuery"};

static const struct field ics_fields[] = {
    {"token", FT_TEXT, F_REQUIRED},
    {NULL},
};
const struct table api_calendar_ics_query = {NULL, ics_fields, false, "CalendarFeedQuery"};

static const struct field events_fields[] = {
    {"from", FT_DATE, F_NOTNULL},
    {"to", FT_DATE, F_NOTNULL},
    {"events", FT_LIST, F_NOTNULL, .of = &calendar_event_reply, .doc = "in time order"},
    {NULL},
};
const struct table api_calendar_events_reply = {NULL, events_fields, false, "CalendarEvents"};

/* The range of a GET /calendar answer. */
struct calendar_range {
    const char *from, *to;
};

/* {"from", "to", "events"}: the events written straight into the text (thousands in a heavy
 * user's month). */
static int calendar_answer_build(struct request *req, void *ctx, struct buf *body)
{
    const struct calendar_range *range = ctx;
    buf_puts(body, "{\"from\":");
    json_buf_string(body, range->from);
    buf_puts(body, ",\"to\":");
    json_buf_string(body, range->to);
    buf_puts(body, ",\"events\":");
    int rc = calendar_events_text(request_db(req), req->user_id, range->from, range->to,
                                  &req->arena, body, &req->err);
    buf_putc(body, '}');
    return rc;
}

int api_calendar_events(struct request *req)
{
    const char *from, *to;
    time_t t_from, t_to;
    int rc = request_query_date(req, "from", true, &from, &t_from);
    if (rc == 0)
        rc = request_query_date(req, "to", true, &to, &t_to);
    if (rc)
        return rc;
    if (t_to < t_from)
        return err_set(&req->err, ERR_INVALID, "to", "to must not be before from");
    if ((t_to - t_from) / 86400 + 1 > CALENDAR_MAX_DAYS)
        return err_set(&req->err, ERR_INVALID, "to", "the range may span at most %d days",
                       CALENDAR_MAX_DAYS);
    struct calendar_range range = {from, to};
    const char *key = arena_printf(&req->arena, "calendar:%s:%s", from, to);
    return api_reply_answer(req, ANSWER_CALENDAR, "calendar", key, calendar_answer_build, &range);
}

/* True when host is a host name or address with an optional port (letters, digits, '.', '-',
 * ':', '[', ']'; at most 255 bytes): what a Host header may put into a feed's address, which
 * goes into JSON and into the feed's URL lines (no control character, always text). */
static bool plain_host(const char *host)
{
    size_t n = host ? strlen(host) : 0;
    if (n == 0 || n > 255)
        return false;
    for (const char *p = host; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr(".-:[]", *p))
            return false;
    return true;
}

/* Where people reach the server: COPILOT_PUBLIC_URL, else http:// and the request's Host. */
static const char *base_url(struct request *req)
{
    const char *base = req->config->public_url;
    if (base) {
        size_t n = strlen(base);
        return n && base[n - 1] == '/' ? arena_strndup(&req->arena, base, n - 1) : base;
    }
    const char *host = request_header(req, "Host");
    return arena_printf(&req->arena, "http://%s", plain_host(host) ? host : "localhost");
}

int api_calendar_feed_get(struct request *req)
{
    json_t *feed;
    int rc = calendar_feed_get(request_db(req), req->user_id, &req->arena, &feed, &req->err);
    return rc ? rc : http_reply_json(req, 200, feed);
}

static const struct field created_feed_fields[] = {
    {"url", FT_TEXT, F_NOTNULL, .doc = "the feed's address with its token, shown this once"},
    {NULL},
};
const struct table api_calendar_created_feed_reply = {NULL, created_feed_fields, false,
                                                      "CreatedCalendarFeed", &calendar_feed_reply};

int api_calendar_feed_create(struct request *req)
{
    char token[CRYPTO_TOKEN_LEN], digest[CRYPTO_DIGEST_LEN];
    crypto_token_new(token);
    crypto_token_digest(token, digest);
    json_t *feed;
    int rc =
        calendar_feed_create(request_db(req), req->user_id, digest, &req->arena, &feed, &req->err);
    if (rc)
        return rc;
    /* the token is shown once, in this URL; only its digest is kept */
    json_object_set_new(
        feed, "url",
        json_string(arena_printf(&req->arena, "%s" FEED_PATH "?token=%s", base_url(req), token)));
    return http_reply_created(req, feed, "/api/v1/calendar/feed");
}

int api_calendar_feed_delete(struct request *req)
{
    int rc = calendar_feed_delete(request_db(req), req->user_id, &req->err);
    return rc ? rc : http_reply_empty(req, 204);
}

/* The link of an event to the page: the job, whose page holds its application and tasks; a
 * task linked to nothing, the tasks view. */
static const char *event_link(struct request *req, const char *base, json_t *event)
{
    json_int_t job = json_integer_value(json_object_get(event, "job_id"));
    if (job)
        return arena_printf(&req->arena, "%s/#/jobs/%lld", base, (long long)job);
    return json_integer_value(json_object_get(event, "task_id"))
               ? arena_printf(&req->arena, "%s/#/tasks", base)
               : arena_printf(&req->arena, "%s/#/calendar", base);
}

int api_calendar_ics(struct request *req)
{
    const char *token = request_query(req, "token");
    int64_t user = 0;
    int rc = 0;
    if (token && strlen(token) == CRYPTO_TOKEN_LEN - 1) {
        char digest[CRYPTO_DIGEST_LEN];
        crypto_token_digest(token, digest);
        rc = calendar_feed_user(request_db(req), digest, &req->arena, &user, &req->err);
    }
    if (rc)
        return rc;
    if (user == 0) /* a bad token is no calendar at all */
        return err_set(&req->err, ERR_NOT_FOUND, NULL, "no such calendar");
    time_t now = time(NULL);
    char from[TIME_DATE_LEN], to[TIME_DATE_LEN];
    time_format_date(now - (time_t)FEED_DAYS_BEFORE * 86400, from);
    time_format_date(now + (time_t)FEED_DAYS_AFTER * 86400, to);
    json_t *events;
    rc = calendar_events(request_db(req), user, from, to, &req->arena, &events, &req->err);
    if (rc)
        return rc;
    const char *base = base_url(req);
    struct buf out;
    buf_init(&out);
    ical_begin(&out, "Career Copilot");
    size_t i;
    json_t *event;
    json_array_foreach(events, i, event)
    {
        const char *type = json_string_value(json_object_get(event, "type"));
        json_int_t app = json_integer_value(json_object_get(event, "application_id"));
        json_int_t task = json_integer_value(json_object_get(event, "task_id"));
        const char *link = event_link(req, base, event);
        struct ical_event ev = {
            /* stable: the same event keeps its UID from one fetch to the next */
            .uid = task ? arena_printf(&req->arena, "task-%lld@career-copilot", (long long)task)
                        : arena_printf(&req->arena, "application-%lld-%s@career-copilot",
                                       (long long)app, type),
            .stamp = json_string_value(json_object_get(event, "updated_at")),
            .date = json_string_value(json_object_get(event, "date")),
            .datetime = json_string_value(json_object_get(event, "datetime")),
            .summary = json_string_value(json_object_get(event, "title")),
            .description = arena_printf(&req->arena, "Open it in Career Copilot: %s", link),
            .url = link,
        };
        ical_event(&out, &ev); /* the database's dates are well-formed; a bad one is skipped */
    }
    ical_end(&out);
    json_decref(events);
    char *body = arena_strndup(&req->arena, out.data, out.len);
    size_t len = out.len;
    buf_free(&out);
    http_add_header(req, "Cache-Control", "no-store");
    http_add_header(req, "Content-Disposition", "inline; filename=\"career-copilot.ics\"");
    return http_reply_bytes(req, 200, "text/calendar; charset=utf-8", body, len);
}
