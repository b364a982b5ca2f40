/* This file implements the calendar of calendar.h. */
#include "calendar.h"

#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "table.h"

/*
 * The events are kept on write in calendar_events (migration 0070: triggers on applications
 * and tasks), one row each, with the whole title; the key of its order index is the answer's
 * order: the day, the all-day events first (datetime '' on SQLite, NULL on PostgreSQL), the
 * interview's time, the kind (follow-up, interview, offer, task), the application (0: none),
 * the task (0: none). One user's range is read in that order from the table (SQLite: its
 * primary key) or one index (PostgreSQL: an index-only scan), without a sort.
 */
static const char events_sql[] =
    "SELECT kind, date, datetime, application_id, job_id, task_id, title, updated_at "
    "FROM calendar_events WHERE user_id = ? AND date >= ? AND date <= ? "
    "ORDER BY date, datetime NULLS FIRST, kind, application_id, task_id";

static const char *const kinds[] = {"follow_up", "interview", "offer", "task", NULL};

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

/* The events of the range as rows of events_sql (caller frees *out). */
static int load_events(struct store_conn *c, int64_t user_id, const char *from, const char *to,
                       struct store_result **out, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(from), SV_TEXT(to)};
    return store_exec(c, events_sql, p, 3, out, e);
}

/* Row i's kind as its name (kinds). */
static const char *event_type(const struct store_result *r, size_t i)
{
    int64_t k = store_int(r, i, 0);
    return k >= 0 && k < 4 ? kinds[k] : "unknown";
}

/* Row i's interview time, or NULL for an all-day event ('' on SQLite, NULL on PostgreSQL). */
static const char *event_datetime(const struct store_result *r, size_t i)
{
    const char *t = store_text(r, i, 2);
    return t && *t ? t : NULL;
}

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer((json_int_t)id) : json_null();
}

int calendar_events(struct store_conn *c, int64_t user_id, const char *from, const char *to,
                    struct arena *a, json_t **out, struct err *e)
{
    struct store_result *r;
    int rc = load_events(c, user_id, from, to, &r, e);
    if (rc)
        return rc;
    *out = json_array();
    for (size_t i = 0; i < store_rows(r); i++) {
        const char *datetime = event_datetime(r, i);
        /* a title not valid UTF-8 (raw SQL on SQLite) with U+FFFD: json_pack refuses it */
        const char *title = store_text(r, i, 6);
        char *repaired =
            utf8_valid(title, strlen(title)) ? NULL : utf8_repair(title, strlen(title));
        json_array_append_new(
            *out, json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:s}", "type", event_type(r, i),
                            "date", store_text(r, i, 1), "datetime",
                            datetime ? json_string(datetime) : json_null(), "title",
                            repaired ? repaired : title, "application_id",
                            id_or_null(store_int(r, i, 3)), "job_id",
                            id_or_null(store_isnull(r, i, 4) ? 0 : store_int(r, i, 4)), "task_id",
                            id_or_null(store_int(r, i, 5)), "updated_at", store_text(r, i, 7)));
        free(repaired);
    }
    store_result_free(r);
    return 0;
}

/* Appends ",\"name\":" and the cell (an integer's text, canonical from both engines), or null
 * when it is NULL or 0. */
static void put_id(struct buf *out, const char *name, const struct store_result *r, size_t i,
                   int col)
{
    buf_puts(out, ",\"");
    buf_puts(out, name);
    buf_puts(out, "\":");
    size_t len;
    const char *v = store_isnull(r, i, col) ? NULL : store_text_len(r, i, col, &len);
    if (v == NULL || (len == 1 && v[0] == '0'))
        buf_puts(out, "null");
    else
        buf_append(out, v, len);
}

int calendar_events_text(struct store_conn *c, int64_t user_id, const char *from, const char *to,
                         struct arena *a, struct buf *out, struct err *e)
{
    struct store_result *r;
    int rc = load_events(c, user_id, from, to, &r, e);
    if (rc)
        return rc;
    size_t n = store_rows(r);
    /* room for the whole answer at once (about 220 bytes an event): a megabyte grown by
     * doubling was copied at each step */
    buf_grow(out, n * 240 + 2);
    buf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        buf_puts(out, i ? ",{\"type\":\"" : "{\"type\":\"");
        buf_puts(out, event_type(r, i));
        buf_puts(out, "\",\"date\":");
        table_json_string(out, store_text(r, i, 1), strlen(store_text(r, i, 1)));
        buf_puts(out, ",\"datetime\":");
        const char *datetime = event_datetime(r, i);
        if (datetime)
            json_buf_string(out, datetime);
        else
            buf_puts(out, "null");
        buf_puts(out, ",\"title\":");
        size_t len;
        const char *title = store_text_len(r, i, 6, &len);
        table_json_string(out, title, len);
        put_id(out, "application_id", r, i, 3);
        put_id(out, "job_id", r, i, 4);
        put_id(out, "task_id", r, i, 5);
        buf_puts(out, ",\"updated_at\":");
        table_json_string(out, store_text(r, i, 7), strlen(store_text(r, i, 7)));
        buf_putc(out, '}');
    }
    buf_putc(out, ']');
    store_result_free(r);
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
    bool gone;
    int rc = store_exec_matched(c, "DELETE FROM calendar_feeds WHERE user_id = ?", p, 1, &gone, e);
    if (rc == 0 && !gone)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no calendar feed");
    return rc;
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
