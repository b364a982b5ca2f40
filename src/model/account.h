/*
 * This file declares whole-account operations: deleting a user (every owned row goes with it
 * through the ON DELETE rules of the schema), exporting all of a user's data as one JSON
 * document, and changing the password (which signs the other sessions out).
 */
#ifndef COPILOT_MODEL_ACCOUNT_H
#define COPILOT_MODEL_ACCOUNT_H

#include "table.h"

/* Deletes user id. ERR_NOT_FOUND when there is no such user. */
int account_delete(struct store_conn *c, int64_t id, struct err *e);
/* *out receives {"exported_at", "user", "preferences", "jobs", "applications", ...}. */
/* Sets user id's password hash and signs every other session out (all but the one whose token
 * digest is keep_digest), in one transaction. */
int account_set_password(struct store_conn *c, int64_t id, const char *hash,
                         const char *keep_digest, struct arena *a, struct err *e);
/* The document account_export makes (the API document reads it). */
extern const struct table account_export_reply;
int account_export(struct store_conn *c, int64_t id, struct arena *a, json_t **out, struct err *e);

#endif
