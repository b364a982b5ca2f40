/* This file implements the sessions model of session.h. */
#include "session.h"

#include <string.h>
#include <time.h>

#include "../lib/timeutil.h"

int session_create(struct store_conn *c, int64_t user_id, const char *digest,
                   const char *expires_at, const char *user_agent, struct arena *a, struct err *e)
{
    /* SPEC part A: expired rows are purged, also while a server runs for weeks, not only at
     * its start: every new session first deletes every expired one (an index range, and a
     * login already costs an argon2id hash) */
    int rc = session_purge_expired(c, a, e);
    if (rc)
        return rc;
    const char *now = time_now_text(a);
    struct store_value p[] = {SV_INT(user_id),     SV_TEXT(digest), SV_TEXT(now),
                              SV_TEXT(expires_at), SV_TEXT(now),    SV_TEXT_OR_NULL(user_agent)};
    return store_exec(c,
                      "INSERT INTO sessions (user_id, token_hash, created_at, expires_at, "
                      "last_used_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)",
                      p, 6, NULL, e);
}

void session_lookup_stmt(const char *digest, const char *now, struct store_value params[2],
                         struct store_stmt *out)
{
    params[0] = SV_TEXT(digest);
    params[1] = SV_TEXT(now);
    /* sessions.is_admin is the user's, kept by triggers (migration 0080): one table read */
    *out = (struct store_stmt){"SELECT user_id, is_admin, last_used_at FROM sessions "
                               "WHERE token_hash = ? AND expires_at > ?",
                               params, 2, false};
}

void session_lookup_read(const struct store_result *r, int64_t *user_id, bool *is_admin,
                         bool *stale)
{
    *user_id = 0;
    *is_admin = false;
    *stale = false;
    if (store_rows(r) == 0)
        return;
    *user_id = store_int(r, 0, 0);
    *is_admin = store_bool(r, 0, 1);
    /* a write per request would serialise readers on SQLite: refresh once a minute at most */
    time_t last = 0;
    const char *last_text = store_text(r, 0, 2);
    *stale = last_text == NULL || !time_parse_rfc3339(last_text, &last) || time(NULL) - last >= 60;
}

/* Refreshes the session's last_used_at (session_lookup_read's *stale). */
static int touch(struct store_conn *c, const char *digest, const char *now, struct err *e)
{
    struct store_value u[] = {SV_TEXT(now), SV_TEXT(digest)};
    return store_exec(c, "UPDATE sessions SET last_used_at = ? WHERE token_hash = ?", u, 2, NULL,
                      e);
}

int session_lookup(struct store_conn *c, const char *digest, struct arena *a, int64_t *user_id,
                   bool *is_admin, struct err *e)
{
    *user_id = 0;
    *is_admin = false;
    const char *now = time_now_text(a);
    struct store_value p[2];
    struct store_stmt lookup;
    session_lookup_stmt(digest, now, p, &lookup);
    struct store_result *r;
    int rc = store_exec(c, lookup.sql, lookup.params, lookup.nparams, &r, e);
    if (rc)
        return rc;
    bool stale;
    session_lookup_read(r, user_id, is_admin, &stale);
    store_result_free(r);
    return *user_id && stale ? touch(c, digest, now, e) : 0;
}

int session_revoke(struct store_conn *c, const char *digest, struct err *e)
{
    struct store_value p[] = {SV_TEXT(digest)};
    return store_exec(c, "DELETE FROM sessions WHERE token_hash = ?", p, 1, NULL, e);
}

int session_revoke_others(struct store_conn *c, int64_t user_id, const char *keep_digest,
                          struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(keep_digest ? keep_digest : "")};
    return store_exec(c, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", p, 2, NULL,
                      e);
}

int session_purge_expired(struct store_conn *c, struct arena *a, struct err *e)
{
    struct store_value p[] = {SV_TEXT(time_now_text(a))};
    return store_exec(c, "DELETE FROM sessions WHERE expires_at <= ?", p, 1, NULL, e);
}
