/*
 * This file declares whole-account operations: deleting a user (every owned row goes with it
 * through the ON DELETE rules of the schema), exporting all of a user's data as one JSON
 * document, and changing the password (which signs the other sessions out).
 */
#ifndef COPILOT_MODEL_ACCOUNT_H
#define COPILOT_MODEL_ACCOUNT_H

#include "table.h"

/* A registration: the new user's fields and its first session's (session_create's). */
struct account_new {
    const char *username, *email, *password_hash;
    const char *token_digest, *expires_at, *user_agent;
};
/* Creates the user (as user_create: ERR_CONFLICT naming the field taken) and its first session
 * in one transaction, so that a failure leaves neither: a client whose registration failed finds
 * its name free when it tries again. *user is the user's row (caller decrefs), NULL on failure. */
int account_register(struct store_conn *c, const struct account_new *n, struct arena *a,
                     json_t **user, struct err *e);
/* Deletes user id. ERR_NOT_FOUND when there is no such user. */
int account_delete(struct store_conn *c, int64_t id, struct err *e);
/* Sets user id's password hash and signs every other session out (all but the one whose token
 * digest is keep_digest), in one transaction. */
int account_set_password(struct store_conn *c, int64_t id, const char *hash,
                         const char *keep_digest, struct arena *a, struct err *e);
/* The document account_export makes (the API document reads it). */
extern const struct table account_export_reply;

/* The export of all of user id's data, {"exported_at", "user", "preferences", "jobs",
 * "applications", ...}, streamed: the rows of each table come from a cursor (store.h) and go
 * out as they are read, so memory stays constant whatever the account holds. The bytes are
 * those json_dumps(document, flags) would give for the whole document (JSON_COMPACT for the
 * API, JSON_INDENT(2) for `copilot export`). Nothing else may run on c until the export is
 * closed. account_export_open reads the user (ERR_NOT_FOUND when there is none) and the
 * preferences; account_export_next appends the next part (some tens of KiB) to out and
 * returns 1, 0 once the document is complete, or ERR_* with e filled;
 * account_export_close frees the export (NULL is fine). */
struct account_export;
int account_export_open(struct store_conn *c, int64_t id, size_t flags, struct account_export **out,
                        struct err *e);
int account_export_next(struct account_export *x, struct buf *out, struct err *e);
void account_export_close(struct account_export *x);
/* The rows of every list written so far (for a progress report). */
int64_t account_export_rows(const struct account_export *x);

#endif
