/* This file implements the OAuth model of oauth.h. */
#include "oauth.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

#include "../core/validate.h"
#include "../lib/crypto.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "user.h"

#define STATE_TTL 600

int oauth_state_create(struct store_conn *c, const char *state_digest, const char *provider,
                       const char *verifier, struct arena *a, struct err *e)
{
    const char *now = time_now_text(a);
    struct store_value purge[] = {SV_TEXT(now)};
    int rc = store_exec(c, "DELETE FROM oauth_states WHERE expires_at <= ?", purge, 1, NULL, e);
    if (rc)
        return rc;
    char *expires = arena_alloc(a, TIME_RFC3339_LEN);
    time_format_rfc3339(time(NULL) + STATE_TTL, expires);
    struct store_value p[] = {SV_TEXT(state_digest), SV_TEXT(provider), SV_TEXT(verifier),
                              SV_TEXT(now), SV_TEXT(expires)};
    return store_exec(c,
                      "INSERT INTO oauth_states (state_hash, provider, code_verifier, created_at, "
                      "expires_at) VALUES (?, ?, ?, ?, ?)",
                      p, 5, NULL, e);
}

int oauth_state_take(struct store_conn *c, const char *state_digest, const char *provider,
                     struct arena *a, const char **verifier, struct err *e)
{
    struct store_value p[] = {SV_TEXT(state_digest), SV_TEXT(provider), SV_TEXT(time_now_text(a))};
    struct store_result *r;
    int rc = store_exec(c,
                        "DELETE FROM oauth_states WHERE state_hash = ? AND provider = ? "
                        "AND expires_at > ? RETURNING code_verifier",
                        p, 3, &r, e);
    if (rc)
        return rc;
    if (store_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "state", "unknown or expired OAuth state");
    else
        *verifier = arena_strdup(a, store_text(r, 0, 0));
    store_result_free(r);
    return rc;
}

static int linked_user(struct store_conn *c, const struct oauth_identity *id, int64_t *user_id,
                       struct err *e)
{
    return user_id_by_oauth(c, id->provider, id->subject, user_id, e);
}

/* A valid username from hint: allowed characters kept, 3-40 long, "user" when nothing is
 * left; attempt > 0 appends a random suffix. */
static const char *username_from(const char *hint, int attempt, struct arena *a)
{
    char base[41];
    size_t n = 0;
    for (const char *p = hint ? hint : ""; *p && n < 40; p++)
        if (isalnum((unsigned char)*p) || strchr("_.-", *p))
            base[n++] = *p;
    base[n] = '\0';
    if (n < 3)
        snprintf(base, sizeof base, "user");
    if (attempt == 0 && n >= 3)
        return arena_strdup(a, base);
    char suffix[9];
    crypto_random_hex(suffix, 4);
    return arena_printf(a, "%s-%s", base, suffix);
}

int oauth_user_for(struct store_conn *c, const struct oauth_identity *id, struct arena *a,
                   int64_t *user_id, struct err *e)
{
    int rc = linked_user(c, id, user_id, e);
    if (rc || *user_id)
        return rc;
    for (int attempt = 0; attempt < 6; attempt++) {
        struct err attempt_err = {0};
        struct values v = {0};
        const char *now = time_now_text(a);
        values_set(&v, &user_table, "username",
                   SV_TEXT(username_from(id->username_hint, attempt, a)));
        values_set(&v, &user_table, "email", SV_TEXT(id->email));
        values_set(&v, &user_table, "oauth_provider", SV_TEXT(id->provider));
        values_set(&v, &user_table, "oauth_id", SV_TEXT(id->subject));
        /* the provider's picture only when it is a URL the API would accept from the user */
        const char *picture =
            id->picture && validate_url("picture", id->picture, NULL) == 0 ? id->picture : NULL;
        values_set(&v, &user_table, "profile_picture_url", SV_TEXT_OR_NULL(picture));
        values_set(&v, &user_table, "created_at", SV_TEXT(now));
        values_set(&v, &user_table, "updated_at", SV_TEXT(now));
        json_t *user;
        rc = table_insert(c, &user_table, &v, a, &user, &attempt_err);
        if (rc == 0) {
            *user_id = json_get_int(user, "id");
            json_decref(user);
            return 0;
        }
        if (rc != ERR_CONFLICT || strstr(attempt_err.constraint, "username") == NULL) {
            if (rc == ERR_CONFLICT && strstr(attempt_err.constraint, "email"))
                return err_set(e, ERR_CONFLICT, "email",
                               "another account already uses this e-mail address; log in to "
                               "it with its password");
            if (rc == ERR_CONFLICT) /* the same identity was created concurrently */
                return linked_user(c, id, user_id, e);
            return err_set(e, rc, attempt_err.field, "%s", attempt_err.message);
        }
    }
    return err_set(e, ERR_CONFLICT, "username", "cannot find a free username");
}
