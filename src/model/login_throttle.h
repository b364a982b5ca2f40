/*
 * This file declares the login_throttles model: the failed-login counters of the throttling
 * policy (src/core/throttle.h; docs/security.md), kept in the database so that every server
 * on it shares them and they survive restarts. A login attempt goes
 *
 *   login_throttle_subject   who is being tried: the resolved account (or, for a name that
 *                            matches no account, that name) and the client address;
 *   login_throttle_begin     may it be tried? (reads both counters, then counts the attempt
 *                            against the account in one statement, so concurrent attempts on
 *                            one server or many cannot exceed the account's budget);
 *   ... the password is checked ...
 *   login_throttle_end       a failure is counted against the address (and old rows purged);
 *                            a success forgets the account's failures.
 */
#ifndef COPILOT_MODEL_LOGIN_THROTTLE_H
#define COPILOT_MODEL_LOGIN_THROTTLE_H

#include <stdbool.h>
#include <time.h>

#include "../core/throttle.h"
#include "../lib/netaddr.h"
#include "table.h"

/* Who a login attempt tries: exactly one of user_id (> 0) and name_hash, and an address key. */
struct login_subject {
    int64_t user_id;
    char name_hash[65];             /* hex SHA-256 of the lower-cased typed name, or "" */
    char address[NETADDR_TEXT_LEN]; /* netaddr_throttle_key of the client */
};

/* Fills s for an attempt on user_id (0: typed matched no account; then typed, the name or
 * e-mail as typed, is what is counted) from client. */
void login_throttle_subject(struct login_subject *s, int64_t user_id, const char *typed,
                            const struct netaddr *client);

/* Decides whether the attempt may check its password and, when it may, counts it against the
 * account. *wait receives 0 (go ahead) or the seconds to wait (the attempt is not counted).
 * Returns 0 or a store error. */
int login_throttle_begin(struct store_conn *c, const struct throttle_policy *p,
                         const struct login_subject *s, time_t now, int *wait, struct err *e);

/* Ends an attempt that began: ok forgets the account's failures; a failure (already counted
 * against the account) is counted against the address, and rows whose windows are over are
 * purged. */
int login_throttle_end(struct store_conn *c, const struct throttle_policy *p,
                       const struct login_subject *s, bool ok, time_t now, struct err *e);

/* Deletes the rows whose windows are over at now (also done after failures). */
int login_throttle_purge(struct store_conn *c, const struct throttle_policy *p, time_t now,
                         struct err *e);

#endif
