/* This file implements the calendar of calendar.h. */
#include "calendar.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/json.h"
#include "../lib/timeutil.h"

/*
 * One arm per kind of event, all with the same columns: type, date (a day, or NULL when the
 * event has a time), datetime, application_id, job_id, task_id, the words of the title, the
 * company (NULL: none in the title), and the updated_at of the row. Dates are compared as days,
 * timestamps against the range's first and last instants. A task is an event on its due date
 * until it is done; its job is its own or its application's (for the link to the page).
 */
static const char events_sql[] =
    "SELECT 'follow_up' AS type, a.follow_up_date AS date, NULL AS datetime, "
    "a.id AS application_id, a.job_id AS job_id, CAST(NULL AS bigint) AS task_id, "
    "a.job_title AS title, a.job_company AS company, a.updated_at AS updated_at "
    "FROM applications a "
    "WHERE a.user_id = ? AND a.follow_up_date >= ? AND a.follow_up_date <= ? "
    "UNION ALL "
    "SELECT 'interview', NULL, a.interview_date, a.id, a.job_id, NULL, a.job_title, "
    "a.job_company, a.updated_at FROM applications a "
    "WHERE a.user_id = ? AND a.interview_date >= ? AND a.interview_date < ? "
    "UNION ALL "
    "SELECT 'offer', a.offer_date, NULL, a.id, a.job_id, NULL, a.job_title, a.job_company, "
    "a.updated_at FROM applications a "
    "WHERE a.user_id = ? AND a.offer_date >= ? AND a.offer_date <= ? "
    "UNION ALL "
    "SELECT 'task', t.due_date, NULL, t.application_id, COALESCE(t.job_id, ta.job_id), t.id, "
    "t.title, NULL, t.updated_at FROM tasks t LEFT JOIN applications ta ON ta.id = "
    "t.application_id "
    "WHERE t.user_id = ? AND t.done_at IS NULL AND t.due_date >= ? AND t.due_date <= ?";

static const char *const kinds[] = {"follow_up", "interview", "offer", "task", NULL};
static const char *const kind_words[] = {"Follow up", "Interview", "Offer", "Task", NULL};

/* The shapes of an event and of the feed (the API document reads them). */
static const struct field event_fields[] = {
    {"type", FT_TEXT, F_NOTNULL, kinds},
    {"date", FT_DATE, F_NOTNULL},
    {"datetime", FT_TIMESTAMP, 0, .doc = "interviews: the time; null for a whole day"},
    {"title", FT_TEXT, F_NOTNULL},
    {"application_id", FT_INT, 0},
    {"job_id", FT_INT, 0},
    {"task_id", FT_INT, 0},
    {"updated_at", FT_TIMESTAMP, F_NOTNULL},
    {NULL},
};
const struct table calendar_event_reply = {NULL, event_fields, false, "CalendarEvent"};
static const struct field feed_fields[] = {
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {"last_used_at", FT_TIMESTAMP, 0, .doc = "when a calendar last read it"},
    {NULL},
};
const struct table calendar_feed_reply = {NULL, feed_fields, false, "CalendarFeed"};

static int kind_rank(const char *type)
{
    for (int i = 0; kinds[i]; i++)
        if (strcmp(kinds[i], type) == 0)
            return i;
    return 99;
}

struct event {
    const char *type, *date, *datetime, *title, *updated_at;
    int rank; /* kind_rank(type), once per event rather than twice per comparison */
    int64_t application, job, task;
};

static int by_time(const void *x, const void *y)
{
    const struct event *a = x, *b = y;
    int d = strcmp(a->date, b->date);
    if (d)
        return d;
    if ((a->datetime != NULL) != (b->datetime != NULL))
        return a->datetime ? 1 : -1; /* all-day first */
    if (a->datetime && (d = strcmp(a->datetime, b->datetime)))
        return d;
    if ((d = a->rank - b->rank))
        return d;
    if (a->application != b->application)
        return a->application < b->application ? -1 : 1;
    return a->task < b->task ? -1 : a->task > b->task;
}

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer((json_int_t)id) : json_null();
}

/* "Words: title", or "Words: title at company" (thousands per month: no printf). */
static const char *title_of(struct arena *a, const char *words, const char *title,
                            const char *company)
{
    const char *parts[] = {words, ": ", title ? title : "", " at ", company};
    size_t len[5], total = 0, n = company ? 5 : 3;
    for (size_t i = 0; i < n; i++)
        total += len[i] = strlen(parts[i]);
    char *s = arena_alloc(a, total + 1), *p = s;
    for (size_t i = 0; i < n; i++) {
        memcpy(p, parts[i], len[i]);
        p += len[i];
    }
    *p = '\0';
    return s;
}

/* The events of the range into *out (arena a), *n of them, in time order. */
static int load_events(struct store_conn *c, int64_t user_id, const char *from, const char *to,
                       struct arena *a, struct event **out, size_t *n, struct err *e)
{
    /* the range's instants: [from 00:00:00Z, the day after `to` 00:00:00Z) */
    time_t last;
    if (!time_parse_date(to, &last))
        return err_set(e, ERR_INVALID, "to", "to must be a date (YYYY-MM-DD)");
    char day_after[TIME_DATE_LEN];
    time_format_date(last + 86400, day_after);
    const char *start = arena_printf(a, "%sT00:00:00Z", from);
    const char *end = arena_printf(a, "%sT00:00:00Z", day_after);
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(from),   SV_TEXT(to),     SV_INT(user_id),
                              SV_TEXT(start),  SV_TEXT(end),    SV_INT(user_id), SV_TEXT(from),
                              SV_TEXT(to),     SV_INT(user_id), SV_TEXT(from),   SV_TEXT(to)};
    struct store_result *r;
    int rc = store_exec(c, events_sql, p, 12, &r, e);
    if (rc)
        return rc;
    *n = store_rows(r);
    struct event *ev = arena_alloc(a, (*n ? *n : 1) * sizeof *ev);
    for (size_t i = 0; i < *n; i++) {
        const char *datetime = store_text(r, i, 2);
        const char *type = store_text(r, i, 0);
        int k = kind_rank(type);
        ev[i] = (struct event){
            .type = k < 99 ? kinds[k] : arena_strdup(a, type),
            .rank = k,
            .datetime = datetime ? arena_strdup(a, datetime) : NULL,
            .date =
                datetime ? arena_strndup(a, datetime, 10) : arena_strdup(a, store_text(r, i, 1)),
            .application = store_isnull(r, i, 3) ? 0 : store_int(r, i, 3),
            .job = store_isnull(r, i, 4) ? 0 : store_int(r, i, 4),
            .task = store_isnull(r, i, 5) ? 0 : store_int(r, i, 5),
            .updated_at = arena_strdup(a, store_text(r, i, 8)),
        };
        const char *words = k < 99 ? kind_words[k] : ev[i].type;
        ev[i].title = title_of(a, words, store_text(r, i, 6), store_text(r, i, 7));
    }
    store_result_free(r);
    qsort(ev, *n, sizeof *ev, by_time);
    *out = ev;
    return 0;
}

int calendar_events(struct store_conn *c, int64_t user_id, const char *from, const char *to,
                    struct arena *a, json_t **out, struct err *e)
{
    struct event *ev;
    size_t n;
    int rc = load_events(c, user_id, from, to, a, &ev, &n, e);
    if (rc)
        return rc;
    *out = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            *out, json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:s}", "type", ev[i].type, "date",
                            ev[i].date, "datetime",
                            ev[i].datetime ? json_string(ev[i].datetime) : json_null(), "title",
                            ev[i].title, "application_id", id_or_null(ev[i].application), "job_id",
                            id_or_null(ev[i].job), "task_id", id_or_null(ev[i].task), "updated_at",
                            ev[i].updated_at));
    return 0;
}

/* Appends "name":id, or "name":null when id is 0. */
static void put_id(struct buf *out, const char *name, int64_t id)
{
    buf_puts(out, ",\"");
    buf_puts(out, name);
    buf_puts(out, "\":");
    if (id)
        buf_put_int(out, id);
    else
        buf_puts(out, "null");
}

int calendar_events_text(struct store_conn *c, int64_t user_id, const char *from, const char *to,
                         struct arena *a, struct buf *out, struct err *e)
{
    struct event *ev;
    size_t n;
    int rc = load_events(c, user_id, from, to, a, &ev, &n, e);
    if (rc)
        return rc;
    /* room for the whole answer at once (about 220 bytes an event): a megabyte grown by
     * doubling was copied at each step */
    buf_grow(out, n * 240 + 2);
    buf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        buf_puts(out, i ? ",{\"type\":" : "{\"type\":");
        json_buf_string(out, ev[i].type);
        buf_puts(out, ",\"date\":");
        json_buf_string(out, ev[i].date);
        buf_puts(out, ",\"datetime\":");
        if (ev[i].datetime)
            json_buf_string(out, ev[i].datetime);
        else
            buf_puts(out, "null");
        buf_puts(out, ",\"title\":");
        json_buf_string(out, ev[i].title);
        put_id(out, "application_id", ev[i].application);
        put_id(out, "job_id", ev[i].job);
        put_id(out, "task_id", ev[i].task);
        buf_puts(out, ",\"updated_at\":");
        json_buf_string(out, ev[i].updated_at);
        buf_putc(out, '}');
    }
    buf_putc(out, ']');
    return 0;
}

/* ================================================================ the feed */

static json_t *feed_json(const struct store_result *r)
{
    return json_pack("{s:s, s:o}", "created_at", store_text(r, 0, 0), "last_used_at",
                     store_text(r, 0, 1) ? json_string(store_text(r, 0, 1)) : json_null());
}

int calendar_feed_create(struct store_conn *c, int64_t user_id, const char *digest, struct arena *a,
                         json_t **out, struct err *e)
{
    const char *now = time_now_text(a);
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(digest), SV_TEXT(now)};
    struct store_result *r;
    /* one feed per user (unique user_id): posting again replaces the token, and the old one
     * stops working in the same statement */
    int rc = store_exec(c,
                        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) "
                        "VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                        "token_hash = excluded.token_hash, created_at = excluded.created_at, "
                        "last_used_at = NULL RETURNING created_at, last_used_at",
                        p, 3, &r, e);
    if (rc)
        return rc;
    *out = feed_json(r);
    store_result_free(r);
    return 0;
}

int calendar_feed_get(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                      struct err *e)
{
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c, "SELECT created_at, last_used_at FROM calendar_feeds WHERE user_id = ?",
                        p, 1, &r, e);
    if (rc)
        return rc;
    if (store_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no calendar feed: create one first");
    else
        *out = feed_json(r);
    store_result_free(r);
    return rc;
}

int calendar_feed_delete(struct store_conn *c, int64_t user_id, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c, "DELETE FROM calendar_feeds WHERE user_id = ?", p, 1, &r, e);
    if (rc)
        return rc;
    bool gone = store_changes(r) > 0;
    store_result_free(r);
    return gone ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no calendar feed");
}

int calendar_feed_user(struct store_conn *c, const char *digest, struct arena *a, int64_t *user_id,
                       struct err *e)
{
    *user_id = 0;
    struct store_value p[] = {SV_TEXT(digest)};
    struct store_result *r;
    int rc = store_exec(c, "SELECT user_id, last_used_at FROM calendar_feeds WHERE token_hash = ?",
                        p, 1, &r, e);
    if (rc)
        return rc;
    if (store_rows(r)) {
        *user_id = store_int(r, 0, 0);
        /* calendars poll; note the use, but write at most once a minute */
        time_t last = 0;
        const char *text = store_text(r, 0, 1);
        if (text == NULL || !time_parse_rfc3339(text, &last) || time(NULL) - last >= 60) {
            struct store_value u[] = {SV_TEXT(time_now_text(a)), SV_TEXT(digest)};
            rc = store_exec(c, "UPDATE calendar_feeds SET last_used_at = ? WHERE token_hash = ?", u,
                            2, NULL, e);
        }
    }
    store_result_free(r);
    return rc;
}
