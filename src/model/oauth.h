/*
 * This file declares the OAuth model: pending authorisations (state + PKCE verifier, stored
 * by the digest of the state, 10 minutes) and the account behind a provider identity.
 */
#ifndef COPILOT_MODEL_OAUTH_H
#define COPILOT_MODEL_OAUTH_H

#include "table.h"

/* Records a pending authorisation for provider (expired ones are purged on the way). */
int oauth_state_create(struct store_conn *c, const char *state_digest, const char *provider,
                       const char *verifier, struct arena *a, struct err *e);
/* Consumes the pending authorisation with state_digest for provider: *verifier (in a) is its
 * PKCE verifier. ERR_NOT_FOUND when unknown, expired, used or for another provider. */
int oauth_state_take(struct store_conn *c, const char *state_digest, const char *provider,
                     struct arena *a, const char **verifier, struct err *e);

/* The identity a provider vouched for. */
struct oauth_identity {
    const char *provider, *subject; /* (oauth_provider, oauth_id) */
    const char *email;              /* lower-cased */
    const char *username_hint;      /* login or name; NULL when none */
    const char *picture;            /* NULL when none */
};

/* Finds the user linked to id (provider, subject), or creates one (no password; a username made
 * from the hint, made unique). *user_id receives it. ERR_CONFLICT (field email) when another
 * account already uses the e-mail: linking is never done on e-mail alone. */
int oauth_user_for(struct store_conn *c, const struct oauth_identity *id, struct arena *a,
                   int64_t *user_id, struct err *e);

#endif
