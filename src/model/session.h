/*
 * This file declares the sessions model: bearer tokens are stored only as digests
 * (lib/crypto.h), with an expiry; revoking deletes the row; expired rows are purged.
 */
#ifndef COPILOT_MODEL_SESSION_H
#define COPILOT_MODEL_SESSION_H

#include "table.h"

/* Stores a session for user_id under digest, expiring at expires_at (RFC 3339), after
 * deleting every expired session (session_purge_expired). */
int session_create(struct store_conn *c, int64_t user_id, const char *digest,
                   const char *expires_at, const char *user_agent, struct arena *a, struct err *e);
/* Finds the live session with digest: *user_id = 0 when none (or expired). Refreshes
 * last_used_at at most once a minute. */
int session_lookup(struct store_conn *c, const char *digest, struct arena *a, int64_t *user_id,
                   bool *is_admin, struct err *e);
/* session_lookup in parts, for a caller that sends the lookup together with other statements
 * (api/auth.c): the statement finding the live session with digest at now (RFC 3339; params
 * receives its two values, which must live as long as *out) and what its result says (*user_id
 * 0 when none; *stale when last_used_at is due for its refresh, which such a caller leaves to
 * session_lookup: api/auth.c looks the session up again then). */
void session_lookup_stmt(const char *digest, const char *now, struct store_value params[2],
                         struct store_stmt *out);
void session_lookup_read(const struct store_result *r, int64_t *user_id, bool *is_admin,
                         bool *stale);
/* Revokes one session. */
int session_revoke(struct store_conn *c, const char *digest, struct err *e);
/* Revokes every session of user_id except the one with keep_digest (NULL = all). */
int session_revoke_others(struct store_conn *c, int64_t user_id, const char *keep_digest,
                          struct err *e);
/* Deletes expired sessions (at start-up, and before each new session). */
int session_purge_expired(struct store_conn *c, struct arena *a, struct err *e);

#endif
