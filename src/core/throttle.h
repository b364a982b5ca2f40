/*
 * This file declares the login throttling policy (issue 8 item 6; docs/security.md has the
 * design and the numbers): pure decisions over the failure counters that model/login_throttle.c
 * keeps in the database. Two budgets, each a fixed window:
 *
 *   the account's  account_limit failures per account_window seconds, counted against the
 *                  resolved account (whatever name or e-mail was typed for it) or, for a name
 *                  that matches no account, against that name; when spent, every attempt on
 *                  the account waits for the window to end, the right password too;
 *   the address's  address_limit failures per address_window seconds from one client
 *                  address: a slower, higher budget that, when spent, stops only attempts on
 *                  accounts that are themselves under attack (THROTTLE_UNDER_ATTACK failures or
 *                  more in their window). An account without recent failures can always be
 *                  tried, so the right password is never refused because of other people's
 *                  failures behind a shared address.
 *
 * A limit of 0 turns its budget off.
 */
#ifndef COPILOT_CORE_THROTTLE_H
#define COPILOT_CORE_THROTTLE_H

#include <stdbool.h>
#include <time.h>

#include "../lib/config.h"

/* An account with at least this many failures in its window is "under attack". */
#define THROTTLE_UNDER_ATTACK 3

struct throttle_policy {
    int account_limit, account_window; /* failures, seconds */
    int address_limit, address_window;
};

/* One stored counter: failures counted since window_start (failures 0: no counter). */
struct throttle_count {
    int failures;
    time_t window_start;
};

/* The policy configured in c (COPILOT_LOGIN_*). */
struct throttle_policy throttle_policy_from_config(const struct config *c);

/* The failures of c that still count at now in a window of window seconds (0 once it ended). */
int throttle_current(struct throttle_count c, int window, time_t now);

/* Decides an attempt before it is counted, from the account's and the address's counters:
 * 0 to go ahead, else the seconds to wait (>= 1; what Retry-After says): until the account's
 * window ends when its budget is spent; when the address's budget is spent and the account is
 * under attack, until the first of the two windows ends. */
int throttle_check(const struct throttle_policy *p, struct throttle_count account,
                   struct throttle_count address, time_t now);

/* Decides an attempt after it was counted against the account (account includes it): 0 to
 * check the password, else the seconds to wait. Differs from throttle_check only when
 * concurrent attempts took the last of the budget between the check and the count. */
int throttle_counted(const struct throttle_policy *p, struct throttle_count account, time_t now);

#endif
