/* This file implements the login throttling decisions of throttle.h. */
#include "throttle.h"

struct throttle_policy throttle_policy_from_config(const struct config *c)
{
    return (struct throttle_policy){c->login_account_limit, c->login_account_window,
                                    c->login_address_limit, c->login_address_window};
}

int throttle_current(struct throttle_count c, int window, time_t now)
{
    if (c.failures <= 0 || now - c.window_start >= window || now < c.window_start - window)
        return 0; /* over, or a start so far ahead that a clock must have jumped */
    return c.failures;
}

/* Seconds from now to the end of c's window (at least 1). */
static int until_end(struct throttle_count c, int window, time_t now)
{
    time_t left = c.window_start + window - now;
    if (left < 1)
        return 1;
    return left > window ? window : (int)left;
}

int throttle_check(const struct throttle_policy *p, struct throttle_count account,
                   struct throttle_count address, time_t now)
{
    int mine = throttle_current(account, p->account_window, now);
    if (p->account_limit > 0 && mine >= p->account_limit)
        return until_end(account, p->account_window, now);
    if (p->address_limit <= 0 || mine < THROTTLE_UNDER_ATTACK)
        return 0;
    if (throttle_current(address, p->address_window, now) < p->address_limit)
        return 0;
    int a = until_end(account, p->account_window, now);
    int b = until_end(address, p->address_window, now);
    return a < b ? a : b;
}

int throttle_counted(const struct throttle_policy *p, struct throttle_count account, time_t now)
{
    if (p->account_limit <= 0 ||
        throttle_current(account, p->account_window, now) <= p->account_limit)
        return 0;
    return until_end(account, p->account_window, now);
}
