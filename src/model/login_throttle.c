/*
 * This file implements the login_throttles model of login_throttle.h. A counter is one row per
 * subject (user_id, name_hash or address: migrations 0015); counting is one upsert that starts a
 * new window when the stored one is over, so it is atomic on both engines and across servers.
 * The decisions are core/throttle.c's.
 */
#include "login_throttle.h"

#include <ctype.h>
#include <string.h>

#include "../lib/crypto.h"
#include "../lib/timeutil.h"

void login_throttle_subject(struct login_subject *s, int64_t user_id, const char *typed,
                            const struct netaddr *client)
{
    memset(s, 0, sizeof *s);
    s->user_id = user_id;
    if (user_id <= 0) { /* one budget per name, whatever its case: the hash of the folded text */
        char folded[256];
        size_t n = 0;
        for (; n < sizeof folded - 1 && typed[n]; n++)
            folded[n] = (char)tolower((unsigned char)typed[n]);
        folded[n] = '\0';
        crypto_sha256_hex(folded, n, s->name_hash);
    }
    netaddr_throttle_key(client, s->address);
}

/* The account's key column and value. */
static const char *account_column(const struct login_subject *s, struct store_value *v)
{
    if (s->user_id > 0) {
        *v = SV_INT(s->user_id);
        return "user_id";
    }
    *v = SV_TEXT(s->name_hash);
    return "name_hash";
}

/* A counter from columns (failures, window_start) of row i. */
static struct throttle_count count_of(const struct store_result *r, size_t i, int col)
{
    struct throttle_count c = {0};
    time_t start;
    if (time_parse_rfc3339(store_text(r, i, col + 1), &start)) {
        c.failures = (int)store_int(r, i, col);
        c.window_start = start;
    }
    return c;
}

/* Counts one failure for the subject column = value in a window of window seconds (a new
 * window when the stored one is over); *out (may be NULL) receives the counter after it. */
static int count_failure(struct store_conn *c, const char *column, struct store_value value,
                         int window, time_t now, struct throttle_count *out, struct err *e)
{
    char now_text[TIME_RFC3339_LEN], cutoff[TIME_RFC3339_LEN], sql[640];
    time_format_rfc3339(now, now_text);
    time_format_rfc3339(now - window, cutoff);
    snprintf(sql, sizeof sql,
             "INSERT INTO login_throttles (%s, failures, window_start, last_failure_at) "
             "VALUES (?, 1, ?, ?) ON CONFLICT (%s) DO UPDATE SET "
             "failures = CASE WHEN login_throttles.window_start <= ? THEN 1 "
             "ELSE login_throttles.failures + 1 END, "
             "window_start = CASE WHEN login_throttles.window_start <= ? "
             "THEN excluded.window_start ELSE login_throttles.window_start END, "
             "last_failure_at = excluded.last_failure_at "
             "RETURNING failures, window_start",
             column, column);
    struct store_value p[] = {value, SV_TEXT(now_text), SV_TEXT(now_text), SV_TEXT(cutoff),
                              SV_TEXT(cutoff)};
    struct store_result *r;
    int rc = store_exec(c, sql, p, 5, &r, e);
    if (rc)
        return rc;
    if (out)
        *out = store_rows(r) ? count_of(r, 0, 0) : (struct throttle_count){0};
    store_result_free(r);
    return 0;
}

int login_throttle_begin(struct store_conn *c, const struct throttle_policy *p,
                         const struct login_subject *s, time_t now, int *wait, struct err *e)
{
    *wait = 0;
    struct store_value key;
    const char *column = account_column(s, &key);
    char sql[320];
    snprintf(sql, sizeof sql,
             "SELECT 0, failures, window_start FROM login_throttles WHERE %s = ? "
             "UNION ALL SELECT 1, failures, window_start FROM login_throttles WHERE address = ?",
             column);
    struct store_value params[] = {key, SV_TEXT(s->address)};
    struct store_result *r;
    int rc = store_exec(c, sql, params, 2, &r, e);
    if (rc)
        return rc;
    struct throttle_count account = {0}, address = {0};
    for (size_t i = 0; i < store_rows(r); i++) {
        if (store_int(r, i, 0) == 0)
            account = count_of(r, i, 1);
        else
            address = count_of(r, i, 1);
    }
    store_result_free(r);
    *wait = throttle_check(p, account, address, now);
    if (*wait)
        return 0;
    rc = count_failure(c, column, key, p->account_window, now, &account, e);
    if (rc == 0)
        *wait = throttle_counted(p, account, now);
    return rc;
}

int login_throttle_end(struct store_conn *c, const struct throttle_policy *p,
                       const struct login_subject *s, bool ok, time_t now, struct err *e)
{
    struct store_value key;
    const char *column = account_column(s, &key);
    if (ok) {
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM login_throttles WHERE %s = ?", column);
        return store_exec(c, sql, &key, 1, NULL, e);
    }
    int rc = count_failure(c, "address", SV_TEXT(s->address), p->address_window, now, NULL, e);
    return rc ? rc : login_throttle_purge(c, p, now, e);
}

int login_throttle_purge(struct store_conn *c, const struct throttle_policy *p, time_t now,
                         struct err *e)
{
    char account[TIME_RFC3339_LEN], address[TIME_RFC3339_LEN];
    time_format_rfc3339(now - p->account_window, account);
    time_format_rfc3339(now - p->address_window, address);
    const char *later = strcmp(account, address) > 0 ? account : address;
    struct store_value params[] = {SV_TEXT(later), SV_TEXT(account), SV_TEXT(address)};
    return store_exec(c,
                      "DELETE FROM login_throttles WHERE window_start <= ? AND "
                      "((address IS NULL AND window_start <= ?) OR "
                      "(address IS NOT NULL AND window_start <= ?))",
                      params, 3, NULL, e);
}
